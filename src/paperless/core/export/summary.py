""""Export my notes": what goes into the summary, in agenda order (no formatting here).

The caller describes the session with :class:`NotesSummaryInput` (most simply
:meth:`NotesSummaryInput.from_agenda`) and passes the member's records from the notes
store; :func:`collect` arranges them: per agenda item its title, presenter and private
note, then per document its annotations (top to bottom, page by page) and bookmarks.
Deleted records are left out. Records that match no item or document of the agenda (an
annotation left on an older version of a document, a note of an item that was removed)
are kept in a last section rather than dropped: nothing the member wrote goes missing.
Annotations whose content did not validate (:class:`UnreadableAnnotation`, e.g. from JSON)
cannot be shown and are left out.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime

from paperless.core.bundle.manifest import Agenda
from paperless.core.export import payload as pl
from paperless.core.export.labels import Labels
from paperless.core.notes.records import Annotation, AnnotationKind, Bookmark, ItemNote, UnreadableAnnotation


@dataclass(frozen=True)
class SummaryDocument:
    doc_hash: str  # sha256 of the PDF, as in the notes store
    title: str
    page_count: int = 0


@dataclass(frozen=True)
class SummaryItem:
    index: int  # 0-based position in the agenda (``ItemNote.item_index``)
    title: str
    presenter: str = ""
    documents: tuple[SummaryDocument, ...] = ()
    number: int | None = None  # the number shown in the agenda; index + 1 when None


@dataclass(frozen=True)
class NotesSummaryInput:
    session_title: str
    date: datetime | date | None
    place: str
    items: tuple[SummaryItem, ...]
    member: str = ""  # whose notes (shown under the title when given)

    @classmethod
    def from_agenda(cls, agenda: Agenda, member: str = "") -> NotesSummaryInput:
        """The session as the member sees it (documents of items they may not read are left out)."""
        items = tuple(
            SummaryItem(
                index=i,
                title=item.title,
                presenter=item.presenter,
                documents=tuple(SummaryDocument(d.sha256, d.title, d.pages) for d in item.documents)
                if not member or item.readable_by(member) else (),
                number=item.number,
            )
            for i, item in enumerate(agenda.items)
        )
        return cls(agenda.title, agenda.starts_at, agenda.location, items, member)


# --- the arranged summary --------------------------------------------------------------------
@dataclass(frozen=True)
class Entry:
    kind: AnnotationKind
    label: str  # the kind, in the summary's language
    pages: tuple[int, ...]  # 1-based
    quote: str  # the marked text (text markups)
    text: str  # the comment, note or text-box text


@dataclass
class DocumentSection:
    title: str
    page_count: int
    entries: list[Entry] = field(default_factory=list)
    bookmarks: list[tuple[int, str]] = field(default_factory=list)  # (1-based page, label)

    @property
    def empty(self) -> bool:
        return not self.entries and not self.bookmarks


@dataclass
class ItemSection:
    heading: str  # "3. Title"
    presenter: str
    note: str
    documents: list[DocumentSection] = field(default_factory=list)

    @property
    def empty(self) -> bool:
        return not self.note.strip() and all(d.empty for d in self.documents)


@dataclass
class Summary:
    title: str
    details: list[tuple[str, str]]  # (label, value)
    items: list[ItemSection]
    others: list[ItemSection]  # records not attached to the agenda (heading per orphan item / document)


def page_text(labels: Labels, pages: Sequence[int]) -> str:
    """ "Trang 3" or "Trang 3–4" (pages 1-based)."""
    if not pages:
        return ""
    first, last = min(pages), max(pages)
    return f"{labels.page} {first}" if first == last else f"{labels.page} {first}–{last}"


def when_text(value: datetime | date | None, labels: Labels) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime):
        return value.strftime(labels.date_format)
    return value.strftime(labels.date_format.split(" ")[0])


def collect(
    summary: NotesSummaryInput,
    annotations: Sequence[Annotation | UnreadableAnnotation],
    item_notes: Sequence[ItemNote],
    bookmarks: Sequence[Bookmark],
    labels: Labels,
) -> Summary:
    """Arrange the member's live records along the agenda."""
    by_doc: dict[str, list[Annotation]] = {}
    for a in annotations:
        if isinstance(a, Annotation) and not a.deleted:
            by_doc.setdefault(a.doc_hash, []).append(a)
    marks: dict[str, list[Bookmark]] = {}
    for b in bookmarks:
        if not b.deleted:
            marks.setdefault(b.doc_hash, []).append(b)
    notes: dict[int, list[ItemNote]] = {}
    for n in item_notes:
        if not n.deleted and n.text.strip():
            notes.setdefault(n.item_index, []).append(n)

    items: list[ItemSection] = []
    for item in summary.items:
        number = item.index + 1 if item.number is None else item.number
        section = ItemSection(f"{number}. {item.title}", item.presenter, _note_text(notes.pop(item.index, [])))
        for doc in item.documents:
            if doc.doc_hash in by_doc or doc.doc_hash in marks:  # a document listed twice: its notes once
                section.documents.append(
                    _document(doc.title, doc.page_count, by_doc.pop(doc.doc_hash, []), marks.pop(doc.doc_hash, []),
                              labels))
        items.append(section)

    others: list[ItemSection] = []
    for index in sorted(notes):
        others.append(ItemSection(labels.other_item.format(n=index + 1), "", _note_text(notes[index])))
    for doc_hash in sorted(set(by_doc) | set(marks)):
        title = labels.other_document.format(code=doc_hash[:12])
        others.append(ItemSection(title, "", "", [_document("", 0, by_doc.get(doc_hash, []),
                                                             marks.get(doc_hash, []), labels)]))

    details = [(labels.member, summary.member), (labels.when, when_text(summary.date, labels)),
               (labels.place, summary.place)]
    return Summary(f"{labels.title} — {summary.session_title}", [(k, v) for k, v in details if v], items, others)


def _note_text(notes: list[ItemNote]) -> str:
    return "\n\n".join(n.text.strip("\n") for n in sorted(notes, key=lambda n: (n.created, n.uuid)))


def _document(title: str, page_count: int, annotations: list[Annotation], bookmarks: list[Bookmark],
              labels: Labels) -> DocumentSection:
    section = DocumentSection(title, page_count)
    for a in sorted(annotations, key=lambda a: (pl.position_of(a), a.created, a.uuid)):
        quote = pl.quote_of(a)
        pages = tuple(p + 1 for p in pl.pages_of(a))
        section.entries.append(Entry(a.kind, labels.kinds[a.kind], pages, quote, pl.note_text_of(a)))
    for b in sorted(bookmarks, key=lambda b: (b.page, b.created, b.uuid)):
        section.bookmarks.append((b.page + 1, b.label))
    return section
