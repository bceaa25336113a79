"""An area whose feature is not set up yet says so plainly; it never shows invented content."""
from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget


class NotSetUp(QWidget):
    def __init__(self, area: str, what: str, parent=None) -> None:
        super().__init__(parent)
        title = QLabel(self.tr("{0} is not set up yet").format(area))
        title.setObjectName("placeholderTitle")
        title.setAlignment(Qt.AlignmentFlag.AlignCenter)
        body = QLabel(what)
        body.setWordWrap(True)
        body.setAlignment(Qt.AlignmentFlag.AlignCenter)
        body.setObjectName("placeholderBody")
        lay = QVBoxLayout(self)
        lay.addStretch(1)
        lay.addWidget(title)
        lay.addWidget(body)
        lay.addStretch(1)
