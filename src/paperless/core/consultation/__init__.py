"""Consultation on drafts (góp ý dự thảo) and written opinion polls (phiếu lấy ý kiến), the
member's side (issue 12, docs/consultation.md): Qt-free and PyMuPDF-free.

* :mod:`.place` finds where a passage sits in a draft's structure ("Điều 5, khoản 2",
  "Mục II.3") from plain data: the document's outline entries and its text lines;
* :mod:`.polls`: polls and items open for comments, as session.toml and the agenda carry them;
* :mod:`.envelope`: comments and poll answers signed by the member, sealed to the office;
* :mod:`.book`: the member's drafts, sent and received ones, and the outbox the sync round sends;
* :mod:`.reminders`: what is still to answer as a deadline nears;
* :mod:`.wire`: the routes and limits shared with the office server.
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
