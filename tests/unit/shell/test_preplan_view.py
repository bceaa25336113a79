from PySide6.QtCore import Qt
from PySide6.QtGui import QColor

from console.domain.changes import Changes
from console.domain.incident import Level
from console.domain.preplan import ItemState
from console.models.checklist_model import OVERDUE, ChecklistModel
from console.models.preplan_match_model import PreplanMatchModel
from console.paths import PREPLANS
from console.services.preplans import PreplanService
from console.shell.operations import Operations
from console.views.preplan_editor import PreplanEditor
from console.views.preplan_view import make_preplan_area

TYPHOON = "inc-sample-001"


def _pp(seeded) -> PreplanService:
    return PreplanService(seeded.store, seeded.log, seeded.incidents, seeded.resources)


def make_view(qtbot, seeded, clock, beeps=None):
    ops = Operations()
    pp = _pp(seeded)
    view = make_preplan_area(seeded, pp, ops, clock)
    if beeps is not None:
        view._beep = lambda: beeps.append(1)
    view.timer.stop()  # the tests drive the clock themselves
    qtbot.addWidget(view)
    view.resize(700, 800)
    view.show()
    qtbot.waitExposed(view)
    return view, pp, ops


def item_index(view, item_id):
    row = next(r for r in view.model.rows() if r.item.item_id == item_id)
    return view.model.index_of(row.id)


def state_of(pp, act_id, item_id) -> ItemState:
    return next(r.item.state for r in pp.checklist(act_id) if r.item.item_id == item_id)


