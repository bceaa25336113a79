"""CAP 1.2 (OASIS Common Alerting Protocol): reading alerts safely, writing them, and composing the
console's own warnings."""
from __future__ import annotations

from console.domain.cap.model import (
           Alert,
           Area,
           Circle,
           Info,
           Reference,
           Resource,
           ValuePair,
           alert_from_dict,
)
from console.domain.cap.reader import MAX_BYTES, CapRefused, read_bytes, read_file
from console.domain.cap.writer import to_bytes

__all__ = ["MAX_BYTES", "Alert", "Area", "CapRefused", "Circle", "Info", "Reference", "Resource", "ValuePair",
           "alert_from_dict", "read_bytes", "read_file", "to_bytes"]
