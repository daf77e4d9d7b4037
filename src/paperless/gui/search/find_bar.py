"""The in-document find bar (Ctrl+F): type, Enter/F3 for the next match, Shift+Enter/Shift+F3
for the previous one, Esc to close; shows "3/17".

It never touches PyMuPDF: the words of each page come from a :class:`WordSource` (in the
app, an adapter over ``RenderWorker.call(doc, lambda d: d.words(page), …)``), whose callback
may run on any thread. Matching uses ``core.search`` (same semantics as the session search:
a word typed with diacritics matches them exactly). The result goes out as
``highlights_changed(page_rects, current)`` for ``DocumentView.set_highlights`` and
``current_changed(page, rects)`` to scroll to the current match (``go_to_page``).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Protocol

from PySide6.QtCore import QEvent, Qt, QTimer, Signal, Slot
from PySide6.QtGui import QAction, QKeyEvent, QKeySequence
from PySide6.QtWidgets import QHBoxLayout, QLabel, QLineEdit, QStyle, QToolButton, QWidget

from paperless.core.search import WordLike
from paperless.gui.search.matches import FindHit, FindState
from paperless.gui.tasks import Tasks

WordsCallback = Callable[[int, Sequence[WordLike] | None], None]

TYPING_DELAY_MS = 150  # wait for the user to stop typing before searching
PUBLISH_DELAY_MS = 40  # coalesce highlight updates while pages arrive
NO_RESULTS_STYLE = "QLineEdit { background-color: #fde8e8; color: #8a1c1c; }"


class WordSource(Protocol):
    """Gives the positioned words of a page, asynchronously."""

    def request_words(self, page: int, callback: WordsCallback) -> None:
        """Call ``callback(page, words)`` later, from any thread (``words`` None on error)."""
        ...


class _Edit(QLineEdit):
    """The query field: Enter = next, Shift+Enter = previous, Esc = close."""

    next_requested = Signal()
    previous_requested = Signal()
    close_requested = Signal()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key = event.key()
        if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            if event.modifiers() & Qt.KeyboardModifier.ShiftModifier:
                self.previous_requested.emit()
            else:
                self.next_requested.emit()
            event.accept()
        elif key == Qt.Key.Key_Escape:
            self.close_requested.emit()
            event.accept()
        else:
            super().keyPressEvent(event)


class FindBar(QWidget):
    """Find in the document on screen. The word source may answer on any thread: the answers
    come back through the task layer, and those for a document no longer shown are dropped."""

    highlights_changed = Signal(object, object)  # {page: [rect, …]} of all matches, FindHit | None
    # (object, not dict: Qt would turn a dict into a QVariantMap, which needs string keys)
    current_changed = Signal(int, object)  # page, rects of the current match: scroll there
    closed = Signal()

    def __init__(self, tasks: Tasks, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._tasks = tasks
        self._source: WordSource | None = None
        self._state = FindState(0)
        self._document = tasks.scope()  # renewed with each document: words for an older one are dropped
        self._requested: set[int] = set()
        self._no_results = False

        self._edit = _Edit(self)
        self._edit.setClearButtonEnabled(True)
        self._count = QLabel(self)
        self._count.setMinimumWidth(self._count.fontMetrics().horizontalAdvance("0000/0000+"))
        self._count.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self._previous = QToolButton(self)
        self._next = QToolButton(self)
        self._close = QToolButton(self)
        style = self.style()
        self._previous.setIcon(style.standardIcon(QStyle.StandardPixmap.SP_ArrowUp))
        self._next.setIcon(style.standardIcon(QStyle.StandardPixmap.SP_ArrowDown))
        self._close.setIcon(style.standardIcon(QStyle.StandardPixmap.SP_DialogCloseButton))
        for button in (self._previous, self._next, self._close):
            button.setAutoRaise(True)

        self.find_action = QAction(self)
        self.find_action.setShortcuts(QKeySequence.StandardKey.Find)
        self.next_action = QAction(self)
        self.next_action.setShortcuts(QKeySequence.StandardKey.FindNext)
        self.previous_action = QAction(self)
        self.previous_action.setShortcuts(QKeySequence.StandardKey.FindPrevious)
        for action in self._actions():
            action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            self.addAction(action)

        layout = QHBoxLayout(self)
        layout.setContentsMargins(6, 3, 6, 3)
        layout.setSpacing(4)
        layout.addWidget(self._edit, 1)
        layout.addWidget(self._count)
        layout.addWidget(self._previous)
        layout.addWidget(self._next)
        layout.addWidget(self._close)

        self._typing = QTimer(self, singleShot=True, interval=TYPING_DELAY_MS)
        self._typing.timeout.connect(self._run)
        self._publisher = QTimer(self, singleShot=True, interval=PUBLISH_DELAY_MS)
        self._publisher.timeout.connect(self._publish)
        self._worker = QTimer(self, singleShot=True, interval=0)
        self._worker.timeout.connect(self._work)

        self._edit.textChanged.connect(lambda _text: self._typing.start())
        self._edit.next_requested.connect(self.find_next)
        self._edit.previous_requested.connect(self.find_previous)
        self._edit.close_requested.connect(self.close_bar)
        self._next.clicked.connect(self.find_next)
        self._previous.clicked.connect(self.find_previous)
        self._close.clicked.connect(self.close_bar)
        self.find_action.triggered.connect(self.activate)
        self.next_action.triggered.connect(self.find_next)
        self.previous_action.triggered.connect(self.find_previous)
        self.retranslate()
        self._show_count()

    def _actions(self) -> tuple[QAction, QAction, QAction]:
        return self.find_action, self.next_action, self.previous_action

    # -- wiring

    def install_shortcuts(self, host: QWidget, *, include_find: bool = True) -> None:
        """Make Find (Ctrl+F), Find next (F3) and Find previous (Shift+F3) work anywhere in
        ``host``'s window. Pass ``include_find=False`` if the window already has a Find action
        (connect it to :meth:`activate`)."""
        for action in self._actions():
            if action is self.find_action and not include_find:
                continue
            self.removeAction(action)
            action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
            host.addAction(action)

    def set_document(self, source: WordSource | None, page_count: int, *, current_page: int = 0) -> None:
        """A new document (``source`` None: no document). Forgets the words of the old one."""
        self._document.renew()
        self._source = source
        self._requested = set()
        self._state = FindState(page_count if source is not None else 0)
        self._state.start_at(current_page)
        if self.isVisible() and self._edit.text().strip():
            self._run()
        else:
            self._publish_now()

    @Slot(int)
    def set_current_page(self, page: int) -> None:
        """The page the reader is on: a new search starts there (unless :meth:`search_from`
        chose where, and that match is not known yet)."""
        if self._state.current is None and not self._state.held:
            self._state.start_at(page)

    @Slot(int)
    def search_from(self, page: int, index: int = 0) -> None:
        """Make the ``index``-th match of ``page`` (or the first one after it) the current one,
        e.g. after opening a session search result on that page; if the words of the pages up
        to it are still coming, it becomes current when they are in."""
        if self._typing.isActive() or (self._edit.text().strip() and not self._state.active):
            self._typing.stop()  # the query typed (or kept while hidden) is not searched yet
            self._state.set_query(self._edit.text())
        self._state.start_at(page, index, hold=True)
        if self._state.active:
            self._request_missing()
            self._worker.start()
        self._state.work(budget=1.0)
        if self._state.ensure_current():
            self._emit_current()
        self._publish_now()

    def query(self) -> str:
        return self._edit.text()

    def set_query(self, text: str) -> None:
        self._edit.setText(text)
        self._typing.stop()
        self._run()

    def current_hit(self) -> FindHit | None:
        return self._state.hit()

    def line_edit(self) -> QLineEdit:
        return self._edit

    # -- user actions

    @Slot()
    def activate(self) -> None:
        """Show the bar and focus the query, all selected (Ctrl+F)."""
        was_hidden = not self.isVisible()
        self.show()
        self._edit.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self._edit.selectAll()
        if was_hidden and self._edit.text().strip():
            self._run()

    @Slot()
    def close_bar(self) -> None:
        """Hide the bar and remove the highlights (Esc)."""
        self._typing.stop()
        self.hide()
        self.highlights_changed.emit({}, None)
        self.closed.emit()

    @Slot()
    def find_next(self) -> None:
        self._move(+1)

    @Slot()
    def find_previous(self) -> None:
        self._move(-1)

    def _move(self, delta: int) -> None:
        if not self.isVisible():
            self.activate()
        if self._typing.isActive():  # Enter right after typing: search first
            self._typing.stop()
            self._run()
        self._state.work(budget=1.0)
        if self._state.step(delta):
            self._emit_current()
        self._publish_now()

    # -- searching

    def _run(self) -> None:
        self._state.set_query(self._edit.text())
        if self._state.active:
            self._request_missing()
            self._worker.start()
        self._publish_now()

    def _request_missing(self) -> None:
        source = self._source
        if source is None:
            return
        deliver = self._document.callback(self, FindBar._on_words)  # any thread -> here, if still this document
        for page in self._state.missing_pages():
            if page not in self._requested:
                self._requested.add(page)
                source.request_words(page, deliver)

    def _on_words(self, page: int, words: object) -> None:
        self._state.add_page(page, words if isinstance(words, Sequence) else None)
        if self._state.active:
            self._worker.start()

    def _work(self) -> None:
        if not self._state.work():
            self._worker.start()
        if self._state.ensure_current():
            self._emit_current()
        if not self._publisher.isActive():
            self._publisher.start()

    def _emit_current(self) -> None:
        hit = self._state.hit()
        if hit is not None:
            self.current_changed.emit(hit.page, hit.rects)

    def _publish_now(self) -> None:
        self._publisher.stop()
        self._publish()

    def _publish(self) -> None:
        self._show_count()
        if self.isVisible():
            self.highlights_changed.emit(self._state.page_rects(), self._state.hit())

    # -- presentation

    def _show_count(self) -> None:
        state = self._state
        hit = state.hit()
        total = state.total
        searching = state.active and not state.complete and self._source is not None
        no_results = state.active and total == 0 and not searching
        if not state.active:
            text = ""
        elif total == 0:
            text = self.tr("Searching…") if searching else self.tr("No results")
        else:
            number = str(hit.number) if hit is not None else "–"
            template = self.tr("%1/%2…") if searching else self.tr("%1/%2")
            text = template.replace("%1", number).replace("%2", str(total))
        self._count.setText(text)
        self._count.setAccessibleDescription(text)
        if no_results != self._no_results:
            self._no_results = no_results
            self._edit.setProperty("noResults", no_results)
            self._edit.setStyleSheet(NO_RESULTS_STYLE if no_results else "")

    def count_text(self) -> str:
        return self._count.text()

    def has_no_results(self) -> bool:
        return self._no_results

    def retranslate(self) -> None:
        self.setAccessibleName(self.tr("Find in document"))
        self._edit.setPlaceholderText(self.tr("Find in document"))
        self._edit.setAccessibleName(self.tr("Text to find"))
        self._edit.setToolTip(
            self.tr("Words typed without accents match any accents; words typed with accents match exactly")
        )
        self._count.setAccessibleName(self.tr("Matches"))
        next_keys = self.next_action.shortcut().toString(QKeySequence.SequenceFormat.NativeText)
        previous_keys = self.previous_action.shortcut().toString(QKeySequence.SequenceFormat.NativeText)
        self._next.setToolTip(self.tr("Next match (Enter, %1)").replace("%1", next_keys))
        self._next.setAccessibleName(self.tr("Next match"))
        self._previous.setToolTip(self.tr("Previous match (Shift+Enter, %1)").replace("%1", previous_keys))
        self._previous.setAccessibleName(self.tr("Previous match"))
        self._close.setToolTip(self.tr("Close (Esc)"))
        self._close.setAccessibleName(self.tr("Close the find bar"))
        self.find_action.setText(self.tr("Find in document"))
        self.next_action.setText(self.tr("Find next"))
        self.previous_action.setText(self.tr("Find previous"))
        self._show_count()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Escape:  # from the buttons; the query field handles its own
            self.close_bar()
            event.accept()
        else:
            super().keyPressEvent(event)
