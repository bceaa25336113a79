"""The one-pass BeiDou 4.0 path against the frame-at-a-time loop it replaced (errors folded into runs)."""
from __future__ import annotations

import random

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from console.devices.beidou import BeidouParser, binary
from console.devices.beidou.protocol import ASCII_HEAD, BINARY_HEAD, MAX_LINE, PROTOCOL, SET_40
from console.devices.checksum import xor8, xor_prefix
from console.devices.frames import MAX_HELD, Frame
from console.devices.simulator import Traffic
from console.domain.device_events import Error, Event, Position, raw_preview

FAST = settings(max_examples=300, deadline=None)


class PlainParser(BeidouParser):
    """BeidouParser.feed before the fast path: check_frame + parse_frame per frame, buffer trimmed each time."""

    def feed(self, data: bytes) -> list[Event]:
        buf = self._buf
        buf += data
        out: list[Event] = []
        while buf:
            start = buf.find(b"$")
            if start < 0:
                buf.clear()
                break
            del buf[:start]
            if len(buf) < 7:
                break
            if ASCII_HEAD.match(buf):
                lf = buf.find(b"\n")
                cr = buf.find(b"\r", 0, lf) if lf >= 0 else buf.find(b"\r")
                end = cr if cr >= 0 else lf
                if end < 0:
                    if len(buf) > MAX_LINE:
                        out.append(Error("line too long", raw_preview(bytes(buf)), PROTOCOL))
                        del buf[:1]
                        continue
                    break
                line = bytes(buf[:end])
                del buf[: end + 1]
                out += self.parse_line(line)
            elif BINARY_HEAD.match(buf):
                length = int.from_bytes(buf[5:7], "big")
                if not binary.MIN_FRAME <= length <= binary.MAX_FRAME:
                    out.append(Error("bad binary frame length", raw_preview(bytes(buf[:7])), PROTOCOL))
                    del buf[:1]
                    continue
                if len(buf) < length:
                    break
                frame = bytes(buf[:length])
                reason = binary.check_frame(frame)
                if reason:
                    out.append(Error(reason, raw_preview(frame), PROTOCOL))
                    del buf[:1]
                    continue
                del buf[:length]
                if self.dialect != SET_40:
                    self._detected(SET_40, out)
                out += binary.parse_frame(frame)
            else:
                del buf[:1]
        return out


def full(events: list[Event]) -> list[tuple]:
    # Every field including `extra` (which == ignores), the JSON form, and the exact float reprs.
    return [(type(e), vars(e), e.to_json_dict(), repr(e)) for e in events]


def traffic(dialect: str, seed: int, ticks: int = 20) -> bytes:
    t = Traffic("beidou", units=4, seed=seed, dialect=dialect)
    return b"".join(t.tick() for _ in range(ticks))


def damaged(data: bytes, rnd: random.Random, n: int) -> bytes:
    """Flip, drop and insert bytes ($, CR, LF and header-looking runs among them)."""
    b = bytearray(data)
    for _ in range(n):
        i = rnd.randrange(len(b) + 1)
        op = rnd.randrange(4)
        if op == 0 and i < len(b):
            b[i] ^= 1 << rnd.randrange(8)
        elif op == 1 and i < len(b):
            del b[i : i + rnd.randrange(1, 12)]
        else:
            b[i:i] = rnd.choice([b"$", b"\r\n", b"$DWXX", b"$DWXX\x00", b"$TXXX\x00\x0b", b"$BDDWR,", b"\xff\x00"])
    return bytes(b)


def one_error_per_run(events: list[Event]) -> list[Event]:
    """What the plain loop reported, with an Error dropped when the event before it was one."""
    out: list[Event] = []
    for e in events:
        if not (isinstance(e, Error) and out and isinstance(out[-1], Error)):
            out.append(e)
    return out


def run(parser: BeidouParser, data: bytes, cuts: list[int]) -> list[tuple]:
    bounds = [0, *sorted(cuts), len(data)]
    events = [e for a, b in zip(bounds, bounds[1:], strict=False) for e in parser.feed(data[a:b])]
    return full(one_error_per_run(events) if isinstance(parser, PlainParser) else events)


def same_state(fast: BeidouParser, plain: PlainParser) -> bool:
    # The fast parser also holds the bytes before the unfinished frame's `$`: they belong to it.
    return fast.dialect == plain.dialect and fast.pending().endswith(bytes(plain._buf))


@given(st.binary(min_size=7, max_size=7), st.sampled_from([b"$", b""]))
@FAST
def test_one_head_match_agrees_with_the_two(head, dollar):
    head = dollar + head[len(dollar):]
    m = binary.RUN_HEAD.match(head)
    expected = "ascii" if ASCII_HEAD.match(head) else "binary" if BINARY_HEAD.match(head) else None
    assert (None if m is None else "ascii" if m.lastindex == 1 else "binary") == expected
    assert (m is not None and m.lastindex == 2) == (expected == "binary" and head[1:5] == b"DWXX")


@given(st.sampled_from(["DWXX", "TXXX", "FKXX", "ICXX", "ZJXX", "ABCD"]), st.integers(0, 2**24 - 1),
       st.binary(max_size=40), st.booleans())
