"""The find bar's model: the matches of one query over the pages whose words are known.

Plain Python (no Qt), driven by :class:`~paperless.gui.search.find_bar.FindBar`: words come
in page by page, the matches of the current query are computed a few pages at a time
(``work``), and the current match moves with ``step``.
"""

from __future__ import annotations

import time
from bisect import bisect_left
from collections.abc import Sequence
from dataclasses import dataclass

from paperless.core.search import PageWords, Query, Rect, WordLike


@dataclass(frozen=True)
class FindHit:
    """The current match: on ``page``, the ``index``-th match of that page, ``number`` of
    ``total`` (1-based); ``rects`` are its rectangles, which start at ``first_rect`` in the
    page's list of highlight rectangles."""

    page: int
    index: int
    number: int
    total: int
    rects: list[Rect]
    first_rect: int


class FindState:
    def __init__(self, page_count: int) -> None:
        self.page_count = page_count
        self.words: dict[int, PageWords] = {}
        self.matches: dict[int, list[list[Rect]]] = {}
        self.query: Query | None = None
        self.anchor = 0  # where the search starts: the page the reader is on
        self.anchor_index = 0  # and which match of that page (a session search result opened there)
        self.held = False  # the anchor was asked for: it stays until a match is chosen from it
        self.current: tuple[int, int] | None = None
        self._dirty: list[int] = []

    # -- input

    def add_page(self, page: int, words: Sequence[WordLike] | None) -> None:
        self.words[page] = PageWords(words or ())
        self.matches.pop(page, None)
        if self.query is not None:
            self._dirty.append(page)

    def set_query(self, text: str) -> None:
        previous = self.current
        self.query = Query.parse(text) if text.strip() else None
        self.matches = {}
        self.current = None
        if previous is not None:
            self.anchor, self.anchor_index = previous[0], 0
        self._dirty = sorted(self.words) if self.query is not None else []

    def start_at(self, page: int, index: int = 0, *, hold: bool = False) -> None:
        """Forget the current match; the next one chosen is the ``index``-th match of ``page``
        (its last one if it has fewer, the first one after it if it has none). ``hold``: the
        reader's page moving meanwhile does not change that (see ``FindBar.set_current_page``)."""
        self.anchor, self.anchor_index = page, max(0, index)
        self.held = hold
        self.current = None

    def work(self, budget: float = 0.02) -> bool:
        """Match dirty pages for about ``budget`` seconds; True when none is left."""
        deadline = time.perf_counter() + budget
        while self._dirty and self.query is not None:
            page = self._dirty.pop()
            found = self.words[page].matches(self.query)
            if found:
                self.matches[page] = found
            else:
                self.matches.pop(page, None)
            if time.perf_counter() > deadline:
                break
        return not self._dirty

    # -- state

    @property
    def active(self) -> bool:
        return self.query is not None

    @property
    def complete(self) -> bool:
        """Every page's words are known and matched."""
        return len(self.words) >= self.page_count and not self._dirty

    def missing_pages(self) -> list[int]:
        """Pages without words, in search order: from the anchor to the end, then the start."""
        order = [*range(self.anchor, self.page_count), *range(0, min(self.anchor, self.page_count))]
        return [p for p in order if p not in self.words]

    @property
    def total(self) -> int:
        return sum(len(m) for m in self.matches.values())

    def page_rects(self) -> dict[int, list[Rect]]:
        return {page: [r for match in found for r in match] for page, found in sorted(self.matches.items())}

    def _order(self) -> list[tuple[int, int]]:
        return [(page, i) for page in sorted(self.matches) for i in range(len(self.matches[page]))]

    def ensure_current(self) -> bool:
        """Choose the first match from the anchor on if there is none; True if it changed."""
        if self.current is not None and self._valid(self.current):
            return False
        self.current = None
        order = self._order()
        if not order:
            return False
        later = [key for key in order if key[0] >= self.anchor]
        if later:
            page = later[0][0]
            if not self._settled(self.anchor, page):
                return False  # a page in between may still have a match: wait for it
            index = min(self.anchor_index, len(self.matches[page]) - 1) if page == self.anchor else 0
            self.current = (page, index)
        elif self.complete:
            self.current = order[0]  # wrap around
        if self.current is not None:
            self.held = False
        return self.current is not None

    def _settled(self, first: int, last: int) -> bool:
        """Every page from ``first`` to ``last`` (included) has its words, matched."""
        dirty = set(self._dirty)
        return all(p in self.words and p not in dirty for p in range(first, last + 1))

    def _valid(self, key: tuple[int, int]) -> bool:
        return key[0] in self.matches and key[1] < len(self.matches[key[0]])

    def step(self, delta: int) -> bool:
        """Move to the next (+1) or previous (-1) match, wrapping around; True if moved."""
        order = self._order()
        if not order:
            return False
        self.held = False
        if self.current is None or not self._valid(self.current):
            pos = bisect_left(order, (self.anchor, self.anchor_index))
            self.current = order[pos % len(order)] if delta > 0 else order[(pos - 1) % len(order)]
            return True
        pos = order.index(self.current)
        self.current = order[(pos + delta) % len(order)]
        return True

    def hit(self) -> FindHit | None:
        if self.current is None or not self._valid(self.current):
            return None
        page, index = self.current
        found = self.matches[page]
        before = sum(len(m) for p, m in self.matches.items() if p < page)
        first_rect = sum(len(m) for m in found[:index])
        return FindHit(page, index, before + index + 1, self.total, found[index], first_rect)
