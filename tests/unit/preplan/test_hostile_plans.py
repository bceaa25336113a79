"""Plans that used to validate and then fail or stall at activation, and files that broke the loader:
each is now refused with its line, or validates and activates."""
from __future__ import annotations

import io
import time
from datetime import timedelta

import pytest

from console.cli.preplan import load_plans, print_matches
from console.cli.preplan import main as cli_main
from console.domain.incident import IncidentClass, Level
from console.domain.preplan import activate, check_file, check_text
from console.domain.preplan.model import PLACEHOLDERS
from console.domain.preplan.schema import MAX_DEADLINE_MINUTES, MAX_DEPTH, MAX_FILE_CHARS
from console.domain.preplan.templates import MAX_VALUE_CHARS, TemplateError, render

from .conftest import T0, line_of, make_incident

TEMPLATE_LINE = "text: 【{plan_title}】{response_level}响应：立即出动至{district}{address}，处置{title}。到场后报告。"
DEADLINE_LINE = "deadline: 15\n"


def _one_problem(text: str, needle: str) -> str:
    plan, problems = check_text(text, "p.yaml")
    assert plan is None, "the plan should have been refused"
    assert problems, "a refused plan names its problems"
    line = line_of(text, needle)
    hits = [p for p in problems if p.line == line]
    assert hits, f"no problem at line {line}: {[str(p) for p in problems]}"
    return str(hits[0])


@pytest.mark.parametrize("minutes", ["100000000000000000000000", "9999999999", "1e23", "43201"])
def test_deadlines_beyond_a_month_are_refused_with_their_line(flood_text, minutes):
    text = flood_text.replace(DEADLINE_LINE, f"deadline: {minutes}\n", 1)
    _one_problem(text, f"deadline: {minutes}")
    text = flood_text.replace(DEADLINE_LINE, f"deadline: {{minutes: {minutes}}}\n", 1)
    _one_problem(text, f"deadline: {{minutes: {minutes}}}")


def test_the_longest_deadline_allowed_activates(flood_text):
    text = flood_text.replace(DEADLINE_LINE, f"deadline: {MAX_DEADLINE_MINUTES}\n", 1)
    plan, problems = check_text(text)
    assert problems == [] and plan is not None
    cl = activate(plan, Level.I, make_incident("积水", IncidentClass.NATURAL), T0).checklist()
    assert cl.due("relay-warning") == T0 + timedelta(minutes=MAX_DEADLINE_MINUTES)


@pytest.mark.parametrize("placeholder", [
    "{title!z}", "{title!r}", "{title:{0}}", "{deaths:05d}", "{title:>200000000}", "{title.upper}", "{title[0]}",
    "{0}", "{}", "{nope}", "{", "}", "{title", "{{title}",
])
def test_templates_with_anything_but_known_names_are_refused(flood_text, placeholder):
    bad = TEMPLATE_LINE.replace("{title}", placeholder)
    text = flood_text.replace(TEMPLATE_LINE, bad)
    started = time.monotonic()
    message = _one_problem(text, bad)
    assert "notifications[0].text" in message
    assert time.monotonic() - started < 2


def test_what_validates_renders_with_literal_braces_and_bounded_values(flood_text):
    text = flood_text.replace(TEMPLATE_LINE, "text: '{{固定}} {title} {{title}} }}'")
    plan, problems = check_text(text)
    assert problems == [] and plan is not None
    incident = make_incident("标" * 100_000, IncidentClass.NATURAL)
    draft = activate(plan, Level.I, incident, T0)
    note = next(n for n in draft.notifications if n.template_id == "radio-dispatch")
    assert note.text == "{固定} " + "标" * MAX_VALUE_CHARS + " {title} }"


def test_every_sample_template_renders_every_placeholder():
    values = {name: name.upper() for name in PLACEHOLDERS}
    assert render("".join(f"<{{{n}}}>" for n in PLACEHOLDERS), values) == "".join(f"<{n.upper()}>" for n in PLACEHOLDERS)
    with pytest.raises(TemplateError):
        render("{title:>9}", values)