def activate_with_one_key(qtbot, view):
    view.set_incident(TYPHOON)
    assert view.current_plan_id() == "flood-typhoon"
    assert view.level.currentData() == int(Level.II)  # preset by suggest_level (orange warning)
    assert "橙色预警" in view.reasons.text()
    view.activateWindow()
    qtbot.waitUntil(view.isActiveWindow)
    with qtbot.waitSignal(view.activated) as sig:
        qtbot.keyClick(view.matches, Qt.Key.Key_A,
                       Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    return sig.args[0]


def test_select_activate_and_work_the_checklist_from_the_keyboard(qtbot, seeded, clock):
    view, pp, _ops = make_view(qtbot, seeded, clock)
    act = activate_with_one_key(qtbot, view)
    assert view.model.activation_id == act
    assert view.tree.hasFocus()
    first = view.current_row()
    assert first.item.item_id == "relay-warning"
    qtbot.keyClick(view.tree, Qt.Key.Key_Return)
    assert state_of(pp, act, "relay-warning") is ItemState.IN_PROGRESS
    # Space on an item that needs evidence is refused and says why, inline
    qtbot.keyClick(view.tree, Qt.Key.Key_Space)
    assert state_of(pp, act, "relay-warning") is ItemState.IN_PROGRESS
    assert "通知回执" in view.status.text()
    qtbot.keyClick(view.tree, Qt.Key.Key_E)
    assert view.evidence_ref.hasFocus() and view.evidence_kind.currentText() == "通知回执"
    view.evidence_ref.insert("短信平台回执 #118")  # QTest cannot type hanzi
    qtbot.keyClick(view.evidence_ref, Qt.Key.Key_Return)
    assert view.tree.hasFocus()
    qtbot.keyClick(view.tree, Qt.Key.Key_Space)
    assert state_of(pp, act, "relay-warning") is ItemState.DONE
    assert view.current_row().item.item_id == "relay-warning"  # focus survives the refresh
    qtbot.keyClick(view.tree, Qt.Key.Key_Down)
    qtbot.keyClick(view.tree, Qt.Key.Key_Space)
    assert state_of(pp, act, "duty-on") is ItemState.DONE
    qtbot.keyClick(view.tree, Qt.Key.Key_Space)  # toggles back to in progress
    assert state_of(pp, act, "duty-on") is ItemState.IN_PROGRESS
    qtbot.keyClick(view.tree, Qt.Key.Key_B)
    view.reason_dialog.edit.setText("泵站电源故障")
    view.reason_dialog.accept()
    assert state_of(pp, act, "duty-on") is ItemState.BLOCKED
    done, total = view.model.progress()
    assert (done, total) == (1, len(pp.checklist(act)))
    assert view.progress.value() == 1


def test_skip_requires_a_reason(qtbot, seeded, clock):
    view, pp, _ops = make_view(qtbot, seeded, clock)
    act = activate_with_one_key(qtbot, view)
    view.tree.setCurrentIndex(item_index(view, "video-patrol"))
    qtbot.keyClick(view.tree, Qt.Key.Key_S)
    dlg = view.reason_dialog
    qtbot.addWidget(dlg)
    ok = dlg.buttons.button(dlg.buttons.StandardButton.Ok)
    assert dlg.isVisible() and not ok.isEnabled()
    qtbot.keyClicks(dlg.edit, "   ")
    assert not ok.isEnabled()
    dlg.reject()
    assert state_of(pp, act, "video-patrol") is ItemState.TODO
    qtbot.keyClick(view.tree, Qt.Key.Key_S)
    dlg = view.reason_dialog
    qtbot.addWidget(dlg)
    dlg.edit.insert("视频平台检修，改人工巡查")
    qtbot.keyClick(dlg.edit, Qt.Key.Key_Return)
    assert state_of(pp, act, "video-patrol") is ItemState.SKIPPED
    idx = item_index(view, "video-patrol")
    assert "人工巡查" in view.model.index(idx.row(), 5, idx.parent()).data()


def test_overdue_item_turns_red_and_beeps_when_asked(qtbot, seeded, clock):
    beeps = []
    view, pp, _ops = make_view(qtbot, seeded, clock, beeps)
    activate_with_one_key(qtbot, view)
    idx = item_index(view, "relay-warning")  # 15 minutes
    due = view.model.index(idx.row(), ChecklistModel.COLUMNS.index("due"), idx.parent())
    assert due.data(Qt.ItemDataRole.ForegroundRole) is None
    view.sound.setChecked(True)
    clock.advance(minutes=16)
    view.tick()
    assert due.data(Qt.ItemDataRole.ForegroundRole).color() == QColor(OVERDUE)
    assert "overdue" in due.data()
    assert beeps == [1] and view.overdue.isVisible()
    view.tick()
    assert beeps == [1]  # only newly overdue items sound
    view.sound.setChecked(False)
    clock.advance(minutes=20)
    view.tick()
    assert beeps == [1]


def test_escalate_and_stand_down_from_the_view(qtbot, seeded, clock):
    view, pp, _ops = make_view(qtbot, seeded, clock)
    act = activate_with_one_key(qtbot, view)
    n = len(view.model.rows())
    view.new_level.setCurrentIndex(view.new_level.findData(int(Level.I)))
    view.change_level.click()
    assert len(view.model.rows()) == n + 1
    view.stand_down_button.click()
    assert not pp.activation(act).active
    assert not view.change_level.isEnabled()
    assert len(view.model.rows()) == n + 1


def test_models_pass_the_model_tester(qtmodeltester, seeded, clock):
    pp = _pp(seeded)
    pp.load_samples()
    matches = PreplanMatchModel(pp)
    matches.set_incident(TYPHOON)
    qtmodeltester.check(matches)
    pp.activate(TYPHOON, "flood-typhoon", Level.II)
    model = ChecklistModel(pp, clock)
    model.set_activation(pp.activations(TYPHOON)[0].id)
    qtmodeltester.check(model)
    act = model.activation_id
    pp.escalate(act, Level.III)
    model.on_changes(Changes(checklists={act}))
    qtmodeltester.check(model)
    qtmodeltester.check(model, force_py=True)  # parent(index) called from Python, through the overloads
    assert model.parent() is None  # without an index, QObject's parent: this model has none


def test_editor_saves_a_new_version_and_refuses_an_invalid_import(qtbot, seeded, tmp_path):
    pp = _pp(seeded)
    pp.load_samples()
    ops = Operations()
    dlg = PreplanEditor(pp, ops, "flood-typhoon")
    qtbot.addWidget(dlg)
    dlg.open()
    row = next(r for r in range(dlg.items.rowCount()) if dlg.items.item(r, 1).text() == "duty-on")
    dlg.items.item(row, 4).setText("45")
    with qtbot.waitSignal(ops.changed):
        assert dlg.save()
    assert pp.plan("flood-typhoon").item("duty-on").deadline.minutes == 45
    assert [v["version"] for v in pp.versions("flood-typhoon")] == [2, 1]
    dlg.items.item(row, 4).setText("soon")
    assert not dlg.save()
    assert dlg.problems.count() >= 1 and "deadline" in dlg.problems.item(0).text()
    assert len(pp.versions("flood-typhoon")) == 2
    bad = tmp_path / "bad.yaml"
    text = (PREPLANS / "gas.yaml").read_text(encoding="utf-8").replace("id: gas-accident", "id: gas-2")
    bad.write_text(text.replace("kind: 专项预案", "kind: 某种预案"), encoding="utf-8")
    n_plans = len(pp.plan_rows())
    assert not dlg.import_file(bad)
    assert len(pp.plan_rows()) == n_plans
    assert "kind" in dlg.problems.item(0).text() and "line" in dlg.problems.item(0).text()
    out = tmp_path / "out.yaml"
    dlg.plan.setCurrentIndex(dlg.plan.findData("flood-typhoon"))
    dlg.export_file(out)
    assert out.read_text(encoding="utf-8") == pp.export_yaml("flood-typhoon")
