"""Appending to and reading the duty log. Every entry extends its site's hash chain, is signed with
the site key and indexed for search in the caller's transaction; once that transaction commits, the
signed head beside the database moves to the last entry (one head write per commit, so entries
appended together cost one extra fsync)."""
from __future__ import annotations

import base64
import logging
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from console.domain.access import Action, Actor, Refused, may_set_item
from console.domain.changes import Changes, Result
from console.domain.clock import to_iso
from console.domain.duty_log import GENESIS, Category, ChainBreak, Entry, entry_hash, entry_signing_bytes
from console.domain.record_texts import RecordTexts
from console.domain.record_texts.access import ACTION_WORDS as _ACTION_WORDS
from console.domain.record_texts.access import POSITION_WORDS as _POSITION_WORDS
from console.domain.text_index import index_text, match_query
from console.services import log_integrity
from console.store import log_head, site_key
from console.store.database import Store, backup

_COLS = (
    "seq, id, site, at, category, text, author, incident_id, unit_id, shift_id, corrects_id, "
    "prev_hash, hash, "
    "position"
)
_ENTRY_FIELDS = frozenset(Entry.__dataclass_fields__)
log = logging.getLogger("console.duty_log")


def _entry(row: dict) -> Entry:
    return Entry(**{k: v for k, v in row.items() if k in _ENTRY_FIELDS and k != "category"},
                 category=Category(row["category"]))


class SiteKeyMismatch(RuntimeError):
    """The key beside the database is not the one that signed its log (a copied database)."""


@dataclass(frozen=True)
class LogFilter:
    category: Category | None = None
    incident_id: str | None = None
    query: str = ""
    author: str | None = None


