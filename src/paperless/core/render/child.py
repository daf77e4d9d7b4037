"""The render process: owns the PyMuPDF documents and answers one request at a time.

Started by :class:`~paperless.core.render.process.RenderProcess` (``multiprocessing``,
*spawn*). PyMuPDF holds Python's GIL while it works, so a slow page (a 300-dpi scan takes
~170 ms to decode here) run on a thread would freeze the app's window for that long; in
its own process it costs the app nothing. A crash or a hang inside MuPDF (a hostile or
broken PDF) takes down only this process; the app starts another.

Messages are tuples; every request gets exactly one reply (a tuple), except that the
``open`` request is followed by the document's bytes and a ``pixels`` reply by the image's.

* ``("open", handle)`` + bytes → ``("ok", [(width, height), ...])``
* ``("close", handle)`` → ``("ok", None)``
* ``("render", handle, page, scale, night, shared, clip)`` → ``("pixels", w, h, stride)`` + bytes,
  or, for an image of at least ``SHARED_MIN_BYTES`` when ``shared``, ``("need", w, h, stride)``;
  then the app sends ``("into", handle, page, scale, night, clip, token, forgotten)`` and the
  page is drawn into the shared segment → ``("ok", None)``.
* ``("call", handle, method, args)`` for ``outline``/``links``/``words``/``text`` → ``("ok", value)``
  with plain tuples, lists and strings only (the app unpickles nothing else).
* ``("warm", token)`` → ``("ok", None)``: map a shared segment now, before the first page.
* ``("quit",)`` → no reply; the process ends. So does a closed pipe (the app went away).

A failure is ``("err", kind, path, detail)`` with kind ``document`` (a
:class:`~paperless.core.bundle.errors.DocumentError`) or ``failed``.
"""

from __future__ import annotations

import dataclasses
import signal
from multiprocessing.connection import Connection
from typing import Any

from paperless.core.bundle.errors import DocumentError
from paperless.core.render.document import Clip, PdfDocument
from paperless.core.render.pixels import SHARED_MIN_BYTES, ChildMappings, Token

CALLS = ("outline", "links", "words", "text")


def _plain(value: Any) -> Any:
    """Dataclasses as tuples (recursively): the app rebuilds them, unpickling only builtins."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return tuple(_plain(getattr(value, f.name)) for f in dataclasses.fields(value))
    if isinstance(value, list):
        return [_plain(v) for v in value]
    if isinstance(value, tuple):
        return tuple(_plain(v) for v in value)
    return value


def _clip(value: Any) -> Clip | None:
    if value is None:
        return None
    x0, y0, x1, y1 = (int(v) for v in value)
    return (x0, y0, x1, y1)


def _failure(exc: BaseException) -> tuple[str, str, str, str]:
    if isinstance(exc, DocumentError):
        return ("err", "document", str(exc.params.get("path", "")), str(exc.params.get("detail", "")))
    return ("err", "failed", "", str(exc).strip() or type(exc).__name__)


class _Server:
    def __init__(self, conn: Connection) -> None:
        self.conn = conn
        self.docs: dict[int, PdfDocument] = {}
        self.maps = ChildMappings()

    def handle(self, msg: tuple[Any, ...]) -> None:
        op = msg[0]
        if op == "open":
            data = self.conn.recv_bytes()
            old: PdfDocument | None = self.docs.pop(int(msg[1]), None)
            if old is not None:
                old.close()
            document = PdfDocument(data)
            self.docs[msg[1]] = document
            self.conn.send(("ok", [(s.width, s.height) for s in document.page_sizes()]))
        elif op == "close":
            closing: PdfDocument | None = self.docs.pop(int(msg[1]), None)
            if closing is not None:
                closing.close()
            self.conn.send(("ok", None))
        elif op == "render":
            _, handle, page, scale, night, shared, clip = msg
            document = self._doc(handle)
            width, height = document.pixel_size(page, scale, _clip(clip))
            nbytes = 3 * width * height
            if shared and nbytes >= SHARED_MIN_BYTES:
                self.conn.send(("need", width, height, 3 * width))
                return
            image = document.render(page, scale, night=night, clip=_clip(clip))
            self.conn.send(("pixels", image.width, image.height, image.stride))
            self.conn.send_bytes(image.samples)
        elif op == "into":
            _, handle, page, scale, night, clip, token, forgotten = msg
            self.maps.forget(list(forgotten))
            target = self.maps.get(Token(*token))
            self._doc(handle).render_into(page, scale, night, target, _clip(clip))
            self.conn.send(("ok", None))
        elif op == "warm":  # map a segment ahead of the first page (its pages already in memory)
            self.maps.get(Token(*msg[1]), populate=True)
            self.conn.send(("ok", None))
        elif op == "call":
            _, handle, method, args = msg
            if method not in CALLS:
                raise ValueError(f"unknown call {method!r}")
            self.conn.send(("ok", _plain(getattr(self._doc(handle), method)(*args))))
        else:
            raise ValueError(f"unknown request {op!r}")

    def _doc(self, handle: int) -> PdfDocument:
        document = self.docs.get(handle)
        if document is None:
            raise ValueError("the document is not open")
        return document

    def serve(self) -> None:
        while True:
            try:
                msg = self.conn.recv()
            except (EOFError, OSError):
                return
            if not isinstance(msg, tuple) or not msg or msg[0] == "quit":
                return
            try:
                self.handle(msg)
            except Exception as exc:  # report and carry on: one bad page is not the end
                self.conn.send(_failure(exc))


def child_main(conn: Connection) -> None:
    """The render process's entry point."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl+C in a terminal is the app's business
    server = _Server(conn)
    try:
        server.serve()
    finally:
        for document in server.docs.values():
            try:
                document.close()
            except Exception:
                pass
