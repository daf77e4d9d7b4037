"""In-page hit rectangles for highlighting, from the positioned words of a page.

The words (``core.render.document.Word``, or anything with the same fields) are joined into
one text — a space between the words of a line, a line break between lines — folded like
any page text, and matched with the same query semantics as the session index. Each match
becomes one rectangle per word it covers; a word only partly covered (``"chuyen"`` in
``"chuyển,"``) gives the matching part of its box, estimated from the letters' positions.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Sequence
from typing import Protocol

from paperless.core.search.fold import fold_compact, is_mark
from paperless.core.search.query import Query, find_spans

Rect = tuple[float, float, float, float]  # x0, y0, x1, y1 in PDF points


class WordLike(Protocol):
    """The fields of ``core.render.document.Word`` that highlighting needs."""

    @property
    def x0(self) -> float: ...
    @property
    def y0(self) -> float: ...
    @property
    def x1(self) -> float: ...
    @property
    def y1(self) -> float: ...
    @property
    def text(self) -> str: ...
    @property
    def block(self) -> int: ...
    @property
    def line(self) -> int: ...


def _letters(text: str) -> int:
    return sum(1 for c in text if not is_mark(c))


class PageWords:
    """The words of one page, folded once, for matching any number of queries."""

    __slots__ = ("_boxes", "_folded", "_omap", "_starts", "_text", "_words")

    def __init__(self, words: Sequence[WordLike]) -> None:
        parts: list[str] = []
        self._starts: list[int] = []
        self._words: list[str] = []
        self._boxes: list[Rect] = []
        pos = 0
        last: tuple[int, int] | None = None
        for w in words:
            if not w.text:
                continue
            if last is not None:
                parts.append(" " if (w.block, w.line) == last else "\n")
                pos += 1
            last = (w.block, w.line)
            self._starts.append(pos)
            self._words.append(w.text)
            self._boxes.append((w.x0, w.y0, w.x1, w.y1))
            parts.append(w.text)
            pos += len(w.text)
        self._text = "".join(parts)
        self._folded, self._omap = fold_compact(self._text)

    @property
    def text(self) -> str:
        """The joined text the offsets of :meth:`spans` refer to."""
        return self._text

    def __len__(self) -> int:
        return len(self._words)

    def spans(self, query: str | Query) -> list[tuple[int, int]]:
        parsed = query if isinstance(query, Query) else Query.parse(query)
        return list(find_spans(self._text, self._folded, self._omap, parsed))

    def matches(self, query: str | Query) -> list[list[Rect]]:
        """One list of rectangles per match, in reading order."""
        return [self._rects(start, end) for start, end in self.spans(query)]

    def _rects(self, start: int, end: int) -> list[Rect]:
        rects: list[Rect] = []
        k = max(0, bisect_right(self._starts, start) - 1)
        while k < len(self._starts) and self._starts[k] < end:
            ws = self._starts[k]
            text = self._words[k]
            a = max(start, ws) - ws
            b = min(end, ws + len(text)) - ws
            if b > a:
                rects.append(self._part(k, a, b))
            k += 1
        return rects

    def _part(self, k: int, a: int, b: int) -> Rect:
        x0, y0, x1, y1 = self._boxes[k]
        text = self._words[k]
        if a == 0 and b == len(text):
            return x0, y0, x1, y1
        total = _letters(text) or 1
        width = x1 - x0
        left = x0 + width * _letters(text[:a]) / total
        right = x0 + width * _letters(text[:b]) / total
        return left, y0, right, y1


def match_words(words: Sequence[WordLike], query: str) -> list[list[Rect]]:
    """For in-document highlighting: one list of rectangles per match (a match may span
    several words and lines). Prepare a :class:`PageWords` to match one page repeatedly."""
    return PageWords(words).matches(query)
