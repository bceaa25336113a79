"""The main window only arranges: docks for the working areas, the toolbar, the status bar, and
saving/restoring the layout. Behaviour lives in the controllers that hand it widgets and actions."""
from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import (
    QDockWidget,
    QLabel,
    QMainWindow,
    QMenuBar,
    QScrollArea,
    QTabBar,
    QToolBar,
    QVBoxLayout,
    QWidget,
)

from console import settings as opts

# name -> (where, tab group); areas in the same group are tabbed together, the first one in front.
LAYOUT = {
    "map": (Qt.DockWidgetArea.LeftDockWidgetArea, "main"),
    "video": (Qt.DockWidgetArea.LeftDockWidgetArea, "main"),
    "incidents": (Qt.DockWidgetArea.RightDockWidgetArea, "side"),
    "preplans": (Qt.DockWidgetArea.RightDockWidgetArea, "side2"),
    "log": (Qt.DockWidgetArea.BottomDockWidgetArea, "bottom"),
    "comms": (Qt.DockWidgetArea.BottomDockWidgetArea, "bottom"),
    "tasks": (Qt.DockWidgetArea.BottomDockWidgetArea, "bottom"),
    "units": (Qt.DockWidgetArea.BottomDockWidgetArea, "bottom"),
    "devices": (Qt.DockWidgetArea.BottomDockWidgetArea, "bottom"),
    "trends": (Qt.DockWidgetArea.BottomDockWidgetArea, "bottom"),
    "warnings": (Qt.DockWidgetArea.BottomDockWidgetArea, "bottom"),
}


SCROLLED = ("preplans", "devices", "video")  # video: its toolbar is wider than a field laptop

# Named working layouts, one key each: columns left to right, each (share of the width, [(area, share of
# the height), ...]). Sized so each works on a 1366×768 field laptop.
WORK_LAYOUTS = {
    "desk": ("F5", [(0.56, [("incidents", 0.58), ("log", 0.42)]), (0.44, [("map", 1.0)])]),
    "command": ("F6", [(0.52, [("map", 0.5), ("incidents", 0.5)]), (0.48, [("preplans", 1.0)])]),
    "video": ("F7", [(0.66, [("video", 1.0)]), (0.34, [("incidents", 1.0)])]),
}


