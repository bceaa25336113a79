"""BeiDou "4.0" binary frames: `$` + 4 letters, u16 total length, u24 user, fields, XOR.

Layouts of TXSQ, TXXX, FKXX, ICXX and ZJXX follow PROTOCOLS.md s.3.4. The DWXX position layout
(time h/m/s/cs, lon and lat as deg/min/sec/tenth, height, anomaly) is our reading of the 4.0
document and is marked as such in the event.
"""
from __future__ import annotations

import re
import struct

from console.devices.checksum import xor8
from console.devices.frames import Frame
from console.domain.device_events import Ack, Error, Event, Info, Position, Text, raw_preview

PROTOCOL = "beidou"
MIN_FRAME, MAX_FRAME = 11, 1024
HEADER = 10  # $ + name(4) + length(2) + user(3)
# Card level -> capacity in bits, unencrypted (N) and encrypted (E) (PROTOCOLS.md s.3.5).
CAPACITY_BITS = {False: {1: 110, 2: 408, 3: 628, 4: 848}, True: {1: 140, 2: 360, 3: 580, 4: 1680}}
URGENT_BITS = 188


def card_str(user: int) -> str:
    # ASCII sentences spell card numbers as 7 digits; use the same key for binary frames.
    return f"{user:07d}"


def xor(data: bytes) -> int:
    return xor8(data)


def build_frame(name: str, user: int, body: bytes) -> bytes:
    head = b"$" + name.encode("ascii") + (HEADER + len(body) + 1).to_bytes(2, "big") + user.to_bytes(3, "big")
    raw = head + body
    return raw + bytes([xor(raw)])


def check_frame(frame: bytes) -> str | None:
    """None if the frame is well-formed, else the reason."""
    if len(frame) < MIN_FRAME:
        return "frame too short"
    if int.from_bytes(frame[5:7], "big") != len(frame):
        return "length mismatch"
    if xor8(frame):  # the XOR of the rest equals the last byte iff the XOR of everything is 0
        return "checksum mismatch"
    return None


