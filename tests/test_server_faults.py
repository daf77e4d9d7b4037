"""The office server under bad input and faults, over real HTTPS on loopback (SQLite and
PostgreSQL): malformed, truncated, oversized and out-of-order requests are 4xx (never 500) and the
server keeps serving; SIGKILL in the middle of pushes loses or doubles nothing; two workers on
PostgreSQL share change notifications; a backup put back starts a new epoch."""

from __future__ import annotations

import json
import re
import socket
import ssl
import threading
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import httpx
import pytest
from server_helpers import (
    Office,
    PgCluster,
    RunningServer,
    ServerSetup,
    SyncClient,
    cli,
    new_uuid,
    ok,
    pinned_context,
    push_op,
    refused,
    setup_server,
    start_server,
)

from paperless.core.sync import protocol as P


def _registered(server: RunningServer, member: str = "an", name: str = "Máy tính văn phòng") -> SyncClient:
    dev = server.device(member, name=name)
    dev.register()
    return dev


def _raw(dev: SyncClient, method: str, path: str, content: bytes | Iterator[bytes], **headers: str) -> httpx.Response:
    return dev.request(method, path, content=content, headers={"Content-Type": "application/json", **headers})


BAD_PUSH_BODIES: list[Any] = [
    b"", b"not json", b"{", b"[]", b"null", b"42", b'"ops"', b"\xff\xfe{}", b"[" * 100_000,
    b'{"ops": NaN}', b'{"ops": "x"}', b'{"ops": []}', b'{"ops": [1]}', b'{"ops": [[]]}', b'{"ops": {}}',
    {"ops": [{}]},
    {"ops": [{"op": "ABC", "uuid": "x", "base": 0, "payload": ""}]},
]


def _bad_ops(record: str) -> list[dict[str, Any]]:
    good = push_op(record, 0, b"sealed")
    return [
        {**good, "op": good["op"].upper()},
        {**good, "op": None},
        {**good, "uuid": "not-a-uuid"},
        {**good, "uuid": record + "0"},
        {**good, "base": -1},
        {**good, "base": "0"},
        {**good, "base": True},
        {**good, "base": 1.5},
        {**good, "base": 2**70},
        {**good, "payload": "!!!!"},
        {**good, "payload": "YQ"},  # no padding
        {**good, "payload": 12},
        {**good, "payload": P.b64(b"x" * (P.MAX_PAYLOAD_BYTES + 1))},
        {k: v for k, v in good.items() if k != "payload"},
    ]


