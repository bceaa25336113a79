"""One connected device: its transport, parser, live statistics and the mapping of outbox rows to sends.

Runs on the GUI thread (the manager calls it from its drain tick); only the transport's reader
thread is concurrent, and it only appends to the manager's inbox. The parser decides where frames
begin and end; the protocol's sans-I/O send queue (`PeiCommandQueue`, `BeidouSendQueue`) decides
what to write when and what became of each message. The session hands the queue outbox rows, writes
what it asks for, and turns its outcomes into `OutboxUpdate`s for the ingest transaction.
"""
from __future__ import annotations

import random
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import timedelta

import serial

from console.devices.beidou import binary as bd4
from console.devices.beidou.protocol import SET_21, SET_40, BeidouParser, ccica
from console.devices.beidou.queue import BeidouSendQueue, CardInfo, MessageTooLong
from console.devices.gsm.protocol import GsmParser
from console.devices.gsm.protocol import init_sequence as gsm_init
from console.devices.gsm.queue import GsmSendQueue
from console.devices.nmea.protocol import NmeaParser
from console.devices.sending import DELIVERED, FAILED, RETRY, SENT, SendOutcome
from console.devices.tetra.protocol import EXAMPLE_STATUS_TABLE, TetraParser, init_sequence
from console.devices.tetra.queue import PeiCommandQueue
from console.devices.transport import PortSettings, SerialTransport
from console.domain.clock import Clock, to_iso
from console.domain.device_events import Error
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
    def __init__(
        self,
        cfg: DeviceConfig,
        outbox: OutboxService,
        clock: Clock,
        transport_factory: Callable[..., SerialTransport] = SerialTransport,
        on_data: Callable[[bytes], None] | None = None,
        on_state: Callable[[str], None] | None = None,
    ) -> None:
        self.cfg = cfg
        self.outbox = outbox
        self.clock = clock
        self.stats = LinkStats()
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
        frames = []
        for frame in self._frames(data, t):
            self.stats.frames_in += 1
            self.stats.last_frame_t = t
            for e in frame.events:
                if isinstance(e, Error):
                    self.stats.errors += 1
                    self.stats.last_error = e.reason
                else:
                    self.on_event(e, t)
            frames.append(FrameRecord(self.cfg.id, self.cfg.protocol, "in", frame.raw, frame.events, t))
        more_frames, updates = self.after_receive(t)
        return frames + more_frames, updates

    def _frames(self, data: bytes, t: float):
        return self.parser.feed_frames(data)

    def on_event(self, e, t: float) -> None:
        """Every good event, for the send queue."""

    def after_receive(self, t: float) -> Step:
        return [], []

    def state_changed(self, state: str, t: float) -> Step:
        self.stats.state = {"open": "open", "lost": "lost", "closed": "disconnected"}.get(state, state)
        if state == "open":
            self.stats.reconnects += self.stats.opened_t is not None
            self.stats.opened_t = t
            # Bytes from before the device went away cannot complete a frame now; they are kept
            # in the audit as they are.
            rest = self.parser.drop_pending()
            frames, updates = self.on_open(t)
            if rest:
                frames.insert(0, FrameRecord(self.cfg.id, self.cfg.protocol, "in", rest, [], t))
            return frames, updates
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

    def updates(self, outcomes: list[SendOutcome]) -> list[OutboxUpdate]:
        """What the queue's outcomes mean for the outbox rows (the queue's keys are their ids)."""
        out = []
        for o in outcomes:
            oid = str(o.key)
            if o.state == SENT:
                out.append(OutboxUpdate(oid, "sent", link_ref=o.ref, device_id=self.cfg.id, attempted=True))
            elif o.state == RETRY:
                out.append(OutboxUpdate(oid, "queued", error=o.error,
                                        next_attempt_at=self.now_iso(o.wait_s or 0.0)))
            elif o.state == DELIVERED:
                out.append(OutboxUpdate(oid, "delivered"))
            elif o.state == FAILED:
                out.append(OutboxUpdate(oid, "failed", error=o.error))
        return out


class TetraSession(DeviceSession):
    """AT commands one at a time through the PEI queue, which also matches SDS-TL refs to reports."""

    CMD_TIMEOUT_S = 10.0

    def __init__(self, *a, **kw) -> None:
        super().__init__(*a, **kw)
        self.queue = PeiCommandQueue(timeout_s=self.CMD_TIMEOUT_S, max_attempts=MAX_ATTEMPTS, retry_s=RETRY_S,
                                     first_ref=random.randrange(256))
        # Reports for messages sent before a restart still match: the ref is in the table.
        for r in self.outbox.in_flight(self.cfg.id):
            if r["link_ref"] is not None:
                self.queue.remember(r["link_ref"], r["id"])

    def _make_parser(self):
        return TetraParser(EXAMPLE_STATUS_TABLE)

    def _frames(self, data: bytes, t: float):
        return self.parser.feed_frames(data, t)

    def on_open(self, t: float) -> Step:
        self.queue.restart(*init_sequence())
        return self._next_command(t)

    def on_event(self, e, t: float) -> None:
        self.queue.on_event(e)

    def after_receive(self, t: float) -> Step:
        # The parser asks us to answer report requests from units; they join the command queue.
        self.queue.submit(*self.parser.take_outgoing())
        return self._next_command(t)

    def _next_command(self, t: float) -> Step:
        frames = []
        if self.is_open and (cmd := self.queue.poll(t)) is not None:
            rec = self.write(cmd, t)
            if rec is None:
                self.queue.unsend()
            else:
                frames.append(rec)
        return frames, self.updates(self.queue.take_outcomes())

    def pump(self, t: float, queued: bool = True) -> Step:
        if queued and self.queue.idle and self.is_open:
            row = self.outbox.due("tetra", self.cfg.id, self.now_iso())
            if row is not None:
                group = row["recipient"].startswith(GROUP_PREFIX)
                called = row["recipient"][len(GROUP_PREFIX):] if group else row["recipient"]
                ref = self.queue.send_text(row["id"], called, row["text"], group=group,
                                           attempts=row["attempts"])
                self.parser.note_sent(ref, called)
        return self._next_command(t)


