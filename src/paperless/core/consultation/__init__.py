"""Consultation on drafts (góp ý dự thảo), the member's side: Qt-free and PyMuPDF-free.

:mod:`.place` finds where a passage sits in a draft's structure ("Điều 5, khoản 2",
"Mục II.3") from plain data: the document's outline entries and its text lines.
"""

from paperless.core.consultation.place import (
    DraftStructure,
    Heading,
    Kind,
    Line,
    Place,
    Token,
    clean_text,
    headings_of,
    lines_from_words,
    token_of,
)

__all__ = [
    "DraftStructure",
    "Heading",
    "Kind",
    "Line",
    "Place",
    "Token",
    "clean_text",
    "headings_of",
    "lines_from_words",
    "token_of",
]
