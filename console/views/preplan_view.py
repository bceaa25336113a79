"""The Preplan area: ranked plans for the selected incident with their reasons, the response level, the
one-key activation, and the live checklist worked from the keyboard (Space done, Enter in progress,
S skip with a reason, B blocked, T back to to-do, A/N/E assignee, notes, evidence)."""
from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QRect, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QColor, QKeySequence, QPainter
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListView,
    QProgressBar,
    QPushButton,
    QStyledItemDelegate,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from console.domain.incident import Level
from console.domain.preplan import ItemState
from console.models import labels
from console.models.checklist_model import GROUP_ROLE, PROGRESS_ROLE, ROW_ROLE, ChecklistModel
from console.models.preplan_match_model import LEVEL_ROLE, PLAN_ID_ROLE, REASONS_ROLE, PreplanMatchModel

if TYPE_CHECKING:
    from console.views.preplan_editor import PreplanEditor

_KEYS = {Qt.Key.Key_Space: "toggle", Qt.Key.Key_Return: "progress", Qt.Key.Key_Enter: "progress",
         Qt.Key.Key_S: "skip", Qt.Key.Key_B: "block", Qt.Key.Key_T: "todo", Qt.Key.Key_A: "assignee",
         Qt.Key.Key_N: "notes", Qt.Key.Key_E: "evidence"}
# Colours that differ between day and night live in resources/styles; these read on both.
_STYLE = """
QPushButton#activateButton { background: #b3261e; color: #ffffff; font-size: 14pt; font-weight: bold;
    border: 1px solid #e0403a; border-radius: 4px; padding: 10px 18px; }
QPushButton#activateButton:hover { background: #cf3328; }
QPushButton#activateButton:disabled { background: #3a2a2a; color: #8a7070; border-color: #4a3434; }
QLabel#preplanHeading { font-size: 12pt; font-weight: bold; }
QLabel#sectionTitle { color: #7f93a8; font-weight: bold; letter-spacing: 1px; padding-top: 4px; }
#matchReasons { background: rgba(74, 163, 255, 0.08); border-left: 3px solid #4aa3ff; padding: 4px 8px; }
QLabel
#overdueCount { background: #e0403a; color: white; padding: 2px 8px; border-radius: 3px; font-weight: bold; }
QLabel
QLabel#keyHints { color: #7f93a8; }
"""


def _named_label(name: str, text: str = "") -> QLabel:
    """A label the style sheet finds by object name."""
    label = QLabel(text)
    label.setObjectName(name)
    return label


class ChecklistTree(QTreeView):
    keyAction = Signal(str)

    def keyPressEvent(self, event) -> None:  # noqa: N802
        action = _KEYS.get(Qt.Key(event.key()))
        if action and not event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier:
            self.keyAction.emit(action)
            event.accept()
            return
        super().keyPressEvent(event)


class PhaseProgressDelegate(QStyledItemDelegate):
    """A small bar on phase rows so the progress of each phase reads at a glance."""

    def paint(self, painter: QPainter, option, index: QModelIndex | QPersistentModelIndex) -> None:
        progress = index.data(PROGRESS_ROLE)
        if not progress or index.column() != 1:
            super().paint(painter, option, index)
            return
        done, total = progress
        r = option.rect.adjusted(4, 6, -4, -6)
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(QColor("#223040"))
        painter.drawRoundedRect(r, 3, 3)
        if total:
            painter.setBrush(QColor("#58c46b") if done == total else QColor("#2b6cb0"))
            painter.drawRoundedRect(QRect(r.x(), r.y(), int(r.width() * done / total), r.height()), 3, 3)
        painter.setPen(QColor("#ffffff"))
        painter.drawText(r, Qt.AlignmentFlag.AlignCenter, f"{done}/{total}")
        painter.restore()


class ReasonDialog(QDialog):
    """Asks why; OK stays disabled while a required reason is empty."""

    def __init__(self, title: str, prompt: str, required: bool, parent=None) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.edit = QLineEdit()
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        if required:
            ok.setEnabled(False)
            self.edit.textChanged.connect(lambda t: ok.setEnabled(bool(t.strip())))
        lay = QVBoxLayout(self)
        lay.addWidget(QLabel(prompt))
        lay.addWidget(self.edit)
        lay.addWidget(self.buttons)

    def text(self) -> str:
        return self.edit.text().strip()


