"""Read receipts and recalls on the office server (docs/receipts-recall.md).

:class:`ReceiptStore` keeps them (SQLAlchemy Core, the tables of migration 0004) and
:func:`router` serves them to devices:

* ``POST /v1/receipts``: a device's signed receipts, each stored once by its op id;
* ``GET /v1/recalls``: the recalls addressed to the token's member (and whether this device has
  acknowledged each);
* ``POST /v1/recalls/{recall}/ack``: the device's signed acknowledgement, stored once.

A token speaks for one member and one device: receipts and acks are verified against *that*
device's registered Ed25519 key, so a member can write only their own, and reads only the recalls
addressed to them. The server reads receipts in clear: the office is meant to see them
(docs/server.md, "what the server can see").
"""

from __future__ import annotations

import uuid as uuidlib
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import JSONResponse
from sqlalchemy import insert, literal, select, tuple_
from sqlalchemy.exc import IntegrityError
from starlette.concurrency import run_in_threadpool

from paperless.core.sync import notices as N
from paperless.core.sync import protocol as P
from paperless.server import db
from paperless.server.errors import bad_request, not_found, too_large, unauthorized
from paperless.server.store import Store

Authed = Callable[[Request], Awaitable[tuple[str, str]]]


@dataclass(frozen=True)
class Receipt:
    op: str
    session_id: str
    version: int
    target: str
    event: str
    at: str
    signature: bytes


@dataclass(frozen=True)
class ReceiptRow:
    member: str
    member_name: str
    device: str
    session_id: str
    version: int
    target: str
    event: str
    at: str
    received: int
    op: str = ""


@dataclass(frozen=True)
class Recall:
    id: str
    member: str
    session_id: str
    item: int | None
    notes: str
    recalled_at: int


@dataclass(frozen=True)
class RecallStatus:
    recall: Recall
    member_name: str
    device: str
    device_name: str
    acked_at: int | None
    revoked: bool


