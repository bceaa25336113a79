"""`incident-console user add|list|disable|passwd`: the accounts. For add and passwd,
`--password-stdin` carries the NEW password; the acting account's password then comes from
ICC_PASSWORD. Passwords are never printed or stored in clear."""
from __future__ import annotations

import argparse
import getpass
import json
import os
import sys
from pathlib import Path

from console.cli.acting import PASSWORD_ENV, act_as, options, read_stdin_password
from console.domain.access import Position


def _parser() -> argparse.ArgumentParser:
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--db", type=Path, default=argparse.SUPPRESS, help="database file")
    common.add_argument("--lang", choices=["zh_CN", "en"], default=argparse.SUPPRESS, help="language")
    acting = options()
    p = argparse.ArgumentParser(
        prog="incident-console user", description="accounts (账号) and their positions"
    )
    p.add_argument("--db", type=Path, default=None, help="database file")
    p.add_argument("--lang", choices=["zh_CN", "en"], default="zh_CN", help="language")
    sub = p.add_subparsers(dest="action", required=True, metavar="ACTION", title="actions")
    add = sub.add_parser("add", parents=[common, acting], help="add an account (the first must be admin)")
    add.add_argument("name")
    add.add_argument("--position", required=True, choices=[x.value for x in Position])
    add.add_argument("--group", default="", help="a field unit's checklist group id")
    lst = sub.add_parser("list", parents=[common], help="the accounts (never their passwords)")
    lst.add_argument("--json", action="store_true")
    dis = sub.add_parser(
        "disable", parents=[common, acting], help="disable an account (accounts are never deleted)"
    )
    dis.add_argument("name")
    pw = sub.add_parser("passwd", parents=[common, acting], help="set an account's password")
    pw.add_argument("name")
    return p


def _new_password(args) -> str | None:
    if args.password_stdin:
        return read_stdin_password()
    if not sys.stdin.isatty():
        print("give the new password with --password-stdin", file=sys.stderr)
        return None
    first = getpass.getpass("new password: ")
    if getpass.getpass("again: ") != first:
        print("the two passwords differ", file=sys.stderr)
        return None
    return first


def main(argv: list[str]) -> int:
    from console.cli.store_commands import _open
    from console.services.accounts import AccountError

    args = _parser().parse_args(argv)
    svc = _open(args, write=args.action != "list")
    try:
        if args.action == "list":
            return _list(svc, args)
        new = _new_password(args) if args.action in ("add", "passwd") else None
        if args.action in ("add", "passwd") and new is None:
            return 1
        # stdin carried the new password (or nothing): the acting account's comes from the variable.
        code = act_as(
            svc, args, password=os.environ.get(PASSWORD_ENV, "") if args.action != "disable" else None
        )
        if code:
            return code
        try:
            if args.action == "add":
                acc = svc.accounts.add(args.name, args.position, new, args.group).value
                print(f"account {acc.name} added ({acc.position.value})")
            elif args.action == "passwd":
                svc.accounts.set_password(args.name, new)
                print(f"password of {args.name} changed")
            else:
                svc.accounts.disable(args.name)
                print(f"account {args.name} disabled")
        except AccountError as exc:
            print(f"error: {exc}", file=sys.stderr)
            return 1
        return 0
    finally:
        svc.store.close()


def _list(svc, args) -> int:
    rows = [{"name": a.name, "position": a.position.value, "group": a.unit_group, "disabled": a.disabled,
             "created_at": a.created_at} for a in svc.accounts.list()]
    if args.json:
        json.dump(rows, sys.stdout, ensure_ascii=False, indent=1)
        print()
    else:
        for r in rows:
            print(f"{r['name']:<16} {r['position']:<13} {'disabled' if r['disabled'] else ''}".rstrip())
    return 0
