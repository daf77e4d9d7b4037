"""An agenda item's documents in the clerk's workspace, without Qt: copying files into the session's
folder, converting office files to PDF once (cached by content), checking each PDF as the build will.

* :func:`import_documents` copies the files the clerk dropped into ``documents/`` of the session's
  folder (a name already there gets a new one, ``name (2).docx``: nothing is ever overwritten) and
  returns their paths relative to the folder, as :attr:`ItemDraft.documents` holds them.
* :func:`check_document` is what the build does to a document (:func:`~paperless.core.bundle.convert.
  prepare_document`): convert a DOCX, DOC, ODT or RTF with LibreOffice, open the PDF, count its pages;
  a broken, password-protected or unconvertible file raises a :class:`DocumentError` with a one-line
  message in both languages. A converted PDF is kept in ``.converted/<sha256 of the source>.pdf``
  inside the session's folder (never anywhere else), so the same file is converted once: for the
  preview, for the build (:func:`cached_pdf`) and after a restart.
  Scanned pages then get a text layer by OCR (:mod:`paperless.core.bundle.ocr`), kept in the same
  folder as ``<sha256 of the PDF>.ocr-auto.pdf`` and reused by the build.
* :class:`DocumentChecks` remembers each document's state (waiting, converting, reading, ready, failed) for
  every page of the workspace at once, keyed by the file and its size and time, and tells its
  observers when one changes. The GUI runs the checks on its task layer.

Blocking functions here run on a worker thread, never on the GUI thread.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import tempfile
import threading
from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace
from enum import Enum
from pathlib import Path

from paperless.core.bundle.convert import CONVERTIBLE, UNSUPPORTED, check_pdf, convert_to_pdf
from paperless.core.bundle.errors import ConverterMissingError, DocumentError
from paperless.core.bundle.ocr import OcrMode, PageProgress, ocr_cached
from paperless.core.errors import InputFileError, OutputFileError, PaperlessError, T
from paperless.core.model.observers import Observers

DOCUMENTS_DIR = "documents"
CONVERTED_DIR = ".converted"
ACCEPTED = (".pdf", *sorted(CONVERTIBLE))
_CHUNK = 1 << 20


def accepted(path: Path) -> bool:
    """A file the clerk may add (by its name: the check says whether its content is usable)."""
    return path.suffix.lower() in ACCEPTED


# -- copying into the session's folder --------------------------------------------------------------


def import_documents(sources: Iterable[Path], folder: Path) -> list[str]:
    """Copy ``sources`` into ``folder/documents/``; return their paths relative to ``folder``.

    A file already inside ``folder`` is used where it is. A name already taken gets a new one
    (``name (2).pdf``). Each copy appears whole or not at all. An unsupported or unreadable
    file raises before anything is copied."""
    sources = list(sources)
    for source in sources:
        if not accepted(source):
            raise DocumentError(path=source.name, detail=UNSUPPORTED)
        if not source.is_file():
            raise InputFileError(path=str(source), detail=T("not a file", "không phải là tệp"))
    out: list[str] = []
    for source in sources:
        inside = _inside(source, folder)
        out.append(inside if inside is not None else _copy_in(source, folder / DOCUMENTS_DIR, folder))
    return out


def _inside(path: Path, folder: Path) -> str | None:
    try:
        rel = path.resolve().relative_to(folder.resolve())
    except (ValueError, OSError):
        return None
    return rel.as_posix()


def _copy_in(source: Path, target_dir: Path, folder: Path) -> str:
    try:
        target_dir.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=".adding-", suffix=".tmp", dir=target_dir)
    except OSError as exc:
        raise OutputFileError(path=str(target_dir), detail=exc.strerror or str(exc)) from None
    try:
        try:
            with os.fdopen(fd, "wb") as out, source.open("rb") as src:
                shutil.copyfileobj(src, out, _CHUNK)
                out.flush()
                os.fsync(out.fileno())
        except OSError as exc:
            raise InputFileError(path=str(source), detail=exc.strerror or str(exc)) from None
        for n in range(1, 10_000):
            name = source.name if n == 1 else f"{source.stem} ({n}){source.suffix}"
            target = target_dir / name
            try:
                os.link(tmp, target)  # fails if the name is taken: never overwrites
            except FileExistsError:
                continue
            except OSError as exc:
                raise OutputFileError(path=str(target), detail=exc.strerror or str(exc)) from None
            return target.relative_to(folder).as_posix()
        raise OutputFileError(path=str(target_dir / source.name),
                              detail=T("too many files of that name", "quá nhiều tệp cùng tên"))
    finally:
        Path(tmp).unlink(missing_ok=True)


# -- converting and checking ------------------------------------------------------------------------


def file_hash(path: Path) -> str:
    digest = hashlib.sha256()
    try:
        with path.open("rb") as f:
            while chunk := f.read(_CHUNK):
                digest.update(chunk)
    except OSError as exc:
        raise InputFileError(path=str(path), detail=exc.strerror or str(exc)) from None
    return digest.hexdigest()


def cached_pdf(folder: Path, source: Path) -> Path | None:
    """The PDF converted earlier from ``source`` (by content) in ``folder``'s cache, if any;
    ``source`` itself for a PDF."""
    if source.suffix.lower() == ".pdf":
        return source
    pdf = folder / CONVERTED_DIR / f"{file_hash(source)}.pdf"
    return pdf if pdf.is_file() else None


@dataclass(frozen=True)
class Checked:
    pdf: Path  # the PDF members will see: the source, or its converted copy in .converted/
    pages: int
    converted: bool
    title: str = ""  # the name members see it under: the PDF's own title, else the file's name without extension


def check_document(folder: Path, rel: str, started: Callable[[], None] | None = None,
                   reading: PageProgress | None = None) -> Checked:
    """Convert (once) and check the document ``rel`` of the session in ``folder``, as the build will,
    then give its scanned pages a text layer by OCR (once: the build reuses it, by content).
    ``started`` is called when a conversion begins (it is the slow part); ``reading(done, total)``
    after each scanned page read."""
    checked = _checked(folder.absolute(), rel, started)
    pdf = ocr_cached(checked.pdf, folder.absolute() / CONVERTED_DIR, OcrMode.AUTO, label=Path(rel).name,
                     progress=reading)
    return checked if pdf == checked.pdf else replace(checked, pdf=pdf)


def _checked(folder: Path, rel: str, started: Callable[[], None] | None) -> Checked:
    folder = folder.absolute()  # LibreOffice is given file URIs
    source = folder / rel
    label = Path(rel).name
    if not accepted(source):
        raise DocumentError(path=label, detail=UNSUPPORTED)
    if not source.is_file():
        raise DocumentError(path=label, detail=T("the file is missing", "không tìm thấy tệp"))
    if source.suffix.lower() == ".pdf":
        pages, title = check_pdf(source, Path(label))
        return Checked(source, pages, False, title)
    cache = folder / CONVERTED_DIR
    pdf = cache / f"{file_hash(source)}.pdf"
    if pdf.is_file():
        try:
            pages, title = check_pdf(pdf, Path(label))
            return Checked(pdf, pages, True, title)
        except PaperlessError:
            pdf.unlink(missing_ok=True)  # a damaged copy: convert again
    if started is not None:
        started()
    try:
        cache.mkdir(parents=True, exist_ok=True)
        work = Path(tempfile.mkdtemp(prefix=".converting-", dir=cache))
    except OSError as exc:
        raise OutputFileError(path=str(cache), detail=exc.strerror or str(exc)) from None
    try:
        # LibreOffice names its output after the input: convert a copy with a plain name
        plain = work / f"source{source.suffix.lower()}"
        shutil.copyfile(source, plain)
        made = convert_to_pdf(plain, work)
        pages, title = check_pdf(made, Path(label))
        os.replace(made, pdf)  # whole or not at all
    except (DocumentError, ConverterMissingError) as exc:  # named after the temporary copy: say its name
        raise type(exc)(**{**exc.params, "path": label}) from None
    except OSError as exc:
        raise OutputFileError(path=str(pdf), detail=exc.strerror or str(exc)) from None
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return Checked(pdf, pages, True, title)


# -- the state of every document ---------------------------------------------------------------------


class Status(Enum):
    WAITING = "waiting"  # queued behind other files
    CONVERTING = "converting"
    READING = "reading"  # OCR of its scanned pages: DocState.done of DocState.total pages read
    READY = "ready"
    FAILED = "failed"


@dataclass(frozen=True)
class DocState:
    status: Status
    pages: int = 0
    pdf: Path | None = None
    error: PaperlessError | None = None
    title: str = ""  # what members see the document called (READY)
    done: int = 0  # READING: scanned pages read so far, of ``total``
    total: int = 0


Key = tuple[str, int, int]  # the absolute path, size and modification time of a source


def state_key(path: Path) -> Key | None:
    """What a check's result is kept under: a changed file is checked again. None: no such file."""
    try:
        st = path.stat()
    except OSError:
        return None
    return str(path.resolve()), st.st_size, st.st_mtime_ns


