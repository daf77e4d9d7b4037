"""The HTTP API (docs/sync-protocol.md): a FastAPI app made by :func:`create_app`.

Every request body is read (at most ``MAX_BODY_BYTES``, refused with 413 before more is read),
parsed and checked here by hand: any bad input is a 4xx ``{"error", "detail"}`` and never reaches
the database. Database work runs in the thread pool; ``/v1/sync/wait`` waits on the event loop.
One log line per request (time, method, path without its query, status, milliseconds): never a
body, a header or a token.
"""

from __future__ import annotations

import asyncio
import binascii
import json
import logging
import os
import re
import time
import unicodedata
from collections.abc import AsyncIterator, Awaitable, Callable, MutableMapping
from contextlib import asynccontextmanager
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from sqlalchemy.exc import DataError, DBAPIError, IntegrityError, InterfaceError, OperationalError
from starlette.concurrency import run_in_threadpool
from starlette.exceptions import HTTPException as StarletteHTTPException

from paperless.core.clerk import office_protocol as O
from paperless.core.sync import protocol as P
from paperless.server import consultation, db, meeting, office_api, receipts
from paperless.server.clock import Clock
from paperless.server.config import ServerConfig, load_config
from paperless.server.distribution import router_for
from paperless.server.errors import ApiError, bad_request, conflict, not_found, too_large, unauthorized
from paperless.server.notify import Hub, PgListener
from paperless.server.store import NOTIFY_CHANNEL, PushOp, Store

log = logging.getLogger("paperless.server")
access_log = logging.getLogger("paperless.server.access")

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]

SERVER_DIR_ENV = "PAPERLESS_SERVER_DIR"
SERVER_DB_ENV = "PAPERLESS_SERVER_DB"
MAX_UPLOAD_ENV = "PAPERLESS_SERVER_MAX_UPLOAD"  # bytes of a bundle the office may upload (default: 1 GiB)
MAX_INT = 2**62
AUTH_BODY_BYTES = 64 * 1024  # the unauthenticated endpoints take small bodies only
AUTH_PATHS = frozenset({P.CHALLENGE, P.REGISTER, P.LOGIN, P.REVOKED_ACK, O.CHALLENGE, O.LOGIN})
STREAMED_PATHS = frozenset({O.BUNDLES})  # read by the endpoint itself, a piece at a time (after the token)


# -- ASGI middleware ---------------------------------------------------------------------------------
async def _send_json(send: Send, status: int, body: dict[str, Any]) -> None:
    data = json.dumps(body).encode()
    await send({"type": "http.response.start", "status": status,
                "headers": [(b"content-type", b"application/json"), (b"content-length", str(len(data)).encode()),
                            (b"connection", b"close")]})
    await send({"type": "http.response.body", "body": data})


class BodyLimit:
    """Read the whole body first, at most ``limit`` bytes (``auth_limit`` on the unauthenticated
    ``/v1/auth/…`` endpoints): a declared or actual larger one is 413 without reading the rest
    (the connection is closed). The office's bundle upload is streamed to its endpoint, which
    counts it; a declared length over ``upload_limit`` is 413 here, before anything is read."""

    def __init__(self, app: ASGIApp, limit: int = P.MAX_BODY_BYTES, auth_limit: int = AUTH_BODY_BYTES,
                 upload_limit: int = O.MAX_UPLOAD_BYTES) -> None:
        self.app = app
        self.default_limit = limit
        self.auth_limit = auth_limit
        self.upload_limit = upload_limit

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        path = str(scope.get("path", "")).rstrip("/")
        streamed = path in STREAMED_PATHS
        limit = self.upload_limit if streamed else self.auth_limit if path in AUTH_PATHS else self.default_limit
        headers = dict(scope.get("headers") or [])
        declared = headers.get(b"content-length")
        if declared is not None:
            try:
                size = int(declared)
            except ValueError:
                await _send_json(send, 400, bad_request("bad Content-Length").body())
                return
            if size > limit:
                await _send_json(send, 413, too_large(f"the body is limited to {limit} bytes").body())
                return
        if streamed:
            await self.app(scope, receive, send)
            return
        chunks: list[bytes] = []
        total = 0
        more = True
        while more:
            message = await receive()
            if message["type"] == "http.disconnect":
                return
            chunk = message.get("body", b"")
            total += len(chunk)
            if total > limit:
                await _send_json(send, 413, too_large(f"the body is limited to {limit} bytes").body())
                return
            chunks.append(chunk)
            more = bool(message.get("more_body", False))
        body = b"".join(chunks)
        replayed = False

        async def replay() -> Message:
            nonlocal replayed
            if not replayed:
                replayed = True
                return {"type": "http.request", "body": body, "more_body": False}
            return await receive()

        await self.app(scope, replay, send)


