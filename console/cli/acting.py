"""Which account a data-changing command acts as. Once any account exists, such a command names one
with `--user NAME` and gives its password on standard input (`--password-stdin`) or in ICC_PASSWORD;
it is checked like a sign-in. Before the first account, commands act as no one."""
from __future__ import annotations

import argparse
import os
import sys

PASSWORD_ENV = "ICC_PASSWORD"


def options() -> argparse.ArgumentParser:
    """The --user / --password-stdin options, as an argparse parent."""
    p = argparse.ArgumentParser(add_help=False)
    p.add_argument("--user", default=None, metavar="NAME", help="the account to act as (once accounts exist)")
    p.add_argument("--password-stdin", action="store_true",
                   help=f"read the password from standard input (else from {PASSWORD_ENV})")
    return p


def read_stdin_password() -> str:
    return sys.stdin.readline().rstrip("\r\n")


def act_as(svc, args, password: str | None = None) -> int:
    """Sign the command in as args.user. Returns 0, or 1 after saying why it was refused.
    password: given when stdin carries something else (a new password), else read as the options say."""
    from console.services.accounts import SignInFailed

    if not svc.accounts.any():
        return 0
    name = getattr(args, "user", None)
    if not name:
        print("accounts exist on this database: name one with --user NAME and give its password with "
              f"--password-stdin or {PASSWORD_ENV}", file=sys.stderr)
        return 1
    if password is None:
        password = (
            read_stdin_password() if getattr(args, "password_stdin", False) else os.environ.get(PASSWORD_ENV)
        )
    if not password:
        print(f"no password for {name!r}: give it with --password-stdin or {PASSWORD_ENV}", file=sys.stderr)
        return 1
    try:
        svc.store.actor = svc.accounts.authenticate(name, password)
    except SignInFailed as exc:
        print(f"refused: {exc}", file=sys.stderr)
        return 1
    return 0
