"""What the server does with its database: enrolment, challenges and tokens, devices, key
generations, and the per-member record log (push exactly once, pull in commit order).

Every method takes already validated values (:mod:`paperless.server.api` checks the shapes) and
raises :class:`~paperless.server.errors.ApiError` for what the protocol refuses. A write runs in
one transaction that first takes the member's lock (PostgreSQL: ``SELECT … FOR UPDATE`` on the
member's row; SQLite: ``BEGIN IMMEDIATE``, the one writer's lock), so the member's counter is
bumped in commit order.
"""

from __future__ import annotations

import hashlib
import secrets
import threading
import uuid as uuidlib
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any, cast

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey
from sqlalchemy import Engine, bindparam, delete, func, insert, select, update
from sqlalchemy.engine import Connection
from sqlalchemy.exc import IntegrityError

from paperless.core.errors import PaperlessError
from paperless.core.identity import PublicCard
from paperless.core.minisign import PublicKey
from paperless.core.sync import protocol as P
from paperless.server import db
from paperless.server.clock import Clock
from paperless.server.errors import ApiError, conflict, not_found, pending, revoked, unauthorized
from paperless.server.notify import PgNotifier

NOTIFY_CHANNEL = "paperless_sync"
MAX_LIVE_DEVICES = 20  # a member's devices not revoked, waiting ones included
MAX_DEVICES = 200  # a member's devices ever registered (revoked ones stay, for the recall confirmations)
_UNKNOWN_DEVICE_KEY = P.b64(bytes(range(32)))  # never matches: stands in for a device that does not exist


# -- the push's statements (written out: the same text every time, nothing compiled under the lock) ------
_PG_PUSH_CALL = "SELECT * FROM paperless_push(%s, %s, %s::text[], %s::text[], %s::bigint[], %s::bytea[], %s)"


# A pull page in one statement: the next limit + 1 records, each kept while the payloads before it
# stay under the byte cap (the one that reaches it is kept: a page holds at least one record);
# ``total`` (how many of the limit + 1 there were) tells the caller whether more follow.
_PG_PULL_PAGE = (
    "SELECT uuid, version, counter, payload, total FROM ("
    "SELECT uuid, version, counter, payload, count(*) OVER () AS total, "
    "coalesce(sum(size) OVER (ORDER BY counter ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING), 0) AS before "
    "FROM (SELECT uuid, version, counter, payload, size FROM records WHERE member = %s AND counter > %s "
    "ORDER BY counter LIMIT %s) AS head) AS page WHERE before < %s ORDER BY counter")


def _sqlite_push_lookup(n_ops: int, n_uuids: int) -> str:
    return (f"SELECT 0, op_id, version, counter FROM ops WHERE member = ? AND op_id IN ({_marks(n_ops)}) "
            f"UNION ALL SELECT 1, uuid, version, counter FROM records WHERE member = ? "
            f"AND uuid IN ({_marks(n_uuids)})")


def _sqlite_values(table: str, columns: int, rows: int) -> str:
    """``INSERT INTO table VALUES (?, …), …``: one statement (one step of SQLite) for all the rows."""
    row = f"({_marks(columns)})"
    return f"INSERT INTO {table} VALUES " + ", ".join([row] * rows)


def _marks(n: int) -> str:
    return ", ".join(["?"] * n)


def _hash(raw: bytes | str) -> str:
    return hashlib.sha256(raw.encode() if isinstance(raw, str) else raw).hexdigest()


@dataclass(frozen=True)
class PushOp:
    op: str
    uuid: str
    base: int
    payload: bytes


@dataclass(eq=False)
class _PushJob:
    """A push waiting for SQLite's writer (see :meth:`Store.push`)."""

    token: str
    batch: Sequence[PushOp]
    results: list[tuple[str, str, int, int]] | None = None
    error: Exception | None = None
    finished: bool = False
    # set when the job is finished, or when its thread is to lead the next group (not finished)
    wake: threading.Event = field(default_factory=threading.Event)


@dataclass(frozen=True)
class Session:
    """Who a bearer token speaks for."""

    member: str
    device: str


@dataclass(frozen=True)
class DeviceRow:
    member: str
    member_name: str
    device: str
    name: str
    created: str
    last_seen: int
    revoked_at: int | None
    wiped_at: int | None
    pending: bool = False


