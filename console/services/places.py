"""Which district a point lies in, from the offline district boundaries, so a report located on the
map or typed as coordinates gets its district without the officer looking it up."""
from __future__ import annotations

import json
from functools import cached_property
from pathlib import Path

from console.domain.geo import point_in_geometry
from console.paths import RESOURCES

DISTRICTS_GEOJSON = RESOURCES / "basemap" / "shanghai_districts.geojson"


class Places:
    def __init__(self, geojson: Path = DISTRICTS_GEOJSON) -> None:
        self._path = geojson

    @cached_property
    def _features(self) -> list[tuple[str, tuple[float, float, float, float], dict]]:
        data = json.loads(self._path.read_text(encoding="utf-8"))
        out = []
        for f in data["features"]:
            coords = f["geometry"]["coordinates"]
            polys = coords if f["geometry"]["type"] == "MultiPolygon" else [coords]
            lons = [p[0] for poly in polys for p in poly[0]]
            lats = [p[1] for poly in polys for p in poly[0]]
            out.append((f["properties"]["name"], (min(lats), min(lons), max(lats), max(lons)), f["geometry"]))
        return out

    def district_at(self, lat: float, lon: float) -> str | None:
        for name, (s, w, n, e), geometry in self._features:
            if s <= lat <= n and w <= lon <= e and point_in_geometry(lat, lon, geometry):
                return name
        return None

    def outline(self, name: str) -> list[list[list[float]]]:
        """A district's outer boundary rings as [lat, lon] points (for drawing an area on the map)."""
        for fname, _bbox, geometry in self._features:
            if fname == name:
                polys = (
                    geometry["coordinates"]
                    if geometry["type"] == "MultiPolygon"
                    else [geometry["coordinates"]]
                )
                return [[[p[1], p[0]] for p in poly[0]] for poly in polys]
        return []

    def centre(self, name: str) -> tuple[float, float] | None:
        """A point well inside a district (lat, lon): on its largest part, the middle of the widest
        east-west run through the centroid's latitude. A crescent district's centroid can fall in
        its neighbour; this point cannot."""
        rings = sorted(self.outline(name), key=len, reverse=True)
        if not rings:
            return None
        ring = rings[0]
        lat = sum(p[0] for p in ring) / len(ring)
        lon_c = sum(p[1] for p in ring) / len(ring)
        xs = sorted(a[1] + (lat - a[0]) * (b[1] - a[1]) / (b[0] - a[0])
                    for a, b in zip(ring, ring[-1:] + ring[:-1], strict=True) if (a[0] > lat) != (b[0] > lat))
        runs = [(xs[k + 1] - xs[k] - abs((xs[k] + xs[k + 1]) / 2 - lon_c) * 0.5, (xs[k] + xs[k + 1]) / 2)
                for k in range(0, len(xs) - 1, 2)]
        return (lat, max(runs)[1]) if runs else (lat, lon_c)
