"""File ▸ Print… (Ctrl+P): the document on screen on paper — or to a PDF printer — with the
watermark and the member's annotations, when the session's policy allows printing.

The printer dialog comes from ``services.files.choose_printer`` (tests answer it). Then each
chosen page is rendered by the render worker (off the GUI thread) at :data:`PRINT_DPI` and,
as it arrives, drawn onto the printer on the GUI thread — fitted to the paper, the member's
annotations drawn over it as vectors, the watermark over all — one page at a time, so memory
holds one page image. A progress dialog counts the pages and can cancel; a page that cannot
be rendered stops the job with a clear message (nothing half-printed is sent on: the printer
is aborted). Whether the action is on, and why not, is the window's action state
(``gui.action_state``); the policy is asked again for every page, so a session that expires in the
middle of a job stops it.
"""

from __future__ import annotations

import math
import os
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QRectF, QTimer, Signal
from PySide6.QtGui import QPainter
from PySide6.QtWidgets import QProgressDialog, QWidget

from paperless.core.errors import PaperlessError
from paperless.core.render import Image, Priority, RenderWorker
from paperless.gui.files import FilePicker
from paperless.gui.session import SessionController
from paperless.gui.tasks import Tasks
from paperless.gui.viewer.document_view import DocumentView
from paperless.gui.viewer.painting import to_qimage

if TYPE_CHECKING:
    from PySide6.QtPrintSupport import QPrinter

    from paperless.core.model import LoadedDocument

PRINT_DPI = 300
MAX_PIXELS = 48_000_000  # a page image is never bigger (an A0 drawing prints at less than PRINT_DPI)
PROGRESS_DELAY_MS = 300


class PrintFailedError(PaperlessError):
    en = "Page {page} could not be printed: {detail}"
    vi = "Không in được trang {page}: {detail}"


class PrintFileError(PaperlessError):
    en = "The printed file {path} could not be saved: {detail}"
    vi = "Không lưu được tệp in {path}: {detail}"


class PrinterUnavailableError(PaperlessError):
    en = "The printer could not be used; nothing was printed."
    vi = "Không dùng được máy in; chưa in trang nào."


def fitted(paper: QRectF, width: float, height: float) -> QRectF:
    """The largest rectangle of a ``width`` × ``height`` page inside ``paper``, centred."""
    scale = min(paper.width() / width, paper.height() / height)
    w, h = width * scale, height * scale
    return QRectF(paper.x() + (paper.width() - w) / 2, paper.y() + (paper.height() - h) / 2, w, h)


