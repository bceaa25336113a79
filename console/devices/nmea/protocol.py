"""NMEA 0183 sans-I/O parser and sentence builders (PROTOCOLS.md section 1)."""
from __future__ import annotations

from typing import Any

from console.devices.checksum import xor8
from console.devices.frames import Frame, FrameSink, events_of
from console.devices.lines import cut_lines
from console.domain.device_events import Error, Event, Info, Position, raw_preview

PROTOCOL = "nmea"
# Long enough for proprietary sentences; anything longer is noise that lost its line end.
MAX_LINE = 512
KNOT_KMH = 1.852
DEGRADED_QUALITY = {6, 7, 8}


def checksum(body: bytes) -> int:
    return xor8(body)


def frame(body: str | bytes, encoding: str = "ascii") -> bytes:
    """`$body*HH\\r\\n` with the XOR checksum, upper-case hex."""
    raw = body.encode(encoding) if isinstance(body, str) else body
    return b"$" + raw + b"*%02X\r\n" % checksum(raw)


def split_checked(line: bytes) -> tuple[bytes | None, str | None]:
    """Body between `$` and `*` if the checksum holds, else (None, reason)."""
    if not line.startswith(b"$"):
        return None, "no start delimiter"
    star = line.rfind(b"*")
    if star < 0:
        return None, "missing checksum"
    body, given = line[1:star], line[star + 1 : star + 3]
    try:
        expected = int(given, 16)
    except ValueError:
        return None, "unreadable checksum"
    if len(given) != 2 or checksum(body) != expected:
        return None, "checksum mismatch"
    return body, None


def parse_coord(value: str, hemi: str) -> float | None:
    if not value or hemi not in ("N", "S", "E", "W"):
        return None
    v = float(value)
    deg = int(v / 100)
    out = deg + (v - 100 * deg) / 60.0
    if (hemi in ("N", "S") and out > 90) or out > 180:
        raise ValueError("coordinate out of range")
    return -out if hemi in ("S", "W") else out


def format_coord(deg: float, is_lat: bool, decimals: int = 5) -> tuple[str, str]:
    hemi = ("N" if deg >= 0 else "S") if is_lat else ("E" if deg >= 0 else "W")
    a = abs(deg)
    d = int(a)
    m = (a - d) * 60.0
    if round(m, decimals) >= 60.0:
        d, m = d + 1, 0.0
    width = 2 if is_lat else 3
    return f"{d:0{width}d}{m:0{3 + decimals}.{decimals}f}", hemi


def _hms(value: str) -> str | None:
    if len(value) < 6 or not value[:6].isdigit():
        return None
    frac = value[6:] if value[6:7] == "." and value[7:].isdigit() else ""
    return f"{value[0:2]}:{value[2:4]}:{value[4:6]}{frac}Z"


def _float(value: str) -> float | None:
    return float(value) if value else None


