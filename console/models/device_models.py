"""Item models for the device manager: configured devices with live status, the traffic monitor's
bounded ring buffer, and the radio outbox."""
from __future__ import annotations

from collections import deque

from PySide6.QtCore import QAbstractTableModel, QCoreApplication, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor, QFont

ID_ROLE = Qt.ItemDataRole.UserRole + 2
STATE_ROLE = Qt.ItemDataRole.UserRole + 3
STATE_COLOURS = {"open": "#3ccf6e", "connecting": "#f2b233", "lost": "#ff5a4e", "disconnected": "#7f93a8",
                 "queued": "#f2b233", "no_link": "#ff9a3c", "sent": "#4aa3ff", "delivered": "#3ccf6e",
                 "failed": "#ff5a4e", "expired": "#ff5a4e"}


def state_label(state: str) -> str:
    return {"open": QCoreApplication.translate("DevicesView", "Connected"),
            "connecting": QCoreApplication.translate("DevicesView", "Connecting"),
            "lost": QCoreApplication.translate("DevicesView", "Link lost, retrying"),
            "disconnected": QCoreApplication.translate("DevicesView", "Disconnected"),
            "queued": QCoreApplication.translate("DevicesView", "Queued"),
            "no_link": QCoreApplication.translate("DevicesView", "No link"),
            "sent": QCoreApplication.translate("DevicesView", "Sent"),
            "delivered": QCoreApplication.translate("DevicesView", "Delivered"),
            "failed": QCoreApplication.translate("DevicesView", "Failed"),
            "expired": QCoreApplication.translate("DevicesView", "Expired")}.get(state, state)


def protocol_label(protocol: str) -> str:
    return {"tetra": QCoreApplication.translate("DevicesView", "TETRA radio"),
            "beidou": QCoreApplication.translate("DevicesView", "BeiDou terminal"),
            "nmea": QCoreApplication.translate("DevicesView", "GNSS receiver"),
            "gsm": QCoreApplication.translate("DevicesView", "GSM/4G modem (SMS)")}.get(
        protocol, protocol)


class _Table(QAbstractTableModel):
    COLUMNS: tuple[str, ...] = ()

    def rowCount(self, parent=QModelIndex()) -> int:  # noqa: N802
        return 0 if parent.isValid() else self._count()

    def columnCount(self, parent=QModelIndex()) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(self.COLUMNS)

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):  # noqa: N802
        if (
            orientation == Qt.Orientation.Horizontal
            and role == Qt.ItemDataRole.DisplayRole
            and 0 <= section < len(self.COLUMNS)
        ):
            return self._header(self.COLUMNS[section])
        return None

    def _count(self) -> int:
        raise NotImplementedError

    def _header(self, col: str) -> str:
        raise NotImplementedError


