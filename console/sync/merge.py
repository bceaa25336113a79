"""Merge rules for change rows arriving from other sites (plain Python: no SQL, no I/O).

A row's merged value is a function of the *set* of changes made to it, never of the order they
arrived in, so every replica that holds the same changes shows the same thing:
* append-only tables (duty log, timelines, traffic, tracks, messages) are a union by id;
* mutable tables merge per column: the last writer by (HLC, site) wins. The site is the last part
  of an encoded stamp, so comparing encoded stamps is comparing (HLC, site);
* domain rules come before the last writer: an incident's status never moves backwards, and a
  retired / archived / deleted flag once set stays set (a tombstone never comes back to life).
"""
from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import cached_property
from typing import Any

FUTURE_BOUND_MS = 5 * 60 * 1000  # stamps further ahead of our clock are held for the operator

APPEND_ONLY = frozenset({"duty_log", "incident_events", "device_alerts", "comms_log", "tracks", "messages",
                         "dispatches"})
# Site-local: the hardware attached to this machine and what waits to go out over it.
LOCAL_ONLY = frozenset({"devices", "device_frames", "outbox", "shifts"})
# Parents before children, so a batch applies in one pass (foreign keys are on).
TABLE_ORDER = ("districts", "incidents", "units", "resources", "preplans", "preplan_versions", "activations",
               "checklist_items", "dispatches", "incident_events", "duty_log")
STATUS_ORDER = {"incidents.status": ("reported", "responding", "closed")}
STICKY_FLAGS = frozenset({"retired", "archived", "deleted"})
SKIP_COLS = frozenset({"updated_hlc", "seq"})


@dataclass(frozen=True)
class Change:
    tbl: str
    row_id: str
    cols_text: str  # the changed columns as the JSON object recorded in the change row
    hlc: str
    site: str

    @classmethod
    def of(cls, tbl: str, row_id: str, cols: Mapping, hlc: str, site: str) -> Change:
        return cls(tbl, row_id, json.dumps(dict(cols), ensure_ascii=False, sort_keys=True), hlc, site)

    @classmethod
    def parsed(cls, tbl: str, row_id: str, cols_text: str, hlc: str, site: str, cols: dict) -> Change:
        """A change whose columns are already parsed from `cols_text` (a bundle being read): fills
        the fields and the cached `cols` in one step, without the frozen dataclass's field-by-field
        setter; a backlog builds a hundred thousand of these."""
        change = object.__new__(cls)
        change.__dict__.update(tbl=tbl, row_id=row_id, cols_text=cols_text, hlc=hlc, site=site, cols=cols)
        return change

    @cached_property
    def cols(self) -> dict:
        """Parsed on first use: most changes travel and are stored without ever being looked into."""
        return json.loads(self.cols_text)

    @property
    def wall_ms(self) -> int:
        return int(self.hlc[:13])


@dataclass(frozen=True)
class Conflict:
    tbl: str
    row_id: str
    col: str
    kept: object
    kept_hlc: str
    other: object
    other_hlc: str
    other_site: str
    reason: str  # "concurrent" or "rule"


def table_rank(tbl: str) -> int:
    return TABLE_ORDER.index(tbl) if tbl in TABLE_ORDER else len(TABLE_ORDER)


def apply_order(changes: Iterable[Change]) -> list[Change]:
    return sorted(changes, key=lambda c: (table_rank(c.tbl), c.hlc))


def too_far_ahead(change: Change, now_ms: int, bound_ms: int = FUTURE_BOUND_MS) -> bool:
    return change.wall_ms - now_ms > bound_ms


def _rule_value(key: str, values: list[tuple[str, Any]]) -> object | None:
    """What a domain rule makes of all values a column has had: None when no rule applies."""
    order = STATUS_ORDER.get(key)
    if order is not None:
        ranked = [v for _, v in values if v in order]
        return max(ranked, key=order.index) if ranked else None
    if key.split(".", 1)[1] in STICKY_FLAGS:
        return max((v for _, v in values if v is not None), default=None)
    return None


@dataclass
class Folded:
    values: dict  # column -> merged value
    stamps: dict  # column -> stamp of the change that wrote it (last writer)
    overruled: dict  # column -> (last writer's value, its stamp) where a domain rule kept another value


