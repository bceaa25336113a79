"""The desk as a user works it: models pass the model tester, the intake dialog refuses bad input
and stores good input, the log view searches, the handover prints a PDF with real Chinese text."""
from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QFont, QImage, QPainter
from PySide6.QtWidgets import QHeaderView

from console.domain.duty_log import Category
from console.domain.intake import IntakeForm
from console.models.duty_log_model import DutyLogModel
from console.models.incident_model import ID_ROLE, STATE_ROLE, IncidentTableModel
from console.models.units_model import ResourcesModel, UnitsModel
from console.shell.operations import Operations
from tests.consoles import build_console, dispose


def ime(widget, text: str) -> None:
    """Chinese arrives from an input method as a committed string, not as key presses."""
    from PySide6.QtGui import QInputMethodEvent
    from PySide6.QtWidgets import QApplication

    widget.setFocus()
    event = QInputMethodEvent("", [])
    event.setCommitString(text)
    QApplication.sendEvent(widget, event)


def _form(**kw) -> IntakeForm:
    base = dict(title="徐汇区燃气泄漏", klass="accident", level="3", lat="31.188", lon="121.437")
    return IntakeForm(**{**base, **kw})


@pytest.fixture
def app_ctx(qapp, seeded, tmp_path):
    ctx = build_console(qapp, seeded, tmp_path)
    yield ctx
    dispose(qapp, ctx)


def test_models_pass_the_model_tester(qtmodeltester, seeded):
    seeded.incidents.intake(_form())
    for model in (IncidentTableModel(seeded.incidents, seeded.store.clock), DutyLogModel(seeded.log),
                  UnitsModel(seeded.resources), ResourcesModel(seeded.resources)):
        qtmodeltester.check(model, force_py=True)


def test_duty_log_model_fetches_lazily_and_filters(qtmodeltester, services):
    for i in range(450):
        services.log.append(Category.COMMS, f"第{i}条 沪消-0{i % 3} 报告")
    model = DutyLogModel(services.log)
    assert model.rowCount() == 450
    assert model.data(model.index(0, 2)).startswith("第449条")
    assert model.data(model.index(449, 2)).startswith("第0条")
    from console.services.duty_log import LogFilter

    model.set_filter(LogFilter(query="沪消-01"))
    assert model.rowCount() == 150
    qtmodeltester.check(model, force_py=True)


def test_countdown_turns_amber_then_red(services, clock):
    services.incidents.intake(_form())
    model = IncidentTableModel(services.incidents, clock)
    col = model.COLUMNS.index("deadline")
    assert model.data(model.index(0, col), STATE_ROLE) == "ok"
    clock.advance(minutes=20)
    assert model.data(model.index(0, col), STATE_ROLE) == "amber"
    clock.advance(minutes=15)
    assert model.data(model.index(0, col), STATE_ROLE) == "red"
    assert model.data(model.index(0, col), Qt.ItemDataRole.ForegroundRole).color() == QColor("#e0403a")


def test_each_second_repaints_only_countdowns_still_running(qtbot, services, clock):
    """An idle board costs what its clocks cost: rows whose reports are all made are not touched."""
    running = services.incidents.intake(_form(title="一")).value.id
    done = services.incidents.intake(_form(title="二")).value.id
    for which in ("first", "written"):
        services.incidents.mark_report(done, which)
    model = IncidentTableModel(services.incidents, clock)
    col = model.COLUMNS.index("deadline")
    with qtbot.waitSignal(model.dataChanged) as blocker:
        model.tick()
    top, bottom = blocker.args[0], blocker.args[1]
    assert (top.row(), bottom.row(), top.column(), bottom.column()) == (model.row_of(running),) * 2 + (col, col)
    assert model.data(model.index(model.row_of(done), col)) == "reported"
    with qtbot.assertNotEmitted(model.dataChanged):
        services.incidents.mark_report(running, "first")
        services.incidents.mark_report(running, "written")
        model.reload()
        model.tick()


