"""The consultation part: comments to the office and written opinion polls for the open session.

It observes the session (``SessionController``: which session, which document is on screen) and
the view (the selected passage), and does every book call — file I/O, age, minisign — on the
database lane of the one task layer. The window composes it: its action, its panel, its signals
(``open_at``, ``reminders_ready``, ``failed``); it holds no window."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Sequence
from datetime import datetime
from typing import Any

import shiboken6
from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMenu, QMessageBox, QWidget

from paperless.core.bundle import open_bundle
from paperless.core.bundle.manifest import AgendaItem
from paperless.core.consultation.book import ConsultationBook, Kept
from paperless.core.consultation.envelope import MAX_QUOTE, Comment, CommentKind, PollAnswer
from paperless.core.consultation.place import DraftStructure
from paperless.core.consultation.reminders import Reminder, reminders
from paperless.core.errors import PaperlessError
from paperless.core.identity import PublicCard
from paperless.core.library import Library
from paperless.core.model import LoadedDocument
from paperless.core.render import Priority, RenderWorker
from paperless.gui.consultation.widgets import (
    CommentEditor,
    CommentsPanel,
    PanelData,
    Passage,
    PollForm,
    passage_rects,
)
from paperless.gui.session import SessionController
from paperless.gui.tasks import Tasks
from paperless.gui.viewer import DocumentView

SHORTCUT = "Ctrl+Shift+G"


class ConsultationPart(QObject):
    failed = Signal(object)  # an exception for the window to show
    open_at = Signal(str, int)  # entry, page
    reminders_ready = Signal(list)  # list[tuple[str, Reminder]]: (session id, what is due soon)
    changed = Signal()  # the panel was refreshed (tests wait on it)
    state_changed = Signal()  # the action's enabled state may have changed
    passage_shown = Signal()  # a comment's passage is highlighted in its document

    def __init__(self, tasks: Tasks, worker: RenderWorker, session: SessionController, view: DocumentView,
                 clock: Callable[[], datetime], parent: QWidget) -> None:
        super().__init__(parent)
        self._tasks, self._worker, self._session, self._view, self._clock = tasks, worker, session, view, clock
        self._parent = parent
        self.book: ConsultationBook | None = None
        self._structures: dict[str, DraftStructure] = {}
        self._to_mark: tuple[str, int, str] | None = None  # (entry, page, quote) to highlight once shown
        self._scope = tasks.scope()
        self.panel = CommentsPanel(parent)
        self.comment_action = QAction(parent)
        self.comment_action.setObjectName("commentAction")
        self.comment_action.setShortcut(QKeySequence(SHORTCUT))
        self.comment_action.triggered.connect(self.comment_on_selection)
        self.editor: CommentEditor | None = None
        self.poll_form: PollForm | None = None
        p = self.panel
        p.new_general.connect(self.comment_on_item)
        p.amend.connect(self.amend)
        p.withdraw.connect(self.withdraw)
        p.send.connect(self.send)
        p.send_all.connect(self.send_all)
        p.agree.connect(self.agree)
        p.open_poll.connect(self.open_poll)
        p.comment_chosen.connect(self.show_comment)
        view.canvas.context_menu.connect(self._context_menu)
        session.session_changed.connect(self._session_changed)
        session.document_ready.connect(self._document_ready)
        session.documents_dropped.connect(self._structures.clear)  # the idle lock: the drafts' words go too
        self.retranslate()

    def _context_menu(self, where: Any) -> None:
        """The selection's menu: copy (when allowed) and, in a draft open for comments, "Góp ý…"."""
        menu = QMenu(self._parent)
        if self._view.canvas.selectable:
            copy = menu.addAction(self.tr("Copy"))
            copy.triggered.connect(self._view.copy_selection)
        self.comment_action.setEnabled(self.can_comment())
        menu.addAction(self.comment_action)
        menu.aboutToHide.connect(menu.deleteLater)
        menu.popup(where)

    # -- state -------------------------------------------------------------------------------------
    def set_book(self, book: ConsultationBook | None) -> None:
        self.book = book
        self.refresh()

    @property
    def active(self) -> bool:
        """The open session has anything to comment on or answer (the panel is worth showing)."""
        opened = self._session.opened
        return opened is not None and (any(i.comments_due is not None for i in opened.agenda.items)
                                       or bool(opened.agenda.polls))

    def open_item(self) -> AgendaItem | None:
        """The item of the document on screen, if it is open for comments."""
        entry = self._session.current
        found = self._session.find(entry) if entry is not None else None
        return found[0] if found is not None and found[0].comments_due is not None else None

    def can_comment(self) -> bool:
        return self.book is not None and self.open_item() is not None and bool(self._view.canvas.selection)

    def _office(self) -> list[Any]:
        opened = self._session.opened
        return [opened.signer] if opened is not None else []

    def _session_changed(self) -> None:
        self._view.canvas.pointer.commentable = False
        self._scope.renew()
        self._structures.clear()
        self.refresh()

    def _document_ready(self, doc: LoadedDocument) -> None:
        """Read the draft's structure (its words and outline, from the render process) once."""
        if self._to_mark is not None and self._to_mark[0] == doc.entry:
            self._mark()
        found = self._session.find(doc.entry)
        open_for_comments = found is not None and found[0].comments_due is not None and self.book is not None
        # a passage can be selected to comment on it even where copying is not allowed (copying stays refused)
        self._view.canvas.pointer.commentable = open_for_comments
        if found is None or not open_for_comments or doc.entry in self._structures:
            return

        def build(d: Any) -> DraftStructure:  # on the render worker's thread
            return DraftStructure.from_words([d.words(i) for i in range(d.page_count)], d.outline())

        self._worker.call(doc.entry, build, self._scope.callback(self, ConsultationPart._structure_built, doc.entry),
                          Priority.BACKGROUND)

    def _structure_built(self, entry: str, structure: DraftStructure | None, _error: str | None) -> None:
        if structure is not None and not self._session.held:  # built before the idle lock: not kept
            self._structures[entry] = structure

    # -- the panel ---------------------------------------------------------------------------------
    def refresh(self) -> None:
        """Read the member's comments and answers for the open session (database lane), then show
        them and work out the reminders."""
        opened, book = self._session.opened, self.book
        if opened is None or book is None or not self.active:
            self.panel.set_data(None)
            self.changed.emit()
            return
        agenda, member, now = opened.agenda, opened.member, self._clock()

        def read() -> tuple[PanelData, list[tuple[str, Reminder]]]:
            answers = {p.poll_id: k for p in agenda.polls if (k := book.answer(agenda.session_id, p.poll_id))}
            data = PanelData(agenda, member, book.comments(agenda.session_id), answers, now)
            return data, [(agenda.session_id, r) for r in reminders(agenda, member, book, now)]

        self._scope.run(self._tasks.db, read, self._shown, self.failed.emit)

    def remind_known(self, library: Library, trusted: Sequence[PublicCard]) -> None:
        """At start (after unlocking): what is due soon in every session kept on this computer —
        each bundle's signed agenda read again (database lane), nothing decrypted but the agenda."""
        book, now = self.book, self._clock()
        if book is None:
            return

        def read() -> list[tuple[str, Reminder]]:
            out: list[tuple[str, Reminder]] = []
            for record in library.sessions():
                path = library.bundle_path(record)
                if not path.is_file():
                    continue
                try:
                    opened = open_bundle(path, library.identity, trusted, clock=library.trusted_time)
                except PaperlessError:
                    continue  # a damaged or no longer trusted copy: opening it says why
                try:
                    if not opened.expired:
                        out += [(record.session_id, r) for r in reminders(opened.agenda, opened.member, book, now)]
                finally:
                    opened.close()
            return sorted(out, key=lambda pair: pair[1].due)

        self._scope.run(self._tasks.db, read, self.reminders_ready.emit, lambda _exc: None)

    def _shown(self, result: tuple[PanelData, list[tuple[str, Reminder]]]) -> None:
        data, due = result
        self.panel.set_data(data)
        self.reminders_ready.emit(due)
        self.changed.emit()
        self.state_changed.emit()

    def _do(self, op: Callable[[ConsultationBook], object], then: Callable[[object], None] | None = None) -> None:
        book = self.book
        if book is None:
            return

        def done(value: object) -> None:
            if then is not None:
                then(value)
            self.refresh()

        self._scope.run(self._tasks.db, lambda: op(book), done, self.failed.emit)

    # -- comments ----------------------------------------------------------------------------------
    def comment_on_selection(self) -> None:
        item, opened, entry = self.open_item(), self._session.opened, self._session.current
        selection = self._view.canvas.selection
        if item is None or opened is None or entry is None or not selection or self.book is None:
            return
        doc = next(d for d in item.documents if d.entry == entry)
        page = min(p for p, words in selection.items() if words)
        first = min(selection[page], key=lambda w: (w.y0, w.x0))
        structure = self._structures.get(entry)
        place = structure.place_at(page, first.y0) if structure is not None else None
        places = [(h.label, h.article) for h in structure.headings] if structure is not None else []
        passage = Passage(item, entry, doc.title, doc.sha256, page, self._view.selected_text()[:MAX_QUOTE],
                          place.label if place else "", place.article if place else "",
                          tuple(place.order) if place else (page,), places)
        self._edit(passage, None)

    def show_comment(self, comment_id: str) -> None:
        """The document a comment is about, at its page, with the passage highlighted (found again
        among the page's words, from the render process)."""
        kept = self.panel._kept(comment_id)
        if kept is None or not isinstance(kept.record, Comment) or kept.record.entry is None:
            return
        c, entry = kept.record, kept.record.entry
        self._to_mark = (entry, c.page or 0, c.quote)
        self.open_at.emit(entry, c.page or 0)
        if self._session.current == entry and self._view.document_id() == entry:
            self._mark()

    def _mark(self) -> None:
        if self._to_mark is None:
            return
        entry, page, quote = self._to_mark
        self._to_mark = None
        self._worker.call(entry, lambda d: d.words(page),
                          self._scope.callback(self, ConsultationPart._marked, entry, page, quote), Priority.VISIBLE)

    def _marked(self, entry: str, page: int, quote: str, words: list[Any] | None, _error: str | None) -> None:
        if words is None or self._view.document_id() != entry:
            return
        rects = passage_rects(words, quote)
        if rects:
            self._view.set_highlights({page: rects}, page, rects)
            self.passage_shown.emit()

    def comment_on_item(self, number: int) -> None:
        opened = self._session.opened
        if opened is None:
            return
        self._edit(Passage(opened.agenda.items[number - 1]), None)

    def amend(self, comment_id: str) -> None:
        opened = self._session.opened
        kept = self.panel._kept(comment_id)
        if opened is None or kept is None or not isinstance(kept.record, Comment):
            return
        c = kept.record
        item = opened.agenda.items[c.item - 1]
        structure = self._structures.get(c.entry or "")
        places = [(h.label, h.article) for h in structure.headings] if structure is not None else []
        passage = Passage(item, c.entry, c.document_title, c.document_sha256, c.page, c.quote, c.place, c.article,
                          c.order, places)
        self._edit(passage, c)

    def _edit(self, passage: Passage, earlier: Comment | None) -> None:
        if self.editor is not None and shiboken6.isValid(self.editor):
            self.editor.close()
        editor = CommentEditor(passage, passage.item.comments_due, self._clock(),
                               earlier.text if earlier is not None else "", self._parent)
        editor.submitted.connect(lambda how: self._submitted(editor, earlier, how))
        editor.finished.connect(editor.deleteLater)
        editor.destroyed.connect(lambda *_: setattr(self, "editor", None) if self.editor is editor else None)
        self.editor = editor
        editor.open()

    def _submitted(self, editor: CommentEditor, earlier: Comment | None, how: str) -> None:
        opened = self._session.opened
        if opened is None:
            return
        p = editor.passage
        label, article = editor.chosen_place()
        text = editor.comment_text()
        office = self._office()
        agenda = opened.agenda

        def op(book: ConsultationBook) -> Comment:
            if earlier is None:
                comment = book.new_comment(
                    session_id=agenda.session_id, session_version=agenda.version, item=p.item.number,
                    kind=CommentKind.COMMENT, text=text, entry=p.entry, document_title=p.document_title,
                    document_sha256=p.document_sha256, page=p.page, quote=p.quote, place=label,
                    article=article, order=p.order)
            else:
                comment = book.save_draft(dataclasses.replace(earlier, text=text, place=label, article=article,
                                                              kind=CommentKind.COMMENT))
            if how == "send":
                book.send(comment.comment_id, office)
            return comment

        self._do(op, lambda c: self.panel.select("comment", c.comment_id))  # type: ignore[attr-defined]

    def send(self, comment_id: str) -> None:
        office = self._office()
        self._do(lambda book: book.send(comment_id, office))

    def send_all(self) -> None:
        opened, office = self._session.opened, self._office()
        if opened is not None:
            sid = opened.agenda.session_id
            self._do(lambda book: book.send_all(sid, office))

    def withdraw(self, comment_id: str, *, confirm: bool = True) -> None:
        if confirm:
            box = QMessageBox(QMessageBox.Icon.Question, self.tr("Withdraw the comment"),
                              self.tr("Withdraw this comment? The office will no longer count it."),
                              QMessageBox.StandardButton.NoButton, self._parent)
            yes = box.addButton(self.tr("Withdraw"), QMessageBox.ButtonRole.AcceptRole)
            box.addButton(self.tr("Cancel"), QMessageBox.ButtonRole.RejectRole)
            box.setObjectName("withdrawConfirm")
            box.finished.connect(lambda _r: self.withdraw(comment_id, confirm=False)
                                 if box.clickedButton() is yes else None)
            box.finished.connect(box.deleteLater)
            box.open()
            return
        office = self._office()
        self._do(lambda book: book.withdraw(comment_id, office))

    def agree(self, number: int) -> None:
        opened, office = self._session.opened, self._office()
        if opened is not None:
            agenda = opened.agenda
            self._do(lambda book: book.agree(agenda.session_id, agenda.version, number, office))

    # -- polls -------------------------------------------------------------------------------------
    def open_poll(self, poll_id: str) -> None:
        opened, data = self._session.opened, self.panel.data
        poll = opened.agenda.poll(poll_id) if opened is not None else None
        if poll is None or opened is None:
            return
        if self.poll_form is not None and shiboken6.isValid(self.poll_form):
            self.poll_form.close()
        earlier: Kept | None = data.answers.get(poll_id) if data is not None else None
        form = PollForm(poll, earlier, self._clock(), self._parent)
        agenda, office = opened.agenda, self._office()

        def send() -> None:
            answer = PollAnswer(agenda.session_id, agenda.version, poll_id, 1, "", "", self._clock(),
                                form.answers())
            self._do(lambda book: book.answer_poll(answer, office))

        form.send_requested.connect(send)
        form.finished.connect(form.deleteLater)
        form.destroyed.connect(lambda *_: setattr(self, "poll_form", None) if self.poll_form is form else None)
        self.poll_form = form
        form.open()

    def retranslate(self) -> None:
        self.comment_action.setText(self.tr("Comment to the office\u2026"))
        self.comment_action.setToolTip(self.tr("Send the office a comment on the selected passage (%1)")
                                       .replace("%1", SHORTCUT))
