"""What an annotation is attached to: the anchor, stored with the annotation (JSON-safe).

A text annotation (highlight, underline, strike-out) keeps a W3C Web Annotation style
``TextQuoteSelector`` (:class:`TextQuote`: the exact text and ~32 characters either side)
plus its geometry: one rectangle per text line, each with its own page so that a highlight
can cross a page break. Ink, sticky notes and text boxes keep their page and geometry plus a
:class:`Context`: the nearest text, as a quote, and where the annotation sat relative to the
nearest word — that is what moves it along when the document is re-typeset.

``position`` is the character offset of the quote (or the context) in the document's
normalised text (:class:`~paperless.core.anchoring.text.DocText`) and ``text_length`` the
length of that text: together they give the expected place in a revised version.
``before`` and ``after`` are the wider surroundings (320 characters either side of the
quote or context): re-anchoring only accepts a place whose neighbourhood still looks like
this, which tells a passage apart from the same words repeated elsewhere.

``to_dict`` gives plain JSON types; ``from_dict`` checks them and raises ``ValueError``.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, NamedTuple

FORMAT = 1  # the "v" of the dict form; bump with a migration when the fields change


class PageRect(NamedTuple):
    """A rectangle on a page: PDF points, top-left origin (PyMuPDF's coordinates)."""

    page: int
    x0: float
    y0: float
    x1: float
    y1: float

    def moved(self, page: int, dx: float, dy: float) -> PageRect:
        return PageRect(page, self.x0 + dx, self.y0 + dy, self.x1 + dx, self.y1 + dy)


@dataclass(frozen=True)
class TextQuote:
    """The quoted text and its surroundings (W3C ``TextQuoteSelector``), normalised text."""

    exact: str
    prefix: str = ""
    suffix: str = ""

    def to_dict(self) -> dict[str, str]:
        return {"exact": self.exact, "prefix": self.prefix, "suffix": self.suffix}

    @classmethod
    def from_dict(cls, data: Any) -> TextQuote:
        d = _mapping(data, "quote")
        return cls(_str(d, "exact"), _str(d, "prefix", ""), _str(d, "suffix", ""))


@dataclass(frozen=True)
class Context:
    """The nearest text of an ink stroke, sticky note or text box.

    ``quote.exact`` is a run of words around the word nearest to the annotation; ``word`` is
    the character offset of that nearest word in ``quote.exact``; ``x``, ``y`` the top-left
    corner of its box when the anchor was made. Re-anchoring finds the quote again and moves
    the geometry by however much the nearest word moved.
    """

    quote: TextQuote
    word: int
    x: float
    y: float

    def to_dict(self) -> dict[str, Any]:
        return {"quote": self.quote.to_dict(), "word": self.word, "x": self.x, "y": self.y}

    @classmethod
    def from_dict(cls, data: Any) -> Context:
        d = _mapping(data, "context")
        return cls(TextQuote.from_dict(d.get("quote")), _int(d, "word"), _float(d, "x"), _float(d, "y"))


@dataclass(frozen=True)
class Anchor:
    """Where an annotation is, in one version (``doc_hash``) of a document.

    ``page`` is the page where it starts; ``rects`` its geometry (text: one per line, in
    reading order, possibly on several pages; ink/notes: the bounding box). Exactly one of
    ``quote`` (text annotations) and ``context`` (ink, notes; ``None`` on a page without
    text) is set, except that both are ``None`` for geometry on a page without any text.
    """

    doc_hash: str
    page: int
    rects: tuple[PageRect, ...]
    quote: TextQuote | None = None
    position: int = 0
    text_length: int = 0
    context: Context | None = None
    before: str = ""
    after: str = ""

    @property
    def target(self) -> TextQuote | None:
        """What re-anchoring searches: the quote, or the context's quote."""
        if self.quote is not None:
            return self.quote
        return None if self.context is None else self.context.quote

    @property
    def is_text(self) -> bool:
        return self.quote is not None

    def to_dict(self) -> dict[str, Any]:
        return {
            "v": FORMAT,
            "doc_hash": self.doc_hash,
            "page": self.page,
            "rects": [list(r) for r in self.rects],
            "quote": None if self.quote is None else self.quote.to_dict(),
            "position": self.position,
            "text_length": self.text_length,
            "context": None if self.context is None else self.context.to_dict(),
            "before": self.before,
            "after": self.after,
        }

    @classmethod
    def from_dict(cls, data: Any) -> Anchor:
        d = _mapping(data, "anchor")
        version = d.get("v", FORMAT)
        if version != FORMAT:
            raise ValueError(f"anchor: unknown format {version!r}")
        rects = d.get("rects")
        if not isinstance(rects, list):
            raise ValueError("anchor: 'rects' must be a list")
        quote, context = d.get("quote"), d.get("context")
        return cls(
            doc_hash=_str(d, "doc_hash"),
            page=_int(d, "page"),
            rects=tuple(_rect(r) for r in rects),
            quote=None if quote is None else TextQuote.from_dict(quote),
            position=_int(d, "position", 0),
            text_length=_int(d, "text_length", 0),
            context=None if context is None else Context.from_dict(context),
            before=_str(d, "before", ""),
            after=_str(d, "after", ""),
        )


# --- checking the dict form ------------------------------------------------------------------
def _mapping(data: Any, what: str) -> Mapping[str, Any]:
    if not isinstance(data, Mapping):
        raise ValueError(f"{what}: expected an object, got {type(data).__name__}")
    return data


def _str(d: Mapping[str, Any], key: str, default: str | None = None) -> str:
    value = d.get(key, default)
    if not isinstance(value, str):
        raise ValueError(f"'{key}' must be a string")
    return value


def _int(d: Mapping[str, Any], key: str, default: int | None = None) -> int:
    value = d.get(key, default)
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise ValueError(f"'{key}' must be a non-negative integer")
    return value


def _number(value: Any, key: str) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise ValueError(f"'{key}' must be a finite number")
    try:
        number = float(value)  # a whole number too big for a float overflows
    except OverflowError:
        raise ValueError(f"'{key}' must be a finite number") from None
    if not math.isfinite(number):
        raise ValueError(f"'{key}' must be a finite number")
    return number


def _float(d: Mapping[str, Any], key: str) -> float:
    return _number(d.get(key), key)


def _rect(value: Any) -> PageRect:
    if not isinstance(value, list | tuple) or len(value) != 5:
        raise ValueError("a rect must be [page, x0, y0, x1, y1]")
    page = value[0]
    if isinstance(page, bool) or not isinstance(page, int) or page < 0:
        raise ValueError("a rect's page must be a non-negative integer")
    x0, y0, x1, y1 = (_number(v, "rect") for v in value[1:])
    return PageRect(page, x0, y0, x1, y1)
