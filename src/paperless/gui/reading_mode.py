"""Full-screen reading mode: only the document shows; leaving puts the window back as it was.

The window (``gui.main_window``) owns the action, the key handling and the translated hint;
this class does the layout work: what to hide, what to remember and how to restore it, and the
document toolbar that slides in when the mouse touches the top edge.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, NamedTuple

from PySide6.QtCore import QTimer
from PySide6.QtGui import QCursor
from PySide6.QtWidgets import QApplication, QToolBar

if TYPE_CHECKING:
    from paperless.gui.main_window import MainWindow

READER_PAGE = 1  # the centre stack's page showing the document (as in main_window)
REVEAL_MS = 150  # how often reading mode looks whether the mouse is at the top edge


class NormalLayout(NamedTuple):  # what reading mode changes, to put it back as it was
    maximized: bool
    splitter: list[int]


class ReadingLayout:
    def __init__(self, window: MainWindow) -> None:
        self._w = window
        self._normal: NormalLayout | None = None  # set while in reading mode
        self._reveal = QTimer(window, interval=REVEAL_MS)
        self._reveal.timeout.connect(lambda: self.reveal_toolbar(window.mapFromGlobal(QCursor.pos()).y()))

    @property
    def active(self) -> bool:
        return self._normal is not None

    def enter(self) -> None:
        w = self._w
        self._normal = NormalLayout(w.isMaximized(), w.splitter.sizes())
        for widget in (w.menuBar(), w.statusBar(), *self._toolbars(), w.agenda, w.reader.search_panel,
                       w.reader.view.sidebar, w.notes.panel):
            widget.hide()
        w.showFullScreen()
        self._reveal.start()

    def leave(self) -> None:
        w, normal, self._normal = self._w, self._normal, None
        if normal is None:
            return
        self._reveal.stop()
        w.hint.hide()
        w.showMaximized() if normal.maximized else w.showNormal()
        a = w.actions_  # panels as the View menu says (as they were, unless changed meanwhile)
        reading = w.centre.currentIndex() == READER_PAGE
        for widget, visible in ((w.menuBar(), True), (w.statusBar(), True), *((t, reading) for t in self._toolbars()),
                                (w.reader.search_panel, a.search_panel.isChecked()),
                                (w.reader.view.sidebar, a.thumbnails.isChecked() or a.outline.isChecked())):
            widget.setVisible(visible)
        w.show_agenda()
        w.notes.show_panel()
        w.splitter.setSizes(normal.splitter)

    def _toolbars(self) -> tuple[QToolBar, ...]:
        """The document's toolbars: pages and zoom, and the annotation tools."""
        return self._w.toolbar, self._w.notes.toolbar

    def reveal_toolbar(self, y: int) -> None:
        """The document's toolbars show while the mouse is at the top edge (``y`` in window
        coordinates) or over them, or while they have the keyboard focus."""
        w = self._w
        if self._normal is None or w.centre.currentIndex() != READER_PAGE:
            return
        bars = self._toolbars()
        focus = QApplication.focusWidget()
        shown = [t for t in bars if t.isVisible()]
        over = bool(shown) and y <= max(t.geometry().bottom() for t in shown) + 16
        wanted = y <= 2 or over or (focus is not None and any(t.isAncestorOf(focus) for t in bars))
        if wanted != w.toolbar.isVisible():
            for t in bars:
                t.setVisible(wanted)
            w.hint.hide()  # it has been found: the hint would only cover it
