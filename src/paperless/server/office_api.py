"""The office's own endpoints (docs/office-api.md): the clerk's app publishes sessions, reads
receipts, recalls, follows the recalls and fetches the members' sealed comments and poll answers
over HTTPS, as ``paperless server publish|receipts|recall|recall-status`` and ``paperless
consultation collect`` do on the server machine itself.

Only the office may call them. The office logs in by proving possession of the office's signing
key — the key of ``office-card.toml`` in the server folder, which signed the folder's
``office-server.toml`` — by signing (minisign) a single-use challenge bound to this server's
address and the action; it gets a short-lived token kept in ``office_tokens``, apart from the
members' ``tokens``: a member's token is never the office's (401 on every office endpoint), nor the
office's a member's (401 on every member endpoint). The server still sees no plaintext: the
envelopes it hands out are the sealed ones it holds.
"""

from __future__ import annotations

import asyncio
import contextlib
import errno
import hashlib
import os
import secrets
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import JSONResponse
from sqlalchemy import delete, insert, select
from starlette.concurrency import run_in_threadpool
from starlette.requests import ClientDisconnect

from paperless.core.clerk import office_protocol as O
from paperless.core.errors import PaperlessError
from paperless.core.identity import PublicCard
from paperless.core.sync import notices as N
from paperless.core.sync import protocol as P
from paperless.core.sync.office import parse_office_file
from paperless.server import db
from paperless.server.consultation import ConsultationStore
from paperless.server.distribution_store import (
    BUNDLES_DIR,
    OFFICE_CARD,
    Distribution,
    Published,
    PublishError,
    parse_due,
)
from paperless.server.errors import ApiError, bad_request, not_found, too_large, unauthorized
from paperless.server.receipts import ReceiptStore
from paperless.server.store import Store

UPLOAD_CHUNK_BYTES = 1024 * 1024


def _hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


class OfficeCard:
    """The office card of a server folder (``office-card.toml``), and only if the folder's signed
    ``office-server.toml`` verifies with it; read again when either file changes."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self._lock = threading.Lock()
        self._seen: tuple[Any, ...] | None = None
        self._card: PublicCard | None = None

    def get(self) -> PublicCard | None:
        card_path, office_path = self.folder / OFFICE_CARD, self.folder / P.OFFICE_FILE
        try:
            stats = (card_path.stat(), office_path.stat())
        except OSError:
            return None
        seen = tuple((s.st_ino, s.st_mtime_ns, s.st_size) for s in stats)
        with self._lock:
            if seen == self._seen:
                return self._card
        try:
            card: PublicCard | None = PublicCard.from_toml(card_path.read_text("utf-8"), str(card_path))
            if card is not None and card.role != "clerk":
                card = None
            if card is not None:  # it signed the folder's office-server.toml (what members trust)
                parse_office_file(office_path.read_bytes(), [card], str(office_path))
        except (OSError, UnicodeDecodeError, PaperlessError):
            card = None
        with self._lock:
            self._seen, self._card = seen, card
        return card


class OfficeAuth:
    """The office's challenges (in the members' ``challenges`` table, under their own action) and
    tokens (``office_tokens``)."""

    def __init__(self, store: Store, card: OfficeCard, url: str) -> None:
        self.store = store
        self.card = card
        self.url = url

    def office_id(self) -> str | None:
        card = self.card.get()
        return None if card is None else P.member_id(card.fingerprint)

    def challenge(self, office: str) -> bytes:
        """A fresh challenge for whoever claims to be ``office`` (the same answer whether it is or not)."""
        return self.store.challenge(office, O.DEVICE, O.CHALLENGE_ACTION)

    def login(self, office: str, challenge: bytes, signature: str) -> str:
        with self.store.write_tx() as conn:  # used up whatever comes next
            taken = self.store._take_challenge(conn, office, O.DEVICE, O.CHALLENGE_ACTION, challenge)
        if not taken:
            raise unauthorized()
        card = self.card.get()
        if card is None or P.member_id(card.fingerprint) != office:
            raise unauthorized()
        try:
            card.public_key.verify(O.auth_message("login", self.url, office, challenge), signature)
        except (PaperlessError, ValueError):
            raise unauthorized() from None
        token = secrets.token_urlsafe(32)
        now = self.store.clock.now_ms()
        with self.store.write_tx() as conn:
            conn.execute(delete(db.office_tokens).where(db.office_tokens.c.expires <= now))
            conn.execute(insert(db.office_tokens).values(hash=_hash(token), office=office,
                                                         expires=now + P.TOKEN_TTL_S * 1000))
        return token

    def session(self, token: str) -> str:
        """The office a token speaks for: 401 unless it is a live office token of *this* office card."""
        with self.store.engine.connect() as conn:
            row = conn.execute(select(db.office_tokens.c.office, db.office_tokens.c.expires)
                               .where(db.office_tokens.c.hash == _hash(token))).first()
        if row is None or int(row.expires) <= self.store.clock.now_ms() or str(row.office) != self.office_id():
            raise unauthorized()
        return str(row.office)

    def logout(self, token: str) -> None:
        with self.store.write_tx() as conn:
            conn.execute(delete(db.office_tokens).where(db.office_tokens.c.hash == _hash(token)))


# -- input -----------------------------------------------------------------------------------------------
def _session_id(value: str) -> str:
    if not N.is_session_id(value):
        raise bad_request("the session id is letters, digits, . _ - (at most 64)")
    return value


def _cursor(text: str | None) -> tuple[str, str, str, int] | None:
    """``member:kind:key:revision`` as an envelope page's ``after`` (from the previous page)."""
    if text is None or text == "":
        return None
    parts = text.split(":")
    if len(parts) != 4 or not P.is_member_id(parts[0]) or parts[1] not in ("comment", "answer") \
            or not parts[2] or len(parts[2]) > 40 or not parts[3].isascii() or not parts[3].isdigit() \
            or len(parts[3]) > 9:
        raise bad_request("after must be the cursor of the previous page")
    return parts[0], parts[1], parts[2], int(parts[3])


