"""Video wall under load: N tiles of 640x360 at 25 fps H.264 (MPEG-TS over loopback HTTP, served by
ffmpeg relays in this process's children), played by the wall in a fresh child process.

Figures (targets from the issue): the wall process's CPU as % of one core (<= 150% for 9 tiles),
its RSS, distinct frames painted per second per tile (>= 24), switch latency from a patrol step to
the first new frame on every tile, p50/p95, with the next page pre-opened (p95 <= 300 ms) and
without; and the CPU that bare `ffmpeg -i URL -f null -` needs to decode the same streams, with the
ratio wall / bare decode (<= 1.5).

    python bench/bench_video.py [--seconds 60] [--tiles 9 16] [--steps 8]
"""
from __future__ import annotations

import argparse
import json
import math
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
RESULTS = ROOT / "bench" / "results" / "video.json"
LAYOUT = {9: "9", 16: "16", 4: "4", 1: "1"}


def _percentile(values: list[float], q: float) -> float | None:
    if not values:
        return None
    s = sorted(values)
    return s[min(len(s) - 1, max(0, math.ceil(q / 100 * len(s)) - 1))]


def _cpu_s(pid: int) -> float:
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


# --- the child: a wall in its own process -------------------------------------------------------
def child(cfg: dict) -> dict:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import QEventLoop, QTimer

    from console.app import create_qapp
    from console.domain.cameras import check_camera
    from console.services import build_services
    from console.shell.operations import Operations
    from console.store.database import open_store
    from console.views.video_wall import VideoWall

    app = create_qapp()
    tmp = Path(cfg["tmp"])
    store = open_store(tmp / f"wall-{os.getpid()}.db")
    svc = build_services(store)
    for i, url in enumerate(cfg["urls"]):
        svc.cameras.add(check_camera(f"cam {i:02d}", url))
    wall = VideoWall(svc.cameras, Operations(), tmp / "snaps", layout=LAYOUT[cfg["tiles"]], dwell_s=60,
                     preopen=cfg.get("preopen", True))
    wall.resize(1920, 1080)
    wall.show()
    wall.toggle_pause()  # the benchmark steps the patrol itself
    if os.environ.get("BENCH_VIDEO_HIDDEN"):  # decoding alone, to see what painting costs
        wall.hide()
    loop = QEventLoop()
    timeout = QTimer()
    timeout.setSingleShot(True)
    timeout.timeout.connect(loop.quit)

    def spin(seconds: float, until=None) -> bool:
        """Run the event loop as the console does (blocked until something happens; a busy
        processEvents loop would count the benchmark's own CPU as the wall's) for `seconds`, or until
        `until()` holds, checked on every frame and every 50 ms."""
        if until is not None and until():
            return True
        check = QTimer()
        if until is not None:
            def quit_when_done() -> None:
                if until():
                    loop.quit()
            wall.pool.frame.connect(quit_when_done)
            check.timeout.connect(quit_when_done)
            check.start(50)
        timeout.start(int(seconds * 1000))
        loop.exec()
        timeout.stop()
        check.stop()
        if until is not None:
            wall.pool.frame.disconnect(quit_when_done)
            return bool(until())
        return False

    out: dict = {}
    started = spin(30, lambda: all(t.showing_picture() for t in wall.tiles))
    out["all_tiles_live"] = started
    if cfg["mode"] == "steady":
        spin(2)
        shown0 = [t.frames_shown for t in wall.tiles]
        cpu0, t0 = time.process_time(), time.monotonic()
        spin(cfg["seconds"])
        dt = time.monotonic() - t0
        out["cpu_pct_one_core"] = round(100 * (time.process_time() - cpu0) / dt, 1)
        fps = [(t.frames_shown - s) / dt for t, s in zip(wall.tiles, shown0, strict=True)]
        out["fps_per_tile_min"] = round(min(fps), 1)
        out["fps_per_tile_mean"] = round(sum(fps) / len(fps), 1)
    else:
        latencies = []
        for _ in range(cfg["steps"]):
            upcoming = wall.patrol.upcoming(time.monotonic())
            if cfg.get("preopen", True):  # as the patrol does: the next page has had its dwell to start
                spin(15, lambda up=upcoming: all(wall.pool.get(c) and wall.pool.get(c).has_picture() for c in up))
            else:
                spin(1)
            t0 = time.monotonic()
            wall.step(+1)
            done: dict[int, float] = {}

            def all_new(t0=t0, done=done) -> bool:
                for t in wall.tiles:
                    if t.index not in done and t.feed is not None and t.feed.last_frame_at > t0:
                        done[t.index] = t.feed.last_frame_at - t0
                return len(done) == len(wall.tiles)

            spin(10, all_new)
            latencies.append(max(done.values()) if len(done) == len(wall.tiles) else 10.0)
        out["switch_ms"] = [round(x * 1000) for x in latencies]
    status = Path("/proc/self/status").read_text()
    out["rss_mb"] = round(int(next(ln for ln in status.splitlines() if ln.startswith("VmRSS")).split()[1]) / 1024, 1)
    wall.shutdown()
    store.close()
    app.quit()
    return out


