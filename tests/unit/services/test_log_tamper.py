"""The duty log attacked the way someone with write access to the database file would: each attack
is done with a plain sqlite3 connection to a real file, then `log verify` must name what it found."""
from __future__ import annotations

import shutil
import sqlite3

import pytest

from console.cli.store_commands import run
from console.domain.duty_log import GENESIS, Category, entry_hash
from console.domain.text_index import index_text
from console.services import build_services
from console.store import log_head
from console.store.database import open_store
from console.store.site_key import key_path


def _make_log(db, n=5):
    store = open_store(db)
    svc = build_services(store)
    for i in range(n):
        svc.log.append(Category.COMMS, f"沪消-{i:02d} 到达现场")
    svc.log.flush_head()
    store.close()
    return db


def _verify(db, head=None):
    store = open_store(db)
    try:
        return build_services(store).log.verify(head)
    finally:
        store.close()


def _attack(db, *statements):
    conn = sqlite3.connect(db)
    conn.execute("DROP TRIGGER IF EXISTS duty_log_no_update")
    conn.execute("DROP TRIGGER IF EXISTS duty_log_no_delete")
    for stmt in statements:
        if isinstance(stmt, tuple):
            conn.execute(*stmt)
        else:
            conn.execute(stmt)
    conn.commit()
    conn.close()


def _rechain(db, rows_from=1, edit=lambda row: row):
    """Recompute every hash from rows_from on, after applying `edit` to each row (the scheme is public)."""
    conn = sqlite3.connect(db)
    conn.row_factory = sqlite3.Row
    conn.execute("DROP TRIGGER IF EXISTS duty_log_no_update")
    rows = [dict(r) for r in conn.execute("SELECT * FROM duty_log ORDER BY seq")]
    prev = GENESIS
    for row in rows:
        if row["seq"] >= rows_from:
            row = edit(row)
            row["prev_hash"] = prev
            row["hash"] = entry_hash(prev, row)
            conn.execute("UPDATE duty_log SET text = ?, prev_hash = ?, hash = ?, sig = ? WHERE seq = ?",
                         (row["text"], row["prev_hash"], row["hash"], row["sig"], row["seq"]))
        prev = row["hash"]
    conn.commit()
    conn.close()


@pytest.fixture
def db(tmp_path):
    return _make_log(tmp_path / "duty.db")


def test_an_untouched_log_verifies_with_its_head(db):
    n, broken = _verify(db)
    assert (n, broken) == (5, None)


def test_truncating_the_last_entry_is_named(db):
    _attack(db, "DELETE FROM duty_log WHERE seq = 5")
    n, broken = _verify(db)
    assert n == 4 and broken.kind == "truncated" and "#5" in broken.reason


def test_truncating_every_entry_is_named(db):
    _attack(db, "DELETE FROM duty_log")
    _, broken = _verify(db)
    assert broken.kind == "truncated" and "all entries" in broken.reason


def test_rewriting_an_entry_with_recomputed_hashes_is_named(db):
    _rechain(db, 3, lambda row: {**row, "text": "沪消-02 未到达"} if row["seq"] == 3 else row)
    _, broken = _verify(db)
    assert broken.kind == "rewritten" and broken.seq == 3


def test_rewriting_and_dropping_the_signatures_is_named(db):
    _rechain(db, 2, lambda row: {**row, "sig": None})
    _, broken = _verify(db)
    assert broken.seq == 2 and "not signed" in broken.reason


def test_deleting_a_middle_entry_and_relinking_is_named(db):
    _attack(db, "DELETE FROM duty_log WHERE seq = 3")
    _rechain(db, 4)
    _, broken = _verify(db)
    assert broken.kind == "deleted" and "#3" in broken.reason


def test_deleting_a_middle_entry_and_renumbering_is_named(db):
    _attack(db, "DELETE FROM duty_log WHERE seq = 3", "UPDATE duty_log SET seq = seq - 1 WHERE seq > 3")
    _rechain(db, 3)
    _, broken = _verify(db)
    assert broken.kind in {"rewritten", "truncated"} and broken.seq in (0, 3)


def test_an_appended_forgery_with_a_valid_link_is_named(db):
    conn = sqlite3.connect(db)
    last = conn.execute("SELECT hash, site FROM duty_log ORDER BY seq DESC LIMIT 1").fetchone()
    conn.close()
    fields = {"id": "FORGED", "site": last[1], "at": "2026-07-15T02:00:00Z", "category": "instruction",
              "text": "领导指示：撤离", "author": "", "incident_id": None, "unit_id": None, "shift_id": None,
              "corrects_id": None}
    row = {**fields, "prev_hash": last[0], "hash": entry_hash(last[0], fields), "sig": "AAAA"}
    cols = ", ".join(row)
    _attack(db, (f"INSERT INTO duty_log ({cols}) VALUES ({', '.join('?' for _ in row)})", tuple(row.values())))
    _, broken = _verify(db)
    assert broken.kind == "forged" and broken.entry_id == "FORGED"


