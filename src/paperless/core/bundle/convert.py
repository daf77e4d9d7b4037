"""Turning the clerk's documents into checked PDFs (LibreOffice headless for office files)."""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path

from paperless.core.bundle.errors import ConverterMissingError, DocumentError
from paperless.core.errors import T
from paperless.core.pymupdf_lock import pymupdf_locked

CONVERTIBLE = {".docx", ".doc", ".odt", ".rtf"}
CONVERT_TIMEOUT = 300

# Why a document cannot be used (the detail of a DocumentError), in both languages.
TIMED_OUT = T("converting it to PDF took too long", "chuyển sang PDF quá lâu")
NOT_CONVERTED = T("LibreOffice could not convert it to PDF; is the file damaged?",
                  "LibreOffice không chuyển được sang PDF; tệp có bị hỏng không?")
PASSWORD = T("the PDF is protected by a password; save a copy without the password and add that",
             "tệp PDF có mật khẩu; hãy lưu một bản không có mật khẩu rồi thêm bản đó")
NO_PAGES = T("the PDF has no pages", "tệp PDF không có trang nào")
UNSUPPORTED = T("only PDF, DOCX, DOC, ODT and RTF documents can be included",
                "chỉ dùng được tài liệu PDF, DOCX, DOC, ODT và RTF")


def unreadable(exc: BaseException) -> T:
    """What a member or clerk reads for a PDF PyMuPDF cannot open (the exception is for the log)."""
    return T("the PDF is damaged and cannot be read", "tệp PDF bị hỏng, không đọc được")


@dataclass(frozen=True)
class PreparedPdf:
    source: Path  # the file the clerk named
    pdf: Path  # the PDF to encrypt (the source itself, or a converted copy)
    title: str
    pages: int
    converted_from: str | None


def find_soffice() -> str | None:
    for name in ("soffice", "libreoffice"):
        found = shutil.which(name)
        if found:
            return found
    return None


def convert_to_pdf(source: Path, out_dir: Path) -> Path:
    """Convert an office document with LibreOffice headless; return the PDF path."""
    soffice = find_soffice()
    if soffice is None:
        raise ConverterMissingError(path=str(source))
    profile = Path(tempfile.mkdtemp(prefix="lo-profile-", dir=out_dir))
    target_dir = out_dir / f"conv-{len(list(out_dir.iterdir()))}"
    target_dir.mkdir()
    cmd = [
        soffice, f"-env:UserInstallation={profile.as_uri()}", "--headless", "--norestore",
        "--convert-to", "pdf", "--outdir", str(target_dir), str(source),
    ]
    try:
        result = subprocess.run(cmd, capture_output=True, timeout=CONVERT_TIMEOUT, check=False)
    except subprocess.TimeoutExpired:
        raise DocumentError(path=str(source), detail=TIMED_OUT) from None
    finally:
        shutil.rmtree(profile, ignore_errors=True)
    pdf = target_dir / (source.stem + ".pdf")
    if result.returncode != 0 or not pdf.is_file() or pdf.stat().st_size == 0:
        raise DocumentError(path=str(source), detail=NOT_CONVERTED)
    return pdf


@pymupdf_locked
def check_pdf(path: Path, label: Path) -> tuple[int, str]:
    """Open a PDF and its first and last page; return (page count, title). Refuse broken files."""
    import pymupdf  # lazily: only a build needs it, and it costs ~100 ms to import

    try:
        with pymupdf.open(path, filetype="pdf") as doc:  # type: ignore[no-untyped-call]
            if doc.needs_pass:
                raise DocumentError(path=str(label), detail=PASSWORD)
            pages = doc.page_count
            if pages < 1:
                raise DocumentError(path=str(label), detail=NO_PAGES)
            doc.load_page(0).get_text("text")
            doc.load_page(pages - 1).get_text("text")
            title = str((doc.metadata or {}).get("title") or "").strip()
    except DocumentError:
        raise
    except Exception as exc:  # PyMuPDF raises many types for broken files
        raise DocumentError(path=str(label), detail=unreadable(exc)) from None
    return pages, title or label.stem


def prepare_document(source: Path, work_dir: Path) -> PreparedPdf:
    suffix = source.suffix.lower()
    if suffix == ".pdf":
        pdf, converted = source, None
    elif suffix in CONVERTIBLE:
        pdf, converted = convert_to_pdf(source, work_dir), suffix[1:]
    else:
        raise DocumentError(path=str(source), detail=UNSUPPORTED)
    pages, title = check_pdf(pdf, source)
    return PreparedPdf(source, pdf, title, pages, converted)
