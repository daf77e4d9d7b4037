"""File ▸ Connect to the office server…: choose the file the office gave, check it, confirm —
or, when an opened session carries that file, the offer to connect (:class:`BundleOffer`).

The file (``office-server.toml``) names the server's address and pins its certificate, and is
signed by the office's card, which the member already trusts for session files. Checking the
signature and keeping the file are the core's (``import_file``, run on the pool lane); this
module asks for the file, says what it found and asks the member to confirm.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QObject, Signal
from PySide6.QtWidgets import QMessageBox, QWidget

from paperless.core.errors import PaperlessError
from paperless.core.identity import PublicCard
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


@dataclass(frozen=True)
class Offer:
    """What a session bundle's office-server file would change (``backend.bundle_offer``)."""

    address: str  # the server the file names (checked: the session's office signed it)
    current: str | None  # the server this member syncs with now; None: not connected
    same: bool  # already connected to that very server (address, identity and pinned certificate)
    key: tuple[str, str]  # address and certificate pin: "Not now" holds for this one until the app closes


class BundleOffer(QObject):
    """A session the member opened carries the office's server file: offer to connect, once.

    Nothing is asked when the member already syncs with that very server; a connection to another
    server is never changed without the member's yes (and "Not now" is then the default button).
    """

    connected = Signal()  # the file was checked and kept: sync can start
    checked = Signal(object)  # the Offer, once a session's file was checked (whether asked or not)

    def __init__(self, lane: Lane, inspect: Callable[[bytes, PublicCard, str], Offer],
                 keep: Callable[[bytes, PublicCard, str], None], language: Callable[[], str],
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._lane, self._inspect, self._keep, self._language = lane, inspect, keep, language
        self._declined: set[tuple[str, str]] = set()
        self._asking: tuple[str, str] | None = None
        self.question: QMessageBox | None = None  # the question on screen, if any

    def offer(self, raw: bytes, signer: PublicCard, label: str, parent: QWidget | None) -> None:
        """Check the file (pool lane); ask if it names a server this member does not sync with yet."""
        self._lane.run(lambda: self._inspect(raw, signer, label),
                       lambda offer: self._ask(parent, raw, signer, label, offer),
                       lambda exc: self._failed(parent, exc))

    def _failed(self, parent: QWidget | None, exc: BaseException) -> None:
        if isinstance(exc, PaperlessError):
            show_failure(parent, exc, self._language())
        else:
            raise exc

    def _ask(self, parent: QWidget | None, raw: bytes, signer: PublicCard, label: str, offer: Offer) -> None:
        try:
            if not (offer.same or offer.key in self._declined or offer.key == self._asking):
                self._question(parent, raw, signer, label, offer)
        finally:
            self.checked.emit(offer)

    def _question(self, parent: QWidget | None, raw: bytes, signer: PublicCard, label: str, offer: Offer) -> None:
        translate = QCoreApplication.translate
        if offer.current is None:
            # each address on a line of its own: never broken in two, easy to read out over the telephone
            text = translate("ConnectOffice", "The office has sent the address of its server with this session:\n"
                                              "%1\n"
                                              "Connect to keep your notes in step between your computers?"
                             ).replace("%1", offer.address)
            yes_text = translate("ConnectOffice", "C&onnect")
        else:
            text = (translate("ConnectOffice", "The office has sent the address of a new server with this session:\n"
                                               "%1\n"
                                               "This computer now syncs your notes with:\n"
                                               "%2\n"
                                               "Change to the new server?")
                    .replace("%1", offer.address).replace("%2", offer.current))
            yes_text = translate("ConnectOffice", "C&hange server")
        box = QMessageBox(QMessageBox.Icon.Question, translate("ConnectOffice", "Connect to the office server"),
                          text, QMessageBox.StandardButton.NoButton, parent)
        box.setObjectName("offerConnect")
        box.setInformativeText(translate("ConnectOffice", "Your notes are encrypted: the server cannot read "
                                                          "them. You can also connect later (File menu)."))
        yes = box.addButton(yes_text, QMessageBox.ButtonRole.AcceptRole)
        later = box.addButton(translate("ConnectOffice", "&Not now"), QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(yes if offer.current is None else later)
        box.setEscapeButton(later)
        self._asking = offer.key
        self.question = box

        def answered(button: object) -> None:
            if button is yes:
                self._lane.run(lambda: self._keep(raw, signer, label), lambda _: self.connected.emit(),
                               lambda exc: self._failed(parent, exc))
            else:
                self._declined.add(offer.key)

        def closed() -> None:
            self._asking = None
            if self.question is box:
                self.question = None
            box.deleteLater()

        box.buttonClicked.connect(answered)
        box.finished.connect(closed)
        box.open()
