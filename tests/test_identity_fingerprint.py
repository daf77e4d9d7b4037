"""Issue 8 §7: a card's fingerprint is long enough that nobody can make another card with the same
digits (~133 bits, in groups people read aloud); cards from earlier versions still load, marked."""

from __future__ import annotations

import re
from dataclasses import replace
from pathlib import Path

import pytest
from bundle_helpers import People, run_cli

from paperless.core.identity import CorruptCardError, PublicCard, load_card
from paperless.core.identity.card import fingerprint_of, legacy_fingerprint_of


def test_forty_digits_in_eight_groups_of_five(people: People) -> None:
    card = load_card(people.member("an"))
    assert re.fullmatch(r"(\d{5} ){7}\d{5}", card.fingerprint)
    digits = card.fingerprint.replace(" ", "")
    assert len(digits) * 3.3219 > 128  # log2(10) bits a digit
    assert card.fingerprint == fingerprint_of(card.recipient, card.signing_key)  # stable
    others = {load_card(people.member(k)).fingerprint for k in ("binh", "cuong")} | {load_card(people.clerk).fingerprint}
    assert card.fingerprint not in others and len(others) == 3
    # one character of a key changed changes every group (no group is a plain function of one key)
    other = fingerprint_of(card.recipient, card.signing_key[:-2] + ("A" if card.signing_key[-2] != "A" else "B")
                           + card.signing_key[-1])
    assert sum(a == b for a, b in zip(card.fingerprint.split(), other.split(), strict=True)) <= 1


def _old_card_file(card: PublicCard, path: Path) -> Path:
    text = card.to_toml().replace(card.fingerprint, legacy_fingerprint_of(card.recipient, card.signing_key))
    path.write_text(text, encoding="utf-8")
    return path


def test_a_card_from_an_earlier_version_loads_marked_outdated(people: People, tmp_path: Path) -> None:
    card = load_card(people.clerk)
    old = load_card(_old_card_file(card, tmp_path / "old.toml"))
    assert old == card and old.outdated and not card.outdated  # the same keys: the same card
    assert old.fingerprint == card.fingerprint  # shown with the new, long fingerprint
    bad = (tmp_path / "old.toml").read_text("utf-8").replace(legacy_fingerprint_of(card.recipient, card.signing_key),
                                                             "1234 5678 9012 3456 7890")
    (tmp_path / "bad.toml").write_text(bad, encoding="utf-8")
    with pytest.raises(CorruptCardError):
        load_card(tmp_path / "bad.toml")
    assert replace(card, outdated=True) == card


def test_the_command_line_warns_about_an_outdated_card(people: People, tmp_path: Path) -> None:
    old = _old_card_file(load_card(people.clerk), tmp_path / "office.toml")
    r = run_cli("identity", "show", old)
    assert r.returncode == 0 and "older Paperless" in r.stderr and load_card(people.clerk).fingerprint in r.stdout
    r = run_cli("identity", "show", old, env={"PAPERLESS_LANG": "vi"})
    assert "phiên bản Paperless cũ" in r.stderr
