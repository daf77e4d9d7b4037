"""The distribution endpoints (docs/distribution-protocol.md): a member lists the session versions
addressed to them and downloads a bundle by its SHA-256, with HTTP ranges.

``GET /v1/bundles`` lists; ``GET /v1/bundles/{sha256}`` streams the file (Starlette's
:class:`~starlette.responses.FileResponse`: single and multiple ranges, 206/416, ``If-Range``),
with a strong ETag, the file's SHA-256. A bundle that does not exist and one that is not
addressed to the member get the same 403 answer, byte for byte.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import FileResponse, Response
from sqlalchemy import Engine
from starlette.concurrency import run_in_threadpool

from paperless.core.distribution import protocol as D
from paperless.server.clock import Clock
from paperless.server.distribution_store import Distribution
from paperless.server.errors import ApiError

NOT_FOR_YOU = "no bundle of that name is addressed to this member"
CHUNK_BYTES = 1024 * 1024  # read per step while streaming (memory stays bounded per download)


def not_addressed() -> ApiError:
    """The one answer for a bundle that is not there and one that is not the member's."""
    return ApiError(403, D.FORBIDDEN, NOT_FOR_YOU)


class BundleFile(FileResponse):
    chunk_size = CHUNK_BYTES


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
        path, _size = found
        return BundleFile(path, media_type="application/octet-stream",
                          headers={"etag": D.etag(sha256), "cache-control": "private, no-transform"})

    return router
