"""Read receipts and recalls end to end (docs/receipts-recall.md): a real server over HTTPS on
loopback (SQLite and PostgreSQL), the real sync engine with a real library, bundle and notes
store, and the office's CLI."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from bundle_helpers import PASSPHRASE, People, unlock, write_session
from notes_content import note
from server_helpers import (
    SRC,
    Office,
    PgCluster,
    RunningServer,
    ServerSetup,
    SyncClient,
    cli,
    database_for,
    free_port,
    new_uuid,
    ok,
    refused,
    start_server,
)

from paperless.core.bundle import build_bundle, open_bundle
from paperless.core.identity import PublicCard, load_card
from paperless.core.library import Library
from paperless.core.library.importing import import_bundle
from paperless.core.library.keeping import keep_copy
from paperless.core.localstate import LocalStateTamperedError
from paperless.core.model.session import Change, SessionEvent, SessionModel
from paperless.core.notes import AnnotationKind, NotesStore
from paperless.core.session import SessionFileError, load_session
from paperless.core.sync import SyncEngine, SyncState, import_office_file
from paperless.core.sync import notices as N
from paperless.core.sync import protocol as P
from paperless.core.sync.reading import ReceiptRecorder, close_on_recall
from paperless.core.sync.recall import RecallEvent, purge_expired
from paperless.core.sync.receipts import RECEIPTS_FILE
from paperless.core.sync.retention import RETENTION_FILE, RetentionBook, enforce_retention


@pytest.fixture
def people_server(tmp_path: Path, people: People, pg: PgCluster, backend: str) -> Iterator[RunningServer]:
    """A server of the bundle fixtures' office (``people``), its three members enrolled."""
    folder, port, url = tmp_path / "server", free_port(), database_for(backend, pg)
    args: list[str | Path] = ["server", "init", folder, "--office", people.clerk, "--passphrase-env", "PL_R_PASS",
                              "--url", f"https://127.0.0.1:{port}"] + (["--db", url] if url else [])
    assert cli(*args, env={"PL_R_PASS": PASSPHRASE}) == 0
    assert cli("server", "enroll", folder, *(people.member(k) / "card.toml" for k in ("an", "binh", "cuong"))) == 0
    running = start_server(ServerSetup(folder, port, Office(people.root), url))
    yield running
    running.stop()


@dataclass
class Laptop:
    """A member's laptop: a library holding the session (the library's own copy), a notes store,
    the sync engine."""

    home: Path
    library: Library
    store: NotesStore
    engine: SyncEngine
    clerk: PublicCard
    session_id: str
    events: list[RecallEvent]
    identity_dir: Path

    @classmethod
    def make(cls, home: Path, people: People, bundle: Path, server: RunningServer, member: str = "an") -> Laptop:
        identity = unlock(people.member(member))
        clerk = load_card(people.clerk)
        library = Library.open(home, identity)
        source = home.parent / f"{home.name}-phien12.paperless"
        shutil.copy(bundle, source)
        opened = import_bundle(library, source, [clerk])
        session_id = opened.manifest.session_id
        kept = keep_copy(library, opened.manifest, source, [clerk])
        opened.close()
        assert kept is not None and kept.is_file()
        import_office_file(server.setup.office_file, library.folder, [clerk])
        store = NotesStore.open(library.folder, identity)
        engine = SyncEngine(identity, library.folder, store, device_name=home.name, trusted=lambda: [clerk],
                            library=lambda: library, sleep=lambda _s: None)
        events: list[RecallEvent] = []
        engine.recalled.subscribe(events.append)
        return cls(home, library, store, engine, clerk, session_id, events, people.member(member))

    def sync(self) -> SyncState:
        report = self.engine.sync_once()
        assert report.status.state is SyncState.SYNCED, report.status.detail
        return report.status.state

    def close(self) -> None:
        self.store.close()

    def kill_at(self, step: str, people: People) -> None:
        """A sync round of this laptop in another process, killed (SIGKILL) at ``step``."""
        env = {**os.environ, "PL_PASS": PASSPHRASE, "PAPERLESS_LANG": "en", "PYTHONPATH": str(SRC)}
        child = subprocess.run([sys.executable, str(Path(__file__).with_name("receipts_crash_child.py")), self.home,
                                self.identity_dir, people.clerk, step], env=env, capture_output=True, text=True,
                               timeout=120, check=False)
        assert child.returncode == -9, child.stderr

    def files_of_session(self) -> list[Path]:
        """Every file under the laptop's folder that holds the session (by the library's copy name
        or the bundle's bytes)."""
        stem = self.session_id.replace(".", "").replace("_", "")[:20]
        return [p for p in self.home.rglob("*") if p.is_file() and (stem in p.name or p.suffix == ".paperless")]


