"""Build, check and hand out a session's bundle from the clerk's draft — without Qt.

* :func:`spec_of` — the draft as the checked :class:`~paperless.core.session.SessionSpec` the
  bundle writer takes (the same meaning as the ``session.toml`` it would save; nothing is
  written into the session's folder);
* :func:`build_checked` — build and sign (atomic: a cancelled or failed build leaves no file,
  not even a partial one), then verify the written bundle against the signer's own card, as a
  member's app will;
* :func:`save_copy` — the bundle copied for a USB stick, whole or not at all;
* :func:`bundle_name` — where a version's bundle goes in the session's folder.

Every call blocks: the GUI runs them on the task layer.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import tempfile
import threading
from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path

from paperless.core.bundle import BuildResult, VerifiedBundle, build_bundle, verify_bundle
from paperless.core.clerk.documents import CONVERTED_DIR
from paperless.core.clerk.draft import SessionDraft
from paperless.core.clerk.revision import RECORD_DIR, ItemRecord, snapshot
from paperless.core.errors import DiskFullError, OutputFileError, PaperlessError, T
from paperless.core.identity import UnlockedIdentity
from paperless.core.session import SessionSpec, load_session

BUNDLES_DIR = "bundles"
COPY_CHUNK = 1024 * 1024

#: progress(stage, done, total): "prepare" (documents), "encrypt" (bytes), "verify" (bytes), "copy" (bytes)
Progress = Callable[[str, int, int], None]


class DraftNotReadyError(PaperlessError):
    en = "The session is not ready to build: {detail}"
    vi = "Phiên họp chưa sẵn sàng để tạo gói: {detail}"


class BuildCancelledError(PaperlessError):
    en = "Building was cancelled; no file was written."
    vi = "Đã hủy tạo gói; chưa ghi tệp nào."


class CopyCancelledError(PaperlessError):
    en = "Copying was cancelled; no file was written."
    vi = "Đã hủy sao chép; chưa ghi tệp nào."


def spec_of(draft: SessionDraft) -> SessionSpec:
    """The draft, checked as ``paperless bundle build`` checks ``session.toml``. A draft with
    problems is refused with the first one (the Prepare pages show them all, next to each field)."""
    problems = [*draft.unread, *draft.problems()]
    if problems:
        first = problems[0].message
        more = len(problems) - 1
        detail = first if not more else T(f"{first.en} (and {more} more problems)", f"{first.vi} (và {more} lỗi khác)")
        raise DraftNotReadyError(detail=detail)
    with tempfile.TemporaryDirectory(prefix=".checking-", dir=draft.folder) as tmp:  # titles stay in the session folder
        path = Path(tmp) / "session.toml"
        path.write_text(draft.to_toml(Path(tmp)), encoding="utf-8")
        spec = load_session(path)
        # paths as the files themselves, not through the temporary folder (gone on return)
        items = tuple(replace(item, documents=tuple(d.resolve() for d in item.documents)) for item in spec.items)
        office = spec.office_server.resolve() if spec.office_server is not None else None
    return replace(spec, source=draft.folder / "session.toml", items=items, office_server=office)


def bundle_name(draft: SessionDraft, spec: SessionSpec, version: int) -> Path:
    """``<session folder>/bundles/<session id>-v<version>.paperless``."""
    return draft.folder / BUNDLES_DIR / f"{spec.session_id}-v{version}.paperless"


@dataclass(frozen=True)
class BuildReport:
    path: Path
    version: int
    session_id: str
    signer: str  # the signer's name, as the verified signature says
    documents: int
    items: int
    size: int
    sha256: str  # of the bundle file
    snapshot: tuple[ItemRecord, ...]  # the draft as built (for the record when published)
    session_toml: str = ""  # the draft as built, as session.toml text with paths from ``.published/``

    def summary(self) -> T:
        return T(f"Signed by {self.signer}, {self.documents} documents, {self.items} items, version {self.version}",
                 f"Ký bởi {self.signer}, {self.documents} tài liệu, {self.items} nội dung, phiên bản {self.version}")


def _cancellable(progress: Progress | None, cancel: threading.Event | None, error: type[PaperlessError]) -> Progress:
    def report(stage: str, done: int, total: int) -> None:
        if cancel is not None and cancel.is_set():
            raise error()
        if progress is not None:
            progress(stage, done, total)
    return report


def build_checked(draft: SessionDraft, signer: UnlockedIdentity, version: int, *, out: Path | None = None,
                  progress: Progress | None = None, cancel: threading.Event | None = None) -> BuildReport:
    """Build and sign version ``version`` of the draft, then verify the written bundle.

    ``cancel`` set: stops at the next progress step with :class:`BuildCancelledError`, and the
    bundle is not there (the writer writes under a temporary name and renames at the end). A
    bundle that fails verification is removed too."""
    spec = spec_of(draft)
    target = out or bundle_name(draft, spec, version)
    report = _cancellable(progress, cancel, BuildCancelledError)
    built: BuildResult = build_bundle(spec, signer, target, version=version, progress=report,
                                      ocr_cache=draft.folder / CONVERTED_DIR)  # read by the checks
    try:
        report("verify", 0, 1)
        verified: VerifiedBundle = verify_bundle(built.path, [signer.card],
                                                 progress=lambda done, total: report("verify", done, total))
        sha = _sha256(built.path)
    except BaseException:
        built.path.unlink(missing_ok=True)
        raise
    titles = [[d.title for d in item.documents] for item in built.agenda.items]
    docs = sum(1 for e in verified.manifest.entries if e.kind == "document")
    return BuildReport(built.path, verified.manifest.version, verified.manifest.session_id, verified.signer.name,
                       docs, len(built.agenda.items), built.path.stat().st_size, sha, snapshot(draft, titles),
                       draft.to_toml(draft.folder / RECORD_DIR))


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as f:
        while chunk := f.read(COPY_CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


def save_copy(source: Path, target: Path, *, progress: Progress | None = None,
              cancel: threading.Event | None = None) -> Path:
    """Copy the bundle to ``target`` (a USB stick) under a temporary name, fsync, rename; the
    copy is compared with the source before it takes its name. Cancelled or failed: no file."""
    report = _cancellable(progress, cancel, CopyCancelledError)
    if target.resolve() == source.resolve():
        raise OutputFileError(path=str(target), detail=T("it is the bundle itself", "đây chính là gói tài liệu"))
    try:
        fd, tmp_name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    except OSError as exc:
        raise OutputFileError(path=str(target), detail=exc.strerror or str(exc)) from None
    tmp = Path(tmp_name)
    try:
        total = source.stat().st_size
        done = 0
        source_hash = hashlib.sha256()
        with open(source, "rb") as src, os.fdopen(fd, "wb") as dst:
            report("copy", 0, total)
            while chunk := src.read(COPY_CHUNK):
                source_hash.update(chunk)
                dst.write(chunk)
                done += len(chunk)
                report("copy", done, total)
            dst.flush()
            os.fsync(dst.fileno())
        if _sha256(tmp) != source_hash.hexdigest():  # read back from the stick
            raise OutputFileError(path=str(target), detail=T("the copy differs from the bundle",
                                                             "bản sao khác với gói tài liệu"))
        os.replace(tmp, target)
    except OSError as exc:
        tmp.unlink(missing_ok=True)
        if exc.errno == 28:  # ENOSPC
            raise DiskFullError(path=str(target)) from None
        raise OutputFileError(path=str(target), detail=exc.strerror or str(exc)) from None
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    return target


def clear_work(folder: Path) -> None:
    """Remove what a preview left in ``folder`` (converted PDFs), quietly."""
    shutil.rmtree(folder, ignore_errors=True)


__all__ = [
    "BUNDLES_DIR", "RECORD_DIR", "BuildCancelledError", "BuildReport", "CopyCancelledError", "DraftNotReadyError",
    "Progress", "build_checked", "bundle_name", "clear_work", "save_copy", "spec_of",
]
