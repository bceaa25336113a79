"""The selected incident at a glance: where, who reported it, casualties, reporting deadlines, and
its timeline with the duty-log entries about it."""
from __future__ import annotations

from collections.abc import Callable
from html import escape
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QTextBrowser

from console.domain.clock import Clock, from_iso
from console.domain.incident import DeadlineState, format_countdown
from console.models import labels

if TYPE_CHECKING:
    from console.services.incidents import IncidentDetail as Detail

_STATE_COLOUR = {DeadlineState.RED: "#e0403a", DeadlineState.AMBER: "#f0a020", DeadlineState.OK: "#7fd68a",
                 DeadlineState.DONE: "#8fa3b8"}


class IncidentDetail(QTextBrowser):
    def __init__(self, load: Callable[[str], Detail | None], clock: Clock, parent=None) -> None:
        super().__init__(parent)
        self._load = load
        self._clock = clock
        self._id: str | None = None
        self._data: Detail | None = None
        self._static: tuple[str, str] = ("", "")
        self._shown: str | None = None  # the page last set, so an unchanged second sets nothing
        self.setOpenLinks(False)
        self.setPlaceholderText(self.tr("Select an incident to see its details and timeline."))

    def show_incident(self, incident_id: str | None) -> None:
        self._id = incident_id
        self.refresh()

    def refresh(self) -> None:
        """Read the incident again (it or its log entries changed) and show it."""
        self._data = self._load(self._id) if self._id else None
        self._static = self._static_parts() if self._data is not None else ("", "")
        self._shown = None
        self._render()

    def tick(self) -> None:
        """The countdowns move: only they are drawn again, from what was read, without the store."""
        if self.isVisible() and self._data is not None:
            self._render()

    def _static_parts(self) -> tuple[str, str]:
        """What stays the same from second to second: the heading, the facts and the timeline."""
        assert self._data is not None
        inc, entries, now = self._data.incident, self._data.entries, self._clock.now()
        rows = [
            (self.tr("Class / type"), f"{labels.incident_class(inc.klass)} · {escape(inc.type or '—')}"),
            (self.tr("Level / status"), f"{labels.level(inc.level)} · {labels.status(inc.status)}"),
            (self.tr("Location"), escape(f"{inc.district} {inc.address}".strip() or "—")
             + f" <span style='color:#8fa3b8'>({inc.lat:.5f}, {inc.lon:.5f})</span>"),
            (self.tr("Source / reporter"), escape(f"{labels.source(inc.source)} · {inc.reporter or '—'} "
                                                  f"{inc.callback}")),
            (self.tr("Casualties"), self.tr("deaths {0}, injured {1}, missing {2}, trapped {3}").format(
                inc.deaths, inc.injuries, inc.missing, inc.trapped)),
        ]
        timeline = "".join(
            f"<tr><td style='color:#8fa3b8;padding-right:8px'>"
            f"{(from_iso(e.at) or now).astimezone().strftime('%H:%M')}</td>"
            f"<td>{escape(labels.category(e.category))}</td><td>{escape(e.text)}</td></tr>" for e in entries)
        heading = self.tr("Timeline")  # outside the f-string, where the translation tools find it
        return (f"<h3>{escape(inc.title)}</h3><table>{_table_rows(rows)}",
                f"</table><h4>{heading}</h4><table>{timeline}</table>")

    def _render(self) -> None:
        data = self._data
        if data is None:
            self._shown = None
            self.clear()
            return
        now = self._clock.now()
        rows = []
        for d in data.deadlines:
            state = d.state(now, data.policy.amber_fraction)
            if state is DeadlineState.DONE:
                text = self.tr("done {0}").format((d.done_at or now).astimezone().strftime("%H:%M"))
            elif state is DeadlineState.RED:
                text = self.tr("overdue {0}").format(format_countdown(-d.remaining(now)))
            else:
                text = self.tr("due in {0}").format(format_countdown(d.remaining(now)))
            rows.append((labels.deadline_name(d.name), f"<b style='color:{_STATE_COLOUR[state]}'>{text}</b>"))
        head, tail = self._static
        html = f"{head}{_table_rows(rows)}{tail}"
        if html == self._shown:  # every report done: nothing on the page moves
            return
        self._shown = html
        scroll = self.verticalScrollBar().value()
        self.setHtml(html)
        self.verticalScrollBar().setValue(scroll)


def _table_rows(rows: list[tuple[str, str]]) -> str:
    return "".join(f"<tr><td style='color:#8fa3b8;padding-right:10px'>{k}</td><td>{v}</td></tr>"
                   for k, v in rows)
