"""SMS PDUs and the modem's AT output: worked examples, round trips and hostile bytes."""
from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from console.devices.gsm import GsmParser, cds, cmt, status_report
from console.devices.gsm import pdu as sms
from console.devices.gsm.protocol import PROMPT, submit_commands
from console.domain.device_events import Ack, Error, Text

NUMBER = "+8613800138000"


def as_deliver(submit: bytes) -> bytes:
    """The SMS-DELIVER a handset would get for a SUBMIT (same address, coding and user data)."""
    first = submit[0]
    da_len = 2 + (submit[2] + 1) // 2
    da = submit[2: 2 + da_len]
    pid, dcs = submit[2 + da_len], submit[3 + da_len]
    ud = submit[5 + da_len:]  # TP-UDL and TP-UD, after TP-VP
    scts = bytes.fromhex("62705120000023")
    return bytes([first & 0x40]) + da + bytes([pid, dcs]) + scts + ud


def received(text: str) -> str:
    parts = [sms.decode_deliver(as_deliver(p)) for p in sms.encode_submit(NUMBER, text, concat_ref=9)]
    return "".join(p.text for p in parts)


def test_the_classic_hellohello_example():
    assert sms.pack7(sms.gsm7_septets("hellohello")).hex().upper() == "E8329BFD4697D9EC37"
    [tpdu] = sms.encode_submit("+46708251358", "hellohello", report=False, validity=0xAA)
    assert "00" + tpdu.hex().upper() == "0011000B916407281553F80000AA0AE8329BFD4697D9EC37"


def test_chinese_goes_as_ucs2_with_the_status_report_requested():
    [tpdu] = sms.encode_submit("13800138000", "你好")  # a mainland mobile becomes +86
    assert tpdu.hex().upper() == "31000D91683108108300F000080B044F60597D"
    assert tpdu[0] & 0x20  # TP-SRR
    assert received("你好") == "你好"
    cmd, body = submit_commands(tpdu)
    assert cmd == b"AT+CMGS=19\r" and body.startswith(b"0031") and body.endswith(b"\x1a")


@pytest.mark.parametrize(("text", "parts"), [
    ("a" * 160, 1), ("a" * 161, 2), ("a" * 306, 2), ("a" * 307, 3),
    ("险" * 70, 1), ("险" * 71, 2), ("险" * 134, 2), ("险" * 135, 3),
])
def test_concatenation_boundaries(text, parts):
    tpdus = sms.encode_submit(NUMBER, text, concat_ref=200)
    assert len(tpdus) == parts
    if parts > 1:
        assert all(p[0] & 0x40 for p in tpdus)
        heads = [sms.decode_deliver(as_deliver(p)).concat for p in tpdus]
        assert heads == [(200, parts, i) for i in range(1, parts + 1)]
    assert received(text) == text


def test_an_escaped_character_never_straddles_two_parts():
    text = "a" * 152 + "€" + "b" * 10
    _, parts = sms.split_text(text)
    assert parts[0] == "a" * 152 and parts[1].startswith("€")
    assert received(text) == text


def test_a_bad_number_is_refused_clearly():
    with pytest.raises(sms.PduError, match="not a phone number"):
        sms.encode_submit("市防汛指挥部", "x")


def test_a_status_report_worked_example():
    tpdu = bytes.fromhex("062A0D91683108108300F0" + "62705120000023" + "62705120001023" + "00")
    r = sms.decode_status_report(tpdu)
    assert (r.ref, r.recipient, r.status) == (42, NUMBER, 0)
    assert r.delivered_at == "2026-07-15T02:00:01+08:00"
    [ack] = GsmParser().feed(cds(tpdu))
    assert isinstance(ack, Ack) and ack.ok and ack.command == "CDS" and ack.ref == 42 and ack.extra["final"]


@pytest.mark.parametrize(("status", "ok", "final"), [(0x00, True, True), (0x1F, True, True),
                                                     (0x20, False, False), (0x41, False, True)])
def test_status_report_outcomes(status, ok, final):
    [ack] = GsmParser().feed(cds(status_report(7, NUMBER, status)))
    assert (ack.ok, ack.extra["final"]) == (ok, final)


def test_modem_lines_become_events():
    p = GsmParser()
    events = p.feed(b"\r\nOK\r\n\r\n+CMGS: 17\r\n\r\n+CMS ERROR: 500\r\n\r\nERROR\r\n\r\n> ")
    assert [(e.command, e.ok, e.ref, e.status) for e in events] == [
        ("AT", True, None, None), ("CMGS", True, 17, None), ("AT", False, None, 500), ("AT", False, None, None),
        (PROMPT, True, None, None)]


def test_a_report_right_behind_the_prompt_leaves_the_prompt_an_event():
    events = GsmParser().feed(b"\r\n> " + cds(status_report(3, NUMBER)))
    assert [e.command for e in events] == [PROMPT, "CDS"]


def test_an_incoming_sms_becomes_a_text():
    [submit] = sms.encode_submit(NUMBER, "收到，马上出发")
    [text] = GsmParser().feed(cmt(as_deliver(submit)))
    assert isinstance(text, Text) and text.text == "收到，马上出发" and text.sender == NUMBER


def test_a_report_split_across_reads_is_one_frame():
    data = cds(status_report(3, NUMBER))
    p = GsmParser()
    frames = p.feed_frames(data[:9]) + p.feed_frames(data[9:])
    assert [f.raw for f in frames if f.events] == [data.rstrip(b"\n")]


def test_a_header_without_its_pdu_is_an_error_and_the_next_line_still_counts():
    events = GsmParser().feed(b"\r\n+CDS: 25\r\nOK\r\n")
    assert isinstance(events[0], Error) and events[1].command == "AT"


@given(st.text(max_size=500))
@settings(max_examples=150, deadline=None)
def test_any_text_round_trips(text):
    assert received(text) == text


@given(st.lists(st.binary(max_size=80) | st.sampled_from([
    b"\r\n+CDS: 25\r\n", b"\r\n+CMT: ,9\r\n", b"0006", b"> ", b"\r\nOK\r\n", b"+CMGS: 300\r\n", b"\xff\r\n"]),
    max_size=30))
@settings(max_examples=200, deadline=None)
def test_noise_never_raises_and_loses_no_bytes(chunks):
    p = GsmParser()
    frames = [f for c in chunks for f in p.feed_frames(c)]
    p.flush()
    assert b"".join(f.raw for f in frames) + p.pending() == b"".join(chunks)
