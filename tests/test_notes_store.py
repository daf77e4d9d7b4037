"""The notes store: records, tombstones, undo, the outbox, one transaction per change, threads."""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from bundle_helpers import People, unlock
from notes_content import content, ink, markup, note
from sqlalchemy import event

from paperless.core.identity import UnlockedIdentity
from paperless.core.notes import (
    DB_FILE,
    Annotation,
    AnnotationKind,
    NoteNotFoundError,
    NotesError,
    NotesStore,
    OpKind,
)

SID = "phien-12"
DOC = "ab" * 32
DOC2 = "cd" * 32


@pytest.fixture(scope="module")
def an(people: People) -> UnlockedIdentity:
    return unlock(people.member("an"))


class FakeWall:
    def __init__(self, start: int = 1_700_000_000_000) -> None:
        self.ms = start

    def __call__(self) -> int:
        return self.ms


@pytest.fixture
def store(tmp_path: Path, an: UnlockedIdentity) -> Iterator[NotesStore]:
    s = NotesStore.open(tmp_path / "lib", an)
    yield s
    s.close()


def _raw(store: NotesStore, sql: str, args: tuple[object, ...] = ()) -> list[tuple[object, ...]]:
    con = sqlite3.connect(store.path)
    try:
        return con.execute(sql, args).fetchall()
    finally:
        con.close()


def test_create_read_update_delete_restore(store: NotesStore, an: UnlockedIdentity) -> None:
    payload = markup("Điều 1", doc_hash=DOC, page=3).to_json()  # the stored JSON: parsed by the store
    a = store.add_annotation(SID, DOC, 3, AnnotationKind.HIGHLIGHT, "#FFD400", payload)
    assert a.kind is AnnotationKind.HIGHLIGHT and a.color == "#ffd400" and a.page == 3 and not a.deleted
    assert a.author == an.card.fingerprint and a.created == a.hlc and a.payload == payload
    assert store.annotations(SID) == [a] and store.annotations(SID, DOC, page=3) == [a]
    assert store.annotations(SID, DOC2) == [] and store.annotations("phien-13") == []

    b = store.update_annotation(a.uuid, color=None, page=4, content={**payload, "comment": "xem lại"})
    assert (b.uuid, b.created, b.color, b.page, b.payload["comment"]) == (a.uuid, a.created, None, 4, "xem lại")
    assert b.content == markup("Điều 1", "xem lại", doc_hash=DOC, page=3)  # typed
    assert b.hlc > a.hlc
    moved = store.update_annotation(a.uuid, doc_hash=DOC2)
    assert moved.doc_hash == DOC2 and moved.payload == b.payload

    gone = store.delete_annotation(a.uuid)
    assert gone.deleted and gone.hlc > moved.hlc
    assert store.annotations(SID) == []
    assert store.annotations(SID, include_deleted=True) == [gone]
    assert _raw(store, "SELECT deleted FROM annotations WHERE uuid = ?", (a.uuid,)) == [(1,)]  # a tombstone, no removal
    with pytest.raises(NoteNotFoundError):
        store.update_annotation(a.uuid, page=1)

    back = store.restore(a.uuid)
    assert isinstance(back, Annotation) and not back.deleted and back.hlc > gone.hlc
    assert back.payload == moved.payload and store.annotation(a.uuid) == back
    assert store.annotation("no-such-uuid") is None
    with pytest.raises(NoteNotFoundError):
        store.restore("no-such-uuid")


def test_every_kind_and_a_closed_store(store: NotesStore) -> None:
    made = [store.add_annotation(SID, DOC, 0, kind, None, content(kind, str(i))) for i, kind in enumerate(AnnotationKind)]
    assert [a.kind.value for a in store.annotations(SID)] == [
        "highlight", "underline", "strikeout", "ink", "note", "textbox"]
    assert [a.uuid for a in store.annotations(SID)] == [a.uuid for a in made]
    store.close()
    with pytest.raises(NotesError, match="closed"):
        store.annotations(SID)


@pytest.mark.parametrize("args", [
    ("phiên 12", DOC, 0, "highlight", None),  # session ids are ids, not titles
    (SID, "not-a-hash", 0, "highlight", None),
    (SID, DOC.upper(), 0, "highlight", None),
    (SID, DOC, -1, "highlight", None),
    (SID, DOC, 0, "scribble", None),
    (SID, DOC, 0, "highlight", "vàng"),  # a colour, never words
])
def test_bad_arguments_are_refused_before_anything_is_written(store: NotesStore, args: tuple) -> None:  # type: ignore[type-arg]
    with pytest.raises(ValueError):
        store.add_annotation(*args, markup())
    assert _raw(store, "SELECT COUNT(*) FROM annotations") == [(0,)]
    assert _raw(store, "SELECT COUNT(*) FROM outbox") == [(0,)]