def fold(tbl: str, history: Iterable[Change]) -> Folded:
    """The merged columns of one row of a mutable table from every change made to it."""
    return fold_onto(tbl, Folded({}, {}, {}), history)


def fold_onto(tbl: str, before: Folded, incoming: Iterable[Change]) -> Folded:
    """`fold` of a row's earlier changes and `incoming` together, from the earlier changes' fold:
    the last writer is the later of the two, and every rule keeps the greatest value it has seen,
    which the earlier fold already holds. Applying a backlog in chunks folds each row once."""
    per_col: dict[str, list[tuple[str, object]]] = {}
    for ch in incoming:
        for col, value in ch.cols.items():
            if col not in SKIP_COLS:
                per_col.setdefault(col, []).append((ch.hlc, value))
    out = Folded(dict(before.values), dict(before.stamps), dict(before.overruled))
    for col, values in per_col.items():
        stamp, last = max(values, key=lambda sv: sv[0])
        if col in before.stamps:
            prior = before.stamps[col]
            if prior > stamp:
                stamp, last = (
                    prior,
                    before.overruled[col][0] if col in before.overruled else before.values[col],
                )
            values.append((prior, before.values[col]))
        ruled = _rule_value(f"{tbl}.{col}", values)
        out.stamps[col] = stamp
        out.overruled.pop(col, None)
        if ruled is not None and ruled != last:
            out.values[col] = ruled
            out.overruled[col] = (last, stamp)
        else:
            out.values[col] = last
    return out


def concurrent_conflicts(tbl: str, row_id: str, before: Folded, incoming: Iterable[Change],
                         sender_knows: Mapping[str, str]) -> list[Conflict]:
    """Columns the sender changed while it had not yet seen our value for them: both values kept
    in the record. `before` is the row as we had it; `sender_knows` maps each origin site to the
    newest stamp the sender held when it made the batch."""
    latest: dict[str, Change] = {}
    for ch in incoming:
        for col in ch.cols:
            if col not in SKIP_COLS and (col not in latest or ch.hlc > latest[col].hlc):
                latest[col] = ch
    out = []
    for col, ch in latest.items():
        value = ch.cols[col]
        mine = before.stamps.get(col)
        if mine is None or mine == ch.hlc:
            continue
        mine_site = mine.rsplit("-", 1)[1]
        if mine_site == ch.site or sender_knows.get(mine_site, "") >= mine:
            continue  # the sender had our value when it wrote: a plain later edit
        kept_value = before.values.get(col)
        if kept_value == value:
            continue
        if ch.hlc > mine:
            kept, kept_hlc, other, other_hlc, other_site = value, ch.hlc, kept_value, mine, mine_site
        else:
            kept, kept_hlc, other, other_hlc, other_site = kept_value, mine, value, ch.hlc, ch.site
        out.append(Conflict(tbl, row_id, col, kept, kept_hlc, other, other_hlc, other_site, "concurrent"))
    return out


def may_conflict(tbl: str, before: Folded, incoming: list[Change], sender_knows: Mapping[str, str]) -> bool:
    """Whether applying `incoming` (one row's changes, in stamp order) one change at a time could
    find a conflict. When it cannot, the row is folded in one step; when it can, change by change,
    so the conflicts found never depend on how a backlog was cut into chunks."""
    site = incoming[0].site
    for ch in incoming:
        if ch.site != site:
            return True
        for col in ch.cols:
            if col in SKIP_COLS:
                continue
            if f"{tbl}.{col}" in STATUS_ORDER or col in STICKY_FLAGS:
                return True
            mine = before.stamps.get(col)
            if mine is not None:
                mine_site = mine.rsplit("-", 1)[1]
                if mine_site != site and sender_knows.get(mine_site, "") < mine:
                    return True
    return False


def rule_conflicts(tbl: str, row_id: str, after: Folded) -> list[Conflict]:
    out = []
    for col, (last, stamp) in after.overruled.items():
        kept = after.values[col]
        out.append(Conflict(tbl, row_id, col, kept, "", last, stamp, stamp.rsplit("-", 1)[1], "rule"))
    return out


def vector_max(a: Mapping[str, str], b: Mapping[str, str]) -> dict[str, str]:
    out = dict(a)
    for site, stamp in b.items():
        if stamp > out.get(site, ""):
            out[site] = stamp
    return out
