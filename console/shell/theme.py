"""Day and night themes as style sheets in resources/styles."""
from __future__ import annotations

from PySide6.QtWidgets import QApplication

from console.paths import RESOURCES

THEMES = ("night", "day")


def apply_theme(app: QApplication, name: str) -> str:
    name = name if name in THEMES else "night"
    app.setStyle("Fusion")
    app.setStyleSheet((RESOURCES / "styles" / f"{name}.qss").read_text(encoding="utf-8"))
    return name
