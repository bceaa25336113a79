"""LIP location reports (ETSI TS 100 392-18-1), short and long form, decode and encode.

Bits are MSB first. Coordinates are two's complement and must be sign-extended: svxlink's handler
forgets this and misplaces southern and western reports.
"""
from __future__ import annotations

import math

from console.domain.device_events import Event, Info, Position

PID_LIP = 0x0A
LON_BITS, LAT_BITS = 25, 24
SHORT_BYTES = 11  # the short report: 84 bits, padded to whole bytes
# Upper bound of each position-error class (metres); 6 (>200 km) and 7 (unknown) have none.
ERROR_M = {0: 2.0, 1: 20.0, 2: 200.0, 3: 2000.0, 4: 20000.0, 5: 200000.0}
SHAPES = {0b0000: (), 0b0001: (), 0b0010: ("unc",), 0b0011: ("ellipse",), 0b0100: ("alt",),
          0b0101: ("unc", "alt")}


class BitReader:
    def __init__(self, data: bytes) -> None:
        self._value = int.from_bytes(data, "big")
        self._bits = len(data) * 8
        self.pos = 0

    def read(self, n: int) -> int:
        if self.pos + n > self._bits:
            raise ValueError("PDU too short")
        self.pos += n
        return (self._value >> (self._bits - self.pos)) & ((1 << n) - 1)

    def signed(self, n: int) -> int:
        v = self.read(n)
        return v - (1 << n) if v & (1 << (n - 1)) else v


