"""The agenda's items as members will see them, numbered 1, 2, 3 …: add, remove, reorder by drag
and drop or by keyboard (Alt+Up / Alt+Down, also Ctrl+Up / Ctrl+Down). Each change is one undo
step through the :class:`~paperless.gui.clerk.controller.WorkspaceController`; moves go through
:func:`paperless.core.clerk.agenda.move_item`, so polls stay with their items."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtCore import (
    QAbstractListModel,
    QByteArray,
    QEvent,
    QMimeData,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QAction, QBrush, QColor, QFont, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QLabel,
    QListView,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from paperless.core.classification import parse_level
from paperless.core.clerk.agenda import insert_item, move_item, remove_item
from paperless.core.clerk.draft import ItemDraft, SessionDraft
from paperless.core.errors import T
from paperless.gui.clerk.controller import WorkspaceController
from paperless.gui.clerk.fields import PROBLEM_COLOUR, is_language_change, say, ui_language

ITEM_MIME = "application/x-paperless-agenda-item"
Index = QModelIndex | QPersistentModelIndex


class ItemsModel(QAbstractListModel):
    """The draft's items, one row each ("3. Công tác cán bộ"). A drop of one of its own rows asks
    for a move (``move_requested(src, dst)``, ``dst`` the index the item ends at); the model never
    inserts or removes rows itself: it follows the draft."""

    move_requested = Signal(int, int)

    def __init__(self, controller: WorkspaceController, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._controller = controller
        self._count = len(controller.draft.items)
        controller.edited.connect(self.refresh)
        controller.loaded.connect(self.refresh)
        controller.saved.connect(self.refresh)

    def refresh(self, *_: object) -> None:
        count = len(self._controller.draft.items)
        if count != self._count:
            self.beginResetModel()
            self._count = count
            self.endResetModel()
        elif count:
            self.dataChanged.emit(self.index(0), self.index(count - 1))

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else self._count

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        items = self._controller.draft.items
        if not index.isValid() or not 0 <= index.row() < len(items):
            return None
        row = index.row()
        item = items[row]
        if role == Qt.ItemDataRole.DisplayRole:
            title = " ".join(item.title.split()) or self.tr("(no title yet)")
            marks = []
            try:
                level = parse_level(item.level or None)
            except ValueError:
                level = None
            if level is not None:
                marks.append(level.vi if _vietnamese() else level.en)
            if item.restricted_to is not None:
                marks.append(self.tr("restricted"))
            warn = "  ⚠" if self._controller.workspace.problems_at(("items", row)) else ""
            return f"{row + 1}. {title}" + (f"   [{', '.join(marks)}]" if marks else "") + warn
        if role == Qt.ItemDataRole.ToolTipRole:
            problems = self._controller.workspace.problems_at(("items", row))
            return "\n".join(say(p.message) for p in problems) or None
        if role == Qt.ItemDataRole.ForegroundRole:
            return QBrush(QColor(PROBLEM_COLOUR)) if self._controller.workspace.problems_at(("items", row)) else None
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return self.data(index, Qt.ItemDataRole.DisplayRole)
        return None

    # -- drag and drop: the model's own rows only, always a move ------------------------------------

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.ItemIsDropEnabled  # between rows, never onto one
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemIsDragEnabled

    def supportedDropActions(self) -> Qt.DropAction:
        return Qt.DropAction.MoveAction

    def supportedDragActions(self) -> Qt.DropAction:
        return Qt.DropAction.MoveAction

    def mimeTypes(self) -> list[str]:
        return [ITEM_MIME]

    def mimeData(self, indexes: Sequence[QModelIndex]) -> QMimeData:
        data = QMimeData()
        rows = sorted({i.row() for i in indexes if i.isValid()})
        data.setData(ITEM_MIME, QByteArray(",".join(map(str, rows[:1])).encode()))
        return data

    def _source_row(self, data: QMimeData) -> int | None:
        if not data.hasFormat(ITEM_MIME):
            return None
        try:
            row = int(bytes(data.data(ITEM_MIME).data()).decode())
        except ValueError:
            return None
        return row if 0 <= row < self._count else None

    def canDropMimeData(self, data: QMimeData, action: Qt.DropAction, row: int, column: int,
                        parent: Index) -> bool:
        return action == Qt.DropAction.MoveAction and self._source_row(data) is not None

    def dropMimeData(self, data: QMimeData, action: Qt.DropAction, row: int, column: int,
                     parent: Index) -> bool:
        src = self._source_row(data)
        if src is None or action != Qt.DropAction.MoveAction:
            return False
        if row < 0:  # onto a row (or the empty space below the last): before it, or at the end
            row = parent.row() if parent.isValid() else self._count
        dst = row if row <= src else row - 1
        dst = max(0, min(dst, self._count - 1))
        if dst == src:
            return False
        self.move_requested.emit(src, dst)
        return True


def _vietnamese() -> bool:
    return ui_language() == "vi"


class ItemsList(QWidget):
    """The numbered list with Thêm / Xoá / Lên / Xuống. ``current_changed(index)`` (-1: none);
    ``before_change`` is called before each of its edits (the page commits a field being typed)."""

    current_changed = Signal(int)
    added = Signal(int)  # a new item, chosen: the page puts the cursor in its title

    def __init__(self, controller: WorkspaceController, before_change: Callable[[], None] | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("agendaItems")
        self._controller = controller
        self._before = before_change or (lambda: None)
        self.heading = QLabel(self)
        bold = QFont(self.heading.font())
        bold.setBold(True)
        bold.setPointSizeF(bold.pointSizeF() * 1.15)
        self.heading.setFont(bold)
        self.model = ItemsModel(controller, self)
        self.view = QListView(self)
        self.view.setObjectName("agendaItemsView")
        self.view.setModel(self.model)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setDragEnabled(True)
        self.view.setAcceptDrops(True)
        self.view.setDropIndicatorShown(True)
        self.view.setDragDropMode(QAbstractItemView.DragDropMode.DragDrop)
        self.view.setDefaultDropAction(Qt.DropAction.MoveAction)
        self.view.setDragDropOverwriteMode(False)
        self.view.setSpacing(2)
        self.view.setWordWrap(True)
        self.heading.setBuddy(self.view)
        self.hint = QLabel(self)
        self.hint.setWordWrap(True)
        self.add_button = QPushButton(self)
        self.add_button.setObjectName("addItem")
        self.remove_button = QPushButton(self)
        self.remove_button.setObjectName("removeItem")
        self.up_button = QPushButton(self)
        self.up_button.setObjectName("itemUp")
        self.down_button = QPushButton(self)
        self.down_button.setObjectName("itemDown")
        self.add_button.clicked.connect(self.add)
        self.remove_button.clicked.connect(self.remove_current)
        self.up_button.clicked.connect(lambda: self.move_current(-1))
        self.down_button.clicked.connect(lambda: self.move_current(+1))
        self.removed_note = QLabel(self)
        self.removed_note.setObjectName("removedNote")
        self.removed_note.setWordWrap(True)
        self.undo_button = QPushButton(self)
        self.undo_button.setObjectName("undoRemove")
        self.undo_button.clicked.connect(self._undo_remove)
        self.removed_note.hide()
        self.undo_button.hide()

        # keyboard: the add action works anywhere on the page; moving and removing in the list
        self.add_action = QAction(self)
        self.add_action.setShortcuts([QKeySequence(Qt.Key.Key_Insert),
                                      QKeySequence(Qt.Modifier.CTRL | Qt.Modifier.SHIFT | Qt.Key.Key_N)])
        self.add_action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        self.add_action.triggered.connect(self.add)
        self.up_action = QAction(self.view)
        self.up_action.setShortcuts([QKeySequence(Qt.Modifier.ALT | Qt.Key.Key_Up),
                                     QKeySequence(Qt.Modifier.CTRL | Qt.Key.Key_Up)])
        self.up_action.triggered.connect(lambda: self.move_current(-1))
        self.down_action = QAction(self.view)
        self.down_action.setShortcuts([QKeySequence(Qt.Modifier.ALT | Qt.Key.Key_Down),
                                       QKeySequence(Qt.Modifier.CTRL | Qt.Key.Key_Down)])
        self.down_action.triggered.connect(lambda: self.move_current(+1))
        self.remove_action = QAction(self.view)
        self.remove_action.setShortcut(QKeySequence(QKeySequence.StandardKey.Delete))
        self.remove_action.triggered.connect(self.remove_current)
        for action in (self.up_action, self.down_action, self.remove_action):
            action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
            self.view.addAction(action)
        self.addAction(self.add_action)

        buttons = QHBoxLayout()
        buttons.addWidget(self.add_button)
        buttons.addWidget(self.remove_button)
        moves = QHBoxLayout()
        moves.addWidget(self.up_button)
        moves.addWidget(self.down_button)
        undo_row = QHBoxLayout()
        undo_row.addWidget(self.removed_note, 1)
        undo_row.addWidget(self.undo_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.heading)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.hint)
        layout.addLayout(buttons)
        layout.addLayout(moves)
        layout.addLayout(undo_row)

        self.model.move_requested.connect(self.move_row)
        self.view.selectionModel().currentChanged.connect(self._current_changed)
        self.model.modelReset.connect(self._update_buttons)
        controller.edited.connect(lambda _w: self._update_buttons())
        controller.edited.connect(self._forget_removed)
        self.retranslate()
        self._update_buttons()

    # -- reading -------------------------------------------------------------------------------------

    def current(self) -> int:
        index = self.view.currentIndex()
        return index.row() if index.isValid() and self.view.selectionModel().isSelected(index) else -1

    def select(self, row: int) -> None:
        if 0 <= row < self.model.rowCount():
            index = self.model.index(row)
            self.view.setCurrentIndex(index)
            self.view.scrollTo(index)
        else:
            self.view.clearSelection()
            self.view.setCurrentIndex(QModelIndex())
            self.current_changed.emit(-1)

    # -- changing ------------------------------------------------------------------------------------

    def add(self) -> None:
        self._before()
        draft = self._controller.draft
        number = len(draft.items) + 1

        def change(d: SessionDraft) -> None:
            insert_item(d, len(d.items), ItemDraft())

        self._controller.edit(T(f"Add item {number}", f"Thêm mục {number}"), change, ("items", number - 1))
        self.select(number - 1)
        self.added.emit(number - 1)

    def remove_current(self) -> None:
        row = self.current()
        if row < 0:
            return
        self._before()
        title = " ".join(self._controller.draft.items[row].title.split())
        self._controller.edit(T(f"Remove item {row + 1}", f"Xoá mục {row + 1}"),
                              lambda d: remove_item(d, row), ("items",))
        self._removed = self._controller.workspace.undo_label()
        name = f"{row + 1}. {title}" if title else str(row + 1)
        self.removed_note.setText(self.tr("Item %1 removed.").replace("%1", name))
        self.removed_note.show()
        self.undo_button.show()
        self.select(min(row, self.model.rowCount() - 1))

    def move_current(self, step: int) -> None:
        row = self.current()
        if row < 0:
            return
        self.move_row(row, row + step)

    def move_row(self, src: int, dst: int) -> None:
        count = len(self._controller.draft.items)
        if not (0 <= src < count and 0 <= dst < count) or src == dst:
            return
        self._before()
        n = src + 1
        if dst == src - 1:
            label = T(f"Move item {n} up", f"Chuyển mục {n} lên")
        elif dst == src + 1:
            label = T(f"Move item {n} down", f"Chuyển mục {n} xuống")
        else:
            label = T(f"Move item {n} to place {dst + 1}", f"Chuyển mục {n} đến vị trí {dst + 1}")
        self._controller.edit(label, lambda d: move_item(d, src, dst), ("items",))
        self.select(dst)

    _removed: T | None = None

    def _undo_remove(self) -> None:
        if self._removed is not None and self._controller.workspace.undo_label() == self._removed:
            self._controller.workspace.undo()
        self._forget_removed(None)

    def _forget_removed(self, _where: object) -> None:
        if self._removed is not None and self._controller.workspace.undo_label() != self._removed:
            self._removed = None
            self.removed_note.hide()
            self.undo_button.hide()

    # -- showing -------------------------------------------------------------------------------------

    def _current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        self._update_buttons()
        self.current_changed.emit(current.row() if current.isValid() else -1)

    def _update_buttons(self) -> None:
        row = self.current()
        count = self.model.rowCount()
        self.remove_button.setEnabled(row >= 0)
        self.up_button.setEnabled(row > 0)
        self.down_button.setEnabled(0 <= row < count - 1)

    def retranslate(self) -> None:
        self.heading.setText(self.tr("&Agenda items"))
        self.hint.setText(self.tr("Drag an item to reorder, or Alt+Up / Alt+Down."))
        self.add_button.setText(self.tr("Add item (Insert)"))
        self.remove_button.setText(self.tr("Remove (Delete)"))
        self.up_button.setText(self.tr("Move up"))
        self.down_button.setText(self.tr("Move down"))
        self.undo_button.setText(self.tr("Undo"))
        self.up_button.setToolTip("Alt+↑")
        self.down_button.setToolTip("Alt+↓")
        self.view.setAccessibleName(self.tr("Agenda items"))

    def changeEvent(self, event: QEvent) -> None:
        if is_language_change(event):
            self.retranslate()
            self.model.refresh()
        super().changeEvent(event)
