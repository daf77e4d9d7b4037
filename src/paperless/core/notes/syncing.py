"""What the notes store keeps for the sync with the office server, and the rules it applies.

The sync engine (:mod:`paperless.core.sync.engine`) talks to the server; the store only
answers short calls (:meth:`~.store.NotesStore.sync_dirty`, :meth:`~.store.NotesStore.sync_apply`,
:meth:`~.store.NotesStore.sync_acked` …), each one transaction, never during network I/O.

Bookkeeping (schema 4, :func:`~.migrations.migration_0004_sync_bookkeeping`):

* ``sync_records``: per record the server's version last known (0: the server has none we
  know of), ``repush`` (the record must be pushed although no outbox operation waits: after a
  restored server or a reconcile found the server lacking it or holding an older version) and
  ``confirmed`` (seen in the current full reconcile).
* ``sync_seen``: keyed digests (:func:`plain_digest`, HMAC-SHA256 under a key derived from the
  notes key, cut to 16 bytes) of every version of a record this device made (before pushing
  it) or saw (pulled). A pulled version whose digest is known is not another device's change.
* ``sync_state``: the pull cursor, the server's epoch, the time of the last complete round, and
  the *retry list*: pulled versions that did not open or validate here (a key generation not
  available yet, a damaged payload). Their version is known (so the server's digest matches and
  the device keeps working) but they are never taken as read: each round pulls again from the
  lowest counter on the list until a readable version of the record arrives (a full reconcile
  starts the list afresh).

**Not in the row digest** (:mod:`.integrity`), on purpose: the digest proves which version of
each *note* is current; the bookkeeping only says what the server is believed to hold, and
the server itself is the witness for that — every round ends by comparing the digest of the
(uuid, version) pairs known here with the server's (``GET /v1/sync/digest``), and a mismatch
forgets the cursor and reconciles from 0. Tampering with it can therefore cost a full pull, a
push conflict (retried after a pull) or an extra push, never a note: a version is never
dropped because of it (a tombstoned ``repush`` flag pushes the local version again, which the
server keeps as a new version; a forged ``sync_seen`` entry cannot be made without the notes
key, and a removed one only makes a conflict copy where none was needed). Keeping it outside
also keeps every write of the sync short: no digest update for the cursor after each page.
"""

from __future__ import annotations

import hashlib
import hmac
import json
from dataclasses import dataclass, field
from typing import Any

from paperless.core.errors import T
from paperless.core.notes.records import META_FIELDS, JsonDict, unwrap

CONFLICT_MARKER = "— Bản từ thiết bị khác / From another device —"
SEEN_DIGEST_SIZE = 16
CURSOR, EPOCH, LAST_SYNCED = "cursor", "epoch", "last_synced_ms"
RETRY = "retry"  # pulled versions that did not open or validate here: {uuid: [version, counter]} (JSON)


def canonical(obj: Any) -> bytes:
    """The canonical JSON of the sync (sorted keys, no spaces, UTF-8)."""
    return json.dumps(obj, sort_keys=True, separators=(",", ":"), ensure_ascii=False, allow_nan=False).encode()


def plaintext(table: str, env: dict[str, Any]) -> bytes:
    """What is sealed for the server for one version of a record (docs/sync-protocol.md)."""
    return canonical({"table": table, "env": env})


def plain_digest(key: bytes, text: bytes) -> bytes:
    return hmac.new(key, b"paperless-sync-seen\0" + text, hashlib.sha256).digest()[:SEEN_DIGEST_SIZE]


def same_content(a: dict[str, Any], b: dict[str, Any]) -> bool:
    """Two envelopes say the same thing (their times and the change that made them aside)."""
    return bool(a.get("meta") == b.get("meta") and a.get("data") == b.get("data")
                and a.get("conflict_of") == b.get("conflict_of"))


def merged_text(local: str, remote: str) -> str:
    """An item note edited on two devices: both texts, the other device's under a marked line."""
    if remote == local or not remote:
        return local
    if not local:
        return remote
    return f"{local}\n\n{CONFLICT_MARKER}\n{remote}"


@dataclass(frozen=True)
class DirtyRecord:
    """One record to push: its latest version's plaintext on top of the server's ``base``."""

    uuid: str
    table: str
    base: int
    op_id: str  # the latest pending outbox operation (the same after a crash: the server dedups it)
    plaintext: bytes
    op_ids: tuple[str, ...] = ()  # every pending operation it collapses (marked sent with the ack)


@dataclass(frozen=True)
class PulledRecord:
    uuid: str
    version: int
    plaintext: bytes  # b"": did not open here (an unknown key generation, a payload that does not open)
    counter: int = 0  # the server's counter of that version (where a retry pulls from again); 0: unknown


@dataclass
class ApplyOutcome:
    applied: int = 0  # records added or replaced from the server
    conflicts: int = 0  # records changed on both sides
    skipped: int = 0  # pulled versions that did not open or validate (not applied; on the retry list)
    notices: list[T] = field(default_factory=list)
    changed: list[str] = field(default_factory=list)  # uuids of local records added or changed (conflict copies too)


NOTICE_KEPT_BOTH = T("An annotation or bookmark was changed on two devices at once; both versions are kept "
                     "side by side.",
                     "Một chú thích hoặc dấu trang đã được sửa trên hai thiết bị cùng lúc; cả hai bản được giữ "
                     "cạnh nhau.")
NOTICE_NOTE_MERGED = T("A note was changed on two devices at once; both texts are kept in the note.",
                       "Một ghi chú đã được sửa trên hai thiết bị cùng lúc; cả hai nội dung được giữ trong ghi chú.")
NOTICE_UNREADABLE = T("Some notes on the office server could not be read on this computer and were left out.",
                      "Một số ghi chú trên máy chủ văn phòng không đọc được trên máy này nên đã bỏ qua.")
NOTICE_EDIT_WON = T("A note deleted on one device was edited on another; the edited note is kept.",
                    "Một ghi chú bị xóa trên một thiết bị nhưng được sửa trên thiết bị khác; bản đã sửa được giữ lại.")


def parse_pulled(record: PulledRecord) -> tuple[str, JsonDict, dict[str, Any], JsonDict] | None:
    """(table, envelope, fields, data) of a pulled plaintext; None if it is not in shape."""
    try:
        obj = json.loads(record.plaintext)
    except (ValueError, UnicodeDecodeError):
        return None
    if not isinstance(obj, dict) or set(obj) != {"table", "env"}:
        return None
    table, env = obj["table"], obj["env"]
    if table not in META_FIELDS or not isinstance(env, dict):
        return None
    if not set(env) <= {"meta", "data", "created", "hlc", "op", "conflict_of"}:
        return None
    found = unwrap(table, record.uuid, env)
    if found is None:
        return None
    return table, env, found[0], found[1]
