"""Issue 12 over real HTTPS (SQLite and PostgreSQL): members' comments and poll answers go to the
office server sealed, once each, in the sync round; the member sees draft → sent → received; the
server holds ciphertext only; what it holds opens at the office, and only as its sender."""

from __future__ import annotations

import base64
import uuid
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from bundle_helpers import People, unlock
from server_helpers import RunningServer, pinned_context
from test_receipts_recall import Laptop, people_server  # noqa: F401  (the server fixture)

from paperless.core.consultation import wire as W
from paperless.core.consultation.book import DRAFT, RECEIVED, SENT, ConsultationBook
from paperless.core.consultation.envelope import Answer, CommentKind, PollAnswer, RefusedEnvelopeError, open_sealed
from paperless.core.identity import load_card
from paperless.core.sync import protocol as P
from paperless.server import db
from paperless.server.consultation import ConsultationStore, Held
from paperless.server.store import Store

PASSAGE = dict(session_version=2, item=2, kind=CommentKind.COMMENT, entry="documents/0002.age",
               document_title="Dự thảo Kế hoạch chuyển đổi số", document_sha256="cd" * 32, page=1,
               quote="Mục tiêu: 100% xã có hạ tầng số", place="Mục II.1", article="Mục II", order=(1, 4))


@pytest.fixture
def laptops(tmp_path: Path, people: People, bundle: Path, people_server: RunningServer  # noqa: F811
            ) -> Iterator[tuple[Laptop, Laptop]]:
    an = Laptop.make(tmp_path / "an", people, bundle, people_server)
    binh = Laptop.make(tmp_path / "binh", people, bundle, people_server, member="binh")
    yield an, binh
    an.close()
    binh.close()


def _held(server: RunningServer, session_id: str) -> list[Held]:
    setup = server.setup
    url = setup.db or f"sqlite:///{setup.folder / db.SQLITE_FILE}"
    engine = db.make_engine(url, pool_size=1)
    try:
        return ConsultationStore(Store(engine)).for_session(session_id)
    finally:
        engine.dispose()


def test_comments_go_to_the_office_once_each_and_the_member_sees_where_they_stand(
        laptops: tuple[Laptop, Laptop], people: People, people_server: RunningServer) -> None:  # noqa: F811
    an, binh = laptops
    clerk = load_card(people.clerk)
    sid = an.session_id
    book = an.engine.consultation
    # offline: a draft stays on the laptop; sent ones wait in the outbox
    first = book.new_comment(session_id=sid, text="Đề nghị làm rõ lộ trình đến năm 2025.", **PASSAGE)
    second = book.new_comment(session_id=sid, text="Bổ sung kinh phí cho xã vùng sâu.", **PASSAGE)
    draft = book.new_comment(session_id=sid, text="Còn đang viết…", **PASSAGE)
    book.send(first.comment_id, [clerk])
    book.send(second.comment_id, [clerk])
    assert {k.key: k.state for k in book.comments(sid)} == {first.comment_id: SENT, second.comment_id: SENT,
                                                           draft.comment_id: DRAFT}
    assert len(book.pending()) == 2
    binh.engine.consultation.agree(sid, 2, 2, [clerk])  # "agree, no comments" for the item

    an.sync()
    binh.sync()
    states = {k.key: (k.state, k.received is not None) for k in book.comments(sid)}
    assert states[first.comment_id] == (RECEIVED, True) and states[draft.comment_id] == (DRAFT, False)
    assert book.pending() == []

    # amend the first, withdraw the second, before the deadline: new signed revisions
    amended = book.save_draft(first.__class__(**{**first.__dict__, "text": "Đề nghị làm rõ lộ trình đến 2030."}))
    assert amended.revision == 2 and book.comment(first.comment_id).state == DRAFT  # type: ignore[union-attr]
    book.send(first.comment_id, [clerk])
    book.withdraw(second.comment_id, [clerk])
    book.withdraw(draft.comment_id, [clerk])  # a draft never sent is just deleted
    assert book.comment(draft.comment_id) is None
    an.sync()
    assert [k.key for k in book.comments(sid)] == [first.comment_id]  # the withdrawn one is not listed

    rows = _held(people_server, sid)
    assert sorted((r.kind, r.key, r.revision) for r in rows if r.member == an.engine.member) == sorted([
        ("comment", first.comment_id, 1), ("comment", first.comment_id, 2),
        ("comment", second.comment_id, 1), ("comment", second.comment_id, 2)])
    # the office opens each, as its sender; the latest revision of each says what counts
    office = unlock(people.clerk)
    cards = {c.fingerprint: c for c in (load_card(people.member(k)) for k in ("an", "binh", "cuong"))}
    by_member = {P.member_id(fp): fp for fp in cards}
    opened = [open_sealed(r.sealed, [office.age_identity], cards, by_member[r.member]).record for r in rows]
    latest = {(o.member, o.comment_id): o for o in sorted(opened, key=lambda o: o.revision)}  # type: ignore[union-attr]
    assert sorted((o.kind.value, o.text) for o in latest.values()) == sorted([  # type: ignore[union-attr]
        ("comment", "Đề nghị làm rõ lộ trình đến 2030."), ("withdrawn", "Bổ sung kinh phí cho xã vùng sâu."),
        ("agree", "")])
    # the server holds ciphertext only
    for r in rows:
        assert "lộ trình".encode() not in r.sealed and "Mục II".encode() not in r.sealed and sid.encode() not in r.sealed


