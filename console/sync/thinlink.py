"""Thin link: a unit's position, status or a short text in one BeiDou level-3 short message
(628 bits = 78 whole bytes) or one TETRA SDS (140 bytes), authenticated by a truncated HMAC.

An Ed25519 signature (64 bytes) does not fit a position frame, so the link uses a per-link shared
key and HMAC-SHA256 cut to 4 bytes: a forger gets one chance in 2^32 per frame, which over a
channel carrying a frame a minute is enough. Sans-I/O: bytes in, bytes out.

Position frame, 18 bytes:  kind|status (1) | radio id (3) | lat, lon in 1e-6 degree (4+4)
                           | seconds into the day / 2 (2) | MAC (4)
Text frame:                kind (1) | radio id (3) | seconds / 2 (2) | UTF-8 text | MAC (4)
"""
from __future__ import annotations

import hashlib
import hmac
import struct
from dataclasses import dataclass

BEIDOU_BYTES = 628 // 8  # one level-3 BeiDou short message
TETRA_SDS_BYTES = 140
MAC_LEN = 4
STATUSES = ("available", "dispatched", "on_scene", "returning", "out_of_service")
_POSITION, _TEXT = 1, 2
_POS = struct.Struct(">B3siiH")
_TXT = struct.Struct(">B3sH")
MAX_TEXT_BYTES = BEIDOU_BYTES - _TXT.size - MAC_LEN


class FrameRefused(ValueError):
    """Not a frame of ours, damaged, or not signed with the link's key."""


@dataclass(frozen=True)
class UnitPosition:
    radio_id: int  # the unit's 24-bit TETRA ISSI or BeiDou card number
    status: str
    lat: float
    lon: float
    seconds: int  # seconds into the UTC day, even (2 s resolution)


@dataclass(frozen=True)
class UnitText:
    radio_id: int
    text: str
    seconds: int


def _mac(key: bytes, body: bytes) -> bytes:
    return hmac.new(key, body, hashlib.sha256).digest()[:MAC_LEN]


def _radio(radio_id: int) -> bytes:
    if not 0 <= radio_id < 1 << 24:
        raise ValueError("a radio id has 24 bits")
    return radio_id.to_bytes(3, "big")


def encode_position(p: UnitPosition, key: bytes) -> bytes:
    body = _POS.pack(_POSITION << 5 | STATUSES.index(p.status), _radio(p.radio_id), round(p.lat * 1e6),
                     round(p.lon * 1e6), (p.seconds % 86400) // 2)
    return body + _mac(key, body)


def encode_text(t: UnitText, key: bytes) -> bytes:
    text = t.text.encode("utf-8")
    if len(text) > MAX_TEXT_BYTES:
        raise ValueError(f"a thin-link text holds {MAX_TEXT_BYTES} bytes of UTF-8; this one has {len(text)}")
    body = _TXT.pack(_TEXT << 5, _radio(t.radio_id), (t.seconds % 86400) // 2) + text
    return body + _mac(key, body)


def decode(frame: bytes, key: bytes) -> UnitPosition | UnitText:
    if len(frame) < _TXT.size + MAC_LEN:
        raise FrameRefused("frame too short")
    body, mac = frame[:-MAC_LEN], frame[-MAC_LEN:]
    if not hmac.compare_digest(mac, _mac(key, body)):
        raise FrameRefused("frame not authenticated by this link's key (altered or foreign)")
    kind = body[0] >> 5
    if kind == _POSITION and len(body) == _POS.size:
        head, radio, lat, lon, half = _POS.unpack(body)
        status = head & 0x1F
        if status >= len(STATUSES):
            raise FrameRefused("unknown unit status")
        return UnitPosition(int.from_bytes(radio, "big"), STATUSES[status], lat / 1e6, lon / 1e6, half * 2)
    if kind == _TEXT:
        _, radio, half = _TXT.unpack(body[:_TXT.size])
        try:
            text = body[_TXT.size:].decode("utf-8")
        except UnicodeDecodeError:
            raise FrameRefused("text is not UTF-8")
        return UnitText(int.from_bytes(radio, "big"), text, half * 2)
    raise FrameRefused("unknown frame kind")