def _server_receipts(server: RunningServer, session_id: str, lang: str, capsys: pytest.CaptureFixture[str]) -> str:
    capsys.readouterr()
    assert cli("server", "receipts", server.setup.folder, session_id, env={"PAPERLESS_LANG": lang}) == 0
    return capsys.readouterr().out


# -- receipts -------------------------------------------------------------------------------------------
def test_receipts_are_queued_offline_sent_once_even_after_a_crash_before_the_answer_is_kept(
        tmp_path: Path, people: People, bundle: Path, people_server: RunningServer,
        capsys: pytest.CaptureFixture[str]) -> None:
    an = Laptop.make(tmp_path / "an", people, bundle, people_server)
    try:
        outbox = an.engine.receipts
        sid = an.session_id
        assert outbox.record(sid, 2, "received", item=0)
        assert outbox.record(sid, 2, "opened", entry="documents/0001.age")
        assert outbox.record(sid, 2, "read_to_end", entry="documents/0001.age")
        assert not outbox.record(sid, 2, "opened", entry="documents/0001.age")  # once per version and document
        assert len(outbox.pending()) == 3
        assert b"documents/0001.age" not in (an.library.folder / RECEIPTS_FILE).read_bytes()  # sealed on disk

        an.kill_at("receipts-sent", people)  # the server stores them; the device dies before it hears so
        assert len(outbox.pending()) == 3
        assert _receipt_rows(people_server) == 3
        an.sync()  # sent again with the same op ids: duplicates
        assert outbox.pending() == []
        an.sync()  # nothing left to send

        out = _server_receipts(people_server, sid, "vi", capsys)
        lines = out.splitlines()
        assert lines[0].split() == ["Thành", "viên", "Tài", "liệu", "đã", "nhận", "đã", "mở", "đã", "đọc", "hết"]
        assert len(lines) == 3, out  # one row per member and document: stored once
        row = next(line for line in lines if "documents/0001.age" in line)
        assert "Nguyễn Văn An" in row and row.count("UTC") == 2
        assert "mục 1" in out
        en = _server_receipts(people_server, sid, "en", capsys)
        assert en.splitlines()[0].split()[:2] == ["Member", "Document"] and "read to the end" in en
        store = _receipt_rows(people_server)
        assert store == 3
    finally:
        an.close()


def _receipt_rows(server: RunningServer) -> int:
    from sqlalchemy import func, select

    from paperless.server import db
    from paperless.server.config import load_config

    engine = db.make_engine(load_config(server.setup.folder, server.setup.db or None).database_url, pool_size=1)
    try:
        with engine.connect() as conn:
            return int(conn.execute(select(func.count()).select_from(db.receipts)).scalar_one())
    finally:
        engine.dispose()


