"""PMTiles and vector MBTiles as basemaps: listed, read, and refused in plain words when broken."""
from __future__ import annotations

import gzip

import pytest

from console.map.basemaps import BasemapRegistry
from console.map.vector_tiles import PmtilesError, PmtilesReader, validate_pmtiles
from tests.unit.map.mbtiles_factory import make_mbtiles
from tests.unit.map.pmtiles_factory import make_pmtiles, mvt_half_land


@pytest.mark.allow_warning_logs
def test_registry_lists_pmtiles_beside_raster_mbtiles(tmp_path, caplog):
    make_mbtiles(tmp_path / "raster.mbtiles", zooms=range(0, 2))
    make_pmtiles(tmp_path / "shanghai.pmtiles")
    (tmp_path / "broken.pmtiles").write_bytes(b"PMTiles\x03" + b"\x00" * 10)
    maps = BasemapRegistry(tiles_dir=tmp_path).basemaps()
    assert [b.kind for b in maps] == ["vector", "mbtiles", "vectortiles"]
    pm = maps[-1]
    assert pm.title == "测试矢量底图" and pm.url == f"tiles://{pm.id}/{{z}}/{{x}}/{{y}}.mvt"
    assert pm.bounds == pytest.approx((121.0, 30.7, 122.0, 31.9)) and (pm.minzoom, pm.maxzoom) == (0, 12)
    assert [r.getMessage() for r in caplog.records if "broken.pmtiles" in r.getMessage()]  # skipped, said why


def test_tiles_come_out_decompressed_and_missing_ones_as_none(tmp_path):
    path = make_pmtiles(tmp_path / "s.pmtiles")
    reader = PmtilesReader()
    try:
        assert reader.read(path, 0, 0, 0) == mvt_half_land()
        assert reader.read(path, 12, 0, 0) is None  # outside the extract
    finally:
        reader.close()


@pytest.mark.parametrize(("content", "words"), [
    (b"not a tile archive at all, just text" * 5, "not a PMTiles archive"),
    (b"PMTiles\x02" + b"\x00" * 200, "version other than 3"),
    (b"PMTi", "not a PMTiles archive"),
])
def test_bad_archives_are_refused_in_plain_words(tmp_path, content, words):
    path = tmp_path / "bad.pmtiles"
    path.write_bytes(content)
    with pytest.raises(PmtilesError, match=words):
        validate_pmtiles(path)


def test_a_vector_mbtiles_is_a_vector_basemap(tmp_path):
    import sqlite3

    path = tmp_path / "v.mbtiles"
    con = sqlite3.connect(path)
    con.executescript("CREATE TABLE metadata (name TEXT, value TEXT);"
                      "CREATE TABLE tiles (zoom_level INT, tile_column INT, tile_row INT, tile_data BLOB);")
    con.executemany("INSERT INTO metadata VALUES (?, ?)", [("name", "v"), ("format", "pbf")])
    con.execute("INSERT INTO tiles VALUES (0, 0, 0, ?)", (gzip.compress(mvt_half_land()),))
    con.commit()
    con.close()
    [_, v] = BasemapRegistry(tiles_dir=tmp_path).basemaps()
    assert v.kind == "vectortiles" and v.url.endswith(".mvt")


def test_a_truncated_archive_is_refused(tmp_path):
    whole = make_pmtiles(tmp_path / "whole.pmtiles").read_bytes()
    cut = tmp_path / "cut.pmtiles"
    cut.write_bytes(whole[:140])  # the header, and half a directory
    with pytest.raises(PmtilesError, match="cannot be read"):
        validate_pmtiles(cut)


def test_a_pmtiles_extract_is_imported_and_a_bad_one_refused(tmp_path):
    from console.map.mbtiles import MbtilesError, import_mbtiles

    dest = tmp_path / "basemaps"
    src = make_pmtiles(tmp_path / "shanghai.pmtiles")
    info = import_mbtiles(src, dest, lambda done, total: None, lambda: False)
    assert info.path == dest / "shanghai.pmtiles" and info.path.read_bytes() == src.read_bytes()
    bad = tmp_path / "bad.pmtiles"
    bad.write_bytes(b"not tiles" * 20)
    with pytest.raises(MbtilesError, match="not a PMTiles archive"):
        import_mbtiles(bad, dest, lambda done, total: None, lambda: False)
    assert sorted(p.name for p in dest.iterdir()) == ["shanghai.pmtiles"]
