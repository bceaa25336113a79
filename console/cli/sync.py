"""`incident-console sync ...`: identity, enrolment, bundle files, status, conflicts, held changes."""
from __future__ import annotations

import argparse
import json
import sys
from dataclasses import asdict
from pathlib import Path

from console.store.errors import StoreUnavailable


def _parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="incident-console sync", description="sync between consoles")
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--db", type=Path, help="database file (default: in the user data directory)")
    common.add_argument("--lang", default="zh_CN", choices=["zh_CN", "en"])
    sub = p.add_subparsers(dest="cmd", required=True)
    sub.add_parser("identity", parents=[common], help="this site's id and public key").add_argument(
        "--json", action="store_true")
    t = sub.add_parser("trust", parents=[common], help="enrol a site whose batches are accepted")
    t.add_argument("site")
    t.add_argument("public_key")
    sub.add_parser("untrust", parents=[common], help="revoke a site's enrolment").add_argument("site")
    e = sub.add_parser("export", parents=[common], help="write a bundle of what a peer has not acknowledged")
    e.add_argument("--to", required=True, metavar="SITE_ID")
    e.add_argument("--out", required=True, type=Path, metavar="FILE")
    sub.add_parser("import", parents=[common], help="apply a bundle file").add_argument("file", type=Path)
    for name, text in (("status", "per peer: sent, acknowledged, pending"), ("conflicts", "open conflicts"),
                       ("held", "changes stamped too far ahead, kept for the operator")):
        sub.add_parser(name, parents=[common], help=text).add_argument("--json", action="store_true")
    r = sub.add_parser("resolve", parents=[common],
                       help="choose a conflict's value (a new change that syncs)")
    r.add_argument("conflict_id")
    r.add_argument("keep", choices=["kept", "other"])
    sub.add_parser("release", parents=[common], help="apply the held changes")
    k = sub.add_parser("link", parents=[common],
                       help="publish the outbox to the hub and apply what waits there")
    k.add_argument("--url", default="nats://127.0.0.1:4222", help="the hub (default: %(default)s)")
    return p


def main(argv: list[str]) -> int:
    args = _parser().parse_args(argv)
    try:
        return _run(args)
    except StoreUnavailable as exc:
        from console.store.messages import describe

        print(describe(exc, args.lang), file=sys.stderr)
        return 3


def _open(args):
    from console.paths import default_db_path
    from console.services.duty_log import DutyLogService
    from console.services.sync import SyncService
    from console.store.database import open_store

    store = open_store(args.db or default_db_path())
    return SyncService(store, DutyLogService(store))


def _print_json(value) -> None:
    json.dump(value, sys.stdout, ensure_ascii=False, indent=1)
    print()


def _run(args) -> int:
    from console.sync.refused import SyncRefused

    if args.cmd == "import":
        try:
            data = args.file.read_bytes()
        except OSError as exc:
            print(f"cannot read {args.file}: {exc.strerror}", file=sys.stderr)
            return 3
    sync = _open(args)
    try:
        return _command(sync, args, data if args.cmd == "import" else b"")
    except SyncRefused as exc:
        print(f"refused, nothing applied: {exc}", file=sys.stderr)
        return 1
    except (ValueError, KeyError) as exc:
        print(str(exc).strip("'\""), file=sys.stderr)
        return 1
    finally:
        sync.store.close()


def _command(sync, args, data: bytes) -> int:
    if args.cmd == "identity":
        ident = sync.identity()
        if args.json:
            _print_json(ident)
        else:
            print(f"site {ident['site_id']}  key {ident['public_key']}")
    elif args.cmd == "trust":
        sync.trust(args.site, args.public_key)
        print(f"site {args.site} enrolled")
    elif args.cmd == "untrust":
        if not sync.untrust(args.site).value:
            print(f"site {args.site} was not enrolled", file=sys.stderr)
            return 1
        print(f"site {args.site} no longer trusted")
    elif args.cmd == "export":
        data = sync.export_batch(args.to).value
        tmp = args.out.with_name(args.out.name + ".part")
        try:
            tmp.write_bytes(data)
            tmp.replace(args.out)  # a half-written file never carries the bundle's name
        except OSError as exc:
            print(f"cannot write {args.out}: {exc.strerror}", file=sys.stderr)
            return 3
        print(f"{len(data)} bytes written to {args.out}")
    elif args.cmd == "import":
        rep = sync.import_bytes(data).value
        print(f"from site {rep.sender}: {rep.applied} changes applied, {rep.duplicates} already here, "
              f"{rep.held} held, {len(rep.conflicts)} conflicts")
    elif args.cmd == "status":
        rows = [asdict(s) for s in sync.status()]
        if args.json:
            _print_json(rows)
        for r in [] if args.json else rows:
            print(f"{r['site']}  sent {r['sent']}  acknowledged {r['acknowledged']}  pending {r['pending']}"
                  f"{'' if r['trusted'] else '  (revoked)'}")
    elif args.cmd in ("conflicts", "held"):
        rows = sync.conflicts() if args.cmd == "conflicts" else sync.held()
        if args.json:
            _print_json(rows)
        for r in [] if args.json else rows:
            print("  ".join(str(v) for v in r.values()))
    elif args.cmd == "resolve":
        sync.resolve(args.conflict_id, args.keep)
        print("resolved")
    elif args.cmd == "link":
        return _link(sync, args.url)
    else:
        rep = sync.release_held().value
        print(f"{rep.applied} held changes applied")
    return 0


def _link(sync, url: str) -> int:
    import asyncio

    from console.sync.hub import HubLink, HubUnavailable

    try:
        rep = asyncio.run(HubLink(sync, url).run_once())
    except HubUnavailable as exc:
        print(f"{exc}; {sync.outbox_depth()} changes wait in the outbox", file=sys.stderr)
        return 3
    print(f"published {rep.published} changes, applied {rep.received} batches, refused {rep.refused}")
    return 0
