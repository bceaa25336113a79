"""One command tree: --help at every level lists its subcommands and --db; --db works wherever it
is written; read commands never create a database; nothing is overwritten without --force."""
from __future__ import annotations

import pytest

from console.cli import GROUPS

COMMANDS = ("db", "log", "incident", "preplan", "decode", "simulate", "screenshot", *GROUPS)


def test_top_level_help_lists_every_command_and_db(run):
    code, out, _ = run("--help")
    assert code == 0
    for name in COMMANDS:
        assert f"    {name} " in out, name
    assert "--db" in out


@pytest.mark.parametrize("path", [["db"], ["log"], ["incident"], ["incident", "add"], ["incident", "list"],
                                  ["screenshot"], ["preplan"], ["preplan", "validate"], ["preplan", "match"],
                                  ["decode"], ["simulate"]])
def test_every_level_shows_db_in_its_help(run, path):
    code, out, _ = run(*path, "--help")
    assert code == 0
    assert "--db" in out


def test_help_lists_subcommands_of_a_group(run):
    assert all(a in run("incident", "--help")[1] for a in ("add", "list"))
    assert all(a in run("preplan", "--help")[1] for a in ("validate", "match"))
    assert all(a in run("db", "--help")[1] for a in ("migrate", "check", "backup"))


def test_db_before_or_after_the_subcommand(run, tmp_path, incident_args):
    db = str(tmp_path / "x.db")
    assert run("--db", db, "incident", "add", *incident_args)[0] == 0
    for args in (["--db", db, "log", "verify"], ["log", "verify", "--db", db], ["log", "--db", db, "verify"]):
        code, out, _ = run(*args)
        assert code == 0 and "ok: 1 entries" in out, args
    assert "燃气泄漏" in run("--db", db, "--lang", "en", "incident", "list")[1]
    assert run("--db", db, "preplan", "validate", "--help")[0] == 0


@pytest.mark.parametrize("command", [["log", "verify"], ["log", "tail"], ["log", "search", "燃气"],
                                     ["incident", "list"], ["db", "check"], ["db", "backup"]])
def test_a_mistyped_db_is_an_error_and_creates_nothing(run, tmp_path, command):
    missing = tmp_path / "typo.db"
    code, _, err = run(*command, "--db", str(missing), "--lang", "en")
    assert code == 3 and "no database" in err
    assert list(tmp_path.iterdir()) == []


def test_backup_does_not_overwrite_without_force(run, tmp_path, incident_args):
    db, out = tmp_path / "a.db", tmp_path / "existing.db"
    run("incident", "add", "--db", str(db), *incident_args)
    out.write_bytes(b"precious")
    code, _, err = run("db", "backup", "--db", str(db), "--out", str(out), "--lang", "en")
    assert code == 1 and "--force" in err and out.read_bytes() == b"precious"
    assert run("db", "backup", "--db", str(db), "--out", str(out), "--force")[0] == 0
    assert run("log", "verify", "--db", str(out))[0] == 0


def test_simulate_link_does_not_replace_a_file(run, tmp_path):
    target = tmp_path / "keep.txt"
    target.write_text("mine")
    code, _, err = run("simulate", "--protocol", "nmea", "--link", str(target), "--duration", "0")
    assert code == 1 and "--force" in err and target.read_text() == "mine"


@pytest.mark.parametrize("args", [["simulate", "--protocol", "nmea", "--rate", "nan"],
                                  ["simulate", "--protocol", "nmea", "--rate", "inf"],
                                  ["simulate", "--protocol", "nmea", "--rate", "-1"],
                                  ["screenshot", "--out", "x.png", "--size", "40000x40000"],
                                  ["screenshot", "--out", "x.png", "--size", "0x0"],
                                  ["screenshot", "--out", "x.png", "--size", "axb"],
                                  ["log", "search", "燃"]])
def test_bad_values_are_refused_in_words(run, args, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    code, _, err = run(*args)
    assert code == 2 and err.strip()


def test_one_character_search_says_two_are_needed(run):
    code, _, err = run("log", "search", "x", "--lang", "en")
    assert code == 2 and "two characters" in err


def test_newer_and_negative_schema_are_explained(run, tmp_path, incident_args):
    import sqlite3

    db = tmp_path / "a.db"
    run("incident", "add", "--db", str(db), *incident_args)
    for version, words in ((999, "newer version"), (-1, "not valid")):
        raw = sqlite3.connect(db)
        raw.execute(f"PRAGMA user_version = {version}")
        raw.close()
        for args in (["log", "verify"], ["incident", "add", *incident_args]):
            code, _, err = run(*args, "--db", str(db), "--lang", "en")
            assert code == 3 and words in err, (version, args)


def test_the_window_without_a_display_says_so_and_points_at_screenshot(tmp_path):
    import os
    import subprocess
    import sys

    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")}
    out = subprocess.run([sys.executable, "-m", "console.cli", "--db", str(tmp_path / "g.db")], env=env,
                         capture_output=True, text=True, timeout=60)
    assert out.returncode == 3 and "no display" in out.stderr and "screenshot" in out.stderr
    assert not (tmp_path / "g.db").exists()
