"""The clerk's passphrase, asked before signing a bundle.

Like the reader's unlock dialog (gui/dialogs/unlock.py) — unlocking (scrypt) off the GUI thread,
a growing pause after a wrong passphrase — but it opens no reading library: it only unlocks the
clerk's identity, whose signing key the bundle needs. Enter unlocks, Esc cancels.

Enter reaches the Sign button as the dialog's default button (not through the field's
``returnPressed``): signing disables the field, the focus moves on, and an Enter handled twice
would otherwise click whichever button the focus reached — Cancel.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QEvent, Qt, QTimer, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QDialog, QHBoxLayout, QLabel, QLineEdit, QPushButton, QVBoxLayout, QWidget

from paperless.core.errors import PaperlessError, WrongPassphraseError
from paperless.core.identity import PublicCard, UnlockedIdentity, load_card, unlock_identity
from paperless.gui.dialogs.unlock import delay_for
from paperless.gui.icons import error_text, set_text_colour
from paperless.gui.tasks import Tasks


class ClerkPassphraseDialog(QDialog):
    unlocked = Signal(object)  # UnlockedIdentity

    def __init__(self, tasks: Tasks, folder: Path, language: Callable[[], str], parent: QWidget | None = None,
                 *, card: PublicCard | None = None, delay_scale: float = 1.0) -> None:
        super().__init__(parent)
        self.setObjectName("clerkPassphraseDialog")
        self._tasks = tasks
        self._folder = folder
        self._language = language
        self._card = card or load_card(folder)
        self._delay_scale = delay_scale
        self.failures = 0
        self._remaining = 0.0
        self._timer = QTimer(self)
        self._timer.timeout.connect(self._tick)
        self.setModal(True)
        self.setMinimumWidth(480)
        layout = QVBoxLayout(self)
        layout.setSpacing(10)
        self._heading = QLabel(self)
        font = QFont(self._heading.font())
        font.setPointSizeF(font.pointSizeF() * 1.3)
        font.setBold(True)
        self._heading.setFont(font)
        self._who = QLabel(self)
        self._who.setWordWrap(True)
        self._prompt = QLabel(self)
        self.passphrase = QLineEdit(self)
        self.passphrase.setObjectName("clerkPassphrase")
        self.passphrase.setEchoMode(QLineEdit.EchoMode.Password)
        self._prompt.setBuddy(self.passphrase)
        self.message = QLabel(self)
        self.message.setObjectName("clerkPassphraseMessage")
        self.message.setWordWrap(True)
        self.sign_button = QPushButton(self)
        self.sign_button.setDefault(True)
        self.sign_button.clicked.connect(self.try_unlock)
        self._cancel = QPushButton(self)
        self._cancel.setAutoDefault(False)  # Enter signs, never cancels (Esc cancels)
        self._cancel.clicked.connect(self.reject)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.sign_button)
        buttons.addWidget(self._cancel)
        for w in (self._heading, self._who, self._prompt, self.passphrase, self.message):
            layout.addWidget(w)
        layout.addLayout(buttons)
        QWidget.setTabOrder(self.passphrase, self.sign_button)
        QWidget.setTabOrder(self.sign_button, self._cancel)
        set_text_colour(self.message, error_text(self.palette()))
        self.retranslate()

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Sign the bundle"))
        self._heading.setText(self.tr("The office's passphrase"))
        self._who.setText(self.tr("The bundle is signed with the office's key:\n%1 (fingerprint %2)")
                          .replace("%1", self._card.name).replace("%2", self._card.fingerprint))
        self._prompt.setText(self.tr("&Passphrase:"))
        self.sign_button.setText(self.tr("&Sign"))
        self._cancel.setText(self.tr("&Cancel"))
        if self._remaining > 0:
            self._show_wait()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        elif event.type() == QEvent.Type.PaletteChange:
            set_text_colour(self.message, error_text(self.palette()))
        super().changeEvent(event)

    def try_unlock(self) -> None:
        if self._remaining > 0 or not self.sign_button.isEnabled():
            return
        text = self.passphrase.text()
        if not text:
            self.message.setText(self.tr("Please type the passphrase."))
            return
        self._set_busy(True)
        self.message.setText(self.tr("Checking the passphrase\u2026"))
        folder = self._folder
        self._tasks.pool.run(lambda: unlock_identity(folder, text, failure_delay=0), self._succeeded, self._failed)

    def _set_busy(self, busy: bool) -> None:
        self.sign_button.setEnabled(not busy)
        self.passphrase.setEnabled(not busy)

    def _succeeded(self, identity: UnlockedIdentity) -> None:
        self.passphrase.clear()
        self.message.clear()
        self.unlocked.emit(identity)
        self.accept()

    def _failed(self, exc: BaseException) -> None:
        if isinstance(exc, WrongPassphraseError):
            self.failures += 1
            self.passphrase.selectAll()
            self._remaining = delay_for(self.failures, self._delay_scale)
            self._show_wait()
            self._timer.start(max(1, int(min(1.0, self._remaining) * 1000)))
            return
        self._set_busy(False)
        if isinstance(exc, PaperlessError):
            self.message.setText(exc.message(self._language()))
        else:
            self._tasks.report(exc)
            self.message.clear()

    def _show_wait(self) -> None:
        seconds = max(1, math.ceil(self._remaining))
        self.message.setText(self.tr("Wrong passphrase. You can try again in %1 s.").replace("%1", str(seconds)))

    def _tick(self) -> None:
        self._remaining -= self._timer.interval() / 1000
        if self._remaining > 1e-6:
            self._show_wait()
            return
        self._remaining = 0.0
        self._timer.stop()
        self._set_busy(False)
        self.message.setText(self.tr("Wrong passphrase. Please try again."))
        self.passphrase.setFocus(Qt.FocusReason.OtherFocusReason)
