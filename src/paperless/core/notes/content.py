"""What an annotation holds: one typed, checked value per kind, and its stored JSON (Qt-free).

Geometry is in PDF points, top-left origin (the coordinates of PyMuPDF's words, i.e. of the
unrotated page). The stored form, sealed inside each record (see :mod:`.records`)::

    highlight, underline,  TextMarkup   "anchor" (required: its rects are the marked lines, one
    strikeout                           per line, possibly on two pages), "quote", "comment"
    ink                    Ink          "anchor", "strokes" ([[x, y], ...] per stroke), "width"
    note                   StickyNote   "anchor", "point" (the icon's top-left corner), "text"
    textbox                TextBox      "anchor", "rect" ([x0, y0, x1, y1]), "text", "font_size"

``"anchor"`` is :meth:`paperless.core.anchoring.Anchor.to_dict`. The app writes one with every
kind; ink, notes and text boxes are drawn from their own geometry and use it only to follow
their text into a revised document, so for them it may be missing (``None``: such a record is
shown and exported, and is "not placed" when its document is revised). Every kind may also
carry the carry-over's bookkeeping (:mod:`.carry`): ``"carry_tried"`` (the document versions
it could not be placed in) and ``"carried"`` (where it came from, and how sure the placing was).

**One parser, one validator.** :func:`parse_content` reads the stored JSON of a kind; the
classes check their own fields when made (so content built in code is as sure as content
read); both raise :class:`ContentError`, naming what is wrong. :meth:`to_json` is the one way
back: ``parse_content(kind, c.to_json()) == c`` for every content ``c``, and JSON written by
``to_json`` reads back to the same JSON. JSON of older versions that left a field out reads
with its default (a width of 2 points, a font size of 12, no text); it is written out in full
the next time the record is saved.

**Unknown keys are kept.** A key this version does not know (a record written by a newer app
and carried here by the coming sync) is kept in :attr:`extra`, unchanged, and written back
with the record when this app changes it — so an older app editing a newer record (a new
colour, a moved note) never strips what it cannot read. The newer app must therefore keep
what it adds meaningful when an older app moves the geometry it knows.

Limits keep every value drawable and exportable: coordinates within ±1,000,000 points, pen
widths up to 200 points, font sizes up to 1,000 points, text boxes at least 1 point a side,
markups with at least one line of positive area; strings are valid Unicode.
"""

from __future__ import annotations

import copy
import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from enum import StrEnum
from functools import cached_property
from typing import Any, ClassVar

from paperless.core.anchoring.model import Anchor, PageRect

JsonDict = dict[str, Any]
Point = tuple[float, float]
Box = tuple[float, float, float, float]

COORD_LIMIT = 1_000_000.0  # points, either way: far beyond any page (PDF's largest is 14,400)
MAX_WIDTH = 200.0  # points: a pen stroke's width
MAX_FONT_SIZE = 1000.0  # points
MIN_SIDE = 1.0  # points: a text box is at least this wide and high
DEFAULT_INK_WIDTH = 2.0
DEFAULT_FONT_SIZE = 12.0
TRIED = "carry_tried"  # stored key: the document versions the carry-over could not place it in
CARRIED = "carried"  # stored key: where a placed annotation came from, and how sure
CARRY_STATUSES = frozenset({"placed_exact", "placed_fuzzy"})
MAX_DEPTH = 64  # nesting of an unknown key's JSON value


class AnnotationKind(StrEnum):
    HIGHLIGHT = "highlight"
    UNDERLINE = "underline"
    STRIKEOUT = "strikeout"
    INK = "ink"
    NOTE = "note"  # a sticky note: an icon on the page with a text popup
    TEXTBOX = "textbox"


TEXT_MARKUPS = frozenset({AnnotationKind.HIGHLIGHT, AnnotationKind.UNDERLINE, AnnotationKind.STRIKEOUT})


class ContentError(ValueError):
    """An annotation's content is not valid; the message names the kind and the field."""


# -- checks of single values --------------------------------------------------------------------

def _shown(value: object) -> str:
    text = repr(value)
    return text if len(text) <= 40 else text[:37] + "..."


def _text(value: object, where: str) -> str:
    if not isinstance(value, str):
        raise ContentError(f"{where} must be a string, not {_shown(value)}")
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        raise ContentError(f"{where} is not valid Unicode (a lone surrogate)") from None
    return value


