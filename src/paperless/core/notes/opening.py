"""Checks made once when the notes store opens: the file, the key, the row digest, this device's clock."""

from __future__ import annotations

import re
from pathlib import Path

from sqlalchemy import Engine, insert, select

from paperless.core.errors import T
from paperless.core.notes import db
from paperless.core.notes.crypto import PayloadCipher
from paperless.core.notes.db import READ_ONLY, RECORD_TABLES
from paperless.core.notes.errors import NotesCorruptError, NotesFromNewerAppError, NotesKeyError
from paperless.core.notes.hlc import NODE_HEX, Hlc, new_node_id
from paperless.core.notes.integrity import RowDigest
from paperless.core.notes.keyfile import DatabaseFacts
from paperless.core.notes.migrations import LEGACY_TABLES, SCHEMA_VERSION, schema_version

_ROW_TABLES = (*RECORD_TABLES, "outbox", *LEGACY_TABLES)


def inspect(engine: Engine, path: Path) -> DatabaseFacts:
    """What the key rules need (see :mod:`.keyfile`), read before any change; refuses a newer format."""
    with engine.connect().execution_options(**{READ_ONLY: True}) as conn:
        version = schema_version(conn, path)
        if version > SCHEMA_VERSION:
            raise NotesFromNewerAppError(path=str(path), found=version, known=SCHEMA_VERSION)
        tables = {r[0] for r in conn.exec_driver_sql("SELECT name FROM sqlite_master WHERE type = 'table'")}
        has_rows = any(conn.exec_driver_sql(f"SELECT 1 FROM {t} LIMIT 1").first() is not None
                       for t in _ROW_TABLES if t in tables)
        check = None
        if "meta" in tables:
            check = conn.exec_driver_sql("SELECT value FROM meta WHERE key = 'key_check'").scalar()
        return DatabaseFacts(version, has_rows, check if isinstance(check, bytes) else None)


def clear_key_check(engine: Engine) -> None:
    """Forget the key a database without any rows was made with (its key check and row digest)."""
    with engine.begin() as conn:
        tables = {r[0] for r in conn.exec_driver_sql("SELECT name FROM sqlite_master WHERE type = 'table'")}
        if "meta" in tables:
            conn.exec_driver_sql("DELETE FROM meta WHERE key IN ('key_check', 'state', 'node')")


def check_and_prepare(engine: Engine, cipher: PayloadCipher, digest: RowDigest, path: Path,
                      key_path: Path) -> tuple[str, Hlc | None]:
    """Check the file, the key and the row digest; on a new database record the key check, this
    device's clock id and an empty digest. Returns the clock id and the latest time written."""
    with engine.begin() as conn:
        problems = [r[0] for r in conn.exec_driver_sql("PRAGMA quick_check")]
        if problems != ["ok"]:
            raise NotesCorruptError(path=str(path), detail="; ".join(map(str, problems[:3])))
        m = db.meta_table
        check = conn.execute(select(m.c.value).where(m.c.key == "key_check")).scalar()
        if check is None:
            tables = (*RECORD_TABLES.values(), db.outbox_table)
            if any(conn.execute(select(t.c[0]).limit(1)).first() for t in tables):
                raise NotesCorruptError(path=str(path), detail=T("the key check is missing",
                                                                 "thiếu mục kiểm tra khóa"))
            conn.exec_driver_sql("DELETE FROM meta WHERE key IN ('state', 'node')")
            conn.execute(insert(m), {"key": "key_check", "value": cipher.key_check()})
            digest.fresh(conn, new_node_id(), "")
        elif not cipher.matches(check):
            raise NotesKeyError(path=str(key_path), detail=T("it is not the key of these notes",
                                                             "đây không phải khóa của các ghi chú này"))
        state = digest.verify(conn)
        try:
            if not re.fullmatch(rf"[0-9a-f]{{{NODE_HEX}}}", state.node):
                raise ValueError(f"bad HLC node id: {state.node!r}")
            return state.node, Hlc.parse(state.latest) if state.latest else None
        except ValueError as exc:
            raise NotesCorruptError(path=str(path), detail=str(exc)) from None
