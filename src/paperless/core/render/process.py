"""Rendering in a separate, sandboxed process, behind the same :class:`RenderDocument` interface.

:class:`RenderProcess` is a document factory for :class:`~paperless.core.render.worker.
RenderWorker`: ``RenderWorker(document_factory=RenderProcess())``. The worker thread stays
the one place that schedules work; each call on a :class:`RemoteDocument` sends a request
to the render process (:mod:`paperless.core.render.child`) and waits for its reply, with
the GIL released, so the app's window keeps painting however long MuPDF takes.

* The child is started by :class:`~paperless.core.isolation.ChildProcess` (a clean
  environment, one socket) and confines itself (seccomp, limits: see
  :mod:`paperless.core.isolation.sandbox`); its ``hello`` says what is in force
  (:attr:`RenderProcess.sandbox`), and what is not is logged.
* Messages are frames of JSON and raw bytes (:mod:`paperless.core.isolation.wire`), never
  pickle: each reply is checked against the shape its request expects, and every number in
  it (image sizes, page sizes) is checked again before it is used. A reply that breaks the
  protocol, comes too late or is refused ends that render process.
* Decrypted document bytes go to the render process through the socket, in memory only.
  Big images come back through shared memory (:mod:`paperless.core.render.pixels`; its
  descriptor is sent along) on Linux, through the socket elsewhere.
* If the render process dies (a crash inside MuPDF), breaks the protocol, or does not answer
  within ``timeout`` seconds (it is then killed), a new one is started, the documents are
  opened in it again as they are next used, and the request is tried once more; if it fails
  again, that one request fails (the page shows an error) and the app carries on.

Everything here except :meth:`RenderProcess.shutdown` runs on the worker's thread.
"""

from __future__ import annotations

import itertools
import logging
import math
import time
from collections.abc import Callable, Sequence
from typing import Any

from paperless.core.isolation import ChildProcess, Command, Limits, ProtocolError, Report, child_command, read_hello
from paperless.core.isolation.serving import raise_error
from paperless.core.isolation.shapes import Const, Float, Int, List, OneOf, Optional, Str, Tuple
from paperless.core.isolation.wire import Buffer, Message
from paperless.core.render.document import A4, MAX_PIXELS, MAX_SIDE, Clip, Image, LinkInfo, OutlineEntry, PageSize, Word
from paperless.core.render.pixels import SegmentPool, shared_memory_supported

log = logging.getLogger(__name__)

DEFAULT_TIMEOUT = 60.0  # seconds for one request (a huge page on an old laptop included)
START_TIMEOUT = 60.0  # seconds for a new render process to load PyMuPDF and say hello
MAX_REPLY = 256 * 2**20  # bytes of one reply's JSON (a page's words are far less; images come apart)
MAX_ITEMS = 10_000_000

FROM_CHILD = Limits(max_header=MAX_REPLY, max_depth=4, max_blobs=1, max_blob=0, max_fds=0)
F = Float()
DONE = Tuple(Const("ok"))
SIZES = Tuple(Const("ok"), List(Tuple(F, F), MAX_ITEMS))
IMAGE = Tuple(OneOf("pixels", "need"), Int(), Int(), Int())
OUTLINE = Tuple(Const("ok"), List(Tuple(Int(0, 2**31), Str(1 << 16), Int(-1, 2**31), Optional(F)), MAX_ITEMS))
LINKS = Tuple(Const("ok"), List(Tuple(Tuple(F, F, F, F), Optional(Int(0, 2**31)), Optional(F), Optional(Str(1 << 16))),
                                MAX_ITEMS))
WORDS = Tuple(Const("ok"), List(Tuple(F, F, F, F, Str(1 << 16), Int(), Int()), MAX_ITEMS))
TEXT = Tuple(Const("ok"), Str(MAX_REPLY))


class RenderProcessError(Exception):
    """The render process failed to answer (it crashed or hung) even after a restart."""


class RenderFailure(RuntimeError):
    """The render process could not do what was asked (a page out of range, a broken page)."""


class _Died(Exception):
    pass


