"""预警发布: the duty officer's warning for districts, written as a CAP 1.2 message. The colour sets
CAP severity, urgency and certainty (console.domain.cap.publish.COLOUR_CAP)."""
from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QSpinBox,
    QVBoxLayout,
)

from console.domain.cap.publish import COLOUR_CAP, EVENTS, WarningForm


class PublishWarningDialog(QDialog):
    def __init__(self, districts: dict[str, str], submit, parent=None) -> None:
        """districts: code -> name; submit(form) publishes and returns the stored alert (None: failed)."""
        super().__init__(parent)
        self.setWindowTitle(self.tr("Publish a warning"))
        self._submit = submit
        self.result_value = None
        self.event_kind = QComboBox()
        names = {"typhoon": self.tr("Typhoon"), "rainstorm": self.tr("Rainstorm"),
                 "storm_surge": self.tr("Storm surge"), "flood": self.tr("Flood"),
                 "waterlogging": self.tr("Urban waterlogging"), "gale": self.tr("Gale"), "heat": self.tr("Heat"),
                 "fog": self.tr("Fog")}
        for key in EVENTS:
            self.event_kind.addItem(names.get(key, key), key)
        self.colour = QComboBox()
        colours = {"blue": self.tr("Blue"), "yellow": self.tr("Yellow"), "orange": self.tr("Orange"),
                   "red": self.tr("Red")}
        for key in COLOUR_CAP:
            self.colour.addItem(colours[key], key)
        self.mapping = QLabel()
        self.mapping.setTextFormat(Qt.TextFormat.PlainText)
        self.colour.currentIndexChanged.connect(self._show_mapping)
        self.districts = QListWidget()
        for code, name in districts.items():
            item = QListWidgetItem(name)
            item.setData(Qt.ItemDataRole.UserRole, code)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Unchecked)
            self.districts.addItem(item)
        self.districts.setMaximumHeight(160)
        self.instruction_zh = QPlainTextEdit()
        self.instruction_zh.setPlaceholderText(self.tr("What the public should do (Chinese)"))
        self.instruction_en = QPlainTextEdit()
        self.instruction_en.setPlaceholderText(self.tr("What the public should do (English)"))
        for edit in (self.instruction_zh, self.instruction_en):
            edit.setMaximumHeight(70)
        self.lang_zh = QCheckBox(self.tr("Chinese"))
        self.lang_zh.setChecked(True)
        self.lang_en = QCheckBox(self.tr("English"))
        self.lang_en.setChecked(True)
        langs = QHBoxLayout()
        langs.addWidget(self.lang_zh)
        langs.addWidget(self.lang_en)
        langs.addStretch(1)
        self.hours = QSpinBox()
        self.hours.setRange(1, 168)
        self.hours.setValue(24)
        self.hours.setSuffix(self.tr(" h"))
        self.error = QLabel()
        self.error.setObjectName("formError")
        self.error.setTextFormat(Qt.TextFormat.PlainText)
        form = QFormLayout()
        form.addRow(self.tr("Event"), self.event_kind)
        form.addRow(self.tr("Colour"), self.colour)
        form.addRow("", self.mapping)
        form.addRow(self.tr("Districts"), self.districts)
        form.addRow(self.tr("Instruction"), self.instruction_zh)
        form.addRow("", self.instruction_en)
        form.addRow(self.tr("Languages"), langs)
        form.addRow(self.tr("Valid for"), self.hours)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("Publish"))
        buttons.accepted.connect(self.publish)
        buttons.rejected.connect(self.reject)
        lay = QVBoxLayout(self)
        lay.addLayout(form)
        lay.addWidget(self.error)
        lay.addWidget(buttons)
        self._show_mapping()

    def _show_mapping(self) -> None:
        severity, urgency, certainty = COLOUR_CAP[self.colour.currentData()]
        self.mapping.setText(self.tr("CAP: severity {0}, urgency {1}, certainty {2}").format(
            severity, urgency, certainty))

    def form(self) -> WarningForm:
        codes = tuple(self.districts.item(i).data(Qt.ItemDataRole.UserRole) for i in range(self.districts.count())
                      if self.districts.item(i).checkState() == Qt.CheckState.Checked)
        langs = tuple(lang for lang, box in (("zh-CN", self.lang_zh), ("en-US", self.lang_en)) if box.isChecked())
        return WarningForm(self.event_kind.currentData(), self.colour.currentData(), codes,
                           {"zh-CN": self.instruction_zh.toPlainText(), "en-US": self.instruction_en.toPlainText()},
                           langs, self.hours.value())

    def publish(self) -> None:
        form = self.form()
        problems = form.problems()
        if "districts" in problems:
            self.error.setText(self.tr("Choose at least one district."))
            return
        if "languages" in problems:
            self.error.setText(self.tr("Choose at least one language."))
            return
        self.result_value = self._submit(form)
        if self.result_value is not None:
            self.accept()
