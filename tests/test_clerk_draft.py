"""The clerk's workspace model (issue 13): session.toml read leniently, written back with the same
meaning (the README's example, the demo's, a session using every key), and each problem named
by its field."""

from __future__ import annotations

import dataclasses
import re
import shutil
import tomllib
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

import pytest
from bundle_helpers import People

from paperless.core.clerk import ItemDraft, MemberDraft, PollDraft, QuestionDraft, SessionDraft, toml_text
from paperless.core.session import SessionFileError, SessionSpec, load_session
from paperless.demo.factory import set_up_demo

ROOT = Path(__file__).resolve().parents[1]
ICT = timezone(timedelta(hours=7))


def _keys(folder: Path, people: People) -> None:
    for key in ("an", "binh", "cuong"):
        shutil.copytree(people.member(key), folder / "keys" / key, dirs_exist_ok=True)


def _docs(folder: Path, *names: str) -> None:
    for name in names:
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        (folder / name).write_bytes(b"%PDF-1.7 stand-in")


def _written(original: Path) -> Path:
    """The original read as a draft and written back beside it."""
    draft = SessionDraft.load(original)
    assert draft.unread == []
    out = original.with_name("written.toml")
    draft.save(out)
    return out


def _assert_same_meaning(original: Path) -> SessionSpec:
    spec = load_session(original)
    written = _written(original)
    again = load_session(written)
    assert dataclasses.replace(again, source=original) == spec
    # idempotent: read and written again, the text is the same
    assert SessionDraft.load(written).to_toml() == written.read_text("utf-8")
    return spec


def _readme_example() -> str:
    text = (ROOT / "README.md").read_text("utf-8")
    m = re.search(r"Describe the session in `session.toml`:\s*```toml\n(.*?)```", text, re.S)
    assert m, "the README's session.toml example"
    return m.group(1)


def test_round_trip_of_the_readme_example(tmp_path: Path, people: People) -> None:
    (tmp_path / "session.toml").write_text(_readme_example(), "utf-8")
    _keys(tmp_path, people)
    _docs(tmp_path, "docs/baocao.pdf", "docs/phuluc.docx", "office-server.toml")
    spec = _assert_same_meaning(tmp_path / "session.toml")
    assert spec.office_server is not None and spec.items[0].level is not None
    assert spec.policy.idle_lock_minutes == 15 and spec.expires_at is not None


def test_round_trip_of_the_demo_session(tmp_path: Path) -> None:
    demo = set_up_demo(tmp_path, log_n=10)
    spec = _assert_same_meaning(demo.session_file)
    assert len(spec.members) >= 3 and any(i.restricted_to for i in spec.items)
    assert any(i.level is not None for i in spec.items)


EVERY_KEY = r'''
# every key session.toml knows
[session]
id = "btv-12.2024_a"
title = "Hội nghị \"Ban Thường vụ\" \\ phiên   thứ 12"
starts_at = 2024-01-15T08:00:00.250000+07:00
location = 'Phòng họp số 1, C:\Tỉnh ủy'
expires_at = 2024-02-15T00:00:00Z
office_server = "./srv/office-server.toml"
body = "Ban  Thường vụ Tỉnh ủy"
documents_due = 2024-01-10
chair = "Nguyễn  Văn An"
secretariat = ["Lê Hoàng Cường", " Trần Thị Bình", "Lê Hoàng Cường"]

[[members]]
name = "Nguyễn Văn An"
key = "keys/an"

[[members]]
name = "  Trần Thị   Bình "
key = "keys/binh/card.toml"

[[members]]
name = "Lê Hoàng Cường"
key = "keys/cuong"

[[items]]
title = """Báo cáo
quý IV"""
documents = ["docs/baocao.pdf", "docs/phuluc.docx"]
comments_due = 2024-01-10

[[items]]
title = "Dự thảo Kế hoạch"
presenter = "Văn phòng Tỉnh ủy"
documents = []
level = "mat"
comments_due = 2024-01-12T17:00:00+07:00

[[items]]
title = "Công tác cán bộ"
documents = ["docs/nhansu.pdf"]
restricted_to = ["Nguyễn Văn An", "Trần Thị Bình", "Nguyễn  Văn An"]
level = "toi_mat"

[[items]]
title = "Tuyệt mật"
documents = ["docs/nhansu.pdf"]
level = "tuyet_mat"

[[polls]]
id = "phieu-1"
title = "Phiếu lấy ý kiến về dự thảo"
due = 2024-01-14
item = 2

[[polls.questions]]
text = "Đồng ý với dự thảo?"

[[polls.questions]]
text = "Ý kiến khác"
choices = []

[[polls]]
id = "phieu-2"
title = "Nhân sự"
due = 2024-01-14T12:00:00-05:30

[[polls.questions]]
text = "Chọn một"
choices = ["Phương án \"A\"", "Phương án B"]
text_answer = true

[[polls.questions]]
text = "Không bắt buộc"
choices = ["Có", "Không"]
text_answer = false

[policy]
watermark = false
allow_copy = true
allow_print = true
idle_lock_minutes = 5
notes_retention_days = 30
'''