def test_item_notes_keep_one_record_per_item(store: NotesStore) -> None:
    assert store.item_note(SID, 2) is None
    first = store.set_item_note(SID, 2, "Hỏi lại về kinh phí")
    same = store.set_item_note(SID, 2, "Hỏi lại về kinh phí")
    assert same == first  # no change, no write
    second = store.set_item_note(SID, 2, "Hỏi lại về kinh phí; đề nghị bổ sung")
    assert second.uuid == first.uuid and second.created == first.created and second.hlc > first.hlc
    store.set_item_note(SID, 0, "Mục đầu")
    assert [(n.item_index, n.text) for n in store.item_notes(SID)] == [(0, "Mục đầu"), (2, second.text)]
    removed = store.delete_item_note(SID, 2)
    assert removed is not None and removed.deleted and store.item_note(SID, 2) is None
    again = store.set_item_note(SID, 2, "Viết lại")
    assert again.uuid == first.uuid and not again.deleted  # the same record comes back (sync-friendly)
    assert store.delete_item_note(SID, 7) is None
    ops = [(o.table, o.op) for o in store.pending_outbox() if o.record_uuid == first.uuid]
    assert ops == [("item_notes", OpKind.CREATE), ("item_notes", OpKind.UPDATE), ("item_notes", OpKind.DELETE),
                   ("item_notes", OpKind.RESTORE)]


def test_bookmarks(store: NotesStore) -> None:
    b1 = store.add_bookmark(SID, DOC, 9, "Bảng số liệu")
    b2 = store.add_bookmark(SID, DOC, 2)
    store.add_bookmark(SID, DOC2, 0, "Phụ lục")
    assert [(b.page, b.label) for b in store.bookmarks(SID, DOC)] == [(2, ""), (9, "Bảng số liệu")]
    assert len(store.bookmarks(SID)) == 3
    assert store.remove_bookmark(b1.uuid).deleted
    assert [b.uuid for b in store.bookmarks(SID, DOC)] == [b2.uuid]
    assert not store.restore(b1.uuid).deleted
    with pytest.raises(NoteNotFoundError):
        store.remove_bookmark("x")
    with pytest.raises(NoteNotFoundError):  # an annotation's uuid is not a bookmark's
        store.remove_bookmark(store.add_annotation(SID, DOC, 0, "ink", None, ink()).uuid)


def test_renaming_a_bookmark_is_a_new_version_of_the_same_record(store: NotesStore) -> None:
    mark = store.add_bookmark(SID, DOC, 4, "Bảng 3")
    renamed = store.rename_bookmark(mark.uuid, "Bảng 3 — số liệu quý IV")
    assert (renamed.uuid, renamed.page, renamed.label) == (mark.uuid, 4, "Bảng 3 — số liệu quý IV")
    assert renamed.hlc > mark.hlc and renamed.created == mark.created
    assert [b.label for b in store.bookmarks(SID, DOC)] == ["Bảng 3 — số liệu quý IV"]
    assert store.rename_bookmark(mark.uuid, "Bảng 3 — số liệu quý IV").hlc == renamed.hlc  # no change, no version
    ops = [o.op for o in store.pending_outbox() if o.record_uuid == mark.uuid]
    assert ops == [OpKind.CREATE, OpKind.UPDATE]
    store.remove_bookmark(mark.uuid)
    with pytest.raises(NoteNotFoundError):  # a deleted bookmark is not renamed
        store.rename_bookmark(mark.uuid, "x")


def test_outbox_has_one_operation_per_change_with_the_record_ciphertext(store: NotesStore) -> None:
    a = store.add_annotation(SID, DOC, 1, "underline", "#00aa00", markup(comment="một"))
    store.update_annotation(a.uuid, content=markup(comment="hai"))
    store.delete_annotation(a.uuid)
    store.delete_annotation(a.uuid)  # already deleted: no change, no operation
    store.restore(a.uuid)
    ops = store.pending_outbox()
    assert [o.op for o in ops] == [OpKind.CREATE, OpKind.UPDATE, OpKind.DELETE, OpKind.RESTORE]
    assert all(o.record_uuid == a.uuid and o.table == "annotations" for o in ops)
    assert [o.hlc for o in ops] == sorted(o.hlc for o in ops) and len({o.op_id for o in ops}) == 4
    [(payload,)] = _raw(store, "SELECT payload FROM annotations WHERE uuid = ?", (a.uuid,))
    now = store.annotation(a.uuid)  # the version is sealed now, not a column: read it through the store
    assert now is not None
    assert (ops[-1].hlc, ops[-1].payload) == (now.hlc, payload)  # the same ciphertext, not a second encryption
    envelopes = [store.open_op(o) for o in ops]
    assert [e["data"]["comment"] for e in envelopes] == ["một", "hai", "hai", "hai"]
    assert [e["meta"]["deleted"] for e in envelopes] == [False, False, True, False]
    assert envelopes[0]["meta"] == {"author": a.author, "session_id": SID, "doc_hash": DOC, "page": 1,
                                    "kind": "underline", "color": "#00aa00", "deleted": False}

    assert store.mark_sent([ops[0].op_id, ops[1].op_id, "unknown"]) == 2
    assert store.mark_sent([ops[0].op_id]) == 0
    assert [o.op_id for o in store.pending_outbox()] == [ops[2].op_id, ops[3].op_id]
    assert [o.op_id for o in store.pending_outbox(limit=1)] == [ops[2].op_id]
    assert _raw(store, "SELECT COUNT(*) FROM outbox") == [(4,)]  # sent operations are kept, marked


