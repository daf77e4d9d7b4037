"""The clerk's Members page: who the session is for, from their public cards.

Cards come by drag and drop or a file dialog. A card the clerk has not checked before is shown
with its fingerprint in large digits, to read back to the member on the phone, and is added only
when accepted; a card checked before (kept in ``<data dir>/clerk/cards``) is not asked about
again. Each added card is copied into the session's folder (``cards/``), so the folder is
self-contained. The committee's roster (:mod:`paperless.core.clerk.roster`) keeps members with
their positions for the next sessions: "Add from the roster" ticks them in, "Save to the roster"
keeps this session's members.
"""

from __future__ import annotations

import html
from pathlib import Path

from PySide6.QtCore import QEvent, Qt, QUrl, Signal
from PySide6.QtGui import QDragEnterEvent, QDropEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from paperless.core.atomic import atomic_write
from paperless.core.clerk.draft import MemberDraft, SessionDraft
from paperless.core.clerk.roster import POSITIONS, Roster, RosterEntry, card_file_name
from paperless.core.consultation.polls import clean_text
from paperless.core.errors import PaperlessError, T
from paperless.core.identity import PublicCard, load_card
from paperless.gui.clerk.controller import WorkspaceController
from paperless.gui.clerk.field_notes import FieldNote, in_language
from paperless.gui.dialogs.card_view import CardView
from paperless.gui.icons import error_text, muted_text, set_text_colour
from paperless.gui.services import AppServices

SESSION_CARDS = "cards"  # beside session.toml


class FingerprintDialog(QDialog):
    """A new card: its fingerprint large, to read back to the member; Accept or Refuse.
    Enter alone refuses: accepting takes a deliberate Tab (or Alt+A, or a click)."""

    def __init__(self, card: PublicCard, source: Path, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("fingerprintDialog")
        self.card = card
        self.source = source
        self.setMinimumWidth(620)
        layout = QVBoxLayout(self)
        self._intro = QLabel(self)
        self._intro.setWordWrap(True)
        self.view = CardView(self)
        self.view.set_card(card)
        self._question = QLabel(self)
        self._question.setWordWrap(True)
        self.accept_button = QPushButton(self)
        self.accept_button.setObjectName("acceptCard")
        self.accept_button.clicked.connect(self.accept)
        self.refuse_button = QPushButton(self)
        self.refuse_button.setObjectName("refuseCard")
        self.refuse_button.setDefault(True)
        self.refuse_button.clicked.connect(self.reject)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(self.accept_button)
        row.addWidget(self.refuse_button)
        layout.addWidget(self._intro)
        layout.addWidget(self.view)
        layout.addWidget(self._question)
        layout.addLayout(row)
        QWidget.setTabOrder(self.view.fingerprint, self.accept_button)
        QWidget.setTabOrder(self.accept_button, self.refuse_button)
        self.retranslate()

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Check a member's card"))
        self._intro.setText(self.tr("A new card, from the file %1. Read it back to the member on the phone: "
                                    "call them on a number you already know, and read these digits to them "
                                    "group by group.").replace("%1", self.source.name))
        self._question.setText(self.tr("Accept the card only if the member has the same digits on their screen. "
                                       "If one digit differs, refuse it and ask for the card again."))
        self.accept_button.setText(self.tr("&Accept: the digits are the same"))
        self.refuse_button.setText(self.tr("&Refuse"))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)


