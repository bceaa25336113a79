"""The communications log: every radio text, status, position and message sent through a device,
credited to the unit (callsign) or the device identity it came from. The one writer of comms_log;
the ingest and the outbox append through it inside their own transactions. Searchable by words
(CJK bigrams, as the duty log), per unit and per incident."""
from __future__ import annotations

from dataclasses import dataclass

from console.domain.changes import Changes, Result
from console.domain.clock import to_iso
from console.domain.duty_log import Category
from console.domain.text_index import index_text, match_query
from console.services.duty_log import DutyLogService
from console.store.database import Store

KINDS = ("text", "status", "position", "emergency", "sent", "failed", "expired")
_COLS = "seq, id, at, kind, direction, protocol, device_id, sender, unit_id, callsign, incident_id, text"


@dataclass(frozen=True)
class CommsEntry:
    seq: int
    id: str
    at: str
    kind: str
    direction: str
    protocol: str
    device_id: str | None
    sender: str
    unit_id: str | None
    callsign: str
    incident_id: str | None
    text: str

    @property
    def source(self) -> str:
        """Who it is credited to: the unit's callsign when known, else the radio identity."""
        return self.callsign or self.sender


@dataclass(frozen=True)
class CommsFilter:
    unit_id: str | None = None
    incident_id: str | None = None
    kind: str | None = None
    query: str = ""


class CommsLogService:
    def __init__(self, store: Store, log: DutyLogService | None = None) -> None:
        self.store = store
        self.log = log or DutyLogService(store)

    def append(self, kind: str, text: str, *, direction: str = "in", protocol: str = "",
               device_id: str | None = None, sender: str = "", unit_id: str | None = None, callsign: str = "",
               incident_id: str | None = None, at: str | None = None) -> Result[str]:
        if kind not in KINDS:
            raise ValueError(f"unknown comms log kind {kind!r}")
        s = self.store
        with s.transaction():
            eid = s.new_id()
            cur = s.conn.execute(
                f"INSERT INTO comms_log ({_COLS.split(', ', 1)[1]}) VALUES (?,?,?,?,?,?,?,?,?,?,?)",
                (
                    eid,
                    at or to_iso(s.clock.now()),
                    kind,
                    direction,
                    protocol,
                    device_id,
                    sender or "",
                    unit_id,
                    callsign or "",
                    incident_id,
                    text,
                ),
            )
            s.conn.execute("INSERT INTO comms_log_fts(rowid, tokens) VALUES (?, ?)",
                           (cur.lastrowid, index_text(f"{callsign} {sender} {text}")))
        return Result(eid, Changes(comms_log={eid}))

    def mark_for_duty_log(self, entry_id: str, incident_id: str | None = None) -> Result[str]:
        """The officer marks a piece of traffic as worth the duty log: it is copied there, credited to
        its source (the unit's callsign or the radio identity), linked to the incident when given."""
        s = self.store
        with s.transaction():
            row = s.one(f"SELECT {_COLS} FROM comms_log WHERE id = ?", (entry_id,))
            if row is None:
                raise KeyError(entry_id)
            entry = CommsEntry(**row)
            res = self.log.append(Category.COMMS, entry.text, incident_id=incident_id or entry.incident_id,
                                  unit_id=entry.unit_id, author=entry.source)
        return Result(res.value.id, res.changes)

    def entries(
        self, flt: CommsFilter = CommsFilter(), limit: int = 500, before: int | None = None
    ) -> list[CommsEntry]:
        """Matching entries, newest first (older than seq `before` when given)."""
        clauses: list[str] = []
        params: list[str | int] = []
        for col, value in (("unit_id", flt.unit_id), ("incident_id", flt.incident_id), ("kind", flt.kind)):
            if value:
                clauses.append(f"c.{col} = ?")
                params.append(value)
        if before is not None:
            clauses.append("c.seq < ?")
            params.append(before)
        source = "comms_log c"
        if flt.query.strip():
            expr = match_query(flt.query)
            if expr is None:
                return []
            source = "comms_log_fts f CROSS JOIN comms_log c ON c.seq = f.rowid"
            clauses.insert(0, "comms_log_fts MATCH ?")
            params.insert(0, expr)
        where = (" WHERE " + " AND ".join(clauses)) if clauses else ""
        cols = ", ".join(f"c.{c}" for c in _COLS.split(", "))
        rows = self.store.rows(
            f"SELECT {cols} FROM {source}{where} ORDER BY c.seq DESC LIMIT ?", (*params, limit)
        )
        return [CommsEntry(**r) for r in rows]

    def by_ids(self, ids: set[str]) -> list[CommsEntry]:
        if not ids:
            return []
        marks = ",".join("?" for _ in ids)
        return [CommsEntry(**r) for r in self.store.rows(
            f"SELECT {_COLS} FROM comms_log WHERE id IN ({marks}) ORDER BY seq", tuple(ids))]

    def count(self) -> int:
        return self.store.scalar("SELECT count(*) FROM comms_log")
