"""Before `make run` opens the window: is there a display, and can Qt's X11 plugin load here?

Qt's "could not load the Qt platform plugin xcb" names no library. This asks `ldd` which shared
libraries the xcb plugin (and the web engine the map uses, and Qt Multimedia the video wall uses)
cannot find, installs their Debian packages with apt-get when running as root, or prints the one
command that does.

    python tools/qt_check.py            # exit 0: ready; 1: cannot open a window (and says why)
    python tools/qt_check.py --no-install
"""
from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

# Libraries whose Debian package name does not follow from the file name.
PACKAGES = {
    "libEGL.so.1": "libegl1",
    "libGL.so.1": "libgl1",
    "libOpenGL.so.0": "libopengl0",
    "libxkbcommon-x11.so.0": "libxkbcommon-x11-0",
    "libxkbcommon.so.0": "libxkbcommon0",
    "libdbus-1.so.3": "libdbus-1-3",
    "libnss3.so": "libnss3",
    "libnssutil3.so": "libnss3",
    "libsmime3.so": "libnss3",
    "libnspr4.so": "libnspr4",
    "libasound.so.2": "libasound2",
    "libX11-xcb.so.1": "libx11-xcb1",
}
NO_DISPLAY = ("There is no display here (neither DISPLAY nor WAYLAND_DISPLAY is set), so the console "
              "window cannot open.\nTo see the console without a display, render it to a picture:\n"
              "    .venv/bin/incident-console screenshot --demo --out console.png\n"
              "or start it on a virtual display: xvfb-run -a make run")


def package_for(library: str) -> str:
    """Debian's name for the package that ships a library: libxcb-icccm.so.4 -> libxcb-icccm4."""
    if library in PACKAGES:
        return PACKAGES[library]
    m = re.match(r"^(lib[\w+.-]*?)\.so\.(\d+)", library)
    if not m:
        return library.split(".so")[0].lower()
    stem, major = m.groups()
    stem = stem.lower()
    return f"{stem}-{major}" if stem[-1].isdigit() else f"{stem}{major}"


def missing_libraries(ldd_output: str) -> list[str]:
    return sorted({line.split("=>")[0].strip() for line in ldd_output.splitlines() if "not found" in line})


def qt_binaries() -> list[Path]:
    import PySide6

    qt = Path(PySide6.__file__).parent / "Qt"
    candidates = [qt / "plugins" / "platforms" / "libqxcb.so", qt / "lib" / "libQt6XcbQpa.so.6",
                  qt / "lib" / "libQt6WebEngineCore.so.6", qt / "lib" / "libQt6Multimedia.so.6",
                  qt / "plugins" / "multimedia" / "libffmpegmediaplugin.so"]
    return [p for p in candidates if p.exists()]


def missing_packages() -> list[str]:
    if shutil.which("ldd") is None:
        return []
    missing: set[str] = set()
    for binary in qt_binaries():
        out = subprocess.run(["ldd", str(binary)], capture_output=True, text=True).stdout
        missing.update(missing_libraries(out))
    return sorted({package_for(lib) for lib in missing})


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--no-install", action="store_true", help="only say what is missing")
    args = ap.parse_args(argv)
    if not (os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY")
            or os.environ.get("QT_QPA_PLATFORM", "").startswith(("offscreen", "vnc", "minimal"))):
        print(NO_DISPLAY, file=sys.stderr)
        return 1
    packages = missing_packages()
    if not packages:
        return 0
    command = ["apt-get", "install", "-y", "--no-install-recommends", *packages]
    can_install = (not args.no_install and hasattr(os, "geteuid") and os.geteuid() == 0
                   and shutil.which("apt-get") is not None)
    if can_install:
        print(f"Qt needs {', '.join(packages)}; installing them: {' '.join(command)}", file=sys.stderr)
        env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
        ok = subprocess.run(command, env=env).returncode == 0
        if not ok:  # the package lists may be missing on a fresh machine
            ok = (subprocess.run(["apt-get", "update"], env=env).returncode == 0
                  and subprocess.run(command, env=env).returncode == 0)
        if ok and not missing_packages():
            return 0
    sudo = "" if hasattr(os, "geteuid") and os.geteuid() == 0 else "sudo "
    print(f"Qt cannot open a window: the libraries of {', '.join(packages)} are missing. Install them with:\n"
          f"    {sudo}{' '.join(command)}", file=sys.stderr)
    return 1


if __name__ == "__main__":
    sys.exit(main())
