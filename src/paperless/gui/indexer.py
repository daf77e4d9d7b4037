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

    def __init__(self, worker: RenderWorker, tasks: Tasks, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._worker = worker
        self._tasks = tasks  # held: a lane holds its task layer only weakly
        self._lane = tasks.pool
        self.index = SessionIndex()
        self._run = tasks.scope()  # renewed when indexing stops: answers for the old run are dropped
        self._queue: list[str] = []
        self._total = 0
        self._done = 0
        self._read: Reader | None = None
        self._expected: dict[str, int] = {}
        self.running = False
        self.failed: list[str] = []

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
        self._run.renew()
        self._queue = []
        self.running = False

    def _next(self) -> None:
        if not self._queue or self._read is None:
            if self.running:
                self.running = False
                self.finished.emit()
            return
        entry, read = self._queue.pop(0), self._read
        self._run.run(self._lane, lambda: read(entry), lambda data: self._open(entry, data),
                      lambda _exc: self._skip(entry))

    def _close(self, entry: str) -> Callable[..., None]:
        """What a stale answer does: the document it opened for indexing is closed again."""
        return lambda *_answer: self._worker.close_document(index_doc_id(entry))

    def _open(self, entry: str, data: bytes | None) -> None:
        if data is None:
            self._skip(entry)
            return
        self._worker.open(index_doc_id(entry), data,
                          self._run.callback(self, SessionIndexer._on_opened, entry, stale=self._close(entry)))

    def _on_opened(self, entry: str, _doc: str, sizes: list[PageSize] | None, _error: str | None) -> None:
        if sizes is None:
            self._worker.close_document(index_doc_id(entry))
            self._skip(entry)
            return
        if not sizes:
            self._finish_doc(entry)
            return
        self._request(entry, 0, len(sizes))

    def _request(self, entry: str, first: int, pages: int) -> None:
        last = min(pages, first + BATCH)

        def extract(doc: RenderDocument) -> tuple[int, list[str]]:
            return pages, [doc.text(i) for i in range(first, last)]

        self._worker.call(index_doc_id(entry), extract,
                          self._run.callback(self, SessionIndexer._on_texts, entry, first, stale=self._close(entry)),
                          Priority.BACKGROUND)

    def _on_texts(self, entry: str, first: int, value: tuple[int, list[str]] | None, _error: str | None) -> None:
        if value is None:
            self._worker.close_document(index_doc_id(entry))
            self._skip(entry)
            return
        pages, texts = value
        for offset, text in enumerate(texts):
            self.index.add_page(entry, first + offset, text)
        self._done += len(texts)
        self.progress.emit(min(self._done, self._total), self._total)
        if first + len(texts) < pages:
            self._request(entry, first + len(texts), pages)
            return
        self._worker.close_document(index_doc_id(entry))
        self._finish_doc(entry)

    def _skip(self, entry: str) -> None:
        self.failed.append(entry)
        self._finish_doc(entry)

    def _finish_doc(self, entry: str) -> None:
        indexed = sum(1 for p in range(self._expected.get(entry, 0)) if self.index.has_page(entry, p))
        self._done += max(0, self._expected.get(entry, 0) - indexed)  # pages given up count as done
        self.progress.emit(min(self._done, self._total), self._total)
        self._next()