def test_yaml_aliases_are_refused_at_once(flood_text):
    bomb = ["a0: &a0 [x, x, x, x, x, x, x, x, x, x]"]
    bomb += [f"a{i}: &a{i} [{', '.join([f'*a{i - 1}'] * 10)}]" for i in range(1, 40)]
    text = "\n".join(bomb) + "\n" + flood_text
    started = time.monotonic()
    message = _one_problem(text, "&a0")
    assert "anchor" in message
    assert time.monotonic() - started < 2
    aliased = flood_text.replace("evidence: [通知回执]", "evidence: &ev [通知回执]", 1).replace(
        "evidence: [", "evidence: *ev\n        x: [", 1)
    assert check_text(aliased)[0] is None


@pytest.mark.parametrize("value", ["!!bool maybe", "!!timestamp 2001-13-45", "!!int 12x", "!!float abc",
                                   "!!int " + "9" * 5000, "!!binary '%%%'", "!!python/object:os.system x",
                                   "!!set {a: 1}", "!!omap [a]"])
def test_explicit_tags_with_bad_values_are_problems_with_a_line(flood_text, value):
    text = flood_text.replace("sample: true", f"sample: {value}", 1)
    _one_problem(text, f"sample: {value}")
    text = flood_text.replace(DEADLINE_LINE, f"deadline: {value}\n", 1)
    _one_problem(text, f"deadline: {value}")


def test_deep_nesting_is_refused_with_its_line(flood_text):
    depth = 10_000
    text = flood_text.replace("sample: true", "sample: " + "[" * depth + "]" * depth, 1)
    message = _one_problem(text, "sample: [[[")
    assert f"{MAX_DEPTH} levels" in message
    block = "".join(f"{'  ' * i}k{i}:\n" for i in range(200))
    text = flood_text + "\n" + block
    plan, problems = check_text(text)
    first, last = line_of(text, "k0:"), line_of(text, "k199:")
    assert plan is None and [p.message for p in problems] == [f"nested more than {MAX_DEPTH} levels deep"]
    assert first < problems[0].line <= last


def _chained_plan(flood_text: str, n: int, loop: bool) -> str:
    items = []
    for i in range(n):
        after = f"c{i - 1}" if i else (f"c{n - 1}" if loop else None)
        items.append(f"      - id: c{i}\n        text: 第{i}步\n        group: coordination\n"
                     + (f"        depends_on: [{after}]\n        deadline: {{minutes: 5, after: {after}}}\n" if after else ""))
    phase = "  - id: chain\n    name: 长链\n    items:\n" + "".join(items)
    return flood_text.replace("phases:\n", "phases:\n" + phase, 1)


def test_a_thousand_item_chain_validates_and_activates(flood_text):
    text = _chained_plan(flood_text, 1000, loop=False)
    started = time.monotonic()
    plan, problems = check_text(text)
    assert problems == [] and plan is not None
    cl = activate(plan, Level.I, make_incident("积水", IncidentClass.NATURAL), T0).checklist()
    assert cl.due("c999") is None and cl.due("c0") is None
    assert time.monotonic() - started < 10


def test_a_thousand_item_loop_is_one_readable_problem(flood_text):
    plan, problems = check_text(_chained_plan(flood_text, 1000, loop=True))
    assert plan is None
    loops = [p for p in problems if "loop" in p.message]
    assert len(loops) == 1 and len(loops[0].message) < 300


def test_oversized_files_are_refused_before_parsing(tmp_path, flood_text):
    text = flood_text + "#" * MAX_FILE_CHARS
    plan, problems = check_text(text)
    assert plan is None and "at most" in problems[0].message
    big = tmp_path / "big.yaml"
    big.write_bytes(b"#" * (MAX_FILE_CHARS * 4 + 10))
    assert "larger than" in check_file(big)[0].message


