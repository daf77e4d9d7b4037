"""Pointer input on the pages: links (hover tip, click) and text selection by dragging.

:class:`PointerInteraction` belongs to :class:`~paperless.gui.viewer.canvas.PageCanvas`, which
forwards its left-button mouse events here. It reads the canvas's layout, links and words through
the small :class:`PointerHost` protocol (the dictionaries are replaced when a document changes, so
they are never kept) and reports through its own signals, which the canvas re-emits.

A selection dragged past the viewport's edge (or into the thin strip along it, which matters
in full screen where the pointer cannot leave the screen) scrolls the view that way, faster the
farther the pointer is, and keeps extending the selection to the text under the pointer clamped
to the viewport.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Protocol

from PySide6.QtCore import QCoreApplication, QObject, QPointF, Qt, QTimer, Signal
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QScrollBar, QWidget

from paperless.core.render import LinkInfo, Word
from paperless.gui.viewer.layout import PageLayout
from paperless.gui.viewer.selection import WordRef, band_selection, flow_selection

CLICK_SLOP = 4  # pixels the pointer may move between press and release and still be a click
EDGE = 16  # pixels: the strip along the viewport's edges where a selection drag scrolls
SPEED = 0.4  # pixels scrolled per tick, per pixel the pointer is into that strip or beyond it
MAX_STEP = 160  # pixels per tick at most
TICK_MS = 20  # auto-scroll period while the pointer stays put


class PointerHost(Protocol):
    """What the interaction needs from the canvas."""

    @property
    def pages(self) -> PageLayout: ...

    @property
    def links(self) -> Mapping[int, Sequence[LinkInfo]]: ...

    @property
    def words(self) -> Mapping[int, Sequence[Word]]: ...

    def viewport(self) -> QWidget: ...

    def verticalScrollBar(self) -> QScrollBar: ...  # Qt's name

    def horizontalScrollBar(self) -> QScrollBar: ...  # Qt's name

    def to_content(self, pos: QPointF) -> QPointF: ...


def edge_step(pos: float, length: int) -> int:
    """The auto-scroll step on one axis for a pointer at ``pos`` in a viewport ``length`` pixels
    long: negative near or before its start, positive near or past its end, 0 in between.
    Grows with the distance into the edge strip and beyond, up to :data:`MAX_STEP`."""
    edge = min(EDGE, max(0, length) // 4)  # a tiny viewport keeps a middle that does not scroll
    if pos < edge:
        depth, sign = edge - pos, -1
    elif pos > length - 1 - edge:
        depth, sign = pos - (length - 1 - edge), 1
    else:
        return 0
    return sign * min(MAX_STEP, max(1, round(depth * SPEED)))


class PointerInteraction(QObject):
    """Links and text selection. Two switches serve the markup tools: ``flow`` selects in
    reading order (from the word under the press to the word under the pointer) instead of
    the rubber band's rectangle, and ``forced`` selects even when copying is not allowed (and
    ignores links). ``selection_finished`` follows every drag that ends with a selection."""

    link_activated = Signal(object)  # LinkInfo
    words_needed = Signal(int)
    selection_blocked = Signal()
    selection_finished = Signal()

    def __init__(self, host: PointerHost, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._host = host
        self.selection: dict[int, list[Word]] = {}
        self.selectable = True
        self.flow = False
        self.forced = False
        self.commentable = False  # text may be selected to comment on it (not copied): a draft open for comments
        self.flow_range: tuple[WordRef, WordRef] | None = None  # first and last word of a flow selection
        self._finish_pending = False
        self._band: tuple[QPointF, QPointF] | None = None  # content pixels
        self._press: QPointF | None = None  # viewport position of the left-button press
        self._press_link: LinkInfo | None = None
        self._blocked_told = False
        self._drag_pos: QPointF | None = None  # the pointer (viewport) while a band is dragged
        self._scroller = QTimer(self, interval=TICK_MS)
        self._scroller.timeout.connect(self._auto_scroll)

    # ---- links -------------------------------------------------------------------------

    def link_at(self, pos: QPointF) -> LinkInfo | None:
        """The link under a viewport position, if any."""
        content = self._host.to_content(pos)
        spot = self._host.pages.page_point(content.x(), content.y())
        if spot is None:
            return None
        page, x, y = spot
        for link in self._host.links.get(page, ()):
            x0, y0, x1, y1 = link.rect
            if x0 <= x <= x1 and y0 <= y <= y1:
                return link
        return None

    def link_tip(self, link: LinkInfo) -> str:
        if link.uri:
            return QCoreApplication.translate(
                "PageCanvas", "External link (not opened; this reader works offline): {uri}").format(uri=link.uri)
        return QCoreApplication.translate("PageCanvas", "Go to page {page}").format(page=(link.page or 0) + 1)

    # ---- the left button ---------------------------------------------------------------

    def press(self, pos: QPointF) -> None:
        self.stop_scrolling()
        self._finish_pending = False
        self._press = pos
        self._press_link = None if self.forced else self.link_at(pos)
        self._blocked_told = False
        self._drag_pos = None
        if self._press_link is None:
            start = self._host.to_content(pos)
            self._band = (start, start) if self.can_select else None

    def move(self, pos: QPointF, left_held: bool) -> None:
        if left_held and self._press is not None:
            moved = (pos - self._press).manhattanLength() > CLICK_SLOP
            if moved and self._press_link is None:
                if self._band is not None:
                    self._drag_to(pos)
                elif not self.can_select and not self._blocked_told:
                    self._blocked_told = True
                    self.selection_blocked.emit()
            return
        self._hover(pos)

    def release(self, pos: QPointF) -> None:
        self.stop_scrolling()
        self._drag_pos = None
        if self._press is None:
            return
        click = (pos - self._press).manhattanLength() <= CLICK_SLOP
        link = self._press_link
        self._press, self._press_link = None, None
        if click:
            self._band = None
            if self.selection:
                self.selection, self.flow_range = {}, None
                self._host.viewport().update()
            if link is not None and link is self.link_at(pos):
                self.link_activated.emit(link)
        elif self._band is not None and self.selection:
            self.selection_finished.emit()
        elif self._band is not None and self.flow:
            self._finish_pending = True  # the words of a page are on their way: finish when they come

    def _hover(self, pos: QPointF) -> None:
        link = None if self.forced else self.link_at(pos)
        viewport = self._host.viewport()
        if link is not None:
            viewport.setCursor(Qt.CursorShape.PointingHandCursor)
            tip = self.link_tip(link)
            if viewport.toolTip() != tip:
                viewport.setToolTip(tip)  # shown by Qt after the usual hover delay
            return
        if viewport.toolTip():
            viewport.setToolTip("")
        content = self._host.to_content(pos)
        on_page = self._host.pages.page_point(content.x(), content.y()) is not None
        text = on_page and self.can_select
        viewport.setCursor(Qt.CursorShape.IBeamCursor if text else Qt.CursorShape.ArrowCursor)

    # ---- selection ---------------------------------------------------------------------

    def refresh_selection(self) -> None:
        """Recompute the selected words from the rubber band (after a drag or new words)."""
        if self._band is None:
            return
        a, b = self._band
        if self.flow:
            self.selection, missing, self.flow_range = flow_selection(
                self._host.pages, self._host.words, (a.x(), a.y()), (b.x(), b.y()))
        else:
            self.selection, missing = band_selection(self._host.pages, self._host.words, (a.x(), a.y(), b.x(), b.y()))
            self.flow_range = None
        if self._finish_pending and self.selection and not missing:
            self._finish_pending = False
            self.selection_finished.emit()
        for page in missing:
            self.words_needed.emit(page)
        self._host.viewport().update()

    @property
    def can_select(self) -> bool:
        """Dragging selects text: copying is allowed, a markup tool is on, or the draft is open for comments."""
        return self.selectable or self.forced or self.commentable

    def select_band(self, start: QPointF, end: QPointF) -> None:
        """Select as if the mouse was dragged between two content points (tests, automation)."""
        self._band = (start, end)
        self.refresh_selection()

    def clear_selection(self) -> None:
        self.stop_scrolling()
        self._band = None
        self._finish_pending = False
        self.selection = {}
        self.flow_range = None
        self._host.viewport().update()

    # ---- auto-scroll while dragging a selection --------------------------------------------

    def scrolling(self) -> bool:
        """Whether a selection drag is scrolling the view."""
        return self._scroller.isActive()

    def stop_scrolling(self) -> None:
        self._scroller.stop()

    def _clamped(self, pos: QPointF) -> QPointF:
        size = self._host.viewport().size()
        return QPointF(min(max(pos.x(), 0.0), max(0, size.width() - 1)),
                       min(max(pos.y(), 0.0), max(0, size.height() - 1)))

    def _steps(self, pos: QPointF) -> tuple[int, int]:
        size = self._host.viewport().size()
        return edge_step(pos.x(), size.width()), edge_step(pos.y(), size.height())

    def _drag_to(self, pos: QPointF) -> None:
        """Extend the band to the (clamped) pointer; scroll if it is at or past an edge."""
        assert self._band is not None
        self._drag_pos = pos
        self._band = (self._band[0], self._host.to_content(self._clamped(pos)))
        self.refresh_selection()
        if self._steps(pos) == (0, 0):
            self.stop_scrolling()
        elif not self._scroller.isActive():
            self._scroller.start()

    def _auto_scroll(self) -> None:
        pos = self._drag_pos
        held = QGuiApplication.mouseButtons() & Qt.MouseButton.LeftButton
        if self._band is None or pos is None or self._press is None or not held:
            self.stop_scrolling()  # the release went elsewhere, or the selection was dropped
            return
        moved = False
        for bar, step in zip((self._host.horizontalScrollBar(), self._host.verticalScrollBar()),
                             self._steps(pos), strict=True):
            if step:
                before = bar.value()
                bar.setValue(before + step)
                moved = moved or bar.value() != before
        if not moved:  # the pointer came back inside, or the document's end is reached
            self.stop_scrolling()
            return
        self._band = (self._band[0], self._host.to_content(self._clamped(pos)))
        self.refresh_selection()
