"""Owns the configured devices: one session (transport + parser) per connected device, and the drain tick.

Reader threads only append to a deque (thread-safe); a QTimer on the GUI thread drains it every
`interval_ms`, parses, and hands the whole tick to the ingest service in one transaction. Draining on
a timer also coalesces: at full line rate the map sees one position per unit per tick, not one per
sentence. What each tick stored goes out as its Changes through `publish` (the one refresh channel);
only the live link state, which is not stored, has a signal of its own.
"""
from __future__ import annotations

import logging
import time
from collections import deque
from collections.abc import Callable
from typing import cast

from PySide6.QtCore import QObject, QTimer, Signal

from console.devices.transport import SerialTransport
from console.domain.changes import Changes, Result
from console.domain.clock import from_iso
from console.orchestration.session import DeviceSession, LinkStats, make_session
from console.services.devices import DeviceConfig, DeviceService
from console.services.ingest import FrameRecord, IngestResult, IngestService
from console.services.outbox import CHANNEL_OF_PROTOCOL, OutboxService, OutboxUpdate
from console.store.errors import StoreUnavailable

log = logging.getLogger("console.devices")
MAX_PENDING_FRAMES = 200_000  # while the disk refuses writes, keep this much and retry each tick


def _link(cfg: DeviceConfig) -> tuple:
    """What a session's port was opened with."""
    return cfg.port, cfg.protocol, cfg.baud, cfg.framing


