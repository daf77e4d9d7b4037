"""The four views of the clerk's Follow page (plain widgets: each shows what it is given and emits
what the clerk asked for; :mod:`.follow_page` fetches and does the work).

* :class:`ReceiptsView` — members × items: received / opened / read to the end, times on hover;
  a member who has not received the documents near the meeting is marked in words and colour;
* :class:`CommentsView` — comments grouped by document and article, the office's answer to the
  selected one, "Export the consolidation table";
* :class:`PollsView` — the tally per question and who has not answered;
* :class:`RecallView` — recall the session or one classified item, then each device's confirmation.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime, timedelta
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QBrush, QColor, QFont, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from paperless.core.clerk.follow import Cell, DocumentGroup, Level, ReceiptGrid
from paperless.core.clerk.office import RecallEntry
from paperless.core.session import SessionSpec

if TYPE_CHECKING:
    from paperless.office.collect import PollTally

ROLE = Qt.ItemDataRole.UserRole
ATTENTION_BG, ATTENTION_FG = QColor("#fbe0de"), QColor("#8a1c1c")
READ_BG, OPENED_BG, RECEIVED_BG, NOT_FOR_BG = QColor("#e2f2e0"), QColor("#e6eefb"), QColor("#f4f4f4"), QColor("#fafafa")


ROW_MIN_PX = 36
CALM_SCALE = 1.1  # slightly larger type in the tables the clerk reads all day
ITEM_PADDING = "QTreeView::item { padding: 3px 0px; }"


def _calm(widget: QWidget) -> None:
    font = QFont(widget.font())
    font.setPointSizeF(font.pointSizeF() * CALM_SCALE)
    widget.setFont(font)


def short_when(moment: datetime | None) -> str:
    """"09:14 07/12" in the computer's time zone."""
    return "" if moment is None else moment.astimezone().strftime("%H:%M %d/%m")


def _bold(item: QTableWidgetItem | QTreeWidgetItem, column: int = 0) -> None:
    font = QFont(item.font(column) if isinstance(item, QTreeWidgetItem) else item.font())
    font.setBold(True)
    if isinstance(item, QTreeWidgetItem):
        item.setFont(column, font)
    else:
        item.setFont(font)


def _label(text: str = "", *, wrap: bool = True) -> QLabel:
    label = QLabel(text)
    label.setWordWrap(wrap)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    return label


