"""Building a signed, encrypted session bundle from a parsed ``session.toml``.

Streaming throughout: each document is read, encrypted and hashed in batches of 64 KiB chunks
straight into its ZIP entry, so memory stays bounded whatever the total size. Documents go
through a two-stage pipeline: the calling thread reads, hashes and encrypts a batch while a
second thread (:class:`_EntryStage`) hashes the previous encrypted batch and writes it into the
ZIP; hashlib, ChaCha20-Poly1305, zlib's CRC-32 and file I/O release the GIL on large buffers, so
the two stages use two cores. At most :data:`PIPE_DEPTH` batches wait between them. Without a
free core (:func:`use_writer_thread`) both stages run inline in the calling thread. The bundle
is written under a temporary name and renamed only when complete. Every entry is padded (Padmé
sizes, the same number of recipient stanzas: :mod:`.padding`).
"""

from __future__ import annotations

import errno
import hashlib
import io
import os
import queue
import shutil
import tempfile
import threading
import zipfile
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from pathlib import Path
from typing import BinaryIO, cast

from paperless.core.age import Recipient, X25519Recipient, encrypt
from paperless.core.age.stream import BATCH, ENC_CHUNK_SIZE
from paperless.core.bundle.audience import make_audience, make_control
from paperless.core.bundle.convert import PreparedPdf, prepare_document
from paperless.core.bundle.manifest import (
    AGENDA_NAME,
    MANIFEST_NAME,
    OFFICE_NAME,
    SIGNATURE_NAME,
    Agenda,
    AgendaDocument,
    AgendaItem,
    AgendaMember,
    Entry,
    Manifest,
    Signer,
)
from paperless.core.bundle.ocr import OcrMode, ocr_cached
from paperless.core.bundle.padding import PaddedReader, StanzaPlan, pad_json, pad_toml
from paperless.core.classification import Level
from paperless.core.errors import DiskFullError, OutputFileError, PaperlessError, T
from paperless.core.identity import UnlockedIdentity
from paperless.core.session import SessionSpec
from paperless.core.sync.errors import OfficeFileError
from paperless.core.sync.office import OfficeSignerError, parse_office_file

#: encrypted batches (about 2 MiB each) that may wait between the two stages of the pipeline
PIPE_DEPTH = 4

#: progress(stage, done, total): stage is "prepare" (documents), "ocr" (scanned pages of the document
#: being read) or "encrypt" (bytes)
BuildProgress = Callable[[str, int, int], None]


class SignerRoleError(PaperlessError):
    en = "{name} is not a clerk identity; only a clerk can sign a bundle."
    vi = "{name} không phải danh tính của văn thư; chỉ văn thư mới được ký gói tài liệu."


class OfficeFileSignerError(PaperlessError):
    en = ("{path} cannot go with this session: it is not signed with the clerk key that signs the bundle "
          "({name}). Make it with: paperless server init … --office and this clerk's folder.")
    vi = ("Không thể gửi kèm {path} theo phiên họp này: tệp không được ký bằng khóa văn thư đang ký gói tài liệu "
          "({name}). Hãy tạo tệp bằng: paperless server init … --office với thư mục của văn thư này.")


def _office_file(spec: SessionSpec, signer: UnlockedIdentity) -> bytes | None:
    """The office-server file session.toml names, checked as a member will check it, against the
    signer's own card only: a file signed with another key is refused before anything is written."""
    if spec.office_server is None:
        return None
    path = spec.office_server
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise OfficeFileError(path=str(path), detail=exc.strerror or str(exc)) from None
    try:
        parse_office_file(raw, [signer.card], str(path))
    except OfficeSignerError:
        raise OfficeFileSignerError(path=str(path), name=signer.card.name) from None
    return raw


@dataclass(frozen=True)
class BuildResult:
    path: Path
    manifest: Manifest
    agenda: Agenda


class _CountingWriter(io.RawIOBase):
    """Pass-through writer that hashes and counts what goes into a ZIP entry."""

    def __init__(self, dst: BinaryIO) -> None:
        self.dst = dst
        self.digest = hashlib.sha256()
        self.size = 0

    def writable(self) -> bool:
        return True

    def write(self, b: object) -> int:
        data = memoryview(cast(bytes, b))
        self.digest.update(data)
        self.size += len(data)
        self.dst.write(data)
        return len(data)


@dataclass
class _Written:
    """What the second stage wrote into one ZIP entry: its size and SHA-256 (valid once finished)."""

    size: int = 0
    digest: hashlib._Hash | None = None

    def hexdigest(self) -> str:
        assert self.digest is not None
        return self.digest.hexdigest()


_Command = tuple[str, object] | None

