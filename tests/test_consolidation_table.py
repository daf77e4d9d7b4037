"""The office's consolidation table of comments on drafts (paperless.office.consolidation): real
DOCX, XLSX and PDF files written, then read back with python-docx, openpyxl and poppler."""

from __future__ import annotations

import dataclasses
import os
import struct
import subprocess
import unicodedata
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import docx
import openpyxl
import pytest
from docx.enum.section import WD_ORIENT
from docx.oxml.ns import qn
from system_tools import require_package_files, require_tool

from paperless.core.errors import OutputFileError, PaperlessError
from paperless.office import consolidation as table_mod
from paperless.office.consolidation import (
    COLUMNS,
    CommentRow,
    Consolidation,
    DraftTable,
    UnsupportedTableFormatError,
    group_rows,
    sheet_names,
    write_docx,
    write_pdf,
    write_table,
    write_xlsx,
)

SHOTS = Path("/tmp/shots-table")
DRAFT_1 = "Nghị quyết về chuyển đổi số trong các cơ quan Đảng tỉnh Vân Sơn (dự thảo lần 2)"
DRAFT_2 = "Quy chế làm việc của Ban Chấp hành Đảng bộ tỉnh khóa XVI"

ROWS_1 = (  # given out of order: the table sorts them
    CommentRow("Điều 5, khoản 2", (5, 2), "Điều 5", "Nghị quyết có hiệu lực kể từ ngày ký.",
               "Đề nghị ghi rõ thời điểm có hiệu lực đối với những cơ quan ở huyện.", "Đ/c Nguyễn Văn Đức", False),
    CommentRow("", (9,), "", "", "Đề nghị rà soát lại những chỗ dùng từ chưa thống nhất trong toàn văn bản.",
               "Đ/c Trần Thị Mỹ Hạnh", True),
    CommentRow("Điều 3", (3,), "Điều 3", "Phạm vi điều chỉnh và đối tượng áp dụng",
               "Bổ sung đối tượng là các đảng ủy trực thuộc.", "Đ/c Lê Hữu Nghĩa", False, True),
    CommentRow("Điều 5, khoản 1", (5, 1), "Điều 5", "Ủy ban Kiểm tra Tỉnh ủy giám sát việc thực hiện.",
               "Nhất trí, đề nghị giữ nguyên.", "Ban Tổ chức Tỉnh ủy", False),
    CommentRow("Mục II.3", (2, 3), "Mục II", "Mỗi cơ quan có một đầu mối phụ trách.",
               "Nên giao đồng chí Chánh Văn phòng làm đầu mối, tránh chỗ chồng chéo.", "Đ/c Nguyễn Văn Đức", False),
)
ROWS_2 = (
    CommentRow("Điều 1", (1,), "Điều 1", "Quy chế này quy định nguyên tắc, chế độ làm việc.",
               "Đề nghị bổ sung “trách nhiệm”.", "Đ/c Phạm Thị Thu Hà", True),
)


def sample() -> Consolidation:
    return Consolidation(
        office="TỈNH ỦY VÂN SƠN\nVĂN PHÒNG",
        place_date="Vân Sơn, ngày 13 tháng 01 năm 2025",
        session_title="Hội nghị Ban Thường vụ Tỉnh ủy lần thứ 12",
        consulted=("Đ/c Nguyễn Văn Đức", "Đ/c Trần Thị Mỹ Hạnh", "Đ/c Lê Hữu Nghĩa", "Đ/c Phạm Thị Thu Hà",
                   "Đ/c Hoàng Quốc Việt", "Đ/c Võ Thị Ngọc Ánh", "Đ/c Đỗ Mạnh Hùng"),
        agreed=("Đ/c Hoàng Quốc Việt",),
        commented=("Đ/c Nguyễn Văn Đức", "Đ/c Trần Thị Mỹ Hạnh", "Đ/c Lê Hữu Nghĩa", "Đ/c Phạm Thị Thu Hà"),
        not_answered=("Đ/c Võ Thị Ngọc Ánh", "Đ/c Đỗ Mạnh Hùng"),
        drafts=(DraftTable(DRAFT_1, ROWS_1), DraftTable(DRAFT_2, ROWS_2)),
    )


