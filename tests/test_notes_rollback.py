"""Rows put back, removed, added or swapped on disk are noticed when the store opens (issue 8, §6):
the sealed row digest (core/notes/integrity.py) must match the rows, or the whole store is refused."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

import pytest
from bundle_helpers import People, unlock
from notes_content import markup

from paperless.core.identity import UnlockedIdentity
from paperless.core.localstate import read_sealed
from paperless.core.notes import DB_FILE, KEY_FILE, NotesError, NotesRolledBackError, NotesStore
from paperless.core.notes.crypto import HEADER_SIZE, PayloadCipher

SID = "phien-12"
DOC = "c3" * 32
DOC2 = "d4" * 32


@pytest.fixture(scope="module")
def an(people: People) -> UnlockedIdentity:
    return unlock(people.member("an"))


def _sql(folder: Path, *statements: tuple[str, tuple[object, ...]]) -> list[list[tuple[object, ...]]]:
    con = sqlite3.connect(folder / DB_FILE)
    try:
        out = [con.execute(sql, args).fetchall() for sql, args in statements]
        con.commit()
        return out
    finally:
        con.close()


def _refused(folder: Path, an: UnlockedIdentity) -> NotesRolledBackError:
    with pytest.raises(NotesRolledBackError) as info:
        NotesStore.open(folder, an)
    err = info.value
    assert err.message("en") == (f"Some of your notes in {folder / DB_FILE} were replaced by older copies, removed "
                                 "or altered, so they were not opened; nothing was changed.")
    assert "đã bị thay bằng bản cũ hơn" in err.message("vi") and "\n" not in err.message("vi")
    return err


def _history(folder: Path, an: UnlockedIdentity) -> tuple[str, str]:
    """An annotation changed twice (moved to another document, recoloured, deleted and restored) and a second one."""
    with NotesStore.open(folder, an) as store:
        a = store.add_annotation(SID, DOC, 1, "highlight", "#ffd400", markup("bản đầu"))
        store.update_annotation(a.uuid, page=7, color="#ff0000", content=markup("bản sửa"))
        store.update_annotation(a.uuid, doc_hash=DOC2)
        b = store.add_annotation(SID, DOC, 2, "underline", None, markup("khác"))
        store.delete_annotation(b.uuid)
        store.restore(b.uuid)
        store.set_item_note(SID, 1, "ghi chú")
        store.add_bookmark(SID, DOC, 3, "dấu")
        store.mark_sent([op.op_id for op in store.pending_outbox(limit=2)])
    return a.uuid, b.uuid


def test_an_untouched_store_opens_again_and_again(tmp_path: Path, an: UnlockedIdentity) -> None:
    a, _ = _history(tmp_path, an)
    for _ in range(3):
        with NotesStore.open(tmp_path, an) as store:
            found = store.annotation(a)
            assert found is not None and (found.doc_hash, found.page, found.payload["quote"]) == (DOC2, 7, "bản sửa")
            store.update_annotation(a, color="#00aa00")


@pytest.mark.parametrize("version", [0, 1])
@pytest.mark.parametrize("with_columns", [True, False])
def test_an_older_copy_of_an_annotation_row_is_refused(tmp_path: Path, an: UnlockedIdentity, version: int,
                                                       with_columns: bool) -> None:
    """The older version's sealed payload is still in the outbox, and still opens for that row:
    put back over the current row (with the clear columns it had then, or alone) it is refused."""
    a, b = _history(tmp_path, an)
    [ops, [(doc_key_then,)]] = _sql(tmp_path, ("SELECT payload FROM outbox WHERE record_uuid = ? ORDER BY seq", (a,)),
                                    ("SELECT doc_key FROM annotations WHERE uuid = ?", (b,)))  # b is on DOC
    if with_columns:  # versions 0 and 1 were on DOC, the current one is on DOC2
        _sql(tmp_path, ("UPDATE annotations SET payload = ?, doc_key = ? WHERE uuid = ?", (ops[version][0],
                                                                                          doc_key_then, a)))
    else:
        _sql(tmp_path, ("UPDATE annotations SET payload = ? WHERE uuid = ?", (ops[version][0], a)))
    _refused(tmp_path, an)


def test_the_older_copy_opens_under_the_rows_own_seal(tmp_path: Path, an: UnlockedIdentity) -> None:
    """Why the digest is needed: the AEAD of a row binds its table and uuid, so its older versions
    (sealed for the same row) open — only the digest tells which one is current."""
    a, _ = _history(tmp_path, an)
    [ops] = _sql(tmp_path, ("SELECT payload FROM outbox WHERE record_uuid = ? ORDER BY seq", (a,)))
    body = read_sealed(tmp_path / KEY_FILE, an, "notes-key")
    assert body is not None
    first = PayloadCipher(body[-32:]).open("annotations", a, ops[0][0])
    assert first["data"] == markup("bản đầu").to_json() and first["meta"]["page"] == 1 and first["op"] == "create"


def test_a_removed_outbox_operation_is_refused(tmp_path: Path, an: UnlockedIdentity) -> None:
    _history(tmp_path, an)
    _sql(tmp_path, ("DELETE FROM outbox WHERE seq = (SELECT MAX(seq) FROM outbox)", ()))
    _refused(tmp_path, an)


def test_a_removed_record_is_refused(tmp_path: Path, an: UnlockedIdentity) -> None:
    _, b = _history(tmp_path, an)
    _sql(tmp_path, ("DELETE FROM annotations WHERE uuid = ?", (b,)))
    _refused(tmp_path, an)


def test_a_removed_bookmark_or_item_note_is_refused(tmp_path: Path, an: UnlockedIdentity) -> None:
    _history(tmp_path / "one", an)
    shutil.copytree(tmp_path / "one", tmp_path / "two")
    _sql(tmp_path / "one", ("DELETE FROM bookmarks", ()))
    _refused(tmp_path / "one", an)
    _sql(tmp_path / "two", ("DELETE FROM item_notes", ()))
    _refused(tmp_path / "two", an)


@pytest.mark.parametrize("what", ["records", "outbox order"])
def test_two_rows_swapped_are_refused(tmp_path: Path, an: UnlockedIdentity, what: str) -> None:
    a, b = _history(tmp_path, an)
    if what == "records":  # each row keeps its place, the two exchange everything they hold
        _sql(tmp_path, ("UPDATE annotations SET uuid = 'x' WHERE uuid = ?", (a,)),
             ("UPDATE annotations SET uuid = ? WHERE uuid = ?", (a, b)),
             ("UPDATE annotations SET uuid = ? WHERE uuid = 'x'", (b,)))
    else:  # the sync queue in another order
        _sql(tmp_path, ("UPDATE outbox SET seq = 1000 WHERE seq = 3", ()),
             ("UPDATE outbox SET seq = 3 WHERE seq = 4", ()),
             ("UPDATE outbox SET seq = 4 WHERE seq = 1000", ()))
    _refused(tmp_path, an)


@pytest.mark.parametrize("change", [
    "INSERT INTO outbox (op_id, record_uuid, table_name, payload, sent_ms) "
    "SELECT 'copy', record_uuid, table_name, payload, NULL FROM outbox WHERE seq = 1",  # an operation repeated
    "UPDATE outbox SET sent_ms = 1 WHERE sent_ms IS NULL",  # pending changes hidden from the sync
    "UPDATE outbox SET sent_ms = NULL",  # sent ones sent again
    "UPDATE annotations SET deleted = 1",  # tombstones set in clear
])
def test_an_added_or_changed_row_is_refused(tmp_path: Path, an: UnlockedIdentity, change: str) -> None:
    _history(tmp_path, an)
    _sql(tmp_path, (change, ()))
    _refused(tmp_path, an)


def test_the_digest_itself_put_back_or_removed_is_refused(tmp_path: Path, an: UnlockedIdentity) -> None:
    _history(tmp_path, an)
    [[(state,)]] = _sql(tmp_path, ("SELECT value FROM meta WHERE key = 'state'", ()))
    with NotesStore.open(tmp_path, an) as store:
        store.add_bookmark(SID, DOC2, 5)
    _sql(tmp_path, ("UPDATE meta SET value = ? WHERE key = 'state'", (state,)))  # an older genuine digest
    _refused(tmp_path, an)
    _sql(tmp_path, ("DELETE FROM meta WHERE key = 'state'", ()))
    _refused(tmp_path, an)


def test_damage_inside_a_sealed_payload_is_not_a_rollback(tmp_path: Path, an: UnlockedIdentity) -> None:
    """The digest covers the seal's header (format, nonce), not the ciphertext: damage there is the
    row's own (it hides itself), while a different sealing of the row — any rollback — is refused."""
    a, b = _history(tmp_path, an)
    [[(blob,)]] = _sql(tmp_path, ("SELECT payload FROM annotations WHERE uuid = ?", (a,)))
    assert isinstance(blob, bytes)
    _sql(tmp_path, ("UPDATE annotations SET payload = ? WHERE uuid = ?",
                    (blob[:HEADER_SIZE] + bytes(len(blob) - HEADER_SIZE), a)))
    with NotesStore.open(tmp_path, an) as store:
        store.on_damaged = lambda exc: None
        assert [x.uuid for x in store.annotations(SID)] == [b]
    _sql(tmp_path, ("UPDATE annotations SET payload = ? WHERE uuid = ?", (bytes([blob[0] ^ 3]) + blob[1:], a)))
    _refused(tmp_path, an)


