"""Write the invented sample data in db/seed/*.json, deterministically.

Everything here is made up for demonstrations: plausible names at realistic places, never real
operational data, and every record carries ``"sample": true`` so the UI can badge it (示例).
Locations are WGS-84. Each point is checked against resources/basemap/shanghai_districts.geojson and,
when it lies outside its district or too close to a border (district borders in the basemap are
simplified to ~50 m), it is nudged towards the district's interior until it is comfortably inside,
so the seed never contradicts the map.

    .venv/bin/python tools/make_seed.py          # rewrite db/seed/*.json
    .venv/bin/python tools/make_seed.py --check  # exit 1 if the files on disk differ
"""
from __future__ import annotations

import argparse
import json
import math
import random
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from console.domain.geo import haversine_m, point_in_geometry  # noqa: E402

SEED = ROOT / "db" / "seed"
BASEMAP = ROOT / "resources" / "basemap" / "shanghai_districts.geojson"

# Points stay this far from any district border, so that simplification slivers and rounding never
# put them in the wrong district.
MARGIN_M = 250.0
_M_LAT = 111_132.0
_M_LON = 111_320.0 * math.cos(math.radians(31.2))


# --------------------------------------------------------------------------- geometry helpers

def _rings(geom: dict) -> list[list[list[float]]]:
    return [ring for poly in geom["coordinates"] for ring in poly]


def border_distance_m(lat: float, lon: float, geom: dict) -> float:
    px, py = lon * _M_LON, lat * _M_LAT
    best = math.inf
    for ring in _rings(geom):
        for (x1, y1), (x2, y2) in zip(ring, ring[1:], strict=False):
            ax, ay, bx, by = x1 * _M_LON, y1 * _M_LAT, x2 * _M_LON, y2 * _M_LAT
            dx, dy = bx - ax, by - ay
            seg2 = dx * dx + dy * dy
            t = 0.0 if seg2 == 0 else max(0.0, min(1.0, ((px - ax) * dx + (py - ay) * dy) / seg2))
            best = min(best, math.hypot(px - ax - t * dx, py - ay - t * dy))
    return best


def comfortably_inside(lat: float, lon: float, geom: dict, margin: float = MARGIN_M) -> bool:
    return point_in_geometry(lat, lon, geom) and border_distance_m(lat, lon, geom) >= margin


def _ring_area(ring: list[list[float]]) -> float:
    return abs(sum(x1 * y2 - x2 * y1 for (x1, y1), (x2, y2) in zip(ring, ring[1:], strict=False))) / 2


def label_point(geom: dict) -> tuple[float, float]:
    """A point well inside the district (near its pole of inaccessibility), for labels and nudging."""
    main = max(geom["coordinates"], key=lambda poly: _ring_area(poly[0]))
    lons = [p[0] for p in main[0]]
    lats = [p[1] for p in main[0]]
    lo_lat, hi_lat, lo_lon, hi_lon = min(lats), max(lats), min(lons), max(lons)
    best, best_d = None, -1.0
    n = 30
    for _ in range(3):
        step_lat, step_lon = (hi_lat - lo_lat) / n, (hi_lon - lo_lon) / n
        for i in range(n + 1):
            for j in range(n + 1):
                lat, lon = lo_lat + i * step_lat, lo_lon + j * step_lon
                if point_in_geometry(lat, lon, geom):
                    d = border_distance_m(lat, lon, geom)
                    if d > best_d:
                        best, best_d = (lat, lon), d
        assert best is not None
        lo_lat, hi_lat = best[0] - 2 * step_lat, best[0] + 2 * step_lat
        lo_lon, hi_lon = best[1] - 2 * step_lon, best[1] + 2 * step_lon
        n = 10
    assert best is not None
    return round(best[0], 5), round(best[1], 5)