def _receipt_cursor(text: str | None) -> tuple[str, str] | None:
    """``member:op`` as a receipts page's ``after`` (from the previous page)."""
    if text is None or text == "":
        return None
    member, _, op = text.partition(":")
    if not P.is_member_id(member) or not P.is_uuid(op):
        raise bad_request("after must be the cursor of the previous page")
    return member, op


def _limit(text: str | None, default: int, high: int) -> int:
    if text is None:
        return default
    if not text.isascii() or not text.isdigit() or len(text) > 6 or not 1 <= int(text) <= high:
        raise bad_request(f"limit must be a whole number from 1 to {high}")
    return int(text)


def _publish_refused(exc: PublishError) -> JSONResponse:
    detail = exc.params.get("detail")
    en = getattr(detail, "en", str(detail))
    vi = getattr(detail, "vi", en)
    return JSONResponse({"error": O.PUBLISH_REFUSED, "detail": en, "detail_vi": vi}, status_code=400)


async def _publish_upload(request: Request, upload: Path, max_upload: int,
                          publish: Callable[[], Published]) -> JSONResponse:
    """Stream the request's body into ``upload`` (a new file) within ``max_upload`` bytes, then
    publish it; the caller removes ``upload`` whatever happens."""
    size = 0
    with open(upload, "xb") as out:
        try:
            async for chunk in request.stream():
                size += len(chunk)
                if size > max_upload:
                    raise too_large(f"a bundle is limited to {max_upload} bytes")
                if chunk:
                    await run_in_threadpool(out.write, chunk)
        except ClientDisconnect:  # the clerk's laptop went away: nothing published, nothing kept
            raise bad_request("the upload was cut") from None
    if size == 0:
        raise bad_request("the body must be the bundle file")
    try:
        result = await run_in_threadpool(publish)
    except PublishError as exc:
        return _publish_refused(exc)
    return JSONResponse({"session_id": result.session_id, "version": result.version, "sha256": result.sha256,
                         "size": result.size, "enrolled": result.enrolled, "new": result.new,
                         "superseded": result.superseded}, status_code=201 if result.new else 200)


