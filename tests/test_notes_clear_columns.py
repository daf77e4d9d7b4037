"""What the notes database shows without the key: ids, keyed tags and tombstones — no document
hash, page, kind, colour, author, session id or time, in the file or in its WAL (issue 8, §6)."""

from __future__ import annotations

import hashlib
import sqlite3
from collections.abc import Iterable
from pathlib import Path

import pytest
from bundle_helpers import People, unlock
from notes_content import content, markup

from paperless.core.identity import UnlockedIdentity
from paperless.core.notes import DB_FILE, NotesStore

SID = "phien-12-bi-mat"
PDF = b"%PDF-1.7 ... the committee's confidential plan ..."
DOC = hashlib.sha256(PDF).hexdigest()  # what anyone holding the PDF can compute
DOC2 = hashlib.sha256(PDF + b" revised").hexdigest()
COLOURS = ("#ffd400", "#00aa00", "#ff0000cc")
KINDS = ("highlight", "underline", "strikeout", "textbox")  # "ink" and "note" are too short to tell from noise


@pytest.fixture(scope="module")
def an(people: People) -> UnlockedIdentity:
    return unlock(people.member("an"))


def needles_for(doc_hashes: Iterable[str], texts: Iterable[str]) -> list[tuple[str, bytes]]:
    """Every byte form a document hash (hex either case, raw) or a text (UTF-8, UTF-16) takes on disk."""
    out: list[tuple[str, bytes]] = []
    for h in doc_hashes:
        out += [(f"{h[:8]} hex", h.encode()), (f"{h[:8]} HEX", h.upper().encode()),
                (f"{h[:8]} raw", bytes.fromhex(h))]
    for t in texts:
        out += [(f"{t!r} {enc}", t.encode(enc)) for enc in ("utf-8", "utf-16-le", "utf-16-be")]
    return out


def cleartext_hits(folder: Path, needles: list[tuple[str, bytes]]) -> list[str]:
    """(file: needle) for every needle found in any file under ``folder``."""
    return [f"{p.name}: {label}" for p in sorted(folder.rglob("*")) if p.is_file()
            for label, needle in needles if needle in p.read_bytes()]


def _columns(path: Path) -> dict[str, set[str]]:
    con = sqlite3.connect(path)
    try:
        names = [r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type = 'table'")]
        return {n: {r[1] for r in con.execute(f"PRAGMA table_info({n})")} for n in names if n != "sqlite_sequence"}
    finally:
        con.close()


def test_the_scan_finds_each_form(tmp_path: Path) -> None:
    (tmp_path / "a").write_bytes(b"x" + bytes.fromhex(DOC) + b"y")
    (tmp_path / "b").write_bytes("…#ffd400…".encode("utf-16-le"))
    (tmp_path / "c").write_bytes(b"--" + DOC.upper().encode())
    assert cleartext_hits(tmp_path, needles_for([DOC], ["#ffd400"])) == [
        "a: " + DOC[:8] + " raw", "b: '#ffd400' utf-16-le", "c: " + DOC[:8] + " HEX"]


def test_no_document_hash_page_kind_colour_author_session_or_time_in_the_files(tmp_path: Path,
                                                                             an: UnlockedIdentity) -> None:
    folder = tmp_path / "member"
    store = NotesStore.open(folder, an)
    made = []
    for i in range(40):
        kind = KINDS[i % len(KINDS)]
        made.append(store.add_annotation(SID, DOC if i % 2 else DOC2, 100 + i, kind, COLOURS[i % 3],
                                         content(kind, "x")))
    store.update_annotation(made[0].uuid, page=317, color=COLOURS[1])
    store.delete_annotation(made[1].uuid)
    store.restore(made[1].uuid)
    store.add_bookmark(SID, DOC, 211, "nhãn")
    store.set_item_note(SID, 7, "ghi chú")
    store.mark_sent([op.op_id for op in store.pending_outbox(limit=5)])
    assert (folder / f"{DB_FILE}-wal").stat().st_size > 0  # the changes are in the WAL while it is open
    times = [t for a in store.annotations(SID) for t in (a.created, a.hlc)]
    needles = needles_for([DOC, DOC2], [*COLOURS, *KINDS, SID, an.card.fingerprint, *times])
    assert cleartext_hits(folder, needles) == []
    store.close()
    assert cleartext_hits(folder, needles) == []
    with NotesStore.open(folder, an) as again:  # and all of it is still there
        assert {a.kind.value for a in again.annotations(SID)} == set(KINDS)
        first = again.annotation(made[0].uuid)
        assert first is not None and (first.page, first.color, first.doc_hash) == (317, COLOURS[1], DOC2)
        assert [b.page for b in again.bookmarks(SID, DOC)] == [211]


def test_the_columns_in_clear_are_ids_tags_and_tombstones(tmp_path: Path, an: UnlockedIdentity) -> None:
    NotesStore.open(tmp_path, an).close()
    columns = _columns(tmp_path / DB_FILE)
    assert columns["annotations"] == {"uuid", "session_key", "doc_key", "deleted", "payload"}
    assert columns["bookmarks"] == {"uuid", "session_key", "doc_key", "deleted", "payload"}
    assert columns["item_notes"] == {"uuid", "session_key", "deleted", "payload"}
    assert columns["outbox"] == {"seq", "op_id", "record_uuid", "table_name", "payload", "sent_ms"}
    gone = {"doc_hash", "page", "kind", "color", "created", "hlc", "author", "session_id", "item_index", "op"}
    assert all(not (cols & gone) for cols in columns.values()), columns


def test_tags_are_keyed_per_member_and_per_session(tmp_path: Path, an: UnlockedIdentity, people: People) -> None:
    """The same document gives unrelated tags in two sessions and in two members' stores; the
    look-ups by document, page and agenda item still find exactly what they did."""
    with NotesStore.open(tmp_path / "an", an) as store:
        a1 = store.add_annotation(SID, DOC, 3, "highlight", None, markup())
        a2 = store.add_annotation("phien-13", DOC, 3, "highlight", None, markup())
        store.add_annotation(SID, DOC2, 3, "highlight", None, markup())
        store.add_annotation(SID, DOC, 4, "highlight", None, markup())
        store.set_item_note(SID, 2, "hai")
        store.set_item_note(SID, 5, "năm")
        assert [a.uuid for a in store.annotations(SID, DOC, page=3)] == [a1.uuid]
        assert [a.uuid for a in store.annotations("phien-13", DOC)] == [a2.uuid]
        assert len(store.annotations(SID)) == 3 and len(store.annotations(SID, DOC)) == 2
        note = store.item_note(SID, 5)
        assert note is not None and note.text == "năm" and store.item_note(SID, 3) is None
    with NotesStore.open(tmp_path / "binh", unlock(people.member("binh"))) as other:
        b = other.add_annotation(SID, DOC, 3, "highlight", None, markup())
    con = sqlite3.connect(tmp_path / "an" / DB_FILE)
    tags = dict(con.execute("SELECT uuid, doc_key FROM annotations").fetchall())
    con.close()
    con = sqlite3.connect(tmp_path / "binh" / DB_FILE)
    [(binh_tag,)] = con.execute("SELECT doc_key FROM annotations WHERE uuid = ?", (b.uuid,)).fetchall()
    con.close()
    assert len(tags[a1.uuid]) == 16 and tags[a1.uuid] != tags[a2.uuid] != binh_tag != tags[a1.uuid]
