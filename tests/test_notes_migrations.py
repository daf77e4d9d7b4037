"""Schema versions: a new database, an older one with real data, a newer one, a failed step.

Databases of the first releases (schema 1 and 2, payload format 1, an unsealed key file) are
made here by :class:`OldFormat`, a re-implementation of what that code wrote, kept apart from
the app's own code so the upgrade is tested against the format as released. The annotations'
content is what the viewer has always written (an anchor and the quote, a text box's rect and
text): it reads back as typed content.
"""

from __future__ import annotations

import json
import os
import sqlite3
import uuid
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from bundle_helpers import People, unlock
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from notes_content import content, ink, markup

from paperless.core.age import encrypt_bytes
from paperless.core.identity import UnlockedIdentity
from paperless.core.localstate import read_sealed
from paperless.core.notes import (
    DB_FILE,
    KEY_FILE,
    SCHEMA_VERSION,
    Annotation,
    Bookmark,
    ItemNote,
    NotesStore,
    NotesTamperedError,
    OpKind,
    reseal,
)
from paperless.core.notes import migrations as mig
from paperless.core.notes.db import make_engine, metadata
from paperless.core.notes.errors import NotesCorruptError, NotesError, NotesFromNewerAppError
from paperless.core.notes.hlc import Hlc

SID = "phien-12"
DOC = "ef" * 32
NODE = "00000000000000aa"


@pytest.fixture(scope="module")
def an(people: People) -> UnlockedIdentity:
    return unlock(people.member("an"))


