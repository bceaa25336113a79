"""Incident-aware patrol: the cameras around the selected incident, plus the key targets its active
preplan names, from the sample data and the sample flood preplan."""
from __future__ import annotations

from console.domain.cameras import check_camera
from console.domain.geo import haversine_m
from console.domain.incident import Level
from console.services.preplans import PreplanService
from console.video.incident_patrol import KEY_TARGET_REACH_M, incident_cameras

TYPHOON, FLOOD = "inc-sample-001", "flood-typhoon"


def test_incident_patrol_takes_nearby_cameras_then_the_preplans_key_targets(seeded):
    cams = seeded.cameras
    for c in cams.cameras():
        cams.update(c["id"], check_camera(c["name"], f"http://127.0.0.1:9/{c['id']}.ts", c["groups"], c["tags"],
                                          c["lat"], c["lon"], c["district"]))
    pp = PreplanService(seeded.store, seeded.log, seeded.incidents, seeded.resources)
    pp.load_samples()
    inc = seeded.incidents.get(TYPHOON)
    near = incident_cameras(seeded.incidents, pp, cams, TYPHOON, 1000)
    dist = {c["id"]: haversine_m(inc.lat, inc.lon, c["lat"], c["lon"]) for c in cams.cameras()}
    assert near and all(dist[c] <= 1000 for c in near)
    assert near == sorted(near, key=dist.get)  # nearest first
    pp.activate(TYPHOON, FLOOD, Level.II)
    with_plan = incident_cameras(seeded.incidents, pp, cams, TYPHOON, 1000)
    extra = with_plan[len(near):]
    assert with_plan[: len(near)] == near and extra
    for cid in extra:
        cam = cams.get(cid)
        assert dist[cid] <= KEY_TARGET_REACH_M
        assert set(cam["tags"]) & {"underpass", "residential", "construction", "river"}
    assert incident_cameras(seeded.incidents, pp, cams, "no-such-incident", 1000) == []
