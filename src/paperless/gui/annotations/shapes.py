"""Painting a page's annotations from cached shapes (QtGui only; no widgets, no viewer).

Each annotation becomes a :class:`Shape` in PDF points once per version (its ``hlc``); a page's
shapes are merged into a few :class:`PageShapes` paths — one per colour and kind of mark — so
that painting a page with hundreds of annotations is a handful of ``fillPath`` calls under one
scale transform, whatever the zoom (``bench/bench_annotations.py``).

Colours: by day highlights *multiply* with the page (the text stays black, as on paper); at
night the page is inverted (light text on black), so they are drawn darkened with *screen*,
which tints the background and keeps the text light. Lines, ink and text keep their hue at
night with the lightness turned up when it is dark (dark blue ink becomes light blue), so
everything keeps reading on the dark page.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import cached_property

from PySide6.QtCore import QPointF, QRectF, QSizeF, Qt
from PySide6.QtGui import (
    QColor,
    QFont,
    QPainter,
    QPainterPath,
    QPainterPathStroker,
    QPen,
    QTextLayout,
    QTextOption,
)

from paperless.core.notes import Annotation, AnnotationKind, Ink, StickyNote, TextMarkup

from .tools import DEFAULT_PRESET, NOTE_ICON, TOOL_OF_KIND, color_for

TEXT_UNITS = 4.0  # text boxes are laid out at this many font pixels per point, then scaled
PADDING = 2.0  # points between a text box's edge and its text (as the exporter)
NIGHT_HIGHLIGHT = 0.55  # how much of a highlight's colour is screened onto the dark page
FONT_FAMILY = "Noto Sans"


def base_color(annotation: Annotation) -> QColor:
    color = QColor(annotation.color) if annotation.color else QColor()
    if not color.isValid():
        color = QColor(color_for(annotation.kind, DEFAULT_PRESET[TOOL_OF_KIND[annotation.kind]]))
    color.setAlpha(255)
    return color


def night_tone(color: QColor) -> QColor:
    """The colour for a line or text on the inverted (dark) page: same hue, light."""
    hue, saturation, lightness = color.hslHueF(), color.hslSaturationF(), color.lightnessF()
    return QColor.fromHslF(max(hue, 0.0), saturation, max(lightness, 1.0 - lightness))


def highlight_tone(color: QColor, night: bool) -> QColor:
    if not night:
        return color
    return QColor.fromRgbF(color.redF() * NIGHT_HIGHLIGHT, color.greenF() * NIGHT_HIGHLIGHT,
                           color.blueF() * NIGHT_HIGHLIGHT)


def line_tone(color: QColor, night: bool) -> QColor:
    return night_tone(color) if night else color


def paper_tone(color: QColor, night: bool) -> QColor:
    return color.darker(125) if night else color


def text_font(font_size: float) -> QFont:
    font = QFont(FONT_FAMILY)
    font.setStyleHint(QFont.StyleHint.SansSerif)
    font.setHintingPreference(QFont.HintingPreference.PreferNoHinting)  # metrics scale with the zoom
    font.setPixelSize(max(1, round(font_size * TEXT_UNITS)))
    return font


def text_layout(text: str, font_size: float, width: float) -> QTextLayout:
    """A text box's text laid out for a box ``width`` points wide (in TEXT_UNITS)."""
    layout = QTextLayout(text.replace("\r\n", "\n").replace("\n", "\u2028"), text_font(font_size))
    option = QTextOption()
    option.setWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)
    layout.setTextOption(option)
    line_width = max(1.0, (width - 2 * PADDING) * TEXT_UNITS)
    y = 0.0
    layout.beginLayout()
    while True:
        line = layout.createLine()
        if not line.isValid():
            break
        line.setLineWidth(line_width)
        line.setPosition(QPointF(0, y))
        y += line.height()
    layout.endLayout()
    return layout


def text_height(text: str, font_size: float, width: float) -> float:
    """Points a text box needs for ``text`` (padding included)."""
    layout = text_layout(text or " ", font_size, width)
    return layout.boundingRect().height() / TEXT_UNITS + 2 * PADDING


def note_icon_paths() -> tuple[QPainterPath, QPainterPath, QPainterPath]:
    """A sticky note (paper, folded corner, written lines) in a NOTE_ICON square at (0, 0)."""
    u = NOTE_ICON / 20
    paper = QPainterPath()
    paper.moveTo(2 * u, 1.5 * u)
    paper.lineTo(13.5 * u, 1.5 * u)
    paper.lineTo(18.5 * u, 6.5 * u)
    paper.lineTo(18.5 * u, 18.5 * u)
    paper.lineTo(2 * u, 18.5 * u)
    paper.closeSubpath()
    fold = QPainterPath()
    fold.moveTo(13.5 * u, 1.5 * u)
    fold.lineTo(13.5 * u, 6.5 * u)
    fold.lineTo(18.5 * u, 6.5 * u)
    lines = QPainterPath()
    for y in (9.5, 12.5, 15.5):
        lines.moveTo(5 * u, y * u)
        lines.lineTo(15.5 * u, y * u)
    return paper, fold, lines


