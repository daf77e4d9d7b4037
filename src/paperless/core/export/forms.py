# PyMuPDF ships partial type annotations; its unannotated calls are fine here.
# mypy: disable-error-code="no-untyped-call"
"""Text drawn with the bundled Noto Sans: text-box appearances and the watermark.

PyMuPDF's own FreeText appearance uses Helvetica and patches the letters it lacks (most
Vietnamese vowels with tone marks) from a serif fallback, and embeds both fonts whole. So
the text is typeset here instead, on the pages of a small *scratch* document whose fonts
are then subset; each scratch page becomes a form XObject of the exported document
(``show_pdf_page`` copies it with its subset fonts). A text box's appearance stream just
draws its form; the watermark form is drawn over every page's content.

Coordinates on a scratch page are those of the target *as displayed* (rotation applied),
so text reads upright on a rotated page too.
"""

from __future__ import annotations

import math
import unicodedata
from typing import Any

from paperless.core.export.fonts import BOLD, REGULAR
from paperless.core.export.fontset import FontSet
from paperless.core.export.payload import Rgb

PADDING = 2.0  # points between a text box's edge and its text
LINE_HEIGHT = 1.25  # line spacing, in font sizes
WATERMARK_RGB: Rgb = (110 / 255, 110 / 255, 110 / 255)  # the reader's day palette
WATERMARK_ALPHA = 40 / 255
WATERMARK_SPAN = 0.5  # the text spans this share of the page's diagonal ...
WATERMARK_MAX_SIZE = 1 / 20  # ... but is at most this share of the page's short side high
WATERMARK_SPREAD = 0.42  # distance of the outer copies, as in the reader


def wrap(text: str, font: Any, size: float, width: float) -> list[str]:
    """Greedy word wrap at ``width``; explicit line breaks kept; over-long words split."""
    lines: list[str] = []
    for paragraph in text.split("\n"):
        current = ""
        for word in paragraph.split(" "):
            candidate = f"{current} {word}" if current else word
            if not current or font.text_length(candidate, fontsize=size) <= width:
                current = candidate
            else:
                lines.append(current)
                current = word
            while len(current) > 1 and font.text_length(current, fontsize=size) > width:
                cut = _fitting(current, font, size, width)
                lines.append(current[:cut])
                current = current[cut:]
        lines.append(current)
    return lines


def _fitting(word: str, font: Any, size: float, width: float) -> int:
    """How many leading characters of ``word`` fit ``width`` (at least one)."""
    cut = 1
    while cut < len(word) and font.text_length(word[: cut + 1], fontsize=size) <= width:
        cut += 1
    return cut


class Scratch:
    """The scratch document: one page per text box, one per watermarked page size."""

    def __init__(self, fonts: FontSet | None = None) -> None:
        import pymupdf

        self._pymupdf = pymupdf
        self._faces = fonts if fonts is not None else FontSet.load()
        self.doc: Any = pymupdf.open()
        self._fonts: dict[str, Any] = {}
        self._watermarks: dict[tuple[float, float, str], int] = {}

    def font(self, name: str) -> Any:
        if name not in self._fonts:
            self._fonts[name] = self._faces.font(name)
        return self._fonts[name]

    def close(self) -> None:
        self.doc.close()

    def text_box(
        self, width: float, height: float, text: str, size: float, rgb: Rgb, alpha: float
    ) -> tuple[int, float]:
        """Typeset ``text`` in a box ``width`` wide (as displayed); the box grows downwards
        when the text needs more than ``height``. Returns the scratch page and its height."""
        font = self.font(REGULAR)
        text = unicodedata.normalize("NFC", text).replace("\r\n", "\n").replace("\t", "    ")
        lines = wrap(text, font, size, max(width - 2 * PADDING, size))
        step = LINE_HEIGHT * size
        first = PADDING + font.ascender * size
        needed = first + (len(lines) - 1) * step - font.descender * size + PADDING
        height = max(height, needed)
        page = self.doc.new_page(width=width, height=height)
        if any(line.strip() for line in lines):
            writer = self._pymupdf.TextWriter(page.rect)
            for n, line in enumerate(lines):
                if line.strip():
                    writer.append((PADDING, first + n * step), line, font=font, fontsize=size)
            writer.write_text(page, color=rgb, opacity=alpha)
        return page.number, height

    def watermark(self, width: float, height: float, text: str) -> int:
        """The scratch page carrying ``text`` diagonally three times, for a page of this size."""
        key = (round(width, 1), round(height, 1), text)
        if key in self._watermarks:
            return self._watermarks[key]
        pymupdf = self._pymupdf
        font = self.font(BOLD)
        text = unicodedata.normalize("NFC", " ".join(text.split()))
        diagonal = math.hypot(width, height)
        advance = max(font.text_length(text, fontsize=1.0), 1e-3)
        size = max(6.0, min(WATERMARK_SPAN * diagonal / advance, min(width, height) * WATERMARK_MAX_SIZE))
        text_width = font.text_length(text, fontsize=size)
        offset = WATERMARK_SPREAD * width * height / diagonal
        centre = pymupdf.Point(width / 2, height / 2)
        page = self.doc.new_page(width=width, height=height)
        writer = pymupdf.TextWriter(page.rect)
        for k in (-1, 0, 1):
            baseline = k * offset + (font.ascender + font.descender) * size / 2
            writer.append(centre + (-text_width / 2, baseline), text, font=font, fontsize=size)
        angle = math.degrees(math.atan2(height, width))  # from the lower left to the upper right corner
        writer.write_text(page, color=WATERMARK_RGB, opacity=WATERMARK_ALPHA, morph=(centre, pymupdf.Matrix(angle)))
        self._watermarks[key] = page.number
        return int(page.number)

    def finish(self) -> None:
        """Subset the fonts: only the glyphs used are carried into the export."""
        if self.doc.page_count:
            self.doc.subset_fonts()


def import_forms(target: Any, scratch: Scratch, pages: list[int]) -> dict[int, int]:
    """Copy scratch pages into ``target`` as form XObjects: {scratch page: xref}.

    ``show_pdf_page`` is the public way to copy a page with its resources; it needs a page
    to draw on, so a temporary page is added and removed again (its forms stay, referenced
    by the appearance streams that use them).
    """
    if not pages:
        return {}
    temp = target.new_page(width=100, height=100)
    number = temp.number
    try:
        return {p: int(temp.show_pdf_page(temp.rect, scratch.doc, p, keep_proportion=False)) for p in pages}
    finally:
        target.delete_page(number)


def draw_watermark(page: Any, scratch: Scratch, number: int) -> None:
    """Draw the watermark (scratch page ``number``, made for ``page.rect``) over the page's
    content, upright as the page is displayed."""
    unrotated = page.rect * page.derotation_matrix
    page.show_pdf_page(unrotated, scratch.doc, number, keep_proportion=False, overlay=True, rotate=page.rotation)
