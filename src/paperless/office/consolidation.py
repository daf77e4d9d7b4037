"""The consolidation table of members' comments on drafts (góp ý dự thảo): DOCX, XLSX, PDF.

The office collects what members sent about one or more drafts and writes the standard table,
**BẢN TỔNG HỢP, GIẢI TRÌNH, TIẾP THU Ý KIẾN** (Party guidance 36-HD/VPTW; docs/consultation.md):
a header block (the office on the left, "ĐẢNG CỘNG SẢN VIỆT NAM" and the place and date on the
right), the title, "Đối với dự thảo: …", a preamble counting who was consulted, who commented,
who agreed without comments and who did not answer (deemed to agree), then one table per draft,
columns TT | Nội dung dự thảo | Nội dung góp ý | Người/Đơn vị góp ý | Ý kiến giải trình, tiếp thu,
rows grouped by article in document order, general comments first, the last column holding the
office's answers written in the clerk's workspace (empty where none, for the office to fill in).

Page: A4 **landscape**. The guidance's widths, 1 / 4 / 4 / 3 / 4.5 cm = 16.5 cm, are exactly the
text width of a portrait A4 page with the Party's narrowest margins (3 cm left, 1.5 cm right):
no room left, and 4 cm columns for passages quoted from a draft and for the office's replies
make long, narrow rows over many pages. Landscape (25.2 cm between the same margins) keeps the
same proportions at about 1.5 times the width, and is the variant the field notes describe for
tables grouped by article.

Every writer builds the whole file in memory, then writes it through a temporary file in the
target's folder and ``os.replace`` (:func:`paperless.core.atomic.atomic_write`): a failure at any
point leaves no file, or the previous one untouched. The PDF is the DOCX converted by LibreOffice
(the bundle builder's :func:`~paperless.core.bundle.convert.convert_to_pdf`: private profile,
timeout), in a private folder beside the target that is removed afterwards.

Qt-free and PyMuPDF-free; python-docx and openpyxl (the ``office`` extra) are imported only by
the writer that needs them.
"""

from __future__ import annotations

import io
import math
import re
import shutil
import tempfile
import unicodedata
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from paperless.core.atomic import atomic_write
from paperless.core.errors import OutputFileError, PaperlessError, T

if TYPE_CHECKING:
    from docx.document import Document as DocxDocument
    from docx.table import _Cell
    from docx.text.paragraph import Paragraph
    from openpyxl import Workbook
    from openpyxl.worksheet.worksheet import Worksheet

__all__ = [
    "COLUMNS", "Consolidation", "CommentRow", "DraftTable", "OfficeExtraMissingError", "RowGroup",
    "UnsupportedTableFormatError", "docx_bytes", "group_rows", "preamble_lines", "sheet_names", "write_docx",
    "write_pdf", "write_table", "write_xlsx",
]


# -- the input (filled by the office's collection of comments) ----------------------------------------------
@dataclass(frozen=True)
class CommentRow:
    place: str  # where in the draft: "Điều 5, khoản 2", "Mục II.3"; "" if unknown
    order: tuple[int, ...]  # document order (sort key): rows are sorted by it
    article: str  # grouping key shown as a group heading row, e.g. "Điều 5"; "" = "Ý kiến chung" (general)
    quote: str  # Nội dung dự thảo: the passage commented on ("" for a general comment)
    text: str  # Nội dung góp ý
    author: str  # Người/Đơn vị góp ý: "Đ/c Nguyễn Văn An"
    late: bool  # arrived after the deadline: marked "(gửi sau hạn)" in the row, never dropped
    amended: bool = False  # a later signed version replaced an earlier one: marked "(đã sửa)"
    answer: str = ""  # Ý kiến giải trình, tiếp thu: the office's answer, if written in the workspace


@dataclass(frozen=True)
class DraftTable:
    draft_title: str  # shown as "Đối với dự thảo: …"
    rows: tuple[CommentRow, ...]


