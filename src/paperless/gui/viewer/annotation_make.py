"""AnnotationMaking: new annotations with their anchors, and placing by hand the ones that could
not be carried over to a revised document.

Anchors need the document's whole text (:class:`~.doc_text.DocTextLoader`, loaded once through
the render worker). A text markup waits for it (its anchor *is* the text). Ink, a sticky note
or a text box is saved at once whether or not the text has loaded — a note typed while it still
loads must not wait (closing the session would drop it): its anchor is then geometry only at
first, completed with the nearest text once that has loaded (``complete_anchor``, no undo step).

Placing (the notes panel's "not placed" list): a text markup arms its tool, so that the next
text marked with it *moves* that annotation there instead of making a new one; ink, a sticky
note or a text box goes onto the page on screen, at the place it had on its old page. Either
way it is one change (one undo step) under the document's hash, and it leaves the list.

It owns the document's text loader and the annotation being placed; it saves through
:class:`Marks` and says with signals what the member should see (``status``) and which tool to
arm (``arm``).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import replace
from typing import Any, Protocol

from PySide6.QtCore import QCoreApplication, QObject, Signal

from paperless.core.anchoring import Anchor, DocText, PageRect, geometry_anchor, text_anchor
from paperless.core.notes import Annotation, AnnotationKind, Content, TextMarkup
from paperless.core.render import Word
from paperless.gui.annotations import geometry as geo
from paperless.gui.annotations.tools import MARKUP_TOOLS, TOOL_OF_KIND, Tool
from paperless.gui.viewer.doc_text import DocTextLoader
from paperless.gui.viewer.requests import PageRequests
from paperless.gui.viewer.selection import selected_text

WordRef = tuple[int, int]  # (page, index in the page's words)


class Marks(Protocol):
    """What making needs of the document's annotations (:class:`~.annotation_view.ShownAnnotations`)."""

    @property
    def doc_hash(self) -> str | None: ...

    def find_anywhere(self, uuid: str) -> Annotation | None: ...
    def add(self, page: int, kind: AnnotationKind, color: str | None, content: Content,
            on_done: Callable[[Annotation], None] | None = None, *, doc_hash: str | None = None) -> None: ...
    def update(self, uuid: str, on_done: Callable[[Annotation], None] | None = None, **changes: Any) -> None: ...
    def complete_anchor(self, uuid: str, made: str, anchor: Anchor) -> None: ...


def selected_range(selection: Mapping[int, Sequence[Word]], words: Mapping[int, Sequence[Word]],
                   flow: tuple[WordRef, WordRef] | None) -> tuple[WordRef, WordRef, str] | None:
    """The text to mark up: a drag in reading order (``flow``) or a rubber-band selection, taken
    from its first word to its last in reading order — its first and last word and the text of
    exactly that range (what the anchor covers). None: nothing selected."""
    refs = flow
    if refs is None and selection:
        first_page, last_page = min(selection), max(selection)
        firsts = [list(words[first_page]).index(w) for w in selection[first_page]]
        lasts = [list(words[last_page]).index(w) for w in selection[last_page]]
        refs = ((first_page, min(firsts)), (last_page, max(lasts)))
    if refs is None:
        return None
    (p0, i0), (p1, i1) = refs
    chosen: Mapping[int, Sequence[Word]] = selection
    if all(p in words for p in range(p0, p1 + 1)):
        chosen = {p: list(words[p][i0 if p == p0 else 0: i1 + 1 if p == p1 else None]) for p in range(p0, p1 + 1)}
    return refs[0], refs[1], selected_text({p: list(w) for p, w in chosen.items()})


