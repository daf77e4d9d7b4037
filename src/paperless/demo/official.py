# PyMuPDF ships partial type annotations; its unannotated calls are fine here.
# mypy: disable-error-code="no-untyped-call"
"""Parts of Vietnamese official documents, drawn with :class:`~.layout.Builder`.

Party documents (Hướng dẫn 36-HD/VPTW) carry "ĐẢNG CỘNG SẢN VIỆT NAM" on the right and
the issuing committee ("TỈNH ỦY ...", a star, "Số ...-BC/TU") on the left; state
documents (Nghị định 30/2020/NĐ-CP) carry the national motto "CỘNG HÒA XÃ HỘI CHỦ NGHĨA
VIỆT NAM / Độc lập - Tự do - Hạnh phúc" instead. Those fixed words come from
``official.toml`` (:class:`~.texts.OfficialWords`); :class:`Official` draws with them.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date

import pymupdf

from paperless.demo.layout import GREY, MM, RED, Builder, Color
from paperless.demo.texts import Block, Face, H, Header, L, OfficialWords, P, Signature, Title

_HEADER_SPLIT = 0.43  # the left header column takes this share of the text width


def _columns(b: Builder) -> tuple[float, float, float, float]:
    split = b.left + (b.right - b.left) * _HEADER_SPLIT
    return b.left - 12 * MM, split, split + 4, b.right + 6 * MM


def _stamp(b: Builder, text: str, *, x0: float, x1: float, y: float, size: float, color: Color) -> None:
    """A boxed word such as "MẬT" or "DỰ THẢO", centred in [x0, x1]."""
    width = b.fonts.width(text, "B", size) + 14
    cx = (x0 + x1) / 2
    box = pymupdf.Rect(cx - width / 2, y, cx + width / 2, y + size * 1.7)
    b.rect(box, stroke=color, width=1.2)
    b.text_at(
        text,
        x0=box.x0,
        x1=box.x1,
        y=y + size * 0.3,
        face="B",
        size=size,
        align="center",
        color=color,
    )


DRAFT_INK: Color = (0.1, 0.1, 0.1)


class Official:
    """Draws the fixed parts of official documents (headers, signature, document code) in
    the words of ``official.toml``; ``place`` is the province named in the date lines."""

    def __init__(self, words: OfficialWords, place: str) -> None:
        self.words = words
        self.place = place

    def date(self, d: date) -> str:
        """'Vân Sơn, ngày 05 tháng 01 năm 2025' (day < 10 and months 1-2 get a leading 0)."""
        month = f"{d.month:02d}" if d.month <= 2 else str(d.month)
        return self.words.date.format(place=self.place, day=f"{d.day:02d}", month=month, year=d.year)

    def code_line(self, code: str) -> str:
        """'Mã tài liệu: BTV12-02-BC', also the PDF's subject."""
        return self.words.document_code.format(code=code)

    def _draft(self, b: Builder) -> None:
        _stamp(b, self.words.draft, x0=b.right - 90, x1=b.right, y=b.y - 30, size=11, color=DRAFT_INK)

    def party_header(self, b: Builder, h: Header) -> None:
        """'TỈNH ỦY VÂN SƠN / * / Số ...' on the left, 'ĐẢNG CỘNG SẢN VIỆT NAM' on the right."""
        b.ensure(200)
        if h.draft:
            self._draft(b)
        lx0, lx1, rx0, rx1 = _columns(b)
        y = b.y
        for i, line in enumerate(h.issuer):
            b.text_at(
                line,
                x0=lx0,
                x1=lx1,
                y=y,
                face="B" if i == len(h.issuer) - 1 else "R",
                size=12,
                align="center",
            )
            y += 17
        b.text_at("*", x0=lx0, x1=lx1, y=y + 1, size=12, align="center")
        b.text_at(h.number, x0=lx0, x1=lx1, y=y + 18, size=12, align="center")
        w = b.text_at(self.words.party, x0=rx0, x1=rx1, y=b.y, face="B", size=13, align="center")
        cx = (rx0 + rx1) / 2
        b.rule(cx - w / 2, cx + w / 2, b.y + 19.5, width=0.7)
        b.text_at(self.date(h.date), x0=rx0, x1=rx1, y=b.y + 30, face="I", size=12, align="center")
        bottom = y + 38
        if h.confidential:
            _stamp(b, self.words.confidential, x0=lx0, x1=lx1, y=bottom + 4, size=13, color=RED)
            bottom += 32
        b.y = bottom + 8

    def state_header(self, b: Builder, h: Header) -> None:
        """'ỦY BAN NHÂN DÂN / TỈNH ...' on the left, the national motto on the right."""
        b.ensure(200)
        if h.draft:
            self._draft(b)
        lx0, lx1, rx0, rx1 = _columns(b)
        y = b.y
        w = 0.0
        for i, line in enumerate(h.issuer):
            w = b.text_at(
                line,
                x0=lx0,
                x1=lx1,
                y=y,
                face="R" if i < len(h.issuer) - 1 else "B",
                size=12,
                align="center",
            )
            y += 16
        lcx = (lx0 + lx1) / 2
        b.rule(lcx - w / 3, lcx + w / 3, y + 3, width=0.7)
        b.text_at(h.number, x0=lx0, x1=lx1, y=y + 10, size=12, align="center")
        b.text_at(self.words.nation, x0=rx0, x1=rx1, y=b.y, face="B", size=11.5, align="center")
        w2 = b.text_at(self.words.motto, x0=rx0, x1=rx1, y=b.y + 16, face="B", size=12.5, align="center")
        rcx = (rx0 + rx1) / 2
        b.rule(rcx - w2 / 2, rcx + w2 / 2, b.y + 35, width=0.7)
        b.text_at(self.date(h.date), x0=rx0, x1=rx1, y=b.y + 46, face="I", size=12, align="center")
        bottom = y + 30
        if h.about:
            keep_y = b.y
            b.y = bottom
            for wrapped in b.wrap(h.about, "R", 11.5, lx1 - lx0 - 10):
                text = " ".join("".join(t for t, _ in word) for word in wrapped.words)
                b.text_at(text, x0=lx0, x1=lx1, y=b.y, size=11.5, align="center")
                b.y += 15
            bottom = b.y
            b.y = keep_y
        b.y = max(bottom, b.y + 64) + 10

    def doc_code(self, b: Builder, code: str, marker: str | None) -> None:
        """The document code (and the caller's marker) in small print at the foot of page 1."""
        text = self.code_line(code) if marker is None else f"{self.code_line(code)}  ·  {marker}"
        b.text_at(
            text,
            x0=b.left,
            x1=b.right,
            y=b.height - 19 * MM,
            size=7.5,
            align="right",
            color=GREY,
            page=0,
        )

    def signature(self, b: Builder, sig: Signature) -> tuple[float, float]:
        """'Nơi nhận' on the left and the signing block ('T/M BAN THƯỜNG VỤ / BÍ THƯ') right.

        Returns the centre x of the signing block and the top y of the signer's name.
        """
        b.ensure(170)
        top = b.y + 8
        lx0, lx1, rx0, rx1 = _columns(b)
        y = top
        for line in sig.lines:
            b.text_at(line, x0=rx0, x1=rx1, y=y, face="B", size=12, align="center")
            y += 17
        if sig.note:
            b.text_at(sig.note, x0=rx0, x1=rx1, y=y + 22, face="I", size=10.5, align="center", color=GREY)
        if sig.name:
            b.text_at(sig.name, x0=rx0, x1=rx1, y=y + 68, face="B", size=12, align="center")
        w = b.text_at(self.words.recipients, x0=b.left, x1=lx1, y=top, face="BI", size=11)
        b.rule(b.left, b.left + w, top + 13.5, width=0.5)
        ly = top + 16
        for r in sig.recipients:
            b.text_at(r, x0=b.left, x1=lx1, y=ly, size=10.5)
            ly += 14
        b.y = max(ly, y + 90) + 6
        return (rx0 + rx1) / 2, y + 68


