"""Monitoring: the one writer of sensors (registry and latest value), readings and their rollups.

Readings are appended in batches, one transaction per batch: the raw rows, the per-minute and
per-hour rollups, the latest value of each sensor, one change row carrying the batch (readings are
immutable, so a peer replays them as they are), and the threshold steps. A crossing becomes a
warning through the WarningService (the same table, list, banner and acknowledgement as CAP
alerts) with its duty-log entry naming the preplans the reading meets."""
from __future__ import annotations

import csv
import io
import json
import math
import sqlite3
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from itertools import chain
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import numpy as np

    from console.domain.preplan.model import Preplan

from console.domain.cap import alert_from_dict
from console.domain.changes import Changes, Result
from console.domain.duty_log import Category
from console.domain.record_texts import RecordTexts
from console.domain.record_texts.sensors import COLOUR
from console.domain.threshold_alerts import threshold_alert
from console.domain.thresholds import (
    HOLD_SECONDS,
    KINDS,
    LevelState,
    Threshold,
    Transition,
    default_thresholds,
    proposals,
    step,
    thresholds_from,
)
from console.services.warnings import WarningService
from console.store.database import Store

BUCKETS = (60, 3600)
RAW_SPAN = 2 * 86400  # longer spans read the rollups
MINUTE_SPAN = 60 * 86400
COUNT_BY_MINUTE = 7 * 86400  # up to this span the readings in it are counted from the minute rollups
CSV_MAX_REJECTS = 1000  # a report lists this many rejected lines, then counts


@dataclass(frozen=True)
class Sensor:
    id: str
    name: str
    kind: str
    district: str
    lat: float
    lon: float
    unit: str
    source: str
    sample: bool
    thresholds: tuple[Threshold, ...]
    registers: dict | None
    value: float | None
    read_at: float | None
    level: str
    warning_id: str | None
    level_state: LevelState = LevelState()


@dataclass(frozen=True)
class Reading:
    sensor_id: str
    t: float  # epoch seconds, UTC
    value: float


@dataclass
class CsvReport:
    imported: int = 0
    duplicates: int = 0
    rejected: list[tuple[int, str]] = field(default_factory=list)  # (line number, reason)
    rejected_count: int = 0


def _sensor(r: dict) -> Sensor:
    lines = json.loads(r["thresholds"] or "[]")
    thresholds = thresholds_from(lines) if lines else (
        default_thresholds(r["kind"], r["threshold"]) if r["threshold"] is not None else ())
    return Sensor(r["id"], r["name"], r["kind"], r["district"], r["lat"], r["lon"], r["unit"],
                  r["source"] or ("sample" if r["sample"] else ""), bool(r["sample"]), thresholds,
                  json.loads(r["registers"]) if r["registers"] else None, r["value"], r["read_at"],
                  r["level"], r["warning_id"],
                  LevelState.from_dict(json.loads(r["level_state"]) if r["level_state"] else None))


