from __future__ import annotations

import json

import pytest

from console.map.bridge import DiffBuffer, to_json


def test_latest_update_per_id_wins_and_removal_overrides():
    buf = DiffBuffer()
    buf.update("units", [{"id": "a", "lat": 1}, {"id": "b", "lat": 1}], [])
    buf.update("units", [{"id": "a", "lat": 2}], ["b"])
    msg = buf.take()
    assert msg == {"layers": {"units": {"upserts": [{"id": "a", "lat": 2}], "removed": ["b"], "moves": []}}}
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


def test_unchanged_units_travel_as_flat_moves():
    buf = DiffBuffer()
    a = {"id": "a", "callsign": "A1", "type": "fire_engine", "status": "available", "lat": 1.0, "lon": 2.0,
         "heading": 90.0}
    buf.update("units", [a], [])
    assert buf.take()["layers"]["units"]["upserts"] == [a]
    buf.update("units", [{**a, "lat": 1.5, "t_sent": 5.0}], [])
    units = buf.take()["layers"]["units"]
    assert units["upserts"] == [] and units["moves"] == ["a", 1.5, 2.0, 90.0, 5.0]
    buf.update("units", [{**a, "status": "on_scene"}], [])
    units = buf.take()["layers"]["units"]
    assert units["upserts"][0]["status"] == "on_scene" and units["moves"] == []
    # After a removal the unit is new again and must be sent in full.
    buf.update("units", [], ["a"])
    buf.take()
    buf.update("units", [a], [])
    assert buf.take()["layers"]["units"]["upserts"] == [a]
