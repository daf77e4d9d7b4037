"""The open session: the opened bundle, decrypted documents in memory, reading state, index.

All reads of the bundle go through one lock (the bundle file handle is shared) and run off
the GUI thread. Decrypted PDFs stay in memory only, and only a few of them: the most recently
read ones within a byte budget (:class:`DocumentCache`), so a 1 GB session cannot fill memory.
The reading position and read marks go to the encrypted library, saved a moment after the
last change and when the session closes (not for a session the library has dropped meanwhile,
e.g. because its background check found the bundle damaged).
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from PySide6.QtCore import QObject, QTimer, Signal

from paperless.core.bundle import AgendaDocument, AgendaItem, ExpiredError, NotPermittedError, OpenedBundle
from paperless.core.errors import PaperlessError
from paperless.core.library import Library, SessionRecord
from paperless.core.policy import Policy
from paperless.gui.indexer import SessionIndexer
from paperless.gui.services import AppServices

SAVE_DELAY_MS = 1500
EXPIRY_CHECK_MS = 15_000  # how often an open session with an expiry asks the clock (and keeps the latest time)
CACHE_BYTES = 256 * 2**20  # decrypted PDFs kept for a quick return to them


class SessionClosedError(PaperlessError):
    en = "The session was closed."
    vi = "Phiên họp đã được đóng."


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


class DocumentCache:
    """Decrypted documents by entry, least recently used dropped first beyond ``budget`` bytes.

    The newest document is always kept, whatever its size: it is the one on screen, whose
    bytes the viewer holds anyway. Not thread-safe: the controller holds its lock around it.
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