class DocumentChecks:
    """Each document's state, for all the workspace's pages; any thread. Observers get the key."""

    def __init__(self, on_error: Callable[[BaseException], None] | None = None) -> None:
        self._lock = threading.Lock()
        self._states: dict[Key, DocState] = {}
        self.observers: Observers[Key] = Observers(on_error)

    def get(self, key: Key) -> DocState | None:
        with self._lock:
            return self._states.get(key)

    def claim(self, key: Key) -> bool:
        """True (and the state is now waiting) when the document needs a check that nobody runs."""
        with self._lock:
            if key in self._states:
                return False
            self._states[key] = DocState(Status.WAITING)
        self.observers.notify(key)
        return True

    def set(self, key: Key, state: DocState) -> None:
        with self._lock:
            self._states[key] = state
        self.observers.notify(key)

    def forget(self, key: Key) -> None:
        """Check it again when next asked (Retry)."""
        with self._lock:
            self._states.pop(key, None)
        self.observers.notify(key)

    def run(self, folder: Path, rel: str, key: Key) -> DocState:
        """Check one claimed document now (blocking) and keep the result."""
        try:
            checked = check_document(
                folder, rel, lambda: self.set(key, DocState(Status.CONVERTING)),
                lambda done, total: self.set(key, DocState(Status.READING, done=done, total=total)))
        except PaperlessError as exc:
            state = DocState(Status.FAILED, error=exc)
        else:
            state = DocState(Status.READY, checked.pages, checked.pdf, title=checked.title)
        self.set(key, state)
        return state
