"""Run one pure function in a fresh process and get its result back (Qt-free).

The exports call PyMuPDF, which is not thread-safe and, in some configurations, is also used
in-process by the render worker; so an export runs in a child process of its own
(``multiprocessing`` *spawn*: never fork a Qt app), started for the one call and gone after
it. Arguments and the result travel through a pipe, in memory (decrypted PDF bytes are
never written to disk). Call :func:`run_isolated` from a worker thread: it blocks.

A known error of the function (a :class:`PaperlessError`, e.g. a damaged PDF) comes back as
the same error; anything else as :class:`IsolatedCallError` with the child's traceback in
its detail; so does a child that dies (a crash in MuPDF) or takes longer than ``timeout``.
"""

from __future__ import annotations

import importlib
import multiprocessing
import traceback
from collections.abc import Callable
from multiprocessing.connection import Connection
from typing import Any, TypeVar

from paperless.core.errors import PaperlessError

T = TypeVar("T")
TIMEOUT_S = 600.0


class IsolatedCallError(PaperlessError):
    en = "The work stopped unexpectedly: {detail}"
    vi = "Công việc bị dừng bất ngờ: {detail}"


def run_isolated(fn: Callable[..., T], *args: Any, timeout: float = TIMEOUT_S, **kwargs: Any) -> T:
    """``fn(*args, **kwargs)`` in a new process; ``fn`` must be a module-level function."""
    ctx = multiprocessing.get_context("spawn")
    receive, send = ctx.Pipe(duplex=False)
    child = ctx.Process(target=_child, args=(send, fn, args, kwargs), name="paperless-export", daemon=True)
    child.start()
    send.close()  # ours: the child holds its own end; EOF once it exits
    try:
        if not receive.poll(timeout):
            raise IsolatedCallError(detail=f"no answer after {timeout:.0f} s")
        try:
            status, value = receive.recv()
        except EOFError:
            child.join(5)
            raise IsolatedCallError(detail=f"the process ended with code {child.exitcode}") from None
    finally:
        receive.close()
        if child.is_alive():
            child.join(5)
        if child.is_alive():
            child.kill()
            child.join(5)
    if status == "ok":
        return value  # type: ignore[no-any-return]
    if status == "known":
        module, name, params = value
        cls = getattr(importlib.import_module(module), name, None)
        if isinstance(cls, type) and issubclass(cls, PaperlessError):
            raise cls(**params)
        raise IsolatedCallError(detail=str(params))
    raise IsolatedCallError(detail=str(value))


def _child(send: Connection, fn: Callable[..., Any], args: tuple[Any, ...], kwargs: dict[str, Any]) -> None:
    try:
        reply: tuple[str, Any] = ("ok", fn(*args, **kwargs))
    except PaperlessError as exc:  # rebuilt from its parameters: its __init__ takes keywords only
        reply = ("known", (type(exc).__module__, type(exc).__qualname__, exc.params))
    except BaseException:  # noqa: BLE001 - reported to the parent as a bug
        reply = ("bug", traceback.format_exc())
    try:
        send.send(reply)
    except Exception:  # noqa: BLE001 - e.g. an unpicklable parameter: still say what happened
        send.send(("bug", traceback.format_exc()))
    finally:
        send.close()