EXPECTED_1 = [  # (heading) or (TT, place cell, author): general first, then by document order
    ("Ý kiến chung",),
    ("1", "", "Đ/c Trần Thị Mỹ Hạnh\n(gửi sau hạn)"),  # a general comment: no place, no passage
    ("Mục II",),
    ("2", "Mục II.3:\n“Mỗi cơ quan có một đầu mối phụ trách.”", "Đ/c Nguyễn Văn Đức"),
    ("Điều 3",),
    ("3", "“Phạm vi điều chỉnh và đối tượng áp dụng”", "Đ/c Lê Hữu Nghĩa\n(đã sửa)"),
    ("Điều 5",),
    ("4", "Điều 5, khoản 1:\n“Ủy ban Kiểm tra Tỉnh ủy giám sát việc thực hiện.”", "Ban Tổ chức Tỉnh ủy"),
    ("5", "Điều 5, khoản 2:\n“Nghị quyết có hiệu lực kể từ ngày ký.”", "Đ/c Nguyễn Văn Đức"),
]
PREAMBLE = [
    "Tổng số đồng chí được xin ý kiến: 7 đồng chí.",
    "Số đồng chí gửi ý kiến góp ý: 4 đồng chí (Đ/c Nguyễn Văn Đức, Đ/c Trần Thị Mỹ Hạnh, Đ/c Lê Hữu Nghĩa, "
    "Đ/c Phạm Thị Thu Hà).",
    "Số đồng chí thống nhất với dự thảo, không có ý kiến góp ý: 1 đồng chí (Đ/c Hoàng Quốc Việt).",
    "Số đồng chí không gửi ý kiến: 2 đồng chí (Đ/c Võ Thị Ngọc Ánh, Đ/c Đỗ Mạnh Hùng). "
    "Đồng chí không gửi ý kiến góp ý được xem như thống nhất với dự thảo.",
]


def _folder_names(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir())


# -- the layout -------------------------------------------------------------------------------------------
def test_rows_are_grouped_by_article_in_document_order_general_first() -> None:
    groups = group_rows(DraftTable(DRAFT_1, ROWS_1))
    assert [g.heading for g in groups] == ["Ý kiến chung", "Mục II", "Điều 3", "Điều 5"]
    assert [(tt, r.place) for g in groups for tt, r in g.rows] == [
        (1, ""), (2, "Mục II.3"), (3, "Điều 3"), (4, "Điều 5, khoản 1"), (5, "Điều 5, khoản 2")]
    assert group_rows(DraftTable("x", ())) == ()


def test_rows_at_the_same_place_keep_their_order_of_arrival() -> None:
    rows = tuple(CommentRow("Điều 2", (2,), "Điều 2", "", f"ý kiến {i}", f"Đ/c {i}", False) for i in range(4))
    (group,) = group_rows(DraftTable("x", rows))
    assert [r.text for _, r in group.rows] == ["ý kiến 0", "ý kiến 1", "ý kiến 2", "ý kiến 3"]


# -- DOCX ---------------------------------------------------------------------------------------------------
def _cell_text(cell: Any) -> str:
    return "\n".join(p.text for p in cell.paragraphs if p.text)


def _rows(table: Any) -> list[tuple[str, ...]]:
    """Each row as (heading) when its cells are merged into one, else (TT, draft cell, author)."""
    out: list[tuple[str, ...]] = []
    for row in table.rows[1:]:
        cells = row.cells
        if len({id(c._tc) for c in cells}) == 1:
            out.append((_cell_text(cells[0]),))
        else:
            assert _cell_text(cells[4]) == ""  # the office's column stays empty
            out.append((_cell_text(cells[0]), _cell_text(cells[1]), _cell_text(cells[3])))
    return out


def _all_runs(d: Any) -> Iterator[Any]:
    for p in d.paragraphs:
        yield from p.runs
    for t in d.tables:
        for row in t.rows:
            for cell in row.cells:
                for p in cell.paragraphs:
                    yield from p.runs