def _every_key(folder: Path, people: People) -> Path:
    _keys(folder, people)
    _docs(folder, "docs/baocao.pdf", "docs/phuluc.docx", "docs/nhansu.pdf", "srv/office-server.toml")
    path = folder / "session.toml"
    path.write_text(EVERY_KEY, "utf-8")
    return path


def test_round_trip_of_a_session_using_every_key(tmp_path: Path, people: People) -> None:
    spec = _assert_same_meaning(_every_key(tmp_path, people))
    assert [i.level.value if i.level else None for i in spec.items] == [None, "mat", "toi_mat", "tuyet_mat"]
    assert spec.items[0].comments_due == datetime(2024, 1, 10, 23, 59, 59, tzinfo=ICT)
    assert spec.polls[0].questions[1].choices == () and spec.polls[0].questions[1].text_answer
    assert spec.polls[1].questions[0].choices[0] == 'Phương án "A"'
    assert spec.policy.notes_retention_days == 30 and spec.session_id == "btv-12.2024_a"
    assert spec.body == "Ban Thường vụ Tỉnh ủy"
    assert spec.documents_due == datetime(2024, 1, 10, 23, 59, 59, tzinfo=ICT)
    assert spec.chair == "Nguyễn Văn An" and spec.secretariat == ("Lê Hoàng Cường", "Trần Thị Bình")


def test_the_written_text(tmp_path: Path, people: People) -> None:
    draft = SessionDraft.load(_every_key(tmp_path, people))
    text = draft.to_toml()
    assert text.startswith("[session]\nid = ")
    assert 'title = "Hội nghị \\"Ban Thường vụ\\" \\\\ phiên   thứ 12"' in text
    assert 'title = "Báo cáo\\nquý IV"' in text
    assert "starts_at = 2024-01-15T08:00:00.250000+07:00" in text
    assert "comments_due = 2024-01-10\n" in text
    assert 'body = "Ban  Thường vụ Tỉnh ủy"\ndocuments_due = 2024-01-10\n' in text
    assert 'office_server = "srv/office-server.toml"' in text  # paths relative to the file, tidied
    # the tables in a stable order: session, members, items, polls (with their questions), policy
    headers = [line for line in text.splitlines() if line.startswith("[")]
    assert headers == (["[session]"] + ["[[members]]"] * 3 + ["[[items]]"] * 4
                       + ["[[polls]]"] + ["[[polls.questions]]"] * 2 + ["[[polls]]"] + ["[[polls.questions]]"] * 2
                       + ["[policy]"])


def test_texts_are_escaped_and_written_nfc() -> None:
    nfd = "Nguye\u0302\u0303n"
    assert toml_text(nfd) == '"Nguyễn"'
    for value in ['a "b" \\ c', "dòng 1\ndòng 2\r\t", "\x00\x1f\x7f\x85 e", "Tối mật 'x'"]:
        assert tomllib.loads(f"v = {toml_text(value)}")["v"] == value


def test_saving_elsewhere_keeps_the_same_files(tmp_path: Path, people: People) -> None:
    draft = SessionDraft.load(_every_key(tmp_path, people))
    out = tmp_path / "elsewhere" / "deeper" / "session.toml"
    draft.save(out)
    assert draft.folder == out.parent and draft.items[0].documents[0] == "../../docs/baocao.pdf"
    spec, moved = load_session(tmp_path / "session.toml"), load_session(out)
    assert [d.resolve() for i in moved.items for d in i.documents] == \
        [d.resolve() for i in spec.items for d in i.documents]
    assert moved.office_server is not None and spec.office_server is not None
    assert moved.office_server.resolve() == spec.office_server.resolve()
    assert [p.where for p in draft.problems()] == [("items", 1, "documents")]  # that item has none
    assert list(out.parent.iterdir()) == [out]  # written atomically: no temporary file left


