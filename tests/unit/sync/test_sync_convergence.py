"""Replicas that work apart, exchange batches through partitions, duplicates and reordering, and
then meet, all hold the same incidents, duty log and timeline; every duty-log chain verifies."""
from __future__ import annotations

import tempfile
from datetime import timedelta
from pathlib import Path

from hypothesis import Phase, given, settings
from hypothesis import strategies as st

from console.domain.duty_log import Category
from console.domain.incident import Status

from .sync_sites import enrol_all, full_exchange, open_site

_NEXT = {Status.REPORTED: Status.RESPONDING, Status.RESPONDING: Status.CLOSED}

op = st.one_of(
    st.tuples(st.just("add"), st.integers(0, 4), st.integers(1, 4)),
    st.tuples(st.just("level"), st.integers(0, 4), st.integers(0, 9), st.integers(1, 4)),
    st.tuples(st.just("status"), st.integers(0, 4), st.integers(0, 9)),
    st.tuples(st.just("report"), st.integers(0, 4), st.integers(0, 9)),
    st.tuples(st.just("log"), st.integers(0, 4), st.text(min_size=1, max_size=12).filter(str.strip)),
    st.tuples(st.just("send"), st.integers(0, 4), st.integers(0, 4)),  # batch made, in flight
    st.tuples(st.just("deliver"), st.integers(0, 99)),  # any batch in flight, any number of times
)


def _apply(site, action, args):
    incs = site.svc.incidents.list()
    pick = incs[args[0] % len(incs)] if incs and action in ("level", "status", "report") else None
    if action == "add":
        site.add_incident(f"事件{site.id[:3]}{len(incs)}", level=args[0])
    elif action == "level" and pick:
        from console.domain.incident import Level

        site.svc.incidents.set_level(pick.id, Level(args[1]))
    elif action == "status" and pick and pick.status in _NEXT:
        site.svc.incidents.set_status(pick.id, _NEXT[pick.status])
    elif action == "report" and pick and pick.first_report_at is None:
        site.svc.incidents.mark_report(pick.id, "first")
    elif action == "log":
        site.svc.log.append(Category.OTHER, args[0])


# No shrinking: a failure is reported as drawn, within the suite's time budget.
@settings(max_examples=8, phases=[Phase.explicit, Phase.reuse, Phase.generate])
@given(n=st.integers(3, 5), ops=st.lists(op, min_size=5, max_size=30))
def test_replicas_converge_whatever_the_delivery(n, ops):
    with tempfile.TemporaryDirectory() as tmp:
        sites = [open_site(Path(tmp), f"s{i}") for i in range(n)]
        try:
            enrol_all(sites)
            in_flight, delivered = [], []
            for step, (action, *args) in enumerate(ops):
                for s in sites:
                    s.clock.advance(seconds=1)
                if action == "send":
                    a, b = sites[args[0] % n], sites[args[1] % n]
                    if a is not b:
                        in_flight.append((a.sync.export_batch(b.id).value, b))
                elif action == "deliver":
                    if in_flight:
                        data, dest = in_flight[args[0] % len(in_flight)]
                        dest.sync.import_bytes(data)
                        delivered.append((data, dest))
                else:
                    _apply(sites[args[0] % n], action, args[1:])
                if step % 7 == 0 and delivered:  # an old batch again, after newer ones
                    data, dest = delivered[0]
                    before = dest.state()
                    again = dest.sync.import_bytes(data).value
                    assert again.applied == 0 and dest.state() == before
            full_exchange(sites)
            first = sites[0].state()
            for s in sites:
                assert s.state() == first
                count, broken = s.svc.log.verify()
                assert broken is None and count == len(first["log"])
        finally:
            for s in sites:
                s.close()


def test_clocks_an_hour_apart_converge(tmp_path):
    from console.domain.clock import FakeClock

    base = FakeClock().now()
    offsets = [timedelta(hours=-1), timedelta(0), timedelta(minutes=59)]
    sites = [open_site(tmp_path, f"c{i}", FakeClock(base + off), future_bound_ms=2 * 3600 * 1000)
             for i, off in enumerate(offsets)]
    enrol_all(sites)
    for s in sites:
        inc = s.add_incident(f"时钟{s.id[:4]}")
        s.svc.incidents.set_status(inc.id, Status.RESPONDING)
    full_exchange(sites)
    states = [s.state() for s in sites]
    assert all(st_ == states[0] for st_ in states) and len(states[0]["incidents"]) == 3
    assert all(s.sync.held() == [] for s in sites)
    for s in sites:
        s.close()
