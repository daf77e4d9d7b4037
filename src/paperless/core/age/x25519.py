"""The native X25519 recipient type (``age1...`` / ``AGE-SECRET-KEY-1...``)."""

from __future__ import annotations

import hmac
from collections.abc import Sequence

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey, X25519PublicKey
from cryptography.hazmat.primitives.ciphers.aead import ChaCha20Poly1305

from paperless.core.age import _b64, bech32
from paperless.core.age.errors import AgeHeaderError, AgeKeyError
from paperless.core.age.header import FILE_KEY_SIZE, Stanza, hkdf
from paperless.core.age.recipients import ZERO_NONCE

STANZA_TYPE = "X25519"
LABEL = b"age-encryption.org/v1/X25519"
RECIPIENT_HRP = "age"
IDENTITY_HRP = "age-secret-key-"
WRAPPED_SIZE = FILE_KEY_SIZE + 16


def parse_x25519_stanza(stanza: Stanza) -> tuple[bytes, bytes] | None:
    """(ephemeral share, wrapped key) of an X25519 stanza, ``None`` for other types."""
    if stanza.type != STANZA_TYPE:
        return None
    if len(stanza.args) != 1:
        raise AgeHeaderError(detail="an X25519 stanza must have exactly one argument")
    share = _b64.decode_exact(stanza.args[0], 32, "X25519 share")
    if len(stanza.body) != WRAPPED_SIZE:
        raise AgeHeaderError(detail="the wrapped file key in an X25519 stanza must be 32 bytes")
    return share, stanza.body


def _exchange(key: X25519PrivateKey, peer: bytes) -> bytes:
    try:
        return key.exchange(X25519PublicKey.from_public_bytes(peer))
    except ValueError:  # all-zero shared secret: low-order point
        raise AgeHeaderError(detail="X25519 share is a low-order point") from None


class X25519Recipient:
    """An X25519 public key; ``to_string()`` is the ``age1...`` form."""

    __slots__ = ("_public",)

    def __init__(self, public_key: bytes) -> None:
        if len(public_key) != 32:
            raise AgeKeyError(detail="an X25519 recipient must be 32 bytes")
        try:
            X25519PrivateKey.generate().exchange(X25519PublicKey.from_public_bytes(public_key))
        except ValueError:
            raise AgeKeyError(detail="the X25519 recipient is a low-order point") from None
        self._public = bytes(public_key)

    @classmethod
    def from_string(cls, text: str) -> X25519Recipient:
        hrp, data = bech32.decode(text.strip())
        if hrp != RECIPIENT_HRP:
            raise AgeKeyError(detail="not an age X25519 recipient (age1...)")
        return cls(data)

    def to_string(self) -> str:
        return bech32.encode(RECIPIENT_HRP, self._public)

    @property
    def public_bytes(self) -> bytes:
        return self._public

    def wrap(self, file_key: bytes) -> list[Stanza]:
        ephemeral = X25519PrivateKey.generate()
        share = ephemeral.public_key().public_bytes_raw()
        secret = _exchange(ephemeral, self._public)
        key = hkdf(secret, share + self._public, LABEL)
        body = ChaCha20Poly1305(key).encrypt(ZERO_NONCE, file_key, None)
        return [Stanza(STANZA_TYPE, (_b64.encode(share).decode("ascii"),), body)]

    def __eq__(self, other: object) -> bool:
        return isinstance(other, X25519Recipient) and other._public == self._public

    def __hash__(self) -> int:
        return hash((STANZA_TYPE, self._public))

    def __str__(self) -> str:
        return self.to_string()

    def __repr__(self) -> str:
        return f"X25519Recipient({self.to_string()!r})"


class X25519Identity:
    """An X25519 secret key; ``to_string()`` is the ``AGE-SECRET-KEY-1...`` form."""

    __slots__ = ("_key", "_public")

    def __init__(self, secret: bytes) -> None:
        if len(secret) != 32:
            raise AgeKeyError(detail="an X25519 identity must be 32 bytes")
        self._key = X25519PrivateKey.from_private_bytes(secret)
        self._public = self._key.public_key().public_bytes_raw()

    @classmethod
    def generate(cls) -> X25519Identity:
        return cls(X25519PrivateKey.generate().private_bytes_raw())

    @classmethod
    def from_string(cls, text: str) -> X25519Identity:
        hrp, data = bech32.decode(text.strip())
        if hrp != IDENTITY_HRP:
            raise AgeKeyError(detail="not an age X25519 identity (AGE-SECRET-KEY-1...)")
        return cls(data)

    def to_string(self) -> str:
        return bech32.encode(IDENTITY_HRP, self._key.private_bytes_raw(), upper=True)

    def recipient(self) -> X25519Recipient:
        return X25519Recipient(self._public)

    def secret_bytes(self) -> bytes:
        """The raw 32-byte secret (for deriving the owner's local keys; never stored)."""
        return self._key.private_bytes_raw()

    def unwrap(self, stanzas: Sequence[Stanza]) -> bytes | None:
        for stanza in stanzas:
            parsed = parse_x25519_stanza(stanza)
            if parsed is None:
                continue
            share, body = parsed
            secret = _exchange(self._key, share)
            key = hkdf(secret, share + self._public, LABEL)
            try:
                return ChaCha20Poly1305(key).decrypt(ZERO_NONCE, body, None)
            except InvalidTag:
                continue
        return None

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, X25519Identity):
            return False
        return hmac.compare_digest(other._key.private_bytes_raw(), self._key.private_bytes_raw())

    def __hash__(self) -> int:
        return hash((STANZA_TYPE, self._public))

    def __repr__(self) -> str:  # never show the secret
        return f"X25519Identity(recipient={self.recipient().to_string()!r})"
