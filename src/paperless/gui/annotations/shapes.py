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

import math
from collections import OrderedDict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import (
    QColor,
    QFont,
    QImage,
    QPainter,
    QPainterPath,
    QPainterPathStroker,
    QPen,
    QTextLayout,
    QTextOption,
)

from paperless.core.notes import Annotation, AnnotationKind

from . import geometry as geo
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


def shape_of(annotation: Annotation, page: int) -> Shape | None:
    color, kind, payload = base_color(annotation), annotation.kind, annotation.payload
    shape = Shape(kind, color)
    shape.path.setFillRule(Qt.FillRule.WindingFill)
    if kind in geo.TEXT_KINDS:
        rects = geo.line_rects(annotation, page)
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
    if kind is AnnotationKind.INK:
        strokes = geo.strokes_of(payload)
        if not strokes:
            return None
        shape.path = ink_outline(strokes, geo.width_of(payload))
        return shape
    if kind is AnnotationKind.NOTE:
        point = geo.point_of(payload)
        if point is None:
            return None
        shape.note_at = QPointF(*point)
        return shape
    if kind is AnnotationKind.TEXTBOX:
        box = geo.box_of(payload)
        if box is None:
            return None
        layout = text_layout(geo.text_of(payload), geo.font_size_of(payload), box[2] - box[0])
        shape.text = TextBlock(color, QPointF(box[0] + PADDING, box[1] + PADDING), layout)
        return shape
    return None


class PageShapes:
    """A page's shapes merged by kind and colour, ready to paint at any zoom."""

    def __init__(self, shapes: Iterable[Shape]) -> None:
        self.highlights: dict[int, tuple[QColor, QPainterPath]] = {}
        self.lines: dict[int, tuple[QColor, QPainterPath]] = {}  # underline, strike-out and ink
        self.notes: list[tuple[QColor, QPointF]] = []
        self.texts: list[TextBlock] = []
        self.count = 0
        for s in shapes:
            self.count += 1
            if s.kind is AnnotationKind.HIGHLIGHT:
                self._merge(self.highlights, s)
            elif s.note_at is not None:
                self.notes.append((s.color, s.note_at))
            elif s.text is not None:
                self.texts.append(s.text)
            else:
                self._merge(self.lines, s)

    @staticmethod
    def _merge(groups: dict[int, tuple[QColor, QPainterPath]], s: Shape) -> None:
        key = s.color.rgba()
        if key not in groups:
            path = QPainterPath()
            path.setFillRule(Qt.FillRule.WindingFill)
            groups[key] = (s.color, path)
        groups[key][1].addPath(s.path)

    @property
    def marks(self) -> bool:
        return bool(self.lines or self.notes or self.texts)

    @property
    def complexity(self) -> int:
        """Roughly what painting the marks costs (path elements; a text counts as many)."""
        return (sum(p.elementCount() for _c, p in self.lines.values()) + 40 * len(self.notes)
                + 200 * len(self.texts))

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


class ShapeCache:
    """Shapes per annotation version, merged per page, and the marks of busy pages as pictures.

    A page whose marks are costly to draw (many ink strokes: antialiased filling is what costs)
    has them drawn once into an image at the current zoom and pixel ratio, which each frame
    then only copies; the image is redrawn when the annotations, zoom or night mode change.
    At most :attr:`RASTER_PAGES` such images are kept, none bigger than :attr:`MAX_RASTER`
    pixels (beyond, e.g. zoomed far in, the marks are drawn as vectors).
    """

    RASTER_FROM = 1500  # PageShapes.complexity from which a page's marks are cached as an image
    RASTER_PAGES = 4
    MAX_RASTER = 8 * 2**20  # device pixels

    def __init__(self) -> None:
        self._shapes: dict[tuple[str, int], tuple[str, Shape | None]] = {}  # (uuid, page) -> (hlc, shape)
        self._pages: dict[int, PageShapes] = {}
        self._rasters: OrderedDict[int, tuple[tuple[int, int, float, bool, float], QImage]] = OrderedDict()

    def forget(self, live: Iterable[str] | None = None) -> None:
        """The annotations changed: merged pages are rebuilt (unchanged shapes are reused; with
        ``live``, the uuids still shown, the shapes of the others are dropped)."""
        self._pages.clear()
        self._rasters.clear()
        if live is not None:
            keep = set(live)
            for key in [k for k in self._shapes if k[0] not in keep]:
                del self._shapes[key]

    def clear(self) -> None:
        self._shapes.clear()
        self._pages.clear()
        self._rasters.clear()

    def page(self, page: int, annotations: Iterable[Annotation]) -> PageShapes:
        found = self._pages.get(page)
        if found is None:
            found = self._pages[page] = PageShapes(s for s in (self.shape(a, page) for a in annotations) if s)
        return found

    def shape(self, annotation: Annotation, page: int) -> Shape | None:
        key = (annotation.uuid, page)
        cached = self._shapes.get(key)
        if cached is not None and cached[0] == annotation.hlc:
            return cached[1]
        shape = shape_of(annotation, page)
        self._shapes[key] = (annotation.hlc, shape)
        return shape

    def paint(self, painter: QPainter, page: int, shapes: PageShapes, target: QRectF, scale: float, night: bool,
              dpr: float) -> None:
        """Paint a page's annotations (``shapes``, from :meth:`page`) onto the page at ``target``."""
        shapes.paint_highlights(painter, target, scale, night)
        if not shapes.marks:
            return
        width, height = math.ceil(target.width() * dpr), math.ceil(target.height() * dpr)
        if shapes.complexity < self.RASTER_FROM or width * height > self.MAX_RASTER:
            shapes.paint_marks(painter, target, scale, night)
            return
        key = (width, height, scale, night, dpr)
        cached = self._rasters.get(page)
        if cached is None or cached[0] != key:
            image = QImage(width, height, QImage.Format.Format_ARGB32_Premultiplied)
            image.setDevicePixelRatio(dpr)
            image.fill(Qt.GlobalColor.transparent)
            inner = QPainter(image)
            shapes.paint_marks(inner, QRectF(0, 0, target.width(), target.height()), scale, night)
            inner.end()
            cached = self._rasters[page] = (key, image)
            while len(self._rasters) > self.RASTER_PAGES:
                self._rasters.popitem(last=False)
        else:
            self._rasters.move_to_end(page)
        painter.drawImage(target.topLeft(), cached[1])
