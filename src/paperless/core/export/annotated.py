# PyMuPDF ships partial type annotations; its unannotated calls are fine here.
# mypy: disable-error-code="no-untyped-call"
""""Export annotated PDF": a copy of the document with the member's annotations as standard
PDF annotations (Highlight, Underline, StrikeOut, Ink, Text, FreeText) that other readers
show and can edit, plus the watermark when the session's policy asks for it.

Pure: bytes in, bytes out, no files. PyMuPDF is imported inside the functions (the caller
runs this in a separate process; PyMuPDF is not thread-safe).

Each annotation carries ``/T`` (the author's name), ``/NM`` (the record's uuid),
``/Contents`` (the comment or text), ``/C`` (its colour), ``/CA`` (the opacity of a
``#rrggbbaa`` colour) and the creation and modification dates of the record (from its
hybrid-logical-clock times). A markup that crosses a page break becomes one annotation per
page, each with the same ``/NM`` (a name is unique per page in PDF). Records that are
deleted are left out; records that belong to another version of the document, lie on a page
it does not have, MuPDF refuses, or whose content did not validate
(:class:`~paperless.core.notes.UnreadableAnnotation`, e.g. from JSON) are left out and listed
in :attr:`AnnotatedExport.skipped`.
"""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from paperless.core.bundle.errors import DocumentError
from paperless.core.export import payload as pl
from paperless.core.export.fontset import FontSet
from paperless.core.export.forms import Scratch, draw_watermark, import_forms
from paperless.core.notes.content import Ink, StickyNote, TextBox, TextMarkup
from paperless.core.notes.records import Annotation, AnnotationKind, UnreadableAnnotation

log = logging.getLogger(__name__)

POPUP_SIZE = (220.0, 120.0)


@dataclass(frozen=True)
class AnnotatedExport:
    data: bytes
    exported: int  # records written (a markup over two pages counts once)
    skipped: tuple[str, ...]  # uuids of records that could not be written (deleted ones are not listed)


@dataclass(frozen=True)
class _PendingBox:
    """A text box whose appearance is drawn once the scratch pages are imported."""

    xref: int
    scratch_page: int
    matrix: tuple[float, float, float, float, float, float]


def export_annotated_pdf(
    pdf: bytes, annotations: Sequence[Annotation | UnreadableAnnotation], *, watermark: str | None, author_name: str
) -> bytes:
    """The document with the (non-deleted) annotations and, if given, the watermark text."""
    return build_annotated_pdf(pdf, annotations, watermark=watermark, author_name=author_name).data


def build_annotated_pdf(
    pdf: bytes,
    annotations: Sequence[Annotation | UnreadableAnnotation],
    *,
    watermark: str | None,
    author_name: str,
    name: str = "PDF",
    fonts: FontSet | None = None,
) -> AnnotatedExport:
    """:func:`export_annotated_pdf` with a report of what was left out; ``name`` is used in errors;
    ``fonts``: the bundled faces already in memory (read now if not given)."""
    import pymupdf

    try:
        doc = pymupdf.open(stream=pdf, filetype="pdf")
    except Exception as exc:  # MuPDF raises several exception types for bad files
        raise DocumentError(path=name, detail=str(exc) or type(exc).__name__) from exc
    scratch = Scratch(fonts)
    try:
        if doc.needs_pass:
            raise DocumentError(path=name, detail="the PDF is password protected")
        if doc.page_count < 1:
            raise DocumentError(path=name, detail="the PDF has no pages")
        doc_hash = hashlib.sha256(pdf).hexdigest()
        exported, skipped = 0, []
        boxes: list[_PendingBox] = []
        for annotation in annotations:
            if annotation.deleted:
                continue
            if isinstance(annotation, UnreadableAnnotation):
                log.warning("annotation %s not exported: %s", annotation.uuid, annotation.reason)
                skipped.append(annotation.uuid)
                continue
            if annotation.doc_hash != doc_hash:
                log.warning("annotation %s belongs to another document version; not exported", annotation.uuid)
                skipped.append(annotation.uuid)
                continue
            try:
                _add(doc, scratch, annotation, author_name, boxes)
            except Exception as exc:  # a page the document lacks (ValueError) or MuPDF refusing it
                log.warning("annotation %s not exported: %s", annotation.uuid, exc)
                skipped.append(annotation.uuid)
                continue
            exported += 1
        marks: list[int] = []
        if watermark and watermark.strip():  # typeset before the fonts are subset
            shown = [doc[n].rect for n in range(doc.page_count)]
            marks = [scratch.watermark(r.width, r.height, watermark) for r in shown]
        scratch.finish()
        for number, mark in enumerate(marks):
            draw_watermark(doc[number], scratch, mark)
        forms = import_forms(doc, scratch, [b.scratch_page for b in boxes])
        for box in boxes:
            _set_appearance(doc, box, forms[box.scratch_page])
        data = doc.tobytes(garbage=3, deflate=True)
    finally:
        scratch.close()
        doc.close()
    return AnnotatedExport(bytes(data), exported, tuple(skipped))


