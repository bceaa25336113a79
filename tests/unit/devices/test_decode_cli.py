from __future__ import annotations

import io
import json
import os
import subprocess
import sys

import pytest

from console.cli import decode as decode_cli

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__)))))


class FakeStdin:
    def __init__(self, data: bytes) -> None:
        self.buffer = io.BytesIO(data)


def run_main(monkeypatch, protocol: str, data: bytes) -> tuple[int, list[dict]]:
    out = io.StringIO()
    monkeypatch.setattr(sys, "stdin", FakeStdin(data))
    monkeypatch.setattr(sys, "stdout", out)
    code = decode_cli.main(["--protocol", protocol])
    return code, [json.loads(line) for line in out.getvalue().splitlines()]


def test_subprocess_nmea_example_and_no_qt():
    data = b"$GNGGA,021530.00,3113.82400,N,12128.42200,E,1,18,0.8,12.3,M,9.5,M,,*78\r\n"
    proc = subprocess.run([sys.executable, "-m", "console.cli", "decode", "--protocol", "nmea"], input=data,
                          capture_output=True, cwd=ROOT, timeout=30, check=False)
    assert proc.returncode == 0 and proc.stderr == b""
    [ev] = [json.loads(line) for line in proc.stdout.splitlines()]
    assert ev["kind"] == "position" and abs(ev["lat"] - 31.2304) < 1e-4 and abs(ev["lon"] - 121.4737) < 1e-4
    probe = ("import sys; from console.cli import decode as decode_cli; "
             "print(any(m.startswith(('PySide6', 'serial', 'sqlite')) for m in sys.modules))")
    assert subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, cwd=ROOT,
                          check=True, timeout=30).stdout.strip() == "False"


@pytest.mark.parametrize("protocol,data,want", [
    ("tetra", b"+CTSDSR: 12,2629143,0,262905,0,84\r\n0A008CACAA480A120201D0\r\n", {"kind": "position"}),
    ("tetra", b"+CTSDSR: 12,1234567,0,2345678,0,120\r\n82029C01746573746D657373616765\r\n",
     {"kind": "text", "text": "testmessage", "from": "1234567"}),
    ("tetra", b"+CTSDSR: 13,1234567,0,2345678,0,16\r\n8004\r\n", {"kind": "status", "code": 32772}),
    ("beidou", b"$BDTXR,1,0166166,1,,3132333433333335*46\r\n", {"kind": "text", "from": "0166166"}),
    ("gsm", b"\r\n+CDS: 26\r\n0006050D91683108108300F0627051200000236270512000102300\r\n",
     {"kind": "ack", "command": "CDS", "ref": 5, "detail": "delivered"}),
    ("gsm", b"\r\n+CMS ERROR: 500\r\n", {"kind": "ack", "ok": False, "status": 500}),
    ("nmea", b"$GNGGA,021530.00,3113.82400,N,12128.42200,E,1,18,0.8,12.3,M,9.5,M,,*79\r\n", {"kind": "error"}),
])
def test_main_examples(monkeypatch, protocol, data, want):
    code, events = run_main(monkeypatch, protocol, data)
    assert code == 0
    assert any(all(e.get(k) == v for k, v in want.items()) for e in events)


def test_chinese_is_printed_unescaped(monkeypatch):
    from console.devices.beidou.protocol import bdtxr

    _, events = run_main(monkeypatch, "beidou", bdtxr("0166166", "现场火势已控制"))
    assert events[-1]["text"] == "现场火势已控制"


def test_no_fix_has_no_coordinates(monkeypatch):
    _, [ev] = run_main(monkeypatch, "nmea", b"$GNGGA,021530.00,,,,,0,00,99.9,,M,,M,,*44\r\n")
    assert ev == {"kind": "position", "fix": False, "time": "02:15:30.00Z", "protocol": "nmea"}


@pytest.mark.parametrize("protocol", ["nmea", "tetra", "beidou"])
def test_random_noise_exits_zero(monkeypatch, protocol):
    data = bytes((i * 7919 + 13) % 256 for i in range(4000)) + b"+CTSDSR: 12,1,0,2,0,84\r\n"
    code, events = run_main(monkeypatch, protocol, data)
    assert code == 0 and all("kind" in e for e in events)


def test_parser_crash_becomes_an_error_event(monkeypatch):
    class Boom:
        def feed(self, data):
            raise RuntimeError("bug")

    monkeypatch.setattr(decode_cli, "make_parser", lambda protocol: Boom())
    code, events = run_main(monkeypatch, "nmea", b"x")
    assert code == 0 and events[0]["kind"] == "error" and "bug" in events[0]["reason"]
