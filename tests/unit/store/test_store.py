import json
import os
import sqlite3

import pytest

from console.domain.intake import IntakeForm
from console.paths import MIGRATIONS
from console.store import migrations
from console.store.database import open_store
from console.store.errors import StoreUnavailable


def _form(**kw) -> IntakeForm:
    base = dict(title="徐汇区燃气泄漏", klass="accident", level="3", lat="31.188", lon="121.437")
    return IntakeForm(**{**base, **kw})


def test_fresh_database_is_at_the_latest_schema_with_wal_and_foreign_keys(store):
    assert store.scalar("PRAGMA user_version") == migrations.latest_version(MIGRATIONS)
    assert store.scalar("PRAGMA journal_mode") == "wal"
    assert store.scalar("PRAGMA foreign_keys") == 1
    assert store.scalar("PRAGMA busy_timeout") >= 1000


def test_every_service_write_records_change_rows_in_the_same_transaction(services):
    inc = services.incidents.intake(_form()).value
    rows = services.store.rows("SELECT tbl, row_id, cols, hlc, site FROM changes ORDER BY seq")
    tables = [r["tbl"] for r in rows]
    assert tables[:3] == ["incidents", "incident_events", "duty_log"]
    first = rows[0]
    assert first["row_id"] == inc.id and first["site"] == services.store.site
    assert json.loads(first["cols"])["title"] == "徐汇区燃气泄漏"
    stamps = [r["hlc"] for r in rows]
    assert stamps == sorted(stamps) and len(set(stamps)) == len(stamps)


def test_a_failure_inside_a_use_case_leaves_nothing_behind(services, monkeypatch):
    def boom(*a, **k):
        raise RuntimeError("disk on fire")

    monkeypatch.setattr(services.log, "append", boom)
    with pytest.raises(RuntimeError):
        services.incidents.intake(_form())
    for table in ("incidents", "incident_events", "duty_log", "duty_log_fts", "changes"):
        assert services.store.scalar(f"SELECT count(*) FROM {table}") == 0, table


def test_duty_log_rows_cannot_be_updated_or_deleted(services):
    from console.domain.duty_log import Category

    services.log.append(Category.OTHER, "测试")
    with pytest.raises(sqlite3.IntegrityError, match="append-only"), services.store.transaction():
        services.store.conn.execute("UPDATE duty_log SET text = 'x'")
    with pytest.raises(sqlite3.IntegrityError), services.store.transaction():
        services.store.conn.execute("DELETE FROM duty_log")
    assert services.log.count() == 1


def test_writes_outside_a_transaction_are_refused(store):
    with pytest.raises(RuntimeError):
        store.insert("meta", {"id": "x"})


def test_site_ids_differ_between_databases_and_persist(tmp_path, clock):
    a = open_store(tmp_path / "a.db", clock)
    b = open_store(tmp_path / "b.db", clock)
    site_a = a.site
    assert site_a != b.site
    a.close()
    b.close()
    again = open_store(tmp_path / "a.db", clock)
    assert again.site == site_a
    again.close()


def test_read_only_medium_gives_a_clear_error_and_keeps_the_data(services):
    services.incidents.intake(_form())
    # query_only makes SQLite refuse writes exactly as on a read-only medium, and works as root too.
    services.store.conn.execute("PRAGMA query_only = 1")
    with pytest.raises(StoreUnavailable) as err:
        services.incidents.intake(_form(title="第二起"))
    assert err.value.kind == "read_only"
    services.store.conn.execute("PRAGMA query_only = 0")
    assert [i.title for i in services.incidents.list()] == ["徐汇区燃气泄漏"]


@pytest.mark.skipif(os.geteuid() == 0, reason="root ignores file permissions")
def test_read_only_database_gives_a_clear_error_and_keeps_the_data(db_path, clock):
    from console.services import build_services

    s = open_store(db_path, clock)
    build_services(s).incidents.intake(_form())
    s.close()
    os.chmod(db_path, 0o444)
    try:
        with pytest.raises(StoreUnavailable):
            s2 = open_store(db_path, clock)
            build_services(s2).incidents.intake(_form(title="第二起"))
    finally:
        os.chmod(db_path, 0o644)


def test_full_disk_gives_a_clear_error_and_keeps_what_was_committed(services):
    from console.domain.duty_log import Category

    services.log.append(Category.OTHER, "已保存的条目")
    conn = services.store.conn
    pages = conn.execute("PRAGMA page_count").fetchone()[0]
    conn.execute(f"PRAGMA max_page_count = {pages}")  # the file cannot grow: as good as a full disk
    with pytest.raises(StoreUnavailable) as err:
        for i in range(2000):
            services.log.append(Category.OTHER, "填满磁盘" * 200 + str(i))
    assert err.value.kind == "disk_full"
    conn.execute("PRAGMA max_page_count = 1073741823")
    assert services.log.search("已保存")[0].text == "已保存的条目"
    assert services.log.verify()[1] is None
    assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"


def test_a_locked_database_is_reported_as_busy(db_path, clock):
    from console.domain.duty_log import Category
    from console.services import build_services

    s = open_store(db_path, clock)
    other = sqlite3.connect(str(db_path), isolation_level=None)
    other.execute("BEGIN IMMEDIATE")
    s.conn.execute("PRAGMA busy_timeout = 50")
    try:
        with pytest.raises(StoreUnavailable) as err:
            build_services(s).log.append(Category.OTHER, "被锁")
        assert err.value.kind == "locked"
    finally:
        other.execute("ROLLBACK")
        other.close()
        s.close()


def test_a_file_that_is_not_a_database_is_refused_clearly(tmp_path, clock):
    bad = tmp_path / "bad.db"
    bad.write_bytes(b"this is not sqlite at all" * 100)
    with pytest.raises(StoreUnavailable) as err:
        open_store(bad, clock)
    assert err.value.kind == "corrupt"
    assert bad.read_bytes().startswith(b"this is not sqlite")


def test_batched_position_updates_record_one_change_row_each(seeded):
    from console.services.resources import PositionFix

    units = seeded.resources.units()[:5]
    before = seeded.store.scalar("SELECT count(*) FROM changes")
    seeded.resources.apply_positions([PositionFix(u["id"], 31.2 + i / 100, 121.4, heading=float(i))
                                      for i, u in enumerate(units)])
    rows = seeded.store.rows("SELECT row_id, cols, hlc FROM changes ORDER BY seq DESC LIMIT 5")
    assert seeded.store.scalar("SELECT count(*) FROM changes") == before + 5
    assert {r["row_id"] for r in rows} == {u["id"] for u in units}
    for r in rows:
        assert json.loads(r["cols"])["lon"] == 121.4
        assert seeded.store.one("SELECT updated_hlc FROM units WHERE id = ?", (r["row_id"],))["updated_hlc"] == r["hlc"]


def test_bulk_writes_leave_checkpoints_to_the_job_and_restore_durability(tmp_path, clock):
    store = open_store(tmp_path / "bulk.db", clock)
    with store.bulk_writes():
        assert store.scalar("PRAGMA synchronous") == 1 and store.scalar("PRAGMA wal_autocheckpoint") == 0
        for i in range(3):
            with store.transaction():
                store.conn.execute("INSERT INTO meta(key, value) VALUES (?, ?)", (f"k{i}", "x" * 3000))
        assert store.checkpoint() >= 3  # the commits left their pages in the WAL
    assert store.scalar("PRAGMA synchronous") == 2 and store.scalar("PRAGMA wal_autocheckpoint") == 1000
    store.close()
