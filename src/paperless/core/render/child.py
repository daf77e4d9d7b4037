# PyMuPDF ships partial type annotations; its unannotated calls are fine here.
# mypy: disable-error-code="no-untyped-call"
"""The render process: owns the PyMuPDF documents and answers one request at a time.

Started by :class:`~paperless.core.render.process.RenderProcess` as the ``render`` child
(:mod:`paperless.core.isolation.entry`), sandboxed (no files, sockets, processes…). PyMuPDF
holds Python's GIL while it works, so a slow page (a 300-dpi scan takes ~170 ms to decode
here) run on a thread would freeze the app's window for that long; in its own process it
costs the app nothing. A crash or a hang inside MuPDF (a hostile or broken PDF) takes down
only this process; the app starts another.

Messages (:mod:`paperless.core.isolation.wire`: a JSON array + blobs + descriptors), each
request checked against its shape, each answered by exactly one reply:

* ``["open", handle]`` + the PDF as a blob → ``["ok", [[width, height], ...]]``
* ``["close", handle]`` → ``["ok"]``
* ``["render", handle, page, scale, night, shared, clip]`` → ``["pixels", w, h, stride]`` + the
  pixels as a blob, or, for an image of at least ``SHARED_MIN_BYTES`` when ``shared``,
  ``["need", w, h, stride]``; then the app sends ``["into", handle, page, scale, night, clip,
  serial, size, forgotten]`` (+ the segment's descriptor the first time) and the page is drawn
  into that shared segment → ``["ok"]``.
* ``["outline", handle]``, ``["links"|"words"|"text", handle, page]`` → ``["ok", value]``
  (plain arrays, numbers and strings; the app checks their shape and rebuilds its types).
* ``["warm", serial, size]`` + a descriptor → ``["ok"]``: map a shared segment now, before the first page.
* ``["quit"]`` → no reply; the process ends. So does a closed socket (the app went away).

A failure is ``["err", kind, detail, where]`` (:mod:`paperless.core.isolation.serving`).
"""

from __future__ import annotations

import dataclasses
from typing import Any

from paperless.core.isolation.sandbox import LONG_LIVED
from paperless.core.isolation.shapes import Bool, Const, Float, Int, List, Optional, Tuple
from paperless.core.isolation.wire import Channel, Limits, Message, ProtocolError
from paperless.core.render.document import Clip, PdfDocument
from paperless.core.render.pixels import SHARED_MIN_BYTES, ChildMappings

HANDLE = Int(1)
PAGE = Int(0)
SCALE = Float(0.0, 1e4)
CLIP = Optional(Tuple(Int(), Int(), Int(), Int()))
SERIAL = Int(1)
SIZE = Int(1, 2**40)
REQUESTS = {
    "open": Tuple(Const("open"), HANDLE),
    "close": Tuple(Const("close"), HANDLE),
    "render": Tuple(Const("render"), HANDLE, PAGE, SCALE, Bool(), Bool(), CLIP),
    "into": Tuple(Const("into"), HANDLE, PAGE, SCALE, Bool(), CLIP, SERIAL, SIZE, List(SERIAL, 100_000)),
    "warm": Tuple(Const("warm"), SERIAL, SIZE),
    "outline": Tuple(Const("outline"), HANDLE),
    "links": Tuple(Const("links"), HANDLE, PAGE),
    "words": Tuple(Const("words"), HANDLE, PAGE),
    "text": Tuple(Const("text"), HANDLE, PAGE),
}
FROM_APP = Limits(max_header=16 * 2**20, max_depth=3, max_blobs=1, max_blob=2**40, max_fds=1)


def silence_mupdf() -> None:
    """MuPDF's messages go nowhere: the child has no stdout or stderr (and must not write into
    a descriptor that took their numbers)."""
    import pymupdf

    class _Nowhere:
        def write(self, _text: str) -> None:
            pass

        def flush(self) -> None:
            pass

    pymupdf.set_messages(stream=_Nowhere())
    pymupdf.TOOLS.mupdf_display_errors(False)
    pymupdf.TOOLS.mupdf_display_warnings(False)


