"""The member's notes in the reader: the controller, the notes panel, the exports, carry-over.

Owns the :class:`AnnotationController` (on the task layer's ONE database lane), the notes panel
and the :class:`Exporter`. Narrow dependencies: the app's services, the session (its signals, its
documents), the document view (its annotating layer and annotation toolbar); what it needs from
the window goes out as signals, and the window connects its inputs (the agenda's chosen item,
the page on screen, the menu actions):

* the session: the member's store is opened for the session when it is shown (its store id from
  the bundle's ``manifest.session_id``) and closed with it; whatever is being typed is saved
  first (``SessionController.closing``), and again when the window shuts down;
* the viewer: ``DocumentView.set_annotations(controller)`` once, the document's content hash with
  each document (``LoadedDocument.doc_hash``), ``DocumentView.go_to_annotation`` for a click in
  the list of my annotations;
* failures of the store are emitted as ``failed`` (the window shows them like every other failure).
"""

from __future__ import annotations

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtWidgets import QWidget

from paperless.core.model import LoadedDocument, SessionClosedError
from paperless.core.notes import Annotation
from paperless.core.notes.carry import CarryReport
from paperless.gui.annotations.carry import CarryOver
from paperless.gui.annotations.controller import AnnotationController
from paperless.gui.notes.context import NotesContext
from paperless.gui.notes.exporting import Exporter
from paperless.gui.notes.panel import BOOKMARKS_TAB, NotesPanel
from paperless.gui.services import AppServices
from paperless.gui.session import SessionController
from paperless.gui.viewer import DocumentView

NOTES_DELAY_MS = 200  # the notes store opens this long after a session is shown


