"""The render engine (Qt-free): PdfDocument wraps PyMuPDF, RenderWorker is the one thread
that schedules every call on the open documents, RenderProcess keeps those documents (and
PyMuPDF) in a separate process for the app, ImageCache keeps the pixels."""

from paperless.core.render.cache import DEFAULT_BUDGET, ImageCache
from paperless.core.render.document import (
    Image,
    LinkInfo,
    OutlineEntry,
    PageSize,
    PdfDocument,
    RenderDocument,
    Word,
)
from paperless.core.render.process import RemoteDocument, RenderProcess, RenderProcessError
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
    "RemoteDocument",
    "RenderDocument",
    "Priority",
    "RenderKey",
    "RenderProcess",
    "RenderProcessError",
    "RenderResult",
    "RenderWorker",
    "Word",
]
