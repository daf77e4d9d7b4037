"""DocumentView: a PDF shown as continuous pages, with thumbnails, outline, links, zoom,
selection and copy (when allowed), night mode, a watermark, a strip naming a classified document's
secrecy level (:class:`~paperless.gui.classification.ClassificationBar`), and the member's annotations
(``set_annotations``; painted and edited by :class:`~paperless.gui.viewer.annotating.Annotating`).

All PyMuPDF work is asked of the :class:`~paperless.core.render.RenderWorker` (its one thread) by
:class:`~paperless.gui.viewer.requests.PageRequests`; results come back as queued signals. This
class holds the view's state (document, zoom, current page, night mode, copy policy), composes the
canvas, side panels and toolbar, and implements the contract in docs/design/reader-app.md.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QEvent, QRectF, Qt, QTimer, Signal
from PySide6.QtGui import QGuiApplication, QPainter
from PySide6.QtWidgets import QLayout, QSplitter, QTabWidget, QVBoxLayout, QWidget

from paperless.core.classification import Level
from paperless.core.notes import Annotation
from paperless.core.render import DocId, LinkInfo, OutlineEntry, PageSize, Priority, RenderWorker
from paperless.gui.annotations.controller import AnnotationController
from paperless.gui.annotations.shapes import PageShapes
from paperless.gui.annotations.toolbar import AnnotationToolBar
from paperless.gui.classification import ClassificationBar
from paperless.gui.tasks import Tasks
from paperless.gui.viewer.annotating import Annotating
from paperless.gui.viewer.canvas import PageCanvas
from paperless.gui.viewer.layout import PageLayout, ZoomMode, reveal
from paperless.gui.viewer.outline import OutlinePanel
from paperless.gui.viewer.painting import DAY, Rect
from paperless.gui.viewer.requests import PageRequests
from paperless.gui.viewer.selection import selected_text
from paperless.gui.viewer.thumbnail_marks import ThumbnailMarks
from paperless.gui.viewer.thumbnails import ThumbnailPanel
from paperless.gui.viewer.toolbar import ViewerToolbar
from paperless.gui.viewer.zooming import Zooming


class DocumentView(Zooming, QWidget):
    page_changed = Signal(int, int)  # (page index, page count); (-1, 0) when cleared
    status_message = Signal(str)
    document_loaded = Signal(int)  # page count
    load_failed = Signal(str)
    page_rendered = Signal(int)  # a page's new image is on screen (emitted after the paint that showed it)
    annotation_selected = Signal(str)  # the selected annotation's uuid; "" when none is

    def __init__(self, worker: RenderWorker, tasks: Tasks, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._worker = worker
        self._tasks = tasks
        self._opening = tasks.scope()  # renewed with each document: an answer for an older one is dropped
        self._layout = PageLayout()
        self.canvas = PageCanvas(self._layout, self)
        self.thumbnails = ThumbnailPanel(self)
        self.outline = OutlinePanel(self)
        self.sidebar = QTabWidget(self)
        self.sidebar.addTab(self.thumbnails, "")  # titles: retranslate()
        self.sidebar.addTab(self.outline, "")
        self.splitter = QSplitter(Qt.Orientation.Horizontal, self)
        self.splitter.addWidget(self.sidebar)
        self.splitter.addWidget(self.canvas)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setSizes([170, 800])
        box = QVBoxLayout(self)
        box.setContentsMargins(0, 0, 0, 0)
        box.setSizeConstraint(QLayout.SizeConstraint.SetNoConstraint)  # no window size hints when alone
        box.setSpacing(0)
        self.classification = ClassificationBar(self)
        box.addWidget(self.classification)
        box.addWidget(self.splitter, 1)
        self.setFocusProxy(self.canvas)
        self._toolbar = ViewerToolbar()  # no parent until the main window places it
        self.requests = PageRequests(worker, tasks, self._layout, self.canvas, self.thumbnails, self)

        self._doc: DocId | None = None
        self._sizes: list[PageSize] = []
        self._title = ""
        self._allow_copy = True
        self._mode, self._zoom = ZoomMode.FIT_WIDTH, 1.0
        self._night = False
        self._start_page = 0
        self._current = -1
        self._pinned: int | None = None
        self._message: tuple[str, str, str | None] = ("text", "", None)  # what the canvas says: _say()
        self._refresh_timer = QTimer(self, singleShot=True, interval=0)
        self._refresh_timer.timeout.connect(self._refresh)
        self._annotation_toolbar = AnnotationToolBar()  # no parent until the main window places it
        self.annotating = Annotating(self.canvas, self.requests, self._annotation_toolbar, self)
        self._thumbnail_marks = ThumbnailMarks(self.annotating.shown, self.canvas, self.thumbnails, self)
        self._pending_annotation: Annotation | None = None
        self.addActions([*self._annotation_toolbar.tool_actions.values(), self._annotation_toolbar.undo_action,
                         self._annotation_toolbar.redo_action])  # their shortcuts work here, toolbar shown or not
        self._connect()
        self.retranslate()
        self.clear()

    def retranslate(self) -> None:
        """Texts in the current language again (the toolbar and children retranslate themselves)."""
        self.sidebar.setTabText(0, self.tr("Pages"))
        self.sidebar.setTabText(1, self.tr("Contents"))
        self.sidebar.setAccessibleName(self.tr("Side panel"))
        self._say(*self._message)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def _connect(self) -> None:
        c, t = self.canvas, self._toolbar
        c.viewport_changed.connect(self._refresh)
        c.resized.connect(self._on_resized)
        c.user_scrolled.connect(self._unpin)
        c.zoom_step.connect(self._zoom_step)
        c.zoom_factor.connect(self._pinch)
        c.actual_size_requested.connect(self.actual_size)
        c.navigate.connect(self._navigate)
        c.copy_requested.connect(self.copy_selection)
        c.link_activated.connect(self._follow_link)
        c.words_needed.connect(self.requests.need_words)
        c.page_painted.connect(self.page_rendered)
        self.requests.refresh_needed.connect(self._refresh_timer.start)
        c.selection_blocked.connect(self._selection_blocked)
        self.thumbnails.page_clicked.connect(self.go_to_page)
        self.thumbnails.wanted.connect(self.requests.want_thumbnails)
        self.outline.jump.connect(self.go_to_page)
        t.page_entered.connect(self.go_to_page)
        t.zoom_chosen.connect(self._zoom_chosen)
        t.act_zoom_in.triggered.connect(self.zoom_in)
        t.act_zoom_out.triggered.connect(self.zoom_out)
        t.act_fit_width.triggered.connect(self.fit_width)
        t.act_fit_page.triggered.connect(self.fit_page)
        t.act_actual.triggered.connect(self.actual_size)
        t.act_night.toggled.connect(self.set_night_mode)
        t.act_sidebar.setChecked(True)
        t.act_sidebar.toggled.connect(self.sidebar.setVisible)
        self.status_message.connect(t.show_status)
        self.annotating.selection_changed.connect(self.annotation_selected)
        self.annotating.status.connect(self._status)

    # ---- the contract -------------------------------------------------------------------

    def toolbar(self) -> ViewerToolbar:
        """The view's toolbar (page box and total, zoom, night mode) for the window to place."""
        return self._toolbar

    def annotation_toolbar(self) -> AnnotationToolBar:
        """The annotation tools (pen, highlight, …, undo/redo) for the window to place; its
        ``undo_action`` and ``redo_action`` belong in the Edit menu."""
        return self._annotation_toolbar

    def set_annotations(self, controller: AnnotationController | None) -> None:
        """Show and edit the annotations kept by ``controller`` (None: none, tools off)."""
        self.annotating.set_controller(controller)

    def place_annotation(self, annotation: Annotation) -> bool:
        """Place a "not placed" annotation here (see ``annotation_make``); False: no document."""
        return self.annotating.place(annotation, max(0, self.current_page()))

    def finish_annotation_editing(self) -> None:
        """Save what is being typed into a note or text box now (before the session or app closes)."""
        self.annotating.editing.finish()

    def set_document(self, doc: DocId, data: bytes, *, title: str, start_page: int = 0,
                     watermark: str | None, allow_copy: bool, doc_hash: str | None = None,
                     level: Level | None = None) -> None:
        """Open a document; ``doc_hash`` (sha256 of the PDF) is its key for the annotations; ``level``
        its secrecy level, named in a strip over it while it is open."""
        previous = self._doc
        self._reset("opening", title)
        if previous is not None and previous != doc:
            self._worker.close_document(previous)
        self.annotating.set_document(doc, doc_hash or None)
        self._doc, self._title, self._start_page = doc, title, max(0, start_page)
        self._allow_copy = allow_copy
        self.canvas.selectable = allow_copy
        self.canvas.watermark.set_text(watermark)
        self.classification.set_level(level)
        self.setAccessibleName(title)
        self._worker.open(doc, data, self._opening.callback(self, DocumentView._opened))

    def clear(self, message: str = "") -> None:
        if self._doc is not None:
            self._worker.close_document(self._doc)
        self._doc = None
        self.annotating.set_document(None, None)
        self.classification.set_level(None)
        self._reset("text", message)
        self.page_changed.emit(-1, 0)

    def go_to_page(self, page: int, y: float | None = None) -> None:
        """Show ``page`` (0-based) from its top, or from ``y`` points down the page."""
        if self._layout.page_count == 0:
            self._start_page = max(0, page)
            return
        page = min(max(0, page), self._layout.page_count - 1)
        rect = self._layout.rect(page)
        top = rect.y - self._layout.gap if y is None else rect.y + y * self._layout.scale - self._layout.gap
        self._pinned = page
        self.canvas.scroll_to(None, top)
        self._refresh()

    def set_highlights(self, page_rects: dict[int, list[Rect]], current: int | None,
                       current_rects: Sequence[Rect] | None = None) -> None:
        """Mark search hits (page -> rectangles in points). ``current`` is the page of the
        current hit and ``current_rects`` its rectangles (``FindHit.rects``): only they are
        drawn strongly, and scrolled into view (across too, when zoomed in). Without
        ``current_rects`` every hit on ``current`` is drawn strongly and the topmost is shown."""
        c = self.canvas
        c.highlights = {p: list(r) for p, r in page_rects.items() if r}
        c.current_highlight = current
        c.current_rects = list(current_rects) if current is not None and current_rects else None
        self._reveal_current()
        c.viewport().update()

    def go_to_annotation(self, annotation: Annotation) -> bool:
        """Scroll to one of this document's annotations and select it (if the document is still
        opening, once it is open). False if it belongs to another document."""
        if self.annotating.doc_hash is None or annotation.doc_hash != self.annotating.doc_hash:
            return False
        self._pending_annotation = annotation
        self._show_annotation()
        return True

    def _show_annotation(self) -> None:
        a = self._pending_annotation
        if a is None or not self._layout.height:
            return
        self._pending_annotation = None
        spot = self.annotating.locate(a)
        if spot is not None and spot[0] < self._layout.page_count:
            self._reveal(spot[0], [spot[1]], force=True)
        self.annotating.select(a.uuid)
        self.canvas.setFocus(Qt.FocusReason.OtherFocusReason)

    def set_night_mode(self, on: bool) -> None:
        if on == self._night:
            return
        self._night = self.requests.night = on
        self.canvas.night = on
        self.canvas.images.clear()
        self._toolbar.show_night(on)
        self.thumbnails.reset_images()
        self._refresh()
        self.canvas.viewport().update()

    # ---- state for callers and tests ------------------------------------------------------

    def document_id(self) -> DocId | None:
        return self._doc

    def page_count(self) -> int:
        return self._layout.page_count

    def current_page(self) -> int:
        return self._current

    def night_mode(self) -> bool:
        return self._night

    def page_width(self, page: int = 0) -> int:
        """The page's width on screen in logical pixels."""
        return self._layout.rect(page).width

    def page_size(self, page: int) -> tuple[float, float]:
        """The page's size in PDF points."""
        return self.canvas.pages.size(page)

    def paint_page_extras(self, painter: QPainter, page: int, target: QRectF) -> None:
        """What goes over a page image printed into ``target``: the member's annotations, then
        the watermark (by day: paper is white)."""
        width, _height = self.page_size(page)
        shown = self.annotating.on_page(page)
        if shown:
            shapes = PageShapes(s for s in (self.annotating.shapes.shape(a, page) for a in shown) if s)
            shapes.paint(painter, target, target.width() / width, False)
        self.canvas.watermark.paint_whole(painter, target, DAY.watermark)

    def selected_text(self) -> str:
        return selected_text(self.canvas.selection)

    def copy_selection(self) -> bool:
        if not self._allow_copy:
            self._status(self.tr("Copying text is not allowed for this document."))
            return False
        text = self.selected_text()
        if not text:
            self._status(self.tr("Select some text with the mouse first."))
            return False
        QGuiApplication.clipboard().setText(text)
        self._status(self.tr("Copied {count} characters.").format(count=len(text)))
        return True

    # ---- opening --------------------------------------------------------------------------

    def _reset(self, kind: str, text: str) -> None:
        self._opening.renew()
        self._sizes = []
        self._layout.set_sizes([])
        self.canvas.reset()
        self._say(kind, text)
        self.thumbnails.set_pages([])
        self.outline.clear()
        self.requests.start(None, [])
        self._current, self._pinned = -1, None
        self._toolbar.set_page(-1, 0)

    def _opened(self, _doc: DocId, sizes: list[PageSize] | None, error: str | None) -> None:
        if self._doc is None:
            return
        if error is not None or not sizes:
            self._say("failed", self._title, error)
            self._status(self.tr("The document cannot be displayed."))
            self.load_failed.emit(error or self.tr("the document has no pages"))
            return
        self._sizes = sizes
        self.requests.start(self._doc, sizes)
        self._layout.set_sizes([(s.width, s.height) for s in sizes])
        self._say("text", "")
        self.thumbnails.set_pages([(s.width, s.height) for s in sizes])
        self._relayout(None)
        self.go_to_page(min(self._start_page, len(sizes) - 1))
        self.annotating.document_ready()
        self._reveal_current()  # a search hit chosen while the document was opening
        self._show_annotation()  # an annotation chosen while the document was opening
        self.requests.ask(lambda d: d.outline(), Priority.PREFETCH, self, DocumentView._outline_loaded,
                          scope=self._opening)
        self.document_loaded.emit(len(sizes))

    def _outline_loaded(self, entries: list[OutlineEntry] | None, _error: str | None) -> None:
        self.outline.set_entries(entries or [])
        self.sidebar.setTabEnabled(1, bool(entries))

    # ---- what to render ------------------------------------------------------------------

    def _reveal_current(self) -> None:
        """Scroll the current search hit into view if it is not."""
        c, page = self.canvas, self.canvas.current_highlight
        if page is None or not 0 <= page < self._layout.page_count or not self._layout.height:
            return
        rects = c.current_rects or sorted(c.highlights.get(page, []), key=lambda r: r[1])[:1]
        if rects:
            self._reveal(page, rects)

    def _reveal(self, page: int, rects: Sequence[Rect], *, force: bool = False) -> None:
        """Scroll rectangles (points) of ``page`` into view if they are not (``force``: and make
        ``page`` the current one even if they are)."""
        c = self.canvas
        x, y = reveal(self._layout.box(page, rects), (c.content_left(), c.content_top()), c.viewport_size())
        if force and x is None and y is None:
            self._pinned = page
            self._refresh()
        elif x is not None or y is not None:
            self._pinned = page
            c.scroll_to(x, y)
            self._refresh()

    def _unpin(self) -> None:
        self._pinned = None

    def _refresh(self) -> None:
        """Work out the current page and ask for the pages in and around the view."""
        if self._doc is None or not self._layout.height:
            return
        top = self.canvas.content_top()
        height = self.canvas.viewport_size()[1]
        visible = self._layout.visible(top, top + height)
        if visible:
            self._update_current(top, height, visible)
            self.requests.update(visible, self._layout.visible(top - height, top + 2 * height), self._current)

    def _update_current(self, top: int, height: int, visible: range) -> None:
        if self._pinned is not None and self._pinned in visible:
            page = self._pinned
        else:
            page = self._layout.current_page(top, height)
        if page != self._current:
            self._current = page
            count = self._layout.page_count
            self._toolbar.set_page(page, count)
            self.thumbnails.show_page(page)
            self.page_changed.emit(page, count)

    # ---- navigation, links, status ---------------------------------------------------------

    def _navigate(self, where: str) -> None:
        count = self._layout.page_count
        if count == 0:
            return
        target = {"next": self._current + 1, "previous": self._current - 1, "first": 0, "last": count - 1}[where]
        self.go_to_page(min(max(0, target), count - 1))

    def _follow_link(self, link: LinkInfo) -> None:
        if link.page is not None:
            self.go_to_page(link.page, link.y)
        elif link.uri:
            self._status(self.tr("External link not opened (this reader works offline): {uri}").format(uri=link.uri))

    def _selection_blocked(self) -> None:
        self._status(self.tr("Selecting text is not allowed for this document."))

    def _status(self, text: str) -> None:
        self.status_message.emit(text)

    def _say(self, kind: str, text: str, error: str | None = None) -> None:
        """The canvas says ``text`` ("text") or that document ``text`` is "opening"/"failed" (``error``); kept
        as data to say again after a language switch (a closure: a cycle the GC may free on any thread)."""
        self._message = (kind, text, error)
        if kind == "opening":
            text = self.tr("Opening “{title}”…").format(title=text)
        elif kind == "failed":
            detail = error or self.tr("the document has no pages")
            text = self.tr("“{title}” cannot be displayed: {detail}").format(title=text, detail=detail)
        self.canvas.message = text
        self.canvas.viewport().update()