class RenderProcess:
    """The app's side of the render process; a callable ``bytes -> RemoteDocument``."""

    def __init__(self, *, timeout: float = DEFAULT_TIMEOUT, shared: bool | None = None,
                 command: Command = child_command) -> None:
        self.timeout = timeout
        self.shared = shared_memory_supported() if shared is None else shared
        self.pool: SegmentPool | None = SegmentPool() if self.shared else None
        self._command = command  # the tests start other children through this seam
        self._handles = itertools.count(1)
        self._child: ChildProcess | None = None
        self._report: Report | None = None  # from the current child's hello
        self.mapped: set[int] = set()  # serials of the segments the current child has mapped
        self.epoch = 0  # bumped at each (re)start; documents reopen when it changes
        self._shut = False
        self.restarts = 0
        self._start()  # at once: the new interpreter imports PyMuPDF while the app starts
        self._warm_token = self.pool.warm() if self.pool is not None else None
        self._warmed = False

    def __call__(self, data: bytes) -> RemoteDocument:
        return RemoteDocument(self, data, next(self._handles))

    @property
    def pid(self) -> int | None:
        return self._child.pid if self._child is not None else None

    @property
    def sandbox(self) -> Report:
        """What the current render process's sandbox holds (waits for its hello)."""
        self._ensure()
        assert self._report is not None
        return self._report

    def _start(self) -> None:
        self._child = ChildProcess("render", FROM_CHILD, command=self._command)
        self._report = None
        self.mapped = set()
        self.epoch += 1

    def _kill(self) -> None:
        child, self._child = self._child, None
        if child is not None:
            child.close()

    def restart(self) -> None:
        self._kill()
        if self._shut:
            raise RenderProcessError("the renderer has been shut down")
        self.restarts += 1
        self._start()

    def renew(self) -> None:
        """End the render process and start a fresh one (not a failure: ``restarts`` is not counted).
        Whatever the old one held (documents, their decrypted bytes, MuPDF's caches) goes with it."""
        self._kill()
        if not self._shut:
            self._start()

    def _ensure(self) -> ChildProcess:
        child = self._child
        if child is None:  # it died since: the caller restarts it and reopens its documents
            raise _Died("the render process is not running")
        if self._report is None:
            try:
                self._report = read_hello(child.channel, "render", time.monotonic() + START_TIMEOUT).report
            except ProtocolError as exc:
                self._kill()
                raise _Died(f"no hello: {exc}") from None
        return child

    # ---- one exchange ----------------------------------------------------------------------

    def exchange(self, header: list[Any], blobs: Sequence[Buffer] = (), fds: Sequence[int] = (), *,
                 shape: Tuple, blob_limit: Callable[[list[Any]], int] | None = None) -> Message:
        """Send one request and return its reply, checked against ``shape``. An error reply
        raises (:class:`DocumentError`, :class:`RenderFailure`); anything else that is wrong
        ends the render process and raises ``_Died``."""
        child = self._ensure()
        deadline = time.monotonic() + self.timeout
        try:
            child.channel.send(header, blobs, fds, deadline=deadline)
            reply = child.channel.receive(deadline=deadline, blob_limit=blob_limit or (lambda _h: 0))
            if reply.header[0] == "err":
                raise_error(reply.header, failed=RenderFailure)
            shape.check(reply.header)
        except ProtocolError as exc:
            if "did not" in str(exc):
                log.warning("the render process did not answer within %.0f s; restarting it", self.timeout)
            self._kill()
            raise _Died(str(exc)) from None
        except OSError as exc:
            self._kill()
            raise _Died(str(exc) or type(exc).__name__) from None
        return reply

    def warm(self) -> None:
        """Have the render process map the ready segment before its first page (once)."""
        pool, token = self.pool, self._warm_token
        if pool is None or token is None or self._warmed:
            return
        self._warmed = True
        segment = pool.lease_free(token)  # None once a page has taken it: nothing to warm
        if segment is None:
            return
        try:
            self.exchange(["warm", token.serial, token.size], fds=[token.fd], shape=DONE)
            self.mapped.add(token.serial)
        except RenderFailure as exc:  # it cannot map our memory: images by the socket
            log.warning("shared pixel memory is not available (%s); using the socket", exc)
            self.pool, self.shared = None, False
        finally:
            pool.give_back(segment)
            if self.pool is None:
                pool.close()

    def shutdown(self) -> None:
        self._shut = True
        child = self._child
        if child is not None:
            try:
                child.channel.send(["quit"], deadline=time.monotonic() + 1.0)
            except (ProtocolError, OSError):
                pass
            child.wait(2)
        self._kill()
        if self.pool is not None:
            self.pool.close()


def _checked_size(backend: RenderProcess, reply: Sequence[Any]) -> tuple[str, int, int, int]:
    """An image's size as the render process gave it, checked: the app trusts no number from
    it (a process taken over by a hostile PDF could make Qt read past a buffer)."""
    if len(reply) == 4 and all(type(v) is int for v in reply[1:]):
        kind, width, height, stride = reply
        if 0 < width and 0 < height and stride == 3 * width and width * height <= MAX_PIXELS:
            return str(kind), width, height, stride
    backend._kill()
    raise _Died("an image size out of bounds")


