# PyMuPDF is untyped; its calls are confined to this module (and run on the worker thread).
# mypy: disable-error-code="no-untyped-call"
"""PdfDocument: a PyMuPDF document opened from decrypted bytes held in memory.

Used ONLY on the render worker's thread (PyMuPDF is not thread-safe): see
:mod:`paperless.core.render.worker`. The bytes are never written anywhere; the document is
opened with ``pymupdf.open(stream=data, filetype="pdf")``.

Rendering goes through each page's display list (``page.get_displaylist()``), kept in a
small per-document LRU: interpreting a page is done once and re-rendering it at another
zoom, in night mode or as a thumbnail only rasterises. The pixels are never copied: MuPDF
draws straight into the ``bytes`` object that becomes :attr:`Image.samples` (the same
steps as ``DisplayList.get_pixmap(matrix, colorspace=RGB, alpha=False)``, with a pixmap
wrapping a freshly allocated, not yet shared buffer, which is how C code fills a new bytes
object too). A fresh 15 MB copy costs ~7 ms of page faults, a third of a cold render.

MuPDF is tolerant: a page with a garbage content stream or a broken image renders what it
can (like any reader). A page that cannot be rendered at all (a page tree error, a page too
large to rasterise) raises; the worker turns that into an error result for that page only.
"""

from __future__ import annotations

import math
import mmap
from collections import OrderedDict
from dataclasses import dataclass
from typing import Any, Protocol

from paperless.core.bundle.errors import DocumentError
from paperless.core.pymupdf_lock import pymupdf_locked

A4 = (595.276, 841.89)
MAX_SIDE = 14400.0  # points; bigger (or absurd UserUnit) pages are clamped for layout
MAX_PIXELS = 64 * 2**20  # refuse to rasterise more than 64 Mpx (192 MB of RGB) in one image
MAX_TILED_PIXELS = 2**31  # a page drawn in parts (tiles) may be this big in all

Clip = tuple[int, int, int, int]  # x0, y0, x1, y1: pixels of the whole page drawn at a scale


@dataclass(frozen=True)
class Box:
    x0: int
    y0: int
    x1: int
    y1: int
DISPLAY_LISTS = 8  # display lists kept per document


@dataclass(frozen=True)
class PageSize:
    width: float  # PDF points, after the page's rotation
    height: float


@dataclass(frozen=True)
class OutlineEntry:
    level: int  # 1 = top level
    title: str
    page: int  # 0-based; -1 when the entry has no target page in this document
    y: float | None  # target y in points from the top of the page, when known


@dataclass(frozen=True)
class LinkInfo:
    rect: tuple[float, float, float, float]  # x0, y0, x1, y1 in points, top-left origin
    page: int | None  # internal target page (0-based)
    y: float | None
    uri: str | None  # external target (never opened by the reader)


@dataclass(frozen=True)
class Word:
    x0: float
    y0: float
    x1: float
    y1: float
    text: str
    block: int
    line: int


@dataclass(frozen=True)
class Image:
    """Rendered pixels: RGB888, 3 bytes per pixel, ``stride`` bytes per row."""

    width: int
    height: int
    stride: int
    samples: bytes | mmap.mmap  # an mmap when drawn by a render process into shared memory


def _finite_positive(value: float) -> bool:
    return math.isfinite(value) and value > 0


def _page_size(page: Any) -> PageSize:
    rect = page.rect
    width, height = float(rect.width), float(rect.height)
    if not (_finite_positive(width) and _finite_positive(height)):
        return PageSize(*A4)
    return PageSize(min(width, MAX_SIDE), min(height, MAX_SIDE))


def _target_y(dest: dict[str, Any]) -> float | None:
    point = dest.get("to")
    if point is None:
        return None
    y = float(point.y)
    return y if math.isfinite(y) and y >= 0 else None


def _pixel_box(dlist: Any, scale: float) -> Any:
    """The integer pixel box of a display list drawn at ``scale`` (an ``fz_irect``)."""
    import pymupdf  # lazily: PyMuPDF is loaded where documents are opened, not at start-up

    mu = pymupdf.mupdf
    matrix = mu.FzMatrix(scale, 0, 0, scale, 0, 0)
    return mu.fz_round_rect(mu.fz_transform_rect(mu.fz_bound_display_list(dlist.this), matrix))


