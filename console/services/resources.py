"""Units in the field and the city's resources: reads for lists and the map, position updates."""
from __future__ import annotations

import json
from dataclasses import dataclass

from console.domain.changes import Changes, Result
from console.domain.clock import to_iso
from console.store.database import Store

UNIT_STATUSES = ("available", "dispatched", "on_scene", "returning", "out_of_service")


@dataclass(frozen=True)
class PositionFix:
    unit_id: str
    lat: float
    lon: float
    at: str | None = None
    heading: float | None = None
    speed_kmh: float | None = None


class ResourceService:
    def __init__(self, store: Store) -> None:
        self.store = store

    def units(self) -> list[dict]:
        return self.store.rows("SELECT * FROM units ORDER BY callsign")

    def unit(self, unit_id: str) -> dict | None:
        return self.store.one("SELECT * FROM units WHERE id = ?", (unit_id,))

    def unit_by_identity(self, issi: str | None = None, beidou_id: str | None = None) -> dict | None:
        if issi:
            return self.store.one("SELECT * FROM units WHERE issi = ?", (issi,))
        if beidou_id:
            return self.store.one("SELECT * FROM units WHERE beidou_id = ?", (beidou_id,))
        return None

    def resources(self, kind: str | None = None) -> list[dict]:
        if kind:
            rows = self.store.rows("SELECT * FROM resources WHERE kind = ? ORDER BY name", (kind,))
        else:
            rows = self.store.rows("SELECT * FROM resources ORDER BY kind, name")
        return [{**r, "attrs": json.loads(r["attrs"])} for r in rows]

    def layer(self, table: str) -> list[dict]:
        if table not in ("cameras", "sensors", "risk_zones", "hazards", "districts"):
            raise ValueError(table)
        # A camera registered by URL alone has no place on the map yet.
        where = " WHERE lat IS NOT NULL" if table == "cameras" else ""
        rows = self.store.rows(f"SELECT * FROM {table}{where}")
        if table == "risk_zones":
            rows = [{**r, "polygon": json.loads(r["polygon"])} for r in rows]
        return rows

    def set_unit_status(self, unit_id: str, status: str) -> Result[None]:
        if status not in UNIT_STATUSES:
            raise ValueError(f"unknown unit status {status!r}")
        with self.store.transaction():
            self.store.update("units", unit_id, {"status": status})
        return Result(None, Changes(units={unit_id}))

    def set_available(self, resource_id: str, available: bool) -> Result[None]:
        """A resource taken out of the pool (sent by a plan) or given back."""
        with self.store.transaction():
            self.store.update("resources", resource_id, {"available": int(available)})
        return Result(None, Changes(resources={resource_id}))

    def apply_positions(self, fixes: list[PositionFix]) -> Result[None]:
        """A batch of fixes, coalesced to the latest per unit, in one transaction."""
        latest: dict[str, PositionFix] = {}
        for f in fixes:
            latest[f.unit_id] = f
        if not latest:
            return Result(None)
        s = self.store
        now = to_iso(s.clock.now())
        with s.transaction():
            s.update_many("units", ("lat", "lon", "heading", "speed_kmh", "position_at"),
                          [(f.unit_id, (f.lat, f.lon, f.heading, f.speed_kmh,
                                        f.at or now)) for f in latest.values()])
        return Result(None, Changes(units=set(latest)))
