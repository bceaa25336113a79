"""`incident-console` and its subcommands: one command tree. Heavy modules (Qt) are imported only
where needed.

The store's own groups (db, log, incident, screenshot) and the GUI live in `store_commands`. Every
other group is a module of this package with `main(argv) -> int` (its own argparse, accepting
`--db PATH` and `--lang`); `GROUPS` names them, so a new group is one module and one line here.
`--db` and `--lang` may be written before or after the subcommand."""
from __future__ import annotations

import importlib
import sys

# group -> (module, one-line help)
GROUPS: dict[str, tuple[str, str]] = {
    "cap": ("console.cli.cap", "import, list and export CAP 1.2 warnings"),
    "camera": ("console.cli.camera", "the camera registry: add, list, import, export"),
    "checklist": ("console.cli.checklist", "an activated preplan's checklist: list, set an item's state"),
    "decode": ("console.cli.decode", "decode device bytes from stdin into JSON events"),
    "preplan": ("console.cli.preplan", "validate and match structured preplans"),
    "sensors": ("console.cli.sensors", "list sensors; import their history from CSV"),
    "simulate": ("console.cli.simulate", "a simulated device on a pseudo-terminal"),
    "hub": ("console.cli.hub", "run the sync hub (a local NATS JetStream server)"),
    "sync": ("console.cli.sync", "sync between consoles: identity, trust, bundle files, status, conflicts"),
    "user": ("console.cli.user", "accounts: add, list, disable, passwd"),
}

# Options that belong to the whole tree; each takes one value.
GLOBAL_OPTIONS = ("--db", "--lang")


def _split(argv: list[str]) -> tuple[list[str], str | None, list[str]]:
    """(global options written before the subcommand, the subcommand, what follows it)."""
    before: list[str] = []
    i = 0
    while i < len(argv):
        a = argv[i]
        if a in GLOBAL_OPTIONS and i + 1 < len(argv):
            before += argv[i:i + 2]
            i += 2
        elif a.startswith("-"):
            before.append(a)
            i += 1
        else:
            return before, a, argv[i + 1:]
    return before, None, []


def main(argv: list[str] | None = None) -> int:
    from console.cli.guard import guarded

    argv = list(sys.argv[1:] if argv is None else argv)
    return guarded(lambda: _dispatch(argv), lang=_lang(argv))


def _lang(argv: list[str]) -> str:
    for i, a in enumerate(argv):
        if a == "--lang" and i + 1 < len(argv):
            return argv[i + 1]
        if a.startswith("--lang="):
            return a.split("=", 1)[1]
    return "zh_CN"


def _dispatch(argv: list[str]) -> int:
    before, command, rest = _split(argv)
    if command in GROUPS:
        module = importlib.import_module(GROUPS[command][0])
        # A --db written before the group name goes to the group like one written after it.
        return int(module.main([*rest, *before]))
    from console.cli.store_commands import run

    return run(argv)


if __name__ == "__main__":
    sys.exit(main())
