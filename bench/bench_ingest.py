"""End-to-end ingest: 8 simulated ports at full line rate (115200 baud) into a seeded SQLite store.

Latency is from the moment the simulator's write into the pty returned to the COMMIT that moved the
unit (CLOCK_MONOTONIC is shared by processes on Linux, so the simulators run in a child process and
do not steal this process's CPU or GIL). CPU is this process's user+system time over the run: reader
threads, framing, parsing, the drain tick and SQLite together.

    python bench/bench_ingest.py [--seconds 20]     -> prints figures, writes bench/results/ingest.json
"""
from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from collections import defaultdict, deque
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

LINE_RATE_BPS = 115200 // 10  # 8N1: ten bits on the wire per byte
PORTS = (("tetra", 4), ("beidou", 4))
UNITS_PER_PORT = 5
WARMUP_S = 1.5


def _rate_hz(protocol: str, identities: list[str]) -> float:
    from console.devices.simulator import Traffic

    t = Traffic(protocol, identities=identities, seed=1)
    n = 2000
    return LINE_RATE_BPS / (sum(len(t.tick()) for _ in range(n)) / n)


def child(spec_path: str) -> None:
    """Runs the simulators; prints 'ready', waits for 'stop' on stdin, dumps what it wrote."""
    from console.devices.simulator import Simulator

    spec = json.loads(Path(spec_path).read_text())
    sims = []
    for p in spec["ports"]:
        sim = Simulator(p["protocol"], rate_hz=p["rate_hz"], identities=p["identities"], link=p["link"],
                        seed=p["seed"], record=True, emergency_rate=0.0)
        sims.append(sim)
    for s in sims:
        s.start()
    print("ready", flush=True)
    sys.stdin.readline()
    for s in sims:
        s.pause()
    out = {p["link"]: [(t, d.hex()) for t, d in s.sent] for p, s in zip(spec["ports"], sims, strict=True)}
    for s in sims:
        s.stop()
    Path(spec["out"]).write_text(json.dumps(out))
    print("done", flush=True)


