"""Length-prefixed frames between the app and a child process, parsed without executing anything.

One message on the wire::

    prefix   12 bytes: magic b"PLC1", header length (u32), blob count (u16), fd count (u16)
    header   UTF-8 JSON: always an array whose first item is a string (the operation)
    blobs    each: length (u64) then that many raw bytes (documents, pixels, PDFs)
    fds      POSIX only: SCM_RIGHTS descriptors sent with the prefix's bytes

Every limit is checked before anything is allocated: a header longer than the channel's
``max_header``, more blobs or descriptors than allowed, a blob longer than the limit the
caller gives (an absurd 2**62 included) are refused at once. The header is parsed by
``json.loads`` (C-fast) with ``NaN``/``Infinity`` refused, integers of more than 19 digits
refused, and its nesting depth checked; JSON has no shared references, so a reply cannot
grow when it is printed. Receiving has an overall deadline: a peer that sends half a frame
and stalls raises :class:`TimedOut`. Descriptors that arrive where none were announced, or
more than announced, are closed and the message refused.

Refusals raise :class:`ProtocolError` (or its subclasses :class:`Closed` and
:class:`TimedOut`); after one, the channel is out of step and its owner ends the child.
"""

from __future__ import annotations

import array
import json
import math
import mmap
import os
import re
import select
import socket
import struct
import sys
import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from itertools import accumulate
from typing import Any, Protocol

MAGIC = b"PLC1"
PREFIX = struct.Struct("!4sIHH")
BLOB_LENGTH = struct.Struct("!Q")
READ_AHEAD = 64 * 1024  # small frames arrive in one system call
MAX_INT_DIGITS = 19  # |n| < 10**19: every int of the protocol fits; a 5,000-digit one is refused unparsed
_IO_SLICE = 1 << 30  # one system call moves at most this much

_STRING = re.compile(rb'"(?:[^"\\]|\\.)*"')  # a JSON string (used on text json.loads accepted)
_NOT_BRACKETS = bytes(b for b in range(256) if b not in b"[]{}")
_STEP = {ord("["): 1, ord("{"): 1, ord("]"): -1, ord("}"): -1}


class ProtocolError(Exception):
    """The peer broke the protocol; the message is refused and the channel is no longer usable."""


class Closed(ProtocolError):
    """The peer closed its end (it exited or crashed)."""


class TimedOut(ProtocolError):
    """The peer did not finish its message (or take ours) before the deadline."""


Buffer = bytes | bytearray | memoryview | mmap.mmap


@dataclass(frozen=True)
class Limits:
    """What one side accepts from the other on a channel."""

    max_header: int = 1 << 20  # bytes of JSON
    max_depth: int = 8  # nesting of arrays and objects in the header
    max_blobs: int = 1
    max_blob: int = 0  # bytes of one blob unless the receiver gives a tighter limit
    max_fds: int = 0


@dataclass
class Message:
    header: list[Any]
    blobs: list[bytearray] = field(default_factory=list)
    fds: list[int] = field(default_factory=list)

    def close_fds(self) -> None:
        fds, self.fds = self.fds, []
        for fd in fds:
            _close_quietly(fd)


def _close_quietly(fd: int) -> None:
    try:
        os.close(fd)
    except OSError:
        pass


def _remaining(deadline: float | None) -> float | None:
    if deadline is None:
        return None
    left = deadline - time.monotonic()
    if left <= 0:
        raise TimedOut("the other side did not answer in time")
    return left


# ---- transports ---------------------------------------------------------------------------------


class Transport(Protocol):
    passes_fds: bool

    def send(self, chunks: Sequence[Buffer], fds: Sequence[int], deadline: float | None) -> None: ...

    def recv_into(self, view: memoryview, deadline: float | None) -> tuple[int, list[int]]: ...

    def close(self) -> None: ...


class SocketTransport:
    """A connected ``AF_UNIX`` stream socket (POSIX): bytes and descriptors."""

    passes_fds = True

    def __init__(self, sock: socket.socket, *, max_fds: int = 0) -> None:
        self.sock = sock
        # room for one descriptor more than the channel accepts: too many is then seen, not cut
        self._anc = socket.CMSG_SPACE((max_fds + 1) * array.array("i").itemsize)
        self._flags = getattr(socket, "MSG_CMSG_CLOEXEC", 0)

    def send(self, chunks: Sequence[Buffer], fds: Sequence[int], deadline: float | None) -> None:
        views = [memoryview(c).cast("B") for c in chunks if len(c)]
        anc = [(socket.SOL_SOCKET, socket.SCM_RIGHTS, array.array("i", fds))] if fds else []
        while views:
            self.sock.settimeout(_remaining(deadline))
            try:
                sent = self.sock.sendmsg(views[:64], anc)
            except TimeoutError:
                raise TimedOut("the other side does not take our message") from None
            except (BrokenPipeError, ConnectionResetError) as exc:
                raise Closed(f"the other side went away ({exc.strerror})") from None
            anc = []  # the descriptors went with the first bytes
            while sent and views:
                if sent >= len(views[0]):
                    sent -= len(views.pop(0))
                else:
                    views[0] = views[0][sent:]
                    sent = 0

    def recv_into(self, view: memoryview, deadline: float | None) -> tuple[int, list[int]]:
        self.sock.settimeout(_remaining(deadline))
        try:
            n, anc, flags, _addr = self.sock.recvmsg_into([view[:_IO_SLICE]], self._anc, self._flags)
        except TimeoutError:
            raise TimedOut("the other side did not finish its message in time") from None
        except ConnectionResetError:
            raise Closed("the other side went away") from None
        fds = array.array("i")
        for level, kind, data in anc:
            if level == socket.SOL_SOCKET and kind == socket.SCM_RIGHTS:
                fds.frombytes(data[: len(data) - len(data) % fds.itemsize])
        if flags & socket.MSG_CTRUNC:
            for fd in fds:
                _close_quietly(fd)
            raise ProtocolError("too many descriptors")
        return n, list(fds)

    def close(self) -> None:
        self.sock.close()


