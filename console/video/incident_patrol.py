"""Which cameras to patrol for an incident: those within a radius of it, then those at the key targets
its active preplans name (near the incident, nearest first)."""
from __future__ import annotations

KEY_TARGET_REACH_M = 5000  # key targets farther than this from the incident are not its concern


def incident_cameras(incidents, preplans, cameras, incident_id: str, radius_m: float) -> list[str]:
    inc = incidents.get(incident_id)
    if inc is None:
        return []
    ids = [c["id"] for c in cameras.near(inc.lat, inc.lon, radius_m)]
    targets = []
    for act in preplans.activations(incident_id) if preplans is not None else []:
        if act.active:
            targets.extend(preplans.plan(act.plan_id, act.plan_version).cameras)
    if targets:
        reach = {c["id"] for c in cameras.near(inc.lat, inc.lon, max(radius_m, KEY_TARGET_REACH_M))}
        ids += [c["id"] for c in cameras.for_targets(targets) if c["id"] in reach and c["id"] not in ids]
    return ids
