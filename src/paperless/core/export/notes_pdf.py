# PyMuPDF ships partial type annotations; its unannotated calls are fine here.
# mypy: disable-error-code="no-untyped-call"
"""The notes summary as a PDF: A4, typeset by MuPDF's HTML engine (``pymupdf.Story``) in the
bundled Noto Sans (Vietnamese), fonts subset, page numbers in the footer. Pure: bytes out."""

from __future__ import annotations

import io
from collections.abc import Sequence
from html import escape
from typing import Any

from paperless.core.export.fonts import BOLD, BOLD_ITALIC, ITALIC, REGULAR
from paperless.core.export.fontset import FontSet
from paperless.core.export.labels import Labels, labels_for
from paperless.core.export.summary import DocumentSection, ItemSection, NotesSummaryInput, Summary, collect, page_text
from paperless.core.notes.records import Annotation, Bookmark, ItemNote, UnreadableAnnotation

MARGIN = (56.0, 56.0, 56.0, 64.0)  # left, top, right, bottom (points)
FOOTER_SIZE = 8.5
GREY = (0.4, 0.4, 0.4)

CSS = f"""
@font-face {{font-family: NotoSans; src: url({REGULAR});}}
@font-face {{font-family: NotoSans; src: url({BOLD}); font-weight: bold;}}
@font-face {{font-family: NotoSans; src: url({ITALIC}); font-style: italic;}}
@font-face {{font-family: NotoSans; src: url({BOLD_ITALIC}); font-weight: bold; font-style: italic;}}
* {{font-family: NotoSans;}}
body {{font-size: 10.5pt; line-height: 1.35; color: #1a1a1a;}}
h1 {{font-size: 17pt; margin: 0 0 6pt 0;}}
h2 {{font-size: 13.5pt; margin: 16pt 0 4pt 0; color: #0b3d7a;}}
h3 {{font-size: 11.5pt; margin: 10pt 0 3pt 0;}}
h4 {{font-size: 10.5pt; margin: 8pt 0 2pt 0;}}
p {{margin: 2pt 0 4pt 0;}}
.details {{color: #444444; margin-bottom: 8pt;}}
.presenter {{font-style: italic; color: #444444;}}
.label {{font-weight: bold;}}
.empty {{font-style: italic; color: #777777;}}
.entry {{margin: 6pt 0 2pt 0;}}
.where {{color: #555555;}}
.quote {{margin: 2pt 0 2pt 14pt; padding-left: 6pt; border-left: 2pt solid #c9a400; font-style: italic;}}
.text {{margin: 2pt 0 2pt 14pt;}}
.note {{margin: 2pt 0 6pt 0;}}
"""


def export_notes_pdf(
    summary: NotesSummaryInput,
    annotations: Sequence[Annotation | UnreadableAnnotation],
    item_notes: Sequence[ItemNote],
    bookmarks: Sequence[Bookmark],
    *,
    language: str = "vi",
    fonts: FontSet | None = None,
) -> bytes:
    """All my notes of the session, in agenda order, as an A4 PDF (``fonts``: the bundled
    faces already in memory, read now if not given)."""
    labels = labels_for(language)
    collected = collect(summary, annotations, item_notes, bookmarks, labels)
    return render_pdf(collected, labels, fonts if fonts is not None else FontSet.load())


def render_pdf(s: Summary, labels: Labels, fonts: FontSet) -> bytes:
    import pymupdf

    story = pymupdf.Story(html=summary_html(s, labels), user_css=CSS, archive=fonts.archive())
    page_rect = pymupdf.paper_rect("a4")
    left, top, right, bottom = MARGIN
    where = pymupdf.Rect(left, top, page_rect.width - right, page_rect.height - bottom)
    buffer = io.BytesIO()
    writer = pymupdf.DocumentWriter(buffer)
    more = True
    while more:
        device = writer.begin_page(page_rect)
        more, _ = story.place(where)
        story.draw(device)
        writer.end_page()
    writer.close()
    doc: Any = pymupdf.open(stream=buffer.getvalue(), filetype="pdf")
    try:
        total = doc.page_count
        font = fonts.font(REGULAR)
        for number in range(total):
            page = doc[number]
            footer = labels.footer.format(n=number + 1, total=total)
            width = font.text_length(footer, fontsize=FOOTER_SIZE)
            page.insert_font(fontname="NotoSans", fontbuffer=fonts.data(REGULAR))
            page.insert_text(((page_rect.width - width) / 2, page_rect.height - bottom / 2), footer,
                             fontsize=FOOTER_SIZE, fontname="NotoSans", color=GREY)
        doc.set_metadata({"title": s.title, "creator": "Paperless", "producer": "Paperless"})
        doc.subset_fonts()
        return bytes(doc.tobytes(garbage=3, deflate=True))
    finally:
        doc.close()


def summary_html(s: Summary, labels: Labels) -> str:
    out = [f"<h1>{escape(s.title)}</h1>"]
    if s.details:
        lines = "<br/>".join(f"<b>{escape(k)}:</b> {escape(v)}" for k, v in s.details)
        out.append(f'<p class="details">{lines}</p>')
    for item in s.items:
        _item(out, item, labels, "h2")
    if s.others:
        out.append(f"<h2>{escape(labels.others)}</h2>")
        for item in s.others:
            _item(out, item, labels, "h3")
    return "<body>" + "\n".join(out) + "</body>"


def _lines(text: str) -> str:
    """Plain text with its line breaks and leading spaces kept."""
    rows = []
    for line in text.strip("\n").splitlines():
        stripped = line.lstrip(" ")
        rows.append("&#160;" * (len(line) - len(stripped)) + escape(stripped))
    return "<br/>".join(rows)


def _item(out: list[str], item: ItemSection, labels: Labels, tag: str) -> None:
    out.append(f"<{tag}>{escape(item.heading)}</{tag}>")
    if item.presenter.strip():
        out.append(f'<p class="presenter">{escape(labels.presenter)}: {escape(item.presenter)}</p>')
    if item.empty:
        out.append(f'<p class="empty">{escape(labels.no_notes)}</p>')
        return
    if item.note.strip():
        out.append(f'<p class="label">{escape(labels.item_note)}</p>')
        out.append(f'<p class="note">{_lines(item.note)}</p>')
    sub = "h3" if tag == "h2" else "h4"
    for doc in item.documents:
        _document(out, doc, labels, sub)


def _document(out: list[str], doc: DocumentSection, labels: Labels, tag: str) -> None:
    if doc.title:
        count = f" ({labels.pages_count.format(n=doc.page_count)})" if doc.page_count else ""
        out.append(f"<{tag}>{escape(doc.title)}{escape(count)}</{tag}>")
    for e in doc.entries:
        out.append(f'<p class="entry"><b>{escape(e.label)}</b> '
                   f'<span class="where">· {escape(page_text(labels, e.pages))}</span></p>')
        if e.quote.strip():
            out.append(f'<p class="quote">“{_lines(e.quote.strip())}”</p>')
        if e.text.strip():
            prefix = f"<b>{escape(labels.comment)}:</b> " if e.quote.strip() else ""
            out.append(f'<p class="text">{prefix}{_lines(e.text)}</p>')
    if doc.bookmarks:
        out.append(f'<p class="entry"><b>{escape(labels.bookmarks)}</b></p>')
        for page, label in doc.bookmarks:
            tail = f" — {escape(label)}" if label.strip() else ""
            out.append(f'<p class="text">{escape(page_text(labels, (page,)))}{tail}</p>')
