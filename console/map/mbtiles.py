"""MBTiles (SQLite tile archives): validate, read one tile, import with progress.

No Qt here: the scheme handler and the import dialog are thin adapters over these functions.
"""
from __future__ import annotations

import dataclasses
import os
import sqlite3
import tempfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

_SQLITE_MAGIC = b"SQLite format 3\x00"
_CHUNK = 1 << 20

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


def validate_mbtiles(path: str | os.PathLike[str]) -> MbtilesInfo:
    """Check that `path` is an MBTiles file (raster or vector) and describe it; raise MbtilesError if not."""
    p = Path(path)
    if not p.is_file():
        raise MbtilesError(f"{p.name}: file not found")
    with p.open("rb") as fh:
        if fh.read(16) != _SQLITE_MAGIC:
            raise MbtilesError(f"{p.name}: not an MBTiles file (it is not an SQLite database)")
    try:
        con = _connect_ro(p)
        try:
            names = {r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type IN ('table','view')")}
            missing = {"metadata", "tiles"} - names
            if missing:
                raise MbtilesError(
                    f"{p.name}: not an MBTiles file (missing table {', '.join(sorted(missing))})"
                )
            meta = {str(k): str(v) for k, v in con.execute("SELECT name, value FROM metadata")}
            row = con.execute(
                "SELECT MIN(zoom_level), MAX(zoom_level) FROM tiles"
            ).fetchone()
            sample = con.execute("SELECT tile_data FROM tiles LIMIT 1").fetchone()
        finally:
            con.close()
    except sqlite3.DatabaseError as exc:
        raise MbtilesError(f"{p.name}: the file is corrupt or not an MBTiles file ({exc})") from exc
    if sample is None:
        raise MbtilesError(f"{p.name}: the MBTiles file contains no tiles")
    fmt = meta.get("format", "").lower() or _sniff_format(bytes(sample[0]))
    if fmt == "jpeg":
        fmt = "jpg"
    if fmt not in _MIME_BY_FORMAT:
        raise MbtilesError(f"{p.name}: tile format '{fmt}' is not supported (use png, jpg, webp or pbf)")
    return MbtilesInfo(
        path=p,
        name=meta.get("name") or p.stem,
        format=fmt,
        minzoom=int(meta.get("minzoom", row[0])),
        maxzoom=int(meta.get("maxzoom", row[1])),
        bounds=_parse_bounds(meta.get("bounds")),
        attribution=meta.get("attribution", ""),
        metadata=meta,
    )


def _parse_bounds(text: str | None) -> tuple[float, float, float, float] | None:
    if not text:
        return None
    try:
        w, s, e, n = (float(v) for v in text.split(","))
    except ValueError:
        return None
    return (w, s, e, n)


class TileReader:
    """Keeps one read-only connection per archive; tiles are read on the GUI thread, per request."""

    def __init__(self) -> None:
        self._cons: dict[Path, sqlite3.Connection] = {}

    def read(self, path: Path, z: int, x: int, y: int) -> bytes | None:
        con = self._cons.get(path)
        if con is None:
            con = self._cons[path] = _connect_ro(path)
        # MBTiles rows count from the south (TMS), Leaflet asks with rows from the north (XYZ).
        tms_y = (1 << z) - 1 - y
        row = con.execute(
            "SELECT tile_data FROM tiles WHERE zoom_level=? AND tile_column=? AND tile_row=?",
            (z, x, tms_y),
        ).fetchone()
        return None if row is None else bytes(row[0])

    def close(self) -> None:
        for con in self._cons.values():
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
