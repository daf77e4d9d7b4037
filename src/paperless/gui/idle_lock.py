"""The idle lock: after some minutes without keyboard or mouse input, the reader hides everything
behind a lock screen and asks for the member's passphrase to go on.

* :class:`IdleWatch` — an application event filter and a single-shot QTimer: any key, click,
  mouse move, wheel or touch is input; ``timed_out`` when there was none for ``minutes()``. The
  minutes are asked when the timer runs out and whenever :meth:`IdleWatch.recheck` is called
  (another document opened), so a classified document shortens the wait at once; the numbers
  are the core's (:meth:`paperless.core.policy.Policy.idle_lock_minutes`).
* :class:`LockScreen` — a plain widget laid over the whole window (menus, toolbars, panels,
  document): nothing of a document is visible, in the window or in its thumbnail, and other
  windows of the app (dialogs, menus) are hidden until it is unlocked.
* :class:`IdleLock` — ties them together. While locked, no input reaches the window behind and
  no shortcut fires. The passphrase is checked against the member's identity off the GUI thread
  (the same scrypt unlock as at start-up) and is not kept: the field is emptied at once, and
  nothing but "right or wrong" comes back. A wrong one is refused with a message and a growing
  pause, as at start-up.
"""

from __future__ import annotations

import math
import time
from collections.abc import Callable

import shiboken6
from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QFont, QPalette
from PySide6.QtWidgets import QApplication, QHBoxLayout, QLabel, QLineEdit, QPushButton, QVBoxLayout, QWidget

from paperless.core.classification import DEFAULT_IDLE_LOCK_MINUTES
from paperless.core.errors import PaperlessError, WrongPassphraseError
from paperless.core.identity import unlock_identity
from paperless.gui.dialogs.unlock import delay_for
from paperless.gui.icons import error_text, set_text_colour
from paperless.gui.services import AppServices
from paperless.gui.system_lock import SystemLockWatch

MS_PER_MINUTE = 60_000

_INPUT = frozenset({
    QEvent.Type.KeyPress, QEvent.Type.MouseButtonPress, QEvent.Type.MouseButtonDblClick, QEvent.Type.MouseMove,
    QEvent.Type.Wheel, QEvent.Type.TouchBegin, QEvent.Type.TouchUpdate, QEvent.Type.TabletPress,
    QEvent.Type.InputMethod,  # Vietnamese typed through an input method (IBus, Unikey) comes this way
})
_BLOCKED = _INPUT | {
    QEvent.Type.KeyRelease, QEvent.Type.MouseButtonRelease, QEvent.Type.TouchEnd, QEvent.Type.TabletRelease,
    QEvent.Type.ContextMenu, QEvent.Type.HoverEnter, QEvent.Type.HoverMove, QEvent.Type.Enter,
}