def _number(value: object, where: str, low: float = -COORD_LIMIT, high: float = COORD_LIMIT) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise ContentError(f"{where} must be a number, not {_shown(value)}")
    if isinstance(value, int) and not -2**53 <= value <= 2**53:
        raise ContentError(f"{where} is out of range ({low:g} to {high:g})")
    number = float(value)
    if not math.isfinite(number) or not low <= number <= high:
        raise ContentError(f"{where} must be a finite number from {low:g} to {high:g}, not {_shown(value)}")
    return number


def _positive(value: object, where: str, high: float) -> float:
    number = _number(value, where, 0.0, high)
    if number <= 0:
        raise ContentError(f"{where} must be more than 0, not {_shown(value)}")
    return number


def _point(value: object, where: str) -> Point:
    if not isinstance(value, list | tuple) or len(value) != 2:
        raise ContentError(f"{where} must be [x, y], not {_shown(value)}")
    x, y = value
    if type(x) is float and type(y) is float and -COORD_LIMIT <= x <= COORD_LIMIT and -COORD_LIMIT <= y <= COORD_LIMIT:
        return x, y  # the usual case, quickly (NaN fails the comparisons and is checked below)
    return _number(x, where), _number(y, where)


def _box(value: object, where: str) -> Box:
    if not isinstance(value, list | tuple) or len(value) != 4:
        raise ContentError(f"{where} must be [x0, y0, x1, y1], not {_shown(value)}")
    x0, y0, x1, y1 = (_number(v, where) for v in value)
    if x1 - x0 < MIN_SIDE or y1 - y0 < MIN_SIDE:
        raise ContentError(f"{where} must be at least {MIN_SIDE:g} point wide and high, with x0 < x1 and y0 < y1")
    return x0, y0, x1, y1


def _strokes(value: object, where: str) -> tuple[tuple[Point, ...], ...]:
    if not isinstance(value, list | tuple) or not value:
        raise ContentError(f"{where} must be a list of one or more strokes, not {_shown(value)}")
    strokes = []
    for n, stroke in enumerate(value):
        if not isinstance(stroke, list | tuple) or not stroke:
            raise ContentError(f"{where}[{n}] must be a list of one or more [x, y] points")
        strokes.append(tuple(_point(p, f"{where}[{n}]") for p in stroke))
    return tuple(strokes)


def _hash(value: object, where: str) -> str:
    text = _text(value, where)
    if len(text) != 64 or text.strip("0123456789abcdef"):
        raise ContentError(f"{where} must be a document hash (64 lowercase hex digits)")
    return text


def _anchor(value: object, where: str) -> Anchor:
    if isinstance(value, Anchor):
        anchor = value
    else:
        try:
            anchor = Anchor.from_dict(value)
        except (ValueError, TypeError) as exc:
            raise ContentError(f"{where}: {exc}") from None
    for text in (anchor.doc_hash, anchor.before, anchor.after):
        _text(text, where)
    for quote in (anchor.quote, anchor.context.quote if anchor.context is not None else None):
        if quote is not None:
            for text in (quote.exact, quote.prefix, quote.suffix):
                _text(text, where)
    return anchor


def _json_value(value: object, where: str) -> None:
    """Checks that ``value`` is plain JSON this app can write back (no NaN, valid Unicode)."""
    todo: list[tuple[object, int]] = [(value, 0)]
    while todo:
        item, depth = todo.pop()
        if depth > MAX_DEPTH:
            raise ContentError(f"{where} is nested too deeply")
        if item is None or isinstance(item, bool):
            continue
        if isinstance(item, int | float):
            _number(item, where, -math.inf, math.inf)  # finite; whole numbers within ±2**53
        elif isinstance(item, str):
            _text(item, where)
        elif isinstance(item, list):
            todo.extend((v, depth + 1) for v in item)
        elif isinstance(item, dict):
            for k, v in item.items():
                _text(k, f"{where} (a key)")
                todo.append((v, depth + 1))
        else:
            raise ContentError(f"{where} is not JSON: {_shown(item)}")


# -- carry-over bookkeeping ---------------------------------------------------------------------

