"""The camera registry, patrol plans and tile snapshots: the one writer of the cameras, patrols and
snapshots tables. Stream URLs are kept as given (the player needs the credentials) and leave this
service for display only through `redact_url`."""
from __future__ import annotations

import csv
import hashlib
import io
import json
from dataclasses import dataclass, field
from pathlib import Path

from console.domain.cameras import CameraInvalid, CameraSpec, check_camera, redact_url
from console.domain.changes import Changes, Result
from console.domain.clock import to_iso
from console.domain.duty_log import Category
from console.domain.geo import haversine_m
from console.domain.patrol import LAYOUTS, clamp_dwell
from console.domain.record_texts import RecordTexts
from console.services.duty_log import DutyLogService
from console.store.database import Store

CSV_COLUMNS = ("name", "url", "groups", "tags", "lat", "lon", "district", "enabled")
# Preplans name key targets by category in Chinese; the seed's cameras carry English tags.
TARGET_TAGS = {"下立交": "underpass", "建设工地": "construction", "在建工地": "construction", "工地": "construction",
               "危化品仓储": "hazchem", "危化品": "hazchem", "居民小区": "residential", "居住小区": "residential", "小区": "residential",
               "地铁": "metro", "地铁站": "metro", "河道": "river", "防汛": "river", "防汛设施": "river"}


@dataclass
class ImportReport:
    added: list[str] = field(default_factory=list)
    rejected: list[tuple[int, str]] = field(default_factory=list)  # (line number, reason)


def _camera(row: dict) -> dict:
    # Sample cameras carry only a district and a target kind; those stand in for groups and tags.
    groups = json.loads(row["groups"] or "[]") or ([row["district"]] if row["district"] else [])
    tags = json.loads(row["tags"] or "[]") or ([row["target"]] if row["target"] else [])
    return {**row, "groups": groups, "tags": tags, "enabled": bool(row["enabled"]), "sample": bool(row["sample"])}


def public(camera: dict) -> dict:
    """A camera as it may be shown or exported: the URL without credentials."""
    return {**camera, "url": redact_url(camera["url"])}