class NmeaParser:
    """Feed bytes, get events. Keeps only the partial line and the last date seen (RMC/ZDA)."""

    def __init__(self, protocol: str = PROTOCOL) -> None:
        self._buf = bytearray()
        self._discarding = False
        self._sink = FrameSink()
        self._date: str | None = None
        self._when_key: tuple[str, str | None] | None = None
        self._when_value: str | None = None
        self.protocol = protocol

    def feed(self, data: bytes) -> list[Event]:
        return events_of(self.feed_frames(data))

    def feed_frames(self, data: bytes) -> list[Frame]:
        """The complete frames in what has arrived so far, each with its events."""
        buf = self._buf
        buf += data
        out: list[Frame] = []
        sink = self._sink
        add, parse, append = sink.add, self.parse_line, out.append
        lines, overflow = cut_lines(buf, MAX_LINE)
        for raw in lines:
            if self._discarding:  # the end of a line already reported as too long
                self._discarding = False
                add(out, raw, [])
            elif len(raw) > MAX_LINE + 2:  # a CR LF before the content belongs to this frame
                add(out, raw, [Error("line too long", protocol=self.protocol)])
            else:
                if sink.in_run and split_checked(raw[raw.rfind(b"$"):].strip())[0] is None:
                    sink.hold(out, raw)  # more bad sentences in a run already reported: no Error to build
                    continue
                events = parse(raw)
                if sink.quiet and events and type(events[0]) is not Error:
                    append(Frame(raw, events))  # FrameSink.add's usual case, without the call
                else:
                    add(out, raw, events)
        if overflow is not None:
            add(out, overflow, [] if self._discarding else [Error("line too long", protocol=self.protocol)])
            self._discarding = True
        return out

    def pending(self) -> bytes:
        """Bytes received but not yet in a returned frame."""
        return self._sink.pending() + bytes(self._buf)

    def drop_pending(self) -> bytes:
        """The link was lost: what was held can no longer complete a frame. Returns it."""
        rest = self.pending()
        self._buf.clear()
        self._sink.reset()
        self._discarding = False
        return rest

    def parse_line(self, line: bytes) -> list[Event]:
        start = line.rfind(b"$")
        if start < 0:
            return []  # noise between sentences, or an empty line
        line = line[start:].strip()
        body, reason = split_checked(line)
        if body is None:
            return [Error(reason or "bad sentence", raw_preview(line), self.protocol)]
        try:
            return self.parse_body(body.decode("ascii"))
        except (ValueError, IndexError, UnicodeDecodeError) as exc:
            return [Error(f"unparseable sentence: {exc}", raw_preview(line), self.protocol)]

    def parse_body(self, body: str) -> list[Event]:
        """A checksum-verified sentence without `$` and `*hh`."""
        f = body.split(",")
        kind = f[0][2:] if len(f[0]) == 5 else f[0]
        handler = _HANDLERS.get(kind)
        return handler(self, f) if handler else []

    def _gga(self, f: list[str]) -> list[Event]:
        f = f + [""] * (15 - len(f))
        quality = int(f[6]) if f[6] else 0
        when = self._when(f[1])
        if quality == 0:
            return [Position(fix=False, time=when, protocol=self.protocol)]
        lat, lon = parse_coord(f[2], f[3]), parse_coord(f[4], f[5])
        if lat is None or lon is None:
            return [Position(fix=False, time=when, protocol=self.protocol)]
        extra: dict[str, Any] = {"quality": quality}
        if f[7]:
            extra["satellites"] = int(f[7])
        if f[8]:
            extra["hdop"] = float(f[8])
        return [Position(True, lat, lon, alt_m=_float(f[9]), time=when,
                         degraded=quality in DEGRADED_QUALITY, protocol=self.protocol, extra=extra)]

    def _rmc(self, f: list[str]) -> list[Event]:
        f = f + [""] * (14 - len(f))
        date = f[9]
        if len(date) == 6 and date.isdigit():
            self._date = f"20{date[4:6]}-{date[2:4]}-{date[0:2]}"
        when = self._when(f[1])
        # Field 13 (nav status) is deliberately ignored: modules send V on good fixes.
        valid = f[2] == "A" and f[12] != "N"
        lat, lon = parse_coord(f[3], f[4]), parse_coord(f[5], f[6])
        if not valid or lat is None or lon is None:
            return [Position(fix=False, time=when, protocol=self.protocol)]
        knots = _float(f[7])
        return [Position(True, lat, lon, speed_kmh=None if knots is None else round(knots * KNOT_KMH, 3),
                         course_deg=_float(f[8]), time=when, degraded=f[12] in ("E", "M", "S") or None,
                         protocol=self.protocol)]

    def _gll(self, f: list[str]) -> list[Event]:
        f = f + [""] * (8 - len(f))
        when = self._when(f[5])
        lat, lon = parse_coord(f[1], f[2]), parse_coord(f[3], f[4])
        if f[6] != "A" or f[7] == "N" or lat is None or lon is None:
            return [Position(fix=False, time=when, protocol=self.protocol)]
        return [Position(True, lat, lon, time=when, protocol=self.protocol)]

    def _zda(self, f: list[str]) -> list[Event]:
        if len(f) >= 5 and f[2].isdigit() and f[3].isdigit() and f[4].isdigit():
            self._date = f"{int(f[4]):04d}-{int(f[3]):02d}-{int(f[2]):02d}"
        return []

    def _txt(self, f: list[str]) -> list[Event]:
        return [Info("module-text", self.protocol, {"text": ",".join(f[4:])})]

    def _when(self, utc: str) -> str | None:
        # A receiver sends GGA and RMC (and more) for the same epoch: format each time once.
        key = (utc, self._date)
        if key == self._when_key:
            return self._when_value
        t = _hms(utc)
        value = None if t is None else f"{self._date}T{t}" if self._date else t
        self._when_key, self._when_value = key, value
        return value


_HANDLERS = {"GGA": NmeaParser._gga, "RMC": NmeaParser._rmc, "GLL": NmeaParser._gll,
             "ZDA": NmeaParser._zda, "TXT": NmeaParser._txt}


def build_gga(lat: float, lon: float, utc: str = "000000.00", quality: int = 1, sats: int = 12,
              hdop: float = 0.9, alt_m: float = 10.0, geoid_m: float = 9.5, talker: str = "GN") -> bytes:
    la, ns = format_coord(lat, True)
    lo, ew = format_coord(lon, False)
    if quality == 0:
        la = ns = lo = ew = ""
    return frame(f"{talker}GGA,{utc},{la},{ns},{lo},{ew},{quality},{sats:02d},{hdop:.1f},"
                 f"{alt_m:.1f},M,{geoid_m:.1f},M,,")


def build_rmc(lat: float, lon: float, utc: str = "000000.00", date: str = "010124", valid: bool = True,
              speed_kmh: float = 0.0, course_deg: float | None = None, mode: str = "A",
              nav_status: str | None = "V", talker: str = "GN") -> bytes:
    la, ns = format_coord(lat, True)
    lo, ew = format_coord(lon, False)
    course = "" if course_deg is None else f"{course_deg:.1f}"
    tail = f",{nav_status}" if nav_status is not None else ""
    return frame(f"{talker}RMC,{utc},{'A' if valid else 'V'},{la},{ns},{lo},{ew},"
                 f"{speed_kmh / KNOT_KMH:.2f},{course},{date},,,{mode}{tail}")


def build_gsv(total: int = 1, index: int = 1, in_view: int = 0, talker: str = "GP") -> bytes:
    return frame(f"{talker}GSV,{total},{index},{in_view:02d}")


__all__ = ["NmeaParser", "build_gga", "build_rmc", "build_gsv", "frame", "checksum", "split_checked",
           "parse_coord", "format_coord"]
