"""A fake radio/terminal on a pseudo-terminal, for tests and the app's demo mode.

`Traffic` scripts the bytes (deterministic for a seed, no I/O); `Simulator` puts them on a pty
and answers the host's commands. Units drive back and forth along real Shanghai streets.
"""
from __future__ import annotations

import math
import os
import random
import select
import threading
import time
import tty
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from console.devices.beidou import binary as bd4
from console.devices.beidou import protocol as bd
from console.devices.gsm.modem import ModemResponder
from console.devices.nmea.protocol import build_gga, build_gsv, build_rmc, frame
from console.devices.tetra import lip, sds
from console.devices.tetra.protocol import ctsdsr

# Waypoints (lat, lon), approximate, WGS-84.
STREETS = {
    "延安路": [(31.1960, 121.3950), (31.2058, 121.4140), (31.2165, 121.4290), (31.2220, 121.4455),
            (31.2262, 121.4600), (31.2305, 121.4737), (31.2352, 121.4905)],
    "南京路": [(31.2235, 121.4455), (31.2290, 121.4600), (31.2345, 121.4730), (31.2380, 121.4820),
            (31.2400, 121.4900)],
    "世纪大道": [(31.2400, 121.5000), (31.2330, 121.5160), (31.2260, 121.5350), (31.2190, 121.5460)],
}
TEXTS = ["已到达现场，正在处置", "请求增援两辆消防车", "人员已疏散完毕", "道路积水严重，绕行延安路",
         "伤员两名，已送瑞金医院", "现场火势已控制", "收到，马上出发"]
DISPATCHER_ISSI, TETRA_BASE_ISSI = "2000001", 2001001
BEIDOU_OWN_CARD, BEIDOU_BASE_CARD = 175607, 166100
STATUS_CODES = [0x8001, 0x8002, 0x8003, 0x8004, 0x8005]


@dataclass
class Unit:
    street: str
    path: list[tuple[float, float]]
    dist_m: float
    speed_kmh: float
    forward: bool = True

    def advance(self, dt: float) -> None:
        total = _length(self.path)
        step = self.speed_kmh / 3.6 * dt
        self.dist_m += step if self.forward else -step
        if self.dist_m >= total:
            self.dist_m, self.forward = total - (self.dist_m - total), False
        if self.dist_m <= 0:
            self.dist_m, self.forward = -self.dist_m, True

    def position(self) -> tuple[float, float, float]:
        """(lat, lon, course) at the current distance along the street."""
        left = self.dist_m
        for a, b in zip(self.path, self.path[1:], strict=False):
            seg = _dist(a, b)
            if left <= seg or b == self.path[-1]:
                f = min(1.0, left / seg) if seg else 0.0
                lat, lon = a[0] + (b[0] - a[0]) * f, a[1] + (b[1] - a[1]) * f
                course = _bearing(a, b) if self.forward else (_bearing(a, b) + 180) % 360
                return lat, lon, course
            left -= seg
        return (*self.path[-1], 0.0)


def _dist(a: tuple[float, float], b: tuple[float, float]) -> float:
    dy = (b[0] - a[0]) * 111_320
    dx = (b[1] - a[1]) * 111_320 * math.cos(math.radians(a[0]))
    return math.hypot(dx, dy)


def _length(path: list[tuple[float, float]]) -> float:
    return sum(_dist(a, b) for a, b in zip(path, path[1:], strict=False))


def _bearing(a: tuple[float, float], b: tuple[float, float]) -> float:
    dy = b[0] - a[0]
    dx = (b[1] - a[1]) * math.cos(math.radians(a[0]))
    return math.degrees(math.atan2(dx, dy)) % 360


