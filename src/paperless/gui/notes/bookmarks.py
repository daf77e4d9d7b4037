"""Bookmarks of the document being read: a list by page, click to go there.

Ctrl+D (Edit ▸ Bookmark this page) marks the page being read and opens its label for typing
(optional: Enter or a click elsewhere keeps it as it is). A page is bookmarked once: asking
again selects the bookmark it has. Double-click or F2 renames, Del deletes; the context menu
has all three. Renaming saves a new bookmark and then removes the old one (the store keeps
bookmarks as add/remove records), so a failed save never loses the old one.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QPoint, Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMenu,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from paperless.core.notes import Bookmark
from paperless.gui.annotations.controller import AnnotationController
from paperless.gui.icons import muted_text, set_text_colour

UUID_ROLE = Qt.ItemDataRole.UserRole + 1
PAGE_ROLE = Qt.ItemDataRole.UserRole + 2


class BookmarkTree(QTreeWidget):
    """Del deletes; F2 (and a double-click) edits the label, whichever column is current."""

    delete_pressed = Signal()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        editing = self.state() == QAbstractItemView.State.EditingState
        if event.key() in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace) and not editing:
            self.delete_pressed.emit()
            return
        current = self.currentItem()
        if event.key() == Qt.Key.Key_F2 and not editing and current is not None:
            self.editItem(current, 1)
            return
        super().keyPressEvent(event)


class BookmarksTab(QWidget):
    jump_requested = Signal(int)  # 0-based page of the current document

    def __init__(self, controller: AnnotationController, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("bookmarksTab")
        self._c = controller
        self._doc: str | None = None
        self._title = ""
        self._page = 0
        self._filling = False
        self._edit_page: int | None = None  # a bookmark just asked for: edit its label when it arrives
        self._stale = False
        self.heading = QLabel(self)
        self.heading.setWordWrap(True)
        self.tree = BookmarkTree(self)
        self.tree.setObjectName("bookmarkList")
        self.tree.setColumnCount(2)
        self.tree.setRootIsDecorated(False)
        self.tree.setUniformRowHeights(True)
        self.tree.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.tree.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)  # the label only: see BookmarkTree
        self.tree.itemDoubleClicked.connect(lambda item, _column: self.tree.editItem(item, 1))
        header = self.tree.header()
        header.setStretchLastSection(True)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        self.tree.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.tree.customContextMenuRequested.connect(self._context_menu)
        self.tree.itemClicked.connect(lambda item, _column: self._go(item))
        self.tree.itemActivated.connect(lambda item, _c: self._go(item))
        self.tree.itemChanged.connect(self._renamed)
        self.tree.delete_pressed.connect(self.delete_selected)
        self.tree.itemDelegate().closeEditor.connect(lambda *_: QTimer.singleShot(0, self, self._editor_closed))
        self.empty = QLabel(self)
        self.empty.setWordWrap(True)
        self.empty.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.add_button = QPushButton(self)
        self.add_button.setObjectName("addBookmark")
        self.add_button.clicked.connect(self.add_current)
        self.delete_button = QPushButton(self)
        self.delete_button.setObjectName("deleteBookmark")
        self.delete_button.clicked.connect(self.delete_selected)
        buttons = QHBoxLayout()
        buttons.addWidget(self.add_button)
        buttons.addWidget(self.delete_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 8, 8, 8)
        layout.setSpacing(6)
        layout.addWidget(self.heading)
        layout.addLayout(buttons)
        layout.addWidget(self.tree, 1)
        layout.addWidget(self.empty, 1)
        self.tree.itemSelectionChanged.connect(self._update_buttons)
        controller.notes_changed.connect(self.refresh)
        self._apply_palette()
        self.retranslate()
        self.refresh()

    # -- what is shown ---------------------------------------------------------------------------

    def set_document(self, doc_hash: str | None, title: str = "") -> None:
        self._doc, self._title = doc_hash or None, title
        self._edit_page = None
        self.retranslate()
        self.refresh()

    def set_current_page(self, page: int) -> None:
        self._page = max(0, page)

    def bookmarks(self) -> list[Bookmark]:
        return self._c.bookmarks(self._doc) if self._doc else []

    def refresh(self) -> None:
        if self.tree.state() == QAbstractItemView.State.EditingState:
            self._stale = True  # refreshed when the label editor closes
            return
        self._stale = False
        marks = self.bookmarks()
        selected = self._selected_uuid()
        self._filling = True
        try:
            self.tree.clear()
            for mark in marks:
                row = QTreeWidgetItem(self.tree)
                row.setData(0, UUID_ROLE, mark.uuid)
                row.setData(0, PAGE_ROLE, mark.page)
                row.setText(0, self.tr("Page %1").replace("%1", str(mark.page + 1)))
                row.setText(1, mark.label)
                row.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemIsEditable)
                if mark.uuid == selected:
                    self.tree.setCurrentItem(row)
        finally:
            self._filling = False
        self.tree.setVisible(bool(marks))
        self.empty.setVisible(not marks)
        new = self._row_for_page(self._edit_page) if self._edit_page is not None else None
        if new is not None:
            self._edit_page = None
            self.tree.setCurrentItem(new)
            self.tree.editItem(new, 1)
        self._update_buttons()

    # -- actions ---------------------------------------------------------------------------------

    def _editor_closed(self) -> None:
        if self._stale:
            self.refresh()

    def add_current(self) -> None:
        """Bookmark the page being read (Ctrl+D); if it has one, select it instead."""
        if self._doc is None or not self._c.active:
            return
        row = self._row_for_page(self._page)
        if row is not None:
            self.tree.setCurrentItem(row)
            self.tree.setFocus()
            return
        self._edit_page = self._page
        self._c.add_bookmark(self._doc, self._page, "")

    def delete_selected(self) -> None:
        uuid = self._selected_uuid()
        if uuid is not None:
            self._c.remove_bookmark(uuid)

    def rename_selected(self) -> None:
        row = self.tree.currentItem()
        if row is not None:
            self.tree.editItem(row, 1)

    def _go(self, row: QTreeWidgetItem) -> None:
        page = row.data(0, PAGE_ROLE)
        if isinstance(page, int):
            self.jump_requested.emit(page)

    def _renamed(self, row: QTreeWidgetItem, column: int) -> None:
        if self._filling or column != 1 or self._doc is None:
            return
        uuid = row.data(0, UUID_ROLE)
        old = next((b for b in self.bookmarks() if b.uuid == uuid), None)
        label = " ".join(row.text(1).split())
        if old is not None and label != old.label:
            self._c.rename_bookmark(uuid, label)  # the same bookmark, a new version

    def _context_menu(self, pos: QPoint) -> None:
        row = self.tree.itemAt(pos)
        if row is None:
            return
        self.tree.setCurrentItem(row)
        menu = QMenu(self)
        menu.addAction(self.tr("Go to this page"), lambda: self._go(row))
        menu.addAction(self.tr("Rename\u2026"), self.rename_selected)
        menu.addAction(self.tr("Delete"), self.delete_selected)
        menu.popup(self.tree.viewport().mapToGlobal(pos))

    # -- helpers ---------------------------------------------------------------------------------

    def _row_for_page(self, page: int) -> QTreeWidgetItem | None:
        for i in range(self.tree.topLevelItemCount()):
            row = self.tree.topLevelItem(i)
            if row is not None and row.data(0, PAGE_ROLE) == page:
                return row
        return None

    def _selected_uuid(self) -> str | None:
        row = self.tree.currentItem()
        uuid = row.data(0, UUID_ROLE) if row is not None and row.isSelected() else None
        return uuid if isinstance(uuid, str) else None

    def _update_buttons(self) -> None:
        ready = self._doc is not None and self._c.active
        self.add_button.setEnabled(ready)
        self.delete_button.setEnabled(ready and self._selected_uuid() is not None)

    def retranslate(self) -> None:
        self.heading.setText(self._title if self._doc else self.tr("No document is open."))
        self.tree.setHeaderLabels([self.tr("Page"), self.tr("Label")])
        self.tree.setAccessibleName(self.tr("Bookmarks of this document"))
        self.add_button.setText(self.tr("Bookmark this page"))
        self.add_button.setToolTip(self.tr("Bookmark the page you are reading (Ctrl+D)"))
        self.delete_button.setText(self.tr("Delete"))
        self.delete_button.setToolTip(self.tr("Delete the selected bookmark (Del)"))
        self.empty.setText(self.tr("No bookmarks in this document yet. Press Ctrl+D to bookmark the page "
                                   "you are reading.") if self._doc else "")
        for i in range(self.tree.topLevelItemCount()):
            row = self.tree.topLevelItem(i)
            if row is not None:
                row.setText(0, self.tr("Page %1").replace("%1", str(int(row.data(0, PAGE_ROLE)) + 1)))

    def _apply_palette(self) -> None:
        set_text_colour(self.empty, muted_text(self.palette()))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        elif event.type() == QEvent.Type.PaletteChange:
            self._apply_palette()
        super().changeEvent(event)
