"""Runs of garbage: one Error each, every byte kept in the frames, nothing good lost after them."""
from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from console.devices.beidou import BeidouParser, binary
from console.devices.frames import MAX_HELD
from console.devices.nmea import NmeaParser
from console.devices.simulator import Traffic
from console.devices.tetra import TetraParser
from console.domain.device_events import Error

PARSERS = {"nmea": NmeaParser, "tetra": TetraParser, "beidou": BeidouParser}
FAST = settings(max_examples=150, deadline=None)
NOISE = st.lists(st.sampled_from([b"$", b",", b"*", b"\r", b"\n", b"$BDTXR,", b"$TXXX", b"$DWXX\x00\x01",
                                  b"$DWXX\x00\x20", b"+CTSDSR: 12,1,0,2,0,84", b"0A", b"\xff\xfe", b"GNGGA",
                                  b"*78", b"$GPGGA*00\r\n", b"ERROR\r\n", b"x" * 700]), max_size=60)


def frames_of(protocol: str, chunks: list[bytes]):
    p = PARSERS[protocol]()
    frames = [f for c in chunks for f in p.feed_frames(c)]
    return frames, p


def split(data: bytes, cuts: list[int]) -> list[bytes]:
    bounds = [0, *sorted(min(c, len(data)) for c in cuts), len(data)]
    return [data[a:b] for a, b in zip(bounds, bounds[1:], strict=False)]


@pytest.mark.parametrize("protocol", list(PARSERS))
@FAST
@given(NOISE, st.lists(st.integers(0, 5000), max_size=8))
def test_no_two_errors_in_a_row_and_every_byte_in_a_frame(protocol, parts, cuts):
    data = b"".join(parts)
    frames, parser = frames_of(protocol, split(data, cuts))
    events = [e for f in frames for e in f.events]
    assert not any(isinstance(a, Error) and isinstance(b, Error) for a, b in zip(events, events[1:], strict=False))
    assert b"".join(f.raw for f in frames) + parser.pending() == data


@pytest.mark.parametrize("protocol,dialect", [("nmea", "2.1"), ("tetra", "2.1"), ("beidou", "2.1"),
                                              ("beidou", "4.0")])
@FAST
@given(NOISE)
def test_a_run_of_garbage_between_good_traffic_is_one_error_and_loses_nothing_after_it(protocol, dialect, parts):
    t = Traffic(protocol, units=2, seed=5, dialect=dialect)
    good = b"".join(t.tick() for _ in range(3))
    after = b"".join(t.tick() for _ in range(3))
    noise = b"".join(parts)
    clean = [e for f in frames_of(protocol, [good + b"\r\n" + after])[0] for e in f.events]
    frames, _ = frames_of(protocol, [good + noise + b"\r\n" + after])
    events = [e for f in frames for e in f.events]
    assert sum(isinstance(e, Error) for e in events) <= 1 + noise.count(b"\r\n")
    tail = [e.to_json_dict() for e in events if e.kind == "position"][-6:]
    assert tail == [e.to_json_dict() for e in clean if e.kind == "position"][-6:]


@pytest.mark.parametrize("protocol,garbage", [
    ("beidou", b"$BDTXR,"), ("beidou", b"$DWXX\x00\x01"), ("nmea", b"$GPGGA,"), ("nmea", b"$GPGGA*00\r\n"),
    ("tetra", b"+CTSDSR: 12,"), ("tetra", b"ERRR\xff\r\n"), ("tetra", b"AT\xfe")])
def test_a_mebibyte_of_garbage_is_one_error_in_a_few_dozen_frames(protocol, garbage):
    data = garbage * ((1 << 20) // len(garbage))
    frames, parser = frames_of(protocol, split(data, list(range(4096, len(data), 4096))))
    errors = [e for f in frames for e in f.events if isinstance(e, Error)]
    assert len(errors) == 1
    assert len(frames) <= len(data) // MAX_HELD + 3
    assert b"".join(f.raw for f in frames) + parser.pending() == data
    assert len(parser.pending()) <= MAX_HELD + 8192


@pytest.mark.parametrize("protocol", list(PARSERS))
def test_good_traffic_ends_the_run_so_the_next_garbage_is_reported_again(protocol):
    t = Traffic(protocol, units=1, seed=2)
    good = b"".join(t.tick() for _ in range(2))
    bad = b"$BDTXR," + b"\xff" * 3000 + b"\r\n"
    frames, _ = frames_of(protocol, [bad + good + bad + good])
    assert sum(isinstance(e, Error) for f in frames for e in f.events) == 2


@FAST
@given(st.binary(min_size=6, max_size=6), st.sampled_from([b"$", b"$BD", b"$DWXX", b"$ABCD\x00", b"$TXXX\x04"]))
def test_the_skip_over_garbage_stops_at_every_head_the_parser_would_try(tail, head):
    data = (head + tail)[:7]
    m = binary.RUN_HEAD.match(data)
    would_try = m is not None and (m.lastindex == 1 or binary.MIN_FRAME <= data[5] << 8 | data[6] <= binary.MAX_FRAME)
    assert (binary.PLAUSIBLE_HEAD.match(data) is not None) == would_try
    assert (binary.BINARY_HEAD_ONLY.match(data) is not None) == (m is not None and m.lastindex != 1)
