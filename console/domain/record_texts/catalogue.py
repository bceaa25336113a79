"""One catalogue over the per-area template modules."""
from __future__ import annotations

import importlib
import pkgutil
from string import Formatter
from typing import Any

LANGUAGES = ("zh_CN", "en")


def _modules() -> list[Any]:
    import console.domain.record_texts as pkg

    return [importlib.import_module(f"{pkg.__name__}.{m.name}") for m in pkgutil.iter_modules(pkg.__path__)
            if m.name != "catalogue"]


def templates() -> dict[str, dict[str, str]]:
    """lang -> key -> template, from every area module."""
    out: dict[str, dict[str, str]] = {lang: {} for lang in LANGUAGES}
    for mod in _modules():
        for lang, table in getattr(mod, "TEXTS", {}).items():
            out.setdefault(lang, {}).update(table)
    return out


def fields_of(template: str) -> set[str]:
    return {name for _, name, _, _ in Formatter().parse(template) if name}


class RecordTexts:
    """`texts("key", **params)` gives the record text in this console's language."""

    def __init__(self, lang: str = "zh_CN") -> None:
        self.lang = lang if lang in LANGUAGES else "zh_CN"
        self._t = templates()[self.lang]

    def __call__(self, key: str, **params: object) -> str:
        return self._t[key].format(**params).strip()

    def word(self, table: dict[str, dict[str, str]], value: str) -> str:
        """A translated enum word from a {lang: {value: word}} table, the value itself when unknown."""
        return table.get(self.lang, {}).get(value, value)

    def join(self, words: list[str], zh_sep: str = "、") -> str:
        """A list of words in the record's language ("甲、乙" or "a, b")."""
        return (zh_sep if self.lang == "zh_CN" else ", ").join(words)
