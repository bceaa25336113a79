"""The console starts as a user starts it: a real process, a real database file, the sample data."""
from __future__ import annotations

import json
import os
import signal
import subprocess
import sys

from console.app import MAP_DRAWN_MESSAGE, READY_MESSAGE
from tests import ROOT


def _run(*args: str, tmp_path) -> subprocess.CompletedProcess:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "XDG_CONFIG_HOME": str(tmp_path),
           "XDG_DATA_HOME": str(tmp_path)}
    return subprocess.run([sys.executable, "-m", "console.cli", *args], env=env, cwd=ROOT, capture_output=True,
                          stdin=subprocess.DEVNULL,
                          text=True, timeout=120)


def _start_and_stop(*args: str, tmp_path, until: str = READY_MESSAGE) -> str:
    """Start the console, wait for the log to say `until` (the window is ready), then ask it to close
    as a service manager would (SIGTERM). Returns what it logged."""
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "XDG_CONFIG_HOME": str(tmp_path),
           "XDG_DATA_HOME": str(tmp_path)}
    proc = subprocess.Popen([sys.executable, "-m", "console.cli", *args], env=env, cwd=ROOT, text=True,
                            stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    assert proc.stderr is not None
    lines = []
    for line in proc.stderr:
        lines.append(line)
        if until in line:
            proc.send_signal(signal.SIGTERM)
            break
    rest = proc.communicate(timeout=60)[1]
    logged = "".join(lines) + rest
    assert proc.returncode == 0, logged[-2000:]
    assert until in logged and "Traceback" not in logged
    return logged


def test_the_console_as_make_run_starts_it_draws_its_map_and_closes_cleanly(tmp_path):
    # The whole thing: web map, sample data, sign-in watch; a crash inside Qt would show as a signal.
    _start_and_stop("--db", str(tmp_path / "c.db"), "--demo-if-empty", tmp_path=tmp_path, until=MAP_DRAWN_MESSAGE)


def test_gui_starts_with_sample_data_and_reopens_with_it(tmp_path):
    db = tmp_path / "console.db"
    _start_and_stop("--db", str(db), "--demo", tmp_path=tmp_path)
    listed = json.loads(_run("incident", "list", "--db", str(db), "--json", tmp_path=tmp_path).stdout)
    assert len(listed) == 5
    _start_and_stop("--db", str(db), "--lang", "en", tmp_path=tmp_path)
    assert len(json.loads(_run("incident", "list", "--db", str(db), "--json", tmp_path=tmp_path).stdout)) == 5


def test_an_unusable_database_is_explained_not_a_traceback(tmp_path):
    bad = tmp_path / "bad.db"
    bad.write_bytes(b"not a database" * 500)
    out = _run("incident", "list", "--db", str(bad), tmp_path=tmp_path)
    assert out.returncode == 3
    assert "Traceback" not in out.stderr and "备份" in out.stderr


def test_every_subcommand_takes_db(tmp_path):
    db = str(tmp_path / "any.db")
    _run("incident", "add", "--db", db, "--title", "t", "--class", "accident", "--level", "3", "--lat", "31.2",
         "--lon", "121.4", tmp_path=tmp_path)
    for args in (["db", "check"], ["log", "verify"], ["incident", "list"], ["preplan", "validate",
                 str(ROOT / "resources" / "preplans" / "gas.yaml")], ["decode", "--protocol", "nmea"]):
        out = _run(*args, "--db", db, tmp_path=tmp_path)
        assert out.returncode == 0, (args, out.stderr[-500:])
