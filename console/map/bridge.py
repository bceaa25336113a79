"""Python side of the page bridge: the QWebChannel object and the diff coalescer."""
from __future__ import annotations

import base64
import json
import logging
import sys
import time
from array import array
from collections.abc import Iterable, Mapping

from PySide6.QtCore import QObject, QTimer, Signal, Slot

log = logging.getLogger("console.map.bridge")

LAYERS = ("units", "incidents", "resources", "cameras", "risk_zones", "hazards", "sensors", "warnings")
# What the page draws for a unit besides its position is its "look": callsign, type, status.
# When that did not change since the unit was last sent, the update goes as a "move": five
# float64 [index, lat, lon, heading, t_sent] packed into one base64 string, the unit's id
# interned once as an index. Formatting floats as decimal text (repr/dtoa) was most of the GUI
# thread's time at 20,000 units a second; packing raw doubles costs almost nothing and is 40
# bytes a unit, exact, with NaN for a missing value.
FLUSH_INTERVAL_MS = 100
# A full snapshot goes out in messages of at most this many items. In one piece, 20,000 units
# are megabytes of JSON, copied several times on the way (str, QString, QJsonDocument, IPC);
# glibc kept that peak (20+ MB) as heap of the process for good.
SNAPSHOT_CHUNK = 2000
_NAN = float("nan")


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
        # Unit id -> index the page knows it by; ids are only ever added, until the next reset.
        self._unit_index: dict[str, int] = {}

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
            uid = str(d["id"])
            state[uid] = d
            pending[uid] = d

    def resend_all(self) -> None:
        self._pending.clear()
        self._reset = True

    def has_pending(self) -> bool:
        return self._reset or bool(self._pending)

    def take(self) -> dict | None:
        if self._reset:
            units = self.state["units"]
            self._unit_look = {i: _look(d) for i, d in units.items()}
            self._unit_index = {i: n for n, i in enumerate(units)}
            msg = {
                "reset": True,
                "layers": {name: {"upserts": list(items.values()), "removed": []} for name, items in self.state.items()},
            }
            msg["layers"]["units"]["intern"] = list(units)
        elif self._pending:
            layers = {}
            for name, items in self._pending.items():
                if name == "units":
                    layers[name] = self._unit_diff(items)
                    continue
                upserts = [d for d in items.values() if d is not None]
                removed = [i for i, d in items.items() if d is None]
                layers[name] = {"upserts": upserts, "removed": removed}
            msg = {"layers": layers}
        else:
            return None
        self._pending = {}
        self._reset = False
        return msg

    def _unit_diff(self, items: dict[str, dict | None]) -> dict:
        """{"upserts": units sent in full, "removed", "intern": ids new to the page, "moves": packed}.

        This loop runs for every unit update on the GUI thread, so it is kept flat: no helper
        calls, no float formatting, one list of doubles packed at the end.
        """
        full: list[dict] = []
        removed: list[str] = []
        values: list[float] = []
        intern: list[str] = []
        looks = self._unit_look
        index = self._unit_index
        add = values.extend
        nan = _NAN
        for uid, d in items.items():
            if d is None:
                removed.append(uid)
                looks.pop(uid, None)
                continue
            look = (d.get("callsign"), d.get("type"), d.get("status"))
            if looks.get(uid) == look:
                heading = d.get("heading")
                t_sent = d.get("t_sent")
                add((index[uid], d["lat"], d["lon"], nan if heading is None else heading,
                     nan if t_sent is None else t_sent))
            else:
                looks[uid] = look
                full.append(d)
                if uid not in index:
                    index[uid] = len(index)
                    intern.append(uid)
        out: dict = {"upserts": full, "removed": removed, "intern": intern, "moves": ""}
        if values:
            try:
                out["moves"] = pack_doubles(values)
            except TypeError:  # a non-numeric position: send these units in full, as JSON
                out["upserts"] = [d for d in items.values() if d is not None]
        return out


def split_snapshot(msg: dict, chunk: int = SNAPSHOT_CHUNK) -> list[dict]:
    """A reset message as parts of at most `chunk` upserts; all but the last carry "more".

    The first part has "reset"; the page reports the snapshot drawn after the last part.
    Interned unit ids are split along with the units, so indices keep their order.
    """
    parts: list[dict] = [{"reset": True, "layers": {}}]
    room = chunk
    for name, diff in msg["layers"].items():
        items, intern = diff["upserts"], diff.get("intern")
        start = 0
        while True:
            if room == 0:
                parts.append({"layers": {}})
                room = chunk
            part = items[start:start + room]
            layer: dict = {"upserts": part, "removed": []}
            if intern is not None:
                layer["intern"] = intern[start:start + len(part)]
            parts[-1]["layers"][name] = layer
            start += len(part)
            room -= len(part)
            if start >= len(items):
                break
    for part in parts[:-1]:
        part["more"] = True
    return parts


def pack_doubles(values: list[float]) -> str:
    """Little-endian float64s as base64: what the page reads back with a Float64Array."""
    packed = array("d", values)
    if sys.byteorder != "little":
        packed.byteswap()
    return base64.b64encode(packed.tobytes()).decode("ascii")


def _look(d: dict) -> tuple:
    return (d.get("callsign"), d.get("type"), d.get("status"))  # as in _unit_diff


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
        for part in split_snapshot(msg) if msg.get("reset") else (msg,):
            self._bridge.batch.emit(to_json(part))
