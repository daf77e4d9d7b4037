"""Paints a search result: the document title and page on one line, then the snippet with
the match in bold, wrapped to the list's width.

The item's display text stays plain (what screen readers read and tests check); the rich
text comes from :data:`HTML_ROLE`.
"""

from __future__ import annotations

import html

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QSize, Qt
from PySide6.QtGui import QAbstractTextDocumentLayout, QPainter, QPalette, QTextDocument
from PySide6.QtWidgets import QListView, QStyle, QStyledItemDelegate, QStyleOptionViewItem

from paperless.core.search import Hit

HTML_ROLE = Qt.ItemDataRole.UserRole + 1
HIT_ROLE = Qt.ItemDataRole.UserRole + 2
MARGIN = 6

Index = QModelIndex | QPersistentModelIndex


def hit_html(hit: Hit, heading: str) -> str:
    """``heading`` (title and page) above the snippet, the match in bold; all escaped."""
    s = hit.snippet
    before, match, after = s[: hit.match_start], s[hit.match_start : hit.match_end], s[hit.match_end :]
    return (
        f'<div style="font-size:small">{html.escape(heading)}</div>'
        f"<div>{html.escape(before)}<b>{html.escape(match)}</b>{html.escape(after)}</div>"
    )


class HitDelegate(QStyledItemDelegate):
    def __init__(self, view: QListView) -> None:
        super().__init__(view)
        self._view = view
        self._heights: dict[tuple[str, int], int] = {}

    def _document(self, option: QStyleOptionViewItem, text: str, width: int) -> QTextDocument:
        doc = QTextDocument()
        doc.setDocumentMargin(0)
        doc.setDefaultFont(option.font)
        doc.setHtml(text)
        doc.setTextWidth(max(width, 40))
        return doc

    def _width(self) -> int:
        return max(self._view.viewport().width() - 2 * MARGIN, 40)

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: Index) -> None:
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        widget = self._view
        opt.text = ""
        widget.style().drawControl(QStyle.ControlElement.CE_ItemViewItem, opt, painter, widget)
        rect = opt.rect
        doc = self._document(opt, str(index.data(HTML_ROLE) or ""), rect.width() - 2 * MARGIN)
        context = QAbstractTextDocumentLayout.PaintContext()
        selected = bool(opt.state & QStyle.StateFlag.State_Selected)
        role = QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text
        context.palette.setColor(QPalette.ColorRole.Text, opt.palette.color(role))
        painter.save()
        painter.translate(rect.left() + MARGIN, rect.top() + MARGIN)
        painter.setClipRect(0, 0, rect.width() - MARGIN, rect.height() - MARGIN)
        doc.documentLayout().draw(painter, context)
        painter.restore()

    def sizeHint(self, option: QStyleOptionViewItem, index: Index) -> QSize:
        text = str(index.data(HTML_ROLE) or "")
        width = self._width()
        key = (text, width)
        height = self._heights.get(key)
        if height is None:
            opt = QStyleOptionViewItem(option)
            self.initStyleOption(opt, index)
            height = int(self._document(opt, text, width).size().height()) + 2 * MARGIN
            if len(self._heights) > 4000:
                self._heights.clear()
            self._heights[key] = height
        return QSize(width + 2 * MARGIN, height)