class PipeTransport:
    """A pair of pipes (the child's stdin/stdout on Windows; also usable on POSIX): bytes only.

    On POSIX the deadline is kept with ``select``. Windows cannot ``select`` a pipe: there a
    receive past its deadline calls ``on_timeout`` (the owner kills the child, which closes the
    pipe and ends the read) and raises :class:`TimedOut`.
    """

    passes_fds = False

    def __init__(self, read_fd: int, write_fd: int, *, on_timeout: Callable[[], None] | None = None) -> None:
        self.read_fd, self.write_fd = read_fd, write_fd
        self._on_timeout = on_timeout
        self._select = sys.platform != "win32"
        if self._select:
            os.set_blocking(read_fd, False)
            os.set_blocking(write_fd, False)

    def send(self, chunks: Sequence[Buffer], fds: Sequence[int], deadline: float | None) -> None:
        if fds:
            raise ValueError("a pipe cannot carry descriptors")
        for chunk in chunks:
            view = memoryview(chunk).cast("B")
            while view:
                if self._select:
                    _wait(self.write_fd, deadline, write=True)
                try:
                    sent = os.write(self.write_fd, view[:_IO_SLICE])
                except BlockingIOError:
                    continue
                except BrokenPipeError:
                    raise Closed("the other side went away") from None
                view = view[sent:]

    def recv_into(self, view: memoryview, deadline: float | None) -> tuple[int, list[int]]:
        if self._select:
            while True:
                _wait(self.read_fd, deadline, write=False)
                try:
                    return os.readv(self.read_fd, [view[:_IO_SLICE]]), []
                except BlockingIOError:
                    continue
        timer = None
        fired = threading.Event()
        left = _remaining(deadline)
        if left is not None and self._on_timeout is not None:
            on_timeout = self._on_timeout

            def expire() -> None:
                fired.set()
                on_timeout()

            timer = threading.Timer(left, expire)
            timer.daemon = True
            timer.start()
        try:
            data = os.read(self.read_fd, min(len(view), _IO_SLICE))  # (no readv on Windows)
            n = len(data)
            view[:n] = data
        finally:
            if timer is not None:
                timer.cancel()
        if fired.is_set():
            raise TimedOut("the other side did not finish its message in time")
        return n, []

    def close(self) -> None:
        for fd in {self.read_fd, self.write_fd}:
            _close_quietly(fd)


def _wait(fd: int, deadline: float | None, *, write: bool) -> None:
    left = _remaining(deadline)
    ready = select.select([], [fd], [], left) if write else select.select([fd], [], [], left)
    if not (ready[1] if write else ready[0]):
        raise TimedOut("the other side did not finish its message in time")


# ---- header encoding ----------------------------------------------------------------------------


def _finite(value: Any) -> Any:
    if isinstance(value, float):
        return value if math.isfinite(value) else 0.0
    if isinstance(value, list | tuple):
        return [_finite(v) for v in value]
    if isinstance(value, dict):
        return {k: _finite(v) for k, v in value.items()}
    return value


def encode_header(header: Sequence[Any]) -> bytes:
    """JSON (UTF-8, compact). A NaN or infinity — a broken PDF's coordinate — goes as 0.0."""
    try:
        text = json.dumps(header, ensure_ascii=False, separators=(",", ":"), allow_nan=False)
    except ValueError:
        text = json.dumps(_finite(header), ensure_ascii=False, separators=(",", ":"), allow_nan=False)
    return text.encode("utf-8")


def _refuse_constant(name: str) -> Any:
    raise ProtocolError(f"{name} is not allowed")


def _bounded_int(text: str) -> int:
    if len(text.lstrip("-")) > MAX_INT_DIGITS:
        raise ProtocolError("an integer out of bounds")
    return int(text)


