"""The member's encrypted library (paperless.core.library), without Qt."""

from __future__ import annotations

import json
import os
from datetime import UTC, datetime
from pathlib import Path

import pytest
from bundle_helpers import MARKER, People, flip_bit_in_entry, unlock

from paperless.core.age import AgeError, decrypt_bytes
from paperless.core.bundle import (
    NotARecipientError,
    OpenedBundle,
    RollbackError,
    TamperedError,
    UnknownSignerError,
    build_bundle,
)
from paperless.core.errors import InputFileError, OutputFileError, PaperlessError
from paperless.core.identity import IdentityExistsError, PublicCard, load_card
from paperless.core.library import (
    SCHEMA_VERSION,
    Library,
    LibraryError,
    LibraryFromNewerAppError,
    LibraryState,
    NotAnOfficeCardError,
    SessionRecord,
    UnknownSessionError,
    has_identity,
    import_bundle,
    import_identity,
    keep_copy,
    recipient_hash,
    reopen_session,
)
from paperless.core.library import state as state_mod
from paperless.core.library import store as store_mod
from paperless.core.localstate import MAGIC, TAG_SIZE
from paperless.core.session import load_session

TITLE = "Hội nghị Ban Thường vụ Tỉnh ủy — phiên thứ 12"


def _library(root: Path, people: People, member: str = "an") -> Library:
    return Library.open(root, unlock(people.member(member)))


def _import_and_keep(lib: Library, source: Path, trusted: list[PublicCard]) -> OpenedBundle:
    """Open as the app does, then make the library's copy (the app does it in the background)."""
    opened = import_bundle(lib, source, trusted)
    wanted = lib.copy_wanted(opened.manifest.session_id)
    if wanted is not None:
        keep_copy(lib, opened.manifest, wanted, trusted)
    return opened


def _all_bytes(root: Path) -> list[tuple[Path, bytes]]:
    return [(p, p.read_bytes()) for p in root.rglob("*") if p.is_file()]


def test_import_copies_remembers_and_encrypts(tmp_path: Path, bundle: Path, people: People) -> None:
    lib = _library(tmp_path, people)
    assert lib.sessions() == []
    before = bundle.read_bytes()
    trusted = [load_card(people.clerk)]
    with import_bundle(lib, bundle, trusted) as opened:
        assert opened.member == "Nguyễn Văn An"
        assert opened.path == bundle  # read in place until the library's copy is made
        sid = opened.manifest.session_id
        assert lib.copy_wanted(sid) == bundle.resolve()
        kept = keep_copy(lib, opened.manifest, bundle.resolve(), trusted)
    assert kept == tmp_path / "bundles" / f"{sid}-v2.paperless" and kept.read_bytes() == before
    assert bundle.read_bytes() == before
    assert [p.name for p in (tmp_path / "bundles").iterdir()] == [f"{sid}-v2.paperless"]
    assert lib.copy_wanted(sid) is None
    [record] = lib.sessions()
    assert record.title == TITLE and record.version == 2 and record.location == "Phòng họp số 1"
    assert len(record.readable) == 4 and record.fraction_read == 0.0
    # On disk: an age file readable only with the member's key; no title, no marker in cleartext.
    state_file = tmp_path / "library" / recipient_hash(lib.identity.card.recipient) / "state.age"
    raw = state_file.read_bytes()
    assert raw.startswith(b"age-encryption.org/v1\n")
    for path, data in _all_bytes(tmp_path):
        for needle in (TITLE, "Phòng họp", MARKER):
            for enc in ("utf-8", "utf-16-le"):
                assert needle.encode(enc) not in data, path
    plain = decrypt_bytes([lib.identity.age_identity], raw)  # age -d reads it: a seal, then the JSON
    assert plain.startswith(MAGIC)
    assert json.loads(plain[len(MAGIC) + TAG_SIZE:])["schema"] == SCHEMA_VERSION
    with pytest.raises(AgeError):
        decrypt_bytes([unlock(people.member("binh")).age_identity], raw)
    # The versions seen live in the sealed state: nothing about sessions in the clear.
    assert Library.open(tmp_path, lib.identity).highest_seen(sid) == 2
    assert not (tmp_path / "seen-versions.json").exists()


def test_reading_state_survives_a_restart(tmp_path: Path, bundle: Path, people: People) -> None:
    lib = _library(tmp_path, people)
    with import_bundle(lib, bundle, [load_card(people.clerk)]) as opened:
        sid = opened.manifest.session_id
        first, second = opened.agenda.items[0].documents[0].entry, opened.agenda.items[1].documents[0].entry
    lib.set_position(sid, first, 3)
    lib.mark_read(sid, first)
    lib.mark_read(sid, second)
    lib.mark_read(sid, second, False)
    assert lib.dirty
    lib.save_if_dirty()
    assert not lib.dirty
    again = _library(tmp_path, people)
    record = again.session(sid)
    assert again.last_page(sid, first) == 3 and again.is_read(sid, first) and not again.is_read(sid, second)
    assert record.last_document == first
    assert record.fraction_read == pytest.approx(1 / 4)
    with pytest.raises(UnknownSessionError):
        again.session("nope")


