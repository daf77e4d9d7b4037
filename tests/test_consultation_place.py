"""A passage's place in a draft's structure (core.consultation.place), on real PDFs.

Each fixture is typeset line by line with PyMuPDF (Noto Sans, as the bundle tests do), every
line with the place it is in by construction; the lines are read back with the project's own
extraction (``PdfDocument.words`` and ``.outline()``, what the render process gives the GUI)
and ``place_at`` is asked at the top and at the middle of every typed line. Accuracy is the
share of those answers equal to the truth (both the label and the article).
"""

from __future__ import annotations

import unicodedata
from bisect import bisect_right
from dataclasses import dataclass, field
from pathlib import Path

import pymupdf
import pytest
from bundle_helpers import FONT
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from system_tools import require_tool

from paperless.core.consultation import (
    DraftStructure,
    Kind,
    Line,
    Place,
    clean_text,
    headings_of,
    lines_from_words,
    token_of,
)
from paperless.core.render import OutlineEntry, PdfDocument
from paperless.resources import resource_path

BOLD = str(resource_path("fonts", "NotoSans-Bold.ttf"))
SIZE = 12.0
LEADING = 18.0
TOP = 90.0
BOTTOM = 780.0
SAME = object()  # the line is in the same place as the line before it


def article_of(label: str) -> str:
    """The grouping key the truth expects for a label: "Điều 5" of "Điều 5, khoản 2", "Mục II" of "Mục II.3"."""
    parts = [p for p in label.split(", ") if not p.startswith(("khoản ", "điểm "))]
    if parts and parts[-1].startswith("Mục "):
        parts[-1] = parts[-1].split(".")[0]
    return ", ".join(parts)


@dataclass(frozen=True)
class Typed:
    page: int
    baseline: float
    text: str
    label: str
    selectable: bool = True  # False: drawn as a picture, no text to select


@dataclass
class Draft:
    """Lines typeset top to bottom, a new page when one is full; a running header and footer."""

    header: str | None = "Dự thảo lần 2 (ngày 05/11/2025) — Nghị định về công tác văn thư"
    footer: bool = True
    typed: list[Typed] = field(default_factory=list)
    _doc: pymupdf.Document = field(default_factory=pymupdf.open)
    _page: pymupdf.Page | None = None
    _y: float = BOTTOM
    _label: str = ""

    def new_page(self) -> None:
        self._page = self._doc.new_page()
        self._y = TOP
        n = self._doc.page_count
        if self.header:
            self._page.insert_text((72, 45), self.header, fontfile=FONT, fontname="noto", fontsize=9)
        if self.footer:
            self._page.insert_text((280, 815), f"Trang {n}", fontfile=FONT, fontname="noto", fontsize=9)

    def line(self, text: str, label: object = SAME, *, bold: bool = False, tail: str = "", x: float = 72.0) -> None:
        """One line; ``tail``: more text on the same line in the regular face (a bold heading's title)."""
        if self._page is None or self._y + LEADING > BOTTOM:
            self.new_page()
        assert self._page is not None
        if label is not SAME:
            assert isinstance(label, str)
            self._label = label
        font, name = (BOLD, "notob") if bold else (FONT, "noto")
        self._page.insert_text((x, self._y), text, fontfile=font, fontname=name, fontsize=SIZE)
        if tail:
            width = pymupdf.Font(fontfile=font).text_length(text + " ", fontsize=SIZE)
            self._page.insert_text((x + width, self._y), tail, fontfile=FONT, fontname="noto", fontsize=SIZE)
        self.typed.append(Typed(self._doc.page_count - 1, self._y, text + (" " + tail if tail else ""), self._label))
        self._y += LEADING

    def picture_line(self, text: str, label: str) -> None:
        """A bold line drawn as a picture (a heading pasted as an image): no text in the PDF."""
        if self._page is None or self._y + LEADING > BOTTOM:
            self.new_page()
        assert self._page is not None
        self._label = label
        scratch = pymupdf.open()
        page = scratch.new_page()
        page.insert_text((72, 100), text, fontfile=BOLD, fontname="notob", fontsize=SIZE)
        clip = pymupdf.Rect(72, 100 - SIZE, 72 + 8 * len(text), 100 + 4)
        pixmap = page.get_pixmap(clip=clip, dpi=150)
        scratch.close()
        self._page.insert_image(pymupdf.Rect(72, self._y - SIZE, 72 + clip.width, self._y + 4), pixmap=pixmap)
        self.typed.append(Typed(self._doc.page_count - 1, self._y, text, label, selectable=False))
        self._y += LEADING

    def para(self, *lines: str, label: object = SAME) -> None:
        for i, text in enumerate(lines):
            self.line(text, label if i == 0 else SAME, x=90.0 if i == 0 else 72.0)

    def page_break(self) -> None:
        self._page = None

    def outline_at(self, text_index: int) -> tuple[int, float]:
        t = self.typed[text_index]
        return t.page, t.baseline - SIZE

    def save(self, path: Path, toc: list[list[object]] | None = None) -> bytes:
        if toc:
            self._doc.set_toc(toc)
        self._doc.save(path)
        self._doc.close()
        return path.read_bytes()


def goto(page: int, y: float) -> dict[str, object]:
    return {"kind": pymupdf.LINK_GOTO, "page": page, "to": pymupdf.Point(0, y), "zoom": 0}


def structure_of(data: bytes, *, outline: bool = True) -> DraftStructure:
    doc = PdfDocument(data)
    try:
        pages = [doc.words(i) for i in range(doc.page_count)]
        entries = doc.outline() if outline else []
    finally:
        doc.close()
    return DraftStructure.from_words(pages, entries)


def queries(draft: Draft) -> list[tuple[Typed, float]]:
    """Each typed line asked at the top of its letters and at its middle."""
    return [(t, t.baseline - f * SIZE) for t in draft.typed if t.selectable for f in (0.75, 0.35)]


def accuracy(structure: DraftStructure, draft: Draft) -> tuple[float, list[str]]:
    wrong = []
    asked = queries(draft)
    for t, y in asked:
        place = structure.place_at(t.page, y)
        if (place.label, place.article) != (t.label, article_of(t.label)):
            wrong.append(f"p{t.page} {t.text[:40]!r}: {place.label!r}/{place.article!r}, expected {t.label!r}")
    return 1 - len(wrong) / len(asked), wrong


def place_of(structure: DraftStructure, draft: Draft, starts: str) -> Place:
    t = [t for t in draft.typed if t.text.startswith(starts)][-1]  # the last: not the contents page's
    return structure.place_at(t.page, t.baseline - 0.75 * SIZE)


# --- the fixtures -------------------------------------------------------------------------------