SEEN_EVERY_MS = 60_000  # a push writes a device's last_seen at most this often (logins always do)


class Store:
    def __init__(self, engine: Engine, clock: Clock | None = None,
                 on_change: Callable[[str], None] | None = None) -> None:
        self.engine = engine
        self.clock = clock or Clock()
        self.postgres = engine.dialect.name == "postgresql"
        self.on_change = on_change or (lambda _member: None)
        self._sqlite_writer = threading.Lock()
        self._push_queue: list[_PushJob] = []  # SQLite: pushes waiting for the writer (applied as a group)
        self._push_queue_lock = threading.Lock()
        self._push_leading = False  # SQLite: a thread is applying a group (the others wait on their job)
        self._seen_written: dict[str, int] = {}  # device → when a push last wrote its last_seen (this process)
        # PostgreSQL: the other workers told of committed pushes by a thread of its own (see PgNotifier)
        self._notifier = PgNotifier(self._send_notifications) if self.postgres else None
        # SQLite, a push's first statement: who the token speaks for and the member's counter
        session = (select(db.tokens.c.member, db.tokens.c.device, db.tokens.c.expires, db.devices.c.revoked_at,
                          db.devices.c.pending, db.members.c.counter)
                   .join(db.devices, (db.devices.c.member == db.tokens.c.member)
                         & (db.devices.c.id == db.tokens.c.device))
                   .join(db.members, db.members.c.id == db.tokens.c.member)
                   .where(db.tokens.c.hash == bindparam("hash")))
        self._push_session = session
        self._session_query = (select(db.tokens.c.member, db.tokens.c.device, db.tokens.c.expires,
                                      db.devices.c.revoked_at, db.devices.c.pending)
                               .join(db.devices, (db.devices.c.member == db.tokens.c.member)
                                     & (db.devices.c.id == db.tokens.c.device))
                               .where(db.tokens.c.hash == bindparam("hash")))

    def close(self) -> None:
        """Send the change notifications still pending (PostgreSQL); the engine stays the caller's."""
        if self._notifier is not None:
            self._notifier.stop()

    def _send_notifications(self, members: list[str]) -> None:
        """One ``NOTIFY paperless_sync, member`` for each of ``members``: one statement, in autocommit
        mode (its own transaction, after the pushes it tells of have committed)."""
        with self.engine.connect() as conn:
            conn = conn.execution_options(isolation_level="AUTOCOMMIT")
            conn.exec_driver_sql("SELECT pg_notify(%s, m) FROM unnest(%s::text[]) AS m", (NOTIFY_CHANNEL, members))

    # -- transactions ------------------------------------------------------------------------------
    @contextmanager
    def write_tx(self, *, durable: bool = True) -> Iterator[Connection]:
        """One write transaction (SQLite: ``BEGIN IMMEDIATE``, the writer's lock taken at once).

        On SQLite the writers of this process also queue on a lock first, in order: SQLite's own
        busy handler sleeps and retries, which is unfair under load (a writer can wait seconds).

        ``durable=False`` (a meeting's page move, nothing else): the commit does not wait for the
        disk (PostgreSQL ``synchronous_commit = off`` for this transaction; SQLite
        ``synchronous=NORMAL`` for this commit, FULL again after). It is atomic and in order all
        the same: a crash of the server loses nothing; a power cut can lose the last such commits
        (never one made durable after them, which syncs them too)."""
        if self.postgres:
            with self.engine.connect() as conn, conn.begin():
                if not durable:
                    conn.exec_driver_sql("SET LOCAL synchronous_commit TO OFF")
                yield conn
            return
        with self._sqlite_writer, self.engine.connect() as conn:
            conn.execution_options(immediate=True)
            raw = conn.connection.dbapi_connection
            assert raw is not None
            if not durable:  # not inside a transaction: SQLite refuses it there
                raw.execute("PRAGMA synchronous=NORMAL")
            try:
                with conn.begin():
                    yield conn
            finally:
                if not durable:
                    try:
                        raw.execute("PRAGMA synchronous=FULL")
                    except BaseException:
                        conn.invalidate()  # never back in the pool as it was
                        raise

    @contextmanager
    def read_tx(self) -> Iterator[Connection]:
        """One read transaction seeing one snapshot (PostgreSQL: REPEATABLE READ)."""
        with self.engine.connect() as conn:
            if self.postgres:
                conn.execution_options(isolation_level="REPEATABLE READ")
            with conn.begin():
                yield conn

    def _lock_member(self, conn: Connection, member: str) -> int | None:
        """The member's counter, with the member's row locked until the transaction ends."""
        query = select(db.members.c.counter).where(db.members.c.id == member)
        if self.postgres:
            query = query.with_for_update()
        value = conn.execute(query).scalar_one_or_none()
        return None if value is None else int(value)

    # -- server meta -------------------------------------------------------------------------------
    def meta(self, key: str) -> str | None:
        with self.read_tx() as conn:
            value = conn.execute(select(db.server_meta.c.value).where(db.server_meta.c.key == key)).scalar()
            return None if value is None else str(value)

    def set_meta(self, key: str, value: str) -> None:
        with self.write_tx() as conn:
            conn.execute(delete(db.server_meta).where(db.server_meta.c.key == key))
            conn.execute(insert(db.server_meta).values(key=key, value=value))

    def epoch(self) -> str:
        """The server's epoch (a new one after a restore); made on first use."""
        value = self.meta("epoch")
        if value is None:
            value = self.new_epoch()
        return value

    def new_epoch(self) -> str:
        value = uuidlib.uuid4().hex
        self.set_meta("epoch", value)
        return value

    # -- the office's side -------------------------------------------------------------------------
    def enroll(self, card: PublicCard, card_text: str) -> tuple[str, bool]:
        """Enrol a member by their card: (member id, newly enrolled). The same card again is a no-op."""
        member = P.member_id(card.fingerprint)
        with self.write_tx() as conn:
            row = conn.execute(select(db.members.c.signing_key).where(db.members.c.id == member)).first()
            if row is not None:
                return member, False
            conn.execute(insert(db.members).values(
                id=member, name=card.name, card=card_text, signing_key=card.signing_key, counter=0,
                rotate=False, enrolled=self.clock.now_ms()))
        return member, True

    def members(self) -> list[tuple[str, str]]:
        with self.read_tx() as conn:
            rows = conn.execute(select(db.members.c.id, db.members.c.name).order_by(db.members.c.name)).all()
        return [(str(r.id), str(r.name)) for r in rows]

    def all_devices(self, member: str | None = None) -> list[DeviceRow]:
        query = (select(db.devices, db.members.c.name.label("member_name"))
                 .join(db.members, db.members.c.id == db.devices.c.member)
                 .order_by(db.devices.c.member, db.devices.c.registered, db.devices.c.id))
        if member is not None:
            query = query.where(db.devices.c.member == member)
        with self.read_tx() as conn:
            rows = conn.execute(query).all()
        return [DeviceRow(str(r.member), str(r.member_name), str(r.id), str(r.name), str(r.created),
                          int(r.last_seen), r.revoked_at, r.wiped_at, bool(r.pending)) for r in rows]

    def revoke_device_anywhere(self, device: str) -> int:
        """The office revokes a device by id (whoever's it is): how many were revoked now."""
        with self.read_tx() as conn:
            owners = conn.execute(select(db.devices.c.member).where(db.devices.c.id == device)).scalars().all()
        count = 0
        for owner in owners:
            count += self.revoke(str(owner), device)
        return count

    def approve_device_anywhere(self, device: str) -> int:
        """The office approves a pending device by id (whoever's it is): how many were approved now.

        404 if there is no such device, 409 if it is revoked."""
        with self.read_tx() as conn:
            owners = conn.execute(select(db.devices.c.member).where(db.devices.c.id == device)).scalars().all()
        if not owners:
            raise not_found("no such device")
        count = 0
        for owner in owners:
            count += self.approve(str(owner), device)
        return count

    # -- authentication ----------------------------------------------------------------------------
    def challenge(self, member: str, device: str, action: str, ttl_s: int = P.CHALLENGE_TTL_S) -> bytes:
        """A fresh single-use challenge; the same for every member id, enrolled or not."""
        raw = secrets.token_bytes(P.CHALLENGE_BYTES)
        now = self.clock.now_ms()
        with self.write_tx() as conn:
            conn.execute(delete(db.challenges).where(db.challenges.c.expires <= now))
            conn.execute(insert(db.challenges).values(hash=_hash(raw), member=member, device=device, action=action,
                                                      expires=now + ttl_s * 1000))
        return raw

    def _take_challenge(self, conn: Connection, member: str, device: str, action: str, raw: bytes) -> bool:
        """Consume the challenge (single use): True if it was issued for exactly this and is still valid."""
        result = conn.execute(delete(db.challenges).where(
            db.challenges.c.hash == _hash(raw), db.challenges.c.member == member, db.challenges.c.device == device,
            db.challenges.c.action == action, db.challenges.c.expires > self.clock.now_ms()))
        return result.rowcount == 1

    def _issue_token(self, conn: Connection, member: str, device: str) -> str:
        token = secrets.token_urlsafe(32)
        now = self.clock.now_ms()
        conn.execute(delete(db.tokens).where(db.tokens.c.expires <= now))
        conn.execute(insert(db.tokens).values(hash=_hash(token), member=member, device=device,
                                              expires=now + P.TOKEN_TTL_S * 1000))
        return token

    @staticmethod
    def _signature_ok(device_key_b64: str, message: bytes, signature: bytes) -> bool:
        try:
            key = Ed25519PublicKey.from_public_bytes(P.unb64(device_key_b64, limit=32))
            key.verify(signature, message)
        except (ValueError, InvalidSignature):
            return False
        return True

    @staticmethod
    def _room_for_a_device(conn: Connection, member: str) -> None:
        """A member has at most MAX_LIVE_DEVICES devices not revoked (waiting ones included) and
        MAX_DEVICES in all: every device is a row in each answer to the office about recalls, so
        a member's identity must not be able to swell those answers without bound (409)."""
        live = conn.execute(select(func.count()).select_from(db.devices).where(
            db.devices.c.member == member, db.devices.c.revoked_at.is_(None))).scalar_one()
        every = conn.execute(select(func.count()).select_from(db.devices).where(
            db.devices.c.member == member)).scalar_one()
        if live >= MAX_LIVE_DEVICES or every >= MAX_DEVICES:
            raise conflict(f"too many devices for this member (at most {MAX_LIVE_DEVICES} in use and "
                           f"{MAX_DEVICES} in all): revoke one, or ask the office")

    def register(self, url: str, member: str, device: str, device_key: str, name: str, created: str,
                 certificate: str, challenge: bytes, signature: bytes) -> tuple[str, str]:
        """A new device (or the same one again): (token, device id)."""
        # A fresh transaction for the challenge alone: a failed registration still uses it up.
        with self.write_tx() as conn:
            taken = self._take_challenge(conn, member, device, "register", challenge)
        if not taken:
            raise unauthorized()
        message = P.auth_message("register", url, member, device, challenge)
        if not self._signature_ok(device_key, message, signature):
            raise unauthorized()
        with self.write_tx() as conn:
            signing_key = conn.execute(select(db.members.c.signing_key).where(db.members.c.id == member)).scalar()
            if signing_key is None:
                raise unauthorized()
            try:
                PublicKey.from_base64(str(signing_key)).verify(
                    P.device_certificate(member, device, device_key, name, created), certificate)
            except (PaperlessError, ValueError):
                raise unauthorized() from None
            self._lock_member(conn, member)  # a revocation of this member waits for this registration, or wins
            existing = conn.execute(select(db.devices).where(db.devices.c.member == member,
                                                             db.devices.c.id == device)).first()
            now = self.clock.now_ms()
            if existing is not None:
                if existing.public_key != device_key:
                    raise unauthorized()
                if existing.revoked_at is not None:
                    raise revoked()
                if existing.pending:
                    raise pending()
                conn.execute(update(db.devices).where(db.devices.c.member == member, db.devices.c.id == device)
                             .values(last_seen=now))
                token: str | None = self._issue_token(conn, member, device)
            else:
                self._room_for_a_device(conn, member)
                # A member's revoked device still holds the member's identity, so it can sign a
                # certificate for a new device id: once any device is revoked, a new one waits.
                waits = conn.execute(select(func.count()).select_from(db.devices).where(
                    db.devices.c.member == member, db.devices.c.revoked_at.is_not(None))).scalar_one() > 0
                conn.execute(insert(db.devices).values(
                    member=member, id=device, public_key=device_key, name=name, created=created,
                    certificate=certificate, registered=now, last_seen=now, pending=waits))
                token = None if waits else self._issue_token(conn, member, device)
        if token is None:
            raise pending()  # after the commit: the device is kept, waiting for approval
        return token, device

    def _check_device_signature(self, conn: Connection, url: str, action: str, member: str, device: str,
                                challenge: bytes, signature: bytes) -> Any:
        row = conn.execute(select(db.devices).where(db.devices.c.member == member, db.devices.c.id == device)).first()
        # an unknown device costs the same verification as a known one (nothing to learn from the time)
        key = _UNKNOWN_DEVICE_KEY if row is None else str(row.public_key)
        verified = self._signature_ok(key, P.auth_message(action, url, member, device, challenge), signature)
        if row is None or not verified:
            raise unauthorized()
        return row

    def login(self, url: str, member: str, device: str, challenge: bytes, signature: bytes) -> str:
        with self.write_tx() as conn:
            taken = self._take_challenge(conn, member, device, "login", challenge)
        if not taken:
            raise unauthorized()
        with self.write_tx() as conn:
            row = self._check_device_signature(conn, url, "login", member, device, challenge, signature)
            if row.revoked_at is not None:
                raise revoked()
            if row.pending:
                raise pending()
            conn.execute(update(db.devices).where(db.devices.c.member == member, db.devices.c.id == device)
                         .values(last_seen=self.clock.now_ms()))
            return self._issue_token(conn, member, device)

    def revoked_ack(self, url: str, member: str, device: str, challenge: bytes, signature: bytes) -> None:
        """A revoked device says it has wiped this member's data."""
        with self.write_tx() as conn:
            taken = self._take_challenge(conn, member, device, "revoked-ack", challenge)
        if not taken:
            raise unauthorized()
        with self.write_tx() as conn:
            row = self._check_device_signature(conn, url, "revoked-ack", member, device, challenge, signature)
            if row.revoked_at is None:
                raise conflict("this device is not revoked")
            if row.wiped_at is None:
                now = self.clock.now_ms()
                conn.execute(update(db.devices).where(db.devices.c.member == member, db.devices.c.id == device)
                             .values(wiped_at=now, last_seen=now))

    def session(self, token: str) -> Session:
        """The member and device a bearer token speaks for; 401 if none, 403 if the device is revoked."""
        with self.engine.connect() as conn:
            return self._session_in(conn, token)

    def session_in(self, conn: Connection, token: str) -> Session:
        """:meth:`session` inside the caller's transaction."""
        return self._session_in(conn, token)

    def _session_in(self, conn: Connection, token: str) -> Session:
        row = conn.execute(self._session_query, {"hash": _hash(token)}).first()
        if row is None or int(row.expires) <= self.clock.now_ms():
            raise unauthorized()
        if row.revoked_at is not None:
            raise revoked()
        if row.pending:
            raise pending()
        return Session(str(row.member), str(row.device))

    # -- devices and keys --------------------------------------------------------------------------
    def revoke(self, member: str, device: str) -> int:
        """Revoke one of the member's devices: refused from now on; the member's devices must rotate keys."""
        with self.write_tx() as conn:
            self._lock_member(conn, member)
            row = conn.execute(select(db.devices.c.revoked_at).where(
                db.devices.c.member == member, db.devices.c.id == device)).first()
            if row is None:
                raise not_found("no such device")
            if row.revoked_at is not None:
                return 0
            conn.execute(update(db.devices).where(db.devices.c.member == member, db.devices.c.id == device)
                         .values(revoked_at=self.clock.now_ms()))
            # its tokens stay, so that their next use is told device_revoked (they die at their expiry)
            conn.execute(update(db.members).where(db.members.c.id == member).values(rotate=True))
        return 1

    def approve(self, member: str, device: str) -> int:
        """Approve one of the member's pending devices (1 if it was pending); 404 if none, 409 if revoked."""
        with self.write_tx() as conn:
            self._lock_member(conn, member)
            row = conn.execute(select(db.devices.c.revoked_at, db.devices.c.pending).where(
                db.devices.c.member == member, db.devices.c.id == device)).first()
            if row is None:
                raise not_found("no such device")
            if row.revoked_at is not None:
                raise conflict("this device is revoked; a revoked device cannot be approved")
            if not row.pending:
                return 0
            conn.execute(update(db.devices).where(db.devices.c.member == member, db.devices.c.id == device)
                         .values(pending=False))
        return 1

    def keys(self, member: str) -> tuple[list[tuple[int, bytes, int]], bool]:
        with self.read_tx() as conn:
            rows = conn.execute(select(db.notes_keys.c.generation, db.notes_keys.c.sealed, db.notes_keys.c.created)
                                .where(db.notes_keys.c.member == member).order_by(db.notes_keys.c.generation)).all()
            rotate = conn.execute(select(db.members.c.rotate).where(db.members.c.id == member)).scalar()
        return [(int(r.generation), bytes(r.sealed), int(r.created)) for r in rows], bool(rotate)

    def put_key(self, member: str, generation: int, sealed: bytes) -> None:
        """Store key generation ``generation``: only the one after the highest (409 otherwise)."""
        try:
            with self.write_tx() as conn:
                self._lock_member(conn, member)
                highest = conn.execute(select(func.max(db.notes_keys.c.generation))
                                       .where(db.notes_keys.c.member == member)).scalar()
                expected = int(highest or 0) + 1
                if generation != expected:
                    raise conflict(f"the next key generation is {expected}")
                conn.execute(insert(db.notes_keys).values(member=member, generation=generation, sealed=sealed,
                                                          created=self.clock.now_ms()))
                conn.execute(update(db.members).where(db.members.c.id == member).values(rotate=False))
        except IntegrityError:
            raise conflict("another device stored this generation first") from None

    # -- records -----------------------------------------------------------------------------------
    def push(self, token: str, batch: Sequence[PushOp]) -> list[tuple[str, str, int, int]]:
        """Apply a batch for the bearer of ``token`` exactly once: [(op, status, version, counter)]
        in the order sent. 401/403 as :meth:`session` (checked under the member's lock).

        PostgreSQL: one transaction under the member's row lock. SQLite (one writer): the pushes
        waiting for the writer's lock are applied together, one after another in one transaction
        (a group commit: one fsync and one lock hand-over for all of them); a push refused (401/403)
        has written nothing and does not stop the others; if the group's transaction fails, each of
        its pushes is applied again on its own, so an error reaches only the push it belongs to."""
        if self.postgres:
            return self._push_pg(token, batch)
        job = _PushJob(token, batch)
        with self._push_queue_lock:
            self._push_queue.append(job)
            lead = not self._push_leading
            self._push_leading = True
        if not lead:
            job.wake.wait()  # finished by the group that took it, or told to lead the next group
        if not job.finished:
            self._lead_push_group()
        if job.error is not None:
            raise job.error
        assert job.results is not None
        return job.results

    def _push_pg(self, token: str, batch: Sequence[PushOp]) -> list[tuple[str, str, int, int]]:
        """PostgreSQL: the whole push is one call of ``paperless_push`` (migration 0008), in
        autocommit mode: one statement, its own transaction, one round trip. It does what
        :meth:`_push_in` does, in the same order and under the same member's row lock."""
        now = self.clock.now_ms()
        params = (_hash(token), now, [i.op for i in batch], [i.uuid for i in batch], [i.base for i in batch],
                  [i.payload for i in batch], now - SEEN_EVERY_MS)
        with self.engine.connect() as conn:
            conn = conn.execution_options(isolation_level="AUTOCOMMIT")
            refused, member, changed, statuses, versions, counters = conn.exec_driver_sql(_PG_PUSH_CALL, params).one()
        if refused is not None:
            raise {"revoked": revoked, "pending": pending}.get(refused, unauthorized)()
        if changed:  # committed: this process's waiters woken now, every worker's listener told soon after
            self.on_change(str(member))
            assert self._notifier is not None
            self._notifier.notify(str(member))
        return [(item.op, status, int(version), int(at))
                for item, status, version, at in zip(batch, statuses, versions, counters, strict=True)]

    def _lead_push_group(self) -> None:
        """SQLite: apply every push queued now as one group, then hand the lead to the first push
        queued meanwhile (its thread wakes and applies the next group) or give it up.

        The pushes that wait are woken each by its own event, once, when their group is committed:
        none waits for the writer's lock to learn that its push is done (such a convoy of threads,
        each taking the lock only to find its work finished, kept a finished push waiting behind
        the next group, which made p99 latency seconds under a paced load)."""
        with self._push_queue_lock:
            jobs, self._push_queue = self._push_queue, []
        try:
            with self._sqlite_writer, self.engine.connect() as conn:  # a connection for the leading thread only
                self._push_group(conn, jobs)
        except Exception as exc:  # before the group began (no connection, say): each of its pushes is told
            for job in jobs:
                if not job.finished:
                    job.error, job.finished = exc, True
        finally:
            for job in jobs:
                job.wake.set()
            with self._push_queue_lock:
                if self._push_queue:
                    self._push_queue[0].wake.set()  # not finished: that thread leads the next group
                else:
                    self._push_leading = False

    def _push_group(self, conn: Connection, jobs: list[_PushJob]) -> None:
        """SQLite, the writer's lock held: every job of ``jobs`` applied and finished (results or error)."""
        changed: set[str] = set()
        now = self.clock.now_ms()
        try:
            conn.execution_options(immediate=True)
            with conn.begin():
                for job in jobs:
                    try:
                        job.results, member = self._push_in(conn, job.token, job.batch, now)
                    except ApiError as exc:  # raised before the job wrote anything
                        job.error = exc
                    else:
                        if member:
                            changed.add(member)
        except Exception:
            changed.clear()
            for job in jobs:  # again, each on its own: the error goes to its own request only
                job.results, job.error = None, None
                try:
                    with conn.begin():
                        job.results, member = self._push_in(conn, job.token, job.batch, now)
                except Exception as exc:
                    job.error = exc
                else:
                    if member:
                        changed.add(member)
        finally:
            for job in jobs:
                job.finished = True
        for member in changed:
            self.on_change(member)

    def _push_in(self, conn: Connection, token: str, batch: Sequence[PushOp],
                 now: int) -> tuple[list[tuple[str, str, int, int]], str | None]:
        """SQLite: one push inside the caller's transaction (the writer's lock held): (results, the
        member if their records changed). PostgreSQL does the same in ``paperless_push`` (migration
        0008; keep the two alike).

        A handful of statements whatever the batch's size, the same for 1 op or 500: the token, the
        device and the member's counter in one; the ops already applied and the current versions
        in one; then the new records, the ops and the counter — so the writer's lock is held for
        few statements and few releases of the GIL. Refused (401/403) before anything is written."""
        results: list[tuple[str, str, int, int]] = []
        token_hash = _hash(token)
        op_ids = list(dict.fromkeys(item.op for item in batch))
        uuids = list(dict.fromkeys(item.uuid for item in batch))
        row = conn.execute(self._push_session, {"hash": token_hash}).first()
        if row is None or int(row.expires) <= now:
            raise unauthorized()
        if row.revoked_at is not None:
            raise revoked()
        if row.pending:
            raise pending()
        member, device, counter = str(row.member), str(row.device), int(row.counter)
        start = counter
        found = conn.exec_driver_sql(_sqlite_push_lookup(len(op_ids), len(uuids)),
                                     (member, *op_ids, member, *uuids)).all()
        done: dict[str, tuple[int, int]] = {}
        current: dict[str, tuple[int, int]] = {}
        for kind, key, version, at in found:
            (current if kind else done)[str(key)] = (int(version), int(at))
        existed = set(current)
        written: dict[str, tuple[int, int, bytes]] = {}
        new_ops: list[tuple[str, str, int, int]] = []
        for item in batch:
            if item.op in done:
                version, at = done[item.op]
                results.append((item.op, P.DUPLICATE, version, at))
                continue
            version, at = current.get(item.uuid, (0, 0))
            if version != item.base:
                results.append((item.op, P.STALE, version, at))
                continue
            counter += 1
            current[item.uuid] = done[item.op] = (version + 1, counter)
            written[item.uuid] = (version + 1, counter, item.payload)
            new_ops.append((item.op, item.uuid, version + 1, counter))
            results.append((item.op, P.APPLIED, version + 1, counter))
        inserts = [(u, v, c, payload) for u, (v, c, payload) in written.items() if u not in existed]
        updates = [{"b_member": member, "b_uuid": u, "version": v, "counter": c, "payload": payload,
                    "size": len(payload), "updated": now}
                   for u, (v, c, payload) in written.items() if u in existed]
        if updates:
            conn.execute(update(db.records).where(db.records.c.member == bindparam("b_member"),
                                                  db.records.c.uuid == bindparam("b_uuid")), updates)
        if counter != start:
            if inserts:
                conn.exec_driver_sql(_sqlite_values("records (member, uuid, version, counter, payload, size, "
                                                    "updated)", 7, len(inserts)),
                                     tuple(x for u, v, c, p in inserts
                                           for x in (member, u, v, c, p, len(p), now)))
            conn.exec_driver_sql(_sqlite_values("ops (member, op_id, uuid, version, counter)", 5, len(new_ops)),
                                 tuple(x for op, u, v, c in new_ops for x in (member, op, u, v, c)))
            conn.exec_driver_sql("UPDATE members SET counter = ? WHERE id = ?", (counter, member))
        if now - self._seen_written.get(device, -SEEN_EVERY_MS) >= SEEN_EVERY_MS:  # a minute is exact enough
            conn.execute(update(db.devices).where(db.devices.c.member == member, db.devices.c.id == device)
                         .values(last_seen=now))
            self._seen_written[device] = now
        return results, (member if counter != start else None)

    def pull_as(self, token: str, page: Callable[[], tuple[int, int]],
                max_bytes: int = P.MAX_PULL_BYTES) -> tuple[list[tuple[str, int, int, bytes]], int, bool]:
        """The token checked (401/403 as :meth:`session`), then ``page()`` asked for (after, limit)
        and that page of the token's member read as :meth:`pull` does.

        PostgreSQL: one connection in autocommit mode and two statements, the page in one (one
        statement sees one snapshot): two round trips instead of a transaction around two reads."""
        if not self.postgres:
            member = self.session(token).member
            after, limit = page()
            return self.pull(member, after, limit, max_bytes)
        with self.engine.connect() as conn:
            conn = conn.execution_options(isolation_level="AUTOCOMMIT")
            member = self._session_in(conn, token).member
            after, limit = page()
            cursor = conn.connection.dbapi_connection.cursor()  # type: ignore[union-attr]
            try:
                # (binary results were tried, 2026-12-07: slower here by about 2 ms a page; not kept)
                cursor.execute(_PG_PULL_PAGE, (member, after, limit + 1, max_bytes))
                found = cursor.fetchall()
            finally:
                cursor.close()
        if not found:
            return [], after, False
        rows = [(u, v, c, p) for u, v, c, p, _ in found[:limit]]
        return cast(list[tuple[str, int, int, bytes]], rows), int(rows[-1][2]), int(found[0][4]) > len(rows)

    def pull(self, member: str, after: int, limit: int,
             max_bytes: int = P.MAX_PULL_BYTES) -> tuple[list[tuple[str, int, int, bytes]], int, bool]:
        """Records with a counter above ``after``, in counter order: (records, cursor, more).

        A page holds at most ``limit`` records and stops once their payloads reach ``max_bytes``
        (always at least one record): the sizes are read first, then only the payloads sent."""
        mark = "%s" if self.postgres else "?"
        with self.read_tx() as conn:
            # the driver's own cursor: its rows are already (str, int, int, bytes), nothing to convert
            cursor = conn.connection.dbapi_connection.cursor()  # type: ignore[union-attr]
            try:
                cursor.execute(f"SELECT counter, size FROM records WHERE member = {mark} AND counter > {mark} "
                               f"ORDER BY counter LIMIT {mark}", (member, after, limit + 1))
                heads = cursor.fetchall()
                more = len(heads) > limit
                heads = heads[:limit]
                total = 0
                for taken, (_counter, size) in enumerate(heads, 1):
                    total += size
                    if total >= max_bytes:
                        more = more or taken < len(heads)
                        heads = heads[:taken]
                        break
                if not heads:
                    return [], after, False
                last = int(heads[-1][0])
                cursor.execute(f"SELECT uuid, version, counter, payload FROM records WHERE member = {mark} "
                               f"AND counter > {mark} AND counter <= {mark} ORDER BY counter", (member, after, last))
                rows = cast(list[tuple[str, int, int, bytes]], cursor.fetchall())
            finally:
                cursor.close()
        return rows, last, more

    def digest(self, member: str) -> tuple[int, str, int]:
        """(count, digest of the (uuid, version) pairs, counter), from one snapshot."""
        with self.read_tx() as conn:
            counter = conn.execute(select(db.members.c.counter).where(db.members.c.id == member)).scalar()
            pairs = [(str(r.uuid), int(r.version)) for r in conn.execute(
                select(db.records.c.uuid, db.records.c.version).where(db.records.c.member == member))]
        return len(pairs), P.records_digest(pairs), int(counter or 0)

    def counter(self, member: str) -> int:
        with self.engine.connect() as conn:
            value = conn.execute(select(db.members.c.counter).where(db.members.c.id == member)).scalar()
        return int(value or 0)
