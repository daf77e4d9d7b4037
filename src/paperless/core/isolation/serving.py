"""The shared parts of a child's request loop and of the app's side of the handshake.

A child's first message is ``["hello", target, pid, [in force…], [missing…]]`` (what the
sandbox holds, see :mod:`.sandbox`); then it answers each request with exactly one reply.
A failure is ``["err", kind, detail, where]``: ``kind`` is one of
:data:`~paperless.core.isolation.shapes.ERROR_KINDS` and the app maps it to its own fixed
exception classes — a child never names a module or a class.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Protocol

from paperless.core.bundle.errors import DocumentError
from paperless.core.isolation.sandbox import Confinement, Report
from paperless.core.isolation.shapes import ERROR, Const, Int, List, Str, Tuple
from paperless.core.isolation.wire import Channel, Closed, Limits, Message, ProtocolError

log = logging.getLogger(__name__)

HELLO = Tuple(Const("hello"), Str(32), Int(1), List(Str(64), 32), List(Str(64), 64))
DETAIL = 2000
WHERE = 200


class Target(Protocol):
    """A child's work: what it accepts, how it is confined, and its request loop."""

    limits: Limits
    confinement: Confinement

    def handle(self, channel: Channel, message: Message) -> None: ...


def failure(exc: BaseException) -> list[Any]:
    if isinstance(exc, DocumentError):
        detail, where = str(exc.params.get("detail", "")), str(exc.params.get("path", ""))
        return ["err", "document", detail[:DETAIL], where[:WHERE]]
    if isinstance(exc, ProtocolError):
        return ["err", "refused", str(exc)[:DETAIL], ""]
    return ["err", "failed", (str(exc).strip() or type(exc).__name__)[:DETAIL], ""]


def serve(channel: Channel, target: Target) -> None:
    """Answer requests until the app says ``quit`` or closes its end."""
    while True:
        try:
            message = channel.receive()
        except ProtocolError:  # the app went away (or broke the protocol: nothing to say to it)
            return
        try:
            if message.header[0] == "quit":
                return
            try:
                target.handle(channel, message)
            except Closed:
                return
            except Exception as exc:  # one bad page is not the end: report and carry on
                channel.send(failure(exc))
        finally:
            message.close_fds()  # the ones a handler kept were taken out of the message


@dataclass(frozen=True)
class Hello:
    target: str
    pid: int
    report: Report


def read_hello(channel: Channel, target: str, deadline: float | None) -> Hello:
    """The child's first message; what its sandbox could not put in force is logged."""
    message = channel.receive(deadline=deadline, blob_limit=lambda _h: 0)
    _, name, pid, in_force, missing = HELLO.check(message.header)
    if name != target:
        raise ProtocolError("the child is not the one started")
    hello = Hello(name, pid, Report(tuple(in_force), tuple(missing)))
    if missing:
        log.warning("the %s process runs without: %s", target, ", ".join(missing))
    return hello


def raise_error(header: list[Any], *, failed: Callable[[str], Exception]) -> None:
    """Raise the app's exception for an ``err`` reply (a checked shape), or return for others."""
    if not header or header[0] != "err":
        return
    _, kind, detail, where = ERROR.check(header)
    if kind == "document":
        raise DocumentError(path=where, detail=detail)
    if kind == "refused":
        raise ProtocolError(f"the child refused the request: {detail}")
    raise failed(detail)
