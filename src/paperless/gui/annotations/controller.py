"""AnnotationController: the GUI's side of the member's notes (issue 4).

Every database call runs on ONE database worker (the task layer's ``db`` lane: one thread,
Anki's "one database worker"). What the app shows is the Qt-free
:class:`~paperless.core.model.NotesModel`: loads and saves are merged into it (by version), and
so is any change from elsewhere (the coming sync of the member's other devices, the meeting
channel) — the model tells this controller, which tells the views on the GUI thread, so painting
never waits for the database and never knows where a change came from. The app's own changes
are not shown before they are saved: a save takes well under a millisecond
(bench/bench_notes.py), so the page updates in the same frame, and a failed save (full disk,
damaged file) shows its message and changes nothing on screen.

Signals tell the views what to repaint: ``changed(doc_hash)`` after any change to that
document's annotations (including undo/redo, loading and changes from elsewhere),
``notes_changed()`` for item notes and bookmarks, ``history_changed()`` for Undo/Redo.
"""

from __future__ import annotations

import hashlib
import re
import threading
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from PySide6.QtCore import QObject, Signal

from paperless.core.anchoring import Anchor
from paperless.core.identity import UnlockedIdentity
from paperless.core.model import NotesChanged, NotesModel
from paperless.core.notes import Annotation, AnnotationKind, Bookmark, Content, ItemNote, JsonDict, TextMarkup
from paperless.core.notes.editing import AnnotationEditor, Outcome, Step, StepKind
from paperless.gui.tasks import Tasks

if TYPE_CHECKING:
    from paperless.core.notes.store import NotesStore

_SESSION_ID = re.compile(r"[A-Za-z0-9._-]{1,64}")
T = TypeVar("T")


def store_session_id(session_id: str) -> str:
    """The bundle's session id as the store accepts it (ids, letters, digits, ``._-``)."""
    if _SESSION_ID.fullmatch(session_id):
        return session_id
    return "s-" + hashlib.sha256(session_id.encode()).hexdigest()[:40]


