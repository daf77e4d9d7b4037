"""The server's tables (SQLAlchemy Core), its engines (SQLite or PostgreSQL) and its migrations.

The schema itself is made and changed only by the Alembic migrations shipped in
``paperless/server/migrations`` (run by :func:`migrate` on ``server init`` and at ``server run``);
the :class:`~sqlalchemy.Table` objects below describe it for queries and must follow them.
"""

from __future__ import annotations

import logging
import sqlite3
import threading
from pathlib import Path
from typing import Any

from sqlalchemy import (
    BigInteger,
    Boolean,
    Column,
    Engine,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Table,
    Text,
    create_engine,
    event,
    false,
)
from sqlalchemy.engine import Connection, make_url

log = logging.getLogger("paperless.server")

SQLITE_FILE = "server.db"
BUSY_TIMEOUT_MS = 30_000

metadata = MetaData()

server_meta = Table(
    "server_meta", metadata,
    Column("key", String(40), primary_key=True),
    Column("value", Text, nullable=False),
)

members = Table(
    "members", metadata,
    Column("id", String(40), primary_key=True),  # the 40 digits of the card's fingerprint
    Column("name", Text, nullable=False),
    Column("card", Text, nullable=False),  # the card.toml text the office enrolled
    Column("signing_key", String(64), nullable=False),  # the card's minisign key (checks device certificates)
    Column("counter", BigInteger, nullable=False),  # the member's change counter (bumped under the row lock)
    Column("rotate", Boolean, nullable=False),  # a device was revoked: the next device makes a new key generation
    Column("enrolled", BigInteger, nullable=False),  # ms since the epoch
)

devices = Table(
    "devices", metadata,
    Column("member", String(40), primary_key=True),
    Column("id", String(36), primary_key=True),
    Column("public_key", String(64), nullable=False),  # base64 of the raw Ed25519 key
    Column("name", Text, nullable=False),
    Column("created", Text, nullable=False),  # as the device said it (part of the certificate)
    Column("certificate", Text, nullable=False),  # the member's minisign signature of the certificate
    Column("registered", BigInteger, nullable=False),
    Column("last_seen", BigInteger, nullable=False),
    Column("revoked_at", BigInteger),
    Column("wiped_at", BigInteger),
    # a new device of a member who has revoked one: refused (403 device_pending) until approved
    Column("pending", Boolean, nullable=False, server_default=false()),
)

challenges = Table(
    "challenges", metadata,
    Column("hash", String(64), primary_key=True),  # SHA-256 of the challenge bytes
    Column("member", String(40), nullable=False),
    Column("device", String(36), nullable=False),
    Column("action", String(16), nullable=False),
    Column("expires", BigInteger, nullable=False, index=True),
)

tokens = Table(
    "tokens", metadata,
    Column("hash", String(64), primary_key=True),  # SHA-256 of the token: the token itself is never stored
    Column("member", String(40), nullable=False),
    Column("device", String(36), nullable=False),
    Column("expires", BigInteger, nullable=False, index=True),
)

records = Table(
    "records", metadata,
    Column("member", String(40), primary_key=True),
    Column("uuid", String(36), primary_key=True),
    Column("version", Integer, nullable=False),
    Column("counter", BigInteger, nullable=False),
    Column("payload", LargeBinary, nullable=False),
    Column("size", Integer, nullable=False),
    Column("updated", BigInteger, nullable=False),
)

ops = Table(
    "ops", metadata,
    Column("member", String(40), primary_key=True),
    Column("op_id", String(36), primary_key=True),
    Column("uuid", String(36), nullable=False),
    Column("version", Integer, nullable=False),
    Column("counter", BigInteger, nullable=False),
)

notes_keys = Table(
    "notes_keys", metadata,
    Column("member", String(40), primary_key=True),
    Column("generation", Integer, primary_key=True),
    Column("sealed", LargeBinary, nullable=False),  # an age file to the member's recipient
    Column("created", BigInteger, nullable=False),
)

# -- distribution (migration 0003, docs/distribution-protocol.md) --------------------------------------
dist_bundles = Table(  # a published bundle file, stored as bundles/<sha256[:2]>/<sha256>.bundle in the folder
    "dist_bundles", metadata,
    Column("sha256", String(64), primary_key=True),  # of the whole file: its name, its ETag
    Column("size", BigInteger, nullable=False),
    Column("published", BigInteger, nullable=False),  # ms since the epoch
)

