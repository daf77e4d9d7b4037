"""The SQLite side of the notes store: the engine, its PRAGMAs, the tables, error translation.

One connection per store (SQLAlchemy ``StaticPool``) opened with ``check_same_thread=False``,
so the store may be created on one thread and used on another (the GUI's database worker),
one call at a time; :class:`~paperless.core.notes.store.NotesStore` holds a lock around every
call. pysqlite's own transaction handling is switched off and every transaction starts with
an explicit ``BEGIN IMMEDIATE`` (``BEGIN`` for reads), so DDL in migrations is transactional
too and a change never waits for a lock half way through.

PRAGMAs: ``journal_mode=WAL``, ``synchronous=FULL`` (a commit is on disk when the call
returns; it costs well under a millisecond here, see bench/bench_notes.py),
``foreign_keys=ON``, ``busy_timeout`` of a few seconds, ``trusted_schema=OFF``.

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
)
READ_ONLY = "paperless_read_only"  # execution option: a read transaction (plain BEGIN)

metadata = MetaData()


def _record_columns() -> list[Column[Any]]:
    return [
        Column("uuid", Text, primary_key=True),
        Column("author", Text, nullable=False),
        Column("session_id", Text, nullable=False),
        Column("created", Text, nullable=False),
        Column("hlc", Text, nullable=False),
        Column("deleted", Boolean, nullable=False),
        Column("payload", LargeBinary, nullable=False),
    ]


annotation_table = Table(
    "annotations", metadata, *_record_columns(),
    Column("doc_hash", Text, nullable=False),
    Column("page", Integer, nullable=False),
    Column("kind", Text, nullable=False),
    Column("color", Text),
)
item_note_table = Table(
    "item_notes", metadata, *_record_columns(),
    Column("item_index", Integer, nullable=False),
)
bookmark_table = Table(
    "bookmarks", metadata, *_record_columns(),
    Column("doc_hash", Text, nullable=False),
    Column("page", Integer, nullable=False),
)
outbox_table = Table(
    "outbox", metadata,
    Column("seq", Integer, primary_key=True),
    Column("op_id", Text, nullable=False, unique=True),
    Column("record_uuid", Text, nullable=False),
    Column("table_name", Text, nullable=False),
    Column("hlc", Text, nullable=False),
    Column("op", Text, nullable=False),
    Column("payload", LargeBinary, nullable=False),
    Column("sent_ms", Integer),
)
meta_table = Table(
    "meta", metadata,
    Column("key", Text, primary_key=True),
    Column("value", LargeBinary, nullable=False),
)
RECORD_TABLES = {t.name: t for t in (annotation_table, item_note_table, bookmark_table)}


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
