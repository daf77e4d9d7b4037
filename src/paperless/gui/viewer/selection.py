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
