"""A backlog applies in short transactions: folding a row chunk by chunk gives what folding all of
its changes at once gives, a batch cut into many chunks ends in the same state, with progress, and
the window's connection can write between chunks."""
from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from console.domain.duty_log import Category
from console.domain.incident import Status
from console.services import sync as sync_module
from console.sync.merge import Change, fold, fold_onto

from .sync_sites import enrol_all, exchange, open_site

_column = st.one_of(st.tuples(st.just("status"), st.sampled_from(["reported", "responding", "closed", "other"])),
                    st.tuples(st.just("retired"), st.sampled_from([None, 0, 1])),
                    st.tuples(st.just("title"), st.sampled_from(["甲", "乙", "丙"])))
_change = st.tuples(_column, st.integers(0, 10**6), st.sampled_from(["s1", "s2", "s3"]))


@settings(max_examples=200, deadline=None)
@given(st.lists(_change, max_size=12, unique_by=lambda c: (c[1], c[2])), st.integers(0, 12))
def test_fold_in_chunks_equals_fold_of_all(raw, cut):
    changes = [Change.of("incidents", "r1", {col: value}, f"{wall:013d}-0000-{site}", site)
               for (col, value), wall, site in raw]
    whole = fold("incidents", changes)
    parts = fold_onto("incidents", fold("incidents", changes[:cut]), changes[cut:])
    assert (parts.values, parts.stamps, parts.overruled) == (whole.values, whole.stamps, whole.overruled)


def test_many_chunks_same_state_with_progress(tmp_path, monkeypatch):
    monkeypatch.setattr(sync_module, "APPLY_CHUNK", 3)
    a, b = open_site(tmp_path, "a"), open_site(tmp_path, "b")
    try:
        enrol_all([a, b])
        for i in range(4):
            inc = a.add_incident(f"分块{i}")
            a.svc.incidents.set_status(inc.id, Status.RESPONDING)
            a.svc.log.append(Category.OTHER, f"记录{i}", incident_id=inc.id)
        seen: list[tuple[int, int]] = []
        data = a.sync.export_batch(b.id).value
        report = b.sync.import_bytes(data, progress=lambda done, total: seen.append((done, total))).value
        assert report.applied == report.received > 3
        assert len(seen) > 3 and seen[-1] == (report.received, report.received)
        assert [d for d, _ in seen] == sorted(d for d, _ in seen)
        mine = b.svc.log.append(Category.OTHER, "中心记录")  # the window writes after a chunked apply
        assert mine.value.site == b.id
        state_a, state_b = a.state(), b.state()
        assert state_a["incidents"] == state_b["incidents"]
        exchange(b, a)
        assert a.svc.log.verify()[1] is None and b.svc.log.verify()[1] is None
    finally:
        a.close()
        b.close()
