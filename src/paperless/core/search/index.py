"""The session-wide text index: every page's folded text, in memory only.

Nothing here is ever written to disk: the documents are confidential. Each page keeps its
original text (for snippets and accent-exact checks), its folded text and a compact offset
map; a query scans the folded strings with ``str.find``. Not thread-safe: use one index
from one thread (the GUI thread, fed by the render worker's text extraction).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Final

from paperless.core.search.fold import fold_compact
from paperless.core.search.offsets import OffsetMap
from paperless.core.search.query import Query, find_spans

_WHITESPACE: Final = re.compile(r"\s+")
ELLIPSIS: Final = "…"


@dataclass(frozen=True)
class Hit:
    """One match. ``start``/``end`` are offsets in the page text given to ``add_page``;
    ``snippet`` is the original text around it (whitespace collapsed, "…" where cut), in which
    the match itself is ``snippet[match_start:match_end]`` (for showing it in bold)."""

    doc: str
    page: int
    start: int
    end: int
    snippet: str
    match_start: int = 0
    match_end: int = 0


class _Page:
    __slots__ = ("folded", "omap", "text")

    def __init__(self, text: str) -> None:
        self.text = text
        self.folded, self.omap = fold_compact(text)


def _collapse(text: str) -> str:
    return _WHITESPACE.sub(" ", text)


def make_snippet(text: str, start: int, end: int, context: int = 40) -> tuple[str, int, int]:
    """``(snippet, match_start, match_end)``: about ``context`` characters of ``text`` either
    side of ``text[start:end]``, cut at word boundaries, whitespace collapsed."""
    a = max(0, start - context)
    b = min(len(text), end + context)
    if a > 0 and not text[a - 1].isspace():  # do not start inside a word
        space = _WHITESPACE.search(text, a, start)
        a = space.end() if space else a
    if b < len(text) and not text[b].isspace():  # nor end inside one
        spaces = list(_WHITESPACE.finditer(text, end, b))
        b = spaces[-1].start() if spaces else b
    before = _collapse(text[a:start]).lstrip()
    match = _collapse(text[start:end])
    after = _collapse(text[end:b]).rstrip()
    prefix = ELLIPSIS if text[:a].strip() else ""
    suffix = ELLIPSIS if text[b:].strip() else ""
    head = prefix + before
    return head + match + after + suffix, len(head), len(head) + len(match)


class SessionIndex:
    """In-memory full-text index of the pages of one session's documents."""

    def __init__(self, *, context: int = 40) -> None:
        self._docs: dict[str, dict[int, _Page]] = {}  # insertion order = result order
        self._sorted: dict[str, list[tuple[int, _Page]]] = {}
        self._context = context
        self._count = 0

    def add_page(self, doc: str, page: int, text: str) -> None:
        """Index (or re-index) one page of ``doc``; pages may come in any order."""
        pages = self._docs.setdefault(doc, {})
        if page not in pages:
            self._count += 1
        pages[page] = _Page(text)
        self._sorted.pop(doc, None)

    def remove_document(self, doc: str) -> None:
        self._count -= len(self._docs.pop(doc, {}))
        self._sorted.pop(doc, None)

    def clear(self) -> None:
        self._docs.clear()
        self._sorted.clear()
        self._count = 0

    @property
    def pages(self) -> int:
        """How many pages are indexed."""
        return self._count

    def has_page(self, doc: str, page: int) -> bool:
        return page in self._docs.get(doc, {})

    def documents(self) -> list[str]:
        return list(self._docs)

    def _ordered(self, doc: str) -> list[tuple[int, _Page]]:
        pages = self._sorted.get(doc)
        if pages is None:
            pages = self._sorted[doc] = sorted(self._docs[doc].items())
        return pages

    def search(self, query: str, limit: int = 500) -> list[Hit]:
        """Matches of ``query`` (semantics: ``paperless.core.search.query``) in document
        order (the order documents were first added), then page, then position."""
        parsed = Query.parse(query)
        hits: list[Hit] = []
        needle = parsed.folded
        if not needle or limit <= 0:
            return hits
        for doc in self._docs:
            for number, page in self._ordered(doc):
                if needle not in page.folded:
                    continue
                for start, end in find_spans(page.text, page.folded, page.omap, parsed):
                    snippet, m0, m1 = make_snippet(page.text, start, end, self._context)
                    hits.append(Hit(doc, number, start, end, snippet, m0, m1))
                    if len(hits) >= limit:
                        return hits
        return hits

    def count(self, query: str) -> int:
        """How many matches ``search`` would return without a limit (no snippets made)."""
        parsed = Query.parse(query)
        if not parsed.folded:
            return 0
        total = 0
        for doc in self._docs:
            for page in self._docs[doc].values():
                if not parsed.accent_exact:
                    total += page.folded.count(parsed.folded)
                elif parsed.folded in page.folded:
                    total += sum(1 for _ in find_spans(page.text, page.folded, page.omap, parsed))
        return total

    def page_map(self, doc: str, page: int) -> tuple[str, OffsetMap] | None:
        """The folded text and offset map of one page (for tests and tools)."""
        entry = self._docs.get(doc, {}).get(page)
        return None if entry is None else (entry.folded, entry.omap)