def test_docx_reads_back_as_the_standard_table(tmp_path: Path) -> None:
    out = tmp_path / "tong-hop.docx"
    write_docx(sample(), out)
    d = docx.Document(str(out))
    texts = [p.text for p in d.paragraphs]
    assert "BẢN TỔNG HỢP, GIẢI TRÌNH, TIẾP THU Ý KIẾN" in texts
    assert texts.index("BẢN TỔNG HỢP, GIẢI TRÌNH, TIẾP THU Ý KIẾN") < texts.index(f"Đối với dự thảo: {DRAFT_1}")
    assert f"Đối với dự thảo: {DRAFT_2}" in texts
    assert "(Hội nghị Ban Thường vụ Tỉnh ủy lần thứ 12)" in texts
    assert [t[2:] for t in texts if t.startswith("- ")] == PREAMBLE
    title = next(p for p in d.paragraphs if p.text.startswith("BẢN TỔNG HỢP"))
    assert title.runs[0].font.size.pt == 14 and title.runs[0].font.bold
    assert title.alignment == 1  # centred
    preamble = next(p for p in d.paragraphs if p.text.startswith("- Tổng số"))
    assert preamble.runs[0].font.size.pt == 13

    header_block, t1, t2 = d.tables
    assert [_cell_text(c) for c in t1.rows[0].cells] == list(COLUMNS)
    assert [_cell_text(c) for c in t2.rows[0].cells] == list(COLUMNS)
    assert _rows(t1) == EXPECTED_1
    assert _rows(t2) == [("Điều 1",), ("1", "“Quy chế này quy định nguyên tắc, chế độ làm việc.”",
                                       "Đ/c Phạm Thị Thu Hà\n(gửi sau hạn)")]
    comment = t1.rows[2].cells[2]
    assert _cell_text(comment) == "Đề nghị rà soát lại những chỗ dùng từ chưa thống nhất trong toàn văn bản."
    assert comment.paragraphs[0].runs[0].font.size.pt == 12
    # The header row repeats on every page; the widths keep the guidance's proportions.
    trpr = t1.rows[0]._tr.trPr
    assert trpr is not None and trpr.find(qn("w:tblHeader")) is not None
    widths = [round(c.width.cm, 1) for c in t1.columns]
    assert widths == [1.5, 6.1, 6.1, 4.6, 6.9]
    guidance = (1.0, 4.0, 4.0, 3.0, 4.5)
    assert all(abs(w / g - widths[1] / 4.0) < 0.05 for w, g in zip(widths, guidance, strict=True))
    # The header block: the office on the left, the Party (bold, underlined) and the date (italic) on the right.
    left, right = header_block.rows[0].cells
    assert _cell_text(left) == "TỈNH ỦY VÂN SƠN\nVĂN PHÒNG\n*"
    assert left.paragraphs[1].runs[0].font.bold and not left.paragraphs[0].runs[0].font.bold
    party, date = right.paragraphs
    assert party.text == "ĐẢNG CỘNG SẢN VIỆT NAM" and party.runs[0].font.bold and party.runs[0].font.underline
    assert date.text == "Vân Sơn, ngày 13 tháng 01 năm 2025" and date.runs[0].font.italic


