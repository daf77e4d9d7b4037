"""A child's entry: ``paperless --paperless-child TARGET FD`` (dispatched before anything else).

``TARGET`` names one of a fixed table — ``render`` (the render process), ``export`` (one
export, then gone) and ``probe`` (tries what the sandbox forbids and reports what happened;
used by the tests, harmless to ship). The child:

1. takes its socket (``FD``; ``-`` = stdin/stdout on Windows) and lets go of stdin, stdout
   and stderr (closed on POSIX: its only descriptors are then its socket and the memory
   segments it is sent);
2. imports and loads everything its work will need (PyMuPDF, the bundled fonts, the time
   zone…): once the sandbox is on, no file can be opened, so nothing may load lazily;
3. confines itself (:func:`~paperless.core.isolation.sandbox.confine`) and says ``hello``
   with what is in force;
4. answers requests until the app says ``quit`` or goes away.
"""

from __future__ import annotations

import os
import signal
import socket
import sys
import time
from collections.abc import Callable, Sequence

from paperless.core.isolation.launch import WINDOWS_ENV
from paperless.core.isolation.sandbox import confine
from paperless.core.isolation.serving import Target, serve
from paperless.core.isolation.wire import Channel, PipeTransport, SocketTransport, Transport


def _render() -> Target:
    from paperless.core.render.child import RenderTarget

    return RenderTarget()


def _export() -> Target:
    from paperless.core.export.child import ExportTarget

    return ExportTarget()


def _probe() -> Target:
    from paperless.core.isolation.probe import ProbeTarget

    return ProbeTarget()


TARGETS: dict[str, Callable[[], Target]] = {"render": _render, "export": _export, "probe": _probe}


# Variables a child may have though the app gave it none: Python's own locale coercion
# (PEP 538), what Windows needs to start, and what the frozen build's loader sets for itself.
OWN_VARIABLES = {"LC_CTYPE", "LD_LIBRARY_PATH", "LD_LIBRARY_PATH_ORIG", *WINDOWS_ENV}


def _environment_is_clean() -> bool:
    """Nothing of the app's environment came with us (the app passes none)."""
    names = set(os.environ)
    if sys.platform.startswith("linux"):
        try:
            with open("/proc/self/environ", "rb") as f:  # what we were started with
                names = {item.split(b"=", 1)[0].decode("utf-8", "replace") for item in f.read().split(b"\0") if item}
        except OSError:
            return False
    return all(name in OWN_VARIABLES or name.startswith("_PYI_") for name in names)


def _transport(where: str, max_fds: int) -> Transport:
    if where == "-":
        if sys.platform == "win32":
            import msvcrt

            msvcrt.setmode(0, os.O_BINARY)  # type: ignore[attr-defined]
            msvcrt.setmode(1, os.O_BINARY)  # type: ignore[attr-defined]
        return PipeTransport(os.dup(0), os.dup(1))
    return SocketTransport(socket.socket(fileno=int(where)), max_fds=max_fds)


def _let_go_of_stdio() -> None:
    sys.stdin = sys.stdout = sys.stderr = None
    if sys.platform != "win32":
        for fd in (0, 1, 2):
            try:
                os.close(fd)
            except OSError:
                pass


def child_main(argv: Sequence[str]) -> int:
    if len(argv) != 2 or argv[0] not in TARGETS:
        return 2
    name, where = argv
    if not (where == "-" or where.isdigit()):
        return 2
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl+C in a terminal is the app's business
    clean = _environment_is_clean()
    os.environ.clear()
    target = TARGETS[name]()  # imports and loads all it needs, now
    transport = _transport(where, target.limits.max_fds)
    _let_go_of_stdio()
    time.localtime()  # the C library reads the time zone now (no file can be opened later)
    channel = Channel(transport, target.limits)
    report = confine(target.confinement, clean_env=clean)
    channel.send(["hello", name, os.getpid(), list(report.in_force), list(report.missing)])
    serve(channel, target)
    return 0
