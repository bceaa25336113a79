"""Composition root: builds the store, services, models, views and their wiring, in a fixed,
logged order. Nothing else creates long-lived objects or reaches across the application."""
from __future__ import annotations

import logging
import os
import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from PySide6.QtCore import QTranslator
    from PySide6.QtWidgets import QApplication

    from console.orchestration.manager import DeviceManager
    from console.services import Services
    from console.services.preplans import PreplanService
    from console.settings import Settings
    from console.shell.access import AccessControl
    from console.shell.desk import Desk
    from console.shell.map_link import MapLink
    from console.shell.operations import Operations
    from console.store.database import Store
    from console.views.main_window import MainWindow

log = logging.getLogger("console.app")


def prepare_environment() -> None:
    """Things that must happen before the QApplication exists."""
    if hasattr(os, "geteuid") and os.geteuid() == 0:
        # Chromium's sandbox refuses to run as root; only then do we turn it off.
        os.environ.setdefault("QTWEBENGINE_DISABLE_SANDBOX", "1")
    os.environ.setdefault("QTWEBENGINE_CHROMIUM_FLAGS",
                          "--disable-background-networking --disable-component-update --no-first-run")
    # The map view makes Qt compose the whole window through OpenGL; without a GPU that is Mesa's
    # llvmpipe redrawing 1600x1000 pixels on every clock tick (~7% of a core idle under X). The
    # software scene graph composes only what changed. QT_QUICK_BACKEND=rhi gives the GPU path back.
    os.environ.setdefault("QT_QUICK_BACKEND", "software")
    try:
        from console.map.schemes import register_url_schemes
    except ImportError:
        return
    register_url_schemes()


def create_qapp(argv: list[str] | None = None):
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QGuiApplication
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance()
    if app is None:
        QGuiApplication.setAttribute(Qt.ApplicationAttribute.AA_ShareOpenGLContexts)
        app = QApplication(argv or [sys.argv[0]])
    app.setApplicationName("incident-console")
    app.setOrganizationName("incident-console")
    return app


@dataclass
class AppContext:
    """Everything `build` made that outlives it, by name and type."""
    app: QApplication
    store: Store
    services: Services
    ops: Operations
    window: MainWindow
    desk: Desk
    settings: Settings
    preplans: PreplanService
    devices: DeviceManager
    access: AccessControl | None = None
    models: dict[str, Any] = field(default_factory=dict)
    views: dict[str, Any] = field(default_factory=dict)
    translators: list[QTranslator] = field(default_factory=list)
    map_link: MapLink | None = None
    # Called in order at close: simulators first, then the device manager.
    stoppers: list[Callable[[], None]] = field(default_factory=list)

    def set_theme(self, name: str) -> None:
        """Day or night for the whole console (widgets and the map), remembered for the next start."""
        from console.settings import THEME
        from console.shell.theme import apply_theme

        name = apply_theme(self.app, name)
        self.settings.set(THEME, name)
        map_view = self.views.get("map")
        if map_view is not None and hasattr(map_view, "set_theme"):
            map_view.set_theme(name)

    def close(self) -> None:
        for stop in self.stoppers:
            stop()
        self.window.may_close = None  # the program is ending (quit, a signal): nobody is there to answer
        self.window.close()
        self.store.close()


def _make_sync_area(store, svc, ops, hub_url: str = ""):
    from console.services.duty_log import DutyLogService
    from console.services.sync import SyncService
    from console.store.database import open_store
    from console.sync.autolink import AutoLink
    from console.views.sync_view import SyncArea

    def worker_sync() -> SyncService:
        own = open_store(store.path, store.clock)
        return SyncService(own, DutyLogService(own))

    area = SyncArea(SyncService(store, svc.log), ops, worker_sync)
    if hub_url:
        area.follow_link(AutoLink(hub_url, worker_sync, area.link_event.emit))
    return area


