"""The comment editor, the poll form and the comments panel (plain widgets: they show what they
are given and emit what the member asked for; :mod:`.part` does the work)."""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from PySide6.QtCore import QCoreApplication, QEvent, QModelIndex, QPersistentModelIndex, QRect, QSize, Qt, Signal
from PySide6.QtGui import QFont, QFontMetrics, QResizeEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QButtonGroup,
    QComboBox,
    QDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QRadioButton,
    QScrollArea,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from paperless.core.bundle.manifest import Agenda, AgendaItem
from paperless.core.consultation.book import DRAFT, RECEIVED, SENT, Kept
from paperless.core.consultation.envelope import Answer, Comment, CommentKind, PollAnswer
from paperless.core.consultation.polls import Poll

ROLE = Qt.ItemDataRole.UserRole
CALM_SCALE = 1.15  # large, calm type for the member's own words


def when(moment: datetime) -> str:
    """"17:00 18/01/2024" (the moment's own offset: the session's time zone)."""
    return moment.strftime("%H:%M %d/%m/%Y")


def received_at(ms: int) -> str:
    return datetime.fromtimestamp(ms / 1000).astimezone().strftime("%H:%M %d/%m")


def _larger(widget: QWidget) -> None:
    font = QFont(widget.font())
    font.setPointSizeF(font.pointSizeF() * CALM_SCALE)
    widget.setFont(font)


def passage_rects(words: Sequence[Any], quote: str) -> list[tuple[float, float, float, float]]:
    """The boxes of the words on a page that read as the quoted passage (its part on that page:
    the longest run of words matching the quote from its first word), or [] if it is not there."""
    tokens = unicodedata.normalize("NFC", quote).split()
    texts = [unicodedata.normalize("NFC", str(w.text)) for w in words]
    if not tokens:
        return []
    best: tuple[int, int] = (0, 0)
    for i, text in enumerate(texts):
        if text != tokens[0]:
            continue
        n = 1
        while i + n < len(texts) and n < len(tokens) and texts[i + n] == tokens[n]:
            n += 1
        if n > best[1]:
            best = (i, n)
    start, count = best
    if count < min(3, len(tokens)):
        return []
    return [(w.x0, w.y0, w.x1, w.y1) for w in words[start:start + count]]


@dataclass(frozen=True)
class Passage:
    """What a new comment is about: the item, and the document's passage (none: the item as a whole)."""

    item: AgendaItem
    entry: str | None = None
    document_title: str = ""
    document_sha256: str | None = None
    page: int | None = None
    quote: str = ""
    place: str = ""
    article: str = ""
    order: tuple[int, ...] = ()
    places: Sequence[tuple[str, str]] = field(default_factory=tuple)  # (label, article) suggestions


