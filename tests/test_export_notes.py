""""Export my notes": the Markdown and PDF summaries, in agenda order; the PDF read back with
poppler's pdftotext and pdffonts (not MuPDF)."""

from __future__ import annotations

import re
import subprocess
import unicodedata
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest
from system_tools import require_tool

from paperless.core.bundle.manifest import Agenda, AgendaDocument, AgendaItem, AgendaMember
from paperless.core.export import NotesSummaryInput, export_notes_markdown, export_notes_pdf
from paperless.core.notes import Annotation, AnnotationKind, Bookmark, ItemNote

ICT = timezone(timedelta(hours=7))
T0 = "000001764900000000-00000-0123456789abcdef"
T1 = "000001764900000001-00000-0123456789abcdef"
REPORT, PLAN, SECRET = "1" * 64, "2" * 64, "3" * 64
QUOTE = "tăng trưởng kinh tế (GRDP) ước đạt 8,52%, vượt kế hoạch đề ra"
PLAN_QUOTE = "chuyển đổi số là nhiệm vụ trọng tâm, xuyên suốt"
ITEM_NOTE = "Chuẩn bị ý kiến về vốn đầu tư công:\n  - giải ngân chậm ở 3 huyện\n  - đề nghị Sở Tài chính giải trình"


def agenda() -> Agenda:
    def doc(sha: str, title: str, pages: int) -> AgendaDocument:
        return AgendaDocument(f"documents/{sha[:4]}.age", title, f"{sha[:4]}.pdf", pages, 1000, sha, None)

    return Agenda(
        session_id="phien-12", version=1, title="Hội nghị Ban Thường vụ Tỉnh ủy tháng 12",
        starts_at=datetime(2025, 12, 5, 8, 0, tzinfo=ICT), location="Phòng họp số 1, Tỉnh ủy Vân Sơn",
        expires_at=None, members=(AgendaMember("Nguyễn Văn An", "age1an"), AgendaMember("Trần Thị Bình", "age1binh")),
        watermark=True, allow_copy=False, allow_print=False,
        items=(
            AgendaItem(1, "Khai mạc hội nghị", "Đồng chí Bí thư", None, ()),
            AgendaItem(2, "Báo cáo tình hình kinh tế - xã hội quý IV", "Sở Kế hoạch và Đầu tư", None,
                       (doc(REPORT, "Báo cáo quý IV năm 2024", 8),)),
            AgendaItem(3, "Dự thảo Kế hoạch chuyển đổi số", "", None, (doc(PLAN, "Kế hoạch chuyển đổi số", 12),)),
            AgendaItem(4, "Công tác cán bộ", "Ban Tổ chức", ("Trần Thị Bình",), (doc(SECRET, "Nhân sự (MẬT)", 2),)),
        ),
    )


def ann(uuid: str, doc: str, page: int, kind: AnnotationKind, payload: dict[str, object], *, deleted: bool = False,
        rects: list[list[float]] | None = None) -> Annotation:
    if rects is not None:
        payload = {**payload, "anchor": {"v": 1, "doc_hash": doc, "page": page, "rects": rects}}
    return Annotation(uuid, "me", "phien-12", doc, page, kind, "#ffd400", payload, T0, T1, deleted)


