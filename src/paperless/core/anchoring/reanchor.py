"""Re-anchoring: carrying annotations over to a revised version of a document.

Same ``doc_hash`` → the anchor is returned unchanged. Otherwise the quote (text
annotations) or the context (ink, notes) is searched with :func:`.locate.locate`: placed
exactly, placed fuzzily with a confidence, or **orphaned** — never guessed. A placed text
annotation gets the new words' line rectangles (possibly on several pages) and a fresh quote
from the new text; ink and notes move by as much as their nearest word moved.

:func:`reanchor_all` re-anchors a document's annotations together, which makes the
expected positions much sharper: the annotations whose quote and context are untouched are
placed first, and they calibrate, by interpolation between neighbours, where the others
should be and how far they may have drifted (the difference in distance between two
placed neighbours bounds the text inserted or deleted between them).
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Sequence
from dataclasses import dataclass
from difflib import SequenceMatcher
from enum import StrEnum

from paperless.core.anchoring.create import quote_at, text_anchor_words
from paperless.core.anchoring.locate import locate
from paperless.core.anchoring.match import SURE, Hint, Match, full_context
from paperless.core.anchoring.model import Anchor, Context
from paperless.core.anchoring.neighbourhood import Neighbourhood
from paperless.core.anchoring.text import DocText

MIN_WINDOW = 2000  # characters (about a page): how far a match may drift with no other clue
REL_WINDOW = 0.05  # ... plus this share of the distance to the nearest calibration point
ORDER_SLACK = 16  # characters a placement may overlap the sure placements around it


class Status(StrEnum):
    PLACED_EXACT = "placed_exact"
    PLACED_FUZZY = "placed_fuzzy"
    ORPHANED = "orphaned"


@dataclass(frozen=True)
class Placement:
    """The outcome for one annotation.

    ``anchor`` is the anchor in the new version when placed, the old anchor (unchanged) when
    orphaned — its quote is what the "could not be placed" list shows. ``shift`` is how far
    ink and notes moved (add it to every point, on ``anchor.page``); (0, 0) for text.
    """

    status: Status
    anchor: Anchor
    confidence: float
    shift: tuple[float, float] = (0.0, 0.0)

    @property
    def placed(self) -> bool:
        return self.status is not Status.ORPHANED


def rough_hint(anchor: Anchor, new_length: int) -> Hint:
    """The expected place from the anchor's relative position alone."""
    if anchor.text_length > 0:
        expected = round(anchor.position * new_length / anchor.text_length)
    else:
        expected = anchor.position
    return Hint(expected, MIN_WINDOW + int(REL_WINDOW * new_length))


def _orphan(anchor: Anchor) -> Placement:
    return Placement(Status.ORPHANED, anchor, 0.0)


def _place(anchor: Anchor, match: Match, doc: DocText, doc_hash: str) -> Placement:
    status = Status.PLACED_EXACT if match.exact else Status.PLACED_FUZZY
    span = doc.words_in(match.start, match.end)
    if span is None:
        return _orphan(anchor)
    g0, g1 = span
    if anchor.quote is not None:
        return Placement(status, text_anchor_words(doc, doc_hash, g0, g1), match.confidence)
    context = anchor.context
    assert context is not None  # anchor.target was the context's quote
    start, end = doc.word_span(g0)[0], doc.word_span(g1)[1]
    offset = context.word
    if not match.exact:  # the context was edited: where its nearest word went
        offset = map_offset(context.quote.exact, doc.text[match.start : match.end], offset)
    ref = doc.word_at(min(match.start + offset, end - 1))
    x, y = doc.box(ref)[:2]
    dx, dy = x - context.x, y - context.y
    page = doc.page_of(ref)
    moved = Anchor(
        doc_hash=doc_hash,
        page=page,
        rects=tuple(r.moved(page, dx, dy) for r in anchor.rects),
        position=start,
        text_length=len(doc),
        context=Context(quote_at(doc, start, end), doc.word_span(ref)[0] - start, x, y),
    )
    return Placement(status, moved, match.confidence, (dx, dy))


def map_offset(old: str, new: str, offset: int) -> int:
    """Where character ``offset`` of ``old`` is in ``new``, an edited version of it."""
    at = 0
    for a, b, size in SequenceMatcher(None, old, new, autojunk=False).get_matching_blocks():
        if a <= offset < a + size:
            return b + offset - a
        if a + size <= offset:
            at = b + size + offset - (a + size)
    return min(at, max(0, len(new) - 1))


def reanchor(anchor: Anchor, doc: DocText, doc_hash: str, hint: Hint | None = None) -> Placement:
    """Place one annotation in the new version ``doc`` (hash ``doc_hash``); see the module.

    ``hint`` overrides the expected place (by default from the relative position).
    """
    if anchor.doc_hash == doc_hash:
        return Placement(Status.PLACED_EXACT, anchor, 1.0)
    quote = anchor.target
    if quote is None:
        return _orphan(anchor)
    match = locate(doc.text, quote, hint or rough_hint(anchor, len(doc)), _near(anchor))
    return _orphan(anchor) if match is None else _place(anchor, match, doc, doc_hash)


