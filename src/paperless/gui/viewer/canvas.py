"""PageCanvas: the scrolling area that paints the pages and turns input into requests.

It paints what it is given (page images, errors, links, words, highlights) and never talks
to the render worker; :class:`~paperless.gui.viewer.document_view.DocumentView` fills it in
and reacts to its signals. A QAbstractScrollArea (not a huge child widget) so that a long
document at a high zoom never meets Qt's widget size limit. The mouse on links and text
selection (with auto-scroll) is :class:`~paperless.gui.viewer.pointer.PointerInteraction`'s;
an ``overlay`` (the annotations, :class:`~paperless.gui.viewer.annotating.Annotating`) paints
over each page and is offered every mouse, pen and key event first.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QPointF, QRectF, Qt, QTimer, Signal
from PySide6.QtGui import (
    QContextMenuEvent,
    QKeyEvent,
    QKeySequence,
    QMouseEvent,
    QNativeGestureEvent,
    QPainter,
    QPaintEvent,
    QResizeEvent,
    QTabletEvent,
    QWheelEvent,
)
from PySide6.QtWidgets import QAbstractScrollArea, QGestureEvent, QPinchGesture, QWidget

from paperless.core.render import LinkInfo, Word
from paperless.gui.viewer import painting
from paperless.gui.viewer.layout import PageLayout
from paperless.gui.viewer.overlay import CanvasOverlay
from paperless.gui.viewer.pointer import PointerInteraction

STEP = 48  # pixels per arrow key / wheel notch

_OUR_KEYS = (QKeySequence.StandardKey.ZoomIn, QKeySequence.StandardKey.ZoomOut, QKeySequence.StandardKey.Copy)
_TABLET = (QEvent.Type.TabletPress, QEvent.Type.TabletMove, QEvent.Type.TabletRelease)


class PageCanvas(QAbstractScrollArea):
    viewport_changed = Signal()  # scrolled or resized: the visible pages may differ
    resized = Signal()
    user_scrolled = Signal()
    zoom_step = Signal(int, object)  # direction (+1/-1), anchor QPointF in the viewport or None
    zoom_factor = Signal(float, object)  # pinch: multiply the zoom, anchor
    actual_size_requested = Signal()
    navigate = Signal(str)  # "next", "previous", "first", "last"
    copy_requested = Signal()
    link_activated = Signal(object)  # LinkInfo
    words_needed = Signal(int)
    context_menu = Signal(object)  # QPoint (global): nothing else took the context menu (the selection's menu)
    selection_blocked = Signal()
    painted = Signal()  # after each paint of the pages (frame timing in benchmarks and tests)
    page_painted = Signal(int)  # a page's new image was painted for the first time (sent after that paint)

    def __init__(self, layout: PageLayout, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.pages = layout
        self.images: dict[int, painting.PageImage] = {}
        self.tiles: dict[int, dict[tuple[int, int, int, int], painting.PageImage]] = {}  # viewer/tiles.py
        self.errors: dict[int, str] = {}
        self.links: dict[int, list[LinkInfo]] = {}
        self.words: dict[int, list[Word]] = {}
        self.highlights: dict[int, list[painting.Rect]] = {}
        self.current_highlight: int | None = None  # the page of the current search hit
        self.current_rects: list[painting.Rect] | None = None  # its rectangles (None: the whole page's)
        self.fresh: set[int] = set()  # pages whose new image has not been painted yet
        self._painted_pages: list[int] = []  # painted since, to announce once the paint is over
        self._announcer = QTimer(self, singleShot=True, interval=0)  # a slot may grab or repaint the window
        self._announcer.timeout.connect(self._announce)
        self.pointer = PointerInteraction(self, self)  # links and text selection
        self.pointer.link_activated.connect(self.link_activated)
        self.pointer.words_needed.connect(self.words_needed)
        self.pointer.selection_blocked.connect(self.selection_blocked)
        self.message = ""
        self.night = False
        self.watermark = painting.Watermark()
        self.overlay: CanvasOverlay | None = None
        self._programmatic = 0
        self._wheel_rest = 0
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setFrameShape(QAbstractScrollArea.Shape.NoFrame)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOn)  # fit-width never oscillates
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAsNeeded)
        self.viewport().setMouseTracking(True)
        self.viewport().grabGesture(Qt.GestureType.PinchGesture)
        self.viewport().setAttribute(Qt.WidgetAttribute.WA_OpaquePaintEvent, True)
        self.retranslate()

    def retranslate(self) -> None:
        """Texts set once; the others (error pages, link tips) are translated when shown."""
        self.setAccessibleName(self.tr("Document pages"))
        self.viewport().setToolTip("")  # a link's tip comes back in the new language on the next hover
        self.viewport().update()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    # ---- geometry -----------------------------------------------------------------------

    @property
    def palette_(self) -> painting.Palette:
        return painting.NIGHT if self.night else painting.DAY

    def content_top(self) -> int:
        return self.verticalScrollBar().value()

    def content_left(self) -> int:
        return self.horizontalScrollBar().value()

    def viewport_size(self) -> tuple[int, int]:
        size = self.viewport().size()
        return size.width(), size.height()

    def to_content(self, pos: QPointF) -> QPointF:
        return QPointF(pos.x() + self.content_left(), pos.y() + self.content_top())

    def page_target(self, page: int) -> QRectF:
        r = self.pages.rect(page)
        return QRectF(r.x - self.content_left(), r.y - self.content_top(), r.width, r.height)

    def update_scrollbars(self) -> None:
        vw, vh = self.viewport_size()
        self._programmatic += 1
        try:
            for bar, total, page in (
                (self.verticalScrollBar(), self.pages.height, vh),
                (self.horizontalScrollBar(), self.pages.width, vw),
            ):
                bar.setRange(0, max(0, total - page))
                bar.setPageStep(max(1, page))
                bar.setSingleStep(STEP)
        finally:
            self._programmatic -= 1

    def scroll_to(self, x: float | None, y: float | None) -> None:
        """Scroll so that content point (x, y) is at the viewport's top-left (None: keep)."""
        self._programmatic += 1
        try:
            if x is not None:
                self.horizontalScrollBar().setValue(round(x))
            if y is not None:
                self.verticalScrollBar().setValue(round(y))
        finally:
            self._programmatic -= 1

    def scrollContentsBy(self, dx: int, dy: int) -> None:
        self.viewport().update()
        if not self._programmatic:
            self.user_scrolled.emit()
        self.viewport_changed.emit()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self.resized.emit()

    # ---- painting -----------------------------------------------------------------------

    def paintEvent(self, event: QPaintEvent) -> None:
        palette = self.palette_
        painter = QPainter(self.viewport())
        area = QRectF(event.rect())
        painter.fillRect(area, palette.background)
        if self.pages.page_count == 0 or not self.pages.height:
            if self.message:
                painting.draw_message(painter, QRectF(self.viewport().rect()), self.message, painting.DAY.placeholder)
            painter.end()
            return
        dpr = self.viewport().devicePixelRatioF()
        shown = QRectF(self.viewport().rect())
        top = self.content_top()
        scale = self.pages.scale
        shown_now: list[int] = []
        for page in self.pages.visible(top + area.top(), top + area.bottom() + 1):
            target = self.page_target(page)
            image = self.images.get(page)
            composed = False
            if image is not None:
                exact = image.scale == scale and image.qimage.devicePixelRatio() == dpr
                tiles = self.tiles.get(page, {})
                with_layer = self.overlay.composed(page, image) if self.overlay is not None and not tiles else None
                composed = with_layer is not None
                painting.draw_page_image(painter, target, image, exact, with_layer)
                for (x0, y0, _x1, _y1), tile in tiles.items():  # sharp parts, zoomed far in
                    if tile.scale == scale and tile.qimage.devicePixelRatio() == dpr:
                        painter.drawImage(QPointF(target.left() + x0 / dpr, target.top() + y0 / dpr), tile.qimage)
                if page in self.fresh and area.intersects(target):
                    shown_now.append(page)
            elif page in self.errors:
                title = self.tr("Page {page} could not be displayed.").format(page=page + 1)
                painting.draw_error(painter, target, shown, palette, title, self.errors[page])
            else:
                painting.draw_placeholder(painter, target, palette)
            painting.draw_border(painter, target, palette)
            if self.overlay is not None:
                self.overlay.paint_under(painter, page, target, composed)
            hits = self.highlights.get(page)
            if hits:
                current = page == self.current_highlight
                strong = (self.current_rects or []) if current else []
                painting.draw_hits(painter, target, scale, hits, strong, whole_page=current and not strong)
            chosen = self.selection.get(page)
            if chosen:
                rects = [(w.x0, w.y0, w.x1, w.y1) for w in chosen]
                painting.fill_rects(painter, target, scale, rects, painting.SELECTION)
            if self.overlay is not None:
                self.overlay.paint_over(painter, page, target)
            self.watermark.draw(painter, target, shown, palette.watermark, dpr)
        painter.end()
        self.painted.emit()
        if shown_now:
            self.fresh.difference_update(shown_now)
            self._painted_pages.extend(shown_now)
            self._announcer.start()

    def _announce(self) -> None:
        pages, self._painted_pages = self._painted_pages, []
        for page in pages:
            self.page_painted.emit(page)

    def reset(self) -> None:
        """A new document (or none): forget the pages' images, errors, links, words, search
        marks and selection; no page painted so far is announced any more."""
        self.images, self.errors, self.links, self.words, self.highlights = {}, {}, {}, {}, {}
        self.tiles = {}
        self.current_highlight, self.current_rects = None, None
        self.fresh.clear()
        self._painted_pages = []
        self._announcer.stop()
        self.clear_selection()
        self.update_scrollbars()

    def show_image(self, page: int, image: painting.PageImage) -> None:
        """Take a page's new image; repaint it (``page_painted`` follows that paint)."""
        self.images[page] = image
        self.fresh.add(page)
        self.errors.pop(page, None)
        self.viewport().update(self.page_target(page).toAlignedRect().adjusted(-2, -2, 2, 2))

    # ---- keyboard -----------------------------------------------------------------------

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ShortcutOverride and isinstance(event, QKeyEvent):
            if any(event.matches(k) for k in _OUR_KEYS) or self._is_actual_size(event):
                event.accept()  # ours while the pages have focus, not a window shortcut's
                return True
        return super().event(event)

    @staticmethod
    def _is_actual_size(event: QKeyEvent) -> bool:
        return event.key() == Qt.Key.Key_0 and bool(event.modifiers() & Qt.KeyboardModifier.ControlModifier)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if self.overlay is not None and self.overlay.input.key(event):
            event.accept()
            return
        key, mods = event.key(), event.modifiers()
        shift = bool(mods & Qt.KeyboardModifier.ShiftModifier)
        vbar, hbar = self.verticalScrollBar(), self.horizontalScrollBar()
        if event.matches(QKeySequence.StandardKey.ZoomIn) or (
            key == Qt.Key.Key_Equal and mods & Qt.KeyboardModifier.ControlModifier
        ):
            self.zoom_step.emit(1, None)
        elif event.matches(QKeySequence.StandardKey.ZoomOut):
            self.zoom_step.emit(-1, None)
        elif self._is_actual_size(event):
            self.actual_size_requested.emit()
        elif event.matches(QKeySequence.StandardKey.Copy):
            self.copy_requested.emit()
        elif key == Qt.Key.Key_PageDown:
            self.navigate.emit("next")
        elif key == Qt.Key.Key_PageUp:
            self.navigate.emit("previous")
        elif key == Qt.Key.Key_Home:
            self.navigate.emit("first")
        elif key == Qt.Key.Key_End:
            self.navigate.emit("last")
        elif key == Qt.Key.Key_Space:
            screen = max(STEP, vbar.pageStep() - STEP)
            vbar.setValue(vbar.value() + (-screen if shift else screen))
        elif key == Qt.Key.Key_Down:
            vbar.setValue(vbar.value() + STEP)
        elif key == Qt.Key.Key_Up:
            vbar.setValue(vbar.value() - STEP)
        elif key in (Qt.Key.Key_Left, Qt.Key.Key_Right):
            forward = key == Qt.Key.Key_Right
            if hbar.maximum() > 0:
                hbar.setValue(hbar.value() + (STEP if forward else -STEP))
            else:
                self.navigate.emit("next" if forward else "previous")
        else:
            super().keyPressEvent(event)

    # ---- wheel and gestures -----------------------------------------------------------------

    def wheelEvent(self, event: QWheelEvent) -> None:
        if event.modifiers() & Qt.KeyboardModifier.ControlModifier:
            self._wheel_rest += event.angleDelta().y()
            steps = int(self._wheel_rest / 120)  # high-resolution wheels send smaller deltas
            self._wheel_rest -= steps * 120
            for _ in range(abs(steps)):
                self.zoom_step.emit(1 if steps > 0 else -1, event.position())
            event.accept()
            return
        super().wheelEvent(event)

    def viewportEvent(self, event: QEvent) -> bool:
        if event.type() in _TABLET and isinstance(event, QTabletEvent) and self.overlay is not None:
            if self.overlay.input.tablet(event):
                return True  # taken: no mouse events are made from it
        if isinstance(event, QGestureEvent):
            gesture = event.gesture(Qt.GestureType.PinchGesture)
            if isinstance(gesture, QPinchGesture):
                flags = gesture.changeFlags()
                if flags & QPinchGesture.ChangeFlag.ScaleFactorChanged and gesture.scaleFactor() > 0:
                    anchor = self.viewport().mapFromGlobal(gesture.centerPoint().toPoint())
                    self.zoom_factor.emit(float(gesture.scaleFactor()), QPointF(anchor))
                event.accept(gesture)
                return True
        if isinstance(event, QNativeGestureEvent):
            if event.gestureType() == Qt.NativeGestureType.ZoomNativeGesture:
                self.zoom_factor.emit(1.0 + float(event.value()), event.position())
                return True
        return super().viewportEvent(event)

    # ---- mouse: links and selection (see pointer.py) ---------------------------------------

    @property
    def selection(self) -> dict[int, list[Word]]:
        """The selected words, page by page."""
        return self.pointer.selection

    @property
    def selectable(self) -> bool:
        return self.pointer.selectable

    @selectable.setter
    def selectable(self, allowed: bool) -> None:
        self.pointer.selectable = allowed

    def link_at(self, pos: QPointF) -> LinkInfo | None:
        return self.pointer.link_at(pos)

    def mousePressEvent(self, event: QMouseEvent) -> None:
        if event.button() != Qt.MouseButton.LeftButton:
            super().mousePressEvent(event)
            return
        self.setFocus(Qt.FocusReason.MouseFocusReason)
        if self.overlay is None or not self.overlay.input.press(event):
            self.pointer.press(event.position())
        event.accept()

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        if self.overlay is not None and self.overlay.input.move(event):
            return
        self.pointer.move(event.position(), bool(event.buttons() & Qt.MouseButton.LeftButton))

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        if self.overlay is not None and self.overlay.input.release(event):
            return
        if event.button() == Qt.MouseButton.LeftButton:
            self.pointer.release(event.position())

    def mouseDoubleClickEvent(self, event: QMouseEvent) -> None:
        if self.overlay is not None and self.overlay.input.double_click(event):
            event.accept()
            return
        self.mousePressEvent(event)

    def contextMenuEvent(self, event: QContextMenuEvent) -> None:
        if self.overlay is not None and self.overlay.input.context_menu(event):
            event.accept()
            return
        if self.selection:  # the selection's menu (Copy, "Góp ý gửi Văn phòng…"): whoever composes it
            self.context_menu.emit(event.globalPos())
            event.accept()
            return
        event.ignore()

    def refresh_selection(self) -> None:
        """Recompute the selected words from the rubber band (after a drag or new words)."""
        self.pointer.refresh_selection()

    def select_band(self, start: QPointF, end: QPointF) -> None:
        """Select as if the mouse was dragged between two content points (tests, automation)."""
        self.pointer.select_band(start, end)

    def clear_selection(self) -> None:
        self.pointer.clear_selection()
