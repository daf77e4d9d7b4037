"""What the exports need of an annotation beyond its typed content (no PyMuPDF here): its
colour and opacity, where it starts (to list a page's annotations top to bottom), its pages,
its quoted and written text, and PDF dates from its clock times.

The content itself (:mod:`paperless.core.notes.content`) was checked when the record was made,
so nothing here checks it again; only the colour (a record field, checked by the store) is
read with a default.
"""

from __future__ import annotations

import math
from datetime import UTC, datetime

from paperless.core.notes.content import TEXT_MARKUPS, Ink, StickyNote, TextBox, TextMarkup
from paperless.core.notes.hlc import Hlc
from paperless.core.notes.records import Annotation, AnnotationKind

Rgb = tuple[float, float, float]

__all__ = ["DEFAULT_COLORS", "TEXT_MARKUPS", "Rgb", "color_of", "note_text_of", "pages_of", "pdf_date",
           "position_of", "quote_of"]

# Used when a record has no colour of its own.
DEFAULT_COLORS: dict[AnnotationKind, str] = {
    AnnotationKind.HIGHLIGHT: "#ffd400",
    AnnotationKind.UNDERLINE: "#0b61d8",
    AnnotationKind.STRIKEOUT: "#d21f1f",
    AnnotationKind.INK: "#d21f1f",
    AnnotationKind.NOTE: "#ffd400",
    AnnotationKind.TEXTBOX: "#000000",
}


def color_of(annotation: Annotation) -> tuple[Rgb, float]:
    """The record's colour as RGB in 0..1 and its opacity (``#rrggbbaa``; 1 without alpha)."""
    text = (annotation.color or DEFAULT_COLORS[annotation.kind]).lower()
    if len(text) not in (7, 9) or text[0] != "#":
        raise ValueError(f"bad colour {text!r}")
    try:
        values = [int(text[i : i + 2], 16) / 255 for i in range(1, len(text), 2)]
    except ValueError:
        raise ValueError(f"bad colour {text!r}") from None
    alpha = values[3] if len(values) == 4 else 1.0
    return (values[0], values[1], values[2]), alpha


def pages_of(annotation: Annotation) -> list[int]:
    """The 0-based pages an annotation is on: a markup's line pages, else its page."""
    content = annotation.content
    return list(content.pages) if isinstance(content, TextMarkup) else [annotation.page]


def position_of(annotation: Annotation) -> tuple[int, float, float]:
    """Where an annotation starts (page, y, x): to list a page's annotations top to bottom."""
    content = annotation.content
    if isinstance(content, TextMarkup):
        first = content.lines[0]
        return first.page, first.y0, first.x0
    if isinstance(content, StickyNote):
        return annotation.page, content.point[1], content.point[0]
    if isinstance(content, TextBox):
        return annotation.page, content.rect[1], content.rect[0]
    if isinstance(content, Ink):
        x0, y0, _, _ = content.bounds  # the strokes' box and half the pen around it
        return annotation.page, y0 + content.width / 2, x0 + content.width / 2
    return annotation.page, math.inf, math.inf  # pragma: no cover - the union is closed


def quote_of(annotation: Annotation) -> str:
    """The marked text of a markup ("" for the other kinds)."""
    content = annotation.content
    return content.quote if isinstance(content, TextMarkup) else ""


def note_text_of(annotation: Annotation) -> str:
    """What the member wrote: a markup's comment, a note's or text box's text ("" for ink)."""
    content = annotation.content
    if isinstance(content, TextMarkup):
        return content.comment or ""
    return content.text if isinstance(content, StickyNote | TextBox) else ""


def pdf_date(hlc: str) -> str | None:
    """A PDF date string (UTC) from a record's HLC time, ``None`` when it is not one."""
    try:
        wall = Hlc.parse(hlc).wall_ms
    except ValueError:
        return None
    when = datetime.fromtimestamp(wall / 1000, tz=UTC)
    return when.strftime("D:%Y%m%d%H%M%S+00'00'")
