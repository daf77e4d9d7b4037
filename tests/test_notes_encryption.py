"""Encryption at rest: no note text in any file, and tampered or swapped payloads are refused."""

from __future__ import annotations

import sqlite3
import unicodedata
from dataclasses import replace
from pathlib import Path

import pytest
from bundle_helpers import People, unlock
from notes_content import box, markup

from paperless.core.age import AgeNoMatchError, decrypt_bytes
from paperless.core.anchoring import Anchor, PageRect, TextQuote
from paperless.core.identity import UnlockedIdentity
from paperless.core.localstate import MAGIC as SEALED_MAGIC
from paperless.core.localstate import read_sealed
from paperless.core.notes import DB_FILE, KEY_FILE, NotesRolledBackError, NotesStore, NotesTamperedError, TextMarkup
from paperless.core.notes.crypto import HEADER_SIZE

SID = "phien-12"
DOC = "12" * 32
MARKER = "BÍ-MẬT-GHI-CHÚ-4711"
QUOTE = "Nghị quyết về chuyển đổi số: ưu tiên đầu tư hạ tầng dữ liệu"
NOTE = "Đề nghị làm rõ nguồn vốn — hỏi đồng chí Bình"
LABEL = "Bảng tổng hợp kinh phí"
SECRETS = (MARKER, QUOTE, NOTE, LABEL, "chuyển đổi số", "nguồn vốn")


@pytest.fixture(scope="module")
def an(people: People) -> UnlockedIdentity:
    return unlock(people.member("an"))


def _needles() -> list[tuple[str, bytes]]:
    out = []
    for text in SECRETS:
        for form in ("NFC", "NFD"):
            value = unicodedata.normalize(form, text)
            for enc in ("utf-8", "utf-16-le", "utf-16-be"):
                out.append((f"{text!r} {form} {enc}", value.encode(enc)))
    return out


def _hits(folder: Path) -> list[str]:
    """Every (file, needle) where a secret appears, in any of its byte forms."""
    return [f"{p.name}: {label}" for p in sorted(folder.rglob("*")) if p.is_file()
            for label, needle in _needles() if needle in p.read_bytes()]


def test_the_scan_itself_finds_plaintext(tmp_path: Path) -> None:
    (tmp_path / "leak.txt").write_bytes(b"..." + unicodedata.normalize("NFD", QUOTE).encode("utf-16-be") + b"...")
    (tmp_path / "leak2.bin").write_bytes(MARKER.encode())
    assert {h.split(":")[0] for h in _hits(tmp_path)} == {"leak.txt", "leak2.bin"}


def _write_secrets(store: NotesStore) -> None:
    for i in range(30):
        anchor = Anchor(DOC, i, (PageRect(i, 72.0, 100.0 + i, 400.0, 114.0 + i),),
                        quote=TextQuote(QUOTE, "Điều 3. ", f" ({MARKER})"))
        store.add_annotation(SID, DOC, i, "highlight", "#ffd400", TextMarkup(anchor=anchor, quote=QUOTE,
                                                                            comment=f"{NOTE} {i}"))
    a = store.add_annotation(SID, DOC, 0, "textbox", None, box(MARKER))
    store.update_annotation(a.uuid, content=box(f"{MARKER} {QUOTE}"))
    store.delete_annotation(a.uuid)
    store.set_item_note(SID, 0, f"{NOTE}\n{MARKER}")
    store.set_item_note(SID, 0, f"{NOTE}\n{MARKER}\n{QUOTE}")
    store.add_bookmark(SID, DOC, 4, LABEL)


def test_no_note_text_in_any_file_open_or_closed(tmp_path: Path, an: UnlockedIdentity) -> None:
    folder = tmp_path / "library" / "member"
    store = NotesStore.open(folder, an)
    _write_secrets(store)
    assert (folder / f"{DB_FILE}-wal").stat().st_size > 0  # the WAL is on disk while the store is open
    assert _hits(tmp_path) == []
    store.close()
    assert _hits(tmp_path) == []
    assert (folder / KEY_FILE).read_bytes().startswith(b"age-encryption.org/v1\n")
    with NotesStore.open(folder, an) as again:  # and everything reads back
        assert len(again.annotations(SID)) == 30
        note = again.item_note(SID, 0)
        assert note is not None and note.text == f"{NOTE}\n{MARKER}\n{QUOTE}"
        assert [b.label for b in again.bookmarks(SID)] == [LABEL]
        assert MARKER in again.annotations(SID)[0].payload["anchor"]["quote"]["suffix"]
        # The outbox carries the same sealed payloads (checked by the scan above) and opens.
        assert any(MARKER in str(again.open_op(op)) for op in again.pending_outbox())


