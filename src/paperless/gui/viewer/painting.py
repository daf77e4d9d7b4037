"""Drawing helpers for the page canvas: page images, placeholders, marks, the watermark."""

from __future__ import annotations

import math
from collections import OrderedDict
from collections.abc import Sequence
from dataclasses import dataclass

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QImage, QPainter, QPixmap

from paperless.core.render import Image, RenderKey

Rect = tuple[float, float, float, float]

HIT = QColor(255, 214, 0, 100)
CURRENT_HIT = QColor(255, 120, 0, 140)
SELECTION = QColor(0, 110, 220, 80)


@dataclass(frozen=True)
class Palette:
    background: QColor
    placeholder: QColor
    border: QColor
    error_fill: QColor
    text: QColor
    watermark: QColor


DAY = Palette(QColor(118, 118, 118), QColor(222, 222, 222), QColor(80, 80, 80), QColor(246, 246, 246),
              QColor(70, 70, 70), QColor(110, 110, 110, 40))
NIGHT = Palette(QColor(30, 30, 30), QColor(58, 58, 58), QColor(8, 8, 8), QColor(40, 40, 40),
                QColor(200, 200, 200), QColor(200, 200, 200, 40))


@dataclass(frozen=True)
class PageImage:
    """A rendered page ready to paint. ``qimage`` wraps ``image.samples`` (no copy); keeping
    the :class:`Image` here keeps those bytes alive for as long as the QImage is used."""

    key: RenderKey
    image: Image
    qimage: QImage
    scale: float  # logical pixels per point it was rendered for


def to_qimage(image: Image, device_pixel_ratio: float) -> QImage:
    # samples: bytes, or the mmap of a shared segment (any buffer works; the stubs say bytes)
    samples = image.samples
    qimage = QImage(samples, image.width, image.height, image.stride,  # type: ignore[arg-type]
                    QImage.Format.Format_RGB888)
    qimage.setDevicePixelRatio(device_pixel_ratio)
    return qimage


def draw_page_image(painter: QPainter, target: QRectF, page_image: PageImage, exact: bool,
                    instead: QImage | None = None) -> None:
    """At the current zoom the image is drawn 1:1 (device pixels); a stale zoom is scaled.
    ``instead``: the same page image with more on it (the same size), drawn in its place."""
    qimage = instead if instead is not None else page_image.qimage
    if exact:
        painter.drawImage(target.topLeft(), qimage)
    else:
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform, True)
        painter.drawImage(target, qimage)
        painter.restore()


def draw_placeholder(painter: QPainter, target: QRectF, palette: Palette) -> None:
    painter.fillRect(target, palette.placeholder)


def draw_error(painter: QPainter, target: QRectF, shown: QRectF, palette: Palette, title: str, detail: str) -> None:
    """An error placeholder; the message is centred in the part of the page on screen."""
    painter.fillRect(target, palette.error_fill)
    painter.save()
    painter.setPen(palette.text)
    font = QFont(painter.font())
    area = target.intersected(shown)
    font.setPixelSize(max(9, min(22, int(area.width() / 26))))
    painter.setFont(font)
    box = area.adjusted(area.width() * 0.1, 0, -area.width() * 0.1, 0)
    flags = Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap
    painter.drawText(box, int(flags), f"\u26a0\n{title}\n\n{detail}")
    painter.restore()


def draw_border(painter: QPainter, target: QRectF, palette: Palette) -> None:
    painter.save()
    painter.setPen(palette.border)
    painter.setBrush(Qt.BrushStyle.NoBrush)
    painter.drawRect(target.adjusted(-1, -1, 0, 0))
    painter.restore()


def fill_rects(painter: QPainter, target: QRectF, scale: float, rects: Sequence[Rect], color: QColor) -> None:
    """Fill page rectangles (in points) on the page drawn at ``target``."""
    for x0, y0, x1, y1 in rects:
        painter.fillRect(
            QRectF(target.x() + x0 * scale, target.y() + y0 * scale, (x1 - x0) * scale, (y1 - y0) * scale), color
        )


def draw_hits(painter: QPainter, target: QRectF, scale: float, hits: Sequence[Rect], current: Sequence[Rect], *,
              whole_page: bool = False) -> None:
    """Search hits on one page: ``current`` (the current match's rectangles) strongly, the
    rest lightly; ``whole_page``: every hit of the page strongly (the current match unknown)."""
    if whole_page:
        fill_rects(painter, target, scale, hits, CURRENT_HIT)
        return
    strong = list(current)
    others = list(hits)
    for rect in strong:
        if rect in others:
            others.remove(rect)
    fill_rects(painter, target, scale, others, HIT)
    fill_rects(painter, target, scale, strong, CURRENT_HIT)


def draw_message(painter: QPainter, area: QRectF, text: str, color: QColor) -> None:
    painter.save()
    painter.setPen(color)
    font = QFont(painter.font())
    font.setPointSizeF(font.pointSizeF() * 1.3)
    painter.setFont(font)
    flags = Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap
    painter.drawText(area.adjusted(40, 40, -40, -40), int(flags), text)
    painter.restore()


