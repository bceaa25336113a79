"""The GSM modem send queue with a fake clock, talking to the simulator's modem (both sans-I/O)."""
from __future__ import annotations

import random

from console.devices.gsm import GsmParser, GsmSendQueue, ModemResponder, cds, init_sequence, status_report
from console.devices.sending import DELIVERED, FAILED, RETRY, SENT, SendOutcome

NUMBER = "+8613800138000"


class Link:
    """Queue -> modem -> parser -> queue, on a fake clock; `modem` None leaves the modem silent."""

    def __init__(self, modem: ModemResponder | None = None, **kw) -> None:
        self.queue = GsmSendQueue(rng=random.Random(1), **kw)
        self.modem = modem
        self.parser = GsmParser()
        self.now = 100.0
        self.written: list[bytes] = []

    def hear(self, data: bytes) -> None:
        for e in self.parser.feed(data):
            self.queue.on_event(e)

    def run(self, steps: int = 200) -> list[SendOutcome]:
        for _ in range(steps):
            cmd = self.queue.poll(self.now)
            if cmd is None:
                break
            self.written.append(cmd)
            if self.modem is not None:
                self.hear(self.modem.feed(cmd))
        if self.modem is not None:
            self.hear(self.modem.take_reports())
        return self.queue.take_outcomes()


def test_init_then_a_text_is_sent_then_delivered():
    link = Link(ModemResponder(report_after_ticks=1, first_mr=40))
    link.queue.restart(*init_sequence())
    assert link.queue.send_text("m1", NUMBER, "暴雨红色预警，请立即到岗") == 1
    out = link.run()
    assert out == [SendOutcome("m1", SENT, ref=40), SendOutcome("m1", DELIVERED)]
    assert link.written[:4] == init_sequence()
    assert link.written[4].startswith(b"AT+CMGS=") and link.written[5].endswith(b"\x1a")
    assert link.queue.idle


def test_a_long_text_is_sent_when_every_part_is_accepted_and_delivered_when_every_part_is():
    modem = ModemResponder(reports=False, first_mr=250)
    link = Link(modem)
    assert link.queue.send_text("m1", NUMBER, "防汛" * 100) == 3  # 200 UCS-2 characters
    out = link.run()
    assert out == [SendOutcome("m1", SENT, ref=252)]
    assert sum(c.startswith(b"AT+CMGS=") for c in link.written) == 3
    link.hear(cds(status_report(250, NUMBER)) + cds(status_report(251, NUMBER)))
    assert link.queue.take_outcomes() == []
    link.hear(cds(status_report(252, NUMBER, 0x21)))  # still trying: not final
    assert link.queue.take_outcomes() == []
    link.hear(cds(status_report(252, NUMBER)))
    assert link.queue.take_outcomes() == [SendOutcome("m1", DELIVERED)]


def test_a_failed_report_fails_the_message():
    link = Link(ModemResponder(report_after_ticks=1, report_status=0x41))
    link.queue.send_text("m1", NUMBER, "hello")
    out = link.run()
    assert out[0].state == SENT and out[1].state == FAILED and "0x41" in out[1].error


def test_a_report_for_someone_else_is_ignored():
    link = Link(ModemResponder(report_after_ticks=1, reports=False))
    link.queue.send_text("m1", NUMBER, "hello")
    link.run()
    link.hear(cds(status_report(99, NUMBER)))
    assert link.queue.take_outcomes() == []


def test_a_silent_modem_times_out_and_the_message_is_retried_later():
    link = Link(None, timeout_s=10.0, retry_s=30.0)
    link.queue.send_text("m1", NUMBER, "hello", attempts=1)
    assert link.run() == []
    assert link.written[0].startswith(b"AT+CMGS=") and not link.queue.idle
    link.now += 11
    # The prompt may still be open: ESC leaves it, and the message waits for another try.
    assert link.queue.poll(link.now) == b"\x1b"
    [out] = link.queue.take_outcomes()
    assert out == SendOutcome("m1", RETRY, "no answer from the modem", wait_s=60.0)
    assert link.queue.idle


def test_an_error_retries_and_the_last_attempt_fails():
    link = Link(None, max_attempts=2)
    link.queue.send_text("m1", NUMBER, "hello", attempts=1)
    link.queue.poll(link.now)
    link.hear(b"\r\n> ")
    assert link.queue.poll(link.now).endswith(b"\x1a")
    link.hear(b"\r\n+CMS ERROR: 38\r\n")
    assert link.queue.take_outcomes() == [SendOutcome("m1", FAILED, "+CMS ERROR: 38")]
    assert link.queue.idle and link.queue.poll(link.now) is None


def test_a_number_the_modem_cannot_address_fails_at_once():
    link = Link(ModemResponder(report_after_ticks=1))
    assert link.queue.send_text("m1", "市防汛指挥部", "hello") == 0
    [out] = link.queue.take_outcomes()
    assert out.state == FAILED and "phone number" in out.error and link.queue.idle


def test_a_command_that_could_not_be_written_goes_out_again():
    link = Link(ModemResponder(report_after_ticks=1))
    link.queue.send_text("m1", NUMBER, "hello")
    first = link.queue.poll(link.now)
    link.queue.unsend()
    assert link.queue.poll(link.now) == first


def test_a_report_after_a_restart_still_settles_the_message():
    link = Link(ModemResponder(report_after_ticks=1))
    link.queue.remember(12, "m0")
    link.queue.restart(*init_sequence())
    link.run()
    link.hear(cds(status_report(12, NUMBER)))
    assert link.queue.take_outcomes() == [SendOutcome("m0", DELIVERED)]
