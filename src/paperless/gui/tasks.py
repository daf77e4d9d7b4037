"""The one task layer: every piece of work off the GUI thread goes through here (Anki's taskman).

``Tasks`` owns the lanes work runs on, and brings results back to the GUI thread:

* ``pool`` — a few threads for interactive work (opening a bundle, decrypting a document);
* ``db`` — ONE thread: every call on the member's notes store, in order;
* ``background`` — one low-priority thread for long work the member does not wait for (the
  library's copy of a bundle, carrying notes over to a revised document);
* ``network`` — one low-priority thread for talking to the office server (a sync round), so a
  slow or absent network never holds up anything the member waits for;
* ``processes`` — one thread whose jobs each run a sandboxed child process through the hardened
  protocol (``paperless.core.isolation``: the exports), so at most one such child runs at a time;
* the render worker (``core.render.RenderWorker``: one thread, priorities, the render process)
  is the rendering lane; its callbacks come back through :meth:`Tasks.callback`.

Built in, so no caller writes it by hand:

* **stale results are dropped**: work started in a :class:`Scope` (a session, a document, a print
  job) whose scope has since been renewed or closed never calls back (the work itself still runs:
  a save queued before the session closed is not lost);
* **cancellation**: a :class:`Task` can be cancelled; work that looks at ``task.cancelled``
  stops early, and a cancelled task never calls back;
* **exceptions never vanish**: an exception from a job without its own failure handler, or from
  any callback, reaches ``failed`` (the main window shows a known error as a message and anything
  else as "this is a bug"); so does one a render worker callback raises (:meth:`report`).
"""

from __future__ import annotations

import itertools
import os
import sys
import threading
import traceback
import weakref
from collections.abc import Callable
from concurrent.futures import Future
from typing import Any, TypeVar

import shiboken6
from PySide6.QtCore import QObject, QThreadPool, Signal

T = TypeVar("T")
Failure = Callable[[BaseException], None]
FINISH_WAIT_MS = 30_000


class Scope:
    """A group of work whose results matter only while the scope stays the same.

    ``renew()`` (a new document, a new session) makes every result of earlier work stale: it is
    dropped, its callbacks never run. ``close()`` does the same for good.
    """

    def __init__(self, tasks: Tasks) -> None:
        self._tasks = weakref.ref(tasks)
        self._lock = threading.Lock()
        self._generation = 0
        self._closed = False

    @property
    def generation(self) -> int:
        with self._lock:
            return self._generation

    def renew(self) -> int:
        with self._lock:
            self._generation += 1
            return self._generation

    def close(self) -> None:
        with self._lock:
            self._generation += 1
            self._closed = True

    def current(self, generation: int) -> bool:
        with self._lock:
            return not self._closed and generation == self._generation

    def run(self, lane: Lane, op: Callable[[], T], on_success: Callable[[T], Any] | None = None,
            on_failure: Failure | None = None) -> Task:
        return lane.run(op, on_success, on_failure, scope=self)

    def callback(self, receiver: object, method: Callable[..., Any], *bound: object,
                 stale: Callable[..., Any] | None = None) -> Callable[..., None]:
        """A callback for another thread (the render worker): ``method(receiver, *bound, *args)``
        later on the GUI thread, unless this scope has changed since or the receiver is gone —
        then ``stale(*args)`` instead, if given (to give back what the answer holds)."""
        tasks = self._tasks()
        if tasks is None:
            return lambda *args: None
        return tasks.callback(receiver, method, *bound, scope=self, stale=stale)


class Task:
    """A piece of work on a lane; ``cancel()`` asks it to stop and drops its result."""

    def __init__(self, name: str) -> None:
        self.name = name
        self.cancelled = threading.Event()  # the job may look at it and stop early
        self.finished = threading.Event()  # set when the job has returned (on its thread)

    def cancel(self) -> None:
        self.cancelled.set()

    def wait(self, timeout: float | None = None) -> bool:
        return self.finished.wait(timeout)