def _page_sizes(raw: Any) -> list[PageSize]:
    if not isinstance(raw, list) or not raw:
        raise _Died("no page sizes")
    sizes = []
    for item in raw:
        width, height = (float(v) for v in item)
        if not (math.isfinite(width) and math.isfinite(height) and width > 0 and height > 0):
            width, height = A4
        sizes.append(PageSize(min(width, MAX_SIDE), min(height, MAX_SIDE)))
    return sizes


class RemoteDocument:
    """A document open in the render process; same methods as :class:`PdfDocument`."""

    def __init__(self, backend: RenderProcess, data: bytes, handle: int) -> None:
        self._backend = backend
        self._data = data  # kept to reopen after a restart (the caller holds these bytes anyway)
        self._handle = handle
        self._epoch = 0  # the backend epoch it was opened in; 0 = not yet
        self._sizes: list[PageSize] = self._retry(lambda: _page_sizes(self._open()))

    def _open(self) -> Any:
        backend = self._backend
        sizes = backend.exchange(["open", self._handle], [self._data], shape=SIZES).header[1]
        self._epoch = backend.epoch
        backend.warm()  # while the document opens, not in its first page's time
        return sizes

    def _retry(self, job: Any) -> Any:
        """Run ``job`` (reopening first if the process changed); once more after a crash."""
        for attempt in (1, 2):
            try:
                if self._epoch and self._epoch != self._backend.epoch:
                    self._open()  # opened in a render process that has since been replaced
                return job()
            except _Died as exc:
                log.warning("the render process stopped (%s); starting another", exc)
                self._backend.restart()
                if attempt == 2:
                    raise RenderProcessError("the renderer stopped while working on this document") from None
        raise AssertionError("unreachable")

    @property
    def page_count(self) -> int:
        return len(self._sizes)

    def page_sizes(self) -> list[PageSize]:
        return list(self._sizes)

    def render(self, page: int, scale: float, *, night: bool = False, clip: Clip | None = None) -> Image:
        return self._retry(lambda: self._render(page, scale, night, clip))  # type: ignore[no-any-return]

    def _render(self, page: int, scale: float, night: bool, clip: Clip | None) -> Image:
        backend = self._backend
        pool = backend.pool
        box = list(clip) if clip is not None else None

        def pixels(header: list[Any]) -> int:  # before a byte of the image is read
            if header[0] == "err":
                return 0
            kind, _width, height, stride = _checked_size(backend, header)
            return stride * height if kind == "pixels" else 0

        reply = backend.exchange(["render", self._handle, page, float(scale), night, pool is not None, box],
                                 shape=IMAGE, blob_limit=pixels)
        kind, width, height, stride = _checked_size(backend, reply.header)
        if kind == "pixels":
            if len(reply.blobs) != 1 or len(reply.blobs[0]) != stride * height:
                backend._kill()
                raise _Died("an image of the wrong size")
            return Image(width, height, stride, bytes(reply.blobs[0]))
        if pool is None or reply.blobs:
            backend._kill()
            raise _Died("an unexpected reply")
        segment = pool.lease(stride * height)
        try:
            token = segment.token
            forgotten = pool.take_forgotten()
            backend.mapped.difference_update(forgotten)
            fds = [] if token.serial in backend.mapped else [token.fd]
            backend.exchange(["into", self._handle, page, float(scale), night, box, token.serial, token.size,
                              forgotten], fds=fds, shape=DONE)
            backend.mapped.add(token.serial)
        except BaseException:
            pool.give_back(segment)
            raise
        image = Image(width, height, stride, segment.buffer)
        pool.adopt(image, segment)
        return image

    def _call(self, header: list[Any], shape: Tuple) -> Any:
        return self._retry(lambda: self._backend.exchange(header, shape=shape).header[1])

    def outline(self) -> list[OutlineEntry]:
        return [OutlineEntry(*entry) for entry in self._call(["outline", self._handle], OUTLINE)]

    def links(self, page: int) -> list[LinkInfo]:
        return [LinkInfo((r[0], r[1], r[2], r[3]), target, y, uri)
                for r, target, y, uri in self._call(["links", self._handle, page], LINKS)]

    def words(self, page: int) -> list[Word]:
        return [Word(*word) for word in self._call(["words", self._handle, page], WORDS)]

    def text(self, page: int) -> str:
        return str(self._call(["text", self._handle, page], TEXT))

    def close(self) -> None:
        if self._epoch == self._backend.epoch and self._backend._child is not None:
            try:
                self._backend.exchange(["close", self._handle], shape=DONE)
            except (_Died, RuntimeError):
                pass
        self._data = b""
