"""What the map page may load and run: its Content-Security-Policy and the parts it is served in.

Kept apart from page.py (which imports folium) so the scheme handler can use it at start-up.
"""
from __future__ import annotations

from dataclasses import dataclass

APP_BASE = "app://console"
PAGE_SCRIPT_URL = f"{APP_BASE}/page.js"

# Scripts come from app:// only, never inline, never from a string (no eval). Styles may be inline:
# Leaflet positions every marker with style attributes, and a style cannot run code.
CONTENT_SECURITY_POLICY = (
    "default-src 'none'; "
    "script-src app:; "
    "style-src app: 'unsafe-inline'; "
    "img-src app: tiles: data:; "
    "font-src app:; "
    "connect-src app: tiles:; "
    "object-src 'none'; base-uri 'none'; form-action 'none'; frame-src 'none'"
)


@dataclass(frozen=True)
class MapPage:
    html: str  # app://console/index.html
    script: str  # app://console/page.js: what folium would have put inline
