"""Entries adopted from other sites are checked with the key each site enrolled with: after a sync
both consoles' `log verify` passes, and a foreign entry whose signature is not its site's is caught."""
from __future__ import annotations

import base64
import sqlite3

from console.cli import main
from console.domain.duty_log import Category, entry_signing_bytes
from console.store import site_key

from .sync_sites import enrol_all, exchange, open_site


def _verify_cli(capsys, db) -> tuple[int, str]:
    code = main(["log", "verify", "--db", str(db)])
    out, err = capsys.readouterr()
    return code, out + err


def test_both_consoles_verify_after_syncing_both_ways(tmp_path, capsys):
    a, b = open_site(tmp_path, "a"), open_site(tmp_path, "b")
    try:
        enrol_all([a, b])
        a.add_incident("青浦区厂房火灾")
        a.svc.log.append(Category.OTHER, "指挥部：一号车到达")
        b.svc.log.append(Category.OTHER, "中心：调派增援")
        exchange(a, b)
        exchange(b, a)
        b.svc.log.append(Category.OTHER, "中心：增援出发")  # B's chain continues after A's entries
        exchange(b, a)
        for s in (a, b):
            sites = {r["site"] for r in s.svc.store.rows("SELECT site FROM duty_log")}
            assert sites == {a.id, b.id}
            s.svc.log.flush_head()
    finally:
        a.close()
        b.close()
    for db in (tmp_path / "a.db", tmp_path / "b.db"):
        code, text = _verify_cli(capsys, db)
        assert code == 0, text


def test_a_console_that_only_received_entries_verifies(tmp_path):
    a, b = open_site(tmp_path, "a"), open_site(tmp_path, "b")
    try:
        enrol_all([a, b])
        a.svc.log.append(Category.OTHER, "仅由同步收到")
        exchange(a, b)
        assert b.svc.log.verify()[1] is None
    finally:
        a.close()
        b.close()


def test_foreign_entry_with_another_keys_signature_is_caught(tmp_path, capsys):
    a, b = open_site(tmp_path, "a"), open_site(tmp_path, "b")
    try:
        enrol_all([a, b])
        a.svc.log.append(Category.OTHER, "原始记录")
        exchange(a, b)
        b.svc.log.flush_head()
        a_id = a.id
    finally:
        a.close()
        b.close()
    # Someone holding B's key re-signs A's entry in B's database: its hash is intact, its signature is not A's.
    db = tmp_path / "b.db"
    conn = sqlite3.connect(db)
    entry_id, digest = conn.execute("SELECT id, hash FROM duty_log WHERE site = ?", (a_id,)).fetchone()
    b_key = site_key.load(db, "b")
    forged = base64.b64encode(b_key.sign(entry_signing_bytes(digest))).decode("ascii")
    conn.execute("DROP TRIGGER duty_log_no_update")  # as an adversary with the file would
    conn.execute("UPDATE duty_log SET sig = ? WHERE id = ?", (forged, entry_id))
    conn.commit()
    conn.close()
    code, text = _verify_cli(capsys, db)
    assert code == 1 and f"site {a_id}'s enrolled key" in text


def test_relayed_entry_of_a_site_not_enrolled_is_named(tmp_path):
    a, b, c = (open_site(tmp_path, n) for n in "abc")
    try:
        enrol_all([a, b])
        enrol_all([a, c])
        c.svc.log.append(Category.OTHER, "第三方记录")
        exchange(c, a)
        exchange(a, b)  # A relays C's entry; B has never enrolled C
        count, broken = b.svc.log.verify()
        assert broken is not None and "does not know" in broken.reason
        b.sync.trust(c.id, c.sync.identity()["public_key"])
        assert b.svc.log.verify()[1] is None
    finally:
        for s in (a, b, c):
            s.close()
