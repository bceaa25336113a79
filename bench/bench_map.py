"""Map under load: N units each moving once a second, pushed through MapView.update_items.

Figures (targets from the issue): GUI responsiveness as the p99 lateness of a 10 ms timer
(<= 50 ms), page-side latency from t_sent (stamped here, carried through the bridge) to the end
of the animation frame that painted the new position, p95 (<= 300 ms), and memory of the whole
process tree incl. QtWebEngine's helpers: RSS summed over the processes (<= 600 MB; counts the
shared Qt/Chromium libraries once per process) and PSS summed (shared pages split, the fairer
total). Each unit count runs in a fresh child process so memory figures do not bleed into each
other. The process runs with the flags register_url_schemes() sets, as the app does.

    python bench/bench_map.py [--seconds 20] [--units 5000 20000]
"""
from __future__ import annotations

import argparse
import json
import math
import os
import random
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
RESULTS = ROOT / "bench" / "results" / "map.json"
TICK_MS = 100
PROBE_MS = 10


def _percentile(values: list[float], q: float) -> float | None:
    if not values:
        return None
    s = sorted(values)
    return s[min(len(s) - 1, max(0, math.ceil(q / 100 * len(s)) - 1))]


def _tree_memory_mb(root_pid: int) -> tuple[float, float, dict[str, float]]:
    """(sum of RSS, sum of PSS, PSS by process type) over the process and its descendants, in MB."""
    children: dict[int, list[int]] = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat") as fh:
                ppid = int(fh.read().rsplit(")", 1)[1].split()[1])
        except (OSError, IndexError, ValueError):
            continue
        children.setdefault(ppid, []).append(int(entry))
    rss = pss = 0
    by_type: dict[str, float] = {}
    stack = [root_pid]
    while stack:
        pid = stack.pop()
        stack.extend(children.get(pid, []))
        try:
            with open(f"/proc/{pid}/cmdline", "rb") as fh:
                args = fh.read().split(b"\0")
            kind = next((a[7:].decode() for a in args if a.startswith(b"--type=")), "python")
            if kind == "zygote" and pid != root_pid:
                # Renderers and the GPU process are forked from the zygote and keep its command line.
                kind = "zygote-child" if children.get(pid) is None else "zygote"
            p_rss = p_pss = 0
            with open(f"/proc/{pid}/smaps_rollup") as fh:
                for line in fh:
                    if line.startswith("Rss:"):
                        p_rss = int(line.split()[1])
                    elif line.startswith("Pss:"):
                        p_pss = int(line.split()[1])
        except OSError:
            continue
        rss += p_rss
        pss += p_pss
        by_type[kind] = round(by_type.get(kind, 0.0) + p_pss / 1024, 1)
    return rss / 1024, pss / 1024, by_type


# PySide6 6.12.0 on Python < 3.12 drops one reference to True on every Signal.emit(); after a few
# hundred emits the interpreter aborts ("bool_dealloc"). Extra references keep this benchmark
# alive until the pin in pyproject.toml lands (see the map report).
_TRUE_REFS = [True] * 1_000_000 if sys.version_info < (3, 12) else []


