"""Query semantics, shared by the session index and the in-document find.

* A query typed **without** diacritics (``"chuyen doi so"``, ``"dang"``) matches
  diacritic-insensitively: ``"dang"`` finds ``Đảng``, ``đang``, ``đăng``, ``dạng``…
* A word of the query typed **with** a diacritic — a tone mark, ``â ă ê ô ơ ư`` or ``đ`` —
  matches accent-exactly, still case-insensitively: ``"Đảng"`` finds ``đảng`` and ``ĐẢNG``
  but not ``đang`` (tone marks change the meaning of a Vietnamese word; a word without a
  tone mark has a tone of its own, so ``"đang"`` does not find ``Đảng`` either). The other
  words of the same query stay insensitive: ``"chuyen đổi"`` finds ``chuyển đổi`` but
  ``"chuyen đôi"`` does not.
* In both modes the match is a substring (it may start or end inside a word), whitespace
  and line breaks are one space, and NFC and NFD text behave the same.

Candidates are found with ``str.find`` on the folded text (C speed); accent-exact queries
then check each candidate's original text with :func:`exact_key`.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from paperless.core.search.fold import exact_key, fold, has_diacritics, is_mark
from paperless.core.search.offsets import OffsetMap


@dataclass(frozen=True)
class Query:
    text: str
    folded: str  # the needle for str.find on folded text; "" matches nothing
    exact: tuple[str | None, ...] | None  # per word: the accent-exact key, or None if typed bare

    @classmethod
    def parse(cls, text: str) -> Query:
        folded = fold(text)
        exact: tuple[str | None, ...] | None = None
        if folded and has_diacritics(text):
            exact = tuple(w if has_diacritics(w) else None for w in exact_key(text).split(" "))
        return cls(text, folded, exact)

    @property
    def accent_exact(self) -> bool:
        """True if some word of the query must match its diacritics exactly."""
        return self.exact is not None

    def accepts(self, original: str) -> bool:
        """Whether ``original``, whose fold equals the query's, also has the typed diacritics."""
        if self.exact is None:
            return True
        words = exact_key(original).split(" ")
        return len(words) == len(self.exact) and all(
            want is None or want == got for want, got in zip(self.exact, words, strict=True)
        )


def find_spans(text: str, folded: str, omap: OffsetMap, query: Query) -> Iterator[tuple[int, int]]:
    """Non-overlapping matches of ``query`` as ``[start, end)`` offsets in the original ``text``,
    in order. ``folded, omap`` is ``fold_compact(text)``."""
    needle = query.folded
    if not needle:
        return
    size = len(needle)
    pos = folded.find(needle)
    while pos >= 0:
        end = pos + size
        start = omap[pos]
        stop = omap[end - 1] + 1
        while stop < len(text) and is_mark(text[stop]):  # the marks of the last letter (NFD text)
            stop += 1
        if query.accepts(text[start:stop]):
            yield start, stop
            pos = folded.find(needle, end)
        else:
            pos = folded.find(needle, pos + 1)
