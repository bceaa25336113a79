"""Bundle files: each damaged, foreign or revoked bundle is refused with a reason and applies
nothing; a good one applies once however often it is imported."""
from __future__ import annotations

import base64

import pytest

from console.domain.incident import Level, Status
from console.sync.refused import SyncRefused

from .sync_sites import enrol_all, exchange, open_site


@pytest.fixture
def pair(tmp_path):
    a, b = open_site(tmp_path, "a"), open_site(tmp_path, "b")
    enrol_all([a, b])
    yield a, b
    a.close()
    b.close()


def test_round_trip_and_double_import(pair):
    a, b = pair
    inc = a.add_incident("崇明区堤防渗漏", level=2)
    data = a.sync.export_batch(b.id).value
    first = b.sync.import_bytes(data)
    assert first.value.applied == first.value.received > 0
    assert first.changes.incidents == {inc.id} and first.changes.duty_log
    before = b.state()
    again = b.sync.import_bytes(data).value
    assert again.applied == 0 and again.duplicates == again.received and b.state() == before
    assert [i.title for i in b.svc.incidents.list()] == ["崇明区堤防渗漏"]
    assert b.svc.log.verify()[1] is None
    assert a.sync.status()[0].pending == a.sync.status()[0].sent > 0
    exchange(b, a)  # b's batch carries what b holds: a learns it was acknowledged
    assert a.sync.status()[0].pending == 0


def test_older_bundle_after_newer_changes_nothing(pair):
    a, b = pair
    inc = a.add_incident("旧包", level=3)
    old = a.sync.export_batch(b.id).value
    a.svc.incidents.set_status(inc.id, Status.RESPONDING)
    b.sync.import_bytes(a.sync.export_batch(b.id).value)
    before = b.state()
    assert b.sync.import_bytes(old).value.applied == 0
    assert b.state() == before and b.svc.incidents.get(inc.id).status is Status.RESPONDING


@pytest.mark.allow_warning_logs
@pytest.mark.parametrize("damage", ["truncated", "flipped", "empty", "not_a_bundle"])
def test_damaged_bundle_is_refused_and_applies_nothing(pair, damage):
    a, b = pair
    a.add_incident("损坏")
    data = bytearray(a.sync.export_batch(b.id).value)
    if damage == "truncated":
        data = data[: len(data) * 2 // 3]
    elif damage == "flipped":
        data[len(data) // 2] ^= 0x5A
    elif damage == "empty":
        data = bytearray()
    else:
        data = bytearray(b"PK\x03\x04 a zip file")
    before = b.state()
    with pytest.raises(SyncRefused) as err:
        b.sync.import_bytes(bytes(data))
    assert str(err.value)
    assert b.state() == before
    assert b.sync.history()[0]["kind"] == "refused"


@pytest.mark.allow_warning_logs
def test_unknown_and_revoked_sites_are_refused(tmp_path, pair):
    a, b = pair
    stranger = open_site(tmp_path, "stranger")
    stranger.sync.trust(b.id, b.sync.identity()["public_key"])
    stranger.add_incident("陌生站点")
    with pytest.raises(SyncRefused, match="not enrolled"):
        b.sync.import_bytes(stranger.sync.export_batch(b.id).value)
    stranger.close()
    a.add_incident("已撤销")
    data = a.sync.export_batch(b.id).value
    b.sync.untrust(a.id)
    with pytest.raises(SyncRefused, match="no longer trusted"):
        b.sync.import_bytes(data)
    assert b.svc.incidents.list() == []


@pytest.mark.allow_warning_logs
def test_a_key_that_is_not_the_enrolled_one_is_refused(tmp_path, pair):
    a, b = pair
    impostor = open_site(tmp_path, "impostor")
    b.sync.trust(a.id, impostor.sync.identity()["public_key"])  # b enrolled the wrong key for a
    a.add_incident("冒名")
    with pytest.raises(SyncRefused, match="signature"):
        b.sync.import_bytes(a.sync.export_batch(b.id).value)
    impostor.close()


def test_same_column_changed_apart_is_a_conflict_and_the_choice_syncs(pair):
    a, b = pair
    inc = a.add_incident("冲突", level=3)
    exchange(a, b)
    a.svc.incidents.set_level(inc.id, Level(2))
    b.svc.incidents.set_level(inc.id, Level(1))
    exchange(a, b)
    exchange(b, a)
    assert a.state()["incidents"] == b.state()["incidents"]
    [conflict] = b.sync.conflicts()
    assert conflict["col"] == "level" and {conflict["kept"], conflict["other"]} == {1, 2}
    chosen = conflict["other"]
    res = b.sync.resolve(conflict["id"], "other")
    assert res.changes and b.sync.conflicts() == []
    exchange(b, a)
    assert a.svc.incidents.get(inc.id).level == b.svc.incidents.get(inc.id).level == chosen
    assert a.sync.conflicts() == []  # b's choice settled a's copy of the conflict too
    # both level changes stay in the record
    assert sum(e["kind"] == "level" for e in a.svc.incidents.timeline(inc.id)) == 2


def test_status_never_moves_backwards_and_the_rule_is_shown(tmp_path):
    from datetime import timedelta

    from console.domain.clock import FakeClock

    base = FakeClock().now()
    ahead = open_site(tmp_path, "ahead", FakeClock(base + timedelta(minutes=3)))
    behind = open_site(tmp_path, "behind", FakeClock(base))
    enrol_all([ahead, behind])
    inc = behind.add_incident("状态")
    exchange(behind, ahead)
    behind.svc.incidents.set_status(inc.id, Status.RESPONDING)
    behind.svc.incidents.set_status(inc.id, Status.CLOSED)
    ahead.svc.incidents.set_status(inc.id, Status.RESPONDING)  # the later stamp, the lesser status
    exchange(behind, ahead)
    exchange(ahead, behind)
    for s in (ahead, behind):
        assert s.svc.incidents.get(inc.id).status is Status.CLOSED
    assert any(c["reason"] == "rule" and c["col"] == "status" for c in ahead.sync.conflicts())
    ahead.close()
    behind.close()


def test_a_stamp_a_day_ahead_is_held_until_the_operator_releases_it(tmp_path):
    from datetime import timedelta

    from console.domain.clock import FakeClock

    base = FakeClock().now()
    future = open_site(tmp_path, "future", FakeClock(base + timedelta(days=1)))
    here = open_site(tmp_path, "here", FakeClock(base))
    enrol_all([future, here])
    future.add_incident("明天")
    rep = exchange(future, here)
    assert rep.held == rep.received > 0 and rep.applied == 0
    assert here.svc.incidents.list() == [] and len(here.sync.held()) == rep.received
    assert exchange(future, here).applied == 0  # sent again: still held, not doubled
    assert len(here.sync.held()) == rep.received
    here.sync.release_held()
    assert [i.title for i in here.svc.incidents.list()] == ["明天"] and here.sync.held() == []
    assert here.svc.log.verify()[1] is None
    future.close()
    here.close()


def test_entries_from_a_peer_are_verified_with_its_key(pair):
    a, b = pair
    a.add_incident("浦东新区下立交积水")
    exchange(a, b)
    assert b.svc.log.verify()[1] is None
    conn = b.svc.store.conn
    conn.execute("DROP TRIGGER IF EXISTS duty_log_no_update")  # as someone with the file would
    forged = base64.b64encode(bytes(64)).decode("ascii")
    conn.execute("UPDATE duty_log SET sig = ? WHERE site = ?", (forged, a.id))
    broken = b.svc.log.verify()[1]
    assert broken is not None and a.id in broken.reason
