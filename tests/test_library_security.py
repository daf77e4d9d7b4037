"""Issue 8 §5: the member's local state fails closed and only their unlocked identity can write it.

Each test reproduces an attack that worked on the code reviewed at commit 90a8fb4 (someone with
the member's *public* card and write access to the data folder), then shows it refused.
"""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path

import pytest
from bundle_helpers import People, run_cli, unlock

from paperless.core.age import encrypt_bytes
from paperless.core.bundle import NotAnOfficeSignerError, RollbackError, UnknownSignerError, build_bundle, verify_bundle
from paperless.core.identity import load_card
from paperless.core.library import (
    Library,
    LibraryTamperedError,
    import_bundle,
    keep_copy,
)
from paperless.core.library.state import LibraryState, SessionRecord
from paperless.core.localstate import write_sealed
from paperless.core.session import load_session


def _older_and_newer(bundle: Path, people: People, tmp_path: Path) -> tuple[Path, Path]:
    spec = load_session(bundle.parent.parent / "session.toml")
    clerk = unlock(people.clerk)
    return (build_bundle(spec, clerk, tmp_path / "v1.paperless", version=1).path,
            build_bundle(spec, clerk, tmp_path / "v2.paperless", version=2).path)


def test_a_forged_state_does_not_reset_rollback_protection(tmp_path: Path, bundle: Path, people: People) -> None:
    """The attack: a forged state.age (encrypted to the public card) plus a garbage seen-versions.json
    made the library forget version 2, so version 1 opened again."""
    older, newer = _older_and_newer(bundle, people, tmp_path)
    home, trusted = tmp_path / "home", [load_card(people.clerk)]
    lib = Library.open(home, unlock(people.member("an")))
    import_bundle(lib, newer, trusted).close()
    card = load_card(people.member("an"))
    empty = json.dumps({"format": "paperless-library", "schema": 2, "sessions": [], "seen": {}, "trusted": [],
                        "latest_time": None}).encode()
    lib.state_path.write_bytes(encrypt_bytes([card.age_recipient], empty))  # only the public card needed
    (home / "seen-versions.json").write_text("garbage")
    with pytest.raises(LibraryTamperedError) as refused:
        Library.open(home, unlock(people.member("an")))
    assert "altered or damaged" in refused.value.message("en") and "\n" not in refused.value.message("vi")
    # The command line refuses too, with one clear line and a non-zero exit, nothing extracted.
    r = run_cli("bundle", "extract", older, "--identity", people.member("an"), "--trust", people.clerk,
                "--out", tmp_path / "out", "--passphrase-env", "PAPERLESS_PASSPHRASE", env={"PAPERLESS_HOME": str(home)})
    assert r.returncode != 0 and "altered or damaged" in r.stderr and "Traceback" not in r.stderr
    assert not (tmp_path / "out").exists()


def test_starting_over_is_the_members_choice_and_keeps_the_refused_file(tmp_path: Path, bundle: Path,
                                                                        people: People) -> None:
    home = tmp_path / "home"
    me = unlock(people.member("an"))
    lib = Library.open(home, me)
    lib.trust(load_card(people.clerk))
    lib.state_path.write_bytes(b"damaged")
    with pytest.raises(LibraryTamperedError):
        Library.open(home, me)
    fresh = Library.start_over(home, me)
    assert fresh.sessions() == [] and fresh.trusted_signers() == []
    [aside] = [p for p in fresh.folder.iterdir() if p.name.startswith("state.age.rejected-")]
    assert aside.read_bytes() == b"damaged"  # kept aside, never deleted
    assert Library.open(home, me).sessions() == []  # the new library is sealed and opens


def test_a_rolled_back_version_stays_refused_after_forgetting(tmp_path: Path, bundle: Path, people: People) -> None:
    older, newer = _older_and_newer(bundle, people, tmp_path)
    home, trusted = tmp_path / "home", [load_card(people.clerk)]
    lib = Library.open(home, unlock(people.member("an")))
    import_bundle(lib, newer, trusted).close()
    lib.forget(lib.sessions()[0].session_id)
    with pytest.raises(RollbackError):
        import_bundle(Library.open(home, unlock(people.member("an"))), older, trusted)


