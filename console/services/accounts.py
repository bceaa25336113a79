"""Accounts (账号): the one writer of the accounts table. Passwords are kept only as Argon2id hashes;
sign-in is throttled per account name, and an unknown name costs the same hash as a known one, so
neither the answer nor its timing tells whether an account exists."""
from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import datetime

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

from console.domain.access import Action, Actor, Position
from console.domain.changes import Changes, Result
from console.domain.clock import from_iso, to_iso
from console.domain.duty_log import Category
from console.domain.plain_text import one_line
from console.services.duty_log import DutyLogService
from console.store.database import Store

# Argon2id at OWASP's recommended minimum (m=19 MiB, t=2, p=1): one sign-in stays under half a second
# even on a busy two-core laptop (bench/bench_signin.py measures it).
ARGON2_MEMORY_KIB = 19456  # 19 MiB
ARGON2_TIME_COST = 2
ARGON2_PARALLELISM = 1
MIN_PASSWORD_LENGTH = 8
# Failures allowed before waiting; then the wait doubles from FIRST_WAIT_S up to MAX_WAIT_S.
FREE_FAILURES = 3
FIRST_WAIT_S = 2
MAX_WAIT_S = 15 * 60


def password_hasher() -> PasswordHasher:
    return PasswordHasher(time_cost=ARGON2_TIME_COST, memory_cost=ARGON2_MEMORY_KIB,
                          parallelism=ARGON2_PARALLELISM)


class AccountError(ValueError):
    """A request about accounts that cannot be done; the message says why in plain words."""


class SignInFailed(AccountError):
    """Wrong name or password (never which), a disabled account, or a wait still running."""

    def __init__(self, message: str, wait_s: int = 0) -> None:
        super().__init__(message)
        self.wait_s = wait_s


@dataclass(frozen=True)
class Account:
    id: str
    name: str
    position: Position
    unit_group: str
    disabled: bool
    created_at: str

    def actor(self) -> Actor:
        return Actor(self.name, self.position, self.unit_group)


def throttle_wait(failures: int, last_failed: datetime, now: datetime) -> int:
    """Seconds still to wait before the next attempt after `failures` failures in a row."""
    if failures < FREE_FAILURES:
        return 0
    wait = min(FIRST_WAIT_S * 2 ** (failures - FREE_FAILURES), MAX_WAIT_S)
    left = wait - (now - last_failed).total_seconds()
    return max(0, math.ceil(left))


