"""The sync commands and the scripting commands, as a user runs them (in-process, real files)."""
from __future__ import annotations

import json
import sqlite3

from console.cli import main


def _run(capsys, *argv) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def _changes(db) -> int:
    with sqlite3.connect(db) as conn:
        return conn.execute("SELECT count(*) FROM changes").fetchone()[0]


def test_two_consoles_by_bundle_file(tmp_path, capsys):
    a, b = str(tmp_path / "a.db"), str(tmp_path / "b.db")
    ids = {}
    for db in (a, b):
        code, out, _ = _run(capsys, "sync", "identity", "--db", db, "--json")
        ids[db] = json.loads(out)
        assert code == 0 and set(ids[db]) == {"site_id", "public_key"}
    assert _run(capsys, "sync", "trust", "--db", b, ids[a]["site_id"], ids[a]["public_key"])[0] == 0
    assert _run(capsys, "sync", "trust", "--db", a, ids[b]["site_id"], ids[b]["public_key"])[0] == 0
    code, inc_id, _ = _run(capsys, "incident", "add", "--db", a, "--title", "浦东机场", "--class", "accident",
                           "--level", "3", "--lat", "31.15", "--lon", "121.80")
    inc_id = inc_id.strip()
    assert _run(capsys, "log", "add", "--db", a, "--text", "现场回报", "--incident", inc_id)[0] == 0
    bundle = tmp_path / "a-to-b.bundle"
    assert _run(capsys, "sync", "export", "--db", a, "--to", ids[b]["site_id"], "--out", str(bundle))[0] == 0
    code, out, _ = _run(capsys, "sync", "status", "--db", a, "--json")
    [peer] = json.loads(out)
    assert peer["site"] == ids[b]["site_id"] and peer["pending"] > 0
    assert _run(capsys, "sync", "import", "--db", b, str(bundle))[0] == 0
    code, out, _ = _run(capsys, "log", "tail", "--db", b, "--json", "--all")
    rows = json.loads(out)
    assert {"id", "time", "category", "text", "incident_id", "site_id"} <= set(rows[0])
    assert [r["text"] for r in rows if r["category"] == "other"] == ["现场回报"]
    assert {r["site_id"] for r in rows} == {ids[a]["site_id"]}
    code, out, _ = _run(capsys, "sync", "conflicts", "--db", b, "--json")
    assert code == 0 and json.loads(out) == []
    assert _run(capsys, "log", "verify", "--db", b)[0] == 0


def test_bad_input_gets_plain_words(tmp_path, capsys):
    db = str(tmp_path / "a.db")
    code, _, err = _run(capsys, "sync", "import", "--db", db, str(tmp_path / "missing.bundle"))
    assert code == 3 and "cannot read" in err
    code, _, err = _run(capsys, "sync", "trust", "--db", db, "SITE", "not-a-key")
    assert code == 1 and "Ed25519" in err
    code, _, err = _run(capsys, "sync", "export", "--db", db, "--to", "NOBODY", "--out", str(tmp_path / "x"))
    assert code == 1 and "not enrolled" in err


def test_incident_update_writes_only_what_differs(tmp_path, capsys):
    db = str(tmp_path / "a.db")
    _, inc_id, _ = _run(capsys, "incident", "add", "--db", db, "--title", "T", "--class", "natural",
                        "--level", "2", "--lat", "31.6", "--lon", "121.4")
    inc_id = inc_id.strip()
    n = _changes(db)
    assert _run(capsys, "incident", "update", "--db", db, inc_id, "--title", "T", "--level", "2")[1].strip() \
        == "unchanged"
    assert _changes(db) == n
    assert _run(capsys, "incident", "update", "--db", db, inc_id, "--status", "closed", "--casualties", "3",
                "--level", "1")[0] == 0
    _, out, _ = _run(capsys, "incident", "list", "--db", db, "--json")
    [row] = json.loads(out)
    assert (row["status"], row["level"], row["casualties"]["injuries"]) == ("closed", 1, 3)
    code, _, err = _run(capsys, "incident", "update", "--db", db, inc_id, "--status", "reported")
    assert code == 1 and "back" in err
