"""The SQLite side of the notes store: the engine, its PRAGMAs, the tables, error translation.

One connection per store (SQLAlchemy ``StaticPool``) opened with ``check_same_thread=False``,
so the store may be created on one thread and used on another (the GUI's database worker),
one call at a time; :class:`~paperless.core.notes.store.NotesStore` holds a lock around every
call. pysqlite's own transaction handling is switched off and every transaction starts with
an explicit ``BEGIN IMMEDIATE`` (``BEGIN`` for reads), so DDL in migrations is transactional
too and a change never waits for a lock half way through.

PRAGMAs: ``journal_mode=WAL``, ``synchronous=FULL`` (a commit is on disk when the call
returns; it costs well under a millisecond here, see bench/bench_notes.py),
``foreign_keys=ON``, ``busy_timeout`` of a few seconds, ``trusted_schema=OFF``,
``secure_delete=ON`` (freed space is zeroed: what an upgrade drops, such as the cleartext
columns of schema 2, does not linger in free pages).

The :class:`~sqlalchemy.Table` objects below describe the *current* schema for queries; the
migrations (:mod:`.migrations`) build it with frozen SQL of their own.
"""

from __future__ import annotations

import errno
import os
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from sqlalchemy import (
    Boolean,
    Column,
    Connection,
    Engine,
    Integer,
    LargeBinary,
    MetaData,
    Table,
    Text,
    create_engine,
    event,
)
from sqlalchemy.exc import DBAPIError
from sqlalchemy.pool import StaticPool

from paperless.core.notes.errors import (
    NotesBusyError,
    NotesCorruptError,
    NotesDiskFullError,
    NotesError,
)

DB_FILE = "notes.sqlite3"
BUSY_TIMEOUT_MS = 5000
PRAGMAS = (
    f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}",
    "PRAGMA foreign_keys = ON",
    "PRAGMA trusted_schema = OFF",
    "PRAGMA synchronous = FULL",
    "PRAGMA secure_delete = ON",
)
READ_ONLY = "paperless_read_only"  # execution option: a read transaction (plain BEGIN)

metadata = MetaData()


def _record_columns(*, document: bool) -> list[Column[Any]]:
    return [
        Column("uuid", Text, primary_key=True),
        Column("session_key", LargeBinary, nullable=False),  # IndexTags.session
        *([Column("doc_key", LargeBinary, nullable=False)] if document else []),  # IndexTags.document
        Column("deleted", Boolean, nullable=False),
        Column("payload", LargeBinary, nullable=False),  # the sealed envelope: everything else
    ]


annotation_table = Table("annotations", metadata, *_record_columns(document=True))
item_note_table = Table("item_notes", metadata, *_record_columns(document=False))
bookmark_table = Table("bookmarks", metadata, *_record_columns(document=True))
outbox_table = Table(
    "outbox", metadata,
    Column("seq", Integer, primary_key=True),
    Column("op_id", Text, nullable=False, unique=True),
    Column("record_uuid", Text, nullable=False),
    Column("table_name", Text, nullable=False),
    Column("payload", LargeBinary, nullable=False),  # the same sealed envelope as the record's version
    Column("sent_ms", Integer),
)
meta_table = Table(
    "meta", metadata,
    Column("key", Text, primary_key=True),
    Column("value", LargeBinary, nullable=False),
)
# the sync's bookkeeping (schema 4; see .syncing): outside the row digest
sync_records_table = Table(
    "sync_records", metadata,
    Column("uuid", Text, primary_key=True),
    Column("table_name", Text, nullable=False),
    Column("version", Integer, nullable=False),
    Column("repush", Boolean, nullable=False),
    Column("confirmed", Boolean, nullable=False),
)
sync_seen_table = Table(
    "sync_seen", metadata,
    Column("uuid", Text, primary_key=True),
    Column("digest", LargeBinary, primary_key=True),
)
sync_state_table = Table(
    "sync_state", metadata,
    Column("key", Text, primary_key=True),
    Column("value", Text, nullable=False),
)
RECORD_TABLES = {t.name: t for t in (annotation_table, item_note_table, bookmark_table)}
DOCUMENT_TABLES = frozenset({annotation_table.name, bookmark_table.name})  # the tables with a doc_key


def make_engine(path: Path) -> Engine:
    """An engine on one connection to ``path`` (created if missing), usable from another thread."""

    def connect() -> sqlite3.Connection:
        if not path.exists():  # owner-only, like the library's files; SQLite gives -wal and -shm the same mode
            os.close(os.open(path, os.O_CREAT | os.O_WRONLY, 0o600))
        return sqlite3.connect(str(path), check_same_thread=False, isolation_level=None)

    engine = create_engine("sqlite+pysqlite://", creator=connect, poolclass=StaticPool)

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_conn: sqlite3.Connection, _record: object) -> None:
        for pragma in PRAGMAS:
            dbapi_conn.execute(pragma)
        mode = dbapi_conn.execute("PRAGMA journal_mode = WAL").fetchone()
        if mode is None or str(mode[0]).lower() != "wal":
            raise sqlite3.OperationalError(f"cannot switch to WAL mode ({mode})")

    @event.listens_for(engine, "begin")
    def _on_begin(conn: Connection) -> None:
        read_only = conn.get_execution_options().get(READ_ONLY, False)
        conn.exec_driver_sql("BEGIN" if read_only else "BEGIN IMMEDIATE")

    return engine


def truncate_wal(engine: Engine) -> None:
    """Checkpoint the WAL into the database and cut it to nothing (outside any transaction), so
    frames holding what was just overwritten or dropped do not stay in the -wal file."""
    raw = engine.raw_connection()
    try:
        driver = raw.driver_connection
        assert isinstance(driver, sqlite3.Connection)
        driver.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchall()
    finally:
        raw.close()


SQLITE_BUSY, SQLITE_LOCKED, SQLITE_CORRUPT, SQLITE_FULL, SQLITE_NOTADB = 5, 6, 11, 13, 26


def error_for(exc: BaseException, path: Path) -> NotesError:
    """The user-facing error for a database failure."""
    code = getattr(exc, "sqlite_errorcode", None)
    primary = code & 0xFF if isinstance(code, int) else None
    detail = str(exc) or type(exc).__name__
    if primary == SQLITE_FULL:
        return NotesDiskFullError(path=str(path))
    if primary in (SQLITE_CORRUPT, SQLITE_NOTADB):
        return NotesCorruptError(path=str(path), detail=detail)
    if primary in (SQLITE_BUSY, SQLITE_LOCKED):
        return NotesBusyError(path=str(path))
    return NotesError(path=str(path), detail=detail)


@contextmanager
def translated(path: Path) -> Iterator[None]:
    """Turn SQLite failures inside the block into :class:`NotesError` subclasses."""
    try:
        yield
    except DBAPIError as exc:
        raise error_for(exc.orig if exc.orig is not None else exc, path) from None
    except sqlite3.Error as exc:
        raise error_for(exc, path) from None
    except OSError as exc:
        if exc.errno == errno.ENOSPC:
            raise NotesDiskFullError(path=str(path)) from None
        raise NotesError(path=str(path), detail=exc.strerror or str(exc)) from None
