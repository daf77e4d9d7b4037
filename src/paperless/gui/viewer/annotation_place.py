"""Placing by hand an annotation that could not be carried over to a revised document.

The member picks an annotation from the "not placed" list (its quote shown) and chooses
Place: a text markup arms its tool (highlight, underline or strike-out) so that the next text
marked with it *moves* that annotation there instead of making a new one; ink, a sticky note
or a text box goes onto the page on screen, at the place it had on its old page. Either way
it is one controller change (one undo step) under the document's hash, and it is no longer
in the "not placed" list. Dropping one is an ordinary delete (undoable).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from paperless.core.anchoring import Anchor, DocText
from paperless.core.notes import Annotation
from paperless.core.notes.carry import CARRIED, TRIED
from paperless.gui.annotations import geometry as geo
from paperless.gui.annotations.tools import MARKUP_TOOLS, TOOL_OF_KIND

if TYPE_CHECKING:
    from paperless.gui.viewer.annotating import Annotating


def _fresh(payload: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in payload.items() if k not in (TRIED, CARRIED)}


def begin_placing(annotating: Annotating, annotation: Annotation, page: int) -> bool:
    """Start placing ``annotation`` in the document on screen (page ``page`` for geometry).

    Returns True when done at once (geometry) or armed (text: the next marking places it).
    """
    controller, doc_hash = annotating.controller, annotating.doc_hash
    if controller is None or doc_hash is None:
        return False
    tool = TOOL_OF_KIND.get(annotation.kind)
    if tool in MARKUP_TOOLS:
        annotating.placing = annotation.uuid
        annotating.toolbar.set_tool(tool)
        annotating.status.emit(annotating.tr("Mark the text where it belongs: the note moves there."))
        return True
    box = geo.bbox(annotation, annotation.page) or (72.0, 72.0, 144.0, 96.0)  # where it was

    def make(text: DocText | None) -> None:
        anchor = annotating.anchor(text, doc_hash, page, box)
        controller.update(annotation.uuid, doc_hash=doc_hash, page=page,
                          payload={**_fresh(annotation.payload), "anchor": anchor.to_dict()})

    annotating.texts.with_text(make)
    return True


def place_markup(annotating: Annotating, uuid: str, doc_hash: str, anchor: Anchor, quote: str) -> bool:
    """Move the armed annotation onto the text just marked; False if it is gone meanwhile."""
    controller = annotating.controller
    old = controller.find(uuid) if controller is not None else None
    if controller is None or old is None:
        return False
    controller.update(uuid, doc_hash=doc_hash, page=anchor.page,
                      payload={**_fresh(old.payload), "anchor": anchor.to_dict(), "quote": quote})
    return True
