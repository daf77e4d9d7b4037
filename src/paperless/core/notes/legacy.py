"""Reading what the first releases wrote (schema versions 1 and 2, payload format 1), for the upgrade only.

Format 1: AES-256-GCM under the raw notes key; associated data (format, table, uuid, the
row's HLC); blob ``b"\\x01" + nonce + ciphertext-and-tag``; envelope ``{"meta", "data"}``
whose ``meta`` repeats the row's cleartext columns. Nothing here writes that format: the
upgrade (:mod:`.reseal`) opens each old row with it once and seals it again as format 2.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

from paperless.core.notes.crypto import KEY_SIZE, NONCE_SIZE, SealError

FORMAT = 1
_AAD_PREFIX = b"paperless-notes"
_KEY_CHECK = {"paperless": "notes-key-check"}
META_FIELDS = {
    "annotations": ("author", "session_id", "doc_hash", "page", "kind", "color", "deleted"),
    "item_notes": ("author", "session_id", "item_index", "deleted"),
    "bookmarks": ("author", "session_id", "doc_hash", "page", "deleted"),
}


def associated_data(table: str, uuid: str, version: str) -> bytes:
    return b"\0".join((_AAD_PREFIX, str(FORMAT).encode(), table.encode(), uuid.encode(), version.encode()))


class LegacyCipher:
    """Opens format-1 blobs and checks a format-1 key check."""

    def __init__(self, key: bytes) -> None:
        if len(key) != KEY_SIZE:
            raise ValueError("the notes key must be 32 bytes")
        self._aead = AESGCM(key)

    def open(self, table: str, uuid: str, version: str, blob: object) -> dict[str, Any]:
        if not isinstance(blob, bytes) or len(blob) < 1 + NONCE_SIZE + 16 or blob[0] != FORMAT:
            raise SealError("not a format-1 payload")
        try:
            plain = self._aead.decrypt(blob[1:1 + NONCE_SIZE], blob[1 + NONCE_SIZE:],
                                       associated_data(table, uuid, version))
            obj = json.loads(plain)
        except (InvalidTag, ValueError):
            raise SealError("authentication failed") from None
        if not isinstance(obj, dict):
            raise SealError("not a JSON object")
        return obj

    def matches(self, check: object) -> bool:
        try:
            return self.open("meta", "key-check", "0", check) == _KEY_CHECK
        except SealError:
            return False


def unwrap(table: str, row: Mapping[str, Any], env: Mapping[str, Any]) -> tuple[dict[str, Any], dict[str, Any]] | None:
    """(meta, data) of a format-1 envelope if its meta matches the row's cleartext columns, else None."""
    meta, data = env.get("meta"), env.get("data")
    if not isinstance(meta, dict) or not isinstance(data, dict):
        return None
    fields = META_FIELDS[table]
    if set(meta) != set(fields) or any(meta[k] != row[k] for k in fields if k != "deleted"):
        return None
    if meta["deleted"] is not bool(row["deleted"]):
        return None
    return meta, data