class Map:
    def __init__(self, path: Path = BASEMAP) -> None:
        fc = json.loads(path.read_text(encoding="utf-8"))
        self.geom = {f["properties"]["name"]: f["geometry"] for f in fc["features"]}
        self.code = {f["properties"]["name"]: f["properties"]["code"] for f in fc["features"]}
        self.label = {name: label_point(g) for name, g in self.geom.items()}
        self.nudged: list[str] = []

    def place(self, what: str, district: str, lat: float, lon: float) -> tuple[float, float]:
        geom = self.geom[district]
        if comfortably_inside(lat, lon, geom):
            return round(lat, 6), round(lon, 6)
        tlat, tlon = self.label[district]
        dist = haversine_m(lat, lon, tlat, tlon)
        steps = max(1, int(dist // 100))
        for k in range(1, steps + 1):
            f = k / steps
            nlat, nlon = lat + (tlat - lat) * f, lon + (tlon - lon) * f
            if comfortably_inside(nlat, nlon, geom):
                moved = haversine_m(lat, lon, nlat, nlon)
                self.nudged.append(f"{what} ({district}) moved {moved:.0f} m")
                return round(nlat, 6), round(nlon, 6)
        raise AssertionError(f"cannot place {what} in {district}")

    def which(self, lat: float, lon: float) -> list[str]:
        return [name for name, g in self.geom.items() if point_in_geometry(lat, lon, g)]


from seed_tables import (  # noqa: E402  (run as a script: tools/ is on sys.path)
    CAMERAS,
    EXPERTS,
    FIRE_STATIONS,
    HAZARDS,
    MICRO_STATIONS,
    RISK_ZONES,
    SENSOR_UNIT,
    SENSORS,
    SHELTER_CAPACITY,
    SHELTERS,
    STOCKPILES,
    TEAMS,
    VEHICLES,
)

# --------------------------------------------------------------------------- builders

def _phone(n: int) -> str:
    # 021-6000-xxxx style numbers with zero padding: clearly invented, unlikely to reach anyone.
    return f"021-6000{n:04d}"


def _mobile(n: int) -> str:
    return f"1380000{n:04d}"


def build(m: Map) -> dict[str, list[dict]]:
    rng = random.Random(20260515)
    out: dict[str, list[dict]] = {}

    out["districts.json"] = [
        {"code": m.code[name], "name": name, "lat": m.label[name][0], "lon": m.label[name][1]}
        for name in sorted(m.geom, key=lambda n: m.code[n])
    ]

    resources: list[dict] = []

    def add(kind: str, prefix: str, rows: list[tuple], attrs_of) -> None:
        for i, row in enumerate(rows, start=1):
            name, district, lat, lon = row[:4]
            lat, lon = m.place(name, district, lat, lon)
            resources.append({
                "id": f"res-{prefix}-{i:03d}", "kind": kind, "name": name, "district": district,
                "lat": lat, "lon": lon, "sample": True, "attrs": attrs_of(i, row),
            })

    add("fire_station", "fs", FIRE_STATIONS, lambda i, r: {"engines": rng.randint(3, 8)})
    add("micro_fire_station", "mfs", MICRO_STATIONS, lambda i, r: {"staff": rng.randint(6, 15)})
    add("shelter", "sh", SHELTERS,
        lambda i, r: {"class": r[4], "capacity": rng.randrange(*SHELTER_CAPACITY[r[4]], 100)})

    def stock(i: int, r: tuple) -> dict:
        scale = {"city": 10, "district": 3, "street": 1}[r[4]]
        contents = {
            "沙袋": 2000 * scale * rng.randint(1, 3),
            "编织袋": 3000 * scale,
            "救生衣": 80 * scale * rng.randint(1, 3),
            "救生圈": 30 * scale,
            "抽水泵": 3 * scale * rng.randint(1, 2),
            "应急照明灯": 20 * scale,
            "帐篷": 10 * scale * rng.randint(1, 3),
            "折叠床": 40 * scale,
            "棉被": 100 * scale,
        }
        if r[4] != "street":
            contents["冲锋舟"] = scale // 2 + rng.randint(0, 2)
            contents["发电机"] = scale
        return {"level": r[4], "contents": contents}

    add("stockpile", "sp", STOCKPILES, stock)
    add("team", "tm", TEAMS,
        lambda i, r: {"type": r[4], "members": rng.randrange(15, 80, 5), "phone": _phone(100 + i)})
    add("expert", "ex", EXPERTS, lambda i, r: {"speciality": r[4], "phone": _mobile(200 + i)})

    def plate(i: int, r: tuple) -> dict:
        letters = "ABCDEFGHJKLMNPQRSTUVWXYZ"
        p = f"沪A·{rng.choice(letters)}{rng.randint(1000, 9999)}"
        return {"type": r[4], "plate": p}

    add("vehicle", "vh", VEHICLES, plate)
    out["resources.json"] = resources

    # Units: engines and crews parked at or near their stations, a few out on calls.
    stations = [r for r in resources if r["kind"] == "fire_station"]
    teams = {r["name"]: r for r in resources if r["kind"] == "team"}
    plan: list[tuple[str, dict, str]] = []
    for s in stations[:22]:
        plan.append(("fire_engine", s, "沪消-{place}-01"))
    for s in (stations[0], stations[3], stations[12], stations[21], stations[22]):
        plan.append(("ladder", s, "沪消-{place}-02"))
    for s in (stations[2], stations[14], stations[25]):
        plan.append(("rescue", s, "沪消-{place}-03"))
    plan.append(("hazmat", stations[25], "沪消-{place}-05"))
    plan.append(("ambulance", teams["市医疗急救中心 徐汇分站"], "徐汇120-1号车"))
    plan.append(("ambulance", teams["市医疗急救中心 嘉定分站"], "嘉定120-1号车"))
    plan.append(("police", stations[3], "徐汇110-1号车"))
    plan.append(("police", stations[21], "浦东110-1号车"))
    plan.append(("command", stations[21], "浦东指挥1号车"))
    plan.append(("command", stations[3], "徐汇指挥1号车"))
    plan.append(("boat", teams["黄浦江 水上救援队"], "黄浦江救援艇-01"))
    plan.append(("pump", teams["城投 防汛抢险队"], "城投排涝1号车"))
    plan.append(("pump", teams["浦东新区 防汛抢险队"], "浦东排涝1号车"))
    statuses = ["available"] * 30 + ["dispatched"] * 4 + ["on_scene"] * 3 + ["returning"] * 2 + ["out_of_service"]
    rng.shuffle(statuses)
    units = []
    for i, ((utype, base, pattern), status) in enumerate(zip(plan, statuses, strict=True), start=1):
        place = base["name"].split()[-1].removesuffix("站").removesuffix("队")
        callsign = pattern.format(place=place)
        # Parked units sit a few tens of metres from their base; units out on calls are farther.
        spread = 0.0004 if status in ("available", "out_of_service") else 0.012
        lat = base["lat"] + rng.uniform(-spread, spread)
        lon = base["lon"] + rng.uniform(-spread, spread)
        lat, lon = m.place(callsign, base["district"], lat, lon)
        units.append({
            "id": f"unit-{i:03d}", "callsign": callsign, "type": utype, "team": base["name"],
            "status": status, "lat": lat, "lon": lon,
            "issi": f"{3101000 + i * 7:07d}", "beidou_id": f"{4210000 + i * 13:07d}", "sample": True,
        })
    out["units.json"] = units

    cams = []
    for i, (name, district, lat, lon, target) in enumerate(CAMERAS, start=1):
        lat, lon = m.place(name, district, lat, lon)
        cams.append({"id": f"cam-{i:03d}", "name": name, "district": district, "lat": lat, "lon": lon,
                     "target": target, "url": "", "sample": True})
    out["cameras.json"] = cams

    sensors = []
    for i, (name, district, lat, lon, kind, threshold, value) in enumerate(SENSORS, start=1):
        lat, lon = m.place(name, district, lat, lon)
        sensors.append({"id": f"sen-{i:03d}", "name": name, "kind": kind, "district": district,
                        "lat": lat, "lon": lon, "unit": SENSOR_UNIT[kind], "threshold": threshold,
                        "value": value, "sample": True})
    out["sensors.json"] = sensors

    zones = []
    for i, (name, district, lat, lon, colour, kind, r_m) in enumerate(RISK_ZONES, start=1):
        # Shrink the margin by the radius so the whole polygon, not just its centre, stays inside.
        lat, lon = m.place(name, district, lat, lon)
        geom = m.geom[district]
        while True:
            poly = _blob(rng, lat, lon, r_m)
            if all(comfortably_inside(a, b, geom, margin=50.0) for a, b in poly):
                break
            r_m *= 0.8
            assert r_m > 40, name
        zones.append({"id": f"risk-{i:03d}", "name": name, "colour": colour, "district": district,
                      "kind": kind, "polygon": poly, "sample": True})
    out["risk_zones.json"] = zones

    hazards = []
    for i, (name, district, lat, lon, level, state, deadline) in enumerate(HAZARDS, start=1):
        lat, lon = m.place(name, district, lat, lon)
        hazards.append({"id": f"hz-{i:03d}", "name": name, "district": district, "lat": lat, "lon": lon,
                        "level": level, "state": state, "deadline": deadline, "sample": True})
    out["hazards.json"] = hazards

    out["incidents.json"] = _incidents(m)
    return out


def _blob(rng: random.Random, lat: float, lon: float, r_m: float) -> list[list[float]]:
    """An irregular octagon of radius ~r_m, closed, as [[lat, lon], ...]."""
    pts = []
    for k in range(8):
        a = 2 * math.pi * k / 8 + rng.uniform(-0.2, 0.2)
        r = r_m * rng.uniform(0.7, 1.0)
        pts.append([round(lat + r * math.sin(a) / _M_LAT, 6), round(lon + r * math.cos(a) / _M_LON, 6)])
    pts.append(pts[0])
    return pts


def _incidents(m: Map) -> list[dict]:
    rows = [
        {
            "id": "inc-sample-001",
            "title": "台风“烟花”外围暴雨致世纪大道下立交积水",
            "class": "natural", "type": "暴雨内涝", "level": 2, "status": "responding",
            "lat": 31.2285, "lon": 121.5302, "address": "世纪大道 下立交", "district": "浦东新区",
            "source": "12345", "reporter": "市民 陈先生", "callback": "13800000301",
            "deaths": 0, "injuries": 0, "missing": 0, "trapped": 2,
            "description": "下立交积水约 30 厘米并持续上涨，一辆小客车熄火，车内 2 人待援；泵站报泵组故障。",
            "warning_colour": "orange", "minutes_ago": 42,
        },
        {
            "id": "inc-sample-002",
            "title": "徐汇区漕河泾 燃气管道泄漏",
            "class": "accident", "type": "燃气泄漏", "level": 3, "status": "responding",
            "lat": 31.1715, "lon": 121.4000, "address": "漕河泾开发区 宜山路附近 施工路段",
            "district": "徐汇区", "source": "119", "reporter": "施工单位 安全员 赵工",
            "callback": "13800000302", "deaths": 0, "injuries": 0, "missing": 0, "trapped": 0,
            "description": "道路施工挖破中压燃气管，现场有明显气味；已疏散周边约 200 人，燃气抢修队在途。",
            "warning_colour": "", "minutes_ago": 18,
        },
        {
            "id": "inc-sample-003",
            "title": "杨浦区控江新村 电梯困人",
            "class": "accident", "type": "电梯困人", "level": 4, "status": "reported",
            "lat": 31.2748, "lon": 121.5228, "address": "控江新村 12号楼 1号电梯", "district": "杨浦区",
            "source": "terminal", "reporter": "电梯远程监测平台", "callback": "021-60000401",
            "deaths": 0, "injuries": 0, "missing": 0, "trapped": 3,
            "description": "电梯停于 7-8 层之间，轿厢内 3 人（含 1 名老人），维保单位已通知。",
            "warning_colour": "", "minutes_ago": 6,
        },
        {
            "id": "inc-sample-004",
            "title": "闵行区虹桥商务区 在建工地 脚手架局部坍塌",
            "class": "accident", "type": "建设工程事故", "level": 3, "status": "responding",
            "lat": 31.1962, "lon": 121.3158, "address": "虹桥商务区 某在建项目 3#楼", "district": "闵行区",
            "source": "110", "reporter": "现场工人 王某", "callback": "13800000304",
            "deaths": 0, "injuries": 4, "missing": 1, "trapped": 1,
            "description": "3#楼外脚手架局部坍塌，4 人受伤已送医，1 人被压待救，1 人下落不明；已停工。",
            "warning_colour": "", "minutes_ago": 75,
        },
        {
            "id": "inc-sample-005",
            "title": "金山区化学工业区 储罐区 危化品泄漏",
            "class": "accident", "type": "危险化学品泄漏", "level": 2, "status": "responding",
            "lat": 30.7852, "lon": 121.4095, "address": "化学工业区 某企业 储罐区 北侧", "district": "金山区",
            "source": "phone", "reporter": "企业 值班长 刘某", "callback": "13800000305",
            "deaths": 0, "injuries": 2, "missing": 0, "trapped": 0,
            "description": "储罐出料管法兰泄漏，疑似丙烯腈，2 名操作工吸入不适；企业已启动应急预案，下风向疏散中。",
            "warning_colour": "orange", "minutes_ago": 30,
        },
    ]
    for r in rows:
        r["lat"], r["lon"] = m.place(r["title"], r["district"], r["lat"], r["lon"])
        r["sample"] = True
    return rows


def dump(records: list[dict]) -> str:
    # One record per line: small diffs and easy to read by eye.
    lines = [json.dumps(r, ensure_ascii=False, separators=(", ", ": ")) for r in records]
    return "[\n" + ",\n".join("  " + line for line in lines) + "\n]\n"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--check", action="store_true", help="compare with the files on disk, write nothing")
    ap.add_argument("--verbose", action="store_true", help="list the points that had to be nudged")
    args = ap.parse_args(argv)
    m = Map()
    data = build(m)
    stale = []
    for fname, records in data.items():
        text = dump(records)
        path = SEED / fname
        if args.check:
            if not path.exists() or path.read_text(encoding="utf-8") != text:
                stale.append(fname)
        else:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8")
            print(f"{path.relative_to(ROOT)}: {len(records)} records")
    if args.verbose or not args.check:
        print(f"{len(m.nudged)} points nudged inside their district")
        if args.verbose:
            for line in m.nudged:
                print("  " + line)
    if stale:
        print("stale: " + ", ".join(stale))
        return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
