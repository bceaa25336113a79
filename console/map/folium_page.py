"""The map page's skeleton, rendered by folium: the page, the Leaflet map object and the call that
hands it to our own JS (resources/web/icc-*.js), with the page's config left as a token that page.py
fills in. folium's CDN defaults are replaced with app:// URLs so the page makes no request outside the
application. Imported only when no rendered skeleton is cached: folium with jinja2 and branca costs a
good part of a second at start-up.
"""
from __future__ import annotations

import folium
from branca.element import MacroElement
from folium.template import Template

from console.map.page import CONFIG_TOKEN, WEB, finish
from console.map.security import APP_BASE, MapPage

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



class _Boot(MacroElement):
    """Hands the folium-created Leaflet map and the page config to our own JS."""

    _template = Template(
        "{% macro script(this, kwargs) %}ICC.boot({{ this._parent.get_name() }}, {{ this.config }});"
        "{% endmacro %}"
    )

    def __init__(self) -> None:
        super().__init__()
        self._name = "IccBoot"
        self.config = CONFIG_TOKEN


def render_skeleton(center: tuple[float, float], zoom: int) -> MapPage:
    """The page and its script, the config still a token."""
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
    _Boot().add_to(m)
    return finish(m.get_root().render())