# -- receipts -------------------------------------------------------------------------------------------
class ReceiptsView(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.summary = _label()
        self.summary.setObjectName("receiptsSummary")
        self.table = QTableWidget(0, 0, self)
        self.table.setObjectName("receiptsTable")
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectItems)
        self.table.verticalHeader().setVisible(False)
        self.table.setWordWrap(True)
        self.table.horizontalHeader().setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        _calm(self.table)
        self.legend = _label()
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.legend)
        self.grid: ReceiptGrid | None = None
        self.retranslate()

    def retranslate(self) -> None:
        self.legend.setText(self.tr(
            "Read to the end: every document of the item was read to its last page. Opened: put on screen. "
            "Received: on the member's computer. Point at a cell for the times."))
        if self.grid is not None:
            self.show_grid(self.grid)

    def level_text(self, level: Level) -> str:
        return {Level.NONE: self.tr("Not received"), Level.RECEIVED: self.tr("Received"),
                Level.OPENED: self.tr("Opened"), Level.READ: self.tr("Read to the end")}[level]

    def _event_text(self, level: Level) -> str:
        return {Level.RECEIVED: self.tr("received"), Level.OPENED: self.tr("opened"),
                Level.READ: self.tr("read to the end")}.get(level, "")

    def _cell_text(self, cell: Cell) -> str:
        if not cell.readable:
            return self.tr("— not for this member")
        if cell.partial:  # some documents further than others
            return self.tr("{state} ({done} of {total} documents)").format(
                state=self.level_text(cell.best), done=cell.done, total=len(cell.documents))
        return self.level_text(cell.level)

    def _cell_tip(self, cell: Cell) -> str:
        if not cell.readable:
            return self.tr("This item is restricted to other members.")
        lines = []
        nothing = self.tr("nothing yet")
        for doc in cell.documents:
            events = "; ".join(f"{self._event_text(lv)} {short_when(at) or raw}" for lv, at, raw in doc.times)
            lines.append(f"{doc.title}: {events or nothing}")
        return "\n".join(lines)

    def _meeting_text(self, grid: ReceiptGrid) -> str:
        left = grid.meeting_in
        if left < timedelta(0):
            return self.tr("The meeting has started.")
        days, hours = left.days, left.seconds // 3600
        if days:
            return self.tr("The meeting starts in %n day(s)", "", days) + self.tr(" and %n hour(s).", "", hours)
        return self.tr("The meeting starts in %n hour(s).", "", hours)

    def show_grid(self, grid: ReceiptGrid) -> None:
        self.grid = grid
        t = self.table
        t.clear()
        t.setColumnCount(1 + len(grid.items))
        t.setRowCount(len(grid.rows))
        t.setHorizontalHeaderLabels([self.tr("Member")] + [f"{n}. {title}" for n, title in
                                                             enumerate(grid.items, start=1)])
        for col, title in enumerate(grid.items, start=1):
            header = t.horizontalHeaderItem(col)
            if header is not None:
                header.setToolTip(title)
        for row, member in enumerate(grid.rows):
            name = QTableWidgetItem(member.name)
            name.setData(ROLE, member.fingerprint)
            if member.attention:
                name.setText(self.tr("{name}\n⚠ has not received %n item(s)", "", member.missing)
                             .format(name=member.name))
                name.setBackground(QBrush(ATTENTION_BG))
                name.setForeground(QBrush(ATTENTION_FG))
                _bold(name)
            elif member.missing:
                name.setText(self.tr("{name}\nnot received: %n item(s)", "", member.missing).format(name=member.name))
            t.setItem(row, 0, name)
            for col, cell in enumerate(member.cells, start=1):
                item = QTableWidgetItem(self._cell_text(cell))
                item.setToolTip(self._cell_tip(cell))
                item.setData(ROLE, int(cell.level))
                if not cell.readable:
                    item.setBackground(QBrush(NOT_FOR_BG))
                    item.setForeground(QBrush(QColor("#777777")))
                elif cell.level is Level.NONE and member.attention:
                    item.setText("⚠ " + item.text())
                    item.setBackground(QBrush(ATTENTION_BG))
                    item.setForeground(QBrush(ATTENTION_FG))
                    _bold(item)
                else:
                    item.setBackground(QBrush({Level.READ: READ_BG, Level.OPENED: OPENED_BG,
                                               Level.RECEIVED: RECEIVED_BG}.get(cell.level, QColor("#ffffff"))))
                t.setItem(row, col, item)
        heads = t.horizontalHeader()
        heads.setSectionResizeMode(QHeaderView.ResizeMode.Stretch)  # the items share the width
        heads.setSectionResizeMode(0, QHeaderView.ResizeMode.Interactive)
        heads.setMinimumSectionSize(150)
        t.setColumnWidth(0, 260)
        t.resizeRowsToContents()
        for row in range(t.rowCount()):
            t.setRowHeight(row, max(t.rowHeight(row) + 10, ROW_MIN_PX))
        late = grid.attention
        parts = [self._meeting_text(grid)]
        if late:
            parts.append(self.tr("⚠ Not yet received by %n member(s): {names}.", "", len(late)).format(
                names=", ".join(r.name for r in late)))
        elif grid.soon and grid.meeting_in >= timedelta(0):
            parts.append(self.tr("Every member has received the documents."))
        if grid.unknown:
            parts.append(self.tr("Receipts from people not in this session were left out: {names}.").format(
                names=", ".join(grid.unknown)))
        self.summary.setText(" ".join(parts))
        self.summary.setStyleSheet(f"color: {ATTENTION_FG.name()}; font-weight: bold;" if late else "")


