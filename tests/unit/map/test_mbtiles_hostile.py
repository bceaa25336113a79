"""Damaged and hostile MBTiles files: each is refused (or its tiles are) with a message, quickly."""
from __future__ import annotations

import logging
import sqlite3
import time

import pytest

from console.map.basemaps import BasemapRegistry
from console.map.mbtiles import MAX_TILE_BYTES, MbtilesError, TileReader, validate_mbtiles
from tests.unit.map.mbtiles_factory import (
    make_mbtiles,
    make_recursive_metadata_view,
    make_recursive_tiles_view,
    make_text_minzoom,
    make_tile_data,
    make_zeroblob_tile,
)

BAD_FILES = {
    "text-minzoom": (make_text_minzoom, "minzoom"),
    "null-tile": (lambda p: make_tile_data(p, None), "null"),
    "integer-tile": (lambda p: make_tile_data(p, 3_000_000_000), "integer"),
    "text-tile": (lambda p: make_tile_data(p, "not an image"), "text"),
    "huge-tile": (lambda p: make_zeroblob_tile(p, MAX_TILE_BYTES + 1), "bytes"),
    "endless-metadata": (make_recursive_metadata_view, "longer than"),
    "endless-tiles": (make_recursive_tiles_view, "longer than"),
}


@pytest.mark.parametrize("kind", sorted(BAD_FILES))
def test_bad_archive_is_refused_with_a_message_in_bounded_time(tmp_path, kind):
    build, needle = BAD_FILES[kind]
    path = build(tmp_path / f"{kind}.mbtiles")
    started = time.monotonic()
    with pytest.raises(MbtilesError, match=needle):
        validate_mbtiles(path, seconds=0.3)
    assert time.monotonic() - started < 5


def test_metadata_values_are_bounded_and_one_line(tmp_path):
    path = make_mbtiles(tmp_path / "t.mbtiles", name="A\nB\u202e" + "x" * 10_000)
    info = validate_mbtiles(path)
    assert "\n" not in info.name and "\u202e" not in info.name
    assert len(info.name) <= 120


@pytest.mark.allow_warning_logs
def test_registry_skips_each_bad_archive_and_keeps_the_good_one(tmp_path, caplog):
    make_mbtiles(tmp_path / "good.mbtiles", name="Good")
    for kind, (build, _) in BAD_FILES.items():
        build(tmp_path / f"{kind}.mbtiles")
    with caplog.at_level(logging.WARNING, logger="console.map.basemaps"):
        reg = BasemapRegistry(tiles_dir=tmp_path, districts_geojson=tmp_path / "d.geojson")
    titles = [b.title for b in reg.basemaps() if b.kind == "mbtiles"]
    assert titles == ["Good"]
    assert len(reg.skipped) == len(BAD_FILES)
    assert all(f"{kind}.mbtiles" in " ".join(reg.skipped) for kind in BAD_FILES)
    assert sum("basemap skipped" in r.getMessage() for r in caplog.records) == len(BAD_FILES)


def test_reader_refuses_non_blob_and_oversized_tiles(tmp_path):
    reader = TileReader()
    try:
        assert reader.read(make_tile_data(tmp_path / "n.mbtiles", None), 0, 0, 0) is None
        assert reader.read(make_tile_data(tmp_path / "i.mbtiles", 3_000_000_000), 0, 0, 0) is None
        assert reader.read(make_zeroblob_tile(tmp_path / "z.mbtiles", MAX_TILE_BYTES + 1), 0, 0, 0) is None
    finally:
        reader.close()


def test_reader_gives_up_on_an_endless_view(tmp_path):
    # The checks pass (the zooms are in the metadata), so only a tile lookup meets the endless view.
    path = make_recursive_tiles_view(tmp_path / "v.mbtiles", zooms_in_metadata=True)
    validate_mbtiles(path)
    reader = TileReader(seconds=0.2)
    started = time.monotonic()
    try:
        with pytest.raises(sqlite3.OperationalError, match="interrupted"):
            reader.read(path, 3, 1, 1)
    finally:
        reader.close()
    assert time.monotonic() - started < 5