class AccessLog:
    """One line per request: method, path (no query), status, milliseconds."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        start = time.perf_counter()
        status = 0

        async def sending(message: Message) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = int(message["status"])
            await send(message)

        try:
            await self.app(scope, receive, sending)
        finally:
            path = str(scope.get("path", ""))[:200]
            access_log.info("%s %s %d %.1fms", scope.get("method", "?"), path, status,
                            (time.perf_counter() - start) * 1000)


# -- input checks ------------------------------------------------------------------------------------
def _no_constants(name: str) -> Any:
    raise ValueError(f"{name} is not JSON")


async def json_body(request: Request) -> dict[str, Any]:
    return parse_json(await request.body())


def parse_json(raw: bytes) -> dict[str, Any]:
    try:
        data = json.loads(raw.decode("utf-8"), parse_constant=_no_constants)
    except (UnicodeDecodeError, ValueError, RecursionError):
        raise bad_request("the body is not JSON (UTF-8)") from None
    if not isinstance(data, dict):
        raise bad_request("the body must be a JSON object")
    return data


def _str(data: dict[str, Any], key: str, *, max_len: int = 200, lines: bool = False) -> str:
    """A string field that may reach the database: no control character (a NUL fails PostgreSQL),
    no lone surrogate; ``lines``: ``\n`` is allowed."""
    value = data.get(key)
    if not isinstance(value, str) or len(value) > max_len:
        raise bad_request(f"{key} must be a string of at most {max_len} characters")
    if any(unicodedata.category(ch) in ("Cc", "Cs") and not (lines and ch == "\n") for ch in value):
        raise bad_request(f"{key} must not hold control characters")
    return value


def _member(data: dict[str, Any]) -> str:
    value = data.get("member")
    if not P.is_member_id(value):
        raise bad_request("member must be the 40 digits of a card fingerprint")
    return str(value)


def _uuid(data: dict[str, Any], key: str) -> str:
    value = data.get(key)
    if not P.is_uuid(value):
        raise bad_request(f"{key} must be a lower-case uuid")
    return str(value)


def _bytes(data: dict[str, Any], key: str, *, limit: int, exact: int | None = None) -> bytes:
    try:
        raw = P.unb64(data.get(key), limit=limit)
    except ValueError:
        raise bad_request(f"{key} must be base64 of at most {limit} bytes") from None
    if exact is not None and len(raw) != exact:
        raise bad_request(f"{key} must be {exact} bytes")
    return raw


def _int(value: Any, key: str, *, low: int, high: int) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
        raise bad_request(f"{key} must be a whole number from {low} to {high}")
    return value


def _query_int(request: Request, key: str, *, default: int, low: int, high: int) -> int:
    text = request.query_params.get(key)
    if text is None:
        return default
    if not text.isascii() or not text.isdigit() or len(text) > 19:
        raise bad_request(f"{key} must be a whole number from {low} to {high}")
    return _int(int(text), key, low=low, high=high)


# every op id and record uuid of a batch, one per line, checked by one match (not one call each)
_UUID_LINES = re.compile(r"(?:[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\n)*")


def _push_ops(data: dict[str, Any]) -> list[PushOp]:
    items = data.get("ops")
    if not isinstance(items, list) or not items:
        raise bad_request("ops must be a non-empty list")
    if len(items) > P.MAX_PUSH_OPS:
        raise too_large(f"at most {P.MAX_PUSH_OPS} ops per push")
    try:  # the usual batch: its ids checked together; anything off is found and named by the checks below
        ids = [item["op"] for item in items] + [item["uuid"] for item in items]
        lines = "\n".join(ids) + "\n"  # 37 characters a line: no id holds a line break of its own
        ids_ok = len(lines) == 37 * len(ids) and _UUID_LINES.fullmatch(lines) is not None
    except (TypeError, KeyError):
        ids_ok = False
    batch = []
    for item in items:
        if not ids_ok and not isinstance(item, dict):
            raise bad_request("each op must be an object")
        batch.append(PushOp(op=item["op"] if ids_ok else _uuid(item, "op"),
                            uuid=item["uuid"] if ids_ok else _uuid(item, "uuid"),
                            base=_int(item.get("base"), "base", low=0, high=MAX_INT),
                            payload=_bytes(item, "payload", limit=P.MAX_PAYLOAD_BYTES)))
    return batch


# -- the app -------------------------------------------------------------------------------------------
def _json_bytes(data: bytes) -> Response:
    return Response(data, media_type="application/json")


# The push and pull answers are large and plain: written out directly (no dicts, no encoder walk).
# Every value in them but the epoch is an int, a checked uuid, a protocol constant or base64: no
# character needs escaping (tests/test_server_sync.py reads them back with json.loads).
def _push_answer(epoch: str, results: list[tuple[str, str, int, int]]) -> bytes:
    items = ",".join([f'{{"op":"{op}","status":"{status}","version":{version},"counter":{counter}}}'
                      for op, status, version, counter in results])
    return f'{{"epoch":{json.dumps(epoch)},"results":[{items}]}}'.encode()


def _pull_answer(epoch: str, rows: list[tuple[str, int, int, bytes]], cursor: int, more: bool) -> bytes:
    b64 = binascii.b2a_base64
    items = ",".join([f'{{"uuid":"{u}","version":{v},"counter":{c},"payload":"{b64(p, newline=False).decode()}"}}'
                      for u, v, c, p in rows])
    tail = f'"cursor":{cursor},"more":{"true" if more else "false"}'
    return f'{{"epoch":{json.dumps(epoch)},"records":[{items}],{tail}}}'.encode()


def _error_response(exc: ApiError) -> JSONResponse:
    return JSONResponse(exc.body(), status_code=exc.status)


def create_app(config: ServerConfig, *, clock: Clock | None = None, migrate: bool = False,
               max_upload: int = O.MAX_UPLOAD_BYTES) -> FastAPI:
    """The API over the database of ``config`` (``migrate``: upgrade its schema first; ``max_upload``:
    the largest bundle the office may upload)."""
    if migrate:
        db.migrate(config.database_url)
    engine = db.make_engine(config.database_url, background_checkpoints=True)
    checkpointer = db.Checkpointer(engine) if db.is_sqlite(config.database_url) else None
    hub = Hub()
    store = Store(engine, clock or Clock.from_env(), on_change=hub.changed)
    epoch = store.epoch()
    url = P.origin(config.url)
    listener = PgListener(db.libpq_conninfo(config.database_url), NOTIFY_CHANNEL, hub) if store.postgres else None

    @asynccontextmanager
    async def lifespan(_app: FastAPI) -> AsyncIterator[None]:
        if listener is not None:
            listener.start()
            await run_in_threadpool(listener.ready.wait, 10)
        if checkpointer is not None:
            checkpointer.start()
        try:
            yield
        finally:
            if listener is not None:
                await run_in_threadpool(listener.stop)
            if checkpointer is not None:
                await run_in_threadpool(checkpointer.stop)
            await run_in_threadpool(store.close)  # the change notifications still pending sent
            engine.dispose()  # SQLite: the last connection to close checkpoints the rest

    app = FastAPI(openapi_url=None, docs_url=None, redoc_url=None, lifespan=lifespan)
    app.state.store = store
    app.state.hub = hub

    @app.exception_handler(ApiError)
    async def _api_error(_request: Request, exc: ApiError) -> JSONResponse:
        return _error_response(exc)

    @app.exception_handler(StarletteHTTPException)
    async def _http_error(_request: Request, exc: StarletteHTTPException) -> JSONResponse:
        code = P.NOT_FOUND if exc.status_code == 404 else P.BAD_REQUEST
        status = exc.status_code if 400 <= exc.status_code < 500 else 400
        return JSONResponse({"error": code, "detail": str(exc.detail)}, status_code=status)

    @app.exception_handler(RequestValidationError)
    async def _validation_error(_request: Request, _exc: RequestValidationError) -> JSONResponse:
        return _error_response(bad_request("the request does not have the expected shape"))

    @app.exception_handler(ValueError)
    @app.exception_handler(TypeError)
    @app.exception_handler(UnicodeError)
    async def _value_error(_request: Request, exc: Exception) -> JSONResponse:
        log.warning("refused a request: %s", exc.__class__.__name__)
        return _error_response(bad_request("the request does not have the expected shape"))

    @app.exception_handler(IntegrityError)
    async def _race(_request: Request, exc: Exception) -> JSONResponse:
        log.warning("refused a racing write: %s", exc.__class__.__name__)
        return _error_response(conflict("another request changed the same thing at the same time; try again"))

    @app.exception_handler(Exception)
    async def _bug(_request: Request, exc: Exception) -> JSONResponse:  # logged by uvicorn; the body stays JSON
        return JSONResponse({"error": "internal", "detail": "the server failed on this request"}, status_code=500)

    def _unavailable(exc: Exception) -> JSONResponse:
        log.warning("database unavailable: %s", exc.__class__.__name__)
        return JSONResponse({"error": P.UNAVAILABLE, "detail": "the database is busy or unreachable; try again"},
                            status_code=503, headers={"Retry-After": "1"})

    @app.exception_handler(OperationalError)
    @app.exception_handler(InterfaceError)
    async def _db_busy(_request: Request, exc: Exception) -> JSONResponse:
        return _unavailable(exc)

    @app.exception_handler(DataError)
    async def _db_refused_value(_request: Request, exc: Exception) -> JSONResponse:
        log.warning("the database refused a value: %s", exc.__class__.__name__)
        return _error_response(bad_request("a value in the request cannot be stored"))

    @app.exception_handler(DBAPIError)
    async def _db_error(_request: Request, exc: Exception) -> JSONResponse:
        if isinstance(exc, DBAPIError) and exc.connection_invalidated:
            return _unavailable(exc)
        sqlstate = str(getattr(getattr(exc, "orig", None), "sqlstate", None) or "")
        if sqlstate.startswith("22"):  # PostgreSQL's class 22, data exception: the input, not the server
            log.warning("the database refused a value: %s", exc.__class__.__name__)
            return _error_response(bad_request("a value in the request cannot be stored"))
        log.error("database error: %s (SQLSTATE %s)", exc.__class__.__name__, sqlstate or "-")  # no statement
        return JSONResponse({"error": "internal", "detail": "the server failed on this request"}, status_code=500)

    def bearer(request: Request) -> str:
        header = request.headers.get("authorization", "")
        scheme, _, token = header.partition(" ")
        if scheme.lower() != "bearer" or not token or len(token) > 200:
            raise unauthorized()
        return token.strip()

    async def authed(request: Request) -> tuple[str, str]:
        session = await run_in_threadpool(store.session, bearer(request))
        return session.member, session.device

    # -- health and auth ------------------------------------------------------------------------------
    @app.get(P.HEALTH)
    async def healthz() -> dict[str, str]:
        return {"status": "ok", "protocol": P.PROTOCOL}

    @app.post(P.CHALLENGE)
    async def challenge(request: Request) -> dict[str, Any]:
        data = await json_body(request)
        member, device = _member(data), _uuid(data, "device")
        action = data.get("action")
        if action not in P.ACTIONS:
            raise bad_request(f"action must be one of {', '.join(P.ACTIONS)}")
        raw = await run_in_threadpool(store.challenge, member, device, str(action))
        return {"challenge": P.b64(raw), "expires_in": P.CHALLENGE_TTL_S}

    def _signed(data: dict[str, Any]) -> tuple[str, str, bytes, bytes]:
        return (_member(data), _uuid(data, "device"),
                _bytes(data, "challenge", limit=P.CHALLENGE_BYTES, exact=P.CHALLENGE_BYTES),
                _bytes(data, "signature", limit=64, exact=64))

    def _token_answer(token: str, device: str) -> dict[str, Any]:
        return {"token": token, "expires_in": P.TOKEN_TTL_S, "epoch": epoch, "device": device}

    @app.post(P.REGISTER)
    async def register(request: Request) -> dict[str, Any]:
        data = await json_body(request)
        member, device, raw_challenge, signature = _signed(data)
        device_key = _str(data, "device_key", max_len=44)
        if P.b64(_bytes(data, "device_key", limit=32, exact=32)) != device_key:
            raise bad_request("device_key must be canonical base64")
        name = _str(data, "name", max_len=P.MAX_DEVICE_NAME)
        if not name.strip():
            raise bad_request("name must be one short line")
        created = _str(data, "created", max_len=40)
        certificate = _str(data, "certificate", max_len=4000, lines=True)
        token, dev = await run_in_threadpool(store.register, url, member, device, device_key, name, created,
                                             certificate, raw_challenge, signature)
        return _token_answer(token, dev)

    @app.post(P.LOGIN)
    async def login(request: Request) -> dict[str, Any]:
        member, device, raw_challenge, signature = _signed(await json_body(request))
        token = await run_in_threadpool(store.login, url, member, device, raw_challenge, signature)
        return _token_answer(token, device)

    @app.post(P.REVOKED_ACK)
    async def revoked_ack(request: Request) -> dict[str, str]:
        member, device, raw_challenge, signature = _signed(await json_body(request))
        await run_in_threadpool(store.revoked_ack, url, member, device, raw_challenge, signature)
        return {"status": "ok"}

    # -- devices and keys -----------------------------------------------------------------------------
    @app.get(P.DEVICES)
    async def list_devices(request: Request) -> dict[str, Any]:
        member, current = await authed(request)
        rows = await run_in_threadpool(store.all_devices, member)
        return {"devices": [{"device": r.device, "name": r.name, "created": r.created, "last_seen": r.last_seen,
                             "revoked": r.revoked_at, "wiped": r.wiped_at, "pending": r.pending,
                             "current": r.device == current}
                            for r in rows]}

    @app.post(P.DEVICES + "/{device}/revoke")
    async def revoke_device(device: str, request: Request) -> dict[str, str]:
        member, _ = await authed(request)
        if not P.is_uuid(device):
            raise not_found("no such device")
        await run_in_threadpool(store.revoke, member, device)
        return {"status": "ok"}

    @app.post(P.DEVICES + "/{device}/approve")
    async def approve_device(device: str, request: Request) -> dict[str, str]:
        member, _ = await authed(request)  # a live device: revoked and pending ones are refused here
        if not P.is_uuid(device):
            raise not_found("no such device")
        await run_in_threadpool(store.approve, member, device)
        return {"status": "ok"}

    @app.get(P.KEYS)
    async def list_keys(request: Request) -> dict[str, Any]:
        member, _ = await authed(request)
        generations, rotate = await run_in_threadpool(store.keys, member)
        return {"generations": [{"generation": g, "sealed": P.b64(sealed), "created": created}
                                for g, sealed, created in generations], "rotate": rotate}

    @app.put(P.KEYS + "/{generation}")
    async def put_key(generation: str, request: Request) -> Response:
        member, _ = await authed(request)
        if not generation.isascii() or not generation.isdigit() or len(generation) > 9 or int(generation) < 1:
            raise bad_request("the generation is a whole number from 1")
        sealed = _bytes(await json_body(request), "sealed", limit=P.MAX_SEALED_KEY_BYTES)
        if not sealed:
            raise bad_request("sealed is empty")
        await run_in_threadpool(store.put_key, member, int(generation), sealed)
        return JSONResponse({"status": "ok", "generation": int(generation)}, status_code=201)

    # -- records ----------------------------------------------------------------------------------------
    @app.post(P.PUSH)
    async def push(request: Request) -> Response:
        token, raw = bearer(request), await request.body()

        def apply() -> bytes:  # the batch read first, then the token checked and the batch applied together
            try:
                batch = _push_ops(parse_json(raw))
            except ApiError:
                store.session(token)  # a bad token is 401/403 before a bad body is 400/413
                raise
            results = store.push(token, batch)
            return _push_answer(epoch, results)

        return _json_bytes(await run_in_threadpool(apply))

    @app.get(P.PULL)
    async def pull(request: Request) -> Response:
        token = bearer(request)

        def bounds() -> tuple[int, int]:  # asked for once the token is checked: 401/403 before 400
            return (_query_int(request, "after", default=0, low=0, high=MAX_INT),
                    _query_int(request, "limit", default=P.PULL_LIMIT, low=1, high=P.MAX_PULL_LIMIT))

        def page() -> bytes:  # the token checked, then the page read and written out: one thread-pool hop
            rows, cursor, more = store.pull_as(token, bounds)
            return _pull_answer(epoch, rows, cursor, more)

        return _json_bytes(await run_in_threadpool(page))

    @app.get(P.DIGEST)
    async def digest(request: Request) -> dict[str, Any]:
        member, _ = await authed(request)
        count, value, counter = await run_in_threadpool(store.digest, member)
        return {"epoch": epoch, "count": count, "digest": value, "counter": counter}

    @app.get(P.WAIT)
    async def wait(request: Request) -> dict[str, int]:
        member, _ = await authed(request)
        after = _query_int(request, "after", default=0, low=0, high=MAX_INT)
        timeout = _query_int(request, "timeout", default=P.MAX_WAIT_S, low=0, high=P.MAX_WAIT_S)
        loop = asyncio.get_running_loop()
        deadline = loop.time() + timeout
        with hub.waiting(member) as event:
            counter = await run_in_threadpool(store.counter, member)
            while counter <= after:
                remaining = deadline - loop.time()
                if remaining <= 0:
                    break
                try:
                    await asyncio.wait_for(event.wait(), remaining)
                except TimeoutError:
                    break
                event.clear()
                counter = await run_in_threadpool(store.counter, member)
        return {"counter": counter}

    app.include_router(receipts.router(store, authed))  # read receipts and recalls (server/receipts.py)
    app.include_router(consultation.router(store, authed))  # comments and poll answers, sealed (docs/consultation.md)
    app.include_router(router_for(config.folder, engine, store.clock, authed))  # docs/distribution-protocol.md
    # the office's own endpoints, with the office's token only (docs/office-api.md)
    app.include_router(office_api.router(store, config.folder, url, bearer, max_upload=max_upload))
    app.include_router(meeting.router(store, hub, authed, bearer))  # the meeting room (docs/meeting.md)

    return app


def wrap(app: ASGIApp, *, max_upload: int = O.MAX_UPLOAD_BYTES) -> ASGIApp:
    """The app as served: the access log around the body limit around the API."""
    return AccessLog(BodyLimit(app, upload_limit=max_upload))


def max_upload_from_env() -> int:
    """``$PAPERLESS_SERVER_MAX_UPLOAD`` (bytes, 1 KiB to 1 GiB; e.g. to keep uploads smaller), else 1 GiB."""
    text = os.environ.get(MAX_UPLOAD_ENV, "")
    if text.isascii() and text.isdigit() and 1024 <= int(text) <= O.MAX_UPLOAD_BYTES:
        return int(text)
    return O.MAX_UPLOAD_BYTES


def app_from_env() -> ASGIApp:
    """The served app of the folder in ``$PAPERLESS_SERVER_DIR`` (uvicorn's factory, one per worker)."""
    from pathlib import Path

    config = load_config(Path(os.environ[SERVER_DIR_ENV]), os.environ.get(SERVER_DB_ENV) or None)
    limit = max_upload_from_env()
    return wrap(create_app(config, max_upload=limit), max_upload=limit)
