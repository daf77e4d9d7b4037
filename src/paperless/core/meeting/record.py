"""The meeting's record for the minutes: the votes file and its independent recount, the attendance list.

``paperless server export-votes DIR SESSION --out FILE`` writes every vote of a meeting: the
secretariat's signed ``open_vote`` and ``close_vote`` events (with the device certificates that
vouch for the devices that signed them), every ballot the server received (each revision) with
the order it arrived in, the enrolled cards of everyone who signed something, and the server's
count. :func:`verify_votes` (``paperless meeting verify-votes FILE``) trusts none of it: it checks
that each card is the member its id names (the id is the card's fingerprint), every signature,
that each ballot arrived between its vote's opening and closing, and recounts (the highest revision
of each member counts) — any bad ballot, any event that does not verify, or a result other than the
recount makes the file fail.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field
from typing import Any

from paperless.core.bundle.audience import control_hash
from paperless.core.errors import PaperlessError, T
from paperless.core.identity import PublicCard
from paperless.core.meeting import wire as W
from paperless.core.sync import protocol as P

VOTES_FORMAT = "paperless-meeting-votes"


@dataclass(frozen=True)
class VoteReport:
    vote: str
    motion: str
    counts: dict[str, int]
    named: list[tuple[str, str]]  # (member's name, choice) of the ballots that count
    problems: list[T]


@dataclass
class VotesReport:
    session_id: str
    votes: list[VoteReport] = field(default_factory=list)
    problems: list[T] = field(default_factory=list)  # about the file as a whole

    @property
    def ok(self) -> bool:
        return not self.problems and all(not v.problems for v in self.votes)


class VotesFileError(PaperlessError):
    en = "{path} is not a votes file: {detail}"
    vi = "{path} không phải tệp kết quả biểu quyết: {detail}"


def verify_votes(data: Any, path: str = "votes") -> VotesReport:
    """Check and recount a votes file (see the module's docstring); raises VotesFileError only when
    the file is not one at all."""
    if not isinstance(data, dict) or data.get("format") != VOTES_FORMAT or data.get("v") != 1:
        raise VotesFileError(path=path, detail=T("not the format paperless server export-votes writes",
                                                 "không đúng định dạng của paperless server export-votes"))
    session_id = data.get("session_id")
    members, votes, events, control = (data.get("members"), data.get("votes"), data.get("events"),
                                       data.get("control"))
    if not isinstance(session_id, str) or not all(isinstance(x, list) for x in (members, votes, events, control)):
        raise VotesFileError(path=path, detail=T("a part is missing", "thiếu một phần"))
    assert isinstance(members, list) and isinstance(votes, list) and isinstance(events, list)
    assert isinstance(control, list)
    report = VotesReport(session_id)
    cards: dict[str, PublicCard] = {}
    for m in members:
        try:
            card = PublicCard.from_toml(str(m["card"]))
            member = str(m["member"])
        except (PaperlessError, KeyError, TypeError):
            report.problems.append(T("a card cannot be read", "không đọc được một thẻ"))
            continue
        if P.member_id(card.fingerprint) != member:
            report.problems.append(T(f"the card given for {member} is another member's",
                                     f"thẻ ghi cho {member} là của người khác"))
            continue
        cards[member] = card
    names = {m: c.name for m, c in cards.items()}

    # the open and close events: signed by a device its member's card vouches for, by the chair or secretariat
    opened: dict[str, tuple[int, W.Event]] = {}
    closed: dict[str, int] = {}
    for item in events:
        try:
            event = W.parse_event(item.get("event"))
            sender = W.parse_sender(item.get("sender"))
            seq = int(item["seq"])
        except (W.WireError, KeyError, TypeError, ValueError, AttributeError):
            report.problems.append(T("an event is not in shape", "một sự kiện sai định dạng"))
            continue
        signer = cards.get(event.member)
        who = names.get(event.member, event.member)
        if signer is None or sender.member != event.member or sender.device != event.device \
                or not sender.vouched_by(signer.signing_key) or not event.verify(sender.key):
            report.problems.append(T(f"the {event.type} event {seq} by {who} does not verify",
                                     f"sự kiện {event.type} số {seq} của {who} không đúng chữ ký"))
            continue
        if event.session_id != session_id:
            report.problems.append(T(f"event {seq} is of another session", f"sự kiện {seq} thuộc phiên họp khác"))
            continue
        if control_hash(session_id, event.member) not in control:
            report.problems.append(T(f"event {seq} was sent by {who}, who does not run the meeting",
                                     f"sự kiện {seq} do {who} gửi, người không điều hành cuộc họp"))
            continue
        if event.type == W.OPEN_VOTE:
            opened[str(event.fields["vote"])] = (seq, event)
        elif event.type == W.CLOSE_VOTE:
            closed[str(event.fields["vote"])] = seq

    for v in votes:
        report.votes.append(_one_vote(v, session_id, cards, names, opened, closed))
    return report


def _one_vote(v: Any, session_id: str, cards: dict[str, PublicCard], names: dict[str, str],
              opened: dict[str, tuple[int, W.Event]], closed: dict[str, int]) -> VoteReport:
    problems: list[T] = []
    vote_id = str(v.get("vote")) if isinstance(v, dict) else "?"
    raw_ballots = v.get("ballots") if isinstance(v, dict) else None
    claimed = v.get("result") if isinstance(v, dict) else None
    if vote_id not in opened:
        problems.append(T("no signed opening for this vote", "không có sự kiện mở biểu quyết có chữ ký"))
        return VoteReport(vote_id, "", {}, [], problems)
    open_seq, open_event = opened[vote_id]
    motion = str(open_event.fields["motion"])
    close_seq = closed.get(vote_id)
    if close_seq is None:
        problems.append(T("the vote has no signed closing", "cuộc biểu quyết không có sự kiện kết thúc có chữ ký"))
    best: dict[str, W.Ballot] = {}
    for raw in raw_ballots if isinstance(raw_ballots, list) else []:
        try:
            ballot = W.parse_ballot(raw.get("ballot"))
            arrived = int(raw["seq"])
        except (W.WireError, KeyError, TypeError, ValueError, AttributeError):
            problems.append(T("a ballot is not in shape", "một phiếu sai định dạng"))
            continue
        who = names.get(ballot.member, ballot.member)
        card = cards.get(ballot.member)
        if card is None or ballot.session_id != session_id or ballot.vote != vote_id \
                or not ballot.verify(card.signing_key):
            problems.append(T(f"the ballot of {who} (revision {ballot.revision}) does not verify",
                              f"phiếu của {who} (lần {ballot.revision}) không đúng chữ ký"))
            continue
        if arrived < open_seq or (close_seq is not None and arrived >= close_seq):
            problems.append(T(f"the ballot of {who} arrived outside the vote",
                              f"phiếu của {who} đến ngoài thời gian biểu quyết"))
            continue
        earlier = best.get(ballot.member)
        if earlier is None or ballot.revision > earlier.revision:
            best[ballot.member] = ballot
        elif ballot.revision == earlier.revision and ballot.body() != earlier.body():
            problems.append(T(f"{who} has two different ballots of the same revision",
                              f"{who} có hai phiếu khác nhau cùng một lần"))
    counts = dict.fromkeys(W.CHOICES, 0)
    for ballot in best.values():
        counts[ballot.choice] += 1
    if claimed != counts:
        problems.append(T(f"the server's result {claimed} is not the recount {counts}",
                          f"kết quả của máy chủ {claimed} khác kết quả đếm lại {counts}"))
    named = sorted((names.get(m, m), b.choice) for m, b in best.items())
    return VoteReport(vote_id, motion, counts, named, problems)


def closed_votes_only(data: dict[str, Any]) -> dict[str, Any]:
    """A votes file with only the votes that closed (and their open and close events): what goes with
    the minutes, so that every vote in it has its signed closing."""
    votes = [v for v in data.get("votes", []) if isinstance(v, dict) and v.get("closed_seq") is not None]
    kept = {str(v.get("vote")) for v in votes}

    def of_kept(item: Any) -> bool:
        try:
            return str(W.parse_event(item.get("event")).fields.get("vote")) in kept
        except (W.WireError, AttributeError):
            return True  # not ours to judge: verify-votes reports it

    return {**data, "votes": votes, "events": [e for e in data.get("events", []) if of_kept(e)]}


# -- attendance ------------------------------------------------------------------------------------------------
STATUS_LABELS = {W.PRESENT: ("present", "có mặt"), W.ONLINE: ("online", "trực tuyến"),
                 W.ABSENT: ("absent", "vắng mặt"), "": ("not checked in", "chưa điểm danh")}


@dataclass(frozen=True)
class AttendanceRow:
    member: str
    name: str
    status: str  # present | online | absent | "" (not checked in)
    reason: str


@dataclass(frozen=True)
class Quorum:
    attending: int  # present or online
    members: int  # the session's members
    reached: bool


def attendance_csv(rows: list[AttendanceRow], quorum: Quorum | None = None) -> str:
    """One row a member; with ``quorum``, after a blank line, a last row: attending of members, reached."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["member", "name", "status", "trạng thái", "reason"])
    for r in rows:
        writer.writerow([r.member, r.name, r.status or "none", STATUS_LABELS[r.status][1], r.reason])
    if quorum is not None:
        writer.writerow([])
        reached = ("reached", "đủ số lượng") if quorum.reached else ("not reached", "không đủ số lượng")
        writer.writerow(["quorum", f"{quorum.attending}/{quorum.members}", *reached, ""])
    return out.getvalue()


def attendance_toml(session_id: str, rows: list[AttendanceRow]) -> str:
    from paperless.core.identity.card import toml_str

    lines = ["# Điểm danh — attendance (paperless server export-attendance)", f"session_id = {toml_str(session_id)}"]
    for r in rows:
        lines += ["", "[[attendance]]", f"member = {toml_str(r.member)}", f"name = {toml_str(r.name)}",
                  f"status = {toml_str(r.status or 'none')}", f"reason = {toml_str(r.reason)}"]
    return "\n".join(lines) + "\n"
