"""Reusable pieces for tests against a real office server (``paperless server run``) over HTTPS on
loopback: identities, server folders on SQLite or PostgreSQL, a server subprocess, a small signed
client with the pinned certificate, and the zero-plaintext scan.

Typical use (the fixtures below are imported by tests/conftest.py, so every test module has them)::

    def test_something(server: RunningServer) -> None:      # parametrized: sqlite, postgresql
        an = server.device("an")                             # a new device of member "an"
        an.register()                                        # challenge, sign, register: a token
        r = an.push([push_op(new_uuid(), 0, b"sealed")])
        assert ok(r)["results"][0]["status"] == "applied"

Without the fixtures: :func:`make_office`, :func:`setup_server`, :func:`start_server`,
:class:`SyncClient`. PostgreSQL: a server at 127.0.0.1:5432 with trust authentication (``.ci/run``
starts one); a test that needs it and cannot reach it FAILS, saying so (never skips). Each server
folder on PostgreSQL gets a fresh database named ``paperless_t<random>_<n>``, all dropped at the
end of the test session.
"""

from __future__ import annotations

import hashlib
import os
import signal
import socket
import ssl
import subprocess
import sys
import time
import unicodedata
import uuid
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx
import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat

from paperless.cli.main import build_parser
from paperless.core.identity import UnlockedIdentity, create_identity, load_card, unlock_identity
from paperless.core.sync import protocol as P

PASSPHRASE = "mật khẩu máy chủ thử 1"
FAST_LOG_N = 10  # tests only; real identities use age's default 2^18
MEMBERS = {"an": "Nguyễn Văn An", "binh": "Trần Thị Bình", "cuong": "Lê Hoàng Cường"}
PG_HOST, PG_PORT = "127.0.0.1", 5432
PG_ADMIN = f"host={PG_HOST} port={PG_PORT} user=postgres dbname=postgres connect_timeout=5"
SRC = Path(__file__).resolve().parents[1] / "src"
START_TIMEOUT_S = 60.0


# -- identities ---------------------------------------------------------------------------------------
@dataclass(frozen=True)
class Office:
    """The office (clerk) and a few members, as identity folders under ``root``."""

    root: Path

    @property
    def clerk(self) -> Path:
        return self.root / "clerk"

    def member(self, key: str) -> Path:
        return self.root / key

    def unlock(self, key: str) -> UnlockedIdentity:
        folder = self.clerk if key == "clerk" else self.member(key)
        return unlock_identity(folder, PASSPHRASE, failure_delay=0)

    def member_id(self, key: str) -> str:
        return P.member_id(load_card(self.member(key)).fingerprint)


def make_office(root: Path, members: Iterable[str] = ("an", "binh", "cuong")) -> Office:
    """A clerk and members (keys of :data:`MEMBERS`, or any other short name), with a cheap passphrase KDF."""
    create_identity(root / "clerk", "Văn phòng Tỉnh ủy", "clerk", PASSPHRASE, log_n=FAST_LOG_N)
    for key in members:
        create_identity(root / key, MEMBERS.get(key, key), "member", PASSPHRASE, log_n=FAST_LOG_N)
    return Office(root)


# -- PostgreSQL -----------------------------------------------------------------------------------------
class PgCluster:
    """Fresh databases on the local PostgreSQL for one test session; :meth:`drop_all` at the end."""

    def __init__(self) -> None:
        self.prefix = f"paperless_t{uuid.uuid4().hex[:10]}"
        self.made: list[str] = []

    def _admin(self) -> Any:
        import psycopg

        try:
            return psycopg.connect(PG_ADMIN, autocommit=True)
        except psycopg.OperationalError as exc:
            pytest.fail(f"PostgreSQL is not reachable at {PG_HOST}:{PG_PORT} (trust authentication, user "
                        f"postgres): {' '.join(str(exc).split())[:200]} — start it (.ci/run does: pg_ctlcluster … main start); "
                        "the PostgreSQL tests never skip", pytrace=False)

    def create_database(self) -> str:
        """A new empty database: its ``postgresql+psycopg://`` URL."""
        name = f"{self.prefix}_{len(self.made)}"
        with self._admin() as conn:
            conn.execute(f'CREATE DATABASE "{name}"')
        self.made.append(name)
        return f"postgresql+psycopg://postgres@{PG_HOST}:{PG_PORT}/{name}"

    def drop_all(self) -> None:
        if not self.made:
            return
        with self._admin() as conn:
            for name in self.made:
                conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        self.made.clear()


