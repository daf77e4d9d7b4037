"""The notes store's side of the sync: dirty records, acks, pulled records, the conflict rules and
the full reconcile — two stores of one member and a server kept in a dict (the real server and the
wire are in test_sync_e2e.py)."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest
from bundle_helpers import People, unlock
from notes_content import note

from paperless.core.identity import UnlockedIdentity
from paperless.core.notes import NotesStore
from paperless.core.notes.db import DB_FILE
from paperless.core.notes.records import OpKind, envelope
from paperless.core.notes.syncing import CONFLICT_MARKER, PulledRecord, merged_text

SID = "s-2026-12"
DOC = "ab" * 32


@pytest.fixture(scope="module")
def an(people: People) -> UnlockedIdentity:
    return unlock(people.member("an"))


@pytest.fixture
def two(tmp_path: Path, an: UnlockedIdentity) -> Iterator[tuple[NotesStore, NotesStore]]:
    a, b = NotesStore.open(tmp_path / "a", an), NotesStore.open(tmp_path / "b", an)
    yield a, b
    a.close()
    b.close()


class Server:
    """Per record the latest (version, plaintext), as the office server keeps them (sealing aside)."""

    def __init__(self) -> None:
        self.records: dict[str, tuple[int, bytes]] = {}

    def push(self, store: NotesStore) -> tuple[int, int]:
        """(applied, stale)"""
        acked, stale = [], 0
        for d in store.sync_dirty():
            current = self.records.get(d.uuid, (0, b""))[0]
            if current != d.base:
                stale += 1
                continue
            self.records[d.uuid] = (current + 1, d.plaintext)
            acked.append((d, current + 1))
        store.sync_acked(acked)
        return len(acked), stale

    def pull(self, store: NotesStore) -> list[str]:
        outcome = store.sync_apply(PulledRecord(u, v, p) for u, (v, p) in sorted(self.records.items()))
        return [n.en for n in outcome.notices]

    def sync(self, store: NotesStore) -> list[str]:
        said = self.pull(store)
        while self.push(store)[1]:
            said += self.pull(store)
        return said


def reopen(store: NotesStore, an: UnlockedIdentity) -> NotesStore:
    store.close()
    return NotesStore.open(store.folder, an)  # the row digest is checked: the sync's writes kept it


def live(store: NotesStore) -> dict[str, object]:
    return {r.uuid: r for r in store.all_records()}


def test_dirty_records_collapse_per_uuid_and_are_sent_only_after_the_ack(two: tuple[NotesStore, NotesStore],
                                                                         an: UnlockedIdentity) -> None:
    a, _b = two
    made = a.add_annotation(SID, DOC, 0, "note", None, note("một"))
    a.update_annotation(made.uuid, content=note("hai"))
    a.update_annotation(made.uuid, content=note("ba"))
    a.set_item_note(SID, 0, "ghi chú")
    ops = a.pending_outbox()
    dirty = a.sync_dirty()
    assert [d.uuid for d in dirty] == [made.uuid, ops[-1].record_uuid]
    first = dirty[0]
    assert first.base == 0 and len(first.op_ids) == 3 and first.op_id == ops[2].op_id
    assert b'"text":"ba"' in first.plaintext
    assert a.sync_pending() == 2
    assert a.sync_dirty()[0].op_id == first.op_id  # the same op id again (a crash before the ack)
    a.sync_acked([(first, 1)])
    assert a.sync_pending() == 1 and a.sync_known() == [(made.uuid, 1)]
    assert [o.record_uuid for o in a.pending_outbox()] == [dirty[1].uuid]
    reopen(a, an).close()


def test_pulled_records_arrive_without_outbox_operations(two: tuple[NotesStore, NotesStore],
                                                        an: UnlockedIdentity) -> None:
    a, b = two
    server = Server()
    ann = a.add_annotation(SID, DOC, 2, "note", "#ffd400", note("Ý kiến"))
    bm = a.add_bookmark(SID, DOC, 3, "Trang 4")
    server.sync(a)
    assert server.sync(b) == []
    assert b.sync_pending() == 0 and b.pending_outbox() == []
    got = live(b)
    assert got[ann.uuid] == a.annotation(ann.uuid) and got[bm.uuid] == live(a)[bm.uuid]
    assert sorted(b.sync_known()) == sorted(a.sync_known())
    b = reopen(b, an)
    assert live(b)[ann.uuid] == a.annotation(ann.uuid)
    # a later change there replaces the record here (not changed here: no conflict)
    a.update_annotation(ann.uuid, color="#00ff00")
    server.sync(a)
    assert server.sync(b) == [] and b.annotation(ann.uuid) == a.annotation(ann.uuid)
    # its own version pulled back changes nothing
    assert server.pull(a) == [] and a.sync_pending() == 0
    b.close()


def test_an_annotation_changed_on_both_keeps_both(two: tuple[NotesStore, NotesStore]) -> None:
    a, b = two
    server = Server()
    ann = a.add_annotation(SID, DOC, 0, "note", None, note("gốc"))
    server.sync(a)
    server.sync(b)
    a.update_annotation(ann.uuid, content=note("máy A"))
    b.update_annotation(ann.uuid, content=note("máy B"))
    server.sync(a)
    said = server.sync(b)
    assert any("both versions are kept" in s for s in said)
    server.sync(a)
    for store in (a, b):
        found = store.annotations(SID)
        assert len(found) == 2
        mine = store.annotation(ann.uuid)
        assert mine is not None and mine.content.to_json()["text"] == "máy B" and mine.conflict_of is None
        copy = next(x for x in found if x.uuid != ann.uuid)
        assert copy.conflict_of == ann.uuid and copy.content.to_json()["text"] == "máy A"
    assert live(a) == live(b)


def test_an_item_note_changed_on_both_keeps_both_texts(two: tuple[NotesStore, NotesStore]) -> None:
    a, b = two
    server = Server()
    a.set_item_note(SID, 2, "gốc")
    server.sync(a)
    server.sync(b)
    a.set_item_note(SID, 2, "Văn bản A")
    b.set_item_note(SID, 2, "Văn bản B")
    server.sync(a)
    said = server.sync(b)
    server.sync(a)
    assert any("both texts are kept" in s for s in said)
    for store in (a, b):
        found = store.item_note(SID, 2)
        assert found is not None and found.text == f"Văn bản B\n\n{CONFLICT_MARKER}\nVăn bản A"
    assert merged_text("x", "x") == "x" and merged_text("", "y") == "y" and merged_text("x", "") == "x"


@pytest.mark.parametrize("deleting", ["a", "b"])
def test_an_edit_wins_against_a_deletion(two: tuple[NotesStore, NotesStore], deleting: str) -> None:
    a, b = two
    server = Server()
    bm = a.add_bookmark(SID, DOC, 1, "gốc")
    server.sync(a)
    server.sync(b)
    deleter, editor = (a, b) if deleting == "a" else (b, a)
    deleter.remove_bookmark(bm.uuid)
    editor.rename_bookmark(bm.uuid, "đã sửa")
    server.sync(a)
    said = server.sync(b)
    server.sync(a)
    assert any("edited note is kept" in s for s in said)
    for store in (a, b):
        assert [x.label for x in store.bookmarks(SID)] == ["đã sửa"]


def test_the_same_change_on_both_is_no_conflict(two: tuple[NotesStore, NotesStore]) -> None:
    a, b = two
    server = Server()
    bm = a.add_bookmark(SID, DOC, 1, "gốc")
    server.sync(a)
    server.sync(b)
    a.remove_bookmark(bm.uuid)
    b.remove_bookmark(bm.uuid)
    server.sync(a)
    assert server.sync(b) == []
    assert a.bookmarks(SID) == b.bookmarks(SID) == [] and b.sync_pending() == 0


def test_a_full_reconcile_pushes_again_what_the_server_lacks(two: tuple[NotesStore, NotesStore],
                                                             an: UnlockedIdentity) -> None:
    a, _b = two
    server = Server()
    kept = a.add_bookmark(SID, DOC, 1, "một")
    lost = a.add_bookmark(SID, DOC, 2, "hai")
    server.sync(a)
    older = dict(server.records)  # the backup
    a.rename_bookmark(kept.uuid, "một (sửa)")
    server.sync(a)
    server.records = {kept.uuid: older[kept.uuid]}  # restored: the old version of one, the other gone
    a.sync_begin_reconcile("epoch-2")
    assert server.pull(a) == []  # an older version this device made: not a conflict
    assert a.sync_finish_reconcile() == 1
    assert a.sync_pending() == 2
    server.sync(a)
    assert server.records[kept.uuid][0] == 2 and server.records[lost.uuid][0] == 1
    assert [b.label for b in a.bookmarks(SID)] == ["một (sửa)", "hai"]
    assert a.sync_pending() == 0 and a.sync_cursor() == ("epoch-2", 0)
    reopen(a, an).close()


def test_pulled_records_not_in_shape_are_skipped(two: tuple[NotesStore, NotesStore]) -> None:
    a, _b = two
    uuid = "0b9f8f0e-5c3a-4c1e-9d7e-2f4a3b1c0d9e"
    bad = [b"", b"not json", b'{"table":"annotations"}', b'{"table":"evil","env":{}}',
           b'{"table":"bookmarks","env":{"meta":{},"data":{}}}']
    outcome = a.sync_apply(PulledRecord(uuid, 1, p) for p in bad)
    assert outcome.skipped == len(bad) and outcome.applied == 0 and a.all_records() == []
    assert a.sync_known() == [(uuid, 1)]  # known, so the server's digest still matches; never applied


def test_the_envelope_of_a_record_that_is_not_a_conflict_copy_is_unchanged() -> None:
    fields = {"uuid": "u", "author": "x", "session_id": SID, "doc_hash": DOC, "page": 0, "deleted": False,
              "created": "c", "hlc": "h"}
    assert set(envelope("bookmarks", fields, {"label": ""}, OpKind.CREATE)) == {"meta", "data", "created", "hlc", "op"}
    copy = envelope("bookmarks", {**fields, "conflict_of": "v"}, {"label": ""}, OpKind.CREATE)
    assert copy["conflict_of"] == "v"
    assert "conflict_of" not in envelope("item_notes", {**fields, "item_index": 0, "conflict_of": "v"}, {},
                                         OpKind.CREATE)


def test_the_sync_bookkeeping_is_outside_the_row_digest(two: tuple[NotesStore, NotesStore],
                                                        an: UnlockedIdentity) -> None:
    """Documented choice (core/notes/syncing.py): changing the bookkeeping does not refuse the
    store; the server's digest after the next round is the witness (a mismatch: full reconcile)."""
    a, _b = two
    server = Server()
    a.add_bookmark(SID, DOC, 1, "một")
    server.sync(a)
    a.close()
    con = sqlite3.connect(a.folder / DB_FILE)
    con.execute("UPDATE sync_records SET version = 7")
    con.execute("INSERT OR REPLACE INTO sync_state (key, value) VALUES ('cursor', '99')")
    con.commit()
    con.close()
    again = NotesStore.open(a.folder, an)
    assert [v for _u, v in again.sync_known()] == [7] and again.sync_cursor()[1] == 99
    again.close()


