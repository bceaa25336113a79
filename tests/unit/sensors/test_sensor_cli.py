"""`incident-console sensors`: CSV history in with each rejected line reported, the list as JSON."""
from __future__ import annotations

import json

from console.cli import main


def test_import_csv_reports_rejected_lines_and_lists(seeded, db_path, tmp_path, capsys):
    seeded.store.close()
    f = tmp_path / "h.csv"
    f.write_text("sensor_id,time,value\nsen-004,2026-07-15T01:00:00Z,3.6\nsen-004,soon,1\n", encoding="utf-8")
    assert main(["sensors", "import-csv", "--db", str(db_path), str(f)]) == 0
    out, err = capsys.readouterr()
    assert "imported 1 reading(s)" in out and "h.csv:3: rejected: time 'soon'" in err
    assert main(["sensors", "list", "--json", "--db", str(db_path)]) == 0
    rows = {r["id"]: r for r in json.loads(capsys.readouterr().out)}
    assert rows["sen-004"]["value"] == 3.6 and rows["sen-004"]["level"] == "orange"
    assert main(["sensors", "import-csv", "--db", str(db_path), str(tmp_path / "missing.csv")]) == 1
