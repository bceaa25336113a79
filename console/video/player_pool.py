"""Open streams for the wall: one `Feed` (a PyAV decoder in a thread of its own, see decoder.py) per
camera, shared by whichever tile shows it, so a stream opened ahead of a patrol step is already
playing when its tile appears. The pool opens and closes feeds as the wall asks and watches them: a
feed with no picture turns stalled, then offline with the reason in plain words."""
from __future__ import annotations

import contextlib
import time
from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QImage

from console.domain.cameras import redact_url
from console.video.decoder import ENDED, Decoder, Picture

CONNECTING, LIVE, STALLED, OFFLINE = "connecting", "live", "stalled", "offline"
FRAME_CLOCK_MS = 20  # cameras send 25 fps or fewer; taking pictures at 50 Hz misses none


class Feed(QObject):
    """One camera's stream. `image()` is its latest decoded frame, converted when first asked for."""

    frame = Signal(str)  # camera id: a new frame arrived
    state_changed = Signal(str, str, str)  # camera id, state, reason
    _decoder_ended = Signal(object, str)  # from the decoder's thread: the stream ended, and why

    def __init__(self, camera_id: str, url: str, parent: QObject | None = None,
                 now: Callable[[], float] = time.monotonic, connect_timeout_s: float = 8.0) -> None:
        super().__init__(parent)
        self.camera_id = camera_id
        self.url = url
        self._now = now
        self._connect_timeout_s = connect_timeout_s
        self.state = OFFLINE
        self.reason = ""
        self.frames = 0
        self.opened_at = 0.0
        self.last_frame_at = 0.0
        self.on_screen = True
        self._picture: Picture | None = None
        self._taken = 0  # how many of the decoder's pictures had been decoded when one was last taken
        self._decoder: Decoder | None = None
        self._decoder_ended.connect(self._on_ended)

    # --- lifecycle -----------------------------------------------------------------------------
    def open(self) -> None:
        self._stop_decoder()
        url = self.url[len("file://"):] if self.url.startswith("file://") else self.url
        decoder = Decoder(url, lambda reason: self._tell(self._decoder_ended, decoder, reason),
                          # later than check() gives up, whose words are plainer than FFmpeg's
                          open_timeout_s=self._connect_timeout_s + 2,
                          read_timeout_s=self._connect_timeout_s + 2)
        decoder.convert_here = self.on_screen
        self._decoder = decoder
        self._taken = 0
        self.opened_at = self._now()
        self._set(CONNECTING, "")
        decoder.start()

    @staticmethod
    def _tell(signal, *args) -> None:
        # From the decoder's thread (a queued call into the GUI thread); the feed may be gone by then.
        with contextlib.suppress(RuntimeError):
            signal.emit(*args)

    def close(self) -> None:
        self._stop_decoder()
        self._picture = None

    def _stop_decoder(self) -> None:
        if self._decoder is not None:
            self._decoder.stop()
        self._decoder = None

    def fail(self, reason: str) -> None:
        """Stop the stream and show why; the wall decides when to try again."""
        self._stop_decoder()
        self._set(OFFLINE, reason)

    def set_on_screen(self, shown: bool) -> None:
        """Shown on a tile, frames are converted for painting as they are decoded; opened ahead of a
        patrol step, only the frame a tile first paints is."""
        self.on_screen = shown
        if self._decoder is not None:
            self._decoder.convert_here = shown

    # --- frames and states ---------------------------------------------------------------------
    def take_picture(self) -> bool:
        """Take the decoder's latest picture if it is new (the pool's frame clock asks)."""
        decoder = self._decoder
        if decoder is None or decoder.decoded == self._taken or decoder.latest is None:
            return False
        self._taken = decoder.decoded
        self._picture = decoder.latest
        self.frames += 1
        self.last_frame_at = self._now()
        if self.state != LIVE:
            self._set(LIVE, "")
        self.frame.emit(self.camera_id)
        return True

    def _on_ended(self, decoder: Decoder, reason: str) -> None:
        if decoder is not self._decoder:
            return
        if reason == ENDED:
            self.fail(QCoreApplication.translate("VideoWall", "The stream ended"))
        else:
            self.fail(QCoreApplication.translate("VideoWall", "Stream error: {0}").format(
                redact_url(reason) or QCoreApplication.translate("VideoWall", "unknown")))

    def image(self) -> QImage | None:
        return self._picture.image() if self._picture is not None else None

    def has_picture(self) -> bool:
        return self._picture is not None

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
        # The decoders post nothing per frame: the GUI thread takes the new pictures at twice the
        # streams' frame rate, all in one pass, so nine tiles cost one wake-up and one repaint.
        self._frame_clock = QTimer(self)
        self._frame_clock.setTimerType(Qt.TimerType.PreciseTimer)
        self._frame_clock.setInterval(FRAME_CLOCK_MS)
        self._frame_clock.timeout.connect(self._take_pictures)

    def keep(self, wanted: dict[str, str]) -> None:
        """Open what is wanted (camera id -> url, in priority order) and close the rest."""
        for cid in [c for c in self.feeds if c not in wanted]:
            self.feeds.pop(cid).close()
        for cid, url in list(wanted.items())[: self.max_open]:
            feed = self.feeds.get(cid)
            if feed is None or feed.url != url:
                if feed is not None:
                    feed.close()
                feed = Feed(cid, url, self, self._now, self.connect_timeout_s)
                feed.frame.connect(self.frame)
                feed.state_changed.connect(self.state_changed)
                self.feeds[cid] = feed
                feed.open()
        # The stall watch runs only while something is open: an idle console wakes for nothing.
        if self.feeds and not self._watch.isActive():
            self._watch.start()
            self._frame_clock.start()
        elif not self.feeds:
            self._watch.stop()
            self._frame_clock.stop()

    def _take_pictures(self) -> None:
        for feed in self.feeds.values():
            feed.take_picture()

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
        self._frame_clock.stop()
        for feed in self.feeds.values():
            feed.close()
        self.feeds.clear()
