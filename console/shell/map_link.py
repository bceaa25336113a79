"""Keeps the map in step with the store: a full snapshot at start, then diffs from Changes."""
from __future__ import annotations

from console.domain.changes import Changes
from console.services import Services


def unit_item(u: dict) -> dict:
    return {"id": u["id"], "callsign": u["callsign"], "type": u["type"], "status": u["status"],
            "lat": u["lat"],
            "lon": u["lon"], "heading": u["heading"], "speed_kmh": u["speed_kmh"],
            "updated_at": u["position_at"]}


def incident_item(i) -> dict:
    return {"id": i.id, "title": i.title, "level": int(i.level), "status": i.status.value, "lat": i.lat,
            "lon": i.lon, "acknowledged": i.acknowledged}


def sensor_item(s) -> dict:
    """A sensor on the map: its latest value and the warning colour in force ('' when normal)."""
    line = next((t.value for t in s.thresholds if t.colour == "orange"), None)
    return {"id": s.id, "name": s.name, "kind": s.kind, "lat": s.lat, "lon": s.lon, "value": s.value,
            "threshold": line, "unit": s.unit, "level": s.level}


def snapshot(svc: Services) -> dict[str, list[dict]]:
    r = svc.resources
    return {
        "units": [unit_item(u) for u in r.units() if u["lat"] is not None],
        "incidents": [incident_item(i) for i in svc.incidents.list() if i.status.value != "closed"],
        "resources": [{k: x[k] for k in ("id", "kind", "name", "lat", "lon",
                                         "attrs")} for x in r.resources()],
        "cameras": [{k: c[k] for k in ("id", "name", "lat", "lon")} for c in r.layer("cameras")],
        "risk_zones": [{k: z[k] for k in ("id", "name", "colour", "polygon")} for z in r.layer("risk_zones")],
        "hazards": [{k: h[k] for k in ("id", "name", "lat", "lon", "level")} for h in r.layer("hazards")],
        "sensors": [sensor_item(s) for s in svc.sensors.sensors()],
        "warnings": svc.warnings.map_items(),
    }


class MapLink:
    def __init__(self, svc: Services, map_view) -> None:
        self.svc = svc
        self.map = map_view
        map_view.set_snapshot(snapshot(svc))

    def on_changes(self, ch: Changes) -> None:
        if ch.reset:
            self.map.set_snapshot(snapshot(self.svc))
            return
        if ch.units or ch.removed_units:
            ups = [
                unit_item(u)
                for uid in ch.units
                if (u := self.svc.resources.unit(uid)) and u["lat"] is not None
            ]
            self.map.update_items("units", ups, sorted(ch.removed_units))
        if ch.incidents:
            ups, gone = [], []
            for iid in ch.incidents:
                inc = self.svc.incidents.get(iid)
                if inc is None or inc.status.value == "closed":
                    gone.append(iid)
                else:
                    ups.append(incident_item(inc))
            self.map.update_items("incidents", ups, gone)
        if ch.sensors or ch.readings:
            self.map.update_items("sensors", [sensor_item(s) for sid in sorted(ch.sensors | ch.readings)
                                              if (s := self.svc.sensors.get(sid))], [])
        if ch.warnings:
            items = {
                i: self.svc.warnings.map_item(w) if (w := self.svc.warnings.get(i)) else None
                for i in ch.warnings
            }
            self.map.update_items(
                "warnings", [d for d in items.values() if d], [i for i, d in items.items() if d is None]
            )
