"""A bundle opened for one member: the agenda, and each document checked before it is handed out.

Every read goes through the bundle's one open file (:class:`~.zipraw.BundleFile`). A document's
stored bytes are checked against the signed manifest before its first use, and its decrypted
bytes against the agenda's SHA-256 and ``size`` before they are handed out — so neither a file
renamed over the path nor bytes overwritten in place can put another document in front of the
member. Padding after ``size`` bytes (docs/bundle-format.md) is never shown.
"""

from __future__ import annotations

import hashlib
import io
from collections.abc import Callable
from datetime import UTC, datetime

from paperless.core.age import AgeError, AgeNoMatchError, AgeReader
from paperless.core.age._io import Writable, write_all
from paperless.core.age.api import open_input, unwrap_file_key
from paperless.core.age.header import read_header
from paperless.core.age.stream import decrypt_stream
from paperless.core.bundle.errors import ExpiredError, NotPermittedError, TamperedError
from paperless.core.bundle.manifest import Agenda, AgendaDocument, AgendaItem, Manifest
from paperless.core.bundle.zipraw import BundleFile, Progress
from paperless.core.errors import T
from paperless.core.identity import PublicCard, UnlockedIdentity


def check_hash(bf: BundleFile, name: str, expected: str, progress: Progress | None = None,
               done: int = 0, total: int = 0) -> None:
    """Refuse the entry unless its stored bytes, read through ``bf``, have the signed SHA-256."""
    if bf.sha256(name, progress, done, total) != expected:
        raise TamperedError(path=bf.label, detail=T(f"entry {name} has been altered",
                                                    f"mục {name} đã bị sửa đổi"))


Clock = Callable[[], datetime]


def system_clock() -> datetime:
    return datetime.now(UTC)


class DocumentReader:
    """Random access to one document's plaintext: ``size`` bytes (any padding after them is not shown)."""

    def __init__(self, reader: AgeReader, size: int) -> None:
        self._reader = reader
        self.size = size

    def read_at(self, offset: int, n: int) -> bytes:
        """Up to ``n`` plaintext bytes at ``offset`` (fewer only at the end)."""
        return self._reader.read_at(offset, max(0, min(n, self.size - offset)))

    def close(self) -> None:
        self._reader.close()

    def __enter__(self) -> DocumentReader:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


class _CheckedSink:
    """Takes a document's decrypted payload: passes on its first ``size`` bytes and hashes them."""

    def __init__(self, dst: Writable, size: int) -> None:
        self._dst = dst
        self._size = size
        self.taken = 0  # bytes of the payload seen, padding included
        self.digest = hashlib.sha256()

    def write(self, data: bytes | bytearray | memoryview, /) -> int:
        view = memoryview(data).cast("B")
        keep = view[: max(0, self._size - self.taken)]
        if keep:
            self.digest.update(keep)
            write_all(self._dst, keep)
        self.taken += len(view)
        return len(view)


class _Filled:
    """A buffer of a known size, written in order (a document's plaintext)."""

    def __init__(self, size: int) -> None:
        self.buffer = bytearray(size)
        self.view = memoryview(self.buffer)
        self.at = 0

    def write(self, data: bytes | bytearray | memoryview, /) -> int:
        view = memoryview(data).cast("B")
        end = self.at + len(view)
        if end > len(self.buffer):  # never more than the agenda's size (the sink cuts there)
            raise ValueError("more plaintext than the document's size")
        self.view[self.at:end] = view
        self.at = end
        return len(view)

    def wipe(self) -> None:
        self.view[:] = bytes(len(self.buffer))
        self.view.release()