class Traffic:
    """The bytes a terminal would send, tick by tick. Pure: same seed, same bytes."""

    def __init__(self, protocol: str, *, units: int = 4, seed: int = 0, dialect: str = bd.SET_21,
                 start: datetime | None = None, tick_s: float = 1.0, interval_s: int = 60,
                 identities: list[str] | None = None, emergency_rate: float = 0.01) -> None:
        self.protocol, self.dialect, self.tick_s, self.interval_s = protocol, dialect, tick_s, interval_s
        # Radio identities (ISSI or BeiDou card) per unit, so a demo can speak as the seeded units.
        self.identities = list(identities) if identities else None
        self.emergency_rate = emergency_rate
        units = len(self.identities) if self.identities else units
        self.rng = random.Random(seed)
        self.clock = start or datetime(2026, 7, 15, 2, 0, 0, tzinfo=UTC)
        names = list(STREETS)
        self.units = [Unit(names[i % len(names)], STREETS[names[i % len(names)]],
                           self.rng.uniform(0, _length(STREETS[names[i % len(names)]])),
                           self.rng.uniform(20, 50), self.rng.random() < 0.5) for i in range(max(1, units))]
        self.ticks = 0
        self._ref = self.rng.randrange(256)
        self.modem = ModemResponder() if protocol == "gsm" else None

    def tick(self) -> bytes:
        self.ticks += 1
        self.clock += timedelta(seconds=self.tick_s)
        for u in self.units:
            u.advance(self.tick_s)
        return getattr(self, f"_{self.protocol}")()

    def _nmea(self) -> bytes:
        lat, lon, course = self.units[0].position()
        utc, date = self.clock.strftime("%H%M%S.00"), self.clock.strftime("%d%m%y")
        out = build_gga(lat, lon, utc, sats=self.rng.randint(10, 24), alt_m=self.rng.uniform(4, 15))
        out += build_rmc(lat, lon, utc, date, speed_kmh=self.units[0].speed_kmh, course_deg=course)
        if self.ticks % 5 == 0:
            out += build_gsv(1, 1, self.rng.randint(8, 16)) + frame("GNVTG,,T,,M,0.0,N,0.0,K,A")
        return out

    def identity(self, i: int) -> str:
        if self.identities:
            return self.identities[i % len(self.identities)]
        return str(TETRA_BASE_ISSI + i) if self.protocol == "tetra" else f"{BEIDOU_BASE_CARD + i:07d}"

    def text_frame(self, i: int, text: str) -> bytes:
        """What the terminal prints when unit i sends `text` (for scripted tests and demos)."""
        if self.protocol == "tetra":
            self._ref = (self._ref + 1) % 256
            return ctsdsr(sds.encode_tl_text(text, self._ref), DISPATCHER_ISSI, self.identity(i))
        if self.dialect == bd.SET_40:
            return bd4.encode_txxx(BEIDOU_OWN_CARD, int(self.identity(i)), text)
        return bd.bdtxr(self.identity(i), text)

    def status_frame(self, i: int, code: int) -> bytes:
        """A TETRA status from unit i; code 0 is the emergency status."""
        return ctsdsr(code.to_bytes(2, "big"), DISPATCHER_ISSI, self.identity(i), ai=13)

    def _tetra(self) -> bytes:
        i = self.ticks % len(self.units)
        unit, issi = self.units[i], self.identity(i)
        lat, lon, course = unit.position()
        pdu = lip.encode_lip_short(lat, lon, speed_kmh=unit.speed_kmh, direction_deg=course, reason=129)
        out = ctsdsr(pdu, DISPATCHER_ISSI, issi, bits=84)
        roll = self.rng.random()
        if roll < self.emergency_rate:
            out += ctsdsr(b"\x00\x00", DISPATCHER_ISSI, issi, ai=13)  # emergency
        elif roll < self.emergency_rate + 0.11:
            out += ctsdsr(self.rng.choice(STATUS_CODES).to_bytes(2, "big"), DISPATCHER_ISSI, issi, ai=13)
        elif roll < self.emergency_rate + 0.17:
            self._ref = (self._ref + 1) % 256
            out += ctsdsr(sds.encode_tl_text(self.rng.choice(TEXTS), self._ref), DISPATCHER_ISSI, issi)
        return out

    def _gsm(self) -> bytes:
        # The network's delivery reports for what the modem accepted since the last tick.
        return self.modem.take_reports() if self.modem else b""

    def _beidou(self) -> bytes:
        i = self.ticks % len(self.units)
        unit, card = self.units[i], int(self.identity(i))
        lat, lon, _ = unit.position()
        text = self.rng.choice(TEXTS) if self.rng.random() < 0.1 else None
        hhmmss = self.clock.strftime("%H%M%S")
        if self.dialect == bd.SET_40:
            out = bd4.encode_dwxx(BEIDOU_OWN_CARD, card, lat, lon, alt_m=8,
                                  hms=(self.clock.hour, self.clock.minute, self.clock.second))
            if text:
                out += bd4.encode_txxx(BEIDOU_OWN_CARD, card, text, hour=self.clock.hour,
                                       minute=self.clock.minute)
            return out
        out = bd.bddwr(f"{card:07d}", lat, lon, hhmmss=hhmmss + ".00", alt_m=8.0)
        if text:
            if self.dialect == bd.SET_BDS3:
                out += bd.bdtci(f"{card:07d}", f"{BEIDOU_OWN_CARD:07d}", text, hhmmss=hhmmss)
            else:
                out += bd.bdtxr(f"{card:07d}", text, hhmm=hhmmss[:4])
        if self.ticks % 5 == 0:
            if self.dialect == bd.SET_BDS3:
                out += frame(f"BDPWI,{hhmmss}.00,2,1,01,44,02,41,21,45")
            else:
                out += bd.bdbsi([self.rng.randint(2, 4) for _ in range(10)])
        return out


