"""RenderWorker: the ONE thread that owns every open PDF and makes every PyMuPDF call.

Requests go into a priority queue (:class:`Priority`, lower first; FIFO within a level):

* ``render`` — a page image. A cached image is answered at once, on the caller's thread,
  without queueing. Two requests for the same :class:`RenderKey` share one render and are
  both called back. Each request carries the caller's *generation* for its document; when the
  caller moves on (``set_generation``), requests with an older generation that have not
  started are dropped and called back with a *cancelled* result (no image, no error), so the
  caller knows it may ask again. A page that fails yields a result with ``error`` set and the
  worker carries on.
* ``call`` — any other operation on a document (outline, links, words, text).
* ``open`` / ``close_document`` — run before anything else queued (control priority). Both
  cancel the document's queued renders and drop its cached images.

Callbacks run on the worker thread (except for cache hits): GUI code re-emits them as a
queued Qt signal. An exception raised by a callback is logged and never stops the worker.

Where the documents live is the ``document_factory``'s choice: :class:`PdfDocument` opens
them in this thread (tests, benchmarks, the command line); the app passes a
:class:`~paperless.core.render.process.RenderProcess`, which opens them in a render
process so that PyMuPDF (which holds the GIL while it works) never freezes the window.
The worker shuts the factory down (``shutdown()``, if it has one) when it stops.
"""

from __future__ import annotations

import heapq
import itertools
import logging
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from enum import IntEnum
from typing import Any, TypeVar

from paperless.core.render.cache import DEFAULT_BUDGET, ImageCache
from paperless.core.render.document import Clip, Image, PageSize, PdfDocument, RenderDocument

log = logging.getLogger(__name__)

DocId = str  # the bundle entry name, e.g. "documents/0003.age"
T = TypeVar("T")
OpenCallback = Callable[[DocId, list[PageSize] | None, str | None], None]

_CONTROL = -1  # open/close run before any request


class Priority(IntEnum):
    VISIBLE = 0
    PREFETCH = 1
    THUMBNAIL = 2
    BACKGROUND = 3


@dataclass(frozen=True)
class RenderKey:
    doc: DocId
    page: int
    scale: float  # pixels per PDF point
    night: bool
    clip: Clip | None = None  # a tile: x0, y0, x1, y1 in pixels of the whole page at ``scale``


@dataclass(frozen=True)
class RenderResult:
    key: RenderKey
    image: Image | None
    error: str | None
    seconds: float

    @property
    def cancelled(self) -> bool:
        """Dropped before it started (stale generation, document closed); ask again if needed."""
        return self.image is None and self.error is None


@dataclass(eq=False)
class _RenderJob:
    key: RenderKey
    priority: int
    generation: int
    callbacks: list[Callable[[RenderResult], None]]
    state: str = "queued"  # queued -> running -> done, or queued -> cancelled


@dataclass(eq=False)
class _TaskJob:
    run: Callable[[], None]
    state: str = "queued"


@dataclass(order=True)
class _Entry:
    priority: int
    seq: int
    job: _RenderJob | _TaskJob = field(compare=False)


def _describe(exc: BaseException) -> str:
    text = str(exc).strip()
    return text if text else type(exc).__name__


