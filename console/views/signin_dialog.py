"""The sign-in dialog: at start, for the first administrator on a new database, and as the lock over
the console. It only collects a name and password; `attempt(name, password)` (given by the shell)
returns None when signed in or the words to show (a wrong password, the wait before the next try)."""
from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QFormLayout, QLabel, QLineEdit, QVBoxLayout, QWidget

Attempt = Callable[[str, str], str | None]


class SignInDialog(QDialog):
    FIRST, SIGN_IN, LOCKED = "first", "sign_in", "locked"

    def __init__(self, mode: str, attempt: Attempt, parent: QWidget | None = None, name: str = "") -> None:
        super().__init__(parent)
        self.mode = mode
        self._attempt = attempt
        self.setWindowTitle(
            {
                self.FIRST: self.tr("Set up the administrator"),
                self.SIGN_IN: self.tr("Sign in"),
                self.LOCKED: self.tr("Console locked"),
            }[mode]
        )
        self.setModal(True)
        lay = QVBoxLayout(self)
        intro = {
            self.FIRST: self.tr(
                "This database has no accounts yet. Choose the administrator's name and password "
                "(at least 8 characters); there is no default password."
            ),
            self.SIGN_IN: self.tr("Sign in with your own account."),
            self.LOCKED: self.tr(
                "The console is locked. The map, the video wall and alarms keep running. Unlock "
                "with the same account, or sign in with another one to take over."
            ),
        }[mode]
        self.intro = QLabel(intro)
        self.intro.setWordWrap(True)
        lay.addWidget(self.intro)
        form = QFormLayout()
        self.name = QLineEdit(name or ("admin" if mode == self.FIRST else ""))
        self.password = QLineEdit()
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        form.addRow(self.tr("Account"), self.name)
        form.addRow(self.tr("Password"), self.password)
        self.confirm = QLineEdit()
        self.confirm.setEchoMode(QLineEdit.EchoMode.Password)
        if mode == self.FIRST:
            form.addRow(self.tr("Password again"), self.confirm)
        lay.addLayout(form)
        self.message = QLabel("")
        self.message.setWordWrap(True)
        self.message.setStyleSheet("color: #e0a040;")
        lay.addWidget(self.message)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok)
        if mode != self.LOCKED:
            buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.submit)
        buttons.rejected.connect(self.reject)
        lay.addWidget(buttons)
        (self.password if name else self.name).setFocus()

    def submit(self) -> None:
        name, password = self.name.text().strip(), self.password.text()
        if self.mode == self.FIRST and password != self.confirm.text():
            self.message.setText(self.tr("The two passwords differ."))
            return
        error = self._attempt(name, password)
        self.password.clear()
        self.confirm.clear()
        if error:
            self.message.setText(error)
            return
        self.accept()

    def reject(self) -> None:
        if self.mode != self.LOCKED:  # the lock is left only by signing in
            super().reject()

    def keyPressEvent(self, event) -> None:
        if self.mode == self.LOCKED and event.key() == Qt.Key.Key_Escape:
            return
        super().keyPressEvent(event)
