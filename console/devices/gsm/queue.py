"""GSM modem send queue: AT commands one at a time, the `> ` prompt flow, and SMS parts to outbox rows."""
from __future__ import annotations

import random
from collections import deque
from dataclasses import dataclass, field

from console.devices.gsm.pdu import PduError, encode_submit
from console.devices.gsm.protocol import ESC, PROMPT, submit_commands
from console.devices.sending import DELIVERED, FAILED, SENT, Outcomes, SendOutcome
from console.domain.device_events import Ack, Event


@dataclass
class _Message:
    parts: int
    refs: list[int] = field(default_factory=list)  # TP-MR per part, from +CMGS
    delivered: set[int] = field(default_factory=set)


class GsmSendQueue(Outcomes):
    """One command in flight; `AT+CMGS=n` waits for the prompt, then its PDU is written and the command
    completes on OK/ERROR. A message is SENT once every part has its +CMGS reference, DELIVERED once
    every part's status report says so, and FAILED on a final failed report.

    Sans-I/O like `PeiCommandQueue`: write what `poll(now)` returns, feed parser events to
    `on_event()`, record `take_outcomes()`.
    """

    def __init__(self, *, timeout_s: float = 30.0, max_attempts: int = 5, retry_s: float = 30.0,
                 rng: random.Random | None = None) -> None:
        self.timeout_s, self.max_attempts, self.retry_s = timeout_s, max_attempts, retry_s
        self._rng = rng or random.Random()
        self._pending: deque[tuple[bytes, bytes | None, object]] = deque()  # (command, body, key)
        self._now_write: list[bytes] = []  # a PDU after its prompt, an ESC after a lost prompt
        self.in_flight: bytes | None = None
        self._body: bytes | None = None  # written on the prompt
        self._key: object = None
        self._sent_at = 0.0
        self.busy: object = None
        self._messages: dict[object, _Message] = {}
        self._refs: dict[int, object] = {}  # TP-MR -> message key
        self._attempts: dict[object, int] = {}
        self._outcomes: list[SendOutcome] = []

    # -- commands ------------------------------------------------------------------------------
    def submit(self, *commands: bytes) -> None:
        self._pending.extend((c, None, None) for c in commands)

    def restart(self, *commands: bytes) -> None:
        """The modem (re)connected: what was queued or in flight is void; start with `commands`."""
        self._pending.clear()
        self._now_write.clear()
        self.in_flight = self._body = self._key = self.busy = None
        self.submit(*commands)

    def poll(self, now: float | None = None) -> bytes | None:
        if self._now_write:
            return self._now_write.pop(0)
        if self.in_flight is not None and now is not None and now - self._sent_at > self.timeout_s:
            if self._body is not None:
                self._now_write.append(ESC)  # leave the prompt the modem may still be in
            self._complete(False, "no answer from the modem")
            if self._now_write:
                return self._now_write.pop(0)
        if self.in_flight is not None or not self._pending:
            return None
        self.in_flight, self._body, self._key = self._pending.popleft()
        self._sent_at = now or 0.0
        return self.in_flight

    def unsend(self) -> None:
        """The last polled command could not be written: it goes back to the front."""
        if self.in_flight is not None:
            self._pending.appendleft((self.in_flight, self._body, self._key))
            self.in_flight = self._body = self._key = None

    def on_event(self, event: Event) -> None:
        if not isinstance(event, Ack):
            return
        if event.command == PROMPT:
            if self._body is not None:
                self._now_write.append(self._body)
                self._body = None
        elif event.command == "AT":
            if self.in_flight is not None:
                self._complete(event.ok, event.detail or "ERROR")
        elif event.command == "CMGS" and event.ref is not None:
            key = self._key
            msg = self._messages.get(key)
            if msg is None:
                return
            msg.refs.append(event.ref)
            self._refs[event.ref] = key
            if len(msg.refs) == msg.parts:
                self._outcomes.append(SendOutcome(key, SENT, ref=msg.refs[-1]))
        elif event.command == "CDS" and event.ref is not None:
            self._report(event)

    def _report(self, event: Ack) -> None:
        ref = event.ref
        assert ref is not None
        key = self._refs.get(ref)
        if key is None or not event.extra.get("final", True):
            return  # not ours, or the network is still trying: the final report comes later
        msg = self._messages.get(key)
        del self._refs[ref]
        if msg is None:
            return
        if not event.ok:
            self._forget(key)
            self._outcomes.append(SendOutcome(key, FAILED, event.detail or ""))
            return
        msg.delivered.add(ref)
        if len(msg.refs) == msg.parts and msg.delivered >= set(msg.refs):
            self._forget(key)
            self._outcomes.append(SendOutcome(key, DELIVERED))

    def _forget(self, key: object) -> None:
        self._messages.pop(key, None)
        self._refs = {r: k for r, k in self._refs.items() if k != key}

    def _complete(self, ok: bool, error: str) -> None:
        key = self._key
        self.in_flight = self._body = self._key = None
        if key is None or key != self.busy:
            return
        if ok and any(k == key for _, _, k in self._pending):
            return  # more parts to go
        self.busy = None
        if not ok:
            self._pending = deque(c for c in self._pending if c[2] != key)
            self._forget(key)
            self._outcomes.append(self._retry(key, error))

    # -- messages ------------------------------------------------------------------------------
    @property
    def idle(self) -> bool:
        return self.busy is None

    def send_text(self, key: object, number: str, text: str, *, attempts: int = 0) -> int:
        """Queue the parts of `text` for `number`; returns the number of parts (0: refused, FAILED)."""
        try:
            tpdus = encode_submit(number, text, concat_ref=self._rng.randrange(256))
        except PduError as exc:
            self._outcomes.append(SendOutcome(key, FAILED, str(exc)))
            return 0
        self._attempts[key] = attempts + 1
        self._messages[key] = _Message(len(tpdus))
        for tpdu in tpdus:
            cmd, body = submit_commands(tpdu)
            self._pending.append((cmd, body, key))
        self.busy = key
        return len(tpdus)

    def remember(self, ref: int, key: object) -> None:
        """A message sent before a restart: a report for its last part settles it."""
        self._messages[key] = _Message(1, [ref & 0xFF])
        self._refs[ref & 0xFF] = key
