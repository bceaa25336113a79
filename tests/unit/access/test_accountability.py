"""Every record names its author and position; a refused action writes only its refusal; the hash
chain covers the author, so an author altered behind the app's back is caught."""
import sqlite3

import pytest

from console.domain.access import Actor, Position, Refused
from console.domain.incident import Level
from console.domain.intake import IntakeForm
from console.services.preplans import PreplanService

TABLES = ("incidents", "activations", "checklist_items", "dispatches", "outbox", "duty_log", "changes",
          "preplans")


def counts(store) -> dict[str, int]:
    return {t: store.scalar(f"SELECT count(*) FROM {t}") for t in TABLES}


def _form() -> IntakeForm:
    return IntakeForm(title="徐汇区燃气泄漏", klass="accident", level="3", lat="31.19", lon="121.43", source="119")


@pytest.fixture
def signed(services):
    services.accounts.add("admin", "admin", "Adm1n-pass-X")
    return services


def test_entries_and_change_rows_name_the_account_and_position(signed):
    signed.store.actor = Actor("cmdr", Position.COMMANDER)
    inc = signed.incidents.intake(_form()).value
    entry = signed.log.entries(limit=1)[0]
    assert (entry.author, entry.position, entry.incident_id) == ("cmdr", "commander", inc.id)
    rows = signed.store.rows("SELECT DISTINCT author, position FROM changes WHERE tbl = 'incidents'")
    assert rows == [{"author": "cmdr", "position": "commander"}]
    assert signed.log.verify() == (signed.log.count(), None)


def test_field_unit_activation_refused_writing_only_the_refusal(signed):
    pp = PreplanService(signed.store, signed.log, signed.incidents, signed.resources)
    signed.store.actor = Actor("cmdr", Position.COMMANDER)
    inc = signed.incidents.intake(_form()).value
    pp.load_samples()
    signed.store.actor = Actor("field1", Position.FIELD_UNIT, group="rescue")
    before = counts(signed.store)
    with pytest.raises(Refused) as err:
        pp.activate(inc.id, "gas-accident", Level.III)
    after = counts(signed.store)
    assert after["duty_log"] == before["duty_log"] + 1
    assert {t: after[t] - before[t] for t in TABLES if t not in ("duty_log", "changes")} == dict.fromkeys(
        [t for t in TABLES if t not in ("duty_log", "changes")], 0)
    refusal = signed.log.entries(limit=1)[0]
    assert refusal.author == "field1" and refusal.position == "field_unit" and refusal.text == err.value.message
    assert err.value.changes.duty_log == {refusal.id}


def test_field_unit_ticks_only_its_own_groups_items(signed):
    pp = PreplanService(signed.store, signed.log, signed.incidents, signed.resources)
    signed.store.actor = Actor("cmdr", Position.COMMANDER)
    inc = signed.incidents.intake(_form()).value
    pp.load_samples()
    act = pp.activate(inc.id, "gas-accident", Level.III).value
    items = [r for r in pp.checklist(act.id) if not r.retired]
    group = items[0].item.group_id
    own = next(r for r in items if r.item.group_id == group)
    other = next(r for r in items if r.item.group_id != group)
    signed.store.actor = Actor("field1", Position.FIELD_UNIT, group=group)
    pp.set_notes(own.id, "on our way")
    with pytest.raises(Refused):
        pp.set_notes(other.id, "not ours")


def test_no_one_signed_in_is_refused_once_accounts_exist(signed):
    signed.store.actor = None
    with pytest.raises(Refused):
        signed.incidents.intake(_form())
    assert signed.incidents.list() == []


def test_observer_may_not_write_a_log_entry(signed):
    from console.domain.duty_log import Category

    signed.store.actor = Actor("obs", Position.OBSERVER)
    with pytest.raises(Refused):
        signed.log.write(Category.OTHER, "note")
    assert signed.log.entries(limit=1)[0].author == "obs"


def test_altered_author_is_caught_by_verify(signed, db_path):
    signed.store.actor = Actor("cmdr", Position.COMMANDER)
    signed.incidents.intake(_form())
    signed.store.close()
    c = sqlite3.connect(db_path)
    c.execute("DROP TRIGGER duty_log_no_update")
    c.execute("UPDATE duty_log SET author = 'someone' WHERE seq = (SELECT max(seq) FROM duty_log)")
    c.commit()
    c.close()
    from console.services import build_services
    from console.store.database import open_store

    svc = build_services(open_store(db_path))
    n, broken = svc.log.verify()
    assert broken is not None and "altered" in broken.reason
    svc.store.close()


def test_altered_position_is_caught_and_old_entries_still_verify(services, db_path):
    from console.domain.duty_log import Category

    services.log.append(Category.OTHER, "written before accounts")  # position NULL: version-1 hash
    services.store.actor = Actor("cmdr", Position.COMMANDER)
    services.log.append(Category.OTHER, "written by the commander")
    assert services.log.verify()[1] is None
    services.store.conn.execute("DROP TRIGGER duty_log_no_update")
    services.store.conn.execute("UPDATE duty_log SET position = 'admin' WHERE seq = (SELECT max(seq) FROM duty_log)")
    assert services.log.verify()[1] is not None
