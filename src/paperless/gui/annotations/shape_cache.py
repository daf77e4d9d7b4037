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


@dataclass
class Composed:
    """A page image with the page's annotations on it."""

    source: object  # what the page image was (the canvas' PageImage): the same object, or made again
    night: bool
    scale: float  # device pixels per point
    image: QImage
    versions: Versions  # the annotation versions on it
    extents: dict[tuple[str, str], QRectF | None]  # (uuid, hlc) -> where its shape is, in points


@dataclass
class Picture:
    """A page's marks drawn at one zoom, and where each annotation version's marks are."""

    key: RasterKey
    versions: Versions
    image: QImage
    bounds: dict[tuple[str, str], QRectF | None]  # (uuid, hlc) -> its marks' bounds in points


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
            found = self._composed[page] = Composed(source, night, device_scale, with_them, shapes.versions,
                                                    self._extents(page, shapes.versions))
        elif found.versions != shapes.versions:
            came = self._extents(page, shapes.versions - found.versions)
            changed = [b for b in [found.extents.get(v) for v in found.versions - shapes.versions]
                       + list(came.values()) if b is not None]
            for gone in found.versions - shapes.versions:
                del found.extents[gone]
            found.extents.update(came)
            found.versions = shapes.versions
            region = QRegion()
            for bounds in changed:
                region += self._device_rect(bounds, device_scale)
            region &= QRegion(0, 0, image.width(), image.height())
            if not region.isEmpty():
                self._compose(found.image, image, shapes, device_scale, night, region, changed)
                self.incremental += 1
        self._composed.move_to_end(page)
        while len(self._composed) > 1 and sum(c.image.sizeInBytes() for c in self._composed.values()) > COMPOSED_BYTES:
            self._composed.popitem(last=False)
        return found.image

    def _extents(self, page: int, versions: Versions) -> dict[tuple[str, str], QRectF | None]:
        """Where each version's shape can change pixels (points): its marks, or its highlight."""
        out: dict[tuple[str, str], QRectF | None] = {}
        for version in versions:
            found = self._shapes.get((version[0], page))
            shape = found[1] if found is not None else None
            if shape is None:
                out[version] = None
            elif shape.kind is AnnotationKind.HIGHLIGHT:
                out[version] = None if shape.path.isEmpty() else shape.path.boundingRect()
            else:
                out[version] = shape.mark_bounds()
        return out

    @staticmethod
    def _compose(target: QImage, page: QImage, shapes: PageShapes, device_scale: float, night: bool,
                 region: QRegion | None, changed: list[QRectF] | None = None) -> None:
        """Draw the annotations onto ``target`` (a copy of ``page``); with ``region``, only
        there (around ``changed``), after putting the page's own pixels back."""
        dpr = target.devicePixelRatio()
        target.setDevicePixelRatio(1.0)
        painter = QPainter(target)
        area = QRectF(0, 0, target.width(), target.height())
        marks = shapes  # everything, or what reaches the region (highlights multiply: their order is free)
        if region is not None:
            painter.setClipRegion(region)
            painter.setCompositionMode(QPainter.CompositionMode.CompositionMode_Source)
            whole = QRectF(page.rect())  # in pixels, whatever the page's pixel ratio
            painter.drawImage(whole, page, whole)
            painter.setCompositionMode(QPainter.CompositionMode.CompositionMode_SourceOver)
            slack = (2 * MARGIN + 2) / device_scale  # points: a mark this near a changed one may reach its pixels
            near = [b.adjusted(-slack, -slack, slack, slack) for b in changed or []]
            lit = [s for s in shapes.highlighted if any(s.path.boundingRect().intersects(n) for n in near)]
            marks = shapes.part([*lit, *(s for s in shapes.marked
                                         if (b := s.mark_bounds()) is not None and any(b.intersects(n) for n in near))])
        marks.paint_highlights(painter, area, device_scale, night)
        marks.paint_marks(painter, area, device_scale, night)
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

    def _bounds(self, page: int, versions: Versions) -> dict[tuple[str, str], QRectF | None]:
        out: dict[tuple[str, str], QRectF | None] = {}
        for version in versions:
            found = self._shapes.get((version[0], page))
            out[version] = found[1].mark_bounds() if found is not None and found[1] is not None else None
        return out

    def _draw(self, page: int, shapes: PageShapes, key: RasterKey, target: QRectF) -> Picture:
        width, height, scale, night, dpr = key
        image = QImage(width, height, QImage.Format.Format_ARGB32_Premultiplied)
        image.setDevicePixelRatio(dpr)
        image.fill(Qt.GlobalColor.transparent)
        inner = QPainter(image)
        shapes.paint_marks(inner, QRectF(0, 0, target.width(), target.height()), scale, night)
        inner.end()
        return Picture(key, shapes.versions, image, self._bounds(page, shapes.versions))

    def _repair(self, picture: Picture, page: int, shapes: PageShapes) -> None:
        """Bring ``picture`` to ``shapes.versions`` by redrawing only where marks changed."""
        width, height, scale, night, dpr = picture.key
        came = shapes.versions - picture.versions
        new_bounds = self._bounds(page, came)
        factor = scale * dpr
        changed = [b for b in [picture.bounds.get(v) for v in picture.versions - shapes.versions]
                   + list(new_bounds.values()) if b is not None]
        for gone in picture.versions - shapes.versions:
            del picture.bounds[gone]
        picture.bounds.update(new_bounds)
        picture.versions = shapes.versions
        region = QRegion()
        for bounds in changed:
            region += self._device_rect(bounds, factor)
        region &= QRegion(0, 0, width, height)
        if region.isEmpty():  # only highlights changed (they are not in the picture), or off the page
            return
        slack = (2 * MARGIN + 2) / factor  # points: a mark this near a changed one may reach its pixels
        near = [b.adjusted(-slack, -slack, slack, slack) for b in changed]
        reaching = [s for s in shapes.marked
                    if (b := s.mark_bounds()) is not None and any(b.intersects(n) for n in near)]
        image = picture.image
        image.setDevicePixelRatio(1.0)  # clip in device pixels, then draw as _draw does
        inner = QPainter(image)
        inner.setClipRegion(region)
        inner.setCompositionMode(QPainter.CompositionMode.CompositionMode_Clear)
        inner.fillRect(region.boundingRect(), Qt.GlobalColor.transparent)
        inner.setCompositionMode(QPainter.CompositionMode.CompositionMode_SourceOver)
        inner.scale(dpr, dpr)
        shapes.part(reaching).paint_marks(inner, QRectF(0, 0, width / dpr, height / dpr), scale, night)
        inner.end()
        image.setDevicePixelRatio(dpr)
        self.incremental += 1

    @staticmethod
    def _device_rect(bounds: QRectF, factor: float) -> QRect:
        return QRectF(bounds.x() * factor, bounds.y() * factor, bounds.width() * factor,
                      bounds.height() * factor).toAlignedRect().adjusted(-MARGIN, -MARGIN, MARGIN, MARGIN)
