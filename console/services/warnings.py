"""Warnings: CAP 1.2 alerts received and published. The one writer of cap_alerts and cap_references.

An import stores each message once (identifier + sender + sent), applies an Update or Cancel to the
messages its <references> name (also when the referenced message arrives later), and writes one
duty-log entry per message, all in one transaction: a refused batch leaves nothing behind."""
from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from console.domain.cap import Alert, CapRefused, alert_from_dict, read_file, to_bytes
from console.domain.cap.publish import WarningForm, compose, resolve_districts
from console.domain.changes import Changes, Result
from console.domain.clock import to_iso
from console.domain.duty_log import Category
from console.domain.record_texts import RecordTexts
from console.domain.record_texts.warnings import SEVERITY
from console.paths import SEED
from console.services.duty_log import DutyLogService
from console.services.places import Places
from console.store.database import Store

ALARMING = ("Extreme", "Severe")  # severities that raise the banner
_STATE_OF = {"Update": "updated", "Cancel": "cancelled"}


@dataclass(frozen=True)
class StoredAlert:
    id: str
    alert: Alert
    origin: str  # imported | published
    state: str  # active | updated | cancelled
    replaced_by: str | None
    received_at: str
    acknowledged_at: str | None
    acknowledged_by: str

    @property
    def alarming(self) -> bool:
        return (self.alert.severity in ALARMING and self.state == "active" and self.alert.msgType != "Cancel"
                and self.origin == "imported")


@dataclass
class Imported:
    ids: list[str] = field(default_factory=list)  # newly stored
    duplicates: list[str] = field(default_factory=list)  # already there (same identifier, sender, sent)


def _sent_utc(sent: str) -> str:
    return to_iso(datetime.fromisoformat(sent).astimezone(UTC)) or sent


def load_districts(path: Path = SEED / "districts.json") -> dict[str, str]:
    """Administrative code -> district name for the 16 Shanghai districts."""
    return {d["code"]: d["name"] for d in json.loads(path.read_text(encoding="utf-8"))}


