"""Text that reaches the record and the screen as plain, visible characters: no terminal escapes,
no bidirectional overrides that reorder what is shown, and a one-line field stays one line."""
from __future__ import annotations

import unicodedata

# Explicit bidirectional formatting (embeddings, overrides, isolates, marks): they let a string
# display in an order other than the one stored.
BIDI_CONTROLS = frozenset("\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
_LINE_BREAKS = frozenset("\n\r\t\v\f\x1c\x1d\x1e\x85\u2028\u2029")


def _hidden(ch: str) -> bool:
    return ch in BIDI_CONTROLS or unicodedata.category(ch) == "Cc"


def _visible(ch: str) -> str:
    if ch in _LINE_BREAKS:
        return " "
    if _hidden(ch):
        return ""
    if unicodedata.category(ch) == "Cs":  # a lone surrogate: bytes that were not UTF-8
        return "\ufffd"
    return ch


def one_line(text: str) -> str:
    """Line breaks and tabs become spaces; other control and bidi characters are dropped, and
    undecodable bytes become U+FFFD."""
    if text.isprintable():
        return text
    return "".join(_visible(ch) for ch in text)


def multi_line(text: str) -> str:
    """As one_line, but line breaks are kept (as \\n) for free text such as a description."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return "\n".join(one_line(line) for line in text.split("\n"))
