"""Reading an annotation's payload into checked, typed values (no PyMuPDF here).

The payload contract (geometry in PDF points, top-left origin, the coordinates PyMuPDF's
``page.get_text("words")`` gives, i.e. of the unrotated page):

* every kind: ``"anchor"``, an :meth:`Anchor.to_dict` dict; text markups take their line
  rectangles (``[page, x0, y0, x1, y1]``, possibly on two pages) from it;
* highlight / underline / strikeout: ``"quote"`` (the selected text), optional ``"comment"``;
* ink: ``"strokes"`` (a list of strokes, each a list of ``[x, y]``), ``"width"`` (points);
* note: ``"point"`` (``[x, y]``, the icon's top-left corner), ``"text"``;
* textbox: ``"rect"`` (``[x0, y0, x1, y1]``), ``"text"``, ``"font_size"``.

Every reader here raises ``ValueError`` for a malformed value, so a caller can skip the one
bad record and keep the others.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from datetime import UTC, datetime
from typing import Any

from paperless.core.anchoring.model import Anchor, PageRect
from paperless.core.notes.hlc import Hlc
from paperless.core.notes.records import Annotation, AnnotationKind

Rgb = tuple[float, float, float]
Point = tuple[float, float]
Box = tuple[float, float, float, float]

TEXT_MARKUPS = frozenset({AnnotationKind.HIGHLIGHT, AnnotationKind.UNDERLINE, AnnotationKind.STRIKEOUT})

# Used when a record has no colour of its own.
DEFAULT_COLORS: dict[AnnotationKind, str] = {
    AnnotationKind.HIGHLIGHT: "#ffd400",
    AnnotationKind.UNDERLINE: "#0b61d8",
    AnnotationKind.STRIKEOUT: "#d21f1f",
    AnnotationKind.INK: "#d21f1f",
    AnnotationKind.NOTE: "#ffd400",
    AnnotationKind.TEXTBOX: "#000000",
}
DEFAULT_INK_WIDTH = 2.0
DEFAULT_FONT_SIZE = 12.0


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


def anchor_of(annotation: Annotation) -> Anchor | None:
    """The payload's anchor, ``None`` when there is none; ``ValueError`` when malformed."""
    data = annotation.payload.get("anchor")
    return None if data is None else Anchor.from_dict(data)


def rects_by_page(anchor: Anchor) -> dict[int, list[Box]]:
    """A text markup's line rectangles grouped by page, pages in reading order."""
    pages: dict[int, list[Box]] = {}
    for r in anchor.rects:
        if r.x1 <= r.x0 or r.y1 <= r.y0:
            continue
        pages.setdefault(r.page, []).append((r.x0, r.y0, r.x1, r.y1))
    return pages


def pages_of(annotation: Annotation) -> list[int]:
    """The 0-based pages an annotation is on: a markup's rectangle pages, else its page."""
    if annotation.kind in TEXT_MARKUPS:
        try:
            anchor = anchor_of(annotation)
        except ValueError:
            anchor = None
        if anchor is not None:
            pages = list(rects_by_page(anchor))
            if pages:
                return pages
    return [annotation.page]


def position_of(annotation: Annotation) -> tuple[int, float, float]:
    """Where an annotation starts (page, y, x): to list a page's annotations top to bottom."""
    payload = annotation.payload
    try:
        if annotation.kind in TEXT_MARKUPS:
            anchor = anchor_of(annotation)
            if anchor is not None and anchor.rects:
                first: PageRect = anchor.rects[0]
                return first.page, first.y0, first.x0
        elif annotation.kind is AnnotationKind.NOTE:
            x, y = point(payload, "point")
            return annotation.page, y, x
        elif annotation.kind is AnnotationKind.TEXTBOX:
            x0, y0, _, _ = box(payload, "rect")
            return annotation.page, y0, x0
        elif annotation.kind is AnnotationKind.INK:
            x0, y0, _, _ = strokes_bbox(strokes(payload))
            return annotation.page, y0, x0
    except ValueError:
        pass
    return annotation.page, math.inf, math.inf


def text(payload: Mapping[str, Any], key: str) -> str:
    """An optional text field ('' when absent); ``ValueError`` when not a string."""
    value = payload.get(key, "")
    if value is None:
        return ""
    if not isinstance(value, str):
        raise ValueError(f"'{key}' must be a string")
    return value


def quote_of(annotation: Annotation) -> str:
    """The quoted text of a markup: the payload's ``quote``, else the anchor's exact text."""
    quote = text(annotation.payload, "quote")
    if quote:
        return quote
    try:
        anchor = anchor_of(annotation)
    except ValueError:
        return ""
    return "" if anchor is None or anchor.quote is None else anchor.quote.exact


def note_text_of(annotation: Annotation) -> str:
    """What the member wrote: a markup's comment, a note's or text box's text."""
    key = "comment" if annotation.kind in TEXT_MARKUPS else "text"
    try:
        return text(annotation.payload, key)
    except ValueError:
        return ""


def number(value: Any, what: str) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float) or not math.isfinite(value):
        raise ValueError(f"'{what}' must be a finite number")
    return float(value)


def positive(payload: Mapping[str, Any], key: str, default: float) -> float:
    value = payload.get(key)
    if value is None:
        return default
    result = number(value, key)
    if result <= 0:
        raise ValueError(f"'{key}' must be positive")
    return result


def point(payload: Mapping[str, Any], key: str) -> Point:
    value = payload.get(key)
    if not isinstance(value, list | tuple) or len(value) != 2:
        raise ValueError(f"'{key}' must be [x, y]")
    return number(value[0], key), number(value[1], key)


def box(payload: Mapping[str, Any], key: str) -> Box:
    value = payload.get(key)
    if not isinstance(value, list | tuple) or len(value) != 4:
        raise ValueError(f"'{key}' must be [x0, y0, x1, y1]")
    x0, y0, x1, y1 = (number(v, key) for v in value)
    x0, x1 = min(x0, x1), max(x0, x1)
    y0, y1 = min(y0, y1), max(y0, y1)
    if x1 - x0 < 1 or y1 - y0 < 1:
        raise ValueError(f"'{key}' is empty")
    return x0, y0, x1, y1


def strokes(payload: Mapping[str, Any]) -> list[list[Point]]:
    value = payload.get("strokes")
    if not isinstance(value, list):
        raise ValueError("'strokes' must be a list of strokes")
    result: list[list[Point]] = []
    for stroke in value:
        if not isinstance(stroke, list | tuple):
            raise ValueError("a stroke must be a list of [x, y] points")
        pts = [point({"p": p}, "p") for p in stroke]
        if len(pts) == 1:
            pts.append(pts[0])  # a dot: a zero-length stroke still shows with a round cap
        if pts:
            result.append(pts)
    if not result:
        raise ValueError("an ink annotation needs at least one stroke")
    return result


def strokes_bbox(all_strokes: list[list[Point]]) -> Box:
    xs = [x for s in all_strokes for x, _ in s]
    ys = [y for s in all_strokes for _, y in s]
    return min(xs), min(ys), max(xs), max(ys)


def pdf_date(hlc: str) -> str | None:
    """A PDF date string (UTC) from a record's HLC time, ``None`` when it is not one."""
    try:
        wall = Hlc.parse(hlc).wall_ms
    except ValueError:
        return None
    when = datetime.fromtimestamp(wall / 1000, tz=UTC)
    return when.strftime("D:%Y%m%d%H%M%S+00'00'")