class MainWindow(QMainWindow):
    def __init__(self, settings: opts.Settings, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.settings = settings
        self.setObjectName("MainWindow")
        self.setWindowTitle(self.tr("Incident Command Console"))
        self.setDockOptions(QMainWindow.DockOption.AllowTabbedDocks | QMainWindow.DockOption.AnimatedDocks
                            | QMainWindow.DockOption.AllowNestedDocks)
        self.setCentralWidget(None)  # type: ignore[arg-type]  # PySide6 stub: not Optional; Qt takes nullptr
        # The right column (incidents above the preplan checklist) runs the full height; the log sits
        # under the map only.
        self.setCorner(Qt.Corner.BottomRightCorner, Qt.DockWidgetArea.RightDockWidgetArea)
        self.setCorner(Qt.Corner.TopRightCorner, Qt.DockWidgetArea.RightDockWidgetArea)
        self.docks: dict[str, QDockWidget] = {}
        self.current_layout = ""  # the named working layout last chosen, "" for the free arrangement
        self.layout_actions: dict[str, QAction] = {}
        self.may_close: Callable[[], bool] | None = None  # asked before the window closes (the desk decides)
        # A child timer, so a check still pending when the window goes is dropped with it.
        self._stray_check = QTimer(self, singleShot=True, interval=0)
        self._stray_check.timeout.connect(self.hide_stray_tab_bars)
        self._groups: dict[str, QDockWidget] = {}
        self.toolbar = QToolBar(self.tr("Actions"))
        self.toolbar.setObjectName("mainToolbar")
        self.toolbar.setMovable(False)
        self.toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        self.addToolBar(Qt.ToolBarArea.TopToolBarArea, self.toolbar)
        # The menu bar shares the top strip with the alert banner, which must sit above everything.
        top = QWidget()
        self._top = QVBoxLayout(top)
        self._top.setContentsMargins(0, 0, 0, 0)
        self._top.setSpacing(0)
        self.menu_bar = QMenuBar(top)
        self._top.addWidget(self.menu_bar)
        self.setMenuWidget(top)
        self.areas_menu = self.menu_bar.addMenu(self.tr("&Areas"))
        self.actions_menu = self.menu_bar.addMenu(self.tr("&Duty"))

    def add_area(self, name: str, title: str, widget: QWidget) -> QDockWidget:
        dock = QDockWidget(title, self)
        dock.setObjectName(f"dock_{name}")
        if name in SCROLLED:
            # A tall area scrolls inside a short dock instead of imposing its height on its neighbours.
            scroll = QScrollArea()
            scroll.setWidgetResizable(True)
            scroll.setFrameShape(QScrollArea.Shape.NoFrame)
            scroll.setWidget(widget)
            widget = scroll
        dock.setWidget(widget)
        dock.setFeatures(QDockWidget.DockWidgetFeature.DockWidgetMovable
                         | QDockWidget.DockWidgetFeature.DockWidgetFloatable
                         | QDockWidget.DockWidgetFeature.DockWidgetClosable)
        where, group = LAYOUT.get(name, (Qt.DockWidgetArea.BottomDockWidgetArea, name))
        # Added to its area first, then tabbed: tabbing a dock the layout does not hold yet leaves a
        # stray tab bar behind in Qt 6.
        self.addDockWidget(where, dock)
        if group in self._groups:
            self.tabifyDockWidget(self._groups[group], dock)
        else:
            self._groups[group] = dock
        self.docks[name] = dock
        dock.dockLocationChanged.connect(lambda _area: self._stray_check.start())
        self.areas_menu.addAction(dock.toggleViewAction())
        return dock

    def arrange_default(self) -> None:
        """Proportions for a first start: the map dominates, the board and checklist beside it, the log
        below the map."""
        for group in ("main", "side", "bottom"):
            if group in self._groups:
                self._groups[group].raise_()
        left, right, side2 = self._groups.get("main"), self._groups.get("side"), self._groups.get("side2")
        w, h = self.width(), self.height()
        if left and right:
            self.resizeDocks([left, right], [int(w * 0.58), int(w * 0.42)], Qt.Orientation.Horizontal)
        bottom = self._groups.get("bottom")
        if left and bottom:
            self.resizeDocks([left, bottom], [int(h * 0.66), int(h * 0.28)], Qt.Orientation.Vertical)
        if right and side2:
            self.resizeDocks([right, side2], [int(h * 0.44), int(h * 0.52)], Qt.Orientation.Vertical)

    def layout_titles(self) -> dict[str, str]:
        return {"desk": self.tr("Desk layout: board, log and map"),
                "command": self.tr("Command layout: map, board and checklist"),
                "video": self.tr("Video layout: video wall and board")}

    def add_layout_actions(self) -> None:
        """One key per working layout, in the Areas menu and active whichever dock has focus."""
        self.areas_menu.addSeparator()
        for name, title in self.layout_titles().items():
            act = QAction(title, self)
            act.setShortcut(QKeySequence(WORK_LAYOUTS[name][0]))
            act.triggered.connect(lambda _=False, name=name: self.switch_layout(name))
            self.areas_menu.addAction(act)
            self.addAction(act)
            self.layout_actions[name] = act

    def switch_layout(self, name: str) -> None:
        """Keep the arrangement the officer left in the current layout, then show the chosen one as it was
        last left, or as designed the first time."""
        if name not in WORK_LAYOUTS:
            return
        if self.current_layout:
            self.settings.set(opts.layout_state(self.current_layout), self.saveState())
        self.current_layout = name
        self.settings.set(opts.WORK_LAYOUT, name)
        saved = self.settings.get(opts.layout_state(name))
        if not (saved.size() and self.restoreState(saved)):
            self.arrange_layout(name)
        self._stray_check.start()

    def arrange_layout(self, name: str) -> None:
        """Place the layout's areas in their columns and proportions; every other area is hidden (still one
        key away in the Areas menu)."""
        columns = WORK_LAYOUTS[name][1]
        wanted = {area for _w, stack in columns for area, _h in stack if area in self.docks}
        for area, dock in self.docks.items():
            dock.setFloating(False)
            if area not in wanted:
                dock.hide()
        sides = [Qt.DockWidgetArea.LeftDockWidgetArea, Qt.DockWidgetArea.RightDockWidgetArea]
        tops, widths = [], []
        for (width, stack), side in zip(columns, sides, strict=False):
            docks = [self.docks[a] for a, _h in stack if a in self.docks]
            if not docks:
                continue
            self.addDockWidget(side, docks[0])
            for above, below in zip(docks, docks[1:], strict=False):
                self.splitDockWidget(above, below, Qt.Orientation.Vertical)
            for d in docks:
                d.show()
            tops.append(docks[0])
            widths.append(int(self.width() * width))
            heights = [int(self.height() * h) for a, h in stack if a in self.docks]
            if len(docks) > 1:
                self.resizeDocks(docks, heights, Qt.Orientation.Vertical)
        if len(tops) > 1:
            self.resizeDocks(tops, widths, Qt.Orientation.Horizontal)

    def add_banner(self, banner: QWidget) -> None:
        """An unmissable strip across the top of the window (it shows and hides itself)."""
        self._top.addWidget(banner)

    def add_actions(self, actions: list[QAction | None]) -> None:
        for a in actions:
            if a is None:
                self.toolbar.addSeparator()
                self.actions_menu.addSeparator()
            else:
                self.toolbar.addAction(a)
                self.actions_menu.addAction(a)
                self.addAction(a)  # shortcuts work whichever dock has focus

    def add_status_widgets(self, left: list[QWidget], right: list[QWidget]) -> list[QAction]:
        """Returns the toolbar's action for each right-hand widget: a widget in a toolbar shows and hides
        through its action, not through setVisible."""
        spacer = QWidget()
        spacer.setSizePolicy(spacer.sizePolicy().horizontalPolicy().Expanding,
                             spacer.sizePolicy().verticalPolicy().Preferred)
        self.toolbar.addWidget(spacer)
        placed = [self.toolbar.addWidget(w) for w in right]
        for w in left:
            self.statusBar().addWidget(w)
        return placed

    def show_area(self, name: str) -> None:
        dock = self.docks.get(name)
        if dock:
            dock.show()
            dock.raise_()
            w = dock.widget()
            if w is not None:
                w.setFocus(Qt.FocusReason.ShortcutFocusReason)

    def restore_layout(self) -> bool:
        self.current_layout = self.settings.get(opts.WORK_LAYOUT) or ""
        geo = self.settings.get(opts.GEOMETRY)
        state = self.settings.get(opts.WINDOW_STATE)
        ok = bool(geo.size()) and self.restoreGeometry(geo)
        return bool(state.size()) and self.restoreState(state) and ok

    def save_layout(self) -> None:
        if self.current_layout:
            self.settings.set(opts.layout_state(self.current_layout), self.saveState())
        self.settings.set(opts.GEOMETRY, self.saveGeometry())
        self.settings.set(opts.WINDOW_STATE, self.saveState())
        self.settings.sync()

    def hide_stray_tab_bars(self) -> None:
        """Qt 6 leaves a stale copy of a dock tab bar behind when a second group of docks gets tabbed,
        and it paints over the docks; hide every tab bar whose tabs a fuller one already shows."""
        bars = [b for b in self.findChildren(QTabBar, options=Qt.FindChildOption.FindDirectChildrenOnly)
                if b.isVisible()]
        tabs = {id(b): {b.tabText(i) for i in range(b.count())} for b in bars}
        for a in bars:
            if any(
                b is not a and len(tabs[id(a)]) < len(tabs[id(b)]) and tabs[id(a)] <= tabs[id(b)]
                for b in bars
            ):
                a.hide()

    def showEvent(self, event) -> None:  # noqa: N802
        super().showEvent(event)
        self._stray_check.start()

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802
        if self.may_close is not None and not self.may_close():
            event.ignore()
            return
        self.save_layout()
        super().closeEvent(event)


def status_label(object_name: str, text: str = "") -> QLabel:
    label = QLabel(text)
    label.setObjectName(object_name)
    return label
