"""The meeting room's Qt-free core: formats, signatures, roles from the agenda, the reducer's rules,
the snapshot's compaction, quorum, the votes file's recount (docs/meeting.md)."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import UTC, datetime
from fractions import Fraction
from pathlib import Path
from typing import Any

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from server_helpers import Office

from paperless.core.bundle.audience import control_hash
from paperless.core.bundle.manifest import Agenda, AgendaMember, Manifest, ManifestFormatError
from paperless.core.identity import UnlockedIdentity
from paperless.core.meeting import record as R
from paperless.core.meeting import state as S
from paperless.core.meeting import wire as W
from paperless.core.meeting.roles import AgendaRoles, MeetingUnavailableError
from paperless.core.sync import protocol as P
from paperless.core.sync.device import DeviceKey

SESSION = "btv-2026-12-phien-thu-15"


class Person:
    def __init__(self, office: Office, key: str) -> None:
        self.identity: UnlockedIdentity = office.unlock(key)
        self.member = P.member_id(self.identity.card.fingerprint)
        self.device = DeviceKey(W.new_id(), f"{key}-laptop", "2026-12-07T08:00:00Z", Ed25519PrivateKey.generate())

    def event(self, kind: str, **fields: object) -> W.Event:
        return W.make_event(SESSION, self.member, self.device.device_id, kind, dict(fields), self.device.sign)

    def sender(self) -> W.Sender:
        return W.Sender(self.member, self.device.device_id, self.device.public_b64, self.device.name,
                        self.device.created, self.device.certificate(self.identity))

    def ballot(self, vote: str, choice: str, revision: int = 1) -> W.Ballot:
        return W.make_ballot(SESSION, vote, self.member, choice, revision, self.identity.signing_key)


@pytest.fixture(scope="module")
def persons(office: Office) -> dict[str, Person]:
    return {k: Person(office, k) for k in ("an", "binh", "cuong")}


def _agenda(persons: dict[str, Person], *, chair: str | None = "an", secretariat: tuple[str, ...] = ("cuong",),
            keys: bool = True) -> Agenda:
    members = tuple(AgendaMember(p.identity.card.name, p.identity.card.recipient,
                                 p.identity.card.signing_key if keys else None) for p in persons.values())
    return Agenda(SESSION, 1, "Phiên 15", datetime(2026, 12, 20, tzinfo=UTC), "Phòng họp", None, members,
                  True, False, False, (), chair=persons[chair].identity.card.name if chair else None,
                  secretariat=tuple(persons[k].identity.card.name for k in secretariat))


@pytest.fixture(scope="module")
def roles(persons: dict[str, Person]) -> AgendaRoles:
    return AgendaRoles.from_agenda(_agenda(persons))


# -- formats ----------------------------------------------------------------------------------------------
def test_an_event_round_trips_verifies_and_refuses_any_change(persons: dict[str, Person]) -> None:
    an = persons["an"]
    event = an.event(W.RAISE_HAND, item=2, topic="Về dự thảo")
    wire = json.loads(json.dumps(event.to_wire()))
    again = W.parse_event(wire)
    assert again == event and again.verify(an.device.public_b64)
    assert not again.verify(persons["binh"].device.public_b64)
    changed = W.parse_event({**wire, "body": {**wire["body"], "topic": "Khác"}})
    assert not changed.verify(an.device.public_b64)
    assert W.canonical(event.body()) == json.dumps(event.body(), sort_keys=True, ensure_ascii=False,
                                                   separators=(",", ":")).encode()


@pytest.mark.parametrize("mutate", [
    lambda b: b.update(extra=1),
    lambda b: b.pop("topic"),
    lambda b: b.update(type="dance"),
    lambda b: b.update(member="123"),
    lambda b: b.update(item=True),
    lambda b: b.update(item=0),
    lambda b: b.update(topic="x" * 201),
    lambda b: b.update(topic="a\x00b"),
    lambda b: b.update(session_id="có dấu"),
    lambda b: b.update(v=2),
])
def test_events_not_in_shape_are_refused(persons: dict[str, Person], mutate) -> None:  # type: ignore[no-untyped-def]
    wire = persons["an"].event(W.RAISE_HAND, item=2, topic="Về dự thảo").to_wire()
    body = dict(wire["body"])
    mutate(body)
    with pytest.raises(W.WireError):
        W.parse_event({"body": body, "signature": wire["signature"]})
    with pytest.raises(W.WireError):
        W.parse_event({"body": wire["body"], "signature": "AAAA"})


def test_a_ballot_is_the_members_own_signature(persons: dict[str, Person]) -> None:
    an, binh = persons["an"], persons["binh"]
    vote = W.new_id()
    ballot = an.ballot(vote, W.FOR)
    again = W.parse_ballot(json.loads(json.dumps(ballot.to_wire())))
    assert again == ballot and again.verify(an.identity.card.signing_key)
    assert not again.verify(binh.identity.card.signing_key)
    flipped = W.parse_ballot({"body": {**ballot.body(), "choice": W.AGAINST}, "signature": ballot.signature})
    assert not flipped.verify(an.identity.card.signing_key)
    with pytest.raises(W.WireError):
        W.parse_ballot({"body": {**ballot.body(), "choice": "maybe"}, "signature": ballot.signature})


def test_a_device_certificate_vouches_only_for_its_members_device(persons: dict[str, Person]) -> None:
    an, binh = persons["an"], persons["binh"]
    assert an.sender().vouched_by(an.identity.card.signing_key)
    assert not an.sender().vouched_by(binh.identity.card.signing_key)
    assert not replace(an.sender(), key=binh.device.public_b64).vouched_by(an.identity.card.signing_key)


# -- roles from the agenda -------------------------------------------------------------------------------------
def test_roles_come_from_the_signed_agenda(persons: dict[str, Person], roles: AgendaRoles) -> None:
    an, binh, cuong = persons["an"], persons["binh"], persons["cuong"]
    assert roles.chair == an.member and roles.secretariat == {cuong.member}
    assert roles.is_control(an.member) and roles.is_control(cuong.member) and not roles.is_control(binh.member)
    assert roles.name(binh.member) == binh.identity.card.name and roles.count == 3
    event = binh.event(W.CHECK_IN, mode=W.PRESENT)
    assert roles.signed_by_sender(event, binh.sender())
    assert not roles.signed_by_sender(event, an.sender())  # another member's device
    impostor = replace(binh.sender(), certificate=an.sender().certificate)
    assert not roles.signed_by_sender(event, impostor)


def test_an_agenda_from_before_the_meeting_room_reads_and_cannot_be_followed(persons: dict[str, Person]) -> None:
    new = _agenda(persons)
    obj = json.loads(new.to_json())
    assert obj["meeting"] == {"chair": new.chair, "secretariat": list(new.secretariat)}
    for m in obj["members"]:
        del m["signing_key"]
    del obj["meeting"]
    old = Agenda.from_json(json.dumps(obj).encode())
    assert old.chair is None and old.secretariat == () and all(m.signing_key is None for m in old.members)
    with pytest.raises(MeetingUnavailableError):
        AgendaRoles.from_agenda(old)
    with pytest.raises(MeetingUnavailableError):
        AgendaRoles.from_agenda(_agenda(persons, chair=None, secretariat=()))
    assert Agenda.from_json(new.to_json()) == new
    obj = json.loads(new.to_json())
    obj["meeting"]["chair"] = "Ai Đó"
    with pytest.raises(ManifestFormatError):
        Agenda.from_json(json.dumps(obj).encode())


def test_the_manifest_carries_meeting_control_hashes(persons: dict[str, Person], bundle: Path) -> None:
    import zipfile

    with zipfile.ZipFile(bundle) as zf:
        raw = zf.read("manifest.json")
    manifest = Manifest.from_json(raw)
    assert manifest.control is None  # the shared test bundle names no roles: read as before
    obj = json.loads(raw)
    obj["meeting_control"] = [control_hash(SESSION, persons["cuong"].member)]
    assert Manifest.from_json(json.dumps(obj).encode()).control == (obj["meeting_control"][0],)
    obj["meeting_control"] = ["nope"]
    with pytest.raises(ManifestFormatError):
        Manifest.from_json(json.dumps(obj).encode())


# -- the reducer ---------------------------------------------------------------------------------------------
def _run(roles: AgendaRoles, *events: W.Event) -> S.MeetingState:
    state = S.MeetingState(SESSION)
    for seq, event in enumerate(events, start=state.seq + 1):
        state = S.apply_event(state, event, seq, roles)
    return state


def test_control_only_from_the_chair_the_secretariat_or_the_presenter(persons: dict[str, Person],
                                                                    roles: AgendaRoles) -> None:
    an, binh, cuong = persons["an"], persons["binh"], persons["cuong"]
    state = _run(roles, cuong.event(W.GO_TO, item=1, entry="documents/0001.age", page=3))
    assert (state.item, state.entry, state.page, state.seq) == (1, "documents/0001.age", 3, 1)
    with pytest.raises(S.Refused) as refused:
        S.apply_event(state, binh.event(W.GO_TO, item=1, entry=None, page=4), 2, roles)
    assert refused.value.forbidden
    state = S.apply_event(state, an.event(W.SET_PRESENTER, presenter=binh.member), 2, roles)
    state = S.apply_event(state, binh.event(W.GO_TO, item=2, entry=None, page=1), 3, roles)  # the presenter may
    assert (state.item, state.page) == (2, 1)
    with pytest.raises(S.Refused):
        S.apply_event(state, binh.event(W.OPEN_VOTE, vote=W.new_id(), motion="x", item=None), 4, roles)


def test_attendance_queue_and_floor(persons: dict[str, Person], roles: AgendaRoles) -> None:
    an, binh, cuong = persons["an"], persons["binh"], persons["cuong"]
    state = _run(roles, an.event(W.CHECK_IN, mode=W.PRESENT), binh.event(W.CHECK_IN, mode=W.ONLINE),
                 binh.event(W.RAISE_HAND, item=1, topic="Số liệu"), an.event(W.RAISE_HAND, item=None, topic=""))
    assert [h.member for h in state.queue] == [binh.member, an.member] and state.place_in_queue(an.member) == 2
    assert state.attending() == 2 and not S.quorum(state, 3, Fraction(1, 1)) and S.quorum(state, 3)
    with pytest.raises(S.Refused):
        S.apply_event(state, an.event(W.RAISE_HAND, item=None, topic=""), 9, roles)
    state = S.apply_event(state, cuong.event(W.GIVE_FLOOR, to=binh.member), 5, roles)
    assert state.floor == binh.member and state.place_in_queue(an.member) == 1
    state = S.apply_event(state, cuong.event(W.MARK_ABSENT, target=binh.member, reason="Ốm"), 6, roles)
    assert state.attendance[binh.member] == S.Attendance(binh.member, W.ABSENT, "Ốm", 6)
    state = S.apply_event(state, an.event(W.LOWER_HAND), 7, roles)
    assert state.queue == ()
    with pytest.raises(S.Refused):
        S.apply_event(state, an.event(W.LOWER_HAND), 8, roles)


def test_a_vote_changed_duplicate_late_and_forged_ballots(persons: dict[str, Person], roles: AgendaRoles) -> None:
    an, binh, cuong = persons["an"], persons["binh"], persons["cuong"]
    vote = W.new_id()
    state = _run(roles, an.event(W.CHECK_IN, mode=W.PRESENT), binh.event(W.CHECK_IN, mode=W.ONLINE),
                 cuong.event(W.OPEN_VOTE, vote=vote, motion="Thông qua", item=1))
    with pytest.raises(S.Refused):  # one vote at a time
        S.apply_event(state, cuong.event(W.OPEN_VOTE, vote=W.new_id(), motion="Khác", item=None), 4, roles)
    with pytest.raises(S.Refused):  # not checked in
        S.apply_ballot(state, cuong.ballot(vote, W.FOR), roles)
    state, outcome = S.apply_ballot(state, an.ballot(vote, W.FOR), roles)
    assert outcome == S.COUNTED
    state, outcome = S.apply_ballot(state, an.ballot(vote, W.AGAINST, 2), roles)
    ballot = binh.ballot(vote, W.BLANK)
    state, _ = S.apply_ballot(state, ballot, roles)
    assert S.apply_ballot(state, ballot, roles) == (state, S.DUPLICATE)
    with pytest.raises(S.Refused):
        S.apply_ballot(state, an.ballot(vote, W.FOR, 1), roles)  # older than the one counted
    v = state.vote(vote)
    assert v is not None and v.counts() == {W.FOR: 0, W.AGAINST: 1, W.BLANK: 1} and not S.adopted(v, 3)
    state = S.apply_event(state, cuong.event(W.CLOSE_VOTE, vote=vote), 4, roles)
    with pytest.raises(S.Refused):
        S.apply_ballot(state, an.ballot(vote, W.FOR, 3), roles)
    with pytest.raises(S.Refused):
        S.apply_event(state, cuong.event(W.CLOSE_VOTE, vote=vote), 5, roles)
    # a ballot of the right shape signed by someone else does not verify against the voter's card
    forged = W.make_ballot(SESSION, vote, an.member, W.FOR, 9, binh.identity.signing_key)
    assert not roles.ballot_signed(forged) and roles.ballot_signed(an.ballot(vote, W.FOR, 9))


def test_the_snapshot_keeps_only_the_last_page_move(persons: dict[str, Person], roles: AgendaRoles) -> None:
    cuong, an = persons["cuong"], persons["an"]
    events = [(i, cuong.event(W.GO_TO, item=1, entry=None, page=i)) for i in range(1, 50)]
    events.insert(10, (100, an.event(W.CHECK_IN, mode=W.PRESENT)))
    events.insert(20, (101, cuong.event(W.MARK_ABSENT, target=an.member, reason="Ốm")))
    events.insert(30, (102, an.event(W.CHECK_IN, mode=W.ONLINE)))
    events.insert(31, (103, an.event(W.RAISE_HAND, item=None, topic="")))
    kept = S.compact(events)
    assert [e.type for _, e in kept] == [W.CHECK_IN, W.RAISE_HAND, W.GO_TO] and kept[-1][1].get_int("page") == 49
    full, short = S.replay(SESSION, events, roles), S.replay(SESSION, kept, roles)
    assert (short.page, short.attendance, short.queue) == (full.page, full.attendance, full.queue)
    assert short.status_of(an.member) == W.ONLINE


# -- the votes file ---------------------------------------------------------------------------------------------
def test_verify_votes_recounts_and_names_every_problem(persons: dict[str, Person]) -> None:
    an, binh, cuong = persons["an"], persons["binh"], persons["cuong"]
    vote = W.new_id()
    opened = cuong.event(W.OPEN_VOTE, vote=vote, motion="Thông qua", item=1)
    closed = cuong.event(W.CLOSE_VOTE, vote=vote)

    def wire_event(seq: int, e: W.Event) -> dict[str, object]:
        return {"seq": seq, "event": e.to_wire(), "sender": cuong.sender().to_wire()}

    ballots = [{"n": 1, "seq": 3, "received": 0, "ballot": an.ballot(vote, W.FOR).to_wire()},
               {"n": 2, "seq": 3, "received": 0, "ballot": an.ballot(vote, W.AGAINST, 2).to_wire()},
               {"n": 3, "seq": 3, "received": 0, "ballot": binh.ballot(vote, W.FOR).to_wire()}]
    data = {"format": R.VOTES_FORMAT, "v": 1, "session_id": SESSION,
            "control": [control_hash(SESSION, cuong.member)],
            "members": [{"member": p.member, "name": p.identity.card.name, "card": p.identity.card.to_toml()}
                        for p in persons.values()],
            "events": [wire_event(3, opened), wire_event(7, closed)],
            "votes": [{"vote": vote, "result": {W.FOR: 1, W.AGAINST: 1, W.BLANK: 0}, "ballots": ballots}]}
    report = R.verify_votes(data)
    assert report.ok, report
    assert report.votes[0].named == sorted([(an.identity.card.name, W.AGAINST), (binh.identity.card.name, W.FOR)])

    late = json.loads(json.dumps(data))
    late["votes"][0]["ballots"][2]["seq"] = 7  # arrived with the close
    assert not R.verify_votes(late).ok
    swapped = json.loads(json.dumps(data))
    swapped["members"][0]["card"] = binh.identity.card.to_toml()  # another member's card under An's id
    assert not R.verify_votes(swapped).ok
    stranger = json.loads(json.dumps(data))
    stranger["control"] = [control_hash(SESSION, an.member)]  # opened by someone who does not run the meeting
    assert not R.verify_votes(stranger).ok
    with pytest.raises(R.VotesFileError):
        R.verify_votes({"format": "x"})


def test_the_client_follows_a_snapshot_and_knows_a_restricted_item(persons: dict[str, Person]) -> None:
    """Offline (no server): what the stream would deliver, given to the client's dispatcher."""
    from paperless.core.bundle.manifest import AgendaItem
    from paperless.core.meeting.client import REFUSED, STATE, MeetingActionError, MeetingChange, MeetingClient

    an, binh, cuong = persons["an"], persons["binh"], persons["cuong"]
    agenda = replace(_agenda(persons), items=(
        AgendaItem(1, "Báo cáo", "Văn phòng", None, ()),
        AgendaItem(2, "Nhân sự", "Văn phòng", (an.identity.card.name,), ())))

    def offline() -> tuple[Any, str]:
        raise AssertionError("no server here")

    client = MeetingClient(agenda, binh.identity, binh.device, offline)
    changes: list[MeetingChange] = []
    client.observers.subscribe(changes.append)
    go = cuong.event(W.GO_TO, item=2, entry=None, page=4)
    client._dispatch("snapshot", {"seq": 7, "events": [{"seq": 7, "event": go.to_wire(),
                                                        "sender": cuong.sender().to_wire()}],
                                  "ballots": {}, "cast": {}})
    assert client.connected and (client.state.item, client.state.page, client.state.seq) == (2, 4, 7)
    assert not client.may_read_presented()  # item 2 is restricted to An: "not available to you"
    back = cuong.event(W.GO_TO, item=1, entry=None, page=1)
    client._dispatch("event", {"seq": 8, "event": back.to_wire(), "sender": cuong.sender().to_wire()})
    assert client.state.item == 1 and client.may_read_presented()
    client._dispatch("event", {"seq": 8, "event": go.to_wire(), "sender": cuong.sender().to_wire()})
    assert client.state.item == 1  # an old seq (already in the state) is not applied again
    forged = {"seq": 9, "event": go.to_wire(), "sender": binh.sender().to_wire()}  # Cường's event, Bình's device
    client._dispatch("event", forged)
    assert client.state.item == 1 and changes[-1].kind == REFUSED
    assert any(c.kind == STATE for c in changes)
    with pytest.raises(MeetingActionError):  # the client itself refuses control from a member
        client.go_to(1, None, 2)