class ReceiptStore:
    """Receipts, recalls and acks over the server's :class:`~paperless.server.store.Store`."""

    def __init__(self, store: Store) -> None:
        self.store = store

    def _device_key(self, conn: Any, member: str, device: str) -> str:
        key = conn.execute(select(db.devices.c.public_key).where(
            db.devices.c.member == member, db.devices.c.id == device, db.devices.c.revoked_at.is_(None))).scalar()
        if key is None:
            raise unauthorized()
        return str(key)

    # -- devices ------------------------------------------------------------------------------------
    def add_receipts(self, member: str, device: str, batch: Sequence[Receipt]) -> list[tuple[str, str]]:
        """Verify every receipt against the device's key (a bad one refuses the whole batch, 400),
        then store the new ones: [(op, stored|duplicate)] in the order sent."""
        now = self.store.clock.now_ms()
        with self.store.write_tx() as conn:
            key = self._device_key(conn, member, device)
            for r in batch:
                message = N.receipt_message(member, device, r.op, r.session_id, r.version, r.target, r.event, r.at)
                if not Store._signature_ok(key, message, r.signature):
                    raise bad_request(f"receipt {r.op}: the signature is not this device's")
            ops = list(dict.fromkeys(r.op for r in batch))
            done = set(conn.execute(select(db.receipts.c.op_id).where(
                db.receipts.c.member == member, db.receipts.c.op_id.in_(ops))).scalars())
            results: list[tuple[str, str]] = []
            rows = []
            for r in batch:
                if r.op in done:
                    results.append((r.op, N.DUPLICATE))
                    continue
                done.add(r.op)
                rows.append({"member": member, "op_id": r.op, "device": device, "session_id": r.session_id,
                             "version": r.version, "target": r.target, "event": r.event, "at": r.at,
                             "received": now, "signature": r.signature})
                results.append((r.op, N.STORED))
            if rows:
                conn.execute(insert(db.receipts), rows)
        return results

    def recalls_for(self, member: str, device: str) -> list[tuple[Recall, bool]]:
        """The recalls addressed to ``member``, oldest first, each with whether ``device`` acked it."""
        with self.store.read_tx() as conn:
            rows = conn.execute(select(db.recalls).where(db.recalls.c.member == member)
                                .order_by(db.recalls.c.recalled_at, db.recalls.c.id)).all()
            acked = set(conn.execute(select(db.recall_acks.c.recall).where(
                db.recall_acks.c.member == member, db.recall_acks.c.device == device)).scalars())
        return [(_recall(r), str(r.id) in acked) for r in rows]

    def ack(self, member: str, device: str, recall_id: str, signature: bytes) -> bool:
        """Record that ``device`` carried out the recall (True if newly recorded); 404 for a recall
        not addressed to ``member``, 400 for a signature that is not this device's."""
        with self.store.write_tx() as conn:
            row = conn.execute(select(db.recalls).where(db.recalls.c.id == recall_id,
                                                        db.recalls.c.member == member)).first()
            if row is None:
                raise not_found("no such recall")
            recall = _recall(row)
            key = self._device_key(conn, member, device)
            message = N.recall_ack_message(member, device, recall.id, recall.session_id, recall.item, recall.notes)
            if not Store._signature_ok(key, message, signature):
                raise bad_request("the signature is not this device's")
            exists = conn.execute(select(db.recall_acks.c.recall).where(
                db.recall_acks.c.recall == recall_id, db.recall_acks.c.device == device)).first()
            if exists is not None:
                return False
            conn.execute(insert(db.recall_acks).values(recall=recall_id, device=device, member=member,
                                                       acked_at=self.store.clock.now_ms(), signature=signature))
        return True

    # -- the office -----------------------------------------------------------------------------------
    def recall(self, session_id: str, item: int | None, notes: str,
               members: Sequence[str] | None = None) -> list[Recall]:
        """Recall a session (or one item of it) from every enrolled member (or those named)."""
        if not N.is_session_id(session_id) or notes not in N.NOTES_POLICIES:
            raise ValueError("a session id and keep|delete")
        now = self.store.clock.now_ms()
        made: list[Recall] = []
        with self.store.write_tx() as conn:
            enrolled = [str(m) for m in conn.execute(select(db.members.c.id).order_by(db.members.c.id)).scalars()]
            for member in enrolled if members is None else [m for m in enrolled if m in members]:
                recall = Recall(str(uuidlib.uuid4()), member, session_id, item, notes, now)
                conn.execute(insert(db.recalls).values(id=recall.id, member=member, session_id=session_id,
                                                       item=item, notes=notes, recalled_at=now))
                made.append(recall)
        return made

    def receipts(self, session_id: str) -> list[ReceiptRow]:
        query = (select(db.receipts, db.members.c.name.label("member_name"))
                 .join(db.members, db.members.c.id == db.receipts.c.member)
                 .where(db.receipts.c.session_id == session_id)
                 .order_by(db.members.c.name, db.receipts.c.target, db.receipts.c.received))
        with self.store.read_tx() as conn:
            rows = conn.execute(query).all()
        return [ReceiptRow(str(r.member), str(r.member_name), str(r.device), str(r.session_id), int(r.version),
                           str(r.target), str(r.event), str(r.at), int(r.received)) for r in rows]

    def page(self, session_id: str, after: tuple[str, str] | None, limit: int) -> tuple[list[ReceiptRow], bool]:
        """The session's receipts in (member, op) order after ``after``, at most ``limit``: (rows, more).
        For the office API: a member's device sends as many receipts as it likes, so the office reads
        them a page at a time (the last row's (member, op) is the next ``after``)."""
        t = db.receipts
        where = [t.c.session_id == session_id]
        if after is not None:
            where.append(tuple_(t.c.member, t.c.op_id) > tuple_(literal(after[0]), literal(after[1])))
        query = (select(t, db.members.c.name.label("member_name")).join(db.members, db.members.c.id == t.c.member)
                 .where(*where).order_by(t.c.member, t.c.op_id).limit(limit + 1))
        with self.store.read_tx() as conn:
            rows = conn.execute(query).all()
        return [ReceiptRow(str(r.member), str(r.member_name), str(r.device), str(r.session_id), int(r.version),
                           str(r.target), str(r.event), str(r.at), int(r.received), str(r.op_id))
                for r in rows[:limit]], len(rows) > limit

    def recall_status(self, session_id: str) -> list[RecallStatus]:
        """For each recall of the session, each device of its member: acked when, or not yet (a member
        with no device: one row with an empty ``device``)."""
        with self.store.read_tx() as conn:
            recalls = [_recall(r) for r in conn.execute(
                select(db.recalls).where(db.recalls.c.session_id == session_id)
                .order_by(db.recalls.c.recalled_at, db.recalls.c.member))]
            names = {str(r.id): str(r.name) for r in conn.execute(select(db.members.c.id, db.members.c.name))}
            devices = conn.execute(select(db.devices.c.member, db.devices.c.id, db.devices.c.name,
                                          db.devices.c.revoked_at).order_by(db.devices.c.registered)).all()
            acks = {(str(a.recall), str(a.device)): int(a.acked_at) for a in conn.execute(
                select(db.recall_acks).where(db.recall_acks.c.recall.in_([r.id for r in recalls])))}
        out: list[RecallStatus] = []
        for recall in recalls:
            mine = [d for d in devices if d.member == recall.member]
            for d in mine:
                out.append(RecallStatus(recall, names.get(recall.member, ""), str(d.id), str(d.name),
                                        acks.get((recall.id, str(d.id))), d.revoked_at is not None))
            if not mine:  # a member with no device: nothing to confirm (a line all the same)
                out.append(RecallStatus(recall, names.get(recall.member, ""), "", "", None, False))
        return out


