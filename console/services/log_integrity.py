"""Checking the duty log as an adversary would leave it: the chain, each entry's signature, the end of
the log against the signed head beside the database (or a head read from a printed handover sheet),
the public key stored in the database, and the search index against the log.

Which public key is trusted: the site key beside the database when it is there; on a machine that
has only a copy of the database, the key that signed the head file. A database whose stored public
key was replaced (to re-sign a rewritten log) no longer matches either. Entries adopted from other
sites by sync are checked with that site's public key as enrolled here (`sync trust`)."""
from __future__ import annotations

import re
import sqlite3

from console.domain.duty_log import BadText, ChainBreak, entry_signing_bytes, verify_chain
from console.store import log_head, site_key
from console.store.database import Store

_TEXT_COLS = ("id", "site", "at", "category", "text", "author", "incident_id", "unit_id", "shift_id",
              "corrects_id", "prev_hash", "hash", "sig", "position")
_HEX64 = re.compile(r"^[0-9a-f]{64}$")


def _value(kind: str, raw):
    """A column read as (typeof, CAST AS BLOB) back into what it holds, without failing on bad text."""
    if kind == "null":
        return None
    if kind == "text":
        try:
            return bytes(raw).decode("utf-8")
        except UnicodeDecodeError:
            return BadText(raw)
    if kind == "integer":
        return int(raw)
    if kind == "real":
        return float(raw)
    return bytes(raw)


def _rows(conn: sqlite3.Connection, counter: list[int]):
    cols = ", ".join(f"typeof({c}), CAST({c} AS BLOB)" for c in _TEXT_COLS)
    for r in conn.execute(f"SELECT seq, {cols} FROM duty_log ORDER BY seq"):
        counter[0] += 1
        row = {"seq": r[0]}
        for i, name in enumerate(_TEXT_COLS):
            row[name] = _value(r[1 + 2 * i], r[2 + 2 * i])
        yield row


def _meta(store: Store, key: str) -> str | None:
    value = store.scalar("SELECT value FROM meta WHERE key = ?", (key,))
    return value if isinstance(value, str) else None


def _peer_keys(store: Store) -> dict[str, str]:
    """Other sites' public keys as enrolled for sync. A revoked site keeps its key here: the entries
    it signed while trusted stay verifiable."""
    try:
        return {site: key for site, key in store.conn.execute("SELECT site, public_key FROM sync_peers")}
    except sqlite3.OperationalError:
        return {}


def _break(kind: str, reason: str) -> ChainBreak:
    return ChainBreak("", 0, reason, kind)


def verify(store: Store, printed_head: str | None = None) -> tuple[int, ChainBreak | None]:
    counter = [0]
    try:
        found = _verify(store, printed_head, counter)
    except sqlite3.DatabaseError as exc:
        found = _break("unreadable", f"the log cannot be read: {exc}")
    return counter[0], found


def _trusted_key(store: Store, head: log_head.SignedHead | None) -> tuple[str | None, ChainBreak | None]:
    try:
        key = site_key.load(store.path, store.site)
    except (ValueError, OSError):
        key = None
    local = key.public_b64 if key else None
    if head is not None:
        if not head.signature_valid():
            return None, _break("forged head",
                                "the signature of the head file does not match it (forged or damaged)")
        if local and head.public_key != local:
            return None, _break("forged head", "the head file was signed by another key, not this site's")
        if head.site != store.site:
            return None, _break("head mismatch",
                                f"the head file belongs to site {head.site}, not {store.site}")
    trusted = local or (head.public_key if head else None)
    stored = _meta(store, "site_public_key")
    if stored and trusted and stored != trusted:
        return None, _break("key replaced", "the public key stored in the database is not the key that signs "
                                            "this site's log and head (replaced)")
    return trusted or stored, None


