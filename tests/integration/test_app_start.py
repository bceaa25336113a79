"""The console starts as a user starts it: a real process, a real database file, the sample data."""
from __future__ import annotations

import json
import os
import subprocess
import sys

from tests import ROOT


def _run(*args: str, tmp_path) -> subprocess.CompletedProcess:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "XDG_CONFIG_HOME": str(tmp_path),
           "XDG_DATA_HOME": str(tmp_path)}
    return subprocess.run([sys.executable, "-m", "console.cli", *args], env=env, cwd=ROOT, capture_output=True,
                          stdin=subprocess.DEVNULL,
                          text=True, timeout=120)


def test_gui_starts_with_sample_data_and_reopens_with_it(tmp_path):
    db = tmp_path / "console.db"
    first = _run("--db", str(db), "--demo", "--quit-after-start", tmp_path=tmp_path)
    assert first.returncode == 0, first.stderr[-2000:]
    assert "interactive after" in first.stderr
    listed = json.loads(_run("incident", "list", "--db", str(db), "--json", tmp_path=tmp_path).stdout)
    assert len(listed) == 5
    again = _run("--db", str(db), "--quit-after-start", "--lang", "en", tmp_path=tmp_path)
    assert again.returncode == 0, again.stderr[-2000:]
    assert len(json.loads(_run("incident", "list", "--db", str(db), "--json", tmp_path=tmp_path).stdout)) == 5


def test_an_unusable_database_is_explained_not_a_traceback(tmp_path):
    bad = tmp_path / "bad.db"
    bad.write_bytes(b"not a database" * 500)
    out = _run("incident", "list", "--db", str(bad), tmp_path=tmp_path)
    assert out.returncode == 3
    assert "Traceback" not in out.stderr and "备份" in out.stderr


def test_every_subcommand_takes_db(tmp_path):
    db = str(tmp_path / "any.db")
    for args in (["db", "check"], ["log", "verify"], ["incident", "list"], ["preplan", "validate",
                 str(ROOT / "resources" / "preplans" / "gas.yaml")], ["decode", "--protocol", "nmea"]):
        out = _run(*args, "--db", db, tmp_path=tmp_path)
        assert out.returncode == 0, (args, out.stderr[-500:])
