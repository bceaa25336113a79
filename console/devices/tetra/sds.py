"""SDS PDUs by PID: simple text, SDS-TL TRANSFER/REPORT/ACK, UDH concatenation (EN 300 392-2 s.29)."""
from __future__ import annotations

from dataclasses import dataclass

PID_SIMPLE_TEXT, PID_SIMPLE_IMMEDIATE = 0x02, 0x09
PID_TL_TEXT, PID_TL_IMMEDIATE, PID_TL_UDH = 0x82, 0x89, 0x8A
TEXT_PIDS = {PID_SIMPLE_TEXT, PID_SIMPLE_IMMEDIATE, PID_TL_TEXT, PID_TL_IMMEDIATE, PID_TL_UDH}
CODING_7BIT, CODING_LATIN1, CODING_UTF16 = 0, 1, 0x1A

_CODECS = {1: "iso8859-1", 2: "iso8859-2", 3: "iso8859-3", 4: "iso8859-4", 5: "iso8859-5", 6: "iso8859-6",
           7: "iso8859-7", 8: "iso8859-8", 9: "iso8859-9", 10: "iso8859-10", 11: "iso8859-13",
           12: "iso8859-14", 13: "iso8859-15", 14: "cp437", 15: "cp737", 16: "cp850", 17: "cp852",
           18: "cp855", 19: "cp857", 20: "cp860", 21: "cp861", 22: "cp863", 23: "cp864", 24: "cp865",
           25: "cp869", 26: "utf-16-be"}
# GSM 03.38 default alphabet, used for the packed 7-bit coding.
_GSM7 = ("@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞ\x1bÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?"
         "¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà")
DELIVERY = {0x00: "received", 0x01: "received, S&F", 0x02: "consumed", 0x03: "consumed, S&F",
            0x06: "part received", 0x20: "congestion", 0x21: "stored", 0x4D: "too long",
            0x51: "coding unsupported", 0x5A: "unreachable"}


def coding_name(coding: int) -> str:
    return {0: "gsm7", 27: "viscii"}.get(coding, _CODECS.get(coding, f"coding-{coding}"))


def decode_text(coding: int, data: bytes) -> str:
    if coding == CODING_7BIT:
        return unpack_7bit(data)
    codec = _CODECS.get(coding, "iso8859-1")  # VISCII and unknowns: show something rather than nothing
    if codec == "utf-16-be" and len(data) % 2:
        data = data[:-1]
    return data.decode(codec, "replace")


