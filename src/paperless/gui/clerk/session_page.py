"""The clerk's Session page: what the meeting is, when and where, and the rules members' readers
follow (``[session]`` and ``[policy]`` of ``session.toml``).

Every change goes through :meth:`WorkspaceController.edit` as one undoable step per field: a text
is committed when the clerk leaves the field (Tab, Enter, a click elsewhere) or when the page is
asked to (:meth:`SessionPage.commit`, before saving), never per keystroke. The page redraws on
``edited`` / ``loaded`` but leaves alone a field the clerk is still typing in. Each problem shows
in red under its own field.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from datetime import date, datetime, time, timedelta, tzinfo
from pathlib import Path

from PySide6.QtCore import QDate, QDateTime, QEvent, QObject, Qt, QTime
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QAbstractSpinBox,
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDateTimeEdit,
    QFrame,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from paperless.core.classification import DEFAULT_IDLE_LOCK_MINUTES, MAX_IDLE_LOCK_MINUTES, Level
from paperless.core.clerk.draft import FieldRef, SessionDraft
from paperless.core.errors import PaperlessError, T
from paperless.core.session import MAX_RETENTION_DAYS
from paperless.core.sync.office import parse_office_file
from paperless.gui.clerk.controller import WorkspaceController
from paperless.gui.clerk.field_notes import FieldNote, in_language
from paperless.gui.icons import muted_text, set_text_colour
from paperless.gui.services import AppServices

DATE_TIME_FORMAT = "dd/MM/yyyy HH:mm"  # as Vietnamese offices write it
DATE_FORMAT = "dd/MM/yyyy"
NOT_SET = QDateTime(QDate(2000, 1, 1), QTime(0, 0))  # the date-time edit's "not chosen yet"
DOCUMENTS_DAYS_BEFORE = 5  # People's Councils: documents go out at least 5 days before the meeting
EXPIRES_DAYS_AFTER = 30
BODIES = ("Ban Thường vụ Tỉnh ủy", "Ban Chấp hành Đảng bộ tỉnh", "Thường trực Tỉnh ủy")


def _local_zone() -> tzinfo:
    zone = datetime.now().astimezone().tzinfo
    assert zone is not None
    return zone


def _to_qdatetime(value: datetime) -> QDateTime:
    return QDateTime(QDate(value.year, value.month, value.day), QTime(value.hour, value.minute, value.second))


def _from_qdatetime(value: QDateTime, zone: tzinfo) -> datetime:
    d, t = value.date(), value.time()
    return datetime(d.year(), d.month(), d.day(), t.hour(), t.minute(), tzinfo=zone)


def _same_minute(a: datetime | None, b: datetime | None) -> bool:
    return a is not None and b is not None and a.replace(second=0, microsecond=0) == b.replace(
        second=0, microsecond=0) and a.utcoffset() == b.utcoffset()


class _EnterCommits(QObject):
    """Enter in a date or number field commits it (as leaving the field does); ``on_focus`` runs
    when it gets the focus."""

    def __init__(self, commit: Callable[[], None], parent: QObject,
                 on_focus: Callable[[], None] | None = None) -> None:
        super().__init__(parent)
        self._commit = commit
        self._on_focus = on_focus

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.FocusIn and self._on_focus is not None:
            self._on_focus()
        elif event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent) and event.key() in (
                Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self._commit()
        return False


class SessionPage(QWidget):
    """The meeting's facts and policy, as a form; a self-contained page of the clerk's window."""

    def __init__(self, controller: WorkspaceController, services: AppServices, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("clerkSessionPage")
        self.controller = controller
        self._services = services
        self._refreshing = False
        self._pending: set[str] = set()  # fields the clerk changed and has not left yet
        self._notes: list[FieldNote] = []
        self._build()
        controller.edited.connect(self._on_edited)
        controller.loaded.connect(self.refresh)
        controller.saved.connect(self._show_problems)
        self.retranslate()
        self.refresh()

    # -- building ------------------------------------------------------------------------------------

    def _note(self, where: FieldRef, field: QWidget, *, exact: bool = False) -> FieldNote:
        note = FieldNote(where, self, exact=exact)
        note.field = field
        self._notes.append(note)
        return note

    def _build(self) -> None:
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        outer.addWidget(scroll)
        inner = QWidget(scroll)
        scroll.setWidget(inner)
        page = QVBoxLayout(inner)
        page.setContentsMargins(24, 16, 24, 16)
        self.heading = QLabel(inner)
        font = self.heading.font()
        font.setPointSizeF(font.pointSizeF() * 1.4)
        font.setBold(True)
        self.heading.setFont(font)
        self.intro = QLabel(inner)
        self.intro.setWordWrap(True)
        page.addWidget(self.heading)
        page.addWidget(self.intro)
        columns = QHBoxLayout()
        columns.setSpacing(24)
        page.addLayout(columns, 1)

        # the meeting
        self.meeting_box = QGroupBox(inner)
        grid = QGridLayout(self.meeting_box)
        grid.setColumnStretch(1, 1)
        self._row = 0

        self.title_edit = QLineEdit(self.meeting_box)
        self.title_edit.setObjectName("title")
        self.title_label = self._add(grid, self.title_edit, self._note(("session", "title"), self.title_edit))
        self.title_edit.textEdited.connect(lambda _t: self._pending.add("title"))
        self.title_edit.editingFinished.connect(self._commit_title)

        self.body_edit = QComboBox(self.meeting_box)
        self.body_edit.setObjectName("body")
        self.body_edit.setEditable(True)
        self.body_edit.addItems(list(BODIES))
        self.body_edit.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.body_label = self._add(grid, self.body_edit, self._note(("session", "body"), self.body_edit))
        body_line = self.body_edit.lineEdit()
        assert body_line is not None  # editable
        self.body_line = body_line
        body_line.textEdited.connect(lambda _t: self._pending.add("body"))
        body_line.editingFinished.connect(self._commit_body)
        self.body_edit.activated.connect(lambda _i: self._commit_body())  # chosen from the list

        self.starts_edit = QDateTimeEdit(self.meeting_box)
        self.starts_edit.setObjectName("starts_at")
        self._date_time(self.starts_edit, DATE_TIME_FORMAT, "starts_at", self._commit_starts)
        self.starts_label = self._add(grid, self.starts_edit, self._note(("session", "starts_at"), self.starts_edit))

        self.location_edit = QLineEdit(self.meeting_box)
        self.location_edit.setObjectName("location")
        self.location_label = self._add(grid, self.location_edit,
                                        self._note(("session", "location"), self.location_edit))
        self.location_edit.textEdited.connect(lambda _t: self._pending.add("location"))
        self.location_edit.editingFinished.connect(self._commit_location)

        self.due_check = QCheckBox(self.meeting_box)
        self.due_check.setObjectName("documents_due_set")
        self.due_check.toggled.connect(self._due_toggled)
        self.due_edit = QDateEdit(self.meeting_box)
        self.due_edit.setObjectName("documents_due")
        self._date_time(self.due_edit, DATE_FORMAT, "documents_due", self._commit_due)
        self.due_hint = QLabel(self.meeting_box)
        self.due_hint.setWordWrap(True)
        self.due_label = self._add(grid, self._pair(self.due_check, self.due_edit),
                                   self._note(("session", "documents_due"), self.due_edit), self.due_hint)
        self.due_label.setBuddy(self.due_check)  # the date is off until ticked: Alt goes to the tick box, Tab on

        self.expires_check = QCheckBox(self.meeting_box)
        self.expires_check.setObjectName("expires_at_set")
        self.expires_check.toggled.connect(self._expires_toggled)
        self.expires_edit = QDateTimeEdit(self.meeting_box)
        self.expires_edit.setObjectName("expires_at")
        self._date_time(self.expires_edit, DATE_TIME_FORMAT, "expires_at", self._commit_expires)
        self.expires_hint = QLabel(self.meeting_box)
        self.expires_hint.setWordWrap(True)
        self.expires_label = self._add(grid, self._pair(self.expires_check, self.expires_edit),
                                       self._note(("session", "expires_at"), self.expires_edit), self.expires_hint)
        self.expires_label.setBuddy(self.expires_check)

        self.office_edit = QLineEdit(self.meeting_box)
        self.office_edit.setObjectName("office_server")
        self.office_edit.setReadOnly(True)
        self.office_choose = QPushButton(self.meeting_box)
        self.office_choose.setObjectName("chooseOfficeServer")
        self.office_choose.clicked.connect(self.choose_office_server)
        self.office_clear = QPushButton(self.meeting_box)
        self.office_clear.setObjectName("clearOfficeServer")
        self.office_clear.clicked.connect(self.clear_office_server)
        office_row = QWidget(self.meeting_box)
        row = QHBoxLayout(office_row)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.office_edit, 1)
        row.addWidget(self.office_choose)
        row.addWidget(self.office_clear)
        self.office_hint = QLabel(self.meeting_box)
        self.office_hint.setWordWrap(True)
        self.office_label = self._add(grid, office_row, self._note(("session", "office_server"), self.office_edit),
                                      self.office_hint)
        grid.setRowStretch(self._row, 1)
        columns.addWidget(self.meeting_box, 3)

        # the policy
        self.policy_box = QGroupBox(inner)
        policy = QVBoxLayout(self.policy_box)
        self.watermark_check = QCheckBox(self.policy_box)
        self.watermark_check.setObjectName("watermark")
        self.copy_check = QCheckBox(self.policy_box)
        self.copy_check.setObjectName("allow_copy")
        self.print_check = QCheckBox(self.policy_box)
        self.print_check.setObjectName("allow_print")
        for box, key in ((self.watermark_check, "watermark"), (self.copy_check, "allow_copy"),
                         (self.print_check, "allow_print")):
            box.toggled.connect(lambda on, key=key: self._commit_flag(key, on))
            policy.addWidget(box)
            policy.addWidget(self._note(("policy", key), box))
        pgrid = QGridLayout()
        pgrid.setColumnStretch(1, 1)
        self.idle_spin = QSpinBox(self.policy_box)
        self.idle_spin.setObjectName("idle_lock_minutes")
        self.idle_spin.setRange(0, MAX_IDLE_LOCK_MINUTES)  # 0: the default
        self._number(self.idle_spin, "idle_lock_minutes", self._commit_idle)
        self.idle_label = QLabel(self.policy_box)
        self.idle_label.setBuddy(self.idle_spin)
        pgrid.addWidget(self.idle_label, 0, 0)
        pgrid.addWidget(self.idle_spin, 0, 1)
        pgrid.addWidget(self._note(("policy", "idle_lock_minutes"), self.idle_spin), 1, 1)
        self.retention_spin = QSpinBox(self.policy_box)
        self.retention_spin.setObjectName("notes_retention_days")
        self.retention_spin.setRange(0, MAX_RETENTION_DAYS)  # 0: kept
        self._number(self.retention_spin, "notes_retention_days", self._commit_retention)
        self.retention_label = QLabel(self.policy_box)
        self.retention_label.setBuddy(self.retention_spin)
        pgrid.addWidget(self.retention_label, 2, 0)
        pgrid.addWidget(self.retention_spin, 2, 1)
        pgrid.addWidget(self._note(("policy", "notes_retention_days"), self.retention_spin), 3, 1)
        policy.addLayout(pgrid)
        self.levels_heading = QLabel(self.policy_box)
        heading_font = self.levels_heading.font()
        heading_font.setBold(True)
        self.levels_heading.setFont(heading_font)
        self.levels_text = QLabel(self.policy_box)
        self.levels_text.setObjectName("classificationRules")
        self.levels_text.setWordWrap(True)
        self.levels_text.setTextFormat(Qt.TextFormat.RichText)
        self.levels_count = QLabel(self.policy_box)
        self.levels_count.setWordWrap(True)
        policy.addSpacing(8)
        policy.addWidget(self.levels_heading)
        policy.addWidget(self.levels_text)
        policy.addWidget(self.levels_count)
        policy.addStretch(1)
        columns.addWidget(self.policy_box, 2)
        for hint in (self.due_hint, self.expires_hint, self.office_hint, self.intro, self.levels_count):
            set_text_colour(hint, muted_text(hint.palette()))

        QWidget.setTabOrder(self.title_edit, self.body_edit)
        QWidget.setTabOrder(self.body_edit, self.starts_edit)
        QWidget.setTabOrder(self.starts_edit, self.location_edit)
        QWidget.setTabOrder(self.location_edit, self.due_check)
        QWidget.setTabOrder(self.due_check, self.due_edit)
        QWidget.setTabOrder(self.due_edit, self.expires_check)
        QWidget.setTabOrder(self.expires_check, self.expires_edit)
        QWidget.setTabOrder(self.expires_edit, self.office_choose)
        QWidget.setTabOrder(self.office_choose, self.office_clear)
        QWidget.setTabOrder(self.office_clear, self.watermark_check)
        QWidget.setTabOrder(self.watermark_check, self.copy_check)
        QWidget.setTabOrder(self.copy_check, self.print_check)
        QWidget.setTabOrder(self.print_check, self.idle_spin)
        QWidget.setTabOrder(self.idle_spin, self.retention_spin)

    def _add(self, grid: QGridLayout, field: QWidget, note: FieldNote, hint: QLabel | None = None) -> QLabel:
        label = QLabel(self.meeting_box)
        label.setBuddy(note.field or field)
        grid.addWidget(label, self._row, 0, Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        grid.addWidget(field, self._row, 1)
        self._row += 1
        if hint is not None:
            grid.addWidget(hint, self._row, 1)
            self._row += 1
        grid.addWidget(note, self._row, 1)
        self._row += 1
        return label

    def _pair(self, check: QCheckBox, edit: QWidget) -> QWidget:
        box = QWidget(self.meeting_box)
        row = QHBoxLayout(box)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(check)
        row.addWidget(edit, 1)
        return box

    def _date_time(self, edit: QDateTimeEdit, fmt: str, key: str, commit: Callable[[], None]) -> None:
        edit.setDisplayFormat(fmt)
        edit.setCalendarPopup(True)
        edit.setMinimumDateTime(NOT_SET)
        edit.setCorrectionMode(QAbstractSpinBox.CorrectionMode.CorrectToNearestValue)
        edit.dateTimeChanged.connect(lambda _v: None if self._refreshing else self._pending.add(key))
        edit.editingFinished.connect(commit)
        edit.calendarWidget().clicked.connect(lambda _d: commit())
        edit.installEventFilter(_EnterCommits(commit, edit, lambda: self._propose(edit)))

    def _propose(self, edit: QDateTimeEdit) -> None:
        """An empty date field about to be typed in starts from a likely value (not kept until
        the clerk changes it): the meeting's day, else tomorrow at 08:00."""
        if edit.dateTime() != NOT_SET:
            return
        start = self.controller.draft.starts_at
        proposal = _to_qdatetime(start) if start is not None else QDateTime(QDate.currentDate().addDays(1),
                                                                            QTime(8, 0))
        self._refreshing = True
        try:
            edit.setDateTime(proposal)
        finally:
            self._refreshing = False
        edit.setCurrentSectionIndex(0)
        edit.setSelectedSection(edit.sectionAt(0))

    def _number(self, spin: QSpinBox, key: str, commit: Callable[[], None]) -> None:
        spin.valueChanged.connect(lambda _v: None if self._refreshing else self._pending.add(key))
        spin.editingFinished.connect(commit)
        spin.installEventFilter(_EnterCommits(commit, spin))

    # -- language ------------------------------------------------------------------------------------

    def _language(self) -> str:
        return self._services.language

    def retranslate(self) -> None:
        self.heading.setText(self.tr("The session"))
        self.intro.setText(self.tr("What the meeting is, when and where, and what members' computers allow. "
                                   "A change is kept when you leave the field; Ctrl+Z undoes it."))
        self.meeting_box.setTitle(self.tr("The meeting"))
        self.title_label.setText(self.tr("&Title:"))
        self.title_edit.setPlaceholderText(self.tr("e.g. Hội nghị Ban Thường vụ Tỉnh ủy — phiên thứ 12"))
        self.body_label.setText(self.tr("Meeting &body:"))
        self.body_line.setPlaceholderText(self.tr("e.g. Ban Thường vụ Tỉnh ủy"))
        self.starts_label.setText(self.tr("&Date and time:"))
        self.starts_edit.setSpecialValueText(self.tr("not chosen yet"))
        self.location_label.setText(self.tr("&Place:"))
        self.location_edit.setPlaceholderText(self.tr("e.g. Phòng họp số 1"))
        self.due_label.setText(self.tr("Documents d&ue:"))
        self.due_check.setText(self.tr("sent to members by"))
        self.due_edit.setSpecialValueText(self.tr("not set"))
        self.due_hint.setText(self.tr("Documents usually go out at least %1 days before the meeting.")
                              .replace("%1", str(DOCUMENTS_DAYS_BEFORE)))
        self.expires_label.setText(self.tr("E&xpiry:"))
        self.expires_check.setText(self.tr("documents stop opening on"))
        self.expires_edit.setSpecialValueText(self.tr("never"))
        self.expires_hint.setText(self.tr("After this, members' computers refuse to open the documents."))
        self.office_label.setText(self.tr("Office &server:"))
        self.office_edit.setPlaceholderText(self.tr("none: members read offline only"))
        self.office_choose.setText(self.tr("C&hoose office-server.toml…"))
        self.office_clear.setText(self.tr("Re&move"))
        self.office_hint.setText(self.tr("The file made by “paperless server init”: members are offered to "
                                         "connect, to keep their notes on all their computers."))
        self.policy_box.setTitle(self.tr("On members' computers"))
        self.watermark_check.setText(self.tr("&Watermark every page with the member's name"))
        self.copy_check.setText(self.tr("Allow &copying text"))
        self.print_check.setText(self.tr("Allow p&rinting and exporting"))
        self.idle_label.setText(self.tr("&Lock when idle:"))
        self.idle_spin.setSpecialValueText(
            self.tr("default (%1 minutes)").replace("%1", str(DEFAULT_IDLE_LOCK_MINUTES)))
        self.idle_spin.setSuffix(self.tr(" minutes"))
        self.retention_label.setText(self.tr("Delete members' &notes:"))
        self.retention_spin.setSpecialValueText(self.tr("never (kept)"))
        self.retention_spin.setSuffix(self.tr(" days after the meeting"))
        self.levels_heading.setText(self.tr("Classified items (Mật, Tối mật, Tuyệt mật)"))
        self.levels_text.setText(self.tr(
            "A secrecy level is set per agenda item, and overrides the choices above for its documents:"
            "<ul><li><b>Mật</b>: never copied, printed or exported; watermark always on; the reader locks "
            "after 5 minutes idle.</li>"
            "<li><b>Tối mật</b>: as Mật, and the reader locks after 2 minutes; the documents must be "
            "recalled after the meeting.</li>"
            "<li><b>Tuyệt mật</b>: as Tối mật.</li></ul>"
            "Recall after the meeting: Law 29/2018/QH14 on protecting state secrets, article 17."))
        self._count_levels()
        self._show_problems()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    # -- redrawing -----------------------------------------------------------------------------------

    def _on_edited(self, _where: object) -> None:
        self.refresh()

    def refresh(self) -> None:
        """Show the draft; a field the clerk is typing in keeps what they typed."""
        d = self.controller.draft
        self._refreshing = True
        try:
            self._set_text(self.title_edit, "title", d.title)
            if "body" not in self._pending and self.body_edit.currentText() != d.body:
                self.body_edit.setEditText(d.body)
            self._set_when(self.starts_edit, "starts_at", d.starts_at)
            self._set_text(self.location_edit, "location", d.location)
            self.due_check.setChecked(d.documents_due is not None)
            self.due_edit.setEnabled(d.documents_due is not None)
            if "documents_due" not in self._pending:
                due = d.documents_due.date() if isinstance(d.documents_due, datetime) else d.documents_due
                self.due_edit.setDate(QDate(due.year, due.month, due.day) if due else NOT_SET.date())
            self.expires_check.setChecked(d.expires_at is not None)
            self.expires_edit.setEnabled(d.expires_at is not None)
            self._set_when(self.expires_edit, "expires_at", d.expires_at)
            self.office_edit.setText(d.office_server)
            self.office_clear.setEnabled(bool(d.office_server))
            p = d.policy
            self.watermark_check.setChecked(p.watermark)
            self.copy_check.setChecked(p.allow_copy)
            self.print_check.setChecked(p.allow_print)
            if "idle_lock_minutes" not in self._pending:
                self.idle_spin.setValue(p.idle_lock_minutes or 0)
            if "notes_retention_days" not in self._pending:
                self.retention_spin.setValue(p.notes_retention_days or 0)
        finally:
            self._refreshing = False
        self._count_levels()
        self._show_problems()

    def _set_text(self, edit: QLineEdit, key: str, value: str) -> None:
        if key not in self._pending and edit.text() != value:
            edit.setText(value)

    def _set_when(self, edit: QDateTimeEdit, key: str, value: datetime | None) -> None:
        if key not in self._pending:
            edit.setDateTime(_to_qdatetime(value) if value is not None else NOT_SET)

    def _show_problems(self) -> None:
        problems = self.controller.workspace.problems()
        for note in self._notes:
            note.show_problems(problems, self._language())

    def _count_levels(self) -> None:
        levels = [i.level for i in self.controller.draft.items if i.level]
        if not levels:
            self.levels_count.setText(self.tr("No item of this session is classified yet."))
            return
        names = {lv.value: lv.vi.capitalize() if self._language() == "vi" else lv.en for lv in Level}
        counts = ", ".join(f"{levels.count(v)} {names.get(v, v)}" for v in dict.fromkeys(levels))
        self.levels_count.setText(self.tr("Classified items in this session: %1.").replace("%1", counts))

    # -- committing ----------------------------------------------------------------------------------

    def commit(self) -> None:
        """Keep whatever the clerk is still typing (before saving or leaving the page)."""
        for key, commit in (("title", self._commit_title), ("body", self._commit_body),
                            ("starts_at", self._commit_starts), ("location", self._commit_location),
                            ("documents_due", self._commit_due), ("expires_at", self._commit_expires),
                            ("idle_lock_minutes", self._commit_idle),
                            ("notes_retention_days", self._commit_retention)):
            if key in self._pending:
                commit()

    def _edit(self, key: str, label: T, change: Callable[[SessionDraft], None], where: FieldRef) -> None:
        self._pending.discard(key)
        self.controller.edit(label, change, where)
        self.refresh()  # a change that changed nothing still shows the draft's value again

    def _commit_title(self) -> None:
        text = self.title_edit.text()
        self._edit("title", T("change the title", "sửa tên phiên họp"),
                   lambda d: setattr(d, "title", text), ("session", "title"))

    def _commit_body(self) -> None:
        text = self.body_edit.currentText()
        self._edit("body", T("change the meeting body", "sửa cơ quan họp"),
                   lambda d: setattr(d, "body", text), ("session", "body"))

    def _commit_location(self) -> None:
        text = self.location_edit.text()
        self._edit("location", T("change the place", "sửa địa điểm"),
                   lambda d: setattr(d, "location", text), ("session", "location"))

    def _zone(self) -> tzinfo:
        start = self.controller.draft.starts_at
        return start.tzinfo if start is not None and start.tzinfo is not None else _local_zone()

    def _commit_starts(self) -> None:
        if "starts_at" not in self._pending:
            return
        value = self.starts_edit.dateTime()
        when = None if value == NOT_SET else _from_qdatetime(value, self._zone())
        current = self.controller.draft.starts_at
        if when is not None and _same_minute(when, current):
            self._pending.discard("starts_at")  # seconds written by hand are kept
            return
        self._edit("starts_at", T("change the date and time", "sửa ngày giờ họp"),
                   lambda d: setattr(d, "starts_at", when), ("session", "starts_at"))

    def _due_toggled(self, on: bool) -> None:
        if self._refreshing:
            return
        start = self.controller.draft.starts_at
        if on:
            day = (start.date() if start else date.today() + timedelta(days=DOCUMENTS_DAYS_BEFORE + 1)) \
                - timedelta(days=DOCUMENTS_DAYS_BEFORE)
            value: date | None = day
        else:
            value = None
        self._edit("documents_due", T("change when documents are due", "sửa hạn gửi tài liệu"),
                   lambda d: setattr(d, "documents_due", value), ("session", "documents_due"))

    def _commit_due(self) -> None:
        if "documents_due" not in self._pending:
            return
        q = self.due_edit.date()
        value = None if q == NOT_SET.date() else date(q.year(), q.month(), q.day())
        current = self.controller.draft.documents_due
        if isinstance(current, datetime) and value == current.date():
            self._pending.discard("documents_due")  # a time written by hand is kept
            return
        self._edit("documents_due", T("change when documents are due", "sửa hạn gửi tài liệu"),
                   lambda d: setattr(d, "documents_due", value), ("session", "documents_due"))

    def _expires_toggled(self, on: bool) -> None:
        if self._refreshing:
            return
        start = self.controller.draft.starts_at
        value = None
        if on:
            base = start or datetime.combine(date.today(), time(8), tzinfo=_local_zone())
            value = datetime.combine(base.date() + timedelta(days=EXPIRES_DAYS_AFTER), time(0), tzinfo=base.tzinfo)
        self._edit("expires_at", T("change the expiry", "sửa hạn dùng tài liệu"),
                   lambda d: setattr(d, "expires_at", value), ("session", "expires_at"))

    def _commit_expires(self) -> None:
        if "expires_at" not in self._pending:
            return
        value = self.expires_edit.dateTime()
        when = None if value == NOT_SET else _from_qdatetime(value, self._zone())
        if when is not None and _same_minute(when, self.controller.draft.expires_at):
            self._pending.discard("expires_at")
            return
        self._edit("expires_at", T("change the expiry", "sửa hạn dùng tài liệu"),
                   lambda d: setattr(d, "expires_at", when), ("session", "expires_at"))

    def _commit_flag(self, key: str, on: bool) -> None:
        if self._refreshing:
            return
        labels = {"watermark": T("change the watermark", "sửa dấu chìm"),
                  "allow_copy": T("change copying", "sửa quyền sao chép"),
                  "allow_print": T("change printing", "sửa quyền in")}
        self._edit(key, labels[key], lambda d: setattr(d.policy, key, on), ("policy", key))

    def _commit_idle(self) -> None:
        if "idle_lock_minutes" not in self._pending:
            return
        value = self.idle_spin.value() or None
        self._edit("idle_lock_minutes", T("change the idle lock", "sửa thời gian tự khóa"),
                   lambda d: setattr(d.policy, "idle_lock_minutes", value), ("policy", "idle_lock_minutes"))

    def _commit_retention(self) -> None:
        if "notes_retention_days" not in self._pending:
            return
        value = self.retention_spin.value() or None
        self._edit("notes_retention_days", T("change how long notes are kept", "sửa thời gian giữ ghi chú"),
                   lambda d: setattr(d.policy, "notes_retention_days", value), ("policy", "notes_retention_days"))

    # -- the office server ---------------------------------------------------------------------------

    def choose_office_server(self) -> None:
        path = self._services.files.open_file(self, self.tr("Choose the office-server file"),
                                              self.tr("Office server file (*.toml);;All files (*)"))
        if path is None:
            return
        note = next(n for n in self._notes if n.where == ("session", "office_server"))
        identity = self._services.identity
        if identity is not None:  # a file signed by someone else would be refused by members
            try:
                parse_office_file(path.read_bytes(), [identity.card], str(path))
            except PaperlessError as exc:
                note.setText(exc.message(self._language()))
                note.show()
                return
            except OSError as exc:
                note.setText(in_language(T(f"cannot read {path.name}: {exc.strerror}",
                                           f"không đọc được {path.name}: {exc.strerror}"), self._language()))
                note.show()
                return
        folder = self.controller.draft.folder
        try:
            value = Path(os.path.relpath(path, folder)).as_posix()
        except ValueError:  # another drive
            value = path.as_posix()
        self._edit("office_server", T("choose the office server", "chọn máy chủ văn phòng"),
                   lambda d: setattr(d, "office_server", value), ("session", "office_server"))

    def clear_office_server(self) -> None:
        self._edit("office_server", T("remove the office server", "bỏ máy chủ văn phòng"),
                   lambda d: setattr(d, "office_server", ""), ("session", "office_server"))
