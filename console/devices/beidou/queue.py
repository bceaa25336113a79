"""Send queue for BeiDou short messages: size by card level, service interval from the card.

Pure state machine: the caller passes `now` (seconds, any monotonic origin) to every call,
writes whatever `poll()` returns to the port, feeds every parser event to `on_event()` and records
`take_outcomes()` (sent, delivered, to be retried, given up) against its own id for the message.
The interval is read from `$BDICI`/`$ICXX` (or set by hand for BDS-3 cards), never assumed. A
refusal (`$BDFKI`/FKXX with N) or no feedback within `ack_timeout_s` is retried here, after the
wait the terminal named or else the card's interval.
"""
from __future__ import annotations

from collections import deque
from dataclasses import dataclass

from console.devices.beidou import binary
from console.devices.beidou.binary import URGENT_BITS, needs_mixed
from console.devices.beidou.protocol import SET_21, SET_40, SET_BDS3, ccica, cctcq, cctxa, message_bits
from console.devices.sending import DELIVERED, FAILED, RETRY, SENT, SendOutcome
from console.domain.device_events import Ack, Event, Info

SEND_COMMANDS = {SET_21: "TXA", SET_BDS3: "TCQ", SET_40: "TXSQ"}


class CardUnknown(RuntimeError):
    """No card information yet, so neither the size limit nor the interval is known."""


class MessageTooLong(ValueError):
    def __init__(self, bits: int, limit: int) -> None:
        super().__init__(f"message needs {bits} bits, the card allows {limit}")
        self.bits, self.limit = bits, limit


@dataclass(frozen=True)
class CardInfo:
    card: str
    interval_s: float
    capacity_bits: int
    level: int | None = None
    encrypted: bool = False

    @classmethod
    def from_event(cls, event: Event) -> CardInfo | None:
        if not isinstance(event, Info) or event.what != "card":
            return None
        x = event.extra
        if x.get("interval_s") is None or x.get("capacity_bits") is None:
            return None
        return cls(x["card"], float(x["interval_s"]), int(x["capacity_bits"]), x.get("level"),
                   bool(x.get("encrypted")))


@dataclass
class Outgoing:
    id: int
    to: str
    text: str
    urgent: bool
    attempts: int = 0
    key: object = None  # the caller's id for it (an outbox row); outcomes carry it, else `id`


class BeidouSendQueue:
    def __init__(self, dialect: str = SET_21, *, max_attempts: int = 5, ack_timeout_s: float = 20.0) -> None:
        if dialect not in SEND_COMMANDS:
            raise ValueError(f"unknown sentence set {dialect!r}")
        self.dialect = dialect
        self.max_attempts = max_attempts
        self.ack_timeout_s = ack_timeout_s
        self.card: CardInfo | None = None
        self._queue: deque[Outgoing] = deque()
        self._in_flight: Outgoing | None = None
        self._sent_at = 0.0
        self._next_allowed = float("-inf")
        self._ids = 0
        self._outcomes: list[SendOutcome] = []

    @staticmethod
    def card_query() -> bytes:
        return ccica()

    def set_card(self, card: CardInfo) -> None:
        self.card = card

    def message_bits(self, text: str) -> int:
        if self.dialect == SET_21:
            return message_bits(text)
        data = text.encode("gb18030")
        return len(data) * 8 + (8 if needs_mixed(text) else 0)

    def submit(self, to: str, text: str, *, urgent: bool = False, key: object = None,
               attempts: int = 0) -> int:
        """Queue a message; `attempts` says how often it was tried before (by an earlier run)."""
        if self.card is None:
            raise CardUnknown("read the card ($CCICA) before sending")
        limit = URGENT_BITS if urgent else self.card.capacity_bits
        bits = self.message_bits(text)
        if bits > limit:
            raise MessageTooLong(bits, limit)
        self._ids += 1
        self._queue.append(Outgoing(self._ids, to, text, urgent, attempts, self._ids if key is None else key))
        return self._ids

    def take_outcomes(self) -> list[SendOutcome]:
        out, self._outcomes = self._outcomes, []
        return out

    @property
    def in_flight(self) -> Outgoing | None:
        return self._in_flight

    @property
    def pending(self) -> list[Outgoing]:
        return list(self._queue)

    def seconds_until_next(self, now: float) -> float:
        """The countdown to show; 0 when a send could go now."""
        return max(0.0, self._next_allowed - now)

    def poll(self, now: float) -> tuple[bytes, list[Event]] | tuple[None, list[Event]]:
        """Bytes to write now (or None) and events about given-up messages."""
        events: list[Event] = []
        if self._in_flight is not None:
            if now - self._sent_at < self.ack_timeout_s:
                return None, events
            # No feedback at all: count it as a refusal and wait out a full interval.
            events += self._refused(now, None, "no feedback from the terminal")
        if not self._queue or self.card is None or now < self._next_allowed:
            return None, events
        msg = self._queue[0]
        msg.attempts += 1
        self._in_flight, self._sent_at = msg, now
        self._next_allowed = now + self.card.interval_s
        self._outcomes.append(SendOutcome(msg.key, SENT))
        return self._encode(msg), events

    def unsend(self) -> None:
        """What the last `poll()` returned could not be written: as if it had not been polled."""
        msg, self._in_flight = self._in_flight, None
        if msg is None:
            return
        msg.attempts -= 1
        self._next_allowed = float("-inf")
        if self._outcomes and self._outcomes[-1] == SendOutcome(msg.key, SENT):
            self._outcomes.pop()

    def on_event(self, event: Event, now: float) -> list[Event]:
        """Feed every parser event; returns delivery events for the duty log."""
        card = CardInfo.from_event(event)
        if card is not None:
            self.card = card
            return []
        if not isinstance(event,
                          Ack) or event.command != SEND_COMMANDS[self.dialect] or self._in_flight is None:
            return []
        if event.ok:
            msg = self._queue.popleft()
            self._in_flight = None
            self._next_allowed = self._sent_at + (self.card.interval_s if self.card else 0.0)
            # RDSS 2.1 has no end-to-end receipt: the terminal's feedback is the confirmation there is.
            self._outcomes.append(SendOutcome(msg.key, DELIVERED))
            return [Ack(True, "sent", ref=msg.id, to=msg.to, protocol="beidou",
                        extra={"attempts": msg.attempts})]
        return self._refused(now, event.wait_s, f"terminal refused ({event.detail or 'N'})")

    def _refused(self, now: float, wait_s: float | None, why: str | None) -> list[Event]:
        msg, self._in_flight = self._in_flight, None
        assert msg is not None
        interval = self.card.interval_s if self.card else 0.0
        wait = wait_s if wait_s else interval
        self._next_allowed = now + wait
        if msg.attempts >= self.max_attempts:
            self._queue.popleft()
            self._outcomes.append(SendOutcome(msg.key, FAILED, why or ""))
            return [Ack(False, "sent", ref=msg.id, to=msg.to, detail=f"gave up: {why}", protocol="beidou",
                        extra={"attempts": msg.attempts})]
        self._outcomes.append(SendOutcome(msg.key, RETRY, why or "", wait_s=wait))
        return []

    def _encode(self, msg: Outgoing) -> bytes:
        if self.dialect == SET_21:
            return cctxa(msg.to, msg.text, urgent=msg.urgent)
        if self.dialect == SET_BDS3:
            return cctcq(msg.to, msg.text)
        own = int(self.card.card) if self.card else 0
        return binary.encode_txsq(own, int(msg.to), msg.text, urgent=msg.urgent)
