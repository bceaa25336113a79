"""The record texts catalogue: every key in every language, with the same placeholders."""
from __future__ import annotations

import re

import pytest

from console.domain.record_texts import LANGUAGES, RecordTexts
from console.domain.record_texts.catalogue import _modules, fields_of, templates

CJK = re.compile(r"[\u4e00-\u9fff]")


def test_every_key_exists_in_every_language_with_the_same_placeholders():
    t = templates()
    keys = set().union(*(t[lang] for lang in LANGUAGES))
    assert keys
    for lang in LANGUAGES:
        assert set(t[lang]) == keys, f"{lang} lacks {sorted(keys - set(t[lang]))}"
    for key in keys:
        assert len({frozenset(fields_of(t[lang][key])) for lang in LANGUAGES}) == 1, key


def test_keys_are_prefixed_with_their_area():
    for mod in _modules():
        area = mod.__name__.rsplit(".", 1)[1].rstrip("s")
        for table in mod.TEXTS.values():
            assert all(k.split(".")[0].rstrip("s") == area for k in table), mod.__name__


def test_word_tables_cover_every_language_alike():
    for mod in _modules():
        for name, table in vars(mod).items():
            if name.isupper() and name != "TEXTS" and isinstance(table, dict):
                assert set(table) == set(LANGUAGES), f"{mod.__name__}.{name}"
                assert len({frozenset(words) for words in table.values()}) == 1, f"{mod.__name__}.{name}"


def test_the_english_catalogue_has_no_chinese():
    for key, template in templates()["en"].items():
        assert not CJK.search(template), key


@pytest.mark.parametrize("lang", LANGUAGES)
def test_an_unknown_language_falls_back_to_chinese(lang):
    assert RecordTexts(lang).lang == lang
    assert RecordTexts("xx").lang == "zh_CN"
