"""Sync figures: a two-day offline backlog of changes applied on reconnect (against plain SQLite
inserting the same change rows), bytes per change in a compressed signed bundle, and the thin-link
frame size for one unit's position and status.

    python bench/bench_sync.py [--changes 100000]
"""
from __future__ import annotations

import json
import random
import sqlite3
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
from console.services.sync import SyncService  # noqa: E402
from console.store.database import open_store  # noqa: E402
from console.store.errors import StoreUnavailable  # noqa: E402
from console.sync.thinlink import UnitPosition, encode_position  # noqa: E402

VERBS = ["到达现场", "报告位置", "请求增援", "已疏散群众", "完成排查", "返回驻地", "续报伤亡情况"]


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


def _plain_insert(rows: list[tuple], folder: Path) -> float:
    conn = sqlite3.connect(str(folder / "plain.db"), isolation_level=None)
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


def _apply_beside_a_window(db: Path, clock, window_svc, bundle: bytes):
    """The app's way: the bundle applies on a worker thread with its own connection while the window
    keeps writing (a duty-log entry every 20 ms on its connection). Returns the apply's wall and CPU
    time, its report, and the longest a window write took (waiting for the worker's chunk to commit)."""
    from console.services.duty_log import DutyLogService

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
    waits, refused = [], 0
    while thread.is_alive():
        t0 = time.perf_counter()
        try:
            window_svc.log.append(Category.OTHER, "窗口写入")
        except StoreUnavailable:
            refused += 1  # waited the whole busy timeout: the write failed "locked"
        waits.append(time.perf_counter() - t0)
        time.sleep(0.02)
    thread.join()
    worker_store.close()
    waits.sort()
    window = {"window_writes": len(waits), "window_write_max_ms": round(waits[-1] * 1000, 1),
              "window_write_p99_ms": round(waits[int(len(waits) * 0.99)] * 1000, 1),
              "window_writes_refused_locked": refused}
    return out["wall"], out["cpu"], out["report"], window


def run(changes: int = 100_000) -> dict:
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
        svc_b = build_services(b)
        sync_b = SyncService(b, svc_b.log)
        sync_a.trust(b.site, sync_b.identity()["public_key"])
        sync_b.trust(a.site, sync_a.identity()["public_key"])
        t0 = time.perf_counter()
        bundle = sync_a.export_batch(b.site).value
        export_s = time.perf_counter() - t0
        n = a.scalar("SELECT count(*) FROM changes")
        apply_s, apply_cpu_s, report, window = _apply_beside_a_window(folder / "centre.db", clock_b, svc_b, bundle)
        assert report.applied == n, (report, n)
        assert svc_b.log.verify()[1] is None
        rows = a.conn.execute("SELECT tbl, row_id, cols, hlc, site FROM changes ORDER BY seq").fetchall()
        plain_s = _plain_insert(rows, folder)
        a.close()
        b.close()
    frame = encode_position(UnitPosition(1_234_567, "on_scene", 31.230416, 121.473701, 43_210), b"k" * 32)
    return {
        "changes": n,
        "apply_s": round(apply_s, 2),
        "apply_cpu_s": round(apply_cpu_s, 2),
        **window,
        "apply_target_s": 10,
        "plain_sqlite_insert_s": round(plain_s, 3),
        "apply_vs_plain_ratio": round(apply_s / plain_s, 1),
        "export_s": round(export_s, 2),
        "bundle_bytes": len(bundle),
        "bytes_per_change": round(len(bundle) / n, 1),
        "bytes_per_change_target": 60,
        "thin_link_position_frame_bytes": len(frame),
        "thin_link_target_bytes": 20,
    }


if __name__ == "__main__":
    count = int(sys.argv[sys.argv.index("--changes") + 1]) if "--changes" in sys.argv else 100_000
    print(json.dumps(run(count), indent=1))