class Lane:
    """Threads of one kind; see :class:`Tasks`.

    A lane, and the work queued on it, hold the task layer only weakly: its Qt object is then
    never destroyed on a worker thread (a garbage collection there, or the last reference dropped
    there, would tear down Qt connections off the GUI thread and can deadlock with it).
    """

    def __init__(self, tasks: Tasks, name: str, threads: int, *, low_priority: bool = False,
                 quiet: bool = False) -> None:
        self._tasks = weakref.ref(tasks)
        self._quiet = quiet  # its work never makes the app "busy" (no busy cursor for a background sync)
        self.name = name
        self._pool = QThreadPool(tasks)
        self._pool.setMaxThreadCount(threads)
        self._low = low_priority
        self._names = itertools.count(1)

    def run(self, op: Callable[[], T], on_success: Callable[[T], Any] | None = None,
            on_failure: Failure | None = None, *, scope: Scope | None = None, task: Task | None = None) -> Task:
        """Run ``op()`` on this lane; ``on_success(result)`` or ``on_failure(exc)`` later on the GUI
        thread — unless the task was cancelled or its scope changed meanwhile. Without ``on_failure``
        the exception goes to ``Tasks.failed``."""
        job = task or Task(f"{self.name}-{next(self._names)}")
        generation = scope.generation if scope is not None else 0
        owner = self._tasks()
        if owner is None:  # whoever runs work must hold the task layer (the app's services do)
            raise RuntimeError(f"the task layer of lane {self.name!r} is gone")
        counted = not self._quiet
        if counted:
            owner._started()
        ref, low = self._tasks, self._low

        def wanted() -> bool:
            return not job.cancelled.is_set() and (scope is None or scope.current(generation))

        def back(fn: Callable[[Tasks], None]) -> None:
            tasks = ref()
            if tasks is not None:
                tasks._post(lambda: fn(tasks))

        def work() -> None:
            if low:
                _lower_priority()
            try:
                if job.cancelled.is_set():  # a stale scope only drops the result: the work (a save) still runs
                    if counted:
                        back(lambda tasks: tasks._finished())
                    return
                try:
                    result = op()
                except BaseException as exc:  # handed to the GUI thread
                    error = exc  # ``exc`` is unbound once the except block ends
                    back(lambda tasks: tasks._finish(wanted, on_failure or tasks.report, error, counted))
                    return
                back(lambda tasks: tasks._finish(wanted, on_success, result, counted))
            finally:
                job.finished.set()

        self._pool.start(work)
        return job

    def call(self, op: Callable[[], T], timeout: float | None = None) -> T:
        """Run ``op`` on this lane and wait for its result — from a background thread only (a job
        that needs the database, say); the GUI thread is not involved."""
        future: Future[T] = Future()

        def job() -> None:
            if future.set_running_or_notify_cancel():
                try:
                    future.set_result(op())
                except BaseException as exc:  # handed to the waiting thread
                    future.set_exception(exc)

        self._pool.start(job)
        return future.result(timeout)

    def wait_for_done(self, msecs: int = FINISH_WAIT_MS) -> bool:
        """Block until the lane's running work ends (at shutdown; callbacks are not run)."""
        return bool(self._pool.waitForDone(msecs))


