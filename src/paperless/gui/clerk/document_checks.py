"""The clerk's documents checked in the background, and their first-page thumbnails.

One :class:`ClerkDocuments` serves every documents panel of the workspace (one per agenda item):
it keeps each file's state (:class:`~paperless.core.clerk.documents.DocumentChecks`), runs the
checks — LibreOffice conversion included — one after the other on the task layer's background lane,
and draws each ready document's first page through the render worker (the render process: no
PyMuPDF on the GUI thread). It says what changed with :attr:`changed` (the file's key).
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QImage

from paperless.core.clerk.documents import DocState, DocumentChecks, Key, Status, state_key
from paperless.core.errors import PaperlessError
from paperless.core.render.document import PageSize
from paperless.core.render.worker import Priority, RenderKey, RenderResult, RenderWorker
from paperless.gui.tasks import Tasks
from paperless.gui.viewer.painting import to_qimage

THUMB_WIDTH = 72  # logical pixels
THUMB_SCALE_LIMIT = 0.5  # pixels per point: a tiny page is not blown up


class ClerkDocuments(QObject):
    changed = Signal(object)  # Key: its state or its thumbnail changed

    def __init__(self, tasks: Tasks, worker: RenderWorker, parent: QObject | None = None,
                 device_pixel_ratio: float = 1.0) -> None:
        super().__init__(parent)
        self._tasks = tasks
        self._worker = worker
        self._dpr = device_pixel_ratio
        self.checks = DocumentChecks(tasks.report)
        self.checks.observers.subscribe(self._told)
        self._thumbs: dict[Key, QImage] = {}
        self._drawing: set[Key] = set()
        self._serial = 0

    # -- asking -------------------------------------------------------------------------------------

    def state(self, folder: Path, rel: str) -> tuple[Key | None, DocState | None]:
        """The document's key (None: the file is missing) and state; a check starts if none has."""
        key = state_key(folder / rel) if rel else None
        if key is None:
            return None, None
        if self.checks.claim(key):
            self._tasks.background.run(lambda: self.checks.run(folder, rel, key), None,
                                       lambda exc: self._failed(key, exc))
        return key, self.checks.get(key)

    def retry(self, folder: Path, rel: str) -> None:
        key = state_key(folder / rel)
        if key is not None:
            self._thumbs.pop(key, None)
            self.checks.forget(key)
            self.state(folder, rel)

    def thumbnail(self, key: Key) -> QImage | None:
        return self._thumbs.get(key)

    @property
    def tasks(self) -> Tasks:
        return self._tasks

    @property
    def worker(self) -> RenderWorker:
        return self._worker

    # -- checks -------------------------------------------------------------------------------------

    def _failed(self, key: Key, exc: BaseException) -> None:
        """A bug in a check (a known error is a state): the document fails and the bug is reported."""
        self.checks.set(key, DocState(Status.FAILED, error=PaperlessError(detail=str(exc) or type(exc).__name__)))
        self._tasks.report(exc)

    def _told(self, key: Key) -> None:  # any thread
        self._tasks.post(lambda: self._changed(key))

    def _changed(self, key: Key) -> None:
        state = self.checks.get(key)
        if state is not None and state.status is Status.READY and state.pdf is not None \
                and key not in self._thumbs and key not in self._drawing:
            self._draw(key, state.pdf)
        self.changed.emit(key)

    # -- thumbnails ---------------------------------------------------------------------------------

    def _draw(self, key: Key, pdf: Path) -> None:
        self._drawing.add(key)
        self._serial += 1
        doc = f"clerk-thumbnail-{self._serial}"
        self._tasks.pool.run(pdf.read_bytes, lambda data: self._open(key, doc, data),
                             lambda _exc: self._drawn(key, doc, None))

    def _open(self, key: Key, doc: str, data: bytes) -> None:
        self._worker.open(doc, data, self._tasks.callback(self, ClerkDocuments._opened, key,
                                                          stale=lambda *_: self._worker.close_document(doc)))

    def _opened(self, key: Key, doc: str, sizes: list[PageSize] | None, _error: str | None) -> None:
        if not sizes:
            self._drawn(key, doc, None)
            return
        width = max(1.0, sizes[0].width)
        scale = min(THUMB_SCALE_LIMIT, THUMB_WIDTH / width) * self._dpr
        self._worker.render(RenderKey(doc, 0, scale, False), Priority.THUMBNAIL, 0,
                            self._tasks.callback(self, ClerkDocuments._rendered, key, doc,
                                                 stale=lambda *_: self._worker.close_document(doc)))

    def _rendered(self, key: Key, doc: str, result: RenderResult) -> None:
        image = to_qimage(result.image, self._dpr).copy() if result.image is not None else None
        self._drawn(key, doc, image)

    def _drawn(self, key: Key, doc: str, image: QImage | None) -> None:
        self._worker.close_document(doc)
        self._drawing.discard(key)
        if image is not None:
            self._thumbs[key] = image
            self.changed.emit(key)
