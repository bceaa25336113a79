from __future__ import annotations

import io
from dataclasses import replace

import pytest

from console.cli.preplan import print_matches
from console.domain.incident import IncidentClass, Level
from console.domain.preplan import match, suggest_level

from .conftest import by_id, make_incident

CASES = [
    ("gas-accident", make_incident("居民楼厨房燃气泄漏", type="燃气泄漏", district="徐汇区")),
    ("elevator-entrapment", make_incident("小区电梯困人", level=Level.IV, trapped=2)),
    ("highrise-fire", make_incident("某大厦28层起火冒浓烟", type="火灾", injuries=3)),
    ("flood-typhoon", make_incident("台风暴雨致下立交积水", IncidentClass.NATURAL, Level.II)),
    ("hazchem", make_incident("化工园区储罐氯气泄漏", description="厂界有刺激性气味")),
    ("construction-accident", make_incident("在建工地基坑坍塌", injuries=3, trapped=2)),
    ("underground-space", make_incident("商场地下车库雨水倒灌")),
]


@pytest.mark.parametrize(("expected", "incident"), CASES, ids=[c[0] for c in CASES])
def test_the_right_plan_ranks_first_with_reasons(plans, expected, incident):
    ranked = match(incident, plans)
    assert ranked[0].plan.id == expected
    assert ranked[0].score > ranked[1].score
    assert ranked[0].reasons and all(r.describe() for r in ranked[0].reasons)
    assert "关键词" in ranked[0].describe() or "事件类型" in ranked[0].describe()


def test_typhoon_reasons_in_plain_chinese(plans):
    top = match(make_incident("台风暴雨致下立交积水", IncidentClass.NATURAL, Level.II), plans)[0]
    codes = [r.code for r in top.reasons]
    assert codes == ["class_match", "keyword", "level"]
    assert top.reasons[0].describe() == "事件类别“自然灾害”在预案适用范围内"
    assert top.reasons[1].describe() == "标题或描述含关键词“台风、暴雨、积水、下立交”"
    assert top.reasons[2].describe() == "事件等级Ⅱ级，达到Ⅱ级响应条件"
    assert top.response_level is Level.II
    assert top.score == sum(r.points for r in top.reasons)


def test_warning_colour_and_sensor_raise_the_suggested_level(plans):
    flood = by_id(plans, "flood-typhoon")
    inc = make_incident("暴雨积水", IncidentClass.NATURAL, Level.IV, warning_colour="橙")
    top = match(inc, [flood], sensors={"water_level": 5.6})[0]
    assert top.response_level is Level.I
    texts = top.describe()
    assert "橙色预警，达到Ⅱ级响应条件" in texts
    assert "黄浦公园站潮位5.6m，达到Ⅰ级响应条件（>=5.5m）" in texts
    assert suggest_level(inc, flood) is Level.II
    assert suggest_level(make_incident("积水", IncidentClass.NATURAL, Level.III), flood) is Level.III


def test_casualties_reason(plans):
    gas = by_id(plans, "gas-accident")
    top = match(make_incident("燃气爆炸", type="燃气爆炸", level=Level.IV, deaths=3, injuries=9), [gas])[0]
    assert "伤亡及被困12人，达到Ⅲ级响应条件（≥10人）" in top.describe()
    assert "死亡3人，达到Ⅲ级响应条件（≥3人）" in top.describe()
    assert top.response_level is Level.III


def test_triggers_alone_do_not_lift_an_unrelated_plan(plans):
    ranked = match(make_incident("化工园区储罐氯气泄漏"), plans)
    elevator = next(r for r in ranked if r.plan.id == "elevator-entrapment")
    assert [r.code for r in elevator.reasons] == ["class_match"]


def test_class_mismatch_and_district_penalties(plans):
    gas = by_id(plans, "gas-accident")
    r = match(make_incident("燃气泄漏", IncidentClass.NATURAL), [gas])[0]
    assert r.reasons[0].code == "class_mismatch"
    local = replace(gas, scope=replace(gas.scope, districts=("徐汇",)))
    inside = match(make_incident("燃气泄漏", district="徐汇区"), [local])[0]
    outside = match(make_incident("燃气泄漏", district="浦东新区"), [local])[0]
    assert "事发区“徐汇区”在预案适用区域内" in inside.describe()
    assert outside.score < inside.score


def test_type_inside_a_plan_type_is_only_near(plans):
    ranked = match(make_incident("大楼火灾", type="火灾"), plans)
    gas = next(r for r in ranked if r.plan.id == "gas-accident")
    assert "事件类型“火灾”与预案适用类型“燃气火灾”相近" in gas.describe()
    assert ranked[0].plan.id == "highrise-fire"


def test_cli_match_lines(plans):
    out = io.StringIO()
    assert print_matches(make_incident("台风暴雨致下立交积水", IncidentClass.NATURAL, Level.II), plans, out) == 0
    lines = out.getvalue().splitlines()
    assert lines[0].startswith("1. 上海市防汛防台专项应急预案（示例） (flood-typhoon) score ")
    assert "：" not in lines[0].split(": ", 1)[0]
    assert "；" in lines[0]
    scores = [int(line.split(" score ")[1].split(":")[0]) for line in lines]
    assert scores == sorted(scores, reverse=True) and all(s > 0 for s in scores)


def test_cli_match_with_nothing_matching(plans):
    out = io.StringIO()
    print_matches(make_incident("群体性事件", IncidentClass.SECURITY), plans, out)
    assert out.getvalue().strip() == "没有匹配的预案"