_PAPER, _FOLD, _LINES = note_icon_paths()


def smooth_path(points: Sequence[tuple[float, float]]) -> QPainterPath:
    """Quadratic curves through the midpoints of a stroke's points."""
    path = QPainterPath()
    if not points:
        return path
    path.moveTo(*points[0])
    if len(points) < 3:
        for p in points[1:]:
            path.lineTo(*p)
        return path
    for (ax, ay), (bx, by) in zip(points[1:-1], points[2:], strict=False):
        path.quadTo(ax, ay, (ax + bx) / 2, (ay + by) / 2)
    path.lineTo(*points[-1])
    return path


def ink_outline(strokes: Iterable[Sequence[tuple[float, float]]], width: float) -> QPainterPath:
    stroker = QPainterPathStroker()
    stroker.setWidth(width)
    stroker.setCapStyle(Qt.PenCapStyle.RoundCap)
    stroker.setJoinStyle(Qt.PenJoinStyle.RoundJoin)
    outline = QPainterPath()
    outline.setFillRule(Qt.FillRule.WindingFill)
    for stroke in strokes:
        if len(stroke) == 1 or (len(stroke) == 2 and stroke[0] == stroke[1]):
            x, y = stroke[0]
            outline.addEllipse(QPointF(x, y), width / 2, width / 2)
        else:
            outline.addPath(stroker.createStroke(smooth_path(stroke)))
    return outline


@dataclass
class TextBlock:
    color: QColor
    origin: QPointF  # where the layout's top-left goes, in points
    layout: QTextLayout


@dataclass
class Shape:
    """One annotation's marks on one page, in points."""

    kind: AnnotationKind
    color: QColor
    path: QPainterPath = field(default_factory=QPainterPath)  # filled (highlight, lines, ink, note paper)
    note_at: QPointF | None = None
    text: TextBlock | None = None
    _bounds: tuple[QRectF | None] | tuple[()] = field(default=(), compare=False, repr=False)

    def mark_bounds(self) -> QRectF | None:
        """Where this shape's marks (not highlights: those are painted apart) can touch the page,
        in points; None when it has none."""
        if not self._bounds:
            self._bounds = (self._mark_bounds(),)
        return self._bounds[0]

    def _mark_bounds(self) -> QRectF | None:
        if self.kind is AnnotationKind.HIGHLIGHT:
            return None
        if self.note_at is not None:
            return QRectF(self.note_at, QSizeF(NOTE_ICON, NOTE_ICON))
        if self.text is not None:
            box = self.text.layout.boundingRect()
            size = self.text.layout.font().pixelSize() / TEXT_UNITS
            return QRectF(self.text.origin.x() + box.x() / TEXT_UNITS, self.text.origin.y() + box.y() / TEXT_UNITS,
                          box.width() / TEXT_UNITS, box.height() / TEXT_UNITS).adjusted(-size, -size, size, size)
        return None if self.path.isEmpty() else self.path.boundingRect()


def shape_of(annotation: Annotation, page: int) -> Shape | None:
    content, kind = annotation.content, annotation.kind
    shape = Shape(kind, base_color(annotation))
    shape.path.setFillRule(Qt.FillRule.WindingFill)
    if isinstance(content, TextMarkup):
        rects = content.lines_on(page)
        if not rects:
            return None
        for x0, y0, x1, y1 in rects:
            h = y1 - y0
            if kind is AnnotationKind.HIGHLIGHT:
                shape.path.addRect(QRectF(x0, y0, x1 - x0, h))
            else:
                thick = max(0.8, h * 0.075)
                middle = y1 - h * 0.1 - thick / 2 if kind is AnnotationKind.UNDERLINE else y0 + h * 0.56
                shape.path.addRect(QRectF(x0, middle - thick / 2, x1 - x0, thick))
        return shape
    if annotation.page != page:
        return None
    if isinstance(content, Ink):
        shape.path = ink_outline(content.strokes, content.width)
    elif isinstance(content, StickyNote):
        shape.note_at = QPointF(*content.point)
    else:
        x0, y0, x1, _ = content.rect
        layout = text_layout(content.text, content.font_size, x1 - x0)
        shape.text = TextBlock(shape.color, QPointF(x0 + PADDING, y0 + PADDING), layout)
    return shape


def _merged(shapes: Iterable[Shape]) -> dict[int, tuple[QColor, QPainterPath]]:
    """One path per colour, in the order the colours first come."""
    groups: dict[int, tuple[QColor, QPainterPath]] = {}
    for s in shapes:
        key = s.color.rgba()
        if key not in groups:
            path = QPainterPath()
            path.setFillRule(Qt.FillRule.WindingFill)
            groups[key] = (s.color, path)
        groups[key][1].addPath(s.path)
    return groups