class AnnotationMaking(QObject):
    status = Signal(str)  # something the member should read (in the status bar)
    arm = Signal(str)  # a markup tool (Tool value) to choose: the next marking places the annotation

    def __init__(self, marks: Marks, requests: PageRequests, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._marks = marks
        self.texts = DocTextLoader(requests, self)
        self.placing: str | None = None  # a "not placed" markup the next marking moves

    def set_document(self, doc_hash: str | None) -> None:
        self.texts.reset(doc_hash)
        self.placing = None

    def keep_placing_for(self, tool: Tool) -> None:
        """Another tool than the one placing was armed with: placing is given up."""
        found = self._marks.find_anywhere(self.placing) if self.placing else None
        if self.placing is not None and (found is None or TOOL_OF_KIND.get(found.kind) is not tool):
            self.placing = None

    # ---- anchors -------------------------------------------------------------------------------

    @property
    def text(self) -> DocText | None:
        return self.texts.text

    def with_text(self, callback: Callable[[DocText | None], None]) -> None:
        self.texts.with_text(callback)

    def anchor(self, text: DocText | None, doc_hash: str, page: int, box: geo.Box) -> Anchor:
        """The anchor of geometry ``box`` on ``page``: with the nearest text as context when the
        document's text is known (else geometry only: it then only survives an unchanged file)."""
        if text is not None and doc_hash == self._marks.doc_hash and page < text.page_count:
            return geometry_anchor(text, doc_hash, page, [box])
        return Anchor(doc_hash=doc_hash, page=page, rects=(PageRect(page, *box),))  # geometry only

    # ---- making --------------------------------------------------------------------------------

    def create_markup(self, kind: AnnotationKind, first: WordRef, last: WordRef, quote: str, color: str) -> None:
        """Mark up the text from word ``first`` to word ``last`` (``quote``: its text) — or move
        the markup being placed there."""
        doc_hash = self._marks.doc_hash
        if doc_hash is None:
            return

        def make(text: DocText | None) -> None:
            if text is None or doc_hash != self._marks.doc_hash:
                self.status.emit(QCoreApplication.translate(
                    "Annotating", "The text of this page could not be read: nothing was marked."))
                return
            try:
                anchor = text_anchor(text, doc_hash, first, last)
            except (ValueError, IndexError):
                return  # words without text at both ends: nothing to mark
            placing, self.placing = self.placing, None
            if placing is None or not self._place_markup(placing, doc_hash, anchor, quote):
                self._marks.add(anchor.page, kind, color, TextMarkup(anchor=anchor, quote=quote), doc_hash=doc_hash)

        self.texts.with_text(make)

    def create(self, kind: AnnotationKind, page: int, box: geo.Box, content: Content, color: str) -> None:
        """Add ink, a note or a text box on ``page`` (``content`` without its anchor: ``box`` is
        its geometry for the anchor)."""
        doc_hash = self._marks.doc_hash
        if doc_hash is None:
            return

        def complete(made: Annotation, text: DocText | None) -> None:
            if text is not None and self._marks.doc_hash == doc_hash:
                self._marks.complete_anchor(made.uuid, made.hlc, self.anchor(text, doc_hash, page, box))

        text = self.texts.text
        anchored = replace(content, anchor=self.anchor(text, doc_hash, page, box))
        later = None if text is not None else (lambda made: self.texts.with_text(lambda t: complete(made, t)))
        self._marks.add(page, kind, color, anchored, on_done=later, doc_hash=doc_hash)
        self.texts.prefetch()

    # ---- placing what could not be carried over --------------------------------------------------

    def begin_placing(self, annotation: Annotation, page: int) -> bool:
        """Start placing ``annotation`` in the document on screen (page ``page`` for geometry).
        True when done at once (geometry) or armed (text: the next marking places it)."""
        doc_hash = self._marks.doc_hash
        if doc_hash is None:
            return False
        tool = TOOL_OF_KIND.get(annotation.kind)
        if tool in MARKUP_TOOLS:
            self.placing = annotation.uuid
            self.arm.emit(tool.value if tool is not None else "")
            self.status.emit(QCoreApplication.translate(
                "annotating", "Mark the text where it belongs: the note moves there."))
            return True
        box = geo.bbox(annotation, annotation.page) or (72.0, 72.0, 144.0, 96.0)  # where it was

        def make(text: DocText | None) -> None:
            anchor = self.anchor(text, doc_hash, page, box)
            fresh = replace(annotation.content, anchor=anchor, tried=(), carried=None)
            self._marks.update(annotation.uuid, doc_hash=doc_hash, page=page, content=fresh)

        self.texts.with_text(make)
        return True

    def _place_markup(self, uuid: str, doc_hash: str, anchor: Anchor, quote: str) -> bool:
        """Move the armed annotation onto the text just marked; False if it is gone meanwhile."""
        old = self._marks.find_anywhere(uuid)
        if old is None or not isinstance(old.content, TextMarkup):
            return False
        fresh = replace(old.content, anchor=anchor, quote=quote, tried=(), carried=None)
        self._marks.update(uuid, doc_hash=doc_hash, page=anchor.page, content=fresh)
        return True