def build(store, app, settings, lang: str = "zh_CN", pdf_dir: Path | None = None,
          with_map: bool = True) -> AppContext:
    from PySide6.QtCore import QCoreApplication

    from console.domain.access import Action
    from console.domain.record_texts import RecordTexts
    from console.models.duty_log_model import DutyLogModel
    from console.models.incident_model import IncidentTableModel
    from console.models.units_model import ResourcesModel, UnitsModel
    from console.orchestration.manager import build_device_manager
    from console.services import build_services
    from console.settings import IDLE_LOCK_MINUTES, THEME
    from console.shell.access import AccessControl
    from console.shell.desk import Desk
    from console.shell.fonts import apply_app_font
    from console.shell.i18n import install_translation
    from console.shell.operations import Operations
    from console.shell.theme import apply_theme
    from console.views.devices_view import make_devices_area
    from console.views.duty_log_view import DutyLogView
    from console.views.incident_board import IncidentBoard
    from console.views.incident_detail import IncidentDetail
    from console.views.lazy_area import LazyArea
    from console.views.main_window import MainWindow
    from console.views.placeholder import NotSetUp
    from console.views.preplan_view import make_preplan_area
    from console.views.tasks_view import TasksView
    from console.views.units_view import UnitsView
    from console.views.warnings_view import make_warnings_area

    log.info("1 fonts, translation, theme")
    apply_app_font(app)
    translators = install_translation(app, lang)
    apply_theme(app, settings.get(THEME))
    log.info("2 services")
    svc = build_services(store, RecordTexts(lang))  # the record's language, chosen once
    preplans = svc.preplans
    svc.sensors.plans = preplans.plans  # a threshold crossing proposes the plans its reading meets
    ops = Operations()
    devices = build_device_manager(store, svc, ops.publish, parent=app)
    ops.changed.connect(devices.on_changes)
    log.info("3 models")
    models: dict[str, Any] = {
        "incidents": IncidentTableModel(svc.incidents, store.clock),
        "log": DutyLogModel(svc.log),
        "units": UnitsModel(svc.resources),
        "resources": ResourcesModel(svc.resources),
    }
    for m in models.values():
        ops.changed.connect(m.on_changes)
    log.info("4 window and views")
    window = MainWindow(settings)
    pdf_dir = pdf_dir or store.path.parent / "handover"
    desk = Desk(svc, ops, window, pdf_dir)
    detail = IncidentDetail(svc.incidents.detail, store.clock)
    board = IncidentBoard(models["incidents"], detail)
    log_view = DutyLogView(models["log"], desk.append_entry, desk.correct_entry)
    units_view = LazyArea(lambda: UnitsView(models["units"], models["resources"]))
    views: dict[str, Any] = {"incidents": board, "log": log_view, "units": units_view}
    map_view = _make_map(with_map, store.path.parent)
    views["map"] = map_view or NotSetUp(QCoreApplication.translate("Areas", "The map"),
                                        QCoreApplication.translate("Areas",
                                                                   "The offline map is not installed."))
    views["video"] = _make_video_wall(svc, preplans, ops, store, lang) or NotSetUp(
        QCoreApplication.translate("Areas", "The video wall"),
        QCoreApplication.translate("Areas", "The video decoders (PyAV) cannot load on this machine: "
                                            "run make run again to reinstall them."))
    views["preplans"] = make_preplan_area(svc, preplans, ops, store.clock)
    views["devices"] = make_devices_area(devices, ops)
    from console.settings import SYNC_HUB_URL

    views["sync"] = _make_sync_area(store, svc, ops, settings.get(SYNC_HUB_URL).strip())
    window.add_banner(views["devices"].banner)  # an emergency shows across the whole window
    views["warnings"] = make_warnings_area(svc.warnings, ops, store.path.parent / "cap_out")
    window.add_banner(views["warnings"].banner)  # a new Severe or Extreme CAP alert, until acknowledged
    views["warnings"].watch(store.path.parent / "cap_in")
    from console.models.comms_log_model import CommsLogModel
    from console.views.comms_log_view import CommsLogView

    models["comms"] = CommsLogModel(svc.comms)
    ops.changed.connect(models["comms"].on_changes)
    views["comms"] = CommsLogView(
        models["comms"], lambda: [(u["id"], u["callsign"]) for u in svc.resources.units()],
        lambda entry_id, incident_id: ops.run(svc.comms.mark_for_duty_log, entry_id, incident_id))
    views["tasks"] = TasksView(svc.tasks.listing, desk.confirm_task, store.clock, desk.officer_on_duty)
    ops.changed.connect(views["tasks"].on_changes)
    views["trends"] = LazyArea(lambda: _make_trends(svc.sensors, ops, store.clock))
    titles = {
        "map": QCoreApplication.translate("Areas", "Situation map"),
        "video": QCoreApplication.translate("Areas", "Video wall"),
        "incidents": QCoreApplication.translate("Areas", "Incidents"),
        "preplans": QCoreApplication.translate("Areas", "Preplan checklist"),
        "log": QCoreApplication.translate("Areas", "Duty log"),
        "units": QCoreApplication.translate("Areas", "Units and resources"),
        "devices": QCoreApplication.translate("Areas", "Devices"),
        "trends": QCoreApplication.translate("Areas", "Trends"),
        "warnings": QCoreApplication.translate("Areas", "Warnings"),
        "sync": QCoreApplication.translate("Areas", "Sync"),
        "tasks": QCoreApplication.translate("Areas", "Tasks by hand"),
        "comms": QCoreApplication.translate("Areas", "Communications log"),
    }
    for name in ("map", "video", "incidents", "preplans", "log", "comms", "tasks", "units", "devices",
                 "trends", "warnings", "sync"):
        window.add_area(name, titles[name], views[name])
    for name, dock in window.docks.items():  # a view behind another tab does no work (idle CPU)
        if hasattr(views[name], "set_shown"):
            views[name].set_shown(False)
            dock.visibilityChanged.connect(views[name].set_shown)
    window.add_actions(desk.actions())
    window.may_close = desk.may_close
    window.add_layout_actions()
    desk.place_overdue_badge(window.add_status_widgets([], [desk.overdue_badge, desk.shift_badge,
                                                             desk.clock_label])[0])
    log.info("5 wiring")
    board.incidentSelected.connect(desk.set_current_incident)
    board.incidentSelected.connect(detail.show_incident)
    ops.changed.connect(lambda ch: detail.refresh() if ch.reset or ch.incidents or ch.duty_log else None)
    board.incidentSelected.connect(views["preplans"].set_incident)
    board.incidentSelected.connect(views["comms"].set_incident)
    window.addAction(views["preplans"].act_activate)
    board.actionRequested.connect(desk.incident_action)
    desk.incidentCreated.connect(board.select)
    ops.failed.connect(lambda msg: _show_error(window, msg))
    ops.info.connect(lambda msg: window.statusBar().showMessage(msg, 8000))
    from PySide6.QtGui import QAction, QKeySequence

    focus_log = QAction(QCoreApplication.translate("Areas", "New log entry"), window)
    focus_log.setShortcut(QKeySequence("Ctrl+L"))

    def new_log_entry() -> None:
        window.show_area("log")
        log_view.focus_new_entry()

    focus_log.triggered.connect(new_log_entry)
    window.addAction(focus_log)
    for n, name in enumerate(("map", "incidents", "log", "units", "preplans", "video", "devices",
                                           "tasks"), start=1):
        a = QAction(titles[name], window)
        a.setShortcut(QKeySequence(f"Alt+{n}"))
        a.triggered.connect(lambda _=False, name=name: window.show_area(name))
        window.addAction(a)
    tick = models["incidents"].tick
    desk.timer.timeout.connect(tick)
    desk.timer.timeout.connect(detail.tick)  # the deadline countdowns move
    desk.timer.timeout.connect(views["tasks"].tick)
    board.select_first()  # the most urgent incident, so the checklist area has something to show
    access = AccessControl(svc, ops, window, settings.get(IDLE_LOCK_MINUTES))
    for act, need in (
        (desk.act_intake, Action.INTAKE),
        (desk.act_first, Action.REPORTS),
        (desk.act_written, Action.REPORTS),
        (desk.act_shift, Action.SHIFT),
        (desk.act_handover, Action.SHIFT),
        (views["preplans"].act_activate, Action.PREPLAN_ACTIVATION),
    ):
        access.guard(act, need)
    ctx = AppContext(app, store, svc, ops, window, desk, settings, preplans, devices, access, models, views,
                     translators=list(translators or []), stoppers=[devices.shutdown, views["sync"].shutdown])
    theme = QAction(QCoreApplication.translate("Areas", "Day / night theme"), window)
    theme.setShortcut(QKeySequence("Ctrl+Shift+T"))
    theme.triggered.connect(lambda: ctx.set_theme("day" if settings.get(THEME) == "night" else "night"))
    window.areas_menu.addSeparator()
    window.areas_menu.addAction(theme)
    if hasattr(views["video"], "shutdown"):
        ctx.stoppers.append(views["video"].shutdown)
        ops.changed.connect(views["video"].on_changes)
        board.incidentSelected.connect(views["video"].set_incident)
        from console.models.duty_log_model import ENTRY_ROLE
        from console.views.snapshot_dialog import show_snapshot_of_entry

        log_view.table.doubleClicked.connect(lambda idx: show_snapshot_of_entry(
            window, svc.cameras, models["log"].data(idx, ENTRY_ROLE)))
    if map_view is not None:
        _wire_map(ctx, map_view)
    return ctx