@dataclass(frozen=True)
class Carried:
    """Where the carry-over placed an annotation from (``source``: the old document hash)."""

    source: str
    status: str  # "placed_exact" | "placed_fuzzy"
    confidence: float

    def __post_init__(self) -> None:
        _hash(self.source, f"'{CARRIED}' 'from'")
        if not isinstance(self.status, str) or self.status not in CARRY_STATUSES:
            raise ContentError(f"'{CARRIED}' 'status' must be one of {sorted(CARRY_STATUSES)}, "
                               f"not {_shown(self.status)}")
        object.__setattr__(self, "confidence", _number(self.confidence, f"'{CARRIED}' 'confidence'", 0.0, 1.0))

    def to_json(self) -> JsonDict:
        return {"from": self.source, "status": self.status, "confidence": self.confidence}

    @classmethod
    def from_json(cls, value: object) -> Carried:
        if not isinstance(value, Mapping) or set(value) != {"from", "status", "confidence"}:
            raise ContentError(f"'{CARRIED}' must be {{\"from\", \"status\", \"confidence\"}}, not {_shown(value)}")
        return cls(value["from"], value["status"], value["confidence"])


# -- the contents -------------------------------------------------------------------------------

@dataclass(frozen=True, kw_only=True)
class _Content:
    """What every kind has besides its own fields (see the module)."""

    tried: tuple[str, ...] = ()  # stored as "carry_tried"
    carried: Carried | None = None
    extra: Mapping[str, Any] = field(default_factory=dict)  # keys of a newer version, kept as they were

    KEYS: ClassVar[frozenset[str]] = frozenset()  # this kind's own stored keys (set by each class)
    NAME: ClassVar[str] = ""

    def _check_common(self) -> None:
        object.__setattr__(self, "tried", tuple(_hash(t, f"'{TRIED}'") for t in _iterable(self.tried, TRIED)))
        if self.carried is not None and not isinstance(self.carried, Carried):
            raise ContentError(f"'{CARRIED}' must be a Carried, not {_shown(self.carried)}")
        if not isinstance(self.extra, Mapping):
            raise ContentError(f"extra keys must be a mapping, not {_shown(self.extra)}")
        for key, value in self.extra.items():
            _text(key, "a key")
            if key in self.KEYS or key in (TRIED, CARRIED):
                raise ContentError(f"{self.NAME}: {key!r} is not an unknown key")
            _json_value(value, f"{self.NAME}: {key!r}")
        object.__setattr__(self, "extra", copy.deepcopy(dict(self.extra)) if self.extra else {})

    def _common_json(self, out: JsonDict) -> JsonDict:
        if self.tried:
            out[TRIED] = list(self.tried)
        if self.carried is not None:
            out[CARRIED] = self.carried.to_json()
        for key, value in self.extra.items():
            out[key] = copy.deepcopy(value)
        return out


def _iterable(value: object, what: str) -> Iterable[object]:
    if isinstance(value, str) or not isinstance(value, list | tuple):
        raise ContentError(f"'{what}' must be a list, not {_shown(value)}")
    return value


def _optional_anchor(value: object, where: str) -> Anchor | None:
    return None if value is None else _anchor(value, where)


@dataclass(frozen=True, kw_only=True)
class TextMarkup(_Content):
    """A highlight, underline or strike-out: the marked lines are the anchor's rects."""

    anchor: Anchor
    quote: str = ""  # the marked text (from the anchor's quote when the JSON has none)
    comment: str | None = None  # what the member wrote about it

    KEYS = frozenset({"anchor", "quote", "comment"})
    NAME = "text markup"

    def __post_init__(self) -> None:
        object.__setattr__(self, "anchor", _anchor(self.anchor, f"{self.NAME}: 'anchor'"))
        _text(self.quote, f"{self.NAME}: 'quote'")
        if self.comment is not None:
            _text(self.comment, f"{self.NAME}: 'comment'")
        rects = self.anchor.rects
        for r in rects:
            for v in (r.x0, r.y0, r.x1, r.y1):
                if not (type(v) is float and -COORD_LIMIT <= v <= COORD_LIMIT):  # else: why not, exactly
                    _number(v, f"{self.NAME}: the anchor's rects")
        if not any(r.x1 > r.x0 and r.y1 > r.y0 for r in rects):
            raise ContentError(f"{self.NAME}: the anchor has no line of positive area")
        self._check_common()

    def to_json(self) -> JsonDict:
        out: JsonDict = {"anchor": self.anchor.to_dict(), "quote": self.quote}
        if self.comment is not None:
            out["comment"] = self.comment
        return self._common_json(out)

    @cached_property
    def lines(self) -> tuple[PageRect, ...]:
        """The marked lines that have an area, in reading order (several pages possible)."""
        return tuple(r for r in self.anchor.rects if r.x1 > r.x0 and r.y1 > r.y0)

    @cached_property
    def pages(self) -> tuple[int, ...]:
        """The pages the lines are on, in reading order."""
        return tuple(dict.fromkeys(r.page for r in self.lines))

    def lines_on(self, page: int) -> list[Box]:
        return [(r.x0, r.y0, r.x1, r.y1) for r in self.lines if r.page == page]