def test_docx_page_is_a4_landscape_in_times_new_roman(tmp_path: Path) -> None:
    out = tmp_path / "t.docx"
    write_docx(sample(), out)
    d = docx.Document(str(out))
    (section,) = d.sections
    assert section.orientation == WD_ORIENT.LANDSCAPE
    assert abs(section.page_width.cm - 29.7) < 0.01 and abs(section.page_height.cm - 21.0) < 0.01
    text_width = section.page_width.cm - section.left_margin.cm - section.right_margin.cm
    assert abs(text_width - 25.2) < 0.01
    assert d.styles["Normal"].font.name == "Times New Roman"
    defaults = d.styles.element.find(qn("w:docDefaults")).find(f"{qn('w:rPrDefault')}/{qn('w:rPr')}/{qn('w:rFonts')}")
    assert {defaults.get(qn(a)) for a in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs")} == {"Times New Roman"}
    assert defaults.get(qn("w:asciiTheme")) is None
    runs = list(_all_runs(d))
    assert len(runs) > 40
    fonts = {(r.font.name, r._r.rPr.rFonts.get(qn("w:cs")), r._r.rPr.rFonts.get(qn("w:eastAsia"))) for r in runs}
    assert fonts == {("Times New Roman",) * 3}
    assert d.core_properties.language == "vi-VN" and d.core_properties.title.startswith("BẢN TỔNG HỢP")
    # The page number from the second page on, at the top.
    assert section.different_first_page_header_footer
    assert 'w:instr="PAGE"' in section.header._element.xml


def test_an_empty_draft_says_there_are_no_comments(tmp_path: Path) -> None:
    c = dataclasses.replace(sample(), drafts=(DraftTable(DRAFT_2, ()),))
    write_docx(c, tmp_path / "t.docx")
    d = docx.Document(str(tmp_path / "t.docx"))
    assert _rows(d.tables[1]) == [("Không có ý kiến góp ý.",)]
    texts = [p.text for p in d.paragraphs]
    assert f"Đối với dự thảo: {DRAFT_2}" in texts and not any(t.startswith("I. ") for t in texts)  # one draft
    write_xlsx(c, tmp_path / "t.xlsx")
    ws = openpyxl.load_workbook(tmp_path / "t.xlsx").worksheets[0]
    values = [ws.cell(row=r, column=1).value for r in range(1, ws.max_row + 1)]
    assert values[-1] == "Không có ý kiến góp ý."


def test_a_consolidation_without_drafts_still_writes_its_preamble(tmp_path: Path) -> None:
    c = dataclasses.replace(sample(), drafts=())
    write_table(c, tmp_path / "t.docx")
    write_table(c, tmp_path / "t.xlsx")
    d = docx.Document(str(tmp_path / "t.docx"))
    assert len(d.tables) == 1 and [p.text[2:] for p in d.paragraphs if p.text.startswith("- ")] == PREAMBLE
    wb = openpyxl.load_workbook(tmp_path / "t.xlsx")
    assert wb.sheetnames == ["Tổng hợp"]
    assert PREAMBLE[0] in [str(v)[2:] for (v,) in wb.worksheets[0].iter_rows(min_col=1, max_col=1, values_only=True)]


def test_no_one_left_out_says_nothing_about_deemed_agreement(tmp_path: Path) -> None:
    c = dataclasses.replace(sample(), not_answered=())
    lines = table_mod.preamble_lines(c)
    assert lines[-1] == "- Số đồng chí không gửi ý kiến: 0 đồng chí."


def test_decomposed_text_and_control_characters_are_cleaned(tmp_path: Path) -> None:
    nfd = unicodedata.normalize("NFD", "Đề nghị bổ sung những chỗ còn thiếu")
    row = CommentRow("Điều 2", (2,), "Điều 2", "đoạn\x00 trích\x1b", nfd, "Đ/c Ngô Thị Lệ\x07", False)
    c = dataclasses.replace(sample(), drafts=(DraftTable("Dự thảo", (row,)),))
    write_docx(c, tmp_path / "t.docx")
    d = docx.Document(str(tmp_path / "t.docx"))
    assert _rows(d.tables[1])[1] == ("1", "“đoạn trích”", "Đ/c Ngô Thị Lệ")  # the place only repeated "Điều 2"
    assert _cell_text(d.tables[1].rows[2].cells[2]) == unicodedata.normalize("NFC", nfd)


# -- XLSX ---------------------------------------------------------------------------------------------------
def test_xlsx_reads_back_one_sheet_per_draft(tmp_path: Path) -> None:
    out = tmp_path / "tong-hop.xlsx"
    write_xlsx(sample(), out)
    wb = openpyxl.load_workbook(out)
    assert wb.sheetnames == ["1. Nghị quyết về chuyển đổi số…", "2. Quy chế làm việc của Ban Ch…"]
    ws = wb.worksheets[0]
    col_a = [ws.cell(row=r, column=1).value for r in range(1, ws.max_row + 1)]
    header = col_a.index("TT") + 1
    above = [v for v in col_a[: header - 1] if v]
    assert above[:4] == ["TỈNH ỦY VÂN SƠN VĂN PHÒNG", "BẢN TỔNG HỢP, GIẢI TRÌNH, TIẾP THU Ý KIẾN",
                         f"Đối với dự thảo: {DRAFT_1}", "(Hội nghị Ban Thường vụ Tỉnh ủy lần thứ 12)"]
    assert [v[2:] for v in above if v.startswith("- ")] == PREAMBLE
    assert ws.cell(row=1, column=3).value == "ĐẢNG CỘNG SẢN VIỆT NAM"
    assert ws.cell(row=2, column=3).value == "Vân Sơn, ngày 13 tháng 01 năm 2025"
    assert [ws.cell(row=header, column=c).value for c in range(1, 6)] == list(COLUMNS)
    assert ws.freeze_panes == f"A{header + 1}"
    assert ws.print_title_rows == f"${header}:${header}"
    body = []
    for r in range(header + 1, ws.max_row + 1):
        values = [ws.cell(row=r, column=c).value for c in range(1, 6)]
        if f"A{r}:E{r}" in {str(m) for m in ws.merged_cells.ranges}:
            body.append((values[0],))
        else:
            assert values[4] in (None, "")
            body.append((values[0], values[1] or "", values[3]))
    assert body == EXPECTED_1
    cell = ws.cell(row=header + 2, column=3)
    assert cell.value == "Đề nghị rà soát lại những chỗ dùng từ chưa thống nhất trong toàn văn bản."
    assert cell.alignment.wrap_text and cell.font.name == "Times New Roman" and cell.font.size == 12
    widths = [ws.column_dimensions[letter].width for letter in "ABCDE"]
    assert all(abs(w / widths[1] - g / 4.0) < 0.05 for w, g in zip(widths, (1.0, 4.0, 4.0, 3.0, 4.5), strict=True))
    assert ws.page_setup.orientation == "landscape" and str(ws.page_setup.paperSize) == "9"  # A4
    second = wb.worksheets[1]
    values = {second.cell(row=r, column=c).value for r in range(1, second.max_row + 1) for c in range(1, 6)}
    assert f"Đối với dự thảo: {DRAFT_2}" in values and "Đ/c Phạm Thị Thu Hà\n(gửi sau hạn)" in values


def test_a_comment_that_looks_like_a_formula_stays_text(tmp_path: Path) -> None:
    row = CommentRow("Điều 4", (4,), "Điều 4", "=HYPERLINK(\"http://x\")", "=1+1", "@Đ/c Bùi Văn Lữ", False)
    c = dataclasses.replace(sample(), drafts=(DraftTable("Dự thảo", (row,)),))
    write_xlsx(c, tmp_path / "t.xlsx")
    ws = openpyxl.load_workbook(tmp_path / "t.xlsx").worksheets[0]
    cells = {ws.cell(row=r, column=3).value: ws.cell(row=r, column=3).data_type for r in range(1, ws.max_row + 1)}
    assert cells["=1+1"] == "s"


def test_sheet_names_are_short_unique_and_allowed() -> None:
    names = sheet_names(["Dự thảo [lần 2]: Quy chế/Quy định * về công tác?", "Dự thảo", "Dự thảo", "'", ""])
    assert names[1:] == ["2. Dự thảo", "3. Dự thảo", "4. Dự thảo", "5. Dự thảo"]
    assert names[0] == "1. Dự thảo -lần 2-- Quy chế-Qu…"
    assert all(len(n) <= 31 and not set(n) & set("[]:*?/\\") for n in names)
    assert len({n.casefold() for n in names}) == len(names)


# -- PDF through LibreOffice -----------------------------------------------------------------------------------
@pytest.fixture(scope="module")
def pdf(tmp_path_factory: pytest.TempPathFactory) -> Path:
    require_tool("soffice")
    require_package_files("fonts-liberation2")
    out = tmp_path_factory.mktemp("pdf") / "bảng tổng hợp.pdf"
    write_pdf(sample(), out)
    return out


def test_pdf_keeps_the_vietnamese_text_and_the_rows(pdf: Path) -> None:
    assert _folder_names(pdf.parent) == [pdf.name]  # no profile, no DOCX, no temporary file left
    text = subprocess.run([require_tool("pdftotext"), "-layout", str(pdf), "-"], capture_output=True, text=True,
                          check=True).stdout
    text = unicodedata.normalize("NFC", text)
    flat = " ".join(text.split())  # the preamble's lines wrap
    for phrase in ("ĐẢNG CỘNG SẢN VIỆT NAM", "BẢN TỔNG HỢP, GIẢI TRÌNH, TIẾP THU Ý KIẾN", "Đối với dự thảo:",
                   "Đ/c Nguyễn Văn Đức", "Điều 5, khoản 2:", "(gửi sau hạn)", "(đã sửa)", "Ý kiến giải trình, tiếp thu",
                   "Vân Sơn, ngày 13 tháng 01 năm 2025", "được xem như thống nhất với dự thảo", "ệ", "ữ", "ỗ"):
        assert phrase in flat, phrase
    pages = [page for page in text.split("\f") if page.strip()]
    assert len(pages) >= 2
    for page in pages[1:]:  # the header row repeats on every page the table continues on
        assert "Nội dung dự thảo" in page and "Ý kiến giải trình, tiếp thu" in page
    order = [text.index(s, text.index("Ý kiến giải trình")) for s in
             ("Ý kiến chung", "Mục II.3:", "Điều 3", "Điều 5, khoản 1:", "Điều 5, khoản 2:", "Điều 1")]
    assert order == sorted(order)


def test_pdf_is_a4_landscape_in_a_times_metric_font(pdf: Path) -> None:
    fonts = subprocess.run([require_tool("pdffonts"), str(pdf)], capture_output=True, text=True, check=True).stdout
    names = {line.split()[0].split("+")[-1] for line in fonts.splitlines()[2:] if line.strip()}
    assert names and all(n.startswith(("LiberationSerif", "TimesNewRoman")) for n in names), names
    SHOTS.mkdir(parents=True, exist_ok=True)
    for old in SHOTS.glob("table-page-*.png"):
        old.unlink()
    subprocess.run([require_tool("pdftoppm"), "-r", "80", "-png", "-f", "1", "-l", "2", str(pdf),
                    str(SHOTS / "table-page")], check=True)
    first = sorted(SHOTS.glob("table-page-*.png"))[0]
    width, height = struct.unpack(">II", first.read_bytes()[16:24])  # the PNG's IHDR
    assert abs(width - 29.7 / 2.54 * 80) < 2 and abs(height - 21.0 / 2.54 * 80) < 2  # A4 landscape at 80 dpi


# -- choosing the writer, errors, atomic writes ---------------------------------------------------------------
def test_write_table_chooses_by_suffix(tmp_path: Path) -> None:
    write_table(sample(), tmp_path / "a.DOCX")
    write_table(sample(), tmp_path / "b.xlsx")
    assert docx.Document(str(tmp_path / "a.DOCX")).tables[1].rows[0].cells[0].text == "TT"
    assert openpyxl.load_workbook(tmp_path / "b.xlsx").sheetnames[0].startswith("1. ")


@pytest.mark.parametrize("name", ["bang.odt", "bang.csv", "bang"])
def test_an_unknown_suffix_is_a_one_line_error_and_writes_nothing(tmp_path: Path, name: str) -> None:
    with pytest.raises(UnsupportedTableFormatError) as raised:
        write_table(sample(), tmp_path / name)
    assert isinstance(raised.value, PaperlessError) and raised.value.exit_code == 64
    en, vi = raised.value.message("en"), raised.value.message("vi")
    assert "\n" not in en and "\n" not in vi
    assert en.startswith(f"Cannot write {tmp_path / name}:") and ".docx, .xlsx or .pdf" in en
    assert vi.startswith(f"Không ghi được {tmp_path / name}:") and "bảng tổng hợp" in vi
    assert ("without a suffix" in en and "không có đuôi" in vi) if name == "bang" else f"“.{name.split('.')[1]}”" in en
    assert _folder_names(tmp_path) == []


def _fail_on_third_call(monkeypatch: pytest.MonkeyPatch, name: str) -> None:
    real = getattr(table_mod, name)
    calls = {"n": 0}

    def failing(*args: Any, **kwargs: Any) -> Any:
        calls["n"] += 1
        if calls["n"] == 3:
            raise RuntimeError("the writer broke midway")
        return real(*args, **kwargs)

    monkeypatch.setattr(table_mod, name, failing)


@pytest.mark.parametrize("suffix, step", [(".docx", "_docx_cell_texts"), (".xlsx", "_xlsx_sheet"),
                                          (".pdf", "_docx_cell_texts")])
def test_a_failure_while_writing_leaves_no_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, suffix: str,
                                                step: str) -> None:
    out = tmp_path / f"t{suffix}"
    c = sample()
    if step == "_xlsx_sheet":
        c = dataclasses.replace(c, drafts=c.drafts * 2)  # the third sheet fails
    _fail_on_third_call(monkeypatch, step)
    with pytest.raises(RuntimeError, match="midway"):
        write_table(c, out)
    assert _folder_names(tmp_path) == []


