"""The console starts, as a user starts it, with a basemaps folder full of damaged MBTiles files."""
from __future__ import annotations

import pytest

from console.map.mbtiles import MAX_TILE_BYTES
from tests.integration.test_app_start import _start_and_stop
from tests.unit.map.mbtiles_factory import (
    make_mbtiles,
    make_recursive_metadata_view,
    make_recursive_tiles_view,
    make_text_minzoom,
    make_tile_data,
    make_zeroblob_tile,
)


# A whole start of the console, and two archives that each use up their time limit: on a loaded
# machine this can take longer than the suite's usual two minutes.
@pytest.mark.timeout(300)
def test_console_starts_past_every_bad_basemap(tmp_path):
    tiles = tmp_path / "basemaps"
    tiles.mkdir()
    make_mbtiles(tiles / "good.mbtiles")
    make_text_minzoom(tiles / "text-minzoom.mbtiles")
    make_tile_data(tiles / "null-tile.mbtiles", None)
    make_tile_data(tiles / "integer-tile.mbtiles", 3_000_000_000)
    make_zeroblob_tile(tiles / "huge-tile.mbtiles", MAX_TILE_BYTES + 1)
    make_recursive_metadata_view(tiles / "endless-metadata.mbtiles")
    make_recursive_tiles_view(tiles / "endless-tiles.mbtiles")
    (tiles / "not-sqlite.mbtiles").write_bytes(b"\x00" * 100)
    # Started and stopped as a user would; it checks the exit status and that no traceback was logged.
    logged = _start_and_stop("--db", str(tmp_path / "console.db"), "--demo", tmp_path=tmp_path)
    for name in ("text-minzoom", "null-tile", "integer-tile", "huge-tile", "endless-metadata", "endless-tiles",
                 "not-sqlite"):
        assert f"{name}.mbtiles" in logged, name