def test_a_damaged_receipts_queue_is_refused_not_reset_and_the_notes_still_sync(
        tmp_path: Path, people: People, bundle: Path, people_server: RunningServer) -> None:
    an = Laptop.make(tmp_path / "an", people, bundle, people_server)
    try:
        outbox = an.engine.receipts
        assert outbox.record("phien-12", 1, "opened", entry="documents/0001.age")
        with pytest.raises(ValueError):
            outbox.record("không hợp lệ", 1, "opened", entry="x")
        path = an.library.folder / RECEIPTS_FILE
        data = bytearray(path.read_bytes())
        data[-5] ^= 1
        path.write_bytes(bytes(data))
        with pytest.raises(LocalStateTamperedError):
            outbox.pending()
        an.store.set_item_note(an.session_id, 0, "Vẫn đồng bộ")
        report = an.engine.sync_once()
        assert report.status.state is SyncState.SYNCED and report.pushed == 1
        assert any("altered or damaged" in n.en and "bị sửa đổi" in n.vi for n in report.status.notices)
        assert path.read_bytes() == bytes(data)  # kept as it is, for the member to see
        assert _receipt_rows(people_server) == 0
    finally:
        an.close()


def _receipt(client: SyncClient, *, op: str | None = None, event: str = "opened", sign_with: Any = None,
             signer: SyncClient | None = None) -> dict[str, Any]:
    who = signer or client
    body = {"op": op or new_uuid(), "session_id": "phien-12", "version": 2, "entry": "documents/0001.age",
            "event": event, "at": "2026-12-07T07:00:00Z"}
    message = N.receipt_message(who.member, who.device, body["op"], "phien-12", 2, "entry:documents/0001.age",
                                event, body["at"])
    body["signature"] = P.b64((sign_with or who.key).sign(message))
    return body


def _recall(server: RunningServer, session_id: str, *args: str) -> None:
    assert cli("server", "recall", server.setup.folder, session_id, *args) == 0