class CommentEditor(QDialog):
    """Góp ý gửi Văn phòng: the quoted passage (read-only), its place (editable, the draft's
    headings offered), the comment; Lưu nháp / Gửi / Huỷ. ``submitted("draft" | "send")``."""

    submitted = Signal(str)

    def __init__(self, passage: Passage, due: datetime | None, now: datetime, text: str = "",
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("commentEditor")
        self.passage = passage
        self._late = due is not None and now > due
        self._due = due
        self.resize(640, 560)
        self.heading = QLabel(self)
        self.heading.setWordWrap(True)
        bold = QFont(self.heading.font())
        bold.setBold(True)
        bold.setPointSizeF(bold.pointSizeF() * 1.1)
        self.heading.setFont(bold)
        self.quote_label = QLabel(self)
        self.quote = QPlainTextEdit(self)
        self.quote.setObjectName("commentQuote")
        self.quote.setReadOnly(True)
        self.quote.setPlainText(passage.quote)
        self.quote.setMaximumHeight(120)
        self.place_label = QLabel(self)
        self.place = QComboBox(self)
        self.place.setObjectName("commentPlace")
        self.place.setEditable(True)
        seen: set[str] = set()
        for label, article in passage.places:
            if label and label not in seen:
                seen.add(label)
                self.place.addItem(label, article)
        self.place.setCurrentText(passage.place)
        self.text_label = QLabel(self)
        self.text = QPlainTextEdit(self)
        self.text.setObjectName("commentText")
        self.text.setPlainText(text)
        self._initial = text.strip()
        self._asking = False
        self.note = QLabel(self)
        self.note.setWordWrap(True)
        for w in (self.quote, self.place, self.text):
            _larger(w)
        self.save_button = QPushButton(self)
        self.send_button = QPushButton(self)
        self.cancel_button = QPushButton(self)
        self.send_button.setDefault(True)
        self.save_button.clicked.connect(lambda: self._submit("draft"))
        self.send_button.clicked.connect(lambda: self._submit("send"))
        self.cancel_button.clicked.connect(self.reject)
        self.text.textChanged.connect(self._enable)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        for b in (self.save_button, self.send_button, self.cancel_button):
            buttons.addWidget(b)
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        if passage.entry is not None:
            layout.addWidget(self.quote_label)
            layout.addWidget(self.quote)
            layout.addWidget(self.place_label)
            layout.addWidget(self.place)
        else:
            self.quote.hide()
            self.place.hide()
            self.quote_label.hide()
            self.place_label.hide()
        layout.addWidget(self.text_label)
        layout.addWidget(self.text, 1)
        layout.addWidget(self.note)
        layout.addLayout(buttons)
        self.retranslate()
        self._enable()
        self.text.setFocus()

    def comment_text(self) -> str:
        return self.text.toPlainText().strip()

    def reject(self) -> None:
        """Huỷ (or Esc, or the window's close button) with words written: ask before they are lost —
        keep them as a draft, throw them away, or go on writing."""
        if not self.comment_text() or self.comment_text() == self._initial or self._asking:
            super().reject()
            return
        box = QMessageBox(QMessageBox.Icon.Question, self.tr("Comment to the office"),
                          self.tr("Keep what you wrote as a draft?"), QMessageBox.StandardButton.NoButton, self)
        box.setObjectName("keepCommentDraft")
        keep = box.addButton(self.tr("Save draft"), QMessageBox.ButtonRole.AcceptRole)
        drop = box.addButton(self.tr("Discard"), QMessageBox.ButtonRole.DestructiveRole)
        box.addButton(self.tr("Go on writing"), QMessageBox.ButtonRole.RejectRole)

        def answered(_result: int) -> None:
            self._asking = False
            if box.clickedButton() is keep:
                self._submit("draft")
            elif box.clickedButton() is drop:
                super(CommentEditor, self).reject()

        self._asking = True
        box.finished.connect(answered)
        box.finished.connect(box.deleteLater)
        box.open()

    def chosen_place(self) -> tuple[str, str]:
        """(label, article): a suggestion keeps its article; a place typed by the member keeps the
        one found for the passage unless it names another article."""
        label = " ".join(self.place.currentText().split())
        index = self.place.findText(label)
        if index >= 0:
            return label, str(self.place.itemData(index) or "")
        if not label:
            return "", ""
        head = label.split(",")[0].strip()
        if head.startswith(("Điều ", "Mục ", "Chương ", "Phần ", "Phụ lục ")):
            return label, head
        return label, self.passage.article

    def _enable(self) -> None:
        ok = bool(self.comment_text())
        self.save_button.setEnabled(ok)
        self.send_button.setEnabled(ok)

    def _submit(self, how: str) -> None:
        if self.comment_text():
            self.submitted.emit(how)
            self.accept()

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Comment to the office"))
        p = self.passage
        about = p.document_title or p.item.title
        self.heading.setText(self.tr("Your comment on “%1”").replace("%1", about)
                             if p.entry is not None else
                             self.tr("Your comment on the item as a whole: “%1”").replace("%1", p.item.title))
        self.quote_label.setText(self.tr("The passage you selected:"))
        self.place_label.setText(self.tr("Where in the draft (you may change it):"))
        self.text_label.setText(self.tr("Your comment:"))
        self.quote.setAccessibleName(self.tr("The passage you selected:"))
        self.place.setAccessibleName(self.tr("Where in the draft (you may change it):"))
        self.text.setAccessibleName(self.tr("Your comment:"))
        self.save_button.setText(self.tr("Save draft"))
        self.send_button.setText(self.tr("Send"))
        self.cancel_button.setText(self.tr("Cancel"))
        if self._due is None:
            self.note.setText("")
        elif self._late:
            self.note.setText(self.tr("The deadline for comments (%1) has passed: you can still send, and the "
                                      "office will mark the comment as late.").replace("%1", when(self._due)))
        else:
            self.note.setText(self.tr("Deadline for comments: %1. A draft stays on this computer until you "
                                      "send it.").replace("%1", when(self._due)))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)


