"""The committee's roster (Qt-free) and the meeting body carried in the agenda."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

import pytest
from bundle_helpers import People

from paperless.core.bundle.manifest import Agenda
from paperless.core.clerk.roster import Roster, RosterError, card_file_name
from paperless.core.identity import load_card
from paperless.core.identity.card import CorruptCardError


def test_the_roster_is_saved_atomically_and_read_back(tmp_path: Path, people: People) -> None:
    roster = Roster.in_data_folder(tmp_path)
    assert roster.entries() == [] and roster.path == tmp_path / "clerk" / "roster.toml"
    an, binh = load_card(people.member("an")), load_card(people.member("binh"))
    assert not roster.is_checked(an)
    roster.save([("Nguyễn  Văn An", "Bí thư", an), ("Trần Thị Bình", "", binh)])
    entries = roster.entries()
    assert [(e.name, e.position) for e in entries] == [("Nguyễn Văn An", "Bí thư"), ("Trần Thị Bình", "")]
    assert entries[0].card_file == roster.cards / card_file_name(an) and entries[0].card() == an
    assert roster.is_checked(an) and roster.find(binh) == entries[1]
    assert sorted(p.name for p in roster.folder.iterdir()) == ["cards", "roster.toml"]  # no temporary file left
    # saved again: the same card is updated, not repeated
    roster.save([("Nguyễn Văn An", "Phó Bí thư", an)])
    assert [(e.name, e.position) for e in roster.entries()] == [("Nguyễn Văn An", "Phó Bí thư"), ("Trần Thị Bình", "")]
    roster.remove(roster.entries()[0])
    assert [e.name for e in roster.entries()] == ["Trần Thị Bình"] and roster.is_checked(an)


def test_a_name_on_the_roster_with_another_card_is_refused(tmp_path: Path, people: People) -> None:
    roster = Roster.in_data_folder(tmp_path)
    roster.save([("Nguyễn Văn An", "Bí thư", load_card(people.member("an")))])
    before = roster.path.read_bytes()
    with pytest.raises(RosterError) as caught:
        roster.save([("Nguyễn Văn An", "", load_card(people.member("binh")))])
    assert "another card" in caught.value.message("en") and "thẻ khác" in caught.value.message("vi")
    assert roster.path.read_bytes() == before


def test_a_damaged_roster_or_card_is_said_clearly(tmp_path: Path, people: People) -> None:
    roster = Roster.in_data_folder(tmp_path)
    an = load_card(people.member("an"))
    roster.save([("Nguyễn Văn An", "", an)])
    copy = roster.cards / card_file_name(an)
    copy.write_text(copy.read_text("utf-8").replace("age1", "age2"), "utf-8")
    assert not roster.is_checked(an)  # a changed copy is not a checked card
    roster.path.write_text("[[members]\nname = 1", "utf-8")
    with pytest.raises(RosterError) as caught:
        roster.entries()
    assert "roster.toml" in caught.value.message("vi") and "\n" not in caught.value.message("en")
    roster.path.write_text('[[members]]\nname = "A"\n', "utf-8")
    with pytest.raises(RosterError, match="entry 1"):
        roster.entries()


def test_a_roster_names_only_checked_cards_each_under_its_own_fingerprint(tmp_path: Path, people: People) -> None:
    """A roster.toml from elsewhere (or edited) cannot point at a card outside clerk/cards/ — a card the clerk
    never read back — nor can a copy there hold another card than its name (the fingerprint) says."""
    roster = Roster.in_data_folder(tmp_path)
    an, binh = load_card(people.member("an")), load_card(people.member("binh"))
    roster.save([("Nguyễn Văn An", "", an)])
    outside = tmp_path / "elsewhere.toml"
    outside.write_text(binh.to_toml(), "utf-8")
    good = roster.path.read_text("utf-8")
    for card in (str(outside), "../elsewhere.toml", "cards/../../elsewhere.toml", "/dev/zero",
                 f"cards/{card_file_name(an)}/../../../elsewhere.toml"):
        roster.path.write_text(good.replace(f"cards/{card_file_name(an)}", card.replace("\\", "/")), "utf-8")
        with pytest.raises(RosterError, match="entry 1") as caught:
            roster.entries()
        assert "cards/" in caught.value.message("vi")
    roster.path.write_text(good, "utf-8")
    copy = roster.cards / card_file_name(an)
    copy.write_text(binh.to_toml(), "utf-8")  # Bình's card under An's fingerprint
    [entry] = roster.entries()
    with pytest.raises(CorruptCardError) as refused:
        entry.card()
    assert "\n" not in refused.value.message("en") and refused.value.message("vi") != refused.value.message("en")
    assert not roster.is_checked(an) and not roster.is_checked(binh)


def test_the_meeting_body_travels_in_the_agenda_and_older_agendas_still_read() -> None:
    start = datetime(2027, 1, 15, 1, tzinfo=UTC)
    agenda = Agenda("s", 1, "Phiên 12", start, "Phòng 1", None, (), True, False, False, (),
                    body="Ban Thường vụ Tỉnh ủy", documents_due=datetime(2027, 1, 10, 10, tzinfo=UTC))
    again = Agenda.from_json(agenda.to_json())
    assert again == agenda
    plain = Agenda("s", 1, "Phiên 12", start, "Phòng 1", None, (), True, False, False, ())
    obj = json.loads(plain.to_json())
    assert "body" not in obj and "documents_due" not in obj  # an agenda without them is as before
    assert Agenda.from_json(plain.to_json()).body == ""


def test_a_built_bundle_carries_the_body_to_the_members_agenda_header(qtbot, tmp_path: Path, people: People) -> None:  # type: ignore[no-untyped-def]
    from bundle_helpers import unlock, write_session

    from paperless.core.bundle import build_bundle
    from paperless.core.bundle.reader import open_bundle
    from paperless.core.session import load_session
    from paperless.gui.agenda import AgendaPanel
    from paperless.gui.icons import Icons
    from paperless.resources import resource_path

    path = write_session(tmp_path, people)
    text = path.read_text("utf-8").replace('location = "Phòng họp số 1"',
                                           'location = "Phòng họp số 1"\nbody = "Ban Thường vụ Tỉnh ủy"\n'
                                           "documents_due = 2024-01-10")
    path.write_text(text, "utf-8")
    spec = load_session(path)
    out = tmp_path / "phien.paperless"
    build_bundle(spec, unlock(people.clerk), out, version=1)
    opened = open_bundle(out, unlock(people.member("an")), [load_card(people.clerk)])
    try:
        agenda = opened.agenda
        assert agenda.body == "Ban Thường vụ Tỉnh ủy" and agenda.documents_due == spec.documents_due
        panel = AgendaPanel(Icons(resource_path("icons")))
        qtbot.addWidget(panel)
        panel.set_session(agenda, agenda.members[0].name, set(), None)
        assert panel.facts.text().splitlines()[0] == "Ban Thường vụ Tỉnh ủy"
    finally:
        opened.close()