def _verify(store: Store, printed_head: str | None, counter: list[int]) -> ChainBreak | None:
    try:
        head = log_head.read(store.path)
    except log_head.HeadUnreadable as exc:
        return _break("head damaged", str(exc))
    trusted, problem = _trusted_key(store, head)
    if problem:
        return problem
    try:
        signed_after = int(_meta(store, "duty_log_signed_after") or 0)
    except ValueError:
        return _break("tampered", "the marker of entries written before signing is not a number")
    if head is not None and signed_after >= head.seq:
        return _break("tampered",
                      "the marker of entries written before signing was moved past the signed head")
    head_seq = head.seq if head else 0
    peer_keys = _peer_keys(store)

    def check_signature(row: dict) -> str | None:
        if row["seq"] <= signed_after:
            return None  # written before entries were signed; covered by the signed head's chain
        if row["site"] != store.site:
            return _check_foreign(row, peer_keys.get(row["site"]))
        after = row["seq"] > head_seq
        if row["sig"] is None:
            return (
                "an unsigned entry was appended after the signed head (forged)"
                if after
                else "the entry is not signed (inserted or rewritten without the site key)"
            )
        if trusted is None or not log_head.signature_valid(
            trusted, entry_signing_bytes(row["hash"]), row["sig"]
        ):
            return (
                "an entry appended after the signed head does not carry the site's signature (forged)"
                if after
                else "the signature does not match: the entry was rewritten and its hashes recomputed"
            )
        return None

    broken = verify_chain(_rows(store.conn, counter), check_signature)
    if broken is not None:
        if broken.kind == "rewritten" and broken.seq > head_seq:
            return ChainBreak(broken.entry_id, broken.seq, broken.reason, "forged")
        return broken
    last_seq = store.scalar("SELECT coalesce(max(seq), 0) FROM duty_log")
    own_last = store.scalar("SELECT coalesce(max(seq), 0) FROM duty_log WHERE site = ?", (store.site,))
    if head is None:
        # Entries adopted from other sites are not this site's to head; a console that has only
        # received entries by sync has no head file yet.
        if _meta(store, "site_public_key") or own_last > signed_after:
            return _break("head missing",
                          f"the signed head file {log_head.head_path(store.path)} is missing: "
                                          "the end of the log cannot be confirmed")
    else:
        found = _check_head(store, head, last_seq)
        if found:
            return found
    return _check_printed(store, printed_head) if printed_head is not None else None


def _check_foreign(row: dict, public_key: str | None) -> str | None:
    site = row["site"]
    if public_key is None:
        return f"entry of site {site}, whose key this console does not know (enrol it with `sync trust`)"
    if row["sig"] is None:
        return f"the entry of site {site} is not signed (inserted or rewritten without that site's key)"
    if not log_head.signature_valid(public_key, entry_signing_bytes(row["hash"]), row["sig"]):
        return f"the signature does not match site {site}'s enrolled key: the entry was forged or rewritten"
    return None


def _check_head(store: Store, head: log_head.SignedHead, last_seq: int) -> ChainBreak | None:
    at_head = store.scalar("SELECT hash FROM duty_log WHERE seq = ?", (head.seq,))
    if at_head == head.hash:
        return None
    if at_head is not None:
        return _break("rewritten", f"entry #{head.seq} is not the one the signed head names")
    ever = store.scalar("SELECT seq FROM sqlite_sequence WHERE name = 'duty_log'") or 0
    if isinstance(ever, int) and ever >= head.seq:
        if last_seq == 0:
            return _break("truncated", f"all entries were deleted: the signed head names #{head.seq}")
        return _break("truncated",
                      f"entries #{last_seq + 1}–#{head.seq} were deleted from the end of the log "
                                   f"(the signed head names #{head.seq})")
    return _break("rolled back", f"this is an older copy of the log: it ends at #{last_seq}, the signed head "
                                 f"names #{head.seq} ({head.at})")


def normalise_head(text: str) -> str:
    return re.sub(r"[\s:-]", "", text).lower()


def _check_printed(store: Store, printed: str) -> ChainBreak | None:
    wanted = normalise_head(printed)
    if not _HEX64.match(wanted):
        return _break("bad head", "a head is 64 hexadecimal characters, as printed on the handover sheet")
    seq = store.scalar("SELECT seq FROM duty_log WHERE hash = ? AND site = ?", (wanted, store.site))
    if seq is None:
        return _break("head mismatch",
                      "the head printed on the sheet is not in this log: it was rewritten or "
                                       "rolled back to before the sheet was printed")
    return None


def check_index(store: Store) -> list[str]:
    problems = []
    try:
        missing = store.conn.execute(
            "SELECT seq FROM duty_log WHERE seq NOT IN (SELECT rowid FROM duty_log_fts) ORDER BY seq"
        ).fetchall()
        extra = store.conn.execute(
            "SELECT rowid FROM duty_log_fts WHERE rowid NOT IN (SELECT seq FROM duty_log)").fetchall()
    except sqlite3.DatabaseError as exc:
        return [f"the search index cannot be read: {exc}"]
    if missing:
        shown = ", ".join(f"#{r[0]}" for r in missing[:10]) + (" …" if len(missing) > 10 else "")
        problems.append(f"{len(missing)} duty-log entries are missing from the search index ({shown})")
    if extra:
        problems.append(f"the search index has {len(extra)} rows for entries that are not in the log")
    return problems


__all__ = ["verify", "check_index", "normalise_head"]
