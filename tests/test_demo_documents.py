"""The demo session's generated PDFs (paperless.demo, through its public factory)."""

from __future__ import annotations

import time
import unicodedata
from pathlib import Path

import pymupdf
import pytest

from paperless.demo.factory import (
    DEFAULT_MARKER,
    DemoDocuments,
    demo_session,
    write_agenda,
    write_demo_documents,
    write_long_plan,
)
from paperless.resources import resource_path

MARKER = "PLTEST-7f3a9c-MARKER"
A4 = pymupdf.paper_rect("a4")
KB = 1024


@pytest.fixture(scope="module")
def docs(tmp_path_factory: pytest.TempPathFactory) -> DemoDocuments:
    return write_demo_documents(tmp_path_factory.mktemp("demo"), marker=MARKER)


def _text(path: Path) -> str:
    with pymupdf.open(path) as doc:
        return "".join(page.get_text() for page in doc)


def _text_docs(docs: DemoDocuments) -> list[Path]:
    return [docs.agenda, docs.report, docs.plan, docs.long_plan, docs.personnel]


def test_font_files_are_bundled() -> None:
    for name in ("NotoSans-Regular.ttf", "NotoSans-Bold.ttf", "NotoSans-Italic.ttf"):
        assert resource_path("fonts", name).is_file()
    assert "SIL OPEN FONT LICENSE" in resource_path("fonts", "OFL.txt").read_text("utf-8")
    font = pymupdf.Font(fontfile=str(resource_path("fonts", "NotoSans-Regular.ttf")))
    vietnamese = "ăâđêôơưĂÂĐÊÔƠƯ" + "".join(chr(c) for c in range(0x1EA0, 0x1EFA))
    assert all(font.has_glyph(ord(ch)) for ch in vietnamese)


def test_file_names_sizes_and_page_counts(docs: DemoDocuments) -> None:
    names = [p.name for p in docs.all()]
    assert names == [
        "agenda.pdf",
        "baocao_quy4.pdf",
        "kehoach_cds.pdf",
        "quyhoach_dai.pdf",
        "congvan_scan.pdf",
        "nhansu_mat.pdf",
    ]
    limits = {"quyhoach_dai.pdf": 2048 * KB, "congvan_scan.pdf": 3072 * KB}
    for path in docs.all():
        assert path.stat().st_size < limits.get(path.name, 300 * KB), path.name
    pages = {}
    for path in docs.all():
        with pymupdf.open(path) as doc:
            pages[path.name] = doc.page_count
            for page in doc:
                assert abs(page.rect.width - A4.width) < 1 and abs(page.rect.height - A4.height) < 1
    assert 1 <= pages["agenda.pdf"] <= 2
    assert 5 <= pages["baocao_quy4.pdf"] <= 8
    assert pages["kehoach_cds.pdf"] >= 4
    assert pages["quyhoach_dai.pdf"] >= 100
    assert pages["congvan_scan.pdf"] >= 1
    assert pages["nhansu_mat.pdf"] >= 1


def test_vietnamese_text_is_extractable_exactly(docs: DemoDocuments) -> None:
    report = _text(docs.report)
    for phrase in (
        "ĐẢNG CỘNG SẢN VIỆT NAM",
        "TỈNH ỦY VÂN SƠN",
        "Tỉnh ủy",
        "Đảng",
        "BÁO CÁO",
        "kết quả công tác quý IV năm 2024",
        "Ban Thường vụ Tỉnh ủy",
        "GRDP bình quân đầu người",
        "Trần Thị Bình",
    ):
        assert phrase in report, phrase
    plan = _text(docs.plan)
    assert plan.count("chuyển đổi số") >= 15
    with pymupdf.open(docs.plan) as doc:
        assert sum(len(page.search_for("chuyển đổi số")) for page in doc) >= 20
    assert "CHƯƠNG TRÌNH" in _text(docs.agenda)
    long_text = _text(docs.long_plan)
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in long_text
    assert "Độc lập - Tự do - Hạnh phúc" in long_text
    personnel = _text(docs.personnel)
    assert "MẬT" in personnel and "Nguyễn Văn An" in personnel
    for path in _text_docs(docs):
        text = _text(path)
        assert unicodedata.is_normalized("NFC", text)
        assert "\ufffd" not in text and "  " not in text, path.name


def test_page_numbers(docs: DemoDocuments) -> None:
    with pymupdf.open(docs.report) as doc:
        total = doc.page_count
        for n, page in enumerate(doc, start=1):
            assert f"Trang {n}/{total}" in page.get_text()


def test_document_code_and_marker(docs: DemoDocuments) -> None:
    for path in _text_docs(docs):
        with pymupdf.open(path) as doc:
            first = doc[0].get_text()
            assert "Mã tài liệu: BTV12-" in first, path.name
            assert MARKER in first, path.name
            assert sum(page.get_text().count(MARKER) for page in doc) == 1, path.name
            assert doc.metadata is not None and doc.metadata["keywords"] == MARKER
    for path in docs.all():  # visible on disk as plain bytes (metadata), scan included
        assert MARKER.encode() in path.read_bytes(), path.name


