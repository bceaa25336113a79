"""Every UI string in console/ has a zh_CN translation, and the shipped .qm matches the glossary."""
from __future__ import annotations

import json
import subprocess
import sys

from PySide6.QtCore import QTranslator

from console.paths import RESOURCES
from tests import ROOT


def test_every_ui_string_has_a_chinese_translation():
    out = subprocess.run([sys.executable, str(ROOT / "tools" / "i18n.py"), "--missing"], capture_output=True,
                         text=True, timeout=60)
    assert out.returncode == 0, "untranslated UI strings:\n" + out.stdout


def test_the_shipped_qm_is_up_to_date(qapp):
    glossary = json.loads((RESOURCES / "i18n" / "zh_CN.json").read_text(encoding="utf-8"))
    tr = QTranslator()
    assert tr.load(str(RESOURCES / "i18n" / "console_zh_CN.qm"))
    stale = []
    for key, zh in glossary.items():
        ctx, _, src = key.partition("|")
        got = tr.translate(ctx, src, None, 1 if "%n" in src else -1)
        if got and got != zh:
            stale.append(key)
    assert not stale, f"run `make translations`; stale: {stale[:5]}"


def test_translate_is_never_aliased_so_extraction_sees_every_string():
    import re

    alias = re.compile(r"=\s*(QCoreApplication\.translate|self\.tr)\s*$", re.M)
    offenders = [str(p.relative_to(ROOT)) for p in (ROOT / "console").rglob("*.py") if alias.search(p.read_text())]
    assert not offenders, f"lupdate cannot see strings translated through an alias in {offenders}"


def test_translate_always_gets_literal_text():
    """lupdate only extracts literal strings; a wrapper taking a variable hides its strings."""
    import re

    variable_source = re.compile(r'(translate\(\s*"[^"]*",\s*|\.tr\(\s*)[a-zA-Z_][\w.]*\s*[,)]')
    offenders = [f"{p.relative_to(ROOT)}:{m.group(0)}" for p in (ROOT / "console").rglob("*.py")
                 for m in variable_source.finditer(p.read_text())]
    assert not offenders, offenders