def decree(tmp: Path, *, nfd: bool = False, eth: bool = False, toc_page: bool = True) -> tuple[Draft, bytes]:
    """A decree-style draft: a contents page, Chương / Mục / Điều / khoản / điểm across pages."""
    d = Draft()
    dieu = "Ðiều" if eth else "Điều"

    def text(s: str) -> str:
        s = s.replace("Điều", dieu)
        return unicodedata.normalize("NFD", s) if nfd else s

    def line(s: str, label: object = SAME, **kw: object) -> None:
        d.line(text(s), label, **kw)  # type: ignore[arg-type]

    if toc_page:
        line("MỤC LỤC", "", bold=True, x=260)
        for entry, page in [("Chương I. QUY ĐỊNH CHUNG", 2), ("Điều 1. Phạm vi điều chỉnh", 2),
                            ("Điều 2. Đối tượng áp dụng", 2), ("Chương II. CÔNG TÁC VĂN THƯ", 2),
                            ("Mục 1. SOẠN THẢO VĂN BẢN", 2), ("Điều 3. Hình thức văn bản", 2),
                            ("Điều 4. Thể thức văn bản", 3), ("Điều 5. Soạn thảo và ký ban hành", 3),
                            ("Mục 2. LƯU TRỮ", 4), ("Điều 6. Lập hồ sơ", 4), ("Điều 7. Hiệu lực thi hành", 4)]:
            line(f"{entry} {'.' * 30} {page}")
        d.page_break()
    line("CHÍNH PHỦ", "", bold=True)
    line("NGHỊ ĐỊNH")
    line("Quy định về công tác văn thư trong cơ quan, tổ chức")
    d.para("Căn cứ Luật Tổ chức Chính phủ ngày 19 tháng 6 năm 2015;")
    d.para("Chính phủ ban hành Nghị định quy định về công tác văn thư.")
    line("Chương I", "Chương I", bold=True, x=270)
    line("QUY ĐỊNH CHUNG", bold=True, x=240)
    line("Điều 1.", "Điều 1", bold=True, tail="Phạm vi điều chỉnh")
    d.para(text("Nghị định này quy định về công tác văn thư và quản lý nhà nước về công tác văn thư,"),
           text("được áp dụng đối với các cơ quan, tổ chức nhà nước và doanh nghiệp nhà nước."))
    line("Điều 2.", "Điều 2", bold=True, tail="Đối tượng áp dụng")
    d.para(text("1. Nghị định này áp dụng đối với cơ quan, tổ chức nhà nước và doanh nghiệp nhà nước"),
           text("(sau đây gọi chung là cơ quan, tổ chức)."), label="Điều 2, khoản 1")
    d.para(text("2. Tổ chức chính trị, tổ chức chính trị - xã hội căn cứ quy định của Nghị định này và"),
           text("quy định tại Điều 5 của Luật Lưu trữ để áp dụng cho phù hợp. Thời hạn hoàn thành trong năm"),
           text("2025. Cơ quan quản lý có trách nhiệm hướng dẫn."), label="Điều 2, khoản 2")
    line("Chương II", "Chương II", bold=True, x=270)
    line("CÔNG TÁC VĂN THƯ", bold=True, x=240)
    line("Mục 1", "Chương II, Mục 1", bold=True, x=280)
    line("SOẠN THẢO VĂN BẢN", bold=True, x=240)
    line("Điều 3.", "Điều 3", bold=True, tail="Hình thức văn bản")
    d.para(text("Văn bản hành chính gồm các loại văn bản sau:"))
    line("a) Nghị quyết (cá biệt), quyết định (cá biệt), chỉ thị;", "Điều 3, điểm a", x=90)
    line("b) Quy chế, quy định, thông cáo, thông báo, hướng dẫn;", "Điều 3, điểm b", x=90)
    line("c) Chương trình, kế hoạch, phương án, đề án, dự án.", "Điều 3, điểm c", x=90)
    line("Điều 4.", "Điều 4", bold=True, tail="Thể thức văn bản")
    d.para(text("1. Thể thức văn bản là tập hợp các thành phần cấu thành văn bản."), label="Điều 4, khoản 1")
    d.para(text("2. Các thành phần chính gồm:"), label="Điều 4, khoản 2")
    line("a) Quốc hiệu và Tiêu ngữ.", "Điều 4, khoản 2, điểm a", x=90)
    line("b) Tên cơ quan, tổ chức ban hành văn bản.", "Điều 4, khoản 2, điểm b", x=90)
    line("c) Số, ký hiệu của văn bản.", "Điều 4, khoản 2, điểm c", x=90)
    line("d) Địa danh và thời gian ban hành văn bản.", "Điều 4, khoản 2, điểm d", x=90)
    line("đ) Tên loại và trích yếu nội dung văn bản.", "Điều 4, khoản 2, điểm đ", x=90)
    line("e) Nội dung văn bản.", "Điều 4, khoản 2, điểm e", x=90)
    line("g) Chức vụ, họ tên và chữ ký của người có thẩm quyền.", "Điều 4, khoản 2, điểm g", x=90)
    line("Điều 5.", "Điều 5", bold=True, tail="Soạn thảo và ký ban hành văn bản")
    d.para(text("1. Căn cứ tính chất, nội dung của văn bản cần soạn thảo, người đứng đầu cơ quan,"),
           text("tổ chức giao cho đơn vị hoặc cá nhân chủ trì soạn thảo văn bản."), label="Điều 5, khoản 1")
    d.para(text("2. Đơn vị hoặc cá nhân được giao chủ trì soạn thảo văn bản thực hiện các công việc:"),
           label="Điều 5, khoản 2")
    line("a) Xác định tên loại, nội dung và độ mật, mức độ khẩn của văn bản cần soạn thảo;",
         "Điều 5, khoản 2, điểm a", x=90)
    line("b) Thu thập, xử lý thông tin có liên quan theo trình tự sau:", "Điều 5, khoản 2, điểm b", x=90)
    line("1. Tra cứu các văn bản hiện hành;", x=110)
    line("2. Tổng hợp ý kiến của các đơn vị;", x=110)
    line("3. Đề xuất phương án xử lý;", x=110)
    line("c) Soạn thảo văn bản;", "Điều 5, khoản 2, điểm c", x=90)
    d.para(text("3. Việc sửa đổi Nghị định số 30/2020/NĐ-CP được thực hiện như sau:"), label="Điều 5, khoản 3")
    line("“Điều 12. Thời hạn giải quyết văn bản đến", x=90)
    line("Văn bản đến phải được giải quyết kịp thời theo thời hạn quy định.”", x=90)
    for i in range(3, 45):  # clause 3 runs on over the page break
        line(text(f"Nội dung sửa đổi thứ {i} được trình bày chi tiết tại phụ lục kèm theo Nghị định này;"), x=72)
    d.para(text("4. Người đứng đầu cơ quan, tổ chức ký tất cả văn bản do cơ quan, tổ chức ban hành."),
           label="Điều 5, khoản 4")
    line("Mục 2", "Chương II, Mục 2", bold=True, x=280)
    line("LƯU TRỮ", bold=True, x=260)
    line("Điều 6.", "Điều 6", bold=True)
    line("Lập hồ sơ", bold=True)
    d.para(text("1. Lập Danh mục hồ sơ."), label="Điều 6, khoản 1")
    d.para(text("2. Lập hồ sơ và giao nộp hồ sơ, tài liệu vào Lưu trữ cơ quan."), label="Điều 6, khoản 2")
    line("Điều 7.", "Điều 7", bold=True, tail="Hiệu lực thi hành")
    d.para(text("Nghị định này có hiệu lực thi hành kể từ ngày ký ban hành."))
    line("Nơi nhận:", "", bold=True)
    line("- Ban Bí thư Trung ương Đảng;")
    line("- Như Điều 7;")
    return d, d.save(tmp / "decree.pdf")


