"""The signed, compressed batch of changes that travels between sites (as a file or a hub message).

Layout: MAGIC | u32 header length | header (JSON) | u32 body length | body (zlib) | Ed25519 signature
over everything before it. The body is column-wise (table and site names interned, stamps as deltas)
so it compresses to a few tens of bytes per change. Bodies of the first layout (header "v": 1, all
row fields in the first line) are still read. Signing and checking keys is the caller's part:
this module only frames bytes, so it stays free of key storage."""
from __future__ import annotations

import json
import struct
import zlib
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from console.sync.merge import Change

MAGIC = b"ICSYNC1\n"
SIG_LEN = 64
_U32 = struct.Struct(">I")
_MAX_BODY = 1 << 31
_PARSE_SLICE = 1000  # lines per call into the JSON decoder
_PIECE = 1 << 16  # compressed bytes inflated per call


class BundleError(ValueError):
    """The bytes are not a whole, well-formed batch. The message is for the operator."""


@dataclass(frozen=True)
class Batch:
    sender: str  # the site that made and signed this batch
    recipient: str  # the peer it is for ("*" on the hub)
    vector: dict[str, str]  # per origin site, the newest stamp the sender held
    changes: tuple[Change, ...]
    created_at: str = ""


@dataclass(frozen=True)
class Opened:
    """A batch whose bytes are whole; not yet known to be trustworthy."""
    batch: Batch  # header only: its changes are read once the signature is checked
    body: bytes
    count: int
    signed: bytes
    signature: bytes


def _encode_body(changes: Sequence[Change]) -> bytes:
    """Line 1: the interned table and site names and the count n; then n lines of [table, row id,
    site, wall-clock delta, counter], then n lines of each change's columns as recorded. Every line
    is one JSON value (JSON never holds a raw newline), so a reader parses them a slice at a time."""
    tables: dict[str, int] = {}
    sites: dict[str, int] = {}
    rows, cols, last_wall = [], [], 0
    for ch in sorted(changes, key=lambda c: c.hlc):
        wall, counter, _ = ch.hlc.split("-", 2)
        w = int(wall)
        rows.append(f"[{tables.setdefault(ch.tbl, len(tables))},{json.dumps(ch.row_id, ensure_ascii=False)},"
                    f"{sites.setdefault(ch.site, len(sites))},{w - last_wall},{int(counter, 16)}]")
        cols.append(ch.cols_text)
        last_wall = w
    doc = json.dumps({"t": list(tables), "s": list(sites), "n": len(rows)}, ensure_ascii=False,
                     separators=(",", ":"))
    return zlib.compress("\n".join([doc, *rows, *cols]).encode("utf-8"), 9)


def _lines(body: bytes) -> list[str]:
    """The body's lines, inflated and decoded a piece at a time: no single call holds the
    interpreter long while a large backlog is read (the window's thread runs in between)."""
    inflate = zlib.decompressobj()
    lines: list[str] = []
    rest = b""
    for i in range(0, len(body), _PIECE):
        data = rest + inflate.decompress(body[i:i + _PIECE])
        cut = data.rfind(b"\n") + 1  # a UTF-8 sequence never holds the byte of a newline
        lines += data[:cut].decode("utf-8").split("\n")[:-1] if cut else []
        rest = data[cut:]
    rest += inflate.flush()
    if not inflate.eof:
        raise BundleError("the bundle's contents are cut short")
    lines += rest.decode("utf-8").split("\n")
    return lines


def _parse_lines(lines: list[str]) -> list:
    """Many one-value JSON lines, one call into the decoder per slice rather than one per line."""
    out: list = []
    for i in range(0, len(lines), _PARSE_SLICE):
        out += json.loads("[" + ",".join(lines[i:i + _PARSE_SLICE]) + "]")
    return out