def title(b: Builder, t: Title, *, size: float = 15) -> None:
    """'BÁO CÁO' and its subject lines, centred, followed by a short dashed rule."""
    b.paragraph(t.kind, face="B", size=size, align="center", indent=0, before=14, after=0)
    for line in t.lines:
        b.paragraph(line, face="B", size=13, align="center", indent=0, after=0)
    b.paragraph("-----", size=12, align="center", indent=0, after=10)


CONTENTS_LINE = 15.5


def contents(
    b: Builder,
    entries: Sequence[tuple[str, int]],
    where: Mapping[str, tuple[int, float]],
    top: float,
    *,
    size: float = 10.5,
    page: int = 0,
) -> None:
    """A contents list (entry, dotted leader, page number) linked to each entry's target.

    ``entries`` are (text, level) pairs, ``where`` maps each text to (page index, y);
    the list is drawn from ``top`` on ``page``, where the caller reserved
    ``len(entries) * CONTENTS_LINE`` points.
    """
    dot_w = b.fonts.width(". ", "R", size)
    for i, (entry, level) in enumerate(entries):
        target, ty = where[entry]
        y = top + i * CONTENTS_LINE
        x0 = b.left + (level - 1) * 8 * MM
        w = b.text_at(
            entry, x0=x0, x1=b.right, y=y, face="B" if level == 1 else "R", size=size, page=page
        )
        nw = b.text_at(
            str(target + 1), x0=b.left, x1=b.right, y=y, size=size, align="right", page=page
        )
        n_dots = int((b.right - nw - x0 - w - 8) / dot_w)
        if n_dots > 0:
            b.text_at(
                ". " * n_dots, x0=x0, x1=b.right - nw - 4, y=y, size=size, align="right", page=page
            )
        b.links.append((page, pymupdf.Rect(x0, y, b.right, y + CONTENTS_LINE), target, ty - 4))


def render(
    b: Builder, blocks: Sequence[Block], *, outline: bool = False, size: float = 12
) -> dict[str, tuple[int, float]]:
    """Draw blocks in order; return where each heading landed (page index, y)."""
    where: dict[str, tuple[int, float]] = {}
    for block in blocks:
        if isinstance(block, H):
            face: Face = "BI" if block.level >= 3 else "B"
            level = block.level if outline and block.level <= 2 else 0
            where[block.text] = b.heading(
                block.text,
                face=face,
                level=level,
                size=size + (0.5 if block.level == 1 else 0),
                before=8 if block.level == 1 else 4,
            )
        elif isinstance(block, P):
            b.paragraph(block.text, size=size, align=block.align)
        elif isinstance(block, L):
            text = block.text
            b.paragraph("- " + text if isinstance(text, str) else [("- ", "R"), *text], size=size)
        else:
            b.paragraph(
                block.caption,
                face="BI",
                size=size - 0.5,
                align="center",
                indent=0,
                before=4,
                after=2,
                keep=80,
            )
            if block.unit:
                b.paragraph(block.unit, face="I", size=size - 2, align="right", indent=0, after=2)
            b.table(block.rows, block.widths, aligns=block.aligns, size=size - 1.5)
    return where