ANNOTATIONS = [  # deliberately not in agenda order
    ann("p1", PLAN, 4, AnnotationKind.UNDERLINE, {"quote": PLAN_QUOTE}, rects=[[4, 70, 300, 500, 312]]),
    ann("r3", REPORT, 6, AnnotationKind.NOTE, {"point": [50, 80], "text": "Hỏi lại số liệu thu ngân sách"}),
    ann("r1", REPORT, 2, AnnotationKind.HIGHLIGHT, {"quote": QUOTE, "comment": "Số liệu này khớp với Cục Thống kê?"},
        rects=[[2, 70, 400, 520, 412], [2, 70, 414, 300, 426]]),
    ann("r2", REPORT, 2, AnnotationKind.STRIKEOUT, {"quote": "dự kiến"}, rects=[[2, 70, 100, 120, 112]]),
    ann("r4", REPORT, 5, AnnotationKind.HIGHLIGHT, {"quote": "qua hai trang"},
        rects=[[5, 70, 790, 300, 802], [6, 70, 60, 200, 72]]),
    ann("r5", REPORT, 7, AnnotationKind.INK, {"strokes": [[[1, 2], [3, 4]]], "width": 2}),
    ann("p2", PLAN, 0, AnnotationKind.TEXTBOX, {"rect": [10, 10, 200, 40], "text": "Bổ sung chỉ tiêu", "font_size": 11}),
    ann("gone", REPORT, 1, AnnotationKind.HIGHLIGHT, {"quote": "đoạn đã xoá"}, deleted=True,
        rects=[[1, 70, 100, 300, 112]]),
    ann("old", "9" * 64, 3, AnnotationKind.HIGHLIGHT, {"quote": "bản cũ của tài liệu"}, rects=[[3, 1, 1, 50, 10]]),
]
NOTES = [
    ItemNote("n2", "me", "phien-12", 1, ITEM_NOTE, T0, T1, False),
    ItemNote("n3", "me", "phien-12", 2, "ghi chú đã xoá", T0, T1, True),
    ItemNote("n9", "me", "phien-12", 9, "Mục đã bị rút khỏi chương trình", T0, T1, False),
]
BOOKMARKS = [
    Bookmark("b1", "me", "phien-12", PLAN, 10, "Phụ lục: lộ trình 2025–2030", T0, T1, False),
    Bookmark("b2", "me", "phien-12", REPORT, 0, "Trang bìa", T0, T1, True),
]


def summary() -> NotesSummaryInput:
    return NotesSummaryInput.from_agenda(agenda(), member="Nguyễn Văn An")


def positions(text: str, *parts: str) -> list[int]:
    found = [text.find(p) for p in parts]
    assert -1 not in found, [p for p, i in zip(parts, found, strict=True) if i < 0]
    return found


def test_from_agenda_keeps_order_and_hides_restricted_documents() -> None:
    s = summary()
    assert [(i.index, i.number, i.title) for i in s.items][:2] == [(0, 1, "Khai mạc hội nghị"),
                                                                   (1, 2, "Báo cáo tình hình kinh tế - xã hội quý IV")]
    assert s.items[1].documents[0].doc_hash == REPORT and s.items[1].documents[0].page_count == 8
    assert s.items[3].documents == ()  # item 4 is restricted to another member
    assert s.place == "Phòng họp số 1, Tỉnh ủy Vân Sơn" and s.member == "Nguyễn Văn An"


def test_markdown_in_agenda_order_with_pages_and_quotes() -> None:
    md = export_notes_markdown(summary(), ANNOTATIONS, NOTES, BOOKMARKS)
    assert md.startswith("# Ghi chú của tôi — Hội nghị Ban Thường vụ Tỉnh ủy tháng 12\n")
    assert "- **Thời gian:** 05/12/2025 08:00" in md and "- **Địa điểm:** Phòng họp số 1, Tỉnh ủy Vân Sơn" in md
    order = positions(md, "## 1. Khai mạc hội nghị", "## 2. Báo cáo tình hình", "*Người trình bày: Sở Kế hoạch và Đầu tư*",
                       "**Ghi chú riêng**", "giải ngân chậm ở 3 huyện", "### Báo cáo quý IV năm 2024 (8 trang)",
                       "- **Gạch ngang** · Trang 3", "- **Tô sáng** · Trang 3", f"  > {QUOTE}",
                       "  Ý kiến: Số liệu này khớp với Cục Thống kê?", "- **Tô sáng** · Trang 6–7",
                       "- **Ghi chú dán** · Trang 7: Hỏi lại số liệu thu ngân sách", "- **Nét vẽ** · Trang 8",
                       "## 3. Dự thảo Kế hoạch chuyển đổi số", "- **Hộp văn bản** · Trang 1: Bổ sung chỉ tiêu",
                       "- **Gạch chân** · Trang 5", f"  > {PLAN_QUOTE}", "**Dấu trang**",
                       "- Trang 11 — Phụ lục: lộ trình 2025–2030", "## 4. Công tác cán bộ",
                       "## Ghi chú không gắn với chương trình hiện tại", "Mục 10 (không còn trong chương trình)",
                       "Mục đã bị rút khỏi chương trình", "bản cũ của tài liệu")
    assert order == sorted(order)
    assert "*Không có ghi chú.*" in md.split("## 2.")[0]  # item 1 has nothing
    assert "  - giải ngân chậm ở 3 huyện\n" in md  # the member's own formatting kept
    for hidden in ("đoạn đã xoá", "ghi chú đã xoá", "Trang bìa", "Nhân sự (MẬT)"):
        assert hidden not in md
    assert md == unicodedata.normalize("NFC", md)