@FAST
def test_decode_run_makes_parse_frames_events(name, user, body, realistic):
    if realistic and name == "DWXX":  # in-range coordinates as well as arbitrary bytes
        frame = binary.encode_dwxx(user, user ^ 0x5A5A5A, (user % 9000) / 100, (user % 18000) / 100,
                                   alt_m=(user % 20000) - 10000, hms=(user % 24, user % 60, user % 61))
    else:
        frame = binary.build_frame(name, user, body)
    out: list[Frame] = []
    buf = bytearray(b"x" + frame + b"\x00$")
    # It stops at the lone `$` after the frame; the byte before the frame's `$` belongs to the frame.
    assert binary.decode_run(buf, 1, 0, out, xor_prefix(buf)) == (len(buf) - 1, len(buf) - 2)
    assert [f.raw for f in out] == [b"x" + frame]
    assert full(out[0].events) == full(binary.parse_frame(frame))


def test_decode_run_leaves_what_it_does_not_decode():
    good = binary.encode_dwxx(1, 2, 31.2, 121.4)
    bad = bytearray(good)
    bad[-1] ^= 1
    too_long = binary.build_frame("TXXX", 1, bytes(binary.MAX_FRAME))  # well-formed apart from its size
    # Shorter than MIN_FRAME, but its `length` bytes XOR to 0 as a good frame's do.
    too_short = [b"$TXXX" + n.to_bytes(2, "big") + bytes(n - 8) + bytes([xor8(b"$TXXX" + n.to_bytes(2, "big"))])
                 for n in range(8, binary.MIN_FRAME)]
    for rest in [bytes(bad), b"$BDDWR,1", good[:-1], b"$DW", b"$dwxx\x00\x1f", b"$DWXX\x00\x05xxxx", too_long,
                 *too_short]:
        out: list[Frame] = []
        buf = bytearray(good + rest)
        assert binary.decode_run(buf, 0, 0, out, xor_prefix(buf)) == (len(good), len(good))
        assert len(out) == 1 and len(out[0].events) == 1 and isinstance(out[0].events[0], Position)


@pytest.mark.parametrize("seed", range(40))
def test_parser_matches_the_plain_loop_on_damaged_mixed_streams(seed):
    rnd = random.Random(seed)
    data = traffic("4.0", seed) + traffic("2.1", seed, 4) + traffic("4.0", seed + 1, 10) + traffic("bds3", seed, 3)
    data = damaged(data, rnd, rnd.randrange(0, 40))
    cuts = [rnd.randrange(len(data) + 1) for _ in range(rnd.randrange(0, 30))]
    fast, plain = BeidouParser(), PlainParser()
    assert run(fast, data, cuts) == run(plain, data, cuts)
    assert same_state(fast, plain)


@FAST
@given(st.lists(st.sampled_from([b"$", b"\r", b"\n", b"$DWXX", b"$TXXX", b"\x00\x1f", b"\x00\x0b", b"\x00",
                                 b"$BDDWR,", b"$GPGGA,", b"*00", b"\xff", b"DWXX"]), max_size=40),
       st.lists(st.integers(0, 400), max_size=6))
def test_parser_matches_the_plain_loop_on_frame_shaped_noise(parts, cuts):
    good = binary.encode_dwxx(7, 8, 31.2, 121.4)
    data = good + b"".join(parts) + good
    cuts = [min(c, len(data)) for c in cuts]
    fast, plain = BeidouParser(), PlainParser()
    assert run(fast, data, cuts) == run(plain, data, cuts)
    assert same_state(fast, plain)


@pytest.mark.parametrize("seed", range(40))
def test_frames_hold_every_byte_received(seed):
    rnd = random.Random(seed)
    data = damaged(traffic("4.0", seed) + traffic("2.1", seed, 4), rnd, rnd.randrange(0, 40))
    if seed % 4 == 0:
        data += b"$BDTXR," + b"x" * (MAX_HELD + 5)  # no line end
    elif seed % 4 == 1:
        data += b"y" * (MAX_HELD + 5)  # no `$` at all
    cuts = sorted(rnd.randrange(len(data) + 1) for _ in range(rnd.randrange(0, 30)))
    parser = BeidouParser()
    frames = [f for a, b in zip([0, *cuts], [*cuts, len(data)], strict=True) for f in parser.feed_frames(data[a:b])]
    assert b"".join(f.raw for f in frames) + parser.pending() == data
    assert all(len(f.raw) <= MAX_HELD + MAX_LINE + binary.MAX_FRAME for f in frames)
    assert len(parser.pending()) <= MAX_HELD + MAX_LINE + binary.MAX_FRAME


@pytest.mark.parametrize("tail", [b"$BDTXR,1,0000001,1,,4142", b"$BDTXR," + b"x" * (MAX_LINE + 5)])
def test_parser_matches_the_plain_loop_around_unfinished_and_overlong_lines(tail):
    # Over MAX_LINE in the buffer, but (for the first tail) not from the unfinished line's `$`: that
    # line must wait for its line end, which comes in the next read.
    data = binary.encode_dwxx(1, 2, 31.2, 121.4) * (MAX_LINE // 31 + 10) + tail + b"\r\n"
    fast, plain = BeidouParser(), PlainParser()
    assert run(fast, data, [len(data) - 2]) == run(plain, data, [len(data) - 2])
    assert same_state(fast, plain)
