"""Parser throughput on one core, against the line rate of 8 serial ports at 115200 baud.

Run: python bench/bench_parsers.py  (writes bench/results/parsers.json)

Time is this thread's CPU time (time.thread_time), the median of ROUNDS rounds: the figure is
"one core's worth", and on a shared machine wall-clock time also counts the moments other
processes held the core. The wall-clock figure is kept alongside for comparison.
"""
from __future__ import annotations

import json
import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from console.devices.beidou import BeidouParser  # noqa: E402
from console.devices.nmea import NmeaParser  # noqa: E402
from console.devices.simulator import Traffic  # noqa: E402
from console.devices.tetra import TetraParser  # noqa: E402

LINE_RATE = 8 * 11520  # bytes/s: 8 ports, 115200 baud, 10 bits per byte (8N1)
CHUNK = 4096
ROUNDS = 5
CASES = [("nmea", "2.1", NmeaParser), ("tetra", "2.1", TetraParser), ("beidou", "2.1", BeidouParser),
         ("beidou", "4.0", BeidouParser)]


def _stream(protocol: str, dialect: str, ticks: int) -> bytes:
    t = Traffic(protocol, units=8, seed=1, dialect=dialect)
    return b"".join(t.tick() for _ in range(ticks))


def _measure(parser_cls, data: bytes, min_time: float = 0.3) -> tuple[float, float, int]:
    """(CPU seconds per pass over `data`, wall seconds per pass, events per pass), medians of rounds."""
    chunks = [data[i : i + CHUNK] for i in range(0, len(data), CHUNK)]
    cpu_per_run, wall_per_run, frames = [], [], 0
    for _ in range(ROUNDS):
        runs, cpu, wall = 0, 0.0, 0.0
        while cpu < min_time:
            parser = parser_cls()
            c0, w0 = time.thread_time(), time.perf_counter()
            frames = sum(len(parser.feed(c)) for c in chunks)
            cpu += time.thread_time() - c0
            wall += time.perf_counter() - w0
            runs += 1
        cpu_per_run.append(cpu / runs)
        wall_per_run.append(wall / runs)
    return statistics.median(cpu_per_run), statistics.median(wall_per_run), frames


def run() -> dict:
    results: dict = {"line_rate_bytes_per_s": LINE_RATE, "chunk_bytes": CHUNK, "rounds": ROUNDS,
                     "clock": "thread CPU time, median of rounds", "protocols": {}}
    for protocol, dialect, cls in CASES:
        data = _stream(protocol, dialect, 2000)
        per_run, wall, events = _measure(cls, data)
        frames = data.count(b"+CTSDSR") if protocol == "tetra" else data.count(b"$")
        name = protocol if protocol != "beidou" else f"beidou-{dialect}"
        results["protocols"][name] = {
            "bytes": len(data), "frames": frames, "events": events,
            "frames_per_s": round(frames / per_run), "bytes_per_s": round(len(data) / per_run),
            "x_line_rate": round(len(data) / per_run / LINE_RATE, 1),
            "x_line_rate_wall_clock": round(len(data) / wall / LINE_RATE, 1)}
    return results


def main() -> int:
    results = run()
    for name, r in results["protocols"].items():
        print(f"{name:12s} {r['frames_per_s']:>9,d} frames/s  {r['bytes_per_s'] / 1e6:6.2f} MB/s  "
              f"{r['x_line_rate']:6.1f}x the line rate of 8 x 115200 baud "
              f"(wall clock {r['x_line_rate_wall_clock']:.1f}x)")
    out = Path(__file__).resolve().parent / "results" / "parsers.json"
    os.makedirs(out.parent, exist_ok=True)
    out.write_text(json.dumps(results, indent=2) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
