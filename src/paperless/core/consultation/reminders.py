"""Reminders as a consultation's deadline nears (docs/consultation.md): what the app tells the
member about the polls they have not answered and the items open for comments they have not
answered (no comment sent, no "agree") in a session they can read.

Plain data in, plain data out: the GUI shows :class:`Reminder` texts in a banner at start and after
each sync; the same rule serves the command line.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from paperless.core.bundle.manifest import Agenda
from paperless.core.consultation.book import ConsultationBook
from paperless.core.consultation.envelope import Comment
from paperless.core.errors import T

SOON = timedelta(days=3)  # remind this long before a deadline


@dataclass(frozen=True)
class Reminder:
    due: datetime
    text: T
    poll_id: str | None = None  # a poll to answer
    item: int | None = None  # an item open for comments (its number)


def _when(due: datetime) -> str:
    return due.strftime("%H:%M %d/%m/%Y")


def reminders(agenda: Agenda, member: str, book: ConsultationBook, now: datetime) -> list[Reminder]:
    """What ``member`` (their name in the agenda) still has to answer in this session before a
    deadline within :data:`SOON` (not past), soonest first."""
    out = []
    answered_items = {k.record.item for k in book.comments(agenda.session_id)
                      if k.state != "draft" and isinstance(k.record, Comment)}
    for item in agenda.items:
        due = item.comments_due
        if due is None or not item.readable_by(member) or item.number in answered_items:
            continue
        if now <= due <= now + SOON:
            out.append(Reminder(due, T(
                f"Comments on “{item.title}” are due by {_when(due)}: send yours, or “Agree, no comments”.",
                f"Hạn góp ý “{item.title}” là {_when(due)}: đồng chí gửi góp ý hoặc chọn "
                f"“Nhất trí, không có ý kiến”."), item=item.number))
    for poll in agenda.polls:
        if poll.item is not None and not agenda.items[poll.item - 1].readable_by(member):
            continue
        kept = book.answer(agenda.session_id, poll.poll_id)
        if kept is not None and kept.state != "draft":
            continue
        if now <= poll.due <= now + SOON:
            out.append(Reminder(poll.due, T(f"The poll “{poll.title}” closes at {_when(poll.due)}.",
                                            f"Phiếu “{poll.title}” hết hạn trả lời lúc {_when(poll.due)}."),
                                poll_id=poll.poll_id))
    return sorted(out, key=lambda r: r.due)


__all__ = ["SOON", "Reminder", "reminders"]
