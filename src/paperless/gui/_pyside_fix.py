"""Work around reference-count bugs in PySide6 6.12 on Python 3.11.

With this PySide on CPython 3.11, a method that returns nothing (``widget.update()``,
``timer.start()`` …) hands back ``None`` without taking a reference to it, and
``signal.emit(...)`` does the same with ``True``. Each call takes one reference away from
the singleton; after a few thousand calls (scrolling a long document is enough) its count
reaches zero and the interpreter aborts ("none_dealloc: deallocating None", "bool_dealloc").
CPython 3.12+ makes these objects immortal, which is why the bug goes unnoticed there.

At import we check whether this PySide has the bug (one call each, compare counts) and, if
so, give ``None``, ``True`` and ``False`` a very large number of extra references — in
effect what 3.12 does for them. Nothing changes when the bug is absent.
"""

from __future__ import annotations

import ctypes
import sys

from PySide6.QtCore import QObject, Signal

PINNED = 1 << 40  # more calls than any session will ever make


class _Probe(QObject):
    ping = Signal()


def _loses(singleton: object, call: object) -> bool:
    assert callable(call)
    before = sys.getrefcount(singleton)
    for _ in range(8):
        call()
    return sys.getrefcount(singleton) < before - 4


def affected() -> bool:
    probe = _Probe()
    return _loses(None, lambda: probe.setObjectName("probe")) or _loses(True, probe.ping.emit)


def apply() -> bool:
    """Pin ``None``/``True``/``False`` if the bug is present; returns whether it was."""
    if sys.version_info >= (3, 12) or not affected():
        return False
    for value in (None, True, False):
        ctypes.c_ssize_t.from_address(id(value)).value += PINNED
    return True


APPLIED = apply()
