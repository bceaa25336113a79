from __future__ import annotations

from datetime import datetime

import pytest

from console.domain.incident import Incident, IncidentClass, Level, Status
from console.domain.preplan import Preplan, load_dir
from console.paths import PREPLANS

T0 = datetime(2024, 7, 25, 8, 0)


def make_incident(title: str, klass: IncidentClass = IncidentClass.ACCIDENT, level: Level = Level.III,
                  **kw: object) -> Incident:
    base: dict = {"id": "inc-1", "type": "", "lat": 31.23, "lon": 121.47, "reported_at": T0,
                  "status": Status.REPORTED}
    base.update(kw)
    return Incident(title=title, klass=klass, level=level, **base)


@pytest.fixture(scope="session")
def plans() -> list[Preplan]:
    return load_dir(PREPLANS)


@pytest.fixture(scope="session")
def flood_text() -> str:
    return (PREPLANS / "flood_typhoon.yaml").read_text(encoding="utf-8")


def by_id(plans: list[Preplan], plan_id: str) -> Preplan:
    return next(p for p in plans if p.id == plan_id)


def line_of(text: str, needle: str) -> int:
    return text[: text.index(needle)].count("\n") + 1
