"""The handover sheet (交接班记录) as a PDF. Text is laid out by Qt with the CJK font registered at
start, so Chinese is embedded as real glyphs with a text layer (searchable, copyable)."""
from __future__ import annotations

from datetime import datetime
from html import escape
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QMarginsF, QSizeF
from PySide6.QtGui import QFont, QPageLayout, QPageSize, QPdfWriter, QTextDocument

from console.domain.incident import format_countdown
from console.models import labels


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
        "overdue": QCoreApplication.translate("HandoverSheet", "Overdue reports"),
        "pending": QCoreApplication.translate("HandoverSheet", "Pending items"),
        "notes": QCoreApplication.translate("HandoverSheet", "Handover notes"),
        "sign_out": QCoreApplication.translate("HandoverSheet", "Signed (handing over)"),
        "sign_in": QCoreApplication.translate("HandoverSheet", "Signed (taking over)"),
        "head": QCoreApplication.translate("HandoverSheet", "Duty log head (check with: log verify --head)"),
        "no_head": QCoreApplication.translate("HandoverSheet", "no entries yet"),
    }


def grouped_head(hash_: str) -> str:
    """The head hash in groups of eight, easier to read back from paper; verify ignores the spaces."""
    return " ".join(hash_[i:i + 8] for i in range(0, len(hash_), 8))


def handover_html(summary, next_officer: str, next_leader: str, note: str, now: datetime,
                  log_head: str = "") -> str:
    """log_head: the hash of the duty log's signed head after the handover entry, printed so the log
    can later be checked against paper (`log verify --head`)."""
    L = _labels()  # noqa: N806
    shift = summary.shift
    rows = "".join(
        f"<tr><td>{escape(labels.level(i.level))}</td><td>{escape(i.title)}</td><td>{escape(i.district)}</td>"
        f"<td>{escape(labels.status(i.status))}</td></tr>"
        for i in summary.open_incidents) or f"<tr><td colspan=4>{L['none']}</td></tr>"
    overdue = "".join(
        f"<li>{escape(i.title)} — {escape(labels.deadline_name(which))}</li>" for i, which in summary.overdue
    ) or f"<li>{L['none']}</li>"
    pending = "".join(f"<li>{escape(p)}</li>" for p in summary.pending) or f"<li>{L['none']}</li>"
    officer = escape(shift.duty_officer if shift else "")
    leader = escape((shift.leader if shift else "") or "—")
    notes = escape(note).replace(chr(10), "<br>") or "—"
    return f"""
<h1 align=center>{L['title']}</h1>
<p align=center>{escape(now.astimezone().strftime('%Y-%m-%d %H:%M'))}</p>
<table width=100% cellpadding=4 border=1 cellspacing=0>
<tr><th align=left>{L["handing"]}</th><td>{officer} ({L["leader"]}: {leader})</td></tr>
<tr><th align=left>{L["taking"]}</th><td>{escape(next_officer)}
({L["leader"]}: {escape(next_leader or "—")})</td></tr>
<tr><th align=left>{L["began"]}</th><td>{escape(shift.opened_at if shift else "")}</td></tr>
<tr><th align=left>{L["entries"]}</th><td>{summary.entries_this_shift}</td></tr>
<tr><th align=left>{L["head"]}</th><td><tt>{escape(grouped_head(log_head)) or L["no_head"]}</tt></td></tr>
</table>
<h2>{L['open']} ({len(summary.open_incidents)})</h2>
<table width=100% cellpadding=4 border=1 cellspacing=0>
<tr><th>{L['level']}</th><th>{L['incident']}</th><th>{L['district']}</th><th>{L['status']}</th></tr>
{rows}</table>
<h2>{L['overdue']} ({len(summary.overdue)})</h2><ul>{overdue}</ul>
<h2>{L['pending']} ({len(summary.pending)})</h2><ul>{pending}</ul>
<h2>{L['notes']}</h2><p>{notes}</p>
<br><br><p>{L['sign_out']}: ____________ &nbsp;&nbsp; {L['sign_in']}: ____________</p>
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


__all__ = ["handover_html", "write_handover_pdf", "format_countdown"]
