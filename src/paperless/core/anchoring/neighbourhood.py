"""The wider surroundings of a quote, to tell a passage from the same words elsewhere.

A quote and its 32 characters of context can occur verbatim in several places of a long,
formulaic document ("Các sở, ngành và địa phương cần …"), and after a revision the place it
was taken from may be gone while another copy remains. The anchor therefore also keeps 320
characters either side (``Anchor.before`` / ``Anchor.after``); a candidate place is only
accepted when the text around it shares enough of those words: the share of the stored
word trigrams found near the candidate, on the better of the two sides (so that an edit on
one side — a sentence inserted just before the quote — does not reject the right place),
and the candidate must not *echo* the surroundings (see :meth:`Neighbourhood.echoes`).
"""

from __future__ import annotations

MIN_SIMILARITY = 0.5  # share of the stored trigrams that must be found on one side
ECHO = 16  # characters of context around a candidate looked up in the stored surroundings
ECHO_SIDE = 64  # ... when its context runs on verbatim for fewer characters than this on one side
SHINGLE = 3


def shingles(text: str, *, cut_start: bool = False, cut_end: bool = False) -> set[str]:
    """Word trigrams of ``text``; a partial first/last word (cut off) is left out."""
    words = text.split(" ")
    if cut_start:
        words = words[1:]
    if cut_end:
        words = words[:-1]
    return {" ".join(words[i : i + SHINGLE]) for i in range(len(words) - SHINGLE + 1)}


class Neighbourhood:
    """The stored surroundings of one anchor, ready to compare with candidate places."""

    __slots__ = ("_after", "_after_len", "_after_text", "_before", "_before_len", "_before_text")

    def __init__(self, before: str, after: str) -> None:
        self._before_text = before
        self._after_text = after
        self._before = shingles(before, cut_start=True)
        self._after = shingles(after, cut_end=True)
        self._before_len = len(before)
        self._after_len = len(after)

    @property
    def width(self) -> int:
        """Characters of surroundings stored, both sides together."""
        return self._before_len + self._after_len

    def sides(self, text: str, start: int, end: int) -> tuple[int, int]:
        """Characters of the stored surroundings found verbatim right before ``start`` and
        right after ``end``."""
        return matched_before(text, start, self._before_text), matched_after(text, end, self._after_text)

    def adjacent(self, text: str, start: int, end: int) -> int:
        """Both :meth:`sides` together: the evidence that text[start:end] is the place."""
        return sum(self.sides(text, start, end))

    def similarity(self, text: str, start: int, end: int) -> float:
        """How much the surroundings of text[start:end] look like the stored ones, 0..1.

        The better side counts. With nothing stored (a tiny document) the answer is 1.0.
        """
        scores: list[float] = []
        if self._before:
            slack = self._before_len // 4 + 16
            around = shingles(text[max(0, start - self._before_len - slack) : start], cut_start=True)
            scores.append(len(self._before & around) / len(self._before))
        if self._after:
            slack = self._after_len // 4 + 16
            around = shingles(text[end : end + self._after_len + slack], cut_end=True)
            scores.append(len(self._after & around) / len(self._after))
        return max(scores) if scores else 1.0

    def echoes(self, text: str, start: int, end: int) -> bool:
        """True when text[start:end] with :data:`ECHO` characters of its context on either
        side is itself part of the stored surroundings: the candidate is another occurrence
        that was already near the quote — typically the neighbouring sentence, which takes
        the place (and the context) of a deleted one when both end or begin alike."""
        left, right = text[max(0, start - ECHO) : end], text[start : end + ECHO]
        return any(s in stored for s in (left, right) for stored in (self._before_text, self._after_text))

    def accepts(self, text: str, start: int, end: int) -> bool:
        """Similar enough, and not an echo unless both sides of its context run on (a
        neighbouring occurrence shares one side at most: the one the deleted sentence left)."""
        if self.similarity(text, start, end) < MIN_SIMILARITY:
            return False
        before, after = self.sides(text, start, end)
        short = min(before if self._before_text else ECHO_SIDE, after if self._after_text else ECHO_SIDE)
        return short >= ECHO_SIDE or not self.echoes(text, start, end)


def matched_before(text: str, end: int, pattern: str) -> int:
    """Longest k such that the k characters before ``end`` equal the last k of ``pattern``."""
    lo, hi = 0, min(len(pattern), end)
    while lo < hi:  # "the last k match" holds for every k up to the answer: bisect on k
        k = (lo + hi + 1) // 2
        if text[end - k : end] == pattern[len(pattern) - k :]:
            lo = k
        else:
            hi = k - 1
    return lo


def matched_after(text: str, start: int, pattern: str) -> int:
    """Longest k such that the k characters from ``start`` equal the first k of ``pattern``."""
    lo, hi = 0, min(len(pattern), len(text) - start)
    while lo < hi:
        k = (lo + hi + 1) // 2
        if text[start : start + k] == pattern[:k]:
            lo = k
        else:
            hi = k - 1
    return lo
