"""`incident-console hub`: a local NATS JetStream server for a command post's consoles."""
from __future__ import annotations

import argparse
import subprocess
import sys
from pathlib import Path


def main(argv: list[str]) -> int:
    p = argparse.ArgumentParser(prog="incident-console hub", description="run the sync hub (NATS JetStream)")
    p.add_argument("--port", type=int, default=4222)
    p.add_argument("--data", type=Path, help="JetStream storage (default: in the user data directory)")
    p.add_argument("--db", type=Path, help=argparse.SUPPRESS)
    p.add_argument("--lang", default="zh_CN", choices=["zh_CN", "en"], help=argparse.SUPPRESS)
    args = p.parse_args(argv)
    from console.paths import default_db_path
    from console.sync.hub import server_command

    data = args.data or default_db_path().parent / "hub"
    data.mkdir(parents=True, exist_ok=True)
    try:
        cmd = server_command(data, args.port)
    except FileNotFoundError as exc:
        print(str(exc), file=sys.stderr)
        return 3
    print(f"hub on nats://127.0.0.1:{args.port}, data in {data}", file=sys.stderr)
    try:
        return subprocess.call(cmd, stdin=subprocess.DEVNULL)
    except KeyboardInterrupt:
        return 0