def test_every_receipt_and_recall_endpoint_refuses_others(server: RunningServer) -> None:
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

    an, an2, binh = server.device("an"), server.device("an", "Máy ở nhà"), server.device("binh")
    an.register()
    an2.register()
    binh.register()
    good = _receipt(an)
    assert ok(an.request("POST", N.RECEIPTS, json={"receipts": [good]}))["results"] == [
        {"op": good["op"], "status": "stored"}]
    assert ok(an.request("POST", N.RECEIPTS, json={"receipts": [good]}))["results"][0]["status"] == "duplicate"
    # no token, another key, an altered body, another device's or member's signature
    refused(server.client().post(N.RECEIPTS, json={"receipts": [_receipt(an)]}), 401, P.UNAUTHORIZED)
    refused(an.request("POST", N.RECEIPTS, json={"receipts": [_receipt(an, sign_with=Ed25519PrivateKey.generate())]}),
            400, P.BAD_REQUEST)
    altered = _receipt(an)
    altered["event"] = "read_to_end"
    refused(an.request("POST", N.RECEIPTS, json={"receipts": [altered]}), 400, P.BAD_REQUEST)
    refused(an2.request("POST", N.RECEIPTS, json={"receipts": [_receipt(an2, signer=an, sign_with=an.key)]}),
            400, P.BAD_REQUEST)
    refused(binh.request("POST", N.RECEIPTS, json={"receipts": [_receipt(binh, signer=an, sign_with=an.key)]}),
            400, P.BAD_REQUEST)
    refused(an.request("POST", N.RECEIPTS, json={"receipts": [{**_receipt(an), "event": "liked"}]}), 400,
            P.BAD_REQUEST)
    refused(an.request("POST", N.RECEIPTS, json={"receipts": []}), 400, P.BAD_REQUEST)
    for bad in ({"version": "2"}, {"version": 0}, {"entry": "a\u0000b"}, {"item": 1}, {"entry": None, "item": -1},
                {"session_id": "../../x"}, {"session_id": "x" * 65}, {"op": "OP"}, {"signature": "AAAA"},
                {"at": 7}, {"entry": "e" * 201}):
        refused(an.request("POST", N.RECEIPTS, json={"receipts": [{**_receipt(an), **bad}]}), 400, P.BAD_REQUEST)
    refused(an.request("POST", N.RECEIPTS, content=b"\xff{", headers={"content-type": "application/json"}), 400,
            P.BAD_REQUEST)
    refused(an.request("POST", N.RECEIPTS, json={"receipts": [_receipt(an)] * (N.MAX_RECEIPTS + 1)}), 413,
            P.TOO_LARGE)
    # recalls: each member sees only their own; acks only by the device, for the member's recall
    _recall(server, "phien-12", "--item", "2", "--notes", "delete")
    refused(server.client().get(N.RECALLS), 401, P.UNAUTHORIZED)
    mine = ok(an.request("GET", N.RECALLS))["recalls"]
    theirs = ok(binh.request("GET", N.RECALLS))["recalls"]
    assert len(mine) == len(theirs) == 1 and mine[0]["recall"] != theirs[0]["recall"]
    assert mine[0] | {"recall": "", "recalled_at": 0} == {"recall": "", "session_id": "phien-12", "item": 1,
                                                           "notes": "delete", "recalled_at": 0, "acked": False}
    recall = mine[0]["recall"]

    def ack_body(dev: SyncClient, key: Any = None) -> dict[str, str]:
        msg = N.recall_ack_message(dev.member, dev.device, recall, "phien-12", 1, "delete")
        return {"signature": P.b64((key or dev.key).sign(msg))}

    path = f"{N.RECALLS}/{recall}/ack"
    refused(server.client().post(path, json=ack_body(an)), 401, P.UNAUTHORIZED)
    refused(binh.request("POST", path, json=ack_body(binh)), 404, P.NOT_FOUND)  # not binh's recall
    refused(an.request("POST", path, json=ack_body(an, Ed25519PrivateKey.generate())), 400, P.BAD_REQUEST)
    refused(an2.request("POST", path, json=ack_body(an2, an.key)), 400, P.BAD_REQUEST)
    refused(an.request("POST", f"{N.RECALLS}/{new_uuid()}/ack", json=ack_body(an)), 404, P.NOT_FOUND)
    refused(an.request("POST", f"{N.RECALLS}/not-a-uuid/ack", json=ack_body(an)), 404, P.NOT_FOUND)
    refused(an.request("POST", path, json={"signature": 5}), 400, P.BAD_REQUEST)
    assert ok(an.request("POST", path, json=ack_body(an)))["new"] is True
    assert ok(an.request("POST", path, json=ack_body(an)))["new"] is False  # once
    assert ok(an.request("GET", N.RECALLS))["recalls"][0]["acked"] is True
    assert ok(an2.request("GET", N.RECALLS))["recalls"][0]["acked"] is False  # per device
    # a revoked device is refused everywhere
    ok(an.revoke(an2.device))
    refused(an2.request("GET", N.RECALLS), 403, P.DEVICE_REVOKED)
    refused(an2.request("POST", N.RECEIPTS, json={"receipts": [_receipt(an2)]}), 403, P.DEVICE_REVOKED)
    refused(an2.request("POST", path, json=ack_body(an2)), 403, P.DEVICE_REVOKED)


