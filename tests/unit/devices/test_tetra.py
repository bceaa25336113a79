from __future__ import annotations

import pytest

from console.devices.tetra import (
    EXAMPLE_STATUS_TABLE,
    PeiCommandQueue,
    StatusTable,
    TetraParser,
    ctsdsr,
    decode_lip,
    encode_lip_long,
    encode_lip_short,
    init_sequence,
    sds,
    select_service,
    send_pdu,
    send_status,
    send_text,
)

from .helpers import kinds, only

LIP_EXAMPLE = b"+CTSDSR: 12,2629143,0,262905,0,84\r\n0A008CACAA480A120201D0\r\n"


def feed(data: bytes, parser: TetraParser | None = None, now: float | None = None):
    return (parser or TetraParser()).feed(data, now)


def test_lip_worked_example():
    [p] = feed(LIP_EXAMPLE)
    assert p.kind == "position" and p.fix and p.source == "2629143"
    assert p.lon == pytest.approx(12.36396, abs=1e-5) and p.lat == pytest.approx(51.33158, abs=1e-5)
    assert p.accuracy_m == 200.0 and p.speed_kmh == 1.0 and p.course_deg == 0.0 and p.extra["reason"] == 29


def test_simple_text_worked_example():
    [t] = feed(b"+CTSDSR: 12,1234567,0,2345678,0,104\r\n0201746573746D657373616765\r\n")
    assert (t.kind, t.text, t.sender, t.to) == ("text", "testmessage", "1234567", "2345678")


def test_sds_tl_text_worked_example():
    [t] = feed(b"+CTSDSR: 12,1234567,0,2345678,0,120\r\n82029C01746573746D657373616765\r\n")
    assert (t.text, t.sender, t.ref, t.coding) == ("testmessage", "1234567", 0x9C, "iso8859-1")


def test_status_worked_example():
    [s] = feed(b"+CTSDSR: 13,1234567,0,2345678,0,16\r\n8004\r\n", TetraParser(EXAMPLE_STATUS_TABLE))
    assert s.kind == "status" and s.code == 32772 and s.sender == "1234567" and s.label.startswith("返回")
    assert s.emergency is False


def test_report_sending_worked_example():
    assert select_service(12, 0, 1) == b"AT+CTSDS=12,0,0,0,1\r"
    report = sds.encode_report(0xC9, 0x00)
    assert send_pdu("1234567", report) == b"AT+CMGS=1234567,32\r\n821000C9\x1a"


def test_emergency_status_zero():
    [s] = feed(ctsdsr(b"\x00\x00", "2000001", "2001001", ai=13))
    assert s.code == 0 and s.emergency and s.priority == 100


def test_status_table_from_config():
    table = StatusTable.from_dict({"0x8002": {"label": "到场", "priority": 3, "colour": "#f00"}, "32769": "出动"})
    assert table.get(0x8002).label == "到场" and table.get(0x8001).label == "出动" and table.get(0).label


@pytest.mark.parametrize("header,sender", [
    ("12,2345678,84", None),
    ("12,2345678,0,84", None),
    ("12,2629143,0,2345678,0,84", "2629143"),
    ("12,262914312345678,1,2345678,0,84,0", "262914312345678"),
])
def test_header_layouts(header, sender):
    [p] = feed(f"+CTSDSR: {header}\r\n0a008cacaa480a120201d0\r\n".encode())
    assert p.kind == "position" and p.source == sender


def test_utf16_chinese_round_trip():
    pdu = sds.encode_tl_text("请求增援，延安路", 7)
    assert pdu[3] == 0x1A
    [t] = feed(ctsdsr(pdu, "2000001", "2001001"))
    assert t.text == "请求增援，延安路" and t.coding == "utf-16-be" and t.ref == 7


def test_store_forward_block_and_timestamp_are_skipped():
    # byte1 0x01: S&F present; validity/type 0x01 = SSI (3 bytes); header 0x81 = timestamp + ISO-8859-1
    stamp = bytes([0x47, (15 << 3) | (2 >> 2), ((2 & 3) << 6) | 15])
    pdu = bytes([0x82, 0x01, 0x10, 0x01, 0x12, 0x34, 0x56, 0x81]) + stamp + b"hello"
    [t] = feed(ctsdsr(pdu, "1", "2"))
    assert t.text == "hello" and t.time == "--07-15T02:15Z"


def test_report_request_queues_an_sds_report():
    parser = TetraParser()
    [t] = parser.feed(ctsdsr(sds.encode_tl_text("hi", 0x33, report=1), "2000001", "2001001"))
    assert parser.take_outgoing() == [b"AT+CTSDS=12,0\r", b"AT+CMGS=2001001,32\r\n82100033\x1a"]
    assert parser.take_outgoing() == []


def test_no_report_without_sender():
    parser = TetraParser()
    parser.feed(ctsdsr(sds.encode_tl_text("hi", 1, report=1), "2000001"))
    assert parser.take_outgoing() == []


def test_cmgs_and_sds_report_matched_to_sent_ref():
    parser = TetraParser()
    parser.note_sent(0x41, "2001003")
    events = parser.feed(b"+CMGS: 0,4,65\r\n\r\nOK\r\n" + ctsdsr(sds.encode_report(0x41, 0x02), "2000001",
                                                                  "2001003"))
    cmgs, ok, rep = events
    assert (cmgs.command, cmgs.ok, cmgs.ref, cmgs.to) == ("CMGS", True, 65, "2001003")
    assert (ok.command, ok.ok) == ("AT", True)
    assert (rep.command, rep.ok, rep.ref, rep.to, rep.detail) == ("SDS-REPORT", True, 0x41, "2001003", "consumed")
    assert rep.extra["matched"]


