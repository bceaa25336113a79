"""Small PMTiles archives for tests: vector (MVT) tiles written with the `pmtiles` library.

The MVT bytes are encoded here by hand (a few protobuf fields, per the Mapbox Vector Tile 2.1
spec): one "earth" layer whose polygon covers the western half of every tile, so a rendered map
shows land and background side by side."""
from __future__ import annotations

import gzip
from pathlib import Path

from pmtiles.tile import Compression, TileType, zxy_to_tileid
from pmtiles.writer import Writer

EXTENT = 4096


def _varint(n: int) -> bytes:
    out = bytearray()
    while True:
        b = n & 0x7F
        n >>= 7
        out.append(b | (0x80 if n else 0))
        if not n:
            return bytes(out)


def _field(num: int, wire: int, payload: bytes | int) -> bytes:
    key = _varint(num << 3 | wire)
    if wire == 0:
        return key + _varint(int(payload))
    return key + _varint(len(payload)) + payload  # type: ignore[arg-type]


def _zigzag(n: int) -> int:
    return (n << 1) ^ (n >> 31)


def _polygon(points: list[tuple[int, int]]) -> bytes:
    """MoveTo the first point, LineTo the rest, ClosePath; packed uint32 command integers."""
    cmds, (cx, cy) = [1 | 1 << 3, _zigzag(points[0][0]), _zigzag(points[0][1])], points[0]
    cmds.append(2 | (len(points) - 1) << 3)
    for x, y in points[1:]:
        cmds += [_zigzag(x - cx), _zigzag(y - cy)]
        cx, cy = x, y
    cmds.append(7 | 1 << 3)
    return b"".join(_varint(c) for c in cmds)


def mvt_half_land() -> bytes:
    # Clockwise in tile coordinates (y down): the exterior ring of a polygon.
    ring = [(0, 0), (EXTENT // 2, 0), (EXTENT // 2, EXTENT), (0, EXTENT)]
    feature = _field(1, 0, 1) + _field(3, 0, 3) + _field(4, 2, _polygon(ring))
    layer = _field(15, 0, 2) + _field(1, 2, b"earth") + _field(2, 2, feature) + _field(5, 0, EXTENT)
    return _field(3, 2, layer)


def make_pmtiles(path: Path, zooms: range = range(0, 13), bounds=(121.0, 30.7, 122.0, 31.9)) -> Path:
    """Every tile of `zooms` that touches `bounds` (west, south, east, north), gzip-compressed MVT."""
    import math

    def tile_xy(lon: float, lat: float, z: int) -> tuple[int, int]:
        n = 1 << z
        x = int((lon + 180) / 360 * n)
        y = int((1 - math.asinh(math.tan(math.radians(lat))) / math.pi) / 2 * n)
        return min(x, n - 1), min(y, n - 1)

    data = gzip.compress(mvt_half_land(), mtime=0)
    entries = []
    for z in zooms:
        (x0, y0), (x1, y1) = tile_xy(bounds[0], bounds[3], z), tile_xy(bounds[2], bounds[1], z)
        entries += [zxy_to_tileid(z, x, y) for x in range(x0, x1 + 1) for y in range(y0, y1 + 1)]
    with open(path, "wb") as fh:
        w = Writer(fh)
        for tid in sorted(entries):
            w.write_tile(tid, data)
        w.finalize({"tile_type": TileType.MVT, "tile_compression": Compression.GZIP,
                    "min_lon_e7": int(bounds[0] * 1e7), "min_lat_e7": int(bounds[1] * 1e7),
                    "max_lon_e7": int(bounds[2] * 1e7), "max_lat_e7": int(bounds[3] * 1e7),
                    "center_zoom": zooms[0], "center_lon_e7": int((bounds[0] + bounds[2]) / 2 * 1e7),
                    "center_lat_e7": int((bounds[1] + bounds[3]) / 2 * 1e7)},
                   {"name": "测试矢量底图", "attribution": "© test <b>data</b>",
                    "vector_layers": [{"id": "earth", "fields": {}}]})
    return path