class PreplanView(QWidget):
    activated = Signal(str)  # activation id

    def __init__(self, preplan_service, ops, clock, parent=None,
                 beep: Callable[[], None] = QApplication.beep) -> None:
        super().__init__(parent)
        self.setStyleSheet(_STYLE)
        self._svc, self._ops, self._clock, self._beep = preplan_service, ops, clock, beep
        self.incident_id: str | None = None
        self._known_overdue: set[str] = set()
        self._filtered = False
        self.reason_dialog: ReasonDialog | None = None
        self.editor: PreplanEditor | None = None
        self.match_model = PreplanMatchModel(preplan_service, self)
        self.model = ChecklistModel(preplan_service, clock, self)
        self._build()
        ops.changed.connect(self.on_changes)
        self.timer = QTimer(self, interval=1000)
        self.timer.timeout.connect(self.tick)
        self.timer.start()
        self.set_incident(None)

    # -- layout
    def _build(self) -> None:
        self.heading = _named_label("preplanHeading")
        self.heading.setWordWrap(True)
        self.matches = QListView()
        self.matches.setModel(self.match_model)
        self.matches.selectionModel().currentRowChanged.connect(self._plan_chosen)
        self.reasons = _named_label("matchReasons")
        self.reasons.setWordWrap(True)
        self.level = QComboBox()
        for lv in Level:
            self.level.addItem(labels.level(lv), int(lv))
        self.activate_button = QPushButton(self.tr("One-key activate"))
        self.activate_button.setObjectName("activateButton")
        self.activate_button.setToolTip(
            self.tr("Activate the chosen plan at the chosen level (Ctrl+Shift+A)")
        )
        self.activate_button.clicked.connect(self.activate_current)
        self.act_activate = QAction(self.tr("One-key activate"), self)
        self.act_activate.setShortcut(QKeySequence("Ctrl+Shift+A"))
        self.act_activate.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        self.act_activate.triggered.connect(self.activate_current)
        self.addAction(self.act_activate)

        self.activation = QComboBox()
        self.activation.currentIndexChanged.connect(self._activation_chosen)
        self.progress = QProgressBar()
        self.progress.setFormat(self.tr("%v of %m closed"))
        self.overdue = _named_label("overdueCount")
        self.sound = QCheckBox(self.tr("Sound on overdue"))
        self.group = QComboBox()
        self.group.currentIndexChanged.connect(self._apply_group_filter)
        self.new_level = QComboBox()
        for lv in Level:
            self.new_level.addItem(self.tr("Level {0}").format(lv.roman), int(lv))
        self.change_level = QPushButton(self.tr("Change level"))
        self.change_level.clicked.connect(self.change_response_level)
        self.stand_down_button = QPushButton(self.tr("Stand down"))
        self.stand_down_button.clicked.connect(self.stand_down)
        self.edit_plans = QPushButton(self.tr("Plans…"))
        self.edit_plans.clicked.connect(self.open_editor)

        self.tree = ChecklistTree()
        self.tree.setModel(self.model)
        self.tree.setItemDelegateForColumn(1, PhaseProgressDelegate(self.tree))
        self.tree.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.tree.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.tree.setAlternatingRowColors(True)
        self.tree.setUniformRowHeights(True)
        # At least eight checklist rows on any screen; the area scrolls rather than squeezing them.
        self.tree.setMinimumHeight(8 * (self.tree.fontMetrics().height() + 10) + 34
                                   + self.tree.horizontalScrollBar().sizeHint().height())
        self.tree.keyAction.connect(self.key_action)
        hh = self.tree.header()
        hh.setStretchLastSection(False)
        # Fixed widths from the font, not ResizeToContents: measuring 200 rows on every change is what
        # made activation slow. Long notes stay readable in the tooltip and the fields below.
        hh.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        hh.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        fm = self.tree.fontMetrics()
        for col, sample in (("state", "In progress"), ("group", "抢险救援组组"), ("assignee", "张伟伟"),
                            ("due", "overdue 0:00:00"), ("notes", "通知回执: 短信平")):
            hh.resizeSection(ChecklistModel.COLUMNS.index(col), fm.horizontalAdvance(sample) + 18)
        self.tree.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.model.modelReset.connect(self._after_reset)
        self.tree.selectionModel().currentChanged.connect(self._item_chosen)

        self.assignee = QLineEdit(placeholderText=self.tr("Assignee (A)"))
        self.assignee.editingFinished.connect(lambda: self._save_text("assignee", self.assignee.text()))
        self.notes = QLineEdit(placeholderText=self.tr("Notes (N)"))
        self.notes.editingFinished.connect(lambda: self._save_text("notes", self.notes.text()))
        self.evidence_kind = QComboBox(editable=True)
        # Evidence kinds such as 报送回执 or 连续监测报告 are read whole, not cut after four characters.
        self.evidence_kind.setMinimumContentsLength(10)
        self.evidence_kind.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.evidence_ref = QLineEdit(placeholderText=self.tr("Evidence reference (E), Enter to attach"))
        self.evidence_ref.returnPressed.connect(self.attach_evidence)
        self.status = _named_label("preplanStatus")
        self.status.setWordWrap(True)
        self.summary = QLabel()
        self.hints = _named_label("keyHints", self.tr("Space done · Enter in progress · S skip · B blocked · "
                                                      "T to do · A assignee · N notes · E evidence"))

        lay = QVBoxLayout(self)
        lay.setContentsMargins(6, 6, 6, 6)
        lay.setSpacing(4)
        lay.addWidget(self.heading)
        lay.addWidget(_named_label("sectionTitle", self.tr("MATCHING PLANS")))
        lay.addWidget(self.matches)
        lay.addWidget(self.reasons)
        row = QHBoxLayout()
        row.addWidget(QLabel(self.tr("Response level")))
        row.addWidget(self.level, 1)
        row.addWidget(self.activate_button, 2)
        lay.addLayout(row)
        lay.addWidget(_named_label("sectionTitle", self.tr("CHECKLIST")))
        row = QHBoxLayout()
        row.addWidget(self.activation, 1)
        row.addWidget(self.overdue)
        lay.addLayout(row)
        lay.addWidget(self.progress)  # a row of its own: the hint it shows before activation is long
        row = QHBoxLayout()
        row.addWidget(self.group, 1)
        row.addWidget(self.sound)
        row.addStretch()
        row.addWidget(self.new_level)
        row.addWidget(self.change_level)
        row.addWidget(self.stand_down_button)
        row.addWidget(self.edit_plans)
        lay.addLayout(row)
        lay.addWidget(self.tree, 1)
        row = QHBoxLayout()
        row.addWidget(self.assignee, 1)
        row.addWidget(self.notes, 2)
        lay.addLayout(row)
        row = QHBoxLayout()
        row.addWidget(self.evidence_kind)
        row.addWidget(self.evidence_ref, 1)
        lay.addLayout(row)
        lay.addWidget(self.status)
        lay.addWidget(self.summary)
        lay.addWidget(self.hints)

    # -- incident and plans
    def set_incident(self, incident_id: str | None) -> None:
        self.incident_id = incident_id
        inc = self._svc.incidents.get(incident_id) if incident_id else None
        self.heading.setText(inc.title if inc else self.tr("Select an incident on the incident board"))
        self.match_model.set_incident(incident_id if inc else None)
        rows = min(max(self.match_model.rowCount(), 1), 4)
        self.matches.setFixedHeight(rows * self.matches.sizeHintForRow(0) + 6 if self.match_model.rowCount()
                                    else 28)
        if self.match_model.rowCount():
            self.matches.setCurrentIndex(self.match_model.index(0))
        else:
            self.reasons.setText(self.tr("No plan matches this incident.") if inc else "")
        self._load_activations()

    def _plan_chosen(self, current: QModelIndex, _prev=None) -> None:
        if not current.isValid():
            return
        self.level.setCurrentIndex(self.level.findData(current.data(LEVEL_ROLE)))
        self.reasons.setText("\n".join(("＋" if pts > 0 else "－") + text for text,
                                       pts in current.data(REASONS_ROLE)))
        self._update_activate()

    def _update_activate(self) -> None:
        """A plan already running for this incident is changed by level, not activated twice."""
        plan_id = self.current_plan_id()
        running = bool(self.incident_id and plan_id and any(
            a.active and a.plan_id == plan_id for a in self._svc.activations(self.incident_id)))
        self.activate_button.setEnabled(bool(plan_id) and not running)
        self.activate_button.setText(self.tr("Active") if running else self.tr("One-key activate"))

    def current_plan_id(self) -> str | None:
        idx = self.matches.currentIndex()
        return idx.data(PLAN_ID_ROLE) if idx.isValid() else None

    def activate_current(self) -> None:
        plan_id = self.current_plan_id()
        if not (self.incident_id and plan_id):
            self._say(self.tr("Select an incident and a plan first."))
            return
        level = Level(self.level.currentData())
        result = self._call(self._svc.activate, self.incident_id, plan_id, level)
        if result is None:
            return
        self.show_activation(result.value.id)
        self.tree.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self._say("")
        self.activated.emit(result.value.id)

    # -- activations
    def _load_activations(self, keep: str | None = None) -> None:
        acts = self._svc.activations(self.incident_id) if self.incident_id else []
        keep = keep or self.model.activation_id
        self.activation.blockSignals(True)
        self.activation.clear()
        for a in acts:
            when = a.activated_at.astimezone().strftime("%H:%M")
            state = self.tr("stood down") if not a.active else self.tr("level {0}").format(a.level.roman)
            self.activation.addItem(f"{a.plan_title} · {state} · {when}", a.id)
        if not acts:
            self.activation.addItem(self.tr("No activation for this incident"), None)
        self.activation.blockSignals(False)
        ids = [a.id for a in acts]
        self.activation.setCurrentIndex(ids.index(keep) if keep in ids else 0)
        self._activation_chosen()

    def show_activation(self, activation_id: str) -> None:
        self._load_activations(keep=activation_id)

    def _activation_chosen(self, *_args) -> None:
        aid = self.activation.currentData()
        if aid != self.model.activation_id:
            self.model.set_activation(aid)
        self._known_overdue = self.model.overdue_ids()
        self._update_status()

    def _after_reset(self) -> None:
        self.tree.expandAll()
        groups = sorted({(r.item.group_id, r.item.group_name) for r in self.model.rows()})
        current = self.group.currentData()
        self.group.blockSignals(True)
        self.group.clear()
        self.group.addItem(self.tr("All groups"), None)
        for gid, name in groups:
            self.group.addItem(name, gid)
        self.group.setCurrentIndex(max(0, self.group.findData(current)))
        self.group.blockSignals(False)
        self._apply_group_filter()
        first = self.model.index(0, 0)
        if first.isValid() and self.model.rowCount(first):
            self.tree.setCurrentIndex(self.model.index(0, 0, first))

    def _apply_group_filter(self, *_args) -> None:
        gid = self.group.currentData()
        if gid is None and not self._filtered:
            return
        self._filtered = gid is not None
        for i in range(self.model.rowCount()):
            parent = self.model.index(i, 0)
            for j in range(self.model.rowCount(parent)):
                hide = gid is not None and self.model.index(j, 0, parent).data(GROUP_ROLE) != gid
                self.tree.setRowHidden(j, parent, hide)

    def _update_status(self) -> None:
        aid = self.model.activation_id
        act = self._svc.activation(aid) if aid else None
        live = bool(act and act.active)
        for w in (self.change_level, self.stand_down_button, self.new_level, self.assignee, self.notes,
                  self.evidence_ref):
            w.setEnabled(live)
        done, total = self.model.progress()
        self.progress.setRange(0, max(total, 1))
        self.progress.setValue(done)
        # Before any activation there is nothing to count; say what to do instead.
        self.progress.setFormat(self.tr("%v of %m closed") if act else
                                self.tr("No preplan active: choose one above, then Ctrl+Shift+A"))
        self._update_activate()
        n = len(self.model.overdue_ids())
        self.overdue.setVisible(n > 0)
        self.overdue.setText(self.tr("%n overdue", "", n))
        if act:
            self.new_level.setCurrentIndex(self.new_level.findData(int(act.level)))
            sent = self._svc.dispatches(aid)
            queued = [o for o in self._svc.outbox(aid) if o["state"] == "no_link"]
            by_hand = [t for t in self._svc.tasks(aid) if not t.done]
            self.summary.setText(
                self.tr(
                    "{0} resources ordered · {1} notifications waiting for a device link · "
                    "{2} notices to make by hand"
                ).format(len(sent), len(queued), len(by_hand))
            )
        else:
            self.summary.setText("")

    def on_changes(self, changes) -> None:
        # The checklist first, so every count below is read from the data as it is now.
        self.model.on_changes(changes)
        plan_id = self.current_plan_id()
        self.match_model.on_changes(changes)
        if plan_id and self.current_plan_id() != plan_id:  # the ranking was re-read: keep the chosen plan
            self._select_plan(plan_id)
        if changes.reset or changes.checklists or changes.activations or changes.incidents or changes.tasks:
            self._load_activations()
        self._item_chosen(self.tree.currentIndex())

    def _select_plan(self, plan_id: str) -> None:
        for row in range(self.match_model.rowCount()):
            idx = self.match_model.index(row)
            if idx.data(PLAN_ID_ROLE) == plan_id:
                self.matches.setCurrentIndex(idx)
                return

    def tick(self) -> None:
        self.model.tick()
        before, now_overdue = self._known_overdue, self.model.overdue_ids()
        self._known_overdue = now_overdue
        if now_overdue - before and self.sound.isChecked():
            self._beep()
        if now_overdue != before:
            self._update_status()

    # -- the current item
    def current_row(self):
        idx = self.tree.currentIndex()
        return idx.siblingAtColumn(0).data(ROW_ROLE) if idx.isValid() else None

    def _item_chosen(self, current: QModelIndex, _prev=None) -> None:
        r = current.siblingAtColumn(0).data(ROW_ROLE) if current.isValid() else None
        self.assignee.setText(r.assignee if r else "")
        self.notes.setText(r.notes if r else "")
        self.evidence_kind.clear()
        if r:
            self.evidence_kind.addItems(list(r.item.missing_evidence()) or list(r.item.evidence_required))

    def key_action(self, action: str) -> None:
        r = self.current_row()
        if r is None:
            return
        if action == "assignee":
            self.assignee.setFocus(Qt.FocusReason.ShortcutFocusReason)
        elif action == "notes":
            self.notes.setFocus(Qt.FocusReason.ShortcutFocusReason)
        elif action == "evidence":
            self.evidence_ref.setFocus(Qt.FocusReason.ShortcutFocusReason)
        elif action == "toggle":
            self.set_state(ItemState.IN_PROGRESS if r.item.state is ItemState.DONE else ItemState.DONE)
        elif action == "progress":
            self.set_state(ItemState.IN_PROGRESS)
        elif action == "todo":
            self.set_state(ItemState.TODO)
        elif action in ("skip", "block"):
            self.ask_reason(ItemState.SKIPPED if action == "skip" else ItemState.BLOCKED)

    def ask_reason(self, state: ItemState) -> ReasonDialog:
        skip = state is ItemState.SKIPPED
        dlg = ReasonDialog(self.tr("Skip item") if skip else self.tr("Item blocked"),
                           self.tr("Why is this item skipped? (required)") if skip
                           else self.tr("What blocks this item? (optional)"), skip, self)
        row_id = self.current_row().id
        dlg.accepted.connect(lambda: self.set_state(state, dlg.text(), row_id))
        dlg.finished.connect(lambda _r: self.tree.setFocus())
        self.reason_dialog = dlg
        dlg.open()
        return dlg

    def set_state(self, state: ItemState, reason: str = "", row_id: str | None = None) -> None:
        r = self.current_row()
        row_id = row_id or (r.id if r else None)
        if row_id and self._call(self._svc.set_item_state, row_id, state, reason) is not None:
            self._say("")

    def _save_text(self, which: str, text: str) -> None:
        r = self.current_row()
        if r is None or text.strip() == getattr(r, which):
            return
        fn = self._svc.set_assignee if which == "assignee" else self._svc.set_notes
        self._call(fn, r.id, text)

    def attach_evidence(self) -> None:
        r, kind, ref = self.current_row(), self.evidence_kind.currentText().strip(), self.evidence_ref.text()
        if r is None or not kind or not ref.strip():
            return
        if self._call(self._svc.set_evidence, r.id, kind, ref) is not None:
            self.evidence_ref.clear()
            self.tree.setFocus()

    # -- escalation, stand-down, editor
    def change_response_level(self) -> None:
        aid = self.model.activation_id
        if aid:
            self._call(self._svc.escalate, aid, Level(self.new_level.currentData()))

    def stand_down(self) -> None:
        aid = self.model.activation_id
        if aid:
            self._call(self._svc.stand_down, aid)

    def open_editor(self):
        from console.views.preplan_editor import PreplanEditor

        self.editor = PreplanEditor(self._svc, self._ops, self.current_plan_id(), self)
        self.editor.open()
        return self.editor

    # -- plumbing
    def _call(self, fn, *args):
        """Through Operations; rule violations (a skip without reason, a missing evidence) show inline."""
        try:
            return self._ops.run(fn, *args)
        except (ValueError, KeyError) as exc:
            self._say(str(exc.args[0]) if exc.args else str(exc))
            return None

    def _say(self, text: str) -> None:
        self.status.setText(text)
        self.status.setVisible(bool(text))


def make_preplan_area(services, preplan_service, ops, clock, parent=None) -> PreplanView:
    """The Preplan area for the main window; loads the shipped sample plans that are not stored yet."""
    ops.run(preplan_service.load_samples)
    return PreplanView(preplan_service, ops, clock, parent)
