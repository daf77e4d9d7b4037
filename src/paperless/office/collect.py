"""The office's side of a consultation: collect what the members sent (docs/consultation.md).

:func:`collect` takes the sealed envelopes the office server holds for a session and the
session's ``session.toml`` (the clerk's own description: who was consulted, on which items,
until when, and the polls), opens each envelope with the office's key and checks it against the
member's card *from session.toml* (never a card the server could have swapped), and keeps:

* per comment, its latest revision (a withdrawn one drops out), late when it reached the server
  after the item's ``comments_due`` — marked, never dropped;
* per member and item, "agree with the draft, no comments";
* per member and poll, one answer: the latest revision that arrived before the deadline (or, if
  none did, the latest, marked late) — answering twice counts once.

An envelope that does not open, is not signed by the member the server filed it under, names
another session, or does not match what the server filed it as is *refused* and reported, and
never counted. :func:`consolidation` turns the result into the standard table
(:mod:`paperless.office.consolidation`); :func:`poll_results` into the tallies.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Protocol

from paperless.core.consultation.envelope import Comment, CommentKind, PollAnswer, RefusedEnvelopeError, open_sealed
from paperless.core.consultation.polls import Poll
from paperless.core.errors import T
from paperless.core.identity import PublicCard, UnlockedIdentity
from paperless.core.session import ItemSpec, SessionSpec
from paperless.core.sync.protocol import member_id
from paperless.office.consolidation import CommentRow, Consolidation, DraftTable


class Envelope(Protocol):
    """What the server holds (structurally: :class:`paperless.server.consultation.Held`)."""

    @property
    def member(self) -> str: ...
    @property
    def kind(self) -> str: ...
    @property
    def session_id(self) -> str: ...
    @property
    def key(self) -> str: ...
    @property
    def revision(self) -> int: ...
    @property
    def received(self) -> int: ...
    @property
    def sealed(self) -> bytes: ...


@dataclass(frozen=True)
class Counted:
    comment: Comment
    received: datetime
    late: bool


@dataclass(frozen=True)
class CountedAnswer:
    answer: PollAnswer
    received: datetime
    late: bool


@dataclass
class Collected:
    spec: SessionSpec
    comments: list[Counted] = field(default_factory=list)  # latest revisions, withdrawn ones left out
    agreed: dict[int, set[str]] = field(default_factory=dict)  # item number -> fingerprints
    answers: dict[str, dict[str, CountedAnswer]] = field(default_factory=dict)  # poll -> fingerprint -> answer
    refused: list[RefusedEnvelopeError] = field(default_factory=list)

    def members(self) -> dict[str, str]:
        """Fingerprint -> name, for everyone the session lists."""
        return {m.card.fingerprint: m.name for m in self.spec.members}

    def consulted(self) -> list[str]:
        """Fingerprints of the members who may read some item open for comments, in session order."""
        open_items = [i for i in self.spec.items if i.comments_due is not None]
        return [m.card.fingerprint for m in self.spec.members
                if any(i.restricted_to is None or m.name in i.restricted_to for i in open_items)]


def _ms(when: int) -> datetime:
    return datetime.fromtimestamp(when / 1000, tz=UTC)


def collect(held: Sequence[Envelope], spec: SessionSpec, office: UnlockedIdentity) -> Collected:
    cards: dict[str, PublicCard] = {m.card.fingerprint: m.card for m in spec.members}
    by_id = {member_id(fp): fp for fp in cards}
    out = Collected(spec)
    latest: dict[tuple[str, str], tuple[Comment, int]] = {}
    answers: dict[tuple[str, str], list[tuple[PollAnswer, int]]] = {}
    for h in held:
        fingerprint = by_id.get(h.member)
        if fingerprint is None:
            out.refused.append(RefusedEnvelopeError(member=h.member, reason=T(
                "the sender is not a member of this session", "người gửi không phải thành viên của phiên họp này")))
            continue
        try:
            record = open_sealed(h.sealed, [office.age_identity], cards, fingerprint).record
        except RefusedEnvelopeError as exc:
            out.refused.append(exc)
            continue
        key = record.comment_id if isinstance(record, Comment) else record.poll_id
        kind = "comment" if isinstance(record, Comment) else "answer"
        if (record.session_id, kind, key, record.revision) != (spec.session_id, h.kind, h.key, h.revision):
            out.refused.append(RefusedEnvelopeError(member=cards[fingerprint].name, reason=T(
                "it is not what the server filed it as (another session, comment or revision)",
                "không khớp với nơi máy chủ lưu (phiên họp, góp ý hoặc lần sửa khác)")))
            continue
        if isinstance(record, Comment):
            old = latest.get((fingerprint, key))
            if old is None or record.revision > old[0].revision:
                latest[(fingerprint, key)] = (record, h.received)
        else:
            answers.setdefault((fingerprint, key), []).append((record, h.received))
    items = {n: item for n, item in enumerate(spec.items, start=1)}
    names = out.members()
    entries_of: dict[int, set[str]] = {}
    for number, _item, entry, _stem in _entries(spec):
        entries_of.setdefault(number, set()).add(entry)

    def refuse(fingerprint: str, en: str, vi: str) -> None:
        out.refused.append(RefusedEnvelopeError(member=names.get(fingerprint, fingerprint), reason=T(en, vi)))

    def may_read(fingerprint: str, item: ItemSpec) -> bool:
        return item.restricted_to is None or names[fingerprint] in item.restricted_to

    for (fingerprint, _key), (comment, received) in latest.items():
        item = items.get(comment.item)
        if item is None:
            refuse(fingerprint, "it names an item the session does not have", "ghi một mục mà phiên họp không có")
        elif not may_read(fingerprint, item):
            refuse(fingerprint, "it is on an item this member may not read",
                   "góp ý về một mục mà thành viên này không được đọc")
        elif item.comments_due is None:
            refuse(fingerprint, "it is on an item not open for comments", "góp ý về một mục không lấy ý kiến")
        elif comment.entry is not None and comment.entry not in entries_of.get(comment.item, set()):
            refuse(fingerprint, "it names a document that is not in its item", "ghi một tài liệu không thuộc mục này")
        elif comment.kind is CommentKind.AGREE:
            out.agreed.setdefault(comment.item, set()).add(fingerprint)
        elif comment.kind is CommentKind.COMMENT:
            out.comments.append(Counted(comment, _ms(received), _ms(received) > item.comments_due))
    for item_number, agreeing in out.agreed.items():  # a member who also commented on the item: not "agree"
        agreeing -= {c.comment.member for c in out.comments if c.comment.item == item_number}
    polls = {p.poll_id: p for p in spec.polls}
    for (fingerprint, poll_id), sent in answers.items():
        poll = polls.get(poll_id)
        if poll is None:
            refuse(fingerprint, "it answers a poll the session does not have",
                   "trả lời một phiếu mà phiên họp không có")
            continue
        if poll.item is not None and not may_read(fingerprint, spec.items[poll.item - 1]):
            refuse(fingerprint, "it answers a poll this member may not read",
                   "trả lời một phiếu mà thành viên này không được đọc")
            continue
        good = [(a, r) for a, r in sent if _answers_fit(a, poll)]
        if len(good) < len(sent):
            refuse(fingerprint, "it does not answer the poll's questions (unknown question or choice, or empty)",
                   "không trả lời đúng các câu hỏi của phiếu (câu hỏi hoặc lựa chọn không có, hoặc để trống)")
        if not good:
            continue
        in_time = [(a, r) for a, r in good if _ms(r) <= poll.due]
        answer, received = max(in_time or good, key=lambda ar: ar[0].revision)
        out.answers.setdefault(poll_id, {})[fingerprint] = CountedAnswer(answer, _ms(received), not in_time)
    out.comments.sort(key=lambda c: (c.comment.item, c.comment.entry or "", c.comment.order, c.received))
    return out


def _answers_fit(answer: PollAnswer, poll: Poll) -> bool:
    """Every answer names a question of the poll, a choice it offers (or none), a written answer only
    where the question takes one; and something is answered."""
    for a in answer.answers:
        if a.question >= len(poll.questions):
            return False
        question = poll.questions[a.question]
        if a.choice is not None and a.choice not in question.choices:
            return False
        if a.text and not (question.text_answer or not question.choices):
            return False
    return any(a.choice is not None or a.text for a in answer.answers)


# -- the consolidation table ---------------------------------------------------------------------------
def _entries(spec: SessionSpec) -> list[tuple[int, ItemSpec, str, str]]:
    """(item number, item, entry name, file title) of every document, named as the bundle writer
    names them (documents/0001.age, … in session order: core/bundle/writer.py)."""
    out, counter = [], 0
    for number, item in enumerate(spec.items, start=1):
        for path in item.documents:
            counter += 1
            out.append((number, item, f"documents/{counter:04d}.age", path.stem))
    return out


def _row(c: Counted, names: dict[str, str], answers: Mapping[str, str]) -> CommentRow:
    """The author is the name the office's session.toml gives the signer, never the name in the comment."""
    comment = c.comment
    return CommentRow(place=comment.place, order=comment.order, article=comment.article, quote=comment.quote,
                      text=comment.text, author=names[comment.member], late=c.late, amended=comment.revision > 1,
                      answer=answers.get(comment.comment_id, ""))


