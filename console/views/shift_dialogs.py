"""Opening a shift, and handing it over (交接班) with a printed sheet."""
from __future__ import annotations

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QPlainTextEdit,
    QVBoxLayout,
)

from console.models import labels


class OpenShiftDialog(QDialog):
    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Open shift"))
        self.officer = QLineEdit()
        self.leader = QLineEdit()
        self.error = QLabel()
        self.error.setObjectName("formErrors")
        self.error.hide()
        form = QFormLayout()
        form.addRow(self.tr("Duty officer *"), self.officer)
        form.addRow(self.tr("Leader on duty"), self.leader)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self._ok)
        buttons.rejected.connect(self.reject)
        lay = QVBoxLayout(self)
        lay.addWidget(self.error)
        lay.addLayout(form)
        lay.addWidget(buttons)

    def _ok(self) -> None:
        if not self.officer.text().strip():
            self.error.setText(self.tr("The duty officer's name is required."))
            self.error.show()
            self.officer.setFocus()
            return
        self.accept()


class HandoverDialog(QDialog):
    def __init__(self, summary, parent=None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Shift handover"))
        self.setMinimumWidth(560)
        lay = QVBoxLayout(self)
        head = QLabel(
            self.tr("Handing over: {0}").format(summary.shift.duty_officer if summary.shift else "—")
        )
        head.setObjectName("dialogHeading")
        lay.addWidget(head)
        lay.addWidget(QLabel(self.tr("Open incidents ({0})").format(len(summary.open_incidents))))
        incidents = QListWidget()
        for i in summary.open_incidents:
            incidents.addItem(f"{i.level.roman}  {i.title}  ·  {labels.status(i.status)}")
        incidents.setMaximumHeight(120)
        lay.addWidget(incidents)
        lay.addWidget(QLabel(self.tr("Overdue reports ({0})").format(len(summary.overdue))))
        overdue = QListWidget()
        for inc, which in summary.overdue:
            overdue.addItem(f"{inc.title} — {labels.deadline_name(which)}")
        overdue.setMaximumHeight(90)
        lay.addWidget(overdue)
        lay.addWidget(QLabel(self.tr("Pending items ({0})").format(len(summary.pending))))
        pending = QListWidget()
        pending.addItems(summary.pending)
        pending.setMaximumHeight(90)
        lay.addWidget(pending)
        form = QFormLayout()
        self.officer = QLineEdit()
        self.leader = QLineEdit()
        self.note = QPlainTextEdit()
        self.note.setTabChangesFocus(True)
        self.note.setFixedHeight(90)
        form.addRow(self.tr("Next duty officer *"), self.officer)
        form.addRow(self.tr("Next leader on duty"), self.leader)
        form.addRow(self.tr("Notes for the next shift"), self.note)
        lay.addLayout(form)
        self.error = QLabel()
        self.error.setObjectName("formErrors")
        self.error.hide()
        lay.addWidget(self.error)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("Hand over and print PDF"))
        buttons.accepted.connect(self._ok)
        buttons.rejected.connect(self.reject)
        lay.addWidget(buttons)
        self.officer.setFocus()

    def _ok(self) -> None:
        if not self.officer.text().strip():
            self.error.setText(self.tr("The next duty officer's name is required."))
            self.error.show()
            self.officer.setFocus()
            return
        self.accept()
