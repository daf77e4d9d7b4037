"""The export's arguments as JSON, and back: explicit, field by field, each checked on the
receiving side (:mod:`paperless.core.isolation.shapes`) — no generic object reconstruction.
Used between the app and the ``export`` child (:mod:`paperless.core.export.child`).

An annotation's content travels as its stored JSON (``Content.to_json``) and is read back by
the one parser (:func:`~paperless.core.notes.content.parse_content`); content that does not
validate becomes an :class:`UnreadableAnnotation`, which the exports skip and report."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from paperless.core.export.summary import NotesSummaryInput, SummaryDocument, SummaryItem
from paperless.core.isolation.shapes import Bool, Int, Json, List, OneOf, Optional, Record, Str
from paperless.core.notes.content import ContentError, parse_content
from paperless.core.notes.records import Annotation, AnnotationKind, Bookmark, ItemNote, UnreadableAnnotation

ID = Str(200)
NAME = Str(4096)
TEXT = Str(1 << 24)
INDEX = Int(0, 2**31)
MANY = 1_000_000

ANNOTATION = Record(uuid=ID, author=NAME, session_id=ID, doc_hash=ID, page=INDEX,
                    kind=OneOf(*(k.value for k in AnnotationKind)), color=Optional(Str(16)), payload=Json(),
                    created=ID, hlc=ID, deleted=Bool())
ITEM_NOTE = Record(uuid=ID, author=NAME, session_id=ID, item_index=INDEX, text=TEXT, created=ID, hlc=ID,
                   deleted=Bool())
BOOKMARK = Record(uuid=ID, author=NAME, session_id=ID, doc_hash=ID, page=INDEX, label=TEXT, created=ID, hlc=ID,
                  deleted=Bool())
WHEN = Optional(Record(kind=OneOf("date", "datetime"), iso=Str(64)))
SUMMARY = Record(
    session_title=NAME, date=WHEN, place=NAME, member=NAME,
    items=List(Record(index=INDEX, title=NAME, presenter=NAME, number=Optional(INDEX),
                      documents=List(Record(doc_hash=ID, title=NAME, page_count=INDEX), MANY)), MANY),
)
ANNOTATIONS = List(ANNOTATION, MANY)
ITEM_NOTES = List(ITEM_NOTE, MANY)
BOOKMARKS = List(BOOKMARK, MANY)
ANNOTATED_ARGS = Record(annotations=ANNOTATIONS, watermark=Optional(TEXT), author=NAME, name=NAME)
NOTES_ARGS = Record(summary=SUMMARY, annotations=ANNOTATIONS, notes=ITEM_NOTES, bookmarks=BOOKMARKS,
                    language=Str(16))


def annotation_to_json(a: Annotation) -> dict[str, Any]:
    return {"uuid": a.uuid, "author": a.author, "session_id": a.session_id, "doc_hash": a.doc_hash, "page": a.page,
            "kind": str(AnnotationKind(a.kind).value), "color": a.color, "payload": a.content.to_json(),
            "created": a.created, "hlc": a.hlc, "deleted": a.deleted}


def annotation_from_json(d: dict[str, Any]) -> Annotation | UnreadableAnnotation:
    """The annotation (``d`` checked against :data:`ANNOTATION`), or what was wrong with its content."""
    kind = AnnotationKind(d["kind"])
    try:
        content = parse_content(kind, d["payload"])
    except ContentError as exc:
        return UnreadableAnnotation(d["uuid"], d["doc_hash"], kind.value, str(exc), d["deleted"])
    return Annotation(d["uuid"], d["author"], d["session_id"], d["doc_hash"], d["page"], kind, d["color"], content,
                      d["created"], d["hlc"], d["deleted"])


def item_note_to_json(n: ItemNote) -> dict[str, Any]:
    return {"uuid": n.uuid, "author": n.author, "session_id": n.session_id, "item_index": n.item_index,
            "text": n.text, "created": n.created, "hlc": n.hlc, "deleted": n.deleted}


def item_note_from_json(d: dict[str, Any]) -> ItemNote:
    return ItemNote(d["uuid"], d["author"], d["session_id"], d["item_index"], d["text"], d["created"], d["hlc"],
                    d["deleted"])


def bookmark_to_json(b: Bookmark) -> dict[str, Any]:
    return {"uuid": b.uuid, "author": b.author, "session_id": b.session_id, "doc_hash": b.doc_hash, "page": b.page,
            "label": b.label, "created": b.created, "hlc": b.hlc, "deleted": b.deleted}


def bookmark_from_json(d: dict[str, Any]) -> Bookmark:
    return Bookmark(d["uuid"], d["author"], d["session_id"], d["doc_hash"], d["page"], d["label"], d["created"],
                    d["hlc"], d["deleted"])


def _when_to_json(value: datetime | date | None) -> dict[str, str] | None:
    if value is None:
        return None
    return {"kind": "datetime" if isinstance(value, datetime) else "date", "iso": value.isoformat()}


def _when_from_json(d: dict[str, str] | None) -> datetime | date | None:
    if d is None:
        return None
    try:
        return datetime.fromisoformat(d["iso"]) if d["kind"] == "datetime" else date.fromisoformat(d["iso"])
    except ValueError:
        raise ValueError("a date that cannot be read") from None


def summary_to_json(s: NotesSummaryInput) -> dict[str, Any]:
    return {
        "session_title": s.session_title, "date": _when_to_json(s.date), "place": s.place, "member": s.member,
        "items": [{"index": i.index, "title": i.title, "presenter": i.presenter, "number": i.number,
                   "documents": [{"doc_hash": d.doc_hash, "title": d.title, "page_count": d.page_count}
                                 for d in i.documents]} for i in s.items],
    }


def summary_from_json(d: dict[str, Any]) -> NotesSummaryInput:
    items = tuple(
        SummaryItem(i["index"], i["title"], i["presenter"],
                    tuple(SummaryDocument(x["doc_hash"], x["title"], x["page_count"]) for x in i["documents"]),
                    i["number"])
        for i in d["items"]
    )
    return NotesSummaryInput(d["session_title"], _when_from_json(d["date"]), d["place"], items, d["member"])
