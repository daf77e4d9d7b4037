"""Recalls on this device: what the office takes back, deleted here, then acknowledged
(docs/receipts-recall.md).

At each sync round the engine asks the server for the member's recalls
(:func:`handle_recalls`); each one this device has not acknowledged yet is carried out by
:func:`apply_recall` — the library's copy of the bundle, the file it was opened from, the
library's record of it (reading places, read marks) and, if the recall says ``delete``, the
member's notes on it (tombstones, so every device and the server drop them too) — then the
device signs and sends its acknowledgement. Carrying a recall out is idempotent: a session the
device no longer has (or never had) is simply acknowledged, and a round killed between the
deletion and the acknowledgement does it again (nothing left to delete) and acknowledges once.

Rendered pages and the search index live in memory only (core/render/cache.py,
core/search/index.py): the observers told of the recall (the GUI) close the open session,
which drops them.

One bundle file holds every item of a session, so a recall of one item deletes the device's
copy of the whole bundle; the office publishes a version without the item for what members
still need. Notes are deleted for that item only.
"""

from __future__ import annotations

import contextlib
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from paperless.core.errors import PaperlessError
from paperless.core.identity import PublicCard
from paperless.core.library.state import SessionRecord, is_external, is_kept_name
from paperless.core.sync import notices as N
from paperless.core.sync import protocol as P

if TYPE_CHECKING:
    from paperless.core.library import Library
    from paperless.core.notes import NotesStore

Call = Callable[[str, str, dict[str, Any] | None], dict[str, Any]]
Sign = Callable[[bytes], bytes]


@dataclass(frozen=True)
class RecallEvent:
    """Told to the observers after a recall was carried out here: the GUI closes the session if
    it is open (``item`` None: the whole session) and says why."""

    session_id: str
    item: int | None
    notes_deleted: bool


@dataclass(frozen=True)
class RecallOrder:
    recall: str
    session_id: str
    item: int | None
    notes: str


def parse_recalls(answer: dict[str, Any]) -> list[tuple[RecallOrder, bool]]:
    """The server's list of recalls: [(order, already acked by this device)]; ValueError if not in shape."""
    found = answer.get("recalls")
    if not isinstance(found, list):
        raise ValueError("recalls is not a list")
    out = []
    for r in found:
        if not isinstance(r, dict) or not P.is_uuid(r.get("recall")) or not N.is_session_id(r.get("session_id")):
            raise ValueError("a recall is not in shape")
        item, notes = r.get("item"), r.get("notes")
        if not (item is None or isinstance(item, int) and not isinstance(item, bool) and item >= 0):
            raise ValueError("a recall's item is not in shape")
        if notes not in N.NOTES_POLICIES:
            raise ValueError("a recall's notes policy is unknown")
        out.append((RecallOrder(str(r["recall"]), str(r["session_id"]), item, str(notes)), r.get("acked") is True))
    return out


def _item_hashes(library: Library, record: SessionRecord, item: int,
                 trusted: Sequence[PublicCard]) -> set[str] | None:
    """The sha256 of the item's documents, read from the bundle's signed agenda (None if it cannot be)."""
    from paperless.core.bundle import open_bundle

    try:
        path = library.bundle_path(record)
        opened = open_bundle(path, library.identity, trusted, clock=library.trusted_time)
    except (PaperlessError, OSError):
        return None
    try:
        items = opened.agenda.items
        return {d.sha256 for d in items[item].documents} if 0 <= item < len(items) else set()
    finally:
        opened.close()


def delete_notes(store: NotesStore, session_id: str, item: int | None, hashes: set[str] | None) -> int:
    """Tombstone the member's notes on the session (``item``: that item's note, and annotations and
    bookmarks on its documents); how many were deleted."""
    count = 0
    for record in store.all_records():
        if record.session_id != session_id:
            continue
        if item is not None:
            on_item = getattr(record, "item_index", None) == item
            on_docs = hashes is not None and getattr(record, "doc_hash", None) in hashes
            if not (on_item or on_docs):
                continue
        store.delete(record.uuid)
        count += 1
    return count


