"""PMTiles archives (e.g. a Shanghai cut of an OpenStreetMap build) as vector basemaps.

The page draws them on canvas with protomaps-leaflet (no GPU); Python reads the archive with the
`pmtiles` library and serves each tile at tiles://<id>/{z}/{x}/{y}.mvt, decompressed, so the
page never needs HTTP range requests on the custom scheme. No Qt here."""
from __future__ import annotations

import gzip
import mmap
import struct
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from pmtiles.reader import Reader
from pmtiles.tile import (
    Compression,
    MagicNumberNotFound,
    SpecVersionUnsupported,
    TileType,
    deserialize_header,
)


class PmtilesError(ValueError):
    pass


@dataclass(frozen=True)
class PmtilesInfo:
    path: Path
    name: str
    minzoom: int
    maxzoom: int
    bounds: tuple[float, float, float, float] | None
    attribution: str


def validate_pmtiles(path: Path) -> PmtilesInfo:
    """The archive's description, or PmtilesError saying in plain words what is wrong with it."""
    try:
        with open(path, "rb") as fh:
            head = fh.read(127)
            reader = Reader(lambda offset, length: _read_at(fh, offset, length))
            try:
                header = deserialize_header(head)
            except (MagicNumberNotFound, UnicodeDecodeError):
                raise PmtilesError(f"{path.name} is not a PMTiles archive") from None
            except SpecVersionUnsupported:
                raise PmtilesError(f"{path.name} is a PMTiles version other than 3") from None
            if header["tile_type"] != TileType.MVT:
                raise PmtilesError(
                    f"{path.name} holds {header['tile_type'].name} tiles, not vector (MVT) tiles"
                )
            meta = reader.metadata() if header["metadata_length"] else {}
    except PmtilesError:
        raise
    except (OSError, ValueError, KeyError, EOFError, IndexError, struct.error) as exc:
        raise PmtilesError(f"{path.name} cannot be read as PMTiles: {exc}") from None
    bounds = (header["min_lon_e7"] / 1e7, header["min_lat_e7"] / 1e7, header["max_lon_e7"] / 1e7,
              header["max_lat_e7"] / 1e7)
    return PmtilesInfo(
        path,
        str(meta.get("name") or path.stem),
        int(header["min_zoom"]),
        int(header["max_zoom"]),
        bounds if bounds[0] < bounds[2] and bounds[1] < bounds[3] else None,
        str(meta.get("attribution") or ""),
    )


def _read_at(fh, offset: int, length: int) -> bytes:
    fh.seek(offset)
    return fh.read(length)


class PmtilesReader:
    """Open archives kept mapped between tiles; thread-safe (tiles are served from Qt's IO thread)."""

    def __init__(self) -> None:
        self._open: dict[Path, tuple[BinaryIO, mmap.mmap, Reader, Compression]] = {}
        self._lock = threading.Lock()

    def read(self, path: Path, z: int, x: int, y: int) -> bytes | None:
        with self._lock:
            entry = self._open.get(path)
            if entry is None:
                fh = open(path, "rb")  # noqa: SIM115 (kept open and mapped until close())
                mapped = mmap.mmap(fh.fileno(), 0, access=mmap.ACCESS_READ)
                reader = Reader(lambda offset, length: mapped[offset:offset + length])
                entry = (fh, mapped, reader, reader.header()["tile_compression"])
                self._open[path] = entry
            _fh, _mapped, reader, compression = entry
            data = reader.get(z, x, y)
        if data is None:
            return None
        if compression == Compression.GZIP:
            return gzip.decompress(data)
        if compression not in (Compression.NONE, Compression.UNKNOWN):
            raise PmtilesError(f"{path.name}: tiles compressed with {compression.name} are not supported")
        return bytes(data)

    def close(self) -> None:
        with self._lock:
            for fh, mapped, _r, _c in self._open.values():
                mapped.close()
                fh.close()
            self._open.clear()
