"""Composition: the member's notes in the main window.

Owns the :class:`AnnotationController` (on the services' ONE database worker) and the notes
panel, and connects them to the rest of the window:

* the session: the member's store is opened for the session when it is shown (its store
  id from the bundle's ``manifest.session_id``) and closed with it; whatever is being typed
  is saved first (``SessionController.closing``), and again when the window shuts down;
* the agenda: the item note follows the current item (``AgendaPanel.item_chosen``);
* the viewer: ``DocumentView.set_annotations(controller)`` once, the document's content hash
  with each document (``LoadedDocument.doc_hash``, passed on by the reader pane),
  ``DocumentView.go_to_annotation`` for a click in the list of my annotations, and the
  viewer's annotation toolbar, placed next to its page toolbar (hidden with it in reading mode);
* the menus: Edit ▸ Undo/Redo (the annotation toolbar's actions, named after the step: "Undo
  Highlight"…), Edit ▸ Bookmark this page (Ctrl+D), View ▸ My notes (F8, remembered in the
  settings), File ▸ Export annotated PDF… and Export my notes…;
* failures of the store are shown like every other failure (``MainWindow.show_failure``).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtGui import QPalette

from paperless.core.model import LoadedDocument, SessionClosedError
from paperless.core.notes import Annotation
from paperless.core.notes.carry import CarryReport
from paperless.gui.annotations.carry import CarryOver
from paperless.gui.annotations.controller import AnnotationController
from paperless.gui.notes.context import NotesContext
from paperless.gui.notes.exporting import Exporter
from paperless.gui.notes.kinds import redo_text, undo_text
from paperless.gui.notes.panel import BOOKMARKS_TAB, NotesPanel
from paperless.gui.reading_mode import READER_PAGE

if TYPE_CHECKING:
    from paperless.gui.main_window import MainWindow

SETTING = "notes_panel"
WIDTH = 300  # the panel's width until the member changes it
CENTRE_MIN = 400  # the page keeps at least this much when the panel comes back
NOTES_DELAY_MS = 200  # the notes store opens this long after a session is shown


class NotesWiring(QObject):
    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self._w = window
        self.controller = AnnotationController(window.services.tasks, self)
        self.panel = NotesPanel(self.controller, window)
        self.exporter = Exporter(window, self.controller, self.panel.item_note.pending)
        self.carry = CarryOver(self.controller, window.services.worker, window.services.tasks, self)
        self.context: NotesContext | None = None
        self.document: LoadedDocument | None = None  # the one on screen
        self._pending_jump: Annotation | None = None
        self.carry_message = ""  # what the last carry-over said
        self._width = WIDTH
        view = window.reader.view
        view.set_annotations(self.controller)
        self.toolbar = view.annotation_toolbar()
        self.toolbar.setParent(window)
        window.addToolBar(self.toolbar)
        self.toolbar.setVisible(window.centre.currentIndex() == READER_PAGE)
        self.toolbar.set_icons(window.icons, window.palette().color(QPalette.ColorRole.WindowText))
        window.actions_.add_undo_actions(self.toolbar.undo_action, self.toolbar.redo_action)
        self.toolbar.installEventFilter(self)  # its texts come back on a language change: ours again after
        window.installEventFilter(self)  # palette changes: icons again
        self._connect()
        a = window.actions_
        a.notes_panel.setChecked(window.services.settings.flag(SETTING, True))
        a.notes_panel.toggled.connect(self._panel_toggled)
        self.show_panel()
        self._history()

    def _connect(self) -> None:
        w, a, c, p = self._w, self._w.actions_, self.controller, self.panel
        s = w.session
        s.closing.connect(self._closing)
        s.session_changed.connect(self._session_changed)
        s.document_ready.connect(self._document_ready)
        s.session_expired.connect(self._expired)
        w.agenda.item_chosen.connect(lambda index: p.item_note.set_item(index, w.agenda.item_heading(index)))
        w.reader.page_changed.connect(lambda page, _count: p.bookmarks.set_current_page(page))
        p.bookmarks.jump_requested.connect(w.reader.go_to_page)
        p.annotations.annotation_activated.connect(self.go_to_annotation)
        p.annotations.place_requested.connect(self.place)
        p.annotations.drop_requested.connect(lambda a: c.delete(a.uuid))
        c.failed.connect(w.show_failure)
        c.damaged.connect(w.show_failure)  # said once; the other notes are still shown
        c.history_changed.connect(self._history)
        c.ready.connect(self._ready)
        self.carry.finished.connect(self._carried)
        self.carry.failed.connect(lambda exc: None if isinstance(exc, SessionClosedError) else w.show_failure(exc))
        w.centre.currentChanged.connect(
            lambda index: self.toolbar.setVisible(index == READER_PAGE and not w.reading_mode))
        a.bookmark.triggered.connect(self.add_bookmark)
        a.export_pdf.triggered.connect(lambda: self.exporter.export_annotated(self.document))
        a.export_notes.triggered.connect(self._export_notes)
        w.services.translators.changed.connect(lambda _lang: self._history())
        # after the actions have taken the new language's texts: say again why not, if not
        w.services.translators.changed.connect(lambda _lang: QTimer.singleShot(0, self, self._enable))

    # -- session -----------------------------------------------------------------------------

    def _expired(self) -> None:
        """The session crossed its expiry: its document is closed; notes stay the member's own."""
        self.document = None
        self._enable()

    def _session_changed(self) -> None:
        s, services = self._w.session, self._w.services
        opened = s.opened
        if opened is None or services.library is None or services.identity is None:
            self.show_panel()  # closed (_closing saved everything): no session, no notes
            return
        self.context = NotesContext.from_agenda(opened.agenda, opened.member)
        self.panel.set_context(self.context)
        self.exporter.reset()
        folder, identity, session_id = services.library.folder, services.identity, opened.manifest.session_id

        def start() -> None:  # once the agenda is on screen: loading the store costs ~0.25 s of CPU
            if self._w.session.opened is opened:
                self.controller.start(folder, identity, session_id)

        QTimer.singleShot(NOTES_DELAY_MS, self, start)
        self.show_panel()
        self._enable()

    def _ready(self) -> None:
        if self.context is not None:
            self.controller.load_all(self.context.doc_hashes())
            read = self._w.session.background_reader()
            if read is not None and not self._w.session.expired:  # revised documents: notes follow
                self.carry.run({d.doc_hash: d.entry for d in self.context.documents}, read,
                               self.context.agenda_hashes)
        self._enable()

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
        self._w.hint.show_floating(text, 12000, 560)  # over the document, where the member looks
        if self.context is not None:
            self.controller.load_all(self.context.doc_hashes())

    def _closing(self) -> None:
        """The session is about to close: save what is being typed (the item note, a sticky note
        or text box on the page), then end the session's notes."""
        self._w.reader.view.finish_annotation_editing()
        self.panel.flush()
        self.carry.stop()
        self.controller.stop()
        self.context, self.document, self._pending_jump = None, None, None
        self.panel.set_context(None)
        self._enable()

    def shut_down(self) -> None:
        """The window is closing: save what is typed and close the store (after the queued saves)."""
        self._w.reader.view.finish_annotation_editing()
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
            self._w.reader.view.go_to_annotation(jump)
        self._enable()

    def go_to_annotation(self, annotation: Annotation) -> None:
        """Open the annotation's document (if another one is shown) and show the annotation."""
        found = self.context.document(annotation.doc_hash) if self.context else None
        if found is None:
            return
        if self.document is not None and self.document.doc_hash == annotation.doc_hash \
                and self._w.session.current == self.document.entry:
            self._w.reader.view.go_to_annotation(annotation)
            return
        self._pending_jump = annotation
        self._w.reader.pending_page = annotation.page  # it opens on that page
        self._w.session.open_document(found.entry)

    def place(self, annotation: Annotation) -> None:
        """Place a "not placed" annotation in the document on screen (see viewer.annotation_place)."""
        if self.document is None or not self._w.reader.view.place_annotation(annotation):
            self._w.hint.show_floating(self.tr("Open the document where it belongs first."), 6000, 480)
        else:
            self._w.reader.view.setFocus()

    def add_bookmark(self) -> None:
        if self.document is None:
            return
        if not self._w.actions_.notes_panel.isChecked():
            self._w.actions_.notes_panel.setChecked(True)
        self.panel.show_tab(BOOKMARKS_TAB)
        self.panel.bookmarks.add_current()

    def _export_notes(self) -> None:
        opened = self._w.session.opened
        if opened is not None and self.context is not None:
            self.exporter.export_notes(opened.agenda, opened.member, self.context.doc_hashes())

    # -- panel and actions ------------------------------------------------------------------------

    def _panel_toggled(self, on: bool) -> None:
        self._w.services.settings.set_flag(SETTING, on)
        if not on and self.panel.isVisible():
            self._width = self.panel.width()
        self.panel.setVisible(on and self._w.session.opened is not None)  # asked for: even in reading mode
        if on and self.panel.isVisible():
            self._restore_width()

    def _restore_width(self) -> None:
        """A panel shown again comes back as wide as it was (the splitter would give it its minimum)."""
        splitter = self._w.splitter
        sizes, i = splitter.sizes(), splitter.indexOf(self.panel)
        grow = self._width - sizes[i]
        if grow > 0 and sizes[1] - grow >= CENTRE_MIN:
            sizes[1] -= grow
            sizes[i] += grow
            splitter.setSizes(sizes)

    def show_panel(self) -> None:
        """Visible while a session is open and View ▸ My notes is on; hidden in reading mode
        until asked for (as the agenda)."""
        visible = self._w.actions_.notes_panel.isChecked() and self._w.session.opened is not None
        if not (visible and self._w.reading_mode):
            self.panel.setVisible(visible)

    def _history(self) -> None:
        """Undo/Redo say what they would do (the viewer enables them)."""
        self.toolbar.undo_action.setText(undo_text(self.controller.undo_step))
        self.toolbar.redo_action.setText(redo_text(self.controller.redo_step))

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.toolbar and event.type() == QEvent.Type.LanguageChange:
            QTimer.singleShot(0, self, self._history)  # after the toolbar has set its own texts
        elif watched is self._w and event.type() == QEvent.Type.PaletteChange:
            self.toolbar.set_icons(self._w.icons, self._w.palette().color(QPalette.ColorRole.WindowText))
        return False

    def _enable(self) -> None:
        a, ready = self._w.actions_, self.controller.active
        opened, policy = self._w.session.opened, self._w.session.policy
        printable = policy is not None and policy.can_export()  # an exported PDF can be printed
        a.export_notes.setEnabled(ready and self.context is not None)
        a.export_pdf.setEnabled(ready and self.document is not None and printable)
        if printable or opened is None or opened.agenda.allow_print:
            a.retranslate()  # the action's own tooltip (it may have said the policy forbids it)
        else:
            refused = self.tr("The office does not allow printing or exporting this session's documents")
            a.export_pdf.setToolTip(refused)
            a.export_pdf.setStatusTip(refused)
        a.bookmark.setEnabled(ready and self.document is not None)
        self._history()
