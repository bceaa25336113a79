"""An area built the first time the officer looks at it.

Some areas cost their library's import before they can draw anything (the Trends area imports
pyqtgraph, a third of a second on a field laptop), or sort and measure hundreds of rows (units and
resources). Behind a tab nobody opens they should cost nothing: at start-up, or while the console
idles."""
from __future__ import annotations

from collections.abc import Callable
from typing import Generic, TypeVar

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QDockWidget, QVBoxLayout, QWidget

W = TypeVar("W", bound=QWidget)


class LazyArea(QWidget, Generic[W]):
    def __init__(self, build: Callable[[], W], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._build: Callable[[], W] | None = build
        self._inner: W | None = None
        self._then: list[Callable[[W], object]] = []
        self._watching = False
        # Asked again once the events are handled: when the window first shows, every tabbed area is
        # shown for a moment before the tabs hide all but the front one. A child timer dies with it.
        self._check = QTimer(self, singleShot=True, interval=0)
        self._check.timeout.connect(self._build_if_shown)
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)

    def inner(self) -> W:
        """The area itself, built now if it was not yet."""
        if self._inner is None:
            assert self._build is not None
            build, self._build = self._build, None
            self._inner = build()
            self._layout.addWidget(self._inner)
            self.setFocusProxy(self._inner)
            if self.hasFocus():  # the officer jumped here by a key before it was built
                self._inner.setFocus()
            for then in self._then:
                then(self._inner)
            self._then.clear()
        return self._inner

    def when_built(self, then: Callable[[W], object]) -> None:
        """Wiring that needs the area itself (its signals): done when it is built, or now."""
        if self._inner is not None:
            then(self._inner)
        else:
            self._then.append(then)

    @property
    def built(self) -> bool:
        return self._inner is not None

    def showEvent(self, event) -> None:  # noqa: N802 - Qt API
        super().showEvent(event)
        if self._inner is None and not self._watching:
            # A tab brought forward in a dock shows nothing new to this widget; its dock says so.
            dock = self.parent()
            while dock is not None and not isinstance(dock, QDockWidget):
                dock = dock.parent()
            if isinstance(dock, QDockWidget):
                dock.visibilityChanged.connect(self._dock_shown)
                self._watching = True
        if self._inner is None:
            self._check.start()

    def _dock_shown(self, shown: bool) -> None:
        if shown and self._inner is None:
            self._check.start()

    def _build_if_shown(self) -> None:
        if self.isVisible() and not self.visibleRegion().isEmpty():
            self.inner()