# -- server folders and processes ------------------------------------------------------------------------
def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def cli(*argv: str | Path, env: dict[str, str] | None = None) -> int:
    """Run ``paperless …`` in this process (the real argument parser and command), its exit code.

    Known errors propagate as :class:`~paperless.core.errors.PaperlessError`."""
    saved = dict(os.environ)
    os.environ.update(env or {})
    try:
        args = build_parser().parse_args([str(a) for a in argv])
        return int(args.func(args))
    finally:
        os.environ.clear()
        os.environ.update(saved)


@dataclass
class ServerSetup:
    """A server folder made by ``paperless server init`` and ``enroll``."""

    folder: Path
    port: int
    office: Office
    db: str = ""  # "" = SQLite in the folder; else a postgresql+psycopg:// URL

    @property
    def url(self) -> str:
        return f"https://127.0.0.1:{self.port}"

    @property
    def cert_path(self) -> Path:
        return self.folder / "tls.crt"

    @property
    def office_file(self) -> Path:
        return self.folder / P.OFFICE_FILE


def setup_server(folder: Path, office: Office, *, db: str = "", port: int | None = None,
                 enroll: Iterable[str] = ("an", "binh", "cuong")) -> ServerSetup:
    """``paperless server init`` (signed by the office's clerk) and ``enroll`` the given members."""
    port = port or free_port()
    args: list[str | Path] = ["server", "init", folder, "--office", office.clerk, "--passphrase-env", "PL_TEST_PASS",
                              "--url", f"https://127.0.0.1:{port}"]
    if db:
        args += ["--db", db]
    assert cli(*args, env={"PL_TEST_PASS": PASSPHRASE}) == 0
    cards = [office.member(k) / "card.toml" for k in enroll]
    if cards:
        assert cli("server", "enroll", folder, *cards) == 0
    return ServerSetup(folder, port, office, db)


def pinned_context(cert_path: Path) -> ssl.SSLContext:
    """A TLS context that trusts exactly this certificate (as a client does with the pinned one)."""
    ctx = ssl.create_default_context(cafile=str(cert_path))
    ctx.minimum_version = ssl.TLSVersion.TLSv1_2
    return ctx