class Printing(QObject):
    """Printing the document on screen. Narrow dependencies: the session (its policy and
    documents), the view (what a page shows), the render worker, the file picker (the printer
    dialog) and the task layer; it says what happened through signals."""

    finished = Signal(int, object)  # pages printed, the error (None: done or cancelled)
    failed = Signal(object)  # a PaperlessError to show
    message = Signal(str)  # a short note for the member ("3 pages sent to the printer.")
    busy_changed = Signal(bool)

    def __init__(self, session: SessionController, view: DocumentView, worker: RenderWorker, files: FilePicker,
                 tasks: Tasks, parent: QWidget) -> None:
        super().__init__(parent)
        self._session = session
        self._view = view
        self._worker = worker
        self._files = files
        self._parent = parent
        self._job = tasks.scope()  # renewed when a job ends: a page rendered for an old job is dropped
        self.document: LoadedDocument | None = None
        self._printer: QPrinter | None = None
        self._painter: QPainter | None = None
        self._pages: list[int] = []
        self._done = 0
        self._progress: QProgressDialog | None = None
        self._file: tuple[Path, Path] | None = None  # printing to a PDF file: (written now, final name)
        session.document_ready.connect(self._document_ready)
        session.closing.connect(self._closing)
        session.session_expired.connect(self._closing)  # the documents are closed: so is printing
        session.documents_dropped.connect(self._closing)  # the idle lock: likewise

    @property
    def busy(self) -> bool:
        return self._printer is not None

    # -- state -----------------------------------------------------------------------------------

    def _document_ready(self, doc: LoadedDocument) -> None:
        self.document = doc

    def _closing(self) -> None:
        self.cancel()
        self.document = None

    def _allowed(self, entry: str) -> bool:
        policy = self._session.policy_for(entry)  # the document's: a classified one is never printed
        return policy is not None and policy.can_print()

    # -- the job ---------------------------------------------------------------------------------

    def print_document(self) -> None:
        doc, view = self.document, self._view
        if doc is None or self.busy or not self._allowed(doc.entry) or view.document_id() != doc.entry:
            return
        from PySide6.QtPrintSupport import QPrinter  # loaded when first printing

        count = view.page_count()
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        printer.setDocName(doc.title)
        printer.setFromTo(1, count)
        if not self._files.choose_printer(self._parent, printer, count):
            return
        first, last = printer.fromPage(), printer.toPage()
        pages = list(range(first - 1, last)) if first > 0 and last >= first else list(range(count))
        pages = [p for p in pages if 0 <= p < count]
        if not pages:
            return
        self._file = None
        if printer.outputFormat() == QPrinter.OutputFormat.PdfFormat and printer.outputFileName():
            final = Path(printer.outputFileName())  # "Print to file": written aside, renamed when whole
            self._file = (final.with_name(f".{final.name}.part"), final)
            printer.setOutputFileName(str(self._file[0]))
        painter = QPainter()
        if not painter.begin(printer):
            self._drop_file()
            self.failed.emit(PrinterUnavailableError())
            return
        self._job.renew()
        self._printer, self._painter, self._pages, self._done = printer, painter, pages, 0
        self._progress = QProgressDialog(self.tr("Printing\u2026"), self.tr("Cancel"), 0, len(pages), self._parent)
        self._progress.setWindowTitle(self.tr("Print"))
        self._progress.setMinimumDuration(PROGRESS_DELAY_MS)
        self._progress.canceled.connect(self.cancel)
        self.busy_changed.emit(True)
        self._request()

    def cancel(self) -> None:
        """Stop the job in progress (the printer is aborted: nothing half-done goes on)."""
        if self._printer is not None:
            self._end(aborted=True, error=None)

    def _request(self) -> None:
        doc = self.document
        if doc is None or self._printer is None:
            return
        page = self._pages[self._done]
        width, height = self._view.page_size(page)
        scale = min(PRINT_DPI / 72, math.sqrt(MAX_PIXELS / max(1.0, width * height)))
        back = self._job.callback(self, Printing._rendered, page)
        self._worker.call(doc.entry, lambda d: d.render(page, scale), back, Priority.BACKGROUND)

    def _rendered(self, page: int, image: Image | None, error: str | None) -> None:
        if self._printer is None or self._painter is None:
            return
        # asked for every page: a session that expires mid-job stops printing
        if self.document is None or not self._allowed(self.document.entry):
            self._session.check_expiry()
            self.cancel()
            return
        if image is None:
            self._end(aborted=True, error=PrintFailedError(page=page + 1, detail=error or "?"))
            return
        printer, painter = self._printer, self._painter
        if self._done > 0:
            printer.newPage()
        width, height = self._view.page_size(page)
        paper = QRectF(printer.pageLayout().paintRectPixels(printer.resolution()))
        paper.moveTo(0, 0)
        target = fitted(paper, width, height)
        painter.drawImage(target, to_qimage(image, 1.0))
        self._view.paint_page_extras(painter, page, target)
        self._done += 1
        if self._progress is not None:
            self._progress.setValue(self._done)
            self._progress.setLabelText(self.tr("Printing page {n} of {total}\u2026").format(
                n=self._done, total=len(self._pages)))
        if self._done < len(self._pages):
            QTimer.singleShot(0, self, self._request)
        else:
            self._end(aborted=False, error=None)

    def _drop_file(self) -> None:
        if self._file is not None:
            self._file[0].unlink(missing_ok=True)
            self._file = None

    def _end(self, *, aborted: bool, error: BaseException | None) -> None:
        printer, painter, done = self._printer, self._painter, self._done
        self._printer, self._painter = None, None
        self._job.renew()
        if aborted and printer is not None:
            printer.abort()
        if painter is not None and painter.isActive():
            painter.end()
        if aborted:
            self._drop_file()
        elif self._file is not None:
            try:
                os.replace(*self._file)
            except OSError as exc:
                error = PrintFileError(path=str(self._file[1]), detail=exc.strerror or str(exc))
                self._drop_file()
            self._file = None
        if self._progress is not None:
            self._progress.canceled.disconnect(self.cancel)
            self._progress.close()
            self._progress.deleteLater()
            self._progress = None
        self.busy_changed.emit(False)
        if error is not None:
            self.failed.emit(error)
        elif not aborted:
            self.message.emit(self.tr("%n page(s) sent to the printer.", "", done))
        self.finished.emit(0 if aborted or error is not None else done, error)
