"""The wire contract of comments and poll answers to the office (docs/consultation.md): paths,
limits and shapes shared by the member's app (:mod:`paperless.core.consultation.outbox`) and the
office server (:mod:`paperless.server.consultation`). Nothing here does I/O.

``POST /v1/consultation`` ``{"items": [{"op", "kind", "session_id", "key", "revision", "sealed"}]}``
stores each sealed envelope once: by its op id (a request sent again after a lost answer) and by
(member, kind, session, key, revision) (a replayed envelope). ``key`` is the comment's id or the
poll's id. The answer gives each item ``stored`` or ``duplicate`` and the server's time of receipt
(the office's deadline goes by it); the app then shows the item as "received by the office".
"""

from __future__ import annotations

import base64
import re
from dataclasses import dataclass
from typing import Any

CONSULTATION = "/v1/consultation"
KINDS = ("comment", "answer")
MAX_ITEMS = 20  # per request (20 of the largest, in base64, fit the 8 MiB request limit)
MAX_SEALED_BYTES = 256 * 1024  # one sealed comment or answer
MAX_REVISION = 10**6
STORED, DUPLICATE = "stored", "duplicate"

_KEY = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}|[a-z0-9][a-z0-9-]{0,39}")


def is_key(kind: str, value: object) -> bool:
    """A comment's key is its UUID; an answer's key is the poll's id."""
    if not isinstance(value, str) or not _KEY.fullmatch(value):
        return False
    is_uuid = len(value) == 36 and value.count("-") == 4
    return is_uuid if kind == "comment" else not is_uuid


@dataclass(frozen=True)
class Item:
    """One sealed comment or answer on the wire: queued on the laptop, then stored on the server."""

    op: str
    kind: str  # comment | answer
    session_id: str
    key: str  # the comment's uuid or the poll's id
    revision: int
    sealed: bytes

    def wire(self) -> dict[str, Any]:
        return {"op": self.op, "kind": self.kind, "session_id": self.session_id, "key": self.key,
                "revision": self.revision, "sealed": base64.b64encode(self.sealed).decode("ascii")}
