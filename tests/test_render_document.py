"""PdfDocument: the PyMuPDF wrapper (run here on the test thread; in the app only on the worker)."""

from __future__ import annotations

from pathlib import Path

import pymupdf
import pytest

from paperless.core.bundle.errors import DocumentError
from paperless.core.render import LinkInfo, PageSize, PdfDocument
from paperless.core.render.document import MAX_SIDE
from paperless.demo.factory import DemoDocuments, write_demo_documents


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> DemoDocuments:
    return write_demo_documents(tmp_path_factory.mktemp("demo"))


def simple_pdf(pages: int = 3, *, landscape_page: int | None = None) -> bytes:
    doc = pymupdf.open()
    for i in range(pages):
        w, h = (842, 595) if i == landscape_page else (595, 842)
        page = doc.new_page(width=w, height=h)
        page.insert_text((72, 100), f"Page {i + 1} Trang số {i + 1}", fontsize=24)
    data: bytes = doc.tobytes()
    doc.close()
    return data


def broken_page_pdf() -> bytes:
    """Page 2 has a UserUnit making it 1e9 points wide: MuPDF cannot rasterise it."""
    doc = pymupdf.open(stream=simple_pdf(3), filetype="pdf")
    xref = doc[1].xref
    doc.xref_set_key(xref, "MediaBox", "[0 0 14400 14400]")
    doc.xref_set_key(xref, "UserUnit", "75000")
    data: bytes = doc.tobytes()
    doc.close()
    return data


def garbage_content_pdf() -> bytes:
    doc = pymupdf.open(stream=simple_pdf(2), filetype="pdf")
    doc.update_stream(doc[1].get_contents()[0], b"\x00\xff garbage q ] [ BT /F9 Tf ET )(( <<>>")
    data: bytes = doc.tobytes()
    doc.close()
    return data


def pixel(image: object, x: int, y: int) -> tuple[int, int, int]:
    samples = image.samples  # type: ignore[attr-defined]
    i = y * image.stride + 3 * x  # type: ignore[attr-defined]
    return samples[i], samples[i + 1], samples[i + 2]


def test_opens_bytes_and_reports_page_sizes() -> None:
    doc = PdfDocument(simple_pdf(3, landscape_page=1))
    assert doc.page_count == 3
    assert doc.page_sizes() == [PageSize(595, 842), PageSize(842, 595), PageSize(595, 842)]
    doc.close()


def test_rotated_page_size_follows_rotation() -> None:
    src = pymupdf.open(stream=simple_pdf(1), filetype="pdf")
    src[0].set_rotation(90)
    doc = PdfDocument(src.tobytes())
    assert doc.page_sizes() == [PageSize(842, 595)]
    doc.close()


@pytest.mark.parametrize("data", [b"", b"not a pdf at all", b"%PDF-1.7\n%garbage\n"])
def test_broken_bytes_raise_document_error(data: bytes) -> None:
    with pytest.raises(DocumentError):
        PdfDocument(data)


def test_password_protected_pdf_is_refused() -> None:
    src = pymupdf.open(stream=simple_pdf(1), filetype="pdf")
    data = src.tobytes(encryption=pymupdf.PDF_ENCRYPT_AES_256, user_pw="u", owner_pw="o")
    with pytest.raises(DocumentError, match="password"):
        PdfDocument(data, name="x.pdf")


def test_render_is_rgb_at_the_requested_scale() -> None:
    doc = PdfDocument(simple_pdf(1))
    image = doc.render(0, 2.0)
    assert (image.width, image.height) == (1190, 1684)
    assert image.stride == image.width * 3
    assert len(image.samples) == image.stride * image.height
    assert pixel(image, 5, 5) == (255, 255, 255)
    dark = sum(1 for i in range(0, len(image.samples), 3) if image.samples[i] < 128)
    assert dark > 500  # the text was drawn
    doc.close()


def test_night_mode_inverts_pixels() -> None:
    doc = PdfDocument(simple_pdf(1))
    day, night = doc.render(0, 1.0), doc.render(0, 1.0, night=True)
    assert pixel(night, 5, 5) == (0, 0, 0)
    assert all(a + b == 255 for a, b in zip(day.samples[::97], night.samples[::97], strict=True))
    doc.close()


