"""Identity files, recipient strings and passphrase-protected identity files."""

from __future__ import annotations

from paperless.core.age.api import decrypt_bytes, encrypt_bytes
from paperless.core.age.errors import (
    AgeKeyError,
    AgeNoMatchError,
    AgeUnsupportedError,
    AgeWrongPassphraseError,
)
from paperless.core.age.header import VERSION_PREFIX
from paperless.core.age.pq import MLKEM768X25519Identity, MLKEM768X25519Recipient
from paperless.core.age.scrypt import DEFAULT_LOG_N, MAX_LOG_N, ScryptIdentity, ScryptRecipient
from paperless.core.age.x25519 import X25519Identity, X25519Recipient

AnyIdentity = X25519Identity | MLKEM768X25519Identity
AnyRecipient = X25519Recipient | MLKEM768X25519Recipient


def parse_identities(text: str) -> list[AnyIdentity]:
    """Parse an age identity file: ``#`` comment lines (which may carry any data), blank
    lines and one ``AGE-SECRET-KEY-1...`` or ``AGE-SECRET-KEY-PQ-1...`` key per line."""
    found: list[AnyIdentity] = []
    for number, raw in enumerate(text.splitlines(), 1):
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        upper = line.upper()
        if upper.startswith("AGE-PLUGIN-"):
            raise AgeUnsupportedError(detail=f"age plugin identity on line {number}")
        if not upper.startswith("AGE-SECRET-KEY-"):
            raise AgeKeyError(detail=f"line {number} of the identity file is not a key")
        try:
            if upper.startswith("AGE-SECRET-KEY-PQ-1"):
                found.append(MLKEM768X25519Identity.from_string(line))
            else:
                found.append(X25519Identity.from_string(line))
        except AgeKeyError:  # never echo the line: it holds a secret
            detail = f"malformed key on line {number} of the identity file"
            raise AgeKeyError(detail=detail) from None
    if not found:
        raise AgeKeyError(detail="the identity file contains no key")
    return found


def parse_identity_file(text: str) -> list[X25519Identity]:
    """Like :func:`parse_identities`, for files that may only hold X25519 keys."""
    identities = parse_identities(text)
    for identity in identities:
        if not isinstance(identity, X25519Identity):
            raise AgeUnsupportedError(detail="post-quantum key in an X25519-only identity file")
    return [i for i in identities if isinstance(i, X25519Identity)]


def parse_recipient(text: str) -> AnyRecipient:
    """Parse an ``age1...`` (X25519) or ``age1pq1...`` (post-quantum) recipient."""
    text = text.strip()
    if text.lower().startswith("age1pq1"):
        return MLKEM768X25519Recipient.from_string(text)
    return X25519Recipient.from_string(text)


def is_age_file(data: bytes) -> bool:
    """Whether ``data`` looks like an age file (binary or armored) rather than plain text."""
    return data.startswith(VERSION_PREFIX) or data.lstrip().startswith(b"-----BEGIN AGE ENCRYPTED FILE-----")


def encrypt_identity_file(text: str, passphrase: str | bytes, *, log_n: int = DEFAULT_LOG_N) -> bytes:
    """Protect an identity file with a passphrase, as ``age -p -a`` does (armored)."""
    return encrypt_bytes([ScryptRecipient(passphrase, log_n)], text.encode("utf-8"), armor=True)


def decrypt_identity_file(data: bytes, passphrase: str | bytes, *, max_log_n: int = MAX_LOG_N) -> str:
    """Decrypt a passphrase-protected identity file (binary or armored) to its text."""
    try:
        plain = decrypt_bytes([ScryptIdentity(passphrase, max_log_n)], data)
    except AgeWrongPassphraseError:
        raise AgeWrongPassphraseError(what="the identity file", what_vi="tệp khoá bí mật") from None
    except AgeNoMatchError:
        detail = "the identity file is not protected by a passphrase"
        raise AgeUnsupportedError(detail=detail) from None
    try:
        return plain.decode("utf-8")
    except UnicodeDecodeError:
        raise AgeKeyError(detail="the decrypted identity file is not text") from None


__all__ = [
    "AnyIdentity",
    "AnyRecipient",
    "decrypt_identity_file",
    "encrypt_identity_file",
    "is_age_file",
    "parse_identities",
    "parse_identity_file",
    "parse_recipient",
]