def _run_child(cfg: dict) -> dict:
    proc = subprocess.run([sys.executable, __file__, "--child", json.dumps(cfg)], capture_output=True, text=True,
                          stdin=subprocess.DEVNULL, timeout=cfg.get("seconds", 0) + 300, cwd=ROOT)
    lines = [ln for ln in proc.stdout.splitlines() if ln.startswith("{")]
    if proc.returncode or not lines:
        return {"error": (proc.stderr or proc.stdout).strip()[-500:]}
    return json.loads(lines[-1])


def _bare_decode(exe: str, urls: list[str], seconds: float) -> float:
    """CPU (% of one core) of `ffmpeg -f null` decoding the same streams, measured after a warm-up."""
    procs = [subprocess.Popen([exe, "-v", "error", "-i", u, "-f", "null", "-"], stdin=subprocess.DEVNULL,
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL) for u in urls]
    try:
        time.sleep(2)
        c0, t0 = sum(_cpu_s(p.pid) for p in procs), time.monotonic()
        time.sleep(seconds)
        c1, t1 = sum(_cpu_s(p.pid) for p in procs), time.monotonic()
    finally:
        for p in procs:
            p.kill()
            p.wait()
    return round(100 * (c1 - c0) / (t1 - t0), 1)


def run(seconds: float | None = None, tiles: tuple[int, ...] = (9, 16), steps: int = 8) -> dict:
    from console.video.loopback import PATTERNS, StreamServer, ffmpeg_exe, make_clip

    seconds = float(seconds or os.environ.get("BENCH_VIDEO_SECONDS", 60))
    results: dict = {"seconds": seconds, "stream": "640x360 25 fps H.264 MPEG-TS over HTTP on 127.0.0.1"}
    with tempfile.TemporaryDirectory() as tmp:
        clips = {f"{p}": make_clip(Path(tmp) / f"{p}.ts", p, seconds=8) for p in PATTERNS}
        server = StreamServer(clips)
        try:
            names = list(clips)
            for n in tiles:
                urls = [server.url(names[i % len(names)]) + f"?cam={i}" for i in range(n)]
                wall = _run_child({"mode": "steady", "tiles": n, "urls": urls, "seconds": seconds, "tmp": tmp})
                bare = _bare_decode(ffmpeg_exe(), urls, seconds)
                wall["bare_ffmpeg_cpu_pct"] = bare
                if "cpu_pct_one_core" in wall and bare:
                    wall["ratio_wall_to_bare"] = round(wall["cpu_pct_one_core"] / bare, 2)
                results[f"{n}_tiles"] = wall
            n = tiles[0]
            urls = [server.url(names[i % len(names)]) + f"?cam={i}" for i in range(2 * n)]
            for pre in (True, False):
                r = _run_child({"mode": "switch", "tiles": n, "urls": urls, "steps": steps, "preopen": pre,
                                "tmp": tmp})
                ms = r.get("switch_ms", [])
                results[f"switch_{n}_tiles_{'preopened' if pre else 'cold'}"] = {
                    "p50_ms": _percentile(ms, 50), "p95_ms": _percentile(ms, 95), "samples": ms,
                    **({"error": r["error"]} if "error" in r else {})}
        finally:
            server.stop()
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(json.dumps(results, indent=1), encoding="utf-8")
    return results


if __name__ == "__main__":
    ap = argparse.ArgumentParser()
    ap.add_argument("--child")
    ap.add_argument("--seconds", type=float)
    ap.add_argument("--tiles", type=int, nargs="*", default=[9, 16])
    ap.add_argument("--steps", type=int, default=8)
    a = ap.parse_args()
    if a.child:
        print(json.dumps(child(json.loads(a.child))))
    else:
        print(json.dumps(run(a.seconds, tuple(a.tiles), a.steps), indent=1))
