"""First run: create (or bring) my identity, show my card to read aloud, trust the office.

Pages: welcome → create (name, passphrase twice, strength hint) → my card (fingerprint in
large digits, "Save card…") → the office's card (choose a file, compare, trust — or skip).
``completed`` carries ``(identity, library)`` when the identity was created here (already
unlocked), or ``(None, None)`` after importing a folder (the app then asks the passphrase).
The tab order on every page is the order on screen, top to bottom, left to right.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QEvent, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from paperless.core.errors import PaperlessError
from paperless.core.identity import PublicCard, UnlockedIdentity, create_identity, unlock_identity
from paperless.core.library import Library, import_identity
from paperless.core.library.passphrase import passphrase_strength
from paperless.gui.dialogs.card_view import CardView
from paperless.gui.dialogs.errors import show_failure
from paperless.gui.dialogs.trust import choose_and_trust, save_card_file
from paperless.gui.icons import error_text, set_text_colour
from paperless.gui.services import AppServices

WELCOME, CREATE, CARD, OFFICE = range(4)


def _heading(parent: QWidget) -> QLabel:
    label = QLabel(parent)
    font = QFont(label.font())
    font.setPointSizeF(font.pointSizeF() * 1.45)
    font.setBold(True)
    label.setFont(font)
    label.setWordWrap(True)
    return label


def _text(parent: QWidget) -> QLabel:
    label = QLabel(parent)
    label.setWordWrap(True)
    return label


class FirstRunDialog(QDialog):
    completed = Signal(object, object)  # UnlockedIdentity | None, Library | None

    def __init__(self, services: AppServices, dest: Path, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("firstRunDialog")
        self._services = services
        self._dest = dest
        self.card: PublicCard | None = None
        self.office: PublicCard | None = None
        self._result: tuple[UnlockedIdentity | None, Library | None] = (None, None)
        self.setMinimumSize(600, 440)
        self.pages = QStackedWidget(self)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 20, 24, 20)
        layout.addWidget(self.pages)
        self._build_welcome()
        self._build_create()
        self._build_card()
        self._build_office()
        self.retranslate()

    # -- pages ------------------------------------------------------------------------------

    def _page(self) -> tuple[QWidget, QVBoxLayout]:
        page = QWidget(self.pages)
        box = QVBoxLayout(page)
        box.setSpacing(12)
        self.pages.addWidget(page)
        return page, box

    def _buttons(self, box: QVBoxLayout, *buttons: QPushButton) -> None:
        box.addStretch(1)
        row = QHBoxLayout()
        row.addStretch(1)
        for b in buttons:
            row.addWidget(b)
        box.addLayout(row)

    def _build_welcome(self) -> None:
        page, box = self._page()
        self._w_title, self._w_text = _heading(page), _text(page)
        self.create_button = QPushButton(page)
        self.create_button.setObjectName("createIdentity")
        self.create_button.setDefault(True)
        self.create_button.clicked.connect(lambda: self.pages.setCurrentIndex(CREATE))
        self.import_button = QPushButton(page)
        self.import_button.clicked.connect(self._import)
        for w in (self._w_title, self._w_text):
            box.addWidget(w)
        for b in (self.create_button, self.import_button):
            b.setMinimumHeight(40)
            box.addWidget(b)
        box.addStretch(1)

    def _build_create(self) -> None:
        page, box = self._page()
        self._c_title, self._c_text = _heading(page), _text(page)
        form = QFormLayout()
        self.name = QLineEdit(page)
        self.pass1 = QLineEdit(page)
        self.pass2 = QLineEdit(page)
        for w in (self.pass1, self.pass2):
            w.setEchoMode(QLineEdit.EchoMode.Password)
        self._l_name, self._l_pass1, self._l_pass2 = QLabel(page), QLabel(page), QLabel(page)
        for label, field in ((self._l_name, self.name), (self._l_pass1, self.pass1), (self._l_pass2, self.pass2)):
            label.setBuddy(field)
        form.addRow(self._l_name, self.name)
        form.addRow(self._l_pass1, self.pass1)
        form.addRow(self._l_pass2, self.pass2)
        self.strength = _text(page)
        self.strength.setObjectName("strength")
        self.create_message = _text(page)
        self._c_back = QPushButton(page)
        self._c_back.clicked.connect(lambda: self.pages.setCurrentIndex(WELCOME))
        self.do_create = QPushButton(page)
        self.do_create.setObjectName("doCreate")
        self.do_create.setDefault(True)
        self.do_create.clicked.connect(self._create)
        for w in (self.name, self.pass1, self.pass2):
            w.textChanged.connect(self._validate)
        box.addWidget(self._c_title)
        box.addWidget(self._c_text)
        box.addLayout(form)
        box.addWidget(self.strength)
        box.addWidget(self.create_message)
        self._buttons(box, self._c_back, self.do_create)
        for first, second in ((self.name, self.pass1), (self.pass1, self.pass2), (self.pass2, self._c_back),
                              (self._c_back, self.do_create)):
            QWidget.setTabOrder(first, second)
        self._apply_palette()

    def _apply_palette(self) -> None:
        set_text_colour(self.create_message, error_text(self.palette()))

    def _build_card(self) -> None:
        page, box = self._page()
        self._k_title, self._k_text = _heading(page), _text(page)
        self.card_view = CardView(page)
        self.save_card_button = QPushButton(page)
        self.save_card_button.clicked.connect(self._save_card)
        self.saved_message = _text(page)
        self._k_next = QPushButton(page)
        self._k_next.setDefault(True)
        self._k_next.clicked.connect(lambda: self.pages.setCurrentIndex(OFFICE))
        for w in (self._k_title, self._k_text, self.card_view):
            box.addWidget(w)
        row = QHBoxLayout()
        row.addWidget(self.save_card_button)
        row.addWidget(self.saved_message, 1)
        box.addLayout(row)
        self._buttons(box, self._k_next)

    def _build_office(self) -> None:
        page, box = self._page()
        self._o_title, self._o_text = _heading(page), _text(page)
        self.choose_office = QPushButton(page)
        self.choose_office.clicked.connect(self._choose_office)
        self.office_view = CardView(page)
        self.office_view.hide()
        self.skip_button = QPushButton(page)
        self.skip_button.clicked.connect(self._finish)
        self.finish_button = QPushButton(page)
        self.finish_button.setObjectName("finish")
        self.finish_button.clicked.connect(self._finish)
        self.finish_button.hide()
        for w in (self._o_title, self._o_text, self.choose_office, self.office_view):
            box.addWidget(w)
        self._buttons(box, self.skip_button, self.finish_button)

    # -- texts ------------------------------------------------------------------------------

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Welcome to Paperless"))
        self._w_title.setText(self.tr("Welcome to Paperless"))
        self._w_text.setText(self.tr(
            "Paperless keeps the committee's session documents encrypted on this computer. "
            "First you need your own identity: a personal key protected by a passphrase that only you know."))
        self.create_button.setText(self.tr("&Create my identity"))
        self.import_button.setText(self.tr("&Use an existing identity folder\u2026"))
        self._c_title.setText(self.tr("Create my identity"))
        self._c_text.setText(self.tr(
            "Choose a passphrase you will remember: a short sentence is best. Nobody, not even the office, "
            "can recover it if it is forgotten."))
        self._l_name.setText(self.tr("Full &name:"))
        self._l_pass1.setText(self.tr("&Passphrase:"))
        self._l_pass2.setText(self.tr("&Repeat passphrase:"))
        self._c_back.setText(self.tr("&Back"))
        self.do_create.setText(self.tr("C&reate"))
        self._k_title.setText(self.tr("Your public card"))
        self._k_text.setText(self.tr(
            "Give your public card to the office, and read these 20 digits aloud to them so that they can "
            "check it. The card holds no secret."))
        self.save_card_button.setText(self.tr("&Save card\u2026"))
        self._k_next.setText(self.tr("&Next"))
        self._o_title.setText(self.tr("Trust the office"))
        self._o_text.setText(self.tr(
            "To open session files, Paperless needs the public card of the office that signs them. "
            "Choose the card file the office gave you. You can also do this later from the File menu."))
        self.choose_office.setText(self.tr("&Choose the office's card\u2026"))
        self.skip_button.setText(self.tr("&Skip for now"))
        self.finish_button.setText(self.tr("&Finish"))
        self._validate()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        elif event.type() == QEvent.Type.PaletteChange and hasattr(self, "create_message"):
            self._apply_palette()
        super().changeEvent(event)

    # -- actions ----------------------------------------------------------------------------

    def _validate(self) -> None:
        text = self.pass1.text()
        s = passphrase_strength(text)
        words = [self.tr("too short (at least 8 characters)"), self.tr("weak"), self.tr("fair"),
                 self.tr("good"), self.tr("strong")]
        hint = ""
        if text:
            hint = self.tr("Strength: %1.").replace("%1", words[s.score])
            if s.acceptable and s.score < 3:
                hint += " " + self.tr("Make it longer, or mix words, capitals, digits and accented letters.")
        self.strength.setText(hint)
        same = text == self.pass2.text()
        if self.pass2.text() and not same:
            self.create_message.setText(self.tr("The two passphrases are not the same."))
        else:
            self.create_message.setText("")
        self.do_create.setEnabled(bool(self.name.text().strip()) and s.acceptable and same)

    def _create(self) -> None:
        if not self.do_create.isEnabled():
            return
        name, passphrase = self.name.text(), self.pass1.text()
        dest, root, log_n = self._dest, self._services.paths.root, self._services.kdf_log_n
        self.do_create.setEnabled(False)
        self._c_back.setEnabled(False)
        self.create_message.setText(self.tr("Creating your keys\u2026"))

        def work() -> tuple[UnlockedIdentity, Library]:
            create_identity(dest, name, "member", passphrase, log_n=log_n)
            identity = unlock_identity(dest, passphrase, failure_delay=0)
            return identity, Library.open(root, identity)

        self._services.tasks.pool.run(work, self._created, self._create_failed)

    def _created(self, result: tuple[UnlockedIdentity, Library]) -> None:
        self.pass1.clear()
        self.pass2.clear()
        self._result = result
        self._show_card(result[0].card)

    def _create_failed(self, exc: BaseException) -> None:
        self._c_back.setEnabled(True)
        self._validate()
        if isinstance(exc, PaperlessError):
            self.create_message.setText(exc.message(self._services.language))
        else:
            self._services.tasks.report(exc)

    def _import(self) -> None:
        folder = self._services.files.folder(self, self.tr("Choose your identity folder"))
        if folder is None:
            return
        try:
            card = import_identity(folder, self._dest)
        except PaperlessError as exc:
            show_failure(self, exc, self._services.language)
            return
        self._result = (None, None)
        self._show_card(card)

    def _show_card(self, card: PublicCard) -> None:
        self.card = card
        self.card_view.set_card(card)
        self.pages.setCurrentIndex(CARD)

    def _save_card(self) -> None:
        path = save_card_file(self._services, self, self.card) if self.card is not None else None
        if path is not None:
            self.saved_message.setText(self.tr("Saved to %1").replace("%1", str(path)))

    def _choose_office(self) -> None:
        choose_and_trust(self._services, self, self._office_trusted, keep=self._keep_office)

    def _keep_office(self, card: PublicCard) -> None:
        """Into the new library; an imported identity is not unlocked yet: the app trusts
        ``self.office`` once it is (see Startup)."""
        library = self._result[1]
        if library is not None:
            library.trust(card)

    def _office_trusted(self, card: PublicCard | None) -> None:
        if card is None:
            return
        self.office = card
        self.office_view.set_card(card)
        self.office_view.show()
        self.skip_button.hide()
        self.finish_button.show()
        self.finish_button.setDefault(True)

    def _finish(self) -> None:
        self.accept()
        self.completed.emit(*self._result)

    def reject(self) -> None:
        if self.pages.currentIndex() in (CARD, OFFICE):  # the identity exists: finish instead
            self._finish()
            return
        super().reject()

