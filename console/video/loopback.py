"""Sample streams on 127.0.0.1: short clips made with ffmpeg and an HTTP server that plays them to any
number of clients, looped at real time (one `ffmpeg -re -stream_loop -1 ... -c copy` per client, so
timestamps stay continuous across loops). Used by the demo, the tests and the benchmark; nothing here
reaches beyond the machine."""
from __future__ import annotations

import contextlib
import http.server
import io
import shutil
import socketserver
import subprocess
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import cast
from urllib.parse import urlsplit

CONTAINERS = {
    # name: (content type, ffmpeg output options)
    "ts": ("video/mp2t", ["-c", "copy", "-f", "mpegts"]),
    "mjpeg": ("multipart/x-mixed-replace;boundary=ffmpeg", ["-c:v", "mjpeg", "-q:v", "5", "-f", "mpjpeg"]),
}
PATTERNS = ("testsrc2", "smptehdbars", "mandelbrot", "rgbtestsrc", "life", "testsrc")


def ffmpeg_exe() -> str | None:
    """ffmpeg from the system, or the binary the imageio-ffmpeg package ships."""
    try:
        import imageio_ffmpeg

        return imageio_ffmpeg.get_ffmpeg_exe()
    except (ImportError, RuntimeError):
        return shutil.which("ffmpeg")


def _source(pattern: str, size: str, fps: int) -> str:
    if pattern == "life":
        return f"life=size={size}:rate={fps}:mold=10:ratio=0.1:death_color=#202040:life_color=#30e070"
    if pattern == "mandelbrot":
        return f"mandelbrot=size={size}:rate={fps}"
    return f"{pattern}=size={size}:rate={fps}"


def make_clip(out: Path, pattern: str = "testsrc2", size: str = "640x360", fps: int = 25,
              seconds: float = 4, codec: str = "h264") -> Path:
    """An MPEG-TS clip of a moving test pattern (made once; kept if it is already there)."""
    if out.exists() and out.stat().st_size:
        return out
    exe = ffmpeg_exe()
    if exe is None:
        raise RuntimeError("no ffmpeg: install the imageio-ffmpeg package or Debian's ffmpeg")
    out.parent.mkdir(parents=True, exist_ok=True)
    enc = ["-c:v", "libx264", "-preset", "ultrafast", "-tune", "zerolatency", "-pix_fmt", "yuv420p"]
    if codec == "hevc":
        enc = ["-c:v", "libx265", "-preset", "ultrafast", "-pix_fmt", "yuv420p", "-x265-params",
               "log-level=error"]
    tmp = out.with_suffix(".part.ts")
    subprocess.run([exe, "-v", "error", "-y", "-f", "lavfi", "-i", _source(pattern, size, fps), "-t",
                    str(seconds),
                    *enc, "-g", str(fps), "-f", "mpegts", str(tmp)], check=True, stdin=subprocess.DEVNULL,
                   timeout=120)
    tmp.replace(out)
    return out


@dataclass
class _Client:
    proc: subprocess.Popen


class StreamServer:
    """Serves `/<name>.<container>` for every clip in `clips` ({name: path}) until stopped."""

    def __init__(self, clips: dict[str, Path], port: int = 0) -> None:
        self.clips = dict(clips)
        exe = ffmpeg_exe()
        if exe is None:
            raise RuntimeError("no ffmpeg for the sample streams")
        self.exe = exe
        self._procs: set[subprocess.Popen] = set()
        self._lock = threading.Lock()
        owner = self

        class Handler(http.server.BaseHTTPRequestHandler):
            def do_GET(self) -> None:  # noqa: N802 - the http.server API
                owner._serve(self)

            def log_message(self, *args) -> None:
                pass

        class Server(socketserver.ThreadingMixIn, http.server.HTTPServer):
            daemon_threads = True
            allow_reuse_address = True

        self._server = Server(("127.0.0.1", port), Handler)
        self.port = self._server.server_address[1]
        self._thread = threading.Thread(target=self._server.serve_forever, name="sample-streams", daemon=True)
        self._thread.start()

    def url(self, name: str, container: str = "ts") -> str:
        return f"http://127.0.0.1:{self.port}/{name}.{container}"

    def _serve(self, req: http.server.BaseHTTPRequestHandler) -> None:
        name, _, container = urlsplit(req.path).path.lstrip("/").partition(".")
        clip = self.clips.get(name)
        if clip is None or container not in CONTAINERS:
            req.send_error(404)
            return
        ctype, opts = CONTAINERS[container]
        proc = subprocess.Popen([self.exe, "-v", "error", "-re", "-stream_loop", "-1", "-i", str(clip), *opts,
                                 "pipe:1"],
                                stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
        out = cast(io.BufferedReader, proc.stdout)  # stdout=PIPE, buffered
        with self._lock:
            self._procs.add(proc)
        try:
            req.send_response(200)
            req.send_header("Content-Type", ctype)
            req.send_header("Cache-Control", "no-cache")
            req.end_headers()
            while chunk := out.read1(65536):
                req.wfile.write(chunk)
        except OSError:
            pass  # the client went away, or the server is stopping
        finally:
            proc.kill()
            proc.wait()
            out.close()
            with self._lock:
                self._procs.discard(proc)

    def drop_clients(self) -> None:
        """End every stream now (a camera whose link dies) while the server keeps listening."""
        with self._lock:
            procs = list(self._procs)
        for p in procs:
            with contextlib.suppress(OSError):
                p.kill()

    def stop(self) -> None:
        self._server.shutdown()
        self._server.server_close()
        self.drop_clients()
        self._thread.join(timeout=5)