def _plain(value: Any) -> Any:
    """Dataclasses as arrays (recursively), for JSON."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return [_plain(getattr(value, f.name)) for f in dataclasses.fields(value)]
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    return value


def _clip(value: list[int] | None) -> Clip | None:
    if value is None:
        return None
    x0, y0, x1, y1 = value
    return (x0, y0, x1, y1)


class RenderTarget:
    limits = FROM_APP
    confinement = LONG_LIVED

    def __init__(self) -> None:
        silence_mupdf()
        self.docs: dict[int, PdfDocument] = {}
        self.maps = ChildMappings()
        self._warm_up()

    def _warm_up(self) -> None:
        """Run every kind of call once on a small document, so that whatever PyMuPDF loads on
        first use (its text and link helpers…) is loaded before the sandbox closes."""
        import pymupdf

        doc = pymupdf.open()
        page = doc.new_page(width=200, height=200)
        page.insert_text((20, 40), "Paperless", fontsize=12)
        page.insert_link({"kind": pymupdf.LINK_URI, "from": pymupdf.Rect(10, 10, 50, 50), "uri": "https://a.b/"})
        doc.set_toc([[1, "a", 1]])
        data = doc.tobytes()
        doc.close()
        warm = PdfDocument(data)
        try:
            warm.render(0, 0.5)
            warm.render(0, 0.5, clip=(0, 0, 10, 10))
            warm.render_into(0, 0.5, True, bytearray(3 * 100 * 100))
            warm.outline(), warm.links(0), warm.words(0), warm.text(0)
        finally:
            warm.close()

    def handle(self, channel: Channel, message: Message) -> None:
        op = message.header[0]
        shape = REQUESTS.get(op)
        if shape is None:
            raise ProtocolError(f"unknown request {op[:40]!r}")
        header = shape.check(message.header)
        if op == "open":
            if len(message.blobs) != 1:
                raise ProtocolError("open without a document")
            old = self.docs.pop(header[1], None)
            if old is not None:
                old.close()
            data = message.blobs.pop()
            document = PdfDocument(data)  # type: ignore[arg-type]  # bytearray: PyMuPDF reads any buffer
            self.docs[header[1]] = document
            channel.send(["ok", [[s.width, s.height] for s in document.page_sizes()]])
        elif op == "close":
            closing = self.docs.pop(header[1], None)
            if closing is not None:
                closing.close()
            channel.send(["ok"])
        elif op == "render":
            _, handle, page, scale, night, shared, clip = header
            document = self._doc(handle)
            width, height = document.pixel_size(page, scale, _clip(clip))
            if shared and 3 * width * height >= SHARED_MIN_BYTES:
                channel.send(["need", width, height, 3 * width])
                return
            image = document.render(page, scale, night=night, clip=_clip(clip))
            channel.send(["pixels", image.width, image.height, image.stride], [image.samples])
        elif op == "into":
            _, handle, page, scale, night, clip, serial, size, forgotten = header
            self.maps.forget(forgotten)
            if message.fds:
                self.maps.adopt(serial, size, message.fds.pop())
            self._doc(handle).render_into(page, scale, night, self.maps.get(serial), _clip(clip))
            channel.send(["ok"])
        elif op == "warm":  # map a segment ahead of the first page (its pages already in memory)
            if not message.fds:
                raise ProtocolError("warm without a segment")
            self.maps.adopt(header[1], header[2], message.fds.pop(), populate=True)
            channel.send(["ok"])
        elif op == "outline":
            channel.send(["ok", _plain(self._doc(header[1]).outline())])
        elif op == "words":
            channel.send(["ok", [[w.x0, w.y0, w.x1, w.y1, w.text, w.block, w.line]
                                 for w in self._doc(header[1]).words(header[2])]])
        else:  # links, text
            channel.send(["ok", _plain(getattr(self._doc(header[1]), op)(header[2]))])

    def _doc(self, handle: int) -> PdfDocument:
        document = self.docs.get(handle)
        if document is None:
            raise ValueError("the document is not open")
        return document
