# PyMuPDF ships partial type annotations; its unannotated calls are fine here.
# mypy: disable-error-code="no-untyped-call"
"""Text measurement for the demo PDFs: the bundled Noto Sans faces and word wrapping.

Glyph ids and advances are cached per character (in each :class:`Fonts`), so measuring and encoding a line is a
few dictionary look-ups per character (``pymupdf.Font.text_length`` is far slower).
"""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import pymupdf

from paperless.demo.texts import Face, Rich, Span
from paperless.resources import resource_path

Color = tuple[float, float, float]

RES_NAME: dict[Face, str] = {"R": "F0", "B": "F1", "I": "F2", "BI": "F3"}  # in content streams
FONT_FILES: dict[Face, str] = {
    "R": "NotoSans-Regular.ttf",
    "B": "NotoSans-Bold.ttf",
    "I": "NotoSans-Italic.ttf",
    "BI": "NotoSans-BoldItalic.ttf",
}


class Fonts:
    """Glyph ids and advances of the four Noto Sans faces, cached per character."""

    def __init__(self) -> None:
        self.paths: dict[Face, Path] = {f: resource_path("fonts", n) for f, n in FONT_FILES.items()}
        self._fonts = {f: pymupdf.Font(fontfile=str(p)) for f, p in self.paths.items()}
        self._glyphs: dict[Face, dict[str, tuple[str, float]]] = {f: {} for f in FONT_FILES}

    def _glyph(self, face: Face, ch: str) -> tuple[str, float]:
        table = self._glyphs[face]
        hit = table.get(ch)
        if hit is None:
            font = self._fonts[face]
            gid = font.has_glyph(ord(ch))
            hit = (f"{gid:04x}", font.glyph_advance(ord(ch)) if gid else 0.5)
            table[ch] = hit
        return hit

    def width(self, text: str, face: Face, size: float) -> float:
        glyph = self._glyph
        return sum(glyph(face, ch)[1] for ch in text) * size

    def hex(self, text: str, face: Face) -> str:
        glyph = self._glyph
        return "".join(glyph(face, ch)[0] for ch in text)


def _spans(text: Rich, face: Face) -> list[Span]:
    if isinstance(text, str):
        return [(unicodedata.normalize("NFC", text), face)]
    return [(unicodedata.normalize("NFC", t), f) for t, f in text]


def _words(spans: Sequence[Span]) -> list[list[Span]]:
    """Split rich text at spaces; a word may mix faces (e.g. bold text + comma)."""
    words: list[list[Span]] = []
    cur: list[Span] = []
    for text, face in spans:
        for i, part in enumerate(text.split(" ")):
            if i > 0 and cur:
                words.append(cur)
                cur = []
            if part:
                cur.append((part, face))
    if cur:
        words.append(cur)
    return words


@dataclass
class Line:
    words: list[list[Span]]
    natural: float  # width with single spaces
    last: bool = False


def wrap(
    fonts: Fonts,
    text: Rich,
    face: Face,
    size: float,
    width: float,
    first_width: float | None = None,
) -> list[Line]:
    """Greedy word wrap to ``width`` (``first_width`` for the first line)."""
    lines: list[Line] = []
    cur: list[list[Span]] = []
    cur_w = 0.0
    limit = width if first_width is None else first_width
    for word in _words(_spans(text, face)):
        w = sum(fonts.width(t, f, size) for t, f in word)
        sp = fonts.width(" ", cur[-1][-1][1], size) if cur else 0.0
        if cur and cur_w + sp + w > limit:
            lines.append(Line(cur, cur_w))
            cur, cur_w, limit = [], 0.0, width
            sp = 0.0
        cur.append(word)
        cur_w += sp + w
    lines.append(Line(cur, cur_w, last=True))
    return lines
