import pytest

from console.domain.duty_log import Category
from console.domain.incident import Level, Status
from console.domain.intake import IntakeForm, IntakeRejected
from console.services.duty_log import LogFilter


def _form(**kw) -> IntakeForm:
    base = dict(title="徐汇区燃气泄漏", klass="accident", level="3", lat="31.188", lon="121.437", source="119")
    return IntakeForm(**{**base, **kw})


def test_intake_stores_the_incident_and_logs_it(services):
    res = services.incidents.intake(_form(reporter="王先生", callback="13800000000"))
    inc, changes = res.value, res.changes
    assert inc.status is Status.REPORTED and inc.level is Level.III
    assert changes.incidents == {inc.id} and len(changes.duty_log) == 1
    entry = services.log.entries(LogFilter(incident_id=inc.id))[0]
    assert entry.category is Category.INTAKE and "徐汇区燃气泄漏" in entry.text
    assert services.incidents.timeline(inc.id)[0]["kind"] == "intake"


def test_invalid_intake_writes_nothing(services):
    with pytest.raises(IntakeRejected) as err:
        services.incidents.intake(_form(title="", lat="north"))
    assert {e.field for e in err.value.errors} == {"title", "lat"}
    assert services.incidents.list() == []
    assert services.log.count() == 0
    assert services.store.scalar("SELECT count(*) FROM changes") == 0


def test_level_and_status_changes_are_logged_by_the_system(services):
    inc = services.incidents.intake(_form()).value
    services.incidents.set_level(inc.id, Level.II)
    services.incidents.set_status(inc.id, Status.RESPONDING)
    with pytest.raises(ValueError):
        services.incidents.set_status(inc.id, Status.REPORTED)
    texts = [e.text for e in services.log.entries(LogFilter(category=Category.SYSTEM))]
    assert any("Ⅲ级调整为Ⅱ级" in t for t in texts)
    assert any("处置中" in t for t in texts)
    assert services.incidents.get(inc.id).level is Level.II


def test_marking_the_first_report_stops_its_countdown(services, clock):
    from console.domain.incident import next_deadline

    inc = services.incidents.intake(_form()).value
    clock.advance(minutes=12)
    services.incidents.mark_report(inc.id, "first")
    d = next_deadline(services.incidents.get(inc.id), services.incidents.policy())
    assert d.name == "written"


def test_corrections_are_new_entries_pointing_at_the_old(services):
    e = services.log.append(Category.INSTRUCTION, "区领导指示：立即疏散周边居民").value
    c = services.log.correct(e.id, "区领导指示：立即疏散周边 200 米内居民").value
    assert c.corrects_id == e.id and services.log.count() == 2
    assert services.log.get(e.id).text == "区领导指示：立即疏散周边居民"


@pytest.mark.parametrize("query", ["燃气", "气泄", "汇区燃", "徐汇区燃气泄漏", "泄漏"])
def test_search_finds_any_chinese_substring_of_two_or_more_characters(services, query):
    services.log.append(Category.OTHER, "徐汇区燃气泄漏，已通知燃气公司")
    services.log.append(Category.OTHER, "浦东新区下立交积水")
    hits = services.log.search(query)
    assert [h.text for h in hits] == ["徐汇区燃气泄漏，已通知燃气公司"]


def test_search_with_several_words_needs_all_of_them(services):
    services.log.append(Category.COMMS, "沪消-漕河泾-01 到达现场 TETRA")
    services.log.append(Category.COMMS, "沪消-漕河泾-02 返回")
    assert len(services.log.search("漕河泾 到达")) == 1
    assert len(services.log.search("tetra")) == 1
    assert services.log.search("，") == []


def test_shift_open_and_handover_close_the_old_and_open_the_new(services, clock):
    services.shifts.open("张伟", "李主任")
    inc = services.incidents.intake(_form()).value
    clock.advance(minutes=45)  # the first report is now overdue
    res = services.shifts.handover("王芳", "赵主任", "燃气泄漏待续报")
    summary, changes = res.value, res.changes
    assert [i.id for i in summary.open_incidents] == [inc.id]
    assert [(i.id, which) for i, which in summary.overdue] == [(inc.id, "first")]
    shifts = services.shifts.all()
    assert len(shifts) == 2 and shifts[0].closed_at is not None and shifts[1].duty_officer == "王芳"
    handovers = services.log.entries(LogFilter(category=Category.HANDOVER))
    assert any("张伟 交 王芳" in e.text for e in handovers)
    assert services.log.author == "王芳"
    assert changes.shifts


def test_handover_needs_an_open_shift_and_a_successor(services):
    with pytest.raises(ValueError):
        services.shifts.handover("王芳", "")
    services.shifts.open("张伟")
    with pytest.raises(ValueError):
        services.shifts.handover("  ", "")
    with pytest.raises(ValueError):
        services.shifts.open("又一个")


def test_seed_loads_once_and_marks_samples(seeded):
    n_units = len(seeded.resources.units())
    from console.services.seed import load_seed

    load_seed(seeded.store, seeded.incidents, seeded.log)
    assert len(seeded.resources.units()) == n_units
    assert all(u["sample"] == 1 for u in seeded.resources.units())
    assert seeded.log.verify()[1] is None


def test_positions_are_coalesced_to_the_latest_per_unit(seeded):
    from console.services.resources import PositionFix

    unit = seeded.resources.units()[0]
    changes = seeded.resources.apply_positions([PositionFix(unit["id"], 31.20, 121.40),
                                                PositionFix(unit["id"], 31.21, 121.41, heading=90.0)]).changes
    assert changes.units == {unit["id"]}
    fresh = seeded.resources.unit(unit["id"])
    assert (fresh["lat"], fresh["lon"], fresh["heading"]) == (31.21, 121.41, 90.0)


def test_entries_appended_in_one_transaction_chain_and_a_rollback_leaves_no_stale_link(services):
    with services.store.transaction():
        for i in range(5):
            services.log.append(Category.COMMS, f"批量 {i}")
    with pytest.raises(RuntimeError), services.store.transaction():
        services.log.append(Category.COMMS, "将被回滚")
        raise RuntimeError("abort")
    services.log.append(Category.COMMS, "回滚之后")
    assert services.log.verify() == (6, None)
