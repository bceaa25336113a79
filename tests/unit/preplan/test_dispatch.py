"""The dispatch rules: what a plan's resource types mean, nearest available, district, designated expert."""
from __future__ import annotations

from console.domain.preplan.checklist import ResourceRequest
from console.domain.preplan.dispatch import Candidate, allocate, matches, plan_dispatch
from console.domain.preplan.model import ResourceRule

from .conftest import make_incident


def _unit(id_, type_, lat, lon) -> Candidate:
    return Candidate(id_, "unit", id_, lat, lon, attrs={"type": type_})


def test_a_plan_type_maps_to_unit_types_and_resource_kinds():
    assert matches("排涝泵车", _unit("p", "pump", 0, 0))
    assert matches("排涝泵车", Candidate("v", "vehicle", "v", 0, 0, attrs={"type": "移动泵车"}))
    assert not matches("排涝泵车", _unit("f", "fire_engine", 0, 0))
    # A type the map does not know matches by kind, type or a stockpile's contents.
    assert matches("沙袋", Candidate("s", "stockpile", "s", 0, 0, attrs={"contents": {"沙袋": 500}}))


def test_district_all_takes_every_match_in_the_incident_district():
    inc = make_incident("积水", district="徐汇区")
    pool = [Candidate("x1", "shelter", "x1", 31.20, 121.44, "徐汇"), Candidate("x2", "shelter", "x2", 31.3, 121.5, "徐汇区"),
            Candidate("p1", "shelter", "p1", 31.231, 121.471, "浦东新区")]
    req = ResourceRequest("应急避难场所", 1, ResourceRule.DISTRICT_ALL)
    assert {a.resource.id for a in allocate(inc, req, pool)} == {"x1", "x2"}
    elsewhere = make_incident("积水", district="静安区")
    assert [a.resource.id for a in allocate(elsewhere, req, pool)] == ["p1"]  # none there: the nearest


def test_designated_expert_is_chosen_by_speciality_before_distance():
    inc = make_incident("危化品泄漏")
    near = Candidate("e1", "expert", "近", 31.231, 121.471, attrs={"speciality": "防汛排涝"})
    far = Candidate("e2", "expert", "远", 31.40, 121.60, attrs={"speciality": "危险化学品处置"})
    req = ResourceRequest("专家", 1, ResourceRule.DESIGNATED, note="危险化学品")
    assert [a.resource.id for a in allocate(inc, req, [near, far])] == ["e2"]


def test_each_candidate_goes_once_and_shortfalls_are_reported():
    inc = make_incident("积水")
    pool = [_unit("p1", "pump", 31.231, 121.471), _unit("p2", "pump", 31.25, 121.48)]
    reqs = [ResourceRequest("排涝泵车", 1, ResourceRule.NEAREST_AVAILABLE),
            ResourceRequest("排涝泵车", 3, ResourceRule.NEAREST_AVAILABLE)]
    decided = plan_dispatch(inc, reqs, pool)
    assert [p.allocation.resource.id for p in decided.picks] == ["p1", "p2"]
    assert all(p.state == "ordered" and p.takes_from_pool for p in decided.picks)
    assert decided.shortfalls == [(reqs[1], 1)]
