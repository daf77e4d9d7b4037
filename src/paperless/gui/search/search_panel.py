"""The session-wide search panel: a query field, "Indexing… 340/2000 pages" while the index is
being built, and the results (document title, page, snippet with the match in bold).
Click or Enter on a result emits ``open_hit(doc, page, query)``.

The panel only reads the in-memory :class:`~paperless.core.search.SessionIndex` (searching
it takes milliseconds, so it runs on the GUI thread); whoever fills the index calls
:meth:`set_progress` and :meth:`refresh` as pages arrive, and the query is re-run.
"""

from __future__ import annotations

from collections.abc import Mapping

from PySide6.QtCore import QEvent, QModelIndex, Qt, QTimer, Signal, Slot
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QLabel,
    QLineEdit,
    QListView,
    QListWidget,
    QListWidgetItem,
    QProgressBar,
    QVBoxLayout,
    QWidget,
)

from paperless.core.search import Hit, SessionIndex
from paperless.gui.search.hit_delegate import HIT_ROLE, HTML_ROLE, HitDelegate, hit_html

TYPING_DELAY_MS = 200
REFRESH_DELAY_MS = 300  # while indexing, re-run the query at most this often


class _Results(QListWidget):
    """The result list; Enter opens the current result.

    (Not named ``entered``: QAbstractItemView has its own ``entered`` — the pointer moved onto
    an item — and shadowing it made dragging across the list open results.)"""

    return_pressed = Signal(QModelIndex)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.currentIndex().isValid():
            self.return_pressed.emit(self.currentIndex())
            event.accept()
        else:
            super().keyPressEvent(event)


class _QueryEdit(QLineEdit):
    """The query field; Down moves into the results, Enter opens the first (or current) one."""

    down = Signal()
    entered = Signal()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Down:
            self.down.emit()
            event.accept()
        elif event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.entered.emit()
            event.accept()
        else:
            super().keyPressEvent(event)


