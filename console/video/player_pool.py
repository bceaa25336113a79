"""Open streams for the wall: one `Feed` (a QMediaPlayer on Qt's FFmpeg backend, decoding into a
QVideoSink) per camera, shared by whichever tile shows it, so a stream opened ahead of a patrol step
is already playing when its tile appears. The pool opens and closes feeds as the wall asks and
watches them: a feed with no picture turns stalled, then offline with the reason in plain words."""
from __future__ import annotations

import time
from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, QLoggingCategory, QObject, QTimer, QUrl, Signal
from PySide6.QtGui import QImage

from console.domain.cameras import redact_url

# The tiles say what went wrong; Qt's own multimedia messages would only repeat it on stderr. Set
# before Qt Multimedia loads: loading it already warns (no PipeWire here, used only for screen capture).
QLoggingCategory.setFilterRules("qt.multimedia.*=false\nqt.multimedia.*.debug=false")

from PySide6.QtMultimedia import QMediaPlayer, QVideoFrame, QVideoSink  # noqa: E402

CONNECTING, LIVE, STALLED, OFFLINE = "connecting", "live", "stalled", "offline"


_quieted = False


def _quiet_ffmpeg() -> None:
    """FFmpeg's own log (every hardware decoder it could not find, every dropped connection) goes to
    stderr; keep only fatal errors there, since each tile shows its stream's trouble. Called once the
    backend has loaded, which sets its own level."""
    global _quieted
    if _quieted:
        return
    _quieted = True
    import ctypes
    from pathlib import Path

    import PySide6

    for lib in sorted((Path(PySide6.__file__).parent / "Qt" / "lib").glob("libavutil.so.*"))[:1]:
        try:
            ctypes.CDLL(str(lib)).av_log_set_level(8)  # AV_LOG_FATAL
        except (OSError, AttributeError):
            pass



class Feed(QObject):
    """One camera's stream. `image()` is its latest decoded frame, converted when first asked for."""

    frame = Signal(str)  # camera id: a new frame arrived
    state_changed = Signal(str, str, str)  # camera id, state, reason

    def __init__(self, camera_id: str, url: str, parent: QObject | None = None,
                 now: Callable[[], float] = time.monotonic) -> None:
        super().__init__(parent)
        self.camera_id = camera_id
        self.url = url
        self._now = now
        self.state = OFFLINE
        self.reason = ""
        self.frames = 0
        self.opened_at = 0.0
        self.last_frame_at = 0.0
        self._frame: QVideoFrame | None = None
        self._image: QImage | None = None
        self._player: QMediaPlayer | None = None
        self._sink: QVideoSink | None = None

    # --- lifecycle -----------------------------------------------------------------------------
    def open(self) -> None:
        self._drop_player()
        self._sink = QVideoSink(self)
        self._player = QMediaPlayer(self)
        _quiet_ffmpeg()
        self._player.setVideoSink(self._sink)
        self._sink.videoFrameChanged.connect(self._on_frame)
        self._player.errorOccurred.connect(self._on_error)
        self._player.mediaStatusChanged.connect(self._on_status)
        local = self.url.startswith("/") or self.url.startswith("file:")
        if local:
            self._player.setLoops(QMediaPlayer.Loops.Infinite)  # sample clips play round and round
        self.opened_at = self._now()
        self._set(CONNECTING, "")
        self._player.setSource(QUrl.fromLocalFile(self.url) if self.url.startswith("/") else QUrl(self.url))
        self._player.play()

    def close(self) -> None:
        self._drop_player()
        self._frame = None

    def _drop_player(self) -> None:
        if self._player is not None and self._sink is not None:  # made together
            for sig in (self._player.errorOccurred, self._player.mediaStatusChanged):
                sig.disconnect()
            self._sink.videoFrameChanged.disconnect()
            self._player.stop()
            self._player.deleteLater()
            self._sink.deleteLater()
        self._player = self._sink = None

    def fail(self, reason: str) -> None:
        """Stop the stream and show why; the wall decides when to try again."""
        self._drop_player()
        self._set(OFFLINE, reason)

    # --- frames and states ---------------------------------------------------------------------
    def _on_frame(self, frame: QVideoFrame) -> None:
        if not frame.isValid():
            return
        self._frame = frame
        self._image = None
        self.frames += 1
        self.last_frame_at = self._now()
        if self.state != LIVE:
            self._set(LIVE, "")
        self.frame.emit(self.camera_id)

    def image(self) -> QImage | None:
        if self._image is None and self._frame is not None:
            self._image = self._frame.toImage()
        return self._image

    def has_picture(self) -> bool:
        return self._frame is not None

    def _on_error(self, _error, message: str) -> None:
        if self._player is not None:
            self.fail(
                QCoreApplication.translate("VideoWall", "Stream error: {0}").format(
                    redact_url(message) or QCoreApplication.translate("VideoWall", "unknown")
                )
            )

    def _on_status(self, status) -> None:
        if status == QMediaPlayer.MediaStatus.EndOfMedia:
            self.fail(QCoreApplication.translate("VideoWall", "The stream ended"))
        elif status == QMediaPlayer.MediaStatus.InvalidMedia:
            self.fail(QCoreApplication.translate("VideoWall", "Not a playable stream"))

    def check(self, connect_timeout_s: float, stall_s: float) -> None:
        """Called every second: notice a stream that never starts or stops delivering pictures."""
        now = self._now()
        if self.state == CONNECTING and now - self.opened_at > connect_timeout_s:
            self.fail(
                QCoreApplication.translate(
                    "VideoWall", "No picture within {0} s: the camera does not answer"
                ).format(int(connect_timeout_s))
            )
        elif self.state == LIVE and now - self.last_frame_at > stall_s:
            self._set(
                STALLED,
                QCoreApplication.translate("VideoWall", "No new picture for {0} s").format(
                    int(now - self.last_frame_at)
                ),
            )
        elif self.state == STALLED and now - self.last_frame_at > connect_timeout_s:
            self.fail(
                QCoreApplication.translate("VideoWall", "No new picture for {0} s").format(
                    int(now - self.last_frame_at)
                )
            )

    def _set(self, state: str, reason: str) -> None:
        if (state, reason) != (self.state, self.reason):
            self.state, self.reason = state, reason
            self.state_changed.emit(self.camera_id, state, reason)


