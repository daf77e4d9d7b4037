"""Carry the render worker's callbacks (worker thread) to the GUI thread.

The worker calls back on its own thread; widgets may only be touched on the GUI thread.
``Bridge.post(fn)`` emits a signal carrying ``fn``; the queued connection runs it later on
the thread the bridge lives in (the GUI thread). Posting from the GUI thread itself is
also deferred, so a callback never re-enters the code that made the request.

Two rules keep Qt objects from dying on the worker thread:

* a bridge is created with a parent (its view), so Qt, not Python, owns it; once it is
  being destroyed, ``post`` does nothing (a lock orders the two);
* :func:`deliver` makes worker callbacks that hold only the bridge and a *weak* reference
  to the receiver, so the worker never holds the last reference to a widget.
"""

from __future__ import annotations

import logging
import threading
import weakref
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, Qt, Signal, Slot

log = logging.getLogger(__name__)


class _Life:
    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.alive = True

    def end(self, *_: object) -> None:
        with self.lock:
            self.alive = False


class Bridge(QObject):
    _deliver = Signal(object)

    def __init__(self, parent: QObject) -> None:
        super().__init__(parent)
        self._life = _Life()
        self.destroyed.connect(self._life.end)
        self._deliver.connect(self._run, Qt.ConnectionType.QueuedConnection)

    def post(self, fn: Callable[[], None]) -> None:
        """Run ``fn`` soon on the GUI thread. Safe from any thread."""
        with self._life.lock:
            if not self._life.alive:
                return
            try:
                self._deliver.emit(fn)
            except RuntimeError:  # already deleted on the C++ side
                log.debug("dropped a result for a deleted view")

    @Slot(object)
    def _run(self, fn: Callable[[], None]) -> None:
        fn()


def _call(ref: weakref.ref[Any], method: Callable[..., None], args: tuple[object, ...]) -> None:
    receiver = ref()
    if receiver is not None:
        method(receiver, *args)


def deliver(bridge: Bridge, receiver: object, method: Callable[..., None], *bound: object) -> Callable[..., None]:
    """A callback for the worker: ``method(receiver, *bound, *args)`` later on the GUI thread.

    ``method`` is a plain function (e.g. ``DocumentView._rendered``), never a bound method or
    a closure over a widget: the callback keeps only ``bridge`` and a weak reference.
    """
    ref = weakref.ref(receiver)

    def callback(*args: object) -> None:
        bridge.post(lambda: _call(ref, method, bound + args))

    return callback
