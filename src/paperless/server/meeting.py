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
RECHECK_S = 5.0  # an open stream's token is checked again this often (expired, revoked: the stream ends)
QUIET_S = 0.05  # PostgreSQL: a feed that sent from memory reads the tables after this long without news
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
    enrolled: Callable[[str], bool]  # asked only inside the transaction the roles were read in

    def is_member(self, member: str) -> bool:
        return audience_hash(self.session_id, member) in self.audience and self.enrolled(member)

    def is_control(self, member: str) -> bool:
        return self.is_member(member) and control_hash(self.session_id, member) in self.control


@dataclass
class _Cached:
    seq: int
    ballots: int
    state: S.MeetingState
    bodies: dict[str, int] = field(default_factory=dict)  # event id → seq (stored once)


@dataclass
class _BallotJob:
    """A ballot checked against its card, waiting to be counted with the others queued meanwhile."""

    token: str
    member: str
    ballot: W.Ballot
    outcome: str | None = None
    error: Exception | None = None
    done: threading.Event = field(default_factory=threading.Event)


@dataclass(frozen=True)
class News:
    """What a stream sends after ``seq``: the events, the final ballots of votes closed meanwhile, the
    open vote's count."""

    seq: int
    events: list[dict[str, Any]]
    closed: list[tuple[str, list[dict[str, Any]]]]
    cast: tuple[str, int] | None


RECENT = 512  # page moves and the like kept in memory per meeting, for the feed (older ones: from the tables)


