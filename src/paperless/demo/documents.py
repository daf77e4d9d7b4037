"""Write the demo session's PDFs (fictional content, real Vietnamese official style).

``write_demo_documents(out_dir)`` produces six files, all A4 with the bundled Noto Sans
fonts embedded and subset:

1. ``agenda.pdf`` — the session agenda (Chương trình hội nghị), 1-2 pages;
2. ``baocao_quy4.pdf`` — the quarterly report with two tables, 5-8 pages;
3. ``kehoach_cds.pdf`` — the draft digital-transformation plan: contents page with links,
   outline, many occurrences of "chuyển đổi số";
4. ``quyhoach_dai.pdf`` — the provincial plan, 100+ pages with an outline per chapter;
5. ``congvan_scan.pdf`` — a scanned-looking letter: page images only, no text layer;
6. ``nhansu_mat.pdf`` — the confidential ("MẬT") personnel item.

Each text document shows "Mã tài liệu: <code>" and the caller's ``marker`` once on page 1;
every file also carries the marker in its metadata keywords (plain bytes on disk when
the marker is ASCII).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path

from paperless.demo import text_personnel, text_plan, text_report
from paperless.demo.layout import Builder
from paperless.demo.long_doc import write_long_plan
from paperless.demo.official import (
    CONTENTS_LINE,
    H,
    contents,
    doc_code,
    party_header,
    render,
    signature,
    title,
)
from paperless.demo.scan import write_scanned_letter
from paperless.demo.session_data import DEMO_SESSION, PARTY_COMMITTEE

DEFAULT_MARKER = "PAPERLESS-DEMO-MARKER"
ISSUER = ("TỈNH ỦY VÂN SƠN",)
DOCUMENT_TITLES = {
    "agenda.pdf": "Chương trình hội nghị",
    "baocao_quy4.pdf": "Báo cáo số 245-BC/TU kết quả công tác quý IV năm 2024",
    "kehoach_cds.pdf": "Dự thảo Kế hoạch chuyển đổi số trong các cơ quan Đảng",
    "quyhoach_dai.pdf": "Dự thảo Quy hoạch tỉnh (báo cáo tổng hợp)",
    "congvan_scan.pdf": "Công văn số 56/UBND-VX của Ủy ban nhân dân tỉnh",
    "nhansu_mat.pdf": "Đề án số 37-ĐA/BTCTU về nhân sự",
}
DOCUMENT_NOTES = {
    "kehoach_cds.pdf": "Dự thảo",
    "quyhoach_dai.pdf": "Dự thảo",
    "congvan_scan.pdf": "Bản quét",
    "nhansu_mat.pdf": "Mật",
}
DOC_CODES = {
    "agenda": "BTV12-01-CTR",
    "report": "BTV12-02-BC",
    "plan": "BTV12-03-KH",
    "long": "BTV12-04-QH",
    "scan": "BTV12-05-CV",
    "personnel": "BTV12-06-DA",
}


@dataclass(frozen=True)
class DemoDocuments:
    agenda: Path
    report: Path
    plan: Path
    long_plan: Path
    scanned_letter: Path
    personnel: Path

    def all(self) -> tuple[Path, ...]:
        return (
            self.agenda,
            self.report,
            self.plan,
            self.long_plan,
            self.scanned_letter,
            self.personnel,
        )


def _meta(title_: str, code: str, marker: str) -> dict[str, str]:
    return {
        "title": title_,
        "author": PARTY_COMMITTEE,
        "subject": f"Mã tài liệu: {code}",
        "keywords": marker,
    }


def write_agenda(path: Path, marker: str = DEFAULT_MARKER) -> Path:
    s = DEMO_SESSION
    b = Builder()
    b.new_page()
    party_header(b, issuer=ISSUER, number="Số 118-CTr/TU", when=date(2025, 1, 13))
    title(b, "CHƯƠNG TRÌNH", ["Hội nghị Ban Thường vụ Tỉnh ủy (phiên thứ 12)"])
    facts = [
        ("Thời gian: ", "01 buổi, bắt đầu từ 08 giờ 00, thứ Năm, ngày 16/01/2025."),
        ("Địa điểm: ", s.location + "."),
        ("Chủ trì: ", "Đồng chí Nguyễn Văn An, Bí thư Tỉnh ủy."),
        (
            "Thành phần: ",
            "Các đồng chí Ủy viên Ban Thường vụ Tỉnh ủy. Mời dự: đồng chí "
            "Chủ nhiệm Ủy ban Kiểm tra Tỉnh ủy, Trưởng các ban xây dựng Đảng Tỉnh ủy, Chánh Văn "
            "phòng Tỉnh ủy; lãnh đạo các cơ quan có nội dung trình hội nghị.",
        ),
    ]
    for label, text in facts:
        b.paragraph([(label, "B"), (text, "R")], after=3)
    b.heading("NỘI DUNG", align="center", indent=0, before=6)
    rows: list[tuple[str, ...]] = [("TT", "Thời gian", "Nội dung", "Trình bày")]
    for item in s.items:
        start = item.start.strftime("%Hh%M") if item.start else ""
        rows.append((str(item.number), start, item.title, "Đồng chí " + item.presenter))
    b.table(rows, (6, 13, 46, 35), aligns=("center", "center", "left", "left"), size=11)
    b.heading("TÀI LIỆU HỘI NGHỊ", align="center", indent=0, before=4)
    docs: list[tuple[str, ...]] = [("Mục", "Tài liệu", "Tệp", "Ghi chú")]
    for item in s.items:
        for name in item.documents:
            docs.append(
                (str(item.number), DOCUMENT_TITLES[name], name, DOCUMENT_NOTES.get(name, ""))
            )
    b.table(docs, (8, 52, 22, 18), aligns=("center", "left", "left", "center"), size=10.5)
    note = (
        "Tài liệu được gửi qua hệ thống họp không giấy Paperless, đã ký số và mã hóa; đề nghị "
        "các đồng chí nghiên cứu trước khi dự họp. Tài liệu mục 6 là tài liệu mật, chỉ gửi "
        f"đồng chí Bí thư Tỉnh ủy, thu hồi sau hội nghị. Giúp việc hội nghị: {s.clerk}."
    )
    b.paragraph([("Ghi chú: ", "BI"), (note, "I")], size=11)
    signature(
        b,
        lines=("T/L BAN THƯỜNG VỤ", "PHÓ CHÁNH VĂN PHÒNG"),
        name="Phạm Thu Hà",
        recipients=(
            "- Các đồng chí Ủy viên BTV Tỉnh ủy,",
            "- Các đồng chí được mời dự,",
            "- Lưu Văn phòng Tỉnh ủy.",
        ),
    )
    doc_code(b, DOC_CODES["agenda"], marker)
    b.save(
        path,
        metadata=_meta(
            "Chương trình Hội nghị Ban Thường vụ Tỉnh ủy (phiên thứ 12)",
            DOC_CODES["agenda"],
            marker,
        ),
    )
    return path


def write_report(path: Path, marker: str = DEFAULT_MARKER) -> Path:
    b = Builder()
    b.new_page()
    party_header(b, issuer=ISSUER, number="Số 245-BC/TU", when=date(2025, 1, 10))
    title(
        b,
        "BÁO CÁO",
        ["kết quả công tác quý IV năm 2024,", "phương hướng, nhiệm vụ trọng tâm quý I năm 2025"],
    )
    render(b, text_report.BLOCKS, outline=True)
    signature(
        b,
        lines=("T/M BAN THƯỜNG VỤ", "PHÓ BÍ THƯ THƯỜNG TRỰC"),
        name="Trần Thị Bình",
        recipients=text_report.RECIPIENTS,
    )
    doc_code(b, DOC_CODES["report"], marker)
    b.save(
        path,
        metadata=_meta("Báo cáo kết quả công tác quý IV năm 2024", DOC_CODES["report"], marker),
    )
    return path


def write_plan(path: Path, marker: str = DEFAULT_MARKER, *, revision: int = 1) -> Path:
    """The draft plan; ``revision=2`` is the office's revised draft (see text_plan.revised_sections)."""
    sections = text_plan.SECTIONS if revision == 1 else text_plan.revised_sections()
    intro = text_plan.INTRO if revision == 1 else text_plan.REVISION_NOTE + text_plan.INTRO
    b = Builder()
    b.new_page()
    party_header(
        b,
        issuer=ISSUER,
        number="Số\u00a0\u00a0\u00a0\u00a0\u00a0\u00a0\u00a0-KH/TU",
        when=date(2025, 1, 8),
        draft=True,
    )
    title(
        b,
        "KẾ HOẠCH",
        ["thực hiện chuyển đổi số trong các cơ quan Đảng", "tỉnh Vân Sơn giai đoạn 2025–2030"],
    )
    b.paragraph(intro)
    b.heading("MỤC LỤC", align="center", indent=0, before=4)
    entries = [
        (blk.text, blk.level)
        for sec in sections
        for blk in sec
        if isinstance(blk, H) and blk.level <= 2
    ]
    entries.append((text_plan.TASKS.caption, 1))
    toc_top = b.y
    b.y += CONTENTS_LINE * len(entries)
    b.new_page()
    where: dict[str, tuple[int, float]] = {}
    for section in sections:
        where.update(render(b, section, outline=True))
    signature(
        b,
        lines=("T/M BAN THƯỜNG VỤ", "BÍ THƯ"),
        name=None,
        note="(Dự thảo, chưa ký)",
        recipients=text_plan.RECIPIENTS,
    )
    b.new_page()
    where[text_plan.TASKS.caption] = (b.page, b.y)
    b.toc.append((1, "Phụ lục", b.page, b.y - 4))
    render(b, (text_plan.TASKS,))
    contents(b, entries, where, toc_top)
    doc_code(b, DOC_CODES["plan"], marker)
    b.save(
        path,
        metadata=_meta(
            "Dự thảo Kế hoạch chuyển đổi số trong các cơ quan Đảng", DOC_CODES["plan"], marker
        ),
    )
    return path


