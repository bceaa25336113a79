"""The officer's side of the safety nets: manual tasks confirmed from their area and counted with the
overdue reports; a half-typed report kept as a draft and never thrown away by one key."""
from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QMessageBox

from console.domain.incident import Level


def _activate(ctx):
    ctx.services.preplans.load_samples()
    return ctx.ops.run(ctx.services.preplans.activate, "inc-sample-001", "flood-typhoon", Level.II).value


def test_tasks_area_lists_confirms_and_the_badge_counts_them(qtbot, seeded_ctx, clock):
    ctx = seeded_ctx
    ctx.window.resize(1366, 768)
    ctx.window.show()
    qtbot.waitExposed(ctx.window)
    for inc in ctx.services.incidents.list():  # only the tasks may be late in this test
        ctx.ops.run(ctx.services.incidents.mark_report, inc.id, "first")
        ctx.ops.run(ctx.services.incidents.mark_report, inc.id, "written")
    ctx.services.shifts.open("张伟")
    act = _activate(ctx)
    view = ctx.views["tasks"]
    tasks = ctx.services.preplans.tasks(act.id)
    assert view.table.rowCount() == len(tasks) > 0
    assert not ctx.desk.overdue_shown
    clock.advance(minutes=16)
    qtbot.waitUntil(lambda: ctx.desk.overdue_shown, timeout=1500)
    assert "逾期" in ctx.desk.overdue_badge.text()
    qtbot.waitUntil(lambda: "逾期" in view.summary.text() and view.table.item(0, 0).font().bold(), timeout=1500)
    view.table.selectRow(0)
    first = view.selected_task()
    dlg = view.confirm_selected()
    qtbot.addWidget(dlg)
    assert dlg.who.text() == "张伟"
    dlg.note.setText("已接听")
    with qtbot.waitSignal(view.confirmed):
        dlg.accept()
    done = ctx.services.tasks.get(first.id)
    assert done.done and done.done_by == "张伟"
    assert "张伟" in view.table.item(view.tasks.index(next(t for t in view.tasks if t.id == first.id)), 3).text()


def _find_box(parent):
    boxes = [w for w in QApplication.topLevelWidgets() + parent.findChildren(QMessageBox)
             if isinstance(w, QMessageBox) and w.isVisible()]
    return boxes[0] if boxes else None


def test_escape_on_a_changed_report_asks_and_the_draft_comes_back(qtbot, seeded_ctx):
    from console.shell import intake_draft

    ctx = seeded_ctx
    dlg = ctx.desk.take_report()
    qtbot.addWidget(dlg)
    qtbot.waitExposed(dlg)
    # An untouched form closes at once.
    qtbot.keyClick(dlg, Qt.Key.Key_Escape)
    assert not dlg.isVisible()
    dlg = ctx.desk.take_report()
    qtbot.waitExposed(dlg)
    dlg.title.setText("浦东新区下立交积水")
    dlg.address.setText("龙阳路下立交")
    draft = intake_draft.draft_path(ctx.store.path)
    assert draft.exists()  # kept on disk while typing: a crash loses nothing
    qtbot.keyClick(dlg, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: _find_box(dlg) is not None)
    box = _find_box(dlg)
    assert dlg.isVisible()
    qtbot.keyClick(box, Qt.Key.Key_Escape)  # Escape again means "back to typing"
    qtbot.waitUntil(lambda: _find_box(dlg) is None)
    assert dlg.isVisible() and dlg.title.text() == "浦东新区下立交积水"
    qtbot.keyClick(dlg, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: _find_box(dlg) is not None)
    dlg._keep.click()
    qtbot.waitUntil(lambda: not dlg.isVisible())
    assert draft.exists()
    # F2 offers it back.
    again = ctx.desk.take_report()
    qtbot.addWidget(again)
    assert again.title.text() == "浦东新区下立交积水" and again.address.text() == "龙阳路下立交"
    assert again.draft_bar.isVisibleTo(again)
    # Saving it removes the draft.
    again.klass.setCurrentIndex(1)
    again.level.setCurrentIndex(3)
    again.lat.setText("31.2")
    again.lon.setText("121.5")
    with qtbot.waitSignal(ctx.desk.incidentCreated):
        again.try_accept()
    assert not draft.exists()


def test_start_new_and_discard_throw_the_draft_away_and_a_broken_draft_is_set_aside(qtbot, seeded_ctx):
    from console.shell import intake_draft

    ctx = seeded_ctx
    draft = intake_draft.draft_path(ctx.store.path)
    draft.write_text("{not json", encoding="utf-8")
    dlg = ctx.desk.take_report()
    qtbot.addWidget(dlg)
    assert dlg.title.text() == "" and not dlg.draft_bar.isVisibleTo(dlg)
    assert draft.with_name(draft.name + ".unreadable").exists()
    dlg.title.setText("半截的报告")
    assert draft.exists()
    dlg.close()
    again = ctx.desk.take_report()
    qtbot.addWidget(again)
    assert again.title.text() == "半截的报告"
    again.start_new.click()
    assert again.title.text() == "" and not draft.exists()


def test_closing_during_an_open_shift_asks_and_says_what_is_open(qtbot, seeded_ctx):
    from PySide6.QtCore import QTimer

    ctx = seeded_ctx
    ctx.window.show()
    qtbot.waitExposed(ctx.window)
    asked: list[str] = []

    def answer(button) -> None:
        box = _find_box(ctx.window)
        if box is None:
            QTimer.singleShot(10, lambda: answer(button))
            return
        asked.append(box.text())
        box.button(button).click()

    # No shift open: nothing to ask.
    assert ctx.desk.still_open() == ""
    ctx.services.shifts.open("张伟")
    QTimer.singleShot(0, lambda: answer(QMessageBox.StandardButton.No))
    assert not ctx.window.close()
    assert ctx.window.isVisible() and asked
    titles = [i.title for i in ctx.services.incidents.list(include_closed=False)]
    assert all(t in asked[0] for t in titles[:8]) and "交接" in asked[0]
    QTimer.singleShot(0, lambda: answer(QMessageBox.StandardButton.Yes))
    assert ctx.window.close()
    assert len(asked) == 2
