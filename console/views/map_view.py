"""The live situation map (一张图): a QWebEngineView showing the folium/Leaflet page.

Data arrives as plain dicts; diffs are coalesced and pushed over QWebChannel, so a data change
never reloads the page. The page is served from app:// and tiles:// only.
"""
from __future__ import annotations

import json
import logging
from collections.abc import Callable, Iterable
from pathlib import Path

from PySide6.QtCore import Qt, QTimer, QUrl, Signal
from PySide6.QtWebChannel import QWebChannel
from PySide6.QtWebEngineCore import QWebEnginePage, QWebEngineProfile
from PySide6.QtWebEngineWidgets import QWebEngineView
from PySide6.QtWidgets import QVBoxLayout, QWidget

from console.map.basemaps import BasemapRegistry
from console.map.bridge import Coalescer, DiffBuffer, MapBridge, to_json
from console.map.schemes import APP_SCHEME, PAGE_URL, TILES_SCHEME, AppSchemeHandler, TilesSchemeHandler
from console.map.security import MapPage
from console.map.strings import page_strings

log = logging.getLogger("console.map.view")


class _Page(QWebEnginePage):
    """Routes the page's console into our logger (Qt would print it as 'js:' warnings)."""

    _LEVELS = {
        QWebEnginePage.JavaScriptConsoleMessageLevel.InfoMessageLevel: logging.DEBUG,
        QWebEnginePage.JavaScriptConsoleMessageLevel.WarningMessageLevel: logging.INFO,
        QWebEnginePage.JavaScriptConsoleMessageLevel.ErrorMessageLevel: logging.ERROR,
    }

    def javaScriptConsoleMessage(self, level, message, line, source):  # noqa: N802 (Qt override)
        log.log(self._LEVELS.get(level, logging.INFO), "js %s:%s: %s", source, line, message)


