"""Arbitrary bytes never raise; a valid stream split anywhere decodes the same."""
from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from console.devices.beidou import BeidouParser
from console.devices.nmea import NmeaParser
from console.devices.simulator import Traffic
from console.devices.tetra import TetraParser

PARSERS = {"nmea": NmeaParser, "tetra": TetraParser, "beidou": BeidouParser}
FAST = settings(max_examples=150, deadline=None)


def stream(protocol: str, dialect: str = "2.1", ticks: int = 12) -> bytes:
    t = Traffic(protocol, units=3, seed=7, dialect=dialect)
    return b"".join(t.tick() for _ in range(ticks))


def decode(protocol: str, chunks: list[bytes]) -> list[dict]:
    p = PARSERS[protocol]()
    return [e.to_json_dict() for c in chunks for e in p.feed(c)]


STREAMS = [("nmea", "2.1"), ("tetra", "2.1"), ("beidou", "2.1"), ("beidou", "4.0"), ("beidou", "bds3")]


@pytest.mark.parametrize("protocol", list(PARSERS))
@FAST
@given(st.lists(st.binary(max_size=200), max_size=8))
def test_arbitrary_bytes_never_raise(protocol, chunks):
    p = PARSERS[protocol]()
    for chunk in chunks:
        for ev in p.feed(chunk):
            ev.to_json_dict()


@pytest.mark.parametrize("protocol", list(PARSERS))
@FAST
@given(st.lists(st.sampled_from([b"$", b",", b"*", b"\r", b"\n", b"$BDTXR,", b"$TXXX", b"+CTSDSR: 12,1,0,2,0,84",
                                 b"0A", b"\x00\x18", b"\xff", b"GNGGA", b"*78"]), max_size=40))
def test_protocol_shaped_noise_never_raises(protocol, parts):
    PARSERS[protocol]().feed(b"".join(parts))


@pytest.mark.parametrize("protocol,dialect", STREAMS)
def test_split_at_every_byte_offset_decodes_the_same(protocol, dialect):
    data = stream(protocol, dialect, ticks=4)
    whole = decode(protocol, [data])
    assert any(e["kind"] == "position" for e in whole)
    for i in range(len(data) + 1):
        assert decode(protocol, [data[:i], data[i:]]) == whole, i


@pytest.mark.parametrize("protocol,dialect", STREAMS)
@FAST
@given(st.data())
def test_random_multi_splits_decode_the_same(protocol, dialect, data):
    raw = stream(protocol, dialect)
    cuts = sorted(data.draw(st.lists(st.integers(0, len(raw)), max_size=12)))
    chunks = [raw[a:b] for a, b in zip([0, *cuts], [*cuts, len(raw)], strict=True)]
    assert decode(protocol, chunks) == decode(protocol, [raw])


@pytest.mark.parametrize("protocol,dialect", STREAMS)
@FAST
@given(st.binary(max_size=64).filter(lambda b: b"$" not in b and b"\r" not in b and b"\n" not in b))
def test_noise_before_a_valid_stream_loses_nothing_after_the_next_line_end(protocol, dialect, noise):
    raw = stream(protocol, dialect, ticks=3)
    clean = [e for e in decode(protocol, [raw]) if e["kind"] == "position"]
    noisy = [e for e in decode(protocol, [noise + b"\r\n" + raw]) if e["kind"] == "position"]
    assert noisy == clean
