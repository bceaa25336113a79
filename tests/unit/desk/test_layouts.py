"""Named working layouts at 1366×768, the common field laptop: one key each, usable, restored per user."""
from __future__ import annotations

import pytest
from PySide6.QtCore import QRect

from console.models.incident_model import IncidentTableModel


def _rows_visible(view) -> int:
    row = view.verticalHeader().defaultSectionSize() if hasattr(view, "verticalHeader") else 0
    row = row or view.sizeHintForRow(0)
    return view.viewport().height() // max(row, 1)


def _board_ok(ctx) -> None:
    board = ctx.views["incidents"]
    table = board.table
    assert board.isVisible()
    assert _rows_visible(table) >= 8, _rows_visible(table)
    col = IncidentTableModel.COLUMNS.index("deadline")
    idx = board.proxy.index(0, col)
    assert table.viewport().rect().contains(table.visualRect(idx)), "the countdown is off-screen"
    title = board.proxy.index(0, IncidentTableModel.COLUMNS.index("title"))
    assert table.visualRect(title).width() >= table.fontMetrics().horizontalAdvance("测" * 12)


@pytest.mark.parametrize("lang", ["zh_CN", "en"])
def test_each_layout_is_usable_at_1366x768(qtbot, qapp, seeded, tmp_path, lang):
    from tests.consoles import build_console, dispose

    ctx = build_console(qapp, seeded, tmp_path, lang)
    try:
        w = ctx.window
        w.resize(1366, 768)
        w.show()
        qtbot.waitExposed(w)
        assert w.width() <= 1366 and w.height() <= 768
        keys = {name: act.shortcut().toString() for name, act in w.layout_actions.items()}
        assert keys == {"desk": "F5", "command": "F6", "video": "F7"}
        for name in ("desk", "command", "video"):
            w.layout_actions[name].trigger()
            qapp.processEvents()
            assert w.width() <= 1366
            _board_ok(ctx)
            shown = {a for a, d in w.docks.items() if d.isVisible()}
            expected = {"desk": {"incidents", "log", "map"}, "command": {"map", "incidents", "preplans"},
                        "video": {"video", "incidents"}}[name]
            assert shown == expected, (name, shown)
            if name == "command":
                tree = ctx.views["preplans"].tree
                assert _rows_visible(tree) >= 8
                scroll = w.docks["preplans"].widget()
                seen = QRect(tree.mapTo(scroll.viewport(), tree.rect().topLeft()), tree.size())
                assert scroll.viewport().rect().intersected(seen).height() >= tree.height() * 0.9
    finally:
        dispose(qapp, ctx)


def test_the_chosen_layout_and_its_arrangement_come_back(qtbot, qapp, seeded, tmp_path):
    from tests.consoles import build_console, dispose

    ctx = build_console(qapp, seeded, tmp_path)
    ctx.window.resize(1366, 768)
    ctx.window.show()
    ctx.window.layout_actions["command"].trigger()
    qapp.processEvents()
    dispose(qapp, ctx)  # closing saves
    again = build_console(qapp, seeded, tmp_path)
    try:
        again.window.resize(1366, 768)
        assert again.window.restore_layout()
        again.window.show()
        qtbot.waitExposed(again.window)
        assert again.window.current_layout == "command"
        assert {a for a, d in again.window.docks.items() if d.isVisible()} == {"map", "incidents", "preplans"}
    finally:
        dispose(qapp, again)