@dataclass(frozen=True, kw_only=True)
class Ink(_Content):
    """Pen strokes (each a polyline of one or more points: one point is a dot)."""

    anchor: Anchor | None = None
    strokes: tuple[tuple[Point, ...], ...]
    width: float = DEFAULT_INK_WIDTH

    KEYS = frozenset({"anchor", "strokes", "width"})
    NAME = "ink"

    def __post_init__(self) -> None:
        object.__setattr__(self, "anchor", _optional_anchor(self.anchor, f"{self.NAME}: 'anchor'"))
        object.__setattr__(self, "strokes", _strokes(self.strokes, f"{self.NAME}: 'strokes'"))
        object.__setattr__(self, "width", _positive(self.width, f"{self.NAME}: 'width'", MAX_WIDTH))
        self._check_common()

    def to_json(self) -> JsonDict:
        out: JsonDict = {} if self.anchor is None else {"anchor": self.anchor.to_dict()}
        out["strokes"] = [[[x, y] for x, y in s] for s in self.strokes]
        out["width"] = self.width
        return self._common_json(out)

    @cached_property
    def bounds(self) -> Box:
        """The strokes' bounding box, the pen's half width around them."""
        xs = [x for s in self.strokes for x, _ in s]
        ys = [y for s in self.strokes for _, y in s]
        h = self.width / 2
        return min(xs) - h, min(ys) - h, max(xs) + h, max(ys) + h

    def moved(self, dx: float, dy: float, digits: int | None = None) -> Ink:
        return replace(self, strokes=tuple(tuple((_round(x + dx, digits), _round(y + dy, digits)) for x, y in s)
                                           for s in self.strokes))


@dataclass(frozen=True, kw_only=True)
class StickyNote(_Content):
    """A note's icon at ``point`` (its top-left corner) and the text it opens to."""

    anchor: Anchor | None = None
    point: Point
    text: str = ""

    KEYS = frozenset({"anchor", "point", "text"})
    NAME = "sticky note"

    def __post_init__(self) -> None:
        object.__setattr__(self, "anchor", _optional_anchor(self.anchor, f"{self.NAME}: 'anchor'"))
        object.__setattr__(self, "point", _point(self.point, f"{self.NAME}: 'point'"))
        _text(self.text, f"{self.NAME}: 'text'")
        self._check_common()

    def to_json(self) -> JsonDict:
        out: JsonDict = {} if self.anchor is None else {"anchor": self.anchor.to_dict()}
        out["point"] = list(self.point)
        out["text"] = self.text
        return self._common_json(out)

    def moved(self, dx: float, dy: float, digits: int | None = None) -> StickyNote:
        return replace(self, point=(_round(self.point[0] + dx, digits), _round(self.point[1] + dy, digits)))


@dataclass(frozen=True, kw_only=True)
class TextBox(_Content):
    """Text written on the page in ``rect`` (it grows downwards to fit its text)."""

    anchor: Anchor | None = None
    rect: Box
    text: str = ""
    font_size: float = DEFAULT_FONT_SIZE

    KEYS = frozenset({"anchor", "rect", "text", "font_size"})
    NAME = "text box"

    def __post_init__(self) -> None:
        object.__setattr__(self, "anchor", _optional_anchor(self.anchor, f"{self.NAME}: 'anchor'"))
        object.__setattr__(self, "rect", _box(self.rect, f"{self.NAME}: 'rect'"))
        _text(self.text, f"{self.NAME}: 'text'")
        object.__setattr__(self, "font_size", _positive(self.font_size, f"{self.NAME}: 'font_size'", MAX_FONT_SIZE))
        self._check_common()

    def to_json(self) -> JsonDict:
        out: JsonDict = {} if self.anchor is None else {"anchor": self.anchor.to_dict()}
        out["rect"] = list(self.rect)
        out["text"] = self.text
        out["font_size"] = self.font_size
        return self._common_json(out)

    def moved(self, dx: float, dy: float, digits: int | None = None) -> TextBox:
        x0, y0, x1, y1 = self.rect
        return replace(self, rect=(_round(x0 + dx, digits), _round(y0 + dy, digits), _round(x1 + dx, digits),
                                   _round(y1 + dy, digits)))


