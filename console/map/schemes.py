"""The app:// and tiles:// URL schemes that serve the map page with no network at all.

app://console/index.html      the page built by console.map.page (with its Content-Security-Policy)
app://console/page.js          the page's own script (the page has no inline script)
app://console/web/...          files under resources/web/ (vendored Leaflet, our JS/CSS, fonts)
app://console/basemap/districts.geojson   the built-in vector basemap
app://console/qwebchannel.js   Qt's own copy, so it always matches the running Qt
tiles://<basemap-id>/z/x/y     one tile from an MBTiles archive
"""
from __future__ import annotations

import gzip
import logging
import mimetypes
import os
from collections.abc import Callable, Mapping
from pathlib import Path

from PySide6.QtCore import QBuffer, QByteArray, QFile, QIODevice, QObject
from PySide6.QtWebEngineCore import (
    QWebEngineUrlRequestJob,
    QWebEngineUrlScheme,
    QWebEngineUrlSchemeHandler,
)

from console.map.basemaps import BasemapRegistry
from console.map.mbtiles import TileReader
from console.map.security import CONTENT_SECURITY_POLICY, MapPage
from console.map.vector_tiles import PmtilesReader
from console.paths import RESOURCES

log = logging.getLogger("console.map.schemes")

APP_SCHEME = b"app"
TILES_SCHEME = b"tiles"
APP_HOST = "console"
PAGE_URL = f"app://{APP_HOST}/index.html"
WEB_ROOT = RESOURCES / "web"

_MIME = {
    ".js": b"text/javascript",
    ".css": b"text/css",
    ".html": b"text/html",
    ".json": b"application/json",
    ".geojson": b"application/json",
    ".png": b"image/png",
    ".svg": b"image/svg+xml",
    ".woff2": b"font/woff2",
    ".woff": b"font/woff",
}


def register_url_schemes() -> None:
    """Register app:// and tiles://; Qt only accepts this before the QApplication exists."""
    if os.name == "posix" and os.geteuid() == 0:
        # Chromium refuses to start its sandbox as root; only relax it where it cannot work anyway.
        os.environ.setdefault("QTWEBENGINE_DISABLE_SANDBOX", "1")
    _add_chromium_flags()
    if QWebEngineUrlScheme.schemeByName(QByteArray(APP_SCHEME)).name() == QByteArray(APP_SCHEME):
        return
    # Not ContentSecurityPolicyIgnored: the page's policy (console.map.security) must hold for loads
    # from these schemes too, so a tile can never be loaded as a script.
    flags = (
        QWebEngineUrlScheme.Flag.SecureScheme
        | QWebEngineUrlScheme.Flag.CorsEnabled
        | QWebEngineUrlScheme.Flag.FetchApiAllowed
    )
    for name in (APP_SCHEME, TILES_SCHEME):
        scheme = QWebEngineUrlScheme(QByteArray(name))
        scheme.setSyntax(QWebEngineUrlScheme.Syntax.Host)
        scheme.setFlags(flags)
        QWebEngineUrlScheme.registerScheme(scheme)


# V8 collects lazily: with thousands of units arriving every second the renderer's heap grew to
# several hundred MB of garbage before a full collection. A cap makes it collect early; the
# page's live data is far below it even at 20,000 units (about 35 MB).
PAGE_HEAP_MB = 192
# V8's young generation grows to several 16 MB semi-spaces under this churn of short-lived
# objects; at 2 MB it is scavenged more often (each well under a millisecond) and the renderer
# is some 25 MB smaller.
PAGE_SEMI_SPACE_MB = 2


# The page is 2D (tiles, DOM markers, one canvas of dots): Chromium's in-process GPU thread adds
# no speed to it, and where there is no GPU (headless, VMs, many control-room PCs) it runs GL
# through Mesa's llvmpipe, which costs some 50-70 MB of the process for nothing. Without it
# Chromium composites in software. ICC_MAP_GPU=1 keeps the GPU.
def chromium_flags(environ: Mapping[str, str] | None = None) -> list[str]:
    env = os.environ if environ is None else environ
    # Qt splits QTWEBENGINE_CHROMIUM_FLAGS at spaces outside double quotes.
    flags = [f'--js-flags="--max-old-space-size={PAGE_HEAP_MB} --max-semi-space-size={PAGE_SEMI_SPACE_MB}"']
    if env.get("ICC_MAP_GPU", "") not in ("1", "true", "yes"):
        flags.append("--disable-gpu")
    return flags


def _add_chromium_flags() -> None:
    """Append our flags to QTWEBENGINE_CHROMIUM_FLAGS, leaving any the user set alone."""
    current = os.environ.get("QTWEBENGINE_CHROMIUM_FLAGS", "")
    names = {f.split("=", 1)[0] for f in current.split()}
    extra = [f for f in chromium_flags() if f.split("=", 1)[0] not in names]
    if extra:
        os.environ["QTWEBENGINE_CHROMIUM_FLAGS"] = " ".join([current, *extra]).strip()


def _reply(job: QWebEngineUrlRequestJob, mime: bytes, data: bytes) -> None:
    # The buffer must outlive this call; parenting it to the job ties its lifetime to the request.
    buf = QBuffer(job)
    buf.setData(QByteArray(data))
    buf.open(QIODevice.OpenModeFlag.ReadOnly)
    job.reply(QByteArray(mime), buf)


def _allow_cors(job: QWebEngineUrlRequestJob) -> None:
    # Tiles are requested cross-origin from app://; the header keeps canvas-based code untainted.
    job.setAdditionalResponseHeaders(  # PySide takes name -> list of values
        {QByteArray(b"Access-Control-Allow-Origin"):  # type: ignore[dict-item]  # PySide6 stub: one value
         [QByteArray(b"*")]})