class MeetingStore:
    """The meeting's state and its writes. What never changes once written is kept in memory: a
    published version's audience and control hashes (by its sha256), a registered device's key and
    certificate, an enrolled member's card key (a member's id is their card's fingerprint), and the
    last :data:`RECENT` events as sent on the streams; what can change (the current version, a
    device's revocation, a token) is read in the transaction that relies on it."""

    def __init__(self, store: Store) -> None:
        self.store = store
        self._lock = threading.Lock()
        self._cache: dict[str, _Cached] = {}
        self._versions: dict[str, tuple[frozenset[str], frozenset[str]]] = {}  # sha256 → (audience, control)
        self._senders_known: dict[tuple[str, str], W.Sender] = {}
        self._cards: dict[str, str] = {}  # member → signing key (minisign)
        self._recent: dict[str, dict[int, dict[str, Any]]] = {}  # session → seq → the event as streamed
        self._snapshots: dict[str, tuple[tuple[int, int], bytes]] = {}  # session → ((seq, ballots), encoded)
        self._ballot_lock = threading.Lock()
        self._ballot_queue: dict[str, list[_BallotJob]] = {}  # ballots waiting to be counted, by meeting
        self._ballot_leading: set[str] = set()  # meetings whose queue a thread is counting now

    # -- who -------------------------------------------------------------------------------------------
    def roles(self, conn: Connection, session_id: str) -> ServerRoles:
        current = conn.execute(select(db.dist_versions.c.sha256).where(
            db.dist_versions.c.session_id == session_id, db.dist_versions.c.superseded.is_(False))).scalar()
        if current is None:
            return ServerRoles(session_id, frozenset(), frozenset(), lambda _m: False)
        with self._lock:
            hashes = self._versions.get(str(current))
        if hashes is None:  # a published version's hashes are written once with it
            audience = frozenset(str(h) for h in conn.execute(
                select(db.dist_audience.c.hash).where(db.dist_audience.c.sha256 == current)).scalars())
            control = frozenset(str(h) for h in conn.execute(
                select(db.dist_control.c.hash).where(db.dist_control.c.sha256 == current)).scalars())
            hashes = (audience, control)
            with self._lock:
                self._versions[str(current)] = hashes
        return ServerRoles(session_id, hashes[0], hashes[1], lambda m: self._card(conn, m) is not None)

    def _card(self, conn: Connection, member: str) -> str | None:
        """The enrolled member's signing key (None: not enrolled); members are never removed."""
        with self._lock:
            known = self._cards.get(member)
        if known is not None:
            return known
        key = conn.execute(select(db.members.c.signing_key).where(db.members.c.id == member)).scalar()
        if key is not None:
            with self._lock:
                self._cards[member] = str(key)
        return None if key is None else str(key)

    def _sender(self, conn: Connection, member: str, device: str) -> W.Sender | None:
        """A registered device as members' apps check it (key and certificate never change once registered)."""
        with self._lock:
            known = self._senders_known.get((member, device))
        if known is not None:
            return known
        r = conn.execute(select(db.devices).where(db.devices.c.member == member, db.devices.c.id == device)).first()
        if r is None:
            return None
        sender = W.Sender(member, device, str(r.public_key), str(r.name), str(r.created), str(r.certificate))
        with self._lock:
            self._senders_known[(member, device)] = sender
        return sender

    def check_member(self, session_id: str, member: str) -> None:
        with self.store.read_tx() as conn:
            if not self.roles(conn, session_id).is_member(member):  # also: no such session (the same answer)
                raise forbidden("this member is not in this session's published audience")

    def check_stream(self, token: str, session_id: str) -> None:
        """A stream still allowed: its token valid (not expired, its device not revoked) and its member
        still in the audience of the current version — 401/403 otherwise."""
        with self.store.read_tx() as conn:
            member = self.store.session_in(conn, token).member
            if not self.roles(conn, session_id).is_member(member):
                raise forbidden("this member is not in this session's published audience")

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
        self._keep(session_id, fresh)
        return fresh

    def _keep(self, session_id: str, fresh: _Cached, streamed: dict[str, Any] | None = None) -> None:
        """Remember the state at (seq, ballots), never going back (writers finish in any order)."""
        with self._lock:
            if streamed is not None:
                recent = self._recent.setdefault(session_id, {})
                recent[int(streamed["seq"])] = streamed
                if len(recent) > RECENT:
                    del recent[min(recent)]
            current = self._cache.get(session_id)
            if current is None or (current.seq <= fresh.seq and current.ballots <= fresh.ballots):
                self._cache[session_id] = fresh

    def _notify(self, conn: Connection, session_id: str) -> None:
        if self.store.postgres:
            conn.execute(text("SELECT pg_notify(:c, :p)"), {"c": NOTIFY_CHANNEL, "p": hub_key(session_id)})

    def _after_commit(self, session_id: str) -> None:
        """Wake this process's streams (on PostgreSQL the ``NOTIFY`` wakes every worker's too, later)."""
        self.store.on_change(hub_key(session_id))

    # -- writes ----------------------------------------------------------------------------------------
    def post_event(self, token: str, session_id: str, event: W.Event) -> tuple[str, int]:
        """Apply and store a signed event sent with ``token``: (applied|duplicate, its seq)."""
        with self.store.read_tx() as conn:  # the device's key: the signature is checked outside the writer's lock
            who = self.store.session_in(conn, token)
            sender = self._sender(conn, who.member, who.device)
        if event.session_id != session_id:
            raise bad_request("the event is for another session")
        if event.member != who.member or event.device != who.device:
            raise forbidden("an event is sent by the device that signed it")
        if sender is None or not event.verify(sender.key):
            raise bad_request("the signature is not this device's")
        with self.store.write_tx(durable=event.type != W.GO_TO) as conn:  # a page move is not worth a disk sync
            self.store.session_in(conn, token)  # still valid, its device still not revoked (401/403)
            roles = self.roles(conn, session_id)
            if not roles.is_member(who.member):
                raise forbidden("this member is not in this session's published audience")
            seq, ballots = self._lock_meeting(conn, session_id)
            cached = self._state(conn, session_id, seq, ballots)
            if event.event_id in cached.bodies:
                return "duplicate", cached.bodies[event.event_id]
            try:
                new_state = S.apply_event(cached.state, event, seq + 1, roles)
            except S.Refused as exc:
                raise (forbidden(exc.reason.en) if exc.forbidden else conflict(exc.reason.en)) from None
            body = W.canonical(event.body()).decode()
            conn.execute(insert(db.meeting_events).values(
                session_id=session_id, seq=seq + 1, event_id=event.event_id, member=who.member, device=who.device,
                type=event.type, body=body, signature=event.signature, received=self.store.clock.now_ms()))
            conn.execute(update(db.meeting_sessions).where(db.meeting_sessions.c.session_id == session_id)
                         .values(seq=seq + 1))
            self._notify(conn, session_id)
        streamed = {"seq": seq + 1, "event": {"body": json.loads(body), "signature": P.b64(event.signature)},
                    "sender": sender.to_wire()}
        self._keep(session_id, _Cached(seq + 1, ballots, new_state, {**cached.bodies, event.event_id: seq + 1}),
                   streamed)
        self._after_commit(session_id)
        return "applied", seq + 1

    def post_ballot(self, token: str, session_id: str, ballot: W.Ballot) -> str:
        """Count a signed ballot sent with ``token``: counted|duplicate."""
        with self.store.read_tx() as conn:  # the card's key: the signature is checked outside the writer's lock
            member = self.store.session_in(conn, token).member
            key = self._card(conn, member)
        if ballot.session_id != session_id:
            raise bad_request("the ballot is for another session")
        if ballot.member != member:
            raise forbidden("a member sends only their own ballot")
        if key is None or not ballot.verify(key):
            raise bad_request("the ballot is not signed by this member's card")
        job = _BallotJob(token, member, ballot)
        with self._ballot_lock:
            self._ballot_queue.setdefault(session_id, []).append(job)
            lead = session_id not in self._ballot_leading
            if lead:
                self._ballot_leading.add(session_id)
        if lead:
            self._lead_ballots(session_id)
        job.done.wait()
        if job.error is not None:
            raise job.error
        assert job.outcome is not None
        return job.outcome

    def _lead_ballots(self, session_id: str) -> None:
        """Count every ballot queued for the meeting, a group at a time, until none is left: a hundred
        members voting at once cost a few transactions (and disk syncs), not a hundred."""
        while True:
            with self._ballot_lock:
                jobs = self._ballot_queue.pop(session_id, [])
                if not jobs:
                    self._ballot_leading.discard(session_id)
                    return
            try:
                self._count_ballots(session_id, jobs)
            except Exception as exc:  # the database failed: every ballot of the group fails with it
                for job in jobs:
                    job.error = exc
            for job in jobs:
                job.done.set()

    def _count_ballots(self, session_id: str, jobs: list[_BallotJob]) -> None:
        """One transaction for a group of ballots, each checked as if alone (its token, its member,
        the reducer on the state the ones before it left); the answers are set, not yet given."""
        with self.store.write_tx() as conn:
            roles = self.roles(conn, session_id)
            seq, ballots = self._lock_meeting(conn, session_id)
            cached = self._state(conn, session_id, seq, ballots)
            state, n, rows = cached.state, ballots, []
            for job in jobs:
                try:
                    self.store.session_in(conn, job.token)  # still valid, its device still not revoked
                    if not roles.is_member(job.member):
                        raise forbidden("this member is not in this session's published audience")
                    state, job.outcome = S.apply_ballot(state, job.ballot, roles)
                except S.Refused as exc:
                    job.error = forbidden(exc.reason.en) if exc.forbidden else conflict(exc.reason.en)
                    continue
                except ApiError as exc:
                    job.error = exc
                    continue
                if job.outcome == S.DUPLICATE:
                    continue
                n += 1
                b = job.ballot
                rows.append({"session_id": session_id, "n": n, "vote": b.vote, "member": job.member,
                             "revision": b.revision, "choice": b.choice, "body": W.canonical(b.body()).decode(),
                             "signature": b.signature, "seq": seq, "received": self.store.clock.now_ms()})
            if rows:
                conn.execute(insert(db.meeting_ballots), rows)
                conn.execute(update(db.meeting_sessions).where(db.meeting_sessions.c.session_id == session_id)
                             .values(ballots=n))
                self._notify(conn, session_id)
        if rows:
            self._keep(session_id, _Cached(seq, n, state, cached.bodies))
            self._after_commit(session_id)

    # -- reads -----------------------------------------------------------------------------------------
    def _senders(self, conn: Connection, pairs: set[tuple[str, str]]) -> dict[tuple[str, str], dict[str, str]]:
        out: dict[tuple[str, str], dict[str, str]] = {}
        for member, device in sorted(pairs):
            sender = self._sender(conn, member, device)
            if sender is not None:
                out[(member, device)] = sender.to_wire()
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

    def snapshot_sse(self, session_id: str) -> tuple[int, bytes]:
        """The snapshot as sent on a stream, (seq, bytes): encoded once for every stream opened at the
        same (seq, ballots) — a hundred laptops reconnecting after the LAN came back cost one."""
        with self.store.read_tx() as conn:
            at = _counters(conn, session_id)
            with self._lock:
                known = self._snapshots.get(session_id)
            if known is not None and known[0] == at:
                return at[0], known[1]
            snap = self._snapshot_in(conn, session_id, *at)
        data = sse("snapshot", snap, at[0])
        with self._lock:
            self._snapshots[session_id] = (at, data)
        return at[0], data

    def snapshot(self, session_id: str) -> dict[str, Any]:
        """The meeting as a late joiner needs it: the signed events that rebuild the state (earlier page
        moves left out), the final ballots of closed votes, the count of the open one."""
        with self.store.read_tx() as conn:
            return self._snapshot_in(conn, session_id, *_counters(conn, session_id))

    def _snapshot_in(self, conn: Connection, session_id: str, seq: int, ballots: int) -> dict[str, Any]:
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

    def recent_news(self, session_id: str, after: int) -> News | None:
        """What is new after ``after`` from memory, as this process wrote it; None when memory does not
        hold all of it (written by another worker, or longer ago): then :meth:`news` reads the tables."""
        with self._lock:
            cached = self._cache.get(session_id)
            recent = self._recent.get(session_id, {})
            if cached is None or any(n not in recent for n in range(after + 1, cached.seq + 1)):
                return None
            events = [recent[n] for n in range(after + 1, cached.seq + 1)]
        state = cached.state
        closed = [(str(e["event"]["body"]["vote"]), self._final_ballots(state, str(e["event"]["body"]["vote"])))
                  for e in events if e["event"]["body"].get("type") == W.CLOSE_VOTE]
        open_vote = state.open_vote
        return News(cached.seq, events, closed, (open_vote.vote_id, len(open_vote.ballots)) if open_vote else None)

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

    def _send(self, seq: int, news: News, cast: tuple[str, int] | None,
              with_cast: bool) -> tuple[int, tuple[str, int] | None]:
        """Encode what is new once and queue the same bytes for every stream: (seq, cast) sent up to now."""
        out: list[tuple[int | None, bytes]] = [(int(item["seq"]), sse("event", item, int(item["seq"])))
                                               for item in news.events if int(item["seq"]) > seq]
        out += [(None, sse("ballots", {"vote": vote, "ballots": final})) for vote, final in news.closed]
        if with_cast:
            if news.cast is not None and news.cast != cast:
                out.append((None, sse("cast", {"vote": news.cast[0], "count": news.cast[1]})))
            cast = news.cast
        for queue in list(self.queues):
            for message in out:
                queue.put_nowait(message)
        return max(seq, news.seq), cast

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
                read_due = False  # PostgreSQL: the tables to be read once things are quiet
                while not self.done:
                    if read_due:
                        try:
                            await asyncio.wait_for(woken.wait(), QUIET_S)
                        except TimeoutError:
                            read_due = False
                            news = await run_in_threadpool(self.meetings.news, self.session_id, seq)
                            seq, cast = self._send(seq, news, cast, with_cast=True)
                            continue
                    else:
                        await woken.wait()
                    woken.clear()
                    # what this process wrote is in memory: sent at once, without a read; on PostgreSQL
                    # other workers write too: a wake that memory has nothing new for (another
                    # worker's change, our own NOTIFY, a ballot) reads the tables at once, and after
                    # sending from memory they are read again once things are quiet for QUIET_S (a
                    # change of another worker's woken together with ours; the open vote's count)
                    fresh = self.meetings.recent_news(self.session_id, seq)
                    if fresh is not None and (fresh.events or not self.meetings.store.postgres):
                        seq, cast = self._send(seq, fresh, cast, with_cast=not self.meetings.store.postgres)
                        read_due = read_due or self.meetings.store.postgres
                    else:
                        news = await run_in_threadpool(self.meetings.news, self.session_id, seq)
                        seq, cast = self._send(seq, news, cast, with_cast=True)
        except asyncio.CancelledError:
            pass
        except Exception:  # the database went away: the streams end, the apps reconnect (and get a snapshot)
            log.warning("meeting %s: the news feed stopped", self.session_id)
            self.done = True
            self._started.set()
            for queue in list(self.queues):
                queue.put_nowait((None, b""))


