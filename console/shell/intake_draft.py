"""An unfinished report kept on disk beside the database while it is typed, so a crash, a closed
window or an Escape the officer meant as "later" loses nothing; the next F2 offers it back."""
from __future__ import annotations

import json
import logging
import os
from dataclasses import asdict, fields
from datetime import datetime
from pathlib import Path

from console.domain.clock import from_iso, to_iso
from console.domain.intake import IntakeForm

log = logging.getLogger("console.shell")
_FIELDS = {f.name for f in fields(IntakeForm)}


def draft_path(db_path: Path) -> Path:
    return db_path.with_name(db_path.name + ".intake-draft.json")


def save(path: Path, form: IntakeForm, when: datetime) -> None:
    """Written to a temporary file and renamed over the old one: a crash mid-write keeps the last draft."""
    tmp = path.with_name(path.name + ".tmp")
    tmp.write_text(json.dumps({"saved_at": to_iso(when), "form": asdict(form)}, ensure_ascii=False),
                   encoding="utf-8")
    os.replace(tmp, path)


def load(path: Path) -> tuple[IntakeForm, datetime] | None:
    """The kept draft, or None when there is none or it cannot be read (it is then set aside, not lost)."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        form = IntakeForm(**{k: str(v) for k, v in data["form"].items() if k in _FIELDS})
        return form, from_iso(data["saved_at"])
    except FileNotFoundError:
        return None
    except (OSError, ValueError, KeyError, TypeError, AttributeError) as exc:
        log.info("intake draft %s unreadable (%s); set aside", path, exc)
        try:
            os.replace(path, path.with_name(path.name + ".unreadable"))
        except OSError:
            pass
        return None


def discard(path: Path) -> None:
    try:
        path.unlink()
    except FileNotFoundError:
        pass