def _child(n_units: int, seconds: float) -> dict:
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from console.map.schemes import register_url_schemes

    register_url_schemes()
    from PySide6.QtCore import QElapsedTimer, QTimer
    from PySide6.QtWidgets import QApplication

    from console.views.map_view import MapView

    app = QApplication(sys.argv[:1])
    rng = random.Random(7)
    units = []
    for i in range(n_units):
        units.append({
            "id": f"u{i}", "callsign": f"U{i:05d}", "type": "fire_engine", "status": "available",
            "lat": 30.9 + rng.random() * 0.6, "lon": 121.1 + rng.random() * 0.75,
            "heading": rng.random() * 360, "speed_kmh": 36.0, "updated_at": "2024-01-01T00:00:00Z",
        })
    view = MapView()
    view.resize(1400, 900)
    view.show()
    t0 = time.monotonic()
    view.set_snapshot({"units": units})

    lateness: list[float] = []
    latency: list[float] = []
    state: dict = {"ready_s": None, "mode": None, "rss": 0.0, "pss": 0.0}
    clock = QElapsedTimer()
    clock.start()
    last = [0]

    def probe() -> None:
        now = clock.elapsed()
        lateness.append(max(0.0, now - last[0] - PROBE_MS))
        last[0] = now

    cursor = [0]
    per_tick = max(1, n_units * TICK_MS // 1000)

    def move() -> None:
        now = time.time()
        batch = []
        for _ in range(per_tick):
            i = cursor[0]
            cursor[0] = (i + 1) % n_units
            u = units[i]
            h = math.radians(u["heading"])
            u = {**u, "lat": u["lat"] + 9e-5 * math.cos(h), "lon": u["lon"] + 1.05e-4 * math.sin(h),
                 "heading": (u["heading"] + rng.uniform(-10, 10)) % 360, "t_sent": now}
            units[i] = u
            batch.append(u)
        view.update_items("units", batch)

    def drain() -> None:
        view.run_js_query("ICC.takeLatency()", lambda v: latency.extend(v or []))

    timers = []
    for interval, slot in ((PROBE_MS, probe), (TICK_MS, move), (2000, drain)):
        t = QTimer()
        t.setInterval(interval)
        t.timeout.connect(slot)
        timers.append(t)

    def on_ready() -> None:
        state["ready_s"] = time.monotonic() - t0
        last[0] = clock.elapsed()
        for t in timers:
            t.start()
        QTimer.singleShot(int(seconds * 1000), finish)

    def finish() -> None:
        for t in timers:
            t.stop()
        state["rss"], state["pss"], state["pss_by_type"] = _tree_memory_mb(os.getpid())
        drain()
        view.run_js_query("ICC.debug.unitMode()", lambda v: state.update(mode=v))
        # One more moment lets the last latency samples come back before the loop ends.
        QTimer.singleShot(1500, app.quit)

    view.ready.connect(on_ready)
    QTimer.singleShot(int((seconds + 120) * 1000), app.quit)
    app.exec()
    view.close()
    if state["ready_s"] is None:
        return {"units": n_units, "error": "map not ready within 120 s"}
    rss, pss, ready_s = state["rss"], state["pss"], state["ready_s"]
    mode = [state["mode"]]
    return {
        "units": n_units,
        "seconds": seconds,
        "ready_s": round(ready_s, 2),
        "probe_p50_late_ms": _percentile(lateness, 50),
        "probe_p99_late_ms": _percentile(lateness, 99),
        "probe_samples": len(lateness),
        "latency_p50_ms": _percentile(latency, 50),
        "latency_p95_ms": _percentile(latency, 95),
        "latency_samples": len(latency),
        "expected_updates": int(n_units * seconds),
        "rss_tree_mb": round(rss, 1),
        "pss_tree_mb": round(pss, 1),
        "pss_by_process_mb": state.get("pss_by_type"),
        "unit_mode": mode[0] if mode else None,
        "targets": {"probe_p99_late_ms": 50, "latency_p95_ms": 300, "rss_tree_mb": 600},
    }


def run(seconds: float = 20.0, unit_counts: tuple[int, ...] = (5000, 20000)) -> dict:
    results = []
    for n in unit_counts:
        proc = subprocess.run(
            [sys.executable, __file__, "--child", "--units", str(n), "--seconds", str(seconds)],
            capture_output=True, text=True, cwd=ROOT, timeout=seconds + 300,
        )
        lines = [ln for ln in proc.stdout.splitlines() if ln.startswith("{")]
        if not lines:
            results.append({"units": n, "error": proc.stderr[-2000:]})
        else:
            results.append(json.loads(lines[-1]))
    out = {"bench": "map", "runs": results}
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(json.dumps(out, indent=2), encoding="utf-8")
    return out


def main() -> int:
    parser = argparse.ArgumentParser(description="map load benchmark")
    parser.add_argument("--seconds", type=float, default=20.0)
    parser.add_argument("--units", type=int, nargs="+", default=[5000, 20000])
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        print(json.dumps(_child(args.units[0], args.seconds)), flush=True)
        # Skip interpreter teardown: with the PySide6 6.12.0 refcount bug (above) it aborts.
        os._exit(0)
    out = run(args.seconds, tuple(args.units))
    print(json.dumps(out, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
