"""Issue 12, found by an independent review: what a member signs cannot put words in another
member's mouth, reach an item they may not read or that is not open, hide in a document outside
its item, rename the draft, or stop the office's collection (each refused and reported)."""

from __future__ import annotations

import dataclasses
import json
from dataclasses import dataclass
from datetime import UTC, datetime

import pytest
from bundle_helpers import People, unlock
from test_consultation_e2e import PLAN, POLLS

from paperless.core.age import encrypt_bytes
from paperless.core.consultation.envelope import (
    Answer,
    Comment,
    CommentKind,
    PollAnswer,
    RefusedEnvelopeError,
    canonical,
    new_comment_id,
    open_sealed,
    seal,
)
from paperless.core.identity import load_card
from paperless.core.session import SessionSpec, load_session
from paperless.core.sync.protocol import member_id
from paperless.office.collect import collect, consolidation, poll_results

WHEN = datetime(2024, 1, 12, tzinfo=UTC)


@dataclass(frozen=True)
class Held:
    member: str
    kind: str
    session_id: str
    key: str
    revision: int
    received: int
    sealed: bytes


@pytest.fixture(scope="module")
def spec(tmp_path_factory: pytest.TempPathFactory, people: People) -> SessionSpec:
    from bundle_helpers import write_session

    root = tmp_path_factory.mktemp("collect")
    toml = write_session(root, people, extra=POLLS)
    text = toml.read_text(encoding="utf-8")
    text = text.replace(f'title = "{PLAN}"', f'title = "{PLAN}"\ncomments_due = 2099-12-31')
    text = text.replace('title = "Công tác cán bộ"', 'title = "Công tác cán bộ"\ncomments_due = 2099-12-31')
    toml.write_text(text, encoding="utf-8")
    return load_session(toml)


def _held(record: Comment | PollAnswer, sealed: bytes) -> Held:
    kind, key = ("comment", record.comment_id) if isinstance(record, Comment) else ("answer", record.poll_id)
    return Held(member_id(record.member), kind, record.session_id, key, record.revision, 1_700_000_000_000, sealed)


def _comment(spec: SessionSpec, who: str, people: People, **changes: object) -> tuple[Comment, Held]:
    identity = unlock(people.member(who))
    base = Comment(comment_id=new_comment_id(), revision=1, session_id=spec.session_id, session_version=1, item=2,
                   kind=CommentKind.COMMENT, member=identity.card.fingerprint, name=identity.card.name,
                   written_at=WHEN, text="Góp ý.", entry="documents/0002.age", document_title=PLAN,
                   document_sha256="cd" * 32, page=0, quote="q", place="Điều 1", article="Điều 1", order=(0, 1))
    comment = dataclasses.replace(base, **changes)  # type: ignore[arg-type]
    return comment, _held(comment, seal(comment, identity, [load_card(people.clerk)]))


def test_the_author_is_the_office_s_name_for_the_signer_never_the_name_in_the_comment(
        spec: SessionSpec, people: People) -> None:
    _, held = _comment(spec, "an", people, name="Trần Thị Bình", text="Tôi (Bình) đề nghị bỏ Điều 1.")
    got = collect([held], spec, unlock(people.clerk))
    table = consolidation(got, office="VP", place_date="")
    rows = [r for d in table.drafts for r in d.rows]
    assert [r.author for r in rows] == ["Đ/c Nguyễn Văn An"] and table.commented == ("Đ/c Nguyễn Văn An",)


