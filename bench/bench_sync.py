"""Sync figures: a two-day offline backlog of changes applied on reconnect (against plain SQLite
inserting the same change rows, in the same run), bytes per change in a compressed signed bundle,
and the thin-link frame size for one unit's position and status.

The backlog is built once; each run applies it to a fresh copy of the receiving database while the
main thread plays the window: it writes a duty-log entry every 100 ms and otherwise ticks every
millisecond, so the longest gap between its ticks is the longest the window would have stalled.

    python bench/bench_sync.py [--changes 100000] [--runs 3]
"""
from __future__ import annotations

import json
import random
import shutil
import sqlite3
import statistics
import sys
import tempfile
import threading
import time
from datetime import timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from console.domain.clock import FakeClock  # noqa: E402
from console.domain.duty_log import Category  # noqa: E402
from console.domain.intake import IntakeForm  # noqa: E402
from console.services import build_services  # noqa: E402
from console.services.duty_log import DutyLogService  # noqa: E402
from console.services.sync import SyncService  # noqa: E402
from console.store.database import open_store  # noqa: E402
from console.store.errors import StoreUnavailable  # noqa: E402
from console.sync.thinlink import UnitPosition, encode_position  # noqa: E402

VERBS = ["到达现场", "报告位置", "请求增援", "已疏散群众", "完成排查", "返回驻地", "续报伤亡情况"]
TICK_S = 0.001
WRITE_EVERY_S = 0.1  # an operator acting ten times a second, every act a committed write


def _backlog(svc, clock: FakeClock, target: int, rng: random.Random) -> None:
    """Two days at a command post: units moving, a busy duty log, incidents opening and changing."""
    s = svc.store
    with s.transaction():
        units = [s.new_id() for _ in range(300)]
        for i, uid in enumerate(units):
            s.insert("units", {"id": uid, "callsign": f"沪消-{i:03d}", "type": "fire_engine", "status": "available",
                               "lat": 31.2, "lon": 121.4, "issi": str(100000 + i)})
        incidents = []
        for i in range(400):
            form = IntakeForm(title=f"事件{i}", klass="accident", level=str(rng.randint(1, 4)), lat="31.2",
                              lon="121.4", source="119")
            incidents.append(svc.incidents.intake(form).value.id)
        while s.scalar("SELECT count(*) FROM changes") < target:
            clock.advance(seconds=20)
            for _ in range(8):
                svc.log.append(Category.OTHER, f"沪消-{rng.randint(1, 300):03d} {rng.choice(VERBS)}",
                               incident_id=rng.choice(incidents))
            moved = rng.sample(units, 30)
            s.update_many("units", ("lat", "lon", "position_at"),
                          [(u, (round(31.2 + rng.random() / 10, 6), round(121.4 + rng.random() / 10, 6),
                                clock.now().isoformat())) for u in moved])


def _plain_insert(rows: list[tuple], path: Path) -> float:
    """The same change rows into a bare table, one transaction: what SQLite alone costs here."""
    path.unlink(missing_ok=True)
    conn = sqlite3.connect(str(path), isolation_level=None)
    conn.execute("PRAGMA journal_mode = WAL")
    conn.execute("PRAGMA synchronous = FULL")
    conn.execute("CREATE TABLE changes (seq INTEGER PRIMARY KEY, tbl TEXT, row_id TEXT, cols TEXT, hlc TEXT, site TEXT)")
    t0 = time.perf_counter()
    conn.execute("BEGIN")
    conn.executemany("INSERT INTO changes(tbl, row_id, cols, hlc, site) VALUES (?, ?, ?, ?, ?)", rows)
    conn.execute("COMMIT")
    elapsed = time.perf_counter() - t0
    conn.close()
    return elapsed


