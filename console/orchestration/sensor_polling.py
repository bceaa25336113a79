"""Polls the sensors that have a Modbus register map: one thread per gateway (serial port), so a
slow or missing gateway delays nobody else. Readings cross to the GUI thread by a queued signal and
are ingested there, in the store's one thread, then published like every other change."""
from __future__ import annotations

import logging
import threading
from collections.abc import Callable

from PySide6.QtCore import QObject, Signal

from console.devices.modbus.poller import ModbusPoller
from console.devices.modbus.registers import RegisterMap
from console.services.sensors import Reading, SensorService

log = logging.getLogger("console.devices.modbus")


class SensorPolling(QObject):
    readingsReady = Signal(object)  # list[Reading], from a polling thread

    def __init__(self, sensors: SensorService, publish: Callable, interval: float = 1.0, parent=None) -> None:
        super().__init__(parent)
        self.sensors = sensors
        self.publish = publish
        self.interval = interval
        self.pollers: dict[str, ModbusPoller] = {}
        self._stop = threading.Event()
        self._threads: list[threading.Thread] = []
        self.readingsReady.connect(self._ingest)

    def start(self) -> int:
        """Start a thread per port named in the registry; returns how many gateways are polled."""
        ports: dict[str, list[tuple[str, RegisterMap]]] = {}
        for s in self.sensors.sensors():
            if not s.registers:
                continue
            try:
                m = RegisterMap.from_dict(s.registers)
            except (ValueError, TypeError) as exc:
                log.error("sensor %s: its register map cannot be polled: %s", s.id, exc)
                continue
            ports.setdefault(m.port, []).append((s.id, m))
        for port, points in ports.items():
            poller = ModbusPoller(port, points, baudrate=points[0][1].baudrate)
            self.pollers[port] = poller
            t = threading.Thread(target=self._run, args=(poller,), name=f"modbus {port}", daemon=True)
            self._threads.append(t)
            t.start()
        return len(ports)

    def _run(self, poller: ModbusPoller) -> None:
        while not self._stop.is_set():
            out = poller.poll_once()
            if out:
                self.readingsReady.emit([Reading(sid, t, v) for sid, t, v in out])
            self._stop.wait(self.interval)
        poller.close()

    def _ingest(self, readings: list[Reading]) -> None:
        self.publish(self.sensors.ingest(readings).changes)

    def stop(self) -> None:
        self._stop.set()
        for t in self._threads:
            t.join(timeout=5)
        self._threads.clear()
