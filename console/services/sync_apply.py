"""Applying a verified batch of changes to the store, inside the caller's transaction.

The change rows go into `changes` once each (their stamp identifies them), and each touched row is
then materialised from every change it has ever had (console/sync/merge.py decides the values), so
the result does not depend on the order batches arrive in. What cannot be materialised yet (a
duty-log entry whose predecessor is missing, a row whose parent is missing) waits in sync_pending
and is retried after every apply."""
from __future__ import annotations

import json
import sqlite3
from collections import defaultdict
from dataclasses import dataclass, field

from console.domain.changes import Changes
from console.domain.clock import to_iso
from console.domain.hlc import HlcStamp
from console.services.duty_log import DutyLogService
from console.services.sync_writes import DeferredWrites
from console.store.database import Store
from console.sync.merge import (
    APPEND_ONLY,
    FUTURE_BOUND_MS,
    LOCAL_ONLY,
    Change,
    Conflict,
    Folded,
    apply_order,
    concurrent_conflicts,
    fold,
    fold_onto,
    may_conflict,
    rule_conflicts,
    too_far_ahead,
)

_CHUNK = 500
# Tables whose rows a view shows under another name in Changes.
_CHANGES_FIELD = {"checklist_items": "checklists", "incident_events": "incidents", "device_alerts": "alerts"}
_PRECISE_UP_TO = 2000  # above this many rows, views simply reload


@dataclass(frozen=True)
class Prepared:
    """What `Applier.prepare` works out from a chunk's changes alone, before the writer's turn is
    taken: their apply order, grouped by row, and the change-log rows to insert."""
    changes: int
    by_row: dict[tuple[str, str], list[Change]]
    log_rows: list[tuple[str, str, str, str, str]]


@dataclass
class ApplyReport:
    sender: str = ""
    received: int = 0
    applied: int = 0
    duplicates: int = 0
    held: int = 0
    waiting: int = 0
    conflicts: list[Conflict] = field(default_factory=list)