# -- comments -------------------------------------------------------------------------------------------
class CommentsView(QWidget):
    export_requested = Signal()
    answer_edited = Signal(str, str)  # comment id, text

    COL_TEXT, COL_MEMBER, COL_RECEIVED, COL_MARKS, COL_ANSWER = range(5)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.summary = _label()
        self.summary.setObjectName("commentsSummary")
        self.export_button = QPushButton(self)
        self.export_button.setObjectName("exportTable")
        self.export_button.clicked.connect(self.export_requested)
        self.export_status = _label()
        self.export_status.setObjectName("exportStatus")
        self.export_status.setTextInteractionFlags(Qt.TextInteractionFlag.TextBrowserInteraction)
        self.export_status.setOpenExternalLinks(True)
        self.tree = QTreeWidget(self)
        self.tree.setObjectName("commentsTree")
        self.tree.setColumnCount(5)
        self.tree.setWordWrap(True)
        self.tree.setUniformRowHeights(False)
        self.tree.currentItemChanged.connect(self._current_changed)
        self.tree.setStyleSheet(ITEM_PADDING)
        _calm(self.tree)
        self.detail = _label()
        self.detail.setObjectName("commentDetail")
        self.detail.setTextFormat(Qt.TextFormat.PlainText)
        _calm(self.detail)
        self.answer_label = QLabel(self)
        self.answer = QPlainTextEdit(self)
        self.answer.setObjectName("answerEditor")
        self.answer.setTabChangesFocus(True)
        self.answer.setEnabled(False)
        _calm(self.answer)
        self.answer_label.setBuddy(self.answer)
        label_font = QFont(self.answer_label.font())
        label_font.setBold(True)
        self.answer_label.setFont(label_font)
        self._answer_for: str | None = None
        self._pending = QTimer(self)
        self._pending.setSingleShot(True)
        self._pending.setInterval(600)
        self._pending.timeout.connect(self.commit_answer)
        self.answer.textChanged.connect(self._typed)
        self._answers: dict[str, str] = {}
        self._groups: list[DocumentGroup] = []
        self._items: dict[str, QTreeWidgetItem] = {}

        top = QHBoxLayout()
        top.addWidget(self.summary, 1)
        top.addWidget(self.export_button)
        below = QWidget(self)
        lower = QVBoxLayout(below)
        lower.setContentsMargins(0, 0, 0, 0)
        lower.addWidget(self.detail)
        lower.addWidget(self.answer_label)
        lower.addWidget(self.answer, 1)
        split = QSplitter(Qt.Orientation.Vertical, self)
        split.addWidget(self.tree)
        split.addWidget(below)
        split.setStretchFactor(0, 3)
        split.setStretchFactor(1, 2)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.export_status)
        layout.addWidget(split, 1)
        QShortcut(QKeySequence("Ctrl+E"), self, self.export_button.click)
        self.retranslate()

    def retranslate(self) -> None:
        self.export_button.setText(self.tr("Export the consolidation table (Ctrl+E)"))
        self.export_button.setToolTip(self.tr(
            "Writes the table “Bản tổng hợp, giải trình, tiếp thu ý kiến” with your answers, as Word and Excel "
            "files, into the session's folder."))
        self.answer_label.setText(self.tr("The office's &answer to this comment (Ý kiến giải trình, tiếp thu):"))
        self.tree.setHeaderLabels([self.tr("Place and comment"), self.tr("Member"), self.tr("Received"),
                                   self.tr("Note"), self.tr("Office's answer")])
        if self._groups:
            self.show_groups(self._groups, self._answers, self._refused)

    _refused: Sequence[str] = ()

    def show_groups(self, groups: list[DocumentGroup], answers: dict[str, str], refused: Sequence[str] = ()) -> None:
        current = self.current_comment()
        self.commit_answer()
        self._groups, self._answers, self._refused = groups, answers, refused
        self.tree.clear()
        self._items = {}
        total = 0
        for doc in groups:
            top = QTreeWidgetItem([self.tr("{title} — %n comment(s)", "", doc.count).format(title=doc.title)])
            _bold(top)
            top.setFirstColumnSpanned(True)
            self.tree.addTopLevelItem(top)
            for group in doc.articles:
                heading = QTreeWidgetItem([group.heading or self.tr("General comments")])
                _bold(heading)
                top.addChild(heading)
                for c in group.comments:
                    total += 1
                    place = f"{c.place}: " if c.place and c.place != group.heading else ""
                    marks = [self.tr("sent after the deadline")] if c.late else []
                    marks += [self.tr("amended")] if c.amended else []
                    row = QTreeWidgetItem([place + c.text, c.member, short_when(c.received), ", ".join(marks),
                                           answers.get(c.comment_id, "")])
                    row.setData(0, ROLE, c.comment_id)
                    row.setToolTip(0, (f"“{c.quote}”\n\n" if c.quote else "") + c.text)
                    if c.late:
                        row.setForeground(self.COL_MARKS, QBrush(ATTENTION_FG))
                    heading.addChild(row)
                    self._items[c.comment_id] = row
        self.tree.expandAll()
        header = self.tree.header()
        header.setStretchLastSection(True)
        self.tree.setColumnWidth(self.COL_TEXT, 560)
        self.tree.setColumnWidth(self.COL_MEMBER, 160)
        self.tree.setColumnWidth(self.COL_RECEIVED, 100)
        self.tree.setColumnWidth(self.COL_MARKS, 110)
        text = self.tr("%n comment(s) received.", "", total) if total else self.tr(
            "No comment has arrived yet. Members who send nothing are deemed to agree.")
        if refused:
            text += " " + self.tr("%n refused (not counted): ", "", len(refused)) + "; ".join(refused)
        self.summary.setText(text)
        if current in self._items:
            self.tree.setCurrentItem(self._items[current])
        elif self._items:
            self.tree.setCurrentItem(next(iter(self._items.values())))
        else:
            self._current_changed(None, None)

    def current_comment(self) -> str | None:
        item = self.tree.currentItem()
        value = item.data(0, ROLE) if item is not None else None
        return value if isinstance(value, str) else None

    def select(self, comment_id: str) -> None:
        self.tree.setCurrentItem(self._items[comment_id])

    def _current_changed(self, current: QTreeWidgetItem | None, _previous: QTreeWidgetItem | None) -> None:
        self.commit_answer()
        comment_id = current.data(0, ROLE) if current is not None else None
        line = next((c for d in self._groups for g in d.articles for c in g.comments
                     if c.comment_id == comment_id), None)
        self._answer_for = None
        if line is None:
            self.detail.setText(self.tr("Choose a comment above to read it whole and write the office's answer."))
            self.answer.setPlainText("")
            self.answer.setEnabled(False)
            return
        parts = [f"{line.member} — {line.place}" if line.place else line.member]
        if line.quote:
            parts.append(f"“{line.quote}”")
        parts.append(line.text)
        self.detail.setText("\n".join(parts))
        self.answer.setEnabled(True)
        self.answer.setPlainText(self._answers.get(line.comment_id, ""))
        self._answer_for = line.comment_id

    def _typed(self) -> None:
        if self._answer_for is not None:
            self._pending.start()

    def commit_answer(self) -> None:
        """What is typed goes to the page (which keeps it in the session folder)."""
        self._pending.stop()
        comment_id = self._answer_for
        if comment_id is None:
            return
        text = self.answer.toPlainText()
        if self._answers.get(comment_id, "") == text:
            return
        self._answers[comment_id] = text
        row = self._items.get(comment_id)
        if row is not None:
            row.setText(self.COL_ANSWER, text)
        self.answer_edited.emit(comment_id, text)