@dataclass
class RunningServer:
    """A ``paperless server run`` subprocess; its log (stderr) goes to ``log_path``."""

    setup: ServerSetup
    proc: subprocess.Popen[bytes]
    log_path: Path
    clock_file: Path
    workers: int = 1
    _devices: list[SyncClient] = field(default_factory=list)

    @property
    def url(self) -> str:
        return self.setup.url

    def log_text(self) -> str:
        return self.log_path.read_text("utf-8", errors="replace")

    def client(self) -> httpx.Client:
        """A bare HTTPS client to this server (pinned certificate), for hand-made requests."""
        return httpx.Client(base_url=self.url, verify=pinned_context(self.setup.cert_path), timeout=60)

    def device(self, member: str, name: str = "Máy tính văn phòng") -> SyncClient:
        """A new device (its own Ed25519 key) of the member ``member`` (a key of the office)."""
        dev = SyncClient(self.url, self.setup.cert_path, self.setup.office.unlock(member), name=name)
        self._devices.append(dev)
        return dev

    def advance_clock(self, seconds: float) -> None:
        """Move the server's clock forward (challenge and token expiry) without waiting."""
        current = float(self.clock_file.read_text("ascii") or 0)
        self.clock_file.write_text(str(current + seconds), "ascii")

    def healthy(self) -> bool:
        try:
            with self.client() as c:
                return c.get(P.HEALTH, timeout=2).status_code == 200
        except httpx.HTTPError:
            return False

    def wait_healthy(self, timeout: float = START_TIMEOUT_S) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                pytest.fail(f"the server exited ({self.proc.returncode}) before answering:\n{self.log_text()[-3000:]}",
                            pytrace=False)
            if self.healthy():
                return
            time.sleep(0.05)
        pytest.fail(f"the server did not answer /healthz within {timeout} s:\n{self.log_text()[-3000:]}", pytrace=False)

    def stop(self) -> int:
        """SIGTERM, then wait (a graceful stop); the exit code."""
        for dev in self._devices:
            dev.close()
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
            try:
                self.proc.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
        return int(self.proc.returncode)

    def kill(self) -> None:
        """SIGKILL the server (and its workers) at once: no chance to finish anything."""
        for dev in self._devices:
            dev.close()
        try:
            os.killpg(self.proc.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
        self.proc.wait()

    def restart(self) -> RunningServer:
        """Stop if running, then start again on the same folder, port and database."""
        if self.proc.poll() is None:
            self.stop()
        return start_server(self.setup, workers=self.workers, clock_file=self.clock_file)


def start_server(setup: ServerSetup, *, workers: int = 1, clock_file: Path | None = None,
                 extra_env: dict[str, str] | None = None) -> RunningServer:
    """``paperless server run`` as a subprocess (its own process group), once /healthz answers."""
    log_path = setup.folder.parent / f"{setup.folder.name}-server-{uuid.uuid4().hex[:6]}.log"
    clock_file = clock_file or setup.folder.parent / f"{setup.folder.name}-clock"
    if not clock_file.exists():
        clock_file.write_text("0", "ascii")
    env = {**os.environ, "PAPERLESS_SERVER_CLOCK_FILE": str(clock_file), "PYTHONPATH": str(SRC),
           "PAPERLESS_LANG": "en", **(extra_env or {})}
    cmd = [sys.executable, "-m", "paperless", "server", "run", str(setup.folder), "--port", str(setup.port),
           "--workers", str(workers)]
    with log_path.open("wb") as log:
        proc = subprocess.Popen(cmd, stdout=log, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL, env=env,
                                start_new_session=True)
    running = RunningServer(setup, proc, log_path, clock_file, workers)
    running.wait_healthy()
    return running


# -- a small signed client -------------------------------------------------------------------------------
def new_uuid() -> str:
    return str(uuid.uuid4())


def push_op(record: str, base: int, payload: bytes, op: str | None = None) -> dict[str, Any]:
    """One op of a push body (a fresh op id unless given)."""
    return {"op": op or new_uuid(), "uuid": record, "base": base, "payload": P.b64(payload)}


def ok(response: httpx.Response) -> Any:
    """The JSON of a 2xx answer; fails the test with the body otherwise."""
    assert 200 <= response.status_code < 300, f"{response.request.method} {response.request.url.path}: " \
                                              f"{response.status_code} {response.text[:500]}"
    return response.json()


def refused(response: httpx.Response, status: int, code: str) -> None:
    """The answer is ``status`` with the protocol's JSON body ``{"error": code, "detail": …}``."""
    assert response.status_code == status, f"{response.status_code} {response.text[:300]}"
    body = response.json()
    assert body["error"] == code and isinstance(body["detail"], str), body


class SyncClient:
    """One device of one member talking to the server, as the real client does (minus the sealing).

    ``register()``/``login()`` keep the token for the authenticated calls, which return the raw
    :class:`httpx.Response`; use :func:`ok`/:func:`refused` on them."""

    def __init__(self, url: str, cert_path: Path, identity: UnlockedIdentity, *, name: str = "Máy tính văn phòng",
                 device: str | None = None, key: Ed25519PrivateKey | None = None) -> None:
        self.url = P.origin(url)
        self.identity = identity
        self.member = P.member_id(identity.card.fingerprint)
        self.device = device or new_uuid()
        self.key = key or Ed25519PrivateKey.generate()
        self.name = name
        self.created = "2026-12-07T08:00:00Z"
        self.token: str | None = None
        self.http = httpx.Client(base_url=self.url, verify=pinned_context(cert_path), timeout=60)

    def close(self) -> None:
        self.http.close()

    @property
    def device_key(self) -> str:
        return P.b64(self.key.public_key().public_bytes(Encoding.Raw, PublicFormat.Raw))

    def certificate(self) -> str:
        """The member's minisign signature of this device's certificate."""
        data = P.device_certificate(self.member, self.device, self.device_key, self.name, self.created)
        return self.identity.signing_key.sign(data, trusted_comment=f"paperless device {self.device}")

    def challenge(self, action: str) -> bytes:
        r = self.http.post(P.CHALLENGE, json={"member": self.member, "device": self.device, "action": action})
        return P.unb64(ok(r)["challenge"], limit=P.CHALLENGE_BYTES)

    def sign(self, action: str, challenge: bytes, url: str | None = None) -> str:
        return P.b64(self.key.sign(P.auth_message(action, url or self.url, self.member, self.device, challenge)))

    def register_body(self, challenge: bytes | None = None, **override: Any) -> dict[str, Any]:
        challenge = challenge if challenge is not None else self.challenge("register")
        body = {"member": self.member, "device": self.device, "device_key": self.device_key, "name": self.name,
                "created": self.created, "certificate": self.certificate(), "challenge": P.b64(challenge),
                "signature": self.sign("register", challenge)}
        body.update(override)
        return body

    def register(self) -> dict[str, Any]:
        answer: dict[str, Any] = ok(self.http.post(P.REGISTER, json=self.register_body()))
        self.token = answer["token"]
        return answer

    def login_body(self, challenge: bytes | None = None, action: str = "login") -> dict[str, Any]:
        challenge = challenge if challenge is not None else self.challenge(action)
        return {"member": self.member, "device": self.device, "challenge": P.b64(challenge),
                "signature": self.sign(action, challenge)}

    def login(self) -> dict[str, Any]:
        answer: dict[str, Any] = ok(self.http.post(P.LOGIN, json=self.login_body()))
        self.token = answer["token"]
        return answer

    def revoked_ack(self) -> httpx.Response:
        return self.http.post(P.REVOKED_ACK, json=self.login_body(action="revoked-ack"))

    # authenticated calls (raw responses)
    def _auth(self) -> dict[str, str]:
        return {"Authorization": f"Bearer {self.token}"} if self.token else {}

    def request(self, method: str, path: str, **kw: Any) -> httpx.Response:
        return self.http.request(method, path, headers={**self._auth(), **kw.pop("headers", {})}, **kw)

    def push(self, ops: list[dict[str, Any]]) -> httpx.Response:
        return self.request("POST", P.PUSH, json={"ops": ops})

    def pull(self, after: int = 0, limit: int | None = None) -> httpx.Response:
        params = {"after": after} | ({"limit": limit} if limit is not None else {})
        return self.request("GET", P.PULL, params=params)

    def pull_all(self, after: int = 0, limit: int = P.PULL_LIMIT) -> tuple[list[dict[str, Any]], int]:
        """Every record after ``after``, page by page: (records, final cursor)."""
        got: list[dict[str, Any]] = []
        while True:
            page = ok(self.pull(after, limit))
            got += page["records"]
            after = page["cursor"]
            if not page["more"]:
                return got, after

    def digest(self) -> httpx.Response:
        return self.request("GET", P.DIGEST)

    def wait(self, after: int, timeout: int = 10) -> httpx.Response:
        return self.request("GET", P.WAIT, params={"after": after, "timeout": timeout})

    def devices(self) -> httpx.Response:
        return self.request("GET", P.DEVICES)

    def revoke(self, device: str) -> httpx.Response:
        return self.request("POST", f"{P.DEVICES}/{device}/revoke")

    def approve(self, device: str) -> httpx.Response:
        return self.request("POST", f"{P.DEVICES}/{device}/approve")

    def keys(self) -> httpx.Response:
        return self.request("GET", P.KEYS)

    def put_key(self, generation: int, sealed: bytes) -> httpx.Response:
        return self.request("PUT", f"{P.KEYS}/{generation}", json={"sealed": P.b64(sealed)})


# -- what the server holds -------------------------------------------------------------------------------
def _forms(needle: str | bytes) -> list[bytes]:
    if isinstance(needle, bytes):
        return [needle]
    forms: list[bytes] = []
    for text in {unicodedata.normalize("NFC", needle), unicodedata.normalize("NFD", needle)}:
        for encoding in ("utf-8", "utf-16-le", "utf-16-be"):
            forms.append(text.encode(encoding))
    return forms


def _pg_rows(url: str) -> Iterator[tuple[str, bytes]]:
    import psycopg

    from paperless.server.db import libpq_conninfo

    with psycopg.connect(libpq_conninfo(url)) as conn:
        tables = [r[0] for r in conn.execute(
            "SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename")]
        for table in tables:
            for row in conn.execute(f'SELECT * FROM "{table}"'):
                for value in row:
                    if isinstance(value, bytes | bytearray | memoryview):
                        yield table, bytes(value)
                    elif value is not None:
                        yield table, str(value).encode("utf-8")


def scan_for_plaintext(setup: ServerSetup, needles: Iterable[str | bytes]) -> list[str]:
    """Where any needle occurs in what the server keeps: every file of its folder (database, WAL,
    logs beside it are the caller's to add) and, on PostgreSQL, every value of every table.

    Text needles are looked for as NFC and NFD, in UTF-8, UTF-16-LE and UTF-16-BE; bytes as they
    are. Returns "where: needle" lines (empty: nothing found). Needles shorter than 4 bytes are
    refused (they would match by chance)."""
    wanted = [(n, f) for n in needles for f in _forms(n)]
    assert wanted and all(len(f) >= 4 for _n, f in wanted), "needles must be at least 4 bytes"
    hits: list[str] = []
    for path in sorted(p for p in setup.folder.rglob("*") if p.is_file()):
        data = path.read_bytes()
        hits += [f"{path.name}: {n!r}" for n, f in wanted if f in data]
    if setup.db:
        for table, value in _pg_rows(setup.db):
            hits += [f"postgresql {table}: {n!r}" for n, f in wanted if f in value]
    return sorted(set(hits))


def sha256_hex(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


# -- pytest fixtures ---------------------------------------------------------------------------------------
@pytest.fixture(scope="session")
def office(tmp_path_factory: pytest.TempPathFactory) -> Office:
    """A clerk and the members an, binh, cuong (made once per test session)."""
    return make_office(tmp_path_factory.mktemp("office"))


@pytest.fixture(scope="session")
def pg() -> Iterator[PgCluster]:
    """Fresh PostgreSQL databases for this session (dropped at its end); fails when unreachable."""
    cluster = PgCluster()
    yield cluster
    cluster.drop_all()


@pytest.fixture(params=["sqlite", "postgresql"])
def backend(request: pytest.FixtureRequest) -> str:
    """The database a server test runs on: each test runs on both."""
    return str(request.param)


def database_for(backend: str, pg: PgCluster) -> str:
    return pg.create_database() if backend == "postgresql" else ""


@pytest.fixture
def server_setup(tmp_path: Path, office: Office, pg: PgCluster, backend: str) -> ServerSetup:
    """A fresh server folder (init + enroll an, binh, cuong) on the backend of the test."""
    return setup_server(tmp_path / "server", office, db=database_for(backend, pg))


@pytest.fixture
def server(server_setup: ServerSetup) -> Iterator[RunningServer]:
    """That folder served by ``paperless server run`` (stopped after the test)."""
    running = start_server(server_setup)
    yield running
    running.stop()
