from __future__ import annotations

from PySide6.QtGui import QImage

from console.map.schemes import _EMPTY_PNG


def test_missing_tile_answer_is_a_valid_transparent_image():
    # A broken placeholder would make Chromium log a decode error for every missing tile.
    image = QImage.fromData(_EMPTY_PNG)
    assert not image.isNull()
    assert (image.width(), image.height()) == (1, 1)
    assert image.pixelColor(0, 0).alpha() == 0


def test_chromium_flags_drop_the_gpu_unless_asked_and_keep_the_users(monkeypatch):
    from console.map import schemes

    flags = schemes.chromium_flags({})
    assert "--disable-gpu" in flags
    assert any(f.startswith('--js-flags="--max-old-space-size=') and f.endswith('"') for f in flags)
    assert "--disable-gpu" not in schemes.chromium_flags({"ICC_MAP_GPU": "1"})
    monkeypatch.setenv("QTWEBENGINE_CHROMIUM_FLAGS", "--no-first-run --js-flags=--jitless")
    monkeypatch.delenv("ICC_MAP_GPU", raising=False)
    schemes._add_chromium_flags()
    value = schemes.os.environ["QTWEBENGINE_CHROMIUM_FLAGS"]
    assert value.startswith("--no-first-run --js-flags=--jitless") and value.count("--js-flags") == 1
    assert "--disable-gpu" in value
    schemes._add_chromium_flags()
    assert schemes.os.environ["QTWEBENGINE_CHROMIUM_FLAGS"] == value  # idempotent
