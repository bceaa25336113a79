"""`incident-console` and its subcommands. Heavy modules (Qt) are imported only where needed."""
from __future__ import annotations

import sys


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
    if argv and argv[0] == "decode":
        # The decoder starts fast: it must not import Qt or the store.
        from console.devices.decode_cli import main as decode_main

        return decode_main(argv[1:])
    if argv and argv[0] == "preplan":
        from console.preplan_cli import main as preplan_main

        return preplan_main(argv[1:])
    if argv and argv[0] == "simulate":
        from console.devices.simulate_cli import main as simulate_main

        return simulate_main(argv[1:])
    from console.commands import run

    return run(argv)


if __name__ == "__main__":
    sys.exit(main())