def test_the_countdown_column_holds_its_longest_text_without_measuring(qtbot, app_ctx):
    """Widths are set when the incidents are read; an overdue countdown of hours still fits."""
    from console.views.incident_board import IncidentBoard

    board: IncidentBoard = app_ctx.views["incidents"]
    col = board.model.COLUMNS.index("deadline")
    app_ctx.store.clock.advance(hours=9)
    board.model.tick()
    texts = [board.model.data(board.model.index(r, col)) for r in range(board.model.rowCount())]
    widest = max(board.table.fontMetrics().horizontalAdvance(t) for t in texts)
    assert any("9:" in t for t in texts) and widest < board.table.columnWidth(col)
    assert board.table.horizontalHeader().sectionResizeMode(col) is QHeaderView.ResizeMode.Interactive


def test_intake_dialog_refuses_missing_fields_and_stores_nothing(qtbot, app_ctx):
    dlg = app_ctx.desk.take_report()
    qtbot.addWidget(dlg)
    ime(dlg.title, "静安区高层住宅火灾")
    dlg.try_accept()
    assert dlg.isVisible()
    assert dlg.errors.isVisible() and ("必填" in dlg.errors.text() or "required" in dlg.errors.text())
    assert dlg.klass.property("invalid") is True
    n = len(app_ctx.services.incidents.list())
    assert n == 5  # only the sample incidents