def _recall(row: Any) -> Recall:
    return Recall(str(row.id), str(row.member), str(row.session_id), None if row.item is None else int(row.item),
                  str(row.notes), int(row.recalled_at))


# -- the HTTP side -------------------------------------------------------------------------------------
def _receipt(item: Any) -> Receipt:
    from paperless.server.api import _bytes, _int, _str, _uuid

    if not isinstance(item, dict):
        raise bad_request("each receipt must be an object")
    session_id = item.get("session_id")
    if not N.is_session_id(session_id):
        raise bad_request("session_id must be a session id (letters, digits, . _ -; at most 64)")
    version = _int(item.get("version"), "version", low=1, high=N.MAX_VERSION)
    entry, index = item.get("entry"), item.get("item")
    if (entry is None) == (index is None):
        raise bad_request("a receipt names either entry or item")
    if entry is not None:
        target = N.target_of(_str(item, "entry", max_len=N.MAX_ENTRY), None)
    else:
        target = N.target_of(None, _int(index, "item", low=0, high=N.MAX_ITEM))
    event = item.get("event")
    if event not in N.EVENTS:
        raise bad_request(f"event must be one of {', '.join(N.EVENTS)}")
    return Receipt(_uuid(item, "op"), str(session_id), version, target, str(event), _str(item, "at", max_len=40),
                   _bytes(item, "signature", limit=64, exact=64))


def router(store: Store, authed: Authed) -> APIRouter:
    """The receipts and recall routes (included by :func:`paperless.server.api.create_app`)."""
    from paperless.server.api import _bytes, json_body

    receipts = ReceiptStore(store)
    api = APIRouter()

    @api.post(N.RECEIPTS)
    async def post_receipts(request: Request) -> dict[str, Any]:
        member, device = await authed(request)
        items = (await json_body(request)).get("receipts")
        if not isinstance(items, list) or not items:
            raise bad_request("receipts must be a non-empty list")
        if len(items) > N.MAX_RECEIPTS:
            raise too_large(f"at most {N.MAX_RECEIPTS} receipts per request")
        batch = [_receipt(item) for item in items]
        results = await run_in_threadpool(receipts.add_receipts, member, device, batch)
        return {"results": [{"op": op, "status": status} for op, status in results]}

    @api.get(N.RECALLS)
    async def get_recalls(request: Request) -> dict[str, Any]:
        member, device = await authed(request)
        found = await run_in_threadpool(receipts.recalls_for, member, device)
        return {"recalls": [{"recall": r.id, "session_id": r.session_id, "item": r.item, "notes": r.notes,
                             "recalled_at": r.recalled_at, "acked": acked} for r, acked in found]}

    @api.post(N.RECALLS + "/{recall}/ack")
    async def ack_recall(recall: str, request: Request) -> JSONResponse:
        member, device = await authed(request)
        if not P.is_uuid(recall):
            raise not_found("no such recall")
        signature = _bytes(await json_body(request), "signature", limit=64, exact=64)
        try:
            new = await run_in_threadpool(receipts.ack, member, device, recall, signature)
        except IntegrityError:  # the same device acked at the same time on another connection
            new = False
        return JSONResponse({"status": "ok", "new": new})

    return api
