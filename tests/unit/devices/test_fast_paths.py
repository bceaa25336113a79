"""The speed-ups must not change results: each fast path against the plain version it replaced."""
from __future__ import annotations

from functools import reduce

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from console.devices.beidou import BeidouParser, binary
from console.devices.checksum import xor8, xor_prefix
from console.devices.nmea import NmeaParser
from console.devices.simulator import Traffic
from console.devices.tetra import TetraParser, lip
from console.domain.device_events import Ack, Position, Text

FAST = settings(max_examples=300, deadline=None)


@FAST
@given(st.binary(max_size=3000))
def test_xor8_is_the_bytewise_xor(data):
    assert xor8(data) == reduce(lambda a, b: a ^ b, data, 0)
    assert xor8(bytearray(data)) == xor8(data)


@FAST
@given(st.binary(max_size=3000), st.data())
def test_xor_prefix_gives_the_xor_of_any_slice(data, draw):
    p = xor_prefix(bytearray(data))
    assert len(p) == len(data) + 1 and p == xor_prefix(data)
    a = draw.draw(st.integers(0, len(data)))
    b = draw.draw(st.integers(a, len(data)))
    assert p[a] ^ p[b] == xor8(data[a:b])
    assert list(p[1:]) == [xor8(data[: i + 1]) for i in range(len(data))]


def _lip_by_bit_reader(pdu: bytes) -> list[dict] | str:
    """The short report read field by field with BitReader, as before the shift-based decoder."""
    r = lip.BitReader(pdu)
    try:
        if r.read(8) != lip.PID_LIP or r.read(2) != 0:
            return "other"
        elapsed = r.read(2)
        lon, lat = r.signed(lip.LON_BITS), r.signed(lip.LAT_BITS)
        err, vel, direction = r.read(3), r.read(7), r.read(4)
        add_type, add = r.read(1), r.read(8)
    except ValueError as exc:
        return str(exc)
    extra = {"reason": add} if add_type == 0 else {"user_data": add}
    extra["time_elapsed"] = elapsed
    if (elapsed == 3 and err == 7) or (lon == 0 and lat == 0):
        return [Position(False, source="1", protocol="tetra", extra=extra).to_json_dict()]
    speed = lip.velocity_kmh(vel)
    course = None if speed is None and direction == 15 else direction * 22.5
    return [Position(True, round(lat * 90 / 2**23, 6), round(lon * 180 / 2**24, 6), source="1", speed_kmh=speed,
                     course_deg=course, accuracy_m=lip.ERROR_M.get(err), protocol="tetra",
                     extra=extra).to_json_dict()]


@FAST
@given(st.binary(min_size=1, max_size=13))
def test_short_lip_decoder_matches_the_bit_reader(tail):
    pdu = bytes([lip.PID_LIP, tail[0] & 0x3F]) + tail[1:]  # PID 0x0A, PDU type 0 (short)
    expected = _lip_by_bit_reader(pdu)
    try:
        got: list[dict] | str = [e.to_json_dict() for e in lip.decode_lip(pdu, "1")]
    except ValueError as exc:
        got = str(exc)
    assert got == expected


def test_short_lip_sign_extends_south_and_west():
    pdu = lip.encode_lip_short(-33.8688, -70.6693)
    (p,) = lip.decode_lip(pdu, "1")
    assert p.lat == pytest.approx(-33.8688, abs=1e-5) and p.lon == pytest.approx(-70.6693, abs=1e-5)


@pytest.mark.parametrize("alt", [8, -12, 3000])
def test_dwxx_unpack_matches_the_field_layout(alt):
    frame = binary.encode_dwxx(175607, 166101, 31.23456, 121.47371, alt_m=alt, hms=(2, 3, 4))
    (p,) = binary.parse_frame(frame)
    body = frame[binary.HEADER : -1]
    assert p.lat == round(binary._dms(body[12:16]), 7) and p.lon == round(binary._dms(body[8:12]), 7)
    assert (p.source, p.alt_m, p.time) == ("0166101", float(alt), "02:03:04Z")


def test_check_frame_still_names_a_bad_checksum():
    frame = bytearray(binary.encode_dwxx(175607, 166101, 31.2, 121.4))
    assert binary.check_frame(bytes(frame)) is None
    frame[-1] ^= 1
    assert binary.check_frame(bytes(frame)) == "checksum mismatch"


def test_events_stay_frozen_with_dataclass_defaults():
    p = Position(True, 1.0, 2.0)
    with pytest.raises(AttributeError):
        p.lat = 3.0  # type: ignore[misc]
    assert Position(False).extra == {} and Position(False).extra is not Position(False).extra
    assert Text("t") == Text("t", None) and Ack(True).extra == {}
    assert repr(Position(True, 1.0, 2.0)).startswith("Position(fix=True, lat=1.0, lon=2.0, source=None")


PARSERS = {"nmea": NmeaParser, "tetra": TetraParser, "beidou": BeidouParser}


def _frames_byte_by_byte(protocol: str, data: bytes) -> list[tuple]:
    p = PARSERS[protocol]()
    return [(f.raw, f.events) for i in range(len(data)) for f in p.feed_frames(data[i : i + 1])]


@pytest.mark.parametrize("protocol,dialect", [("nmea", "2.1"), ("tetra", "2.1"), ("beidou", "2.1"),
                                              ("beidou", "4.0")])
def test_parsers_cut_the_same_frames_however_the_stream_is_read(protocol, dialect):
    t = Traffic(protocol, units=3, seed=3, dialect=dialect)
    data = b"  \r\n" + b"".join(t.tick() for _ in range(30)) + b"\r\n \t"
    whole = PARSERS[protocol]()
    frames = whole.feed_frames(data)
    assert [(f.raw, f.events) for f in frames] == _frames_byte_by_byte(protocol, data)
    assert b"".join(f.raw for f in frames) + whole.pending() == data  # nothing dropped, nothing normalised
    # Replaying each stored frame through a fresh parser gives its events again.
    replay = PARSERS[protocol]()
    assert [e for f in frames for e in replay.feed(f.raw)] == [e for f in frames for e in f.events]