def test_a_card_dropped_into_the_data_folder_is_not_trusted(tmp_path: Path, bundle: Path, people: People) -> None:
    """The attack: trusted/*.toml was a cleartext trust store; a card dropped in could sign sessions."""
    home = tmp_path / "home"
    rogue = unlock(people.root / "rogue")  # a clerk-role card made by anyone
    spec = load_session(bundle.parent.parent / "session.toml")
    forged = build_bundle(spec, rogue, tmp_path / "forged.paperless", version=9).path
    (home / "trusted").mkdir(parents=True)
    (home / "trusted" / "rogue.toml").write_text(rogue.card.to_toml(), encoding="utf-8")
    lib = Library.open(home, unlock(people.member("an")))
    lib.trust(load_card(people.clerk))
    assert lib.trusted_signers() == [load_card(people.clerk)]
    with pytest.raises(UnknownSignerError):
        import_bundle(lib, forged, lib.trusted_signers())
    r = run_cli("bundle", "extract", forged, "--identity", people.member("an"), "--out", tmp_path / "out",
                "--passphrase-env", "PAPERLESS_PASSPHRASE", env={"PAPERLESS_HOME": str(home)})
    assert r.returncode == 3 and "unknown key" in r.stderr and not (tmp_path / "out").exists()


def test_a_members_card_never_signs_a_session(tmp_path: Path, bundle: Path, people: People) -> None:
    """The attack: a card's role was never checked, so a member's card in the trust list could sign."""
    an = unlock(people.member("an"))
    as_clerk = dataclasses.replace(an, card=dataclasses.replace(an.card, role="clerk"))  # the writer checks roles
    spec = load_session(bundle.parent.parent / "session.toml")
    signed = build_bundle(spec, as_clerk, tmp_path / "by-member.paperless", version=5).path
    with pytest.raises(NotAnOfficeSignerError) as refused:
        verify_bundle(signed, [load_card(people.member("an")), load_card(people.clerk)])
    assert "member's card" in refused.value.message("en") and "thẻ thành viên" in refused.value.message("vi")
    r = run_cli("bundle", "verify", signed, "--trust", people.member("an"))
    assert r.returncode == 3 and "member's card" in r.stderr


def test_a_stored_bundle_name_cannot_reach_outside_the_library(tmp_path: Path, bundle: Path,
                                                               people: People) -> None:
    """The attack: a forged record naming ``bundle: "../../x"`` made the library delete files outside
    ``bundles/``. Forging needs the seal now; even a sealed state with such a name is refused, and
    the deleting code only ever removes the library's own copy names."""
    home = tmp_path / "home"
    victim = home / "victim.txt"
    home.mkdir()
    victim.write_text("keep me")
    me = unlock(people.member("an"))
    lib = Library.open(home, me)
    state = LibraryState()
    state.sessions["s"] = SessionRecord("s", "../victim.txt", "t", "2024-01-15T08:00:00+07:00", "", None, 1,
                                        "2024-01-15T08:00:00+07:00")
    write_sealed(lib.state_path, me, "library", state.to_json())
    with pytest.raises(Exception) as refused:  # any refusal: a LibraryError (a damaged entry)
        Library.open(home, me)
    assert "damaged entry" in str(refused.value)
    lib._drop_bundle_file("../victim.txt")
    lib._drop_bundle_file(str(victim))
    assert victim.read_text() == "keep me"


def test_keeping_a_copy_stores_only_a_plain_name(tmp_path: Path, bundle: Path, people: People) -> None:
    home, trusted = tmp_path / "home", [load_card(people.clerk)]
    lib = Library.open(home, unlock(people.member("an")))
    opened = import_bundle(lib, bundle, trusted)
    keep_copy(lib, opened.manifest, bundle.resolve(), trusted)
    opened.close()
    [record] = lib.sessions()
    assert "/" not in record.bundle and record.bundle.endswith("-v2.paperless")
    assert lib.bundle_path(record).parent == lib.bundles_dir


def test_the_latest_time_seen_is_sealed_and_survives_a_clock_set_back(tmp_path: Path, people: People) -> None:
    """Issue 8 §3: a high-water mark of the time, kept in the sealed state."""
    from datetime import UTC, datetime

    later, earlier = datetime(2030, 1, 2, tzinfo=UTC), datetime(2029, 6, 1, tzinfo=UTC)
    home, me = tmp_path / "home", unlock(people.member("an"))
    lib = Library.open(home, me, clock=lambda: later)
    assert lib.trusted_time() == later
    lib.save()
    again = Library.open(home, me, clock=lambda: earlier)
    assert again.trusted_time() == later and again.now() == later
