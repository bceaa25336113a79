"""A GSM/4G modem's AT dialogue in PDU mode (3GPP TS 27.005): line dispatcher and command encoders.

`GsmParser.feed_frames()` cuts the modem's output into frames with their events and never reads a
clock or a port. A `+CDS:`/`+CMT:` header line and the PDU line after it are one frame. The `> `
prompt (no line end) is a frame of its own once it is all that is left in the buffer.
"""
from __future__ import annotations

import re

from console.devices.frames import Frame, FrameSink, events_of
from console.devices.gsm import pdu as sms
from console.devices.lines import cut_lines
from console.domain.device_events import Ack, Error, Event, Info, Text, raw_preview

PROTOCOL = "gsm"
CTRL_Z, ESC = b"\x1a", b"\x1b"
MAX_LINE = 1024
PROMPT = "PROMPT"
_HEX = re.compile(rb"^[0-9A-Fa-f]+$")


def delivery_text(status: int) -> str:
    if status < 0x20:
        return "delivered"
    if status < 0x40:
        return "still trying"
    return f"not delivered (TP-ST 0x{status:02X})"


class GsmParser:
    def __init__(self) -> None:
        self._buf = bytearray()
        self._sink = FrameSink()
        self._header: tuple[str, int | None] | None = None  # ("CDS"|"CMT", tpdu length) awaiting its PDU
        self._open_raw = b""
        self._discarding = False

    def feed(self, data: bytes, now: float | None = None) -> list[Event]:
        return events_of(self.feed_frames(data, now))

    def feed_frames(self, data: bytes, now: float | None = None) -> list[Frame]:
        buf = self._buf
        buf += data
        out: list[Frame] = []
        lines, overflow = cut_lines(buf, MAX_LINE)
        for raw in lines:
            if self._discarding:
                self._discarding = False
                events: list[Event] = []
            else:
                events = self._line(raw.strip())
            if self._header is not None:  # its PDU line comes next, in the same frame
                self._open_raw += raw
                continue
            raw, self._open_raw = self._open_raw + raw, b""
            self._sink.add(out, raw, events)
        if overflow is not None:
            events = [] if self._discarding else [Error("line too long", protocol=PROTOCOL)]
            self._sink.add(out, self._open_raw + overflow, events)
            self._open_raw, self._header, self._discarding = b"", None, True
        if buf.strip() == b">" and buf.endswith((b"> ", b">")) and self._header is None:
            self._sink.add(out, bytes(buf), [Ack(True, PROMPT, protocol=PROTOCOL)])
            buf.clear()
        return out

    def pending(self) -> bytes:
        return self._sink.pending() + self._open_raw + bytes(self._buf)

    def drop_pending(self) -> bytes:
        rest = self.pending()
        self._buf.clear()
        self._sink.reset()
        self._header, self._open_raw, self._discarding = None, b"", False
        return rest

    def flush(self) -> list[Event]:
        if self._header is not None:
            self._header = None
            return [Error("report header without PDU", protocol=PROTOCOL)]
        return []

    # -- lines ---------------------------------------------------------------------------------
    def _line(self, line: bytes) -> list[Event]:
        if self._header is not None:
            (kind, length), self._header = self._header, None
            if _HEX.match(line) and len(line) % 2 == 0:
                return [self._pdu(kind, length, bytes.fromhex(line.decode("ascii")), line)]
            return [Error(f"+{kind} header without PDU", protocol=PROTOCOL), *self._line(line)]
        try:
            text = line.decode("ascii")
        except UnicodeDecodeError:
            return [Error("not ASCII", raw_preview(line), PROTOCOL)]
        if text == ">":  # the prompt with a line end after it (a report printed right behind it)
            return [Ack(True, PROMPT, protocol=PROTOCOL)]
        if text == "OK":
            return [Ack(True, "AT", detail="OK", protocol=PROTOCOL)]
        if text in ("ERROR", "NO CARRIER") or text.startswith(("+CMS ERROR:", "+CME ERROR:")):
            code = text.split(":", 1)[1].strip() if ":" in text else ""
            return [Ack(False, "AT", status=int(code) if code.isdigit() else None, detail=text,
                        protocol=PROTOCOL)]
        if text.startswith("+CMGS:"):
            mr = text[6:].split(",")[0].strip()
            if not mr.isdigit() or int(mr) > 255:
                return [Error("bad +CMGS", raw_preview(line), PROTOCOL)]
            return [Ack(True, "CMGS", ref=int(mr), protocol=PROTOCOL)]
        if text.startswith(("+CDS:", "+CMT:")):
            count = text.rsplit(",", 1)[-1].split(":")[-1].strip()
            self._header = (text[1:4], int(count) if count.isdigit() else None)
            return []
        if text.startswith("+"):
            name, _, rest = text.partition(":")
            return [Info(name[1:].lower(), PROTOCOL, {"value": rest.strip()})]
        return []  # command echo

    def _pdu(self, kind: str, length: int | None, data: bytes, line: bytes) -> Event:
        try:
            tpdu = sms.strip_smsc(data, length)
            if kind == "CDS":
                r = sms.decode_status_report(tpdu)
                return Ack(r.status < 0x20, "CDS", ref=r.ref, status=r.status, to=r.recipient,
                           detail=delivery_text(r.status), protocol=PROTOCOL,
                           extra={"final": not 0x20 <= r.status < 0x40, "at": r.delivered_at})
            d = sms.decode_deliver(tpdu)
            extra = {"concat": list(d.concat)} if d.concat else {}
            return Text(d.text, d.sender, None, d.time, d.coding, None, PROTOCOL, extra)
        except sms.PduError as exc:
            return Error(f"bad +{kind} PDU: {exc}", raw_preview(line), PROTOCOL)


# -- encoders ------------------------------------------------------------------------------------
def init_sequence() -> list[bytes]:
    """Echo off, PDU mode, new messages announced (+CMTI), status reports routed straight to us (+CDS)."""
    return [b"AT\r", b"ATE0\r", b"AT+CMGF=0\r", b"AT+CNMI=2,1,0,1,0\r"]


def submit_commands(tpdu: bytes) -> tuple[bytes, bytes]:
    """`AT+CMGS=<TPDU length>` and, after the prompt, the PDU (empty SMSC: the SIM's) and Ctrl-Z."""
    return b"AT+CMGS=%d\r" % len(tpdu), b"00" + tpdu.hex().upper().encode() + CTRL_Z


def cds(tpdu: bytes) -> bytes:
    """What a modem prints for a status report (simulator and tests)."""
    return b"\r\n+CDS: %d\r\n00%s\r\n" % (len(tpdu), tpdu.hex().upper().encode())


def cmt(tpdu: bytes) -> bytes:
    return b'\r\n+CMT: ,%d\r\n00%s\r\n' % (len(tpdu), tpdu.hex().upper().encode())
