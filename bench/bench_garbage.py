"""Garbage against good traffic, per parser: bytes/s decoded (one core) and errors reported.

Run: python bench/bench_garbage.py  (writes bench/results/garbage.json)

A mebibyte of each kind of garbage (the reviewer's `$BDTXR,` with no line end among them), fed in
4 KiB reads as the serial reader delivers them, against the simulator's good traffic. The figure
the issue asks for: garbage decodes at least as fast as good frames, and one run is one Error.
"""
from __future__ import annotations

import json
import os
import random
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from console.devices.beidou import BeidouParser  # noqa: E402
from console.devices.nmea import NmeaParser  # noqa: E402
from console.devices.simulator import Traffic  # noqa: E402
from console.devices.tetra import TetraParser  # noqa: E402
from console.domain.device_events import Error  # noqa: E402

CHUNK = 4096
SIZE = 1 << 20
ROUNDS = 3
PARSERS = {"nmea": NmeaParser, "tetra": TetraParser, "beidou": BeidouParser}
_RANDOM = random.Random(1).randbytes(SIZE)  # a wrong baud rate looks like this
GARBAGE = {
    "nmea": {"no line end": b"$GPGGA,", "bad checksums": b"$GPGGA,1*00\r\n", "random bytes": None},
    "tetra": {"no line end": b"+CTSDSR: 12,", "not ASCII": b"\xff\xfe+C\r\n", "random bytes": None},
    "beidou": {"$BDTXR, no line end": b"$BDTXR,", "bad binary lengths": b"$DWXX\x00\x01",
               "random bytes": None},
}


def _fill(unit: bytes | None) -> bytes:
    return _RANDOM if unit is None else (unit * (SIZE // len(unit) + 1))[:SIZE]


def _measure(protocol: str, data: bytes) -> tuple[float, int, int]:
    """(bytes per CPU second, errors, frames): the median of ROUNDS passes."""
    chunks = [data[i : i + CHUNK] for i in range(0, len(data), CHUNK)]
    rates, errors, frames = [], 0, 0
    for _ in range(ROUNDS):
        parser = PARSERS[protocol]()
        c0 = time.thread_time()
        out = [f for c in chunks for f in parser.feed_frames(c)]
        rates.append(len(data) / max(time.thread_time() - c0, 1e-9))
        errors = sum(isinstance(e, Error) for f in out for e in f.events)
        frames = len(out)
    return statistics.median(rates), errors, frames


def run() -> dict:
    results: dict = {"chunk_bytes": CHUNK, "garbage_bytes": SIZE, "clock": "thread CPU time, median of rounds",
                     "protocols": {}}
    for protocol, kinds in GARBAGE.items():
        t = Traffic(protocol, units=8, seed=1)
        good = b"".join(t.tick() for _ in range(3000))
        rate, _, _ = _measure(protocol, good)
        entry = {"good_mb_per_s": round(rate / 1e6, 2), "garbage": {}}
        for name, unit in kinds.items():
            g_rate, errors, frames = _measure(protocol, _fill(unit))
            entry["garbage"][name] = {"mb_per_s": round(g_rate / 1e6, 2), "x_good": round(g_rate / rate, 2),
                                      "errors": errors, "frames": frames}
        results["protocols"][protocol] = entry
    return results


def main() -> int:
    results = run()
    for protocol, r in results["protocols"].items():
        print(f"{protocol:7s} good {r['good_mb_per_s']:6.2f} MB/s")
        for name, g in r["garbage"].items():
            print(f"        {name:22s} {g['mb_per_s']:7.2f} MB/s ({g['x_good']:5.2f}x good)  "
                  f"{g['errors']} error(s) in {g['frames']} frames")
    out = Path(__file__).resolve().parent / "results" / "garbage.json"
    os.makedirs(out.parent, exist_ok=True)
    out.write_text(json.dumps(results, indent=2) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
