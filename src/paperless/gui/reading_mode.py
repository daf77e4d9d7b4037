"""Full-screen reading mode: only the document shows; leaving puts the window back as it was.

The window (``gui.main_window``) owns the action, the key handling, the translated hint and which
panels the View menu wants; this class does the layout work with what it is given — the top-level
widget to make full screen, the splitter whose sizes to keep, the widgets to hide, the document's
toolbars that slide in when the mouse touches the top edge — and says when it has left
(``left``), so the window puts its panels back as its menu says.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import NamedTuple

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtGui import QCursor
from PySide6.QtWidgets import QApplication, QSplitter, QToolBar, QWidget

READER_PAGE = 1  # the centre stack's page showing the document (as in main_window)
REVEAL_MS = 150  # how often reading mode looks whether the mouse is at the top edge


class NormalLayout(NamedTuple):  # what reading mode changes, to put it back as it was
    maximized: bool
    splitter: list[int]


class ReadingLayout(QObject):
    left = Signal()  # reading mode was left: the window puts its panels back
    toolbar_found = Signal()  # the member found the toolbars (the hint about them may go)

    def __init__(self, window: QWidget, splitter: QSplitter, hidden: Callable[[], Sequence[QWidget]],
                 toolbars: Callable[[], Sequence[QToolBar]], reading: Callable[[], bool]) -> None:
        """``hidden()``: what to hide in reading mode (bars and panels); ``toolbars()``: the document's
        toolbars; ``reading()``: whether a document is on screen."""
        super().__init__(window)
        self._window = window
        self._splitter = splitter
        self._hidden = hidden
        self._toolbars = toolbars
        self._reading = reading
        self._normal: NormalLayout | None = None  # set while in reading mode
        self._reveal = QTimer(self, interval=REVEAL_MS)
        self._reveal.timeout.connect(lambda: self.reveal_toolbar(window.mapFromGlobal(QCursor.pos()).y()))

    @property
    def active(self) -> bool:
        return self._normal is not None

    def enter(self) -> None:
        w = self._window
        self._normal = NormalLayout(w.isMaximized(), self._splitter.sizes())
        for widget in (*self._hidden(), *self._toolbars()):
            widget.hide()
        w.showFullScreen()
        self._reveal.start()

    def leave(self) -> None:
        w, normal, self._normal = self._window, self._normal, None
        if normal is None:
            return
        self._reveal.stop()
        w.showMaximized() if normal.maximized else w.showNormal()
        for bar in self._toolbars():
            bar.setVisible(self._reading())
        self.left.emit()
        self._splitter.setSizes(normal.splitter)

    def reveal_toolbar(self, y: int) -> None:
        """The document's toolbars show while the mouse is at the top edge (``y`` in window
        coordinates) or over them, or while they have the keyboard focus."""
        if self._normal is None or not self._reading():
            return
        bars = self._toolbars()
        focus = QApplication.focusWidget()
        shown = [t for t in bars if t.isVisible()]
        over = bool(shown) and y <= max(t.geometry().bottom() for t in shown) + 16
        wanted = y <= 2 or over or (focus is not None and any(t.isAncestorOf(focus) for t in bars))
        if bars and wanted != bars[0].isVisible():
            for t in bars:
                t.setVisible(wanted)
            self.toolbar_found.emit()  # found: the hint would only cover it
