"""The duty log's signed head, kept in a file beside the database (`<db>.head`).

Whoever can rewrite the database file can cut entries off its end or put an older copy in its place;
the chain inside the file cannot show that. The head file can: it names the last entry's sequence
number and hash, signed with the site key, and is updated after commits that appended: the file has
two checksummed slots and a write replaces the older one and is flushed to disk, so an interrupted
write leaves the previous head intact (atomic without a rename). Writers in several processes take
a lock on the file and never move the head backwards.

The head is written by a short-lived thread so an append waits for one fsync (SQLite's), not two:
heads due while one is being written are merged into the next write (a group commit of heads), and
the process writes what is still due before it exits. Entries signed after the head are accepted by
`log verify`, so a head a few entries behind after a crash is not an alarm."""
from __future__ import annotations

import atexit
import base64
import fcntl
import functools
import hashlib
import json
import os
import tempfile
import threading
import weakref
from collections.abc import Callable
from dataclasses import asdict, dataclass
from pathlib import Path

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

from console.domain.duty_log import head_signing_bytes
from console.store.site_key import SiteKey


def head_path(db_path: Path) -> Path:
    return db_path.with_name(db_path.name + ".head")


@dataclass(frozen=True)
class SignedHead:
    site: str
    seq: int
    hash: str
    public_key: str
    at: str
    sig: str

    def signed_bytes(self) -> bytes:
        return head_signing_bytes(self.site, self.seq, self.hash, self.public_key, self.at)

    def signature_valid(self) -> bool:
        return signature_valid(self.public_key, self.signed_bytes(), self.sig)


class HeadUnreadable(ValueError):
    """The head file exists but is not a signed head (damaged or replaced)."""


def sign_head(key: SiteKey, seq: int, hash_: str, at: str) -> SignedHead:
    public = key.public_b64
    sig = key.sign(head_signing_bytes(key.site_id, seq, hash_, public, at))
    return SignedHead(key.site_id, seq, hash_, public, at, base64.b64encode(sig).decode("ascii"))


@functools.lru_cache(maxsize=16)
def _public_key(public_b64: str) -> Ed25519PublicKey | None:
    try:
        return Ed25519PublicKey.from_public_bytes(base64.b64decode(public_b64, validate=True))
    except (ValueError, TypeError):
        return None


def signature_valid(public_b64: str, data: bytes, sig_b64: str) -> bool:
    """True when sig_b64 is the holder of public_b64's signature over data. The parsed key is cached:
    verifying a whole log checks one signature per entry."""
    key = _public_key(public_b64)
    if key is None:
        return False
    try:
        key.verify(base64.b64decode(sig_b64, validate=True), data)
    except (InvalidSignature, ValueError, TypeError):
        return False
    return True


_SLOT = 1024  # the file holds two slots; a write replaces the older one, so a torn write loses nothing


def _encode(head: SignedHead) -> bytes:
    body = json.dumps(asdict(head), sort_keys=True)
    line = json.dumps({"head": body, "sha256": hashlib.sha256(body.encode("utf-8")).hexdigest()})
    raw = line.encode("utf-8")
    if len(raw) >= _SLOT:
        raise ValueError("head does not fit its slot")
    return raw + b" " * (_SLOT - 1 - len(raw)) + b"\n"


def _decode(raw: bytes) -> SignedHead | None:
    """The head in one slot; None for an empty or torn slot (its checksum does not match)."""
    try:
        outer = json.loads(raw.decode("utf-8"))
        body = outer["head"]
        if hashlib.sha256(body.encode("utf-8")).hexdigest() != outer["sha256"]:
            return None
        data = json.loads(body)
        head = SignedHead(**{k: data[k] for k in ("site", "seq", "hash", "public_key", "at", "sig")})
    except (ValueError, KeyError, TypeError, AttributeError):
        return None
    if not (isinstance(head.seq, int) and all(isinstance(v, str) for v in
                                               (head.site, head.hash, head.public_key, head.at, head.sig))):
        return None
    return head