def test_each_change_is_exactly_one_transaction(store: NotesStore) -> None:
    commits: list[int] = []
    assert store._engine is not None
    event.listen(store._engine, "commit", lambda conn: commits.append(1))
    a = store.add_annotation(SID, DOC, 0, "highlight", None, markup())
    assert len(commits) == 1
    store.update_annotation(a.uuid, page=2)
    store.delete_annotation(a.uuid)
    store.restore(a.uuid)
    store.set_item_note(SID, 0, "x")
    store.add_bookmark(SID, DOC, 1)
    assert len(commits) == 6


@pytest.mark.parametrize("change", ["add", "update", "delete", "item", "bookmark"])
def test_a_failing_outbox_write_leaves_no_record_change(store: NotesStore, change: str) -> None:
    a = store.add_annotation(SID, DOC, 5, "strikeout", "#ff0000", markup(comment="trước"))
    before_rows = _raw(store, "SELECT * FROM annotations ORDER BY uuid")
    before_ops = _raw(store, "SELECT COUNT(*) FROM outbox")
    _raw(store, "CREATE TRIGGER outbox_fails BEFORE INSERT ON outbox BEGIN SELECT RAISE(ABORT, 'outbox broken'); END")
    with pytest.raises(NotesError, match="outbox broken"):
        if change == "add":
            store.add_annotation(SID, DOC, 6, "highlight", None, markup(comment="mới"))
        elif change == "update":
            store.update_annotation(a.uuid, page=7, content=markup(comment="sau"))
        elif change == "delete":
            store.delete_annotation(a.uuid)
        elif change == "item":
            store.set_item_note(SID, 1, "không được lưu")
        else:
            store.add_bookmark(SID, DOC, 3)
    _raw(store, "DROP TRIGGER outbox_fails")
    assert _raw(store, "SELECT * FROM annotations ORDER BY uuid") == before_rows
    assert _raw(store, "SELECT COUNT(*) FROM outbox") == before_ops
    assert _raw(store, "SELECT COUNT(*) FROM item_notes") == [(0,)]
    assert _raw(store, "SELECT COUNT(*) FROM bookmarks") == [(0,)]
    [live] = store.annotations(SID)
    assert live.page == 5 and live.content == markup(comment="trước")
    store.update_annotation(a.uuid, page=8)  # and the store still works
    assert store.annotations(SID)[0].page == 8


def test_the_clock_never_goes_back_across_a_restart(tmp_path: Path, an: UnlockedIdentity) -> None:
    wall = FakeWall()
    with NotesStore.open(tmp_path, an, clock=wall) as store:
        a = store.add_annotation(SID, DOC, 0, "ink", "#000000", ink((((1, 2), (3, 4)),)))
    wall.ms -= 3_600_000  # the computer's clock is put back an hour
    with NotesStore.open(tmp_path, an, clock=wall) as store:
        b = store.update_annotation(a.uuid, color="#0000ff")
        c = store.add_annotation(SID, DOC, 0, "note", None, note("?"))
    assert a.hlc < b.hlc < c.hlc
    assert b.hlc.split("-")[0] == a.hlc.split("-")[0]  # kept the later physical time, counted up


def test_usable_from_one_worker_thread_that_did_not_open_it(store: NotesStore) -> None:
    opener = threading.get_ident()

    def work() -> tuple[int, list[Annotation]]:
        a = store.add_annotation(SID, DOC, 1, "highlight", None, markup("từ luồng khác"))
        store.update_annotation(a.uuid, page=2)
        return threading.get_ident(), store.annotations(SID)

    with ThreadPoolExecutor(max_workers=1) as pool:
        worker, found = pool.submit(work).result()
    assert worker != opener and [a.page for a in found] == [2]


def test_files_are_the_members_only(store: NotesStore) -> None:
    store.add_annotation(SID, DOC, 0, "highlight", None, markup())
    folder = store.path.parent
    assert sorted(p.name for p in folder.iterdir()) == sorted([DB_FILE, f"{DB_FILE}-shm", f"{DB_FILE}-wal", "notes.key.age"])
    assert all(p.stat().st_mode & 0o077 == 0 for p in folder.iterdir())
    assert _raw(store, "PRAGMA journal_mode") == [("wal",)]
    store.close()
    assert sorted(p.name for p in folder.iterdir()) == sorted([DB_FILE, "notes.key.age"])  # the WAL was checkpointed
