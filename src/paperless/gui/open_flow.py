"""Opening a session: verify → (unlock) → open → show, with a clear dialog for each refusal.

A file from elsewhere is verified completely (signature, every entry's hash), checked
against rollback and for this member, kept in the library and shown. A session from the
library is reopened with the identity already unlocked. Refusals — unknown signer,
tampering, an older version, not sent to this member — come from the core with a
one-line message in Vietnamese and English; the dialog adds a short headline and advice.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QMessageBox, QWidget

from paperless.core.bundle import OpenedBundle, UnknownSignerError
from paperless.core.errors import PaperlessError
from paperless.core.library import SessionRecord, import_bundle, reopen_session
from paperless.gui.dialogs.errors import error_message_box, show_failure
from paperless.gui.dialogs.trust import choose_and_trust
from paperless.gui.services import AppServices

BUNDLE_SUFFIX = ".paperless"


class OpenFlow(QObject):
    opened = Signal(object, object)  # OpenedBundle, SessionRecord
    started = Signal(str)  # what is being opened (file name), for the status bar
    refused = Signal(object)  # the PaperlessError, after its dialog is shown

    def __init__(self, services: AppServices, window: QWidget) -> None:
        super().__init__(window)
        self._services = services
        self._window = window
        self.busy = False
        self.last_dialog: QMessageBox | None = None

    def open_file(self, path: Path) -> None:
        library = self._services.library
        if library is None or self.busy:
            return
        trusted = self._services.trusted()
        now = self._services.clock()
        self.busy = True
        self.started.emit(path.name)
        self._services.operations.run(lambda: import_bundle(library, path, trusted, now=now),
                                      self._done, self._failed)

    def reopen(self, record: SessionRecord) -> None:
        library = self._services.library
        if library is None or self.busy:
            return
        trusted = self._services.trusted()
        now = self._services.clock()
        self.busy = True
        self.started.emit(record.title)
        self._services.operations.run(lambda: reopen_session(library, record, trusted, now=now),
                                      self._done, self._failed)

    def _done(self, opened: OpenedBundle) -> None:
        self.busy = False
        library = self._services.library
        if library is None:
            opened.close()
            return
        self.opened.emit(opened, library.session(opened.manifest.session_id))

    def _failed(self, exc: BaseException) -> None:
        self.busy = False
        if not isinstance(exc, PaperlessError):
            self._services.operations.failed.emit(exc)
            return
        if isinstance(exc, UnknownSignerError):
            box = error_message_box(self._window, exc, self._services.language)
            trust_button = box.addButton(self.tr("Trust an office card\u2026"), QMessageBox.ButtonRole.ActionRole)
            trust_button.clicked.connect(lambda: choose_and_trust(self._services, self._window))
            box.open()
            self.last_dialog = box
        else:
            self.last_dialog = show_failure(self._window, exc, self._services.language)
        self.refused.emit(exc)


def bundle_paths(paths: list[Path]) -> list[Path]:
    """The session files among dropped files."""
    return [p for p in paths if p.suffix.lower() == BUNDLE_SUFFIX and p.is_file()]
