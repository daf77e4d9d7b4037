"""Comments and poll answers to the office, relayed as ciphertext (docs/consultation.md).

:class:`ConsultationStore` keeps the members' sealed envelopes (the ``consultation`` table of
migration 0005) and :func:`router` serves the two routes of
:mod:`paperless.core.consultation.wire`. The server cannot read an envelope (age, to the office's
card and the member's): it stores each one once, with the member the token speaks for and the
time it arrived, and hands them to the office's ``paperless consultation collect`` — which
decrypts, verifies each member's signature and refuses what does not check.

Exactly once: the op id is looked up in the write transaction (a request sent again after a lost
answer is ``duplicate``), and so is (member, kind, session, key, revision) (a replayed envelope
under a new op id is ``duplicate`` too, and keeps its first time of arrival).
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass
from typing import Any

from fastapi import APIRouter, Request
from sqlalchemy import and_, func, insert, literal, or_, select, tuple_
from starlette.concurrency import run_in_threadpool

from paperless.core.consultation import wire as W
from paperless.core.sync import notices as N
from paperless.server import db
from paperless.server.errors import bad_request, too_large
from paperless.server.store import Store

Authed = Callable[[Request], Awaitable[tuple[str, str]]]


Submission = W.Item  # a sealed comment or answer a device sends


@dataclass(frozen=True)
class Held:
    """One envelope the server holds: who sent it (the token's member), when it arrived."""

    member: str
    kind: str
    session_id: str
    key: str
    revision: int
    received: int  # ms since the epoch, the server's clock
    sealed: bytes


class ConsultationStore:
    def __init__(self, store: Store) -> None:
        self.store = store

    def submit(self, member: str, device: str, batch: Sequence[Submission]) -> list[tuple[str, str, int]]:
        """Store the new envelopes of ``batch``: [(op, stored|duplicate, received ms)] in the order sent."""
        now = self.store.clock.now_ms()
        t = db.consultation
        with self.store.write_tx() as conn:
            ops = list(dict.fromkeys(s.op for s in batch))
            by_op = {str(r.op_id): int(r.received) for r in conn.execute(
                select(t.c.op_id, t.c.received).where(t.c.member == member, t.c.op_id.in_(ops)))}
            same = or_(*(and_(t.c.kind == s.kind, t.c.session_id == s.session_id, t.c.key == s.key,
                              t.c.revision == s.revision) for s in batch))
            by_id = {(str(r.kind), str(r.session_id), str(r.key), int(r.revision)): int(r.received)
                     for r in conn.execute(select(t.c.kind, t.c.session_id, t.c.key, t.c.revision, t.c.received)
                                           .where(t.c.member == member, same))}
            results: list[tuple[str, str, int]] = []
            rows = []
            for s in batch:
                ident = (s.kind, s.session_id, s.key, s.revision)
                known = by_op.get(s.op, by_id.get(ident))
                if known is not None:
                    results.append((s.op, W.DUPLICATE, known))
                    continue
                by_op[s.op] = by_id[ident] = now
                rows.append({"member": member, "kind": s.kind, "session_id": s.session_id, "key": s.key,
                             "revision": s.revision, "op_id": s.op, "device": device, "received": now,
                             "sealed": s.sealed})
                results.append((s.op, W.STORED, now))
            if rows:
                conn.execute(insert(t), rows)
        return results

    def for_session(self, session_id: str) -> list[Held]:
        """Every envelope of the session, oldest first (the office's collect)."""
        t = db.consultation
        with self.store.read_tx() as conn:
            rows = conn.execute(select(t).where(t.c.session_id == session_id)
                                .order_by(t.c.received, t.c.member, t.c.key, t.c.revision)).all()
        return [Held(str(r.member), str(r.kind), str(r.session_id), str(r.key), int(r.revision), int(r.received),
                     bytes(r.sealed)) for r in rows]


    def page(self, session_id: str, after: tuple[str, str, str, int] | None, limit: int,
             max_bytes: int) -> tuple[list[Held], tuple[str, str, str, int] | None, bool]:
        """The session's envelopes in (member, kind, key, revision) order after ``after``: (envelopes,
        the last one's place, more). A page holds at most ``limit`` and stops once their sealed bytes
        reach ``max_bytes`` (always at least one): the sizes are read first, then only those sent."""
        t = db.consultation
        place = (t.c.member, t.c.kind, t.c.key, t.c.revision)
        where = [t.c.session_id == session_id]
        if after is not None:
            where.append(tuple_(*place) > tuple_(*[literal(v) for v in after]))
        with self.store.read_tx() as conn:
            heads = conn.execute(select(*place, func.length(t.c.sealed).label("size")).where(*where)
                                 .order_by(*place).limit(limit + 1)).all()
            more = len(heads) > limit
            heads = heads[:limit]
            total = 0
            for taken, head in enumerate(heads, 1):
                total += int(head.size)
                if total >= max_bytes:
                    more = more or taken < len(heads)
                    heads = heads[:taken]
                    break
            if not heads:
                return [], after, False
            last = (str(heads[-1].member), str(heads[-1].kind), str(heads[-1].key), int(heads[-1].revision))
            upto = tuple_(*place) <= tuple_(*[literal(v) for v in last])
            rows = conn.execute(select(t).where(*where, upto).order_by(*place)).all()
        held = [Held(str(r.member), str(r.kind), str(r.session_id), str(r.key), int(r.revision), int(r.received),
                     bytes(r.sealed)) for r in rows]
        return held, last, more


def _submission(item: Any) -> Submission:
    from paperless.server.api import _bytes, _int, _uuid

    if not isinstance(item, dict):
        raise bad_request("each item must be an object")
    kind = item.get("kind")
    if kind not in W.KINDS:
        raise bad_request(f"kind must be one of {', '.join(W.KINDS)}")
    session_id = item.get("session_id")
    if not N.is_session_id(session_id):
        raise bad_request("session_id must be a session id (letters, digits, . _ -; at most 64)")
    key = item.get("key")
    if not W.is_key(str(kind), key):
        raise bad_request("key must be the comment's uuid or the poll's id")
    return Submission(_uuid(item, "op"), str(kind), str(session_id), str(key),
                      _int(item.get("revision"), "revision", low=1, high=W.MAX_REVISION),
                      _bytes(item, "sealed", limit=W.MAX_SEALED_BYTES))


def router(store: Store, authed: Authed) -> APIRouter:
    """The consultation routes (included by :func:`paperless.server.api.create_app`)."""
    from paperless.server.api import json_body

    held = ConsultationStore(store)
    api = APIRouter()

    @api.post(W.CONSULTATION)
    async def submit(request: Request) -> dict[str, Any]:
        member, device = await authed(request)
        items = (await json_body(request)).get("items")
        if not isinstance(items, list) or not items:
            raise bad_request("items must be a non-empty list")
        if len(items) > W.MAX_ITEMS:
            raise too_large(f"at most {W.MAX_ITEMS} items per request")
        batch = [_submission(item) for item in items]
        results = await run_in_threadpool(held.submit, member, device, batch)
        return {"results": [{"op": op, "status": status, "received": received} for op, status, received in results]}

    return api