def _draw(dlist: Any, scale: float, night: bool, box: Any, target: Any, mutable: bool) -> None:
    """Draw a display list at ``scale`` into ``target`` (RGB, ``3 * width`` bytes per row)."""
    import pymupdf

    mu = pymupdf.mupdf
    width, height = box.x1 - box.x0, box.y1 - box.y0
    pointer = mu.python_mutable_buffer_data(target) if mutable else mu.python_buffer_data(target)
    rgb = mu.FzColorspace(mu.FzColorspace.Fixed_RGB)
    pix = mu.fz_new_pixmap_with_data(rgb, width, height, mu.FzSeparations(), 0, 3 * width, pointer)
    mu.fz_clear_pixmap_with_value(pix, 0xFF)
    matrix = mu.FzMatrix(scale, 0, 0, scale, 0, 0)
    device = mu.fz_new_draw_device(mu.fz_concat(matrix, mu.fz_translate(-box.x0, -box.y0)), pix)
    try:
        # what lies outside the box is skipped (tiles); the list's own space is the page's, in points
        scissor = mu.FzRect(box.x0 / scale - 1, box.y0 / scale - 1, box.x1 / scale + 1, box.y1 / scale + 1)
        mu.fz_run_display_list(dlist.this, device, mu.FzMatrix(), scissor, mu.FzCookie())
    finally:
        mu.fz_close_device(device)
    if night:
        mu.fz_invert_pixmap(pix)
    del device, pix  # the pixmap borrowed ``target``; nothing else holds it


class RenderDocument(Protocol):
    """What the render worker needs of an open document: :class:`PdfDocument` in this
    thread, or :class:`~paperless.core.render.process.RemoteDocument` in a render process."""

    @property
    def page_count(self) -> int: ...
    def page_sizes(self) -> list[PageSize]: ...
    def render(self, page: int, scale: float, *, night: bool = False, clip: Clip | None = None) -> Image: ...
    def outline(self) -> list[OutlineEntry]: ...
    def links(self, page: int) -> list[LinkInfo]: ...
    def words(self, page: int) -> list[Word]: ...
    def text(self, page: int) -> str: ...
    def close(self) -> None: ...