class IdleWatch(QObject):
    """Tells when there was no input for ``minutes()`` minutes (an application event filter)."""

    timed_out = Signal()

    def __init__(self, minutes: Callable[[], int], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.minutes = minutes
        self.ms_per_minute = MS_PER_MINUTE  # tests make a minute a few milliseconds
        self.last_input = time.monotonic()
        self.running = False
        self.timer = QTimer(self, singleShot=True)
        self.timer.timeout.connect(self._check)
        app = QCoreApplication.instance()
        if app is not None:
            app.installEventFilter(self)

    def start(self) -> None:
        self.running = True
        self.input()

    def stop(self) -> None:
        self.running = False
        self.timer.stop()

    def input(self) -> None:
        """Input now: the wait starts again (the timer is set again when it runs out)."""
        self.last_input = time.monotonic()
        if self.running and not self.timer.isActive():
            self.recheck()

    def remaining_ms(self) -> int:
        idle_ms = (time.monotonic() - self.last_input) * 1000
        return math.ceil(self.minutes() * self.ms_per_minute - idle_ms)

    def recheck(self) -> None:
        """The minutes may have changed (another document): wait what is left of them, or time out."""
        if not self.running:
            return
        left = self.remaining_ms()
        if left <= 0:
            self._time_out()
        else:
            self.timer.start(left)

    def _check(self) -> None:
        if self.running:
            self.recheck()

    def _time_out(self) -> None:
        self.timer.stop()
        self.timed_out.emit()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() in _INPUT and self.running:
            self.input()
        return False


class LockScreen(QWidget):
    """What the window shows while locked: who it belongs to and the passphrase field."""

    submitted = Signal(str)

    def __init__(self, name: str, parent: QWidget) -> None:
        super().__init__(parent)
        self.setObjectName("lockScreen")
        self._name = name
        outer = QVBoxLayout(self)
        outer.addStretch(1)
        middle = QHBoxLayout()
        outer.addLayout(middle)
        outer.addStretch(2)
        box = QVBoxLayout()
        box.setSpacing(10)
        middle.addStretch(1)
        middle.addLayout(box, 0)
        middle.addStretch(1)
        self.heading = QLabel(self)
        font = QFont(self.heading.font())
        font.setPointSizeF(font.pointSizeF() * 1.5)
        font.setBold(True)
        self.heading.setFont(font)
        self.explanation = QLabel(self)
        self.explanation.setWordWrap(True)
        self.explanation.setMinimumWidth(420)
        self.prompt = QLabel(self)
        self.passphrase = QLineEdit(self)
        self.passphrase.setObjectName("lockPassphrase")
        self.passphrase.setEchoMode(QLineEdit.EchoMode.Password)
        self.prompt.setBuddy(self.passphrase)
        self.message = QLabel(self)
        self.message.setObjectName("lockMessage")
        self.message.setWordWrap(True)
        self.unlock_button = QPushButton(self)
        self.unlock_button.setDefault(True)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.unlock_button)
        for w in (self.heading, self.explanation, self.prompt, self.passphrase, self.message):
            box.addWidget(w)
        box.addLayout(buttons)
        self.passphrase.returnPressed.connect(self._submit)
        self.unlock_button.clicked.connect(self._submit)
        set_text_colour(self.message, error_text(self.palette()))
        self.setBackgroundRole(QPalette.ColorRole.Window)
        self.setAutoFillBackground(True)  # opaque: nothing of the window behind shows through
        self.retranslate()
        self.hide()

    def _submit(self) -> None:
        text = self.passphrase.text()
        self.passphrase.clear()  # not kept: the check has its own copy, dropped when it ends
        self.submitted.emit(text)

    def set_busy(self, busy: bool) -> None:
        self.passphrase.setEnabled(not busy)
        self.unlock_button.setEnabled(not busy)
        if not busy:
            self.passphrase.setFocus(Qt.FocusReason.OtherFocusReason)

    def retranslate(self) -> None:
        self.heading.setText(self.tr("Paperless is locked"))
        self.explanation.setText(self.tr(
            "The documents are hidden. Enter your passphrase to go on reading where you were.\nIdentity: %1"
        ).replace("%1", self._name))
        self.prompt.setText(self.tr("&Passphrase:"))
        self.unlock_button.setText(self.tr("&Unlock"))
        self.setAccessibleName(self.heading.text())

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        elif event.type() == QEvent.Type.PaletteChange:
            set_text_colour(self.message, error_text(self.palette()))
        super().changeEvent(event)


