"""Written opinion polls (phiếu lấy ý kiến, docs/consultation.md): the list of the session's polls,
and one poll's fields — title, deadline, the agenda item it is about (optional), its questions
with the default choices (Đồng ý / Không đồng ý / Ý kiến khác) or the clerk's own, and whether a
written answer may be given. Problems are shown by their fields; every change is one undo step."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, time, timedelta
from typing import Any

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtGui import QAction, QFont, QKeySequence
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from paperless.core.clerk.draft import PollDraft, QuestionDraft, SessionDraft
from paperless.core.consultation.polls import DEFAULT_CHOICES
from paperless.core.errors import T
from paperless.gui.clerk.controller import WorkspaceController
from paperless.gui.clerk.fields import (
    DeadlineEdit,
    LinesEdit,
    ProblemLabel,
    is_language_change,
    same_deadline,
    zone_of,
)

DEFAULT, CUSTOM, WRITTEN_ONLY = 0, 1, 2  # how a question is answered


def new_poll_id(draft: SessionDraft) -> str:
    """"phieu-1", "phieu-2" …: the first not yet used."""
    used = {p.poll_id for p in draft.polls}
    n = 1
    while f"phieu-{n}" in used:
        n += 1
    return f"phieu-{n}"


def default_due(draft: SessionDraft) -> datetime:
    """17:00 the day before the meeting (or a week from now when there is no start yet)."""
    zone = zone_of(draft)
    if draft.starts_at is not None and draft.starts_at.utcoffset() is not None:
        day = (draft.starts_at.astimezone(zone) - timedelta(days=1)).date()
    else:
        day = (datetime.now(zone) + timedelta(days=7)).date()
    return datetime.combine(day, time(17, 0), tzinfo=zone)


def _drop(values: list[Any], index: int) -> None:
    del values[index]


def _mode(q: QuestionDraft) -> int:
    if q.choices is None:
        return DEFAULT
    return CUSTOM if q.choices else WRITTEN_ONLY


def _text_answer(q: QuestionDraft) -> bool:
    """What members get: the clerk's choice, or the default (a written answer only without choices)."""
    return q.text_answer if q.text_answer is not None else q.choices == []


