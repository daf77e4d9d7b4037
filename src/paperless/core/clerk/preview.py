""""Preview as a member": the session as one member will see it, from the clerk's plaintext — without Qt.

No member's secret is ever touched, and nothing is encrypted: the clerk's own documents are
prepared as the bundle writer prepares them (office files converted to PDF, every PDF checked),
and the agenda is the very :class:`~paperless.core.bundle.Agenda` the writer would sign
(:func:`preview_agenda`). For the chosen member, :class:`MemberPreview` answers what the reader
will answer: which items are locked (restricted to others), which documents they may open, and
the watermark text their copy will carry (the reader's own :func:`~paperless.core.model.watermark_text`).
"""

from __future__ import annotations

import hashlib
import shutil
import tempfile
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from paperless.core.bundle.convert import PreparedPdf, prepare_document
from paperless.core.bundle.manifest import Agenda, AgendaDocument, AgendaItem
from paperless.core.bundle.writer import agenda_of
from paperless.core.classification import Level
from paperless.core.clerk.draft import SessionDraft
from paperless.core.clerk.publishing import spec_of
from paperless.core.errors import PaperlessError, T
from paperless.core.model.session import watermark_text
from paperless.core.session import SessionSpec

LOCKED_TEXT = T("Restricted document — not available to you", "Tài liệu hạn chế — đồng chí không được xem")

#: progress(done, total) documents prepared
PrepareProgress = Callable[[int, int], None]


class PreviewCancelledError(PaperlessError):
    en = "The preview was cancelled."
    vi = "Đã hủy xem trước."


class NoSuchMemberError(PaperlessError):
    en = "{name} is not a member of this session."
    vi = "{name} không phải thành viên của phiên họp này."


@dataclass
class PreparedSession:
    """The draft's documents as PDFs (converted copies in :attr:`work`), with the agenda they make."""

    spec: SessionSpec
    agenda: Agenda
    pdfs: dict[str, Path]  # agenda entry → the PDF members will read
    work: Path  # converted copies; :meth:`close` removes them
    closed: bool = field(default=False)

    @property
    def members(self) -> list[str]:
        return [m.name for m in self.agenda.members]

    def as_member(self, member: str, today: date) -> MemberPreview:
        if member not in self.members:
            raise NoSuchMemberError(name=member)
        return MemberPreview(self, member, today)

    def close(self) -> None:
        self.closed = True
        shutil.rmtree(self.work, ignore_errors=True)


def _sha256(path: Path) -> tuple[int, str]:
    digest = hashlib.sha256()
    size = 0
    with open(path, "rb") as f:
        while chunk := f.read(1024 * 1024):
            digest.update(chunk)
            size += len(chunk)
    return size, digest.hexdigest()


def preview_agenda(spec: SessionSpec, prepared: list[list[PreparedPdf]], version: int = 1) -> Agenda:
    """The agenda the bundle writer signs for this spec (entries numbered as it numbers them)."""
    items: list[AgendaItem] = []
    counter = 0
    for number, (item, docs) in enumerate(zip(spec.items, prepared, strict=True), start=1):
        agenda_docs = []
        for p in docs:
            counter += 1
            size, sha = _sha256(p.pdf)
            agenda_docs.append(AgendaDocument(
                f"documents/{counter:04d}.age", p.title,
                p.source.name if p.converted_from is None else p.source.stem + ".pdf",
                p.pages, size, sha, p.converted_from))
        items.append(AgendaItem(number, item.title, item.presenter, item.restricted_to, tuple(agenda_docs),
                                item.level, item.comments_due))
    return agenda_of(spec, version, items)


def prepare_preview(draft: SessionDraft, version: int = 1, *, progress: PrepareProgress | None = None,
                    cancel: threading.Event | None = None) -> PreparedSession:
    """Check the draft and prepare its documents as the writer does (LibreOffice for office files).
    The caller closes the result (its converted copies are removed)."""
    spec = spec_of(draft)
    work = Path(tempfile.mkdtemp(prefix=".preview-", dir=draft.folder))  # the clerk's plaintext stays in its folder
    try:
        total = sum(len(item.documents) for item in spec.items)
        prepared: list[list[PreparedPdf]] = []
        done = 0
        for item in spec.items:
            prepared.append([])
            for doc in item.documents:
                if cancel is not None and cancel.is_set():
                    raise PreviewCancelledError()
                if progress is not None:
                    progress(done, total)
                prepared[-1].append(prepare_document(doc, work))
                done += 1
        if progress is not None:
            progress(total, total)
        agenda = preview_agenda(spec, prepared, version)
        pdfs = {d.entry: p.pdf for item, docs in zip(agenda.items, prepared, strict=True)
                for d, p in zip(item.documents, docs, strict=True)}
        return PreparedSession(spec, agenda, pdfs, work)
    except BaseException:
        shutil.rmtree(work, ignore_errors=True)
        raise


@dataclass(frozen=True)
class PreviewDocument:
    entry: str
    title: str
    item: int  # the item's number
    readable: bool
    pages: int
    watermark: str | None  # the text on every page of this member's copy (None: no watermark)
    level: Level | None


class MemberPreview:
    """One member's view of a prepared session."""

    def __init__(self, prepared: PreparedSession, member: str, today: date) -> None:
        self.prepared = prepared
        self.member = member
        self.today = today

    @property
    def agenda(self) -> Agenda:
        return self.prepared.agenda

    def locked_items(self) -> list[AgendaItem]:
        return [item for item in self.agenda.items if not item.readable_by(self.member)]

    def documents(self) -> list[PreviewDocument]:
        out = []
        for item in self.agenda.items:
            readable = item.readable_by(self.member)
            for d in item.documents:
                out.append(PreviewDocument(d.entry, d.title, item.number, readable, d.pages,
                                           self.watermark(item.level) if readable else None, item.level))
        return out

    def document(self, entry: str) -> PreviewDocument:
        for d in self.documents():
            if d.entry == entry:
                return d
        raise KeyError(entry)

    def readable(self) -> list[PreviewDocument]:
        return [d for d in self.documents() if d.readable]

    def watermark(self, level: Level | None = None) -> str | None:
        """As the reader's policy decides: on when the office asks, always on a classified document."""
        if not (self.agenda.watermark or level is not None):
            return None
        return watermark_text(self.member, self.agenda.title, self.today, level)

    def read(self, entry: str) -> bytes:
        """The PDF of a document this member may read (a restricted one is refused, as the reader does)."""
        doc = self.document(entry)
        if not doc.readable:
            raise PaperlessError(detail=LOCKED_TEXT)
        return self.prepared.pdfs[entry].read_bytes()
