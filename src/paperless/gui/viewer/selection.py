"""Text selection over a page's words (pure Python, no Qt).

A rubber band is a rectangle in page points; the selected words are those it touches.
Their text is assembled in reading order: words of a line joined by spaces, lines by
newlines, pages by a blank line.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence

from paperless.core.render import Word
from paperless.gui.viewer.layout import PageLayout

Rect = tuple[float, float, float, float]


def normalise(x0: float, y0: float, x1: float, y1: float) -> Rect:
    return min(x0, x1), min(y0, y1), max(x0, x1), max(y0, y1)


def words_in(words: Sequence[Word], band: Rect) -> list[Word]:
    """Words intersecting ``band`` (page points), in reading order."""
    x0, y0, x1, y1 = band
    hit = [w for w in words if w.x1 > x0 and w.x0 < x1 and w.y1 > y0 and w.y0 < y1]
    return sorted(hit, key=lambda w: (w.block, w.line, w.x0))


def text_of(words: Iterable[Word]) -> str:
    lines: list[str] = []
    current: tuple[int, int] | None = None
    parts: list[str] = []
    for word in words:
        line = (word.block, word.line)
        if line != current and parts:
            lines.append(" ".join(parts))
            parts = []
        current = line
        parts.append(word.text)
    if parts:
        lines.append(" ".join(parts))
    return "\n".join(lines)


def selected_text(selection: Mapping[int, Sequence[Word]]) -> str:
    """The text of a multi-page selection (page -> selected words)."""
    return "\n\n".join(text_of(selection[p]) for p in sorted(selection) if selection[p])


def band_selection(layout: PageLayout, words: Mapping[int, Sequence[Word]],
                   band: Rect) -> tuple[dict[int, list[Word]], list[int]]:
    """The words a rubber band touches, page by page (``band``: two corners in content
    pixels, at the layout's scale), and the pages under it whose words are not known yet."""
    x0, y0, x1, y1 = normalise(*band)
    scale = layout.scale
    selection: dict[int, list[Word]] = {}
    missing: list[int] = []
    for page in layout.visible(y0, y1 + 1):
        page_words = words.get(page)
        if page_words is None:
            missing.append(page)
            continue
        r = layout.rect(page)
        chosen = words_in(page_words, normalise((x0 - r.x) / scale, (y0 - r.y) / scale,
                                                (x1 - r.x) / scale, (y1 - r.y) / scale))
        if chosen:
            selection[page] = chosen
    return selection, missing


# ---- reading-order ("flow") selection, used by the markup tools ---------------------------------

WordRef = tuple[int, int]  # (page, index in the page's word list)


def nearest_index(words: Sequence[Word], x: float, y: float) -> int | None:
    """The word at (x, y) (page points), else the nearest one, preferring words on the same line
    (a point in the margin beside a line picks that line's first or last word)."""
    best: int | None = None
    best_key = (0.0, 0.0)
    for i, w in enumerate(words):
        dx = 0.0 if w.x0 <= x <= w.x1 else min(abs(x - w.x0), abs(x - w.x1))
        dy = 0.0 if w.y0 <= y <= w.y1 else min(abs(y - w.y0), abs(y - w.y1))
        if dx == 0.0 and dy == 0.0:
            return i
        key = (dy, dx)
        if best is None or key < best_key:
            best, best_key = i, key
    return best


def _spot(layout: PageLayout, x: float, y: float) -> tuple[int, float, float]:
    """The page at content point (x, y), or the nearest, and the point clamped onto it (points)."""
    page = layout.page_at(y)
    r = layout.rect(page)
    cx, cy = min(max(x, r.x), r.right), min(max(y, r.y), r.bottom)
    return page, (cx - r.x) / layout.scale, (cy - r.y) / layout.scale


def flow_selection(layout: PageLayout, words: Mapping[int, Sequence[Word]], start: tuple[float, float],
                   end: tuple[float, float]) -> tuple[dict[int, list[Word]], list[int], tuple[WordRef, WordRef] | None]:
    """The words from the one nearest ``start`` to the one nearest ``end`` (content pixels) in
    reading order (each page's word order), across pages; the pages in between whose words are
    not known yet; and the first and last word of the range."""
    if layout.page_count == 0 or not layout.height:
        return {}, [], None
    (pa, xa, ya), (pb, xb, yb) = _spot(layout, *start), _spot(layout, *end)
    missing = [p for p in range(min(pa, pb), max(pa, pb) + 1) if p not in words]
    if missing:
        return {}, missing, None
    ends: list[WordRef] = []
    for page, x, y in ((pa, xa, ya), (pb, xb, yb)):
        index = nearest_index(words[page], x, y)
        if index is not None:
            ends.append((page, index))
    if len(ends) < 2:
        one = ends[0] if ends else None
        return ({one[0]: [words[one[0]][one[1]]]}, [], (one, one)) if one is not None else ({}, [], None)
    first, last = sorted(ends)
    selection: dict[int, list[Word]] = {}
    for page in range(first[0], last[0] + 1):
        lo = first[1] if page == first[0] else 0
        hi = last[1] if page == last[0] else len(words[page]) - 1
        chosen = list(words[page][lo : hi + 1])
        if chosen:
            selection[page] = chosen
    return selection, [], (first, last)
