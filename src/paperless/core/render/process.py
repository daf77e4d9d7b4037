"""Rendering in a separate process, behind the same :class:`RenderDocument` interface.

:class:`RenderProcess` is a document factory for :class:`~paperless.core.render.worker.
RenderWorker`: ``RenderWorker(document_factory=RenderProcess())``. The worker thread stays
the one place that schedules work; each call on a :class:`RemoteDocument` sends a request
to the render process (:mod:`paperless.core.render.child`) and waits for its reply, with
the GIL released, so the app's window keeps painting however long MuPDF takes.

* Decrypted document bytes go to the render process through the pipe, in memory only.
* Big images come back through shared memory (:mod:`paperless.core.render.pixels`) on
  Linux, through the pipe elsewhere.
* Replies are unpickled with a loader that accepts builtins only: a render process taken
  over by a hostile PDF cannot make the app build arbitrary objects.
* If the render process dies (a crash inside MuPDF) or does not answer within
  ``timeout`` seconds (it is then killed), a new one is started, the documents are opened
  in it again as they are next used, and the request is tried once more; if it fails
  again, that one request fails (the page shows an error) and the app carries on.

Everything here except :meth:`RenderProcess.shutdown` runs on the worker's thread.
"""

from __future__ import annotations

import dataclasses
import io
import itertools
import logging
import math
import multiprocessing
import os
import pickle
import signal
from multiprocessing.connection import Connection
from multiprocessing.process import BaseProcess
from typing import Any

from paperless.core.bundle.errors import DocumentError
from paperless.core.render.child import child_main
from paperless.core.render.document import A4, MAX_PIXELS, MAX_SIDE, Clip, Image, LinkInfo, OutlineEntry, PageSize, Word
from paperless.core.render.pixels import SegmentPool, shared_memory_supported

log = logging.getLogger(__name__)

DEFAULT_TIMEOUT = 60.0  # seconds for one request (a huge page on an old laptop included)
MAX_REPLY = 256 * 2**20  # bytes of one reply (a page's words are far less; images are checked apart)


class RenderProcessError(Exception):
    """The render process failed to answer (it crashed or hung) even after a restart."""


class _Died(Exception):
    pass


class _BuiltinsOnly(pickle.Unpickler):
    def find_class(self, module: str, name: str) -> Any:
        raise pickle.UnpicklingError(f"refused {module}.{name} from the render process")


def _loads(data: bytes) -> Any:
    return _BuiltinsOnly(io.BytesIO(data)).load()