# -- polls ----------------------------------------------------------------------------------------------
class PollsView(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.summary = _label()
        self.tree = QTreeWidget(self)
        self.tree.setObjectName("pollsTree")
        self.tree.setStyleSheet(ITEM_PADDING)
        _calm(self.tree)
        self.tree.setColumnCount(2)
        self.tree.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.tree, 1)
        self._tallies: list[PollTally] = []
        self.retranslate()

    def retranslate(self) -> None:
        self.tree.setHeaderLabels([self.tr("Question and answers"), self.tr("Count")])
        if self._tallies:
            self.show_tallies(self._tallies)

    def show_tallies(self, tallies: Sequence[PollTally]) -> None:
        self._tallies = list(tallies)
        self.tree.clear()
        for poll in tallies:
            total = len(poll.answered) + len(poll.not_answered)
            top = QTreeWidgetItem([self.tr("{title} (due {due})").format(
                title=poll.title, due=poll.due.astimezone().strftime("%H:%M %d/%m/%Y")),
                self.tr("{answered} of {total} answered").format(answered=len(poll.answered), total=total)])
            _bold(top)
            _bold(top, 1)
            self.tree.addTopLevelItem(top)
            for number, q in enumerate(poll.questions, start=1):
                question = QTreeWidgetItem([f"{number}. {q.text}", ""])
                top.addChild(question)
                for choice, count in q.counts:
                    question.addChild(QTreeWidgetItem([choice, str(count)]))
                for name, text in q.written:
                    question.addChild(QTreeWidgetItem([f"{name}: {text}", ""]))
            if poll.late:
                top.addChild(QTreeWidgetItem([self.tr("Answered after the deadline: {names}").format(
                    names=", ".join(poll.late)), str(len(poll.late))]))
            missing = QTreeWidgetItem([self.tr("Not answered yet: {names}").format(names=", ".join(poll.not_answered))
                                       if poll.not_answered else self.tr("Everyone has answered."),
                                       str(len(poll.not_answered))])
            if poll.not_answered:
                missing.setForeground(0, QBrush(ATTENTION_FG))
                _bold(missing)
            top.addChild(missing)
        self.tree.expandAll()
        self.tree.setColumnWidth(0, 820)
        self.summary.setText(self.tr("%n poll(s) in this session.", "", len(tallies)) if tallies
                             else self.tr("This session has no written opinion poll."))