class Watermark:
    """The reader's name etc. drawn faint and diagonally, three times over every page.

    It is painted in the canvas' paint routine, so every page on screen (and every
    screenshot of it) carries it. A page much bigger than the viewport (zoomed in) is cut
    into a grid of tiles, each carrying the three copies, so any part of it on screen still
    shows the mark. Up to ~60 device pixels the text is drawn directly (Qt caches the
    glyphs: well under a millisecond); bigger, Qt would fill glyph paths on every paint, so
    the tile is drawn once into a pixmap of at most ``MAX_PIXMAP`` pixels a side and that
    pixmap is scaled onto the page.
    """

    MAX_GLYPH = 60
    MAX_PIXMAP = 1400
    TILE_FACTOR = 1.5  # a tile's longest side is at most this times the viewport's longest side

    def __init__(self) -> None:
        self.text = ""
        self._pixmaps: OrderedDict[tuple[int, int, int], QPixmap] = OrderedDict()

    def set_text(self, text: str | None) -> None:
        self.text = (text or "").strip()
        self._pixmaps.clear()

    def font_for(self, width: float, height: float) -> QFont:
        """A bold font whose text spans half the diagonal of a width x height tile (a short
        text stops at a twentieth of the tile's short side)."""
        font = QFont()
        font.setBold(True)
        font.setPixelSize(100)
        advance = QFontMetricsF(font).horizontalAdvance(self.text)
        size = min(100 * 0.5 * math.hypot(width, height) / max(advance, 1.0), min(width, height) / 20)
        font.setPixelSize(max(6, int(size)))
        return font

    def draw(self, painter: QPainter, target: QRectF, shown: QRectF, color: QColor, device_pixel_ratio: float) -> None:
        """Mark the page drawn at ``target``; ``shown`` is the part of the canvas on screen."""
        if not self.text or target.width() < 2 or target.height() < 2:
            return
        longest = self.TILE_FACTOR * max(shown.width(), shown.height(), 1.0)
        cuts = max(1, math.ceil(max(target.width(), target.height()) / longest))
        tile_w, tile_h = target.width() / cuts, target.height() / cuts
        font = self.font_for(tile_w, tile_h)
        direct = font.pixelSize() * device_pixel_ratio <= self.MAX_GLYPH
        painter.save()
        painter.setClipRect(target, Qt.ClipOperation.IntersectClip)
        for row in range(cuts):
            for column in range(cuts):
                tile = QRectF(target.x() + column * tile_w, target.y() + row * tile_h, tile_w, tile_h)
                if not tile.intersects(shown):
                    continue
                if direct:
                    painter.save()
                    self._paint(painter, tile, font, color)
                    painter.restore()
                else:
                    self._draw_pixmap(painter, tile, color)
        painter.restore()

    def paint_whole(self, painter: QPainter, target: QRectF, color: QColor) -> None:
        """Mark a page drawn at ``target`` on a device of any resolution (a printer), as vectors."""
        if not self.text or target.width() < 2 or target.height() < 2:
            return
        painter.save()
        painter.setClipRect(target, Qt.ClipOperation.IntersectClip)
        self._paint(painter, target, self.font_for(target.width(), target.height()), color)
        painter.restore()

    def _draw_pixmap(self, painter: QPainter, tile: QRectF, color: QColor) -> None:
        shrink = self.MAX_PIXMAP / max(tile.width(), tile.height())
        width, height = max(1, round(tile.width() * shrink)), max(1, round(tile.height() * shrink))
        key = (width, height, color.rgba())
        pixmap = self._pixmaps.get(key)
        if pixmap is None:
            pixmap = QPixmap(width, height)
            pixmap.fill(Qt.GlobalColor.transparent)
            pix_painter = QPainter(pixmap)
            self._paint(pix_painter, QRectF(0, 0, width, height), self.font_for(width, height), color)
            pix_painter.end()
            self._pixmaps[key] = pixmap
            while len(self._pixmaps) > 2:
                self._pixmaps.popitem(last=False)
        else:
            self._pixmaps.move_to_end(key)
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform, True)
        painter.drawPixmap(tile, pixmap, QRectF(pixmap.rect()))
        painter.restore()

    def _paint(self, painter: QPainter, tile: QRectF, font: QFont, color: QColor) -> None:
        width, height = tile.width(), tile.height()
        diagonal = math.hypot(width, height)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        painter.setRenderHint(QPainter.RenderHint.TextAntialiasing, True)
        painter.setFont(font)
        painter.setPen(color)
        metrics = QFontMetricsF(font)
        text_width = metrics.horizontalAdvance(self.text)
        offset = 0.42 * width * height / diagonal  # perpendicular distance of the outer copies
        painter.translate(tile.center())
        painter.rotate(-math.degrees(math.atan2(height, width)))
        for k in (-1, 0, 1):
            baseline = k * offset + (metrics.ascent() - metrics.descent()) / 2
            painter.drawText(QPointF(-text_width / 2, baseline), self.text)