def test_intake_from_the_keyboard_stores_logs_and_selects_it(qtbot, app_ctx):
    board = app_ctx.views["incidents"]
    dlg = app_ctx.desk.take_report()
    qtbot.addWidget(dlg)
    ime(dlg.title, "静安区高层住宅火灾")
    qtbot.keyClick(dlg.klass, Qt.Key.Key_2)  # 2 = accident
    qtbot.keyClick(dlg.level, Qt.Key.Key_2)  # 2 = Ⅱ
    assert (dlg.klass.currentData(), dlg.level.currentData()) == ("accident", "2")
    dlg.source.setCurrentIndex(1)  # 119
    qtbot.keyClicks(dlg.lat, "31.2290")
    qtbot.keyClicks(dlg.lon, "121.4480")
    dlg.district.setCurrentText("静安区")
    dlg.activateWindow()
    qtbot.waitUntil(dlg.isActiveWindow, timeout=3000)
    with qtbot.waitSignal(app_ctx.desk.incidentCreated, timeout=3000):
        qtbot.keyClick(dlg, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert not dlg.isVisible()
    titles = [i.title for i in app_ctx.services.incidents.list()]
    assert "静安区高层住宅火灾" in titles
    assert board.current_id() == next(i.id for i in app_ctx.services.incidents.list()
                                       if i.title == "静安区高层住宅火灾")
    log_model = app_ctx.models["log"]
    assert "静安区高层住宅火灾" in log_model.data(log_model.index(0, 2))


def test_log_view_search_and_new_entry(qtbot, app_ctx):
    view = app_ctx.views["log"]
    ime(view.new_text, "市应急局指示：各区做好防台准备")
    qtbot.keyClick(view.new_text, Qt.Key.Key_Return)
    assert view.new_text.text() == ""
    view.search.setText("防台准备")
    view.apply_filter()
    assert view.model.rowCount() == 1
    assert "防台准备" in view.model.data(view.model.index(0, 2))
    assert view.count.text() == "匹配 1 条"
    view.search.setText("防")
    view.apply_filter()
    assert view.model.rowCount() == 0 and "两个字符" in view.count.text()


def test_ctrl_l_brings_the_log_forward_with_the_new_entry_focused(app_ctx):
    focus_log = next(a for a in app_ctx.window.actions() if a.shortcut().toString() == "Ctrl+L")
    app_ctx.views["log"].search.setFocus()
    assert app_ctx.window.focusWidget() is not app_ctx.views["log"].new_text
    focus_log.trigger()
    assert app_ctx.window.focusWidget() is app_ctx.views["log"].new_text


def test_a_map_pick_brings_its_area_forward_and_acts_there(app_ctx):
    from console.app import _in_area

    app_ctx.window.docks["trends"].hide()
    seen: list[str] = []
    _in_area(app_ctx, "trends", seen.append)("S-1")
    assert seen == ["S-1"] and not app_ctx.window.docks["trends"].isHidden()


def test_trends_and_units_areas_are_built_when_first_shown(qtbot, app_ctx):
    from PySide6.QtWidgets import QApplication, QTabBar

    from console.views.trends_view import TrendsView

    trends, window = app_ctx.views["trends"], app_ctx.window
    window.resize(1366, 768)
    window.show()
    qtbot.waitExposed(window)
    window.arrange_default()
    qtbot.wait_until(lambda: not window.docks["log"].visibleRegion().isEmpty())
    assert not trends.built  # behind the log's tab: nothing imported, nothing drawn
    title = window.docks["trends"].windowTitle()
    bar = next(b for b in window.findChildren(QTabBar) if title in [b.tabText(i) for i in range(b.count())])
    bar.setCurrentIndex([bar.tabText(i) for i in range(bar.count())].index(title))
    qtbot.wait_until(lambda: trends.built)
    assert isinstance(trends.inner(), TrendsView) and trends.inner().list.count() > 0
    # Units and resources likewise; what is wired to it waits for it, and a key press lands in it
    units, wired = app_ctx.views["units"], []
    units.when_built(wired.append)
    assert not units.built and not wired
    app_ctx.window.show_area("units")
    qtbot.wait_until(lambda: units.built)
    assert wired == [units.inner()] and units.inner().units.model().rowCount() > 0
    qtbot.wait_until(lambda: units.inner().isAncestorOf(QApplication.focusWidget()))


def test_handover_prints_a_pdf_with_real_chinese_text(qtbot, app_ctx, tmp_path):
    from PySide6.QtPdf import QPdfDocument

    app_ctx.services.shifts.open("张伟", "李主任")
    dlg = app_ctx.desk.handover()
    qtbot.addWidget(dlg)
    ime(dlg.officer, "王芳")
    ime(dlg.note, "台风“烟花”外围影响，注意下立交积水续报")
    with qtbot.waitSignal(app_ctx.desk.handoverPrinted, timeout=5000) as sig:
        dlg.accept()
    pdf = Path(sig.args[0])
    assert pdf.exists() and pdf.stat().st_size > 1000
    doc = QPdfDocument()
    assert doc.load(str(pdf)) == QPdfDocument.Error.None_
    text = doc.getAllText(0).text()
    assert "交接班" in text and "王芳" in text and "下立交积水" in text and "在办事件" in text
    head = app_ctx.services.log.signed_head()
    printed = text[text.index(head.hash[:8]):][:71]  # as read back from the sheet, in groups of eight
    assert app_ctx.services.log.verify(printed)[1] is None
    img = doc.render(0, doc.pagePointSize(0).toSize() * 2)
    assert not img.isNull() and _ink(img) > 0.005
    doc.close()
    assert app_ctx.services.shifts.current().duty_officer == "王芳"


def _ink(img: QImage) -> float:
    img = img.convertToFormat(QImage.Format.Format_Grayscale8)
    dark = total = 0
    for y in range(0, img.height(), 3):
        for x in range(0, img.width(), 3):
            total += 1
            dark += QColor(img.pixel(x, y)).value() < 128
    return dark / total


def test_chinese_renders_as_glyphs_not_boxes(qapp):
    from console.shell.fonts import cjk_family

    def render(text: str) -> QImage:
        img = QImage(400, 60, QImage.Format.Format_RGB32)
        img.fill(QColor("white"))
        p = QPainter(img)
        p.setFont(QFont(cjk_family(), 24))
        p.setPen(QColor("black"))
        p.drawText(5, 45, text)
        p.end()
        return img

    a, b = render("徐汇区燃气泄漏"), render("浦东新区下立交")
    assert _ink(a) > 0.02 and a != b  # different characters give different glyphs (boxes would be alike)


def test_zh_cn_translation_is_installed(app_ctx):
    assert app_ctx.window.windowTitle() == "突发事件指挥调度台"
    assert app_ctx.desk.act_intake.text().startswith("接报")


def test_english_works(qapp, seeded, tmp_path):
    ctx = build_console(qapp, seeded, tmp_path, "en")
    assert ctx.window.windowTitle() == "Incident Command Console"
    dispose(qapp, ctx)


def test_layout_is_saved_and_restored(qapp, seeded, tmp_path):
    from console.settings import Settings

    ctx = build_console(qapp, seeded, tmp_path, "en", settings=Settings(tmp_path / "layout.ini"))
    ctx.window.docks["units"].setFloating(True)
    dispose(qapp, ctx)  # closing saves
    ctx2 = build_console(qapp, seeded, tmp_path, "en", settings=Settings(tmp_path / "layout.ini"))
    assert ctx2.window.restore_layout()
    assert ctx2.window.docks["units"].isFloating()
    dispose(qapp, ctx2)


@pytest.mark.allow_warning_logs
def test_environment_failure_reaches_the_user_as_one_message(qtbot, services):
    ops = Operations()
    services.store.conn.execute("PRAGMA query_only = 1")
    with qtbot.waitSignal(ops.failed) as sig:
        assert ops.run(services.incidents.intake, _form()) is None
    services.store.conn.execute("PRAGMA query_only = 0")
    assert "read-only" in sig.args[0] or "只读" in sig.args[0]


def test_a_report_located_on_the_map_gets_its_district(qtbot, app_ctx):
    dlg = app_ctx.desk.take_report(31.2304, 121.4737)  # as the map's "new incident here" calls it
    qtbot.addWidget(dlg)
    assert dlg.district.currentText() == "黄浦区"
    dlg.lat.setText("31.1955")
    dlg.lon.setText("121.4367")
    assert dlg.district.currentText() == "徐汇区"
    dlg.district.setCurrentText("长宁区")  # the officer knows better: keep their choice
    dlg.lat.setText("31.2304")
    assert dlg.district.currentText() == "长宁区"


def test_an_emergency_shows_across_the_top_of_the_window(qtbot, app_ctx):
    from console.domain.changes import Changes

    app_ctx.window.show()
    banner = app_ctx.views["devices"].banner
    assert banner.window() is app_ctx.window and app_ctx.window.menuWidget().isAncestorOf(banner)
    assert not banner.isVisible()
    store = app_ctx.store
    with store.transaction():  # what the ingest service writes for an emergency call
        store.insert("devices", {"id": "d1", "name": "台1", "port": "/dev/null", "protocol": "tetra", "baud": 38400,
                                 "framing": "8N1", "enabled": 0, "retired": 0})
        store.insert("device_alerts", {"id": "a1", "device_id": "d1", "unit_id": None, "sender": "3101001",
                                       "kind": "emergency", "text": "紧急：沪消-外滩-01 发出紧急呼叫",
                                       "raised_at": "2024-07-01T00:00:00Z"})
    app_ctx.ops.publish(Changes(alerts={"a1"}))
    qtbot.waitUntil(banner.isVisible, timeout=3000)
    assert "沪消-外滩-01" in banner.label.text()


def test_a_long_log_is_located_page_by_page(qtmodeltester, services):
    from console.services.duty_log import LogFilter

    with services.store.transaction():
        for i in range(2500):
            services.log.append(Category.COMMS, f"第{i}条 {'积水' if i % 2 else '燃气'}报告")
    model = DutyLogModel(services.log)
    assert model.rowCount() == 1000 and not model.complete and model.canFetchMore()
    model.fetchMore()
    model.fetchMore()
    assert model.rowCount() == 2500 and model.complete
    assert model.data(model.index(2499, 2)).startswith("第0条")
    model.set_filter(LogFilter(query="积水"))
    assert model.rowCount() == 1000 and not model.complete and model.total == 1250
    model.fetchMore()
    assert model.rowCount() == 1250 and model.complete
    seqs = [model.entry_at(r).seq for r in range(model.rowCount())]
    assert seqs == sorted(seqs, reverse=True) and len(set(seqs)) == 1250
    qtmodeltester.check(model, force_py=True)


def test_no_stray_dock_tab_bar_paints_over_the_areas(qtbot, app_ctx):
    from PySide6.QtWidgets import QTabBar

    def stray() -> list:
        bars = [b for b in app_ctx.window.findChildren(QTabBar, options=Qt.FindChildOption.FindDirectChildrenOnly)
                if b.isVisible()]
        tabs = [{b.tabText(i) for i in range(b.count())} for b in bars]
        return [a for a in tabs if any(a < b for b in tabs)]

    app_ctx.window.show()
    qtbot.waitUntil(lambda: not stray(), timeout=3000)


def _board_status(ctx, incident_id: str) -> str:
    model = ctx.models["incidents"]
    return model.data(model.index(model.row_of(incident_id), model.COLUMNS.index("status")))


def test_status_on_screen_follows_activation_and_ticks(qtbot, app_ctx):
    """What the officer reads after each action: the board's status, the activate button, the count."""
    from PySide6.QtCore import QCoreApplication

    from console.domain.incident import Level, Status
    from console.models import labels

    typhoon = "inc-sample-001"
    view = app_ctx.views["preplans"]
    app_ctx.views["incidents"].select(typhoon)
    view.set_incident(typhoon)
    assert _board_status(app_ctx, typhoon) == labels.status(Status.REPORTED)
    view.level.setCurrentIndex(view.level.findData(int(Level.II)))
    with qtbot.waitSignal(view.activated):
        view.activate_current()
    # The incident is now being handled, and the log says why.
    assert _board_status(app_ctx, typhoon) == labels.status(Status.RESPONDING)
    assert any("转入处置" in e.text for e in app_ctx.services.incidents.detail(typhoon).entries)
    # The plan stays marked as running instead of offering activation again.
    assert view.current_plan_id() == "flood-typhoon"
    assert view.activate_button.text() == QCoreApplication.translate("PreplanView", "Active")
    assert not view.activate_button.isEnabled()
    # The count follows each tick at once.
    total = len(view.model.rows())
    assert (view.progress.value(), view.progress.maximum()) == (0, total)
    rows = [r for r in view.model.rows() if not r.item.evidence_required and not r.item.depends_on][:2]
    for n, row in enumerate(rows, start=1):
        app_ctx.ops.run(view._svc.set_item_state, row.id, "done")
        assert view.progress.value() == n and view.progress.text().count(str(n)) >= 1
        assert view.activate_button.text() == QCoreApplication.translate("PreplanView", "Active")


def test_the_timeline_shows_when_a_sample_was_reported_not_when_it_was_loaded(app_ctx):
    from datetime import timedelta

    from console.domain.clock import from_iso

    inc = max(app_ctx.services.incidents.list(), key=lambda i: app_ctx.store.clock.now() - i.reported_at)
    assert app_ctx.store.clock.now() - inc.reported_at > timedelta(minutes=5)
    detail = app_ctx.services.incidents.detail(inc.id)
    intake = next(e for e in detail.entries if e.category is Category.INTAKE)
    assert from_iso(intake.at) == inc.reported_at
    board = app_ctx.views["incidents"]
    board.select(inc.id)
    assert inc.reported_at.astimezone().strftime("%H:%M") in board.detail.toPlainText()


def test_the_board_keeps_the_officers_incident_through_a_reload_and_selects_when_samples_arrive(
        qtbot, qapp, services, tmp_path):
    from console.app import load_samples

    ctx = build_console(qapp, services, tmp_path)
    try:
        board = ctx.views["incidents"]
        assert board.current_id() is None  # an empty database
        with qtbot.assertNotEmitted(board.incidentPicked):  # the map keeps the whole city in view
            load_samples(ctx)
        assert board.current_id() is not None  # the most urgent sample, so the areas have something to show
        second = board.proxy.data(board.proxy.index(1, 0), ID_ROLE)
        with qtbot.waitSignal(board.incidentPicked):  # the officer's choice moves the map
            board.select(second)
        with qtbot.assertNotEmitted(board.incidentSelected):
            ctx.ops.run(services.incidents.mark_report, second, "first")  # the board reloads
        assert board.current_id() == second
    finally:
        dispose(qapp, ctx)


def test_the_detail_countdown_moves_each_second_without_reading_the_store(qtbot, app_ctx):
    board = app_ctx.views["incidents"]
    app_ctx.window.show()
    qtbot.waitExposed(app_ctx.window)
    board.select_first()
    before = board.detail.toPlainText()
    statements: list[str] = []
    app_ctx.store.conn.set_trace_callback(statements.append)
    try:
        app_ctx.store.clock.advance(seconds=7)
        app_ctx.desk.timer.timeout.emit()
    finally:
        app_ctx.store.conn.set_trace_callback(None)
    assert board.detail.toPlainText() != before  # the countdown moved
    assert not statements  # and nothing was read for it
