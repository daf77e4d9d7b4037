"""The clerk's Follow page without Qt: the receipts grid, the comments grouped for reading, the
office's answers to them (kept in the session folder).

* :func:`receipts_grid` turns the server's read receipts (:class:`~paperless.core.clerk.office.ReceiptEntry`)
  into a members × items grid: per cell the least advanced state over the item's documents
  (a member has *read* an item when every document of it was read to the end), the most advanced
  one, and each document's events with their times. A member who has not received some item they
  may read, when the meeting is :data:`SOON` away or less, is marked ``attention``.
* :func:`group_comments` groups the collected comments by document and article (the article and
  the document order the member's app found with :mod:`paperless.core.consultation.place`), with
  the office's name for the member, the time of arrival and the late mark.
* :class:`AnswersStore`: the office's answer per comment (the table's last column, "Ý kiến giải
  trình, tiếp thu"), in ``<session folder>/.consultation/answers.json``, written atomically.

Nothing here imports :mod:`paperless.office` (python-docx and openpyxl are an optional extra).
"""

from __future__ import annotations

import json
import threading
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from enum import IntEnum
from pathlib import Path
from typing import Protocol

from paperless.core.atomic import atomic_write
from paperless.core.clerk.office import ReceiptEntry
from paperless.core.consultation.envelope import Comment
from paperless.core.consultation.place import clean_text
from paperless.core.errors import PaperlessError
from paperless.core.session import ItemSpec, SessionSpec
from paperless.core.sync.protocol import member_id

SOON = timedelta(days=2)  # "who has not received it two days before the meeting stands out"
ANSWERS_FILE = Path(".consultation") / "answers.json"
ANSWERS_FORMAT = "paperless-office-answers"
MAX_ANSWER = 20_000  # characters of one answer


class Level(IntEnum):
    """How far a member got with a document (or an item): each level implies the ones below."""

    NONE = 0
    RECEIVED = 1
    OPENED = 2
    READ = 3


EVENT_LEVEL = {"received": Level.RECEIVED, "opened": Level.OPENED, "read_to_end": Level.READ}


def document_entries(spec: SessionSpec) -> list[tuple[int, str, str]]:
    """(item index from 0, entry name, file stem) of every document, named as the bundle writer
    names them (``documents/0001.age``, … in session order: core/bundle/writer.py)."""
    out: list[tuple[int, str, str]] = []
    counter = 0
    for index, item in enumerate(spec.items):
        for path in item.documents:
            counter += 1
            out.append((index, f"documents/{counter:04d}.age", path.stem))
    return out


def may_read(item: ItemSpec, name: str) -> bool:
    return item.restricted_to is None or name in item.restricted_to


# -- receipts ---------------------------------------------------------------------------------------
@dataclass(frozen=True)
class DocumentState:
    entry: str
    title: str  # the file's stem
    level: Level
    times: tuple[tuple[Level, datetime | None, str], ...]  # (level, when, as signed) for each event seen


@dataclass(frozen=True)
class Cell:
    readable: bool  # False: the item is restricted to other members (nothing expected)
    level: Level  # the least advanced over the item's documents
    best: Level  # the most advanced
    done: int  # documents at ``best``
    documents: tuple[DocumentState, ...]

    @property
    def partial(self) -> bool:
        return self.best != self.level


@dataclass(frozen=True)
class MemberRow:
    name: str
    fingerprint: str
    cells: tuple[Cell, ...]
    missing: int  # items the member may read and has not received
    attention: bool  # missing something and the meeting is SOON away or less


@dataclass(frozen=True)
class ReceiptGrid:
    items: tuple[str, ...]  # titles, in agenda order
    rows: tuple[MemberRow, ...]
    meeting_in: timedelta  # negative once the meeting has started
    soon: bool
    unknown: tuple[str, ...] = ()  # names of receipts' members the session does not list

    @property
    def attention(self) -> tuple[MemberRow, ...]:
        return tuple(r for r in self.rows if r.attention)


def parse_when(text: str) -> datetime | None:
    """A receipt's time as the device signed it (ISO 8601), or None if it does not parse."""
    try:
        when = datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        return None
    return when if when.tzinfo is not None else when.replace(tzinfo=UTC)


def _target(target: str) -> tuple[str, int | None]:
    """("entry", None) for a document, ("", index) for an agenda item, ("", None) for the session."""
    if target.startswith("entry:"):
        return target[len("entry:"):], None
    if target.startswith("item:"):
        try:
            return "", int(target[len("item:"):])
        except ValueError:
            return "", None
    return target, None