class Tasks(QObject):
    failed = Signal(object)  # BaseException: a job without its own handler, or a callback, failed
    busy_changed = Signal(bool)
    _deliver = Signal(object)  # a zero-argument callable, run on the GUI thread

    def __init__(self, parent: QObject | None = None, *, pool_threads: int = 2) -> None:
        super().__init__(parent)
        self._pending = 0
        self._alive = _Alive()
        self.destroyed.connect(self._alive.end)
        self._deliver.connect(self._run_delivered)
        self.pool = Lane(self, "pool", pool_threads)
        self.db = Lane(self, "database", 1)
        self.background = Lane(self, "background", 1, low_priority=True)
        self.processes = Lane(self, "processes", 1)
        self.network = Lane(self, "network", 1, low_priority=True, quiet=True)

    # ---- state ---------------------------------------------------------------------------------

    @property
    def busy(self) -> bool:
        return self._pending > 0

    def scope(self) -> Scope:
        return Scope(self)

    def lanes(self) -> tuple[Lane, ...]:
        return (self.pool, self.db, self.background, self.processes, self.network)

    def wait_for_done(self, msecs: int = FINISH_WAIT_MS) -> bool:
        return all(lane.wait_for_done(msecs) for lane in self.lanes())

    # ---- back on the GUI thread ------------------------------------------------------------------

    def post(self, fn: Callable[[], Any]) -> None:
        """Run ``fn`` soon on the GUI thread (from any thread); its exceptions reach ``failed``."""
        self._post(lambda: self._guarded(fn))

    def report(self, exc: BaseException) -> None:
        """An exception for the error handler, from any thread."""
        if threading.current_thread() is threading.main_thread():
            self._emit_failed(exc)
        else:
            self._post(lambda: self._emit_failed(exc))

    def callback(self, receiver: object, method: Callable[..., Any], *bound: object,
                 scope: Scope | None = None, stale: Callable[..., Any] | None = None) -> Callable[..., None]:
        """For work that calls back on its own thread (the render worker): the returned callable
        posts ``method(receiver, *bound, *args)`` to the GUI thread. It holds only a weak reference
        to ``receiver`` (a widget never dies on another thread); the call is dropped if the receiver
        has gone, or ``scope`` has changed since this callable was made."""
        ref, me = weakref.ref(receiver), weakref.ref(self)
        generation = scope.generation if scope is not None else 0

        def deliver(*args: object) -> None:
            def run() -> None:
                target = ref()
                gone = target is None or (isinstance(target, QObject) and not shiboken6.isValid(target))
                if gone or (scope is not None and not scope.current(generation)):
                    if stale is not None:
                        stale(*args)
                    return
                method(target, *bound, *args)

            tasks = me()
            if tasks is not None:
                tasks._post(lambda: tasks._guarded(run))

        return deliver

    def _post(self, fn: Callable[[], None]) -> None:
        with self._alive.lock:
            if not self._alive.alive:
                return
            try:
                self._deliver.emit(fn)
            except RuntimeError:  # already deleted on the C++ side (the app is going away)
                pass

    def _run_delivered(self, fn: Callable[[], None]) -> None:
        fn()

    def _guarded(self, fn: Callable[[], Any]) -> None:
        try:
            fn()
        except BaseException as exc:  # a callback's failure is reported, never lost
            self._emit_failed(exc)

    def _emit_failed(self, exc: BaseException) -> None:
        if not _is_known(exc):
            traceback.print_exception(exc)
        self.failed.emit(exc)

    def _started(self) -> None:
        self._pending += 1
        if self._pending == 1:
            self.busy_changed.emit(True)

    def _finished(self) -> None:
        self._pending -= 1
        if self._pending == 0:
            self.busy_changed.emit(False)

    def _finish(self, wanted: Callable[[], bool], callback: Callable[[Any], Any] | None, value: object,
                counted: bool = True) -> None:
        try:
            if callback is not None and wanted():
                self._guarded(lambda: callback(value))
        finally:
            if counted:
                self._finished()


class _Alive:
    """Posting stops once the task layer's Qt object is being destroyed (a lock orders the two)."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.alive = True

    def end(self, *_: object) -> None:
        with self.lock:
            self.alive = False


def _is_known(exc: BaseException) -> bool:
    from paperless.core.errors import PaperlessError

    return isinstance(exc, PaperlessError)


def _lower_priority() -> None:
    """Long background work yields the CPU to the app (Linux: per-thread nice value)."""
    if sys.platform.startswith("linux"):
        try:
            os.setpriority(os.PRIO_PROCESS, threading.get_native_id(), 10)
        except (OSError, AttributeError):
            pass
