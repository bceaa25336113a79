"""Idle CPU of the console's whole process tree (Python + QtWebEngine helpers), nothing arriving.

Starts `incident-console` on a fresh database with the sample data (no devices), lets it settle,
then reads the user+system ticks of the process and every descendant from /proc before and after
the measuring window. Ticks are the processes' own CPU time, so the figure does not depend on
what else loads the machine. Runs offscreen and under Xvfb (a real X server without a GPU; skipped
with a message when Xvfb is not installed), each without devices and with the demo simulators.
Targets (issue "a first night at the desk"): <= 2 % of one core offscreen, <= 5 % under X.

    python bench/bench_idle.py [--seconds 60] [--settle 25] [--only offscreen|xvfb]
"""
from __future__ import annotations

import argparse
import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
RESULTS = ROOT / "bench" / "results" / "idle.json"
HZ = os.sysconf("SC_CLK_TCK")


def _children() -> dict[int, list[int]]:
    out: dict[int, list[int]] = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                with open(f"/proc/{entry}/stat") as fh:
                    ppid = int(fh.read().rsplit(")", 1)[1].split()[1])
            except (OSError, IndexError, ValueError):
                continue
            out.setdefault(ppid, []).append(int(entry))
    return out


def tree_ticks(root_pid: int) -> int:
    """utime + stime of the process and all its descendants (threads are counted in their process)."""
    children, total, stack = _children(), 0, [root_pid]
    while stack:
        pid = stack.pop()
        stack.extend(children.get(pid, []))
        try:
            with open(f"/proc/{pid}/stat") as fh:
                fields = fh.read().rsplit(")", 1)[1].split()
            total += int(fields[11]) + int(fields[12])
        except (OSError, IndexError, ValueError):
            continue
    return total


def _console() -> list[str]:
    exe = Path(sys.executable).with_name("incident-console")
    return [str(exe)] if exe.exists() else [sys.executable, "-m", "console.cli"]


def _start_xvfb() -> tuple[subprocess.Popen, str] | None:
    xvfb = shutil.which("Xvfb")
    if not xvfb:
        return None
    r, w = os.pipe()
    proc = subprocess.Popen([xvfb, "-displayfd", str(w), "-screen", "0", "1600x1000x24", "-nolisten", "tcp"],
                            pass_fds=(w,), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    os.close(w)
    with os.fdopen(r) as fh:
        display = fh.readline().strip()
    return proc, f":{display}"


def _stop(app: subprocess.Popen) -> None:
    try:
        os.killpg(app.pid, signal.SIGTERM)
        app.wait(10)
    except ProcessLookupError:
        app.wait()
    except subprocess.TimeoutExpired:
        os.killpg(app.pid, signal.SIGKILL)
        app.wait()


def measure(platform: str, demo: bool, seconds: float, settle: float) -> dict:
    """One run: the console started on a fresh database, measured once it has settled."""
    xvfb = None
    with tempfile.TemporaryDirectory(prefix="bench-idle-") as tmp:
        env = {**os.environ, "HOME": tmp, "XDG_CONFIG_HOME": f"{tmp}/config", "XDG_DATA_HOME": f"{tmp}/data"}
        if platform == "xvfb":
            started = _start_xvfb()
            if started is None:
                return {"skipped": "Xvfb is not installed (apt-get install xvfb)"}
            xvfb, env["DISPLAY"] = started
            env.pop("QT_QPA_PLATFORM", None)
            env["LIBGL_ALWAYS_SOFTWARE"] = "1"
        else:
            env["QT_QPA_PLATFORM"] = "offscreen"
        args = [*_console(), "--db", f"{tmp}/idle.db", "--demo" if demo else "--demo-if-empty"]
        with open(f"{tmp}/console.log", "wb") as log:
            app = subprocess.Popen(args, env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
        try:
            deadline = time.monotonic() + settle
            while time.monotonic() < deadline and app.poll() is None:
                time.sleep(0.5)
            if app.poll() is not None:
                tail = Path(f"{tmp}/console.log").read_text(errors="replace").splitlines()[-2:]
                return {"error": f"the console exited: {' / '.join(tail)}"}
            a, t0 = tree_ticks(app.pid), time.monotonic()
            time.sleep(seconds)
            b, t1 = tree_ticks(app.pid), time.monotonic()
        finally:
            _stop(app)
            if xvfb is not None:
                xvfb.terminate()
                xvfb.wait()
    pct = 100.0 * (b - a) / HZ / (t1 - t0)
    return {"cpu_pct_of_one_core": round(pct, 2), "seconds": round(t1 - t0, 1)}


def run(seconds: float = 60, settle: float = 25, only: str | None = None) -> dict:
    out = {}
    for platform, target in (("offscreen", 2.0), ("xvfb", 5.0)):
        if only and platform != only:
            continue
        for demo in (False, True):
            key = f"{platform}_{'demo_simulators' if demo else 'samples_no_devices'}"
            res = measure(platform, demo, seconds, settle)
            if "skipped" in res:
                print(f"{key}: skipped, {res['skipped']}", flush=True)
            if not demo and "cpu_pct_of_one_core" in res:
                res["target_pct"] = target
            out[key] = res
    RESULTS.parent.mkdir(exist_ok=True)
    RESULTS.write_text(json.dumps(out, indent=1), encoding="utf-8")
    return out


def main() -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--seconds", type=float, default=60)
    p.add_argument("--settle", type=float, default=25)
    p.add_argument("--only", choices=("offscreen", "xvfb"))
    a = p.parse_args()
    print(json.dumps(run(a.seconds, a.settle, a.only), indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
