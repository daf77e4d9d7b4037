"""Opening a bundle: check the container, the signature and the entries, then decrypt.

``inspect_bundle`` needs no key; ``verify_bundle`` checks the signature against trusted signers
and every entry's hash; ``open_bundle`` does the cheap checks (signature, entry list, sizes),
decrypts the agenda for one member and then hands out documents in memory.

The bundle is opened once (:class:`~.zipraw.BundleFile`) and everything is read through that
open file. Before a document is handed out, its stored bytes are checked against the signed
manifest and its decrypted bytes against the signed agenda (plaintext SHA-256 and ``size``):
a file renamed over the bundle's path changes nothing, and bytes overwritten in place are
refused, whenever the change happens.
"""

from __future__ import annotations

import hashlib
import io
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from paperless.core.age import AgeError, AgeNoMatchError, AgeReader, decrypt_bytes
from paperless.core.age._io import Writable, write_all
from paperless.core.age.api import open_input, unwrap_file_key
from paperless.core.age.header import read_header
from paperless.core.age.stream import decrypt_stream
from paperless.core.bundle.errors import (
    ExpiredError,
    NotABundleError,
    NotAnOfficeSignerError,
    NotARecipientError,
    NotPermittedError,
    TamperedError,
    UnknownSignerError,
)
from paperless.core.bundle.manifest import (
    AGENDA_NAME,
    DOCUMENT_PATTERN,
    MANIFEST_NAME,
    MAX_AGENDA_BYTES,
    MAX_MANIFEST_BYTES,
    MAX_SIGNATURE_BYTES,
    SIGNATURE_NAME,
    Agenda,
    AgendaDocument,
    AgendaItem,
    Manifest,
    ManifestFormatError,
)
from paperless.core.bundle.rollback import check_rollback
from paperless.core.bundle.zipraw import BundleFile, Progress
from paperless.core.errors import T
from paperless.core.identity import PublicCard, UnlockedIdentity
from paperless.core.minisign import (
    BadSignatureError,
    PublicKey,
    SignatureFormatError,
    SignatureKeyMismatchError,
)


@dataclass(frozen=True)
class BundleFacts:
    """What anyone can read from a bundle without a key (signature not checked)."""

    path: Path
    file_size: int
    manifest: Manifest
    signature_key_id: str


@dataclass(frozen=True)
class VerifiedBundle:
    path: Path
    manifest: Manifest
    signer: PublicCard


def _load(bf: BundleFile) -> tuple[bytes, str]:
    """The manifest's bytes and the signature's text (neither checked yet)."""
    for name in (MANIFEST_NAME, SIGNATURE_NAME):
        if name not in bf.entries:
            raise NotABundleError(path=bf.label, detail=T(f"no {name}", f"thiếu {name}"))
    raw = bf.read(MANIFEST_NAME, MAX_MANIFEST_BYTES)
    sig = bf.read(SIGNATURE_NAME, MAX_SIGNATURE_BYTES)
    try:
        sig_text = sig.decode("utf-8")
    except UnicodeDecodeError:
        raise TamperedError(path=bf.label, detail=T("the signature is unreadable",
                                                    "không đọc được chữ ký")) from None
    return raw, sig_text


def _parse(bf: BundleFile, raw: bytes) -> Manifest:
    try:
        return Manifest.from_json(raw)
    except ManifestFormatError as exc:
        raise TamperedError(path=bf.label, detail=T(f"the manifest is unreadable ({exc})",
                                                    f"không đọc được bản kê ({exc})")) from None


def _signed_manifest(bf: BundleFile, trusted: Sequence[PublicCard]) -> tuple[Manifest, PublicCard]:
    """Check the signature over the raw bytes first, and only then parse them."""
    raw, sig_text = _load(bf)
    signer = _check_signature(bf, raw, sig_text, trusted)
    manifest = _parse(bf, raw)
    if manifest.signer.public_key != signer.signing_key:
        raise TamperedError(path=bf.label, detail=T("the manifest names another signer",
                                                    "bản kê ghi người ký khác"))
    _check_entries(bf, manifest)
    return manifest, signer


def _check_signature(bf: BundleFile, raw: bytes, sig_text: str,
                     trusted: Sequence[PublicCard]) -> PublicCard:
    key_id = _signature_key_id(bf, sig_text)
    candidates = [c for c in trusted if c.public_key.key_id_hex == key_id]
    if not candidates:
        raise UnknownSignerError(path=bf.label, key_id=key_id)
    card = candidates[0]
    try:
        card.public_key.verify(raw, sig_text)
    except (BadSignatureError, SignatureFormatError, SignatureKeyMismatchError):
        raise TamperedError(path=bf.label, detail=T("the signature does not match the manifest",
                                                    "chữ ký không khớp với bản kê")) from None
    if card.role != "clerk":  # a member's card may be known here, but it never signs a session
        raise NotAnOfficeSignerError(path=bf.label, name=card.name)
    return card


def _signature_key_id(bf: BundleFile, sig_text: str) -> str:
    try:
        return PublicKey.signature_key_id_hex(sig_text)
    except SignatureFormatError:
        raise TamperedError(path=bf.label, detail=T("the signature is unreadable",
                                                    "không đọc được chữ ký")) from None