# -- recalls --------------------------------------------------------------------------------------------
def test_a_recall_deletes_the_session_and_its_notes_then_the_device_confirms(
        tmp_path: Path, people: People, bundle: Path, people_server: RunningServer,
        capsys: pytest.CaptureFixture[str]) -> None:
    an = Laptop.make(tmp_path / "an", people, bundle, people_server)
    try:
        sid = an.session_id
        record = an.library.session(sid)
        doc_hash = record.documents["documents/0001.age"].sha256
        an.store.set_item_note(sid, 0, "Ghi chú riêng về mục 1")
        an.store.add_annotation(sid, doc_hash, 0, AnnotationKind.NOTE, None, note("Ý kiến về trang 1"))
        an.store.set_item_note("phien-khac", 0, "Phiên khác: giữ lại")
        an.sync()
        assert an.library.is_kept(record) and an.files_of_session()
        capsys.readouterr()
        _recall(people_server, sid, "--notes", "delete")
        assert cli("server", "recall-status", people_server.setup.folder, sid, env={"PAPERLESS_LANG": "en"}) == 0
        assert "not yet confirmed" in capsys.readouterr().out

        an.kill_at("recall-applied", people)  # deleted, but killed before the acknowledgement
        assert not Library.open(an.home, an.library.identity).has_session(sid)
        assert cli("server", "recall-status", people_server.setup.folder, sid, env={"PAPERLESS_LANG": "en"}) == 0
        assert "not yet confirmed" in capsys.readouterr().out
        an.sync()  # carried out again (nothing left) and acknowledged

        assert not an.library.has_session(sid)
        assert Library.open(an.home, an.library.identity).has_session(sid) is False  # saved so
        assert an.files_of_session() == []  # no copy, no source file, nothing of the session on disk
        assert [r for r in an.store.all_records() if r.session_id == sid] == []
        assert [r.session_id for r in an.store.all_records()] == ["phien-khac"]
        # told here when carried out again after the crash (the killed process deleted the notes)
        assert an.events == [RecallEvent(sid, None, False)]
        capsys.readouterr()
        assert cli("server", "recall-status", people_server.setup.folder, sid, env={"PAPERLESS_LANG": "vi"}) == 0
        status = capsys.readouterr().out
        an_line = next(line for line in status.splitlines() if "Nguyễn Văn An" in line)
        assert "đã xác nhận" in an_line and "toàn bộ phiên họp" in an_line
        assert "chưa xác nhận" not in status
        assert status.count("chưa có thiết bị nào kết nối") == 2  # Bình and Cường have no device yet
        events = len(an.events)
        an.sync()
        assert len(an.events) == events  # acknowledged once: not carried out again
    finally:
        an.close()


def test_a_recall_that_keeps_notes_and_one_for_a_session_the_device_never_had(
        tmp_path: Path, people: People, bundle: Path, people_server: RunningServer,
        capsys: pytest.CaptureFixture[str]) -> None:
    binh = Laptop.make(tmp_path / "binh", people, bundle, people_server, member="binh")
    try:
        sid = binh.session_id
        binh.store.set_item_note(sid, 1, "Giữ ghi chú này")
        binh.sync()
        _recall(people_server, sid, "--item", "2")  # notes kept
        _recall(people_server, "phien-chua-tung-co")
        binh.sync()
        assert not binh.library.has_session(sid) and binh.files_of_session() == []
        assert [r.session_id for r in binh.store.all_records()] == [sid]  # kept as asked
        assert set(binh.events) == {RecallEvent(sid, 1, False), RecallEvent("phien-chua-tung-co", None, False)}
        capsys.readouterr()
        assert cli("server", "recall-status", people_server.setup.folder, "phien-chua-tung-co",
                   env={"PAPERLESS_LANG": "en"}) == 0
        line = next(x for x in capsys.readouterr().out.splitlines() if "Trần Thị Bình" in x)
        assert "confirmed" in line and "not yet" not in line
    finally:
        binh.close()


def test_reading_records_receipts_and_a_recall_closes_the_document_on_screen(
        tmp_path: Path, people: People, bundle: Path, people_server: RunningServer,
        capsys: pytest.CaptureFixture[str]) -> None:
    an = Laptop.make(tmp_path / "an", people, bundle, people_server)
    model = SessionModel(lambda: datetime.now(UTC))
    try:
        sid = an.session_id
        record = an.library.session(sid)
        seen: list[Change] = []
        model.observers.subscribe(lambda e: seen.append(e.change))
        ReceiptRecorder(model, an.engine.receipts)
        close_on_recall(an.engine, model)
        opened = open_bundle(an.library.bundle_path(record), an.library.identity, [an.clerk])
        model.open(opened, record, an.library)
        model.set_current("documents/0001.age")
        model.page_changed(4, 5)  # the last page: read to the end
        model.set_current("documents/0002.age")
        model.set_current("documents/0001.age")  # opened again: still one receipt
        queued = {(r.event, r.entry) for r in an.engine.receipts.pending()}
        readable = set(record.readable)
        assert queued == ({("received", e) for e in readable}
                          | {("opened", "documents/0001.age"), ("opened", "documents/0002.age"),
                             ("read_to_end", "documents/0001.age")})
        an.sync()
        assert an.engine.receipts.pending() == []
        out = _server_receipts(people_server, sid, "en", capsys)
        row = next(line for line in out.splitlines() if "documents/0001.age" in line)
        assert row.count("UTC") == 3
        _recall(people_server, sid)
        an.sync()  # the recall arrives while documents/0001.age is on screen
        assert Change.RECALLED in seen and seen[-1] is Change.CLOSED
        assert model.opened is None and len(model.cache) == 0
        assert an.files_of_session() == [] and not Library.open(an.home, an.library.identity).has_session(sid)
    finally:
        model.close()
        an.close()


