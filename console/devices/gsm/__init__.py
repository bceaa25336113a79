"""GSM/4G modem (the duty room's SMS cat): SMS in PDU mode over AT commands, with delivery reports."""
from __future__ import annotations

from console.devices.gsm.modem import ModemResponder, status_report
from console.devices.gsm.pdu import PduError, decode_deliver, decode_status_report, encode_submit
from console.devices.gsm.protocol import GsmParser, cds, cmt, init_sequence, submit_commands
from console.devices.gsm.queue import GsmSendQueue

__all__ = ["GsmParser", "GsmSendQueue", "ModemResponder", "PduError", "cds", "cmt", "decode_deliver",
           "decode_status_report", "encode_submit", "init_sequence", "status_report", "submit_commands"]
