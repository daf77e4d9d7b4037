"""Footnotes: the notes at a page's foot, read apart from the body.

A footnote sits between the last line of its page's body and the first line of the next
page's; when a revision breaks pages elsewhere, every sentence that ran across the old page
break gets its words back together, and the footnote lands somewhere else among the body's
words. So :class:`~.text.DocText` reads the body of every page first and the footnotes after
it, in order: the body flows on across page breaks, the notes follow one another.

A page's footnotes are the rows at its foot (running headers and footers already left out)
set smaller than its body — each row's height at most :data:`SMALLER` of the page's median
row height — the top-most of them starting with a note number ("1", "12", "*"), together at
most :data:`MAX_SHARE` of the page's rows. A code block at the foot of a page is small too,
but does not start with a bare number.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Sequence
from typing import Final

from paperless.core.search.words import WordLike

SMALLER: Final = 0.9
MAX_SHARE: Final = 0.4
_MARK: Final = re.compile(r"\d{1,3}[.)]?|[*†‡§]|[¹²³⁴⁵⁶⁷⁸⁹⁰]+")


def visual_rows(words: Sequence[WordLike], skip: Collection[int] = ()) -> list[list[int]]:
    """Visual rows top to bottom (centres within half a word's height; word indices left to right)."""
    order = sorted((i for i in range(len(words)) if i not in skip), key=lambda i: (words[i].y0 + words[i].y1) / 2)
    rows: list[list[int]] = []
    centre = 0.0
    for i in order:
        w = words[i]
        c = (w.y0 + w.y1) / 2
        if rows and abs(c - centre) <= max(1.0, (w.y1 - w.y0) / 2):
            rows[-1].append(i)
        else:
            rows.append([i])
            centre = c
    return [sorted(r, key=lambda i: words[i].x0) for r in rows]


def _height(words: Sequence[WordLike], row: list[int]) -> float:
    return max(words[i].y1 - words[i].y0 for i in row)


def footnote_words(words: Sequence[WordLike], skip: Collection[int] = ()) -> frozenset[int]:
    """The indices of the page's footnote words (empty when it has none); ``skip``: its
    running headers and footers."""
    if len(words) < 8:
        return frozenset()
    # most pages: the bottom-most word is body-sized (cheap, before sorting rows)
    y1s = [-1.0 if i in skip else w.y1 for i, w in enumerate(words)] if skip else [w.y1 for w in words]
    bottom = words[y1s.index(max(y1s))]
    sample = sorted(w.y1 - w.y0 for w in words[::5])  # the body's size, roughly
    if bottom.y1 - bottom.y0 > SMALLER * sample[len(sample) // 2]:
        return frozenset()
    rows = visual_rows(words, skip)
    if len(rows) < 4:
        return frozenset()
    heights = sorted(_height(words, r) for r in rows)
    body = heights[len(heights) // 2]
    k = len(rows)
    while k > 0 and _height(words, rows[k - 1]) <= SMALLER * body:
        k -= 1
    notes = rows[k:]
    if not notes or len(notes) > MAX_SHARE * len(rows):
        return frozenset()
    # the block starts with a note number; a block can hold several notes
    if not _MARK.fullmatch(words[notes[0][0]].text):
        return frozenset()
    return frozenset(i for r in notes for i in r)
