"""BeiDou RDSS short-message terminals: 2.1 ASCII, BDS-3 ASCII and 4.0 binary."""
from __future__ import annotations

from console.devices.beidou.protocol import BeidouParser, decode_content, detect_dialect
from console.devices.beidou.queue import BeidouSendQueue, CardInfo, CardUnknown, MessageTooLong

__all__ = ["BeidouParser", "BeidouSendQueue", "CardInfo", "CardUnknown", "MessageTooLong", "decode_content",
           "detect_dialect"]
