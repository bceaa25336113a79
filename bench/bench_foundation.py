"""Foundation figures: cold start to an interactive window, durable duty-log appends per second,
and full-text search latency over a large log.

    python bench/bench_foundation.py [--entries 1000000] [--starts 5]
"""
from __future__ import annotations

import json
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

DISTRICTS = ["黄浦区", "徐汇区", "长宁区", "静安区", "普陀区", "虹口区", "杨浦区", "闵行区", "宝山区", "嘉定区",
             "浦东新区", "金山区", "松江区", "青浦区", "奉贤区", "崇明区"]
EVENTS = ["燃气管道泄漏", "下立交积水", "高层住宅火灾", "电梯困人", "建设工地塌方", "危化品槽罐车侧翻",
          "地下车库进水", "树木倒伏压车", "河道水位超警戒", "地铁站大客流"]
VERBS = ["到达现场", "报告位置", "请求增援", "已疏散群众", "完成排查", "返回驻地", "续报伤亡情况", "转报市应急局"]


def _line(rng: random.Random, i: int) -> str:
    return (f"{rng.choice(DISTRICTS)}{rng.choice(EVENTS)}：沪消-{rng.randint(1, 99):02d} {rng.choice(VERBS)}，"
            f"编号 {i}")


def _cpu_s(pid: int) -> float:
    """The process's own CPU time so far (user + system): what a start costs whatever else runs."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def _start_once(cmd: list[str], env: dict, first_only: bool = False) -> tuple[float, float | None, float]:
    """Launch the console as a user would; time its log lines (window ready, map drawn) by this
    clock, then close it with SIGTERM. The console itself carries no timing code."""
    import signal

    from console.app import MAP_DRAWN_MESSAGE, READY_MESSAGE

    t0 = time.perf_counter()
    proc = subprocess.Popen(cmd, env=env, cwd=ROOT, text=True, stdin=subprocess.DEVNULL,
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    assert proc.stderr is not None
    ready = drawn = None
    cpu = 0.0
    for line in proc.stderr:
        if READY_MESSAGE in line and ready is None:
            ready = time.perf_counter() - t0
            cpu = _cpu_s(proc.pid)
        elif MAP_DRAWN_MESSAGE in line and drawn is None:
            drawn = time.perf_counter() - t0
        if ready is not None and (drawn is not None or first_only):
            break
    proc.send_signal(signal.SIGTERM)
    proc.communicate(timeout=60)
    assert ready is not None, "the console never logged that its window was ready"
    return ready, drawn, cpu


def cold_start(starts: int) -> dict:
    """Seconds from process start until the main window is shown with sample data and idle, and
    until the map has drawn."""
    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "start.db"
        env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "XDG_CONFIG_HOME": tmp}
        # An installed console starts from compiled bytecode; the seeding start below writes it.
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        _start_once([sys.executable, "-m", "console.cli", "--db", str(db), "--demo-if-empty"], env,
                    first_only=True)  # seed once
        times, maps, cpus = [], [], []
        for _ in range(starts):
            ready, drawn, cpu = _start_once([sys.executable, "-m", "console.cli", "--db", str(db)], env)
            times.append(ready)
            cpus.append(cpu)
            if drawn is not None:
                maps.append(drawn)
    return {"cold_start_s_median": round(statistics.median(times), 3), "runs": [round(t, 3) for t in times],
            "map_drawn_s_median": round(statistics.median(maps), 3) if maps else None, "target_s": 2.0,
            "cold_start_cpu_s_median": round(statistics.median(cpus), 3), "load_average": os.getloadavg()[0]}


def appends(n: int) -> dict:
    from console.domain.duty_log import Category
    from console.services import build_services
    from console.store.database import open_store

    with tempfile.TemporaryDirectory() as tmp:
        store = open_store(Path(tmp) / "append.db")
        svc = build_services(store)
        rng = random.Random(1)
        texts = [_line(rng, i) for i in range(n)]
        t0 = time.perf_counter()
        for t in texts:
            svc.log.append(Category.COMMS, t)  # one transaction each, fsynced (synchronous=FULL)
        dt = time.perf_counter() - t0
        group = {}
        for size in (10, 50):
            t0 = time.perf_counter()
            for start in range(0, n, size):
                with store.transaction():  # group commit: one fsync for entries that arrive together
                    for t in texts[start:start + size]:
                        svc.log.append(Category.COMMS, t)
            group[f"group_commit_{size}_per_s"] = round(n / (time.perf_counter() - t0))
        sync = store.scalar("PRAGMA synchronous")
        store.close()
        fd = os.open(Path(tmp) / "fsync.probe", os.O_WRONLY | os.O_CREAT)
        t0 = time.perf_counter()
        for _ in range(500):
            os.write(fd, b"x" * 256)
            os.fsync(fd)
        fsync_rate = 500 / (time.perf_counter() - t0)
        os.close(fd)
    return {"durable_appends_per_s": round(n / dt), **group, "raw_fsync_per_s": round(fsync_rate),
            "entries": n, "synchronous": {2: "FULL", 1: "NORMAL"}.get(sync, sync), "journal": "WAL",
            "target_per_s": 2000}


def search(entries: int, queries: int = 200) -> dict:
    from console.domain.duty_log import Category
    from console.services import build_services
    from console.services.duty_log import LogFilter
    from console.store.database import open_store

    with tempfile.TemporaryDirectory() as tmp:
        store = open_store(Path(tmp) / "search.db")
        svc = build_services(store)
        rng = random.Random(2)
        t0 = time.perf_counter()
        batch = 20_000
        for start in range(0, entries, batch):
            with store.transaction():  # bulk load: the appends join one transaction per batch
                for i in range(start, min(entries, start + batch)):
                    svc.log.append(Category.COMMS, _line(rng, i))
        load_s = time.perf_counter() - t0
        words = [w for w in DISTRICTS + EVENTS + VERBS]
        qs = []
        for _ in range(queries):
            w = rng.choice(words)
            a = rng.randrange(0, max(1, len(w) - 1))
            qs.append(w[a:a + rng.choice((2, 3, 4))])
        qs += [f"编号 {rng.randrange(entries)}" for _ in range(queries // 4)]
        lat_view, lat_page = [], []
        for q in qs:
            t = time.perf_counter()
            svc.log.seqs(LogFilter(query=q), limit=1000)  # what the log view runs: the first 1,000 matches
            lat_view.append((time.perf_counter() - t) * 1000)
            t = time.perf_counter()
            svc.log.search(q, limit=200)  # first page of rows
            lat_page.append((time.perf_counter() - t) * 1000)
        size_mb = (Path(tmp) / "search.db").stat().st_size / 1e6
        store.close()

    def p95(xs):
        return round(statistics.quantiles(xs, n=20)[-1], 2)

    return {"entries": entries, "load_s": round(load_s, 1), "db_mb": round(size_mb, 1),
            "search_first_page_ms_p95": p95(lat_page), "search_first_page_ms_median": round(
                statistics.median(lat_page), 2), "search_view_first_1000_ms_p95": p95(lat_view),
            "queries": len(qs), "target_ms_p95": 50}


def run(entries: int = 1_000_000, starts: int = 5) -> dict:
    res = {"cold_start": cold_start(starts), "appends": appends(3000), "search": search(entries)}
    out = ROOT / "bench" / "results"
    out.mkdir(parents=True, exist_ok=True)
    (out / "foundation.json").write_text(json.dumps(res, ensure_ascii=False, indent=1), encoding="utf-8")
    return res


if __name__ == "__main__":
    import argparse

    p = argparse.ArgumentParser()
    p.add_argument("--entries", type=int, default=1_000_000)
    p.add_argument("--starts", type=int, default=5)
    a = p.parse_args()
    print(json.dumps(run(a.entries, a.starts), ensure_ascii=False, indent=1))
