"""The handover sheet (交接班记录) as a PDF. Text is laid out by Qt with the CJK font registered at
start, so Chinese is embedded as real glyphs with a text layer (searchable, copyable).

The sheet says what the next shift must do: open incidents with their next deadline, preplans still
running with their checklist progress, manual tasks and notices not yet delivered. Times are local."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from html import escape
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QMarginsF, QSizeF
from PySide6.QtGui import QFont, QPageLayout, QPageSize, QPdfWriter, QTextDocument

from console.domain.clock import from_iso
from console.domain.incident import format_countdown, next_deadline
from console.models import labels
from console.models.device_models import protocol_label, state_label


@dataclass(frozen=True)
class PlanProgress:
    """One preplan still running, as the sheet lists it."""

    incident: str
    plan: str
    level: str
    closed: int
    total: int
    overdue: int


def plan_progress(preplans, incidents, now: datetime) -> list[PlanProgress]:
    """Every active activation of the given incidents, with its checklist counted as the view counts it."""
    out = []
    for inc in incidents:
        for act in preplans.activations(inc.id):
            if not act.active:
                continue
            rows = [r for r in preplans.checklist(act.id) if not r.retired]
            closed = sum(1 for r in rows if r.item.closed)
            late = sum(1 for r in rows if not r.item.closed and r.due is not None and r.due <= now)
            out.append(PlanProgress(inc.title, act.plan_title, act.level.roman, closed, len(rows), late))
    return out


def _labels() -> dict[str, str]:
    return {
        "none": QCoreApplication.translate("HandoverSheet", "None"),
        "title": QCoreApplication.translate("HandoverSheet", "Duty handover sheet"),
        "handing": QCoreApplication.translate("HandoverSheet", "Handing over"),
        "taking": QCoreApplication.translate("HandoverSheet", "Taking over"),
        "leader": QCoreApplication.translate("HandoverSheet", "leader on duty"),
        "began": QCoreApplication.translate("HandoverSheet", "Shift began"),
        "entries": QCoreApplication.translate("HandoverSheet", "Log entries this shift"),
        "open": QCoreApplication.translate("HandoverSheet", "Open incidents"),
        "level": QCoreApplication.translate("HandoverSheet", "Level"),
        "incident": QCoreApplication.translate("HandoverSheet", "Incident"),
        "district": QCoreApplication.translate("HandoverSheet", "District"),
        "status": QCoreApplication.translate("HandoverSheet", "Status"),
        "next_due": QCoreApplication.translate("HandoverSheet", "Next deadline"),
        "overdue": QCoreApplication.translate("HandoverSheet", "Overdue reports"),
        "notes": QCoreApplication.translate("HandoverSheet", "Handover notes"),
        "sign_out": QCoreApplication.translate("HandoverSheet", "Signed (handing over)"),
        "sign_in": QCoreApplication.translate("HandoverSheet", "Signed (taking over)"),
        "head": QCoreApplication.translate("HandoverSheet", "Duty log head (check with: log verify --head)"),
        "no_head": QCoreApplication.translate("HandoverSheet", "no entries yet"),
    }


def grouped_head(hash_: str) -> str:
    """The head hash in groups of eight, easier to read back from paper; verify ignores the spaces."""
    return " ".join(hash_[i:i + 8] for i in range(0, len(hash_), 8))


def _todo_labels() -> dict[str, str]:
    return {
        "plans": QCoreApplication.translate("HandoverSheet", "Preplans in force"),
        "plan": QCoreApplication.translate("HandoverSheet", "Preplan"),
        "checklist": QCoreApplication.translate("HandoverSheet", "Checklist"),
        "progress": QCoreApplication.translate("HandoverSheet", "{0} of {1} closed"),
        "late_items": QCoreApplication.translate("HandoverSheet", "{0} overdue"),
        "tasks": QCoreApplication.translate("HandoverSheet", "Manual tasks to do"),
        "due": QCoreApplication.translate("HandoverSheet", "Due"),
        "task": QCoreApplication.translate("HandoverSheet", "Task"),
        "message": QCoreApplication.translate("HandoverSheet", "Message"),
        "late": QCoreApplication.translate("HandoverSheet", "overdue"),
        "undelivered": QCoreApplication.translate("HandoverSheet", "Notices not delivered"),
        "channel": QCoreApplication.translate("HandoverSheet", "Channel"),
        "to": QCoreApplication.translate("HandoverSheet", "To"),
        "state": QCoreApplication.translate("HandoverSheet", "State"),
        "overdue_by": QCoreApplication.translate("HandoverSheet", "overdue by {0}"),
        "in": QCoreApplication.translate("HandoverSheet", "in {0}"),
    }


def local_time(when: datetime | str | None, fmt: str = "%Y-%m-%d %H:%M") -> str:
    """A stored UTC time as the officer's wall clock reads it."""
    if isinstance(when, str):
        when = from_iso(when)
    return when.astimezone().strftime(fmt) if when else "—"