def consolidation(collected: Collected, *, office: str, place_date: str,
                  answers: Mapping[str, str] | None = None) -> Consolidation:
    """The standard table: one per draft — the first document of every item open for comments, and
    any other document of it that was commented on (comments on the item as a whole go with its
    first document, as general comments). ``answers``: the office's answer per comment id (the
    last column, "Ý kiến giải trình, tiếp thu"; empty where none)."""
    spec = collected.spec
    answers = answers or {}
    names = {fp: f"Đ/c {name}" for fp, name in collected.members().items()}
    drafts: list[DraftTable] = []
    for number, item, entry, stem in _entries(spec):
        if item.comments_due is None:
            continue
        first = entry == next(e for n, _i, e, _s in _entries(spec) if n == number)
        mine = [c for c in collected.comments if c.comment.item == number
                and (c.comment.entry == entry or (first and c.comment.entry is None))]
        if not mine and not first:  # an appendix nobody commented on: no table of its own
            continue
        # the office's own names: the item's title for its first document, with the file's name for others
        title = item.title if first else f"{item.title} — {stem}"
        drafts.append(DraftTable(title, tuple(_row(c, names, answers) for c in mine)))
    for number, item in enumerate(spec.items, start=1):  # an item open for comments without documents
        if item.comments_due is not None and not item.documents:
            mine = [c for c in collected.comments if c.comment.item == number]
            drafts.append(DraftTable(item.title, tuple(_row(c, names, answers) for c in mine)))
    consulted = collected.consulted()
    commented = list(dict.fromkeys(c.comment.member for c in collected.comments))
    agreed_any = set().union(*collected.agreed.values()) if collected.agreed else set()
    agreed = [fp for fp in consulted if fp in agreed_any and fp not in commented]
    silent = [fp for fp in consulted if fp not in commented and fp not in agreed]
    return Consolidation(
        office=office, place_date=place_date, session_title=spec.title,
        consulted=tuple(names[fp] for fp in consulted), agreed=tuple(names[fp] for fp in agreed),
        commented=tuple(names.get(fp, fp) for fp in commented), not_answered=tuple(names[fp] for fp in silent),
        drafts=tuple(drafts))


