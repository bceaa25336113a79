"""console/ keeps its type checking honest and its lines short.

mypy (`make test`) already refuses an unused ignore and, with `ignore-without-code`, a bare one; these
tests add what neither mypy nor ruff checks: every ignore says why on its own line, and no line passes
ruff's limit (ruff lets a line through when it ends in a pragma comment or a long unbroken word).
"""
from __future__ import annotations

import re
import tomllib
import unicodedata

from tests import ROOT

# `# type: ignore[code]  # reason`: the code names what is silenced, the reason why it must be.
JUSTIFIED = re.compile(r"# type: ignore\[[a-z0-9-]+(, *[a-z0-9-]+)*\]  # \S")


def _lines():
    for path in sorted((ROOT / "console").rglob("*.py")):
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            yield f"{path.relative_to(ROOT)}:{number}", line


def _width(line: str) -> int:
    # As ruff measures: a wide (CJK) character takes two columns.
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in line)


def test_every_type_ignore_names_its_code_and_its_reason():
    bare = [where for where, line in _lines() if "type: ignore" in line and not JUSTIFIED.search(line)]
    assert not bare, "a `# type: ignore[code]  # reason` is wanted:\n" + "\n".join(bare)


def test_no_line_is_longer_than_ruffs_limit():
    limit = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["ruff"]["line-length"]
    long = [f"{where} ({_width(line)})" for where, line in _lines() if _width(line) > limit]
    assert not long, f"lines over {limit} columns:\n" + "\n".join(long)
