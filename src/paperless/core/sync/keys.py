"""Sync key generations: 32 random bytes each, on the server only as an age file to the member.

The age file alone would not do: anyone holding the member's *public* recipient (the server
does) can encrypt a key of their own choosing to it, and devices would then seal new notes
under a key the server knows. So the plaintext of a generation is authenticated by the member's
identity (a MAC under a key only the unlocked identity can derive, the same on each of their
devices) and bound to the member and the generation::

    "paperless-sync-key-v1\\0" member "\\0" generation (4, big-endian) key (32) HMAC-SHA256 (32)

A generation that does not open or whose MAC fails is never used (nor trusted for reading).
"""

from __future__ import annotations

import hashlib
import hmac
import os

from paperless.core.age import AgeError, decrypt_bytes, encrypt_bytes
from paperless.core.identity import UnlockedIdentity

_PREFIX = b"paperless-sync-key-v1\0"
KEY_SIZE = 32
MAC_SIZE = 32


class KeyGenerationError(Exception):
    """A sealed generation that this member's identity did not make (or that is damaged)."""


def _body(member: str, generation: int, key: bytes) -> bytes:
    return _PREFIX + member.encode() + b"\0" + generation.to_bytes(4, "big") + key


def _mac(identity: UnlockedIdentity, body: bytes) -> bytes:
    return hmac.new(identity.local_key("sync-key-generation"), body, hashlib.sha256).digest()


def new_key() -> bytes:
    return os.urandom(KEY_SIZE)


def seal_generation(identity: UnlockedIdentity, member: str, generation: int, key: bytes) -> bytes:
    body = _body(member, generation, key)
    return encrypt_bytes([identity.card.age_recipient], body + _mac(identity, body))


def open_generation(identity: UnlockedIdentity, member: str, generation: int, sealed: bytes) -> bytes:
    try:
        plain = decrypt_bytes([identity.age_identity], sealed)
    except AgeError:
        raise KeyGenerationError("does not decrypt with this identity") from None
    body, mac = plain[:-MAC_SIZE], plain[-MAC_SIZE:]
    expected = _body(member, generation, body[-KEY_SIZE:]) if len(body) >= KEY_SIZE else b""
    if body != expected or not hmac.compare_digest(mac, _mac(identity, body)):
        raise KeyGenerationError("not made by this member for this generation")
    return body[-KEY_SIZE:]
