from __future__ import annotations

import base64
import json
import math
from array import array

import pytest

from console.map.bridge import DiffBuffer, pack_doubles, split_snapshot, to_json


def unpack(text: str) -> list[float]:
    return list(array("d", base64.b64decode(text)))


def test_latest_update_per_id_wins_and_removal_overrides():
    buf = DiffBuffer()
    buf.update("units", [{"id": "a", "lat": 1}, {"id": "b", "lat": 1}], [])
    buf.update("units", [{"id": "a", "lat": 2}], ["b"])
    msg = buf.take()
    assert msg == {"layers": {"units": {"upserts": [{"id": "a", "lat": 2}], "removed": ["b"], "intern": ["a"],
                                        "moves": ""}}}
    assert buf.take() is None
    assert buf.state["units"] == {"a": {"id": "a", "lat": 2}}


def test_snapshot_replaces_state_and_pending():
    buf = DiffBuffer()
    buf.update("units", [{"id": "a"}], [])
    buf.snapshot({"incidents": [{"id": "i1", "level": 1}]})
    msg = buf.take()
    assert msg["reset"] is True
    assert msg["layers"]["incidents"]["upserts"] == [{"id": "i1", "level": 1}]
    assert msg["layers"]["units"]["upserts"] == []


def test_resend_all_sends_full_state():
    buf = DiffBuffer()
    buf.update("units", [{"id": "a"}], [])
    buf.take()
    buf.resend_all()
    assert buf.take()["layers"]["units"]["upserts"] == [{"id": "a"}]


def test_unknown_layer_is_an_error():
    with pytest.raises(ValueError, match="unknown map layer"):
        DiffBuffer().update("nope", [], [])


def test_json_is_plain_data():
    text = to_json({"s": "</script>\u2028", "n": 1.5})
    assert json.loads(text) == {"s": "</script>\u2028", "n": 1.5}


def test_unchanged_units_travel_as_packed_moves_by_interned_index():
    buf = DiffBuffer()
    a = {"id": "a", "callsign": "A1", "type": "fire_engine", "status": "available", "lat": 1.0, "lon": 2.0,
         "heading": 90.0}
    b = {**a, "id": "b", "callsign": "B1"}
    buf.update("units", [a, b], [])
    units = buf.take()["layers"]["units"]
    assert units["upserts"] == [a, b] and units["intern"] == ["a", "b"] and units["moves"] == ""
    buf.update("units", [{**b, "lat": 31.123456789012345, "t_sent": 1717000000.123456},
                         {**a, "heading": None}], [])
    units = buf.take()["layers"]["units"]
    assert units["upserts"] == [] and units["intern"] == []
    moves = unpack(units["moves"])
    assert moves[:5] == [1, 31.123456789012345, 2.0, 90.0, 1717000000.123456]  # exact doubles
    assert moves[5:8] == [0, 1.0, 2.0] and math.isnan(moves[8]) and math.isnan(moves[9])
    buf.update("units", [{**a, "status": "on_scene"}], [])
    units = buf.take()["layers"]["units"]
    assert units["upserts"][0]["status"] == "on_scene" and units["moves"] == ""
    # After a removal the unit is new again and must be sent in full; its index stays.
    buf.update("units", [], ["a"])
    buf.take()
    buf.update("units", [a], [])
    units = buf.take()["layers"]["units"]
    assert units["upserts"] == [a] and units["intern"] == []


def test_reset_interns_every_unit_in_snapshot_order():
    buf = DiffBuffer()
    buf.snapshot({"units": [{"id": "x", "lat": 1, "lon": 2}, {"id": 7, "lat": 3, "lon": 4}]})
    units = buf.take()["layers"]["units"]
    assert units["intern"] == ["x", "7"]
    buf.update("units", [{"id": 7, "lat": 5, "lon": 6}], [])
    assert unpack(buf.take()["layers"]["units"]["moves"])[:3] == [1, 5, 6]


def test_non_numeric_positions_fall_back_to_full_upserts():
    buf = DiffBuffer()
    a = {"id": "a", "lat": 1.0, "lon": 2.0}
    buf.update("units", [a], [])
    buf.take()
    buf.update("units", [{**a, "lat": "31.2"}], [])
    units = buf.take()["layers"]["units"]
    assert units["upserts"] == [{**a, "lat": "31.2"}] and units["moves"] == ""


def test_pack_doubles_is_base64_of_little_endian_float64():
    assert base64.b64decode(pack_doubles([1.0])) == bytes([0, 0, 0, 0, 0, 0, 0xF0, 0x3F])


def test_snapshot_is_split_into_parts_that_keep_interned_order():
    buf = DiffBuffer()
    units = [{"id": f"u{i}", "lat": 1.0, "lon": 2.0} for i in range(5)]
    buf.snapshot({"units": units, "incidents": [{"id": "i1"}, {"id": "i2"}]})
    parts = split_snapshot(buf.take(), chunk=3)
    assert [p.get("reset", False) for p in parts] == [True, False, False]
    assert [p.get("more", False) for p in parts] == [True, True, False]
    sent = [u for p in parts if "units" in p["layers"] for u in p["layers"]["units"]["upserts"]]
    interned = [i for p in parts if "units" in p["layers"] for i in p["layers"]["units"]["intern"]]
    assert sent == units and interned == [u["id"] for u in units]
    incidents = [d for p in parts if "incidents" in p["layers"] for d in p["layers"]["incidents"]["upserts"]]
    assert incidents == [{"id": "i1"}, {"id": "i2"}]
    assert all(sum(len(v["upserts"]) for v in p["layers"].values()) <= 3 for p in parts)


def test_small_snapshot_is_one_part():
    buf = DiffBuffer()
    buf.snapshot({"units": [{"id": "a"}]})
    (part,) = split_snapshot(buf.take())
    assert part["reset"] is True and "more" not in part
    assert part["layers"]["units"]["upserts"] == [{"id": "a"}] and part["layers"]["units"]["intern"] == ["a"]
