"""Hybrid logical clock (Kulkarni et al.): timestamps that order events across machines whose wall
clocks disagree, without coordination. Encoded as fixed-width text so string order is causal order."""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

_COUNTER_MAX = 0xFFFF


@dataclass(frozen=True, order=True)
class HlcStamp:
    wall_ms: int
    counter: int
    node: str

    def encode(self) -> str:
        return f"{self.wall_ms:013d}-{self.counter:04x}-{self.node}"

    @classmethod
    def decode(cls, text: str) -> HlcStamp:
        wall, counter, node = text.split("-", 2)
        return cls(int(wall), int(counter, 16), node)


class HybridLogicalClock:
    def __init__(self, node: str, wall_ms: Callable[[], int], max_drift_ms: int = 60_000) -> None:
        if "-" in node:
            raise ValueError("node id must not contain '-'")
        self.node = node
        self._wall_ms = wall_ms
        self._max_drift_ms = max_drift_ms
        self._last = HlcStamp(0, 0, node)

    @property
    def last(self) -> HlcStamp:
        return self._last

    def now(self) -> HlcStamp:
        """Stamp for a local event."""
        wall = self._wall_ms()
        last = self._last
        if wall > last.wall_ms:
            stamp = HlcStamp(wall, 0, self.node)
        else:
            stamp = HlcStamp(last.wall_ms, self._bump(last.counter), self.node)
        self._last = stamp
        return stamp

    def receive(self, remote: HlcStamp) -> HlcStamp:
        """Merge a stamp from another site, so our next stamps sort after what we have seen."""
        wall = self._wall_ms()
        if remote.wall_ms - wall > self._max_drift_ms:
            raise ValueError(f"remote clock {remote.wall_ms - wall} ms ahead of ours; refusing")
        last = self._last
        top = max(wall, last.wall_ms, remote.wall_ms)
        if top == last.wall_ms == remote.wall_ms:
            counter = self._bump(max(last.counter, remote.counter))
        elif top == last.wall_ms:
            counter = self._bump(last.counter)
        elif top == remote.wall_ms:
            counter = self._bump(remote.counter)
        else:
            counter = 0
        self._last = HlcStamp(top, counter, self.node)
        return self._last

    def restore(self, stamp: HlcStamp) -> None:
        """Continue after a restart from the last stamp persisted."""
        if stamp > self._last:
            self._last = HlcStamp(stamp.wall_ms, stamp.counter, self.node)

    @staticmethod
    def _bump(counter: int) -> int:
        if counter >= _COUNTER_MAX:
            raise OverflowError("HLC counter overflow: wall clock stalled")
        return counter + 1
