"""The first signed head, written by two writers at once (two stores open on one database in one
process, or two processes): neither fails and the head never names the older entry."""
from __future__ import annotations

import threading

from console.store import log_head, site_key


def test_two_writers_creating_the_head_at_once_both_succeed(tmp_path):
    key = site_key.load_or_create(tmp_path / "c.db", "SITE")
    for trial in range(20):
        db = tmp_path / f"c{trial}.db"
        heads = [log_head.sign_head(key, seq, f"{seq:064x}", "2026-07-01T00:00:00.000Z") for seq in (1, 2)]
        start = threading.Barrier(2)
        errors: list[BaseException] = []

        def write(head, start=start, db=db, errors=errors):
            start.wait()
            try:
                log_head.write(db, head)
            except BaseException as exc:  # noqa: BLE001 - reported below
                errors.append(exc)

        threads = [threading.Thread(target=write, args=(h,)) for h in heads]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        assert errors == []
        assert log_head.read(db).seq == 2
        assert [p.name for p in tmp_path.iterdir() if p.name.endswith(".tmp")] == []
