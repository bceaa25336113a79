"""The handover sheet says what the next shift must do, in local times, without repeating itself."""
from __future__ import annotations

from pathlib import Path

from console.domain.incident import Level


def test_the_sheet_lists_deadlines_plans_and_tasks_in_local_time(qtbot, seeded_ctx, clock):
    from PySide6.QtPdf import QPdfDocument

    ctx = seeded_ctx
    ctx.services.shifts.open("张伟", "李主任")
    opened = ctx.services.shifts.current().opened_at
    ctx.services.preplans.load_samples()
    act = ctx.ops.run(ctx.services.preplans.activate, "inc-sample-001", "flood-typhoon", Level.II).value
    clock.advance(minutes=20)
    dlg = ctx.desk.handover()
    qtbot.addWidget(dlg)
    dlg.officer.setText("王芳")
    with qtbot.waitSignal(ctx.desk.handoverPrinted, timeout=5000) as sig:
        dlg.accept()
    doc = QPdfDocument()
    assert doc.load(str(Path(sig.args[0]))) == QPdfDocument.Error.None_
    text = "".join(doc.getAllText(p).text() for p in range(doc.pageCount()))
    doc.close()
    assert opened not in text and "Z" not in text.split("执行中的预案")[0]  # no raw UTC ISO stamps
    from console.reports.handover_pdf import local_time

    assert local_time(opened) in text
    assert "执行中的预案" in text and act.plan_title in text and "已完成 0/" in text
    tasks = ctx.services.preplans.tasks(act.id)
    assert "待人工完成的事项" in text and all(t.title in text for t in tasks) and "已逾期" in text
    assert "下一时限" in text
    # An incident without a plan appears once, in the incidents table: no second list of titles, and its
    # late reports are named in its row. (The activated one also heads its plan and fills the notices.)
    for inc in ctx.services.incidents.list(include_closed=False):
        if inc.id != "inc-sample-001":
            assert text.count(inc.title) == 1, inc.title
