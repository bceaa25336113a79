from __future__ import annotations

from typing import Any


def dicts(events: list[Any]) -> list[dict]:
    return [e.to_json_dict() for e in events]


def kinds(events: list[Any]) -> list[str]:
    return [e.kind for e in events]


def only(events: list[Any], kind: str) -> list[Any]:
    return [e for e in events if e.kind == kind]
