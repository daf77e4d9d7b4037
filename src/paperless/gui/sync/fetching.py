"""SessionFetch: new sessions and versions from the office server, downloaded in the background
(issue 11; docs/distribution-protocol.md).

After a sync round that reached the server, and when the member asks (File ▸ Fetch new sessions),
the part lists what the server holds for the member that this library has not seen
(``Fetcher.available``) and downloads each on the task layer's ``network`` lane, one after the
other: reading a session already open never waits for it, however large the bundle and slow the
link. The status bar shows a progress bar and a Cancel button while it runs (a cancelled
download keeps its partial file and resumes next time). Each session added is told
(``fetched``: the core's :class:`~paperless.core.distribution.client.Fetched`, whose ``notice``
says "New session: …" or "Version 2 of … — 3 documents changed, 1 added"); a refused or
broken download, or a server that does not answer, is one sentence (``problem``) and nothing is
added (the core checks everything before the library sees the file).
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QLabel, QProgressBar, QToolButton, QWidget

from paperless.core.errors import PaperlessError
from paperless.core.sync.errors import OfflineError, SyncCancelledError
from paperless.gui.tasks import Scope, Tasks

if TYPE_CHECKING:
    from paperless.core.distribution.client import Fetched, Fetcher, Offer


class SessionFetch(QObject):
    fetched = Signal(object)  # Fetched: a session (version) is now in the library
    problem = Signal(str)  # one sentence: the download was refused, the server did not answer …
    nothing_new = Signal()  # asked by the member: the server has nothing new
    running_changed = Signal(bool)

    def __init__(self, tasks: Tasks, language: Callable[[], str], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._tasks, self._language = tasks, language
        self._scope: Scope = tasks.scope()
        self._make: Callable[[], Fetcher] | None = None
        self._live: Fetcher | None = None
        self._lock = threading.Lock()
        self._running = False
        self._asked = False  # the member asked (not after a round): "nothing new" is said
        self._held = False  # the member cancelled: no download starts by itself until they ask again
        # versions refused once (a damaged copy on the server …): not downloaded again after every
        # round, only when the member asks; and the same problem is not said again after every round
        self._refused: set[str] = set()
        self._said = ""
        self.label: QLabel | None = None
        self.progress: QProgressBar | None = None
        self.cancel_button: QToolButton | None = None

    # -- the status bar -------------------------------------------------------------------------

    def make_widgets(self, parent: QWidget) -> tuple[QLabel, QProgressBar, QToolButton]:
        self.label = QLabel(parent)
        self.label.setObjectName("fetchStatus")
        self.progress = QProgressBar(parent)
        self.progress.setObjectName("fetchProgress")
        self.progress.setMaximumWidth(160)
        self.progress.setRange(0, 0)
        self.progress.setTextVisible(False)
        self.cancel_button = QToolButton(parent)
        self.cancel_button.setObjectName("fetchCancel")
        self.cancel_button.clicked.connect(self.cancel_by_member)
        for widget in (self.label, self.progress, self.cancel_button):
            widget.hide()
        self.retranslate()
        return self.label, self.progress, self.cancel_button

    def retranslate(self) -> None:
        if self.cancel_button is not None:
            self.cancel_button.setText(self.tr("Cancel"))
            self.cancel_button.setToolTip(self.tr("Stop downloading; it goes on from here next time"))
        if self.label is not None and self._running:
            self.label.setText(self.tr("Downloading new sessions\u2026"))

    def _show_running(self, running: bool) -> None:
        for widget in (self.label, self.progress, self.cancel_button):
            if widget is not None:
                widget.setVisible(running)
        if running and self.progress is not None:
            self.progress.setRange(0, 0)  # busy until the first bytes say how many
        self.retranslate()

    # -- life cycle ------------------------------------------------------------------------------

    @property
    def running(self) -> bool:
        return self._running

    @property
    def attached(self) -> bool:
        return self._make is not None

    def attach(self, make: Callable[[], Fetcher]) -> None:
        """Fetch with downloaders ``make()`` gives (connected: the sync engine's server and token)."""
        self.detach()
        self._make = make

    def detach(self) -> None:
        """Locked, disconnected or quitting: a download under way stops (its partial file stays)."""
        self.cancel()
        self._scope.renew()
        self._make = None
        self._set_running(False)

    def cancel_by_member(self) -> None:
        self._held = True
        self.cancel()

    def cancel(self) -> None:
        with self._lock:
            live = self._live
        if live is not None:
            live.cancel()

    def fetch_now(self, *, asked: bool = False) -> None:
        """List what is new on the server and download it (nothing if a fetch runs already)."""
        make = self._make
        if make is None or self._running or (self._held and not asked):
            return
        self._asked, self._held = asked, False
        self._set_running(True)
        progress = self._tasks.callback(self, SessionFetch._progress, scope=self._scope)
        told = self._tasks.callback(self, SessionFetch._one_fetched, scope=self._scope)
        refused = set(self._refused)
        refuse = self._tasks.callback(self, SessionFetch._refuse, scope=self._scope)

        def job() -> int:
            from paperless.core.distribution.client import DownloadRefusedError

            fetcher = make()
            with self._lock:
                self._live = fetcher
            try:
                offers = [o for o in fetcher.available() if asked or o.sha256 not in refused]
                for offer in offers:
                    try:
                        told(fetcher.fetch(offer, _each(progress, offer)))
                    except DownloadRefusedError:
                        refuse(offer.sha256)
                        raise
                return len(offers)
            finally:
                with self._lock:
                    self._live = None

        self._scope.run(self._tasks.network, job, self._done, self._failed)

    # -- on the GUI thread -------------------------------------------------------------------------

    def _set_running(self, running: bool) -> None:
        if running != self._running:
            self._running = running
            self._show_running(running)
            self.running_changed.emit(running)

    def _progress(self, offer: Offer, done: int, total: int) -> None:
        if self.progress is None or total <= 0:
            return
        self.progress.setRange(0, 1000)
        self.progress.setValue(int(done * 1000 // total))
        if self.label is not None:
            self.label.setText(self.tr("Downloading a new session: %1%").replace("%1", str(done * 100 // total)))

    def _one_fetched(self, result: Fetched) -> None:
        self.fetched.emit(result)

    def _refuse(self, sha256: str) -> None:
        self._refused.add(sha256)

    def _done(self, count: int) -> None:
        self._set_running(False)
        self._said = ""
        if count == 0 and self._asked:
            self.nothing_new.emit()

    def _failed(self, exc: BaseException) -> None:
        self._set_running(False)
        if isinstance(exc, SyncCancelledError):
            return  # the member cancelled (or the app is quitting): the partial file is resumed next time
        if isinstance(exc, PaperlessError):
            text = exc.message(self._language())
            if isinstance(exc, OfflineError):  # the socket's own words say nothing to the member
                text = self.tr("The office server does not answer; new sessions will be downloaded once it does.")
            if self._asked or text != self._said:  # after each round: said once, not every minute
                self._said = text
                self.problem.emit(text)
            return
        self._tasks.report(exc)  # a bug: said as one


def _each(progress: Callable[..., None], offer: Offer) -> Callable[[int, int], None]:
    return lambda done, total: progress(offer, done, total)