class SearchPanel(QWidget):
    open_hit = Signal(str, int, str)  # doc, page (0-based), query

    def __init__(self, index: SessionIndex | None = None, parent: QWidget | None = None, *, limit: int = 500) -> None:
        super().__init__(parent)
        self._index = index
        self._titles: dict[str, str] = {}
        self._limit = limit
        self._hits: list[Hit] = []
        self._more = False
        self._ran_query = ""
        self._progress_done = 0
        self._progress_in_documents = False
        self._progress_total = 0
        self._opened: tuple[Hit, int] | None = None

        self._query = _QueryEdit(self)
        self._query.setClearButtonEnabled(True)
        self._progress_label = QLabel(self)
        self._progress_bar = QProgressBar(self)
        self._progress_bar.setTextVisible(False)
        self._progress_bar.setMaximumHeight(6)
        self._count = QLabel(self)
        self._count.setWordWrap(True)
        self._list = _Results(self)
        self._list.setItemDelegate(HitDelegate(self._list))
        self._list.setWordWrap(True)
        self._list.setResizeMode(QListView.ResizeMode.Adjust)
        self._list.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self._list.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self._list.setAlternatingRowColors(True)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.setSpacing(4)
        layout.addWidget(self._query)
        layout.addWidget(self._progress_label)
        layout.addWidget(self._progress_bar)
        layout.addWidget(self._count)
        layout.addWidget(self._list, 1)

        self._typing = QTimer(self, singleShot=True, interval=TYPING_DELAY_MS)
        self._typing.timeout.connect(self._run)
        self._refresher = QTimer(self, singleShot=True, interval=REFRESH_DELAY_MS)
        self._refresher.timeout.connect(self._rerun)
        self._query.textChanged.connect(lambda _text: self._typing.start())
        self._query.down.connect(self._focus_results)
        self._query.entered.connect(self._open_current_or_first)
        self._list.clicked.connect(self._activate)
        self._list.return_pressed.connect(self._activate)
        self.retranslate()
        self._show_progress()
        self._show_count()

    # -- wiring

    def set_index(self, index: SessionIndex | None, titles: Mapping[str, str] | None = None) -> None:
        """Search ``index`` from now on (``titles``: document id -> title to show)."""
        self._index = index
        if titles is not None:
            self.set_titles(titles)
        self._progress_done = self._progress_total = 0
        self._show_progress()
        self._run()

    def set_titles(self, titles: Mapping[str, str]) -> None:
        self._titles = dict(titles)

    @Slot(int, int)
    def set_progress(self, done: int, total: int) -> None:
        """``done`` of ``total`` pages indexed (what ``SessionIndexer.progress`` counts);
        hidden once ``done >= total``."""
        self._progress_done, self._progress_total = done, total
        self._progress_in_documents = False
        self._show_progress()
        self.refresh()

    @Slot(int, int)
    def set_document_progress(self, done: int, total: int) -> None:
        """The same in documents, for an indexer that counts them: shows
        "Indexing… 3/6 documents (340 pages)", the pages being those already in the index."""
        self._progress_done, self._progress_total = done, total
        self._progress_in_documents = True
        self._show_progress()
        self.refresh()

    @Slot()
    def refresh(self) -> None:
        """Pages were added to the index: re-run the query soon (at most every 300 ms)."""
        if self._ran_query.strip() and not self._refresher.isActive():
            self._refresher.start()

    def set_query(self, text: str) -> None:
        """Type ``text`` and search at once."""
        self._query.setText(text)
        self._typing.stop()
        self._run()

    def query(self) -> str:
        return self._query.text()

    def focus_query(self) -> None:
        self._query.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self._query.selectAll()

    def hits(self) -> list[Hit]:
        return list(self._hits)

    def opened_hit(self) -> tuple[Hit, int] | None:
        """The result opened last (click or Enter) and which match of its page it is (0-based)."""
        return self._opened

    def query_edit(self) -> QLineEdit:
        return self._query

    def results_view(self) -> QListWidget:
        return self._list

    def count_text(self) -> str:
        return self._count.text()

    def progress_text(self) -> str:
        return self._progress_label.text() if not self._progress_label.isHidden() else ""

    # -- searching

    def _run(self) -> None:
        self._typing.stop()
        self._refresher.stop()
        self._ran_query = self._query.text()
        self._search(keep_selection=False)

    def _rerun(self) -> None:
        self._search(keep_selection=True)

    def _search(self, *, keep_selection: bool) -> None:
        query = self._ran_query
        hits = self._index.search(query, self._limit + 1) if self._index is not None and query.strip() else []
        self._more = len(hits) > self._limit
        hits = hits[: self._limit]
        selected = self._selected_key() if keep_selection else None
        scroll = self._list.verticalScrollBar().value()
        self._hits = hits
        self._list.clear()
        page_label = self.tr("page %1")
        for hit in hits:
            heading = f"{self._titles.get(hit.doc, hit.doc)} · {page_label.replace('%1', str(hit.page + 1))}"
            item = QListWidgetItem(f"{heading}: {hit.snippet}")
            item.setData(HTML_ROLE, hit_html(hit, heading))
            item.setData(HIT_ROLE, hit)
            item.setToolTip(heading)
            self._list.addItem(item)
        if selected is not None:
            for row, hit in enumerate(hits):
                if (hit.doc, hit.page, hit.start) == selected:
                    self._list.setCurrentRow(row)
                    break
            self._list.verticalScrollBar().setValue(scroll)
        self._show_count()

    def _selected_key(self) -> tuple[str, int, int] | None:
        row = self._list.currentRow()
        if 0 <= row < len(self._hits):
            hit = self._hits[row]
            return hit.doc, hit.page, hit.start
        return None

    # -- opening a result

    @Slot(QModelIndex)
    def _activate(self, index: QModelIndex) -> None:
        row = index.row()
        if 0 <= row < len(self._hits):
            hit = self._hits[row]
            ordinal = sum(1 for h in self._hits if (h.doc, h.page) == (hit.doc, hit.page) and h.start < hit.start)
            self._opened = (hit, ordinal)
            self.open_hit.emit(hit.doc, hit.page, self._ran_query)

    def _open_current_or_first(self) -> None:
        if self._typing.isActive():
            self._run()
        if not self._hits:
            return
        row = max(self._list.currentRow(), 0)
        self._list.setCurrentRow(row)
        self._activate(self._list.model().index(row, 0))

    def _focus_results(self) -> None:
        if self._list.count():
            self._list.setFocus(Qt.FocusReason.OtherFocusReason)
            if self._list.currentRow() < 0:
                self._list.setCurrentRow(0)

    # -- presentation

    def _indexing(self) -> bool:
        return self._progress_total > 0 and self._progress_done < self._progress_total

    def _show_progress(self) -> None:
        indexing = self._indexing()
        self._progress_label.setVisible(indexing)
        self._progress_bar.setVisible(indexing)
        if indexing:
            done, total = self._progress_done, self._progress_total
            if not self._progress_in_documents:
                text = self.tr("Indexing… %1/%2 pages").replace("%1", str(done)).replace("%2", str(total))
            else:
                pages = self._index.pages if self._index is not None else 0
                text = (
                    self.tr("Indexing… %1/%2 documents (%3 pages)")
                    .replace("%1", str(done))
                    .replace("%2", str(total))
                    .replace("%3", str(pages))
                )
            self._progress_label.setText(text)
            self._progress_bar.setRange(0, total)
            self._progress_bar.setValue(done)
            self._progress_bar.setAccessibleDescription(text)

    def _show_count(self) -> None:
        if not self._ran_query.strip():
            text = ""
        elif not self._hits:
            text = self.tr("No results yet") if self._indexing() else self.tr("No results")
        elif self._more:
            text = self.tr("More than %1 results; showing the first %1").replace("%1", str(self._limit))
        else:
            text = self.tr("%n result(s)", "", len(self._hits))
        self._count.setText(text)
        self._count.setVisible(bool(text))
        self._list.setAccessibleDescription(text)

    def retranslate(self) -> None:
        self.setAccessibleName(self.tr("Search all documents"))
        self._query.setPlaceholderText(self.tr("Search all documents"))
        self._query.setAccessibleName(self.tr("Search text"))
        self._query.setToolTip(
            self.tr(
                "Words typed without accents match any accents (chuyen doi so finds chuyển đổi số); "
                "words typed with accents match exactly"
            )
        )
        self._list.setAccessibleName(self.tr("Search results"))
        self._list.setToolTip(self.tr("Click or press Enter to open the page"))
        self._progress_bar.setAccessibleName(self.tr("Indexing progress"))
        self._show_progress()
        if self._ran_query.strip():
            self._search(keep_selection=True)
        else:
            self._show_count()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)