class Applier:
    def __init__(self, store: Store, log: DutyLogService, future_bound_ms: int = FUTURE_BOUND_MS) -> None:
        self.store = store
        self.log = log
        self.future_bound_ms = future_bound_ms
        self._columns: dict[str, frozenset[str]] = {}
        # Each touched row's fold, kept while a backlog applies in chunks so that no row's history
        # is read and folded again for every chunk. Holds the change log up to _folded_upto; a row
        # with a later change (another writer's) is dropped from it. Updated only after a commit.
        self._folded: dict[tuple[str, str], Folded] = {}
        self._folded_upto = -1

    def forget(self) -> None:
        self._folded, self._folded_upto = {}, -1

    # -- schema
    def columns(self, tbl: str) -> frozenset[str]:
        if tbl not in self._columns:
            names = [r[0] for r in self.store.conn.execute("SELECT name FROM pragma_table_info(?)", (tbl,))]
            self._columns[tbl] = frozenset(names)
        return self._columns[tbl]

    # -- the whole apply
    @staticmethod
    def prepare(changes: list[Change]) -> Prepared:
        """Needs no store: done outside the transaction, so the writer's turn is held for less."""
        by_row: dict[tuple[str, str], list[Change]] = defaultdict(list)
        log_rows = []
        for c in apply_order(changes):
            by_row[(c.tbl, c.row_id)].append(c)
            log_rows.append((c.tbl, c.row_id, c.cols_text, c.hlc, c.site))
        return Prepared(len(changes), by_row, log_rows)

    def apply(self, sender: str, changes: list[Change], sender_knows: dict[str, str],
              via: str, prepared: Prepared | None = None) -> tuple[ApplyReport, Changes]:
        """`prepared`: `prepare(changes)`, if done beforehand."""
        s = self.store
        s._require_txn()
        report = ApplyReport(sender=sender, received=len(changes))
        fresh = self._unseen(changes)
        report.duplicates = len(changes) - len(fresh)
        accepted, held = self._hold_future(fresh)
        report.held = len(held)
        now = to_iso(s.clock.now())
        s.conn.executemany(
            "INSERT OR IGNORE INTO sync_held(hlc, tbl, row_id, cols, site, via, received_at) VALUES "
            "(?,?,?,?,?,?,?)",
            [(c.hlc, c.tbl, c.row_id, c.cols_text, c.site, via, now) for c in held])
        if not accepted:
            return report, Changes()
        changed = Changes()
        if prepared is None or prepared.changes != len(accepted):  # some were duplicates or held
            prepared = self.prepare(accepted)
        touched = self._materialise(prepared, sender_knows, report, changed)
        report.applied = len(accepted)
        s.hlc.restore(HlcStamp.decode(max(c.hlc for c in accepted)))
        self._retry_pending(changed)
        report.waiting = s.scalar("SELECT count(*) FROM sync_pending")
        self._record_conflicts(report.conflicts, now, changed)
        if touched > _PRECISE_UP_TO:
            return report, Changes(reset=True, sync={sender})
        changed.sync.add(sender)
        return report, changed

    def _unseen(self, changes: list[Change]) -> list[Change]:
        known: set[str] = set()
        stamps = [c.hlc for c in changes]
        for i in range(0, len(stamps), _CHUNK):
            part = stamps[i:i + _CHUNK]
            marks = ",".join("?" * len(part))
            known.update(
                r[0] for r in self.store.conn.execute(f"SELECT hlc FROM changes WHERE hlc IN ({marks})", part)
            )
        seen, out = set(), []
        for c in changes:
            if c.hlc not in known and c.hlc not in seen:
                seen.add(c.hlc)
                out.append(c)
        return out

    def _hold_future(self, changes: list[Change]) -> tuple[list[Change], list[Change]]:
        """Too far ahead of our clock: held. A site's later changes are held with it, so what each
        site's log holds stays a prefix of that site's history (its duty-log chain stays whole)."""
        now_ms = int(self.store.clock.now().timestamp() * 1000)
        first_held: dict[str, str] = {}
        for c in changes:
            if too_far_ahead(c, now_ms, self.future_bound_ms) and c.hlc < first_held.get(c.site, "~"):
                first_held[c.site] = c.hlc
        accepted: list[Change] = []
        held: list[Change] = []
        for c in changes:
            (held if c.site in first_held and c.hlc >= first_held[c.site] else accepted).append(c)
        return accepted, held

    # -- materialising rows
    def _history(self, tbl: str, row_id: str) -> list[Change]:
        return [Change(tbl, row_id, cols, hlc, site) for cols, hlc, site in self.store.conn.execute(
            "SELECT cols, hlc, site FROM changes WHERE tbl = ? AND row_id = ?", (tbl, row_id))]

    def _before(self, keys: list[tuple[str, str]]) -> dict[tuple[str, str], Folded]:
        """The fold of each mutable row as it stands, from the cache or from its history."""
        if self._folded_upto < 0:
            self._folded = {}
        else:  # rows that others (the window) changed since our last chunk are folded afresh
            for tbl, row_id in self.store.conn.execute("SELECT tbl, row_id FROM changes WHERE seq > ?",
                                                       (self._folded_upto,)):
                self._folded.pop((tbl, row_id), None)
        out = {k: self._folded[k] for k in keys if k in self._folded}
        by_table: dict[str, list[str]] = defaultdict(list)
        for tbl, row_id in keys:
            if (tbl, row_id) not in out:
                by_table[tbl].append(row_id)
        for tbl, ids in by_table.items():
            history: dict[str, list[Change]] = defaultdict(list)
            for i in range(0, len(ids), _CHUNK):
                part = ids[i:i + _CHUNK]
                for row_id, cols, hlc, site in self.store.conn.execute(
                        f"SELECT row_id, cols, hlc, site FROM changes WHERE tbl = ? AND row_id IN "
                        f"({','.join('?' * len(part))})", (tbl, *part)):
                    history[row_id].append(Change(tbl, row_id, cols, hlc, site))
            for row_id in ids:
                out[(tbl, row_id)] = fold(tbl, history.get(row_id, []))
        return out

    def _keep_folds(self, folds: dict[tuple[str, str], Folded]) -> None:
        top = self.store.scalar("SELECT coalesce(max(seq), 0) FROM changes")

        def committed() -> None:
            self._folded.update(folds)
            self._folded_upto = top
        self.store.after_commit(committed)

    def _materialise(self, prepared: Prepared, sender_knows: dict[str, str], report: ApplyReport,
                     changed: Changes) -> int:
        s = self.store
        by_row = prepared.by_row
        before = self._before(
            [key for key in by_row if key[0] not in APPEND_ONLY and key[0] not in LOCAL_ONLY]
        )
        s.conn.executemany("INSERT INTO changes(tbl, row_id, cols, hlc, site) VALUES (?, ?, ?, ?, ?)",
                           prepared.log_rows)
        heads: dict[str, str] = {}
        present = self._present([key for key in by_row if key[0] not in LOCAL_ONLY])
        unsettled = {(r[0], r[1]) for r in s.conn.execute(
            "SELECT tbl, row_id FROM sync_conflicts WHERE resolved_at IS NULL")}
        folds: dict[tuple[str, str], Folded] = {}
        writes = DeferredWrites(s, self.log)
        outcomes: list[tuple[tuple[str, str], dict, bool]] = []
        for key, incoming in by_row.items():
            tbl, row_id = key
            if tbl in LOCAL_ONLY or not self.columns(tbl):
                continue  # kept in the log to relay; nothing of ours to update
            if tbl in APPEND_ONLY:
                done = key in present or self._append(tbl, row_id, incoming[-1].cols, heads, writes=writes)
            else:
                old = before[key]
                if may_conflict(tbl, old, incoming, sender_knows):
                    new = old
                    for ch in incoming:  # as if applied one change at a time
                        report.conflicts += concurrent_conflicts(tbl, row_id, new, [ch], sender_knows)
                        new = fold_onto(tbl, new, [ch])
                        report.conflicts += [c for c in rule_conflicts(tbl, row_id, new) if c.col in ch.cols]
                else:
                    new = fold_onto(tbl, old, incoming)
                folds[key] = new
                done = self._write_row(tbl, row_id, new, old, key in present, writes)
                if key in unsettled:
                    self._settle_conflicts(tbl, row_id, new, sender_knows)
            outcomes.append((key, incoming[-1].cols, done))
        failed = writes.flush()
        for (tbl, row_id), cols, done in outcomes:
            if done and (tbl, row_id) not in failed:
                self._note(changed, tbl, row_id, cols)
            else:
                s.conn.execute("INSERT OR IGNORE INTO sync_pending(tbl, row_id) VALUES (?, ?)", (tbl, row_id))
        self._keep_folds(folds)
        return len(by_row)

    def _present(self, keys: list[tuple[str, str]]) -> set[tuple[str, str]]:
        """Which rows are here already, in a few queries instead of one a row."""
        by_table: dict[str, list[str]] = defaultdict(list)
        for tbl, row_id in keys:
            if self.columns(tbl):
                by_table[tbl].append(row_id)
        present: set[tuple[str, str]] = set()
        for tbl, ids in by_table.items():
            for i in range(0, len(ids), _CHUNK):
                part = ids[i : i + _CHUNK]
                rows = self.store.conn.execute(
                    f"SELECT id FROM {tbl} WHERE id IN ({','.join('?' * len(part))})", part
                )
                present.update((tbl, r[0]) for r in rows)
        return present

    def _append(self, tbl: str, row_id: str, cols: dict, heads: dict[str, str], check: bool = False,
                writes: DeferredWrites | None = None) -> bool:
        s = self.store
        if check and s.conn.execute(f"SELECT 1 FROM {tbl} WHERE id = ?", (row_id,)).fetchone():
            return True
        row = {k: v for k, v in cols.items() if k in self.columns(tbl) and k != "seq"}
        if tbl == "duty_log":
            site = row.get("site", "")
            if site not in heads:
                last = s.conn.execute("SELECT hash FROM duty_log WHERE site = ? ORDER BY seq DESC LIMIT 1",
                                      (site,)).fetchone()
                heads[site] = last[0] if last else "0" * 64
            if row.get("prev_hash") != heads[site]:
                return False  # its predecessor has not arrived: appending now would break the chain
            if writes is not None:
                writes.entry(row)
                heads[site] = row["hash"]
                return True
            try:
                self.log.adopt(row)
            except sqlite3.IntegrityError:
                return False
            heads[site] = row["hash"]
            return True
        try:
            s.conn.execute(f"INSERT INTO {tbl} ({', '.join(row)}) VALUES ({', '.join('?' * len(row))})",
                           tuple(row.values()))
        except sqlite3.IntegrityError:
            return False
        return True

    def _write_row(self, tbl: str, row_id: str, new: Folded, old: Folded, exists: bool | None = None,
                   writes: DeferredWrites | None = None) -> bool:
        cols = self.columns(tbl)
        values = {k: v for k, v in new.values.items() if k in cols and k != "id"}
        if "updated_hlc" in cols and new.stamps:
            values["updated_hlc"] = max(new.stamps.values())
        if exists is None:
            exists = (
                self.store.conn.execute(f"SELECT 1 FROM {tbl} WHERE id = ?", (row_id,)).fetchone() is not None
            )
        try:
            if exists:
                diff = {
                    k: v for k, v in values.items() if k == "updated_hlc" or old.values.get(k, object()) != v
                }
                if diff and writes is not None:
                    writes.update(tbl, row_id, diff)
                elif diff:
                    sets = ", ".join(f"{k} = ?" for k in diff)
                    self.store.conn.execute(f"UPDATE {tbl} SET {sets} WHERE id = ?", (*diff.values(), row_id))
            else:
                row = {"id": row_id, **values}
                self.store.conn.execute(
                    f"INSERT INTO {tbl} ({', '.join(row)}) VALUES ({', '.join('?' * len(row))})",
                    tuple(row.values()))
        except sqlite3.IntegrityError:
            return False  # a parent or a required column has not arrived yet
        return True

    def _settle_conflicts(self, tbl: str, row_id: str, new: Folded, sender_knows: dict[str, str]) -> None:
        """An open conflict is settled here when a later change, made by a site that had seen both
        values (another console's operator choosing), now decides the column."""
        for cid, col, kept_hlc, other_hlc in self.store.conn.execute(
                "SELECT id, col, kept_hlc, other_hlc FROM sync_conflicts WHERE tbl = ? AND row_id = ? "
                "AND resolved_at IS NULL", (tbl, row_id)).fetchall():
            stamp = new.stamps.get(col, "")
            seen = all(not h or sender_knows.get(h.rsplit("-", 1)[1], "") >= h for h in (kept_hlc, other_hlc))
            if stamp > max(kept_hlc, other_hlc) and seen:
                self.store.conn.execute("UPDATE sync_conflicts SET resolved_at = ? WHERE id = ?",
                                        (to_iso(self.store.clock.now()), cid))

    def _retry_pending(self, changed: Changes) -> None:
        s = self.store
        while True:
            progress = False
            heads: dict[str, str] = {}
            for tbl, row_id in s.conn.execute(
                "SELECT tbl, row_id FROM sync_pending ORDER BY rowid"
            ).fetchall():
                history = sorted(self._history(tbl, row_id), key=lambda c: c.hlc)
                if not history:
                    continue
                if tbl in APPEND_ONLY:
                    done = self._append(tbl, row_id, history[-1].cols, heads, check=True)
                else:
                    done = self._write_row(tbl, row_id, fold(tbl, history), Folded({}, {}, {}))
                if done:
                    s.conn.execute("DELETE FROM sync_pending WHERE tbl = ? AND row_id = ?", (tbl, row_id))
                    self._note(changed, tbl, row_id, history[-1].cols)
                    progress = True
            if not progress:
                return

    def _record_conflicts(self, conflicts: list[Conflict], now: str, changed: Changes) -> None:
        for c in conflicts:
            cur = self.store.conn.execute(
                "INSERT OR IGNORE INTO sync_conflicts(id, tbl, row_id, col, kept, kept_hlc, other, "
                "other_hlc, "
                "other_site, reason, found_at) VALUES (?,?,?,?,?,?,?,?,?,?,?)",
                (self.store.new_id(), c.tbl, c.row_id, c.col, json.dumps(c.kept, ensure_ascii=False),
                 c.kept_hlc,
                 json.dumps(c.other, ensure_ascii=False), c.other_hlc, c.other_site, c.reason, now))
            if cur.rowcount:
                changed.conflicts.add(f"{c.tbl}:{c.row_id}:{c.col}")

    @staticmethod
    def _note(changed: Changes, tbl: str, row_id: str, cols: dict) -> None:
        name = _CHANGES_FIELD.get(tbl, tbl)
        target = getattr(changed, name, None)
        if isinstance(target, set):
            target.add(cols.get("incident_id", row_id) if tbl == "incident_events" else row_id)
        else:
            changed.reset = True
