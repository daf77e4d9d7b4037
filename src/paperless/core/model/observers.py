"""Change notifications for the Qt-free model: any thread may change the model; observers are told.

An observer is a plain callable taking the event. It is called on the thread that made the change,
after the model's lock is released (so it may read the model); the GUI's adapter re-posts events to
the GUI thread. An observer that raises does not stop the others: its exception goes to the
``on_error`` hook (the app's error handler), never vanishes.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from typing import Generic, TypeVar

E = TypeVar("E")
log = logging.getLogger(__name__)


class Observers(Generic[E]):
    def __init__(self, on_error: Callable[[BaseException], None] | None = None) -> None:
        self._lock = threading.Lock()
        self._observers: list[Callable[[E], None]] = []
        self.on_error = on_error

    def subscribe(self, observer: Callable[[E], None]) -> Callable[[], None]:
        """Start telling ``observer``; returns the function that stops it."""
        with self._lock:
            self._observers.append(observer)

        def unsubscribe() -> None:
            with self._lock:
                if observer in self._observers:
                    self._observers.remove(observer)

        return unsubscribe

    def notify(self, event: E) -> None:
        with self._lock:
            observers = list(self._observers)
        for observer in observers:
            try:
                observer(event)
            except Exception as exc:
                log.exception("a model observer failed")
                if self.on_error is not None:
                    self.on_error(exc)