def test_overlong_text_is_a_problem(flood_text):
    text = flood_text.replace("name: 预警响应", "name: " + "长" * 5000, 1)
    assert "characters" in _one_problem(text, "name: 长长")


def _run(argv: list[str], capsys) -> tuple[int, str, str]:
    code = cli_main(argv)
    out = capsys.readouterr()
    return code, out.out, out.err


def test_match_reports_a_broken_plan_and_ranks_the_rest(tmp_path, flood_text):
    plans_dir = tmp_path / "plans"
    plans_dir.mkdir()
    (plans_dir / "flood.yaml").write_text(flood_text, encoding="utf-8")
    (plans_dir / "broken.yaml").write_text(flood_text.replace(DEADLINE_LINE, "deadline: 9999999999\n", 1),
                                           encoding="utf-8")
    (plans_dir / "binary.yml").write_bytes(b"\xff\xfe\x00garbage")
    err, out = io.StringIO(), io.StringIO()
    plans = load_plans(plans_dir, err)
    assert [p.id for p in plans or []] == ["flood-typhoon"]
    assert "broken.yaml" in err.getvalue() and "binary.yml" in err.getvalue()
    assert f"broken.yaml:{line_of(flood_text, DEADLINE_LINE.strip())}:" in err.getvalue()
    print_matches(make_incident("台风暴雨致下立交积水", IncidentClass.NATURAL, Level.II), plans or [], out)
    assert "flood-typhoon" in out.getvalue()


def test_match_with_only_broken_plans_says_so(tmp_path):
    (tmp_path / "broken.yaml").write_text("a: [", encoding="utf-8")
    err = io.StringIO()
    assert load_plans(tmp_path, err) is None
    assert "no valid preplan" in err.getvalue()


def test_match_with_a_missing_folder_says_so(tmp_path, capsys, db_path):
    # Refused before any database is opened.
    code, out, err = _run(["match", "--db", str(db_path), "--incident", "x", "--plans", str(tmp_path / "nowhere")],
                          capsys)
    assert code == 2
    assert "nowhere" in err and "no" in err.lower()
    assert "没有匹配" not in out
    assert not db_path.exists()


def test_validate_reports_hostile_files_without_traceback(tmp_path, flood_text):
    files = {
        "alias.yaml": "a: &x [1]\nb: *x\n",
        "tag.yaml": flood_text.replace("sample: true", "sample: !!bool maybe", 1),
        "deep.yaml": "[" * 5000 + "]" * 5000,
        "dir": None,
    }
    paths = []
    for name, body in files.items():
        p = tmp_path / name
        if body is None:
            p.mkdir()
        else:
            p.write_text(body, encoding="utf-8")
        paths.append(str(p))
    out = io.StringIO()
    from console.cli.preplan import validate

    assert validate(paths, out) == 1
    text = out.getvalue()
    assert "0 of 4 preplans valid" in text
    assert "Traceback" not in text


def test_plans_composed_by_libyaml_equal_those_of_the_python_loader(monkeypatch):
    """The fast path (events checked, then composed in C) reads every sample exactly as the Python
    loader does, and a refusal is worded the same whichever loader met it first."""
    from pathlib import Path

    import yaml

    from console.paths import PREPLANS

    texts = [p.read_text(encoding="utf-8") for p in sorted(Path(PREPLANS).glob("*.yaml"))]
    hostile = "id: x\nsample: &a [1]\nother: *a\n"
    assert yaml.__with_libyaml__
    fast = [check_text(t) for t in [*texts, hostile]]
    monkeypatch.setattr(yaml, "__with_libyaml__", False)
    slow = [check_text(t) for t in [*texts, hostile]]
    assert fast == slow and all(plan is not None for plan, _ in fast[:-1])
    assert fast[-1][0] is None and "anchor &a" in fast[-1][1][0].message
