from __future__ import annotations

import pytest

from console.devices.beidou import BeidouParser, BeidouSendQueue, CardInfo, CardUnknown, MessageTooLong
from console.devices.beidou import binary as bd4
from console.devices.beidou import protocol as bd
from console.devices.sending import DELIVERED, FAILED, RETRY, SENT, SendOutcome


class FakeClock:
    def __init__(self) -> None:
        self.now = 1000.0

    def advance(self, s: float) -> float:
        self.now += s
        return self.now


def wire(queue: BeidouSendQueue, data: bytes, now: float) -> list:
    out = []
    for ev in BeidouParser().feed(data):
        out += queue.on_event(ev, now)
    return out


def ready_queue(interval: int = 40, level: int = 3, dialect: str = "2.1") -> tuple[BeidouSendQueue, FakeClock]:
    q, clock = BeidouSendQueue(dialect), FakeClock()
    card = bd.bdici("0175607", interval_s=interval, level=level) if dialect != "4.0" else bd4.encode_icxx(
        175607, interval_s=interval, level=level)
    wire(q, card, clock.now)
    return q, clock


def test_interval_comes_from_the_card_not_a_constant():
    for interval in (40, 60, 5):
        q, clock = ready_queue(interval)
        q.submit("0166166", "一")
        q.submit("0166166", "二")
        first, _ = q.poll(clock.now)
        assert first.startswith(b"$CCTXA,0166166,1,0,")
        wire(q, bd.bdfki("TXA", True), clock.advance(1))
        assert q.poll(clock.advance(interval - 1 - 0.01))[0] is None
        assert q.seconds_until_next(clock.now) == pytest.approx(0.01)
        assert q.poll(clock.advance(0.01))[0] is not None


def test_refusal_with_wait_is_retried_after_the_wait():
    q, clock = ready_queue(60)
    q.submit("0166166", "请求增援")
    sent, _ = q.poll(clock.now)
    assert wire(q, bd.bdfki("TXA", False, wait_s=25), clock.advance(1)) == []
    assert q.poll(clock.advance(24.9))[0] is None
    again, _ = q.poll(clock.advance(0.1))
    assert again == sent and q.pending[0].attempts == 2
    [done] = wire(q, bd.bdfki("TXA", True), clock.advance(1))
    assert done.ok and done.ref == 1 and done.extra["attempts"] == 2 and q.pending == []


def test_refusal_without_wait_waits_the_card_interval():
    q, clock = ready_queue(45)
    q.submit("0166166", "a")
    q.poll(clock.now)
    wire(q, bd.bdfki("TXA", False, inhibit=1), clock.advance(1))
    assert q.poll(clock.advance(44.9))[0] is None
    assert q.poll(clock.advance(0.2))[0] is not None


def test_no_feedback_counts_as_refusal_and_gives_up_after_max_attempts():
    q, clock = ready_queue(10)
    q.max_attempts = 2
    q.submit("0166166", "a")
    assert q.poll(clock.now)[0] is not None
    assert q.poll(clock.advance(5))[0] is None  # waiting for $BDFKI
    data, events = q.poll(clock.advance(q.ack_timeout_s))
    assert data is None and events == []
    data, _ = q.poll(clock.advance(10))
    assert data is not None
    _, [gave_up] = q.poll(clock.advance(q.ack_timeout_s))
    assert not gave_up.ok and gave_up.detail.startswith("gave up") and q.pending == []


