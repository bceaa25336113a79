"""What a radio's send queue reports about the messages it was given, for the caller to record.

The queues are sans-I/O: they decide when a message is on the air, delivered, to be tried again
later or given up, and say so with a `SendOutcome` keyed by the caller's id for the message (the
outbox row id in the console). Recording it (the outbox table) is the caller's business.
"""
from __future__ import annotations

from dataclasses import dataclass

SENT, DELIVERED, RETRY, FAILED = "sent", "delivered", "retry", "failed"


@dataclass(frozen=True)
class SendOutcome:
    key: object  # the caller's id for the message
    state: str  # SENT, DELIVERED, RETRY (the queue or the caller tries again after wait_s) or FAILED
    error: str = ""
    ref: int | None = None  # SENT: the link reference a later delivery report will carry
    wait_s: float | None = None  # RETRY: how long until the next attempt


class Outcomes:
    """The outcome list and retry rule a send queue shares with the others: outcomes wait until the
    caller takes them, and a failed try is retried after a growing wait until `max_attempts`."""

    max_attempts: int
    retry_s: float
    _attempts: dict[object, int]
    _outcomes: list[SendOutcome]

    def take_outcomes(self) -> list[SendOutcome]:
        out, self._outcomes = self._outcomes, []
        return out

    def _retry(self, key: object, error: str) -> SendOutcome:
        attempts = self._attempts.get(key, 1)
        if attempts >= self.max_attempts:
            return SendOutcome(key, FAILED, error)
        return SendOutcome(key, RETRY, error, wait_s=self.retry_s * attempts)