def plan(tmp: Path) -> tuple[Draft, bytes]:
    """A plan-style draft (kế hoạch): I., 1., 1.1, a)."""
    d = Draft(header="DỰ THẢO — Kế hoạch chuyển đổi số năm 2026")
    d.line("KẾ HOẠCH", "", bold=True, x=260)
    d.line("Thực hiện chuyển đổi số giai đoạn 2026 - 2030", x=180)
    d.para("Thực hiện Nghị quyết số 57-NQ/TW ngày 22/12/2024 của Bộ Chính trị, Ban Thường vụ Tỉnh ủy",
           "ban hành Kế hoạch thực hiện như sau:")
    d.line("I. MỤC ĐÍCH, YÊU CẦU", "Mục I", bold=True)
    d.line("1. Mục đích", "Mục I.1", bold=True)
    d.para("Quán triệt đầy đủ các quan điểm, mục tiêu của Nghị quyết.")
    d.line("2. Yêu cầu", "Mục I.2", bold=True)
    d.para("Bảo đảm sự lãnh đạo thống nhất của cấp ủy các cấp.")
    d.line("II. NHIỆM VỤ, GIẢI PHÁP", "Mục II", bold=True)
    d.para("Các nhiệm vụ sau đây được triển khai đồng bộ:")
    d.line("1. Nâng cao nhận thức", "Mục II.1", bold=True)
    d.line("1.1. Tuyên truyền, phổ biến", "Mục II.1.1", bold=True)
    d.para("Tổ chức tuyên truyền sâu rộng trên các phương tiện thông tin đại chúng.")
    d.line("1.2. Bồi dưỡng kỹ năng số", "Mục II.1.2", bold=True)
    d.line("a) Bồi dưỡng cán bộ lãnh đạo, quản lý;", "Mục II.1.2, điểm a", x=90)
    d.line("b) Bồi dưỡng công chức chuyên môn;", "Mục II.1.2, điểm b", x=90)
    d.line("2. Hoàn thiện thể chế", "Mục II.2", bold=True)
    d.para("Rà soát, sửa đổi các quy chế, quy định không còn phù hợp.")
    d.line("3. Phát triển hạ tầng số", "Mục II.3", bold=True)
    d.para("Nâng cấp mạng truyền số liệu chuyên dùng của các cơ quan Đảng đến cấp xã; bảo đảm kết nối",
           "thông suốt, an toàn, bảo mật.")
    for i in range(1, 32):  # Mục II.3 runs on over the page break
        d.line(f"Hạng mục đầu tư thứ {i}: nâng cấp trang thiết bị tại các điểm cầu trực tuyến;")
    d.line("III. TỔ CHỨC THỰC HIỆN", "Mục III", bold=True)
    d.line("1. Văn phòng Tỉnh ủy chủ trì, theo dõi, đôn đốc việc thực hiện Kế hoạch.", "Mục III.1")
    d.line("2. Các cơ quan tham mưu, giúp việc Tỉnh ủy xây dựng chương trình cụ thể.", "Mục III.2")
    d.line("Nơi nhận:", "", bold=True)
    d.line("- Các đồng chí Tỉnh ủy viên,")
    return d, d.save(tmp / "plan.pdf")


def with_outline(tmp: Path) -> tuple[Draft, bytes]:
    """A draft whose bookmarks are its structure: a contents page without page numbers, an
    article heading broken over two lines ("Điều" / "4. …"), and one drawn as a picture (no
    text: only its bookmark tells where Điều 5 starts)."""
    d = Draft(header=None)
    d.line("DANH SÁCH CÁC ĐIỀU", "", bold=True)
    for entry in ["Điều 1. Phạm vi", "Điều 2. Đối tượng", "Điều 3. Nguyên tắc", "Điều 4. Trách nhiệm",
                  "Điều 5. Khen thưởng"]:
        d.line(entry, x=90)
    d.page_break()
    d.line("QUY CHẾ LÀM VIỆC", "", bold=True)
    d.line("Điều 1. Phạm vi", "Điều 1", bold=True)
    d.para("Quy chế này quy định nguyên tắc, chế độ làm việc của Ban Thường vụ.")
    d.line("Điều 2. Đối tượng", "Điều 2", bold=True)
    d.para("1. Các đồng chí Ủy viên Ban Thường vụ.", label="Điều 2, khoản 1")
    d.para("2. Các cơ quan tham mưu, giúp việc.", label="Điều 2, khoản 2")
    d.line("Điều 3. Nguyên tắc", "Điều 3", bold=True)
    d.para("1. Tập trung dân chủ.", label="Điều 3, khoản 1")
    d.line("a) tập thể lãnh đạo,", "Điều 3, khoản 1, điểm a", x=90)
    d.line("b) cá nhân phụ trách.", "Điều 3, khoản 1, điểm b", x=90)
    d.line("Điều", "Điều 4", bold=True)
    d.line("4. Trách nhiệm", bold=True)
    d.para("1. Ban Thường vụ chịu trách nhiệm trước Ban Chấp hành.", label="Điều 4, khoản 1")
    d.para("2. Thường trực chịu trách nhiệm trước Ban Thường vụ.", label="Điều 4, khoản 2")
    d.picture_line("Điều 5. Khen thưởng", "Điều 5")
    d.para("1. Tập thể hoàn thành xuất sắc nhiệm vụ.", label="Điều 5, khoản 1")
    d.para("2. Cá nhân có thành tích tiêu biểu.", label="Điều 5, khoản 2")
    heads = {t.text: i for i, t in enumerate(d.typed)}
    toc: list[list[object]] = [[1, "QUY CHẾ LÀM VIỆC", 2, goto(1, d.outline_at(heads["QUY CHẾ LÀM VIỆC"])[1])]]
    for title, key in [("Điều 1. Phạm vi", "Điều 1. Phạm vi"), ("Điều 2. Đối tượng", "Điều 2. Đối tượng"),
                       ("Điều 3. Nguyên tắc", "Điều 3. Nguyên tắc"), ("Điều 4. Trách nhiệm", "Điều"),
                       ("Điều 5. Khen thưởng", "Điều 5. Khen thưởng")]:
        index = max(i for i, t in enumerate(d.typed) if t.text == key)
        page, y = d.outline_at(index)
        toc.append([2, title, page + 1, goto(page, y)])
    return d, d.save(tmp / "outline.pdf", toc)


# --- the tests -------------------------------------------------------------------------------------