def test_the_key_file_holds_only_the_key_for_this_member(tmp_path: Path, an: UnlockedIdentity,
                                                         people: People) -> None:
    NotesStore.open(tmp_path, an).close()
    data = (tmp_path / KEY_FILE).read_bytes()
    plain = decrypt_bytes([an.age_identity], data)
    # sealed by the identity (core.localstate): magic, a 32-byte MAC, then the key itself
    assert plain.startswith(SEALED_MAGIC) and len(plain) == len(SEALED_MAGIC) + 32 + 22 + 32
    body = read_sealed(tmp_path / KEY_FILE, an, "notes-key")
    assert body is not None and body.startswith(b"paperless-notes-key/1\n") and len(body) == 22 + 32
    with pytest.raises(AgeNoMatchError):
        decrypt_bytes([unlock(people.member("binh")).age_identity], data)


def _sql(path: Path, *statements: tuple[str, tuple[object, ...]]) -> list[list[tuple[object, ...]]]:
    con = sqlite3.connect(path)
    try:
        out = [con.execute(sql, args).fetchall() for sql, args in statements]
        con.commit()
        return out
    finally:
        con.close()


def _two_annotations(folder: Path, an: UnlockedIdentity) -> tuple[str, str]:
    with NotesStore.open(folder, an) as store:
        a = store.add_annotation(SID, DOC, 1, "highlight", "#ffd400", markup("thứ nhất"))
        b = store.add_annotation(SID, DOC, 2, "underline", "#00ff00", markup("thứ hai"))
    return a.uuid, b.uuid