@dataclass(frozen=True)
class Consolidation:
    office: str  # issuing body, e.g. "VĂN PHÒNG TỈNH ỦY" (header, left; a line break splits superior/office)
    place_date: str  # e.g. "Vân Sơn, ngày 13 tháng 01 năm 2025" (header, right, italic)
    session_title: str
    consulted: tuple[str, ...]  # everyone consulted (names)
    agreed: tuple[str, ...]  # answered "Agree with the draft, no comments"
    commented: tuple[str, ...]  # sent at least one comment
    not_answered: tuple[str, ...]  # sent nothing: "xem như thống nhất" (deemed to agree)
    drafts: tuple[DraftTable, ...]


# -- errors ---------------------------------------------------------------------------------------------
class UnsupportedTableFormatError(PaperlessError):
    en = "Cannot write {path}: the consolidation table is written as .docx, .xlsx or .pdf, not {suffix}."
    vi = "Không ghi được {path}: bảng tổng hợp chỉ ghi được dưới dạng .docx, .xlsx hoặc .pdf, không phải {suffix}."
    exit_code = 64


class OfficeExtraMissingError(PaperlessError):
    en = "Cannot write {path}: the Python package {package} is not installed (pip install 'paperless[office]')."
    vi = "Không ghi được {path}: chưa cài gói Python {package} (pip install 'paperless[office]')."


# -- the words of the table (Vietnamese: the document is for the office, whatever the interface says) ---------
PARTY = "ĐẢNG CỘNG SẢN VIỆT NAM"
TITLE = "BẢN TỔNG HỢP, GIẢI TRÌNH, TIẾP THU Ý KIẾN"
FOR_DRAFT = "Đối với dự thảo: {}"
COLUMNS = ("TT", "Nội dung dự thảo", "Nội dung góp ý", "Người/Đơn vị góp ý", "Ý kiến giải trình, tiếp thu")
GENERAL = "Ý kiến chung"
LATE = "(gửi sau hạn)"
AMENDED = "(đã sửa)"
NO_COMMENTS = "Không có ý kiến góp ý."
PREAMBLE_LEAD = "Kết quả lấy ý kiến góp ý:"
CONSULTED = "Tổng số đồng chí được xin ý kiến: {n} đồng chí."
COMMENTED = "Số đồng chí gửi ý kiến góp ý: {n} đồng chí{names}."
AGREED = "Số đồng chí thống nhất với dự thảo, không có ý kiến góp ý: {n} đồng chí{names}."
NOT_ANSWERED = "Số đồng chí không gửi ý kiến: {n} đồng chí{names}."
DEEMED = "Đồng chí không gửi ý kiến góp ý được xem như thống nhất với dự thảo."
UNTITLED_DRAFT = "Dự thảo"
XLSX_SUMMARY_SHEET = "Tổng hợp"

FONT = "Times New Roman"
TITLE_PT, BODY_PT, TABLE_PT, PARTY_PT = 14, 13, 12, 14
# A4 landscape; margins of 36-HD/VPTW (top and bottom 2 cm, left 3 cm, right 1.5 cm): 25.2 cm of text.
PAGE_W_CM, PAGE_H_CM = 29.7, 21.0
MARGIN_TOP_CM, MARGIN_BOTTOM_CM, MARGIN_LEFT_CM, MARGIN_RIGHT_CM = 2.0, 2.0, 3.0, 1.5
TEXT_W_CM = PAGE_W_CM - MARGIN_LEFT_CM - MARGIN_RIGHT_CM
GUIDANCE_WIDTHS_CM = (1.0, 4.0, 4.0, 3.0, 4.5)  # 36-HD/VPTW, for a portrait page
# The same proportions across the landscape text width (rounded to millimetres, summing to 25.2 cm).
WIDTHS_CM = (1.5, 6.1, 6.1, 4.6, 6.9)
HEADER_WIDTHS_CM = (10.2, 15.0)  # the header block: office | party and date
SUFFIXES = (".docx", ".xlsx", ".pdf")

_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ufffe\uffff]")


