"""ShownAnnotations: what the page shows of the member's annotations, for the document on screen.

It owns the view of the :class:`~paperless.gui.annotations.controller.AnnotationController`'s
mirror for one document (its annotations by page, from the controller's ``changed``), their
cached shapes (:class:`~paperless.gui.annotations.shape_cache.ShapeCache`), the selection, the
annotation being moved (drawn apart, on top, until its move is saved) and the text box being
typed into (its editor shows it). It paints them: under the search hits and the selection
(composed into the page image when it can, see ``CanvasOverlay``), and the moving one and the
selection's frame over them.

Changes go through it to the controller, scoped to this document (``add`` needs no document
hash): every change is ONE controller call, hence one undo step, and nothing shows before it is
saved. It knows nothing of tools, the canvas or editors; they get it as a narrow dependency and
it tells them what changed with signals.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRectF, Signal
from PySide6.QtGui import QImage, QPainter

from paperless.core.anchoring import Anchor
from paperless.core.notes import Annotation, AnnotationKind, Content
from paperless.core.notes.editing import Step
from paperless.gui.annotations import geometry as geo
from paperless.gui.annotations.controller import AnnotationController
from paperless.gui.annotations.shape_cache import ShapeCache
from paperless.gui.annotations.shapes import PageShapes
from paperless.gui.viewer import annotation_paint as paint
from paperless.gui.viewer.painting import PageImage

Done = Callable[[Annotation], None]


class ShownAnnotations(QObject):
    changed = Signal()  # the document's annotations changed (or another document, or controller)
    shown_changed = Signal()  # only what is drawn over them: the selection, a move, an editor
    selection_changed = Signal(str)  # the selected annotation's uuid, "" for none
    history_changed = Signal()  # the controller's undo/redo changed
    failed = Signal(object)  # a save failed (its message is the main window's)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.shapes = ShapeCache()
        self.selected: str | None = None
        self.preview: Annotation | None = None  # an annotation being moved or resized, drawn apart
        self._controller: AnnotationController | None = None
        self._doc_hash: str | None = None
        self._by_page: dict[int, list[Annotation]] | None = None
        self._editing: str | None = None  # the text box whose editor shows it

    # ---- the source ---------------------------------------------------------------------------

    def set_controller(self, controller: AnnotationController | None) -> None:
        old = self._controller
        if old is controller:
            return
        if old is not None:
            for signal, slot in self._links(old):
                signal.disconnect(slot)
        self._controller = controller
        if controller is not None:
            for signal, slot in self._links(controller):
                signal.connect(slot)
        self._reload()

    def _links(self, c: AnnotationController) -> list[tuple[Any, Any]]:
        return [(c.changed, self._changed), (c.history_changed, self.history_changed), (c.ready, self._reload),
                (c.failed, self._failed)]

    def set_document(self, doc_hash: str | None) -> None:
        """Another document (or none): nothing selected, moving or edited."""
        self._doc_hash = doc_hash
        self.preview, self._editing = None, None
        self.select(None)
        self._reload()

    @property
    def controller(self) -> AnnotationController | None:
        return self._controller

    @property
    def doc_hash(self) -> str | None:
        return self._doc_hash

    @property
    def active(self) -> bool:
        """A document whose annotations can be shown and changed (its notes are open)."""
        c = self._controller
        return c is not None and c.active and self._doc_hash is not None

    def _reload(self) -> None:
        self._by_page = None
        self.shapes.clear()
        self.history_changed.emit()
        self.changed.emit()

    def _changed(self, doc_hash: str) -> None:
        if doc_hash != self._doc_hash:
            return
        self._by_page = None
        self.shapes.forget(a.uuid for a in self.annotations())
        if self.selected is not None and self.find(self.selected) is None:
            self.select(None)
        self.changed.emit()

    def _failed(self, error: object) -> None:
        self.end_preview()
        self.failed.emit(error)

    # ---- reading ------------------------------------------------------------------------------

    def annotations(self) -> list[Annotation]:
        if self._controller is None or self._doc_hash is None:
            return []
        return self._controller.annotations(self._doc_hash)

    def on_page(self, page: int) -> list[Annotation]:
        if self._by_page is None:
            by_page: dict[int, list[Annotation]] = {}
            for a in self.annotations():
                for p in geo.pages_of(a):
                    by_page.setdefault(p, []).append(a)
            self._by_page = by_page
        return self._by_page.get(page, [])

    def find(self, uuid: str | None) -> Annotation | None:
        """One of this document's annotations."""
        if uuid is None or self._controller is None:
            return None
        found = self._controller.find(uuid)
        return found if found is not None and found.doc_hash == self._doc_hash else None

    def find_anywhere(self, uuid: str) -> Annotation | None:
        """An annotation of any document loaded in the session (one being placed here)."""
        return self._controller.find(uuid) if self._controller is not None else None

    def locate(self, annotation: Annotation) -> tuple[int, geo.Box] | None:
        """The first page an annotation is on and its box there (points)."""
        page = geo.pages_of(annotation)[0]
        box = geo.bbox(annotation, page)
        return None if box is None else (page, box)

    # ---- changes (the controller's, for this document) ----------------------------------------

    def add(self, page: int, kind: AnnotationKind, color: str | None, content: Content,
            on_done: Done | None = None, *, doc_hash: str | None = None) -> None:
        """Save a new annotation on this document (``doc_hash``: the one it was made on, if the
        view may have moved on since)."""
        target = doc_hash or self._doc_hash
        if self._controller is not None and target is not None:
            self._controller.add(target, page, kind, color, content, on_done=on_done)

    def update(self, uuid: str, on_done: Done | None = None, **changes: Any) -> None:
        if self._controller is not None:
            self._controller.update(uuid, on_done=on_done, **changes)

    def delete(self, uuid: str) -> None:
        if self._controller is not None and self.find(uuid) is not None:
            self._controller.delete(uuid)

    def complete_anchor(self, uuid: str, made: str, anchor: Anchor) -> None:
        if self._controller is not None:
            self._controller.complete_anchor(uuid, made, anchor)

    def undo(self) -> None:
        if self._controller is not None:
            self._controller.undo()

    def redo(self) -> None:
        if self._controller is not None:
            self._controller.redo()

    @property
    def undo_step(self) -> Step | None:
        """What Undo would take back (None: nothing)."""
        return self._controller.undo_step if self._controller is not None else None

    @property
    def redo_step(self) -> Step | None:
        return self._controller.redo_step if self._controller is not None else None

    # ---- selection, a move, an editor -----------------------------------------------------------

    def select(self, uuid: str | None) -> None:
        if uuid == self.selected:
            return
        self.selected = uuid
        self.shown_changed.emit()
        self.selection_changed.emit(uuid or "")

    def set_preview(self, annotation: Annotation) -> None:
        """Draw ``annotation`` (being moved or resized) instead of its saved version."""
        self.preview = annotation
        self.shown_changed.emit()

    def end_preview(self) -> None:
        if self.preview is not None:
            self.preview = None  # the page's pictures are repaired where it shows again
            self.shown_changed.emit()

    def set_editing(self, uuid: str | None) -> None:
        """The text box being typed into (its editor shows it), or None."""
        if uuid != self._editing:
            self._editing = uuid
            self.shown_changed.emit()

    @property
    def hidden(self) -> set[str]:
        """What the page does not draw: the annotation being moved and the text box being typed into."""
        return {u for u in (self.preview.uuid if self.preview is not None else None, self._editing) if u}

    # ---- painting --------------------------------------------------------------------------------

    def page_shapes(self, page: int) -> PageShapes | None:
        anns = self.on_page(page)
        if not anns:
            return None
        hidden = self.hidden
        if hidden:
            anns = [a for a in anns if a.uuid not in hidden]
        return self.shapes.page(page, anns)

    def composed(self, page: int, image: PageImage, night: bool) -> QImage | None:
        shapes = self.page_shapes(page)
        if shapes is None:
            return None
        return self.shapes.composed(page, shapes, image, image.qimage, image.scale * image.qimage.devicePixelRatio(),
                                    night)

    def paint_under(self, painter: QPainter, page: int, target: QRectF, scale: float, night: bool,
                    dpr: float) -> None:
        shapes = self.page_shapes(page)
        if shapes is not None:
            self.shapes.paint(painter, page, shapes, target, scale, night, dpr)

    def paint_over(self, painter: QPainter, page: int, target: QRectF, scale: float, night: bool) -> None:
        """The annotation being moved, and the selection's frame (with handles when it resizes)."""
        if self.preview is not None:
            paint.paint_annotation(painter, target, scale, self.preview, page, night)
        shown = self.preview if self.preview is not None else self.find(self.selected)
        if shown is not None:
            box = geo.bbox(shown, page)
            if box is not None:
                paint.paint_selection(painter, target, scale, box, shown.kind in geo.RESIZABLE_KINDS)
