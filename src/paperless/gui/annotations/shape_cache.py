"""ShapeCache: each annotation's shape built once per version, merged per page, and the
marks of busy pages kept as pictures (see the class)."""

from __future__ import annotations

import math
from collections import OrderedDict
from collections.abc import Iterable
from dataclasses import dataclass

from PySide6.QtCore import QRect, QRectF, Qt
from PySide6.QtGui import QImage, QPainter, QRegion

from paperless.core.notes import Annotation, AnnotationKind
from paperless.gui.annotations.shapes import PageShapes, RasterKey, Shape, Versions, shape_of

MARGIN = 2  # device pixels around a mark that antialiasing (or a 1-pixel outline) may touch
COMPOSED_BYTES = 32 * 2**20  # page copies kept with their annotations on them (at least the last one)


Extents = dict[tuple[str, str], QRectF | None]  # (uuid, hlc) -> where its shape draws, in points


@dataclass
class Drawn:
    """An image drawn from a page's annotations: which versions, and where each one draws."""

    image: QImage
    versions: Versions
    extents: Extents


@dataclass
class Composed(Drawn):
    """A page image with the page's annotations on it."""

    source: object = None  # what the page image was (the canvas' PageImage): the same object, or made again
    night: bool = False
    scale: float = 1.0  # device pixels per point


@dataclass
class Picture(Drawn):
    """A page's marks alone, drawn at one zoom (``key``)."""

    key: RasterKey = (0, 0, 1.0, False, 1.0)


