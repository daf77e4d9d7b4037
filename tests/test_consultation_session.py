"""Issue 12: items open for comments (``comments_due``) and written opinion polls (``[[polls]]``)
in session.toml, carried in the signed, encrypted agenda; bad input named with its line."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path

import pytest
from bundle_helpers import People, unlock, write_session

from paperless.core.bundle import build_bundle, open_bundle
from paperless.core.bundle.manifest import Agenda, ManifestFormatError
from paperless.core.consultation.polls import DEFAULT_CHOICES, Poll
from paperless.core.identity import load_card
from paperless.core.session import SessionFileError, load_session

POLLS = '''
[[polls]]
id = "phieu-1"
title = "Phiếu lấy ý kiến về   Đề án nhân sự"
due = 2024-01-20
item = 2

[[polls.questions]]
text = "Đồng chí có đồng ý với phương án 1?"

[[polls.questions]]
text = "Ý kiến khác về thời gian thực hiện"
choices = []

[[polls.questions]]
text = "Chọn phương án"
choices = ["Phương án 1", "Phương án 2"]
text_answer = true
'''


def _session(root: Path, people: People, extra: str = POLLS, due: str = "comments_due = 2024-01-18") -> Path:
    path = write_session(root, people, extra=extra)
    text = path.read_text(encoding="utf-8")
    marker = 'title = "Dự thảo Kế hoạch chuyển đổi số"'
    path.write_text(text.replace(marker, f"{marker}\n{due}"), encoding="utf-8")
    return path


def test_comments_due_and_polls_go_from_session_toml_into_the_agenda(tmp_path: Path, people: People) -> None:
    spec = load_session(_session(tmp_path, people))
    ict = timezone(timedelta(hours=7))
    assert [i.comments_due for i in spec.items] == [None, datetime(2024, 1, 18, 23, 59, 59, tzinfo=ict), None]
    (poll,) = spec.polls
    assert poll.poll_id == "phieu-1" and poll.title == "Phiếu lấy ý kiến về Đề án nhân sự" and poll.item == 2
    assert poll.due == datetime(2024, 1, 20, 23, 59, 59, tzinfo=ict)
    assert [q.choices for q in poll.questions] == [DEFAULT_CHOICES, (), ("Phương án 1", "Phương án 2")]
    assert [q.text_answer for q in poll.questions] == [False, True, True]

    out = build_bundle(spec, unlock(people.clerk), tmp_path / "b.paperless").path
    with open_bundle(out, unlock(people.member("binh")), [load_card(people.clerk)]) as opened:
        agenda = opened.agenda
    assert agenda.items[1].comments_due == spec.items[1].comments_due and agenda.items[0].comments_due is None
    assert agenda.polls == spec.polls and agenda.poll("phieu-1") == poll and agenda.poll("khac") is None


def test_an_agenda_without_them_is_written_as_before(tmp_path: Path, people: People) -> None:
    spec = load_session(write_session(tmp_path, people))
    out = build_bundle(spec, unlock(people.clerk), tmp_path / "b.paperless").path
    with open_bundle(out, unlock(people.member("an")), [load_card(people.clerk)]) as opened:
        raw = opened.agenda.to_json()
    assert b"polls" not in raw and b"comments_due" not in raw


@pytest.mark.parametrize(("extra", "due", "line_of", "words"), [
    (POLLS, "comments_due = 2024-01-18T17:00:00", "comments_due", "UTC offset"),
    (POLLS, 'comments_due = "ngày mai"', "comments_due", "must be a date"),
    (POLLS.replace('id = "phieu-1"', 'id = "Phiếu 1"'), "", 'id = "Phiếu 1"', "lower-case"),
    (POLLS + POLLS, "", 'id = "phieu-1"', "duplicate poll id"),
    (POLLS.replace("due = 2024-01-20\n", ""), "", None, "needs a deadline"),
    (POLLS.replace("item = 2", "item = 7"), "", "item = 7", "from 1 to 3"),
    (POLLS.replace('choices = ["Phương án 1", "Phương án 2"]', 'choices = ["A", " A "]'), "", 'choices = ["A"',
     "listed twice"),
    (POLLS.replace("choices = []", "choices = []\ntext_answer = false"), "", "choices = []", "choices or a written"),
    (POLLS.replace('text = "Chọn phương án"', 'text = "Chọn"\ncolour = "đỏ"'), "", "colour", "unknown key"),
    ('\n[[polls]]\nid = "p"\ntitle = "T"\ndue = 2024-01-20\n', "", None, "1 to 50"),
])
def test_bad_polls_and_deadlines_are_named_with_their_line(tmp_path: Path, people: People, extra: str, due: str,
                                                           line_of: str | None, words: str) -> None:
    path = _session(tmp_path, people, extra, due)
    with pytest.raises(SessionFileError) as err:
        load_session(path)
    message = err.value.message("en")
    assert words in message and "\n" not in message and "\n" not in err.value.message("vi")
    if line_of is not None:
        lines = path.read_text(encoding="utf-8").splitlines()
        expected = [n for n, text in enumerate(lines, 1) if line_of in text]
        assert f"line {expected[0]}:" in message or f"line {expected[-1]}:" in message, message


def test_a_bad_poll_in_an_agenda_is_a_format_error() -> None:
    good = Poll.from_obj({"id": "p", "title": "T", "due": "2024-01-20T23:59:59+07:00", "item": None,
                          "questions": [{"text": "Q", "choices": ["Đồng ý"], "text_answer": False}]})
    base = {"id": "p", "title": "T", "due": "2024-01-20T23:59:59+07:00", "item": None,
            "questions": [{"text": "Q", "choices": ["Đồng ý"], "text_answer": False}]}
    assert Poll.from_obj(base) == good
    for bad in ({**base, "id": "../p"}, {**base, "due": "2024-01-20"}, {**base, "questions": []},
                {**base, "questions": [{"text": "Q", "choices": ["A", "A"], "text_answer": False}]},
                {**base, "questions": [{"text": "Q", "choices": [], "text_answer": False}]}, {**base, "item": True}):
        with pytest.raises(ValueError):
            Poll.from_obj(bad)

    agenda = json.loads(Agenda("s", 1, "T", datetime(2024, 1, 1, tzinfo=UTC), "", None, (), True, False,
                               False, (), polls=(good,)).to_json())
    assert Agenda.from_json(json.dumps(agenda).encode()).polls == (good,)
    for polls in ("x", [base, base]):
        with pytest.raises(ManifestFormatError):
            Agenda.from_json(json.dumps({**agenda, "polls": polls}).encode())
