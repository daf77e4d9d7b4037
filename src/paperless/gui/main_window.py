"""The main window: composes the agenda (left), the reader or library (centre), the session
search panel and the member's notes (right; ``gui.notes.part``), with menus, a status bar and
drag-and-drop of session files.

The window is the composition root: it builds the parts, gives each only what it needs (the
session, the view, the task layer, services) and connects their signals; no part holds the window.
Every action's enabled state and tip come from one function of the app's state
(``gui.action_state``), re-run whenever that state changes and after a language switch.

Full screen (F11, or the platform's key) is a reading mode: only the document is left, its
toolbar slides in when the mouse touches the top edge, and Esc or F11 puts back exactly the
layout there was (panels, splitter sizes, maximised or not)."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, Qt, QTimer, Signal
from PySide6.QtGui import QCloseEvent, QDragEnterEvent, QDropEvent, QFont, QKeyEvent, QKeySequence, QPalette
from PySide6.QtWidgets import (
    QApplication,
    QLabel,
    QMainWindow,
    QMessageBox,
    QSplitter,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from paperless.core.bundle import OpenedBundle
from paperless.core.classification import DEFAULT_IDLE_LOCK_MINUTES
from paperless.core.consultation.book import ConsultationBook
from paperless.core.consultation.reminders import Reminder
from paperless.core.errors import PaperlessError
from paperless.core.identity import UnlockedIdentity
from paperless.core.library import Library, SessionRecord
from paperless.core.model import LoadedDocument
from paperless.gui.action_state import UiState, action_states
from paperless.gui.actions import Actions
from paperless.gui.agenda import AgendaPanel
from paperless.gui.banner import Banner
from paperless.gui.clerk.launcher import ClerkLauncher
from paperless.gui.consultation.part import ConsultationPart
from paperless.gui.dialogs.about import about_box
from paperless.gui.dialogs.errors import show_failure
from paperless.gui.dialogs.trust import choose_and_trust, save_card_file
from paperless.gui.gc_main_thread import collect_garbage, give_back_memory
from paperless.gui.housekeeping import Housekeeping, Tidied
from paperless.gui.icons import Icons
from paperless.gui.idle_lock import IdleLock
from paperless.gui.library_view import LibraryView
from paperless.gui.meeting.part import MeetingPart
from paperless.gui.notes.part import NotesPart
from paperless.gui.open_flow import OpenFlow, bundle_paths
from paperless.gui.printing import Printing
from paperless.gui.reader import ReaderPane
from paperless.gui.reading_mode import READER_PAGE, ReadingLayout
from paperless.gui.services import AppServices
from paperless.gui.session import SessionController
from paperless.gui.sync.front import SyncFront
from paperless.gui.viewer.document_view import DocumentView
from paperless.gui.viewer.layout import ZoomMode

if TYPE_CHECKING:
    from paperless.core.distribution.client import Fetched

LIBRARY_PAGE = 0
HINT_MS = 4000  # "press Esc to leave full screen"
NOTES_SETTING = "notes_panel"
COMMENTS_SETTING = "comments_panel"
NOTES_WIDTH = 300  # the notes panel's width until the member changes it
CENTRE_MIN = 400  # the page keeps at least this much when the notes panel comes back


def restore_zoom(view: DocumentView, mode: ZoomMode, factor: float) -> None:
    """The zoom the reader had (the idle lock reopens the document as it was)."""
    if mode is ZoomMode.FIT_PAGE:
        view.fit_page()
    elif mode is ZoomMode.CUSTOM:
        view.set_zoom(factor)
    else:
        view.fit_width()


class MainWindow(QMainWindow):
    session_shown = Signal()  # a session's agenda is shown
    first_page_rendered = Signal()  # the current document's first visible page is on screen

    def __init__(self, services: AppServices, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("mainWindow")
        self.services = services
        self._page_note = ""  # "expired" / "none": the page area shows a note instead of a document
        self._busy_cursor = False  # the busy cursor is ours to take back (also when the window closes busy)
        self._shut = False  # shut down: the last saves queued then never show a busy cursor
        self._expired_on: datetime | None = None
        self._resume: tuple[str, int, ZoomMode, float] | None = None  # where the reader was when it locked
        self._reopening: tuple[str, int, ZoomMode, float] | None = None  # unlocked, on its way back
        self.icons = Icons(services.paths.icons)
        self.setAcceptDrops(True)
        self.resize(1280, 820)
        if services.settings.geometry is not None:
            self.restoreGeometry(services.settings.geometry)
        self.session = SessionController(services, self)
        self.open_flow = OpenFlow(services, self)
        self.actions_ = Actions(self)
        self.idle_lock = IdleLock(self, services, self._idle_minutes)

        self.agenda = AgendaPanel(self.icons, self)
        self.library_view = LibraryView(self)
        self.reader = ReaderPane(services, self.icons, self)
        self.centre = QStackedWidget(self)
        self.centre.addWidget(self.library_view)
        self.centre.addWidget(self.reader)
        self.splitter = QSplitter(Qt.Orientation.Horizontal, self)
        self.splitter.setChildrenCollapsible(False)
        self.splitter.addWidget(self.agenda)
        self.splitter.addWidget(self.centre)
        self.splitter.addWidget(self.reader.search_panel)
        self.splitter.setStretchFactor(1, 1)
        self.agenda.setMinimumWidth(240)
        # above everything: what the office's server brought or took away (a new session, a recall),
        # until the member acts on it or closes it
        self.notice = Banner(self)
        self.notice.setObjectName("notice")
        larger = QFont(self.notice.font())  # a message the member must not miss: a little larger than the rest
        larger.setPointSizeF(larger.pointSizeF() * 1.15)
        self.notice.setFont(larger)
        self._notice_action: tuple[str, str] | None = None  # (what the button does, session id)
        self._reminded: set[tuple[str, str]] = set()  # reminders shown since the app started (once each)
        self._notice_is_reminder = False
        self.notice.action_clicked.connect(self._notice_clicked)
        self.notice.closed.connect(self._notice_closed)
        centre = QWidget(self)
        column = QVBoxLayout(centre)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(0)
        column.addWidget(self.notice)
        column.addWidget(self.splitter, 1)
        self.setCentralWidget(centre)
        self.toolbar = self.reader.view.toolbar()
        self.toolbar.setParent(self)
        self.addToolBar(self.toolbar)
        self.toolbar.hide()
        self.page_label = QLabel(self)
        self.statusBar().addPermanentWidget(self.page_label)
        self.hint = Banner(self)  # floats over the document for a few seconds
        self.hint.setObjectName("fullScreenHint")
        self.actions_.set_icons(self.icons, self.palette().color(QPalette.ColorRole.WindowText))
        layout = self.layout()
        if layout is not None:
            layout.activate()  # size limits known before the window exists (no late size hints)
        self._connect()
        view = self.reader.view
        self.notes = NotesPart(services, self.session, view, self)  # its slots run after the window's own
        self.notes_toolbar = self.notes.toolbar
        self.notes_toolbar.setParent(self)
        self.addToolBar(self.notes_toolbar)
        self.notes_toolbar.setVisible(False)
        self.notes_toolbar.set_icons(self.icons, self.palette().color(QPalette.ColorRole.WindowText))
        self.actions_.add_undo_actions(self.notes_toolbar.undo_action, self.notes_toolbar.redo_action)
        self._notes_width = NOTES_WIDTH
        self.printing = Printing(self.session, view, services.worker, services.files, services.tasks, self)
        self._reading = ReadingLayout(  # full-screen reading mode
            self, self.splitter,
            hidden=lambda: (self.menuBar(), self.statusBar(), self.agenda, self.reader.search_panel,
                            self.reader.view.sidebar, self.notes.panel, self.consultation.panel,
                            self.meeting.panel),
            toolbars=lambda: (self.toolbar, self.notes_toolbar),
            reading=lambda: self.centre.currentIndex() == READER_PAGE)
        self.centre.currentChanged.connect(self._centre_changed)
        self.sync = SyncFront(services, self.notes.controller, self.session.model, self)  # the office server
        for widget in self.sync.part.make_widgets(self):
            self.statusBar().insertPermanentWidget(0, widget)
        for fetch_widget in reversed(self.sync.fetch.make_widgets(self)):
            self.statusBar().insertPermanentWidget(0, fetch_widget)
        self.housekeeping = Housekeeping(services.tasks, self.notes.controller.ensure_store, services.trusted,
                                         lambda: services.language, self)
        self._export_pending: str | None = None  # a session opened to export its notes (retention warning)
        self.clerk = ClerkLauncher(services, self)  # the office's workspace (a clerk's identity)
        self.idle_lock.locked_changed.connect(self.clerk.set_locked)
        self.idle_lock.locked_changed.connect(self._locked_changed)
        # comments to the office and polls (issue 12): its own panel beside the notes (not private)
        self.consultation = ConsultationPart(services.tasks, services.worker, self.session, view, services.clock, self)
        self.actions_.edit_menu.addSeparator()
        self.actions_.edit_menu.addAction(self.consultation.comment_action)
        # the meeting room (issue 14): following the presenter, attendance, speaking, voting
        self.meeting = MeetingPart(services.tasks, self.session, self.reader, lambda: self.sync.engine,
                                   lambda: services.identity, lambda: services.language, services.files, self)
        column.insertWidget(1, self.meeting.notice)
        column.insertWidget(2, self.meeting.follower.banner)
        self.statusBar().insertPermanentWidget(0, self.meeting.status_label)
        self.menuBar().insertMenu(self.actions_.view_menu.menuAction(), self.meeting.menu)
        self._connect_parts()
        self.splitter.addWidget(self.notes.panel)
        self.splitter.addWidget(self.consultation.panel)
        self.splitter.addWidget(self.meeting.panel)
        self.splitter.setSizes([300, 900, 320, 300, 320, 320])
        self._apply_view_settings()
        self.show_notes_panel()  # no session yet: no notes panel beside the library
        self.refresh_actions()
        self.retranslate()

    # -- wiring -------------------------------------------------------------------------------

    def _connect(self) -> None:
        a, s = self.actions_, self.session
        a.open.triggered.connect(self.choose_file)
        a.library.triggered.connect(self.show_library)
        a.close_session.triggered.connect(self.close_session)
        a.trust_card.triggered.connect(lambda: choose_and_trust(self.services, self))
        a.save_card.triggered.connect(self.save_my_card)
        a.quit.triggered.connect(self.close)
        a.lock.triggered.connect(self.idle_lock.lock)
        a.about.triggered.connect(lambda: about_box(self).open())
        a.full_screen.toggled.connect(self.set_full_screen)
        a.night.toggled.connect(self._night)
        a.agenda.toggled.connect(self._agenda_visible)
        a.search_panel.toggled.connect(self._search_visible)
        a.languages.triggered.connect(lambda act: self.switch_language(str(act.data())))
        self.reader.connect_actions(a)
        self.reader.page_changed.connect(self._page_changed)
        self.reader.first_page_rendered.connect(self.first_page_rendered)
        self.reader.result_chosen.connect(self._open_hit)
        self.services.tasks.failed.connect(self.show_failure)
        self.services.tasks.busy_changed.connect(self._busy)
        self.services.translators.changed.connect(self._language_changed)
        self.library_view.session_requested.connect(self.open_session)
        self.library_view.open_file_requested.connect(self.choose_file)
        self.library_view.unlock_requested.connect(self._ask_unlock)
        self.agenda.document_activated.connect(s.open_document)
        self.agenda.read_toggled.connect(s.set_read)
        s.session_expired.connect(self._session_expired)
        self.open_flow.opened.connect(self._session_opened)
        self.open_flow.started.connect(lambda name: self.statusBar().showMessage(
            self.tr("Checking and opening %1\u2026").replace("%1", name)))
        self.open_flow.refused.connect(lambda _exc: self.statusBar().clearMessage())
        self.open_flow.keep_failed.connect(lambda _sid, _exc: self.refresh_library())  # the session was dropped
        s.document_loading.connect(lambda _e: self.statusBar().showMessage(self.tr("Decrypting the document\u2026")))
        s.document_ready.connect(self._document_ready)
        s.document_refused.connect(self._document_refused)
        s.read_changed.connect(self.agenda.set_read)
        s.indexer.progress.connect(self._index_progress)
        for signal in (s.session_changed, s.document_ready, s.document_refused, s.session_expired):
            signal.connect(self.refresh_actions)
        for signal in (s.session_changed, s.document_ready):
            signal.connect(self.idle_lock.recheck)  # a classified document locks sooner

    def _connect_parts(self) -> None:
        """The notes, printing and reading mode: their signals, and the actions that drive them."""
        a, notes, printing = self.actions_, self.notes, self.printing
        a.bookmark.triggered.connect(notes.add_bookmark)
        a.export_pdf.triggered.connect(notes.export_annotated)
        a.export_notes.triggered.connect(notes.export_notes)
        a.print_.triggered.connect(printing.print_document)
        a.notes_panel.setChecked(self.services.settings.flag(NOTES_SETTING, True))
        a.notes_panel.toggled.connect(self._notes_panel_toggled)
        a.comments_panel.setChecked(self.services.settings.flag(COMMENTS_SETTING, True))
        a.comments_panel.toggled.connect(self._comments_panel_toggled)
        self.agenda.item_chosen.connect(lambda index: notes.item_chosen(index, self.agenda.item_heading(index)))
        self.reader.page_changed.connect(lambda page, _count: notes.page_changed(page))
        self.session.session_changed.connect(self.show_notes_panel)
        notes.failed.connect(self.show_failure)
        notes.hint.connect(self.hint.show_floating)
        notes.open_at.connect(self._open_at)
        notes.panel_wanted.connect(lambda: a.notes_panel.setChecked(True))
        notes.state_changed.connect(self.refresh_actions)
        notes.exporter.status.connect(self._status)
        notes.controller.ready.connect(self.refresh_actions)
        printing.failed.connect(self.show_failure)
        printing.message.connect(lambda text: self.hint.show_floating(text, 5000, 420))
        printing.busy_changed.connect(lambda _busy: self.refresh_actions())
        self._reading.left.connect(self._reading_left)
        self._reading.toolbar_found.connect(self.hint.hide)
        part = self.consultation
        part.failed.connect(self.show_failure)
        self.agenda.poll_activated.connect(part.open_poll)
        part.open_at.connect(self._open_at)
        part.reminders_ready.connect(self._remind)
        part.state_changed.connect(self.refresh_actions)
        self.session.session_changed.connect(self.show_comments_panel)
        self.session.document_ready.connect(lambda _doc: self.refresh_actions())
        self.sync.part.synced.connect(part.refresh)  # the round marks what the office received
        sync = self.sync
        a.connect_office.triggered.connect(sync.connect_office)
        a.sync_now.triggered.connect(sync.sync_now)
        a.fetch_sessions.triggered.connect(sync.fetch_sessions)
        a.devices.triggered.connect(sync.show_devices)
        a.clerk_workspace.triggered.connect(lambda _checked=False: self.clerk.open())
        sync.state_changed.connect(self.refresh_actions)
        meeting = self.meeting
        sync.state_changed.connect(meeting.refresh)
        meeting.failed.connect(self.show_failure)
        self.idle_lock.locked_changed.connect(meeting.set_locked)
        meeting.message.connect(self._status)
        meeting.follower.restricted.connect(self.agenda.set_current)  # the highlight moves to what is presented
        sync.message.connect(self._status)
        sync.device_revoked.connect(self._device_revoked)
        sync.recalled.connect(self._recalled)
        sync.receipts_notice.connect(self._tell_receipts)
        sync.fetch.fetched.connect(self._session_fetched)
        sync.fetch.problem.connect(self._fetch_problem)
        sync.fetch.nothing_new.connect(lambda: self._status(self.tr("Nothing new on the office server."), 8000))
        self.session.session_recalled.connect(self._session_recalled)
        self.session.session_changed.connect(self.show_agenda)  # a recalled session closes on its own
        self.housekeeping.done.connect(self._tidied)
        self.housekeeping.problem.connect(lambda text: self._status(text, 15_000))
        notes.controller.ready.connect(self._export_if_pending)
        self.open_flow.opened.connect(sync.bundle_opened)  # a session may carry the office's server file

    def _status(self, text: str, msecs: int) -> None:
        if text:
            self.statusBar().showMessage(text, msecs)
        else:
            self.statusBar().clearMessage()

    def _open_at(self, entry: str, page: int) -> None:
        """Show ``entry`` opened at ``page`` (an annotation of another document)."""
        if entry == self.session.current:
            self.reader.go_to_page(page)
            return
        self.reader.pending_page = page
        self.session.open_document(entry)

    def _centre_changed(self, index: int) -> None:
        reading = index == READER_PAGE and not self.reading_mode
        self.toolbar.setVisible(reading)
        self.notes_toolbar.setVisible(reading)

    def _apply_view_settings(self) -> None:
        st, a = self.services.settings, self.actions_
        a.night.setChecked(st.flag("night"))
        a.agenda.setChecked(st.flag("agenda", True))
        a.thumbnails.setChecked(st.flag("thumbnails"))
        a.outline.setChecked(st.flag("outline"))
        a.search_panel.setChecked(st.flag("search_panel"))
        self.reader.search_panel.setVisible(a.search_panel.isChecked())
        self.show_agenda()
        a.thumbnails.toggled.connect(lambda on: st.set_flag("thumbnails", on))
        a.outline.toggled.connect(lambda on: st.set_flag("outline", on))

    def ui_state(self) -> UiState:
        """What the actions depend on, read now from the session model and the parts."""
        library, policy = self.services.library, self.session.policy_for(self.session.current)
        notes = self.notes
        return UiState(
            unlocked=library is not None, has_identity=self.services.identity is not None,
            has_sessions=bool(library and library.sessions()), session_open=self.session.opened is not None,
            reading=self.session.current is not None, notes_ready=notes.controller.active,
            printing=self.printing.busy, exporting=notes.exporter.busy,
            print_refusal=policy.why_not_print() if policy is not None else None,
            export_refusal=policy.why_not_export() if policy is not None else None,
            connected=self.sync.connected, syncing=self.sync.running, fetching=self.sync.fetch.running,
            clerk=self.services.identity is not None and self.services.identity.card.role == "clerk")

    def _idle_minutes(self) -> int:
        """Minutes without input before the idle lock: the document's on screen, else the session's."""
        policy = self.session.policy_for(self.session.current)
        return policy.idle_lock_minutes() if policy is not None else DEFAULT_IDLE_LOCK_MINUTES

    def refresh_actions(self) -> None:
        """Every action's enabled state and tip, from :func:`action_states` of the state now."""
        if not hasattr(self, "sync"):  # still being built: done once at its end
            return
        state = self.ui_state()
        self.actions_.apply(action_states(state), has_sessions=state.has_sessions)
        self.consultation.comment_action.setEnabled(self.consultation.open_item() is not None
                                                    and self.consultation.book is not None)
        self.actions_.comments_panel.setEnabled(self.consultation.active)

    # -- unlocking and the library ------------------------------------------------------------------

    def set_unlocked(self, identity: UnlockedIdentity, library: Library) -> None:
        services = self.services
        library.use_clock(lambda: services.clock())  # expiry by the app's clock, never back past the latest seen
        services.identity, services.library = identity, library
        services.consultation = ConsultationBook(library.folder, identity)  # the one instance (GUI and sync)
        self.consultation.set_book(services.consultation)
        self.consultation.remind_known(library, services.trusted())  # what is due soon, in every session here
        self.library_view.set_locked(False)
        self.refresh_library()
        self.statusBar().showMessage(self.tr("Unlocked: %1").replace("%1", identity.card.name), 5000)
        self.housekeeping.run(identity, library)  # expired sessions, notes retention: off the GUI thread
        self.sync.start(identity, library)
        self.idle_lock.start()

    # -- what the office's server brought or took away -------------------------------------------

    def _show_notice(self, text: str, kind: str = "info", action: tuple[str, str, str] | None = None) -> None:
        """One calm message above the window; ``action``: (button text, what it does, session id)."""
        self._notice_action = (action[1], action[2]) if action is not None else None
        self._notice_is_reminder = False
        self.notice.show_message(text, kind, action=action[0] if action is not None else None, closable=True)

    def _notice_clicked(self) -> None:
        action, self._notice_action = self._notice_action, None
        self.notice.clear()
        library = self.services.library
        if action is None or library is None or not library.has_session(action[1]):
            return
        what, session_id = action
        if what.startswith("poll:"):
            self.consultation.open_poll(what[5:])
        elif what == "comments":
            self.show_comments_panel()
            self.consultation.panel.setFocus()
        elif what == "export":
            self._export_notes_of(session_id)
        else:
            self.open_session(session_id)

    def _remind(self, due: list[tuple[str, Reminder]]) -> None:
        """What the member still has to answer soon — after unlocking (every session kept here), when
        a session opens and after each sync round — in the notice, with one button: the poll or the
        comments panel of the open session, or opening the session it is in. Each reminder once
        while the app runs (closing it is an answer), and never over another message on screen."""
        due = [(sid, r) for sid, r in due if (sid, r.poll_id or f"item:{r.item}") not in self._reminded]
        if not due or (self.notice.isVisible() and not self._notice_is_reminder):
            return
        self._reminded.update((sid, r.poll_id or f"item:{r.item}") for sid, r in due)
        language = self.services.language
        text = "\n".join(r.text.vi if language == "vi" else r.text.en for _sid, r in due)
        session_id, first = due[0]
        record = self.session.record
        if record is None or record.session_id != session_id:
            action = (self.tr("Open this session"), "open", session_id)
        elif first.poll_id:
            action = (self.tr("Answer the poll"), f"poll:{first.poll_id}", session_id)
        else:
            action = (self.tr("Comments to the office"), "comments", session_id)
        self._show_notice(text, "info", action)
        self._notice_is_reminder = True

    def show_comments_panel(self) -> None:
        """Beside the notes while the open session has items open for comments or polls and View ▸
        Comments to the office is on (F7); hidden in reading mode until asked for."""
        self.actions_.comments_panel.setEnabled(self.consultation.active)
        visible = self.consultation.active and self.actions_.comments_panel.isChecked()
        if not (visible and self.reading_mode):
            self.consultation.panel.setVisible(visible)

    def _comments_panel_toggled(self, on: bool) -> None:
        self.services.settings.set_flag(COMMENTS_SETTING, on)
        self.consultation.panel.setVisible(on and self.consultation.active)  # asked for: even in reading mode

    def _notice_closed(self) -> None:
        self._notice_action = None

    def _session_fetched(self, result: Fetched) -> None:
        """A session (or a new version) came from the office server: listed, told, one click to open."""
        self.refresh_library()
        text = result.notice.vi if self.services.language == "vi" else result.notice.en
        self._show_notice(text, "info", (self.tr("Open this session"), "open", result.session_id))

    def _fetch_problem(self, text: str) -> None:
        self._show_notice(self.tr("A new session could not be downloaded: %1").replace("%1", text), "warning")

    def _session_recalled(self, title: str) -> None:
        """The office recalled the open session: it was closed (the model did) and deleted; say why."""
        self._page_note = ""
        self._export_pending = None
        self.reader.clear()
        self.agenda.clear()
        self.show_agenda()
        self.show_library()
        self.retranslate()
        self.statusBar().clearMessage()  # nothing said of the closed session stays ("can now be searched" …)
        self._show_notice(self.tr("The office recalled the documents of the session “%1” after the meeting. "
                                  "They have been deleted from this computer.").replace("%1", title), "warning")

    def _recalled(self, session_id: str) -> None:
        """A recall was carried out (the session open or not): the library no longer lists it."""
        self.refresh_library()
        if self.session.record is None or self.session.record.session_id != session_id:
            if not self.notice.isVisible() or self.notice.kind != "warning":
                self._show_notice(self.tr("The office recalled a session after the meeting; its documents have "
                                          "been deleted from this computer."), "warning")

    def _tell_receipts(self) -> None:
        self._show_notice(self.tr("Connected to the office server. Please note: the office sees which documents "
                                  "you opened, and when, and whether you read them to the end."), "info")

    def _tidied(self, tidied: Tidied) -> None:
        """The start's housekeeping: expired sessions gone, notes retention warnings."""
        if tidied.expired:
            self.refresh_library()
        language = self.services.language
        deleted = [d.deleted(count) for d, count in tidied.deleted]
        if tidied.warnings:
            first = tidied.warnings[0]
            texts = [w.warning() for w in tidied.warnings] + deleted
            text = "\n".join(t.vi if language == "vi" else t.en for t in texts)
            library = self.services.library
            action = (self.tr("Export my notes\u2026"), "export", first.session_id) \
                if library is not None and library.has_session(first.session_id) else None
            self._show_notice(text, "warning", action)
        elif deleted:
            self._show_notice("\n".join(t.vi if language == "vi" else t.en for t in deleted), "info")

    def _export_notes_of(self, session_id: str) -> None:
        """Open the session (if it is not the one open) and export its notes once they are loaded."""
        record = self.session.record
        if record is not None and record.session_id == session_id and self.notes.controller.active:
            self.notes.export_notes()
            return
        self._export_pending = session_id
        self.open_session(session_id)

    def _export_if_pending(self) -> None:
        record, pending = self.session.record, self._export_pending
        if pending is not None and record is not None and record.session_id == pending:
            self._export_pending = None
            self.notes.export_notes()

    def _device_revoked(self) -> None:
        """The office server revoked this laptop and the member's data here was wiped: forget the
        member (nothing is saved back), close the session, and show the locked library."""
        services = self.services
        if services.library is not None:
            services.library.discard()
        self.close_session()
        self.notes.controller.stop()
        services.identity, services.library, services.consultation = None, None, None
        self.consultation.set_book(None)
        self.idle_lock.stop()
        self.library_view.set_locked(True)
        self.refresh_library()
        self.refresh_actions()

    def _ask_unlock(self) -> None:
        from paperless.gui.dialogs.unlock import ask_unlock

        ask_unlock(self.services, self.services.identity_folder, self, self.set_unlocked)

    def refresh_library(self) -> None:
        library = self.services.library
        records = library.sessions() if library else []
        self.library_view.set_sessions(records, library.now() if library else self.services.clock())
        menu = self.actions_.recent_menu
        menu.clear()
        for record in records[:10]:
            act = menu.addAction(record.title)
            act.triggered.connect(lambda _=False, sid=record.session_id: self.open_session(sid))
        self.refresh_actions()

    def show_library(self) -> None:
        self.refresh_library()
        self.centre.setCurrentIndex(LIBRARY_PAGE)

    def open_session(self, session_id: str) -> None:
        library = self.services.library
        if library is not None:
            self.open_flow.reopen(library.session(session_id))

    def choose_file(self) -> None:
        if self.services.library is None:
            return
        path = self.services.files.open_file(self, self.tr("Open a session file"),
                                             self.tr("Session files (*.paperless);;All files (*)"))
        if path is not None:
            self.open_path(path)

    def open_path(self, path: Path) -> None:
        self.open_flow.open_file(path)

    # -- session and documents -------------------------------------------------------------------

    def _session_opened(self, opened: OpenedBundle, record: SessionRecord) -> None:
        if self._notice_action == ("open", record.session_id):  # "New session: … [Open it]", opened another way
            self._notice_action = None
            self.notice.clear()
        self.session.show_session(opened, record)
        titles = {d.entry: d.title for it in opened.agenda.items for d in it.documents}
        self.reader.set_index(self.session.indexer.index, titles)
        policy = self.session.policy
        readable = policy is not None and policy.can_read()
        expired_on = None if readable else opened.manifest.expires_at
        self.agenda.set_session(opened.agenda, opened.member, self.session.read_set(), expired_on)
        self.centre.setCurrentIndex(READER_PAGE)
        self.show_agenda()
        self.refresh_library()
        self.retranslate()
        self.statusBar().clearMessage()
        first = self.session.first_entry()
        self._page_note = "expired" if not readable else "none" if first is None else ""
        self._expired_on = expired_on
        self._show_page_note()
        if first is not None and readable:
            self.session.open_document(first)
        self.session_shown.emit()

    def _locked_changed(self, locked: bool) -> None:
        """Locked: close the document on screen and drop every decrypted thing — the viewer's and the
        render process's document (that process is ended and a fresh one started), page images and
        thumbnails, the decrypted documents kept for next time, the search index's text. Unlocked:
        the same document again at the same page and zoom."""
        if locked:
            entry, view = self.session.current, self.reader.view
            if self._reopening is not None:  # locked again before the document was back: where it was
                self._resume, self._reopening = self._reopening, None
            else:
                self._resume = (entry, max(0, view.current_page()), view.zoom_mode(), view.zoom_factor()) \
                    if entry is not None and self._page_note == "" else None
            self.session.hold()
            self.reader.clear()
            self.services.worker.drop_all(give_back_memory)
            collect_garbage()
            return
        wanted = self.session.release()
        opened = self.session.opened
        if opened is not None:
            titles = {d.entry: d.title for it in opened.agenda.items for d in it.documents}
            self.reader.set_index(self.session.indexer.index, titles)
        resume, self._resume = self._resume, None
        if wanted is not None and (resume is None or wanted != resume[0]):
            self.session.open_document(wanted)  # the presenter moved on while it was locked
        elif resume is not None:
            self._reopening = resume
            self.reader.pending_page = resume[1]
            self.session.open_document(resume[0])

    def _session_expired(self) -> None:
        """The app ran across the session's expiry: its documents close, the agenda stays with the banner."""
        opened = self.session.opened
        if opened is None:
            return
        self._expired_on = opened.manifest.expires_at
        self._page_note = "expired"
        self.reader.clear()
        self.agenda.set_session(opened.agenda, opened.member, self.session.read_set(), self._expired_on)
        self._show_page_note()
        self.refresh_actions()

    def close_session(self) -> None:
        self._page_note = ""
        self.session.close_session()
        self.reader.clear()
        self.agenda.clear()
        self.show_agenda()
        self.show_library()
        self.retranslate()
        self.refresh_actions()

    def _document_ready(self, doc: LoadedDocument) -> None:
        self._page_note = ""
        self.statusBar().clearMessage()
        self.reader.show_document(doc)
        reopening, self._reopening = self._reopening, None
        if reopening is not None and reopening[0] == doc.entry:  # back after the idle lock: its zoom too
            restore_zoom(self.reader.view, reopening[2], reopening[3])
        self.agenda.set_current(doc.entry)
        self.centre.setCurrentIndex(READER_PAGE)
        self.refresh_actions()

    def _document_refused(self, entry: str, exc: PaperlessError) -> None:
        self.statusBar().clearMessage()
        self.reader.show_refusal(exc.message(self.services.language))

    def _page_changed(self, page: int, count: int) -> None:
        self._show_page(page, count)
        self.session.page_changed(page, count)

    def _show_page(self, page: int, count: int) -> None:
        self.page_label.setText(self.tr("Page %1 of %2").replace("%1", str(page + 1)).replace("%2", str(count))
                                if count else "")

    def _open_hit(self, entry: str, page: int) -> None:
        if entry != self.session.current:
            self.reader.pending_page = page
            self.session.open_document(entry)
        else:
            self.reader.go_to_page(page)

    def _index_progress(self, done: int, total: int) -> None:
        if done < total:
            self.statusBar().showMessage(self.tr("Preparing the search: %1 of %2 pages")
                                         .replace("%1", str(done)).replace("%2", str(total)))
        else:
            self.statusBar().showMessage(self.tr("The whole session can now be searched."), 4000)
        self.reader.index_progress(done, total)

    # -- view -------------------------------------------------------------------------------------

    @property
    def reading_mode(self) -> bool:
        return self._reading.active

    def set_full_screen(self, on: bool) -> None:
        """Reading mode: only the document, on the whole screen (the action's toggled signal)."""
        if on == self.reading_mode:
            return
        if not on:
            self._reading.leave()
            return
        self._reading.enter()
        key = self.actions_.full_screen.shortcut().toString(QKeySequence.SequenceFormat.NativeText)
        self.hint.show_floating(self.tr("Full screen: press Esc or %1 to leave.").replace("%1", key), HINT_MS)

    def reveal_toolbar(self, y: int) -> None:
        self._reading.reveal_toolbar(y)

    def _reading_left(self) -> None:
        """Reading mode was left: bars and panels as the View menu says."""
        a = self.actions_
        self.hint.hide()
        self.menuBar().setVisible(True)
        self.statusBar().setVisible(True)
        self.reader.search_panel.setVisible(a.search_panel.isChecked())
        self.reader.view.sidebar.setVisible(a.thumbnails.isChecked() or a.outline.isChecked())
        self.show_agenda()
        self.show_notes_panel()
        self.show_comments_panel()
        self.meeting.show_panel()

    def show_notes_panel(self) -> None:
        """Visible while a session is open and View ▸ My notes is on; hidden in reading mode
        until asked for (as the agenda)."""
        visible = self.actions_.notes_panel.isChecked() and self.session.opened is not None
        if not (visible and self.reading_mode):
            self.notes.panel.setVisible(visible)

    def _notes_panel_toggled(self, on: bool) -> None:
        self.services.settings.set_flag(NOTES_SETTING, on)
        panel = self.notes.panel
        if not on and panel.isVisible():
            self._notes_width = panel.width()
        panel.setVisible(on and self.session.opened is not None)  # asked for: even in reading mode
        if on and panel.isVisible():
            sizes, i = self.splitter.sizes(), self.splitter.indexOf(panel)
            grow = self._notes_width - sizes[i]  # it comes back as wide as it was
            if grow > 0 and sizes[1] - grow >= CENTRE_MIN:
                sizes[1] -= grow
                sizes[i] += grow
                self.splitter.setSizes(sizes)

    def _night(self, on: bool) -> None:
        self.services.settings.set_flag("night", on)
        self.reader.set_night_mode(on)

    def _agenda_visible(self, on: bool) -> None:
        self.services.settings.set_flag("agenda", on)
        self.agenda.setVisible(on and self.session.opened is not None)  # asked for: even in reading mode

    def show_agenda(self) -> None:
        """The agenda panel shows while a session is open (and the View menu wants it); in
        reading mode it stays hidden until asked for."""
        visible = self.actions_.agenda.isChecked() and self.session.opened is not None
        if not (visible and self.reading_mode):
            self.agenda.setVisible(visible)

    def _search_visible(self, on: bool) -> None:
        self.services.settings.set_flag("search_panel", on)
        self.reader.search_panel.setVisible(on)
        if on:
            self.reader.focus_search_panel()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Escape and self.reading_mode:
            self.actions_.full_screen.setChecked(False)
            return
        super().keyPressEvent(event)

    # -- language ---------------------------------------------------------------------------------

    def switch_language(self, language: str) -> None:
        """Live: the new translation is installed and every widget sets its texts again."""
        self.services.settings.language = language
        self.services.translators.install(language)

    def _show_page_note(self) -> None:
        """What the page area says when no document can be shown; said again on a language change."""
        if self._page_note == "expired":
            self.reader.show_expired(self._expired_on)
        elif self._page_note == "none":
            self.reader.show_message(self.tr("No document of this session is available to you."))

    def _language_changed(self, language: str) -> None:
        self.actions_.lang_vi.setChecked(language == "vi")
        self.actions_.lang_en.setChecked(language == "en")

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
            self._show_page_note()
        elif event.type() == QEvent.Type.PaletteChange:  # e.g. Windows switched to dark mode
            colour = self.palette().color(QPalette.ColorRole.WindowText)
            self.actions_.set_icons(self.icons, colour)
            if hasattr(self, "notes_toolbar"):
                self.notes_toolbar.set_icons(self.icons, colour)
        elif event.type() == QEvent.Type.WindowStateChange and self.reading_mode and not self.isFullScreen():
            QTimer.singleShot(0, self, lambda: self.actions_.full_screen.setChecked(self.isFullScreen()))
        super().changeEvent(event)

    def retranslate(self) -> None:
        self.actions_.retranslate()
        self.consultation.retranslate()
        self.sync.retranslate()
        self.meeting.retranslate()
        self.refresh_actions()  # the tips, in the new language, after the texts
        self._language_changed(self.services.language)
        view = self.reader.view
        self._show_page(view.current_page(), view.page_count())
        title = self.session.opened.agenda.title if self.session.opened else ""
        self.setWindowTitle(f"{title} \u2014 Paperless" if title else "Paperless")

    # -- misc -------------------------------------------------------------------------------------

    def show_failure(self, exc: BaseException) -> QMessageBox:
        return show_failure(self, exc, self.services.language)

    def save_my_card(self) -> None:
        if self.services.identity is not None:
            save_card_file(self.services, self, self.services.identity.card)

    def _busy(self, busy: bool) -> None:
        busy = busy and not self._shut
        if busy and not self._busy_cursor:
            QApplication.setOverrideCursor(Qt.CursorShape.BusyCursor)
        elif not busy and self._busy_cursor:
            QApplication.restoreOverrideCursor()
        self._busy_cursor = busy

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        urls = event.mimeData().urls() if event.mimeData().hasUrls() else []
        if self.services.library is not None and bundle_paths([Path(u.toLocalFile()) for u in urls]):
            event.acceptProposedAction()
        else:
            event.ignore()

    def dropEvent(self, event: QDropEvent) -> None:
        paths = bundle_paths([Path(u.toLocalFile()) for u in event.mimeData().urls()])
        if paths:
            event.acceptProposedAction()
            QTimer.singleShot(0, lambda: self.open_path(paths[0]))

    def closeEvent(self, event: QCloseEvent) -> None:
        self.actions_.full_screen.setChecked(False)  # the saved geometry is the normal window's
        self.services.settings.geometry = self.saveGeometry()
        self.shut_down()
        super().closeEvent(event)

    def shut_down(self) -> None:
        """Save the reading state and the notes, forget the session (idempotent). The saves are
        queued on the database lane; the app waits for them after the window has gone."""
        self._shut = True
        self._busy(False)
        self.idle_lock.stop()
        self.housekeeping.stop()
        self.meeting.shut_down()  # the meeting's stream stops (before the sync engine goes)
        self.sync.stop()  # no new round; one running is dropped (its store calls fail once the store closes)
        if self.session.opened is not None:
            self.session.close_session()
            self.reader.clear()
        else:
            self.session.save_now()
        self.notes.shut_down()