def test_reading_keeps_what_it_can(tmp_path: Path, people: People) -> None:
    path = _every_key(tmp_path, people)
    text = path.read_text("utf-8").replace('presenter = "Văn phòng Tỉnh ủy"', "presenter = 5\nslides = 1")
    text = text.replace("idle_lock_minutes = 5", 'idle_lock_minutes = "five"')
    path.write_text(text, "utf-8")
    with pytest.raises(SessionFileError):
        load_session(path)
    draft = SessionDraft.load(path)
    assert {p.where for p in draft.unread} == {("items", 1, "presenter"), ("items", 1, "slides"),
                                               ("policy", "idle_lock_minutes")}
    assert draft.items[1].title == "Dự thảo Kế hoạch" and draft.items[1].presenter == ""
    assert draft.policy.idle_lock_minutes is None and draft.policy.notes_retention_days == 30
    draft.save(path)  # what could not be read is left out; the rest loads
    assert load_session(path).items[1].presenter == ""


def test_reading_never_widens_who_may_read(tmp_path: Path, people: People) -> None:
    """A restriction or a level the reader cannot take as it is stays one, to be fixed: saving
    the draft must not open a restricted or classified item to everyone."""
    path = _every_key(tmp_path, people)
    text = path.read_text("utf-8").replace('restricted_to = ["Nguyễn Văn An", "Trần Thị Bình", "Nguyễn  Văn An"]',
                                           'restricted_to = "Nguyễn Văn An"')
    text = text.replace('level = "tuyet_mat"', "level = 3")
    path.write_text(text, "utf-8")
    draft = SessionDraft.load(path)
    assert draft.items[2].restricted_to == ["Nguyễn Văn An"] and draft.items[3].level == "3"
    assert ("items", 3, "level") in [p.where for p in draft.problems()]
    path.write_text(text.replace('restricted_to = "Nguyễn Văn An"', "restricted_to = 7"), "utf-8")
    draft = SessionDraft.load(path)
    assert draft.items[2].restricted_to == []
    assert ("items", 2, "restricted_to") in [p.where for p in draft.problems()]
    draft.save(path)
    with pytest.raises(SessionFileError):
        load_session(path)


def test_an_unreadable_file_is_one_problem_about_the_whole_file(tmp_path: Path) -> None:
    path = tmp_path / "session.toml"
    path.write_text("[session\ntitle = 1", "utf-8")
    draft = SessionDraft.load(path)
    assert [p.where for p in draft.unread] == [()]
    assert draft.unread[0].message.vi.startswith("không đọc được")


# -- the rules -------------------------------------------------------------------------------------


def _good(folder: Path, people: People) -> SessionDraft:
    _keys(folder, people)
    _docs(folder, "docs/a.pdf", "docs/b.pdf", "srv.toml")
    draft = SessionDraft(
        folder=folder, title="Hội nghị Ban Thường vụ", starts_at=datetime(2024, 1, 15, 8, tzinfo=ICT),
        location="Phòng họp số 1", expires_at=datetime(2024, 2, 15, tzinfo=ICT),
        body="Ban Thường vụ Tỉnh ủy", documents_due=date(2024, 1, 10),
        members=[MemberDraft("Nguyễn Văn An", "keys/an"), MemberDraft("Trần Thị Bình", "keys/binh")],
        items=[ItemDraft("Báo cáo", "Văn phòng", ["docs/a.pdf"], comments_due=date(2024, 1, 10)),
               ItemDraft("Nhân sự", "", ["docs/b.pdf"], ["Nguyễn Văn An"], "mat")],
        polls=[PollDraft("phieu-1", "Phiếu", date(2024, 1, 14), 2,
                         [QuestionDraft("Đồng ý?"), QuestionDraft("Chọn", ["A", "B"], True)])],
    )
    assert draft.problems() == []
    return draft


def _load_fails(draft: SessionDraft) -> bool:
    path = draft.folder / "session.toml"
    path.write_text(draft.to_toml(), "utf-8")
    try:
        load_session(path)
    except SessionFileError:
        return True
    return False


