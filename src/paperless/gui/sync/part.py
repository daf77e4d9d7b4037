"""SyncPart: the GUI's side of syncing the member's notes with the office server (issue 10).

Rounds run in the background on the task layer's ``network`` lane (one thread), so reading and
annotating never wait for the network; every call the engine makes on the notes store goes to
the ONE database lane (:class:`LaneStore`). The part schedules rounds by itself: soon after the
member changes a note, every minute while the server answers, with growing waits (and jitter)
while it does not. F5 (Sync now) starts one at once.

What the part shows is one sentence in the status bar (``core.sync.status.describe``: "Synced 2
minutes ago", "Offline — 3 changes waiting"…), a progress bar during a long first sync, and a
notice when a round kept both versions of a note. Records the round brought from the member's
other devices go to the session's Qt-free notes model (``NotesModel.apply``), so the page and
the notes panel follow without knowing where the change came from.
"""

from __future__ import annotations

import random
import time
from collections.abc import Callable
from typing import Any, Protocol

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtWidgets import QLabel, QProgressBar, QWidget

from paperless.core.errors import T
from paperless.core.notes import Record
from paperless.core.sync import DeviceInfo
from paperless.core.sync.status import SyncReport, SyncState, SyncStatus, describe
from paperless.gui.tasks import Lane, Scope, Tasks

SOON_MS = 5_000  # after a local change
EVERY_MS = 60_000  # while the server answers
FIRST_RETRY_MS = 15_000
MAX_RETRY_MS = 5 * 60_000
REFUSED_RETRY_MS = 10 * 60_000
LABEL_REFRESH_MS = 30_000  # "2 minutes ago" stays true


def retry_delay(failures: int, rng: Callable[[], float] = random.random) -> int:
    """Milliseconds before the next try after ``failures`` rounds in a row could not reach the
    server: doubling from 15 s to 5 min, each with ±20 % jitter (many laptops waking at once
    do not all knock at the same second)."""
    base = min(MAX_RETRY_MS, FIRST_RETRY_MS * 2 ** max(0, failures - 1))
    return int(base * (0.8 + 0.4 * rng()))


class Engine(Protocol):
    """What the part needs of ``paperless.core.sync`` (a null one when not connected)."""

    def sync_once(self, progress: Callable[[int, int], None] | None = None) -> SyncReport: ...

    def changed_records(self) -> list[Record]: ...

    def devices(self) -> list[DeviceInfo]: ...

    def revoke(self, device: str) -> None: ...

    def approve(self, device: str) -> None: ...

    def cancel(self) -> None: ...


class LaneStore:
    """The notes store as seen from the network lane: every method call runs on the ONE
    database lane and waits for its answer (the store is never touched from two threads)."""

    def __init__(self, store: object, db: Lane) -> None:
        self._store, self._db = store, db

    def __getattr__(self, name: str) -> Any:
        attr = getattr(self._store, name)
        if not callable(attr):
            return self._db.call(lambda: getattr(self._store, name))
        return lambda *args, **kwargs: self._db.call(lambda: attr(*args, **kwargs))


