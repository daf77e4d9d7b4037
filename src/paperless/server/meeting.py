"""The meeting room on the office server (docs/meeting.md).

* ``GET /v1/meeting/{session}/stream``: Server-Sent Events — a ``snapshot`` of the meeting on every
  (re)connect, then each ``event`` as it is applied, the final ``ballots`` of a vote when it closes,
  the number of ballots ``cast`` while a vote is open, and a comment line every few seconds;
* ``POST /v1/meeting/{session}/events``: one signed event (``{"event": {body, signature}}``);
* ``POST /v1/meeting/{session}/ballots``: one signed ballot (``{"ballot": {body, signature}}``).

Who may: a member whose id is in the audience of the session's current published bundle (the
signed manifest's ``audience``); control events only from a member in its ``meeting_control``
(the chair and the secretariat the office named). Every event is verified against the sending
device's registered key, every ballot against the member's card; the same reducer as the members'
apps (:mod:`paperless.core.meeting.state`) decides what applies.

The state lives in the database (``meeting_*`` tables, migration 0007): each write locks the
meeting's row, numbers the event, and notifies — ``NOTIFY`` on PostgreSQL (every worker's listener
wakes its own streams), in-process on SQLite — so several uvicorn workers serve one meeting.
"""

from __future__ import annotations

import asyncio
import json
import logging
import threading
from collections.abc import AsyncIterator, Awaitable, Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import StreamingResponse
from sqlalchemy import insert, select, text, update
from sqlalchemy.engine import Connection
from starlette.concurrency import run_in_threadpool

from paperless.core.bundle.audience import audience_hash, control_hash
from paperless.core.meeting import state as S
from paperless.core.meeting import wire as W
from paperless.core.sync import protocol as P
from paperless.server import db
from paperless.server.errors import ApiError, bad_request, conflict, not_found, too_large
from paperless.server.notify import Hub
from paperless.server.store import NOTIFY_CHANNEL, Store

log = logging.getLogger("paperless.server")
Authed = Callable[[Request], Awaitable[tuple[str, str]]]
HEARTBEAT_S = 10.0  # a comment line this often keeps the stream (and the member's idea of it) alive
FORBIDDEN = "forbidden"


def forbidden(detail: str) -> ApiError:
    return ApiError(403, FORBIDDEN, detail)


def hub_key(session_id: str) -> str:
    """What the hub and NOTIFY carry for a meeting (member ids are 40 digits: no clash)."""
    return f"meeting:{session_id}"


@dataclass
class ServerRoles:
    """The session's members and controllers as the office server knows them: hashes of the current
    published bundle's signed manifest, matched against enrolled members' ids."""

    session_id: str
    audience: frozenset[str]
    control: frozenset[str]
    enrolled: frozenset[str]

    def is_member(self, member: str) -> bool:
        return member in self.enrolled and audience_hash(self.session_id, member) in self.audience

    def is_control(self, member: str) -> bool:
        return self.is_member(member) and control_hash(self.session_id, member) in self.control


@dataclass
class _Cached:
    seq: int
    ballots: int
    state: S.MeetingState
    bodies: dict[str, int] = field(default_factory=dict)  # event id → seq (stored once)


@dataclass(frozen=True)
class News:
    """What a stream sends after ``seq``: the events, the final ballots of votes closed meanwhile, the
    open vote's count."""

    seq: int
    events: list[dict[str, Any]]
    closed: list[tuple[str, list[dict[str, Any]]]]
    cast: tuple[str, int] | None


