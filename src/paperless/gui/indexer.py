"""Builds the session's search index in the background, page text from the render worker.

For each readable document in agenda order: decrypt it (off the GUI thread), open it in the
render worker under its own id (``index:<entry>``, so it never disturbs the viewer's copy),
ask for the text of a few pages at a time (so visible pages still render first), add them
to the in-memory :class:`~paperless.core.search.SessionIndex`, close it, go on.
Nothing is written anywhere.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, Signal

from paperless.core.render import PageSize, Priority, RenderDocument, RenderWorker
from paperless.core.search import SessionIndex
from paperless.gui.tasks import Tasks

BATCH = 8  # pages per text request

Reader = Callable[[str], bytes]


def index_doc_id(entry: str) -> str:
    return f"index:{entry}"


class SessionIndexer(QObject):
    progress = Signal(int, int)  # pages indexed (or given up), pages in all
    finished = Signal()
    _opened = Signal(int, str, object, object)  # generation, entry, page count | None, error
    _texts = Signal(int, str, int, object, object)  # generation, entry, first page, texts | None, error

    def __init__(self, worker: RenderWorker, tasks: Tasks, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._worker = worker
        self._tasks = tasks  # held: a lane holds its task layer only weakly
        self._lane = tasks.pool
        self.index = SessionIndex()
        self._generation = 0
        self._queue: list[str] = []
        self._total = 0
        self._done = 0
        self._read: Reader | None = None
        self._expected: dict[str, int] = {}
        self.running = False
        self.failed: list[str] = []
        self._opened.connect(self._on_opened)
        self._texts.connect(self._on_texts)

    def start(self, pages: dict[str, int], read: Reader) -> SessionIndex:
        """Index the documents ``pages`` names (entry -> page count, in reading order);
        ``read(entry)`` returns the PDF and is called off the GUI thread."""
        self.stop()
        self.index = SessionIndex()
        self._queue = list(pages)
        self._expected = dict(pages)
        self._total, self._done = sum(pages.values()), 0
        self._read = read
        self.failed = []
        self.running = True
        self.progress.emit(0, self._total)
        self._next()
        return self.index

    def stop(self) -> None:
        self._generation += 1
        self._queue = []
        self.running = False

    def _next(self) -> None:
        if not self._queue or self._read is None:
            if self.running:
                self.running = False
                self.finished.emit()
            return
        entry = self._queue.pop(0)
        generation, read = self._generation, self._read
        self._lane.run(lambda: read(entry), lambda data: self._open(generation, entry, data),
                      lambda _exc: self._skip(generation, entry))

    def _open(self, generation: int, entry: str, data: bytes | None) -> None:
        if generation != self._generation:
            return
        if data is None:
            self._skip(generation, entry)
            return

        def opened(_doc: str, sizes: list[PageSize] | None, error: str | None) -> None:
            self._opened.emit(generation, entry, None if sizes is None else len(sizes), error)

        self._worker.open(index_doc_id(entry), data, opened)

    def _on_opened(self, generation: int, entry: str, pages: int | None, error: object) -> None:
        if generation != self._generation or pages is None:
            self._worker.close_document(index_doc_id(entry))
            if generation == self._generation:
                self._skip(generation, entry)
            return
        if pages == 0:
            self._finish_doc(entry)
            return
        self._request(generation, entry, 0, pages)

    def _request(self, generation: int, entry: str, first: int, pages: int) -> None:
        last = min(pages, first + BATCH)

        def extract(doc: RenderDocument) -> tuple[int, list[str]]:
            return pages, [doc.text(i) for i in range(first, last)]

        def done(value: tuple[int, list[str]] | None, error: str | None) -> None:
            self._texts.emit(generation, entry, first, value, error)

        self._worker.call(index_doc_id(entry), extract, done, Priority.BACKGROUND)

    def _on_texts(self, generation: int, entry: str, first: int, value: object, error: object) -> None:
        if generation != self._generation:
            self._worker.close_document(index_doc_id(entry))
            return
        if not isinstance(value, tuple):
            self._worker.close_document(index_doc_id(entry))
            self._skip(generation, entry)
            return
        pages, texts = value
        for offset, text in enumerate(texts):
            self.index.add_page(entry, first + offset, text)
        self._done += len(texts)
        self.progress.emit(min(self._done, self._total), self._total)
        if first + len(texts) < pages:
            self._request(generation, entry, first + len(texts), pages)
            return
        self._worker.close_document(index_doc_id(entry))
        self._finish_doc(entry)

    def _skip(self, generation: int, entry: str) -> None:
        if generation != self._generation:
            return
        self.failed.append(entry)
        self._finish_doc(entry)

    def _finish_doc(self, entry: str) -> None:
        indexed = sum(1 for p in range(self._expected.get(entry, 0)) if self.index.has_page(entry, p))
        self._done += max(0, self._expected.get(entry, 0) - indexed)  # pages given up count as done
        self.progress.emit(min(self._done, self._total), self._total)
        self._next()