@pytest.mark.parametrize("suffix", [".docx", ".xlsx"])
def test_a_failure_at_the_disk_keeps_the_previous_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                       suffix: str) -> None:
    out = tmp_path / f"t{suffix}"
    out.write_bytes(b"the previous table")

    def no_space(fd: int) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "fsync", no_space)
    with pytest.raises(OutputFileError, match="No space left"):
        write_table(sample(), out)
    assert _folder_names(tmp_path) == [out.name] and out.read_bytes() == b"the previous table"


def test_a_failed_conversion_leaves_no_pdf_and_no_work_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from paperless.core.bundle import convert
    from paperless.core.bundle.errors import DocumentError

    def broken(source: Path, out_dir: Path) -> Path:
        assert source.is_file() and out_dir.parent == tmp_path and out_dir.name.startswith(".t.pdf.")
        raise DocumentError(path=str(source), detail="LibreOffice could not convert it to PDF")

    monkeypatch.setattr(convert, "convert_to_pdf", broken)
    with pytest.raises(OutputFileError) as raised:
        write_pdf(sample(), tmp_path / "t.pdf")
    assert raised.value.message("en") == f"Cannot write {tmp_path / 't.pdf'}: LibreOffice could not convert the table to PDF"
    assert "LibreOffice không chuyển được bảng sang PDF" in raised.value.message("vi")
    assert _folder_names(tmp_path) == []


def test_without_libreoffice_the_pdf_says_what_to_install(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PATH", str(tmp_path / "empty"))
    with pytest.raises(OutputFileError, match="LibreOffice is not installed") as raised:
        write_table(sample(), tmp_path / "t.pdf")
    assert "libreoffice-writer-nogui" in raised.value.message("vi")
    assert _folder_names(tmp_path) == []


@pytest.mark.parametrize("suffix, package", [(".docx", "python-docx"), (".xlsx", "openpyxl"), (".pdf", "python-docx")])
def test_without_the_office_extra_the_error_names_the_package(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                              suffix: str, package: str) -> None:
    import importlib.util

    real = importlib.util.find_spec
    monkeypatch.setattr(importlib.util, "find_spec",
                        lambda name, *a: None if name in ("docx", "openpyxl") else real(name, *a))
    with pytest.raises(table_mod.OfficeExtraMissingError) as raised:
        write_table(sample(), tmp_path / f"t{suffix}")
    assert f"the Python package {package} is not installed" in raised.value.message("en")
    assert f"chưa cài gói Python {package}" in raised.value.message("vi")
    assert _folder_names(tmp_path) == []
