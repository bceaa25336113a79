"""The subcommands that need the store (and, for the GUI and screenshots, Qt)."""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from console.store.errors import StoreUnavailable


def _parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="incident-console", description="Incident command console")
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--db", type=Path, help="database file (default: in the user data directory)")
    common.add_argument("--lang", default="zh_CN", choices=["zh_CN", "en"], help="UI language")
    common.add_argument("--demo", action="store_true", help="load the sample data first")
    p.add_argument("--db", type=Path, help=argparse.SUPPRESS)
    p.add_argument("--lang", default="zh_CN", choices=["zh_CN", "en"])
    p.add_argument("--demo", action="store_true", help="load the sample data (and simulators) at start")
    p.add_argument("--demo-if-empty", action="store_true", help="load the sample data when the database is empty")
    p.add_argument("--quit-after-start", action="store_true",
                   help="exit once the window is up and idle (to measure start-up time)")
    sub = p.add_subparsers(dest="cmd")
    db = sub.add_parser("db", parents=[common], help="database maintenance")
    db.add_argument("action", choices=["migrate", "check", "backup"])
    db.add_argument("--out", type=Path, help="backup destination")
    lg = sub.add_parser("log", parents=[common], help="duty log")
    lg.add_argument("action", choices=["verify", "search", "tail"])
    lg.add_argument("query", nargs="*", default=[], help="search words (each of two or more characters)")
    lg.add_argument("--head", help="verify: the head hash printed on a handover sheet")
    inc = sub.add_parser("incident", parents=[common], help="incidents")
    isub = inc.add_subparsers(dest="action", required=True)
    add = isub.add_parser("add", parents=[common])
    add.add_argument("--title", required=True)
    add.add_argument("--class", dest="klass", required=True, help="natural|accident|health|security or 中文名")
    add.add_argument("--level", required=True, help="1-4")
    add.add_argument("--lat", required=True)
    add.add_argument("--lon", required=True)
    add.add_argument("--district", default="")
    add.add_argument("--source", default="phone")
    add.add_argument("--type", default="")
    add.add_argument("--address", default="")
    add.add_argument("--reporter", default="")
    add.add_argument("--callback", default="")
    add.add_argument("--warning-colour", default="")
    lst = isub.add_parser("list", parents=[common])
    lst.add_argument("--json", action="store_true")
    shot = sub.add_parser("screenshot", parents=[common], help="render the window or one view to a PNG")
    shot.add_argument("--out", type=Path, required=True)
    shot.add_argument("--view", default="main")
    shot.add_argument("--size", default="1600x1000")
    return p


def _open(args):
    from console.domain.clock import SystemClock
    from console.domain.record_texts.core import set_language
    from console.paths import default_db_path
    from console.services import build_services
    from console.store.database import open_store

    set_language(args.lang)
    store = open_store(args.db or default_db_path(), SystemClock())
    svc = build_services(store)
    if getattr(args, "demo", False):
        from console.services.seed import load_seed

        load_seed(store, svc.incidents, svc.log)
    return svc


def run(argv: list[str]) -> int:
    parser = _parser()
    args, extra = parser.parse_known_args(argv)
    if args.cmd == "log" and args.action == "search":
        args.query = " ".join([*args.query, *extra])  # a search may start with "-"
    elif extra:
        parser.error(f"unrecognized arguments: {' '.join(extra)}")
    try:
        if args.cmd is None:
            from console.app import run_gui

            return run_gui(args)
        if args.cmd == "screenshot":
            from console.cli.screenshot import screenshot

            return screenshot(args)
        return {"db": _db, "log": _log, "incident": _incident}[args.cmd](args)
    except StoreUnavailable as exc:
        from console.store.messages import describe

        print(describe(exc, args.lang), file=sys.stderr)
        return 3


def _db(args) -> int:
    from console.paths import default_db_path

    svc = _open(args)
    store = svc.store
    if args.action == "migrate":
        print(f"schema version {store.scalar('PRAGMA user_version')}: {store.path}")
    elif args.action == "check":
        res = store.scalar("PRAGMA integrity_check")
        fk = store.conn.execute("PRAGMA foreign_key_check").fetchall()
        index = svc.log.check_index()
        print(f"integrity: {res}; foreign keys: {fk if fk else 'ok'}; search index: {'; '.join(index) or 'ok'}")
        store.close()
        return 0 if res == "ok" and not fk and not index else 1
    else:
        from console.store.database import backup

        dest = args.out or (args.db or default_db_path()).with_suffix(".backup.db")
        backup(store.conn, dest)
        print(f"backup written to {dest}")
    store.close()
    return 0


def _log(args) -> int:
    svc = _open(args)
    try:
        if args.action == "verify":
            n, broken = svc.log.verify(args.head)
            if broken:
                where = f" at entry {broken.entry_id} (#{broken.seq})" if broken.entry_id else ""
                print(f"BROKEN ({broken.kind}){where}: {broken.reason}")
                return 1
            sheet = "; the head printed on the sheet is in it" if args.head else ""
            print(f"ok: {n} entries, hash chain intact, signatures valid, ends at the signed head{sheet}")
        elif args.action == "search":
            from console.domain.text_index import query_too_short
            from console.services.duty_log import LogFilter

            if query_too_short(args.query) or not args.query.strip():
                print("search: give words of two or more characters (one character is in too many entries)",
                      file=sys.stderr)
                return 2
            shown = svc.log.search(args.query)
            for e in shown:
                print(f"{e.at}  [{e.category.value}]  {e.text}")
            total = svc.log.count_matching(LogFilter(query=args.query))
            print(f"{total} matching entries" + (f", the newest {len(shown)} shown" if total > len(shown) else ""))
        else:
            for e in reversed(svc.log.entries(limit=30)):
                print(f"{e.at}  [{e.category.value}]  {e.text}")
        return 0
    finally:
        svc.store.close()


def _incident(args) -> int:
    from console.domain.intake import IntakeForm, IntakeRejected

    svc = _open(args)
    try:
        if args.action == "add":
            form = IntakeForm(title=args.title, klass=args.klass, type=args.type, level=args.level, lat=args.lat,
                              lon=args.lon, district=args.district, source=args.source, address=args.address,
                              reporter=args.reporter, callback=args.callback, warning_colour=args.warning_colour)
            try:
                inc, _ = svc.incidents.intake(form)
            except IntakeRejected as exc:
                for e in exc.errors:
                    print(f"error: {e.field}: {e.code} {e.detail}".rstrip(), file=sys.stderr)
                return 2
            print(inc.id)
            return 0
        rows = [_incident_json(i) for i in svc.incidents.list()]
        if args.json:
            json.dump(rows, sys.stdout, ensure_ascii=False, indent=1)
            print()
        else:
            for r in rows:
                print(f"{r['id']}  Lv{r['level']}  {r['status']:<10}  {r['title']}")
        return 0
    finally:
        svc.store.close()


def _incident_json(i) -> dict:
    from console.domain.clock import to_iso

    return {"id": i.id, "title": i.title, "class": i.klass.value, "type": i.type, "level": int(i.level),
            "status": i.status.value, "lat": i.lat, "lon": i.lon, "district": i.district, "address": i.address,
            "source": i.source.value, "reported_at": to_iso(i.reported_at),
            "casualties": {"deaths": i.deaths, "injuries": i.injuries, "missing": i.missing, "trapped": i.trapped}}