class PdfDocument:
    """One open PDF. Every method must be called on the same thread (the render worker's)."""

    @pymupdf_locked
    def __init__(self, data: bytes, *, name: str = "document", display_lists: int = DISPLAY_LISTS) -> None:
        try:
            import pymupdf

            doc = pymupdf.open(stream=data, filetype="pdf")
        except Exception as exc:  # MuPDF raises several exception types for bad files
            raise DocumentError(path=name, detail=str(exc) or type(exc).__name__) from exc
        if doc.needs_pass:
            doc.close()
            raise DocumentError(path=name, detail="the PDF is password protected")
        if doc.page_count < 1:
            doc.close()
            raise DocumentError(path=name, detail="the PDF has no pages")
        self._doc = doc
        self._max_lists = max(1, display_lists)
        self._lists: OrderedDict[int, Any] = OrderedDict()
        self._sizes: list[PageSize] = []
        for number in range(doc.page_count):
            try:
                self._sizes.append(_page_size(doc[number]))
            except Exception:  # a broken page object: lay it out as A4, fail when rendered
                self._sizes.append(PageSize(*A4))

    @property
    def page_count(self) -> int:
        return len(self._sizes)

    def page_sizes(self) -> list[PageSize]:
        return list(self._sizes)

    def _check(self, page: int) -> None:
        if not 0 <= page < len(self._sizes):
            raise IndexError(f"page {page} out of range 0..{len(self._sizes) - 1}")

    @pymupdf_locked
    def display_list(self, page: int) -> Any:
        """The page's display list, from the LRU or built now."""
        self._check(page)
        dlist = self._lists.get(page)
        if dlist is not None:
            self._lists.move_to_end(page)
            return dlist
        dlist = self._doc[page].get_displaylist()
        self._lists[page] = dlist
        while len(self._lists) > self._max_lists:
            self._lists.popitem(last=False)
        return dlist

    def _box(self, page: int, scale: float, clip: Clip | None) -> tuple[Any, Box]:
        """The display list and the pixel box to draw: the whole page, or ``clip`` of it."""
        if not (math.isfinite(scale) and scale > 0):
            raise ValueError(f"bad scale {scale!r}")
        dlist = self.display_list(page)
        bounds = dlist.rect
        pixels = (bounds.width * scale + 1) * (bounds.height * scale + 1)
        if not math.isfinite(pixels) or pixels > (MAX_PIXELS if clip is None else MAX_TILED_PIXELS):
            raise DocumentError(path=f"page {page + 1}", detail="the page is too large to display at this size")
        whole = _pixel_box(dlist, scale)
        box = Box(whole.x0, whole.y0, whole.x1, whole.y1)
        if clip is not None:
            x0, y0, x1, y1 = clip
            box = Box(max(box.x0, box.x0 + x0), max(box.y0, box.y0 + y0),
                      min(box.x1, box.x0 + x1), min(box.y1, box.y0 + y1))
            if (box.x1 - box.x0) * (box.y1 - box.y0) > MAX_PIXELS:
                raise DocumentError(path=f"page {page + 1}", detail="the part asked for is too large")
        if box.x1 - box.x0 <= 0 or box.y1 - box.y0 <= 0:
            raise DocumentError(path=f"page {page + 1}", detail="the page is empty")
        return dlist, box

    @pymupdf_locked
    def pixel_size(self, page: int, scale: float, clip: Clip | None = None) -> tuple[int, int]:
        """Width and height in pixels of the page (or ``clip`` of it) drawn at ``scale``;
        refuses absurd sizes."""
        _dlist, box = self._box(page, scale, clip)
        return box.x1 - box.x0, box.y1 - box.y0

    @pymupdf_locked
    def render_into(self, page: int, scale: float, night: bool, target: Any, clip: Clip | None = None) -> None:
        """Draw the page into a writable buffer of at least ``3 * w * h`` bytes (see pixel_size)."""
        dlist, box = self._box(page, scale, clip)
        if len(memoryview(target).cast("B")) < 3 * (box.x1 - box.x0) * (box.y1 - box.y0):
            raise ValueError("the target buffer is too small")
        _draw(dlist, scale, night, box, target, mutable=True)

    @pymupdf_locked
    def render(self, page: int, scale: float, *, night: bool = False, clip: Clip | None = None) -> Image:
        """The page at ``scale`` pixels per point, RGB, optionally inverted (night mode); with
        ``clip`` (x0, y0, x1, y1 in pixels of the whole page at that scale), only that part."""
        dlist, box = self._box(page, scale, clip)
        width, height = box.x1 - box.x0, box.y1 - box.y0
        samples = bytes(3 * width * height)  # calloc'd: untouched zero pages until MuPDF draws
        _draw(dlist, scale, night, box, samples, mutable=False)
        return Image(width, height, 3 * width, samples)

    @pymupdf_locked
    def outline(self) -> list[OutlineEntry]:
        entries: list[OutlineEntry] = []
        for level, title, page_1, dest in self._doc.get_toc(simple=False):
            page = page_1 - 1 if 1 <= page_1 <= self.page_count else -1
            info = dest if isinstance(dest, dict) else {}
            entries.append(OutlineEntry(int(level), str(title), page, _target_y(info) if page >= 0 else None))
        return entries

    @pymupdf_locked
    def links(self, page: int) -> list[LinkInfo]:
        import pymupdf

        self._check(page)
        result: list[LinkInfo] = []
        for link in self._doc[page].get_links():
            r = link["from"]
            rect = (float(r.x0), float(r.y0), float(r.x1), float(r.y1))
            kind = link.get("kind")
            if kind in (pymupdf.LINK_GOTO, pymupdf.LINK_NAMED):
                target = link.get("page", -1)
                if isinstance(target, int) and 0 <= target < self.page_count:
                    result.append(LinkInfo(rect, target, _target_y(link), None))
            elif kind in (pymupdf.LINK_URI, pymupdf.LINK_LAUNCH, pymupdf.LINK_GOTOR):
                uri = link.get("uri") or link.get("file")
                if uri:
                    result.append(LinkInfo(rect, None, None, str(uri)))
        return result

    @pymupdf_locked
    def words(self, page: int) -> list[Word]:
        self._check(page)
        return [
            Word(float(x0), float(y0), float(x1), float(y1), str(text), int(block), int(line))
            for x0, y0, x1, y1, text, block, line, _ in self._doc[page].get_text("words")
        ]

    @pymupdf_locked
    def text(self, page: int) -> str:
        self._check(page)
        return str(self._doc[page].get_text("text"))

    @pymupdf_locked
    def close(self) -> None:
        self._lists.clear()
        self._doc.close()

