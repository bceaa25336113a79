import base64
import json
import os
import signal
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from console.domain.clock import FakeClock
from console.domain.duty_log import GENESIS, Category, entry_hash, entry_signing_bytes
from console.domain.intake import IntakeForm
from console.paths import MIGRATIONS
from console.services import build_services
from console.store import log_head, migrations, site_key
from console.store.database import open_store
from console.store.errors import StoreUnavailable
from tests import ROOT

HERE = Path(__file__).parent


def _cli(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "console.cli", *args], capture_output=True, text=True,
                          cwd=ROOT, timeout=60)


def test_everything_is_there_after_a_restart(db_path):
    clock = FakeClock()
    s = open_store(db_path, clock)
    svc = build_services(s)
    svc.shifts.open("张伟", "李主任")
    inc = svc.incidents.intake(IntakeForm(title="浦东新区下立交积水", klass="natural", level="2",
                                             lat="31.22", lon="121.54")).value
    svc.log.append(Category.INSTRUCTION, "市防汛办指示：加强下立交巡查")
    before = (svc.incidents.list(), svc.log.entries(), svc.shifts.all())
    s.close()
    s2 = open_store(db_path, clock)
    svc2 = build_services(s2)
    assert (svc2.incidents.list(), svc2.log.entries(), svc2.shifts.all()) == before
    assert svc2.shifts.current().duty_officer == "张伟"
    assert svc2.log.author == "张伟"
    assert svc2.incidents.get(inc.id).title == "浦东新区下立交积水"
    s2.close()


@pytest.mark.slow
def test_sigkill_mid_stream_loses_no_committed_entry(tmp_path):
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    for trial in range(20):
        db = tmp_path / f"crash{trial}.db"
        open_store(db).close()
        proc = subprocess.Popen([sys.executable, str(HERE / "writer_proc.py"), str(db)], stdout=subprocess.PIPE,
                                text=True, env=env)
        committed = []
        want = 5 + trial * 7
        assert proc.stdout is not None
        for line in proc.stdout:
            committed.append(line.strip())
            if len(committed) >= want:
                break
        proc.send_signal(signal.SIGKILL)
        proc.wait(timeout=30)
        proc.stdout.close()
        s = open_store(db)
        svc = build_services(s)
        assert s.scalar("PRAGMA integrity_check") == "ok"
        stored = {r["id"] for r in s.rows("SELECT id FROM duty_log")}
        assert set(committed) <= stored, f"trial {trial}: committed entries lost"
        n, broken = svc.log.verify()
        assert broken is None and n >= len(committed)
        s.close()


def test_log_verify_names_a_row_altered_behind_the_apps_back(db_path):
    s = open_store(db_path)
    svc = build_services(s)
    entries = [svc.log.append(Category.OTHER, f"条目{i}").value for i in range(5)]
    s.close()
    ok = _cli("log", "verify", "--db", str(db_path))
    assert ok.returncode == 0 and "ok" in ok.stdout
    raw = sqlite3.connect(db_path)
    raw.execute("DROP TRIGGER duty_log_no_update")
    raw.execute("UPDATE duty_log SET text = text || '（篡改）' WHERE id = ?", (entries[2].id,))
    raw.commit()
    raw.close()
    bad = _cli("log", "verify", "--db", str(db_path))
    assert bad.returncode == 1
    assert entries[2].id in bad.stdout


def test_cli_adds_and_lists_incidents_as_json(db_path):
    add = _cli("incident", "add", "--db", str(db_path), "--title", "徐汇区燃气泄漏", "--class", "事故灾难",
               "--level", "3", "--lat", "31.188", "--lon", "121.437", "--source", "119")
    assert add.returncode == 0, add.stderr
    rows = json.loads(_cli("incident", "list", "--db", str(db_path), "--json").stdout)
    assert rows[0]["title"] == "徐汇区燃气泄漏" and rows[0]["class"] == "accident" and rows[0]["level"] == 3
    assert {"id", "title", "class", "level", "status", "lat", "lon"} <= set(rows[0])
    bad = _cli("incident", "add", "--db", str(db_path), "--title", "x", "--class", "nonsense", "--level", "9",
               "--lat", "north", "--lon", "121")
    assert bad.returncode == 2 and "klass" in bad.stderr and "level" in bad.stderr
    assert len(json.loads(_cli("incident", "list", "--db", str(db_path), "--json").stdout)) == 1


