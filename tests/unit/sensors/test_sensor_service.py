"""SensorService on a real SQLite file: readings append with rollups, a crossing becomes a warning
in the warnings table with its duty-log entry and preplan proposal, escalation updates it, the
all-clear cancels it, and a CSV import reports its rejected lines and keeps the good ones."""
from __future__ import annotations

from datetime import UTC, datetime

import pytest

from console.domain.cap import read_bytes
from console.domain.cap.writer import to_bytes
from console.domain.thresholds import Threshold
from console.services.sensors import Reading

T0 = datetime(2026, 7, 15, 2, 0, tzinfo=UTC).timestamp()
LINES = (Threshold("blue", 3.0, True, 0.05), Threshold("yellow", 3.2, True, 0.05),
         Threshold("orange", 3.5, True, 0.05), Threshold("red", 3.8, True, 0.05))


@pytest.fixture
def sensors(seeded):
    from console.services.preplans import PreplanService

    pre = PreplanService(seeded.store, seeded.log, seeded.incidents, seeded.resources)
    pre.load_samples()
    svc = seeded.sensors
    svc.plans = pre.plans
    svc.hold = 120
    svc.register("sen-004", "苏州河 北新泾 水位站", "water_level", 31.2189, 121.3763, district="长宁区",
                 source="sample", thresholds=LINES, sample=True)
    return svc


def feed(svc, values, start=T0, every=30.0, sid="sen-004"):
    return [svc.ingest([Reading(sid, start + i * every, v)]) for i, v in enumerate(values)]


def test_seeded_sensors_get_four_lines_from_their_single_threshold(seeded):
    s = seeded.sensors.get("sen-001")
    assert [t.colour for t in s.thresholds] == ["blue", "yellow", "orange", "red"]
    assert next(t for t in s.thresholds if t.colour == "orange").value == 4.8
    assert s.source == "sample"


def test_readings_roll_up_per_minute_and_hour(sensors, store):
    sensors.ingest([Reading("sen-001", T0 + i, 4.0 + i / 1000) for i in range(180)])
    rows = store.rows("SELECT * FROM reading_rollups WHERE sensor_id = 'sen-001' AND bucket = 60 ORDER BY t")
    assert [r["n"] for r in rows] == [60, 60, 60]
    assert rows[0]["vmin"] == 4.0 and rows[0]["vmax"] == pytest.approx(4.059)
    assert sensors.ingest([Reading("sen-001", T0, 9.0)]).value == 0  # a stored reading is not doubled
    ts, vs = sensors.series("sen-001", T0 - 10, T0 + 7200, resolution="minute")
    assert len(ts) == 6 and max(vs) == pytest.approx(4.179)
    assert sensors.get("sen-001").value == pytest.approx(4.179)
    assert store.scalar("SELECT count(*) FROM changes WHERE tbl = 'readings'") == 1



def test_the_level_read_keeps_the_points_within_the_budget(sensors):
    sensors.ingest([Reading("sen-001", T0 + i, 4.0 + (i % 90) / 100) for i in range(3 * 3600)])
    assert sensors.resolution_for("sen-001", T0, T0 + 600, 1000) == "raw"  # 600 readings
    assert sensors.resolution_for("sen-001", T0, T0 + 3 * 3600, 1000) == "minute"  # 180 buckets
    assert sensors.resolution_for("sen-001", T0, T0 + 3 * 3600, 200) == "hour"
    ts, vs = sensors.series("sen-001", T0, T0 + 3 * 3600, resolution="hour")
    assert len(ts) == 6 and min(vs) == 4.0 and max(vs) == pytest.approx(4.89)  # each hour's min and max
    ts, vs = sensors.series("sen-001", T0, T0 + 10, resolution="raw")
    assert ts.dtype == vs.dtype == float and list(ts - T0) == list(range(11))

