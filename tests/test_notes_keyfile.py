"""The notes key file is sealed by the member's identity; one it did not seal is never trusted
where it could matter (issue 8, §5: "a planted notes.key.age is used when no notes database
exists yet")."""

from __future__ import annotations

import os
import shutil
import sqlite3
from pathlib import Path

import pytest
from bundle_helpers import People, unlock
from notes_content import ink, markup
from test_notes_migrations import make_version_2

from paperless.core.age import encrypt_bytes
from paperless.core.identity import UnlockedIdentity
from paperless.core.localstate import UnauthenticatedStateError, read_sealed, write_sealed
from paperless.core.notes import (
    DB_FILE,
    KEY_FILE,
    NotesKeyError,
    NotesKeyRejectedNotice,
    NotesStore,
    reseal,
)
from paperless.core.notes.crypto import PayloadCipher, SealError
from paperless.core.notes.legacy import LegacyCipher

SID = "phien-12"
DOC = "7e" * 32
KEY_MAGIC = b"paperless-notes-key/1\n"


@pytest.fixture(scope="module")
def an(people: People) -> UnlockedIdentity:
    return unlock(people.member("an"))


def _plant(folder: Path, an: UnlockedIdentity) -> bytes:
    """What anyone holding the member's public card can do: a key they know, encrypted to the card."""
    folder.mkdir(parents=True, exist_ok=True)
    key = os.urandom(32)
    (folder / KEY_FILE).write_bytes(encrypt_bytes([an.card.age_recipient], KEY_MAGIC + key))
    return key


def _sealed_key(folder: Path, an: UnlockedIdentity) -> bytes:
    body = read_sealed(folder / KEY_FILE, an, "notes-key")
    assert body is not None and body.startswith(KEY_MAGIC)
    return body[len(KEY_MAGIC):]


def _blobs(folder: Path) -> list[tuple[str, str, bytes]]:
    """(table, uuid, sealed blob) of every record, outbox operation and meta value in the database."""
    con = sqlite3.connect(folder / DB_FILE)
    try:
        out = [(t, u, b) for t in ("annotations", "item_notes", "bookmarks")
               for u, b in con.execute(f"SELECT uuid, payload FROM {t}")]
        out += list(con.execute("SELECT table_name, record_uuid, payload FROM outbox"))
        out += [("meta", k, v) for k, v in con.execute("SELECT key, value FROM meta")]
        return out
    finally:
        con.close()


def _opens_nothing(folder: Path, key: bytes, versions: dict[str, list[str]]) -> None:
    """``key`` opens none of the database's sealed values, in this format or the first releases' one."""
    blobs = _blobs(folder)
    assert len(blobs) > 5
    new, old = PayloadCipher(key), LegacyCipher(key)
    for table, uuid, blob in blobs:
        with pytest.raises(SealError):
            new.open(table, uuid, blob)
        for version in [*versions.get(uuid, []), "0"]:
            with pytest.raises(SealError):
                old.open(table, uuid, version, blob)


def _write_some(store: NotesStore) -> dict[str, list[str]]:
    a = store.add_annotation(SID, DOC, 2, "highlight", "#ffd400", markup("Nghị quyết số 12 — bí mật"))
    b = store.update_annotation(a.uuid, content=markup("Nghị quyết số 12 — bí mật", "hỏi lại"))
    n = store.set_item_note(SID, 0, "Ý kiến riêng về nhân sự")
    m = store.add_bookmark(SID, DOC, 4, "Bảng lương")
    return {a.uuid: [a.hlc, b.hlc], n.uuid: [n.hlc], m.uuid: [m.hlc]}


def test_a_key_planted_in_a_fresh_folder_is_never_used(tmp_path: Path, an: UnlockedIdentity) -> None:
    """The attack: a key encrypted to the member's public card, planted before the database exists."""
    folder = tmp_path / "library" / "member"
    planted = _plant(folder, an)
    planted_file = (folder / KEY_FILE).read_bytes()
    with NotesStore.open(folder, an) as store:
        versions = _write_some(store)
        [notice] = store.notices
    assert isinstance(notice, NotesKeyRejectedNotice)
    for lang in ("en", "vi"):
        assert "\n" not in notice.message(lang) and "rejected-" in notice.message(lang)
    assert "was not made by your identity" in notice.message("en") and "không do danh tính" in notice.message("vi")
    [aside] = folder.glob(f"{KEY_FILE}.rejected-*")
    assert aside.read_bytes() == planted_file  # kept, for whoever looks into it, but never used
    assert _sealed_key(folder, an) != planted
    _opens_nothing(folder, planted, versions)
    with NotesStore.open(folder, an) as again:  # the new key is the member's from now on
        assert again.notices == () and again.item_note(SID, 0) is not None


