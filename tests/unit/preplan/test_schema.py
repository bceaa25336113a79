from __future__ import annotations

import io

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from console.cli.preplan import main as cli_main
from console.cli.preplan import validate
from console.domain.preplan import PreplanError, check_file, check_text, load_text
from console.domain.preplan.model import PlanKind
from console.paths import PREPLANS

from .conftest import line_of


def _problems(text: str) -> list[str]:
    plan, problems = check_text(text, "flood.yaml")
    assert plan is None
    return [str(p) for p in problems]


def test_every_shipped_sample_validates_and_is_labelled(plans):
    files = sorted(PREPLANS.glob("*.yaml"))
    assert len(files) >= 7
    for f in files:
        assert check_file(f) == [], f
    assert len(plans) == len(files)
    for p in plans:
        assert p.sample and "示例" in p.title
        assert 3 <= len(p.phases) <= 5, p.id
        assert 10 <= len(p.items()) <= 30, p.id
        assert p.resources and p.notifications and p.command_groups
    titles = "".join(p.title for p in plans)
    for scenario in ("防汛防台", "燃气事故", "建设工程事故", "地下空间突发事件", "危险化学品", "电梯困人", "高层建筑火灾"):
        assert scenario in titles


def test_flood_plan_carries_four_collide_and_six_stops(plans):
    flood = next(p for p in plans if p.id == "flood-typhoon")
    texts = " ".join(it.text for _, it in flood.items())
    assert "四碰头" in texts
    assert all(word in texts for word in ("停工", "停业", "停课", "停园", "停运", "停航"))
    assert {c for t in flood.triggers for c in t.warning_colours} == {"red", "orange", "yellow", "blue"}
    assert any(s.kind == "water_level" for t in flood.triggers for s in t.sensors)
    assert flood.kind is PlanKind.SPECIAL


