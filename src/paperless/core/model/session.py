"""The open session as the app shows it: the bundle, its documents, what this member may do, what
is on screen, reading places and read marks. Qt-free; any thread may ask or change it.

* **What the member may do** is :attr:`SessionModel.policy` (``core.policy.Policy``): asked at
  every access, never decided once.
* **Decrypted documents** stay in memory only, and only a few of them: the most recently read
  within a byte budget (:class:`DocumentCache`); every read goes through one lock (the bundle's
  one open file) and is checked against the signed agenda by the bundle itself.
* **Reading places and read marks** go to the member's sealed library; :meth:`save` writes them
  (and the latest time seen) — the app calls it a moment after the last change and on closing.
  Sealing and syncing the file is slow work: it is handed to ``run_save`` (inline by default; the
  app's database lane, never the GUI thread).

Changes are told to the observers as :class:`SessionEvent` (on the thread that made them).
"""

from __future__ import annotations

import functools
import threading
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime
from enum import Enum

from paperless.core.bundle import AgendaDocument, AgendaItem, ExpiredError, NotPermittedError, OpenedBundle
from paperless.core.classification import Level
from paperless.core.errors import PaperlessError
from paperless.core.library import Library, SessionRecord
from paperless.core.model.observers import Observers
from paperless.core.policy import Policy

CACHE_BYTES = 256 * 2**20  # decrypted PDFs kept for a quick return to them


class SessionClosedError(PaperlessError):
    en = "The session was closed."
    vi = "Phiên họp đã được đóng."


class Change(Enum):
    OPENED = "opened"
    CLOSING = "closing"  # about to close: save what belongs to it
    CLOSED = "closed"
    CURRENT = "current"  # another document is on screen (or none)
    READ = "read"  # a document's read mark changed
    EXPIRED = "expired"  # the session crossed its expiry while open: its documents are closed
    RECALLED = "recalled"  # the office recalled the open session (or an item of it): it was closed


@dataclass(frozen=True)
class SessionEvent:
    change: Change
    entry: str | None = None
    read: bool | None = None


@dataclass(frozen=True)
class LoadedDocument:
    entry: str
    title: str
    data: bytes
    start_page: int
    pages: int
    watermark: str | None
    allow_copy: bool
    doc_hash: str = ""  # sha256 of the PDF (the agenda's AgendaDocument.sha256): the notes' document key
    level: Level | None = None  # its item's secrecy level (None: not classified)


class DocumentCache:
    """Decrypted documents by entry, least recently used dropped first beyond ``budget`` bytes.

    The newest document is always kept, whatever its size: it is the one on screen, whose
    bytes the viewer holds anyway. Not thread-safe: the model holds its lock around it.
    """

    def __init__(self, budget: int = CACHE_BYTES) -> None:
        self.budget = budget
        self.size = 0
        self._items: OrderedDict[str, bytes] = OrderedDict()

    def get(self, entry: str) -> bytes | None:
        data = self._items.get(entry)
        if data is not None:
            self._items.move_to_end(entry)
        return data

    def put(self, entry: str, data: bytes) -> None:
        old = self._items.pop(entry, None)
        if old is not None:
            self.size -= len(old)
        self._items[entry] = data
        self.size += len(data)
        while self.size > self.budget and len(self._items) > 1:
            _entry, dropped = self._items.popitem(last=False)
            self.size -= len(dropped)

    def entries(self) -> list[str]:
        """Least recently used first."""
        return list(self._items)

    def clear(self) -> None:
        self._items.clear()
        self.size = 0

    def __len__(self) -> int:
        return len(self._items)


def watermark_text(member: str, session_title: str, day: date, level: Level | None = None) -> str:
    """Who is reading, which session, and when: a photo of the screen is traceable. A classified
    document's line starts with its secrecy mark, as stamped on paper ("TỐI MẬT")."""
    line = f"{member} · {session_title} · {day.strftime('%d/%m/%Y')}"
    return f"{level.vi} · {line}" if level is not None else line


def _save_library(library: Library) -> None:
    library.trusted_time()
    library.save_if_dirty()


