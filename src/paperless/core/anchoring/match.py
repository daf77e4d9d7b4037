"""Finding a quote again in a revised document's normalised text.

Candidate places come from three searches, all near the expected position (a :class:`Hint`):

1. **Full context** — ``prefix + exact + suffix`` occurs verbatim: the quote and its
   32-character context are untouched. When the wider surroundings match verbatim too (at
   least :data:`SURE` characters of the 320 either side) the place is taken at once.
2. **Exact quote, partial context** — the quote verbatim, glued to the first/last
   :data:`SEED` characters of its suffix/prefix (or alone, for a long quote).
3. **Fuzzy** — the quote edited a little (:mod:`.fuzzy`): text around seeds of the quote
   and its context, aligned with ``difflib``.

Every candidate must lie within the hint's window and bounds and pass the
:class:`~.neighbourhood.Neighbourhood` check. The candidates then compete on evidence:
characters of the quote matched plus characters of the surroundings matching verbatim
right around it. The winner is placed only if it meets its kind's rules (else the
annotation is orphaned):

* an exact quote with partial context needs :data:`MIN_EVIDENCE` characters of quote +
  context, at least :data:`MIN_CONTEXT` of them context and :data:`MIN_SIDE` on each side;
  or :data:`LONG_QUOTE` characters of quote and one side of its context intact; or
  :data:`ALONE_QUOTE` characters of quote. Context on one side only is not enough for a
  short quote: when a sentence is deleted, its neighbour inherits its context on the far
  side, and a neighbour ending with the same few words would otherwise take its
  annotations. In every case :data:`WIDE_MIN` characters of the wider surroundings must
  match verbatim right around it: a short recurring phrase matches its 32 characters of
  context by chance, 96 characters of surroundings rarely;
* a fuzzy one needs the rules in :mod:`.fuzzy`.

So when the quote's own place was edited and a copy of the quote survives elsewhere, the
edited place wins on evidence and the annotation is placed there fuzzily, or orphaned if
the edit leaves too little to go on — never moved onto the copy. Ties (a repeated passage)
go to the nearest. All places are on word boundaries (quotes are whole words).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from paperless.core.anchoring.model import TextQuote
from paperless.core.anchoring.neighbourhood import Neighbourhood, matched_after, matched_before

SEED = 12  # characters of context glued to the quote to find candidates (stage 2)
MIN_EVIDENCE = 48  # quote + matching context characters needed with partial context
MIN_CONTEXT = 24  # matching context characters needed with partial context ...
MIN_SIDE = 16  # ... on both sides (a sentence deleted next to the quote)
LONG_QUOTE = 40  # a quote this long may have its context intact on one side only
ALONE_QUOTE = 80  # a quote this long is specific enough on its own
WIDE_MIN = 96  # ... and in every case the surroundings must match verbatim for this many characters
SURE = 200  # characters of the wider surroundings matching verbatim that end the search
TIE = 4  # evidence this close counts as a tie (then the nearest wins)
MAX_HITS = 512  # occurrences examined per search


@dataclass(frozen=True)
class Hint:
    """Where the quote is expected to start in the new text, how far off it may be while
    still counting as near (characters), and optionally hard bounds (``lo``..``hi``, e.g.
    between the places found for the annotations before and after it)."""

    expected: int
    window: int
    lo: int = 0
    hi: int | None = None

    def allows(self, start: int) -> bool:
        return abs(start - self.expected) <= self.window and self.lo <= start and (self.hi is None or start <= self.hi)


@dataclass(frozen=True)
class Match:
    start: int  # character span [start, end) of the quote in the new text
    end: int
    exact: bool  # the quote's text is unchanged
    confidence: float  # 1.0 for quote and context unchanged


@dataclass(frozen=True)
class Candidate:
    start: int
    end: int
    exact: bool
    similarity: float  # of the quote's text to text[start:end]; 1.0 when exact
    wide: int  # characters of the surroundings matching verbatim right before and after
    acceptable: bool  # meets the rules for placing it
    confidence: float

    def evidence(self, size: int) -> float:
        return self.similarity * size + self.wide


def find_all(text: str, needle: str, lo: int = 0, hi: int | None = None, cap: int = MAX_HITS) -> list[int]:
    """Start offsets of ``needle`` within text[lo:hi] (possibly overlapping), at most ``cap``."""
    hits: list[int] = []
    if not needle:
        return hits
    hi = len(text) if hi is None else hi
    i = text.find(needle, max(lo, 0), hi)
    while i >= 0 and len(hits) < cap:
        hits.append(i)
        i = text.find(needle, i + 1, hi)
    return hits


def bounded(text: str, start: int, end: int) -> bool:
    """True when [start, end) is whole words (spaces or the text's ends around it)."""
    return (start == 0 or text[start - 1] == " ") and (end == len(text) or text[end] == " ")


def full_context(
    text: str, quote: TextQuote, hint: Hint, near: Neighbourhood, *, everywhere: bool = False
) -> list[Candidate]:
    """Stage 1: the places where the quote and its whole context occur and the wider
    surroundings agree, best first: within the hint, or anywhere with ``everywhere``."""
    pre, exact, suf = quote.prefix, quote.exact, quote.suffix
    needle = pre + exact + suf
    e, w = hint.expected, hint.window
    hits = find_all(text, needle) if everywhere else find_all(text, needle, e - w - len(pre), e + w + len(needle))
    out: list[Candidate] = []
    for h in hits:
        c = h + len(pre)
        if not (everywhere or hint.allows(c)) or not bounded(text, c, c + len(exact)):
            continue
        if near.accepts(text, c, c + len(exact)):
            out.append(Candidate(c, c + len(exact), True, 1.0, near.adjacent(text, c, c + len(exact)), True, 1.0))
    return sorted(out, key=lambda k: (-k.wide, abs(k.start - e), k.start))


def partial_context(text: str, quote: TextQuote, hint: Hint, near: Neighbourhood) -> list[Candidate]:
    """Stage 2: the quote verbatim, with part of its context (not yet checked against the
    neighbourhood: :func:`best_of` does that)."""
    pre, exact, suf = quote.prefix, quote.exact, quote.suffix
    size = len(exact)
    lo, hi = hint.expected - hint.window - SEED, hint.expected + hint.window + size + SEED
    starts: set[int] = set()
    if pre:
        k = min(SEED, len(pre))
        starts.update(h + k for h in find_all(text, pre[-k:] + exact, lo, hi))
    if suf:
        starts.update(find_all(text, exact + suf[:SEED], lo, hi))
    if size >= ALONE_QUOTE:  # shorter ones need the context the two searches above require
        starts.update(find_all(text, exact, lo, hi))
    out: list[Candidate] = []
    whole = len(pre) + len(suf)
    for c in starts:
        if not hint.allows(c) or not bounded(text, c, c + size):
            continue
        context = matched_before(text, c, pre) + matched_after(text, c + size, suf)
        confidence = round(0.75 + 0.25 * (context / whole if whole else 1.0), 3)
        wide = near.adjacent(text, c, c + size)
        out.append(Candidate(c, c + size, True, 1.0, wide, exact_acceptable(text, quote, c, near), confidence))
    return out


def exact_acceptable(text: str, quote: TextQuote, start: int, near: Neighbourhood) -> bool:
    """The rules for placing the quote found verbatim at ``start`` with partial context."""
    size = len(quote.exact)
    if not bounded(text, start, start + size):
        return False
    if near.adjacent(text, start, start + size) < min(WIDE_MIN, near.width):
        return False
    pre = matched_before(text, start, quote.prefix)
    suf = matched_after(text, start + size, quote.suffix)
    if size >= ALONE_QUOTE:
        return True
    if size >= LONG_QUOTE and (pre == len(quote.prefix) or suf == len(quote.suffix)):
        return True
    both = min(pre if quote.prefix else MIN_SIDE, suf if quote.suffix else MIN_SIDE) >= MIN_SIDE
    return both and pre + suf >= MIN_CONTEXT and size + pre + suf >= MIN_EVIDENCE


def best_of(
    candidates: list[Candidate], size: int, expected: int, accepts: Callable[[Candidate], bool]
) -> Candidate | None:
    """The candidate with the most evidence that ``accepts`` lets compete (exact before
    fuzzy at the same place; among ties, the nearest), or None. ``accepts`` (the
    neighbourhood check, the costly part) is only asked about candidates that could win."""
    kept: list[Candidate] = []
    for cand in sorted(candidates, key=lambda k: not k.exact):
        if cand.exact or not any(k.start < cand.end and cand.start < k.end for k in kept):
            kept.append(cand)
    kept.sort(key=lambda k: -k.evidence(size))
    top: float | None = None
    tied: list[Candidate] = []
    for cand in kept:
        if top is not None and cand.evidence(size) < top - TIE:
            break
        if accepts(cand):
            top = cand.evidence(size) if top is None else top
            tied.append(cand)
    return min(tied, key=lambda k: (not k.exact, abs(k.start - expected), k.start)) if tied else None