@pytest.mark.parametrize("level,encrypted,limit", [(1, False, 110), (3, False, 628), (4, True, 1680)])
def test_size_limit_by_card_level(level, encrypted, limit):
    q = BeidouSendQueue()
    q.set_card(CardInfo("0175607", 60, bd4.CAPACITY_BITS[encrypted][level], level, encrypted))
    fits = "汉" * (limit // 16)
    q.submit("1", fits)
    with pytest.raises(MessageTooLong) as err:
        q.submit("1", fits + "汉")
    assert err.value.limit == limit


def test_urgent_limit_and_mixed_overhead():
    q, _ = ready_queue(level=4)
    q.submit("1", "汉" * 11, urgent=True)  # 176 bits
    with pytest.raises(MessageTooLong):
        q.submit("1", "汉" * 12, urgent=True)  # 192 bits > 188
    assert q.message_bits("ab") == 24  # A4 costs 8 bits


def test_no_card_no_send():
    q = BeidouSendQueue()
    with pytest.raises(CardUnknown):
        q.submit("1", "x")
    assert q.card_query() == b"$CCICA,0,00*7B\r\n"


def test_binary_dialect_uses_txsq_and_fkxx():
    q, clock = ready_queue(30, dialect="4.0")
    q.submit("0166166", "我爱你")
    sent, _ = q.poll(clock.now)
    assert sent == bd4.encode_txsq(175607, 166166, "我爱你")
    wire(q, bd4.encode_fkxx(175607, 4, wait_s=12), clock.advance(1))
    assert q.poll(clock.advance(11.9))[0] is None
    assert q.poll(clock.advance(0.1))[0] == sent
    [ok] = wire(q, bd4.encode_fkxx(175607, 0), clock.advance(1))
    assert ok.ok


def test_bds3_dialect_uses_tcq():
    q = BeidouSendQueue("bds3")
    q.set_card(CardInfo("0175607", 30, 560))
    q.submit("0166166", "收到")
    sent, _ = q.poll(0.0)
    assert sent.startswith(b"$CCTCQ,0166166,")
    [ok] = wire(q, bd.bdfki_bds3("021530", "TCQ", True), 1.0)
    assert ok.ok


def test_outcomes_carry_the_callers_key_through_refusal_retry_and_delivery():
    q, clock = ready_queue(30)
    q.submit("0166166", "请求增援", key="row-1", attempts=2)  # tried twice by an earlier run
    assert q.poll(clock.now)[0] is not None
    assert q.take_outcomes() == [SendOutcome("row-1", SENT)]
    wire(q, bd.bdfki("TXA", False, wait_s=25), clock.advance(1))
    assert q.take_outcomes() == [SendOutcome("row-1", RETRY, "terminal refused (N)", wait_s=25)]
    assert q.poll(clock.advance(25))[0] is not None and q.pending[0].attempts == 4
    wire(q, bd.bdfki("TXA", True), clock.advance(1))
    assert q.take_outcomes() == [SendOutcome("row-1", SENT), SendOutcome("row-1", DELIVERED)]


def test_no_feedback_is_retried_after_the_interval_and_given_up_at_the_limit():
    q, clock = ready_queue(40)
    q.max_attempts = 2
    q.submit("0166166", "a", key="row-1")
    q.poll(clock.now)
    assert q.poll(clock.advance(q.ack_timeout_s + 0.1))[0] is None
    assert q.take_outcomes()[1:] == [SendOutcome("row-1", RETRY, "no feedback from the terminal", wait_s=40)]
    assert q.poll(clock.advance(39.8))[0] is None
    assert q.poll(clock.advance(0.2))[0] is not None
    q.poll(clock.advance(q.ack_timeout_s + 0.1))
    assert q.take_outcomes()[1:] == [SendOutcome("row-1", FAILED, "no feedback from the terminal")]
    assert q.pending == []


def test_a_send_that_could_not_be_written_is_as_if_never_polled():
    q, clock = ready_queue(40)
    q.submit("0166166", "a", key="row-1")
    sent, _ = q.poll(clock.now)
    q.unsend()
    assert q.take_outcomes() == [] and q.in_flight is None and q.pending[0].attempts == 0
    assert q.poll(clock.now)[0] == sent and q.take_outcomes() == [SendOutcome("row-1", SENT)]


def test_feedback_in_the_wrong_dialect_or_with_nothing_in_flight_changes_nothing():
    q, clock = ready_queue(40)
    wire(q, bd.bdfki("TXA", True), clock.now)
    q.submit("0166166", "a", key="row-1")
    q.poll(clock.now)
    q.take_outcomes()
    wire(q, bd.bdfki_bds3("021530", "TCQ", True), clock.advance(1))
    assert q.take_outcomes() == [] and q.in_flight is not None
