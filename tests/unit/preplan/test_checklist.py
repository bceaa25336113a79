from __future__ import annotations

from datetime import timedelta

import pytest

from console.domain.incident import IncidentClass, Level
from console.domain.preplan import (
    ItemState,
    TransitionError,
    activate,
    escalate,
    load_text,
)
from console.domain.preplan.dispatch import Candidate, nearest_available
from console.domain.preplan.dispatch import distance_km as haversine_km
from console.domain.preplan.model import ResourceRule

from .conftest import T0, by_id, make_incident

TYPHOON = make_incident("台风暴雨致下立交积水", IncidentClass.NATURAL, Level.II, address="龙华中路下立交",
                        district="徐汇区", trapped=2, injuries=1, warning_colour="orange")
NOW = T0 + timedelta(minutes=5)


@pytest.fixture
def flood(plans):
    return by_id(plans, "flood-typhoon")


def test_activation_builds_the_level_items_with_absolute_deadlines(flood):
    draft = activate(flood, Level.IV, TYPHOON, NOW)
    ids = [it.item_id for it in draft.items]
    assert "relay-warning" in ids and "six-stops" not in ids and "evacuate" not in ids
    cl = draft.checklist()
    assert cl.due("relay-warning") == NOW + timedelta(minutes=15)
    assert cl.due("confirm-clear") is None  # no deadline
    assert cl.item("pump-trucks").group_name == "抢险救援组"
    assert cl.item("pump-trucks").phase_name == "应急处置"
    assert draft.response_level is Level.IV and draft.activated_at == NOW
    assert ids == [s.id for _, s in flood.items() if s.applies_at(Level.IV)]


def test_higher_response_level_adds_items_resources_and_notifications(flood):
    low, high = activate(flood, Level.IV, TYPHOON, NOW), activate(flood, Level.II, TYPHOON, NOW)
    extra = {it.item_id for it in high.items} - {it.item_id for it in low.items}
    assert {"four-collide", "six-stops", "evacuate", "open-shelters", "enforce-six-stops"} <= extra
    assert "request-army" not in extra
    assert {r.type for r in high.resources} - {r.type for r in low.resources} == {"应急避难场所", "冲锋舟", "专家"}
    assert [n.template_id for n in high.notifications] == ["radio-dispatch", "beidou-dispatch", "start",
                                                           "first-report", "six-stops"]


def test_notifications_fill_placeholders_from_the_incident(flood):
    draft = activate(flood, Level.II, TYPHOON, NOW)
    first = next(n for n in draft.notifications if n.template_id == "first-report")
    assert first.text == ("07月25日08:00接报：台风暴雨致下立交积水（Ⅱ级），地点徐汇区龙华中路下立交，当前橙色预警，"
                          "死亡0人、受伤1人、被困2人，已启动Ⅱ级响应。")
    assert first.to == ("市应急局总值班室",) and first.channel == "phone"
    assert all("{" not in n.text for n in draft.notifications)
    unknown = activate(flood, Level.IV, make_incident("积水", IncidentClass.NATURAL), NOW)
    assert "（待核实）" in unknown.notifications[0].text


def test_item_relative_deadline_resolves_when_the_anchor_is_done(flood):
    cl = activate(flood, Level.II, TYPHOON, NOW).checklist()
    assert cl.due("six-stops") is None
    done_at = NOW + timedelta(minutes=40)
    cl.set_state("four-collide", ItemState.DONE, done_at)
    assert cl.due("six-stops") == done_at + timedelta(minutes=30)
    cl.set_state("four-collide", ItemState.IN_PROGRESS, done_at + timedelta(minutes=1))  # reopened
    assert cl.due("six-stops") is None


def test_overdue_with_an_injected_clock(flood):
    cl = activate(flood, Level.IV, TYPHOON, NOW).checklist()
    assert cl.overdue(NOW + timedelta(minutes=14)) == []
    late = {it.item_id for it in cl.overdue(NOW + timedelta(minutes=16))}
    assert late == {"relay-warning"}
    cl.set_state("relay-warning", ItemState.DONE, NOW + timedelta(minutes=17), evidence={"通知回执": "r-1"})
    assert cl.overdue(NOW + timedelta(minutes=18)) == []
    assert cl.remaining("duty-on", NOW + timedelta(minutes=18)) == timedelta(minutes=12)
    assert "duty-on" in {it.item_id for it in cl.overdue(NOW + timedelta(minutes=31))}
    cl.set_state("duty-on", ItemState.SKIPPED, NOW + timedelta(minutes=32), reason="已在值班")
    assert "duty-on" not in {it.item_id for it in cl.overdue(NOW + timedelta(hours=2))}


def test_state_machine(flood):
    cl = activate(flood, Level.IV, TYPHOON, NOW).checklist()
    t = NOW + timedelta(minutes=1)
    item = cl.set_state("pump-trucks", ItemState.IN_PROGRESS, t)
    assert item.state is ItemState.IN_PROGRESS and item.changed_at == t and item.state.zh == "进行中"
    item = cl.set_state("pump-trucks", ItemState.BLOCKED, t, reason="道路积水泵车无法到达")
    assert item.reason == "道路积水泵车无法到达"
    item = cl.set_state("pump-trucks", ItemState.DONE, t)
    assert item.done_at == t and item.reason == ""
    with pytest.raises(TransitionError, match="不能从完成改为跳过"):
        cl.set_state("pump-trucks", ItemState.SKIPPED, t, reason="x")
    with pytest.raises(TransitionError, match="已是完成状态"):
        cl.set_state("pump-trucks", ItemState.DONE, t)
    assert cl.progress() == (1, len(cl.items))