def test_default_marker(tmp_path: Path) -> None:
    path = write_agenda(tmp_path / "a.pdf")
    assert DEFAULT_MARKER in _text(path)


def test_outlines(docs: DemoDocuments) -> None:
    with pymupdf.open(docs.plan) as doc:
        toc = doc.get_toc()
        titles = [t for _, t, _ in toc]
        assert "I. MỤC ĐÍCH, YÊU CẦU" in titles and "IV. TỔ CHỨC THỰC HIỆN" in titles
        assert all(1 <= p <= doc.page_count for _, _, p in toc)
    with pymupdf.open(docs.long_plan) as doc:
        toc = doc.get_toc()
        chapters = [(t, p) for lvl, t, p in toc if lvl == 1]
        assert len(chapters) == 10
        assert chapters[0][0].startswith("Chương I.")
        assert [p for _, p in chapters] == sorted(p for _, p in chapters)
        assert chapters[-1][1] > 90
        assert all(1 <= p <= doc.page_count for _, _, p in toc)
        # the outline points at the chapter heading
        assert chapters[3][0].split(". ")[0] in doc[chapters[3][1] - 1].get_text()


def test_internal_links_in_plan(docs: DemoDocuments) -> None:
    with pymupdf.open(docs.plan) as doc:
        links = [ln for ln in doc[0].get_links() if ln["kind"] == pymupdf.LINK_GOTO]
        assert len(links) >= 5
        for link in links:
            assert 0 < link["page"] < doc.page_count
        first = doc[0].get_textbox(links[0]["from"])
        assert "MỤC ĐÍCH" in first
        target = doc[links[0]["page"]]
        assert "I. MỤC ĐÍCH, YÊU CẦU" in target.get_text()


def test_scanned_letter_is_images_only(docs: DemoDocuments) -> None:
    with pymupdf.open(docs.scanned_letter) as doc:
        assert doc.page_count >= 1
        for page in doc:
            assert page.get_text().strip() == ""
            images = page.get_images(full=True)
            assert len(images) == 1
            assert page.get_fonts() == []
            info = doc.extract_image(images[0][0])
            assert info["width"] >= 1200 and info["colorspace"] == 1  # ~150 dpi, greyscale


def test_fonts_are_embedded_and_subset(docs: DemoDocuments) -> None:
    for path in _text_docs(docs):
        with pymupdf.open(path) as doc:
            fonts = {f[0]: f for page in doc for f in page.get_fonts()}
            assert fonts, path.name
            for xref, (_, ext, _, name, _, _) in fonts.items():
                assert ext == "ttf" and "Noto Sans" in name
                assert name[6] == "+", name  # subset tag, e.g. "ABCDEF+Noto Sans Regular"
                assert len(doc.extract_font(xref)[3]) > 1000


def test_pages_render_with_ink(docs: DemoDocuments) -> None:
    for path in (docs.agenda, docs.plan, docs.scanned_letter):
        with pymupdf.open(path) as doc:
            pix = doc[0].get_pixmap(dpi=40, colorspace=pymupdf.csGRAY)
            assert min(pix.samples) < 80 and max(pix.samples) > 200


def test_long_document_is_fast_and_deterministic(tmp_path: Path) -> None:
    start = time.perf_counter()
    write_long_plan(tmp_path / "a.pdf", code="X", marker="M")
    assert time.perf_counter() - start < 3.0
    write_long_plan(tmp_path / "b.pdf", code="X", marker="M")
    with pymupdf.open(tmp_path / "a.pdf") as a, pymupdf.open(tmp_path / "b.pdf") as b:
        assert a.page_count == b.page_count
        assert a[40].get_text() == b[40].get_text()
        assert a[40].get_text() != a[41].get_text()


def test_session_data_matches_documents(docs: DemoDocuments) -> None:
    session = demo_session()
    produced = {p.name for p in docs.all()}
    named = set(session.documents)
    assert named == produced
    members = set(session.member_names)
    assert members == {"Nguyễn Văn An", "Trần Thị Bình", "Lê Hoàng Cường"}
    restricted = [item for item in session.items if item.restricted_to]
    assert len(restricted) == 1
    assert restricted[0].documents == ("nhansu_mat.pdf",)
    assert restricted[0].restricted_to == ("Nguyễn Văn An",)
    assert [(item.number, item.level) for item in session.items if item.level] == [(6, "mat")]  # the MẬT stamp
    titles = [item.title for item in session.items]
    assert len(set(titles)) == len(titles)
    assert session.start.utcoffset() is not None
    assert "Phạm Thu Hà" in session.clerk
