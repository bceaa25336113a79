"""Two consoles (two database files, each link run its own process) syncing through a real
nats-server on 127.0.0.1 that is killed and restarted between runs: nothing lost, nothing doubled."""
from __future__ import annotations

import json
import socket
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from console.sync.hub import server_binary, start_server

from ...unit.sync.sync_sites import enrol_all, open_site

pytestmark = [pytest.mark.slow, pytest.mark.skipif(server_binary() is None, reason="nats-server not installed")]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _serve(data: Path, port: int) -> subprocess.Popen:
    proc = start_server(data, port)
    assert proc.stderr is not None
    for line in proc.stderr:  # wait on the server's own word, not on a timer
        if "Server is ready" in line:
            drain = threading.Thread(target=proc.stderr.read, daemon=True)  # a full pipe would stall it
            drain.start()
            proc.drain = drain
            return proc
    raise AssertionError(f"nats-server exited with {proc.wait()}")


def _stop(proc: subprocess.Popen) -> None:
    proc.kill()
    proc.wait()
    proc.drain.join()
    proc.stderr.close()


def _link(db: Path, port: int) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "console.cli", "sync", "link", "--db", str(db), "--url",
                           f"nats://127.0.0.1:{port}"], capture_output=True, text=True, timeout=60,
                          stdin=subprocess.DEVNULL)


def _titles(site) -> list[str]:
    return sorted(i.title for i in site.svc.incidents.list())


def test_hub_killed_and_restarted_loses_and_doubles_nothing(tmp_path):
    a, b = open_site(tmp_path, "a"), open_site(tmp_path, "b")
    enrol_all([a, b])
    port = _free_port()
    server = _serve(tmp_path / "hub", port)
    try:
        for i in range(10):
            a.add_incident(f"第一批{i}")
        assert _link(a.svc.store.path, port).returncode == 0
        _stop(server)
        for i in range(10):
            a.add_incident(f"第二批{i}")
        down = _link(a.svc.store.path, port)
        assert down.returncode == 3 and "outbox" in down.stderr and "Traceback" not in down.stderr
        server = _serve(tmp_path / "hub", port)  # same storage: what it acknowledged is still there
        assert _link(a.svc.store.path, port).returncode == 0
        got = _link(b.svc.store.path, port)
        assert got.returncode == 0, got.stderr
        again = _link(b.svc.store.path, port)
        assert "applied 0 batches" in again.stdout
        assert _titles(b) == _titles(a) and len(_titles(b)) == 20
        assert b.svc.store.scalar("SELECT count(*) FROM changes") == a.svc.store.scalar("SELECT count(*) FROM changes")
        assert b.svc.log.verify()[1] is None
        b.add_incident("回传")
        assert _link(b.svc.store.path, port).returncode == 0
        assert _link(a.svc.store.path, port).returncode == 0
        assert "回传" in _titles(a)
        status = json.loads(subprocess.run(
            [sys.executable, "-m", "console.cli", "sync", "status", "--db", str(a.svc.store.path), "--json"],
            capture_output=True, text=True, timeout=60, stdin=subprocess.DEVNULL).stdout)
        assert status[0]["site"] == b.id
    finally:
        if server.poll() is None:
            _stop(server)
        a.close()
        b.close()