def test_no_key_and_no_database_makes_a_sealed_key(tmp_path: Path, an: UnlockedIdentity) -> None:
    with NotesStore.open(tmp_path, an) as store:
        assert store.notices == ()
        store.add_annotation(SID, DOC, 0, "ink", None, ink())
    key = _sealed_key(tmp_path, an)
    assert len(key) == 32 and not list(tmp_path.glob("*.rejected-*"))


@pytest.mark.parametrize("bad", ["another purpose", "another member", "damaged", "not a key"])
def test_a_wrongly_sealed_key_with_no_notes_is_set_aside(tmp_path: Path, an: UnlockedIdentity, people: People,
                                                         bad: str) -> None:
    path = tmp_path / KEY_FILE
    if bad == "another purpose":
        write_sealed(path, an, "library", KEY_MAGIC + os.urandom(32))
    elif bad == "another member":
        write_sealed(path, unlock(people.member("binh")), "notes-key", KEY_MAGIC + os.urandom(32))
    elif bad == "damaged":
        write_sealed(path, an, "notes-key", KEY_MAGIC + os.urandom(32))
        data = bytearray(path.read_bytes())
        data[-3] ^= 0x40
        path.write_bytes(bytes(data))
    else:
        write_sealed(path, an, "notes-key", b"something else")
    with NotesStore.open(tmp_path, an) as store:
        [notice] = store.notices
        store.add_annotation(SID, DOC, 0, "ink", None, ink())
    assert len(list(tmp_path.glob(f"{KEY_FILE}.rejected-*"))) == 1 and len(_sealed_key(tmp_path, an)) == 32


def test_a_wrongly_sealed_key_beside_notes_is_refused_and_kept(tmp_path: Path, an: UnlockedIdentity) -> None:
    with NotesStore.open(tmp_path, an) as store:
        _write_some(store)
    db_before = (tmp_path / DB_FILE).read_bytes()
    write_sealed(tmp_path / KEY_FILE, an, "library", KEY_MAGIC + _sealed_key(tmp_path, an))  # the right key, wrong seal
    key_before = (tmp_path / KEY_FILE).read_bytes()
    with pytest.raises(NotesKeyError) as info:
        NotesStore.open(tmp_path, an)
    assert info.value.message("en").endswith("cannot be used: its seal does not match")
    assert "dấu xác thực không khớp" in info.value.message("vi")
    assert (tmp_path / KEY_FILE).read_bytes() == key_before  # never overwritten
    assert (tmp_path / DB_FILE).read_bytes() == db_before and not list(tmp_path.glob("*.rejected-*"))


def test_an_unsealed_key_beside_a_current_database_is_refused(tmp_path: Path, an: UnlockedIdentity) -> None:
    """Even the right key: a schema-3 database was made by this version, which seals its key;
    an unsealed one beside it was put there by someone else."""
    with NotesStore.open(tmp_path, an) as store:
        _write_some(store)
    genuine = _sealed_key(tmp_path, an)
    (tmp_path / KEY_FILE).write_bytes(encrypt_bytes([an.card.age_recipient], KEY_MAGIC + genuine))
    key_before = (tmp_path / KEY_FILE).read_bytes()
    with pytest.raises(NotesKeyError, match="carries no seal of your identity"):
        NotesStore.open(tmp_path, an)
    assert (tmp_path / KEY_FILE).read_bytes() == key_before


