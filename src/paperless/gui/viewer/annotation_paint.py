"""Painting what is being done with the annotation tools, over the pages: the selected
annotation's frame and handles, an annotation being moved, the stroke being drawn, the box
being dragged, a sticky note being placed. Device-pixel sized marks (handles, frames) stay the
same size at any zoom."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QPainter, QPen

from paperless.core.notes import Annotation, AnnotationKind, StickyNote
from paperless.gui.annotations import geometry as geo
from paperless.gui.annotations.shapes import PageShapes, line_tone, shape_of, smooth_path

HANDLE = 8  # pixels: a resize handle's side
FRAME = QColor(21, 101, 192)
Box = geo.Box


def to_pixels(target: QRectF, scale: float, box: Box) -> QRectF:
    return QRectF(target.x() + box[0] * scale, target.y() + box[1] * scale,
                  (box[2] - box[0]) * scale, (box[3] - box[1]) * scale)


def handle_rects(frame: QRectF) -> list[QRectF]:
    """The four corner handles (top-left, top-right, bottom-right, bottom-left)."""
    h = HANDLE / 2
    return [QRectF(p.x() - h, p.y() - h, HANDLE, HANDLE)
            for p in (frame.topLeft(), frame.topRight(), frame.bottomRight(), frame.bottomLeft())]


def paint_selection(painter: QPainter, target: QRectF, scale: float, box: Box, resizable: bool) -> None:
    frame = to_pixels(target, scale, box).adjusted(-3, -3, 3, 3)
    painter.save()
    painter.setRenderHint(QPainter.RenderHint.Antialiasing, False)
    pen = QPen(FRAME, 1, Qt.PenStyle.DashLine)
    painter.setPen(pen)
    painter.setBrush(Qt.BrushStyle.NoBrush)
    painter.drawRect(frame)
    if resizable:
        painter.setPen(QPen(QColor(255, 255, 255), 1))
        painter.setBrush(FRAME)
        for handle in handle_rects(frame):
            painter.drawRect(handle)
    painter.restore()


def paint_annotation(painter: QPainter, target: QRectF, scale: float, annotation: Annotation, page: int,
                     night: bool) -> None:
    """One annotation drawn on its own (an annotation being moved)."""
    shape = shape_of(annotation, page)
    if shape is not None:
        PageShapes([shape]).paint(painter, target, scale, night)


def paint_stroke(painter: QPainter, target: QRectF, scale: float, points: Sequence[tuple[float, float]],
                 color: QColor, width: float, night: bool) -> None:
    if not points:
        return
    painter.save()
    painter.translate(target.topLeft())
    painter.scale(scale, scale)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
    pen = QPen(line_tone(color, night), width)
    pen.setCapStyle(Qt.PenCapStyle.RoundCap)
    pen.setJoinStyle(Qt.PenJoinStyle.RoundJoin)
    painter.setPen(pen)
    if len(points) == 1:
        painter.drawPoint(QPointF(*points[0]))
    else:
        painter.drawPath(smooth_path(points))
    painter.restore()


def paint_frame(painter: QPainter, frame: QRectF) -> None:
    """A dashed frame (viewport pixels): the text box being typed into."""
    painter.save()
    painter.setRenderHint(QPainter.RenderHint.Antialiasing, False)
    painter.setPen(QPen(FRAME, 1, Qt.PenStyle.DashLine))
    painter.setBrush(Qt.BrushStyle.NoBrush)
    painter.drawRect(frame)
    painter.restore()


def paint_box(painter: QPainter, target: QRectF, scale: float, box: Box) -> None:
    """A text box being dragged out."""
    painter.save()
    painter.setPen(QPen(FRAME, 1, Qt.PenStyle.DashLine))
    painter.setBrush(QColor(21, 101, 192, 24))
    painter.drawRect(to_pixels(target, scale, box))
    painter.restore()


def pending_note(page: int, point: tuple[float, float], color: str) -> Annotation:
    """A stand-in for a sticky note being placed (drawn until its text is saved)."""
    return Annotation("", "", "", "", page, AnnotationKind.NOTE, color, StickyNote(point=point), "", "", False)
