"""Tokens for full-text search that make Chinese findable by any substring of two or more
characters. SQLite's unicode61 tokenizer treats a run of hanzi as one word, and the trigram
tokenizer cannot match two-character queries (燃气, 积水), so we index overlapping bigrams of
CJK runs and plain lower-cased words for everything else."""
from __future__ import annotations

import re

_CJK = r"\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
_RUN = re.compile(rf"[{_CJK}]+|[0-9A-Za-z\u00c0-\u024f]+")
_IS_CJK = re.compile(rf"[{_CJK}]")


def tokens(text: str) -> list[str]:
    out: list[str] = []
    for m in _RUN.finditer(text):
        run = m.group(0)
        if _IS_CJK.match(run):
            if len(run) == 1:
                out.append(run)
            else:
                out.extend(run[i : i + 2] for i in range(len(run) - 1))
        else:
            out.append(run.lower())
    return out


def index_text(text: str) -> str:
    return " ".join(tokens(text))


def match_query(query: str) -> str | None:
    """An FTS5 MATCH expression: each whitespace-separated part must match as a phrase of its tokens.
    None when the query has nothing searchable."""
    phrases = []
    for part in query.split():
        toks = tokens(part)
        if toks:
            phrases.append('"' + " ".join(t.replace('"', '""') for t in toks) + '"')
    return " AND ".join(phrases) if phrases else None