class MapView(QWidget):
    incidentSelected = Signal(str)
    unitSelected = Signal(str)
    cameraActivated = Signal(str)
    warningSelected = Signal(str)
    sensorActivated = Signal(str)  # a click on a sensor: open its trend
    newIncidentRequested = Signal(float, float)
    pointPicked = Signal(float, float)  # the click that ended start_pick()
    ready = Signal()

    def __init__(self, basemaps: BasemapRegistry | None = None, parent: QWidget | None = None,
                 page_cache: Path | None = None) -> None:
        super().__init__(parent)
        self._registry = basemaps if basemaps is not None else BasemapRegistry()
        self._page_cache = page_cache  # where the rendered page skeleton is kept between starts
        self._ready = False
        self._page_ready = False
        self._queued_commands: list[dict] = []
        self._map_page: MapPage | None = None
        self._html: str | None = None
        self._theme = "night"

        # The view is created before the profile: Qt deletes children in creation order, and a
        # profile must outlive the page that uses it.
        self._view = QWebEngineView(self)
        self._view.setContextMenuPolicy(Qt.ContextMenuPolicy.NoContextMenu)
        self._profile = QWebEngineProfile(self)  # off the record: no cache or cookies on disk
        self._app_handler = AppSchemeHandler(self._built_page, self._districts_path, self._profile)
        self._tiles_handler = TilesSchemeHandler(self._registry, self._profile)
        self._profile.installUrlSchemeHandler(APP_SCHEME, self._app_handler)
        self._profile.installUrlSchemeHandler(TILES_SCHEME, self._tiles_handler)
        self._page = _Page(self._profile, self._view)
        self._page.setBackgroundColor(Qt.GlobalColor.black)

        self._bridge = MapBridge(self)
        self._channel = QWebChannel(self._page)
        self._channel.registerObject("bridge", self._bridge)
        self._page.setWebChannel(self._channel)
        self._view.setPage(self._page)

        self._buffer = DiffBuffer()
        self._coalescer = Coalescer(self._buffer, self._bridge, self)
        self._bridge.loaded.connect(self._on_page_ready)
        self._bridge.snapshotDrawn.connect(self._on_snapshot_drawn)
        self._bridge.clicked.connect(self._on_clicked)
        self._bridge.contextChosen.connect(self._on_context)
        self._page.loadStarted.connect(self._on_load_started)
        self._page.renderProcessTerminated.connect(self._on_renderer_gone)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self._view)
        # Loading is deferred to the event loop so a caller can still attach to profile() first
        # (tests record every request the page makes from the very first one).
        QTimer.singleShot(0, self, self._load)

    # -- public API -------------------------------------------------------------------------

    def profile(self) -> QWebEngineProfile:
        return self._profile

    def page(self) -> QWebEnginePage:
        return self._page

    def is_ready(self) -> bool:
        return self._ready

    def set_snapshot(self, layers: dict[str, list[dict]]) -> None:
        self._buffer.snapshot(layers)
        self._coalescer.schedule()

    def update_items(self, layer: str, upserts: list[dict], removed_ids: Iterable[str] = ()) -> None:
        self._buffer.update(layer, upserts, removed_ids)
        self._coalescer.schedule()

    def fly_to(self, lat: float, lon: float, zoom: int = 16) -> None:
        self._command({"op": "flyTo", "lat": float(lat), "lon": float(lon), "zoom": int(zoom)})

    def select_incident(self, incident_id: str) -> None:
        self._command({"op": "select", "layer": "incidents", "id": incident_id, "fly": True})

    def select_unit(self, unit_id: str) -> None:
        self._command({"op": "select", "layer": "units", "id": unit_id, "fly": True})

    def follow_unit(self, unit_id: str | None) -> None:
        self._command({"op": "follow", "id": unit_id})

    def acknowledge_incident(self, incident_id: str) -> None:
        item = self._buffer.state["incidents"].get(incident_id)
        if item is not None and not item.get("acknowledged"):
            self.update_items("incidents", [{**item, "acknowledged": True}])

    def set_theme(self, name: str) -> None:
        """Day or night map styles, following the console's theme (kept across page reloads)."""
        self._theme = "day" if name == "day" else "night"
        if self._page_ready:
            self._command({"op": "theme", "name": self._theme})

    def start_pick(self) -> None:
        """The next click on the map is reported as pointPicked(lat, lon)."""
        self._command({"op": "pick"})

    def cancel_pick(self) -> None:
        self._command({"op": "cancelPick"})

    def set_shown(self, shown: bool) -> None:
        """Behind another area's tab the page is told it is hidden, so Chromium stops painting it."""
        self._page.setVisible(shown)

    def run_js_query(self, expr: str, callback: Callable[[object], None]) -> None:
        """Evaluate the JavaScript expression `expr` (code written by the caller, never data) and call
        back with its value; several steps go in an arrow or function expression called at once.

        The value travels as JSON because Qt's own conversion drops arrays and objects. The page's
        Content-Security-Policy forbids eval, so the expression is compiled as part of the script.
        """
        script = f"(function(){{var v=({expr}\n);return v===undefined?'null':JSON.stringify(v);}})()"
        self._page.runJavaScript(script, 0, lambda text: callback(json.loads(text) if text else None))

    def refresh_basemaps(self) -> None:
        """After an MBTiles import: rebuild the page; the data is re-sent from the buffer."""
        self._registry.refresh()
        self._map_page = None
        self._load()

    # -- internals --------------------------------------------------------------------------

    def _load(self) -> None:
        self._page.load(QUrl(PAGE_URL))

    def _districts_path(self):
        return self._registry.districts_geojson

    def _built_page(self) -> MapPage:
        if self._map_page is None:
            # Built when the page is first served, after the window is up; folium itself is imported
            # only when no earlier start left the rendered skeleton in the cache.
            from console.map.page import APP_BASE, build_page

            self._map_page = build_page(
                {
                    "basemaps": self._registry.page_config(),
                    "districtsUrl": f"{APP_BASE}/basemap/districts.geojson",
                    "strings": page_strings(),
                },
                cache_dir=self._page_cache,
            )
        return self._map_page

    def _command(self, cmd: dict) -> None:
        if not self._page_ready:
            self._queued_commands.append(cmd)
            return
        # Data sent before a command must be on the page first (select right after a snapshot).
        self._coalescer.flush()
        self._bridge.command.emit(to_json(cmd))

    def _on_load_started(self) -> None:
        self._page_ready = False
        self._coalescer.set_enabled(False)

    def _on_page_ready(self) -> None:
        self._page_ready = True
        self._bridge.command.emit(to_json({"op": "theme", "name": self._theme}))
        self._buffer.resend_all()
        self._coalescer.set_enabled(True)
        self._coalescer.flush()

    def _on_snapshot_drawn(self) -> None:
        queued, self._queued_commands = self._queued_commands, []
        for cmd in queued:
            self._command(cmd)
        if not self._ready:
            self._ready = True
            self.ready.emit()

    def _on_clicked(self, layer: str, item_id: str) -> None:
        signal = {
            "incidents": self.incidentSelected,
            "units": self.unitSelected,
            "cameras": self.cameraActivated,
            "warnings": self.warningSelected,
            "sensors": self.sensorActivated,
        }.get(layer)
        if signal is not None:
            signal.emit(item_id)

    def _on_context(self, action: str, lat: float, lon: float) -> None:
        if action == "new_incident":
            self.newIncidentRequested.emit(lat, lon)
        elif action == "pick":
            self.pointPicked.emit(lat, lon)

    def _on_renderer_gone(self, status, code: int) -> None:
        log.error("map renderer terminated (%s, exit code %s); reloading", status, code)
        QTimer.singleShot(500, self, self._load)

    def closeEvent(self, event) -> None:  # noqa: N802 (Qt override)
        self._coalescer.set_enabled(False)
        self._tiles_handler.close()
        super().closeEvent(event)

