"""Settings declared once, typed, with defaults; QSettings (an ini file) underneath."""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QByteArray, QSettings


@dataclass(frozen=True)
class Option:
    key: str
    default: object
    type: type


THEME = Option("ui/theme", "night", str)
GEOMETRY = Option("ui/geometry", QByteArray(), QByteArray)
WINDOW_STATE = Option("ui/window_state", QByteArray(), QByteArray)
ALARM_SOUND = Option("ui/alarm_sound", True, bool)
DUTY_OFFICER = Option("duty/last_officer", "", str)
IDLE_LOCK_MINUTES = Option("access/idle_lock_minutes", 10.0, float)  # the console locks after this idle time
WORK_LAYOUT = Option("ui/work_layout", "", str)  # the named working layout last chosen


def layout_state(name: str) -> Option:
    """How the officer left one named working layout (dock sizes and places)."""
    return Option(f"ui/layout_state/{name}", QByteArray(), QByteArray)
# The command post's hub (nats://host:4222 or tls://…); empty: sync by bundle files only.
SYNC_HUB_URL = Option("sync/hub_url", "", str)


class Settings:
    def __init__(self, path: Path | None = None) -> None:
        if path is None:
            from platformdirs import user_config_dir

            path = Path(user_config_dir("incident-console", appauthor=False)) / "settings.ini"
        path.parent.mkdir(parents=True, exist_ok=True)
        self._q = QSettings(str(path), QSettings.Format.IniFormat)

    def get(self, opt: Option):
        value = self._q.value(opt.key, opt.default)
        if opt.type is bool and isinstance(value, str):
            return value.lower() in ("1", "true", "yes")
        if opt.type is QByteArray:
            return value if isinstance(value, QByteArray) else QByteArray()
        try:
            return opt.type(value)
        except (TypeError, ValueError):
            return opt.default

    def set(self, opt: Option, value) -> None:
        self._q.setValue(opt.key, value)

    def sync(self) -> None:
        self._q.sync()