def _payload_text(code: bool, payload: bytes, bits: int) -> tuple[str, str]:
    if not code:
        return payload[: bits // 8].decode("gb18030", "replace"), "chinese"
    data = payload[: (bits + 7) // 8]
    if data[:1] == b"\xa4":
        return data[1:].decode("gb18030", "replace"), "mixed"
    digits = data.hex().upper()[: bits // 4]
    return digits, "code"


def parse_frame(frame: bytes) -> list[Event]:
    """Decode a frame that passed `check_frame`."""
    name = frame[1:5].decode("ascii")
    user = int.from_bytes(frame[7:10], "big")
    body = frame[HEADER:-1]
    try:
        handler = _HANDLERS.get(name)
        if handler is None:
            return [Info(name.lower(), PROTOCOL, {"user": card_str(user), "hex": body.hex().upper()})]
        return handler(user, body)
    except (IndexError, ValueError) as exc:
        return [Error(f"bad ${name} fields: {exc}", raw_preview(frame), PROTOCOL)]


def _need(body: bytes, n: int) -> None:
    if len(body) < n:
        raise ValueError(f"need {n} bytes, got {len(body)}")


def _txsq(user: int, b: bytes) -> list[Event]:
    _need(b, 7)
    category, dest, bits = b[0], int.from_bytes(b[1:4], "big"), int.from_bytes(b[4:6], "big")
    text, coding = _payload_text(bool(category & 0x02), b[7:], bits)
    # Our own send request echoed back (or sniffed): nothing arrived, so it is info, not text.
    return [Info("send-request", PROTOCOL, {"from": card_str(user), "to": card_str(dest), "text": text,
                                           "coding": coding, "urgent": not category & 0x04})]


def _txxx(user: int, b: bytes) -> list[Event]:
    _need(b, 8)
    category, sender = b[0], int.from_bytes(b[1:4], "big")
    hour, minute, bits = b[4], b[5], int.from_bytes(b[6:8], "big")
    payload = b[8 : 8 + (bits + 7) // 8]
    if len(payload) < (bits + 7) // 8:
        raise ValueError("payload shorter than its length in bits")
    code = bool(category & 0x20)
    if code and payload[:1] in (b"\xa0", b"\xa1"):
        return [Info("position-report", PROTOCOL, {"from": card_str(sender), "hex": payload.hex().upper()})]
    text, coding = _payload_text(code, payload, bits)
    when = f"{hour:02d}:{minute:02d}" if hour < 24 and minute < 60 else None
    return [Text(text, card_str(sender), card_str(user), when, coding, protocol=PROTOCOL)]


def _fkxx(user: int, b: bytes) -> list[Event]:
    _need(b, 1)
    flag, extra = b[0], b[1:5]
    command = extra.decode("ascii") if extra.isalpha() else None
    wait = int.from_bytes(extra, "big") if flag == 4 and not command and extra else None
    return [Ack(flag == 0, command or "TXSQ", status=flag, wait_s=wait, protocol=PROTOCOL,
                detail={0: "ok", 4: "interval not elapsed"}.get(flag, "failed"))]


def _icxx(user: int, b: bytes) -> list[Event]:
    _need(b, 11)
    level, encrypted = b[7], bool(b[8])
    return [Info("card", PROTOCOL, {
        "card": card_str(user), "set": "4.0", "frame": b[0],
        "broadcast": card_str(int.from_bytes(b[1:4], "big")),
        "user_feature": b[4], "interval_s": int.from_bytes(b[5:7], "big"), "level": level,
        "encrypted": encrypted, "subordinates": int.from_bytes(b[9:11], "big"),
        "capacity_bits": CAPACITY_BITS[encrypted].get(level)})]


def _zjxx(user: int, b: bytes) -> list[Event]:
    _need(b, 10)
    return [Info("self-check", PROTOCOL, {"card": card_str(user), "ic_status": b[0], "hardware": b[1],
                                         "battery": b[2], "inbound": b[3], "beams": list(b[4:10])})]


def _dms(b: bytes) -> float:
    return b[0] + b[1] / 60 + (b[2] + b[3] / 10) / 3600


_2D = [f"{i:02d}" for i in range(256)]
# flag+address (u8+u24 read as one u32), h, m, s, (cs skipped), lon d/m/s/tenth, lat d/m/s/tenth, height
_DWXX = struct.Struct(">IBBBx4B4BH")
DWXX_MIN = HEADER + 20 + 1  # shorter DWXX frames take parse_frame, which reports the missing bytes


def _dwxx(user: int, b: bytes) -> list[Event]:
    _need(b, 20)
    # One C-level unpack instead of a dozen slices and calls: DWXX is most of a 4.0 terminal's traffic.
    fa, h, m, s, lo_d, lo_m, lo_s, lo_t, la_d, la_m, la_s, la_t, height = _DWXX.unpack_from(b)
    addr = fa & 0xFFFFFF
    # Same arithmetic as _dms(), so the floats are identical.
    lon = lo_d + lo_m / 60 + (lo_s + lo_t / 10) / 3600
    lat = la_d + la_m / 60 + (la_s + la_t / 10) / 3600
    alt = -(height & 0x3FFF) if height & 0x4000 else height & 0x3FFF
    if lat == 0 and lon == 0:
        return [Position(False, source=f"{addr:07d}", protocol=PROTOCOL)]
    when = _2D[h] + ":" + _2D[m] + ":" + _2D[s] + "Z"  # = f"{h:02d}:{m:02d}:{s:02d}Z", faster
    return [Position(True, round(lat, 7), round(lon, 7), f"{addr:07d}", float(alt), time=when,
                     protocol=PROTOCOL, extra={"layout": "dwxx-assumed"})]


_HANDLERS = {"TXSQ": _txsq, "TXXX": _txxx, "FKXX": _fkxx, "ICXX": _icxx, "ZJXX": _zjxx, "DWXX": _dwxx}


# What the stream parser reads after a `$`, in its order: an ASCII sentence head (five letters/digits
# and a comma; group 1) wins over a binary one (four letters; group 2 when it is DWXX). protocol.py's
# ASCII_HEAD and BINARY_HEAD say the same; tests/unit/devices/test_beidou40_fast_path.py compares them.
RUN_HEAD = re.compile(rb"\$(?:[0-9A-Z]{5},()|(DWXX)|[A-Z]{4})")
# A `$` that starts a binary frame (four letters, not an ASCII sentence's five and a comma).
BINARY_HEAD_ONLY = re.compile(rb"\$(?![0-9A-Z]{5},)[A-Z]{4}")
# A `$` that could start a frame: an ASCII head, or a binary head whose length field is in range.
PLAUSIBLE_HEAD = re.compile(
    rb"\$(?:[0-9A-Z]{5},|[A-Z]{4}(?:\x00[\x0b-\xff]|[\x01-\x03][\x00-\xff]|\x04\x00))"
)
_new = object.__new__
# The events are frozen dataclasses: decode_run fills a Position's __dict__ in one step, with every
# field of the class (the fast-path tests compare vars() with what the constructor makes).
_set_dict = object.__setattr__
# Card number -> its 7-digit string. A terminal hears a handful of cards, so this stays small; it is
# emptied if a noisy stream ever fills it.
_CARDS: dict[int, str] = {}
_CARDS_MAX = 4096


def decode_run(buf: bytes, pos: int, start: int, frames: list[Frame], xp: bytes) -> tuple[int, int]:
    """Decode the well-formed binary frames from buf[pos] on into `frames`: (where it stopped, frame start).

    The stream parser's hot loop for a 4.0 terminal, whose frames are ~30 bytes: one call per
    buffer instead of several per frame, no frame copies for DWXX (unpacked in place), and the
    Position filled directly. Events equal parse_frame()'s. It stops at, without consuming, the
    first `$` that is not a complete binary frame with a good length and check byte (an ASCII
    sentence, a stray `$`, a damaged or unfinished frame): the parser's general path handles those,
    so errors are reported in one place. Bytes from `start` to a frame's `$` belong to that frame;
    the returned start is where the next frame begins. `xp` is xor_prefix(buf), made once per read
    however often this is called.
    """
    n = len(buf)
    head = RUN_HEAD.match
    find = buf.find
    unpack = _DWXX.unpack_from
    append, frame = frames.append, Frame
    cards, two = _CARDS, _2D
    new, set_dict, position = _new, _set_dict, Position
    while n - pos >= 7:
        m = head(buf, pos)
        if m is None:
            return pos, start
        kind = m.lastindex
        if kind == 1:
            return pos, start
        length = buf[pos + 5] << 8 | buf[pos + 6]
        end = pos + length
        if length < MIN_FRAME or length > MAX_FRAME or end > n:
            return pos, start
        if xp[pos] != xp[end]:  # the XOR of the whole frame is not 0: bad check byte
            return pos, start
        if kind == 2 and length >= DWXX_MIN:
            # _dwxx(), read in place.
            fa, h, mi, s, lo_d, lo_m, lo_s, lo_t, la_d, la_m, la_s, la_t, height = unpack(buf, pos + HEADER)
            addr = fa & 0xFFFFFF
            card = cards.get(addr)
            if card is None:
                if len(cards) >= _CARDS_MAX:
                    cards.clear()
                card = cards[addr] = f"{addr:07d}"
            lon = lo_d + lo_m / 60 + (lo_s + lo_t / 10) / 3600
            lat = la_d + la_m / 60 + (la_s + la_t / 10) / 3600
            if lat == 0 and lon == 0:
                append(frame(buf[start:end], [position(False, source=card, protocol=PROTOCOL)]))
            else:
                p = new(position)
                set_dict(p, "__dict__", {
                    "fix": True, "lat": round(lat, 7), "lon": round(lon, 7), "source": card,
                    "alt_m": float(-(height & 0x3FFF) if height & 0x4000 else height & 0x3FFF),
                    "speed_kmh": None, "course_deg": None, "accuracy_m": None,
                    "time": two[h] + ":" + two[mi] + ":" + two[s] + "Z", "degraded": None,
                    "protocol": PROTOCOL, "extra": {"layout": "dwxx-assumed"}})
                append(frame(buf[start:end], [p]))
        else:
            append(frame(buf[start:end], parse_frame(bytes(buf[pos:end]))))
        start = end
        pos = find(b"$", end)
        if pos < 0:
            return n, start
    return pos, start


def _message_payload(text: str, code: bool) -> tuple[bytes, int]:
    if not code:
        data = text.encode("gb2312")
        return data, len(data) * 8
    data = b"\xa4" + text.encode("gb18030")
    return data, len(data) * 8


def needs_mixed(text: str) -> bool:
    """Chinese form carries only double-byte GB2312; anything with ASCII goes as mixed (A4)."""
    try:
        data = text.encode("gb2312")
    except UnicodeEncodeError:
        return True
    return len(data) != 2 * len(text)


def encode_txsq(user: int, dest: int, text: str, *, urgent: bool = False, ack: bool = False,
                mixed: bool | None = None) -> bytes:
    mixed = needs_mixed(text) if mixed is None else mixed
    payload, bits = _message_payload(text, mixed)
    category = 0x40 | (0 if urgent else 0x04) | (0x02 if mixed else 0)
    return build_frame("TXSQ", user, bytes([category]) + dest.to_bytes(3, "big") + bits.to_bytes(2, "big")
                       + bytes([int(ack)]) + payload)


def encode_txxx(user: int, sender: int, text: str, *, hour: int = 0, minute: int = 0,
                mixed: bool | None = None) -> bytes:
    mixed = needs_mixed(text) if mixed is None else mixed
    payload, bits = _message_payload(text, mixed)
    category = 0x40 | (0x20 if mixed else 0)
    return build_frame("TXXX", user, bytes([category]) + sender.to_bytes(3, "big") + bytes([hour, minute])
                       + bits.to_bytes(2, "big") + payload + b"\x00")


def encode_icjc(user: int = 0, frame_no: int = 0) -> bytes:
    return build_frame("ICJC", user, bytes([frame_no]))


def encode_icxx(user: int, *, interval_s: int, level: int, encrypted: bool = False, broadcast: int = 0,
                feature: int = 0, subordinates: int = 0, frame_no: int = 0) -> bytes:
    return build_frame("ICXX", user, bytes([frame_no]) + broadcast.to_bytes(3, "big") + bytes([feature])
                       + interval_s.to_bytes(2, "big") + bytes([level, int(encrypted)])
                       + subordinates.to_bytes(2, "big"))


def encode_fkxx(user: int, flag: int, *, wait_s: int | None = None, command: str = "TXSQ") -> bytes:
    extra = wait_s.to_bytes(4, "big") if wait_s is not None else command.encode("ascii")[:4].ljust(4, b" ")
    return build_frame("FKXX", user, bytes([flag]) + extra)


def _to_dms(deg: float) -> bytes:
    d = int(deg)
    m = int((deg - d) * 60)
    s10 = round(((deg - d) * 60 - m) * 600)
    s, tenth = divmod(min(s10, 599), 10)
    return bytes([d, m, s, tenth])


def encode_dwxx(user: int, addr: int, lat: float, lon: float, *, alt_m: int = 0,
                hms: tuple[int, int, int] = (0, 0, 0)) -> bytes:
    height = (0x4000 | (-alt_m & 0x3FFF)) if alt_m < 0 else alt_m & 0x3FFF
    body = (bytes([0]) + addr.to_bytes(3, "big") + bytes([*hms, 0]) + _to_dms(lon) + _to_dms(lat)
            + height.to_bytes(2, "big") + b"\x00\x00")
    return build_frame("DWXX", user, body)