class OpenedBundle:
    """A verified bundle opened for one member: the agenda and documents, in memory only.

    Expiry is decided at every access (``expired``, :meth:`open_document`), from ``clock`` — the
    app gives the library's clock, which never goes back past the latest time it has seen — and
    never earlier than the time the office signed the bundle (``issued_at``).

    Every read goes through the one open file of the bundle. A document's stored bytes are
    checked against the signed manifest before its first use, and its decrypted bytes against
    the agenda's SHA-256 and ``size`` before they are handed out (:meth:`read_document`,
    :meth:`copy_document`); :meth:`open_document` decrypts from a checked copy in memory.
    """

    def __init__(self, bf: BundleFile, manifest: Manifest, signer: PublicCard, agenda: Agenda,
                 identity: UnlockedIdentity, member: str, clock: Clock, *,
                 verified: frozenset[str] = frozenset(), office_file: bytes | None = None) -> None:
        self._bf = bf
        self.path = bf.path
        self.manifest = manifest
        self.signer = signer
        self.agenda = agenda
        self.member = member
        self.office_file = office_file  # the office-server.toml carried, hash checked, not yet its signature
        self._identity = identity
        self._clock = clock
        self._verified: set[str] = set(verified)  # entries hashed through this open file

    def now(self) -> datetime:
        """The time expiry is decided by: the clock, but not before the office issued the bundle."""
        return max(self._clock(), self.manifest.issued_at)

    @property
    def expired(self) -> bool:
        expires = self.manifest.expires_at
        return expires is not None and self.now() >= expires

    def restricted_items(self) -> list[AgendaItem]:
        return [it for it in self.agenda.items if not it.readable_by(self.member)]

    def still_at_path(self) -> bool:
        """Whether the bundle's path still names the file opened, unchanged since."""
        return self._bf.still_at_path()

    def duplicate_file(self) -> BundleFile:
        """The bundle's open file, for work that outlives this object (see BundleFile.duplicate)."""
        return self._bf.duplicate()

    def _find(self, entry: str) -> tuple[AgendaItem, AgendaDocument]:
        for item in self.agenda.items:
            for doc in item.documents:
                if doc.entry == entry:
                    return item, doc
        raise KeyError(entry)

    def _allowed(self, entry: str) -> tuple[AgendaItem, AgendaDocument]:
        """The document, if this member may read it now (not expired, not restricted)."""
        item, doc = self._find(entry)
        if self.expired:
            assert self.manifest.expires_at is not None
            raise ExpiredError(path=self._bf.label, when=self.manifest.expires_at.isoformat(" "))
        if not item.readable_by(self.member):
            raise NotPermittedError(path=self._bf.label, title=item.title, name=self.member)
        return item, doc

    def _mismatch(self, entry: str) -> TamperedError:
        return TamperedError(path=self._bf.label, detail=T(f"document {entry} does not match the agenda",
                                                           f"tài liệu {entry} không khớp chương trình"))

    def open_document(self, entry: str) -> DocumentReader:
        """A seekable reader that decrypts the document's chunks on demand (in memory).

        The entry's stored bytes are read once into memory and checked against the manifest;
        chunks are decrypted from that copy only, so nothing read later from the file can
        change them. (Costs the entry's size in memory; :meth:`read_document` and
        :meth:`copy_document` also check the decrypted bytes against the agenda.)
        """
        item, doc = self._allowed(entry)
        stored = self._bf.read(entry, self.manifest.entry(entry).size)
        if hashlib.sha256(stored).hexdigest() != self.manifest.entry(entry).sha256:
            raise TamperedError(path=self._bf.label, detail=T(f"entry {entry} has been altered",
                                                              f"mục {entry} đã bị sửa đổi"))
        try:
            reader = AgeReader(io.BytesIO(stored), [self._identity.age_identity])
        except AgeNoMatchError:
            raise NotPermittedError(path=self._bf.label, title=item.title, name=self.member) from None
        except AgeError as exc:
            raise TamperedError(path=self._bf.label, detail=str(exc)) from None
        if reader.size < doc.size:
            reader.close()
            raise self._mismatch(entry)
        return DocumentReader(reader, doc.size)

    def copy_document(self, entry: str, dst: Writable) -> None:
        """Decrypt the document into ``dst``, streaming, then check it against the agenda.

        Raises :class:`TamperedError` if the decrypted bytes are not the ones the office
        signed — after some may have been written: the caller must then discard ``dst``.
        """
        item, doc = self._allowed(entry)
        if entry not in self._verified:
            check_hash(self._bf, entry, self.manifest.entry(entry).sha256)
            self._verified.add(entry)
        sink = _CheckedSink(dst, doc.size)
        try:
            inp, armored = open_input(self._bf.entry_reader(entry))
            if armored:
                raise TamperedError(path=self._bf.label, detail=T(f"entry {entry} is not a binary age file",
                                                                  f"mục {entry} không phải tệp age nhị phân"))
            file_key = unwrap_file_key(read_header(inp), [self._identity.age_identity])
            decrypt_stream(file_key, inp, sink)
        except AgeNoMatchError:
            raise NotPermittedError(path=self._bf.label, title=item.title, name=self.member) from None
        except AgeError as exc:
            raise TamperedError(path=self._bf.label, detail=str(exc)) from None
        if sink.taken < doc.size or sink.digest.hexdigest() != doc.sha256:
            raise self._mismatch(entry)

    def read_document(self, entry: str) -> bytes:
        """The whole PDF in memory, checked against the manifest and the agenda's plaintext hash.
        Decrypted into one buffer of the document's size (no growing copies left behind in freed
        memory), wiped once the bytes are made."""
        _item, doc = self._allowed(entry)
        out = _Filled(doc.size)
        try:
            self.copy_document(entry, out)
            return bytes(out.view[: out.at])
        finally:
            out.wipe()

    def close(self) -> None:
        self._bf.close()

    def __enter__(self) -> OpenedBundle:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