def test_comments_outside_what_the_member_may_comment_on_are_refused(spec: SessionSpec, people: People) -> None:
    clerk = unlock(people.clerk)
    cases = [
        (_comment(spec, "binh", people, item=3, entry="documents/0004.age")[1], "may not read"),  # restricted to An
        (_comment(spec, "an", people, item=1, entry="documents/0001.age")[1], "not open for comments"),
        (_comment(spec, "an", people, item=2, entry="documents/0001.age")[1], "not in its item"),
        (_comment(spec, "an", people, item=9, entry=None, document_sha256=None)[1], "does not have"),
    ]
    for held, reason in cases:
        got = collect([held], spec, clerk)
        assert got.comments == [] and len(got.refused) == 1, reason
        assert reason in got.refused[0].message("en")
        assert consolidation(got, office="VP", place_date="").commented == ()


def test_the_draft_s_title_is_the_office_s(spec: SessionSpec, people: People) -> None:
    helds = [_comment(spec, "an", people, document_title="Dự thảo GIẢ")[1] for _ in range(3)]
    table = consolidation(collect(helds, spec, unlock(people.clerk)), office="VP", place_date="")
    assert [d.draft_title for d in table.drafts][0] == PLAN and "GIẢ" not in repr(table)


def test_poll_answers_that_do_not_fit_the_poll_are_refused(spec: SessionSpec, people: People) -> None:
    an = unlock(people.member("an"))
    clerk_card = load_card(people.clerk)

    def answer(*answers: Answer, revision: int = 1) -> Held:
        a = PollAnswer(spec.session_id, 1, "phieu-1", revision, an.card.fingerprint, an.card.name, WHEN, answers)
        return _held(a, seal(a, an, [clerk_card]))

    for bad in (answer(Answer(5, "Đồng ý")), answer(Answer(0, "Có lẽ")), answer(Answer(0, "Đồng ý", "chữ")),
                answer(Answer(0, None))):
        got = collect([bad], spec, unlock(people.clerk))
        assert got.answers == {} and "does not answer the poll" in got.refused[0].message("en")
        assert poll_results(got)[0].answered == ()
    got = collect([answer(Answer(0, "Đồng ý")), answer(Answer(0, "Có lẽ"), revision=2)], spec, unlock(people.clerk))
    assert got.answers["phieu-1"][an.card.fingerprint].answer.revision == 1  # the bad revision does not count


def _raw(people: People, body: bytes) -> bytes:
    an = unlock(people.member("an"))
    signature = an.signing_key.sign(body, trusted_comment="paperless-comment-v1")
    return encrypt_bytes([load_card(people.clerk).age_recipient], canonical({
        "format": "paperless-signed", "v": 1, "kind": "paperless-comment", "body": body.decode("utf-8"),
        "signature": signature}))


@pytest.mark.parametrize("mangle", ["surrogate", "control", "duplicate key", "escaped", "v true"])
def test_a_signed_body_that_is_not_canonical_or_cannot_be_written_is_refused(
        spec: SessionSpec, people: People, mangle: str) -> None:
    comment, _ = _comment(spec, "an", people)
    body = canonical(comment.body()).decode("utf-8")
    if mangle == "surrogate":
        body = body.replace('"text":"Góp ý."', '"text":"ok \\ud800 x"')
    elif mangle == "control":
        body = body.replace('"text":"Góp ý."', '"text":"ok \\u0007 x"')
    elif mangle == "duplicate key":
        body = body.replace('"text":"Góp ý."', '"text":"FIRST","text":"SHOWN"')
    elif mangle == "escaped":
        body = body.replace('"text":"Góp ý."', '"text":"G\\u00f3p \\u00fd."')
    else:
        body = body.replace('"v":1', '"v":true')
    assert body != canonical(comment.body()).decode("utf-8")
    sealed = _raw(people, body.encode("utf-8"))
    with pytest.raises(RefusedEnvelopeError):
        open_sealed(sealed, [unlock(people.clerk).age_identity], {comment.member: load_card(people.member("an"))},
                    comment.member)
    got = collect([_held(comment, sealed)], spec, unlock(people.clerk))
    assert got.comments == [] and len(got.refused) == 1
    json.dumps([r.message("vi") for r in got.refused], ensure_ascii=False).encode("utf-8")  # printable