class DeviceManager(QObject):
    statusChanged = Signal(object)  # device ids whose live link state (not stored) changed

    def __init__(self, devices: DeviceService, ingest: IngestService, outbox: OutboxService,
                 publish: Callable[[Changes], None] = lambda c: None, *, interval_ms: int = 50,
                 transport_factory: Callable[..., SerialTransport] = SerialTransport, parent=None) -> None:
        super().__init__(parent)
        self.devices_svc, self.ingest, self.outbox = devices, ingest, outbox
        self.clock = devices.store.clock
        self.publish = publish  # the one refresh channel (Operations.publish in the app)
        self._transport_factory = transport_factory
        self._sessions: dict[str, tuple[int, DeviceSession]] = {}
        self._by_gen: dict[int, DeviceSession] = {}  # incl. sessions closed since the last tick
        self._closed: list[int] = []
        self._stopped: dict[str, LinkStats] = {}
        self._gen = 0
        self._inbox: deque[tuple[str, int, str, object, float]] = deque()
        self._pending: tuple[list[FrameRecord], list[OutboxUpdate]] = ([], [])
        self._typed_ports: list[str] = []
        self._links_dirty = True
        self._last_slow = 0.0
        self._interval_ms = interval_ms
        self._running = False
        self.timer = QTimer(self)
        self.timer.setInterval(interval_ms)
        self.timer.timeout.connect(self.drain)

    # -- lifecycle --------------------------------------------------------------------------------
    def start(self) -> None:
        """Connect the devices the operator left connected, and start draining."""
        for cfg in self.devices_svc.list():
            # A device connected before start() is open already: a second session would put two
            # readers on one port, each taking part of the bytes (broken frames on both).
            if cfg.enabled and cfg.id not in self._sessions:
                self._open(cfg)
        self._running = True
        self.timer.start()

    def shutdown(self) -> None:
        self._running = False
        self.timer.stop()
        for dev_id in list(self._sessions):
            self._close(dev_id)
        self.drain()  # store what arrived before the ports closed

    # -- configuration ----------------------------------------------------------------------------
    def devices(self) -> list[DeviceConfig]:
        return self.devices_svc.list()

    def add_device(self, name: str, port: str, protocol: str, baud: int | None = None,
                   framing: str = "8N1") -> Result[DeviceConfig]:
        return self.devices_svc.add(name, port, protocol, baud, framing)

    def remove_device(self, device_id: str) -> Result[None]:
        self._close(device_id)
        return self.devices_svc.retire(device_id)

    def connect_device(self, device_id: str) -> Result[None]:
        result = self.devices_svc.set_enabled(device_id, True)
        cfg = self.devices_svc.get(device_id)
        entry = self._sessions.get(device_id)
        if cfg is not None and entry is not None and _link(entry[1].cfg) != _link(cfg):
            # Opened with settings that have changed since (a device re-pointed at another port):
            # the old session would keep retrying, or read, the old port.
            self._close(device_id)
        if cfg is not None and device_id not in self._sessions:
            self._open(cfg)
        self.statusChanged.emit({device_id})
        return result

    def disconnect_device(self, device_id: str) -> Result[None]:
        result = self.devices_svc.set_enabled(device_id, False)
        self._close(device_id)
        self.statusChanged.emit({device_id})
        return result

    def on_changes(self, changes: Changes) -> None:
        """Messages another service queued (a preplan activation) wait as no_link: look at the links
        on the next tick, so the ones with a link up go out."""
        if changes.outbox or changes.reset:
            self._links_dirty = True
            self._wake()

    def _wake(self) -> None:
        """Back to the drain pace: a device opened, or there is work for the next tick."""
        if self._running and (not self.timer.isActive() or self.timer.interval() != self._interval_ms):
            self.timer.start(self._interval_ms)

    def _pace(self) -> None:
        """With no device open there is nothing to read: instead of ticking, the timer sleeps until
        the next outbox expiry (or stops when nothing can expire) until a device or a change wakes it."""
        if not self._running:
            return
        if self._sessions or self._inbox or self._closed or self._links_dirty or any(self._pending):
            self._wake()
            return
        nxt = self.outbox.next_expiry()
        if nxt is None:
            self.timer.stop()
            return
        due = from_iso(nxt)
        if due is None:  # an unreadable stamp: look again in a minute rather than never
            self.timer.start(60_000)
            return
        wait_ms = (due - self.clock.now()).total_seconds() * 1000
        self.timer.start(int(min(max(wait_ms, 1000), 3_600_000)))

    def _open(self, cfg: DeviceConfig) -> None:
        self._gen += 1
        gen, inbox = self._gen, self._inbox
        # Called on the reader thread: a deque append is atomic, nothing else is touched there.
        sess = make_session(cfg, self.outbox, self.clock, self._transport_factory,
                            on_data=lambda b: inbox.append((cfg.id, gen, "data", b, time.monotonic())),
                            on_state=lambda s: inbox.append((cfg.id, gen, "state", s, time.monotonic())))
        self._sessions[cfg.id] = (gen, sess)
        self._by_gen[gen] = sess
        sess.start()
        self._links_dirty = True
        self._wake()
        log.info("device %s (%s) connecting on %s", cfg.name, cfg.protocol, cfg.port)

    def _close(self, device_id: str) -> None:
        entry = self._sessions.pop(device_id, None)
        if entry is not None:
            entry[1].stop()
            self._links_dirty = True
            self._stopped[device_id] = entry[1].stats
            self._closed.append(entry[0])  # its last bytes are still stored by the next tick
            log.info("device %s disconnected", entry[1].cfg.name)

    # -- live state -------------------------------------------------------------------------------
    def stats(self, device_id: str) -> LinkStats:
        entry = self._sessions.get(device_id)
        if entry is not None:
            return entry[1].stats
        stopped = self._stopped.get(device_id)
        if stopped is not None:
            stopped.state = "disconnected"
            return stopped
        return LinkStats()

    def session(self, device_id: str) -> DeviceSession | None:
        entry = self._sessions.get(device_id)
        return entry[1] if entry else None

    @staticmethod
    def now_mono() -> float:
        return time.monotonic()

    def wall_of(self, t: float) -> str:
        """A monotonic time as wall-clock ISO text, for display."""
        from datetime import timedelta

        from console.domain.clock import to_iso

        return to_iso(self.clock.now() - timedelta(seconds=max(0.0, time.monotonic() - t)))

    def connected_channels(self) -> set[str]:
        return {CHANNEL_OF_PROTOCOL.get(s.cfg.protocol, s.cfg.protocol)
                for _, s in self._sessions.values() if s.is_open}

    def remember_port(self, port: str) -> None:
        """A path the operator typed (a /dev/pts node or a udev symlink): offer it in the port list."""
        port = port.strip()
        if port and port not in self._typed_ports:
            self._typed_ports.append(port)

    def detected_ports(self) -> list[str]:
        from serial.tools import list_ports

        found = [p.device for p in list_ports.comports()]
        configured = [d.port for d in self.devices_svc.list()]
        return list(dict.fromkeys([*found, *self._typed_ports, *configured]))

    # -- sending ----------------------------------------------------------------------------------
    def send(self, channel: str, recipient: str, text: str, device_id: str | None = None,
             incident_id: str | None = None) -> Result[str]:
        linked = channel in self.connected_channels()
        return self.outbox.submit(channel, recipient, text, device_id=device_id, incident_id=incident_id,
                                  linked=linked)

    def open_alerts(self) -> list[dict]:
        """Radio emergencies not yet acknowledged, oldest first (the alert banner's source)."""
        return self.ingest.open_alerts()

    def acknowledge_alert(self, alert_id: str) -> Result[None]:
        return self.ingest.acknowledge(alert_id)

    # -- the drain tick ---------------------------------------------------------------------------
    def drain(self) -> IngestResult | None:
        t = time.monotonic()
        frames, updates = self._pending
        self._pending = ([], [])
        touched: set[str] = set()
        # Only what was there when the tick began: a reply to a command written during this tick
        # belongs to the next one, so every outbox state gets committed (and shown) in order.
        for _ in range(len(self._inbox)):
            dev_id, gen, kind, payload, at = self._inbox.popleft()
            sess = self._by_gen.get(gen)
            if sess is None:
                continue
            if kind == "data":
                f, u = sess.receive(cast(bytes, payload), at)  # "data" carries bytes
            else:
                f, u = sess.state_changed(cast(str, payload), at)  # a state change, its name
                self._links_dirty = True
                log.info("device %s: %s", sess.cfg.name, payload)
            frames += f
            updates += u
            touched.add(dev_id)
        slow = t - self._last_slow >= 1.0
        # On link changes, and when another service's Changes named outbox rows (see on_changes).
        if self._links_dirty:
            self._links_dirty = False
            updates += self.outbox.link_changed(self.connected_channels())
        if slow:
            self._last_slow = t
            updates += self.outbox.expire(self.clock_iso())
        queued = self.outbox.any_queued() if self._sessions else False
        for dev_id, (_, sess) in self._sessions.items():
            f, u = sess.pump(t, queued)
            frames += f
            updates += u
            if f:
                touched.add(dev_id)
        for gen in self._closed:
            self._by_gen.pop(gen, None)
        self._closed.clear()
        result = None
        if frames or updates:
            result = self._commit(frames, updates)
        if slow:
            touched |= set(self._sessions)  # bytes/s decays even when nothing arrives
        if touched:
            self.statusChanged.emit(touched)
        self._pace()
        return result

    def clock_iso(self) -> str:
        from console.domain.clock import to_iso

        return to_iso(self.clock.now())

    def _commit(self, frames: list[FrameRecord], updates: list[OutboxUpdate]) -> IngestResult | None:
        try:
            result = self.ingest.apply(frames, updates)
        except StoreUnavailable as exc:
            # The environment failed (disk full, locked): keep the tick and try again, losing nothing.
            log.error("device traffic not stored yet: %s", exc)
            self._pending = (frames[-MAX_PENDING_FRAMES:], updates)
            return None
        self.publish(result.changes)
        return result


def build_device_manager(store, services, publish: Callable[[Changes], None], **kw) -> DeviceManager:
    """The manager over the shared services, for the composition root."""
    return DeviceManager(services.devices, services.ingest, services.outbox, publish, **kw)
