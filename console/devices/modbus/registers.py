"""Where a sensor's value lives on a Modbus RTU gateway, and how its registers become a number.
Kept in the sensor registry as JSON, e.g. {"port": "/dev/ttyUSB0", "slave": 3, "address": 100,
"type": "uint16", "scale": 0.01}. Sans-I/O: decoding is testable without a serial line."""
from __future__ import annotations

import struct
from collections.abc import Mapping
from dataclasses import dataclass

TYPES = {"uint16": 1, "int16": 1, "uint32": 2, "int32": 2, "float32": 2}
TABLES = ("holding", "input")


@dataclass(frozen=True)
class RegisterMap:
    port: str
    slave: int = 1
    address: int = 0
    type: str = "uint16"
    table: str = "holding"
    scale: float = 1.0
    offset: float = 0.0
    baudrate: int = 9600

    @property
    def count(self) -> int:
        return TYPES[self.type]

    def decode(self, registers: list[int]) -> float:
        """Registers (big-endian words, high word first) -> the reading in the sensor's unit."""
        if len(registers) != self.count:
            raise ValueError(f"expected {self.count} register(s), got {len(registers)}")
        raw = struct.pack(f">{self.count}H", *registers)
        fmt = {"uint16": ">H", "int16": ">h", "uint32": ">I", "int32": ">i", "float32": ">f"}[self.type]
        return struct.unpack(fmt, raw)[0] * self.scale + self.offset

    @classmethod
    def from_dict(cls, d: Mapping) -> RegisterMap:
        """A map from the registry, refused with a plain reason when it cannot be polled."""
        if not isinstance(d, Mapping) or not str(d.get("port") or ""):
            raise ValueError("a register map needs a serial port")
        m = cls(port=str(d["port"]), slave=int(d.get("slave", 1)), address=int(d.get("address", 0)),
                type=str(d.get("type", "uint16")), table=str(d.get("table", "holding")),
                scale=float(d.get("scale", 1.0)), offset=float(d.get("offset", 0.0)),
                baudrate=int(d.get("baudrate", 9600)))
        if m.type not in TYPES:
            raise ValueError(f"register type {m.type!r} is not one of {', '.join(TYPES)}")
        if m.table not in TABLES:
            raise ValueError(f"register table {m.table!r} is not one of {', '.join(TABLES)}")
        if not 1 <= m.slave <= 247 or not 0 <= m.address <= 0xFFFF:
            raise ValueError("slave must be 1..247 and address 0..65535")
        return m
