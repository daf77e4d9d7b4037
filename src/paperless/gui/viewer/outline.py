"""OutlinePanel: the document's bookmarks as a tree; clicking an entry jumps to it."""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt, Signal
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
        self.itemClicked.connect(self._go)
        self.itemActivated.connect(self._go)
        self.retranslate()

    def retranslate(self) -> None:
        """Set the texts again in the current language (also on QEvent.LanguageChange)."""
        self.setAccessibleName(self.tr("Document outline"))
        self.setToolTip(self.tr("Contents: click an entry to go there"))
        for item in self._items():
            self._set_tip(item)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

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
            item.setDisabled(entry.page < 0)
            self._set_tip(item)
            stack.append((entry.level, item))
        self.expandToDepth(0)

    def _set_tip(self, item: QTreeWidgetItem) -> None:
        page = item.data(0, TARGET)[0]
        if page >= 0:
            item.setToolTip(0, self.tr("{title} — page {page}").format(title=item.text(0), page=page + 1))

    def _items(self) -> list[QTreeWidgetItem]:
        """Every entry, in document order (depth first)."""
        items: list[QTreeWidgetItem] = []
        stack = [self.topLevelItem(i) for i in reversed(range(self.topLevelItemCount()))]
        while stack:
            item = stack.pop()
            if item is not None:
                items.append(item)
                stack.extend(item.child(i) for i in reversed(range(item.childCount())))
        return items

    def entry_count(self) -> int:
        return len(self._items())

    def _go(self, item: QTreeWidgetItem, _column: int = 0) -> None:
        target = item.data(0, TARGET)
        if target and target[0] >= 0:
            self.jump.emit(int(target[0]), target[1])