def nesting_depth(data: bytes) -> int:
    """How deeply arrays and objects nest in ``data`` (JSON that ``json.loads`` accepted)."""
    brackets = _STRING.sub(b"", data).translate(None, _NOT_BRACKETS)
    return max(accumulate(map(_STEP.__getitem__, brackets)), default=0)


def decode_header(data: bytes, max_depth: int) -> list[Any]:
    try:
        value = json.loads(data.decode("utf-8"), parse_constant=_refuse_constant, parse_int=_bounded_int)
    except ProtocolError:
        raise
    except RecursionError:
        raise ProtocolError("the message is nested too deeply") from None
    except (ValueError, UnicodeDecodeError) as exc:
        raise ProtocolError(f"the message is not JSON ({type(exc).__name__})") from None
    if not isinstance(value, list) or not value or not isinstance(value[0], str):
        raise ProtocolError("a message is a JSON array that starts with a string")
    if nesting_depth(data) > max_depth:
        raise ProtocolError("the message is nested too deeply")
    return value


# ---- the channel --------------------------------------------------------------------------------


class Channel:
    """Messages over one transport. Not thread-safe: one exchange at a time (its owner's)."""

    def __init__(self, transport: Transport, limits: Limits) -> None:
        self.transport = transport
        self.limits = limits
        self._buffer = bytearray(READ_AHEAD)
        self._start = self._end = 0  # unread bytes of the buffer
        self._fds: list[int] = []  # received, not yet claimed by a message

    # -- sending --

    def send(self, header: Sequence[Any], blobs: Sequence[Buffer] = (), fds: Sequence[int] = (),
             *, deadline: float | None = None) -> None:
        if fds and not self.transport.passes_fds:
            raise ValueError("this channel cannot pass descriptors")
        data = encode_header(header)
        chunks: list[Buffer] = [PREFIX.pack(MAGIC, len(data), len(blobs), len(fds)), data]
        for blob in blobs:
            chunks += [BLOB_LENGTH.pack(memoryview(blob).nbytes), blob]
        self.transport.send(chunks, list(fds), deadline)

    # -- receiving --

    def receive(self, *, deadline: float | None = None,
                blob_limit: Callable[[list[Any]], int] | None = None) -> Message:
        """The next message. ``blob_limit(header)`` gives the most bytes each of its blobs may
        have (asked after the header is read, before any blob is); else ``limits.max_blob``."""
        try:
            return self._receive(deadline, blob_limit)
        except BaseException:
            self._drop_fds()
            raise

    def _receive(self, deadline: float | None, blob_limit: Callable[[list[Any]], int] | None) -> Message:
        limits = self.limits
        magic, header_len, nblobs, nfds = PREFIX.unpack(self._read(PREFIX.size, deadline))
        if magic != MAGIC:
            raise ProtocolError("bad magic: not a message of this protocol")
        if header_len > limits.max_header:
            raise ProtocolError(f"a header of {header_len} bytes (at most {limits.max_header})")
        if nblobs > limits.max_blobs:
            raise ProtocolError(f"{nblobs} blobs (at most {limits.max_blobs})")
        if nfds > limits.max_fds:
            raise ProtocolError(f"{nfds} descriptors (at most {limits.max_fds})")
        header = decode_header(bytes(self._read(header_len, deadline)), limits.max_depth)
        most = blob_limit(header) if blob_limit is not None else limits.max_blob
        blobs = []
        for _ in range(nblobs):
            (length,) = BLOB_LENGTH.unpack(self._read(BLOB_LENGTH.size, deadline))
            if length > most:
                raise ProtocolError(f"a blob of {length} bytes (at most {most})")
            blobs.append(self._read(length, deadline))
        if len(self._fds) != nfds:  # the descriptors come with the prefix: none late, none extra
            raise ProtocolError(f"{len(self._fds)} descriptors where {nfds} were announced")
        fds, self._fds = self._fds, []
        return Message(header, blobs, fds)

    def _drop_fds(self) -> None:
        fds, self._fds = self._fds, []
        for fd in fds:
            _close_quietly(fd)

    def _fill(self, view: memoryview, deadline: float | None) -> int:
        n, fds = self.transport.recv_into(view, deadline)
        self._fds += fds
        if len(self._fds) > self.limits.max_fds:
            raise ProtocolError("too many descriptors")
        if n == 0:
            raise Closed("the other side closed the channel")
        return n

    def _read(self, n: int, deadline: float | None) -> bytearray:
        """Exactly ``n`` bytes (``n`` already checked against a limit)."""
        out = bytearray(n)
        view = memoryview(out)
        got = min(n, self._end - self._start)
        view[:got] = self._buffer[self._start:self._start + got]
        self._start += got
        while got < n:
            if n - got >= READ_AHEAD:  # big: straight into place
                got += self._fill(view[got:], deadline)
                continue
            self._start = 0
            self._end = self._fill(memoryview(self._buffer), deadline)
            take = min(n - got, self._end)
            view[got:got + take] = self._buffer[:take]
            self._start = take
            got += take
        return out

    def close(self) -> None:
        self._drop_fds()
        self.transport.close()