def test_an_older_copy_of_the_file_is_named(tmp_path):
    db = _make_log(tmp_path / "duty.db", 3)
    shutil.copy(db, tmp_path / "old.db")
    store = open_store(db)
    svc = build_services(store)
    svc.log.append(Category.INSTRUCTION, "领导指示：封闭道路")
    svc.log.flush_head()
    store.close()
    shutil.copy(tmp_path / "old.db", db)
    _, broken = _verify(db)
    assert broken.kind == "rolled back" and "#3" in broken.reason and "#4" in broken.reason


def test_a_missing_head_is_named(db):
    log_head.head_path(db).unlink()
    _, broken = _verify(db)
    assert broken.kind == "head missing"


def test_a_damaged_head_is_named_not_a_traceback(db):
    log_head.head_path(db).write_bytes(b"\x00garbage")
    _, broken = _verify(db)
    assert broken.kind == "head damaged"


def test_a_replaced_public_key_is_caught_even_without_the_private_key(db, tmp_path):
    import base64

    from cryptography.hazmat.primitives import serialization
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

    other = Ed25519PrivateKey.generate().public_key().public_bytes(serialization.Encoding.Raw,
                                                                   serialization.PublicFormat.Raw)
    _attack(db, ("UPDATE meta SET value = ? WHERE key = 'site_public_key'", (base64.b64encode(other).decode(),)))
    _, broken = _verify(db)
    assert broken.kind == "key replaced"
    key_path(db).unlink()  # a copy on another machine: only the head file's key to go by
    _, broken = _verify(db)
    assert broken.kind == "key replaced"


def test_a_copy_without_the_private_key_still_verifies(db, tmp_path):
    copy_dir = tmp_path / "elsewhere"
    copy_dir.mkdir()
    shutil.copy(db, copy_dir / "duty.db")
    shutil.copy(log_head.head_path(db), log_head.head_path(copy_dir / "duty.db"))
    assert _verify(copy_dir / "duty.db") == (5, None)
    assert not key_path(copy_dir / "duty.db").exists()


def test_the_head_printed_on_a_sheet_is_checked(db):
    store = open_store(db)
    head = build_services(store).log.signed_head()
    store.close()
    spaced = " ".join(head.hash[i:i + 8] for i in range(0, 64, 8)).upper()
    assert _verify(db, spaced)[1] is None
    _, broken = _verify(db, "0" * 64)
    assert broken.kind == "head mismatch"
    _, broken = _verify(db, "not a hash")
    assert broken.kind == "bad head"


def test_a_forger_with_his_own_key_and_head_is_caught_by_the_printed_head(db):
    store = open_store(db)
    printed = build_services(store).log.signed_head().hash
    store.close()
    key_path(db).unlink()
    log_head.head_path(db).unlink()
    _attack(db, "DELETE FROM duty_log WHERE seq = 5", "DELETE FROM meta WHERE key = 'site_public_key'",
            "UPDATE sqlite_sequence SET seq = 4 WHERE name = 'duty_log'")
    _rechain(db, 1, lambda row: {**row, "sig": None})
    # Re-sign everything with a new key: appending one entry creates it and a fresh head.
    conn = sqlite3.connect(db)
    conn.execute("UPDATE meta SET value = '0' WHERE key = 'duty_log_signed_after'")
    conn.commit()
    conn.close()
    _make_log(db, 0)
    assert _verify(db, printed)[1].kind in {"head mismatch", "forged", "rewritten"}


@pytest.mark.parametrize("value", ["X'FF00'", "CAST(X'FFFE' AS TEXT)"])
def test_a_value_of_the_wrong_type_is_broken_not_a_traceback(db, value):
    _attack(db, f"UPDATE duty_log SET text = {value} WHERE seq = 2")
    n, broken = _verify(db)
    assert broken.kind == "wrong type" and broken.seq == 2 and "text" in broken.reason


def test_the_cli_names_the_attack(db, capsys):
    _attack(db, "DELETE FROM duty_log WHERE seq = 5")
    assert run(["log", "verify", "--db", str(db)]) == 1
    out = capsys.readouterr().out
    assert "BROKEN (truncated)" in out and "Traceback" not in out


def test_an_fts_row_deleted_behind_the_log_is_noticed_by_db_check(db, capsys):
    assert run(["db", "check", "--db", str(db)]) == 0
    conn = sqlite3.connect(db)
    conn.execute("INSERT INTO duty_log_fts(duty_log_fts, rowid, tokens) SELECT 'delete', 2, ?",
                 (index_text("沪消-01 到达现场"),))
    conn.commit()
    conn.close()
    capsys.readouterr()
    assert run(["db", "check", "--db", str(db)]) == 1
    assert "missing from the search index (#2)" in capsys.readouterr().out