# (what to change, the field the problem is about, whether load_session refuses it too)
RULES = [
    ("empty title", lambda d: setattr(d, "title", "  "), ("session", "title"), True),
    ("bad id", lambda d: setattr(d, "session_id", "có dấu"), ("session", "id"), True),
    ("no start", lambda d: setattr(d, "starts_at", None), ("session", "starts_at"), True),
    ("start without offset", lambda d: setattr(d, "starts_at", datetime(2024, 1, 15, 8)), ("session", "starts_at"),
     True),
    ("offset in seconds", lambda d: setattr(d, "starts_at", datetime(2024, 1, 15, 8, tzinfo=timezone(
        timedelta(seconds=30)))), ("session", "starts_at"), True),
    ("expires before start", lambda d: setattr(d, "expires_at", datetime(2024, 1, 1, tzinfo=ICT)),
     ("session", "expires_at"), False),
    ("documents due after the start", lambda d: setattr(d, "documents_due", date(2024, 1, 15)),
     ("session", "documents_due"), False),
    ("documents due without offset", lambda d: setattr(d, "documents_due", datetime(2024, 1, 10)),
     ("session", "documents_due"), True),
    ("body too long", lambda d: setattr(d, "body", "x" * 2001), ("session", "body"), True),
    ("missing office server", lambda d: setattr(d, "office_server", "khong.toml"), ("session", "office_server"),
     True),
    ("chair not a member", lambda d: setattr(d, "chair", "Ai Đó"), ("session", "chair"), True),
    ("secretariat not a member", lambda d: d.secretariat.append("Ai Đó"), ("session", "secretariat"), True),
    ("no members", lambda d: d.members.clear(), ("members",), True),
    ("member without name", lambda d: setattr(d.members[1], "name", ""), ("members", 1, "name"), True),
    ("duplicate member name", lambda d: setattr(d.members[1], "name", " Nguyễn  Văn An"), ("members", 1, "name"),
     True),
    ("no key", lambda d: setattr(d.members[1], "key", ""), ("members", 1, "key"), True),
    ("missing key", lambda d: setattr(d.members[1], "key", "keys/ghost"), ("members", 1, "key"), True),
    ("not a card", lambda d: setattr(d.members[1], "key", "docs/a.pdf"), ("members", 1, "key"), True),
    ("duplicate key", lambda d: setattr(d.members[1], "key", "keys/an/card.toml"), ("members", 1, "key"), True),
    ("no items", lambda d: d.items.clear(), ("items",), True),
    ("item without title", lambda d: setattr(d.items[1], "title", ""), ("items", 1, "title"), True),
    ("duplicate item title", lambda d: setattr(d.items[1], "title", "Báo  cáo"), ("items", 1, "title"), True),
    ("item without document", lambda d: d.items[1].documents.clear(), ("items", 1, "documents"), False),
    ("missing document", lambda d: d.items[1].documents.append("docs/khongco.pdf"), ("items", 1, "documents", 1),
     True),
    ("empty document path", lambda d: d.items[1].documents.append(""), ("items", 1, "documents", 1), True),
    ("restriction naming nobody", lambda d: setattr(d.items[1], "restricted_to", []), ("items", 1, "restricted_to"),
     True),
    ("restriction naming an unknown member", lambda d: d.items[1].restricted_to.append("Ai Đó"),  # type: ignore[union-attr]
     ("items", 1, "restricted_to", 1), True),
    ("unknown level", lambda d: setattr(d.items[1], "level", "secret"), ("items", 1, "level"), True),
    ("comments due after the start", lambda d: setattr(d.items[0], "comments_due", date(2024, 1, 15)),
     ("items", 0, "comments_due"), False),
    ("comments due without offset", lambda d: setattr(d.items[0], "comments_due", datetime(2024, 1, 10)),
     ("items", 0, "comments_due"), True),
    ("bad poll id", lambda d: setattr(d.polls[0], "poll_id", "Phiếu 1"), ("polls", 0, "id"), True),
    ("duplicate poll id", lambda d: d.polls.append(dataclasses.replace(d.polls[0], title="Khác")),
     ("polls", 1, "id"), True),
    ("poll without title", lambda d: setattr(d.polls[0], "title", " "), ("polls", 0, "title"), True),
    ("poll title too long", lambda d: setattr(d.polls[0], "title", "x" * 2001), ("polls", 0, "title"), True),
    ("poll without deadline", lambda d: setattr(d.polls[0], "due", None), ("polls", 0, "due"), True),
    ("poll due after expiry", lambda d: setattr(d.polls[0], "due", date(2024, 3, 1)), ("polls", 0, "due"), False),
    ("poll about no item", lambda d: setattr(d.polls[0], "item", 3), ("polls", 0, "item"), True),
    ("poll without questions", lambda d: d.polls[0].questions.clear(), ("polls", 0, "questions"), True),
    ("question without text", lambda d: setattr(d.polls[0].questions[1], "text", ""),
     ("polls", 0, "questions", 1, "text"), True),
    ("too many choices", lambda d: setattr(d.polls[0].questions[1], "choices", [str(i) for i in range(11)]),
     ("polls", 0, "questions", 1, "choices"), True),
    ("empty choice", lambda d: setattr(d.polls[0].questions[1], "choices", ["A", " "]),
     ("polls", 0, "questions", 1, "choices", 1), True),
    ("duplicate choice", lambda d: setattr(d.polls[0].questions[1], "choices", ["A", " A"]),
     ("polls", 0, "questions", 1, "choices", 1), True),
    ("no choices, no written answer", lambda d: setattr(d.polls[0].questions[1], "choices", []) or setattr(
        d.polls[0].questions[1], "text_answer", False), ("polls", 0, "questions", 1, "choices"), True),
    ("idle lock out of range", lambda d: setattr(d.policy, "idle_lock_minutes", 61),
     ("policy", "idle_lock_minutes"), True),
    ("retention out of range", lambda d: setattr(d.policy, "notes_retention_days", 0),
     ("policy", "notes_retention_days"), True),
]


