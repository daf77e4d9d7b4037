"""The documents of ONE agenda item in the clerk's workspace (issue 13).

The clerk drops PDF, DOCX, DOC, ODT or RTF files on the panel (or chooses one with "Add…"); they
are copied into the session's folder (``documents/``) and added to the item in one undoable step.
Each file has a row: its first page, its name and what is happening to it ("Converting to PDF…",
"12 pages", or why it cannot be used). Conversion and checking run in the background
(:class:`~paperless.gui.clerk.document_checks.ClerkDocuments`, shared by the panels of all items),
one file after the other; the window never waits. Selecting a row shows its pages on the right as
members will see them (Page Up / Page Down). Replace keeps the document's place; Remove, Move up
(Ctrl+Up) and Move down (Ctrl+Down) are undoable edits like any other (the workspace's Edit ▸ Undo).

The agenda page embeds one panel per selected item through :func:`documents_panel_factory`.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from pathlib import Path

from PySide6.QtCore import QEvent, QPoint, QRect, QSize, Qt, QTimer, Signal
from PySide6.QtGui import (
    QColor,
    QDragEnterEvent,
    QDragMoveEvent,
    QDropEvent,
    QIcon,
    QImage,
    QKeySequence,
    QPainter,
    QPaintEvent,
    QPalette,
    QPen,
    QPixmap,
    QShortcut,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from paperless.core.bundle.errors import DocumentError
from paperless.core.clerk.documents import ACCEPTED, DocState, Key, Status, accepted, import_documents
from paperless.core.clerk.draft import SessionDraft
from paperless.core.clerk.workspace import Happened, WorkspaceEvent
from paperless.core.errors import PaperlessError, T
from paperless.gui.clerk.controller import WorkspaceController
from paperless.gui.clerk.document_checks import ClerkDocuments
from paperless.gui.clerk.page_preview import PagePreview
from paperless.gui.files import FilePicker

ROLE_INDEX = Qt.ItemDataRole.UserRole  # the document's position in the item
ICON = QSize(72, 100)


class DocumentList(QListWidget):
    """The rows; files dropped from outside are handed on, rows dragged inside reorder."""

    files_dropped = Signal(object)  # list[Path]
    reordered = Signal(object)  # list[int]: the old positions in their new order

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setDragDropMode(QAbstractItemView.DragDropMode.InternalMove)
        self.setDefaultDropAction(Qt.DropAction.MoveAction)
        self.setAcceptDrops(True)
        self.setIconSize(ICON)
        self.setWordWrap(True)
        self.setSpacing(2)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.placeholder = ""

    @staticmethod
    def _files(event: QDropEvent | QDragEnterEvent | QDragMoveEvent) -> list[Path]:
        mime = event.mimeData()
        if event.source() is not None or not mime.hasUrls():
            return []
        return [Path(url.toLocalFile()) for url in mime.urls() if url.isLocalFile()]

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if self._files(event):
            event.acceptProposedAction()
        else:
            super().dragEnterEvent(event)

    def dragMoveEvent(self, event: QDragMoveEvent) -> None:
        if self._files(event):
            event.acceptProposedAction()
        else:
            super().dragMoveEvent(event)

    def dropEvent(self, event: QDropEvent) -> None:
        files = self._files(event)
        if files:
            event.acceptProposedAction()
            self.files_dropped.emit(files)
            return
        before = self._order()
        super().dropEvent(event)
        after = self._order()
        if after != before and sorted(after) == sorted(before):
            QTimer.singleShot(0, lambda: self.reordered.emit(after))  # not while Qt is still moving the row

    def paintEvent(self, event: QPaintEvent) -> None:
        super().paintEvent(event)
        if self.count() == 0 and self.placeholder:  # where to drop, said where the eye is
            painter = QPainter(self.viewport())
            painter.setPen(self.palette().color(QPalette.ColorRole.PlaceholderText))
            painter.drawText(self.viewport().rect().adjusted(16, 16, -16, -16),
                             Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap, self.placeholder)
            painter.end()

    def _order(self) -> list[int]:
        return [int(self.item(row).data(ROLE_INDEX)) for row in range(self.count())]


class DocumentsPanel(QWidget):
    """The documents of agenda item ``item`` (0-based) of the workspace's draft."""

    busy_changed = Signal(bool)  # some document of the item is waiting for or in its check

    def __init__(self, controller: WorkspaceController, item: int, documents: ClerkDocuments,
                 files: FilePicker, language: Callable[[], str], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._controller = controller
        self._item = item
        self._documents = documents
        self._files = files
        self._language = language
        self._keys: list[Key | None] = []
        self._rows: list[str] = []
        self._shown: list[DocState | None] = []
        self._busy = False
        self.setAcceptDrops(True)

        self.heading = QLabel()
        heading_font = self.heading.font()
        heading_font.setBold(True)
        heading_font.setPointSizeF(heading_font.pointSizeF() * 1.15)
        self.heading.setFont(heading_font)
        self.hint = QLabel()
        self.hint.setWordWrap(True)
        self.list = DocumentList()
        self.list.files_dropped.connect(self.add_files)
        self.list.reordered.connect(self._reorder)
        self.list.currentRowChanged.connect(lambda _row: self._show_current())
        self.add_button = QPushButton()
        self.replace_button = QPushButton()
        self.remove_button = QPushButton()
        self.up_button = QPushButton()
        self.down_button = QPushButton()
        self.retry_button = QPushButton()
        self.add_button.clicked.connect(self.choose_and_add)
        self.replace_button.clicked.connect(self.choose_and_replace)
        self.remove_button.clicked.connect(self.remove_current)
        self.up_button.clicked.connect(lambda: self.move_current(-1))
        self.down_button.clicked.connect(lambda: self.move_current(1))
        self.retry_button.clicked.connect(self.retry_current)
        self.message = QLabel()  # a copy that failed, a file of the wrong kind
        self.message.setWordWrap(True)
        self.message.setVisible(False)
        self.preview = PagePreview(documents.tasks, documents.worker)

        buttons = QHBoxLayout()
        for button in (self.add_button, self.replace_button, self.remove_button, self.up_button,
                       self.down_button, self.retry_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(self.heading)
        left_layout.addWidget(self.hint)
        left_layout.addWidget(self.list, 1)
        left_layout.addWidget(self.message)
        left_layout.addLayout(buttons)
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.addWidget(left)
        self.splitter.addWidget(self.preview)
        self.splitter.setStretchFactor(0, 1)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setChildrenCollapsible(False)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.splitter)

        def shortcut(keys: QKeySequence | QKeySequence.StandardKey | str, slot: Callable[[], None]) -> None:
            s = QShortcut(QKeySequence(keys), self)
            s.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            s.activated.connect(slot)

        shortcut("Ctrl+Up", lambda: self.move_current(-1))
        shortcut("Ctrl+Down", lambda: self.move_current(1))
        shortcut(QKeySequence.StandardKey.Delete, self.remove_current)
        shortcut("Insert", self.choose_and_add)
        for keys, step in ((QKeySequence.StandardKey.MoveToPreviousPage, -1),
                           (QKeySequence.StandardKey.MoveToNextPage, 1)):
            shortcut(keys, partial(self._turn, step))

        controller.changed.connect(self._workspace_changed)
        documents.changed.connect(self._document_changed)
        self.retranslate()
        self.refresh()

    # -- reading the draft -----------------------------------------------------------------------------

    @property
    def item(self) -> int:
        return self._item

    @property
    def _draft(self) -> SessionDraft:
        return self._controller.draft

    def paths(self) -> list[str]:
        """The item's documents as the draft has them (relative to the session's folder)."""
        items = self._draft.items
        return list(items[self._item].documents) if 0 <= self._item < len(items) else []

    def states(self) -> list[DocState | None]:
        """Each row's state as the row shows it."""
        return list(self._shown)

    def row_text(self, row: int) -> str:
        item = self.list.item(row)
        return item.text() if item is not None else ""

    def busy(self) -> bool:
        return self._busy

    # -- acting ------------------------------------------------------------------------------------

    def add_files(self, paths: list[Path]) -> None:
        """Copy ``paths`` into the session's folder (in the background) and add them as one step."""
        if not self._exists():
            return
        wrong = [p.name for p in paths if not accepted(p)]
        paths = [p for p in paths if accepted(p)]
        if wrong:
            self._say(self.tr("Only PDF, DOCX, DOC, ODT and RTF files can be added; left out: {names}")
                      .format(names=", ".join(wrong)))
        else:
            self._say("")
        if not paths:
            return
        folder = self._draft.folder
        self._documents.tasks.pool.run(lambda: import_documents(paths, folder), self._imported, self._copy_failed)

    def choose_and_add(self) -> None:
        path = self._choose(self.tr("Add a document"))
        if path is not None:
            self.add_files([path])

    def choose_and_replace(self) -> None:
        row = self.list.currentRow()
        if not self._exists() or row < 0:
            return
        path = self._choose(self.tr("Replace the document"))
        if path is None:
            return
        if not accepted(path):
            self._say(self.tr("Only PDF, DOCX, DOC, ODT and RTF files can be added; left out: {names}")
                      .format(names=path.name))
            return
        folder, old = self._draft.folder, self.paths()[row]
        self._documents.tasks.pool.run(lambda: import_documents([path], folder),
                                        lambda rels: self._replaced(row, old, rels[0]), self._copy_failed)

    def remove_current(self) -> None:
        row = self.list.currentRow()
        docs = self.paths()
        if not 0 <= row < len(docs):
            return
        name = Path(docs[row]).name
        item = self._item

        def change(draft: SessionDraft) -> None:
            del draft.items[item].documents[row]

        self._edit(T(f"remove the document {name}", f"bỏ tài liệu {name}"), change)
        self.list.setCurrentRow(min(row, self.list.count() - 1))

    def move_current(self, step: int) -> None:
        row = self.list.currentRow()
        target = row + step
        if not 0 <= row < len(self.paths()) or not 0 <= target < len(self.paths()):
            return
        order = list(range(len(self.paths())))
        order.insert(target, order.pop(row))
        self._reorder(order)

    def retry_current(self) -> None:
        row = self.list.currentRow()
        docs = self.paths()
        if 0 <= row < len(docs):
            self._documents.retry(self._draft.folder, docs[row])

    # -- the edits -----------------------------------------------------------------------------------

    def _exists(self) -> bool:
        return 0 <= self._item < len(self._draft.items)

    def _edit(self, label: T, change: Callable[[SessionDraft], None]) -> None:
        self._controller.edit(label, change, ("items", self._item, "documents"))

    def _imported(self, rels: list[str]) -> None:
        if not self._exists():
            return
        item = self._item
        if len(rels) == 1:
            name = Path(rels[0]).name
            label = T(f"add the document {name}", f"thêm tài liệu {name}")
        else:
            label = T(f"add {len(rels)} documents", f"thêm {len(rels)} tài liệu")

        def change(draft: SessionDraft) -> None:
            draft.items[item].documents.extend(rels)

        self._edit(label, change)
        self.list.setCurrentRow(self.list.count() - 1)

    def _replaced(self, row: int, old: str, new: str) -> None:
        docs = self.paths()
        if not 0 <= row < len(docs) or docs[row] != old:  # changed meanwhile: replace where it is now
            if old not in docs:
                return
            row = docs.index(old)
        item = self._item
        name = Path(old).name

        def change(draft: SessionDraft) -> None:
            draft.items[item].documents[row] = new

        self._edit(T(f"replace the document {name}", f"thay tài liệu {name}"), change)
        self.list.setCurrentRow(row)

    def _reorder(self, order: list[int]) -> None:
        docs = self.paths()
        if sorted(order) != list(range(len(docs))) or order == sorted(order):
            self.refresh()
            return
        item = self._item
        moved = next(i for i, old in enumerate(order) if old != i)
        current = order.index(self.list.currentItem().data(ROLE_INDEX)) if self.list.currentItem() else moved

        def change(draft: SessionDraft) -> None:
            old_docs = draft.items[item].documents
            draft.items[item].documents = [old_docs[i] for i in order]

        self._edit(T("reorder the documents", "đổi thứ tự tài liệu"), change)
        self.list.setCurrentRow(current)

    def _copy_failed(self, exc: BaseException) -> None:
        if not isinstance(exc, PaperlessError):
            raise exc  # a bug: the task layer reports it
        self._say(exc.message(self._language()))

    def _choose(self, title: str) -> Path | None:
        kinds = " ".join(f"*{s} *{s.upper()}" for s in ACCEPTED)
        return self._files.open_file(self, title, self.tr("Documents ({kinds})").format(kinds=kinds))

    def _say(self, text: str) -> None:
        self.message.setText(text)
        self.message.setVisible(bool(text))

    # -- showing -------------------------------------------------------------------------------------

    def retranslate(self) -> None:
        self.heading.setText(self.tr("Documents of item {number}").format(number=self._item + 1))
        self.hint.setText(self.tr("Drag PDF, Word (DOCX, DOC), ODT or RTF files here, or press Add. "
                                  "Word and ODT files are converted to PDF: what you see on the right "
                                  "is what members will see."))
        self.add_button.setText(self.tr("A&dd…"))
        self.add_button.setToolTip(self.tr("Add a document (Insert)"))
        self.replace_button.setText(self.tr("&Replace…"))
        self.replace_button.setToolTip(self.tr("Put another file in this document's place"))
        self.remove_button.setText(self.tr("Re&move"))
        self.remove_button.setToolTip(self.tr("Remove the document from the item (Delete); Undo brings it back"))
        self.up_button.setText(self.tr("Move &up"))
        self.up_button.setToolTip(self.tr("Move up (Ctrl+Up)"))
        self.down_button.setText(self.tr("Move do&wn"))
        self.down_button.setToolTip(self.tr("Move down (Ctrl+Down)"))
        self.retry_button.setText(self.tr("Tr&y again"))
        self.retry_button.setToolTip(self.tr("Convert and check the file again"))
        self.list.setAccessibleName(self.tr("Documents"))
        self.list.placeholder = self.tr("No documents yet: drag files here from a folder, or press Add.")
        self.list.viewport().update()
        for row in range(self.list.count()):
            self._draw_row(row)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
            self._show_current(force=True)
        super().changeEvent(event)

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if event.mimeData().hasUrls():
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:
        files = [Path(u.toLocalFile()) for u in event.mimeData().urls() if u.isLocalFile()]
        if files:
            event.acceptProposedAction()
            self.add_files(files)

    def refresh(self) -> None:
        """Rows again from the draft (after any edit, undo or redo)."""
        current = self.list.currentRow()
        docs = self.paths()
        folder = self._draft.folder
        keys = [self._documents.state(folder, rel)[0] for rel in docs]
        self.setEnabled(self._exists())
        if docs == self._rows and keys == self._keys:  # the same rows: only what they say
            for row in range(len(docs)):
                self._draw_row(row)
            self._show_current()
            self._update_busy()
            return
        self._rows, self._keys = docs, keys
        self._shown = [None] * len(docs)
        self.list.blockSignals(True)
        self.list.clear()
        for index, rel in enumerate(docs):
            entry = QListWidgetItem()
            entry.setData(ROLE_INDEX, index)
            entry.setToolTip(rel)
            self.list.addItem(entry)
            self._draw_row(index)
        self.list.blockSignals(False)
        if docs:
            self.list.setCurrentRow(min(max(0, current), len(docs) - 1))
        self._show_current()
        self._update_busy()

    def _turn(self, step: int) -> None:
        self.preview.go(self.preview.page() + step)

    def _workspace_changed(self, event: WorkspaceEvent) -> None:
        if event.happened is Happened.EDITED and event.where and event.where[0] != "items":
            return  # the session's title, a member, a poll: nothing of this panel
        self.refresh()

    def _document_changed(self, key: Key) -> None:
        changed = False
        for row, k in enumerate(self._keys):
            if k == key:
                self._draw_row(row)
                changed = True
        if changed:
            self._update_buttons()
            self._show_current()
            self._update_busy()

    def _status(self, row: int) -> tuple[str, bool]:
        """The row's second line, and whether it is a failure."""
        key = self._keys[row]
        state = self._documents.checks.get(key) if key is not None else None
        rel = self.paths()[row]
        if key is None:
            return self.tr("The file is missing from the session's folder: {path}").format(path=rel), True
        if state is None or state.status is Status.WAITING:
            if rel.lower().endswith(".pdf"):
                return self.tr("Checking…"), False
            return self.tr("Waiting to be converted to PDF…"), False
        if state.status is Status.CONVERTING:
            return self.tr("Converting to PDF…"), False
        if state.status is Status.READING:  # OCR, on this computer only
            return self.tr("Reading the scanned pages (%1 of %2)…").replace("%1", str(state.done)).replace(
                "%2", str(state.total)), False
        if state.status is Status.READY:
            pages = self.tr("1 page") if state.pages == 1 else self.tr("{count} pages").format(count=state.pages)
            if not state.title:
                return pages, False
            return self.tr("{pages} · members see it as “{title}”").format(pages=pages, title=state.title), False
        return self.tr("Cannot be used: {reason}").format(reason=self._reason(state.error)), True

    def _reason(self, error: PaperlessError | None) -> str:
        """Why, in a line: a document's error without its name (the row says it), else the whole message."""
        if error is None:
            return ""
        detail = error.params.get("detail")
        if isinstance(error, DocumentError) and isinstance(detail, T):
            return detail.vi if self._language() == "vi" else detail.en
        return error.message(self._language())

    def _draw_row(self, row: int) -> None:
        item = self.list.item(row)
        if item is None or row >= len(self._keys):
            return
        status, failed = self._status(row)
        key = self._keys[row]
        self._shown[row] = self._documents.checks.get(key) if key is not None else None
        name = Path(self.paths()[row]).name
        item.setText(f"{row + 1}. {name}\n{status}")
        full = self._shown[row]
        tip = full.error.message(self._language()) if full is not None and full.error is not None else status
        item.setToolTip(f"{self.paths()[row]}\n{tip}")
        thumb = self._documents.thumbnail(key) if key is not None else None
        item.setIcon(_page_icon(thumb, failed, self.palette()))
        colour = self.palette().color(QPalette.ColorRole.Text)
        item.setForeground(QColor(170, 20, 20) if failed else colour)
        item.setData(Qt.ItemDataRole.AccessibleTextRole, f"{name}: {status}")

    def _show_current(self, force: bool = False) -> None:
        self._update_buttons()
        row = self.list.currentRow()
        states = self.states()
        if not 0 <= row < len(states):
            self.preview.show_pdf(None, self.tr("Drop documents here.") if self._exists() else "")
            return
        state = states[row]
        if state is not None and state.status is Status.READY and state.pdf is not None:
            if force:
                self.preview.show_pdf(None)
            self.preview.show_pdf(state.pdf)
        elif state is not None and state.error is not None:
            self.preview.show_pdf(None, state.error.message(self._language()))  # the whole message, with the name
        else:
            self.preview.show_pdf(None, self._status(row)[0])

    def _update_buttons(self) -> None:
        row = self.list.currentRow()
        count = self.list.count()
        has = 0 <= row < count
        failed = has and row < len(self._keys) and self._status(row)[1]
        self.add_button.setEnabled(self._exists())
        self.replace_button.setEnabled(has)
        self.remove_button.setEnabled(has)
        self.up_button.setEnabled(has and row > 0)
        self.down_button.setEnabled(has and row < count - 1)
        self.retry_button.setVisible(bool(failed))

    def _update_busy(self) -> None:
        busy = any(s is None or s.status in (Status.WAITING, Status.CONVERTING, Status.READING)
                   for k, s in zip(self._keys, self.states(), strict=True) if k is not None)
        if busy != self._busy:
            self._busy = busy
            self.busy_changed.emit(busy)


def _page_icon(thumb: QImage | None, failed: bool, palette: QPalette) -> QIcon:
    """The first page framed like a sheet of paper; a blank sheet (waiting, converting) or one with a
    red cross (cannot be used)."""
    pixmap = QPixmap(ICON)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    area = pixmap.rect().adjusted(2, 2, -3, -3)
    if thumb is not None and not thumb.isNull():
        logical = thumb.size() / max(1.0, thumb.devicePixelRatio())
        fitted = logical.scaled(area.size(), Qt.AspectRatioMode.KeepAspectRatio)
        page = QRect(QPoint(0, 0), fitted)
        page.moveCenter(area.center())
        painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform, True)
        painter.fillRect(page.translated(2, 2), QColor(0, 0, 0, 50))  # a soft shadow under the sheet
        painter.drawImage(page, thumb)
        painter.setPen(QPen(QColor(120, 120, 120), 1))
        painter.drawRect(page.adjusted(0, 0, -1, -1))
        painter.end()
        return QIcon(pixmap)
    page = area.adjusted(4, 0, -4, 0)
    painter.fillRect(page, palette.color(QPalette.ColorRole.Base))
    painter.setPen(QPen(QColor(120, 120, 120), 1))
    painter.drawRect(page)
    if failed:
        painter.setPen(QPen(QColor(170, 20, 20), 4))
        inner = page.adjusted(14, 26, -14, -26)
        painter.drawLine(inner.topLeft(), inner.bottomRight())
        painter.drawLine(inner.topRight(), inner.bottomLeft())
    painter.end()
    return QIcon(pixmap)


def documents_panel_factory(controller: WorkspaceController, documents: ClerkDocuments, files: FilePicker,
                            language: Callable[[], str]) -> Callable[[int], QWidget]:
    """What the agenda page calls for the selected item's panel (item index → panel); ``documents``
    is shared by every panel of the workspace (one per workspace, as the checks and thumbnails)."""

    def make(item: int) -> QWidget:
        return DocumentsPanel(controller, item, documents, files, language)

    return make
