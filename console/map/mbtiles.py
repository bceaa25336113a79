"""MBTiles (SQLite tile archives): validate, read one tile, import with progress.

No Qt here: the scheme handler and the import dialog are thin adapters over these functions.
"""
from __future__ import annotations

import dataclasses
import os
import sqlite3
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

_SQLITE_MAGIC = b"SQLite format 3\x00"
_CHUNK = 1 << 20

# A basemap is a file from outside: a view named `tiles` can recurse for ever and a row can claim
# gigabytes, so every query runs against a clock and every value is bounded before Python sees it.
VALIDATE_SECONDS = 3.0  # checking one archive at start-up (a real one takes milliseconds)
TILE_SECONDS = 0.5  # answering one tile request (on the GUI thread)
MAX_TILE_BYTES = 4 << 20  # real raster tiles are tens of KB
MAX_METADATA_ROWS = 200
MAX_METADATA_CHARS = 4096
MAX_TITLE_CHARS = 120
MAX_ZOOM = 30
_PROGRESS_STEPS = 10_000  # SQLite VM instructions between clock checks

_MIME_BY_FORMAT = {"png": "image/png", "jpg": "image/jpeg", "jpeg": "image/jpeg", "webp": "image/webp",
                   "pbf": "application/x-protobuf"}  # vector (MVT) tiles, drawn by protomaps-leaflet


class MbtilesError(ValueError):
    """The file is not a usable MBTiles archive; the message is meant for the user."""


class ImportCancelled(Exception):
    pass


@dataclass(frozen=True)
class MbtilesInfo:
    path: Path
    name: str
    format: str
    minzoom: int
    maxzoom: int
    bounds: tuple[float, float, float, float] | None  # west, south, east, north
    attribution: str = ""
    metadata: dict[str, str] = field(default_factory=dict, compare=False)

    @property
    def mime(self) -> str:
        return _MIME_BY_FORMAT.get(self.format, "application/octet-stream")


def _connect_ro(path: Path) -> sqlite3.Connection:
    # Read-only and immutable: a basemap must never be modified, and immutable skips locking,
    # which matters for files on read-only media.
    return sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro&immutable=1", uri=True)


class _Deadline:
    """Interrupts any statement on `con` that runs longer than `seconds` (SQLite's progress handler)."""

    def __init__(self, con: sqlite3.Connection, seconds: float) -> None:
        self._seconds = seconds
        self._until = 0.0
        con.set_progress_handler(self._expired, _PROGRESS_STEPS)

    def start(self) -> None:
        self._until = time.monotonic() + self._seconds

    def _expired(self) -> int:
        return 1 if time.monotonic() > self._until else 0


def _timed_out(exc: sqlite3.Error) -> bool:
    return "interrupted" in str(exc).lower()


def _zoom(value: object, fallback: object, what: str, name: str) -> int:
    """A zoom level from metadata (text) or from the tiles table; anything else is refused."""
    for candidate in (value, fallback):
        if candidate is None or isinstance(candidate, bytes):
            continue
        try:
            z = int(str(candidate).strip())
        except ValueError:
            continue
        if 0 <= z <= MAX_ZOOM:
            return z
    raise MbtilesError(f"{name}: {what} is not a zoom level between 0 and {MAX_ZOOM} ({str(value)[:40]!r})")


def _meta_text(value: object) -> str:
    if isinstance(value, bytes):
        value = value.decode("utf-8", errors="replace")
    return "" if value is None else str(value)[:MAX_METADATA_CHARS]


def _one_line(text: str, limit: int) -> str:
    # Names are shown in menus and the layer control: no control characters, one short line.
    cleaned = "".join(ch if ch.isprintable() else " " for ch in text).strip()
    return cleaned[:limit]


def _sniff_format(blob: bytes) -> str:
    if blob.startswith(b"\x89PNG"):
        return "png"
    if blob.startswith(b"\xff\xd8"):
        return "jpg"
    if blob[:4] == b"RIFF" and blob[8:12] == b"WEBP":
        return "webp"
    if blob.startswith(b"\x1f\x8b") or blob.startswith(b"\x1a"):
        return "pbf"
    return "unknown"