class Responder:
    """Answers host commands the way a real terminal would. `now` is a monotonic time."""

    def __init__(self, traffic: Traffic) -> None:
        self.t = traffic
        self._buf = bytearray()
        self._last_send = float("-inf")
        self.reports = True  # False: accept SDS but never report delivery (tests of a restart mid-send)
        self.modem = traffic.modem

    def feed(self, data: bytes, now: float) -> bytes:
        if self.modem is not None:
            return self.modem.feed(data)
        self._buf += data
        return (
            self._tetra()
            if self.t.protocol == "tetra"
            else self._beidou(now)
            if self.t.protocol == "beidou"
            else b""
        )

    def _tetra(self) -> bytes:
        out = b""
        while True:
            buf = bytes(self._buf)
            if buf.lstrip().upper().startswith(b"AT+CMGS="):
                end = buf.find(b"\x1a")
                if end < 0:
                    return out
                cmd, pdu_hex = (buf[:end].split(b"\r\n", 1) + [b""])[:2]
                del self._buf[: end + 1]
                out += self._cmgs(cmd.strip(), pdu_hex.strip())
                continue
            cut = buf.find(b"\r")
            if cut < 0:
                return out
            line = buf[:cut].strip().upper()
            del self._buf[: cut + 1]
            if line == b"AT+CNUMF?":
                out += f"\r\n+CNUMF: 6,{DISPATCHER_ISSI}\r\n".encode()
            if line.startswith(b"AT"):
                out += b"\r\nOK\r\n"

    def _cmgs(self, cmd: bytes, pdu_hex: bytes) -> bytes:
        called = cmd.split(b"=", 1)[1].split(b",")[0].decode("ascii", "replace")
        try:
            pdu = bytes.fromhex(pdu_hex.decode("ascii"))
        except ValueError:
            return b"\r\n+CME ERROR: 4\r\n"
        ref = pdu[2] if len(pdu) > 2 and pdu[0] >= 0x80 else 0
        out = f"\r\n+CMGS: 0,4,{ref}\r\n\r\nOK\r\n".encode()
        if self.reports and len(pdu) > 2 and pdu[0] >= 0x80 and pdu[1] >> 4 == 0 and (pdu[1] >> 2) & 3:
            out += ctsdsr(sds.encode_report(ref, 0x00, pid=pdu[0]), DISPATCHER_ISSI, called)
        return out

    def _beidou(self, now: float) -> bytes:
        out = b""
        while True:
            start = self._buf.find(b"$")
            if start < 0:
                self._buf.clear()
                return out
            del self._buf[:start]
            if self.t.dialect == bd.SET_40:
                if len(self._buf) < 7:
                    return out
                n = int.from_bytes(self._buf[5:7], "big")
                if len(self._buf) < n or n < bd4.MIN_FRAME:
                    if n < bd4.MIN_FRAME:
                        del self._buf[:1]
                        continue
                    return out
                fr = bytes(self._buf[:n])
                del self._buf[:n]
                out += self._binary(fr, now)
                continue
            cut = self._buf.find(b"\n")
            if cut < 0:
                return out
            line = bytes(self._buf[:cut]).strip()
            del self._buf[: cut + 1]
            out += self._ascii(line, now)

    def _allowed(self, now: float) -> int:
        wait = self._last_send + self.t.interval_s - now
        if wait > 0:
            return math.ceil(wait)
        self._last_send = now
        return 0

    def _ascii(self, line: bytes, now: float) -> bytes:
        card = f"{BEIDOU_OWN_CARD:07d}"
        if line.startswith(b"$CCICA"):
            return bd.bdici(card, interval_s=self.t.interval_s, level=3)
        if line.startswith(b"$CCICR"):
            return frame(f"BDICP,{card},0,{self.t.interval_s},3,N,0")
        if line.startswith(b"$CCTXA"):
            wait = self._allowed(now)
            return bd.bdfki("TXA", wait == 0, wait_s=wait)
        if line.startswith(b"$CCTCQ"):
            wait = self._allowed(now)
            return bd.bdfki_bds3(self.t.clock.strftime("%H%M%S"), "TCQ", wait == 0, reason=1 if wait else 0,
                                 remaining=wait)
        if line.startswith(b"$CCDWA"):
            lat, lon, _ = self.t.units[0].position()
            return bd.bdfki("DWA", True) + bd.bddwr(card, lat, lon, report_type=1)
        return b""

    def _binary(self, fr: bytes, now: float) -> bytes:
        if bd4.check_frame(fr):
            return b""
        if fr[1:5] == b"ICJC":
            return bd4.encode_icxx(BEIDOU_OWN_CARD, interval_s=self.t.interval_s, level=3)
        if fr[1:5] == b"TXSQ":
            wait = self._allowed(now)
            return bd4.encode_fkxx(BEIDOU_OWN_CARD, 4,
                                   wait_s=wait) if wait else bd4.encode_fkxx(BEIDOU_OWN_CARD, 0)
        return b""