class DevicesModel(_Table):
    COLUMNS = ("name", "port", "protocol", "state", "rate", "frames", "errors", "last", "detail")

    def __init__(self, manager, parent=None) -> None:
        super().__init__(parent)
        self._mgr = manager
        self._rows = manager.devices()
        manager.statusChanged.connect(self.on_status)

    def on_changes(self, changes) -> None:
        if not (changes.devices or changes.reset):
            return
        fresh = self._mgr.devices()
        if [c.id for c in fresh] != [c.id for c in self._rows]:
            self.reload()  # added or removed: the rows move
            return
        self._rows = fresh  # the same devices: change in place, so the selection stays
        if fresh:
            self.dataChanged.emit(self.index(0, 0), self.index(len(fresh) - 1, len(self.COLUMNS) - 1))

    def reload(self) -> None:
        self.beginResetModel()
        self._rows = self._mgr.devices()
        self.endResetModel()

    def on_status(self, ids) -> None:
        for i, cfg in enumerate(self._rows):
            if cfg.id in ids:
                self.dataChanged.emit(self.index(i, 3), self.index(i, len(self.COLUMNS) - 1))

    def device_id(self, row: int) -> str | None:
        return self._rows[row].id if 0 <= row < len(self._rows) else None

    def row_of(self, device_id: str) -> int:
        return next((i for i, c in enumerate(self._rows) if c.id == device_id), -1)

    def _count(self) -> int:
        return len(self._rows)

    def _header(self, col: str) -> str:
        return {"name": QCoreApplication.translate("DevicesView", "Device"),
                "port": QCoreApplication.translate("DevicesView", "Port"),
                "protocol": QCoreApplication.translate("DevicesView", "Protocol"),
                "state": QCoreApplication.translate("DevicesView", "Link"),
                "rate": QCoreApplication.translate("DevicesView", "Bytes/s"),
                "frames": QCoreApplication.translate("DevicesView", "Frames in/out"),
                "errors": QCoreApplication.translate("DevicesView", "Errors"),
                "last": QCoreApplication.translate("DevicesView", "Last frame"),
                "detail": QCoreApplication.translate("DevicesView", "Detail")}[col]

    def data(self, index: QModelIndex | QPersistentModelIndex, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        cfg = self._rows[index.row()]
        col = self.COLUMNS[index.column()]
        st = self._mgr.stats(cfg.id)
        if role == ID_ROLE:
            return cfg.id
        if role == STATE_ROLE:
            return st.state
        if role == Qt.ItemDataRole.ForegroundRole:
            if col == "state":
                return QColor(STATE_COLOURS.get(st.state, "#dbe4ee"))
            if col == "errors" and st.errors:
                return QColor(STATE_COLOURS["failed"])
            return None
        if role == Qt.ItemDataRole.TextAlignmentRole and col in ("rate", "frames", "errors"):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role not in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return None
        if col == "name":
            return cfg.name
        if col == "port":
            return cfg.port
        if col == "protocol":
            return f"{protocol_label(cfg.protocol)} · {cfg.baud} {cfg.framing}"
        if col == "state":
            return "● " + state_label(st.state)
        if col == "rate":
            return f"{st.bytes_per_s(self._mgr.now_mono()):,.0f}"
        if col == "frames":
            return f"{st.frames_in:,} / {st.frames_out:,}"
        if col == "errors":
            return str(st.errors) if role == Qt.ItemDataRole.DisplayRole else st.last_error
        if col == "last":
            if st.last_frame_t is None:
                return ""
            return self._mgr.wall_of(st.last_frame_t)[11:19]
        return st.detail


class TrafficModel(_Table):
    """The last `capacity` frames stored since it opened, newest at the bottom, read from the store when
    Changes name frames; pausing stops appending (what arrives meanwhile is not shown), not receiving."""

    COLUMNS = ("time", "device", "dir", "raw", "decoded")

    def __init__(self, manager, capacity: int = 2000, parent=None) -> None:
        super().__init__(parent)
        self.capacity = capacity
        self.paused = False
        self._rows: deque[dict] = deque()
        self._names = {d.id: d.name for d in manager.devices()}
        self._mgr = manager
        self._seen = manager.ingest.last_frame_seq()

    def on_changes(self, changes) -> None:
        if changes.devices or changes.reset:
            self._names.update({d.id: d.name for d in self._mgr.devices()})
        if not changes.frames:
            return
        frames = self._mgr.ingest.frames_after(self._seen, self.capacity)
        if frames:
            self._seen = frames[-1]["seq"]
        if not self.paused and frames:
            self._append(frames)

    def _append(self, frames: list[dict]) -> None:
        overflow = len(self._rows) + len(frames) - self.capacity
        if overflow > 0:
            self.beginRemoveRows(QModelIndex(), 0, overflow - 1)
            for _ in range(overflow):
                self._rows.popleft()
            self.endRemoveRows()
        first = len(self._rows)
        self.beginInsertRows(QModelIndex(), first, first + len(frames) - 1)
        self._rows.extend(frames)
        self.endInsertRows()

    def clear(self) -> None:
        self.beginResetModel()
        self._rows.clear()
        self.endResetModel()

    def _count(self) -> int:
        return len(self._rows)

    def _header(self, col: str) -> str:
        return {"time": QCoreApplication.translate("DevicesView", "Time"),
                "device": QCoreApplication.translate("DevicesView", "Device"),
                "dir": QCoreApplication.translate("DevicesView", "Dir"),
                "raw": QCoreApplication.translate("DevicesView", "Raw"),
                "decoded": QCoreApplication.translate("DevicesView", "Decoded")}[col]

    def data(self, index: QModelIndex | QPersistentModelIndex, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        f = self._rows[index.row()]
        col = self.COLUMNS[index.column()]
        if role == Qt.ItemDataRole.ForegroundRole:
            if any(e["kind"] == "error" for e in f["events"]):
                return QColor(STATE_COLOURS["failed"])
            if f["direction"] == "out":
                return QColor("#7cc4ff")
            if any(e["kind"] in ("text", "status") for e in f["events"]):
                return QColor("#ffd27a")
            return None
        if role == Qt.ItemDataRole.FontRole and col == "raw":
            font = QFont("DejaVu Sans Mono")
            font.setStyleHint(QFont.StyleHint.Monospace)
            return font
        if role not in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return None
        if col == "time":
            return f["at"][11:23]
        if col == "device":
            return self._names.get(f["device_id"], f["device_id"])
        if col == "dir":
            return "→" if f["direction"] == "out" else "←"
        if col == "raw":
            return render_raw(f["raw"])
        return "; ".join(summarise(e) for e in f["events"]) or "—"


def render_raw(raw: bytes) -> str:
    """Printable ASCII as is, line ends as ⏎, anything else (GB2312, binary frames) as hex."""
    body = raw.strip(b"\r\n")
    if all(32 <= b < 127 or b in (13, 10, 26) for b in body):
        return body.decode("ascii").replace("\r\n", "⏎").replace("\r", "⏎").replace("\n", "⏎").replace(
            "\x1a", "^Z")
    return body.hex(" ").upper()


def summarise(event: dict) -> str:
    """One decoded event (as stored with its frame) in a few words."""
    d = dict(event)
    kind = d.pop("kind")
    d.pop("protocol", None)
    if kind == "position" and d.get("fix"):
        return f"position {d.get('source') or ''} {d['lat']:.5f},{d['lon']:.5f}".replace("  ", " ")
    if kind == "text":
        return f"text {d.get('from') or '?'}: {d['text']}"
    if kind == "status":
        return f"status {d.get('from') or '?'} 0x{d['code']:04X} {d.get('label') or ''}".strip()
    if kind == "error":
        return f"ERROR {d.get('reason')}"
    keep = {k: v for k, v in d.items() if k in ("command", "ok", "ref", "status", "detail", "what", "fix",
                                                "wait_s")}
    return f"{kind} " + " ".join(f"{k}={v}" for k, v in keep.items())


class OutboxModel(_Table):
    COLUMNS = ("created", "channel", "recipient", "text", "state", "attempts", "error")

    def __init__(self, manager, parent=None) -> None:
        super().__init__(parent)
        self._mgr = manager
        self._rows: list[dict] = []
        self._labels: dict[tuple[str, str], str] = {}
        self.reload()

    def on_changes(self, changes) -> None:
        if changes.reset:
            self.reload()
        elif changes.outbox:
            self.on_outbox(changes.outbox)

    def reload(self) -> None:
        self.beginResetModel()
        self._rows = self._mgr.outbox.rows()
        self.endResetModel()

    def on_outbox(self, ids) -> None:
        known = {r["id"]: i for i, r in enumerate(self._rows)}
        if not set(ids) <= set(known):
            self.reload()
            return
        for row in self._mgr.outbox.by_ids(set(ids)):
            i = known[row["id"]]
            self._rows[i] = row
            self.dataChanged.emit(self.index(i, 0), self.index(i, len(self.COLUMNS) - 1))

    def state_of(self, outbox_id: str) -> str | None:
        return next((r["state"] for r in self._rows if r["id"] == outbox_id), None)

    def _count(self) -> int:
        return len(self._rows)

    def _header(self, col: str) -> str:
        return {"created": QCoreApplication.translate("DevicesView", "Created"),
                "channel": QCoreApplication.translate("DevicesView", "Channel"),
                "recipient": QCoreApplication.translate("DevicesView", "To"),
                "text": QCoreApplication.translate("DevicesView", "Text"),
                "state": QCoreApplication.translate("DevicesView", "State"),
                "attempts": QCoreApplication.translate("DevicesView", "Attempts"),
                "error": QCoreApplication.translate("DevicesView", "Last error")}[col]

    def _label(self, row: dict) -> str:
        key = (row["channel"], row["recipient"])
        if key not in self._labels:
            self._labels[key] = self._mgr.outbox.recipient_label(*key)
        return self._labels[key]

    def data(self, index: QModelIndex | QPersistentModelIndex, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        row = self._rows[index.row()]
        col = self.COLUMNS[index.column()]
        if role == ID_ROLE:
            return row["id"]
        if role == STATE_ROLE:
            return row["state"]
        if role == Qt.ItemDataRole.ForegroundRole and col == "state":
            return QColor(STATE_COLOURS.get(row["state"], "#dbe4ee"))
        if role not in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return None
        if col == "created":
            return (row["created_at"] or "")[11:19]
        if col == "channel":
            return {"tetra": "TETRA", "sms": QCoreApplication.translate("DevicesView", "SMS")}.get(
                row["channel"], QCoreApplication.translate("DevicesView", "BeiDou"))
        if col == "recipient":
            return self._label(row)
        if col == "state":
            return state_label(row["state"])
        if col == "attempts":
            return str(row["attempts"])
        if col == "error":
            return row["last_error"]
        return row["text"]