def _make_video_wall(svc, preplans, ops, store, lang: str):
    """The video wall, or None when Qt Multimedia cannot load here (a missing system library)."""
    try:
        from console.views.video_wall import VideoWall
    except ImportError as exc:
        log.error("video wall unavailable: %s", exc)
        return None
    from console.video.incident_patrol import incident_cameras

    return VideoWall(svc.cameras, ops, store.path.parent / "snapshots",
                     lambda iid, radius: incident_cameras(svc.incidents, preplans, svc.cameras, iid, radius))


def _make_trends(sensors, ops, clock):
    from console.views.trends_view import make_trends_area  # pyqtgraph: when the area is first shown

    return make_trends_area(sensors, ops, clock)


def _make_map(with_map: bool, data_dir: Path):
    if not with_map:
        return None
    from PySide6.QtCore import QCoreApplication

    from console.map.basemaps import BasemapRegistry
    from console.views.map_view import MapView

    registry = BasemapRegistry(
        tiles_dir=data_dir / "basemaps",
        vector_title=QCoreApplication.translate("MapView", "Districts (offline vector)"),
        online_title=QCoreApplication.translate("MapView", "Online map"))
    return MapView(registry, page_cache=data_dir / "cache")


def _wire_map(ctx: AppContext, map_view) -> None:
    from PySide6.QtCore import QCoreApplication

    from console.shell.map_link import MapLink

    link = MapLink(ctx.services, map_view)
    ctx.map_link = link
    ctx.ops.changed.connect(link.on_changes)
    board = ctx.views["incidents"]
    # Zoom 14 shows the scene with the units around it; the offline basemap has no street detail anyway.
    board.incidentPicked.connect(lambda iid: (inc := ctx.services.incidents.get(iid)) and map_view.fly_to(
        inc.lat, inc.lon, 14))
    board.incidentPicked.connect(map_view.select_incident)
    map_view.incidentSelected.connect(board.select)
    from console.views.lazy_area import LazyArea

    units, trends = ctx.views["units"], ctx.views["trends"]
    assert isinstance(units, LazyArea) and isinstance(trends, LazyArea)
    map_view.unitSelected.connect(lambda uid: units.built and units.inner().select_unit(uid))
    map_view.sensorActivated.connect(_in_area(ctx, "trends", lambda sid: trends.inner().show_sensor(sid)))
    map_view.warningSelected.connect(_in_area(ctx, "warnings", ctx.views["warnings"].select))
    ctx.views["warnings"].alertSelected.connect(lambda wid: _fly_to_warning(ctx, map_view, wid))
    units.when_built(lambda view: view.unitSelected.connect(map_view.select_unit))
    map_view.newIncidentRequested.connect(lambda lat, lon: ctx.desk.take_report(lat, lon))
    from console.settings import THEME
    from console.views.intake_map import IntakeMapTools

    ctx.desk.intakeOpened.connect(lambda dlg: IntakeMapTools(dlg, ctx.desk.places.centre, map_view,
                                                             lambda: ctx.window.show_area("map")))
    map_view.set_theme(ctx.settings.get(THEME))
    wall = ctx.views["video"]
    if hasattr(wall, "show_camera"):
        map_view.cameraActivated.connect(_in_area(ctx, "video", wall.show_camera))
    else:
        map_view.cameraActivated.connect(lambda _cid: ctx.ops.info.emit(QCoreApplication.translate(
            "Areas", "The video wall is not set up yet; the camera's position is on the map.")))
    from PySide6.QtGui import QAction

    from console.views.basemap_import_dialog import choose_and_import

    tiles_dir = ctx.store.path.parent / "basemaps"
    act = QAction(QCoreApplication.translate("Areas", "Import MBTiles basemap…"), ctx.window)
    act.triggered.connect(lambda: choose_and_import(ctx.window, tiles_dir) and map_view.refresh_basemaps())
    ctx.window.areas_menu.addAction(act)


