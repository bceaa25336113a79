"""`incident-console cap import|list|export`: CAP 1.2 warnings in and out of the store."""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from console.store.errors import StoreUnavailable


def _parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="incident-console cap", description="CAP 1.2 warnings")
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--db", type=Path, help="database file (default: in the user data directory)")
    common.add_argument("--lang", default="zh_CN", choices=["zh_CN", "en"], help="language of the duty log")
    sub = p.add_subparsers(dest="action", required=True)
    imp = sub.add_parser("import", parents=[common], help="import CAP files (all or none)")
    imp.add_argument("files", nargs="+", type=Path)
    lst = sub.add_parser("list", parents=[common], help="the stored alerts, newest first")
    lst.add_argument("--json", action="store_true", help="as JSON with the CAP element names")
    exp = sub.add_parser("export", parents=[common], help="write one alert as a CAP 1.2 file")
    exp.add_argument("id", help="the CAP identifier (or the console's id) of the alert")
    exp.add_argument("--out", type=Path, required=True)
    return p


def _open(args):
    from console.cli.store_commands import _open as open_services
    from console.domain.record_texts import RecordTexts
    from console.services.warnings import WarningService

    svc = open_services(args)
    return svc, WarningService(svc.store, svc.log, RecordTexts(args.lang))


def main(argv: list[str]) -> int:
    args = _parser().parse_args(argv)
    try:
        svc, warnings = _open(args)
    except StoreUnavailable as exc:
        from console.store.messages import describe

        print(describe(exc, args.lang), file=sys.stderr)
        return 3
    try:
        return {"import": _import, "list": _list, "export": _export}[args.action](args, warnings)
    except StoreUnavailable as exc:
        from console.store.messages import describe

        print(describe(exc, args.lang), file=sys.stderr)
        return 3
    finally:
        svc.store.close()


def _import(args, warnings) -> int:
    from console.domain.cap import CapRefused

    try:
        res = warnings.import_files(args.files).value
    except CapRefused as exc:
        print(f"refused, nothing imported: {exc}", file=sys.stderr)
        return 1
    print(f"imported {len(res.ids)} alert(s); {len(res.duplicates)} already stored")
    return 0


def _list(args, warnings) -> int:
    from console.domain.cap.listing import list_entry

    rows = warnings.list()
    if args.json:
        json.dump([list_entry(r.alert) for r in rows], sys.stdout, ensure_ascii=False, indent=1)
        print()
        return 0
    for r in rows:
        first = r.alert.infos_for_display()[0] if r.alert.infos else None
        print(f"{r.alert.sent}  {r.alert.msgType:<6} {r.alert.severity:<8} {r.state:<9} {r.alert.identifier}  "
              f"{(first.headline or first.event) if first else ''}")
    return 0


def _export(args, warnings) -> int:
    from console.domain.cap import CapRefused

    try:
        data = warnings.export(args.id)
    except KeyError:
        print(f"no stored alert with identifier {args.id}", file=sys.stderr)
        return 1
    except CapRefused as exc:
        print(f"cannot export: {exc}", file=sys.stderr)
        return 1
    try:
        args.out.write_bytes(data)
    except OSError as exc:
        print(f"cannot write {args.out}: {exc.strerror or exc}", file=sys.stderr)
        return 3
    print(f"written {args.out}")
    return 0
