"""The sync engine against small stand-ins for the office server: cancelling a round (shutdown),
the pending-device answer over a tiny local HTTPS stub, and a restored server that lost key
generations (an in-memory server speaking the protocol's JSON)."""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from server_helpers import Office, free_port

from paperless.core.identity import UnlockedIdentity
from paperless.core.notes import NotesStore
from paperless.core.sync import SyncEngine, SyncState
from paperless.core.sync import protocol as P
from paperless.core.sync.office import OfficeServer, parse_office_file
from paperless.core.sync.transport import Connection
from paperless.server.office import make_tls, office_file_text


@pytest.fixture
def an(office: Office) -> UnlockedIdentity:
    return office.unlock("an")


@pytest.fixture
def tls(tmp_path: Path) -> Path:
    folder = tmp_path / "tls"
    folder.mkdir()
    make_tls(folder, "127.0.0.1")
    return folder


def office_at(office: Office, tls: Path, port: int) -> OfficeServer:
    """A signed office file naming 127.0.0.1:port and the certificate in ``tls``."""
    pem = (tls / "tls.crt").read_text("ascii")
    text = office_file_text(office.unlock("clerk"), f"https://127.0.0.1:{port}", "srv-1", pem,
                            "2026-12-07T10:00:00Z")
    from paperless.core.identity import load_card

    return parse_office_file(text.encode(), [load_card(office.clerk)])


@pytest.fixture
def store(tmp_path: Path, an: UnlockedIdentity) -> Iterator[NotesStore]:
    with NotesStore.open(tmp_path / "notes", an) as s:
        yield s


# -- cancel ----------------------------------------------------------------------------------------

def _cancel_after(engine: SyncEngine, delay: float) -> threading.Thread:
    thread = threading.Thread(target=lambda: (time.sleep(delay), engine.cancel()))
    thread.start()
    return thread


def test_cancel_stops_the_backoff_of_a_round_against_a_closed_port(tmp_path: Path, office: Office, tls: Path,
                                                                   an: UnlockedIdentity, store: NotesStore) -> None:
    store.set_item_note("s-1", 0, "chờ mạng")
    connection = Connection(office_at(office, tls, free_port()))  # nothing listens there
    engine = SyncEngine(an, tmp_path / "notes", store, connection, retries=20, backoff_s=2.0)
    started = time.monotonic()
    canceller = _cancel_after(engine, 0.3)
    report = engine.sync_once()
    elapsed = time.monotonic() - started
    canceller.join()
    assert report.status.state is SyncState.OFFLINE and "stopped" in report.status.detail.en
    assert elapsed < 1.5, elapsed  # without cancel: 2 + 4 + 8 … seconds of backoff
    # a cancelled engine makes no new request and answers at once
    started = time.monotonic()
    again = engine.sync_once()
    assert again.status.state is SyncState.OFFLINE and time.monotonic() - started < 0.2
    assert engine.wait_for_changes(30) is False and time.monotonic() - started < 0.5


def test_cancel_cuts_a_request_to_a_server_that_never_answers(tmp_path: Path, office: Office, tls: Path,
                                                              an: UnlockedIdentity, store: NotesStore) -> None:
    listener = socket.create_server(("127.0.0.1", 0), backlog=16)  # accepts TCP (the backlog), never answers
    try:
        port = listener.getsockname()[1]
        connection = Connection(office_at(office, tls, port))
        assert connection.timeout == 15.0  # the default stays
        engine = SyncEngine(an, tmp_path / "notes", store, connection, retries=5)
        started = time.monotonic()
        canceller = _cancel_after(engine, 0.5)
        report = engine.sync_once()
        elapsed = time.monotonic() - started
        canceller.join()
        assert report.status.state is SyncState.OFFLINE and "stopped" in report.status.detail.en
        assert elapsed < 1.5, elapsed
    finally:
        listener.close()


def test_the_request_timeout_is_configurable(tmp_path: Path, office: Office, tls: Path,
                                             an: UnlockedIdentity, store: NotesStore) -> None:
    listener = socket.create_server(("127.0.0.1", 0), backlog=16)
    try:
        connection = Connection(office_at(office, tls, listener.getsockname()[1]), timeout=0.3)
        engine = SyncEngine(an, tmp_path / "notes", store, connection, retries=2, sleep=lambda _s: None)
        started = time.monotonic()
        report = engine.sync_once()
        assert report.status.state is SyncState.OFFLINE and "no answer in time" in report.status.detail.en
        assert time.monotonic() - started < 3
    finally:
        listener.close()
    made = SyncEngine(an, tmp_path / "notes", store, request_timeout_s=2.5)
    assert made._request_timeout == 2.5


