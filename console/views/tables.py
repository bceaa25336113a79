"""How the console's tables size their columns."""
from __future__ import annotations

from PySide6.QtWidgets import QHeaderView

# Rows measured when a column fits its contents. Qt measures up to a thousand rows again on every
# change of any row: a moving unit or a ticking countdown would pay for the whole table each time.
FIT_ROWS = 100


def fit_to_contents(header: QHeaderView) -> None:
    """Every column as wide as its text in the first rows (the widest a duty officer sees)."""
    header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    header.setResizeContentsPrecision(FIT_ROWS)