def test_decree_style_draft_places(tmp_path: Path) -> None:
    draft, data = decree(tmp_path)
    s = structure_of(data)
    assert place_of(s, draft, "b) Thu thập") == Place("Điều 5, khoản 2, điểm b", "Điều 5", place_of(s, draft, "b) Thu thập").order)
    assert place_of(s, draft, "2. Tổng hợp ý kiến").label == "Điều 5, khoản 2, điểm b"  # a list inside a point
    assert place_of(s, draft, "c) Soạn thảo").label == "Điều 5, khoản 2, điểm c"
    assert place_of(s, draft, "đ) Tên loại").label == "Điều 4, khoản 2, điểm đ"
    assert place_of(s, draft, "g) Chức vụ").label == "Điều 4, khoản 2, điểm g"
    assert place_of(s, draft, "Văn bản hành chính").label == "Điều 3"
    assert place_of(s, draft, "a) Nghị quyết").label == "Điều 3, điểm a"
    assert place_of(s, draft, "Chương II").article == "Chương II"
    assert place_of(s, draft, "SOẠN THẢO VĂN BẢN").label == "Chương II, Mục 1"
    assert place_of(s, draft, "2025. Cơ quan").label == "Điều 2, khoản 2"  # a year at the line start
    assert place_of(s, draft, "quy định tại Điều 5").label == "Điều 2, khoản 2"
    assert place_of(s, draft, "“Điều 12.").label == "Điều 5, khoản 3"  # an article quoted by an amendment
    assert place_of(s, draft, "Lập hồ sơ").label == "Điều 6"  # the title on the line under "Điều 6."
    assert place_of(s, draft, "- Như Điều 7").label == ""
    toc = [t for t in draft.typed if t.page == 0]
    assert toc and all(s.place_at(t.page, t.baseline - 6).label == "" for t in toc)  # the contents page is not structure


def test_decree_clause_runs_on_over_the_page_break(tmp_path: Path) -> None:
    draft, data = decree(tmp_path)
    s = structure_of(data)
    third = [t for t in draft.typed if t.label == "Điều 5, khoản 3"]
    assert len({t.page for t in third}) == 2
    top_of_next = min((t for t in third if t.page == third[-1].page), key=lambda t: t.baseline)
    assert s.place_at(top_of_next.page, top_of_next.baseline - 9).label == "Điều 5, khoản 3"
    assert s.place_at(top_of_next.page, 20).label == "Điều 5, khoản 3"  # in the top margin, above the running header


def test_decree_accuracy_and_document_order(tmp_path: Path) -> None:
    draft, data = decree(tmp_path)
    s = structure_of(data)
    score, wrong = accuracy(s, draft)
    assert score == 1.0, wrong
    orders = [s.place_at(t.page, y).order for t, y in queries(draft)]
    assert orders == sorted(orders)
    assert len(set(orders)) == len(draft.typed)  # one order per line, the same at its top and middle


def test_decree_headings_found(tmp_path: Path) -> None:
    _draft, data = decree(tmp_path)
    heads = [h for h in structure_of(data).headings if h.kind in (Kind.CHAPTER, Kind.SECTION, Kind.ARTICLE)]
    assert [h.label for h in heads] == ["Chương I", "Điều 1", "Điều 2", "Chương II", "Chương II, Mục 1", "Điều 3",
                                        "Điều 4", "Điều 5", "Chương II, Mục 2", "Điều 6", "Điều 7"]
    assert all(h.page >= 1 for h in heads)  # none from the contents page


def test_plan_style_draft(tmp_path: Path) -> None:
    draft, data = plan(tmp_path)
    s = structure_of(data)
    assert place_of(s, draft, "3. Phát triển hạ tầng số") == Place("Mục II.3", "Mục II", place_of(s, draft, "3. Phát").order)
    assert place_of(s, draft, "b) Bồi dưỡng công chức").label == "Mục II.1.2, điểm b"
    assert place_of(s, draft, "1.1. Tuyên truyền").article == "Mục II"
    last = [t for t in draft.typed if t.label == "Mục II.3"][-1]
    assert last.page > 0 and s.place_at(last.page, last.baseline - 6).label == "Mục II.3"
    score, wrong = accuracy(s, draft)
    assert score == 1.0, wrong


def test_outline_is_preferred_to_the_text(tmp_path: Path) -> None:
    draft, data = with_outline(tmp_path)
    s = structure_of(data)
    score, wrong = accuracy(s, draft)
    assert score == 1.0, wrong
    assert place_of(s, draft, "1. Tập thể").label == "Điều 5, khoản 1"  # from the bookmark
    assert place_of(s, draft, "2. Cá nhân").label == "Điều 5, khoản 2"
    assert any(h.from_outline and h.label == "Điều 5" for h in s.headings)
    # without the outline: the broken "Điều" / "4. …" is still read, the picture is not
    plain = structure_of(data, outline=False)
    assert place_of(plain, draft, "4. Trách nhiệm").label == "Điều 4"
    assert place_of(plain, draft, "2. Thường trực").label == "Điều 4, khoản 2"
    assert place_of(plain, draft, "2. Cá nhân").label == "Điều 4, khoản 2"


def test_outline_that_is_not_structure_is_ignored(tmp_path: Path) -> None:
    draft, data = decree(tmp_path)
    doc = pymupdf.open(stream=data)
    doc.set_toc([[1, "Trang bìa", 1], [1, "Phần nội dung", 2], [1, "Chữ ký", 3]])
    s = structure_of(doc.tobytes())
    doc.close()
    score, wrong = accuracy(s, draft)
    assert score == 1.0, wrong


def test_nfd_text_and_the_eth_look_alike(tmp_path: Path) -> None:
    draft, data = decree(tmp_path, nfd=True, eth=True)
    s = structure_of(data)
    assert place_of(s, draft, unicodedata.normalize("NFD", "b) Thu thập")).label == "Điều 5, khoản 2, điểm b"
    assert place_of(s, draft, unicodedata.normalize("NFD", "đ) Tên loại")).label == "Điều 4, khoản 2, điểm đ"
    score, wrong = accuracy(s, draft)
    assert score == 1.0, wrong


def test_without_a_contents_page_or_running_lines(tmp_path: Path) -> None:
    draft, data = decree(tmp_path, toc_page=False)
    score, wrong = accuracy(structure_of(data), draft)
    assert score == 1.0, wrong


def test_the_demo_plan(tmp_path: Path) -> None:
    """The demo's own plan (the project's typesetter: justified text, its outline and page footers)."""
    from paperless.demo.factory import write_plan

    path = write_plan(tmp_path / "plan.pdf")
    doc = PdfDocument(path.read_bytes())
    pages = [doc.words(i) for i in range(doc.page_count)]
    s = DraftStructure.from_words(pages, doc.outline())
    doc.close()
    lines = [(p, w) for p, words in enumerate(pages) for w in words]

    def at(first: str, second: str) -> Place:
        """At the last pair of words ``first second`` (the first may be the contents page's)."""
        for (p, w), (_q, v) in reversed(list(zip(lines, lines[1:], strict=False))):
            if clean_text(w.text) == first and clean_text(v.text) == second:
                return s.place_at(p, w.y0)
        raise AssertionError(first + " " + second)

    assert at("III.", "NHIỆM") == Place("Mục III", "Mục III", at("III.", "NHIỆM").order)
    assert at("3.", "Phát").label == "Mục III.3"
    assert at("2.", "Mục").label == "Mục II.2"
    assert at("IV.", "TỔ").label == "Mục IV"
    assert at("Phụ", "lục.") == Place("Phụ lục", "Phụ lục", at("Phụ", "lục.").order)
    assert at("III.", "NHIỆM").order[0] == 2
    assert [h.label for h in s.headings if h.kind is Kind.ROMAN] == ["Mục I", "Mục II", "Mục III", "Mục IV"]
    assert at("Lưu", "Văn").label == ""  # "Nơi nhận": the signature block is no part of the structure


