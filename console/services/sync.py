"""Sync between consoles: enrolment of trusted sites, signed batches out (bundle files or the hub),
verified batches in. Every batch in is applied by `apply_batch` in one store transaction; nothing of
a refused batch (unknown site, bad signature, damaged bytes) is applied, and the refusal is logged."""
from __future__ import annotations

import base64
import binascii
import contextlib
import gc
import json
import logging
import sys
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import NoReturn

from console.domain.changes import Changes, Result
from console.domain.clock import to_iso
from console.services.duty_log import DutyLogService
from console.services.sync_apply import Applier, ApplyReport
from console.store.database import Store
from console.store.site_key import SiteKey, load_or_create, verify
from console.sync.bundle import Batch, BundleError, open_bytes, pack, read_body
from console.sync.merge import FUTURE_BOUND_MS, LOCAL_ONLY, Change, vector_max
from console.sync.refused import SyncRefused

log = logging.getLogger("console.sync")
_LOCAL = tuple(sorted(LOCAL_ONLY))
# A backlog applies in short transactions, so a write from the window waits for one chunk at most:
# each chunk is sized from the pace of the last to hold the writer's turn for about APPLY_CHUNK_S
# (wall time, commit included: a loaded machine gets smaller chunks), and holds at most APPLY_CHUNK
# changes.
APPLY_CHUNK = 2000
APPLY_CHUNK_S = 0.02
_FIRST_CHUNK = 100
_LEAST_CHUNK = 50
# The WAL is copied back into the database file (outside the writer's turn) once it holds about this
# many pages: well under SQLite's automatic checkpoint (1000 pages), which would otherwise fall to
# whichever connection commits next, often the window's.
_CHECKPOINT_PAGES = 400
_SWITCH_S = 0.001
_FREE_SLICE = 2000
_NOT_LOCAL = f"tbl NOT IN ({', '.join('?' * len(_LOCAL))})"


@contextlib.contextmanager
def _sharing_the_interpreter() -> Iterator[None]:
    """While a large batch is read and applied on a worker thread, the window's thread keeps its
    turns at the interpreter lock: it gets the lock back within a millisecond instead of the
    default five at each of its SQL statements, and Python's cycle collector pauses (a batch is
    hundreds of thousands of live objects: each collector pass over them held the lock for tens of
    milliseconds). Reference counting still frees what the batch leaves."""
    switch = sys.getswitchinterval()
    sys.setswitchinterval(min(switch, _SWITCH_S))
    collecting = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        sys.setswitchinterval(switch)
        if collecting:
            gc.enable()


class _Pace:
    """How many changes the next chunk takes, and when the WAL is next copied back, from what the
    last chunks and checkpoints measured."""

    def __init__(self) -> None:
        self.size = min(_FIRST_CHUNK, APPLY_CHUNK)
        self._every = 4 * _FIRST_CHUNK  # changes between checkpoints
        self._since = 0

    def took(self, n: int, seconds: float) -> None:
        fits = int(n / max(seconds, 1e-4) * APPLY_CHUNK_S)
        self.size = min(APPLY_CHUNK, 2 * self.size, max(_LEAST_CHUNK, fits))  # grows gently

    def checkpoint_due(self, n: int) -> bool:
        self._since += n
        return self._since >= self._every

    def checkpointed(self, pages: int) -> None:
        """Steers the interval so that a checkpoint finds about _CHECKPOINT_PAGES pages."""
        if pages > 0:
            self._every = max(_LEAST_CHUNK, int(self._every * min(2.0, _CHECKPOINT_PAGES / pages)))
        self._since = 0


@dataclass(frozen=True)
class PeerStatus:
    site: str
    trusted: bool
    sent: int
    acknowledged: int
    pending: int
    last_sync: str | None