def _clean(text: str) -> str:
    """NFC, one kind of line break, no characters XML (DOCX, XLSX) cannot hold."""
    text = unicodedata.normalize("NFC", text).replace("\r\n", "\n").replace("\r", "\n")
    return _CONTROL.sub("", text)


# -- the layout both writers share -------------------------------------------------------------------------
@dataclass(frozen=True)
class RowGroup:
    heading: str  # "Ý kiến chung" or the article ("Điều 5")
    rows: tuple[tuple[int, CommentRow], ...]  # (TT, row), TT numbered 1..n across the draft's table


def group_rows(draft: DraftTable) -> tuple[RowGroup, ...]:
    """The draft's rows in document order, grouped by article: general comments first, then each
    article where its first comment falls; TT runs 1..n over the whole table."""
    ordered = sorted(draft.rows, key=lambda r: r.order)  # stable: equal places keep their order of arrival
    groups: dict[str, list[CommentRow]] = {}
    general = [r for r in ordered if not r.article.strip()]
    for r in ordered:
        if r.article.strip():
            groups.setdefault(_clean(r.article.strip()), []).append(r)
    result: list[RowGroup] = []
    tt = 0
    for heading, rows in ([(GENERAL, general)] if general else []) + list(groups.items()):
        numbered = []
        for r in rows:
            tt += 1
            numbered.append((tt, r))
        result.append(RowGroup(heading, tuple(numbered)))
    return tuple(result)


def _names(names: Sequence[str]) -> str:
    cleaned = [_clean(n).strip() for n in names if n.strip()]
    return f" ({', '.join(cleaned)})" if cleaned else ""


def preamble_lines(c: Consolidation) -> list[str]:
    """The preamble: who was consulted, who commented, who agreed, who did not answer."""
    lines = [
        CONSULTED.format(n=len(c.consulted)),
        COMMENTED.format(n=len(c.commented), names=_names(c.commented)),
        AGREED.format(n=len(c.agreed), names=_names(c.agreed)),
        NOT_ANSWERED.format(n=len(c.not_answered), names=_names(c.not_answered)),
    ]
    if c.not_answered:
        lines[-1] += " " + DEEMED
    return ["- " + line for line in lines]


def _marks(row: CommentRow) -> list[str]:
    return ([LATE] if row.late else []) + ([AMENDED] if row.amended else [])


def _place_and_quote(row: CommentRow, heading: str) -> tuple[str, str]:
    """The "Nội dung dự thảo" cell: the place (left out when it only repeats the group's heading),
    with a colon before the quoted passage."""
    place = _clean(row.place).strip()
    quote = _clean(row.quote).strip()
    if place.casefold() == heading.casefold():
        place = ""
    if place and quote:
        place += ":"
    return place, f"“{quote}”" if quote else ""


def _draft_title(d: DraftTable) -> str:
    return _clean(d.draft_title).strip() or UNTITLED_DRAFT