# -- recall ---------------------------------------------------------------------------------------------
class RecallView(QWidget):
    recall_requested = Signal(object)  # None: the whole session; int: the item's index from 0

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.intro = _label()
        self.whole = QPushButton(self)
        self.whole.setObjectName("recallSession")
        self.whole.clicked.connect(lambda: self.recall_requested.emit(None))
        self.items = QComboBox(self)
        self.items.setObjectName("recallItems")
        self.items_label = QLabel(self)
        self.items_label.setBuddy(self.items)
        self.one = QPushButton(self)
        self.one.setObjectName("recallItem")
        self.one.clicked.connect(self._one)
        self.summary = _label()
        self.summary.setObjectName("recallSummary")
        self.table = QTableWidget(0, 5, self)
        self.table.setObjectName("recallTable")
        _calm(self.table)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setStretchLastSection(True)
        row = QHBoxLayout()
        row.addWidget(self.whole)
        row.addSpacing(24)
        row.addWidget(self.items_label)
        row.addWidget(self.items, 1)
        row.addWidget(self.one)
        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addLayout(row)
        layout.addWidget(self.summary)
        layout.addWidget(self.table, 1)
        self._spec: SessionSpec | None = None
        self._entries: list[RecallEntry] = []
        self.retranslate()

    def retranslate(self) -> None:
        self.intro.setText(self.tr(
            "After the meeting, documents with secret content must be recovered (Law 29/2018/QH14, art. 17). A "
            "recall deletes them from every member's computer the next time it connects to the server; each "
            "computer then confirms here."))
        self.whole.setText(self.tr("Recall the whole session…"))
        self.items_label.setText(self.tr("or one classified &item:"))
        self.one.setText(self.tr("Recall this item…"))
        self.table.setHorizontalHeaderLabels([self.tr("Member"), self.tr("Computer"), self.tr("Recalled"),
                                              self.tr("At"), self.tr("Confirmed")])
        if self._spec is not None:
            self.set_session(self._spec)
        self.show_status(self._entries)

    def set_session(self, spec: SessionSpec) -> None:
        self._spec = spec
        self.items.clear()
        for index, item in enumerate(spec.items):
            if item.level is not None:
                self.items.addItem(f"{index + 1}. {item.title}", index)
        has = self.items.count() > 0
        if not has:
            self.items.addItem(self.tr("(no classified item in this session)"), None)
        self.items.setEnabled(has)
        self.one.setEnabled(has)

    def _one(self) -> None:
        index = self.items.currentData()
        if isinstance(index, int):
            self.recall_requested.emit(index)

    def what(self, item: int | None) -> str:
        if item is None:
            return self.tr("the whole session")
        title = self._spec.items[item].title if self._spec is not None and item < len(self._spec.items) else ""
        return self.tr("item {n}. {title}").format(n=item + 1, title=title)

    def show_status(self, entries: Sequence[RecallEntry]) -> None:
        self._entries = list(entries)
        t = self.table
        t.setRowCount(len(entries))
        devices = [e for e in entries if e.device]
        confirmed = [e for e in devices if e.acked_at is not None or e.revoked]
        for row, e in enumerate(entries):
            if not e.device:
                state = self.tr("No computer connected yet")
            elif e.acked_at is not None:
                state = self.tr("✔ Confirmed {when}").format(when=short_when(_ms(e.acked_at)))
            elif e.revoked:
                state = self.tr("Computer revoked (everything on it is wiped)")
            else:
                state = self.tr("Not yet confirmed")
            cells = [e.member_name, e.device_name or "—", self.what(e.item), short_when(_ms(e.recalled_at)), state]
            for col, text in enumerate(cells):
                item = QTableWidgetItem(text)
                if col == 4 and e.device and e.acked_at is None and not e.revoked:
                    item.setForeground(QBrush(ATTENTION_FG))
                t.setItem(row, col, item)
        t.setColumnWidth(0, 220)
        t.setColumnWidth(1, 200)
        t.setColumnWidth(2, 300)
        t.setColumnWidth(3, 110)
        if not entries:
            self.summary.setText(self.tr("Nothing of this session has been recalled."))
        else:
            self.summary.setText(self.tr("{done} of {total} computers have confirmed.").format(
                done=len(confirmed), total=len(devices)))


def _ms(ms: int) -> datetime:
    from datetime import UTC

    return datetime.fromtimestamp(ms / 1000, tz=UTC)