def test_notes_started_on_the_same_item_on_both_devices_become_one(two: tuple[NotesStore, NotesStore]) -> None:
    a, b = two
    server = Server()
    a.set_item_note(SID, 4, "Ý của máy A")
    b.set_item_note(SID, 4, "Ý của máy B")
    server.sync(a)
    said = server.sync(b)
    server.sync(a)
    assert any("both texts are kept" in s for s in said)
    for store in (a, b):
        notes = store.item_notes(SID)
        assert [n.text for n in notes] == [f"Ý của máy B\n\n{CONFLICT_MARKER}\nÝ của máy A"]
    assert live(a) == live(b)


def _reconcile(server: Server, store: NotesStore, epoch: str) -> None:
    store.sync_begin_reconcile(epoch)
    server.pull(store)
    store.sync_finish_reconcile()
    server.sync(store)


def test_a_restored_server_does_not_roll_back_a_device_that_never_saw_the_old_version(
        two: tuple[NotesStore, NotesStore]) -> None:
    """Device B joined after the backup: the restored server's older version (never seen on B) does
    not replace B's newer clean one, B pushes its own again, and the devices converge (no ping-pong)."""
    a, b = two
    server = Server()
    bm = a.add_bookmark(SID, DOC, 1, "v1-old")
    server.sync(a)
    backup = dict(server.records)
    a.rename_bookmark(bm.uuid, "v2-new")
    server.sync(a)
    server.sync(b)  # B's first sync: it only ever sees v2
    server.records = dict(backup)  # restored
    _reconcile(server, b, "e2")
    assert [x.label for x in b.bookmarks(SID)] == ["v2-new"]
    _reconcile(server, a, "e2")
    settled = None
    for _ in range(3):
        server.sync(b)
        server.sync(a)
        if settled is None:
            settled = server.records[bm.uuid][0]
    assert server.records[bm.uuid][0] == settled  # nothing pushed back and forth any more
    assert [x.label for x in a.bookmarks(SID)] == [x.label for x in b.bookmarks(SID)] == ["v2-new"]
    assert live(a) == live(b) and a.sync_pending() == b.sync_pending() == 0


