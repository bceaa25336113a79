"""What the parsers return: each frame's raw bytes with the events decoded from it.

The parser that decodes a frame is the one that decides where it starts and ends, so the audit
table (device_frames) stores exactly what was decoded. Frames joined together, plus what the parser
still holds (`pending()`), are exactly the bytes received: nothing is normalised away, and
replaying the stored frames through a fresh parser reproduces the events.

A run of garbage (a wrong baud rate, a line that never ends, a terminal babbling the same broken
header) gives one Error, not one per byte or per `$`: an Error is reported only when the event
before it was not one, and the garbage that follows is kept as event-less frames of at most
MAX_HELD bytes, so a megabyte of noise is a few dozen audit rows, not a hundred thousand.
"""
from __future__ import annotations

from dataclasses import dataclass

from console.domain.device_events import Error, Event

MAX_HELD = 16384  # largest event-less frame of garbage kept for the audit


@dataclass(slots=True)
class Frame:
    raw: bytes
    events: list[Event]


def events_of(frames: list[Frame]) -> list[Event]:
    return [e for f in frames for e in f.events]


class FrameSink:
    """Collects one parser's frames, folding each run of garbage into one Error."""

    __slots__ = ("in_run", "quiet", "_held")

    def __init__(self) -> None:
        self.in_run = False  # the last event reported was an Error: further ones belong to its run
        # No run and nothing held: a frame whose events hold no Error can be appended as it is
        # (the parsers' hot loops test this before calling add()).
        self.quiet = True
        self._held = bytearray()

    def add(self, out: list[Frame], raw: bytes, events: list[Event]) -> None:
        if self.quiet and (not events or (type(events[0]) is not Error and type(events[-1]) is not Error)):
            out.append(Frame(raw, events))  # the usual case: a good frame, no run going on
            return
        kept: list[Event] = []
        for e in events:
            if type(e) is Error:
                if self.in_run:
                    continue
                self.in_run = True
            else:
                self.in_run = False
            kept.append(e)
        if self.in_run and not kept:
            self.hold(out, raw)
        else:
            self.release(out)
            out.append(Frame(raw, kept))
        self.quiet = not self.in_run and not self._held

    def hold(self, out: list[Frame], raw: bytes) -> None:
        """Garbage inside a run: joined to the run's held bytes, cut at MAX_HELD."""
        held = self._held
        held += raw
        while len(held) >= MAX_HELD:
            out.append(Frame(bytes(held[:MAX_HELD]), []))
            del held[:MAX_HELD]

    def release(self, out: list[Frame]) -> None:
        if self._held:
            out.append(Frame(bytes(self._held), []))
            self._held.clear()

    def pending(self) -> bytes:
        return bytes(self._held)

    def reset(self) -> None:
        self.in_run = False
        self.quiet = True
        self._held.clear()
