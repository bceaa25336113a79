"""One connected device: its transport, framer, parser, live statistics and outbound pacing.

Runs on the GUI thread (the manager calls it from its drain tick); only the transport's reader
thread is concurrent, and it only appends to the manager's inbox. Protocol knowledge about sending
(TETRA AT command queue and SDS-TL refs, BeiDou card and service interval) lives here; what the
outbox table must record comes back as `OutboxUpdate`s for the ingest transaction.
"""
from __future__ import annotations

import random
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import timedelta

import serial

from console.devices.beidou import binary as bd4
from console.devices.beidou.protocol import SET_21, SET_40, SET_BDS3, BeidouParser, ccica, cctcq, cctxa
from console.devices.beidou.queue import BeidouSendQueue, CardInfo
from console.devices.framing import make_framer
from console.devices.nmea.protocol import NmeaParser
from console.devices.tetra.protocol import EXAMPLE_STATUS_TABLE, TetraParser, init_sequence, send_text
from console.devices.transport import PortSettings, SerialTransport
from console.domain.clock import Clock, to_iso
from console.domain.device_events import Ack, Error, Event
from console.services.devices import DeviceConfig
from console.services.ingest import FrameRecord
from console.services.outbox import GROUP_PREFIX, OutboxService, OutboxUpdate

MAX_ATTEMPTS = 5
RETRY_S = 30.0
RATE_WINDOW_S = 3.0
_PARITY = {"N": serial.PARITY_NONE, "E": serial.PARITY_EVEN, "O": serial.PARITY_ODD}


def port_settings(cfg: DeviceConfig) -> PortSettings:
    f = cfg.framing if len(cfg.framing) == 3 else "8N1"
    return PortSettings(cfg.baud, int(f[0]), _PARITY.get(f[1], serial.PARITY_NONE), float(f[2]))


@dataclass
class LinkStats:
    state: str = "disconnected"  # disconnected, connecting, open, lost
    bytes_in: int = 0
    bytes_out: int = 0
    frames_in: int = 0
    frames_out: int = 0
    errors: int = 0
    last_frame_t: float | None = None  # monotonic
    last_error: str = ""
    opened_t: float | None = None  # monotonic time the port last opened
    reconnects: int = 0
    detail: str = ""  # protocol state worth showing: card, dialect, next send
    _window: deque = field(default_factory=deque)

    def count_in(self, n: int, t: float) -> None:
        self.bytes_in += n
        self._window.append((t, n))

    def bytes_per_s(self, now: float) -> float:
        while self._window and self._window[0][0] < now - RATE_WINDOW_S:
            self._window.popleft()
        return sum(n for _, n in self._window) / RATE_WINDOW_S


Step = tuple[list[FrameRecord], list[OutboxUpdate]]


class DeviceSession:
    def __init__(self, cfg: DeviceConfig, outbox: OutboxService, clock: Clock,
                 transport_factory: Callable[..., SerialTransport] = SerialTransport,
                 on_data: Callable[[bytes], None] | None = None, on_state: Callable[[str], None] | None = None) -> None:
        self.cfg = cfg
        self.outbox = outbox
        self.clock = clock
        self.stats = LinkStats()
        self.framer = make_framer(cfg.protocol)
        self.parser = self._make_parser()
        self.transport = transport_factory(cfg.port, on_data or (lambda b: None), port_settings(cfg),
                                           on_state=on_state, backoff_min_s=0.05, backoff_max_s=2.0)

    def _make_parser(self):
        return NmeaParser()

    def start(self) -> None:
        self.stats.state = "connecting"
        self.transport.start()

    def stop(self) -> None:
        self.transport.stop()
        self.stats.state = "disconnected"

    @property
    def is_open(self) -> bool:
        return self.stats.state == "open"

    def now_iso(self, after_s: float = 0.0) -> str:
        return to_iso(self.clock.now() + timedelta(seconds=after_s))

    # -- inbound ----------------------------------------------------------------------------------
    def receive(self, data: bytes, t: float) -> Step:
        self.stats.count_in(len(data), t)
        frames, updates = [], []
        for raw in self.framer.feed(data):
            events = self._parse(raw, t)
            self.stats.frames_in += 1
            self.stats.last_frame_t = t
            for e in events:
                if isinstance(e, Error):
                    self.stats.errors += 1
                    self.stats.last_error = e.reason
                else:
                    updates += self.on_event(e, t)
            frames.append(FrameRecord(self.cfg.id, self.cfg.protocol, "in", raw, events, t))
        more_frames, more_updates = self.after_receive(t)
        return frames + more_frames, updates + more_updates

    def _parse(self, raw: bytes, t: float) -> list[Event]:
        return self.parser.feed(raw)

    def on_event(self, e: Event, t: float) -> list[OutboxUpdate]:
        return []

    def after_receive(self, t: float) -> Step:
        return [], []

    def state_changed(self, state: str, t: float) -> Step:
        self.stats.state = {"open": "open", "lost": "lost", "closed": "disconnected"}.get(state, state)
        if state == "open":
            self.stats.reconnects += self.stats.opened_t is not None
            self.stats.opened_t = t
            # Bytes from before the device went away cannot complete a frame now.
            self.framer = make_framer(self.cfg.protocol)
            return self.on_open(t)
        return [], []

    def on_open(self, t: float) -> Step:
        return [], []

    def pump(self, t: float, queued: bool = True) -> Step:
        """Write what is due; `queued` False says the outbox has nothing waiting (skip the query)."""
        return [], []

    def write(self, data: bytes, t: float) -> FrameRecord | None:
        if not self.transport.write(data):
            return None
        self.stats.bytes_out += len(data)
        self.stats.frames_out += 1
        return FrameRecord(self.cfg.id, self.cfg.protocol, "out", data, [], t)

    def _retry(self, oid: str, attempts: int, error: str, wait_s: float | None = None) -> OutboxUpdate:
        if attempts >= MAX_ATTEMPTS:
            return OutboxUpdate(oid, "failed", error=error)
        return OutboxUpdate(oid, "queued", error=error, next_attempt_at=self.now_iso(wait_s or RETRY_S * attempts))