#: one buffer of the pipeline: a batch of encrypted chunks as :func:`encrypt` writes it
_BUFFER_SIZE = BATCH * ENC_CHUNK_SIZE


def use_writer_thread() -> bool:
    """Whether the pipeline gets its second thread: only when about a whole core is free.

    The second thread pays for itself only on a core of its own (the batches cross between
    cores' caches, ~15 % more CPU time); on a machine already busy (1-minute load average
    within one of the core count, where it is known) the build runs inline and uses less CPU.
    Measured on a shared 2-core machine: docs/benchmarks.md, 2026-12-07, build speed.
    """
    affinity = getattr(os, "sched_getaffinity", None)
    cores = len(affinity(0)) if affinity is not None else (os.cpu_count() or 1)
    if cores < 2:
        return False
    try:
        load = os.getloadavg()[0]
    except (AttributeError, OSError):  # Windows: no load average
        return True
    return load <= cores - 1


class _EntryStage(io.RawIOBase):
    """The pipeline's second stage: a thread that hashes encrypted bytes and writes them into
    their ZIP entry.

    While it runs, only its thread touches the ZipFile. The calling thread calls :meth:`begin` for
    an entry, :meth:`write` for its data, then :meth:`end`. Data is copied (``encrypt`` reuses its
    buffers) into one of ``depth`` buffers, which the thread hands back once written: at most
    ``depth`` buffers exist, and a writer faster than the disk waits for one. A failure in the
    thread (a full disk) is raised again in the calling thread at its next call; :meth:`finish`
    waits for everything and raises it too; :meth:`stop` (always, in ``finally``) ends the thread,
    discarding what is left when the build failed. With ``threaded=False`` (one core) the same
    work is done inline, in the calling thread, without copies.
    """

    def __init__(self, zf: zipfile.ZipFile, depth: int = PIPE_DEPTH, *, threaded: bool = True) -> None:
        super().__init__()
        self._zf = zf
        self._queue: queue.SimpleQueue[_Command] = queue.SimpleQueue()  # bounded by the buffers
        self._free: queue.SimpleQueue[bytearray] = queue.SimpleQueue()
        self._error: BaseException | None = None
        self._dst: BinaryIO | None = None
        self._written: _Written | None = None
        self._thread: threading.Thread | None = None
        if threaded:
            for _ in range(depth):
                self._free.put(bytearray(_BUFFER_SIZE))
            self._thread = threading.Thread(target=self._run, name="bundle-writer", daemon=True)
            self._thread.start()

    def writable(self) -> bool:
        return True

    def _check(self) -> None:
        if self._error is not None:
            raise self._error

    def begin(self, name: str) -> _Written:
        self._check()
        written = _Written(digest=hashlib.sha256())
        if self._thread is None:
            self._begin(name, written)
        else:
            self._queue.put(("begin", (name, written)))
        return written

    def write(self, b: object) -> int:
        view = memoryview(cast(bytes, b)).cast("B")
        if self._thread is None:
            self._data(view)
            return len(view)
        done = 0
        while done < len(view):
            self._check()
            buf = self._free.get()  # the thread hands every buffer back, even after a failure
            n = min(len(buf), len(view) - done)
            buf[:n] = view[done : done + n]
            self._queue.put(("data", (buf, n)))
            done += n
        return done

    def end(self) -> None:
        self._check()
        if self._thread is None:
            self._end()
        else:
            self._queue.put(("end", None))

    def finish(self) -> None:
        """Wait until everything queued is written; raise the thread's error if it failed."""
        self.stop()
        self._check()

    def stop(self) -> None:
        if self._thread is not None and self._thread.is_alive():
            self._queue.put(None)
            self._thread.join()

    # -- the work itself, in the thread (or inline) ------------------------------------------------

    def _begin(self, name: str, written: _Written) -> None:
        self._written = written
        self._dst = cast(BinaryIO, self._zf.open(_info(name), "w", force_zip64=True))

    def _data(self, data: memoryview) -> None:
        assert self._dst is not None and self._written is not None and self._written.digest is not None
        self._written.digest.update(data)
        self._written.size += len(data)
        self._dst.write(data)

    def _end(self) -> None:
        assert self._dst is not None
        handle, self._dst = self._dst, None
        handle.close()

    def _run(self) -> None:
        while (command := self._queue.get()) is not None:
            kind, arg = command
            try:
                if kind == "data":
                    buf, n = cast(tuple[bytearray, int], arg)
                    try:
                        if self._error is None:
                            with memoryview(buf)[:n] as data:
                                self._data(data)
                    finally:
                        self._free.put(buf)
                elif self._error is not None:
                    continue  # the build failed: drain what the calling thread still queues
                elif kind == "begin":
                    self._begin(*cast(tuple[str, _Written], arg))
                else:
                    self._end()
            except BaseException as exc:  # raised again in the calling thread
                self._error = exc
        self.abandon()

    def abandon(self) -> None:
        """Close an entry left open by a failed build, so that the ZipFile can close."""
        if self._dst is not None:
            handle, self._dst = self._dst, None
            try:
                handle.close()
            except Exception:  # already failing; the partial file is deleted
                pass


