"""The office API (issue 13, docs/office-api.md) over real HTTPS to a ``paperless server run``
subprocess: the clerk's :class:`OfficeClient` publishes (a member then fetches the session with the
ordinary fetch client), reads receipts, recalls and follows the recall, fetches the sealed envelopes
(``collect`` gives what it gives from the server's database); only the office's key gets an office
token — never a member, a revoked device, another office's key or a replayed challenge — and an
office token opens no member endpoint; bad input is a 4xx, never a 500."""

from __future__ import annotations

import dataclasses
import socket
import subprocess
import time
from collections.abc import Iterator
from datetime import UTC, datetime
from http.client import HTTPResponse
from pathlib import Path
from typing import Any

import pytest
from distribution_helpers import build, write_session_toml
from server_helpers import (
    FAST_LOG_N,
    PASSPHRASE,
    Office,
    RunningServer,
    SyncClient,
    new_uuid,
    ok,
    pinned_context,
    refused,
    setup_server,
    start_server,
)
from system_tools import require_tool
from test_distribution_fetch import Member
from test_receipts_recall import _receipt

from paperless.core.clerk import office_protocol as O
from paperless.core.clerk.office import OfficeService
from paperless.core.clerk.office_client import (
    BundleTooLargeError,
    OfficeClient,
    OtherOfficeFileError,
    PublishRefusedError,
    ServerFullError,
    WrongOfficeKeyError,
)
from paperless.core.consultation import wire as W
from paperless.core.consultation.envelope import Comment, CommentKind, new_comment_id, seal
from paperless.core.distribution import protocol as D
from paperless.core.errors import PaperlessError
from paperless.core.identity import create_identity, load_card, unlock_identity
from paperless.core.session import load_session
from paperless.core.sync import notices as N
from paperless.core.sync import protocol as P
from paperless.core.sync.errors import OfflineError
from paperless.core.sync.office import parse_office_file
from paperless.office.collect import collect
from paperless.server import db
from paperless.server.config import load_config
from paperless.server.consultation import ConsultationStore
from paperless.server.store import Store

SID = "phien-12"


def _client(server: RunningServer) -> OfficeClient:
    return OfficeClient.from_file(server.setup.office_file, server.setup.office.unlock("clerk"))


def _one_line_both(exc: PaperlessError) -> tuple[str, str]:
    en, vi = exc.message("en"), exc.message("vi")
    assert "\n" not in en and "\n" not in vi and en != vi, (en, vi)
    return en, vi


def _office_token(server: RunningServer) -> str:
    return _client(server).token()


