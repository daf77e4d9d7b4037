# PyMuPDF ships partial type annotations; its unannotated calls are fine here.
# mypy: disable-error-code="no-untyped-call"
"""Scanned pages made searchable: OCR with Tesseract's Vietnamese model, on the clerk's machine only.

For each page that needs it (``auto``: a page with no text layer; ``always``: every page), PyMuPDF
renders the page at 300 dpi and the local Tesseract reads it; each recognised word is then written onto the original
page as invisible text (render mode 3) in its box, each word stretched to the box's width so that
search hits and text markups land on the word in the image. The page's image and everything else
on it is left as it was: only a content stream with the invisible words is added. Nothing goes
over the network; The local ``tesseract`` command reads
each rendered page (its TSV output: words and their boxes).
"""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import tempfile
from collections.abc import Callable
from enum import Enum
from pathlib import Path

from paperless.core.bundle.convert import unreadable
from paperless.core.bundle.errors import DocumentError, OcrMissingError
from paperless.core.errors import InputFileError, OutputFileError, T
from paperless.core.pymupdf_lock import pymupdf_locked
from paperless.resources import resource_path

DPI = 300
LANGUAGE = "vie"
FONT = "NotoSans-Regular.ttf"
FONT_NAME = "PplOcr"

OCR_TIMEOUT = 300  # seconds for one page
TIMED_OUT = T("reading a scanned page took too long", "đọc một trang scan quá lâu")

#: progress(done, total): pages of this document read so far, of those that need it
PageProgress = Callable[[int, int], None]


class OcrMode(Enum):
    AUTO = "auto"  # pages without a text layer
    ALWAYS = "always"  # every page (a text layer already there is kept; the OCR's is added)
    NEVER = "never"


def tessdata(label: str = "") -> str:
    """The folder of Tesseract's language data holding the Vietnamese model; a one-line error
    naming the apt command when Tesseract or its Vietnamese data is missing."""
    if shutil.which("tesseract") is None:
        raise OcrMissingError(path=label, what="Tesseract (tesseract-ocr)")
    candidates = [os.environ.get("TESSDATA_PREFIX", "")]
    candidates += [str(p) for p in sorted(Path("/usr/share/tesseract-ocr").glob("*/tessdata"))]
    candidates += ["/usr/share/tessdata", "/usr/local/share/tessdata"]
    for folder in candidates:
        if folder and (Path(folder) / f"{LANGUAGE}.traineddata").is_file():
            return folder
    raise OcrMissingError(path=label, what="Tesseract's Vietnamese data (tesseract-ocr-vie)")


def _has_text(page: object) -> bool:
    return bool(page.get_text("text").strip())  # type: ignore[attr-defined]


def pages_to_read(path: Path, mode: OcrMode) -> list[int]:
    """The page numbers OCR would read in the PDF ``path`` under ``mode``."""
    import pymupdf

    if mode is OcrMode.NEVER:
        return []
    with pymupdf.open(path, filetype="pdf") as doc:
        return [n for n in range(doc.page_count) if mode is OcrMode.ALWAYS or not _has_text(doc[n])]


def _overlay(page: object, words: list[tuple[float, float, float, float, str]], font: object) -> int:
    """Write ``words`` (x0, y0, x1, y1, text, ...) as invisible text in their boxes; return how many."""
    import pymupdf

    shape = page.new_shape()  # type: ignore[attr-defined]
    written = 0
    for w in words:
        x0, y0, x1, y1, text = w
        if not text.strip() or x1 <= x0 or y1 <= y0:
            continue
        size = max(1.0, (y1 - y0) * 0.9)
        natural = font.text_length(text, fontsize=size)  # type: ignore[attr-defined]
        if natural <= 0:
            continue
        baseline = pymupdf.Point(x0, y1 - (y1 - y0) * 0.2)
        # a real space after each word: extraction and search then see word breaks, whatever the gaps
        shape.insert_text(baseline, text + " ", fontsize=size, fontname=FONT_NAME,
                          fontfile=str(resource_path("fonts", FONT)), render_mode=3,
                          morph=(baseline, pymupdf.Matrix((x1 - x0) / natural, 1)))
        written += 1
    shape.commit(overlay=True)
    return written


def _tsv_words(tsv: str, scale: float) -> list[tuple[float, float, float, float, str]]:
    """The words of Tesseract's TSV output, their boxes scaled from pixels to points."""
    words = []
    for line in tsv.splitlines()[1:]:
        f = line.split("\t")
        if len(f) < 12 or f[0] != "5" or not f[11].strip():
            continue
        left, top, width, height = (int(v) for v in f[6:10])
        words.append((left * scale, top * scale, (left + width) * scale, (top + height) * scale, f[11].strip()))
    return words


