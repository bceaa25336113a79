"""Row ids unique across machines without coordination: ULIDs (48-bit ms time + 80 random bits),
so ids created offline on different laptops never collide and sort roughly by creation time."""
from __future__ import annotations

import os

_ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"  # Crockford base32


def new_id(now_ms: int, randomness: bytes | None = None) -> str:
    rand = randomness if randomness is not None else os.urandom(10)
    if len(rand) != 10:
        raise ValueError("ULID needs 10 random bytes")
    value = (now_ms & 0xFFFFFFFFFFFF) << 80 | int.from_bytes(rand, "big")
    out = []
    for _ in range(26):
        out.append(_ALPHABET[value & 31])
        value >>= 5
    return "".join(reversed(out))


def id_time_ms(ulid: str) -> int:
    value = 0
    for ch in ulid:
        value = value * 32 + _ALPHABET.index(ch)
    return value >> 80
