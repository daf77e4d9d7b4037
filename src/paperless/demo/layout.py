# PyMuPDF ships partial type annotations; its unannotated calls are fine here.
# mypy: disable-error-code="no-untyped-call"
"""A small, fast page-layout engine for the demo PDFs (PyMuPDF + the bundled Noto Sans).

Text is laid out in Python (word wrap, justification, tables, page breaks) and written as
raw PDF content streams that show glyph ids of the embedded Noto Sans fonts; justified
lines use ``TJ`` offsets after each space, so text extraction sees single spaces.
Coordinates are PyMuPDF's: points, origin at the top-left corner of an A4 page.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

import pymupdf

from paperless.demo.assemble import Entry, Link, assemble
from paperless.demo.fonts import RES_NAME, Color, Fonts, Line, wrap
from paperless.demo.texts import Align, Face, Rich

__all__ = ["BLACK", "GREY", "MM", "RED", "Align", "Builder", "Color", "Face", "Margins", "Rich"]

A4_WIDTH, A4_HEIGHT = 595.276, 841.89
MM = 72 / 25.4
BLACK: Color = (0.0, 0.0, 0.0)
GREY: Color = (0.4, 0.4, 0.4)
RED: Color = (0.78, 0.05, 0.05)


@dataclass(frozen=True)
class Margins:
    left: float = 30 * MM  # Party/state document rules: left 30 mm, right 15-20 mm,
    top: float = 20 * MM  # top and bottom 20 mm
    right: float = 18 * MM
    bottom: float = 22 * MM


@dataclass
class Builder:
    """Collects pages as PDF content-stream operators; :meth:`save` writes the file.

    ``fonts`` is shared by the builders of one writer (its glyph cache grows as it is used)."""

    fonts: Fonts
    margins: Margins = field(default_factory=Margins)
    width: float = A4_WIDTH
    height: float = A4_HEIGHT
    pages: list[list[str]] = field(default_factory=list)
    y: float = 0.0
    links: list[Link] = field(default_factory=list)
    toc: list[Entry] = field(default_factory=list)
    used: set[Face] = field(default_factory=set)

    # --- geometry -------------------------------------------------------------------
    @property
    def left(self) -> float:
        return self.margins.left

    @property
    def right(self) -> float:
        return self.width - self.margins.right

    @property
    def bottom(self) -> float:
        return self.height - self.margins.bottom

    @property
    def page(self) -> int:
        return len(self.pages) - 1

    def new_page(self) -> None:
        self.pages.append([])
        self.y = self.margins.top

    def ensure(self, height: float) -> None:
        if not self.pages or self.y + height > self.bottom:
            self.new_page()

    def space(self, points: float) -> None:
        self.y = min(self.y + points, self.bottom)

    # --- drawing primitives ------------------------------------------------------------
    def _ops(self, page: int | None) -> list[str]:
        if not self.pages:
            self.new_page()
        return self.pages[self.page if page is None else page]

    def rule(
        self,
        x0: float,
        x1: float,
        y: float,
        *,
        width: float = 0.6,
        color: Color = BLACK,
        page: int | None = None,
    ) -> None:
        r, g, b = color
        h = self.height
        self._ops(page).append(
            f"q {r:g} {g:g} {b:g} RG {width:g} w {x0:.2f} {h - y:.2f} m {x1:.2f} {h - y:.2f} l S Q"
        )

    def rect(
        self,
        rect: pymupdf.Rect,
        *,
        stroke: Color | None = BLACK,
        fill: Color | None = None,
        width: float = 0.5,
        page: int | None = None,
    ) -> None:
        ops = [f"q {width:g} w"]
        if stroke is not None:
            ops.append("{:g} {:g} {:g} RG".format(*stroke))
        if fill is not None:
            ops.append("{:g} {:g} {:g} rg".format(*fill))
        paint = "B" if stroke is not None and fill is not None else ("f" if fill else "S")
        ops.append(
            f"{rect.x0:.2f} {self.height - rect.y1:.2f} {rect.width:.2f} "
            f"{rect.height:.2f} re {paint} Q"
        )
        self._ops(page).append(" ".join(ops))

    def _show(
        self,
        x: float,
        baseline: float,
        line: Line,
        size: float,
        extra: float,
        color: Color,
        page: int | None,
    ) -> None:
        """One line of words at (x, baseline); ``extra`` is added after each space."""
        fonts = self.fonts
        ops = [
            f"BT {color[0]:g} {color[1]:g} {color[2]:g} rg "
            f"1 0 0 1 {x:.2f} {self.height - baseline:.2f} Tm"
        ]
        cur_face: Face | None = None
        parts: list[str] = []
        adj = f" {-extra * 1000 / size:.1f} " if extra > 0.01 else ""

        def flush() -> None:
            if parts and cur_face is not None:
                ops.append(f"/{RES_NAME[cur_face]} {size:g} Tf [{''.join(parts)}] TJ")
            parts.clear()

        n = len(line.words)
        for i, word in enumerate(line.words):
            for j, (text, face) in enumerate(word):
                if face != cur_face:
                    flush()
                    cur_face = face
                    self.used.add(face)
                trailing = i < n - 1 and j == len(word) - 1
                parts.append(f"<{fonts.hex(text + ' ' if trailing else text, face)}>")
                if trailing and adj:
                    parts.append(adj)
        flush()
        ops.append("ET")
        self._ops(page).append(" ".join(ops))

    # --- text ------------------------------------------------------------------------
    def wrap(
        self, text: Rich, face: Face, size: float, width: float, first_width: float | None = None
    ) -> list[Line]:
        return wrap(self.fonts, text, face, size, width, first_width)

    def text_at(
        self,
        text: Rich,
        *,
        x0: float,
        x1: float,
        y: float,
        face: Face = "R",
        size: float = 12,
        align: Align = "left",
        color: Color = BLACK,
        page: int | None = None,
    ) -> float:
        """One unwrapped line in [x0, x1] with its top at y; returns its width."""
        line = self.wrap(text, face, size, 1e9)[0]
        x = {"center": (x0 + x1 - line.natural) / 2, "right": x1 - line.natural}.get(align, x0)
        self._show(x, y + size * 1.02, line, size, 0.0, color, page)
        return line.natural

    def paragraph(
        self,
        text: Rich,
        *,
        face: Face = "R",
        size: float = 12,
        align: Align = "justify",
        indent: float = 10 * MM,
        left: float = 0.0,
        right: float = 0.0,
        leading: float = 1.42,
        before: float = 0.0,
        after: float = 4.0,
        color: Color = BLACK,
        keep: float = 0.0,
    ) -> tuple[int, float]:
        """Wrapped text flowing over pages; ``keep`` reserves room for what follows.

        Returns the page index and top y of the first line.
        """
        x0, x1 = self.left + left, self.right - right
        line_h = size * leading
        lines = self.wrap(text, face, size, x1 - x0, x1 - x0 - max(indent, 0.0))
        self.ensure(before + line_h * min(len(lines), 2) + keep)
        self.y += before
        start = (self.page, self.y)
        for i, line in enumerate(lines):
            self.ensure(line_h)
            x = x0 + (indent if i == 0 else 0.0)
            avail = x1 - x
            extra = 0.0
            if align == "justify" and not line.last and len(line.words) > 1:
                extra = (avail - line.natural) / (len(line.words) - 1)
            elif align == "center":
                x += (avail - line.natural) / 2
            elif align == "right":
                x += avail - line.natural
            self._show(x, self.y + size * 1.05, line, size, extra, color, None)
            self.y += line_h
        self.y += after
        return start

    def heading(
        self,
        text: str,
        *,
        size: float = 12.5,
        face: Face = "B",
        level: int = 0,
        align: Align = "left",
        indent: float = 10 * MM,
        before: float = 6.0,
    ) -> tuple[int, float]:
        """A heading kept with the next lines; ``level`` > 0 also adds it to the outline."""
        start = self.paragraph(
            text,
            face=face,
            size=size,
            align=align,
            indent=indent,
            before=before,
            after=3.0,
            keep=3 * 17.0,
        )
        if level:
            self.toc.append((level, text, start[0], start[1] - 4))
        return start

    def table(
        self,
        rows: Sequence[Sequence[Rich]],
        widths: Sequence[float],
        *,
        header_rows: int = 1,
        size: float = 10.5,
        aligns: Sequence[Align] | None = None,
        pad: float = 4.0,
        leading: float = 1.3,
        after: float = 8.0,
    ) -> None:
        """A ruled table; header rows are bold, shaded and repeated after page breaks."""
        total = sum(widths)
        scale = (self.right - self.left) / total
        cols = [w * scale for w in widths]
        aligns = list(aligns or ["left"] * len(cols))
        line_h = size * leading

        def draw(row: Sequence[Rich], header: bool) -> None:
            face: Face = "B" if header else "R"
            cells = [self.wrap(c, face, size, w - 2 * pad) for c, w in zip(row, cols, strict=True)]
            h = max(len(c) for c in cells) * line_h + 2 * pad
            if self.y + h > self.bottom:
                self.new_page()
                if not header:
                    for hrow in rows[:header_rows]:
                        draw(hrow, True)
            x = self.left
            for lines, w, al in zip(cells, cols, aligns, strict=True):
                box = pymupdf.Rect(x, self.y, x + w, self.y + h)
                self.rect(box, fill=(0.88, 0.88, 0.88) if header else None)
                ty = self.y + pad
                for line in lines:
                    lx = x + pad
                    slack = w - 2 * pad - line.natural
                    if header or al == "center":
                        lx += slack / 2
                    elif al == "right":
                        lx += slack
                    self._show(lx, ty + size * 1.05, line, size, 0.0, BLACK, None)
                    ty += line_h
                x += w
            self.y += h

        self.ensure(line_h * 4)
        for i, row in enumerate(rows):
            draw(row, i < header_rows)
        self.y += after

    def link(self, rect: pymupdf.Rect, target_page: int, target_y: float) -> None:
        self.links.append((self.page, rect, target_page, target_y))

    def circle(
        self,
        cx: float,
        cy: float,
        r: float,
        *,
        color: Color = BLACK,
        width: float = 1.0,
        page: int | None = None,
    ) -> None:
        k = 0.5523 * r  # Bézier approximation of a quarter circle
        y = self.height - cy
        self._ops(page).append(
            "q {:g} {:g} {:g} RG {:g} w ".format(*color, width) + f"{cx + r:.2f} {y:.2f} m "
            f"{cx + r:.2f} {y + k:.2f} {cx + k:.2f} {y + r:.2f} {cx:.2f} {y + r:.2f} c "
            f"{cx - k:.2f} {y + r:.2f} {cx - r:.2f} {y + k:.2f} {cx - r:.2f} {y:.2f} c "
            f"{cx - r:.2f} {y - k:.2f} {cx - k:.2f} {y - r:.2f} {cx:.2f} {y - r:.2f} c "
            f"{cx + k:.2f} {y - r:.2f} {cx + r:.2f} {y - k:.2f} {cx + r:.2f} {y:.2f} c S Q"
        )

    def polyline(
        self,
        points: Sequence[tuple[float, float]],
        *,
        color: Color = BLACK,
        width: float = 1.0,
        page: int | None = None,
    ) -> None:
        h = self.height
        path = " ".join(
            f"{x:.2f} {h - y:.2f} {'m' if i == 0 else 'l'}" for i, (x, y) in enumerate(points)
        )
        self._ops(page).append(
            "q {:g} {:g} {:g} RG {:g} w 1 J 1 j ".format(*color, width) + path + " S Q"
        )

    # --- output ----------------------------------------------------------------------
    def document(self, *, metadata: dict[str, str], page_label: str | None) -> pymupdf.Document:
        """The finished PDF (fonts subset); the caller saves and closes it. ``page_label``
        ("Trang {n}/{total}") is printed at the foot of every page; None: no page numbers."""
        total = len(self.pages)
        if page_label is not None:
            for n in range(total):
                self.text_at(
                    page_label.format(n=n + 1, total=total),
                    x0=self.left,
                    x1=self.right,
                    y=self.height - 14 * MM,
                    size=9,
                    align="center",
                    color=GREY,
                    page=n,
                )
        return assemble(self.pages, width=self.width, height=self.height, fonts=self.fonts, used=self.used,
                        links=self.links, toc=self.toc, metadata=metadata)

    def pdf_bytes(self, *, metadata: dict[str, str], page_label: str | None) -> bytes:
        """The finished PDF as bytes (nothing written to disk)."""
        doc = self.document(metadata=metadata, page_label=page_label)
        try:
            return bytes(doc.tobytes())
        finally:
            doc.close()

    def save(self, path: Path, *, metadata: dict[str, str], page_label: str | None) -> None:
        doc = self.document(metadata=metadata, page_label=page_label)
        try:
            doc.save(str(path), garbage=3, deflate=True)
        finally:
            doc.close()