def _read_page(page: object, data: str, label: str) -> list[tuple[float, float, float, float, str]]:
    """Render ``page`` at 300 dpi and read it with the local Tesseract (PNM on stdin: encoding PNG
    took 1.7 s a page; its TSV out: each word and its box). The tesseract command rather than
    MuPDF's built-in OCR device: MuPDF's turns Tesseract's characters back into words by their
    gaps and runs Vietnamese words together ("bộvềcông")."""
    import pymupdf

    pix = page.get_pixmap(dpi=DPI, colorspace=pymupdf.csGRAY, alpha=False)  # type: ignore[attr-defined]
    try:
        result = subprocess.run(
            ["tesseract", "stdin", "stdout", "-l", LANGUAGE, "--dpi", str(DPI), "--tessdata-dir", data, "tsv"],
            input=pix.tobytes("pnm"), capture_output=True, timeout=OCR_TIMEOUT, check=False)
    except FileNotFoundError:
        raise OcrMissingError(path=label, what="Tesseract (tesseract-ocr)") from None
    except subprocess.TimeoutExpired:
        raise DocumentError(path=label, detail=TIMED_OUT) from None
    if result.returncode != 0:
        raise DocumentError(path=label, detail=T(
            "Tesseract could not read a scanned page: " + result.stderr.decode("utf-8", "replace").strip()[-200:],
            "Tesseract không đọc được một trang scan: " + result.stderr.decode("utf-8", "replace").strip()[-200:]))
    return _tsv_words(result.stdout.decode("utf-8", "replace"), 72 / DPI)


@pymupdf_locked
def ocr_pdf(source: Path, dest: Path, mode: OcrMode = OcrMode.AUTO, *, label: str = "",
            progress: PageProgress | None = None) -> int:
    """Write ``source`` to ``dest`` with a text layer on each page ``mode`` selects; return how
    many pages were read (0: nothing needed it, and ``dest`` is not written)."""
    import pymupdf

    if mode is OcrMode.NEVER:
        return 0
    label = label or source.name
    try:
        doc = pymupdf.open(source, filetype="pdf")
    except Exception as exc:  # PyMuPDF raises many types for broken files
        raise DocumentError(path=label, detail=unreadable(exc)) from None
    with doc:
        todo = [n for n in range(doc.page_count) if mode is OcrMode.ALWAYS or not _has_text(doc[n])]
        if not todo:
            return 0
        data = tessdata(label)
        font = pymupdf.Font(fontfile=str(resource_path("fonts", FONT)))
        report = progress or (lambda done, total: None)
        report(0, len(todo))
        for done, pno in enumerate(todo, 1):
            page = doc[pno]
            words = _read_page(page, data, label)
            _overlay(page, words, font)
            report(done, len(todo))
        doc.subset_fonts()
        doc.save(dest, garbage=1, deflate=True)
    return len(todo)


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as f:
        while chunk := f.read(1 << 20):
            digest.update(chunk)
    return digest.hexdigest()


def ocr_cached(pdf: Path, cache: Path, mode: OcrMode = OcrMode.AUTO, *, label: str = "",
               progress: PageProgress | None = None) -> Path:
    """``pdf`` with a text layer on the pages ``mode`` selects: ``pdf`` itself when no page needs
    one, else a copy kept in ``cache`` by the PDF's content and the mode (read once: by the clerk
    workspace's check, then reused by the build)."""
    if mode is OcrMode.NEVER:
        return pdf
    label = label or pdf.name
    try:
        target = cache / f"{_sha256(pdf)}.ocr-{mode.value}.pdf"
    except OSError as exc:
        raise InputFileError(path=str(pdf), detail=exc.strerror or str(exc)) from None
    if target.is_file():
        return target
    try:
        cache.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=".reading-", suffix=".pdf", dir=cache)
        os.close(fd)
    except OSError as exc:
        raise OutputFileError(path=str(cache), detail=exc.strerror or str(exc)) from None
    try:
        if ocr_pdf(pdf, Path(tmp), mode, label=label, progress=progress) == 0:
            return pdf
        os.replace(tmp, target)  # whole or not at all
    except OSError as exc:
        raise OutputFileError(path=str(target), detail=exc.strerror or str(exc)) from None
    finally:
        Path(tmp).unlink(missing_ok=True)
    return target
