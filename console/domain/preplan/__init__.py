"""Structured preplans: YAML format and validation, matching to incidents, checklist activation.

The file helpers live here so that schema.py stays about the document itself.
"""
from __future__ import annotations

from pathlib import Path

from console.domain.preplan.checklist import (
    Checklist,
    ChecklistDraft,
    ChecklistItem,
    Escalation,
    ItemState,
    Notification,
    ResourceRequest,
    TransitionError,
    activate,
    escalate,
    transition,
)
from console.domain.preplan.matching import MatchResult, Reason, match, suggest_level
from console.domain.preplan.model import PlanKind, Preplan, PreplanError, Problem
from console.domain.preplan.schema import MAX_FILE_CHARS, check_text, load_text

__all__ = [
    "Checklist", "ChecklistDraft", "ChecklistItem", "Escalation", "ItemState", "MatchResult", "Notification",
    "PlanKind", "Preplan", "PreplanError", "Problem", "Reason", "ResourceRequest",
    "TransitionError", "activate", "check_file", "check_text", "escalate", "load_dir",
    "load_file", "load_text", "match", "suggest_level", "transition",
]



def check_file(path: str | Path) -> list[Problem]:
    p = Path(path)
    try:
        with p.open("rb") as fh:
            data = fh.read(MAX_FILE_CHARS * 4 + 1)  # UTF-8 is at most 4 bytes a character
    except OSError as e:
        return [Problem("", 1, f"cannot read: {e.strerror or e}", str(p))]
    if len(data) > MAX_FILE_CHARS * 4:
        return [
            Problem(
                "",
                1,
                f"the file is larger than {MAX_FILE_CHARS * 4 // 1024} KB; a preplan is not that large",
                str(p),
            )
        ]
    try:
        return check_text(data.decode("utf-8"), str(p))[1]
    except UnicodeDecodeError as e:
        # Report the bad bytes, then keep checking the rest so a damaged file shows every problem.
        line = data[:e.start].count(b"\n") + 1
        bad = Problem("", line, f"not valid UTF-8 at line {line} (byte {e.start})", str(p))
        return [bad, *check_text(data.decode("utf-8", errors="replace"), str(p))[1]]


def load_file(path: str | Path) -> Preplan:
    """The plan, or PreplanError carrying the same problems `check_file` reports."""
    p = Path(path)
    try:
        if p.stat().st_size > MAX_FILE_CHARS * 4:
            raise PreplanError(check_file(p))
        text = p.read_bytes().decode("utf-8")
    except (OSError, UnicodeDecodeError):
        raise PreplanError(check_file(p))
    return load_text(text, str(p))


def load_dir(directory: str | Path) -> list[Preplan]:
    d = Path(directory)
    return [load_file(f) for f in sorted([*d.glob("*.yaml"), *d.glob("*.yml")])]
