"""The device manager area: ports, configured devices with live link status, a traffic monitor and
the radio outbox. An emergency from any device shows as a banner that stays until acknowledged."""
from __future__ import annotations

from typing import cast

from PySide6.QtCore import QSortFilterProxyModel, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFormLayout,
    QFrame,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QSplitter,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from console.models.device_models import ID_ROLE, DevicesModel, OutboxModel, TrafficModel, protocol_label
from console.services.devices import DEFAULT_BAUD, PROTOCOLS
from console.views.send_dialog import SendDialog
from console.views.tables import fit_to_contents

BAUDS = (4800, 9600, 19200, 38400, 57600, 115200)
# Scoped to this area so both themes keep their palette; only the alarm colours are fixed.
STYLE = """
QGroupBox { border: 1px solid #2a3746; border-radius: 4px; margin-top: 14px; padding-top: 6px;
            font-weight: bold; }
QGroupBox::title { subcontrol-origin: margin; left: 8px; padding: 0 4px; color: #9fb4c9; }
QLabel#areaHint { color: #7f93a8; }
"""


def _table(model, stretch_col: int | None = None) -> QTableView:
    t = QTableView()
    t.setModel(model)
    t.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    t.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    t.setAlternatingRowColors(True)
    t.verticalHeader().hide()
    t.verticalHeader().setDefaultSectionSize(24)
    t.setWordWrap(False)
    h = t.horizontalHeader()
    fit_to_contents(h)
    if stretch_col is not None:
        h.setSectionResizeMode(stretch_col, QHeaderView.ResizeMode.Stretch)
    return t


ALERT_STYLE = """
#alertBanner { background: #b3141b; border: 2px solid #ff6b6b; border-radius: 4px; }
#alertBanner QLabel { background: transparent; color: #ffffff; font-size: 13pt; font-weight: bold; }
#alertBanner QPushButton { background: #ffffff; color: #b3141b; font-weight: bold; border: none;
                           padding: 6px 14px; }
"""


class AlertBanner(QFrame):
    """Unmissable: red, on top, with the newest emergency, until someone acknowledges it.

    `source` has `open_alerts()` (dicts with "id" and "text", oldest first) and `acknowledge_alert(id)`
    (a service write returning a Result); the banner reads it again when Changes name `table`: the
    device manager's radio emergencies ("alerts"), the warnings area's CAP alerts ("warnings")."""

    acknowledged = Signal(str)

    def __init__(self, source, ops, table: str = "alerts", parent=None) -> None:
        super().__init__(parent)
        self.setObjectName("alertBanner")
        # Its own style: the same alarm red in both themes, wherever the banner is placed.
        self.setStyleSheet(ALERT_STYLE)
        self._source, self._ops, self._table = source, ops, table
        self._open: list = []
        self.label = QLabel()
        self.label.setWordWrap(True)
        self.ack = QPushButton(self.tr("Acknowledge"))
        self.ack.clicked.connect(self.acknowledge)
        lay = QHBoxLayout(self)
        lay.setContentsMargins(12, 8, 12, 8)
        lay.addWidget(self.label, 1)
        lay.addWidget(self.ack)
        ops.changed.connect(self.on_changes)
        self.hide()

    def on_changes(self, changes) -> None:
        if getattr(changes, self._table) or changes.reset:
            self.refresh()

    def refresh(self) -> None:
        self._open = self._source.open_alerts()
        self._show()

    def _show(self) -> None:
        if not self._open:
            self.hide()
            return
        more = len(self._open) - 1
        text = "⚠ " + self._open[-1]["text"]
        if more:
            text += "  " + self.tr("(%n more)", "", more)
        self.label.setText(text)
        self.show()

    def acknowledge(self) -> None:
        if not self._open:
            return
        alert = self._open.pop()
        self._ops.run(self._source.acknowledge_alert, alert["id"])
        self.acknowledged.emit(alert["id"])
        self._show()


