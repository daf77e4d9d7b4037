"""Making anchors: from a text selection (a range of words) or from geometry on a page."""

from __future__ import annotations

from collections.abc import Sequence

from paperless.core.anchoring.model import Anchor, Context, PageRect, TextQuote
from paperless.core.anchoring.text import DocText, WordRef

CONTEXT_CHARS = 32  # prefix and suffix length, as in the W3C examples
NEAR_TEXT_CHARS = 48  # the context of ink and notes: at least this much text around the nearest word
WIDE_CHARS = 320  # the wider surroundings kept to tell repeated passages apart

Rect = tuple[float, float, float, float]


def quote_at(doc: DocText, start: int, end: int, context: int = CONTEXT_CHARS) -> TextQuote:
    """The quote of characters [start, end) of ``doc`` with ``context`` characters around."""
    text = doc.text
    return TextQuote(text[start:end], text[max(0, start - context) : start], text[end : end + context])


def surroundings(doc: DocText, start: int, end: int, width: int = WIDE_CHARS) -> tuple[str, str]:
    """``width`` characters before ``start`` and after ``end``."""
    return doc.text[max(0, start - width) : start], doc.text[end : end + width]


def text_anchor_words(doc: DocText, doc_hash: str, g0: int, g1: int) -> Anchor:
    """The anchor of global words g0..g1 (inclusive); see :func:`text_anchor`."""
    if not 0 <= g0 <= g1 < doc.word_count:
        raise ValueError(f"bad word range {g0}..{g1}")
    start, _ = doc.word_span(g0)
    _, end = doc.word_span(g1)
    rects = doc.rects(g0, g1)
    before, after = surroundings(doc, start, end)
    return Anchor(
        doc_hash=doc_hash,
        page=rects[0].page,
        rects=rects,
        quote=quote_at(doc, start, end),
        position=start,
        text_length=len(doc),
        before=before,
        after=after,
    )


def text_anchor(doc: DocText, doc_hash: str, first: WordRef, last: WordRef) -> Anchor:
    """The anchor of a text selection from word ``first`` to word ``last`` (inclusive),
    each ``(page, index in the page's word list)``; the selection may cross pages. Words
    without text at either end (a running page number) are left out. A selection from the
    body into a footnote stops at the end of the first word's part of its page (footnotes
    are read after the whole body).

    The quote is the exact text with :data:`CONTEXT_CHARS` characters either side; the
    geometry is one rectangle per line (the union of the selected words' boxes on it).
    """
    if last < first:
        first, last = last, first
    g0, g1 = doc.nearest_index(first, forward=True), doc.nearest_index(last, forward=False)
    if g0 >= 0 and g1 >= 0 and doc.is_note(g0) != doc.is_note(g1):
        # from the body into a footnote (read after the whole body): up to the end of the part
        # of the first word's page that it is in
        g1 = doc.same_flow_range(g0).stop - 1
    if g0 < 0 or g1 < g0:
        raise ValueError("the selection has no text (only page numbers or empty words)")
    return text_anchor_words(doc, doc_hash, g0, g1)


def _gap(a: Rect, b: Rect) -> float:
    """Squared distance between two rectangles (0 when they touch or overlap)."""
    dx = max(a[0] - b[2], b[0] - a[2], 0.0)
    dy = max(a[1] - b[3], b[1] - a[3], 0.0)
    return dx * dx + dy * dy


def _centre_gap(a: Rect, b: Rect) -> float:
    return ((a[0] + a[2]) - (b[0] + b[2])) ** 2 + ((a[1] + a[3]) - (b[1] + b[3])) ** 2


def nearest_word(doc: DocText, page: int, rect: Rect) -> int:
    """The global number of the word of ``page`` nearest to ``rect``, or -1 if none."""
    best, best_key = -1, (0.0, 0.0)
    for g in (*doc.page_words(page), *doc.page_notes(page)):
        box = doc.box(g)
        key = (_gap(rect, box), _centre_gap(rect, box))
        if best < 0 or key < best_key:
            best, best_key = g, key
    return best


def _grow(doc: DocText, g: int, on_page: range) -> tuple[int, int]:
    """Words around ``g`` adding up to NEAR_TEXT_CHARS, from its own page first."""
    g0 = g1 = g
    for lo, hi in ((on_page.start, on_page.stop), (0, doc.word_count)):
        while doc.word_span(g1)[1] - doc.word_span(g0)[0] < NEAR_TEXT_CHARS and (g0 > lo or g1 + 1 < hi):
            if g0 > lo:
                g0 -= 1
            if g1 + 1 < hi:
                g1 += 1
    return g0, g1


def geometry_anchor(doc: DocText, doc_hash: str, page: int, rects: Sequence[Rect]) -> Anchor:
    """The anchor of ink, a sticky note or a text box: its page, its geometry (``rects``:
    e.g. the strokes' bounding box, or the note icon) and the nearest text as context.

    The context is the word nearest to the geometry's bounding box with words on either
    side, at least :data:`NEAR_TEXT_CHARS` characters, on the same page where possible.
    On a page without text the context is ``None`` (the anchor then only survives an
    unchanged document).
    """
    if not rects:
        raise ValueError("geometry needs at least one rectangle")
    if not 0 <= page < doc.page_count:
        raise IndexError(f"no page {page}")
    bbox = (
        min(r[0] for r in rects),
        min(r[1] for r in rects),
        max(r[2] for r in rects),
        max(r[3] for r in rects),
    )
    page_rects = tuple(PageRect(page, *r) for r in rects)
    g = nearest_word(doc, page, bbox)
    if g < 0:
        return Anchor(doc_hash=doc_hash, page=page, rects=page_rects, text_length=len(doc))
    g0, g1 = _grow(doc, g, doc.same_flow_range(g))
    start, _ = doc.word_span(g0)
    _, end = doc.word_span(g1)
    x, y = doc.box(g)[:2]
    context = Context(quote_at(doc, start, end), doc.word_span(g)[0] - start, x, y)
    before, after = surroundings(doc, start, end)
    return Anchor(
        doc_hash=doc_hash,
        page=page,
        rects=page_rects,
        position=start,
        text_length=len(doc),
        context=context,
        before=before,
        after=after,
    )