class SyncService:
    def __init__(self, store: Store, log_service: DutyLogService, key: SiteKey | None = None,
                 future_bound_ms: int = FUTURE_BOUND_MS) -> None:
        self.store = store
        self.key = key or load_or_create(store.path, store.site)
        self.applier = Applier(store, log_service, future_bound_ms)

    # -- identity and trust
    def identity(self) -> dict:
        return {"site_id": self.store.site, "public_key": self.key.public_b64}

    def trust(self, site: str, public_key: str) -> Result[None]:
        try:
            if len(base64.b64decode(public_key, validate=True)) != 32:
                raise ValueError
        except (ValueError, binascii.Error):
            raise ValueError("that is not an Ed25519 public key (32 bytes, base64)")
        if site == self.store.site:
            raise ValueError("a site does not enrol itself")
        s = self.store
        with s.transaction():
            s.conn.execute(
                "INSERT INTO sync_peers(site, public_key, trusted, enrolled_at) VALUES (?, ?, 1, ?) "
                "ON CONFLICT(site) DO UPDATE SET public_key = excluded.public_key, trusted = 1",
                (site, public_key, to_iso(s.clock.now())))
        return Result(None, Changes(sync={site}))

    def untrust(self, site: str) -> Result[bool]:
        s = self.store
        with s.transaction():
            n = s.conn.execute("UPDATE sync_peers SET trusted = 0 WHERE site = ?", (site,)).rowcount
        return Result(bool(n), Changes(sync={site}) if n else Changes())

    def peers(self) -> list[dict]:
        return self.store.rows("SELECT site, public_key, trusted, last_sync FROM sync_peers ORDER BY site")

    # -- what we hold
    def vector(self) -> dict[str, str]:
        """Per origin site, the newest change we hold (we hold every older one too)."""
        return {site: top for site, top in self.store.conn.execute(
            "SELECT site, max(hlc) FROM changes GROUP BY site")}

    def _peer(self, site: str) -> dict | None:
        row = self.store.one("SELECT * FROM sync_peers WHERE site = ?", (site,))
        if row:
            row["acked"], row["sent"] = json.loads(row["acked"]), json.loads(row["sent"])
        return row

    def _since(self, known: dict[str, str], skip_site: str = "") -> list[Change]:
        out = []
        for site in self.vector():
            if site == skip_site:
                continue
            rows = self.store.conn.execute(
                f"SELECT tbl, row_id, cols, hlc, site FROM changes WHERE site = ? AND hlc > ? AND "
                f"{_NOT_LOCAL} "
                "ORDER BY hlc", (site, known.get(site, ""), *_LOCAL))
            out += [Change(*r) for r in rows]
        return out

    # -- out
    def export_batch(self, to_site: str) -> Result[bytes]:
        """A signed bundle of what `to_site` has not acknowledged, ours and what we relay."""
        peer = self._peer(to_site)
        if peer is None:
            raise SyncRefused(f"site {to_site} is not enrolled here: run `sync trust` first")
        s = self.store
        changes = self._since(peer["acked"], skip_site=to_site)
        vector = self.vector()
        data = pack(Batch(s.site, to_site, vector, tuple(changes), to_iso(s.clock.now())), self.key.sign)
        sent = vector_max(peer["sent"], {c.site: c.hlc for c in changes})
        with s.transaction():
            s.conn.execute("UPDATE sync_peers SET sent = ? WHERE site = ?", (json.dumps(sent), to_site))
            self._history(to_site, "export", len(changes), f"{len(data)} bytes")
        return Result(data, Changes(sync={to_site}))

    def hub_batch(self, changes: list[Change]) -> bytes:
        """Our own changes for the hub, signed, for every enrolled console."""
        s = self.store
        return pack(Batch(s.site, "*", self.vector(), tuple(changes), to_iso(s.clock.now())), self.key.sign)

    def own_changes_after(self, seq: int, limit: int = 5000) -> list[tuple[int, Change]]:
        rows = self.store.conn.execute(
            f"SELECT seq, tbl, row_id, cols, hlc, site FROM changes WHERE seq > ? AND site = ? AND "
            f"{_NOT_LOCAL} "
            "ORDER BY seq LIMIT ?", (seq, self.store.site, *_LOCAL, limit)).fetchall()
        return [(r[0], Change(*r[1:])) for r in rows]

    def published_seq(self) -> int:
        """How far our change log has reached the hub (the outbox is everything after)."""
        return int(self.store.scalar("SELECT value FROM sync_link WHERE key = 'published_seq'") or 0)

    def mark_published(self, seq: int) -> Result[None]:
        s = self.store
        with s.transaction():
            s.conn.execute("INSERT INTO sync_link(key, value) VALUES ('published_seq', ?) "
                           "ON CONFLICT(key) DO UPDATE SET value = excluded.value", (str(seq),))
            self._history("hub", "hub", 0, f"published up to change {seq}")
        return Result(None, Changes(sync={"hub"}))

    def outbox_depth(self) -> int:
        return self.store.scalar(f"SELECT count(*) FROM changes WHERE seq > ? AND site = ? AND {_NOT_LOCAL}",
                                 (self.published_seq(), self.store.site, *_LOCAL))

    # -- in
    def import_bytes(self, data: bytes, via: str = "file",
                     progress: Callable[[int, int], None] | None = None) -> Result[ApplyReport]:
        try:
            opened = open_bytes(data)
        except BundleError as exc:
            self._refuse("?", str(exc))
        sender = opened.batch.sender
        peer = self._peer(sender)
        if sender == self.store.site:
            self._refuse(sender, "this bundle was made here, by this console")
        if peer is None:
            self._refuse(sender, f"the bundle comes from site {sender}, which is not enrolled here")
        if not peer["trusted"]:
            self._refuse(sender, f"site {sender} is no longer trusted here (enrolment revoked)")
        if opened.batch.recipient not in (self.store.site, "*"):
            self._refuse(sender, f"the bundle was made for site {opened.batch.recipient}, not this one")
        if not verify(peer["public_key"], opened.signed, opened.signature):
            self._refuse(sender,
                         f"the bundle's signature does not match site {sender}'s key (altered or damaged)")
        with _sharing_the_interpreter():
            try:
                batch = read_body(opened)
            except BundleError as exc:
                self._refuse(sender, str(exc))
            changes = list(batch.changes)
            result = self.apply_batch(batch, via, progress)
            del batch
            # Freeing a hundred thousand changes at once holds the interpreter lock for ~50 ms:
            # freed a slice at a time, the window's thread runs in between.
            while changes:
                del changes[-_FREE_SLICE:]
        return result

    def apply_batch(self, batch: Batch, via: str = "file",
                    progress: Callable[[int, int], None] | None = None) -> Result[ApplyReport]:
        """A batch whose signature is verified, applied in stamp order in short transactions (see
        Applier and `_Pace`), so a write from the window waits a moment at most while a large backlog
        applies: it goes first at every chunk's end, and no chunk holds the turn much longer than
        APPLY_CHUNK_S. Each origin site's changes stay a prefix of its history after every
        chunk; the peer's acknowledgement is recorded once all of them are in. `progress(done, total)`
        is called after each chunk."""
        s = self.store
        changes = sorted(batch.changes, key=lambda c: c.hlc)
        total = ApplyReport(sender=batch.sender, received=len(changes))
        changed = Changes()
        self.applier.forget()
        # The chunks' commits skip their fsync; the last transaction (below) syncs them all to disk
        # before the batch counts as received. A power cut in between loses only chunks that the
        # peer or the hub sends again, since nothing acknowledged them.
        pace = _Pace()
        try:
            with _sharing_the_interpreter(), s.bulk_writes():
                start = 0
                while start < len(changes):
                    part = changes[start:start + pace.size]
                    prepared = self.applier.prepare(part)
                    s.yield_to_writers()  # a write from the window goes before the next chunk
                    began = time.perf_counter()
                    with s.transaction():
                        report, part_changed = self.applier.apply(batch.sender, part, batch.vector, via,
                                                                  prepared)
                    pace.took(len(part), time.perf_counter() - began)
                    start += len(part)
                    if pace.checkpoint_due(len(part)) or start >= len(changes):
                        pace.checkpointed(s.checkpoint())  # outside the turn
                    changed.merge(part_changed)
                    for name in ("applied", "duplicates", "held"):
                        setattr(total, name, getattr(total, name) + getattr(report, name))
                    total.conflicts += report.conflicts
                    if progress is not None:
                        progress(start, len(changes))
        finally:
            self.applier.forget()
        total.waiting = s.scalar("SELECT count(*) FROM sync_pending")
        with s.transaction():
            peer = self._peer(batch.sender)
            if peer is not None:
                acked = vector_max(peer["acked"], batch.vector)
                s.conn.execute("UPDATE sync_peers SET acked = ?, last_sync = ? WHERE site = ?",
                               (json.dumps(acked), to_iso(s.clock.now()), batch.sender))
            self._history(batch.sender, "import" if via == "file" else via, total.applied,
                          f"{total.duplicates} already here, {total.held} held, "
                          f"{len(total.conflicts)} conflicts")
        changed.sync.add(batch.sender)
        return Result(total, changed)

    def _refuse(self, sender: str, reason: str) -> NoReturn:
        log.warning("sync batch refused: %s", reason)
        with self.store.transaction():
            self._history(sender, "refused", 0, reason)
        raise SyncRefused(reason)

    def _history(self, peer: str, kind: str, n: int, detail: str) -> None:
        self.store.conn.execute(
            "INSERT INTO sync_history(at, peer, kind, changes, detail) VALUES (?,?,?,?,?)",
            (to_iso(self.store.clock.now()), peer, kind, n, detail),
        )

    # -- what the operator sees
    def status(self) -> list[PeerStatus]:
        vector = self.vector()
        out = []
        for peer in self.store.rows("SELECT * FROM sync_peers ORDER BY site"):
            acked, sent = json.loads(peer["acked"]), json.loads(peer["sent"])
            total = n_acked = n_sent = 0
            for site in vector:
                if site == peer["site"]:
                    continue
                total += self._count(site, vector[site])
                n_acked += self._count(site, acked.get(site, ""))
                n_sent += self._count(site, max(sent.get(site, ""), acked.get(site, "")))
            out.append(PeerStatus(peer["site"], bool(peer["trusted"]), n_sent, n_acked, total - n_acked,
                                  peer["last_sync"]))
        return out

    def _count(self, site: str, upto: str) -> int:
        if not upto:
            return 0
        return self.store.scalar(f"SELECT count(*) FROM changes WHERE site = ? AND hlc <= ? AND {_NOT_LOCAL}",
                                 (site, upto, *_LOCAL))

    def conflicts(self, open_only: bool = True) -> list[dict]:
        where = " WHERE resolved_at IS NULL" if open_only else ""
        rows = self.store.rows(f"SELECT * FROM sync_conflicts{where} ORDER BY found_at, id")
        return [{**r, "kept": json.loads(r["kept"]), "other": json.loads(r["other"])} for r in rows]

    def resolve(self, conflict_id: str, keep: str) -> Result[None]:
        """The operator's choice ("kept" or "other") becomes a new change, which syncs like any other."""
        s = self.store
        row = s.one("SELECT * FROM sync_conflicts WHERE id = ?", (conflict_id,))
        if row is None:
            raise KeyError(f"conflict {conflict_id} not found")
        if keep == "other" and row["reason"] == "rule":
            raise ValueError("a domain rule decided this value (a status never moves backwards)")
        value = json.loads(row["kept"] if keep == "kept" else row["other"])
        with s.transaction():
            s.update(row["tbl"], row["row_id"], {row["col"]: value})
            s.conn.execute("UPDATE sync_conflicts SET resolved_at = ? WHERE id = ?",
                           (to_iso(s.clock.now()), conflict_id))
        return Result(None, Changes(conflicts={conflict_id}, reset=True))

    def held(self) -> list[dict]:
        return self.store.rows("SELECT hlc, tbl, row_id, site, via, received_at FROM sync_held ORDER BY hlc")

    def release_held(self) -> Result[ApplyReport]:
        """The operator accepts the held (future-stamped) changes: applied as if within the bound."""
        s = self.store
        rows = s.rows("SELECT tbl, row_id, cols, hlc, site FROM sync_held ORDER BY hlc")
        changes = [Change(r["tbl"], r["row_id"], r["cols"], r["hlc"], r["site"]) for r in rows]
        bound = self.applier.future_bound_ms
        with s.transaction():
            s.conn.execute("DELETE FROM sync_held")
            self.applier.future_bound_ms = 1 << 62
            try:
                report, changed = self.applier.apply(s.site, changes, {}, "released")
            finally:
                self.applier.future_bound_ms = bound
        return Result(report, changed)

    def clock_after_apply(self) -> None:
        """After another connection applied a batch: our clock continues after what it stored."""
        from console.domain.hlc import HlcStamp

        top = self.store.scalar("SELECT max(hlc) FROM changes")
        if top:
            self.store.hlc.restore(HlcStamp.decode(top))

    def history(self, limit: int = 50) -> list[dict]:
        return self.store.rows("SELECT * FROM sync_history ORDER BY seq DESC LIMIT ?", (limit,))