def _bearer(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


# -- publish, then a member fetches ------------------------------------------------------------------------
@pytest.mark.parametrize("backend", ["sqlite"])
def test_the_office_publishes_through_the_client_and_a_member_fetches_it(
        tmp_path: Path, server: RunningServer, office: Office) -> None:
    client = _client(server)
    service: OfficeService = client  # it is the lead's interface
    v1 = build(tmp_path, office, 1)
    published = service.publish(v1.path, datetime(2026, 12, 15, 9, 0))
    assert published.session_id == v1.session_id and published.version == 1 and published.new
    assert published.size == v1.path.stat().st_size and published.enrolled == 2  # an and binh, not cuong
    assert service.publish(v1.path).new is False  # the same file again: nothing changes
    an = server.device("an")  # what the members' list says, due date included
    an.register()
    [listed] = ok(an.request("GET", D.BUNDLES))["bundles"]
    assert listed["sha256"] == published.sha256 and listed["due"] == "2026-12-15"

    member = Member(tmp_path / "an-laptop", office, "an", server.setup)
    try:
        [fetched] = member.fetcher.fetch_all()
        assert fetched.session_id == v1.session_id and fetched.version == 1 and fetched.new_session
        [record] = member.library.sessions()
        assert member.library.bundle_path(record).read_bytes() == v1.path.read_bytes()
    finally:
        member.close()

    # refused exactly as `paperless server publish` refuses, in one line, both languages
    other = build(tmp_path, office, 1, name="other-v1", docs={"Khác": "Nội dung khác"})
    with pytest.raises(PublishRefusedError) as caught:
        client.publish(other.path)
    en, vi = _one_line_both(caught.value)
    assert "other-v1.plb" in en and "already published with other contents" in en
    assert "đã được phát hành với nội dung khác" in vi
    assert client.publish(build(tmp_path, office, 2, name="v2", docs={"Mới": "Bản mới"}).path).version == 2
    with pytest.raises(PublishRefusedError, match="rollback refused"):
        client.publish(build(tmp_path, office, 1, name="late", docs={"Cũ": "Cũ"}).path)
    rogue_dir = tmp_path / "rogue"
    create_identity(rogue_dir, "Văn phòng giả", "clerk", PASSPHRASE, log_n=FAST_LOG_N)
    forged = build(tmp_path, office, 3, name="forged", signer=unlock_identity(rogue_dir, PASSPHRASE, failure_delay=0))
    with pytest.raises(PublishRefusedError):
        client.publish(forged.path)
    junk = tmp_path / "junk.paperless"
    junk.write_bytes(b"PK\x03\x04 not a bundle" * 100)
    with pytest.raises(PublishRefusedError):
        client.publish(junk)
    assert not list((server.setup.folder / "bundles" / "incoming").glob("*"))  # no upload left behind


# -- receipts and recalls ------------------------------------------------------------------------------------
def test_receipts_recall_and_its_confirmations_round_trip_through_the_client(server: RunningServer) -> None:
    client = _client(server)
    an = server.device("an", "Máy tính văn phòng")
    an.register()
    assert client.receipts(SID) == [] and client.recall_status(SID) == []
    receipt = _receipt(an, event="opened")
    ok(an.request("POST", N.RECEIPTS, json={"receipts": [receipt]}))
    [entry] = client.receipts(SID)
    more = [_receipt(an, event=event) for event in ("received", "read_to_end", "opened")]
    ok(an.request("POST", N.RECEIPTS, json={"receipts": more}))
    client.receipts_page = 1  # one receipt a page: the same list, in the same order
    paged = client.receipts(SID)
    client.receipts_page = O.RECEIPTS_PAGE
    assert paged == client.receipts(SID) and len(paged) == 4 and entry in paged
    assert (entry.member, entry.member_name, entry.device, entry.version, entry.target, entry.event, entry.at) == (
        an.member, "Nguyễn Văn An", an.device, 2, "entry:documents/0001.age", "opened", "2026-12-07T07:00:00Z")

    client.recall(SID, 1, notes="delete")  # the second agenda item (index 1)
    [mine] = ok(an.request("GET", N.RECALLS))["recalls"]
    assert (mine["session_id"], mine["item"], mine["notes"], mine["acked"]) == (SID, 1, "delete", False)
    status = client.recall_status(SID)
    assert sorted(r.member_name for r in status) == ["Lê Hoàng Cường", "Nguyễn Văn An", "Trần Thị Bình"]
    [an_row] = [r for r in status if r.device]
    assert (an_row.device, an_row.device_name, an_row.item, an_row.acked_at, an_row.revoked) == (
        an.device, "Máy tính văn phòng", 1, None, False)

    message = N.recall_ack_message(an.member, an.device, mine["recall"], SID, 1, "delete")
    ok(an.request("POST", f"{N.RECALLS}/{mine['recall']}/ack", json={"signature": P.b64(an.key.sign(message))}))
    [an_row] = [r for r in client.recall_status(SID) if r.device]
    assert an_row.acked_at is not None and an_row.recall_id == mine["recall"]
    client.recall(SID)  # the whole session now
    assert {r.item for r in client.recall_status(SID)} == {None, 1}


# -- consultation envelopes ------------------------------------------------------------------------------------
def _comment(identity: Any, sid: str, text: str, *, revision: int = 1, comment_id: str | None = None) -> Comment:
    return Comment(comment_id=comment_id or new_comment_id(), revision=revision, session_id=sid, session_version=1,
                   item=1, kind=CommentKind.COMMENT, member=identity.card.fingerprint, name=identity.card.name,
                   written_at=datetime.now(UTC), text=text)


def _send(device: SyncClient, record: Comment, sealed: bytes) -> None:
    item = {"op": new_uuid(), "kind": "comment", "session_id": record.session_id, "key": record.comment_id,
            "revision": record.revision, "sealed": P.b64(sealed)}
    assert ok(device.request("POST", W.CONSULTATION, json={"items": [item]}))["results"][0]["status"] == "stored"


@pytest.mark.parametrize("backend", ["sqlite"])
def test_envelopes_fetched_through_the_client_collect_as_from_the_database(
        tmp_path: Path, server: RunningServer, office: Office) -> None:
    toml = write_session_toml(tmp_path / "session", office, members=("an", "binh"), session_id=SID)
    text = toml.read_text("utf-8").replace('title = "Báo cáo quý IV"', 'title = "Báo cáo quý IV"\ncomments_due = 2099-12-31')
    toml.write_text(text, "utf-8")
    spec = load_session(toml)
    clerk_card = load_card(office.clerk)
    an_id, binh_id = office.unlock("an"), office.unlock("binh")
    an, binh = server.device("an"), server.device("binh")
    an.register()
    binh.register()
    first = _comment(an_id, SID, "Đề nghị bổ sung chỉ tiêu về chữ ký số.")
    _send(an, first, seal(first, an_id, [clerk_card]))
    amended = dataclasses.replace(first, revision=2, text="Đề nghị bổ sung chỉ tiêu về chữ ký số cho cấp xã.")
    _send(an, amended, seal(amended, an_id, [clerk_card]))
    for n in range(3):
        c = _comment(binh_id, SID, f"Ý kiến số {n + 1} của đồng chí Bình.")
        _send(binh, c, seal(c, binh_id, [clerk_card]))
    forged = _comment(an_id, SID, "Ý kiến giả danh.")  # Bình's laptop sends what An signed: refused by collect
    _send(binh, forged, seal(forged, an_id, [clerk_card]))

    client = _client(server)
    client.page_limit = 2  # several pages
    through_api = client.envelopes(SID)
    config = load_config(server.setup.folder, server.setup.db or None)
    engine = db.make_engine(config.database_url, pool_size=1)
    try:
        direct = ConsultationStore(Store(engine)).for_session(SID)
    finally:
        engine.dispose()
    assert len(through_api) == len(direct) == 6
    assert [dataclasses.astuple(h) for h in through_api] == [dataclasses.astuple(h) for h in direct]

    clerk = office.unlock("clerk")
    a, b = collect(through_api, spec, clerk), collect(direct, spec, clerk)

    def seen(c: Any) -> Any:
        return ([(x.comment.comment_id, x.comment.revision, x.comment.text, x.received, x.late) for x in c.comments],
                c.agreed, c.answers, [r.message("en") for r in c.refused])

    assert seen(a) == seen(b)
    assert len(a.comments) == 4 and len(a.refused) == 1
    assert "cho cấp xã" in next(x.comment.text for x in a.comments if x.comment.comment_id == first.comment_id)
    assert client.envelopes("phien-khac") == []


# -- who may call -----------------------------------------------------------------------------------------------
def _office_endpoints() -> list[tuple[str, str]]:
    return [("POST", O.BUNDLES), ("GET", O.session_path(SID, "receipts")), ("POST", O.session_path(SID, "recall")),
            ("GET", O.session_path(SID, "recalls")), ("GET", O.session_path(SID, "envelopes")),
            ("POST", O.LOGOUT), ("GET", O.PREFIX + "/anything"), ("OPTIONS", O.session_path(SID, "receipts")),
            ("OPTIONS", O.PREFIX + "/anything")]


def _member_endpoints() -> list[tuple[str, str, dict[str, Any] | None]]:
    return [("GET", P.DEVICES, None), ("GET", P.KEYS, None), ("GET", P.PULL, None), ("GET", P.DIGEST, None),
            ("POST", P.PUSH, {"ops": [{"op": new_uuid(), "uuid": new_uuid(), "base": 0, "payload": "AAAA"}]}),
            ("GET", D.BUNDLES, None), ("GET", N.RECALLS, None),
            ("POST", N.RECEIPTS, {"receipts": [{"op": new_uuid()}]}), ("POST", W.CONSULTATION, {"items": []})]


def _login_body(server: RunningServer, signer: Any, *, office_id: str | None = None, url: str | None = None,
                challenge: bytes | None = None) -> tuple[dict[str, Any], bytes]:
    office_id = office_id or P.member_id(load_card(server.setup.office.clerk).fingerprint)
    with server.client() as http:
        if challenge is None:
            answer = ok(http.post(O.CHALLENGE, json={"office": office_id, "action": "login"}))
            challenge = P.unb64(answer["challenge"], limit=P.CHALLENGE_BYTES)
    signature = signer.signing_key.sign(O.auth_message("login", url or server.url, office_id, challenge),
                                        trusted_comment=O.TRUSTED_COMMENT)
    return {"office": office_id, "challenge": P.b64(challenge), "signature": signature}, challenge


def test_only_the_office_s_key_gets_an_office_token_and_it_opens_no_member_endpoint(
        tmp_path: Path, server: RunningServer, office: Office) -> None:
    clerk = office.unlock("clerk")
    an, an2 = server.device("an"), server.device("an", "Máy ở nhà")
    an.register()
    an2.register()
    revoked_token = an2.token
    ok(an.revoke(an2.device))
    rogue_dir = tmp_path / "rogue"
    create_identity(rogue_dir, "Văn phòng giả", "clerk", PASSPHRASE, log_n=FAST_LOG_N)
    rogue = unlock_identity(rogue_dir, PASSPHRASE, failure_delay=0)
    with server.client() as http:
        # who cannot log in as the office: another office's key, a member's key (with the office's id or
        # their own), a device's raw signature, a signature for another server, a used challenge
        for signer, office_id in ((rogue, None), (office.unlock("an"), None), (office.unlock("an"), an.member),
                                  (rogue, P.member_id(rogue.card.fingerprint))):
            body, _ = _login_body(server, signer, office_id=office_id)
            refused(http.post(O.LOGIN, json=body), 401, P.UNAUTHORIZED)
        body, challenge = _login_body(server, clerk)
        device_style = {**body, "signature": an.sign("login", challenge)}
        refused(http.post(O.LOGIN, json=device_style), 401, P.UNAUTHORIZED)
        refused(http.post(O.LOGIN, json=body), 401, P.UNAUTHORIZED)  # that challenge is used up now
        body, _ = _login_body(server, clerk, url="https://10.0.0.5:8443")
        refused(http.post(O.LOGIN, json=body), 401, P.UNAUTHORIZED)
        # a member's challenge is not an office's, nor the other way round
        body, challenge = _login_body(server, clerk)
        member_challenge = an.challenge("login")
        refused(http.post(O.LOGIN, json={**body, **_login_body(server, clerk, challenge=member_challenge)[0]}),
                401, P.UNAUTHORIZED)
        refused(http.post(P.LOGIN, json={"member": body["office"], "device": O.DEVICE, "challenge": body["challenge"],
                                         "signature": P.b64(b"\0" * 64)}), 400, P.BAD_REQUEST)
        answer = ok(http.post(O.LOGIN, json=body))
        office_token = answer["token"]
        assert answer["expires_in"] == P.TOKEN_TTL_S

        later, _ = _login_body(server, clerk)
        logged_out = ok(http.post(O.LOGIN, json=later))["token"]
        ok(http.post(O.LOGOUT, headers=_bearer(logged_out)))

        # every office endpoint refuses: no token, a member's, a revoked device's, a made-up one, a logged-out one
        for method, path in _office_endpoints():
            refused(http.request(method, path), 401, P.UNAUTHORIZED)
            for token in (an.token, revoked_token, "x" * 40, logged_out):
                assert token is not None
                refused(http.request(method, path, headers=_bearer(token)), 401, P.UNAUTHORIZED)
        for path in (O.BUNDLES, O.session_path(SID, "receipts"), O.PREFIX + "/anything"):  # no body to a HEAD
            assert http.head(path).status_code == 401
        # … and the office's token opens none of the members' endpoints
        for method, path, payload in _member_endpoints():
            refused(http.request(method, path, json=payload, headers=_bearer(office_token)), 401, P.UNAUTHORIZED)
        refused(http.post(f"{P.DEVICES}/{an.device}/revoke", headers=_bearer(office_token)), 401, P.UNAUTHORIZED)
        refused(http.get(f"{D.BUNDLES}/{'0' * 64}", headers=_bearer(office_token)), 401, P.UNAUTHORIZED)
        # the office's token works, until it runs out
        ok(http.get(O.session_path(SID, "receipts"), headers=_bearer(office_token)))
        server.advance_clock(P.TOKEN_TTL_S + 1)
        refused(http.get(O.session_path(SID, "receipts"), headers=_bearer(office_token)), 401, P.UNAUTHORIZED)

    # the client: another office's key is told so in one line; a file of another office too
    wrong = OfficeClient(parse_office_file(server.setup.office_file.read_bytes(), [load_card(office.clerk)]), rogue)
    with pytest.raises(WrongOfficeKeyError) as caught:
        wrong.receipts(SID)
    en, vi = _one_line_both(caught.value)
    assert "Văn phòng giả" in en and "không chấp nhận" in vi
    with pytest.raises(OtherOfficeFileError):
        OfficeClient.from_file(server.setup.office_file, rogue)
    assert _client(server).receipts(SID) == []  # and the real office still gets in (a fresh login)


def test_bad_office_requests_are_4xx_and_uploads_are_limited(tmp_path: Path, office: Office) -> None:
    setup = setup_server(tmp_path / "server", office)
    server = start_server(setup, extra_env={"PAPERLESS_SERVER_MAX_UPLOAD": "8192"})
    try:
        token = _office_token(server)
        auth = _bearer(token)
        office_id = P.member_id(load_card(office.clerk).fingerprint)
        with server.client() as http:
            for body in ({"office": "123", "action": "login"}, {"office": office_id, "action": "register"},
                         {"office": office_id}, [], {"office": 5, "action": "login"}):
                refused(http.post(O.CHALLENGE, json=body), 400, P.BAD_REQUEST)
            refused(http.post(O.CHALLENGE, content=b"\xff{", headers={"content-type": "application/json"}), 400,
                    P.BAD_REQUEST)
            good, _ = _login_body(server, office.unlock("clerk"))
            for bad in ({"challenge": "AAAA"}, {"challenge": 7}, {"signature": 7}, {"signature": "a\u0000b"},
                        {"signature": "s" * (O.MAX_SIGNATURE_CHARS + 1)}, {"office": "x"}):
                refused(http.post(O.LOGIN, json={**good, **bad}), 400, P.BAD_REQUEST)
            refused(http.post(O.LOGIN, content=b"x" * (70 * 1024)), 413, P.TOO_LARGE)
            for due in ("15/12/2026", "2026-02-30", "tomorrow"):
                refused(http.post(O.BUNDLES, params={"due": due}, content=b"PK", headers=auth), 400, P.BAD_REQUEST)
            refused(http.post(O.BUNDLES, content=b"", headers=auth), 400, P.BAD_REQUEST)
            r = http.post(O.BUNDLES, content=b"not a bundle at all", headers=auth)
            assert r.status_code == 400 and r.json()["error"] == O.PUBLISH_REFUSED and r.json()["detail_vi"]
            refused(http.post(O.BUNDLES, content=b"x" * 9000, headers=auth), 413, P.TOO_LARGE)

            def chunks() -> Iterator[bytes]:  # no length declared: the endpoint counts
                for _ in range(20):
                    yield b"y" * 1000

            refused(http.post(O.BUNDLES, content=chunks(), headers=auth), 413, P.TOO_LARGE)
            for sid in ("a b", "x" * 65, "phiên"):
                refused(http.get(O.session_path(sid, "receipts"), headers=auth), 400, P.BAD_REQUEST)
            recall = O.session_path(SID, "recall")
            for body in ({"item": -1}, {"item": "1"}, {"item": True}, {"notes": "burn"}, {"item": 10**9}):
                refused(http.post(recall, json=body, headers=auth), 400, P.BAD_REQUEST)
            refused(http.post(recall, content=b"[", headers=auth), 400, P.BAD_REQUEST)
            envelopes = O.session_path(SID, "envelopes")
            for params in ({"after": "zz"}, {"after": f"{office_id}:comment:k:x"}, {"after": "1:comment:k:1"},
                           {"limit": "0"}, {"limit": "abc"}, {"limit": str(O.MAX_ENVELOPES_PAGE + 1)}):
                refused(http.get(envelopes, params=params, headers=auth), 400, P.BAD_REQUEST)
            receipts = O.session_path(SID, "receipts")
            for params in ({"after": "zz"}, {"after": f"{office_id}:not-an-op"}, {"after": f"1:{new_uuid()}"},
                           {"limit": "0"}, {"limit": "-1"}, {"limit": str(O.MAX_RECEIPTS_PAGE + 1)}):
                refused(http.get(receipts, params=params, headers=auth), 400, P.BAD_REQUEST)
            assert ok(http.get(receipts, params={"after": f"{office_id}:{new_uuid()}", "limit": "5"},
                               headers=auth)) == {"receipts": [], "cursor": "", "more": False}
            refused(http.get(O.PREFIX + "/nothing/here", headers=auth), 404, P.NOT_FOUND)
            refused(http.delete(O.BUNDLES, headers=auth), 404, P.NOT_FOUND)
        # a declared length over the limit: 413 before a byte of the body is read (raw, so nothing is sent)
        ctx = pinned_context(setup.cert_path)
        with socket.create_connection(("127.0.0.1", setup.port), timeout=30) as raw, \
                ctx.wrap_socket(raw, server_hostname="127.0.0.1") as tls:
            tls.sendall((f"POST {O.BUNDLES} HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer {token}\r\n"
                         f"Content-Type: application/octet-stream\r\nContent-Length: {10**12}\r\n\r\n").encode())
            response = HTTPResponse(tls)  # type: ignore[arg-type]
            response.begin()
            assert response.status == 413
        # an upload cut half-way: nothing published, no upload file left, the server serves on
        cut_line = f"POST {O.BUNDLES} 400"
        before = server.log_text().count(cut_line)
        with socket.create_connection(("127.0.0.1", setup.port), timeout=30) as raw, \
                ctx.wrap_socket(raw, server_hostname="127.0.0.1") as tls:
            tls.sendall((f"POST {O.BUNDLES} HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer {token}\r\n"
                         f"Content-Type: application/octet-stream\r\nContent-Length: 8000\r\n\r\n").encode()
                        + b"PK" * 1000)
        incoming = setup.folder / "bundles" / "incoming"
        deadline = time.monotonic() + 30
        while server.log_text().count(cut_line) == before and time.monotonic() < deadline:
            time.sleep(0.05)  # the server notices the cut and answers 400 (to nobody)
        assert server.log_text().count(cut_line) == before + 1
        assert not list(incoming.glob("upload-*")) and server.healthy()
        # the client says so before sending anything, and a bundle that fits still goes
        big = build(tmp_path, office, 1)
        assert big.path.stat().st_size > 8192
        with pytest.raises(BundleTooLargeError) as caught:
            _client(server).publish(big.path)
        en, vi = _one_line_both(caught.value)
        assert "8192" in en and "USB" in vi
        assert "Traceback" not in server.log_text() and " 500 " not in server.log_text()
    finally:
        server.stop()
    # offline: one line, both languages
    with pytest.raises(OfflineError) as gone:
        _client(server).receipts(SID)
    en, vi = _one_line_both(gone.value)
    assert "Không liên lạc được với máy chủ văn phòng" in vi


# -- a member cannot make the office's answers too large to read -------------------------------------------------
@pytest.mark.parametrize("backend", ["sqlite"])
def test_a_member_flooding_receipts_does_not_stop_the_office_reading_them(server: RunningServer) -> None:
    """Receipts are the device's to send, as many as it likes (each op once): an insider's flood of long,
    distinct receipts must not make the office's answer larger than the client reads (8 MiB), which would
    stop the Follow page (receipts, recalls, comments and polls are read together) for the whole session."""
    an = server.device("an")
    an.register()
    entry = "documents/" + "x" * (N.MAX_ENTRY - len("documents/"))
    sent = 0
    per_request = N.MAX_RECEIPTS
    while sent * 330 < P.MAX_BODY_BYTES + 1024 * 1024:  # each row of the answer is over 330 bytes
        batch = []
        for _ in range(per_request):
            body = {"op": new_uuid(), "session_id": SID, "version": 2, "entry": entry, "event": "opened",
                    "at": "2026-12-07T07:00:00.000000+07:00"}
            message = N.receipt_message(an.member, an.device, body["op"], SID, 2, f"entry:{entry}", "opened",
                                        body["at"])
            body["signature"] = P.b64(an.key.sign(message))
            batch.append(body)
        ok(an.request("POST", N.RECEIPTS, json={"receipts": batch}))
        sent += per_request
    receipts = _client(server).receipts(SID)
    assert len(receipts) == sent and {r.member for r in receipts} == {an.member}


@pytest.mark.parametrize("backend", ["sqlite"])
def test_a_full_server_disk_is_told_as_such_and_the_server_keeps_serving(
        tmp_path: Path, server: RunningServer, office: Office) -> None:
    """ENOSPC while the upload is written: 507 server_full (never a 500 the client would call
    "unreachable"), nothing published, nothing left, and the server goes on."""
    require_tool("mount")
    incoming = server.setup.folder / "bundles" / "incoming"
    incoming.mkdir(parents=True, exist_ok=True)
    big = build(tmp_path, office, 1, docs={f"Tài liệu {i}": "Nội dung " * 20_000 for i in range(3)})
    assert big.path.stat().st_size > 300_000
    subprocess.run(["mount", "-t", "tmpfs", "-o", "size=256k", "tmpfs", str(incoming)], check=True)
    try:
        client = _client(server)
        with pytest.raises(ServerFullError) as caught:
            client.publish(big.path)
        en, vi = _one_line_both(caught.value)
        assert "disk is full" in en and "ổ đĩa" in vi.lower()
        assert list(incoming.iterdir()) == []
        assert client.receipts(big.session_id) == []  # still serving, same login
    finally:
        subprocess.run(["umount", str(incoming)], check=True)
    assert _client(server).publish(big.path).new  # with room again, it goes out