class SensorService:
    def __init__(self, store: Store, warnings: WarningService, texts: RecordTexts | None = None,
                 plans: Callable[[], list[Preplan]] | None = None, hold: float = HOLD_SECONDS) -> None:
        self.store = store
        self.warnings = warnings
        self.texts = texts or warnings.texts
        self.plans = plans or (lambda: [])
        self.hold = hold
        self._cache: dict[str, Sensor] | None = None  # the registry, read once per change

    # -- registry
    def sensors(self) -> list[Sensor]:
        return list(self._registry().values())

    def get(self, sensor_id: str) -> Sensor | None:
        return self._registry().get(sensor_id)

    def _registry(self) -> dict[str, Sensor]:
        if self._cache is None:
            self._cache = {r["id"]: _sensor(r) for r in self.store.rows("SELECT * FROM sensors ORDER BY id")}
        return self._cache

    def _reload(self, sensor_id: str) -> None:
        """After a write to one sensor: re-read it alone (the registry may hold thousands)."""
        if self._cache is None:
            return
        r = self.store.one("SELECT * FROM sensors WHERE id = ?", (sensor_id,))
        if r is None:
            self._cache.pop(sensor_id, None)
        else:
            self._cache[sensor_id] = _sensor(r)

    def register(self, sensor_id: str, name: str, kind: str, lat: float, lon: float, *, district: str = "",
                 unit: str | None = None, source: str = "", thresholds: Iterable[Threshold] = (),
                 registers: dict | None = None, sample: bool = False) -> Result[Sensor]:
        """Add a sensor or change one (same id)."""
        if kind not in KINDS:
            raise ValueError(f"unknown sensor kind {kind!r}; one of {', '.join(KINDS)}")
        if not (-90 <= lat <= 90 and -180 <= lon <= 180):
            raise ValueError("latitude or longitude out of range")
        lines = [t.to_dict() for t in thresholds_from(t.to_dict() for t in thresholds)]
        cols = {"name": name, "kind": kind, "district": district, "lat": lat, "lon": lon,
                "unit": KINDS[kind] if unit is None else unit, "source": source,
                "thresholds": json.dumps(lines), "registers": json.dumps(registers) if registers else "",
                "sample": int(sample)}
        changes = Changes(sensors={sensor_id})
        with self.store.transaction():
            if self.store.scalar("SELECT 1 FROM sensors WHERE id = ?", (sensor_id,)):
                self.store.update("sensors", sensor_id, cols)
            else:
                self.store.insert("sensors", {"id": sensor_id, **cols})
                entry = self.warnings.log.append(Category.SYSTEM, self.texts(
                    "sensors.registered", name=name, kind=kind, district=district)).value
                changes.duty_log.add(entry.id)
            if self._cache is not None and sensor_id not in self._cache:
                self._cache = None  # a new sensor: the order changes, read the registry again
            else:
                self._reload(sensor_id)
        sensor = self.get(sensor_id)
        assert sensor is not None
        return Result(sensor, changes)

    # -- readings in
    def ingest(self, readings: Iterable[Reading]) -> Result[int]:
        """Append a batch; returns how many were new (a reading already stored is skipped)."""
        batch = sorted(readings, key=lambda r: (r.sensor_id, r.t))
        registry = self._registry()
        changes = Changes()
        s = self.store
        with s.transaction():
            usable = [r for r in batch
                      if r.sensor_id in registry and math.isfinite(r.value) and math.isfinite(r.t)]
            fresh = _insert_new(s.conn, usable)
            if not fresh:
                return Result(0, changes)
            self._roll_up(fresh)
            s.record("readings", s.new_id(), {"rows": [[r.sensor_id, r.t, r.value] for r in fresh]})
            by_sensor: dict[str, list[Reading]] = {}
            for r in fresh:  # in (sensor, time) order
                by_sensor.setdefault(r.sensor_id, []).append(r)
            latest = {sid: rs[-1] for sid, rs in by_sensor.items()}
            # The latest value is derived from the readings (whose change row is above): no row of its own.
            s.conn.executemany(
                "UPDATE sensors SET value = ?, read_at = ? "
                "WHERE id = ? AND (read_at IS NULL OR read_at <= ?)",
                [(r.value, r.t, r.sensor_id, r.t) for r in latest.values()],
            )
            changes.readings.update(latest)
            for sid, rs in by_sensor.items():
                self._steps(registry[sid], rs, changes)
        if self._cache is not None:
            for sid, r in latest.items():  # keep the cached registry's latest values current
                old = self._cache[sid]
                if old.read_at is None or r.t >= old.read_at:
                    self._cache[sid] = _replace_value(old, r)
        return Result(len(fresh), changes)

    def _roll_up(self, fresh: list[Reading]) -> None:
        acc: dict[tuple[str, int, int], list[float]] = {}
        for r in fresh:
            for b in BUCKETS:
                key = (r.sensor_id, b, int(r.t // b * b))
                a = acc.get(key)
                if a is None:
                    acc[key] = [1, r.value, r.value, r.value]
                else:
                    a[0] += 1
                    a[1] = min(a[1], r.value)
                    a[2] = max(a[2], r.value)
                    a[3] += r.value
        self.store.conn.executemany(
            "INSERT INTO reading_rollups(sensor_id, bucket, t, n, vmin, vmax, vsum)"
            " VALUES (?, ?, ?, ?, ?, ?, ?)"
            " ON CONFLICT(sensor_id, bucket, t) DO UPDATE SET n = n + excluded.n,"
            " vmin = min(vmin, excluded.vmin),"
            " vmax = max(vmax, excluded.vmax), vsum = vsum + excluded.vsum",
            [(*k, *v) for k, v in acc.items()],
        )

    def _steps(self, sensor: Sensor, readings: list[Reading], changes: Changes) -> None:
        if not sensor.thresholds:
            return
        state = before = sensor.level_state
        for r in readings:
            state, tr = step(state, r.value, r.t, sensor.thresholds, self.hold)
            if tr is not None:
                self._warn(sensor, tr, changes)
                sensor = self.get(sensor.id) or sensor
        if state != before:
            self.store.update(
                "sensors", sensor.id, {"level": state.level, "level_state": json.dumps(state.to_dict())}
            )
            if state.level != before.level:
                changes.sensors.add(sensor.id)
            self._reload(sensor.id)

    def _warn(self, sensor: Sensor, tr: Transition, changes: Changes) -> None:
        s, t = self.store, self.texts
        colour = t.word(COLOUR, tr.new)
        fmt = {"name": sensor.name, "colour": colour, "value": f"{tr.value:g}", "unit": sensor.unit}
        line = next((x.value for x in sensor.thresholds if x.colour == tr.new), None)
        proposed = ""
        if tr.kind in ("raised", "escalated"):
            found = proposals(self.plans(), sensor.kind, tr.value)
            sep = "；" if t.lang == "zh_CN" else "; "
            proposed = sep.join(t("sensors.proposal", plan=p.title, level=lv.roman) for p, lv in found)
        text = t(
            f"sensors.{tr.kind}", line=f"{line:g}" if line is not None else "", proposals=proposed, **fmt
        )
        headline = t("sensors.cleared_headline" if tr.kind == "cleared" else "sensors.headline", **fmt)
        in_force = None
        if sensor.warning_id:
            stored = self.warnings.get(sensor.warning_id)
            in_force = stored.alert if stored else None
        sent = s.clock.now()
        alert = threshold_alert(tr, sensor_id=sensor.id, name=sensor.name, kind=sensor.kind,
                                district=sensor.district, lat=sensor.lat, lon=sensor.lon, event=headline,
                                headline=headline, identifier=f"{s.site}-{s.new_id()}",
                                sender=f"sensors.{s.site.lower()}@incident-console",
                                sent=datetime.fromtimestamp(tr.at, UTC) if tr.at else sent, lang=t.lang,
                                in_force=in_force)
        res = self.warnings.import_alerts([alert], origin="sensor", record_text=text)
        changes.merge(res.changes)
        new_id = res.value.ids[0] if res.value.ids else None
        s.update("sensors", sensor.id, {"warning_id": None if tr.kind == "cleared" else new_id})
        changes.sensors.add(sensor.id)
        self._reload(sensor.id)

    # -- CSV history
    def import_csv(self, path: Path) -> Result[CsvReport]:
        """Lines `sensor_id,time,value` (time ISO 8601 or epoch seconds; a header line is allowed).
        Good lines are stored in one transaction; each bad one is reported with its number and why."""
        try:
            text = Path(path).read_text(encoding="utf-8-sig")
        except UnicodeDecodeError:
            raise ValueError(f"{Path(path).name} is not UTF-8 text") from None
        report = CsvReport()
        good: list[Reading] = []
        known = self._registry()
        for n, row in enumerate(csv.reader(io.StringIO(text)), start=1):
            if not row or all(not c.strip() for c in row):
                continue
            if n == 1 and row[0].strip().lower() in ("sensor_id", "sensor", "id"):
                continue
            problem, reading = _parse_row(row, known)
            if reading is None:
                report.rejected_count += 1
                if len(report.rejected) < CSV_MAX_REJECTS:
                    report.rejected.append((n, problem))
            else:
                good.append(reading)
        res = self.ingest(good) if good else Result(0, Changes())
        report.imported = res.value
        report.duplicates = len(good) - res.value
        changes = res.changes
        if good or report.rejected_count:
            with self.store.transaction():
                entry = self.warnings.log.append(
                    Category.SYSTEM,
                    self.texts(
                        "sensors.imported",
                        count=report.imported,
                        rejected=report.rejected_count,
                        file=Path(path).name,
                    ),
                ).value
            changes.duty_log.add(entry.id)
        return Result(report, changes)

    # -- reading out
    def series(self, sensor_id: str, t0: float, t1: float, resolution: str | None = None
               ) -> tuple[np.ndarray, np.ndarray]:
        """Times and values in [t0, t1]. Raw for short spans; for longer ones the rollups, each bucket as
        its minimum then its maximum so peaks survive."""
        resolution = resolution or (
            "raw" if t1 - t0 <= RAW_SPAN else "minute" if t1 - t0 <= MINUTE_SPAN else "hour"
        )
        return self._read(sensor_id, t0, t1, resolution)

    def resolution_for(self, sensor_id: str, t0: float, t1: float, max_points: int) -> str:
        """The finest level whose points in [t0, t1] stay within max_points (a rollup bucket draws as
        two). Counted from the rollups, never the readings: at most a few thousand rows however many
        readings the span holds (minutes for a week or less, so a short span is not overcounted)."""
        b = 60 if t1 - t0 <= COUNT_BY_MINUTE else 3600
        raw = self.store.conn.execute(
            "SELECT coalesce(sum(n), 0) FROM reading_rollups WHERE sensor_id = ? AND bucket = ?"
            " AND t BETWEEN ? AND ?", (sensor_id, b, t0 - b, t1),
        ).fetchone()[0]
        if raw <= max_points:
            return "raw"
        return "minute" if 2 * min(raw, (t1 - t0) / 60 + 1) <= max_points else "hour"

    def _read(self, sensor_id: str, t0: float, t1: float, resolution: str) -> tuple[np.ndarray, np.ndarray]:
        import numpy as np  # here, not at import: the CLI and writer processes start without it

        c = self.store.conn
        if resolution == "raw":
            cur = c.execute(
                "SELECT t, value FROM readings WHERE sensor_id = ? AND t BETWEEN ? AND ? ORDER BY t",
                (sensor_id, t0, t1),
            )
            a = _columns(cur, 2)
            return a[:, 0], a[:, 1]
        b = 60 if resolution == "minute" else 3600
        cur = c.execute("SELECT t, vmin, vmax FROM reading_rollups WHERE sensor_id = ? AND bucket = ?"
                        " AND t BETWEEN ? AND ? ORDER BY t", (sensor_id, b, t0 - b, t1))
        a = _columns(cur, 3)
        ts = np.repeat(a[:, 0], 2)
        ts[1::2] += b / 2
        return ts, a[:, 1:3].reshape(-1)

    def last_time(self) -> float | None:
        return self.store.scalar("SELECT max(read_at) FROM sensors")

    def warning_alert(self, sensor_id: str):
        s = self.get(sensor_id)
        if s is None or not s.warning_id:
            return None
        r = self.store.one("SELECT body FROM cap_alerts WHERE id = ?", (s.warning_id,))
        return alert_from_dict(json.loads(r["body"])) if r else None


def _columns(cursor: sqlite3.Cursor, width: int) -> np.ndarray:
    """Rows of numbers straight into one float array: no list of a million row tuples on the way."""
    import numpy as np

    return np.fromiter(chain.from_iterable(cursor), dtype=float).reshape(-1, width)


def _insert_new(conn, readings: list[Reading]) -> list[Reading]:
    """Insert the readings; those already stored (a CSV imported twice) are skipped. The common case,
    all new, is one statement; only a batch with a duplicate goes row by row."""
    rows = [(r.sensor_id, r.t, r.value) for r in readings]
    conn.execute("SAVEPOINT readings_batch")
    try:
        conn.executemany("INSERT INTO readings(sensor_id, t, value) VALUES (?, ?, ?)", rows)
        conn.execute("RELEASE readings_batch")
        return readings
    except sqlite3.IntegrityError:
        conn.execute("ROLLBACK TO readings_batch")
        conn.execute("RELEASE readings_batch")
    ins = "INSERT OR IGNORE INTO readings(sensor_id, t, value) VALUES (?, ?, ?)"
    return [r for r, row in zip(readings, rows, strict=True) if conn.execute(ins, row).rowcount]


def _replace_value(s: Sensor, r: Reading) -> Sensor:
    return replace(s, value=r.value, read_at=r.t)


def _parse_row(row: list[str], known: dict[str, Sensor]) -> tuple[str, Reading | None]:
    if len(row) != 3:
        return f"expected 3 fields (sensor_id,time,value), found {len(row)}", None
    sid, when, value = (c.strip() for c in row)
    if sid not in known:
        return f"unknown sensor {sid[:40]!r}", None
    try:
        t = float(when)
    except ValueError:
        try:
            dt = datetime.fromisoformat(when.replace("Z", "+00:00"))
        except ValueError:
            return f"time {when[:40]!r} is neither ISO 8601 nor epoch seconds", None
        if dt.tzinfo is None:
            return f"time {when[:40]!r} has no UTC offset", None
        t = dt.timestamp()
    try:
        v = float(value)
    except ValueError:
        return f"value {value[:40]!r} is not a number", None
    if not math.isfinite(v) or not math.isfinite(t):
        return "value or time is not finite", None
    return "", Reading(sid, t, v)