dist_versions = Table(  # one version of a session; a newer one supersedes it
    "dist_versions", metadata,
    Column("session_id", String(200), primary_key=True),
    Column("version", Integer, primary_key=True),
    Column("sha256", String(64), nullable=False, unique=True),
    Column("due", String(10)),  # YYYY-MM-DD: members should have it by then (or NULL)
    Column("superseded", Boolean, nullable=False),
)

dist_audience = Table(  # the signed manifest's audience hashes of a bundle (padded: most match no one)
    "dist_audience", metadata,
    Column("sha256", String(64), primary_key=True),
    Column("hash", String(64), primary_key=True, index=True),
)


def sqlite_url(folder: Path) -> str:
    return f"sqlite:///{(folder / SQLITE_FILE).resolve()}"


def is_sqlite(url: str) -> bool:
    return make_url(url).get_backend_name() == "sqlite"


def libpq_conninfo(url: str) -> str:
    """A ``postgresql+psycopg://…`` URL as a plain libpq URL (for LISTEN and pg_dump)."""
    return make_url(url).set(drivername="postgresql").render_as_string(hide_password=False)


def make_engine(url: str, *, pool_size: int = 20, background_checkpoints: bool = False) -> Engine:
    """An engine for the server's database.

    SQLite: WAL, ``synchronous=FULL``, a busy timeout; the driver's own transaction handling is
    off so that a write transaction can start with ``BEGIN IMMEDIATE`` (connections opened with
    the execution option ``immediate=True``, see :func:`write_tx`), which takes the one writer's
    lock at the start instead of failing at the first write. ``background_checkpoints``: no
    connection of this engine checkpoints the WAL when it commits; a :class:`Checkpointer` must.
    """
    if is_sqlite(url):
        engine = create_engine(url, pool_size=pool_size, max_overflow=pool_size,
                               connect_args={"check_same_thread": False, "timeout": BUSY_TIMEOUT_MS / 1000})

        @event.listens_for(engine, "connect")
        def _on_connect(dbapi_conn: sqlite3.Connection, _record: Any) -> None:
            dbapi_conn.isolation_level = None
            cur = dbapi_conn.cursor()
            cur.execute("PRAGMA journal_mode=WAL")
            cur.execute("PRAGMA synchronous=FULL")
            cur.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
            cur.execute("PRAGMA foreign_keys=ON")
            if background_checkpoints:
                cur.execute("PRAGMA wal_autocheckpoint=0")
            cur.close()

        @event.listens_for(engine, "begin")
        def _on_begin(conn: Connection) -> None:
            immediate = conn.get_execution_options().get("immediate", False)
            conn.exec_driver_sql("BEGIN IMMEDIATE" if immediate else "BEGIN")

        return engine
    return create_engine(url, pool_size=pool_size, max_overflow=pool_size, pool_pre_ping=True)


class Checkpointer:
    """SQLite: the WAL copied back into the database file by a thread of its own, every
    ``every_s`` seconds (a passive checkpoint: it waits for no one and no one waits for it).

    Left to SQLite, the connection whose commit takes the WAL past 1,000 pages runs the checkpoint
    itself, inside the commit: it writes those pages into the database file and, with
    ``synchronous=FULL``, syncs it. On the server that connection is the one writer's, so every
    push queued behind it waited for the checkpoint too (under a steady push load one commit in
    four or five). Commits stay as durable (each still syncs the WAL before it is answered); only
    the copy into the database file moves off the writer's lane."""

    def __init__(self, engine: Engine, every_s: float = 0.2) -> None:
        self.engine = engine
        self.every_s = every_s
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name="sqlite-checkpoint", daemon=True)

    def start(self) -> None:
        self._thread.start()

    def stop(self) -> None:
        self._stop.set()
        self._thread.join(timeout=30)

    def _run(self) -> None:
        conn = self.engine.raw_connection()  # the driver's own connection: no transaction around the pragma
        try:
            while not self._stop.wait(self.every_s):
                try:
                    conn.cursor().execute("PRAGMA wal_checkpoint(PASSIVE)").fetchall()
                except sqlite3.Error as exc:  # busy or gone for a moment: the next round tries again
                    log.warning("WAL checkpoint: %s", exc.__class__.__name__)
        finally:
            conn.close()


