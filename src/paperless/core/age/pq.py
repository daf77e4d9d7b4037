"""The native hybrid post-quantum recipient type: ML-KEM-768 + X25519 (X-Wing) via HPKE.

Identities are ``AGE-SECRET-KEY-PQ-1...`` (a 32-byte seed), recipients ``age1pq1...``
(ML-KEM-768 encapsulation key || X25519 public key, 1216 bytes). The file key is sealed with
HPKE base mode, KEM MLKEM768-X25519, HKDF-SHA256, ChaCha20Poly1305 and
``info = "age-encryption.org/mlkem768x25519"``. Requires a cryptography build with ML-KEM
and HPKE (cryptography 50 on OpenSSL 3.5+); otherwise :class:`AgeUnsupportedError`.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Sequence
from types import ModuleType
from typing import Any

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey, X25519PublicKey

from paperless.core.age import _b64, bech32
from paperless.core.age.errors import AgeHeaderError, AgeKeyError, AgeUnsupportedError
from paperless.core.age.header import FILE_KEY_SIZE, Stanza

STANZA_TYPE = "mlkem768x25519"
LABEL = b"age-encryption.org/mlkem768x25519"
RECIPIENT_HRP = "age1pq"
IDENTITY_HRP = "age-secret-key-pq-"
SEED_SIZE = 32
MLKEM_PK_SIZE = 1184
MLKEM_CT_SIZE = 1088
PUBLIC_SIZE = MLKEM_PK_SIZE + 32
ENC_SIZE = MLKEM_CT_SIZE + 32
WRAPPED_SIZE = FILE_KEY_SIZE + 16


def _backend() -> tuple[ModuleType, ModuleType]:
    """The (hpke, mlkem) modules, or :class:`AgeUnsupportedError` if unavailable."""
    try:
        from cryptography.hazmat.backends.openssl.backend import backend
        from cryptography.hazmat.primitives import hpke
        from cryptography.hazmat.primitives.asymmetric import mlkem

        supported = bool(backend.mlkem_supported())
    except (ImportError, AttributeError):
        supported = False
    if not supported:
        raise AgeUnsupportedError(detail="post-quantum (ML-KEM-768 + X25519) keys need a newer cryptography/OpenSSL")
    return hpke, mlkem


def pq_supported() -> bool:
    """Whether hybrid post-quantum keys can be used with the installed cryptography."""
    try:
        _backend()
    except AgeUnsupportedError:
        return False
    return True


def _suite() -> Any:
    hpke, _ = _backend()
    return hpke.Suite(hpke.KEM.MLKEM768_X25519, hpke.KDF.HKDF_SHA256, hpke.AEAD.CHACHA20_POLY1305)


def parse_mlkem_stanza(stanza: Stanza) -> tuple[bytes, bytes] | None:
    """(enc, HPKE ciphertext) of an mlkem768x25519 stanza, ``None`` for other types."""
    if stanza.type != STANZA_TYPE:
        return None
    if len(stanza.args) != 1:
        raise AgeHeaderError(detail="an mlkem768x25519 stanza must have exactly one argument")
    enc = _b64.decode_exact(stanza.args[0], ENC_SIZE, "mlkem768x25519 enc")
    if len(stanza.body) != WRAPPED_SIZE:
        raise AgeHeaderError(detail="the wrapped file key in a hybrid stanza must be 32 bytes")
    return enc, stanza.body


class MLKEM768X25519Recipient:
    """A hybrid post-quantum public key; ``to_string()`` is the ``age1pq1...`` form."""

    __slots__ = ("_public",)

    def __init__(self, public_key: bytes) -> None:
        if len(public_key) != PUBLIC_SIZE:
            raise AgeKeyError(detail=f"a post-quantum recipient must be {PUBLIC_SIZE} bytes")
        self._public = bytes(public_key)

    @classmethod
    def from_string(cls, text: str) -> MLKEM768X25519Recipient:
        hrp, data = bech32.decode(text.strip())
        if hrp != RECIPIENT_HRP:
            raise AgeKeyError(detail="not an age post-quantum recipient (age1pq1...)")
        return cls(data)

    def to_string(self) -> str:
        return bech32.encode(RECIPIENT_HRP, self._public)

    @property
    def public_bytes(self) -> bytes:
        return self._public

    def _key(self) -> Any:
        hpke, mlkem = _backend()
        try:
            return hpke.MLKEM768X25519PublicKey(
                mlkem.MLKEM768PublicKey.from_public_bytes(self._public[:MLKEM_PK_SIZE]),
                X25519PublicKey.from_public_bytes(self._public[MLKEM_PK_SIZE:]),
            )
        except ValueError:
            raise AgeKeyError(detail="invalid post-quantum recipient") from None

    def wrap(self, file_key: bytes) -> list[Stanza]:
        sealed: bytes = _suite().encrypt(file_key, self._key(), info=LABEL)
        enc, body = sealed[:ENC_SIZE], sealed[ENC_SIZE:]
        return [Stanza(STANZA_TYPE, (_b64.encode(enc).decode("ascii"),), body)]

    def __eq__(self, other: object) -> bool:
        return isinstance(other, MLKEM768X25519Recipient) and other._public == self._public

    def __hash__(self) -> int:
        return hash((STANZA_TYPE, self._public))

    def __str__(self) -> str:
        return self.to_string()

    def __repr__(self) -> str:
        return f"MLKEM768X25519Recipient({self.to_string()[:24]!r}...)"


class MLKEM768X25519Identity:
    """A hybrid post-quantum secret key (32-byte seed), ``AGE-SECRET-KEY-PQ-1...``."""

    __slots__ = ("_seed", "_keys")

    def __init__(self, seed: bytes) -> None:
        if len(seed) != SEED_SIZE:
            raise AgeKeyError(detail="a post-quantum identity must be a 32-byte seed")
        self._seed = bytes(seed)
        self._keys: tuple[Any, X25519PrivateKey] | None = None

    @classmethod
    def generate(cls) -> MLKEM768X25519Identity:
        return cls(os.urandom(SEED_SIZE))

    @classmethod
    def from_string(cls, text: str) -> MLKEM768X25519Identity:
        hrp, data = bech32.decode(text.strip())
        if hrp != IDENTITY_HRP:
            raise AgeKeyError(detail="not an age post-quantum identity (AGE-SECRET-KEY-PQ-1...)")
        return cls(data)

    def to_string(self) -> str:
        return bech32.encode(IDENTITY_HRP, self._seed, upper=True)

    def _expand(self) -> tuple[Any, X25519PrivateKey]:
        """Seed expansion of the MLKEM768-X25519 KEM: SHAKE256(seed, 96) = d||z || x25519."""
        if self._keys is None:
            _, mlkem = _backend()
            expanded = hashlib.shake_256(self._seed).digest(96)
            self._keys = (
                mlkem.MLKEM768PrivateKey.from_seed_bytes(expanded[:64]),
                X25519PrivateKey.from_private_bytes(expanded[64:]),
            )
        return self._keys

    def recipient(self) -> MLKEM768X25519Recipient:
        mlkem_key, x_key = self._expand()
        return MLKEM768X25519Recipient(
            mlkem_key.public_key().public_bytes_raw() + x_key.public_key().public_bytes_raw()
        )

    def unwrap(self, stanzas: Sequence[Stanza]) -> bytes | None:
        for stanza in stanzas:
            parsed = parse_mlkem_stanza(stanza)
            if parsed is None:
                continue
            enc, body = parsed
            hpke, _ = _backend()
            mlkem_key, x_key = self._expand()
            try:  # the spec forbids the all-zero X25519 shared secret (low-order enc)
                x_key.exchange(X25519PublicKey.from_public_bytes(enc[MLKEM_CT_SIZE:]))
            except ValueError:
                raise AgeHeaderError(detail="X25519 part of enc is a low-order point") from None
            private = hpke.MLKEM768X25519PrivateKey(mlkem_key, x_key)
            try:
                key: bytes = _suite().decrypt(enc + body, private, info=LABEL)
            except InvalidTag:
                continue
            except ValueError:
                raise AgeHeaderError(detail="invalid mlkem768x25519 stanza") from None
            return key
        return None

    def __repr__(self) -> str:  # never show the secret
        return "MLKEM768X25519Identity(...)"