class PlayerPool(QObject):
    """The open feeds, keyed by camera id, at most `max_open` of them."""

    frame = Signal(str)
    state_changed = Signal(str, str, str)

    def __init__(self, max_open: int = 18, connect_timeout_s: float = 8.0, stall_s: float = 3.0,
                 parent: QObject | None = None, now: Callable[[], float] = time.monotonic) -> None:
        super().__init__(parent)
        self.max_open = max_open
        self.connect_timeout_s = connect_timeout_s
        self.stall_s = stall_s
        self._now = now
        self.feeds: dict[str, Feed] = {}
        self._watch = QTimer(self)
        self._watch.setInterval(500)
        self._watch.timeout.connect(self._check)

    def keep(self, wanted: dict[str, str]) -> None:
        """Open what is wanted (camera id -> url, in priority order) and close the rest."""
        for cid in [c for c in self.feeds if c not in wanted]:
            self.feeds.pop(cid).close()
        for cid, url in list(wanted.items())[: self.max_open]:
            feed = self.feeds.get(cid)
            if feed is None or feed.url != url:
                if feed is not None:
                    feed.close()
                feed = Feed(cid, url, self, self._now)
                feed.frame.connect(self.frame)
                feed.state_changed.connect(self.state_changed)
                self.feeds[cid] = feed
                feed.open()
        # The stall watch runs only while something is open: an idle console wakes for nothing.
        if self.feeds and not self._watch.isActive():
            self._watch.start()
        elif not self.feeds:
            self._watch.stop()

    def get(self, camera_id: str | None) -> Feed | None:
        return self.feeds.get(camera_id) if camera_id else None

    def reopen(self, camera_id: str) -> None:
        feed = self.feeds.get(camera_id)
        if feed is not None and feed.state == OFFLINE:
            feed.open()

    def _check(self) -> None:
        for feed in list(self.feeds.values()):
            feed.check(self.connect_timeout_s, self.stall_s)

    def close(self) -> None:
        self._watch.stop()
        for feed in self.feeds.values():
            feed.close()
        self.feeds.clear()
