"""A GSM modem's side of the AT dialogue, for the pty simulator and tests (sans-I/O).

Answers the init commands with OK, `AT+CMGS=n` with the `> ` prompt, the PDU with `+CMGS: <mr>` and
OK. The `+CDS` status report saying the part was delivered comes later, as the network's would: the
simulator prints what `take_reports()` releases, `report_after_ticks` ticks after the send (at least
one whole tick, so the console sees the message sent before it sees it delivered).
"""
from __future__ import annotations

from datetime import UTC, datetime

from console.devices.gsm import pdu as sms
from console.devices.gsm.protocol import CTRL_Z, ESC, cds


def _ts(t: datetime) -> bytes:
    digits = t.strftime("%y%m%d%H%M%S") + "00"  # UTC: zone 0
    return bytes.fromhex("".join(digits[i + 1] + digits[i] for i in range(0, 14, 2)))


def status_report(mr: int, number: str, status: int = 0x00, at: datetime | None = None) -> bytes:
    """An SMS-STATUS-REPORT TPDU for message reference `mr`."""
    t = _ts(at or datetime(2026, 7, 15, 2, 0, 0, tzinfo=UTC))
    return bytes([0x06, mr & 0xFF]) + sms.encode_address(number) + t + t + bytes([status & 0xFF])


class ModemResponder:
    def __init__(self, *, reports: bool = True, report_status: int = 0x00, first_mr: int = 0,
                 report_after_ticks: int = 2) -> None:
        self.reports = reports  # False: accept messages but never report delivery
        self.report_status = report_status
        self._mr = first_mr
        self._buf = bytearray()
        self._pdu_len: int | None = None  # waiting for a PDU after the prompt
        self.received: list[bytes] = []  # the TPDUs accepted, in order
        self.report_after_ticks = report_after_ticks
        self._reports: list[list] = []  # [ticks still to wait, bytes]

    def take_reports(self) -> bytes:
        """Called once a tick: the reports whose time has come."""
        for r in self._reports:
            r[0] -= 1
        due = b"".join(r[1] for r in self._reports if r[0] <= 0)
        self._reports = [r for r in self._reports if r[0] > 0]
        return due

    def feed(self, data: bytes) -> bytes:
        self._buf += data
        out = b""
        while True:
            if self._pdu_len is not None:
                end = self._buf.find(CTRL_Z)
                esc = self._buf.find(ESC)
                if esc >= 0 and (end < 0 or esc < end):
                    del self._buf[: esc + 1]
                    self._pdu_len = None
                    out += b"\r\nOK\r\n"
                    continue
                if end < 0:
                    return out
                hexpdu = bytes(self._buf[:end]).strip()
                del self._buf[: end + 1]
                out += self._submit(hexpdu)
                continue
            cut = self._buf.find(b"\r")
            if cut < 0:
                return out
            line = bytes(self._buf[:cut]).strip().upper()
            del self._buf[: cut + 1]
            if line.startswith(b"AT+CMGS="):
                value = line[8:].decode("ascii", "replace")
                if not value.isdigit():
                    out += b"\r\nERROR\r\n"
                    continue
                self._pdu_len = int(value)
                out += b"\r\n> "
            elif line.startswith(b"AT"):
                out += b"\r\nOK\r\n"

    def _submit(self, hexpdu: bytes) -> bytes:
        n, self._pdu_len = self._pdu_len, None
        try:
            data = bytes.fromhex(hexpdu.decode("ascii"))
            tpdu = sms.strip_smsc(data, n)
            number, _ = sms.decode_address(tpdu, 2)
        except (ValueError, IndexError):
            return b"\r\n+CMS ERROR: 304\r\n"
        self.received.append(tpdu)
        mr, self._mr = self._mr, (self._mr + 1) % 256
        if self.reports and tpdu[0] & 0x20:
            report = cds(status_report(mr, number, self.report_status))
            self._reports.append([self.report_after_ticks, report])
        return b"\r\n+CMGS: %d\r\n\r\nOK\r\n" % mr
