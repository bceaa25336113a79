"""Decoded device traffic into the store: one transaction per drain tick.

Every frame in and out is appended to device_frames; positions move units (latest per unit per
tick). Device traffic (texts, statuses, each unit's latest position per tick) goes to the
communications log; the duty log gets what a duty log should: emergencies (with an alert row) and
texts addressed to the command, each credited to the unit's callsign (or its radio identity), never
to the officer on duty. Outbox state changes ride in the same transaction.
"""
from __future__ import annotations

import json
import random
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime

from console.domain.changes import Changes, Result
from console.domain.clock import to_iso
from console.domain.device_events import Ack, Error, Event, Position, Status, Text
from console.domain.duty_log import Category
from console.domain.ids import new_id
from console.domain.record_texts import RecordTexts
from console.domain.record_texts.comms import NETWORK, in_language
from console.services.comms_log import CommsLogService
from console.services.duty_log import DutyLogService
from console.services.outbox import OutboxService, OutboxUpdate
from console.services.resources import PositionFix, ResourceService
from console.store.database import Store

IDENTITY_TTL_S = 5.0  # how long a unit's radio identities are trusted before re-reading them
# json.dumps(..., ensure_ascii=False) builds a new encoder on every call; one per frame adds up.
_JSON = json.JSONEncoder(ensure_ascii=False)


def event_json(e: Event) -> dict:
    """Event.to_json_dict() without dataclasses.fields() per call: this runs for every frame."""
    out = {"kind": e.kind}
    for k, v in e.__dict__.items():
        if v is None:
            continue
        if k == "extra":
            out.update(v)
        else:
            out["from" if k == "sender" else k] = v
    if e.kind == "position" and not out.get("fix"):
        out.pop("lat", None)
        out.pop("lon", None)
    return out


@dataclass
class FrameRecord:
    device_id: str
    protocol: str
    direction: str  # "in" or "out"
    raw: bytes
    events: list[Event]
    t: float  # time.monotonic() when read or written: the age of the frame at commit


@dataclass
class Alert:
    id: str
    device_id: str
    unit_id: str | None
    callsign: str
    sender: str
    text: str
    log_entry_id: str


@dataclass
class IngestResult(Result[None]):
    """A drain tick's write: its Changes, plus what the device views and benchmarks read about it."""
    value: None = None
    changes: Changes = field(default_factory=Changes)
    alerts: list[Alert] = field(default_factory=list)
    outbox_ids: set[str] = field(default_factory=set)
    frames: int = 0
    records: list[FrameRecord] = field(default_factory=list)
    committed_at: float = 0.0  # time.monotonic() right after COMMIT


