from datetime import timedelta

import pytest

from console.domain.incident import Level
from console.domain.preplan import ItemState, PreplanError, TransitionError
from console.paths import PREPLANS
from console.services.preplans import PreplanService

ROOT_PREPLANS = PREPLANS

FLOOD = "flood-typhoon"
TYPHOON = "inc-sample-001"
WRITE_TABLES = ("activations", "checklist_items", "dispatches", "outbox", "duty_log", "changes")


@pytest.fixture
def pp(seeded):
    svc = PreplanService(seeded.store, seeded.log, seeded.incidents, seeded.resources)
    svc.load_samples()
    return svc


def counts(store) -> dict[str, int]:
    return {t: store.scalar(f"SELECT count(*) FROM {t}") for t in WRITE_TABLES}


def flood_text() -> str:
    return (PREPLANS / "flood_typhoon.yaml").read_text(encoding="utf-8")


def test_samples_load_once_with_a_version_each(pp):
    assert {p.id for p in pp.plans()} >= {FLOOD, "gas-accident", "hazchem"}
    n = pp.store.scalar("SELECT count(*) FROM preplan_versions")
    assert not pp.load_samples().changes
    assert pp.store.scalar("SELECT count(*) FROM preplan_versions") == n


def test_match_ranks_the_flood_plan_first_for_the_typhoon(pp):
    best = pp.match(TYPHOON)[0]
    assert best.plan_id == FLOOD
    assert "橙色预警" in best.describe()
    assert best.response_level is Level.II


def test_activation_writes_checklist_dispatches_outbox_and_log(pp):
    before = counts(pp.store)
    changes = pp.activate(TYPHOON, FLOOD, Level.II).changes
    (act,) = pp.activations(TYPHOON)
    assert changes.checklists == {act.id}
    items = pp.checklist(act.id)
    plan = pp.plan(FLOOD)
    assert [r.item.item_id for r in items] == [s.id for _, s in plan.items() if s.applies_at(Level.II)]
    assert all(r.item.state is ItemState.TODO for r in items)
    assert items[0].due == act.activated_at + timedelta(minutes=15)
    dispatched = pp.dispatches(act.id)
    pumps = [d for d in dispatched if d["request_type"] == "排涝泵车"]
    assert pumps and pumps == sorted(pumps, key=lambda d: d["distance_km"])
    assert {d["resource_kind"] for d in dispatched} >= {"shelter", "stockpile", "expert"}
    for d in dispatched:
        if d["resource_kind"] == "unit" and d["state"] == "ordered":
            assert pp.resources.unit(d["resource_id"])["status"] == "dispatched"
    outbox = pp.outbox(act.id)
    assert outbox and {o["state"] for o in outbox} == {"no_link"}
    assert {o["ref"] for o in outbox} == {"preplan:radio-dispatch", "preplan:beidou-dispatch"}
    # SMS, phone and broadcast have no device here: each becomes a task for the officer, never "queued".
    tasks = pp.tasks(act.id)
    assert {t.ref for t in tasks} == {"preplan:start", "preplan:first-report", "preplan:six-stops"}
    assert all(t.due_at is not None and not t.done for t in tasks)
    first_item = next(r for r in items if r.item.item_id == "first-report")
    assert {t.due_at for t in tasks if t.ref == "preplan:first-report"} == {first_item.due}
    cats = [e.category.value for e in pp.log.entries(limit=500) if e.incident_id == TYPHOON]
    assert {"system", "dispatch", "instruction"} <= set(cats)
    after = counts(pp.store)
    assert after["dispatches"] - before["dispatches"] == len(dispatched)
    assert changes.duty_log and changes.units


def test_a_second_activation_of_the_same_plan_is_refused(pp):
    pp.activate(TYPHOON, FLOOD, Level.II)
    with pytest.raises(ValueError):
        pp.activate(TYPHOON, FLOOD, Level.I)