def _check_entries(bf: BundleFile, manifest: Manifest) -> None:
    """The ZIP must hold exactly the manifest's entries, with the listed sizes."""
    listed = {e.name: e for e in manifest.entries}
    if len(listed) != len(manifest.entries):
        raise TamperedError(path=bf.label, detail=T("the manifest lists an entry twice",
                                                    "bản kê liệt kê một mục hai lần"))
    present = set(bf.entries) - {MANIFEST_NAME, SIGNATURE_NAME}
    for name in sorted(set(listed) - present):
        raise TamperedError(path=bf.label, detail=T(f"entry {name} is missing", f"thiếu mục {name}"))
    for name in sorted(present - set(listed)):
        raise TamperedError(path=bf.label, detail=T(f"unexpected entry {name}", f"có mục lạ {name}"))
    for name, entry in listed.items():
        valid_name = name == AGENDA_NAME if entry.kind == "agenda" else DOCUMENT_PATTERN.fullmatch(name)
        if not valid_name:
            raise TamperedError(path=bf.label, detail=T(f"unexpected entry {name}", f"có mục lạ {name}"))
        if bf.entries[name].size != entry.size:
            raise TamperedError(path=bf.label, detail=T(f"entry {name} has the wrong size",
                                                        f"mục {name} sai kích thước"))
    if AGENDA_NAME not in listed:
        raise TamperedError(path=bf.label, detail=T("the agenda is missing", "thiếu chương trình"))


def _check_hash(bf: BundleFile, name: str, expected: str, progress: Progress | None = None,
                done: int = 0, total: int = 0) -> None:
    if bf.sha256(name, progress, done, total) != expected:
        raise TamperedError(path=bf.label, detail=T(f"entry {name} has been altered",
                                                    f"mục {name} đã bị sửa đổi"))


def inspect_bundle(path: Path) -> BundleFacts:
    with BundleFile(path) as bf:
        raw, sig_text = _load(bf)
        return BundleFacts(path, bf.file_size, _parse(bf, raw), _signature_key_id(bf, sig_text))


def _check_all_hashes(bf: BundleFile, manifest: Manifest, progress: Progress | None) -> None:
    total = sum(e.size for e in manifest.entries)
    done = 0
    for entry in manifest.entries:
        _check_hash(bf, entry.name, entry.sha256, progress, done, total)
        done += entry.size


def verify_bundle(path: Path, trusted: Sequence[PublicCard], *,
                  progress: Progress | None = None) -> VerifiedBundle:
    """Check the signature against trusted signers and every entry's SHA-256."""
    with BundleFile(path) as bf:
        manifest, signer = _signed_manifest(bf, trusted)
        _check_all_hashes(bf, manifest, progress)
        return VerifiedBundle(path, manifest, signer)


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
                 verified: frozenset[str] = frozenset()) -> None:
        self._bf = bf
        self.path = bf.path
        self.manifest = manifest
        self.signer = signer
        self.agenda = agenda
        self.member = member
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
            _check_hash(self._bf, entry, self.manifest.entry(entry).sha256)
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
        """The whole PDF in memory, checked against the manifest and the agenda's plaintext hash."""
        out = io.BytesIO()
        self.copy_document(entry, out)
        return out.getvalue()

    def close(self) -> None:
        self._bf.close()

    def __enter__(self) -> OpenedBundle:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def open_bundle(path: Path, identity: UnlockedIdentity, trusted: Sequence[PublicCard], *,
                highest_seen: int | None = None, now: datetime | None = None, clock: Clock | None = None,
                verify_entries: bool = False, progress: Progress | None = None) -> OpenedBundle:
    """Verify signature and structure, check rollback, decrypt the agenda for ``identity``.

    Cost does not depend on the size of the documents: only the manifest and the agenda are
    read — unless ``verify_entries``: then every entry's hash is checked first (reporting
    ``progress``), through the same open file the documents are then read from. Expiry does
    not stop the opening (the agenda stays visible); documents refuse, at every access, by
    ``clock`` (or the fixed time ``now``; default: the system clock).
    """
    bf = BundleFile(path)
    try:
        manifest, signer = _signed_manifest(bf, trusted)
        check_rollback(manifest.version, highest_seen, bf.label)
        if verify_entries:
            _check_all_hashes(bf, manifest, progress)
        agenda_entry = manifest.entry(AGENDA_NAME)
        data = bf.read(AGENDA_NAME, MAX_AGENDA_BYTES)
        if hashlib.sha256(data).hexdigest() != agenda_entry.sha256:
            raise TamperedError(path=bf.label, detail=T("the agenda has been altered",
                                                        "chương trình đã bị sửa đổi"))
        try:
            agenda = Agenda.from_json(decrypt_bytes([identity.age_identity], data))
        except AgeNoMatchError:
            raise NotARecipientError(path=bf.label, name=identity.card.name) from None
        except (AgeError, ManifestFormatError) as exc:
            raise TamperedError(path=bf.label, detail=str(exc)) from None
        if agenda.session_id != manifest.session_id or agenda.version != manifest.version:
            raise TamperedError(path=bf.label, detail=T("the agenda belongs to another session",
                                                        "chương trình thuộc phiên họp khác"))
        member = agenda.member_for(identity.card.recipient)
        if member is None:
            raise NotARecipientError(path=bf.label, name=identity.card.name)
        fixed = now
        return OpenedBundle(bf, manifest, signer, agenda, identity, member,
                            (lambda: fixed) if fixed is not None else (clock or system_clock),
                            verified=frozenset(e.name for e in manifest.entries) if verify_entries else frozenset())
    except BaseException:
        bf.close()
        raise