def router(store: Store, folder: Path, url: str, bearer: Callable[[Request], str], *,
           max_upload: int = O.MAX_UPLOAD_BYTES) -> APIRouter:
    """The office's routes (included by :func:`paperless.server.api.create_app`)."""
    from paperless.server.api import _bytes, _int, _str, json_body

    card = OfficeCard(folder)
    auth = OfficeAuth(store, card, url)
    receipts = ReceiptStore(store)
    held = ConsultationStore(store)
    dist = Distribution(store.engine, folder, store.clock)
    api = APIRouter()

    async def office_only(request: Request) -> str:
        return await run_in_threadpool(auth.session, bearer(request))

    def _office_field(data: dict[str, Any]) -> str:
        value = data.get("office")
        if not P.is_member_id(value):
            raise bad_request("office must be the 40 digits of the office card's fingerprint")
        return str(value)

    @api.post(O.CHALLENGE)
    async def challenge(request: Request) -> dict[str, Any]:
        data = await json_body(request)
        office = _office_field(data)
        if data.get("action") not in O.ACTIONS:
            raise bad_request(f"action must be one of {', '.join(O.ACTIONS)}")
        raw = await run_in_threadpool(auth.challenge, office)
        return {"challenge": P.b64(raw), "expires_in": P.CHALLENGE_TTL_S}

    @api.post(O.LOGIN)
    async def login(request: Request) -> dict[str, Any]:
        data = await json_body(request)
        office = _office_field(data)
        raw = _bytes(data, "challenge", limit=P.CHALLENGE_BYTES, exact=P.CHALLENGE_BYTES)
        signature = _str(data, "signature", max_len=O.MAX_SIGNATURE_CHARS, lines=True)
        token = await run_in_threadpool(auth.login, office, raw, signature)
        return {"token": token, "expires_in": P.TOKEN_TTL_S, "max_upload": max_upload}

    @api.post(O.LOGOUT)
    async def logout(request: Request) -> dict[str, str]:
        token = bearer(request)
        await run_in_threadpool(auth.session, token)
        await run_in_threadpool(auth.logout, token)
        return {"status": "ok"}

    # -- publish ------------------------------------------------------------------------------------
    @api.post(O.BUNDLES)
    async def publish(request: Request) -> Any:
        await office_only(request)  # before a byte of the body is read
        try:
            due = parse_due(request.query_params.get("due"))
        except PaperlessError:
            raise bad_request("due must be a date YYYY-MM-DD") from None
        office = card.get()
        if office is None:  # logged in a moment ago: the folder changed meanwhile
            raise unauthorized()
        incoming = folder / BUNDLES_DIR / "incoming"
        await run_in_threadpool(incoming.mkdir, parents=True, exist_ok=True)
        upload = incoming / f"upload-{secrets.token_hex(8)}.part"
        try:
            return await _publish_upload(request, upload, max_upload, lambda: dist.publish(
                upload, office, due, label="the uploaded bundle"))
        except OSError as exc:
            if exc.errno in (errno.ENOSPC, errno.EDQUOT):  # nothing published; the clerk is told why
                raise ApiError(507, O.SERVER_FULL, "the server's disk is full: nothing was published") from None
            raise
        finally:
            with contextlib.suppress(OSError):
                await asyncio.to_thread(os.unlink, upload)

    # -- receipts and recalls -------------------------------------------------------------------------
    @api.get(O.SESSIONS + "/{session_id}/receipts")
    async def get_receipts(session_id: str, request: Request) -> dict[str, Any]:
        await office_only(request)
        sid = _session_id(session_id)
        after = _receipt_cursor(request.query_params.get("after"))
        limit = _limit(request.query_params.get("limit"), O.RECEIPTS_PAGE, O.MAX_RECEIPTS_PAGE)
        rows, more = await run_in_threadpool(receipts.page, sid, after, limit)
        return {"receipts": [{"member": r.member, "member_name": r.member_name, "device": r.device,
                              "version": r.version, "target": r.target, "event": r.event, "at": r.at,
                              "received": r.received} for r in rows],
                "cursor": f"{rows[-1].member}:{rows[-1].op}" if rows else "", "more": more}

    @api.post(O.SESSIONS + "/{session_id}/recall")
    async def post_recall(session_id: str, request: Request) -> JSONResponse:
        await office_only(request)
        sid = _session_id(session_id)
        data = await json_body(request)
        item = data.get("item")
        if item is not None:
            item = _int(item, "item", low=0, high=N.MAX_ITEM)
        notes = data.get("notes", "keep")
        if notes not in N.NOTES_POLICIES:
            raise bad_request(f"notes must be one of {', '.join(N.NOTES_POLICIES)}")
        made = await run_in_threadpool(receipts.recall, sid, item, str(notes))
        if not made:
            raise ApiError(409, O.NO_MEMBERS, "no member is enrolled: nobody to recall it from")
        return JSONResponse({"recalled": len(made), "recalls": [r.id for r in made]}, status_code=201)

    @api.get(O.SESSIONS + "/{session_id}/recalls")
    async def get_recall_status(session_id: str, request: Request) -> dict[str, Any]:
        await office_only(request)
        rows = await run_in_threadpool(receipts.recall_status, _session_id(session_id))
        return {"recalls": [{"recall": r.recall.id, "session_id": r.recall.session_id, "item": r.recall.item,
                             "notes": r.recall.notes, "recalled_at": r.recall.recalled_at,
                             "member": r.recall.member, "member_name": r.member_name, "device": r.device,
                             "device_name": r.device_name, "acked_at": r.acked_at, "revoked": r.revoked}
                            for r in rows]}

    # -- consultation ----------------------------------------------------------------------------------
    @api.get(O.SESSIONS + "/{session_id}/envelopes")
    async def get_envelopes(session_id: str, request: Request) -> dict[str, Any]:
        await office_only(request)
        sid = _session_id(session_id)
        after = _cursor(request.query_params.get("after"))
        limit = _limit(request.query_params.get("limit"), O.ENVELOPES_PAGE, O.MAX_ENVELOPES_PAGE)
        rows, last, more = await run_in_threadpool(held.page, sid, after, limit, O.MAX_ENVELOPES_BYTES)
        return {"envelopes": [{"member": h.member, "kind": h.kind, "session_id": h.session_id, "key": h.key,
                               "revision": h.revision, "received": h.received, "sealed": P.b64(h.sealed)}
                              for h in rows],
                "cursor": "" if last is None else ":".join(map(str, last)), "more": more}

    @api.api_route(O.PREFIX + "/{rest:path}", methods=["GET", "HEAD", "OPTIONS", "POST", "PUT", "DELETE", "PATCH"])
    async def unknown(rest: str, request: Request) -> None:
        await office_only(request)  # nothing under the prefix answers anyone else, not even "not found"
        raise not_found("no such office endpoint")

    return api
