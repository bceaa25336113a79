"""Manual tasks: a notice on a channel with no device becomes the officer's task, never "queued"."""
from __future__ import annotations

from datetime import timedelta

import pytest

from console.domain.incident import Level
from console.domain.tasks import overdue_tasks

FLOOD = "flood-typhoon"
TYPHOON = "inc-sample-001"


@pytest.fixture
def activated(seeded):
    seeded.preplans.load_samples()
    act = seeded.preplans.activate(TYPHOON, FLOOD, Level.II).value
    return seeded, act


def test_an_activation_lists_calls_to_make_with_deadlines_and_never_says_queued(activated):
    svc, act = activated
    tasks = svc.tasks.open()
    assert tasks and all(t.activation_id == act.id and t.incident_id == TYPHOON for t in tasks)
    duty_room = [t for t in tasks if t.ref == "preplan:first-report"]
    assert duty_room and duty_room[0].channel == "phone"
    assert duty_room[0].title.startswith("致电") and duty_room[0].title.endswith("并确认")
    assert [t.due_at for t in tasks] == sorted(t.due_at for t in tasks)  # the earliest deadline first
    entries = [e.text for e in svc.log.entries(limit=200) if e.incident_id == TYPHOON]
    manual = [e for e in entries if "待办" in e]
    assert manual and not any("发送队列" in e for e in manual)
    # Nothing waits in the outbox for a device that does not exist.
    assert {o["channel"] for o in svc.preplans.outbox(act.id)} <= {"tetra", "beidou"}


def test_tasks_become_overdue_and_a_confirmation_says_who_and_when(activated, clock):
    svc, _act = activated
    call = next(t for t in svc.tasks.open() if t.ref == "preplan:first-report")
    assert not overdue_tasks(svc.tasks.open(), clock.now())
    clock.advance(minutes=40)
    assert call.id in {t.id for t in overdue_tasks(svc.tasks.open(), clock.now())}
    with pytest.raises(ValueError):
        svc.tasks.confirm(call.id, "  ")
    res = svc.tasks.confirm(call.id, "张伟", "总值班室王科长接听")
    done = res.value
    assert done.done and done.done_by == "张伟" and done.done_at == clock.now()
    assert call.id in res.changes.tasks and res.changes.duty_log
    assert call.id not in {t.id for t in svc.tasks.open()}
    # The call to the municipal duty room is the incident's first report (初报): its countdown stops.
    assert svc.incidents.get(TYPHOON).first_report_at == clock.now()
    assert any("张伟" in e.text and "王科长" in e.text for e in svc.log.entries(limit=5))
    with pytest.raises(ValueError):
        svc.tasks.confirm(call.id, "张伟")


def test_the_handover_carries_open_tasks(activated, clock):
    svc, _act = activated
    svc.shifts.open("张伟")
    clock.advance(minutes=20)
    summary = svc.shifts.summary()
    assert summary.tasks and len(summary.pending) >= len(summary.tasks)
    assert summary.overdue_tasks  # the general notices were due 15 minutes after activation
    assert all(t.title in summary.pending for t in summary.tasks)
    # The pending list no longer repeats the incident titles.
    assert not {i.title for i in summary.open_incidents} & set(summary.pending)
    assert timedelta(0) < clock.now() - summary.overdue_tasks[0].due_at
