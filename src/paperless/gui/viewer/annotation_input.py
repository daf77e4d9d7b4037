"""ToolInput: the mouse, pen and keys on the pages while the annotation tools are on.

The canvas offers every input event here first; what is not taken (``False``) goes on to the
links and text selection (:class:`~paperless.gui.viewer.pointer.PointerInteraction`). The
markup tools take nothing: they select text through the pointer (in reading order, even when
copying is not allowed) and the layer marks the selection up when the drag ends.

* Select: click an annotation to select it (handles on text boxes and ink; a click on a sticky
  note opens it), drag to move it or a handle to resize it, double-click to edit its text (a
  markup: its comment), right-click for its menu, Delete to delete it, Esc to let go. Text
  markups follow the text: they do not move, and a drag that starts on one still selects text.
* Pen: press and draw (mouse, touchpad or tablet pen; a tablet pen's eraser end erases).
* Eraser: drag over ink; each ink annotation touched is deleted (one undo step each).
* Sticky note: click where it goes, type, click elsewhere (or Esc). Text box: drag a box (a
  click makes one of a default size), type. Both tools go back to Select once used.

It owns the gesture under way and the cursors. It reads and changes the document's
annotations through :class:`Marks` (what the page shows, and the controller's changes for this
document), asks :class:`ToolChoice` which tool is on, and says with signals what the other
parts do: open an editor, make a note, a text box or a stroke, show a menu.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from typing import Any, Protocol

from PySide6.QtCore import QEvent, QObject, QPointF, QRectF, Qt, Signal
from PySide6.QtGui import (
    QColor,
    QContextMenuEvent,
    QCursor,
    QKeyEvent,
    QMouseEvent,
    QPainter,
    QPen,
    QPixmap,
    QPointingDevice,
    QTabletEvent,
)

from paperless.core.notes import Annotation, AnnotationKind, Content, Ink
from paperless.gui.annotations import geometry as geo
from paperless.gui.annotations.tools import MARKUP_TOOLS, NOTE_ICON, ONE_SHOT_TOOLS, TOOL_OF_KIND, Tool, color_for
from paperless.gui.viewer import annotation_paint as paint
from paperless.gui.viewer.overlay import PageArea


class Marks(Protocol):
    """What the input needs of the document's annotations (:class:`~.annotation_view.ShownAnnotations`)."""

    selected: str | None
    preview: Annotation | None

    def on_page(self, page: int) -> list[Annotation]: ...
    def find(self, uuid: str | None) -> Annotation | None: ...
    def select(self, uuid: str | None) -> None: ...
    def set_preview(self, annotation: Annotation) -> None: ...
    def end_preview(self) -> None: ...
    def update(self, uuid: str, on_done: Callable[[Annotation], None] | None = None, **changes: Any) -> None: ...
    def delete(self, uuid: str) -> None: ...


class ToolChoice(Protocol):
    """The tool chosen, its colour and pen width (the annotation tool bar)."""

    def tools_enabled(self) -> bool: ...
    def tool(self) -> Tool: ...
    def set_tool(self, tool: Tool) -> None: ...
    def preset(self, tool: Tool | None = None) -> str: ...
    def pen_width(self) -> float: ...


SLOP = 3  # pixels the pointer may move and still click
HIT = 4  # pixels of tolerance around thin marks
ERASER_RADIUS = 7  # pixels
DEFAULT_BOX = (170.0, 34.0)  # points: a text box made with a click
MIN_DRAG_BOX = 12.0  # points: a smaller drag counts as a click
PRIORITY = {AnnotationKind.NOTE: 0, AnnotationKind.TEXTBOX: 1, AnnotationKind.INK: 2,
            AnnotationKind.UNDERLINE: 3, AnnotationKind.STRIKEOUT: 3, AnnotationKind.HIGHLIGHT: 4}


@dataclass
class _Drag:
    mode: str  # "press" (on an annotation, not moved yet), "move", "resize", "ink", "erase", "box", "note"
    page: int
    start: QPointF  # viewport pixels
    origin: tuple[float, float]  # page points
    annotation: Annotation | None = None
    corner: int = -1
    box: geo.Box | None = None
    points: list[tuple[float, float]] = field(default_factory=list)
    pressed: float = 0.0
    erased: set[str] = field(default_factory=set)