class RosterDialog(QDialog):
    """The roster with tick boxes: which members to add to this session."""

    def __init__(self, entries: list[tuple[RosterEntry, str]], parent: QWidget | None = None) -> None:
        """``entries``: each roster entry and why it cannot be added ("" when it can)."""
        super().__init__(parent)
        self.setObjectName("rosterDialog")
        self.setMinimumSize(560, 420)
        self.entries = [e for e, _why in entries]
        layout = QVBoxLayout(self)
        self._intro = QLabel(self)
        self._intro.setWordWrap(True)
        self.list = QListWidget(self)
        self.list.setObjectName("rosterList")
        for entry, why in entries:
            text = entry.name + (f" — {entry.position}" if entry.position else "") + (f"  ({why})" if why else "")
            item = QListWidgetItem(text, self.list)
            flags = Qt.ItemFlag.ItemIsUserCheckable | Qt.ItemFlag.ItemIsSelectable
            if not why:
                flags |= Qt.ItemFlag.ItemIsEnabled
            item.setFlags(flags)
            item.setCheckState(Qt.CheckState.Unchecked)
        self.all_button = QPushButton(self)
        self.all_button.clicked.connect(self._tick_all)
        self.add_button = QPushButton(self)
        self.add_button.setObjectName("addTicked")
        self.add_button.setDefault(True)
        self.add_button.clicked.connect(self.accept)
        self._cancel = QPushButton(self)
        self._cancel.clicked.connect(self.reject)
        row = QHBoxLayout()
        row.addWidget(self.all_button)
        row.addStretch(1)
        row.addWidget(self.add_button)
        row.addWidget(self._cancel)
        layout.addWidget(self._intro)
        layout.addWidget(self.list, 1)
        layout.addLayout(row)
        self.retranslate()

    def ticked(self) -> list[RosterEntry]:
        return [e for i, e in enumerate(self.entries) if self.list.item(i).checkState() == Qt.CheckState.Checked]

    def _tick_all(self) -> None:
        for i in range(self.list.count()):
            item = self.list.item(i)
            if item.flags() & Qt.ItemFlag.ItemIsEnabled:
                item.setCheckState(Qt.CheckState.Checked)

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Add from the roster"))
        self._intro.setText(self.tr("Tick the members of this session (Space ticks the highlighted one)."))
        self.all_button.setText(self.tr("Tick &all"))
        self.add_button.setText(self.tr("&Add the ticked members"))
        self._cancel.setText(self.tr("&Cancel"))


class _MemberRow(QWidget):
    def __init__(self, page: MembersPage, index: int) -> None:
        super().__init__(page.rows_host)
        self.index = index
        grid = QGridLayout(self)
        grid.setContentsMargins(0, 4, 0, 4)
        grid.setColumnStretch(1, 3)
        grid.setColumnStretch(2, 2)
        grid.setColumnStretch(3, 3)
        self.number = QLabel(f"{index + 1}.", self)
        self.name = QLineEdit(self)
        self.name.setObjectName(f"memberName{index}")
        self.position = QComboBox(self)
        self.position.setObjectName(f"memberPosition{index}")
        self.position.setEditable(True)
        self.position.addItems(["", *POSITIONS])
        self.card = QLabel(self)
        self.card.setWordWrap(True)
        self.card.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.remove = QPushButton(self)
        self.remove.setObjectName(f"removeMember{index}")
        self.note = FieldNote(("members", index), self)
        self.note.field = self.name
        grid.addWidget(self.number, 0, 0)
        grid.addWidget(self.name, 0, 1)
        grid.addWidget(self.position, 0, 2)
        grid.addWidget(self.card, 0, 3)
        grid.addWidget(self.remove, 0, 4)
        grid.addWidget(self.note, 1, 1, 1, 4)
        set_text_colour(self.card, muted_text(self.palette()))


