"""File ▸ Connect to the office server…: choose the file the office gave, check it, confirm.

The file (``office-server.toml``) names the server's address and pins its certificate, and is
signed by the office's card, which the member already trusts for session files. Checking the
signature and keeping the file are the core's (``import_file``, run on the pool lane); this
module asks for the file, says what it found and asks the member to confirm.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QObject, Signal
from PySide6.QtWidgets import QMessageBox, QWidget

from paperless.core.errors import PaperlessError
from paperless.gui.dialogs.errors import show_failure
from paperless.gui.files import FilePicker
from paperless.gui.tasks import Lane


def office_filters() -> str:
    return QCoreApplication.translate("ConnectOffice", "Office server files (*.toml);;All files (*)")


class ConnectFlow(QObject):
    connected = Signal()  # the file was checked and kept: sync can start

    def __init__(self, files: FilePicker, lane: Lane, check: Callable[[Path], str], keep: Callable[[Path], None],
                 language: Callable[[], str], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._files, self._lane, self._check, self._keep, self._language = files, lane, check, keep, language

    def run(self, parent: QWidget | None) -> None:
        title = QCoreApplication.translate("ConnectOffice", "Connect to the office server")
        path = self._files.open_file(parent, title, office_filters())
        if path is None:
            return
        self._lane.run(lambda: self._check(path), lambda address: self._confirm(parent, path, address),
                       lambda exc: self._failed(parent, exc))

    def _failed(self, parent: QWidget | None, exc: BaseException) -> None:
        if isinstance(exc, PaperlessError):
            show_failure(parent, exc, self._language())
        else:
            raise exc

    def _confirm(self, parent: QWidget | None, path: Path, address: str) -> None:
        translate = QCoreApplication.translate
        box = QMessageBox(QMessageBox.Icon.Question, translate("ConnectOffice", "Connect to the office server"),
                          translate("ConnectOffice", "This file, signed by your office, names the office server "
                                                     "%1. Your notes will be kept in step between your computers "
                                                     "through it, encrypted so that the server cannot read them.")
                          .replace("%1", address),
                          QMessageBox.StandardButton.NoButton, parent)
        box.setObjectName("confirmConnect")
        connect = box.addButton(translate("ConnectOffice", "C&onnect"), QMessageBox.ButtonRole.AcceptRole)
        box.addButton(QMessageBox.StandardButton.Cancel)
        box.setDefaultButton(connect)
        box.buttonClicked.connect(lambda button: self._kept(parent, path) if button is connect else None)
        box.finished.connect(box.deleteLater)
        box.open()

    def _kept(self, parent: QWidget | None, path: Path) -> None:
        self._lane.run(lambda: self._keep(path), lambda _: self.connected.emit(),
                       lambda exc: self._failed(parent, exc))
