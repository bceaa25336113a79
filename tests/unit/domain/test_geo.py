"""console.domain.geo against published reference points and its own round trip."""
from __future__ import annotations

import math

import pytest

from console.domain.geo import (
    bbox,
    gcj02_to_wgs84,
    haversine_m,
    out_of_china,
    point_in_geometry,
    point_in_polygon,
    wgs84_to_gcj02,
)

# (WGS-84, GCJ-02) pairs from the eviltransform test suite, shared by most ports of the algorithm.
EVILTRANSFORM_PAIRS = [
    ((31.1774276, 121.5272106), (31.17530398364597, 121.531541859215)),  # Shanghai
    ((22.543847, 113.912316), (22.540796131694766, 113.9171764808363)),  # Shenzhen
    ((39.911954, 116.377817), (39.91334545536069, 116.38404722455657)),  # Beijing
]


@pytest.mark.parametrize(("wgs", "gcj"), EVILTRANSFORM_PAIRS)
def test_wgs84_to_gcj02_matches_reference(wgs, gcj):
    lat, lon = wgs84_to_gcj02(*wgs)
    assert lat == pytest.approx(gcj[0], abs=1e-9)
    assert lon == pytest.approx(gcj[1], abs=1e-9)


@pytest.mark.parametrize(("wgs", "gcj"), EVILTRANSFORM_PAIRS)
def test_gcj02_to_wgs84_recovers_reference_within_half_a_metre(wgs, gcj):
    lat, lon = gcj02_to_wgs84(*gcj)
    assert haversine_m(lat, lon, *wgs) < 0.5


def test_offset_in_shanghai_is_a_few_hundred_metres_south_east():
    # People's Square: GCJ-02 sits about 0.002 deg south and 0.0045 deg east of WGS-84 here.
    wlat, wlon = 31.2304, 121.4737
    glat, glon = wgs84_to_gcj02(wlat, wlon)
    assert -0.0030 < glat - wlat < -0.0015
    assert 0.0035 < glon - wlon < 0.0055
    assert 400 < haversine_m(wlat, wlon, glat, glon) < 600


def test_round_trip_error_below_half_a_metre_across_shanghai():
    worst = 0.0
    steps = 25
    for i in range(steps + 1):
        for j in range(steps + 1):
            lat = 30.65 + (31.90 - 30.65) * i / steps
            lon = 120.85 + (122.00 - 120.85) * j / steps
            back = gcj02_to_wgs84(*wgs84_to_gcj02(lat, lon))
            worst = max(worst, haversine_m(lat, lon, *back))
            again = wgs84_to_gcj02(*gcj02_to_wgs84(lat, lon))
            worst = max(worst, haversine_m(lat, lon, *again))
    assert worst < 0.5


@pytest.mark.parametrize(
    ("lat", "lon"),
    [
        (51.5074, -0.1278),  # London
        (35.6762, 139.6503),  # Tokyo: east of the box
        (-33.8688, 151.2093),  # Sydney
        (60.0, 100.0),  # north of the box
        (0.5, 110.0),  # south of the box
    ],
)
def test_points_out_of_china_pass_through_unchanged(lat, lon):
    assert out_of_china(lat, lon)
    assert wgs84_to_gcj02(lat, lon) == (lat, lon)
    assert gcj02_to_wgs84(lat, lon) == (lat, lon)


def test_shanghai_is_in_china():
    assert not out_of_china(31.23, 121.47)


def test_haversine_known_distances():
    assert haversine_m(31.2, 121.4, 31.2, 121.4) == 0.0
    # One degree of latitude on the mean-radius sphere.
    assert haversine_m(31.0, 121.0, 32.0, 121.0) == pytest.approx(math.pi * 6_371_008.8 / 180, rel=1e-12)
    # eviltransform's Shanghai-Beijing check (1,078,164 m on a 6,378,137 m sphere), rescaled to the mean radius.
    sh = EVILTRANSFORM_PAIRS[0][1]
    bj = EVILTRANSFORM_PAIRS[2][1]
    assert haversine_m(*sh, *bj) == pytest.approx(1_078_164 * 6_371_008.8 / 6_378_137, abs=5)
    assert haversine_m(*sh, *bj) == pytest.approx(haversine_m(*bj, *sh))


SQUARE = [(31.0, 121.0), (31.0, 121.1), (31.1, 121.1), (31.1, 121.0)]
# A U shape: the notch between the arms is outside.
U_SHAPE = [(0, 0), (0, 3), (3, 3), (3, 2), (1, 2), (1, 1), (3, 1), (3, 0)]


def test_point_in_polygon():
    assert point_in_polygon(31.05, 121.05, SQUARE)
    assert point_in_polygon(31.05, 121.05, [*SQUARE, SQUARE[0]])
    assert not point_in_polygon(31.2, 121.05, SQUARE)
    assert not point_in_polygon(31.05, 120.99, SQUARE)
    assert point_in_polygon(2, 0.5, U_SHAPE)
    assert point_in_polygon(2, 2.5, U_SHAPE)
    assert not point_in_polygon(2, 1.5, U_SHAPE)
    assert point_in_polygon(0.5, 1.5, U_SHAPE)
    assert not point_in_polygon(0, 0, [(0, 0), (1, 1)])


def test_point_in_geometry_reads_lon_lat_and_honours_holes():
    outer = [[121.0, 31.0], [121.4, 31.0], [121.4, 31.4], [121.0, 31.4], [121.0, 31.0]]
    hole = [[121.1, 31.1], [121.3, 31.1], [121.3, 31.3], [121.1, 31.3], [121.1, 31.1]]
    poly = {"type": "Polygon", "coordinates": [outer, hole]}
    assert point_in_geometry(31.05, 121.05, poly)
    assert not point_in_geometry(31.2, 121.2, poly)
    assert not point_in_geometry(31.05, 121.5, poly)
    far = [[122.0, 32.0], [122.1, 32.0], [122.1, 32.1], [122.0, 32.0]]
    multi = {"type": "MultiPolygon", "coordinates": [[outer, hole], [far]]}
    assert point_in_geometry(32.02, 122.05, multi)
    assert not point_in_geometry(31.2, 121.2, multi)
    with pytest.raises(ValueError):
        point_in_geometry(0, 0, {"type": "Point", "coordinates": [0, 0]})


def test_bbox():
    assert bbox(SQUARE) == (31.0, 121.0, 31.1, 121.1)
    assert bbox(iter([(5, 6)])) == (5, 6, 5, 6)
    assert bbox([(1, 9), (3, 2), (-1, 4)]) == (-1, 2, 3, 9)
    with pytest.raises(ValueError):
        bbox([])
