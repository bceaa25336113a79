"""Send a text to a unit or a talk group over a TETRA radio or a BeiDou terminal, and watch it go
queued → sent → delivered."""
from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from console.models.device_models import STATE_COLOURS, state_label
from console.services.outbox import GROUP_PREFIX


class SendDialog(QDialog):
    sent = Signal(str)  # outbox id

    def __init__(self, manager, ops, units: list[dict], parent=None, device_id: str | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Send a message"))
        self.setObjectName("sendDialog")
        self._mgr, self._ops, self._units = manager, ops, units
        self.outbox_id: str | None = None
        self.channel = QComboBox()
        self.channel.addItem(self.tr("TETRA short data (SDS)"), "tetra")
        self.channel.addItem(self.tr("BeiDou short message"), "beidou")
        self.to_unit, self.to_group = QRadioButton(self.tr("Unit")), QRadioButton(self.tr("Talk group"))
        self.to_unit.setChecked(True)
        kinds = QButtonGroup(self)
        for b in (self.to_unit, self.to_group):
            kinds.addButton(b)
        self.unit = QComboBox()
        self.unit.setEditable(False)
        self.group = QLineEdit()
        self.group.setPlaceholderText(self.tr("Group number (GSSI)"))
        self.device = QComboBox()
        self.text = QPlainTextEdit()
        self.text.setPlaceholderText(self.tr("Message text"))
        self.text.setFixedHeight(90)
        self.state = QLabel(self.tr("Not sent yet"))
        self.state.setObjectName("deliveryState")
        self.error = QLabel()
        self.error.setObjectName("formErrors")
        self.error.hide()
        kind_row = QWidget()
        kl = QHBoxLayout(kind_row)
        kl.setContentsMargins(0, 0, 0, 0)
        kl.addWidget(self.to_unit)
        kl.addWidget(self.to_group)
        kl.addStretch(1)
        form = QFormLayout()
        form.addRow(self.tr("Channel"), self.channel)
        form.addRow(self.tr("Send to"), kind_row)
        form.addRow(self.tr("Unit"), self.unit)
        form.addRow(self.tr("Group"), self.group)
        form.addRow(self.tr("Device"), self.device)
        form.addRow(self.tr("Text"), self.text)
        form.addRow(self.tr("Delivery"), self.state)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.send_button = self.buttons.addButton(self.tr("Send"), QDialogButtonBox.ButtonRole.ActionRole)
        self.send_button.setDefault(True)
        self.send_button.clicked.connect(self.submit)
        self.buttons.rejected.connect(self.reject)
        lay = QVBoxLayout(self)
        lay.addLayout(form)
        lay.addWidget(self.error)
        lay.addWidget(self.buttons)
        self.channel.currentIndexChanged.connect(self._refill)
        self.to_group.toggled.connect(self._refill)
        ops.changed.connect(self._on_changes)
        if device_id:
            cfg = next((d for d in manager.devices() if d.id == device_id), None)
            if cfg is not None and cfg.protocol in ("tetra", "beidou"):
                self.channel.setCurrentIndex(self.channel.findData(cfg.protocol))
        self._refill()
        if device_id:
            i = self.device.findData(device_id)
            if i >= 0:
                self.device.setCurrentIndex(i)

    def _refill(self) -> None:
        channel = self.channel.currentData()
        field = "issi" if channel == "tetra" else "beidou_id"
        self.unit.clear()
        for u in self._units:
            if u.get(field):
                self.unit.addItem(f"{u['callsign']}  ·  {u[field]}", u[field])
        group_ok = channel == "tetra"
        self.to_group.setEnabled(group_ok)
        if not group_ok:
            self.to_unit.setChecked(True)
        self.unit.setEnabled(self.to_unit.isChecked())
        self.group.setEnabled(self.to_group.isChecked())
        self.device.clear()
        self.device.addItem(self.tr("Any connected device"), None)
        for d in self._mgr.devices():
            if d.protocol == channel:
                self.device.addItem(d.name, d.id)

    def recipient(self) -> str:
        if self.to_group.isChecked():
            g = self.group.text().strip()
            return GROUP_PREFIX + g if g else ""
        return self.unit.currentData() or ""

    def submit(self) -> None:
        to, text = self.recipient(), self.text.toPlainText().strip()
        problems = []
        if not to:
            problems.append(self.tr("Choose a unit or type a group number."))
        if not text:
            problems.append(self.tr("Type the message text."))
        if problems:
            self.error.setText("\n".join(problems))
            self.error.show()
            return
        self.error.hide()
        result = self._ops.run(self._mgr.send, self.channel.currentData(), to, text,
                               self.device.currentData())
        if result is None:
            return
        self.outbox_id = result.value
        self.send_button.setEnabled(False)
        self._show(self._mgr.outbox.get(self.outbox_id)["state"])
        self.sent.emit(self.outbox_id)

    def _on_changes(self, changes) -> None:
        if self.outbox_id and self.outbox_id in changes.outbox:
            row = self._mgr.outbox.get(self.outbox_id)
            if row is not None:
                self._show(row["state"], row["last_error"])

    def _show(self, state: str, error: str = "") -> None:
        self.state.setProperty("state", state)
        self.state.setText(state_label(state) + (f" — {error}" if error else ""))
        self.state.setStyleSheet(f"color: {STATE_COLOURS.get(state, '#dbe4ee')}; font-weight: bold;")
        self.state.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)

    def done(self, r: int) -> None:
        self._ops.changed.disconnect(self._on_changes)
        super().done(r)
