import pytest

from console.domain.hlc import HlcStamp, HybridLogicalClock


class Wall:
    def __init__(self, ms: int) -> None:
        self.ms = ms

    def __call__(self) -> int:
        return self.ms


def test_stamps_increase_even_when_the_wall_clock_stalls_or_goes_back():
    wall = Wall(1000)
    hlc = HybridLogicalClock("A", wall)
    a = hlc.now()
    b = hlc.now()
    wall.ms = 900  # NTP stepped the clock back
    c = hlc.now()
    assert a < b < c
    assert a.encode() < b.encode() < c.encode()


def test_receive_orders_after_a_remote_stamp_from_a_faster_clock():
    hlc = HybridLogicalClock("A", Wall(1000))
    remote = HlcStamp(5000, 7, "B")
    merged = hlc.receive(remote)
    assert merged > remote
    assert hlc.now() > merged


def test_receive_refuses_a_clock_too_far_ahead():
    hlc = HybridLogicalClock("A", Wall(0), max_drift_ms=1000)
    with pytest.raises(ValueError):
        hlc.receive(HlcStamp(10_000, 0, "B"))


def test_encoding_round_trips_and_sorts_as_text():
    s = HlcStamp(1_700_000_000_123, 42, "SITE1")
    assert HlcStamp.decode(s.encode()) == s
    assert HlcStamp(999, 0, "Z").encode() < HlcStamp(1000, 0, "A").encode()


def test_restore_continues_after_restart():
    hlc = HybridLogicalClock("A", Wall(10))
    hlc.restore(HlcStamp(50, 3, "A"))
    assert hlc.now() == HlcStamp(50, 4, "A")
