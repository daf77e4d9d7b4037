"""The clerk's draft on random sessions: a good draft written and parsed gives what it says, writing
is idempotent, and problems() agrees with the strict parser on any draft."""

from __future__ import annotations

import shutil
from collections.abc import Callable, Iterator
from datetime import UTC, date, datetime, timedelta, timezone
from pathlib import Path
from typing import Any

import pytest
from bundle_helpers import People
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from paperless.core.classification import parse_level
from paperless.core.clerk import ItemDraft, MemberDraft, PolicyDraft, PollDraft, QuestionDraft, SessionDraft
from paperless.core.consultation.polls import DEFAULT_CHOICES, clean_text
from paperless.core.session import SessionFileError, load_session

SETTINGS = settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
ZONES = [timezone(timedelta(hours=7)), UTC, timezone(timedelta(hours=-5, minutes=-30))]
KEYS = ["keys/an", "keys/binh", "keys/cuong"]
DOCS = ["docs/a.pdf", "docs/b c.pdf", "tài liệu/Báo cáo \"quý\".pdf"]
WORDS = ["Nguyễn Văn An", 'Báo cáo "quý IV"', "Dự thảo \\ phụ lục", "Tối mật\nphiên 2", "Kế hoạch\tsố",
         "Nguye\u0302\u0303n NFD", "  khoảng   trắng ", "'đơn' và \"kép\"", "C:\\Tỉnh ủy\\", "x"]
LETTERS = "aăâbcdđeêghiklmnoôơpqrstuưvxyàáảãạờởỡợ ĐƯ\"\\'\n\t#=[]{}.,"


@pytest.fixture(scope="module")
def workspace(tmp_path_factory: pytest.TempPathFactory, people: People) -> Iterator[Path]:
    folder = tmp_path_factory.mktemp("clerk")
    for key in ("an", "binh", "cuong"):
        shutil.copytree(people.member(key), folder / "keys" / key)
    for doc in DOCS:
        (folder / doc).parent.mkdir(parents=True, exist_ok=True)
        (folder / doc).write_bytes(b"%PDF-1.7 stand-in")
    yield folder


texts = st.one_of(st.sampled_from(WORDS), st.text(LETTERS, min_size=1, max_size=24))
nonblank = texts.filter(lambda t: bool(clean_text(t)))
starts = st.datetimes(min_value=datetime(2020, 1, 1), max_value=datetime(2030, 1, 1),
                      timezones=st.sampled_from(ZONES))


@st.composite
def good_drafts(draw: st.DrawFn, folder: Path) -> SessionDraft:
    """A draft with no problems: distinct names and titles, deadlines before the meeting."""
    start = draw(starts)
    names = draw(st.lists(nonblank, min_size=1, max_size=3, unique_by=clean_text))
    keys = draw(st.permutations(KEYS))
    members = [MemberDraft(n, k) for n, k in zip(names, keys, strict=False)]
    titles = draw(st.lists(nonblank, min_size=1, max_size=4, unique_by=clean_text))
    items = []
    for title in titles:
        due = draw(st.one_of(st.none(), st.integers(1, 30).map(lambda d: (start - timedelta(days=d)).date()),
                             st.integers(0, 500).map(lambda h: start - timedelta(hours=h))))
        items.append(ItemDraft(
            title, draw(st.one_of(st.just(""), texts)), draw(st.lists(st.sampled_from(DOCS), min_size=1, max_size=3)),
            draw(st.one_of(st.none(), st.lists(st.sampled_from(names), min_size=1, max_size=3))),
            draw(st.sampled_from(["", "mat", "toi_mat", "tuyet_mat"])), due))
    polls = []
    for poll_id in draw(st.lists(st.sampled_from(["phieu-1", "phieu-2", "y-kien-3"]), max_size=2, unique=True)):
        questions = []
        for text in draw(st.lists(nonblank, min_size=1, max_size=3)):
            choices = draw(st.one_of(st.none(), st.lists(nonblank, max_size=4, unique_by=clean_text)))
            free = draw(st.one_of(st.none(), st.booleans()))
            if choices == [] and free is False:
                free = True
            questions.append(QuestionDraft(text, choices, free))
        due = draw(st.one_of(st.integers(1, 30).map(lambda d: (start - timedelta(days=d)).date()),
                             st.integers(0, 500).map(lambda h: start - timedelta(hours=h))))
        polls.append(PollDraft(poll_id, draw(nonblank), due, draw(st.one_of(st.none(), st.integers(1, len(items)))),
                               questions))
    policy = PolicyDraft(draw(st.booleans()), draw(st.booleans()), draw(st.booleans()),
                         draw(st.one_of(st.none(), st.integers(1, 60))),
                         draw(st.one_of(st.none(), st.integers(1, 3650))))
    return SessionDraft(
        folder=folder, session_id=draw(st.sampled_from(["", "btv-12", "a.b_c"])), title=draw(nonblank),
        starts_at=start, location=draw(st.one_of(st.just(""), texts)),
        expires_at=draw(st.one_of(st.none(), st.integers(1, 90).map(lambda d: start + timedelta(days=d)))),
        members=members, items=items, policy=policy, polls=polls,
        body=draw(st.one_of(st.just(""), texts)),
        documents_due=draw(st.one_of(st.none(), st.integers(1, 30).map(lambda d: (start - timedelta(days=d)).date()),
                                     st.integers(0, 500).map(lambda h: start - timedelta(hours=h)))))


