"""How the console's tables size their columns."""
from __future__ import annotations

from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView

# Rows measured when a column fits its contents. Qt measures up to a thousand rows again on every
# change of any row: a moving unit or a ticking countdown would pay for the whole table each time.
FIT_ROWS = 100


def fit_to_contents(header: QHeaderView) -> None:
    """Every column as wide as its text in the first rows (the widest a duty officer sees)."""
    header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    header.setResizeContentsPrecision(FIT_ROWS)


def record_table(model, stretch: int | None = None) -> QTableView:
    """A read-only list of records: whole rows selected, one line each, columns fitted to their text
    and `stretch` taking the width left."""
    table = QTableView()
    table.setModel(model)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.verticalHeader().hide()
    table.setWordWrap(False)
    fit_to_contents(table.horizontalHeader())
    if stretch is not None:
        table.horizontalHeader().setSectionResizeMode(stretch, QHeaderView.ResizeMode.Stretch)
    return table
