"""The chair's and the secretariat's meeting controls (issue 14), a plain view of the Qt-free state.

:class:`ControlPanel` shows what :meth:`ControlPanel.show_state` is given — the meeting's state, the
roles and the agenda — on four tabs: Điểm danh (attendance and the quorum), Phát biểu (the speaking
queue, who has the floor), Biểu quyết (open a vote, the count so far, close it after a
confirmation, the results) and Trình chiếu (presenting, handing the presentation to a member,
exporting the minutes). It emits what the chair or the secretariat asked for; the meeting part sends
it to the office server and the next state comes back through ``show_state``. No network here.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping
from datetime import datetime

from PySide6.QtCore import QEvent, QModelIndex, QPersistentModelIndex, QSize, Qt, Signal
from PySide6.QtGui import QColor, QFont, QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFormLayout,
    QFrame,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTabWidget,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from paperless.core.bundle.manifest import Agenda
from paperless.core.meeting import state as S
from paperless.core.meeting import wire as W
from paperless.core.meeting.roles import AgendaRoles

PANEL_SCALE = 1.35  # large, calm type for older eyes
ROLE = Qt.ItemDataRole.UserRole
GOOD, BAD, MUTED = "#1b6e2a", "#a11b1b", "#5b666f"
ATTENDANCE, SPEAKING, VOTING, PRESENTING = range(4)  # the tabs


def _scaled(widget: QWidget, factor: float, *, bold: bool = False) -> None:
    font = QFont(widget.font())
    font.setPointSizeF(font.pointSizeF() * factor)
    font.setBold(bold)
    widget.setFont(font)


def _button(parent: QWidget, name: str) -> QPushButton:
    button = QPushButton(parent)
    button.setObjectName(name)
    button.setMinimumHeight(44)
    button.setAutoDefault(False)
    return button


class _Roomy(QStyledItemDelegate):
    """Rows with room between them (a style sheet would drop the panel's larger type)."""

    def sizeHint(self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex) -> QSize:
        size = super().sizeHint(option, index)
        return QSize(size.width() + 12, size.height() + 10)


def _tree(parent: QWidget, name: str, columns: int, kind: type[QTreeWidget] = QTreeWidget) -> QTreeWidget:
    tree = kind(parent)
    tree.setObjectName(name)
    tree.setColumnCount(columns)
    tree.setRootIsDecorated(False)
    tree.setUniformRowHeights(True)
    tree.setAlternatingRowColors(True)
    tree.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    tree.header().setStretchLastSection(True)
    tree.header().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    tree.setItemDelegate(_Roomy(tree))
    return tree


def _select(tree: QTreeWidget, member: str | None) -> None:
    """Keep the chosen row chosen across redraws (the same member)."""
    for i in range(tree.topLevelItemCount()):
        item = tree.topLevelItem(i)
        if item is not None and member is not None and item.data(0, ROLE) == member:
            tree.setCurrentItem(item)
            return


def _fill(combo: QComboBox, entries: list[tuple[str, object]]) -> None:
    """Put ``entries`` (text, data) in ``combo`` only when they changed: a redraw on every page the
    presenter turns must not close a list the secretariat has open."""
    if [(combo.itemText(i), combo.itemData(i)) for i in range(combo.count())] == entries:
        return
    blocked = combo.blockSignals(True)
    combo.clear()
    for text, data in entries:
        combo.addItem(text, data)
    combo.blockSignals(blocked)


def _selected(tree: QTreeWidget) -> str | None:
    item = tree.currentItem()
    value = item.data(0, ROLE) if item is not None else None
    return value if isinstance(value, str) else None


class _QueueTree(QTreeWidget):
    """The speaking queue: Enter gives the floor to the chosen member."""

    activated_member = Signal(str)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and (member := _selected(self)) is not None:
            self.activated_member.emit(member)
            return
        super().keyPressEvent(event)


class ControlPanel(QWidget):
    """Điều hành phiên họp: attendance, speaking, voting and presenting, for the chair and secretariat."""

    give_floor = Signal(str)  # member id (40 digits)
    close_floor = Signal()
    open_vote = Signal(str, object)  # motion text, agenda item number (int) or None
    close_vote = Signal()
    mark_absent = Signal(str, str)  # member id, reason
    presenting_toggled = Signal(bool)  # True: my viewer's item/page drives every member's screen
    set_presenter = Signal(object)  # member id or None (hand the presentation to a member / take it back)
    export_minutes = Signal()  # save attendance + votes (the part asks where)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("meetingControlPanel")
        _scaled(self, PANEL_SCALE)
        self.clock: Callable[[], datetime] = datetime.now  # when this laptop first saw a request to speak
        self._state: S.MeetingState | None = None
        self._roles: AgendaRoles | None = None
        self._agenda: Agenda | None = None
        self._me = ""
        self._cast: Mapping[str, int] = {}
        self._connected = False
        self._asked_at: dict[tuple[str, int], datetime] = {}
        self._presented_item: int | None = None  # the item the vote form last defaulted to
        self.last_dialog: QMessageBox | None = None

        self.connection = QLabel(self)
        self.connection.setObjectName("meetingConnection")
        self.connection.setWordWrap(True)
        _scaled(self.connection, 1.0)  # its own font: a style sheet (the colour) would drop the larger type
        self.tabs = QTabWidget(self)
        self.tabs.setObjectName("meetingTabs")
        self.tabs.tabBar().setStyleSheet("QTabBar::tab { padding: 8px 18px; }")
        self.tabs.tabBar().setFont(self.font())  # the style sheet would drop the larger type
        self._build_attendance()
        self._build_speaking()
        self._build_voting()
        self._build_presenting()
        layout = QVBoxLayout(self)
        layout.addWidget(self.connection)
        layout.addWidget(self.tabs, 1)
        self.retranslate()

    # -- building ------------------------------------------------------------------------------------
    def _build_attendance(self) -> None:
        page = QWidget(self.tabs)
        self.quorum = QLabel(page)
        self.quorum.setObjectName("meetingQuorum")
        self.quorum.setWordWrap(True)
        _scaled(self.quorum, 1.1, bold=True)
        self.tally = QLabel(page)
        self.tally.setObjectName("meetingTally")
        self.tally.setWordWrap(True)
        self.attendance = _tree(page, "meetingAttendance", 3)
        self.attendance.currentItemChanged.connect(lambda *_: self._enable())
        self.absent_box = QGroupBox(page)
        self.reason_label = QLabel(self.absent_box)
        self.reason = QLineEdit(self.absent_box)
        self.reason.setObjectName("meetingAbsentReason")
        self.reason.setMaxLength(W.MAX_TOPIC)
        self.reason.textChanged.connect(lambda _t: self._enable())
        self.reason.returnPressed.connect(self._mark_absent)
        self.reason_label.setBuddy(self.reason)
        self.absent_button = _button(self.absent_box, "meetingMarkAbsent")
        self.absent_button.clicked.connect(self._mark_absent)
        row = QHBoxLayout(self.absent_box)
        row.addWidget(self.reason_label)
        row.addWidget(self.reason, 1)
        row.addWidget(self.absent_button)
        layout = QVBoxLayout(page)
        layout.addWidget(self.quorum)
        layout.addWidget(self.tally)
        layout.addWidget(self.attendance, 1)
        layout.addWidget(self.absent_box)
        self._add_tab(page)

    def _build_speaking(self) -> None:
        page = QWidget(self.tabs)
        self.floor = QLabel(page)
        self.floor.setObjectName("meetingFloor")
        self.floor.setWordWrap(True)
        _scaled(self.floor, 1.1, bold=True)
        self.queue_label = QLabel(page)
        self.queue = _tree(page, "meetingQueue", 5, _QueueTree)
        assert isinstance(self.queue, _QueueTree)
        self.queue_label.setBuddy(self.queue)
        self.queue.activated_member.connect(self._give_to)
        self.queue.itemDoubleClicked.connect(lambda item, _c: self._give_to(item.data(0, ROLE)))
        self.queue.currentItemChanged.connect(lambda *_: self._enable())
        self.give_selected = _button(page, "meetingGiveSelected")
        self.give_selected.clicked.connect(lambda: self._give_to(_selected(self.queue)))
        self.give_first = _button(page, "meetingGiveFirst")
        self.give_first.clicked.connect(self._give_first)
        self.close_floor_button = _button(page, "meetingCloseFloor")
        self.close_floor_button.clicked.connect(self.close_floor.emit)
        buttons = QHBoxLayout()
        buttons.addWidget(self.give_first)
        buttons.addWidget(self.give_selected)
        buttons.addStretch(1)
        buttons.addWidget(self.close_floor_button)
        layout = QVBoxLayout(page)
        layout.addWidget(self.floor)
        layout.addWidget(self.queue_label)
        layout.addWidget(self.queue, 1)
        layout.addLayout(buttons)
        self._add_tab(page)

    def _build_voting(self) -> None:
        page = QWidget(self.tabs)
        # opening a vote
        self.open_box = QGroupBox(page)
        self.open_box.setObjectName("meetingOpenVote")
        self.motion_label = QLabel(self.open_box)
        self.motion = QPlainTextEdit(self.open_box)
        self.motion.setObjectName("meetingMotion")
        self.motion.setTabChangesFocus(True)
        self.motion.setFixedHeight(72)
        self.motion.textChanged.connect(self._enable)
        self.motion_label.setBuddy(self.motion)
        self.item_label = QLabel(self.open_box)
        self.item = QComboBox(self.open_box)
        self.item.setObjectName("meetingVoteItem")
        self.item.setMinimumHeight(36)
        self.item_label.setBuddy(self.item)
        self.open_button = _button(self.open_box, "meetingOpenVoteButton")
        self.open_button.clicked.connect(self._open_vote)
        self.open_quorum = QLabel(self.open_box)
        self.open_quorum.setObjectName("meetingOpenQuorum")
        self.open_quorum.setWordWrap(True)
        _scaled(self.open_quorum, 1.0)  # its own font: the colour's style sheet would drop the larger type
        form = QFormLayout(self.open_box)
        form.addRow(self.motion_label, self.motion)
        form.addRow(self.item_label, self.item)
        form.addRow(self.open_quorum)
        form.addRow(self.open_button)
        # the vote under way
        self.running_box = QGroupBox(page)
        self.running_box.setObjectName("meetingRunningVote")
        self.running_motion = QLabel(self.running_box)
        self.running_motion.setObjectName("meetingRunningMotion")
        self.running_motion.setWordWrap(True)
        self.running_motion.setTextFormat(Qt.TextFormat.PlainText)
        _scaled(self.running_motion, 1.1)
        self.running_note = QLabel(self.running_box)
        self.running_note.setObjectName("meetingRunningNote")
        self.running_note.setWordWrap(True)
        self.cast_label = QLabel(self.running_box)
        self.cast_label.setObjectName("meetingCast")
        _scaled(self.cast_label, 1.4, bold=True)
        self.close_vote_button = _button(self.running_box, "meetingCloseVote")
        self.close_vote_button.clicked.connect(self._ask_close_vote)
        running = QVBoxLayout(self.running_box)
        running.addWidget(self.running_motion)
        running.addSpacing(12)
        running.addWidget(self.cast_label)
        running.addWidget(self.running_note)
        running.addSpacing(12)
        running.addWidget(self.close_vote_button, 0, Qt.AlignmentFlag.AlignLeft)
        # results of a closed vote
        self.results_box = QGroupBox(page)
        self.results_box.setObjectName("meetingResults")
        self.results_pick_label = QLabel(self.results_box)
        self.results_pick = QComboBox(self.results_box)
        self.results_pick.setObjectName("meetingResultsPick")
        self.results_pick.currentIndexChanged.connect(lambda _i: self._show_results())
        self.results_pick_label.setBuddy(self.results_pick)
        self.result_line = QLabel(self.results_box)
        self.result_line.setObjectName("meetingResultLine")
        self.result_line.setWordWrap(True)
        _scaled(self.result_line, 1.15, bold=True)
        self.counts_line = QLabel(self.results_box)
        self.counts_line.setObjectName("meetingCounts")
        self.counts_line.setWordWrap(True)
        self.ballots = _tree(self.results_box, "meetingBallots", 2)
        pick = QHBoxLayout()
        pick.addWidget(self.results_pick_label)
        pick.addWidget(self.results_pick, 1)
        results = QVBoxLayout(self.results_box)
        results.addLayout(pick)
        results.addWidget(self.result_line)
        results.addWidget(self.counts_line)
        results.addWidget(self.ballots, 1)
        self.voting_rest = QWidget(page)  # takes the room the results leave before the first vote closes
        layout = QVBoxLayout(page)
        layout.addWidget(self.open_box)
        layout.addWidget(self.running_box)
        layout.addWidget(self.results_box, 1)
        layout.addWidget(self.voting_rest, 1)
        self._add_tab(page)

    def _build_presenting(self) -> None:
        page = QWidget(self.tabs)
        self.presenting = _button(page, "meetingPresenting")
        self.presenting.setCheckable(True)
        self.presenting.setMinimumHeight(56)
        _scaled(self.presenting, 1.1, bold=True)
        self.presenting.toggled.connect(self._presenting_toggled)
        self.presenting_note = QLabel(page)
        self.presenting_note.setWordWrap(True)
        self.shown = QLabel(page)
        self.shown.setObjectName("meetingShown")
        self.shown.setWordWrap(True)
        self.presenter = QLabel(page)
        self.presenter.setObjectName("meetingPresenter")
        self.presenter.setWordWrap(True)
        self.hand_label = QLabel(page)
        self.hand_to = QComboBox(page)
        self.hand_to.setObjectName("meetingHandTo")
        self.hand_to.setMinimumHeight(36)
        self.hand_label.setBuddy(self.hand_to)
        self.hand_button = _button(page, "meetingHandOver")
        self.hand_button.clicked.connect(self._hand_over)
        self.take_back = _button(page, "meetingTakeBack")
        self.take_back.clicked.connect(lambda: self.set_presenter.emit(None))
        self.export = _button(page, "meetingExport")
        self.export.clicked.connect(self.export_minutes.emit)
        hand = QHBoxLayout()
        hand.addWidget(self.hand_label)
        hand.addWidget(self.hand_to, 1)
        hand.addWidget(self.hand_button)
        layout = QVBoxLayout(page)
        layout.addWidget(self.presenting, 0, Qt.AlignmentFlag.AlignLeft)
        layout.addWidget(self.presenting_note)
        layout.addWidget(self.shown)
        layout.addSpacing(12)
        layout.addWidget(self.presenter)
        layout.addLayout(hand)
        layout.addWidget(self.take_back, 0, Qt.AlignmentFlag.AlignLeft)
        layout.addStretch(1)
        layout.addWidget(self.export, 0, Qt.AlignmentFlag.AlignLeft)
        self._add_tab(page)

    def _add_tab(self, page: QWidget) -> None:
        """A tab that scrolls when the panel is small (a dock beside the document on a 1366×768 laptop)."""
        scroll = QScrollArea(self.tabs)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(page)
        self.tabs.addTab(scroll, "")

    # -- what the part tells the panel ------------------------------------------------------------------
    def show_state(self, state: S.MeetingState, roles: AgendaRoles, agenda: Agenda, *, me: str,
                   cast: Mapping[str, int], connected: bool) -> None:
        """Draw ``state`` (idempotent: the same state twice draws the same; what is being typed stays)."""
        self._state, self._roles, self._agenda = state, roles, agenda
        self._me, self._cast, self._connected = me, dict(cast), connected
        now = self.clock()
        live = {(h.member, h.seq) for h in state.queue}
        self._asked_at = {k: v for k, v in self._asked_at.items() if k in live}
        for key in live:
            self._asked_at.setdefault(key, now)
        self._render()

    def set_presenting(self, on: bool) -> None:
        """Whether this laptop's viewer drives every member's screen (no ``presenting_toggled``)."""
        blocked = self.presenting.blockSignals(True)
        self.presenting.setChecked(on)
        self.presenting.blockSignals(blocked)
        self._render_presenting()

    def retranslate(self) -> None:
        self.tabs.setTabText(ATTENDANCE, self.tr("&Attendance"))
        self._speaking_tab()
        self.tabs.setTabText(VOTING, self.tr("&Voting"))
        self.tabs.setTabText(PRESENTING, self.tr("&Presenting"))
        self.attendance.setHeaderLabels([self.tr("Member"), self.tr("Attendance"), self.tr("Role")])
        self.absent_box.setTitle(self.tr("Mark the chosen member absent"))
        self.reason_label.setText(self.tr("R&eason:"))
        self.reason.setPlaceholderText(self.tr("e.g. on a work trip"))
        self.absent_button.setText(self.tr("&Mark absent"))
        self.queue_label.setText(self.tr("&Requests to speak, in order:"))
        self.queue.setHeaderLabels([self.tr("No."), self.tr("Member"), self.tr("Agenda item"), self.tr("Topic"),
                                    self.tr("Asked at")])
        self.give_first.setText(self.tr("&Give the floor to the first"))
        self.give_selected.setText(self.tr("Give the floor to the &chosen member"))
        self.close_floor_button.setText(self.tr("C&lose the floor"))
        self.open_box.setTitle(self.tr("Open a vote"))
        self.motion_label.setText(self.tr("&Motion:"))
        self.motion.setPlaceholderText(self.tr("e.g. Adopt the draft resolution on item 2"))
        self.item_label.setText(self.tr("Agenda &item:"))
        self.open_button.setText(self.tr("&Open the vote"))
        self.running_box.setTitle(self.tr("Vote under way"))
        self.close_vote_button.setText(self.tr("&End the vote…"))
        self.results_box.setTitle(self.tr("Results"))
        self.results_pick_label.setText(self.tr("Vo&te:"))
        self.ballots.setHeaderLabels([self.tr("Member"), self.tr("Choice")])
        self.attendance.setAccessibleName(self.tr("Attendance"))
        self.ballots.setAccessibleName(self.tr("Who voted how"))
        self.presenting.setAccessibleName(self.tr("Presenting"))
        self.presenting_note.setText(self.tr(
            "While presenting is on, the item and page open on this laptop show on every member's screen."))
        self.hand_label.setText(self.tr("&Hand the presentation to:"))
        self.hand_button.setText(self.tr("Hand &over"))
        self.take_back.setText(self.tr("&Take the presentation back"))
        self.export.setText(self.tr("E&xport the minutes (attendance and votes)…"))
        self._render()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    # -- drawing ---------------------------------------------------------------------------------------
    def _name(self, member: str | None) -> str:
        if member is None or self._roles is None:
            return ""
        return self._roles.name(member)

    def _item_text(self, number: int | None) -> str:
        if number is None:
            return ""
        title = next((i.title for i in self._agenda.items if i.number == number), None) if self._agenda else None
        return f"{number}. {title}" if title else self.tr("Item {n}").format(n=number)

    def choice_label(self, choice: str) -> str:
        return {W.FOR: self.tr("For"), W.AGAINST: self.tr("Against"), W.BLANK: self.tr("Blank")}[choice]

    def _render(self) -> None:
        if self._state is None or self._roles is None:
            self.connection.setText(self.tr("Not connected to the meeting room yet."))
            self._enable()
            return
        if self._connected:
            self.connection.setText(self.tr("Connected to the meeting room."))
            self.connection.setStyleSheet(f"QLabel {{ color: {GOOD}; }}")
        else:
            self.connection.setText(self.tr("⚠ Connection to the office server lost — trying again. "
                                            "The buttons work again once it is back."))
            self.connection.setStyleSheet(f"QLabel {{ color: {BAD}; font-weight: bold; }}")
        self._render_attendance()
        self._render_speaking()
        self._render_voting()
        self._render_presenting()
        self._enable()

    def quorum_text(self) -> str:
        assert self._state is not None and self._roles is not None
        members = self._roles.count
        needed = math.ceil(S.DEFAULT_QUORUM * members)
        attending = self._state.attending()
        if S.quorum(self._state, members):
            return self.tr("Quorum reached: {n}/{total} attending — {needed} needed").format(
                n=attending, total=members, needed=needed)
        return self.tr("No quorum yet: {n}/{total} attending — {needed} needed").format(
            n=attending, total=members, needed=needed)

    def _render_attendance(self) -> None:
        state, roles = self._state, self._roles
        assert state is not None and roles is not None
        self.quorum.setText(self.quorum_text())
        statuses = [a.status for a in state.attendance.values() if roles.is_member(a.member)]
        self.tally.setText(self.tr(
            "Present: {present} · Online: {online} · Absent: {absent} · Not checked in yet: {none}").format(
                present=statuses.count(W.PRESENT), online=statuses.count(W.ONLINE),
                absent=statuses.count(W.ABSENT), none=roles.count - len(statuses)))
        self.quorum.setStyleSheet(f"QLabel {{ color: {GOOD if S.quorum(state, roles.count) else BAD}; }}")
        chosen = _selected(self.attendance)
        self.attendance.clear()
        for member, person in roles.people.items():
            record = state.attendance.get(member)
            if record is None:
                status, color = self.tr("Not checked in yet"), MUTED
            elif record.status == W.PRESENT:
                status, color = self.tr("✓ Present in the room"), GOOD
            elif record.status == W.ONLINE:
                status, color = self.tr("✓ Online"), GOOD
            else:
                status, color = self.tr("✗ Absent: {reason}").format(reason=record.reason), BAD
            role = (self.tr("Chair") if member == roles.chair
                    else self.tr("Secretariat") if member in roles.secretariat else "")
            row = QTreeWidgetItem([person.name, status, role])
            row.setData(0, ROLE, member)
            row.setForeground(1, QColor(color))
            self.attendance.addTopLevelItem(row)
        _select(self.attendance, chosen)

    def _speaking_tab(self) -> None:
        """The tab says how many are waiting to speak, seen from any tab."""
        waiting = len(self._state.queue) if self._state is not None else 0
        self.tabs.setTabText(SPEAKING, self.tr("&Speaking") + (f" ({waiting})" if waiting else ""))

    def _render_speaking(self) -> None:
        state = self._state
        assert state is not None
        self._speaking_tab()
        if state.floor is not None:
            self.floor.setText(self.tr("Has the floor: {name}").format(name=self._name(state.floor)))
            self.floor.setStyleSheet(f"QLabel {{ color: {GOOD}; }}")
        else:
            self.floor.setText(self.tr("Nobody has the floor."))
            self.floor.setStyleSheet(f"QLabel {{ color: {MUTED}; }}")
        chosen = _selected(self.queue)
        self.queue.clear()
        for place, hand in enumerate(state.queue, start=1):
            asked = self._asked_at.get((hand.member, hand.seq))
            row = QTreeWidgetItem([str(place), self._name(hand.member), self._item_text(hand.item), hand.topic,
                                   asked.strftime("%H:%M") if asked else ""])
            row.setData(0, ROLE, hand.member)
            self.queue.addTopLevelItem(row)
        if not state.queue:
            empty = QTreeWidgetItem(["", self.tr("Nobody has asked to speak."), "", "", ""])
            empty.setFlags(Qt.ItemFlag.NoItemFlags)
            self.queue.addTopLevelItem(empty)
        else:
            _select(self.queue, chosen)
            first = self.queue.topLevelItem(0)
            if self.queue.currentItem() is None and first is not None:
                self.queue.setCurrentItem(first)

    def _render_voting(self) -> None:
        state, roles = self._state, self._roles
        assert state is not None and roles is not None
        vote = state.open_vote
        self.open_box.setVisible(vote is None)
        enough = S.quorum(state, roles.count)
        self.open_quorum.setText(self.quorum_text() if enough else "⚠ " + self.quorum_text())
        self.open_quorum.setStyleSheet(f"QLabel {{ color: {GOOD if enough else BAD}; }}")
        self.running_box.setVisible(vote is not None)
        # the agenda items to vote on; the presented one by default (once each time the presenter moves)
        picked = self.item.currentData()
        _fill(self.item, [(self.tr("(not tied to an item)"), None)]
              + [(f"{e.number}. {e.title}", e.number) for e in (self._agenda.items if self._agenda else ())])
        if state.item != self._presented_item:
            self._presented_item = state.item
            picked = state.item
        self.item.setCurrentIndex(max(self.item.findData(picked), 0))
        if vote is not None:
            item = self._item_text(vote.item)
            self.running_motion.setText(self.tr("Motion: {motion}").format(motion=vote.motion)
                                        + (("\n" + self.tr("Agenda item: {title}").format(title=item)) if item else ""))
            self.cast_label.setText(self.tr("Votes cast: {cast}/{total}").format(
                cast=self._cast.get(vote.vote_id, 0), total=roles.count))
            self.running_note.setText(self.tr(
                "{n} members attending may vote. Who voted how shows when the vote ends.").format(
                n=state.attending()))
        closed = [v for v in state.votes if not v.open]
        self.results_box.setVisible(bool(closed))
        self.voting_rest.setVisible(not closed)
        picked_vote = self.results_pick.currentData()
        known = [self.results_pick.itemData(i) for i in range(self.results_pick.count())]
        ids = [v.vote_id for v in reversed(closed)]
        blocked = self.results_pick.blockSignals(True)
        _fill(self.results_pick, [(self.tr("{n}. {motion}").format(n=number, motion=v.motion), v.vote_id)
                                  for number, v in reversed(list(enumerate(closed, start=1)))])
        # a newly closed vote shows at once; otherwise the one being looked at stays
        newest_new = ids and ids[0] not in known
        index = 0 if newest_new else max(self.results_pick.findData(picked_vote), 0)
        self.results_pick.setCurrentIndex(index)
        self.results_pick.blockSignals(blocked)
        self._show_results()

    def _show_results(self) -> None:
        state, roles = self._state, self._roles
        if state is None or roles is None:
            return
        vote = state.vote(str(self.results_pick.currentData()))
        self.ballots.clear()
        if vote is None:
            self.result_line.clear()
            self.counts_line.clear()
            return
        counts = vote.counts()
        counted = sum(counts.values())
        expected = self._cast.get(vote.vote_id, 0)
        majority = roles.count // 2 + 1
        if counted < expected:
            self.result_line.setText(self.tr("Receiving the ballots ({counted} of {cast})…").format(
                counted=counted, cast=expected))
            self.result_line.setStyleSheet(f"QLabel {{ color: {MUTED}; }}")
        elif S.adopted(vote, roles.count):
            self.result_line.setText(self.tr("ADOPTED: {n} of {total} members voted for (more than half: {needed})")
                                     .format(n=counts[W.FOR], total=roles.count, needed=majority))
            self.result_line.setStyleSheet(f"QLabel {{ color: {GOOD}; }}")
        else:
            self.result_line.setText(self.tr("NOT ADOPTED: {n} of {total} members voted for "
                                             "(more than half needed: {needed})")
                                     .format(n=counts[W.FOR], total=roles.count, needed=majority))
            self.result_line.setStyleSheet(f"QLabel {{ color: {BAD}; }}")
        self.counts_line.setText(self.tr("For: {f} · Against: {a} · Blank: {b} · Did not vote: {none}").format(
            f=counts[W.FOR], a=counts[W.AGAINST], b=counts[W.BLANK], none=roles.count - counted))
        for member, person in roles.people.items():
            ballot = vote.ballots.get(member)
            choice = self.choice_label(ballot.choice) if ballot is not None else self.tr("— did not vote")
            row = QTreeWidgetItem([person.name, choice])
            row.setData(0, ROLE, member)
            if ballot is not None:
                row.setForeground(1, QColor({W.FOR: GOOD, W.AGAINST: BAD}.get(ballot.choice, "#1a1a1a")))
            else:
                row.setForeground(1, QColor(MUTED))
            self.ballots.addTopLevelItem(row)

    def _render_presenting(self) -> None:
        self.presenting.setText(self.tr("Presentin&g: ON — members follow this laptop") if self.presenting.isChecked()
                                else self.tr("Presentin&g: OFF — press to start"))
        self.presenting.setStyleSheet(
            f"QPushButton {{ color: white; background: {GOOD}; padding: 6px 14px; }}" if self.presenting.isChecked()
            else "QPushButton { padding: 6px 14px; }")
        state, roles = self._state, self._roles
        if state is None or roles is None:
            return
        where = self._item_text(state.item)
        self.shown.setText(self.tr("On members' screens: {item}, page {page}").format(item=where, page=state.page or 1)
                           if where else self.tr("Nothing is presented yet."))
        if state.presenter is None:
            self.presenter.setText(self.tr("The pages are moved by: the secretariat"))
        elif state.presenter == self._me:
            self.presenter.setText(self.tr("The pages are moved by: you"))
        else:
            self.presenter.setText(self.tr("The pages are moved by: {name} (handed over)").format(
                name=self._name(state.presenter)))
        picked = self.hand_to.currentData()
        _fill(self.hand_to, [(person.name, member) for member, person in roles.people.items() if member != self._me])
        self.hand_to.setCurrentIndex(max(self.hand_to.findData(picked), 0))

    def _enable(self) -> None:
        on = self._connected and self._state is not None
        state = self._state
        has_queue = on and state is not None and bool(state.queue)
        self.absent_button.setEnabled(on and _selected(self.attendance) is not None
                                      and bool(self.reason.text().strip()))
        self.give_first.setEnabled(has_queue)
        self.give_selected.setEnabled(has_queue and _selected(self.queue) is not None)
        self.close_floor_button.setEnabled(on and state is not None and state.floor is not None)
        self.open_button.setEnabled(on and state is not None and state.open_vote is None
                                    and bool(W.clean_text(self.motion.toPlainText())))
        self.close_vote_button.setEnabled(on and state is not None and state.open_vote is not None)
        self.hand_button.setEnabled(on and self.hand_to.count() > 0)
        self.take_back.setEnabled(on and state is not None and state.presenter is not None)

    # -- what the chair or the secretariat asked ---------------------------------------------------------
    def _mark_absent(self) -> None:
        member, reason = _selected(self.attendance), W.clean_text(self.reason.text())
        if member is None or not reason or not self.absent_button.isEnabled():
            return
        self.mark_absent.emit(member, reason)
        self.reason.clear()

    def _give_to(self, member: object) -> None:
        if isinstance(member, str) and self.give_selected.isEnabled():
            self.give_floor.emit(member)

    def _give_first(self) -> None:
        if self._state is not None and self._state.queue and self.give_first.isEnabled():
            self.give_floor.emit(self._state.queue[0].member)

    def _open_vote(self) -> None:
        motion = W.clean_text(self.motion.toPlainText())
        if not motion or not self.open_button.isEnabled():
            return
        item = self.item.currentData()
        self.open_vote.emit(motion[:W.MAX_MOTION], item if isinstance(item, int) else None)
        self.motion.clear()

    def _ask_close_vote(self) -> None:
        if self._state is None or self._state.open_vote is None:
            return
        box = QMessageBox(QMessageBox.Icon.Question, self.tr("End the vote"),
                          self.tr("End the vote? After it ends nobody can vote any more."),
                          QMessageBox.StandardButton.NoButton, self)
        box.setObjectName("meetingCloseVoteConfirm")
        box.setFont(self.font())  # a window does not take its parent's larger type by itself
        box.setInformativeText(self.tr("Votes cast: {cast}/{total}").format(
            cast=self._cast.get(self._state.open_vote.vote_id, 0), total=self._roles.count if self._roles else 0))
        yes = box.addButton(self.tr("&End the vote"), QMessageBox.ButtonRole.AcceptRole)
        no = box.addButton(self.tr("Co&ntinue voting"), QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(no)
        box.setEscapeButton(no)
        box.finished.connect(lambda _r: self.close_vote.emit() if box.clickedButton() is yes else None)
        box.finished.connect(box.deleteLater)
        self.last_dialog = box
        box.open()

    def _hand_over(self) -> None:
        member = self.hand_to.currentData()
        if isinstance(member, str) and self.hand_button.isEnabled():
            self.set_presenter.emit(member)

    def _presenting_toggled(self, on: bool) -> None:
        self._render_presenting()
        self.presenting_toggled.emit(on)