def _tables(path: Path) -> dict[str, list[str]]:
    con = sqlite3.connect(path)
    try:
        names = [r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type = 'table'")]
        return {n: [r[1] for r in con.execute(f"PRAGMA table_info({n})")] for n in names if n != "sqlite_sequence"}
    finally:
        con.close()


def _versions(path: Path) -> list[int]:
    con = sqlite3.connect(path)
    try:
        return [r[0] for r in con.execute("SELECT version FROM schema_version ORDER BY version")]
    finally:
        con.close()


def test_a_new_database_gets_every_step_and_matches_the_code(tmp_path: Path, an: UnlockedIdentity) -> None:
    with NotesStore.open(tmp_path, an) as store:
        assert store.schema_version() == SCHEMA_VERSION == len(mig.MIGRATIONS) >= 2
    assert _versions(tmp_path / DB_FILE) == list(range(1, SCHEMA_VERSION + 1))
    tables = _tables(tmp_path / DB_FILE)
    for table in metadata.sorted_tables:  # the tables the queries use are the ones the migrations made
        assert sorted(tables[table.name]) == sorted(c.name for c in table.columns), table.name
    assert set(tables) == {t.name for t in metadata.sorted_tables} | {"schema_version"}
    assert [f.__name__ for f in mig.MIGRATIONS] == ["migration_0001_initial",
                                                    "migration_0002_bookmarks_created_indexes",
                                                    "migration_0003_sealed_columns",
                                                    "migration_0004_sync_bookkeeping"]


OLD_META = {
    "annotations": ("author", "session_id", "doc_hash", "page", "kind", "color", "deleted"),
    "item_notes": ("author", "session_id", "item_index", "deleted"),
    "bookmarks": ("author", "session_id", "doc_hash", "page", "deleted"),
}


class OldFormat:
    """Format 1 as the first releases wrote it: the raw key, the row's HLC in the associated data,
    ``{"meta": <the row's clear columns>, "data": ...}``; and the key file encrypted to the public
    recipient only."""

    def __init__(self, key: bytes) -> None:
        self.key = key

    @classmethod
    def key_file(cls, path: Path, an: UnlockedIdentity) -> OldFormat:
        key = os.urandom(32)
        path.write_bytes(encrypt_bytes([an.card.age_recipient], b"paperless-notes-key/1\n" + key))
        return cls(key)

    def seal(self, table: str, uuid: str, version: str, obj: dict[str, Any]) -> bytes:
        aad = b"\0".join((b"paperless-notes", b"1", table.encode(), uuid.encode(), version.encode()))
        nonce = os.urandom(12)
        plain = json.dumps(obj, ensure_ascii=False, separators=(",", ":")).encode()
        return b"\x01" + nonce + AESGCM(self.key).encrypt(nonce, plain, aad)

    def envelope(self, table: str, row: dict[str, Any], data: dict[str, Any]) -> bytes:
        meta = {k: bool(row[k]) if k == "deleted" else row[k] for k in OLD_META[table]}
        return self.seal(table, str(row["uuid"]), str(row["hlc"]), {"meta": meta, "data": data})

    def key_check(self) -> bytes:
        return self.seal("meta", "key-check", "0", {"paperless": "notes-key-check"})


@dataclass
class OldStore:
    """Writes as the version-2 store did: the record and its outbox operation in one transaction,
    both with the same format-1 blob; remembers what a reader should find."""

    con: sqlite3.Connection
    old: OldFormat
    author: str
    wall: int = 1_650_000_000_000
    records: dict[str, tuple[str, dict[str, Any], dict[str, Any]]] = field(default_factory=dict)
    ops: list[tuple[str, str, str, str, str, dict[str, Any], dict[str, Any]]] = field(default_factory=list)

    COLUMNS = {"annotations": ("doc_hash", "page", "kind", "color"), "item_notes": ("item_index",),
               "bookmarks": ("doc_hash", "page")}

    def write(self, table: str, op: str, row: dict[str, Any], data: dict[str, Any]) -> dict[str, Any]:
        self.wall += 11
        hlc = Hlc(self.wall, 0, NODE).encode()
        row = {**row, "hlc": hlc, **({"created": hlc} if op == "create" else {})}
        blob = self.old.envelope(table, row, data)
        cols = ("uuid", "author", "session_id", *self.COLUMNS[table], "created", "hlc", "deleted")
        values = [int(row[c]) if c == "deleted" else row[c] for c in cols]
        if op == "create":
            self.con.execute(f"INSERT INTO {table} ({', '.join(cols)}, payload) VALUES ({', '.join('?' * len(cols))}, ?)",
                             (*values, blob))
        else:
            self.con.execute(f"UPDATE {table} SET {', '.join(c + ' = ?' for c in cols[1:])}, payload = ? WHERE uuid = ?",
                             (*values[1:], blob, row["uuid"]))
        op_id = str(uuid.uuid4())
        self.con.execute("INSERT INTO outbox (op_id, record_uuid, table_name, hlc, op, payload) VALUES (?, ?, ?, ?, ?, ?)",
                         (op_id, row["uuid"], table, hlc, op, blob))
        self.con.commit()
        self.records[row["uuid"]] = (table, row, data)
        meta = {k: row[k] for k in OLD_META[table]}
        self.ops.append((op_id, row["uuid"], table, hlc, op, meta, data))
        return row

    def create(self, table: str, data: dict[str, Any], **fields: Any) -> dict[str, Any]:
        return self.write(table, "create", {"uuid": str(uuid.uuid4()), "author": self.author, "deleted": False,
                                            **fields}, data)

    def change(self, uuid_: str, op: str, data: dict[str, Any] | None = None, **fields: Any) -> dict[str, Any]:
        table, row, old_data = self.records[uuid_]
        return self.write(table, op, {**row, **fields}, old_data if data is None else data)

    def mark_sent(self, count: int) -> None:
        self.con.execute("UPDATE outbox SET sent_ms = 1650000999000 WHERE seq <= ?", (count,))
        self.con.commit()

    def _of(self, table: str, session_id: str) -> list[tuple[dict[str, Any], dict[str, Any]]]:
        return [(r, d) for t, r, d in self.records.values() if t == table and r["session_id"] == session_id]

    def annotations(self, session_id: str) -> list[Annotation]:
        made = [Annotation(r["uuid"], r["author"], r["session_id"], r["doc_hash"], r["page"], r["kind"], r["color"],
                           d, r["created"], r["hlc"], r["deleted"]) for r, d in self._of("annotations", session_id)]
        return sorted(made, key=lambda a: (a.created, a.uuid))

    def item_notes(self, session_id: str) -> list[ItemNote]:
        made = [ItemNote(r["uuid"], r["author"], r["session_id"], r["item_index"], d["text"], r["created"], r["hlc"],
                         r["deleted"]) for r, d in self._of("item_notes", session_id) if not r["deleted"]]
        return sorted(made, key=lambda n: (n.item_index, n.created))

    def bookmarks(self, session_id: str) -> list[Bookmark]:
        made = [Bookmark(r["uuid"], r["author"], r["session_id"], r["doc_hash"], r["page"], d["label"], r["created"],
                         r["hlc"], r["deleted"]) for r, d in self._of("bookmarks", session_id) if not r["deleted"]]
        return sorted(made, key=lambda b: (b.doc_hash, b.page, b.created))


COLOURS = ("#ffd400", "#00aa00", "#ff0000")
KINDS = ("highlight", "underline", "strikeout", "textbox")
DOCS = (DOC, "a1" * 32, "b2" * 32)


def make_version_2(folder: Path, an: UnlockedIdentity, *, rows: bool = True) -> tuple[OldFormat, OldStore]:
    """A database left by the current release (schema 2) beside its unsealed key: annotations on
    three documents in two sessions with updates, moves, tombstones and restores; item notes;
    bookmarks; an outbox with every version, some of it marked sent."""
    folder.mkdir(parents=True, exist_ok=True)
    old = OldFormat.key_file(folder / KEY_FILE, an)
    path = folder / DB_FILE
    engine = make_engine(path)
    assert mig.migrate(engine, path, 1_650_000_000_000, target=2) == 0
    engine.dispose()
    con = sqlite3.connect(path)
    con.execute("INSERT INTO meta (key, value) VALUES ('key_check', ?), ('node', ?)", (old.key_check(), NODE.encode()))
    con.commit()
    made = OldStore(con, old, an.card.fingerprint)
    if rows:
        marks = [made.create("annotations", content(KINDS[i % 4], f"trích dẫn {i}").to_json(),
                             session_id=SID if i % 5 else "phien-13", doc_hash=DOCS[i % 3], page=i,
                             kind=KINDS[i % 4], color=COLOURS[i % 3] if i % 4 else None) for i in range(12)]
        made.change(marks[1]["uuid"], "update", markup("đã sửa").to_json(), page=40, color="#00aa00")
        made.change(marks[2]["uuid"], "update", doc_hash=DOCS[0], page=3)  # carried to a revised document
        made.change(marks[3]["uuid"], "delete", deleted=True)
        made.change(marks[4]["uuid"], "delete", deleted=True)
        made.change(marks[4]["uuid"], "restore", deleted=False)
        note = made.create("item_notes", {"text": "Ý kiến về mục 2"}, session_id=SID, item_index=2)
        made.change(note["uuid"], "update", {"text": "Ý kiến về mục 2, bổ sung"})
        gone = made.create("item_notes", {"text": "bỏ"}, session_id=SID, item_index=4)
        made.change(gone["uuid"], "delete", deleted=True)
        mark = made.create("bookmarks", {"label": "Bảng 3"}, session_id=SID, doc_hash=DOCS[1], page=9)
        made.change(mark["uuid"], "update", {"label": "Bảng 3 — số liệu"})
        made.create("bookmarks", {"label": ""}, session_id=SID, doc_hash=DOC, page=0)
        made.mark_sent(5)
    con.close()
    assert _versions(path) == [1, 2]
    return old, made


def _old_row(old: OldFormat, author: str, page: int, text: str, hlc: str, deleted: bool) -> dict[str, object]:
    """An annotation as version-1 code wrote it: no ``created`` column yet."""
    row: dict[str, object] = {"uuid": str(uuid.uuid4()), "author": author, "session_id": SID, "doc_hash": DOC,
                              "page": page, "kind": "highlight", "color": "#ffd400", "deleted": deleted, "hlc": hlc}
    row["payload"] = old.envelope("annotations", row, markup(text).to_json())
    return row


def _make_version_1(folder: Path, an: UnlockedIdentity) -> list[dict[str, object]]:
    """A database left by the first release: only migration 1, with annotations, a note and the outbox."""
    folder.mkdir(parents=True)
    cipher = OldFormat.key_file(folder / KEY_FILE, an)
    path = folder / DB_FILE
    engine = make_engine(path)
    assert mig.migrate(engine, path, 1_600_000_000_000, target=1) == 0
    author = an.card.fingerprint
    rows = [_old_row(cipher, author, p, f"trích dẫn số {p}", Hlc(1_600_000_000_000 + p, 0, NODE).encode(), p == 2)
            for p in range(4)]
    note_hlc = Hlc(1_600_000_000_100, 3, NODE).encode()
    note = {"uuid": str(uuid.uuid4()), "author": author, "session_id": SID, "item_index": 1, "deleted": False}
    with engine.begin() as conn:
        sql = conn.exec_driver_sql
        sql("INSERT INTO meta (key, value) VALUES ('key_check', ?), ('node', ?)", (cipher.key_check(), NODE.encode()))
        for r in rows:
            sql("INSERT INTO annotations (uuid, author, session_id, doc_hash, page, kind, color, hlc, deleted, payload)"
                " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (r["uuid"], r["author"], r["session_id"], r["doc_hash"], r["page"], r["kind"], r["color"], r["hlc"],
                 int(bool(r["deleted"])), r["payload"]))
            sql("INSERT INTO outbox (op_id, record_uuid, table_name, hlc, op, payload) VALUES (?, ?, ?, ?, ?, ?)",
                (str(uuid.uuid4()), r["uuid"], "annotations", r["hlc"], "create", r["payload"]))
        blob = cipher.envelope("item_notes", {**note, "hlc": note_hlc}, {"text": "Ý kiến cũ"})
        sql("INSERT INTO item_notes (uuid, author, session_id, item_index, hlc, deleted, payload)"
            " VALUES (?, ?, ?, ?, ?, 0, ?)", (note["uuid"], author, SID, 1, note_hlc, blob))
    engine.dispose()
    assert _versions(path) == [1]
    assert "bookmarks" not in _tables(path) and "created" not in _tables(path)["annotations"]
    return rows


