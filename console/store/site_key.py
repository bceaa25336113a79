"""The site's Ed25519 key pair, kept in a file beside the database and readable by its owner only.

The private key never goes into the database: whoever can rewrite the database file cannot sign as
this site. The duty log signs its entries and its head with it; sync signs its batches with it."""
from __future__ import annotations

import base64
import os
from dataclasses import dataclass
from pathlib import Path

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey


def key_path(db_path: Path) -> Path:
    return db_path.with_name(db_path.name + ".sitekey")


@dataclass(frozen=True)
class SiteKey:
    site_id: str
    private: Ed25519PrivateKey

    @property
    def public_b64(self) -> str:
        raw = self.private.public_key().public_bytes(serialization.Encoding.Raw,
                                                     serialization.PublicFormat.Raw)
        return base64.b64encode(raw).decode("ascii")

    def sign(self, data: bytes) -> bytes:
        return self.private.sign(data)


def verify(public_b64: str, data: bytes, signature: bytes) -> bool:
    """True when `signature` is the holder of `public_b64`'s signature over `data`."""
    try:
        key = Ed25519PublicKey.from_public_bytes(base64.b64decode(public_b64, validate=True))
        key.verify(signature, data)
    except (InvalidSignature, ValueError, TypeError):
        return False
    return True


def load(db_path: Path, site_id: str) -> SiteKey | None:
    """The key beside `db_path`, or None when there is none (a copied or archived database)."""
    path = key_path(db_path)
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        return None
    return SiteKey(site_id, Ed25519PrivateKey.from_private_bytes(base64.b64decode(raw.strip())))


def load_or_create(db_path: Path, site_id: str) -> SiteKey:
    found = load(db_path, site_id)
    if found is not None:
        return found
    private = Ed25519PrivateKey.generate()
    raw = private.private_bytes(serialization.Encoding.Raw, serialization.PrivateFormat.Raw,
                                serialization.NoEncryption())
    path = key_path(db_path)
    # Written whole under a private name, then linked into place: link fails if the name exists, so
    # two processes starting at once agree on one key and neither ever reads a half-written file.
    tmp = path.with_name(f"{path.name}.{os.getpid()}.{os.urandom(4).hex()}")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(base64.b64encode(raw) + b"\n")
            f.flush()
            os.fsync(f.fileno())
        try:
            os.link(tmp, path)
        except FileExistsError:
            again = load(db_path, site_id)
            assert again is not None
            return again
    finally:
        tmp.unlink(missing_ok=True)
    return SiteKey(site_id, private)