def validate_mbtiles(path: str | os.PathLike[str], seconds: float = VALIDATE_SECONDS) -> MbtilesInfo:
    """Check that `path` is an MBTiles file (raster or vector) and describe it; raise MbtilesError if not.

    Never raises anything else and never takes much longer than `seconds`, whatever the file holds.
    """
    p = Path(path)
    try:
        if not p.is_file():
            raise MbtilesError(f"{p.name}: file not found")
        with p.open("rb") as fh:
            if fh.read(16) != _SQLITE_MAGIC:
                raise MbtilesError(f"{p.name}: not an MBTiles file (it is not an SQLite database)")
    except OSError as exc:
        raise MbtilesError(f"{p.name}: cannot be read ({exc.strerror or exc})") from exc
    try:
        con = _connect_ro(p)
        try:
            clock = _Deadline(con, seconds)
            clock.start()
            meta, zooms, sample = _read_summary(con, p.name)
        finally:
            con.close()
    except sqlite3.Error as exc:
        if _timed_out(exc):
            raise MbtilesError(f"{p.name}: reading the file took longer than {seconds:g} s; "
                               "it is damaged or not an MBTiles file") from exc
        raise MbtilesError(f"{p.name}: the file is corrupt or not an MBTiles file ({exc})") from exc
    except (MemoryError, OverflowError, ValueError) as exc:  # MbtilesError is a ValueError too
        if isinstance(exc, MbtilesError):
            raise
        raise MbtilesError(
            f"{p.name}: the file holds values that make no sense ({type(exc).__name__})"
        ) from exc
    fmt = meta.get("format", "").strip().lower() or _sniff_format(sample)
    if fmt == "jpeg":
        fmt = "jpg"
    if fmt not in _MIME_BY_FORMAT:
        raise MbtilesError(f"{p.name}: tile format {fmt[:20]!r} is not supported (use png, jpg, webp or pbf)")
    minzoom = _zoom(meta.get("minzoom"), zooms[0], "minzoom", p.name)
    maxzoom = _zoom(meta.get("maxzoom"), zooms[1], "maxzoom", p.name)
    if minzoom > maxzoom:
        raise MbtilesError(f"{p.name}: minzoom {minzoom} is above maxzoom {maxzoom}")
    return MbtilesInfo(
        path=p,
        name=_one_line(meta.get("name", ""), MAX_TITLE_CHARS) or _one_line(p.stem,
                                                                           MAX_TITLE_CHARS) or "tiles",
        format=fmt,
        minzoom=minzoom,
        maxzoom=maxzoom,
        bounds=_parse_bounds(meta.get("bounds")),
        attribution=_one_line(meta.get("attribution", ""), MAX_METADATA_CHARS),
        metadata=meta,
    )


