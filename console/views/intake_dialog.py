"""接报: taking a report from the keyboard. Every required field is checked at once with a clear
message next to the form; nothing is stored while any problem remains."""
from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from console.domain.changes import Result
from console.domain.incident import Incident, IncidentClass, Level, Source
from console.domain.intake import FieldError, IntakeForm, IntakeRejected
from console.models import labels

COMMON_TYPES = ("台风", "暴雨内涝", "燃气泄漏", "火灾", "高层建筑火灾", "建设工程事故", "地下空间进水",
                "危险化学品泄漏", "电梯困人", "交通事故", "传染病疫情", "群体性事件")


class IntakeDialog(QDialog):
    """Emits `edited` with the form after each change that leaves it different from how it opened (the
    desk keeps it as a draft); Escape on such a form asks before anything typed is thrown away."""

    edited = Signal(object)  # IntakeForm
    discarded = Signal()  # the officer chose to throw the typed report away

    def __init__(self, submit: Callable[[IntakeForm], Result[Incident] | None], districts: list[str],
                 lat: float | None = None, lon: float | None = None, parent: QWidget | None = None,
                 district_at: Callable[[float, float], str | None] | None = None) -> None:
        super().__init__(parent)
        self._submit = submit
        self._district_at = district_at
        self._auto_district = ""
        self.result_value: Result[Incident] | None = None
        self.setWindowTitle(self.tr("Take a report"))
        self.setMinimumWidth(560)
        self.errors = QLabel()
        self.errors.setObjectName("formErrors")
        self.errors.setWordWrap(True)
        self.errors.hide()

        self.title = QLineEdit()
        self.title.setPlaceholderText(self.tr("What happened, and where"))
        self.klass = QComboBox()
        self.klass.addItem(self.tr("— choose —"), "")
        # A digit in front of each choice lets the officer pick it by typing the digit.
        for n, c in enumerate(IncidentClass, start=1):
            self.klass.addItem(f"{n}  {labels.incident_class(c)}", c.value)
        self.type = QComboBox()
        self.type.setEditable(True)
        self.type.addItems(("",) + COMMON_TYPES)
        self.level = QComboBox()
        self.level.addItem(self.tr("— choose —"), "")
        for lv in Level:
            self.level.addItem(f"{int(lv)}  {labels.level(lv)}", str(int(lv)))
        self.source = QComboBox()
        for s in Source:
            self.source.addItem(labels.source(s), s.value)
        self.source.setCurrentIndex(list(Source).index(Source.PHONE))
        self.district = QComboBox()
        self.district.setEditable(True)
        self.district.addItems([""] + districts)
        self.address = QLineEdit()
        self.lat = QLineEdit("" if lat is None else f"{lat:.6f}")
        self.lon = QLineEdit("" if lon is None else f"{lon:.6f}")
        self.lat.setPlaceholderText("31.2304")
        self.lon.setPlaceholderText("121.4737")
        self.reporter = QLineEdit()
        self.callback = QLineEdit()
        self.counts = {}
        count_row = QHBoxLayout()
        for name in ("deaths", "injuries", "missing", "trapped"):
            box = QSpinBox()
            box.setRange(0, 100_000)
            self.counts[name] = box
            count_row.addWidget(QLabel(labels.field_name(name)))
            count_row.addWidget(box)
        self.warning = QComboBox()
        for colour in ("", "red", "orange", "yellow", "blue"):
            self.warning.addItem(labels.warning_colour(colour), colour)
        self.description = QPlainTextEdit()
        self.description.setFixedHeight(70)
        self.description.setTabChangesFocus(True)

        form = QFormLayout()
        self._rows: dict[str, QWidget] = {
            "title": self.title, "klass": self.klass, "type": self.type, "level": self.level,
            "source": self.source, "district": self.district, "address": self.address,
            "lat": self.lat, "lon": self.lon, "reporter": self.reporter, "callback": self.callback,
            "warning_colour": self.warning,
        }
        for name, w in self._rows.items():
            label = labels.field_name(name) + (" *" if name in ("title", "klass", "level", "lat",
                                                                "lon") else "")
            form.addRow(label, w)
        form.addRow(self.tr("Casualties"), count_row)
        form.addRow(self.tr("Description"), self.description)

        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.button(QDialogButtonBox.StandardButton.Save).setText(self.tr("Save (Ctrl+Enter)"))
        buttons.accepted.connect(self.try_accept)
        buttons.rejected.connect(self.reject)
        for seq in ("Ctrl+Return", "Ctrl+Enter"):
            QShortcut(QKeySequence(seq), self, self.try_accept)

        self.lat.textChanged.connect(self._locate)
        self.lon.textChanged.connect(self._locate)
        self._locate()
        self.initial = self.form()
        self._discard_box: QMessageBox | None = None
        for w in (self.title, self.address, self.lat, self.lon, self.reporter, self.callback):
            w.textChanged.connect(self._edited)
        for combo in (self.klass, self.type, self.level, self.source, self.district, self.warning):
            combo.currentTextChanged.connect(self._edited)
        for b in self.counts.values():
            b.valueChanged.connect(self._edited)
        self.description.textChanged.connect(self._edited)

        self.draft_bar = QWidget()
        self.draft_bar.setObjectName("draftBar")
        self.draft_note = QLabel()
        self.draft_note.setWordWrap(True)
        self.start_new = QPushButton(self.tr("Start a new report instead"))
        self.start_new.clicked.connect(self._start_new)
        bar = QHBoxLayout(self.draft_bar)
        bar.setContentsMargins(0, 0, 0, 0)
        bar.addWidget(self.draft_note, 1)
        bar.addWidget(self.start_new)
        self.draft_bar.hide()
        lay = QVBoxLayout(self)
        lay.addWidget(self.draft_bar)
        lay.addWidget(self.errors)
        lay.addLayout(form)
        lay.addWidget(buttons)
        self.title.setFocus(Qt.FocusReason.OtherFocusReason)

    def _locate(self) -> None:
        """Fill the district from the coordinates, unless the officer chose one themselves."""
        if self._district_at is None:
            return
        try:
            lat, lon = float(self.lat.text()), float(self.lon.text())
        except ValueError:
            return
        current = self.district.currentText()
        if current and current != self._auto_district:
            return
        found = self._district_at(lat, lon) or ""
        self._auto_district = found
        self.district.setCurrentText(found)

    def changed(self) -> bool:
        return self.form() != self.initial

    def _edited(self, *_args) -> None:
        if self.changed():
            self.edited.emit(self.form())

    def set_form(self, form: IntakeForm) -> None:
        """Fill the dialog from a kept draft."""
        self.title.setText(form.title)
        for combo, value in ((self.klass, form.klass), (self.level, form.level), (self.source, form.source),
                             (self.warning, form.warning_colour)):
            i = combo.findData(value)
            if i >= 0:
                combo.setCurrentIndex(i)
        self.type.setCurrentText(form.type)
        self.lat.setText(form.lat)
        self.lon.setText(form.lon)
        self.district.setCurrentText(form.district)
        self.address.setText(form.address)
        self.reporter.setText(form.reporter)
        self.callback.setText(form.callback)
        for name, box in self.counts.items():
            try:
                box.setValue(int(getattr(form, name) or 0))
            except ValueError:
                box.setValue(0)
        self.description.setPlainText(form.description)

    def offer_draft(self, form: IntakeForm, saved_at: str) -> None:
        """Continue an unfinished report; one button goes back to a blank form instead."""
        self.set_form(form)
        self.draft_note.setText(self.tr("Continuing the unfinished report kept at {0}.").format(saved_at))
        self.draft_bar.show()

    def _start_new(self) -> None:
        self.set_form(self.initial)
        self.draft_bar.hide()
        self.discarded.emit()
        self.title.setFocus(Qt.FocusReason.OtherFocusReason)

    def reject(self) -> None:
        """Escape or Cancel: a changed form asks first; keeping it as a draft is the safe default."""
        if not self.changed():
            super().reject()
            return
        if self._discard_box is not None:
            return
        box = QMessageBox(QMessageBox.Icon.Question, self.tr("Unsaved report"),
                          self.tr("This report is not saved. Throw away what was typed?"), parent=self)
        self._keep = box.addButton(
            self.tr("Keep as draft (F2 offers it back)"), QMessageBox.ButtonRole.RejectRole
        )
        self._discard = box.addButton(self.tr("Discard"), QMessageBox.ButtonRole.DestructiveRole)
        self._back = box.addButton(self.tr("Continue typing"), QMessageBox.ButtonRole.NoRole)
        box.setDefaultButton(self._back)
        box.setEscapeButton(self._back)
        box.finished.connect(lambda _r: self._answered(box.clickedButton()))
        self._discard_box = box
        box.open()

    def _answered(self, button) -> None:
        self._discard_box = None
        if button is self._discard:
            self.discarded.emit()
            super().reject()
        elif button is self._keep:
            super().reject()
        else:
            self.title.setFocus(Qt.FocusReason.OtherFocusReason)

    def form(self) -> IntakeForm:
        return IntakeForm(
            title=self.title.text(), klass=self.klass.currentData() or "", type=self.type.currentText(),
            level=self.level.currentData() or "", lat=self.lat.text(), lon=self.lon.text(),
            address=self.address.text(), district=self.district.currentText(),
            source=self.source.currentData(),
            reporter=self.reporter.text(), callback=self.callback.text(),
            **{k: str(b.value()) for k, b in self.counts.items()},
            description=self.description.toPlainText(), warning_colour=self.warning.currentData() or "",
        )

    def show_errors(self, errors: list[FieldError]) -> None:
        lines = [f"• {labels.field_name(e.field)} {labels.field_error(e.code, e.detail)}" for e in errors]
        self.errors.setText(self.tr("Not saved — please correct:") + "\n" + "\n".join(lines))
        self.errors.show()
        bad = {e.field for e in errors}
        for name, w in self._rows.items():
            w.setProperty("invalid", name in bad)
            w.style().unpolish(w)
            w.style().polish(w)
        first = next((self._rows[e.field] for e in errors if e.field in self._rows), None)
        if first is not None:
            first.setFocus(Qt.FocusReason.OtherFocusReason)

    def try_accept(self) -> None:
        try:
            result = self._submit(self.form())
        except IntakeRejected as exc:
            self.show_errors(exc.errors)
            return
        if result is None:  # the store refused (disk full...): the message went to the user already
            return
        self.result_value = result
        self.accept()
