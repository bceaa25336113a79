"""The texts the system itself writes into the record (duty log, notifications), in the language of
the console that wrote them. The language is chosen once at start: build one `RecordTexts(lang)` and
pass it to the services that write. Each area keeps its templates in a module of this package
(a `TEXTS = {"zh_CN": {...}, "en": {...}}` dict, keys prefixed with the area); `RecordTexts` merges
them, and a test checks that every key exists in every language with the same fields."""
from __future__ import annotations

from console.domain.record_texts.catalogue import LANGUAGES, RecordTexts

__all__ = ["LANGUAGES", "RecordTexts"]
