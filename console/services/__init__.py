"""Use cases. Each call runs one transaction and returns what it changed."""
from __future__ import annotations

from dataclasses import dataclass

from console.domain.record_texts import RecordTexts
from console.services.duty_log import DutyLogService
from console.services.incidents import IncidentService
from console.services.resources import ResourceService
from console.services.sensors import SensorService
from console.services.shifts import ShiftService
from console.services.warnings import WarningService
from console.store.database import Store


@dataclass
class Services:
    store: Store
    log: DutyLogService
    incidents: IncidentService
    shifts: ShiftService
    resources: ResourceService
    warnings: WarningService
    sensors: SensorService


def build_services(store: Store, texts: RecordTexts | None = None) -> Services:
    log = DutyLogService(store)
    incidents = IncidentService(store, log)
    warnings = WarningService(store, log, texts)
    return Services(store, log, incidents, ShiftService(store, log, incidents), ResourceService(store),
                    warnings, SensorService(store, warnings, texts))
