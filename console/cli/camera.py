"""`incident-console camera add|list|import|export`: the camera registry for scripting. URLs are
printed with their credentials hidden (***)."""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from console.store.errors import StoreUnavailable


def _parser() -> argparse.ArgumentParser:
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--db", type=Path, help="database file (default: in the user data directory)")
    common.add_argument("--lang", default="zh_CN", choices=["zh_CN", "en"])
    p = argparse.ArgumentParser(prog="incident-console camera", description="the camera registry")
    sub = p.add_subparsers(dest="action", required=True)
    add = sub.add_parser("add", parents=[common], help="register a camera")
    add.add_argument("--name", required=True)
    add.add_argument("--url", required=True, help="stream URL: rtsp://, http(s)://, rtmp://, a file path ...")
    add.add_argument("--group", action="append", default=[], help="a group (repeatable)")
    add.add_argument("--tag", action="append", default=[], help="a key-target tag (repeatable)")
    add.add_argument("--lat")
    add.add_argument("--lon")
    add.add_argument("--district", default="")
    lst = sub.add_parser("list", parents=[common], help="list cameras (URLs without credentials)")
    lst.add_argument("--json", action="store_true")
    imp = sub.add_parser("import", parents=[common], help="add cameras from a CSV file (name,url,groups,...)")
    imp.add_argument("file", type=Path)
    exp = sub.add_parser("export", parents=[common], help="write the cameras as CSV (credentials hidden)")
    exp.add_argument("--out", type=Path, help="file to write (default: standard output)")
    return p


def _open(args):
    from console.domain.clock import SystemClock
    from console.domain.record_texts import RecordTexts
    from console.paths import default_db_path
    from console.services.cameras import CameraService
    from console.services.duty_log import DutyLogService
    from console.store.database import open_store

    store = open_store(args.db or default_db_path(), SystemClock())
    return CameraService(store, DutyLogService(store), RecordTexts(args.lang))


def main(argv: list[str]) -> int:
    args = _parser().parse_args(argv)
    try:
        cameras = _open(args)
    except StoreUnavailable as exc:
        from console.store.messages import describe

        print(describe(exc, args.lang), file=sys.stderr)
        return 3
    try:
        return {"add": _add, "list": _list, "import": _import, "export": _export}[args.action](cameras, args)
    finally:
        cameras.store.close()


def _add(cameras, args) -> int:
    from console.domain.cameras import CameraInvalid, check_camera

    try:
        spec = check_camera(args.name, args.url, args.group, args.tag, args.lat, args.lon, args.district)
    except CameraInvalid as exc:
        print(f"camera refused: {exc}", file=sys.stderr)
        return 2
    print(cameras.add(spec).value)
    return 0


def _list(cameras, args) -> int:
    from console.services.cameras import public

    rows = [public(c) for c in cameras.cameras()]
    if args.json:
        keep = ("id", "name", "url", "groups", "tags", "lat", "lon", "district", "enabled", "sample")
        json.dump([{k: r[k] for k in keep} for r in rows], sys.stdout, ensure_ascii=False, indent=1)
        print()
    else:
        for r in rows:
            state = "" if r["enabled"] else "  (disabled)"
            print(f"{r['id']}  {r['name']}  {r['url'] or '-'}  {','.join(r['groups'])}{state}")
    return 0


def _import(cameras, args) -> int:
    try:
        text = args.file.read_text(encoding="utf-8-sig")
    except OSError as exc:
        print(f"cannot read {args.file}: {exc.strerror or exc}", file=sys.stderr)
        return 2
    except UnicodeDecodeError:
        print(f"{args.file} is not UTF-8 text; save the CSV as UTF-8 and try again", file=sys.stderr)
        return 2
    report = cameras.import_csv(text).value
    for line, reason in report.rejected:
        print(f"line {line}: rejected: {reason}", file=sys.stderr)
    print(f"{len(report.added)} cameras added, {len(report.rejected)} lines rejected")
    return 1 if report.rejected else 0


def _export(cameras, args) -> int:
    text = cameras.export_csv()
    if args.out is None:
        sys.stdout.write(text)
        return 0
    try:
        args.out.write_text(text, encoding="utf-8")
    except OSError as exc:
        print(f"cannot write {args.out}: {exc.strerror or exc}", file=sys.stderr)
        return 3
    print(args.out)
    return 0
