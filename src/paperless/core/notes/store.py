"""The member's encrypted notes: annotations, private notes per agenda item, bookmarks.

One SQLite database per identity, ``notes.sqlite3`` in the member's library folder
(``library/<recipient-hash>/``), beside its key ``notes.key.age`` (see :mod:`.crypto`).
Every user change is exactly one transaction that writes the record *and* appends an
operation to the ``outbox`` (for the later sync); deleting sets a tombstone, rows are never
removed. Every record carries a client-made uuid4, its author (the member's card
fingerprint), an HLC time of creation and of last change (:mod:`.hlc`), and a sealed
payload; in clear are only ids, clock times, kinds, page numbers and colours.

Threads: create the store anywhere, then use it from ONE thread — the GUI's database worker,
which need not be the thread that opened it. Calls are serialised by a lock, so a stray call
from another thread waits rather than corrupting anything, but it must not be the plan: the
GUI thread never touches the database. Methods raise :class:`~.errors.NotesError`
subclasses for every failure the user can meet (damaged file, wrong key, full disk, newer
format) and ``ValueError``/``TypeError`` for bad arguments (bugs).
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from enum import Enum
from pathlib import Path
from types import TracebackType
from typing import Any
from uuid import uuid4

from sqlalchemy import Connection, Engine, Table, bindparam, insert, select, update

from paperless.core.errors import T
from paperless.core.identity import UnlockedIdentity
from paperless.core.notes import db
from paperless.core.notes.crypto import KEY_FILE, PayloadCipher, SealError, create_key, load_key
from paperless.core.notes.db import DB_FILE, READ_ONLY, RECORD_TABLES, make_engine, translated
from paperless.core.notes.errors import (
    NoteNotFoundError,
    NotesError,
    NotesTamperedError,
)
from paperless.core.notes.hlc import HybridClock, WallClock, system_clock_ms
from paperless.core.notes.migrations import migrate, schema_version
from paperless.core.notes.opening import check_and_prepare
from paperless.core.notes.records import (
    Annotation,
    AnnotationKind,
    Bookmark,
    ItemNote,
    JsonDict,
    OpKind,
    OutboxOp,
    Record,
    as_annotation,
    as_bookmark,
    as_item_note,
    build,
    check_color,
    check_doc_hash,
    check_index,
    check_kind,
    check_payload,
    check_session,
    check_text,
    envelope,
    unwrap,
)

Row = dict[str, Any]


class _Unset(Enum):
    UNSET = 0


UNSET = _Unset.UNSET


class NotesStore:
    """Open with :meth:`open`; :meth:`close` when done (also a context manager)."""

    def __init__(self, folder: Path, engine: Engine, cipher: PayloadCipher, clock: HybridClock,
                 wall: WallClock, author: str) -> None:
        self.folder = folder
        self.path = folder / DB_FILE
        self.key_path = folder / KEY_FILE
        self.author = author
        self._engine: Engine | None = engine
        self._cipher = cipher
        self._clock = clock
        self._wall = wall
        self._lock = threading.RLock()
        # Listing: None raises on the first altered or damaged row; a function is told of each
        # one instead and the readable rows are listed (the app: one bad row hides only itself).
        self.on_damaged: Callable[[NotesTamperedError], None] | None = None

    @classmethod
    def open(cls, folder: Path, identity: UnlockedIdentity, *, clock: WallClock | None = None) -> NotesStore:
        """Unlock (or, the first time, create) the member's notes in ``folder`` and bring them up to date."""
        wall = clock or system_clock_ms
        db_path, key_path = folder / DB_FILE, folder / KEY_FILE
        try:
            folder.mkdir(parents=True, exist_ok=True)
            had_db = db_path.is_file() and db_path.stat().st_size > 0
            has_key = key_path.exists()
        except OSError as exc:
            raise NotesError(path=str(folder), detail=exc.strerror or str(exc)) from None
        # Never make a new key beside existing notes: they would become unreadable.
        key = load_key(key_path, identity) if has_key or had_db else create_key(key_path, identity)
        cipher = PayloadCipher(key)
        engine = make_engine(db_path)
        try:
            with translated(db_path):
                migrate(engine, db_path, wall())
                node, last = check_and_prepare(engine, cipher, db_path, key_path)
        except BaseException:
            engine.dispose()
            raise
        return cls(folder, engine, cipher, HybridClock(node, wall, last=last), wall, identity.card.fingerprint)

    def close(self) -> None:
        with self._lock:
            if self._engine is not None:
                self._engine.dispose()  # the last connection closing checkpoints the WAL
                self._engine = None

    def __enter__(self) -> NotesStore:
        return self

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        self.close()

    def schema_version(self) -> int:
        with self._tx(read=True) as conn:
            return schema_version(conn, self.path)

    # -- annotations ---------------------------------------------------------------------------

    def add_annotation(self, session_id: str, doc_hash: str, page: int, kind: AnnotationKind | str,
                       color: str | None, payload: JsonDict) -> Annotation:
        row = {"uuid": str(uuid4()), "author": self.author, "session_id": check_session(session_id),
               "doc_hash": check_doc_hash(doc_hash), "page": check_index(page, "page"),
               "kind": check_kind(kind).value, "color": check_color(color), "deleted": False}
        data = check_payload(payload)
        with self._tx() as conn:
            return as_annotation(self._write(conn, db.annotation_table, OpKind.CREATE, row, data))

    def update_annotation(self, uuid: str, *, doc_hash: str | _Unset = UNSET, page: int | _Unset = UNSET,
                          kind: AnnotationKind | str | _Unset = UNSET, color: str | None | _Unset = UNSET,
                          payload: JsonDict | _Unset = UNSET) -> Annotation:
        """Change a live annotation; a changed ``doc_hash`` moves it to a revised document."""
        with self._tx() as conn:
            row, data = self._require(conn, db.annotation_table, uuid)
            if not isinstance(doc_hash, _Unset):
                row["doc_hash"] = check_doc_hash(doc_hash)
            if not isinstance(page, _Unset):
                row["page"] = check_index(page, "page")
            if not isinstance(kind, _Unset):
                row["kind"] = check_kind(kind).value
            if not isinstance(color, _Unset):
                row["color"] = check_color(color)
            if not isinstance(payload, _Unset):
                data = check_payload(payload)
            return as_annotation(self._write(conn, db.annotation_table, OpKind.UPDATE, row, data))

    def delete_annotation(self, uuid: str) -> Annotation:
        return as_annotation(self._set_deleted(uuid, True, db.annotation_table))

    def annotation(self, uuid: str) -> Annotation | None:
        """The annotation, tombstoned or not; None if there never was one."""
        with self._tx(read=True) as conn:
            found = self._find(conn, db.annotation_table, uuid)
            return as_annotation(build(*found)) if found else None

    def annotations(self, session_id: str, doc_hash: str | None = None, *, page: int | None = None,
                    include_deleted: bool = False) -> list[Annotation]:
        """Annotations of a session (optionally one document, one page), oldest first."""
        t = db.annotation_table
        query = select(t).where(t.c.session_id == check_session(session_id))
        if doc_hash is not None:
            query = query.where(t.c.doc_hash == check_doc_hash(doc_hash))
        if page is not None:
            query = query.where(t.c.page == check_index(page, "page"))
        return [as_annotation(r) for r in self._list(t, query, include_deleted)]

    # -- private notes per agenda item ---------------------------------------------------------

    def set_item_note(self, session_id: str, item_index: int, text: str) -> ItemNote:
        """Write the member's note on an agenda item (the same record each time; empty text is kept)."""
        check_session(session_id)
        check_index(item_index, "item_index")
        check_text(text)
        t = db.item_note_table
        with self._tx() as conn:
            found = conn.execute(
                select(t).where(t.c.session_id == session_id, t.c.item_index == item_index)
                .order_by(t.c.deleted, t.c.hlc.desc()).limit(1)).mappings().first()
            if found is None:
                row = {"uuid": str(uuid4()), "author": self.author, "session_id": session_id,
                       "item_index": item_index, "deleted": False}
                return as_item_note(self._write(conn, t, OpKind.CREATE, row, {"text": text}))
            row = dict(found)
            data = self._open_row("item_notes", row)
            if not row["deleted"] and data.get("text") == text:
                return as_item_note(build("item_notes", row, data))
            op = OpKind.RESTORE if row["deleted"] else OpKind.UPDATE
            row["deleted"] = False
            return as_item_note(self._write(conn, t, op, row, {**data, "text": text}))

    def item_note(self, session_id: str, item_index: int) -> ItemNote | None:
        t = db.item_note_table
        query = select(t).where(t.c.session_id == check_session(session_id),
                                t.c.item_index == check_index(item_index, "item_index"))
        notes = [as_item_note(r) for r in self._list(t, query, False)]
        return max(notes, key=lambda n: n.hlc) if notes else None

    def item_notes(self, session_id: str) -> list[ItemNote]:
        """Live notes of a session in agenda order."""
        t = db.item_note_table
        notes = [as_item_note(r) for r in self._list(t, select(t).where(t.c.session_id == check_session(session_id)),
                                                   False)]
        return sorted(notes, key=lambda n: (n.item_index, n.created))

    def delete_item_note(self, session_id: str, item_index: int) -> ItemNote | None:
        note = self.item_note(session_id, item_index)
        return as_item_note(self._set_deleted(note.uuid, True, db.item_note_table)) if note else None

    # -- bookmarks ------------------------------------------------------------------------------

    def add_bookmark(self, session_id: str, doc_hash: str, page: int, label: str = "") -> Bookmark:
        row = {"uuid": str(uuid4()), "author": self.author, "session_id": check_session(session_id),
               "doc_hash": check_doc_hash(doc_hash), "page": check_index(page, "page"), "deleted": False}
        data = {"label": check_text(label)}
        with self._tx() as conn:
            return as_bookmark(self._write(conn, db.bookmark_table, OpKind.CREATE, row, data))

    def rename_bookmark(self, uuid: str, label: str) -> Bookmark:
        """Give a bookmark another label: the same record, a new version (one transaction)."""
        with self._tx() as conn:
            row, data = self._require(conn, db.bookmark_table, uuid)
            if data.get("label") == check_text(label):
                return as_bookmark(build(db.bookmark_table.name, row, data))
            return as_bookmark(self._write(conn, db.bookmark_table, OpKind.UPDATE, row, {**data, "label": label}))

    def remove_bookmark(self, uuid: str) -> Bookmark:
        return as_bookmark(self._set_deleted(uuid, True, db.bookmark_table))

    def bookmarks(self, session_id: str, doc_hash: str | None = None) -> list[Bookmark]:
        t = db.bookmark_table
        query = select(t).where(t.c.session_id == check_session(session_id))
        if doc_hash is not None:
            query = query.where(t.c.doc_hash == check_doc_hash(doc_hash))
        found = [as_bookmark(r) for r in self._list(t, query, False)]
        return sorted(found, key=lambda b: (b.doc_hash, b.page, b.created))

    # -- any record -----------------------------------------------------------------------------

    def delete(self, uuid: str) -> Record:
        """Tombstone any record (undo: :meth:`restore`)."""
        return self._set_deleted(uuid, True)

    def restore(self, uuid: str) -> Record:
        """Un-delete a tombstoned record with a new HLC (the GUI's undo of a delete)."""
        return self._set_deleted(uuid, False)

    # -- outbox ---------------------------------------------------------------------------------

    def pending_outbox(self, limit: int | None = None) -> list[OutboxOp]:
        """Operations not yet sent, in the order they happened."""
        o = db.outbox_table
        query = select(o).where(o.c.sent_ms.is_(None)).order_by(o.c.seq)
        if limit is not None:
            query = query.limit(limit)
        with self._tx(read=True) as conn:
            return [OutboxOp(r.seq, r.op_id, r.record_uuid, r.table_name, r.hlc, OpKind(r.op), r.payload)
                    for r in conn.execute(query)]

    def mark_sent(self, op_ids: Iterable[str]) -> int:
        """Mark operations as delivered (kept, not deleted); return how many were pending."""
        ids = list(op_ids)
        o = db.outbox_table
        with self._tx() as conn:
            result = conn.execute(update(o).where(o.c.op_id.in_(ids), o.c.sent_ms.is_(None))
                                  .values(sent_ms=self._wall()))
            return int(result.rowcount)

    def open_op(self, op: OutboxOp) -> JsonDict:
        """The envelope of an outbox operation: ``{"meta": {...}, "data": {...}}``."""
        try:
            return self._cipher.open(op.table, op.record_uuid, op.hlc, op.payload)
        except SealError:
            raise NotesTamperedError(path=str(self.path), what="outbox", uuid=op.op_id) from None

    # -- internals ------------------------------------------------------------------------------

    @contextmanager
    def _tx(self, *, read: bool = False) -> Iterator[Connection]:
        """One transaction (BEGIN IMMEDIATE for changes), under the store's lock."""
        with self._lock, translated(self.path):
            if self._engine is None:
                raise NotesError(path=str(self.path), detail=T("the notes are closed", "ghi chú đã đóng"))
            if read:
                with self._engine.connect().execution_options(**{READ_ONLY: True}) as conn:
                    yield conn
            else:
                with self._engine.begin() as conn:
                    yield conn

    def _write(self, conn: Connection, table: Table, op: OpKind, row: Row, data: JsonDict) -> Record:
        """Seal and write one record change and its outbox operation (inside the caller's transaction)."""
        hlc = self._clock.now().encode()
        row = {**row, "hlc": hlc}
        if op is OpKind.CREATE:
            row["created"] = hlc
        row["payload"] = blob = self._cipher.seal(table.name, row["uuid"], hlc, envelope(table.name, row, data))
        if op is OpKind.CREATE:
            conn.execute(insert(table), row)
        else:  # statements with parameters apart: SQLAlchemy compiles each shape once
            changes = {k: v for k, v in row.items() if k not in ("uuid", "created")}
            changes["where_uuid"] = row["uuid"]
            conn.execute(update(table).where(table.c.uuid == bindparam("where_uuid")), changes)
        conn.execute(insert(db.outbox_table), {"op_id": str(uuid4()), "record_uuid": row["uuid"],
                                               "table_name": table.name, "hlc": hlc, "op": op.value, "payload": blob})
        return build(table.name, row, data)

    def _open_row(self, table: str, row: Row) -> JsonDict:
        try:
            data = unwrap(table, row, self._cipher.open(table, row["uuid"], row["hlc"], row["payload"]))
        except SealError:
            data = None
        if data is None:
            raise NotesTamperedError(path=str(self.path), what=table, uuid=row["uuid"])
        return data

    def _find(self, conn: Connection, table: Table, uuid: str) -> tuple[str, Row, JsonDict] | None:
        found = conn.execute(select(table).where(table.c.uuid == uuid)).mappings().first()
        if found is None:
            return None
        row = dict(found)
        return table.name, row, self._open_row(table.name, row)

    def _require(self, conn: Connection, table: Table, uuid: str) -> tuple[Row, JsonDict]:
        found = self._find(conn, table, uuid)
        if found is None or found[1]["deleted"]:
            raise NoteNotFoundError(what=table.name, uuid=uuid)
        return found[1], found[2]

    def _list(self, table: Table, query: Any, include_deleted: bool) -> list[Record]:
        if not include_deleted:
            query = query.where(table.c.deleted.is_(False))
        with self._tx(read=True) as conn:
            rows = [dict(r) for r in conn.execute(query.order_by(table.c.created, table.c.uuid)).mappings()]
        listed = []
        for r in rows:
            try:
                listed.append(build(table.name, r, self._open_row(table.name, r)))
            except NotesTamperedError as exc:
                if self.on_damaged is None:
                    raise
                self.on_damaged(exc)
        return listed

    def _set_deleted(self, uuid: str, deleted: bool, only: Table | None = None) -> Record:
        with self._tx() as conn:
            tables = [only] if only is not None else list(RECORD_TABLES.values())
            found = next((f for t in tables if (f := self._find(conn, t, uuid)) is not None), None)
            if found is None:
                raise NoteNotFoundError(what=only.name if only is not None else "record", uuid=uuid)
            name, row, data = found
            if bool(row["deleted"]) == deleted:
                return build(name, row, data)  # nothing to change
            row["deleted"] = deleted
            return self._write(conn, RECORD_TABLES[name], OpKind.DELETE if deleted else OpKind.RESTORE, row, data)
