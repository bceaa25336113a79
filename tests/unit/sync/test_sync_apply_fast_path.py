"""The fast apply path changes nothing of the result: a backlog with conflicts, rule overrides,
duty-log chains and unit tracks applied in large chunks leaves the database that applying it one
change per transaction leaves; bundles of the first body layout still read the same; a window
write waiting for a chunk starts when the chunk commits."""
from __future__ import annotations

import json
import shutil
import threading
import zlib

from hypothesis import given, settings
from hypothesis import strategies as st

from console.domain.duty_log import Category
from console.domain.incident import Level, Status
from console.services import sync as sync_module
from console.store import database
from console.store.database import backup
from console.sync import bundle
from console.sync.merge import Change, concurrent_conflicts, fold, fold_onto, may_conflict, rule_conflicts

from .sync_sites import enrol_all, exchange, open_site

# Columns local to the receiver: a random id, and the order rows were stored in (a chunk stores its
# change rows parents first; each site's duty-log chain is checked by verify below).
_LOCAL_COLUMNS = {"sync_conflicts": {"id"}, "sync_history": {"seq"}, "changes": {"seq"}, "duty_log": {"seq"}}


def _dump(site) -> dict:
    conn = site.svc.store.conn
    out = {}
    for (table,) in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE '%fts%' "
                                 "AND name NOT LIKE 'sqlite_%' ORDER BY name").fetchall():
        cur = conn.execute(f"SELECT * FROM {table}")
        names = [d[0] for d in cur.description]
        keep = [i for i, n in enumerate(names) if n not in _LOCAL_COLUMNS.get(table, set())]
        out[table] = sorted((tuple(row[i] for i in keep) for row in cur), key=repr)
    out["search"] = conn.execute("SELECT count(*) FROM duty_log_fts").fetchone()[0]
    return out


def _busy_day(a, b) -> None:
    """Both sites work on the same incidents and units while apart: concurrent edits of one column,
    a status the other site had already moved further, duty-log entries and unit tracks."""
    incidents = [a.add_incident(f"事件{i}", level=3) for i in range(6)]
    s = a.svc.store
    with s.transaction():
        units = [s.new_id() for _ in range(5)]
        for i, uid in enumerate(units):
            s.insert("units", {"id": uid, "callsign": f"沪消-{i}", "type": "fire_engine", "status": "available",
                               "lat": 31.2, "lon": 121.4})
    exchange(a, b)
    for step in range(12):
        a.clock.advance(seconds=7)
        b.clock.advance(seconds=5)
        inc = incidents[step % len(incidents)]
        a.svc.incidents.set_level(inc.id, Level(1 + step % 4))
        b.svc.incidents.set_level(inc.id, Level(1 + (step + 1) % 4))
        a.svc.log.append(Category.OTHER, f"前方报告{step}", incident_id=inc.id)
        b.svc.log.append(Category.OTHER, f"中心记录{step}")
        for site, base in ((a, 31.2), (b, 31.3)):
            st = site.svc.store
            with st.transaction():
                st.update_many("units", ("lat", "lon"), [(u, (base + step / 1000, 121.4)) for u in units])
    b.svc.incidents.set_status(incidents[0].id, Status.RESPONDING)
    b.svc.incidents.set_status(incidents[0].id, Status.CLOSED)
    a.clock.advance(seconds=30)
    a.svc.incidents.set_status(incidents[0].id, Status.RESPONDING)  # later, yet a step back
    a.svc.incidents.edit(incidents[1].id, title="改名")


def test_chunked_apply_leaves_what_one_by_one_leaves(tmp_path, monkeypatch):
    a, b = open_site(tmp_path, "a"), open_site(tmp_path, "b")
    twin = None
    try:
        enrol_all([a, b])
        _busy_day(a, b)
        backup(b.svc.store.conn, tmp_path / "twin.db")
        for suffix in ("sitekey", "head"):
            shutil.copy(tmp_path / f"b.db.{suffix}", tmp_path / f"twin.db.{suffix}")
        twin = open_site(tmp_path, "twin", clock=b.clock)
        data = a.sync.export_batch(b.id).value
        whole = b.sync.import_bytes(data).value
        monkeypatch.setattr(sync_module, "APPLY_CHUNK", 1)
        singly = twin.sync.import_bytes(data).value
        assert (whole.applied, whole.duplicates) == (singly.applied, singly.duplicates) and whole.applied > 100
        assert sorted(map(repr, whole.conflicts)) == sorted(map(repr, singly.conflicts))
        assert {c.reason for c in whole.conflicts} == {"concurrent", "rule"}
        assert _dump(b) == _dump(twin)
        assert b.svc.log.verify()[1] is None and twin.svc.log.verify()[1] is None
    finally:
        for site in (a, b, twin):
            if site is not None:
                site.close()