def _same(value: str) -> str:
    return clean_text(value)


@SETTINGS
@given(data=st.data())
def test_a_good_draft_loads_as_what_it_says(workspace: Path, data: st.DataObject) -> None:
    draft = data.draw(good_drafts(workspace))
    assert draft.problems() == []
    path = workspace / "session.toml"
    draft.save(path)
    spec = load_session(path)
    assert spec.title == _same(draft.title) and spec.starts_at == draft.starts_at
    assert spec.location == _same(draft.location) and spec.expires_at == draft.expires_at
    assert spec.body == _same(draft.body)
    if isinstance(draft.documents_due, datetime):
        assert spec.documents_due == draft.documents_due
    else:
        assert (spec.documents_due is None) == (draft.documents_due is None)
        assert spec.documents_due is None or spec.documents_due.date() == draft.documents_due
    assert [m.name for m in spec.members] == [_same(m.name) for m in draft.members]
    for item, got in zip(draft.items, spec.items, strict=True):
        assert got.title == _same(item.title) and got.presenter == _same(item.presenter)
        assert [p.resolve() for p in got.documents] == [(workspace / d).resolve() for d in item.documents]
        assert got.restricted_to == (None if item.restricted_to is None
                                     else tuple(dict.fromkeys(_same(n) for n in item.restricted_to)))
        assert got.level == parse_level(item.level or None)
        if isinstance(item.comments_due, datetime):
            assert got.comments_due == item.comments_due
        elif item.comments_due is not None:
            assert got.comments_due is not None and got.comments_due.date() == item.comments_due
    for poll, got_poll in zip(draft.polls, spec.polls, strict=True):
        assert (got_poll.poll_id, got_poll.title, got_poll.item) == (poll.poll_id, _same(poll.title), poll.item)
        for q, got_q in zip(poll.questions, got_poll.questions, strict=True):
            choices = DEFAULT_CHOICES if q.choices is None else tuple(_same(c) for c in q.choices)
            assert (got_q.text, got_q.choices) == (_same(q.text), choices)
            assert got_q.text_answer == (not choices if q.text_answer is None else q.text_answer)
    p = spec.policy
    assert (p.watermark, p.allow_copy, p.allow_print, p.idle_lock_minutes, p.notes_retention_days) == (
        draft.policy.watermark, draft.policy.allow_copy, draft.policy.allow_print, draft.policy.idle_lock_minutes,
        draft.policy.notes_retention_days)
    # read back and written again: the same text, the same meaning
    again = SessionDraft.load(path)
    assert again.unread == [] and again.problems() == []
    assert again.to_toml() == path.read_text("utf-8")
    assert load_session(path) == spec


def _poll(d: SessionDraft) -> PollDraft:
    if not d.polls:
        d.polls.append(PollDraft("phieu-9", "Phiếu", date(2019, 1, 1), None, [QuestionDraft("Câu hỏi")]))
    return d.polls[0]


def _question(d: SessionDraft) -> QuestionDraft:
    poll = _poll(d)
    if not poll.questions:
        poll.questions.append(QuestionDraft("Câu hỏi"))
    return poll.questions[0]


def _item(d: SessionDraft) -> ItemDraft:
    if not d.items:
        d.items.append(ItemDraft("Nội dung", "", [DOCS[0]]))
    return d.items[-1]


