from __future__ import annotations

from PySide6.QtGui import QImage

from console.map.schemes import _EMPTY_PNG


def test_missing_tile_answer_is_a_valid_transparent_image():
    # A broken placeholder would make Chromium log a decode error for every missing tile.
    image = QImage.fromData(_EMPTY_PNG)
    assert not image.isNull()
    assert (image.width(), image.height()) == (1, 1)
    assert image.pixelColor(0, 0).alpha() == 0
