"""The subcommands that need the store (and, for the GUI and screenshots, Qt)."""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from console.domain.plain_text import one_line


def _parser() -> argparse.ArgumentParser:
    from console.cli import GROUPS

    p = argparse.ArgumentParser(prog="incident-console", description="Incident command console. Without a "
                                "subcommand it opens the console window.")
    # Written before or after the subcommand; SUPPRESS keeps a subcommand's unset option from
    # overwriting the value given before it.
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--db", type=Path, default=argparse.SUPPRESS,
                        help="database file (default: in the user data directory)")
    common.add_argument("--lang", choices=["zh_CN", "en"], default=argparse.SUPPRESS, help="language")
    from console.cli.acting import options

    acting = options()
    demo = argparse.ArgumentParser(add_help=False)
    demo.add_argument("--demo", action="store_true", help="load the sample data first")
    p.add_argument("--db", type=Path, default=None,
                   help="database file (default: in the user data directory)")
    p.add_argument("--lang", default="zh_CN", choices=["zh_CN", "en"], help="language (default zh_CN)")
    p.add_argument("--demo", action="store_true", help="load the sample data (and simulators) at start")
    p.add_argument("--demo-if-empty", action="store_true",
                   help="load the sample data when the database is empty")
    sub = p.add_subparsers(dest="cmd", metavar="COMMAND", title="commands")
    db = sub.add_parser("db", parents=[common], help="database maintenance: migrate, check, backup")
    db.add_argument("action", choices=["migrate", "check", "backup"])
    db.add_argument("--out", type=Path, help="backup destination")
    db.add_argument("--force", action="store_true", help="let backup replace an existing file")
    lg = sub.add_parser("log", parents=[common, acting], help="duty log: verify, search TEXT, tail, add")
    lg.add_argument("action", choices=["verify", "search", "tail", "add"])
    lg.add_argument("query", nargs="*", default=[], help="search words (each of two or more characters)")
    lg.add_argument("--head", help="verify: the head hash printed on a handover sheet")
    lg.add_argument("--text", help="log add: the entry's text")
    lg.add_argument("--category", default="other",
                    help="log add: intake|follow_up|instruction|dispatch|comms|other")
    lg.add_argument("--incident", help="log add: the incident the entry is about")
    lg.add_argument(
        "--json", action="store_true", help="log tail: as JSON, with each entry's author and position"
    )
    lg.add_argument("--all", action="store_true", help="log tail: every entry, not the last 30")
    inc = sub.add_parser("incident", parents=[common], help="incidents: add, list")
    isub = inc.add_subparsers(dest="action", required=True, metavar="ACTION", title="actions")
    add = isub.add_parser("add", parents=[common, demo, acting], help="take a report from the command line")
    add.add_argument("--title", required=True)
    add.add_argument("--class", dest="klass", required=True, help="natural|accident|health|security or "
                                                                  "中文名")
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
    upd = isub.add_parser(
        "update", parents=[common, acting], help="change title, level, status or casualties"
    )
    upd.add_argument("id")
    upd.add_argument("--title")
    upd.add_argument("--level", type=int, choices=[1, 2, 3, 4])
    upd.add_argument("--status", choices=["reported", "responding", "closed"])
    upd.add_argument("--casualties", type=int, help="the injured count")
    lst = isub.add_parser("list", parents=[common], help="the incidents, newest first")
    lst.add_argument("--json", action="store_true")
    shot = sub.add_parser("screenshot", parents=[common, demo], help="render the window or one view to a PNG")
    shot.add_argument("--out", type=Path, required=True)
    shot.add_argument("--view", default="main")
    shot.add_argument("--size", default="1600x1000", help="WIDTHxHEIGHT, each 200-7680")
    shot.add_argument("--layout", choices=("desk", "command", "video"), default=None,
                      help="a named working layout (main view only)")
    shot.add_argument("--theme", choices=("night", "day"), default=None)
    for name, (_module, help_text) in GROUPS.items():
        # Listed here for --help; `console.cli.main` hands these to their own module.
        sub.add_parser(name, help=help_text, add_help=False)
    return p


