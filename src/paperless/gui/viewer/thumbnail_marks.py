"""The member's annotations on the page thumbnails, as on the pages (highlights multiplied,
ink, lines, notes and text boxes), drawn as vectors onto a copy of each small page image.

:class:`ThumbnailMarks` gives the :class:`~paperless.gui.viewer.thumbnails.ThumbnailPanel` its
``decorate`` and ``stamp`` from what the pages show
(:class:`~paperless.gui.viewer.annotation_view.ShownAnnotations`) and asks it to refresh when
the annotations change; only thumbnails whose page changed are redrawn.
"""

from __future__ import annotations

from collections.abc import Hashable

from PySide6.QtCore import QObject, QRectF
from PySide6.QtGui import QImage, QPainter

from paperless.gui.annotations.shapes import PageShapes
from paperless.gui.viewer.annotation_view import ShownAnnotations
from paperless.gui.viewer.overlay import PageArea
from paperless.gui.viewer.thumbnails import ThumbnailPanel


class ThumbnailMarks(QObject):
    def __init__(self, shown: ShownAnnotations, pages: PageArea, panel: ThumbnailPanel,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._shown = shown
        self._pages = pages
        self._panel = panel
        panel.decorate = self.decorate
        panel.stamp = self.stamp
        shown.changed.connect(panel.refresh)

    def stamp(self, page: int) -> Hashable:
        return frozenset((a.uuid, a.hlc) for a in self._shown.on_page(page)), self._pages.night

    def decorate(self, page: int, image: QImage, scale: float) -> QImage:
        """``image`` of ``page`` (``scale`` logical pixels per point) with the page's marks, or
        ``image`` itself when it has none."""
        annotations = self._shown.on_page(page)
        if not annotations:
            return image
        cache = self._shown.shapes
        shapes = PageShapes(s for s in (cache.shape(a, page) for a in annotations) if s)
        marked = image.convertToFormat(QImage.Format.Format_ARGB32_Premultiplied)
        dpr = image.devicePixelRatio()
        marked.setDevicePixelRatio(dpr)
        painter = QPainter(marked)
        target = QRectF(0, 0, marked.width() / dpr, marked.height() / dpr)
        shapes.paint(painter, target, scale, self._pages.night)
        painter.end()
        return marked
