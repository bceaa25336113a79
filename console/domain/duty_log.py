"""The duty log (值班日志): append-only entries forming a SHA-256 hash chain per site.

Each site chains its own entries, so logs from several consoles merge without rewriting anyone's
chain; a correction is a new entry that points at the one it corrects."""
from __future__ import annotations

import enum
import hashlib
import json
from collections.abc import Iterable
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


@dataclass(frozen=True)
class ChainBreak:
    entry_id: str
    seq: int
    reason: str


def verify_chain(rows: Iterable[dict]) -> ChainBreak | None:
    """Rows in local append order (any mix of sites). Returns the first broken entry, or None."""
    last: dict[str, str] = {}
    for row in rows:
        site = row["site"]
        expected_prev = last.get(site, GENESIS)
        if row["prev_hash"] != expected_prev:
            return ChainBreak(row["id"], row["seq"], "previous-hash link does not match the entry before it")
        if entry_hash(row["prev_hash"], row) != row["hash"]:
            return ChainBreak(row["id"], row["seq"], "content does not match its hash (altered)")
        last[site] = row["hash"]
    return None
