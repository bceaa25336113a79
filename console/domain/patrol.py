"""Round-robin patrol (视频轮巡) over a wall of tiles, as plain code driven by the caller's clock.

The wall has `tiles` tiles; pinned tiles keep their camera out of the rotation. The other cameras are
shown a page at a time, for `dwell_s` seconds each. A camera that failed is skipped until its retry
time, which doubles with every failure (up to a cap); a camera that comes back is shown again. The
next page is known in advance so its streams can be opened before the switch, within a cap on the
number of open decoders."""
from __future__ import annotations

from dataclasses import dataclass, field

DWELL_MIN_S, DWELL_MAX_S = 5, 60
LAYOUTS = {"1": 1, "4": 4, "9": 9, "16": 16, "1+5": 6}


def clamp_dwell(seconds: float) -> float:
    return float(min(DWELL_MAX_S, max(DWELL_MIN_S, seconds)))


@dataclass
class Backoff:
    failures: int = 0
    retry_at: float = 0.0
    reason: str = ""


@dataclass
class Patrol:
    cameras: list[str]
    tiles: int = 9
    dwell_s: float = 15.0
    max_open: int = 18  # decoders: the page on show plus the next one, at most
    backoff_base_s: float = 10.0
    backoff_max_s: float = 300.0
    pinned: dict[int, str] = field(default_factory=dict)
    paused: bool = False
    _cursor: int = 0  # index in the rotation of the first camera on the current page
    _history: list[int] = field(default_factory=list)
    _page: list[str | None] = field(default_factory=list)
    _shown_at: float = 0.0
    _failed: dict[str, Backoff] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self.cameras = list(dict.fromkeys(self.cameras))
        self.dwell_s = clamp_dwell(self.dwell_s)

    # --- what is shown -------------------------------------------------------------------------
    def rotation(self) -> list[str]:
        held = set(self.pinned.values())
        return [c for c in self.cameras if c not in held]

    def free_tiles(self) -> list[int]:
        return [t for t in range(self.tiles) if t not in self.pinned]

    def available(self, camera: str, now: float) -> bool:
        b = self._failed.get(camera)
        return b is None or now >= b.retry_at

    def _compose(self, cursor: int, now: float) -> tuple[list[str | None], int]:
        """The page starting at `cursor`, skipping unavailable cameras; returns it and the next cursor."""
        rot = self.rotation()
        free = self.free_tiles()
        chosen: list[str] = []
        n = len(rot)
        i = 0
        while n and len(chosen) < len(free) and i < n:
            cam = rot[(cursor + i) % n]
            if self.available(cam, now) and cam not in chosen:
                chosen.append(cam)
            i += 1
        page: list[str | None] = [None] * self.tiles
        for t, cam in self.pinned.items():
            if t < self.tiles:
                page[t] = cam
        for t, cam in zip(free, chosen, strict=False):
            page[t] = cam
        return page, (cursor + i) % n if n else 0

    def start(self, now: float) -> list[str | None]:
        self._cursor = 0
        self._history.clear()
        self._page, _ = self._compose(0, now)
        self._shown_at = now
        return list(self._page)

    def page(self) -> list[str | None]:
        return list(self._page)

    def rotates(self) -> bool:
        """Whether there are more cameras than free tiles, so that stepping changes the page."""
        return len(self.rotation()) > len(self.free_tiles())

    def upcoming(self, now: float) -> list[str]:
        """The cameras the next step would bring that are not on the wall now: the ones to pre-open."""
        if not self.rotates():
            return []
        _, nxt = self._compose(self._cursor, now)
        page, _ = self._compose(nxt, now + self.dwell_s)
        current = set(self._page)
        return [c for c in page if c is not None and c not in current]

    def to_open(self, now: float) -> list[str]:
        """The streams to keep open now: the page on show first, then the next page, within the cap."""
        want = [c for c in self._page if c is not None]
        want += [c for c in self.upcoming(now) if c not in want]
        return want[: self.max_open]

    # --- moving ------------------------------------------------------------------------------
    def due(self, now: float) -> bool:
        return not self.paused and self.rotates() and now - self._shown_at >= self.dwell_s

    def tick(self, now: float) -> bool:
        """Advance when the dwell is over. Returns whether the page changed."""
        return self.step(+1, now) if self.due(now) else False

    def step(self, direction: int, now: float) -> bool:
        before = self._page
        if direction >= 0:
            _, nxt = self._compose(self._cursor, now)
            self._history.append(self._cursor)
            del self._history[:-100]
            self._cursor = nxt
        elif self._history:
            self._cursor = self._history.pop()
        else:
            self._cursor = self._walk_back(now)
        self._page, _ = self._compose(self._cursor, now)
        self._shown_at = now
        return self._page != before

    def _walk_back(self, now: float) -> int:
        rot = self.rotation()
        if not rot:
            return 0
        need, i, c = len(self.free_tiles()), 0, self._cursor
        while need and i < len(rot):
            c = (c - 1) % len(rot)
            if self.available(rot[c], now):
                need -= 1
            i += 1
        return c

    def pause(self) -> None:
        self.paused = True

    def resume(self, now: float) -> None:
        self.paused = False
        self._shown_at = now

    def remaining(self, now: float) -> float:
        return max(0.0, self.dwell_s - (now - self._shown_at))

    # --- pins --------------------------------------------------------------------------------
    def pin(self, tile: int) -> bool:
        cam = self._page[tile] if 0 <= tile < len(self._page) else None
        if cam is None:
            return False
        self.pinned[tile] = cam
        return True

    def unpin(self, tile: int) -> None:
        self.pinned.pop(tile, None)

    def show_on(self, tile: int, camera: str) -> None:
        """Put a camera on a tile now and keep it there (a camera chosen on the map)."""
        if camera not in self.cameras:
            self.cameras.append(camera)
        for t, c in list(self.pinned.items()):
            if c == camera:
                del self.pinned[t]
        self.pinned[tile] = camera
        self._page = [None if c == camera else c for c in self._page]
        if tile < len(self._page):
            self._page[tile] = camera

    # --- failures ----------------------------------------------------------------------------
    def mark_offline(self, camera: str, now: float, reason: str = "") -> float:
        """A camera failed: skip it until the returned retry time (doubling with each failure)."""
        b = self._failed.setdefault(camera, Backoff())
        b.failures += 1
        b.reason = reason
        b.retry_at = now + min(self.backoff_max_s, self.backoff_base_s * 2 ** (b.failures - 1))
        return b.retry_at

    def mark_online(self, camera: str) -> None:
        self._failed.pop(camera, None)

    def failure(self, camera: str) -> Backoff | None:
        return self._failed.get(camera)
