"""Configured serial devices: what is plugged in where, which protocol it speaks, whether to connect."""
from __future__ import annotations

from dataclasses import dataclass

from console.domain.changes import Changes, Result
from console.store.database import Store

PROTOCOLS = ("tetra", "beidou", "nmea", "gsm")
# Usual line speeds per family: TETRA PEI 38400 (9600 on older radios), BeiDou 115200, GSM/4G modems 115200.
DEFAULT_BAUD = {"tetra": 38400, "beidou": 115200, "nmea": 9600, "gsm": 115200}
FRAMINGS = ("8N1", "8E1", "8O1", "7E1", "8N2")


@dataclass(frozen=True)
class DeviceConfig:
    id: str
    name: str
    port: str
    protocol: str
    baud: int
    framing: str = "8N1"
    enabled: bool = False

    @classmethod
    def from_row(cls, row: dict) -> DeviceConfig:
        return cls(row["id"], row["name"], row["port"], row["protocol"], int(row["baud"]), row["framing"],
                   bool(row["enabled"]))


class DeviceService:
    def __init__(self, store: Store) -> None:
        self.store = store

    def list(self) -> list[DeviceConfig]:
        rows = self.store.rows("SELECT * FROM devices WHERE retired = 0 ORDER BY name, id")
        return [DeviceConfig.from_row(r) for r in rows]

    def get(self, device_id: str) -> DeviceConfig | None:
        row = self.store.one("SELECT * FROM devices WHERE id = ?", (device_id,))
        return DeviceConfig.from_row(row) if row else None

    def add(self, name: str, port: str, protocol: str, baud: int | None = None,
            framing: str = "8N1") -> Result[DeviceConfig]:
        name, port = name.strip(), port.strip()
        if protocol not in PROTOCOLS:
            raise ValueError(f"unknown protocol {protocol!r}")
        if not port:
            raise ValueError("a device needs a port")
        if framing not in FRAMINGS:
            raise ValueError(f"unknown framing {framing!r}")
        s = self.store
        cfg = DeviceConfig(s.new_id(), name or port, port, protocol, int(baud or DEFAULT_BAUD[protocol]),
                           framing)
        with s.transaction():
            s.insert("devices", {"id": cfg.id, "name": cfg.name, "port": cfg.port, "protocol": cfg.protocol,
                                 "baud": cfg.baud, "framing": cfg.framing, "enabled": 0, "retired": 0})
        return Result(cfg, Changes(devices={cfg.id}))

    def set_enabled(self, device_id: str, enabled: bool) -> Result[None]:
        with self.store.transaction():
            self.store.update("devices", device_id, {"enabled": int(enabled)})
        return Result(None, Changes(devices={device_id}))

    def retire(self, device_id: str) -> Result[None]:
        # Kept, not deleted: its stored frames and outbox rows still name it.
        with self.store.transaction():
            self.store.update("devices", device_id, {"retired": 1, "enabled": 0})
        return Result(None, Changes(devices={device_id}))
