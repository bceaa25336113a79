"""The repository stands alone: nothing in it points at folders outside the clone."""
from __future__ import annotations

import subprocess

from tests import ROOT

OUTSIDE = ("../" + "shared", "/work/" + "shared")


def test_no_file_points_outside_the_clone():
    files = subprocess.run(["git", "ls-files"], cwd=ROOT, capture_output=True, text=True, check=True).stdout.split()
    offenders = []
    for name in files:
        path = ROOT / name
        if path.suffix in (".py", ".md", ".toml", ".cfg", ".txt", ".yaml", ".json", "") and path.is_file():
            text = path.read_text(encoding="utf-8", errors="replace")
            offenders += [f"{name}: {o}" for o in OUTSIDE if o in text]
    assert not offenders
