"""Words and pictures for annotations: translated kind names, colour names, small swatches.

The swatch is drawn, not loaded: a rounded square in the annotation's colour with the kind's
mark on it (a bar for a highlight, a line under or through for underline and strike-out, a
stroke for ink, a folded note, a "T" for a text box), so the list reads at a glance on light
and dark themes.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QIcon, QPainter, QPainterPath, QPen, QPixmap

from paperless.core.export.payload import DEFAULT_COLORS
from paperless.core.notes import Annotation, AnnotationKind
from paperless.core.notes.editing import Step, StepKind

SWATCH_SIZES = (16, 20, 24, 32)


def kind_name(kind: AnnotationKind) -> str:
    names = {
        AnnotationKind.HIGHLIGHT: QCoreApplication.translate("AnnotationKind", "Highlight"),
        AnnotationKind.UNDERLINE: QCoreApplication.translate("AnnotationKind", "Underline"),
        AnnotationKind.STRIKEOUT: QCoreApplication.translate("AnnotationKind", "Strike-out"),
        AnnotationKind.INK: QCoreApplication.translate("AnnotationKind", "Drawing"),
        AnnotationKind.NOTE: QCoreApplication.translate("AnnotationKind", "Sticky note"),
        AnnotationKind.TEXTBOX: QCoreApplication.translate("AnnotationKind", "Text box"),
    }
    return names[kind]


def undo_text(step: Step | None) -> str:
    """"Undo Highlight", "Undo Delete Sticky note" …: what Edit ▸ Undo would take back."""
    if step is None:
        return QCoreApplication.translate("Undo", "&Undo")
    name = kind_name(step.after.kind)
    if step.kind is StepKind.ADD:
        return QCoreApplication.translate("Undo", "&Undo %1").replace("%1", name)
    if step.kind is StepKind.DELETE:
        return QCoreApplication.translate("Undo", "&Undo Delete %1").replace("%1", name)
    return QCoreApplication.translate("Undo", "&Undo Change to %1").replace("%1", name)


def redo_text(step: Step | None) -> str:
    if step is None:
        return QCoreApplication.translate("Undo", "&Redo")
    name = kind_name(step.after.kind)
    if step.kind is StepKind.ADD:
        return QCoreApplication.translate("Undo", "&Redo %1").replace("%1", name)
    if step.kind is StepKind.DELETE:
        return QCoreApplication.translate("Undo", "&Redo Delete %1").replace("%1", name)
    return QCoreApplication.translate("Undo", "&Redo Change to %1").replace("%1", name)


def colour_of(annotation: Annotation) -> QColor:
    """The annotation's colour, opaque (the kind's default when it has none of its own)."""
    colour = QColor(annotation.color or DEFAULT_COLORS[annotation.kind])
    if not colour.isValid():
        colour = QColor(DEFAULT_COLORS[annotation.kind])
    colour.setAlpha(255)
    return colour


def colour_key(annotation: Annotation) -> str:
    """The colour as the filter groups it: ``#rrggbb`` (transparency ignored)."""
    return colour_of(annotation).name()


def colour_name(key: str) -> str:
    """A plain word for a colour ("Yellow", "Blue" …), good enough to tell them apart."""
    colour = QColor(key)
    hue, sat, light = colour.hslHueF(), colour.hslSaturationF(), colour.lightnessF()
    if sat < 0.15 or hue < 0:
        if light < 0.2:
            return QCoreApplication.translate("Colour", "Black")
        if light > 0.9:
            return QCoreApplication.translate("Colour", "White")
        return QCoreApplication.translate("Colour", "Grey")
    names = (
        (15, QCoreApplication.translate("Colour", "Red")), (40, QCoreApplication.translate("Colour", "Orange")),
        (70, QCoreApplication.translate("Colour", "Yellow")), (165, QCoreApplication.translate("Colour", "Green")),
        (200, QCoreApplication.translate("Colour", "Turquoise")), (255, QCoreApplication.translate("Colour", "Blue")),
        (290, QCoreApplication.translate("Colour", "Purple")), (340, QCoreApplication.translate("Colour", "Pink")),
    )
    return next((name for limit, name in names if hue * 360 < limit), names[0][1])


def swatch(kind: AnnotationKind | None, colour: QColor, mark: QColor) -> QIcon:
    """A small picture of an annotation kind in ``colour``; ``mark`` draws the kind's sign."""
    icon = QIcon()
    for size in SWATCH_SIZES:
        pixmap = QPixmap(size, size)
        pixmap.fill(Qt.GlobalColor.transparent)
        painter = QPainter(pixmap)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        _draw(painter, kind, colour, mark, float(size))
        painter.end()
        icon.addPixmap(pixmap)
    return icon


def _draw(p: QPainter, kind: AnnotationKind | None, colour: QColor, mark: QColor, s: float) -> None:
    box = QRectF(1, 1, s - 2, s - 2)
    outline = QPen(QColor(0, 0, 0, 70), 1)
    line = QPen(mark, max(1.5, s / 10), Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap)
    if kind in (None, AnnotationKind.HIGHLIGHT):
        p.setPen(outline)
        p.setBrush(colour)
        p.drawRoundedRect(box, s / 6, s / 6)
        return
    if kind in (AnnotationKind.UNDERLINE, AnnotationKind.STRIKEOUT):
        p.setPen(QPen(mark, max(1.0, s / 14)))
        for y in (0.3, 0.55) if kind is AnnotationKind.UNDERLINE else (0.35, 0.65):
            p.drawLine(QPointF(s * 0.2, s * y), QPointF(s * 0.8, s * y))
        p.setPen(QPen(colour, max(2.0, s / 7), Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap))
        y = s * (0.8 if kind is AnnotationKind.UNDERLINE else 0.5)
        p.drawLine(QPointF(s * 0.12, y), QPointF(s * 0.88, y))
        return
    if kind is AnnotationKind.INK:
        path = QPainterPath(QPointF(s * 0.12, s * 0.7))
        path.cubicTo(QPointF(s * 0.35, s * 0.05), QPointF(s * 0.55, s * 1.0), QPointF(s * 0.88, s * 0.3))
        p.setPen(QPen(colour, max(2.0, s / 7), Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap))
        p.setBrush(Qt.BrushStyle.NoBrush)
        p.drawPath(path)
        return
    if kind is AnnotationKind.NOTE:
        fold = s * 0.3
        path = QPainterPath(QPointF(box.left(), box.top()))
        path.lineTo(box.right(), box.top())
        path.lineTo(box.right(), box.bottom() - fold)
        path.lineTo(box.right() - fold, box.bottom())
        path.lineTo(box.left(), box.bottom())
        path.closeSubpath()
        p.setPen(outline)
        p.setBrush(colour)
        p.drawPath(path)
        p.setPen(line)
        p.drawLine(QPointF(s * 0.25, s * 0.35), QPointF(s * 0.75, s * 0.35))
        p.drawLine(QPointF(s * 0.25, s * 0.58), QPointF(s * 0.55, s * 0.58))
        return
    p.setPen(QPen(colour, max(1.0, s / 12)))  # a text box: a frame with a T
    p.setBrush(Qt.BrushStyle.NoBrush)
    p.drawRect(box.adjusted(0.5, 0.5, -0.5, -0.5))
    font = QFont()
    font.setPixelSize(int(s * 0.7))
    font.setBold(True)
    p.setFont(font)
    p.setPen(mark)
    p.drawText(box, Qt.AlignmentFlag.AlignCenter, "T")