class AppSchemeHandler(QWebEngineUrlSchemeHandler):
    def __init__(self, page: Callable[[], MapPage], districts: Callable[[], Path], parent: QObject) -> None:
        super().__init__(parent)
        self._page = page
        self._districts = districts

    def requestStarted(self, job: QWebEngineUrlRequestJob) -> None:  # noqa: N802 (Qt override)
        url = job.requestUrl()
        path = url.path()
        if url.host() != APP_HOST:
            job.fail(QWebEngineUrlRequestJob.Error.UrlNotFound)
        elif path in ("/", "/index.html"):
            # PySide takes the header map as name -> list of values (a bare QByteArray would be
            # read as a list of one-character values).
            job.setAdditionalResponseHeaders(
                {QByteArray(b"Content-Security-Policy"):  # type: ignore[dict-item]  # PySide6 stub: one value
                 [QByteArray(CONTENT_SECURITY_POLICY.encode())]})
            _reply(job, b"text/html", self._page().html.encode("utf-8"))
        elif path == "/page.js":
            _reply(job, b"text/javascript", self._page().script.encode("utf-8"))
        elif path == "/qwebchannel.js":
            f = QFile(":/qtwebchannel/qwebchannel.js")
            if f.open(QIODevice.OpenModeFlag.ReadOnly):
                _reply(job, b"text/javascript", bytes(f.readAll().data()))
            else:
                job.fail(QWebEngineUrlRequestJob.Error.UrlNotFound)
        elif path == "/basemap/districts.geojson":
            self._serve_file(job, self._districts())
        elif path.startswith("/web/"):
            self._serve_file(job, _safe_join(WEB_ROOT, path[len("/web/"):]))
        else:
            job.fail(QWebEngineUrlRequestJob.Error.UrlNotFound)

    @staticmethod
    def _serve_file(job: QWebEngineUrlRequestJob, path: Path | None) -> None:
        if path is None or not path.is_file():
            log.warning("app:// has no file for %s", job.requestUrl().toString())
            job.fail(QWebEngineUrlRequestJob.Error.UrlNotFound)
            return
        mime = _MIME.get(path.suffix.lower())
        if mime is None:
            mime = (mimetypes.guess_type(path.name)[0] or "application/octet-stream").encode()
        try:
            data = path.read_bytes()
        except OSError as exc:
            log.warning("app:// cannot read %s: %s", path, exc)
            job.fail(QWebEngineUrlRequestJob.Error.RequestFailed)
            return
        _reply(job, mime, data)


def _safe_join(root: Path, rel: str) -> Path | None:
    """The file under root that rel names, or None for anything outside it or not a path at all
    (a NUL byte, an over-long name): every request gets an answer."""
    if "\0" in rel:
        return None
    try:
        target = (root / rel).resolve()
    except (OSError, ValueError):
        return None
    return target if target.is_relative_to(root.resolve()) else None


class TilesSchemeHandler(QWebEngineUrlSchemeHandler):
    def __init__(self, registry: BasemapRegistry, parent: QObject) -> None:
        super().__init__(parent)
        self._registry = registry
        self._reader = TileReader()
        self._broken: set[Path] = set()  # archives that failed or ran out of time: not asked again
        self._pmtiles = PmtilesReader()
        self._mime: dict[Path, bytes] = {}

    def requestStarted(self, job: QWebEngineUrlRequestJob) -> None:  # noqa: N802 (Qt override)
        url = job.requestUrl()
        base = self._registry.archive(url.host())
        path = base.path if base is not None else None
        parts = url.path().strip("/").split("/")
        try:
            z, x, y = (int(p.split(".")[0]) for p in parts)
        except ValueError:
            z = x = y = -1
        data = None
        vector = base is not None and base.kind == "vectortiles"
        if (
            path is not None
            and path not in self._broken
            and 0 <= z <= 30
            and 0 <= x < (1 << z)
            and 0 <= y < (1 << z)
        ):
            try:
                data = self._read(path, z, x, y)
            except Exception as exc:  # a vanished, damaged or stalling archive must not take the map down
                self._broken.add(path)
                log.warning("basemap %s stops serving tiles: %s", path.name, exc)
        _allow_cors(job)
        if vector:
            # A missing vector tile is an empty one (zero layers), which the page draws as nothing.
            _reply(job, b"application/x-protobuf", data or b"")
            return
        if data is None or path is None:  # no data without a path
            # An empty transparent answer, not an error: Leaflet simply shows nothing there, and
            # Chromium logs nothing for it (a failed request would print a console error per tile).
            _reply(job, b"image/png", _EMPTY_PNG)
            return
        _reply(job, self._mime_for(path, data), data)

    def _read(self, path: Path, z: int, x: int, y: int) -> bytes | None:
        if path.suffix == ".pmtiles":
            return self._pmtiles.read(path, z, x, y)
        data = self._reader.read(path, z, x, y)
        if data is not None and data[:2] == b"\x1f\x8b":  # vector MBTiles store gzipped MVT
            data = gzip.decompress(data)
        return data

    def _mime_for(self, path: Path, data: bytes) -> bytes:
        if data.startswith(b"\xff\xd8"):
            return b"image/jpeg"
        if data[:4] == b"RIFF":
            return b"image/webp"
        return b"image/png"

    def close(self) -> None:
        self._reader.close()
        self._pmtiles.close()


# 1x1 fully transparent PNG.
_EMPTY_PNG = bytes.fromhex(
    "89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000b49"
    "444154789c6360000200000500017a5eab3f0000000049454e44ae426082"
)
