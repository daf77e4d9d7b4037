"""Checks made once when the notes store opens: the file, the key, this device's clock."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import Engine, func, insert, select, union_all

from paperless.core.errors import T
from paperless.core.notes import db
from paperless.core.notes.crypto import PayloadCipher
from paperless.core.notes.db import RECORD_TABLES
from paperless.core.notes.errors import NotesCorruptError, NotesKeyError
from paperless.core.notes.hlc import Hlc, new_node_id


def check_and_prepare(engine: Engine, cipher: PayloadCipher, path: Path,
                      key_path: Path) -> tuple[str, Hlc | None]:
    """Check the file and the key; on a new database record the key check and this device's clock id."""
    with engine.begin() as conn:
        problems = [r[0] for r in conn.exec_driver_sql("PRAGMA quick_check")]
        if problems != ["ok"]:
            raise NotesCorruptError(path=str(path), detail="; ".join(map(str, problems[:3])))
        m = db.meta_table
        values: dict[str, bytes] = {r[0]: r[1] for r in conn.execute(select(m.c.key, m.c.value))}
        if "key_check" not in values:
            if any(conn.execute(select(t.c.uuid).limit(1)).first() for t in RECORD_TABLES.values()):
                raise NotesCorruptError(path=str(path), detail=T("the key check is missing",
                                                                 "thiếu mục kiểm tra khóa"))
            values = {"key_check": cipher.key_check(), "node": new_node_id().encode()}
            conn.execute(insert(db.meta_table), [{"key": k, "value": v} for k, v in values.items()])
        elif not cipher.matches(values["key_check"]):
            raise NotesKeyError(path=str(key_path), detail=T("it is not the key of these notes",
                                                             "đây không phải khóa của các ghi chú này"))
        hlcs = union_all(*(select(t.c.hlc) for t in (*RECORD_TABLES.values(), db.outbox_table))).subquery()
        latest = conn.execute(select(func.max(hlcs.c.hlc))).scalar()
        try:
            node = values["node"].decode()
            return node, Hlc.parse(latest) if latest else None
        except ValueError as exc:
            raise NotesCorruptError(path=str(path), detail=str(exc)) from None