def _roman(n: int) -> str:
    out = ""
    for value, letters in ((1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"), (50, "L"),
                           (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")):
        while n >= value:
            out, n = out + letters, n - value
    return out


# -- choosing the writer ----------------------------------------------------------------------------------
def write_table(c: Consolidation, out: Path) -> None:
    """Write the table as DOCX, XLSX or PDF, by the suffix of ``out``."""
    out = Path(out)
    writers: dict[str, Callable[[Consolidation, Path], None]] = {
        ".docx": write_docx, ".xlsx": write_xlsx, ".pdf": write_pdf,
    }
    writer = writers.get(out.suffix.lower())
    if writer is None:
        suffix: object = f"“{out.suffix}”" if out.suffix else T("a name without a suffix", "tên không có đuôi")
        raise UnsupportedTableFormatError(path=str(out), suffix=suffix)
    writer(c, out)


def _need(module: str, package: str, out: Path) -> None:
    import importlib.util

    if importlib.util.find_spec(module) is None:
        raise OfficeExtraMissingError(path=str(out), package=package)


# -- DOCX -----------------------------------------------------------------------------------------------
def write_docx(c: Consolidation, out: Path) -> None:
    """Write the table as a Word document (A4 landscape, Times New Roman), atomically."""
    out = Path(out)
    atomic_write(out, docx_bytes(c, out))


def docx_bytes(c: Consolidation, out: Path | None = None) -> bytes:
    _need("docx", "python-docx", out or Path("table.docx"))
    doc = _docx_document(c)
    buf = io.BytesIO()
    doc.save(buf)
    return buf.getvalue()


def _docx_document(c: Consolidation) -> DocxDocument:
    import docx
    from docx.enum.section import WD_ORIENT
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Cm, Pt

    doc = docx.Document()
    _docx_styles(doc)
    section = doc.sections[0]
    section.orientation = WD_ORIENT.LANDSCAPE
    section.page_width, section.page_height = Cm(PAGE_W_CM), Cm(PAGE_H_CM)
    section.top_margin, section.bottom_margin = Cm(MARGIN_TOP_CM), Cm(MARGIN_BOTTOM_CM)
    section.left_margin, section.right_margin = Cm(MARGIN_LEFT_CM), Cm(MARGIN_RIGHT_CM)
    section.header_distance, section.footer_distance = Cm(1.0), Cm(1.0)
    # Page numbers at the top centre from the second page on (36-HD/VPTW); none on the first.
    section.different_first_page_header_footer = True
    _page_number(section.header.paragraphs[0])

    _docx_header_block(doc, c)

    title = _docx_para(doc, align=WD_ALIGN_PARAGRAPH.CENTER, before=Pt(18), after=Pt(3))
    _docx_run(title, TITLE, TITLE_PT, bold=True)
    for d in c.drafts:
        p = _docx_para(doc, align=WD_ALIGN_PARAGRAPH.CENTER, after=Pt(0))
        _docx_run(p, FOR_DRAFT.format(_draft_title(d)), BODY_PT, bold=True)
    if c.session_title.strip():
        p = _docx_para(doc, align=WD_ALIGN_PARAGRAPH.CENTER, after=Pt(0))
        _docx_run(p, f"({_clean(c.session_title).strip()})", BODY_PT, italic=True)

    lead = _docx_para(doc, align=WD_ALIGN_PARAGRAPH.JUSTIFY, before=Pt(12), after=Pt(3), first_line=Cm(1.0))
    _docx_run(lead, PREAMBLE_LEAD, BODY_PT)
    for line in preamble_lines(c):
        p = _docx_para(doc, align=WD_ALIGN_PARAGRAPH.JUSTIFY, after=Pt(3), first_line=Cm(1.0))
        _docx_run(p, line, BODY_PT)

    for i, d in enumerate(c.drafts, 1):
        if len(c.drafts) > 1:
            p = _docx_para(doc, before=Pt(12), after=Pt(6), keep_with_next=True)
            _docx_run(p, f"{_roman(i)}. {FOR_DRAFT.format(_draft_title(d))}", BODY_PT, bold=True)
        else:
            _docx_para(doc, after=Pt(6))
        _docx_table(doc, d)

    props = doc.core_properties
    props.title = f"{TITLE}: {'; '.join(_draft_title(d) for d in c.drafts)}" if c.drafts else TITLE
    props.author = _clean(c.office).replace("\n", " ").strip()
    props.language = "vi-VN"
    return doc


def _set_rfonts(rpr: Any) -> None:
    """Times New Roman for every script slot of a run-properties element (no theme fonts)."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    rfonts = rpr.find(qn("w:rFonts"))
    if rfonts is None:
        rfonts = OxmlElement("w:rFonts")
        rpr.insert(0, rfonts)
    for attr in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
        rfonts.attrib.pop(qn(attr), None)
    for attr in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        rfonts.set(qn(attr), FONT)


def _docx_styles(doc: DocxDocument) -> None:
    from docx.oxml.ns import qn
    from docx.shared import Pt

    defaults = doc.styles.element.find(qn("w:docDefaults"))
    if defaults is not None:
        rpr = defaults.find(f"{qn('w:rPrDefault')}/{qn('w:rPr')}")
        if rpr is not None:
            _set_rfonts(rpr)
            lang = rpr.find(qn("w:lang"))
            if lang is not None:
                lang.set(qn("w:val"), "vi-VN")
    normal: Any = doc.styles["Normal"]
    normal.font.name = FONT
    normal.font.size = Pt(BODY_PT)
    _set_rfonts(normal.element.get_or_add_rPr())
    normal.paragraph_format.space_before = Pt(0)
    normal.paragraph_format.space_after = Pt(0)
    normal.paragraph_format.line_spacing = 1.0


def _docx_para(container: Any, *, align: Any = None, before: Any = None, after: Any = None,
               first_line: Any = None, keep_with_next: bool = False, first: bool = False) -> Paragraph:
    """A new paragraph in ``container`` (the document or a cell); ``first``: reuse a cell's empty one."""
    p: Paragraph = container.paragraphs[0] if first else container.add_paragraph()
    pf = p.paragraph_format
    if align is not None:
        pf.alignment = align
    if before is not None:
        pf.space_before = before
    if after is not None:
        pf.space_after = after
    if first_line is not None:
        pf.first_line_indent = first_line
    if keep_with_next:
        pf.keep_with_next = True
    return p


def _docx_run(p: Paragraph, text: str, size: int, *, bold: bool = False, italic: bool = False,
              underline: bool = False) -> None:
    from docx.shared import Pt

    run = p.add_run(_clean(text))  # python-docx turns "\n" into line breaks and "\t" into tabs
    run.font.name = FONT
    _set_rfonts(run._r.get_or_add_rPr())
    run.font.size = Pt(size)
    run.font.bold = bold or None
    run.font.italic = italic or None
    if underline:
        run.font.underline = True


def _page_number(p: Paragraph) -> None:
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn
    from docx.shared import Pt

    p.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.CENTER
    field = OxmlElement("w:fldSimple")
    field.set(qn("w:instr"), "PAGE")
    run = OxmlElement("w:r")
    rpr = OxmlElement("w:rPr")
    _set_rfonts(rpr)
    size = OxmlElement("w:sz")
    size.set(qn("w:val"), str(BODY_PT * 2))
    rpr.append(size)
    run.append(rpr)
    text = OxmlElement("w:t")
    text.text = "2"
    run.append(text)
    field.append(run)
    p._p.append(field)
    p.paragraph_format.space_after = Pt(0)


def _docx_header_block(doc: DocxDocument, c: Consolidation) -> None:
    """The office on the left (a superior body line, then the office in bold, then "*"), the
    Party's name (bold, underlined) and the place and date (italic) on the right. No borders."""
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Cm, Pt

    table = doc.add_table(rows=1, cols=2)
    table.autofit = False
    left, right = table.rows[0].cells
    for col, cell, width in zip(table.columns, (left, right), HEADER_WIDTHS_CM, strict=True):
        col.width = Cm(width)
        cell.width = Cm(width)
    office_lines = [line.strip() for line in _clean(c.office).split("\n") if line.strip()] or [""]
    for i, line in enumerate(office_lines):
        p = _docx_para(left, align=WD_ALIGN_PARAGRAPH.CENTER, first=i == 0)
        _docx_run(p, line, BODY_PT, bold=i == len(office_lines) - 1)
    star = _docx_para(left, align=WD_ALIGN_PARAGRAPH.CENTER)
    _docx_run(star, "*", BODY_PT)
    party = _docx_para(right, align=WD_ALIGN_PARAGRAPH.CENTER, first=True)
    _docx_run(party, PARTY, PARTY_PT, bold=True, underline=True)
    date = _docx_para(right, align=WD_ALIGN_PARAGRAPH.CENTER, before=Pt(6))
    _docx_run(date, _clean(c.place_date).strip(), BODY_PT, italic=True)


def _cell_width(cell: _Cell, cm: float) -> None:
    from docx.shared import Cm

    cell.width = Cm(cm)


def _repeat_as_header(row: Any) -> None:
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    trpr = row._tr.get_or_add_trPr()
    for tag in ("w:cantSplit", "w:tblHeader"):
        el = OxmlElement(tag)
        el.set(qn("w:val"), "true")
        trpr.append(el)


def _docx_table(doc: DocxDocument, d: DraftTable) -> None:
    from docx.enum.table import WD_CELL_VERTICAL_ALIGNMENT, WD_TABLE_ALIGNMENT
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Cm, Pt

    table = doc.add_table(rows=1, cols=len(COLUMNS))
    table.style = doc.styles["Table Grid"]
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False
    for col, width in zip(table.columns, WIDTHS_CM, strict=True):
        col.width = Cm(width)
    header = table.rows[0]
    _repeat_as_header(header)
    for cell, label, width in zip(header.cells, COLUMNS, WIDTHS_CM, strict=True):
        _cell_width(cell, width)
        cell.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.CENTER
        p = _docx_para(cell, align=WD_ALIGN_PARAGRAPH.CENTER, before=Pt(3), after=Pt(3), first=True)
        _docx_run(p, label, TABLE_PT, bold=True)

    def merged_row(text: str, *, bold: bool = False, italic: bool = False, center: bool = False) -> None:
        row = table.add_row()
        for cell, width in zip(row.cells, WIDTHS_CM, strict=True):
            _cell_width(cell, width)
        cell = row.cells[0].merge(row.cells[-1])
        align = WD_ALIGN_PARAGRAPH.CENTER if center else WD_ALIGN_PARAGRAPH.LEFT
        p = _docx_para(cell, align=align, before=Pt(3), after=Pt(3), first=True, keep_with_next=True)
        _docx_run(p, text, TABLE_PT, bold=bold, italic=italic)

    groups = group_rows(d)
    if not groups:
        merged_row(NO_COMMENTS, italic=True, center=True)
    for group in groups:
        merged_row(group.heading, bold=True)
        for tt, r in group.rows:
            row = table.add_row()
            cells = row.cells
            for cell, width in zip(cells, WIDTHS_CM, strict=True):
                _cell_width(cell, width)
                cell.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.TOP
            _docx_cell_texts(cells[0], [(str(tt), "")], center=True)
            place, quote = _place_and_quote(r, group.heading)
            _docx_cell_texts(cells[1], [(text, style) for text, style in ((place, "b"), (quote, "i")) if text])
            _docx_cell_texts(cells[2], [(r.text.strip(), "")])
            _docx_cell_texts(cells[3], [(r.author.strip(), "")] + [(m, "i") for m in _marks(r)])
            _docx_cell_texts(cells[4], [(line, "") for line in _clean(r.answer).strip().split("\n") if line])


def _docx_cell_texts(cell: _Cell, parts: Iterable[tuple[str, str]], *, center: bool = False) -> None:
    """One paragraph per part ("b": bold, "i": italic) in a table cell, 12 pt, small spacing."""
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Pt

    parts = list(parts) or [("", "")]
    for i, (text, style) in enumerate(parts):
        align = WD_ALIGN_PARAGRAPH.CENTER if center else WD_ALIGN_PARAGRAPH.LEFT
        p = _docx_para(cell, align=align, before=Pt(3) if i == 0 else Pt(0), after=Pt(3), first=i == 0)
        if text:
            _docx_run(p, text, TABLE_PT, bold="b" in style, italic="i" in style)


# -- XLSX -----------------------------------------------------------------------------------------------
def write_xlsx(c: Consolidation, out: Path) -> None:
    """Write the table as a workbook, one sheet per draft (the preamble above each table), atomically."""
    out = Path(out)
    _need("openpyxl", "openpyxl", out)
    wb = _xlsx_workbook(c)
    buf = io.BytesIO()
    wb.save(buf)
    atomic_write(out, buf.getvalue())


_SHEET_FORBIDDEN = re.compile(r"[\[\]:*?/\\]")


def sheet_names(titles: Sequence[str]) -> list[str]:
    """A sheet name per draft: "1. <title>", at most 31 characters, none of []:*?/\\, unique."""
    names: list[str] = []
    seen: set[str] = set()
    for i, title in enumerate(titles, 1):
        base = " ".join(_SHEET_FORBIDDEN.sub("-", _clean(title)).split()).strip("'") or UNTITLED_DRAFT
        name = f"{i}. {base}"
        if len(name) > 31:
            name = name[:30].rstrip() + "…"
        while name.casefold() in seen:  # cannot happen with the numbers; kept as the rule's guard
            name = name[:-1]
        seen.add(name.casefold())
        names.append(name)
    return names


def _excel_width(cm: float) -> float:
    """Excel's column width (characters of the default 11 pt font's 7-pixel digit) for ``cm``."""
    pixels = cm / 2.54 * 96
    return round((pixels - 5) / 7, 2)


def _text_height(text: str, width_cm: float, size_pt: int) -> float:
    """A generous row height (points) for wrapped ``text`` in merged cells, which Excel does not
    fit by itself."""
    per_line = max(10, int(width_cm / 2.54 * 72 / (size_pt * 0.5)))  # Times: about half an em a character
    lines = sum(max(1, math.ceil(len(part) / per_line)) for part in text.split("\n"))
    return round(lines * size_pt * 1.25 + 2, 1)


def _xlsx_workbook(c: Consolidation) -> Workbook:
    from openpyxl import Workbook

    wb = Workbook()
    first = wb.active
    if first is not None:
        wb.remove(first)
    names = sheet_names([_draft_title(d) for d in c.drafts])
    for d, name in zip(c.drafts, names, strict=True):
        _xlsx_sheet(wb.create_sheet(name), c, d)
    if not c.drafts:
        _xlsx_sheet(wb.create_sheet(XLSX_SUMMARY_SHEET), c, None)
    wb.properties.title = TITLE
    wb.properties.creator = _clean(c.office).replace("\n", " ").strip()
    wb.properties.language = "vi-VN"
    return wb


def _xlsx_sheet(ws: Worksheet, c: Consolidation, d: DraftTable | None) -> None:
    from openpyxl.styles import Alignment, Border, Font, Side
    from openpyxl.utils import get_column_letter

    ncol = len(COLUMNS)
    last = get_column_letter(ncol)
    for i, width in enumerate(WIDTHS_CM, 1):
        ws.column_dimensions[get_column_letter(i)].width = _excel_width(width)
    thin = Side(style="thin", color="000000")
    grid = Border(left=thin, right=thin, top=thin, bottom=thin)

    def put(row: int, col: int, text: str, *, size: int = TABLE_PT, bold: bool = False, italic: bool = False,
            underline: bool = False, align: str = "left", border: bool = False) -> None:
        cell = ws.cell(row=row, column=col, value=_clean(text))
        cell.data_type = "s"  # text stays text: a comment starting with "=" is not a formula
        cell.font = Font(name=FONT, size=size, bold=bold, italic=italic, underline="single" if underline else None)
        cell.alignment = Alignment(horizontal=align, vertical="top", wrap_text=True)
        if border:
            cell.border = grid

    def merged(row: int, text: str, *, size: int = TABLE_PT, height: float | None = None, border: bool = False,
               **style: Any) -> None:
        put(row, 1, text, size=size, border=border, **style)
        if border:
            for col in range(2, ncol + 1):
                ws.cell(row=row, column=col).border = grid
        ws.merge_cells(f"A{row}:{last}{row}")
        ws.row_dimensions[row].height = height or _text_height(text, TEXT_W_CM, size)

    office = " ".join(line.strip() for line in _clean(c.office).split("\n") if line.strip())
    put(1, 1, office, size=BODY_PT, bold=True, align="center")
    ws.merge_cells("A1:B1")
    put(1, 3, PARTY, size=BODY_PT, bold=True, underline=True, align="center")
    ws.merge_cells(f"C1:{last}1")
    put(2, 3, _clean(c.place_date).strip(), size=BODY_PT, italic=True, align="center")
    ws.merge_cells(f"C2:{last}2")
    ws.row_dimensions[1].height = max(_text_height(office, sum(WIDTHS_CM[:2]), BODY_PT),
                                      _text_height(PARTY, sum(WIDTHS_CM[2:]), BODY_PT))
    # Compact: every row above the header stays on screen while the table scrolls (the freeze).
    row = 3
    merged(row, TITLE, size=TITLE_PT, bold=True, align="center", height=TITLE_PT * 1.6)
    row += 1
    if d is not None:
        merged(row, FOR_DRAFT.format(_draft_title(d)), size=BODY_PT, bold=True, align="center")
        row += 1
    if c.session_title.strip():
        merged(row, f"({_clean(c.session_title).strip()})", size=BODY_PT, italic=True, align="center")
        row += 1
    for line in preamble_lines(c):
        merged(row, line)
        row += 1
    if d is None:
        return
    header = row
    for col, label in enumerate(COLUMNS, 1):
        put(header, col, label, bold=True, align="center", border=True)
        ws.cell(row=header, column=col).alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
    ws.row_dimensions[header].height = 32
    ws.freeze_panes = f"A{header + 1}"
    ws.print_title_rows = f"{header}:{header}"
    row = header + 1
    groups = group_rows(d)
    if not groups:
        merged(row, NO_COMMENTS, italic=True, align="center", border=True, height=TABLE_PT * 1.6)
    for group in groups:
        merged(row, group.heading, bold=True, border=True, height=TABLE_PT * 1.6)
        row += 1
        for tt, r in group.rows:
            place, quote = _place_and_quote(r, group.heading)
            draft_text = "\n".join(p for p in (place, quote) if p)
            author = "\n".join([r.author.strip(), *_marks(r)])
            put(row, 1, str(tt), align="center", border=True)
            put(row, 2, draft_text, border=True)
            put(row, 3, r.text.strip(), border=True)
            put(row, 4, author, border=True)
            put(row, 5, _clean(r.answer).strip(), border=True)
            row += 1

    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True  # type: ignore[union-attr]
    ws.page_margins.left, ws.page_margins.right = MARGIN_LEFT_CM / 2.54, MARGIN_RIGHT_CM / 2.54
    ws.page_margins.top, ws.page_margins.bottom = MARGIN_TOP_CM / 2.54, MARGIN_BOTTOM_CM / 2.54


# -- PDF ------------------------------------------------------------------------------------------------
def write_pdf(c: Consolidation, out: Path) -> None:
    """Write the table as PDF: the DOCX, converted by LibreOffice in a private folder beside ``out``
    (removed afterwards), then moved into place atomically."""
    from paperless.core.bundle.convert import convert_to_pdf
    from paperless.core.bundle.errors import ConverterMissingError, DocumentError

    out = Path(out)
    data = docx_bytes(c, out)
    try:
        out.parent.mkdir(parents=True, exist_ok=True)
        work = Path(tempfile.mkdtemp(prefix=f".{out.name}.", suffix=".tmp", dir=out.parent))
    except OSError as exc:
        raise OutputFileError(path=str(out), detail=exc.strerror or str(exc)) from None
    try:
        source = work / "table.docx"
        source.write_bytes(data)
        try:
            pdf = convert_to_pdf(source, work)
        except ConverterMissingError:
            raise OutputFileError(path=str(out), detail=T(
                "LibreOffice is not installed (install libreoffice-writer-nogui)",
                "chưa cài LibreOffice (hãy cài libreoffice-writer-nogui)")) from None
        except DocumentError:
            raise OutputFileError(path=str(out), detail=T(
                "LibreOffice could not convert the table to PDF",
                "LibreOffice không chuyển được bảng sang PDF")) from None
        atomic_write(out, pdf.read_bytes())
    except OSError as exc:
        raise OutputFileError(path=str(out), detail=exc.strerror or str(exc)) from None
    finally:
        shutil.rmtree(work, ignore_errors=True)
