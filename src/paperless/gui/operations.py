"""Run a core call off the GUI thread and get the result back on it (Anki's QueryOp, small).

``Operations.run(op, on_success, on_failure)`` runs ``op()`` on a QThreadPool; the result or
the exception comes back through a queued signal, so both callbacks run on the GUI thread.
Without ``on_failure``, failures are emitted as ``failed`` for the main window to show: a
:class:`PaperlessError` as a friendly message, anything else as "this is a bug".
"""

from __future__ import annotations

import traceback
from collections.abc import Callable
from concurrent.futures import Future
from typing import Any, TypeVar

from PySide6.QtCore import QObject, QThreadPool, Signal

T = TypeVar("T")
Failure = Callable[[BaseException], None]


class Operations(QObject):
    failed = Signal(object)  # BaseException, for operations without their own on_failure
    busy_changed = Signal(bool)
    _deliver = Signal(object)  # a zero-argument callable, run on the GUI thread

    def __init__(self, parent: QObject | None = None, *, threads: int = 2) -> None:
        super().__init__(parent)
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(threads)
        self._pending = 0
        self._deliver.connect(self._run_delivered)

    @property
    def busy(self) -> bool:
        return self._pending > 0

    def run(self, op: Callable[[], T], on_success: Callable[[T], Any] | None = None,
            on_failure: Failure | None = None) -> None:
        self._pending += 1
        if self._pending == 1:
            self.busy_changed.emit(True)

        def job() -> None:
            try:
                result = op()
            except BaseException as exc:  # noqa: BLE001 - handed to the GUI thread
                if not _is_known(exc):
                    traceback.print_exception(exc)
                error = exc  # ``exc`` is unbound once the except block ends
                self._deliver.emit(lambda: self._finish(on_failure or self.failed.emit, error))
                return
            self._deliver.emit(lambda: self._finish(on_success or (lambda _r: None), result))

        self._pool.start(job)

    def _finish(self, callback: Callable[[Any], Any], value: object) -> None:
        try:
            callback(value)
        finally:
            self._pending -= 1
            if self._pending == 0:
                self.busy_changed.emit(False)

    def _run_delivered(self, fn: Callable[[], None]) -> None:
        fn()

    def call(self, op: Callable[[], T], timeout: float | None = None) -> T:
        """Run ``op`` on this pool and wait for its result — from a background thread only
        (a job that needs the database worker, say); the GUI thread is not involved."""
        future: Future[T] = Future()

        def job() -> None:
            if future.set_running_or_notify_cancel():
                try:
                    future.set_result(op())
                except BaseException as exc:  # noqa: BLE001 - handed to the waiting thread
                    future.set_exception(exc)

        self._pool.start(job)
        return future.result(timeout)

    def wait_for_done(self, msecs: int = 30_000) -> bool:
        """Block until running operations end (at shutdown; their callbacks are not run)."""
        return bool(self._pool.waitForDone(msecs))


def _is_known(exc: BaseException) -> bool:
    from paperless.core.errors import PaperlessError

    return isinstance(exc, PaperlessError)
