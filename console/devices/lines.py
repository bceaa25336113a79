"""Cutting a byte stream into line frames, shared by the line-based protocols (NMEA, TETRA PEI)."""
from __future__ import annotations

import re

# One line frame: blank bytes (they belong to the frame that follows them), non-blank content, and
# everything up to and including the first CR or LF. The cut needs no look-ahead, so the frames do
# not depend on how reads split the stream. Matches are contiguous: where one fails, all later do.
_LINE = re.compile(rb"[ \t\r\n]*[^ \t\r\n][^\r\n]*[\r\n]")


def cut_lines(buf: bytearray, max_line: int) -> tuple[list[bytes], bytes | None]:
    """Remove every complete line frame from `buf`: (frames, overflow).

    `overflow` is the unfinished rest when it has grown past `max_line` bytes without a line end
    (noise, or a line end lost on the wire): it is removed too, so memory stays bounded."""
    # Search only up to the last line end: past it no match can start, and a failed search would
    # try again from every byte of the unfinished rest.
    last = max(buf.rfind(b"\n"), buf.rfind(b"\r"))
    frames = _LINE.findall(buf, 0, last + 1) if last >= 0 else []
    if frames:
        del buf[: sum(map(len, frames))]
    if len(buf) > max_line:
        rest = bytes(buf)
        buf.clear()
        return frames, rest
    return frames, None
