"""The agenda tree: items in order (number, title, presenter), their documents, locks, read marks.

Unread documents are shown in bold, read ones with a check mark. Items restricted to other
members carry a lock and a tooltip "Restricted to: …"; their documents cannot be opened.
A classified item carries its red stamp ("MẬT", "TỐI MẬT", "TUYỆT MẬT") at the right of its title.
When the session has expired the agenda stays visible and a banner says why documents
cannot be opened.

Colours come from the palette: a soft selection (a little Highlight over Base, with the Text
colour, set again when the palette changes) and, at paint time, muted presenters and locked
documents, so the tree reads on light and dark themes alike.
"""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import QEvent, QModelIndex, QPersistentModelIndex, QPoint, QRect, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QFont, QFontMetrics, QPainter, QPalette, QResizeEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QLabel,
    QMenu,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from paperless.core.bundle import Agenda, AgendaItem
from paperless.gui.banner import Banner
from paperless.gui.classification import level_rules, paint_stamp, stamp_size
from paperless.gui.icons import Icons, blend, muted_text, set_text_colour

ENTRY_ROLE = Qt.ItemDataRole.UserRole + 1
KIND_ROLE = Qt.ItemDataRole.UserRole + 2
ITEM_ROLE = Qt.ItemDataRole.UserRole + 3  # 0-based index of the row's agenda item (the item notes' key)
STAMP_ROLE = Qt.ItemDataRole.UserRole + 4  # an item row's secrecy stamp ("TỐI MẬT"), absent when unclassified
STAMP_GAP = 6


def format_when(when: datetime) -> str:
    """A date and time as Vietnamese offices write them: "08:00, 16/01/2025"."""
    return when.strftime("%H:%M, %d/%m/%Y")


class WrappingDelegate(QStyledItemDelegate):
    """Long agenda titles wrap onto several lines instead of being cut off."""

    PADDING = 8

    def __init__(self, view: QTreeWidget) -> None:
        super().__init__(view)
        self._view = view

    def initStyleOption(self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex) -> None:
        super().initStyleOption(option, index)
        if index.data(KIND_ROLE) in ("presenter", "locked"):  # muted, from the palette of the moment
            palette = QPalette(option.palette)
            palette.setColor(QPalette.ColorRole.Text, muted_text(palette, QPalette.ColorRole.Base))
            option.palette = palette

    def sizeHint(self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex) -> QSize:
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        depth, parent = 0, index.parent()
        while parent.isValid():
            depth, parent = depth + 1, parent.parent()
        width = max(60, self._view.viewport().width() - self._view.indentation() * (depth + 1))
        opt.rect = QRect(0, 0, width - self._stamp_width(opt, index), 100_000)
        style = self._view.style()
        text = style.subElementRect(QStyle.SubElement.SE_ItemViewItemText, opt, self._view)
        bounds = QFontMetrics(opt.font).boundingRect(QRect(0, 0, max(20, text.width() - 4), 100_000),
                                                     int(Qt.TextFlag.TextWordWrap), opt.text)
        icon = opt.decorationSize.height() if not opt.icon.isNull() else 0
        stamp = index.data(STAMP_ROLE)
        high = stamp_size(opt.font, stamp).height() if isinstance(stamp, str) and stamp else 0
        return QSize(width, max(bounds.height(), icon, high) + self.PADDING)

    def _stamp_width(self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex) -> int:
        stamp = index.data(STAMP_ROLE)
        return stamp_size(option.font, stamp).width() + STAMP_GAP if isinstance(stamp, str) and stamp else 0

    def paint(self, painter: QPainter, option: QStyleOptionViewItem,
              index: QModelIndex | QPersistentModelIndex) -> None:
        """A classified item: its title wraps left of the stamp, drawn at the right of its first line."""
        stamp = index.data(STAMP_ROLE)
        if not (isinstance(stamp, str) and stamp):
            super().paint(painter, option, index)
            return
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        size = stamp_size(opt.font, stamp)
        row = QRect(option.rect)
        opt.rect = row.adjusted(0, 0, -(size.width() + STAMP_GAP), 0)
        super().paint(painter, opt, index)
        line = QFontMetrics(opt.font).height()
        top = row.top() + self.PADDING // 2 + max(0, (line - size.height()) // 2)
        paint_stamp(painter, QRect(row.right() - size.width() - 2, top, size.width(), size.height()), stamp,
                    opt.font, opt.palette)