def _add(doc: Any, scratch: Scratch, annotation: Annotation, author: str, boxes: list[_PendingBox]) -> None:
    """Write one record (all its PDF annotations, or none of them)."""
    rgb, alpha = pl.color_of(annotation)
    content = annotation.content
    made: list[tuple[Any, Any]] = []  # (page, annotation): an annotation only weakly refers to its page
    try:
        if isinstance(content, TextMarkup):
            made = _markups(doc, annotation.kind, content)
            contents = content.comment or ""
        else:
            page = _page(doc, annotation.page)
            if isinstance(content, Ink):
                made, contents = [(page, _ink(page, content))], ""
            elif isinstance(content, StickyNote):
                made, contents = [(page, _note(page, content))], content.text
            else:
                annot, box = _text_box(page, scratch, content, rgb, alpha)
                made, contents = [(page, annot)], content.text
                boxes.append(box)
        colour = None if annotation.kind is AnnotationKind.TEXTBOX else rgb  # a text box's colour is its text's
        for _, annot in made:
            _finish(doc, annot, annotation, author, contents, colour, alpha)
    except BaseException:
        if annotation.kind is AnnotationKind.TEXTBOX and made:
            boxes.pop()
        for page, annot in made:
            page.delete_annot(annot)
        raise


def _page(doc: Any, number: int) -> Any:
    if not 0 <= number < doc.page_count:
        raise ValueError(f"page {number} is not in the document")
    return doc[number]


def _markups(doc: Any, kind: AnnotationKind, content: TextMarkup) -> list[tuple[Any, Any]]:
    import pymupdf

    by_page = {p: content.lines_on(p) for p in content.pages if 0 <= p < doc.page_count}
    if not by_page:
        raise ValueError("the markup has no lines on the document's pages")
    made: list[tuple[Any, Any]] = []
    try:
        for number, rects in by_page.items():
            page = doc[number]
            quads = [pymupdf.Rect(r).quad for r in rects]
            if kind is AnnotationKind.HIGHLIGHT:
                made.append((page, page.add_highlight_annot(quads=quads)))
            elif kind is AnnotationKind.UNDERLINE:
                made.append((page, page.add_underline_annot(quads=quads)))
            else:
                made.append((page, page.add_strikeout_annot(quads=quads)))
    except BaseException:
        for page, annot in made:
            page.delete_annot(annot)
        raise
    return made


def _ink(page: Any, content: Ink) -> Any:
    # a dot (one point) as a zero-length stroke: it still shows with a round cap
    strokes = [list(stroke) if len(stroke) > 1 else [stroke[0], stroke[0]] for stroke in content.strokes]
    annot = page.add_ink_annot(strokes)
    annot.set_border(width=content.width)
    return annot


