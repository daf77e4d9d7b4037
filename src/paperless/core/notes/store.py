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

import json
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
from paperless.core.notes.crypto import IndexTags, PayloadCipher, SealError, derive_key
from paperless.core.notes.db import DB_FILE, READ_ONLY, RECORD_TABLES, make_engine, translated
from paperless.core.notes.errors import (
    NoteNotFoundError,
    NotesError,
    NotesKeyRejectedNotice,
    NotesTamperedError,
    NotesUnreadableContentError,
)
from paperless.core.notes.hlc import Hlc, HybridClock, WallClock, system_clock_ms
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
from paperless.core.notes.syncing import (
    CURSOR,
    EPOCH,
    LAST_SYNCED,
    NOTICE_EDIT_WON,
    NOTICE_KEPT_BOTH,
    NOTICE_NOTE_MERGED,
    RETRY,
    ApplyOutcome,
    DirtyRecord,
    PulledRecord,
    merged_text,
    parse_pulled,
    plain_digest,
    plaintext,
    same_content,
)

Opened = tuple[Row, Row, JsonDict]  # the stored row, the record's fields, its payload


class _Unset(Enum):
    UNSET = 0


UNSET = _Unset.UNSET


class NotesStore:
    """Open with :meth:`open`; :meth:`close` when done (also a context manager)."""

    def __init__(self, folder: Path, engine: Engine, codec: RowCodec, digest: RowDigest, clock: HybridClock,
                 wall: WallClock, author: str, notices: tuple[NotesKeyRejectedNotice, ...] = (), *,
                 seen_key: bytes | None = None) -> None:
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
        self._seen_key = seen_key  # keys the sync's history of versions made or seen (see .syncing)
        # Listing: None raises on the first altered or damaged row; a function is told of each
        # one instead and the readable rows are listed (the app: one bad row hides only itself).
        self.on_damaged: Callable[[NotesTamperedError], None] | None = None
        self._changed: list[str] | None = None  # while sync_apply runs: the uuids it writes

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
                   identity.card.fingerprint, choice.notices, seen_key=derive_key(choice.key, "sync-seen"))

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

    def records(self, uuids: Iterable[str]) -> list[Record]:
        """The records with these uuids, tombstoned or not, in no particular order (what a sync round
        changed, for the app's notes model); unknown uuids are left out, a damaged row as in listings."""
        wanted = list(dict.fromkeys(uuids))
        found: list[Record] = []
        for table in RECORD_TABLES.values():
            rows: list[Row] = []
            with self._tx(read=True) as conn:
                for start in range(0, len(wanted), 500):
                    chunk = wanted[start:start + 500]
                    rows += [dict(r) for r in conn.execute(select(table).where(table.c.uuid.in_(chunk))).mappings()]
            for stored in rows:
                try:
                    found.append(self._record(table.name, *self._open(table.name, stored)))
                except NotesTamperedError as exc:
                    self._damaged(exc)
        return found

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
        with self._tx() as conn:
            return self._mark_sent(conn, list(op_ids))

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

    # -- sync with the office server (see .syncing; each call one short transaction) -------------

    def all_records(self, *, include_deleted: bool = False) -> list[Record]:
        """Every record of the member, of every session (annotations, item notes, bookmarks)."""
        found: list[Record] = []
        for table in RECORD_TABLES.values():
            found += self._list(table, select(table), include_deleted)
        return sorted(found, key=lambda r: (r.session_id, type(r).__name__, r.created, r.uuid))

    def sync_value(self, key: str) -> str | None:
        """The pull cursor, the server's epoch or the time of the last complete round (``syncing.CURSOR`` …)."""
        with self._tx(read=True) as conn:
            found = conn.exec_driver_sql("SELECT value FROM sync_state WHERE key = ?", (key,)).scalar()
            return str(found) if found is not None else None

    def sync_cursor(self) -> tuple[str, int]:
        """(the server's epoch last seen, "" before the first round; the pull cursor)."""
        with self._tx(read=True) as conn:
            values = {str(k): str(v) for k, v in conn.exec_driver_sql("SELECT key, value FROM sync_state")}
        try:
            cursor = max(0, int(values.get(CURSOR, "0")))
        except ValueError:
            cursor = 0  # not ours: pull from the start (the digest check would have found it too)
        return str(values.get(EPOCH, "")), cursor

    def set_sync_cursor(self, epoch: str, cursor: int) -> None:
        with self._tx() as conn:
            self._set_state(conn, EPOCH, epoch)
            self._set_state(conn, CURSOR, str(int(cursor)))

    def set_last_synced(self, when_ms: int) -> None:
        with self._tx() as conn:
            self._set_state(conn, LAST_SYNCED, str(int(when_ms)))

    def last_synced(self) -> int | None:
        value = self.sync_value(LAST_SYNCED)
        return int(value) if value and value.isdigit() else None

    def sync_pending(self) -> int:
        """How many records wait to be pushed (cheap: two counts)."""
        with self._tx(read=True) as conn:
            found = conn.exec_driver_sql(
                "SELECT COUNT(*) FROM (SELECT record_uuid FROM outbox WHERE sent_ms IS NULL "
                "UNION SELECT uuid FROM sync_records WHERE repush = 1)").scalar()
            return int(found or 0)

    def sync_retry(self) -> dict[str, tuple[int, int]]:
        """The retry list: uuid → (version, counter) of pulled versions that did not open or validate here."""
        with self._tx(read=True) as conn:
            return self._retry_list(conn)

    def sync_retry_from(self) -> int | None:
        """The pull cursor from which the versions on the retry list come again; None: nothing to retry."""
        retry = self.sync_retry()
        if not retry:
            return None
        return max(0, min(counter for _version, counter in retry.values()) - 1)

    def sync_known(self) -> list[tuple[str, int]]:
        """The (uuid, server version) pairs known here: what the server's digest is compared with."""
        with self._tx(read=True) as conn:
            return [(str(u), int(v)) for u, v in
                    conn.exec_driver_sql("SELECT uuid, version FROM sync_records WHERE version > 0")]

    def sync_dirty_ids(self) -> list[str]:
        """The uuids of the records waiting to be pushed, in the order of their first change (cheap)."""
        with self._tx(read=True) as conn:
            return list(self._dirty_ops(conn))

    def sync_dirty(self, only: Iterable[str] | None = None) -> list[DirtyRecord]:
        """The records to push (all, or those of ``only``: the engine asks for one batch at a time,
        so each call stays short), one per uuid (its pending outbox operations collapsed: the
        record's current version, the latest operation's id), in the order of their first change.
        Their plaintext digests are remembered as versions this device made before anything is sent."""
        wanted = list(dict.fromkeys(only)) if only is not None else None
        with self._tx() as conn:
            ops = self._dirty_ops(conn, wanted)
            versions = {str(u): int(v) for u, v in self._in(conn, "SELECT uuid, version FROM sync_records",
                                                                "uuid", list(ops))}
            stored: dict[str, Row] = {}
            for table_name in {t for t, _ops in ops.values() if t in RECORD_TABLES}:
                table = RECORD_TABLES[table_name]
                ids = [u for u, (t, _o) in ops.items() if t == table_name]
                for start in range(0, len(ids), 500):
                    query = select(table).where(table.c.uuid.in_(ids[start:start + 500]))
                    stored.update({str(r["uuid"]): dict(r) for r in conn.execute(query).mappings()})
            dirty = []
            for uuid, (table_name, op_ids) in ops.items():
                if table_name not in RECORD_TABLES:
                    continue
                found = stored.get(uuid)
                env = self._open_row_envelope(table_name, found) if found is not None else None
                if env is None:
                    if found is not None:
                        self._damaged(NotesTamperedError(path=str(self.path), what=table_name, uuid=uuid))
                    continue
                text = plaintext(table_name, env)
                self._remember_seen(conn, uuid, text)
                op_id = op_ids[-1] if op_ids else str(uuid4())
                dirty.append(DirtyRecord(uuid, table_name, int(versions.get(uuid, 0)), op_id, text, tuple(op_ids)))
            return dirty

    def sync_acked(self, acked: Iterable[tuple[DirtyRecord, int]]) -> None:
        """The server holds these records at these versions: remember the versions and mark the
        operations they collapsed as sent (only now, after the server's answer)."""
        items = list(acked)
        if not items:
            return
        with self._tx() as conn:
            conn.exec_driver_sql(
                "INSERT INTO sync_records (uuid, table_name, version, repush, confirmed) VALUES (?, ?, ?, 0, 1) "
                "ON CONFLICT (uuid) DO UPDATE SET version = excluded.version, confirmed = 1, repush = 0",
                [(record.uuid, record.table, version) for record, version in items])
            self._mark_sent(conn, [op for record, _ in items for op in record.op_ids])

    def sync_apply(self, pulled: Iterable[PulledRecord], cursor: tuple[str, int] | None = None) -> ApplyOutcome:
        """Apply one page of pulled records (docs/sync-protocol.md, "The client's rules"); with
        ``cursor`` (epoch, counter), the pull cursor moved there in the same transaction (one commit
        a page, and never a cursor past records not applied)."""
        outcome = ApplyOutcome()
        records = list(pulled)
        with self._tx() as conn:
            if cursor is not None:
                self._set_state(conn, EPOCH, cursor[0])
                self._set_state(conn, CURSOR, str(int(cursor[1])))
            self._changed = outcome.changed  # every row written while applying is told to the caller
            retry = self._retry_list(conn)
            before = dict(retry)
            try:
                fresh, rest = self._split_fresh(conn, records)
                self._insert_fresh(conn, fresh, outcome)
                for record in rest:
                    skipped = outcome.skipped
                    self._apply_pulled(conn, record, outcome)
                    if outcome.skipped > skipped:
                        retry[record.uuid] = (record.version, record.counter)
                    else:
                        retry.pop(record.uuid, None)
                for record, *_rest in fresh:
                    retry.pop(record.uuid, None)
            finally:
                self._changed = None
            if retry != before:
                self._set_state(conn, RETRY, json.dumps({u: list(v) for u, v in sorted(retry.items())}))
        return outcome

    def sync_begin_reconcile(self, epoch: str) -> None:
        """Forget the cursor (pull from 0 under ``epoch``) and what the server was believed to hold;
        each record pulled from now confirms its version (see :meth:`sync_finish_reconcile`)."""
        with self._tx() as conn:
            conn.exec_driver_sql("UPDATE sync_records SET confirmed = 0")
            self._set_state(conn, EPOCH, epoch)
            self._set_state(conn, CURSOR, "0")
            conn.exec_driver_sql("DELETE FROM sync_state WHERE key = ?", (RETRY,))  # a full pull finds them again

    def sync_finish_reconcile(self) -> int:
        """After a full pull: every record the server did not send back is pushed again (as new);
        returns how many. Nothing local is ever deleted or refused because of it."""
        with self._tx() as conn:
            count = conn.exec_driver_sql(
                "UPDATE sync_records SET version = 0, repush = 1, confirmed = 1 WHERE confirmed = 0").rowcount
            for table in RECORD_TABLES:
                count += conn.exec_driver_sql(
                    f"INSERT INTO sync_records (uuid, table_name, version, repush) SELECT uuid, ?, 0, 1 FROM {table} "
                    f"WHERE uuid NOT IN (SELECT uuid FROM sync_records) "
                    f"AND uuid NOT IN (SELECT record_uuid FROM outbox WHERE sent_ms IS NULL)", (table,)).rowcount
            return int(count)

    # -- sync internals ---------------------------------------------------------------------------

    def _in(self, conn: Connection, sql: str, column: str, values: list[str], *, where: str = "WHERE",
            suffix: str = "") -> list[Any]:
        """``sql {where} column IN (…values…) suffix`` in chunks (SQLite's parameter limit)."""
        found: list[Any] = []
        for start in range(0, len(values), 500):
            chunk = values[start:start + 500]
            marks = ",".join("?" * len(chunk))
            found += list(conn.exec_driver_sql(f"{sql} {where} {column} IN ({marks}) {suffix}", tuple(chunk)))
        return found

    def _dirty_ops(self, conn: Connection, only: list[str] | None = None) -> dict[str, tuple[str, list[str]]]:
        """uuid → (table, its pending operation ids in order), then the records flagged ``repush``
        (all, or those of ``only``)."""
        ops: dict[str, tuple[str, list[str]]] = {}
        pending = "SELECT record_uuid, table_name, op_id, seq FROM outbox WHERE sent_ms IS NULL"
        repush = "SELECT uuid, table_name FROM sync_records WHERE repush = 1"
        if only is None:
            rows = list(conn.exec_driver_sql(pending + " ORDER BY seq"))
            flagged = list(conn.exec_driver_sql(repush))
        else:
            rows = sorted(self._in(conn, pending, "record_uuid", only, where="AND"), key=lambda r: int(r[3]))
            flagged = self._in(conn, repush, "uuid", only, where="AND")
        for uuid, table, op_id, _seq in rows:
            ops.setdefault(str(uuid), (str(table), []))[1].append(str(op_id))
        for uuid, table in flagged:
            ops.setdefault(str(uuid), (str(table), []))
        return ops

    def _split_fresh(self, conn: Connection, records: list[PulledRecord]
                     ) -> tuple[list[tuple[PulledRecord, str, JsonDict, Row, bytes]], list[PulledRecord]]:
        """The pulled records new to this device (the common case: a first sync), ready to insert
        in one go, and the rest for the rules one by one."""
        uuids = [r.uuid for r in records]
        known: set[str] = set()
        for table in RECORD_TABLES:
            known |= {str(r[0]) for r in self._in(conn, f"SELECT uuid FROM {table}", "uuid", uuids)}
        seen = {(str(u), bytes(d)) for u, d in self._in(conn, "SELECT uuid, digest FROM sync_seen", "uuid", uuids)}
        fresh: list[tuple[PulledRecord, str, JsonDict, Row, bytes]] = []
        rest: list[PulledRecord] = []
        taken: set[str] = set()
        assert self._seen_key is not None
        for record in records:
            parsed = parse_pulled(record) if record.uuid not in known and record.uuid not in taken else None
            if parsed is None or parsed[0] == db.item_note_table.name:  # item notes: the twin rule, one by one
                rest.append(record)
                continue
            digest = plain_digest(self._seen_key, record.plaintext)
            try:
                build(parsed[0], parsed[2], parsed[3])
            except (ContentError, ValueError, TypeError, KeyError):
                rest.append(record)
                continue
            if (record.uuid, digest) in seen:
                rest.append(record)
                continue
            taken.add(record.uuid)
            fresh.append((record, parsed[0], parsed[1], parsed[2], digest))
        return fresh, rest

    def _insert_fresh(self, conn: Connection, fresh: list[tuple[PulledRecord, str, JsonDict, Row, bytes]],
                      outcome: ApplyOutcome) -> None:
        if not fresh:
            return
        by_table: dict[str, list[Row]] = {}
        elements = []
        latest = ""
        for record, table_name, env, fields, _digest in fresh:
            blob = self._codec.cipher.seal(table_name, record.uuid, env)
            row = {**self._codec.keys(table_name, fields), "payload": blob}
            by_table.setdefault(table_name, []).append(row)
            elements.append(self._digest.record(table_name, row))
            latest = max(latest, str(fields["hlc"]))
        for table_name, rows in by_table.items():  # the driver's own executemany: no per-row processing
            columns = list(rows[0])  # every row of a table has the same clear columns (RowCodec.keys)
            conn.exec_driver_sql(
                f"INSERT INTO {RECORD_TABLES[table_name].name} ({', '.join(columns)}) "
                f"VALUES ({', '.join('?' * len(columns))})",
                [tuple(row[c] for c in columns) for row in rows])
        conn.exec_driver_sql("INSERT OR IGNORE INTO sync_seen (uuid, digest) VALUES (?, ?)",
                             [(r.uuid, d) for r, _t, _e, _f, d in fresh])
        conn.exec_driver_sql(
            "INSERT INTO sync_records (uuid, table_name, version, repush, confirmed) VALUES (?, ?, ?, 0, 1) "
            "ON CONFLICT (uuid) DO UPDATE SET version = excluded.version, confirmed = 1, repush = 0",
            [(r.uuid, t, r.version) for r, t, _e, _f, _d in fresh])
        hlc = self._clock.observe(Hlc.parse(latest)).encode()
        self._digest.changed(conn, [], elements, rows=len(fresh), hlc=hlc)
        outcome.applied += len(fresh)
        outcome.changed.extend(r.uuid for r, _t, _e, _f, _d in fresh)

    def _retry_list(self, conn: Connection) -> dict[str, tuple[int, int]]:
        raw = conn.exec_driver_sql("SELECT value FROM sync_state WHERE key = ?", (RETRY,)).scalar()
        try:
            found = json.loads(str(raw)) if raw is not None else {}
        except ValueError:
            return {}  # not ours: forgotten (the next full reconcile finds them again)
        if not isinstance(found, dict):
            return {}
        return {str(u): (int(v[0]), int(v[1])) for u, v in found.items()
                if isinstance(v, list) and len(v) == 2 and all(isinstance(x, int) for x in v)}

    def _set_state(self, conn: Connection, key: str, value: str) -> None:
        conn.exec_driver_sql("INSERT OR REPLACE INTO sync_state (key, value) VALUES (?, ?)", (key, value))

    def _remember_seen(self, conn: Connection, uuid: str, text: bytes) -> bytes:
        if self._seen_key is None:
            raise NotesError(path=str(self.path), detail=T("the notes were opened without their key",
                                                           "ghi chú được mở mà không có khóa"))
        digest = plain_digest(self._seen_key, text)
        conn.exec_driver_sql("INSERT OR IGNORE INTO sync_seen (uuid, digest) VALUES (?, ?)", (uuid, digest))
        return digest

    def _was_seen(self, conn: Connection, uuid: str, text: bytes) -> bool:
        assert self._seen_key is not None
        digest = plain_digest(self._seen_key, text)
        return conn.exec_driver_sql("SELECT 1 FROM sync_seen WHERE uuid = ? AND digest = ?",
                                    (uuid, digest)).first() is not None

    def _set_version(self, conn: Connection, uuid: str, table: str, version: int, *, repush: bool | None) -> None:
        conn.exec_driver_sql(
            "INSERT INTO sync_records (uuid, table_name, version, repush, confirmed) VALUES (?, ?, ?, ?, 1) "
            "ON CONFLICT (uuid) DO UPDATE SET version = excluded.version, confirmed = 1"
            + ("" if repush is None else ", repush = excluded.repush"),
            (uuid, table, version, int(bool(repush))))

    def _mark_sent(self, conn: Connection, op_ids: list[str]) -> int:
        """Mark pending operations as sent, keeping the row digest (inside the caller's transaction)."""
        if not op_ids:
            return 0
        o = db.outbox_table
        rows: list[Row] = []
        for start in range(0, len(op_ids), 500):
            chunk = op_ids[start:start + 500]
            rows += [dict(r) for r in conn.execute(
                select(o).where(o.c.op_id.in_(chunk), o.c.sent_ms.is_(None))).mappings()]
        if not rows:
            return 0
        now = self._wall()
        conn.execute(update(o).where(o.c.seq == bindparam("where_seq")).values(sent_ms=now),
                     [{"where_seq": r["seq"]} for r in rows])
        self._digest.changed(conn, [self._digest.outbox(r) for r in rows],
                             [self._digest.outbox({**r, "sent_ms": now}) for r in rows])
        return len(rows)

    def _supersede(self, conn: Connection, uuid: str) -> None:
        """The server's version replaces this device's pending changes of ``uuid``."""
        pending = [str(r[0]) for r in conn.exec_driver_sql(
            "SELECT op_id FROM outbox WHERE sent_ms IS NULL AND record_uuid = ?", (uuid,))]
        self._mark_sent(conn, pending)

    def _is_dirty(self, conn: Connection, uuid: str) -> bool:
        return conn.exec_driver_sql(
            "SELECT 1 FROM outbox WHERE sent_ms IS NULL AND record_uuid = ? "
            "UNION ALL SELECT 1 FROM sync_records WHERE uuid = ? AND repush = 1 LIMIT 1",
            (uuid, uuid)).first() is not None

    def _open_row_envelope(self, table: str, stored: Row) -> JsonDict | None:
        """The envelope of a stored row, if it opens and matches its clear columns."""
        if self._codec.open(table, stored) is None:
            return None
        try:
            return self._codec.cipher.open(table, stored["uuid"], stored["payload"])
        except SealError:
            return None

    def _apply_pulled(self, conn: Connection, record: PulledRecord, outcome: ApplyOutcome) -> None:
        parsed = parse_pulled(record)
        if parsed is None:  # not readable here: known (so the server's digest matches), never applied
            outcome.skipped += 1
            self._set_version(conn, record.uuid, "", record.version, repush=None)
            return
        table_name, env, fields, data = parsed
        try:
            build(table_name, fields, data)  # an annotation whose content does not validate is not taken
        except (ContentError, ValueError, TypeError, KeyError):
            outcome.skipped += 1
            self._set_version(conn, record.uuid, table_name, record.version, repush=None)
            return
        table = RECORD_TABLES[table_name]
        uuid = record.uuid
        found = conn.execute(select(table).where(table.c.uuid == uuid)).mappings().first()
        stored = dict(found) if found is not None else None
        local_env = self._open_row_envelope(table_name, stored) if stored is not None else None
        local_text = plaintext(table_name, local_env) if local_env is not None else None
        seen = self._was_seen(conn, uuid, record.plaintext)
        dirty = stored is not None and self._is_dirty(conn, uuid)
        local_newer = local_env is not None and str(local_env.get("hlc", "")) > str(fields["hlc"])
        if stored is not None and local_env is not None and local_text == record.plaintext:
            # the very version held here (made or pulled before): nothing changes but the version known
            self._remember_seen(conn, uuid, record.plaintext)
            self._supersede(conn, uuid)
            self._set_version(conn, uuid, table_name, record.version, repush=False)
            return
        if seen and stored is not None and local_env is not None:
            # a version this device made or saw: not another device's change
            if self._has_pending(conn, uuid) or local_newer:
                # ours is newer (a local change waits, or the server was restored to an older one):
                # push ours on top
                self._set_version(conn, uuid, table_name, record.version, repush=not dirty or None)
                return
            # ours is older than a version we saw (a stale version of ours was pushed back): take it
            self._take_remote(conn, table_name, env, fields, stored, record.version, outcome)
            return
        self._remember_seen(conn, uuid, record.plaintext)
        if stored is not None and local_env is not None and not dirty and not local_newer:
            pass  # a clean row, older than the pulled version: replaced below
        elif stored is not None and local_env is not None and not dirty:
            # a version never seen here and older than our clean row (HLCs respect causality: a version
            # made after seeing ours would be newer): a restored or hostile server's; keep ours, push it again
            self._set_version(conn, uuid, table_name, record.version, repush=True)
            return
        if stored is None and table_name == db.item_note_table.name and not fields["deleted"]:
            twin = self._unsent_twin(conn, fields)
            if twin is not None:  # both devices started a note on this item while apart
                self._merge_into_twin(conn, env, fields, data, record.version, twin)
                outcome.conflicts += 1
                outcome.notices.append(NOTICE_NOTE_MERGED)
                return
        if stored is None or local_env is None or not dirty:
            self._put_remote(conn, table_name, env, fields, stored)
            self._set_version(conn, uuid, table_name, record.version, repush=False)
            outcome.applied += 1
            return
        # changed on both sides
        local_fields = self._codec.open(table_name, stored)
        assert local_fields is not None
        lf, ldata = local_fields[0], local_fields[1]
        self._clock.observe(Hlc.parse(str(fields["hlc"])))  # what is written from here is newer than theirs
        if same_content(local_env, env) or (lf["deleted"] and fields["deleted"]):
            self._put_remote(conn, table_name, env, fields, stored)
            self._supersede(conn, uuid)
            self._set_version(conn, uuid, table_name, record.version, repush=False)
            outcome.applied += 1
            return
        outcome.conflicts += 1
        if lf["deleted"]:  # a deletion here against an edit there: the edit wins
            self._put_remote(conn, table_name, env, fields, stored)
            self._supersede(conn, uuid)
            self._set_version(conn, uuid, table_name, record.version, repush=False)
            outcome.notices.append(NOTICE_EDIT_WON)
            return
        # ours is kept (pushed on top of the server's version), written again so that its HLC is newer
        # than theirs: it was decided after seeing theirs (devices that hold theirs take ours)
        self._set_version(conn, uuid, table_name, record.version, repush=None)
        if fields["deleted"]:  # an edit here against a deletion there: the edit wins
            self._write(conn, table, OpKind.UPDATE, lf, ldata, stored)
            outcome.notices.append(NOTICE_EDIT_WON)
            return
        if table_name == db.item_note_table.name:
            text = merged_text(str(ldata.get("text", "")), str(data.get("text", "")))
            self._write(conn, table, OpKind.UPDATE, lf, {**ldata, "text": text}, stored)
            outcome.notices.append(NOTICE_NOTE_MERGED)
            return
        self._write(conn, table, OpKind.UPDATE, lf, ldata, stored)
        copy = {**fields, "uuid": str(uuid4()), "conflict_of": uuid}
        self._write(conn, table, OpKind.CREATE, copy, data, None)
        outcome.notices.append(NOTICE_KEPT_BOTH)

    def _take_remote(self, conn: Connection, table_name: str, env: JsonDict, fields: Row, stored: Row | None,
                     version: int, outcome: ApplyOutcome) -> None:
        """The pulled version replaces the local row (no local change waits to be pushed)."""
        self._put_remote(conn, table_name, env, fields, stored)
        self._supersede(conn, fields["uuid"])
        self._set_version(conn, fields["uuid"], table_name, version, repush=False)
        outcome.applied += 1

    def _has_pending(self, conn: Connection, uuid: str) -> bool:
        """A local change of ``uuid`` waits in the outbox (not only a ``repush`` flag)."""
        return conn.exec_driver_sql("SELECT 1 FROM outbox WHERE sent_ms IS NULL AND record_uuid = ? LIMIT 1",
                                    (uuid,)).first() is not None

    def _unsent_twin(self, conn: Connection, fields: Row) -> Opened | None:
        """A live item note of this device on the same agenda item, not yet on the server."""
        t = db.item_note_table
        rows = conn.execute(select(t).where(t.c.session_key == self._tags.session(fields["session_id"]),
                                            t.c.deleted.is_(False))).mappings()
        for stored in [dict(r) for r in rows]:
            opened = self._codec.open(t.name, stored)
            if opened is None or stored["uuid"] == fields["uuid"] or opened[0]["item_index"] != fields["item_index"]:
                continue
            known = conn.exec_driver_sql("SELECT version FROM sync_records WHERE uuid = ?", (stored["uuid"],)).scalar()
            if not known and self._is_dirty(conn, stored["uuid"]):
                return stored, opened[0], opened[1]
        return None

    def _merge_into_twin(self, conn: Connection, env: JsonDict, fields: Row, data: JsonDict, version: int,
                         twin: Opened) -> None:
        """The other device's text goes into this device's note (under the marked line) and the other
        device's record is tombstoned, so every device ends with one note holding both texts."""
        t = db.item_note_table
        self._put_remote(conn, t.name, env, fields, None)
        self._set_version(conn, fields["uuid"], t.name, version, repush=False)
        stored, mine, mine_data = twin
        text = merged_text(str(mine_data.get("text", "")), str(data.get("text", "")))
        self._write(conn, t, OpKind.UPDATE, mine, {**mine_data, "text": text}, stored)
        theirs = self._find(conn, t, fields["uuid"])
        assert theirs is not None
        self._write(conn, t, OpKind.DELETE, {**theirs[1], "deleted": True}, theirs[2], theirs[0])

    def _put_remote(self, conn: Connection, table_name: str, env: JsonDict, fields: Row, old: Row | None) -> None:
        """Store a pulled version as the record's row (no outbox operation), keeping the row digest."""
        table = RECORD_TABLES[table_name]
        if self._changed is not None:
            self._changed.append(fields["uuid"])
        blob = self._codec.cipher.seal(table_name, fields["uuid"], env)
        row = {**self._codec.keys(table_name, fields), "payload": blob}
        if old is None:
            conn.execute(insert(table), row)
        else:
            changes = {k: v for k, v in row.items() if k != "uuid"}
            changes["where_uuid"] = row["uuid"]
            conn.execute(update(table).where(table.c.uuid == bindparam("where_uuid")), changes)
        hlc = self._clock.observe(Hlc.parse(str(fields["hlc"]))).encode()
        removed = [self._digest.record(table_name, old)] if old is not None else []
        self._digest.changed(conn, removed, [self._digest.record(table_name, row)],
                             rows=0 if old is not None else 1, hlc=hlc)

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
        if self._changed is not None:  # written while applying pulled records (a merged note, a conflict copy)
            self._changed.append(fields["uuid"])
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