def _none_row(cols: int, text: str) -> str:
    return f"<tr><td colspan={cols}>{text}</td></tr>"


def _incidents_section(summary, now: datetime, L: dict, T: dict) -> str:  # noqa: N803
    """One row per incident; its late reports are named in its row rather than in a second list."""
    late: dict[str, list[str]] = {}
    for i, which in summary.overdue:
        late.setdefault(i.id, []).append(labels.deadline_name(which))
    rows = []
    for i in summary.open_incidents:
        d = next_deadline(i, summary.policy)
        if i.id in late:
            due = f"<b>{L['overdue']}: {escape(' / '.join(late[i.id]))}</b>"
        elif d is None:
            due = "—"
        else:
            left = d.remaining(now)
            when = (T["overdue_by"] if left.total_seconds() < 0 else T["in"]).format(
                format_countdown(abs(left))
            )
            due = f"{escape(labels.deadline_name(d.name))} {local_time(d.due, '%H:%M')} ({when})"
        rows.append(f"<tr><td>{escape(labels.level(i.level))}</td><td>{escape(i.title)}</td>"
                    f"<td>{escape(i.district)}</td><td>{escape(labels.status(i.status))}</td>"
                    f"<td>{due}</td></tr>")
    return (f"<h2>{L['open']} ({len(summary.open_incidents)})</h2>"
            "<table width=100% cellpadding=4 border=1 cellspacing=0>"
            f"<tr><th>{L['level']}</th><th>{L['incident']}</th><th>{L['district']}</th><th>{L['status']}</th>"
            f"<th>{L['next_due']}</th></tr>{''.join(rows) or _none_row(5, L['none'])}</table>"
            f"<p>{L['overdue']}: {len(summary.overdue)}</p>")


def _plans_section(plans: list[PlanProgress], L: dict, T: dict) -> str:  # noqa: N803
    rows = "".join(
        f"<tr><td>{escape(p.incident)}</td><td>{escape(p.plan)}</td><td>{escape(p.level)}</td>"
        f"<td>{T['progress'].format(p.closed, p.total)}"
        f"{'; ' + T['late_items'].format(p.overdue) if p.overdue else ''}</td></tr>" for p in plans)
    return (f"<h2>{T['plans']} ({len(plans)})</h2><table width=100% cellpadding=4 border=1 cellspacing=0>"
            f"<tr><th>{L['incident']}</th><th>{T['plan']}</th><th>{L['level']}</th>"
            f"<th>{T['checklist']}</th></tr>"
            f"{rows or _none_row(4, L['none'])}</table>")


