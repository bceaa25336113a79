"""Consoles for sync tests: each a real database file with its own site key and clock."""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from console.domain.clock import FakeClock
from console.domain.intake import IntakeForm
from console.services import Services, build_services
from console.services.sync import SyncService
from console.store.database import open_store


@dataclass
class Site:
    svc: Services
    sync: SyncService
    clock: FakeClock

    @property
    def id(self) -> str:
        return self.svc.store.site

    def close(self) -> None:
        self.svc.store.close()

    def add_incident(self, title: str, level: int = 3):
        form = IntakeForm(title=title, klass="accident", level=str(level), lat="31.2", lon="121.4", source="119")
        inc = self.svc.incidents.intake(form).value
        return inc

    def state(self) -> dict:
        s = self.svc.store
        return {
            "incidents": s.rows("SELECT * FROM incidents ORDER BY id"),
            "log": s.rows("SELECT id, site, text, prev_hash, hash FROM duty_log ORDER BY id"),
            "events": s.rows("SELECT id, incident_id, kind FROM incident_events ORDER BY id"),
            "changes": s.scalar("SELECT count(*) FROM changes"),
        }


def open_site(folder: Path, name: str, clock: FakeClock | None = None, **sync_kw) -> Site:
    clock = clock or FakeClock()
    store = open_store(folder / f"{name}.db", clock)
    svc = build_services(store)
    return Site(svc, SyncService(store, svc.log, **sync_kw), clock)


def enrol_all(sites: list[Site]) -> None:
    for a in sites:
        for b in sites:
            if a is not b:
                a.sync.trust(b.id, b.sync.identity()["public_key"])


def exchange(a: Site, b: Site):
    """a sends b everything b has not acknowledged; returns b's apply report."""
    return b.sync.import_bytes(a.sync.export_batch(b.id).value).value


def full_exchange(sites: list[Site]) -> None:
    for _ in range(len(sites) + 1):
        for a in sites:
            for b in sites:
                if a is not b:
                    exchange(a, b)
        if all(s.sync.vector() == sites[0].sync.vector() for s in sites):
            return
    raise AssertionError("replicas did not reach the same change log")