def test_a_device_holding_an_older_version_than_one_it_saw_takes_the_newer_one(
        two: tuple[NotesStore, NotesStore]) -> None:
    """The "seen" rule: a device that holds an older version than one it saw (rolled back by an
    earlier client) takes the newer one instead of pushing its older one on top."""
    a, b = two
    server = Server()
    bm = a.add_bookmark(SID, DOC, 1, "một")
    server.sync(a)
    server.sync(b)
    b.rename_bookmark(bm.uuid, "hai")
    server.sync(b)
    newer = server.records[bm.uuid]
    with a._tx() as conn:  # a saw "hai" once but holds "một" (what the rollback bug left behind)
        a._remember_seen(conn, bm.uuid, newer[1])
    server.sync(a)
    assert [x.label for x in a.bookmarks(SID)] == ["hai"] and a.sync_pending() == 0
    assert server.records[bm.uuid] == newer  # the older one was not pushed on top


def test_a_conflict_kept_here_is_newer_than_the_other_version(tmp_path: Path, an: UnlockedIdentity) -> None:
    """The device that keeps its own version beside a conflict copy writes it again after seeing the
    other one, so a device with a clock far ahead takes it rather than pushing its own back."""
    now = [10**12]
    behind = NotesStore.open(tmp_path / "behind", an, clock=lambda: now[0])
    ahead = NotesStore.open(tmp_path / "ahead", an, clock=lambda: now[0] + 24 * 3600 * 1000)
    try:
        server = Server()
        ann = behind.add_annotation(SID, DOC, 0, "note", None, note("gốc"))
        server.sync(behind)
        server.sync(ahead)
        ahead.update_annotation(ann.uuid, content=note("máy nhanh"))
        behind.update_annotation(ann.uuid, content=note("máy chậm"))
        server.sync(ahead)
        said = server.sync(behind)  # both kept: behind keeps its own under the uuid
        assert any("both versions are kept" in s for s in said)
        for _ in range(3):
            server.sync(ahead)
            server.sync(behind)
        settled = server.records[ann.uuid][0]
        server.sync(ahead)
        server.sync(behind)
        assert server.records[ann.uuid][0] == settled
        assert live(ahead) == live(behind)
        mine = ahead.annotation(ann.uuid)
        assert mine is not None and mine.content.to_json()["text"] == "máy chậm"
        copies = [x for x in ahead.annotations(SID) if x.conflict_of == ann.uuid]
        assert [c.content.to_json()["text"] for c in copies] == ["máy nhanh"]
    finally:
        behind.close()
        ahead.close()


def test_a_pulled_version_that_does_not_open_stays_on_the_retry_list(two: tuple[NotesStore, NotesStore]) -> None:
    a, b = two
    server = Server()
    bm = a.add_bookmark(SID, DOC, 1, "một")
    server.sync(a)
    outcome = b.sync_apply([PulledRecord(bm.uuid, 1, b"", 7)])  # did not open here (a key not available yet)
    assert outcome.skipped == 1 and b.all_records() == []
    assert b.sync_retry() == {bm.uuid: (1, 7)} and b.sync_retry_from() == 6
    assert b.sync_known() == [(bm.uuid, 1)]  # the digest still matches: the device keeps working
    b.sync_apply([PulledRecord(bm.uuid, 1, server.records[bm.uuid][1], 7)])  # pulled again, readable now
    assert [x.label for x in b.bookmarks(SID)] == ["một"] and b.sync_retry() == {} and b.sync_retry_from() is None
    b.sync_apply([PulledRecord(bm.uuid, 2, b"not json", 9)])
    assert b.sync_retry() == {bm.uuid: (2, 9)}
    b.sync_begin_reconcile("e2")  # a full pull finds them again
    assert b.sync_retry() == {}