class MeetingStore:
    def __init__(self, store: Store) -> None:
        self.store = store
        self._lock = threading.Lock()
        self._cache: dict[str, _Cached] = {}

    # -- who -------------------------------------------------------------------------------------------
    def roles(self, conn: Connection, session_id: str) -> ServerRoles:
        current = conn.execute(select(db.dist_versions.c.sha256).where(
            db.dist_versions.c.session_id == session_id, db.dist_versions.c.superseded.is_(False))).scalar()
        if current is None:
            return ServerRoles(session_id, frozenset(), frozenset(), frozenset())
        audience = frozenset(str(h) for h in conn.execute(
            select(db.dist_audience.c.hash).where(db.dist_audience.c.sha256 == current)).scalars())
        control = frozenset(str(h) for h in conn.execute(
            select(db.dist_control.c.hash).where(db.dist_control.c.sha256 == current)).scalars())
        enrolled = frozenset(str(m) for m in conn.execute(select(db.members.c.id)).scalars())
        return ServerRoles(session_id, audience, control, enrolled)

    def check_member(self, session_id: str, member: str) -> ServerRoles:
        with self.store.read_tx() as conn:
            roles = self.roles(conn, session_id)
        if not roles.is_member(member):  # also: no such session (the same answer)
            raise forbidden("this member is not in this session's published audience")
        return roles

    # -- the state -------------------------------------------------------------------------------------
    def _lock_meeting(self, conn: Connection, session_id: str) -> tuple[int, int]:
        """The meeting's (seq, ballots), its row locked until the transaction ends (made when missing)."""
        t = db.meeting_sessions
        if self.store.postgres:
            conn.execute(text("INSERT INTO meeting_sessions (session_id, seq, ballots) VALUES (:s, 0, 0) "
                              "ON CONFLICT DO NOTHING"), {"s": session_id})
            row = conn.execute(select(t.c.seq, t.c.ballots).where(t.c.session_id == session_id)
                               .with_for_update()).one()
            return int(row.seq), int(row.ballots)
        found = conn.execute(select(t.c.seq, t.c.ballots).where(t.c.session_id == session_id)).first()
        if found is None:  # SQLite: BEGIN IMMEDIATE, the one writer already
            conn.execute(insert(t).values(session_id=session_id, seq=0, ballots=0))
            return 0, 0
        return int(found.seq), int(found.ballots)

    def _state(self, conn: Connection, session_id: str, seq: int, ballots: int) -> _Cached:
        """The meeting's state at (seq, ballots): the cached one brought up to date from the tables."""
        with self._lock:
            cached = self._cache.get(session_id)
        if cached is None or cached.seq > seq or cached.ballots > ballots:
            cached = _Cached(0, 0, S.MeetingState(session_id))
        if cached.seq == seq and cached.ballots == ballots:
            return cached
        state, bodies = cached.state, dict(cached.bodies)
        for row in conn.execute(select(db.meeting_events).where(
                db.meeting_events.c.session_id == session_id, db.meeting_events.c.seq > cached.seq)
                .order_by(db.meeting_events.c.seq)):
            event = _stored_event(row)
            bodies[event.event_id] = int(row.seq)
            try:
                state = S.apply_event(state, event, int(row.seq), _Everyone())
            except S.Refused:  # stored because it applied then: the roles may have changed since
                log.warning("meeting %s: a stored event no longer applies", session_id)
        for row in conn.execute(select(db.meeting_ballots).where(
                db.meeting_ballots.c.session_id == session_id, db.meeting_ballots.c.n > cached.ballots)
                .order_by(db.meeting_ballots.c.n)):
            try:
                state, _ = S.apply_ballot(state, _stored_ballot(row), _Everyone(), closed_ok=True)
            except S.Refused:
                pass  # an older revision arriving after a newer one cannot be stored; nothing to count
        fresh = _Cached(seq, ballots, state, bodies)
        with self._lock:
            self._cache[session_id] = fresh
        return fresh

    def _notify(self, conn: Connection, session_id: str) -> None:
        if self.store.postgres:
            conn.execute(text("SELECT pg_notify(:c, :p)"), {"c": NOTIFY_CHANNEL, "p": hub_key(session_id)})

    def _after_commit(self, session_id: str) -> None:
        if not self.store.postgres:
            self.store.on_change(hub_key(session_id))

    # -- writes ----------------------------------------------------------------------------------------
    def post_event(self, member: str, device: str, session_id: str, event: W.Event) -> tuple[str, int]:
        """Apply and store a signed event: (applied|duplicate, its seq)."""
        if event.session_id != session_id:
            raise bad_request("the event is for another session")
        if event.member != member or event.device != device:
            raise forbidden("an event is sent by the device that signed it")
        with self.store.write_tx() as conn:
            key = conn.execute(select(db.devices.c.public_key).where(
                db.devices.c.member == member, db.devices.c.id == device, db.devices.c.revoked_at.is_(None))).scalar()
            if key is None or not event.verify(str(key)):
                raise bad_request("the signature is not this device's")
            roles = self.roles(conn, session_id)
            if not roles.is_member(member):
                raise forbidden("this member is not in this session's published audience")
            seq, ballots = self._lock_meeting(conn, session_id)
            cached = self._state(conn, session_id, seq, ballots)
            if event.event_id in cached.bodies:
                return "duplicate", cached.bodies[event.event_id]
            try:
                new_state = S.apply_event(cached.state, event, seq + 1, roles)
            except S.Refused as exc:
                raise (forbidden(exc.reason.en) if exc.forbidden else conflict(exc.reason.en)) from None
            conn.execute(insert(db.meeting_events).values(
                session_id=session_id, seq=seq + 1, event_id=event.event_id, member=member, device=device,
                type=event.type, body=W.canonical(event.body()).decode(), signature=event.signature,
                received=self.store.clock.now_ms()))
            conn.execute(update(db.meeting_sessions).where(db.meeting_sessions.c.session_id == session_id)
                         .values(seq=seq + 1))
            self._notify(conn, session_id)
        with self._lock:
            self._cache[session_id] = _Cached(seq + 1, ballots, new_state,
                                              {**cached.bodies, event.event_id: seq + 1})
        self._after_commit(session_id)
        return "applied", seq + 1

    def post_ballot(self, member: str, session_id: str, ballot: W.Ballot) -> str:
        """Count a signed ballot: counted|duplicate."""
        if ballot.session_id != session_id:
            raise bad_request("the ballot is for another session")
        if ballot.member != member:
            raise forbidden("a member sends only their own ballot")
        with self.store.write_tx() as conn:
            key = conn.execute(select(db.members.c.signing_key).where(db.members.c.id == member)).scalar()
            if key is None or not ballot.verify(str(key)):
                raise bad_request("the ballot is not signed by this member's card")
            roles = self.roles(conn, session_id)
            if not roles.is_member(member):
                raise forbidden("this member is not in this session's published audience")
            seq, ballots = self._lock_meeting(conn, session_id)
            cached = self._state(conn, session_id, seq, ballots)
            try:
                new_state, outcome = S.apply_ballot(cached.state, ballot, roles)
            except S.Refused as exc:
                raise (forbidden(exc.reason.en) if exc.forbidden else conflict(exc.reason.en)) from None
            if outcome == S.DUPLICATE:
                return outcome
            conn.execute(insert(db.meeting_ballots).values(
                session_id=session_id, n=ballots + 1, vote=ballot.vote, member=member, revision=ballot.revision,
                choice=ballot.choice, body=W.canonical(ballot.body()).decode(), signature=ballot.signature, seq=seq,
                received=self.store.clock.now_ms()))
            conn.execute(update(db.meeting_sessions).where(db.meeting_sessions.c.session_id == session_id)
                         .values(ballots=ballots + 1))
            self._notify(conn, session_id)
        with self._lock:
            self._cache[session_id] = _Cached(seq, ballots + 1, new_state, cached.bodies)
        self._after_commit(session_id)
        return outcome

    # -- reads -----------------------------------------------------------------------------------------
    def _senders(self, conn: Connection, pairs: set[tuple[str, str]]) -> dict[tuple[str, str], dict[str, str]]:
        out: dict[tuple[str, str], dict[str, str]] = {}
        members = sorted({m for m, _ in pairs})
        if not members:
            return out
        for r in conn.execute(select(db.devices).where(db.devices.c.member.in_(members))):
            pair = (str(r.member), str(r.id))
            if pair in pairs:
                out[pair] = W.Sender(pair[0], pair[1], str(r.public_key), str(r.name), str(r.created),
                                     str(r.certificate)).to_wire()
        return out

    def _wire_events(self, conn: Connection, rows: Sequence[Any]) -> list[dict[str, Any]]:
        senders = self._senders(conn, {(str(r.member), str(r.device)) for r in rows})
        return [{"seq": int(r.seq), "event": {"body": json.loads(r.body), "signature": P.b64(bytes(r.signature))},
                 "sender": senders.get((str(r.member), str(r.device)))} for r in rows]

    def _final_ballots(self, state: S.MeetingState, vote_id: str) -> list[dict[str, Any]]:
        vote = state.vote(vote_id)
        if vote is None:
            return []
        return [b.to_wire() for _, b in sorted(vote.ballots.items())]

    def snapshot(self, session_id: str) -> dict[str, Any]:
        """The meeting as a late joiner needs it: the signed events that rebuild the state (earlier page
        moves left out), the final ballots of closed votes, the count of the open one."""
        with self.store.read_tx() as conn:
            seq, ballots = _counters(conn, session_id)
            cached = self._state(conn, session_id, seq, ballots)
            rows = conn.execute(select(db.meeting_events).where(db.meeting_events.c.session_id == session_id)
                                .order_by(db.meeting_events.c.seq)).all()
            kept = {s for s, _ in S.compact((int(r.seq), _stored_event(r)) for r in rows)}
            events = self._wire_events(conn, [r for r in rows if int(r.seq) in kept])
        state = cached.state
        open_vote = state.open_vote
        return {"session_id": session_id, "seq": seq, "events": events,
                "ballots": {v.vote_id: self._final_ballots(state, v.vote_id) for v in state.votes if not v.open},
                "cast": {open_vote.vote_id: len(open_vote.ballots)} if open_vote is not None else {}}

    def news(self, session_id: str, after: int) -> News:
        with self.store.read_tx() as conn:
            seq, ballots = _counters(conn, session_id)
            cached = self._state(conn, session_id, seq, ballots)
            rows = conn.execute(select(db.meeting_events).where(
                db.meeting_events.c.session_id == session_id, db.meeting_events.c.seq > after)
                .order_by(db.meeting_events.c.seq)).all()
            events = self._wire_events(conn, rows)
        state = cached.state
        closed_ids = [str(json.loads(r.body)["vote"]) for r in rows if r.type == W.CLOSE_VOTE]
        closed = [(vote, self._final_ballots(state, vote)) for vote in closed_ids]
        open_vote = state.open_vote
        return News(seq, events, closed, (open_vote.vote_id, len(open_vote.ballots)) if open_vote else None)

    # -- the office's export (paperless server export-votes) -------------------------------------------------
    def export_for(self, session_id: str, member: str) -> dict[str, Any]:
        """The votes file for the secretariat's minutes: only the chair and the secretariat get it."""
        with self.store.read_tx() as conn:
            roles = self.roles(conn, session_id)
        if not roles.is_control(member):  # also: no such session (the same answer)
            raise forbidden("only the chair or the secretariat exports the votes")
        return self.export(session_id)

    def export(self, session_id: str) -> dict[str, Any]:
        """Every vote of the meeting with its open and close events and every ballot received (each
        revision), the cards of everyone who signed one, and the server's count."""
        with self.store.read_tx() as conn:
            roles = self.roles(conn, session_id)
            seq, ballots = _counters(conn, session_id)
            cached = self._state(conn, session_id, seq, ballots)
            rows = conn.execute(select(db.meeting_events).where(
                db.meeting_events.c.session_id == session_id,
                db.meeting_events.c.type.in_([W.OPEN_VOTE, W.CLOSE_VOTE])).order_by(db.meeting_events.c.seq)).all()
            events = self._wire_events(conn, rows)
            brows = conn.execute(select(db.meeting_ballots).where(db.meeting_ballots.c.session_id == session_id)
                                 .order_by(db.meeting_ballots.c.n)).all()
            signers = {str(r.member) for r in rows} | {str(b.member) for b in brows}
            cards = conn.execute(select(db.members.c.id, db.members.c.name, db.members.c.card)
                                 .where(db.members.c.id.in_(sorted(signers)))).all()
        votes = []
        for v in cached.state.votes:
            votes.append({"vote": v.vote_id, "motion": v.motion, "item": v.item, "opened_seq": v.opened_seq,
                          "closed_seq": v.closed_seq, "result": v.counts(),
                          "ballots": [{"n": int(b.n), "seq": int(b.seq), "received": int(b.received),
                                       "ballot": {"body": json.loads(b.body), "signature": str(b.signature)}}
                                      for b in brows if str(b.vote) == v.vote_id]})
        return {"format": "paperless-meeting-votes", "v": 1, "session_id": session_id,
                "control": sorted(roles.control),
                "members": [{"member": str(c.id), "name": str(c.name), "card": str(c.card)} for c in cards],
                "events": events, "votes": votes}


