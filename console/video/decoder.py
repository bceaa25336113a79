"""Decoding one stream in a thread of its own with PyAV (FFmpeg's libraries): the GUI thread never
waits on a network or a codec, and gets the latest picture already converted to the 32-bit RGB that
the tiles paint without any further conversion.

Why not Qt Multimedia: measured on the nine-tile wall (bench/bench_video.py), its player converted
every frame to RGB on the GUI thread and decoded with frame threads: about 70% of a core, where
bare `ffmpeg -f null` decodes the same streams with 20-27%. Here each frame is decoded on one thread
(the streams already run side by side; frame threads add a frame of delay and their own hand-offs)
and converted at its own size by swscale, on the decoder's thread while a tile shows the stream."""
from __future__ import annotations

import threading
import time
from collections.abc import Callable

import av
from av.video.reformatter import VideoReformatter
from PySide6.QtGui import QImage

from console.domain.cameras import redact_url

ENDED = ""  # the reason `on_end` gets when the stream simply ended


class _Converter:
    """One swscale set-up for a stream's life (frame.reformat() would make one, with its own threads,
    for every frame), used by the decoder's thread or, for a stream opened ahead, the GUI thread."""

    def __init__(self) -> None:
        self._reformatter = VideoReformatter()
        self._lock = threading.Lock()

    def to_rgb32(self, frame: av.VideoFrame) -> av.VideoFrame:
        with self._lock:  # QImage's RGB32 is "bgra" in a little-endian machine's bytes
            return self._reformatter.reformat(frame, format="bgra", threads=1)


class Picture:
    """One decoded frame and, once asked for, the same frame as a QImage (the image shares the
    converted frame's memory, so the two live together)."""

    __slots__ = ("_converted", "_converter", "_image", "frame")

    def __init__(self, frame: av.VideoFrame, converter: _Converter) -> None:
        self.frame = frame
        self._converter = converter
        self._converted: av.VideoFrame | None = None
        self._image: QImage | None = None

    def image(self) -> QImage:
        if self._image is None:
            rgb = self._converter.to_rgb32(self.frame)
            plane = rgb.planes[0]
            self._converted = rgb
            self._image = QImage(memoryview(plane), rgb.width, rgb.height, plane.line_size,
                                 QImage.Format.Format_RGB32)
        return self._image


class Decoder(threading.Thread):
    """Reads `url` until stopped or the stream ends, keeping the latest picture in `latest` and the
    number decoded so far in `decoded` for the GUI thread to take when it paints (nothing is posted
    to it per frame); calls `on_end(reason)` (from this thread) once at the end (ENDED, or FFmpeg's
    words for what went wrong, the URL's secrets hidden). A local file plays in real time, round and
    round (the sample clips)."""

    def __init__(self, url: str, on_end: Callable[[str], None], open_timeout_s: float = 8.0,
                 read_timeout_s: float = 5.0) -> None:
        super().__init__(name="video-decode", daemon=True)
        self.url = url
        self.stopped = threading.Event()
        self.convert_here = True  # a tile shows this stream: convert each frame before handing it on
        self.latest: Picture | None = None
        self.decoded = 0
        self._converter = _Converter()
        self._on_end = on_end
        self._timeouts = (open_timeout_s, read_timeout_s)

    def stop(self) -> None:
        """Ask the thread to end; it does at its next frame, or when its read times out."""
        self.stopped.set()

    def run(self) -> None:
        try:
            reason = self._play()
        except Exception as exc:  # noqa: BLE001 - whatever the stream throws ends this feed with its words
            reason = self._words(exc)
        if not self.stopped.is_set():
            self._on_end(reason)

    def _play(self) -> str:
        local = self.url.startswith("/") or self.url.startswith("file:")
        with av.open(self.url, timeout=self._timeouts) as container:
            stream = container.streams.video[0]
            stream.thread_count = 1
            paced_from: float | None = None
            while not self.stopped.is_set():
                for frame in container.decode(stream):
                    if self.stopped.is_set():
                        return ""
                    if local:  # a file decodes as fast as it can: hold each frame until its time
                        t = float(frame.time or 0.0)
                        if paced_from is None:
                            paced_from = time.monotonic() - t
                        if self.stopped.wait(max(0.0, paced_from + t - time.monotonic())):
                            return ""
                    self._hand_on(frame)
                if not local:
                    return ENDED
                container.seek(0)
                paced_from = None
        return ""

    def _hand_on(self, frame: av.VideoFrame) -> None:
        picture = Picture(frame, self._converter)
        if self.convert_here:
            picture.image()
        self.latest = picture  # one assignment: the GUI thread sees the old picture or this one
        self.decoded += 1

    def _words(self, exc: Exception) -> str:
        words = getattr(exc, "strerror", None) or str(exc) or type(exc).__name__
        return str(words).replace(self.url, redact_url(self.url)) or type(exc).__name__