class _HashingReader(io.RawIOBase):
    """Pass-through reader that hashes the plaintext and reports progress."""

    def __init__(self, src: BinaryIO, on_read: Callable[[int], None]) -> None:
        self.src = src
        self.digest = hashlib.sha256()
        self.size = 0
        self.on_read = on_read

    def readable(self) -> bool:
        return True

    def readinto(self, b: object) -> int:
        view = memoryview(cast(bytearray, b))
        n = self.src.readinto(view)  # type: ignore[attr-defined]
        if n:
            self.digest.update(view[:n])
            self.size += n
            self.on_read(n)
        return int(n or 0)


def _recipients(spec: SessionSpec, names: Sequence[str] | None) -> list[X25519Recipient]:
    return [m.card.age_recipient for m in spec.members if names is None or m.name in names]


def _padded(plan: StanzaPlan, spec: SessionSpec, names: Sequence[str] | None) -> list[Recipient]:
    return plan.recipients(_recipients(spec, names))


def build_bundle(
    spec: SessionSpec,
    signer: UnlockedIdentity,
    out: Path,
    *,
    version: int = 1,
    progress: BuildProgress | None = None,
    now: datetime | None = None,
    ocr: OcrMode = OcrMode.AUTO,
    ocr_cache: Path | None = None,
) -> BuildResult:
    """Build and sign the bundle of ``spec`` at ``out``. Scanned pages get a text layer by OCR
    (``ocr``: pages without one, every page, or none), kept in ``ocr_cache`` when given (the clerk
    workspace's, which its document checks filled), else read now in a temporary folder."""
    if signer.card.role != "clerk":
        raise SignerRoleError(name=signer.card.name)
    if version < 1:
        raise PaperlessError(detail=T("--version must be 1 or more", "--version phải từ 1 trở lên"))
    report = progress or (lambda stage, done, total: None)
    office = _office_file(spec, signer)
    out = out.absolute()
    try:
        out.parent.mkdir(parents=True, exist_ok=True)
        work = Path(tempfile.mkdtemp(prefix="paperless-build-"))
    except OSError as exc:
        raise OutputFileError(path=str(out), detail=exc.strerror or str(exc)) from None
    partial = out.parent / f".{out.name}.partial-{os.getpid()}"
    try:
        prepared: list[list[PreparedPdf]] = []
        total_docs = sum(len(item.documents) for item in spec.items)
        for item in spec.items:
            prepared.append([])
            for doc in item.documents:
                report("prepare", sum(len(p) for p in prepared), total_docs)
                ready = prepare_document(doc, work)
                pdf = ocr_cached(ready.pdf, ocr_cache or work, ocr, label=doc.name,
                                 progress=lambda done, total: report("ocr", done, total))
                prepared[-1].append(ready if pdf == ready.pdf else replace(ready, pdf=pdf))
        report("prepare", total_docs, total_docs)
        manifest, agenda = _write_zip(spec, signer, partial, prepared, version, report, now, office)
        os.replace(partial, out)
    except OSError as exc:
        if exc.errno == errno.ENOSPC:
            raise DiskFullError(path=str(out)) from None
        raise OutputFileError(path=str(out), detail=exc.strerror or str(exc)) from None
    finally:
        partial.unlink(missing_ok=True)
        shutil.rmtree(work, ignore_errors=True)
    return BuildResult(out, manifest, agenda)


def agenda_of(spec: SessionSpec, version: int, items: Sequence[AgendaItem]) -> Agenda:
    """The agenda members decrypt, for ``spec`` with these items (also the clerk's preview's)."""
    return Agenda(
        session_id=spec.session_id, version=version, title=spec.title, starts_at=spec.starts_at,
        location=spec.location, expires_at=spec.expires_at,
        members=tuple(AgendaMember(m.name, m.card.recipient, m.card.signing_key) for m in spec.members),
        watermark=spec.policy.watermark, allow_copy=spec.policy.allow_copy,
        allow_print=spec.policy.allow_print, items=tuple(items),
        idle_lock_minutes=spec.policy.idle_lock_minutes,
        notes_retention_days=spec.policy.notes_retention_days, polls=spec.polls,
        body=spec.body, documents_due=spec.documents_due,
        chair=spec.chair, secretariat=spec.secretariat,
    )