def reanchor_all(anchors: Sequence[Anchor], doc: DocText, doc_hash: str) -> list[Placement]:
    """Place every annotation of one document in its new version, in the given order."""
    results: list[Placement | None] = [None] * len(anchors)
    groups: dict[tuple[str, int], list[int]] = {}  # positions are comparable within one old version
    for i, anchor in enumerate(anchors):
        if anchor.doc_hash == doc_hash or anchor.target is None:
            results[i] = reanchor(anchor, doc, doc_hash)
        else:
            groups.setdefault((anchor.doc_hash, anchor.text_length), []).append(i)
    for members in groups.values():
        for i, placement in zip(members, _reanchor_group([anchors[i] for i in members], doc, doc_hash), strict=True):
            results[i] = placement
    return [r if r is not None else _orphan(a) for r, a in zip(results, anchors, strict=True)]


def _near(anchor: Anchor) -> Neighbourhood:
    quote = anchor.target
    assert quote is not None
    return Neighbourhood(anchor.before or quote.prefix, anchor.after or quote.suffix)


def _reanchor_group(anchors: list[Anchor], doc: DocText, doc_hash: str) -> list[Placement]:
    """Anchors made on the same old version: calibrate on the sure ones, then place all."""
    text = doc.text
    sure: dict[int, int] = {}  # anchor number -> start of its only, verbatim-surrounded occurrence
    for k, anchor in enumerate(anchors):
        quote, near = anchor.target, _near(anchor)
        assert quote is not None
        hint = rough_hint(anchor, len(doc))
        found = full_context(text, quote, hint, near) or full_context(text, quote, hint, near, everywhere=True)
        if len(found) == 1 and found[0].wide >= min(SURE, near.width):
            sure[k] = found[0].start
    calibration = _consistent(_monotone([(anchors[k].position, c) for k, c in sure.items()]))
    trusted = set(calibration)
    olds = [old for old, _ in calibration]
    out: list[Placement] = []
    for k, anchor in enumerate(anchors):
        quote = anchor.target
        assert quote is not None
        c = sure.get(k)
        if c is not None and (anchor.position, c) in trusted:
            match: Match | None = Match(c, c + len(quote.exact), True, 1.0)
        else:
            match = locate(text, quote, _calibrated(calibration, olds, anchor, len(doc)), _near(anchor))
        out.append(_orphan(anchor) if match is None else _place(anchor, match, doc, doc_hash))
    return out


def _consistent(chain: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """The pairs of the chain that moved like a neighbour in the chain did (within
    MIN_WINDOW): a lone far match of a formulaic passage is not trusted to calibrate."""
    shifts = [new - old for old, new in chain]
    return [
        pair
        for k, pair in enumerate(chain)
        if (k > 0 and abs(shifts[k] - shifts[k - 1]) <= MIN_WINDOW)
        or (k + 1 < len(chain) and abs(shifts[k] - shifts[k + 1]) <= MIN_WINDOW)
    ]


def _monotone(pairs: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """The longest subsequence of pairs increasing in both coordinates (drops outliers)."""
    pairs = sorted(set(pairs))
    tails: list[int] = []  # new position ending the best chain of each length
    tail_at: list[int] = []  # index in pairs of that end
    back = [-1] * len(pairs)
    for k, (_, new) in enumerate(pairs):
        j = bisect_left(tails, new)
        if j == len(tails):
            tails.append(new)
            tail_at.append(k)
        else:
            tails[j] = new
            tail_at[j] = k
        back[k] = tail_at[j - 1] if j else -1
    chain: list[tuple[int, int]] = []
    k = tail_at[-1] if tail_at else -1
    while k >= 0:
        chain.append(pairs[k])
        k = back[k]
    chain.reverse()
    return chain


def _calibrated(calibration: list[tuple[int, int]], olds: list[int], anchor: Anchor, new_length: int) -> Hint:
    """The expected place interpolated between the nearest sure placements around it, which
    also bound it: text keeps its order (a passage moved elsewhere comes out orphaned).
    ``olds`` are the calibration's old positions."""
    x = anchor.position
    j = bisect_left(olds, x)
    left = calibration[j - 1] if j > 0 else None
    right = calibration[j] if j < len(calibration) else None
    if right is not None and right[0] == x:  # itself, or an annotation starting at the same word
        return Hint(right[1], MIN_WINDOW, right[1], right[1])
    lo = 0 if left is None else left[1] - ORDER_SLACK
    hi = None if right is None else right[1] + ORDER_SLACK
    if left and right:
        expected = min(max(left[1] + x - left[0], left[1]), right[1])
        drift = abs((right[1] - left[1]) - (right[0] - left[0]))
        gap = min(x - left[0], right[0] - x)  # edits that cancel out between the two still move it
        return Hint(expected, MIN_WINDOW + drift + int(REL_WINDOW * gap), lo, hi)
    near = left or right
    if near is None:
        return rough_hint(anchor, new_length)
    return Hint(near[1] + x - near[0], MIN_WINDOW + int(REL_WINDOW * abs(x - near[0])), lo, hi)
