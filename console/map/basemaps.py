"""The basemaps the map can switch between: built-in vector districts, MBTiles files, online XYZ."""
from __future__ import annotations

import logging
import re
from dataclasses import dataclass
from pathlib import Path

from console.map.mbtiles import MbtilesError, MbtilesInfo, validate_mbtiles
from console.map.vector_tiles import PmtilesError, validate_pmtiles
from console.paths import RESOURCES

log = logging.getLogger("console.map.basemaps")

DEFAULT_DISTRICTS = RESOURCES / "basemap" / "shanghai_districts.geojson"

VECTOR_ID = "vector"
ONLINE_ID = "online"


@dataclass(frozen=True)
class Basemap:
    id: str  # also the host part of tiles:// URLs, so lower-case letters, digits and '-'
    kind: str  # "vector" (districts) | "mbtiles" (raster) | "vectortiles" (PMTiles or vector MBTiles) | "xyz"
    title: str
    path: Path | None = None
    url: str | None = None
    minzoom: int = 0
    maxzoom: int = 19
    bounds: tuple[float, float, float, float] | None = None
    attribution: str = ""

    def to_page(self) -> dict[str, object]:
        """What the page needs to build the Leaflet layer (no file paths leave Python)."""
        return {
            "id": self.id,
            "kind": self.kind,
            "title": self.title,
            "url": self.url,
            "minzoom": self.minzoom,
            "maxzoom": self.maxzoom,
            "bounds": list(self.bounds) if self.bounds else None,
            "attribution": self.attribution,
        }


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-") or "tiles"


class BasemapRegistry:
    """Lists basemaps; MBTiles are rescanned from `tiles_dir` on `refresh()` (e.g. after an import).

    The online source is off by default because the console must behave the same with no network,
    and a half-loading online map in a control room is worse than none.
    """

    def __init__(
        self,
        tiles_dir: Path | None = None,
        districts_geojson: Path = DEFAULT_DISTRICTS,
        online_url: str | None = None,
        online_enabled: bool = False,
        online_title: str = "Online map",
        vector_title: str = "Districts (offline vector)",
    ) -> None:
        self.tiles_dir = tiles_dir
        self.districts_geojson = districts_geojson
        self.online_url = online_url
        self.online_enabled = online_enabled
        self._online_title = online_title
        self._vector_title = vector_title
        self._mbtiles: list[Basemap] = []
        self.skipped: list[str] = []  # one plain message per archive that could not be used
        self.refresh()

    def refresh(self) -> None:
        found: list[Basemap] = []
        skipped: list[str] = []
        used: set[str] = {VECTOR_ID, ONLINE_ID}
        try:
            paths = sorted(self.tiles_dir.glob("*.mbtiles")) if self.tiles_dir is not None else []
        except OSError as exc:
            paths = []
            skipped.append(f"{self.tiles_dir}: cannot be listed ({exc.strerror or exc})")
        # Each archive is checked on its own, with a time limit: one bad file costs only itself.
        for path in paths:
            try:
                info = validate_mbtiles(path)
            except MbtilesError as exc:
                skipped.append(str(exc))
                continue
            found.append(self._from_info(info, used))
        pm_paths = (
            sorted(self.tiles_dir.glob("*.pmtiles"))
            if self.tiles_dir is not None and self.tiles_dir.is_dir()
            else []
        )
        for path in pm_paths:
            try:
                pm = validate_pmtiles(path)
            except PmtilesError as exc:
                skipped.append(f"{path.name}: {exc}")
                continue
            bid = self._unique("pmt-" + _slug(path.stem), used)
            found.append(Basemap(id=bid, kind="vectortiles", title=pm.name, path=path,
                                 url=f"tiles://{bid}/{{z}}/{{x}}/{{y}}.mvt", minzoom=pm.minzoom,
                                 maxzoom=pm.maxzoom, bounds=pm.bounds, attribution=pm.attribution))
        for message in skipped:
            log.warning("basemap skipped: %s", message)
        self._mbtiles = found
        self.skipped = skipped

    @staticmethod
    def _unique(base: str, used: set[str]) -> str:
        bid, n = base, 2
        while bid in used:
            bid, n = f"{base}-{n}", n + 1
        used.add(bid)
        return bid

    @classmethod
    def _from_info(cls, info: MbtilesInfo, used: set[str]) -> Basemap:
        bid = cls._unique("mbt-" + _slug(info.path.stem), used)
        vector = info.format == "pbf"
        return Basemap(
            id=bid,
            kind="vectortiles" if vector else "mbtiles",
            title=info.name,
            path=info.path,
            url=f"tiles://{bid}/{{z}}/{{x}}/{{y}}" + (".mvt" if vector else ""),
            minzoom=info.minzoom,
            maxzoom=info.maxzoom,
            bounds=info.bounds,
            attribution=info.attribution,
        )

    def basemaps(self) -> list[Basemap]:
        items = [Basemap(id=VECTOR_ID, kind="vector", title=self._vector_title, maxzoom=19)]
        items.extend(self._mbtiles)
        if self.online_enabled and self.online_url:
            items.append(Basemap(id=ONLINE_ID, kind="xyz", title=self._online_title, url=self.online_url))
        return items

    def default_id(self) -> str:
        # Real tiles beat the schematic district map whenever the operator has installed some.
        return self._mbtiles[0].id if self._mbtiles else VECTOR_ID

    def mbtiles_path(self, basemap_id: str) -> Path | None:
        for b in self._mbtiles:
            if b.id == basemap_id:
                return b.path
        return None

    def archive(self, basemap_id: str) -> Basemap | None:
        """The tile archive (MBTiles or PMTiles) behind tiles://<basemap_id>/..."""
        return next((b for b in self._mbtiles if b.id == basemap_id), None)

    def page_config(self) -> dict[str, object]:
        return {"items": [b.to_page() for b in self.basemaps()], "default": self.default_id()}
