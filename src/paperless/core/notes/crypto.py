"""The notes database key and the sealing of record payloads.

The key is 32 random bytes made on first use and kept in ``notes.key.age``: an age file
encrypted to the member's own X25519 recipient, so only their unlocked identity opens it.
Every payload is sealed with AES-256-GCM under that key with a fresh 12-byte nonce; the
associated data binds the payload format, the table, the record's uuid and its version (the
record's HLC), so a payload copied onto another row, another table or an older version of the
same row fails to open. Sealed blob: ``b"\\x01" + nonce + ciphertext-and-tag``.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

from paperless.core.age import AgeError, AgeNoMatchError, decrypt_bytes, encrypt_bytes
from paperless.core.atomic import atomic_write
from paperless.core.errors import T
from paperless.core.identity import UnlockedIdentity
from paperless.core.notes.errors import NotesKeyError, NotesKeyMissingError

KEY_FILE = "notes.key.age"
KEY_MAGIC = b"paperless-notes-key/1\n"
KEY_SIZE = 32
NONCE_SIZE = 12
FORMAT = 1
_AAD_PREFIX = b"paperless-notes"


class SealError(Exception):
    """A sealed payload does not open (tampered, swapped, or another key); callers name the row."""


def associated_data(table: str, uuid: str, version: str) -> bytes:
    return b"\0".join((_AAD_PREFIX, str(FORMAT).encode(), table.encode(), uuid.encode(), version.encode()))


class PayloadCipher:
    """Seals and opens JSON payloads under the database key."""

    def __init__(self, key: bytes) -> None:
        if len(key) != KEY_SIZE:
            raise ValueError("the notes key must be 32 bytes")
        self._aead = AESGCM(key)

    def seal(self, table: str, uuid: str, version: str, obj: dict[str, Any]) -> bytes:
        plain = json.dumps(obj, ensure_ascii=False, separators=(",", ":"), allow_nan=False).encode()
        nonce = os.urandom(NONCE_SIZE)
        return bytes([FORMAT]) + nonce + self._aead.encrypt(nonce, plain, associated_data(table, uuid, version))

    def open(self, table: str, uuid: str, version: str, blob: bytes) -> dict[str, Any]:
        if len(blob) < 1 + NONCE_SIZE + 16 or blob[0] != FORMAT:
            raise SealError("not a sealed payload")
        nonce, body = blob[1:1 + NONCE_SIZE], blob[1 + NONCE_SIZE:]
        try:
            plain = self._aead.decrypt(nonce, body, associated_data(table, uuid, version))
        except InvalidTag:
            raise SealError("authentication failed") from None
        try:
            obj = json.loads(plain)
        except ValueError:
            raise SealError("not JSON") from None
        if not isinstance(obj, dict):
            raise SealError("not a JSON object")
        return obj

    # A known value sealed under the key, kept in the database, tells a wrong key file apart
    # from damaged rows as soon as the store opens.
    def key_check(self) -> bytes:
        return self.seal("meta", "key-check", "0", {"paperless": "notes-key-check"})

    def matches(self, check: bytes) -> bool:
        try:
            return self.open("meta", "key-check", "0", check) == {"paperless": "notes-key-check"}
        except SealError:
            return False


def load_key(path: Path, identity: UnlockedIdentity) -> bytes:
    """Decrypt the key file with the member's identity."""
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise NotesKeyMissingError(path=str(path)) from None
    except OSError as exc:
        raise NotesKeyError(path=str(path), detail=exc.strerror or str(exc)) from None
    try:
        plain = decrypt_bytes([identity.age_identity], data)
    except AgeNoMatchError:
        raise NotesKeyError(path=str(path), detail=T("it belongs to another identity",
                                                     "khóa thuộc về một danh tính khác")) from None
    except AgeError as exc:
        raise NotesKeyError(path=str(path), detail=str(exc)) from None
    if len(plain) != len(KEY_MAGIC) + KEY_SIZE or not plain.startswith(KEY_MAGIC):
        raise NotesKeyError(path=str(path), detail=T("not a notes key", "không phải khóa ghi chú"))
    return plain[len(KEY_MAGIC):]


def create_key(path: Path, identity: UnlockedIdentity) -> bytes:
    """Make a new random key and write it, encrypted to the member, atomically and durably."""
    key = AESGCM.generate_key(bit_length=KEY_SIZE * 8)
    # durable_name: the new name must survive a power cut before any note uses the key
    atomic_write(path, encrypt_bytes([identity.card.age_recipient], KEY_MAGIC + key), durable_name=True)
    return key