def outline_truth(outline: list[OutlineEntry]) -> list[tuple[tuple[int, float], str]]:
    """The grouping key at each bookmark of a demo plan: "Mục III" / "Mục III.3" under Roman
    headings, "Chương II" / "Chương II, Mục 3" under chapters (the demo's typesetter writes the
    bookmarks from the same headings it prints)."""
    marks: list[tuple[tuple[int, float], str]] = []
    top = ""
    for e in outline:
        tok = token_of(clean_text(e.title))
        if tok is None or tok.kind is Kind.APPENDIX or e.y is None:
            continue
        if e.level == 1:
            top = f"Chương {tok.value}" if tok.kind is Kind.CHAPTER else f"Mục {tok.value}"
            marks.append(((e.page, e.y), top))
        else:
            marks.append(((e.page, e.y), f"{top}, Mục {tok.value}" if top.startswith("Chương") else f"{top}.{tok.value}"))
    return marks


@pytest.mark.parametrize("which", ["plan", "long plan"])
def test_demo_plans_from_their_text_agree_with_their_bookmarks(tmp_path: Path, which: str) -> None:
    """Found from the text alone (no outline), every line's place is the one the demo's own
    bookmarks give it: 137 lines of the plan, 5,299 lines (121 pages) of the long plan."""
    from paperless.demo.factory import write_long_plan, write_plan

    path = (write_plan if which == "plan" else write_long_plan)(tmp_path / "d.pdf")
    doc = PdfDocument(path.read_bytes())
    pages = [doc.words(i) for i in range(doc.page_count)]
    outline = doc.outline()
    doc.close()
    all_lines = lines_from_words(pages)
    s = DraftStructure.from_lines(all_lines)
    marks = outline_truth(outline)
    keys = [k for k, _ in marks]
    stop = next(((ln.page, ln.y - 20) for ln in all_lines if ln.text.startswith("Nơi nhận")), (10**6, 0.0))
    asked, wrong = 0, []
    for ln in sorted(all_lines, key=lambda ln: (ln.page, ln.y)):
        if (ln.page, ln.y) < (keys[0][0], keys[0][1] - 2) or (ln.page, ln.y) >= stop:
            continue  # before the first heading; the signature block and the appendix
        truth = marks[bisect_right(keys, (ln.page, ln.y + 3)) - 1][1]
        asked += 1
        place = s.place_at(ln.page, ln.y)
        if truth not in (place.label, place.article):  # "Mục III.3" is a label, "Chương II, Mục 3" a group
            wrong.append((ln.page, ln.text[:40], place.label, truth))
    assert asked > (100 if which == "plan" else 5000)
    assert wrong == []
    structural = [h for h in s.headings if h.kind in (Kind.CHAPTER, Kind.ROMAN, Kind.NUMBER)]
    assert len(structural) == len(marks)  # and nothing else taken for a heading


# --- plain data -------------------------------------------------------------------------------------