class ShapeCache:
    """Shapes per annotation version, merged per page, and the marks of busy pages as pictures.

    A page whose marks are costly to draw (many ink strokes: antialiased filling is what costs)
    has them drawn once into an image at the current zoom and pixel ratio, which each frame
    then only copies. Each merged page and picture remembers the annotation versions (uuid,
    clock) it was made of: a page is merged again only when its own set changed, and then its
    picture is *repaired* rather than redrawn: only where the marks that came, went or changed
    are (a move: where it was and where it is), the picture is cleared and the marks reaching
    there drawn again in their order, clipped — the same pixels as a whole redraw, at the cost
    of a few marks. Another zoom or night mode draws it again. At most :attr:`RASTER_PAGES`
    pictures are kept, none bigger than :attr:`MAX_RASTER` pixels (beyond, e.g. zoomed far in,
    the marks are drawn as vectors).
    """

    RASTER_FROM = 1500  # PageShapes.complexity from which a page's marks are cached as an image
    RASTER_PAGES = 4
    MAX_RASTER = 8 * 2**20  # device pixels

    def __init__(self) -> None:
        self._shapes: dict[tuple[str, int], tuple[str, Shape | None]] = {}  # (uuid, page) -> (hlc, shape)
        self._pages: dict[int, tuple[Versions, PageShapes]] = {}
        self._rasters: OrderedDict[int, Picture] = OrderedDict()
        self._composed: OrderedDict[int, Composed] = OrderedDict()
        self.incremental = 0  # pictures repaired where they changed instead of redrawn (tests, benchmarks)

    def forget(self, live: Iterable[str] | None = None) -> None:
        """The annotations changed. With ``live`` (the uuids still shown), only what changed is
        redone, page by page, when next painted; without, everything is merged and drawn again."""
        if live is None:
            self._pages.clear()
            self._rasters.clear()
            self._composed.clear()
            return
        keep = set(live)
        for key in [k for k in self._shapes if k[0] not in keep]:
            del self._shapes[key]

    def clear(self) -> None:
        self._shapes.clear()
        self._pages.clear()
        self._rasters.clear()
        self._composed.clear()

    def page(self, page: int, annotations: Iterable[Annotation]) -> PageShapes:
        listed = list(annotations)
        versions = frozenset((a.uuid, a.hlc) for a in listed)
        found = self._pages.get(page)
        if found is None or found[0] != versions:
            shapes = PageShapes((s for s in (self.shape(a, page) for a in listed) if s),
                                like=found[1] if found is not None else None)
            shapes.versions = versions
            found = self._pages[page] = (versions, shapes)
        return found[1]

    def shape(self, annotation: Annotation, page: int) -> Shape | None:
        key = (annotation.uuid, page)
        cached = self._shapes.get(key)
        if cached is not None and cached[0] == annotation.hlc:
            return cached[1]
        shape = shape_of(annotation, page)
        self._shapes[key] = (annotation.hlc, shape)
        return shape

    def composed(self, page: int, shapes: PageShapes, source: object, image: QImage, device_scale: float,
                 night: bool) -> QImage | None:
        """``image`` (of ``page`` at ``device_scale`` pixels per point; ``source`` is what it comes
        from) with all the page's annotations on it — the highlights multiplied in, the marks
        drawn over them — made once and kept while ``source`` is the same, so that a frame draws
        one image. An annotation that comes, goes or changes has only its own rectangles made
        again, in place (where it was and where it is). None: a page without annotations, or an
        image too big to copy (then :meth:`paint` draws them)."""
        if not shapes.count or image.width() * image.height() > self.MAX_RASTER:
            return None
        found = self._composed.get(page)
        if found is None or found.source is not source or found.night != night or found.scale != device_scale:
            with_them = image.convertToFormat(QImage.Format.Format_RGB32)  # a copy: drawn fast, painted on
            self._compose(with_them, image, shapes, device_scale, night, None)
            found = self._composed[page] = Composed(with_them, shapes.versions, self._extents(page, shapes.versions),
                                                    source=source, night=night, scale=device_scale)
        elif found.versions != shapes.versions:
            changed = self._catch_up(found, page, shapes.versions)
            region = self._region(changed, device_scale, image.width(), image.height())
            if not region.isEmpty():
                self._compose(found.image, image, self._near(shapes, changed, device_scale), device_scale, night,
                              region)
                self.incremental += 1
        self._composed.move_to_end(page)
        while len(self._composed) > 1 and sum(c.image.sizeInBytes() for c in self._composed.values()) > COMPOSED_BYTES:
            self._composed.popitem(last=False)
        return found.image

    def _extents(self, page: int, versions: Versions, *, highlights: bool = True) -> Extents:
        """Where each version's shape can change pixels (points): its marks, and its highlight
        unless ``highlights`` is False (a picture of the marks alone)."""
        out: Extents = {}
        for version in versions:
            found = self._shapes.get((version[0], page))
            shape = found[1] if found is not None else None
            if shape is None:
                out[version] = None
            elif shape.kind is AnnotationKind.HIGHLIGHT:
                out[version] = None if shape.path.isEmpty() or not highlights else shape.path.boundingRect()
            else:
                out[version] = shape.mark_bounds()
        return out

    def _catch_up(self, drawn: Drawn, page: int, versions: Versions, *, highlights: bool = True) -> list[QRectF]:
        """Bring ``drawn``'s record to ``versions``; the places that changed (old and new), in points."""
        came = self._extents(page, versions - drawn.versions, highlights=highlights)
        changed = [b for b in [drawn.extents.get(v) for v in drawn.versions - versions] + list(came.values())
                   if b is not None]
        for gone in drawn.versions - versions:
            del drawn.extents[gone]
        drawn.extents.update(came)
        drawn.versions = versions
        return changed

    def _region(self, changed: list[QRectF], factor: float, width: int, height: int) -> QRegion:
        region = QRegion()
        for bounds in changed:
            region += self._device_rect(bounds, factor)
        return region & QRegion(0, 0, width, height)

    @staticmethod
    def _near(shapes: PageShapes, changed: list[QRectF], factor: float, *, highlights: bool = True) -> PageShapes:
        """The page's shapes that may reach the pixels of ``changed`` (at ``factor`` pixels per point)."""
        slack = (2 * MARGIN + 2) / factor  # points: a mark this near a changed one may reach its pixels
        near = [b.adjusted(-slack, -slack, slack, slack) for b in changed]
        lit = [s for s in shapes.highlighted if any(s.path.boundingRect().intersects(n) for n in near)]
        marked = [s for s in shapes.marked if (b := s.mark_bounds()) is not None and any(b.intersects(n) for n in near)]
        return shapes.part([*lit, *marked] if highlights else marked)

    @staticmethod
    def _compose(target: QImage, page: QImage, shapes: PageShapes, device_scale: float, night: bool,
                 region: QRegion | None) -> None:
        """Draw ``shapes`` onto ``target`` (a copy of ``page``); with ``region``, only there,
        after putting the page's own pixels back (``shapes``: those reaching it, see _near)."""
        dpr = target.devicePixelRatio()
        target.setDevicePixelRatio(1.0)
        painter = QPainter(target)
        area = QRectF(0, 0, target.width(), target.height())
        if region is not None:
            painter.setClipRegion(region)
            painter.setCompositionMode(QPainter.CompositionMode.CompositionMode_Source)
            whole = QRectF(page.rect())  # in pixels, whatever the page's pixel ratio
            painter.drawImage(whole, page, whole)
            painter.setCompositionMode(QPainter.CompositionMode.CompositionMode_SourceOver)
        shapes.paint_highlights(painter, area, device_scale, night)  # multiplied: their order is free
        shapes.paint_marks(painter, area, device_scale, night)
        painter.end()
        target.setDevicePixelRatio(dpr)

    def paint(self, painter: QPainter, page: int, shapes: PageShapes, target: QRectF, scale: float, night: bool,
              dpr: float) -> None:
        """Paint a page's annotations (``shapes``, from :meth:`page`) onto the page at ``target``
        (where the canvas has no :meth:`composed` page: zoomed far in, or a page too big)."""
        shapes.paint_highlights(painter, target, scale, night)
        if not shapes.marks:
            return
        width, height = math.ceil(target.width() * dpr), math.ceil(target.height() * dpr)
        if shapes.complexity < self.RASTER_FROM or width * height > self.MAX_RASTER:
            shapes.paint_marks(painter, target, scale, night)
            return
        key: RasterKey = (width, height, scale, night, dpr)
        picture = self._rasters.get(page)
        if picture is None or picture.key != key:
            picture = self._draw(page, shapes, key, target)
        elif picture.versions != shapes.versions:
            self._repair(picture, page, shapes)
        self._rasters[page] = picture
        self._rasters.move_to_end(page)
        while len(self._rasters) > self.RASTER_PAGES:
            self._rasters.popitem(last=False)
        painter.drawImage(target.topLeft(), picture.image)

    def _draw(self, page: int, shapes: PageShapes, key: RasterKey, target: QRectF) -> Picture:
        width, height, scale, night, dpr = key
        image = QImage(width, height, QImage.Format.Format_ARGB32_Premultiplied)
        image.setDevicePixelRatio(dpr)
        image.fill(Qt.GlobalColor.transparent)
        inner = QPainter(image)
        shapes.paint_marks(inner, QRectF(0, 0, target.width(), target.height()), scale, night)
        inner.end()
        return Picture(image, shapes.versions, self._extents(page, shapes.versions, highlights=False), key=key)

    def _repair(self, picture: Picture, page: int, shapes: PageShapes) -> None:
        """Bring ``picture`` to ``shapes.versions`` by redrawing only where marks changed."""
        width, height, scale, night, dpr = picture.key
        factor = scale * dpr
        changed = self._catch_up(picture, page, shapes.versions, highlights=False)
        region = self._region(changed, factor, width, height)
        if region.isEmpty():  # only highlights changed (they are not in the picture), or off the page
            return
        reaching = self._near(shapes, changed, factor, highlights=False)
        image = picture.image
        image.setDevicePixelRatio(1.0)  # clip in device pixels, then draw as _draw does
        inner = QPainter(image)
        inner.setClipRegion(region)
        inner.setCompositionMode(QPainter.CompositionMode.CompositionMode_Clear)
        inner.fillRect(region.boundingRect(), Qt.GlobalColor.transparent)
        inner.setCompositionMode(QPainter.CompositionMode.CompositionMode_SourceOver)
        inner.scale(dpr, dpr)
        reaching.paint_marks(inner, QRectF(0, 0, width / dpr, height / dpr), scale, night)
        inner.end()
        image.setDevicePixelRatio(dpr)
        self.incremental += 1

    @staticmethod
    def _device_rect(bounds: QRectF, factor: float) -> QRect:
        return QRectF(bounds.x() * factor, bounds.y() * factor, bounds.width() * factor,
                      bounds.height() * factor).toAlignedRect().adjusted(-MARGIN, -MARGIN, MARGIN, MARGIN)
