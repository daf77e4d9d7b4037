"""Valid annotation content for the tests (the store refuses content that does not validate):
one of each kind, holding a given text where the kind has one; and a record written with content
that does not validate, as another app could."""

from __future__ import annotations

from typing import Any
from uuid import uuid4

from paperless.core.anchoring import Anchor, PageRect, TextQuote
from paperless.core.notes import AnnotationKind, Content, Ink, NotesStore, OpKind, StickyNote, TextBox, TextMarkup, db

DOC = "ab" * 32
LINE = (72.0, 100.0, 300.0, 114.0)


def text_anchor(quote: str = "Điều 1", *, doc_hash: str = DOC, page: int = 0,
                rect: tuple[float, float, float, float] = LINE) -> Anchor:
    """A text markup's anchor: one line on ``page``."""
    return Anchor(doc_hash=doc_hash, page=page, rects=(PageRect(page, *rect),), quote=TextQuote(quote),
                  text_length=len(quote))


def markup(quote: str = "Điều 1", comment: str | None = None, *, doc_hash: str = DOC, page: int = 0,
           rect: tuple[float, float, float, float] = LINE) -> TextMarkup:
    return TextMarkup(anchor=text_anchor(quote, doc_hash=doc_hash, page=page, rect=rect), quote=quote,
                      comment=comment)


def note(text: str = "", point: tuple[float, float] = (100.0, 120.0)) -> StickyNote:
    return StickyNote(point=point, text=text)


def box(text: str = "", rect: tuple[float, float, float, float] = (72.0, 100.0, 272.0, 130.0),
        font_size: float = 12.0) -> TextBox:
    return TextBox(rect=rect, text=text, font_size=font_size)


def ink(strokes: tuple[tuple[tuple[float, float], ...], ...] = (((100.0, 100.0), (160.0, 120.0)),),
        width: float = 2.0) -> Ink:
    return Ink(strokes=strokes, width=width)


def content(kind: AnnotationKind | str, text: str = "") -> Content:
    """A valid content of ``kind`` holding ``text`` (a markup's quote, a note's or text box's
    text; ink has none)."""
    kind = AnnotationKind(kind)
    if kind is AnnotationKind.INK:
        return ink()
    if kind is AnnotationKind.NOTE:
        return note(text)
    if kind is AnnotationKind.TEXTBOX:
        return box(text)
    return markup(text or "Điều 1")


def written(annotation_content: Content) -> str:
    """The text a content holds (see :func:`content`)."""
    if isinstance(annotation_content, TextMarkup):
        return annotation_content.quote
    if isinstance(annotation_content, StickyNote | TextBox):
        return annotation_content.text
    return ""


def write_unvalidated(store: NotesStore, session_id: str, doc_hash: str, page: int, kind: str, color: str | None,
                      data: dict[str, Any]) -> str:
    """Save ``data`` as an annotation's content *without* checking it, as a newer app (or a
    writer with a bug) could: sealed under the notes key, in the outbox and in the row digest
    like any record. Returns its uuid."""
    fields = {"uuid": str(uuid4()), "author": store.author, "session_id": session_id, "doc_hash": doc_hash,
              "page": page, "kind": kind, "color": color, "deleted": False}
    store._record = lambda table, f, d: None  # type: ignore[method-assign]  # the record is not built back
    try:
        with store._tx() as conn:
            store._write(conn, db.annotation_table, OpKind.CREATE, fields, data, None)
    finally:
        del store._record
    return str(fields["uuid"])
