"""`incident-console sensors list|import-csv`: the sensor registry and history from CSV files."""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from console.store.errors import StoreUnavailable


def _parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="incident-console sensors", description="monitoring sensors")
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--db", type=Path, help="database file (default: in the user data directory)")
    common.add_argument("--lang", default="zh_CN", choices=["zh_CN", "en"], help="language of the duty log")
    sub = p.add_subparsers(dest="action", required=True)
    lst = sub.add_parser("list", parents=[common], help="the sensors, their latest value and warning colour")
    lst.add_argument("--json", action="store_true")
    imp = sub.add_parser("import-csv", parents=[common],
                         help="history as sensor_id,time,value lines; rejected lines are reported")
    imp.add_argument("file", type=Path)
    return p


def main(argv: list[str]) -> int:
    args = _parser().parse_args(argv)
    from console.cli.store_commands import _open
    from console.store.messages import describe

    try:
        svc = _open(args, write=args.action != "list")
    except StoreUnavailable as exc:
        print(describe(exc, args.lang), file=sys.stderr)
        return 3
    try:
        return _list(args, svc.sensors) if args.action == "list" else _import(args, svc.sensors)
    except StoreUnavailable as exc:
        print(describe(exc, args.lang), file=sys.stderr)
        return 3
    finally:
        svc.store.close()


def _list(args, sensors) -> int:
    rows = [{"id": s.id, "name": s.name, "kind": s.kind, "district": s.district, "unit": s.unit,
             "source": s.source, "value": s.value, "level": s.level,
             "thresholds": [t.to_dict() for t in s.thresholds]} for s in sensors.sensors()]
    if args.json:
        json.dump(rows, sys.stdout, ensure_ascii=False, indent=1)
        print()
    else:
        for r in rows:
            print(f"{r['id']:<10} {r['level'] or '-':<7} {r['value'] if r['value'] is not None else '-':>8} "
                  f"{r['unit']:<5} {r['name']}")
    return 0


def _import(args, sensors) -> int:
    if not args.file.is_file():
        print(f"{args.file}: no such file", file=sys.stderr)
        return 1
    try:
        report = sensors.import_csv(args.file).value
    except ValueError as exc:
        print(f"refused, nothing imported: {exc}", file=sys.stderr)
        return 1
    for line, why in report.rejected:
        print(f"{args.file.name}:{line}: rejected: {why}", file=sys.stderr)
    if report.rejected_count > len(report.rejected):
        print(f"... and {report.rejected_count - len(report.rejected)} more rejected", file=sys.stderr)
    print(f"imported {report.imported} reading(s); {report.duplicates} already stored; "
          f"{report.rejected_count} line(s) rejected")
    return 0 if report.imported or not report.rejected_count else 1