def _open(args, write: bool = True):
    """The services over the database named by --db. Read-only commands pass write=False: the file
    must exist and is opened without writing, so reads work on read-only media and full disks."""
    from console.domain.clock import SystemClock
    from console.domain.record_texts import RecordTexts
    from console.paths import default_db_path
    from console.services import build_services
    from console.store.database import open_store

    store = open_store(args.db or default_db_path(), SystemClock(), read_only=not write)
    svc = build_services(store, RecordTexts(args.lang))
    if getattr(args, "demo", False):
        from console.services.seed import load_seed

        load_seed(store, svc.incidents, svc.log)
    return svc


def run(argv: list[str]) -> int:
    parser = _parser()
    args, extra = parser.parse_known_args(argv)
    if args.cmd == "log":
        args.query = " ".join([*args.query, *extra])  # a search may start with "-"
    elif extra:
        parser.error(f"unrecognized arguments: {' '.join(extra)}")
    if args.cmd is None:
        from console.app import run_gui

        return run_gui(args)
    if args.cmd == "screenshot":
        from console.cli.screenshot import screenshot

        return screenshot(args)
    return {"db": _db, "log": _log, "incident": _incident}[args.cmd](args)


def _db(args) -> int:
    if args.action == "check":
        return _db_check(args)
    if args.action == "backup":
        return _db_backup(args)
    svc = _open(args)
    print(f"schema version {svc.store.scalar('PRAGMA user_version')}: {svc.store.path}")
    svc.store.close()
    return 0


def _db_check(args) -> int:
    import sqlite3

    svc = _open(args, write=False)
    store = svc.store
    try:
        res = "; ".join(r[0] for r in store.conn.execute("PRAGMA integrity_check").fetchall())
        fk = store.conn.execute("PRAGMA foreign_key_check").fetchall()
        index = svc.log.check_index() if res == "ok" else []
    except sqlite3.DatabaseError as exc:
        res, fk, index = f"damaged ({exc})", [], []
    finally:
        store.close()
    print(f"integrity: {one_line(res)}; foreign keys: {fk if fk else 'ok'}; "
          f"search index: {one_line('; '.join(index)) or 'ok'}")
    return 0 if res == "ok" and not fk and not index else 1


def _db_backup(args) -> int:
    from console.paths import default_db_path

    source = args.db or default_db_path()
    dest = args.out or source.with_suffix(".backup.db")
    if dest.exists() and not args.force:
        print(f"{dest} already exists; choose another --out or add --force to replace it", file=sys.stderr)
        return 1
    # The source is only read, so a backup to another disk works while the database's disk is full.
    svc = _open(args, write=False)
    try:
        svc.log.backup(dest)
    finally:
        svc.store.close()
    print(f"backup written to {dest}")
    return 0


def _log(args) -> int:
    if args.action == "search":
        from console.domain.text_index import query_too_short

        if query_too_short(args.query) or not args.query.strip():  # refused before any database is opened
            print(
                "search: give words of two or more characters "
                "(one character is in too many entries; two characters are enough)",
                file=sys.stderr,
            )
            return 2
    svc = _open(args, write=args.action == "add")
    try:
        if args.action == "verify":
            n, broken = svc.log.verify(args.head)
            if broken:
                where = f" at entry {broken.entry_id} (#{broken.seq})" if broken.entry_id else ""
                print(f"BROKEN ({broken.kind}){where}: {one_line(str(broken.reason))}")
                return 1
            sheet = "; the head printed on the sheet is in it" if args.head else ""
            print(f"ok: {n} entries, hash chain intact, signatures valid, ends at the signed head{sheet}")
        elif args.action == "search":
            from console.services.duty_log import LogFilter

            shown = svc.log.search(args.query)
            for e in shown:
                print(f"{e.at}  [{e.category.value}]  {one_line(e.text)}")
            total = svc.log.count_matching(LogFilter(query=args.query))
            print(
                f"{total} matching entries"
                + (f", the newest {len(shown)} shown" if total > len(shown) else "")
            )
        elif args.action == "add":
            return _log_add(svc, args)
        else:
            entries = list(reversed(svc.log.entries(limit=svc.log.count() if args.all else 30)))
            if args.json:
                json.dump([_entry_json(e) for e in entries], sys.stdout, ensure_ascii=False, indent=1)
                print()
            for e in [] if args.json else entries:
                who = f"  {one_line(e.author)}" if e.author else ""
                print(f"{e.at}  [{e.category.value}]{who}  {one_line(e.text)}")
        return 0
    finally:
        svc.store.close()