class AnnotationController(QObject):
    changed = Signal(str)  # doc_hash
    notes_changed = Signal()
    history_changed = Signal()
    failed = Signal(object)  # BaseException
    ready = Signal()  # the store is open for this session
    damaged = Signal(object)  # NotesTamperedError: a saved record that cannot be read (once each; the rest is shown)
    _damage_found = Signal(object)  # from the database worker

    def __init__(self, tasks: Tasks, parent: QObject | None = None, *, model: NotesModel | None = None) -> None:
        super().__init__(parent)
        self._tasks = tasks
        self._db = tasks.db
        self.model = model or NotesModel(on_error=tasks.report)  # what is shown; any source may change it
        self.model.observers.subscribe(self._told)
        self._store: NotesStore | None = None
        self._editor: AnnotationEditor | None = None
        self._session: str | None = None
        self._loading: set[str] = set()  # documents asked for before the session's store was open
        self._can_undo = self._can_redo = False
        self._undo_step: Step | None = None
        self._redo_step: Step | None = None
        self._damage_seen: set[tuple[object, object]] = set()
        self._damage_found.connect(self._damage)
        self._scope = tasks.scope()  # renewed when the session changes: late answers are dropped
        self._closed = False
        self._db_store: NotesStore | None = None  # touched on the database worker only
        self._notes_sent: dict[int, str] = {}  # item note texts sent and not yet saved

    # ---- life cycle ---------------------------------------------------------------------

    def start(self, folder: Path, identity: UnlockedIdentity, session_id: str) -> None:
        """Open the member's store (if not yet) and begin a session's notes."""
        self.stop()
        sid = store_session_id(session_id)
        generation = self._scope.generation

        def open_all() -> tuple[NotesStore, list[ItemNote], list[Bookmark]]:
            s = self.ensure_store(folder, identity)
            return s, s.item_notes(sid), s.bookmarks(sid)

        def opened(result: tuple[NotesStore, list[ItemNote], list[Bookmark]]) -> None:
            s, notes, bookmarks = result
            if self._closed:
                return  # closed meanwhile: close() queued the store's closing after this job
            self._store = s
            if not self._scope.current(generation):
                return  # another session was started meanwhile
            self._session, self._editor = sid, AnnotationEditor(s, sid)
            self.model.load_notes(notes, bookmarks)
            self.ready.emit()
            for doc_hash in list(self._loading):
                self._load(doc_hash)

        self._db.run(open_all, opened, self.failed.emit)

    def ensure_store(self, folder: Path, identity: UnlockedIdentity) -> NotesStore:
        """On the database lane only: the member's store, opened the first time (the sync uses
        the same one: jobs run one after another on that lane, so there are never two stores)."""
        from paperless.core.notes.store import NotesStore  # SQLAlchemy: loaded with the first use

        if self._db_store is None:
            self._db_store = NotesStore.open(folder, identity)
            self._db_store.on_damaged = self._damage_found.emit  # a bad row hides only itself
            for notice in self._db_store.notices:  # e.g. a planted key file set aside: said once
                self._damage_found.emit(notice)
        return self._db_store

    def _damage(self, error: BaseException) -> None:
        key = (getattr(error, "params", {}).get("what"), getattr(error, "params", {}).get("uuid"))
        if key not in self._damage_seen:
            self._damage_seen.add(key)
            self.damaged.emit(error)

    def stop(self) -> None:
        """End the session's notes (the undo history goes with it; everything is saved)."""
        self._scope.renew()
        self._session, self._editor = None, None
        self._loading.clear()
        self._notes_sent.clear()
        self._set_history(None, None)
        self.model.clear()

    def close(self) -> None:
        """Stop and close the store (on the database worker, after what is queued — an open
        still running included)."""
        self.stop()
        self._closed, self._store = True, None

        def close_store() -> None:
            store, self._db_store = self._db_store, None
            if store is not None:
                store.close()

        self._db.run(close_store)

    @property
    def active(self) -> bool:
        return self._editor is not None

    # ---- reading (GUI thread, from the mirror) ------------------------------------------------

    def annotations(self, doc_hash: str) -> list[Annotation]:
        """The live annotations of a document; asks the database the first time."""
        if not self.model.is_loaded(doc_hash):
            self._load(doc_hash)
        return self.model.annotations(doc_hash)

    def on_page(self, doc_hash: str, page: int) -> list[Annotation]:
        return [a for a in self.annotations(doc_hash) if a.page == page or _spans(a, page)]

    def find(self, uuid: str) -> Annotation | None:
        return self.model.find(uuid)

    def all_loaded(self) -> list[Annotation]:
        return self.model.all_loaded()

    def item_note(self, item_index: int) -> str:
        return self.model.item_note(item_index)

    def item_notes(self) -> dict[int, str]:
        return self.model.item_notes()

    def bookmarks(self, doc_hash: str | None = None) -> list[Bookmark]:
        return self.model.bookmarks(doc_hash)

    @property
    def can_undo(self) -> bool:
        return self._can_undo

    @property
    def can_redo(self) -> bool:
        return self._can_redo

    @property
    def undo_step(self) -> Step | None:
        return self._undo_step

    @property
    def redo_step(self) -> Step | None:
        return self._redo_step

    def load_all(self, doc_hashes: list[str], done: Callable[[], None] | None = None) -> None:
        """Load every document's annotations (for the list of all my annotations, exports)."""
        editor = self._editor
        if editor is None:
            return

        def fetch() -> list[Annotation]:
            return editor.annotations()

        def got(annotations: list[Annotation]) -> None:
            by_doc: dict[str, list[Annotation]] = {doc_hash: [] for doc_hash in doc_hashes}
            for a in annotations:
                by_doc.setdefault(a.doc_hash, []).append(a)
            for doc_hash, found in by_doc.items():
                self.model.load(doc_hash, found)
            if done is not None:
                done()

        self._scope.run(self._db, fetch, got, self.failed.emit)

    # ---- changes --------------------------------------------------------------------------------

    def add(self, doc_hash: str, page: int, kind: AnnotationKind, color: str | None, content: Content | JsonDict,
            on_done: Callable[[Annotation], None] | None = None) -> None:
        """Save a new annotation; ``content``: typed, or its stored JSON (checked when saved: bad
        content is a failed save)."""
        self._change(lambda e: e.add(doc_hash, page, kind, color, content), on_done)

    def update(self, uuid: str, on_done: Callable[[Annotation], None] | None = None, **changes: Any) -> None:
        self._change(lambda e: e.update(uuid, **changes), on_done)

    def complete_anchor(self, uuid: str, made: str, anchor: Anchor) -> None:
        """The full anchor of an annotation saved before its document's text was known (no undo step)."""
        self._change(lambda e: e.complete_anchor(uuid, made, anchor))

    def delete(self, uuid: str) -> None:
        self._change(lambda e: e.delete(uuid))

    def undo(self) -> None:
        self._change(lambda e: e.undo())

    def redo(self) -> None:
        self._change(lambda e: e.redo())

    def latest_item_note(self, item_index: int) -> str:
        """The text last sent for an item (saving now), else the saved one."""
        return self._notes_sent.get(item_index, self.item_note(item_index))

    def set_item_note(self, item_index: int, text: str) -> None:
        store, sid = self._store, self._session
        if store is None or sid is None or self.latest_item_note(item_index) == text:
            return
        self._notes_sent[item_index] = text

        def settled() -> None:
            if self._notes_sent.get(item_index) == text:
                del self._notes_sent[item_index]

        def saved(note: ItemNote) -> None:
            settled()
            self.model.apply([note])

        def failed(exc: BaseException) -> None:
            settled()
            self.failed.emit(exc)

        self._scope.run(self._db, lambda: store.set_item_note(sid, item_index, text), saved, failed)

    def add_bookmark(self, doc_hash: str, page: int, label: str = "") -> None:
        store, sid = self._store, self._session
        if store is not None and sid is not None:
            self._save(lambda: store.add_bookmark(sid, doc_hash, page, label))

    def rename_bookmark(self, uuid: str, label: str) -> None:
        store = self._store
        if store is not None:
            self._save(lambda: store.rename_bookmark(uuid, label))

    def remove_bookmark(self, uuid: str) -> None:
        store = self._store
        if store is not None:
            self._save(lambda: store.remove_bookmark(uuid))

    def _save(self, save: Callable[[], Bookmark]) -> None:
        """A bookmark change on the database worker; the model has it once it is saved."""
        self._scope.run(self._db, save, lambda mark: self.model.apply([mark]), self.failed.emit)

    def call_store(self, fn: Callable[[NotesStore, str], T], timeout: float = 120.0) -> T:
        """Run ``fn(store, session_id)`` on the database worker and wait for its result.

        For background jobs only (e.g. carry-over), never on the GUI thread.
        """
        store, sid = self._store, self._session
        if store is None or sid is None:
            raise RuntimeError("no session's notes are open")
        return self._db.call(lambda: fn(store, sid), timeout)

    def reload(self) -> None:
        """Read the loaded documents' annotations again from the store."""
        for doc_hash in self.model.loaded_documents():
            self._load(doc_hash)

    def wait(self) -> None:
        """Block until the database worker is idle (shutdown, tests)."""
        self._db.wait_for_done()

    # ---- internals --------------------------------------------------------------------------------

    def _load(self, doc_hash: str) -> None:
        if doc_hash in self._loading:
            return  # already asked for
        self._loading.add(doc_hash)
        editor = self._editor
        if editor is None:
            return  # loaded once the session's store is open

        def got(annotations: list[Annotation]) -> None:
            self._loading.discard(doc_hash)
            self.model.load(doc_hash, annotations)

        def failed(exc: BaseException) -> None:
            self._loading.discard(doc_hash)
            self.failed.emit(exc)

        self._scope.run(self._db, lambda: editor.annotations(doc_hash), got, failed)

    def _change(self, change: Callable[[AnnotationEditor], Outcome | None],
                on_done: Callable[[Annotation], None] | None = None) -> None:
        editor = self._editor
        if editor is None:
            return

        def run() -> tuple[Outcome | None, Step | None, Step | None]:
            outcome = change(editor)
            history = editor.history
            return outcome, history.done[-1] if history.done else None, history.undone[-1] if history.undone else None

        def done(result: tuple[Outcome | None, Step | None, Step | None]) -> None:
            outcome, undo_step, redo_step = result
            self._set_history(undo_step, redo_step)
            if outcome is None:
                return
            self.model.apply([outcome.annotation])
            if on_done is not None:
                on_done(outcome.annotation)

        self._scope.run(self._db, run, done, self.failed.emit)

    # ---- the model's changes, from any source, to the views on the GUI thread -------------------

    def _told(self, change: NotesChanged) -> None:
        if threading.current_thread() is not threading.main_thread():
            self._tasks.post(lambda: self._told(change))
            return
        for doc_hash in sorted(change.documents):
            self.changed.emit(doc_hash)
        if change.item_notes or change.bookmarks or change.reset:
            self.notes_changed.emit()

    def _set_history(self, undo_step: Step | None, redo_step: Step | None) -> None:
        self._undo_step, self._redo_step = undo_step, redo_step
        self._can_undo, self._can_redo = undo_step is not None, redo_step is not None
        self.history_changed.emit()


def _spans(annotation: Annotation, page: int) -> bool:
    """A text markup crossing a page break has lines on the next page too."""
    return isinstance(annotation.content, TextMarkup) and page in annotation.content.pages


__all__ = ["AnnotationController", "StepKind", "store_session_id"]
