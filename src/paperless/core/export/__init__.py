"""Exports (issue 4): the annotated PDF and the summary of my notes; Qt-free.

* :func:`export_annotated_pdf` — the document with my annotations as standard PDF
  annotations (Highlight, Underline, StrikeOut, Ink, Text, FreeText) and, when asked, the
  watermark; a pure function (bytes in, bytes out) meant for the render process.
* :func:`export_notes_markdown` / :func:`export_notes_pdf` — all my notes of a session in
  agenda order (describe the session with :class:`NotesSummaryInput`, e.g.
  ``NotesSummaryInput.from_agenda(agenda, member)``).
* :func:`write_export` — saving where the member chose, atomically.
"""

from paperless.core.export.annotated import AnnotatedExport, build_annotated_pdf, export_annotated_pdf
from paperless.core.export.labels import EN, VI, Labels, labels_for
from paperless.core.export.markdown import export_notes_markdown
from paperless.core.export.notes_pdf import export_notes_pdf
from paperless.core.export.payload import DEFAULT_COLORS
from paperless.core.export.summary import NotesSummaryInput, SummaryDocument, SummaryItem
from paperless.core.export.writing import write_export

__all__ = [
    "DEFAULT_COLORS", "EN", "VI", "AnnotatedExport", "Labels", "NotesSummaryInput", "SummaryDocument",
    "SummaryItem", "build_annotated_pdf", "export_annotated_pdf", "export_notes_markdown", "export_notes_pdf",
    "labels_for", "write_export",
]
