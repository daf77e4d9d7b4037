"""Minisign signatures (https://jedisct1.github.io/minisign/) on pyca Ed25519.

Formats, as written by minisign 0.11:

* public key file (``minisign.pub``)::

      untrusted comment: minisign public key <KEYID>
      base64("Ed" || key_id[8] || ed25519_public_key[32])

* signature file (``<file>.minisig``)::

      untrusted comment: <free text>
      base64(alg[2] || key_id[8] || signature[64])
      trusted comment: <free text, signed too>
      base64(global_signature[64])

  ``alg`` is ``"ED"`` (the signature covers BLAKE2b-512 of the data; what minisign
  writes by default since 0.10) or the legacy ``"Ed"`` (the signature covers the
  data itself). The global signature covers ``signature || trusted_comment`` (UTF-8),
  which is what makes the trusted comment trustworthy.

``<KEYID>`` is the 8 key id bytes read as a little-endian integer and printed as
uppercase hex without zero padding (``%lX`` in minisign 0.11; later releases pad to
16 digits). Only the base64 lines matter for verification.

Every malformed input raises :class:`SignatureFormatError`; a signature by another
key raises :class:`SignatureKeyMismatchError`; one that does not verify raises
:class:`BadSignatureError`. No other exception escapes parsing or verification.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import os
from dataclasses import dataclass, field

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import (
    Ed25519PrivateKey,
    Ed25519PublicKey,
)
from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat

from paperless.core.errors import PaperlessError

__all__ = [
    "BadSignatureError",
    "PublicKey",
    "SignatureFormatError",
    "SignatureKeyMismatchError",
    "SigningKey",
    "key_id_hex",
]

SIG_ALG = b"Ed"  # legacy: signs the data itself; also the public key algorithm tag
SIG_ALG_HASHED = b"ED"  # signs BLAKE2b-512(data)
KEY_ID_BYTES = 8
PUBLIC_KEY_BYTES = 32
SEED_BYTES = 32
SIGNATURE_BYTES = 64
UNTRUSTED_PREFIX = "untrusted comment: "
TRUSTED_PREFIX = "trusted comment: "
DEFAULT_UNTRUSTED_COMMENT = "signature from paperless secret key"
# minisign reads comment lines with fgets() into 1024- and 8192-byte buffers.
MAX_UNTRUSTED_COMMENT_BYTES = 1000
MAX_TRUSTED_COMMENT_BYTES = 8000
_PUBLIC_KEY_LEN = len(SIG_ALG) + KEY_ID_BYTES + PUBLIC_KEY_BYTES  # 42
_SIG_STRUCT_LEN = len(SIG_ALG) + KEY_ID_BYTES + SIGNATURE_BYTES  # 74


class SignatureFormatError(PaperlessError):
    en = "Malformed minisign {what}: {detail}."
    vi = "Định dạng minisign không hợp lệ ({what}): {detail}."


class SignatureKeyMismatchError(PaperlessError):
    en = "The signature was made by key {sig_key_id}, not by the expected key {key_id}."
    vi = "Chữ ký được tạo bởi khóa {sig_key_id}, không phải bởi khóa mong đợi {key_id}."


class BadSignatureError(PaperlessError):
    en = (
        "The signature does not verify ({part}): the file or its trusted comment was"
        " changed, or it was not signed with this key."
    )
    vi = (
        "Chữ ký không hợp lệ ({part}): tệp hoặc ghi chú tin cậy đã bị thay đổi,"
        " hoặc không được ký bằng khóa này."
    )


def key_id_hex(key_id: bytes) -> str:
    """The key id as minisign 0.11 prints it: little-endian integer, uppercase hex."""
    return f"{int.from_bytes(key_id, 'little'):X}"


def _b64decode(text: str, expected_len: int, what: str) -> bytes:
    try:
        raw = base64.b64decode(text.encode("ascii"), validate=True)
    except (binascii.Error, ValueError, UnicodeError) as exc:
        raise SignatureFormatError(what=what, detail="invalid base64") from exc
    if len(raw) != expected_len:
        raise SignatureFormatError(what=what, detail=f"{len(raw)} bytes instead of {expected_len}")
    return raw


def _b64encode(raw: bytes) -> str:
    return base64.b64encode(raw).decode("ascii")


def _as_text(data: str | bytes, what: str) -> str:
    if isinstance(data, str):
        return data
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise SignatureFormatError(what=what, detail="not UTF-8 text") from exc


def _lines(text: str, count: int, what: str) -> list[str]:
    """The first ``count`` lines (``\\n`` or ``\\r\\n``); anything after must be blank."""
    lines = [line.removesuffix("\r") for line in text.split("\n")]
    if len(lines) < count:
        raise SignatureFormatError(what=what, detail=f"expected {count} lines")
    if any(line.strip() for line in lines[count:]):
        raise SignatureFormatError(what=what, detail="unexpected text after the last line")
    return lines[:count]


def _check_comment(comment: str, limit: int, what: str) -> bytes:
    if any(c in comment for c in "\r\n\x00"):
        raise SignatureFormatError(what=what, detail="comment must be a single line")
    try:
        raw = comment.encode("utf-8")
    except UnicodeEncodeError as exc:
        raise SignatureFormatError(what=what, detail="comment is not valid Unicode") from exc
    if len(raw) > limit:
        raise SignatureFormatError(what=what, detail=f"comment longer than {limit} bytes")
    return raw


@dataclass(frozen=True)
class PublicKey:
    """A minisign Ed25519 public key with its 8-byte key id."""

    key_id: bytes
    raw: bytes  # the 32-byte Ed25519 public key
    _key: Ed25519PublicKey = field(repr=False, compare=False, hash=False)

    @classmethod
    def from_raw(cls, key_id: bytes, raw: bytes) -> PublicKey:
        if len(key_id) != KEY_ID_BYTES or len(raw) != PUBLIC_KEY_BYTES:
            raise SignatureFormatError(what="public key", detail="wrong key id or key length")
        try:
            key = Ed25519PublicKey.from_public_bytes(raw)
        except ValueError as exc:
            raise SignatureFormatError(what="public key", detail="not an Ed25519 key") from exc
        return cls(bytes(key_id), bytes(raw), key)

    @classmethod
    def from_base64(cls, b64: str | bytes) -> PublicKey:
        """The key from its base64 line (what ``minisign -P`` takes)."""
        text = _as_text(b64, "public key").strip()
        raw = _b64decode(text, _PUBLIC_KEY_LEN, "public key")
        if raw[:2] != SIG_ALG:
            raise SignatureFormatError(what="public key", detail="unsupported algorithm")
        return cls.from_raw(raw[2:10], raw[10:])

    @classmethod
    def from_file_text(cls, text: str | bytes) -> PublicKey:
        """The key from a ``minisign.pub`` file (untrusted comment line + base64 line)."""
        comment, b64 = _lines(_as_text(text, "public key"), 2, "public key")
        if not comment.startswith(UNTRUSTED_PREFIX):
            raise SignatureFormatError(
                what="public key", detail="first line must start with 'untrusted comment: '"
            )
        return cls.from_base64(b64)

    @property
    def key_id_hex(self) -> str:
        return key_id_hex(self.key_id)

    def to_base64(self) -> str:
        return _b64encode(SIG_ALG + self.key_id + self.raw)

    def to_file_text(self) -> str:
        return f"{UNTRUSTED_PREFIX}minisign public key {self.key_id_hex}\n{self.to_base64()}\n"

    @staticmethod
    def signature_key_id(signature_text: str | bytes) -> bytes:
        """The 8-byte key id a ``.minisig`` text claims, without verifying anything."""
        return _parse_signature(signature_text).key_id

    @staticmethod
    def signature_key_id_hex(signature_text: str | bytes) -> str:
        """:meth:`signature_key_id` as minisign prints it (for "signed by key ..." hints)."""
        return key_id_hex(_parse_signature(signature_text).key_id)

    def verify(self, data: bytes, signature_text: str | bytes) -> str:
        """Check a ``.minisig`` text over ``data``; return its trusted comment.

        Accepts prehashed ("ED") and legacy ("Ed") signatures, and always checks the
        global signature over the trusted comment.
        """
        parsed = _parse_signature(signature_text)
        if parsed.key_id != self.key_id:
            raise SignatureKeyMismatchError(
                sig_key_id=key_id_hex(parsed.key_id), key_id=self.key_id_hex
            )
        if parsed.prehashed:
            message = hashlib.blake2b(data, digest_size=64).digest()
        else:
            message = data
        try:
            self._key.verify(parsed.signature, message)
        except InvalidSignature as exc:
            raise BadSignatureError(part="data") from exc
        try:
            self._key.verify(parsed.global_signature, parsed.signature + parsed.trusted_raw)
        except InvalidSignature as exc:
            raise BadSignatureError(part="trusted comment") from exc
        return parsed.trusted_comment


@dataclass(frozen=True)
class _Signature:
    prehashed: bool
    key_id: bytes
    signature: bytes
    trusted_comment: str
    trusted_raw: bytes
    global_signature: bytes


def _parse_signature(signature_text: str | bytes) -> _Signature:
    text = _as_text(signature_text, "signature")
    untrusted, sig_b64, trusted_line, global_b64 = _lines(text, 4, "signature")
    if not untrusted.startswith(UNTRUSTED_PREFIX):
        raise SignatureFormatError(
            what="signature", detail="line 1 must start with 'untrusted comment: '"
        )
    sig_struct = _b64decode(sig_b64, _SIG_STRUCT_LEN, "signature")
    if sig_struct[:2] not in (SIG_ALG, SIG_ALG_HASHED):
        raise SignatureFormatError(what="signature", detail="unsupported algorithm")
    if not trusted_line.startswith(TRUSTED_PREFIX):
        raise SignatureFormatError(
            what="signature", detail="line 3 must start with 'trusted comment: '"
        )
    trusted_comment = trusted_line[len(TRUSTED_PREFIX) :]
    trusted_raw = _check_comment(trusted_comment, 8192, "signature")
    global_sig = _b64decode(global_b64, SIGNATURE_BYTES, "signature")
    return _Signature(
        prehashed=sig_struct[:2] == SIG_ALG_HASHED,
        key_id=sig_struct[2:10],
        signature=sig_struct[10:],
        trusted_comment=trusted_comment,
        trusted_raw=trusted_raw,
        global_signature=global_sig,
    )


class SigningKey:
    """A minisign Ed25519 secret key: a 32-byte seed plus an 8-byte key id."""

    __slots__ = ("_key", "_key_id", "_seed")

    def __init__(self, seed: bytes, key_id: bytes) -> None:
        if len(seed) != SEED_BYTES:
            raise SignatureFormatError(what="secret key", detail="the seed must be 32 bytes")
        if len(key_id) != KEY_ID_BYTES:
            raise SignatureFormatError(what="secret key", detail="the key id must be 8 bytes")
        self._seed = bytes(seed)
        self._key_id = bytes(key_id)
        self._key = Ed25519PrivateKey.from_private_bytes(self._seed)

    @classmethod
    def generate(cls) -> SigningKey:
        return cls(os.urandom(SEED_BYTES), os.urandom(KEY_ID_BYTES))

    @classmethod
    def from_seed(cls, seed: bytes, key_id: bytes) -> SigningKey:
        """A key from a 32-byte Ed25519 seed and its (caller-chosen) 8-byte key id."""
        return cls(seed, key_id)

    @property
    def seed(self) -> bytes:
        return self._seed

    @property
    def key_id(self) -> bytes:
        return self._key_id

    @property
    def key_id_hex(self) -> str:
        return key_id_hex(self._key_id)

    def __repr__(self) -> str:  # never show the seed
        return f"SigningKey(key_id={self.key_id_hex})"

    def public_key(self) -> PublicKey:
        raw = self._key.public_key().public_bytes(Encoding.Raw, PublicFormat.Raw)
        return PublicKey.from_raw(self._key_id, raw)

    def sign(
        self,
        data: bytes,
        *,
        trusted_comment: str,
        untrusted_comment: str = DEFAULT_UNTRUSTED_COMMENT,
        prehashed: bool = True,
    ) -> str:
        """The full ``.minisig`` text for ``data``.

        ``prehashed=False`` writes a legacy "Ed" signature (minisign ``-l``); the default
        "ED" signs BLAKE2b-512 of the data, as minisign does by default.
        """
        _check_comment(untrusted_comment, MAX_UNTRUSTED_COMMENT_BYTES, "untrusted comment")
        trusted_raw = _check_comment(trusted_comment, MAX_TRUSTED_COMMENT_BYTES, "trusted comment")
        if prehashed:
            alg, message = SIG_ALG_HASHED, hashlib.blake2b(data, digest_size=64).digest()
        else:
            alg, message = SIG_ALG, data
        sig = self._key.sign(message)
        global_sig = self._key.sign(sig + trusted_raw)
        return (
            f"{UNTRUSTED_PREFIX}{untrusted_comment}\n"
            f"{_b64encode(alg + self._key_id + sig)}\n"
            f"{TRUSTED_PREFIX}{trusted_comment}\n"
            f"{_b64encode(global_sig)}\n"
        )
