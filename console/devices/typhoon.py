"""Sensor feeds for the demo: a typhoon night over Shanghai, as readings from the seeded sample
sensors. Rivers rise on the tide with a surge building over hours, rain comes in bursts, underpasses
fill with the rain and drain slowly; the rest (hydrants, elevators) idles with a little noise.
Pure functions of time, so the same night can be replayed (backfill) and then run live."""
from __future__ import annotations

import math
import random

TIDE_PERIOD = 12.42 * 3600  # the semidiurnal tide
SURGE_HOURS = 8.0  # the surge builds over this many hours and then stays
BURST_PERIOD = 1800.0  # a rain band passes about every half hour


def _noise(seed: str, t: float, scale: float) -> float:
    return (random.Random(f"{seed}:{int(t)}").random() - 0.5) * 2 * scale


def rain(sensor_id: str, line: float, t: float, start: float) -> float:
    phase = (t - start + hash_offset(sensor_id)) % BURST_PERIOD / BURST_PERIOD
    burst = math.exp(-((phase - 0.5) ** 2) / 0.015)  # a band passes
    build = min(1.0, (t - start) / (SURGE_HOURS * 3600) + 0.3)
    return max(0.0, line * (0.2 + 1.05 * burst * build) + _noise(sensor_id, t, line * 0.03))


def hash_offset(sensor_id: str) -> float:
    return sum(map(ord, sensor_id)) % 17 * 97.0


def value_at(sensor_id: str, kind: str, line: float, base: float, t: float, start: float) -> float:
    """The reading of one sample sensor at epoch second t, for a night that began at `start`."""
    hours = (t - start) / 3600
    if kind in ("water_level", "tide_level"):
        tide = 0.08 * line * math.sin(2 * math.pi * (t - start + hash_offset(sensor_id)) / TIDE_PERIOD)
        surge = 0.22 * line * min(1.0, max(0.0, hours) / SURGE_HOURS)
        return round(base * 0.92 + tide + surge + _noise(sensor_id, t, 0.004 * line), 3)
    if kind == "rainfall":
        return round(rain(sensor_id, line, t, start), 1)
    if kind == "underpass_flood":
        # Water in the underpass follows the rain of the last quarter hour, draining slowly.
        fill = sum(rain(sensor_id, 40.0, t - k * 180, start) for k in range(5)) / 5
        return round(max(0.0, (fill - 12.0) * line / 28.0), 1)
    return round(base + _noise(sensor_id, t, abs(base) * 0.01 + 0.001), 3)