def _in_area(ctx: AppContext, area: str, act: Callable[[str], object]) -> Callable[[str], None]:
    """A slot that brings an area forward, then acts there on the id the signal carries."""
    def slot(key: str) -> None:
        ctx.window.show_area(area)
        act(key)
    return slot


def _fly_to_warning(ctx: AppContext, map_view, warning_id: str) -> None:
    stored = ctx.services.warnings.get(warning_id)
    item = stored and ctx.services.warnings.map_item(stored)
    points = (
        [p for ring in item["polygons"] for p in ring] + [[c["lat"], c["lon"]] for c in item["circles"]]
        if item
        else []
    )
    if points:
        map_view.fly_to(sum(p[0] for p in points) / len(points), sum(p[1] for p in points) / len(points), 10)


def _show_error(parent, msg: str) -> None:
    from PySide6.QtCore import QCoreApplication
    from PySide6.QtWidgets import QMessageBox

    box = QMessageBox(QMessageBox.Icon.Warning, QCoreApplication.translate("Areas", "Attention"), msg,
                      parent=parent)
    box.open()


def open_or_explain(db_path: Path, lang: str):
    """Open the store; on an environment failure, say so in a dialog and return None."""
    from console.store.database import open_store
    from console.store.errors import StoreUnavailable

    try:
        return open_store(db_path)
    except StoreUnavailable as exc:
        from PySide6.QtWidgets import QMessageBox

        from console.shell.operations import store_error_text

        QMessageBox.critical(None, "incident-console", store_error_text(exc))
        return None


