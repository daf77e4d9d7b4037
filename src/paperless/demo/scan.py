# PyMuPDF ships partial type annotations; its unannotated calls are fine here.
# mypy: disable-error-code="no-untyped-call"
"""The scanned demo letter: text pages rendered to greyscale images with paper tint, a
slight skew and grain, then rebuilt as a PDF of JPEG page images with no text layer.

Only PyMuPDF is used (no numpy): the grain is a random grey+alpha pixmap laid over the
page before rendering, so all per-pixel work happens inside MuPDF.
"""

from __future__ import annotations

import math
import random
from pathlib import Path

import pymupdf

from paperless.demo.layout import MM, RED, Builder
from paperless.demo.official import Official
from paperless.demo.texts import LetterText

DPI = 150
JPEG_QUALITY = 55


def _letter(b: Builder, official: Official, t: LetterText, code: str, marker: str) -> pymupdf.Document:
    b.new_page()
    official.state_header(b, t.header)
    b.paragraph([(t.addressed_to, "R")], align="center", indent=-30 * MM, after=0)
    for line in t.addressees:
        b.paragraph(line, left=52 * MM, indent=0, after=0)
    b.space(8)
    for text in t.body:
        b.paragraph(text, size=12.5)
    cx, name_y = official.signature(b, t.signature)
    # A round seal overlapping the left of the signature, and a hand-drawn signature.
    sx, sy = cx - 42, name_y - 26
    b.circle(sx, sy, 33, color=RED, width=1.6)
    b.circle(sx, sy, 24, color=RED, width=0.8)
    for i, line in enumerate(t.seal):
        b.text_at(line, x0=sx - 30, x1=sx + 30, y=sy - 10 + 11 * i, face="B", size=6.5, align="center", color=RED)
    rng = random.Random(56)
    b.polyline(
        [
            (
                cx - 25 + k * 1.5,
                name_y - 28 + 8 * math.sin(k / 2.1) - k * 0.25 + rng.uniform(-0.8, 0.8),
            )
            for k in range(50)
        ],
        width=1.1,
    )
    b.text_at(official.code_line(code), x0=b.left, x1=b.right, y=b.height - 19 * MM, size=7.5, align="right", page=0)
    return b.document(metadata={"keywords": marker}, page_label=official.words.page)


def _grain(rng: random.Random, width: int, height: int) -> pymupdf.Pixmap:
    """Grey+alpha noise: faint grain everywhere and a few dark specks."""
    n = width * height
    grey = rng.randbytes(n)
    alpha_src = rng.randbytes(n)
    table = bytes(130 if v == 255 else (20 if v >= 215 else 0) for v in range(256))
    grey_table = bytes(50 if v < 60 else 255 for v in range(256))
    samples = bytearray(2 * n)
    samples[0::2] = grey.translate(grey_table)
    samples[1::2] = alpha_src.translate(table)
    return pymupdf.Pixmap(pymupdf.csGRAY, width, height, bytes(samples), True)


def write_scanned_letter(path: Path, b: Builder, official: Official, t: LetterText, *, code: str,
                         marker: str) -> Path:
    """Typeset the letter with the empty builder ``b``, scan it and save the scan to ``path``."""
    rng = random.Random(2025)
    letter = _letter(b, official, t, code, marker)
    out = pymupdf.open()
    try:
        for pno in range(letter.page_count):
            paper = pymupdf.open()
            page = paper.new_page(width=letter[pno].rect.width, height=letter[pno].rect.height)
            rect = page.rect
            page.draw_rect(rect, color=None, fill=(0.91, 0.90, 0.88))
            for i in range(6):  # the scanner lid's shadow on one edge
                page.draw_rect(
                    pymupdf.Rect(0, 0, 3 + 2 * i, rect.height),
                    color=None,
                    fill=(0.5, 0.5, 0.5),
                    fill_opacity=0.08,
                )
            inner = rect + (4 * MM, 3 * MM, -2 * MM, -3 * MM)
            page.show_pdf_page(inner, letter, pno, rotate=rng.uniform(-0.9, 0.9))
            page.insert_image(rect, pixmap=_grain(rng, 620, 877))
            pix = page.get_pixmap(dpi=DPI, colorspace=pymupdf.csGRAY, alpha=False)
            paper.close()
            jpeg = pix.tobytes("jpeg", jpg_quality=JPEG_QUALITY)
            target = out.new_page(width=rect.width, height=rect.height)
            target.insert_image(target.rect, stream=jpeg)
        out.set_metadata(
            {
                "title": t.metadata_title,
                "author": t.metadata_author,
                "producer": "Paperless demo generator",
                "subject": official.code_line(code),
                "keywords": marker,
            }
        )
        out.save(str(path), garbage=3, deflate=True)
    finally:
        out.close()
        letter.close()
    return path


def scan_text(path: Path, paragraphs: list[str], *, seed: int = 1, dpi: int = 300, skew: float = 0.7,
              blur: float = 1.5, jpeg_quality: int = 60, fontsize: float = 12.0, clean: bool = False,
              font: Path | None = None) -> Path:
    """A one-page A4 "scan" of ``paragraphs`` (Noto Sans, Vietnamese) at ``dpi``: skewed by up to
    ``skew`` degrees, blurred (rendered ``blur`` times coarser, then scaled back up) and saved as a
    greyscale JPEG page image with no text layer. For OCR tests and benchmarks. ``clean``: the
    reference, a digital render at ``dpi`` (white paper, no grain, skew or blur; lossless).
    ``font``: a TrueType file with Vietnamese letters (default Noto Sans)."""
    from paperless.resources import resource_path

    rng = random.Random(seed)
    clean_doc = pymupdf.open()
    page = clean_doc.new_page(width=595, height=842)
    fontfile = str(font or resource_path("fonts", "NotoSans-Regular.ttf"))
    page.insert_textbox(pymupdf.Rect(60, 60, 535, 800), "\n\n".join(paragraphs), fontsize=fontsize,
                        fontname="scanfont", fontfile=fontfile, lineheight=1.4)
    paper = pymupdf.open()
    sheet = paper.new_page(width=595, height=842)
    if clean:
        skew, blur = 0.0, 1.0
    else:
        sheet.draw_rect(sheet.rect, color=None, fill=(0.93, 0.92, 0.90))
    sheet.show_pdf_page(sheet.rect, clean_doc, 0, rotate=rng.uniform(-skew, skew))
    if not clean:
        sheet.insert_image(sheet.rect, pixmap=_grain(rng, 620, 877))
    coarse = sheet.get_pixmap(dpi=max(36, round(dpi / blur)), colorspace=pymupdf.csGRAY, alpha=False)
    width, height = round(595 * dpi / 72), round(842 * dpi / 72)
    pix = pymupdf.Pixmap(coarse, width, height, None) if blur != 1 else coarse
    out = pymupdf.open()
    target = out.new_page(width=595, height=842)
    image = pix.tobytes("png") if clean else pix.tobytes("jpeg", jpg_quality=jpeg_quality)
    target.insert_image(target.rect, stream=image)
    out.save(str(path), garbage=3, deflate=True)
    for d in (out, paper, clean_doc):
        d.close()
    return path
