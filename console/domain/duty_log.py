"""The duty log (值班日志): append-only entries forming a SHA-256 hash chain per site.

Each site chains its own entries, so logs from several consoles merge without rewriting anyone's
chain; a correction is a new entry that points at the one it corrects.

The hash scheme is public, so anyone who can write the file could recompute it. Two things make a
rewrite visible: every entry's hash is signed with the site key (kept outside the database), and the
chain's head (its last sequence number and hash) is signed and kept outside the file too, so a
truncated, rolled-back or relinked log no longer ends where the signed head says it does."""
from __future__ import annotations

import enum
import hashlib
import json
from collections.abc import Callable, Iterable
from dataclasses import dataclass

GENESIS = "0" * 64


class Category(enum.StrEnum):
    INTAKE = "intake"  # 接报
    FOLLOW_UP = "follow_up"  # 续报
    INSTRUCTION = "instruction"  # 指示
    DISPATCH = "dispatch"  # 调度
    COMMS = "comms"  # 通信
    HANDOVER = "handover"  # 交接班
    SYSTEM = "system"  # 系统
    OTHER = "other"  # 其他


@dataclass(frozen=True)
class Entry:
    id: str
    seq: int
    site: str
    at: str  # ISO 8601 UTC
    category: Category
    text: str
    author: str = ""
    incident_id: str | None = None
    unit_id: str | None = None
    shift_id: str | None = None
    corrects_id: str | None = None
    prev_hash: str = GENESIS
    hash: str = ""
    position: str | None = None  # the author's position; None on entries from before accounts


HASHED_FIELDS = ("id", "site", "at", "category", "text", "author", "incident_id", "unit_id", "shift_id",
                 "corrects_id")
# Version 2 of the hash input adds the author's position. An entry with a position is hashed with
# it; entries written before accounts existed (position NULL) keep version 1, so they still verify.
HASHED_FIELDS_V2 = (*HASHED_FIELDS, "position")


def entry_hash(prev_hash: str, fields: dict) -> str:
    names = HASHED_FIELDS if fields.get("position") is None else HASHED_FIELDS_V2
    canonical = json.dumps({k: fields.get(k) for k in names}, ensure_ascii=False,
                           sort_keys=True, separators=(",", ":"))
    return hashlib.sha256((prev_hash + canonical).encode("utf-8")).hexdigest()


def entry_signing_bytes(hash_: str) -> bytes:
    """What the site key signs for one entry: its hash, which covers its content and its link."""
    return b"duty-log-entry:" + hash_.encode("ascii")


def head_signing_bytes(site: str, seq: int, hash_: str, public_key: str, at: str) -> bytes:
    """What the site key signs for the chain's head."""
    return json.dumps({"kind": "duty-log-head", "site": site, "seq": seq, "hash": hash_,
                       "public_key": public_key,
                       "at": at}, sort_keys=True, separators=(",", ":")).encode("utf-8")


@dataclass(frozen=True)
class ChainBreak:
    entry_id: str
    seq: int
    reason: str
    kind: str = "altered"  # a short name of what was found: truncated, rewritten, deleted, forged, ...


class BadText(bytes):
    """A stored value that was meant to be text but is not valid UTF-8."""


_TEXT_FIELDS = ("id", "site", "at", "category", "text", "author", "prev_hash", "hash")
_OPTIONAL_TEXT = ("incident_id", "unit_id", "shift_id", "corrects_id", "sig")


def _describe(value) -> str:
    if isinstance(value, BadText):
        return "text that is not valid UTF-8"
    if isinstance(value, bytes | bytearray):
        return "binary data (a BLOB)"
    if value is None:
        return "nothing (NULL)"
    return f"a {type(value).__name__} ({value!r:.20})"


def wrong_type(row: dict) -> str | None:
    """Which field of a stored row does not hold text where text belongs, if any."""
    for name in _TEXT_FIELDS:
        if name in row and (not isinstance(row[name], str) or isinstance(row[name], BadText)):
            return f"field {name} holds {_describe(row[name])}, not text"
    for name in _OPTIONAL_TEXT:
        if row.get(name) is not None and not isinstance(row[name], str):
            return f"field {name} holds {_describe(row[name])}, not text"
    return None


# check_signature(row) -> None when the row's signature is good, else what is wrong with it.
SignatureCheck = Callable[[dict], str | None]


def verify_chain(rows: Iterable[dict], check_signature: SignatureCheck | None = None) -> ChainBreak | None:
    """Rows in local append order (any mix of sites). Returns the first broken entry, or None.
    Sequence numbers run 1, 2, 3, ... without gaps (an append-only table never skips one), so a gap
    is an entry deleted from the middle even when the chain was relinked around it."""
    last: dict[str, str] = {}
    expected_seq = 1
    for row in rows:
        bad = wrong_type(row)
        if bad:
            return ChainBreak(str(row.get("id")), row["seq"], bad, "wrong type")
        if row["seq"] != expected_seq:
            missing = (
                f"#{expected_seq}" if row["seq"] == expected_seq + 1 else f"#{expected_seq}–#{row['seq'] - 1}"
            )
            return ChainBreak(
                row["id"], row["seq"], f"entries {missing} before it are missing (deleted)", "deleted"
            )
        expected_seq += 1
        site = row["site"]
        expected_prev = last.get(site, GENESIS)
        if row["prev_hash"] != expected_prev:
            return ChainBreak(row["id"], row["seq"], "previous-hash link does not match the entry before it",
                              "relinked")
        if entry_hash(row["prev_hash"], row) != row["hash"]:
            return ChainBreak(row["id"], row["seq"], "content does not match its hash (altered)")
        if check_signature is not None:
            problem = check_signature(row)
            if problem:
                return ChainBreak(row["id"], row["seq"], problem, "rewritten")
        last[site] = row["hash"]
    return None
