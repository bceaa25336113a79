"""The account commands, and data-changing commands acting as an account once accounts exist."""
import io
import json
import os
import stat

import pytest


@pytest.fixture
def stdin(monkeypatch):
    def feed(text: str) -> None:
        monkeypatch.setattr("sys.stdin", io.StringIO(text))
    return feed


@pytest.fixture
def accounts(run, stdin, monkeypatch, tmp_path):
    db = str(tmp_path / "a.db")
    stdin("Adm1n-pass-X\n")
    assert run("user", "add", "admin", "--position", "admin", "--password-stdin", "--db", db)[0] == 0
    monkeypatch.setenv("ICC_PASSWORD", "Adm1n-pass-X")
    stdin("F1eld-pass-Y\n")
    assert run("user", "add", "field1", "--position", "field_unit", "--password-stdin", "--user", "admin",
               "--db", db)[0] == 0
    stdin("Cmdr-pass-Z\n")
    assert run("user", "add", "cmdr", "--position", "commander", "--password-stdin", "--user", "admin",
               "--db", db)[0] == 0
    monkeypatch.delenv("ICC_PASSWORD")
    return db


def test_first_account_must_be_admin(run, stdin, tmp_path):
    stdin("Duty-pass-1\n")
    code, _, err = run("user", "add", "li", "--position", "duty_officer", "--password-stdin",
                       "--db", str(tmp_path / "a.db"))
    assert code == 1 and "administrator" in err


def test_list_json_has_no_password_and_files_are_owner_only(run, accounts, tmp_path):
    code, out, _ = run("user", "list", "--json", "--db", accounts)
    rows = json.loads(out)
    assert code == 0 and [r["name"] for r in rows] == ["admin", "cmdr", "field1"]
    assert "pass" not in out
    for f in tmp_path.iterdir():
        assert b"Adm1n-pass-X" not in f.read_bytes()
        assert stat.S_IMODE(os.stat(f).st_mode) & 0o077 == 0, f


def test_writes_need_an_account_and_the_right_password(run, accounts, incident_args, monkeypatch):
    code, _, err = run("incident", "add", "--db", accounts, *incident_args)
    assert code == 1 and "--user" in err
    monkeypatch.setenv("ICC_PASSWORD", "wrong")
    code, _, err = run("incident", "add", "--user", "cmdr", "--db", accounts, *incident_args)
    assert code == 1 and "wrong account name or password" in err
    assert json.loads(run("incident", "list", "--json", "--db", accounts)[1]) == []
    monkeypatch.setenv("ICC_PASSWORD", "Cmdr-pass-Z")
    assert run("incident", "add", "--user", "cmdr", "--db", accounts, *incident_args)[0] == 0


def test_field_unit_refused_activation_commander_activates(run, accounts, incident_args, monkeypatch):
    monkeypatch.setenv("ICC_PASSWORD", "Cmdr-pass-Z")
    inc = run("incident", "add", "--user", "cmdr", "--db", accounts, *incident_args)[1].strip()
    code, out, _ = run("preplan", "match", "--incident", inc, "--json", "--db", accounts)
    plan = json.loads(out)[0]
    assert code == 0 and {"plan_id", "score", "level"} <= set(plan)
    monkeypatch.setenv("ICC_PASSWORD", "F1eld-pass-Y")
    code, _, err = run("preplan", "activate", "--user", "field1", "--incident", inc, "--plan", plan["plan_id"],
                       "--level", "3", "--db", accounts)
    assert code == 1 and "field1" in err
    entries = json.loads(run("log", "tail", "--json", "--all", "--db", accounts)[1])
    assert entries[-1]["author"] == "field1" and entries[-1]["position"] == "field_unit"
    monkeypatch.setenv("ICC_PASSWORD", "Cmdr-pass-Z")
    assert run("preplan", "activate", "--user", "cmdr", "--incident", inc, "--plan", plan["plan_id"],
               "--level", "3", "--db", accounts)[0] == 0
    items = json.loads(run("checklist", "list", "--incident", inc, "--json", "--db", accounts)[1])
    code, out, err = run("checklist", "set", items[0]["id"], "--state", "blocked", "--reason", "road closed",
                         "--user", "cmdr", "--db", accounts)
    assert code == 0, err
    entries = json.loads(run("log", "tail", "--json", "--all", "--db", accounts)[1])
    assert entries[-1]["author"] == "cmdr" and entries[-1]["position"] == "commander"


def test_disable_and_passwd(run, accounts, stdin, monkeypatch, incident_args):
    monkeypatch.setenv("ICC_PASSWORD", "Adm1n-pass-X")
    stdin("Cmdr-pass-2\n")
    assert run("user", "passwd", "cmdr", "--password-stdin", "--user", "admin", "--db", accounts)[0] == 0
    assert run("user", "disable", "field1", "--user", "admin", "--db", accounts)[0] == 0
    monkeypatch.setenv("ICC_PASSWORD", "F1eld-pass-Y")
    code, _, err = run("log", "verify", "--db", accounts)
    assert code == 0
    code, _, err = run("checklist", "set", "x", "--state", "done", "--user", "field1", "--db", accounts)
    assert code == 1 and "disabled" in err
