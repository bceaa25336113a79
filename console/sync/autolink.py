"""The console's own link to the hub, kept up on a worker thread: it publishes the outbox, applies
what the other consoles sent (in short transactions, with progress), waits a little and does it
again. When the hub cannot be reached it tries again after 1, 2, 4 … 60 seconds, so a link that
comes back is picked up without anyone pressing a button.

The thread uses a SyncService on a connection of its own (made by `open_sync` inside the thread),
and reports through `on_event(LinkEvent)`, called on that thread: the window turns it into a queued
signal."""
from __future__ import annotations

import asyncio
import logging
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any  # the sync service, opened on the link's own thread

from console.domain.changes import Changes
from console.sync.hub import HubLink, HubUnavailable

log = logging.getLogger("console.sync")
BACKOFF_S = (1, 2, 4, 8, 15, 30, 60)


@dataclass
class LinkEvent:
    state: str  # "connecting", "draining", "applying", "in_sync", "offline"
    outbox: int = 0  # our changes not yet on the hub
    done: int = 0  # while applying: changes of the current batch applied so far
    total: int = 0
    retry_in: float = 0.0  # offline: seconds until the next attempt
    reason: str = ""
    changes: Changes = field(default_factory=Changes)  # what the batches applied changed


class AutoLink:
    def __init__(self, url: str, open_sync: Callable[[], Any], on_event: Callable[[LinkEvent], None],
                 interval_s: float = 5.0, backoff_s: tuple[float, ...] = BACKOFF_S) -> None:
        self.url = url
        self.open_sync = open_sync
        self.on_event = on_event
        self.interval_s = interval_s
        self.backoff_s = backoff_s
        self._stop = threading.Event()
        self._wake = threading.Event()
        self._thread: threading.Thread | None = None

    def start(self) -> None:
        self._thread = threading.Thread(target=self._run, name="sync-hub-link", daemon=True)
        self._thread.start()

    def sync_now(self) -> None:
        self._wake.set()

    def stop(self, timeout: float = 20.0) -> None:
        self._stop.set()
        self._wake.set()
        if self._thread is not None:
            self._thread.join(timeout)
            self._thread = None

    def _run(self) -> None:
        sync = self.open_sync()
        failures = 0
        try:
            while not self._stop.is_set():
                wait = self.interval_s
                try:
                    self._once(sync)
                    failures = 0
                except HubUnavailable as exc:
                    wait = self.backoff_s[min(failures, len(self.backoff_s) - 1)]
                    failures += 1
                    self.on_event(LinkEvent("offline", sync.outbox_depth(), retry_in=wait, reason=str(exc)))
                except Exception as exc:  # the store's own failures (disk full): reported, retried later
                    wait = self.backoff_s[-1]
                    log.error("sync link stopped a round: %s", exc)
                    self.on_event(LinkEvent("offline", retry_in=wait, reason=str(exc)))
                self._wake.wait(wait)
                self._wake.clear()
        finally:
            sync.store.close()

    def _once(self, sync) -> None:
        self.on_event(LinkEvent("connecting", sync.outbox_depth()))

        def progress(done: int, total: int) -> None:
            self.on_event(LinkEvent("applying", sync.outbox_depth(), done, total))

        def drained(published: int) -> None:
            self.on_event(LinkEvent("draining", sync.outbox_depth(), published))

        link = HubLink(sync, self.url, progress=progress, on_published=drained)
        report = asyncio.run(link.run_once())
        sync.clock_after_apply()
        depth = sync.outbox_depth()
        self.on_event(LinkEvent("in_sync" if depth == 0 else "draining", depth, changes=report.changes))
