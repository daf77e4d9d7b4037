"""Failures the member can meet: wrong or missing key, damaged database, full disk. One line each, nothing half-saved."""

from __future__ import annotations

import os
import shutil
import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest
from bundle_helpers import People, unlock
from disk_helpers import tiny_tmpfs
from notes_content import ink, markup

from paperless.core.errors import PaperlessError
from paperless.core.identity import UnlockedIdentity
from paperless.core.notes import (
    DB_FILE,
    KEY_FILE,
    NotesCorruptError,
    NotesDiskFullError,
    NotesKeyError,
    NotesKeyMissingError,
    NotesStore,
)

SID = "phien-12"
DOC = "9f" * 32


@pytest.fixture(scope="module")
def an(people: People) -> UnlockedIdentity:
    return unlock(people.member("an"))


def _one_line_both_languages(err: PaperlessError) -> None:
    for lang in ("en", "vi"):
        msg = err.message(lang)
        assert msg and "\n" not in msg and "Traceback" not in msg
    assert err.message("en") != err.message("vi")


def _with_notes(folder: Path, an: UnlockedIdentity, n: int = 3) -> None:
    with NotesStore.open(folder, an) as store:
        for i in range(n):
            store.add_annotation(SID, DOC, i, "highlight", "#ffd400", markup(comment=f"ghi chú {i}" * 20))


def test_a_key_file_of_another_member_is_refused(tmp_path: Path, an: UnlockedIdentity, people: People) -> None:
    _with_notes(tmp_path / "an", an)
    NotesStore.open(tmp_path / "binh", unlock(people.member("binh"))).close()
    shutil.copy(tmp_path / "binh" / KEY_FILE, tmp_path / "an" / KEY_FILE)
    with pytest.raises(NotesKeyError) as info:
        NotesStore.open(tmp_path / "an", an)
    assert info.value.message("en") == (
        f"The key to your notes, {tmp_path / 'an' / KEY_FILE}, cannot be used: it belongs to another identity")
    assert "thuộc về một danh tính khác" in info.value.message("vi")
    _one_line_both_languages(info.value)


def test_another_key_of_the_same_member_is_refused(tmp_path: Path, an: UnlockedIdentity) -> None:
    _with_notes(tmp_path / "one", an)
    NotesStore.open(tmp_path / "two", an).close()
    before = (tmp_path / "one" / DB_FILE).read_bytes()
    shutil.copy(tmp_path / "two" / KEY_FILE, tmp_path / "one" / KEY_FILE)
    with pytest.raises(NotesKeyError, match="it is not the key of these notes") as info:
        NotesStore.open(tmp_path / "one", an)
    _one_line_both_languages(info.value)
    assert (tmp_path / "one" / DB_FILE).read_bytes() == before


def test_a_missing_key_is_not_silently_replaced(tmp_path: Path, an: UnlockedIdentity) -> None:
    _with_notes(tmp_path, an)
    (tmp_path / KEY_FILE).unlink()
    with pytest.raises(NotesKeyMissingError) as info:
        NotesStore.open(tmp_path, an)
    _one_line_both_languages(info.value)
    assert not (tmp_path / KEY_FILE).exists()


def test_a_damaged_key_file_is_refused(tmp_path: Path, an: UnlockedIdentity) -> None:
    _with_notes(tmp_path, an)
    data = bytearray((tmp_path / KEY_FILE).read_bytes())
    data[-5] ^= 0xFF
    (tmp_path / KEY_FILE).write_bytes(bytes(data))
    with pytest.raises(NotesKeyError) as info:
        NotesStore.open(tmp_path, an)
    _one_line_both_languages(info.value)


def test_a_file_that_is_not_a_database_is_refused(tmp_path: Path, an: UnlockedIdentity) -> None:
    _with_notes(tmp_path, an)
    (tmp_path / DB_FILE).write_bytes(os.urandom(8192))
    with pytest.raises(NotesCorruptError) as info:
        NotesStore.open(tmp_path, an)
    assert info.value.message("en").startswith(f"Your notes database {tmp_path / DB_FILE} is damaged")
    _one_line_both_languages(info.value)


def test_a_damaged_page_inside_the_database_is_refused(tmp_path: Path, an: UnlockedIdentity) -> None:
    _with_notes(tmp_path, an, n=200)
    path = tmp_path / DB_FILE
    page = sqlite3.connect(path).execute("PRAGMA page_size").fetchone()[0]
    data = bytearray(path.read_bytes())
    assert len(data) > 8 * page
    data[5 * page:6 * page] = os.urandom(page)
    path.write_bytes(bytes(data))
    with pytest.raises(NotesCorruptError) as info:
        with NotesStore.open(tmp_path, an) as store:
            store.annotations(SID)
    _one_line_both_languages(info.value)


@pytest.fixture
def tiny_disk(tmp_path: Path) -> Iterator[Path]:
    with tiny_tmpfs(tmp_path, "512k") as mnt:
        yield mnt


def test_a_full_disk_loses_only_the_change_that_did_not_fit(tiny_disk: Path, an: UnlockedIdentity) -> None:
    saved: list[str] = []
    with NotesStore.open(tiny_disk / "notes", an) as store:
        with pytest.raises(NotesDiskFullError) as info:
            for i in range(10_000):
                saved.append(store.add_annotation(SID, DOC, i, "ink", "#000000",
                                                  ink((tuple((i, j) for j in range(50)),))).uuid)
        assert info.value.message("en") == (f"Not enough disk space to save your notes in "
                                            f"{tiny_disk / 'notes' / DB_FILE}; the last change was not saved.")
        _one_line_both_languages(info.value)
        assert 5 < len(saved) < 10_000
        # Reading still works and shows exactly what was reported saved, each with its outbox operation.
        assert [a.uuid for a in store.annotations(SID)] == saved
        assert [op.record_uuid for op in store.pending_outbox()] == saved
    with NotesStore.open(tiny_disk / "notes", an) as again:
        assert [a.uuid for a in again.annotations(SID)] == saved
        assert [op.record_uuid for op in again.pending_outbox()] == saved