def test_crossing_escalation_and_all_clear_go_through_the_warnings(sensors, seeded):
    results = feed(sensors, [3.1, 3.3, 3.31, 3.6, 3.55, 3.62, 2.0, 2.0, 2.0, 2.0, 2.0, 2.0])
    alerts = [a for a in seeded.warnings.list() if a.origin == "sensor"]
    assert [a.alert.msgType for a in reversed(alerts)] == ["Alert", "Update", "Update", "Cancel"]
    orange = next(a for a in alerts if a.alert.severity == "Severe")
    assert orange.alarming is False  # replaced by the Cancel
    assert sensors.get("sen-004").level == "" and sensors.get("sen-004").warning_id is None
    texts = [e.text for e in seeded.log.entries(limit=50)]
    assert any("苏州河 北新泾 水位站预警升级为橙色" in t for t in texts)
    assert any("建议启动" in t for t in texts) is False  # 3.6 m meets no flood plan line (4.8 m)
    assert any("预警解除" in t for t in texts)
    assert sum(bool(r.changes.warnings) for r in results) == 4
    for a in alerts:  # each one is valid CAP 1.2 and reads back
        assert read_bytes(to_bytes(a.alert)).identifier == a.alert.identifier


def test_a_crossing_proposes_the_flood_plan_at_its_level(seeded):
    svc = seeded.sensors
    from console.services.preplans import PreplanService

    pre = PreplanService(seeded.store, seeded.log, seeded.incidents, seeded.resources)
    pre.load_samples()
    svc.plans = pre.plans
    svc.ingest([Reading("sen-001", T0, 5.45)])
    stored = seeded.warnings.get(svc.get("sen-001").warning_id)
    assert stored.alarming and stored.alert.severity == "Extreme"
    text = seeded.log.entries(limit=5)[0].text
    assert "红色" in text and "Ⅱ级响应" in text


def test_english_console_writes_english_records(store):
    from console.domain.record_texts import RecordTexts
    from console.services import build_services

    svc = build_services(store, RecordTexts("en"))
    svc.sensors.register("s1", "Gauge", "water_level", 31.2, 121.4, thresholds=LINES)
    svc.sensors.ingest([Reading("s1", T0, 3.25)])
    assert svc.log.entries(limit=1)[0].text.startswith("Gauge reached its yellow line: 3.25 m")


def test_csv_import_reports_rejected_lines_and_keeps_the_rest(sensors, tmp_path, store):
    p = tmp_path / "history.csv"
    p.write_text("sensor_id,time,value\n"
                 "sen-004,2026-07-15T01:00:00Z,2.5\n"
                 "sen-004,1784080860,2.6\n"
                 "nope,2026-07-15T01:00:00Z,1\n"
                 "sen-004,yesterday,1\n"
                 "sen-004,2026-07-15T01:03:00,1\n"
                 "sen-004,2026-07-15T01:04:00Z,abc\n"
                 "sen-004,2026-07-15T01:05:00Z\n", encoding="utf-8")
    report = sensors.import_csv(p).value
    assert report.imported == 2 and report.rejected_count == 5
    assert [n for n, _ in report.rejected] == [4, 5, 6, 7, 8]
    assert "unknown sensor" in report.rejected[0][1] and "no UTC offset" in report.rejected[2][1]
    assert sensors.import_csv(p).value.duplicates == 2


def test_csv_that_is_not_text_is_refused_with_nothing_stored(sensors, tmp_path, store):
    p = tmp_path / "bad.csv"
    p.write_bytes(b"\xff\xfe\x00garbage\x89PNG")
    with pytest.raises(ValueError, match="not UTF-8"):
        sensors.import_csv(p)
    assert store.scalar("SELECT count(*) FROM readings") == 0


def test_register_refuses_unknown_kind(sensors):
    with pytest.raises(ValueError, match="unknown sensor kind"):
        sensors.register("x", "x", "moon_phase", 31.0, 121.0)
