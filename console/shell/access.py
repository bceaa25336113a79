"""Who is at the console: sign-in at start (the first administrator on a new database), the title
bar naming the account and position, actions the position may not use disabled with the reason on
hover, and the lock (after idle minutes, or Ctrl+Alt+L). The lock is a modal dialog over the window:
the map, the video wall and alarm banners keep running and showing behind it, but nothing can be
changed until the same account unlocks or another signs in (a shift change when a shift is open)."""
from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtGui import QAction, QGuiApplication, QKeySequence, QWindow
from PySide6.QtWidgets import QWidget

from console.domain.access import Action, Actor, Position, may
from console.services.accounts import AccountError, SignInFailed
from console.views.signin_dialog import SignInDialog

DEFAULT_IDLE_MINUTES = 10
_ACTIVITY = {QEvent.Type.KeyPress, QEvent.Type.MouseButtonPress, QEvent.Type.MouseMove, QEvent.Type.Wheel}


def position_name(position: Position) -> str:
    from PySide6.QtCore import QCoreApplication

    return {
        Position.OBSERVER: QCoreApplication.translate("Access", "Observer"),
        Position.FIELD_UNIT: QCoreApplication.translate("Access", "Field unit"),
        Position.DUTY_OFFICER: QCoreApplication.translate("Access", "Duty officer"),
        Position.DUTY_LEADER: QCoreApplication.translate("Access", "Leader on duty"),
        Position.COMMANDER: QCoreApplication.translate("Access", "On-scene commander"),
        Position.ADMIN: QCoreApplication.translate("Access", "Administrator"),
    }[position]


class AccessControl(QObject):
    def __init__(self, services, ops, window: QWidget, idle_minutes: float = DEFAULT_IDLE_MINUTES) -> None:
        super().__init__(window)
        self.svc = services
        self.ops = ops
        self.window = window
        self.base_title = window.windowTitle()
        self._guarded: list[tuple[QAction | QWidget, Action]] = []
        self.lock_dialog: SignInDialog | None = None
        self._watching = False
        self.idle = QTimer(self)
        self.idle.setSingleShot(True)
        self.idle.setInterval(int(idle_minutes * 60_000))
        self.idle.timeout.connect(self.lock)
        self.act_lock = QAction(self.tr("Lock the console"), window)
        self.act_lock.setShortcut(QKeySequence("Ctrl+Alt+L"))
        self.act_lock.triggered.connect(self.lock)
        window.addAction(self.act_lock)

    @property
    def actor(self) -> Actor | None:
        return self.svc.store.actor

    @property
    def locked(self) -> bool:
        return self.lock_dialog is not None

    # -- signing in ------------------------------------------------------------------------------------
    def start_dialog(self) -> SignInDialog:
        """The dialog to show at start: the first administrator on a new database, else sign-in."""
        if not self.svc.accounts.any():
            return SignInDialog(SignInDialog.FIRST, self.create_first_admin, self.window)
        return SignInDialog(SignInDialog.SIGN_IN, self.sign_in, self.window)

    def create_first_admin(self, name: str, password: str) -> str | None:
        try:
            self.ops.run(self.svc.accounts.add, name, Position.ADMIN, password)
        except AccountError as exc:
            return str(exc)
        return self.sign_in(name, password)

    def sign_in(self, name: str, password: str) -> str | None:
        try:
            result = self.svc.accounts.sign_in(name, password)
        except SignInFailed as exc:
            if exc.wait_s:
                return self.tr("Wrong account name or password, or too many tries: wait {0} s.").format(
                    exc.wait_s
                )
            if "disabled" in str(exc):
                return self.tr("This account is disabled.")
            return self.tr("Wrong account name or password.")
        self.ops.publish(result.changes)
        self.signed_in(result.value)
        return None

    def use_sample(self, actor: Actor) -> None:
        """The demo's sample duty officer: no account is stored, the title says it is a sample."""
        self.svc.store.actor = actor
        self.signed_in(actor)

    def signed_in(self, actor: Actor) -> None:
        sample = self.tr(" (sample)") if actor.sample else ""
        self.window.setWindowTitle(
            f"{self.base_title} — {actor.name}（{position_name(actor.position)}）{sample}"
        )
        for target, action in self._guarded:
            self._apply(target, action, actor)
        self.watch_idle()

    # -- what the position may do ----------------------------------------------------------------------
    def guard(self, target: QAction | QWidget, action: Action) -> None:
        """Disable target (with the reason on hover) whenever the signed-in position may not do action."""
        self._guarded.append((target, action))
        if self.actor is not None:
            self._apply(target, action, self.actor)

    def _apply(self, target, action: Action, actor: Actor) -> None:
        allowed = may(actor.position, action)
        target.setEnabled(allowed)
        if not allowed:
            target.setToolTip(
                self.tr("Not available to the position {0}").format(position_name(actor.position))
            )

    # -- the lock --------------------------------------------------------------------------------------
    def watch_idle(self) -> None:
        """Input counts as activity in whichever window has focus (the console, a dialog). The filter
        sits on windows, not on the application: an application filter in Python sees every event of
        every object, costs CPU while idle, and PySide crashes wrapping objects Qt is still building
        (the web engine's request jobs)."""
        app = QGuiApplication.instance()
        if not self._watching and isinstance(app, QGuiApplication):
            app.focusWindowChanged.connect(self._watch_window)
            self._watching = True
        self._watch_window(self.window.windowHandle())
        self.idle.start()

    def _watch_window(self, window: QWindow | None) -> None:
        if window is not None:
            window.removeEventFilter(self)
            window.installEventFilter(self)
        if not self.locked:
            self.idle.start()

    def eventFilter(self, obj, event) -> bool:
        if event.type() in _ACTIVITY and not self.locked:
            self.idle.start()
        return False

    def lock(self) -> SignInDialog | None:
        if self.locked or self.actor is None or self.actor.sample:  # a sample has no password to unlock with
            return self.lock_dialog
        previous = self.actor
        self.idle.stop()
        self.svc.store.actor = None  # nothing can be changed while locked
        dlg = SignInDialog(SignInDialog.LOCKED, lambda n, p: self._unlock(previous, n, p), self.window,
                           name=previous.name)
        self.lock_dialog = dlg
        dlg.accepted.connect(self._unlocked)
        dlg.open()
        return dlg

    def _unlock(self, previous: Actor, name: str, password: str) -> str | None:
        error = self.sign_in(name, password)
        if error is None and name != previous.name and self.svc.shifts.current() is not None \
                and self.actor is not None and may(self.actor.position, Action.SHIFT):
            self.ops.run(self.svc.shifts.handover, name, "", self.tr("Shift change at sign-in"))
        return error

    def _unlocked(self) -> None:
        self.lock_dialog = None
        self.idle.start()