class AccountService:
    def __init__(self, store: Store, log: DutyLogService, hasher: PasswordHasher | None = None) -> None:
        self.store = store
        self.log = log
        self.texts = log.texts
        self.hasher = hasher or password_hasher()
        # Verified when the name is unknown, so a miss costs what a hit costs: the same parameters,
        # a salt and digest no password produces on purpose.
        p = self.hasher
        self._dummy_hash = (f"$argon2id$v=19$m={p.memory_cost},t={p.time_cost},p={p.parallelism}"
                            "$c2lnbi1pbi1kdW1teS1zYWx0$7i1CgM9JtZp0b2Pc6i3rA9a1VwWf2Sg2fJb8wX0y1uE")

    # -- reads -----------------------------------------------------------------------------------------
    def any(self) -> bool:
        return bool(self.store.scalar("SELECT 1 FROM accounts LIMIT 1"))

    def list(self) -> list[Account]:
        return [_account(r) for r in self.store.rows(
            "SELECT id, name, position, unit_group, disabled, created_at FROM accounts ORDER BY name")]

    def get(self, name: str) -> Account | None:
        r = self.store.one("SELECT id, name, position, unit_group, disabled, created_at FROM accounts "
                           "WHERE name = ?", (name.strip(),))
        return _account(r) if r else None

    # -- writes ----------------------------------------------------------------------------------------
    def add(
        self, name: str, position: Position | str, password: str, unit_group: str = ""
    ) -> Result[Account]:
        """A new account. The very first one needs no one signed in and must be an administrator;
        after that only a position allowed to manage accounts adds them."""
        name = one_line(name).strip()
        try:
            position = Position(position)
        except ValueError:
            raise AccountError(
                f"unknown position {position!r}; one of: {', '.join(p.value for p in Position)}"
            )
        if not name or len(name) > 64:
            raise AccountError("an account name is 1 to 64 characters")
        first = not self.any()
        if first and position is not Position.ADMIN:
            raise AccountError("the first account must be an administrator (admin)")
        if not first:
            self.log.require(Action.USERS)
        self._check_password(password)
        if self.get(name) is not None:
            raise AccountError(f"an account named {name!r} already exists")
        digest = self.hasher.hash(password)
        s = self.store
        with s.transaction():
            aid = s.new_id()
            s.insert(
                "accounts",
                {
                    "id": aid,
                    "name": name,
                    "position": position.value,
                    "unit_group": unit_group.strip(),
                    "password_hash": digest,
                    "disabled": 0,
                    "created_at": to_iso(s.clock.now()),
                },
            )
            changes = self.log.append(Category.SYSTEM, self.texts(
                "access.account_added", name=name, position=self._word(position))).changes
        changes.accounts.add(aid)
        account = self.get(name)
        assert account is not None
        return Result(account, changes)

    def disable(self, name: str) -> Result[None]:
        self.log.require(Action.USERS)
        acc = self._existing(name)
        if acc.disabled:
            return Result(None)
        if acc.position is Position.ADMIN and self._enabled_admins() <= 1:
            raise AccountError("the last enabled administrator cannot be disabled")
        s = self.store
        with s.transaction():
            s.update("accounts", acc.id, {"disabled": 1})
            changes = self.log.append(
                Category.SYSTEM, self.texts("access.account_disabled", name=acc.name)
            ).changes
        changes.accounts.add(acc.id)
        return Result(None, changes)

    def set_password(self, name: str, new_password: str) -> Result[None]:
        """The account's own password, or any account's when the acting position manages accounts."""
        acc = self._existing(name)
        actor = self.store.actor
        if actor is None or actor.name != acc.name:
            self.log.require(Action.USERS)
        self._check_password(new_password)
        digest = self.hasher.hash(new_password)
        s = self.store
        with s.transaction():
            s.update("accounts", acc.id, {"password_hash": digest})
            changes = self.log.append(
                Category.SYSTEM, self.texts("access.password_changed", name=acc.name)
            ).changes
        changes.accounts.add(acc.id)
        return Result(None, changes)

    # -- signing in ------------------------------------------------------------------------------------
    def wait_for(self, name: str) -> int:
        r = self.store.one(
            "SELECT failures, last_failed_at FROM signin_failures WHERE name = ?", (name.strip(),)
        )
        if r is None:
            return 0
        return throttle_wait(r["failures"], from_iso(r["last_failed_at"]), self.store.clock.now())

    def authenticate(self, name: str, password: str) -> Actor:
        """The account's Actor when the password is right; else SignInFailed (logged, and counted
        towards the account name's wait). Does not change who is signed in."""
        name = one_line(name).strip()
        wait = self.wait_for(name)
        if wait:
            raise SignInFailed(f"too many failed sign-ins for {name!r}: wait {wait} s and try again", wait)
        row = self.store.one("SELECT id, name, position, unit_group, disabled, created_at, password_hash "
                             "FROM accounts WHERE name = ?", (name,))
        ok = self._verify(row["password_hash"] if row else self._dummy_hash, password) and row is not None
        if not ok:
            self._failed(name)
            raise SignInFailed("wrong account name or password", self.wait_for(name))
        assert row is not None
        self._clear_failures(name, row)
        account = _account(row)
        if account.disabled:
            raise SignInFailed(f"the account {name!r} is disabled")
        return account.actor()

    def sign_in(self, name: str, password: str, record: bool = True) -> Result[Actor]:
        """Authenticate and make the account the one acting on this store; recorded in the duty log."""
        actor = self.authenticate(name, password)
        self.store.actor = actor
        changes = Changes()
        if record:
            changes = self.log.append(Category.SYSTEM, self.texts(
                "access.signed_in", name=actor.name, position=self._word(actor.position))).changes
        return Result(actor, changes)

    def sign_out(self) -> None:
        self.store.actor = None

    # -- helpers ---------------------------------------------------------------------------------------
    def _verify(self, digest: str, password: str) -> bool:
        try:
            return self.hasher.verify(digest, password)
        except (VerificationError, InvalidHashError):
            return False

    def _failed(self, name: str) -> None:
        s = self.store
        with s.transaction():
            now = to_iso(s.clock.now())
            s.conn.execute(
                "INSERT INTO signin_failures(name, failures, last_failed_at) VALUES (?, 1, ?) "
                "ON CONFLICT(name) DO UPDATE SET failures = failures + 1, "
                "last_failed_at = excluded.last_failed_at",
                (name, now),
            )
            self.log.append(Category.SYSTEM, self.texts("access.signin_failed", name=name[:64]))

    def _clear_failures(self, name: str, row: dict) -> None:
        if self.store.read_only or not self.store.scalar(
            "SELECT 1 FROM signin_failures WHERE name = ?", (name,)
        ):
            return
        with self.store.transaction():
            self.store.conn.execute("DELETE FROM signin_failures WHERE name = ?", (name,))

    def _check_password(self, password: str) -> None:
        if len(password) < MIN_PASSWORD_LENGTH:
            raise AccountError(f"a password needs at least {MIN_PASSWORD_LENGTH} characters")

    def _existing(self, name: str) -> Account:
        acc = self.get(name)
        if acc is None:
            raise AccountError(f"no account named {name!r}")
        return acc

    def _enabled_admins(self) -> int:
        return self.store.scalar("SELECT count(*) FROM accounts WHERE position = 'admin' AND disabled = 0")

    def _word(self, position: Position) -> str:
        from console.domain.record_texts.access import POSITION_WORDS

        return self.texts.word(POSITION_WORDS, position.value)


def _account(r: dict) -> Account:
    return Account(
        r["id"], r["name"], Position(r["position"]), r["unit_group"], bool(r["disabled"]), r["created_at"]
    )
