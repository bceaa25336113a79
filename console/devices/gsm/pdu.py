"""SMS PDUs (3GPP TS 23.040 / 23.038): SMS-SUBMIT out, SMS-STATUS-REPORT and SMS-DELIVER in.

Hand-written: no maintained permissively licensed library offers a sans-I/O SMS PDU codec (the
well-known Python modem packages are LGPL/GPL and tied to their own serial I/O), and the part the
console needs is small. Text goes as the GSM 7-bit default alphabet when every character fits it,
else as UCS-2 (Chinese); a text too long for one message is split into parts carrying an 8-bit
reference concatenation header (153 septets or 67 UCS-2 characters per part).
"""
from __future__ import annotations

from dataclasses import dataclass

# The default alphabet (TS 23.038 6.2.1); 0x1B is the escape to the extension table.
GSM7 = ("@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞ\x1bÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?"
        "¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà")
GSM7_EXT = {"\f": 0x0A, "^": 0x14, "{": 0x28, "}": 0x29, "\\": 0x2F, "[": 0x3C, "~": 0x3D, "]": 0x3E,
            "|": 0x40, "€": 0x65}
_CODE = {ch: i for i, ch in enumerate(GSM7) if i != 0x1B}
_EXT_CHAR = {v: k for k, v in GSM7_EXT.items()}
DCS_GSM7, DCS_UCS2 = 0x00, 0x08
SINGLE_SEPTETS, PART_SEPTETS = 160, 153
SINGLE_UCS2, PART_UCS2 = 70, 67
MAX_PARTS = 255
VP_ONE_HOUR = 0x0B  # relative validity: (11 + 1) x 5 minutes


class PduError(ValueError):
    """A PDU that cannot be built (bad number, text too long) or read (truncated, malformed)."""


def fits_gsm7(text: str) -> bool:
    return all(ch in _CODE or ch in GSM7_EXT for ch in text)


def gsm7_septets(text: str) -> list[int]:
    out: list[int] = []
    for ch in text:
        if ch in _CODE:
            out.append(_CODE[ch])
        else:
            out += [0x1B, GSM7_EXT[ch]]
    return out


def pack7(septets: list[int], fill_bits: int = 0) -> bytes:
    """Septets packed LSB first after `fill_bits` zero bits (the padding after a header)."""
    bits = 0
    for i, s in enumerate(septets):
        bits |= (s & 0x7F) << (fill_bits + 7 * i)
    n = (fill_bits + 7 * len(septets) + 7) // 8
    return bits.to_bytes(n, "little")


def unpack7(data: bytes, count: int, fill_bits: int = 0) -> list[int]:
    bits = int.from_bytes(data, "little") >> fill_bits
    return [(bits >> (7 * i)) & 0x7F for i in range(count)]


def decode_gsm7(septets: list[int]) -> str:
    out, escaped = [], False
    for s in septets:
        if escaped:
            out.append(_EXT_CHAR.get(s, " "))
            escaped = False
        elif s == 0x1B:
            escaped = True
        else:
            out.append(GSM7[s])
    return "".join(out)


# -- addresses and time stamps ------------------------------------------------------------------
def encode_address(number: str) -> bytes:
    """TP-DA: digit count, type (0x91 international, 0x81 otherwise), swapped BCD digits."""
    n = number.strip().replace(" ", "").replace("-", "")
    toa = 0x81
    if n.startswith("+"):
        n, toa = n[1:], 0x91
    elif n.startswith("00"):
        n, toa = n[2:], 0x91
    elif len(n) == 11 and n.startswith("1"):  # a mainland mobile number: +86
        n, toa = "86" + n, 0x91
    if not n.isdigit() or not 3 <= len(n) <= 20 or not n.isascii():
        raise PduError(f"not a phone number: {number!r}")
    return bytes([len(n), toa]) + _bcd(n)


def _bcd(digits: str) -> bytes:
    d = digits + "F" * (len(digits) % 2)
    return bytes.fromhex("".join(d[i + 1] + d[i] for i in range(0, len(d), 2)))


