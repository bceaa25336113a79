"""Monitoring figures, measured on a real SQLite file with the real Trends area (offscreen Qt).

1. 500 sensors at 1 Hz for --seconds (60 by default): readings arrive spread over each second and
   are ingested in 200 ms batches, then published to the Trends area (8 sensors shown) as the app
   does. Ingest CPU is this thread's CPU time inside SensorService.ingest over the wall time;
   reading-to-trend delay is from a reading's timestamp to the moment the Trends area holds it.
2. 20 series x 7 days at one reading a minute in the Trends area (7 d preset): the time of one pan
   step and the frame it paints (p95 over 60 steps), wall clock and CPU.
3. Opening one series of 1,000,000 raw readings, click to drawn: ticked with 7 d shown, then its whole
   history; and, for comparison, every raw reading read from the store and set on the plot.

    python bench/bench_sensors.py [--seconds 60]   -> prints figures, writes bench/results/sensors.json
"""
from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

SENSORS = 500
BATCH_S = 0.2
SHOWN = 8


def p95(xs: list[float]) -> float:
    return statistics.quantiles(xs, n=20)[-1] if len(xs) >= 20 else max(xs)


def _setup(tmp: Path, n: int):
    from console.domain.thresholds import default_thresholds
    from console.services import build_services
    from console.store.database import open_store

    store = open_store(tmp / "bench.db")
    svc = build_services(store)
    for i in range(n):
        svc.sensors.register(f"b{i:04d}", f"gauge {i}", "water_level", 31.0 + i / 1000, 121.4,
                             thresholds=default_thresholds("water_level", 50.0))
    return store, svc


