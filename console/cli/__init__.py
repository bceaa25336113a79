"""`incident-console` and its subcommands. Heavy modules (Qt) are imported only where needed.

Each command group is a module of this package with `main(argv) -> int`; `GROUPS` names them, so a
new group is one module and one line here."""
from __future__ import annotations

import importlib
import sys

# group -> (module, one-line help). Groups handled by store_commands share its parser.
GROUPS: dict[str, tuple[str, str]] = {
    "decode": ("console.cli.decode", "decode device bytes from stdin into JSON events"),
    "preplan": ("console.cli.preplan", "validate and match structured preplans"),
    "simulate": ("console.cli.simulate", "a simulated device on a pseudo-terminal"),
    "hub": ("console.cli.hub", "run the sync hub (a local NATS JetStream server)"),
    "sync": ("console.cli.sync", "sync between consoles: identity, trust, bundle files, status, conflicts"),
}


def _without_db(argv: list[str]) -> list[str]:
    """Every subcommand takes --db; the device tools read no database, so they drop it."""
    out, skip = [], False
    for a in argv:
        if skip:
            skip = False
        elif a == "--db":
            skip = True
        elif not a.startswith("--db="):
            out.append(a)
    return out


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    if argv and argv[0] in ("decode", "simulate"):
        argv = [argv[0], *_without_db(argv[1:])]
    if argv and argv[0] in GROUPS:
        module = importlib.import_module(GROUPS[argv[0]][0])
        return int(module.main(argv[1:]))
    from console.cli.store_commands import run

    return run(argv)


if __name__ == "__main__":
    sys.exit(main())
