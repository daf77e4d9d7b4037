"""age v1 file encryption (https://age-encryption.org/v1) on pyca/cryptography.

Recipients: X25519 (``age1...``), scrypt passphrases and hybrid post-quantum
ML-KEM-768 + X25519 (``age1pq1...``). Streaming :func:`encrypt`/:func:`decrypt` with
bounded memory, ASCII armor, and random access with :class:`AgeReader`.
"""

from __future__ import annotations

from paperless.core.age.api import decrypt, decrypt_bytes, encrypt, encrypt_bytes
from paperless.core.age.bech32 import decode as bech32_decode
from paperless.core.age.bech32 import encode as bech32_encode
from paperless.core.age.errors import (
    AgeArmorError,
    AgeError,
    AgeHeaderError,
    AgeHmacError,
    AgeKeyError,
    AgeLimitError,
    AgeNoMatchError,
    AgePayloadError,
    AgeScryptWorkFactorError,
    AgeUnsupportedError,
    AgeUsageError,
    AgeWrongPassphraseError,
)
from paperless.core.age.header import MAX_HEADER_BYTES, MAX_STANZAS, Header, Stanza, parse_header
from paperless.core.age.keyfile import (
    AnyIdentity,
    AnyRecipient,
    decrypt_identity_file,
    encrypt_identity_file,
    is_age_file,
    parse_identities,
    parse_identity_file,
    parse_recipient,
)
from paperless.core.age.pq import MLKEM768X25519Identity, MLKEM768X25519Recipient, pq_supported
from paperless.core.age.reader import AgeReader
from paperless.core.age.recipients import Identity, Recipient
from paperless.core.age.scrypt import ScryptIdentity, ScryptRecipient
from paperless.core.age.stream import CHUNK_SIZE
from paperless.core.age.x25519 import X25519Identity, X25519Recipient

__all__ = [
    "CHUNK_SIZE",
    "MAX_HEADER_BYTES",
    "MAX_STANZAS",
    "AgeArmorError",
    "AgeError",
    "AgeHeaderError",
    "AgeHmacError",
    "AgeKeyError",
    "AgeLimitError",
    "AgeNoMatchError",
    "AgePayloadError",
    "AgeReader",
    "AgeScryptWorkFactorError",
    "AgeUnsupportedError",
    "AgeUsageError",
    "AgeWrongPassphraseError",
    "AnyIdentity",
    "AnyRecipient",
    "Header",
    "Identity",
    "MLKEM768X25519Identity",
    "MLKEM768X25519Recipient",
    "Recipient",
    "ScryptIdentity",
    "ScryptRecipient",
    "Stanza",
    "X25519Identity",
    "X25519Recipient",
    "bech32_decode",
    "bech32_encode",
    "decrypt",
    "decrypt_bytes",
    "decrypt_identity_file",
    "encrypt",
    "encrypt_bytes",
    "encrypt_identity_file",
    "is_age_file",
    "parse_header",
    "parse_identities",
    "parse_identity_file",
    "parse_recipient",
    "pq_supported",
]
