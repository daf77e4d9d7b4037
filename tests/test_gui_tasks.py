"""The one task layer (gui/tasks.py): lanes, stale results dropped, cancellation, and exceptions
that always reach the error handler."""

from __future__ import annotations

import threading

import pytest
from pytestqt.qtbot import QtBot

from paperless.core.render import PdfDocument, RenderWorker
from paperless.gui.tasks import Task, Tasks


@pytest.fixture
def tasks(qtbot: QtBot) -> Tasks:
    return Tasks()


def test_results_come_back_on_the_gui_thread(qtbot: QtBot, tasks: Tasks) -> None:
    gui = threading.get_ident()
    seen: list[tuple[int, int]] = []
    with qtbot.waitSignal(tasks.busy_changed, timeout=5000):
        tasks.pool.run(threading.get_ident, lambda worker: seen.append((worker, threading.get_ident())))
    qtbot.waitUntil(lambda: not tasks.busy, timeout=5000)
    [(worker, back)] = seen
    assert worker != gui and back == gui


def test_the_database_lane_runs_one_job_at_a_time_in_order(qtbot: QtBot, tasks: Tasks) -> None:
    order: list[int] = []
    inside = threading.Semaphore(1)

    def job(i: int) -> int:
        assert inside.acquire(blocking=False), "two jobs at once on the database lane"
        order.append(i)
        inside.release()
        return i

    for i in range(20):
        tasks.db.run(lambda i=i: job(i))  # type: ignore[misc]
    qtbot.waitUntil(lambda: not tasks.busy, timeout=5000)
    assert order == list(range(20))


def test_a_renewed_scope_drops_earlier_results(qtbot: QtBot, tasks: Tasks) -> None:
    scope = tasks.scope()
    release = threading.Event()
    got: list[str] = []
    scope.run(tasks.pool, lambda: (release.wait(5), "old")[1], got.append)
    scope.renew()  # a new document: what the old one asked for is not wanted
    scope.run(tasks.pool, lambda: "new", got.append)
    release.set()
    qtbot.waitUntil(lambda: not tasks.busy, timeout=5000)
    assert got == ["new"]
    scope.close()
    scope.run(tasks.pool, lambda: "closed", got.append)
    qtbot.waitUntil(lambda: not tasks.busy, timeout=5000)
    assert got == ["new"]


def test_a_cancelled_task_stops_and_never_calls_back(qtbot: QtBot, tasks: Tasks) -> None:
    task = Task("copy")
    steps: list[int] = []
    started = threading.Event()

    def long_work() -> str:
        started.set()
        for i in range(1000):
            if task.cancelled.wait(0.01):
                return "stopped"
            steps.append(i)
        return "done"

    results: list[str] = []
    tasks.background.run(long_work, results.append, results.append, task=task)
    assert started.wait(5)
    task.cancel()
    assert task.wait(5)
    qtbot.waitUntil(lambda: not tasks.busy, timeout=5000)
    assert results == [] and len(steps) < 1000


def test_exceptions_of_jobs_and_of_callbacks_reach_the_error_handler(qtbot: QtBot, tasks: Tasks) -> None:
    failures: list[BaseException] = []
    tasks.failed.connect(failures.append)

    def broken_job() -> None:
        raise ValueError("in the job")

    def broken_callback(_result: object) -> None:
        raise KeyError("in the callback")

    tasks.pool.run(broken_job)
    tasks.pool.run(lambda: 1, broken_callback)
    tasks.pool.run(broken_job, None, lambda exc: (_ for _ in ()).throw(RuntimeError("in the failure handler")))
    qtbot.waitUntil(lambda: len(failures) == 3, timeout=5000)
    assert sorted(type(e).__name__ for e in failures) == ["KeyError", "RuntimeError", "ValueError"]


