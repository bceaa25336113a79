"""The video wall: tiles in a layout of 1, 4, 9, 16 or one large and five small, fed by the player
pool and moved on by the round-robin patrol (视频轮巡). The patrol itself is domain code; this view
asks it what to show and what to open next, and tells it which cameras went offline."""
from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path
from typing import cast

from PySide6.QtCore import QBuffer, QIODevice, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QGuiApplication, QKeySequence
from PySide6.QtWidgets import (
    QComboBox,
    QDoubleSpinBox,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QSpinBox,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from console.domain.patrol import DWELL_MAX_S, DWELL_MIN_S, LAYOUTS, Patrol
from console.video.player_pool import LIVE, OFFLINE, PlayerPool
from console.video.tile import VideoTile

# tile index -> (row, column, row span, column span) on the grid, per layout
_GRIDS = {
    "1": [(0, 0, 1, 1)],
    "4": [(r, c, 1, 1) for r in range(2) for c in range(2)],
    "9": [(r, c, 1, 1) for r in range(3) for c in range(3)],
    "16": [(r, c, 1, 1) for r in range(4) for c in range(4)],
    "1+5": [(0, 0, 2, 2), (0, 2, 1, 1), (1, 2, 1, 1), (2, 0, 1, 1), (2, 1, 1, 1), (2, 2, 1, 1)],
}


class VideoWall(QWidget):
    snapshot_taken = Signal(dict)  # the snapshot row

    def __init__(self, cameras, ops, snapshot_dir: Path,
                 incident_cameras: Callable[[str, float], list[str]] | None = None,
                 layout: str = "9", dwell_s: float = 15.0, now: Callable[[], float] = time.monotonic,
                 backoff_base_s: float = 2.0, connect_timeout_s: float = 8.0, preopen: bool = True,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.cameras = cameras
        self.ops = ops
        self.snapshot_dir = snapshot_dir
        self.incident_cameras = incident_cameras
        self.preopen = preopen
        self._now = now
        self._backoff_base_s = backoff_base_s
        self._info: dict[str, dict] = {}
        self.incident_id: str | None = None
        self.layout_key = layout
        self.pool = PlayerPool(max_open=2 * max(LAYOUTS.values()), connect_timeout_s=connect_timeout_s,
                               parent=self,
                               now=now)
        self.pool.frame.connect(self._on_frame)
        self.pool.state_changed.connect(self._on_state)
        self.patrol = Patrol([], LAYOUTS[layout], dwell_s, max_open=2 * LAYOUTS[layout],
                             backoff_base_s=backoff_base_s, backoff_max_s=60)
        self.tiles: list[VideoTile] = []
        self.selected = 0
        self.enlarged: int | None = None
        self._build_controls(dwell_s)
        self._grid_host = QWidget(self)
        self._grid = QGridLayout(self._grid_host)
        self._grid.setSpacing(2)
        self._grid.setContentsMargins(0, 0, 0, 0)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.addLayout(self._bar)
        lay.addWidget(self._grid_host, 1)
        self._make_actions()
        self._timer = QTimer(self)
        self._timer.setInterval(250)
        self._timer.timeout.connect(self._tick)
        self._shown = True  # see set_shown
        # Visibility is judged once the events are handled: when the window first shows, every tabbed
        # dock is shown for a moment (and stays "visible" to Qt) before the tabs cover all but one.
        self._visibility = QTimer(self, singleShot=True, interval=0)
        self._visibility.timeout.connect(self._follow_visibility)
        self._set_layout(layout)
        self.reload()

    # --- controls ------------------------------------------------------------------------------
    def _build_controls(self, dwell_s: float) -> None:
        self._bar = QHBoxLayout()
        self.layout_box = QComboBox()
        for key in LAYOUTS:
            self.layout_box.addItem(self.tr("1 large + 5") if key == "1+5" else key, key)
        self.layout_box.setCurrentIndex(list(LAYOUTS).index(self.layout_key))
        self.layout_box.currentIndexChanged.connect(lambda i: self._set_layout(self.layout_box.itemData(i)))
        self.dwell_box = QSpinBox()
        self.dwell_box.setRange(DWELL_MIN_S, DWELL_MAX_S)
        self.dwell_box.setValue(int(dwell_s))
        self.dwell_box.setSuffix(self.tr(" s"))
        self.dwell_box.valueChanged.connect(lambda v: setattr(self.patrol, "dwell_s", float(v)))
        self.radius_box = QDoubleSpinBox()
        self.radius_box.setRange(0.2, 20)
        self.radius_box.setValue(2.0)
        self.radius_box.setSuffix(self.tr(" km"))
        self.status = QLabel()
        self._bar.addWidget(QLabel(self.tr("Layout")))
        self._bar.addWidget(self.layout_box)
        self._bar.addWidget(QLabel(self.tr("Dwell")))
        self._bar.addWidget(self.dwell_box)
        self._buttons: dict[str, QToolButton] = {}
        for name in ("back", "pause", "next", "pin", "enlarge", "snapshot", "all", "incident", "full"):
            b = QToolButton()
            self._buttons[name] = b
            self._bar.addWidget(b)
            if name == "incident":
                self._bar.addWidget(self.radius_box)
        self._bar.addWidget(self.status, 1)
        from console.views.camera_dialogs import camera_menu

        cams = QToolButton()
        cams.setText(self.tr("Cameras"))
        cams.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        cams.setMenu(camera_menu(self, self.cameras, self.ops, lambda: self.tiles[self.selected].camera_id))
        self._bar.addWidget(cams)

    def _make_actions(self) -> None:
        specs = {
            "back": (self.tr("◀ Back"), "Left", lambda: self.step(-1)),
            "pause": (self.tr("Pause"), "Space", self.toggle_pause),
            "next": (self.tr("Next ▶"), "Right", lambda: self.step(+1)),
            "pin": (self.tr("Pin"), "P", lambda: self.toggle_pin(self.selected)),
            "enlarge": (self.tr("Enlarge"), "Return", lambda: self.toggle_enlarge(self.selected)),
            "snapshot": (self.tr("Snapshot"), "S", lambda: self.snapshot(self.selected)),
            "all": (self.tr("All cameras"), "A", self.reload),
            "incident": (self.tr("Patrol around incident"), "I", self.patrol_incident),
            "full": (self.tr("Full screen"), "F11", self.toggle_full_screen),
        }
        self.actions_by_name: dict[str, QAction] = {}
        for name, (text, key, slot) in specs.items():
            act = QAction(text, self)
            act.setShortcut(QKeySequence(key))
            act.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            act.triggered.connect(slot)
            self.addAction(act)
            self._buttons[name].setDefaultAction(act)
            self.actions_by_name[name] = act
        esc = QAction(self)
        esc.setShortcut(QKeySequence("Escape"))
        esc.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        esc.triggered.connect(self._escape)
        self.addAction(esc)
        self._full_window: QWidget | None = None

    def _escape(self) -> None:
        if self._full_window is not None:
            self.toggle_full_screen()
        elif self.enlarged is not None:
            self.toggle_enlarge(self.enlarged)

    def toggle_full_screen(self) -> None:
        """The tiles alone, full screen on the last monitor (a second one when there is one)."""
        if self._full_window is None:
            win = QWidget(None, Qt.WindowType.Window)
            win.setWindowTitle(self.tr("Video wall"))
            win_layout = QVBoxLayout(win)
            win_layout.setContentsMargins(0, 0, 0, 0)
            win_layout.addWidget(self._grid_host)
            for act in self.actions():
                win.addAction(act)
            screens = QGuiApplication.screens()
            win.setScreen(screens[-1])
            win.setGeometry(screens[-1].geometry())
            win.showFullScreen()
            self._full_window = win
        else:
            cast(QVBoxLayout, self.layout()).addWidget(self._grid_host, 1)
            self._grid_host.show()
            self._full_window.deleteLater()
            self._full_window = None

    # --- cameras and layout ----------------------------------------------------------------------
    def reload(self, camera_ids: list[str] | None = None) -> None:
        """Patrol every playable camera, or the given ones, from the first page."""
        self._info = {c["id"]: c for c in self.cameras.playable()}
        ids = [c for c in (camera_ids if camera_ids is not None else self._info) if c in self._info]
        pinned = {t: c for t, c in self.patrol.pinned.items() if c in self._info}
        self.patrol = Patrol(ids, len(self.tiles), self.patrol.dwell_s, max_open=2 * len(self.tiles),
                             backoff_base_s=self._backoff_base_s, backoff_max_s=60, pinned=pinned,
                             paused=self.patrol.paused)
        self.patrol.start(self._now())
        self._apply()

    def on_changes(self, changes) -> None:
        if not (changes.reset or changes.cameras):
            return
        before = set(self._info)
        playable = {c["id"]: c for c in self.cameras.playable()}
        if set(playable) == before:
            self._info = playable  # names or addresses may have changed
            self._apply()
            return
        patrolling_all = set(self.patrol.cameras) == before
        self.reload(None if patrolling_all else [c for c in self.patrol.cameras if c in playable])

    def _set_layout(self, key: str) -> None:
        self.layout_key = key
        for t in self.tiles:
            self._grid.removeWidget(t)
            t.deleteLater()
        self.tiles = []
        for i, (r, c, rs, cs) in enumerate(_GRIDS[key]):
            tile = VideoTile(i, self._grid_host)
            tile.clicked.connect(self.select)
            tile.double_clicked.connect(self.toggle_enlarge)
            self._grid.addWidget(tile, r, c, rs, cs)
            self.tiles.append(tile)
        self.enlarged = None
        self.selected = min(self.selected, len(self.tiles) - 1)
        self.patrol.tiles = len(self.tiles)
        self.patrol.max_open = 2 * len(self.tiles)
        self.patrol.pinned = {t: c for t, c in self.patrol.pinned.items() if t < len(self.tiles)}
        self.patrol.start(self._now())
        self._apply()

    def _apply(self) -> None:
        """Show the patrol's page and keep open its streams (and the next page's, to switch at once)."""
        now = self._now()
        page = self.patrol.page()
        wanted = self.patrol.to_open(now) if self.preopen else [c for c in page if c]
        if not self._in_view():
            wanted = []  # a hidden wall decodes nothing; shown again, it opens its page
        self.pool.keep({c: self._info[c]["url"] for c in wanted if c in self._info})
        for camera_id, feed in self.pool.feeds.items():
            feed.set_on_screen(camera_id in page)
        for tile, cid in zip(self.tiles, page, strict=False):
            info = self._info.get(cid or "")
            tile.pinned = tile.index in self.patrol.pinned
            tile.selected = tile.index == self.selected
            tile.show_camera(cid if info else None, info["name"] if info else "", self.pool.get(cid),
                             bool(info and info["sample"]))
        self._show_status()

    def _show_status(self) -> None:
        n = len(self.patrol.cameras)
        if not n:
            self.status.setText(self.tr("No playable cameras: add one with a stream URL."))
            return
        if self.patrol.paused:
            state = self.tr("paused")
        elif self.patrol.rotates():
            state = self.tr("next page in {0} s").format(int(self.patrol.remaining(self._now()) + 0.99))
        else:
            state = self.tr("all cameras on the wall")
        live = sum(1 for f in self.pool.feeds.values() if f.state == LIVE)
        self.status.setText(self.tr("{0} cameras, {1} streams live; {2}").format(n, live, state))

    # --- patrol --------------------------------------------------------------------------------
    def _tick(self) -> None:
        now = self._now()
        if self.patrol.tick(now):
            self._apply()
        for cid, feed in list(self.pool.feeds.items()):  # on the wall or opened ahead of the next page
            if feed.state == OFFLINE and self.patrol.available(cid, now):
                feed.open()  # its backoff is over: try again
        for tile in self.tiles:
            if not tile.showing_picture():
                tile.update()  # the clock and the state move on without frames
        self._show_status()

    def step(self, direction: int) -> None:
        self.patrol.step(direction, self._now())
        self._apply()

    def toggle_pause(self) -> None:
        if self.patrol.paused:
            self.patrol.resume(self._now())
            self.actions_by_name["pause"].setText(self.tr("Pause"))
        else:
            self.patrol.pause()
            self.actions_by_name["pause"].setText(self.tr("Resume"))
        self._show_status()

    def toggle_pin(self, index: int) -> None:
        if index in self.patrol.pinned:
            self.patrol.unpin(index)
        else:
            self.patrol.pin(index)
        self._apply()

    def show_camera(self, camera_id: str) -> None:
        """A camera chosen elsewhere (the map) plays on the selected tile, pinned there."""
        if camera_id not in self._info:
            self._info = {c["id"]: c for c in self.cameras.playable()}
        if camera_id not in self._info:
            self.ops.info.emit(self.tr("This camera has no stream address to play."))
            return
        self.patrol.show_on(self.selected, camera_id)
        self._apply()

    def run_plan(self, plan: dict) -> None:
        """Patrol a stored plan: its cameras and groups, its layout and dwell."""
        self.dwell_box.setValue(int(plan["dwell_s"]))
        self.layout_box.setCurrentIndex(list(LAYOUTS).index(plan["layout"]))
        self.reload(self.cameras.plan_cameras(plan))

    def save_plan(self, name: str) -> str | None:
        r = self.ops.run(self.cameras.save_plan, name, list(self.patrol.cameras), [], self.patrol.dwell_s,
                         self.layout_key)
        if r is None:
            return None
        self.ops.publish(r.changes)
        return r.value

    def set_incident(self, incident_id: str | None) -> None:
        self.incident_id = incident_id

    def patrol_incident(self) -> None:
        if not self.incident_id or self.incident_cameras is None:
            self.ops.info.emit(self.tr("Select an incident first."))
            return
        ids = self.incident_cameras(self.incident_id, self.radius_box.value() * 1000)
        if not ids:
            self.ops.info.emit(self.tr("No cameras near this incident or at the key targets of its preplan."))
            return
        self.reload(ids)

    # --- tiles ---------------------------------------------------------------------------------
    def select(self, index: int) -> None:
        self.selected = index
        for t in self.tiles:
            t.selected = t.index == index
            t.update()

    def toggle_enlarge(self, index: int) -> None:
        self.select(index)
        self.enlarged = None if self.enlarged == index else index
        for t in self.tiles:
            t.setVisible(self.enlarged is None or t.index == self.enlarged)

    def _on_frame(self, camera_id: str) -> None:
        for t in self.tiles:
            if t.camera_id == camera_id and t.isVisible():
                t.update()

    def _on_state(self, camera_id: str, state: str, reason: str) -> None:
        if state == OFFLINE:
            self.patrol.mark_offline(camera_id, self._now(), reason)
        elif state == LIVE:
            self.patrol.mark_online(camera_id)
        for t in self.tiles:
            if t.camera_id == camera_id:
                t.update()

    def settled(self) -> bool:
        return all(t.settled() for t in self.tiles)

    def snapshot(self, index: int) -> dict | None:
        tile = self.tiles[index] if 0 <= index < len(self.tiles) else None
        if tile is None or not tile.showing_picture():
            self.ops.info.emit(self.tr("There is no picture on this tile to keep."))
            return None
        buf = QBuffer()
        buf.open(QIODevice.OpenModeFlag.WriteOnly)
        image = tile.feed.image() if tile.feed is not None else None
        assert image is not None  # showing_picture() saw one
        image.save(buf, "PNG")  # type: ignore[call-overload]  # PySide6 stub: says bytes; PySide wants str
        result = self.ops.run(self.cameras.snapshot, tile.camera_id, buf.data().data(), self.snapshot_dir,
                              self.incident_id)
        if result is None:
            return None
        self.ops.publish(result.changes)
        self.ops.info.emit(self.tr("Snapshot kept in the duty log: {0}").format(result.value["path"]))
        self.snapshot_taken.emit(result.value)
        return result.value

    # Hidden (another area's tab in front, the window minimised), the wall does no work: no ticking,
    # no streams decoding. Shown again, it opens the patrol's current page. A tabbed dock behind
    # another stays "visible" to Qt, so the window tells the wall through set_shown.
    def set_shown(self, shown: bool) -> None:
        self._shown = shown
        if shown:
            self._visibility.start()
        else:
            self._follow_visibility()

    def _in_view(self) -> bool:
        return self._shown and self.isVisible() and not self.visibleRegion().isEmpty()

    def _follow_visibility(self) -> None:
        if self._in_view():
            if not self._timer.isActive():
                self._timer.start()
                self._apply()
        else:
            self._timer.stop()
            self.pool.keep({})

    def showEvent(self, event) -> None:  # noqa: N802 (Qt override)
        super().showEvent(event)
        self._visibility.start()

    def hideEvent(self, event) -> None:  # noqa: N802 (Qt override)
        super().hideEvent(event)
        self._follow_visibility()

    def shutdown(self) -> None:
        self._timer.stop()
        self.pool.close()