def _slots(raw: bytes) -> list[SignedHead | None]:
    return [_decode(raw[i * _SLOT:(i + 1) * _SLOT]) for i in range(2)]


def read(db_path: Path) -> SignedHead | None:
    """The latest head beside db_path; None when there is no head file. HeadUnreadable when the file
    holds no head (damaged or replaced)."""
    try:
        with open(head_path(db_path), "rb") as f:
            raw = f.read(2 * _SLOT + 1)
    except FileNotFoundError:
        return None
    except OSError as exc:
        raise HeadUnreadable(f"cannot read {head_path(db_path)}: {exc.strerror}") from exc
    heads = [h for h in _slots(raw) if h is not None] if len(raw) == 2 * _SLOT else []
    if not heads:
        raise HeadUnreadable(f"{head_path(db_path)} is not a signed duty-log head")
    return max(heads, key=lambda h: h.seq)


def _create(path: Path, head: SignedHead) -> bool:
    """The first head: written whole to a temporary file of its own and linked into place, so the
    head file never exists without a head in it. Returns False when another writer (another
    process, or another store open on the same database here) created the file first: the caller
    then writes into it like any later head, so the head never moves backwards."""
    fd, tmp_name = tempfile.mkstemp(prefix=f"{path.name}.", suffix=".tmp", dir=path.parent)
    tmp = Path(tmp_name)
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(_encode(head) * 2)
            f.flush()
            os.fsync(f.fileno())
        os.chmod(tmp, 0o600)
        try:
            os.link(tmp, path)
        except FileExistsError:
            return False
    finally:
        tmp.unlink(missing_ok=True)
    dir_fd = os.open(path.parent, os.O_RDONLY)
    try:
        os.fsync(dir_fd)
    finally:
        os.close(dir_fd)
    return True


def write(db_path: Path, head: SignedHead) -> bool:
    """Put `head` into the older slot of the head file and fdatasync it, unless the file already
    names a later entry (another process appended after us). Overwriting in place costs one data
    flush and no journal commit, unlike a rename. Returns whether it wrote."""
    path = head_path(db_path)
    try:
        fd = os.open(path, os.O_RDWR)
    except FileNotFoundError:
        if _create(path, head):
            return True
        fd = os.open(path, os.O_RDWR)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        raw = os.pread(fd, 2 * _SLOT, 0)
        slots = _slots(raw) if len(raw) == 2 * _SLOT else [None, None]
        seqs = [s.seq if s is not None and s.site == head.site else -1 for s in slots]
        if max(seqs) > head.seq:
            return False
        older = 0 if seqs[0] <= seqs[1] else 1
        os.pwrite(fd, _encode(head), older * _SLOT)
        os.fdatasync(fd)
        return True
    finally:
        os.close(fd)


class HeadWriter:
    """Writes the newest head due, off the appending thread; `flush` waits until it is on disk.

    The thread lives only while heads are due, so an idle or forgotten writer holds no thread."""

    def __init__(self, db_path: Path, on_error: Callable[[OSError], None]) -> None:
        self._db_path = db_path
        self._on_error = on_error
        self._cond = threading.Condition()
        self._due: SignedHead | None = None
        self._thread: threading.Thread | None = None
        _WRITERS.add(self)

    def submit(self, head: SignedHead) -> None:
        with self._cond:
            self._due = head
            if self._thread is None:
                self._thread = threading.Thread(target=self._run, name="duty-log-head", daemon=True)
                self._thread.start()

    def _run(self) -> None:
        while True:
            with self._cond:
                head, self._due = self._due, None
                if head is None:
                    self._thread = None
                    self._cond.notify_all()
                    return
            try:
                write(self._db_path, head)
            except OSError as exc:
                self._on_error(exc)

    def flush(self, timeout: float = 30.0) -> bool:
        with self._cond:
            return self._cond.wait_for(lambda: self._thread is None, timeout)


_WRITERS: weakref.WeakSet[HeadWriter] = weakref.WeakSet()


@atexit.register
def _flush_all() -> None:
    for writer in list(_WRITERS):
        writer.flush()
