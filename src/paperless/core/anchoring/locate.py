"""Finding a quote in a revised text: the three searches of :mod:`.match` and :mod:`.fuzzy`
and the competition between their candidates (see :mod:`.match`)."""

from __future__ import annotations

from paperless.core.anchoring.fuzzy import fuzzy_candidates
from paperless.core.anchoring.match import SURE, Hint, Match, best_of, full_context, partial_context
from paperless.core.anchoring.model import TextQuote
from paperless.core.anchoring.neighbourhood import Neighbourhood


def locate(text: str, quote: TextQuote, hint: Hint, near: Neighbourhood | None = None) -> Match | None:
    """The quote's place in ``text``, or None (not found with confidence).

    ``near`` holds the anchor's wider surroundings; by default the quote's own 32-character
    prefix and suffix stand in for them.
    """
    if not quote.exact:
        return None
    near = near or Neighbourhood(quote.prefix, quote.suffix)
    full = full_context(text, quote, hint, near)
    if full and full[0].wide >= min(SURE, near.width):
        return Match(full[0].start, full[0].end, True, 1.0)
    candidates = full + partial_context(text, quote, hint, near) + fuzzy_candidates(text, quote, hint, near)
    best = best_of(candidates, len(quote.exact), hint.expected, lambda c: near.accepts(text, c.start, c.end))
    if best is None or not best.acceptable:
        return None
    return Match(best.start, best.end, best.exact, best.confidence)