class BitWriter:
    def __init__(self) -> None:
        self._value = 0
        self.bits = 0

    def write(self, value: int, n: int) -> BitWriter:
        self._value = (self._value << n) | (value & ((1 << n) - 1))
        self.bits += n
        return self

    def to_bytes(self) -> bytes:
        pad = -self.bits % 8
        return (self._value << pad).to_bytes((self.bits + pad) // 8, "big")


def velocity_kmh(k: int) -> float | None:
    if k == 127:
        return None
    return float(k) if k <= 28 else round(16 * 1.038 ** (k - 13), 1)


def velocity_code(kmh: float | None) -> int:
    if kmh is None:
        return 127
    if kmh <= 28:
        return max(0, round(kmh))
    return min(126, round(13 + math.log(kmh / 16) / math.log(1.038)))


_VELOCITY_KMH = [velocity_kmh(k) for k in range(128)]  # every 7-bit code, computed once


def uncertainty_m(k: int) -> float:
    # Same shape as 3GPP TS 23.032 (C=10, x=0.1); check TS 100 392-18-1 before relying on it.
    return round(10 * (1.1**k - 1), 1)


def uncertainty_code(metres: float) -> int:
    return max(0, min(63, round(math.log(metres / 10 + 1) / math.log(1.1))))


def altitude_m(k: int) -> float | None:
    # Three ranges with coarser steps higher up (TS 100 392-18-1 altitude table, as read).
    if k == 0:
        return None
    if k <= 1201:
        return float(k - 201)
    if k <= 1926:
        return 1000.0 + (k - 1201) * 2
    return 2450.0 + (k - 1926) * 75


def altitude_code(metres: float) -> int:
    if metres <= 1000:
        return max(1, round(metres) + 201)
    if metres <= 2450:
        return min(1926, 1201 + round((metres - 1000) / 2))
    return min(2047, 1926 + round((metres - 2450) / 75))


def _lon(raw: int) -> float:
    return round(raw * 180 / 2**24, 6)


def _lat(raw: int) -> float:
    return round(raw * 90 / 2**23, 6)


def _lon_raw(lon: float) -> int:
    return max(-(2**24), min(2**24 - 1, round(lon * 2**24 / 180)))


def _lat_raw(lat: float) -> int:
    return max(-(2**23), min(2**23 - 1, round(lat * 2**23 / 90)))


def decode_lip(pdu: bytes, source: str | None = None, protocol: str = "tetra") -> list[Event]:
    """`pdu` starts with the PID byte 0x0A. Raises ValueError on a truncated PDU."""
    if not pdu:
        raise ValueError("PDU too short")
    if pdu[0] != PID_LIP:
        raise ValueError("not a LIP PDU")
    if len(pdu) < 2:
        raise ValueError("PDU too short")
    pdu_type = pdu[1] >> 6
    if pdu_type == 0:
        if len(pdu) < SHORT_BYTES:
            raise ValueError("PDU too short")
        return [_short(int.from_bytes(pdu[:SHORT_BYTES], "big"), source, protocol)]
    if pdu_type == 1:
        r = BitReader(pdu)
        r.pos = 10  # past the PID and the PDU type
        ext = r.read(4)
        if ext == 0b0011:
            return [_long(r, source, protocol)]
        return [Info("lip-extension", protocol, {"extension": ext, "from": source})]
    return [Info("lip-unsupported", protocol, {"pdu_type": pdu_type, "from": source})]


def _short(v: int, source: str | None, protocol: str) -> Event:
    """The short report (84 bits with the PID, in 11 bytes), cut out of one integer with shifts:
    it is most of a TETRA network's traffic, and ten BitReader calls cost more than the rest."""
    elapsed = (v >> 76) & 0x3
    lon = (v >> 51) & 0x1FFFFFF
    lon -= (lon & 0x1000000) << 1  # two's complement: sign-extend
    lat = (v >> 27) & 0xFFFFFF
    lat -= (lat & 0x800000) << 1
    err, vel, direction = (v >> 24) & 0x7, (v >> 17) & 0x7F, (v >> 13) & 0xF
    add_type, add = (v >> 12) & 0x1, (v >> 4) & 0xFF
    extra = {"reason": add} if add_type == 0 else {"user_data": add}
    extra["time_elapsed"] = elapsed
    if (elapsed == 3 and err == 7) or (lon == 0 and lat == 0):
        return Position(False, source=source, protocol=protocol, extra=extra)
    speed = _VELOCITY_KMH[vel]
    course = None if speed is None and direction == 15 else direction * 22.5
    return Position(True, _lat(lat), _lon(lon), source=source, speed_kmh=speed, course_deg=course,
                    accuracy_m=ERROR_M.get(err), protocol=protocol, extra=extra)


def _long(r: BitReader, source: str | None, protocol: str) -> Event:
    extra: dict[str, object] = {"lip": "long"}
    time_type = r.read(2)
    if time_type == 1:
        extra["time_elapsed"] = r.read(2)
    elif time_type == 2:
        d, h, m, s = r.read(5), r.read(5), r.read(6), r.read(6)
        extra["time_of_position"] = f"day {d} {h:02d}:{m:02d}:{s:02d}Z"
    elif time_type == 3:
        return Info("lip-long-unsupported", protocol, {"time_type": 3, "from": source})
    shape = r.read(4)
    if shape not in SHAPES:
        return Info("lip-long-shape", protocol, {"shape": shape, "from": source})
    if shape == 0:
        return Position(False, source=source, protocol=protocol, extra=extra)
    lon, lat = r.signed(LON_BITS), r.signed(LAT_BITS)
    accuracy = alt = None
    for part in SHAPES[shape]:
        if part == "unc":
            accuracy = uncertainty_m(r.read(6))
        elif part == "alt":
            r.read(1)  # altitude type (WGS-84 vs. mean sea level) is not shown
            alt = altitude_m(r.read(11))
        else:
            semi_major, _minor, _angle, _conf = r.read(6), r.read(6), r.read(7), r.read(7)
            accuracy = uncertainty_m(semi_major)
    speed = course = None
    vel_type = r.read(3)
    if vel_type in (1, 5):
        speed = velocity_kmh(r.read(7))
        if vel_type == 5:
            course = round(r.read(8) * 360 / 256, 2)
        add_ack, add_type, add = r.read(1), r.read(1), r.read(8)
        extra["ack_request"] = bool(add_ack)
        extra["reason" if add_type == 0 else "user_data"] = add
    elif vel_type == 0:
        add_ack, add_type, add = r.read(1), r.read(1), r.read(8)
        extra["ack_request"] = bool(add_ack)
        extra["reason" if add_type == 0 else "user_data"] = add
    if lon == 0 and lat == 0:
        return Position(False, source=source, protocol=protocol, extra=extra)
    return Position(True, _lat(lat), _lon(lon), source=source, alt_m=alt, speed_kmh=speed,
                    course_deg=course, accuracy_m=accuracy, protocol=protocol, extra=extra)


def encode_lip_short(lat: float | None, lon: float | None, *, time_elapsed: int = 0, error_code: int = 1,
                     speed_kmh: float | None = None, direction_deg: float | None = None,
                     reason: int = 0) -> bytes:
    """Short report, 84 bits in 11 bytes with the PID. `lat`/`lon` None encodes "no fix"."""
    w = BitWriter().write(PID_LIP, 8).write(0, 2)
    if lat is None or lon is None:
        w.write(3, 2).write(0, LON_BITS).write(0, LAT_BITS).write(7, 3)
    else:
        w.write(time_elapsed, 2).write(_lon_raw(lon), LON_BITS).write(_lat_raw(lat), LAT_BITS)
        w.write(error_code, 3)
    vel = velocity_code(speed_kmh)
    direction = 15 if direction_deg is None else round((direction_deg % 360) / 22.5) % 16
    w.write(vel, 7).write(direction, 4).write(0, 1).write(reason, 8)
    return w.to_bytes()


def encode_lip_long(lat: float, lon: float, *, uncertainty: float | None = None, alt_m: float | None = None,
                    speed_kmh: float | None = None, direction_deg: float | None = None,
                    time_elapsed: int | None = 0, reason: int = 0) -> bytes:
    w = BitWriter().write(PID_LIP, 8).write(1, 2).write(0b0011, 4)
    if time_elapsed is None:
        w.write(0, 2)
    else:
        w.write(1, 2).write(time_elapsed, 2)
    shape = {(False, False): 1, (True, False): 2, (False, True): 4, (True, True): 5}[
        (uncertainty is not None, alt_m is not None)]
    w.write(shape, 4).write(_lon_raw(lon), LON_BITS).write(_lat_raw(lat), LAT_BITS)
    if uncertainty is not None:
        w.write(uncertainty_code(uncertainty), 6)
    if alt_m is not None:
        w.write(0, 1).write(altitude_code(alt_m), 11)
    if speed_kmh is None:
        w.write(0, 3)
    elif direction_deg is None:
        w.write(1, 3).write(velocity_code(speed_kmh), 7)
    else:
        w.write(5, 3).write(velocity_code(speed_kmh), 7).write(round((direction_deg % 360) * 256 / 360) % 256,
                                                               8)
    w.write(0, 1).write(0, 1).write(reason, 8)
    return w.to_bytes()
