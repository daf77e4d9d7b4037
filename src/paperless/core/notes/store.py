"""The member's encrypted notes: annotations, private notes per agenda item, bookmarks.

One SQLite database per identity, ``notes.sqlite3`` in the member's library folder
(``library/<recipient-hash>/``), beside its key ``notes.key.age`` (sealed by the identity,
see :mod:`.keyfile`). Every user change is exactly one transaction that writes the record
*and* appends an operation to the ``outbox`` (for the later sync) *and* folds both into the
sealed row digest (:mod:`.integrity`); deleting sets a tombstone, rows are never removed.
Every record carries a client-made uuid4, its author (the member's card fingerprint), an HLC
time of creation and of last change (:mod:`.hlc`), and a payload. In clear are only ids,
keyed tags of the session and document (for the look-ups) and the tombstone; everything else
is sealed (:mod:`.crypto`, :mod:`.records`). Look-ups by page or agenda item, and the order
of a listing, are done on the opened records.

Opening checks the key file, the database file, the key and the row digest: rows replaced by
older copies, removed or added refuse the whole store (:class:`~.errors.NotesRolledBackError`);
a row whose sealed payload is damaged refuses only itself (see :attr:`NotesStore.on_damaged`),
and so does an annotation whose payload opens but whose content does not validate
(:func:`~.content.parse_content`; :class:`~.errors.NotesUnreadableContentError`): every record
the store gives out has valid, typed content.

Threads: create the store anywhere, then use it from ONE thread — the GUI's database worker,
which need not be the thread that opened it. Calls are serialised by a lock, so a stray call
from another thread waits rather than corrupting anything, but it must not be the plan: the
GUI thread never touches the database. Methods raise :class:`~.errors.NotesError`
subclasses for every failure the user can meet (damaged file, wrong key, full disk, newer
format) and ``ValueError``/``TypeError`` for bad arguments (bugs).
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterable, Iterator, Mapping
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
from paperless.core.notes.content import Content, ContentError
from paperless.core.notes.crypto import IndexTags, PayloadCipher, SealError
from paperless.core.notes.db import DB_FILE, READ_ONLY, RECORD_TABLES, make_engine, translated
from paperless.core.notes.errors import (
    NoteNotFoundError,
    NotesError,
    NotesKeyRejectedNotice,
    NotesTamperedError,
    NotesUnreadableContentError,
)
from paperless.core.notes.hlc import HybridClock, WallClock, system_clock_ms
from paperless.core.notes.integrity import RowDigest
from paperless.core.notes.keyfile import KEY_FILE, NotesKeyFile
from paperless.core.notes.migrations import migrate, schema_version
from paperless.core.notes.opening import check_and_prepare, clear_key_check, inspect
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
    check_content,
    check_doc_hash,
    check_index,
    check_kind,
    check_session,
    check_text,
    unwrap,
)
from paperless.core.notes.reseal import Resealer
from paperless.core.notes.rows import Row, RowCodec

Opened = tuple[Row, Row, JsonDict]  # the stored row, the record's fields, its payload


class _Unset(Enum):
    UNSET = 0


UNSET = _Unset.UNSET


class NotesStore:
    """Open with :meth:`open`; :meth:`close` when done (also a context manager)."""

    def __init__(self, folder: Path, engine: Engine, codec: RowCodec, digest: RowDigest, clock: HybridClock,
                 wall: WallClock, author: str, notices: tuple[NotesKeyRejectedNotice, ...] = ()) -> None:
        self.folder = folder
        self.path = folder / DB_FILE
        self.key_path = folder / KEY_FILE
        self.author = author
        # What opening did that the member should hear of (a key file set aside unused).
        self.notices = notices
        self._engine: Engine | None = engine
        self._codec = codec
        self._tags = codec.tags
        self._digest = digest
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
        except OSError as exc:
            raise NotesError(path=str(folder), detail=exc.strerror or str(exc)) from None
        engine = make_engine(db_path)
        try:
            with translated(db_path):
                facts = inspect(engine, db_path)
                # Never a new key beside existing notes: they would become unreadable (see .keyfile).
                choice = NotesKeyFile(key_path, identity, wall).obtain(facts, lambda: clear_key_check(engine))
                cipher = PayloadCipher(choice.key)
                codec = RowCodec(cipher, IndexTags(choice.key))
                digest = RowDigest(choice.key, cipher, db_path)
                migrate(engine, db_path, wall())
                Resealer(choice.key, codec, digest, db_path, key_path).run(engine)
                node, last = check_and_prepare(engine, cipher, digest, db_path, key_path)
        except BaseException:
            engine.dispose()
            raise
        return cls(folder, engine, codec, digest, HybridClock(node, wall, last=last), wall,
                   identity.card.fingerprint, choice.notices)

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
                       color: str | None, content: Content | Mapping[str, Any]) -> Annotation:
        """Save a new annotation; ``content``: the content of ``kind``, or its JSON (parsed:
        :class:`~.content.ContentError` when it does not validate)."""
        fields = {"uuid": str(uuid4()), "author": self.author, "session_id": check_session(session_id),
                  "doc_hash": check_doc_hash(doc_hash), "page": check_index(page, "page"),
                  "kind": check_kind(kind).value, "color": check_color(color), "deleted": False}
        data = check_content(kind, content).to_json()
        with self._tx() as conn:
            return as_annotation(self._write(conn, db.annotation_table, OpKind.CREATE, fields, data, None))

    def update_annotation(self, uuid: str, *, doc_hash: str | _Unset = UNSET, page: int | _Unset = UNSET,
                          kind: AnnotationKind | str | _Unset = UNSET, color: str | None | _Unset = UNSET,
                          content: Content | Mapping[str, Any] | _Unset = UNSET) -> Annotation:
        """Change a live annotation; a changed ``doc_hash`` moves it to a revised document. The
        content (given, or the one it has) must be the content of its kind (see :meth:`add_annotation`)."""
        with self._tx() as conn:
            stored, fields, data = self._require(conn, db.annotation_table, uuid)
            if not isinstance(doc_hash, _Unset):
                fields["doc_hash"] = check_doc_hash(doc_hash)
            if not isinstance(page, _Unset):
                fields["page"] = check_index(page, "page")
            if not isinstance(kind, _Unset):
                fields["kind"] = check_kind(kind).value
            if not isinstance(color, _Unset):
                fields["color"] = check_color(color)
            if not isinstance(content, _Unset):
                data = check_content(fields["kind"], content).to_json()
            elif not isinstance(kind, _Unset):
                check_content(fields["kind"], data)  # e.g. a highlight made an underline: the same content
            return as_annotation(self._write(conn, db.annotation_table, OpKind.UPDATE, fields, data, stored))

    def delete_annotation(self, uuid: str) -> Annotation:
        return as_annotation(self._set_deleted(uuid, True, db.annotation_table))

    def annotation(self, uuid: str) -> Annotation | None:
        """The annotation, tombstoned or not; None if there never was one."""
        with self._tx(read=True) as conn:
            found = self._find(conn, db.annotation_table, uuid)
            return as_annotation(self._record(db.annotation_table.name, found[1], found[2])) if found else None

    def annotations(self, session_id: str, doc_hash: str | None = None, *, page: int | None = None,
                    include_deleted: bool = False) -> list[Annotation]:
        """Annotations of a session (optionally one document, one page), oldest first."""
        t = db.annotation_table
        sid = check_session(session_id)
        query = select(t).where(t.c.session_key == self._tags.session(sid))
        if doc_hash is not None:
            query = query.where(t.c.doc_key == self._tags.document(sid, check_doc_hash(doc_hash)))
        if page is not None:
            check_index(page, "page")
        found = [as_annotation(r) for r in self._list(t, query, include_deleted)]
        return [a for a in found if page is None or a.page == page]

    # -- private notes per agenda item ---------------------------------------------------------

    def set_item_note(self, session_id: str, item_index: int, text: str) -> ItemNote:
        """Write the member's note on an agenda item (the same record each time; empty text is kept)."""
        check_session(session_id)
        check_index(item_index, "item_index")
        check_text(text)
        t = db.item_note_table
        with self._tx() as conn:
            rows = conn.execute(select(t).where(t.c.session_key == self._tags.session(session_id))).mappings()
            same = [o for o in self._open_all(t.name, [dict(r) for r in rows]) if o[1]["item_index"] == item_index]
            if not same:
                fields = {"uuid": str(uuid4()), "author": self.author, "session_id": session_id,
                          "item_index": item_index, "deleted": False}
                return as_item_note(self._write(conn, t, OpKind.CREATE, fields, {"text": text}, None))
            # the live one if any, else the latest tombstone (as the query of schema 2 chose)
            latest_first = sorted(same, key=lambda o: str(o[1]["hlc"]), reverse=True)
            stored, fields, data = min(latest_first, key=lambda o: bool(o[1]["deleted"]))
            if not fields["deleted"] and data.get("text") == text:
                return as_item_note(self._record(t.name, fields, data))
            op = OpKind.RESTORE if fields["deleted"] else OpKind.UPDATE
            fields["deleted"] = False
            return as_item_note(self._write(conn, t, op, fields, {**data, "text": text}, stored))

    def item_note(self, session_id: str, item_index: int) -> ItemNote | None:
        check_index(item_index, "item_index")
        notes = [n for n in self._session_notes(session_id) if n.item_index == item_index]
        return max(notes, key=lambda n: n.hlc) if notes else None

    def item_notes(self, session_id: str) -> list[ItemNote]:
        """Live notes of a session in agenda order."""
        return sorted(self._session_notes(session_id), key=lambda n: (n.item_index, n.created))

    def delete_item_note(self, session_id: str, item_index: int) -> ItemNote | None:
        note = self.item_note(session_id, item_index)
        return as_item_note(self._set_deleted(note.uuid, True, db.item_note_table)) if note else None

    def _session_notes(self, session_id: str) -> list[ItemNote]:
        t = db.item_note_table
        query = select(t).where(t.c.session_key == self._tags.session(check_session(session_id)))
        return [as_item_note(r) for r in self._list(t, query, False)]

    # -- bookmarks ------------------------------------------------------------------------------

    def add_bookmark(self, session_id: str, doc_hash: str, page: int, label: str = "") -> Bookmark:
        fields = {"uuid": str(uuid4()), "author": self.author, "session_id": check_session(session_id),
                  "doc_hash": check_doc_hash(doc_hash), "page": check_index(page, "page"), "deleted": False}
        data = {"label": check_text(label)}
        with self._tx() as conn:
            return as_bookmark(self._write(conn, db.bookmark_table, OpKind.CREATE, fields, data, None))

    def rename_bookmark(self, uuid: str, label: str) -> Bookmark:
        """Give a bookmark another label: the same record, a new version (one transaction)."""
        with self._tx() as conn:
            stored, fields, data = self._require(conn, db.bookmark_table, uuid)
            if data.get("label") == check_text(label):
                return as_bookmark(self._record(db.bookmark_table.name, fields, data))
            return as_bookmark(self._write(conn, db.bookmark_table, OpKind.UPDATE, fields, {**data, "label": label},
                                           stored))

    def remove_bookmark(self, uuid: str) -> Bookmark:
        return as_bookmark(self._set_deleted(uuid, True, db.bookmark_table))

    def bookmarks(self, session_id: str, doc_hash: str | None = None) -> list[Bookmark]:
        t = db.bookmark_table
        sid = check_session(session_id)
        query = select(t).where(t.c.session_key == self._tags.session(sid))
        if doc_hash is not None:
            query = query.where(t.c.doc_key == self._tags.document(sid, check_doc_hash(doc_hash)))
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
        """Operations not yet sent, in the order they happened (an unreadable one as in listings:
        told to :attr:`on_damaged` and left out, or raised without it)."""
        o = db.outbox_table
        query = select(o).where(o.c.sent_ms.is_(None)).order_by(o.c.seq)
        if limit is not None:
            query = query.limit(limit)
        with self._tx(read=True) as conn:
            rows = list(conn.execute(query))
        ops = []
        for r in rows:
            found = self._open_envelope(r.table_name, r.record_uuid, r.payload)
            if found is None:
                self._damaged(NotesTamperedError(path=str(self.path), what="outbox", uuid=r.op_id))
                continue
            fields, op = found[0], found[2]
            ops.append(OutboxOp(r.seq, r.op_id, r.record_uuid, r.table_name, fields["hlc"], op, r.payload))
        return ops

    def mark_sent(self, op_ids: Iterable[str]) -> int:
        """Mark operations as delivered (kept, not deleted); return how many were pending."""
        ids = list(op_ids)
        o = db.outbox_table
        pending = (o.c.op_id.in_(ids), o.c.sent_ms.is_(None))
        with self._tx() as conn:
            rows = [dict(r) for r in conn.execute(select(o).where(*pending)).mappings()]
            if not rows:
                return 0
            now = self._wall()
            conn.execute(update(o).where(*pending).values(sent_ms=now))
            self._digest.changed(conn, [self._digest.outbox(r) for r in rows],
                                 [self._digest.outbox({**r, "sent_ms": now}) for r in rows])
            return len(rows)

    def open_op(self, op: OutboxOp) -> JsonDict:
        """The envelope of an outbox operation: ``{"meta": {...}, "data": {...}, "created", "hlc", "op"}``."""
        try:
            env = self._codec.cipher.open(op.table, op.record_uuid, op.payload)
        except SealError:
            env = None
        found = unwrap(op.table, op.record_uuid, env) if env is not None and op.table in RECORD_TABLES else None
        if env is None or found is None or found[0]["hlc"] != op.hlc or found[2] is not op.op:
            raise NotesTamperedError(path=str(self.path), what="outbox", uuid=op.op_id)
        return env

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

    def _write(self, conn: Connection, table: Table, op: OpKind, fields: Row, data: JsonDict,
               old: Row | None) -> Record:
        """Seal and write one record version (replacing the stored row ``old``), its outbox
        operation and the row digest — inside the caller's transaction."""
        hlc = self._clock.now().encode()
        fields = {**fields, "hlc": hlc}
        if op is OpKind.CREATE:
            fields["created"] = hlc
        row = self._codec.seal(table.name, fields, data, op)
        if old is None:
            conn.execute(insert(table), row)
        else:  # statements with parameters apart: SQLAlchemy compiles each shape once
            changes = {k: v for k, v in row.items() if k != "uuid"}
            changes["where_uuid"] = row["uuid"]
            conn.execute(update(table).where(table.c.uuid == bindparam("where_uuid")), changes)
        queued: Row = {"op_id": str(uuid4()), "record_uuid": row["uuid"], "table_name": table.name,
                       "payload": row["payload"], "sent_ms": None}
        key = conn.execute(insert(db.outbox_table), queued).inserted_primary_key
        assert key is not None
        queued["seq"] = key[0]
        removed = [self._digest.record(table.name, old)] if old is not None else []
        self._digest.changed(conn, removed, [self._digest.record(table.name, row), self._digest.outbox(queued)],
                             rows=1 if old is not None else 2, hlc=hlc)
        return self._record(table.name, fields, data)  # content that does not validate: raised, rolled back

    def _open_envelope(self, table: str, uuid: str, blob: bytes) -> tuple[Row, JsonDict, OpKind] | None:
        if table not in RECORD_TABLES:
            return None
        try:
            return unwrap(table, uuid, self._codec.cipher.open(table, uuid, blob))
        except SealError:
            return None

    def _open(self, table: str, stored: Row) -> tuple[Row, JsonDict]:
        opened = self._codec.open(table, stored)
        if opened is None:
            raise NotesTamperedError(path=str(self.path), what=table, uuid=stored["uuid"])
        return opened[0], opened[1]

    def _record(self, table: str, fields: Row, data: JsonDict) -> Record:
        """The record of an opened row; its content not valid: :class:`NotesUnreadableContentError`."""
        try:
            return build(table, fields, data)
        except ContentError as exc:
            raise NotesUnreadableContentError(path=str(self.path), what=table, uuid=fields["uuid"],
                                              detail=str(exc)) from None

    def _damaged(self, exc: NotesTamperedError) -> None:
        if self.on_damaged is None:
            raise exc
        self.on_damaged(exc)

    def _open_all(self, table: str, rows: list[Row]) -> list[Opened]:
        """Each row opened; a damaged one told to :attr:`on_damaged` and left out (raised without it)."""
        opened = []
        for stored in rows:
            try:
                opened.append((stored, *self._open(table, stored)))
            except NotesTamperedError as exc:
                self._damaged(exc)
        return opened

    def _find(self, conn: Connection, table: Table, uuid: str) -> Opened | None:
        found = conn.execute(select(table).where(table.c.uuid == uuid)).mappings().first()
        if found is None:
            return None
        stored = dict(found)
        return (stored, *self._open(table.name, stored))

    def _require(self, conn: Connection, table: Table, uuid: str) -> Opened:
        found = self._find(conn, table, uuid)
        if found is None or found[1]["deleted"]:
            raise NoteNotFoundError(what=table.name, uuid=uuid)
        return found

    def _list(self, table: Table, query: Any, include_deleted: bool) -> list[Record]:
        """The records of ``query``; one damaged or with content that does not validate is told to
        :attr:`on_damaged` and left out (raised without it)."""
        if not include_deleted:
            query = query.where(table.c.deleted.is_(False))
        with self._tx(read=True) as conn:
            rows = [dict(r) for r in conn.execute(query).mappings()]
        listed = []
        for stored in rows:
            try:
                listed.append(self._record(table.name, *self._open(table.name, stored)))
            except NotesTamperedError as exc:
                self._damaged(exc)
        return sorted(listed, key=lambda r: (r.created, r.uuid))

    def _set_deleted(self, uuid: str, deleted: bool, only: Table | None = None) -> Record:
        with self._tx() as conn:
            tables = [only] if only is not None else list(RECORD_TABLES.values())
            found = next(((t, f) for t in tables if (f := self._find(conn, t, uuid)) is not None), None)
            if found is None:
                raise NoteNotFoundError(what=only.name if only is not None else "record", uuid=uuid)
            table, (stored, fields, data) = found
            if bool(fields["deleted"]) == deleted:
                return self._record(table.name, fields, data)  # nothing to change
            fields["deleted"] = deleted
            return self._write(conn, table, OpKind.DELETE if deleted else OpKind.RESTORE, fields, data, stored)