def test_truncated_plan_with_unclosed_bracket_names_a_line(flood_text, tmp_path):
    data = flood_text.encode("utf-8")
    broken = data[: len(data) * 2 // 3] + b"\n  - : [unclosed\n"
    path = tmp_path / "broken.yaml"
    path.write_bytes(broken)
    problems = check_file(path)
    assert problems
    assert any("line" in p.message for p in problems)
    last_line = broken.count(b"\n")
    assert any(p.line >= last_line - 1 for p in problems)


def test_syntax_error_names_line_and_column():
    problems = _problems("id: x\ntitle: [a, b\nkind: 专项预案\n")
    assert len(problems) == 1
    assert problems[0].startswith("flood.yaml:")
    assert "line" in problems[0] and "column" in problems[0]


def test_bad_deadline_is_reported_with_path_and_line(flood_text):
    text = flood_text.replace("deadline: {minutes: 15, after: search-trapped}", "deadline: {minutes: 0}")
    line = line_of(text, "deadline: {minutes: 0}")
    assert _problems(text) == [
        f"flood.yaml:{line}: phases[1].items[3].deadline.minutes: must be at least 1, got 0"]


def test_every_problem_is_reported_not_only_the_first(flood_text):
    text = (flood_text.replace("group: medical", "group: medic")
            .replace("{plan_title}", "{plan_name}")
            .replace("after: written-report", "after: no-such-item")
            .replace("sample: true", "sample: true\ncolor: red"))
    problems = _problems(text)
    assert len(problems) == 5  # {plan_title} is used by two notifications
    joined = "\n".join(problems)
    assert f":{line_of(text, 'group: medic')}: phases[1].items[3].group: no command group 'medic'" in joined
    assert "notifications[0].text: unknown placeholder {plan_name}" in joined
    assert "notifications[2].text: unknown placeholder {plan_name}" in joined
    assert "phases[2].items[2].deadline.after: no other item 'no-such-item'" in joined
    assert f":{line_of(text, 'color: red')}: color: unknown key 'color'" in joined
    lines = [int(p.split(":")[1]) for p in problems]
    assert lines == sorted(lines)


@pytest.mark.parametrize(("old", "new", "expected"), [
    ("kind: 专项预案", "kind: 临时预案", "kind: unknown plan kind"),
    ("  classes: [natural]", "  classes: [weather]", "scope.classes[0]: unknown incident class"),
    ("  districts: [全市]", "  districts: [苏州]", "scope.districts[0]: unknown district"),
    ("    warning_colours: [red]", "    warning_colours: [purple]", "triggers.Ⅰ.warning_colours[0]: unknown warning colour"),
    ("        deadline: 15\n", "        deadline: soon\n", "phases[0].items[0].deadline: expected a whole number"),
    ("        from_level: Ⅰ\n", "        from_level: Ⅴ\n", "phases[1].items[8].from_level: level must be 1-4"),
    ("  - {type: 排涝泵车, count: 6, rule: nearest_available}", "  - {type: 排涝泵车, count: 6, rule: fastest}",
     "resources[0].rule: unknown rule 'fastest'"),
])
def test_single_mistakes_are_located(flood_text, old, new, expected):
    assert old in flood_text
    text = flood_text.replace(old, new, 1)
    problems = _problems(text)
    assert len(problems) == 1, problems
    assert expected in problems[0]


def test_unlabelled_sample_is_refused(flood_text):
    text = flood_text.replace("title: 上海市防汛防台专项应急预案（示例）", "title: 防汛防台预案").replace(
        "  示例预案。", "  ")
    assert any("示例" in p for p in _problems(text))


def test_duplicate_keys_and_ids_are_refused(flood_text):
    text = flood_text.replace("id: duty-on", "id: relay-warning").replace(
        "version: \"2023-示例\"", "version: a\nversion: b")
    problems = "\n".join(_problems(text))
    assert "duplicate key 'version'" in problems
    assert "duplicate item id 'relay-warning'" in problems


def test_items_waiting_for_each_other_are_refused(flood_text):
    text = flood_text.replace("        text: 启动24小时防汛值班，带班领导和各工作组到岗\n        group: coordination\n",
                              "        text: 启动24小时防汛值班，带班领导和各工作组到岗\n        group: coordination\n"
                              "        depends_on: [video-patrol]\n").replace(
        "        text: 对下立交、易积水小区、在建工地、防汛墙开展视频轮巡\n        group: coordination\n",
        "        text: 对下立交、易积水小区、在建工地、防汛墙开展视频轮巡\n        group: coordination\n"
        "        depends_on: [duty-on]\n")
    assert any("loop" in p for p in _problems(text))


@pytest.mark.parametrize("text", ["", "- a\n- b\n", "id: x\n", "just text\n"])
def test_documents_that_are_not_plans(text):
    problems = _problems(text)
    assert problems and all(p.startswith("flood.yaml:") for p in problems)


def test_load_text_raises_with_the_same_messages(flood_text):
    text = flood_text.replace("group: medical", "group: medic")
    with pytest.raises(PreplanError) as info:
        load_text(text, "flood.yaml")
    assert str(info.value) == "\n".join(_problems(text))
    assert load_text(flood_text).source_text == flood_text


def test_cli_validate_exit_codes(tmp_path, flood_text):
    good = PREPLANS / "gas.yaml"
    bad = tmp_path / "bad.yaml"
    bad.write_text(flood_text.replace("count: 6", "count: six"), encoding="utf-8")
    out = io.StringIO()
    assert validate([str(good)], out) == 0
    out = io.StringIO()
    assert validate([str(good), str(bad)], out) == 1
    assert f"{bad}:{line_of(flood_text, 'count: 6')}: resources[0].count: expected a whole number" in out.getvalue()
    assert cli_main(["validate", str(good)]) == 0


@settings(max_examples=40, deadline=None)
@given(cut=st.floats(min_value=0.0, max_value=1.0), junk=st.sampled_from(["", "\n  - : [unclosed\n", "\n\t: x\n", "}"]))
def test_damaged_plans_never_crash_the_validator(flood_text, cut, junk):
    text = flood_text[: int(len(flood_text) * cut)] + junk
    plan, problems = check_text(text, "f.yaml")
    assert (plan is None) == bool(problems)
    assert all(p.line >= 1 for p in problems)


def test_load_file_refuses_with_located_messages(tmp_path, flood_text):
    from console.domain.preplan import load_file

    bad = tmp_path / "bad.yaml"
    bad.write_bytes(flood_text.encode("utf-8")[:100] + b"\xff\n")
    with pytest.raises(PreplanError, match=r"bad\.yaml:\d+: not valid UTF-8 at line \d+"):
        load_file(bad)
    with pytest.raises(PreplanError, match="cannot read"):
        load_file(tmp_path / "missing.yaml")
