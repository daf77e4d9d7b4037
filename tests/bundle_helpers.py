"""Shared builders for bundle tests: identities, PDFs, DOCX files, session.toml, ZIP surgery."""

from __future__ import annotations

import os
import subprocess
import sys
import warnings
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pymupdf

from paperless.core.bundle.zipraw import BundleFile
from paperless.core.identity import create_identity, unlock_identity
from paperless.resources import resource_path

PASSPHRASE = "mật khẩu thử nghiệm 1"
FAST_LOG_N = 10  # tests only; real identities use age's default 2^18
MARKER = "ZEBRA-MARKER-7f3a"
MEMBERS = ("Nguyễn Văn An", "Trần Thị Bình", "Lê Hoàng Cường")
KEYS = ("an", "binh", "cuong")
FONT = str(resource_path("fonts", "NotoSans-Regular.ttf"))


@dataclass(frozen=True)
class People:
    root: Path

    @property
    def clerk(self) -> Path:
        return self.root / "clerk"

    def member(self, key: str) -> Path:
        return self.root / key


def make_people(root: Path) -> People:
    create_identity(root / "clerk", "Văn phòng Tỉnh ủy", "clerk", PASSPHRASE, log_n=FAST_LOG_N)
    create_identity(root / "rogue", "Kẻ giả mạo", "clerk", PASSPHRASE, log_n=FAST_LOG_N)
    create_identity(root / "outsider", "Người ngoài", "member", PASSPHRASE, log_n=FAST_LOG_N)
    for name, key in zip(MEMBERS, KEYS, strict=True):
        create_identity(root / key, name, "member", PASSPHRASE, log_n=FAST_LOG_N)
    return People(root)


def unlock(folder: Path):  # type: ignore[no-untyped-def]
    return unlock_identity(folder, PASSPHRASE, failure_delay=0)


def make_pdf(path: Path, text: str, pages: int = 3) -> Path:
    doc = pymupdf.open()
    for i in range(pages):
        page = doc.new_page()
        page.insert_text((72, 100), f"{text} — trang {i + 1}", fontfile=FONT, fontname="noto", fontsize=14)
    doc.set_metadata({"title": text})
    doc.save(path)
    doc.close()
    return path


def make_docx(path: Path, text: str) -> Path:
    """A minimal but valid Word document with one paragraph."""
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml",
                   '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
                   '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
                   '<Default Extension="xml" ContentType="application/xml"/>'
                   '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>')
        z.writestr("_rels/.rels",
                   '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
                   '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>')
        z.writestr("word/document.xml",
                   '<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
                   f'<w:body><w:p><w:r><w:t>{text}</w:t></w:r></w:p></w:body></w:document>')
    return path


def write_session(root: Path, people: People, *, docs: dict[str, list[Path]] | None = None,
                  expires: str | None = None, extra: str = "") -> Path:
    """A session.toml with three items; the third is restricted to the first member."""
    docs_dir = root / "docs"
    docs_dir.mkdir(exist_ok=True)
    if docs is None:
        docs = {
            "Báo cáo kết quả công tác quý IV/2023": [make_pdf(docs_dir / "baocao.pdf", f"Báo cáo quý IV {MARKER}", 5)],
            "Dự thảo Kế hoạch chuyển đổi số": [make_pdf(docs_dir / "kehoach.pdf", "Kế hoạch chuyển đổi số", 4),
                                                make_pdf(docs_dir / "phuluc.pdf", "Phụ lục", 2)],
            "Công tác cán bộ": [make_pdf(docs_dir / "nhansu.pdf", "Đề án nhân sự MẬT", 2)],
        }
    lines = [
        "[session]",
        'title = "Hội nghị Ban Thường vụ Tỉnh ủy — phiên thứ 12"',
        "starts_at = 2024-01-15T08:00:00+07:00",
        'location = "Phòng họp số 1"',
    ]
    if expires:
        lines.append(f"expires_at = {expires}")
    for name, key in zip(MEMBERS, KEYS, strict=True):
        lines += ["", "[[members]]", f'name = "{name}"', f'key = "{os.path.relpath(people.member(key), root)}"']
    for i, (title, paths) in enumerate(docs.items()):
        rel = ", ".join(f'"{os.path.relpath(p, root)}"' for p in paths)
        lines += ["", "[[items]]", f'title = "{title}"', 'presenter = "Văn phòng Tỉnh ủy"', f"documents = [{rel}]"]
        if i == 2:
            lines.append(f'restricted_to = ["{MEMBERS[0]}"]')
    path = root / "session.toml"
    path.write_text("\n".join(lines) + "\n" + extra, encoding="utf-8")
    return path


def rewrite_zip(src: Path, dst: Path, transform: Callable[[list[tuple[str, bytes]]], list[tuple[str, bytes]]]) -> Path:
    with zipfile.ZipFile(src) as z:
        entries = [(i.filename, z.read(i.filename)) for i in z.infolist()]
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        with zipfile.ZipFile(dst, "w", zipfile.ZIP_STORED) as z:
            for name, data in transform(entries):
                z.writestr(zipfile.ZipInfo(name, (1980, 1, 1, 0, 0, 0)), data)
    return dst


def flip_bit_in_entry(src: Path, dst: Path, entry: str, where: int = 0) -> Path:
    with BundleFile(src) as bf:
        raw = bf.entries[entry]
    data = bytearray(src.read_bytes())
    pos = raw.offset + (where if where >= 0 else raw.size + where)
    data[pos] ^= 0x01
    dst.write_bytes(bytes(data))
    return dst


def run_cli(*args: str | Path, env: dict[str, str] | None = None, timeout: float = 120) -> subprocess.CompletedProcess[str]:
    full_env = {**os.environ, "PAPERLESS_PASSPHRASE": PASSPHRASE, "PAPERLESS_LANG": "en", **(env or {})}
    return subprocess.run([sys.executable, "-m", "paperless", *map(str, args)], capture_output=True,
                          text=True, env=full_env, timeout=timeout, stdin=subprocess.DEVNULL)
