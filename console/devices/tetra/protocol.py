"""TETRA PEI line dispatcher and AT encoders (ETSI EN 300 392-5; PROTOCOLS.md section 2).

`TetraParser.feed()` never reads the clock: concatenation timeouts use the `now` the caller passes.
Replies the radio expects from us (SDS-REPORT for report requests) are queued as bytes and taken
with `take_outgoing()`, so the parser stays free of I/O.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from console.devices.frames import Frame, FrameSink, events_of
from console.devices.lines import cut_lines
from console.devices.tetra import sds
from console.devices.tetra.lip import PID_LIP, decode_lip
from console.domain.device_events import Ack, Error, Event, Info, Status, Text, raw_preview

PROTOCOL = "tetra"
CTRL_Z, ESC = b"\x1a", b"\x1b"
AI_SDS_TL, AI_STATUS = 12, 13
MAX_LINE = 2048
_HEX = re.compile(rb"^[0-9A-Fa-f]+$")
_ID = re.compile(r"^\d{1,15}$")


@dataclass(frozen=True)
class StatusMeaning:
    label: str
    priority: int = 0
    colour: str | None = None


class StatusTable:
    """Network-specific status code -> meaning. Only 0 (emergency) is fixed by the standard."""

    def __init__(self, mapping: dict[int, StatusMeaning | str] | None = None) -> None:
        self._map: dict[int, StatusMeaning] = {0: StatusMeaning("紧急呼叫 Emergency", 100, "#d00000")}
        for code, meaning in (mapping or {}).items():
            self._map[code] = StatusMeaning(meaning) if isinstance(meaning, str) else meaning

    @classmethod
    def from_dict(cls, data: dict[str, dict | str]) -> StatusTable:
        """From config: keys "32770" or "0x8002"; values a label or {label, priority, colour}."""
        out: dict[int, StatusMeaning | str] = {}
        for key, value in data.items():
            out[int(key, 0)] = value if isinstance(value, str) else StatusMeaning(**value)
        return cls(out)

    def get(self, code: int) -> StatusMeaning | None:
        return self._map.get(code)


# A plausible demo table; real networks publish their own.
EXAMPLE_STATUS_TABLE = StatusTable({
    0x8001: StatusMeaning("出动 En route", 20, "#ffb000"),
    0x8002: StatusMeaning("到达现场 On scene", 30, "#ff6000"),
    0x8003: StatusMeaning("处置中 Working", 30, "#ff6000"),
    0x8004: StatusMeaning("返回 Returning", 10, "#00a0ff"),
    0x8005: StatusMeaning("空闲 Available", 0, "#00b050"),
    0x8006: StatusMeaning("请求通话 Request to talk", 40, "#a000ff"),
})


class TetraParser:
    def __init__(self, status_table: StatusTable | None = None, concat_timeout_s: float = 120.0,
                 answer_reports: bool = True) -> None:
        self.status_table = status_table or StatusTable()
        self.concat_timeout_s = concat_timeout_s
        self.answer_reports = answer_reports
        self._buf = bytearray()
        self._discarding = False
        self._sink = FrameSink()
        self._open_raw = b""  # a +CTSDSR header line waiting for its PDU line
        self._open_events: list[Event] = []
        self._header: dict[str, Any] | None = None
        self._parts: dict[tuple, dict] = {}
        self._sent: dict[int, str] = {}
        self._outgoing: list[bytes] = []

    # -- caller API --------------------------------------------------------------------------
    def feed(self, data: bytes, now: float | None = None) -> list[Event]:
        return events_of(self.feed_frames(data, now))

    def feed_frames(self, data: bytes, now: float | None = None) -> list[Frame]:
        """The complete frames so far, each with its events; a +CTSDSR header and its PDU line are one."""
        buf = self._buf
        buf += data
        out: list[Frame] = []
        sink = self._sink
        add, line_events, append = sink.add, self._line, out.append
        open_raw, open_events = self._open_raw, self._open_events
        lines, overflow = cut_lines(buf, MAX_LINE)
        for raw in lines:
            if sink.in_run and not open_raw and not raw.isascii() and self._header is None:
                sink.hold(out, raw)  # more line noise in a run already reported: no Error to build
                continue
            if self._discarding:  # the end of a line already reported as too long
                self._discarding = False
                events: list[Event] = []
            elif len(raw) > MAX_LINE + 2:
                events = [Error("line too long", protocol=PROTOCOL)]
            else:
                events = line_events(raw.strip(), now)
            if self._header is not None:  # the header's PDU line comes next, in the same frame
                open_raw += raw
                if events:
                    open_events = open_events + events
                continue
            if open_raw:
                raw, open_raw = open_raw + raw, b""
                if open_events:
                    events, open_events = open_events + events, []
            if sink.quiet and events and type(events[0]) is not Error:
                append(Frame(raw, events))  # FrameSink.add's usual case, without the call
            else:
                add(out, raw, events)
        self._open_raw, self._open_events = open_raw, open_events
        if overflow is not None:
            events = [] if self._discarding else [Error("line too long", protocol=PROTOCOL)]
            add(out, self._open_raw + overflow, self._open_events + events)
            self._open_raw, self._open_events = b"", []
            self._discarding = True
        if now is not None and self._parts and (dropped := self.expire(now)):
            if out:
                out[-1].events.extend(dropped)
            else:
                out.append(Frame(b"", dropped))
        return out

    def pending(self) -> bytes:
        """Bytes received but not yet in a returned frame."""
        return self._sink.pending() + self._open_raw + bytes(self._buf)

    def drop_pending(self) -> bytes:
        """The link was lost: what was held can no longer complete a frame. Returns it."""
        rest = self.pending()
        self._buf.clear()
        self._sink.reset()
        self._discarding, self._header = False, None
        self._open_raw, self._open_events = b"", []
        return rest

    def expire(self, now: float) -> list[Event]:
        """Drop concatenation sets whose first part is older than the timeout."""
        out: list[Event] = []
        for key, entry in list(self._parts.items()):
            if entry["t"] is not None and now - entry["t"] > self.concat_timeout_s:
                del self._parts[key]
                out.append(Info("concat-dropped", PROTOCOL, {"from": key[0], "udh_ref": key[1],
                                                            "received": len(entry["parts"]),
                                                            "total": entry["total"]}))
        return out

    def flush(self) -> list[Event]:
        """End of stream: report a header left without its PDU and incomplete sets."""
        out: list[Event] = []
        if self._header is not None:
            out.append(Error("SDS header without PDU", protocol=PROTOCOL))
            self._header = None
        out.extend(self.expire(float("inf")))
        for key in [k for k, v in self._parts.items() if v["t"] is None]:
            entry = self._parts.pop(key)
            out.append(Info("concat-dropped", PROTOCOL, {"from": key[0], "udh_ref": key[1],
                                                        "received": len(entry["parts"]),
                                                        "total": entry["total"]}))
        return out

    def note_sent(self, ref: int, to: str) -> None:
        """Remember an SDS-TL ref we sent so its SDS-REPORT can name the recipient."""
        self._sent[ref & 0xFF] = to

    def take_outgoing(self) -> list[bytes]:
        out, self._outgoing = self._outgoing, []
        return out

    # -- lines ---------------------------------------------------------------------------------
    def _line(self, line: bytes, now: float | None) -> list[Event]:
        if self._header is not None:
            header, self._header = self._header, None
            if _HEX.match(line):
                return self._pdu(header, line, now)
            return [Error("SDS header without PDU", protocol=PROTOCOL), *self._line(line, now)]
        try:
            text = line.decode("ascii")
        except UnicodeDecodeError:  # line noise (a wrong baud rate?): the PEI is ASCII
            return [Error("not ASCII", raw_preview(line), PROTOCOL)]
        if text.startswith("+CTSDSR:"):
            self._header = _parse_ctsdsr(text[8:])
            if self._header is None:
                return [Error("bad +CTSDSR header", raw_preview(line), PROTOCOL)]
            return []
        if text.startswith("+CMGS:"):
            return [self._cmgs(text[6:], line)]
        if text == "OK":
            return [Ack(True, "AT", detail="OK", protocol=PROTOCOL)]
        if text in ("ERROR", "NO CARRIER") or text.startswith("+CME ERROR:"):
            code = text.split(":", 1)[1].strip() if ":" in text else ""
            return [Ack(False, "AT", status=int(code) if code.isdigit() else None, detail=text,
                        protocol=PROTOCOL)]
        if text.startswith("+"):
            name, _, rest = text.partition(":")
            return [Info(name[1:].lower(), PROTOCOL, {"value": rest.strip()})]
        return []  # command echo, prompts

    def _cmgs(self, rest: str, line: bytes) -> Event:
        parts = [p.strip() for p in rest.split(",")]
        if not all(p.isdigit() for p in parts):
            return Error("bad +CMGS", raw_preview(line), PROTOCOL)
        status = int(parts[1]) if len(parts) > 1 else None
        ref = int(parts[2]) if len(parts) > 2 else None
        return Ack(status != 5, "CMGS", ref=ref, status=status,
                   to=self._sent.get(ref) if ref is not None else None,
                   detail={4: "sent", 5: "failed"}.get(status or -1), protocol=PROTOCOL,
                   extra={"instance": int(parts[0])})

    def _pdu(self, h: dict, hexline: bytes, now: float | None) -> list[Event]:
        need = (h["bits"] + 7) // 8
        if len(hexline) % 2:
            return [Error("odd-length hex PDU", raw_preview(hexline), PROTOCOL)]
        pdu = bytes.fromhex(hexline.decode("ascii"))
        if len(pdu) < need or need == 0:
            return [Error("PDU shorter than its length in bits", raw_preview(hexline), PROTOCOL)]
        pdu = pdu[:need]
        try:
            if h["ai"] == AI_STATUS:
                return [self._status(int.from_bytes(pdu[:2].ljust(2, b"\0"), "big"), h)]
            if h["ai"] != AI_SDS_TL:
                return [Info("sds-data", PROTOCOL, {"ai": h["ai"], "hex": pdu.hex().upper(),
                                                   "from": h["from"]})]
            return self._sds(pdu, h, now)
        except (ValueError, IndexError) as exc:
            return [Error(f"bad SDS PDU: {exc}", raw_preview(hexline), PROTOCOL)]

    def _status(self, code: int, h: dict) -> Event:
        if 0x7C00 <= code <= 0x7FFF:
            kind = (code >> 8) & 3
            return Ack(kind >= 2, "SDS-SHORT-REPORT", ref=code & 0xFF, status=kind, sender=h["from"],
                       to=self._sent.get(code & 0xFF),
                       detail=("unsupported", "memory full", "received", "consumed")[kind], protocol=PROTOCOL)
        m = self.status_table.get(code)
        return Status(code, h["from"], h["to"], m.label if m else None, m.priority if m else None,
                      m.colour if m else None, code == 0, PROTOCOL)

    def _sds(self, pdu: bytes, h: dict, now: float | None) -> list[Event]:
        if pdu[0] == PID_LIP:
            return decode_lip(pdu, h["from"], PROTOCOL)
        decoded = sds.decode_sds(pdu)
        if decoded is None:
            return [Info("sds-pid", PROTOCOL, {"pid": pdu[0], "hex": pdu.hex().upper(), "from": h["from"]})]
        if isinstance(decoded, sds.ReportPdu):
            name = "SDS-REPORT" if decoded.type == 1 else "SDS-ACK"
            return [Ack(decoded.status < 0x20, name, ref=decoded.ref, status=decoded.status, sender=h["from"],
                        to=self._sent.get(decoded.ref), detail=sds.delivery_text(decoded.status),
                        protocol=PROTOCOL, extra={"matched": decoded.ref in self._sent})]
        if decoded.report_request and h["from"] and self.answer_reports and decoded.ref is not None:
            report = sds.encode_report(decoded.ref, 0x00, pid=pdu[0])
            self._outgoing += [select_service(AI_SDS_TL), send_pdu(h["from"], report)]
        if decoded.udh_ref is None or decoded.total == 1:
            return [self._text(decoded.text, decoded, h)]
        return self._concat(decoded, h, now)

    def _text(self, text: str, d: sds.TextPdu, h: dict) -> Text:
        return Text(text, h["from"], h["to"], d.time, sds.coding_name(d.coding), d.ref, PROTOCOL)

    def _concat(self, d: sds.TextPdu, h: dict, now: float | None) -> list[Event]:
        key = (h["from"], d.udh_ref)
        entry = self._parts.setdefault(key, {"t": now, "total": d.total, "parts": {}})
        entry["parts"][d.seq] = d.text
        if len(entry["parts"]) < entry["total"]:
            return []
        del self._parts[key]
        text = "".join(entry["parts"].get(i, "") for i in range(1, entry["total"] + 1))
        return [self._text(text, d, h)]


def _parse_ctsdsr(rest: str) -> dict | None:
    f = [p.strip() for p in rest.split(",")]
    try:
        if len(f) == 3:
            ai, to, bits, sender = int(f[0]), f[1], int(f[2]), None
        elif len(f) == 4:
            ai, to, bits, sender = int(f[0]), f[1], int(f[3]), None
        elif len(f) in (6, 7):
            ai, sender, to, bits = int(f[0]), f[1] or None, f[3], int(f[5])
        else:
            return None
    except ValueError:
        return None
    if not _ID.match(to) or (sender is not None and not _ID.match(sender)) or not 0 < bits <= 4096:
        return None
    return {"ai": ai, "from": sender, "to": to, "bits": bits}


# -- encoders ------------------------------------------------------------------------------------
def init_sequence(*, dmo: bool = False, charset: bool = True) -> list[bytes]:
    """Start-up commands: echo off, mode, SDS routing to the PC for text/LIP/status, own identity."""
    cmds = [b"ATE0\r", b"AT+CTOM=%d\r" % int(dmo)]
    if charset:
        cmds.append(b'AT+CSCS="8859-1"\r')
    cmds += [b"AT+CTSP=1,3,%d\r" % pid for pid in (130, 137, 138, 10, 131)]
    return [*cmds, b"AT+CTSP=1,2,20\r", b"AT+CNUMF?\r"]


def select_service(ai: int = AI_SDS_TL, id_type: int = 0, e2ee: int | None = None) -> bytes:
    if e2ee is None:
        return b"AT+CTSDS=%d,%d\r" % (ai, id_type)
    return b"AT+CTSDS=%d,%d,0,0,%d\r" % (ai, id_type, e2ee)


def send_pdu(called: str, pdu: bytes, bits: int | None = None) -> bytes:
    bits = len(pdu) * 8 if bits is None else bits
    return b"AT+CMGS=%s,%d\r\n%s" % (called.encode("ascii"), bits, pdu.hex().upper().encode()) + CTRL_Z


def send_text(called: str, text: str, ref: int, *, report: int = 1, max_bits: int = 1184,
              udh_ref: int | None = None) -> list[bytes]:
    """Commands to send text; too long for one SDS splits into PID 0x8A parts (refs ref, ref+1...)."""
    pdu = sds.encode_tl_text(text, ref, report=report)
    if len(pdu) * 8 <= max_bits:
        return [select_service(AI_SDS_TL), send_pdu(called, pdu)]
    parts = sds.encode_concatenated(text, ref, ref if udh_ref is None else udh_ref, max_bits=max_bits,
                                    report=report)
    return [select_service(AI_SDS_TL), *(send_pdu(called, p) for p in parts)]


def send_status(called: str, code: int) -> list[bytes]:
    return [select_service(AI_STATUS), send_pdu(called, code.to_bytes(2, "big"), 16)]


def ctsdsr(pdu: bytes, called: str, calling: str | None = None, ai: int = AI_SDS_TL,
           bits: int | None = None) -> bytes:
    """What a radio prints on receipt; used by the simulator and tests."""
    bits = len(pdu) * 8 if bits is None else bits
    head = f"{ai},{calling},0,{called},0,{bits}" if calling else f"{ai},{called},0,{bits}"
    return f"\r\n+CTSDSR: {head}\r\n{pdu.hex().upper()}\r\n".encode("ascii")


__all__ = ["TetraParser", "StatusTable", "StatusMeaning", "EXAMPLE_STATUS_TABLE", "init_sequence",
           "select_service", "send_pdu", "send_text", "send_status", "ctsdsr"]
