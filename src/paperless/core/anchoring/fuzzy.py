"""Fuzzy candidates: the quote edited a little (a word changed, a tone mark fixed).

Seeds — the prefix's tail, the suffix's head, and for a quote of :data:`FUZZY_MIN_CHARS` or
more its own head and tail — are looked up near the expected position. Each occurrence
implies where the quote would start; nearby implied starts are merged and the best few
(most seeds agreeing — only places where two or more agree, if there are any — then
nearest) are examined: the text around each is aligned with
``difflib.SequenceMatcher`` to ``prefix + exact + suffix``. The quote's new span starts where
the prefix's last characters matched (else extrapolated from its first matched character) and
ends where the suffix's first characters matched.

A candidate is placeable when the quote is at least :data:`FUZZY_MIN_CHARS` long, its
similarity (``2·matches / (old + new length)``) at least :data:`FUZZY_MIN_SIMILARITY`, and
its context nearly intact on both sides (:data:`FUZZY_MIN_CONTEXT`): the quote was edited,
not its surroundings. Shorter or weaker ones still
compete (see :mod:`.match`): when the quote's own, edited place is the best evidence, the
annotation is orphaned rather than moved onto a copy of the old words elsewhere.
"""

from __future__ import annotations

from dataclasses import dataclass
from difflib import SequenceMatcher

from paperless.core.anchoring.match import MIN_EVIDENCE, Candidate, Hint, exact_acceptable, find_all
from paperless.core.anchoring.model import TextQuote
from paperless.core.anchoring.neighbourhood import Neighbourhood

FUZZY_MIN_CHARS = 12
FUZZY_MIN_SIMILARITY = 0.75
FUZZY_MIN_CONTEXT = 0.85  # share of the prefix and of the suffix that must match
FUZZY_SEED = 16
MIN_SEED = 6
COMPETE_SIMILARITY = 0.5  # weaker alignments are not candidates at all
MAX_STARTS = 4
MAX_SEED_HITS = 64


@dataclass(frozen=True)
class Aligned:
    start: int
    end: int
    similarity: float  # of the quote to text[start:end]
    prefix: float  # share of the prefix / suffix characters matched around it
    suffix: float


def align(text: str, quote: TextQuote, c0: int) -> Aligned | None:
    """Align prefix + exact + suffix to the text around an implied start ``c0``."""
    pre, exact, suf = quote.prefix, quote.exact, quote.suffix
    p, q = len(pre), len(pre) + len(exact)
    slack = max(16, len(exact) // 3)
    lo = max(0, c0 - p - slack)
    hi = min(len(text), c0 + len(exact) + len(suf) + slack)
    blocks = SequenceMatcher(None, pre + exact + suf, text[lo:hi], autojunk=False).get_matching_blocks()
    pm = qm = sm = 0
    first: tuple[int, int] | None = None  # (needle index, text offset) of the first and last
    last: tuple[int, int] | None = None  # matched characters of the quote
    start = end = -1
    for a, b, size in blocks:
        if not size:
            continue
        pm += max(0, min(a + size, p) - a)
        sm += max(0, a + size - max(a, q))
        i0, i1 = max(a, p), min(a + size, q)
        if i1 > i0:
            qm += i1 - i0
            if first is None:
                first = (i0, lo + b + i0 - a)
            last = (i1 - 1, lo + b + i1 - 1 - a)
        if a < p <= a + size and size >= 3:  # the prefix's end is matched: the quote follows
            start = lo + b + p - a
        if a <= q < a + size and size >= 3:  # the suffix's start is matched: the quote ends here
            end = lo + b + q - a
    if first is None or last is None:
        return None
    if start < 0:
        start = first[1] - (first[0] - p)
    if end < 0:
        end = last[1] + 1 + (q - 1 - last[0])
    start, end = max(start, 0), min(end, len(text))
    if end <= start:
        return None
    similarity = 2 * qm / (len(exact) + end - start)
    pre_score = pm / p if p else float(start == 0)
    suf_score = sm / len(suf) if suf else float(end == len(text))
    return Aligned(start, end, similarity, pre_score, suf_score)


def _starts(text: str, quote: TextQuote, hint: Hint) -> list[int]:
    """Implied starts of the quote from its seeds, best first."""
    pre, exact, suf = quote.prefix, quote.exact, quote.suffix
    size = len(exact)
    e, w = hint.expected, hint.window
    lo, hi = e - w - len(pre), e + w + size + len(suf)
    seeds: list[tuple[str, int]] = []  # (seed, offset from the seed's start to the quote's start)
    if len(pre) >= MIN_SEED:
        k = min(FUZZY_SEED, len(pre))
        seeds.append((pre[-k:], k))
    if len(suf) >= MIN_SEED:
        seeds.append((suf[:FUZZY_SEED], -size))
    if size >= FUZZY_MIN_CHARS:
        k = min(FUZZY_SEED, size // 2)
        seeds += [(exact[:k], 0), (exact[-k:], k - size)]
    votes: dict[int, set[int]] = {}
    for n, (seed, offset) in enumerate(seeds):
        for h in find_all(text, seed, lo, hi, cap=MAX_SEED_HITS):
            votes.setdefault(h + offset, set()).add(n)
    groups: list[tuple[int, int]] = []  # (votes, first start): implied starts within 16 characters merged
    for c in sorted(votes):
        if groups and c - groups[-1][1] <= 16:
            count, first = groups[-1]
            groups[-1] = (count + len(votes[c]), first)
        else:
            groups.append((len(votes[c]), c))
    groups.sort(key=lambda g: (-g[0], abs(g[1] - e)))
    if groups and groups[0][0] > 1:  # where seeds agree; a lone seed hit is mostly a common phrase
        groups = [g for g in groups if g[0] > 1]
    return [c for _, c in groups[:MAX_STARTS]]


def fuzzy_candidates(text: str, quote: TextQuote, hint: Hint, near: Neighbourhood) -> list[Candidate]:
    """Stage 3: places where an edited version of the quote may be, see the module."""
    size, whole = len(quote.exact), len(quote.prefix) + len(quote.suffix)
    out: list[Candidate] = []
    seen: set[tuple[int, int]] = set()
    for c0 in _starts(text, quote, hint):
        found = align(text, quote, c0)
        if found is None or (found.start, found.end) in seen or found.similarity < COMPETE_SIMILARITY:
            continue
        seen.add((found.start, found.end))
        if not hint.allows(found.start):  # the neighbourhood is checked by match.best_of
            continue
        context = found.prefix * len(quote.prefix) + found.suffix * len(quote.suffix)
        ok = (
            size >= FUZZY_MIN_CHARS
            and found.similarity >= FUZZY_MIN_SIMILARITY
            and min(found.prefix, found.suffix) >= FUZZY_MIN_CONTEXT
            and found.similarity * size + context >= MIN_EVIDENCE
        )
        share = context / whole if whole else 1.0
        confidence = round(min(0.99, 0.6 * found.similarity + 0.4 * share), 3)
        wide = near.adjacent(text, found.start, found.end)
        verbatim = text[found.start : found.end] == quote.exact
        if verbatim:  # the quote unchanged after all: judged as in stage 2
            ok = exact_acceptable(text, quote, found.start, near)
        out.append(Candidate(found.start, found.end, verbatim, found.similarity, wide, ok, confidence))
    return out