def _apply_beside_a_window(db: Path, clock, bundle: bytes) -> dict:
    """The app's way: the bundle applies on a worker thread with its own connection while the window
    thread keeps ticking and writing on its connection."""
    window_store = open_store(db, clock)
    window = build_services(window_store)
    worker_store = open_store(db, clock)
    worker = SyncService(worker_store, DutyLogService(worker_store))
    out: dict = {}

    def apply() -> None:
        cpu0 = time.thread_time()
        t0 = time.perf_counter()
        out["report"] = worker.import_bytes(bundle).value
        out["wall"], out["cpu"] = time.perf_counter() - t0, time.thread_time() - cpu0

    thread = threading.Thread(target=apply)
    thread.start()
    waits, refused, stall = [], 0, 0.0
    last_write = last_tick = time.perf_counter()
    while thread.is_alive():
        now = time.perf_counter()
        if now - last_write >= WRITE_EVERY_S:
            try:
                window.log.append(Category.OTHER, "窗口写入")
            except StoreUnavailable:
                refused += 1  # waited the whole busy timeout: the write failed "locked"
            last_write = time.perf_counter()
            waits.append(last_write - now)
        time.sleep(TICK_S)
        now = time.perf_counter()
        stall = max(stall, now - last_tick - TICK_S)
        last_tick = now
    thread.join()
    worker_store.close()
    assert window.log.verify()[1] is None
    window_store.close()
    waits.sort()
    return {"wall": out["wall"], "cpu": out["cpu"], "report": out["report"], "writes": len(waits),
            "write_max": waits[-1] if waits else 0.0, "refused": refused, "stall": stall}


def _spread(values: list[float], digits: int = 2) -> dict:
    return {"median": round(statistics.median(values), digits), "min": round(min(values), digits),
            "max": round(max(values), digits)}


def run(changes: int = 100_000, runs: int = 3) -> dict:
    rng = random.Random(7)
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        clock_a = FakeClock()
        clock_a.advance(days=-2)
        a = open_store(folder / "field.db", clock_a)
        svc_a = build_services(a)
        sync_a = SyncService(a, svc_a.log)
        _backlog(svc_a, clock_a, changes, rng)
        clock_b = FakeClock(clock_a.now() + timedelta(seconds=30))
        b = open_store(folder / "centre.db", clock_b)
        sync_b = SyncService(b, build_services(b).log)
        sync_a.trust(b.site, sync_b.identity()["public_key"])
        sync_b.trust(a.site, sync_a.identity()["public_key"])
        t0 = time.perf_counter()
        bundle = sync_a.export_batch(b.site).value
        export_s = time.perf_counter() - t0
        n = a.scalar("SELECT count(*) FROM changes")
        rows = a.conn.execute("SELECT tbl, row_id, cols, hlc, site FROM changes ORDER BY seq").fetchall()
        a.close()
        b.close()
        figures = []
        for i in range(runs):
            db = folder / f"centre-{i}.db"
            shutil.copy(folder / "centre.db", db)
            shutil.copy(folder / "centre.db.sitekey", folder / f"centre-{i}.db.sitekey")
            got = _apply_beside_a_window(db, clock_b, bundle)
            assert got["report"].applied == n, (got["report"], n)
            got["plain"] = _plain_insert(rows, folder / "plain.db")
            figures.append(got)
    frame = encode_position(UnitPosition(1_234_567, "on_scene", 31.230416, 121.473701, 43_210), b"k" * 32)
    return {
        "changes": n,
        "runs": runs,
        "apply_s": _spread([f["wall"] for f in figures]),
        "apply_cpu_s": _spread([f["cpu"] for f in figures]),
        "apply_target_s": 10,
        "plain_sqlite_insert_s": _spread([f["plain"] for f in figures], 3),
        "apply_vs_plain_ratio": _spread([f["wall"] / f["plain"] for f in figures], 1),
        "gui_stall_max_ms": _spread([f["stall"] * 1000 for f in figures], 1),
        "gui_stall_target_ms": 50,
        "window_write_max_ms": _spread([f["write_max"] * 1000 for f in figures], 1),
        "window_writes": sum(f["writes"] for f in figures),
        "window_writes_refused_locked": sum(f["refused"] for f in figures),
        "export_s": round(export_s, 2),
        "bundle_bytes": len(bundle),
        "bytes_per_change": round(len(bundle) / n, 1),
        "bytes_per_change_target": 60,
        "thin_link_position_frame_bytes": len(frame),
        "thin_link_target_bytes": 20,
    }


def _arg(name: str, default: int) -> int:
    return int(sys.argv[sys.argv.index(name) + 1]) if name in sys.argv else default


if __name__ == "__main__":
    print(json.dumps(run(_arg("--changes", 100_000), _arg("--runs", 3)), indent=1))