class SessionModel:
    def __init__(self, clock: Callable[[], datetime], on_error: Callable[[BaseException], None] | None = None,
                 run_save: Callable[[Callable[[], None]], object] | None = None) -> None:
        """``run_save(job)`` runs a save of the library (a thread-safe job); by default at once,
        on the caller's thread, its errors raised to the caller."""
        self._clock = clock
        self._run_save: Callable[[Callable[[], None]], object] = run_save or (lambda job: job())
        self._lock = threading.RLock()
        self.opened: OpenedBundle | None = None
        self.record: SessionRecord | None = None
        self._library: Library | None = None
        self.current: str | None = None
        self.cache = DocumentCache()
        self._expired_told = False
        self.observers: Observers[SessionEvent] = Observers(on_error)

    # ---- the session ---------------------------------------------------------------------------

    def open(self, opened: OpenedBundle, record: SessionRecord, library: Library | None) -> None:
        """Show ``opened`` (closing the one before)."""
        self.close()
        with self._lock:
            self.opened, self.record, self._library = opened, record, library
            self._expired_told = opened.expired
        self.observers.notify(SessionEvent(Change.OPENED))

    def close(self) -> None:
        if self.opened is None:
            return
        self.observers.notify(SessionEvent(Change.CLOSING))
        try:
            self.save()
        except PaperlessError as exc:  # the reading state is lost, not the session's closing
            if self.observers.on_error is None:
                raise
            self.observers.on_error(exc)
        with self._lock:
            if self.opened is not None:
                self.opened.close()
            self.opened, self.record, self._library, self.current = None, None, None, None
            self.cache.clear()
        self.observers.notify(SessionEvent(Change.CLOSED))

    @property
    def policy(self) -> Policy | None:
        """What the office lets this member do with the open session, decided when asked."""
        opened = self.opened
        return Policy.of(opened) if opened is not None else None

    def policy_for(self, entry: str | None) -> Policy | None:
        """The policy of the document ``entry`` (a classified one's is stricter); None: the session's."""
        opened = self.opened
        return Policy.of(opened, entry) if opened is not None else None

    @property
    def expired(self) -> bool:
        opened = self.opened
        return opened is not None and opened.expired

    def check_expiry(self) -> bool:
        """True if the open session has expired. The first time that is seen while it is open (the
        app running across the expiry), its decrypted documents are dropped and EXPIRED is told."""
        opened = self.opened
        if opened is None or not opened.expired:
            return False
        with self._lock:
            first, self._expired_told = not self._expired_told, True
            if first:
                self.cache.clear()
                self.current = None
        if first:
            self.observers.notify(SessionEvent(Change.EXPIRED))
        return True

    def drop_decrypted(self) -> None:
        """Forget the decrypted documents kept for next time (the idle lock); they are decrypted
        again from the bundle when next read."""
        with self._lock:
            self.cache.clear()

    def recalled(self, session_id: str, item: int | None = None) -> bool:
        """The office recalled ``session_id`` (``item``: one item of it; the device deletes the whole
        bundle either way, see core/sync/recall.py): if it is the open session, drop its decrypted
        documents, tell RECALLED (the GUI says why), then close it without saving its reading state
        (the library no longer has it). True if it was open. Any thread (the sync engine's
        ``recalled`` observers call it)."""
        with self._lock:
            record = self.record
            if self.opened is None or record is None or record.session_id != session_id:
                return False
            self.cache.clear()
            self.current = None
            self._library = None  # nothing is saved back for a session the library has forgotten
        self.observers.notify(SessionEvent(Change.RECALLED, read=None, entry=None if item is None else str(item)))
        self.close()
        return True

    # ---- the agenda ----------------------------------------------------------------------------

    def readable_entries(self) -> list[str]:
        opened = self.opened
        if opened is None:
            return []
        member = opened.member
        return [d.entry for it in opened.agenda.items if it.readable_by(member) for d in it.documents]

    def find(self, entry: str) -> tuple[AgendaItem, AgendaDocument] | None:
        opened = self.opened
        if opened is None:
            return None
        for item in opened.agenda.items:
            for doc in item.documents:
                if doc.entry == entry:
                    return item, doc
        return None

    def first_entry(self) -> str | None:
        """Where to start reading: the last document read here, else the first readable one."""
        entries = self.readable_entries()
        record = self.record
        if record is not None and record.last_document in entries:
            return record.last_document
        return entries[0] if entries else None

    def refusal(self, entry: str) -> PaperlessError | None:
        """Why ``entry`` cannot be shown now (expired, restricted), or None."""
        opened, found = self.opened, self.find(entry)
        if opened is None or found is None:
            return SessionClosedError()
        item, _doc = found
        if self.check_expiry():
            when = opened.manifest.expires_at
            return ExpiredError(path=opened.path.name, when=when.strftime("%H:%M, %d/%m/%Y") if when else "")
        if not item.readable_by(opened.member):
            return NotPermittedError(path=opened.path.name, title=item.title, name=opened.member)
        return None

    # ---- documents (any thread) ------------------------------------------------------------------

    def reader(self, *, keep: bool = True) -> Callable[[str], bytes]:
        """Reads (decrypts) a document of the session open now, in memory; ``keep``: remember it for
        next time. Fails with :class:`SessionClosedError` once that session is no longer open."""
        opened = self.opened

        def read(entry: str) -> bytes:
            with self._lock:
                if opened is None or self.opened is not opened:
                    raise SessionClosedError()
                cached = self.cache.get(entry)
                if cached is not None:
                    return cached
                data = opened.read_document(entry)
                if keep:
                    self.cache.put(entry, data)
                return data

        return read

    def loaded(self, entry: str, data: bytes) -> LoadedDocument:
        """What the viewer needs to show ``entry`` (decrypted ``data``), where it was last read."""
        opened, found = self.opened, self.find(entry)
        if opened is None or found is None:
            raise SessionClosedError()
        _item, doc = found
        agenda = opened.agenda
        today = self._clock().astimezone().date()  # local date: Vietnam is UTC+7
        policy = Policy.of(opened, entry)
        watermark = watermark_text(opened.member, agenda.title, today, policy.level) if policy.shows_watermark else None
        return LoadedDocument(entry, doc.title, data, self.last_page(entry), doc.pages, watermark,
                              policy.can_copy(), doc.sha256, policy.level)

    def set_current(self, entry: str | None) -> None:
        with self._lock:
            if self.current == entry:
                return
            self.current = entry
        if entry is not None:
            self.set_position(entry, self.last_page(entry))
        self.observers.notify(SessionEvent(Change.CURRENT, entry))

    # ---- reading places and read marks -----------------------------------------------------------

    def _tracked(self) -> tuple[Library, SessionRecord] | None:
        """The library and record keeping this session's reading state, if it is (still) there."""
        library, record = self._library, self.record
        if library is None or record is None or not library.has_session(record.session_id):
            return None
        return library, record

    def last_page(self, entry: str) -> int:
        tracked = self._tracked()
        return tracked[0].last_page(tracked[1].session_id, entry) if tracked else 0

    def read_set(self) -> set[str]:
        record = self.record
        return {e for e, d in record.documents.items() if d.read} if record is not None else set()

    def set_position(self, entry: str, page: int) -> bool:
        """The member is on ``page`` of ``entry``; True if the state changed (to be saved)."""
        tracked = self._tracked()
        if tracked is None or page < 0:
            return False
        library, record = tracked
        library.set_position(record.session_id, entry, page)
        return library.dirty

    def page_changed(self, page: int, count: int) -> bool:
        """The page on screen changed; reaching the last page marks the document read."""
        entry = self.current
        if entry is None or not self.set_position(entry, page):
            return False
        tracked = self._tracked()
        if tracked is not None and count > 0 and page >= count - 1 and not tracked[0].is_read(tracked[1].session_id,
                                                                                               entry):
            self.set_read(entry, True)
        return True

    def set_read(self, entry: str, read: bool) -> None:
        tracked = self._tracked()
        if tracked is None:
            return
        library, record = tracked
        library.mark_read(record.session_id, entry, read)
        self.observers.notify(SessionEvent(Change.READ, entry, read))

    def save(self) -> None:
        """Write the reading state (and the latest time seen) to the sealed library if it changed,
        through ``run_save``."""
        library = self._library
        if library is None:
            return
        self._run_save(functools.partial(_save_library, library))
