"""File ▸ Export annotated PDF… and File ▸ Export my notes…: plaintext, by the member's choice.

Both go the same way: a warning that the file will not be protected (with "do not warn me
again in this session"), then where to save, then the work in the background with a busy
dialog, then a clear message. The PDF work (PyMuPDF) runs in a fresh, sandboxed child process
(:mod:`paperless.core.export.isolated`); the Markdown summary is plain Python and runs on a worker thread. The
file is written atomically (``core.export.write_export``): a failure leaves nothing behind.
The annotated PDF carries the watermark when the session's policy asks for one, and exists
only when the policy allows printing (an exported PDF is a printable copy); when the policy
forbids copying, the notes summary leaves out the quoted document text (the member's own
notes, comments and page numbers stay).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

from PySide6.QtCore import QObject, QStandardPaths, Qt, QTimer, QUrl, Signal
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QCheckBox, QMessageBox, QProgressDialog, QWidget

from paperless.core.anchoring import Anchor
from paperless.core.bundle import Agenda
from paperless.core.export import (
    AnnotatedExport,
    NotesSummaryInput,
    export_notes_markdown,
    write_export,
)
from paperless.core.export.isolated import build_annotated_pdf_isolated, export_notes_pdf_isolated
from paperless.core.model import LoadedDocument
from paperless.core.notes import Annotation, Bookmark, ItemNote, TextMarkup
from paperless.gui.annotations.controller import AnnotationController
from paperless.gui.notes.note_text import plain_note_text

if TYPE_CHECKING:
    from paperless.gui.services import AppServices
    from paperless.gui.session import SessionController

T = TypeVar("T")
PROGRESS_DELAY_MS = 300
_UNSAFE = re.compile(r'[\\/:*?"<>|\x00-\x1f]+')


def file_name(text: str, limit: int = 80) -> str:
    """A title as a file name: no characters Windows refuses, not too long."""
    cleaned = " ".join(_UNSAFE.sub(" ", text).split()).strip(". ")
    return cleaned[:limit].rstrip(". ") or "Paperless"


def without_document_text(annotation: Annotation) -> Annotation:
    """The annotation with no text of the document in it (the quote, the anchor's quote and
    context, and any key a newer version added): what is left is the member's own words, the
    kind, colour and pages."""
    content = annotation.content
    if isinstance(content, TextMarkup):
        return replace(annotation, content=replace(content, anchor=_no_text(content.anchor), quote="", extra={}))
    anchor = _no_text(content.anchor) if content.anchor is not None else None
    return replace(annotation, content=replace(content, anchor=anchor, extra={}))


def _no_text(anchor: Anchor) -> Anchor:
    return replace(anchor, quote=None, context=None, before="", after="")


class Exporter(QObject):
    """The two exports. Narrow dependencies: the session (its policy), the notes, the app's services
    (files, tasks, the member's name and language) and a parent for its dialogs; what happened is
    said through signals."""

    status = Signal(str, int)  # a status-bar message and for how long (0: until replaced; "" clears)
    failed = Signal(object)  # an exception to show
    busy_changed = Signal(bool)

    def __init__(self, session: SessionController, services: AppServices, controller: AnnotationController,
                 pending_notes: Callable[[], dict[int, str]], parent: QWidget) -> None:
        super().__init__(parent)
        self._session = session
        self._services = services
        self._parent = parent
        self._c = controller
        self._pending_notes = pending_notes
        self.warn = True  # the "not protected" warning, until the member says enough (per session)
        self.busy = False
        self._progress: QProgressDialog | None = None
        self.last_saved: Path | None = None

    def reset(self) -> None:
        """A new session: warn again."""
        self.warn = True

    # -- the two exports -------------------------------------------------------------------------

    def _may_export(self, entry: str) -> bool:
        """The office's policy for the document ``entry``, asked now (a session may expire while the
        member chooses a file; a classified document is never exported)."""
        policy = self._session.policy_for(entry)
        if policy is None or not policy.can_export():
            self._session.check_expiry()  # crossing the expiry closes the documents and says so
            return False
        return True

    def export_annotated(self, doc: LoadedDocument | None) -> None:
        if doc is None or not doc.doc_hash or self.busy or not self._c.active:
            return
        if not self._may_export(doc.entry):  # the action is disabled; never a copy anyway
            return
        title = self.tr("Export annotated PDF")
        annotated = self.tr("annotated")  # in the file name (outside an f-string, for lupdate)
        suggested = f"{file_name(doc.title)} - {annotated}.pdf"

        def chosen(path: Path) -> None:
            self._c.load_all([doc.doc_hash], lambda: self._run_annotated(doc, path))

        self._confirm_then_ask(title, suggested, self.tr("PDF documents (*.pdf)"), chosen)

    def export_notes(self, agenda: Agenda | None, member: str, doc_hashes: list[str]) -> None:
        if agenda is None or self.busy or not self._c.active:
            return
        title = self.tr("Export my notes")
        mine = self.tr("My notes")
        suggested = f"{file_name(mine + ' - ' + agenda.title)}.pdf"

        def chosen(path: Path) -> None:
            self._c.load_all(doc_hashes, lambda: self._run_notes(agenda, member, path))

        self._confirm_then_ask(title, suggested, self.tr("PDF documents (*.pdf);;Markdown text (*.md)"), chosen)

    # -- steps -----------------------------------------------------------------------------------

    def _confirm_then_ask(self, title: str, suggested: str, filters: str, then: Callable[[Path], None]) -> None:
        def ask() -> None:
            folder = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
            start = str(Path(folder) / suggested) if folder else suggested
            path = self._services.files.save_file(self._parent, title, start, filters)
            if path is not None:
                if not path.suffix:
                    path = path.with_suffix(".pdf")
                then(path)

        if not self.warn:
            ask()
            return
        box = QMessageBox(QMessageBox.Icon.Warning, title, self.tr("The exported file will not be protected."),
                          QMessageBox.StandardButton.NoButton, self._parent)
        box.setObjectName("exportWarning")
        box.setInformativeText(self.tr(
            "Anyone who gets this file can read it: it is not encrypted and has no password. Save it only "
            "where it is safe, and delete it when you no longer need it."))
        go = box.addButton(self.tr("Continue"), QMessageBox.ButtonRole.AcceptRole)
        box.addButton(self.tr("Cancel"), QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(go)
        again = QCheckBox(self.tr("Do not warn me again in this session"), box)
        box.setCheckBox(again)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)

        def answered(_result: int) -> None:
            if box.clickedButton() is go:
                self.warn = not again.isChecked()
                QTimer.singleShot(0, self, ask)  # after the warning has closed

        box.finished.connect(answered)
        box.open()

    def _run_annotated(self, doc: LoadedDocument, path: Path) -> None:
        if not self._may_export(doc.entry):
            return
        identity = self._services.identity
        author = identity.card.name if identity is not None else ""
        annotations = [a for a in self._c.annotations(doc.doc_hash) if not a.deleted]
        data, watermark, title = doc.data, doc.watermark, doc.title

        def job() -> AnnotatedExport:
            made: AnnotatedExport = build_annotated_pdf_isolated(data, annotations, watermark=watermark,
                                                                 author_name=author, name=title)
            write_export(path, made.data)
            return made

        def done(made: AnnotatedExport) -> None:
            text = self.tr("The annotated copy of \u201c%1\u201d was saved, with %n annotations.", "",
                           made.exported).replace("%1", title)
            if made.skipped:
                text += " " + self.tr("%1 could not be written into it.").replace("%1", str(len(made.skipped)))
            self._saved(path, text)

        self._start(job, done)

    def _run_notes(self, agenda: Agenda, member: str, path: Path) -> None:
        summary = NotesSummaryInput.from_agenda(agenda, member)
        annotations: list[Annotation] = self._c.all_loaded()
        entries = {d.sha256: d.entry for it in agenda.items for d in it.documents}
        classified = any(it.level is not None for it in agenda.items)

        def may_quote(doc_hash: str) -> bool:
            """The document's policy allows copying its text (a classified one's never does; a
            document no longer in the agenda is treated as classified if any item is)."""
            entry = entries.get(doc_hash)
            policy = self._session.policy_for(entry)
            return policy is not None and policy.can_copy() and (entry is not None or not classified)

        # the office forbids copying a document's text: notes on it without quotes
        annotations = [a if may_quote(a.doc_hash) else without_document_text(a) for a in annotations]
        bookmarks: list[Bookmark] = self._c.bookmarks()
        texts = {**self._c.item_notes(), **self._pending_notes()}
        language = self._services.language
        markdown = path.suffix.lower() in (".md", ".markdown", ".txt")
        if not markdown:  # the PDF shows the words, not the Markdown marks of bold and lists
            texts = {i: plain_note_text(t) for i, t in texts.items()}
        notes = [ItemNote("", "", agenda.session_id, i, t, "", "", False) for i, t in sorted(texts.items())]

        def job() -> None:
            if markdown:
                data = export_notes_markdown(summary, annotations, notes, bookmarks, language=language).encode()
            else:
                data = export_notes_pdf_isolated(summary, annotations, notes, bookmarks, language=language)
            write_export(path, data)

        self._start(job, lambda _r: self._saved(path, self.tr("Your notes were saved.")))

    # -- running, progress, messages ------------------------------------------------------------

    def _start(self, job: Callable[[], T], done: Callable[[T], None]) -> None:
        self.busy = True
        self.busy_changed.emit(True)
        self.status.emit(self.tr("Exporting\u2026"), 0)
        progress = QProgressDialog(self.tr("Exporting\u2026"), "", 0, 0, self._parent)
        progress.setObjectName("exportProgress")
        progress.setWindowTitle(self.tr("Export"))
        progress.setCancelButton(None)
        progress.setWindowModality(Qt.WindowModality.WindowModal)
        progress.setMinimumDuration(2**30)  # shown by the timer below, not by Qt's own
        progress.setAutoClose(False)
        progress.setAutoReset(False)
        progress.hide()
        self._progress = progress
        QTimer.singleShot(PROGRESS_DELAY_MS, progress, lambda: progress.show() if self.busy else None)

        def finished(result: T) -> None:
            self._finish()
            done(result)

        def failed(exc: BaseException) -> None:
            self._finish()
            self.status.emit("", 0)
            self.failed.emit(exc)

        self._services.tasks.processes.run(job, finished, failed)  # a PDF export: one sandboxed child

    def _finish(self) -> None:
        self.busy = False
        if self._progress is not None:
            self._progress.close()
            self._progress.deleteLater()
            self._progress = None
        self.busy_changed.emit(False)

    def _saved(self, path: Path, text: str) -> None:
        self.last_saved = path
        self.status.emit(self.tr("Saved to %1").replace("%1", str(path)), 8000)
        box = QMessageBox(QMessageBox.Icon.Information, self.tr("Export"), text, QMessageBox.StandardButton.NoButton,
                          self._parent)
        box.setObjectName("exportDone")
        box.setInformativeText(self.tr("Saved to: %1\nThis file is not protected.").replace("%1", str(path)))
        folder = box.addButton(self.tr("Open the folder"), QMessageBox.ButtonRole.ActionRole)
        close = box.addButton(self.tr("Close"), QMessageBox.ButtonRole.AcceptRole)
        box.setDefaultButton(close)
        box.setEscapeButton(close)  # Esc and the title bar's × close it
        folder.clicked.connect(lambda: QDesktopServices.openUrl(QUrl.fromLocalFile(str(path.parent))))
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.open()
