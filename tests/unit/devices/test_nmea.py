from __future__ import annotations

import re

import pytest

from console.devices.nmea import NmeaParser, build_gga, build_rmc, frame
from console.devices.nmea.protocol import parse_coord

from .helpers import kinds, only

GGA = b"$GNGGA,021530.00,3113.82400,N,12128.42200,E,1,18,0.8,12.3,M,9.5,M,,*78\r\n"
RMC = b"$GNRMC,021530.00,A,3113.82400,N,12128.42200,E,0.05,,150726,,,A,V*21\r\n"


def test_worked_example_gga():
    [p] = NmeaParser().feed(GGA)
    assert p.kind == "position" and p.fix
    assert p.lat == pytest.approx(31.2304, abs=1e-6) and p.lon == pytest.approx(121.4737, abs=1e-6)
    assert p.alt_m == 12.3 and p.extra["satellites"] == 18 and not p.degraded


def test_worked_example_rmc_nav_status_v_is_still_a_fix():
    [p] = NmeaParser().feed(RMC)
    assert p.fix and p.lat == pytest.approx(31.2304, abs=1e-6) and p.lon == pytest.approx(121.4737, abs=1e-6)
    assert p.time == "2026-07-15T02:15:30.00Z"
    assert p.speed_kmh == pytest.approx(0.05 * 1.852, abs=1e-3)


def test_gga_after_rmc_gets_the_date():
    events = NmeaParser().feed(RMC + GGA)
    assert events[1].time == "2026-07-15T02:15:30.00Z"


def test_bad_checksum_is_an_error_and_no_position():
    events = NmeaParser().feed(GGA.replace(b"*78", b"*79"))
    assert kinds(events) == ["error"]
    assert events[0].to_json_dict()["reason"] == "checksum mismatch"


def test_missing_checksum_is_not_plotted():
    assert kinds(NmeaParser().feed(GGA.split(b"*")[0] + b"\r\n")) == ["error"]


def test_lower_case_checksum_accepted():
    line = frame("GPRMC,021530,A,3113.824,N,12128.422,E,,,150726,,")
    assert not line[-4:-2].isdigit()  # the checksum has hex letters, so case matters
    assert kinds(NmeaParser().feed(line[:-4] + line[-4:-2].lower() + b"\r\n")) == ["position"]


def test_time_without_fraction_and_west_longitude():
    [p] = NmeaParser().feed(frame("GPGGA,225446,4916.45,N,12311.12,W,1,08,0.9,545.4,M,46.9,M,,"))
    assert p.time == "22:54:46Z"
    assert p.lat == pytest.approx(49.274167, abs=1e-6) and p.lon == pytest.approx(-123.185333, abs=1e-6)


def test_no_fix_gga_has_no_coordinates():
    [p] = NmeaParser().feed(frame("GNGGA,021530.00,,,,,0,00,99.9,,M,,M,,"))
    d = p.to_json_dict()
    assert d["fix"] is False and "lat" not in d and "lon" not in d


def test_rmc_mode_n_is_no_fix_even_with_status_a():
    line = frame("GNRMC,021530.00,A,3113.82400,N,12128.42200,E,0.05,,150726,,,N,V")
    [p] = NmeaParser().feed(line)
    assert not p.fix and "lat" not in p.to_json_dict()


def test_rmc_status_v_is_no_fix():
    [p] = NmeaParser().feed(frame("GPRMC,021530,V,3113.824,N,12128.422,E,,,150726,,"))
    assert not p.fix


@pytest.mark.parametrize("quality", [6, 7, 8])
def test_degraded_quality_is_flagged(quality):
    [p] = NmeaParser().feed(build_gga(31.2, 121.4, quality=quality))
    assert p.fix and p.degraded


def test_southern_hemisphere_and_eight_decimals():
    assert parse_coord("3351.12345678", "S") == pytest.approx(-(33 + 51.12345678 / 60))


def test_valid_sentences_with_nothing_to_report_give_nothing():
    data = frame("GPGSV,3,1,11,03,03,111,00,04,15,270,00,06,01,010,00,13,06,292,00") + frame(
        "GNVTG,,T,,M,0.0,N,0.0,K,A") + frame("GNGSA,A,3,01,02,,,,,,,,,,,1.0,0.8,0.6")
    assert NmeaParser().feed(data) == []


def test_long_line_over_82_chars_tolerated():
    body = "GNGGA,021530.000000,3113.82400000,N,12128.42200000,E,1,18,0.8,12.3,M,9.5,M,1.0,0000"
    assert len(body) > 82
    assert kinds(NmeaParser().feed(frame(body))) == ["position"]


def test_noise_and_garbage_between_sentences():
    data = b"\x00\xff garbage\r\n" + GGA + b"$GN\r\n" + b"junk$" + RMC
    events = NmeaParser().feed(data)
    assert len(only(events, "position")) == 2


def test_overlong_line_is_one_error_and_stream_recovers():
    events = NmeaParser().feed(b"$" + b"A" * 2000 + b"\r\n" + GGA)
    assert kinds(events) == ["error", "position"]


@pytest.mark.parametrize("lat,lon", [(31.2304, 121.4737), (-33.8688, 151.2093), (40.7128, -74.006), (0.5, -0.5)])
def test_build_round_trip(lat, lon):
    gga, rmc = NmeaParser().feed(build_gga(lat, lon, "010203.00") + build_rmc(lat, lon, "010203.00",
                                                                                 speed_kmh=36, course_deg=90))
    for p in (gga, rmc):
        assert p.fix and p.lat == pytest.approx(lat, abs=1e-6) and p.lon == pytest.approx(lon, abs=1e-6)
    assert rmc.speed_kmh == pytest.approx(36, abs=0.02) and rmc.course_deg == 90


def test_checksum_written_upper_case():
    assert re.fullmatch(rb"\$GPRMC,.*\*[0-9A-F]{2}\r\n", frame("GPRMC,021530,A,3113.824,N,12128.422,E,,,150726,,"))
