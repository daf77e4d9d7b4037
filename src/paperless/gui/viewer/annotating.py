"""Annotating: the member's annotations on the document view — painting, the tools, editing.

One per :class:`~paperless.gui.viewer.document_view.DocumentView`. It paints each page's
annotations from the :class:`~paperless.gui.annotations.controller.AnnotationController`'s
mirror (cached shapes, see ``gui.annotations.shapes``), above the page image and below the
search hits, the selection and the watermark; it turns the tools of the
:class:`~paperless.gui.annotations.toolbar.AnnotationToolBar` into annotations (the mouse
work is :class:`~paperless.gui.viewer.annotation_input.AnnotationInput`'s), and every change
into ONE controller call, hence one undo step. Nothing is shown before it is saved.

Pen strokes become ink annotations in :class:`~paperless.gui.viewer.annotation_ink.InkStrokes`
(strokes in quick succession make one annotation).
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QObject, QRectF, Signal
from PySide6.QtGui import QImage, QPainter

from paperless.core.anchoring import Anchor, DocText, PageRect, geometry_anchor, text_anchor
from paperless.core.notes import Annotation, AnnotationKind
from paperless.core.render import DocId
from paperless.gui.annotations import geometry as geo
from paperless.gui.annotations.controller import AnnotationController
from paperless.gui.annotations.shape_cache import ShapeCache
from paperless.gui.annotations.shapes import PageShapes
from paperless.gui.annotations.toolbar import AnnotationToolBar
from paperless.gui.annotations.tools import MARKUP_TOOLS, TOOL_OF_KIND, Tool, color_for
from paperless.gui.viewer import annotation_paint as paint
from paperless.gui.viewer.annotation_edit import AnnotationEditing
from paperless.gui.viewer.annotation_ink import InkStrokes
from paperless.gui.viewer.annotation_input import AnnotationInput
from paperless.gui.viewer.annotation_place import place_markup
from paperless.gui.viewer.canvas import PageCanvas
from paperless.gui.viewer.doc_text import DocTextLoader
from paperless.gui.viewer.painting import PageImage
from paperless.gui.viewer.requests import PageRequests
from paperless.gui.viewer.selection import selected_text


class Annotating(QObject):
    selection_changed = Signal(str)  # the selected annotation's uuid, "" for none
    status = Signal(str)
    marks_changed = Signal()  # the document's annotations changed (thumbnails follow)

    def __init__(self, canvas: PageCanvas, requests: PageRequests, toolbar: AnnotationToolBar,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.canvas = canvas
        self.toolbar = toolbar
        self.controller: AnnotationController | None = None
        self.doc: DocId | None = None
        self.doc_hash: str | None = None
        self.shapes = ShapeCache()
        self.texts = DocTextLoader(requests, self)
        self.selected: str | None = None
        self.hidden: set[str] = set()  # drawn by the overlay (moving) or an editor instead
        self.preview: Annotation | None = None  # an annotation being moved or resized
        self.placing: str | None = None  # a "not placed" markup the next marking moves (annotation_place)
        self._by_page: dict[int, list[Annotation]] | None = None
        self.ink = InkStrokes(self)
        self.input = AnnotationInput(self)
        self.editing = AnnotationEditing(self)
        toolbar.tool_changed.connect(self._tool_changed)
        toolbar.color_chosen.connect(self._color_chosen)
        toolbar.width_chosen.connect(self._width_chosen)
        toolbar.text_size_chosen.connect(self.editing.set_text_size)
        toolbar.undo_action.triggered.connect(self.undo)
        toolbar.redo_action.triggered.connect(self.redo)
        canvas.pointer.selection_finished.connect(self._selection_finished)
        canvas.overlay = self
        self._update_enabled()

    # ---- set-up ------------------------------------------------------------------------------

    def set_controller(self, controller: AnnotationController | None) -> None:
        old = self.controller
        if old is controller:
            return
        self.editing.finish()
        if old is not None:
            for signal, slot in self._links(old):
                signal.disconnect(slot)
        self.controller = controller
        if controller is not None:
            for signal, slot in self._links(controller):
                signal.connect(slot)
        self._reload()

    def _links(self, c: AnnotationController) -> list[tuple[Any, Any]]:
        return [(c.changed, self._changed), (c.history_changed, self._history), (c.ready, self._reload),
                (c.failed, self._failed)]

    def set_document(self, doc: DocId | None, doc_hash: str | None) -> None:
        """A document is being opened (or none): its annotations are those of ``doc_hash``."""
        self.editing.finish()
        self.input.cancel()
        self.doc, self.doc_hash = doc, doc_hash
        self.texts.reset(doc_hash)
        self.ink.end_group()
        self.hidden.clear()
        self.preview, self.placing = None, None
        self.select(None)
        self._reload()

    def document_ready(self) -> None:
        """The document's pages are laid out: the tools can work."""
        self._update_enabled()

    @property
    def enabled(self) -> bool:
        c = self.controller
        return c is not None and c.active and self.doc_hash is not None and self.canvas.pages.page_count > 0

    def tool(self) -> Tool:
        return self.toolbar.tool() if self.enabled else Tool.SELECT

    def _reload(self) -> None:
        self._by_page = None
        self.shapes.clear()
        self._update_enabled()
        self._history()
        self.canvas.viewport().update()
        self.marks_changed.emit()

    def _update_enabled(self) -> None:
        on = self.enabled
        self.toolbar.set_tools_enabled(on)
        self._apply_tool(self.tool())

    # ---- the mirror -----------------------------------------------------------------------------

    def annotations(self) -> list[Annotation]:
        if self.controller is None or self.doc_hash is None:
            return []
        return self.controller.annotations(self.doc_hash)

    def on_page(self, page: int) -> list[Annotation]:
        if self._by_page is None:
            by_page: dict[int, list[Annotation]] = {}
            for a in self.annotations():
                pages = {r[0] for r in geo.anchor_rects(a)} if a.kind in geo.TEXT_KINDS else {a.page}
                for p in pages or {a.page}:
                    by_page.setdefault(p, []).append(a)
            self._by_page = by_page
        return self._by_page.get(page, [])

    def find(self, uuid: str | None) -> Annotation | None:
        if uuid is None or self.controller is None:
            return None
        found = self.controller.find(uuid)
        return found if found is not None and found.doc_hash == self.doc_hash else None

    def locate(self, annotation: Annotation) -> tuple[int, geo.Box] | None:
        """The first page an annotation is on and its box there (points)."""
        rects = geo.anchor_rects(annotation) if annotation.kind in geo.TEXT_KINDS else []
        page = rects[0].page if rects else annotation.page
        box = geo.bbox(annotation, page)
        return None if box is None else (page, box)

    def _changed(self, doc_hash: str) -> None:
        if doc_hash != self.doc_hash:
            return
        self._by_page = None
        self.shapes.forget(a.uuid for a in self.annotations())
        if self.selected is not None and self.find(self.selected) is None:
            self.select(None)
        else:
            self._show_selected()
        self._update_enabled()
        self.canvas.viewport().update()
        self.marks_changed.emit()

    def _history(self) -> None:
        c = self.controller
        self.toolbar.show_history(c is not None and c.can_undo, c is not None and c.can_redo)

    def _failed(self, _error: object) -> None:
        """A save failed (its message is the main window's): show what is saved."""
        self.end_preview()
        self.ink.end_group()

    # ---- painting (called by the canvas) ------------------------------------------------------

    def _page_shapes(self, page: int) -> PageShapes | None:
        if self.controller is None or self.doc_hash is None:
            return None
        anns = self.on_page(page)
        if not anns:
            return None
        if self.hidden:
            anns = [a for a in anns if a.uuid not in self.hidden]
        return self.shapes.page(page, anns)

    def composed(self, page: int, image: PageImage) -> QImage | None:
        shapes = self._page_shapes(page)
        if shapes is None:
            return None
        return self.shapes.composed(page, shapes, image, image.qimage, image.scale * image.qimage.devicePixelRatio(),
                                    self.canvas.night)

    def paint_under(self, painter: QPainter, page: int, target: QRectF, composed: bool = False) -> None:
        shapes = None if composed else self._page_shapes(page)  # composed: on the page image already
        if shapes is not None:
            self.shapes.paint(painter, page, shapes, target, self.canvas.pages.scale, self.canvas.night,
                              self.canvas.viewport().devicePixelRatioF())

    def paint_over(self, painter: QPainter, page: int, target: QRectF) -> None:
        if self.controller is None or self.doc_hash is None:
            return
        scale, night = self.canvas.pages.scale, self.canvas.night
        if self.preview is not None:
            paint.paint_annotation(painter, target, scale, self.preview, page, night)
        self.editing.paint(painter, page, target, scale, night)
        self.input.paint(painter, page, target, scale, night)
        shown = self.preview if self.preview is not None else self.find(self.selected)
        if shown is not None:
            box = geo.bbox(shown, page)
            if box is not None:
                paint.paint_selection(painter, target, scale, box, shown.kind in geo.RESIZABLE_KINDS)

    # ---- selection ------------------------------------------------------------------------------

    def select(self, uuid: str | None) -> None:
        if uuid == self.selected:
            return
        self.selected = uuid
        self._show_selected()
        self.canvas.viewport().update()
        self.selection_changed.emit(uuid or "")

    def _show_selected(self) -> None:
        a = self.find(self.selected)
        if a is None:
            self.toolbar.show_selected(None)
        else:
            width = geo.width_of(a.payload) if a.kind is AnnotationKind.INK else None
            size = geo.font_size_of(a.payload) if a.kind is AnnotationKind.TEXTBOX else None
            self.toolbar.show_selected(a.kind, a.color, width, size)

    def end_preview(self) -> None:
        if self.preview is not None or self.hidden:
            self.preview = None
            self.hidden = self.editing.hidden()  # the page's pictures are repaired where it shows again
            self.canvas.viewport().update()

    def set_preview(self, annotation: Annotation) -> None:
        self.hidden.add(annotation.uuid)  # the overlay draws it while it moves
        self.preview = annotation
        self.canvas.viewport().update()

    # ---- tools ----------------------------------------------------------------------------------

    def _placing_kind(self) -> AnnotationKind | None:
        found = self.controller.find(self.placing) if self.controller and self.placing else None
        return found.kind if found is not None else None

    def _tool_changed(self, value: str) -> None:
        tool = Tool(value)
        self.editing.finish()
        self.input.cancel()
        kind = self._placing_kind()
        if self.placing is not None and (kind is None or TOOL_OF_KIND.get(kind) is not tool):
            self.placing = None  # another tool: placing is given up
        if tool is not Tool.SELECT:
            self.select(None)
        if tool in MARKUP_TOOLS and self.canvas.selection and self.enabled:
            self._markup_from_selection(tool)
            self.toolbar.set_tool(Tool.SELECT)  # marking up a selection does not change the tool
            return
        self._apply_tool(tool)

    def _apply_tool(self, tool: Tool) -> None:
        pointer = self.canvas.pointer
        pointer.flow = pointer.forced = tool in MARKUP_TOOLS
        if tool not in (Tool.SELECT, *MARKUP_TOOLS) and self.canvas.selection:
            self.canvas.clear_selection()
        if tool is not Tool.SELECT and self.enabled:
            self.texts.prefetch()
        self.input.update_cursor()

    def color(self, kind: AnnotationKind) -> str:
        return color_for(kind, self.toolbar.preset(TOOL_OF_KIND[kind]))

    def _color_chosen(self, preset: str) -> None:
        a = self.find(self.selected)
        if a is not None and self.controller is not None and self.toolbar.tool() is Tool.SELECT:
            color = color_for(a.kind, preset)
            if color != a.color:
                self.controller.update(a.uuid, color=color)
            self.toolbar.set_preset(preset, TOOL_OF_KIND[a.kind])

    def _width_chosen(self, width: float) -> None:
        a = self.find(self.selected)
        if a is not None and a.kind is AnnotationKind.INK and self.controller is not None:
            self.controller.update(a.uuid, payload={**a.payload, "width": width})

    def undo(self) -> None:
        self.editing.finish()
        self.ink.end_group()
        if self.controller is not None:
            self.controller.undo()

    def redo(self) -> None:
        self.editing.finish()
        self.ink.end_group()
        if self.controller is not None:
            self.controller.redo()

    def delete(self, uuid: str) -> None:
        if self.controller is not None and self.find(uuid) is not None:
            self.controller.delete(uuid)

    # ---- making annotations ------------------------------------------------------------------

    def _selection_finished(self) -> None:
        tool = self.tool()
        if tool in MARKUP_TOOLS:
            self._markup_from_selection(tool)

    def _markup_from_selection(self, tool: Tool) -> None:
        """Mark up the selected text: a drag with a markup tool (reading order) or a rubber-band
        selection, taken from its first word to its last in reading order (the quote is the text
        of exactly that range, which is what the anchor covers)."""
        canvas = self.canvas
        words = canvas.selection
        refs = canvas.pointer.flow_range
        if refs is None and words:
            first_page, last_page = min(words), max(words)
            firsts = [canvas.words[first_page].index(w) for w in words[first_page]]
            lasts = [canvas.words[last_page].index(w) for w in words[last_page]]
            refs = ((first_page, min(firsts)), (last_page, max(lasts)))
        if refs is None:
            return
        (p0, i0), (p1, i1) = refs
        if all(p in canvas.words for p in range(p0, p1 + 1)):
            words = {p: list(canvas.words[p][i0 if p == p0 else 0: i1 + 1 if p == p1 else None])
                     for p in range(p0, p1 + 1)}
        kind = {Tool.HIGHLIGHT: AnnotationKind.HIGHLIGHT, Tool.UNDERLINE: AnnotationKind.UNDERLINE,
                Tool.STRIKEOUT: AnnotationKind.STRIKEOUT}[tool]
        canvas.clear_selection()
        self.create_markup(kind, refs[0], refs[1], selected_text(words))

    def create_markup(self, kind: AnnotationKind, first: tuple[int, int], last: tuple[int, int], quote: str) -> None:
        controller, doc_hash, color = self.controller, self.doc_hash, self.color(kind)
        if controller is None or doc_hash is None:
            return

        def make(text: DocText | None) -> None:
            if text is None or doc_hash != self.doc_hash:
                self.status.emit(self.tr("The text of this page could not be read: nothing was marked."))
                return
            try:
                anchor = text_anchor(text, doc_hash, first, last)
            except (ValueError, IndexError):
                return  # words without text at both ends: nothing to mark
            placing, self.placing = self.placing, None
            if placing is None or not place_markup(self, placing, doc_hash, anchor, quote):
                controller.add(doc_hash, anchor.page, kind, color, {"anchor": anchor.to_dict(), "quote": quote})

        self.texts.with_text(make)

    def create(self, kind: AnnotationKind, page: int, box: geo.Box, payload: dict[str, Any],
               color: str | None = None) -> None:
        """Add ink, a note or a text box on ``page``; ``box``: its geometry for the anchor."""
        controller, doc_hash = self.controller, self.doc_hash
        if controller is None or doc_hash is None:
            return
        color = color or self.color(kind)

        def complete(made: Annotation, text: DocText | None) -> None:
            if text is not None and self.doc_hash == doc_hash:
                controller.complete_anchor(made.uuid, made.hlc, self.anchor(text, doc_hash, page, box).to_dict())

        # Saved now, whether or not the document's text has loaded: a note typed while the text
        # still loads must not wait (closing the session would drop it). Without the text its
        # anchor is geometry only at first, completed with the nearest text once that has loaded.
        text = self.texts.text
        anchor = self.anchor(text, doc_hash, page, box)
        later = None if text is not None else (lambda made: self.texts.with_text(lambda t: complete(made, t)))
        controller.add(doc_hash, page, kind, color, {"anchor": anchor.to_dict(), **payload}, on_done=later)
        self.texts.prefetch()

    def anchor(self, text: DocText | None, doc_hash: str, page: int, box: geo.Box) -> Anchor:
        """The anchor of geometry ``box`` on ``page``: with the nearest text as context when the
        document's text is known (else geometry only: it then only survives an unchanged file)."""
        if text is not None and doc_hash == self.doc_hash and page < text.page_count:
            return geometry_anchor(text, doc_hash, page, [box])
        return Anchor(doc_hash=doc_hash, page=page, rects=(PageRect(page, *box),))  # geometry only
