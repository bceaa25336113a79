"""Loading the sample data in db/seed/ (all of it invented, and marked as samples)."""
from __future__ import annotations

import json
from datetime import timedelta
from pathlib import Path

from console.domain.changes import Changes, Result
from console.domain.duty_log import Category
from console.domain.incident import IncidentClass, Level, Source
from console.domain.intake import ValidIntake
from console.domain.record_texts import RecordTexts
from console.domain.record_texts.incidents import TABLES
from console.paths import SEED
from console.services.duty_log import DutyLogService
from console.services.incidents import IncidentService
from console.store.database import Store

_TABLES = {
    "units.json": ("units", ["id", "callsign", "type", "team", "status", "lat", "lon", "issi", "beidou_id"]),
    "resources.json": ("resources", ["id", "kind", "name", "district", "lat", "lon", "attrs"]),
    "cameras.json": ("cameras", ["id", "name", "district", "lat", "lon", "target", "url"]),
    "sensors.json": ("sensors", ["id", "name", "kind", "district", "lat", "lon", "unit", "threshold",
                                 "value"]),
    "risk_zones.json": ("risk_zones", ["id", "name", "colour", "district", "kind", "polygon"]),
    "hazards.json": ("hazards", ["id", "name", "district", "lat", "lon", "level", "state", "deadline"]),
}


def _read(path: Path) -> list[dict]:
    if not path.exists():
        return []
    return json.loads(path.read_text(encoding="utf-8"))


def is_empty(store: Store) -> bool:
    return not any(store.scalar(f"SELECT count(*) FROM {t}") for t in ("incidents", "units", "resources",
                                                                          "duty_log"))


def load_seed(store: Store, incidents: IncidentService, log: DutyLogService,
              seed_dir: Path = SEED, texts: RecordTexts | None = None) -> Result[None]:
    """Insert the sample records that are not there yet, in one transaction."""
    counts: dict[str, int] = {}
    with store.transaction():
        for d in _read(seed_dir / "districts.json"):
            store.conn.execute("INSERT OR IGNORE INTO districts(code, name, lat, lon) VALUES (?, ?, ?, ?)",
                               (d["code"], d["name"], d["lat"], d["lon"]))
        for fname, (table, cols) in _TABLES.items():
            n = 0
            for rec in _read(seed_dir / fname):
                if store.scalar(f"SELECT 1 FROM {table} WHERE id = ?", (rec["id"],)):
                    continue
                row = {c: rec.get(c) for c in cols}
                for c in ("attrs", "polygon"):
                    if c in row and not isinstance(row[c], str):
                        row[c] = json.dumps(row[c] or {}, ensure_ascii=False)
                row["sample"] = 1
                store.insert(table, row)
                n += 1
            counts[table] = n
        n = 0
        now = store.clock.now()
        for rec in _read(seed_dir / "incidents.json"):
            if incidents.get(rec["id"]):
                continue
            v = ValidIntake(
                rec["title"], IncidentClass(rec["class"]), rec.get("type", ""), Level(rec["level"]),
                rec["lat"],
                rec["lon"], rec.get("address", ""), rec.get("district", ""),
                Source(rec.get("source", "phone")),
                rec.get("reporter", ""), rec.get("callback", ""),
                {k: rec.get(k, 0) for k in ("deaths", "injuries", "missing", "trapped")},
                rec.get("description", ""), rec.get("warning_colour", ""))
            incidents.add(v, reported_at=now - timedelta(minutes=rec.get("minutes_ago", 0)),
                          incident_id=rec["id"], sample=True)
            n += 1
        counts["incidents"] = n
        if any(counts.values()):
            t = texts or incidents.texts
            shown = t.join([f"{t.word(TABLES, k)} {v}" for k, v in counts.items() if v], "，")
            log.append(Category.SYSTEM, t("incident.seed", counts=shown))
    return Result(None, Changes(reset=True))