def receipts_grid(spec: SessionSpec, receipts: Iterable[ReceiptEntry], now: datetime) -> ReceiptGrid:
    entries = document_entries(spec)
    by_member: dict[str, str] = {}
    for m in spec.members:
        by_member[m.card.fingerprint] = m.card.fingerprint
        try:
            by_member[member_id(m.card.fingerprint)] = m.card.fingerprint
        except ValueError:
            pass
    seen: dict[tuple[str, str], list[tuple[Level, datetime | None, str]]] = {}  # (fp, entry) -> events
    item_seen: dict[tuple[str, int], list[tuple[Level, datetime | None, str]]] = {}  # (fp, item index) -> events
    unknown: list[str] = []
    items_of_entry = {entry: index for index, entry, _stem in entries}
    for r in receipts:
        level = EVENT_LEVEL.get(r.event)
        fp = by_member.get(r.member)  # by the key only: a name is whatever the card's holder typed
        if level is None:
            continue
        if fp is None:
            if r.member_name not in unknown:
                unknown.append(r.member_name or r.member)
            continue
        event = (level, parse_when(r.at), r.at)
        entry, index = _target(r.target)
        if entry in items_of_entry:
            seen.setdefault((fp, entry), []).append(event)
        elif index is not None:
            item_seen.setdefault((fp, index), []).append(event)
        elif entry == "":  # the session as a whole: received means every item it holds
            for i in range(len(spec.items)):
                item_seen.setdefault((fp, i), []).append(event)
    rows = []
    for m in spec.members:
        fp = m.card.fingerprint
        cells = []
        for index, item in enumerate(spec.items):
            readable = may_read(item, m.name)
            docs = []
            for _i, entry, stem in (e for e in entries if e[0] == index):
                events = sorted(seen.get((fp, entry), []) + item_seen.get((fp, index), []),
                                key=lambda e: (e[0], e[1] or datetime.min.replace(tzinfo=UTC)))
                first: dict[Level, tuple[Level, datetime | None, str]] = {}
                for ev in events:
                    first.setdefault(ev[0], ev)  # the earliest of each level
                docs.append(DocumentState(entry, stem, max((e[0] for e in events), default=Level.NONE),
                                          tuple(first.values())))
            if not docs:  # an item without documents: only an item receipt tells
                events = item_seen.get((fp, index), [])
                docs.append(DocumentState("", item.title, max((e[0] for e in events), default=Level.NONE),
                                          tuple(events[:1])))
            levels = [d.level for d in docs]
            best = max(levels)
            cells.append(Cell(readable, min(levels), best, sum(1 for lv in levels if lv == best), tuple(docs)))
        missing = sum(1 for c in cells if c.readable and c.level is Level.NONE)
        rows.append((m, tuple(cells), missing))
    meeting_in = spec.starts_at - now
    soon = meeting_in <= SOON
    return ReceiptGrid(
        items=tuple(i.title for i in spec.items),
        rows=tuple(MemberRow(m.name, m.card.fingerprint, cells, missing, soon and missing > 0)
                   for m, cells, missing in rows),
        meeting_in=meeting_in, soon=soon, unknown=tuple(unknown))


# -- comments ---------------------------------------------------------------------------------------
class CountedLike(Protocol):
    """A collected comment (structurally :class:`paperless.office.collect.Counted`)."""

    @property
    def comment(self) -> Comment: ...
    @property
    def received(self) -> datetime: ...
    @property
    def late(self) -> bool: ...


@dataclass(frozen=True)
class CommentLine:
    comment_id: str
    item: int  # from 1, as in the comment
    place: str
    quote: str
    text: str
    member: str  # the office's name for the signer (session.toml), never the name in the comment
    received: datetime
    late: bool
    amended: bool


@dataclass(frozen=True)
class ArticleGroup:
    heading: str  # "Điều 5", "Mục II"; "" : general comments
    comments: tuple[CommentLine, ...]


@dataclass(frozen=True)
class DocumentGroup:
    item: int  # from 1
    entry: str | None  # None: comments on the item as a whole
    title: str  # the item's title, and the file's name for a second document
    articles: tuple[ArticleGroup, ...]

    @property
    def count(self) -> int:
        return sum(len(a.comments) for a in self.articles)


