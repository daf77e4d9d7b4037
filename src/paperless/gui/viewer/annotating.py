"""Annotating: the member's annotations on the document view — what each part does, put together.

One per :class:`~paperless.gui.viewer.document_view.DocumentView`, the canvas' overlay. It
makes the parts, each owning its state behind a small interface, and connects them:

* :class:`~.annotation_view.ShownAnnotations` — what the page shows: the controller's mirror for
  the document on screen, the cached shapes, the selection, a move under way; and the
  controller's changes for this document (every change ONE controller call, hence one undo
  step; nothing shows before it is saved);
* :class:`~.annotation_input.ToolInput` — the pointer, pen and keys turned into changes and
  requests (an editor, a new note, a stroke, a menu);
* :class:`~.annotation_edit.AnnotationEditing` — typing into notes, text boxes and comments;
* :class:`~.annotation_ink.InkStrokes` — strokes in quick succession made one ink annotation;
* :class:`~.annotation_make.AnnotationMaking` — anchors from the document's text, new
  markups and geometry, placing what could not be carried over.

None of them knows this class or another part: each gets what it uses (the shown annotations
as a protocol, the canvas as :class:`~.overlay.PageArea`, the tool bar as a tool choice) and
says the rest with signals, which are connected here. Here too: which tool is on (the tool
bar's choices), undo and redo, and painting in the canvas' layers.
"""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import QObject, QPoint, QRectF, Signal
from PySide6.QtGui import QImage, QPainter

from paperless.core.anchoring import Anchor, DocText
from paperless.core.notes import Annotation, AnnotationKind, Content, Ink, TextBox
from paperless.core.render import DocId
from paperless.gui.annotations import geometry as geo
from paperless.gui.annotations.controller import AnnotationController
from paperless.gui.annotations.shape_cache import ShapeCache
from paperless.gui.annotations.toolbar import AnnotationToolBar
from paperless.gui.annotations.tools import KIND_OF_TOOL, MARKUP_TOOLS, TOOL_OF_KIND, Tool, color_for
from paperless.gui.viewer.annotation_edit import AnnotationEditing
from paperless.gui.viewer.annotation_ink import InkStrokes
from paperless.gui.viewer.annotation_input import ToolInput
from paperless.gui.viewer.annotation_make import AnnotationMaking, selected_range
from paperless.gui.viewer.annotation_menu import AnnotationMenu
from paperless.gui.viewer.annotation_view import ShownAnnotations
from paperless.gui.viewer.canvas import PageCanvas
from paperless.gui.viewer.doc_text import DocTextLoader
from paperless.gui.viewer.painting import PageImage
from paperless.gui.viewer.requests import PageRequests


