"""ThumbnailPanel: a column of small page images; click one to go there.

It only says which pages it shows (``wanted``); DocumentView asks the worker for them at
THUMBNAIL priority and hands the images back with ``set_thumbnail``. With ``decorate`` and
``stamp`` set (the member's annotations, ``thumbnail_marks``), each image is shown with the
page's marks drawn on it, and :meth:`refresh` draws again the pages whose stamp changed.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable

from PySide6.QtCore import QEvent, QPoint, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QColor, QIcon, QImage, QPixmap, QResizeEvent, QShowEvent
from PySide6.QtWidgets import QListView, QListWidget, QListWidgetItem, QWidget

WIDTH = 110  # logical pixels
MARGIN = 2  # rows above and below the visible ones to ask for as well


class ThumbnailPanel(QListWidget):
    page_clicked = Signal(int)
    wanted = Signal(object)  # list[int]: pages shown (or about to be) without an image yet

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setViewMode(QListView.ViewMode.IconMode)
        self.setFlow(QListView.Flow.TopToBottom)
        self.setWrapping(False)
        self.setMovement(QListView.Movement.Static)
        self.setResizeMode(QListView.ResizeMode.Adjust)
        self.setUniformItemSizes(True)
        self.setSpacing(6)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.retranslate()
        self._sizes: list[tuple[float, float]] = []
        self._have: set[int] = set()
        self.decorate: Callable[[int, QImage, float], QImage] | None = None  # page, image, pixels per point
        self.stamp: Callable[[int], Hashable] | None = None  # what a page's marks are now
        self._plain: dict[int, QImage] = {}  # the rendered image of pages shown with marks
        self._stamps: dict[int, Hashable] = {}
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(30)
        self._timer.timeout.connect(self._emit_wanted)
        self.verticalScrollBar().valueChanged.connect(self._timer.start)
        self.itemClicked.connect(self._clicked)

    def retranslate(self) -> None:
        """Set the texts again in the current language (also on QEvent.LanguageChange)."""
        self.setAccessibleName(self.tr("Page thumbnails"))
        self.setToolTip(self.tr("Pages: click one to go there"))
        for page in range(self.count()):
            item = self.item(page)
            if item is not None:
                item.setToolTip(self.tr("Page {page}").format(page=page + 1))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def _clicked(self, item: QListWidgetItem) -> None:
        self.page_clicked.emit(self.row(item))

    def set_pages(self, sizes: list[tuple[float, float]]) -> None:
        self.clear()
        self._sizes = list(sizes)
        self._have = set()
        self._plain, self._stamps = {}, {}
        if not sizes:
            return
        tallest = max(h / w for w, h in sizes if w > 0)
        self.setIconSize(QSize(WIDTH, round(WIDTH * tallest)))
        placeholders: dict[tuple[int, int], QIcon] = {}
        for page, (w, h) in enumerate(sizes):
            shape = (WIDTH, max(1, round(WIDTH * h / w)))
            icon = placeholders.get(shape)
            if icon is None:
                pixmap = QPixmap(*shape)
                pixmap.fill(QColor(222, 222, 222))
                icon = placeholders[shape] = QIcon(pixmap)
            item = QListWidgetItem(icon, str(page + 1))
            item.setToolTip(self.tr("Page {page}").format(page=page + 1))
            item.setTextAlignment(Qt.AlignmentFlag.AlignHCenter)
            self.addItem(item)
        self._timer.start()

    def reset_images(self) -> None:
        """Forget the images (night mode changed): placeholders until asked again."""
        self.set_pages(self._sizes)

    def set_thumbnail(self, page: int, image: QImage) -> None:
        if self.item(page) is not None:
            self._have.add(page)
            self._show(page, image)

    def refresh(self) -> None:
        """The marks changed: show again the thumbnails whose page's marks are not what they show."""
        if self.stamp is None:
            return
        for page in sorted(self._have):
            if self.stamp(page) != self._stamps.get(page):
                item = self.item(page)
                plain = self._plain.get(page)
                if plain is None and item is not None:  # shown without marks: its icon is the page
                    plain = item.icon().pixmap(self.iconSize(), self.devicePixelRatioF()).toImage()
                if plain is not None:
                    self._show(page, plain)

    def _show(self, page: int, image: QImage) -> None:
        item = self.item(page)
        if item is None:
            return
        shown = image
        self._plain.pop(page, None)
        if self.decorate is not None and self.stamp is not None:
            self._stamps[page] = self.stamp(page)
            shown = self.decorate(page, image, WIDTH / self._sizes[page][0])
            if shown is not image:  # keep the page without marks only where there are marks
                self._plain[page] = image
        item.setIcon(QIcon(QPixmap.fromImage(shown)))

    def has_thumbnail(self, page: int) -> bool:
        return page in self._have

    def visible_pages(self) -> list[int]:
        if self.count() == 0 or not self.isVisible():
            return []
        x = self.viewport().width() // 2
        first = self.indexAt(QPoint(x, 2)).row()
        last = self.indexAt(QPoint(x, self.viewport().height() - 2)).row()
        first = 0 if first < 0 else first
        last = self.count() - 1 if last < 0 else last
        return list(range(max(0, first - MARGIN), min(self.count(), last + 1 + MARGIN)))

    def show_page(self, page: int) -> None:
        item = self.item(page)
        if item is not None and self.currentRow() != page:
            self.setCurrentRow(page)
            self.scrollToItem(item, QListView.ScrollHint.EnsureVisible)

    def _emit_wanted(self) -> None:
        pages = [p for p in self.visible_pages() if p not in self._have]
        if pages:
            self.wanted.emit(pages)

    def request_visible(self) -> None:
        self._timer.start()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self._timer.start()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._timer.start()
