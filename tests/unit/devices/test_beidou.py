from __future__ import annotations

import pytest

from console.devices.beidou import BeidouParser, decode_content, detect_dialect
from console.devices.beidou import binary as bd4
from console.devices.beidou import protocol as bd
from console.devices.nmea import frame

from .helpers import kinds, only

TXSQ_EXAMPLE = bytes.fromhex("2454585351 0018 02ADF7 44 02ADF7 0030 00 CED2B0AEC4E3 63".replace(" ", ""))


def events(data: bytes):
    return [e for e in BeidouParser().feed(data) if not (e.kind == "info" and e.what == "dialect")]


def test_txr_worked_example_code_form():
    [t] = events(b"$BDTXR,1,0166166,1,,3132333433333335*46\r\n")
    assert t.kind == "text" and t.sender == "0166166" and t.coding == "code" and t.time is None
    assert t.text == "3132333433333335" and t.extra["ascii"] == "12343335"


def test_fki_worked_example():
    [a] = events(b"$BDFKI,TXA,Y,Y,0,0040*17\r\n")
    assert a.kind == "ack" and a.ok and a.command == "TXA" and a.wait_s == 40


def test_ccica_worked_example_and_echo_gives_nothing():
    assert bd.ccica() == b"$CCICA,0,00*7B\r\n"
    assert BeidouParser().feed(b"$CCICA,0,00*7B\r\n") == []


def test_txsq_worked_example_decodes_and_encodes_identically():
    [info] = events(TXSQ_EXAMPLE)
    assert info.kind == "info" and info.extra["text"] == "我爱你" and info.extra["to"] == "0175607"
    assert bd4.encode_txsq(175607, 175607, "我爱你") == TXSQ_EXAMPLE


def test_chinese_form_gb2312():
    [t] = events(bd.bdtxr("0166166", "上海市浦东新区，世纪大道", hhmm="1015"))
    assert t.text == "上海市浦东新区，世纪大道" and t.coding == "chinese" and t.time == "10:15"


def test_mixed_form_a4():
    line = frame(b"BDTXR,1,0166166,2,," + b"A4" + "火警 No.3".encode("gb2312").hex().upper().encode())
    [t] = events(line)
    assert t.text == "火警 No.3" and t.coding == "mixed"


def test_mixed_form_with_raw_ascii_after_hex_keeps_what_decodes():
    assert decode_content(2, b"A4C4E3BAC3 ok")[0] == "你好 ok"


def test_mixed_position_report_is_info():
    [i] = events(frame(b"BDTXR,1,0166166,2,,A4A0112233"))
    assert i.kind == "info" and i.what == "position-report"


def test_ici_card_info():
    [c] = events(bd.bdici("0175607", interval_s=40, level=3))
    assert c.what == "card" and c.extra["interval_s"] == 40 and c.extra["capacity_bits"] == 628


def test_dwr_position():
    [p] = events(bd.bddwr("0166166", 31.2304, 121.4737, hhmmss="021530.00", alt_m=12))
    assert p.fix and p.source == "0166166" and p.alt_m == 12 and p.accuracy_m == 20
    assert p.lat == pytest.approx(31.2304, abs=1e-5) and p.lon == pytest.approx(121.4737, abs=1e-5)


def test_bsi_and_bds3_pwi():
    [b] = events(bd.bdbsi([0, 1, 3, 4, 0, 0, 0, 0, 0, 0]))
    assert b.what == "beams" and b.extra["usable"]
    [p] = events(frame("BDPWI,000000.00,0,0"))
    assert not p.extra["usable"]
    [q] = events(frame("BDPWI,021530.00,2,1,01,44,02,41,21,45"))
    assert q.extra["usable"]


def test_bds3_fki_and_tci():
    a, t = events(bd.bdfki_bds3("021530", "TCQ", False, reason=1, remaining=35)
                  + bd.bdtci("0166166", "0175607", "收到"))
    assert (a.ok, a.command, a.status, a.wait_s, a.detail) == (False, "TCQ", 1, 35, "interval")
    assert (t.text, t.sender, t.to) == ("收到", "0166166", "0175607")


def test_nmea_from_the_terminal_receiver_passes_through():
    [p] = events(frame("GNRMC,021530.00,A,3113.82400,N,12128.42200,E,0.05,,150726,,,A,V"))
    assert p.kind == "position" and p.protocol == "beidou"


def test_binary_txxx_with_dollar_cr_lf_in_payload():
    frame_bytes = bd4.encode_txxx(175607, 166166, "0123", mixed=True)
    tricky = bd4.build_frame("TXXX", 175607, bytes([0x60]) + (166166).to_bytes(3, "big") + bytes([10, 5])
                             + (32).to_bytes(2, "big") + b"$\r\n$" + b"\x00")
    evs = events(frame_bytes + tricky)
    assert kinds(evs) == ["text", "text"]
    assert evs[0].text == "0123" and evs[1].text == "240D0A24"


def test_binary_bad_xor_is_error_and_stream_resyncs():
    good = bd4.encode_icxx(175607, interval_s=60, level=2)
    bad = bytearray(bd4.encode_txxx(175607, 166166, "你好"))
    bad[-1] ^= 0xFF
    evs = events(bytes(bad) + good)
    assert kinds(evs)[0] == "error" and evs[-1].what == "card" and evs[-1].extra["interval_s"] == 60


def test_binary_fkxx_wait_and_success():
    a, b = events(bd4.encode_fkxx(1, 4, wait_s=33) + bd4.encode_fkxx(1, 0))
    assert (a.ok, a.wait_s) == (False, 33) and (b.ok, b.command) == (True, "TXSQ")


def test_binary_dwxx_round_trip():
    [p] = events(bd4.encode_dwxx(175607, 166166, 31.2304, 121.4737, alt_m=-5))
    assert p.lat == pytest.approx(31.2304, abs=3e-5) and p.lon == pytest.approx(121.4737, abs=3e-5)
    assert p.alt_m == -5 and p.source == "0166166"


@pytest.mark.parametrize("data,dialect", [
    (b"$BDTXR,1,0166166,1,,3132333433333335*46\r\n", "2.1"),
    (frame("BDPWI,021530.00,2,1,01,44"), "bds3"),
    (frame("BDFKI,021530,TCQ,Y,0,0"), "bds3"),
    (TXSQ_EXAMPLE, "4.0"),
    (frame("GNGGA,021530.00,,,,,0,00,99.9,,M,,M,,"), None),
])
def test_detect_dialect(data, dialect):
    assert detect_dialect(data) == dialect


def test_dialect_info_is_emitted_once():
    parser = BeidouParser()
    evs = parser.feed(bd.bdbsi([1] * 10) * 3 + frame("BDPWI,021530.00,1,0,01,40") + bd.bdbsi([1] * 10))
    assert [e.extra["dialect"] for e in only(evs, "info") if e.what == "dialect"] == ["2.1", "bds3"]


def test_host_encoders():
    assert bd.cctxa("0175607", "我爱你") == b"$CCTXA,0175607,1,0,\xce\xd2\xb0\xae\xc4\xe3*5B\r\n"
    assert bd.cctxa("0175607", "hi 你", urgent=True).startswith(b"$CCTXA,0175607,0,2,A4686920C4E3*")
    assert bd.cctcq("0175607", "你好").startswith(b"$CCTCQ,0175607,2,2,1,C4E3BAC3,0*")
    assert bd.message_bits("我爱你") == 48 and bd.message_bits("ok") == 24