def test_reopen_from_library_needs_only_the_identity(tmp_path: Path, bundle: Path, people: People) -> None:
    trusted = [load_card(people.clerk)]
    lib = _library(tmp_path, people)
    _import_and_keep(lib, bundle, trusted).close()
    record = _library(tmp_path, people).sessions()[0]
    assert not Path(record.bundle).is_absolute()
    with reopen_session(_library(tmp_path, people), record, trusted) as opened:
        assert opened.agenda.title == TITLE
        assert opened.read_document(opened.agenda.items[0].documents[0].entry).startswith(b"%PDF")
    (tmp_path / "bundles" / record.bundle).unlink()
    with pytest.raises(InputFileError):
        reopen_session(_library(tmp_path, people), record, trusted)


def test_restricted_documents_are_not_counted(tmp_path: Path, bundle: Path, people: People) -> None:
    lib = _library(tmp_path, people, "binh")
    with import_bundle(lib, bundle, [load_card(people.clerk)]) as opened:
        restricted = opened.restricted_items()
    assert [it.number for it in restricted] == [3]
    record = lib.sessions()[0]
    assert len(record.readable) == 3
    assert not set(record.readable) & {d.entry for d in restricted[0].documents}


@pytest.mark.parametrize("case", ["unknown signer", "tampered", "not a recipient", "missing file"])
def test_refused_bundles_leave_nothing(case: str, tmp_path: Path, bundle: Path, people: People) -> None:
    home = tmp_path / "home"
    trusted = [load_card(people.clerk)]
    member = "an"
    source = bundle
    expected: type[Exception]
    if case == "unknown signer":
        trusted, expected = [load_card(people.root / "rogue")], UnknownSignerError
    elif case == "tampered":  # what opening checks (a damaged document: see test_library_keep.py)
        source, expected = flip_bit_in_entry(bundle, tmp_path / "bad.paperless", "agenda.age", 50), TamperedError
    elif case == "not a recipient":
        member, expected = "outsider", NotARecipientError
    else:
        source, expected = tmp_path / "absent.paperless", InputFileError
    lib = _library(home, people, member)
    with pytest.raises(expected) as err:
        import_bundle(lib, source, trusted)
    assert str(source) in err.value.message("en") and ".incoming" not in err.value.message("vi")
    assert lib.sessions() == []
    assert not (home / "bundles").exists() or list((home / "bundles").iterdir()) == []
    assert not (lib.state_path).exists()


def test_rollback_is_refused_and_newer_version_replaces(tmp_path: Path, bundle: Path, people: People) -> None:
    trusted = [load_card(people.clerk)]
    lib = _library(tmp_path / "home", people)
    _import_and_keep(lib, bundle, trusted).close()
    spec = load_session(bundle.parent.parent / "session.toml")
    older = build_bundle(spec, unlock(people.clerk), tmp_path / "v1.paperless", version=1).path
    with pytest.raises(RollbackError) as err:
        import_bundle(lib, older, trusted)
    assert "version 1" in err.value.message("en") and "phiên bản 2" in err.value.message("vi")
    assert lib.sessions()[0].version == 2
    assert [p.name for p in lib.bundles_dir.iterdir()] == [lib.sessions()[0].bundle]
    # The member's library opened again still refuses it, also once the session is forgotten
    # (the versions seen are in the sealed state, per member).
    again = _library(tmp_path / "home", people)
    again.forget(again.sessions()[0].session_id)
    with pytest.raises(RollbackError):
        import_bundle(_library(tmp_path / "home", people), older, trusted)
    newer = build_bundle(spec, unlock(people.clerk), tmp_path / "v3.paperless", version=3).path
    entry = "documents/0001.age"
    lib.mark_read(lib.sessions()[0].session_id, entry)
    lib.save()
    _import_and_keep(lib, newer, trusted).close()
    [record] = lib.sessions()
    assert record.version == 3 and record.bundle.endswith("-v3.paperless")
    assert [p.name for p in lib.bundles_dir.iterdir()] == [record.bundle]  # the v2 copy is gone
    assert lib.is_read(record.session_id, entry)  # same document, same hash: still read


def test_sessions_newest_first() -> None:
    state = LibraryState()
    for sid, when in (("a", "2024-01-15T08:00:00+07:00"), ("b", "2025-01-16T08:00:00+07:00"),
                      ("c", "2023-06-01T08:00:00+07:00")):
        state.sessions[sid] = SessionRecord(sid, f"{sid}-v1.paperless", sid, when, "", None, 1,
                                            datetime.now(UTC).isoformat())
    assert [s.session_id for s in state.newest_first()] == ["b", "a", "c"]
    again = LibraryState.from_json(state.to_json())
    assert [s.session_id for s in again.newest_first()] == ["b", "a", "c"]
    rec = again.sessions["a"]
    assert not rec.is_expired(datetime.now(UTC))
    rec.expires_at = "2024-02-15T00:00:00+07:00"
    assert rec.is_expired(datetime.now(UTC))


