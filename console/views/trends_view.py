"""The Trends area: several sensors at once against their blue/yellow/orange/red lines, live or over
a past range, with pyqtgraph doing the drawing (peak downsampling and clip-to-view keep a week of
readings smooth). Reads come from the SensorService; it refreshes from Operations.changed.

Each series is read at the finest level (raw, minute or hour rollups) whose points over the span shown
stay within two a pixel, so a week of twenty gauges or a million readings draw from a few thousand
points. What is loaded covers the span shown (and, after a pan out of it, a span either side): a pan
inside it reads nothing and rebuilds nothing; only leaving it or zooming far reads again."""
from __future__ import annotations

import csv
from dataclasses import dataclass
from datetime import UTC, datetime

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QCoreApplication, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QFileDialog,
    QGraphicsItem,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from console.domain.changes import Changes

PRESETS = (("1h", 3600), ("24h", 86400), ("7d", 7 * 86400))
LINE_COLOURS = {"blue": "#1e6fd9", "yellow": "#e6c619", "orange": "#f08a00", "red": "#d9261c"}
SERIES_COLOURS = ("#00a2a8", "#c2185b", "#2e7d32", "#6a1b9a", "#ef6c00", "#1565c0", "#795548", "#00838f")
BAND_ALPHA = 40
DOWNSAMPLE_PER_PIXEL = 1.0  # pyqtgraph's default, 5 samples a pixel, draws five times the points
DEFAULT_KINDS = ("water_level",)  # what the area shows before the officer picks
POINTS_PER_PIXEL = 2  # one min/max pair a pixel: what peak downsampling would draw anyway
OVERSIZED = 4  # more points than this many widths' worth: plotted clipped and peak-downsampled
ZOOM_RELOAD = 2.0  # a span this many times longer or shorter than the one loaded reads a new level


@dataclass(frozen=True)
class Loaded:
    """What one series holds: its level and the time range read (t1 infinite when it reached now,
    since later readings arrive through Operations.changed)."""

    resolution: str
    t0: float
    t1: float
    span: float

    def serves(self, x0: float, x1: float) -> bool:
        span = x1 - x0
        return (self.t0 <= x0 and x1 <= self.t1
                and self.span / ZOOM_RELOAD <= span <= self.span * ZOOM_RELOAD)


