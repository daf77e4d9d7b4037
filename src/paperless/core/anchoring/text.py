"""A document's normalised text, with a map from character offsets back to words.

Built from plain data — each page's positioned words, as the render worker extracts them
(``core.render.document.Word`` or anything with the same fields) — so that anchoring never
touches PyMuPDF and can run on any thread.

Normalisation keeps everything that distinguishes words (case, diacritics: "bàn" ≠ "bán",
punctuation) and removes what only depends on layout or encoding:

* every word is NFC-normalised (NFD "bán" from one PDF equals NFC "bán" from another);
* soft hyphens and zero-width characters are dropped, U+2010/U+2011 hyphens become "-",
  whitespace inside a word becomes one space;
* words are joined with one space, whatever the line and page breaks between them;
* a hyphenated line end joins the two halves: a word ending in "-" (after a letter) that
  ends its line, followed on the next line of the same page by a word starting with a
  lower-case letter, loses its hyphen ("docu-" + "ment" → "document"); between digits the
  hyphen stays ("2021-" + "2030" → "2021-2030"); a word ending in a soft hyphen always
  joins the next one.
"""

from __future__ import annotations

import unicodedata
from array import array
from bisect import bisect_left, bisect_right
from collections.abc import Sequence
from typing import Final

from paperless.core.anchoring.contents import leader_edits
from paperless.core.anchoring.footnotes import footnote_words
from paperless.core.anchoring.furniture import running_lines
from paperless.core.anchoring.model import PageRect
from paperless.core.search.words import WordLike

WordRef = tuple[int, int]  # (page, index in that page's word list)

_DROP: Final = dict.fromkeys(map(ord, "\u00ad\u200b\u200c\u200d\u2060\ufeff"), None)
_HYPHENS: Final = {ord("\u2010"): "-", ord("\u2011"): "-"}
_TRANSLATE: Final = {**_DROP, **_HYPHENS}
_SPECIAL: Final = frozenset("\u00ad\u200b\u200c\u200d\u2060\ufeff\u2010\u2011")


def normalise(text: str) -> str:
    """The anchoring form of any text (a quote typed elsewhere, a word): see the module."""
    text = unicodedata.normalize("NFC", text)
    if not _SPECIAL.isdisjoint(text):
        text = text.translate(_TRANSLATE)
    return " ".join(text.split())


