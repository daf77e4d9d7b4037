"""Schema versions: a new database, an older one with real data, a newer one, a failed step."""

from __future__ import annotations

import sqlite3
import uuid
from pathlib import Path

import pytest
from bundle_helpers import People, unlock

from paperless.core.identity import UnlockedIdentity
from paperless.core.notes import DB_FILE, KEY_FILE, SCHEMA_VERSION, NotesStore, OpKind
from paperless.core.notes import migrations as mig
from paperless.core.notes.crypto import PayloadCipher, create_key
from paperless.core.notes.db import make_engine, metadata
from paperless.core.notes.errors import NotesCorruptError, NotesError, NotesFromNewerAppError
from paperless.core.notes.hlc import Hlc
from paperless.core.notes.records import envelope

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
                                                    "migration_0002_bookmarks_created_indexes"]


def _old_row(cipher: PayloadCipher, author: str, page: int, text: str, hlc: str, deleted: bool) -> dict[str, object]:
    """An annotation as version-1 code wrote it: no ``created`` column yet."""
    row: dict[str, object] = {"uuid": str(uuid.uuid4()), "author": author, "session_id": SID, "doc_hash": DOC,
                              "page": page, "kind": "highlight", "color": "#ffd400", "deleted": deleted, "hlc": hlc}
    row["payload"] = cipher.seal("annotations", str(row["uuid"]), hlc,
                                 envelope("annotations", row, {"text": text, "rects": [[1, 2, 3, 4]]}))
    return row


def _make_version_1(folder: Path, an: UnlockedIdentity) -> list[dict[str, object]]:
    """A database left by the first release: only migration 1, with annotations, a note and the outbox."""
    folder.mkdir(parents=True)
    cipher = PayloadCipher(create_key(folder / KEY_FILE, an))
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
        blob = cipher.seal("item_notes", note["uuid"], note_hlc, envelope("item_notes", note, {"text": "Ý kiến cũ"}))
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
        assert [(a.uuid, a.page, a.payload["text"]) for a in live] == [
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
        store.add_annotation(SID, DOC, 0, "highlight", None, {"text": "giữ nguyên"})
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