def session_files(library: Library, record: SessionRecord) -> list[Path]:
    """Every bundle file of the session on this device: the file the record reads (the library's
    copy, or the member's own file it was opened from) and any older copy the library kept."""
    files = [library.bundle_path(record)]
    if is_kept_name(record.bundle):
        prefix = record.bundle.rsplit("-v", 1)[0] + "-v"
        with contextlib.suppress(OSError):
            files += [p for p in library.bundles_dir.glob(f"{prefix}*.paperless")
                      if re.fullmatch(re.escape(prefix) + r"[0-9]{1,9}\.paperless", p.name)]
    elif not is_external(record.bundle):
        return []
    return list(dict.fromkeys(files))


def unlink_all(paths: Sequence[Path]) -> list[Path]:
    """Remove the files (those already gone are fine; one that cannot be removed is skipped); the removed."""
    removed = []
    for path in paths:
        try:
            path.unlink()
            removed.append(path)
        except FileNotFoundError:
            pass
        except OSError:
            continue  # left behind: still encrypted
    return removed


def forget_session(library: Library, session_id: str) -> list[Path]:
    """Delete the session's bundle files (:func:`session_files`) and its record; the files removed.
    The highest version seen stays (rollback protection)."""
    if not library.has_session(session_id):
        return []
    removed = unlink_all(session_files(library, library.session(session_id)))
    library.forget(session_id)
    return removed


def apply_recall(order: RecallOrder, library: Library, store: NotesStore | None,
                 trusted: Sequence[PublicCard]) -> RecallEvent:
    """Carry out one recall on this device (idempotent)."""
    record = library.session(order.session_id) if library.has_session(order.session_id) else None
    hashes: set[str] | None = None
    if record is not None and order.item is not None and order.notes == "delete":
        hashes = _item_hashes(library, record, order.item, trusted)
    deleted = False
    if order.notes == "delete" and store is not None:
        deleted = delete_notes(store, order.session_id, order.item, hashes) > 0
    library.mark_recalled(order.session_id)  # a copy kept elsewhere does not reopen
    forget_session(library, order.session_id)
    return RecallEvent(order.session_id, order.item, deleted)


def handle_recalls(call: Call, member: str, device: str, sign: Sign, library: Callable[[], Library],
                   store: NotesStore | None, trusted: Callable[[], Sequence[PublicCard]],
                   tell: Callable[[RecallEvent], None],
                   crash_hook: Callable[[str], None] | None = None) -> int:
    """Fetch the member's recalls, carry out those this device has not acknowledged, acknowledge
    each (signed); how many were acknowledged now."""
    orders = parse_recalls(call("GET", N.RECALLS, None))
    todo = [o for o, acked in orders if not acked]
    if not todo:
        return 0
    lib = library()
    cards = list(trusted())
    acked = 0
    for order in todo:
        event = apply_recall(order, lib, store, cards)
        tell(event)
        if crash_hook is not None:
            crash_hook("recall-applied")
        message = N.recall_ack_message(member, device, order.recall, order.session_id, order.item, order.notes)
        call("POST", f"{N.RECALLS}/{order.recall}/ack", {"signature": P.b64(sign(message))})
        acked += 1
    return acked


def purge_expired(library: Library, *, opened_before: datetime | None = None) -> list[str]:
    """Forget every session past its ``expires_at`` by the library's trusted clock (never earlier
    than the latest time seen) and delete the library's own copies of its bundle: for the app's
    start and each time the library is opened, so a device that stays offline still loses the
    documents. A file the member opened from elsewhere (a USB stick) is left where it is: it no
    longer opens anyway (expiry is decided at every access). The member's notes stay (the
    retention policy decides about them). The ids of the sessions removed.

    ``opened_before``: leave alone a session opened at or after that time (the app passes the time
    it was unlocked: a session the member is opening meanwhile, on another thread, is not pulled
    from under the open; it goes at the next unlock)."""
    now = library.trusted_time()
    gone = [r.session_id for r in library.sessions() if r.is_expired(now)
            and (opened_before is None or datetime.fromisoformat(r.last_opened) < opened_before)]
    for session_id in gone:
        record = library.session(session_id)
        unlink_all([p for p in session_files(library, record)
                    if p.parent == library.bundles_dir and is_kept_name(p.name)])
        library.forget(session_id)
    return gone
