"""`incident-console preplan validate FILE...`, `preplan match --incident ID [--json]` and
`preplan activate --incident ID --plan PLAN_ID --level 1-4` (acting as an account once accounts exist)."""
from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TextIO

from console.domain.incident import Incident
from console.domain.preplan import Preplan, PreplanError, check_file, load_file, match
from console.paths import PREPLANS


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="incident-console preplan",
                                     description="Structured preplans (结构化应急预案)")
    parser.add_argument("--db", default=argparse.SUPPRESS, metavar="PATH", help="database file (for match)")
    parser.add_argument("--lang", choices=("zh_CN", "en"), default=argparse.SUPPRESS, help="language")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND", title="commands")
    v = sub.add_parser("validate", help="check preplan YAML files; every problem with its line")
    v.add_argument("files", nargs="+", metavar="FILE")
    v.add_argument("--db", default=argparse.SUPPRESS, metavar="PATH",
                   help="accepted for symmetry; validation reads no database")
    v.add_argument("--lang", choices=("zh_CN", "en"), default=argparse.SUPPRESS, help="language")
    m = sub.add_parser("match", help="rank the preplans for an incident")
    m.add_argument("--incident", required=True, metavar="ID")
    m.add_argument("--db", default=argparse.SUPPRESS, metavar="PATH", help="database file")
    m.add_argument("--lang", choices=("zh_CN", "en"), default=argparse.SUPPRESS, help="language")
    m.add_argument("--plans", default=None, metavar="DIR", help="preplan folder (default: the samples)")
    m.add_argument("--all", action="store_true", help="also list plans that do not match at all")
    m.add_argument("--json", action="store_true", help="as JSON: plan_id, title, score and suggested level")
    from console.cli.acting import options

    a = sub.add_parser("activate", parents=[options()], help="activate a preplan for an incident")
    a.add_argument("--incident", required=True, metavar="ID")
    a.add_argument("--plan", required=True, metavar="PLAN_ID")
    a.add_argument(
        "--level", required=True, type=int, choices=(1, 2, 3, 4), help="response level, 1 (I) to 4 (IV)"
    )
    a.add_argument("--db", default=argparse.SUPPRESS, metavar="PATH", help="database file")
    a.add_argument("--lang", choices=("zh_CN", "en"), default=argparse.SUPPRESS, help="language")
    args = parser.parse_args(argv)
    if args.command == "validate":
        return validate(args.files, sys.stdout)
    if args.command == "activate":
        return activate(args)
    folder = Path(args.plans) if args.plans else PREPLANS
    if not folder.is_dir():
        print(f"no preplan folder {str(folder)!r}: it does not exist or is not a folder", file=sys.stderr)
        return 2
    from console.services.incidents import load_incident

    incident = load_incident(getattr(args, "db", None), args.incident)
    if incident is None:
        print(f"no incident {args.incident!r}", file=sys.stderr)
        return 1
    plans = load_plans(folder, sys.stderr)
    if plans is None:
        return 1
    if args.json:
        return print_matches_json(incident, plans, sys.stdout, show_all=args.all)
    return print_matches(incident, plans, sys.stdout, show_all=args.all, lang=getattr(args, "lang", "zh_CN"))


def print_matches_json(
    incident: Incident, plans: Sequence[Preplan], out: TextIO, show_all: bool = False
) -> int:
    from console.domain.preplan.matching import suggest_level

    ranked = [r for r in match(incident, plans) if show_all or r.score > 0]
    json.dump(
        [
            {
                "plan_id": r.plan.id,
                "title": r.plan.title,
                "score": r.score,
                "level": int(suggest_level(incident, r.plan)),
            }
            for r in ranked
        ],
        out,
        ensure_ascii=False,
        indent=1,
    )
    print(file=out)
    return 0


def activate(args) -> int:
    """Activate a plan (the shipped samples are loaded into the database first if missing)."""
    from argparse import Namespace

    from console.cli.acting import act_as
    from console.cli.store_commands import _open
    from console.domain.access import Action
    from console.domain.incident import Level

    svc = _open(Namespace(db=getattr(args, "db", None), lang=getattr(args, "lang", "zh_CN")))
    try:
        if code := act_as(svc, args):
            return code
        if svc.incidents.get(args.incident) is None:
            print(f"no incident {args.incident!r}", file=sys.stderr)
            return 1
        # Refused (and logged) before the samples are loaded, so a refusal writes nothing else.
        svc.log.require(Action.PREPLAN_ACTIVATION)
        if args.plan not in {r["id"] for r in svc.preplans.plan_rows()}:
            svc.preplans.load_samples()
        try:
            act = svc.preplans.activate(args.incident, args.plan, Level(args.level)).value
        except (KeyError, ValueError) as exc:
            print(f"error: {str(exc).strip(chr(39))}", file=sys.stderr)
            return 1
        print(act.id)
        return 0
    finally:
        svc.store.close()


def load_plans(folder: Path, err: TextIO) -> list[Preplan] | None:
    """Every valid plan in `folder`; each broken one is reported with its problems and left out.

    None when the folder holds no valid plan at all (a match against nothing would read "no match").
    """
    try:
        files = sorted([*folder.glob("*.yaml"), *folder.glob("*.yml")])
    except OSError as e:
        print(f"cannot list {str(folder)!r}: {e.strerror or e}", file=err)
        return None
    plans: list[Preplan] = []
    for f in files:
        try:
            plans.append(load_file(f))
        except PreplanError as e:
            print(f"skipping {f.name}: not a valid preplan", file=err)
            for problem in e.problems:
                print(f"  {problem}", file=err)
    if not plans:
        print(f"no valid preplan in {str(folder)!r} ({len(files)} file(s) checked)", file=err)
        return None
    return plans


def validate(files: Sequence[str], out: TextIO) -> int:
    bad = 0
    for f in files:
        problems = check_file(f)
        for p in problems:
            print(p, file=out)
        bad += bool(problems)
    print(f"{len(files) - bad} of {len(files)} preplans valid", file=out)
    return 1 if bad else 0


def print_matches(incident: Incident, plans: Sequence[Preplan], out: TextIO, show_all: bool = False,
                  lang: str = "zh_CN") -> int:
    from console.domain.record_texts import RecordTexts

    texts = RecordTexts(lang)
    ranked = [r for r in match(incident, plans) if show_all or r.score > 0]
    if not ranked:
        print("没有匹配的预案" if texts.lang == "zh_CN" else "no preplan matches", file=out)
    for rank, r in enumerate(ranked, 1):
        print(f"{rank}. {r.plan.title} ({r.plan.id}) score {r.score}: {r.describe(texts)}", file=out)
    return 0