def test_a_render_worker_callback_that_raises_reaches_the_error_handler(qtbot: QtBot, tasks: Tasks) -> None:
    """``RenderWorker._safe`` used to swallow them (logged only)."""
    failures: list[BaseException] = []
    tasks.failed.connect(failures.append)
    worker = RenderWorker(document_factory=PdfDocument, on_error=tasks.report)
    try:
        def opened(_doc: object, _sizes: object, _error: object) -> None:
            raise ZeroDivisionError("a bug in a callback")

        worker.open("doc", b"%PDF-1.4 not really", opened)
        qtbot.waitUntil(lambda: bool(failures), timeout=5000)
        assert isinstance(failures[0], ZeroDivisionError)
    finally:
        worker.shutdown()


def test_a_worker_callback_to_a_receiver_gone_or_stale_is_dropped(qtbot: QtBot, tasks: Tasks) -> None:
    class Receiver:
        def __init__(self) -> None:
            self.got: list[object] = []

        def take(self, value: object) -> None:
            self.got.append(value)

    alive, gone = Receiver(), Receiver()
    scope = tasks.scope()
    current = scope.callback(alive, Receiver.take)
    stale = scope.callback(alive, Receiver.take)
    to_gone = tasks.callback(gone, Receiver.take)
    del gone
    scope.renew()
    fresh = scope.callback(alive, Receiver.take)
    threads = [threading.Thread(target=cb, args=(v,)) for cb, v in ((current, 1), (stale, 2), (to_gone, 3), (fresh, 4))]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    qtbot.waitUntil(lambda: alive.got == [4], timeout=5000)
    qtbot.wait(50)  # nothing else arrives later (the posted calls have all run by now)
    assert alive.got == [4]


def test_work_queued_before_its_scope_changed_still_runs(qtbot: QtBot, tasks: Tasks) -> None:
    """A save queued just before the session closes is not lost: only its callback is dropped."""
    scope = tasks.scope()
    release = threading.Event()
    tasks.db.run(lambda: release.wait(5))  # the lane is busy …
    saved: list[str] = []
    told: list[str] = []
    scope.run(tasks.db, lambda: saved.append("note") or "done", told.append)  # … a save waits behind it
    scope.renew()  # the session closes before the save has run
    release.set()
    qtbot.waitUntil(lambda: not tasks.busy, timeout=5000)
    assert saved == ["note"] and told == []


def test_the_task_layer_is_no_garbage_cycle(qtbot: QtBot) -> None:
    """Dropped, it goes at once on this thread — never later, in a garbage collection that could
    run on a worker thread and tear its Qt connections down there (that deadlocked the GUI)."""
    import gc
    import weakref

    assert not gc.isenabled()  # the tests, as the app, collect on the main thread only
    tasks = Tasks()
    gone = weakref.ref(tasks)
    scope = tasks.scope()
    scope.run(tasks.db, lambda: 1, lambda _r: None)
    qtbot.waitUntil(lambda: not gone().busy, timeout=5000)  # type: ignore[union-attr]
    assert tasks.wait_for_done(5000)
    del tasks
    assert gone() is None  # freed by its reference count alone


def test_the_app_collects_garbage_on_the_gui_thread(qtbot: QtBot) -> None:
    import gc

    from paperless.gui.gc_main_thread import MainThreadCollector

    collector = MainThreadCollector(interval_ms=10)
    try:
        assert not gc.isenabled()

        class Cycle:
            def __init__(self) -> None:
                self.me = self

        for _ in range(5000):
            Cycle()
        qtbot.waitUntil(lambda: gc.get_count()[0] < 700, timeout=5000)  # collected by the timer
    finally:
        collector.deleteLater()
        qtbot.waitUntil(gc.isenabled, timeout=5000)  # the collector gone: automatic collection again
        gc.disable()  # as the test session wants it


def test_a_stale_answer_can_give_back_what_it_holds(qtbot: QtBot, tasks: Tasks) -> None:
    """The indexer's documents opened for a run that has since stopped are closed, not leaked."""
    class Receiver:
        def take(self, value: object) -> None:
            raise AssertionError("a stale answer reached its receiver")

    given_back: list[object] = []
    receiver = Receiver()
    scope = tasks.scope()
    answer = scope.callback(receiver, Receiver.take, stale=given_back.append)
    scope.renew()
    thread = threading.Thread(target=answer, args=("document",))
    thread.start()
    thread.join()
    qtbot.waitUntil(lambda: given_back == ["document"], timeout=5000)
