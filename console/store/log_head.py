"""The duty log's signed head, kept in a file beside the database (`<db>.head`).

Whoever can rewrite the database file can cut entries off its end or put an older copy in its place;
the chain inside the file cannot show that. The head file can: it names the last entry's sequence
number and hash, signed with the site key, and is replaced atomically (written to a temporary file,
fsync'd, renamed) after each commit that appended. Writers in several processes take a lock and
never move the head backwards."""
from __future__ import annotations

import base64
import contextlib
import fcntl
import functools
import json
import os
from dataclasses import asdict, dataclass
from pathlib import Path

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

from console.domain.duty_log import head_signing_bytes
from console.store.site_key import SiteKey

_MAX_BYTES = 4096  # a head is a few hundred bytes; anything bigger is not one


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


def read(db_path: Path) -> SignedHead | None:
    """The head beside db_path; None when there is none. HeadUnreadable when it is not a head."""
    try:
        with open(head_path(db_path), "rb") as f:
            raw = f.read(_MAX_BYTES + 1)
    except FileNotFoundError:
        return None
    except OSError as exc:
        raise HeadUnreadable(f"cannot read {head_path(db_path)}: {exc.strerror}") from exc
    try:
        if len(raw) > _MAX_BYTES:
            raise ValueError("too large")
        data = json.loads(raw.decode("utf-8"))
        head = SignedHead(**{k: data[k] for k in ("site", "seq", "hash", "public_key", "at", "sig")})
        if not (isinstance(head.seq, int) and all(isinstance(v, str) for v in
                                                   (head.site, head.hash, head.public_key, head.at, head.sig))):
            raise ValueError("wrong types")
    except (ValueError, KeyError, TypeError, UnicodeDecodeError) as exc:
        raise HeadUnreadable(f"{head_path(db_path)} is not a signed duty-log head") from exc
    return head


def write(db_path: Path, head: SignedHead) -> bool:
    """Replace the head file with `head` unless it already names a later entry (another process
    appended after us). Returns whether it was written."""
    path = head_path(db_path)
    lock_fd = os.open(path.with_name(path.name + ".lock"), os.O_WRONLY | os.O_CREAT, 0o600)
    try:
        fcntl.flock(lock_fd, fcntl.LOCK_EX)
        with contextlib.suppress(HeadUnreadable):
            current = read(db_path)
            if current is not None and current.site == head.site and current.seq > head.seq:
                return False
        tmp = path.with_name(path.name + ".tmp")
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o644)
        with os.fdopen(fd, "wb") as f:
            f.write(json.dumps(asdict(head), sort_keys=True).encode("utf-8") + b"\n")
            f.flush()
            os.fsync(f.fileno())
        # A crash before the rename leaves the previous head, which entries signed after it extend.
        os.replace(tmp, path)
        return True
    finally:
        os.close(lock_fd)