def test_a_crash_before_the_answer_and_a_replay_store_once(
        laptops: tuple[Laptop, Laptop], people: People, people_server: RunningServer) -> None:  # noqa: F811
    an, binh = laptops
    clerk = load_card(people.clerk)
    sid = an.session_id
    book = an.engine.consultation
    comment = book.new_comment(session_id=sid, text="Góp ý một lần.", **PASSAGE)
    book.send(comment.comment_id, [clerk])
    answer = book.answer_poll(PollAnswer(sid, 2, "phieu-1", 0, "", "", comment.written_at,
                                         (Answer(0, "Đồng ý"),)), [clerk])
    assert answer.revision == 1

    class Crash(Exception):
        pass

    def crash(step: str) -> None:
        if step == "consultation-sent":
            raise Crash

    an.engine.crash_hook = crash
    with pytest.raises(Crash):
        an.engine.sync_once()
    an.engine.crash_hook = None
    assert len(book.pending()) == 2  # the answer was lost with the crash: both still queued
    an.sync()  # sent again with the same op ids: duplicate, marked received
    assert book.pending() == [] and book.comment(comment.comment_id).state == RECEIVED  # type: ignore[union-attr]
    assert book.answer(sid, "phieu-1").state == RECEIVED  # type: ignore[union-attr]
    rows = _held(people_server, sid)
    assert sorted((r.kind, r.revision) for r in rows) == [("answer", 1), ("comment", 1)]

    # a replay of An's envelope under a new op id, by An: stored once, the first time of arrival kept
    ctx = pinned_context(people_server.setup.cert_path)
    token = an.engine._token
    first = next(r for r in rows if r.kind == "comment")
    item = {"op": str(uuid.uuid4()), "kind": "comment", "session_id": sid, "key": comment.comment_id,
            "revision": 1, "sealed": base64.b64encode(first.sealed).decode()}
    r = httpx.post(people_server.url + W.CONSULTATION, json={"items": [item]}, verify=ctx,
                   headers={"Authorization": f"Bearer {token}"})
    assert r.status_code == 200 and r.json()["results"][0] == {"op": item["op"], "status": "duplicate",
                                                              "received": first.received}
    # Bình uploads An's envelope as his own: the server stores it (it cannot read it), the office refuses it
    binh.sync()
    item["op"] = str(uuid.uuid4())
    r = httpx.post(people_server.url + W.CONSULTATION, json={"items": [item]}, verify=ctx,
                   headers={"Authorization": f"Bearer {binh.engine._token}"})
    assert r.status_code == 200 and r.json()["results"][0]["status"] == "stored"
    stolen = next(r for r in _held(people_server, sid) if r.member == binh.engine.member)
    cards = {c.fingerprint: c for c in (load_card(people.member(k)) for k in ("an", "binh"))}
    binh_fp = next(fp for fp in cards if P.member_id(fp) == binh.engine.member)
    with pytest.raises(RefusedEnvelopeError, match="another member"):
        open_sealed(stolen.sealed, [unlock(people.clerk).age_identity], cards, binh_fp)


def test_bad_requests_get_4xx_and_the_server_keeps_serving(
        laptops: tuple[Laptop, Laptop], people_server: RunningServer) -> None:  # noqa: F811
    an, _binh = laptops
    an.sync()
    ctx = pinned_context(people_server.setup.cert_path)
    auth = {"Authorization": f"Bearer {an.engine._token}"}
    good = {"op": str(uuid.uuid4()), "kind": "comment", "session_id": "s", "key": str(uuid.uuid4()), "revision": 1,
            "sealed": base64.b64encode(b"age").decode()}
    bad_bodies = [
        {}, {"items": []}, {"items": "x"}, {"items": [good] * (W.MAX_ITEMS + 1)},
        {"items": [{**good, "kind": "vote"}]}, {"items": [{**good, "session_id": "../x"}]},
        {"items": [{**good, "key": "phieu-1"}]}, {"items": [{**good, "kind": "answer"}]},
        {"items": [{**good, "revision": 0}]}, {"items": [{**good, "revision": True}]},
        {"items": [{**good, "sealed": "!!"}]}, {"items": [{**good, "op": "x"}]},
        {"items": [{**good, "sealed": base64.b64encode(bytes(W.MAX_SEALED_BYTES + 1)).decode()}]},
        {"items": [{**good, "session_id": "s\u0000"}]},
    ]
    with httpx.Client(verify=ctx, base_url=people_server.url) as client:
        for body in bad_bodies:
            r = client.post(W.CONSULTATION, json=body, headers=auth)
            assert 400 <= r.status_code < 500, (body, r.status_code, r.text)
        assert client.post(W.CONSULTATION, json={"items": [good]}).status_code == 401  # no token
        assert client.post(W.CONSULTATION, json={"items": [good]},
                           headers={"Authorization": "Bearer nope"}).status_code == 401
        assert client.post(W.CONSULTATION, json={"items": [good]}, headers=auth).json()["results"][0]["status"] \
            == "stored"
        assert client.get(W.CONSULTATION, headers=auth).status_code == 405


def test_a_damaged_book_is_refused_never_reset(tmp_path: Path, people: People) -> None:
    from paperless.core.localstate import LocalStateTamperedError

    book = ConsultationBook(tmp_path, unlock(people.member("an")))
    book.new_comment(session_id="s", text="x", **PASSAGE)
    data = bytearray(book.path.read_bytes())
    data[-3] ^= 1
    book.path.write_bytes(bytes(data))
    with pytest.raises(LocalStateTamperedError):
        book.comments("s")
    assert book.path.read_bytes() == bytes(data)  # left as it was