@pytest.mark.parametrize("fail_on", [1, 2, 10, 23])
def test_activation_is_all_or_nothing(pp, monkeypatch, fail_on):
    before = counts(pp.store)
    units_before = pp.store.rows("SELECT id, status FROM units ORDER BY id")
    real = pp.log.append
    calls = {"n": 0}

    def flaky(*args, **kw):
        calls["n"] += 1
        if calls["n"] == fail_on:
            raise RuntimeError("log append failed")
        return real(*args, **kw)

    monkeypatch.setattr(pp.log, "append", flaky)
    with pytest.raises(RuntimeError):
        pp.activate(TYPHOON, FLOOD, Level.II)
    assert counts(pp.store) == before
    assert pp.store.rows("SELECT id, status FROM units ORDER BY id") == units_before
    monkeypatch.setattr(pp.log, "append", real)
    pp.activate(TYPHOON, FLOOD, Level.II)  # and the store is usable afterwards
    assert len(pp.activations(TYPHOON)) == 1


def test_escalation_adds_items_and_de_escalation_retires_without_deleting(pp, clock):
    pp.activate(TYPHOON, FLOOD, Level.II)
    (act,) = pp.activations(TYPHOON)
    n2 = len(pp.checklist(act.id))
    clock.advance(minutes=10)
    pp.escalate(act.id, Level.I)
    rows = pp.checklist(act.id)
    added = [r for r in rows if r.item.item_id == "request-army"]
    assert len(rows) == n2 + 1 and added and added[0].item.started_from == clock.now()
    assert "Ⅱ级→Ⅰ级" in pp.log.entries(limit=1)[0].text
    assert pp.activation(act.id).level is Level.I
    pp.escalate(act.id, Level.III)
    rows = pp.checklist(act.id)
    assert len(rows) == n2 + 1  # nothing deleted
    retired = {r.item.item_id for r in rows if r.retired}
    assert retired == {"four-collide", "six-stops", "enforce-six-stops", "six-stops-notice", "lift-six-stops",
                       "request-army"}
    assert all(r.item.state is ItemState.SKIPPED and "不再适用" in r.item.reason for r in rows if r.retired)
    pp.escalate(act.id, Level.II)  # back again: the retired rows return to the list
    assert {r.item.item_id for r in pp.checklist(act.id) if r.retired} == {"request-army"}


def test_item_states_skip_needs_a_reason_and_dependents_get_their_deadline(pp, clock):
    pp.activate(TYPHOON, FLOOD, Level.II)
    (act,) = pp.activations(TYPHOON)
    rows = {r.item.item_id: r for r in pp.checklist(act.id)}
    with pytest.raises(TransitionError):
        pp.set_item_state(rows["pump-trucks"].id, ItemState.SKIPPED)
    pp.set_item_state(rows["pump-trucks"].id, ItemState.SKIPPED, reason="泵车已在现场")
    with pytest.raises(TransitionError):  # evidence is required first
        pp.set_item_state(rows["search-trapped"].id, ItemState.DONE)
    assert rows["treat-injured"].due is None
    clock.advance(minutes=5)
    pp.set_evidence(rows["search-trapped"].id, "搜救结果", "2人已救出")
    pp.set_item_state(rows["search-trapped"].id, ItemState.DONE)
    fresh = {r.item.item_id: r for r in pp.checklist(act.id)}
    assert fresh["treat-injured"].due == clock.now() + timedelta(minutes=15)
    assert fresh["pump-trucks"].item.reason == "泵车已在现场"
    pp.set_assignee(rows["materials"].id, "王队长")
    pp.set_notes(rows["materials"].id, "沙袋500只在途")
    fresh = {r.item.item_id: r for r in pp.checklist(act.id)}
    assert (fresh["materials"].assignee, fresh["materials"].notes) == ("王队长", "沙袋500只在途")