def test_db_check_and_backup(db_path, tmp_path):
    assert _cli("db", "migrate", "--db", str(db_path)).returncode == 0
    assert _cli("db", "check", "--db", str(db_path)).returncode == 0
    out = tmp_path / "copy.db"
    assert _cli("db", "backup", "--db", str(db_path), "--out", str(out)).returncode == 0
    assert sqlite3.connect(out).execute("PRAGMA user_version").fetchone()[0] == migrations.latest_version(
        MIGRATIONS)


def _old_database(path: Path, version: int) -> list[str]:
    """A database built by an earlier release at `version`, with incidents and a chained log."""
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("PRAGMA foreign_keys = ON")
    migrations.apply(conn, MIGRATIONS, target=version)
    conn.execute("INSERT INTO meta VALUES ('site_id', 'OLDSITE')")
    conn.execute("INSERT INTO incidents (id, title, class, level, status, lat, lon, reported_at, updated_hlc) "
                 "VALUES ('INC1', '宝山区仓库火灾', 'accident', 2, 'reported', 31.4, 121.45, "
                 "'2026-07-01T00:00:00.000Z', '0000000000001-0000-OLDSITE')")
    # Releases from 0007 on signed each entry with the site key and kept a signed head beside the file.
    key = site_key.load_or_create(path, "OLDSITE") if version >= 7 else None
    if key is not None:
        conn.execute("INSERT INTO meta VALUES ('site_public_key', ?)", (key.public_b64,))
    prev, ids = GENESIS, []
    for i in range(3):
        f = {"id": f"E{i}", "site": "OLDSITE", "at": f"2026-07-01T00:0{i}:00.000Z", "category": "comms",
             "text": f"旧版本的日志条目{i}：宝山消防到场", "author": "旧值班员", "incident_id": "INC1",
             "unit_id": None, "shift_id": None, "corrects_id": None}
        h = entry_hash(prev, f)
        row = {**f, "prev_hash": prev, "hash": h}
        if key is not None:
            row["sig"] = base64.b64encode(key.sign(entry_signing_bytes(h))).decode("ascii")
        conn.execute(f"INSERT INTO duty_log ({', '.join(row)}) VALUES ({', '.join(':' + k for k in row)})", row)
        if version >= 3:  # releases with search indexed each entry as they wrote it
            from console.domain.text_index import index_text

            conn.execute("INSERT INTO duty_log_fts(rowid, tokens) VALUES (last_insert_rowid(), ?)",
                         (index_text(f["text"]),))
        prev = h
        ids.append(f["id"])
    if key is not None:
        log_head.write(path, log_head.sign_head(key, 3, prev, "2026-07-01T00:03:00.000Z"))
    conn.close()
    return ids


@pytest.mark.parametrize("version", range(1, migrations.latest_version(MIGRATIONS)))
def test_migration_from_each_earlier_version_keeps_the_data(tmp_path, version):
    db = tmp_path / "old.db"
    ids = _old_database(db, version)
    s = open_store(db)
    svc = build_services(s)
    assert s.scalar("PRAGMA user_version") == migrations.latest_version(MIGRATIONS)
    assert (tmp_path / f"old.db.v{version}.bak").exists()
    assert svc.incidents.get("INC1").title == "宝山区仓库火灾"
    assert [e.id for e in reversed(svc.log.entries())] == ids
    assert len(svc.log.search("宝山消防")) == 3
    assert svc.log.verify() == (3, None)
    assert s.site == "OLDSITE"
    e = svc.log.append(Category.OTHER, "升级后的新条目").value
    assert e.prev_hash != GENESIS
    s.close()


def test_a_newer_schema_than_the_program_is_refused(db_path):
    open_store(db_path).close()
    raw = sqlite3.connect(db_path)
    raw.execute("PRAGMA user_version = 999")
    raw.close()
    with pytest.raises(StoreUnavailable, match="newer"):
        open_store(db_path)


@pytest.mark.parametrize("version", [-1, -7])
def test_a_negative_schema_version_is_damage_not_a_reason_to_migrate_again(db_path, version):
    open_store(db_path).close()
    raw = sqlite3.connect(db_path)
    raw.execute(f"PRAGMA user_version = {version}")
    raw.close()
    with pytest.raises(StoreUnavailable) as err:
        open_store(db_path)
    assert err.value.kind == "bad_schema"
    raw = sqlite3.connect(db_path)
    assert raw.execute("PRAGMA user_version").fetchone()[0] == version  # nothing re-ran
    raw.close()
