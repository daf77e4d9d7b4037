"""The sealed payload of one record version on the server (``PSY1``, docs/sync-protocol.md).

``b"PSY1" || generation (4 bytes, big-endian) || nonce (12) || AES-256-GCM(key_g, plaintext, aad)``
with ``aad = "paperless-sync-v1\\0" member "\\0" uuid``: a payload moved to another record or
another member does not open.
"""

from __future__ import annotations

import os
from collections.abc import Mapping

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

from paperless.core.sync.protocol import PROTOCOL

MAGIC = b"PSY1"
NONCE_SIZE = 12
HEADER_SIZE = len(MAGIC) + 4 + NONCE_SIZE
KEY_SIZE = 32


class EnvelopeError(Exception):
    """A payload that does not open (not PSY1, unknown generation, tampered, another record)."""


def associated_data(member: str, uuid: str) -> bytes:
    return b"\0".join((PROTOCOL.encode(), member.encode(), uuid.encode()))


def seal(key: bytes, generation: int, member: str, uuid: str, plaintext: bytes) -> bytes:
    if len(key) != KEY_SIZE or not 0 < generation < 2**32:
        raise ValueError("a sync key is 32 bytes and its generation 1 … 2**32-1")
    nonce = os.urandom(NONCE_SIZE)
    return (MAGIC + generation.to_bytes(4, "big") + nonce
            + AESGCM(key).encrypt(nonce, plaintext, associated_data(member, uuid)))


def generation_of(blob: bytes) -> int:
    if len(blob) < HEADER_SIZE + 16 or not blob.startswith(MAGIC):
        raise EnvelopeError("not a PSY1 payload")
    return int.from_bytes(blob[4:8], "big")


def open_payload(keys: Mapping[int, bytes], member: str, uuid: str, blob: bytes) -> bytes:
    """The plaintext of a payload sealed under one of ``keys`` (by generation)."""
    generation = generation_of(blob)
    key = keys.get(generation)
    if key is None:
        raise EnvelopeError(f"unknown key generation {generation}")
    nonce = blob[8:HEADER_SIZE]
    try:
        return AESGCM(key).decrypt(nonce, blob[HEADER_SIZE:], associated_data(member, uuid))
    except InvalidTag:
        raise EnvelopeError("the payload does not open") from None
