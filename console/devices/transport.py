"""Serial transport: owns one port, moves bytes to a callback, reconnects. It never parses.

Plain threading so it works without Qt; the app wraps the callbacks into signals. When the port
disappears (USB unplugged, pty closed) it retries with exponential backoff and resumes as soon
as the device node is back.
"""
from __future__ import annotations

import logging
import os
import termios
import threading
from collections.abc import Callable
from dataclasses import dataclass
from typing import cast

import serial

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class PortSettings:
    baudrate: int = 115200
    bytesize: int = serial.EIGHTBITS
    parity: str = serial.PARITY_NONE
    stopbits: float = serial.STOPBITS_ONE
    rtscts: bool = False


# After each read the reader pauses this long so the next read takes everything that arrived
# meanwhile: a terminal writes a sentence at a time, and at 8 ports x 115200 baud a read per write
# meant ~1500 wake-ups/s (~14% of a core for the readers alone). The pause costs at most this
# much latency, well under the manager's 50 ms drain tick (bench_ingest measures both together).
# The kernel buffers ~4 KB per pty (more on USB adapters): 20 ms of 115200 baud is 230 bytes.
GATHER_S = 0.02

# Usual settings per device family (PROTOCOLS.md): TETRA PEI 9600/38400, BeiDou 115200, GNSS 9600+.
DEFAULTS = {"nmea": PortSettings(9600), "tetra": PortSettings(38400), "beidou": PortSettings(115200),
            "gsm": PortSettings(115200)}


class SerialTransport:
    """`on_data(bytes)` runs on the reader thread; `on_state(str)` gets "open", "lost", "closed"."""

    def __init__(self, port: str, on_data: Callable[[bytes], None], settings: PortSettings | None = None, *,
                 on_state: Callable[[str], None] | None = None, backoff_min_s: float = 0.05,
                 backoff_max_s: float = 5.0, read_timeout_s: float = 0.1,
                 gather_s: float = GATHER_S) -> None:
        self.port = port
        self.settings = settings or PortSettings()
        self._on_data = on_data
        self._on_state = on_state or (lambda state: None)
        self._backoff = (backoff_min_s, backoff_max_s)
        self._read_timeout = read_timeout_s
        self._gather_s = gather_s
        self._serial: serial.Serial | None = None
        self._lock = threading.Lock()
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        self.connected = threading.Event()

    def start(self) -> None:
        self._stop.clear()
        self._thread = threading.Thread(target=self._run, name=f"serial:{self.port}", daemon=True)
        self._thread.start()

    def stop(self, timeout: float = 2.0) -> None:
        self._stop.set()
        if self._thread is not None:
            self._thread.join(timeout)
            self._thread = None
        self._close()
        self._on_state("closed")

    def write(self, data: bytes) -> bool:
        """False if the port is not open right now; the caller decides whether to queue."""
        with self._lock:
            port = self._serial
            if port is None:
                return False
            try:
                port.write(data)
                port.flush()
                return True
            except (serial.SerialException, OSError, termios.error) as exc:
                # termios.error: flush's tcdrain on a port that vanished under the write.
                log.warning("write to %s failed: %s", self.port, exc)
                return False

    def _open(self) -> bool:
        s = self.settings
        try:
            port = serial.Serial(self.port, s.baudrate, bytesize=s.bytesize, parity=s.parity,
                                 stopbits=s.stopbits, rtscts=s.rtscts, timeout=self._read_timeout)
        except (serial.SerialException, OSError, ValueError):
            return False
        with self._lock:
            self._serial = port
        self.connected.set()
        self._on_state("open")
        return True

    def _close(self) -> None:
        self.connected.clear()
        with self._lock:
            port, self._serial = self._serial, None
        if port is not None:
            try:
                port.close()
            except (serial.SerialException, OSError):
                pass

    def _run(self) -> None:
        delay = self._backoff[0]
        while not self._stop.is_set():
            if self._serial is None:
                if not self._open():
                    self._stop.wait(delay)
                    delay = min(delay * 2, self._backoff[1])
                    continue
                delay = self._backoff[0]
            port = cast(serial.Serial, self._serial)  # None after a concurrent close: caught below
            try:
                data = port.read(port.in_waiting or 1)
            except (serial.SerialException, OSError, TypeError, AttributeError) as exc:
                # TypeError/AttributeError: pyserial's fd vanished under a concurrent close.
                if isinstance(exc, serial.SerialException) and _still_there(port):
                    # pyserial reads "select said readable, read gave 0 bytes" as an unplug; under load a
                    # pty does that spuriously. Reopening would flush (lose) input, so read on instead.
                    continue
                if not self._stop.is_set():
                    log.info("port %s lost: %s", self.port, exc)
                    self._close()
                    self._on_state("lost")
                continue
            if data:
                try:
                    self._on_data(data)
                except Exception:  # a consumer bug must not kill the reader
                    log.exception("serial data callback failed")
                if self._gather_s:
                    self._stop.wait(self._gather_s)  # returns at once on stop()


def _still_there(port: serial.Serial) -> bool:
    """True if the device answers a terminal query: an unplugged USB adapter or a closed pty fails it."""
    try:
        fd = port.fileno()
        termios.tcgetattr(fd)
        # The name must still lead to the same device (a re-created pty or re-plugged adapter does not).
        return os.stat(port.port or "").st_rdev == os.fstat(fd).st_rdev
    except (termios.error, OSError, ValueError, TypeError, AttributeError, serial.SerialException):
        return False
