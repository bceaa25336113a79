from __future__ import annotations

import sqlite3

import pytest

from console.map.mbtiles import ImportCancelled, MbtilesError, import_mbtiles, read_tile, validate_mbtiles
from tests.unit.map.mbtiles_factory import make_mbtiles, tile_blob


def test_read_tile_flips_xyz_row_to_tms(tmp_path):
    path = make_mbtiles(tmp_path / "t.mbtiles")
    for z, x, y in [(0, 0, 0), (1, 0, 0), (1, 0, 1), (1, 1, 0), (2, 3, 0), (2, 1, 2)]:
        assert read_tile(path, z, x, y) == tile_blob(z, x, y)
    # Row 0 in XYZ (north) is the last TMS row, so the two must differ for z>0.
    assert read_tile(path, 1, 0, 0) != read_tile(path, 1, 0, 1)


def test_missing_or_out_of_range_tile_is_none(tmp_path):
    path = make_mbtiles(tmp_path / "t.mbtiles", zooms=range(0, 2))
    assert read_tile(path, 5, 0, 0) is None
    assert read_tile(path, 1, 2, 0) is None
    assert read_tile(path, -1, 0, 0) is None


def test_validate_describes_archive(tmp_path):
    info = validate_mbtiles(make_mbtiles(tmp_path / "t.mbtiles", zooms=range(0, 3), name="上海底图"))
    assert (info.name, info.format, info.minzoom, info.maxzoom) == ("上海底图", "png", 0, 2)
    assert info.bounds == (120.8, 30.6, 122.2, 31.9)
    assert info.mime == "image/png"


def test_format_is_sniffed_when_metadata_lacks_it(tmp_path):
    assert validate_mbtiles(make_mbtiles(tmp_path / "t.mbtiles", fmt=None)).format == "png"


@pytest.mark.parametrize(
    ("content", "needle"),
    [
        (b"hello, this is a text file\n" * 10, "not an SQLite database"),
        (b"SQLite format 3\x00" + b"\x00" * 200, "corrupt"),
        (b"", "not an SQLite database"),
    ],
)
def test_non_mbtiles_files_are_refused_clearly(tmp_path, content, needle):
    bad = tmp_path / "bad.mbtiles"
    bad.write_bytes(content)
    with pytest.raises(MbtilesError, match=needle):
        validate_mbtiles(bad)


def test_sqlite_without_mbtiles_tables_is_refused(tmp_path):
    path = tmp_path / "other.sqlite"
    con = sqlite3.connect(path)
    con.execute("CREATE TABLE notes (x)")
    con.commit()
    con.close()
    with pytest.raises(MbtilesError, match="missing table metadata, tiles"):
        validate_mbtiles(path)


def test_import_copies_with_progress(tmp_path):
    src = make_mbtiles(tmp_path / "src.mbtiles", zooms=range(0, 5))
    dest = tmp_path / "basemaps"
    calls: list[tuple[int, int]] = []
    info = import_mbtiles(src, dest, lambda d, t: calls.append((d, t)), lambda: False)
    assert info.path == dest / "src.mbtiles"
    assert info.path.read_bytes() == src.read_bytes()
    assert calls[0][0] == 0 and calls[-1][0] == calls[-1][1] == src.stat().st_size
    assert [p.name for p in dest.iterdir()] == ["src.mbtiles"]


def test_import_of_bad_file_changes_nothing(tmp_path):
    bad = tmp_path / "bad.mbtiles"
    bad.write_text("not tiles")
    dest = tmp_path / "basemaps"
    dest.mkdir()
    with pytest.raises(MbtilesError):
        import_mbtiles(bad, dest, lambda d, t: None, lambda: False)
    assert list(dest.iterdir()) == []


def test_cancelled_import_leaves_no_file(tmp_path):
    src = make_mbtiles(tmp_path / "src.mbtiles")
    dest = tmp_path / "basemaps"
    with pytest.raises(ImportCancelled):
        import_mbtiles(src, dest, lambda d, t: None, lambda: True)
    assert list(dest.iterdir()) == []


def test_import_refuses_to_overwrite(tmp_path):
    src = make_mbtiles(tmp_path / "src.mbtiles")
    dest = tmp_path / "basemaps"
    import_mbtiles(src, dest, lambda d, t: None, lambda: False)
    before = (dest / "src.mbtiles").stat().st_mtime_ns
    with pytest.raises(MbtilesError, match="already installed"):
        import_mbtiles(src, dest, lambda d, t: None, lambda: False)
    assert (dest / "src.mbtiles").stat().st_mtime_ns == before
