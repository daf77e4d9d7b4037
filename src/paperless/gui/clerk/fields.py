"""Small pieces the clerk's pages share: the language texts are shown in, a problem shown next
to its field, a deadline editor, a multi-line editor that says when editing is finished."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime, time, timedelta, timezone, tzinfo

from PySide6.QtCore import QDate, QDateTime, QEvent, QLocale, QTime, Signal
from PySide6.QtGui import QFocusEvent, QFont
from PySide6.QtWidgets import QDateTimeEdit, QLabel, QPlainTextEdit, QWidget

from paperless.core.clerk.draft import Deadline, Problem, SessionDraft
from paperless.core.errors import T

OFFICE_ZONE = timezone(timedelta(hours=7))  # Vietnam: where a new draft's times are, until the start says
DEADLINE_FORMAT = "HH:mm  dd/MM/yyyy"
PROBLEM_COLOUR = "#b3261e"


def ui_language() -> str:
    """"vi" or "en": what the interface shows now (the installed translation sets the locale)."""
    return "vi" if QLocale().language() == QLocale.Language.Vietnamese else "en"


def say(text: T) -> str:
    return text.vi if ui_language() == "vi" else text.en


def zone_of(draft: SessionDraft) -> tzinfo:
    """The session's time zone: its start's offset, else Vietnam's."""
    start = draft.starts_at
    if start is not None and start.tzinfo is not None and start.utcoffset() is not None:
        return start.tzinfo
    return OFFICE_ZONE


class ProblemLabel(QLabel):
    """The problems of one field, in red under it; hidden when there are none."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("problem")
        self.setWordWrap(True)
        self.setStyleSheet(f"color: {PROBLEM_COLOUR};")
        font = QFont(self.font())
        font.setBold(True)
        self.setFont(font)
        self.hide()

    def show_problems(self, problems: Iterable[Problem]) -> None:
        texts = list(dict.fromkeys(say(p.message) for p in problems))
        self.setText("\n".join(f"⚠ {t}" for t in texts))
        self.setVisible(bool(texts))


class LinesEdit(QPlainTextEdit):
    """A few lines of text (one choice a line); ``editingFinished`` when it loses the focus."""

    editingFinished = Signal()

    def lines(self) -> list[str]:
        return [line.strip() for line in self.toPlainText().splitlines() if line.strip()]

    def set_lines(self, lines: list[str]) -> None:
        if self.lines() != lines:
            self.setPlainText("\n".join(lines))

    def focusOutEvent(self, event: QFocusEvent) -> None:
        super().focusOutEvent(event)
        self.editingFinished.emit()


class DeadlineEdit(QDateTimeEdit):
    """A date and time in the session's time zone ("17:00  18/01/2024"), with a calendar.
    ``value()`` is an aware datetime; ``finished`` when the clerk is done changing it."""

    finished = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setCalendarPopup(True)
        self.setDisplayFormat(DEADLINE_FORMAT)
        self.zone: tzinfo = OFFICE_ZONE
        self.editingFinished.connect(self.finished)
        self.calendarWidget().clicked.connect(lambda _d: self.finished.emit())
        self.calendarWidget().activated.connect(lambda _d: self.finished.emit())

    def set_value(self, value: Deadline | None, zone: tzinfo, fallback: datetime) -> None:
        """Show ``value`` (a date: the end of that day), or ``fallback`` when there is none."""
        self.zone = zone
        if value is None:
            moment = fallback
        elif isinstance(value, datetime):
            moment = value if value.tzinfo is not None else value.replace(tzinfo=zone)
        else:
            moment = datetime.combine(value, time(23, 59), tzinfo=zone)
        moment = moment.astimezone(zone)
        shown = QDateTime(QDate(moment.year, moment.month, moment.day), QTime(moment.hour, moment.minute))
        if self.dateTime() != shown:
            blocked = self.blockSignals(True)
            self.setDateTime(shown)
            self.blockSignals(blocked)

    def value(self) -> datetime:
        d, t = self.date(), self.time()
        return datetime(d.year(), d.month(), d.day(), t.hour(), t.minute(), tzinfo=self.zone)


def same_deadline(a: Deadline | None, b: Deadline | None, zone: tzinfo) -> bool:
    """Whether two deadlines say the same minute (a date: 23:59 of that day)."""
    def minute(v: Deadline | None) -> datetime | None:
        if v is None:
            return None
        if isinstance(v, datetime):
            return (v if v.tzinfo is not None else v.replace(tzinfo=zone)).replace(second=0, microsecond=0)
        if isinstance(v, date):
            return datetime.combine(v, time(23, 59), tzinfo=zone)
        return None
    return minute(a) == minute(b)


def is_language_change(event: QEvent) -> bool:
    return event.type() == QEvent.Type.LanguageChange

