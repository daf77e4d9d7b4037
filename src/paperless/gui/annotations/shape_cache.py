"""ShapeCache: each annotation's shape built once per version, merged per page, and the
marks of busy pages kept as pictures (see the class)."""

from __future__ import annotations

import math
from collections import OrderedDict
from collections.abc import Iterable

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QImage, QPainter

from paperless.core.notes import Annotation
from paperless.gui.annotations.shapes import PageShapes, RasterKey, Shape, Versions, shape_of


class ShapeCache:
    """Shapes per annotation version, merged per page, and the marks of busy pages as pictures.

    A page whose marks are costly to draw (many ink strokes: antialiased filling is what costs)
    has them drawn once into an image at the current zoom and pixel ratio, which each frame
    then only copies. Each merged page and picture remembers the annotation versions (uuid,
    clock) it was made of: a page is merged again only when its own set changed, and when
    annotations were only *added* to a page, the picture is kept and just the new marks are
    drawn onto it (adding a highlight or a stroke on a busy page costs a fraction of a
    rebuild); anything else (a delete, a move, another zoom or night mode) redraws it.
    At most :attr:`RASTER_PAGES` such images are kept, none bigger than :attr:`MAX_RASTER`
    pixels (beyond, e.g. zoomed far in, the marks are drawn as vectors).
    """

    RASTER_FROM = 1500  # PageShapes.complexity from which a page's marks are cached as an image
    RASTER_PAGES = 4
    MAX_RASTER = 8 * 2**20  # device pixels

    def __init__(self) -> None:
        self._shapes: dict[tuple[str, int], tuple[str, Shape | None]] = {}  # (uuid, page) -> (hlc, shape)
        self._pages: dict[int, tuple[Versions, PageShapes]] = {}
        self._rasters: OrderedDict[int, tuple[RasterKey, Versions, QImage]] = OrderedDict()
        self.incremental = 0  # pictures updated by drawing only the added marks (tests, benchmarks)

    def forget(self, live: Iterable[str] | None = None) -> None:
        """The annotations changed. With ``live`` (the uuids still shown), only what changed is
        redone, page by page, when next painted; without, everything is merged and drawn again."""
        if live is None:
            self._pages.clear()
            self._rasters.clear()
            return
        keep = set(live)
        for key in [k for k in self._shapes if k[0] not in keep]:
            del self._shapes[key]

    def clear(self) -> None:
        self._shapes.clear()
        self._pages.clear()
        self._rasters.clear()

    def page(self, page: int, annotations: Iterable[Annotation]) -> PageShapes:
        listed = list(annotations)
        versions = frozenset((a.uuid, a.hlc) for a in listed)
        found = self._pages.get(page)
        if found is None or found[0] != versions:
            shapes = PageShapes(s for s in (self.shape(a, page) for a in listed) if s)
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
        key: RasterKey = (width, height, scale, night, dpr)
        cached = self._rasters.get(page)
        area = QRectF(0, 0, target.width(), target.height())
        if cached is not None and cached[0] == key and cached[1] == shapes.versions:
            self._rasters.move_to_end(page)
            image = cached[2]
        elif cached is not None and cached[0] == key and cached[1] < shapes.versions:
            added = PageShapes(s for s in (self._shapes.get((uuid, page), ("", None))[1]
                                            for uuid, _hlc in shapes.versions - cached[1]) if s)
            image = cached[2]
            inner = QPainter(image)  # only the new marks, onto the picture of the others
            added.paint_marks(inner, area, scale, night)
            inner.end()
            self._rasters[page] = (key, shapes.versions, image)
            self._rasters.move_to_end(page)
            self.incremental += 1
        else:
            image = QImage(width, height, QImage.Format.Format_ARGB32_Premultiplied)
            image.setDevicePixelRatio(dpr)
            image.fill(Qt.GlobalColor.transparent)
            inner = QPainter(image)
            shapes.paint_marks(inner, area, scale, night)
            inner.end()
            self._rasters[page] = (key, shapes.versions, image)
            self._rasters.move_to_end(page)
            while len(self._rasters) > self.RASTER_PAGES:
                self._rasters.popitem(last=False)
        painter.drawImage(target.topLeft(), image)