def test_a_recall_of_one_item_deletes_only_that_item_s_notes(
        tmp_path: Path, people: People, bundle: Path, people_server: RunningServer) -> None:
    an = Laptop.make(tmp_path / "an", people, bundle, people_server)
    try:
        sid = an.session_id
        record = an.library.session(sid)
        first, second = (record.documents[e].sha256 for e in ("documents/0001.age", "documents/0002.age"))
        kept = [an.store.set_item_note(sid, 0, "Mục 1: giữ").uuid,
                an.store.add_annotation(sid, first, 0, AnnotationKind.NOTE, None, note("Tài liệu mục 1")).uuid]
        gone = {an.store.set_item_note(sid, 1, "Mục 2: xóa").uuid,
                an.store.add_annotation(sid, second, 1, AnnotationKind.NOTE, None, note("Tài liệu mục 2")).uuid,
                an.store.add_bookmark(sid, second, 0, "Đánh dấu mục 2").uuid}
        an.sync()
        _recall(people_server, sid, "--item", "2", "--notes", "delete")
        an.sync()
        assert sorted(r.uuid for r in an.store.all_records()) == sorted(kept)
        assert {r.uuid for r in an.store.all_records(include_deleted=True) if r.deleted} == gone  # tombstones sync
        assert an.store.sync_pending() == 0  # and were pushed in the same round
        assert an.files_of_session() == [] and an.events == [RecallEvent(sid, 1, True)]
    finally:
        an.close()


def test_a_revoked_laptop_wipes_every_copy_of_every_session_and_its_receipts(
        tmp_path: Path, people: People, bundle: Path, people_server: RunningServer) -> None:
    an = Laptop.make(tmp_path / "an", people, bundle, people_server)
    try:
        kept = an.library.bundle_path(an.library.session(an.session_id))
        older = kept.with_name(kept.name.replace("-v2.", "-v1."))
        shutil.copy(kept, older)  # an older version the library kept
        an.engine.receipts.record(an.session_id, 2, "opened", entry="documents/0001.age")
        an.store.set_item_note(an.session_id, 0, "Ghi chú")
        an.sync()
        device = an.engine._device
        assert device is not None
        assert cli("server", "revoke-device", people_server.setup.folder, device.device_id) == 0
        assert an.engine.sync_once().status.state is SyncState.REVOKED
        left = sorted(str(p.relative_to(an.home)) for p in an.home.rglob("*") if p.is_file())
        assert left == [], left  # no bundle (current or older), no state, notes, receipts or keys
    finally:
        an.close()


def test_the_recall_command_refuses_bad_input_in_one_line(server: RunningServer) -> None:
    from paperless.core.errors import UsageError

    for args in (["../x"], ["phien", "--item", "0"]):
        with pytest.raises(UsageError) as caught:
            cli("server", "recall", server.setup.folder, *args, env={"PAPERLESS_LANG": "vi"})
        assert "\n" not in caught.value.message("vi") and caught.value.message("vi") != caught.value.message("en")
    with pytest.raises(UsageError):
        cli("server", "receipts", server.setup.folder, "phiên họp")


