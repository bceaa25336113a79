"""TETRA PEI: SDS text, status and LIP over AT commands."""
from __future__ import annotations

from console.devices.tetra.lip import decode_lip, encode_lip_long, encode_lip_short
from console.devices.tetra.protocol import (
    EXAMPLE_STATUS_TABLE,
    StatusMeaning,
    StatusTable,
    TetraParser,
    ctsdsr,
    init_sequence,
    select_service,
    send_pdu,
    send_status,
    send_text,
)
from console.devices.tetra.queue import PeiCommandQueue

__all__ = ["TetraParser", "StatusTable", "StatusMeaning", "EXAMPLE_STATUS_TABLE", "PeiCommandQueue",
           "init_sequence", "select_service", "send_pdu", "send_text", "send_status", "ctsdsr",
           "decode_lip", "encode_lip_short", "encode_lip_long"]
