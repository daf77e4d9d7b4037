"""Who is who in a meeting, from the signed, decrypted agenda — and the checks a member's app makes
on everything the server relays (docs/meeting.md).

The agenda names the members (with their cards' keys) and, for a bundle built with a ``chair`` or a
``secretariat``, who runs the meeting. A member's app accepts an event only when the device that
signed it is vouched for (device certificate) by the card of the member the event names, and a
control event only from the chair or the secretariat: a server that relays a forged or
unauthorised event cannot make the app follow it.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass

from paperless.core.bundle.manifest import Agenda
from paperless.core.errors import PaperlessError, T
from paperless.core.identity.card import fingerprint_of
from paperless.core.meeting import wire as W
from paperless.core.sync import protocol as P


@functools.lru_cache(maxsize=4096)
def _member_id(recipient: str, signing_key: str) -> str:
    """The member's id from the card's keys (the iterated fingerprint hash costs milliseconds: once each)."""
    return P.member_id(fingerprint_of(recipient, signing_key))


@functools.lru_cache(maxsize=4096)
def _vouched(sender: W.Sender, signing_key: str) -> bool:
    """A device certificate checked once (every event of a device carries the same one)."""
    return sender.vouched_by(signing_key)


class MeetingUnavailableError(PaperlessError):
    en = "This session cannot be followed in the meeting room: {detail}."
    vi = "Không thể theo dõi phiên họp này trong phòng họp: {detail}."


@dataclass(frozen=True)
class Person:
    member: str  # 40 digits
    name: str
    signing_key: str  # minisign "RW…"


@dataclass(frozen=True)
class AgendaRoles:
    session_id: str
    people: dict[str, Person]  # member id → person
    chair: str | None
    secretariat: frozenset[str]

    @classmethod
    def from_agenda(cls, agenda: Agenda) -> AgendaRoles:
        """The members and roles of a decrypted agenda (MeetingUnavailableError for an agenda made
        before the meeting room, which names neither the members' keys nor who runs the meeting)."""
        if any(m.signing_key is None for m in agenda.members):
            raise MeetingUnavailableError(detail=T(
                "it was built before the meeting room; ask the office for a new version",
                "gói được tạo trước khi có phòng họp; hãy đề nghị văn phòng gửi phiên bản mới"))
        if agenda.chair is None and not agenda.secretariat:
            raise MeetingUnavailableError(detail=T("it names no chair and no secretariat",
                                                    "gói không ghi người chủ trì và thư ký"))
        people: dict[str, Person] = {}
        by_name: dict[str, str] = {}
        for m in agenda.members:
            assert m.signing_key is not None
            member = _member_id(m.recipient, m.signing_key)
            people[member] = Person(member, m.name, m.signing_key)
            by_name[m.name] = member
        chair = by_name.get(agenda.chair) if agenda.chair is not None else None
        return cls(agenda.session_id, people, chair,
                   frozenset(by_name[n] for n in agenda.secretariat if n in by_name))

    @property
    def count(self) -> int:
        return len(self.people)

    def is_member(self, member: str) -> bool:
        return member in self.people

    def is_control(self, member: str) -> bool:
        return member == self.chair or member in self.secretariat

    def name(self, member: str) -> str:
        person = self.people.get(member)
        return person.name if person is not None else member

    def signed_by_sender(self, event: W.Event, sender: W.Sender) -> bool:
        """``event`` was signed by a device that its member's card vouches for."""
        person = self.people.get(event.member)
        return (person is not None and sender.member == event.member and sender.device == event.device
                and _vouched(sender, person.signing_key) and event.verify(sender.key))

    def ballot_signed(self, ballot: W.Ballot) -> bool:
        person = self.people.get(ballot.member)
        return person is not None and ballot.session_id == self.session_id and ballot.verify(person.signing_key)

