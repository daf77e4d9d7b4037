"""OutlinePanel: the document's bookmarks as a tree; clicking an entry jumps to it."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QTreeWidget, QTreeWidgetItem, QWidget

from paperless.core.render import OutlineEntry

TARGET = Qt.ItemDataRole.UserRole


class OutlinePanel(QTreeWidget):
    jump = Signal(int, object)  # page, y in points (or None)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setHeaderHidden(True)
        self.setColumnCount(1)
        self.setUniformRowHeights(True)
        self.setAccessibleName(self.tr("Document outline"))
        self.setToolTip(self.tr("Contents: click an entry to go there"))
        self.itemClicked.connect(self._go)
        self.itemActivated.connect(self._go)

    def set_entries(self, entries: list[OutlineEntry]) -> None:
        self.clear()
        stack: list[tuple[int, QTreeWidgetItem]] = []
        for entry in entries:
            while stack and stack[-1][0] >= entry.level:
                stack.pop()
            item = QTreeWidgetItem([entry.title])
            if stack:
                stack[-1][1].addChild(item)
            else:
                self.addTopLevelItem(item)
            item.setData(0, TARGET, (entry.page, entry.y))
            if entry.page >= 0:
                item.setToolTip(0, self.tr("{title} — page {page}").format(title=entry.title, page=entry.page + 1))
            else:
                item.setDisabled(True)
            stack.append((entry.level, item))
        self.expandToDepth(0)

    def entry_count(self) -> int:
        count = 0
        stack = [self.topLevelItem(i) for i in range(self.topLevelItemCount())]
        while stack:
            item = stack.pop()
            if item is not None:
                count += 1
                stack.extend(item.child(i) for i in range(item.childCount()))
        return count

    def _go(self, item: QTreeWidgetItem, _column: int = 0) -> None:
        target = item.data(0, TARGET)
        if target and target[0] >= 0:
            self.jump.emit(int(target[0]), target[1])