# -- a device waiting for approval (a tiny HTTPS stub of the server's answers) ----------------------

class Stub:
    """An HTTPS server on loopback answering from ``routes`` ((method, path) → (status, JSON)),
    recording every request (method, path, Authorization header)."""

    def __init__(self, tls: Path, routes: dict[tuple[str, str], tuple[int, dict[str, object]]]) -> None:
        import json
        import ssl
        from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

        self.routes = routes
        self.seen: list[tuple[str, str, str]] = []
        stub = self

        class Handler(BaseHTTPRequestHandler):
            def _answer(self) -> None:
                length = int(self.headers.get("Content-Length") or 0)
                if length:
                    self.rfile.read(length)
                path = self.path.split("?", 1)[0]
                stub.seen.append((self.command, path, self.headers.get("Authorization") or ""))
                status, body = stub.routes.get((self.command, path), (404, {"error": "not_found", "detail": ""}))
                raw = json.dumps(body).encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(raw)))
                self.end_headers()
                self.wfile.write(raw)

            do_GET = do_POST = do_PUT = _answer

            def log_message(self, format: str, *args: object) -> None:
                pass

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        ctx.load_cert_chain(str(tls / "tls.crt"), str(tls / "tls.key"))
        self.httpd.socket = ctx.wrap_socket(self.httpd.socket, server_side=True)
        self.port = self.httpd.server_address[1]
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)
        self.thread.start()

    def close(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()


CHALLENGE_ANSWER = (200, {"challenge": P.b64(b"c" * P.CHALLENGE_BYTES), "expires_in": 60})
PENDING = (403, {"error": P.DEVICE_PENDING, "detail": "waiting for approval"})


def test_a_device_waiting_for_approval_is_refused_with_that_detail_and_wipes_nothing(
        tmp_path: Path, office: Office, tls: Path, an: UnlockedIdentity, store: NotesStore) -> None:
    from paperless.core.sync import PendingApprovalError
    from paperless.core.sync.device import DEVICE_FILE

    stub = Stub(tls, {("POST", P.CHALLENGE): CHALLENGE_ANSWER, ("POST", P.LOGIN): (401, {"error": "unauthorized"}),
                      ("POST", P.REGISTER): PENDING})
    try:
        store.set_item_note("s-1", 0, "máy mới")
        folder = tmp_path / "notes"
        engine = SyncEngine(an, folder, store, Connection(office_at(office, tls, stub.port)))
        report = engine.sync_once()
        assert report.status.state is SyncState.REFUSED and report.pending == 1
        assert report.status.detail.en == PendingApprovalError.en and report.status.detail.vi == PendingApprovalError.vi
        assert "waits for approval" in report.status.detail.en and "File ▸ My devices" in report.status.detail.en
        assert "Tệp ▸ Thiết bị của tôi" in report.status.detail.vi
        assert (folder / DEVICE_FILE).exists() and store.item_note("s-1", 0) is not None  # nothing wiped
        assert not any(path == P.REVOKED_ACK for _m, path, _a in stub.seen)
        # the same answer to a login (a device registered before, still pending): refused the same way
        stub.routes[("POST", P.LOGIN)] = PENDING
        again = engine.sync_once()
        assert again.status.state is SyncState.REFUSED and again.status.detail.en == PendingApprovalError.en
    finally:
        stub.close()


def test_approve_posts_to_the_device_and_the_devices_list_says_pending(
        tmp_path: Path, office: Office, tls: Path, an: UnlockedIdentity, store: NotesStore) -> None:
    other = "0b9f8f0e-5c3a-4c1e-9d7e-2f4a3b1c0d9e"
    login = (200, {"token": "tok-1", "expires_in": 900, "epoch": "e1", "device": "x"})
    stub = Stub(tls, {("POST", P.CHALLENGE): CHALLENGE_ANSWER, ("POST", P.LOGIN): login,
                      ("POST", f"{P.DEVICES}/{other}/approve"): (200, {"status": "ok"}),
                      ("GET", P.DEVICES): (200, {"devices": [
                          {"device": other, "name": "máy mới", "created": "2026-12-07T10:00:00Z", "last_seen": None,
                           "revoked": None, "wiped": None, "current": False, "pending": True}]})})
    try:
        engine = SyncEngine(an, tmp_path / "notes", store, Connection(office_at(office, tls, stub.port)))
        listed = engine.devices()
        assert [(d.device, d.pending, d.revoked) for d in listed] == [(other, True, False)]
        engine.approve(other)
        assert ("POST", f"{P.DEVICES}/{other}/approve", "Bearer tok-1") in stub.seen
        with pytest.raises(ValueError):
            engine.approve("not-a-uuid")
    finally:
        stub.close()
    from paperless.core.sync import DeviceInfo

    assert DeviceInfo("d", "n", "c", None, False, False, False).pending is False  # the key missing: not pending


# -- a restored server that lost key generations (an in-memory server speaking the protocol) ---------

class MemoryServer:
    """The office server's answers for one member, kept in memory (no signatures checked: the real
    server's rules are in test_server_*.py). ``backup()`` / ``restore()`` as the office would."""

    address = "https://memory.invalid:1"

    def __init__(self) -> None:
        import uuid

        self._uuid = uuid
        self.epoch = str(uuid.uuid4())
        self.state: dict[str, object] = {"records": {}, "keys": {}, "counter": 0, "ops": {}, "devices": set(),
                                         "rotate": False}
        self.tokens = 0

    # the office's tools
    def backup(self) -> dict[str, object]:
        import copy

        return copy.deepcopy(self.state)

    def restore(self, saved: dict[str, object]) -> None:
        import copy

        self.state = copy.deepcopy(saved)
        self.epoch = str(self._uuid.uuid4())  # every token void

    def generations(self) -> list[int]:
        return sorted(self.keys)

    @property
    def records(self) -> dict[str, tuple[int, int, str]]:
        return self.state["records"]  # type: ignore[return-value]

    @property
    def keys(self) -> dict[int, str]:
        return self.state["keys"]  # type: ignore[return-value]

    # the transport
    def request(self, method: str, path: str, body: dict[str, object] | None = None, token: str | None = None,
                *, timeout: float | None = None) -> dict[str, object]:
        from paperless.core.sync.errors import HttpError

        def fail(status: int, code: str) -> HttpError:
            return HttpError(status, code, address=self.address, detail=code)

        path, _, query = path.partition("?")
        args = dict(q.split("=", 1) for q in query.split("&") if q)
        body = body or {}
        if path == P.CHALLENGE:
            return {"challenge": P.b64(b"c" * 32), "expires_in": 60}
        devices: set[str] = self.state["devices"]  # type: ignore[assignment]
        if path in (P.LOGIN, P.REGISTER):
            device = str(body["device"])
            if path == P.LOGIN and device not in devices:
                raise fail(401, "unauthorized")
            devices.add(device)
            self.tokens += 1
            return {"token": f"{self.epoch}:{self.tokens}", "expires_in": 900, "epoch": self.epoch, "device": device}
        if not token or not token.startswith(self.epoch + ":"):
            raise fail(401, "unauthorized")
        if path == P.KEYS and method == "GET":
            return {"generations": [{"generation": g, "sealed": s, "created": 0} for g, s in sorted(self.keys.items())],
                    "rotate": self.state["rotate"]}
        if path.startswith(P.KEYS + "/") and method == "PUT":
            number = int(path.rsplit("/", 1)[1])
            if number != max(self.keys, default=0) + 1:
                raise fail(409, "conflict")
            self.keys[number] = str(body["sealed"])
            self.state["rotate"] = False
            return {"status": "ok", "generation": number}
        if path == P.PUSH:
            results = []
            ops: dict[str, tuple[int, int]] = self.state["ops"]  # type: ignore[assignment]
            for op in body["ops"]:
                if op["op"] in ops:
                    version, counter = ops[op["op"]]
                    results.append({"op": op["op"], "status": P.DUPLICATE, "version": version, "counter": counter})
                    continue
                current = self.records.get(op["uuid"], (0, 0, ""))
                if current[0] != op["base"]:
                    results.append({"op": op["op"], "status": P.STALE, "version": current[0], "counter": current[1]})
                    continue
                self.state["counter"] = counter = int(self.state["counter"]) + 1  # type: ignore[call-overload]
                self.records[op["uuid"]] = (current[0] + 1, counter, op["payload"])
                ops[op["op"]] = (current[0] + 1, counter)
                results.append({"op": op["op"], "status": P.APPLIED, "version": current[0] + 1, "counter": counter})
            return {"epoch": self.epoch, "results": results}
        if path == P.PULL:
            after, limit = int(args["after"]), int(args["limit"])
            found = sorted((c, u, v, p) for u, (v, c, p) in self.records.items() if c > after)
            page = found[:limit]
            return {"epoch": self.epoch, "records": [{"uuid": u, "version": v, "counter": c, "payload": p}
                                                     for c, u, v, p in page],
                    "cursor": page[-1][0] if page else after, "more": len(found) > limit}
        if path == P.DIGEST:
            pairs = [(u, v) for u, (v, _c, _p) in self.records.items()]
            return {"epoch": self.epoch, "count": len(pairs), "digest": P.records_digest(pairs),
                    "counter": self.state["counter"]}
        raise fail(404, "not_found")


def _device(tmp_path: Path, name: str, an: UnlockedIdentity, server: MemoryServer) -> tuple[NotesStore, SyncEngine]:
    store = NotesStore.open(tmp_path / name, an)
    return store, SyncEngine(an, tmp_path / name, store, server, device_name=name, sleep=lambda _s: None)


def _synced(engine: SyncEngine) -> None:
    report = engine.sync_once()
    assert report.status.state is SyncState.SYNCED, report.status.detail.en


def test_a_restore_that_lost_a_key_generation_gets_it_back_before_anything_is_sealed_with_it(
        tmp_path: Path, an: UnlockedIdentity) -> None:
    from paperless.core.sync.envelope import generation_of
    from paperless.core.sync.keys import open_generation

    server = MemoryServer()
    a, engine_a = _device(tmp_path, "a", an, server)
    b, engine_b = _device(tmp_path, "b", an, server)
    try:
        a.add_bookmark("s-1", "ab" * 32, 1, "trước sao lưu")
        _synced(engine_a)
        _synced(engine_b)
        saved = server.backup()
        server.state["rotate"] = True  # a device revoked after the backup: the next round makes generation 2
        a.add_bookmark("s-1", "ab" * 32, 2, "sau sao lưu")
        _synced(engine_a)
        assert server.generations() == [1, 2]
        key_2 = engine_a._keys[2]
        server.restore(saved)  # generation 2 and the later note are gone from the server
        late = a.add_bookmark("s-1", "ab" * 32, 3, "sau khôi phục")
        _synced(engine_a)  # the same engine: generation 2 still in its memory
        assert server.generations() == [1, 2]
        member = P.member_id(an.card.fingerprint)
        sealed = P.unb64(server.keys[2], limit=P.MAX_SEALED_KEY_BYTES)
        assert open_generation(an, member, 2, sealed) == key_2  # given back, authenticated as made
        payload = P.unb64(server.records[late.uuid][2], limit=P.MAX_PAYLOAD_BYTES)
        assert generation_of(payload) == 2
        # a device that never had generation 2 reads everything
        c, engine_c = _device(tmp_path, "c", an, server)
        try:
            report = engine_c.sync_once()
            assert report.status.state is SyncState.SYNCED and not report.status.notices
            assert sorted(x.label for x in c.bookmarks("s-1")) == ["sau khôi phục", "sau sao lưu", "trước sao lưu"]
            assert c.sync_retry() == {}
        finally:
            c.close()
        _synced(engine_b)
        assert sorted(x.label for x in b.bookmarks("s-1")) == sorted(x.label for x in a.bookmarks("s-1"))
    finally:
        a.close()
        b.close()


def test_a_version_that_does_not_open_yet_is_pulled_again_and_the_device_keeps_working(
        tmp_path: Path, an: UnlockedIdentity) -> None:
    server = MemoryServer()
    a, engine_a = _device(tmp_path, "a", an, server)
    b, engine_b = _device(tmp_path, "b", an, server)
    try:
        a.add_bookmark("s-1", "ab" * 32, 1, "một")
        _synced(engine_a)
        _synced(engine_b)
        server.state["rotate"] = True
        hidden = a.add_bookmark("s-1", "ab" * 32, 2, "dưới khóa thế hệ 2")
        _synced(engine_a)
        withheld = server.keys.pop(2)  # the server does not hand generation 2 out (yet)
        b.add_bookmark("s-1", "ab" * 32, 3, "của B")
        report = engine_b.sync_once()  # b keeps working: its own note goes, the round completes
        assert report.status.state is SyncState.SYNCED, report.status.detail.en
        assert any("could not be read" in n.en for n in report.status.notices)
        assert hidden.uuid in b.sync_retry() and b.records([hidden.uuid]) == []
        again = engine_b.sync_once()  # still not readable: still on the list, still working
        assert again.status.state is SyncState.SYNCED and hidden.uuid in b.sync_retry()
        server.keys[2] = withheld  # now it is
        _synced(engine_b)
        assert [x.label for x in b.bookmarks("s-1") if x.uuid == hidden.uuid] == ["dưới khóa thế hệ 2"]
        assert b.sync_retry() == {}
        _synced(engine_a)
        assert sorted(x.label for x in a.bookmarks("s-1")) == sorted(x.label for x in b.bookmarks("s-1"))
    finally:
        a.close()
        b.close()
