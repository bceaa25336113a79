"""Use cases. Each write runs one transaction and returns a `Result`: its value and what it changed."""
from __future__ import annotations

from dataclasses import dataclass

from console.domain.record_texts import RecordTexts
from console.services.cameras import CameraService
from console.services.comms_log import CommsLogService
from console.services.devices import DeviceService
from console.services.duty_log import DutyLogService
from console.services.incidents import IncidentService
from console.services.ingest import IngestService
from console.services.outbox import OutboxService
from console.services.preplans import PreplanService
from console.services.resources import ResourceService
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
    outbox: OutboxService
    preplans: PreplanService
    devices: DeviceService
    ingest: IngestService
    texts: RecordTexts
    cameras: CameraService
    warnings: WarningService
    comms: CommsLogService


def build_services(store: Store, texts: RecordTexts | None = None) -> Services:
    """Every service once, each table's writer shared by the services that write through it."""
    texts = texts or RecordTexts()
    log = DutyLogService(store)
    incidents = IncidentService(store, log, texts)
    resources = ResourceService(store)
    outbox = OutboxService(store, log, resources, texts)
    comms = CommsLogService(store, log)
    return Services(store, log, incidents, ShiftService(store, log, incidents, texts), resources, outbox,
                    PreplanService(store, log, incidents, resources, outbox, texts), DeviceService(store),
                    IngestService(store, log, resources, outbox, texts, comms), texts,
                    CameraService(store, log, texts), WarningService(store, log, texts), comms)