def unpack_7bit(data: bytes) -> str:
    value, bits, out = int.from_bytes(data, "big"), len(data) * 8, []
    for i in range(bits // 7):
        out.append(_GSM7[(value >> (bits - 7 * (i + 1))) & 0x7F])
    return "".join(out).rstrip("@")  # trailing zero septets are padding


def delivery_text(status: int) -> str:
    if status in DELIVERY:
        return DELIVERY[status]
    return ("success", "temporary", "failed", "flow control")[status >> 5] if status < 0x80 else "end-to-end"


def pick_coding(text: str) -> int:
    try:
        text.encode("iso8859-1")
        return CODING_LATIN1
    except UnicodeEncodeError:
        return CODING_UTF16  # the only standard way to carry Chinese


def encode_text(coding: int, text: str) -> bytes:
    return text.encode(_CODECS.get(coding, "iso8859-1"))


@dataclass(frozen=True)
class TextPdu:
    text: str
    coding: int
    ref: int | None = None
    report_request: int = 0
    time: str | None = None
    udh_ref: int | None = None
    total: int = 1
    seq: int = 1


@dataclass(frozen=True)
class ReportPdu:
    pid: int
    type: int  # 1 REPORT, 2 ACK
    status: int
    ref: int


def _timestamp(b: bytes) -> str:
    frame, month = b[0] >> 6, b[0] & 0x0F
    day, hour, minute = b[1] >> 3, ((b[1] & 0x07) << 2) | (b[2] >> 6), b[2] & 0x3F
    # TETRA timestamps carry no year; ISO 8601 allows the yearless "--MM-DD" form.
    return f"--{month:02d}-{day:02d}T{hour:02d}:{minute:02d}" + ("Z" if frame == 1 else "")


def _skip_store_forward(pdu: bytes, i: int) -> int:
    addr_type = pdu[i] & 0x07
    i += 1
    if addr_type == 0:
        i += 1
    elif addr_type in (1, 2):
        i += 3
    elif addr_type == 3:
        i += 1 + (pdu[i] + 1) // 2
    if i > len(pdu):
        raise ValueError("truncated store-and-forward block")
    return i


def decode_sds(pdu: bytes) -> TextPdu | ReportPdu | None:
    """A text or report PDU, or None for PIDs handled elsewhere. Raises ValueError if malformed."""
    pid = pdu[0]
    if pid in (PID_SIMPLE_TEXT, PID_SIMPLE_IMMEDIATE):
        if len(pdu) < 2:
            raise ValueError("simple text without coding byte")
        return TextPdu(decode_text(pdu[1] & 0x7F, pdu[2:]), pdu[1] & 0x7F)
    if pid < 0x80:
        return None
    if len(pdu) < 3:
        raise ValueError("SDS-TL PDU too short")
    msg_type = pdu[1] >> 4
    if msg_type in (1, 2):
        if len(pdu) < 4:
            raise ValueError("SDS-TL report too short")
        return ReportPdu(pid, msg_type, pdu[2], pdu[3])
    if msg_type != 0 or pid not in TEXT_PIDS:
        return None
    report, ref, i = (pdu[1] >> 2) & 3, pdu[2], 3
    if pdu[1] & 1:
        i = _skip_store_forward(pdu, i)
    if i >= len(pdu):
        raise ValueError("SDS-TL text without text header")
    header, i = pdu[i], i + 1
    coding, stamp = header & 0x7F, None
    if header & 0x80:
        if i + 3 > len(pdu):
            raise ValueError("truncated timestamp")
        stamp, i = _timestamp(pdu[i : i + 3]), i + 3
    udh_ref, total, seq = None, 1, 1
    if pid == PID_TL_UDH:
        if i >= len(pdu):
            raise ValueError("missing UDH")
        end = i + 1 + pdu[i]
        if end > len(pdu):
            raise ValueError("truncated UDH")
        j = i + 1
        while j + 1 < end:
            iei, length = pdu[j], pdu[j + 1]
            ie = pdu[j + 2 : j + 2 + length]
            if iei == 0x00 and length == 3:
                udh_ref, total, seq = ie[0], ie[1], ie[2]
            elif iei == 0x08 and length == 4:
                udh_ref, total, seq = int.from_bytes(ie[:2], "big"), ie[2], ie[3]
            j += 2 + length
        i = end
        if udh_ref is None or total == 0 or not 1 <= seq <= total:
            raise ValueError("bad concatenation header")
    return TextPdu(decode_text(coding, pdu[i:]), coding, ref, report, stamp, udh_ref, total, seq)


def encode_tl_text(text: str, ref: int, *, report: int = 0, coding: int | None = None,
                   pid: int = PID_TL_TEXT) -> bytes:
    """SDS-TL TRANSFER with text header; `report` is the 2-bit delivery-report request."""
    coding = pick_coding(text) if coding is None else coding
    return bytes([pid, (report & 3) << 2, ref & 0xFF, coding]) + encode_text(coding, text)


def encode_simple_text(text: str, coding: int = CODING_LATIN1) -> bytes:
    return bytes([PID_SIMPLE_TEXT, coding]) + encode_text(coding, text)


def encode_report(ref: int, status: int = 0x00, *, pid: int = PID_TL_TEXT, ack: bool = False,
                  store_forward: bool = False) -> bytes:
    return bytes([pid, 0x10 | (int(ack) << 3) | int(store_forward), status, ref & 0xFF])


def encode_concatenated(text: str, first_ref: int, udh_ref: int, *, max_bits: int = 1184,
                        report: int = 0, coding: int | None = None) -> list[bytes]:
    """Split text into PID 0x8A parts with an 8-bit-ref UDH, each part with its own SDS-TL ref."""
    coding = pick_coding(text) if coding is None else coding
    data = encode_text(coding, text)
    overhead = 4 + 6  # PID, byte1, ref, text header + UDH(len, IEI, IE len, ref, total, seq)
    room = max_bits // 8 - overhead
    if coding == CODING_UTF16:
        room -= room % 2
    if room <= 0:
        raise ValueError("max_bits too small")
    chunks = [data[k : k + room] for k in range(0, len(data), room)] or [b""]
    if len(chunks) > 255:
        raise ValueError("text too long")
    return [bytes([PID_TL_UDH, (report & 3) << 2, (first_ref + n) & 0xFF, coding,
                   5, 0x00, 3, udh_ref & 0xFF, len(chunks), n + 1]) + chunk
            for n, chunk in enumerate(chunks)]
