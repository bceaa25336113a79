"""Accounts: Argon2id hashes, the first account, throttled sign-in, disable, password change."""
import pytest
from argon2 import PasswordHasher, extract_parameters

from console.domain.access import Position, Refused
from console.domain.duty_log import Category
from console.services.accounts import (
    ARGON2_MEMORY_KIB,
    ARGON2_TIME_COST,
    AccountError,
    AccountService,
    SignInFailed,
)
from console.services.duty_log import LogFilter

ADMIN_PW = "Adm1n-pass-X"


@pytest.fixture
def admin(services):
    services.accounts.add("admin", "admin", ADMIN_PW)
    services.store.actor = services.accounts.authenticate("admin", ADMIN_PW)
    return services


def test_first_account_must_be_admin_and_needs_no_one_signed_in(services):
    with pytest.raises(AccountError, match="first account"):
        services.accounts.add("wang", "duty_officer", "long-enough-1")
    acc = services.accounts.add("admin", "admin", ADMIN_PW).value
    assert acc.position is Position.ADMIN and not acc.disabled


def test_hash_is_argon2id_at_least_owasp_minimum_and_no_clear_password_anywhere(admin, db_path):
    digest = admin.store.scalar("SELECT password_hash FROM accounts WHERE name = 'admin'")
    params = extract_parameters(digest)
    assert digest.startswith("$argon2id$")
    assert params.memory_cost >= 19 * 1024 and params.time_cost >= 2 and params.parallelism >= 1
    assert (params.memory_cost, params.time_cost) == (ARGON2_MEMORY_KIB, ARGON2_TIME_COST)
    admin.store.close()
    for f in db_path.parent.iterdir():
        assert ADMIN_PW.encode() not in f.read_bytes(), f


def test_short_password_and_duplicate_name_refused(admin):
    with pytest.raises(AccountError, match="at least"):
        admin.accounts.add("li", "duty_officer", "short")
    with pytest.raises(AccountError, match="already exists"):
        admin.accounts.add("admin", "admin", "another-password")


def test_only_user_managers_add_accounts_and_the_refusal_is_logged(admin):
    admin.accounts.add("li", "duty_officer", "duty-pass-1")
    admin.store.actor = admin.accounts.authenticate("li", "duty-pass-1")
    before = admin.store.scalar("SELECT count(*) FROM accounts")
    with pytest.raises(Refused):
        admin.accounts.add("zhao", "admin", "zhao-pass-1")
    assert admin.store.scalar("SELECT count(*) FROM accounts") == before
    last = admin.log.entries(limit=1)[0]
    assert last.category is Category.SYSTEM and "li" in last.text and last.author == "li"


def test_wrong_password_unknown_name_same_answer_and_both_logged(admin):
    admin.store.actor = None
    for name in ("admin", "nobody"):
        with pytest.raises(SignInFailed) as err:
            admin.accounts.authenticate(name, "wrong-password")
        assert str(err.value) == "wrong account name or password"
    texts = [e.text for e in admin.log.entries(LogFilter(category=Category.SYSTEM), limit=2)]
    assert any("nobody" in t for t in texts) and any("admin" in t for t in texts)


def test_unknown_name_costs_one_hash_with_the_same_parameters(store):
    """No timing difference: a miss verifies once against a hash with the real parameters."""
    seen: list[tuple] = []

    class Counting(PasswordHasher):
        def verify(self, hash, password):
            p = extract_parameters(hash)
            seen.append((p.type, p.memory_cost, p.time_cost, p.parallelism))
            return super().verify(hash, password)

    from console.services.duty_log import DutyLogService

    accounts = AccountService(store, DutyLogService(store), Counting(memory_cost=ARGON2_MEMORY_KIB,
                                                                      time_cost=ARGON2_TIME_COST, parallelism=1))
    accounts.add("admin", "admin", ADMIN_PW)
    for name in ("admin", "nobody"):
        with pytest.raises(SignInFailed):
            accounts.authenticate(name, "wrong-password")
    assert len(seen) == 2 and seen[0] == seen[1]


def test_sign_in_is_throttled_per_account_with_the_wait(admin, clock):
    admin.store.actor = None
    for _ in range(3):
        with pytest.raises(SignInFailed):
            admin.accounts.authenticate("admin", "wrong-password")
    with pytest.raises(SignInFailed, match=r"wait 2 s") as err:
        admin.accounts.authenticate("admin", ADMIN_PW)  # even the right password waits
    assert err.value.wait_s == 2
    assert admin.accounts.wait_for("someone-else") == 0
    clock.advance(seconds=2)
    assert admin.accounts.authenticate("admin", ADMIN_PW).name == "admin"
    assert admin.accounts.wait_for("admin") == 0  # a good sign-in clears the count


def test_disable_not_delete_and_disabled_cannot_sign_in(admin):
    admin.accounts.add("li", "duty_officer", "duty-pass-1")
    admin.accounts.disable("li")
    assert [a.name for a in admin.accounts.list() if a.disabled] == ["li"]
    with pytest.raises(SignInFailed, match="disabled"):
        admin.accounts.authenticate("li", "duty-pass-1")
    with pytest.raises(AccountError, match="last enabled administrator"):
        admin.accounts.disable("admin")


def test_password_change_by_self_or_admin(admin):
    admin.accounts.add("li", "duty_officer", "duty-pass-1")
    admin.accounts.set_password("li", "duty-pass-2")
    admin.store.actor = admin.accounts.authenticate("li", "duty-pass-2")
    admin.accounts.set_password("li", "duty-pass-3")
    with pytest.raises(Refused):
        admin.accounts.set_password("admin", "taken-over-1")
    assert admin.accounts.authenticate("admin", ADMIN_PW).name == "admin"