def test_display_list_is_reused_across_zooms() -> None:
    doc = PdfDocument(simple_pdf(12), display_lists=4)
    first = doc.display_list(0)
    doc.render(0, 0.5)
    doc.render(0, 1.5)
    assert doc.display_list(0) is first
    for page in range(1, 6):
        doc.display_list(page)
    assert doc.display_list(0) is not first  # fell out of the small LRU
    doc.close()


def test_garbage_content_stream_renders_what_it_can() -> None:
    doc = PdfDocument(garbage_content_pdf())
    image = doc.render(1, 0.5)
    assert pixel(image, 10, 10) == (255, 255, 255)
    doc.close()


def test_unrenderable_page_raises_and_is_clamped_for_layout() -> None:
    doc = PdfDocument(broken_page_pdf())
    assert doc.page_sizes()[1] == PageSize(MAX_SIDE, MAX_SIDE)
    with pytest.raises(DocumentError):
        doc.render(1, 1.0)
    assert doc.render(2, 0.5).width == 298  # the rest still renders
    doc.close()


def test_out_of_range_page_and_bad_scale() -> None:
    doc = PdfDocument(simple_pdf(1))
    with pytest.raises(IndexError):
        doc.render(1, 1.0)
    with pytest.raises(ValueError):
        doc.render(0, 0.0)
    with pytest.raises(IndexError):
        doc.words(-1)
    doc.close()


def test_outline_links_words_text_of_the_plan(demo: DemoDocuments) -> None:
    doc = PdfDocument(Path(demo.plan).read_bytes())
    outline = doc.outline()
    assert outline[0].title == "I. MỤC ĐÍCH, YÊU CẦU"
    assert outline[0].level == 1 and outline[0].page == 1 and outline[0].y is not None
    assert any(e.level == 2 for e in outline)
    assert outline[-1].title == "Phụ lục"
    links = doc.links(0)
    assert len(links) >= 10
    assert all(link.page is not None and link.uri is None for link in links)
    assert links[0].page == 1 and links[0].y is not None and abs(links[0].y - 60.7) < 1
    assert doc.links(1) == []
    words = doc.words(0)
    texts = [w.text for w in words]
    assert "KẾ" in texts and "HOẠCH" in texts and "chuyển" in texts
    assert all(w.x1 > w.x0 and w.y1 > w.y0 for w in words)
    assert "thực hiện chuyển đổi số trong các cơ quan Đảng" in doc.text(0)
    doc.close()


def test_external_links_carry_the_uri() -> None:
    src = pymupdf.open(stream=simple_pdf(2), filetype="pdf")
    src[0].insert_link({"kind": pymupdf.LINK_URI, "from": pymupdf.Rect(72, 72, 200, 90), "uri": "https://example.org/x"})
    src[0].insert_link({"kind": pymupdf.LINK_GOTO, "from": pymupdf.Rect(72, 120, 200, 140), "page": 1,
                        "to": pymupdf.Point(0, 300)})
    doc = PdfDocument(src.tobytes())
    links = sorted(doc.links(0), key=lambda link: link.rect[1])
    assert links[0] == LinkInfo((72.0, 72.0, 200.0, 90.0), None, None, "https://example.org/x")
    assert links[1].page == 1 and links[1].uri is None
    doc.close()


def test_render_matches_pymupdf_pixmaps_byte_for_byte() -> None:
    src = pymupdf.open(stream=simple_pdf(3, landscape_page=2), filetype="pdf")
    src[1].set_rotation(90)
    src.xref_set_key(src[0].xref, "MediaBox", "[100 50 695 892]")  # origin away from 0, 0
    data = src.tobytes()
    ref = pymupdf.open(stream=data, filetype="pdf")
    doc = PdfDocument(data)
    for page in range(3):
        for scale, night in ((0.37, False), (1.0, True), (2.5, False)):
            image = doc.render(page, scale, night=night)
            pix = ref[page].get_pixmap(matrix=pymupdf.Matrix(scale, scale), alpha=False, colorspace=pymupdf.csRGB)
            if night:
                pix.invert_irect()
            assert (image.width, image.height, image.stride) == (pix.width, pix.height, pix.stride)
            assert image.samples == bytes(pix.samples_mv), (page, scale, night)
    doc.close()