class GsmSession(DeviceSession):
    """SMS through a GSM/4G modem: the GSM send queue runs the prompt flow and matches each part's
    message reference to its status report; outbox rows on channel `sms` carry the phone number."""

    CMD_TIMEOUT_S = 30.0  # a modem may take many seconds to hand an SMS to the network

    def __init__(self, *a, **kw) -> None:
        super().__init__(*a, **kw)
        self.queue = GsmSendQueue(timeout_s=self.CMD_TIMEOUT_S, max_attempts=MAX_ATTEMPTS, retry_s=RETRY_S)
        # Rows whose outcome this tick has not committed yet: the last +CMGS and its OK often arrive in
        # one read, so the queue is idle again while the row still reads 'queued'.
        self._settling: set[object] = set()
        for r in self.outbox.in_flight(self.cfg.id):
            if r["link_ref"] is not None:
                self.queue.remember(r["link_ref"], r["id"])

    def _make_parser(self):
        return GsmParser()

    def on_open(self, t: float) -> Step:
        self.queue.restart(*gsm_init())
        return self._next_command(t)

    def on_event(self, e, t: float) -> None:
        self.queue.on_event(e)

    def after_receive(self, t: float) -> Step:
        return self._next_command(t)

    def _next_command(self, t: float) -> Step:
        frames = []
        if self.is_open and (cmd := self.queue.poll(t)) is not None:
            rec = self.write(cmd, t)
            if rec is None:
                self.queue.unsend()
            else:
                frames.append(rec)
        outcomes = self.queue.take_outcomes()
        self._settling |= {o.key for o in outcomes}
        return frames, self.updates(outcomes)

    def pump(self, t: float, queued: bool = True) -> Step:
        settling, self._settling = self._settling, set()
        if queued and self.queue.idle and self.is_open:
            row = self.outbox.due("sms", self.cfg.id, self.now_iso())
            if row is not None and row["id"] not in settling:
                self.queue.send_text(row["id"], row["recipient"], row["text"], attempts=row["attempts"])
        return self._next_command(t)


class BeidouSession(DeviceSession):
    """The BeiDou send queue paces messages by the card's interval; this maps them to outbox rows."""

    ACK_TIMEOUT_S = 20.0

    def __init__(self, *a, **kw) -> None:
        super().__init__(*a, **kw)
        self.queue = BeidouSendQueue(SET_21, max_attempts=MAX_ATTEMPTS, ack_timeout_s=self.ACK_TIMEOUT_S)
        # A message left 'sent' by a previous run never gets its feedback now: it is retried.
        self._orphans = [r["id"] for r in self.outbox.in_flight(self.cfg.id)]

    def _make_parser(self):
        return BeidouParser()

    @property
    def card(self) -> CardInfo | None:
        return self.queue.card

    @property
    def dialect(self) -> str:
        return self.parser.dialect or SET_21

    def on_open(self, t: float) -> Step:
        query = bd4.encode_icjc() if self.dialect == SET_40 else ccica()
        rec = self.write(query, t)
        updates = [OutboxUpdate(oid, "queued", next_attempt_at=None) for oid in self._orphans]
        self._orphans = []
        return ([rec] if rec else []), updates

    def on_event(self, e, t: float) -> None:
        self.queue.dialect = self.dialect
        had = self.queue.card
        self.queue.on_event(e, t)
        card = self.queue.card
        if card is not None and card is not had:
            self.stats.detail = f"card {card.card} · {card.capacity_bits} bit · {card.interval_s:.0f} s"

    def after_receive(self, t: float) -> Step:
        return [], self.updates(self.queue.take_outcomes())

    def pump(self, t: float, queued: bool = True) -> Step:
        q = self.queue
        frames: list[FrameRecord] = []
        updates: list[OutboxUpdate] = []
        if not self.is_open:
            return frames, updates
        q.dialect = self.dialect
        data, _ = q.poll(t)
        if (data is None and queued and not q.pending and q.card is not None
                and q.seconds_until_next(t) == 0):
            row = self.outbox.due("beidou", self.cfg.id, self.now_iso())
            if row is not None:
                try:
                    q.submit(row["recipient"], row["text"], key=row["id"], attempts=row["attempts"])
                except MessageTooLong as exc:
                    updates.append(OutboxUpdate(row["id"], "failed",
                                                error=f"{exc.bits} bits, the card allows {exc.limit}"))
                else:
                    data, _ = q.poll(t)
        if data is not None:
            rec = self.write(data, t)
            if rec is None:
                q.unsend()
            else:
                frames.append(rec)
        return frames, updates + self.updates(q.take_outcomes())


def make_session(cfg: DeviceConfig, *a, **kw) -> DeviceSession:
    cls = {"tetra": TetraSession, "beidou": BeidouSession, "gsm": GsmSession}.get(cfg.protocol, DeviceSession)
    return cls(cfg, *a, **kw)
