"""One hardened protocol for every child process (Qt-free).

* :mod:`.wire` — length-prefixed frames: a JSON header, raw blobs, descriptors; limits and
  a deadline on everything received.
* :mod:`.shapes` — the fixed shape every request and reply is checked against.
* :mod:`.launch` — ``subprocess`` start with a clean environment and one socket.
* :mod:`.sandbox` — what a child applies to itself (seccomp, limits…) and the app's own hardening.
* :mod:`.serving` — the request loop, the ``hello`` handshake, errors by a fixed set of kinds.
* :mod:`.entry` — ``paperless --paperless-child TARGET FD``.
"""

from paperless.core.isolation.launch import CHILD_FLAG, ChildProcess, Command, child_command
from paperless.core.isolation.sandbox import Report, harden_app
from paperless.core.isolation.serving import Hello, read_hello
from paperless.core.isolation.wire import Channel, Closed, Limits, Message, ProtocolError, TimedOut

__all__ = [
    "CHILD_FLAG", "Channel", "ChildProcess", "Closed", "Command", "Hello", "Limits", "Message", "ProtocolError",
    "Report", "TimedOut", "child_command", "harden_app", "read_hello",
]