def decode_address(data: bytes, at: int) -> tuple[str, int]:
    """(number, offset after it) from an address field whose first byte is its digit count."""
    digits, toa = data[at], data[at + 1]
    size = (digits + 1) // 2
    raw = data[at + 2: at + 2 + size]
    if len(raw) < size:
        raise PduError("address cut short")
    if toa & 0x70 == 0x50:  # alphanumeric sender, packed 7-bit
        text = decode_gsm7(unpack7(raw, digits * 4 // 7))
        return text, at + 2 + size
    swapped = "".join(f"{b:02X}"[::-1] for b in raw)[:digits]
    if not swapped.isdigit():
        raise PduError("address is not digits")
    return ("+" if toa & 0x70 == 0x10 else "") + swapped, at + 2 + size


def decode_timestamp(data: bytes, at: int) -> str:
    """TP-SCTS / TP-DT as ISO 8601 with the sender's offset."""
    raw = data[at: at + 7]
    if len(raw) < 7:
        raise PduError("time stamp cut short")
    sw = [(b & 0x0F) * 10 + (b >> 4 & 0x0F) for b in raw[:6]]
    tz_q = (raw[6] & 0x07) * 10 + (raw[6] >> 4)
    sign = "-" if raw[6] & 0x08 else "+"
    mins = tz_q * 15
    return (f"20{sw[0]:02d}-{sw[1]:02d}-{sw[2]:02d}T{sw[3]:02d}:{sw[4]:02d}:{sw[5]:02d}"
            f"{sign}{mins // 60:02d}:{mins % 60:02d}")


# -- SMS-SUBMIT ---------------------------------------------------------------------------------
def split_text(text: str) -> tuple[int, list[str]]:
    """(DCS, parts): one part when it fits a single message, else parts for concatenation."""
    if fits_gsm7(text):
        if len(gsm7_septets(text)) <= SINGLE_SEPTETS:
            return DCS_GSM7, [text]
        parts, cur, used = [], "", 0
        for ch in text:
            w = 1 if ch in _CODE else 2  # an escaped character never straddles two parts
            if used + w > PART_SEPTETS:
                parts.append(cur)
                cur, used = "", 0
            cur += ch
            used += w
        return DCS_GSM7, [*parts, cur]
    units = text.encode("utf-16-be")
    if len(units) <= SINGLE_UCS2 * 2:
        return DCS_UCS2, [text]
    parts, cur, used = [], "", 0
    for ch in text:
        w = len(ch.encode("utf-16-be")) // 2  # a surrogate pair stays in one part
        if used + w > PART_UCS2:
            parts.append(cur)
            cur, used = "", 0
        cur += ch
        used += w
    return DCS_UCS2, [*parts, cur]


def encode_submit(number: str, text: str, *, concat_ref: int = 0, report: bool = True,
                  validity: int = VP_ONE_HOUR) -> list[bytes]:
    """The SMS-SUBMIT TPDUs for `text` (one per part, no SMSC prefix); TP-MR 0 lets the modem number them."""
    da = encode_address(number)
    dcs, parts = split_text(text)
    if len(parts) > MAX_PARTS:
        raise PduError(f"text too long: {len(parts)} parts")
    out = []
    for seq, part in enumerate(parts, 1):
        udh = bytes([5, 0, 3, concat_ref & 0xFF, len(parts), seq]) if len(parts) > 1 else b""
        first = 0x01 | 0x10 | (0x20 if report else 0) | (0x40 if udh else 0)
        if dcs == DCS_GSM7:
            septets = gsm7_septets(part)
            head_septets = (len(udh) * 8 + 6) // 7
            body = pack7(septets, head_septets * 7)  # zero bits where the header goes, then fill
            ud = udh + body[len(udh):]
            udl = head_septets + len(septets)
        else:
            ud = udh + part.encode("utf-16-be")
            udl = len(ud)
        out.append(bytes([first, 0]) + da + bytes([0, dcs, validity & 0xFF, udl]) + ud)
    return out


# -- what the network sends back ----------------------------------------------------------------
@dataclass(frozen=True)
class StatusReport:
    ref: int  # TP-MR of the message it reports on
    recipient: str
    status: int  # TP-ST: 0x00-0x1F delivered, 0x20-0x3F still trying, 0x40+ failed
    delivered_at: str


@dataclass(frozen=True)
class Deliver:
    sender: str
    text: str
    time: str
    coding: str
    concat: tuple[int, int, int] | None  # (reference, total, sequence)


def strip_smsc(pdu: bytes, tpdu_len: int | None) -> bytes:
    """The TPDU: what follows the SMSC address the modem puts first (length says how much)."""
    if tpdu_len is not None and 0 < tpdu_len <= len(pdu):
        return pdu[len(pdu) - tpdu_len:]
    if not pdu or pdu[0] + 1 > len(pdu):
        raise PduError("PDU cut short")
    return pdu[pdu[0] + 1:]


def decode_status_report(tpdu: bytes) -> StatusReport:
    try:
        if tpdu[0] & 0x03 != 0x02:
            raise PduError("not a status report")
        ref = tpdu[1]
        recipient, at = decode_address(tpdu, 2)
        decode_timestamp(tpdu, at)
        done = decode_timestamp(tpdu, at + 7)
        status = tpdu[at + 14]
    except IndexError as exc:
        raise PduError("status report cut short") from exc
    return StatusReport(ref, recipient, status, done)


def decode_deliver(tpdu: bytes) -> Deliver:
    try:
        first = tpdu[0]
        if first & 0x03 != 0x00:
            raise PduError("not an SMS-DELIVER")
        sender, at = decode_address(tpdu, 1)
        dcs = tpdu[at + 1]
        time = decode_timestamp(tpdu, at + 2)
        udl = tpdu[at + 9]
        ud = tpdu[at + 10:]
        concat, hlen = None, 0
        if first & 0x40:
            hlen = ud[0] + 1
            if ud[1] == 0 and ud[2] == 3:
                concat = (ud[3], ud[4], ud[5])
        if dcs & 0x0C == 0x08:
            body = ud[hlen:udl]
            if len(body) % 2:
                raise PduError("odd UCS-2 length")
            return Deliver(sender, body.decode("utf-16-be", "replace"), time, "ucs2", concat)
        if dcs & 0x0C == 0x00:
            skip = (hlen * 8 + 6) // 7
            need = (udl * 7 + 7) // 8
            if len(ud) < need:
                raise PduError("user data cut short")
            text = decode_gsm7(unpack7(ud[:need], udl)[skip:])
            return Deliver(sender, text, time, "gsm7", concat)
        return Deliver(sender, ud[hlen:udl].hex().upper(), time, "8bit", concat)
    except IndexError as exc:
        raise PduError("SMS-DELIVER cut short") from exc