def _offer_samples(parent) -> bool:
    from PySide6.QtCore import QCoreApplication
    from PySide6.QtWidgets import QMessageBox

    answer = QMessageBox.question(
        parent,
        QCoreApplication.translate("Areas", "Empty database"),
        QCoreApplication.translate(
            "Areas",
            "This database is empty. Load the sample Shanghai data (districts, "
            "stations, shelters, units; all invented and marked as samples)?",
        ),
    )
    return answer == QMessageBox.StandardButton.Yes


def load_samples(ctx: AppContext) -> None:
    """The sample data (all invented, marked as samples), and looped test clips for the sample
    cameras so that the wall shows moving pictures with no camera and no network."""
    from console.services.seed import load_seed
    from console.video.samples import attach_sample_clips

    svc = ctx.services
    ctx.ops.run(load_seed, ctx.store, svc.incidents, svc.log)
    ctx.ops.publish(attach_sample_clips(svc.cameras, ctx.store.path.parent / "samples").changes)


def run_gui(args) -> int:
    from console.paths import default_db_path
    from console.services.seed import is_empty
    from console.settings import Settings

    if not _has_display():
        print("There is no display here (neither DISPLAY nor WAYLAND_DISPLAY is set), so the console window "
              "cannot open. To see the console without a display: incident-console screenshot --demo --out "
              "console.png", file=sys.stderr)
        return 3
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(name)s %(levelname)s %(message)s")
    prepare_environment()
    app = create_qapp()
    store = open_or_explain(args.db or default_db_path(), args.lang)
    if store is None:
        return 3
    settings = Settings()
    empty = is_empty(store)
    ctx = build(store, app, settings, args.lang)
    ctx.devices.start()
    from console.orchestration.sensor_polling import SensorPolling

    polling = SensorPolling(ctx.services.sensors, ctx.ops.publish, parent=app)
    polling.start()  # the sensors with a Modbus register map in the registry
    ctx.stoppers.insert(0, polling.stop)
    # Samples are loaded as the system, so only into a database without accounts.
    if not ctx.services.accounts.any() and (args.demo or (empty and (
            getattr(args, "demo_if_empty", False) or _offer_samples(ctx.window)))):
        load_samples(ctx)
        loaded_samples = True
    else:
        loaded_samples = False
    if args.demo:
        from console.orchestration.demo import start_demo_devices, start_demo_sensors

        ctx.stoppers[:0] = start_demo_devices(ctx.devices)
        ctx.stoppers[:0] = start_demo_sensors(ctx.services.sensors, ctx.ops.publish, store.clock, parent=app)
    ctx.window.resize(1600, 1000)
    restored = ctx.window.restore_layout()
    ctx.window.show()
    if not restored:
        app.processEvents()  # the docks get their real sizes before being proportioned
        ctx.window.arrange_default()
    _log_when_ready(ctx)
    _quit_on_signals(app)
    # Over the shown window, so what runs behind it (map, wall, alarms) is already running.
    _sign_in_at_start(ctx, sample=bool(args.demo or loaded_samples), then=lambda: _offer_shift(ctx))
    code = app.exec()
    ctx.close()
    return code


