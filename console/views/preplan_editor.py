"""Editing a preplan: its items, deadlines and resources in a form, everything else as YAML, checked by
the same validator as an import. Saving or importing stores a new version; an invalid plan is refused
whole, with each problem at its line (double-click a problem to go there)."""
from __future__ import annotations

import re
from pathlib import Path

import yaml
from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor, QTextCursor
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from console.domain.preplan import PreplanError, Problem, check_text

ITEM_COLS = ("phase", "id", "text", "group", "deadline", "after", "from_level", "evidence", "depends_on")
RES_COLS = ("type", "count", "rule", "from_level", "note")
_BAD = QBrush(QColor(224, 64, 58, 90))


def _split(text: str) -> list[str]:
    return [p.strip() for p in text.replace("、", ",").replace("，", ",").split(",") if p.strip()]


def _number(text: str):
    """Numbers as numbers; anything else stays text so the validator can say what is wrong with it."""
    try:
        return int(text)
    except ValueError:
        return text


def _dump(doc: dict) -> str:
    return yaml.safe_dump(doc, allow_unicode=True, sort_keys=False, width=1000, default_flow_style=False)


class PreplanEditor(QDialog):
    def __init__(self, preplan_service, ops, plan_id: str | None = None, parent=None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Preplans"))
        self.resize(1000, 680)
        self._svc, self._ops = preplan_service, ops
        self._doc: dict = {}
        self.plan = QComboBox()
        self.version = QLabel()
        self.import_button = QPushButton(self.tr("Import YAML…"))
        self.export_button = QPushButton(self.tr("Export YAML…"))
        self.items = QTableWidget(0, len(ITEM_COLS))
        self.items.setHorizontalHeaderLabels([self.tr("Phase"), self.tr("Id"), self.tr("Item"),
                                              self.tr("Group"),
                                              self.tr("Deadline (min)"), self.tr("After item"),
                                              self.tr("From level"), self.tr("Evidence"),
                                              self.tr("Depends on")])
        self.resources = QTableWidget(0, len(RES_COLS))
        self.resources.setHorizontalHeaderLabels([self.tr("Type"), self.tr("Count"), self.tr("Rule"),
                                                  self.tr("From level"), self.tr("Note")])
        for t, stretch in ((self.items, 2), (self.resources, 4)):
            t.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
            t.horizontalHeader().setSectionResizeMode(stretch, QHeaderView.ResizeMode.Stretch)
            t.verticalHeader().hide()
        self.text = QPlainTextEdit()
        self.text.setLineWrapMode(QPlainTextEdit.LineWrapMode.NoWrap)
        self.tabs = QTabWidget()
        self.tabs.addTab(self._with_buttons(self.items, self.tr("Add item"), self.tr("Remove item")),
                         self.tr("Items and deadlines"))
        self.tabs.addTab(self._with_buttons(self.resources, self.tr("Add resource"),
                                            self.tr("Remove resource")),
                         self.tr("Resources"))
        self.tabs.addTab(self.text, self.tr("YAML"))
        self._tab = 0
        self.tabs.currentChanged.connect(self._tab_changed)
        self.problems = QListWidget()
        self.problems.setMaximumHeight(120)
        self.problems.itemDoubleClicked.connect(self._goto_problem)
        self.outcome = QLabel()
        self.check_button = QPushButton(self.tr("Check"))
        self.save_button = QPushButton(self.tr("Save as new version"))
        self.save_button.setDefault(True)
        close = QPushButton(self.tr("Close"))
        self.check_button.clicked.connect(self.check)
        self.save_button.clicked.connect(self.save)
        close.clicked.connect(self.reject)
        self.import_button.clicked.connect(self._ask_import)
        self.export_button.clicked.connect(self._ask_export)

        top = QHBoxLayout()
        top.addWidget(QLabel(self.tr("Plan")))
        top.addWidget(self.plan, 1)
        top.addWidget(self.version)
        top.addWidget(self.import_button)
        top.addWidget(self.export_button)
        bottom = QHBoxLayout()
        bottom.addWidget(self.outcome, 1)
        for b in (self.check_button, self.save_button, close):
            bottom.addWidget(b)
        lay = QVBoxLayout(self)
        lay.addLayout(top)
        lay.addWidget(self.tabs, 1)
        lay.addWidget(self.problems)
        lay.addLayout(bottom)
        self._load_plans(plan_id)
        self.plan.currentIndexChanged.connect(lambda _i: self.load(self.plan.currentData()))
        if self.plan.currentData():
            self.load(self.plan.currentData())

    def _with_buttons(self, table: QTableWidget, add_text: str, remove_text: str):
        w = QWidget()
        add, remove = QPushButton(add_text), QPushButton(remove_text)
        add.clicked.connect(lambda: self._add_row(table))
        remove.clicked.connect(
            lambda: table.removeRow(table.currentRow()) if table.currentRow() >= 0 else None
        )
        row = QHBoxLayout()
        row.addStretch()
        row.addWidget(add)
        row.addWidget(remove)
        lay = QVBoxLayout(w)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.addWidget(table)
        lay.addLayout(row)
        return w

    def _add_row(self, table: QTableWidget) -> None:
        at = table.currentRow() + 1 if table.currentRow() >= 0 else table.rowCount()
        table.insertRow(at)
        if table is self.items and at > 0:  # a new item joins the phase of the row above
            table.setItem(at, 0, QTableWidgetItem(above.text() if (above := table.item(at - 1, 0)) else ""))
        table.setCurrentCell(at, 1)

    # -- loading
    def _load_plans(self, select: str | None) -> None:
        self.plan.blockSignals(True)
        self.plan.clear()
        for r in self._svc.plan_rows():
            self.plan.addItem(r["title"], r["id"])
        self.plan.setCurrentIndex(max(0, self.plan.findData(select)))
        self.plan.blockSignals(False)

    def load(self, plan_id: str | None) -> None:
        if not plan_id:
            return
        versions = self._svc.versions(plan_id)
        self.version.setText(self.tr("version {0} of {1}").format(versions[0]["version"], len(versions)))
        self.set_text(self._svc.export_yaml(plan_id))

    def set_text(self, text: str) -> None:
        """Show a YAML document; the form holds what it can of it, the YAML tab holds all of it."""
        self.text.setPlainText(text)
        self._from_text()
        self.problems.clear()
        self.outcome.setText("")

    def _from_text(self) -> bool:
        try:
            doc = yaml.safe_load(self.text.toPlainText())
        except yaml.YAMLError:
            return False
        if not isinstance(doc, dict):
            return False
        self._doc = doc
        self._fill_tables()
        return True

    def _fill_tables(self) -> None:
        self.items.setRowCount(0)
        for phase in self._doc.get("phases") or []:
            for it in (phase.get("items") or []) if isinstance(phase, dict) else []:
                if not isinstance(it, dict):
                    continue
                dl = it.get("deadline")
                minutes, after = (dl.get("minutes"), dl.get("after")) if isinstance(dl, dict) else (dl, None)
                self._append(
                    self.items,
                    [
                        phase.get("id"),
                        it.get("id"),
                        it.get("text"),
                        it.get("group"),
                        minutes,
                        after,
                        it.get("from_level"),
                        "、".join(map(str, it.get("evidence") or [])),
                        ", ".join(map(str, it.get("depends_on") or [])),
                    ],
                )
        self.resources.setRowCount(0)
        for r in self._doc.get("resources") or []:
            if isinstance(r, dict):
                self._append(self.resources, [r.get(c) for c in RES_COLS])

    @staticmethod
    def _append(table: QTableWidget, values: list) -> None:
        row = table.rowCount()
        table.insertRow(row)
        for c, v in enumerate(values):
            table.setItem(row, c, QTableWidgetItem("" if v is None else str(v)))

    # -- form to document
    def _cell(self, table: QTableWidget, row: int, col: str) -> str:
        cols = ITEM_COLS if table is self.items else RES_COLS
        it = table.item(row, cols.index(col))
        return it.text().strip() if it else ""

    def _from_form(self) -> None:
        old_items = {it.get("id"): it for p in self._doc.get("phases") or [] if isinstance(p, dict)
                     for it in p.get("items") or [] if isinstance(it, dict)}
        phases = [p for p in self._doc.get("phases") or [] if isinstance(p, dict)]
        by_phase: dict = {p.get("id"): [] for p in phases}
        for row in range(self.items.rowCount()):
            c = {col: self._cell(self.items, row, col) for col in ITEM_COLS}
            item = {k: v for k, v in old_items.get(c["id"], {}).items()
                    if k not in ("id", "text", "group", "deadline", "from_level", "evidence", "depends_on")}
            item = {"id": c["id"], "text": c["text"], "group": c["group"], **item}
            if c["deadline"]:
                item["deadline"] = ({"minutes": _number(c["deadline"]), "after": c["after"]} if c["after"]
                                    else _number(c["deadline"]))
            for key in ("evidence", "depends_on"):
                if _split(c[key]):
                    item[key] = _split(c[key])
            if c["from_level"]:
                item["from_level"] = c["from_level"]
            if c["phase"] not in by_phase:  # a phase named only in the form: create it so nothing is lost
                phases.append({"id": c["phase"], "name": c["phase"], "items": []})
                by_phase[c["phase"]] = []
            by_phase[c["phase"]].append(item)
        for p in phases:
            p["items"] = by_phase[p.get("id")]
        self._doc["phases"] = phases
        resources = []
        for row in range(self.resources.rowCount()):
            r = {col: self._cell(self.resources, row, col) for col in RES_COLS}
            res = {"type": r["type"], "count": _number(r["count"])}
            res.update({k: r[k] for k in ("rule", "from_level", "note") if r[k]})
            resources.append(res)
        self._doc["resources"] = resources
        self.text.setPlainText(_dump(self._doc))

    def _tab_changed(self, index: int) -> None:
        yaml_tab = self.tabs.indexOf(self.text)
        if self._tab != yaml_tab and index == yaml_tab:
            self._from_form()
        elif self._tab == yaml_tab and index != yaml_tab and not self._from_text():
            self.show_problems(check_text(self.text.toPlainText(), "YAML")[1])
        self._tab = index

    def current_text(self) -> str:
        if self.tabs.currentWidget() is not self.text:
            self._from_form()
        return self.text.toPlainText()

    # -- checking, saving, files
    def check(self) -> list[Problem]:
        problems = check_text(self.current_text(), self.tr("plan"))[1]
        self.show_problems(problems)
        if not problems:
            self.outcome.setText(self.tr("The plan is valid."))
        return problems

    def show_problems(self, problems: list[Problem]) -> None:
        self.problems.clear()
        for t in (self.items, self.resources):
            for r in range(t.rowCount()):
                for c in range(t.columnCount()):
                    if cell := t.item(r, c):
                        cell.setBackground(QBrush())
        for p in problems:
            li = QListWidgetItem(self.tr("line {0}: {1}{2}").format(p.line, f"{p.path}: " if p.path else "",
                                                                   p.message))
            li.setData(Qt.ItemDataRole.UserRole, p.line)
            self.problems.addItem(li)
            self._mark(p.path)
        if problems:
            self.outcome.setText(self.tr("%n problem(s): nothing was saved.", "", len(problems)))

    def _mark(self, path: str) -> None:
        """Tint the form row a problem points at (phases[i].items[j] or resources[k])."""
        m = re.match(r"phases\[(\d+)\]\.items\[(\d+)\]", path)
        if m:
            phases = [p for p in self._doc.get("phases") or [] if isinstance(p, dict)]
            pi, ii = int(m.group(1)), int(m.group(2))
            row = sum(len(p.get("items") or []) for p in phases[:pi]) + ii
            table = self.items
        elif (m := re.match(r"resources\[(\d+)\]", path)):
            row, table = int(m.group(1)), self.resources
        else:
            return
        for c in range(table.columnCount()):
            if 0 <= row < table.rowCount() and (cell := table.item(row, c)):
                cell.setBackground(_BAD)

    def _goto_problem(self, item: QListWidgetItem) -> None:
        self.tabs.setCurrentWidget(self.text)
        block = self.text.document().findBlockByLineNumber(int(item.data(Qt.ItemDataRole.UserRole)) - 1)
        cursor = QTextCursor(block)
        self.text.setTextCursor(cursor)
        self.text.setFocus()

    def save(self, text: str | None = None, source: str = "editor") -> bool:
        text = self.current_text() if text is None else text
        try:
            result = self._ops.run(self._svc.import_yaml, text, source)
        except PreplanError as exc:
            self.show_problems(exc.problems)
            return False
        if result is None:
            return False
        plan, changes = result.value, result.changes
        self.problems.clear()
        self._load_plans(plan.id)
        self.load(plan.id)
        if changes:
            version = self._svc.versions(plan.id)[0]["version"]
            self.outcome.setText(self.tr("Saved as version {0}.").format(version))
        else:
            self.outcome.setText(self.tr("No change: the stored version is the same."))
        return True

    def import_file(self, path: str | Path) -> bool:
        """Refused whole when invalid: the problems are listed and the editor keeps the file's text to fix."""
        p = Path(path)
        try:
            text = p.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            self.outcome.setText(self.tr("Cannot read {0}: {1}").format(p.name, exc))
            return False
        if self.save(text, p.name):
            return True
        self.text.setPlainText(text)
        self._from_text()
        self.tabs.setCurrentWidget(self.text)
        return False

    def export_file(self, path: str | Path) -> None:
        Path(path).write_text(self._svc.export_yaml(self.plan.currentData()), encoding="utf-8")
        self.outcome.setText(self.tr("Exported to {0}").format(path))

    def _ask_import(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, self.tr("Import preplan"), "",
                                              self.tr("YAML (*.yaml *.yml)"))
        if path:
            self.import_file(path)

    def _ask_export(self) -> None:
        name = f"{self.plan.currentData()}.yaml"
        path, _ = QFileDialog.getSaveFileName(self, self.tr("Export preplan"), name,
                                              self.tr("YAML (*.yaml *.yml)"))
        if path:
            self.export_file(path)
