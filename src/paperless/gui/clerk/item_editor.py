"""One agenda item's fields: title, presenter, classification (explained in words), "open for
comments" with its deadline, who may read it (tick boxes of the session's members, with the
effect: "3 trong 15 thành viên được đọc"), its documents (a slot for the documents panel) and
the polls about it. Each problem is shown under its field; every change is one undo step."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, time, timedelta
from pathlib import PurePath

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListView,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from paperless.core.clerk.agenda import polls_of, readers
from paperless.core.clerk.draft import SessionDraft
from paperless.core.consultation.polls import clean_text
from paperless.core.errors import T
from paperless.gui.clerk.controller import WorkspaceController
from paperless.gui.clerk.fields import DeadlineEdit, ProblemLabel, is_language_change, same_deadline, zone_of

DocumentsPanelFactory = Callable[[int], QWidget]
LEVELS = ("", "mat", "toi_mat", "tuyet_mat")


def _big(widget: QWidget, scale: float = 1.2, bold: bool = True) -> None:
    font = QFont(widget.font())
    font.setBold(bold)
    font.setPointSizeF(font.pointSizeF() * scale)
    widget.setFont(font)


class ItemEditor(QWidget):
    """The fields of item ``index`` (:meth:`show_item`); ``add_poll_requested(index)`` when the
    clerk asks for a poll about it."""

    add_poll_requested = Signal(int)

    def __init__(self, controller: WorkspaceController, documents_panel: DocumentsPanelFactory | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("itemEditor")
        self._controller = controller
        self._documents_panel = documents_panel
        self._index = -1
        self._loading = False
        self._panel: QWidget | None = None
        self._dirty: set[str | tuple[str, int]] = set()  # fields the clerk typed in, not yet committed

        self.heading = QLabel(self)
        _big(self.heading, 1.35)
        self.title = QLineEdit(self)
        self.title.setObjectName("itemTitle")
        self.title_problem = ProblemLabel(self)
        self.presenter = QLineEdit(self)
        self.presenter.setObjectName("itemPresenter")
        self.presenter_problem = ProblemLabel(self)
        self.level = QComboBox(self)
        self.level.setObjectName("itemLevel")
        self.level_note = QLabel(self)
        self.level_note.setObjectName("levelNote")
        self.level_note.setWordWrap(True)
        self.level_problem = ProblemLabel(self)
        self.comments = QCheckBox(self)
        self.comments.setObjectName("itemComments")
        self.comments_due = DeadlineEdit(self)
        self.comments_due.setObjectName("itemCommentsDue")
        self.comments_problem = ProblemLabel(self)

        self.readers_box = QGroupBox(self)
        self.everyone = QRadioButton(self.readers_box)
        self.everyone.setObjectName("readersEveryone")
        self.chosen = QRadioButton(self.readers_box)
        self.chosen.setObjectName("readersChosen")
        self._readers_group = QButtonGroup(self)
        self._readers_group.addButton(self.everyone)
        self._readers_group.addButton(self.chosen)
        self.members = QListWidget(self.readers_box)
        self.members.setObjectName("readersMembers")
        self.members.setFlow(QListView.Flow.LeftToRight)
        self.members.setWrapping(True)
        self.members.setResizeMode(QListView.ResizeMode.Adjust)
        self.members.setSpacing(4)
        self.members.setMinimumHeight(60)
        self.members.setMaximumHeight(130)
        self.readers_count = QLabel(self.readers_box)
        self.readers_count.setObjectName("readersCount")
        _big(self.readers_count, 1.1)
        self.readers_problem = ProblemLabel(self.readers_box)
        readers_layout = QVBoxLayout(self.readers_box)
        choice = QHBoxLayout()
        choice.addWidget(self.everyone)
        choice.addWidget(self.chosen)
        choice.addStretch(1)
        readers_layout.addLayout(choice)
        readers_layout.addWidget(self.members)
        readers_layout.addWidget(self.readers_count)
        readers_layout.addWidget(self.readers_problem)

        # the documents: the documents panel goes here (built by its own factory); until then, a
        # read-only list of the item's files
        self.documents_box = QGroupBox(self)
        self.documents_box.setObjectName("documentsSlot")
        self.documents_layout = QVBoxLayout(self.documents_box)
        self.documents = QListWidget(self.documents_box)
        self.documents.setObjectName("itemDocuments")
        self.documents.setMaximumHeight(90)
        self.documents_empty = QLabel(self.documents_box)
        self.documents_empty.setWordWrap(True)
        self.documents_problem = ProblemLabel(self.documents_box)
        if documents_panel is None:
            self.documents_layout.addWidget(self.documents)
            self.documents_layout.addWidget(self.documents_empty)
        self.documents_layout.addWidget(self.documents_problem)

        self.polls_label = QLabel(self)
        self.polls_label.setObjectName("itemPolls")
        self.polls_label.setWordWrap(True)
        self.add_poll = QPushButton(self)
        self.add_poll.setObjectName("addPollForItem")
        self.add_poll.clicked.connect(lambda: self.add_poll_requested.emit(self._index))

        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.title_caption = QLabel(self)
        self.title_caption.setBuddy(self.title)
        self.presenter_caption = QLabel(self)
        self.presenter_caption.setBuddy(self.presenter)
        self.level_caption = QLabel(self)
        self.level_caption.setBuddy(self.level)
        form.addRow(self.title_caption, self._stack(self.title, self.title_problem))
        form.addRow(self.presenter_caption, self._stack(self.presenter, self.presenter_problem))
        form.addRow(self.level_caption, self._stack(self.level, self.level_note, self.level_problem))
        due_row = QHBoxLayout()
        due_row.addWidget(self.comments)
        due_row.addWidget(self.comments_due)
        due_row.addStretch(1)
        comments_widget = QWidget(self)
        comments_layout = QVBoxLayout(comments_widget)
        comments_layout.setContentsMargins(0, 0, 0, 0)
        comments_layout.addLayout(due_row)
        comments_layout.addWidget(self.comments_problem)
        self.comments_caption = QLabel(self)
        form.addRow(self.comments_caption, comments_widget)
        polls_row = QHBoxLayout()
        polls_row.addWidget(self.polls_label, 1)
        polls_row.addWidget(self.add_poll)

        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addLayout(form)
        layout.addWidget(self.readers_box)
        layout.addWidget(self.documents_box)
        layout.addLayout(polls_row)
        layout.addStretch(1)

        self.title.textEdited.connect(lambda _t: self._dirty.add("title"))
        self.presenter.textEdited.connect(lambda _t: self._dirty.add("presenter"))
        self.comments_due.dateTimeChanged.connect(lambda _t: self._touch("due"))
        self.title.editingFinished.connect(self._commit_title)
        self.presenter.editingFinished.connect(self._commit_presenter)
        self.level.activated.connect(self._level_chosen)
        self.comments.toggled.connect(self._comments_toggled)
        self.comments_due.finished.connect(self._commit_comments_due)
        self.everyone.toggled.connect(self._everyone_toggled)
        self.members.itemChanged.connect(self._member_ticked)
        controller.edited.connect(lambda _w: self.refresh())
        controller.loaded.connect(self._dirty.clear)
        controller.loaded.connect(self.refresh)
        controller.saved.connect(self.refresh)
        self.retranslate()
        self.refresh()

    @staticmethod
    def _stack(*widgets: QWidget) -> QWidget:
        box = QWidget()
        layout = QVBoxLayout(box)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        for w in widgets:
            layout.addWidget(w)
        return box

    # -- which item ----------------------------------------------------------------------------------

    @property
    def index(self) -> int:
        return self._index

    @property
    def documents_panel(self) -> QWidget | None:
        """The shown item's documents panel (None: none, or no factory)."""
        return self._panel

    def show_item(self, index: int) -> None:
        if index == self._index:
            return
        self.flush()
        self._dirty.clear()
        self._index = index
        if self._documents_panel is not None:
            if self._panel is not None:
                self.documents_layout.removeWidget(self._panel)
                self._panel.hide()  # gone at once (its shortcuts and mnemonics too), deleted later
                self._panel.deleteLater()
                self._panel = None
            if index >= 0:
                self._panel = self._documents_panel(index)
                self.documents_layout.insertWidget(0, self._panel)
        self.refresh()

    def _item_ok(self) -> bool:
        return 0 <= self._index < len(self._controller.draft.items)

    # -- committing what is being typed ------------------------------------------------------------

    def flush(self) -> None:
        """Commit a title, presenter or deadline still being edited (before another change)."""
        if not self._item_ok() or self._loading:
            return
        self._commit_title()
        self._commit_presenter()
        if self.comments.isChecked():
            self._commit_comments_due()

    def _edit(self, en: str, vi: str, change: Callable[[SessionDraft], None], field: str) -> None:
        n = self._index + 1
        self._controller.edit(T(en.replace("%n", str(n)), vi.replace("%n", str(n))), change,
                              ("items", self._index, field))

    def _commit_title(self) -> None:
        if self._loading or not self._item_ok() or "title" not in self._dirty:
            return
        self._dirty.discard("title")
        i, text = self._index, self.title.text()
        if text != self._controller.draft.items[i].title:
            self._edit("Rename item %n", "Đổi tên mục %n", lambda d: setattr(d.items[i], "title", text), "title")

    def _commit_presenter(self) -> None:
        if self._loading or not self._item_ok() or "presenter" not in self._dirty:
            return
        self._dirty.discard("presenter")
        i, text = self._index, self.presenter.text()
        if text != self._controller.draft.items[i].presenter:
            self._edit("Change the presenter of item %n", "Đổi người trình bày mục %n",
                       lambda d: setattr(d.items[i], "presenter", text), "presenter")

    def _level_chosen(self, position: int) -> None:
        if self._loading or not self._item_ok():
            return
        i = self._index
        level = self.level.itemData(position)
        if not isinstance(level, str) or level == self._controller.draft.items[i].level:
            return
        self._edit("Change the classification of item %n", "Đổi độ mật mục %n",
                   lambda d: setattr(d.items[i], "level", level), "level")

    def _default_due(self) -> datetime:
        draft = self._controller.draft
        zone = zone_of(draft)
        if draft.starts_at is not None and draft.starts_at.utcoffset() is not None:
            day = (draft.starts_at.astimezone(zone) - timedelta(days=1)).date()
        else:
            day = (datetime.now(zone) + timedelta(days=7)).date()
        return datetime.combine(day, time(17, 0), tzinfo=zone)

    def _comments_toggled(self, on: bool) -> None:
        self.comments_due.setEnabled(on)
        if self._loading or not self._item_ok():
            return
        i = self._index
        if on:
            due = self.comments_due.value()
            self._edit("Open item %n for comments", "Mở góp ý cho mục %n",
                       lambda d: setattr(d.items[i], "comments_due", due), "comments_due")
        else:
            self._edit("Close item %n for comments", "Thôi lấy góp ý cho mục %n",
                       lambda d: setattr(d.items[i], "comments_due", None), "comments_due")

    def _commit_comments_due(self) -> None:
        if self._loading or not self._item_ok() or not self.comments.isChecked() or "due" not in self._dirty:
            return
        self._dirty.discard("due")
        i, due = self._index, self.comments_due.value()
        current = self._controller.draft.items[i].comments_due
        if not same_deadline(current, due, self.comments_due.zone):
            self._edit("Change the comments deadline of item %n", "Đổi hạn góp ý mục %n",
                       lambda d: setattr(d.items[i], "comments_due", due), "comments_due")

    def _everyone_toggled(self, everyone: bool) -> None:
        if self._loading or not self._item_ok():
            return
        i = self._index
        current = self._controller.draft.items[i].restricted_to
        if everyone and current is not None:
            self._edit("Let every member read item %n", "Cho mọi thành viên đọc mục %n",
                       lambda d: setattr(d.items[i], "restricted_to", None), "restricted_to")
        elif not everyone and current is None:
            self._edit("Restrict who may read item %n", "Giới hạn người được đọc mục %n",
                       lambda d: setattr(d.items[i], "restricted_to", []), "restricted_to")

    def _member_ticked(self, _row: QListWidgetItem) -> None:
        if self._loading or not self._item_ok():
            return
        i = self._index
        names = [str(self.members.item(r).data(Qt.ItemDataRole.UserRole)) for r in range(self.members.count())
                 if self.members.item(r).checkState() == Qt.CheckState.Checked]
        if names != self._controller.draft.items[i].restricted_to:
            self._edit("Choose who may read item %n", "Chọn người được đọc mục %n",
                       lambda d: setattr(d.items[i], "restricted_to", names), "restricted_to")

    # -- showing -------------------------------------------------------------------------------------

    def refresh(self) -> None:
        self._loading = True
        try:
            self._refresh()
        finally:
            self._loading = False

    def _touch(self, key: str | tuple[str, int]) -> None:
        if not self._loading:
            self._dirty.add(key)

    def _refresh(self) -> None:
        ok = self._item_ok()
        for w in self.findChildren(QWidget):
            if w.parent() is self or w.parent() in (self.readers_box, self.documents_box):
                w.setEnabled(ok)
        self.heading.setEnabled(True)
        if not ok:
            self.heading.setText(self.tr("Choose an item on the left, or add one (Insert)."))
            for line in (self.title, self.presenter):
                line.clear()
            self.members.clear()
            self.documents.clear()
            return
        i = self._index
        ws = self._controller.workspace
        draft = self._controller.draft
        item = draft.items[i]
        self.heading.setText(self.tr("Item %1").replace("%1", str(i + 1)))
        if self.title.text() != item.title and "title" not in self._dirty:
            self.title.setText(item.title)
        if self.presenter.text() != item.presenter and "presenter" not in self._dirty:
            self.presenter.setText(item.presenter)
        self.title_problem.show_problems(ws.problems_at(("items", i, "title")))
        self.presenter_problem.show_problems(ws.problems_at(("items", i, "presenter")))

        # classification: an unknown spelling from a hand-written file stays shown as it is
        while self.level.count() > len(LEVELS):
            self.level.removeItem(self.level.count() - 1)
        if item.level in LEVELS:
            self.level.setCurrentIndex(LEVELS.index(item.level))
        else:
            self.level.addItem(item.level, item.level)
            self.level.setCurrentIndex(self.level.count() - 1)
        self.level_note.setText(self._level_note(item.level))
        self.level_problem.show_problems(ws.problems_at(("items", i, "level")))

        self.comments.setChecked(item.comments_due is not None)
        self.comments_due.setEnabled(item.comments_due is not None)
        if "due" not in self._dirty:
            self.comments_due.set_value(item.comments_due, zone_of(draft), self._default_due())
        self.comments_problem.show_problems(ws.problems_at(("items", i, "comments_due")))

        self._refresh_readers(draft, i)
        self._refresh_documents(draft, i)
        self._refresh_polls(draft, i)

    def _refresh_readers(self, draft: SessionDraft, i: int) -> None:
        item = draft.items[i]
        restricted = item.restricted_to
        self.everyone.setChecked(restricted is None)
        self.chosen.setChecked(restricted is not None)
        members = [m.name for m in draft.members if clean_text(m.name)]
        known = {clean_text(n) for n in members}
        strangers = [n for n in (restricted or []) if clean_text(n) not in known]
        ticked = {clean_text(n) for n in (restricted or [])}
        wanted = [(n, False) for n in members] + [(n, True) for n in strangers]
        shown = [(str(self.members.item(r).data(Qt.ItemDataRole.UserRole)),
                  bool(self.members.item(r).data(Qt.ItemDataRole.UserRole + 1))) for r in range(self.members.count())]
        if shown != wanted:
            self.members.clear()
            for name, stranger in wanted:
                row = QListWidgetItem(name if not stranger else self.tr("%1 (not a member)").replace("%1", name))
                row.setData(Qt.ItemDataRole.UserRole, name)
                row.setData(Qt.ItemDataRole.UserRole + 1, stranger)
                row.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsUserCheckable)
                self.members.addItem(row)
        for r in range(self.members.count()):
            row = self.members.item(r)
            state = Qt.CheckState.Checked if restricted is None or clean_text(
                str(row.data(Qt.ItemDataRole.UserRole))) in ticked else Qt.CheckState.Unchecked
            if row.checkState() != state:
                row.setCheckState(state)
        self.members.setEnabled(restricted is not None)
        can, total = readers(draft, i)
        if not total:
            self.readers_count.setText(self.tr("The session has no members yet: add them on the Members page."))
        elif restricted is None:
            self.readers_count.setText(self.tr("All %1 members can read this").replace("%1", str(total)))
        else:
            self.readers_count.setText(self.tr("%1 of %2 members can read this")
                                       .replace("%1", str(can)).replace("%2", str(total)))
        self.readers_problem.show_problems(self._controller.workspace.problems_at(("items", i, "restricted_to")))

    def _refresh_documents(self, draft: SessionDraft, i: int) -> None:
        docs = draft.items[i].documents
        names = [PurePath(d).name or d for d in docs]
        if [self.documents.item(r).text() for r in range(self.documents.count())] != names:
            self.documents.clear()
            for d, name in zip(docs, names, strict=True):
                row = QListWidgetItem(name)
                row.setToolTip(d)
                row.setFlags(Qt.ItemFlag.ItemIsEnabled)
                self.documents.addItem(row)
        self.documents.setVisible(bool(docs) and self._documents_panel is None)
        self.documents_empty.setVisible(not docs and self._documents_panel is None)
        self.documents_problem.show_problems(self._controller.workspace.problems_at(("items", i, "documents")))

    def _refresh_polls(self, draft: SessionDraft, i: int) -> None:
        about = polls_of(draft, i)
        if about:
            titles = ", ".join(f"«{' '.join(draft.polls[p].title.split()) or draft.polls[p].poll_id}»"
                               for p in about)
            self.polls_label.setText(self.tr("Polls about this item: %1").replace("%1", titles))
        else:
            self.polls_label.setText(self.tr("No poll about this item."))

    def _level_note(self, level: str) -> str:
        notes = {
            "": self.tr("Not classified: the session's own rules on copying and printing apply."),
            "mat": self.tr("Mật: never copied, printed or exported; always watermarked; "
                           "the reader locks after 5 minutes unused."),
            "toi_mat": self.tr("Tối mật: as Mật, the reader locks after 2 minutes, and the documents "
                               "must be recalled after the meeting."),
            "tuyet_mat": self.tr("Tuyệt mật: the highest level. As Tối mật: locks after 2 minutes, "
                                 "recalled after the meeting."),
        }
        return notes.get(level, "")

    def retranslate(self) -> None:
        self.title_caption.setText(self.tr("&Title:"))
        self.presenter_caption.setText(self.tr("&Presented by:"))
        self.level_caption.setText(self.tr("C&lassification:"))
        self.comments_caption.setText(self.tr("Comments:"))
        self.title.setPlaceholderText(self.tr("e.g. Báo cáo kết quả công tác quý IV"))
        self.presenter.setPlaceholderText(self.tr("e.g. Văn phòng Tỉnh ủy"))
        self._loading = True
        try:
            for position, text in enumerate((self.tr("Not classified"), self.tr("Mật (confidential)"),
                                             self.tr("Tối mật (secret)"), self.tr("Tuyệt mật (top secret)"))):
                if self.level.count() <= position:
                    self.level.addItem(text, LEVELS[position])
                else:
                    self.level.setItemText(position, text)
        finally:
            self._loading = False
        self.comments.setText(self.tr("Open for &comments until"))
        self.readers_box.setTitle(self.tr("Who may read this item"))
        self.everyone.setText(self.tr("E&very member"))
        self.chosen.setText(self.tr("Only the members tic&ked below"))
        self.documents_box.setTitle(self.tr("Documents"))
        self.documents_empty.setText(self.tr("No document yet."))
        self.add_poll.setText(self.tr("Add a poll about this item"))
        self.refresh()

    def changeEvent(self, event: QEvent) -> None:
        if is_language_change(event):
            self.retranslate()
        super().changeEvent(event)