class DevicesView(QWidget):
    def __init__(self, manager, ops, units=lambda: [], parent=None) -> None:
        super().__init__(parent)
        self.setObjectName("devicesView")
        self.setStyleSheet(STYLE)
        self._mgr, self._ops, self._units = manager, ops, units
        self.devices_model = DevicesModel(manager, self)
        self.traffic_model = TrafficModel(manager, parent=self)
        self.outbox_model = OutboxModel(manager, self)
        self.banner = AlertBanner(manager, ops)
        for model in (self.devices_model, self.traffic_model, self.outbox_model):
            ops.changed.connect(model.on_changes)
        self.dialog: SendDialog | None = None

        # -- add a device ------------------------------------------------------------------------
        self.port = QComboBox()
        self.port.setEditable(True)
        cast(QLineEdit, self.port.lineEdit()).setPlaceholderText(  # editable: it has one
            self.tr("/dev/ttyUSB0 or a /dev/pts path"))
        self.refresh_ports = QPushButton(self.tr("Rescan"))
        self.refresh_ports.clicked.connect(self.rescan)
        self.name = QLineEdit()
        self.name.setPlaceholderText(self.tr("e.g. Command car radio"))
        self.protocol = QComboBox()
        for p in PROTOCOLS:
            self.protocol.addItem(protocol_label(p), p)
        self.baud = QComboBox()
        for b in BAUDS:
            self.baud.addItem(str(b), b)
        self.protocol.currentIndexChanged.connect(
            lambda: self.baud.setCurrentIndex(self.baud.findData(DEFAULT_BAUD[self.protocol.currentData()])))
        self.baud.setCurrentIndex(self.baud.findData(DEFAULT_BAUD["tetra"]))
        self.add_button = QPushButton(self.tr("Add device"))
        self.add_button.clicked.connect(self.add_device)
        port_row = QHBoxLayout()
        port_row.addWidget(self.port, 1)
        port_row.addWidget(self.refresh_ports)
        add_box = QGroupBox(self.tr("Add a device"))
        form = QFormLayout(add_box)
        form.addRow(self.tr("Port"), port_row)
        form.addRow(self.tr("Name"), self.name)
        form.addRow(self.tr("Protocol"), self.protocol)
        form.addRow(self.tr("Baud"), self.baud)
        form.addRow(self.add_button)
        hint = QLabel(self.tr("Detected serial ports and paths you typed are listed. A device you leave "
                              "connected reconnects when the console starts."))
        hint.setObjectName("areaHint")
        hint.setWordWrap(True)
        form.addRow(hint)
        add_box.setMaximumWidth(380)

        # -- configured devices ------------------------------------------------------------------
        self.devices = _table(self.devices_model, stretch_col=1)
        self.devices.setTextElideMode(Qt.TextElideMode.ElideMiddle)  # long /dev/serial/by-id names
        self.connect_button = QPushButton(self.tr("Connect"))
        self.disconnect_button = QPushButton(self.tr("Disconnect"))
        self.remove_button = QPushButton(self.tr("Remove"))
        self.send_button = QPushButton(self.tr("Send message…"))
        self.send_button.setDefault(True)
        self.connect_button.clicked.connect(lambda: self._on_selected(self._mgr.connect_device))
        self.disconnect_button.clicked.connect(lambda: self._on_selected(self._mgr.disconnect_device))
        self.remove_button.clicked.connect(lambda: self._on_selected(self._mgr.remove_device))
        self.send_button.clicked.connect(self.open_send_dialog)
        buttons = QHBoxLayout()
        for button in (self.connect_button, self.disconnect_button, self.remove_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        buttons.addWidget(self.send_button)
        dev_box = QGroupBox(self.tr("Configured devices"))
        dl = QVBoxLayout(dev_box)
        dl.addWidget(self.devices, 1)
        dl.addLayout(buttons)
        top = QHBoxLayout()
        top.addWidget(add_box)
        top.addWidget(dev_box, 1)
        top_w = QWidget()
        top_w.setLayout(top)
        top.setContentsMargins(0, 0, 0, 0)

        # -- traffic monitor ---------------------------------------------------------------------
        self.traffic_proxy = QSortFilterProxyModel(self)
        self.traffic_proxy.setSourceModel(self.traffic_model)
        self.traffic_proxy.setFilterKeyColumn(-1)
        self.traffic_proxy.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.filter = QLineEdit()
        self.filter.setPlaceholderText(self.tr("Filter: ISSI, card, sentence, text…"))
        self.filter.setClearButtonEnabled(True)
        self.filter.textChanged.connect(self.traffic_proxy.setFilterFixedString)
        self.pause = QPushButton(self.tr("Pause"))
        self.pause.setCheckable(True)
        self.pause.toggled.connect(self._set_paused)
        self.clear = QPushButton(self.tr("Clear"))
        self.clear.clicked.connect(self.traffic_model.clear)
        self.traffic = _table(self.traffic_proxy, stretch_col=4)
        self.traffic.horizontalHeader().setSectionResizeMode(3, QHeaderView.ResizeMode.Interactive)
        self.traffic.setColumnWidth(3, 420)
        self.traffic_model.rowsInserted.connect(self._follow)
        bar = QHBoxLayout()
        bar.addWidget(self.filter, 1)
        bar.addWidget(self.pause)
        bar.addWidget(self.clear)
        traffic_w = QWidget()
        tl = QVBoxLayout(traffic_w)
        tl.setContentsMargins(0, 6, 0, 0)
        tl.addLayout(bar)
        tl.addWidget(self.traffic, 1)
        self.outbox = _table(self.outbox_model, stretch_col=3)
        self.tabs = QTabWidget()
        self.tabs.addTab(traffic_w, self.tr("Traffic monitor"))
        self.tabs.addTab(self.outbox, self.tr("Outbox"))

        split = QSplitter(Qt.Orientation.Vertical)
        split.addWidget(top_w)
        split.addWidget(self.tabs)
        split.setStretchFactor(0, 2)
        split.setStretchFactor(1, 3)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(8, 8, 8, 8)
        lay.addWidget(self.banner)
        lay.addWidget(split, 1)
        self.rescan()
        if self.devices_model.rowCount():
            self.devices.selectRow(0)

    # -- slots ------------------------------------------------------------------------------------
    def rescan(self) -> None:
        current = self.port.currentText()
        self.port.clear()
        self.port.addItems(self._mgr.detected_ports())
        self.port.setEditText(current)

    def add_device(self) -> None:
        port = self.port.currentText().strip()
        if not port:
            self._ops.failed.emit(self.tr("Choose or type the port the device is on."))
            return
        self._mgr.remember_port(port)
        result = self._ops.run(self._mgr.add_device, self.name.text(), port, self.protocol.currentData(),
                               self.baud.currentData())
        if result is not None:
            self.name.clear()
            self.select_device(result.value.id)

    def select_device(self, device_id: str) -> None:
        row = self.devices_model.row_of(device_id)
        if row >= 0:
            self.devices.selectRow(row)

    def selected_device(self) -> str | None:
        rows = self.devices.selectionModel().selectedRows()
        return self.devices_model.data(rows[0], ID_ROLE) if rows else None

    def _on_selected(self, fn) -> None:
        dev = self.selected_device()
        if dev is not None:
            self._ops.run(fn, dev)

    def _set_paused(self, paused: bool) -> None:
        self.traffic_model.paused = paused
        self.pause.setText(self.tr("Resume") if paused else self.tr("Pause"))

    def _follow(self) -> None:
        # Keep the newest frame in view unless the operator scrolled up to read.
        bar = self.traffic.verticalScrollBar()
        if bar.value() >= bar.maximum() - 2 * self.traffic.verticalHeader().defaultSectionSize():
            self.traffic.scrollToBottom()

    def open_send_dialog(self) -> SendDialog:
        self.dialog = SendDialog(self._mgr, self._ops, self._units(), self, device_id=self.selected_device())
        self.dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.dialog.open()
        return self.dialog


def make_devices_area(manager, ops, parent=None) -> DevicesView:
    """The area for the main window's "devices" dock."""
    return DevicesView(manager, ops, units=manager.ingest.resources.units, parent=parent)
