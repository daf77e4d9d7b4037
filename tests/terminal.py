"""Running a command on a pseudo-terminal and answering its passphrase prompts (for the tests
of programs that ask on /dev/tty: the age CLI, ``paperless bundle extract``)."""

from __future__ import annotations

import os
import pty
import re
import select
import signal
import time
from collections.abc import Callable, Mapping
from pathlib import Path


def run_on_terminal(argv: list[str], answer: str, *, prompt: bytes = rb"(?i)passphrase[^\r\n]*?:",
                    before_answer: Callable[[int], None] | None = None, cwd: Path | None = None,
                    env: Mapping[str, str] | None = None, timeout: float = 120) -> tuple[int, str, int]:
    """Run ``argv`` with the pty as its terminal; type ``answer`` at each ``prompt`` (the n-th
    answer when the output holds n prompts: other output may come in the same read as a prompt),
    calling ``before_answer(n)`` first. Returns (exit code, terminal output, prompts answered)."""
    pid, fd = pty.fork()
    if pid == 0:  # child: session leader, the pty is stdin/stdout/stderr and /dev/tty
        try:
            if cwd is not None:
                os.chdir(cwd)
            os.execvpe(argv[0], argv, dict(env) if env is not None else dict(os.environ))
        finally:
            os._exit(127)
    output = b""
    answered = 0
    deadline = time.monotonic() + timeout
    try:
        while True:
            left = deadline - time.monotonic()
            if left <= 0:
                raise AssertionError(f"timed out; output so far: {output!r}")
            ready, _, _ = select.select([fd], [], [], min(left, 1.0))
            if not ready:
                continue
            try:
                data = os.read(fd, 4096)
            except OSError:  # EIO: the child closed the terminal
                break
            if not data:
                break
            output += data
            while len(re.findall(prompt, output)) > answered:
                if before_answer is not None:
                    before_answer(answered)
                os.write(fd, answer.encode() + b"\n")
                answered += 1
        _, status = os.waitpid(pid, 0)
    except BaseException:
        os.kill(pid, signal.SIGKILL)
        os.waitpid(pid, 0)
        raise
    finally:
        os.close(fd)
    return os.waitstatus_to_exitcode(status), output.decode(errors="replace"), answered
