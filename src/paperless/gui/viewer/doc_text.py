"""DocTextLoader: a document's whole text for anchoring annotations, asked of the render worker.

Anchoring (``core.anchoring``) needs every page's words at once. The first annotation made in a
document asks the worker for them (and builds the :class:`DocText` there, off the GUI thread);
what was waiting for it runs when it comes. If that takes longer than ``BUSY_MS`` the pointer
shows the busy cursor meanwhile (the window stays usable). A few documents' texts are kept,
by content hash, for going back and forth between documents of a session.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable

from PySide6.QtCore import QObject, Qt, QTimer
from PySide6.QtGui import QGuiApplication

from paperless.core.anchoring import DocText
from paperless.core.render import Priority, RenderDocument
from paperless.gui.viewer.requests import PageRequests

BUSY_MS = 200
KEEP = 3  # documents whose text is kept

TextCallback = Callable[[DocText | None], None]


def _build(document: RenderDocument) -> DocText:
    return DocText([document.words(i) for i in range(document.page_count)])


class DocTextLoader(QObject):
    def __init__(self, requests: PageRequests, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._requests = requests
        self._texts: OrderedDict[str, DocText] = OrderedDict()
        self._key: str | None = None
        self._scope = requests.scope()  # renewed with each document: a text on its way for another is dropped
        self._asked = False
        self._waiting: list[TextCallback] = []
        self._busy = _BusyCursor()
        self.destroyed.connect(self._busy.release)  # gone while busy: the cursor comes back all the same
        self._busy_timer = QTimer(self, singleShot=True, interval=BUSY_MS)
        self._busy_timer.timeout.connect(self._show_busy)

    def reset(self, key: str | None) -> None:
        """A new document (``key``: its content hash; None: none). Waiting callers are dropped."""
        self._scope.renew()
        self._key = key
        self._asked = False
        self._waiting = []
        self._not_busy()

    @property
    def text(self) -> DocText | None:
        return self._texts.get(self._key) if self._key is not None else None

    @property
    def loading(self) -> bool:
        return self._asked and self.text is None

    def prefetch(self) -> None:
        """Start loading now (a markup tool was chosen): the first markup then needs no wait."""
        if self._key is not None and self.text is None and not self._asked:
            self._ask()

    def with_text(self, callback: TextCallback) -> None:
        """``callback(doc_text)`` now if it is loaded, else once it is (``None`` if it cannot be)."""
        text = self.text
        if text is not None:
            self._texts.move_to_end(self._key or "")
            callback(text)
            return
        if self._key is None:
            callback(None)
            return
        self._waiting.append(callback)
        if not self._busy_timer.isActive() and not self._busy.shown:
            self._busy_timer.start()
        if not self._asked:
            self._ask()

    def _ask(self) -> None:
        self._asked = True
        self._requests.ask(_build, Priority.VISIBLE, self, DocTextLoader._loaded, self._key, scope=self._scope)

    def _loaded(self, key: str, text: DocText | None, _error: str | None) -> None:
        self._asked = text is not None
        if text is not None:
            self._texts[key] = text
            while len(self._texts) > KEEP:
                self._texts.popitem(last=False)
        waiting, self._waiting = self._waiting, []
        self._not_busy()
        for callback in waiting:
            callback(text)

    def _show_busy(self) -> None:
        if self._waiting:
            self._busy.show()

    def _not_busy(self) -> None:
        self._busy_timer.stop()
        self._busy.release()


class _BusyCursor:
    """The busy cursor while the first markup waits for the text: shown at most once, always taken back."""

    def __init__(self) -> None:
        self.shown = False

    def show(self) -> None:
        if not self.shown:
            self.shown = True
            QGuiApplication.setOverrideCursor(Qt.CursorShape.BusyCursor)

    def release(self, *_: object) -> None:
        if self.shown:
            self.shown = False
            QGuiApplication.restoreOverrideCursor()