class NotesPart(QObject):
    failed = Signal(object)  # an exception to show
    hint = Signal(str, int, int)  # a note over the document: text, milliseconds, width
    state_changed = Signal()  # what the window's actions depend on changed (notes ready, document, busy)
    open_at = Signal(str, int)  # show this document (entry) at this page: an annotation in another document
    panel_wanted = Signal()  # the member asked for something in the notes panel: show it

    def __init__(self, services: AppServices, session: SessionController, view: DocumentView,
                 parent: QWidget) -> None:
        super().__init__(parent)
        self._services = services
        self._session = session
        self._view = view
        self.controller = AnnotationController(services.tasks, self)
        self.panel = NotesPanel(self.controller, parent)
        self.exporter = Exporter(session, services, self.controller, self.panel.item_note.pending, parent)
        self.carry = CarryOver(self.controller, services.worker, services.tasks, self)
        self.context: NotesContext | None = None
        self.document: LoadedDocument | None = None  # the one on screen
        self._pending_jump: Annotation | None = None
        self.carry_message = ""  # what the last carry-over said
        view.set_annotations(self.controller)
        self.toolbar = view.annotation_toolbar()
        self._connect()

    def _connect(self) -> None:
        s, c, p = self._session, self.controller, self.panel
        s.closing.connect(self._closing)
        s.session_changed.connect(self._session_changed)
        s.document_ready.connect(self._document_ready)
        s.session_expired.connect(self._expired)
        s.documents_dropped.connect(self._expired)  # the idle lock: the same, until it is unlocked
        p.bookmarks.jump_requested.connect(self._view.go_to_page)
        p.annotations.annotation_activated.connect(self.go_to_annotation)
        p.annotations.place_requested.connect(self.place)
        p.annotations.drop_requested.connect(lambda a: c.delete(a.uuid))
        c.failed.connect(self.failed)
        c.damaged.connect(self.failed)  # said once; the other notes are still shown
        c.ready.connect(self._ready)
        self.carry.finished.connect(self._carried)
        self.carry.failed.connect(lambda exc: None if isinstance(exc, SessionClosedError) else self.failed.emit(exc))
        self.exporter.failed.connect(self.failed)
        self.exporter.busy_changed.connect(lambda _busy: self.state_changed.emit())

    # -- inputs from the window ----------------------------------------------------------------------

    def item_chosen(self, index: int, heading: str) -> None:
        """The agenda's current item: its private note is the one shown."""
        self.panel.item_note.set_item(index, heading)

    def page_changed(self, page: int) -> None:
        self.panel.bookmarks.set_current_page(page)

    def export_annotated(self) -> None:
        self.exporter.export_annotated(self.document)

    def export_notes(self) -> None:
        opened = self._session.opened
        if opened is not None and self.context is not None:
            self.exporter.export_notes(opened.agenda, opened.member, self.context.doc_hashes())

    def add_bookmark(self) -> None:
        if self.document is None:
            return
        self.panel_wanted.emit()
        self.panel.show_tab(BOOKMARKS_TAB)
        self.panel.bookmarks.add_current()

    # -- session -----------------------------------------------------------------------------

    def _expired(self) -> None:
        """The session crossed its expiry (or the idle lock dropped the documents): its document is
        closed; notes stay the member's own."""
        self.document = None
        self.state_changed.emit()

    def _session_changed(self) -> None:
        opened, services = self._session.opened, self._services
        if opened is None or services.library is None or services.identity is None:
            self.state_changed.emit()  # closed (_closing saved everything): no session, no notes
            return
        self.context = NotesContext.from_agenda(opened.agenda, opened.member)
        self.panel.set_context(self.context)
        self.exporter.reset()
        folder, identity, session_id = services.library.folder, services.identity, opened.manifest.session_id

        def start() -> None:  # once the agenda is on screen: loading the store costs ~0.25 s of CPU
            if self._session.opened is opened:
                self.controller.start(folder, identity, session_id)

        QTimer.singleShot(NOTES_DELAY_MS, self, start)
        self.state_changed.emit()

    def _ready(self) -> None:
        if self.context is not None:
            self.controller.load_all(self.context.doc_hashes())
            read = self._session.background_reader()
            policy = self._session.policy
            if read is not None and policy is not None and policy.can_read():  # revised documents: notes follow
                self.carry.run({d.doc_hash: d.entry for d in self.context.documents}, read,
                               self.context.agenda_hashes)
        self.state_changed.emit()

    def _carried(self, reports: list[CarryReport]) -> None:
        placed = sum(r.placed for r in reports)
        lost = sum(len(r.orphaned) for r in reports)
        if not reports:
            return
        parts = []
        if placed:
            parts.append(self.tr("%n of your notes moved to the revised documents.", "", placed))
        if lost:
            parts.append(self.tr("%n could not be placed (their text changed); see My notes.", "", lost))
        text = " ".join(parts)
        self.carry_message = text
        self.hint.emit(text, 12000, 560)  # over the document, where the member looks
        if self.context is not None:
            self.controller.load_all(self.context.doc_hashes())

    def _closing(self) -> None:
        """The session is about to close: save what is being typed (the item note, a sticky note
        or text box on the page), then end the session's notes."""
        self._view.finish_annotation_editing()
        self.panel.flush()
        self.carry.stop()
        self.controller.stop()
        self.context, self.document, self._pending_jump = None, None, None
        self.panel.set_context(None)
        self.state_changed.emit()

    def shut_down(self) -> None:
        """The window is closing: save what is typed and close the store (after the queued saves)."""
        self._view.finish_annotation_editing()
        self.carry.stop()
        self.panel.flush()
        self.controller.close()

    # -- documents ------------------------------------------------------------------------------

    def _document_ready(self, doc: LoadedDocument) -> None:
        self.document = doc
        self.panel.bookmarks.set_document(doc.doc_hash, doc.title)
        self.panel.bookmarks.set_current_page(doc.start_page)
        jump, self._pending_jump = self._pending_jump, None
        if jump is not None and jump.doc_hash == doc.doc_hash:
            self._view.go_to_annotation(jump)
        self.state_changed.emit()

    def go_to_annotation(self, annotation: Annotation) -> None:
        """Open the annotation's document (if another one is shown) and show the annotation."""
        found = self.context.document(annotation.doc_hash) if self.context else None
        if found is None:
            return
        if self.document is not None and self.document.doc_hash == annotation.doc_hash \
                and self._session.current == self.document.entry:
            self._view.go_to_annotation(annotation)
            return
        self._pending_jump = annotation
        self.open_at.emit(found.entry, annotation.page)

    def place(self, annotation: Annotation) -> None:
        """Place a "not placed" annotation in the document on screen (see viewer.annotation_place)."""
        if self.document is None or not self._view.place_annotation(annotation):
            self.hint.emit(self.tr("Open the document where it belongs first."), 6000, 480)
        else:
            self._view.setFocus()

