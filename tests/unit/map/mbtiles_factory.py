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


def _bare(path: Path, meta: dict[str, object], tiles_sql: str | None = None, metadata_sql: str | None = None) -> Path:
    con = sqlite3.connect(path)
    with con:
        con.execute(metadata_sql or "CREATE TABLE metadata (name TEXT, value TEXT)")
        con.execute(tiles_sql or "CREATE TABLE tiles (zoom_level INTEGER, tile_column INTEGER, tile_row INTEGER, tile_data BLOB)")
        if metadata_sql is None:
            con.executemany("INSERT INTO metadata VALUES (?, ?)", meta.items())
    con.close()
    return path


_GOOD_META = {"name": "Bad", "format": "png", "minzoom": "0", "maxzoom": "2"}


def make_text_minzoom(path: Path) -> Path:
    make_mbtiles(path)
    con = sqlite3.connect(path)
    with con:
        con.execute("UPDATE metadata SET value = 'low' WHERE name = 'minzoom'")
    con.close()
    return path


def make_tile_data(path: Path, value: object) -> Path:
    """One tile whose tile_data is `value`: NULL, an integer, text ..."""
    _bare(path, _GOOD_META)
    con = sqlite3.connect(path)
    with con:
        con.execute("INSERT INTO tiles VALUES (0, 0, 0, ?)", (value,))
    con.close()
    return path


def make_zeroblob_tile(path: Path, size: int) -> Path:
    """A tile of `size` bytes stored without writing them (zeroblob): a huge row in a tiny file."""
    _bare(path, _GOOD_META)
    con = sqlite3.connect(path)
    with con:
        con.execute("INSERT INTO tiles VALUES (0, 0, 0, zeroblob(?))", (size,))
    con.close()
    return path


_ENDLESS = "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n)"


def make_recursive_metadata_view(path: Path) -> Path:
    """`metadata` is a view that counts for ever and never yields a row: even `LIMIT 1` waits for ever."""
    return _bare(path, {}, metadata_sql=f"CREATE VIEW metadata AS {_ENDLESS} "
                 "SELECT 'k' || i AS name, 'v' AS value FROM n WHERE i < 0")


def make_recursive_tiles_view(path: Path, zooms_in_metadata: bool = False) -> Path:
    """`tiles` is a view that never ends. Without zooms in the metadata, finding them scans it for
    ever; with them, the file passes the checks and only a lookup by tile address runs for ever."""
    sql = (f"CREATE VIEW tiles AS {_ENDLESS} SELECT i % 20 AS zoom_level, i % 13 AS tile_column, "
           "i % 11 + 1000 AS tile_row, x'89504e470d0a1a0a' AS tile_data FROM n")
    meta = dict(_GOOD_META) if zooms_in_metadata else {"name": "Bad", "format": "png"}
    return _bare(path, meta, tiles_sql=sql)
