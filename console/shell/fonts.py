"""A fresh machine may have no CJK font at all: register the bundled OFL font so Chinese renders
in the UI, in screenshots and in PDFs, and put it in the application font's fallback list."""
from __future__ import annotations

import logging

from PySide6.QtGui import QFont, QFontDatabase
from PySide6.QtWidgets import QApplication

from console.paths import RESOURCES

log = logging.getLogger("console.shell")
_registered: list[str] = []


def register_fonts() -> list[str]:
    if _registered:
        return _registered
    for path in sorted((RESOURCES / "fonts").glob("*.[ot]t[fc]")):
        fid = QFontDatabase.addApplicationFont(str(path))
        if fid < 0:
            log.error("could not load font %s", path)
            continue
        for fam in QFontDatabase.applicationFontFamilies(fid):
            if fam not in _registered:
                _registered.append(fam)
    return _registered


def cjk_family() -> str:
    fams = register_fonts()
    return fams[0] if fams else "Sans Serif"


def apply_app_font(app: QApplication, point_size: float = 10.0) -> QFont:
    fams = register_fonts()
    font = QFont()
    # The CJK face first: its metrics size every line, so hanzi are never clipped by a Latin face's
    # shorter line height (dock titles, table rows); it carries Latin glyphs too.
    font.setFamilies([*fams, "DejaVu Sans"])
    font.setPointSizeF(point_size)
    app.setFont(font)
    return font
