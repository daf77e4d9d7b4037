"""Read receipts on this device: recorded offline, signed, sent once (docs/receipts-recall.md).

:class:`ReceiptsOutbox` is the member's queue of receipts, kept sealed
(:mod:`paperless.core.localstate`, purpose ``sync-receipts``) as ``receipts.age`` in the
member's library folder, failing closed. The GUI records three events through
:meth:`ReceiptsOutbox.record` — ``received`` (a bundle joined the library), ``opened`` (a
document was put on screen), ``read_to_end`` (its last page was shown) — each at most once per
session version and document; the sync round sends the queue (:func:`send_receipts`), each
receipt with its own op id and the device's Ed25519 signature, and drops a receipt only after
the server has answered for it. A round killed between the send and the answer sends it again
with the same op id: the server stores it once.
"""

from __future__ import annotations

import json
import threading
import uuid as uuidlib
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from paperless.core.errors import T
from paperless.core.identity import UnlockedIdentity
from paperless.core.localstate import LocalStateTamperedError, read_sealed, write_sealed
from paperless.core.sync import notices as N
from paperless.core.sync import protocol as P

RECEIPTS_FILE = "receipts.age"
PURPOSE = "sync-receipts"
FORMAT = "paperless-receipts-v1"
BATCH = 100  # receipts per request

Call = Callable[[str, str, dict[str, Any]], dict[str, Any]]  # (method, path, body) -> answer
Sign = Callable[[bytes], bytes]


@dataclass(frozen=True)
class QueuedReceipt:
    op: str
    session_id: str
    version: int
    entry: str | None
    item: int | None
    event: str
    at: str

    @property
    def target(self) -> str:
        return N.target_of(self.entry, self.item)

    @property
    def key(self) -> str:
        """What makes it the same receipt (recorded once): session, version, target, event."""
        return f"{self.session_id}\0{self.version}\0{self.target}\0{self.event}"

    def to_obj(self) -> dict[str, Any]:
        return {"op": self.op, "session_id": self.session_id, "version": self.version, "entry": self.entry,
                "item": self.item, "event": self.event, "at": self.at}

    def wire(self, member: str, device: str, sign: Sign) -> dict[str, Any]:
        body = self.to_obj()
        if self.entry is None:
            del body["entry"]
        else:
            del body["item"]
        message = N.receipt_message(member, device, self.op, self.session_id, self.version, self.target,
                                    self.event, self.at)
        body["signature"] = P.b64(sign(message))
        return body


def _from_obj(obj: Any) -> QueuedReceipt:
    if not isinstance(obj, dict):
        raise TypeError("receipt")
    op, sid, version, entry, item, event, at = (obj.get(k) for k in
                                                ("op", "session_id", "version", "entry", "item", "event", "at"))
    if (not P.is_uuid(op) or not N.is_session_id(sid) or not isinstance(version, int) or isinstance(version, bool)
            or not 0 < version < N.MAX_VERSION or event not in N.EVENTS or not isinstance(at, str)
            or not (isinstance(entry, str) and item is None or entry is None and isinstance(item, int))):
        raise ValueError("receipt")
    return QueuedReceipt(str(op), str(sid), version, entry, item, str(event), at)


class ReceiptsOutbox:
    """The member's queued receipts in ``folder`` (any thread; every call reads and writes the file)."""

    def __init__(self, folder: Path, identity: UnlockedIdentity, *,
                 clock: Callable[[], datetime] | None = None) -> None:
        self.path = folder / RECEIPTS_FILE
        self.identity = identity
        self._clock = clock or (lambda: datetime.now(UTC))
        self._lock = threading.Lock()

    def _load(self) -> tuple[list[QueuedReceipt], set[str]]:
        body = read_sealed(self.path, self.identity, PURPOSE)
        if body is None:
            return [], set()
        try:
            obj = json.loads(body)
            if not isinstance(obj, dict) or obj.get("format") != FORMAT:
                raise ValueError("format")
            pending = [_from_obj(o) for o in obj["pending"]]
            recorded = obj["recorded"]
            if not isinstance(recorded, list) or not all(isinstance(k, str) for k in recorded):
                raise ValueError("recorded")
        except (ValueError, KeyError, TypeError):
            raise LocalStateTamperedError(path=str(self.path), detail=T(
                "not a queue of read receipts", "không phải hàng đợi xác nhận đã đọc")) from None
        return pending, set(recorded)

    def _save(self, pending: list[QueuedReceipt], recorded: set[str]) -> None:
        body = {"format": FORMAT, "pending": [r.to_obj() for r in pending], "recorded": sorted(recorded)}
        self.path.parent.mkdir(parents=True, exist_ok=True)
        write_sealed(self.path, self.identity, PURPOSE, json.dumps(body, ensure_ascii=False).encode("utf-8"))

    def record(self, session_id: str, version: int, event: str, *, entry: str | None = None,
               item: int | None = None) -> bool:
        """Queue a receipt (True), unless the same one was recorded before (False). Raises
        ValueError for a value the protocol does not carry."""
        if not N.is_session_id(session_id) or event not in N.EVENTS or not 0 < version < N.MAX_VERSION:
            raise ValueError("a session id, a version and one of the events")
        if entry is not None and (len(entry) > N.MAX_ENTRY or any(ord(c) < 32 for c in entry)):
            raise ValueError("an entry name")
        at = self._clock().astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
        receipt = QueuedReceipt(str(uuidlib.uuid4()), session_id, version, entry, item, event, at)
        with self._lock:
            pending, recorded = self._load()
            if receipt.key in recorded:
                return False
            recorded.add(receipt.key)
            self._save(pending + [receipt], recorded)
        return True

    def pending(self) -> list[QueuedReceipt]:
        with self._lock:
            return self._load()[0]

    def acked(self, ops: set[str]) -> None:
        """Drop the receipts the server has answered for (stored or duplicate)."""
        if not ops:
            return
        with self._lock:
            pending, recorded = self._load()
            kept = [r for r in pending if r.op not in ops]
            if len(kept) != len(pending):
                self._save(kept, recorded)


def send_receipts(outbox: ReceiptsOutbox, call: Call, member: str, device: str, sign: Sign,
                  crash_hook: Callable[[str], None] | None = None) -> int:
    """Send the queued receipts (batches of :data:`BATCH`); how many the server answered for."""
    sent = 0
    queued = outbox.pending()
    for start in range(0, len(queued), BATCH):
        batch = queued[start:start + BATCH]
        answer = call("POST", N.RECEIPTS, {"receipts": [r.wire(member, device, sign) for r in batch]})
        if crash_hook is not None:
            crash_hook("receipts-sent")
        results = answer.get("results")
        wanted = {r.op for r in batch}
        done = {str(x.get("op")) for x in results if isinstance(x, dict)
                and x.get("status") in (N.STORED, N.DUPLICATE)} if isinstance(results, list) else set()
        outbox.acked(done & wanted)
        sent += len(done & wanted)
    return sent
