"""Sign-in, positions on screen and the lock, as a user meets them."""
from __future__ import annotations

import pytest

from console.domain.access import Actor, Position
from console.domain.intake import IntakeForm
from console.views.signin_dialog import SignInDialog
from tests.consoles import build_console, dispose

ADMIN_PW = "Adm1n-pass-X"


def _form() -> IntakeForm:
    return IntakeForm(title="徐汇区燃气泄漏", klass="accident", level="3", lat="31.188", lon="121.437")


@pytest.fixture
def app_ctx(qapp, seeded, tmp_path):
    ctx = build_console(qapp, seeded, tmp_path)
    yield ctx
    dispose(qapp, ctx)


def _sign_in(dlg: SignInDialog, name: str, password: str, again: str | None = None) -> None:
    dlg.name.setText(name)
    dlg.password.setText(password)
    dlg.confirm.setText(password if again is None else again)
    dlg.submit()


def test_first_start_asks_for_the_administrator_and_stores_no_clear_password(app_ctx, db_path, tmp_path):
    dlg = app_ctx.access.start_dialog()
    assert dlg.mode == SignInDialog.FIRST
    _sign_in(dlg, "admin", ADMIN_PW, again="different-1")
    assert dlg.message.text() and not app_ctx.services.accounts.any()
    _sign_in(dlg, "admin", ADMIN_PW)
    assert dlg.result() == SignInDialog.DialogCode.Accepted
    assert app_ctx.services.store.actor.name == "admin"
    assert "admin" in app_ctx.window.windowTitle()
    app_ctx.settings.sync()
    for f in [*db_path.parent.iterdir(), *tmp_path.iterdir()]:
        if f.is_file():
            assert ADMIN_PW.encode() not in f.read_bytes(), f


def test_sign_in_refuses_a_wrong_password_with_words(app_ctx):
    app_ctx.services.accounts.add("admin", "admin", ADMIN_PW)
    dlg = app_ctx.access.start_dialog()
    assert dlg.mode == SignInDialog.SIGN_IN
    _sign_in(dlg, "admin", "wrong-password")
    assert dlg.message.text() and app_ctx.services.store.actor is None
    assert dlg.result() != SignInDialog.DialogCode.Accepted


def test_field_unit_sees_activation_disabled_and_a_forced_one_is_refused(qtbot, app_ctx):
    svc = app_ctx.services
    inc = svc.incidents.intake(_form()).value  # before any account: the console is not set up yet
    svc.accounts.add("admin", "admin", ADMIN_PW)
    svc.store.actor = Actor("field1", Position.FIELD_UNIT)
    app_ctx.access.signed_in(svc.store.actor)
    act = app_ctx.views["preplans"].act_activate
    assert not act.isEnabled() and act.toolTip()
    assert not app_ctx.desk.act_intake.isEnabled()
    before = svc.store.scalar("SELECT count(*) FROM activations")
    with qtbot.waitSignal(app_ctx.ops.failed):
        assert app_ctx.ops.run(svc.preplans.activate, inc.id, "gas-accident", 3) is None
    assert svc.store.scalar("SELECT count(*) FROM activations") == before
    assert svc.log.entries(limit=1)[0].author == "field1"


def test_idle_lock_blocks_changes_and_unlock_restores(qtbot, app_ctx):
    svc = app_ctx.services
    svc.accounts.add("admin", "admin", ADMIN_PW)
    svc.store.actor = svc.accounts.authenticate("admin", ADMIN_PW)
    svc.accounts.add("leader", "duty_leader", "Lead3r-pass")
    access = app_ctx.access
    access.signed_in(svc.store.actor)
    access.idle.setInterval(30)
    qtbot.waitUntil(lambda: access.locked, timeout=5000)
    assert app_ctx.ops.run(svc.incidents.intake, _form()) is None  # nothing can be changed
    # What runs behind the lock keeps running: a unit's position still reaches the model.
    from console.services.resources import PositionFix

    unit = svc.resources.units()[0]
    model = app_ctx.models["units"]
    app_ctx.ops.publish(svc.resources.apply_positions(
        [PositionFix(unit["id"], 31.3, 121.5)]).changes)
    assert any(u["lat"] == 31.3 for u in svc.resources.units())
    assert model.rowCount() > 0
    dlg = access.lock_dialog
    dlg.reject()  # the lock is not dismissed without signing in
    assert access.locked
    _sign_in(dlg, "admin", "wrong-password")
    assert access.locked and dlg.message.text()
    _sign_in(dlg, "admin", ADMIN_PW)
    assert not access.locked and svc.store.actor.name == "admin"


def test_another_account_at_the_lock_takes_over_the_shift(qtbot, app_ctx):
    svc = app_ctx.services
    svc.shifts.open("张三", "李四")
    svc.accounts.add("admin", "admin", ADMIN_PW)
    svc.store.actor = svc.accounts.authenticate("admin", ADMIN_PW)
    svc.accounts.add("wang", "duty_officer", "Duty-pass-1")
    svc.store.actor = Actor("zhang", Position.DUTY_OFFICER)
    app_ctx.access.signed_in(svc.store.actor)
    dlg = app_ctx.access.lock()
    _sign_in(dlg, "wang", "Duty-pass-1")
    assert not app_ctx.access.locked
    assert svc.shifts.current().duty_officer == "wang"
    handover = [e for e in svc.log.entries(limit=5) if e.category.value == "handover"]
    assert any("wang" in e.text for e in handover)


def test_demo_signs_in_a_sample_duty_officer_and_stores_no_account(app_ctx):
    from console.app import _sign_in_at_start

    assert _sign_in_at_start(app_ctx, sample=True) is None
    actor = app_ctx.store.actor
    assert actor.sample and actor.position is Position.DUTY_OFFICER
    assert not app_ctx.services.accounts.any()  # the database did not ask for an account
    assert "示例" in app_ctx.window.windowTitle()
    assert app_ctx.access.lock() is None  # a sample has no password to unlock with


def test_input_in_the_focused_window_counts_as_activity(qtbot, app_ctx):
    from PySide6.QtCore import QEvent, QPointF, Qt
    from PySide6.QtGui import QKeyEvent, QMouseEvent
    from PySide6.QtWidgets import QApplication, QDialog

    access = app_ctx.access
    app_ctx.services.accounts.add("admin", "admin", ADMIN_PW)
    access.sign_in("admin", ADMIN_PW)
    app_ctx.window.show()
    qtbot.waitExposed(app_ctx.window)
    dlg = QDialog(app_ctx.window)  # a dialog the officer is typing into, e.g. the intake form
    dlg.show()
    dlg.activateWindow()
    qtbot.waitUntil(lambda: QApplication.focusWindow() is dlg.windowHandle())
    for target, event in [
        (app_ctx.window.windowHandle(), QMouseEvent(QEvent.Type.MouseMove, QPointF(5, 5), QPointF(5, 5),
                                                    Qt.MouseButton.NoButton, Qt.MouseButton.NoButton,
                                                    Qt.KeyboardModifier.NoModifier)),
        (dlg.windowHandle(), QKeyEvent(QEvent.Type.KeyPress, Qt.Key.Key_A, Qt.KeyboardModifier.NoModifier, "a")),
    ]:
        access.idle.stop()
        QApplication.sendEvent(target, event)
        assert access.idle.isActive()  # the idle countdown starts again
    dlg.close()