class IdleLock(QObject):
    """Locks ``window`` after ``minutes()`` minutes without input, or when :meth:`lock` is called."""

    locked_changed = Signal(bool)

    def __init__(self, window: QWidget, services: AppServices,
                 minutes: Callable[[], int] = lambda: DEFAULT_IDLE_LOCK_MINUTES) -> None:
        super().__init__(window)
        self._window = window
        self._services = services
        self.watch = IdleWatch(minutes, self)
        self.watch.timed_out.connect(self.lock)
        self.system = SystemLockWatch(self)  # the system suspends or the screen locks: lock too
        self.system.lock_requested.connect(self.lock)
        self.screen: LockScreen | None = None
        self.failures = 0
        self._hidden: list[QWidget] = []
        self._focus: QWidget | None = None  # where the keyboard was, given back on unlocking
        self._title = ""
        self._pause = QTimer(self, singleShot=True)
        self._pause.timeout.connect(self._pause_over)
        self._checking = False
        window.installEventFilter(self)

    @property
    def locked(self) -> bool:
        return self.screen is not None

    def start(self) -> None:
        """The member's identity is unlocked: watch for idleness from now."""
        self.watch.start()

    def stop(self) -> None:
        """No identity any more (the device was revoked), or the app is closing: stop watching. With
        no identity left there is nothing to unlock nor to hide: the lock screen goes too."""
        if self.locked and self._services.identity is None:
            self.unlock()
        self.watch.stop()

    def recheck(self) -> None:
        """Another document is open: its minutes apply from the last input."""
        self.watch.recheck()

    def lock(self) -> None:
        identity = self._services.identity
        if self.locked or identity is None:
            return
        self.watch.stop()
        app = QApplication.instance()
        if isinstance(app, QApplication):  # dialogs and menus over the window go too, until unlocked
            focus = app.focusWidget()
            self._focus = focus if focus is not None and self._window.isAncestorOf(focus) else None
            popup = app.activePopupWidget()
            if popup is not None:
                popup.close()
            self._hidden = [w for w in app.topLevelWidgets() if w is not self._window and w.isVisible()]
            for w in self._hidden:
                w.hide()
        screen = LockScreen(identity.card.name, self._window)
        screen.submitted.connect(self._check)
        self.screen = screen
        self._title = self._window.windowTitle()
        self._window.setWindowTitle("Paperless")
        self._place()
        screen.show()
        screen.raise_()
        screen.passphrase.setFocus(Qt.FocusReason.OtherFocusReason)
        app_ = QCoreApplication.instance()
        if app_ is not None:
            app_.installEventFilter(self)
        self.locked_changed.emit(True)

    def _place(self) -> None:
        if self.screen is not None:
            self.screen.setGeometry(self._window.rect())

    def _check(self, passphrase: str) -> None:
        screen, identity = self.screen, self._services.identity
        if screen is None or self._checking or self._pause.isActive():
            return
        if not passphrase:
            screen.message.setText(self.tr("Please type your passphrase."))
            return
        if identity is None:
            return
        self._checking = True
        screen.set_busy(True)
        screen.message.setText(self.tr("Checking\u2026"))
        folder, recipient = self._services.identity_folder, identity.card.recipient

        def verify() -> bool:
            return unlock_identity(folder, passphrase, failure_delay=0).card.recipient == recipient

        self._services.tasks.pool.run(verify, self._checked, self._failed)

    def _checked(self, same: bool) -> None:
        self._checking = False
        if not same:  # another identity's passphrase and folder: never the member's
            self._failed(WrongPassphraseError(what="?"))
            return
        self.unlock()

    def _failed(self, exc: BaseException) -> None:
        self._checking = False
        screen = self.screen
        if screen is None:
            return
        if isinstance(exc, WrongPassphraseError):
            self.failures += 1
            seconds = delay_for(self.failures, self._services.unlock_delay_scale)
            screen.message.setText(self.tr("Wrong passphrase. Please try again."))
            self._pause.start(max(1, int(seconds * 1000)))
            return
        screen.set_busy(False)
        screen.message.setText(exc.message(self._services.language) if isinstance(exc, PaperlessError)
                               else self.tr("The passphrase could not be checked."))

    def _pause_over(self) -> None:
        if self.screen is not None:
            self.screen.set_busy(False)

    def unlock(self) -> None:
        screen = self.screen
        if screen is None:
            return
        app = QCoreApplication.instance()
        if app is not None:
            app.removeEventFilter(self)
        self.screen = None
        self.failures = 0
        self._pause.stop()
        screen.hide()
        screen.deleteLater()
        self._window.setWindowTitle(self._title)
        for w in self._hidden:
            w.show()
        self._hidden = []
        focus, self._focus = self._focus, None
        if focus is not None and shiboken6.isValid(focus) and focus.isVisible():
            focus.setFocus(Qt.FocusReason.OtherFocusReason)
        self.watch.start()
        self.locked_changed.emit(False)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        if watched is self._window and kind == QEvent.Type.Resize:
            self._place()
        if self.screen is None:
            return False
        if kind in (QEvent.Type.ShortcutOverride, QEvent.Type.Shortcut):
            event.accept()  # every key is the lock screen's (delivered as a key press): no shortcut fires
            return True
        if kind in _BLOCKED and isinstance(watched, QWidget) and not self._inside(watched):
            return True
        return False

    def _inside(self, widget: QObject) -> bool:
        screen = self.screen
        return isinstance(widget, QWidget) and screen is not None and (widget is screen or screen.isAncestorOf(widget))
