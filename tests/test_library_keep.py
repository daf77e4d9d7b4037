"""Opening without hashing every entry, and the library's copy made afterwards (core.library.keeping)."""

from __future__ import annotations

import errno
import io
import os
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from bundle_helpers import People, flip_bit_in_entry, unlock, write_session

from paperless.core.bundle import RollbackError, TamperedError, build_bundle
from paperless.core.bundle.zipraw import BundleFile
from paperless.core.identity import PublicCard, load_card
from paperless.core.library import Library, LibraryCopyError, import_bundle, keep_copy, reopen_session
from paperless.core.library import keeping as keeping_mod
from paperless.core.library.keeping import INCOMING_PREFIX, final_name, sweep_incoming
from paperless.core.session import load_session

LAST = "documents/0004.age"  # the last document (item 3, restricted to An, who reads it here)


@pytest.fixture
def trusted(people: People) -> list[PublicCard]:
    return [load_card(people.clerk)]


@pytest.fixture
def lib(tmp_path: Path, people: People) -> Library:
    return Library.open(tmp_path / "home", unlock(people.member("an")))


@pytest.fixture(params=["link", "copy"])
def mode(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
    """A hard link (same file system), or a copy (os.link fails, as from a USB stick)."""
    if request.param == "copy":
        def no_link(src: object, dst: object) -> None:
            raise OSError(errno.EXDEV, "Invalid cross-device link")

        monkeypatch.setattr(keeping_mod.os, "link", no_link)
    yield request.param


def _leftovers(lib: Library) -> list[str]:
    return sorted(p.name for p in lib.bundles_dir.iterdir()) if lib.bundles_dir.exists() else []


def test_opening_hashes_no_entry_and_reads_in_place(lib: Library, bundle: Path, trusted: list[PublicCard],
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    hashed: list[str] = []
    original = BundleFile.sha256

    def counting(self: BundleFile, name: str, *args: object, **kwargs: object) -> str:
        hashed.append(name)
        return original(self, name, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(BundleFile, "sha256", counting)
    with import_bundle(lib, bundle, trusted) as opened:
        assert hashed == []  # no entry hashed before the agenda is there (its own hash is checked inline)
        assert opened.path == bundle and len(opened.agenda.items) == 3
        assert _leftovers(lib) == []  # nothing copied on the way either
        opened.read_document("documents/0001.age")
        assert hashed == ["documents/0001.age"]  # a document: checked before its first use
    [record] = lib.sessions()
    assert record.bundle == str(bundle.resolve()) and lib.copy_wanted(record.session_id) == bundle.resolve()


def test_keep_copy_then_reopen_uses_it(mode: str, lib: Library, bundle: Path, trusted: list[PublicCard]) -> None:
    with import_bundle(lib, bundle, trusted) as opened:
        manifest = opened.manifest
        kept = keep_copy(lib, manifest, bundle.resolve(), trusted)
    sid = manifest.session_id
    assert kept == lib.bundles_dir / final_name(sid, 2) and kept.read_bytes() == bundle.read_bytes()
    assert (kept.stat().st_ino == bundle.stat().st_ino) == (mode == "link")
    assert _leftovers(lib) == [kept.name]
    record = Library.open(lib.root, lib.identity).session(sid)  # recorded (and saved) once complete
    assert record.bundle == kept.name and lib.copy_wanted(sid) is None
    with reopen_session(lib, record, trusted) as again:
        assert again.path == kept
        assert again.read_document("documents/0002.age").startswith(b"%PDF")
    # Opened again from the user's file: the library's copy of that version stays the record's.
    with import_bundle(lib, bundle, trusted) as third:
        assert third.path == bundle
    assert lib.session(sid).bundle == kept.name and lib.copy_wanted(sid) is None


def test_damaged_last_document(mode: str, lib: Library, bundle: Path, trusted: list[PublicCard],
                               people: People, tmp_path: Path) -> None:
    """The agenda opens; the damaged document is refused when read; the library keeps nothing."""
    bad = flip_bit_in_entry(bundle, tmp_path / "bad.paperless", LAST, 200)
    with import_bundle(lib, bad, trusted) as opened:
        assert [it.number for it in opened.agenda.items] == [1, 2, 3]
        assert opened.read_document("documents/0001.age").startswith(b"%PDF")
        with pytest.raises(TamperedError) as err:
            opened.read_document(LAST)
        assert str(bad) in err.value.message("en") and LAST in err.value.message("en")
        sid, manifest = opened.manifest.session_id, opened.manifest
        with pytest.raises(TamperedError) as kept_err:
            keep_copy(lib, manifest, bad.resolve(), trusted)
    message = kept_err.value.message("en")
    assert str(bad.resolve()) in message and LAST in message and "not kept in your library" in message
    assert "phiên họp không được lưu vào thư viện" in kept_err.value.message("vi")
    assert _leftovers(lib) == []
    assert lib.sessions() == [] and Library.open(lib.root, lib.identity).sessions() == []
    assert bad.is_file()  # the user's file is theirs: never removed
    # The version was really issued (the signature is good): an older one stays refused.
    assert Library.open(lib.root, lib.identity).highest_seen(sid) == 2
    older = build_bundle(load_session(bundle.parent.parent / "session.toml"), unlock(people.clerk),
                         tmp_path / "v1.paperless", version=1).path
    with pytest.raises(RollbackError):
        import_bundle(lib, older, trusted)


def test_copy_failure_keeps_reading_the_users_file(lib: Library, bundle: Path, trusted: list[PublicCard],
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    def no_link(src: object, dst: object) -> None:
        raise OSError(errno.EXDEV, "Invalid cross-device link")

    monkeypatch.setattr(keeping_mod.os, "link", no_link)
    with import_bundle(lib, bundle, trusted) as opened:
        manifest = opened.manifest
    source = bundle.resolve()

    class Usage:
        free = 1000

    monkeypatch.setattr(keeping_mod.shutil, "disk_usage", lambda _p: Usage())
    with pytest.raises(LibraryCopyError) as err:
        keep_copy(lib, manifest, source, trusted)
    assert str(source) in err.value.message("en") and "the disk is full" in err.value.message("en")
    assert "đĩa đã đầy" in err.value.message("vi")
    monkeypatch.undo()
    monkeypatch.setattr(keeping_mod.os, "link", no_link)

    def fills_up(src: object, dst: io.BufferedIOBase | None, *args: object) -> dict[str, str]:
        assert dst is not None  # the disk fills up while the copy is written
        dst.write(b"PK" * 1000)
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(keeping_mod, "_stream", fills_up)
    with pytest.raises(LibraryCopyError):
        keep_copy(lib, manifest, source, trusted)
    assert _leftovers(lib) == []
    record = lib.session(manifest.session_id)
    assert record.bundle == str(source) and lib.copy_wanted(record.session_id) == source
    with reopen_session(lib, record, trusted) as again:  # still read from the user's file
        assert again.path == source and again.read_document("documents/0001.age").startswith(b"%PDF")
    monkeypatch.undo()
    kept = keep_copy(lib, manifest, source, trusted)  # the next opening tries again
    assert kept is not None and lib.session(manifest.session_id).bundle == kept.name


def test_copy_no_longer_wanted_or_cancelled(mode: str, lib: Library, bundle: Path, trusted: list[PublicCard],
                                            people: People, tmp_path: Path) -> None:
    with import_bundle(lib, bundle, trusted) as opened:
        v2 = opened.manifest
    cancel = threading.Event()
    cancel.set()
    assert keep_copy(lib, v2, bundle.resolve(), trusted, cancel=cancel) is None
    assert _leftovers(lib) == [] and lib.copy_wanted(v2.session_id) == bundle.resolve()
    spec = load_session(bundle.parent.parent / "session.toml")
    v3 = build_bundle(spec, unlock(people.clerk), tmp_path / "v3.paperless", version=3).path
    import_bundle(lib, v3, trusted).close()  # a newer version opened while v2 was being copied
    assert keep_copy(lib, v2, bundle.resolve(), trusted) is None
    assert _leftovers(lib) == [] and lib.session(v2.session_id).version == 3


def test_reopen_refuses_a_file_that_holds_another_session(lib: Library, bundle: Path, trusted: list[PublicCard],
                                                          people: People, tmp_path: Path) -> None:
    """A library file changed behind our back (e.g. the user's file, hard-linked, overwritten)."""
    with import_bundle(lib, bundle, trusted) as opened:
        kept = keep_copy(lib, opened.manifest, bundle.resolve(), trusted)
    assert kept is not None
    other_root = tmp_path / "other"
    other_root.mkdir()
    toml = write_session(other_root, people)
    toml.write_text(toml.read_text("utf-8").replace("phiên thứ 12", "phiên thứ 13"), "utf-8")
    other = build_bundle(load_session(toml), unlock(people.clerk), tmp_path / "other.paperless").path
    kept.unlink()
    kept.write_bytes(other.read_bytes())
    record = lib.sessions()[0]
    with pytest.raises(TamperedError) as err:
        reopen_session(lib, record, trusted)
    assert "another session" in err.value.message("en")


def test_stale_temporary_files_are_swept(lib: Library) -> None:
    lib.bundles_dir.mkdir(parents=True)
    stale = lib.bundles_dir / f"{INCOMING_PREFIX}dead.paperless"
    stale.write_bytes(b"x")
    sweep_incoming(lib.bundles_dir)
    assert stale.exists()  # fresh: maybe another copy in progress
    sweep_incoming(lib.bundles_dir, older_than=-1)
    assert not stale.exists()
    assert os.listdir(lib.bundles_dir) == []
