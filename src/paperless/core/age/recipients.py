"""The recipient and identity interfaces, and header checks shared by all identity types."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol, runtime_checkable

from paperless.core.age.errors import AgeHeaderError
from paperless.core.age.header import Stanza

ZERO_NONCE = bytes(12)


@runtime_checkable
class Recipient(Protocol):
    """Something a file key can be wrapped to (a public key, a passphrase)."""

    def wrap(self, file_key: bytes) -> list[Stanza]:
        """Return the stanza(s) wrapping ``file_key`` for this recipient."""
        ...


@runtime_checkable
class Identity(Protocol):
    """Something that can unwrap a file key (a secret key, a passphrase)."""

    def unwrap(self, stanzas: Sequence[Stanza]) -> bytes | None:
        """The 16-byte file key if a stanza is addressed to this identity, else ``None``.

        Raises :class:`AgeHeaderError` for a malformed stanza of its own type.
        """
        ...


def check_stanzas(stanzas: Sequence[Stanza]) -> None:
    """Validate every stanza of a native type and the scrypt-alone rule (no crypto here).

    Run on the whole header before any identity is tried, so malformed or abusive headers
    are refused before any X25519, ML-KEM or scrypt work.
    """
    from paperless.core.age.pq import parse_mlkem_stanza
    from paperless.core.age.scrypt import parse_scrypt_stanza
    from paperless.core.age.x25519 import parse_x25519_stanza

    for stanza in stanzas:
        parse_x25519_stanza(stanza)
        parse_mlkem_stanza(stanza)
        if parse_scrypt_stanza(stanza) is not None and len(stanzas) != 1:
            raise AgeHeaderError(detail="an scrypt (passphrase) stanza must be alone in the header")
