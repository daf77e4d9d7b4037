"""Starting a child: ``subprocess.Popen`` of this program with ``--paperless-child TARGET FD``.

* POSIX: an ``AF_UNIX`` socket pair; the child's end is the only descriptor it inherits
  (``pass_fds``, ``close_fds``); stdin, stdout and stderr are ``/dev/null`` and the child
  closes them once started. Windows: the child's stdin and stdout pipes (``FD`` is ``-``).
* A clean environment: nothing of the app's (no passphrase variable, no ``HOME``, no
  ``PYTHONPATH``); on Windows only what Python needs to start (``SYSTEMROOT``).
* ``python -I -m paperless …`` from source, the program itself when frozen (PyInstaller).
* No ``preexec_fn`` (the app is threaded): the child confines itself
  (:mod:`paperless.core.isolation.sandbox`).
"""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
from collections.abc import Callable

from paperless.core.isolation.wire import Channel, Limits, PipeTransport, SocketTransport, Transport

CHILD_FLAG = "--paperless-child"
WINDOWS_ENV = ("SYSTEMROOT",)

Command = Callable[[str, str], list[str]]  # (target, descriptor) -> argv


def child_command(target: str, fd: str) -> list[str]:
    """The argv that starts ``target`` talking over ``fd`` ("-": stdin/stdout)."""
    if getattr(sys, "frozen", False):
        return [sys.executable, CHILD_FLAG, target, fd]
    return [sys.executable, "-I", "-m", "paperless", CHILD_FLAG, target, fd]


def clean_env() -> dict[str, str]:
    if sys.platform == "win32":
        return {k: os.environ[k] for k in WINDOWS_ENV if k in os.environ}
    return {}


class ChildProcess:
    """One running child and the channel to it."""

    def __init__(self, target: str, limits: Limits, *, command: Command = child_command) -> None:
        self.target = target
        if sys.platform == "win32":
            self._popen = subprocess.Popen(command(target, "-"), stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                           stderr=subprocess.DEVNULL, env=clean_env(), close_fds=True)
            assert self._popen.stdin is not None and self._popen.stdout is not None
            transport: Transport = PipeTransport(self._popen.stdout.fileno(), self._popen.stdin.fileno(),
                                                 on_timeout=self.kill)
        else:
            ours, theirs = socket.socketpair(socket.AF_UNIX, socket.SOCK_STREAM)
            try:
                self._popen = subprocess.Popen(command(target, str(theirs.fileno())), pass_fds=(theirs.fileno(),),
                                               stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                                               stderr=subprocess.DEVNULL, env=clean_env(), close_fds=True)
            except BaseException:
                ours.close()
                raise
            finally:
                theirs.close()
            transport = SocketTransport(ours, max_fds=limits.max_fds)
        self.channel = Channel(transport, limits)

    @property
    def pid(self) -> int:
        return self._popen.pid

    def alive(self) -> bool:
        return self._popen.poll() is None

    def kill(self) -> None:
        if self._popen.poll() is None:
            try:
                self._popen.send_signal(signal.SIGKILL if hasattr(signal, "SIGKILL") else signal.SIGTERM)
            except OSError:
                pass

    def wait(self, timeout: float) -> int | None:
        try:
            return self._popen.wait(timeout)
        except subprocess.TimeoutExpired:
            return None

    def close(self, grace: float = 0.0) -> None:
        """Close the channel (the child sees the end and exits), wait ``grace`` seconds, then kill."""
        self.channel.close()
        if grace and self.wait(grace) is not None:
            return
        self.kill()
        self.wait(5)
        for pipe in (self._popen.stdin, self._popen.stdout):  # Windows: the channel's pipes, closed already
            if pipe is not None:
                try:
                    pipe.close()
                except OSError:
                    pass
