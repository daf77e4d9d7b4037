"""Issue 11 in the app, end to end: sessions from the office server (publish, fetch, read receipts,
recall) reach a member's running app (offscreen) through a real office server over HTTPS on loopback
(``paperless server run``, SQLite), without anyone carrying a file.

The office publishes a session (``paperless server publish``); the app, connected through File ▸
Connect to the office server…, downloads it in the background after its sync round, lists it and
says "Phiên họp mới: …" with a button to open it. The session opens, and opens again offline with
the server stopped; the receipts (received, opened) reach the office's table. The office recalls
it: the document on screen closes with one clear message, the library no longer lists it, nothing
of it is left on disk, and ``paperless server recall-status`` shows the confirmation. A download the
app refuses says one line and adds nothing; an expired session is deleted at start, offline.

Set ``PAPERLESS_SHOTS`` to a folder to keep screenshots (1366×768, Vietnamese) of the new-session
notice and the recall message.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from threading import Event

import pytest
from bundle_helpers import PASSPHRASE, People, unlock, write_session
from gui_helpers import OFFSCREEN_NOISE, Harness, harnesses
from PySide6.QtWidgets import QApplication, QMessageBox
from server_helpers import Office, RunningServer, ServerSetup, cli, free_port, start_server

from paperless.core.bundle import build_bundle, verify_bundle
from paperless.core.identity import load_card
from paperless.core.session import load_session
from paperless.core.sync import SyncState
from paperless.core.sync import protocol as P
from paperless.server.distribution_store import bundle_path

pytestmark = OFFSCREEN_NOISE
WAIT = 60_000


@pytest.fixture
def office_server(tmp_path: Path, people: People) -> Iterator[RunningServer]:
    """A server the test office (``people``'s clerk) set up, with the member An enrolled."""
    folder, port = tmp_path / "server", free_port()
    assert cli("server", "init", folder, "--office", people.clerk, "--passphrase-env", "PL_GUI_PASS",
               "--url", f"https://127.0.0.1:{port}", env={"PL_GUI_PASS": PASSPHRASE}) == 0
    assert cli("server", "enroll", folder, people.member("an") / "card.toml") == 0
    running = start_server(ServerSetup(folder, port, Office(people.root)))
    yield running
    running.stop()


def _box_open(name: str) -> QMessageBox | None:
    every = [w for w in QApplication.topLevelWidgets() if isinstance(w, QMessageBox)]
    every += [b for w in QApplication.topLevelWidgets() for b in w.findChildren(QMessageBox)]
    return next((b for b in every if b.isVisible() and b.objectName() == name), None)


def _connect(qtbot, h: Harness, office_file: Path) -> None:  # type: ignore[no-untyped-def]
    """File ▸ Connect to the office server…, with the file the office gave."""
    w = h.window
    h.files.open_answers.append(office_file)
    w.actions_.connect_office.trigger()
    qtbot.waitUntil(lambda: _box_open("confirmConnect") is not None, timeout=WAIT)
    box = _box_open("confirmConnect")
    assert box is not None
    next(b for b in box.buttons() if b.text().replace("&", "") == "Kết nối").click()
    qtbot.waitUntil(lambda: w.sync.connected, timeout=WAIT)


def _shot(w, name: str) -> None:  # type: ignore[no-untyped-def]
    folder = os.environ.get("PAPERLESS_SHOTS")
    if not folder:
        return
    QApplication.processEvents()
    Path(folder).mkdir(parents=True, exist_ok=True)
    assert w.grab().save(str(Path(folder) / f"{name}.png"), "PNG")


def _session_id(bundle: Path, people: People) -> str:
    return verify_bundle(bundle, [load_card(people.clerk)]).manifest.session_id


def _bundle_files(home: Path) -> list[Path]:
    return sorted(p for p in home.rglob("*") if p.is_file() and (p.suffix in (".paperless", ".part")))


def test_a_published_session_reaches_the_running_app_opens_offline_and_is_gone_after_a_recall(  # type: ignore[no-untyped-def]
        qtbot, tmp_path: Path, people: People, bundle: Path, office_server: RunningServer,
        capsys: pytest.CaptureFixture[str]) -> None:
    server = office_server
    folder, office_file = server.setup.folder, server.setup.folder / P.OFFICE_FILE
    sid = _session_id(bundle, people)
    assert cli("server", "publish", folder, bundle) == 0
    with harnesses(qtbot, tmp_path) as make:
        h: Harness = make(people, language="vi")
        library = h.unlock()
        w = h.window
        w.resize(1366, 768)
        assert w.library_view.session_ids() == []
        _connect(qtbot, h, office_file)

        # connected for the first time: the member is told what the office sees
        qtbot.waitUntil(lambda: w.notice.isVisible() and "Văn phòng" in w.notice.text, timeout=WAIT)
        assert "đã mở tài liệu nào" in w.notice.text
        label = w.sync.part.label
        assert label is not None and "Văn phòng biết đồng chí đã mở tài liệu nào" in label.toolTip()

        # the round reached the server: the new session is downloaded in the background and listed
        qtbot.waitUntil(lambda: sid in w.library_view.session_ids(), timeout=WAIT)
        title = library.session(sid).title
        qtbot.waitUntil(lambda: w.notice.text == f"Phiên họp mới: {title}", timeout=WAIT)
        assert w.notice.action.isVisible() and w.notice.action.text() == "Mở phiên họp này"
        qtbot.waitUntil(lambda: not w.sync.fetch.running, timeout=WAIT)  # the download's job ends after the notice
        assert w.sync.part.status.state is SyncState.SYNCED
        assert not w.sync.fetch.progress.isVisible()  # type: ignore[union-attr]
        assert w.actions_.fetch_sessions.isEnabled() and w.actions_.fetch_sessions.text() == "Tải phiên họp &mới"
        _shot(w, "new-session")

        # received as soon as it arrived; one click opens it, and the office will see it was opened
        engine = w.sync.part.engine
        assert engine is not None
        qtbot.waitUntil(lambda: {(r.event, r.entry) for r in engine.receipts.pending()} >= {  # type: ignore[attr-defined]
            ("received", e) for e in library.session(sid).readable}, timeout=WAIT)
        w.notice.action.click()
        h.wait_document("documents/0001.age")
        assert not w.notice.isVisible()
        assert w.session.record is not None and w.session.record.session_id == sid
        qtbot.waitUntil(lambda: ("opened", "documents/0001.age") in {
            (r.event, r.entry) for r in engine.receipts.pending()}, timeout=WAIT)  # type: ignore[attr-defined]

        # the server goes away: the session still opens, from this computer alone
        server.stop()
        w.close_session()
        assert sid in w.library_view.session_ids()
        w.open_session(sid)
        qtbot.waitUntil(lambda: w.session.record is not None, timeout=WAIT)
        h.wait_document("documents/0001.age")
        w.actions_.sync_now.trigger()  # F5 with the server gone: offline, nothing else happens
        qtbot.waitUntil(lambda: w.sync.part.status.state is SyncState.OFFLINE, timeout=WAIT)
        assert w.session.opened is not None and not w.sync.fetch.running
        w.actions_.fetch_sessions.trigger()  # asked with the server gone: one line, the session stays open
        qtbot.waitUntil(lambda: w.notice.isVisible() and "Không tải được phiên họp mới" in w.notice.text,
                        timeout=WAIT)
        assert "\n" not in w.notice.text and "Traceback" not in w.notice.text
        assert w.session.opened is not None and w.reader.view.page_count() > 0
        assert w.notice.text == ("Không tải được phiên họp mới: Máy chủ văn phòng không trả lời; phiên họp mới sẽ "
                                 "được tải về khi kết nối lại được.")

        # back again: the receipts go in the next round and the office's table shows them
        restarted = server.restart()
        try:
            w.actions_.sync_now.trigger()
            qtbot.waitUntil(lambda: w.sync.part.status.state is SyncState.SYNCED
                            and engine.receipts.pending() == [], timeout=WAIT)  # type: ignore[attr-defined]
            capsys.readouterr()
            assert cli("server", "receipts", folder, sid, env={"PAPERLESS_LANG": "en"}) == 0
            table = capsys.readouterr().out
            row = next(line for line in table.splitlines() if "documents/0001.age" in line)
            assert row.count("UTC") >= 2, table  # received and opened

            # the office recalls the session while its document is on screen
            assert cli("server", "recall", folder, sid) == 0
            w.actions_.sync_now.trigger()
            qtbot.waitUntil(lambda: w.session.opened is None and w.notice.isVisible()
                            and "thu hồi" in w.notice.text, timeout=WAIT)
            assert w.notice.text == (f"Văn phòng đã thu hồi tài liệu của phiên họp “{title}” sau hội nghị. "
                                     "Tài liệu đã được xoá khỏi máy này.")
            assert w.notice.kind == "warning" and not w.notice.action.isVisible()
            assert w.centre.currentIndex() == 0 and w.reader.view.page_count() == 0
            qtbot.waitUntil(lambda: not w.agenda.isVisible() and not w.notes.panel.isVisible(), timeout=WAIT)
            assert "phiên họp" not in w.statusBar().currentMessage()  # nothing said of the closed session stays
            qtbot.waitUntil(lambda: sid not in w.library_view.session_ids(), timeout=WAIT)
            assert not library.has_session(sid)
            assert _bundle_files(h.services.paths.root) == []
            _shot(w, "recall")

            capsys.readouterr()
            assert cli("server", "recall-status", folder, sid, env={"PAPERLESS_LANG": "en"}) == 0
            status = capsys.readouterr().out
            assert "confirmed" in status.lower(), status
        finally:
            restarted.stop()


def test_a_refused_download_says_one_line_and_adds_nothing(  # type: ignore[no-untyped-def]
        qtbot, tmp_path: Path, people: People, bundle: Path, office_server: RunningServer) -> None:
    folder, office_file = office_server.setup.folder, office_server.setup.folder / P.OFFICE_FILE
    assert cli("server", "publish", folder, bundle) == 0
    sha = __import__("hashlib").sha256(bundle.read_bytes()).hexdigest()
    stored = bundle_path(folder, sha)
    data = bytearray(stored.read_bytes())
    data[len(data) // 2] ^= 0xFF  # the server's copy is damaged: same size, other bytes
    stored.write_bytes(bytes(data))
    with harnesses(qtbot, tmp_path) as make:
        h: Harness = make(people, language="vi")
        h.unlock()
        w = h.window
        _connect(qtbot, h, office_file)
        qtbot.waitUntil(lambda: w.notice.isVisible() and "Không tải được phiên họp mới" in w.notice.text,
                        timeout=WAIT)
        text = w.notice.text
        assert "\n" not in text and "Traceback" not in text and "Chưa thêm gì vào thư viện" in text
        assert w.notice.kind == "warning"
        assert w.library_view.session_ids() == [] and _bundle_files(h.services.paths.root) == []
        assert not w.sync.fetch.running and w.actions_.fetch_sessions.isEnabled()

        # the next rounds do not download it again, nor say the same thing every minute
        w.notice.clear()
        w.actions_.sync_now.trigger()
        qtbot.waitUntil(lambda: not w.sync.running and not w.sync.fetch.running, timeout=WAIT)
        assert w.sync.part.status.state is SyncState.SYNCED and not w.notice.isVisible()

        # asked again (File ▸ Fetch new sessions) it is tried again, and refused the same way
        w.notice.clear()
        w.actions_.fetch_sessions.trigger()
        qtbot.waitUntil(lambda: w.notice.isVisible() and "Không tải được" in w.notice.text, timeout=WAIT)
        assert _bundle_files(h.services.paths.root) == []


def test_an_expired_session_is_deleted_when_the_app_starts_offline(  # type: ignore[no-untyped-def]
        qtbot, tmp_path: Path, people: People) -> None:
    root = tmp_path / "expiring"
    root.mkdir()
    session = write_session(root, people, expires="2030-01-01T00:00:00+07:00")
    expiring = build_bundle(load_session(session), unlock(people.clerk), root / "expiring.paperless",
                            now=datetime(2029, 12, 1, tzinfo=UTC)).path
    home = tmp_path / "home"
    with harnesses(qtbot, tmp_path) as make:
        h: Harness = make(people, home=home)
        h.services.clock = lambda: datetime(2029, 12, 20, tzinfo=UTC)
        h.unlock()
        h.open(expiring)
        h.wait_document()
        sid = h.window.session.record.session_id  # type: ignore[union-attr]
        h.window.close_session()
        qtbot.waitUntil(lambda: bool(_bundle_files(home)), timeout=WAIT)  # the library's copy was made
    with harnesses(qtbot, tmp_path) as make:
        later: Harness = make(people, home=home)
        later.services.clock = lambda: datetime(2030, 1, 2, tzinfo=UTC)
        library = later.unlock()
        qtbot.waitUntil(lambda: not library.has_session(sid) and later.window.library_view.session_ids() == [],
                        timeout=WAIT)
        assert _bundle_files(home) == []


def test_a_download_on_a_slow_link_never_holds_up_reading_and_can_be_cancelled_then_resumed(  # type: ignore[no-untyped-def]
        qtbot, tmp_path: Path, people: People, bundle: Path, office_server: RunningServer,
        monkeypatch: pytest.MonkeyPatch) -> None:
    """A large bundle on a slow link: the download stalls (here: held after its first piece) while the
    member goes on reading another session; Cancel stops it with nothing added; asked again, it goes
    on and the session arrives. A later version says what changed."""
    from distribution_helpers import SESSION_ID, build

    from paperless.core.distribution import client
    from paperless.gui.sync import backend

    folder, office_file = office_server.setup.folder, office_server.setup.folder / P.OFFICE_FILE
    office = Office(people.root)
    built = build(tmp_path / "published", office, 1, signer=unlock(people.clerk), members=("an",))  # type: ignore[arg-type]
    assert cli("server", "publish", folder, built.path) == 0
    monkeypatch.setattr(client, "CHUNK", 4096)  # many pieces: the download is seen going
    reached, release, slow = Event(), Event(), [True]

    def stall(_received: int) -> None:  # the link stops for a while after the first piece
        if slow[0]:
            reached.set()
            release.wait(WAIT / 1000)

    made = backend.GuiEngine.fetcher

    def fetcher(self):  # type: ignore[no-untyped-def]
        f = made(self)
        f.on_chunk = stall
        return f

    monkeypatch.setattr(backend.GuiEngine, "fetcher", fetcher)
    with harnesses(qtbot, tmp_path) as make:
        h: Harness = make(people, language="vi")
        library = h.unlock()
        w = h.window
        h.open(bundle)  # a session from a USB stick, on screen
        h.wait_document("documents/0001.age")
        _connect(qtbot, h, office_file)
        qtbot.waitUntil(lambda: w.sync.fetch.running and reached.is_set(), timeout=WAIT)
        engine = w.sync.part.engine  # connected while a session is on screen: received and opened all the same
        assert engine is not None
        opened = w.session.opened
        assert opened is not None
        local, version = opened.manifest.session_id, opened.manifest.version
        wanted = {f"{local}\0{version}\0entry:documents/0001.age\0{event}" for event in ("received", "opened")}
        # recorded once each (the round may have sent them already: the outbox keeps what it recorded)
        qtbot.waitUntil(lambda: wanted <= engine.receipts._load()[1], timeout=WAIT)  # type: ignore[attr-defined]
        fetch = w.sync.fetch
        assert fetch.progress is not None and fetch.cancel_button is not None and fetch.label is not None
        assert fetch.progress.isVisible() and fetch.cancel_button.isVisible()
        assert fetch.cancel_button.text() == "Hủy" and fetch.label.text().startswith("Đang tải phiên họp mới")
        assert not w.actions_.fetch_sessions.isEnabled()
        w.resize(1366, 768)
        _shot(w, "downloading")

        # the download hangs on the network lane; reading goes on
        w.session.open_document("documents/0002.age")
        h.wait_document("documents/0002.age")
        w.actions_.library.trigger()
        assert w.library_view.session_ids() == [w.session.record.session_id]  # type: ignore[union-attr]

        fetch.cancel_button.click()
        release.set()
        qtbot.waitUntil(lambda: not fetch.running, timeout=WAIT)
        assert not fetch.progress.isVisible() and not fetch.cancel_button.isVisible()
        assert "Không tải được" not in w.notice.text  # a cancel is the member's own: no problem to report
        assert not library.has_session(SESSION_ID)
        assert [p.suffix for p in _bundle_files(h.services.paths.root) if p.suffix == ".part"] == [".part"]
        w.actions_.sync_now.trigger()  # a round does not start it again by itself: the member cancelled
        qtbot.waitUntil(lambda: not w.sync.running, timeout=WAIT)
        assert not fetch.running and not library.has_session(SESSION_ID)

        slow[0] = False
        w.actions_.fetch_sessions.trigger()  # File ▸ Fetch new sessions: it goes on from the partial file
        qtbot.waitUntil(lambda: library.has_session(SESSION_ID), timeout=WAIT)
        title = library.session(SESSION_ID).title
        qtbot.waitUntil(lambda: w.notice.text == f"Phiên họp mới: {title}", timeout=WAIT)
        assert [p for p in _bundle_files(h.services.paths.root) if p.suffix == ".part"] == []
        assert SESSION_ID in w.library_view.session_ids()

        # the office publishes version 2: one document changed, one added
        v2 = build(tmp_path / "published", office, 2, signer=unlock(people.clerk), members=("an",),  # type: ignore[arg-type]
                   docs={"Báo cáo quý IV": "Báo cáo quý IV — bản sửa", "Dự thảo kế hoạch": "Kế hoạch",
                         "Tờ trình bổ sung": "Tờ trình mới"})
        assert cli("server", "publish", folder, v2.path) == 0
        w.actions_.sync_now.trigger()  # F5: a round, then what is new
        qtbot.waitUntil(lambda: w.notice.text.startswith("Phiên bản 2 của"), timeout=WAIT)
        assert w.notice.text == f"Phiên bản 2 của {title} — 1 tài liệu thay đổi, 1 tài liệu mới"
        assert library.session(SESSION_ID).version == 2
        w.notice.action.click()
        qtbot.waitUntil(lambda: w.session.record is not None and w.session.record.session_id == SESSION_ID,
                        timeout=WAIT)


def test_the_week_before_notes_are_deleted_the_member_is_warned_at_start_and_can_export_them(  # type: ignore[no-untyped-def]
        qtbot, tmp_path: Path, people: People) -> None:
    root = tmp_path / "retention"
    root.mkdir()
    write_session(root, people, extra="\n[policy]\nnotes_retention_days = 30\n")  # notes kept until 14/02/2024
    kept = build_bundle(load_session(root / "session.toml"), unlock(people.clerk), root / "retention.paperless",
                        version=1).path
    home = tmp_path / "home"
    with harnesses(qtbot, tmp_path) as make:
        h: Harness = make(people, home=home, language="vi")
        h.services.clock = lambda: datetime(2024, 1, 20, tzinfo=UTC)
        h.unlock()
        h.open(kept)
        h.wait_document()
        w = h.window
        notes = w.notes
        qtbot.waitUntil(lambda: notes.controller.active, timeout=WAIT)
        w.agenda.item_chosen.emit(0)
        notes.panel.item_note.editor.setPlainText("Cần hỏi thêm về số liệu quý IV")
        notes.panel.item_note.flush()
        h.wait_idle()
        assert not w.notice.isVisible()  # a month before: nothing to say
    with harnesses(qtbot, tmp_path) as make:
        later: Harness = make(people, home=home, language="vi")
        later.services.clock = lambda: datetime(2024, 2, 10, tzinfo=UTC)  # four days before
        later.unlock()
        w = later.window
        qtbot.waitUntil(lambda: w.notice.isVisible() and "14/02/2024" in w.notice.text, timeout=WAIT)
        assert w.notice.kind == "warning" and "xuất ghi chú" in w.notice.text
        assert w.notice.action.text() == "Xuất ghi chú của tôi…"
        w.notice.action.click()  # the session opens and the notes export starts (its usual warning first)
        qtbot.waitUntil(lambda: _box_open("exportWarning") is not None, timeout=WAIT)
        assert w.session.opened is not None
