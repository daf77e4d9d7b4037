"""Writing what a member may read out of a bundle into a fresh folder (the CLI's extract)."""

from __future__ import annotations

import errno
import os
import re
import shutil
from dataclasses import dataclass
from pathlib import Path

from paperless.core.bundle.errors import ExpiredError, TamperedError
from paperless.core.bundle.opened import OpenedBundle
from paperless.core.errors import DiskFullError, OutputFileError, PaperlessError, T


class OutputExistsError(PaperlessError):
    en = "{path} already exists; extract writes into a new folder only."
    vi = "{path} đã tồn tại; chỉ giải nén vào một thư mục mới."


@dataclass(frozen=True)
class Extracted:
    folder: Path
    files: tuple[Path, ...]


def safe_filename(text: str, limit: int = 80) -> str:
    cleaned = re.sub(r'[\\/:*?"<>|\x00-\x1f]', "_", text).strip(" .")
    return cleaned[:limit].rstrip(" .") or "_"


def _agenda_text(opened: OpenedBundle) -> str:
    a = opened.agenda
    lines = [a.title, f"{a.starts_at.isoformat(' ')} — {a.location}", ""]
    for item in a.items:
        mark = "" if item.readable_by(opened.member) else "  [restricted / hạn chế]"
        lines.append(f"{item.number}. {item.title}{mark}")
        if item.presenter:
            lines.append(f"   {item.presenter}")
        for doc in item.documents:
            lines.append(f"   - {doc.title} ({doc.pages} p.)")
    return "\n".join(lines) + "\n"


def extract_bundle(opened: OpenedBundle, out_dir: Path) -> Extracted:
    """Decrypt the agenda and every readable document into ``out_dir``, which must not exist.

    Everything goes to a hidden sibling folder first and is renamed at the end, so a failure
    (tampering found mid-way, full disk) leaves nothing behind. Each document is checked
    against the agenda's signed SHA-256 and size once written there; and ``out_dir`` appears
    only if, at the end, the bundle's path still names the very file that was read.
    """
    if opened.expired:
        assert opened.manifest.expires_at is not None
        raise ExpiredError(path=str(opened.path), when=opened.manifest.expires_at.isoformat(" "))
    if out_dir.exists():
        raise OutputExistsError(path=str(out_dir))
    tmp = out_dir.parent / f".{out_dir.name}.partial-{os.getpid()}"
    files: list[Path] = []
    try:
        tmp.mkdir(parents=True, mode=0o700)
        (tmp / "agenda.json").write_bytes(opened.agenda.to_json())
        (tmp / "agenda.txt").write_text(_agenda_text(opened), encoding="utf-8")
        files += [out_dir / "agenda.json", out_dir / "agenda.txt"]
        for item in opened.agenda.items:
            if not item.readable_by(opened.member):
                continue
            folder = f"{item.number:02d} {safe_filename(item.title)}"
            (tmp / folder).mkdir()
            for doc in item.documents:
                name = safe_filename(doc.filename)
                with open(tmp / folder / name, "wb") as out:
                    opened.copy_document(doc.entry, out)  # refused, and the folder removed, on any mismatch
                files.append(out_dir / folder / name)
        if not opened.still_at_path():
            raise TamperedError(path=str(opened.path), detail=T(
                "the file was replaced or changed while it was being read",
                "tệp đã bị thay thế hoặc sửa đổi trong khi đang đọc"))
        os.rename(tmp, out_dir)
    except OSError as exc:
        shutil.rmtree(tmp, ignore_errors=True)
        if exc.errno == errno.ENOSPC:
            raise DiskFullError(path=str(out_dir)) from None
        raise OutputFileError(path=str(out_dir), detail=exc.strerror or str(exc)) from None
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    return Extracted(out_dir, tuple(files))


__all__ = ["Extracted", "OutputExistsError", "T", "extract_bundle", "safe_filename"]
