"""Builds the map page HTML with folium. Pure: no Qt, no I/O beyond folium's templates.

folium gives us the page skeleton and the Leaflet map object; everything live (layers, bridge,
context menu) is in resources/web/icc-*.js. folium's CDN defaults are replaced with app:// URLs so
the page makes no request outside the application.

The page runs no inline script: folium's inline <script> blocks are moved into one file served as
app://console/page.js, and the Content-Security-Policy (sent as a header and repeated in a <meta>)
allows scripts from app:// only. A basemap name or incident title that smuggles markup into the page
therefore cannot run, even where a layer would parse it as HTML.
"""
from __future__ import annotations

import json
import re
from collections.abc import Mapping

import folium
from branca.element import MacroElement
from folium.template import Template

from console.map.security import APP_BASE, CONTENT_SECURITY_POLICY, PAGE_SCRIPT_URL, MapPage

__all__ = ["APP_BASE", "CONTENT_SECURITY_POLICY", "PAGE_SCRIPT_URL", "MapPage", "build_page"]

WEB = f"{APP_BASE}/web"

_INLINE_SCRIPT = re.compile(r"<script>(.*?)</script>", re.DOTALL)

SHANGHAI_CENTER = (31.20, 121.47)

SCRIPTS = [
    ("leaflet", f"{WEB}/leaflet/leaflet.js"),
    ("markercluster", f"{WEB}/leaflet.markercluster/leaflet.markercluster.js"),
    ("protomaps_leaflet", f"{WEB}/vendor/protomaps-leaflet/protomaps-leaflet.js"),
    ("qwebchannel", f"{APP_BASE}/qwebchannel.js"),
    ("icc_util", f"{WEB}/icc-util.js"),
    ("icc_basemaps", f"{WEB}/icc-basemaps.js"),
    ("icc_dots", f"{WEB}/icc-dots.js"),
    ("icc_units", f"{WEB}/icc-units.js"),
    ("icc_layers", f"{WEB}/icc-layers.js"),
    ("icc_tools", f"{WEB}/icc-tools.js"),
    ("icc_warnings", f"{WEB}/icc-warnings.js"),
    ("icc_boot", f"{WEB}/icc-boot.js"),
]

STYLES = [
    ("leaflet_css", f"{WEB}/leaflet/leaflet.css"),
    ("markercluster_css", f"{WEB}/leaflet.markercluster/MarkerCluster.css"),
    ("font_400", f"{WEB}/fonts/noto-sans-sc/400.css"),
    ("font_700", f"{WEB}/fonts/noto-sans-sc/700.css"),
    ("icc_css", f"{WEB}/icc-map.css"),
]


def _json_for_script(value: object) -> str:
    # Inside <script>, "</" could end the element early; \u escapes keep the JSON valid and inert.
    return (
        json.dumps(value, ensure_ascii=False, separators=(",", ":"))
        .replace("</", "<\\/")
        .replace("\u2028", "\\u2028")
        .replace("\u2029", "\\u2029")
    )


class _Boot(MacroElement):
    """Hands the folium-created Leaflet map and the page config to our own JS."""

    _template = Template(
        "{% macro script(this, kwargs) %}ICC.boot({{ this._parent.get_name() }}, {{ this.config }});"
        "{% endmacro %}"
    )

    def __init__(self, config: Mapping[str, object]) -> None:
        super().__init__()
        self._name = "IccBoot"
        self.config = _json_for_script(dict(config))


def build_page(config: Mapping[str, object]) -> MapPage:
    """The map page and its script. `config` holds basemaps, translated strings and options for ICC.boot."""
    html = _render_folium(config)
    bodies = _INLINE_SCRIPT.findall(html)
    html = _INLINE_SCRIPT.sub("", html)
    csp = f'<meta http-equiv="Content-Security-Policy" content="{CONTENT_SECURITY_POLICY}">'
    html = html.replace("<head>", f"<head>\n    {csp}", 1)
    html = html.replace("</html>", f'<script src="{PAGE_SCRIPT_URL}"></script>\n</html>', 1)
    return MapPage(html=html, script="\n;\n".join(b.strip() for b in bodies) + "\n")


def _render_folium(config: Mapping[str, object]) -> str:
    center, zoom = config.get("center", SHANGHAI_CENTER), config.get("zoom", 10)
    if not isinstance(center, list | tuple) or not isinstance(zoom, int | float):
        raise TypeError(f"the map wants a [lat, lon] center and a numeric zoom, got {center!r}, {zoom!r}")
    m = folium.Map(
        location=list(center),
        zoom_start=int(zoom),
        tiles=None,
        control_scale=False,  # icc-boot.js adds a metric-only scale bar
        prefer_canvas=False,
        zoom_control=True,
        attribution_control=True,
    )
    # Instance attributes shadow folium's class-level CDN lists (jquery, bootstrap, awesome-markers
    # from three CDNs), none of which this page needs.
    m.default_js = list(SCRIPTS)
    m.default_css = list(STYLES)
    _Boot(config).add_to(m)
    return m.get_root().render()