class MembersPage(QWidget):
    """The session's members; a self-contained page of the clerk's window."""

    message = Signal(str)  # what the last import, roster or removal did (also shown on the page)

    def __init__(self, controller: WorkspaceController, services: AppServices, roster: Roster | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("clerkMembersPage")
        self.setAcceptDrops(True)
        self.controller = controller
        self._services = services
        self.roster = roster or Roster.in_data_folder(services.paths.root)
        self._rows: list[_MemberRow] = []
        self._positions: dict[str, str] = {}  # fingerprint -> position typed on this page
        self._cards: dict[tuple[Path, float], PublicCard | None] = {}
        self._queue: list[Path] = []
        self._messages: list[tuple[str, bool]] = []  # the last few, and whether each is a problem
        self.dialog: FingerprintDialog | RosterDialog | None = None  # the one open, for tests
        self._refreshing = False
        self._build()
        controller.edited.connect(lambda _w: self.refresh())
        controller.loaded.connect(self.refresh)
        controller.saved.connect(self.refresh)
        self.retranslate()
        self.refresh()

    # -- building ------------------------------------------------------------------------------------

    def _build(self) -> None:
        page = QVBoxLayout(self)
        page.setContentsMargins(24, 16, 24, 16)
        self.heading = QLabel(self)
        font = self.heading.font()
        font.setPointSizeF(font.pointSizeF() * 1.4)
        font.setBold(True)
        self.heading.setFont(font)
        self.intro = QLabel(self)
        self.intro.setWordWrap(True)
        buttons = QHBoxLayout()
        self.import_button = QPushButton(self)
        self.import_button.setObjectName("importCards")
        self.import_button.clicked.connect(self.choose_cards)
        self.roster_button = QPushButton(self)
        self.roster_button.setObjectName("addFromRoster")
        self.roster_button.clicked.connect(self.add_from_roster)
        self.save_roster_button = QPushButton(self)
        self.save_roster_button.setObjectName("saveToRoster")
        self.save_roster_button.clicked.connect(self.save_to_roster)
        for b in (self.import_button, self.roster_button, self.save_roster_button):
            buttons.addWidget(b)
        buttons.addStretch(1)
        # Ctrl+I, not Ctrl+O: the window's File ▸ Open a session… has Ctrl+O (one key, two actions: neither runs)
        QShortcut(QKeySequence("Ctrl+I"), self, self.choose_cards,
                  context=Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.status = QLabel(self)
        self.status.setObjectName("membersStatus")
        self.status.setWordWrap(True)
        self.status.setTextFormat(Qt.TextFormat.RichText)
        self.status.hide()
        self.members_note = FieldNote(("members",), self, exact=True)
        self.header = QWidget(self)
        hgrid = QGridLayout(self.header)
        hgrid.setContentsMargins(0, 0, 0, 0)
        hgrid.setColumnStretch(1, 3)
        hgrid.setColumnStretch(2, 2)
        hgrid.setColumnStretch(3, 3)
        self.h_name, self.h_position, self.h_card = QLabel(self.header), QLabel(self.header), QLabel(self.header)
        for col, label in ((1, self.h_name), (2, self.h_position), (3, self.h_card)):
            f = label.font()
            f.setBold(True)
            label.setFont(f)
            hgrid.addWidget(label, 0, col)
        self._h_spacer = QLabel("", self.header)
        hgrid.addWidget(self._h_spacer, 0, 0)
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        self.rows_host = QWidget(scroll)
        self.rows_layout = QVBoxLayout(self.rows_host)
        self.rows_layout.setContentsMargins(0, 0, 0, 0)
        self.rows_layout.addStretch(1)
        scroll.setWidget(self.rows_host)
        self.drop_hint = QLabel(self)
        self.drop_hint.setObjectName("dropHint")
        self.drop_hint.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.drop_hint.setWordWrap(True)
        self.drop_hint.setFrameShape(QFrame.Shape.StyledPanel)
        self.drop_hint.setMinimumHeight(56)
        page.addWidget(self.heading)
        page.addWidget(self.intro)
        page.addLayout(buttons)
        page.addWidget(self.status)
        page.addWidget(self.members_note)
        page.addWidget(self.header)
        page.addWidget(scroll, 1)
        page.addWidget(self.drop_hint)
        set_text_colour(self.intro, muted_text(self.palette()))
        set_text_colour(self.drop_hint, muted_text(self.palette()))

    def _language(self) -> str:
        return self._services.language

    def retranslate(self) -> None:
        self.heading.setText(self.tr("Members"))
        self.intro.setText(self.tr("Each member gives you their public card (card.toml). Add it here: the first "
                                   "time, read its fingerprint back to the member on the phone."))
        self.import_button.setText(self.tr("&Import cards… (Ctrl+I)"))
        self.roster_button.setText(self.tr("Add from the r&oster…"))
        self.save_roster_button.setText(self.tr("&Save to the roster"))
        self.h_name.setText(self.tr("Name"))
        self.h_position.setText(self.tr("Position"))
        self.h_card.setText(self.tr("Card"))
        self.drop_hint.setText(self.tr("Drop card files here"))
        self.refresh()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    # -- redrawing -----------------------------------------------------------------------------------

    def card_of(self, member: MemberDraft, folder: Path | None = None) -> PublicCard | None:
        """The member's card, or None when it cannot be read (its problem says why)."""
        if not member.key:
            return None
        path = (folder or self.controller.draft.folder) / member.key
        try:
            key = (path, path.stat().st_mtime)
        except OSError:
            return None
        if key not in self._cards:
            try:
                self._cards[key] = load_card(path)
            except PaperlessError:
                self._cards[key] = None
        return self._cards[key]

    def refresh(self) -> None:
        d = self.controller.draft
        self._refreshing = True
        try:
            while len(self._rows) > len(d.members):
                row = self._rows.pop()
                row.hide()
                row.deleteLater()
            while len(self._rows) < len(d.members):
                self._add_row(len(self._rows))
            for row, member in zip(self._rows, d.members, strict=True):
                self._fill(row, member)
        finally:
            self._refreshing = False
        problems = self.controller.workspace.problems()
        self.members_note.show_problems(problems, self._language())
        for row in self._rows:
            row.note.show_problems(problems, self._language())
        self.header.setVisible(bool(self._rows))

    def _add_row(self, index: int) -> None:
        row = _MemberRow(self, index)
        row.name.textEdited.connect(lambda _t, row=row: row.name.setModified(True))
        row.name.editingFinished.connect(lambda row=row: self._commit_name(row))
        row.position.currentTextChanged.connect(lambda text, row=row: self._position_changed(row, text))
        row.remove.clicked.connect(lambda _c=False, row=row: self.remove_member(row.index))
        row.remove.setText(self.tr("Remove"))
        self.rows_layout.insertWidget(self.rows_layout.count() - 1, row)
        self._rows.append(row)

    def _fill(self, row: _MemberRow, member: MemberDraft) -> None:
        if not (row.name.hasFocus() and row.name.isModified()) and row.name.text() != member.name:
            row.name.setText(member.name)
        card = self.card_of(member)
        row.remove.setText(self.tr("Remove"))
        row.remove.setAccessibleName(self.tr("Remove %1").replace("%1", member.name))
        if card is None:
            row.card.setText(member.key)
            row.position.setEnabled(False)
            return
        row.position.setEnabled(True)
        entry = self._roster_entry(card)
        position = self._positions.get(card.fingerprint, entry.position if entry else "")
        if row.position.currentText() != position:
            row.position.setEditText(position)
        role = self.tr("office") if card.role == "clerk" else self.tr("member")
        groups = card.fingerprint.split()
        row.card.setText(self.tr("%1 · fingerprint %2").replace("%1", role)
                         .replace("%2", f"{' '.join(groups[:2])} … {groups[-1]}"))
        row.card.setToolTip(self.tr("Fingerprint: %1\nFile: %2").replace("%1", card.fingerprint)
                            .replace("%2", member.key))

    def _roster_entry(self, card: PublicCard) -> RosterEntry | None:
        try:
            return self.roster.find(card)
        except PaperlessError:
            return None

    # -- messages ------------------------------------------------------------------------------------

    @property
    def last_message(self) -> str:
        return self._messages[-1][0] if self._messages else ""

    def _say(self, text: T | str, error: bool = False) -> None:
        line = text if isinstance(text, str) else in_language(text, self._language())
        self._messages = [*self._messages[-2:], (line, error)]
        red, grey = error_text(self.palette()).name(), muted_text(self.palette()).name()
        self.status.setText("<br>".join(
            f'<span style="color:{red if bad else grey}">{html.escape(m, quote=False)}</span>'
            for m, bad in self._messages))
        self.status.show()
        self.message.emit(line)

    # -- changing members ----------------------------------------------------------------------------

    def _commit_name(self, row: _MemberRow) -> None:
        if self._refreshing or row.index >= len(self.controller.draft.members):
            return
        text, i = row.name.text(), row.index
        row.name.setModified(False)
        self.controller.edit(T("rename a member", "sửa tên thành viên"),
                             lambda d: setattr(d.members[i], "name", text), ("members", i, "name"))

    def _position_changed(self, row: _MemberRow, text: str) -> None:
        if self._refreshing or row.index >= len(self.controller.draft.members):
            return
        card = self.card_of(self.controller.draft.members[row.index])
        if card is not None:
            self._positions[card.fingerprint] = clean_text(text)

    def remove_member(self, index: int) -> None:
        draft = self.controller.draft
        if not 0 <= index < len(draft.members):
            return
        name = draft.members[index].name

        def change(d: SessionDraft) -> None:
            removed = clean_text(d.members[index].name)
            del d.members[index]
            for item in d.items:  # a restriction naming them would name nobody that exists
                if item.restricted_to is not None:
                    item.restricted_to = [n for n in item.restricted_to if clean_text(n) != removed]

        self.controller.edit(T(f"remove {name}", f"bỏ {name}"), change, ("members",))
        self._say(T(f"{name} removed (Ctrl+Z puts them back).", f"Đã bỏ {name} (Ctrl+Z để hoàn tác)."))

    # -- importing cards -----------------------------------------------------------------------------

    def choose_cards(self) -> None:
        path = self._services.files.open_file(self, self.tr("Choose a member's card"),
                                              self.tr("Public cards (*.toml);;All files (*)"))
        if path is not None:
            self.import_files([path])

    def import_files(self, paths: list[Path]) -> None:
        """Add the cards in ``paths``, one after the other (new ones asked about first)."""
        self._queue.extend(paths)
        if self.dialog is None:
            self._next()

    def _next(self) -> None:
        while self._queue and self.dialog is None:
            path = self._queue.pop(0)
            try:
                card = load_card(path)
            except PaperlessError:
                self._say(T(f"{path.name} is not a member's card: not added. Ask the member for the card "
                            "file (card.toml) their Paperless made.",
                            f"{path.name} không phải thẻ của thành viên: không thêm. Hãy xin thành viên tệp thẻ "
                            "(card.toml) do Paperless của họ tạo ra."), error=True)
                continue
            why = self._why_not(card)
            if why is not None:
                self._say(why, error=True)
                continue
            if self.roster.is_checked(card):
                self._add(card)
                continue
            dialog = FingerprintDialog(card, path, self)
            dialog.finished.connect(lambda result, dialog=dialog: self._answered(dialog, result))
            self.dialog = dialog
            dialog.open()

    def _answered(self, dialog: FingerprintDialog, result: int) -> None:
        self.dialog = None
        dialog.deleteLater()
        card = dialog.card
        if result == QDialog.DialogCode.Accepted:
            try:
                self.roster.remember(card)
            except PaperlessError as exc:
                self._say(exc.message(self._language()), error=True)
            else:
                self._add(card)
        else:
            self._say(T(f"{card.name}: card refused, not added.", f"{card.name}: đã từ chối thẻ, không thêm."),
                      error=True)
        self._next()

    def _why_not(self, card: PublicCard) -> T | None:
        """Why ``card`` cannot be added to this session, or None."""
        name = clean_text(card.name)
        for m in self.controller.draft.members:
            other = self.card_of(m)
            if other is not None and other.recipient == card.recipient:
                return T(f"{m.name} is already a member with this card.",
                         f"{m.name} đã là thành viên với thẻ này.")
            if clean_text(m.name) == name:
                return T(f"{name} is already a member with another card: remove that member first "
                         "if their card changed.",
                         f"{name} đã là thành viên với một thẻ khác: hãy bỏ thành viên đó trước "
                         "nếu thẻ của họ đã thay đổi.")
        return None

    def _copy_into_session(self, card: PublicCard) -> str:
        """The card written into the session's folder; its path relative to it."""
        key = f"{SESSION_CARDS}/{card_file_name(card)}"
        atomic_write(self.controller.draft.folder / key, card.to_toml().encode("utf-8"))
        return key

    def _add(self, card: PublicCard, name: str | None = None) -> None:
        self._add_many([(card, name or card.name)])

    def _add_many(self, cards: list[tuple[PublicCard, str]]) -> None:
        if not cards:
            return
        try:
            keys = [self._copy_into_session(card) for card, _name in cards]
        except PaperlessError as exc:
            self._say(exc.message(self._language()), error=True)
            return
        members = [MemberDraft(clean_text(name), key) for (_card, name), key in zip(cards, keys, strict=True)]
        names = ", ".join(m.name for m in members)
        self.controller.edit(T(f"add {names}", f"thêm {names}"), lambda d: d.members.extend(members), ("members",))
        self._say(T(f"Added: {names}.", f"Đã thêm: {names}."))

    # -- drag and drop -------------------------------------------------------------------------------

    @staticmethod
    def _files(urls: list[QUrl]) -> list[Path]:
        return [Path(u.toLocalFile()) for u in urls if u.isLocalFile()]

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if event.mimeData().hasUrls() and self._files(event.mimeData().urls()):
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:
        files = self._files(event.mimeData().urls()) if event.mimeData().hasUrls() else []
        if files:
            event.acceptProposedAction()
            self.import_files(files)

    # -- the roster ----------------------------------------------------------------------------------

    def add_from_roster(self) -> None:
        try:
            entries = self.roster.entries()
        except PaperlessError as exc:
            self._say(exc.message(self._language()), error=True)
            return
        if not entries:
            self._say(T("The roster is empty: add this session's members, then Save to the roster.",
                        "Danh sách thành viên còn trống: thêm thành viên của phiên này rồi bấm Lưu vào danh sách."))
            return
        offered: list[tuple[RosterEntry, str]] = []
        for entry in entries:
            try:
                card = entry.card()
            except PaperlessError:
                offered.append((entry, self.tr("the card file is missing or damaged")))
                continue
            taken = self._why_not(card) is not None or any(
                clean_text(m.name) == entry.name for m in self.controller.draft.members)
            offered.append((entry, self.tr("already in this session") if taken else ""))
        dialog = RosterDialog(offered, self)
        self.dialog = dialog
        dialog.finished.connect(lambda result: self._roster_answered(dialog, result))
        dialog.open()

    def _roster_answered(self, dialog: RosterDialog, result: int) -> None:
        self.dialog = None
        dialog.deleteLater()
        if result != QDialog.DialogCode.Accepted:
            return
        cards: list[tuple[PublicCard, str]] = []
        for entry in dialog.ticked():
            try:
                card = entry.card()
            except PaperlessError as exc:
                self._say(exc.message(self._language()), error=True)
                continue
            self._positions[card.fingerprint] = entry.position
            cards.append((card, entry.name))
        self._add_many(cards)
        self._next()

    def save_to_roster(self) -> None:
        members: list[tuple[str, str, PublicCard]] = []
        for m in self.controller.draft.members:
            card = self.card_of(m)
            if card is None or not clean_text(m.name):
                continue
            entry = self._roster_entry(card)
            members.append((m.name, self._positions.get(card.fingerprint, entry.position if entry else ""), card))
        if not members:
            self._say(T("No member with a readable card to save.",
                        "Không có thành viên nào có thẻ đọc được để lưu."), error=True)
            return
        try:
            self.roster.save(members)
        except PaperlessError as exc:
            self._say(exc.message(self._language()), error=True)
            return
        self._say(T(f"{len(members)} members saved to the roster, for the next sessions.",
                    f"Đã lưu {len(members)} thành viên vào danh sách, dùng cho các phiên sau."))