def test_markdown_in_english_and_escaped() -> None:
    odd = ann("x", REPORT, 0, AnnotationKind.HIGHLIGHT, {"quote": "a *bold* claim [1] <tag> #3"},
              rects=[[0, 1, 1, 50, 10]])
    md = export_notes_markdown(summary(), [*ANNOTATIONS, odd], NOTES, BOOKMARKS, language="en")
    assert md.startswith("# My notes — Hội nghị Ban Thường vụ")
    assert "**Private note**" in md and "- **Highlight** · Page 6–7" in md and "- **Drawing** · Page 8" in md
    assert "- **Date:** 2025-12-05 08:00" in md and "Item 10 (no longer on the agenda)" in md
    assert r"  > a \*bold\* claim \[1\] \<tag\> \#3" in md


@pytest.fixture(scope="module")
def poppler() -> None:
    for tool in ("pdftotext", "pdffonts"):
        require_tool(tool)  # a missing tool fails, naming its package (poppler-utils)


def poppler_text(path: Path, *extra: str) -> str:
    out = subprocess.run(["pdftotext", *extra, str(path), "-"], capture_output=True, check=True, timeout=60)
    return out.stdout.decode("utf-8")


def test_pdf_summary_read_back_by_poppler(poppler: None, tmp_path: Path) -> None:
    out = tmp_path / "notes.pdf"
    out.write_bytes(export_notes_pdf(summary(), ANNOTATIONS, NOTES, BOOKMARKS))
    text = poppler_text(out)
    flat = " ".join(text.split())
    order = positions(flat, "Ghi chú của tôi — Hội nghị Ban Thường vụ Tỉnh ủy tháng 12", "1. Khai mạc hội nghị",
                      "2. Báo cáo tình hình kinh tế - xã hội quý IV", "Ghi chú riêng", "giải ngân chậm ở 3 huyện",
                      "Báo cáo quý IV năm 2024", "Gạch ngang · Trang 3", "Tô sáng · Trang 3", QUOTE,
                      "Ý kiến: Số liệu này khớp với Cục Thống kê?", "Tô sáng · Trang 6–7", "Nét vẽ · Trang 8",
                      "3. Dự thảo Kế hoạch chuyển đổi số", "Gạch chân · Trang 5", PLAN_QUOTE,
                      "Trang 11 — Phụ lục: lộ trình 2025–2030", "4. Công tác cán bộ", "bản cũ của tài liệu")
    assert order == sorted(order)
    assert "đoạn đã xoá" not in flat and "Trang bìa" not in flat
    assert "Trang 1/2" in text and "Trang 2/2" in text
    fonts = subprocess.run(["pdffonts", str(out)], capture_output=True, check=True, text=True).stdout
    rows = fonts.splitlines()[2:]
    assert rows and all("Noto Sans" in r and " yes yes yes " in r for r in rows)  # embedded, subset, ToUnicode


def test_pdf_summary_pages_are_numbered_and_english(poppler: None, tmp_path: Path) -> None:
    many = [ann(f"m{i}", REPORT, i % 8, AnnotationKind.HIGHLIGHT, {"quote": f"đoạn trích số {i} " + QUOTE},
                rects=[[i % 8, 70, 100 + i, 300, 112 + i]]) for i in range(60)]
    out = tmp_path / "long.pdf"
    out.write_bytes(export_notes_pdf(summary(), many, NOTES, BOOKMARKS, language="en"))
    pages = subprocess.run(["pdfinfo", str(out)], capture_output=True, check=True, text=True).stdout
    count = int(re.search(r"Pages:\s+(\d+)", pages).group(1))  # type: ignore[union-attr]
    assert count >= 2
    for n in range(1, count + 1):
        assert f"Page {n} of {count}" in poppler_text(out, "-f", str(n), "-l", str(n))
    text = " ".join(poppler_text(out).split())
    assert "Private note" in text and "đoạn trích số 59" in text
    assert text.index("đoạn trích số 0 ") < text.index("đoạn trích số 8 ") < text.index("đoạn trích số 1 ")
