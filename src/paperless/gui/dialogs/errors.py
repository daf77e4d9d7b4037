"""Showing failures: a known problem in the user's words, anything else as a bug."""

from __future__ import annotations

import traceback

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QMessageBox, QWidget

from paperless.core.bundle import (
    ExpiredError,
    NotABundleError,
    NotARecipientError,
    NotPermittedError,
    RollbackError,
    TamperedError,
    UnknownSignerError,
    UnsafeEntryError,
)
from paperless.core.errors import PaperlessError, WrongPassphraseError
from paperless.core.identity import CorruptCardError
from paperless.core.library import LibraryError


def headline(exc: BaseException) -> str:
    """A short title for the dialog; the core message gives the details."""
    if isinstance(exc, UnknownSignerError):
        return QCoreApplication.translate("Errors", "This file is not from an office you trust")
    if isinstance(exc, TamperedError | UnsafeEntryError):
        return QCoreApplication.translate("Errors", "This file has been altered or damaged")
    if isinstance(exc, NotABundleError):
        return QCoreApplication.translate("Errors", "This is not a session file")
    if isinstance(exc, ExpiredError):
        return QCoreApplication.translate("Errors", "This session has expired")
    if isinstance(exc, RollbackError):
        return QCoreApplication.translate("Errors", "This is an older copy of the session")
    if isinstance(exc, NotARecipientError):
        return QCoreApplication.translate("Errors", "This session was not sent to you")
    if isinstance(exc, NotPermittedError):
        return QCoreApplication.translate("Errors", "This document is restricted")
    if isinstance(exc, WrongPassphraseError):
        return QCoreApplication.translate("Errors", "Wrong passphrase")
    if isinstance(exc, CorruptCardError):
        return QCoreApplication.translate("Errors", "This public card cannot be used")
    if isinstance(exc, LibraryError):
        return QCoreApplication.translate("Errors", "Your reading library cannot be opened")
    return QCoreApplication.translate("Errors", "The action could not be completed")


def advice(exc: BaseException) -> str:
    """What the member can do next, in plain words."""
    if isinstance(exc, UnknownSignerError):
        return QCoreApplication.translate(
            "Errors", "Do not use this file. If the office has a new card, ask them to read its fingerprint "
                      "to you, then choose File \u25b8 Trust an office card\u2026")
    if isinstance(exc, TamperedError | UnsafeEntryError | NotABundleError):
        return QCoreApplication.translate("Errors", "Do not use this file; ask the office for a new copy.")
    if isinstance(exc, RollbackError):
        return QCoreApplication.translate(
            "Errors", "A newer version was already opened on this computer. Ask the office for the latest copy.")
    if isinstance(exc, NotARecipientError):
        return QCoreApplication.translate("Errors", "If you should have received it, contact the office.")
    return ""


BOX_STYLE = ("QLabel#qt_msgbox_label { font-weight: bold; min-width: 460px; }"
             "QLabel#qt_msgbox_informativelabel { min-width: 460px; }")


def error_message_box(parent: QWidget | None, exc: PaperlessError, language: str) -> QMessageBox:
    """A non-blocking warning dialog for a known error (``open()``-ed, not ``exec()``-ed)."""
    box = QMessageBox(QMessageBox.Icon.Warning, QCoreApplication.translate("Errors", "Paperless"), headline(exc),
                      QMessageBox.StandardButton.NoButton, parent)
    box.setObjectName("errorDialog")
    box.setStyleSheet(BOX_STYLE)
    details = exc.message(language)
    extra = advice(exc)
    box.setInformativeText(f"{details}\n\n{extra}" if extra else details)
    box.addButton(QCoreApplication.translate("Errors", "Close"), QMessageBox.ButtonRole.AcceptRole)
    box.setProperty("paperless_error", type(exc).__name__)
    return box


def bug_message_box(parent: QWidget | None, exc: BaseException) -> QMessageBox:
    text = QCoreApplication.translate(
        "Errors", "Something unexpected went wrong. This is a bug in Paperless, not your fault.")
    box = QMessageBox(QMessageBox.Icon.Critical, QCoreApplication.translate("Errors", "Paperless"), text,
                      QMessageBox.StandardButton.NoButton, parent)
    box.setObjectName("bugDialog")
    box.setStyleSheet(BOX_STYLE)
    box.setInformativeText(QCoreApplication.translate(
        "Errors", "Please tell the office what you were doing. Your documents are safe."))
    box.setDetailedText("".join(traceback.format_exception(exc)))
    box.addButton(QCoreApplication.translate("Errors", "Close"), QMessageBox.ButtonRole.AcceptRole)
    return box


def show_failure(parent: QWidget | None, exc: BaseException, language: str) -> QMessageBox:
    """Show ``exc`` as a known error or a bug; returns the (already open) dialog."""
    if isinstance(exc, PaperlessError):
        box = error_message_box(parent, exc, language)
    else:
        box = bug_message_box(parent, exc)
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    box.open()
    return box
