"""One lock for every use of PyMuPDF inside this process.

PyMuPDF shares one MuPDF context across the process and "does not support running on multiple
threads — doing so may cause incorrect behaviour or even crash Python itself" (its documentation).
The reader renders in a separate process, but some work still opens PDFs in the app's own process
on more than one thread: the clerk's workspace checks dropped documents on one lane while a build
checks them on another, and tests render in-process. Every such use holds :data:`PYMUPDF`; the
render process, alone on its thread, takes it uncontended.
"""

from __future__ import annotations

import functools
import threading
from collections.abc import Callable
from typing import ParamSpec, TypeVar

PYMUPDF = threading.RLock()

P = ParamSpec("P")
R = TypeVar("R")


def pymupdf_locked(fn: Callable[P, R]) -> Callable[P, R]:
    """``fn`` runs holding :data:`PYMUPDF`."""

    @functools.wraps(fn)
    def locked(*args: P.args, **kwargs: P.kwargs) -> R:
        with PYMUPDF:
            return fn(*args, **kwargs)

    return locked
