"""TETRA PEI send queue: AT commands one at a time, and the SDS messages they carry."""
from __future__ import annotations

from collections import deque

from console.devices.sending import DELIVERED, FAILED, SENT, Outcomes, SendOutcome
from console.devices.tetra.protocol import send_text
from console.domain.device_events import Ack, Event


class PeiCommandQueue(Outcomes):
    """One AT command in flight at a time (unsolicited lines may arrive in between), and the messages
    those commands carry: SDS-TL refs, +CMGS acceptance, delivery reports and retries.

    Sans-I/O: the caller writes what `poll()` returns, feeds every parser event to `on_event()`,
    passes `now` (seconds, any monotonic origin) and records `take_outcomes()`.
    """

    REPORTS = ("SDS-REPORT", "SDS-ACK", "SDS-SHORT-REPORT")

    def __init__(self, *, timeout_s: float = 10.0, max_attempts: int = 5, retry_s: float = 30.0,
                 first_ref: int = 0) -> None:
        self.timeout_s, self.max_attempts, self.retry_s = timeout_s, max_attempts, retry_s
        self._pending: deque[tuple[bytes, object]] = deque()  # (command, message key or None)
        self.in_flight: bytes | None = None
        self._in_flight_key: object = None
        self._sent_at = 0.0
        self.busy: object = None  # the message whose commands are queued or in flight
        self._next_ref = first_ref % 256
        self._refs: dict[int, object] = {}  # SDS-TL ref -> message awaiting its report
        self._groups: set[object] = set()
        self._attempts: dict[object, int] = {}
        self._outcomes: list[SendOutcome] = []

    # -- commands ------------------------------------------------------------------------------
    def submit(self, *commands: bytes) -> None:
        self._pending.extend((c, None) for c in commands)

    def restart(self, *commands: bytes) -> None:
        """The radio (re)connected: what was queued or in flight is void; start with `commands`."""
        self._pending.clear()
        self.in_flight = self._in_flight_key = self.busy = None
        self.submit(*commands)

    def poll(self, now: float | None = None) -> bytes | None:
        if self.in_flight is not None and now is not None and now - self._sent_at > self.timeout_s:
            self._complete(False, "no answer from the radio")  # never stall the queue on a silent radio
        if self.in_flight is not None or not self._pending:
            return None
        cmd, key = self._pending.popleft()
        self.in_flight, self._in_flight_key, self._sent_at = cmd, key, now or 0.0
        if key is not None and cmd.startswith(b"AT+CMGS=") and not self._queued(key):
            ref = next((r for r, k in self._refs.items() if k == key), None)
            self._outcomes.append(SendOutcome(key, SENT, ref=ref))
        return cmd

    def unsend(self) -> None:
        """The last polled command could not be written: it goes back to the front."""
        if self.in_flight is None:
            return
        key = self._in_flight_key
        if self._outcomes and self._outcomes[-1].key == key and self._outcomes[-1].state == SENT:
            self._outcomes.pop()
        self._pending.appendleft((self.in_flight, key))
        self.in_flight = self._in_flight_key = None

    def on_event(self, event: Event) -> bytes | None:
        """Feed parser events; returns the command that just completed (OK/ERROR), if any."""
        if not isinstance(event, Ack):
            return None
        if event.command == "AT":
            if self.in_flight is None:
                return None
            done = self.in_flight
            self._complete(event.ok, event.detail or "ERROR")
            return done
        if event.ref is None or (key := self._refs.get(event.ref)) is None:
            return None
        if event.command == "CMGS":
            if event.status == 5:
                del self._refs[event.ref]
                self._outcomes.append(self._retry(key, "radio refused (+CMGS status 5)"))
            elif key in self._groups:  # no report exists for a group: network acceptance is all we get
                del self._refs[event.ref]
                self._outcomes.append(SendOutcome(key, DELIVERED))
        elif event.command in self.REPORTS:
            if (
                event.command != "SDS-SHORT-REPORT"
                and event.status is not None
                and 0x20 <= event.status < 0x40
            ):
                return None  # temporary (congestion, stored): the final report comes later
            del self._refs[event.ref]
            self._outcomes.append(SendOutcome(key, DELIVERED) if event.ok else
                                  SendOutcome(key, FAILED, event.detail or ""))
        return None

    def _complete(self, ok: bool, error: str) -> None:
        key = self._in_flight_key
        self.in_flight = self._in_flight_key = None
        if key is None or key != self.busy or (ok and self._queued(key)):
            return
        self.busy = None
        if not ok:
            self._pending = deque(c for c in self._pending if c[1] != key)
            self._refs = {r: k for r, k in self._refs.items() if k != key}
            self._outcomes.append(self._retry(key, error))

    def _queued(self, key: object) -> bool:
        return any(k == key for _, k in self._pending)

    # -- messages ------------------------------------------------------------------------------
    @property
    def idle(self) -> bool:
        """No message is being sent: the next one may be given."""
        return self.busy is None

    def send_text(self, key: object, called: str, text: str, *, group: bool = False,
                  attempts: int = 0) -> int:
        """Queue the commands that send `text`; returns the SDS-TL ref its report will carry.

        `attempts` is how often it was tried before; a group gets no report, so its +CMGS acceptance
        is its delivery."""
        cmds = send_text(called, text, self._next_ref, report=0 if group else 1)
        parts = len(cmds) - 1
        last_ref = (self._next_ref + parts - 1) % 256
        self._next_ref = (self._next_ref + parts) % 256
        self._refs[last_ref] = key
        if group:
            self._groups.add(key)
        self._attempts[key] = attempts + 1
        self._pending.extend((c, key) for c in cmds)
        self.busy = key
        return last_ref

    def remember(self, ref: int, key: object) -> None:
        """A message sent before a restart: its report still matches."""
        self._refs[ref & 0xFF] = key
