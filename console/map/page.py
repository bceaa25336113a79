"""The map page: folium's skeleton (console/map/folium_page.py) with this console's config filled in.

The page runs no inline script: folium's inline <script> blocks are moved into one file served as
app://console/page.js, and the Content-Security-Policy (sent as a header and repeated in a <meta>)
allows scripts from app:// only. A basemap name or incident title that smuggles markup into the page
therefore cannot run, even where a layer would parse it as HTML.

The skeleton depends only on the code, folium and the starting view, so it is rendered once and kept
in a cache folder; a console that starts again draws its map without importing folium at all.
"""
from __future__ import annotations

import contextlib
import hashlib
import importlib.util
import json
import logging
import os
import re
from collections.abc import Mapping
from pathlib import Path

from console.map.security import APP_BASE, CONTENT_SECURITY_POLICY, PAGE_SCRIPT_URL, MapPage

__all__ = ["APP_BASE", "CONTENT_SECURITY_POLICY", "PAGE_SCRIPT_URL", "MapPage", "build_page"]

log = logging.getLogger(__name__)

WEB = f"{APP_BASE}/web"
INLINE_SCRIPT = re.compile(r"<script>(.*?)</script>", re.DOTALL)
# Stands for the config in the rendered skeleton: a bare name that nothing else on the page uses.
CONFIG_TOKEN = "ICC_PAGE_CONFIG_TOKEN"
SHANGHAI_CENTER = (31.20, 121.47)


def build_page(config: Mapping[str, object], cache_dir: Path | None = None) -> MapPage:
    """The map page and its script. `config` holds basemaps, translated strings and options for ICC.boot;
    with a cache_dir the skeleton is read from there when it was rendered before."""
    center, zoom = config.get("center", SHANGHAI_CENTER), config.get("zoom", 10)
    if not isinstance(center, list | tuple) or not isinstance(zoom, int | float):
        raise TypeError(f"the map wants a [lat, lon] center and a numeric zoom, got {center!r}, {zoom!r}")
    skeleton = _skeleton((float(center[0]), float(center[1])), int(zoom), cache_dir)
    return MapPage(html=skeleton.html,
                   script=skeleton.script.replace(CONFIG_TOKEN, _json_for_script(dict(config)), 1))


def finish(html: str) -> MapPage:
    """folium's page with its inline scripts moved out to page.js and the policy repeated in a <meta>."""
    bodies = INLINE_SCRIPT.findall(html)
    html = INLINE_SCRIPT.sub("", html)
    csp = f'<meta http-equiv="Content-Security-Policy" content="{CONTENT_SECURITY_POLICY}">'
    html = html.replace("<head>", f"<head>\n    {csp}", 1)
    html = html.replace("</html>", f'<script src="{PAGE_SCRIPT_URL}"></script>\n</html>', 1)
    return MapPage(html=html, script="\n;\n".join(b.strip() for b in bodies) + "\n")


def _json_for_script(value: object) -> str:
    # Inside <script>, "</" could end the element early; \u escapes keep the JSON valid and inert.
    return (
        json.dumps(value, ensure_ascii=False, separators=(",", ":"))
        .replace("</", "<\\/")
        .replace("\u2028", "\\u2028")
        .replace("\u2029", "\\u2029")
    )


def _skeleton(center: tuple[float, float], zoom: int, cache_dir: Path | None) -> MapPage:
    path = cache_dir / f"map-page-{_cache_key(center, zoom)}.json" if cache_dir is not None else None
    if path is not None:
        cached = _read(path)
        if cached is not None:
            return cached
    from console.map.folium_page import render_skeleton

    page = render_skeleton(center, zoom)
    if path is not None:
        _write(path, page)
    return page


def _cache_key(center: tuple[float, float], zoom: int) -> str:
    """Changes with anything the skeleton is made from: the code that renders it, the policy, folium
    itself (its installed files, found without importing it) and the starting view."""
    h = hashlib.sha256()
    h.update((Path(__file__).parent / "folium_page.py").read_bytes())
    h.update(CONTENT_SECURITY_POLICY.encode())
    spec = importlib.util.find_spec("folium")
    if spec is not None and spec.origin:
        st = os.stat(spec.origin)
        h.update(f"{spec.origin}:{st.st_size}:{st.st_mtime_ns}".encode())
    h.update(f"{center}:{zoom}".encode())
    return h.hexdigest()[:32]


def _read(path: Path) -> MapPage | None:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        page = MapPage(html=data["html"], script=data["script"])
    except (OSError, ValueError, KeyError, TypeError):
        return None  # not there yet, or damaged: rendered again
    ok = (isinstance(page.html, str) and isinstance(page.script, str) and page.script.count(CONFIG_TOKEN) == 1
          and f'content="{CONTENT_SECURITY_POLICY}"' in page.html)
    return page if ok else None


def _write(path: Path, page: MapPage) -> None:
    tmp = path.with_name(f"{path.name}.{os.getpid()}.tmp")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp.write_text(json.dumps({"html": page.html, "script": page.script}), encoding="utf-8")
        os.replace(tmp, path)
    except OSError as exc:  # a full or read-only disk: the map still works, it is only slower to start
        log.info("map page not cached: %s", exc)
        with contextlib.suppress(OSError):
            tmp.unlink()