# -- the HTTP side ------------------------------------------------------------------------------------------
def router(store: Store, hub: Hub, authed: Authed, bearer: Callable[[Request], str], *,
           recheck_s: float = RECHECK_S) -> APIRouter:
    """The meeting routes (included by :func:`paperless.server.api.create_app`). An open stream's
    token is checked again every ``recheck_s`` seconds: once it has expired, its device is revoked
    or its member left the audience, the server ends the stream."""
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

    # an action is one hop to the thread pool: the token is checked in the action's own transactions
    # (a bad token is still 401/403 before a bad body is 400/404)
    @api.post(f"{W.MEETING}/{{session_id}}/events")
    async def post_event(session_id: str, request: Request) -> dict[str, Any]:
        token = bearer(request)
        try:
            event: W.Event | ApiError = W.parse_event(await body_of(request, "event"))
        except W.WireError as exc:
            event = bad_request(str(exc))
        except ApiError as exc:
            event = exc

        def run() -> tuple[str, int]:
            if isinstance(event, ApiError) or not W.SESSION.fullmatch(session_id):
                store.session(token)
                session_of(session_id)
                assert isinstance(event, ApiError)
                raise event
            return meetings.post_event(token, session_id, event)

        status, seq = await run_in_threadpool(run)
        return {"status": status, "seq": seq}

    @api.post(f"{W.MEETING}/{{session_id}}/ballots")
    async def post_ballot(session_id: str, request: Request) -> dict[str, Any]:
        token = bearer(request)
        try:
            ballot: W.Ballot | ApiError = W.parse_ballot(await body_of(request, "ballot"))
        except W.WireError as exc:
            ballot = bad_request(str(exc))
        except ApiError as exc:
            ballot = exc

        def run() -> str:
            if isinstance(ballot, ApiError) or not W.SESSION.fullmatch(session_id):
                store.session(token)
                session_of(session_id)
                assert isinstance(ballot, ApiError)
                raise ballot
            return meetings.post_ballot(token, session_id, ballot)

        return {"status": await run_in_threadpool(run)}

    @api.get(f"{W.MEETING}/{{session_id}}/votes-file")
    async def votes_file(session_id: str, request: Request) -> dict[str, Any]:
        member, _ = await authed(request)
        session_of(session_id)
        result: dict[str, Any] = await run_in_threadpool(meetings.export_for, session_id, member)
        return result

    @api.get(f"{W.MEETING}/{{session_id}}/stream")
    async def stream(session_id: str, request: Request) -> StreamingResponse:
        token = bearer(request)
        member, _ = await authed(request)
        session_of(session_id)
        await run_in_threadpool(meetings.check_member, session_id, member)

        async def still_allowed() -> bool:
            try:
                await run_in_threadpool(meetings.check_stream, token, session_id)
            except ApiError as exc:
                log.info("meeting %s: a stream ended (%s)", session_id, exc.code)
                return False
            except Exception:  # the database went away: fail closed, the app reconnects
                log.warning("meeting %s: a stream could not be checked again; ended", session_id)
                return False
            return True

        async def events() -> AsyncIterator[bytes]:
            feed = feeds.get(session_id)
            if feed is None or feed.done:
                feed = feeds[session_id] = Feed(meetings, hub, session_id)
            queue = feed.subscribe()  # before the snapshot: nothing is missed
            loop = asyncio.get_running_loop()
            try:
                await feed.ready()
                if feed.done:
                    return
                seq, snap = await run_in_threadpool(meetings.snapshot_sse, session_id)
                yield snap
                ping = check = loop.time()
                while True:
                    now = loop.time()
                    if now - check >= recheck_s:
                        check = now
                        if not await still_allowed():  # the app reconnects, is refused and says why
                            return
                    if now - ping >= HEARTBEAT_S:
                        ping = now
                        yield b": ping\n\n"
                    wait = max(0.0, min(ping + HEARTBEAT_S, check + recheck_s) - loop.time())
                    try:
                        at, data = await asyncio.wait_for(queue.get(), wait)
                    except TimeoutError:
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
        if audience_hash(session_id, member) not in roles.audience:  # enrolled: read from the members table
            continue
        a = state.attendance.get(member)
        rows.append((member, str(p.name), a.status if a else "", a.reason if a else ""))
    return sorted(rows, key=lambda r: (r[1], r[0]))
