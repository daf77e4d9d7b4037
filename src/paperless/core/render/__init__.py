"""The render engine (Qt-free): PdfDocument wraps PyMuPDF, RenderWorker is the one thread
that owns every open document and makes every PyMuPDF call, ImageCache keeps the pixels."""

from paperless.core.render.cache import DEFAULT_BUDGET, ImageCache
from paperless.core.render.document import (
    Image,
    LinkInfo,
    OutlineEntry,
    PageSize,
    PdfDocument,
    Word,
)
from paperless.core.render.worker import DocId, Priority, RenderKey, RenderResult, RenderWorker

__all__ = [
    "DEFAULT_BUDGET",
    "DocId",
    "Image",
    "ImageCache",
    "LinkInfo",
    "OutlineEntry",
    "PageSize",
    "PdfDocument",
    "Priority",
    "RenderKey",
    "RenderResult",
    "RenderWorker",
    "Word",
]