@pytest.mark.parametrize("reason", ["", "   "])
def test_skipping_without_a_reason_is_refused(flood, reason):
    cl = activate(flood, Level.IV, TYPHOON, NOW).checklist()
    with pytest.raises(TransitionError, match="须说明理由"):
        cl.set_state("video-patrol", ItemState.SKIPPED, NOW, reason=reason)
    assert cl.item("video-patrol").state is ItemState.TODO


def test_required_evidence_and_dependencies(flood):
    cl = activate(flood, Level.IV, TYPHOON, NOW).checklist()
    with pytest.raises(TransitionError, match="须提供：现场照片"):
        cl.set_state("close-underpass", ItemState.DONE, NOW)
    assert cl.set_state("close-underpass", ItemState.DONE, NOW, evidence={"现场照片": "photo-7"}).evidence == {
        "现场照片": "photo-7"}
    with pytest.raises(TransitionError, match="须等待“向市应急局总值班室电话初报”完成"):
        cl.set_state("written-report", ItemState.IN_PROGRESS, NOW)
    cl.set_state("first-report", ItemState.SKIPPED, NOW, reason="市局已电话询问")
    assert cl.set_state("written-report", ItemState.IN_PROGRESS, NOW).state is ItemState.IN_PROGRESS


def test_dependencies_on_items_of_a_higher_level_are_dropped(flood_text):
    plan = load_text(flood_text.replace("depends_on: [confirm-clear, damage-stats]",
                                        "depends_on: [confirm-clear, lift-six-stops]"))
    assert activate(plan, Level.IV, TYPHOON, NOW).checklist().item("final-report").depends_on == ("confirm-clear",)
    assert activate(plan, Level.II, TYPHOON, NOW).checklist().item("final-report").depends_on == (
        "confirm-clear", "lift-six-stops")


def test_escalation_adds_items_and_de_escalation_retires_them(flood):
    cl = activate(flood, Level.II, TYPHOON, NOW).checklist()
    up = escalate(flood, Level.II, Level.I)
    assert [it.item_id for it in up.add] == ["request-army"] and up.retire == ()
    later = NOW + timedelta(hours=1)
    cl.apply_escalation(up, later)
    assert cl.due("request-army") == later + timedelta(minutes=60)
    down = escalate(flood, Level.II, Level.IV)
    retired = {it.item_id for it in down.retire}
    assert retired == {"four-collide", "six-stops", "evacuate", "open-shelters", "enforce-six-stops",
                       "six-stops-notice", "lift-six-stops"}
    cl.set_state("four-collide", ItemState.DONE, later)
    cl.apply_escalation(down, later)
    assert cl.item("four-collide").state is ItemState.DONE  # done work stays on record
    assert cl.item("six-stops").state is ItemState.SKIPPED
    assert "由Ⅱ级调整为Ⅳ级" in cl.item("six-stops").reason
    assert escalate(flood, Level.IV, Level.II).add_notifications[0].id == "six-stops"


def test_nearest_available_uses_great_circle_distance():
    units = [
        Candidate("far", "vehicle", "far", 31.30, 121.50, attrs={"type": "移动泵车"}),
        Candidate("near", "unit", "near", 31.231, 121.471, attrs={"type": "pump"}),
        Candidate("busy", "unit", "busy", 31.2301, 121.4701, attrs={"type": "pump"}, available=False),
        Candidate("other", "unit", "other", 31.2300, 121.4700, attrs={"type": "fire_engine"}),
        Candidate("mid", "unit", "mid", 31.25, 121.48, attrs={"type": "pump"}),
    ]
    picked = nearest_available(units, 31.23, 121.47, "排涝泵车", 2)
    assert [a.resource.id for a in picked] == ["near", "mid"]
    assert picked[0].distance_km < picked[1].distance_km
    assert len(nearest_available(units, 31.23, 121.47, "排涝泵车", 10)) == 3
    assert nearest_available(units, 31.23, 121.47, "冲锋舟", 1) == []


def test_haversine_known_distances():
    # People's Square to Pudong airport is about 33 km; one degree of latitude is about 111.2 km.
    assert haversine_km(31.2304, 121.4737, 31.1443, 121.8083) == pytest.approx(33.2, abs=1.0)
    assert haversine_km(31.0, 121.0, 32.0, 121.0) == pytest.approx(111.2, abs=0.1)
    assert haversine_km(31.0, 121.0, 31.0, 121.0) == 0.0


def test_resource_requests_carry_the_rule(flood):
    draft = activate(flood, Level.II, TYPHOON, NOW)
    boats = next(r for r in draft.resources if r.type == "冲锋舟")
    assert (boats.count, boats.rule) == (4, ResourceRule.DISTRICT_ALL)
    assert draft.cameras[0].category == "下立交"
