"""Cutting a byte stream into CR/LF-terminated lines, shared by the line-based protocols."""
from __future__ import annotations


def take_complete_lines(buf: bytearray) -> list[bytes]:
    """Remove every complete line from `buf` and return them, the unfinished tail staying behind.

    Everything up to the last CR or LF is split in one go (C speed, no per-line buffer shuffling):
    that cuts at each CR and each LF in turn, exactly as reading line by line would, so a CR LF pair
    yields an empty piece between them, which callers skip."""
    last = max(buf.rfind(b"\n"), buf.rfind(b"\r"))
    if last < 0:
        return []
    block = bytes(buf[:last])
    del buf[: last + 1]
    return block.replace(b"\r", b"\n").split(b"\n")
