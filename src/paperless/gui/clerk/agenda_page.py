"""The clerk's Agenda page (issue 13, Prepare): on the left the numbered items and the opinion
polls, on the right the fields of the one chosen. A self-contained widget: the workspace window
hosts it among its steps and gives it the controller (and, when built, the documents panel).

Keyboard: Insert (or Ctrl+Shift+N) adds an item — except in an item's documents panel, where Insert
adds a document (the panel's own shortcut; the page's is off while the focus is there); in the list,
Alt+Up / Alt+Down (or Ctrl+Up / Ctrl+Down) move the chosen item, Delete removes it (undo brings it
back); the field captions have Alt mnemonics, no two alike on the page (nor like the window's
menus). Edits still being typed are committed before any other change
(:meth:`AgendaPage.commit_pending`, also for the window before undo, save or leaving the page)."""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt
from PySide6.QtWidgets import (
    QApplication,
    QFrame,
    QHBoxLayout,
    QScrollArea,
    QSplitter,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from paperless.gui.clerk.agenda_items import ItemsList
from paperless.gui.clerk.controller import WorkspaceController
from paperless.gui.clerk.fields import is_language_change
from paperless.gui.clerk.item_editor import DocumentsPanelFactory, ItemEditor
from paperless.gui.clerk.poll_editor import PollEditor, PollsList

ITEM_PAGE, POLL_PAGE = 0, 1


class AgendaPage(QWidget):
    def __init__(self, controller: WorkspaceController, documents_panel: DocumentsPanelFactory | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("agendaPage")
        self.controller = controller
        self.items = ItemsList(controller, self.commit_pending, self)
        self.polls = PollsList(controller, self.commit_pending, self)
        self.item_editor = ItemEditor(controller, documents_panel, self)
        self.poll_editor = PollEditor(controller, self)

        left = QWidget(self)
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(self.items, 3)
        left_layout.addSpacing(12)
        left_layout.addWidget(self.polls, 2)
        left.setMinimumWidth(300)

        self.editors = QStackedWidget(self)
        for editor in (self.item_editor, self.poll_editor):
            scroll = QScrollArea(self.editors)
            scroll.setWidgetResizable(True)
            scroll.setFrameShape(QFrame.Shape.NoFrame)
            scroll.setWidget(editor)
            self.editors.addWidget(scroll)

        splitter = QSplitter(Qt.Orientation.Horizontal, self)
        splitter.addWidget(left)
        splitter.addWidget(self.editors)
        splitter.setStretchFactor(0, 0)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([300, 900])
        splitter.setChildrenCollapsible(False)
        layout = QHBoxLayout(self)
        layout.addWidget(splitter)

        self.items.current_changed.connect(self._item_chosen)
        self.polls.current_changed.connect(self._poll_chosen)
        self.items.added.connect(self._item_added)
        self.item_editor.add_poll_requested.connect(self._add_poll_for_item)
        controller.loaded.connect(self._loaded)
        app = QApplication.instance()
        if isinstance(app, QApplication):
            app.focusChanged.connect(self._focus_moved)
        self._loaded()

    def _focus_moved(self, _old: QWidget | None, new: QWidget | None) -> None:
        """Insert means "add a document" in the documents panel, "add an item" everywhere else: one
        key bound twice would run neither (Qt calls it ambiguous)."""
        panel = self.item_editor.documents_panel
        inside = panel is not None and new is not None and panel.isAncestorOf(new)
        self.items.add_action.setEnabled(not inside)

    def commit_pending(self) -> None:
        """Commit what is being typed in a field (each its own undo step)."""
        if self.editors.currentIndex() == ITEM_PAGE:
            self.item_editor.flush()
        else:
            self.poll_editor.flush()

    def _item_chosen(self, index: int) -> None:
        if index < 0 and self.editors.currentIndex() == POLL_PAGE:
            return
        self.commit_pending()
        if index >= 0:
            self.polls.select(-1)
        self.item_editor.show_item(index)
        self.editors.setCurrentIndex(ITEM_PAGE)

    def _item_added(self, index: int) -> None:
        self._item_chosen(index)
        self.item_editor.title.setFocus(Qt.FocusReason.OtherFocusReason)

    def _poll_chosen(self, index: int) -> None:
        if index < 0:
            return
        self.commit_pending()
        self.items.select(-1)
        self.poll_editor.show_poll(index)
        self.editors.setCurrentIndex(POLL_PAGE)

    def _add_poll_for_item(self, index: int) -> None:
        self.polls.add(index)
        self.polls.view.setFocus()

    def _loaded(self) -> None:
        self.items.select(0 if self.controller.draft.items else -1)
        self.item_editor.show_item(0 if self.controller.draft.items else -1)
        self.editors.setCurrentIndex(ITEM_PAGE)

    def changeEvent(self, event: QEvent) -> None:
        if is_language_change(event):
            self.setWindowTitle(self.tr("Agenda"))
        super().changeEvent(event)
