"""The ``probe`` child: confined exactly like the render process, it tries one forbidden thing
per request and reports only whether it worked — never what it read. The tests use it to show
the sandbox from the inside; shipping it gives nothing away (only the app can start it, and
the app can do all of this itself).

Request ``["try", what, argument]`` → ``["tried", what, worked, detail]``.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
from collections.abc import Callable

from paperless.core.isolation.sandbox import LONG_LIVED
from paperless.core.isolation.shapes import OneOf, Str, Tuple
from paperless.core.isolation.wire import Channel, Limits, Message

ATTEMPTS = ("read", "write", "socket", "env", "subprocess", "posix_spawn", "fork", "kill", "proc_fd", "listdir")
TRY = Tuple(OneOf("try"), OneOf(*ATTEMPTS), Str(4096))


def _read(path: str) -> str:
    with open(path, "rb") as f:
        return f"{len(f.read(1 << 16))} bytes"


def _write(path: str) -> str:
    with open(path, "wb") as f:
        f.write(b"written from a sandboxed child\n")
    return "written"


def _socket(host: str) -> str:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.settimeout(1.0)
        s.connect((host, 9))
    return "connected"


def _env(name: str) -> str:
    if name in os.environ:
        return "present"
    raise LookupError("absent")


def _subprocess(program: str) -> str:
    subprocess.run([program], check=False, timeout=5)
    return "ran"


def _posix_spawn(program: str) -> str:
    pid = os.posix_spawn(program, [program], {})
    os.waitpid(pid, 0)
    return "ran"


def _fork(_arg: str) -> str:
    pid = os.fork()
    if pid == 0:
        os._exit(0)
    os.waitpid(pid, 0)
    return "forked"


def _kill(pid: str) -> str:
    os.kill(int(pid), 0)  # signal 0: only asks whether it may
    return "may signal"


def _proc_fd(path: str) -> str:
    return _read(path)


def _listdir(path: str) -> str:
    return f"{len(os.listdir(path))} entries"


ACTIONS: dict[str, Callable[[str], str]] = {
    "read": _read, "write": _write, "socket": _socket, "env": _env, "subprocess": _subprocess,
    "posix_spawn": _posix_spawn, "fork": _fork, "kill": _kill, "proc_fd": _proc_fd, "listdir": _listdir,
}


class ProbeTarget:
    limits = Limits(max_header=8192, max_depth=2, max_blobs=0, max_blob=0, max_fds=0)
    confinement = LONG_LIVED  # as the render process

    def __init__(self) -> None:
        import pymupdf  # noqa: F401 - loaded as in the render process, so the same memory layout

        # the modules these attempts would otherwise load lazily (in the sandbox they could not)
        __import__("subprocess")
        __import__("socket")
        self._platform = sys.platform

    def handle(self, channel: Channel, message: Message) -> None:
        _, what, argument = TRY.check(message.header)
        try:
            detail = ACTIONS[what](argument)
            worked = True
        except Exception as exc:  # the point: what failed, and how
            worked, detail = False, f"{type(exc).__name__}: {exc}"[:500]
        channel.send(["tried", what, worked, detail])
