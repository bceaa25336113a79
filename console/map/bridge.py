"""Python side of the page bridge: the QWebChannel object and the diff coalescer."""
from __future__ import annotations

import json
import logging
import time
from collections.abc import Iterable, Mapping

from PySide6.QtCore import QObject, QTimer, Signal, Slot

log = logging.getLogger("console.map.bridge")

LAYERS = ("units", "incidents", "resources", "cameras", "risk_zones", "hazards", "sensors")
# What the page draws for a unit besides its position. When none of it changed since the unit
# was last sent, the update goes as a flat "move" [id, lat, lon, heading, t_sent]: a third of
# the bytes, and the encoding cost on the GUI thread is what limits throughput at 20,000 units.
_UNIT_LOOK = ("callsign", "type", "status")
FLUSH_INTERVAL_MS = 100


def to_json(value: object) -> str:
    """The one encoder for everything sent to the page (never string-formatted JavaScript)."""
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"), allow_nan=False, default=str)


class DiffBuffer:
    """Full state per layer plus the changes not yet sent; the latest value per id wins.

    The full state is kept so a reloaded page (or one whose renderer crashed) is redrawn from
    scratch without asking the caller for a new snapshot.
    """

    def __init__(self) -> None:
        self.state: dict[str, dict[str, dict]] = {name: {} for name in LAYERS}
        self._pending: dict[str, dict[str, dict | None]] = {}
        self._reset = False
        self._unit_look: dict[str, tuple] = {}

    def snapshot(self, layers: Mapping[str, Iterable[dict]]) -> None:
        self.state = {name: {str(d["id"]): d for d in layers.get(name, ())} for name in LAYERS}
        self._pending.clear()
        self._reset = True

    def update(self, layer: str, upserts: Iterable[dict], removed_ids: Iterable[str]) -> None:
        if layer not in self.state:
            raise ValueError(f"unknown map layer {layer!r}")
        state = self.state[layer]
        pending = self._pending.setdefault(layer, {})
        for item_id in removed_ids:
            state.pop(str(item_id), None)
            pending[str(item_id)] = None
        for d in upserts:
            state[str(d["id"])] = d
            pending[str(d["id"])] = d

    def resend_all(self) -> None:
        self._pending.clear()
        self._reset = True

    def has_pending(self) -> bool:
        return self._reset or bool(self._pending)

    def take(self) -> dict | None:
        if self._reset:
            self._unit_look = {i: _look(d) for i, d in self.state["units"].items()}
            msg = {
                "reset": True,
                "layers": {name: {"upserts": list(items.values()), "removed": []} for name, items in self.state.items()},
            }
        elif self._pending:
            layers = {}
            for name, items in self._pending.items():
                upserts = [d for d in items.values() if d is not None]
                removed = [i for i, d in items.items() if d is None]
                layers[name] = {"upserts": upserts, "removed": removed}
                if name == "units":
                    layers[name]["upserts"], layers[name]["moves"] = self._split_moves(upserts, removed)
            msg = {"layers": layers}
        else:
            return None
        self._pending = {}
        self._reset = False
        return msg

    def _split_moves(self, upserts: list[dict], removed: list[str]) -> tuple[list[dict], list]:
        full: list[dict] = []
        moves: list = []
        looks = self._unit_look
        for i in removed:
            looks.pop(i, None)
        for d in upserts:
            uid = str(d["id"])
            look = _look(d)
            if looks.get(uid) == look:
                moves.extend((uid, d["lat"], d["lon"], d.get("heading"), d.get("t_sent")))
            else:
                looks[uid] = look
                full.append(d)
        return full, moves


def _look(d: dict) -> tuple:
    return tuple(d.get(k) for k in _UNIT_LOOK)


class MapBridge(QObject):
    """Registered in the page as `bridge`. Slot names are what icc-boot.js calls."""

    batch = Signal(str)  # to the page: one coalesced diff or full snapshot (JSON)
    command = Signal(str)  # to the page: fly/select/follow (JSON)

    loaded = Signal()
    snapshotDrawn = Signal()
    clicked = Signal(str, str)
    contextChosen = Signal(str, float, float)

    @Slot()
    def pageReady(self) -> None:  # noqa: N802 (called from JS)
        self.loaded.emit()

    @Slot(int)
    def snapshotApplied(self, _seq: int) -> None:  # noqa: N802
        self.snapshotDrawn.emit()

    @Slot(str, str)
    def itemClicked(self, layer: str, item_id: str) -> None:  # noqa: N802
        self.clicked.emit(layer, item_id)

    @Slot(str, float, float)
    def contextAction(self, action: str, lat: float, lon: float) -> None:  # noqa: N802
        self.contextChosen.emit(action, lat, lon)

    @Slot(str)
    def log(self, message: str) -> None:
        log.info("page: %s", message)


class Coalescer(QObject):
    """Sends buffered diffs at most every FLUSH_INTERVAL_MS; the first change after a quiet spell
    goes out at once, so a lone update is not delayed by the coalescing."""

    def __init__(self, buffer: DiffBuffer, bridge: MapBridge, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.buffer = buffer
        self._bridge = bridge
        self._enabled = False
        self._last = 0.0
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self.flush)

    def set_enabled(self, enabled: bool) -> None:
        self._enabled = enabled
        if enabled:
            self.schedule()
        else:
            self._timer.stop()

    def schedule(self) -> None:
        if not self._enabled or self._timer.isActive() or not self.buffer.has_pending():
            return
        since = (time.monotonic() - self._last) * 1000
        self._timer.start(max(0, int(FLUSH_INTERVAL_MS - since)))

    def flush(self) -> None:
        self._timer.stop()
        if not self._enabled:
            return
        msg = self.buffer.take()
        if msg is None:
            return
        self._last = time.monotonic()
        self._bridge.batch.emit(to_json(msg))
