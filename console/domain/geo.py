"""Geography helpers: distances, GCJ-02 <-> WGS-84, point-in-polygon, bounding boxes.

The console stores every coordinate as WGS-84 (what GNSS and BeiDou terminals report). Chinese web
maps and many Chinese datasets use GCJ-02, which is WGS-84 pushed by a deliberate, smooth offset
(about 500 m in Shanghai), so conversion happens at the edges with the functions below.

Points are ``(lat, lon)`` in decimal degrees throughout, matching the rest of the console. GeoJSON
stores ``[lon, lat]``; ``point_in_geometry`` is the one place that reads that order.
"""
from __future__ import annotations

import math
from collections.abc import Iterable, Sequence

__all__ = [
    "EARTH_RADIUS_M",
    "bbox",
    "gcj02_to_wgs84",
    "haversine_m",
    "out_of_china",
    "point_in_geometry",
    "point_in_polygon",
    "wgs84_to_gcj02",
]

# Mean radius, the usual choice for haversine; the error against the ellipsoid stays below 0.5%.
EARTH_RADIUS_M = 6_371_008.8

# The GCJ-02 offset is defined on the Krasovsky 1940 ellipsoid; these two constants are part of the
# published algorithm and must not be "corrected" to WGS-84 values.
_KRASOVSKY_A = 6_378_245.0
_KRASOVSKY_EE = 0.00669342162296594323


