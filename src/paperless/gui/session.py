"""The open session in the GUI: the Qt-free :class:`~paperless.core.model.SessionModel`, plus what
needs Qt — the task layer for decrypting documents off the GUI thread, timers (saving the reading
state a moment after the last change; asking the clock for the expiry), the search indexer, and
signals for the widgets.

The model holds the state and the rules (what may be read, expiry, reading places); this object
turns the model's events into Qt signals on the GUI thread and never decides anything itself.
"""

from __future__ import annotations

import threading
from collections.abc import Callable

from PySide6.QtCore import QObject, QTimer, Signal

from paperless.core.bundle import AgendaDocument, AgendaItem, OpenedBundle
from paperless.core.errors import PaperlessError
from paperless.core.library import SessionRecord
from paperless.core.model import Change, DocumentCache, SessionEvent, SessionModel
from paperless.core.policy import Policy
from paperless.core.search import SessionIndex
from paperless.gui.indexer import SessionIndexer
from paperless.gui.services import AppServices

SAVE_DELAY_MS = 1500
EXPIRY_CHECK_MS = 15_000  # how often an open session with an expiry asks the clock (and keeps the latest time)


class SessionController(QObject):
    session_changed = Signal()  # a session was opened or closed
    closing = Signal()  # the open session is about to close: save what belongs to it
    document_loading = Signal(str)  # entry
    document_ready = Signal(object)  # LoadedDocument
    document_refused = Signal(str, object)  # entry, PaperlessError (expired, restricted, tampered …)
    read_changed = Signal(str, bool)
    session_expired = Signal()  # the open session has just crossed its expiry: its documents are closed
    documents_dropped = Signal()  # the idle lock: the decrypted documents are let go (the session stays open)
    session_recalled = Signal(str)  # the office recalled the open session (its title): it was closed and deleted

    def __init__(self, services: AppServices, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._services = services
        self.model = SessionModel(clock=lambda: services.clock(), on_error=services.tasks.report,
                                  run_save=services.tasks.db.run)  # sealed and synced off the GUI thread
        self.model.observers.subscribe(self._told)
        self._loads = services.tasks.scope()  # a document on its way is dropped once another is asked for
        self.indexer = SessionIndexer(services.worker, services.tasks, self)
        self._save_timer = QTimer(self)
        self._save_timer.setSingleShot(True)
        self._save_timer.setInterval(SAVE_DELAY_MS)
        self._save_timer.timeout.connect(self.save_now)
        self._expiry_timer = QTimer(self)
        self._expiry_timer.setInterval(EXPIRY_CHECK_MS)
        self._expiry_timer.timeout.connect(self.check_expiry)
        self.held = False  # the idle lock is on: nothing is decrypted until it is released
        self._wanted: str | None = None  # the document asked for while held, opened on release

    # -- the model's state -------------------------------------------------------------------------

    @property
    def opened(self) -> OpenedBundle | None:
        return self.model.opened

    @property
    def record(self) -> SessionRecord | None:
        return self.model.record

    @property
    def current(self) -> str | None:
        return self.model.current

    @property
    def cache(self) -> DocumentCache:
        return self.model.cache

    @property
    def expired(self) -> bool:
        return self.model.expired

    @property
    def policy(self) -> Policy | None:
        """What the office lets this member do with the open session, decided when asked."""
        return self.model.policy

    def policy_for(self, entry: str | None) -> Policy | None:
        """The policy of the document ``entry`` (stricter for a classified one); None: the session's."""
        return self.model.policy_for(entry)

    def readable_entries(self) -> list[str]:
        return self.model.readable_entries()

    def find(self, entry: str) -> tuple[AgendaItem, AgendaDocument] | None:
        return self.model.find(entry)

    def first_entry(self) -> str | None:
        return self.model.first_entry()

    def read_set(self) -> set[str]:
        return self.model.read_set()

    def background_reader(self) -> Callable[[str], bytes] | None:
        """Reads documents of the open session for background work (not kept in the cache)."""
        return self.model.reader(keep=False) if self.model.opened is not None else None

    # -- changing it -------------------------------------------------------------------------------

    def show_session(self, opened: OpenedBundle, record: SessionRecord) -> None:
        self.model.open(opened, record, self._services.library)

    def close_session(self) -> None:
        if self.model.opened is None:
            self.session_changed.emit()
            return
        self.model.close()

    def check_expiry(self) -> bool:
        """True if the open session has expired; crossing it closes the documents (``session_expired``).
        Asked on a timer and before every document, print and export."""
        return self.model.check_expiry()

    def hold(self) -> None:
        """The idle lock is on: drop every decrypted thing this side holds — documents on their way,
        the decrypted documents kept for next time, the search index (the documents' text) — and
        decrypt nothing until :meth:`release`. The session itself (agenda, notes, reading places,
        the meeting room) stays open. The render side is the caller's (``RenderWorker.drop_all``)."""
        self.held = True
        self._wanted = None
        self._loads.renew()
        self.indexer.stop()
        self.indexer.index.clear()  # whoever still holds it holds no text
        self.indexer.index = SessionIndex()
        self.model.drop_decrypted()
        self.documents_dropped.emit()  # the parts let go of the document they hold

    def release(self) -> str | None:
        """The member unlocked: documents may be decrypted again, the search index is built again.
        Returns the document asked for while held (a presenter's page turn), if any."""
        self.held = False
        wanted, self._wanted = self._wanted, None
        opened, policy = self.model.opened, self.model.policy
        if opened is not None and policy is not None and policy.can_read() and not self.model.expired:
            member = opened.member
            pages = {d.entry: d.pages for it in opened.agenda.items if it.readable_by(member) for d in it.documents}
            self.indexer.start(pages, self.model.reader(keep=False))
        return wanted

    def open_document(self, entry: str) -> None:
        if self.model.find(entry) is None:
            return
        if self.held:
            self._wanted = entry
            return
        refused = self.model.refusal(entry)
        if refused is not None:
            self.document_refused.emit(entry, refused)
            return
        self._loads.renew()
        self.document_loading.emit(entry)
        read = self.model.reader()

        def done(data: bytes) -> None:
            if self.check_expiry():
                return
            loaded = self.model.loaded(entry, data)
            self.model.set_current(entry)
            self._schedule_save()
            self.document_ready.emit(loaded)

        def failed(exc: BaseException) -> None:
            if isinstance(exc, PaperlessError):
                self.document_refused.emit(entry, exc)
            else:
                self._services.tasks.report(exc)

        self._loads.run(self._services.tasks.pool, lambda: read(entry), done, failed)

    def page_changed(self, page: int, count: int) -> None:
        if self.model.page_changed(page, count):
            self._schedule_save()

    def set_read(self, entry: str, read: bool) -> None:
        self.model.set_read(entry, read)
        self._schedule_save()

    def _schedule_save(self) -> None:
        self._save_timer.start()

    def save_now(self) -> None:
        """Queue the reading state's save on the database lane (its errors reach the error handler)."""
        self._save_timer.stop()
        self.model.save()

    # -- the model's events, as signals on the GUI thread --------------------------------------------

    def _told(self, event: SessionEvent, title: str | None = None) -> None:
        if title is None and event.change is Change.RECALLED:  # told before the model closes the session
            record = self.model.record
            title = record.title if record is not None else ""
        if threading.current_thread() is not threading.main_thread():
            self._services.tasks.post(lambda: self._told(event, title))
            return
        change = event.change
        if change is Change.OPENED:
            opened, policy = self.model.opened, self.model.policy
            readable = policy is not None and policy.can_read()
            if opened is not None and opened.manifest.expires_at is not None and readable:
                self._expiry_timer.start()
            self.session_changed.emit()
            if opened is not None and readable:
                member = opened.member
                pages = {d.entry: d.pages for it in opened.agenda.items if it.readable_by(member) for d in it.documents}
                self.indexer.start(pages, self.model.reader(keep=False))
        elif change is Change.CLOSING:
            self._expiry_timer.stop()
            self.closing.emit()
            self.indexer.stop()
            self._save_timer.stop()
            self._loads.renew()
        elif change is Change.CLOSED:
            self.session_changed.emit()
        elif change is Change.READ and event.entry is not None and event.read is not None:
            self.read_changed.emit(event.entry, event.read)
        elif change is Change.RECALLED:
            self._expiry_timer.stop()
            self.indexer.stop()
            self._save_timer.stop()
            self._loads.renew()  # a document on its way is not shown
            self.session_recalled.emit(title or "")
        elif change is Change.EXPIRED:
            self._expiry_timer.stop()
            self.indexer.stop()
            self._loads.renew()  # a document on its way is not shown
            self.session_expired.emit()