class IngestService:
    def __init__(self, store: Store, log: DutyLogService, resources: ResourceService,
                 outbox: OutboxService, texts: RecordTexts | None = None,
                 comms: CommsLogService | None = None) -> None:
        self.store = store
        self.texts = texts or RecordTexts()
        self.log = log
        self.comms = comms or CommsLogService(store)
        self.resources = resources
        self.outbox = outbox
        # Frame ids: a fresh ULID per run plus a counter, unique across runs and sites without a
        # random draw per frame (frames are local audit; seq orders them).
        self._frame_prefix = new_id(int(time.time() * 1000), random.randbytes(10))
        self._frame_n = 0
        self._iso_cache: tuple[int, str] = (-1, "")
        self._identities: dict[tuple[str, str], dict] = {}
        self._identities_t = float("-inf")
        self._position_from: dict[
            str, tuple[FrameRecord, str | None]
        ] = {}  # unit id: the frame of its latest fix

    def forget_identities(self) -> None:
        """Units were edited or merged from another site: read their ISSIs / card numbers again."""
        self._identities_t = float("-inf")

    def apply(self, frames: list[FrameRecord], updates: Sequence[OutboxUpdate] = ()) -> IngestResult:
        s = self.store
        res = IngestResult(frames=len(frames), records=frames)
        wall = s.clock.now()
        mono = time.monotonic()
        if mono - self._identities_t > IDENTITY_TTL_S:
            self._load_identities(mono)
        latest: dict[str, PositionFix] = {}
        wall_s = wall.timestamp()
        with s.transaction():
            rows = []
            for f in frames:
                at = self._iso(wall_s - max(0.0, mono - f.t))
                decoded = _JSON.encode([event_json(e) for e in f.events])
                error = int(any(isinstance(e, Error) for e in f.events))
                self._frame_n += 1
                # Frames are local audit (not synced), so no change row.
                rows.append((f"{self._frame_prefix}-{self._frame_n}", f.device_id, at, f.direction, f.raw,
                             decoded,
                             error))
                if f.direction != "in":
                    continue
                for e in f.events:
                    self._event(e, f, at, latest, res)
            s.conn.executemany(
                "INSERT INTO device_frames (id, device_id, at, direction, raw, decoded, error) "
                "VALUES (?, ?, ?, ?, ?, ?, ?)",
                rows,
            )
            if latest:
                res.changes.merge(self.resources.apply_positions(list(latest.values())).changes)
                self._log_positions(latest, res)
            if updates:
                applied = self.outbox.apply(list(updates))
                res.outbox_ids |= applied.value
                res.changes.merge(applied.changes)
            if frames:
                res.changes.frames |= {f.device_id for f in frames}
        res.committed_at = time.monotonic()
        return res

    # -- events -----------------------------------------------------------------------------------
    def _iso(self, epoch_s: float) -> str:
        """ISO 8601 UTC with milliseconds; the seconds part is formatted once per second."""
        sec = int(epoch_s)
        if self._iso_cache[0] != sec:
            self._iso_cache = (sec, to_iso(datetime.fromtimestamp(sec, UTC))[:19])
        return f"{self._iso_cache[1]}.{int((epoch_s - sec) * 1000):03d}Z"

    def _load_identities(self, mono: float) -> None:
        # Forty-odd units: one read of all of them is cheaper than a lookup per sentence.
        self._identities = {}
        for u in self.resources.units():
            if u.get("issi"):
                self._identities[("tetra", u["issi"])] = u
            if u.get("beidou_id"):
                self._identities[("beidou", u["beidou_id"])] = u
        self._identities_t = mono

    def _unit(self, protocol: str, sender: str | None) -> dict | None:
        return self._identities.get((protocol, sender)) if sender else None

    def _sender(self, protocol: str, sender: str | None, unit: dict | None) -> str:
        t = self.texts
        ident = t("comms.identity", network=t.word(NETWORK, protocol), sender=sender or t("comms.unknown"))
        return t("comms.unit", callsign=unit["callsign"], identity=ident) if unit else ident

    def _credit(self, protocol: str, sender: str | None, unit: dict | None) -> str:
        """Whom a duty-log entry is credited to: the unit's callsign, else the radio identity."""
        if unit is not None:
            return unit["callsign"]
        return self.texts("comms.identity", network=self.texts.word(NETWORK, protocol),
                          sender=sender or self.texts("comms.unknown"))

    def _comms(self, kind: str, text: str, f: FrameRecord, sender: str | None, unit: dict | None, at: str,
               res: IngestResult) -> None:
        res.changes.merge(self.comms.append(
            kind, text, protocol=f.protocol, device_id=f.device_id, sender=sender or "",
            unit_id=unit["id"] if unit else None, callsign=unit["callsign"] if unit else "", at=at).changes)

    def _event(self, e: Event, f: FrameRecord, at: str, latest: dict[str, PositionFix],
               res: IngestResult) -> None:
        if isinstance(e, Position):
            unit = self._unit(f.protocol, e.source)
            if e.fix and unit is not None and e.lat is not None and e.lon is not None:
                latest[unit["id"]] = PositionFix(unit["id"], e.lat, e.lon, at, e.course_deg, e.speed_kmh)
                self._position_from[unit["id"]] = (f, e.source)
            if e.extra.get("emergency"):
                self._alert(f, e.source, unit, at, self.texts("comms.emergency_beidou"), res)
        elif isinstance(e, Text):
            unit = self._unit(f.protocol, e.sender)
            text = self.texts("comms.text", sender=self._sender(f.protocol, e.sender, unit), text=e.text)
            self._comms("text", text, f, e.sender, unit, at, res)
            if self._to_command(f.protocol, e.to):
                res.changes.merge(
                    self.log.append(
                        Category.COMMS,
                        text,
                        unit_id=unit["id"] if unit else None,
                        at=at,
                        author=self._credit(f.protocol, e.sender, unit),
                    ).changes
                )
        elif isinstance(e, Status):
            unit = self._unit(f.protocol, e.sender)
            if e.emergency or e.code == 0:
                self._alert(f, e.sender, unit, at, self.texts("comms.emergency_tetra"), res)
                return
            label = in_language(e.label, self.texts.lang) if e.label else self.texts("comms.undefined_status")
            text = self.texts("comms.status", sender=self._sender(f.protocol, e.sender, unit), label=label,
                              code=f"{e.code:04X}")
            self._comms("status", text, f, e.sender, unit, at, res)
        elif isinstance(e, Ack):
            pass  # the device session turned acknowledgements into outbox updates already

    def _to_command(self, protocol: str, to: str | None) -> bool:
        """A text for the command: addressed to no one in particular or to this console's terminal,
        not to one of the units (traffic between units that the terminal overheard)."""
        return not to or self._unit(protocol, to) is None

    def _log_positions(self, latest: dict[str, PositionFix], res: IngestResult) -> None:
        for unit_id, fix in latest.items():
            f, source = self._position_from.pop(unit_id)
            unit = self._unit(f.protocol, source)
            text = self.texts("comms.position", sender=self._sender(f.protocol, source, unit),
                              lat=f"{fix.lat:.5f}", lon=f"{fix.lon:.5f}")
            self._comms("position", text, f, source, unit, fix.at or to_iso(self.store.clock.now()), res)
        self._position_from.clear()

    def _alert(self, f: FrameRecord, sender: str | None, unit: dict | None, at: str, what: str,
               res: IngestResult) -> None:
        s = self.store
        who = self._sender(f.protocol, sender, unit)
        text = self.texts("comms.emergency", sender=who, what=what)
        self._comms("emergency", text, f, sender, unit, at, res)
        entry = self.log.append(Category.COMMS, text, unit_id=unit["id"] if unit else None, at=at,
                                author=self._credit(f.protocol, sender, unit)).value
        aid = s.new_id()
        s.insert("device_alerts", {"id": aid, "device_id": f.device_id,
                                   "unit_id": unit["id"] if unit else None,
                                   "sender": sender or "", "kind": "emergency", "text": text,
                                   "raised_at": at})
        res.changes.duty_log.add(entry.id)
        res.changes.alerts.add(aid)
        res.alerts.append(Alert(aid, f.device_id, unit["id"] if unit else None,
                                unit["callsign"] if unit else "", sender or "", text, entry.id))

    # -- alerts -----------------------------------------------------------------------------------
    def open_alerts(self) -> list[dict]:
        return self.store.rows("SELECT * FROM device_alerts WHERE acknowledged_at IS NULL ORDER BY raised_at")

    def acknowledge(self, alert_id: str) -> Result[None]:
        s = self.store
        with s.transaction():
            row = s.one("SELECT * FROM device_alerts WHERE id = ?", (alert_id,))
            if row is None or row["acknowledged_at"]:
                return Result(None)
            s.update("device_alerts", alert_id, {"acknowledged_at": to_iso(s.clock.now()),
                                                  "acknowledged_by": self.log.author})
            changes = self.log.append(Category.COMMS,
                                      self.texts("comms.alert_acknowledged", text=row["text"]),
                                      unit_id=row["unit_id"]).changes
        changes.alerts.add(alert_id)
        return Result(None, changes)

    # -- audit reads ------------------------------------------------------------------------------
    def last_frame_seq(self) -> int:
        return self.store.scalar("SELECT coalesce(max(seq), 0) FROM device_frames")

    def frames_after(self, seq: int, limit: int = 2000) -> list[dict]:
        """Frames stored after `seq`, oldest first (the newest `limit` of them), decoded events as dicts."""
        rows = self.store.rows(
            "SELECT seq, device_id, at, direction, raw, decoded FROM device_frames WHERE seq > ? "
            "ORDER BY seq DESC LIMIT ?",
            (seq, limit),
        )
        return [{**r, "raw": bytes(r["raw"]), "events": json.loads(r["decoded"])} for r in reversed(rows)]

    def frames(self, device_id: str | None = None, limit: int = 1000) -> list[dict]:
        if device_id:
            return self.store.rows(
                "SELECT * FROM device_frames WHERE device_id = ? ORDER BY seq DESC LIMIT ?",
                (device_id, limit),
            )
        return self.store.rows("SELECT * FROM device_frames ORDER BY seq DESC LIMIT ?", (limit,))
