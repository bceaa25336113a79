"""The TETRA PEI send queue on its own, with a fake clock: what the console's session drives."""
from __future__ import annotations

from console.devices.sending import DELIVERED, FAILED, RETRY, SENT, SendOutcome
from console.devices.tetra import PeiCommandQueue, TetraParser, sds
from console.devices.tetra.protocol import ctsdsr

RADIO = "2000001"


class Link:
    """The queue and a parser, fed what a radio would print; `now` is a fake clock."""

    def __init__(self, **kw) -> None:
        self.queue = PeiCommandQueue(**kw)
        self.parser = TetraParser()
        self.now = 100.0

    def hear(self, data: bytes) -> None:
        for e in self.parser.feed(data, self.now):
            self.queue.on_event(e)

    def written(self) -> list[bytes]:
        """Everything the queue lets out, each command answered OK."""
        out = []
        while (cmd := self.queue.poll(self.now)) is not None:
            out.append(cmd)
            self.hear(b"\r\nOK\r\n")
        return out

    def report(self, ref: int, status: int = 0x00) -> None:
        self.hear(ctsdsr(sds.encode_report(ref, status), "1000001", RADIO))


def test_a_text_goes_out_and_its_delivery_report_completes_it():
    link = Link(first_ref=7)
    ref = link.queue.send_text("m1", RADIO, "请到现场", attempts=0)
    assert ref == 7 and not link.queue.idle
    cmds = link.written()
    assert cmds[0].startswith(b"AT+CTSDS=12") and cmds[-1].startswith(b"AT+CMGS=2000001,")
    assert link.queue.take_outcomes() == [SendOutcome("m1", SENT, ref=7)]
    assert link.queue.idle  # the next message may go while this one awaits its report
    link.report(7, 0x20)  # temporary (stored): the final report comes later
    assert link.queue.take_outcomes() == []
    link.report(7, 0x00)
    assert link.queue.take_outcomes() == [SendOutcome("m1", DELIVERED)]
    link.report(7, 0x00)  # a duplicate report matches nothing any more
    assert link.queue.take_outcomes() == []


def test_a_failed_report_fails_the_message():
    link = Link()
    ref = link.queue.send_text("m1", RADIO, "x")
    link.written()
    link.queue.take_outcomes()
    link.report(ref, 0x41)
    [out] = link.queue.take_outcomes()
    assert out.key == "m1" and out.state == FAILED and out.error


def test_a_long_text_takes_consecutive_refs_and_the_last_one_is_reported():
    link = Link(first_ref=254)
    ref = link.queue.send_text("m1", RADIO, "长" * 200)
    cmds = link.written()
    assert len(cmds) > 2 and ref == (254 + len(cmds) - 2) % 256
    assert link.queue.take_outcomes() == [SendOutcome("m1", SENT, ref=ref)]
    assert link.queue.send_text("m2", RADIO, "x") == (ref + 1) % 256


def test_refused_by_the_radio_is_retried_later_then_given_up():
    link = Link(max_attempts=3, retry_s=30)
    for attempts, expected in [(0, SendOutcome("m1", RETRY, "radio refused (+CMGS status 5)", wait_s=30)),
                               (1, SendOutcome("m1", RETRY, "radio refused (+CMGS status 5)", wait_s=60)),
                               (2, SendOutcome("m1", FAILED, "radio refused (+CMGS status 5)"))]:
        ref = link.queue.send_text("m1", RADIO, "x", attempts=attempts)
        link.written()
        assert link.queue.take_outcomes()[0].state == SENT
        link.hear(b"\r\n+CMGS: 0,5,%d\r\n" % ref)
        assert link.queue.take_outcomes() == [expected]


def test_an_error_drops_the_rest_of_that_message_and_frees_the_queue():
    link = Link()
    link.queue.send_text("m1", RADIO, "长" * 200)
    assert link.queue.poll(link.now).startswith(b"AT+CTSDS")
    link.hear(b"\r\n+CME ERROR: 35\r\n")
    [out] = link.queue.take_outcomes()
    assert out.state == RETRY and out.error == "+CME ERROR: 35" and link.queue.idle
    assert link.queue.poll(link.now) is None


def test_a_group_is_delivered_when_the_network_accepts_it():
    link = Link(first_ref=3)
    link.queue.send_text("g1", "9000001", "集合", group=True)
    link.written()
    link.queue.take_outcomes()
    link.hear(b"\r\n+CMGS: 0,4,3\r\n")
    assert link.queue.take_outcomes() == [SendOutcome("g1", DELIVERED)]


def test_a_silent_radio_does_not_stall_the_queue():
    link = Link(timeout_s=10)
    link.queue.submit(b"AT+CNUMF?\r")
    link.queue.send_text("m1", RADIO, "x")
    assert link.queue.poll(link.now) == b"AT+CNUMF?\r"
    link.now += 9.9
    assert link.queue.poll(link.now) is None  # still waiting for its OK
    link.now += 0.2
    assert link.queue.poll(link.now).startswith(b"AT+CTSDS")  # the silent command is given up
    link.now += 10.1
    assert link.queue.poll(link.now) is None  # the message's own command went unanswered too
    [out] = link.queue.take_outcomes()
    assert out == SendOutcome("m1", RETRY, "no answer from the radio", wait_s=30.0) and link.queue.idle


def test_a_command_that_could_not_be_written_goes_again():
    link = Link(first_ref=1)
    link.queue.send_text("m1", RADIO, "x")
    first = link.queue.poll(link.now)
    link.queue.unsend()
    assert link.queue.poll(link.now) == first
    link.hear(b"OK\r\n")
    last = link.queue.poll(link.now)
    assert link.queue.take_outcomes() == [SendOutcome("m1", SENT, ref=1)]
    link.queue.unsend()  # the port went away under the write: not sent after all
    assert link.queue.take_outcomes() == []
    assert link.queue.poll(link.now) == last and link.queue.take_outcomes() == [SendOutcome("m1", SENT, ref=1)]


def test_a_report_for_a_message_sent_before_a_restart_still_matches():
    link = Link()
    link.queue.remember(300, "old")  # refs are one byte
    link.report(300 & 0xFF)
    assert link.queue.take_outcomes() == [SendOutcome("old", DELIVERED)]


def test_restart_voids_what_was_queued_and_starts_with_the_init_commands():
    link = Link()
    link.queue.send_text("m1", RADIO, "x")
    link.queue.poll(link.now)
    link.queue.restart(b"ATE0\r")
    assert link.queue.idle and link.queue.poll(link.now) == b"ATE0\r" and link.queue.poll(link.now) is None
    link.hear(b"OK\r\n")
    assert link.queue.poll(link.now) is None and link.queue.take_outcomes() == []