def _incident(args) -> int:
    from console.cli.acting import act_as
    from console.domain.intake import IntakeForm, IntakeRejected

    svc = _open(args, write=args.action in ("add", "update"))
    try:
        if args.action == "add":
            if code := act_as(svc, args):
                return code
            form = IntakeForm(title=args.title, klass=args.klass, type=args.type, level=args.level,
                              lat=args.lat,
                              lon=args.lon, district=args.district, source=args.source, address=args.address,
                              reporter=args.reporter, callback=args.callback,
                              warning_colour=args.warning_colour)
            try:
                inc = svc.incidents.intake(form).value
            except IntakeRejected as exc:
                for e in exc.errors:
                    print(f"error: {e.field}: {e.code} {e.detail}".rstrip(), file=sys.stderr)
                return 2
            print(inc.id)
            return 0
        if args.action == "update":
            return _incident_update(svc, args)
        rows = [_incident_json(i) for i in svc.incidents.list()]
        if args.json:
            json.dump(rows, sys.stdout, ensure_ascii=False, indent=1)
            print()
        else:
            for r in rows:
                print(f"{r['id']}  Lv{r['level']}  {r['status']:<10}  {one_line(r['title'])}")
        return 0
    finally:
        svc.store.close()


def _incident_json(i) -> dict:
    from console.domain.clock import to_iso

    return {"id": i.id, "title": i.title, "class": i.klass.value, "type": i.type, "level": int(i.level),
            "status": i.status.value, "lat": i.lat, "lon": i.lon, "district": i.district,
            "address": i.address,
            "source": i.source.value, "reported_at": to_iso(i.reported_at),
            "casualties": {"deaths": i.deaths, "injuries": i.injuries, "missing": i.missing,
                           "trapped": i.trapped}}


def _log_add(svc, args) -> int:
    from console.cli.acting import act_as
    from console.domain.duty_log import Category

    if code := act_as(svc, args):
        return code
    try:
        category = Category(args.category)
        if args.incident and svc.incidents.get(args.incident) is None:
            raise ValueError(f"no incident {args.incident}")
        e = svc.log.append(category, args.text or "", incident_id=args.incident).value
    except ValueError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    print(e.id)
    return 0


def _incident_update(svc, args) -> int:
    from console.cli.acting import act_as
    from console.domain.incident import Level, Status

    if code := act_as(svc, args):
        return code
    inc = svc.incidents.get(args.id)
    if inc is None:
        print(f"no incident {args.id}", file=sys.stderr)
        return 1
    try:
        changed = svc.incidents.edit(args.id, title=args.title, injuries=args.casualties).changes
        if args.level is not None:
            changed.merge(svc.incidents.set_level(args.id, Level(args.level)).changes)
        order = list(Status)
        if args.status is not None and order.index(Status(args.status)) < order.index(inc.status):
            raise ValueError(f"cannot move from {inc.status} back to {args.status}")
        for step in (
            order[order.index(inc.status) + 1 : order.index(Status(args.status)) + 1] if args.status else []
        ):
            changed.merge(svc.incidents.set_status(args.id, step).changes)
    except ValueError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    print("updated" if changed else "unchanged")
    return 0
def _entry_json(e) -> dict:
    return {"id": e.id, "time": e.at, "category": e.category.value, "text": e.text, "author": e.author,
            "position": e.position, "incident_id": e.incident_id, "site_id": e.site}