# The kinds of mistake a clerk makes: each (draft, a value drawn from its options) -> None.
MISTAKES: list[tuple[Callable[[SessionDraft, Any], None], list[Any]]] = [
    (lambda d, v: setattr(d, "title", v), ["", " ", "\n"]),
    (lambda d, v: setattr(d, "session_id", v), ["có dấu", "a" * 65, "a b"]),
    (lambda d, v: setattr(d, "starts_at", v), [None, datetime(2024, 1, 15, 8),
                                               datetime(2024, 1, 15, 8, tzinfo=timezone(timedelta(seconds=90)))]),
    (lambda d, v: setattr(d, "expires_at", v), [datetime(2019, 1, 1, tzinfo=UTC), datetime(2040, 1, 1)]),
    (lambda d, v: setattr(d, "office_server", v), ["docs/a.pdf", "khong.toml", "docs"]),
    (lambda d, v: setattr(d, "documents_due", v), [date(2040, 1, 1), datetime(2024, 1, 1),
                                                   datetime(2040, 1, 1, tzinfo=UTC)]),
    (lambda d, v: setattr(d, "body", v), ["x" * 2001]),
    (lambda d, v: d.members.append(MemberDraft(*v)), [("", KEYS[0]), ("Người mới", ""), ("Người mới", "keys/ghost"),
                                                      ("Người mới", "docs/a.pdf"), ("Người mới", "keys/an/card.toml"),
                                                      ("Người mới", KEYS[1])]),
    (lambda d, v: setattr(d.members[0], "name", v), ["", " ", "Tên  mới"]),
    (lambda d, v: d.members.clear(), [None]),
    (lambda d, v: d.items.append(ItemDraft(*v)), [("", "", [DOCS[0]]), ("Mới", "", []), ("Mới", "", [""]),
                                                  ("Mới", "", ["docs/khong.pdf"]), ("Mới", "", ["docs"])]),
    (lambda d, v: setattr(_item(d), "title", v), ["", " ", "Mới"]),
    (lambda d, v: setattr(_item(d), "restricted_to", v), [[], ["Ai Đó"], [""]]),
    (lambda d, v: setattr(_item(d), "level", v), ["MAT", "secret", " mat"]),
    (lambda d, v: setattr(_item(d), "comments_due", v), [date(2040, 1, 1), datetime(2024, 1, 1),
                                                         datetime(2040, 1, 1, tzinfo=UTC)]),
    (lambda d, v: d.items.clear(), [None]),
    (lambda d, v: setattr(_poll(d), "poll_id", v), ["Phiếu", "", "-x", "a" * 41]),
    (lambda d, v: setattr(_poll(d), "title", v), ["", "x" * 2001]),
    (lambda d, v: setattr(_poll(d), "due", v), [None, datetime(2024, 1, 1), date(2040, 1, 1)]),
    (lambda d, v: setattr(_poll(d), "item", v), [0, 99]),
    (lambda d, v: _poll(d).questions.clear(), [None]),
    (lambda d, v: d.polls.append(PollDraft(_poll(d).poll_id, "Khác", date(2019, 1, 1), None, [QuestionDraft("?")])),
     [None]),
    (lambda d, v: setattr(_question(d), "text", v), ["", " ", "y" * 2001]),
    (lambda d, v: setattr(_question(d), "choices", v), [[], ["A", "A "], ["", "B"], [str(i) for i in range(11)],
                                                        ["z" * 2001], ["Nguye\u0302\u0303n", "Nguyễn"]]),
    (lambda d, v: setattr(_question(d), "text_answer", v), [False]),
    (lambda d, v: setattr(d.policy, "idle_lock_minutes", v), [0, 61, -5]),
    (lambda d, v: setattr(d.policy, "notes_retention_days", v), [0, 3651]),
]


@st.composite
def any_drafts(draw: st.DrawFn, folder: Path) -> SessionDraft:
    """A draft good or not: a good one with none, one or two of the mistakes a clerk makes."""
    draft = draw(good_drafts(folder))
    for mistake, options in draw(st.lists(st.sampled_from(MISTAKES), max_size=2)):
        mistake(draft, draw(st.sampled_from(options)))
    return draft


@SETTINGS
@given(data=st.data())
def test_problems_agree_with_the_parser(workspace: Path, data: st.DataObject) -> None:
    draft = data.draw(any_drafts(workspace))
    path = workspace / "session.toml"
    path.write_text(draft.to_toml(), "utf-8")
    problems = draft.problems()
    try:
        load_session(path)
    except SessionFileError as exc:
        assert problems, f"the parser refuses it ({exc}) but no problem is listed"
        return
    # the parser accepts it: any problem is one the parser does not check (a warning before the meeting)
    extra = {("documents",), ("comments_due",), ("expires_at",), ("due",), ("documents_due",)}
    assert all(p.where[-1:] in extra or p.where[-2:-1] in extra for p in problems), problems


def _fixed(folder: Path) -> SessionDraft:
    start = datetime(2024, 1, 15, 8, tzinfo=ZONES[0])
    return SessionDraft(
        folder=folder, title="Hội nghị", starts_at=start, expires_at=start + timedelta(days=30),
        members=[MemberDraft("Nguyễn Văn An", KEYS[0]), MemberDraft("Trần Thị Bình", KEYS[2])],
        items=[ItemDraft("Báo cáo", "", [DOCS[0]], None, "", date(2024, 1, 10)),
               ItemDraft("Nhân sự", "", [DOCS[1]], ["Trần Thị Bình"], "mat")],
        polls=[PollDraft("phieu-1", "Phiếu", date(2024, 1, 14), 1, [QuestionDraft("Đồng ý?", ["A", "B"])])])


EVERY_MISTAKE = [(m, v) for m, options in MISTAKES for v in options]


@pytest.mark.parametrize(("mistake", "value"), EVERY_MISTAKE, ids=[f"mistake{i}" for i in range(len(EVERY_MISTAKE))])
def test_every_mistake_agrees_with_the_parser(workspace: Path, mistake: Callable[[SessionDraft, Any], None],
                                              value: Any) -> None:
    """Each mistake on its own (the random test meets each only now and then): the parser refuses
    the written file exactly when problems() names a problem it checks too."""
    draft = _fixed(workspace)
    assert draft.problems() == []
    mistake(draft, value)
    path = workspace / "mistake.toml"
    path.write_text(draft.to_toml(), "utf-8")
    problems = draft.problems()
    try:
        load_session(path)
    except SessionFileError:
        assert problems
    else:
        assert all(p.where[-1] in ("documents", "comments_due", "expires_at", "due", "documents_due")
                   for p in problems), problems
