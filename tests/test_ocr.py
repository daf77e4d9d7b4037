"""OCR of scanned pages (issue 15 part 1): generated 300-dpi scans of known Vietnamese text, with
skew, blur and JPEG, read with the local Tesseract; the reader's search finds their words with and
without diacritics, a markup's rectangle has the word under it, and the page image is untouched."""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

import pymupdf
import pytest
from bundle_helpers import People, run_cli, unlock, write_session
from system_tools import require_tool

from paperless.core.bundle import build_bundle, extract_bundle, open_bundle
from paperless.core.bundle.errors import OcrMissingError
from paperless.core.bundle.ocr import OcrMode, ocr_cached, ocr_pdf, pages_to_read
from paperless.core.identity import load_card
from paperless.core.render.document import PdfDocument
from paperless.core.search import SessionIndex, match_words
from paperless.core.session import load_session
from paperless.demo.scan import scan_text

TEXT = [
    "Nghị quyết của Ban Chấp hành Đảng bộ tỉnh về công tác chuyển đổi số năm 2025.",
    "Đồng chí Bí thư chủ trì hội nghị; các đồng chí ủy viên thảo luận và biểu quyết thông qua "
    "kế hoạch phát triển kinh tế xã hội, bảo đảm quốc phòng an ninh trên địa bàn.",
]


