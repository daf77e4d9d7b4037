"""The wire contract of read receipts and recalls (docs/receipts-recall.md): paths, limits, the
exact bytes a device signs. Shared by the client (:mod:`paperless.core.sync`) and the office
server (:mod:`paperless.server.receipts`); nothing here does I/O.
"""

from __future__ import annotations

import re

RECEIPTS = "/v1/receipts"  # POST {"receipts": [...]}
RECALLS = "/v1/recalls"  # GET; POST /v1/recalls/{recall}/ack

EVENTS = ("received", "opened", "read_to_end")
NOTES_POLICIES = ("keep", "delete")
MAX_RECEIPTS = 500  # per request
MAX_ENTRY = 200  # characters of a document's entry name
MAX_SESSION_ID = 64
MAX_ITEM = 10_000
MAX_VERSION = 10**9

STORED, DUPLICATE = "stored", "duplicate"

_SESSION = re.compile(r"[A-Za-z0-9._-]{1,64}")


def is_session_id(value: object) -> bool:
    """A session id as a manifest has it (letters, digits, ``.``, ``_``, ``-``; at most 64)."""
    return isinstance(value, str) and _SESSION.fullmatch(value) is not None


def target_of(entry: str | None, item: int | None) -> str:
    """What a receipt is about, as signed: ``entry:NAME`` for a document, ``item:N`` for an item."""
    if (entry is None) == (item is None):
        raise ValueError("a receipt names a document or an item, not both")
    return f"entry:{entry}" if entry is not None else f"item:{item}"


def receipt_message(member: str, device: str, op: str, session_id: str, version: int, target: str,
                    event: str, at: str) -> bytes:
    """What a device signs (raw Ed25519) for one receipt: domain-separated, NUL-joined fields
    (none of them may hold a NUL: the server refuses control characters)."""
    if event not in EVENTS:
        raise ValueError(f"unknown event {event!r}")
    fields = ["paperless-receipt-v1", member, device, op, session_id, str(version), target, event, at]
    return b"\0".join(f.encode("utf-8") for f in fields)


def recall_ack_message(member: str, device: str, recall: str, session_id: str, item: int | None,
                       notes: str) -> bytes:
    """What a device signs to say it has carried out one recall."""
    fields = ["paperless-recall-ack-v1", member, device, recall, session_id,
              "all" if item is None else str(item), notes]
    return b"\0".join(f.encode("utf-8") for f in fields)
