"""Running headers and footers ("Trang 5/66", a chapter title with the page number).

They are part of each page's words but not of the document's text: a selection across a
page break would quote the old page number, and a header in the middle of a sentence breaks
its context when the new version breaks pages elsewhere.

The top-most and the bottom-most visual row of each page (its words side by side, whatever
blocks PyMuPDF split them into) are the candidates. A row is taken for page furniture when

* with its digits masked ("Trang #/#") it tops or ends at least half of the pages (and at
  least :data:`MIN_PAGES`) — a fixed header or footer; or
* it lies in a **running band**: the same height on the page (within :data:`Y_TOLERANCE`)
  and about the same size as at least :data:`MIN_PAGES` rows of that edge that show they are
  furniture, by carrying the page number (a number that is the page's index plus the offset
  most such rows agree on) or by recurring on two pages or more. This catches headers that
  vary — a chapter title on even pages and a section title on odd ones, the page number at
  the outer edge — including a title that heads a single page; or
* it is a bare page number (at most :data:`NUMBER_WORDS` words, one of them the page
  number) at the page's edge, e.g. a chapter's opening page that has no header but a number
  at the foot.

The body's first and last lines are not in the band: a band is only taken when hardly any
page (:data:`OUTSIDE`) has a top (bottom) row above (below) it — headings that start many
pages at one height, numbered alike, are not a band, because ordinary pages start higher;
and at least :data:`EVIDENCED` of the rows at that height must show they are furniture
(headings that start some pages where the body starts on all the others are not a band).
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from paperless.core.search.words import WordLike

MIN_PAGES = 3
Y_TOLERANCE = 2.0  # points between a row's centre and its band's
SIZE_TOLERANCE = 0.35  # share a row's height may differ from its band's
OUTSIDE = 0.1  # share of the pages that may have text beyond a band (a full-page figure)
EVIDENCED = 0.5  # share of a band's rows that must show they are furniture
NUMBER_WORDS = 3  # a bare page number row: "12", "— 12 —", "Trang 12"
_DIGITS = re.compile(r"\d+")


@dataclass(frozen=True)
class _Row:
    page: int
    top: bool
    indices: tuple[int, ...]
    key: str  # the text with digits masked
    centre: float
    height: float
    numbers: frozenset[int]


def _edge_rows(p: int, words: Sequence[WordLike]) -> list[_Row]:
    """The page's top and bottom visual rows; one if they are the same."""
    if not words:
        return []
    out: list[_Row] = []
    y0s = [w.y0 for w in words]
    y1s = [w.y1 for w in words]
    top = y0s.index(min(y0s))
    bottom = y1s.index(max(y1s))
    for is_top, ref in ((True, top), (False, bottom)):
        lo, hi = 2 * y0s[ref], 2 * y1s[ref]  # compared with twice the centres
        ix = sorted(
            (i for i, (a, b) in enumerate(zip(y0s, y1s, strict=True)) if lo <= a + b <= hi),
            key=lambda i: words[i].x0,
        )
        if not ix:
            ix = [ref]
        if out and set(out[0].indices) == set(ix):
            break
        text = " ".join(words[i].text for i in ix)
        numbers = frozenset(int(n) for n in _DIGITS.findall(text) if len(n) <= 5)
        centre = sum((words[i].y0 + words[i].y1) / 2 for i in ix) / len(ix)
        height = max(words[i].y1 for i in ix) - min(words[i].y0 for i in ix)
        out.append(_Row(p, is_top, tuple(ix), _DIGITS.sub("#", text).strip(), centre, height, numbers))
    return out


def _bands(rows: list[_Row]) -> list[tuple[float, float]]:
    """(centre, height) of the clusters of at least MIN_PAGES rows at one height."""
    rows = sorted(rows, key=lambda r: r.centre)
    bands: list[tuple[float, float]] = []
    group: list[_Row] = []

    def flush() -> None:
        if len(group) >= MIN_PAGES:
            centres = sorted(r.centre for r in group)
            heights = sorted(r.height for r in group)
            bands.append((centres[len(centres) // 2], heights[len(heights) // 2]))
        group.clear()

    for row in rows:
        if group and row.centre - group[-1].centre > Y_TOLERANCE:
            flush()
        group.append(row)
    flush()
    return bands


def running_lines(pages: Sequence[Sequence[WordLike]]) -> list[frozenset[int]]:
    """For each page, the indices of its words that are running headers or footers."""
    skip: list[frozenset[int]] = [frozenset()] * len(pages)
    if len(pages) < MIN_PAGES:
        return skip
    rows = [row for p, words in enumerate(pages) for row in _edge_rows(p, words)]
    # the page number's offset from the page's index, where most edge rows agree
    offsets = Counter(n - row.page for row in rows for n in row.numbers)
    offset: int | None = None
    if offsets:
        best, count = offsets.most_common(1)[0]
        if count >= max(MIN_PAGES, len(pages) / 5):
            offset = best
    keys = Counter((row.top, row.key) for row in rows if row.key)
    fixed = max(MIN_PAGES, len(pages) / 2)

    def numbered(row: _Row) -> bool:
        return offset is not None and row.page + offset in row.numbers

    evidenced = [row for row in rows if row.key and (numbered(row) or keys[row.top, row.key] >= 2)]
    edges = {top: sorted(r.centre if top else -r.centre for r in rows if r.top == top) for top in (True, False)}
    allowed = max(2, int(len(pages) * OUTSIDE))

    def at_edge(top: bool, centre: float) -> bool:
        """Hardly any page has text beyond ``centre`` (above it at the top, below at the bottom)."""
        return bisect_left(edges[top], (centre if top else -centre) - Y_TOLERANCE) <= allowed

    def in_band(row: _Row, band: tuple[float, float]) -> bool:
        centre, height = band
        return abs(row.centre - centre) <= Y_TOLERANCE and abs(row.height - height) <= SIZE_TOLERANCE * height

    def mostly_evidenced(top: bool, band: tuple[float, float]) -> bool:
        """Most rows at that height show they are furniture: not where the body starts (ends)
        on every page, with a recurring heading on some of them."""
        members = [r for r in rows if r.top == top and in_band(r, band)]
        return sum(r in proof for r in members) >= EVIDENCED * len(members)

    proof = set(evidenced)
    bands = {
        top: [
            b
            for b in _bands([r for r in evidenced if r.top == top])
            if at_edge(top, b[0]) and mostly_evidenced(top, b)
        ]
        for top in (True, False)
    }
    found: dict[int, set[int]] = {}
    for row in rows:
        furniture = (
            (row.key and keys[row.top, row.key] >= fixed)
            or (numbered(row) and len(row.indices) <= NUMBER_WORDS and at_edge(row.top, row.centre))
            or any(in_band(row, band) for band in bands[row.top])
        )
        if furniture:
            found.setdefault(row.page, set()).update(row.indices)
    for p, ix in found.items():
        skip[p] = frozenset(ix)
    return skip