class PollsList(QWidget):
    """The session's polls; ``current_changed(index)`` (-1: none)."""

    current_changed = Signal(int)

    def __init__(self, controller: WorkspaceController, before_change: Callable[[], None] | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("pollsList")
        self._controller = controller
        self._before = before_change or (lambda: None)
        self.heading = QLabel(self)
        bold = QFont(self.heading.font())
        bold.setBold(True)
        bold.setPointSizeF(bold.pointSizeF() * 1.15)
        self.heading.setFont(bold)
        self.view = QListWidget(self)
        self.view.setObjectName("pollsView")
        self.view.setWordWrap(True)
        self.heading.setBuddy(self.view)
        self.add_button = QPushButton(self)
        self.add_button.setObjectName("addPoll")
        self.remove_button = QPushButton(self)
        self.remove_button.setObjectName("removePoll")
        self.add_button.clicked.connect(lambda: self.add(None))
        self.remove_button.clicked.connect(self.remove_current)
        self.remove_action = QAction(self.view)
        self.remove_action.setShortcut(QKeySequence(QKeySequence.StandardKey.Delete))
        self.remove_action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        self.remove_action.triggered.connect(self.remove_current)
        self.view.addAction(self.remove_action)
        buttons = QHBoxLayout()
        buttons.addWidget(self.add_button)
        buttons.addWidget(self.remove_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.heading)
        layout.addWidget(self.view, 1)
        layout.addLayout(buttons)
        self.view.currentRowChanged.connect(self._row_changed)
        self.view.itemSelectionChanged.connect(self._update_buttons)
        controller.edited.connect(lambda _w: self.refresh())
        controller.loaded.connect(self.refresh)
        controller.saved.connect(self.refresh)
        self.retranslate()

    def current(self) -> int:
        row = self.view.currentRow()
        item = self.view.item(row) if row >= 0 else None
        return row if item is not None and item.isSelected() else -1

    def select(self, row: int) -> None:
        if 0 <= row < self.view.count():
            self.view.setCurrentRow(row)
        else:
            self.view.clearSelection()
            self.view.setCurrentRow(-1)

    def add(self, item_index: int | None) -> None:
        self._before()
        draft = self._controller.draft
        number = len(draft.polls) + 1
        poll = PollDraft(poll_id=new_poll_id(draft), due=default_due(draft),
                         item=None if item_index is None or item_index < 0 else item_index + 1,
                         questions=[QuestionDraft()])
        self._controller.edit(T(f"Add poll {number}", f"Thêm phiếu lấy ý kiến {number}"),
                              lambda d: d.polls.append(poll), ("polls", number - 1))
        self.select(number - 1)

    def remove_current(self) -> None:
        row = self.current()
        if row < 0:
            return
        self._before()
        self._controller.edit(T(f"Remove poll {row + 1}", f"Xoá phiếu lấy ý kiến {row + 1}"),
                              lambda d: _drop(d.polls, row), ("polls",))
        self.select(min(row, self.view.count() - 1))

    def refresh(self) -> None:
        draft = self._controller.draft
        ws = self._controller.workspace
        texts = []
        for i, poll in enumerate(draft.polls):
            title = " ".join(poll.title.split()) or self.tr("(no title yet)")
            about = self.tr(" — item %1").replace("%1", str(poll.item)) if poll.item is not None else ""
            mark = "⚠ " if ws.problems_at(("polls", i)) else ""
            texts.append(f"{mark}{title}{about}")
        current = self.view.currentRow()
        if [self.view.item(r).text() for r in range(self.view.count())] != texts:
            blocked = self.view.blockSignals(True)
            while self.view.count() > len(texts):
                self.view.takeItem(self.view.count() - 1)
            for r, text in enumerate(texts):
                if r < self.view.count():
                    self.view.item(r).setText(text)
                else:
                    self.view.addItem(QListWidgetItem(text))
            self.view.blockSignals(blocked)
            if current >= len(texts):
                self.select(len(texts) - 1)
        self._update_buttons()

    def _row_changed(self, row: int) -> None:
        self._update_buttons()
        self.current_changed.emit(row)

    def _update_buttons(self) -> None:
        self.remove_button.setEnabled(self.current() >= 0)

    def retranslate(self) -> None:
        self.heading.setText(self.tr("&Opinion polls"))
        self.add_button.setText(self.tr("Add poll"))
        self.remove_button.setText(self.tr("Remove poll"))
        self.view.setAccessibleName(self.tr("Opinion polls"))
        self.refresh()

    def changeEvent(self, event: QEvent) -> None:
        if is_language_change(event):
            self.retranslate()
        super().changeEvent(event)


class QuestionBox(QGroupBox):
    """One question's fields; the poll editor commits them."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("question")
        self.text = QLineEdit(self)
        self.text.setObjectName("questionText")
        self.text_problem = ProblemLabel(self)
        self.mode = QComboBox(self)
        self.mode.setObjectName("questionMode")
        self.choices = LinesEdit(self)
        self.choices.setObjectName("questionChoices")
        self.choices.setTabChangesFocus(True)
        self.choices.setMaximumHeight(90)
        self.choices_problem = ProblemLabel(self)
        self.text_answer = QCheckBox(self)
        self.text_answer.setObjectName("questionTextAnswer")
        self.remove = QPushButton(self)
        self.remove.setObjectName("removeQuestion")
        self.choices_caption = QLabel(self)
        self.choices_caption.setBuddy(self.choices)
        top = QHBoxLayout()
        top.addWidget(self.text, 1)
        top.addWidget(self.remove)
        row = QHBoxLayout()
        row.addWidget(self.mode, 1)
        row.addWidget(self.text_answer)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.text_problem)
        layout.addLayout(row)
        layout.addWidget(self.choices_caption)
        layout.addWidget(self.choices)
        layout.addWidget(self.choices_problem)
        self.retranslate()

    def retranslate(self) -> None:
        self.text.setPlaceholderText(self.tr("The question, e.g. Đồng ý thông qua dự thảo?"))
        default = " / ".join(DEFAULT_CHOICES)
        for position, text in enumerate((self.tr("The usual choices: %1").replace("%1", default),
                                         self.tr("Choices of my own"), self.tr("A written answer only"))):
            if self.mode.count() <= position:
                self.mode.addItem(text)
            else:
                self.mode.setItemText(position, text)
        self.choices_caption.setText(self.tr("Choices, one a line:"))
        self.text_answer.setText(self.tr("Members may also write an answer"))
        self.remove.setText(self.tr("Remove question"))


class PollEditor(QWidget):
    """The fields of poll ``index`` (:meth:`show_poll`)."""

    def __init__(self, controller: WorkspaceController, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("pollEditor")
        self._controller = controller
        self._index = -1
        self._loading = False
        self._dirty: set[str | tuple[str, int]] = set()  # fields the clerk typed in, not yet committed
        self.heading = QLabel(self)
        font = QFont(self.heading.font())
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * 1.35)
        self.heading.setFont(font)
        self.title = QLineEdit(self)
        self.title.setObjectName("pollTitle")
        self.title_problem = ProblemLabel(self)
        self.due = DeadlineEdit(self)
        self.due.setObjectName("pollDue")
        self.due_problem = ProblemLabel(self)
        self.item = QComboBox(self)
        self.item.setObjectName("pollItem")
        self.item_problem = ProblemLabel(self)
        self.poll_id = QLineEdit(self)
        self.poll_id.setObjectName("pollId")
        self.id_problem = ProblemLabel(self)
        self.questions_heading = QLabel(self)
        sub = QFont(self.questions_heading.font())
        sub.setBold(True)
        sub.setPointSizeF(sub.pointSizeF() * 1.15)
        self.questions_heading.setFont(sub)
        self.questions_problem = ProblemLabel(self)
        self.questions_layout = QVBoxLayout()
        self.boxes: list[QuestionBox] = []
        self.add_question = QPushButton(self)
        self.add_question.setObjectName("addQuestion")

        self.captions = [QLabel(self) for _ in range(4)]
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        for caption, widgets in zip(self.captions, ((self.title, self.title_problem), (self.due, self.due_problem),
                                                    (self.item, self.item_problem),
                                                    (self.poll_id, self.id_problem)), strict=True):
            caption.setBuddy(widgets[0])
            box = QWidget(self)
            box_layout = QVBoxLayout(box)
            box_layout.setContentsMargins(0, 0, 0, 0)
            box_layout.setSpacing(2)
            for w in widgets:
                box_layout.addWidget(w)
            form.addRow(caption, box)
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addLayout(form)
        layout.addWidget(self.questions_heading)
        layout.addWidget(self.questions_problem)
        layout.addLayout(self.questions_layout)
        add_row = QHBoxLayout()
        add_row.addWidget(self.add_question)
        add_row.addStretch(1)
        layout.addLayout(add_row)
        layout.addStretch(1)

        self.title.textEdited.connect(lambda _t: self._dirty.add("title"))
        self.poll_id.textEdited.connect(lambda _t: self._dirty.add("id"))
        self.due.dateTimeChanged.connect(lambda _t: self._touch("due"))
        self.title.editingFinished.connect(self._commit_title)
        self.poll_id.editingFinished.connect(self._commit_id)
        self.due.finished.connect(self._commit_due)
        self.item.activated.connect(self._item_chosen)
        self.add_question.clicked.connect(self._add_question)
        controller.edited.connect(lambda _w: self.refresh())
        controller.loaded.connect(self._dirty.clear)
        controller.loaded.connect(self.refresh)
        controller.saved.connect(self.refresh)
        self.retranslate()

    @property
    def index(self) -> int:
        return self._index

    def show_poll(self, index: int) -> None:
        if index == self._index:
            return
        self.flush()
        self._dirty.clear()
        self._index = index
        self.refresh()

    def _ok(self) -> bool:
        return 0 <= self._index < len(self._controller.draft.polls)

    def _edit(self, en: str, vi: str, change: Callable[[SessionDraft], None], *field: str | int) -> None:
        n = self._index + 1
        self._controller.edit(T(en.replace("%n", str(n)), vi.replace("%n", str(n))), change,
                              ("polls", self._index, *field))

    # -- committing ----------------------------------------------------------------------------------

    def flush(self) -> None:
        if not self._ok() or self._loading:
            return
        self._commit_title()
        self._commit_id()
        self._commit_due()
        for q, box in enumerate(self.boxes):
            self._commit_question_text(q, box)
            self._commit_choices(q, box)

    def _commit_title(self) -> None:
        if self._loading or not self._ok() or "title" not in self._dirty:
            return
        self._dirty.discard("title")
        p, text = self._index, self.title.text()
        if text != self._controller.draft.polls[p].title:
            self._edit("Rename poll %n", "Đổi tên phiếu lấy ý kiến %n",
                       lambda d: setattr(d.polls[p], "title", text), "title")

    def _commit_id(self) -> None:
        if self._loading or not self._ok() or "id" not in self._dirty:
            return
        self._dirty.discard("id")
        p, text = self._index, self.poll_id.text().strip()
        if text != self._controller.draft.polls[p].poll_id:
            self._edit("Change the code of poll %n", "Đổi mã phiếu lấy ý kiến %n",
                       lambda d: setattr(d.polls[p], "poll_id", text), "id")

    def _commit_due(self) -> None:
        if self._loading or not self._ok() or "due" not in self._dirty:
            return
        self._dirty.discard("due")
        p, due = self._index, self.due.value()
        if not same_deadline(self._controller.draft.polls[p].due, due, self.due.zone):
            self._edit("Change the deadline of poll %n", "Đổi hạn trả lời phiếu lấy ý kiến %n",
                       lambda d: setattr(d.polls[p], "due", due), "due")

    def _item_chosen(self, position: int) -> None:
        if self._loading or not self._ok():
            return
        p = self._index
        number = self.item.itemData(position)
        value = number if isinstance(number, int) and number > 0 else None
        if value != self._controller.draft.polls[p].item:
            self._edit("Change the item of poll %n", "Đổi mục của phiếu lấy ý kiến %n",
                       lambda d: setattr(d.polls[p], "item", value), "item")

    def _add_question(self) -> None:
        if not self._ok():
            return
        self.flush()
        p = self._index
        self._edit("Add a question to poll %n", "Thêm câu hỏi vào phiếu lấy ý kiến %n",
                   lambda d: d.polls[p].questions.append(QuestionDraft()), "questions")
        if self.boxes:
            self.boxes[-1].text.setFocus()

    def _remove_question(self, q: int) -> None:
        if not self._ok():
            return
        self.flush()
        self._dirty.clear()
        p = self._index
        self._edit(f"Remove question {q + 1} of poll %n", f"Xoá câu hỏi {q + 1} của phiếu lấy ý kiến %n",
                   lambda d: _drop(d.polls[p].questions, q), "questions")

    def _commit_question_text(self, q: int, box: QuestionBox) -> None:
        if self._loading or not self._ok() or q >= len(self._controller.draft.polls[self._index].questions) \
                or ("text", q) not in self._dirty:
            return
        self._dirty.discard(("text", q))
        p, text = self._index, box.text.text()
        if text != self._controller.draft.polls[p].questions[q].text:
            self._edit(f"Change question {q + 1} of poll %n", f"Sửa câu hỏi {q + 1} của phiếu lấy ý kiến %n",
                       lambda d: setattr(d.polls[p].questions[q], "text", text), "questions", q, "text")

    def _mode_chosen(self, q: int, mode: int) -> None:
        if self._loading or not self._ok():
            return
        p = self._index
        question = self._controller.draft.polls[p].questions[q]
        if mode == _mode(question):
            return
        if mode == DEFAULT:
            choices: list[str] | None = None
        elif mode == WRITTEN_ONLY:
            choices = []
        else:
            choices = self.boxes[q].choices.lines() or list(DEFAULT_CHOICES)

        def change(d: SessionDraft) -> None:
            target = d.polls[p].questions[q]
            target.choices = choices
            if mode == WRITTEN_ONLY and target.text_answer is False:
                target.text_answer = None

        self._edit(f"Change the choices of question {q + 1} of poll %n",
                   f"Đổi lựa chọn câu hỏi {q + 1} của phiếu lấy ý kiến %n", change, "questions", q, "choices")

    def _commit_choices(self, q: int, box: QuestionBox) -> None:
        if self._loading or not self._ok() or q >= len(self._controller.draft.polls[self._index].questions) \
                or ("choices", q) not in self._dirty:
            return
        self._dirty.discard(("choices", q))
        p = self._index
        question = self._controller.draft.polls[p].questions[q]
        if _mode(question) != CUSTOM:
            return
        lines = box.choices.lines()
        if lines != question.choices:
            self._edit(f"Change the choices of question {q + 1} of poll %n",
                       f"Đổi lựa chọn câu hỏi {q + 1} của phiếu lấy ý kiến %n",
                       lambda d: setattr(d.polls[p].questions[q], "choices", lines), "questions", q, "choices")

    def _text_answer_toggled(self, q: int, on: bool) -> None:
        if self._loading or not self._ok():
            return
        p = self._index
        if _text_answer(self._controller.draft.polls[p].questions[q]) == on:
            return
        self._edit(f"Change the written answer of question {q + 1} of poll %n",
                   f"Đổi trả lời bằng chữ của câu hỏi {q + 1} phiếu lấy ý kiến %n",
                   lambda d: setattr(d.polls[p].questions[q], "text_answer", on), "questions", q, "text_answer")

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
        if not self._ok():
            self.heading.setText(self.tr("Choose a poll on the left, or add one."))
            return
        p = self._index
        draft = self._controller.draft
        ws = self._controller.workspace
        poll = draft.polls[p]
        self.heading.setText(self.tr("Opinion poll %1").replace("%1", str(p + 1)))
        if self.title.text() != poll.title and "title" not in self._dirty:
            self.title.setText(poll.title)
        if self.poll_id.text() != poll.poll_id and "id" not in self._dirty:
            self.poll_id.setText(poll.poll_id)
        if "due" not in self._dirty:
            self.due.set_value(poll.due, zone_of(draft), default_due(draft))
        self.title_problem.show_problems(ws.problems_at(("polls", p, "title")))
        self.id_problem.show_problems(ws.problems_at(("polls", p, "id")))
        self.due_problem.show_problems(ws.problems_at(("polls", p, "due")))
        self.item_problem.show_problems(ws.problems_at(("polls", p, "item")))

        entries: list[tuple[str, int]] = [(self.tr("No particular item"), 0)]
        for i, item in enumerate(draft.items):
            entries.append((f"{i + 1}. {' '.join(item.title.split()) or self.tr('(no title yet)')}", i + 1))
        if poll.item is not None and not 1 <= poll.item <= len(draft.items):
            entries.append((self.tr("Item %1 (not on the agenda)").replace("%1", str(poll.item)), poll.item))
        if [(self.item.itemText(r), self.item.itemData(r)) for r in range(self.item.count())] != entries:
            self.item.clear()
            for text, number in entries:
                self.item.addItem(text, number)
        self.item.setCurrentIndex(next((r for r, (_t, n) in enumerate(entries) if n == (poll.item or 0)), 0))

        self.questions_problem.show_problems(
            pr for pr in ws.problems_at(("polls", p, "questions")) if len(pr.where) == 3)
        if len(self.boxes) != len(poll.questions):
            for box in self.boxes:
                self.questions_layout.removeWidget(box)
                box.deleteLater()
            self.boxes = []
            for q in range(len(poll.questions)):
                box = QuestionBox(self)
                box.text.textEdited.connect(lambda _t, q=q: self._dirty.add(("text", q)))
                box.choices.textChanged.connect(lambda q=q: self._touch(("choices", q)))
                box.text.editingFinished.connect(lambda q=q, box=box: self._commit_question_text(q, box))
                box.choices.editingFinished.connect(lambda q=q, box=box: self._commit_choices(q, box))
                box.mode.activated.connect(lambda mode, q=q: self._mode_chosen(q, mode))
                box.text_answer.toggled.connect(lambda on, q=q: self._text_answer_toggled(q, on))
                box.remove.clicked.connect(lambda _c=False, q=q: self._remove_question(q))
                self.questions_layout.addWidget(box)
                self.boxes.append(box)
        for q, (box, question) in enumerate(zip(self.boxes, poll.questions, strict=True)):
            box.setTitle(self.tr("Question %1").replace("%1", str(q + 1)))
            if box.text.text() != question.text and ("text", q) not in self._dirty:
                box.text.setText(question.text)
            mode = _mode(question)
            box.mode.setCurrentIndex(mode)
            box.choices.setVisible(mode == CUSTOM)
            box.choices_caption.setVisible(mode == CUSTOM)
            if mode == CUSTOM and ("choices", q) not in self._dirty:
                box.choices.set_lines(list(question.choices or []))
            box.text_answer.setChecked(_text_answer(question))
            box.remove.setEnabled(len(poll.questions) > 1)
            where = ("polls", p, "questions", q)
            box.text_problem.show_problems(ws.problems_at((*where, "text")))
            box.choices_problem.show_problems(ws.problems_at((*where, "choices")))

    def retranslate(self) -> None:
        for caption, text in zip(self.captions, (self.tr("&Title:"), self.tr("Answer &by:"), self.tr("About &item:"),
                                                 self.tr("Poll &code:")), strict=True):
            caption.setText(text)
        self.title.setPlaceholderText(self.tr("e.g. Phiếu lấy ý kiến về dự thảo Nghị quyết"))
        self.poll_id.setToolTip(self.tr("A short code without accents, e.g. phieu-1: members never see it"))
        self.questions_heading.setText(self.tr("Questions"))
        self.add_question.setText(self.tr("Add question"))
        for box in self.boxes:
            box.retranslate()
        self.refresh()

    def changeEvent(self, event: QEvent) -> None:
        if is_language_change(event):
            self.retranslate()
        super().changeEvent(event)