def test_an_older_database_is_upgraded_and_keeps_its_notes(tmp_path: Path, an: UnlockedIdentity) -> None:
    rows = _make_version_1(tmp_path / "lib", an)
    with NotesStore.open(tmp_path / "lib", an) as store:
        assert store.schema_version() == SCHEMA_VERSION
        live = store.annotations(SID)
        assert [(a.uuid, a.page, a.payload["quote"]) for a in live] == [
            (r["uuid"], r["page"], f"trích dẫn số {r['page']}") for r in rows if not r["deleted"]]
        assert all(a.created == a.hlc for a in live)  # filled in by migration 2
        assert [a.uuid for a in store.annotations(SID, include_deleted=True) if a.deleted] == [rows[2]["uuid"]]
        note = store.item_note(SID, 1)
        assert note is not None and note.text == "Ý kiến cũ"
        assert len(store.pending_outbox()) == 4
        # New changes work on the upgraded file and come after everything already there.
        b = store.add_bookmark(SID, DOC, 3, "Trang mới")
        restored = store.restore(str(rows[2]["uuid"]))
        assert restored.hlc > str(rows[3]["hlc"]) and b.hlc > note.hlc
        assert [o.op for o in store.pending_outbox()][-2:] == [OpKind.CREATE, OpKind.RESTORE]
    assert _versions(tmp_path / "lib" / DB_FILE) == list(range(1, SCHEMA_VERSION + 1))
    with NotesStore.open(tmp_path / "lib", an) as store:  # opening again changes nothing
        assert len(store.annotations(SID)) == 4 and [b.label for b in store.bookmarks(SID)] == ["Trang mới"]
    assert _versions(tmp_path / "lib" / DB_FILE) == list(range(1, SCHEMA_VERSION + 1))


