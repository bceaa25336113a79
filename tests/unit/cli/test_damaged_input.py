"""A damaged database, a full disk, read-only media, racing writers, broken pipes: every command
answers in words (no traceback) and loses nothing already stored."""
from __future__ import annotations

import os
import random
import shutil
import subprocess
import sys

import pytest

from console.services import build_services
from console.services.seed import load_seed
from console.store.database import open_store
from tests import ROOT

READS = (["db", "check"], ["log", "verify"], ["log", "tail"], ["log", "search", "泄漏"], ["log", "search", "上海"],
         ["incident", "list"], ["incident", "list", "--json"])
FLIPS_PER_DB = 12
DATABASES = 40


@pytest.fixture(scope="module")
def sample_db(tmp_path_factory):
    path = tmp_path_factory.mktemp("fuzz") / "sample.db"
    store = open_store(path)
    svc = build_services(store)
    load_seed(store, svc.incidents, svc.log)
    store.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    store.close()
    return path


@pytest.mark.allow_warning_logs
def test_flipped_bytes_never_give_a_traceback(run, sample_db, tmp_path):
    data = sample_db.read_bytes()
    commands_run = 0
    for seed in range(DATABASES):
        rng = random.Random(seed)
        damaged = bytearray(data)
        for _ in range(FLIPS_PER_DB):
            i = rng.randrange(100, len(damaged))  # past the header, so SQLite still opens it mostly
            damaged[i] ^= 1 << rng.randrange(8)
        db = tmp_path / f"flip{seed}.db"
        db.write_bytes(bytes(damaged))
        for command in READS:
            code, _, _ = run(*command, "--db", str(db))  # the fixture fails on any traceback
            assert code in (0, 1, 3), (seed, command, code)
            commands_run += 1
    assert commands_run == DATABASES * len(READS)


def _ic(*args: str, cwd=None, **kw) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "console.cli", *args], capture_output=True, text=True, timeout=120,
                          cwd=cwd or ROOT, **kw)


def test_four_concurrent_adds_on_a_new_file_all_succeed(tmp_path, incident_args):
    db = str(tmp_path / "new.db")
    procs = [subprocess.Popen([sys.executable, "-m", "console.cli", "incident", "add", "--db", db, *incident_args],
                              cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True) for _ in range(4)]
    results = [p.communicate(timeout=120) for p in procs]
    assert [p.returncode for p in procs] == [0, 0, 0, 0], [r[1][-300:] for r in results]
    listed = _ic("incident", "list", "--db", db)
    assert listed.stdout.count("燃气泄漏") == 4


def test_piping_into_head_prints_no_traceback(tmp_path):
    db = tmp_path / "a.db"
    store = open_store(db)
    svc = build_services(store)
    load_seed(store, svc.incidents, svc.log)
    store.close()
    for command in (f"log tail --db {db}", f"incident list --json --db {db}", "--help", "decode --protocol nmea"):
        feed = "yes '$GPGGA,1' | head -n 200000 | " if command.startswith("decode") else ""
        out = subprocess.run(["bash", "-c", f"{feed}{sys.executable} -m console.cli {command} | head -n 1"],
                             cwd=ROOT, capture_output=True, text=True, timeout=120)
        assert "Traceback" not in out.stderr and "BrokenPipe" not in out.stderr, (command, out.stderr[-500:])


def test_decode_into_a_full_disk_says_so():
    with open("/dev/full", "w") as full:
        out = subprocess.run(["bash", "-c", f"yes '$GPGGA,1' | head -n 20000 | {sys.executable} -m console.cli "
                              "decode --protocol nmea --lang en"], stdout=full, stderr=subprocess.PIPE,
                             cwd=ROOT, text=True, timeout=120)
    assert out.returncode == 3 and "Traceback" not in out.stderr and "space" in out.stderr


@pytest.fixture
def small_mount(tmp_path):
    """A real file system of 2 MB (tmpfs), to fill up or make read-only; skipped where mounting is
    not allowed."""
    where = tmp_path / "mnt"
    where.mkdir()
    if shutil.which("mount") is None or subprocess.run(["mount", "-t", "tmpfs", "-o", "size=2m", "tmpfs", str(where)],
                                                       capture_output=True).returncode != 0:
        pytest.skip("cannot mount a file system here (not root)")
    try:
        yield where
    finally:
        subprocess.run(["umount", "-l", str(where)], check=True)


def _seeded_in(folder, incident_args) -> str:
    db = str(folder / "c.db")
    assert _ic("incident", "add", "--db", db, *incident_args).returncode == 0
    return db


def test_reads_and_backup_work_on_a_full_disk(small_mount, tmp_path, incident_args):
    db = _seeded_in(small_mount, incident_args)
    with open(small_mount / "filler", "wb") as f:
        try:
            while True:
                f.write(b"\0" * 65536)
                f.flush()
        except OSError:
            pass
    for command in READS:
        out = _ic(*command, "--db", db)
        assert out.returncode in (0, 1) and "Traceback" not in out.stderr, (command, out.stderr)
    assert "燃气泄漏" in _ic("incident", "list", "--db", db).stdout
    backup = tmp_path / "elsewhere.db"
    assert _ic("db", "backup", "--db", db, "--out", str(backup)).returncode == 0
    assert "燃气泄漏" in _ic("incident", "list", "--db", str(backup)).stdout
    write = _ic("incident", "add", "--db", db, *incident_args, "--lang", "en")
    assert write.returncode == 3 and "disk is full" in write.stderr, write.stderr


def test_reads_work_on_read_only_media(small_mount, incident_args):
    db = _seeded_in(small_mount, incident_args)
    subprocess.run(["mount", "-o", "remount,ro", str(small_mount)], check=True)
    for command in READS:
        out = _ic(*command, "--db", db)
        assert out.returncode == 0 and "Traceback" not in out.stderr, (command, out.stderr)
    assert "ok: 1 entries" in _ic("log", "verify", "--db", db).stdout
    write = _ic("incident", "add", "--db", db, *incident_args, "--lang", "en")
    assert write.returncode == 3 and "read-only" in write.stderr, write.stderr
    assert os.listdir(small_mount) == ["c.db"] or "c.db" in os.listdir(small_mount)
