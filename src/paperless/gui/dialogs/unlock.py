"""Asking for the passphrase; after a wrong one, a growing pause (1 s, 2 s, 4 s …).

Unlocking (scrypt, about half a second) and decrypting the library run off the GUI thread.
The pause is the dialog's own (the core is asked not to sleep), with the button disabled
and a countdown, so the window stays responsive.

Keyboard: passphrase → Unlock → Cancel, the order they appear in (Unlock first, as Windows
places OK before Cancel); Enter unlocks, Esc cancels.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QEvent, Qt, QTimer, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from paperless.core.errors import PaperlessError, WrongPassphraseError
from paperless.core.identity import PublicCard, UnlockedIdentity, load_card, unlock_identity
from paperless.core.library import Library, LibraryTamperedError
from paperless.gui.icons import error_text, set_text_colour
from paperless.gui.services import AppServices

MAX_DELAY = 60.0


def delay_for(failures: int, scale: float = 1.0) -> float:
    """Seconds to wait after ``failures`` wrong passphrases in a row: 1, 2, 4, 8 … (capped)."""
    if failures <= 0:
        return 0.0
    return float(min(MAX_DELAY, scale * 2.0 ** (failures - 1)))


def unlock_and_load(root: Path, folder: Path, passphrase: str) -> tuple[UnlockedIdentity, Library]:
    identity = unlock_identity(folder, passphrase, failure_delay=0)
    return identity, Library.open(root, identity)


def unlock_or_refused(root: Path, folder: Path,
                      passphrase: str) -> tuple[UnlockedIdentity, Library | LibraryTamperedError]:
    """Like :func:`unlock_and_load`, but a refused library comes back with the unlocked identity
    (the member may then choose to start a new library)."""
    identity = unlock_identity(folder, passphrase, failure_delay=0)
    try:
        return identity, Library.open(root, identity)
    except LibraryTamperedError as exc:
        return identity, exc


class UnlockDialog(QDialog):
    unlocked = Signal(object, object)  # UnlockedIdentity, Library

    def __init__(self, services: AppServices, folder: Path, parent: QWidget | None = None,
                 *, card: PublicCard | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("unlockDialog")
        self._services = services
        self._folder = folder
        self._card = card or load_card(folder)
        self.failures = 0
        self._remaining = 0.0
        self._timer = QTimer(self)
        self._timer.timeout.connect(self._tick)
        self.setModal(True)
        self.setMinimumWidth(460)

        layout = QVBoxLayout(self)
        layout.setSpacing(10)
        self._heading = QLabel(self)
        font = QFont(self._heading.font())
        font.setPointSizeF(font.pointSizeF() * 1.35)
        font.setBold(True)
        self._heading.setFont(font)
        self._who = QLabel(self)
        self._who.setWordWrap(True)
        self._prompt = QLabel(self)
        self.passphrase = QLineEdit(self)
        self.passphrase.setEchoMode(QLineEdit.EchoMode.Password)
        self.passphrase.setObjectName("passphrase")
        # Enter reaches the Unlock button as the default button, not through returnPressed: unlocking
        # disables the field, the focus moves on, and the same Enter would click the button it reached
        # (Cancel: the dialog closed and the unlock was lost)
        self._prompt.setBuddy(self.passphrase)
        self.message = QLabel(self)
        self.message.setObjectName("unlockMessage")
        self.message.setWordWrap(True)
        self.unlock_button = QPushButton(self)
        self.unlock_button.setDefault(True)
        self.unlock_button.clicked.connect(self.try_unlock)
        self._cancel = QPushButton(self)
        self._cancel.setAutoDefault(False)  # Enter unlocks, never cancels (Esc cancels)
        self._cancel.clicked.connect(self.reject)
        self.start_over_button = QPushButton(self)  # only after the library was refused
        self.start_over_button.setAutoDefault(False)
        self.start_over_button.setObjectName("startOver")
        self.start_over_button.hide()
        self.start_over_button.clicked.connect(self._start_over)
        self._refused: UnlockedIdentity | None = None
        buttons = QHBoxLayout()
        buttons.addWidget(self.start_over_button)
        buttons.addStretch(1)
        buttons.addWidget(self.unlock_button)
        buttons.addWidget(self._cancel)
        for w in (self._heading, self._who, self._prompt, self.passphrase, self.message):
            layout.addWidget(w)
        layout.addLayout(buttons)
        QWidget.setTabOrder(self.passphrase, self.unlock_button)
        QWidget.setTabOrder(self.unlock_button, self._cancel)
        self._apply_palette()
        self.retranslate()

    def _apply_palette(self) -> None:
        set_text_colour(self.message, error_text(self.palette()))

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Unlock Paperless"))
        self._heading.setText(self.tr("Enter your passphrase"))
        self._who.setText(self.tr("Identity: %1\nFingerprint: %2").replace("%1", self._card.name)
                          .replace("%2", self._card.fingerprint))
        self._prompt.setText(self.tr("&Passphrase:"))
        self.unlock_button.setText(self.tr("&Unlock"))
        self.start_over_button.setText(self.tr("&Start a new library"))
        self.start_over_button.setToolTip(self.tr(
            "Keep the refused file aside and start an empty library. Open your sessions again from their "
            "files; your notes are not affected."))
        self._cancel.setText(self.tr("&Cancel"))
        if self._remaining > 0:
            self._show_wait()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        elif event.type() == QEvent.Type.PaletteChange:
            self._apply_palette()
        super().changeEvent(event)

    @property
    def waiting(self) -> bool:
        return self._remaining > 0

    def try_unlock(self) -> None:
        if self.waiting or not self.unlock_button.isEnabled():
            return
        text = self.passphrase.text()
        if not text:
            self.message.setText(self.tr("Please type your passphrase."))
            return
        self._set_busy(True)
        self.message.setText(self.tr("Unlocking\u2026"))
        root, folder = self._services.paths.root, self._folder
        self._services.tasks.pool.run(lambda: unlock_or_refused(root, folder, text), self._succeeded, self._failed)

    def _set_busy(self, busy: bool) -> None:
        self.unlock_button.setEnabled(not busy)
        self.passphrase.setEnabled(not busy)

    def _succeeded(self, result: tuple[UnlockedIdentity, Library | LibraryTamperedError]) -> None:
        identity, library = result
        self.passphrase.clear()
        if isinstance(library, LibraryTamperedError):  # fail closed: the member decides, nothing is reset
            self._refused = identity
            self._set_busy(False)
            self.message.setText(self.tr(  # the whole message, with the file's path, in the tooltip
                "Your reading library on this computer has been altered or damaged, so it was not used. "
                "Your documents and notes are untouched; you can start a new library."))
            self.message.setToolTip(library.message(self._services.language))
            self.adjustSize()
            self.start_over_button.show()
            return
        self.message.clear()
        self.unlocked.emit(identity, library)
        self.accept()

    def _start_over(self) -> None:
        identity = self._refused
        if identity is None:
            return
        self.start_over_button.setEnabled(False)
        root = self._services.paths.root
        self._services.tasks.pool.run(lambda: (identity, Library.start_over(root, identity)),
                                      self._succeeded, self._failed)

    def _failed(self, exc: BaseException) -> None:
        if isinstance(exc, WrongPassphraseError):
            self.failures += 1
            self.passphrase.selectAll()
            self._remaining = delay_for(self.failures, self._services.unlock_delay_scale)
            self._show_wait()
            self._timer.start(max(1, int(min(1.0, self._remaining) * 1000)))
            return
        self._set_busy(False)
        if isinstance(exc, PaperlessError):
            self.message.setText(exc.message(self._services.language))
            self.adjustSize()
        else:
            self._services.tasks.report(exc)
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


def ask_unlock(services: AppServices, folder: Path, parent: QWidget | None,
               on_unlocked: Callable[[UnlockedIdentity, Library], None],
               on_cancel: Callable[[], None] | None = None) -> UnlockDialog:
    dialog = UnlockDialog(services, folder, parent)
    dialog.unlocked.connect(on_unlocked)
    if on_cancel is not None:
        dialog.rejected.connect(on_cancel)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.open()
    return dialog
