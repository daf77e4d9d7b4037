"""What the canvas and its overlay (the annotations) ask of each other, kept apart so that the
canvas needs nothing of the annotation code and the annotation parts need only this much of
the canvas."""

from __future__ import annotations

from typing import Protocol

from PySide6.QtCore import QPointF, QRectF
from PySide6.QtGui import QContextMenuEvent, QImage, QKeyEvent, QMouseEvent, QPainter, QTabletEvent
from PySide6.QtWidgets import QWidget

from paperless.gui.viewer.layout import PageLayout
from paperless.gui.viewer.painting import PageImage


class InputOverlay(Protocol):
    """What the annotation layer does with input (True: taken, the canvas does nothing more)."""

    def press(self, event: QMouseEvent) -> bool: ...
    def move(self, event: QMouseEvent) -> bool: ...
    def release(self, event: QMouseEvent) -> bool: ...
    def double_click(self, event: QMouseEvent) -> bool: ...
    def context_menu(self, event: QContextMenuEvent) -> bool: ...
    def key(self, event: QKeyEvent) -> bool: ...
    def tablet(self, event: QTabletEvent) -> bool: ...


class CanvasOverlay(Protocol):
    """Paints over each page: ``paint_under`` above the page image, below the search hits and the
    selection; ``paint_over`` above those, below the watermark. ``input`` takes events first.

    ``composed(page, image)`` may give the page image with what ``paint_under`` paints already
    on it (the annotations), kept and repaired as they change; the canvas then draws that
    instead and calls ``paint_under(…, composed=True)``, which paints nothing more. None: it
    draws the page image and ``paint_under`` paints the annotations."""

    @property
    def input(self) -> InputOverlay: ...

    def composed(self, page: int, image: PageImage) -> QImage | None: ...
    def paint_under(self, painter: QPainter, page: int, target: QRectF, composed: bool = False) -> None: ...
    def paint_over(self, painter: QPainter, page: int, target: QRectF) -> None: ...


class PageArea(Protocol):
    """The pages as the annotation tools see them (the canvas): where each page is in the
    viewport, the layout (page sizes, the zoom), night mode, and the viewport to draw on."""

    pages: PageLayout
    night: bool

    def viewport(self) -> QWidget: ...
    def to_content(self, pos: QPointF) -> QPointF: ...
    def page_target(self, page: int) -> QRectF: ...
