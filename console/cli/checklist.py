"""`incident-console checklist list --incident ID [--json]` and
`checklist set ITEM_ID --state done|skipped|blocked [--reason T]`: an activated preplan's checklist
from scripts. Setting a state acts as an account once accounts exist."""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from console.cli.acting import act_as, options


def _parser() -> argparse.ArgumentParser:
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--db", type=Path, default=argparse.SUPPRESS, help="database file")
    common.add_argument("--lang", choices=["zh_CN", "en"], default=argparse.SUPPRESS, help="language")
    p = argparse.ArgumentParser(
        prog="incident-console checklist", description="preplan checklists (任务清单)"
    )
    p.add_argument("--db", type=Path, default=None, help="database file")
    p.add_argument("--lang", choices=["zh_CN", "en"], default="zh_CN", help="language")
    sub = p.add_subparsers(dest="action", required=True, metavar="ACTION", title="actions")
    lst = sub.add_parser("list", parents=[common], help="the items of an incident's active plans")
    lst.add_argument("--incident", required=True, metavar="ID")
    lst.add_argument("--json", action="store_true")
    st = sub.add_parser("set", parents=[common, options()], help="set an item's state")
    st.add_argument("item", metavar="ITEM_ID")
    st.add_argument("--state", required=True, choices=["done", "skipped", "blocked", "in_progress", "todo"])
    st.add_argument("--reason", default="", help="why (needed for skipped and blocked)")
    return p


def main(argv: list[str]) -> int:
    from console.cli.store_commands import _open

    args = _parser().parse_args(argv)
    svc = _open(args, write=args.action == "set")
    try:
        if args.action == "list":
            return _list(svc, args)
        if code := act_as(svc, args):
            return code
        try:
            svc.preplans.set_item_state(args.item, args.state, args.reason)
        except KeyError:
            print(f"no checklist item {args.item!r}", file=sys.stderr)
            return 1
        except ValueError as exc:
            print(f"error: {exc}", file=sys.stderr)
            return 1
        print(f"{args.item}: {args.state}")
        return 0
    finally:
        svc.store.close()


def _list(svc, args) -> int:
    rows = [{"id": r.id, "activation_id": a.id, "item_id": r.item.item_id, "text": r.item.text,
             "group": r.item.group_id, "state": r.item.state.value}
            for a in svc.preplans.activations(args.incident) if a.active
            for r in svc.preplans.checklist(a.id)]
    if args.json:
        json.dump(rows, sys.stdout, ensure_ascii=False, indent=1)
        print()
    else:
        for r in rows:
            print(f"{r['id']}  {r['state']:<11} [{r['group']}] {r['text']}")
    return 0
