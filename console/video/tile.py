"""One tile of the wall: the latest frame of its camera's feed, with the camera name, the time and
the state (connecting, live, stalled, offline with the reason) drawn over it."""
from __future__ import annotations

import functools
import time
from datetime import datetime

from PySide6.QtCore import QCoreApplication, QRect, QSize, Qt, Signal
from PySide6.QtGui import QColor, QFont, QFontMetrics, QImage, QPainter, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget

from console.video.player_pool import CONNECTING, LIVE, OFFLINE, STALLED, Feed

_STATE_COLOURS = {CONNECTING: QColor("#c9a227"), LIVE: QColor("#2e9d4f"), STALLED: QColor("#d2762a"),
                  OFFLINE: QColor("#8c3b3b")}
_BACKGROUND = QColor("#0b0d10")
_BAR = QColor(0, 0, 0, 150)


def state_word(state: str) -> str:
    words = {CONNECTING: QCoreApplication.translate("VideoWall", "connecting"),
             LIVE: QCoreApplication.translate("VideoWall", "live"),
             STALLED: QCoreApplication.translate("VideoWall", "stalled"),
             OFFLINE: QCoreApplication.translate("VideoWall", "offline")}
    return words.get(state, state)


class VideoTile(QWidget):
    clicked = Signal(int)
    double_clicked = Signal(int)

    def __init__(self, index: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.index = index
        self.camera_id: str | None = None
        self.name = ""
        self.sample = False
        self.feed: Feed | None = None
        self.pinned = False
        self.selected = False
        self.frames_shown = 0  # distinct decoded frames painted (the benchmark counts them)
        self._painted: tuple[Feed | None, int] = (None, -1)
        self._bar: tuple[tuple, QImage] | None = None  # (what the title bar says, the bar drawn)
        self.setMinimumSize(80, 45)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setAttribute(Qt.WidgetAttribute.WA_OpaquePaintEvent)
        self.setFocusPolicy(Qt.FocusPolicy.ClickFocus)

    def show_camera(self, camera_id: str | None, name: str, feed: Feed | None, sample: bool = False) -> None:
        self.camera_id, self.name, self.feed, self.sample = camera_id, name, feed, sample
        self.update()

    def showing_picture(self) -> bool:
        return self.feed is not None and self.feed.has_picture() and self.feed.state in (LIVE, STALLED)

    def settled(self) -> bool:
        """A decoded frame or a final word (offline), or no camera at all: fit for a screenshot."""
        return self.camera_id is None or self.showing_picture() or (
            self.feed is not None and self.feed.state == OFFLINE)

    def mousePressEvent(self, event) -> None:  # noqa: N802 - Qt API
        self.clicked.emit(self.index)
        super().mousePressEvent(event)

    def mouseDoubleClickEvent(self, event) -> None:  # noqa: N802 - Qt API
        self.double_clicked.emit(self.index)

    def paintEvent(self, _event) -> None:  # noqa: N802 - Qt API
        p = QPainter(self)
        r = self.rect()
        feed = self.feed
        img = feed.image() if feed is not None and self.showing_picture() else None
        if feed is not None and img is not None and not img.isNull():
            target, margins = self._fit(r.width(), r.height(), img.width(), img.height())
            for bar in margins:
                p.fillRect(bar, _BACKGROUND)
            if target is None:
                p.drawImage(0, 0, img)  # the frame at the tile's own size: a plain copy
            else:
                p.drawImage(target, img)
            if self._painted != (feed, feed.frames):
                self._painted = (feed, feed.frames)
                self.frames_shown += 1
        else:
            p.fillRect(r, _BACKGROUND)
        self._overlay(p, r)
        p.end()

    @functools.lru_cache(maxsize=8)  # noqa: B019 - a few sizes per tile, tiles live as long as the wall
    def _fit(self, w: int, h: int, iw: int, ih: int) -> tuple[QRect | None, tuple[QRect, ...]]:
        """Where a picture of iw x ih goes in the tile (None: at its own size, filling it), and the
        bars around it to paint dark."""
        r = QRect(0, 0, w, h)
        if (iw, ih) == (w, h):
            return None, ()
        size = QSize(iw, ih).scaled(r.size(), Qt.AspectRatioMode.KeepAspectRatio)
        target = QRect(0, 0, size.width(), size.height())
        target.moveCenter(r.center())
        bars = (QRect(r.left(), r.top(), r.width(), target.top() - r.top()),
                QRect(r.left(), target.bottom() + 1, r.width(), r.bottom() - target.bottom()),
                QRect(r.left(), target.top(), target.left() - r.left(), target.height()),
                QRect(target.right() + 1, target.top(), r.right() - target.right(), target.height()))
        return target, tuple(b for b in bars if b.width() > 0 and b.height() > 0)

    def _overlay(self, p: QPainter, r: QRect) -> None:
        # Runs for every frame of every tile: the common case (a live picture) only draws the cached
        # title bar; fonts and words are worked out when the bar is drawn again.
        state = self.feed.state if self.feed is not None else OFFLINE
        bar = self._title_bar(r.width(), r.height(), state)
        p.drawImage(0, 0, bar)
        if state != LIVE or self.camera_id is None:
            self._words_over(p, r, bar.height())
        if self.selected:
            p.setPen(QPen(QColor("#4a90d9"), 3))
            p.drawRect(r.adjusted(1, 1, -2, -2))

    def _font(self, height: int) -> QFont:
        font = QFont(self.font())
        font.setPointSizeF(max(7.0, min(11.0, height / 22)))
        return font

    def _words_over(self, p: QPainter, r: QRect, line: int) -> None:
        """No camera, or why there is no picture, across the tile."""
        p.setFont(self._font(r.height()))
        if self.camera_id is None:
            p.setPen(QColor("#e8e8e8"))
            p.drawText(r, Qt.AlignmentFlag.AlignCenter, QCoreApplication.translate("VideoWall", "No camera"))
            return
        reason = self.feed.reason if self.feed is not None else QCoreApplication.translate(
            "VideoWall", "Waiting for its turn to open")
        if reason:
            p.setPen(QColor("#d0d0d0"))
            p.drawText(r.adjusted(10, line, -10, -4), Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap,
                       reason)

    def _title_bar(self, width: int, height: int, state: str) -> QImage:
        """The bar with the name, the clock and the state, drawn again only when one of them changes
        (the clock: once a second): drawing its text for every frame of every tile cost more than
        painting the frame."""
        key = (width, height, self.camera_id, self.name, self.sample, self.pinned, state, int(time.time()))
        if self._bar is not None and self._bar[0] == key:
            return self._bar[1]
        font = self._font(height)
        line = QFontMetrics(font).height() + 4
        img = QImage(width, line, QImage.Format.Format_ARGB32_Premultiplied)
        img.fill(_BAR)
        if self.camera_id is not None:
            self._draw_title(img, font, state)
        self._bar = (key, img)
        return img

    def _draw_title(self, img: QImage, font: QFont, state: str) -> None:
        p = QPainter(img)
        p.setFont(font)
        p.setPen(QColor("#e8e8e8"))
        bar = img.rect()
        title = ("📌 " if self.pinned else "") + self.name
        if self.sample:
            title += QCoreApplication.translate("VideoWall", " (sample)")
        p.drawText(bar.adjusted(6, 0, -6, 0), Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft,
                   title)
        badge = f" {state_word(state)} "
        bw = p.fontMetrics().horizontalAdvance(badge) + 8
        brect = QRect(bar.right() - bw - 4, bar.top() + 2, bw, bar.height() - 4)
        p.fillRect(brect, _STATE_COLOURS.get(state, QColor("#555")))
        p.drawText(brect, Qt.AlignmentFlag.AlignCenter, badge)
        p.drawText(bar.adjusted(0, 0, -bw - 12, 0),
                   Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignRight,
                   datetime.now().strftime("%H:%M:%S"))
        p.end()
