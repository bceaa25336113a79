"""`make run` checks what Qt needs before it opens the window (tools/qt_check.py)."""
from __future__ import annotations

import importlib.util
import os
import subprocess
import sys

from tests import ROOT

spec = importlib.util.spec_from_file_location("qt_check", ROOT / "tools" / "qt_check.py")
assert spec and spec.loader
qt_check = importlib.util.module_from_spec(spec)
spec.loader.exec_module(qt_check)

LDD = """\
\tlinux-vdso.so.1 (0x00007ffd)
\tlibxcb-icccm.so.4 => not found
\tlibxcb-keysyms.so.1 => not found
\tlibxkbcommon-x11.so.0 => not found
\tlibQt6Gui.so.6 => /x/libQt6Gui.so.6 (0x00007f)
"""


def test_missing_libraries_map_to_debian_packages():
    libs = qt_check.missing_libraries(LDD)
    assert libs == ["libxcb-icccm.so.4", "libxcb-keysyms.so.1", "libxkbcommon-x11.so.0"]
    assert [qt_check.package_for(lib) for lib in libs] == ["libxcb-icccm4", "libxcb-keysyms1", "libxkbcommon-x11-0"]
    assert qt_check.package_for("libxcb-render-util.so.0") == "libxcb-render-util0"
    assert qt_check.package_for("libxcb-xinerama.so.0") == "libxcb-xinerama0"


def test_no_display_is_said_in_plain_words_and_points_at_screenshot():
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")}
    out = subprocess.run([sys.executable, str(ROOT / "tools" / "qt_check.py"), "--no-install"], env=env,
                         capture_output=True, text=True, timeout=60)
    assert out.returncode == 1
    assert "no display" in out.stderr and "screenshot" in out.stderr and "Traceback" not in out.stderr


def test_the_makefile_checks_before_it_runs():
    make = (ROOT / "Makefile").read_text()
    run = make.split("\nrun:", 1)[1].split("\n\n", 1)[0]
    assert "tools/qt_check.py" in run


def test_the_video_wall_loads_without_qt_multimedia():
    """The wall decodes with PyAV, whose wheels carry FFmpeg: no system audio library is needed."""
    code = ("import sys, console.views.video_wall, console.video.decoder; "
            "print('PySide6.QtMultimedia' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120,
                         env={**os.environ, "QT_QPA_PLATFORM": "offscreen"})
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == "False"
