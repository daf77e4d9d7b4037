"""Carry the member's annotations over when a session's documents were revised (issue 4).

Run once the session's notes are open (:class:`AnnotationController` ``ready``). One
background job (the task layer's ``background`` lane, never the GUI thread):

1. the session's annotations whose document is no longer in the agenda, by old hash
   (:func:`paperless.core.notes.carry.stale_groups`) — usually none, and then that is all;
2. the words of each current document not yet tried for them — decrypted by the session's
   reader, opened in the render worker under its own id (``carry:<entry>``, never disturbing
   the viewer's copy), every page's words, closed again;
3. per group, the document holding most of its quotes, then re-anchoring and saving there
   (:func:`~paperless.core.notes.carry.carry_over`) on the database worker.

``finished(reports)`` then says how many were placed and how many could not be.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterable, Mapping
from functools import partial
from typing import TYPE_CHECKING, Any

import shiboken6
from PySide6.QtCore import QObject, Signal

from paperless.core.anchoring import DocText
from paperless.core.notes import Annotation
from paperless.core.notes.carry import CarryReport, carry_over, choose_target, mark_tried, stale_groups, untried
from paperless.core.render import Priority, RenderWorker, Word
from paperless.gui.annotations.controller import AnnotationController
from paperless.gui.tasks import Tasks

if TYPE_CHECKING:
    from paperless.core.notes.store import NotesStore

Reader = Callable[[str], bytes]  # entry -> decrypted PDF (called off the GUI thread)
TIMEOUT = 300.0


def carry_doc_id(entry: str) -> str:
    return f"carry:{entry}"


def document_words(worker: RenderWorker, entry: str, data: bytes) -> list[list[Word]]:
    """Every page's words of ``data``, through the render worker (waits; not on the GUI thread)."""
    doc_id = carry_doc_id(entry)
    opened, done = threading.Event(), threading.Event()
    box: dict[str, Any] = {}

    def on_open(_doc: str, sizes: object, error: str | None) -> None:
        box["open_error"] = error
        opened.set()

    def on_words(value: list[list[Word]] | None, error: str | None) -> None:
        box["words"], box["error"] = value, error
        done.set()

    worker.open(doc_id, data, on_open)
    try:
        if not opened.wait(TIMEOUT) or box.get("open_error"):
            raise RuntimeError(box.get("open_error") or "the document did not open")
        worker.call(doc_id, lambda d: [d.words(i) for i in range(d.page_count)], on_words, Priority.BACKGROUND)
        if not done.wait(TIMEOUT) or box.get("words") is None:
            raise RuntimeError(box.get("error") or "no words")
        words: list[list[Word]] = box["words"]
        return words
    finally:
        worker.close_document(doc_id)


def _mark(store: NotesStore, _sid: str, *, group: list[Annotation], hashes: list[str]) -> None:
    mark_tried(store, group, hashes)


def _carry(store: NotesStore, _sid: str, *, group: list[Annotation], new_hash: str, doc: DocText) -> CarryReport:
    return carry_over(store, group, new_hash, doc)


class CarryOver(QObject):
    finished = Signal(object)  # list[CarryReport]
    failed = Signal(object)  # BaseException

    def __init__(self, controller: AnnotationController, worker: RenderWorker, tasks: Tasks,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._controller = controller
        self._worker = worker
        self._tasks = tasks  # held: a lane holds its task layer only weakly
        self._lane = tasks.background
        self._cancel = threading.Event()
        self._next: tuple[dict[str, str], Reader, frozenset[str]] | None = None  # asked while another ran
        self.running = False

    def stop(self) -> None:
        """Give up the run in progress (after its current step) and any run waiting."""
        self._cancel.set()
        self._next = None

    def run(self, current: Mapping[str, str], read: Reader, known: Iterable[str] = ()) -> None:
        """``current``: doc_hash -> entry of the documents this member can read now; ``known``:
        every document of this version (restricted ones too: notes on them are not stale)."""
        if self.running:  # one at a time: this one starts when the other has stopped
            self._cancel.set()
            self._next = (dict(current), read, frozenset(known))
            return
        self.running = True
        cancel = self._cancel = threading.Event()
        controller, worker, documents = self._controller, self._worker, dict(current)
        present = frozenset(known) | set(documents)

        def job() -> list[CarryReport]:
            annotations = controller.call_store(lambda store, sid: store.annotations(sid))
            groups = {old: group for old, group in stale_groups(annotations, present).items()
                      if untried(group, documents)}
            texts: dict[str, DocText] = {}
            for h in {h for group in groups.values() for h in untried(group, documents)}:
                if cancel.is_set():
                    return []
                texts[h] = DocText(document_words(worker, documents[h], read(documents[h])))
            reports: list[CarryReport] = []
            for group in groups.values():
                if cancel.is_set():
                    break
                candidates = untried(group, documents)
                target = choose_target(group, {h: texts[h].text for h in candidates})
                if target is None:
                    controller.call_store(partial(_mark, group=group, hashes=candidates))
                else:
                    reports.append(controller.call_store(partial(_carry, group=group, new_hash=target,
                                                                 doc=texts[target])))
            return reports

        def done(reports: list[CarryReport]) -> None:
            if self._ended(cancel):
                return
            if reports:
                controller.reload()
            self.finished.emit(reports)

        def failed(exc: BaseException) -> None:
            if not self._ended(cancel):
                self.failed.emit(exc)

        self._lane.run(job, done, failed)

    def _ended(self, cancel: threading.Event) -> bool:
        """A run ended: True when its result is not wanted (cancelled, or this object is gone)."""
        if not shiboken6.isValid(self):
            return True
        self.running = False
        if self._next is not None:
            current, read, known = self._next
            self._next = None
            self.run(current, read, known)
            return True
        return cancel.is_set()