class WarningService:
    def __init__(self, store: Store, log: DutyLogService, texts: RecordTexts | None = None,
                 districts: dict[str, str] | None = None, places: Places | None = None) -> None:
        self.store = store
        self.log = log
        self.texts = texts or RecordTexts()
        self.districts = districts if districts is not None else load_districts()
        self.places = places or Places()

    # -- writing
    def import_files(self, paths: list[Path]) -> Result[Imported]:
        """Every file read and validated first; then all stored in one transaction, or none."""
        alerts = []
        for p in paths:
            try:
                alerts.append(read_file(p))
            except CapRefused as exc:
                raise CapRefused(exc.reason, exc.line, Path(p).name) from None
        return self.import_alerts(alerts)

    def import_alerts(self, alerts: list[Alert], origin: str = "imported") -> Result[Imported]:
        out, changes = Imported(), Changes()
        with self.store.transaction():
            for alert in alerts:
                self._store_one(alert, origin, out, changes)
        return Result(out, changes)

    def _store_one(self, alert: Alert, origin: str, out: Imported, changes: Changes) -> None:
        s = self.store
        # Plain cursor reads here: this runs per message of a batch, and the dict-row helper costs more.
        same = s.conn.execute("SELECT id FROM cap_alerts WHERE identifier = ? AND sender = ? AND sent = ?",
                              (alert.identifier, alert.sender, alert.sent)).fetchone()
        if same:
            out.duplicates.append(same[0])
            return
        try:
            sent_utc = _sent_utc(alert.sent)
        except ValueError:
            raise CapRefused(f"sent {alert.sent!r} is not a date and time")
        first = alert.infos_for_display()[0] if alert.infos else None
        row_id = s.new_id()
        # An Update or Cancel stored earlier may already name this message.
        later = s.conn.execute(
            "SELECT r.alert_id, a.msg_type FROM cap_references r JOIN cap_alerts a ON a.id = r.alert_id"
            " WHERE r.sender = ? AND r.identifier = ? AND a.msg_type IN ('Update', 'Cancel')"
            " ORDER BY a.sent_utc DESC LIMIT 1", (alert.sender, alert.identifier)).fetchone()
        state = "cancelled" if alert.msgType == "Cancel" else "active"
        if later:
            state = _STATE_OF[later[1]]
        s.insert("cap_alerts", {
            "id": row_id, "identifier": alert.identifier, "sender": alert.sender, "sent": alert.sent,
            "sent_utc": sent_utc, "status": alert.status, "msg_type": alert.msgType, "severity": alert.severity,
            "event": first.event if first else "", "headline": (first.headline or "") if first else "",
            "origin": origin, "state": state, "replaced_by": later[0] if later else None,
            "body": json.dumps(alert.to_dict(), ensure_ascii=False), "received_at": to_iso(s.clock.now()),
            "acknowledged_at": None, "acknowledged_by": "",
        })
        applied = 0
        for ref in alert.referenced:
            s.insert("cap_references", {"id": s.new_id(), "alert_id": row_id, "sender": ref.sender,
                                        "identifier": ref.identifier, "sent": ref.sent})
            if alert.msgType in _STATE_OF:
                for target in s.rows("SELECT id FROM cap_alerts WHERE sender = ? AND identifier = ? AND id != ?",
                                     (ref.sender, ref.identifier, row_id)):
                    s.update("cap_alerts", target["id"], {"state": _STATE_OF[alert.msgType], "replaced_by": row_id})
                    changes.warnings.add(target["id"])
                    applied += 1
        out.ids.append(row_id)
        changes.warnings.add(row_id)
        entry = self.log.append(Category.COMMS if origin == "published" else Category.SYSTEM,
                                self._record_text(alert, origin, applied))
        changes.merge(entry.changes)

    def _record_text(self, alert: Alert, origin: str, applied: int) -> str:
        first = alert.infos_for_display()[0] if alert.infos else None
        params = {"event": first.event if first else alert.msgType, "sender": alert.sender,
                  "severity": self.texts.word(SEVERITY, alert.severity), "identifier": alert.identifier,
                  "headline": (first.headline or "") if first else "", "count": applied}
        if origin == "published":
            return self.texts("warnings.published", **params)
        key = {"Update": "warnings.updated", "Cancel": "warnings.cancelled"}.get(alert.msgType, "warnings.imported")
        return self.texts(key, **params)

    def publish(self, form: WarningForm, sender_name: dict[str, str] | None = None) -> Result[StoredAlert]:
        s = self.store
        alert = compose(form, self.districts, identifier=f"{s.site}-{s.new_id()}",
                        sender=f"{s.site.lower()}@incident-console", sender_name=sender_name or {},
                        sent=s.clock.now())
        to_bytes(alert)  # refuses before anything is stored if it would not be valid CAP
        res = self.import_alerts([alert], origin="published")
        stored = self.get(res.value.ids[0])
        assert stored is not None
        return Result(stored, res.changes)

    def acknowledge(self, alert_id: str, by: str | None = None) -> Result[StoredAlert | None]:
        s = self.store
        changes = Changes()
        with s.transaction():
            row = self.get(alert_id)
            if row is None:
                raise KeyError(alert_id)
            if row.acknowledged_at is None:
                s.update("cap_alerts", alert_id, {"acknowledged_at": to_iso(s.clock.now()),
                                                  "acknowledged_by": self.log.author if by is None else by})
                first = row.alert.infos_for_display()[0] if row.alert.infos else None
                entry = self.log.append(Category.SYSTEM, self.texts(
                    "warnings.acknowledged", event=first.event if first else row.alert.msgType,
                    identifier=row.alert.identifier))
                changes.warnings.add(alert_id)
                changes.merge(entry.changes)
        return Result(self.get(alert_id), changes)

    # -- reading
    def _stored(self, r: dict) -> StoredAlert:
        return StoredAlert(r["id"], alert_from_dict(json.loads(r["body"])), r["origin"], r["state"],
                           r["replaced_by"], r["received_at"], r["acknowledged_at"], r["acknowledged_by"])

    def list(self) -> list[StoredAlert]:
        return [self._stored(r) for r in self.store.rows("SELECT * FROM cap_alerts ORDER BY sent_utc DESC, id")]

    def get(self, alert_id: str) -> StoredAlert | None:
        r = self.store.one("SELECT * FROM cap_alerts WHERE id = ?", (alert_id,))
        return self._stored(r) if r else None

    def find(self, key: str) -> StoredAlert | None:
        """By our id, or by CAP identifier (the newest message with it)."""
        r = self.store.one("SELECT * FROM cap_alerts WHERE id = ? OR identifier = ? ORDER BY sent_utc DESC LIMIT 1",
                           (key, key))
        return self._stored(r) if r else None

    def export(self, key: str) -> bytes:
        stored = self.find(key)
        if stored is None:
            raise KeyError(key)
        return to_bytes(stored.alert)

    def district_names(self, stored: StoredAlert) -> list[str]:
        codes = [c for i in stored.alert.infos for a in i.areas for c in resolve_districts(a, self.districts)]
        return [self.districts[c] for c in dict.fromkeys(codes)]

    def map_item(self, stored: StoredAlert) -> dict | None:
        """What the map draws for a message in force: its polygons, circles and geocoded districts."""
        if stored.state != "active" or stored.alert.msgType == "Cancel" or not stored.alert.infos:
            return None
        info = stored.alert.infos_for_display()[0]
        polygons = [[list(p) for p in ring] for a in info.areas for ring in a.polygons]
        for name in self.district_names(stored):
            polygons.extend(self.places.outline(name))
        circles = [{"lat": c.lat, "lon": c.lon, "radius_km": c.radius_km} for a in info.areas for c in a.circles]
        if not polygons and not circles:
            return None
        return {"id": stored.id, "name": info.headline or info.event, "severity": stored.alert.severity,
                "polygons": polygons, "circles": circles}

    def map_items(self) -> list[dict]:
        rows = self.store.rows("SELECT * FROM cap_alerts WHERE state = 'active' AND msg_type != 'Cancel'")
        return [item for r in rows if (item := self.map_item(self._stored(r)))]
