"""Garbage collection on the GUI thread only (as qutebrowser does).

Python's cyclic garbage collector runs on whichever thread happens to allocate when a threshold
is crossed — often a worker thread of the task layer or the render worker. If the garbage holds
a Qt object, tearing it down there disconnects Qt signals off the GUI thread while the GUI thread
may hold the interpreter lock and wait for the same Qt mutex: the app freezes. So automatic
collection is switched off and a timer on the GUI thread collects instead, as often as the
collector's own thresholds ask.
"""

from __future__ import annotations

import ctypes
import gc
import sys

from PySide6.QtCore import QObject, QTimer

CHECK_MS = 1000  # how often the GUI thread looks whether a collection is due


class MainThreadCollector(QObject):
    def __init__(self, parent: QObject | None = None, *, interval_ms: int = CHECK_MS) -> None:
        super().__init__(parent)
        self._thresholds = gc.get_threshold()
        gc.disable()
        self._timer = QTimer(self)
        self._timer.setInterval(interval_ms)
        self._timer.timeout.connect(self.collect_if_due)
        self._timer.start()
        self.destroyed.connect(gc.enable)

    def collect_if_due(self) -> int:
        """Collect the generations whose counts passed their thresholds; the objects found."""
        counts = gc.get_count()
        for generation in (2, 1, 0):
            if counts[generation] > self._thresholds[generation]:
                return gc.collect(generation)
        return 0


M_MMAP_THRESHOLD = -3  # glibc's mallopt parameter
MMAP_THRESHOLD = 64 * 1024  # kept fixed: a decrypted chunk (64 KiB) and anything bigger gets its own mapping


def _glibc() -> ctypes.CDLL | None:
    if not sys.platform.startswith("linux"):
        return None
    try:
        libc = ctypes.CDLL(None)
        libc.malloc_trim, libc.mallopt  # noqa: B018  # glibc, not musl
    except (OSError, AttributeError):
        return None
    return libc


def keep_big_buffers_apart() -> None:
    """Every buffer of 64 KiB or more gets its own mapping, given back to the system when freed:
    decrypted documents and the decryption's 64 KiB chunks (also those the cipher library makes on
    its threads) leave no bytes behind on the heap. glibc would otherwise raise its threshold as
    big buffers are freed. Linux with glibc; nothing elsewhere."""
    libc = _glibc()
    if libc is not None:
        libc.mallopt(M_MMAP_THRESHOLD, MMAP_THRESHOLD)


def give_back_memory() -> None:
    """Hand the heap's free pages back to the system (glibc's ``malloc_trim``; nothing elsewhere),
    so that freed buffers — decrypted documents after the idle lock — are not left readable in
    this process's free memory. Any thread."""
    libc = _glibc()
    if libc is not None:
        libc.malloc_trim(0)


def collect_garbage() -> None:
    """Collect now (on the GUI thread) and give the freed memory back."""
    gc.collect()
    give_back_memory()