def eraser_cursor() -> QCursor:
    size = 2 * ERASER_RADIUS + 3
    pixmap = QPixmap(size, size)
    pixmap.fill(Qt.GlobalColor.transparent)
    p = QPainter(pixmap)
    p.setRenderHint(QPainter.RenderHint.Antialiasing, True)
    p.setPen(QPen(QColor(255, 255, 255), 3))
    p.drawEllipse(QPointF(size / 2, size / 2), ERASER_RADIUS, ERASER_RADIUS)
    p.setPen(QPen(QColor(40, 40, 40), 1))
    p.drawEllipse(QPointF(size / 2, size / 2), ERASER_RADIUS, ERASER_RADIUS)
    p.end()
    return QCursor(pixmap, size // 2, size // 2)


class ToolInput(QObject):
    started = Signal()  # a press on the pages with the tools on: an open editor closes first
    edit_requested = Signal(object, int)  # Annotation, page: open its text (note, text box) or comment (markup)
    note_requested = Signal(int, object)  # page, (x, y): a new sticky note there (its icon's top-left)
    textbox_requested = Signal(int, object)  # page, (x0, y0, x1, y1): a new text box
    stroke_drawn = Signal(int, object, float, str, float)  # page, stroke points, width, colour, when it began
    erasing = Signal()  # an ink annotation is about to be erased
    menu_requested = Signal(object, int, object)  # Annotation, page, QPoint (global): its context menu

    def __init__(self, marks: Marks, pages: PageArea, tools: ToolChoice, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._marks = marks
        self._pages = pages
        self._tools = tools
        self._drag: _Drag | None = None
        self._eraser: QCursor | None = None

    # ---- the tool -------------------------------------------------------------------------------

    @property
    def enabled(self) -> bool:
        return self._tools.tools_enabled()

    def tool(self) -> Tool:
        return self._tools.tool() if self.enabled else Tool.SELECT

    def color(self, kind: AnnotationKind) -> str:
        return color_for(kind, self._tools.preset(TOOL_OF_KIND[kind]))

    # ---- where things are -----------------------------------------------------------------------

    @property
    def _scale(self) -> float:
        return self._pages.pages.scale

    def spot(self, pos: QPointF) -> tuple[int, float, float] | None:
        content = self._pages.to_content(pos)
        return self._pages.pages.page_point(content.x(), content.y())

    def point_on(self, page: int, pos: QPointF) -> tuple[float, float]:
        """``pos`` (viewport) in points on ``page``, kept on the page."""
        target = self._pages.page_target(page)
        w, h = self._pages.pages.size(page)
        x, y = (pos.x() - target.x()) / self._scale, (pos.y() - target.y()) / self._scale
        return min(max(x, 0.0), w), min(max(y, 0.0), h)

    def annotation_at(self, pos: QPointF) -> tuple[Annotation, int] | None:
        spot = self.spot(pos)
        if spot is None:
            return None
        page, x, y = spot
        found = [a for a in self._marks.on_page(page) if geo.hits(a, page, x, y, HIT / self._scale)]
        if not found:
            return None
        order = {a.uuid: i for i, a in enumerate(found)}
        return min(found, key=lambda a: (PRIORITY[a.kind], -order[a.uuid])), page

    def handle_at(self, pos: QPointF) -> tuple[Annotation, int, int] | None:
        """The selected annotation's resize handle under ``pos``: (annotation, page, corner)."""
        a = self._marks.find(self._marks.selected)
        if a is None or a.kind not in geo.RESIZABLE_KINDS:
            return None
        box = geo.bbox(a, a.page)
        if box is None:
            return None
        frame = paint.to_pixels(self._pages.page_target(a.page), self._scale, box).adjusted(-3, -3, 3, 3)
        for corner, handle in enumerate(paint.handle_rects(frame)):
            if handle.adjusted(-2, -2, 2, 2).contains(pos):
                return a, a.page, corner
        return None

    # ---- mouse ---------------------------------------------------------------------------------

    def press(self, event: QMouseEvent) -> bool:
        if event.button() != Qt.MouseButton.LeftButton or not self.enabled:
            return False
        return self._press(event.position(), self.tool())

    def _press(self, pos: QPointF, tool: Tool) -> bool:
        self.started.emit()
        self._drag = None
        if tool is Tool.SELECT:
            handle = self.handle_at(pos)
            if handle is not None:
                a, page, corner = handle
                self._drag = _Drag("resize", page, pos, self.point_on(page, pos), a, corner, geo.bbox(a, page))
                return True
            hit = self.annotation_at(pos)
            if hit is None:
                self._marks.select(None)
                return False
            a, page = hit
            self._marks.select(a.uuid)
            if a.kind in geo.TEXT_KINDS:
                return False  # a drag from here still selects text
            self._drag = _Drag("press", page, pos, self.point_on(page, pos), a, box=geo.bbox(a, page))
            return True
        if tool in MARKUP_TOOLS:
            return False
        spot = self.spot(pos)
        if spot is None:
            return tool is not Tool.ERASER
        page, x, y = spot
        mode = {Tool.INK: "ink", Tool.ERASER: "erase", Tool.NOTE: "note", Tool.TEXTBOX: "box"}[tool]
        self._drag = _Drag(mode, page, pos, (x, y), points=[(x, y)], pressed=time.monotonic())
        if mode == "erase":
            self._erase(self._drag)
        self._pages.viewport().update()
        return True

    def move(self, event: QMouseEvent) -> bool:
        if not self.enabled:
            return False
        held = bool(event.buttons() & Qt.MouseButton.LeftButton)
        if self._drag is not None and held:
            self._drag_to(self._drag, event.position())
            return True
        return False if held else self._hover(event.position())  # held: the pointer's text selection

    def _drag_to(self, d: _Drag, pos: QPointF) -> None:
        x, y = self.point_on(d.page, pos)
        if d.mode == "press" and (pos - d.start).manhattanLength() > SLOP and d.annotation is not None:
            d.mode = "move" if d.annotation.kind in geo.MOVABLE_KINDS else "stay"
        if d.mode == "move" and d.annotation is not None and d.box is not None:
            dx, dy = geo.clamp_shift(d.box, x - d.origin[0], y - d.origin[1], self._pages.pages.size(d.page))
            self._marks.set_preview(replace(d.annotation, content=geo.moved(d.annotation, dx, dy)))
        elif d.mode == "resize" and d.annotation is not None and d.box is not None:
            b = d.box  # the corner follows the pointer's movement (not its spot: grabbed a little off it)
            cx, cy = (b[0] if d.corner in (0, 3) else b[2]), (b[1] if d.corner in (0, 1) else b[3])
            new = geo.resize_box(b, d.corner, cx + x - d.origin[0], cy + y - d.origin[1],
                                 self._pages.pages.size(d.page))
            self._marks.set_preview(replace(d.annotation, content=self._resized(d.annotation, d.box, new)))
        elif d.mode in ("ink", "erase"):
            last = d.points[-1]
            if abs(x - last[0]) + abs(y - last[1]) >= 0.3 / self._scale:
                d.points.append((x, y))
                if d.mode == "erase":
                    self._erase(d)
                self._update_around(d.page, [last, (x, y)])
        elif d.mode == "box":
            d.box = (min(d.origin[0], x), min(d.origin[1], y), max(d.origin[0], x), max(d.origin[1], y))
            self._pages.viewport().update()

    @staticmethod
    def _resized(a: Annotation, old: geo.Box, new: geo.Box) -> Content:
        if isinstance(a.content, Ink):  # scale the strokes' own box: the pen's width stays
            h = a.content.width / 2
            old = (old[0] + h, old[1] + h, old[2] - h, old[3] - h)
            new = (new[0] + h, new[1] + h, new[2] - h, new[3] - h)
        return geo.resized(a, old, new)

    def _update_around(self, page: int, points: list[tuple[float, float]]) -> None:
        box = geo.strokes_box([points], 0.0)
        if box is None:
            return
        margin = max(ERASER_RADIUS, self._tools.pen_width() * self._scale) + 4
        rect = paint.to_pixels(self._pages.page_target(page), self._scale, box)
        self._pages.viewport().update(rect.adjusted(-margin, -margin, margin, margin).toAlignedRect())

    def release(self, event: QMouseEvent) -> bool:
        if event.button() != Qt.MouseButton.LeftButton or self._drag is None:
            return False
        self._finish(self._drag, event.position())
        return True

    def _finish(self, d: _Drag, _pos: QPointF) -> None:
        marks = self._marks
        self._drag = None
        if d.mode in ("move", "resize") and marks.preview is not None:
            moved = marks.preview
            if d.annotation is not None and moved.content != d.annotation.content:
                marks.update(moved.uuid, on_done=lambda _a: marks.end_preview(), content=moved.content)
            else:
                marks.end_preview()
        elif d.mode == "press" and d.annotation is not None and d.annotation.kind is AnnotationKind.NOTE:
            self.edit_requested.emit(d.annotation, d.page)  # a click on a note's icon opens it
        elif d.mode == "ink":
            width = self._tools.pen_width()
            self.stroke_drawn.emit(d.page, geo.smooth_stroke(d.points, width), width, self.color(AnnotationKind.INK),
                                   d.pressed)
        elif d.mode == "note":
            w, h = self._pages.pages.size(d.page)
            x = min(max(d.origin[0] - NOTE_ICON / 2, 0.0), w - NOTE_ICON)
            y = min(max(d.origin[1] - NOTE_ICON / 2, 0.0), h - NOTE_ICON)
            self._one_shot_done()
            self.note_requested.emit(d.page, (x, y))
        elif d.mode == "box":
            self._one_shot_done()
            self.textbox_requested.emit(d.page, self._new_box(d))
        self._pages.viewport().update()

    def _new_box(self, d: _Drag) -> geo.Box:
        """The text box dragged out (a click or a tiny drag: one of the default size), at least
        ``MIN_BOX`` points a side, on the page."""
        w, h = self._pages.pages.size(d.page)
        box = d.box
        if box is None or (box[2] - box[0] < MIN_DRAG_BOX and box[3] - box[1] < MIN_DRAG_BOX):
            x0, y0 = max(0.0, min(d.origin[0], w - DEFAULT_BOX[0])), max(0.0, min(d.origin[1], h - DEFAULT_BOX[1]))
            return x0, y0, x0 + DEFAULT_BOX[0], y0 + DEFAULT_BOX[1]
        x0, y0 = min(box[0], w - geo.MIN_BOX), min(box[1], h - geo.MIN_BOX)
        return x0, y0, max(box[2], x0 + geo.MIN_BOX), max(box[3], y0 + geo.MIN_BOX)

    def _one_shot_done(self) -> None:
        if self._tools.tool() in ONE_SHOT_TOOLS:
            self._tools.set_tool(Tool.SELECT)

    def _erase(self, d: _Drag) -> None:
        path = d.points[-2:]
        radius = ERASER_RADIUS / self._scale
        for a in self._marks.on_page(d.page):
            if a.uuid not in d.erased and geo.touches_path(a, d.page, path, radius):
                d.erased.add(a.uuid)
                self.erasing.emit()
                self._marks.delete(a.uuid)

    def double_click(self, event: QMouseEvent) -> bool:
        if event.button() != Qt.MouseButton.LeftButton or not self.enabled:
            return False
        if self.tool() is not Tool.SELECT:
            return self.tool() not in MARKUP_TOOLS
        hit = self.annotation_at(event.position())
        if hit is None:
            return False
        self._drag = None
        self._marks.select(hit[0].uuid)
        return self._open(hit[0], hit[1])

    def _open(self, annotation: Annotation, page: int) -> bool:
        """Ask for the editor of an annotation with a text (not ink); False for ink."""
        if annotation.kind is AnnotationKind.INK:
            return False
        self.edit_requested.emit(annotation, page)
        return True

    def cancel(self) -> None:
        """Drop what a drag was doing (Esc, a new tool, a new document)."""
        if self._drag is not None:
            self._drag = None
            self._marks.end_preview()
            self._pages.viewport().update()

    def _hover(self, pos: QPointF) -> bool:
        tool, viewport = self.tool(), self._pages.viewport()
        if tool is Tool.SELECT:
            handle = self.handle_at(pos)
            if handle is not None:
                diagonal = handle[2] in (0, 2)
                viewport.setCursor(Qt.CursorShape.SizeFDiagCursor if diagonal else Qt.CursorShape.SizeBDiagCursor)
                return True
            hit = self.annotation_at(pos)
            if hit is None or hit[0].kind in geo.TEXT_KINDS:
                return False
            viewport.setCursor(Qt.CursorShape.SizeAllCursor)
            if viewport.toolTip():
                viewport.setToolTip("")
            return True
        if tool in MARKUP_TOOLS:
            return False
        self.update_cursor()
        return True

    def update_cursor(self) -> None:
        tool, viewport = self.tool(), self._pages.viewport()
        if tool is Tool.ERASER:
            self._eraser = self._eraser or eraser_cursor()
            viewport.setCursor(self._eraser)
        elif tool in (Tool.INK, Tool.NOTE, Tool.TEXTBOX):
            viewport.setCursor(Qt.CursorShape.CrossCursor)
        else:
            viewport.setCursor(Qt.CursorShape.ArrowCursor)

    # ---- tablet ------------------------------------------------------------------------------------

    def tablet(self, event: QTabletEvent) -> bool:
        """Pen input: drawn and erased with the pen's full resolution (no mouse emulation)."""
        if not self.enabled:
            return False
        eraser_end = event.pointerType() == QPointingDevice.PointerType.Eraser
        tool = Tool.ERASER if eraser_end else self.tool()
        if tool not in (Tool.INK, Tool.ERASER):
            return False
        kind, pos = event.type(), event.position()
        if kind == QEvent.Type.TabletPress and event.button() == Qt.MouseButton.LeftButton:
            self._press(pos, tool)
        elif kind == QEvent.Type.TabletMove and self._drag is not None:
            self._drag_to(self._drag, pos)
        elif kind == QEvent.Type.TabletRelease and self._drag is not None:
            self._finish(self._drag, pos)
        event.accept()
        return True

    # ---- keys and the context menu ------------------------------------------------------------------

    def key(self, event: QKeyEvent) -> bool:
        key = event.key()
        if not self.enabled:
            return False
        selected = self._marks.find(self._marks.selected)
        if key in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace) and selected is not None:
            self._marks.select(None)
            self._marks.delete(selected.uuid)
            return True
        if key in (Qt.Key.Key_F2, Qt.Key.Key_Return, Qt.Key.Key_Enter) and selected is not None:
            return self._open(selected, geo.pages_of(selected)[0])
        if key == Qt.Key.Key_Escape:
            if self._drag is not None:
                self.cancel()
            elif selected is not None:
                self._marks.select(None)
            elif self._tools.tool() is not Tool.SELECT:
                self._tools.set_tool(Tool.SELECT)
            else:
                return False  # e.g. the window leaves full screen
            return True
        return False

    def context_menu(self, event: QContextMenuEvent) -> bool:
        if not self.enabled:
            return False
        hit = self.annotation_at(QPointF(event.pos()))
        if hit is None:
            return False
        self._marks.select(hit[0].uuid)
        self.menu_requested.emit(hit[0], hit[1], event.globalPos())
        return True

    # ---- painting --------------------------------------------------------------------------------------

    def paint(self, painter: QPainter, page: int, target: QRectF, scale: float, night: bool) -> None:
        """The stroke being drawn, the text box being dragged out."""
        d = self._drag
        if d is None or d.page != page:
            return
        if d.mode == "ink":
            color = QColor(self.color(AnnotationKind.INK))
            paint.paint_stroke(painter, target, scale, d.points, color, self._tools.pen_width(), night)
        elif d.mode == "box" and d.box is not None:
            paint.paint_box(painter, target, scale, d.box)