def _note(page: Any, content: StickyNote) -> Any:
    import pymupdf

    annot = page.add_text_annot(content.point, content.text, icon="Note")
    width, height = POPUP_SIZE
    shown = annot.rect * page.rotation_matrix  # the icon as displayed
    popup = pymupdf.Rect(shown.x1 + 4, shown.y0, shown.x1 + 4 + width, shown.y0 + height)
    if popup.x1 > page.rect.x1:  # no room on the right: open it to the left of the icon
        popup = pymupdf.Rect(shown.x0 - 4 - width, shown.y0, shown.x0 - 4, shown.y0 + height)
    popup = (popup & page.rect) * page.derotation_matrix
    if not popup.is_empty:
        annot.set_popup(popup)
        annot.set_open(False)
    return annot


def _text_box(
    page: Any, scratch: Scratch, content: TextBox, rgb: pl.Rgb, alpha: float
) -> tuple[Any, _PendingBox]:
    import pymupdf

    text, size = content.text, content.font_size
    rect = pymupdf.Rect(content.rect)
    shown = rect * page.rotation_matrix  # the box as displayed
    number, height = scratch.text_box(shown.width, shown.height, text, size, rgb, alpha)
    if height > shown.height:  # the text needs more room: grow the box downwards, as displayed
        shown = pymupdf.Rect(shown.x0, shown.y0, shown.x1, shown.y0 + height)
        rect = shown * page.derotation_matrix
    annot = page.add_freetext_annot(rect, text, fontsize=size, text_color=rgb, rotate=page.rotation)
    flip = pymupdf.Matrix(1, 0, 0, -1, 0, shown.height)  # scratch page space (y up) -> box, as displayed
    m = flip * pymupdf.Matrix(1, 0, 0, 1, shown.x0, shown.y0) * page.derotation_matrix * ~page.transformation_matrix
    return annot, _PendingBox(annot.xref, number, (m.a, m.b, m.c, m.d, m.e, m.f))


def _finish(doc: Any, annot: Any, annotation: Annotation, author: str, contents: str, rgb: pl.Rgb | None,
            alpha: float) -> None:
    """Author, contents, colour, opacity, appearance; then the keys MuPDF would overwrite."""
    import pymupdf

    annot.set_info(title=author, content=contents)
    if rgb is not None:
        annot.set_colors(stroke=rgb)
    if alpha < 1.0:
        annot.set_opacity(alpha)
    annot.update()
    doc.xref_set_key(annot.xref, "NM", pymupdf.get_pdf_str(annotation.uuid))
    created, modified = pl.pdf_date(annotation.created), pl.pdf_date(annotation.hlc)
    if created:
        doc.xref_set_key(annot.xref, "CreationDate", pymupdf.get_pdf_str(created))
    if modified:
        doc.xref_set_key(annot.xref, "M", pymupdf.get_pdf_str(modified))


def _set_appearance(doc: Any, box: _PendingBox, form: int) -> None:
    """Replace a text box's appearance by its Noto Sans form (MuPDF's own lacks the glyphs)."""
    kind, value = doc.xref_get_key(box.xref, "AP/N")
    if kind != "xref":
        raise RuntimeError("the text box has no appearance stream")
    ap = int(value.split()[0])
    rect = doc.xref_get_key(box.xref, "Rect")[1]
    matrix = " ".join(f"{v:.6f}".rstrip("0").rstrip(".") for v in box.matrix)
    doc.update_stream(ap, f"q {matrix} cm /PLText Do Q".encode("ascii"))
    doc.xref_set_key(ap, "BBox", rect)
    doc.xref_set_key(ap, "Matrix", "[1 0 0 1 0 0]")
    doc.xref_set_key(ap, "Resources", f"<</XObject<</PLText {form} 0 R>>>>")
    doc.xref_set_key(box.xref, "CL", "null")  # MuPDF adds a callout line nobody drew
