"""A page of a converted document, large, as members will see it (the panel turns pages with Page Up / Down).

The PDF is read on the task layer and drawn by the render worker (in the render process); the
widget keeps one document open there while it shows it, and closes it when it shows another or
nothing.
"""

from __future__ import annotations

import itertools
from pathlib import Path

from PySide6.QtCore import QEvent, QRectF, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QColor, QPainter, QPen, QPixmap, QResizeEvent
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QSizePolicy, QVBoxLayout, QWidget

from paperless.core.render.document import PageSize
from paperless.core.render.worker import Priority, RenderKey, RenderResult, RenderWorker
from paperless.gui.tasks import Tasks
from paperless.gui.viewer.painting import to_qimage

_ids = itertools.count(1)
MARGIN = 8


class PagePreview(QWidget):
    page_shown = Signal(int, int)  # page (0-based), pages; (-1, 0): nothing shown

    def __init__(self, tasks: Tasks, worker: RenderWorker, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._tasks = tasks
        self._worker = worker
        self._scope = tasks.scope()
        self._doc = f"clerk-preview-{next(_ids)}"
        self._open = False
        self._pdf: Path | None = None
        self._sizes: list[PageSize] = []
        self._page = 0
        self._generation = 0
        self._message = ""

        self.image = QLabel()
        self.image.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.image.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Ignored)
        self.image.setMinimumSize(QSize(120, 160))
        self.image.setWordWrap(True)
        self.previous = QPushButton()
        self.next = QPushButton()
        self.where = QLabel()
        self.where.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.previous.clicked.connect(lambda: self.go(self._page - 1))
        self.next.clicked.connect(lambda: self.go(self._page + 1))
        bar = QHBoxLayout()
        bar.addWidget(self.previous)
        bar.addWidget(self.where, 1)
        bar.addWidget(self.next)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.image, 1)
        layout.addLayout(bar)
        self._resize = QTimer(self)
        self._resize.setSingleShot(True)
        self._resize.setInterval(80)
        self._resize.timeout.connect(self._request)
        scope, doc = self._scope, self._doc

        def gone(*_: object) -> None:  # the document is never left open in the render worker
            scope.close()
            worker.close_document(doc)

        self.destroyed.connect(gone)
        self.retranslate()
        self._update_bar()

    # -- what it shows ------------------------------------------------------------------------------

    @property
    def pdf(self) -> Path | None:
        return self._pdf

    def page(self) -> int:
        return self._page if self._sizes else -1

    def page_count(self) -> int:
        return len(self._sizes)

    def pixmap(self) -> QPixmap:
        return self.image.pixmap()

    def show_pdf(self, pdf: Path | None, message: str = "") -> None:
        """Show ``pdf`` from its first page (None: ``message`` instead)."""
        if pdf is not None and pdf == self._pdf:
            return
        self._scope.renew()
        self._close()
        self._pdf, self._sizes, self._page, self._message = pdf, [], 0, message
        self.image.clear()
        self.image.setText(message)
        self._update_bar()
        if pdf is None:
            self.page_shown.emit(-1, 0)
            return
        self._scope.run(self._tasks.pool, pdf.read_bytes, self._read, self._unreadable)

    def go(self, page: int) -> None:
        if not self._sizes:
            return
        page = min(max(0, page), len(self._sizes) - 1)
        if page != self._page:
            self._page = page
            self._update_bar()
            self._request()

    def shutdown(self) -> None:
        """Close the document in the render worker (the panel is going away)."""
        self._scope.close()
        self._close()

    # -- Qt ----------------------------------------------------------------------------------------

    def retranslate(self) -> None:
        self.previous.setText(self.tr("◀ Previous page"))
        self.previous.setToolTip(self.tr("Previous page (Page Up)"))
        self.next.setText(self.tr("Next page ▶"))
        self.next.setToolTip(self.tr("Next page (Page Down)"))
        self.image.setAccessibleName(self.tr("Page preview"))
        self._update_bar()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        if self._sizes:
            self._resize.start()

    # -- the render worker -------------------------------------------------------------------------

    def _close(self) -> None:
        if self._open:
            self._worker.close_document(self._doc)
            self._open = False

    def _read(self, data: bytes) -> None:
        self._open = True
        self._worker.open(self._doc, data, self._scope.callback(self, PagePreview._opened))

    def _unreadable(self, exc: BaseException) -> None:
        self.image.setText(self.tr("The document cannot be read."))

    def _opened(self, _doc: str, sizes: list[PageSize] | None, error: str | None) -> None:
        if not sizes:
            self.image.setText(self.tr("The document cannot be shown: {error}").format(error=error or ""))
            return
        self._sizes = sizes
        self._update_bar()
        self._request()

    def _request(self) -> None:
        if not self._sizes:
            return
        size = self._sizes[self._page]
        area = self.image.size()
        dpr = self.devicePixelRatioF()
        fit = min((area.width() - MARGIN) / max(1.0, size.width), (area.height() - MARGIN) / max(1.0, size.height))
        scale = max(0.05, min(4.0, fit)) * dpr
        self._generation += 1
        self._worker.set_generation(self._doc, self._generation)
        self._worker.render(RenderKey(self._doc, self._page, scale, False), Priority.VISIBLE, self._generation,
                            self._scope.callback(self, PagePreview._rendered, self._page))

    def _rendered(self, page: int, result: RenderResult) -> None:
        if page != self._page or result.image is None:
            if result.error:
                self.image.setText(self.tr("This page cannot be shown: {error}").format(error=result.error))
            return
        pixmap = QPixmap.fromImage(to_qimage(result.image, self.devicePixelRatioF()))
        painter = QPainter(pixmap)  # the sheet's edge: white paper on a light window
        painter.setPen(QPen(QColor(120, 120, 120), 1))
        size = pixmap.deviceIndependentSize()
        painter.drawRect(QRectF(0, 0, size.width() - 1, size.height() - 1))
        painter.end()
        self.image.setPixmap(pixmap)
        self.page_shown.emit(self._page, len(self._sizes))

    def _update_bar(self) -> None:
        pages = len(self._sizes)
        self.previous.setEnabled(pages > 0 and self._page > 0)
        self.next.setEnabled(pages > 0 and self._page < pages - 1)
        self.where.setText(self.tr("Page {page} of {pages}").format(page=self._page + 1, pages=pages)
                           if pages else "")
