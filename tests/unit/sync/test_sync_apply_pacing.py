"""How a backlog shares the machine with the window: chunks sized by the time they hold the writer's
turn, WAL checkpoints between chunks, and the connection and interpreter left as they were found,
whether the batch applies or is refused."""
from __future__ import annotations

import gc
import json
import sys
import zlib

import pytest

from console.domain.duty_log import Category
from console.services import sync as sync_module
from console.services.sync import _Pace
from console.sync.bundle import _U32, MAGIC
from console.sync.refused import SyncRefused

from .sync_sites import enrol_all, open_site


def _as_found(site) -> tuple:
    conn = site.svc.store.conn
    return (conn.execute("PRAGMA synchronous").fetchone()[0],
            conn.execute("PRAGMA wal_autocheckpoint").fetchone()[0], gc.isenabled(), sys.getswitchinterval())


def test_a_chunk_is_sized_by_the_time_the_last_one_held_the_turn():
    pace = _Pace()
    first = pace.size
    pace.took(first, 10 * sync_module.APPLY_CHUNK_S)  # slow: the next chunk is smaller
    assert sync_module._LEAST_CHUNK <= pace.size < first
    slow = pace.size
    pace.took(slow, sync_module.APPLY_CHUNK_S / 100)  # fast: it grows, at most twice as large
    assert pace.size == min(2 * slow, sync_module.APPLY_CHUNK)
    for _ in range(20):
        pace.took(pace.size, 1e-6)
    assert pace.size == sync_module.APPLY_CHUNK


def test_checkpoints_come_sooner_when_the_wal_was_found_long():
    pace = _Pace()
    every = pace._every
    assert not pace.checkpoint_due(every - 1) and pace.checkpoint_due(1)
    pace.checkpointed(4 * sync_module._CHECKPOINT_PAGES)
    assert pace._every == every // 4
    pace.checkpointed(sync_module._CHECKPOINT_PAGES // 10)
    assert pace._every == every // 2  # grows at most twice per checkpoint
    assert not pace.checkpoint_due(every // 2 - 1)


def test_an_applied_backlog_leaves_connection_and_interpreter_as_found(tmp_path, monkeypatch):
    monkeypatch.setattr(sync_module, "APPLY_CHUNK", 2)
    monkeypatch.setattr(sync_module, "_CHECKPOINT_PAGES", 1)
    a, b = open_site(tmp_path, "a"), open_site(tmp_path, "b")
    try:
        enrol_all([a, b])
        for i in range(6):
            a.svc.log.append(Category.OTHER, f"离线记录{i}")
        before = _as_found(b)
        report = b.sync.import_bytes(a.sync.export_batch(b.id).value).value
        assert report.applied == report.received >= 6
        assert _as_found(b) == before
        assert b.svc.store.checkpoint() >= 0  # the WAL was copied back as the chunks went
        assert b.svc.log.verify()[1] is None
    finally:
        a.close()
        b.close()


@pytest.mark.allow_warning_logs  # the refusal is logged
def test_a_refused_body_leaves_connection_and_interpreter_as_found(tmp_path):
    a, b = open_site(tmp_path, "a"), open_site(tmp_path, "b")
    try:
        enrol_all([a, b])
        header = json.dumps({"v": 2, "from": a.id, "to": b.id, "vector": {}, "created_at": "",
                             "count": 1}).encode()
        body = zlib.compress(b'{"t":["units"],"s":["ZZ"],"n":1}\nnot json\n{}')
        signed = MAGIC + _U32.pack(len(header)) + header + _U32.pack(len(body)) + body
        before = _as_found(b)
        changes = b.svc.store.scalar("SELECT count(*) FROM changes")
        with pytest.raises(SyncRefused, match="cannot be read"):
            b.sync.import_bytes(signed + a.sync.key.sign(signed))
        assert _as_found(b) == before
        assert b.svc.store.scalar("SELECT count(*) FROM changes") == changes
    finally:
        a.close()
        b.close()
