"""Anchoring annotations to a document's text, and carrying them over to a revised version.

Qt-free and PyMuPDF-free: works on the plain word lists the render worker extracts
(``PdfDocument.words(page)`` for every page), so it can run on any thread.

Typical use::

    doc = DocText([words_of_page_0, words_of_page_1, ...])       # once per document version
    anchor = text_anchor(doc, doc_hash, (page, first), (page, last))   # from a selection
    anchor = geometry_anchor(doc, doc_hash, page, [ink_bbox])        # ink, notes, text boxes
    ...                                                             # stored: anchor.to_dict()
    new_doc = DocText(words_of_the_new_version)
    for placement in reanchor_all(anchors, new_doc, new_hash):
        placement.status   # placed_exact | placed_fuzzy | orphaned (shown as "could not be placed")

See docs/anchoring.md for the model and the algorithm.
"""

from paperless.core.anchoring.create import (
    CONTEXT_CHARS,
    geometry_anchor,
    nearest_word,
    quote_at,
    text_anchor,
    text_anchor_words,
)
from paperless.core.anchoring.locate import locate
from paperless.core.anchoring.match import Hint, Match
from paperless.core.anchoring.model import Anchor, Context, PageRect, TextQuote
from paperless.core.anchoring.reanchor import Placement, Status, reanchor, reanchor_all, rough_hint
from paperless.core.anchoring.text import DocText, WordRef, normalise

__all__ = [
    "CONTEXT_CHARS",
    "Anchor",
    "Context",
    "DocText",
    "Hint",
    "Match",
    "PageRect",
    "Placement",
    "Status",
    "TextQuote",
    "WordRef",
    "geometry_anchor",
    "locate",
    "nearest_word",
    "normalise",
    "quote_at",
    "reanchor",
    "reanchor_all",
    "rough_hint",
    "text_anchor",
    "text_anchor_words",
]
