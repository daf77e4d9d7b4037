"""The member's notes of the open session, as the app shows them: annotations by document, the
private note of each agenda item, bookmarks. Qt-free; any source drives it.

The app's own saves, a load from the store, and — coming — the sync of the member's other devices
and the meeting channel all go through :meth:`NotesModel.apply` (or :meth:`load` for a document's
whole set): records are merged by version (the record's HLC; the later one wins, a tombstone
removes), so the order in which sources report never matters, an older copy never overwrites a
newer one, and a load that raced a change cannot undo it. Every change is told to the observers
as one :class:`NotesChanged` naming what changed; the GUI repaints those documents and panels
without knowing where the change came from.

Thread-safe: one lock; observers are told after it is released, on the thread that changed it.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from paperless.core.model.observers import Observers
from paperless.core.notes.records import Annotation, Bookmark, ItemNote, Record


@dataclass(frozen=True)
class NotesChanged:
    documents: frozenset[str] = frozenset()  # doc_hashes whose annotations changed
    annotations: frozenset[str] = frozenset()  # uuids of the annotations that changed (shape caches)
    item_notes: frozenset[int] = frozenset()  # agenda item indices whose private note changed
    bookmarks: bool = False
    reset: bool = False  # everything was dropped (the session ended)

    def __bool__(self) -> bool:
        return bool(self.documents or self.annotations or self.item_notes or self.bookmarks or self.reset)


class NotesModel:
    def __init__(self, on_error: Callable[[BaseException], None] | None = None) -> None:
        self._lock = threading.RLock()
        self._docs: dict[str, dict[str, Annotation]] = {}  # doc_hash -> uuid -> live annotation
        self._where: dict[str, str] = {}  # uuid -> doc_hash of a live annotation
        self._versions: dict[str, str] = {}  # uuid -> latest hlc seen (tombstones included)
        self._loaded: set[str] = set()
        self._item_notes: dict[int, ItemNote] = {}
        self._bookmarks: dict[str, Bookmark] = {}
        self.observers: Observers[NotesChanged] = Observers(on_error)

    # ---- reading (any thread; copies) --------------------------------------------------------------

    def annotations(self, doc_hash: str) -> list[Annotation]:
        """The document's live annotations, oldest first."""
        with self._lock:
            return sorted(self._docs.get(doc_hash, {}).values(), key=_order)

    def is_loaded(self, doc_hash: str) -> bool:
        with self._lock:
            return doc_hash in self._loaded

    def find(self, uuid: str) -> Annotation | None:
        with self._lock:
            doc = self._where.get(uuid)
            return self._docs[doc].get(uuid) if doc is not None else None

    def all_loaded(self) -> list[Annotation]:
        """Every live annotation held (documents loaded, and changes told for others)."""
        with self._lock:
            return sorted((a for doc in self._docs.values() for a in doc.values()), key=_order)

    def item_note(self, item_index: int) -> str:
        with self._lock:
            note = self._item_notes.get(item_index)
            return note.text if note is not None else ""

    def item_notes(self) -> dict[int, str]:
        with self._lock:
            return {i: n.text for i, n in sorted(self._item_notes.items())}

    def bookmarks(self, doc_hash: str | None = None) -> list[Bookmark]:
        with self._lock:
            marks = [b for b in self._bookmarks.values() if doc_hash is None or b.doc_hash == doc_hash]
        return sorted(marks, key=lambda b: (b.doc_hash, b.page, b.created))

    def version(self, uuid: str) -> str | None:
        with self._lock:
            return self._versions.get(uuid)

    # ---- changing (any thread) -------------------------------------------------------------------

    def apply(self, records: Iterable[Record]) -> NotesChanged:
        """Merge changed records from any source; a record older than the one held is ignored."""
        with self._lock:
            change = self._merge(records)
        if change:
            self.observers.notify(change)
        return change

    def load(self, doc_hash: str, annotations: Iterable[Annotation]) -> NotesChanged:
        """A document's annotations as the store holds them (merged: a newer change already held stays)."""
        with self._lock:
            self._loaded.add(doc_hash)
            change = self._merge(annotations)
            change = NotesChanged(change.documents | {doc_hash}, change.annotations, change.item_notes,
                                  change.bookmarks)
        self.observers.notify(change)
        return change

    def load_notes(self, item_notes: Iterable[ItemNote], bookmarks: Iterable[Bookmark]) -> NotesChanged:
        """The session's item notes and bookmarks as the store holds them."""
        with self._lock:
            change = self._merge([*item_notes, *bookmarks])
            change = NotesChanged(change.documents, change.annotations, change.item_notes, True)
        self.observers.notify(change)
        return change

    def loaded_documents(self) -> list[str]:
        with self._lock:
            return sorted(self._loaded)

    def clear(self) -> None:
        """The session ended: nothing is held any more (the documents held are named in the change)."""
        with self._lock:
            held = frozenset(self._docs) | frozenset(self._loaded)
            self._docs.clear()
            self._where.clear()
            self._versions.clear()
            self._loaded.clear()
            self._item_notes.clear()
            self._bookmarks.clear()
        self.observers.notify(NotesChanged(documents=held, reset=True))

    # ---- merging (under the lock) ------------------------------------------------------------------

    def _newer(self, record: Record) -> bool:
        held = self._versions.get(record.uuid)
        if held is not None and held >= record.hlc:
            return False
        self._versions[record.uuid] = record.hlc
        return True

    def _merge(self, records: Iterable[Record]) -> NotesChanged:
        documents: set[str] = set()
        uuids: set[str] = set()
        items: set[int] = set()
        bookmarks = False
        for record in records:
            if not self._newer(record):
                continue
            if isinstance(record, Annotation):
                before = self._where.pop(record.uuid, None)
                if before is not None:
                    self._docs[before].pop(record.uuid, None)
                    documents.add(before)
                if not record.deleted:
                    self._docs.setdefault(record.doc_hash, {})[record.uuid] = record
                    self._where[record.uuid] = record.doc_hash
                documents.add(record.doc_hash)
                uuids.add(record.uuid)
            elif isinstance(record, ItemNote):
                held = self._item_notes.get(record.item_index)
                if record.deleted:
                    if held is not None and held.uuid == record.uuid:
                        del self._item_notes[record.item_index]
                elif held is None or held.uuid == record.uuid or held.hlc < record.hlc:
                    self._item_notes[record.item_index] = record
                items.add(record.item_index)
            else:
                if record.deleted:
                    self._bookmarks.pop(record.uuid, None)
                else:
                    self._bookmarks[record.uuid] = record
                bookmarks = True
        return NotesChanged(frozenset(documents), frozenset(uuids), frozenset(items), bookmarks)


def _order(a: Annotation) -> tuple[str, str]:
    return a.created, a.uuid
