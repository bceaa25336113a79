"""`incident-console simulate --protocol P [--rate HZ] [--units N]`: a fake terminal on a pty.

The first line on stdout is the pty path to open; runs until interrupted (or --duration).
"""
from __future__ import annotations

import argparse
import math
import os
import signal
import sys
import threading

from console.devices.simulator import Simulator


def main(argv: list[str]) -> int:
    ap = argparse.ArgumentParser(prog="incident-console simulate", description=__doc__.splitlines()[0])
    ap.add_argument("--protocol", required=True, choices=("nmea", "tetra", "beidou", "gsm"))
    ap.add_argument("--rate", type=float, default=1.0, help="traffic ticks per second")
    ap.add_argument("--units", type=int, default=4)
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--dialect", choices=("2.1", "bds3", "4.0"), default="2.1", help="BeiDou sentence set")
    ap.add_argument("--interval", type=int, default=60, help="BeiDou card service interval, seconds")
    ap.add_argument("--link", help="also expose the pty under this symlink")
    ap.add_argument("--force", action="store_true", help="let --link replace an existing file")
    ap.add_argument("--duration", type=float, default=None, help="stop after this many seconds")
    ap.add_argument("--db", metavar="PATH", help="accepted like everywhere; the simulator reads no database")
    ap.add_argument("--lang", choices=("zh_CN", "en"), help="accepted like everywhere")
    args = ap.parse_args(argv)
    if not (math.isfinite(args.rate) and 0 < args.rate <= 1000):
        ap.error("--rate must be a number of ticks per second above 0 and at most 1000")
    if not 1 <= args.units <= 1000:
        ap.error("--units must be 1 to 1000")
    if not 1 <= args.interval <= 86_400:
        ap.error("--interval must be 1 to 86400 seconds")
    if args.duration is not None and not (math.isfinite(args.duration) and args.duration >= 0):
        ap.error("--duration must be a number of seconds, 0 or more")
    if args.link and os.path.lexists(args.link) and not args.force:
        print(f"{args.link} already exists; choose another --link or add --force to replace it",
              file=sys.stderr)
        return 1
    sim = Simulator(args.protocol, rate_hz=args.rate, units=args.units, seed=args.seed, dialect=args.dialect,
                    interval_s=args.interval, link=args.link)
    done = threading.Event()
    for sig in (signal.SIGINT, signal.SIGTERM):
        signal.signal(sig, lambda *_: done.set())
    path = sim.start()
    print(path, flush=True)
    try:
        done.wait(args.duration)
    finally:
        sim.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
