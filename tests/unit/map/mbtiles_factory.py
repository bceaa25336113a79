"""Builds tiny real MBTiles files for tests: every tile's blob names its own XYZ address."""
from __future__ import annotations

import sqlite3
from pathlib import Path


def tile_blob(z: int, x: int, y: int) -> bytes:
    # A PNG signature keeps format sniffing honest; the tail makes each tile distinct.
    return b"\x89PNG\r\n\x1a\n" + f"tile z={z} x={x} y={y}".encode()


def make_mbtiles(path: Path, zooms: range = range(0, 3), name: str = "Test tiles", fmt: str | None = "png") -> Path:
    con = sqlite3.connect(path)
    with con:
        con.execute("CREATE TABLE metadata (name TEXT, value TEXT)")
        con.execute("CREATE TABLE tiles (zoom_level INTEGER, tile_column INTEGER, tile_row INTEGER, tile_data BLOB)")
        meta = {"name": name, "minzoom": str(min(zooms)), "maxzoom": str(max(zooms)),
                "bounds": "120.8,30.6,122.2,31.9"}
        if fmt:
            meta["format"] = fmt
        con.executemany("INSERT INTO metadata VALUES (?, ?)", meta.items())
        for z in zooms:
            for x in range(1 << z):
                for y in range(1 << z):
                    tms_row = (1 << z) - 1 - y
                    con.execute("INSERT INTO tiles VALUES (?, ?, ?, ?)", (z, x, tms_row, tile_blob(z, x, y)))
    con.close()
    return path
