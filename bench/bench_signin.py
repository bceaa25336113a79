"""Sign-in time with the console's Argon2id parameters: one `AccountService.authenticate` (the hash
check and the account lookup) on a real SQLite file, for a right password and for an unknown name
(which must cost the same). Target ≤ 0.5 s.

Run as `python bench/bench_signin.py`; writes bench/results/signin.json. Medians over several runs
(these machines are shared and noisy)."""
from __future__ import annotations

import json
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

RUNS = 7
TARGET_S = 0.5
RESULTS = Path(__file__).resolve().parent / "results" / "signin.json"


def run() -> dict:
    from console.services import build_services
    from console.services.accounts import (
        ARGON2_MEMORY_KIB,
        ARGON2_PARALLELISM,
        ARGON2_TIME_COST,
        SignInFailed,
    )
    from console.store.database import open_store

    with tempfile.TemporaryDirectory() as tmp:
        store = open_store(Path(tmp) / "bench.db")
        svc = build_services(store)
        svc.accounts.add("admin", "admin", "bench-password-1")
        right, unknown = [], []
        for _ in range(RUNS):
            t = time.perf_counter()
            svc.accounts.authenticate("admin", "bench-password-1")
            right.append(time.perf_counter() - t)
            t = time.perf_counter()
            try:
                svc.accounts.authenticate(f"nobody-{_}", "bench-password-1")
            except SignInFailed:
                pass
            unknown.append(time.perf_counter() - t)
        store.close()
    result = {"argon2id": {"memory_kib": ARGON2_MEMORY_KIB, "time_cost": ARGON2_TIME_COST,
                           "parallelism": ARGON2_PARALLELISM},
              "signin_median_s": round(statistics.median(right), 3),
              "unknown_name_median_s": round(statistics.median(unknown), 3),
              "target_s": TARGET_S, "runs": RUNS}
    result["ok"] = result["signin_median_s"] <= TARGET_S
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    return result


if __name__ == "__main__":
    print(json.dumps(run(), indent=2))
