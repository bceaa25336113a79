"""Cut a device byte stream into frames before parsing, so each stored frame carries its own events.

The parsers buffer internally and return events per `feed()`; feeding them exactly one frame at a
time ties every event to the bytes it came from, which the audit table (device_frames) needs. The
cut is made at a byte that needs no look-ahead, so the frames do not depend on how reads split the
stream, and the frames joined together are exactly the bytes received (nothing is normalised away:
replaying them through a fresh parser reproduces the events).
"""
from __future__ import annotations

from console.devices.beidou import binary

_EOL = b"\r\n"
MAX_FRAME = 16384  # a stream with no line end for this long is noise: cut it so memory stays bounded


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
        self._buf += data
        out: list[bytes] = []
        while True:
            end = self._next_end()
            if end < 0:
                if len(self._buf) > MAX_FRAME:
                    out.append(bytes(self._buf))
                    self._buf.clear()
                return out
            out.append(bytes(self._buf[: end + 1]))
            del self._buf[: end + 1]

    def _content_end(self, start: int) -> tuple[int, int]:
        """(index of the terminator after the next non-blank line, index where that line starts)."""
        buf, i = self._buf, start
        while i < len(buf) and buf[i] in b" \t\r\n":
            i += 1
        if i >= len(buf):
            return -1, -1
        return _first_eol(buf, i), i

    def _next_end(self) -> int:
        return self._content_end(0)[0]

    def pending(self) -> bytes:
        return bytes(self._buf)


class TetraFramer(LineFramer):
    """PEI lines; a `+CTSDSR:` header and its PDU line make one frame (the SDS they carry)."""

    def _next_end(self) -> int:
        end, start = self._content_end(0)
        if end < 0:
            return -1
        if bytes(self._buf[start : start + 8]) == b"+CTSDSR:":
            return self._content_end(end + 1)[0]
        return end


class BeidouFramer:
    """ASCII sentences end at CR/LF; "4.0" binary frames run for their length field (PROTOCOLS 3.1)."""

    def __init__(self) -> None:
        self._buf = bytearray()

    def feed(self, data: bytes) -> list[bytes]:
        self._buf += data
        out: list[bytes] = []
        buf = self._buf
        while True:
            start = buf.find(b"$")
            if start < 0:
                if len(buf) > MAX_FRAME:
                    out.append(bytes(buf))
                    buf.clear()
                return out
            if len(buf) - start < 7:
                return out
            head = buf[start + 1 : start + 6]
            if all(0x30 <= c <= 0x39 or 0x41 <= c <= 0x5A for c in head) and buf[start + 6] == 0x2C:
                end = _first_eol(buf, start)
                if end < 0:
                    if len(buf) - start > MAX_FRAME:
                        end = len(buf) - 1
                    else:
                        return out
                cut = end + 1
            elif all(0x41 <= c <= 0x5A for c in head[:4]):
                length = int.from_bytes(buf[start + 5 : start + 7], "big")
                if not binary.MIN_FRAME <= length <= binary.MAX_FRAME:
                    cut = start + 1  # the parser reports it and resyncs on the next `$`
                elif len(buf) - start < length:
                    return out
                else:
                    cut = start + length
            else:
                cut = start + 1
            out.append(bytes(buf[:cut]))
            del buf[:cut]

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