class DocText:
    """The words of every page joined into one normalised text.

    Words are numbered globally (``g``) in reading order, skipping words that normalise to
    nothing, running headers and footers (:mod:`.furniture`) and the dot leaders and page
    numbers of contents lines (:mod:`.contents`). The footnotes of every page come after the
    whole body (:mod:`.footnotes`): :meth:`page_words` is a page's body, :meth:`page_notes`
    its footnotes. :meth:`ref` and :meth:`global_index` convert
    to and from ``(page, index)`` where ``index`` is the position in the list the page's
    words were given in; :meth:`nearest_index` finds the nearest word that has text.
    """

    __slots__ = (
        "_boxes", "_ends", "_flows", "_index", "_line", "_notes_from", "_page", "_page_map", "_starts", "text",
    )

    def __init__(
        self,
        pages: Sequence[Sequence[WordLike]],
        *,
        furniture: bool = True,
        contents: bool = True,
        footnotes: bool = True,
    ) -> None:
        """``furniture``: leave out running headers and footers (:mod:`.furniture`);
        ``contents``: leave out the leaders and page numbers of contents lines (:mod:`.contents`);
        ``footnotes``: read the footnotes after the whole body (:mod:`.footnotes`)."""
        skip = running_lines(pages) if furniture else [frozenset[int]()] * len(pages)
        notes = [footnote_words(w, skip[p]) if footnotes else frozenset[int]() for p, w in enumerate(pages)]
        leaders = [leader_edits(w) if contents else {} for w in pages]
        parts: list[str] = []
        # flat arrays rather than lists of Python ints and tuples: ~10 fewer objects per word
        starts, ends, page_of, index_of, line_of = (array("q") for _ in range(5))
        x0s, y0s, x1s, y1s = (array("d") for _ in range(4))
        page_map: list[array[int]] = [array("q", [-1]) * len(words) for words in pages]
        flows: list[list[tuple[int, int]]] = [[], []]  # per flow (body, notes): each page's [start, stop)
        pos = 0
        line_id = -1
        joined = True  # no space before the very first word
        seen: dict[str, str] = {}  # normalised words: a document repeats most of its words
        self._notes_from = 0
        for flow in (0, 1):
            if flow == 1:
                self._notes_from = len(starts)
            for p, words in enumerate(pages):
                page_skip = skip[p]
                page_notes = notes[p]
                edits = leaders[p]
                here = page_map[p]
                first = len(starts)
                order: Sequence[int]
                if page_notes:
                    order = [i for i in range(len(words)) if (i in page_notes) == (flow == 1)]
                else:
                    order = range(0 if flow else len(words))
                prev_key: tuple[int, int] | None = None
                n = len(order)
                for k, i in enumerate(order):
                    w = words[i]
                    raw = w.text
                    if edits and i in edits:
                        raw = edits[i]
                    text = seen.get(raw)
                    if text is None:
                        text = seen[raw] = normalise(raw)
                    if not text or i in page_skip:
                        continue
                    key = (w.block, w.line)
                    if key != prev_key:
                        line_id += 1
                        prev_key = key
                    if not joined:
                        parts.append(" ")
                        pos += 1
                    joined = False
                    if raw.endswith("\u00ad"):
                        joined = True
                    elif text.endswith("-") and len(text) > 1 and k + 1 < n:
                        nxt = words[order[k + 1]]
                        if (nxt.block, nxt.line) != key:
                            if text[-2].isalpha() and nxt.text[:1].islower():  # docu- | ment
                                text = text[:-1]
                                joined = True
                            elif text[-2].isdigit() and nxt.text[:1].isdigit():  # 2021- | 2030
                                joined = True
                    here[i] = len(starts)
                    starts.append(pos)
                    parts.append(text)
                    pos += len(text)
                    ends.append(pos)
                    page_of.append(p)
                    index_of.append(i)
                    x0s.append(w.x0)
                    y0s.append(w.y0)
                    x1s.append(w.x1)
                    y1s.append(w.y1)
                    line_of.append(line_id)
                flows[flow].append((first, len(starts)))
        self.text: str = "".join(parts)
        self._starts = starts
        self._ends = ends
        self._page = page_of
        self._index = index_of
        self._boxes = (x0s, y0s, x1s, y1s)
        self._line = line_of
        self._page_map = page_map
        self._flows = flows

    # --- sizes -----------------------------------------------------------------------------
    def __len__(self) -> int:
        return len(self.text)

    @property
    def page_count(self) -> int:
        return len(self._page_map)

    @property
    def word_count(self) -> int:
        return len(self._starts)

    # --- words <-> characters ------------------------------------------------------------------
    def global_index(self, ref: WordRef) -> int:
        """The global number of word ``ref``; ``ValueError`` if it has no text."""
        page, index = ref
        if not 0 <= page < len(self._page_map) or not 0 <= index < len(self._page_map[page]):
            raise IndexError(f"no word {index} on page {page}")
        g = self._page_map[page][index]
        if g < 0:
            raise ValueError(f"word {index} on page {page} has no text")
        return g

    def nearest_index(self, ref: WordRef, forward: bool) -> int:
        """The global number of word ``ref`` or, if it has no text (a page number), of the
        next (``forward``) or previous word that has; -1 if there is none."""
        page, index = ref
        if not 0 <= page < len(self._page_map) or not 0 <= index < len(self._page_map[page]):
            raise IndexError(f"no word {index} on page {page}")
        step = 1 if forward else -1
        while True:
            row = self._page_map[page]
            while 0 <= index < len(row):
                if row[index] >= 0:
                    return row[index]
                index += step
            page += step
            if not 0 <= page < len(self._page_map):
                return -1
            index = 0 if forward else len(self._page_map[page]) - 1

    def ref(self, g: int) -> WordRef:
        return self._page[g], self._index[g]

    def page_of(self, g: int) -> int:
        return self._page[g]

    def box(self, g: int) -> tuple[float, float, float, float]:
        x0, y0, x1, y1 = self._boxes
        return x0[g], y0[g], x1[g], y1[g]

    def word_span(self, g: int) -> tuple[int, int]:
        """Start and end character offsets of word ``g``."""
        return self._starts[g], self._ends[g]

    def word_at(self, pos: int) -> int:
        """The word containing character ``pos``, or the next word after it (e.g. after a
        space); the last word when ``pos`` is past the end; -1 for an empty text."""
        if not self._starts:
            return -1
        g = bisect_right(self._starts, pos) - 1
        if g < 0:
            return 0
        if pos >= self._ends[g] and g + 1 < len(self._starts):
            return g + 1
        return g

    def words_in(self, start: int, end: int) -> tuple[int, int] | None:
        """First and last word overlapping characters [start, end), or None."""
        if end <= start or not self._starts:
            return None
        g0 = self.word_at(start)
        g1 = bisect_left(self._starts, end) - 1
        if g1 < g0 or self._starts[g0] >= end:
            return None
        return g0, g1

    def page_words(self, page: int) -> range:
        """Global numbers of the body words of ``page`` (possibly empty; footnotes: :meth:`page_notes`)."""
        if not 0 <= page < len(self._page_map):
            return range(0)
        return range(*self._flows[0][page])

    def page_notes(self, page: int) -> range:
        """Global numbers of the footnote words of ``page`` (read after the whole body)."""
        if not 0 <= page < len(self._page_map):
            return range(0)
        return range(*self._flows[1][page])

    def is_note(self, g: int) -> bool:
        """Word ``g`` is in a footnote."""
        return g >= self._notes_from

    def same_flow_range(self, g: int) -> range:
        """The words of ``g``'s page in its flow (body or footnotes)."""
        page = self._page[g]
        return self.page_notes(page) if self.is_note(g) else self.page_words(page)

    # --- geometry --------------------------------------------------------------------------
    def rects(self, g0: int, g1: int) -> tuple[PageRect, ...]:
        """One rectangle per text line of words g0..g1 (inclusive): the union of their boxes."""
        out: list[PageRect] = []
        g = g0
        while g <= g1:
            line = self._line[g]
            x0, y0, x1, y1 = self.box(g)
            g += 1
            while g <= g1 and self._line[g] == line:
                a, b, c, d = self.box(g)
                x0, y0, x1, y1 = min(x0, a), min(y0, b), max(x1, c), max(y1, d)
                g += 1
            out.append(PageRect(self._page[g - 1], x0, y0, x1, y1))
        return tuple(out)
