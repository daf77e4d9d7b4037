"""The meeting's state as pure data, and the reducer that applies checked events to it.

The server and every member's app run the same reducer over the same signed events, so they agree
on the state without trusting each other's summary: the server to refuse what does not apply
(409), the apps to follow (and to ignore what the server should have refused). Nothing here does
I/O or checks signatures (:mod:`.verify` does); :class:`Roles` says who may do what.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from fractions import Fraction
from typing import Protocol

from paperless.core.errors import T
from paperless.core.meeting import wire as W

DEFAULT_QUORUM = Fraction(2, 3)  # at least two thirds of the members present or online (configurable)


class Refused(Exception):
    """An event or ballot the meeting's rules do not allow now; ``forbidden``: the sender may not
    do it at all (403), otherwise it does not fit the state (409)."""

    def __init__(self, reason: T, *, forbidden: bool = False) -> None:
        super().__init__(reason.en)
        self.reason = reason
        self.forbidden = forbidden


class Roles(Protocol):
    """Who belongs to the session and who runs the meeting (from the signed bundle)."""

    def is_member(self, member: str) -> bool: ...

    def is_control(self, member: str) -> bool: ...


@dataclass(frozen=True)
class Attendance:
    member: str
    status: str  # present | online | absent
    reason: str  # why absent (the secretariat's words), else ""
    seq: int  # the event that set it


@dataclass(frozen=True)
class HandRaised:
    member: str
    item: int | None
    topic: str
    seq: int


@dataclass(frozen=True)
class Vote:
    vote_id: str
    motion: str
    item: int | None
    opened_by: str
    opened_seq: int
    closed_seq: int | None = None
    ballots: Mapping[str, W.Ballot] = field(default_factory=dict)  # member → the ballot that counts

    @property
    def open(self) -> bool:
        return self.closed_seq is None

    def counts(self) -> dict[str, int]:
        counts = dict.fromkeys(W.CHOICES, 0)
        for ballot in self.ballots.values():
            counts[ballot.choice] += 1
        return counts


@dataclass(frozen=True)
class MeetingState:
    session_id: str
    seq: int = 0  # the last event applied (the server's order)
    item: int | None = None  # what is presented: agenda item (from 1), document entry, page (from 1)
    entry: str | None = None
    page: int | None = None
    presenter: str | None = None  # a member the secretariat handed the presentation to (may go_to)
    attendance: Mapping[str, Attendance] = field(default_factory=dict)
    queue: tuple[HandRaised, ...] = ()  # speaking requests in order
    floor: str | None = None  # who has the floor
    votes: tuple[Vote, ...] = ()  # in the order opened

    def vote(self, vote_id: str) -> Vote | None:
        return next((v for v in self.votes if v.vote_id == vote_id), None)

    @property
    def open_vote(self) -> Vote | None:
        return next((v for v in self.votes if v.open), None)

    def place_in_queue(self, member: str) -> int | None:
        """1 for the first in the queue; None when the member has not asked to speak."""
        return next((i for i, h in enumerate(self.queue, start=1) if h.member == member), None)

    def status_of(self, member: str) -> str | None:
        a = self.attendance.get(member)
        return a.status if a is not None else None

    def attending(self) -> int:
        return sum(1 for a in self.attendance.values() if a.status in W.CHECK_IN_MODES)


def quorum(state: MeetingState, members: int, fraction: Fraction = DEFAULT_QUORUM) -> bool:
    """Enough members present or online (``fraction`` of ``members``, the session's count)."""
    return members > 0 and state.attending() >= fraction * members


def adopted(vote: Vote, members: int) -> bool:
    """Adopted when more than half of all the session's members voted for it."""
    return vote.counts()[W.FOR] * 2 > members


def _refuse(en: str, vi: str, *, forbidden: bool = False) -> Refused:
    return Refused(T(en, vi), forbidden=forbidden)


def apply_event(state: MeetingState, event: W.Event, seq: int, roles: Roles) -> MeetingState:
    """The state after ``event`` (numbered ``seq`` by the server); :class:`Refused` if it may not apply."""
    if event.session_id != state.session_id:
        raise _refuse("the event is for another session", "sự kiện thuộc phiên họp khác")
    sender = event.member
    if not roles.is_member(sender):
        raise _refuse("the sender is not a member of this session", "người gửi không phải thành viên phiên họp",
                      forbidden=True)
    if event.control and not roles.is_control(sender) and not (event.type == W.GO_TO and sender == state.presenter):
        raise _refuse("only the chair or the secretariat runs the meeting",
                      "chỉ chủ trì hoặc thư ký điều hành cuộc họp", forbidden=True)
    new = replace(state, seq=seq)
    kind = event.type
    if kind == W.CHECK_IN:
        return replace(new, attendance={**state.attendance,
                                        sender: Attendance(sender, str(event.fields["mode"]), "", seq)})
    if kind == W.RAISE_HAND:
        if state.place_in_queue(sender) is not None:
            raise _refuse("you have already asked to speak", "đồng chí đã đăng ký phát biểu")
        hand = HandRaised(sender, event.get_int("item"), str(event.fields["topic"]), seq)
        return replace(new, queue=(*state.queue, hand))
    if kind == W.LOWER_HAND:
        if state.place_in_queue(sender) is None:
            raise _refuse("you have not asked to speak", "đồng chí chưa đăng ký phát biểu")
        return replace(new, queue=tuple(h for h in state.queue if h.member != sender))
    if kind == W.GO_TO:
        return replace(new, item=event.get_int("item"), entry=event.get_str("entry"), page=event.get_int("page"))
    if kind == W.SET_PRESENTER:
        presenter = event.get_str("presenter")
        if presenter is not None and not roles.is_member(presenter):
            raise _refuse("the presenter is not a member of this session", "người trình bày không phải thành viên")
        return replace(new, presenter=presenter)
    if kind == W.GIVE_FLOOR:
        to = str(event.fields["to"])
        if not roles.is_member(to):
            raise _refuse("that person is not a member of this session", "người này không phải thành viên phiên họp")
        return replace(new, floor=to, queue=tuple(h for h in state.queue if h.member != to))
    if kind == W.CLOSE_FLOOR:
        return replace(new, floor=None)
    if kind == W.MARK_ABSENT:
        target = str(event.fields["target"])
        if not roles.is_member(target):
            raise _refuse("that person is not a member of this session", "người này không phải thành viên phiên họp")
        return replace(new, attendance={**state.attendance,
                                        target: Attendance(target, W.ABSENT, str(event.fields["reason"]), seq)})
    if kind == W.OPEN_VOTE:
        vote_id = str(event.fields["vote"])
        if state.open_vote is not None:
            raise _refuse("another vote is still open; close it first", "đang có một cuộc biểu quyết chưa kết thúc")
        if state.vote(vote_id) is not None:
            raise _refuse("this vote was already held", "cuộc biểu quyết này đã diễn ra")
        vote = Vote(vote_id, str(event.fields["motion"]), event.get_int("item"), sender, seq)
        return replace(new, votes=(*state.votes, vote))
    if kind == W.CLOSE_VOTE:
        vote_id = str(event.fields["vote"])
        found = state.vote(vote_id)
        if found is None or not found.open:
            raise _refuse("this vote is not open", "cuộc biểu quyết này không mở")
        return replace(new, votes=tuple(replace(v, closed_seq=seq) if v.vote_id == vote_id else v
                                        for v in state.votes))
    raise _refuse(f"unknown event type {kind}", f"loại sự kiện không rõ {kind}")


# ballot outcomes
COUNTED, DUPLICATE = "counted", "duplicate"


def apply_ballot(state: MeetingState, ballot: W.Ballot, roles: Roles, *, closed_ok: bool = False) -> tuple[
        MeetingState, str]:
    """The state with ``ballot`` counted (``counted``) or unchanged (``duplicate``: the same ballot
    again); :class:`Refused` for a ballot on a closed or unknown vote (unless ``closed_ok``: the
    final ballots the server sends after closing), from a non-member, from someone not checked in,
    or older than the one that counts."""
    if ballot.session_id != state.session_id:
        raise _refuse("the ballot is for another session", "phiếu thuộc phiên họp khác")
    if not roles.is_member(ballot.member):
        raise _refuse("the voter is not a member of this session", "người bỏ phiếu không phải thành viên",
                      forbidden=True)
    vote = state.vote(ballot.vote)
    if vote is None:
        raise _refuse("there is no such vote", "không có cuộc biểu quyết này")
    if not vote.open and not closed_ok:
        raise _refuse("the vote is closed", "cuộc biểu quyết đã kết thúc")
    if not closed_ok and state.status_of(ballot.member) not in W.CHECK_IN_MODES:
        raise _refuse("check in before voting", "hãy điểm danh trước khi biểu quyết")
    current = vote.ballots.get(ballot.member)
    if current is not None:
        if current.revision == ballot.revision and current.body() == ballot.body():
            return state, DUPLICATE
        if ballot.revision <= current.revision:
            raise _refuse("a later ballot of this member already counts", "phiếu sau của đồng chí đã được tính")
    counted = replace(vote, ballots={**vote.ballots, ballot.member: ballot})
    return replace(state, votes=tuple(counted if v.vote_id == vote.vote_id else v for v in state.votes)), COUNTED


def replay(session_id: str, events: Iterable[tuple[int, W.Event]], roles: Roles) -> MeetingState:
    """The state after every event that applies (a refused one is skipped, as the server never stored it)."""
    state = MeetingState(session_id)
    for seq, event in events:
        try:
            state = apply_event(state, event, seq, roles)
        except Refused:
            continue
    return state


def compact(events: Iterable[tuple[int, W.Event]]) -> list[tuple[int, W.Event]]:
    """The events a snapshot needs to rebuild the state: a long meeting moves pages thousands of times
    and members check in again after every dropped connection, but only the last page move, the last
    presenter and each member's last attendance event matter. Everything else is kept, in order."""
    listed = list(events)

    def key(event: W.Event) -> str | None:
        if event.type in (W.GO_TO, W.SET_PRESENTER):
            return event.type
        if event.type == W.CHECK_IN:
            return f"attendance:{event.member}"
        if event.type == W.MARK_ABSENT:
            return f"attendance:{event.fields['target']}"
        return None

    last: dict[str, int] = {}
    for i, (_seq, event) in enumerate(listed):
        k = key(event)
        if k is not None:
            last[k] = i
    return [(s, e) for i, (s, e) in enumerate(listed) if (k := key(e)) is None or last[k] == i]