Content = TextMarkup | Ink | StickyNote | TextBox
Geometry = Ink | StickyNote | TextBox  # what is drawn from its own geometry and can be moved

_CLASS: dict[AnnotationKind, type[TextMarkup] | type[Ink] | type[StickyNote] | type[TextBox]] = {
    AnnotationKind.HIGHLIGHT: TextMarkup,
    AnnotationKind.UNDERLINE: TextMarkup,
    AnnotationKind.STRIKEOUT: TextMarkup,
    AnnotationKind.INK: Ink,
    AnnotationKind.NOTE: StickyNote,
    AnnotationKind.TEXTBOX: TextBox,
}


def _round(value: float, digits: int | None) -> float:
    return value if digits is None else round(value, digits)


def kind_of(kind: AnnotationKind | str) -> AnnotationKind:
    try:
        return AnnotationKind(kind)
    except ValueError:
        raise ContentError(f"unknown annotation kind: {_shown(kind)}") from None


def fits(kind: AnnotationKind | str, content: object) -> Content:
    """``content`` if it is the content of ``kind`` (a highlight's is a TextMarkup, …)."""
    cls = _CLASS[kind_of(kind)]
    if not isinstance(content, cls):
        raise ContentError(f"{kind_of(kind).value} annotations hold {cls.__name__} content, "
                           f"not {type(content).__name__}")
    return content


def parse_content(kind: AnnotationKind | str, payload: object) -> Content:
    """The content of a ``kind`` annotation from its stored JSON; :class:`ContentError` names
    what is wrong (the one error: nothing else is raised, whatever the JSON)."""
    cls = _CLASS[kind_of(kind)]
    if not isinstance(payload, Mapping):
        raise ContentError(f"{cls.NAME} content must be a JSON object, not {_shown(payload)}")
    for key in payload:
        if not isinstance(key, str):
            raise ContentError(f"{cls.NAME}: keys must be strings, not {_shown(key)}")
    extra = {k: v for k, v in payload.items() if k not in cls.KEYS and k not in (TRIED, CARRIED)}
    tried = payload.get(TRIED)
    carried = payload.get(CARRIED)
    common: dict[str, Any] = {"tried": () if tried is None else tuple(_iterable(tried, TRIED)),
                              "carried": None if carried is None else Carried.from_json(carried), "extra": extra}
    anchor = payload.get("anchor")
    try:
        if cls is TextMarkup:
            if anchor is None:
                raise ContentError(f"{cls.NAME}: 'anchor' is missing (the marked lines are in it)")
            parsed = _anchor(anchor, f"{cls.NAME}: 'anchor'")
            quote = payload.get("quote")
            if quote is None:
                quote = "" if parsed.quote is None else parsed.quote.exact
            return TextMarkup(anchor=parsed, quote=quote, comment=payload.get("comment"), **common)
        if cls is Ink:
            if "strokes" not in payload:
                raise ContentError("ink: 'strokes' is missing")
            return Ink(anchor=anchor, strokes=payload["strokes"], width=_or(payload, "width", DEFAULT_INK_WIDTH),
                       **common)
        if cls is StickyNote:
            if "point" not in payload:
                raise ContentError("sticky note: 'point' is missing")
            return StickyNote(anchor=anchor, point=payload["point"], text=_or(payload, "text", ""), **common)
        if "rect" not in payload:
            raise ContentError("text box: 'rect' is missing")
        return TextBox(anchor=anchor, rect=payload["rect"], text=_or(payload, "text", ""),
                       font_size=_or(payload, "font_size", DEFAULT_FONT_SIZE), **common)
    except ContentError:
        raise
    except (TypeError, ValueError, OverflowError, RecursionError) as exc:  # a check missed above: still the one error
        raise ContentError(f"{cls.NAME}: {type(exc).__name__}: {exc}") from None


def _or(payload: Mapping[str, Any], key: str, default: object) -> Any:
    value = payload.get(key)
    return default if value is None else value