class TrendsView(QWidget):
    sensorShown = Signal(str)

    def __init__(self, sensors, clock, parent=None) -> None:
        super().__init__(parent)
        self.sensors = sensors
        self.clock = clock
        self.span = 86400
        self.live = True
        self.curves: dict[str, pg.PlotDataItem] = {}
        self.data: dict[str, tuple[np.ndarray, np.ndarray]] = {}
        self.loaded: dict[str, Loaded] = {}
        self.lines: dict[str, list] = {}
        # Threshold lines shared by every series with the same line (twenty gauges, four lines).
        self._shared_lines: dict[tuple[float, str], tuple[pg.InfiniteLine, set[str]]] = {}
        self._reload_timer = QTimer(self)
        self._reload_timer.setSingleShot(True)
        self._reload_timer.timeout.connect(self._reload_visible)
        self.bands: list[pg.LinearRegionItem] = []
        self._build()
        self.reload_list()

    # -- layout
    def _build(self) -> None:
        self.list = QListWidget()
        self.list.itemChanged.connect(self._toggled)
        self.list.currentItemChanged.connect(lambda *_: self._draw_bands())
        pg.setConfigOptions(antialias=False)
        self.plot = pg.PlotWidget(axisItems={"bottom": pg.DateAxisItem(utcOffset=-8 * 3600)})
        self.plot.setBackground("w")
        self.plot.showGrid(x=False, y=True, alpha=0.25)  # a vertical grid too costs a third of a frame
        legend = self.plot.addLegend(offset=(10, 10))
        # The legend (twenty names) does not change as the plot pans: paint it once, then blit it.
        self.legend = legend
        _cache_painting(legend)
        # Nor does the value axis with its grid, replayed text and all, until the values shown change.
        _cache_painting(self.plot.getPlotItem().getAxis("left"))
        self.plot.setClipToView(True)
        self.plot.setDownsampling(auto=True, mode="peak")
        self.vline = pg.InfiniteLine(
            angle=90, movable=False, pen=pg.mkPen("#888", style=Qt.PenStyle.DashLine)
        )
        self.hline = pg.InfiniteLine(angle=0, movable=False, pen=pg.mkPen("#888", style=Qt.PenStyle.DashLine))
        for line in (self.vline, self.hline):
            self.plot.addItem(line, ignoreBounds=True)
        self.readout = QLabel(" ")
        self.readout.setObjectName("trendReadout")
        self._mouse = pg.SignalProxy(self.plot.scene().sigMouseMoved, rateLimit=30, slot=self._moved)
        self.presets = QButtonGroup(self)
        bar = QHBoxLayout()
        names = {"1h": self.tr("1 h"), "24h": self.tr("24 h"), "7d": self.tr("7 d")}
        for key, secs in PRESETS:
            b = QPushButton(names[key])
            b.setCheckable(True)
            b.setObjectName(f"preset_{key}")
            b.setChecked(secs == self.span)
            b.clicked.connect(lambda _=False, s=secs: self.set_span(s))
            self.presets.addButton(b)
            bar.addWidget(b)
        self.live_btn = QPushButton(self.tr("Live"))
        self.live_btn.setCheckable(True)
        self.live_btn.setChecked(True)
        self.live_btn.toggled.connect(self.set_live)
        bar.addWidget(self.live_btn)
        bar.addStretch(1)
        bar.addWidget(self.readout)
        png = QPushButton(self.tr("Export PNG…"))
        png.clicked.connect(lambda: self._ask_export("png"))
        csv_btn = QPushButton(self.tr("Export CSV…"))
        csv_btn.clicked.connect(lambda: self._ask_export("csv"))
        bar.addWidget(png)
        bar.addWidget(csv_btn)
        right = QWidget()
        rl = QVBoxLayout(right)
        rl.setContentsMargins(0, 0, 0, 0)
        rl.addLayout(bar)
        rl.addWidget(self.plot, 1)
        split = QSplitter()
        split.addWidget(self.list)
        split.addWidget(right)
        split.setStretchFactor(1, 4)
        split.setSizes([240, 1000])
        lay = QVBoxLayout(self)
        lay.setContentsMargins(4, 4, 4, 4)
        lay.addWidget(split)
        self.plot.getViewBox().sigRangeChangedManually.connect(lambda *_: self.set_live(False))
        self.plot.getViewBox().sigXRangeChanged.connect(self._view_moved)

    # -- the sensor list
    def reload_list(self) -> None:
        shown = set(self.curves)
        self.list.blockSignals(True)
        self.list.clear()
        for s in self.sensors.sensors():
            label = s.name + (QCoreApplication.translate("TrendsView", " (sample)") if s.sample else "")
            item = QListWidgetItem(f"{label} · {s.value:g} {s.unit}" if s.value is not None else label)
            item.setData(Qt.ItemDataRole.UserRole, s.id)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Checked if s.id in shown else Qt.CheckState.Unchecked)
            if s.level:
                item.setForeground(pg.mkColor(LINE_COLOURS[s.level]))
            self.list.addItem(item)
        self.list.blockSignals(False)
        if not shown and self.list.count():
            self.show_kinds(DEFAULT_KINDS)

    def show_kinds(self, kinds) -> None:
        for i in range(self.list.count()):
            item = self.list.item(i)
            s = self.sensors.get(item.data(Qt.ItemDataRole.UserRole))
            if s is not None and s.kind in kinds and s.value is not None:
                item.setCheckState(Qt.CheckState.Checked)

    def show_sensor(self, sensor_id: str) -> None:
        """Open a sensor's trend (from the map): checked, current, its lines drawn."""
        for i in range(self.list.count()):
            item = self.list.item(i)
            if item.data(Qt.ItemDataRole.UserRole) == sensor_id:
                item.setCheckState(Qt.CheckState.Checked)
                self.list.setCurrentItem(item)
                self.sensorShown.emit(sensor_id)

    def _toggled(self, item: QListWidgetItem) -> None:
        sid = item.data(Qt.ItemDataRole.UserRole)
        if item.checkState() == Qt.CheckState.Checked:
            self._add(sid)
        else:
            self._remove(sid)
        self._draw_bands()

    # -- series
    def now(self) -> float:
        last = self.sensors.last_time()
        return max(self.clock.now().timestamp(), last or 0.0)

    def _add(self, sid: str) -> None:
        s = self.sensors.get(sid)
        if s is None or sid in self.curves:
            return
        colour = SERIES_COLOURS[len(self.curves) % len(SERIES_COLOURS)]
        # Thin pens: Qt's raster engine draws a 2 px polyline at a third of the speed, and twenty
        # series must pan smoothly. A series handed more points than the width holds is peak-downsampled
        # to about one min/max pair a pixel, which keeps every excursion visible (see set_series).
        curve = self.plot.plot(name=s.name, pen=pg.mkPen(colour, width=1), skipFiniteCheck=True)
        curve.opts["autoDownsampleFactor"] = DOWNSAMPLE_PER_PIXEL
        self.curves[sid] = curve
        for sample, label in self.legend.items:  # each name in the legend paints itself
            for item in (sample, label, label.item):
                _cache_painting(item)
        self.lines[sid] = []
        for t in s.thresholds:
            line, users = self._shared_lines.get((t.value, t.colour), (None, set()))
            if line is None:
                line = pg.InfiniteLine(t.value, angle=0, movable=False, pen=pg.mkPen(
                    LINE_COLOURS[t.colour], width=1, style=Qt.PenStyle.DashLine))
                self.plot.addItem(line, ignoreBounds=True)
                self._shared_lines[(t.value, t.colour)] = (line, users)
            users.add(sid)
            self.lines[sid].append(line)
        self._follow()  # live: the range up to now first, then the series read for it
        self._load(sid)

    def _remove(self, sid: str) -> None:
        curve = self.curves.pop(sid, None)
        if curve is not None:
            self.plot.removeItem(curve)
        for key, (line, users) in list(self._shared_lines.items()):
            users.discard(sid)
            if not users:
                self.plot.removeItem(line)
                del self._shared_lines[key]
        self.lines.pop(sid, None)
        self.data.pop(sid, None)
        self.loaded.pop(sid, None)

    def _max_points(self) -> int:
        return POINTS_PER_PIXEL * max(int(self.plot.getViewBox().width()), 600)

    def _load(self, sid: str, margin: float = 0.0) -> None:
        """Read the series for the range shown (widened by margin spans each side) at its level."""
        (x0, x1), _ = self.plot.getViewBox().viewRange()
        span = x1 - x0
        t0, t1 = x0 - margin * span, x1 + margin * span
        now = self.now()
        level = self.sensors.resolution_for(sid, x0, x1, self._max_points())
        ts, vs = self.sensors.series(sid, t0, t1, resolution=level)
        self.set_series(sid, ts, vs)
        # Live, the range ends at now even when now moved on while it was read: new readings are
        # appended as they arrive, not read again with the whole range a moment later.
        self.loaded[sid] = Loaded(level, t0, np.inf if self.live or t1 >= now else t1, span)

    def set_series(self, sid: str, ts: np.ndarray, vs: np.ndarray) -> None:
        self.data[sid] = (ts, vs)
        curve = self.curves[sid]
        # Clipping and downsampling redo the curve on every pan; worth it only for more points than
        # the width holds (a series handed over raw), not for one already read at its level.
        big = len(ts) > OVERSIZED * self._max_points()
        curve.setClipToView(big)
        curve.setDownsampling(auto=big, method="peak")
        curve.setData(ts, vs)

    def _view_moved(self, *_) -> None:
        """A pan or zoom: a series whose loaded data does not serve the new range reads again, once the
        events of this gesture are handled; a pan inside what is loaded costs nothing here."""
        (x0, x1), _ = self.plot.getViewBox().viewRange()
        if any(not (self.loaded.get(sid) and self.loaded[sid].serves(x0, x1)) for sid in self.curves):
            self._reload_timer.start(0)

    def _reload_visible(self) -> None:
        (x0, x1), _ = self.plot.getViewBox().viewRange()
        for sid in list(self.curves):
            got = self.loaded.get(sid)
            if not (got and got.serves(x0, x1)):
                self._load(sid, margin=0.0 if self.live else 1.0)  # live: nothing lies ahead

    def _draw_bands(self) -> None:
        """Coloured bands between the lines of the current (else the first) sensor shown."""
        for b in self.bands:
            self.plot.removeItem(b)
        self.bands = []
        item = self.list.currentItem()
        sid = item.data(Qt.ItemDataRole.UserRole) if item is not None else None
        if sid not in self.curves:
            sid = next(iter(self.curves), None)
        s = self.sensors.get(sid) if sid else None
        if s is None or not s.thresholds:
            return
        values = [t.value for t in s.thresholds]
        rising = s.thresholds[0].rising
        ends = values[1:] + [values[-1] + (abs(values[-1] - values[0]) or 1.0) * (1 if rising else -1)]
        for t, end in zip(s.thresholds, ends, strict=True):
            c = pg.mkColor(LINE_COLOURS[t.colour])
            c.setAlpha(BAND_ALPHA)
            band = pg.LinearRegionItem((t.value, end), orientation="horizontal", movable=False, brush=c,
                                       pen=pg.mkPen(None))
            band.setZValue(-10)
            self.plot.addItem(band, ignoreBounds=True)
            self.bands.append(band)

    # -- ranges
    def set_span(self, seconds: int) -> None:
        self.span = seconds
        for b in self.presets.buttons():
            b.setChecked(b.objectName() == f"preset_{_preset_key(seconds)}")
        self.set_live(True)  # the range first: each series is read for the range shown
        self._reload_timer.stop()
        for sid in list(self.curves):
            self._load(sid)

    def show_range(self, t0: float, t1: float) -> None:
        """A past range (a whole history, an incident's hours): not live, each series at its level."""
        self.set_live(False)
        self.plot.setXRange(t0, t1, padding=0)
        self._reload_timer.stop()
        for sid in list(self.curves):
            self._load(sid)

    def set_live(self, live: bool) -> None:
        self.live = live
        self.live_btn.blockSignals(True)
        self.live_btn.setChecked(live)
        self.live_btn.blockSignals(False)
        self._follow()

    def _follow(self) -> None:
        if self.live:
            t1 = self.now()
            self.plot.setXRange(t1 - self.span, t1, padding=0)
            self.plot.enableAutoRange(axis="y")

    def on_changes(self, ch: Changes) -> None:
        if ch.reset or ch.sensors - set(self._listed()):
            self.reload_list()
            return
        if ch.sensors:
            self.reload_list()
        for sid in ch.readings & set(self.curves):
            self._append_new(sid)
        if ch.readings & set(self.curves):
            self._follow()

    def _append_new(self, sid: str) -> None:
        """New readings onto a series that reaches now: raw ones appended; for a rollup level, its last
        bucket (which the new readings may have changed) and any after it read again."""
        got = self.loaded.get(sid)
        if got is None or got.t1 != np.inf:
            return
        ts, vs = self.data.get(sid, (np.empty(0), np.empty(0)))
        if got.resolution == "raw":
            since = ts[-1] + 1e-6 if len(ts) else got.t0
            keep = len(ts)
        else:
            b = 60 if got.resolution == "minute" else 3600
            start = ts[-1] // b * b if len(ts) else got.t0
            keep = int(np.searchsorted(ts, start))
            since = start + 1e-6  # that bucket, not the one before it that overlaps the instant
        nts, nvs = self.sensors.series(sid, since, self.now() + 1, resolution=got.resolution)
        if len(nts):
            self.set_series(sid, np.concatenate([ts[:keep], nts]), np.concatenate([vs[:keep], nvs]))

    def _listed(self) -> list[str]:
        return [self.list.item(i).data(Qt.ItemDataRole.UserRole) for i in range(self.list.count())]

    # -- crosshair
    def _moved(self, event) -> None:
        pos = event[0]
        vb = self.plot.getViewBox()
        if not self.plot.sceneBoundingRect().contains(pos):
            return
        p = vb.mapSceneToView(pos)
        self.vline.setPos(p.x())
        self.hline.setPos(p.y())
        self.readout.setText(self.readout_at(p.x()))

    def readout_at(self, t: float) -> str:
        parts = [datetime.fromtimestamp(t, UTC).astimezone().strftime("%m-%d %H:%M:%S")]
        for sid, (ts, vs) in self.data.items():
            if len(ts):
                i = int(np.clip(np.searchsorted(ts, t), 0, len(ts) - 1))
                s = self.sensors.get(sid)
                parts.append(f"{s.name if s else sid} {vs[i]:g}{s.unit if s else ''}")
        return "  ".join(parts)

    # -- export
    def _ask_export(self, kind: str) -> None:
        caption = self.tr("Export trend")
        pattern = "PNG (*.png)" if kind == "png" else "CSV (*.csv)"
        path, _ = QFileDialog.getSaveFileName(self, caption, f"trend.{kind}", pattern)
        if path:
            (self.export_png if kind == "png" else self.export_csv)(path)

    def export_png(self, path: str) -> bool:
        return self.plot.grab().save(str(path))

    def export_csv(self, path: str) -> int:
        """The readings in view (the x range shown), one line each; returns how many."""
        (x0, x1), _ = self.plot.getViewBox().viewRange()
        n = 0
        with open(path, "w", newline="", encoding="utf-8") as f:
            w = csv.writer(f)
            w.writerow(["sensor_id", "name", "time", "value", "unit"])
            for sid, (ts, vs) in self.data.items():
                s = self.sensors.get(sid)
                if self.loaded[sid].resolution != "raw":  # the plot holds rollups: read the readings
                    ts, vs = self.sensors.series(sid, x0, x1, resolution="raw")
                keep = (ts >= x0) & (ts <= x1)
                for t, v in zip(ts[keep], vs[keep], strict=True):
                    w.writerow(
                        [
                            sid,
                            s.name if s else "",
                            datetime.fromtimestamp(t, UTC).isoformat(),
                            f"{v:g}",
                            s.unit if s else "",
                        ]
                    )
                    n += 1
        return n


def _cache_painting(item: QGraphicsItem) -> None:
    item.setCacheMode(QGraphicsItem.CacheMode.DeviceCoordinateCache)


def _preset_key(seconds: int) -> str:
    return next((k for k, s in PRESETS if s == seconds), "")


def make_trends_area(sensors, ops, clock) -> TrendsView:
    view = TrendsView(sensors, clock)
    ops.changed.connect(view.on_changes)
    return view
