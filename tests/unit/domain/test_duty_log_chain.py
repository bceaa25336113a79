from console.domain.duty_log import GENESIS, entry_hash, verify_chain


def _chain(n: int, site: str = "A") -> list[dict]:
    rows, prev = [], GENESIS
    for i in range(n):
        f = {"id": f"{site}{i}", "site": site, "at": f"2026-07-15T02:{i:02d}:00Z", "category": "other",
             "text": f"条目 {i}", "author": "张三", "incident_id": None, "unit_id": None, "shift_id": None,
             "corrects_id": None}
        h = entry_hash(prev, f)
        rows.append({**f, "seq": i + 1, "prev_hash": prev, "hash": h})
        prev = h
    return rows


def test_an_intact_chain_verifies():
    assert verify_chain(_chain(5)) is None


def test_an_altered_text_is_named():
    rows = _chain(5)
    rows[2] = {**rows[2], "text": rows[2]["text"] + "X"}
    broken = verify_chain(rows)
    assert broken is not None and broken.entry_id == "A2" and "altered" in broken.reason


def test_a_removed_entry_breaks_the_link_of_the_next():
    rows = _chain(5)
    del rows[1]
    broken = verify_chain(rows)
    assert broken is not None and broken.entry_id == "A2"


def test_sites_chain_independently_so_merged_logs_verify():
    a, b = _chain(3, "A"), _chain(3, "B")
    merged = [{**row, "seq": i + 1} for i, row in enumerate([a[0], b[0], b[1], a[1], a[2], b[2]])]
    assert verify_chain(merged) is None


def test_hash_depends_on_every_hashed_field():
    rows = _chain(1)
    base = rows[0]
    for field in ("id", "at", "category", "text", "author", "incident_id"):
        changed = {**base, field: "other-value"}
        assert entry_hash(GENESIS, changed) != base["hash"], field