def _read_summary(con: sqlite3.Connection, name: str) -> tuple[dict[str, str], tuple[object, object], bytes]:
    names = {r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type IN ('table','view')")}
    missing = {"metadata", "tiles"} - names
    if missing:
        raise MbtilesError(f"{name}: not an MBTiles file (missing table {', '.join(sorted(missing))})")
    # substr() keeps a gigabyte value in SQLite; only its first few KB reach Python.
    rows = con.execute(
        "SELECT substr(name, 1, 64), substr(value, 1, ?) FROM metadata LIMIT ?",
        (MAX_METADATA_CHARS, MAX_METADATA_ROWS),
    )
    meta = {_meta_text(k): _meta_text(v) for k, v in rows}
    zooms: tuple[object, object] = (None, None)
    if "minzoom" not in meta or "maxzoom" not in meta:
        zooms = con.execute("SELECT MIN(zoom_level), MAX(zoom_level) FROM tiles").fetchone() or (None, None)
    row = con.execute("SELECT typeof(tile_data), length(tile_data) FROM tiles LIMIT 1").fetchone()
    if row is None:
        raise MbtilesError(f"{name}: the MBTiles file contains no tiles")
    kind, size = row
    if kind != "blob":
        raise MbtilesError(f"{name}: tile_data holds {kind} values, not images")
    if not isinstance(size, int) or size > MAX_TILE_BYTES:
        raise MbtilesError(f"{name}: a tile is {size} bytes, more than the {MAX_TILE_BYTES >> 20} MB allowed")
    sample = con.execute("SELECT substr(tile_data, 1, 16) FROM tiles LIMIT 1").fetchone()[0]
    return meta, zooms, bytes(sample) if isinstance(sample, bytes) else b""


def _parse_bounds(text: str | None) -> tuple[float, float, float, float] | None:
    if not text:
        return None
    try:
        w, s, e, n = (float(v) for v in text.split(","))
    except ValueError:
        return None
    if not (-180 <= w < e <= 180 and -90 <= s < n <= 90):  # also refuses NaN
        return None
    return (w, s, e, n)


class TileReader:
    """Keeps one read-only connection per archive; tiles are read on the GUI thread, per request."""

    def __init__(self, seconds: float = TILE_SECONDS) -> None:
        self._seconds = seconds
        self._cons: dict[Path, tuple[sqlite3.Connection, _Deadline]] = {}

    def read(self, path: Path, z: int, x: int, y: int) -> bytes | None:
        """The tile's bytes, or None when there is no such tile or it is not an image of sane size.

        Raises sqlite3.Error when the archive is damaged or the query ran out of time.
        """
        entry = self._cons.get(path)
        if entry is None:
            con = _connect_ro(path)
            entry = self._cons[path] = (con, _Deadline(con, self._seconds))
        con, clock = entry
        clock.start()
        # MBTiles rows count from the south (TMS), Leaflet asks with rows from the north (XYZ).
        tms_y = (1 << z) - 1 - y
        # Only a blob of bounded size is fetched: an integer "tile" of 3e9 would otherwise become a
        # 3 GB bytes object in Python, and a NULL a TypeError.
        row = con.execute(
            "SELECT CASE WHEN typeof(tile_data) = 'blob' AND length(tile_data) <= ? THEN tile_data END "
            "FROM tiles WHERE zoom_level=? AND tile_column=? AND tile_row=?",
            (MAX_TILE_BYTES, z, x, tms_y),
        ).fetchone()
        return None if row is None or not isinstance(row[0], bytes) else row[0]

    def close(self) -> None:
        for con, _ in self._cons.values():
            con.close()
        self._cons.clear()


def read_tile(path: str | os.PathLike[str], z: int, x: int, y: int) -> bytes | None:
    """One XYZ tile from an MBTiles file, or None when the archive has no such tile."""
    if z < 0 or not (0 <= x < (1 << z)) or not (0 <= y < (1 << z)):
        return None
    reader = TileReader()
    try:
        return reader.read(Path(path), z, x, y)
    finally:
        reader.close()


def _pmtiles_validator():
    """validate_pmtiles with its refusals as MbtilesError, which the import dialog reports."""
    from console.map.vector_tiles import PmtilesError, validate_pmtiles

    def validate(path):
        try:
            return validate_pmtiles(Path(path))
        except PmtilesError as exc:
            raise MbtilesError(str(exc)) from None

    return validate


def import_mbtiles(
    src: str | os.PathLike[str],
    dest_dir: str | os.PathLike[str],
    progress: Callable[[int, int], None],
    cancelled: Callable[[], bool],
) -> MbtilesInfo:
    """Copy a validated archive (MBTiles, or a PMTiles vector extract) into `dest_dir`; on any failure
    or cancel, `dest_dir` is unchanged."""
    validate = _pmtiles_validator() if Path(src).suffix.lower() == ".pmtiles" else validate_mbtiles
    info = validate(src)
    dest = Path(dest_dir)
    dest.mkdir(parents=True, exist_ok=True)
    target = dest / Path(src).name
    if target.exists():
        raise MbtilesError(f"{target.name}: a basemap with this file name is already installed")
    total = Path(src).stat().st_size
    done = 0
    progress(0, total)
    # Copy to a temporary file in the same directory, then rename: a half-copied archive must
    # never show up in the basemap list.
    fd, tmp_name = tempfile.mkstemp(prefix=".import-", suffix=".part", dir=dest)
    try:
        with os.fdopen(fd, "wb") as out, open(src, "rb") as inp:
            while chunk := inp.read(_CHUNK):
                if cancelled():
                    raise ImportCancelled()
                out.write(chunk)
                done += len(chunk)
                progress(done, total)
        validate(Path(tmp_name))
        os.replace(tmp_name, target)
    except BaseException:
        _unlink_quietly(tmp_name)
        raise
    return dataclasses.replace(info, path=target)



def _unlink_quietly(name: str) -> None:
    try:
        os.unlink(name)
    except FileNotFoundError:
        pass
