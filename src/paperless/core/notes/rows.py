"""One record version ⇄ the row stored for it: uuid, keyed tags, tombstone, sealed envelope."""

from __future__ import annotations

import hmac
from collections.abc import Mapping
from typing import Any

from paperless.core.notes.crypto import IndexTags, PayloadCipher, SealError
from paperless.core.notes.db import DOCUMENT_TABLES
from paperless.core.notes.records import JsonDict, OpKind, envelope, unwrap

Row = dict[str, Any]


class RowCodec:
    """Seals a record's fields into a stored row and opens a stored row back, checking its clear columns."""

    def __init__(self, cipher: PayloadCipher, tags: IndexTags) -> None:
        self.cipher = cipher
        self.tags = tags

    def keys(self, table: str, fields: Mapping[str, Any]) -> Row:
        """The clear columns of a record: its uuid, its tags and its tombstone."""
        row: Row = {"uuid": fields["uuid"], "session_key": self.tags.session(fields["session_id"]),
                    "deleted": bool(fields["deleted"])}
        if table in DOCUMENT_TABLES:
            row["doc_key"] = self.tags.document(fields["session_id"], fields["doc_hash"])
        return row

    def seal(self, table: str, fields: Mapping[str, Any], data: JsonDict, op: OpKind) -> Row:
        """The row to store for this version (``fields`` with ``created`` and ``hlc`` set)."""
        blob = self.cipher.seal(table, fields["uuid"], envelope(table, dict(fields), data, op))
        return {**self.keys(table, fields), "payload": blob}

    def open(self, table: str, row: Mapping[str, Any]) -> tuple[Row, JsonDict, OpKind] | None:
        """The fields, payload and change of a stored row; None if it does not open or does not match its columns."""
        try:
            found = unwrap(table, row["uuid"], self.cipher.open(table, row["uuid"], row["payload"]))
        except SealError:
            return None
        if found is None:
            return None
        fields = found[0]
        expected = self.keys(table, fields)
        if bool(row["deleted"]) is not expected["deleted"]:
            return None
        for column in ("session_key", "doc_key"):
            if column in expected and not (isinstance(row.get(column), bytes)
                                           and hmac.compare_digest(row[column], expected[column])):
                return None
        return found
