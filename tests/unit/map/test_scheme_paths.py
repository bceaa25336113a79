"""app:// paths that are not paths at all get an answer (not found), never an exception."""
from __future__ import annotations

from console.map.schemes import WEB_ROOT, _safe_join


def test_hostile_paths_are_refused():
    for rel in ("a\0b.js", "\0", "../" * 50 + "etc/passwd", "x" * 100_000, "%00"):
        assert _safe_join(WEB_ROOT, rel) is None or _safe_join(WEB_ROOT, rel).is_relative_to(WEB_ROOT.resolve())
    assert _safe_join(WEB_ROOT, "a\0b.js") is None