def test_a_failed_change_leaves_the_digest_as_it_was(tmp_path: Path, an: UnlockedIdentity) -> None:
    a, _ = _history(tmp_path, an)
    with NotesStore.open(tmp_path, an) as store:
        _sql(tmp_path, ("CREATE TRIGGER outbox_fails BEFORE INSERT ON outbox "
                        "BEGIN SELECT RAISE(ABORT, 'outbox broken'); END", ()))
        with pytest.raises(NotesError, match="outbox broken"):
            store.update_annotation(a, page=9)
        _sql(tmp_path, ("DROP TRIGGER outbox_fails", ()))
    with NotesStore.open(tmp_path, an) as store:
        found = store.annotation(a)
        assert found is not None and found.page == 7


def test_a_whole_database_put_back_is_not_seen_here(tmp_path: Path, an: UnlockedIdentity) -> None:
    """The limit, written down in core/notes/integrity.py: an older genuine copy of the whole
    database (rows and digest together) is consistent, and nothing on this computer alone can tell
    it from the current one. The sync's server is the witness for that."""
    a, _ = _history(tmp_path, an)
    shutil.copy(tmp_path / DB_FILE, tmp_path / "backup")
    with NotesStore.open(tmp_path, an) as store:
        store.update_annotation(a, page=30)
    shutil.copy(tmp_path / "backup", tmp_path / DB_FILE)
    with NotesStore.open(tmp_path, an) as store:
        found = store.annotation(a)
        assert found is not None and found.page == 7