class PollForm(QDialog):
    """Phiếu lấy ý kiến: each question with its choices (radio buttons) and a written answer where
    the question allows one. ``send_requested`` when "Gửi phiếu" is pressed."""

    send_requested = Signal()

    def __init__(self, poll: Poll, earlier: Kept | None, now: datetime, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("pollForm")
        self.poll = poll
        self._earlier = earlier
        self._late = now > poll.due
        self.resize(680, 600)
        self.title = QLabel(self)
        self.title.setWordWrap(True)
        font = QFont(self.title.font())
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * 1.2)
        self.title.setFont(font)
        self.state = QLabel(self)
        self.state.setWordWrap(True)
        self.groups: list[QButtonGroup] = []
        self.texts: list[QPlainTextEdit | None] = []
        self._question_labels: list[QLabel] = []
        self._text_labels: list[QLabel] = []
        body = QWidget(self)
        column = QVBoxLayout(body)
        previous = {a.question: a for a in earlier.record.answers} \
            if earlier is not None and isinstance(earlier.record, PollAnswer) else {}
        for i, question in enumerate(poll.questions):
            box = QGroupBox(body)
            inner = QVBoxLayout(box)
            label = QLabel(f"{i + 1}. {question.text}", box)
            label.setWordWrap(True)
            _larger(label)
            inner.addWidget(label)
            self._question_labels.append(label)
            group = QButtonGroup(box)
            for choice in question.choices:
                radio = QRadioButton(choice, box)
                _larger(radio)
                group.addButton(radio)
                inner.addWidget(radio)
                if i in previous and previous[i].choice == choice:
                    radio.setChecked(True)
            self.groups.append(group)
            edit: QPlainTextEdit | None = None
            if question.text_answer or not question.choices:
                tl = QLabel(box)
                self._text_labels.append(tl)
                inner.addWidget(tl)
                edit = QPlainTextEdit(box)
                edit.setObjectName(f"pollText{i}")
                edit.setMinimumHeight(80)
                _larger(edit)
                if i in previous:
                    edit.setPlainText(previous[i].text)
                inner.addWidget(edit)
            self.texts.append(edit)
            column.addWidget(box)
        column.addStretch(1)
        scroll = self.questions_area = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setWidget(body)
        self.note = QLabel(self)
        self.note.setWordWrap(True)
        self.send_button = QPushButton(self)
        self.send_button.setObjectName("sendPoll")
        self.cancel_button = QPushButton(self)
        self.send_button.clicked.connect(self._send)
        self.cancel_button.clicked.connect(self.reject)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.send_button)
        buttons.addWidget(self.cancel_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addWidget(self.state)
        layout.addWidget(scroll, 1)
        layout.addWidget(self.note)
        layout.addLayout(buttons)
        for group in self.groups:
            group.buttonToggled.connect(self._update_send)
        for edit in self.texts:
            if edit is not None:
                edit.textChanged.connect(self._update_send)
        self._update_send()
        self.retranslate()

    def _update_send(self) -> None:
        """"Gửi phiếu" only once something is answered: an empty answer is not sent."""
        self.send_button.setEnabled(any(a.choice is not None or a.text for a in self.answers()))

    def answers(self) -> tuple[Answer, ...]:
        out = []
        for i, (group, edit) in enumerate(zip(self.groups, self.texts, strict=True)):
            checked = group.checkedButton()
            out.append(Answer(i, checked.text() if checked is not None else None,
                              edit.toPlainText().strip() if edit is not None else ""))
        return tuple(out)

    def _send(self) -> None:
        self.send_requested.emit()
        self.accept()

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Written opinion poll"))
        self.title.setText(self.poll.title)
        self.questions_area.setAccessibleName(self.tr("Questions"))
        self.state.setText(poll_state(self, self._earlier) + " \u2014 "
                           + self.tr("Answer by %1").replace("%1", when(self.poll.due)))
        for label in self._text_labels:
            label.setText(self.tr("Your opinion (in writing):"))
        for edit in self.texts:
            if edit is not None:
                edit.setAccessibleName(self.tr("Your opinion (in writing):"))
        self.send_button.setText(self.tr("Send the poll"))
        self.cancel_button.setText(self.tr("Cancel"))
        notes = []
        if self._earlier is not None:
            notes.append(self.tr("You have already answered: sending again replaces your earlier answer."))
        if self._late:
            notes.append(self.tr("The deadline has passed: you can still send, and the office will mark the "
                                 "answer as late."))
        self.note.setText(" ".join(notes))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)


