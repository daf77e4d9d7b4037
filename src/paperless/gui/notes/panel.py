"""The notes panel, on the right of the window: three tabs of the member's own notes.

* the private note of the current agenda item (:class:`ItemNoteEditor`);
* the bookmarks of the document being read (:class:`BookmarksTab`);
* all my annotations in this session (:class:`AnnotationsTab`).

Everything in it is private: stored encrypted with the member's key, never shown to anyone.
The panel only shows and edits; :mod:`.wiring` connects it to the session and the viewer.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QLabel, QTabWidget, QVBoxLayout, QWidget

from paperless.gui.annotations.controller import AnnotationController
from paperless.gui.icons import muted_text, set_text_colour
from paperless.gui.notes.annotation_list import AnnotationsTab
from paperless.gui.notes.bookmarks import BookmarksTab
from paperless.gui.notes.context import NotesContext
from paperless.gui.notes.item_note import ItemNoteEditor

ITEM_TAB, BOOKMARKS_TAB, ANNOTATIONS_TAB = range(3)
MIN_WIDTH = 200  # with the agenda and the page, the window still fits an 800-pixel-wide screen


class NotesPanel(QWidget):
    def __init__(self, controller: AnnotationController, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("notesPanel")
        self.setMinimumWidth(MIN_WIDTH)
        self.controller = controller
        self._heading = QLabel(self)
        font = QFont(self._heading.font())
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * 1.1)
        self._heading.setFont(font)
        self._private = QLabel(self)
        self._private.setWordWrap(True)
        self.tabs = QTabWidget(self)
        self.tabs.setObjectName("notesTabs")
        self.tabs.setDocumentMode(True)
        self.item_note = ItemNoteEditor(controller, self.tabs)
        self.bookmarks = BookmarksTab(controller, self.tabs)
        self.annotations = AnnotationsTab(controller, self.tabs)
        for tab in (self.item_note, self.bookmarks, self.annotations):
            self.tabs.addTab(tab, "")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 8, 8, 8)
        layout.setSpacing(4)
        layout.addWidget(self._heading)
        layout.addWidget(self._private)
        layout.addWidget(self.tabs, 1)
        self._apply_palette()
        self.retranslate()

    def set_context(self, context: NotesContext | None) -> None:
        self.annotations.set_context(context)
        if context is None:
            self.item_note.reset()
            self.bookmarks.set_document(None)

    def flush(self) -> None:
        """Save what is being typed, now (session closing, app quitting)."""
        self.item_note.flush()

    def show_tab(self, index: int) -> None:
        self.tabs.setCurrentIndex(index)

    def retranslate(self) -> None:
        self._heading.setText(self.tr("My notes"))
        self._private.setText(self.tr("Private: only you can read them."))
        self.tabs.setTabText(ITEM_TAB, self.tr("Item note"))
        self.tabs.setTabText(BOOKMARKS_TAB, self.tr("Bookmarks"))
        self.tabs.setTabText(ANNOTATIONS_TAB, self.tr("Annotations"))
        self.tabs.setTabToolTip(ITEM_TAB, self.tr("Your private note on the current agenda item"))
        self.tabs.setTabToolTip(BOOKMARKS_TAB, self.tr("Pages you bookmarked in this document"))
        self.tabs.setTabToolTip(ANNOTATIONS_TAB, self.tr("Everything you marked in this session"))
        self.tabs.setAccessibleName(self.tr("My notes"))
        self.tabs.tabBar().setAccessibleName(self.tr("Parts of my notes"))

    def _apply_palette(self) -> None:
        set_text_colour(self._private, muted_text(self.palette()))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        elif event.type() == QEvent.Type.PaletteChange:
            self._apply_palette()
        super().changeEvent(event)