class TetraSession(DeviceSession):
    """AT commands one at a time (unsolicited lines interleave); SDS-TL refs match delivery reports."""

    CMD_TIMEOUT_S = 10.0

    def __init__(self, *a, **kw) -> None:
        super().__init__(*a, **kw)
        self._cmds: deque[tuple[bytes, str | None]] = deque()
        self._in_flight: tuple[bytes, str | None, float] | None = None
        self._busy: str | None = None  # outbox id whose commands are queued or in flight
        self._attempts: dict[str, int] = {}
        self._groups: set[str] = set()
        self._next_ref = random.randrange(256)
        # Reports for messages sent before a restart still match: the ref is in the table.
        self._refs = {r["link_ref"]: r["id"] for r in self.outbox.in_flight(self.cfg.id) if r["link_ref"] is not None}

    def _make_parser(self):
        return TetraParser(EXAMPLE_STATUS_TABLE)

    def _parse(self, raw: bytes, t: float) -> list[Event]:
        return self.parser.feed(raw, t)

    def on_open(self, t: float) -> Step:
        self._cmds.clear()
        self._in_flight, self._busy = None, None
        self._cmds.extend((c, None) for c in init_sequence())
        return self._next_command(t)

    def on_event(self, e: Event, t: float) -> list[OutboxUpdate]:
        if not isinstance(e, Ack):
            return []
        if e.command == "AT" and self._in_flight is not None:
            cmd, oid, _ = self._in_flight
            self._in_flight = None
            if oid is not None and oid == self._busy and (not e.ok or not any(o == oid for _, o in self._cmds)):
                self._busy = None
                if not e.ok:
                    self._cmds = deque(c for c in self._cmds if c[1] != oid)
                    return [self._retry(oid, self._attempts.get(oid, 1), e.detail or "ERROR")]
            return []
        if e.command == "CMGS" and e.ref is not None and e.ref in self._refs:
            oid = self._refs[e.ref]
            if e.status == 5:
                del self._refs[e.ref]
                return [self._retry(oid, self._attempts.get(oid, 1), "radio refused (+CMGS status 5)")]
            if oid in self._groups:  # no report exists for a group: network acceptance is all we get
                del self._refs[e.ref]
                return [OutboxUpdate(oid, "delivered")]
            return []
        if e.command in ("SDS-REPORT", "SDS-ACK", "SDS-SHORT-REPORT") and e.ref in self._refs:
            if e.command != "SDS-SHORT-REPORT" and e.status is not None and 0x20 <= e.status < 0x40:
                return []  # temporary (congestion, stored): the final report comes later
            oid = self._refs.pop(e.ref)
            return [OutboxUpdate(oid, "delivered" if e.ok else "failed", error="" if e.ok else (e.detail or ""))]
        return []

    def after_receive(self, t: float) -> Step:
        # The parser asks us to answer report requests from units; they join the command queue.
        for cmd in self.parser.take_outgoing():
            self._cmds.append((cmd, None))
        return self._next_command(t)

    def _next_command(self, t: float) -> Step:
        if self._in_flight is not None and t - self._in_flight[2] > self.CMD_TIMEOUT_S:
            self._in_flight = None  # the radio never answered: do not stall the queue forever
        if self._in_flight is not None or not self._cmds or not self.is_open:
            return [], []
        cmd, oid = self._cmds.popleft()
        rec = self.write(cmd, t)
        if rec is None:
            self._cmds.appendleft((cmd, oid))
            return [], []
        self._in_flight = (cmd, oid, t)
        if oid is not None and cmd.startswith(b"AT+CMGS=") and not any(o == oid for _, o in self._cmds):
            ref = next((r for r, o in self._refs.items() if o == oid), None)
            return [rec], [OutboxUpdate(oid, "sent", link_ref=ref, device_id=self.cfg.id, attempted=True)]
        return [rec], []

    def pump(self, t: float, queued: bool = True) -> Step:
        updates: list[OutboxUpdate] = []
        if queued and self._busy is None and self.is_open:
            row = self.outbox.due("tetra", self.cfg.id, self.now_iso())
            if row is not None:
                group = row["recipient"].startswith(GROUP_PREFIX)
                called = row["recipient"][len(GROUP_PREFIX):] if group else row["recipient"]
                cmds = send_text(called, row["text"], self._next_ref, report=0 if group else 1)
                parts = len(cmds) - 1
                last_ref = (self._next_ref + parts - 1) % 256
                self._next_ref = (self._next_ref + parts) % 256
                self._refs[last_ref] = row["id"]
                self.parser.note_sent(last_ref, called)
                if group:
                    self._groups.add(row["id"])
                self._attempts[row["id"]] = row["attempts"] + 1
                self._cmds.extend((c, row["id"]) for c in cmds)
                self._busy = row["id"]
        frames, more = self._next_command(t)
        return frames, updates + more


