"""Manual tasks: what the officer must do by hand because no device here can, such as a notice on a
channel with no link (phone the municipal duty room, send an SMS, have a broadcast made). A task has a
deadline, counts with the overdue reports once it passes, and is confirmed with who did it and when."""
from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta

# Channels a device of this console sends on; any other channel is a task for the officer.
DEVICE_CHANNELS = frozenset({"tetra", "beidou"})
# A manual notice with no checklist deadline of its own is due this long after the activation.
DEFAULT_NOTICE_MINUTES = 15


def is_manual(channel: str, device_channels: Iterable[str] = DEVICE_CHANNELS) -> bool:
    return channel not in set(device_channels)


@dataclass(frozen=True)
class Task:
    id: str
    created_at: datetime
    kind: str
    channel: str
    recipient: str
    title: str
    text: str
    due_at: datetime | None
    incident_id: str | None
    activation_id: str | None
    ref: str
    done_at: datetime | None = None
    done_by: str = ""
    done_note: str = ""

    @property
    def done(self) -> bool:
        return self.done_at is not None

    def overdue(self, now: datetime) -> bool:
        return not self.done and self.due_at is not None and self.due_at <= now


def notice_due(activated_at: datetime, item_due: datetime | None) -> datetime:
    """A notice that matches a checklist item (the 初报 and its item) shares that item's deadline;
    otherwise it is due shortly after the activation that asked for it."""
    return item_due if item_due is not None else activated_at + timedelta(minutes=DEFAULT_NOTICE_MINUTES)


def overdue_tasks(tasks: Iterable[Task], now: datetime) -> list[Task]:
    return [t for t in tasks if t.overdue(now)]


def next_task_due(tasks: Iterable[Task], now: datetime) -> datetime | None:
    """When the overdue count next grows because of a task, None if never."""
    return min(
        (t.due_at for t in tasks if not t.done and t.due_at is not None and t.due_at > now), default=None
    )