def lines(*texts: str, page_size: int = 40) -> list[Line]:
    return [Line(i // page_size, 50.0 + 15 * (i % page_size), t) for i, t in enumerate(texts)]


@pytest.mark.parametrize(("text", "kind", "value"), [
    ("Điều 5. Phạm vi", Kind.ARTICLE, "5"),
    ("Điều 5: Phạm vi", Kind.ARTICLE, "5"),
    ("ĐIỀU 12.", Kind.ARTICLE, "12"),
    ("Điều 5a. Bổ sung", Kind.ARTICLE, "5a"),
    ("Ðiều 5.", Kind.ARTICLE, "5"),
    ("Chương II", Kind.CHAPTER, "II"),
    ("CHƯƠNG IV. ĐIỀU KHOẢN THI HÀNH", Kind.CHAPTER, "IV"),
    ("Mục 1. SOẠN THẢO", Kind.SECTION, "1"),
    ("Phần thứ hai", Kind.PART, "thứ hai"),
    ("PHỤ LỤC II", Kind.APPENDIX, "II"),
    ("Phụ lục số 3", Kind.APPENDIX, "3"),
    ("Phụ lục. Danh mục", Kind.APPENDIX, ""),
    ("IX. KIẾN NGHỊ", Kind.ROMAN, "IX"),
    ("B. PHƯƠNG HƯỚNG", Kind.PART, "B"),
    ("II - NHIỆM VỤ", Kind.ROMAN, "II"),
    ("3. Phát triển", Kind.NUMBER, "3"),
    ("3) Phát triển", Kind.NUMBER, "3"),
    ("2.1. Hạ tầng", Kind.PATH, "2.1"),
    ("2.1.3 Mạng", Kind.PATH, "2.1.3"),
    ("đ) Tên loại", Kind.POINT, "đ"),
    ("b. Văn bản", Kind.POINT, "b"),
    ("1.Tiêu đề", Kind.NUMBER, "1"),
    ("Điều 1 Phạm vi", Kind.ARTICLE, "1"),
])
def test_tokens(text: str, kind: Kind, value: str) -> None:
    tok = token_of(clean_text(text))
    assert tok is not None and (tok.kind, tok.value) == (kind, value)


@pytest.mark.parametrize("text", [
    "Điều kiện kinh doanh", "Điều 5 của Luật này quy định", "Mục tiêu chung", "MỤC LỤC", "Chương trình hành động",
    "Phần lớn các cơ quan", "Phần mềm", "f) không phải điểm", "w) không phải", "1.500 tỷ đồng", "15.3.2024 họp",
    "“Điều 12. Thời hạn", "Mục lục", "Chương trình", "2025 là năm", "I am", "Vì vậy,", "Phụ lục kèm theo", "phụ lục 2 của", "a.m.",
])
def test_not_tokens(text: str) -> None:
    assert token_of(clean_text(text)) is None


def test_same_height_pieces_are_one_line() -> None:
    s = DraftStructure.from_lines([
        Line(0, 100.0, "Điều 5.", 72), Line(0, 100.6, "Phạm vi", 120), Line(0, 120, "1.", 80),
        Line(0, 120.4, "Khoản một.", 95), Line(0, 140, "2. Khoản hai.", 80),
    ])
    assert s.place_at(0, 121).label == "Điều 5, khoản 1"
    assert s.place_at(0, 141).label == "Điều 5, khoản 2"
    assert s.place_at(0, 100.3).order == (0, 0)


def test_a_heading_broken_after_its_keyword() -> None:
    heads = headings_of(lines("Chương", "II", "QUY ĐỊNH CỤ THỂ", "Điều", "5. Phạm vi", "1. Khoản một.", "Mục tiêu chung"))
    assert [(h.label, h.y) for h in heads] == [("Chương II", 50.0), ("Điều 5", 95.0), ("Điều 5, khoản 1", 125.0)]


def test_running_headers_are_not_structure() -> None:
    texts = []
    for page in range(5):
        texts += [f"I. BÁO CÁO SỐ {page + 1}", "Nội dung.", "Nội dung tiếp.", f"- {page + 1} -"]
    ls = lines(*texts, page_size=4)
    s = DraftStructure.from_lines(ls)
    assert [h.label for h in s.headings] == []
    assert s.place_at(3, 70).label == ""


def test_contents_without_leaders_is_dropped_when_headings_repeat() -> None:
    s = DraftStructure.from_lines(lines(
        "Điều 1. Phạm vi", "Điều 2. Đối tượng", "Điều 3. Hiệu lực",
        "NGHỊ ĐỊNH", "Điều 1. Phạm vi", "Nội dung.", "Điều 2. Đối tượng", "1. Khoản.", "Điều 3. Hiệu lực", "Nội dung.",
    ))
    assert [h.label for h in s.headings if h.kind is Kind.ARTICLE] == ["Điều 1", "Điều 2", "Điều 3"]
    assert s.place_at(0, 50).label == ""
    assert s.place_at(0, 50 + 15 * 7).label == "Điều 2, khoản 1"


def test_contents_with_page_numbers_but_no_title_or_leaders() -> None:
    s = DraftStructure.from_lines(lines(
        "Chương I. QUY ĐỊNH CHUNG 2", "Điều 1. Phạm vi 2", "Điều 2. Đối tượng 3", "Điều 3. Hiệu lực 4",
        "Chương I", "Điều 1. Phạm vi", "Nội dung.", "Điều 2. Đối tượng", "1. Khoản.",
    ))
    assert [h.label for h in s.headings] == ["Chương I", "Điều 1", "Điều 2", "Điều 2, khoản 1"]
    assert s.headings[0].y == 50 + 15 * 4


def test_a_numbered_list_inside_a_clause_stays_in_it() -> None:
    texts = ["Điều 4. Hồ sơ", "1. Hồ sơ gồm:", "2. Trình tự như sau:", "1) Tiếp nhận;", "2) Thẩm định;",
             "3) Trình ký;", "4) Phát hành.", "3. Thời hạn giải quyết.", "4. Lưu trữ."]
    s = DraftStructure.from_lines(lines(*texts))
    got = [s.place_at(0, 50 + 15 * i).label for i in range(len(texts))]
    assert got == ["Điều 4", "Điều 4, khoản 1", *["Điều 4, khoản 2"] * 5, "Điều 4, khoản 3", "Điều 4, khoản 4"]


def test_the_next_clause_after_a_list_written_otherwise() -> None:
    texts = ["Điều 3. Trách nhiệm", "1. Khoản một.", "2. Khoản hai gồm:", "a) điểm a:", "1) ý một;", "2) ý hai;",
             "3. Khoản ba.", "a) điểm a;", "1. ý một;", "2. ý hai;", "3. ý ba;", "4. Khoản bốn."]
    s = DraftStructure.from_lines(lines(*texts))
    got = [s.place_at(0, 50 + 15 * i).label for i in range(len(texts))]
    assert got == ["Điều 3", "Điều 3, khoản 1", "Điều 3, khoản 2", *["Điều 3, khoản 2, điểm a"] * 3, "Điều 3, khoản 3",
                   *["Điều 3, khoản 3, điểm a"] * 4, "Điều 3, khoản 4"]


def test_a_report_in_parts_restarts_its_sections() -> None:
    heads = headings_of(lines("A. KẾT QUẢ THỰC HIỆN NĂM 2025", "I. CÔNG TÁC CHÍNH TRỊ", "1. Kết quả", "II. TỒN TẠI",
                              "B. PHƯƠNG HƯỚNG NĂM 2026", "I. MỤC TIÊU", "1. Mục tiêu chung", "2. Chỉ tiêu",
                              "A. Lincoln nói", "C. KIẾN NGHỊ", "D. Mác"))
    assert [h.label for h in heads] == ["Phần A", "Phần A, Mục I", "Phần A, Mục I.1", "Phần A, Mục II", "Phần B",
                                        "Phần B, Mục I", "Phần B, Mục I.1", "Phần B, Mục I.2", "Phần C"]
    assert heads[-2].article == "Phần B, Mục I"


def test_headings_without_a_stop_and_party_style_points() -> None:
    """"Điều 1 Phạm vi" (no stop) as the next article only; "a." points and "1.Tiêu đề" as in
    Party guidance documents."""
    texts = ["Chương I NHỮNG QUY ĐỊNH CHUNG", "Điều 1 Phạm vi và đối tượng", "Quy định này hướng dẫn về thể thức;",
             "Điều 2 Thể thức văn bản", "1.Tiêu đề Đảng Cộng sản Việt Nam", "Tên cơ quan ban hành được ghi như sau:",
             "a. Văn bản của đại hội đảng các cấp;", "b. Văn bản của cấp ủy, theo quy định tại",
             "Điều 7 Quy định này.", "Điều 9 Nghị quyết số 12 đã nêu.", "2. Số và ký hiệu", "Điều 3 Kỹ thuật trình bày"]
    s = DraftStructure.from_lines(lines(*texts))
    got = [s.place_at(0, 50 + 15 * i).label for i in range(len(texts))]
    assert got == ["Chương I", "Điều 1", "Điều 1", "Điều 2", "Điều 2, khoản 1", "Điều 2, khoản 1", "Điều 2, khoản 1, điểm a",
                   *["Điều 2, khoản 1, điểm b"] * 3, "Điều 2, khoản 2", "Điều 3"]


def test_headings_ending_in_a_year_are_not_contents() -> None:
    s = DraftStructure.from_lines(lines(
        "I. KẾT QUẢ NĂM 2025", "Danh mục các dự án:", "1. Dự án một.", "II. PHƯƠNG HƯỚNG NĂM 2026",
        "III. GIẢI PHÁP ĐẾN NĂM 2030", "1. Giải pháp.", "IV. KIẾN NGHỊ 2030",
    ))
    assert [h.label for h in s.headings] == ["Mục I", "Mục I.1", "Mục II", "Mục III", "Mục III.1", "Mục IV"]


def test_a_reference_wrapped_to_the_line_start_is_text() -> None:
    s = DraftStructure.from_lines(lines(
        "Điều 4. Trách nhiệm", "1. Thực hiện theo quy định tại", "Điều 9.", "2. Báo cáo định kỳ.",
        "Điều 5. Hiệu lực", "Nghị định có hiệu lực từ ngày ký.",
    ))
    assert s.place_at(0, 50 + 15 * 2).label == "Điều 4, khoản 1"
    assert s.place_at(0, 50 + 15 * 3).label == "Điều 4, khoản 2"
    assert s.place_at(0, 50 + 15 * 5).label == "Điều 5"


def test_outline_without_y_is_placed_at_its_heading() -> None:
    ls = lines("Căn cứ Luật.", "Điều 1. Phạm vi", "Nội dung.", "Điều 2. Đối tượng", "1. Khoản một.", page_size=3)
    s = DraftStructure.from_lines(ls, [(1, "Điều 1. Phạm vi", 0, None), (1, "Điều 2. Đối tượng", 1, None)])
    assert [(h.label, h.page, h.y, h.from_outline) for h in s.headings if h.kind is Kind.ARTICLE] == [
        ("Điều 1", 0, 65.0, True), ("Điều 2", 1, 50.0, True)]
    assert s.place_at(0, 50).label == ""
    assert s.place_at(1, 66).label == "Điều 2, khoản 1"


def test_headings_of_and_appendix() -> None:
    heads = headings_of(lines("Điều 1. Ban hành", "Ban hành kèm theo Quy chế.", "PHỤ LỤC I", "I. DANH MỤC",
                              "1. Mục một", "a) Điểm a"))
    assert [h.label for h in heads] == ["Điều 1", "Phụ lục I", "Phụ lục I, Mục I", "Phụ lục I, Mục I.1",
                                        "Phụ lục I, Mục I.1, điểm a"]
    assert heads[-1].article == "Phụ lục I, Mục I"


def test_empty_and_odd_input() -> None:
    empty = DraftStructure.from_lines([])
    assert empty.place_at(0, 10) == Place("", "", (0, 0))
    s = DraftStructure.from_lines(lines("Điều 1. A", "1. B"), outline=[(1, "Điều 1", 99, None), (1, "x", -1, None)])
    assert s.place_at(-3, float("nan")).label == ""
    assert s.place_at(7, float("inf")).label == "Điều 1, khoản 1"
    assert s.place_at(0, float("-inf")).order == (0, 0)


# --- property: never raises, document order is monotone -------------------------------------------

PIECES = ["Điều 3.", "Điều 4. Tên", "Chương II", "Mục 1", "I. MỤC", "II. NHIỆM VỤ", "1. Khoản", "2. Khoản", "3)",
          "1.1. Tiểu mục", "1.2", "a) điểm", "b) điểm", "đ) điểm", "Nơi nhận:", "MỤC LỤC", "PHỤ LỤC", "Nội dung,",
          "văn bản.", "“Điều 9.", "Trang 2", "- 3 -", "Điều 5 ........ 7", "", "   ", "Ðiều 2.", "Phần thứ nhất"]

line_st = st.builds(
    Line,
    page=st.integers(0, 4),
    y=st.floats(0, 842, allow_nan=False),
    text=st.one_of(st.sampled_from(PIECES), st.text(max_size=12)),
    x=st.floats(0, 595, allow_nan=False),
)
outline_st = st.lists(st.tuples(st.integers(1, 3), st.sampled_from(PIECES), st.integers(-1, 6),
                                st.one_of(st.none(), st.floats(allow_nan=True))), max_size=5)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(line_st, max_size=60), outline_st, st.lists(st.tuples(st.integers(-1, 6), st.floats(-50, 900)), max_size=30))
def test_place_at_never_raises_and_order_is_monotone(ls: list[Line], outline: list[tuple[int, str, int, float | None]],
                                                      points: list[tuple[int, float]]) -> None:
    s = DraftStructure.from_lines(ls, outline)
    points = sorted(points)
    places = [s.place_at(p, y) for p, y in points]
    assert [pl.order for pl in places] == sorted(pl.order for pl in places)
    for pl in places:
        assert isinstance(pl.label, str) and isinstance(pl.article, str)
        assert pl.article == "" or pl.label.startswith(pl.article)


# --- a draft typeset by LibreOffice: its automatic numbering, bookmarks, header and footer ----------

FODT_HEAD = """<?xml version="1.0" encoding="UTF-8"?>
<office:document xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"
 xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0"
 xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"
 xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0"
 xmlns:svg="urn:oasis:names:tc:opendocument:xmlns:svg-compatible:1.0"
 office:version="1.2" office:mimetype="application/vnd.oasis.opendocument.text">
<office:font-face-decls><style:font-face style:name="Liberation Serif" svg:font-family="'Liberation Serif'"/></office:font-face-decls>
<office:styles>
 <style:default-style style:family="paragraph"><style:text-properties style:font-name="Liberation Serif" fo:font-size="13pt"/></style:default-style>
 <style:style style:name="Body" style:family="paragraph"><style:paragraph-properties fo:text-align="justify" fo:text-indent="1cm" fo:margin-bottom="0.15cm"/></style:style>
 <style:style style:name="Head" style:family="paragraph"><style:paragraph-properties fo:text-indent="1cm" fo:margin-top="0.2cm" fo:margin-bottom="0.15cm" fo:keep-with-next="always"/><style:text-properties fo:font-weight="bold"/></style:style>
 <style:style style:name="Center" style:family="paragraph"><style:paragraph-properties fo:text-align="center" fo:margin-bottom="0.15cm" fo:keep-with-next="always"/><style:text-properties fo:font-weight="bold"/></style:style>
 <style:style style:name="CenterBreak" style:family="paragraph" style:parent-style-name="Center"><style:paragraph-properties fo:break-before="page"/></style:style>
 <style:style style:name="Toc" style:family="paragraph"><style:paragraph-properties><style:tab-stops><style:tab-stop style:position="16cm" style:type="right" style:leader-style="dotted" style:leader-text="."/></style:tab-stops></style:paragraph-properties></style:style>
 <text:list-style style:name="LDraft">
  <text:list-level-style-number text:level="1" style:num-format="1" style:num-suffix="."><style:list-level-properties text:list-level-position-and-space-mode="label-alignment"><style:list-level-label-alignment text:label-followed-by="space" fo:text-indent="1cm" fo:margin-left="0cm"/></style:list-level-properties></text:list-level-style-number>
  <text:list-level-style-number text:level="2" style:num-format="a" style:num-suffix=")"><style:list-level-properties text:list-level-position-and-space-mode="label-alignment"><style:list-level-label-alignment text:label-followed-by="space" fo:text-indent="1cm" fo:margin-left="0cm"/></style:list-level-properties></text:list-level-style-number>
  <text:list-level-style-number text:level="3" style:num-format="1" style:num-suffix=")"><style:list-level-properties text:list-level-position-and-space-mode="label-alignment"><style:list-level-label-alignment text:label-followed-by="space" fo:text-indent="1.5cm" fo:margin-left="0cm"/></style:list-level-properties></text:list-level-style-number>
 </text:list-style>
</office:styles>
<office:automatic-styles>
 <style:page-layout style:name="pm1"><style:page-layout-properties fo:page-width="21cm" fo:page-height="29.7cm" fo:margin-top="1.5cm" fo:margin-bottom="1.5cm" fo:margin-left="3cm" fo:margin-right="2cm"/></style:page-layout>
</office:automatic-styles>
<office:master-styles><style:master-page style:name="Standard" style:page-layout-name="pm1">
 <style:header><text:p>Dự thảo lần 2 (ngày 05/11/2025) — Quy chế làm việc</text:p></style:header>
 <style:footer><text:p>Trang <text:page-number text:select-page="current"/></text:p></style:footer>
</style:master-page></office:master-styles>
<office:body><office:text>
"""

SENTENCES = [
    "bảo đảm sự lãnh đạo tập trung, thống nhất của Ban Thường vụ Tỉnh ủy đối với các cơ quan, đơn vị",
    "thực hiện nghiêm nguyên tắc tập trung dân chủ, tập thể lãnh đạo, cá nhân phụ trách",
    "phát huy vai trò, trách nhiệm của người đứng đầu trong tổ chức thực hiện nhiệm vụ được giao",
    "công khai, minh bạch trong xây dựng, ban hành và kiểm tra việc thực hiện các văn bản của cấp ủy",
    "phối hợp chặt chẽ với các cơ quan tham mưu, giúp việc và chính quyền các cấp",
]


@dataclass
class Odt:
    """The paragraphs of a draft for LibreOffice and the place of each (by its opening words)."""

    xml: list[str] = field(default_factory=list)
    truth: list[tuple[str, str]] = field(default_factory=list)  # (opening text, label)
    count: int = 0

    def text(self, words: int) -> str:
        self.count += 1
        s = SENTENCES[self.count % len(SENTENCES)]
        body = ", ".join(SENTENCES[(self.count + k) % len(SENTENCES)] for k in range(words))
        return f"Nội dung {self.count} về việc {s}; {body}."

    def p(self, style: str, text: str, label: str, *, opening: str | None = None) -> None:
        self.xml.append(f'<text:p text:style-name="{style}">{escape(text)}</text:p>')
        self.truth.append((opening if opening is not None else text, label))

    def h(self, text: str, level: int, label: str) -> None:
        self.xml.append(f'<text:h text:style-name="Head" text:outline-level="{level}">{escape(text)}</text:h>')
        self.truth.append((text, label))

    def items(self, article: str, clauses: list[list[list[int]] | int], start_words: int = 1) -> None:
        """Numbered clauses (automatic "1."), each an int (its words) or a list of points, each a
        list of the sizes of a list inside it (automatic "1)")."""
        out = ['<text:list text:style-name="LDraft">']
        for c, clause in enumerate(clauses, 1):
            label = f"{article}, khoản {c}"
            text = self.text(clause if isinstance(clause, int) else start_words)
            out.append(f'<text:list-item><text:p text:style-name="Body">{escape(text)}</text:p>')
            self.truth.append((text, label))
            if isinstance(clause, list):
                out.append("<text:list>")
                for k, inner in enumerate(clause):
                    point = f"{label}, điểm {'abcde'[k]}"
                    text = self.text(1)
                    out.append(f'<text:list-item><text:p text:style-name="Body">{escape(text)}</text:p>')
                    self.truth.append((text, point))
                    if inner:
                        out.append("<text:list>")
                        for _ in inner:
                            text = self.text(0)
                            out.append(f'<text:list-item><text:p text:style-name="Body">{escape(text)}</text:p></text:list-item>')
                            self.truth.append((text, point))
                        out.append("</text:list>")
                    out.append("</text:list-item>")
                out.append("</text:list>")
            out.append("</text:list-item>")
        out.append("</text:list>")
        self.xml.append("".join(out))

    def save(self, path: Path) -> Path:
        path.write_text(FODT_HEAD + "\n".join(self.xml) + "</office:text></office:body></office:document>", "utf-8")
        return path


def escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\t", "<text:tab/>")


def libreoffice_draft(tmp: Path) -> tuple[Odt, bytes]:
    d = Odt()
    d.p("Center", "MỤC LỤC", "")
    for entry, page in [("Chương I. QUY ĐỊNH CHUNG", 2), ("Điều 1. Phạm vi điều chỉnh", 2), ("Điều 2. Đối tượng áp dụng", 2),
                        ("Chương II. TRÁCH NHIỆM", 3), ("Điều 3. Trách nhiệm của tập thể", 3),
                        ("Điều 4. Trách nhiệm của cá nhân", 4), ("Điều 5. Chế độ làm việc", 5), ("Điều 6. Hiệu lực", 6)]:
        d.p("Toc", f"{entry}\t{page}", "")
    d.p("CenterBreak", "QUY CHẾ LÀM VIỆC CỦA BAN THƯỜNG VỤ TỈNH ỦY", "")
    d.p("Body", "Căn cứ Điều lệ Đảng; căn cứ Quy chế làm việc của Ban Chấp hành Đảng bộ tỉnh nhiệm kỳ 2025 - 2030;", "")
    d.h("Chương I", 1, "Chương I")
    d.p("Center", "QUY ĐỊNH CHUNG", "Chương I")
    d.h("Điều 1. Phạm vi điều chỉnh", 2, "Điều 1")
    body = d.text(4)
    d.p("Body", body, "Điều 1")
    d.h("Điều 2. Đối tượng áp dụng", 2, "Điều 2")
    d.items("Điều 2", [3, [[], [], [], [], []], 2])
    d.h("Chương II", 1, "Chương II")
    d.p("Center", "TRÁCH NHIỆM", "Chương II")
    d.h("Điều 3. Trách nhiệm của tập thể", 2, "Điều 3")
    d.items("Điều 3", [2, [[1, 1, 1], [], [1, 1]], 12, 2])
    d.h("Điều 4. Trách nhiệm của cá nhân", 2, "Điều 4")
    text = d.text(2)
    d.p("Body", text, "Điều 4")
    for c in (1, 2, 3):  # clauses numbered by hand
        text = d.text(6 if c == 2 else 2)
        d.p("Body", f"{c}. {text}", f"Điều 4, khoản {c}", opening=f"{c}. {text}")
    d.h("Điều 5. Chế độ làm việc", 2, "Điều 5")
    d.items("Điều 5", [[[], [2], []], 20])
    d.h("Điều 6. Hiệu lực", 2, "Điều 6")
    d.p("Body", d.text(1), "Điều 6")
    d.p("Head", "Nơi nhận:", "")
    d.p("Body", "- Ban Thường vụ Tỉnh ủy, các đồng chí Tỉnh ủy viên;", "")
    source = d.save(tmp / "quyche.fodt")
    from paperless.core.bundle.convert import convert_to_pdf

    return d, convert_to_pdf(source, tmp).read_bytes()


def line_truths(d: Odt, all_lines: list[Line]) -> list[tuple[Line, str]]:
    """Each extracted line with the place of the paragraph it belongs to: paragraphs are found
    in order by their opening (an automatic "1." / "a)" / "1)" may come before it; a contents
    line's tab becomes a dot leader)."""
    def squeeze(text: str) -> str:
        return clean_text(text.replace("\t", " ")).replace(" ", "")

    body = [ln for ln in sorted(all_lines, key=lambda ln: (ln.page, ln.y))
            if not ln.text.startswith(("Dự thảo lần 2", "Trang "))]
    out: list[tuple[Line, str]] = []
    k = -1
    for ln in body:
        text = squeeze(ln.text)
        while k + 1 < len(d.truth):
            opening = squeeze(d.truth[k + 1][0]).rstrip("0123456789")[:24]
            if text.startswith(opening) or (text[2:].startswith(opening) and text[1] in ".)"):
                k += 1
                continue
            break
        assert k >= 0, ln.text
        out.append((ln, d.truth[k][1]))
    assert k == len(d.truth) - 1, d.truth[k + 1:]
    return out


def test_a_draft_typeset_by_libreoffice(tmp_path: Path) -> None:
    """LibreOffice's automatic numbering ("1.", "a)", "1)" in a point), headings as bookmarks, a
    contents page whose dot leaders are drawn (not text), a running header and page footer,
    justified paragraphs broken over pages."""
    require_tool("soffice")  # fails, naming the package, when LibreOffice is missing (never skips)
    d, data = libreoffice_draft(tmp_path)
    doc = PdfDocument(data)
    pages = [doc.words(i) for i in range(doc.page_count)]
    outline = doc.outline()
    doc.close()
    assert doc.page_count >= 4 and len(outline) >= 8
    all_lines = lines_from_words(pages)
    truths = line_truths(d, all_lines)
    assert len(truths) > 150
    for use_outline in (True, False):
        s = DraftStructure.from_lines(all_lines, outline if use_outline else ())
        wrong = [(ln.page, ln.text[:50], s.place_at(ln.page, ln.y).label, truth)
                 for ln, truth in truths if s.place_at(ln.page, ln.y).label != truth]
        assert wrong == [], (use_outline, len(truths))
