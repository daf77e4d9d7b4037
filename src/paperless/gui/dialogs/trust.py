"""Trusting the office's public card: choose the file, compare the fingerprint, confirm.

Keyboard: the fingerprint (selectable, read aloud by a screen reader) → Trust → Cancel, as on
screen. Enter alone cancels: trusting takes a deliberate Tab to "Trust" (or a click).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QEvent, Qt
from PySide6.QtWidgets import QDialog, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from paperless.core.errors import OutputFileError, PaperlessError, T
from paperless.core.identity import PublicCard, load_card
from paperless.core.library import LibraryError, NotAnOfficeCardError
from paperless.gui.dialogs.card_view import CardView
from paperless.gui.dialogs.errors import show_failure
from paperless.gui.services import AppServices


def card_filters() -> str:
    return QCoreApplication.translate("TrustDialog", "Public cards (*.toml);;All files (*)")


def save_card_file(services: AppServices, parent: QWidget | None, card: PublicCard) -> Path | None:
    """Ask where, and write my public card there; the path, or None (cancelled, or failed and said so)."""
    title = QCoreApplication.translate("TrustDialog", "Save my public card")
    path = services.files.save_file(parent, title, "card.toml", card_filters())
    if path is None:
        return None
    try:
        path.write_text(card.to_toml(), encoding="utf-8")
    except OSError as exc:
        show_failure(parent, OutputFileError(path=str(path), detail=exc.strerror or str(exc)), services.language)
        return None
    return path


class TrustDialog(QDialog):
    """Shows a card and asks "is this the fingerprint the office read to you?"."""

    def __init__(self, card: PublicCard, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("trustDialog")
        self.card = card
        self.setMinimumWidth(520)
        layout = QVBoxLayout(self)
        self._intro = QLabel(self)
        self._intro.setWordWrap(True)
        self._view = CardView(self)
        self._view.set_card(card)
        self._question = QLabel(self)
        self._question.setWordWrap(True)
        self.trust_button = QPushButton(self)
        self.trust_button.clicked.connect(self.accept)
        self._cancel = QPushButton(self)
        self._cancel.setDefault(True)  # Enter before choosing does the safe thing; Tab to Trust first
        self._cancel.clicked.connect(self.reject)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(self.trust_button)
        row.addWidget(self._cancel)
        layout.addWidget(self._intro)
        layout.addWidget(self._view)
        layout.addWidget(self._question)
        layout.addLayout(row)
        QWidget.setTabOrder(self._view.fingerprint, self.trust_button)
        QWidget.setTabOrder(self.trust_button, self._cancel)
        self.retranslate()

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Trust an office card"))
        self._intro.setText(self.tr("Only the committee office's card can sign sessions. Session files signed with "
                                    "this card will be accepted for you on this computer."))
        self._question.setText(self.tr("Ask the office to read their fingerprint to you (by phone or in person). "
                                       "Trust this card only if every digit is the same."))
        self.trust_button.setText(self.tr("&Trust this card"))
        self._cancel.setText(self.tr("&Cancel"))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)


def choose_and_trust(services: AppServices, parent: QWidget | None,
                     on_done: Callable[[PublicCard | None], None] | None = None, *,
                     keep: Callable[[PublicCard], None] | None = None) -> TrustDialog | None:
    """Ask for a card file, show it, and on confirmation add it to the trusted signers.

    ``keep`` stores the trusted card (default: the unlocked member's sealed library). Only a card
    with the office (clerk) role is offered: a member's card is refused with a message.
    """
    title = QCoreApplication.translate("TrustDialog", "Choose the office's public card")
    path: Path | None = services.files.open_file(parent, title, card_filters())
    if path is None:
        return None
    try:
        card = load_card(path)
        if card.role != "clerk":
            raise NotAnOfficeCardError(name=card.name)
    except PaperlessError as exc:
        show_failure(parent, exc, services.language)
        return None
    dialog = TrustDialog(card, parent)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)

    def store(chosen: PublicCard) -> None:
        library = services.library
        if library is None:
            raise LibraryError(path=str(services.paths.root), detail=T("unlock your identity first",
                                                                       "hãy mở khóa danh tính trước"))
        library.trust(chosen)

    def accepted() -> None:
        try:
            (keep or store)(card)
        except PaperlessError as exc:
            show_failure(parent, exc, services.language)
            return
        if on_done:
            on_done(card)

    dialog.accepted.connect(accepted)
    if on_done:
        dialog.rejected.connect(lambda: on_done(None))
    dialog.open()
    return dialog
