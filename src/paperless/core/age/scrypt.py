"""The native scrypt (passphrase) recipient type."""

from __future__ import annotations

import os
from collections.abc import Sequence

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import ChaCha20Poly1305
from cryptography.hazmat.primitives.kdf.scrypt import Scrypt

from paperless.core.age import _b64
from paperless.core.age.errors import AgeHeaderError, AgeScryptWorkFactorError, AgeUsageError
from paperless.core.age.header import FILE_KEY_SIZE, Stanza
from paperless.core.age.recipients import ZERO_NONCE

STANZA_TYPE = "scrypt"
LABEL = b"age-encryption.org/v1/scrypt"
SALT_SIZE = 16
DEFAULT_LOG_N = 18
MAX_LOG_N = 22  # 2^22 needs 4 GiB of memory and seconds of CPU: the most we ever accept
WRAPPED_SIZE = FILE_KEY_SIZE + 16
_DIGITS = frozenset("0123456789")


def parse_scrypt_stanza(stanza: Stanza) -> tuple[bytes, int, bytes] | None:
    """(salt, log2 work factor, wrapped key) of an scrypt stanza, ``None`` for other types."""
    if stanza.type != STANZA_TYPE:
        return None
    if len(stanza.args) != 2:
        raise AgeHeaderError(detail="an scrypt stanza must have exactly two arguments")
    salt = _b64.decode_exact(stanza.args[0], SALT_SIZE, "scrypt salt")
    text = stanza.args[1]
    if not text or text[0] == "0" or not _DIGITS.issuperset(text) or len(text) > 2:
        raise AgeHeaderError(detail="invalid scrypt work factor")
    if len(stanza.body) != WRAPPED_SIZE:
        raise AgeHeaderError(detail="the wrapped file key in an scrypt stanza must be 32 bytes")
    return salt, int(text), stanza.body


def _passphrase_bytes(passphrase: str | bytes) -> bytes:
    data = passphrase.encode("utf-8") if isinstance(passphrase, str) else bytes(passphrase)
    if not data:
        raise AgeUsageError(detail="the passphrase is empty")
    return data


def _derive(passphrase: bytes, salt: bytes, log_n: int) -> bytes:
    kdf = Scrypt(salt=LABEL + salt, length=32, n=1 << log_n, r=8, p=1)
    return kdf.derive(passphrase)


class ScryptRecipient:
    """Encrypt to a passphrase. ``log_n`` is the base-2 log of the scrypt work factor.

    An scrypt stanza must be the only stanza of a file: :func:`encrypt` refuses to mix a
    ``ScryptRecipient`` with any other recipient.
    """

    __slots__ = ("_passphrase", "log_n")

    def __init__(self, passphrase: str | bytes, log_n: int = DEFAULT_LOG_N) -> None:
        if not 1 <= log_n <= MAX_LOG_N:
            raise AgeUsageError(detail=f"scrypt log_n must be between 1 and {MAX_LOG_N}")
        self._passphrase = _passphrase_bytes(passphrase)
        self.log_n = log_n

    def wrap(self, file_key: bytes) -> list[Stanza]:
        salt = os.urandom(SALT_SIZE)
        key = _derive(self._passphrase, salt, self.log_n)
        body = ChaCha20Poly1305(key).encrypt(ZERO_NONCE, file_key, None)
        args = (_b64.encode(salt).decode("ascii"), str(self.log_n))
        return [Stanza(STANZA_TYPE, args, body)]

    def __repr__(self) -> str:
        return f"ScryptRecipient(log_n={self.log_n})"


class ScryptIdentity:
    """Decrypt with a passphrase; work factors above ``2**max_log_n`` are refused unrun."""

    __slots__ = ("_passphrase", "max_log_n")

    def __init__(self, passphrase: str | bytes, max_log_n: int = MAX_LOG_N) -> None:
        if not 1 <= max_log_n <= MAX_LOG_N:
            raise AgeUsageError(detail=f"scrypt max_log_n must be between 1 and {MAX_LOG_N}")
        self._passphrase = _passphrase_bytes(passphrase)
        self.max_log_n = max_log_n

    def unwrap(self, stanzas: Sequence[Stanza]) -> bytes | None:
        for stanza in stanzas:
            parsed = parse_scrypt_stanza(stanza)
            if parsed is None:
                continue
            if len(stanzas) != 1:
                raise AgeHeaderError(detail="an scrypt stanza must be alone in the header")
            salt, log_n, body = parsed
            if log_n > self.max_log_n:
                raise AgeScryptWorkFactorError(log_n=log_n, max_log_n=self.max_log_n)
            key = _derive(self._passphrase, salt, log_n)
            try:
                return ChaCha20Poly1305(key).decrypt(ZERO_NONCE, body, None)
            except InvalidTag:
                return None
        return None

    def __repr__(self) -> str:
        return f"ScryptIdentity(max_log_n={self.max_log_n})"
