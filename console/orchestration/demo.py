"""`--demo`: a simulated TETRA radio and BeiDou terminal on ptys, speaking as the seeded units, and an
SMS modem that accepts every message and reports it delivered."""
from __future__ import annotations

import contextlib
import logging
import os
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from console.devices.simulator import Simulator

log = logging.getLogger("console.devices")
DEMO_DEVICES = (("tetra", "演示 TETRA 电台", slice(0, 6)), ("beidou", "演示 北斗终端", slice(22, 28)),
                ("gsm", "演示 短信猫", slice(0, 0)))
IDENTITY_FIELD = {"tetra": "issi", "beidou": "beidou_id"}  # the modem speaks only when spoken to


def _demo_dir() -> Path:
    uid = os.getuid() if hasattr(os, "getuid") else 0
    d = Path(tempfile.gettempdir()) / f"incident-console-demo-{uid}"
    d.mkdir(parents=True, exist_ok=True)
    return d


def start_demo_devices(manager, *, rate_hz: float = 2.0, directory: Path | None = None,
                       emergency_rate: float = 0.002) -> list[DemoStopper]:
    """Start the simulators, add (or reuse) their devices and connect them. Returns stop callables.

    The simulators speak with the seeded units' ISSIs and BeiDou card numbers, so positions move
    those units on the map and their messages name them in the duty log.
    """
    units = manager.ingest.resources.units()
    directory = directory or _demo_dir()
    stops: list[DemoStopper] = []
    for protocol, name, pick in DEMO_DEVICES:
        field = IDENTITY_FIELD.get(protocol)
        ids = [u[field] for u in sorted(units, key=lambda u: u["id"]) if field and u.get(field)][pick] or None
        link = str(directory / f"tty{protocol}")
        # The modem's simulator has no traffic of its own: one tick a second is all it costs.
        rate = rate_hz * (len(ids) if ids else 4) / 4 if field else 1.0
        sim = Simulator(protocol, rate_hz=rate, identities=ids, link=link, seed=7,
                        emergency_rate=emergency_rate)
        sim.start()
        cfg = next((d for d in manager.devices() if d.port == link and d.protocol == protocol), None)
        if cfg is None:
            added = manager.add_device(name, link, protocol)
            cfg = added.value
            manager.publish(added.changes)
        manager.publish(manager.connect_device(cfg.id).changes)
        log.info("demo %s simulator on %s (%d units)", protocol, link, len(ids or []))
        stops.append(DemoStopper(manager, cfg.id, sim, link))
    return stops


@dataclass(frozen=True)
class DemoStopper:
    """Stops one demo device; its simulator stays reachable for previews that script an event."""
    manager: Any
    device_id: str
    simulator: Simulator
    link: str

    def __call__(self) -> None:
        # Disconnect first (and remember it), so a later start without --demo does not wait for a pty
        # that no longer exists.
        self.manager.disconnect_device(self.device_id)
        self.simulator.stop()
        with contextlib.suppress(OSError):
            os.unlink(self.link)


DEMO_NIGHT_HOURS = 6.0  # history the demo starts with, so the Trends area has a night to show
BACKFILL_STEP = 60.0


def start_demo_sensors(sensors, publish: Callable, clock, *, interval_ms: int = 1000,
                       parent=None) -> list[Callable[[], None]]:
    """Typhoon readings for the sample sensors: the last hours at once, then one reading per second."""
    from PySide6.QtCore import QTimer

    from console.devices.typhoon import value_at
    from console.services.sensors import Reading

    samples = [s for s in sensors.sensors() if s.sample]
    if not samples:
        return []
    now = clock.now().timestamp()
    start = now - DEMO_NIGHT_HOURS * 3600

    def line_of(s) -> float:
        return next((t.value for t in s.thresholds if t.colour == "orange"), s.value or 1.0)

    def readings(t: float) -> list[Reading]:
        return [
            Reading(s.id, t, value_at(s.id, s.kind, line_of(s), s.value or 0.0, t, start)) for s in samples
        ]

    back = []
    t = start
    while t < now:
        back += readings(t)
        t += BACKFILL_STEP
    publish(sensors.ingest(back).changes)
    timer = QTimer(parent)
    timer.setInterval(interval_ms)
    timer.timeout.connect(
        lambda: publish(sensors.ingest(readings(float(int(clock.now().timestamp())))).changes)
    )
    timer.start()
    log.info("demo sensor feeds: %d sample sensors, typhoon scenario", len(samples))
    return [timer.stop]
