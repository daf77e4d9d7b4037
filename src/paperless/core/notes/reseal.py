"""Finishing the upgrade to schema 3 with the key: old rows checked, sealed again, old tables dropped.

Migration 3 (:mod:`.migrations`) has no key: it renames the version-2 tables ``legacy_*`` and
makes the new, empty ones. The first time the store then opens with the key, one transaction:

1. checks the key against the database's format-1 key check (a wrong key changes nothing);
2. opens every old record with the format-1 rules (its HLC in the associated data, its clear
   columns equal to the copy in its envelope) and stores it as format 2 — uuid, keyed tags,
   tombstone, and everything else sealed, ``created`` and the change that made the version
   included; every old outbox operation likewise (the one that made a record's current
   version keeps sharing that record's sealed blob);
3. carries a row that does not open over *as it was* (its old blob, which format 2 never
   opens): like before the upgrade it hides only itself and is reported when listed;
4. drops the old tables (``secure_delete`` zeroes their pages), writes a format-2 key check
   and the row digest (:mod:`.integrity`) of the new rows, and afterwards truncates the WAL,
   so neither the file nor its WAL keeps the old cleartext columns (document hashes, pages,
   colours, times).

A crash before the commit leaves the database as migration 3 left it; the next opening does
it again.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, Engine, insert

from paperless.core.errors import T
from paperless.core.notes import db
from paperless.core.notes.crypto import SealError
from paperless.core.notes.errors import NotesCorruptError, NotesKeyError
from paperless.core.notes.hlc import new_node_id
from paperless.core.notes.integrity import RowDigest
from paperless.core.notes.legacy import META_FIELDS, LegacyCipher
from paperless.core.notes.legacy import unwrap as legacy_unwrap
from paperless.core.notes.migrations import LEGACY_TABLES
from paperless.core.notes.records import OpKind, envelope, unwrap
from paperless.core.notes.rows import Row, RowCodec

_HLC = re.compile(r"\d{18}-\d{5}-[0-9a-f]{16}")
_NODE = re.compile(r"[0-9a-f]{16}")
NOT_THE_KEY = T("it is not the key of these notes", "đây không phải khóa của các ghi chú này")


@dataclass(frozen=True)
class _Version:
    old_blob: bytes  # the format-1 blob the record and its outbox operation shared
    blob: bytes  # the same version sealed again
    op: OpKind


def legacy_tables(conn: Connection) -> list[str]:
    names = {r[0] for r in conn.exec_driver_sql("SELECT name FROM sqlite_master WHERE type = 'table'")}
    return [t for t in LEGACY_TABLES if t in names]


class Resealer:
    """Moves the rows of the ``legacy_*`` tables into the current ones (see the module's notes)."""

    def __init__(self, key: bytes, codec: RowCodec, digest: RowDigest, path: Path, key_path: Path) -> None:
        self._legacy = LegacyCipher(key)
        self._codec = codec
        self._digest = digest
        self._path = path
        self._key_path = key_path
        self._versions: dict[tuple[str, str, str], _Version] = {}
        self._created: dict[tuple[str, str], str] = {}
        self._latest = ""

    def run(self, engine: Engine) -> bool:
        """Finish the upgrade if there is one to finish; True if there was."""
        with engine.begin() as conn:
            present = legacy_tables(conn)
            if not present:
                return False
            meta = {r[0]: r[1] for r in conn.exec_driver_sql("SELECT key, value FROM meta")}
            has_rows = any(conn.exec_driver_sql(f"SELECT 1 FROM {t} LIMIT 1").first() for t in present)
            check = meta.get("key_check")
            if check is None and has_rows:
                raise NotesCorruptError(path=str(self._path), detail=T("the key check is missing",
                                                                       "thiếu mục kiểm tra khóa"))
            if check is not None and not self._legacy.matches(check):
                raise NotesKeyError(path=str(self._key_path), detail=NOT_THE_KEY)
            ops = self._current_ops(conn, present)
            for table in db.RECORD_TABLES:
                if f"legacy_{table}" in present:
                    self._move_records(conn, table, ops)
            if "legacy_outbox" in present:
                self._move_outbox(conn)
            for name in present:
                conn.exec_driver_sql(f"DROP TABLE {name}")
            node = meta.get("node", b"")
            node_text = node.decode("ascii", "replace") if isinstance(node, bytes) else str(node)
            conn.exec_driver_sql("DELETE FROM meta WHERE key IN ('node', 'key_check')")
            conn.execute(insert(db.meta_table), {"key": "key_check", "value": self._codec.cipher.key_check()})
            self._digest.fresh(conn, node_text if _NODE.fullmatch(node_text) else new_node_id(), self._latest)
        db.truncate_wal(engine)
        return True

    @staticmethod
    def _current_ops(conn: Connection, present: list[str]) -> dict[tuple[str, str, str], OpKind]:
        """The change that made each version, from the first outbox operation of that version."""
        if "legacy_outbox" not in present:
            return {}
        found: dict[tuple[str, str, str], OpKind] = {}
        for table, uuid, hlc, op in conn.exec_driver_sql(
                "SELECT table_name, record_uuid, hlc, op FROM legacy_outbox ORDER BY seq"):
            if op in {k.value for k in OpKind}:
                found.setdefault((str(table), str(uuid), str(hlc)), OpKind(op))
        return found

    def _move_records(self, conn: Connection, table: str, ops: Mapping[tuple[str, str, str], OpKind]) -> None:
        result = conn.exec_driver_sql(f"SELECT * FROM legacy_{table}")
        names = list(result.keys())
        rows = [dict(zip(names, r, strict=True)) for r in result]
        stored = [self._record(table, row, ops) for row in rows]
        if stored:
            conn.execute(insert(db.RECORD_TABLES[table]), stored)

    def _record(self, table: str, row: Row, ops: Mapping[tuple[str, str, str], OpKind]) -> Row:
        uuid, hlc = str(row["uuid"]), row["hlc"]
        fields = None
        if isinstance(hlc, str) and _HLC.fullmatch(hlc):
            try:
                opened = legacy_unwrap(table, row, self._legacy.open(table, uuid, hlc, row["payload"]))
            except SealError:
                opened = None
            if opened is not None:
                created = row.get("created")
                if not (isinstance(created, str) and _HLC.fullmatch(created) and created <= hlc):
                    created = hlc  # not bound by format 1: trusted only in shape
                fields = {"uuid": uuid, **opened[0], "created": created, "hlc": hlc}
                op = ops.get((table, uuid, hlc)) or (OpKind.CREATE if created == hlc else OpKind.UPDATE)
                new = self._sealed(table, fields, opened[1], op)
                if new is not None:
                    self._versions[(table, uuid, hlc)] = _Version(row["payload"], new["payload"], op)
                    self._created[(table, uuid)] = created
                    self._latest = max(self._latest, hlc)
                    return new
        return self._carried(table, row)

    def _sealed(self, table: str, fields: Row, data: dict[str, Any], op: OpKind) -> Row | None:
        if unwrap(table, fields["uuid"], envelope(table, fields, data, op)) is None:
            return None  # opened, but not in the shape this version keeps
        return self._codec.seal(table, fields, data, op)

    def _carried(self, table: str, row: Row) -> Row:
        """A row that does not open, kept as it was under its old clear ids: it will not open now either."""
        sid = str(row.get("session_id"))
        out: Row = {"uuid": str(row["uuid"]), "session_key": self._codec.tags.session(sid),
                    "deleted": bool(row["deleted"]), "payload": row["payload"]}
        if table in db.DOCUMENT_TABLES:
            out["doc_key"] = self._codec.tags.document(sid, str(row.get("doc_hash")))
        return out

    def _move_outbox(self, conn: Connection) -> None:
        result = conn.exec_driver_sql(
            "SELECT seq, op_id, record_uuid, table_name, hlc, op, payload, sent_ms FROM legacy_outbox ORDER BY seq")
        moved = []
        for seq, op_id, uuid, table, hlc, op, payload, sent_ms in result:
            moved.append({"seq": seq, "op_id": op_id, "record_uuid": uuid, "table_name": table,
                          "payload": self._operation(str(table), str(uuid), hlc, op, payload), "sent_ms": sent_ms})
        if moved:
            conn.execute(insert(db.outbox_table), moved)

    def _operation(self, table: str, uuid: str, hlc: object, op: object, payload: object) -> object:
        """The format-2 blob of one old outbox operation, or the old blob if it does not open."""
        if table not in db.RECORD_TABLES or not isinstance(hlc, str) or not _HLC.fullmatch(hlc):
            return payload
        if op not in {k.value for k in OpKind}:
            return payload
        kind = OpKind(str(op))
        same = self._versions.get((table, uuid, hlc))
        if same is not None and same.op is kind and same.old_blob == payload:
            return same.blob  # the record's current version: one sealed blob for both, as before
        try:
            env = self._legacy.open(table, uuid, hlc, payload)
        except SealError:
            return payload
        meta, data = env.get("meta"), env.get("data")
        if not isinstance(meta, dict) or not isinstance(data, dict) or set(meta) != set(META_FIELDS[table]):
            return payload
        created = min(self._created.get((table, uuid), hlc), hlc)
        new = self._sealed(table, {"uuid": uuid, **meta, "created": created, "hlc": hlc}, data, kind)
        if new is None:
            return payload
        self._latest = max(self._latest, hlc)
        return new["payload"]
