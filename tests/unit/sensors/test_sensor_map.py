"""Sensors on the map carry their warning colour, and a reading or a crossing updates just them.
The map view is replaced by a recorder here (the page itself is tested in tests/integration)."""
from __future__ import annotations

from console.services.sensors import Reading
from console.shell.map_link import MapLink


class MapRecorder:
    def __init__(self) -> None:
        self.snapshot: dict = {}
        self.updates: list[tuple[str, list, list]] = []

    def set_snapshot(self, snap: dict) -> None:
        self.snapshot = snap

    def update_items(self, layer: str, ups: list, gone: list) -> None:
        self.updates.append((layer, ups, gone))


def test_sensors_on_the_map_follow_their_state(seeded, clock):
    rec = MapRecorder()
    link = MapLink(seeded, rec)
    first = next(s for s in rec.snapshot["sensors"] if s["id"] == "sen-001")
    assert first["level"] == "" and first["threshold"] == 4.8 and first["name"] == "黄浦公园 潮位站"
    res = seeded.sensors.ingest([Reading("sen-001", clock.now().timestamp(), 4.9)])
    link.on_changes(res.changes)
    layer, ups, gone = next(u for u in rec.updates if u[0] == "sensors")
    assert [(u["id"], u["level"], u["value"]) for u in ups] == [("sen-001", "orange", 4.9)] and gone == []