def place_date(place: str, when: datetime) -> str:
    """"Vân Sơn, ngày 13 tháng 01 năm 2025" (36-HD/VPTW: day and month below 10 with a leading zero)."""
    date = f"ngày {when.day:02d} tháng {when.month:02d} năm {when.year}"
    return f"{place}, {date}" if place else date.capitalize()


# -- polls -----------------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class QuestionTally:
    text: str
    counts: tuple[tuple[str, int], ...]  # (choice, how many) in the poll's order
    written: tuple[tuple[str, str], ...]  # (name, written answer)


@dataclass(frozen=True)
class PollTally:
    poll_id: str
    title: str
    due: datetime
    questions: tuple[QuestionTally, ...]
    answered: tuple[str, ...]  # names
    late: tuple[str, ...]  # names whose counted answer came after the deadline
    not_answered: tuple[str, ...]


def poll_results(collected: Collected) -> list[PollTally]:
    spec = collected.spec
    names = collected.members()
    out = []
    for poll in spec.polls:
        got = collected.answers.get(poll.poll_id, {})
        readers = [m.card.fingerprint for m in spec.members if poll.item is None
                   or spec.items[poll.item - 1].restricted_to is None
                   or m.name in (spec.items[poll.item - 1].restricted_to or ())]
        questions = []
        for index, question in enumerate(poll.questions):
            chosen: Counter[str] = Counter()
            written = []
            for fp in readers:
                counted = got.get(fp)
                answer = next((a for a in counted.answer.answers if a.question == index), None) if counted else None
                if answer is None:
                    continue
                if answer.choice in question.choices:
                    chosen[answer.choice] += 1
                if answer.text and question.text_answer:
                    written.append((names[fp], answer.text))
            questions.append(QuestionTally(question.text, tuple((c, chosen[c]) for c in question.choices),
                                           tuple(written)))
        out.append(PollTally(poll.poll_id, poll.title, poll.due, tuple(questions),
                             tuple(names[fp] for fp in readers if fp in got),
                             tuple(names[fp] for fp in readers if fp in got and got[fp].late),
                             tuple(names[fp] for fp in readers if fp not in got)))
    return out