def _todo_section(summary, now: datetime, L: dict, T: dict) -> str:  # noqa: N803
    tasks = "".join(
        f"<tr><td>{local_time(t.due_at, '%H:%M')}{' (' + T['late'] + ')' if t.overdue(now) else ''}</td>"
        f"<td>{escape(t.title)}</td><td>{escape(t.text)}</td></tr>" for t in summary.tasks)
    out = (
        f"<h2>{T['tasks']} ({len(summary.tasks)})</h2><table width=100% cellpadding=4 border=1 cellspacing=0>"
        f"<tr><th>{T['due']}</th><th>{T['task']}</th><th>{T['message']}</th></tr>"
        f"{tasks or _none_row(3, L['none'])}</table>"
    )
    notices = "".join(
        f"<tr><td>{escape(protocol_label(r['channel']))}</td><td>{escape(r['recipient'])}</td>"
        f"<td>{escape(state_label(r['state']))}</td><td>{escape(r['text'])}</td></tr>"
        for r in summary.undelivered)
    out += (f"<h2>{T['undelivered']} ({len(summary.undelivered)})</h2>"
            "<table width=100% cellpadding=4 border=1 cellspacing=0>"
            f"<tr><th>{T['channel']}</th><th>{T['to']}</th><th>{T['state']}</th><th>{T['message']}</th></tr>"
            f"{notices or _none_row(4, L['none'])}</table>")
    return out


def handover_html(summary, next_officer: str, next_leader: str, note: str, now: datetime,
                  plans: list[PlanProgress] | None = None, log_head: str = "") -> str:
    """log_head: the hash of the duty log's signed head after the handover entry, printed so the log
    can later be checked against paper (`log verify --head`)."""
    L = _labels()  # noqa: N806
    T = _todo_labels()  # noqa: N806
    shift = summary.shift
    officer = escape(shift.duty_officer if shift else "")
    leader = escape((shift.leader if shift else "") or "—")
    notes = escape(note).replace(chr(10), "<br>") or "—"
    return f"""
<h1 align=center>{L["title"]}</h1>
<p align=center>{escape(local_time(now))}</p>
<table width=100% cellpadding=4 border=1 cellspacing=0>
<tr><th align=left>{L["handing"]}</th><td>{officer} ({L["leader"]}: {leader})</td></tr>
<tr><th align=left>{L["taking"]}</th><td>{escape(next_officer)}
({L["leader"]}: {escape(next_leader or "—")})</td></tr>
<tr><th align=left>{L["began"]}</th><td>{escape(local_time(shift.opened_at if shift else None))}</td></tr>
<tr><th align=left>{L["entries"]}</th><td>{summary.entries_this_shift}</td></tr>
<tr><th align=left>{L["head"]}</th><td><tt>{escape(grouped_head(log_head)) or L["no_head"]}</tt></td></tr>
</table>
{_incidents_section(summary, now, L, T)}
{_plans_section(plans or [], L, T)}
{_todo_section(summary, now, L, T)}
<h2>{L["notes"]}</h2><p>{notes}</p>
<br><br><p>{L["sign_out"]}: ____________ &nbsp;&nbsp; {L["sign_in"]}: ____________</p>
"""


def write_handover_pdf(path: Path, html: str, font_family: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    writer = QPdfWriter(str(path))
    writer.setTitle(QCoreApplication.translate("HandoverSheet", "Duty handover sheet"))
    writer.setCreator("incident-console")
    writer.setResolution(150)
    writer.setPageLayout(QPageLayout(QPageSize(QPageSize.PageSizeId.A4), QPageLayout.Orientation.Portrait,
                                     QMarginsF(15, 15, 15, 15), QPageLayout.Unit.Millimeter))
    doc = QTextDocument()
    font = QFont(font_family, 11)
    doc.setDefaultFont(font)
    doc.setHtml(html)
    rect = writer.pageLayout().paintRectPixels(writer.resolution())
    doc.setPageSize(QSizeF(rect.width(), rect.height()))
    doc.print_(writer)
    del writer  # finishes the file
    return path


__all__ = ["PlanProgress", "handover_html", "local_time", "plan_progress", "write_handover_pdf"]