def group_comments(spec: SessionSpec, counted: Sequence[CountedLike]) -> list[DocumentGroup]:
    """By document (agenda order; comments on an item as a whole first), then by article: general
    comments first, then each article where its first comment falls in document order."""
    names = {m.card.fingerprint: m.name for m in spec.members}
    stems = {entry: (index, stem) for index, entry, stem in document_entries(spec)}
    first_entry: dict[int, str] = {}
    for index, entry, _stem in document_entries(spec):
        first_entry.setdefault(index, entry)
    docs: dict[tuple[int, str | None], list[CountedLike]] = {}
    for c in counted:
        docs.setdefault((c.comment.item, c.comment.entry), []).append(c)

    def doc_key(key: tuple[int, str | None]) -> tuple[int, int, str]:
        return key[0], 0 if key[1] is None else 1, key[1] or ""

    out = []
    for key in sorted(docs, key=doc_key):
        item_no, doc_entry = key
        item = spec.items[item_no - 1] if 0 < item_no <= len(spec.items) else None
        title = item.title if item is not None else f"#{item_no}"
        if doc_entry is not None and doc_entry in stems and first_entry.get(item_no - 1) != doc_entry:
            title = f"{title} — {stems[doc_entry][1]}"
        rows = sorted(docs[key], key=lambda c: (c.comment.order, c.received))
        groups: dict[str, list[CommentLine]] = {}
        for c in rows:
            heading: str = clean_text(c.comment.article).strip()
            groups.setdefault(heading, []).append(CommentLine(
                c.comment.comment_id, c.comment.item, clean_text(c.comment.place).strip(), c.comment.quote,
                c.comment.text, names.get(c.comment.member, c.comment.name), c.received, c.late,
                c.comment.revision > 1))
        ordered = ([ArticleGroup("", tuple(groups.pop("")))] if "" in groups else []) + [
            ArticleGroup(h, tuple(lines)) for h, lines in groups.items()]
        out.append(DocumentGroup(item_no, doc_entry, title, tuple(ordered)))
    return out


# -- the office's answers ----------------------------------------------------------------------------
class AnswersFileError(PaperlessError):
    en = ("Cannot read the office's answers to comments ({path}): {detail}. It was left as it is; move it "
          "away to start again.")
    vi = ("Không đọc được các ý kiến giải trình, tiếp thu của Văn phòng ({path}): {detail}. Tệp được giữ "
          "nguyên; chuyển nó đi nơi khác để làm lại từ đầu.")


class AnswersStore:
    """The office's answer per comment id, in the session folder. Any thread: :meth:`set` changes
    memory at once, :meth:`save` writes everything there is (atomically) — so saves may run in any
    order and the file always ends with the latest answers."""

    def __init__(self, folder: Path, answers: Mapping[str, str] | None = None) -> None:
        self.path = folder / ANSWERS_FILE
        self._lock = threading.Lock()
        self._answers: dict[str, str] = dict(answers or {})
        self._changes = 0
        self._saved = 0

    @classmethod
    def open(cls, folder: Path) -> AnswersStore:
        path = folder / ANSWERS_FILE
        try:
            raw = path.read_bytes()
        except FileNotFoundError:
            return cls(folder)
        except OSError as exc:
            raise AnswersFileError(path=str(path), detail=exc.strerror or str(exc)) from None
        try:
            data = json.loads(raw.decode("utf-8"))
        except (UnicodeDecodeError, ValueError):
            raise AnswersFileError(path=str(path), detail="not JSON") from None
        answers = data.get("answers") if isinstance(data, dict) and data.get("format") == ANSWERS_FORMAT else None
        if not isinstance(answers, dict) or not all(isinstance(k, str) and isinstance(v, str)
                                                    for k, v in answers.items()):
            raise AnswersFileError(path=str(path), detail="not a file of answers")
        return cls(folder, answers)

    def get(self, comment_id: str) -> str:
        with self._lock:
            return self._answers.get(comment_id, "")

    def set(self, comment_id: str, text: str) -> bool:
        """True if it changed anything."""
        text = text[:MAX_ANSWER]
        with self._lock:
            if self._answers.get(comment_id, "") == text:
                return False
            if text.strip():
                self._answers[comment_id] = text
            else:
                self._answers.pop(comment_id, None)
            self._changes += 1
            return True

    def snapshot(self) -> dict[str, str]:
        with self._lock:
            return dict(self._answers)

    @property
    def unsaved(self) -> bool:
        with self._lock:
            return self._saved != self._changes

    def save(self) -> None:
        with self._lock:
            data = {"format": ANSWERS_FORMAT, "v": 1, "answers": dict(sorted(self._answers.items()))}
            changes = self._changes
            atomic_write(self.path, json.dumps(data, ensure_ascii=False, indent=1).encode("utf-8") + b"\n")
            self._saved = changes
