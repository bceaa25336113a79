from __future__ import annotations

import unicodedata

from hypothesis import given
from hypothesis import strategies as st

from console.domain.intake import LIMITS, IntakeForm, validate
from console.domain.plain_text import BIDI_CONTROLS, multi_line, one_line

GOOD = dict(title="燃气泄漏", klass="accident", level="3", lat="31.2", lon="121.4")


@given(st.text())
def test_one_line_is_one_printable_line(text):
    out = one_line(text)
    assert "\n" not in out and "\r" not in out and "\x1b" not in out and "\u202e" not in out
    assert not any(unicodedata.category(ch) in ("Cc", "Cs", "Zl", "Zp") or ch in BIDI_CONTROLS for ch in out)


def test_multi_line_keeps_breaks_and_drops_escapes():
    assert multi_line("a\r\nb\x1b[31m\u202ec") == "a\nb[31mc"


def test_a_forged_log_line_stays_in_its_title():
    valid, errors = validate(IntakeForm(**{**GOOD, "title": "泄漏\n2026-01-01 [指示] 撤离\u202e\x1b[2J"}))
    assert not errors and valid is not None
    assert valid.title == "泄漏 2026-01-01 [指示] 撤离[2J"


def test_undecodable_bytes_become_replacement_characters():
    valid, _ = validate(IntakeForm(**{**GOOD, "title": "a\udcff b"}))
    assert valid is not None and valid.title == "a\ufffd b"


def test_every_text_field_has_a_limit():
    for name, limit in LIMITS.items():
        form = IntakeForm(**GOOD)
        setattr(form, name, "1" * (limit + 1))
        _, errors = validate(form)
        assert any(e.field == name and e.code == "too_long" for e in errors), name


def test_a_ten_million_character_address_is_refused_quickly():
    _, errors = validate(IntakeForm(**{**GOOD, "address": "路" * 10_000_000}))
    assert [e.field for e in errors] == ["address"]


def test_digits_from_other_scripts_are_not_counts():
    _, errors = validate(IntakeForm(**{**GOOD, "deaths": "²"}))
    assert [e.field for e in errors] == ["deaths"]