def live(seconds: float) -> dict:
    from PySide6.QtWidgets import QApplication

    from console.services.sensors import Reading
    from console.shell.operations import Operations
    from console.views.trends_view import make_trends_area

    app = QApplication.instance() or QApplication([])
    with tempfile.TemporaryDirectory() as d:
        store, svc = _setup(Path(d), SENSORS)
        ops = Operations()
        view = make_trends_area(svc.sensors, ops, store.clock)
        view.resize(1200, 700)
        view.show()
        shown = [f"b{i:04d}" for i in range(SHOWN)]
        delays: list[float] = []
        arrived: dict[str, float] = {}

        def seen(ch) -> None:  # after the view's own handler: the readings are in its data now
            now = time.time()
            for sid in ch.readings & set(shown):
                ts = view.data[sid][0]
                delays.extend(now - t for t in ts[ts > arrived.get(sid, 0.0)])
                arrived[sid] = float(ts[-1]) if len(ts) else 0.0

        for sid in shown:
            view.show_sensor(sid)
        ops.changed.connect(seen)
        ingest_cpu = 0.0
        start = time.time()
        next_batch = start + BATCH_S
        last_t = start
        k = 0
        while time.time() - start < seconds:
            time.sleep(max(0.0, next_batch - time.time()))
            now = time.time()
            # Every sensor reads once a second, at its own phase within the second; below its lines
            # (a river on a calm night), except that b0000 crosses blue now and then.
            batch = [Reading(f"b{i:04d}", t, (36.0 if i else 40.0) + 3 * ((sec // 7 + i) % 3) / 2)
                     for sec in range(int(last_t), int(now) + 1) for i in range(SENSORS)
                     if last_t < (t := sec + i / SENSORS) <= now]
            last_t = now
            c0 = time.thread_time()
            res = svc.sensors.ingest(batch)
            ingest_cpu += time.thread_time() - c0
            ops.publish(res.changes)
            app.processEvents()
            next_batch += BATCH_S
            k += 1
        wall = time.time() - start
        readings = store.scalar("SELECT count(*) FROM readings")
        view.close()
        store.close()
    return {"sensors": SENSORS, "seconds": round(wall, 1), "readings": readings,
            "ingest_cpu_pct_of_one_core": round(100 * ingest_cpu / wall, 2),
            "reading_to_trend_p95_s": round(p95(delays), 3), "reading_to_trend_max_s": round(max(delays), 3)}


N_1M = 1_000_000
# The history data set takes minutes to ingest through the service; it is built once and kept here
# (bench/results is not committed). Delete it after a change to how readings are stored.
HISTORY_DB = Path(__file__).parent / "results" / "sensors_history_v1.db"


def _history_data() -> dict:
    """20 series x 7 days at one reading a minute (b0000..b0019) and one series of 1,000,000 raw
    readings at 1 Hz (b0020), all ending at the same minute, ingested through the SensorService."""
    import numpy as np

    from console.services.sensors import Reading

    out: dict = {}
    if HISTORY_DB.exists():
        return out
    HISTORY_DB.parent.mkdir(exist_ok=True)
    with tempfile.TemporaryDirectory() as d:
        store, svc = _setup(Path(d), 21)
        end = float(int(store.clock.now().timestamp()) // 60 * 60)
        t0 = time.perf_counter()
        for i in range(20):
            svc.sensors.ingest([Reading(f"b{i:04d}", end - k * 60, 40 + 8 * np.sin(k / (50 + i)) + (k % 7) / 10)
                                for k in range(7 * 1440)])
        out["ingest_20x7d_s"] = round(time.perf_counter() - t0, 2)
        t0 = time.perf_counter()
        chunk = 100_000
        for c in range(0, N_1M, chunk):
            svc.sensors.ingest([Reading("b0020", end - N_1M + k, 40 + (k % 3600) / 360)
                                for k in range(c, c + chunk)])
        out["ingest_1m_s"] = round(time.perf_counter() - t0, 1)
        store.conn.execute("VACUUM INTO ?", (str(HISTORY_DB),))
        store.close()
    return out


def _pan(app, vb, vp) -> tuple[list[float], list[float]]:
    """60 pan steps of 2 % of the width, each timed from the range change to its frame painted."""
    times, cpu = [], []
    for step in range(60):
        app.processEvents()  # what is pending from the last step, outside the timing
        (x0, x1), _ = vb.viewRange()
        shift = (x1 - x0) * (0.02 if step < 30 else -0.02)
        c0, t0 = time.thread_time(), time.perf_counter()
        vb.setXRange(x0 + shift, x1 + shift, padding=0)  # one pan step and the frame it paints
        vp.repaint()
        times.append((time.perf_counter() - t0) * 1000)
        cpu.append((time.thread_time() - c0) * 1000)
    return times, cpu


def history() -> dict:
    import shutil
    from datetime import UTC, datetime

    from PySide6.QtWidgets import QApplication

    from console.domain.clock import FakeClock
    from console.services import build_services
    from console.shell.operations import Operations
    from console.store.database import open_store
    from console.views.trends_view import Loaded, make_trends_area

    app = QApplication.instance() or QApplication([])
    out = _history_data()
    with tempfile.TemporaryDirectory() as d:
        shutil.copy(HISTORY_DB, Path(d) / "bench.db")
        store = open_store(Path(d) / "bench.db")
        svc = build_services(store)
        end = float(store.scalar("SELECT max(read_at) FROM sensors"))
        clock = FakeClock()
        clock.set(datetime.fromtimestamp(end, UTC))
        view = make_trends_area(svc.sensors, Operations(), clock)
        view.resize(1280, 720)
        view.show()
        t0 = time.perf_counter()
        view.set_span(7 * 86400)
        for i in range(20):
            view.show_sensor(f"b{i:04d}")
        app.processEvents()
        out["open_20x7d_s"] = round(time.perf_counter() - t0, 2)
        out["points_shown"] = int(sum(len(ts) for ts, _ in view.data.values()))
        vb = view.plot.getViewBox()
        vp = view.plot.viewport()
        times, cpu = _pan(app, vb, vp)
        out["pan_frame_p95_ms"] = round(p95(times), 1)
        out["pan_frame_median_ms"] = round(statistics.median(times), 1)
        out["pan_frame_cpu_p95_ms"] = round(p95(cpu), 1)  # CPU time: less skewed by a busy machine
        # The same pan with every minute reading of the twenty series on the plot (~200,000 points),
        # thinned only by the plot's own clip-to-view and peak downsampling, not by the rollups.
        (x0, x1), _ = vb.viewRange()
        for i in range(20):
            ts, vs = svc.sensors.series(f"b{i:04d}", x0 - 86400, x1 + 86400, resolution="raw")
            view.set_series(f"b{i:04d}", ts, vs)
            # what it holds serves the whole pan: the view must not read the rollups back instead
            view.loaded[f"b{i:04d}"] = Loaded("raw", x0 - 86400, x1 + 86400, x1 - x0)
        view.set_live(False)
        out["pan_full_points"] = int(sum(len(ts) for ts, _ in view.data.values()))
        times, cpu = _pan(app, vb, vp)
        out["pan_full_frame_p95_ms"] = round(p95(times), 1)
        out["pan_full_frame_median_ms"] = round(statistics.median(times), 1)
        out["pan_full_frame_cpu_p95_ms"] = round(p95(cpu), 1)
        out["load_average"] = os.getloadavg()[0]
        # 3. one series of 1,000,000 raw readings (1 Hz for 11.6 days), from click to drawn
        n = N_1M
        for i in range(20):
            view._remove(f"b{i:04d}")
        c0, t0 = time.thread_time(), time.perf_counter()
        view.show_sensor("b0020")  # ticked in the list, 7 d shown
        vp.repaint()
        app.processEvents()
        out["open_1m_click_7d_s"] = round(time.perf_counter() - t0, 3)
        c0, t0 = time.thread_time(), time.perf_counter()
        view.show_range(end - n, end)  # its whole history
        vp.repaint()
        app.processEvents()
        out["open_1m_whole_s"] = round(time.perf_counter() - t0, 3)
        out["open_1m_whole_cpu_s"] = round(time.thread_time() - c0, 3)
        out["open_1m_whole_points"] = len(view.data["b0020"][0])
        # Every reading read and handed to the plot (what the area never asks for at this span)
        c0, t0 = time.thread_time(), time.perf_counter()
        ts, vs = svc.sensors.series("b0020", end - n - 1, end, resolution="raw")
        view.set_series("b0020", ts, vs)
        vb.setXRange(end - n, end, padding=0)
        vp.repaint()
        app.processEvents()
        out["open_1m_raw_s"] = round(time.perf_counter() - t0, 2)
        out["open_1m_raw_cpu_s"] = round(time.thread_time() - c0, 2)
        out["open_1m_points"] = len(ts)
        t0 = time.perf_counter()
        view.set_span(7 * 86400)  # the view's own path: a week from the minute rollups
        vp.repaint()
        app.processEvents()
        out["open_1m_series_7d_preset_s"] = round(time.perf_counter() - t0, 2)
        view.close()
        store.close()
    return out


def run(seconds: float = 60.0) -> dict:
    return {"live": live(seconds), "history": history()}


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--seconds", type=float, default=60.0)
    ap.add_argument("--only", choices=("live", "history"))
    args = ap.parse_args()
    res = {"live": live(args.seconds)} if args.only == "live" else (
        {"history": history()} if args.only == "history" else run(args.seconds))
    print(json.dumps(res, indent=1))
    out = Path(__file__).parent / "results"
    out.mkdir(exist_ok=True)
    (out / "sensors.json").write_text(json.dumps(res, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