def _decode_body(body: bytes) -> tuple[Change, ...]:
    try:
        lines = _lines(body)
        doc = json.loads(lines[0])
        tables, sites = doc["t"], doc["s"]
        if not all(isinstance(x, str) and x and "-" not in x for x in sites):
            raise BundleError("a site id in the bundle is malformed")
        if "r" in doc:  # the first layout: every change's row fields in the first line
            rows, texts = doc["r"], lines[1:]
        else:
            n = doc["n"]
            if type(n) is not int or len(lines) != 2 * n + 1:
                raise BundleError("the bundle's changes do not match their list")
            rows, texts = _parse_lines(lines[1:n + 1]), lines[n + 1:]
        if len(texts) != len(rows):
            raise BundleError("the bundle's changes do not match their list")
        every = _parse_lines(texts)
        if len(every) != len(rows):
            raise BundleError("the bundle's changes do not match their list")
        out, wall = [], 0
        for (t, row_id, s, dw, counter), cols, parsed in zip(rows, texts, every, strict=True):
            wall += dw
            site = sites[s]
            if (not isinstance(row_id, str) or not isinstance(parsed, dict) or type(dw) is not int
                    or not 0 <= wall < 10**13 or type(counter) is not int or not 0 <= counter <= 0xFFFF):
                raise BundleError("a change in the bundle is malformed")
            stamp = f"{wall:013d}-{counter:04x}-{site}"
            out.append(Change.parsed(tables[t], row_id, cols, stamp, site, parsed))
    except BundleError:
        raise
    except (zlib.error, UnicodeDecodeError, json.JSONDecodeError, KeyError, IndexError, TypeError,
            ValueError) as exc:
        raise BundleError(f"the bundle's contents cannot be read ({type(exc).__name__})") from exc
    return tuple(out)


def pack(batch: Batch, sign: Callable[[bytes], bytes]) -> bytes:
    header = json.dumps({"v": 2, "from": batch.sender, "to": batch.recipient, "vector": batch.vector,
                         "created_at": batch.created_at, "count": len(batch.changes)},
                        ensure_ascii=False, sort_keys=True).encode("utf-8")
    body = _encode_body(batch.changes)
    signed = MAGIC + _U32.pack(len(header)) + header + _U32.pack(len(body)) + body
    return signed + sign(signed)


def open_bytes(data: bytes) -> Opened:
    """Split and parse a bundle; raises BundleError with a plain reason when it is not whole."""
    if not data.startswith(MAGIC):
        raise BundleError("this is not a sync bundle (or its first bytes are damaged)")
    pos = len(MAGIC)
    try:
        (hlen,) = _U32.unpack_from(data, pos)
        pos += 4
        header_raw = data[pos:pos + hlen]
        pos += hlen
        (blen,) = _U32.unpack_from(data, pos)
        pos += 4
    except struct.error:
        raise BundleError("the bundle is truncated (it ends inside its header)")
    if len(header_raw) != hlen or blen > _MAX_BODY:
        raise BundleError("the bundle is truncated (it ends inside its header)")
    end = pos + blen
    if len(data) < end + SIG_LEN:
        raise BundleError("the bundle is truncated: it is shorter than it says")
    if len(data) > end + SIG_LEN:
        raise BundleError("the bundle has extra bytes after its signature")
    signed, signature = data[:end], data[end:]
    try:
        header = json.loads(header_raw.decode("utf-8"))
        vector = {str(k): str(v) for k, v in header["vector"].items()}
        sender, recipient = str(header["from"]), str(header["to"])
        created = str(header.get("created_at", ""))
        count = int(header["count"])
    except (UnicodeDecodeError, json.JSONDecodeError, KeyError, TypeError, ValueError, AttributeError):
        raise BundleError("the bundle's header is damaged")
    # The body is parsed only after the signature is checked (see `read_body`): a forged or damaged
    # batch costs no decompression.
    return Opened(Batch(sender, recipient, vector, (), created), data[pos:end], count, signed, signature)


def read_body(opened: Opened) -> Batch:
    b = opened.batch
    changes = _decode_body(opened.body)
    if len(changes) != opened.count:
        raise BundleError("the bundle holds a different number of changes than its header says")
    return Batch(b.sender, b.recipient, b.vector, changes, b.created_at)