class BeidouSession(DeviceSession):
    """One message in flight; the service interval comes from the card ($BDICI/$ICXX), never assumed."""

    ACK_TIMEOUT_S = 20.0

    def __init__(self, *a, **kw) -> None:
        super().__init__(*a, **kw)
        self.card: CardInfo | None = None
        self._in_flight: tuple[str, float, int] | None = None
        self._next_allowed = float("-inf")
        # A message left 'sent' by a previous run never gets its feedback now: it is retried.
        self._orphans = [r["id"] for r in self.outbox.in_flight(self.cfg.id)]

    def _make_parser(self):
        return BeidouParser()

    @property
    def dialect(self) -> str:
        return self.parser.dialect or SET_21

    def on_open(self, t: float) -> Step:
        query = bd4.encode_icjc() if self.dialect == SET_40 else ccica()
        rec = self.write(query, t)
        updates = [OutboxUpdate(oid, "queued", next_attempt_at=None) for oid in self._orphans]
        self._orphans = []
        return ([rec] if rec else []), updates

    def on_event(self, e: Event, t: float) -> list[OutboxUpdate]:
        card = CardInfo.from_event(e)
        if card is not None:
            self.card = card
            self.stats.detail = f"card {card.card} · {card.capacity_bits} bit · {card.interval_s:.0f} s"
            return []
        if not isinstance(e, Ack) or e.command not in ("TXA", "TCQ", "TXSQ") or self._in_flight is None:
            return []
        oid, sent_t, attempts = self._in_flight
        self._in_flight = None
        interval = self.card.interval_s if self.card else 60.0
        if e.ok:
            self._next_allowed = sent_t + interval
            # RDSS 2.1 has no end-to-end receipt: the terminal's feedback is the confirmation there is.
            return [OutboxUpdate(oid, "delivered")]
        wait = e.wait_s or interval
        self._next_allowed = t + wait
        return [self._retry(oid, attempts, f"terminal refused ({e.detail or 'N'})", wait)]

    def pump(self, t: float, queued: bool = True) -> Step:
        updates: list[OutboxUpdate] = []
        if self._in_flight is not None and t - self._in_flight[1] > self.ACK_TIMEOUT_S:
            oid, _, attempts = self._in_flight
            self._in_flight = None
            updates.append(self._retry(oid, attempts, "no feedback from the terminal"))
        if (not queued or not self.is_open or self.card is None or self._in_flight is not None
                or t < self._next_allowed):
            return [], updates
        row = self.outbox.due("beidou", self.cfg.id, self.now_iso())
        if row is None:
            return [], updates
        bits = BeidouSendQueue(self.dialect).message_bits(row["text"])
        if bits > self.card.capacity_bits:
            return [], [*updates, OutboxUpdate(row["id"], "failed",
                                               error=f"{bits} bits, the card allows {self.card.capacity_bits}")]
        data = (cctxa(row["recipient"], row["text"]) if self.dialect == SET_21 else
                cctcq(row["recipient"], row["text"]) if self.dialect == SET_BDS3 else
                bd4.encode_txsq(int(self.card.card), int(row["recipient"]), row["text"]))
        rec = self.write(data, t)
        if rec is None:
            return [], updates
        self._in_flight = (row["id"], t, row["attempts"] + 1)
        updates.append(OutboxUpdate(row["id"], "sent", device_id=self.cfg.id, attempted=True))
        return [rec], updates


def make_session(cfg: DeviceConfig, *a, **kw) -> DeviceSession:
    cls = {"tetra": TetraSession, "beidou": BeidouSession}.get(cfg.protocol, DeviceSession)
    return cls(cfg, *a, **kw)
