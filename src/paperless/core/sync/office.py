"""The signed ``office-server.toml``: where the office server is, and the certificate to pin.

The office (a clerk card the member already trusts for bundles) signs the file with minisign;
the signature covers the bytes up to ``\\n[signature]\\n`` (``protocol.SIGNATURE_MARKER``). A
client refuses the file unless it verifies with a trusted clerk card whose fingerprint is the
file's ``office_fingerprint``, the address is ``https://HOST:PORT`` and the pinned SHA-256 is
the certificate's. :func:`import_office_file` keeps a copy in the member's library folder;
:func:`load_office` verifies it again each time it is read (the folder is not trusted).
"""

from __future__ import annotations

import hashlib
import ssl
import tomllib
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

from paperless.core.atomic import atomic_write
from paperless.core.errors import PaperlessError, T
from paperless.core.identity import PublicCard
from paperless.core.sync.errors import OfficeFileError
from paperless.core.sync.protocol import OFFICE_FILE, OFFICE_FORMAT, SIGNATURE_MARKER, origin

MAX_FILE_BYTES = 64 * 1024


@dataclass(frozen=True)
class OfficeServer:
    url: str  # https://host:port
    server_id: str
    certificate_sha256: str  # 64 lowercase hex: SHA-256 of the certificate's DER
    certificate: str  # PEM
    office_fingerprint: str
    issued: str
    raw: bytes  # the signed file as read

    @property
    def host(self) -> str:
        return urlsplit(self.url).hostname or ""

    @property
    def port(self) -> int:
        return urlsplit(self.url).port or 443


class OfficeSignerError(OfficeFileError):
    """The file is not signed by a trusted clerk card (the same message as any bad office file)."""


def _bad(path: str, en: str, vi: str) -> OfficeFileError:
    return OfficeFileError(path=path, detail=T(en, vi))


def parse_office_file(raw: bytes, trusted: Sequence[PublicCard], path: str = OFFICE_FILE) -> OfficeServer:
    """The server a signed office-server file names; :class:`OfficeFileError` unless all checks pass."""
    if len(raw) > MAX_FILE_BYTES:
        raise _bad(path, "the file is too large", "tệp quá lớn")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        raise _bad(path, "not UTF-8 text", "không phải văn bản UTF-8") from None
    cut = text.find(SIGNATURE_MARKER)
    if cut < 0 or text.find(SIGNATURE_MARKER, cut + 1) >= 0:
        raise _bad(path, "no [signature] section", "không có phần [signature]")
    body = text[:cut].encode("utf-8")
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise _bad(path, f"not TOML ({exc})", f"không phải TOML ({exc})") from None
    section, sig = data.get("office_server"), data.get("signature")
    if not isinstance(section, dict) or not isinstance(sig, dict) or not isinstance(sig.get("minisign"), str):
        raise _bad(path, "missing [office_server] or its signature", "thiếu [office_server] hoặc chữ ký")
    if set(data) != {"office_server", "signature"}:
        raise _bad(path, "unexpected sections", "có phần không mong đợi")
    # only what the signed body says counts: the [office_server] table must be in it whole
    try:
        signed = tomllib.loads(text[:cut]).get("office_server")
    except tomllib.TOMLDecodeError:
        signed = None
    if signed != section:
        raise _bad(path, "the server section is not all signed", "phần máy chủ không được ký trọn vẹn")
    fields = {}
    for key in ("format", "url", "server_id", "certificate_sha256", "certificate", "office_fingerprint", "issued"):
        value = section.get(key)
        if not isinstance(value, str) or not value:
            raise _bad(path, f"missing {key}", f"thiếu {key}")
        fields[key] = value
    if fields["format"] != OFFICE_FORMAT:
        raise _bad(path, f"unknown format {fields['format']!r}", f"định dạng lạ {fields['format']!r}")
    office = next((c for c in trusted if c.fingerprint == fields["office_fingerprint"]), None)
    if office is None or office.role != "clerk":
        raise OfficeSignerError(path=path, detail=T(
            "it is not signed by an office you trust (trust the office's card first)",
            "tệp không do văn phòng mà đồng chí tin cậy ký (hãy tin cậy thẻ của văn phòng trước)"))
    try:
        office.public_key.verify(body, sig["minisign"])
    except PaperlessError:
        raise _bad(path, "the office's signature does not verify", "chữ ký của văn phòng không hợp lệ") from None
    url = origin(fields["url"])
    parts = urlsplit(url)
    try:
        port = parts.port
    except ValueError:
        port = None
    if parts.scheme != "https" or not parts.hostname or port is None or parts.path or parts.query:
        raise _bad(path, f"the address must be https://HOST:PORT, not {url!r}",
                   f"địa chỉ phải có dạng https://HOST:PORT, không phải {url!r}")
    try:
        der = ssl.PEM_cert_to_DER_cert(fields["certificate"].strip() + "\n")
    except ValueError:
        raise _bad(path, "the certificate is not PEM", "chứng chỉ không phải PEM") from None
    pin = fields["certificate_sha256"].lower()
    if hashlib.sha256(der).hexdigest() != pin:
        raise _bad(path, "the pinned SHA-256 is not the certificate's", "mã SHA-256 ghim không khớp chứng chỉ")
    return OfficeServer(url, fields["server_id"], pin, fields["certificate"], fields["office_fingerprint"],
                        fields["issued"], raw)


def office_path(library_folder: Path) -> Path:
    return library_folder / OFFICE_FILE


def import_office_file(source: Path, library_folder: Path, trusted: Sequence[PublicCard]) -> OfficeServer:
    """Verify ``source`` and keep a copy in the member's library folder (replacing an earlier one)."""
    try:
        raw = source.read_bytes()
    except OSError as exc:
        raise OfficeFileError(path=str(source), detail=exc.strerror or str(exc)) from None
    return import_office_bytes(raw, str(source), library_folder, trusted)


def import_office_bytes(raw: bytes, label: str, library_folder: Path, trusted: Sequence[PublicCard]) -> OfficeServer:
    """Verify an office-server file's bytes (``label``: where they came from, for messages) and keep them."""
    server = parse_office_file(raw, trusted, label)
    library_folder.mkdir(parents=True, exist_ok=True)
    atomic_write(office_path(library_folder), raw, durable_name=True)
    return server


def bundled_office(raw: bytes, bundle_signer: PublicCard, label: str,
                   trusted: Sequence[PublicCard]) -> OfficeServer:
    """The office-server file a bundle carried, verified as a file given on its own — and signed by
    the same office card as the bundle (``bundle_signer``: the card its signature checked against)."""
    server = parse_office_file(raw, trusted, label)
    if server.office_fingerprint != bundle_signer.fingerprint:
        raise OfficeSignerError(path=label, detail=T("it is signed by another office than the session",
                                                     "tệp do văn phòng khác với văn phòng ký phiên họp ký"))
    return server


def same_server(a: OfficeServer, b: OfficeServer) -> bool:
    """Both name the same server at the same address with the same pinned certificate."""
    return (a.url, a.server_id, a.certificate_sha256) == (b.url, b.server_id, b.certificate_sha256)


def load_office(library_folder: Path, trusted: Sequence[PublicCard]) -> OfficeServer | None:
    """The office server this member connected to (verified again), or None if not connected."""
    path = office_path(library_folder)
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        return None
    except OSError as exc:
        raise OfficeFileError(path=str(path), detail=exc.strerror or str(exc)) from None
    return parse_office_file(raw, trusted, str(path))
