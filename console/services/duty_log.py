"""Appending to and reading the duty log. Every entry extends its site's hash chain and the
search index in the caller's transaction."""
from __future__ import annotations

from dataclasses import dataclass

from console.domain.access import Action, Actor, Refused, may_set_item
from console.domain.changes import Changes, Result
from console.domain.clock import to_iso
from console.domain.duty_log import GENESIS, Category, ChainBreak, Entry, entry_hash, verify_chain
from console.domain.record_texts import RecordTexts
from console.domain.record_texts.access import ACTION_WORDS as _ACTION_WORDS
from console.domain.record_texts.access import POSITION_WORDS as _POSITION_WORDS
from console.domain.text_index import index_text, match_query
from console.store.database import Store

_COLS = "seq, id, site, at, category, text, author, incident_id, unit_id, shift_id, corrects_id, prev_hash, hash, position"


def _entry(row: dict) -> Entry:
    return Entry(**{**row, "category": Category(row["category"])})


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
        elif item_group is not None and may_set_item(actor.position, actor.group, item_group) or item_group is None and actor.may(action):
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
            actor: Actor | None = s.actor
            fields = {
                "id": s.new_id(), "site": s.site, "at": at or to_iso(s.clock.now()), "category": category.value,
                "text": text, "author": self.author if author is None else author, "incident_id": incident_id,
                "unit_id": unit_id, "shift_id": self.shift_id, "corrects_id": corrects_id,
                "position": actor.position.value if actor is not None else None,
            }
            row = {**fields, "prev_hash": prev, "hash": entry_hash(prev, fields)}
            seq = s.append("duty_log", row)
            s.conn.execute("INSERT INTO duty_log_fts(rowid, tokens) VALUES (?, ?)", (seq, index_text(text)))
            # Only valid inside this transaction: the write lock keeps other writers out until it ends,
            # and a rollback starts the next transaction with a new serial.
            self._chain_head = (s.txn_serial, row["hash"])
        return Result(_entry({"seq": seq, **row}), Changes(duty_log={row["id"]}))

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
        clauses, params = [], []
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

    def search(self, query: str, limit: int = 200) -> list[Entry]:
        return self.entries(LogFilter(query=query), limit)

    def count(self) -> int:
        return self.store.scalar("SELECT count(*) FROM duty_log")

    def verify(self) -> tuple[int, ChainBreak | None]:
        cur = self.store.conn.execute(f"SELECT {_COLS} FROM duty_log ORDER BY seq")
        names = [d[0] for d in cur.description]
        n = 0

        def rows():
            nonlocal n
            for r in cur:
                n += 1
                yield dict(zip(names, r, strict=True))

        broken = verify_chain(rows())
        return n, broken
