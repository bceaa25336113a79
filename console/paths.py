"""Where things live: the shipped data (resources/ and db/, packaged into the wheel as
console/_data/) and the user's data directory.

An installed console finds its data inside the package through importlib.resources; a source
checkout (or an editable install, which imports the package from the checkout) finds the same
folders at the top of the repository, where they are kept."""
from __future__ import annotations

from importlib import resources
from pathlib import Path


def _shipped(name: str) -> Path:
    packaged = resources.files("console") / "_data" / name
    if packaged.is_dir():
        return Path(str(packaged))
    return Path(__file__).resolve().parent.parent / name


RESOURCES = _shipped("resources")
MIGRATIONS = _shipped("db") / "migrations"
SEED = _shipped("db") / "seed"
PREPLANS = RESOURCES / "preplans"


def default_db_path() -> Path:
    from platformdirs import user_data_dir

    return Path(user_data_dir("incident-console", appauthor=False)) / "console.db"