def test_failed_cmgs_and_failed_delivery():
    events = feed(b"+CMGS: 0,5\r\n" + ctsdsr(sds.encode_report(9, 0x5A), "1", "2") + b"+CME ERROR: 35\r\n")
    assert [e.ok for e in events] == [False, False, False]
    assert events[1].detail == "unreachable" and events[2].status == 35


def test_short_report_status():
    [a] = feed(ctsdsr((0x7C00 | (3 << 8) | 0x41).to_bytes(2, "big"), "2", "1", ai=13))
    assert a.kind == "ack" and a.command == "SDS-SHORT-REPORT" and a.ref == 0x41 and a.detail == "consumed"


def test_unsolicited_lines_interleave_with_replies():
    events = feed(b"AT+CTSP=1,3,130\r\r\n+CTICN: 1,0,0,0,1234,1,1,0\r\n" + LIP_EXAMPLE + b"OK\r\n")
    assert kinds(events) == ["info", "position", "ack"]


def test_header_without_pdu_is_an_error_and_next_line_still_parses():
    events = feed(b"+CTSDSR: 12,2629143,0,262905,0,84\r\n" + LIP_EXAMPLE)
    assert kinds(events) == ["error", "position"]


def test_short_pdu_is_an_error():
    assert kinds(feed(b"+CTSDSR: 12,2629143,0,262905,0,84\r\n0A008C\r\n")) == ["error"]


def test_concatenation_joins_out_of_order_parts_once():
    text = "上海市浦东新区世纪大道" * 12
    parts = sds.encode_concatenated(text, 10, 0x77, max_bits=400)
    assert len(parts) > 2
    parser = TetraParser()
    events = []
    for part in reversed(parts):
        events += parser.feed(ctsdsr(part, "2000001", "2001001"), now=0.0)
    [t] = only(events, "text")
    assert t.text == text and len(events) == 1


def test_concatenation_timeout_drops_incomplete_set_using_given_time():
    parts = sds.encode_concatenated("x" * 300, 1, 5, max_bits=800)
    parser = TetraParser(concat_timeout_s=60)
    assert parser.feed(ctsdsr(parts[0], "1", "2"), now=100.0) == []
    assert parser.expire(159.0) == []
    [dropped] = parser.expire(161.0)
    assert dropped.what == "concat-dropped" and dropped.extra["received"] == 1
    assert parser.feed(ctsdsr(parts[1], "1", "2"), now=162.0) == []  # a late part starts a new set


def test_send_text_splits_long_messages():
    short = send_text("2001001", "收到", 3)
    assert short[0] == b"AT+CTSDS=12,0\r" and short[1].startswith(b"AT+CMGS=2001001,64\r\n8204031A")
    long = send_text("2001001", "a" * 400, 3, max_bits=1184)
    assert len(long) == 4 and all(c.endswith(b"\x1a") for c in long[1:])


def test_send_status_and_init_sequence():
    assert send_status("2000001", 0x8002) == [b"AT+CTSDS=13,0\r", b"AT+CMGS=2000001,16\r\n8002\x1a"]
    seq = init_sequence()
    assert seq[0] == b"ATE0\r" and b"AT+CTSP=1,3,10\r" in seq and b"AT+CTSP=1,2,20\r" in seq
    assert seq[-1] == b"AT+CNUMF?\r"


def test_command_queue_one_in_flight():
    q, parser = PeiCommandQueue(), TetraParser()
    q.submit(b"ATE0\r", b"AT+CTOM=0\r")
    assert q.poll() == b"ATE0\r" and q.poll() is None
    for ev in parser.feed(LIP_EXAMPLE + b"OK\r\n"):
        q.on_event(ev)
    assert q.poll() == b"AT+CTOM=0\r"


@pytest.mark.parametrize("lat,lon", [(31.2304, 121.4737), (-33.8688, -70.6), (51.33158, 12.36396),
                                     (-89.9, 179.9), (0.001, -179.9)])
def test_lip_short_round_trip_with_sign(lat, lon):
    [p] = decode_lip(encode_lip_short(lat, lon, speed_kmh=60, direction_deg=180, reason=2))
    assert p.lat == pytest.approx(lat, abs=2e-5) and p.lon == pytest.approx(lon, abs=2e-5)
    assert p.course_deg == 180 and p.speed_kmh == pytest.approx(60, rel=0.03) and p.extra["reason"] == 2


def test_lip_no_fix():
    [p] = decode_lip(encode_lip_short(None, None))
    d = p.to_json_dict()
    assert d["fix"] is False and "lat" not in d


def test_lip_long_round_trip():
    [p] = decode_lip(encode_lip_long(-31.5, 121.25, uncertainty=20, alt_m=35, speed_kmh=40, direction_deg=90))
    assert p.fix and p.lat == pytest.approx(-31.5, abs=2e-5) and p.lon == pytest.approx(121.25, abs=2e-5)
    assert p.alt_m == 35 and p.course_deg == 90 and p.accuracy_m == pytest.approx(20, rel=0.1)
    [q] = decode_lip(encode_lip_long(31.0, 121.0, time_elapsed=None))
    assert q.fix and q.alt_m is None and q.speed_kmh is None


def test_lip_long_unknown_shape_is_info():
    from console.devices.tetra.lip import BitWriter

    pdu = BitWriter().write(0x0A, 8).write(1, 2).write(3, 4).write(0, 2).write(0b1010, 4).write(0, 60).to_bytes()
    assert kinds(decode_lip(pdu)) == ["info"]
