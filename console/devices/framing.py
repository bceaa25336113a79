"""Cut a device byte stream into frames before parsing, so each stored frame carries its own events.

The parsers buffer internally and return events per `feed()`; feeding them exactly one frame at a
time ties every event to the bytes it came from, which the audit table (device_frames) needs. The
cut is made at a byte that needs no look-ahead, so the frames do not depend on how reads split the
stream, and the frames joined together are exactly the bytes received (nothing is normalised away:
replaying them through a fresh parser reproduces the events).
"""
from __future__ import annotations

import re

from console.devices.beidou import binary
from console.devices.beidou.binary import RUN_HEAD as HEAD

MAX_FRAME = 16384  # a stream with no line end for this long is noise: cut it so memory stays bounded
# One line frame: blank bytes (they belong to the frame that follows them), non-blank content, and
# everything up to and including the first CR or LF. Group 1 is where the content starts. A compiled
# match does in C what was a Python loop over every leading blank byte.
_LINE = re.compile(rb"[ \t\r\n]*([^ \t\r\n])[^\r\n]*[\r\n]")


def _first_eol(buf: bytearray, start: int) -> int:
    lf, cr = buf.find(b"\n", start), buf.find(b"\r", start)
    if lf < 0:
        return cr
    return lf if cr < 0 else min(lf, cr)


class LineFramer:
    """NMEA and other line protocols: a frame ends at the first CR or LF after non-blank content.

    Leading blank lines belong to the next frame, so nothing is dropped.
    """

    def __init__(self) -> None:
        self._buf = bytearray()

    def feed(self, data: bytes) -> list[bytes]:
        buf = self._buf
        buf += data
        out: list[bytes] = []
        pos = 0
        while (end := self._frame_end(pos)) >= 0:
            out.append(bytes(buf[pos:end]))
            pos = end
        del buf[:pos]  # once per feed, not once per frame
        if len(buf) > MAX_FRAME:
            out.append(bytes(buf))
            buf.clear()
        return out

    def _frame_end(self, pos: int) -> int:
        """Index just past the frame that starts at `pos`, or -1 while it is incomplete."""
        m = _LINE.match(self._buf, pos)
        return m.end() if m else -1

    def pending(self) -> bytes:
        return bytes(self._buf)


class TetraFramer(LineFramer):
    """PEI lines; a `+CTSDSR:` header and its PDU line make one frame (the SDS they carry)."""

    def _frame_end(self, pos: int) -> int:
        m = _LINE.match(self._buf, pos)
        if m is None:
            return -1
        if self._buf.startswith(b"+CTSDSR:", m.start(1)):
            m = _LINE.match(self._buf, m.end())  # the PDU: the next non-blank line
            if m is None:
                return -1
        return m.end()


class BeidouFramer:
    """ASCII sentences end at CR/LF; "4.0" binary frames run for their length field (PROTOCOLS 3.1)."""

    def __init__(self) -> None:
        self._buf = bytearray()

    def feed(self, data: bytes) -> list[bytes]:
        buf = self._buf
        buf += data
        out: list[bytes] = []
        n = len(buf)
        find, head = buf.find, HEAD.match
        # Walk an offset and drop the cut bytes once at the end, rather than once per frame.
        pos = 0  # where the next frame starts (bytes before its `$` belong to it)
        while True:
            start = find(b"$", pos)
            if start < 0:
                if n - pos > MAX_FRAME:
                    out.append(bytes(buf[pos:]))
                    pos = n
                break
            if n - start < 7:
                break
            # The same header test as the parser, so frames and parser agree on where things start.
            m = head(buf, start)
            if m is None:
                cut = start + 1
            elif m.lastindex == 1:  # an ASCII sentence
                end = _first_eol(buf, start)
                if end < 0:
                    if n - start > MAX_FRAME:
                        end = n - 1
                    else:
                        break
                cut = end + 1
            else:
                length = buf[start + 5] << 8 | buf[start + 6]
                if not binary.MIN_FRAME <= length <= binary.MAX_FRAME:
                    cut = start + 1  # the parser reports it and resyncs on the next `$`
                elif n - start < length:
                    break
                else:
                    cut = start + length
            out.append(bytes(buf[pos:cut]))
            pos = cut
        del buf[:pos]
        return out

    def pending(self) -> bytes:
        return bytes(self._buf)


def make_framer(protocol: str) -> LineFramer | BeidouFramer:
    if protocol == "tetra":
        return TetraFramer()
    if protocol == "beidou":
        return BeidouFramer()
    return LineFramer()


def split_frames(protocol: str, data: bytes) -> list[bytes]:
    """All complete frames in `data` (tests and the bench use it on what a simulator wrote)."""
    return make_framer(protocol).feed(data)