class Annotating(QObject):
    selection_changed = Signal(str)  # the selected annotation's uuid, "" for none
    status = Signal(str)

    def __init__(self, canvas: PageCanvas, requests: PageRequests, toolbar: AnnotationToolBar,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._canvas = canvas
        self._toolbar = toolbar
        self.doc: DocId | None = None
        self.shown = ShownAnnotations(self)
        self.making = AnnotationMaking(self.shown, requests, self)
        self.input = ToolInput(self.shown, canvas, toolbar, self)
        self.editing = AnnotationEditing(self.shown, canvas, self)
        self.ink = InkStrokes(self.shown, self.making, self)
        self._connect()
        canvas.overlay = self
        self._update_enabled()

    def _connect(self) -> None:
        shown, toolbar, canvas = self.shown, self._toolbar, self._canvas
        shown.changed.connect(self._changed)
        shown.shown_changed.connect(canvas.viewport().update)
        shown.selection_changed.connect(self._selected)
        shown.history_changed.connect(lambda: toolbar.show_history(shown.undo_step, shown.redo_step))
        shown.failed.connect(lambda _error: self.ink.end_group())
        self.making.status.connect(self.status)
        self.making.arm.connect(lambda tool: toolbar.set_tool(Tool(tool)))
        self.input.started.connect(self.editing.finish)
        self.input.edit_requested.connect(self.editing.edit)
        self.input.note_requested.connect(
            lambda page, point: self.editing.new_note(page, point, self.color(AnnotationKind.NOTE)))
        self.input.textbox_requested.connect(
            lambda page, box: self.editing.new_textbox(page, box, self.color(AnnotationKind.TEXTBOX),
                                                       toolbar.text_size.points()))
        self.input.stroke_drawn.connect(self.ink.add)
        self.input.erasing.connect(self.ink.end_group)
        self.input.menu_requested.connect(self._menu)
        self.editing.create_requested.connect(self.making.create)
        canvas.viewport_changed.connect(self.editing.place)
        canvas.pointer.selection_finished.connect(self._selection_finished)
        toolbar.tool_changed.connect(self._tool_changed)
        toolbar.color_chosen.connect(self._color_chosen)
        toolbar.width_chosen.connect(self._width_chosen)
        toolbar.text_size_chosen.connect(self.editing.set_text_size)
        toolbar.undo_action.triggered.connect(self.undo)
        toolbar.redo_action.triggered.connect(self.redo)

    # ---- set-up ------------------------------------------------------------------------------

    def set_controller(self, controller: AnnotationController | None) -> None:
        if controller is not self.shown.controller:
            self.editing.finish()
        self.shown.set_controller(controller)

    def set_document(self, doc: DocId | None, doc_hash: str | None) -> None:
        """A document is being opened (or none): its annotations are those of ``doc_hash``."""
        self.editing.finish()
        self.input.cancel()
        self.ink.end_group()
        self.doc = doc
        self.making.set_document(doc_hash)
        self.shown.set_document(doc_hash)

    def document_ready(self) -> None:
        """The document's pages are laid out: the tools can work."""
        self._update_enabled()

    def pages_moved(self) -> None:
        """The pages were laid out again (zoom): an open note or text box follows them."""
        self.editing.place()

    @property
    def doc_hash(self) -> str | None:
        return self.shown.doc_hash

    @property
    def enabled(self) -> bool:
        return self.shown.active and self._canvas.pages.page_count > 0

    def tool(self) -> Tool:
        return self.input.tool()

    def _update_enabled(self) -> None:
        self._toolbar.set_tools_enabled(self.enabled)
        self._apply_tool(self.tool())

    def _changed(self) -> None:
        self._show_selected()
        self._update_enabled()
        self._canvas.viewport().update()

    def _selected(self, uuid: str) -> None:
        self._show_selected()
        self.selection_changed.emit(uuid)

    def _show_selected(self) -> None:
        a = self.shown.find(self.shown.selected)
        if a is None:
            self._toolbar.show_selected(None)
            return
        width = a.content.width if isinstance(a.content, Ink) else None
        size = a.content.font_size if isinstance(a.content, TextBox) else None
        self._toolbar.show_selected(a.kind, a.color, width, size)

    # ---- what the page shows (for the view, the print-out and the thumbnails) -------------------

    @property
    def shapes(self) -> ShapeCache:
        return self.shown.shapes

    @property
    def texts(self) -> DocTextLoader:
        return self.making.texts

    @property
    def selected(self) -> str | None:
        return self.shown.selected

    @property
    def preview(self) -> Annotation | None:
        return self.shown.preview

    @property
    def hidden(self) -> set[str]:
        return self.shown.hidden

    def on_page(self, page: int) -> list[Annotation]:
        return self.shown.on_page(page)

    def find(self, uuid: str | None) -> Annotation | None:
        return self.shown.find(uuid)

    def locate(self, annotation: Annotation) -> tuple[int, geo.Box] | None:
        return self.shown.locate(annotation)

    def select(self, uuid: str | None) -> None:
        self.shown.select(uuid)

    # ---- painting (the canvas' overlay) ---------------------------------------------------------

    def composed(self, page: int, image: PageImage) -> QImage | None:
        return self.shown.composed(page, image, self._canvas.night)

    def paint_under(self, painter: QPainter, page: int, target: QRectF, composed: bool = False) -> None:
        if not composed:  # composed: on the page image already
            canvas = self._canvas
            self.shown.paint_under(painter, page, target, canvas.pages.scale, canvas.night,
                                   canvas.viewport().devicePixelRatioF())

    def paint_over(self, painter: QPainter, page: int, target: QRectF) -> None:
        if not self.shown.active:
            return
        scale, night = self._canvas.pages.scale, self._canvas.night
        self.shown.paint_over(painter, page, target, scale, night)
        self.editing.paint(painter, page, target, scale, night)
        self.input.paint(painter, page, target, scale, night)

    # ---- the tools ------------------------------------------------------------------------------

    def color(self, kind: AnnotationKind) -> str:
        """The colour the tools give a new annotation of ``kind`` (the tool's preset)."""
        return self.input.color(kind)

    def _tool_changed(self, value: str) -> None:
        tool = Tool(value)
        self.editing.finish()
        self.input.cancel()
        self.making.keep_placing_for(tool)
        if tool is not Tool.SELECT:
            self.shown.select(None)
        if tool in MARKUP_TOOLS and self._canvas.selection and self.enabled:
            self._markup_from_selection(tool)
            self._toolbar.set_tool(Tool.SELECT)  # marking up a selection does not change the tool
            return
        self._apply_tool(tool)

    def _apply_tool(self, tool: Tool) -> None:
        canvas = self._canvas
        canvas.pointer.flow = canvas.pointer.forced = tool in MARKUP_TOOLS
        if tool not in (Tool.SELECT, *MARKUP_TOOLS) and canvas.selection:
            canvas.clear_selection()
        if tool is not Tool.SELECT and self.enabled:
            self.making.texts.prefetch()
        self.input.update_cursor()

    def _color_chosen(self, preset: str) -> None:
        a = self.shown.find(self.shown.selected)
        if a is not None and self._toolbar.tool() is Tool.SELECT:
            color = color_for(a.kind, preset)
            if color != a.color:
                self.shown.update(a.uuid, color=color)
            self._toolbar.set_preset(preset, TOOL_OF_KIND[a.kind])

    def _width_chosen(self, width: float) -> None:
        a = self.shown.find(self.shown.selected)
        if a is not None and isinstance(a.content, Ink) and a.content.width != width:
            self.shown.update(a.uuid, content=replace(a.content, width=width))

    def _menu(self, annotation: Annotation, page: int, at: QPoint) -> None:
        menu = self.menu(annotation, page)
        menu.exec(at)
        menu.deleteLater()

    def menu(self, annotation: Annotation, page: int) -> AnnotationMenu:
        """The context menu of ``annotation`` (on ``page``): each entry one change, or its editor."""
        menu = AnnotationMenu(annotation, self._toolbar.color_names(), self._canvas)
        uuid = annotation.uuid
        menu.recolour.connect(lambda color: self.shown.update(uuid, color=color))
        menu.edit.connect(lambda: self.editing.edit(annotation, page))
        menu.delete.connect(lambda: self._delete_selected(uuid))
        return menu

    def _delete_selected(self, uuid: str) -> None:
        self.shown.select(None)
        self.shown.delete(uuid)

    def undo(self) -> None:
        self.editing.finish()
        self.ink.end_group()
        self.shown.undo()

    def redo(self) -> None:
        self.editing.finish()
        self.ink.end_group()
        self.shown.redo()

    def delete(self, uuid: str) -> None:
        self.shown.delete(uuid)

    # ---- making annotations ------------------------------------------------------------------

    def _selection_finished(self) -> None:
        tool = self.tool()
        if tool in MARKUP_TOOLS:
            self._markup_from_selection(tool)

    def _markup_from_selection(self, tool: Tool) -> None:
        canvas = self._canvas
        found = selected_range(canvas.selection, canvas.words, canvas.pointer.flow_range)
        if found is None:
            return
        canvas.clear_selection()
        self.create_markup(KIND_OF_TOOL[tool], *found)

    def create_markup(self, kind: AnnotationKind, first: tuple[int, int], last: tuple[int, int], quote: str) -> None:
        """Mark up the text from word ``first`` to word ``last`` (``(page, index)``), in the tool's colour."""
        self.making.create_markup(kind, first, last, quote, self.color(kind))

    def create(self, kind: AnnotationKind, page: int, box: geo.Box, content: Content,
               color: str | None = None) -> None:
        """Add ink, a note or a text box on ``page``; ``box``: its geometry for the anchor."""
        self.making.create(kind, page, box, content, color or self.color(kind))

    def anchor(self, text: DocText | None, doc_hash: str, page: int, box: geo.Box) -> Anchor:
        return self.making.anchor(text, doc_hash, page, box)

    def place(self, annotation: Annotation, page: int) -> bool:
        """Place a "not placed" annotation in the document on screen (see :mod:`.annotation_make`)."""
        return self.making.begin_placing(annotation, page)
