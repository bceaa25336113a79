"""The duty desk's behaviour: taking reports, shifts and handover, incident actions, log entries.
It owns the frequent actions and their shortcuts; the main window only places them."""
from __future__ import annotations

import logging
from datetime import datetime
from pathlib import Path

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QDialog, QLabel, QMessageBox, QWidget

from console.domain.duty_log import Category
from console.domain.incident import Level, Status, next_overdue_at, overdue_reports
from console.domain.tasks import next_task_due, overdue_tasks
from console.reports.handover_pdf import handover_html, plan_progress, write_handover_pdf
from console.services import Services
from console.services.places import Places
from console.shell import intake_draft
from console.shell.fonts import cjk_family
from console.shell.operations import Operations
from console.views.intake_dialog import IntakeDialog
from console.views.shift_dialogs import HandoverDialog, OpenShiftDialog

log = logging.getLogger("console.shell")


class Desk(QObject):
    incidentCreated = Signal(str)
    handoverPrinted = Signal(str)  # path of the PDF
    intakeOpened = Signal(object)  # the IntakeDialog, for the map's pick / district-centre tools

    def __init__(self, services: Services, ops: Operations, window: QWidget, pdf_dir: Path) -> None:
        super().__init__(window)
        self.svc = services
        self.ops = ops
        self.window = window
        self.pdf_dir = pdf_dir
        self.places = Places()
        self.shift_badge = QLabel()
        self.shift_badge.setObjectName("shiftBadge")
        self.overdue_badge = QLabel()
        self.overdue_badge.setObjectName("overdueBadge")
        self.clock_label = QLabel()
        self.clock_label.setObjectName("clock")
        self.act_intake = self._action(self.tr("Take report"), "F2", self.take_report)
        self.act_shift = self._action(self.tr("Open shift"), "Ctrl+Shift+O", self.open_shift)
        self.act_handover = self._action(self.tr("Handover"), "Ctrl+Shift+H", self.handover)
        self.act_first = self._action(self.tr("First report made"), "Ctrl+1",
                                      lambda: self._on_current("first"))
        self.act_written = self._action(self.tr("Written report sent"), "Ctrl+2",
                                        lambda: self._on_current("written"))
        self.current_incident: str | None = None
        self._open_incidents: list = []
        self._open_tasks: list = []
        self._overdue_recount_at: datetime | None = None  # when the next open deadline passes
        self._overdue_count = 0
        self._overdue_action: QAction | None = None  # the badge's place in the toolbar, once placed
        # Started here, not by whoever starts the window, so every start path counts deadlines.
        self.timer = QTimer(self, interval=1000)
        self.timer.timeout.connect(self.tick)
        ops.changed.connect(self.on_changes)
        self.on_changes(None)
        self.timer.start()

    def place_overdue_badge(self, action: QAction) -> None:
        """The toolbar shows the badge through this action; hiding the label itself would leave the
        toolbar's slot hidden for good."""
        self._overdue_action = action
        self._show_overdue(self._overdue_count > 0)

    def _action(self, text: str, shortcut: str, slot) -> QAction:
        a = QAction(text, self)
        a.setShortcut(QKeySequence(shortcut))
        a.setToolTip(f"{text} ({shortcut})")
        a.triggered.connect(slot)
        return a

    def actions(self) -> list[QAction | None]:
        return [self.act_intake, None, self.act_first, self.act_written, None, self.act_shift,
                self.act_handover]

    # -- reports
    def take_report(self, lat: float | None = None, lon: float | None = None) -> IntakeDialog:
        dlg = IntakeDialog(lambda form: self.ops.run(self.svc.incidents.intake, form),
                           self.svc.incidents.districts(), lat if isinstance(lat, float) else None,
                           lon if isinstance(lon, float) else None, self.window,
                           district_at=self.places.district_at)
        dlg.accepted.connect(lambda: self._created(dlg))
        draft = intake_draft.draft_path(self.svc.store.path)
        kept = intake_draft.load(draft)
        if kept is not None:
            dlg.offer_draft(kept[0], kept[1].astimezone().strftime("%H:%M"))
        dlg.edited.connect(lambda form: self._keep_draft(draft, form))
        dlg.discarded.connect(lambda: intake_draft.discard(draft))
        dlg.accepted.connect(lambda: intake_draft.discard(draft))
        self.intakeOpened.emit(dlg)
        dlg.open()
        return dlg

    def _keep_draft(self, path: Path, form) -> None:
        try:
            intake_draft.save(path, form, self.svc.store.clock.now())
        except OSError as exc:
            self.ops.info.emit(self.tr("The unfinished report could not be kept as a draft: {0}").format(exc))

    def _created(self, dlg: IntakeDialog) -> None:
        result = dlg.result_value
        if result:
            inc = result.value
            self.ops.info.emit(self.tr("Report taken: {0}").format(inc.title))
            self.incidentCreated.emit(inc.id)

    def set_current_incident(self, incident_id: str | None) -> None:
        self.current_incident = incident_id

    def _on_current(self, action: str) -> None:
        if self.current_incident:
            self.incident_action(action, self.current_incident)

    def incident_action(self, action: str, incident_id: str) -> None:
        inc = self.svc.incidents
        try:
            if action in ("first", "written"):
                self.ops.run(inc.mark_report, incident_id, action)
            elif action == "ack":
                self.ops.run(inc.acknowledge, incident_id)
            elif action == "respond":
                self.ops.run(inc.set_status, incident_id, Status.RESPONDING)
            elif action == "close":
                self.ops.run(inc.set_status, incident_id, Status.CLOSED)
            elif action.startswith("level:"):
                self.ops.run(inc.set_level, incident_id, Level(int(action.split(":")[1])))
        except ValueError as exc:
            self.ops.failed.emit(self.tr("Not possible: {0}").format(exc))

    # -- duty log
    def append_entry(self, category: Category, text: str):
        result = self.ops.run(self.svc.log.write, category, text, incident_id=self.current_incident)
        return result.value if result is not None else None

    def correct_entry(self, entry_id: str, text: str):
        result = self.ops.run(self.svc.log.correct, entry_id, text)
        return result.value if result is not None else None

    # -- manual tasks
    def confirm_task(self, task_id: str, who: str, note: str = ""):
        try:
            return self.ops.run(self.svc.tasks.confirm, task_id, who, note)
        except (ValueError, KeyError) as exc:
            self.ops.failed.emit(self.tr("Not possible: {0}").format(exc))
            return None

    def officer_on_duty(self) -> str:
        shift = self.svc.shifts.current()
        return shift.duty_officer if shift else ""

    # -- shifts
    def open_shift(self) -> OpenShiftDialog | None:
        if self.svc.shifts.current() is not None:
            self.ops.failed.emit(self.tr("A shift is already open. Hand it over to start the next one."))
            return None
        dlg = OpenShiftDialog(self.window)
        dlg.accepted.connect(lambda: self.ops.run(self.svc.shifts.open, dlg.officer.text(),
                                                  dlg.leader.text()))
        dlg.open()
        return dlg

    def handover(self) -> HandoverDialog | None:
        if self.svc.shifts.current() is None:
            self.ops.failed.emit(self.tr("No shift is open. Open a shift first."))
            return None
        summary = self.svc.shifts.summary()
        dlg = HandoverDialog(summary, self.window)
        dlg.accepted.connect(lambda: self._do_handover(dlg, summary))
        dlg.open()
        return dlg

    def _do_handover(self, dlg: HandoverDialog, summary) -> None:
        officer, leader, note = dlg.officer.text(), dlg.leader.text(), dlg.note.toPlainText()
        now = self.svc.store.clock.now()
        plans = plan_progress(self.svc.preplans, summary.open_incidents, now)
        if self.ops.run(self.svc.shifts.handover, officer, leader, note) is None:
            return
        head = self.svc.log.signed_head()  # after the handover entry, so the sheet anchors it too
        html = handover_html(summary, officer, leader, note, now, plans, head.hash if head else "")
        stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
        try:
            path = write_handover_pdf(self.pdf_dir / f"handover-{stamp}.pdf", html, cjk_family())
        except OSError as exc:
            self.ops.failed.emit(self.tr("The handover is recorded, but the PDF could not be written: {0}")
                                 .format(exc))
            return
        self.ops.info.emit(self.tr("Handover recorded; sheet saved to {0}").format(path))
        self.handoverPrinted.emit(str(path))

    # -- status
    def on_changes(self, changes) -> None:
        if changes is None or changes.reset or changes.incidents:
            self._open_incidents = self.svc.incidents.list(include_closed=False)
            self._policy = self.svc.incidents.policy()
        if changes is None or changes.reset or changes.tasks:
            self._open_tasks = self.svc.tasks.open()
        self.refresh_status()

    def tick(self) -> None:
        """Each second: the clock moves; the overdue count is recounted only when a deadline passes."""
        now = self.svc.store.clock.now()
        self.clock_label.setText(now.astimezone().strftime("%H:%M:%S"))
        if self._overdue_recount_at is not None and now >= self._overdue_recount_at:
            self._count_overdue(now)

    def _count_overdue(self, now) -> None:
        reports = len(overdue_reports(self._open_incidents, self._policy, now))
        tasks = len(overdue_tasks(self._open_tasks, now))
        ahead = [t for t in (next_overdue_at(self._open_incidents, self._policy, now),
                             next_task_due(self._open_tasks, now)) if t is not None]
        self._overdue_recount_at = min(ahead, default=None)
        self._overdue_count = overdue = reports + tasks
        if tasks:
            self.overdue_badge.setText(self.tr("%n item(s) overdue", "", overdue))
            self.overdue_badge.setToolTip(self.tr("Reports overdue: {0} · manual tasks overdue: {1}")
                                          .format(reports, tasks))
        else:
            self.overdue_badge.setText(self.tr("%n report(s) overdue", "", overdue))
            self.overdue_badge.setToolTip("")
        self._show_overdue(overdue > 0)

    def _show_overdue(self, shown: bool) -> None:
        if self._overdue_action is not None:
            self._overdue_action.setVisible(shown)
        else:
            self.overdue_badge.setVisible(shown)

    @property
    def overdue_shown(self) -> bool:
        """Whether the officer can see the badge (what a test asks)."""
        shown = self.overdue_badge.isVisibleTo(self.window)
        return shown and (self._overdue_action is None or self._overdue_action.isVisible())

    def refresh_status(self) -> None:
        now = self.svc.store.clock.now()
        self.clock_label.setText(now.astimezone().strftime("%H:%M:%S"))
        shift = self.svc.shifts.current()
        if shift:
            self.shift_badge.setText(self.tr("On duty: {0} · leader {1}").format(shift.duty_officer,
                                                                                 shift.leader or "—"))
            self.shift_badge.setProperty("open", True)
        else:
            self.shift_badge.setText(self.tr("No shift open (Ctrl+Shift+O)"))
            self.shift_badge.setProperty("open", False)
        self.shift_badge.style().unpolish(self.shift_badge)
        self.shift_badge.style().polish(self.shift_badge)
        self._count_overdue(now)

    # -- closing
    def still_open(self) -> str:
        """What a closing officer leaves behind in an open shift, in plain words; empty when nothing is."""
        if self.svc.shifts.current() is None:
            return ""
        incidents = self.svc.incidents.list(include_closed=False)
        if not incidents:
            return ""
        lines = [f"• {i.level.roman} {i.title}" for i in incidents[:8]]
        if len(incidents) > 8:
            lines.append(self.tr("… and {0} more").format(len(incidents) - 8))
        now = self.svc.store.clock.now()
        parts = [self.tr("The shift is still open with %n open incident(s):", "", len(incidents)), *lines]
        overdue = len(overdue_reports(incidents, self.svc.incidents.policy(), now))
        tasks = self.svc.tasks.open()
        if overdue:
            parts.append(self.tr("%n report(s) overdue", "", overdue))
        if tasks:
            parts.append(self.tr("%n manual task(s) not done", "", len(tasks)))
        return "\n".join(parts)

    def may_close(self) -> bool:
        """Closing during an open shift with open incidents asks first, saying what is still open."""
        text = self.still_open()
        if not text:
            return True
        return self.confirm(self.tr("Close the console?"), text + "\n\n" + self.tr(
            "Nobody will see deadlines or alarms here while it is closed. Hand the shift over first "
            "(Ctrl+Shift+H) or close anyway?"))

    def confirm(self, title: str, text: str) -> bool:
        return QMessageBox.question(self.window, title, text) == QMessageBox.StandardButton.Yes

    def exec_modal(self, dlg: QDialog) -> int:
        return dlg.exec()
