"""Use cases. Each write runs one transaction and returns a `Result`: its value and what it changed."""
from __future__ import annotations

from dataclasses import dataclass

from console.domain.access import Actor
from console.domain.record_texts import RecordTexts
from console.services.accounts import AccountService
from console.services.cameras import CameraService
from console.services.comms_log import CommsLogService
from console.services.devices import DeviceService
from console.services.duty_log import DutyLogService
from console.services.incidents import IncidentService
from console.services.ingest import IngestService
from console.services.outbox import OutboxService
from console.services.preplans import PreplanService
from console.services.resources import ResourceService
from console.services.sensors import SensorService
from console.services.shifts import ShiftService
from console.services.tasks import TaskService
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
    accounts: AccountService
    sensors: SensorService
    tasks: TaskService
    comms: CommsLogService


def build_services(store: Store, texts: RecordTexts | None = None, actor: Actor | None = None) -> Services:
    """Every service once, each table's writer shared by the services that write through it. actor:
    the account acting (already authenticated); the services check its position before each write."""
    texts = texts or RecordTexts()
    store.actor = actor
    log = DutyLogService(store, texts)
    incidents = IncidentService(store, log, texts)
    resources = ResourceService(store)
    outbox = OutboxService(store, log, resources, texts)
    warnings = WarningService(store, log, texts)
    comms = CommsLogService(store, log)
    tasks = TaskService(store, log, incidents, texts)
    shifts = ShiftService(store, log, incidents, texts, tasks, outbox.undelivered)
    return Services(
        store,
        log,
        incidents,
        shifts,
        resources,
        outbox,
        PreplanService(store, log, incidents, resources, outbox, texts, tasks),
        DeviceService(store),
        IngestService(store, log, resources, outbox, texts, comms),
        texts,
        CameraService(store, log, texts),
        warnings,
        AccountService(store, log),
        SensorService(store, warnings, texts),
        tasks,
        comms,
    )
