"""The overdue badge appears within a second of a deadline passing, however the console started."""
from __future__ import annotations

from console.domain.intake import IntakeForm


def _form() -> IntakeForm:
    return IntakeForm(title="徐汇区燃气泄漏", klass="accident", level="3", lat="31.188", lon="121.437")


def test_badge_appears_when_the_first_deadline_passes_on_a_fresh_database(qtbot, fresh_ctx, clock):
    desk = fresh_ctx.desk
    fresh_ctx.window.resize(1366, 768)
    fresh_ctx.window.show()
    qtbot.waitExposed(fresh_ctx.window)
    assert not desk.overdue_shown
    fresh_ctx.ops.run(fresh_ctx.services.incidents.intake, _form())
    assert not desk.overdue_shown
    clock.advance(minutes=29)
    desk.timer.timeout.emit()  # a second passes on the desk's clock
    assert not desk.overdue_shown
    clock.advance(minutes=1, seconds=1)
    qtbot.waitUntil(lambda: desk.overdue_shown, timeout=1500)
    assert "1" in desk.overdue_badge.text()
    # The report made, the badge goes at once.
    inc = fresh_ctx.services.incidents.list()[0]
    fresh_ctx.ops.run(fresh_ctx.services.incidents.mark_report, inc.id, "first")
    assert not desk.overdue_shown


def test_badge_appears_when_samples_are_loaded_after_the_window(qtbot, fresh_ctx, clock):
    """The start path of a first run: an empty database, the samples loaded once the window is up."""
    from console.services.seed import load_seed

    fresh_ctx.window.resize(1366, 768)
    fresh_ctx.window.show()
    qtbot.waitExposed(fresh_ctx.window)
    svc = fresh_ctx.services
    fresh_ctx.ops.run(load_seed, svc.store, svc.incidents, svc.log)
    clock.advance(hours=3)
    qtbot.waitUntil(lambda: fresh_ctx.desk.overdue_shown, timeout=1500)


def test_badge_shows_at_start_on_an_overdue_database(qtbot, qapp, seeded, clock, tmp_path):
    from tests.consoles import build_console, dispose

    clock.advance(hours=3)
    ctx = build_console(qapp, seeded, tmp_path)
    try:
        ctx.window.resize(1366, 768)
        ctx.window.show()
        qtbot.waitExposed(ctx.window)
        assert ctx.desk.overdue_shown
    finally:
        dispose(qapp, ctx)
