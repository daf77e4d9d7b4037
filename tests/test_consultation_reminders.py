"""Issue 12: reminders as a consultation's deadline nears — only what the member can read and has
not answered, only within three days, soonest first, in both languages."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

from bundle_helpers import People, unlock

from paperless.core.bundle.manifest import Agenda, AgendaItem
from paperless.core.consultation.book import ConsultationBook
from paperless.core.consultation.envelope import Answer, CommentKind, PollAnswer
from paperless.core.consultation.polls import Poll, Question
from paperless.core.consultation.reminders import reminders
from paperless.core.identity import load_card

NOW = datetime(2024, 1, 16, 9, 0, tzinfo=UTC)


def _agenda() -> Agenda:
    items = (AgendaItem(1, "Báo cáo quý IV", "", None, (), comments_due=NOW + timedelta(days=2)),
             AgendaItem(2, "Dự thảo Kế hoạch", "", None, (), comments_due=NOW + timedelta(days=10)),
             AgendaItem(3, "Nhân sự", "", ("Nguyễn Văn An",), (), comments_due=NOW + timedelta(days=1)),
             AgendaItem(4, "Đã hết hạn", "", None, (), comments_due=NOW - timedelta(hours=1)))
    polls = (Poll("phieu-1", "Phiếu về thời điểm họp", NOW + timedelta(hours=20), (Question("Đồng ý?"),)),
             Poll("phieu-2", "Phiếu về nhân sự", NOW + timedelta(hours=5), (Question("Đồng ý?"),), item=3))
    return Agenda("phien-12", 1, "Phiên 12", NOW, "", None, (), True, False, False, items, polls=polls)


def test_reminders_name_what_is_left_to_answer_soonest_first(tmp_path: Path, people: People) -> None:
    binh = unlock(people.member("binh"))
    book = ConsultationBook(tmp_path, binh)
    found = reminders(_agenda(), "Trần Thị Bình", book, NOW)
    assert [(r.item, r.poll_id) for r in found] == [(None, "phieu-1"), (1, None)]  # not item 3 or poll 2: An's
    assert "Phiếu về thời điểm họp" in found[0].text.vi and "hết hạn" in found[0].text.vi
    assert "Báo cáo quý IV" in found[1].text.en and "Nhất trí, không có ý kiến" in found[1].text.vi

    clerk = load_card(people.clerk)
    book.agree("phien-12", 1, 1, [clerk])
    book.answer_poll(PollAnswer("phien-12", 1, "phieu-1", 0, "", "", NOW, (Answer(0, "Đồng ý"),)), [clerk])
    assert reminders(_agenda(), "Trần Thị Bình", book, NOW) == []
    an = ConsultationBook(tmp_path / "an", unlock(people.member("an")))
    draft = an.new_comment(session_id="phien-12", session_version=1, item=3, kind=CommentKind.COMMENT, text="…")
    assert draft.revision == 1
    assert [(r.item, r.poll_id) for r in reminders(_agenda(), "Nguyễn Văn An", an, NOW)] == [
        (None, "phieu-2"), (None, "phieu-1"), (3, None), (1, None)]  # a draft is not an answer