class _Everyone:
    """Roles that allow all: replaying what the server already accepted (it was checked then)."""

    def is_member(self, member: str) -> bool:
        return True

    def is_control(self, member: str) -> bool:
        return True


def _counters(conn: Connection, session_id: str) -> tuple[int, int]:
    row = conn.execute(select(db.meeting_sessions.c.seq, db.meeting_sessions.c.ballots).where(
        db.meeting_sessions.c.session_id == session_id)).first()
    return (0, 0) if row is None else (int(row.seq), int(row.ballots))


def _stored_event(row: Any) -> W.Event:
    return W.parse_event({"body": json.loads(row.body), "signature": P.b64(bytes(row.signature))})


def _stored_ballot(row: Any) -> W.Ballot:
    return W.parse_ballot({"body": json.loads(row.body), "signature": str(row.signature)})


def sse(kind: str, data: dict[str, Any], seq: int | None = None) -> bytes:
    head = f"id: {seq}\n" if seq is not None else ""
    return f"{head}event: {kind}\ndata: {json.dumps(data, ensure_ascii=False, separators=(',', ':'))}\n\n".encode()


class Feed:
    """One meeting's news in this process: woken by the hub, it reads what is new from the database
    once and hands the same encoded messages to every stream of the meeting (a hundred followers
    cost one read per change, not a hundred). It ends when its last stream goes."""

    def __init__(self, meetings: MeetingStore, hub: Hub, session_id: str) -> None:
        self.meetings = meetings
        self.hub = hub
        self.session_id = session_id
        self.queues: set[asyncio.Queue[tuple[int | None, bytes]]] = set()
        self.done = False
        self._started = asyncio.Event()
        self._task = asyncio.get_running_loop().create_task(self._run())

    async def ready(self) -> None:
        await self._started.wait()

    def subscribe(self) -> asyncio.Queue[tuple[int | None, bytes]]:
        queue: asyncio.Queue[tuple[int | None, bytes]] = asyncio.Queue()
        self.queues.add(queue)
        return queue

    def unsubscribe(self, queue: asyncio.Queue[tuple[int | None, bytes]]) -> None:
        self.queues.discard(queue)
        if not self.queues:
            self.done = True
            self._task.cancel()

    async def _run(self) -> None:
        try:
            with self.hub.waiting(hub_key(self.session_id)) as woken:
                seq = (await run_in_threadpool(self.meetings.news, self.session_id, 2**62)).seq
                self._started.set()  # listening, and where from: a stream's snapshot is taken after this
                cast: tuple[str, int] | None = None
                while not self.done:
                    await woken.wait()
                    woken.clear()
                    news = await run_in_threadpool(self.meetings.news, self.session_id, seq)
                    out: list[tuple[int | None, bytes]] = [(int(item["seq"]), sse("event", item, int(item["seq"])))
                                                           for item in news.events]
                    out += [(None, sse("ballots", {"vote": vote, "ballots": final})) for vote, final in news.closed]
                    if news.cast is not None and news.cast != cast:
                        out.append((None, sse("cast", {"vote": news.cast[0], "count": news.cast[1]})))
                    cast = news.cast
                    seq = max(seq, news.seq)
                    for queue in list(self.queues):
                        for message in out:
                            queue.put_nowait(message)
        except asyncio.CancelledError:
            pass
        except Exception:  # the database went away: the streams end, the apps reconnect (and get a snapshot)
            log.warning("meeting %s: the news feed stopped", self.session_id)
            self.done = True
            self._started.set()
            for queue in list(self.queues):
                queue.put_nowait((None, b""))


