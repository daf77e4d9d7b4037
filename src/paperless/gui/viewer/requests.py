"""PageRequests: what one DocumentView asks of the render worker, and where the answers go.

Pages on screen are asked for at VISIBLE priority, one screen above and below at PREFETCH,
thumbnails at THUMBNAIL, links and words as calls. Cached images are taken at once without
a round trip. When the view jumps (the visible pages no longer meet the window asked for
at the last jump) or the zoom, night mode or pixel ratio changes, the document's
generation is bumped so the worker drops requests that have not started; a dropped request
comes back *cancelled* and ``refresh_needed`` asks the view to look again.

Results come back through the task layer (:meth:`~paperless.gui.tasks.Scope.callback`: on the GUI
thread, dropped once another document is started — no hand-written staleness checks), land in the
canvas (images, errors, links, words) or the thumbnail panel, and repaint what changed.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, Signal

from paperless.core.render import (
    DocId,
    Image,
    LinkInfo,
    PageSize,
    Priority,
    RenderDocument,
    RenderKey,
    RenderResult,
    RenderWorker,
    Word,
)
from paperless.gui.tasks import Scope, Tasks
from paperless.gui.viewer.canvas import PageCanvas
from paperless.gui.viewer.layout import PageLayout
from paperless.gui.viewer.painting import PageImage, to_qimage
from paperless.gui.viewer.thumbnails import WIDTH as THUMB_WIDTH
from paperless.gui.viewer.thumbnails import ThumbnailPanel
from paperless.gui.viewer.tiles import want_tiles

MAX_RENDER_PIXELS = 16 * 2**20  # beyond this a page is rendered smaller and scaled up on screen


def _overlap(a: range, b: range) -> bool:
    return a.start < b.stop and b.start < a.stop


class PageRequests(QObject):
    refresh_needed = Signal()

    def __init__(self, worker: RenderWorker, tasks: Tasks, layout: PageLayout, canvas: PageCanvas,
                 thumbnails: ThumbnailPanel, parent: QObject) -> None:
        super().__init__(parent)
        self._worker = worker
        self._tasks = tasks
        self._document = tasks.scope()  # renewed with each document: answers for an older one are dropped
        self._layout = layout
        self._canvas = canvas
        self._thumbnails = thumbnails
        self._doc: DocId | None = None
        self._sizes: list[PageSize] = []
        self.night = False
        self._generation = 0
        self._window = range(0)
        self._signature: tuple[float, float, bool] | None = None
        self._requested: set[RenderKey] = set()
        self._thumbs_requested: set[RenderKey] = set()
        self._error_keys: dict[int, RenderKey] = {}
        self._asked_links: set[int] = set()
        self._asked_words: set[int] = set()
        self.failed_tiles: set[RenderKey] = set()  # viewer/tiles.py; forgotten at a new zoom or mode

    def start(self, doc: DocId | None, sizes: list[PageSize]) -> None:
        """Begin (or end, with None) a document: forget every request and answer so far."""
        self._document.renew()
        self._doc, self._sizes = doc, list(sizes)
        self._generation, self._window, self._signature = 0, range(0), None
        for book in (self._requested, self._thumbs_requested, self._error_keys, self._asked_links, self._asked_words,
                     self.failed_tiles):
            book.clear()

    @property
    def generation(self) -> int:
        return self._generation

    # ---- what viewer/tiles.py needs of the requests ----------------------------------------

    @property
    def doc(self) -> DocId | None:
        return self._doc

    @property
    def layout(self) -> PageLayout:
        return self._layout

    @property
    def canvas(self) -> PageCanvas:
        return self._canvas

    @property
    def worker(self) -> RenderWorker:
        return self._worker

    def callback(self, receiver: object, method: Callable[..., None], *bound: object) -> Callable[..., None]:
        """For the worker: ``method(receiver, *bound, *args)`` on the GUI thread, unless another
        document has been started meanwhile."""
        return self._document.callback(receiver, method, *bound)

    def scope(self) -> Scope:
        """A scope of its own (a part whose answers go stale apart from the document's)."""
        return self._tasks.scope()

    @property
    def requested(self) -> set[RenderKey]:
        return self._requested

    def key(self, page: int, dpr: float) -> RenderKey:
        assert self._doc is not None
        size = self._sizes[page]
        cap = math.sqrt(MAX_RENDER_PIXELS / max(1.0, size.width * size.height))
        return RenderKey(self._doc, page, round(min(self._layout.scale * dpr, cap), 5), self.night)

    def ask(self, fn: Callable[[RenderDocument], Any], priority: Priority, receiver: object,
            method: Callable[..., None], *bound: object, scope: Scope | None = None) -> None:
        """``fn(document)`` on the worker; then ``method(receiver, *bound, value, error)`` here — unless
        the document (or ``scope``, when given) has changed meanwhile."""
        if self._doc is not None:
            back = (scope.callback(receiver, method, *bound) if scope is not None
                    else self._document.callback(receiver, method, *bound))
            self._worker.call(self._doc, fn, back, priority)

    # ---- pages --------------------------------------------------------------------------

    def update(self, visible: range, around: range, centre: int) -> None:
        """Ask for the ``visible`` pages, then the rest of ``around``, nearest ``centre`` first."""
        if self._doc is None or not visible:
            return
        dpr = self._canvas.viewport().devicePixelRatioF()
        signature = (self._layout.scale, dpr, self.night)
        if signature != self._signature or not _overlap(visible, self._window):
            self._generation += 1
            self._worker.set_generation(self._doc, self._generation)
            self._requested.clear()
            self._canvas.tiles.clear()
            self.failed_tiles.clear()
            self._signature, self._window = signature, around
        for page in sorted(visible, key=lambda p: abs(p - centre)):
            self._want(page, Priority.VISIBLE, dpr)
        for page in sorted((p for p in around if p not in visible), key=lambda p: abs(p - centre)):
            self._want(page, Priority.PREFETCH, dpr)
        for page in visible:
            want_tiles(self, page, dpr)  # sharp parts on screen when the page image is smaller
        for page in visible:
            self._want_links(page)
        keep = range(around.start - 1, around.stop + 1)
        for page in [p for p in self._canvas.images if p not in keep]:
            del self._canvas.images[page]
        for page in [p for p in self._canvas.tiles if p not in visible]:
            del self._canvas.tiles[page]

    def _want(self, page: int, priority: Priority, dpr: float) -> None:
        key = self.key(page, dpr)
        shown = self._canvas.images.get(page)
        if (shown is not None and shown.key == key) or self._error_keys.get(page) == key:
            return
        image = self._worker.cached(key)
        if image is not None:
            self._show(key, image)
            return
        if key not in self._requested:
            self._requested.add(key)
            self._worker.render(key, priority, self._generation, self.callback(self, PageRequests._rendered))

    def _rendered(self, result: RenderResult) -> None:
        if not self._layout.height:
            return
        key = result.key
        self._requested.discard(key)
        if result.cancelled:
            self.refresh_needed.emit()  # ask again for what is still in view
            return
        if key != self.key(key.page, self._canvas.viewport().devicePixelRatioF()):
            return  # an older zoom or mode
        if result.error is not None:
            self._canvas.errors[key.page] = result.error
            self._error_keys[key.page] = key
            self._canvas.images.pop(key.page, None)
            self._canvas.viewport().update()
        elif result.image is not None:
            self._show(key, result.image)

    def _show(self, key: RenderKey, image: Image) -> None:
        scale = self._layout.scale
        dpr = self._canvas.viewport().devicePixelRatioF()
        ratio = dpr if abs(key.scale / scale - dpr) < 1e-3 else key.scale / scale  # != dpr when capped
        self._error_keys.pop(key.page, None)
        self._canvas.show_image(key.page, PageImage(key, image, to_qimage(image, ratio), scale))

    # ---- thumbnails, links, words -------------------------------------------------------

    def want_thumbnails(self, pages: list[int]) -> None:
        if self._doc is None:
            return
        dpr = self._thumbnails.devicePixelRatioF()
        for page in pages:
            if page >= len(self._sizes) or self._thumbnails.has_thumbnail(page):
                continue
            scale = round(THUMB_WIDTH / self._sizes[page].width * dpr, 5)
            key = RenderKey(self._doc, page, scale, self.night)
            if key not in self._thumbs_requested:
                self._thumbs_requested.add(key)
                self._worker.render(key, Priority.THUMBNAIL, self._generation,
                                    self.callback(self, PageRequests._thumbnail_rendered, dpr))

    def _thumbnail_rendered(self, dpr: float, result: RenderResult) -> None:
        key = result.key
        self._thumbs_requested.discard(key)
        if result.cancelled:
            if key.page in self._thumbnails.visible_pages():
                self.want_thumbnails([key.page])
        elif result.image is not None and key.night == self.night:
            self._thumbnails.set_thumbnail(key.page, to_qimage(result.image, dpr))  # the panel copies it
            self._worker.cache.discard(key)  # so thumbnails never push pages out of the cache

    def _want_links(self, page: int) -> None:
        if page not in self._asked_links:
            self._asked_links.add(page)
            self.ask(lambda d: d.links(page), Priority.PREFETCH, self, PageRequests._links_loaded, page)

    def _links_loaded(self, page: int, links: list[LinkInfo] | None, _error: str | None) -> None:
        self._canvas.links[page] = links or []

    def need_words(self, page: int) -> None:
        if page not in self._asked_words:
            self._asked_words.add(page)
            self.ask(lambda d: d.words(page), Priority.VISIBLE, self, PageRequests._words_loaded, page)

    def _words_loaded(self, page: int, words: list[Word] | None, _error: str | None) -> None:
        self._canvas.words[page] = words or []
        self._canvas.refresh_selection()
