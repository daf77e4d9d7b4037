"""The age v1 header: version line, recipient stanzas and MAC (strict parser and writer).

The parser enforces the ABNF of the spec exactly (canonical unpadded base64, 64-column body
lines ending with a short line, VCHAR arguments, ``--- `` MAC line) and the abuse limits
:data:`MAX_STANZAS` and :data:`MAX_HEADER_BYTES` while reading, so that a hostile header is
refused before any key agreement, scrypt or HMAC work.
"""

from __future__ import annotations

import hashlib
import hmac
import io
from dataclasses import dataclass, field

from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

from paperless.core.age import _b64
from paperless.core.age._io import Input
from paperless.core.age.errors import AgeHeaderError, AgeHmacError, AgeLimitError

VERSION_PREFIX = b"age-encryption.org/"
VERSION_LINE = b"age-encryption.org/v1\n"
MAX_STANZAS = 1000
MAX_HEADER_BYTES = 1 << 20
FILE_KEY_SIZE = 16
MAC_SIZE = 32
COLUMNS = 64
_VCHARS = bytes(range(0x21, 0x7F))


def hkdf(ikm: bytes, salt: bytes, info: bytes) -> bytes:
    """HKDF-SHA-256 with a 32-byte output, as used throughout age."""
    return HKDF(algorithm=hashes.SHA256(), length=32, salt=salt, info=info).derive(ikm)


def _check_arg(arg: bytes) -> None:
    if not arg or arg.translate(None, _VCHARS):
        raise AgeHeaderError(detail="stanza argument is empty or has a non-printable character")


@dataclass(frozen=True)
class Stanza:
    """One recipient stanza: ``type`` is the first argument, ``args`` the others."""

    type: str
    args: tuple[str, ...]
    body: bytes

    def encode(self) -> bytes:
        try:
            words = [w.encode("ascii") for w in (self.type, *self.args)]
        except UnicodeEncodeError:
            raise AgeHeaderError(detail="stanza argument is not ASCII") from None
        for word in words:
            _check_arg(word)
        text = _b64.encode(self.body)
        lines = [text[i : i + COLUMNS] for i in range(0, len(text), COLUMNS)]
        if len(text) % COLUMNS == 0:
            lines.append(b"")  # the body always ends with a line shorter than 64 columns
        return b"-> " + b" ".join(words) + b"\n" + b"".join(line + b"\n" for line in lines)


@dataclass(frozen=True)
class Header:
    """A parsed or freshly built header. ``mac`` is the 32-byte HMAC-SHA-256 tag."""

    stanzas: tuple[Stanza, ...]
    mac: bytes
    _signed: bytes = field(default=b"", repr=False, compare=False)

    @property
    def signed_bytes(self) -> bytes:
        """The header bytes covered by the MAC: everything up to and including ``---``."""
        if self._signed:
            return self._signed
        return VERSION_LINE + b"".join(s.encode() for s in self.stanzas) + b"---"

    @classmethod
    def build(cls, stanzas: list[Stanza] | tuple[Stanza, ...], file_key: bytes) -> Header:
        """A header for ``stanzas`` with its MAC computed from ``file_key``."""
        if not stanzas:
            raise AgeHeaderError(detail="a header needs at least one recipient stanza")
        signed = VERSION_LINE + b"".join(s.encode() for s in stanzas) + b"---"
        return cls(tuple(stanzas), compute_mac(file_key, signed), signed)

    def encode(self) -> bytes:
        return self.signed_bytes + b" " + _b64.encode(self.mac) + b"\n"

    def verify_mac(self, file_key: bytes) -> None:
        """Raise :class:`AgeHmacError` unless the MAC matches ``file_key``."""
        if not hmac.compare_digest(compute_mac(file_key, self.signed_bytes), self.mac):
            raise AgeHmacError()


def compute_mac(file_key: bytes, signed: bytes) -> bytes:
    key = hkdf(file_key, b"", b"header")
    return hmac.new(key, signed, hashlib.sha256).digest()


class _Lines:
    """Reads LF-terminated header lines while enforcing the header size limit."""

    def __init__(self, inp: Input) -> None:
        self._inp = inp
        self.budget = MAX_HEADER_BYTES
        self.raw = bytearray()

    def next(self, what: str) -> bytes:
        line = self._inp.readline(self.budget)
        if not line.endswith(b"\n"):
            if len(line) >= self.budget:
                raise AgeLimitError(detail=f"more than {MAX_HEADER_BYTES} bytes")
            raise AgeHeaderError(detail=f"file ends before the {what}")
        self.budget -= len(line)
        self.raw += line
        return line[:-1]


def read_header(inp: Input) -> Header:
    """Parse a header from ``inp``, leaving ``inp`` positioned at the payload nonce."""
    first = inp.readline(len(VERSION_LINE))
    if first != VERSION_LINE:
        if not first:
            raise AgeHeaderError(detail="the file is empty")
        if first.startswith(VERSION_PREFIX):
            if not first.endswith(b"\n"):
                first += inp.readline(64)
            version = first[len(VERSION_PREFIX) :].rstrip(b"\n")[:40]
            raise AgeHeaderError(detail=f"unsupported version line {version!r}")
        raise AgeHeaderError(detail="missing 'age-encryption.org/v1' version line")
    lines = _Lines(inp)
    lines.budget -= len(first)
    lines.raw += first
    stanzas: list[Stanza] = []
    while True:
        line = lines.next("header MAC line")
        if line.startswith(b"---"):
            if not line.startswith(b"--- "):
                raise AgeHeaderError(detail="malformed MAC line")
            mac = _b64.decode_exact(line[4:], MAC_SIZE, "header MAC")
            if not stanzas:
                raise AgeHeaderError(detail="no recipient stanza")
            signed = bytes(lines.raw[: len(lines.raw) - len(line) - 1 + 3])
            return Header(tuple(stanzas), mac, signed)
        if not line.startswith(b"-> "):
            raise AgeHeaderError(detail="expected a recipient stanza or the MAC line")
        if len(stanzas) >= MAX_STANZAS:
            raise AgeLimitError(detail=f"more than {MAX_STANZAS} recipient stanzas")
        words = line[3:].split(b" ")
        for word in words:
            _check_arg(word)
        body_lines: list[bytes] = []
        while True:
            body_line = lines.next("end of a stanza body")
            if len(body_line) > COLUMNS or not _b64.ALPHABET.issuperset(body_line):
                raise AgeHeaderError(detail="malformed stanza body line")
            body_lines.append(body_line)
            if len(body_line) < COLUMNS:
                break
        body = _b64.decode(b"".join(body_lines), what="stanza body")
        text = [w.decode("ascii") for w in words]
        stanzas.append(Stanza(text[0], tuple(text[1:]), body))


def parse_header(data: bytes) -> tuple[Header, int]:
    """Parse the header at the start of ``data``; return it and its length in bytes."""
    inp = Input(io.BytesIO(data))
    header = read_header(inp)
    return header, inp.consumed