def test_schema_migration_hook(monkeypatch: pytest.MonkeyPatch) -> None:
    old = {"format": "paperless-library", "schema": 1, "sessions": []}
    # the real steps 1 -> 2 (the versions seen, trusted cards and latest time come into the state)
    # and 2 -> 3 (the sessions the office recalled)
    assert state_mod.migrate(dict(old)) == {**old, "schema": 3, "seen": {}, "trusted": [], "latest_time": None,
                                            "recalled": {}}
    monkeypatch.setattr(state_mod, "SCHEMA_VERSION", 4)
    monkeypatch.setitem(state_mod.MIGRATIONS, 3, lambda o: {**o, "added_in_4": True})
    migrated = state_mod.migrate(dict(old))
    assert migrated["schema"] == 4 and migrated["added_in_4"] is True
    monkeypatch.setattr(state_mod, "SCHEMA_VERSION", 1)
    with pytest.raises(LibraryFromNewerAppError) as err:
        LibraryState.from_json(json.dumps({**old, "schema": 9}).encode())
    assert "newer version" in err.value.message("en")
    for bad in (b"{", b"[]", json.dumps({**old, "schema": "x"}).encode(),
                json.dumps({**old, "sessions": [{"session_id": 1}]}).encode()):
        with pytest.raises(LibraryError):
            LibraryState.from_json(bad)


def test_damaged_state_file_is_a_clear_error(tmp_path: Path, bundle: Path, people: People) -> None:
    lib = _library(tmp_path, people)
    import_bundle(lib, bundle, [load_card(people.clerk)]).close()
    data = bytearray(lib.state_path.read_bytes())
    data[-5] ^= 1
    lib.state_path.write_bytes(bytes(data))
    with pytest.raises(LibraryError) as err:
        _library(tmp_path, people)
    assert "thư viện" in err.value.message("vi")


def test_atomic_save_keeps_the_old_state_on_failure(tmp_path: Path, bundle: Path, people: People,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    lib = _library(tmp_path, people)
    import_bundle(lib, bundle, [load_card(people.clerk)]).close()
    before = lib.state_path.read_bytes()
    lib.mark_read(lib.sessions()[0].session_id, "documents/0001.age")

    def boom(src: str, dst: str) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(store_mod.os, "replace", boom)
    with pytest.raises(OutputFileError):
        lib.save()
    assert lib.state_path.read_bytes() == before
    assert [p.name for p in lib.folder.iterdir()] == ["state.age"]


def test_trusted_signers(tmp_path: Path, people: People) -> None:
    clerk = load_card(people.clerk)
    lib = _library(tmp_path, people)
    assert lib.trusted_signers() == [] and not lib.is_trusted(clerk)
    lib.trust(clerk)
    lib.trust(clerk)
    assert _library(tmp_path, people).trusted_signers() == [clerk]  # kept in the sealed state
    assert not (tmp_path / "trusted").exists()  # no cleartext trust store any more
    assert _library(tmp_path, people, "binh").trusted_signers() == []  # per member
    lib.untrust(clerk)
    assert _library(tmp_path, people).trusted_signers() == []


def test_only_an_office_card_can_be_trusted(tmp_path: Path, people: People) -> None:
    lib = _library(tmp_path, people)
    with pytest.raises(NotAnOfficeCardError) as caught:
        lib.trust(load_card(people.member("binh")))
    assert "member's card" in caught.value.message("en") and "thẻ thành viên" in caught.value.message("vi")
    assert lib.trusted_signers() == []


def test_import_identity(tmp_path: Path, people: People) -> None:
    dest = tmp_path / "identity"
    card = import_identity(people.member("an"), dest)
    assert card == load_card(people.member("an")) and has_identity(dest)
    assert (dest / "secret.age").read_bytes() == (people.member("an") / "secret.age").read_bytes()
    if os.name == "posix":
        assert (dest / "secret.age").stat().st_mode & 0o077 == 0
    unlock(dest)
    with pytest.raises(IdentityExistsError):
        import_identity(people.member("binh"), dest)
    with pytest.raises(PaperlessError):  # not an identity folder
        import_identity(tmp_path / "nothing", tmp_path / "other")
    assert not (tmp_path / "other").exists()


def test_passphrase_strength() -> None:
    from paperless.core.library.passphrase import passphrase_strength

    assert passphrase_strength("").score == 0 and not passphrase_strength("abc1234").acceptable
    assert passphrase_strength("aaaaaaaaaaaaaaaaaaaa").score == 1
    weak, fair = passphrase_strength("abcdefgh"), passphrase_strength("abcdefghijkl")
    assert weak.acceptable and weak.score == 1 and fair.score == 2
    strong = passphrase_strength("Mật khẩu của tôi 2025")
    assert strong.score == 4 and strong.variety == 5
