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