# -- the HTTP side ------------------------------------------------------------------------------------------
def router(store: Store, hub: Hub, authed: Authed) -> APIRouter:
    """The meeting routes (included by :func:`paperless.server.api.create_app`)."""
    meetings = MeetingStore(store)
    feeds: dict[str, Feed] = {}  # this process's one reader per meeting, fanning out to its streams
    api = APIRouter()

    def session_of(session_id: str) -> str:
        if not W.SESSION.fullmatch(session_id):
            raise not_found("no such meeting")
        return session_id

    async def body_of(request: Request, key: str) -> Any:
        raw = await request.body()
        if len(raw) > W.MAX_EVENT_BYTES:
            raise too_large(f"a meeting request is limited to {W.MAX_EVENT_BYTES} bytes")
        from paperless.server.api import parse_json

        return parse_json(raw).get(key)

    @api.post(f"{W.MEETING}/{{session_id}}/events")
    async def post_event(session_id: str, request: Request) -> dict[str, Any]:
        member, device = await authed(request)
        session_of(session_id)
        try:
            event = W.parse_event(await body_of(request, "event"))
        except W.WireError as exc:
            raise bad_request(str(exc)) from None
        status, seq = await run_in_threadpool(meetings.post_event, member, device, session_id, event)
        return {"status": status, "seq": seq}

    @api.post(f"{W.MEETING}/{{session_id}}/ballots")
    async def post_ballot(session_id: str, request: Request) -> dict[str, Any]:
        member, _ = await authed(request)
        session_of(session_id)
        try:
            ballot = W.parse_ballot(await body_of(request, "ballot"))
        except W.WireError as exc:
            raise bad_request(str(exc)) from None
        status = await run_in_threadpool(meetings.post_ballot, member, session_id, ballot)
        return {"status": status}

    @api.get(f"{W.MEETING}/{{session_id}}/votes-file")
    async def votes_file(session_id: str, request: Request) -> dict[str, Any]:
        member, _ = await authed(request)
        session_of(session_id)
        result: dict[str, Any] = await run_in_threadpool(meetings.export_for, session_id, member)
        return result

    @api.get(f"{W.MEETING}/{{session_id}}/stream")
    async def stream(session_id: str, request: Request) -> StreamingResponse:
        member, _ = await authed(request)
        session_of(session_id)
        await run_in_threadpool(meetings.check_member, session_id, member)

        async def events() -> AsyncIterator[bytes]:
            feed = feeds.get(session_id)
            if feed is None or feed.done:
                feed = feeds[session_id] = Feed(meetings, hub, session_id)
            queue = feed.subscribe()  # before the snapshot: nothing is missed
            try:
                await feed.ready()
                if feed.done:
                    return
                snap = await run_in_threadpool(meetings.snapshot, session_id)
                seq = int(snap["seq"])
                yield sse("snapshot", snap, seq)
                while True:
                    try:
                        at, data = await asyncio.wait_for(queue.get(), HEARTBEAT_S)
                    except TimeoutError:
                        yield b": ping\n\n"
                        continue
                    if not data:  # the feed stopped: the app reconnects and gets a snapshot
                        return
                    if at is None or at > seq:  # what the snapshot already holds is not sent again
                        yield data
            finally:
                feed.unsubscribe(queue)

        return StreamingResponse(events(), media_type="text/event-stream",
                                 headers={"Cache-Control": "no-store", "X-Accel-Buffering": "no"})

    return api


def attendance(store: Store, session_id: str) -> list[tuple[str, str, str, str]]:
    """Every enrolled member of the session's audience: (member, name, status, reason), by name;
    status present|online|absent, or "" for one who never checked in."""
    meetings = MeetingStore(store)
    with store.read_tx() as conn:
        roles = meetings.roles(conn, session_id)
        seq, ballots = _counters(conn, session_id)
        state = meetings._state(conn, session_id, seq, ballots).state
        people = conn.execute(select(db.members.c.id, db.members.c.name)).all()
    rows = []
    for p in people:
        member = str(p.id)
        if not roles.is_member(member):
            continue
        a = state.attendance.get(member)
        rows.append((member, str(p.name), a.status if a else "", a.reason if a else ""))
    return sorted(rows, key=lambda r: (r[1], r[0]))