def write_personnel(path: Path, marker: str = DEFAULT_MARKER) -> Path:
    b = Builder()
    b.new_page()
    party_header(
        b,
        issuer=("TỈNH ỦY VÂN SƠN", "BAN TỔ CHỨC"),
        number="Số 37-ĐA/BTCTU",
        when=date(2025, 1, 14),
        confidential=True,
    )
    title(
        b,
        "ĐỀ ÁN",
        ["nhân sự giới thiệu bầu bổ sung Phó Chủ tịch", "Ủy ban nhân dân tỉnh nhiệm kỳ 2021–2026"],
    )
    b.paragraph(
        "(Tài liệu dành riêng cho đồng chí Nguyễn Văn An — Bí thư Tỉnh ủy; thu hồi sau hội nghị)",
        face="I",
        size=11,
        align="center",
        indent=0,
        after=8,
    )
    render(b, text_personnel.BLOCKS)
    signature(
        b,
        lines=("K/T TRƯỞNG BAN", "PHÓ TRƯỞNG BAN"),
        name="Đinh Quang Huy",
        recipients=text_personnel.RECIPIENTS,
    )
    doc_code(b, DOC_CODES["personnel"], marker)
    b.save(path, metadata=_meta("Đề án nhân sự (MẬT)", DOC_CODES["personnel"], marker))
    return path


def write_demo_documents(out_dir: Path, *, marker: str = DEFAULT_MARKER) -> DemoDocuments:
    """Write the six demo PDFs into ``out_dir`` (created if missing) and return their paths."""
    out_dir.mkdir(parents=True, exist_ok=True)
    return DemoDocuments(
        agenda=write_agenda(out_dir / "agenda.pdf", marker),
        report=write_report(out_dir / "baocao_quy4.pdf", marker),
        plan=write_plan(out_dir / "kehoach_cds.pdf", marker),
        long_plan=write_long_plan(
            out_dir / "quyhoach_dai.pdf", code=DOC_CODES["long"], marker=marker
        ),
        scanned_letter=write_scanned_letter(
            out_dir / "congvan_scan.pdf", code=DOC_CODES["scan"], marker=marker
        ),
        personnel=write_personnel(out_dir / "nhansu_mat.pdf", marker),
    )
