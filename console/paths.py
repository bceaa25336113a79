"""Where things live: the checkout's resources and the user's data directory."""
from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RESOURCES = ROOT / "resources"
MIGRATIONS = ROOT / "db" / "migrations"
SEED = ROOT / "db" / "seed"


def default_db_path() -> Path:
    from platformdirs import user_data_dir

    return Path(user_data_dir("incident-console", appauthor=False)) / "console.db"
