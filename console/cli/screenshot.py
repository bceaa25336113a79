"""`incident-console screenshot`: render the main window or one view offscreen from the current
database, after the views have drawn (the map page loaded), so anyone can look without a display."""
from __future__ import annotations

import os
import sys
from pathlib import Path

VIEWS = ("main", "map", "incidents", "log", "units", "video", "preplans", "devices", "trends", "warnings")
# Each side in pixels: enough for a video wall, small enough that the picture fits in memory.
SIDE = (200, 7680)


def screenshot(args) -> int:
    if not os.environ.get("DISPLAY") and not os.environ.get("WAYLAND_DISPLAY"):
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    if args.view not in VIEWS:
        print(f"unknown view {args.view!r}; one of {', '.join(VIEWS)}", file=sys.stderr)
        return 2
    try:
        w, h = (int(x) for x in args.size.lower().split("x"))
    except ValueError:
        print("--size must look like 1600x1000", file=sys.stderr)
        return 2
    if not (SIDE[0] <= w <= SIDE[1] and SIDE[0] <= h <= SIDE[1]):
        print(f"--size: each side must be {SIDE[0]} to {SIDE[1]} pixels", file=sys.stderr)
        return 2
    import tempfile

    from PySide6.QtCore import QDeadlineTimer, QEventLoop, QTimer

    from console.app import build, create_qapp, load_samples, prepare_environment
    from console.paths import default_db_path
    from console.settings import Settings
    from console.store.database import open_store

    prepare_environment()
    app = create_qapp()
    store = open_store(args.db or default_db_path())
    demo = getattr(args, "demo", False)
    with tempfile.TemporaryDirectory() as tmp:
        ctx = build(store, app, Settings(Path(tmp) / "s.ini"), args.lang, pdf_dir=Path(tmp),
                    with_map=args.view in ("main", "map"))
        if demo:
            load_samples(ctx)
            svc = ctx.services
            if svc.shifts.current() is None and not svc.accounts.any():  # no sign-in: a bare database only
                ctx.ops.run(svc.shifts.open, "值班员（示例）", "带班领导（示例）")
        if demo and args.view in ("main", "devices"):
            from console.orchestration.demo import start_demo_devices

            ctx.devices.start()
            ctx.stoppers[:0] = start_demo_devices(ctx.devices, directory=Path(tmp))
        if demo and args.view in ("main", "trends"):
            from console.orchestration.demo import start_demo_sensors

            ctx.stoppers[:0] = start_demo_sensors(
                ctx.services.sensors, ctx.ops.publish, store.clock, parent=app
            )
        ctx.window.resize(w, h)
        ctx.window.show()
        app.processEvents()  # the docks get their real sizes before being proportioned
        ctx.window.arrange_default()
        if getattr(args, "theme", None):
            ctx.set_theme(args.theme)
        if getattr(args, "layout", None):
            ctx.window.arrange_layout(args.layout)
            app.processEvents()
        ctx.window.hide_stray_tab_bars()
        target = ctx.window if args.view == "main" else ctx.views[args.view]
        if args.view != "main":
            # One area alone: the others close, so none of them works behind it (a video wall left
            # in the window once the map floats out would decode its streams all the while).
            for name, other in ctx.window.docks.items():
                if name != args.view:
                    other.hide()
            ctx.window.show_area(args.view)
            dock = ctx.window.docks[args.view]
            dock.setFloating(True)
            dock.resize(w, h)
        map_view = ctx.views.get("map")
        loop = QEventLoop()
        deadline = QDeadlineTimer(20000)  # a field laptop under load may take this long to draw
        ready = getattr(map_view, "is_ready", None)
        while ready is not None and not ready() and not deadline.hasExpired():
            loop.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 50)
        while ctx.stoppers[:-1] and not _devices_talking(ctx.devices) and not deadline.hasExpired():
            loop.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 50)
        settled = getattr(ctx.views.get("video"), "settled", None)
        if args.view == "video" and settled is not None:  # every tile shows a frame or says it is offline
            deadline = QDeadlineTimer(8000)
            while not settled() and not deadline.hasExpired():
                loop.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 50)
        # A few more turns so late paints (tiles, countdowns) land in the picture.
        settle = QDeadlineTimer(400 if ready is None else 1200)
        while not settle.hasExpired():
            loop.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 50)
        QTimer.singleShot(0, lambda: None)
        pix = target.grab()
        args.out.parent.mkdir(parents=True, exist_ok=True)
        ok = pix.save(str(args.out))
        ctx.close()
    if not ok:
        print(f"could not write {args.out}", file=sys.stderr)
        return 1
    print(args.out)
    return 0


def _devices_talking(manager) -> bool:
    """Every configured device open and at least one frame in, so the picture shows live devices."""
    configs = manager.devices()
    return bool(configs) and all(
        (st := manager.stats(c.id)).state == "open" and st.frames_in > 0 for c in configs)