class RenderWorker:
    """Owns a thread, the open documents and the image cache. See the module docstring."""

    def __init__(
        self,
        *,
        cache_bytes: int = DEFAULT_BUDGET,
        document_factory: Callable[[bytes], RenderDocument] = PdfDocument,
        name: str = "paperless-render",
        on_error: Callable[[BaseException], None] | None = None,
    ) -> None:
        # An exception a callback raises is handed to ``on_error`` (the app's error handler) — it
        # never vanishes, and never stops the worker's thread.
        self._on_error = on_error
        self._cache: ImageCache[RenderKey] = ImageCache(cache_bytes)
        self._factory = document_factory
        self._cond = threading.Condition()
        self._heap: list[_Entry] = []
        self._seq = itertools.count()
        self._pending: dict[RenderKey, _RenderJob] = {}
        self._generations: dict[DocId, int] = {}
        self._stopping = False
        self._docs: dict[DocId, RenderDocument] = {}  # touched only on the worker thread
        self._thread = threading.Thread(target=self._run, name=name, daemon=True)
        self._thread.start()

    # ---- public API (any thread) ------------------------------------------------------

    @property
    def thread_ident(self) -> int | None:
        return self._thread.ident

    @property
    def cache(self) -> ImageCache[RenderKey]:
        return self._cache

    def open(self, doc: DocId, data: bytes, callback: OpenCallback) -> None:
        """Open ``data`` as ``doc`` (replacing a document of that id); callback(doc, sizes, error)."""

        def run() -> None:
            old = self._docs.pop(doc, None)
            if old is not None:
                self._safe(old.close)
            try:
                document = self._factory(data)
            except Exception as exc:
                self._safe(callback, doc, None, _describe(exc))
                return
            self._docs[doc] = document
            self._safe(callback, doc, document.page_sizes(), None)

        with self._cond:
            self._forget_locked(doc)
            self._push_locked(_CONTROL, _TaskJob(run))

    def close_document(self, doc: DocId) -> None:
        def run() -> None:
            old = self._docs.pop(doc, None)
            if old is not None:
                self._safe(old.close)

        with self._cond:
            self._forget_locked(doc)
            self._push_locked(_CONTROL, _TaskJob(run))

    def drop_all(self, done: Callable[[], None] | None = None) -> None:
        """Close every open document, drop every image and, when the documents live in a render
        process that can be renewed, end that process and start a fresh one: nothing decrypted is
        left in memory (the idle lock). ``done`` is called on the worker thread afterwards."""

        def run() -> None:
            docs, self._docs = self._docs, {}
            for document in docs.values():
                self._safe(document.close)
            del docs
            renew = getattr(self._factory, "renew", None)
            if callable(renew):
                self._safe(renew)
            self._cache.clear()
            if done is not None:
                self._safe(done)

        with self._cond:
            for doc in list(self._generations):
                self._forget_locked(doc)
            for key in list(self._pending):
                self._forget_locked(key.doc)
            self._cache.clear()
            self._push_locked(_CONTROL, _TaskJob(run))

    def render(
        self, key: RenderKey, priority: Priority, generation: int, callback: Callable[[RenderResult], None]
    ) -> None:
        with self._cond:
            image = self._cache.get(key)
            if image is None:
                if self._stopping:
                    return
                job = self._pending.get(key)
                if job is not None and job.state in ("queued", "running"):
                    job.callbacks.append(callback)
                    job.generation = max(job.generation, generation)
                    if job.state == "queued" and priority < job.priority:
                        job.priority = int(priority)
                        self._push_locked(job.priority, job)  # the older entry is skipped later
                    return
                job = _RenderJob(key, int(priority), generation, [callback])
                self._pending[key] = job
                self._push_locked(job.priority, job)
                return
        self._safe(callback, RenderResult(key, image, None, 0.0))

    def cached(self, key: RenderKey) -> Image | None:
        return self._cache.get(key)

    def set_generation(self, doc: DocId, generation: int) -> None:
        with self._cond:
            self._generations[doc] = generation

    def generation(self, doc: DocId) -> int:
        with self._cond:
            return self._generations.get(doc, 0)

    def call(
        self,
        doc: DocId,
        fn: Callable[[RenderDocument], T],
        callback: Callable[[T | None, str | None], None],
        priority: Priority = Priority.BACKGROUND,
    ) -> None:
        def run() -> None:
            document = self._docs.get(doc)
            if document is None:
                self._safe(callback, None, "the document is not open")
                return
            try:
                value = fn(document)
            except Exception as exc:
                log.debug("call on %s failed", doc, exc_info=True)
                self._safe(callback, None, _describe(exc))
                return
            self._safe(callback, value, None)

        with self._cond:
            if not self._stopping:
                self._push_locked(int(priority), _TaskJob(run))

    def pending(self) -> int:
        """How many requests are queued or running (for tests and benchmarks)."""
        with self._cond:
            jobs = {id(e.job) for e in self._heap if e.job.state == "queued"}
            jobs.update(id(j) for j in self._pending.values() if j.state == "running")
            return len(jobs)

    def shutdown(self, timeout: float | None = 10.0) -> None:
        """Stop taking work, close every document on the worker thread and join it."""
        with self._cond:
            self._stopping = True
            self._cond.notify_all()
        if threading.current_thread() is not self._thread:
            self._thread.join(timeout)
        self._cache.clear()

    @property
    def alive(self) -> bool:
        return self._thread.is_alive()

    # ---- internals --------------------------------------------------------------------

    def _push_locked(self, priority: int, job: _RenderJob | _TaskJob) -> None:
        heapq.heappush(self._heap, _Entry(priority, next(self._seq), job))
        self._cond.notify()

    def _forget_locked(self, doc: DocId) -> None:
        """Cancel the document's queued renders, drop its images and reset its generation."""
        for key, job in list(self._pending.items()):
            if key.doc == doc:
                del self._pending[key]
                if job.state == "queued":
                    job.state = "cancelled"  # called back when its queue entry comes up
        self._generations.pop(doc, None)
        self._cache.discard_where(lambda k: k.doc == doc)

    def _next(self) -> _RenderJob | _TaskJob | None:
        """The next job to run (None when stopping); stale renders are cancelled on the way."""
        while True:
            dropped: list[_RenderJob] = []
            with self._cond:
                while not self._heap and not self._stopping:
                    self._cond.wait()
                if self._stopping:
                    return None
                job = heapq.heappop(self._heap).job
                if isinstance(job, _TaskJob):
                    if job.state != "queued":
                        continue
                    job.state = "running"
                    return job
                if job.state == "queued" and job.generation < self._generations.get(job.key.doc, 0):
                    job.state = "cancelled"
                    if self._pending.get(job.key) is job:
                        del self._pending[job.key]
                if job.state == "cancelled":
                    job.state = "done"
                    dropped.append(job)
                elif job.state == "queued":
                    job.state = "running"
                    return job
            for stale in dropped:
                result = RenderResult(stale.key, None, None, 0.0)
                for callback in stale.callbacks:
                    self._safe(callback, result)

    def _render(self, job: _RenderJob) -> None:
        key = job.key
        start = time.perf_counter()
        image: Image | None = None
        error: str | None = None
        document = self._docs.get(key.doc)
        if document is None:
            error = "the document is not open"
        else:
            try:
                image = document.render(key.page, key.scale, night=key.night, clip=key.clip)
            except Exception as exc:
                log.debug("rendering %s failed", key, exc_info=True)
                error = _describe(exc)
        result = RenderResult(key, image, error, time.perf_counter() - start)
        with self._cond:
            if image is not None and self._pending.get(key) is job:
                self._cache.put(key, image)
            if self._pending.get(key) is job:
                del self._pending[key]
            job.state = "done"
            callbacks = list(job.callbacks)
        for callback in callbacks:
            self._safe(callback, result)

    def _run(self) -> None:
        try:
            while (job := self._next()) is not None:
                if isinstance(job, _TaskJob):
                    job.run()
                    job.state = "done"
                else:
                    self._render(job)
        finally:
            for document in self._docs.values():
                self._safe(document.close)
            self._docs.clear()
            shutdown = getattr(self._factory, "shutdown", None)  # a RenderProcess ends with us
            if callable(shutdown):
                self._safe(shutdown)

    def _safe(self, callback: Callable[..., None], *args: Any) -> None:
        try:
            callback(*args)
        except Exception as exc:
            log.exception("a render worker callback failed")
            if self._on_error is not None:
                try:
                    self._on_error(exc)
                except Exception:
                    log.exception("the render worker's error handler failed")
