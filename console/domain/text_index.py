"""Tokens for full-text search that find an entry exactly when its text contains the query.

Text and query are normalised the same way (NFKC, so full-width Ｇ６０ is G60; case folded), then
the text is indexed as the sequence of all its overlapping two-character pieces, whatever the
script: Chinese, digits, Latin, CJK Extension B, punctuation and spaces alike. A query of two or
more characters is the phrase of its own pieces, and a phrase of consecutive pieces matches exactly
where the text holds the query as a substring, so there is nothing to filter afterwards. Words
separated by spaces in a query must each be found (in any order).

Roman numerals (Ⅰ–Ⅻ) stay one character each: NFKC would turn Ⅲ into "III", which contains
"II", and a search for Ⅱ级 would then return every Ⅲ级 entry.

The FTS table uses SQLite's `ascii` tokenizer, for which every non-ASCII character is part of a
word and ASCII letters and digits are too; ASCII punctuation and spaces (and the private-use
characters used to escape them) are written as two private-use characters so a piece is always
one token."""
from __future__ import annotations

import re
import unicodedata

MIN_QUERY_CHARS = 2

_ROMAN = re.compile(r"([\u2160-\u217f])")
_ESC = "\ue000"
_ESC_FIRST, _ESC_LAST = 0xE000, 0xE1FF


def normalize(text: str) -> str:
    """NFKC and case folding, with each Roman numeral kept as one (lower-case) character."""
    out = []
    for i, part in enumerate(_ROMAN.split(text)):
        if i % 2:
            out.append(part.casefold())
        elif part:
            out.append(unicodedata.normalize("NFKC", unicodedata.normalize("NFKC", part).casefold()))
    return "".join(out)


def _escape_char(ch: str) -> str:
    code = ord(ch)
    if code < 128:
        return ch if ch.isalnum() else _ESC + chr(0xE200 + code)
    if _ESC_FIRST <= code <= _ESC_LAST:
        return _ESC + chr(0xE280 + code - _ESC_FIRST)
    return ch


# Every character _escape_char changes, looked up instead of computed: a sync backlog indexes
# thousands of entries at once.
_ESCAPED = {ch: _escape_char(ch) for ch in map(chr, (*range(128), *range(_ESC_FIRST, _ESC_LAST + 1)))
            if _escape_char(ch) != ch}


def _pieces(norm: str) -> list[str]:
    escaped = _ESCAPED.get
    esc = [escaped(c, c) for c in norm]
    return [esc[i] + esc[i + 1] for i in range(len(esc) - 1)]


def tokens(text: str) -> list[str]:
    return _pieces(normalize(text))


def index_text(text: str) -> str:
    return " ".join(tokens(text))


def query_words(query: str) -> list[str]:
    """The normalised words of a query; a text matches when it contains every one of them."""
    return normalize(query).split()


def match_query(query: str) -> str | None:
    """An FTS5 MATCH expression finding exactly the texts that contain every word of the query, or
    None when there is no word or one is shorter than MIN_QUERY_CHARS (see `query_too_short`)."""
    words = query_words(query)
    if not words or any(len(w) < MIN_QUERY_CHARS for w in words):
        return None
    return " AND ".join('"' + " ".join(_pieces(w)) + '"' for w in words)


def query_too_short(query: str) -> bool:
    """True for a query with a word of one character: one character alone is in too many entries to
    be a useful search, so the caller says so instead of finding nothing."""
    return any(len(w) < MIN_QUERY_CHARS for w in query_words(query))
