"""`incident-console cap ...` in-process, on a real database file."""
from __future__ import annotations

import json
from pathlib import Path

from console.cli import main

DATA = Path(__file__).resolve().parents[2] / "data" / "cap"


def _list(db, capsys) -> list[dict]:
    assert main(["cap", "list", "--db", str(db), "--json"]) == 0
    return json.loads(capsys.readouterr().out)


def test_import_list_export_and_import_again(tmp_path, capsys):
    db = tmp_path / "c.db"
    files = [str(p) for p in sorted(DATA.glob("Oasis_*.xml"))]
    assert main(["cap", "import", "--db", str(db), *files]) == 0
    assert "imported 3" in capsys.readouterr().out
    rows = _list(db, capsys)
    assert sorted(r["identifier"] for r in rows) == ["43b080713727", "KAR0-0306112239-SW", "TRI13970876.2"]
    assert set(rows[0]) == {"identifier", "sender", "sent", "status", "msgType", "scope", "references", "infos"}
    assert set(rows[0]["infos"][0]) == {"language", "category", "event", "urgency", "severity", "certainty", "onset",
                                        "expires", "senderName", "headline", "areas"}
    quake = next(r for r in rows if r["identifier"] == "TRI13970876.2")
    assert quake["infos"][0]["areas"][0]["circles"] == [{"lat": 32.9525, "lon": -115.5527, "radius_km": 0.0}]
    out = tmp_path / "out.xml"
    assert main(["cap", "export", "--db", str(db), "KAR0-0306112239-SW", "--out", str(out)]) == 0
    db2 = tmp_path / "d.db"
    assert main(["cap", "import", "--db", str(db2), str(out)]) == 0
    capsys.readouterr()
    amber = next(r for r in rows if r["identifier"] == "KAR0-0306112239-SW")
    assert _list(db2, capsys) == [amber]


def test_refusals_exit_1_with_a_plain_message_and_store_nothing(tmp_path, capsys):
    db = tmp_path / "c.db"
    hostile = tmp_path / "x.xml"
    hostile.write_text('<?xml version="1.0"?>\n<!DOCTYPE a [<!ENTITY x SYSTEM "file:///etc/hostname">]>\n<a>&x;</a>')
    assert main(["cap", "import", "--db", str(db), str(DATA / "Oasis_AmberAlert.xml"), str(hostile)]) == 1
    err = capsys.readouterr().err
    assert "refused, nothing imported: x.xml: line 2" in err and "Traceback" not in err
    assert _list(db, capsys) == []
    assert main(["cap", "export", "--db", str(db), "nope", "--out", str(tmp_path / "o.xml")]) == 1
    assert "no stored alert" in capsys.readouterr().err
