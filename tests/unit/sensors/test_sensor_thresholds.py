"""Threshold hysteresis in the domain, driven by a fake clock (the reading times): one warning per
crossing, none while a value flaps at a line, escalation at once, all-clear only after the hold."""
from __future__ import annotations

from console.domain.clock import FakeClock
from console.domain.thresholds import (
    LevelState,
    Threshold,
    default_thresholds,
    held_level,
    proposals,
    raw_level,
    step,
)

LINES = (Threshold("blue", 3.0, True, 0.1), Threshold("yellow", 3.3, True, 0.1),
         Threshold("orange", 3.5, True, 0.1), Threshold("red", 3.8, True, 0.1))


def run(values, hold=300.0, every=60.0):
    clock = FakeClock()
    state, out = LevelState(), []
    for v in values:
        clock.advance(seconds=every)
        state, tr = step(state, v, clock.now().timestamp(), LINES, hold)
        if tr:
            out.append((tr.kind, tr.old, tr.new))
    return state, out


def test_one_warning_per_crossing():
    _, out = run([2.5, 2.9, 3.05, 3.1, 3.2, 3.15])
    assert out == [("raised", "", "blue")]


def test_flapping_at_a_line_raises_once_and_never_clears_within_the_hysteresis():
    _, out = run([3.49, 3.51, 3.48, 3.52, 3.47, 3.50, 3.45, 3.51] * 5)
    assert out == [("raised", "", "yellow"), ("escalated", "yellow", "orange")]


def test_escalation_is_immediate_and_skips_levels():
    _, out = run([2.0, 3.9])
    assert out == [("raised", "", "red")]
    _, out = run([3.1, 3.4, 3.6, 3.85])
    assert [k for k, *_ in out] == ["raised", "escalated", "escalated", "escalated"]


def test_all_clear_only_after_the_value_stays_below_for_the_hold():
    state, out = run([3.6, 2.0, 2.0, 2.0, 2.0], hold=300.0)  # 4 minutes below: not yet
    assert out == [("raised", "", "orange")] and state.level == "orange" and state.easing_to == ""
    state, out = run([3.6, 2.0, 2.0, 2.0, 2.0, 2.0, 2.0])
    assert out[-1] == ("cleared", "orange", "")


def test_easing_goes_to_the_highest_level_seen_while_holding():
    _, out = run([3.9, 3.1, 3.35, 3.1, 3.1, 3.1, 3.1, 3.1])
    assert out[-1] == ("eased", "red", "yellow")


def test_a_return_to_the_level_restarts_the_hold():
    _, out = run([3.6, 2.0, 2.0, 3.55, 2.0, 2.0, 2.0, 2.0])
    assert out == [("raised", "", "orange")]


def test_falling_lines_for_pressure():
    lines = default_thresholds("hydrant_pressure", 0.14)
    assert raw_level(0.30, lines) == "" and raw_level(0.13, lines) == "orange" and raw_level(0.10, lines) == "red"
    assert held_level(0.1405, lines, "orange") == "orange"  # inside the hysteresis band: keeps orange


def test_proposals_meet_sensor_triggers_at_the_most_severe_level():
    from console.domain.preplan.model import Level, SensorThreshold, Trigger

    class Plan:
        title = "防汛防台"
        triggers = (Trigger(Level.III, sensors=(SensorThreshold("water_level", ">=", 4.8),)),
                    Trigger(Level.II, sensors=(SensorThreshold("water_level", ">=", 5.2),)),
                    Trigger(Level.IV, sensors=(SensorThreshold("underpass_depth", ">=", 0.25),)))

    assert [(p.title, lv) for p, lv in proposals([Plan], "water_level", 5.3)] == [("防汛防台", Level.II)]
    assert [lv for _, lv in proposals([Plan], "underpass_flood", 30.0)] == [Level.IV]  # cm -> m
    assert proposals([Plan], "water_level", 4.0) == []
