"""Polls the sensors of one RS-485 gateway (one serial port) with pymodbus, in the caller's thread.

A poll asks each sensor for its registers in turn. A gateway that stops answering or disappears
(unplugged USB adapter) is closed and opened again on the next poll, with its error said in plain
words; a response whose CRC does not check is counted and skipped, never read as a value."""
from __future__ import annotations

import logging
import time
from collections.abc import Callable
from dataclasses import dataclass, field

from pymodbus.client import ModbusSerialClient
from pymodbus.exceptions import ModbusException
from pymodbus.framer import FramerRTU

from console.devices.modbus.registers import RegisterMap

log = logging.getLogger("console.devices.modbus")


@dataclass
class PollStats:
    polls: int = 0
    readings: int = 0
    timeouts: int = 0  # no (valid) answer in time
    bad_crc: int = 0  # an answer arrived but its CRC did not check: skipped
    exceptions: int = 0  # the gateway answered with a Modbus exception code
    reconnects: int = 0
    connected: bool = False
    last_error: str = ""
    per_sensor_errors: dict[str, int] = field(default_factory=dict)


class ModbusPoller:
    def __init__(self, port: str, points: list[tuple[str, RegisterMap]], *, baudrate: int = 9600,
                 timeout: float = 0.3, clock: Callable[[], float] = time.time) -> None:
        self.port = port
        self.points = points
        self.clock = clock
        self.stats = PollStats()
        self._rx = bytearray()
        self._ever_connected = False
        self.client = ModbusSerialClient(port, baudrate=baudrate, timeout=timeout, retries=0,
                                         reconnect_delay=0, trace_packet=self._trace)

    def _trace(self, sending: bool, data: bytes) -> bytes:
        if sending:
            self._rx.clear()
        else:
            self._rx.extend(data)
        return data

    def _ensure_connected(self) -> bool:
        if self.client.connected:
            return True
        if not self.client.connect():
            self._fail(f"cannot open {self.port}: the gateway is not connected or the port is in use")
            return False
        if self._ever_connected:
            self.stats.reconnects += 1
            log.info("modbus gateway %s connected again", self.port)
        self._ever_connected = True
        self.stats.connected = True
        return True

    def _fail(self, message: str) -> None:
        if message != self.stats.last_error:
            log.info("modbus %s", message)
        self.stats.last_error = message
        self.stats.connected = False

    def poll_once(self) -> list[tuple[str, float, float]]:
        """(sensor_id, epoch seconds, value) for each sensor that answered."""
        self.stats.polls += 1
        if not self._ensure_connected():
            return []
        out = []
        for sensor_id, m in self.points:
            value = self._read(sensor_id, m)
            if value is not None:
                out.append((sensor_id, self.clock(), value))
            elif not self.client.connected:
                break  # the port went away: reopen on the next poll
        self.stats.readings += len(out)
        return out

    def _read(self, sensor_id: str, m: RegisterMap) -> float | None:
        read = (
            self.client.read_holding_registers if m.table == "holding" else self.client.read_input_registers
        )
        try:
            rr = read(m.address, count=m.count, device_id=m.slave)
        except ModbusException as exc:
            self._count_failure(sensor_id, exc)
            return None
        except OSError as exc:  # the adapter vanished under us
            self._count_failure(sensor_id, exc)
            self.client.close()
            return None
        if rr.isError():
            self.stats.exceptions += 1
            self.stats.per_sensor_errors[sensor_id] = self.stats.per_sensor_errors.get(sensor_id, 0) + 1
            self.stats.last_error = f"slave {m.slave} refused register {m.address} ({rr})"
            return None
        self.stats.last_error = ""
        return m.decode(list(rr.registers))

    def _count_failure(self, sensor_id: str, exc: Exception) -> None:
        self.stats.per_sensor_errors[sensor_id] = self.stats.per_sensor_errors.get(sensor_id, 0) + 1
        rx = bytes(self._rx)
        if len(rx) >= 4 and FramerRTU.compute_CRC(rx[:-2]) != int.from_bytes(rx[-2:], "big"):
            self.stats.bad_crc += 1
            self.stats.last_error = f"{self.port}: an answer with a bad CRC was skipped"
        else:
            self.stats.timeouts += 1
            self._fail(f"{self.port}: no answer ({exc.__class__.__name__})")
            self.client.close()

    def close(self) -> None:
        self.client.close()
        self.stats.connected = False
