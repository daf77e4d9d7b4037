"""Running headers and footers ("Trang 5/66", a document code on every page).

They are part of each page's words but not of the document's text: a selection across a
page break would quote the old page number, and a page number in the middle of a sentence
breaks its context when the new version breaks pages elsewhere. The top-most and the
bottom-most line of each page is taken for page furniture when, with its digits masked
("Trang #/#"), the same line tops or ends at least half of the pages (and at least
:data:`MIN_PAGES`).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence

from paperless.core.search.words import WordLike

MIN_PAGES = 3
_DIGITS = re.compile(r"\d+")


def _edge_lines(words: Sequence[WordLike]) -> list[tuple[str, list[int]]]:
    """The page's top and bottom lines: (masked text, word indices); one if they are the same."""
    lines: dict[tuple[int, int], list[int]] = {}
    for i, w in enumerate(words):
        lines.setdefault((w.block, w.line), []).append(i)
    if not lines:
        return []
    top = min(lines.values(), key=lambda ix: min(words[i].y0 for i in ix))
    bottom = max(lines.values(), key=lambda ix: max(words[i].y1 for i in ix))
    edges = [top] if top is bottom else [top, bottom]
    return [(_DIGITS.sub("#", " ".join(words[i].text for i in ix)).strip(), ix) for ix in edges]


def running_lines(pages: Sequence[Sequence[WordLike]]) -> list[frozenset[int]]:
    """For each page, the indices of its words that are running headers or footers."""
    skip: list[frozenset[int]] = [frozenset()] * len(pages)
    if len(pages) < MIN_PAGES:
        return skip
    edges = [_edge_lines(words) for words in pages]
    counts = Counter(key for page in edges for key in {k for k, _ in page} if key)
    common = {key for key, n in counts.items() if n >= max(MIN_PAGES, len(pages) / 2)}
    if not common:
        return skip
    for p, page in enumerate(edges):
        ix = [i for key, indices in page if key in common for i in indices]
        if ix:
            skip[p] = frozenset(ix)
    return skip