# -- the open session, expiry ----------------------------------------------------------------------------
def test_the_session_model_closes_a_recalled_session_and_says_so(people: People, bundle: Path) -> None:
    identity = unlock(people.member("an"))
    clerk = load_card(people.clerk)
    opened = open_bundle(bundle, identity, [clerk])
    model = SessionModel(lambda: datetime.now(UTC))
    seen: list[SessionEvent] = []
    model.observers.subscribe(seen.append)
    from paperless.core.library.state import SessionRecord

    record = SessionRecord(opened.manifest.session_id, "/x.paperless", "t", "2024-01-15T08:00:00+07:00", "", None,
                           2, "2024-01-15T08:00:00+07:00")
    model.open(opened, record, None)
    model.cache.put("documents/0001.age", b"%PDF- decrypted")
    assert not model.recalled("another-session")
    assert model.opened is not None
    assert model.recalled(opened.manifest.session_id)
    assert [e.change for e in seen][-3:] == [Change.RECALLED, Change.CLOSING, Change.CLOSED]
    assert model.opened is None and len(model.cache) == 0


def test_purge_expired_deletes_an_expired_session_without_any_network(
        tmp_path: Path, people: People, bundle: Path) -> None:
    identity = unlock(people.member("an"))
    clerk = load_card(people.clerk)
    library = Library.open(tmp_path / "home", identity)
    source = tmp_path / "phien12.paperless"
    shutil.copy(bundle, source)
    opened = import_bundle(library, source, [clerk])
    sid = opened.manifest.session_id
    assert keep_copy(library, opened.manifest, source, [clerk]) is not None
    opened.close()
    kept = library.bundle_path(library.session(sid))
    assert purge_expired(library) == []  # not expired: kept
    library.session(sid).expires_at = (datetime.now(UTC) + timedelta(days=1)).isoformat()
    library.save()
    later = Library.open(tmp_path / "home", identity, clock=lambda: datetime.now(UTC) + timedelta(days=2))
    opened = datetime.fromisoformat(later.session(sid).last_opened)
    assert purge_expired(later, opened_before=opened) == []  # opened meanwhile (the app's unlock): left alone
    assert later.has_session(sid) and kept.exists()
    assert purge_expired(later) == [sid]
    assert not kept.exists() and not Library.open(tmp_path / "home", identity).has_session(sid)
    assert later.highest_seen(sid) == 2  # rollback protection stays
    assert source.exists()  # the member's own file is not the library's to delete (it no longer opens)


# -- notes retention ---------------------------------------------------------------------------------------
@pytest.fixture(scope="module")
def retention_bundle(tmp_path_factory: pytest.TempPathFactory, people: People) -> Path:
    """A session (meeting 2024-01-15 08:00 +07:00) whose notes are kept 30 days: until 2024-02-14."""
    root = tmp_path_factory.mktemp("retention")
    write_session(root, people, extra="\n[policy]\nnotes_retention_days = 30\n")
    out = root / "out" / "retention.paperless"
    build_bundle(load_session(root / "session.toml"), unlock(people.clerk), out, version=1)
    return out


def test_notes_retention_is_read_from_session_toml_and_refused_when_wrong(tmp_path: Path, people: People) -> None:
    write_session(tmp_path, people, extra="\n[policy]\nnotes_retention_days = 30\n")
    assert load_session(tmp_path / "session.toml").policy.notes_retention_days == 30
    for bad in ("0", "3651", '"30"', "true", "1.5"):
        write_session(tmp_path, people, extra=f"\n[policy]\nnotes_retention_days = {bad}\n")
        with pytest.raises(SessionFileError) as caught:
            load_session(tmp_path / "session.toml")
        assert "notes_retention_days" in caught.value.message("en") and "\n" not in caught.value.message("vi")