def _write_zip(
    spec: SessionSpec,
    signer: UnlockedIdentity,
    partial: Path,
    prepared: list[list[PreparedPdf]],
    version: int,
    report: BuildProgress,
    now: datetime | None,
    office: bytes | None = None,
) -> tuple[Manifest, Agenda]:
    total = sum(p.pdf.stat().st_size for docs in prepared for p in docs)
    done = 0

    def on_read(n: int) -> None:
        nonlocal done
        done += n
        report("encrypt", done, total)

    with open(partial, "wb") as raw:
        manifest, agenda = _write_entries(spec, signer, raw, prepared, version, on_read, now, office)
        raw.flush()
        os.fsync(raw.fileno())
    return manifest, agenda


def _write_entries(
    spec: SessionSpec,
    signer: UnlockedIdentity,
    raw: BinaryIO,
    prepared: list[list[PreparedPdf]],
    version: int,
    on_read: Callable[[int], None],
    now: datetime | None,
    office: bytes | None = None,
) -> tuple[Manifest, Agenda]:
    items: list[AgendaItem] = []
    counter = 0
    plan = StanzaPlan(_recipients(spec, None))
    with zipfile.ZipFile(raw, "w", zipfile.ZIP_STORED) as zf:
        stage = _EntryStage(zf, threaded=use_writer_thread())
        written: list[tuple[str, _Written, Level | None]] = []
        try:
            for number, (item, docs) in enumerate(zip(spec.items, prepared, strict=True), start=1):
                agenda_docs: list[AgendaDocument] = []
                for p in docs:
                    counter += 1
                    name = f"documents/{counter:04d}.age"
                    with open(p.pdf, "rb") as src:
                        written.append((name, stage.begin(name), item.level))
                        reader = _HashingReader(src, on_read)
                        encrypt(_padded(plan, spec, item.restricted_to), cast(BinaryIO, PaddedReader(reader)),
                                cast(BinaryIO, stage))
                        stage.end()
                    agenda_docs.append(AgendaDocument(
                        name, p.title, p.source.name if p.converted_from is None else p.source.stem + ".pdf",
                        p.pages, reader.size, reader.digest.hexdigest(), p.converted_from,
                    ))
                items.append(AgendaItem(number, item.title, item.presenter, item.restricted_to,
                                        tuple(agenda_docs), item.level, item.comments_due))
            stage.finish()
        finally:
            stage.stop()
            stage.abandon()  # inline (one core), a failure may have left an entry open
        entries = [Entry(name, "document", w.size, w.hexdigest(), level) for name, w, level in written]
        agenda = agenda_of(spec, version, items)
        with zf.open(_info(AGENDA_NAME), "w", force_zip64=True) as dst:
            writer = _CountingWriter(cast(BinaryIO, dst))
            encrypt(_padded(plan, spec, None), io.BytesIO(pad_json(agenda.to_json())), cast(BinaryIO, writer))
        entries.insert(0, Entry(AGENDA_NAME, "agenda", writer.size, writer.digest.hexdigest()))
        if office is not None:  # to every member, like the agenda: the server's address is not for strangers
            with zf.open(_info(OFFICE_NAME), "w", force_zip64=True) as dst:
                writer = _CountingWriter(cast(BinaryIO, dst))
                encrypt(_padded(plan, spec, None), io.BytesIO(pad_toml(office)), cast(BinaryIO, writer))
            entries.insert(1, Entry(OFFICE_NAME, "office", writer.size, writer.digest.hexdigest()))
        card = signer.card
        manifest = Manifest(
            session_id=spec.session_id, version=version,
            issued_at=(now or datetime.now(UTC)).astimezone(spec.starts_at.tzinfo).replace(microsecond=0),
            expires_at=spec.expires_at,
            signer=Signer(card.name, signer.signing_key.public_key().key_id_hex, card.signing_key,
                          card.fingerprint),
            entries=tuple(entries),
            audience=make_audience(spec.session_id, (m.card.fingerprint for m in spec.members)),
            control=make_control(spec.session_id, (m.card.fingerprint for m in spec.members
                                                   if m.name == spec.chair or m.name in spec.secretariat)),
        )
        manifest_bytes = manifest.to_json()
        signature = signer.signing_key.sign(
            manifest_bytes,
            trusted_comment=f"paperless-bundle session:{spec.session_id} version:{version}",
            untrusted_comment=f"signature from {card.name} (paperless)",
        )
        zf.writestr(_info(MANIFEST_NAME), manifest_bytes)
        zf.writestr(_info(SIGNATURE_NAME), signature.encode("utf-8"))
    return manifest, agenda


def _info(name: str) -> zipfile.ZipInfo:
    info = zipfile.ZipInfo(name, date_time=(1980, 1, 1, 0, 0, 0))
    info.compress_type = zipfile.ZIP_STORED
    info.external_attr = 0o644 << 16
    return info