def test_a_database_from_a_newer_app_is_refused(tmp_path: Path, an: UnlockedIdentity) -> None:
    with NotesStore.open(tmp_path, an) as store:
        store.add_annotation(SID, DOC, 0, "highlight", None, markup("giữ nguyên"))
    con = sqlite3.connect(tmp_path / DB_FILE)
    con.execute("INSERT INTO schema_version VALUES (?, 0)", (SCHEMA_VERSION + 1,))
    con.commit()
    con.close()
    with pytest.raises(NotesFromNewerAppError) as info:
        NotesStore.open(tmp_path, an)
    err = info.value
    assert err.message("en") == (
        f"Your notes in {tmp_path / DB_FILE} were saved by a newer version of Paperless "
        f"(format {SCHEMA_VERSION + 1}, this version knows up to {SCHEMA_VERSION}); please update.")
    assert "phiên bản Paperless mới hơn" in err.message("vi") and "\n" not in err.message("vi")
    assert _versions(tmp_path / DB_FILE)[-1] == SCHEMA_VERSION + 1  # left as it was


def test_a_failed_step_leaves_the_previous_version(tmp_path: Path, an: UnlockedIdentity,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    _make_version_1(tmp_path / "lib", an)

    def broken_step(conn: object) -> None:
        mig._run(conn, ("CREATE TABLE bookmarks (uuid TEXT)",  # type: ignore[arg-type]
                        "ALTER TABLE annotations ADD COLUMN created TEXT",
                        "SELECT no_such_function()"))

    monkeypatch.setattr(mig, "MIGRATIONS", (mig.migration_0001_initial, broken_step))
    monkeypatch.setattr(mig, "SCHEMA_VERSION", 2)
    with pytest.raises(NotesError, match="no_such_function"):
        NotesStore.open(tmp_path / "lib", an)
    path = tmp_path / "lib" / DB_FILE
    assert _versions(path) == [1]
    assert "bookmarks" not in _tables(path) and "created" not in _tables(path)["annotations"]  # DDL rolled back
    monkeypatch.undo()
    with NotesStore.open(tmp_path / "lib", an) as store:
        assert store.schema_version() == SCHEMA_VERSION and len(store.annotations(SID)) == 3


def test_a_database_that_is_not_ours_is_refused(tmp_path: Path, an: UnlockedIdentity) -> None:
    NotesStore.open(tmp_path, an).close()
    (tmp_path / DB_FILE).unlink()
    con = sqlite3.connect(tmp_path / DB_FILE)
    con.execute("CREATE TABLE photos (name TEXT)")
    con.commit()
    con.close()
    with pytest.raises(NotesCorruptError, match="is not a Paperless notes file"):
        NotesStore.open(tmp_path, an)


def _leak_needles(made: OldStore | None, docs: tuple[str, ...]) -> list[tuple[str, bytes]]:
    from test_notes_clear_columns import needles_for

    times = [t for _, r, _ in (made.records.values() if made else []) for t in (r["created"], r["hlc"])]
    return needles_for(docs, [*COLOURS, *KINDS, SID, "phien-13", *times])


def test_a_version_2_database_comes_through_whole_with_nothing_left_in_clear(tmp_path: Path,
                                                                            an: UnlockedIdentity) -> None:
    from test_notes_clear_columns import cleartext_hits

    folder = tmp_path / "lib"
    old, made = make_version_2(folder, an)
    needles = _leak_needles(made, DOCS)
    assert cleartext_hits(folder, needles)  # the old file shows them: the scan is not blind
    with NotesStore.open(folder, an) as store:
        assert store.schema_version() == SCHEMA_VERSION
        for sid in (SID, "phien-13"):
            assert store.annotations(sid, include_deleted=True) == made.annotations(sid)
            assert store.item_notes(sid) == made.item_notes(sid)
            assert store.bookmarks(sid) == made.bookmarks(sid)
        pending = store.pending_outbox()
        expected = made.ops[5:]  # the first five were marked sent
        assert [(o.op_id, o.record_uuid, o.table, o.hlc, o.op.value) for o in pending] == [
            (op_id, u, t, hlc, op) for op_id, u, t, hlc, op, _, _ in expected]
        assert [(store.open_op(o)["meta"], store.open_op(o)["data"]) for o in pending] == [
            (meta, data) for *_, meta, data in expected]
        assert cleartext_hits(folder, needles) == []  # the file and its WAL, while open
        later = store.add_annotation(SID, DOC, 1, "ink", None, ink())
        assert later.hlc > max(r["hlc"] for _, r, _ in made.records.values())  # the clock resumes after them
    assert cleartext_hits(folder, needles) == []
    assert set(_tables(folder / DB_FILE)) == {t.name for t in metadata.sorted_tables} | {"schema_version"}
    body = read_sealed(folder / KEY_FILE, an, "notes-key")
    assert body == b"paperless-notes-key/1\n" + old.key  # the key, checked, now sealed
    with NotesStore.open(folder, an) as again:  # and it opens again as it is
        assert len(again.annotations(SID, include_deleted=True)) == len(made.annotations(SID)) + 1


def test_a_version_1_database_leaves_no_document_hash_after_the_upgrade(tmp_path: Path,
                                                                        an: UnlockedIdentity) -> None:
    from test_notes_clear_columns import cleartext_hits

    rows = _make_version_1(tmp_path / "lib", an)
    needles = _leak_needles(None, (DOC,)) + [(f"hlc {r['hlc']}", str(r["hlc"]).encode()) for r in rows]
    assert cleartext_hits(tmp_path / "lib", needles)
    with NotesStore.open(tmp_path / "lib", an) as store:
        assert [a.uuid for a in store.annotations(SID, include_deleted=True)] == [r["uuid"] for r in rows]
        assert all(a.doc_hash == DOC and a.color == "#ffd400" for a in store.annotations(SID))
        assert cleartext_hits(tmp_path / "lib", needles) == []
    assert cleartext_hits(tmp_path / "lib", needles) == []


def test_an_old_row_that_does_not_open_hides_only_itself_after_the_upgrade(tmp_path: Path,
                                                                          an: UnlockedIdentity) -> None:
    folder = tmp_path / "lib"
    _, made = make_version_2(folder, an)
    bad = made.annotations(SID)[2]
    bad_op = made.ops[-1][0]
    con = sqlite3.connect(folder / DB_FILE)
    for table, key, value in (("annotations", "uuid", bad.uuid), ("outbox", "op_id", bad_op)):
        [(blob,)] = con.execute(f"SELECT payload FROM {table} WHERE {key} = ?", (value,)).fetchall()
        flipped = bytes(blob[:-1]) + bytes([blob[-1] ^ 1])
        con.execute(f"UPDATE {table} SET payload = ? WHERE {key} = ?", (flipped, value))
    con.execute("UPDATE annotations SET page = 99 WHERE uuid = ?", (made.annotations(SID)[3].uuid,))  # a clear column
    con.commit()
    con.close()
    damaged = {bad.uuid, made.annotations(SID)[3].uuid}
    with NotesStore.open(folder, an) as store:
        with pytest.raises(NotesTamperedError) as info:  # without a handler: refused, naming the row
            store.annotations(SID, include_deleted=True)
        assert info.value.params["uuid"] in damaged
        told: list[NotesTamperedError] = []
        store.on_damaged = told.append
        listed = store.annotations(SID, include_deleted=True)
        assert [a.uuid for a in listed] == [a.uuid for a in made.annotations(SID)[:2] + made.annotations(SID)[4:]]
        assert {e.params["uuid"] for e in told} == damaged
        told.clear()
        assert bad_op not in {o.op_id for o in store.pending_outbox()} and [e.params["uuid"] for e in told] == [bad_op]
    with NotesStore.open(folder, an) as store:  # carried over as they were: the store still opens
        store.on_damaged = told.append
        assert len(store.annotations(SID, include_deleted=True)) == len(made.annotations(SID)) - 2


def test_an_upgrade_cut_short_is_done_again_at_the_next_opening(tmp_path: Path, an: UnlockedIdentity,
                                                                monkeypatch: pytest.MonkeyPatch) -> None:
    folder = tmp_path / "lib"
    _, made = make_version_2(folder, an)

    def crash(self: object, conn: object) -> None:
        raise RuntimeError("power cut")

    monkeypatch.setattr(reseal.Resealer, "_move_outbox", crash)
    with pytest.raises(RuntimeError, match="power cut"):
        NotesStore.open(folder, an)
    tables = _tables(folder / DB_FILE)
    assert _versions(folder / DB_FILE)[-1] == SCHEMA_VERSION and set(mig.LEGACY_TABLES) <= set(tables)
    con = sqlite3.connect(folder / DB_FILE)
    assert con.execute("SELECT COUNT(*) FROM annotations").fetchone() == (0,)  # nothing half moved
    con.close()
    monkeypatch.undo()
    with NotesStore.open(folder, an) as store:
        assert store.annotations(SID, include_deleted=True) == made.annotations(SID)
        assert len(store.pending_outbox()) == len(made.ops) - 5
    assert not set(mig.LEGACY_TABLES) & set(_tables(folder / DB_FILE))