def test_the_previous_versions_key_is_checked_then_sealed(tmp_path: Path, an: UnlockedIdentity) -> None:
    """The upgrade window: an unsealed key beside a schema-2 database with notes is used only if
    it opens that database's key check, and is sealed at once."""
    old, made = make_version_2(tmp_path / "lib", an)
    with NotesStore.open(tmp_path / "lib", an) as store:
        assert store.notices == () and store.annotations(SID, include_deleted=True) == made.annotations(SID)
    assert _sealed_key(tmp_path / "lib", an) == old.key
    # The same old database beside a planted unsealed key (not the key of its key check): refused, kept.
    old2, _ = make_version_2(tmp_path / "lib2", an)
    planted = _plant(tmp_path / "lib2", an)
    assert planted != old2.key
    key_before = (tmp_path / "lib2" / KEY_FILE).read_bytes()
    with pytest.raises(NotesKeyError, match="is not the key of these notes"):
        NotesStore.open(tmp_path / "lib2", an)
    assert (tmp_path / "lib2" / KEY_FILE).read_bytes() == key_before
    assert not list((tmp_path / "lib2").glob("*.rejected-*"))


def test_a_key_planted_beside_a_database_without_notes_is_set_aside(tmp_path: Path, an: UnlockedIdentity) -> None:
    """A database that holds no record yet: nothing depends on a key, so a planted one is not taken
    even with an old-format database made for it (the planter knows its key check)."""
    folder = tmp_path / "member"
    old, _ = make_version_2(folder, an, rows=False)
    with pytest.raises(UnauthenticatedStateError):
        read_sealed(folder / KEY_FILE, an, "notes-key")
    with NotesStore.open(folder, an) as store:
        [_] = store.notices
        versions = _write_some(store)
    _opens_nothing(folder, old.key, versions)
    # A new database's key check, its key then removed and another planted: likewise.
    NotesStore.open(tmp_path / "two", an).close()
    (tmp_path / "two" / KEY_FILE).unlink()
    planted = _plant(tmp_path / "two", an)
    with NotesStore.open(tmp_path / "two", an) as store:
        assert len(store.notices) == 1
        versions = _write_some(store)
    _opens_nothing(tmp_path / "two", planted, versions)


def test_a_missing_key_beside_a_database_without_notes_is_made_again(tmp_path: Path, an: UnlockedIdentity) -> None:
    NotesStore.open(tmp_path, an).close()
    (tmp_path / KEY_FILE).unlink()
    with NotesStore.open(tmp_path, an) as store:
        assert store.notices == ()
        store.add_bookmark(SID, DOC, 1)
    with NotesStore.open(tmp_path, an) as store:
        assert len(store.bookmarks(SID)) == 1


def test_a_key_moved_in_from_another_folder_of_the_same_member_is_refused(tmp_path: Path,
                                                                          an: UnlockedIdentity) -> None:
    """Sealed by the right identity, but not the key of these notes: the key check says so."""
    with NotesStore.open(tmp_path / "one", an) as store:
        _write_some(store)
    NotesStore.open(tmp_path / "two", an).close()
    shutil.copy(tmp_path / "two" / KEY_FILE, tmp_path / "one" / KEY_FILE)
    with pytest.raises(NotesKeyError, match="it is not the key of these notes"):
        NotesStore.open(tmp_path / "one", an)



def test_an_unsealed_key_is_refused_once_the_upgrade_has_begun(tmp_path: Path, an: UnlockedIdentity,
                                                                monkeypatch: pytest.MonkeyPatch) -> None:
    """The key is sealed before the schema moves to version 3; an upgrade cut short after that
    leaves schema 3 with the old key check, and an unsealed key put there then is not taken."""
    old, made = make_version_2(tmp_path, an)

    def crash(self: object, conn: object) -> None:
        raise RuntimeError("power cut")

    monkeypatch.setattr(reseal.Resealer, "_move_outbox", crash)
    with pytest.raises(RuntimeError):
        NotesStore.open(tmp_path, an)
    monkeypatch.undo()
    assert _sealed_key(tmp_path, an) == old.key
    (tmp_path / KEY_FILE).write_bytes(encrypt_bytes([an.card.age_recipient], KEY_MAGIC + old.key))
    with pytest.raises(NotesKeyError, match="carries no seal of your identity"):
        NotesStore.open(tmp_path, an)
    write_sealed(tmp_path / KEY_FILE, an, "notes-key", KEY_MAGIC + old.key)  # the member's own key: the upgrade ends
    with NotesStore.open(tmp_path, an) as store:
        assert store.annotations(SID, include_deleted=True) == made.annotations(SID)