def _flip_a_bit_inside(blob: object) -> bytes:
    """The sealed blob with one bit of its ciphertext changed (its format byte and nonce kept)."""
    assert isinstance(blob, bytes) and len(blob) > HEADER_SIZE + 16
    bad = bytearray(blob)
    bad[HEADER_SIZE + (len(bad) - HEADER_SIZE) // 2] ^= 0x01
    return bytes(bad)


def _refused_at_open(folder: Path, an: UnlockedIdentity) -> None:
    """Rows that are not the ones this device wrote: the whole store is refused, with one line in each language."""
    with pytest.raises(NotesRolledBackError) as info:
        NotesStore.open(folder, an)
    assert isinstance(info.value, NotesTamperedError)
    assert info.value.message("en").startswith(f"Some of your notes in {folder / DB_FILE} were replaced by older")
    assert "bị thay bằng bản cũ hơn" in info.value.message("vi")


def _refused(folder: Path, an: UnlockedIdentity, uuid: str) -> None:
    with NotesStore.open(folder, an) as store, pytest.raises(NotesTamperedError) as info:
        store.annotations(SID)
    msg = info.value.message("en")
    assert msg == f"A saved note in {folder / DB_FILE} has been altered or damaged and cannot be read (annotations {uuid})."
    assert "đã bị sửa đổi" in info.value.message("vi")


def test_a_flipped_bit_in_a_payload_is_refused(tmp_path: Path, an: UnlockedIdentity) -> None:
    a, _ = _two_annotations(tmp_path, an)
    [[(blob,)]] = _sql(tmp_path / DB_FILE, ("SELECT payload FROM annotations WHERE uuid = ?", (a,)))
    assert isinstance(blob, bytes)
    bad = bytearray(blob)
    bad[len(bad) // 2] ^= 0x01
    _sql(tmp_path / DB_FILE, ("UPDATE annotations SET payload = ? WHERE uuid = ?", (bytes(bad), a)))
    _refused(tmp_path, an, a)


def test_payloads_swapped_between_rows_are_refused(tmp_path: Path, an: UnlockedIdentity) -> None:
    a, b = _two_annotations(tmp_path, an)
    _sql(tmp_path / DB_FILE,
         ("UPDATE annotations SET payload = (SELECT payload FROM annotations WHERE uuid = ?) WHERE uuid = ?", (b, a)))
    _refused_at_open(tmp_path, an)  # another row's sealing: the row digest no longer matches


def test_a_payload_copied_with_its_version_onto_a_twin_row_is_refused(tmp_path: Path, an: UnlockedIdentity) -> None:
    """Same page, kind and colour: only the uuid in the associated data tells the rows apart."""
    with NotesStore.open(tmp_path, an) as store:
        a = store.add_annotation(SID, DOC, 1, "highlight", "#ffd400", markup("giữ"))
        b = store.add_annotation(SID, DOC, 1, "highlight", "#ffd400", markup("xóa"))
    _sql(tmp_path / DB_FILE, ("UPDATE annotations SET payload = (SELECT payload FROM annotations WHERE uuid = ?) "
                              "WHERE uuid = ?", (b.uuid, a.uuid)))
    _refused_at_open(tmp_path, an)


def test_a_payload_moved_to_another_table_is_refused(tmp_path: Path, an: UnlockedIdentity) -> None:
    with NotesStore.open(tmp_path, an) as store:
        note = store.set_item_note(SID, 0, "ghi chú")
        bm = store.add_bookmark(SID, DOC, 0, "x")
    _sql(tmp_path / DB_FILE, ("UPDATE bookmarks SET uuid = ?, payload = (SELECT payload FROM item_notes) "
                              "WHERE uuid = ?", (note.uuid, bm.uuid)))
    _refused_at_open(tmp_path, an)


# Page, colour and kind are no longer columns (they are sealed: a changed bit there is the test above);
# what is left in clear are the keyed tags and the tombstone.
@pytest.mark.parametrize("change", ["UPDATE annotations SET doc_key = randomblob(16)",
                                    "UPDATE annotations SET session_key = randomblob(16)",
                                    "UPDATE annotations SET doc_key = (SELECT doc_key FROM annotations WHERE rowid = 1)"
                                    " WHERE rowid = 2",
                                    "UPDATE annotations SET deleted = 1 WHERE rowid = 2"])
def test_changed_clear_columns_are_noticed(tmp_path: Path, an: UnlockedIdentity, change: str) -> None:
    _two_annotations(tmp_path, an)
    with NotesStore.open(tmp_path, an) as store:  # a different document for the row changed third
        store.update_annotation(store.annotations(SID)[0].uuid, doc_hash="56" * 32)
    _sql(tmp_path / DB_FILE, (change, ()))
    with pytest.raises(NotesTamperedError):
        with NotesStore.open(tmp_path, an) as store:
            store.annotations(SID, include_deleted=True)


def test_a_tampered_outbox_operation_is_refused(tmp_path: Path, an: UnlockedIdentity) -> None:
    _two_annotations(tmp_path, an)
    with NotesStore.open(tmp_path, an) as store:
        first, second = store.pending_outbox()
        assert store.open_op(second)["data"] == markup("thứ hai").to_json()
        with pytest.raises(NotesTamperedError, match="outbox"):  # another operation's payload
            store.open_op(replace(first, payload=second.payload))
        with pytest.raises(NotesTamperedError, match="outbox"):  # a damaged payload
            store.open_op(replace(first, payload=_flip_a_bit_inside(first.payload)))
        with pytest.raises(NotesTamperedError, match="outbox"):  # the right payload, said to be another change
            store.open_op(replace(first, hlc=second.hlc))
    # On disk: a damaged operation hides only itself (or is raised); another operation's payload refuses the store.
    [[(blob,)]] = _sql(tmp_path / DB_FILE, ("SELECT payload FROM outbox WHERE seq = 1", ()))
    _sql(tmp_path / DB_FILE, ("UPDATE outbox SET payload = ? WHERE seq = 1", (_flip_a_bit_inside(blob),)))
    with NotesStore.open(tmp_path, an) as store:
        with pytest.raises(NotesTamperedError, match="outbox"):
            store.pending_outbox()
        told: list[NotesTamperedError] = []
        store.on_damaged = told.append
        assert [op.op_id for op in store.pending_outbox()] == [second.op_id]
        assert [e.params["uuid"] for e in told] == [first.op_id]
    _sql(tmp_path / DB_FILE, ("UPDATE outbox SET payload = (SELECT payload FROM outbox WHERE seq = 2) "
                              "WHERE seq = 1", ()))
    _refused_at_open(tmp_path, an)


def test_with_a_damage_handler_a_bad_row_hides_only_itself(tmp_path: Path, an: UnlockedIdentity) -> None:
    """Damage inside a row's sealed payload (its format byte and nonce intact) is that row's alone;
    a row swapped or rolled back refuses the whole store instead (tests/test_notes_rollback.py)."""
    a, b = _two_annotations(tmp_path, an)
    [[(blob,)]] = _sql(tmp_path / DB_FILE, ("SELECT payload FROM annotations WHERE uuid = ?", (a,)))
    _sql(tmp_path / DB_FILE, ("UPDATE annotations SET payload = ? WHERE uuid = ?", (_flip_a_bit_inside(blob), a)))
    with NotesStore.open(tmp_path, an) as store:
        told: list[NotesTamperedError] = []
        store.on_damaged = told.append
        assert [x.uuid for x in store.annotations(SID)] == [b]  # the readable one is still listed
        [error] = told
        assert "(annotations " + a + ")" in error.message("en") and "đã bị sửa đổi" in error.message("vi")
        store.on_damaged = None
        with pytest.raises(NotesTamperedError):  # without a handler: refused as before
            store.annotations(SID)
