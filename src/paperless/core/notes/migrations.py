"""Schema versions of the notes database and the numbered steps between them.

``MIGRATIONS[n - 1]`` turns a version ``n - 1`` database into version ``n`` (version 0 is an
empty file). Each step runs in its own transaction together with the row that records it in
``schema_version``, so a crash leaves the database at the previous version, never half way.
Steps use frozen SQL, not the current table definitions, so an old database is always
upgraded along the same path. A database newer than :data:`SCHEMA_VERSION` is refused.

Never edit a released step; add a new one. A step that must seal or open payloads (it needs
the key, which the SQL steps never see) leaves its work in tables the store finishes when it
next opens with the key (see :data:`LEGACY_TABLES` and :mod:`.reseal`).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path

from sqlalchemy import Connection, Engine

from paperless.core.errors import T
from paperless.core.notes.db import READ_ONLY
from paperless.core.notes.errors import NotesCorruptError, NotesFromNewerAppError

Migration = Callable[[Connection], None]


def _run(conn: Connection, statements: Sequence[str]) -> None:
    for sql in statements:
        conn.exec_driver_sql(sql)


def migration_0001_initial(conn: Connection) -> None:
    """Annotations, per-item notes, the sync outbox, and a small key/value table."""
    _run(conn, (
        "CREATE TABLE schema_version (version INTEGER PRIMARY KEY, applied_ms INTEGER NOT NULL)",
        "CREATE TABLE meta (key TEXT PRIMARY KEY, value BLOB NOT NULL)",
        """CREATE TABLE annotations (
            uuid TEXT PRIMARY KEY,
            author TEXT NOT NULL,
            session_id TEXT NOT NULL,
            doc_hash TEXT NOT NULL,
            page INTEGER NOT NULL CHECK (page >= 0),
            kind TEXT NOT NULL,
            color TEXT,
            hlc TEXT NOT NULL,
            deleted INTEGER NOT NULL DEFAULT 0 CHECK (deleted IN (0, 1)),
            payload BLOB NOT NULL
        )""",
        """CREATE TABLE item_notes (
            uuid TEXT PRIMARY KEY,
            author TEXT NOT NULL,
            session_id TEXT NOT NULL,
            item_index INTEGER NOT NULL CHECK (item_index >= 0),
            hlc TEXT NOT NULL,
            deleted INTEGER NOT NULL DEFAULT 0 CHECK (deleted IN (0, 1)),
            payload BLOB NOT NULL
        )""",
        """CREATE TABLE outbox (
            seq INTEGER PRIMARY KEY AUTOINCREMENT,
            op_id TEXT NOT NULL UNIQUE,
            record_uuid TEXT NOT NULL,
            table_name TEXT NOT NULL,
            hlc TEXT NOT NULL,
            op TEXT NOT NULL CHECK (op IN ('create', 'update', 'delete', 'restore')),
            payload BLOB NOT NULL,
            sent_ms INTEGER
        )""",
        "CREATE INDEX annotations_by_document ON annotations (session_id, doc_hash, page)",
    ))


def migration_0002_bookmarks_created_indexes(conn: Connection) -> None:
    """Bookmarks; a creation time on every record (old rows: their last change); faster look-ups."""
    _run(conn, (
        """CREATE TABLE bookmarks (
            uuid TEXT PRIMARY KEY,
            author TEXT NOT NULL,
            session_id TEXT NOT NULL,
            doc_hash TEXT NOT NULL,
            page INTEGER NOT NULL CHECK (page >= 0),
            created TEXT NOT NULL,
            hlc TEXT NOT NULL,
            deleted INTEGER NOT NULL DEFAULT 0 CHECK (deleted IN (0, 1)),
            payload BLOB NOT NULL
        )""",
        "ALTER TABLE annotations ADD COLUMN created TEXT NOT NULL DEFAULT ''",
        "UPDATE annotations SET created = hlc",
        "ALTER TABLE item_notes ADD COLUMN created TEXT NOT NULL DEFAULT ''",
        "UPDATE item_notes SET created = hlc",
        "CREATE INDEX item_notes_by_item ON item_notes (session_id, item_index)",
        "CREATE INDEX bookmarks_by_document ON bookmarks (session_id, doc_hash, page)",
        "CREATE INDEX outbox_pending ON outbox (seq) WHERE sent_ms IS NULL",
    ))


LEGACY_TABLES = ("legacy_annotations", "legacy_item_notes", "legacy_bookmarks", "legacy_outbox")


def migration_0003_sealed_columns(conn: Connection) -> None:
    """Only ids, keyed tags and tombstones in clear; everything else moves into the sealed envelope.

    The tables of version 2 are renamed ``legacy_*`` and new ones made empty beside them. This
    step has no key, so it cannot seal anything: the rows are moved, checked and sealed again
    when the store next opens with its key (:mod:`.reseal`), which then drops the old tables."""
    _run(conn, (
        "DROP INDEX annotations_by_document",
        "DROP INDEX item_notes_by_item",
        "DROP INDEX bookmarks_by_document",
        "DROP INDEX outbox_pending",
        "ALTER TABLE annotations RENAME TO legacy_annotations",
        "ALTER TABLE item_notes RENAME TO legacy_item_notes",
        "ALTER TABLE bookmarks RENAME TO legacy_bookmarks",
        "ALTER TABLE outbox RENAME TO legacy_outbox",
        """CREATE TABLE annotations (
            uuid TEXT PRIMARY KEY,
            session_key BLOB NOT NULL,
            doc_key BLOB NOT NULL,
            deleted INTEGER NOT NULL DEFAULT 0 CHECK (deleted IN (0, 1)),
            payload BLOB NOT NULL
        )""",
        """CREATE TABLE item_notes (
            uuid TEXT PRIMARY KEY,
            session_key BLOB NOT NULL,
            deleted INTEGER NOT NULL DEFAULT 0 CHECK (deleted IN (0, 1)),
            payload BLOB NOT NULL
        )""",
        """CREATE TABLE bookmarks (
            uuid TEXT PRIMARY KEY,
            session_key BLOB NOT NULL,
            doc_key BLOB NOT NULL,
            deleted INTEGER NOT NULL DEFAULT 0 CHECK (deleted IN (0, 1)),
            payload BLOB NOT NULL
        )""",
        """CREATE TABLE outbox (
            seq INTEGER PRIMARY KEY AUTOINCREMENT,
            op_id TEXT NOT NULL UNIQUE,
            record_uuid TEXT NOT NULL,
            table_name TEXT NOT NULL,
            payload BLOB NOT NULL,
            sent_ms INTEGER
        )""",
        "CREATE INDEX annotations_by_document ON annotations (session_key, doc_key)",
        "CREATE INDEX item_notes_by_session ON item_notes (session_key)",
        "CREATE INDEX bookmarks_by_document ON bookmarks (session_key, doc_key)",
        "CREATE INDEX outbox_pending ON outbox (seq) WHERE sent_ms IS NULL",
    ))


def migration_0004_sync_bookkeeping(conn: Connection) -> None:
    """What the sync with the office server remembers (see :mod:`.syncing`): per record the
    server's version last known (and whether it must be pushed again after a restored server),
    a history of keyed digests of the versions this device made or saw, and the pull cursor and
    server epoch. None of it is in the row digest: see :mod:`.syncing` for why."""
    _run(conn, (
        """CREATE TABLE sync_records (
            uuid TEXT PRIMARY KEY,
            table_name TEXT NOT NULL,
            version INTEGER NOT NULL DEFAULT 0 CHECK (version >= 0),
            repush INTEGER NOT NULL DEFAULT 0 CHECK (repush IN (0, 1)),
            confirmed INTEGER NOT NULL DEFAULT 1 CHECK (confirmed IN (0, 1))
        )""",
        """CREATE TABLE sync_seen (
            uuid TEXT NOT NULL,
            digest BLOB NOT NULL,
            PRIMARY KEY (uuid, digest)
        ) WITHOUT ROWID""",
        "CREATE TABLE sync_state (key TEXT PRIMARY KEY, value TEXT NOT NULL)",
        "CREATE INDEX sync_records_repush ON sync_records (uuid) WHERE repush = 1",
        "CREATE INDEX outbox_pending_by_record ON outbox (record_uuid) WHERE sent_ms IS NULL",
    ))


MIGRATIONS: tuple[Migration, ...] = (
    migration_0001_initial,
    migration_0002_bookmarks_created_indexes,
    migration_0003_sealed_columns,
    migration_0004_sync_bookkeeping,
)
SCHEMA_VERSION = len(MIGRATIONS)


def schema_version(conn: Connection, path: Path) -> int:
    """The version of the database on ``conn``: 0 if it is empty."""
    tables = {row[0] for row in conn.exec_driver_sql("SELECT name FROM sqlite_master WHERE type = 'table'")}
    if "schema_version" not in tables:
        if tables - {"sqlite_sequence"}:
            raise NotesCorruptError(path=str(path), detail=T("unknown tables", "có các bảng lạ"))
        return 0
    found = conn.exec_driver_sql("SELECT MAX(version) FROM schema_version").scalar()
    return int(found) if found is not None else 0


def current_version(engine: Engine, path: Path) -> int:
    with engine.connect().execution_options(**{READ_ONLY: True}) as conn:
        return schema_version(conn, path)


def migrate(engine: Engine, path: Path, now_ms: int, *, target: int = SCHEMA_VERSION) -> int:
    """Bring the database up to ``target`` one step per transaction; return the version found."""
    found = current_version(engine, path)
    if found > SCHEMA_VERSION:
        raise NotesFromNewerAppError(path=str(path), found=found, known=SCHEMA_VERSION)
    while True:
        with engine.begin() as conn:  # BEGIN IMMEDIATE: another process cannot migrate at the same time
            version = schema_version(conn, path)
            if version > SCHEMA_VERSION:
                raise NotesFromNewerAppError(path=str(path), found=version, known=SCHEMA_VERSION)
            if version >= target:
                return found
            MIGRATIONS[version](conn)
            conn.exec_driver_sql("INSERT INTO schema_version (version, applied_ms) VALUES (?, ?)",
                                 (version + 1, now_ms))