def _thread_cpu() -> dict[str, float]:
    """CPU seconds of the GUI (main) thread and of all other threads (serial readers), from /proc."""
    tick = os.sysconf("SC_CLK_TCK")
    main = other = 0.0
    for task in Path("/proc/self/task").iterdir():
        try:
            fields = (task / "stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        cpu = (int(fields[11]) + int(fields[12])) / tick
        if int(task.name) == os.getpid():
            main += cpu
        else:
            other += cpu
    return {"main": main, "other": other}


def run(seconds: float = 15.0) -> dict:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import QCoreApplication, QTimer

    from console.devices.beidou import BeidouParser
    from console.devices.tetra import TetraParser
    from console.orchestration.manager import build_device_manager
    from console.services import build_services
    from console.services.seed import load_seed
    from console.store.database import open_store

    app = QCoreApplication.instance() or QCoreApplication([sys.argv[0]])
    tmp = Path(tempfile.mkdtemp(prefix="bench-ingest-"))
    store = open_store(tmp / "bench.db")
    svc = build_services(store)
    load_seed(store, svc.incidents, svc.log)
    units = sorted(svc.resources.units(), key=lambda u: u["id"])
    ports, k = [], 0
    for protocol, count in PORTS:
        field = "issi" if protocol == "tetra" else "beidou_id"
        for i in range(count):
            ids = [u[field] for u in units[k : k + UNITS_PER_PORT]]
            k += UNITS_PER_PORT
            ports.append({"protocol": protocol, "identities": ids, "link": str(tmp / f"tty{protocol}{i}"),
                          "seed": k, "rate_hz": _rate_hz(protocol, ids)})
    spec = {"ports": ports, "out": str(tmp / "sent.json")}
    (tmp / "spec.json").write_text(json.dumps(spec))
    proc = subprocess.Popen([sys.executable, __file__, "--child", str(tmp / "spec.json")], stdin=subprocess.PIPE,
                            stdout=subprocess.PIPE, text=True, cwd=ROOT, env={**os.environ, "PYTHONPATH": str(ROOT)})
    assert proc.stdout is not None and proc.stdin is not None
    assert proc.stdout.readline().strip() == "ready"

    mgr = build_device_manager(store, svc, lambda changes: None)
    dev_of = {}
    for p in ports:
        cfg, _ = mgr.add_device(p["link"], p["link"], p["protocol"])
        dev_of[cfg.id] = p
        mgr.connect_device(cfg.id)
    commits: list[tuple[str, bytes, float]] = []

    def on_commit(res) -> None:
        for f in res.records:
            if f.direction == "in" and any(e.kind == "position" and getattr(e, "fix", False) for e in f.events):
                commits.append((f.device_id, f.raw.strip(), res.committed_at))

    apply = mgr.ingest.apply

    def timed_apply(frames, updates=()):  # every tick's stored result, as it leaves the transaction
        res = apply(frames, updates)
        on_commit(res)
        return res

    mgr.ingest.apply = timed_apply
    mgr.start()
    t0 = time.monotonic()
    ru0 = resource.getrusage(resource.RUSAGE_SELF)
    th0 = _thread_cpu()
    QTimer.singleShot(int(seconds * 1000), app.quit)
    app.exec()
    ru1 = resource.getrusage(resource.RUSAGE_SELF)
    th1 = _thread_cpu()
    wall = time.monotonic() - t0
    proc.stdin.write("stop\n")
    proc.stdin.flush()
    assert proc.stdout.readline().strip() == "done"
    proc.wait(30)
    mgr.shutdown()
    sent = json.loads(Path(spec["out"]).read_text())
    written: dict[tuple[str, bytes], deque] = defaultdict(deque)
    sent_bytes = {}
    for dev_id, p in dev_of.items():
        parser = TetraParser() if p["protocol"] == "tetra" else BeidouParser()
        total = 0
        for t, hexdata in sent[p["link"]]:
            data = bytes.fromhex(hexdata)
            total += len(data)
            for fr in parser.feed_frames(data):
                written[(dev_id, fr.raw.strip())].append(t)
        chunks = sent[p["link"]]
        span = (chunks[-1][0] - chunks[0][0]) if len(chunks) > 1 else 1.0
        sent_bytes[p["link"]] = total / span
    lat = []
    for dev_id, raw, t_commit in commits:
        q = written.get((dev_id, raw))
        if not q:
            continue
        t_write = q.popleft()
        if t_write - t0 > WARMUP_S:
            lat.append((t_commit - t_write) * 1000)
    lat.sort()
    cpu = (ru1.ru_utime - ru0.ru_utime) + (ru1.ru_stime - ru0.ru_stime)
    frames = store.scalar("SELECT count(*) FROM device_frames WHERE direction = 'in'")
    errors = store.scalar("SELECT count(*) FROM device_frames WHERE error = 1")
    result = {
        "ports": len(ports), "seconds": round(wall, 2),
        "line_rate_bytes_per_s_target": LINE_RATE_BPS,
        "line_rate_bytes_per_s_achieved_median": round(statistics.median(sent_bytes.values())),
        "frames_stored": frames, "frames_per_s": round(frames / wall), "error_frames": errors,
        "positions_measured": len(lat),
        "latency_ms_p50": round(lat[len(lat) // 2], 1) if lat else None,
        "latency_ms_p99": round(lat[int(len(lat) * 0.99)], 1) if lat else None,
        "latency_ms_max": round(lat[-1], 1) if lat else None,
        "cpu_percent_of_one_core": round(100 * cpu / wall, 1),
        "cpu_percent_gui_thread": round(100 * (th1["main"] - th0["main"]) / wall, 1),
        "cpu_percent_reader_threads": round(100 * (th1["other"] - th0["other"]) / wall, 1),
        "targets": {"latency_ms_p99": 100, "cpu_percent_of_one_core": 25},
        "drain_interval_ms": mgr.timer.interval(),
    }
    store.close()
    mgr.deleteLater()
    return result


def main() -> None:
    if len(sys.argv) > 2 and sys.argv[1] == "--child":
        child(sys.argv[2])
        return
    ap = argparse.ArgumentParser()
    ap.add_argument("--seconds", type=float, default=15.0)
    args = ap.parse_args()
    result = run(args.seconds)
    print(json.dumps(result, indent=2, ensure_ascii=False))
    out = ROOT / "bench" / "results" / "ingest.json"
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(result, indent=2, ensure_ascii=False) + "\n")


if __name__ == "__main__":
    main()