class SyncPart(QObject):
    status_changed = Signal()  # the sentence or the state (the actions' enabled state) changed
    notice = Signal(str)  # a sentence for the member (conflict kept both, an edit won over a delete)
    revoked = Signal()  # this laptop was revoked: its data is gone
    records_arrived = Signal(list)  # list[Record] from the member's other devices
    synced = Signal()  # a round reached the server and finished (new sessions may be fetched now)

    def __init__(self, tasks: Tasks, language: Callable[[], str], parent: QObject | None = None, *,
                 wall_ms: Callable[[], int] = lambda: int(time.time() * 1000)) -> None:
        super().__init__(parent)
        self._tasks, self._language, self._wall_ms = tasks, language, wall_ms
        self._engine: Engine | None = None
        self._scope: Scope = tasks.scope()
        self._status = SyncStatus(SyncState.NOT_CONNECTED)
        self._running = False
        self._again = False  # asked for while a round ran: one more right after
        self._failures = 0
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self.sync_now)
        self._refresh = QTimer(self)
        self._refresh.setInterval(LABEL_REFRESH_MS)
        self._refresh.timeout.connect(self._show)
        self.label: QLabel | None = None
        self.progress: QProgressBar | None = None

    # -- the status bar -----------------------------------------------------------------------

    def make_widgets(self, parent: QWidget) -> tuple[QLabel, QProgressBar]:
        self.label = QLabel(parent)
        self.label.setObjectName("syncStatus")
        self.progress = QProgressBar(parent)
        self.progress.setObjectName("syncProgress")
        self.progress.setMaximumWidth(160)
        self.progress.setTextVisible(False)
        self.progress.hide()
        self._show()
        return self.label, self.progress

    @property
    def status(self) -> SyncStatus:
        return self._status

    @property
    def engine(self) -> Engine | None:
        return self._engine

    @property
    def connected(self) -> bool:
        return self._engine is not None

    @property
    def running(self) -> bool:
        return self._running

    def sentence(self) -> str:
        text = describe(self._status, self._wall_ms())
        return text.vi if self._language() == "vi" else text.en

    def retranslate(self) -> None:
        self._show()

    def _show(self) -> None:
        if self.label is not None:
            self.label.setText(self.sentence())
            self.label.setAccessibleName(self.sentence())
            self.label.setToolTip(self.tr("Your notes are kept in step through the office server. The office "
                                          "sees which documents you opened, and when.")
                                  if self._engine is not None else "")

    # -- life cycle ---------------------------------------------------------------------------

    def attach(self, engine: Engine, status: SyncStatus) -> None:
        """Start syncing with ``engine`` (a new identity, or a new connection): a round at once.
        ``status``: what to show meanwhile (read on the database lane: never asked here, where
        it would wait for the database)."""
        self.detach()
        self._engine = engine
        self._status = status
        self._refresh.start()
        self._set_status(self._status)
        self.sync_now()

    def detach(self) -> None:
        """Stop (locked, or the identity is gone): a round still running is not shown."""
        self._scope.renew()
        if self._engine is not None:
            self._engine.cancel()  # a round on the network stops at once (quitting never waits for it)
        self._engine = None
        self._running = self._again = False
        self._failures = 0
        self._timer.stop()
        self._refresh.stop()
        if self.progress is not None:
            self.progress.hide()
        self._set_status(SyncStatus(SyncState.NOT_CONNECTED))

    def local_change(self) -> None:
        """The member changed a note: sync soon (not at once: a few strokes make one round)."""
        if self._engine is not None and not self._running and (
                not self._timer.isActive() or self._timer.remainingTime() > SOON_MS):
            self._timer.start(SOON_MS)

    def sync_now(self) -> None:
        engine = self._engine
        if engine is None:
            return
        if self._running:
            self._again = True
            return
        self._timer.stop()
        self._running = True
        self._set_status(SyncStatus(SyncState.SYNCING, self._status.address, self._status.last_synced_ms,
                                    self._status.pending))
        progress = self._tasks.callback(self, SyncPart._progress, scope=self._scope)

        def round_() -> tuple[SyncReport, list[Record]]:
            report = engine.sync_once(progress)
            return report, engine.changed_records()

        self._scope.run(self._tasks.network, round_, self._done, self._failed)

    def _progress(self, done: int, total: int) -> None:
        if self.progress is None:
            return
        if total <= 0 or done >= total:
            self.progress.hide()
            return
        self.progress.setRange(0, total)
        self.progress.setValue(done)
        self.progress.show()

    def _done(self, result: tuple[SyncReport, list[Record]]) -> None:
        report, records = result
        self._running = False
        if self.progress is not None:
            self.progress.hide()
        status = report.status
        if records:
            self.records_arrived.emit(records)
        for notice in status.notices:
            self.notice.emit(notice.vi if self._language() == "vi" else notice.en)
        self._set_status(status)
        if status.state is SyncState.REVOKED:
            self._engine = None
            self.revoked.emit()
            return
        self._schedule(status)
        if status.state is SyncState.SYNCED:
            self.synced.emit()

    def _failed(self, exc: BaseException) -> None:
        """A round raised (a bug, or the notes store failed): said once, and tried again later."""
        self._running = False
        if self.progress is not None:
            self.progress.hide()
        self._set_status(SyncStatus(SyncState.OFFLINE, self._status.address, self._status.last_synced_ms,
                                    self._status.pending, T(str(exc), str(exc))))
        self._tasks.report(exc)
        self._schedule(self._status)

    def _schedule(self, status: SyncStatus) -> None:
        if self._again:
            self._again = False
            self._timer.start(0)
            return
        if status.state is SyncState.SYNCED:
            self._failures = 0
            self._timer.start(SOON_MS if status.pending else EVERY_MS)
        elif status.state is SyncState.REFUSED:
            self._timer.start(REFUSED_RETRY_MS)
        else:
            self._failures += 1
            self._timer.start(retry_delay(self._failures))

    def _set_status(self, status: SyncStatus) -> None:
        self._status = status
        self._show()
        self.status_changed.emit()
