"""Thin-link frames fit one BeiDou short message and one TETRA SDS; a tampered frame is refused."""
from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from console.sync.thinlink import (
    BEIDOU_BYTES,
    MAX_TEXT_BYTES,
    STATUSES,
    TETRA_SDS_BYTES,
    FrameRefused,
    UnitPosition,
    UnitText,
    decode,
    encode_position,
    encode_text,
)

KEY = b"link key shared with the unit's radio"


@given(radio=st.integers(0, (1 << 24) - 1), status=st.sampled_from(STATUSES),
       lat=st.floats(-90, 90), lon=st.floats(-180, 180), seconds=st.integers(0, 86399))
def test_position_round_trip_within_twenty_bytes(radio, status, lat, lon, seconds):
    frame = encode_position(UnitPosition(radio, status, lat, lon, seconds), KEY)
    assert len(frame) <= 20
    got = decode(frame, KEY)
    assert isinstance(got, UnitPosition) and (got.radio_id, got.status) == (radio, status)
    assert abs(got.lat - lat) <= 1e-6 and abs(got.lon - lon) <= 1e-6 and got.seconds == seconds - seconds % 2


def test_longest_text_fits_one_beidou_message_and_one_sds():
    text = "现场水位已超警戒，请求增援沙袋两千只及排涝泵车一台"
    frame = encode_text(UnitText(1234567, text[: MAX_TEXT_BYTES // 3], 3600), KEY)
    assert len(frame) <= BEIDOU_BYTES <= TETRA_SDS_BYTES
    assert decode(frame, KEY).text == text[: MAX_TEXT_BYTES // 3]
    with pytest.raises(ValueError, match="holds"):
        encode_text(UnitText(1, "长" * MAX_TEXT_BYTES, 0), KEY)


@pytest.mark.parametrize("where", [0, 5, -1])
def test_tampered_or_foreign_frame_is_refused(where):
    frame = bytearray(encode_position(UnitPosition(42, "on_scene", 31.23, 121.47, 100), KEY))
    frame[where] ^= 0x01
    with pytest.raises(FrameRefused):
        decode(bytes(frame), KEY)
    with pytest.raises(FrameRefused):
        decode(encode_position(UnitPosition(42, "on_scene", 31.23, 121.47, 100), b"another key"), KEY)
    with pytest.raises(FrameRefused):
        decode(b"\x01", KEY)
