from datetime import UTC, datetime, timedelta

import pytest

from console.domain.incident import (
    DeadlinePolicy,
    DeadlineState,
    Incident,
    IncidentClass,
    Level,
    Status,
    deadlines,
    format_countdown,
    next_deadline,
    next_overdue_at,
    overdue_reports,
)
from console.domain.intake import IntakeForm, validate

T0 = datetime(2026, 7, 15, 2, 0, tzinfo=UTC)


def _inc(**kw) -> Incident:
    base = dict(id="1", title="t", klass=IncidentClass.ACCIDENT, type="", level=Level.III, status=Status.REPORTED,
                lat=31.2, lon=121.4, reported_at=T0)
    return Incident(**{**base, **kw})


def test_first_report_due_in_30_minutes_turns_amber_then_red():
    policy = DeadlinePolicy()
    d = next_deadline(_inc(), policy)
    assert d.name == "first" and d.due == T0 + timedelta(minutes=30)
    assert d.state(T0 + timedelta(minutes=10)) is DeadlineState.OK
    assert d.state(T0 + timedelta(minutes=20)) is DeadlineState.AMBER
    assert d.state(T0 + timedelta(minutes=31)) is DeadlineState.RED


def test_deadlines_are_configurable_per_level():
    policy = DeadlinePolicy(first_report_min={Level.I: 15, Level.II: 30, Level.III: 30, Level.IV: 60},
                            written_report_min={Level.I: 30, Level.II: 60, Level.III: 60, Level.IV: 120})
    assert next_deadline(_inc(level=Level.I), policy).due == T0 + timedelta(minutes=15)


def test_done_reports_stop_the_countdown_and_closed_incidents_have_none():
    policy = DeadlinePolicy()
    inc = _inc(first_report_at=T0 + timedelta(minutes=5))
    assert next_deadline(inc, policy).name == "written"
    assert [d.state(T0) for d in deadlines(inc, policy)][0] is DeadlineState.DONE
    assert next_deadline(_inc(status=Status.CLOSED), policy) is None


def test_countdown_format():
    assert format_countdown(timedelta(minutes=29, seconds=5)) == "29:05"
    assert format_countdown(timedelta(hours=1, minutes=2)) == "1:02:00"
    assert format_countdown(timedelta(seconds=-61)) == "-01:01"


def test_class_and_level_parse_english_chinese_and_roman():
    assert IncidentClass.parse("事故灾难") is IncidentClass.ACCIDENT
    assert IncidentClass.parse("Natural") is IncidentClass.NATURAL
    assert Level.parse("Ⅱ级") is Level.II and Level.parse("4") is Level.IV
    with pytest.raises(ValueError):
        Level.parse("5")


def test_intake_reports_every_problem_at_once():
    valid, errors = validate(IntakeForm(title=" ", lat="abc", lon="200", callback="call me", deaths="-1"))
    assert valid is None
    assert {(e.field, e.code) for e in errors} >= {
        ("title", "required"), ("klass", "required"), ("level", "required"), ("lat", "invalid"),
        ("lon", "out_of_range"), ("callback", "invalid"), ("deaths", "invalid")}


def test_intake_accepts_a_complete_form():
    valid, errors = validate(IntakeForm(title="燃气泄漏", klass="accident", level="3", lat="31.188",
                                        lon="121.437", district="徐汇区", source="119"), {"徐汇区"})
    assert errors == [] and valid.level is Level.III and valid.source.value == "119"


def test_intake_refuses_an_unknown_district():
    _, errors = validate(IntakeForm(title="x", klass="accident", level="3", lat="31.1", lon="121.4",
                                    district="火星区"), {"徐汇区"})
    assert [e.field for e in errors] == ["district"]


def test_overdue_reports_count_open_incidents_only_and_say_which_report():
    policy = DeadlinePolicy()
    late = _inc(id="late")
    first_done = _inc(id="first-done", first_report_at=T0 + timedelta(minutes=5))
    closed = _inc(id="closed", status=Status.CLOSED)
    fresh = _inc(id="fresh", reported_at=T0 + timedelta(minutes=50))
    incs = [late, first_done, closed, fresh]
    assert overdue_reports(incs, policy, T0 + timedelta(minutes=29)) == []
    assert overdue_reports(incs, policy, T0 + timedelta(minutes=31)) == [(late, "first")]
    at_61 = overdue_reports(incs, policy, T0 + timedelta(minutes=61))
    assert at_61 == [(late, "first"), (late, "written"), (first_done, "written")]


def test_next_overdue_at_is_when_the_count_next_grows():
    policy = DeadlinePolicy()
    incs = [_inc(id="a"), _inc(id="b", reported_at=T0 + timedelta(minutes=10)), _inc(id="c", status=Status.CLOSED)]
    assert next_overdue_at(incs, policy, T0) == T0 + timedelta(minutes=30)
    assert next_overdue_at(incs, policy, T0 + timedelta(minutes=30)) == T0 + timedelta(minutes=40)
    assert next_overdue_at(incs, policy, T0 + timedelta(minutes=70)) is None