def test_stand_down_keeps_every_row_and_makes_the_checklist_read_only(pp):
    pp.activate(TYPHOON, FLOOD, Level.II)
    (act,) = pp.activations(TYPHOON)
    before = counts(pp.store)
    ch = pp.stand_down(act.id).changes
    after = counts(pp.store)
    for t in ("activations", "checklist_items", "dispatches", "outbox"):
        assert after[t] == before[t]
    assert after["duty_log"] == before["duty_log"] + 1 and ch.duty_log
    assert "响应终止" in pp.log.entries(limit=1)[0].text
    assert not pp.activation(act.id).active
    with pytest.raises(ValueError):
        pp.set_item_state(pp.checklist(act.id)[0].id, ItemState.DONE)
    assert {d["state"] for d in pp.dispatches(act.id)} == {"done"}
    pp.activate(TYPHOON, FLOOD, Level.III)  # a fresh activation is allowed after standing down


def test_import_refuses_an_invalid_plan_with_located_messages_and_stores_nothing(pp):
    text = flood_text().replace("id: flood-typhoon", "id: flood-copy").replace("group: medical", "group: nobody")
    text = text.replace("deadline: 20", "deadline: soon")
    before = (pp.store.scalar("SELECT count(*) FROM preplans"), pp.store.scalar("SELECT count(*) FROM changes"))
    with pytest.raises(PreplanError) as err:
        pp.import_yaml(text, "copy.yaml")
    lines = [p.line for p in err.value.problems]
    assert text.splitlines()[lines[0] - 1].strip().startswith(("group: nobody", "deadline: soon"))
    assert all(p.source == "copy.yaml" and p.line > 1 for p in err.value.problems)
    assert len(err.value.problems) >= 2
    after = (pp.store.scalar("SELECT count(*) FROM preplans"), pp.store.scalar("SELECT count(*) FROM changes"))
    assert after == before


def test_edits_make_versions_and_activations_remember_theirs(pp):
    pp.activate(TYPHOON, FLOOD, Level.II)
    (act,) = pp.activations(TYPHOON)
    edited = flood_text().replace("通知各区防汛指挥部和成员单位进入应急值守", "通知各区防汛指挥部进入值守")
    res = pp.import_yaml(edited, "editor")
    plan, ch = res.value, res.changes
    assert ch.preplans == {FLOOD}
    assert [v["version"] for v in pp.versions(FLOOD)] == [2, 1]
    assert pp.export_yaml(FLOOD) == edited and pp.export_yaml(FLOOD, 1) == flood_text()
    assert act.plan_version == 1 and pp.plan(FLOOD, 1).item("relay-warning").text != plan.item("relay-warning").text
    assert not pp.import_yaml(edited, "editor").changes  # the same text again is not a new version


def test_radio_notifications_go_to_the_dispatched_units_identities(seeded, clock):
    from console.domain.incident import Level
    from console.services.preplans import PreplanService

    svc = PreplanService(seeded.store, seeded.log, seeded.incidents, seeded.resources)
    svc.load_samples()
    typhoon = next(i for i in seeded.incidents.list() if "台风" in i.title)
    svc.activate(typhoon.id, "flood-typhoon", Level.II)
    rows = seeded.store.rows("SELECT channel, recipient, state FROM outbox WHERE channel IN ('tetra','beidou')")
    dispatched = seeded.store.rows("SELECT u.issi, u.beidou_id FROM dispatches d JOIN units u ON u.id = d.resource_id "
                                   "WHERE d.resource_kind = 'unit'")
    assert dispatched
    assert {r["recipient"] for r in rows if r["channel"] == "tetra"} == {d["issi"] for d in dispatched}
    assert {r["recipient"] for r in rows if r["channel"] == "beidou"} == {d["beidou_id"] for d in dispatched}
    assert {r["state"] for r in rows} == {"no_link"}  # no device connected in this test


def test_a_radio_recipient_must_be_an_identity():
    from console.domain.preplan import check_text

    text = (ROOT_PREPLANS / "elevator.yaml").read_text(encoding="utf-8").replace("to: [dispatched]", "to: [抢险救援组]", 1)
    _, problems = check_text(text, "elevator.yaml")
    assert any("recipient" in p.message and p.line > 0 for p in problems)
