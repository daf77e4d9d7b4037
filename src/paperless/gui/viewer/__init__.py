"""The document viewer: continuous pages, zoom, thumbnails, outline, links, selection."""

from paperless.gui.viewer.document_view import DocumentView
from paperless.gui.viewer.layout import PageLayout, ZoomMode

__all__ = ["DocumentView", "PageLayout", "ZoomMode"]