class RenderProcess:
    """The app's side of the render process; a callable ``bytes -> RemoteDocument``."""

    def __init__(self, *, timeout: float = DEFAULT_TIMEOUT, shared: bool | None = None) -> None:
        self.timeout = timeout
        self.shared = shared_memory_supported() if shared is None else shared
        self.pool: SegmentPool | None = SegmentPool() if self.shared else None
        self._ctx = multiprocessing.get_context("spawn")
        self._handles = itertools.count(1)
        self._process: BaseProcess | None = None
        self._conn: Connection | None = None
        self.epoch = 0  # bumped at each (re)start; documents reopen when it changes
        self._shut = False
        self.restarts = 0
        self._start()  # at once: the new interpreter imports PyMuPDF while the app starts
        self._warm_token = dataclasses.astuple(self.pool.warm()) if self.pool is not None else None
        self._warmed_epoch = 0

    def __call__(self, data: bytes) -> RemoteDocument:
        return RemoteDocument(self, data, next(self._handles))

    @property
    def pid(self) -> int | None:
        return self._process.pid if self._process is not None else None

    def _start(self) -> None:
        parent, child = self._ctx.Pipe(duplex=True)
        process = self._ctx.Process(target=child_main, args=(child,), name="paperless-render", daemon=True)
        process.start()
        child.close()
        self._process, self._conn = process, parent
        self.epoch += 1

    def _kill(self) -> None:
        process, conn = self._process, self._conn
        self._process = self._conn = None
        if conn is not None:
            conn.close()
        if process is not None:
            if process.is_alive() and process.pid is not None:
                try:
                    os.kill(process.pid, signal.SIGKILL if hasattr(signal, "SIGKILL") else signal.SIGTERM)
                except OSError:
                    pass
            process.join(5)

    def warm(self) -> None:
        """Have the render process map the ready segment before its first page (once per process)."""
        if self._warm_token is not None and self._warmed_epoch == 0:  # the first process only: the
            self._warmed_epoch = self.epoch  # segment may be gone (and its descriptor reused) later
            self.send(("warm", self._warm_token))
            try:
                self.reply()
            except RuntimeError as exc:  # it cannot map our memory (a sandbox): images by the pipe
                log.warning("shared pixel memory is not available (%s); using the pipe", exc)
                if self.pool is not None:
                    self.pool.close()
                self.pool, self.shared = None, False

    def restart(self) -> None:
        self._kill()
        if self._shut:
            raise RenderProcessError("the renderer has been shut down")
        self.restarts += 1
        self._start()

    def _ensure(self) -> Connection:
        if self._conn is None:  # it died since: the caller restarts it and reopens its documents
            raise _Died("the render process is not running")
        return self._conn

    # ---- one exchange ----------------------------------------------------------------

    def send(self, message: tuple[Any, ...], payload: bytes | None = None) -> None:
        conn = self._ensure()
        try:
            conn.send(message)
            if payload is not None:
                conn.send_bytes(payload)
        except (OSError, EOFError, ValueError) as exc:
            self._kill()
            raise _Died(str(exc)) from None

    def reply(self) -> tuple[Any, ...]:
        return self._loads_checked(self.recv_bytes())

    def recv_bytes(self, limit: int = MAX_REPLY) -> bytes:
        conn = self._ensure()
        try:
            if not conn.poll(self.timeout):
                log.warning("the render process did not answer within %.0f s; restarting it", self.timeout)
                self._kill()
                raise _Died("timeout")
            return conn.recv_bytes(limit)  # longer: OSError, the process is replaced
        except (OSError, EOFError) as exc:
            self._kill()
            raise _Died(str(exc) or type(exc).__name__) from None

    def _loads_checked(self, data: bytes) -> tuple[Any, ...]:
        try:
            reply = _loads(data)
        except Exception as exc:
            self._kill()
            raise _Died(f"unreadable reply: {exc}") from None
        if not isinstance(reply, tuple) or not reply:
            self._kill()
            raise _Died("malformed reply")
        if reply[0] == "err":
            _, kind, path, detail = reply
            if kind == "document":
                raise DocumentError(path=path, detail=detail)
            raise RuntimeError(detail)
        return reply

    def shutdown(self) -> None:
        self._shut = True
        conn, process = self._conn, self._process
        if conn is not None:
            try:
                conn.send(("quit",))
            except (OSError, ValueError):
                pass
        if process is not None:
            process.join(2)
        self._kill()
        if self.pool is not None:
            self.pool.close()


def _checked_size(backend: RenderProcess, reply: tuple[Any, ...]) -> tuple[str, int, int, int]:
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
        backend.send(("open", self._handle), self._data)
        sizes = backend.reply()[1]
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
        backend.send(("render", self._handle, page, scale, night, pool is not None, clip))
        kind, width, height, stride = _checked_size(backend, backend.reply())
        if kind == "pixels":
            data = backend.recv_bytes(stride * height)
            if len(data) != stride * height:
                backend._kill()
                raise _Died("an image of the wrong size")
            return Image(width, height, stride, data)
        if kind != "need" or pool is None:
            backend._kill()
            raise _Died("an unexpected reply")
        segment = pool.lease(stride * height)
        try:
            backend.send(("into", self._handle, page, scale, night, clip, dataclasses.astuple(segment.token),
                          pool.take_forgotten()))
            backend.reply()
        except BaseException:
            pool.give_back(segment)
            raise
        image = Image(width, height, stride, segment.buffer)
        pool.adopt(image, segment)
        return image

    def _call(self, method: str, *args: Any) -> Any:
        def job() -> Any:
            self._backend.send(("call", self._handle, method, args))
            return self._backend.reply()[1]

        return self._retry(job)

    def outline(self) -> list[OutlineEntry]:
        return [OutlineEntry(*entry) for entry in self._call("outline")]

    def links(self, page: int) -> list[LinkInfo]:
        return [LinkInfo(tuple(rect), target, y, uri) for rect, target, y, uri in self._call("links", page)]

    def words(self, page: int) -> list[Word]:
        return [Word(*word) for word in self._call("words", page)]

    def text(self, page: int) -> str:
        return str(self._call("text", page))

    def close(self) -> None:
        if self._epoch == self._backend.epoch:
            try:
                self._backend.send(("close", self._handle))
                self._backend.reply()
            except (_Died, RuntimeError):
                pass
        self._data = b""
