"""Matching one incident against 500 preplans (variants of the samples): target ≤ 50 ms.

Also times validating a sample from text, since import and `preplan validate` pay that per file.
Run as `python bench/bench_preplans.py`; writes bench/results/preplans.json.
"""
from __future__ import annotations

import json
import random
import statistics
import time
from dataclasses import replace
from datetime import datetime
from pathlib import Path

from console.domain.incident import Incident, IncidentClass, Level, Status
from console.domain.preplan import Preplan, check_text, load_dir, match
from console.domain.preplan.model import DISTRICTS
from console.paths import PREPLANS

PLANS = 500
TARGET_MS = 50.0
RESULTS = Path(__file__).resolve().parent / "results" / "preplans.json"


def variants(samples: list[Preplan], n: int, seed: int = 7) -> list[Preplan]:
    """Plans that differ the way district and departmental copies of a city plan differ."""
    rng = random.Random(seed)
    out = []
    for i in range(n):
        base = samples[i % len(samples)]
        keywords = list(base.scope.keywords)
        rng.shuffle(keywords)
        scope = replace(base.scope, keywords=tuple(keywords[: max(3, len(keywords) - rng.randrange(4))]),
                        districts=tuple(rng.sample(DISTRICTS, rng.randrange(1, 4))) if i % 3 else ())
        out.append(replace(base, id=f"{base.id}-v{i}", title=f"{base.title}（变体{i}）", scope=scope))
    return out


def _timed(fn, repeats: int) -> list[float]:
    times = []
    for _ in range(repeats):
        t = time.perf_counter()
        fn()
        times.append((time.perf_counter() - t) * 1000)
    return times


def run() -> dict:
    samples = load_dir(PREPLANS)
    plans = variants(samples, PLANS)
    incident = Incident(
        id="bench", title="台风暴雨致下立交积水", klass=IncidentClass.NATURAL, type="", level=Level.II,
        status=Status.REPORTED, lat=31.23, lon=121.47, reported_at=datetime(2024, 7, 25, 8, 0),
        district="徐汇区", warning_colour="orange", trapped=2,
        description="龙华中路下立交积水约40厘米，有车辆被困",
    )
    sensors = {"water_level": 5.3, "rainfall_1h": 85.0, "underpass_depth": 0.4}
    match(incident, plans, sensors)  # warm-up
    match_ms = _timed(lambda: match(incident, plans, sensors), 30)
    top = match(incident, plans, sensors)[0]
    text = (PREPLANS / "flood_typhoon.yaml").read_text(encoding="utf-8")
    validate_ms = _timed(lambda: check_text(text), 10)
    result = {
        "plans": len(plans),
        "match_median_ms": round(statistics.median(match_ms), 3),
        "match_max_ms": round(max(match_ms), 3),
        "match_target_ms": TARGET_MS,
        "match_within_target": statistics.median(match_ms) <= TARGET_MS,
        "top_plan": top.plan.id,
        "validate_flood_median_ms": round(statistics.median(validate_ms), 3),
    }
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(json.dumps(result, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    return result


if __name__ == "__main__":
    r = run()
    print(f"match 1 incident x {r['plans']} plans: median {r['match_median_ms']} ms, max {r['match_max_ms']} ms "
          f"(target ≤ {r['match_target_ms']} ms) top={r['top_plan']}")
    print(f"validate flood_typhoon.yaml: median {r['validate_flood_median_ms']} ms")
    print(f"wrote {RESULTS}")
