"""The reading pane: a message banner, the find bar and the DocumentView; plus the session
search panel (placed by the main window on the right).

Wires the viewer (gui.viewer) and search widgets (gui.search) to the session: the find bar
gets each page's words from the render worker; the search panel searches the session index
built by :class:`~paperless.gui.indexer.SessionIndexer`.
"""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QVBoxLayout, QWidget

from paperless.core.model import LoadedDocument
from paperless.core.render import Priority, RenderWorker
from paperless.core.search import SessionIndex
from paperless.gui.actions import Actions
from paperless.gui.agenda import format_when
from paperless.gui.banner import Banner
from paperless.gui.icons import Icons
from paperless.gui.search import FindBar, FindHit, SearchPanel, WordsCallback
from paperless.gui.services import AppServices
from paperless.gui.viewer import DocumentView


class WorkerWords:
    """The find bar's word source: the render worker's ``words(page)`` for one document."""

    def __init__(self, worker: RenderWorker, doc: str) -> None:
        self._worker, self._doc = worker, doc

    def request_words(self, page: int, callback: WordsCallback) -> None:
        self._worker.call(self._doc, lambda d: d.words(page), lambda words, _err: callback(page, words),
                          Priority.PREFETCH)


class ReaderPane(QWidget):
    page_changed = Signal(int, int)
    first_page_rendered = Signal()  # the document just shown has a page image on screen
    result_chosen = Signal(str, int)  # entry, page

    def __init__(self, services: AppServices, icons: Icons, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("readerPane")
        self._services = services
        self._icons = icons
        self.banner = Banner(self)
        self.find_bar = FindBar(services.tasks, self)
        self.find_bar.hide()
        self.view = DocumentView(services.worker, services.tasks, self)
        self.search_panel = SearchPanel(None, parent)
        self.search_panel.setObjectName("searchPanel")
        self.search_panel.setMinimumWidth(240)
        self.pending_page: int | None = None
        self._titles: dict[str, str] = {}
        self._waiting_render = False
        self._progress = (0, 0)  # the indexer's last word: pages indexed, pages in all
        self._pending_hit: tuple[str, int, int] | None = None  # entry, page, which match of the page
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        banner_box = QVBoxLayout()
        banner_box.setContentsMargins(8, 6, 8, 0)
        banner_box.addWidget(self.banner)
        layout.addLayout(banner_box)
        layout.addWidget(self.find_bar)
        layout.addWidget(self.view, 1)
        self.view.page_changed.connect(self._page_changed)
        self.view.load_failed.connect(lambda _detail: self._stop_waiting())
        self.view.page_rendered.connect(self._page_rendered)
        self.find_bar.set_current_page(0)
        self.find_bar.highlights_changed.connect(self._highlights)
        self.search_panel.open_hit.connect(self._open_hit)
        self._query_for_hit = ""

    # -- wiring ----------------------------------------------------------------------------

    def connect_actions(self, a: Actions) -> None:
        window = self.window()
        self.find_bar.install_shortcuts(window)
        a.view_menu.insertAction(a.search_panel, self.find_bar.find_action)
        a.view_menu.insertAction(a.search_panel, self.find_bar.next_action)
        a.view_menu.insertAction(a.search_panel, self.find_bar.previous_action)
        a.zoom_in.triggered.connect(self.view.zoom_in)
        a.zoom_out.triggered.connect(self.view.zoom_out)
        a.fit_width.triggered.connect(self.view.fit_width)
        a.fit_page.triggered.connect(self.view.fit_page)
        a.actual_size.triggered.connect(self.view.actual_size)
        a.thumbnails.toggled.connect(lambda on: self._sidebar(a, 0, on))
        a.outline.toggled.connect(lambda on: self._sidebar(a, 1, on))
        toolbar = self.view.toolbar()
        toolbar.act_sidebar.toggled.connect(lambda on: self._toolbar_sidebar(a, on))
        toolbar.act_night.toggled.connect(a.night.setChecked)
        self._sidebar(a, 0 if a.thumbnails.isChecked() else 1, a.thumbnails.isChecked() or a.outline.isChecked())

    def _sidebar(self, a: Actions, tab: int, on: bool) -> None:
        """Thumbnails and outline share the viewer's side panel: one tab or the other, or none."""
        sidebar = self.view.sidebar
        if on:
            other = a.outline if tab == 0 else a.thumbnails
            other.blockSignals(True)
            other.setChecked(False)
            other.blockSignals(False)
            sidebar.setCurrentIndex(tab)
        visible = a.thumbnails.isChecked() or a.outline.isChecked()
        sidebar.setVisible(visible)
        toolbar = self.view.toolbar()
        toolbar.act_sidebar.blockSignals(True)
        toolbar.act_sidebar.setChecked(visible)
        toolbar.act_sidebar.blockSignals(False)

    def _toolbar_sidebar(self, a: Actions, on: bool) -> None:
        target = a.thumbnails if self.view.sidebar.currentIndex() == 0 else a.outline
        target.setChecked(on)
        if not on:
            a.thumbnails.setChecked(False)
            a.outline.setChecked(False)

    def set_index(self, index: SessionIndex | None, titles: dict[str, str] | None = None) -> None:
        self._titles = dict(titles or {})
        self.search_panel.set_index(index, self._titles)
        if index is None:
            self._progress = (0, 0)
        elif self._progress[1]:
            self.search_panel.set_progress(*self._progress)  # the indexer may have started before

    def index_progress(self, done: int, total: int) -> None:
        """``SessionIndexer.progress``: pages indexed (or given up) of all pages to index."""
        self._progress = (done, total)
        self.search_panel.set_progress(done, total)

    def focus_search_panel(self) -> None:
        self.search_panel.focus_query()

    # -- documents -------------------------------------------------------------------------

    def show_document(self, doc: LoadedDocument) -> None:
        self.banner.clear()
        start = self.pending_page if self.pending_page is not None else doc.start_page
        self.pending_page = None
        self.view.set_document(doc.entry, doc.data, title=doc.title, start_page=start,
                               watermark=doc.watermark, allow_copy=doc.allow_copy, doc_hash=doc.doc_hash,
                               level=doc.level)
        self.find_bar.set_document(WorkerWords(self._services.worker, doc.entry), doc.pages, current_page=start)
        if self._pending_hit is not None and self._pending_hit[0] == doc.entry:
            self._show_pending_hit(jump=False)  # the view opens on its page
        elif self._query_for_hit and self.find_bar.query() != self._query_for_hit:
            self.find_bar.show()
            self.find_bar.set_query(self._query_for_hit)
        self._waiting_render = True

    def go_to_page(self, page: int) -> None:
        self.view.go_to_page(page)

    def _open_hit(self, entry: str, page: int, query: str) -> None:
        """A session search result: open its document (the window does) at its page, with
        that match current in the find bar, highlighted and in view."""
        opened = self.search_panel.opened_hit()
        ordinal = opened[1] if opened is not None and (opened[0].doc, opened[0].page) == (entry, page) else 0
        self._query_for_hit = query
        self._pending_hit = (entry, page, ordinal)
        self.result_chosen.emit(entry, page)  # another document: shown later, see show_document
        if entry == self.view.document_id():
            self._show_pending_hit(jump=True)

    def _show_pending_hit(self, *, jump: bool) -> None:
        if self._pending_hit is None:
            return
        _entry, page, ordinal = self._pending_hit
        self._pending_hit = None
        if jump:
            self.view.go_to_page(page)
        self.find_bar.show()
        if self.find_bar.query() != self._query_for_hit:
            self.find_bar.set_query(self._query_for_hit)
        self.find_bar.search_from(page, ordinal)  # else the current match stays where it was

    def _highlights(self, page_rects: object, hit: object) -> None:
        rects = page_rects if isinstance(page_rects, dict) else {}
        if isinstance(hit, FindHit):
            self.view.set_highlights(rects, hit.page, hit.rects)
        else:
            self.view.set_highlights(rects, None)

    def _page_changed(self, page: int, count: int) -> None:
        if page >= 0:
            self.find_bar.set_current_page(page)
        self.page_changed.emit(page, count)

    def _stop_waiting(self) -> None:
        self._waiting_render = False

    def _page_rendered(self, _page: int) -> None:
        if self._waiting_render:
            self._waiting_render = False
            self.first_page_rendered.emit()

    def set_night_mode(self, on: bool) -> None:
        self.view.set_night_mode(on)

    # -- messages --------------------------------------------------------------------------

    def show_refusal(self, message: str) -> None:
        self.banner.show_message(message, "error", self._icons.get("warning"))

    def show_message(self, message: str) -> None:
        self.banner.clear()
        self.view.clear(message)

    def show_expired(self, when: datetime | None) -> None:
        """The agenda shows the expiry banner; the page area says it once more, calmly."""
        self.banner.clear()
        self.view.clear(self.tr("This session expired on %1; documents can no longer be opened.").replace(
            "%1", format_when(when) if when else ""))

    def clear(self) -> None:
        self._waiting_render = False
        self._query_for_hit = ""
        self._pending_hit = None
        self.banner.clear()
        self.find_bar.set_document(None, 0)
        self.find_bar.hide()
        self.view.clear()
        self.search_panel.set_index(None)
