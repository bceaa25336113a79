"""Outbound messages over radio links and the SMS modem, kept in the outbox table so a restart loses nothing.

States: queued (waiting for its turn), sent (written to a device, not yet confirmed), delivered,
failed (refused too often or rejected), expired (its time ran out first), no_link (no device for its
channel is connected; it goes back to queued when one connects). Device sessions decide the
transitions; they reach the table through `OutboxUpdate`s applied in the ingest transaction.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import timedelta

from console.domain.access import Action
from console.domain.changes import Changes, Result
from console.domain.clock import to_iso
from console.domain.duty_log import Category
from console.domain.record_texts import RecordTexts
from console.domain.record_texts.comms import NETWORK
from console.services.duty_log import DutyLogService
from console.services.resources import ResourceService
from console.store.database import Store

# Channels a device of this console sends on, and the device protocol that serves each.
RADIO_CHANNELS = ("tetra", "beidou", "sms")
CHANNEL_OF_PROTOCOL = {"tetra": "tetra", "beidou": "beidou", "gsm": "sms"}
_IN_CHANNELS = "channel IN (" + ",".join(f"'{c}'" for c in RADIO_CHANNELS) + ")"
STATES = ("queued", "sent", "delivered", "failed", "expired", "no_link")
FINAL = ("delivered", "failed", "expired")
GROUP_PREFIX = "group:"  # a TETRA group (GSSI): no per-member delivery report exists
DEFAULT_EXPIRY_S = 3600
_PHONE = re.compile(r"^\+?[0-9][0-9 -]{2,24}$")


def is_phone_number(recipient: str) -> bool:
    """An SMS recipient the modem can address (digits, optionally international with +)."""
    return bool(_PHONE.match(recipient.strip()))


@dataclass(frozen=True)
class OutboxUpdate:
    id: str
    state: str
    error: str = ""
    link_ref: int | None = None
    device_id: str | None = None
    next_attempt_at: str | None = None
    attempted: bool = False  # this update records a new attempt (written to the device)


class OutboxService:
    def __init__(self, store: Store, log: DutyLogService, resources: ResourceService,
                 texts: RecordTexts | None = None) -> None:
        self.store = store
        self.log = log
        self.resources = resources
        self.texts = texts or RecordTexts()

    # -- reads ------------------------------------------------------------------------------------
    def get(self, outbox_id: str) -> dict | None:
        return self.store.one("SELECT * FROM outbox WHERE id = ?", (outbox_id,))

    def rows(self, limit: int = 500) -> list[dict]:
        return self.store.rows(f"SELECT * FROM outbox WHERE {_IN_CHANNELS} "
                               "ORDER BY created_at DESC, id DESC LIMIT ?", (limit,))

    def by_ids(self, ids: set[str]) -> list[dict]:
        if not ids:
            return []
        marks = ",".join("?" for _ in ids)
        return self.store.rows(f"SELECT * FROM outbox WHERE id IN ({marks})", tuple(ids))

    def undelivered(self) -> list[dict]:
        """Messages not yet settled (queued, sent, waiting for a link): what a handover must mention."""
        return self.store.rows("SELECT * FROM outbox WHERE state IN ('queued','sent','no_link') "
                               "ORDER BY created_at, id")

    def any_queued(self) -> bool:
        """Cheap check before asking each device for its next message."""
        return bool(self.store.scalar("SELECT EXISTS (SELECT 1 FROM outbox WHERE state = 'queued' "
                                      f"AND {_IN_CHANNELS})"))

    def due(self, channel: str, device_id: str, now_iso: str) -> dict | None:
        """The oldest queued message this device may send now."""
        return self.store.one(
            "SELECT * FROM outbox WHERE state = 'queued' AND channel = ? AND (device_id IS NULL OR device_id "
            "= ?) "
            "AND (next_attempt_at IS NULL OR next_attempt_at <= ?) AND (expires_at IS NULL OR expires_at > "
            "?) "
            "ORDER BY created_at, id LIMIT 1", (channel, device_id, now_iso, now_iso))

    def in_flight(self, device_id: str) -> list[dict]:
        return self.store.rows("SELECT * FROM outbox WHERE state = 'sent' AND device_id = ? ORDER BY sent_at",
                               (device_id,))

    def served_channels(self) -> set[str]:
        """Channels a device here sends on: the radios always (their messages wait for a link), SMS
        while a modem is configured and switched on; a notice on any other channel is the officer's task."""
        modems = self.store.scalar("SELECT EXISTS (SELECT 1 FROM devices WHERE protocol = 'gsm' "
                                   "AND retired = 0 AND enabled = 1)")
        return {"tetra", "beidou"} | ({"sms"} if modems else set())

    def recipient_label(self, channel: str, recipient: str) -> str:
        if channel == "sms":
            return recipient
        if recipient.startswith(GROUP_PREFIX):
            return self.texts("comms.group", gssi=recipient[len(GROUP_PREFIX):])
        unit = self.resources.unit_by_identity(**({"issi": recipient} if channel == "tetra"
                                                  else {"beidou_id": recipient}))
        return self.texts("comms.unit", callsign=unit["callsign"], identity=recipient) if unit else recipient

    # -- writes -----------------------------------------------------------------------------------
    def submit(self, channel: str, recipient: str, text: str, *, device_id: str | None = None,
               expires_s: float | None = DEFAULT_EXPIRY_S, incident_id: str | None = None,
               ref: str = "operator", linked: bool = True) -> Result[str]:
        """An operator's radio message: queued, and written into the duty log."""
        self.log.require(Action.DISPATCH)
        text, recipient = text.strip(), recipient.strip()
        if channel not in RADIO_CHANNELS:
            raise ValueError(f"unknown radio channel {channel!r}")
        if not text or not recipient:
            raise ValueError("a message needs a recipient and text")
        with self.store.transaction():
            res = self.enqueue(channel, recipient, text, device_id=device_id, expires_s=expires_s,
                               incident_id=incident_id, ref=ref, linked=linked)
            res.changes.merge(self.log.append(Category.COMMS, self.texts(
                "comms.sent", recipient=self.recipient_label(channel, recipient),
                network=self.texts.word(NETWORK, channel), text=text), incident_id=incident_id).changes)
        return res

    def enqueue(self, channel: str, recipient: str, text: str, *, device_id: str | None = None,
                expires_s: float | None = DEFAULT_EXPIRY_S, incident_id: str | None = None,
                activation_id: str | None = None, ref: str = "operator", linked: bool = True) -> Result[str]:
        """One outbox row on any channel, without a log entry (the caller logs what it sent as a whole).
        A channel with no link waits as no_link; the device manager queues it once a link is up."""
        s = self.store
        now = s.clock.now()
        oid = s.new_id()
        with s.transaction():
            s.insert(
                "outbox",
                {
                    "id": oid,
                    "created_at": to_iso(now),
                    "channel": channel,
                    "recipient": recipient,
                    "text": text,
                    "state": "queued" if linked else "no_link",
                    "attempts": 0,
                    "device_id": device_id,
                    "expires_at": to_iso(now + timedelta(seconds=expires_s)) if expires_s else None,
                    "ref": ref,
                    "incident_id": incident_id,
                    "activation_id": activation_id,
                },
            )
        return Result(oid, Changes(outbox={oid}))

    def apply(self, updates: list[OutboxUpdate]) -> Result[set[str]]:
        """Apply state changes in the caller's transaction; failures and expiries go to the duty log."""
        s = self.store
        changes, ids = Changes(), set()
        now = to_iso(s.clock.now())
        with s.transaction():
            for u in updates:
                row = self.get(u.id)
                if row is None or row["state"] in FINAL:
                    continue  # a late acknowledgement for a message already settled
                cols: dict = {"state": u.state}
                if u.error:
                    cols["last_error"] = u.error
                if u.link_ref is not None:
                    cols["link_ref"] = u.link_ref
                if u.device_id is not None:
                    cols["device_id"] = u.device_id
                if u.state == "queued" or u.next_attempt_at is not None:
                    cols["next_attempt_at"] = u.next_attempt_at
                if u.attempted:
                    cols["attempts"] = row["attempts"] + 1
                    cols["sent_at"] = now
                if u.state == "delivered":
                    cols["delivered_at"] = now
                s.update("outbox", u.id, cols)
                ids.add(u.id)
                if u.state in ("failed", "expired"):
                    text = self.texts(f"comms.{u.state}",
                                      recipient=self.recipient_label(row["channel"], row["recipient"]),
                                      text=row["text"])
                    if u.error:
                        text += self.texts("comms.error", error=u.error)
                    changes.merge(self.log.append(Category.COMMS, text,
                                                  incident_id=row["incident_id"]).changes)
        changes.outbox |= ids
        return Result(ids, changes)

    def expire(self, now_iso: str) -> list[OutboxUpdate]:
        rows = self.store.rows(
            "SELECT id FROM outbox WHERE state IN ('queued','sent','no_link') "
            f"AND {_IN_CHANNELS} AND expires_at IS NOT NULL AND expires_at <= ?",
            (now_iso,),
        )
        return [OutboxUpdate(r["id"], "expired") for r in rows]

    def next_expiry(self) -> str | None:
        """When the next unsettled radio message runs out of time (ISO UTC), if any will."""
        return self.store.scalar(
            "SELECT min(expires_at) FROM outbox WHERE state IN ('queued','sent','no_link') "
            f"AND {_IN_CHANNELS} AND expires_at IS NOT NULL"
        )

    def link_changed(self, connected_channels: set[str]) -> list[OutboxUpdate]:
        """Queued messages with no link become no_link, and back to queued once a link is up."""
        out = []
        for r in self.store.rows("SELECT id, channel, state FROM outbox WHERE state IN ('queued','no_link') "
                                 f"AND {_IN_CHANNELS}"):
            up = r["channel"] in connected_channels
            if up and r["state"] == "no_link":
                out.append(OutboxUpdate(r["id"], "queued"))
            elif not up and r["state"] == "queued":
                out.append(OutboxUpdate(r["id"], "no_link", next_attempt_at=None))
        return out