class DutyLogService:
    """Also the gate of every user's write: `require` checks the acting account's position (the
    store's `actor`) and records a refusal here, so who was refused is in the same record."""

    def __init__(self, store: Store, texts: RecordTexts | None = None) -> None:
        self.store = store
        self.texts = texts or RecordTexts()
        self._shift_author = ""  # the duty officer on shift; set by the shift service
        self.shift_id: str | None = None
        self._chain_head: tuple[int, str] = (-1, GENESIS)
        self._key: site_key.SiteKey | None = None
        self._heads = log_head.HeadWriter(store.path, self._head_not_written)
        # (transaction serial, seq, hash) of the last entry appended, signed as the head after the commit
        self._head_due: tuple[int, int, str] | None = None

    def _site_key(self) -> site_key.SiteKey:
        """The site key, created on the first append; its public half goes into the database's meta
        table so a copy of the database can be checked without the private key."""
        if self._key is None:
            s = self.store
            key = site_key.load_or_create(s.path, s.site)
            stored = s.scalar("SELECT value FROM meta WHERE key = 'site_public_key'")
            if stored is None:
                s.conn.execute("INSERT INTO meta(key, value) VALUES ('site_public_key', ?)",
                               (key.public_b64,))
            elif stored != key.public_b64:
                raise SiteKeyMismatch(f"the site key beside {s.path} did not sign this duty log; "
                                      "entries cannot be added with it")
            self._key = key
        return self._key

    @property
    def author(self) -> str:
        """The signed-in account, or without one (no accounts yet) the duty officer on shift."""
        actor: Actor | None = self.store.actor
        return actor.name if actor is not None else self._shift_author

    @author.setter
    def author(self, name: str) -> None:
        self._shift_author = name

    # -- permissions -----------------------------------------------------------------------------------
    def require(self, action: Action, item_group: str | None = None) -> None:
        """Raise Refused (after logging the refusal) unless the acting account may do `action`; for a
        checklist item, item_group is the item's group. With no account signed in, writes pass only
        while the database has no accounts at all (a console not yet set up, the system itself)."""
        actor: Actor | None = self.store.actor
        if actor is None:
            if not self.store.scalar("SELECT 1 FROM accounts LIMIT 1"):
                return
        elif (
            item_group is not None
            and may_set_item(actor.position, actor.group, item_group)
            or item_group is None
            and actor.may(action)
        ):
            return
        t = self.texts
        name = actor.name if actor else "—"
        position = t.word(_POSITION_WORDS, actor.position.value) if actor else "—"
        text = t("access.refused", name=name, position=position, action=t.word(_ACTION_WORDS, action.value))
        changes = self.append(Category.SYSTEM, text).changes
        raise Refused(text, changes)

    def write(self, category: Category, text: str, *, incident_id: str | None = None) -> Result[Entry]:
        """An entry a person writes (not one the system records for them)."""
        self.require(Action.LOG_ENTRY)
        return self.append(category, text, incident_id=incident_id)

    def append(self, category: Category, text: str, *, incident_id: str | None = None,
               unit_id: str | None = None, corrects_id: str | None = None, author: str | None = None,
               at: str | None = None) -> Result[Entry]:
        text = text.strip()
        if not text:
            raise ValueError("a duty-log entry needs text")
        s = self.store
        with s.transaction():
            if self._chain_head[0] == s.txn_serial:
                prev = self._chain_head[1]  # appended earlier in this same write transaction
            else:
                last = s.conn.execute(
                    "SELECT hash FROM duty_log WHERE site = ? ORDER BY seq DESC LIMIT 1", (s.site,)
                ).fetchone()
                prev = last[0] if last else GENESIS
            key = self._site_key()
            actor: Actor | None = s.actor
            fields: dict[str, Any] = {
                "id": s.new_id(), "site": s.site, "at": at or to_iso(s.clock.now()),
                "category": category.value,
                "text": text, "author": self.author if author is None else author, "incident_id": incident_id,
                "unit_id": unit_id, "shift_id": self.shift_id, "corrects_id": corrects_id,
                "position": actor.position.value if actor is not None else None,
            }
            digest = entry_hash(prev, fields)
            sig = base64.b64encode(key.sign(entry_signing_bytes(digest))).decode("ascii")
            row = {**fields, "prev_hash": prev, "hash": digest, "sig": sig}
            seq = s.append("duty_log", row)
            s.conn.execute("INSERT INTO duty_log_fts(rowid, tokens) VALUES (?, ?)", (seq, index_text(text)))
            # Only valid inside this transaction: the write lock keeps other writers out until it ends,
            # and a rollback starts the next transaction with a new serial.
            self._chain_head = (s.txn_serial, row["hash"])
            if self._head_due is None or self._head_due[0] != s.txn_serial:
                s.after_commit(self._write_head)
            self._head_due = (s.txn_serial, seq, digest)
        return Result(_entry({"seq": seq, **row}), Changes(duty_log={row["id"]}))

    def _write_head(self) -> None:
        due, self._head_due = self._head_due, None
        if due is None or self._key is None:
            return
        self._heads.submit(log_head.sign_head(self._key, due[1], due[2], to_iso(self.store.clock.now())))

    @staticmethod
    def _head_not_written(exc: OSError) -> None:
        # The entries are committed and signed; `log verify` accepts signed entries after the head.
        log.warning("could not update the signed head of the duty log: %s", exc)

    def flush_head(self) -> None:
        """Wait until the head of everything appended so far is on disk."""
        self._heads.flush()

    def signed_head(self) -> log_head.SignedHead | None:
        """The signed head beside the database (what the handover sheet prints and sync shares), or
        None when nothing has been appended yet or it cannot be read."""
        self._heads.flush()
        try:
            return log_head.read(self.store.path)
        except log_head.HeadUnreadable:
            return None

    def backup(self, dest: Path) -> Path:
        """A consistent copy of the database at dest with the signed head beside it, so the copy can
        be verified on its own (by the head's key). The head is read before the copy is taken, so it
        never names an entry the copy lacks; entries after it are signed and accepted."""
        head = self.signed_head()
        backup(self.store.conn, dest)
        log_head.head_path(dest).unlink(missing_ok=True)  # an older backup's head, replaced with --force
        if head is not None:
            log_head.write(dest, head)
        return dest

    def adopt(self, row: dict) -> int:
        """An entry another site wrote, arriving by sync, in the caller's transaction: stored as it
        came (its change row is already recorded), so its site's chain stays verifiable."""
        s = self.store
        cols = ", ".join(row)
        seq = s.conn.execute(f"INSERT INTO duty_log ({cols}) VALUES ({', '.join('?' * len(row))})",
                             tuple(row.values())).lastrowid
        assert seq is not None  # an INSERT sets it
        s.conn.execute("INSERT INTO duty_log_fts(rowid, tokens) VALUES (?, ?)",
                       (seq, index_text(row["text"])))
        return seq

    def adopt_many(self, rows: list[dict]) -> None:
        """`adopt` for many entries with the same columns at once (a sync backlog): one insert
        statement for the entries and one for their search index. Raises IntegrityError as adopt does,
        having written nothing of them (the caller's savepoint)."""
        if not rows:
            return
        s = self.store
        cols = list(rows[0])
        first = s.scalar("SELECT coalesce(max(seq), 0) FROM duty_log")
        s.conn.executemany(f"INSERT INTO duty_log ({', '.join(cols)}) VALUES ({', '.join('?' * len(cols))})",
                           [tuple(r[c] for c in cols) for r in rows])
        s.conn.executemany("INSERT INTO duty_log_fts(rowid, tokens) VALUES (?, ?)",
                           [(seq, index_text(text)) for seq, text in s.conn.execute(
                               "SELECT seq, text FROM duty_log WHERE seq > ? ORDER BY seq", (first,))])

    def correct(self, original_id: str, text: str) -> Result[Entry]:
        self.require(Action.LOG_ENTRY)
        orig = self.get(original_id)
        if orig is None:
            raise KeyError(original_id)
        return self.append(orig.category, text, incident_id=orig.incident_id, unit_id=orig.unit_id,
                           corrects_id=orig.id)

    def get(self, entry_id: str) -> Entry | None:
        row = self.store.one(f"SELECT {_COLS} FROM duty_log WHERE id = ?", (entry_id,))
        return _entry(row) if row else None

    def _select(self, cols: str, flt: LogFilter, before: int | None) -> tuple[str, list]:
        """SQL for matching entries, newest first. A text query drives from the FTS index in rowid
        order (FTS5 walks its doclists backwards cheaply), so the first page costs the same whether
        the words are rare or common; other filters are checked on each row it yields."""
        clauses: list[str] = []
        params: list[object] = []
        if flt.category is not None:
            clauses.append("d.category = ?")
            params.append(flt.category.value)
        if flt.incident_id:
            clauses.append("d.incident_id = ?")
            params.append(flt.incident_id)
        if flt.author is not None:
            clauses.append("d.author = ?")
            params.append(flt.author)
        if before is not None:
            clauses.append("d.seq < ?")
            params.append(before)
        source = "duty_log d"
        order = "d.seq DESC"
        if flt.query.strip():
            expr = match_query(flt.query)
            if expr is None:
                clauses.append("0")
            else:
                source = "duty_log_fts f CROSS JOIN duty_log d ON d.seq = f.rowid"
                clauses.insert(0, "duty_log_fts MATCH ?")
                params.insert(0, expr)
                if before is not None:
                    clauses.append("f.rowid < ?")
                    params.append(before)
                order = "f.rowid DESC"
        where = (" WHERE " + " AND ".join(clauses)) if clauses else ""
        return f"SELECT {cols} FROM {source}{where} ORDER BY {order} LIMIT ?", params

    def seqs(self, flt: LogFilter = LogFilter(), limit: int = 500, before: int | None = None) -> list[int]:
        """One page of matching entries' seq numbers, newest first (older than `before` when given):
        the model holds these and fetches rows lazily."""
        sql, params = self._select("d.seq", flt, before)
        return [r[0] for r in self.store.conn.execute(sql, (*params, limit)).fetchall()]

    def by_seqs(self, seqs: list[int]) -> dict[int, Entry]:
        if not seqs:
            return {}
        marks = ",".join("?" for _ in seqs)
        rows = self.store.rows(f"SELECT {_COLS} FROM duty_log WHERE seq IN ({marks})", tuple(seqs))
        return {r["seq"]: _entry(r) for r in rows}

    def entries(self, flt: LogFilter = LogFilter(), limit: int = 200) -> list[Entry]:
        cols = ", ".join(f"d.{c.strip()}" for c in _COLS.split(","))
        sql, params = self._select(cols, flt, None)
        return [_entry(r) for r in self.store.rows(sql, (*params, limit))]

    def count_matching(self, flt: LogFilter = LogFilter()) -> int:
        """How many entries match, however many are shown."""
        expr = match_query(flt.query) if flt.query.strip() else None
        if expr is not None and flt.category is None and not flt.incident_id:
            return self.store.scalar("SELECT count(*) FROM duty_log_fts WHERE duty_log_fts MATCH ?", (expr,))
        sql, params = self._select("d.seq", flt, None)
        return self.store.scalar(f"SELECT count(*) FROM ({sql})", (*params, -1))

    def search(self, query: str, limit: int = 200) -> list[Entry]:
        return self.entries(LogFilter(query=query), limit)

    def count(self) -> int:
        return self.store.scalar("SELECT count(*) FROM duty_log")

    def verify(self, head: str | None = None) -> tuple[int, ChainBreak | None]:
        """Entries checked and the first problem found: the chain, every signature, and the end of the
        log against the signed head file (and against `head`, a hash read from a printed sheet)."""
        self._heads.flush()
        return log_integrity.verify(self.store, head)

    def check_index(self) -> list[str]:
        """Problems with the search index: entries it lost or rows it has that the log does not."""
        return log_integrity.check_index(self.store)