def _same(a: Sequence[Shape], b: Sequence[Shape]) -> bool:
    return len(a) == len(b) and all(x is y for x, y in zip(a, b, strict=True))


Versions = frozenset[tuple[str, str]]  # (uuid, hlc) of the annotations a page was made of
RasterKey = tuple[int, int, float, bool, float]  # width, height, scale, night, pixel ratio


class PageShapes:
    """A page's shapes merged by kind and colour, ready to paint at any zoom.

    Merging is done when first needed: a page whose marks come from a cached picture never
    merges them, and a page made ``like`` its previous state keeps that one's merged
    highlights when they are the same shapes (a stroke moved: the highlights are not redone).
    """

    def __init__(self, shapes: Iterable[Shape], like: PageShapes | None = None) -> None:
        self.versions: Versions = frozenset()
        self.notes: list[tuple[QColor, QPointF]] = []
        self.texts: list[TextBlock] = []
        self.marked: list[Shape] = []  # the shapes with marks, in painting order
        self._highlighted: list[Shape] = []
        self._lined: list[Shape] = []  # underline, strike-out and ink
        self.count = 0
        for s in shapes:
            self.count += 1
            if s.kind is AnnotationKind.HIGHLIGHT:
                self._highlighted.append(s)
                continue
            self.marked.append(s)
            if s.note_at is not None:
                self.notes.append((s.color, s.note_at))
            elif s.text is not None:
                self.texts.append(s.text)
            else:
                self._lined.append(s)
        if like is not None and "highlights" in like.__dict__ and _same(like._highlighted, self._highlighted):
            self.highlights = like.highlights

    @cached_property
    def highlights(self) -> dict[int, tuple[QColor, QPainterPath]]:
        return _merged(self._highlighted)

    @cached_property
    def lines(self) -> dict[int, tuple[QColor, QPainterPath]]:
        return _merged(self._lined)

    def part(self, shapes: Iterable[Shape]) -> PageShapes:
        """Some of this page's shapes, merged with their colours in this page's order (so that
        painting them clipped to where nothing else reaches gives the same pixels)."""
        part = PageShapes(shapes)
        for name, own in (("lines", self._lined), ("highlights", self._highlighted)):
            merged = getattr(part, name)
            setattr(part, name, {key: merged[key] for key in {s.color.rgba(): None for s in own} if key in merged})
        return part

    @property
    def marks(self) -> bool:
        return bool(self.marked)

    @property
    def has_highlights(self) -> bool:
        return bool(self._highlighted)

    @property
    def highlighted(self) -> list[Shape]:
        return self._highlighted

    @cached_property
    def complexity(self) -> int:
        """Roughly what painting the marks costs (path elements; a text counts as many)."""
        return sum(s.path.elementCount() for s in self._lined) + 40 * len(self.notes) + 200 * len(self.texts)

    def paint_highlights(self, painter: QPainter, target: QRectF, scale: float, night: bool) -> None:
        if not self.highlights:
            return
        painter.save()
        painter.translate(target.topLeft())
        painter.scale(scale, scale)
        painter.setCompositionMode(QPainter.CompositionMode.CompositionMode_Screen if night
                                   else QPainter.CompositionMode.CompositionMode_Multiply)
        for color, path in self.highlights.values():
            painter.fillPath(path, highlight_tone(color, night))
        painter.restore()

    def paint_marks(self, painter: QPainter, target: QRectF, scale: float, night: bool) -> None:
        """Lines, ink, text boxes and note icons (everything but highlights)."""
        if not self.marks:
            return
        painter.save()
        painter.translate(target.topLeft())
        painter.scale(scale, scale)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        for color, path in self.lines.values():
            painter.fillPath(path, line_tone(color, night))
        for block in self.texts:
            painter.save()
            painter.translate(block.origin)
            painter.scale(1 / TEXT_UNITS, 1 / TEXT_UNITS)
            painter.setPen(line_tone(block.color, night))
            block.layout.draw(painter, QPointF(0, 0))
            painter.restore()
        if self.notes:
            outline = QPen(QColor(60, 60, 60) if not night else QColor(20, 20, 20), 0)  # cosmetic: 1 pixel
            for color, at in self.notes:
                painter.translate(at)
                painter.setPen(outline)
                painter.setBrush(paper_tone(color, night))
                painter.drawPath(_PAPER)
                painter.setBrush(Qt.BrushStyle.NoBrush)
                painter.drawPath(_FOLD)
                painter.drawPath(_LINES)
                painter.translate(-at)
        painter.restore()

    def paint(self, painter: QPainter, target: QRectF, scale: float, night: bool) -> None:
        """Everything, as vectors, onto the page drawn at ``target`` at ``scale`` pixels per point."""
        self.paint_highlights(painter, target, scale, night)
        self.paint_marks(painter, target, scale, night)