@pytest.mark.parametrize(("change", "where", "refused"), [r[1:] for r in RULES], ids=[r[0] for r in RULES])
def test_each_rule_names_its_field(tmp_path: Path, people: People, change, where, refused) -> None:  # type: ignore[no-untyped-def]
    draft = _good(tmp_path, people)
    change(draft)
    problems = draft.problems()
    assert where in [p.where for p in problems], problems
    for p in problems:
        for text in (p.message.en, p.message.vi):
            assert text and "\n" not in text
    assert _load_fails(draft) is refused


def test_a_good_draft_has_no_problems_and_loads(tmp_path: Path, people: People) -> None:
    draft = _good(tmp_path, people)
    assert _load_fails(draft) is False
    spec = load_session(draft.folder / "session.toml")
    assert spec.polls[0].due == datetime(2024, 1, 14, 23, 59, 59, tzinfo=ICT)
    assert spec.items[1].restricted_to == ("Nguyễn Văn An",)


def test_messages_are_in_both_languages(tmp_path: Path, people: People) -> None:
    draft = _good(tmp_path, people)
    draft.items[1].documents = ["docs/khongco.pdf"]
    [problem] = draft.problems()
    assert problem.message.en == "document not found: docs/khongco.pdf"
    assert problem.message.vi == "không tìm thấy tài liệu: docs/khongco.pdf"


def test_the_new_session_keys_are_optional_and_checked(tmp_path: Path, people: People) -> None:
    """``body`` and ``documents_due`` (added with the clerk's workspace): a file without them
    reads as before; a blank body is left out when written; a bad value names its line."""
    draft = _good(tmp_path, people)
    draft.body, draft.documents_due = "  ", None
    text = draft.to_toml()
    assert "body" not in text and "documents_due" not in text
    assert _load_fails(draft) is False
    spec = load_session(draft.folder / "session.toml")
    assert spec.body == "" and spec.documents_due is None
    draft.documents_due = datetime(2024, 1, 12, 17, tzinfo=ICT)
    assert _load_fails(draft) is False
    assert load_session(draft.folder / "session.toml").documents_due == datetime(2024, 1, 12, 17, tzinfo=ICT)
    path = draft.folder / "session.toml"
    path.write_text(draft.to_toml().replace("documents_due = 2024-01-12T17:00:00+07:00", "documents_due = 5"),
                    "utf-8")
    with pytest.raises(SessionFileError, match="documents_due"):
        load_session(path)
    again = SessionDraft.load(path)
    assert [p.where for p in again.unread] == [("session", "documents_due")] and again.documents_due is None