def test_malformed_requests_are_4xx_and_the_server_keeps_serving(server: RunningServer) -> None:
    an = _registered(server)
    record = new_uuid()
    for body in BAD_PUSH_BODIES:
        content = body if isinstance(body, bytes) else json.dumps(body).encode()
        r = _raw(an, "POST", P.PUSH, content)
        assert r.status_code == 400 and r.json()["error"] == P.BAD_REQUEST, (body[:30], r.text)
    for op in _bad_ops(record):
        r = an.push([op])
        assert r.status_code == 400 and r.json()["error"] == P.BAD_REQUEST, (op, r.text)
    # a bad op anywhere in a batch refuses the whole batch: nothing written
    r = an.push([push_op(new_uuid(), 0, b"fine"), _bad_ops(record)[0]])
    refused(r, 400, P.BAD_REQUEST)
    assert ok(an.digest())["count"] == 0
    # too many ops, too large a body (declared, and streamed without a length)
    refused(an.push([push_op(new_uuid(), 0, b"x") for _ in range(P.MAX_PUSH_OPS + 1)]), 413, P.TOO_LARGE)
    big = b'{"ops": "' + b"a" * (P.MAX_BODY_BYTES + 10) + b'"}'
    refused(_raw(an, "POST", P.PUSH, big), 413, P.TOO_LARGE)

    def stream() -> Iterator[bytes]:
        yield b'{"ops": "'
        for _ in range(P.MAX_BODY_BYTES // 65536 + 2):
            yield b"a" * 65536

    try:
        r = _raw(an, "POST", P.PUSH, stream())
        refused(r, 413, P.TOO_LARGE)
    except (httpx.WriteError, httpx.RemoteProtocolError, httpx.ReadError):
        pass  # the server answered 413 and closed while we were still sending: as good
    # the auth endpoints
    for path in (P.CHALLENGE, P.REGISTER, P.LOGIN, P.REVOKED_ACK):
        for content in (b"", b"{]", b"[]", b'{"member": 1}', json.dumps({"member": "1" * 40, "device": "x"}).encode()):
            r = an.http.post(path, content=content)
            assert r.status_code == 400 and r.json()["error"] == P.BAD_REQUEST, (path, content, r.text)
    challenge_bad = [
        {"member": an.member, "device": an.device, "action": "delete"},
        {"member": an.member[:-1], "device": an.device, "action": "login"},
        {"member": an.member + "0", "device": an.device, "action": "login"},
        {"member": "٠" * 40, "device": an.device, "action": "login"},  # digits, but not ASCII ones
        {"member": an.member, "device": an.device.upper(), "action": "login"},
        {"member": an.member, "device": an.device, "action": ["login"]},
    ]
    for body in challenge_bad:
        refused(an.http.post(P.CHALLENGE, json=body), 400, P.BAD_REQUEST)
    good_register = an.register_body()
    for key, value in [("signature", P.b64(b"short")), ("challenge", P.b64(bytes(31))), ("device_key", "A" * 44),
                       ("device_key", P.b64(bytes(33))), ("name", "two\nlines"), ("name", "x" * (P.MAX_DEVICE_NAME + 1)),
                       ("name", ""), ("created", 5), ("certificate", None), ("certificate", "x" * 5000)]:
        refused(an.http.post(P.REGISTER, json={**good_register, key: value}), 400, P.BAD_REQUEST)
    # query strings, paths and methods
    for query in ("after=-1", "after=abc", "after=1e3", "after=99999999999999999999999", "limit=-5", "limit=x",
                  "after=%00"):
        refused(an.request("GET", f"{P.PULL}?{query}"), 400, P.BAD_REQUEST)
    refused(an.request("GET", f"{P.WAIT}?timeout=-1"), 400, P.BAD_REQUEST)
    refused(an.request("GET", "/v1/nothing"), 404, P.NOT_FOUND)
    refused(an.request("GET", "/../../etc/passwd"), 404, P.NOT_FOUND)
    r = an.request("DELETE", P.PUSH)
    assert r.status_code == 405 and r.json()["error"] == P.BAD_REQUEST
    refused(an.request("POST", f"{P.DEVICES}/{'x' * 300}/revoke"), 404, P.NOT_FOUND)
    # out of order: a push before any login, a login before any challenge, an ack while not revoked
    stranger = server.device("binh")
    refused(stranger.push([push_op(new_uuid(), 0, b"x")]), 401, P.UNAUTHORIZED)
    refused(stranger.http.post(P.LOGIN, json=stranger.login_body(challenge=bytes(32))), 401, P.UNAUTHORIZED)
    refused(an.revoked_ack(), 409, P.CONFLICT)
    # and still serving, correctly
    assert ok(an.push([push_op(record, 0, b"sealed")]))["results"][0]["status"] == P.APPLIED
    assert ok(an.digest())["count"] == 1
    log = server.log_text()
    assert " 500 " not in log and "Traceback" not in log, log[-3000:]
    assert an.token and an.token not in log and P.b64(b"sealed") not in log


def _tls_socket(server: RunningServer) -> ssl.SSLSocket:
    raw = socket.create_connection(("127.0.0.1", server.setup.port), timeout=10)
    return pinned_context(server.setup.cert_path).wrap_socket(raw, server_hostname="127.0.0.1")


def test_truncated_and_abandoned_requests_leave_the_server_serving(server: RunningServer) -> None:
    an = _registered(server)
    body = json.dumps({"ops": [push_op(new_uuid(), 0, b"sealed")]}).encode()
    head = (f"POST {P.PUSH} HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer {an.token}\r\n"
            f"Content-Type: application/json\r\nContent-Length: {len(body)}\r\n\r\n").encode()
    for cut in (len(head) // 2, len(head), len(head) + len(body) // 2):
        with _tls_socket(server) as s:
            s.sendall((head + body)[:cut])
        # a body shorter than its Content-Length, then silence: the server gives up on it, not on us
    with _tls_socket(server) as s:
        s.sendall(head.replace(f"Content-Length: {len(body)}".encode(), b"Content-Length: 5") + body)
        answer = s.recv(65536)
        assert answer.startswith(b"HTTP/1.1 4"), answer[:100]
    with _tls_socket(server) as s:
        s.sendall(b"GARBAGE / NOT-HTTP\r\n\r\n")
        assert s.recv(65536)[:12] in (b"HTTP/1.1 400", b"")
    # nothing of the cut pushes was applied (none reached the end of its body)
    assert ok(an.digest())["count"] == 0
    assert ok(an.push([push_op(new_uuid(), 0, b"sealed")]))["results"][0]["status"] == P.APPLIED
    assert server.healthy()


def test_sigkill_in_the_middle_of_pushes_applies_nothing_twice_or_half(server: RunningServer) -> None:
    servers = [server]
    try:
        _kill_mid_push(servers)
    finally:
        servers[-1].stop()


def _kill_mid_push(servers: list[RunningServer]) -> None:
    server = servers[0]
    an = _registered(server)
    batches: list[list[dict[str, Any]]] = []
    payload = b"s" * 12_000
    unanswered = 0
    for round_ in range(4):
        batch = [push_op(new_uuid(), 0, payload) for _ in range(P.MAX_PUSH_OPS)]
        batches.append(batch)
        token = an.token
        started = threading.Event()

        def send(batch: list[dict[str, Any]] = batch, dev: SyncClient = an, started: threading.Event = started) -> int:
            started.set()
            try:
                return dev.push(batch).status_code
            except httpx.HTTPError:
                return 0
            except RuntimeError:  # kill() closed the client before this thread sent anything: not sent
                return 0

        with ThreadPoolExecutor(1) as pool:
            future = pool.submit(send)
            started.wait(5)
            time.sleep(0.05 * round_)  # at different points of receiving, parsing and writing
            server.kill()
            unanswered += future.result(timeout=30) == 0
        server = server.restart()
        servers.append(server)
        an = SyncClient(server.url, server.setup.cert_path, an.identity, device=an.device, key=an.key)
        an.token = token  # tokens live in the database: the same one still works after the restart
        ok(an.digest())
    assert unanswered >= 1, "the server was never killed before it answered a push"
    # each batch is in whole or not at all; sending every batch again completes it exactly once
    stored, cursor = an.pull_all()
    stored_uuids = {r["uuid"] for r in stored}
    for batch in batches:
        present = {op["uuid"] for op in batch} & stored_uuids
        assert len(present) in (0, len(batch)), f"half a batch: {len(present)} of {len(batch)}"
        results = ok(an.push(batch))["results"]
        statuses = {r["status"] for r in results}
        assert statuses == ({P.DUPLICATE} if present else {P.APPLIED}), statuses
    stored, cursor = an.pull_all()
    assert len(stored) == len(batches) * P.MAX_PUSH_OPS == len({r["uuid"] for r in stored})
    assert [r["counter"] for r in stored] == list(range(1, cursor + 1))
    assert all(r["version"] == 1 for r in stored)
    assert ok(an.digest())["counter"] == cursor


def test_two_workers_on_postgresql_share_change_notifications(tmp_path: Path, office: Office, pg: PgCluster) -> None:
    setup = setup_server(tmp_path / "server", office, db=pg.create_database())
    server = start_server(setup, workers=2)
    try:
        pusher = _registered(server)
        waiters = [_registered(server, name=f"Máy {i}") for i in range(8)]
        for w in waiters:  # a connection of each, to whichever worker accepts it
            ok(w.digest())
        woke_elsewhere = False
        for round_ in range(1, 6):
            with ThreadPoolExecutor(len(waiters)) as pool:
                futures = [pool.submit(lambda w=w, r=round_: ok(w.wait(r - 1, timeout=P.MAX_WAIT_S))) for w in waiters]
                time.sleep(0.5)  # the waits reach their workers (one that comes later answers at once anyway)
                started = time.monotonic()
                ok(pusher.push([push_op(new_uuid(), 0, b"x")]))
                assert all(f.result(timeout=P.MAX_WAIT_S + 5) == {"counter": round_} for f in futures)
                assert time.monotonic() - started < 5, "a wait was not woken by the push"
            pids = _pids_of(server.log_text())
            if pids["push"] and pids["wait"] - pids["push"]:
                woke_elsewhere = True
                break
        assert woke_elsewhere, "no wait was ever answered by a worker other than the pushing one"
    finally:
        server.stop()


def _pids_of(log: str) -> dict[str, set[str]]:
    found: dict[str, set[str]] = {"push": set(), "wait": set()}
    for pid, path in re.findall(r"\[(\d+)\] (?:POST|GET) (/v1/sync/(?:push|wait)) 200", log):
        found[path.rsplit("/", 1)[1]].add(pid)
    return found


def test_backup_and_restore_start_a_new_epoch(server: RunningServer, server_setup: ServerSetup, tmp_path: Path) -> None:
    an = _registered(server)
    kept = [new_uuid() for _ in range(3)]
    ok(an.push([push_op(r, 0, b"kept") for r in kept]))
    old_epoch = ok(an.digest())["epoch"]
    out = tmp_path / "backup.db"
    assert cli("server", "backup", server_setup.folder, out) == 0  # while serving: a consistent copy
    lost = new_uuid()
    ok(an.push([push_op(lost, 0, b"after the backup")]))
    server.stop()
    assert cli("server", "restore", server_setup.folder, out) == 0
    server = server.restart()
    try:
        an = SyncClient(server.url, server.setup.cert_path, an.identity, device=an.device, key=an.key)
        answer = an.login()  # the device is in the backup: it logs in again
        assert answer["epoch"] != old_epoch
        digest = ok(an.digest())
        assert digest["epoch"] == answer["epoch"] and digest["count"] == 3
        assert {r["uuid"] for r in an.pull_all()[0]} == set(kept)
        # the client re-pushes what the server lacks
        assert ok(an.push([push_op(lost, 0, b"after the backup")]))["results"][0]["status"] == P.APPLIED
    finally:
        server.stop()


@pytest.mark.parametrize("backend", ["sqlite"])
def test_restore_refuses_what_is_not_a_backup(server_setup: ServerSetup, tmp_path: Path) -> None:
    from paperless.core.errors import PaperlessError

    bogus = tmp_path / "bogus.db"
    bogus.write_bytes(b"not a database at all" * 100)
    with pytest.raises(PaperlessError, match="not a server backup"):
        cli("server", "restore", server_setup.folder, bogus)
    with pytest.raises(PaperlessError, match="already exists"):
        cli("server", "backup", server_setup.folder, bogus)


def test_a_restore_keeps_the_revocations_made_after_the_backup(server: RunningServer, server_setup: ServerSetup,
                                                               tmp_path: Path) -> None:
    office_pc = _registered(server)
    home = _registered(server, name="Máy nhà")
    ok(office_pc.put_key(1, b"generation one"))
    out = tmp_path / "backup.db"
    assert cli("server", "backup", server_setup.folder, out) == 0  # before any revocation
    late = _registered(server, name="Máy mới")  # registered after the backup: not in it
    ok(office_pc.revoke(home.device))
    ok(office_pc.revoke(late.device))
    ok(home.revoked_ack())  # home has wiped
    ok(office_pc.put_key(2, b"generation two"))
    server.stop()
    assert cli("server", "restore", server_setup.folder, out) == 0
    server = server.restart()
    try:
        def again(dev: SyncClient) -> SyncClient:
            twin = SyncClient(server.url, server.setup.cert_path, dev.identity, name=dev.name, device=dev.device,
                              key=dev.key)
            server._devices.append(twin)
            return twin

        home, late, office_pc = again(home), again(late), again(office_pc)
        for dev in (home, late):  # still refused, with or without a row in the backup
            refused(dev.http.post(P.LOGIN, json=dev.login_body()), 403, P.DEVICE_REVOKED)
            refused(dev.http.post(P.REGISTER, json=dev.register_body()), 403, P.DEVICE_REVOKED)
        office_pc.login()
        listed = {d["device"]: d for d in ok(office_pc.devices())["devices"]}
        assert listed[home.device]["revoked"] and listed[home.device]["wiped"]
        assert listed[late.device]["revoked"] and not listed[late.device]["wiped"]
        assert ok(office_pc.keys())["rotate"] is True  # generation two was lost with the restore: rotate again
        # and the revoked laptop under a new device id waits for approval
        twin = SyncClient(server.url, server.setup.cert_path, home.identity, name=home.name, key=home.key)
        server._devices.append(twin)
        refused(twin.http.post(P.REGISTER, json=twin.register_body()), 403, P.DEVICE_PENDING)
    finally:
        server.stop()


def test_control_characters_in_stored_strings_are_400_never_500(server: RunningServer) -> None:
    an = server.device("an")
    body = an.register_body()
    first, rest = body["certificate"].split("\n", 1)
    bad: list[dict[str, Any]] = [
        {**body, "certificate": first + "\x00\n" + rest},  # the reviewer's: a 500 on PostgreSQL
        {**body, "certificate": first + "\r\n" + rest},
        {**body, "certificate": first + "\x1b[31m\n" + rest},
        {**body, "name": "Máy\x00"},
        {**body, "name": "Máy\x7f"},
        {**body, "name": "Máy\u0085"},
        {**body, "name": "Máy\ud800"},
        {**body, "created": "2026-12-07\x00"},
    ]
    for item in bad:  # as JSON escapes (a lone surrogate cannot be sent as UTF-8)
        r = an.http.post(P.REGISTER, content=json.dumps(item).encode(), headers={"Content-Type": "application/json"})
        refused(r, 400, P.BAD_REQUEST)
    an.register()  # the server keeps serving, and a good registration works
    ok(an.devices())
    assert "Traceback" not in server.log_text()


@pytest.mark.filterwarnings("ignore:Using `httpx` with `starlette.testclient`")
def test_database_errors_from_bad_input_are_400_and_outages_503(server_setup: ServerSetup,
                                                               monkeypatch: pytest.MonkeyPatch) -> None:
    from fastapi.testclient import TestClient
    from sqlalchemy.exc import DataError, DBAPIError, InterfaceError, OperationalError

    from paperless.server.api import create_app
    from paperless.server.config import load_config

    class Orig(Exception):
        def __init__(self, sqlstate: str) -> None:
            super().__init__(sqlstate)
            self.sqlstate = sqlstate

    cases: list[tuple[Exception, int, str]] = [
        (DataError("INSERT", {}, Orig("22021")), 400, P.BAD_REQUEST),
        (DBAPIError("INSERT", {}, Orig("22P05")), 400, P.BAD_REQUEST),
        (OperationalError("SELECT", {}, Orig("57P01")), 503, P.UNAVAILABLE),
        (InterfaceError("SELECT", {}, Orig("08006")), 503, P.UNAVAILABLE),
        (DBAPIError("SELECT", {}, Orig("08006"), connection_invalidated=True), 503, P.UNAVAILABLE),
        (DBAPIError("SELECT", {}, Orig("XX000")), 500, "internal"),
    ]
    config = load_config(server_setup.folder, server_setup.db or None)
    app = create_app(config)
    body = {"member": server_setup.office.member_id("an"), "device": new_uuid(), "action": "login"}
    with TestClient(app, raise_server_exceptions=False) as client:
        assert client.post(P.CHALLENGE, json=body).status_code == 200  # the real database
        for exc, status, code in cases:
            def fail(*_args: Any, exc: Exception = exc) -> bytes:
                raise exc

            monkeypatch.setattr(app.state.store, "challenge", fail)
            r = client.post(P.CHALLENGE, json=body)
            assert (r.status_code, r.json()["error"]) == (status, code), (exc, r.text)


def test_the_auth_endpoints_refuse_a_large_body_before_reading_it(server: RunningServer) -> None:
    from paperless.server.api import AUTH_BODY_BYTES

    big = b'{"member": "' + b"1" * AUTH_BODY_BYTES + b'"}'
    for path in (P.CHALLENGE, P.REGISTER, P.LOGIN, P.REVOKED_ACK):
        with server.client() as c:  # a declared length
            refused(c.post(path, content=big, headers={"Content-Type": "application/json"}), 413, P.TOO_LARGE)
        with server.client() as c:  # streamed, no length: counted as it comes
            refused(c.post(path, content=iter([big[:40_000], big[40_000:]]),
                           headers={"Content-Type": "application/json"}), 413, P.TOO_LARGE)
    # an authenticated push still takes a large body
    an = _registered(server)
    payload = b"x" * (P.MAX_PAYLOAD_BYTES - 1)
    assert ok(an.push([push_op(new_uuid(), 0, payload) for _ in range(4)]))["results"][0]["status"] == P.APPLIED


@pytest.mark.parametrize("backend", ["sqlite"])
def test_uvicorn_bounds_concurrent_connections_and_idle_keep_alive(server_setup: ServerSetup) -> None:
    from paperless.server.config import load_config
    from paperless.server.serve import uvicorn_config

    uv = uvicorn_config(load_config(server_setup.folder, None), "127.0.0.1", server_setup.port, 1)
    assert uv.limit_concurrency == 512
    assert 0 < uv.timeout_keep_alive <= 30
    assert uv.ssl_keyfile == str(server_setup.folder.resolve() / "tls.key")
