"""The distribution endpoints (docs/distribution-protocol.md): a member lists the session versions
addressed to them and downloads a bundle by its SHA-256, with HTTP ranges.

``GET /v1/bundles`` lists; ``GET /v1/bundles/{sha256}`` streams the file (:class:`BundleFile`:
one range, 206/416, ``If-Range``), with a strong ETag, the file's SHA-256. A bundle that does not
exist and one that is not addressed to the member get the same 403 answer, byte for byte.
"""

from __future__ import annotations

import asyncio
import os
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import Response
from sqlalchemy import Engine
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import Headers
from starlette.types import Receive, Scope, Send

from paperless.core.distribution import protocol as D
from paperless.server.clock import Clock
from paperless.server.distribution_store import Distribution
from paperless.server.errors import ApiError

NOT_FOR_YOU = "no bundle of that name is addressed to this member"
CHUNK_BYTES = 256 * 1024  # read per step while streaming (memory stays bounded per download)


def not_addressed() -> ApiError:
    """The one answer for a bundle that is not there and one that is not the member's."""
    return ApiError(403, D.FORBIDDEN, NOT_FOR_YOU)


def parse_range(header: str, size: int) -> tuple[int, int] | None:
    """The one byte range ``[start, end)`` of a ``Range: bytes=…`` header, or None to send the whole
    file (another unit, several ranges, a malformed header: RFC 9110 lets a server ignore them).
    A range that starts at or past the end raises :class:`Unsatisfiable`."""
    unit, _, spec = header.strip().partition("=")
    if unit.strip().lower() != "bytes" or "," in spec:
        return None
    first, dash, last = spec.strip().partition("-")
    if not dash or not (first.isascii() and last.isascii()) or len(first) > 19 or len(last) > 19:
        return None
    if not first:  # the last N bytes
        if not last.isdigit() or int(last) == 0:
            return None if not last.isdigit() else _unsatisfiable()
        return max(0, size - int(last)), size
    if not first.isdigit() or (last and not last.isdigit()):
        return None
    start = int(first)
    end = size if not last else int(last) + 1
    if start >= size:
        return _unsatisfiable()
    if end <= start:
        return None
    return start, min(end, size)


class Unsatisfiable(Exception):
    pass


def _unsatisfiable() -> tuple[int, int]:
    raise Unsatisfiable


class BundleFile(Response):
    """A published bundle, streamed from disk: 200, or 206 for one range, 416 for a range past the end;
    ``If-Range`` honoured (strong comparison with the ETag). The file is read with ``pread`` in the
    event loop, a piece at a time (content-addressed files never change; they sit in the page cache),
    and the stream stops when the client goes away."""

    def __init__(self, path: Path, size: int, sha256: str) -> None:
        super().__init__(media_type="application/octet-stream")
        self.path, self.size, self.etag = path, size, D.etag(sha256)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        headers = Headers(scope=scope)
        start, end, status = 0, self.size, 200
        wanted, if_range = headers.get("range"), headers.get("if-range")
        extra: list[tuple[bytes, bytes]] = []
        if wanted is not None and (if_range is None or if_range.strip() == self.etag):
            try:
                span = parse_range(wanted, self.size)
            except Unsatisfiable:
                await Response(status_code=416, headers={"content-range": f"bytes */{self.size}"})(
                    scope, receive, send)
                return
            if span is not None:
                (start, end), status = span, 206
                extra.append((b"content-range", f"bytes {start}-{end - 1}/{self.size}".encode()))
        fd = os.open(self.path, os.O_RDONLY)
        try:
            await send({"type": "http.response.start", "status": status, "headers": [
                (b"content-type", b"application/octet-stream"), (b"content-length", str(end - start).encode()),
                (b"accept-ranges", b"bytes"), (b"etag", self.etag.encode()),
                (b"cache-control", b"private, no-transform"), *extra]})
            if scope.get("method") == "HEAD":
                await send({"type": "http.response.body", "body": b"", "more_body": False})
                return
            gone = asyncio.Event()

            async def watch() -> None:
                while (await receive())["type"] != "http.disconnect":
                    pass
                gone.set()

            watcher = asyncio.ensure_future(watch())
            try:
                pos = start
                while pos < end and not gone.is_set():
                    data = os.pread(fd, min(CHUNK_BYTES, end - pos), pos)
                    if not data:
                        break  # the file is shorter than recorded: the client sees a short body
                    pos += len(data)
                    await send({"type": "http.response.body", "body": data, "more_body": pos < end})
                if pos == start == end:
                    await send({"type": "http.response.body", "body": b"", "more_body": False})
            finally:
                watcher.cancel()
        finally:
            os.close(fd)


def router_for(folder: Path, engine: Engine, clock: Clock,
               authed: Callable[[Request], Awaitable[tuple[str, str]]]) -> APIRouter:
    """The routes over the published bundles of a server folder (what ``create_app`` includes)."""
    return make_router(Distribution(engine, folder, clock), authed)


def make_router(dist: Distribution, authed: Callable[[Request], Awaitable[tuple[str, str]]]) -> APIRouter:
    router = APIRouter()

    @router.get(D.BUNDLES)
    async def list_bundles(request: Request) -> dict[str, Any]:
        member, _ = await authed(request)
        rows = await run_in_threadpool(dist.visible, member)
        return {"bundles": [{"session_id": r.session_id, "version": r.version, "sha256": r.sha256, "size": r.size,
                             "due": r.due, "published": r.published, "superseded": r.superseded} for r in rows]}

    @router.get(D.BUNDLES + "/{sha256}")
    async def download(sha256: str, request: Request) -> Response:
        member, _ = await authed(request)
        found = await run_in_threadpool(dist.file_for, member, sha256)
        if found is None:
            raise not_addressed()
        path, size = found
        return BundleFile(path, size, sha256)

    return router