def poll_state(_widget: QWidget, kept: Kept | None) -> str:
    if kept is None:
        return QCoreApplication.translate("CommentsPanel", "Not answered yet")
    if kept.state == RECEIVED and kept.received is not None:
        return QCoreApplication.translate("CommentsPanel", "Received by the office (%1)").replace(
            "%1", received_at(kept.received))
    return QCoreApplication.translate("CommentsPanel", "Sent \u2014 waiting for sync")


class WrappingTree(QTreeWidget):
    """A tree whose rows wrap their text to the width there is (at every depth) and grow as tall
    as it needs: nothing of a comment's state is cut off in a narrow panel."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setItemDelegate(_WrapDelegate(self))
        self.setTextElideMode(Qt.TextElideMode.ElideNone)
        self.setWordWrap(True)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)

    def text_width(self, index: QModelIndex | QPersistentModelIndex) -> int:
        depth, parent = 1, index.parent()
        while parent.isValid():
            depth, parent = depth + 1, parent.parent()
        return max(80, self.viewport().width() - self.indentation() * depth - 12)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        if event.size().width() != event.oldSize().width():
            self.doItemsLayout()  # the rows' heights follow the new width


class _WrapDelegate(QStyledItemDelegate):
    def __init__(self, tree: WrappingTree) -> None:
        super().__init__(tree)
        self._tree = tree

    def sizeHint(self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex) -> QSize:
        font = index.data(Qt.ItemDataRole.FontRole)
        metrics = QFontMetrics(font if isinstance(font, QFont) else self._tree.font())
        width = self._tree.text_width(index)
        text = str(index.data(Qt.ItemDataRole.DisplayRole) or "")
        rect = metrics.boundingRect(QRect(0, 0, width, 100_000), int(Qt.TextFlag.TextWordWrap), text)
        return QSize(width, rect.height() + 8)


@dataclass
class PanelData:
    agenda: Agenda
    member: str
    comments: list[Kept]
    answers: dict[str, Kept]
    now: datetime


class CommentsPanel(QWidget):
    """The member's comments on the open session, by item, document and article, each with its
    state; the polls with theirs; buttons for what can be done with the selected row."""

    new_general = Signal(int)  # item number: a comment on the item as a whole
    amend = Signal(str)  # comment id
    withdraw = Signal(str)
    send = Signal(str)
    send_all = Signal()
    agree = Signal(int)  # item number
    open_poll = Signal(str)  # poll id
    comment_chosen = Signal(str)  # comment id: show the passage it is about

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("commentsPanel")
        self.setMinimumWidth(280)
        self.data: PanelData | None = None
        self.heading = QLabel(self)
        font = QFont(self.heading.font())
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * 1.1)
        self.heading.setFont(font)
        self.explain = QLabel(self)
        self.explain.setWordWrap(True)
        self.tree = WrappingTree(self)
        self.tree.setObjectName("commentsTree")
        self.tree.setHeaderHidden(True)
        self.tree.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.tree.currentItemChanged.connect(lambda *_: self._enable())
        self.tree.itemActivated.connect(self._activated)
        self.tree.itemClicked.connect(self._clicked)
        self.general_button = QPushButton(self)
        self.amend_button = QPushButton(self)
        self.withdraw_button = QPushButton(self)
        self.send_button = QPushButton(self)
        self.send_all_button = QPushButton(self)
        self.agree_button = QPushButton(self)
        self.poll_button = QPushButton(self)
        self.general_button.clicked.connect(lambda: self._with_item(self.new_general.emit))
        self.agree_button.clicked.connect(lambda: self._with_item(self.agree.emit))
        self.amend_button.clicked.connect(lambda: self._with_comment(self.amend.emit))
        self.withdraw_button.clicked.connect(lambda: self._with_comment(self.withdraw.emit))
        self.send_button.clicked.connect(lambda: self._with_comment(self.send.emit))
        self.send_all_button.clicked.connect(self.send_all.emit)
        self.poll_button.clicked.connect(self._poll_clicked)
        form = QFormLayout()
        rows = QVBoxLayout()
        for pair in ((self.amend_button, self.withdraw_button), (self.send_button, self.send_all_button),
                     (self.general_button, self.poll_button)):
            line = QHBoxLayout()
            for b in pair:
                line.addWidget(b)
            rows.addLayout(line)
        rows.addWidget(self.agree_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 8, 8, 8)
        layout.addWidget(self.heading)
        layout.addWidget(self.explain)
        layout.addWidget(self.tree, 1)
        layout.addLayout(form)
        layout.addLayout(rows)
        self.retranslate()

    # -- what is shown ---------------------------------------------------------------------------
    def set_data(self, data: PanelData | None) -> None:
        selected = self.selected()
        self.data = data
        self.tree.clear()
        if data is None:
            self._enable()
            return
        bold = QFont(self.tree.font())
        bold.setBold(True)
        for item in data.agenda.items:
            if item.comments_due is None or not item.readable_by(data.member):
                continue
            top = QTreeWidgetItem(self.tree, [self._item_text(item, data)])
            top.setData(0, ROLE, ("item", item.number))
            top.setFont(0, bold)
            mine = [k for k in data.comments if isinstance(k.record, Comment) and k.record.item == item.number]
            groups: dict[tuple[str, str], QTreeWidgetItem] = {}
            for one in sorted(mine, key=lambda k: (getattr(k.record, "entry", None) or "",
                                                   getattr(k.record, "order", ()))):
                c = one.record
                assert isinstance(c, Comment)
                key = (c.document_title if c.entry else self.tr("General comments"), c.article)
                parent = top if c.kind is CommentKind.AGREE else groups.get(key)
                if parent is None:
                    label = key[0] + (f" \u203a {key[1]}" if key[1] else "")
                    parent = groups[key] = QTreeWidgetItem(top, [label])
                    parent.setData(0, ROLE, ("item", item.number))
                row = QTreeWidgetItem(parent, [self._comment_text(one, item, data)])
                row.setData(0, ROLE, ("comment", c.comment_id))
                row.setToolTip(0, c.quote or c.text)
            top.setExpanded(True)
            for g in groups.values():
                g.setExpanded(True)
        visible = [p for p in data.agenda.polls
                   if p.item is None or data.agenda.items[p.item - 1].readable_by(data.member)]
        if visible:
            top = QTreeWidgetItem(self.tree, [self.tr("Written opinion polls")])
            top.setFont(0, bold)
            for poll in visible:
                kept = data.answers.get(poll.poll_id)
                late = data.now > poll.due
                text = f"{poll.title}\n{poll_state(self, kept)} \u2014 " + (
                    self.tr("closed at %1").replace("%1", when(poll.due)) if late else
                    self.tr("answer by %1").replace("%1", when(poll.due)))
                row = QTreeWidgetItem(top, [text])
                row.setData(0, ROLE, ("poll", poll.poll_id))
            top.setExpanded(True)
        self._select(selected)
        self._enable()

    def _item_text(self, item: AgendaItem, data: PanelData) -> str:
        due = item.comments_due
        assert due is not None
        line = self.tr("Deadline for comments: %1").replace("%1", when(due))
        if data.now > due:
            line += " \u2014 " + self.tr("passed: comments sent now are marked late")
        return f"{item.number}. {item.title}\n{line}"

    def _comment_text(self, kept: Kept, item: AgendaItem, data: PanelData) -> str:
        c = kept.record
        assert isinstance(c, Comment)
        state = self.state_text(kept, item.comments_due, data.now)
        if c.kind is CommentKind.AGREE:
            return f"{self.tr('Agree with the draft, no comments')}\n{state}"
        place = f"{c.place}: " if c.place else ""
        text = c.text if len(c.text) <= 160 else c.text[:157] + "\u2026"
        return f"{place}{text}\n{state}"

    def state_text(self, kept: Kept, due: datetime | None, now: datetime) -> str:
        if kept.state == DRAFT:
            text = self.tr("Draft")
        elif kept.state == SENT:
            text = self.tr("Sent \u2014 waiting for sync")
        else:
            text = self.tr("Received by the office (%1)").replace("%1", received_at(kept.received or 0))
        late = due is not None and (
            (kept.received / 1000 > due.timestamp()) if kept.state == RECEIVED and kept.received is not None
            else now > due)
        if late and kept.state != DRAFT:
            text += " \u2014 " + self.tr("Sent after the deadline")
        return text

    # -- selection ---------------------------------------------------------------------------------
    def selected(self) -> tuple[str, object] | None:
        current = self.tree.currentItem()
        value = current.data(0, ROLE) if current is not None else None
        return (str(value[0]), value[1]) if value else None

    def row_for(self, kind: str, key: object) -> QTreeWidgetItem | None:
        stack = [self.tree.topLevelItem(i) for i in range(self.tree.topLevelItemCount())]
        while stack:
            node = stack.pop()
            if node is None:
                continue
            value = node.data(0, ROLE)
            if value and tuple(value) == (kind, key):
                return node
            stack.extend(node.child(j) for j in range(node.childCount()))
        return None

    def select(self, kind: str, key: object) -> None:
        self._select((kind, key))

    def _select(self, which: tuple[str, object] | None) -> None:
        row = self.row_for(*which) if which is not None else None
        if row is not None:
            self.tree.setCurrentItem(row)

    def _kept(self, comment_id: str) -> Kept | None:
        data = self.data
        return next((k for k in data.comments if k.key == comment_id), None) if data is not None else None

    def _item_number(self) -> int | None:
        sel = self.selected()
        if sel is None or self.data is None:
            return None
        if sel[0] == "item":
            return int(str(sel[1]))
        if sel[0] == "comment":
            kept = self._kept(str(sel[1]))
            return kept.record.item if kept is not None and isinstance(kept.record, Comment) else None
        return None

    def agreed(self, number: int) -> Kept | None:
        data = self.data
        if data is None:
            return None
        return next((k for k in data.comments if isinstance(k.record, Comment) and k.record.item == number
                     and k.record.kind is CommentKind.AGREE), None)

    def _enable(self) -> None:
        sel = self.selected()
        kept = self._kept(str(sel[1])) if sel is not None and sel[0] == "comment" else None
        is_comment = kept is not None and isinstance(kept.record, Comment) \
            and kept.record.kind is CommentKind.COMMENT
        self.amend_button.setEnabled(is_comment)
        self.withdraw_button.setEnabled(kept is not None)
        self.send_button.setEnabled(kept is not None and kept.state == DRAFT)
        data = self.data
        self.send_all_button.setEnabled(data is not None and any(k.state == DRAFT for k in data.comments))
        number = self._item_number()
        self.general_button.setEnabled(number is not None)
        agreed = self.agreed(number) if number is not None else None
        self.agree_button.setEnabled(number is not None and agreed is None)
        self.agree_button.setText(self.tr("Agreed with the draft (sent)") if agreed is not None
                                  else self.tr("Agree with the draft, no comments"))
        self.poll_button.setEnabled(sel is not None and sel[0] == "poll")

    def _with_item(self, emit: object) -> None:
        number = self._item_number()
        if number is not None:
            emit(number)  # type: ignore[operator]

    def _with_comment(self, emit: object) -> None:
        sel = self.selected()
        if sel is not None and sel[0] == "comment":
            emit(str(sel[1]))  # type: ignore[operator]

    def _poll_clicked(self) -> None:
        sel = self.selected()
        if sel is not None and sel[0] == "poll":
            self.open_poll.emit(str(sel[1]))

    def _clicked(self, row: QTreeWidgetItem) -> None:
        value = row.data(0, ROLE)
        if value and value[0] == "comment":
            kept = self._kept(str(value[1]))
            if kept is not None and isinstance(kept.record, Comment) and kept.record.entry is not None:
                self.comment_chosen.emit(kept.key)

    def _activated(self, row: QTreeWidgetItem) -> None:
        value = row.data(0, ROLE)
        if value and value[0] == "poll":
            self.open_poll.emit(str(value[1]))
        elif value and value[0] == "comment":
            kept = self._kept(str(value[1]))
            if kept is not None and isinstance(kept.record, Comment) and kept.record.kind is CommentKind.COMMENT:
                self.amend.emit(str(value[1]))

    def retranslate(self) -> None:
        self.heading.setText(self.tr("Comments to the office"))
        self.tree.setAccessibleName(self.tr("Comments to the office"))
        self.explain.setText(self.tr("Signed and sealed to the office; sent at the next sync."))
        self.general_button.setText(self.tr("Comment on the item\u2026"))
        self.amend_button.setText(self.tr("Amend\u2026"))
        self.withdraw_button.setText(self.tr("Withdraw\u2026"))
        self.send_button.setText(self.tr("Send"))
        self.send_all_button.setText(self.tr("Send all drafts"))
        self.poll_button.setText(self.tr("Open the poll\u2026"))
        self.set_data(self.data)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)
