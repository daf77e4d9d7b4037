"""Opening a bundle: check the container, the signature and the entries, then decrypt.

``inspect_bundle`` needs no key; ``verify_bundle`` checks the signature against trusted signers
and every entry's hash; ``open_bundle`` does the cheap checks (signature, entry list, sizes),
decrypts the agenda for one member and returns an :class:`~.opened.OpenedBundle` that hands
out documents in memory.

The bundle is opened once (:class:`~.zipraw.BundleFile`) and everything is read through that
open file. Before a document is handed out, its stored bytes are checked against the signed
manifest and its decrypted bytes against the signed agenda (plaintext SHA-256 and ``size``):
a file renamed over the bundle's path changes nothing, and bytes overwritten in place are
refused, whenever the change happens.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from paperless.core.age import AgeError, AgeNoMatchError, decrypt_bytes
from paperless.core.bundle.errors import (
    NotABundleError,
    NotAnOfficeSignerError,
    NotARecipientError,
    TamperedError,
    UnknownSignerError,
)
from paperless.core.bundle.manifest import (
    AGENDA_NAME,
    DOCUMENT_PATTERN,
    MANIFEST_NAME,
    MAX_AGENDA_BYTES,
    MAX_MANIFEST_BYTES,
    MAX_OFFICE_BYTES,
    MAX_SIGNATURE_BYTES,
    OFFICE_NAME,
    SIGNATURE_NAME,
    Agenda,
    Manifest,
    ManifestFormatError,
)
from paperless.core.bundle.opened import Clock, DocumentReader, OpenedBundle, check_hash, system_clock
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
        fixed = {"agenda": AGENDA_NAME, "office": OFFICE_NAME}.get(entry.kind)
        valid_name = name == fixed if fixed is not None else DOCUMENT_PATTERN.fullmatch(name)
        if not valid_name:
            raise TamperedError(path=bf.label, detail=T(f"unexpected entry {name}", f"có mục lạ {name}"))
        if bf.entries[name].size != entry.size:
            raise TamperedError(path=bf.label, detail=T(f"entry {name} has the wrong size",
                                                        f"mục {name} sai kích thước"))
    if AGENDA_NAME not in listed:
        raise TamperedError(path=bf.label, detail=T("the agenda is missing", "thiếu chương trình"))


def inspect_bundle(path: Path) -> BundleFacts:
    with BundleFile(path) as bf:
        raw, sig_text = _load(bf)
        return BundleFacts(path, bf.file_size, _parse(bf, raw), _signature_key_id(bf, sig_text))


def _check_all_hashes(bf: BundleFile, manifest: Manifest, progress: Progress | None) -> None:
    total = sum(e.size for e in manifest.entries)
    done = 0
    for entry in manifest.entries:
        check_hash(bf, entry.name, entry.sha256, progress, done, total)
        done += entry.size


def verify_bundle(path: Path, trusted: Sequence[PublicCard], *,
                  progress: Progress | None = None) -> VerifiedBundle:
    """Check the signature against trusted signers and every entry's SHA-256."""
    with BundleFile(path) as bf:
        manifest, signer = _signed_manifest(bf, trusted)
        _check_all_hashes(bf, manifest, progress)
        return VerifiedBundle(path, manifest, signer)


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
        levels = {e.name: e.level for e in manifest.entries}
        if any(levels.get(d.entry) is not item.level for item in agenda.items for d in item.documents):
            raise TamperedError(path=bf.label, detail=T("the secrecy levels of the agenda and the manifest differ",
                                                        "độ mật trong chương trình và trong bản kê khác nhau"))
        member = agenda.member_for(identity.card.recipient)
        if member is None:
            raise NotARecipientError(path=bf.label, name=identity.card.name)
        fixed = now
        return OpenedBundle(bf, manifest, signer, agenda, identity, member,
                            (lambda: fixed) if fixed is not None else (clock or system_clock),
                            verified=frozenset(e.name for e in manifest.entries) if verify_entries else frozenset(),
                            office_file=_office_file(bf, manifest, identity))
    except BaseException:
        bf.close()
        raise


def _office_file(bf: BundleFile, manifest: Manifest, identity: UnlockedIdentity) -> bytes | None:
    """The office-server file the bundle carries (its plaintext, one final newline), its hash checked.

    Checked here, at every opening, because it is small: a bundle whose office entry was altered
    is refused whole. What the file says is checked by ``core.sync.office`` when it is used."""
    entry = manifest.office
    if entry is None:
        return None
    if entry.size > MAX_OFFICE_BYTES:
        raise TamperedError(path=bf.label, detail=T("the office-server entry is too large",
                                                    "mục tệp máy chủ văn phòng quá lớn"))
    data = bf.read(entry.name, MAX_OFFICE_BYTES)
    if hashlib.sha256(data).hexdigest() != entry.sha256:
        raise TamperedError(path=bf.label, detail=T(f"entry {entry.name} has been altered",
                                                    f"mục {entry.name} đã bị sửa đổi"))
    try:
        plain = decrypt_bytes([identity.age_identity], data)
    except AgeError as exc:  # written to every member: not being a recipient is damage too
        raise TamperedError(path=bf.label, detail=str(exc)) from None
    return plain.rstrip(b"\n") + b"\n"  # without the padding (newlines: docs/bundle-format.md)


__all__ = [
    "BundleFacts", "Clock", "DocumentReader", "OpenedBundle", "VerifiedBundle", "inspect_bundle", "open_bundle",
    "system_clock", "verify_bundle",
]