class SessionController(QObject):
    session_changed = Signal()  # a session was opened or closed
    closing = Signal()  # the open session is about to close: save what belongs to it
    document_loading = Signal(str)  # entry
    document_ready = Signal(object)  # LoadedDocument
    document_refused = Signal(str, object)  # entry, PaperlessError (expired, restricted, tampered …)
    read_changed = Signal(str, bool)
    session_expired = Signal()  # the open session has just crossed its expiry: its documents are closed

    def __init__(self, services: AppServices, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._services = services
        self.opened: OpenedBundle | None = None
        self.record: SessionRecord | None = None
        self.current: str | None = None
        self._lock = threading.Lock()
        self.cache = DocumentCache()
        self._request = 0
        self.indexer = SessionIndexer(services.worker, services.tasks, self)
        self._save_timer = QTimer(self)
        self._save_timer.setSingleShot(True)
        self._save_timer.setInterval(SAVE_DELAY_MS)
        self._save_timer.timeout.connect(self.save_now)
        self._expiry_timer = QTimer(self)
        self._expiry_timer.setInterval(EXPIRY_CHECK_MS)
        self._expiry_timer.timeout.connect(self.check_expiry)
        self._expired_shown = False

    # -- session ----------------------------------------------------------------------------

    def show_session(self, opened: OpenedBundle, record: SessionRecord) -> None:
        self.close_session()
        self.opened, self.record = opened, record
        self._expired_shown = opened.expired
        if opened.manifest.expires_at is not None and not self._expired_shown:
            self._expiry_timer.start()
        self.session_changed.emit()
        if not opened.expired:
            member = opened.member
            pages = {d.entry: d.pages for it in opened.agenda.items if it.readable_by(member) for d in it.documents}
            self.indexer.start(pages, self._reader(opened, keep=False))

    def close_session(self) -> None:
        self._expiry_timer.stop()
        if self.opened is not None:
            self.closing.emit()
        self.indexer.stop()
        self.save_now()
        self._request += 1
        with self._lock:
            if self.opened is not None:
                self.opened.close()
            self.opened, self.record, self.current = None, None, None
            self.cache.clear()
        self.session_changed.emit()

    @property
    def expired(self) -> bool:
        return self.opened is not None and self.opened.expired

    @property
    def policy(self) -> Policy | None:
        """What the office lets this member do with the open session, decided when asked."""
        return Policy.of(self.opened) if self.opened is not None else None

    def check_expiry(self) -> bool:
        """True if the open session has expired; the first time it is seen (the app running across the
        expiry), the session's documents are closed and ``session_expired`` is emitted. Asked on a timer and
        before every document, print and export."""
        opened = self.opened
        if opened is None or not opened.expired:
            return False
        if not self._expired_shown:
            self._expired_shown = True
            self._expiry_timer.stop()
            self.indexer.stop()
            self._request += 1  # a document on its way is not shown
            with self._lock:
                self.cache.clear()
                self.current = None
            self.session_expired.emit()
        return True

    def readable_entries(self) -> list[str]:
        if self.opened is None:
            return []
        member = self.opened.member
        return [d.entry for it in self.opened.agenda.items if it.readable_by(member) for d in it.documents]

    def find(self, entry: str) -> tuple[AgendaItem, AgendaDocument] | None:
        if self.opened is None:
            return None
        for item in self.opened.agenda.items:
            for doc in item.documents:
                if doc.entry == entry:
                    return item, doc
        return None

    def first_entry(self) -> str | None:
        """Where to start reading: the last document read here, else the first readable one."""
        entries = self.readable_entries()
        if self.record is not None and self.record.last_document in entries:
            return self.record.last_document
        return entries[0] if entries else None

    def read_set(self) -> set[str]:
        if self.record is None:
            return set()
        return {e for e, d in self.record.documents.items() if d.read}

    # -- documents ----------------------------------------------------------------------------

    def background_reader(self) -> Callable[[str], bytes] | None:
        """Reads documents of the open session for background work (not kept in the cache)."""
        return self._reader(self.opened, keep=False) if self.opened is not None else None

    def _reader(self, opened: OpenedBundle, *, keep: bool = True) -> Callable[[str], bytes]:
        """Reads (decrypts) a document of ``opened``, in memory; ``keep``: remember it for next time."""

        def read(entry: str) -> bytes:
            with self._lock:
                if self.opened is not opened:
                    raise SessionClosedError()
                cached = self.cache.get(entry)
                if cached is not None:
                    return cached
                data = opened.read_document(entry)
                if keep:
                    self.cache.put(entry, data)
                return data

        return read

    def open_document(self, entry: str) -> None:
        opened = self.opened
        found = self.find(entry)
        if opened is None or found is None:
            return
        item, doc = found
        if self.check_expiry():
            when = opened.manifest.expires_at
            self.document_refused.emit(entry, ExpiredError(path=opened.path.name,
                                                           when=when.strftime("%H:%M, %d/%m/%Y") if when else ""))
            return
        if not item.readable_by(opened.member):
            self.document_refused.emit(entry, NotPermittedError(path=opened.path.name, title=item.title,
                                                                name=opened.member))
            return
        self._request += 1
        request = self._request
        self.document_loading.emit(entry)
        read = self._reader(opened)
        agenda = opened.agenda
        tracked = self._tracked()
        start = tracked[0].last_page(agenda.session_id, entry) if tracked else 0
        today = self._services.clock().astimezone().date()  # local date: Vietnam is UTC+7
        watermark = watermark_text(opened.member, agenda.title, today) if agenda.watermark else None

        def done(data: bytes) -> None:
            if request != self._request or self.check_expiry():
                return
            self.current = entry
            if (tracked := self._tracked()) is not None:
                tracked[0].set_position(tracked[1].session_id, entry, start)
                self._schedule_save()
            self.document_ready.emit(LoadedDocument(entry, doc.title, data, start, doc.pages, watermark,
                                                    agenda.allow_copy, doc.sha256))

        def failed(exc: BaseException) -> None:
            if request != self._request:
                return
            if isinstance(exc, PaperlessError):
                self.document_refused.emit(entry, exc)
            else:
                self._services.tasks.report(exc)

        self._services.tasks.pool.run(lambda: read(entry), done, failed)

    # -- reading state ------------------------------------------------------------------------

    def _tracked(self) -> tuple[Library, SessionRecord] | None:
        """The library and record keeping this session's reading state, if it is (still) there."""
        library, record = self._services.library, self.record
        if library is None or record is None or not library.has_session(record.session_id):
            return None
        return library, record

    def page_changed(self, page: int, count: int) -> None:
        tracked, entry = self._tracked(), self.current
        if tracked is None or entry is None or page < 0:
            return
        library, record = tracked
        library.set_position(record.session_id, entry, page)
        if count > 0 and page >= count - 1 and not library.is_read(record.session_id, entry):
            self.set_read(entry, True)
        self._schedule_save()

    def set_read(self, entry: str, read: bool) -> None:
        tracked = self._tracked()
        if tracked is None:
            return
        library, record = tracked
        library.mark_read(record.session_id, entry, read)
        self.read_changed.emit(entry, read)
        self._schedule_save()

    def _schedule_save(self) -> None:
        self._save_timer.start()

    def save_now(self) -> None:
        self._save_timer.stop()
        library = self._services.library
        if library is None:
            return
        library.trusted_time()  # the latest time seen goes into the sealed state with this save
        try:
            library.save_if_dirty()
        except PaperlessError as exc:
            self._services.tasks.report(exc)


def watermark_text(member: str, session_title: str, day: date) -> str:
    """Who is reading, which session, and when: a photo of the screen is traceable."""
    return f"{member} · {session_title} · {day.strftime('%d/%m/%Y')}"