def _first_layout(changes: list[Change]) -> bytes:
    """A body as bundles were first written: every change's row fields in one JSON line."""
    tables, sites, rows, last = {}, {}, [], 0
    for ch in changes:
        wall, counter, _ = ch.hlc.split("-", 2)
        rows.append([tables.setdefault(ch.tbl, len(tables)), ch.row_id, sites.setdefault(ch.site, len(sites)),
                     int(wall) - last, int(counter, 16)])
        last = int(wall)
    doc = json.dumps({"t": list(tables), "s": list(sites), "r": rows}, ensure_ascii=False)
    return zlib.compress("\n".join([doc, *(c.cols_text for c in changes)]).encode("utf-8"))


def test_first_body_layout_reads_as_the_current_one():
    changes = [Change.of("incidents" if i % 3 else "duty_log", f"r{i % 7}", {"title": f"标题\n{i}", "n": i},
                         f"{1_700_000_000_000 + i * 1000:013d}-{i % 5:04x}-S{i % 2}", f"S{i % 2}")
               for i in range(2500)]
    changes.sort(key=lambda c: c.hlc)
    current = bundle._decode_body(bundle._encode_body(changes))
    first = bundle._decode_body(_first_layout(changes))
    assert current == first == tuple(changes)
    assert [c.cols for c in current] == [c.cols for c in changes]


def test_a_waiting_write_starts_when_the_other_transaction_commits(tmp_path):
    a = open_site(tmp_path, "a")
    other = open_site(tmp_path, "a")  # a second connection to the same file, as the apply's worker has
    holding, release, written = threading.Event(), threading.Event(), threading.Event()
    key = str(a.svc.store.path)

    def long_job() -> None:
        with other.svc.store.transaction():
            other.svc.store.conn.execute("INSERT INTO meta(key, value) VALUES ('job', 'running')")
            holding.set()
            release.wait(10)

    job = threading.Thread(target=long_job)
    job.start()
    try:
        assert holding.wait(10)
        writer = threading.Thread(target=lambda: (a.svc.log.append(Category.OTHER, "窗口"), written.set()))
        writer.start()
        with database._turns:  # the write is waiting for its turn, not failing "locked"
            assert database._turns.wait_for(lambda: database._waiting[key] == 1, 10)
        assert not written.is_set()
        release.set()
        assert written.wait(10)
        writer.join()
        assert a.svc.store.scalar("SELECT value FROM meta WHERE key = 'job'") == "running"
        assert a.svc.log.verify()[1] is None
    finally:
        release.set()
        job.join()
        a.close()
        other.close()


_col = st.one_of(st.tuples(st.just("status"), st.sampled_from(["reported", "responding", "closed"])),
                 st.tuples(st.just("retired"), st.sampled_from([None, 0, 1])),
                 st.tuples(st.sampled_from(["title", "level"]), st.sampled_from(["甲", "乙", 1, 2])))
_stamped = st.tuples(_col, st.integers(0, 10**6), st.sampled_from(["s1", "s2", "s3"]))


@settings(max_examples=300, deadline=None)
@given(st.lists(_stamped, max_size=8, unique_by=lambda c: (c[1], c[2])),
       st.lists(_stamped, min_size=1, max_size=8, unique_by=lambda c: (c[1], c[2])),
       st.dictionaries(st.sampled_from(["s1", "s2", "s3"]), st.integers(0, 10**6)))
def test_rows_folded_in_one_step_would_have_found_no_conflict(earlier, later, knows):
    def changes(raw):
        return sorted((Change.of("incidents", "r1", {col: value}, f"{wall:013d}-0000-{site}", site)
                       for (col, value), wall, site in raw), key=lambda c: c.hlc)

    before, incoming = fold("incidents", changes(earlier)), changes(later)
    sender_knows = {site: f"{wall:013d}-0000-{site}" for site, wall in knows.items()}
    found, row = [], before
    for ch in incoming:  # one change at a time, as a backlog cut into chunks of one applies
        found += concurrent_conflicts("incidents", "r1", row, [ch], sender_knows)
        row = fold_onto("incidents", row, [ch])
        found += [c for c in rule_conflicts("incidents", "r1", row) if c.col in ch.cols]
    whole = fold_onto("incidents", before, incoming)
    assert (whole.values, whole.stamps, whole.overruled) == (row.values, row.stamps, row.overruled)
    if not may_conflict("incidents", before, incoming, sender_knows):
        assert found == []