class CameraService:
    def __init__(self, store: Store, log: DutyLogService, texts: RecordTexts | None = None) -> None:
        self.store = store
        self.log = log
        self.texts = texts or RecordTexts()

    # --- reads ---------------------------------------------------------------------------------
    def cameras(self, enabled_only: bool = False) -> list[dict]:
        where = "WHERE enabled = 1" if enabled_only else ""
        return [_camera(r) for r in self.store.rows(f"SELECT * FROM cameras {where} ORDER BY name, id")]

    def get(self, camera_id: str) -> dict | None:
        row = self.store.one("SELECT * FROM cameras WHERE id = ?", (camera_id,))
        return _camera(row) if row else None

    def playable(self) -> list[dict]:
        return [c for c in self.cameras(enabled_only=True) if c["url"]]

    def near(self, lat: float, lon: float, radius_m: float) -> list[dict]:
        out = [(haversine_m(lat, lon, c["lat"], c["lon"]), c) for c in self.playable() if c["lat"] is not None]
        return [c for d, c in sorted(out, key=lambda x: x[0]) if d <= radius_m]

    def for_targets(self, targets) -> list[dict]:
        """Cameras at the key targets a preplan names (by name, or by category tag)."""
        out = []
        for c in self.playable():
            tags = {t.lower() for t in c["tags"]} | {c["target"].lower()}
            for t in targets:
                tag = TARGET_TAGS.get(t.category, t.category).lower() if t.category else ""
                if (tag and tag in tags) or (t.name and t.name in c["name"]):
                    out.append(c)
                    break
        return out

    # --- writes --------------------------------------------------------------------------------
    def _row(self, spec: CameraSpec) -> dict:
        return {"name": spec.name, "url": spec.url, "groups": json.dumps(list(spec.groups), ensure_ascii=False),
                "tags": json.dumps(list(spec.tags), ensure_ascii=False), "lat": spec.lat, "lon": spec.lon,
                "district": spec.district, "enabled": int(spec.enabled)}

    def add(self, spec: CameraSpec) -> Result[str]:
        s = self.store
        with s.transaction():
            cid = s.new_id()
            s.insert("cameras", {"id": cid, **self._row(spec), "target": (spec.tags or ("",))[0]})
        return Result(cid, Changes(cameras={cid}))

    def update(self, camera_id: str, spec: CameraSpec) -> Result[None]:
        with self.store.transaction():
            self.store.update("cameras", camera_id, self._row(spec))
        return Result(None, Changes(cameras={camera_id}))

    def set_enabled(self, camera_id: str, enabled: bool) -> Result[None]:
        with self.store.transaction():
            self.store.update("cameras", camera_id, {"enabled": int(enabled)})
        return Result(None, Changes(cameras={camera_id}))

    def import_csv(self, text: str) -> Result[ImportReport]:
        """Every good line is added in one transaction; every bad one is reported with its reason."""
        report = ImportReport()
        reader = csv.DictReader(io.StringIO(text))
        header = [h.strip().lower() for h in (reader.fieldnames or [])]
        if "name" not in header or "url" not in header:
            report.rejected.append((1, "the first line must name the columns, with at least name and url"))
            return Result(report)
        reader.fieldnames = header
        known = {c["url"] for c in self.cameras()}
        specs: list[CameraSpec] = []
        for row in reader:
            line = reader.line_num
            if None in row:
                report.rejected.append((line, "more fields than columns"))
                continue
            try:
                en = (row.get("enabled") or "1").strip().lower() not in ("0", "no", "false", "否")
                spec = check_camera(row.get("name"), row.get("url"), row.get("groups") or row.get("group"),
                                    row.get("tags") or row.get("tag"), row.get("lat"), row.get("lon"),
                                    row.get("district") or "", en)
            except CameraInvalid as exc:
                report.rejected.append((line, str(exc)))
                continue
            if spec.url in known:
                report.rejected.append((line, f"a camera with this URL is already registered: {redact_url(spec.url)}"))
                continue
            known.add(spec.url)
            specs.append(spec)
        changes = Changes()
        with self.store.transaction():
            for spec in specs:
                r = self.add(spec)
                report.added.append(r.value)
                changes.merge(r.changes)
        return Result(report, changes)

    def export_csv(self) -> str:
        out = io.StringIO()
        w = csv.writer(out, lineterminator="\n")
        w.writerow(CSV_COLUMNS)
        for c in self.cameras():
            w.writerow([c["name"], redact_url(c["url"]), ";".join(c["groups"]), ";".join(c["tags"]),
                        "" if c["lat"] is None else c["lat"], "" if c["lon"] is None else c["lon"],
                        c["district"], int(c["enabled"])])
        return out.getvalue()

    # --- patrol plans ----------------------------------------------------------------------------
    def save_plan(self, name: str, camera_ids: list[str], groups: list[str], dwell_s: float, layout: str,
                  plan_id: str | None = None) -> Result[str]:
        if layout not in LAYOUTS:
            raise ValueError(f"layout must be one of {', '.join(LAYOUTS)}")
        row = {"name": name.strip() or "patrol", "camera_ids": json.dumps(camera_ids),
               "groups": json.dumps(groups, ensure_ascii=False), "dwell_s": int(clamp_dwell(dwell_s)),
               "layout": layout}
        s = self.store
        with s.transaction():
            if plan_id and s.scalar("SELECT 1 FROM patrols WHERE id = ?", (plan_id,)):
                s.update("patrols", plan_id, row)
            else:
                plan_id = plan_id or s.new_id()
                s.insert("patrols", {"id": plan_id, **row})
        return Result(plan_id, Changes(patrols={plan_id}))

    def plans(self) -> list[dict]:
        return [{**r, "camera_ids": json.loads(r["camera_ids"]), "groups": json.loads(r["groups"])}
                for r in self.store.rows("SELECT * FROM patrols ORDER BY name")]

    def plan_cameras(self, plan: dict) -> list[str]:
        ids = [c for c in plan["camera_ids"]]
        groups = set(plan["groups"])
        ids += [c["id"] for c in self.playable() if groups & set(c["groups"]) and c["id"] not in ids]
        return ids

    # --- snapshots -----------------------------------------------------------------------------
    def snapshot(self, camera_id: str, png: bytes, folder: Path, incident_id: str | None = None) -> Result[dict]:
        """Keep a tile's frame as a PNG with its SHA-256, named in a duty-log entry."""
        cam = self.get(camera_id)
        if cam is None:
            raise KeyError(camera_id)
        if not png.startswith(b"\x89PNG\r\n\x1a\n"):
            raise ValueError("the snapshot is not a PNG image")
        digest = hashlib.sha256(png).hexdigest()
        s = self.store
        sid = s.new_id()
        folder.mkdir(parents=True, exist_ok=True)
        path = folder / f"{sid}.png"
        tmp = path.with_suffix(".part")
        tmp.write_bytes(png)
        tmp.replace(path)
        at = to_iso(s.clock.now())
        try:
            with s.transaction():
                entry = self.log.append(Category.OTHER, self.texts("video.snapshot", camera=cam["name"], at=at,
                                                                   file=str(path), sha256=digest),
                                        incident_id=incident_id).value
                row = {"id": sid, "camera_id": camera_id, "at": at, "path": str(path), "sha256": digest,
                       "log_id": entry.id, "incident_id": incident_id}
                s.append("snapshots", row)
        except BaseException:
            path.unlink(missing_ok=True)
            raise
        return Result(row, Changes(snapshots={sid}, duty_log={entry.id}))

    def snapshot_for_entry(self, log_id: str) -> dict | None:
        return self.store.one("SELECT * FROM snapshots WHERE log_id = ?", (log_id,))
