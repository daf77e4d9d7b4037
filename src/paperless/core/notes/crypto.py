"""What the notes key does: seal record payloads, make keyed index tags, key the row digest.

The 32-byte notes key (kept in ``notes.key.age``, see :mod:`.keyfile`) is never used as is
for anything written by this version: HKDF-SHA256 derives one key per use.

* Payloads are sealed with AES-256-GCM under the ``seal`` key with a fresh 12-byte nonce. The
  associated data binds the format, the table and the row's uuid; the sealed *envelope*
  (:mod:`.records`) holds every other field of the row (author, session, document, page,
  kind, colour, tombstone, times, the change that made it), so nothing stored is outside the
  seal. Sealed blob: ``b"\\x02" + nonce + ciphertext-and-tag``. A blob copied onto another row
  or table fails to open. An *older* genuine blob of the same row does open: which version of
  each row is current is what the row digest (:mod:`.integrity`) checks.
* Index tags (:class:`IndexTags`): the only columns in clear besides ids and the tombstone
  are keyed BLAKE2b tags of the session id and of (session id, document hash), so the
  database can look records up without showing which document — a SHA-256 anyone holding
  the PDF can compute — was annotated.

Format 1 (the first releases: the raw key, the record's version in the associated data) is
read only by :mod:`.legacy`, once, when an older database is brought up to date.
"""

from __future__ import annotations

import hashlib
import json
import os
from typing import Any

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

KEY_SIZE = 32
NONCE_SIZE = 12
FORMAT = 2
HEADER_SIZE = 1 + NONCE_SIZE  # format byte + nonce: what identifies one sealing of one row
TAG_SIZE = 16
_AAD_PREFIX = b"paperless-notes"
_KDF_INFO = b"paperless-notes/v2/"
_KEY_CHECK = {"paperless": "notes-key-check"}


class SealError(Exception):
    """A sealed payload does not open (tampered, swapped, or another key); callers name the row."""


def derive_key(key: bytes, use: str) -> bytes:
    """A 32-byte key for one ``use`` of the notes key (HKDF-SHA256, the use in the info)."""
    if len(key) != KEY_SIZE:
        raise ValueError("the notes key must be 32 bytes")
    return HKDF(algorithm=hashes.SHA256(), length=32, salt=None, info=_KDF_INFO + use.encode()).derive(key)


def associated_data(table: str, uuid: str) -> bytes:
    return b"\0".join((_AAD_PREFIX, str(FORMAT).encode(), table.encode(), uuid.encode()))


def seal_header(blob: bytes) -> bytes:
    """The format byte and nonce of a sealed blob: unique to each sealing (see :mod:`.integrity`)."""
    return blob[:HEADER_SIZE]


class PayloadCipher:
    """Seals and opens JSON envelopes under the notes key (format 2)."""

    def __init__(self, key: bytes) -> None:
        self._aead = AESGCM(derive_key(key, "seal"))

    def seal(self, table: str, uuid: str, obj: dict[str, Any]) -> bytes:
        plain = json.dumps(obj, ensure_ascii=False, separators=(",", ":"), allow_nan=False).encode()
        nonce = os.urandom(NONCE_SIZE)
        return bytes([FORMAT]) + nonce + self._aead.encrypt(nonce, plain, associated_data(table, uuid))

    def open(self, table: str, uuid: str, blob: bytes) -> dict[str, Any]:
        if not isinstance(blob, bytes) or len(blob) < HEADER_SIZE + 16 or blob[0] != FORMAT:
            raise SealError("not a sealed payload")
        nonce, body = blob[1:HEADER_SIZE], blob[HEADER_SIZE:]
        try:
            plain = self._aead.decrypt(nonce, body, associated_data(table, uuid))
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
        return self.seal("meta", "key-check", _KEY_CHECK)

    def matches(self, check: bytes) -> bool:
        try:
            return self.open("meta", "key-check", check) == _KEY_CHECK
        except SealError:
            return False


class IndexTags:
    """Keyed tags for the columns the queries look records up by (BLAKE2b-128 under the ``index`` key).

    Equal inputs give equal tags, so a lookup is one indexed equality; without the notes key a
    tag tells nothing about its input (a document's SHA-256 cannot be tested against it)."""

    def __init__(self, key: bytes) -> None:
        self._key = derive_key(key, "index")

    def _tag(self, person: bytes, *parts: str) -> bytes:
        h = hashlib.blake2b(key=self._key, digest_size=TAG_SIZE, person=person)
        for part in parts:
            data = part.encode()
            h.update(len(data).to_bytes(4, "big") + data)
        return h.digest()

    def session(self, session_id: str) -> bytes:
        return self._tag(b"pl-notes-session", session_id)

    def document(self, session_id: str, doc_hash: str) -> bytes:
        """The tag of a document *within a session* (the same PDF in two sessions gets two tags)."""
        return self._tag(b"pl-notes-doc", session_id, doc_hash)