class Simulator:
    """Traffic on a pty. `start()` returns the slave path to open; `reopen()` simulates unplugging.

    With `link`, a symlink at that path always points at the current slave, like a udev name.
    """

    def __init__(self, protocol: str, *, rate_hz: float = 1.0, units: int = 4, seed: int = 0,
                 dialect: str = bd.SET_21, interval_s: int = 60, link: str | None = None,
                 identities: list[str] | None = None, emergency_rate: float = 0.01,
                 record: bool = False) -> None:
        self.traffic = Traffic(protocol, units=units, seed=seed, dialect=dialect, tick_s=1.0 / rate_hz,
                               interval_s=interval_s, identities=identities, emergency_rate=emergency_rate)
        # With `record`, every chunk fully written is kept with its monotonic write time: tests check
        # that what was sent is stored exactly once, and the bench measures latency from it.
        self.record = record
        self.sent: list[tuple[float, bytes]] = []
        self.responder = Responder(self.traffic)
        self.period = 1.0 / rate_hz
        self.link = link
        self.path = ""
        self._master = self._slave = -1
        self._lock = threading.Lock()
        self._wake_r, self._wake_w = os.pipe()
        self._stop = threading.Event()
        self._paused = threading.Event()
        self._thread: threading.Thread | None = None

    def pause(self) -> None:
        """Stop the scripted traffic (answers to commands continue), e.g. to count what was sent."""
        self._paused.set()

    def resume(self) -> None:
        self._paused.clear()

    def start(self) -> str:
        self._open_pty()
        self._thread = threading.Thread(target=self._run, name=f"sim:{self.traffic.protocol}", daemon=True)
        self._thread.start()
        return self.link or self.path

    def stop(self) -> None:
        self._stop.set()
        os.write(self._wake_w, b"x")
        if self._thread is not None:
            self._thread.join(5)
        with self._lock:
            self._close_pty()
        os.close(self._wake_r)
        os.close(self._wake_w)

    def reopen(self) -> str:
        """Close the pty (the device vanished) and create a new one at the same link."""
        with self._lock:
            self._close_pty()
            self._open_pty()
        os.write(self._wake_w, b"x")
        return self.path

    def _open_pty(self) -> None:
        self._master, self._slave = os.openpty()
        tty.setraw(self._slave)  # no echo: the host must not read back its own traffic
        os.set_blocking(self._master, False)
        self.path = os.ttyname(self._slave)
        if self.link:
            tmp = f"{self.link}.tmp{os.getpid()}"
            os.symlink(self.path, tmp)
            os.replace(tmp, self.link)

    def _close_pty(self) -> None:
        for fd in (self._master, self._slave):
            if fd >= 0:
                os.close(fd)
        self._master = self._slave = -1

    def inject(self, data: bytes) -> None:
        """Write scripted bytes now, from any thread (e.g. `traffic.text_frame(...)`)."""
        self._write(data)

    def _write(self, data: bytes) -> None:
        with self._lock:
            if self._master < 0 or not data:
                return
            try:
                n = os.write(self._master, data)
            except OSError:  # incl. BlockingIOError: nobody reading, drop as a real radio would
                return
            if self.record and n == len(data):
                self.sent.append((time.monotonic(), data))

    def _run(self) -> None:
        next_tick = time.monotonic()
        while not self._stop.is_set():
            timeout = max(0.0, next_tick - time.monotonic())
            with self._lock:
                master = self._master
            ready, _, _ = select.select([self._wake_r, master], [], [], timeout)
            if self._wake_r in ready:
                os.read(self._wake_r, 64)
                continue
            if master in ready:
                try:
                    data = os.read(master, 4096)
                except OSError:
                    data = b""
                self._write(self.responder.feed(data, time.monotonic()))
            if time.monotonic() >= next_tick:
                next_tick += self.period
                if not self._paused.is_set():
                    self._write(self.traffic.tick())
