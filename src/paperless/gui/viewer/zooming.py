"""Zoom for DocumentView: the zoom modes, zoom steps and pinches, laying the pages out again."""

from __future__ import annotations

from PySide6.QtCore import QPointF

from paperless.gui.viewer.annotating import Annotating
from paperless.gui.viewer.canvas import PageCanvas
from paperless.gui.viewer.layout import MAX_ZOOM, MIN_ZOOM, PageLayout, ZoomMode, next_zoom
from paperless.gui.viewer.toolbar import ViewerToolbar


class Zooming:
    """Mixed into :class:`~paperless.gui.viewer.document_view.DocumentView` (which sets these)."""

    _layout: PageLayout
    canvas: PageCanvas
    _toolbar: ViewerToolbar
    _mode: ZoomMode
    _zoom: float
    _current: int
    annotating: Annotating

    def go_to_page(self, page: int, y: float | None = None) -> None:
        raise NotImplementedError

    def _refresh(self) -> None:
        raise NotImplementedError

    def zoom_in(self) -> None:
        self._zoom_step(1, None)

    def zoom_out(self) -> None:
        self._zoom_step(-1, None)

    def fit_width(self) -> None:
        self._set_zoom(ZoomMode.FIT_WIDTH, self._zoom, QPointF(0, 0))

    def fit_page(self) -> None:
        self._set_zoom(ZoomMode.FIT_PAGE, self._zoom, QPointF(0, 0))
        if self._current >= 0:
            self.go_to_page(self._current)

    def actual_size(self) -> None:
        self._set_zoom(ZoomMode.CUSTOM, 1.0, None)

    def set_zoom(self, factor: float) -> None:
        """Zoom to ``factor`` of the actual size (1.0 = 100 %)."""
        self._set_zoom(ZoomMode.CUSTOM, factor, None)

    def zoom_mode(self) -> ZoomMode:
        return self._mode

    def zoom_factor(self) -> float:
        """The zoom in force as a factor of the actual size (also in the fit modes)."""
        return self._layout.scale / self._unit() if self._layout.page_count else self._zoom

    def _unit(self) -> float:
        return self.canvas.logicalDpiX() / 72.0

    def _on_resized(self) -> None:
        self._relayout(QPointF(0, 0))

    def _pinch(self, factor: float, anchor: QPointF | None) -> None:
        self._set_zoom(ZoomMode.CUSTOM, self.zoom_factor() * factor, anchor)

    def _zoom_step(self, direction: int, anchor: QPointF | None) -> None:
        self._set_zoom(ZoomMode.CUSTOM, next_zoom(self.zoom_factor(), direction), anchor)

    def _zoom_chosen(self, choice: object) -> None:
        if choice is ZoomMode.FIT_WIDTH:
            self.fit_width()
        elif choice is ZoomMode.FIT_PAGE:
            self.fit_page()
        elif isinstance(choice, float | int):
            self.set_zoom(float(choice))

    def _set_zoom(self, mode: ZoomMode, zoom: float, anchor: QPointF | None) -> None:
        self._mode, self._zoom = mode, min(MAX_ZOOM, max(MIN_ZOOM, zoom))
        self._relayout(anchor)

    def _relayout(self, anchor: QPointF | None) -> None:
        """Lay the pages out for the zoom mode and viewport, keeping the point under
        ``anchor`` (viewport coordinates; default the centre) where it was."""
        layout = self._layout
        if layout.page_count == 0:
            self._toolbar.set_zoom(self._mode, self._zoom)
            return
        c = self.canvas
        vw, vh = c.viewport_size()
        point = anchor if anchor is not None else QPointF(vw / 2, vh / 2)
        scroll = layout.relayout(self._mode, self._zoom, (vw, vh), self._unit(),
                                 (c.content_left(), c.content_top()), (point.x(), point.y()))
        c.update_scrollbars()
        if scroll is not None:
            c.scroll_to(*scroll)
        self._toolbar.set_zoom(self._mode, self.zoom_factor())
        self.canvas.viewport().update()
        self.annotating.pages_moved()  # an open note or text box follows the zoom
        self._refresh()
