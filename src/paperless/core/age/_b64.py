"""Canonical unpadded base64 (RFC 4648 section 4, no ``=``), as the age header uses it."""

from __future__ import annotations

import binascii

from paperless.core.age.errors import AgeError, AgeHeaderError

ALPHABET = frozenset(b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/")


def encode(data: bytes) -> bytes:
    """Unpadded standard base64 of ``data``."""
    return binascii.b2a_base64(data, newline=False).rstrip(b"=")


def decode(text: bytes, *, error: type[AgeError] = AgeHeaderError, what: str = "base64") -> bytes:
    """Decode canonical unpadded base64; anything else raises ``error``."""
    if len(text) % 4 == 1 or not ALPHABET.issuperset(text):
        raise error(detail=f"invalid {what}")
    try:
        data = binascii.a2b_base64(text + b"=" * (-len(text) % 4), strict_mode=True)
    except binascii.Error:
        raise error(detail=f"invalid {what}") from None
    if encode(data) != text:
        raise error(detail=f"non-canonical {what}")
    return data


def decode_exact(text: bytes | str, size: int, what: str) -> bytes:
    """Decode a header argument that must be canonical base64 of exactly ``size`` bytes."""
    try:
        raw = text.encode("ascii") if isinstance(text, str) else text
    except UnicodeEncodeError:
        raise AgeHeaderError(detail=f"invalid {what}") from None
    data = decode(raw, what=what)
    if len(data) != size:
        raise AgeHeaderError(detail=f"{what} must be {size} bytes, not {len(data)}")
    return data