class AgendaTree(QTreeWidget):
    """Row heights depend on the width (wrapped titles): lay the rows out again when it changes."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._width = -1
        self._relayout = QTimer(self)
        self._relayout.setSingleShot(True)
        self._relayout.setInterval(0)
        self._relayout.timeout.connect(self.doItemsLayout)

    def viewportEvent(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Resize and isinstance(event, QResizeEvent):
            if event.size().width() != self._width:
                self._width = event.size().width()
                self._relayout.start()
        return super().viewportEvent(event)


class AgendaPanel(QWidget):
    document_activated = Signal(str)  # entry
    read_toggled = Signal(str, bool)  # entry, read (from the context menu)
    item_chosen = Signal(int)  # the current agenda item changed (0-based index): the one being read or clicked
    poll_activated = Signal(str)  # a written opinion poll's id (Phiếu lấy ý kiến): open its form

    def __init__(self, icons: Icons, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("agendaPanel")
        self._icons = icons
        self._agenda: Agenda | None = None
        self._member = ""
        self._read: set[str] = set()
        self._expired_on: datetime | None = None
        self._docs: dict[str, QTreeWidgetItem] = {}
        self._current_item: int | None = None
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 8, 4, 8)
        layout.setSpacing(6)
        self._heading = QLabel(self)
        font = QFont(self._heading.font())
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * 1.1)
        self._heading.setFont(font)
        self.title = QLabel(self)
        self.title.setObjectName("sessionTitle")
        self.title.setWordWrap(True)
        title_font = QFont(self.title.font())
        title_font.setBold(True)
        self.title.setFont(title_font)
        self.facts = QLabel(self)
        self.facts.setWordWrap(True)
        self.banner = Banner(self)
        self.tree = AgendaTree(self)
        self.tree.setObjectName("agendaTree")
        self.tree.setHeaderHidden(True)
        self.tree.setWordWrap(True)
        self.tree.setUniformRowHeights(False)
        self.tree.setTextElideMode(Qt.TextElideMode.ElideNone)
        self.tree.setIndentation(16)
        self.tree.setItemDelegate(WrappingDelegate(self.tree))
        self.tree.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.tree.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.tree.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.tree.customContextMenuRequested.connect(self._context_menu)
        self.tree.itemActivated.connect(self._activated)
        self.tree.itemClicked.connect(self._activated)
        self.tree.currentItemChanged.connect(lambda row, _old: self._choose_item(row))
        for w in (self._heading, self.title, self.facts, self.banner):
            layout.addWidget(w)
        layout.addWidget(self.tree, 1)
        self._apply_palette()
        self.retranslate()

    def _apply_palette(self) -> None:
        """Muted facts; a soft selection in the tree (a little Highlight over Base, Text on it)."""
        palette = self.palette()
        set_text_colour(self.facts, muted_text(palette))
        text = palette.color(QPalette.ColorRole.Text)
        soft = blend(palette.color(QPalette.ColorRole.Highlight), palette.color(QPalette.ColorRole.Base), 0.3)
        tree = self.tree.palette()
        for group in (QPalette.ColorGroup.Active, QPalette.ColorGroup.Inactive):
            tree.setColor(group, QPalette.ColorRole.Highlight, soft)
            tree.setColor(group, QPalette.ColorRole.HighlightedText, text)
        if tree != self.tree.palette():
            self.tree.setPalette(tree)

    # -- content ----------------------------------------------------------------------------

    def set_session(self, agenda: Agenda, member: str, read: set[str], expired_on: datetime | None) -> None:
        self._agenda, self._member, self._read = agenda, member, set(read)
        self._expired_on = expired_on
        self._rebuild()

    def clear(self) -> None:
        self._agenda = None
        self._current_item = None
        self._docs.clear()
        self.tree.clear()
        self.banner.clear()
        self.retranslate()

    def _rebuild(self) -> None:
        self._current_item = None
        self.tree.clear()
        self._docs.clear()
        if self._agenda is None:
            return
        for index, item in enumerate(self._agenda.items):
            self._add_item(item, index)
        for poll in self._agenda.polls:  # under its item, or after the items when about the session
            if poll.item is not None and not self._agenda.items[poll.item - 1].readable_by(self._member):
                continue
            parent = self.item_row(poll.item) if poll.item is not None else None
            row = QTreeWidgetItem(parent) if parent is not None else QTreeWidgetItem(self.tree)
            row.setData(0, KIND_ROLE, "poll")
            row.setData(0, ENTRY_ROLE, poll.poll_id)
            if poll.item is not None:
                row.setData(0, ITEM_ROLE, poll.item - 1)
            row.setIcon(0, self._icons.get("item"))
            row.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable)
        self.tree.expandAll()
        self.retranslate()

    def _add_item(self, item: AgendaItem, index: int) -> None:
        allowed = item.readable_by(self._member)
        top = QTreeWidgetItem(self.tree)
        top.setData(0, ITEM_ROLE, index)
        top.setData(0, KIND_ROLE, "item")
        top.setData(0, ENTRY_ROLE, item.number)
        top.setText(0, f"{item.number}. {item.title}")
        if item.level is not None:
            top.setData(0, STAMP_ROLE, item.level.vi)
        top.setIcon(0, self._icons.get("item" if allowed else "lock"))
        top.setFlags(Qt.ItemFlag.ItemIsEnabled)
        bold = QFont(top.font(0))
        bold.setBold(True)
        top.setFont(0, bold)
        presenter = QTreeWidgetItem(top)
        presenter.setData(0, KIND_ROLE, "presenter")
        presenter.setData(0, ITEM_ROLE, index)
        presenter.setText(0, item.presenter)
        presenter.setFlags(Qt.ItemFlag.ItemIsEnabled)
        italic = QFont(presenter.font(0))
        italic.setItalic(True)
        presenter.setFont(0, italic)  # muted by the delegate
        for doc in item.documents:
            child = QTreeWidgetItem(top)
            child.setData(0, KIND_ROLE, "document" if allowed else "locked")
            child.setData(0, ENTRY_ROLE, doc.entry)
            child.setData(0, ITEM_ROLE, index)
            child.setText(0, doc.title)
            self._docs[doc.entry] = child
            if allowed:
                child.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable)
            else:
                child.setFlags(Qt.ItemFlag.ItemIsEnabled)
                child.setIcon(0, self._icons.get("document-locked"))  # muted by the delegate
            self._style_document(doc.entry)

    def _style_document(self, entry: str) -> None:
        child = self._docs.get(entry)
        if child is None or child.data(0, KIND_ROLE) != "document":
            return
        read = entry in self._read
        font = QFont(child.font(0))
        font.setBold(not read)
        child.setFont(0, font)
        child.setIcon(0, self._icons.get("document-read" if read else "document"))

    def set_read(self, entry: str, read: bool = True) -> None:
        if read:
            self._read.add(entry)
        else:
            self._read.discard(entry)
        self._style_document(entry)
        self.retranslate()

    def is_bold(self, entry: str) -> bool:
        child = self._docs.get(entry)
        return child is not None and child.font(0).bold()

    def set_current(self, entry: str | None) -> None:
        """The highlight on ``entry``'s row (a restricted one too: the meeting presents it), none for None."""
        child = self._docs.get(entry) if entry else None
        self.tree.setCurrentItem(child) if child is not None else self.tree.clearSelection()
        if child is not None:
            self._choose_item(child)

    @property
    def current_item(self) -> int | None:
        """The agenda item being worked on: the last one clicked, or the current document's."""
        return self._current_item

    def item_heading(self, index: int) -> str:
        """"3. Title" for the item at ``index`` (0-based), as the tree shows it."""
        if self._agenda is None or not 0 <= index < len(self._agenda.items):
            return ""
        item = self._agenda.items[index]
        return f"{item.number}. {item.title}"

    def _choose_item(self, row: QTreeWidgetItem | None) -> None:
        index = row.data(0, ITEM_ROLE) if row is not None else None
        if isinstance(index, int) and index != self._current_item:
            self._current_item = index
            self.item_chosen.emit(index)

    def document_item(self, entry: str) -> QTreeWidgetItem | None:
        return self._docs.get(entry)

    def item_row(self, number: int) -> QTreeWidgetItem | None:
        for i in range(self.tree.topLevelItemCount()):
            top = self.tree.topLevelItem(i)
            if top is not None and top.data(0, ENTRY_ROLE) == number:
                return top
        return None

    def poll_row(self, poll_id: str) -> QTreeWidgetItem | None:
        stack = [self.tree.topLevelItem(i) for i in range(self.tree.topLevelItemCount())]
        while stack:
            row = stack.pop()
            if row is None:
                continue
            if row.data(0, KIND_ROLE) == "poll" and row.data(0, ENTRY_ROLE) == poll_id:
                return row
            stack.extend(row.child(i) for i in range(row.childCount()))
        return None

    def _activated(self, item: QTreeWidgetItem, _column: int = 0) -> None:
        self._choose_item(item)
        kind = item.data(0, KIND_ROLE)
        if kind in ("document", "locked"):
            self.document_activated.emit(str(item.data(0, ENTRY_ROLE)))
        elif kind == "poll":
            self.poll_activated.emit(str(item.data(0, ENTRY_ROLE)))

    def _context_menu(self, pos: QPoint) -> None:
        item = self.tree.itemAt(pos)
        if item is None or item.data(0, KIND_ROLE) != "document":
            return
        entry = str(item.data(0, ENTRY_ROLE))
        read = entry in self._read
        menu = QMenu(self)
        action = menu.addAction(self.tr("Mark as unread") if read else self.tr("Mark as read"))
        action.triggered.connect(lambda: self.read_toggled.emit(entry, not read))
        menu.popup(self.tree.viewport().mapToGlobal(pos))

    # -- texts ------------------------------------------------------------------------------

    def retranslate(self) -> None:
        self._heading.setText(self.tr("Agenda"))
        self.tree.setAccessibleName(self.tr("Agenda"))
        self.tree.setAccessibleDescription(self.tr("Items and their documents. Press Enter to open a document."))
        agenda = self._agenda
        if agenda is None:
            self.title.setText(self.tr("No session is open."))
            self.facts.setText("")
            return
        self.title.setText(agenda.title)
        unread = sum(1 for e, c in self._docs.items() if c.data(0, KIND_ROLE) == "document" and e not in self._read)
        facts = [agenda.body, format_when(agenda.starts_at), agenda.location]
        if unread:
            facts.append(self.tr("%1 unread documents").replace("%1", str(unread)))
        self.facts.setText("\n".join(f for f in facts if f))
        if self._expired_on is not None:
            self.banner.show_message(
                self.tr("This session expired on %1; documents can no longer be opened.")
                .replace("%1", format_when(self._expired_on)), "warning", self._icons.get("warning"))
        else:
            self.banner.clear()
        for poll in agenda.polls:
            row = self.poll_row(poll.poll_id)
            if row is not None:
                # "Phiếu lấy ý kiến về …" says what it is already; other titles get the word in front
                named = poll.title.casefold().startswith("phiếu")
                row.setText(0, poll.title if named else self.tr("Written opinion poll: %1").replace("%1", poll.title))
                row.setToolTip(0, self.tr("Open the poll to answer it (by %1)").replace("%1", format_when(poll.due)))
        for item in agenda.items:
            top = self.item_row(item.number)
            if top is None:
                continue
            rules = level_rules(item.level) if item.level is not None else ""
            top.setData(0, Qt.ItemDataRole.AccessibleDescriptionRole, rules)
            if item.readable_by(self._member):
                tip = self.tr("Presented by %1").replace("%1", item.presenter)
                top.setToolTip(0, f"{tip}\n{rules}" if rules else tip)
            else:
                names = ", ".join(item.restricted_to or ())
                tip = self.tr("Restricted to: %1").replace("%1", names)
                top.setToolTip(0, tip)
                for i in range(top.childCount()):
                    child = top.child(i)
                    if child is not None and child.data(0, KIND_ROLE) == "locked":
                        child.setToolTip(0, tip)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        elif event.type() == QEvent.Type.PaletteChange:
            self._apply_palette()
        super().changeEvent(event)