def migrate(url: str) -> None:
    """``alembic upgrade head`` on the database at ``url`` (with the migrations in this package)."""
    from alembic import command
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(Path(__file__).resolve().parent / "migrations"))
    engine = make_engine(url, pool_size=1)
    try:
        with engine.begin() as conn:
            cfg.attributes["connection"] = conn
            command.upgrade(cfg, "head")
    finally:
        engine.dispose()

# -- read receipts and recalls (migration 0004; see paperless.server.receipts) --------------------------
receipts = Table(
    "receipts", metadata,
    Column("member", String(40), primary_key=True),
    Column("op_id", String(36), primary_key=True),
    Column("device", String(36), nullable=False),
    Column("session_id", String(64), nullable=False, index=True),
    Column("version", Integer, nullable=False),
    Column("target", Text, nullable=False),
    Column("event", String(16), nullable=False),
    Column("at", String(40), nullable=False),
    Column("received", BigInteger, nullable=False),
    Column("signature", LargeBinary, nullable=False),
)

recalls = Table(
    "recalls", metadata,
    Column("id", String(36), primary_key=True),
    Column("member", String(40), nullable=False, index=True),
    Column("session_id", String(64), nullable=False, index=True),
    Column("item", Integer),
    Column("notes", String(8), nullable=False),
    Column("recalled_at", BigInteger, nullable=False),
)

recall_acks = Table(
    "recall_acks", metadata,
    Column("recall", String(36), primary_key=True),
    Column("device", String(36), primary_key=True),
    Column("member", String(40), nullable=False),
    Column("acked_at", BigInteger, nullable=False),
    Column("signature", LargeBinary, nullable=False),
)

# -- comments and poll answers to the office, sealed (migration 0005; see paperless.server.consultation) -------
consultation = Table(
    "consultation", metadata,
    Column("member", String(40), primary_key=True),
    Column("kind", String(8), primary_key=True),
    Column("session_id", String(64), primary_key=True),
    Column("key", String(40), primary_key=True),
    Column("revision", Integer, primary_key=True),
    Column("op_id", String(36), nullable=False),
    Column("device", String(36), nullable=False),
    Column("received", BigInteger, nullable=False),
    Column("sealed", LargeBinary, nullable=False),
)

# -- the office's own tokens (migration 0006; see paperless.server.office_api) --------------------------------
office_tokens = Table(
    "office_tokens", metadata,
    Column("hash", String(64), primary_key=True),  # SHA-256 of the token: the token itself is never stored
    Column("office", String(40), nullable=False),  # the 40 digits of the office card's fingerprint
    Column("expires", BigInteger, nullable=False, index=True),
)

# -- the meeting room (migration 0007; see paperless.server.meeting, docs/meeting.md) -----------------------
dist_control = Table(  # the signed manifest's meeting_control hashes of a bundle (the chair and the secretariat)
    "dist_control", metadata,
    Column("sha256", String(64), primary_key=True),
    Column("hash", String(64), primary_key=True),
)

meeting_sessions = Table(
    "meeting_sessions", metadata,
    Column("session_id", String(64), primary_key=True),
    Column("seq", BigInteger, nullable=False),
    Column("ballots", BigInteger, nullable=False),
)

meeting_events = Table(
    "meeting_events", metadata,
    Column("session_id", String(64), primary_key=True),
    Column("seq", BigInteger, primary_key=True),
    Column("event_id", String(36), nullable=False),
    Column("member", String(40), nullable=False),
    Column("device", String(36), nullable=False),
    Column("type", String(16), nullable=False),
    Column("body", Text, nullable=False),
    Column("signature", LargeBinary, nullable=False),
    Column("received", BigInteger, nullable=False),
)

meeting_ballots = Table(
    "meeting_ballots", metadata,
    Column("session_id", String(64), primary_key=True),
    Column("n", BigInteger, primary_key=True),
    Column("vote", String(36), nullable=False),
    Column("member", String(40), nullable=False),
    Column("revision", Integer, nullable=False),
    Column("choice", String(8), nullable=False),
    Column("body", Text, nullable=False),
    Column("signature", Text, nullable=False),
    Column("seq", BigInteger, nullable=False),
    Column("received", BigInteger, nullable=False),
)