@pytest.fixture(scope="module")
def scanned(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    require_tool("tesseract")
    folder = tmp_path_factory.mktemp("ocr")
    scan = scan_text(folder / "scan.pdf", TEXT, seed=3, skew=0.8, blur=1.5, jpeg_quality=60)
    out = folder / "read.pdf"
    steps: list[tuple[int, int]] = []
    assert ocr_pdf(scan, out, OcrMode.AUTO, progress=lambda d, t: steps.append((d, t))) == 1
    assert steps == [(0, 1), (1, 1)]  # progress per page
    return scan, out


def _image_streams(path: Path) -> list[str]:
    with pymupdf.open(path) as doc:
        return [hashlib.sha256(doc.xref_stream_raw(img[0])).hexdigest() for page in doc
                for img in page.get_images(full=True)]


def test_scan_has_no_text_until_read(scanned: tuple[Path, Path]) -> None:
    scan, out = scanned
    assert pages_to_read(scan, OcrMode.AUTO) == [0]
    assert pages_to_read(out, OcrMode.AUTO) == []  # read once: auto leaves it alone now
    with pymupdf.open(scan) as doc:
        assert doc[0].get_text().strip() == ""


def test_search_finds_words_with_and_without_diacritics(scanned: tuple[Path, Path]) -> None:
    _, out = scanned
    index = SessionIndex()
    reader = PdfDocument(out.read_bytes(), name="scan")  # the reader's own text and words, from memory
    index.add_page("scan", 0, reader.text(0))
    words = reader.words(0)
    for query in ("chuyển đổi số", "chuyen doi so", "Đảng bộ", "dang bo", "biểu quyết", "quoc phong an ninh"):
        assert index.count(query) >= 1, query
    assert index.count("đang bộ") == 0  # typed with diacritics: exact (Đảng is not đang)
    hits = match_words(words, "chuyen doi so")
    assert len(hits) == 1
    box = pymupdf.Rect(hits[0][0])
    assert 55 < box.x0 < 540 and 55 < box.y0 < 120  # on the first line of the page, where it was typed


def test_text_markup_on_scan_gets_the_words_under_it(scanned: tuple[Path, Path]) -> None:
    _, out = scanned
    with pymupdf.open(out) as doc:
        page = doc[0]
        words = PdfDocument(out.read_bytes(), name="scan").words(0)
        rects = [pymupdf.Rect(r) for r in match_words(words, "Bí thư chủ trì")[0]]
        area = rects[0]
        for r in rects[1:]:
            area |= r
        under = " ".join(page.get_textbox(area).split())
        assert "Bí thư chủ trì" in under
        annot = page.add_highlight_annot(quads=[r.quad for r in rects])
        assert "thư" in page.get_textbox(annot.rect)


def test_page_image_unchanged(scanned: tuple[Path, Path]) -> None:
    scan, out = scanned
    assert _image_streams(out) == _image_streams(scan) and len(_image_streams(scan)) == 1
    with pymupdf.open(scan) as a, pymupdf.open(out) as b:
        assert a[0].rect == b[0].rect
        # the invisible text paints nothing: the same pixels
        assert a[0].get_pixmap(dpi=50).samples == b[0].get_pixmap(dpi=50).samples


def test_auto_leaves_text_pages_and_never_reads(tmp_path: Path, scanned: tuple[Path, Path]) -> None:
    digital = tmp_path / "digital.pdf"
    with pymupdf.open() as doc:
        doc.new_page().insert_text((72, 72), "Báo cáo")
        doc.save(digital)
    assert ocr_pdf(digital, tmp_path / "x.pdf", OcrMode.AUTO) == 0 and not (tmp_path / "x.pdf").exists()
    assert ocr_pdf(scanned[0], tmp_path / "y.pdf", OcrMode.NEVER) == 0 and not (tmp_path / "y.pdf").exists()
    assert ocr_cached(digital, tmp_path / "cache", OcrMode.AUTO) == digital
    assert pages_to_read(digital, OcrMode.ALWAYS) == [0]


def test_cache_reads_once(tmp_path: Path, scanned: tuple[Path, Path]) -> None:
    scan = scanned[0]
    calls: list[int] = []
    first = ocr_cached(scan, tmp_path, OcrMode.AUTO, progress=lambda d, t: calls.append(d))
    again = ocr_cached(scan, tmp_path, OcrMode.AUTO, progress=lambda d, t: calls.append(d))
    assert first == again != scan and first.parent == tmp_path and calls == [0, 1]
    assert sorted(p.name for p in tmp_path.iterdir()) == [first.name]  # no temporary left


def test_missing_tesseract_is_one_clear_line(tmp_path: Path, scanned: tuple[Path, Path],
                                             monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PATH", str(tmp_path))
    with pytest.raises(OcrMissingError) as err:
        ocr_pdf(scanned[0], tmp_path / "x.pdf")
    assert "apt-get install -y tesseract-ocr tesseract-ocr-vie" in str(err.value) and "\n" not in str(err.value)


def test_missing_vietnamese_data_is_named(tmp_path: Path, scanned: tuple[Path, Path],
                                          monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("paperless.core.bundle.ocr.LANGUAGE", "zzz")  # a model nobody has installed
    with pytest.raises(OcrMissingError) as err:
        ocr_pdf(scanned[0], tmp_path / "x.pdf")
    assert "tesseract-ocr-vie" in str(err.value) and "Vietnamese" in str(err.value)


def test_cli_build_reads_scans_and_says_when_tesseract_is_missing(tmp_path: Path, people: People,
                                                                  scanned: tuple[Path, Path]) -> None:
    docs = tmp_path / "docs"
    docs.mkdir()
    scan = docs / "scan.pdf"
    scan.write_bytes(scanned[0].read_bytes())
    session = write_session(tmp_path, people, docs={"Công văn scan": [scan], "Khác": [scan], "Mật": [scan]})
    bin_dir = tmp_path / "bin"  # a PATH with python but without tesseract
    bin_dir.mkdir()
    missing = run_cli("bundle", "build", session, "--signer", people.clerk, "--out", tmp_path / "a.paperless",
                      "--passphrase-env", "PAPERLESS_PASSPHRASE", env={"PATH": str(bin_dir)})
    assert missing.returncode != 0 and "Traceback" not in missing.stderr
    assert missing.stderr.strip().count("\n") == 0 and "apt-get install -y tesseract-ocr tesseract-ocr-vie" in missing.stderr
    never = run_cli("bundle", "build", session, "--signer", people.clerk, "--out", tmp_path / "n.paperless",
                    "--passphrase-env", "PAPERLESS_PASSPHRASE", "--ocr", "never", env={"PATH": str(bin_dir)})
    assert never.returncode == 0, never.stderr
    built = run_cli("bundle", "build", session, "--signer", people.clerk, "--out", tmp_path / "b.paperless",
                    "--passphrase-env", "PAPERLESS_PASSPHRASE", "--ocr", "auto")
    assert built.returncode == 0, built.stderr
    for name, searchable in (("n.paperless", False), ("b.paperless", True)):
        with open_bundle(tmp_path / name, unlock(people.member("an")), [load_card(people.clerk)]) as opened:
            folder = extract_bundle(opened, tmp_path / f"x-{name}").folder
        pdf = next(folder.rglob("*.pdf"))
        with pymupdf.open(pdf) as doc:
            assert ("chuyển đổi số" in " ".join(doc[0].get_text().split())) is searchable
        assert _image_streams(pdf) == _image_streams(scan)


def test_build_bundle_uses_the_cache(tmp_path: Path, people: People, scanned: tuple[Path, Path]) -> None:
    docs = tmp_path / "docs"
    docs.mkdir()
    scan = docs / "scan.pdf"
    scan.write_bytes(scanned[0].read_bytes())
    cache = tmp_path / "cache"
    ocr_cached(scan, cache)  # as the clerk workspace's check does
    session = write_session(tmp_path, people, docs={"A": [scan], "B": [scan], "C": [scan]})
    stages: list[str] = []
    build_bundle(load_session(session), unlock(people.clerk), tmp_path / "b.paperless", ocr_cache=cache,
                 progress=lambda stage, done, total: stages.append(stage))
    assert "ocr" not in stages  # read before, by content: not again
    stages.clear()
    build_bundle(load_session(session), unlock(people.clerk), tmp_path / "c.paperless",
                 progress=lambda stage, done, total: stages.append(stage))
    assert stages.count("ocr") == 2  # the same scan thrice: read once, (0, 1) and (1, 1)
    assert os.listdir(cache) and len(os.listdir(cache)) == 1


def test_clerk_workspace_check_reads_scans_with_progress(tmp_path: Path, scanned: tuple[Path, Path]) -> None:
    from paperless.core.clerk.documents import CONVERTED_DIR, DocumentChecks, Status, import_documents, state_key

    outside = tmp_path / "in"
    outside.mkdir()
    (outside / "congvan.pdf").write_bytes(scanned[0].read_bytes())
    folder = tmp_path / "session"
    rel = import_documents([outside / "congvan.pdf"], folder)[0]
    checks = DocumentChecks()
    key = state_key(folder / rel)
    assert key is not None and checks.claim(key)
    seen: list[tuple[Status, int, int]] = []
    checks.observers.subscribe(lambda k: seen.append((s.status, s.done, s.total)) if (s := checks.get(k)) else None)
    state = checks.run(folder, rel, key)
    assert state.status is Status.READY and state.pages == 1, state.error
    assert (Status.READING, 1, 1) in seen and seen[-1][0] is Status.READY
    assert state.pdf is not None and state.pdf.parent == (folder / CONVERTED_DIR).absolute()
    with pymupdf.open(state.pdf) as doc:
        assert "chuyển đổi số" in " ".join(doc[0].get_text().split())
    assert (folder / rel).read_bytes() == scanned[0].read_bytes()  # the clerk's file itself is untouched


def test_demo_scanned_letter_becomes_searchable(tmp_path: Path) -> None:
    from paperless.demo.factory import write_scanned_letter

    require_tool("tesseract")
    letter = write_scanned_letter(tmp_path / "congvan_scan.pdf")
    out = tmp_path / "read.pdf"
    assert ocr_pdf(letter, out) == 2  # both pages are images only
    reader = PdfDocument(out.read_bytes(), name="letter")
    index = SessionIndex()
    for page in range(2):
        index.add_page("letter", page, reader.text(page))
    for query in ("mừng Xuân", "mung xuan", "Tết Nguyên đán", "tet nguyen dan", "an toàn thực phẩm"):
        assert index.count(query) >= 1, query
    assert _image_streams(out) == _image_streams(letter)


def test_scan_stored_sideways_with_a_page_rotation(tmp_path: Path, scanned: tuple[Path, Path]) -> None:
    """A scanner that stores the image sideways and sets /Rotate: words land where they show."""
    with pymupdf.open(scanned[0]) as src:
        pix = src[0].get_pixmap(dpi=150)
    sideways = tmp_path / "sideways.pdf"
    with pymupdf.open() as doc:
        page = doc.new_page(width=842, height=595)
        page.insert_image(page.rect, pixmap=pix, rotate=90)
        page.set_rotation(90)
        doc.save(sideways)
    assert ocr_pdf(sideways, tmp_path / "read.pdf") == 1
    reader = PdfDocument((tmp_path / "read.pdf").read_bytes(), name="sideways")
    hits = match_words(reader.words(0), "chuyen doi so")
    assert len(hits) == 1 and 55 < pymupdf.Rect(hits[0][0]).y0 < 120  # on the first line as the page shows it
