"""Sealed local state: only the unlocked identity can write a file the app will use."""

from __future__ import annotations

from pathlib import Path

import pytest
from bundle_helpers import People, unlock

from paperless.core.age import encrypt_bytes
from paperless.core.identity import load_card
from paperless.core.localstate import (
    MAGIC,
    LocalStateTamperedError,
    UnauthenticatedStateError,
    read_sealed,
    seal,
    unseal,
    write_sealed,
)


def test_a_sealed_file_round_trips_and_is_an_age_file(people: People, tmp_path: Path) -> None:
    me = unlock(people.member("an"))
    path = tmp_path / "state.age"
    write_sealed(path, me, "library", "thư viện".encode())
    assert path.read_bytes().startswith(b"age-encryption.org/v1\n")
    assert read_sealed(path, me, "library") == "thư viện".encode()
    assert read_sealed(tmp_path / "missing.age", me, "library") is None


def test_a_file_forged_with_the_public_card_is_refused(people: People, tmp_path: Path) -> None:
    """The attack: anyone with the member's public card can encrypt a file to them."""
    me = unlock(people.member("an"))
    card = load_card(people.member("an"))
    forged = encrypt_bytes([card.age_recipient], b'{"format": "paperless-library"}')
    with pytest.raises(UnauthenticatedStateError):
        unseal(me, "library", forged, "state.age")
    # even with the magic and a made-up seal
    forged = encrypt_bytes([card.age_recipient], MAGIC + b"\0" * 32 + b"{}")
    with pytest.raises(LocalStateTamperedError):
        unseal(me, "library", forged, "state.age")


def test_a_seal_is_bound_to_its_purpose_and_its_identity(people: People) -> None:
    an, binh = unlock(people.member("an")), unlock(people.member("binh"))
    blob = seal(an, "trust", b"cards")
    with pytest.raises(LocalStateTamperedError):
        unseal(an, "library", blob, "x")
    with pytest.raises(LocalStateTamperedError, match="another identity"):
        unseal(binh, "trust", blob, "x")


def test_the_message_is_one_line_in_both_languages(people: People) -> None:
    me = unlock(people.member("an"))
    with pytest.raises(LocalStateTamperedError) as caught:
        unseal(me, "library", b"garbage", "state.age")
    assert "\n" not in caught.value.message("vi") and "sửa đổi" in caught.value.message("vi")
    assert "altered or damaged" in caught.value.message("en")


def test_local_keys_differ_by_purpose_and_identity(people: People) -> None:
    an, binh = unlock(people.member("an")), unlock(people.member("binh"))
    keys = {an.local_key("a"), an.local_key("b"), binh.local_key("a")}
    assert len(keys) == 3 and all(len(k) == 32 for k in keys)
    assert an.local_key("a") == unlock(people.member("an")).local_key("a")