def haversine_m(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in metres."""
    p1 = math.radians(lat1)
    p2 = math.radians(lat2)
    dp = p2 - p1
    dl = math.radians(lon2 - lon1)
    h = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    # min() guards against h creeping above 1 by rounding for antipodal points.
    return 2 * EARTH_RADIUS_M * math.asin(min(1.0, math.sqrt(h)))


def out_of_china(lat: float, lon: float) -> bool:
    """True outside the rough rectangle where the GCJ-02 offset is applied.

    This is the coarse box every reference implementation (eviltransform, coordtransform) uses;
    matching it matters more than being geographically exact, since Chinese map providers use the
    same box to decide whether to shift.
    """
    return not (72.004 <= lon <= 137.8347 and 0.8293 <= lat <= 55.8271)


def _transform_lat(x: float, y: float) -> float:
    ret = -100.0 + 2.0 * x + 3.0 * y + 0.2 * y * y + 0.1 * x * y + 0.2 * math.sqrt(abs(x))
    ret += (20.0 * math.sin(6.0 * x * math.pi) + 20.0 * math.sin(2.0 * x * math.pi)) * 2.0 / 3.0
    ret += (20.0 * math.sin(y * math.pi) + 40.0 * math.sin(y / 3.0 * math.pi)) * 2.0 / 3.0
    ret += (160.0 * math.sin(y / 12.0 * math.pi) + 320.0 * math.sin(y * math.pi / 30.0)) * 2.0 / 3.0
    return ret


def _transform_lon(x: float, y: float) -> float:
    ret = 300.0 + x + 2.0 * y + 0.1 * x * x + 0.1 * x * y + 0.1 * math.sqrt(abs(x))
    ret += (20.0 * math.sin(6.0 * x * math.pi) + 20.0 * math.sin(2.0 * x * math.pi)) * 2.0 / 3.0
    ret += (20.0 * math.sin(x * math.pi) + 40.0 * math.sin(x / 3.0 * math.pi)) * 2.0 / 3.0
    ret += (150.0 * math.sin(x / 12.0 * math.pi) + 300.0 * math.sin(x / 30.0 * math.pi)) * 2.0 / 3.0
    return ret


def _gcj_delta(lat: float, lon: float) -> tuple[float, float]:
    dlat = _transform_lat(lon - 105.0, lat - 35.0)
    dlon = _transform_lon(lon - 105.0, lat - 35.0)
    radlat = math.radians(lat)
    magic = 1 - _KRASOVSKY_EE * math.sin(radlat) ** 2
    sqrtmagic = math.sqrt(magic)
    dlat = (dlat * 180.0) / ((_KRASOVSKY_A * (1 - _KRASOVSKY_EE)) / (magic * sqrtmagic) * math.pi)
    dlon = (dlon * 180.0) / (_KRASOVSKY_A / sqrtmagic * math.cos(radlat) * math.pi)
    return dlat, dlon


def wgs84_to_gcj02(lat: float, lon: float) -> tuple[float, float]:
    """WGS-84 to GCJ-02. Points outside China come back unchanged."""
    if out_of_china(lat, lon):
        return lat, lon
    dlat, dlon = _gcj_delta(lat, lon)
    return lat + dlat, lon + dlon


# 1e-9 degrees is about 0.1 mm: far below what any caller can use, and still reached in a few steps.
_INVERSE_TOLERANCE_DEG = 1e-9
_INVERSE_MAX_STEPS = 30


def gcj02_to_wgs84(lat: float, lon: float) -> tuple[float, float]:
    """GCJ-02 to WGS-84 by fixed-point iteration on the forward transform.

    The one-step inverse most libraries ship is off by 1-2 m; iterating makes the round trip exact to
    well under a millimetre, because the offset varies slowly (its Jacobian is close to the identity).
    Points outside China come back unchanged.
    """
    if out_of_china(lat, lon):
        return lat, lon
    wlat, wlon = lat, lon
    for _ in range(_INVERSE_MAX_STEPS):
        glat, glon = wgs84_to_gcj02(wlat, wlon)
        elat, elon = glat - lat, glon - lon
        wlat -= elat
        wlon -= elon
        if abs(elat) < _INVERSE_TOLERANCE_DEG and abs(elon) < _INVERSE_TOLERANCE_DEG:
            break
    return wlat, wlon


def point_in_polygon(lat: float, lon: float, ring: Sequence[Sequence[float]]) -> bool:
    """Even-odd ray casting on a ring of ``(lat, lon)`` vertices; closing the ring is optional.

    Points exactly on an edge may fall either way, which is fine for map hit-testing.
    """
    inside = False
    n = len(ring)
    if n < 3:
        return False
    j = n - 1
    for i in range(n):
        yi, xi = ring[i][0], ring[i][1]
        yj, xj = ring[j][0], ring[j][1]
        if (yi > lat) != (yj > lat):
            x_cross = xi + (lat - yi) * (xj - xi) / (yj - yi)
            if lon < x_cross:
                inside = not inside
        j = i
    return inside


def _in_geojson_polygon(lat: float, lon: float, rings: Sequence[Sequence[Sequence[float]]]) -> bool:
    if not rings:
        return False
    outer = [(p[1], p[0]) for p in rings[0]]
    if not point_in_polygon(lat, lon, outer):
        return False
    return not any(point_in_polygon(lat, lon, [(p[1], p[0]) for p in hole]) for hole in rings[1:])


def point_in_geometry(lat: float, lon: float, geometry: dict) -> bool:
    """Whether a point lies in a GeoJSON ``Polygon`` or ``MultiPolygon`` (``[lon, lat]`` order,
    holes honoured)."""
    kind = geometry.get("type")
    coords = geometry.get("coordinates") or []
    if kind == "Polygon":
        return _in_geojson_polygon(lat, lon, coords)
    if kind == "MultiPolygon":
        return any(_in_geojson_polygon(lat, lon, poly) for poly in coords)
    raise ValueError(f"unsupported geometry type {kind!r}")


def bbox(points: Iterable[Sequence[float]]) -> tuple[float, float, float, float]:
    """``(min_lat, min_lon, max_lat, max_lon)`` of ``(lat, lon)`` points; ValueError when empty."""
    it = iter(points)
    try:
        first = next(it)
    except StopIteration:
        raise ValueError("bbox of no points") from None
    min_lat = max_lat = first[0]
    min_lon = max_lon = first[1]
    for p in it:
        lat, lon = p[0], p[1]
        if lat < min_lat:
            min_lat = lat
        elif lat > max_lat:
            max_lat = lat
        if lon < min_lon:
            min_lon = lon
        elif lon > max_lon:
            max_lon = lon
    return min_lat, min_lon, max_lat, max_lon