def test_notes_are_deleted_after_the_retention_and_the_member_is_warned_the_week_before(
        tmp_path: Path, people: People, retention_bundle: Path) -> None:
    identity = unlock(people.member("an"))
    clerk = load_card(people.clerk)
    home = tmp_path / "home"
    week_before = datetime(2024, 2, 10, 9, 0, tzinfo=UTC)
    library = Library.open(home, identity, clock=lambda: week_before)
    opened = import_bundle(library, retention_bundle, [clerk])
    sid = opened.manifest.session_id
    assert opened.agenda.notes_retention_days == 30
    opened.close()
    book = RetentionBook(library.folder, identity)
    with NotesStore.open(library.folder, identity) as store:
        assert enforce_retention(book, library, store, [clerk]).warnings == []  # no notes: nothing to warn of
        note_uuid = store.set_item_note(sid, 0, "Ghi chú sẽ hết hạn lưu giữ").uuid
        store.set_item_note("phien-khac", 0, "Không có quy định lưu giữ")
        outcome = enforce_retention(book, library, store, [clerk])
        assert [d.session_id for d in outcome.warnings] == [sid] and outcome.deleted == []
        warning = outcome.warnings[0].warning()
        assert "2024-02-14" in warning.en and "14/02/2024" in warning.vi and "xuất ghi chú" in warning.vi
        assert b"phien" not in (library.folder / RETENTION_FILE).read_bytes()  # sealed
        assert enforce_retention(book, library, store, [clerk]).warnings == []  # once a day
        library.use_clock(lambda: week_before + timedelta(days=1))
        assert len(enforce_retention(book, library, store, [clerk]).warnings) == 1  # and again the next day
        library.forget(sid)  # the session's bundle gone (a recall, an expiry): the rule is remembered
        library.use_clock(lambda: week_before + timedelta(days=5))
        outcome = enforce_retention(book, library, store, [clerk])
        assert [(d.session_id, n) for d, n in outcome.deleted] == [(sid, 1)]
        assert [r.session_id for r in store.all_records()] == ["phien-khac"]
        assert [r.uuid for r in store.all_records(include_deleted=True) if r.deleted] == [note_uuid]  # a tombstone
        assert enforce_retention(book, library, store, [clerk]).deleted == []  # once


def test_a_sync_round_deletes_notes_past_their_retention_on_every_device_and_the_server(
        tmp_path: Path, people: People, retention_bundle: Path, people_server: RunningServer) -> None:
    an = Laptop.make(tmp_path / "an", people, retention_bundle, people_server)
    # the member's other laptop has not got the session: it knows no rule
    identity = unlock(people.member("an"))
    library = Library.open(tmp_path / "an2", identity)
    import_office_file(people_server.setup.office_file, library.folder, [an.clerk])
    store = NotesStore.open(library.folder, identity)
    other = SyncEngine(identity, library.folder, store, device_name="an2", trusted=lambda: [an.clerk],
                       library=lambda: library)
    try:
        kept = store.set_item_note("phien-khac", 0, "Không có quy định lưu giữ").uuid
        store.set_item_note(an.session_id, 1, "Ghi chú trên máy thứ hai")
        assert other.sync_once().status.state is SyncState.SYNCED
        report = an.engine.sync_once()  # pulls the note and deletes it: 2024-01-15 + 30 days is long past
        assert report.status.state is SyncState.SYNCED
        assert any("were deleted" in n.en and "Đã xóa 1 ghi chú" in n.vi for n in report.status.notices)
        assert [r.uuid for r in an.store.all_records()] == [kept] and an.store.sync_pending() == 0
        assert other.sync_once().status.state is SyncState.SYNCED  # the tombstone, from the server
        assert [r.uuid for r in store.all_records()] == [kept]
    finally:
        store.close()
        an.close()


def test_a_member_cannot_register_devices_without_bound(tmp_path: Path, people: People) -> None:
    """Each device is a row in every recall-status answer to the office: a member's identity must
    not be able to swell it (it once could, and stop the office's Follow page for a session)."""
    from clerk_follow_helpers import StoreOffice

    from paperless.server.errors import ApiError
    from paperless.server.store import MAX_LIVE_DEVICES

    office = StoreOffice.make(tmp_path / "srv", people)
    try:
        for _ in range(MAX_LIVE_DEVICES):
            office.device(people, "an")
        with pytest.raises(ApiError) as refused:
            office.device(people, "an")
        assert refused.value.status == 409 and "too many devices" in refused.value.detail
        office.device(people, "binh")  # another member is not affected
    finally:
        office.close()
