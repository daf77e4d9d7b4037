# PyMuPDF ships partial type annotations; its unannotated calls are fine here.
# mypy: disable-error-code="no-untyped-call"
"""The laid-out pages of :class:`~paperless.demo.layout.Builder` made into a PDF with
PyMuPDF: the Noto Sans faces used embedded once, each page's content stream, internal links,
the outline and the metadata; the fonts subset at the end."""

from __future__ import annotations

import pymupdf

from paperless.demo.fonts import FONT_FILES, RES_NAME, Fonts
from paperless.demo.texts import Face

Link = tuple[int, pymupdf.Rect, int, float]  # from page, area, to page, to y
Entry = tuple[int, str, int, float]  # outline level, title, page, y


def goto(page: int, y: float) -> dict[str, object]:
    return {"kind": pymupdf.LINK_GOTO, "page": page, "to": pymupdf.Point(0, max(y, 0)), "zoom": 0}


def assemble(pages: list[list[str]], *, width: float, height: float, fonts: Fonts, used: set[Face],
             links: list[Link], toc: list[Entry], metadata: dict[str, str]) -> pymupdf.Document:
    """The PDF of ``pages`` (content-stream operators per page); the caller saves and closes it."""
    doc = pymupdf.open()
    try:
        first = doc.new_page(width=width, height=height)
        faces = [f for f in FONT_FILES if f in used]
        xrefs = {
            f: first.insert_font(fontname=RES_NAME[f], fontfile=str(fonts.paths[f]))
            for f in faces
        }
        resources = "".join(f"/{RES_NAME[f]} {xrefs[f]} 0 R" for f in faces)
        for n, ops in enumerate(pages):
            page = first if n == 0 else doc.new_page(width=width, height=height)
            cx = doc.get_new_xref()
            doc.update_object(cx, "<<>>")
            doc.update_stream(cx, "\n".join(ops).encode("ascii"), compress=True)
            doc.xref_set_key(page.xref, "Contents", f"{cx} 0 R")
            doc.xref_set_key(page.xref, "Resources", f"<</Font<<{resources}>>>>")
        for pno, rect, target, ty in links:
            doc[pno].insert_link({**goto(target, ty), "from": rect})
        if toc:
            doc.set_toc([[lvl, title, p + 1, goto(p, y)] for lvl, title, p, y in toc])
        doc.set_metadata(
            {"producer": "Paperless demo generator", "creator": "Paperless", **metadata}
        )
        doc.subset_fonts()
    except BaseException:
        doc.close()
        raise
    return doc
