"""Demo content: a fictional Standing Committee session and its documents."""

from __future__ import annotations

from paperless.core.demo.documents import DEFAULT_MARKER, DemoDocuments, write_demo_documents
from paperless.core.demo.session_data import DEMO_SESSION, DemoItem, DemoMember, DemoSession

__all__ = [
    "DEFAULT_MARKER",
    "DEMO_SESSION",
    "DemoDocuments",
    "DemoItem",
    "DemoMember",
    "DemoSession",
    "write_demo_documents",
]
