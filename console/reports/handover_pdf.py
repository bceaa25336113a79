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


def _t(text: str) -> str:
    return QCoreApplication.translate("HandoverSheet", text)


def handover_html(summary, next_officer: str, next_leader: str, note: str, now: datetime) -> str:
    shift = summary.shift
    rows = "".join(
        f"<tr><td>{escape(labels.level(i.level))}</td><td>{escape(i.title)}</td><td>{escape(i.district)}</td>"
        f"<td>{escape(labels.status(i.status))}</td></tr>"
        for i in summary.open_incidents) or f"<tr><td colspan=4>{_t('None')}</td></tr>"
    overdue = "".join(
        f"<li>{escape(i.title)} — {escape(labels.deadline_name(which))}</li>" for i, which in summary.overdue
    ) or f"<li>{_t('None')}</li>"
    pending = "".join(f"<li>{escape(p)}</li>" for p in summary.pending) or f"<li>{_t('None')}</li>"
    return f"""
<h1 align=center>{_t('Duty handover sheet')}</h1>
<p align=center>{escape(now.astimezone().strftime('%Y-%m-%d %H:%M'))}</p>
<table width=100% cellpadding=4 border=1 cellspacing=0>
<tr><th align=left>{_t('Handing over')}</th><td>{escape(shift.duty_officer if shift else '')}
 ({_t('leader on duty')}: {escape((shift.leader if shift else '') or '—')})</td></tr>
<tr><th align=left>{_t('Taking over')}</th><td>{escape(next_officer)} ({_t('leader on duty')}:
 {escape(next_leader or '—')})</td></tr>
<tr><th align=left>{_t('Shift began')}</th><td>{escape(shift.opened_at if shift else '')}</td></tr>
<tr><th align=left>{_t('Log entries this shift')}</th><td>{summary.entries_this_shift}</td></tr>
</table>
<h2>{_t('Open incidents')} ({len(summary.open_incidents)})</h2>
<table width=100% cellpadding=4 border=1 cellspacing=0>
<tr><th>{_t('Level')}</th><th>{_t('Incident')}</th><th>{_t('District')}</th><th>{_t('Status')}</th></tr>
{rows}</table>
<h2>{_t('Overdue reports')} ({len(summary.overdue)})</h2><ul>{overdue}</ul>
<h2>{_t('Pending items')} ({len(summary.pending)})</h2><ul>{pending}</ul>
<h2>{_t('Handover notes')}</h2><p>{escape(note).replace(chr(10), '<br>') or '—'}</p>
<br><br><p>{_t('Signed (handing over)')}: ____________ &nbsp;&nbsp; {_t('Signed (taking over)')}: ____________</p>
"""


def write_handover_pdf(path: Path, html: str, font_family: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    writer = QPdfWriter(str(path))
    writer.setTitle(_t("Duty handover sheet"))
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
