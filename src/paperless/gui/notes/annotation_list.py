"""My annotations in this session: every highlight, underline, strike-out, drawing, sticky
note and text box, grouped by document in agenda order and, within one, top to bottom.

Each row shows the kind (a swatch in its colour), the page and what was marked (the quoted
text) or written (a note's text). Filters narrow the list by document, kind and colour; a
click (or Enter) opens the document at the annotation. The list follows every change live
(``AnnotationController.changed``), coalesced so that a burst repaints once.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QPoint, Qt, QTimer, Signal
from PySide6.QtGui import QColor, QFont, QKeyEvent, QPalette, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QGridLayout,
    QLabel,
    QMenu,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from paperless.core.export import payload as pl
from paperless.core.notes import Annotation, AnnotationKind
from paperless.gui.agenda import KIND_ROLE, AgendaTree, WrappingDelegate
from paperless.gui.annotations.controller import AnnotationController
from paperless.gui.icons import muted_text, set_text_colour
from paperless.gui.notes.context import NotesContext
from paperless.gui.notes.kinds import colour_key, colour_name, colour_of, kind_name, swatch

UUID_ROLE = Qt.ItemDataRole.UserRole + 10
MAX_CHARS = 180  # of a quote or note in the list (the tooltip has more)
REFRESH_MS = 30


def _short(text: str, limit: int = MAX_CHARS) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[: limit - 1].rstrip() + "\u2026"


class AnnotationsTab(QWidget):
    annotation_activated = Signal(object)  # Annotation: open its document there
    place_requested = Signal(object)  # a "not placed" Annotation: place it in the document on screen
    drop_requested = Signal(object)  # a "not placed" Annotation: delete it (undoable)

    def __init__(self, controller: AnnotationController, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("annotationsTab")
        self._c = controller
        self._context: NotesContext | None = None
        self._shown: list[Annotation] = []
        self._stale = False
        self.doc_filter = QComboBox(self)
        self.doc_filter.setObjectName("annotationDocumentFilter")
        self.kind_filter = QComboBox(self)
        self.kind_filter.setObjectName("annotationKindFilter")
        self.colour_filter = QComboBox(self)
        self.colour_filter.setObjectName("annotationColourFilter")
        for combo in (self.doc_filter, self.kind_filter, self.colour_filter):
            combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
            combo.setMinimumContentsLength(6)
            combo.currentIndexChanged.connect(lambda _i: self.refresh())
        self.tree = AgendaTree(self)
        self.tree.setObjectName("annotationList")
        self.tree.setHeaderHidden(True)
        self.tree.setWordWrap(True)
        self.tree.setUniformRowHeights(False)
        self.tree.setTextElideMode(Qt.TextElideMode.ElideNone)
        self.tree.setIndentation(10)
        self.tree.setItemDelegate(WrappingDelegate(self.tree))
        self.tree.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.tree.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.tree.itemClicked.connect(lambda row, _c: self._activate(row))
        self.tree.itemActivated.connect(lambda row, _c: self._activate(row, place=True))
        self.tree.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.tree.customContextMenuRequested.connect(self._menu)
        self.tree.installEventFilter(self)
        self.empty = QLabel(self)
        self.empty.setWordWrap(True)
        self.empty.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        filters = QGridLayout()
        filters.setContentsMargins(0, 0, 0, 0)
        filters.addWidget(self.doc_filter, 0, 0, 1, 2)
        filters.addWidget(self.kind_filter, 1, 0)
        filters.addWidget(self.colour_filter, 1, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 8, 8, 8)
        layout.setSpacing(6)
        layout.addLayout(filters)
        layout.addWidget(self.tree, 1)
        layout.addWidget(self.empty, 1)
        self._timer = QTimer(self, singleShot=True, interval=REFRESH_MS)
        self._timer.timeout.connect(self.refresh)
        controller.changed.connect(lambda _doc: self._timer.start())
        controller.ready.connect(self._timer.start)
        self._apply_palette()
        self.retranslate()

    # -- content ---------------------------------------------------------------------------------

    def set_context(self, context: NotesContext | None) -> None:
        self._context = context
        self._fill_documents()
        self.refresh()

    def shown(self) -> list[Annotation]:
        """The annotations listed now, in order (after the filters)."""
        return list(self._shown)

    def annotations(self) -> list[Annotation]:
        """All my annotations of the session, in agenda order, then top to bottom."""
        context = self._context
        if context is None:
            return []
        order = {d.doc_hash: d.order for d in reversed(context.documents)}
        found = [a for a in self._c.all_loaded() if not a.deleted and not context.restricted(a.doc_hash)]
        return sorted(found, key=lambda a: (order.get(a.doc_hash, len(order)), a.doc_hash, pl.position_of(a),
                                            a.created, a.uuid))

    def refresh(self) -> None:
        self._timer.stop()
        if not self.isVisible():
            self._stale = True  # done when the tab is shown: no work while the member draws elsewhere
            return
        self._stale = False
        every = self.annotations()
        self._fill_colours(every)
        doc, kind, colour = (c.currentData() or "" for c in (self.doc_filter, self.kind_filter, self.colour_filter))
        shown = [a for a in every if (not doc or a.doc_hash == doc) and (not kind or a.kind == kind)
                 and (not colour or colour_key(a) == colour)]
        self._shown = shown
        current = self.tree.currentItem()
        selected = current.data(0, UUID_ROLE) if current is not None else None
        self.tree.clear()
        groups: dict[str, QTreeWidgetItem] = {}
        mark = self.palette().color(QPalette.ColorRole.Text)
        for a in shown:
            group = groups.get(a.doc_hash)
            if group is None:
                group = groups[a.doc_hash] = self._group(a.doc_hash)
            row = QTreeWidgetItem(group)
            row.setData(0, UUID_ROLE, a.uuid)
            row.setData(0, KIND_ROLE, "annotation")
            row.setIcon(0, swatch(a.kind, colour_of(a), mark))
            row.setText(0, self._row_text(a))
            row.setToolTip(0, self._tooltip(a))
            row.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable)
            if a.uuid == selected:
                self.tree.setCurrentItem(row)
        for doc_hash, group in groups.items():
            group.setText(0, f"{self._doc_title(doc_hash)} ({group.childCount()})")
        self.tree.expandAll()
        self.tree.setVisible(bool(shown))
        self.empty.setVisible(not shown)
        self._say_empty(bool(every))

    # -- rows ------------------------------------------------------------------------------------

    def _group(self, doc_hash: str) -> QTreeWidgetItem:
        group = QTreeWidgetItem(self.tree)
        group.setData(0, KIND_ROLE, "group")
        group.setFlags(Qt.ItemFlag.ItemIsEnabled)
        font = QFont(group.font(0))
        font.setBold(True)
        group.setFont(0, font)
        return group

    def _doc_title(self, doc_hash: str) -> str:
        doc = self._context.document(doc_hash) if self._context else None
        return doc.title if doc is not None else self.tr("Not placed: their text changed in this version")

    def _page_text(self, a: Annotation) -> str:
        pages = pl.pages_of(a) or [a.page]
        first, last = min(pages) + 1, max(pages) + 1
        if first == last:
            return self.tr("Page %1").replace("%1", str(first))
        return self.tr("Pages %1\u2013%2").replace("%1", str(first)).replace("%2", str(last))

    def _said(self, a: Annotation) -> tuple[str, str]:
        """(quoted text, written text) of an annotation."""
        quote = pl.quote_of(a) if a.kind in pl.TEXT_MARKUPS else ""
        return quote, pl.note_text_of(a)

    def _row_text(self, a: Annotation) -> str:
        quote, written = self._said(a)
        head = f"{kind_name(a.kind)} \u00b7 {self._page_text(a)}"
        if a.conflict_of:  # kept beside the version changed at the same time on another device
            head += f" \u00b7 {self._copy_mark()}"
        lines = [head]
        if quote.strip():
            lines.append(f"\u201c{_short(quote)}\u201d")
        if written.strip():
            lines.append(_short(written))
        return "\n".join(lines)

    def _copy_mark(self) -> str:
        return self.tr("version from another device")

    def _tooltip(self, a: Annotation) -> str:
        quote, written = self._said(a)
        parts = [f"{kind_name(a.kind)} \u00b7 {self._page_text(a)} \u00b7 {colour_name(colour_key(a))}"]
        if a.conflict_of:
            parts.append(self.tr("Changed on another of your devices at the same time as this one's version; "
                                 "both are kept. Delete the one you do not want."))
        if quote.strip():
            parts.append(f"\u201c{_short(quote, 1000)}\u201d")
        if written.strip():
            parts.append(_short(written, 1000))
        return "\n".join(parts)

    def _row_annotation(self, row: QTreeWidgetItem | None) -> tuple[Annotation | None, bool]:
        """(the row's annotation, whether it is placed in a document of this version)."""
        uuid = row.data(0, UUID_ROLE) if row is not None else None
        found = self._c.find(uuid) if isinstance(uuid, str) else None
        placed = found is not None and self._context is not None and self._context.document(found.doc_hash) is not None
        return found, placed

    def _activate(self, row: QTreeWidgetItem, place: bool = False) -> None:
        found, placed = self._row_annotation(row)
        if found is not None and placed:
            self.annotation_activated.emit(found)
        elif found is not None and place:  # Enter or a double click on a "not placed" one
            self.place_requested.emit(found)

    def _menu(self, pos: QPoint) -> None:
        found, placed = self._row_annotation(self.tree.itemAt(pos))
        if found is None or placed:
            return
        menu = QMenu(self)
        menu.addAction(self.tr("Place it in the document on screen"), lambda: self.place_requested.emit(found))
        menu.addAction(self.tr("Drop it"), lambda: self.drop_requested.emit(found))
        menu.popup(self.tree.viewport().mapToGlobal(pos))

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.tree and event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent) \
                and event.key() in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace):
            found, placed = self._row_annotation(self.tree.currentItem())
            if found is not None and not placed:
                self.drop_requested.emit(found)
                return True
        return super().eventFilter(watched, event)

    # -- filters ---------------------------------------------------------------------------------

    def _fill_documents(self) -> None:
        current = self.doc_filter.currentData()
        self.doc_filter.blockSignals(True)
        self.doc_filter.clear()
        self.doc_filter.addItem(self.tr("All documents"), "")
        seen: set[str] = set()
        for doc in self._context.documents if self._context else ():
            if doc.doc_hash not in seen:
                seen.add(doc.doc_hash)
                self.doc_filter.addItem(doc.title, doc.doc_hash)
                self.doc_filter.setItemData(self.doc_filter.count() - 1, doc.title, Qt.ItemDataRole.ToolTipRole)
        self.doc_filter.setCurrentIndex(max(0, self.doc_filter.findData(current)))
        self.doc_filter.blockSignals(False)

    def _fill_kinds(self) -> None:
        current = self.kind_filter.currentData()
        self.kind_filter.blockSignals(True)
        self.kind_filter.clear()
        self.kind_filter.addItem(self.tr("All kinds"), "")
        mark = self.palette().color(QPalette.ColorRole.Text)
        grey = muted_text(self.palette(), QPalette.ColorRole.Base)
        for kind in AnnotationKind:
            self.kind_filter.addItem(swatch(kind, grey, mark), kind_name(kind), kind.value)
        self.kind_filter.setCurrentIndex(max(0, self.kind_filter.findData(current)))
        self.kind_filter.blockSignals(False)

    def _fill_colours(self, every: list[Annotation]) -> None:
        keys = sorted({colour_key(a) for a in every})
        have = [self.colour_filter.itemData(i) for i in range(1, self.colour_filter.count())]
        if have == keys and self.colour_filter.count():
            return
        current = self.colour_filter.currentData()
        self.colour_filter.blockSignals(True)
        self.colour_filter.clear()
        self.colour_filter.addItem(self.tr("All colours"), "")
        mark = self.palette().color(QPalette.ColorRole.Text)
        for key in keys:
            self.colour_filter.addItem(swatch(None, QColor(key), mark), colour_name(key), key)
        index = self.colour_filter.findData(current)
        self.colour_filter.setCurrentIndex(max(0, index))
        self.colour_filter.blockSignals(False)
        if current and index < 0:
            QTimer.singleShot(0, self, self.refresh)  # the chosen colour is gone: show all

    def _say_empty(self, any_at_all: bool) -> None:
        if self._context is None:
            self.empty.setText(self.tr("No session is open."))
        elif not self._c.active:
            self.empty.setText(self.tr("Opening your notes\u2026"))
        elif any_at_all:
            self.empty.setText(self.tr("Nothing matches these filters."))
        else:
            self.empty.setText(self.tr("You have not marked anything in this session yet. Select text on a page "
                                       "to highlight it, or use the drawing and note tools."))

    # -- texts -----------------------------------------------------------------------------------

    def retranslate(self) -> None:
        self.doc_filter.setAccessibleName(self.tr("Show the annotations of"))
        self.kind_filter.setAccessibleName(self.tr("Show annotations of the kind"))
        self.colour_filter.setAccessibleName(self.tr("Show annotations of the colour"))
        self.tree.setAccessibleName(self.tr("My annotations in this session"))
        self.tree.setAccessibleDescription(self.tr(
            "Press Enter to go to the annotation. One that could not be placed: Enter places it in the "
            "document on screen, Delete drops it."))
        self._fill_documents()
        self._fill_kinds()
        self.doc_filter.setItemText(0, self.tr("All documents"))
        self.colour_filter.clear()  # names and "All colours" again
        self.refresh()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._stale:
            self.refresh()

    def _apply_palette(self) -> None:
        set_text_colour(self.empty, muted_text(self.palette()))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        elif event.type() == QEvent.Type.PaletteChange:
            self._apply_palette()
            self._fill_kinds()
            self.colour_filter.clear()
            self.refresh()
        super().changeEvent(event)