def _sign_in_at_start(ctx: AppContext, sample: bool, then: Callable[[], None] = lambda: None):
    """The demo signs in a sample duty officer (no account stored); otherwise a modal dialog over the
    window asks someone to sign in, or on a database without accounts sets up the administrator.
    Giving up closes the console. Returns the dialog, or None for the sample."""
    from PySide6.QtCore import QCoreApplication

    from console.domain.access import Actor, Position

    assert ctx.access is not None
    if sample and not ctx.services.accounts.any():
        ctx.access.use_sample(Actor(QCoreApplication.translate("Access", "Duty officer (sample)"),
                                    Position.DUTY_OFFICER, sample=True))
        then()
        return None
    dlg = ctx.access.start_dialog()
    dlg.accepted.connect(then)
    dlg.rejected.connect(ctx.window.close)
    dlg.open()
    return dlg


def _offer_shift(ctx: AppContext) -> None:
    from console.domain.access import Action

    actor = ctx.store.actor
    if ctx.services.shifts.current() is None and (actor is None or actor.may(Action.SHIFT)):
        ctx.desk.open_shift()


def _has_display() -> bool:
    """On Linux and the BSDs Qt needs an X or Wayland server unless a platform is chosen explicitly;
    without one it aborts with a message about plugins that helps nobody."""
    if not sys.platform.startswith(("linux", "freebsd", "openbsd", "netbsd")):
        return True
    return bool(
        os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY") or os.environ.get("QT_QPA_PLATFORM")
    )


READY_MESSAGE = "window ready"
MAP_DRAWN_MESSAGE = "map drawn"


def _log_when_ready(ctx: AppContext) -> None:
    """Say in the log when the window first turns idle and when the map has drawn: what an operator
    (or a start-up benchmark reading the log) wants to know about a start."""
    from PySide6.QtCore import QTimer

    map_view = ctx.views.get("map")
    if map_view is not None and getattr(map_view, "ready", None) is not None:
        if map_view.is_ready():
            QTimer.singleShot(0, lambda: log.info(MAP_DRAWN_MESSAGE))
        else:
            map_view.ready.connect(lambda *_: log.info(MAP_DRAWN_MESSAGE))
    QTimer.singleShot(0, lambda: log.info(READY_MESSAGE))  # runs once the loop is idle with the window up


def _quit_on_signals(app) -> None:
    """SIGTERM / SIGINT (a logout, a service manager, Ctrl+C) close the console cleanly: Python
    handles a signal only when it runs, so a socket wakes the Qt loop for it."""
    import signal
    import socket

    from PySide6.QtCore import QSocketNotifier

    reader, writer = socket.socketpair()
    reader.setblocking(False)
    writer.setblocking(False)
    signal.set_wakeup_fd(writer.fileno())
    notifier = QSocketNotifier(reader.fileno(), QSocketNotifier.Type.Read, app)

    def wake() -> None:
        try:
            reader.recv(64)
        except OSError:
            pass

    notifier.activated.connect(wake)
    for sig in (signal.SIGTERM, signal.SIGINT):
        signal.signal(sig, lambda *_: app.quit())
    _SIGNAL_WAKE[:] = [reader, writer, notifier]  # kept alive as long as the application


_SIGNAL_WAKE: list[Any] = []
