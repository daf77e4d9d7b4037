"""Opening sessions in the window: a good bundle, every kind of bad one (a clear dialog, no
crash, nothing kept), restricted and expired items, the library, read marks."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest
from bundle_helpers import MEMBERS, PASSPHRASE, People, flip_bit_in_entry, unlock, write_session
from gui_helpers import OFFSCREEN_NOISE, Harness, harnesses, open_message_boxes
from PySide6.QtGui import QGuiApplication

from paperless.core.bundle import build_bundle
from paperless.core.identity import load_card
from paperless.core.library import Library
from paperless.core.session import load_session
from paperless.gui.app import AppOptions
from paperless.gui.dialogs.unlock import UnlockDialog
from paperless.gui.main_window import READER_PAGE
from paperless.gui.startup import Startup

pytestmark = OFFSCREEN_NOISE


@pytest.fixture
def make(qtbot, tmp_path: Path):  # type: ignore[no-untyped-def]
    with harnesses(qtbot, tmp_path) as factory:
        yield factory


@pytest.fixture(scope="module")
def expired_bundle(tmp_path_factory: pytest.TempPathFactory, people: People) -> Path:
    root = tmp_path_factory.mktemp("expired")
    session = write_session(root, people, expires="2024-02-15T00:00:00+07:00")
    return build_bundle(load_session(session), unlock(people.clerk), root / "old.paperless").path


@pytest.fixture(scope="module")
def older_bundle(tmp_path_factory: pytest.TempPathFactory, bundle: Path, people: People) -> Path:
    out = tmp_path_factory.mktemp("older") / "v1.paperless"
    return build_bundle(load_session(bundle.parent.parent / "session.toml"), unlock(people.clerk), out, version=1).path


def _refusal(h: Harness, kind: str, *needles: str) -> None:
    boxes = open_message_boxes()
    assert len(boxes) == 1, [b.text() for b in boxes]
    box = boxes[0]
    assert box.objectName() == "errorDialog" and box.property("paperless_error") == kind
    for needle in needles:
        assert needle in box.text() + "\n" + box.informativeText()
    box.close()
    assert h.services.library is not None and h.services.library.sessions() == []
    assert not (h.services.paths.root / "bundles").exists() or not list((h.services.paths.root / "bundles").iterdir())
    assert h.window.centre.currentIndex() != READER_PAGE


def test_open_good_bundle_shows_agenda_and_first_document(qtbot, make, bundle: Path, people: People) -> None:  # type: ignore[no-untyped-def]
    h = make(people)
    h.unlock()
    with qtbot.waitSignal(h.window.open_flow.kept, timeout=30_000):  # the library's copy, made in the background
        h.open(bundle)
    assert open_message_boxes() == []
    w = h.window
    assert w.centre.currentIndex() == READER_PAGE
    assert w.windowTitle().startswith("Hội nghị Ban Thường vụ Tỉnh ủy — phiên thứ 12")
    tree = w.agenda.tree
    assert tree.topLevelItemCount() == 3
    first = tree.topLevelItem(0)
    assert first is not None and first.text(0) == "1. Báo cáo kết quả công tác quý IV/2023"
    assert first.child(0).text(0) == "Văn phòng Tỉnh ủy"  # the presenter
    h.wait_document("documents/0001.age")
    assert w.reader.view.page_count() == 5
    assert w.agenda.is_bold("documents/0001.age")  # unread
    [record] = h.services.library.sessions()
    assert not Path(record.bundle).is_absolute() and (h.services.paths.root / "bundles" / record.bundle).is_file()
    assert [s for s in w.library_view.session_ids()] == [record.session_id]


def test_unknown_signer(make, bundle: Path, people: People) -> None:  # type: ignore[no-untyped-def]
    h = make(people, trust_clerk=False)
    h.unlock()
    h.open(bundle)
    box = open_message_boxes()[0]
    assert any("Trust an office card" in b.text() for b in box.buttons())
    _refusal(h, "UnknownSignerError", "not from an office you trust", "unknown key")


def test_tampered_agenda(make, bundle: Path, people: People, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    bad = flip_bit_in_entry(bundle, tmp_path / "bad.paperless", "agenda.age", 77)
    h = make(people)
    h.unlock()
    h.open(bad)
    _refusal(h, "TamperedError", "altered or damaged", "agenda", str(bad))


def test_tampered_last_document(qtbot, make, bundle: Path, people: People, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """Opening does not hash every entry: the agenda shows; the damaged document is refused when
    opened; the background check of the library's copy finds it, says so, and keeps nothing."""
    last = "documents/0004.age"
    bad = flip_bit_in_entry(bundle, tmp_path / "bad.paperless", last, 300)
    h = make(people)
    h.unlock()
    w = h.window
    with qtbot.waitSignal(w.open_flow.keep_failed, timeout=30_000) as failed:
        h.open(bad)
    assert w.centre.currentIndex() == READER_PAGE and w.agenda.tree.topLevelItemCount() == 3
    sid, error = failed.args
    assert type(error).__name__ == "TamperedError"
    [box] = open_message_boxes()
    assert box.property("paperless_error") == "TamperedError"
    text = box.text() + "\n" + box.informativeText()
    for needle in ("altered or damaged", last, str(bad.resolve()), "not kept in your library"):
        assert needle in text
    box.close()
    library = h.services.library
    assert library.sessions() == [] and not library.has_session(sid)
    assert w.library_view.session_ids() == [] and not w.actions_.recent_menu.isEnabled()  # lists refreshed
    assert not (h.services.paths.root / "bundles").exists() or not list((h.services.paths.root / "bundles").iterdir())
    assert bad.is_file()
    h.wait_document("documents/0001.age")  # the good documents of the session still read
    w.agenda.document_activated.emit(last)
    qtbot.waitUntil(lambda: "altered or damaged" in w.reader.banner.text, timeout=30_000)
    assert last in w.reader.banner.text and str(bad) in w.reader.banner.text
    w.session.open_document("documents/0002.age")
    h.wait_document("documents/0002.age")
    w.reader.view.go_to_page(3)  # reading on: nothing is recorded for a session the library dropped
    h.wait_idle()
    assert library.sessions() == [] and open_message_boxes() == []


def test_background_copy_then_reopen_uses_it(qtbot, make, bundle: Path, people: People) -> None:  # type: ignore[no-untyped-def]
    h = make(people)
    h.unlock()
    w = h.window
    with qtbot.waitSignal(w.open_flow.kept, timeout=30_000) as kept:
        h.open(bundle)
    sid, copy = kept.args
    assert copy.parent == h.services.paths.root / "bundles" and copy.read_bytes() == bundle.read_bytes()
    assert w.session.opened is not None and w.session.opened.path == bundle  # this session: the user's file
    assert h.services.library.session(sid).bundle == copy.name and not w.open_flow.copying
    h.wait_document()
    w.close_session()
    w.open_session(sid)
    qtbot.waitUntil(lambda: w.session.opened is not None and w.reader.view.page_count() > 0, timeout=30_000)
    assert w.session.opened.path == copy and not w.open_flow.copying  # read from the library's copy


def test_failed_copy_keeps_reading_the_users_file(qtbot, make, bundle: Path, people: People,  # type: ignore[no-untyped-def]
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    import errno

    from paperless.core.library import keeping

    def no_link(src: object, dst: object) -> None:
        raise OSError(errno.EXDEV, "Invalid cross-device link")

    class Usage:
        free = 1000

    monkeypatch.setattr(keeping.os, "link", no_link)
    monkeypatch.setattr(keeping.shutil, "disk_usage", lambda _p: Usage())
    h = make(people)
    h.unlock()
    w = h.window
    with qtbot.waitSignal(w.open_flow.keep_failed, timeout=30_000):
        h.open(bundle)
    [box] = open_message_boxes()
    assert box.property("paperless_error") == "LibraryCopyError"
    assert str(bundle.resolve()) in box.informativeText() and "disk is full" in box.informativeText()
    box.close()
    [record] = h.services.library.sessions()
    assert record.bundle == str(bundle.resolve())
    assert not (h.services.paths.root / "bundles").exists() or not list((h.services.paths.root / "bundles").iterdir())
    w.session.open_document("documents/0002.age")
    h.wait_document("documents/0002.age")
    monkeypatch.undo()
    w.close_session()
    with qtbot.waitSignal(w.open_flow.kept, timeout=30_000):  # reopened: read from the file, copied again
        w.open_session(record.session_id)
    assert not Path(h.services.library.sessions()[0].bundle).is_absolute()


def test_document_cache_is_bounded(qtbot, make, bundle: Path, people: People) -> None:  # type: ignore[no-untyped-def]
    from paperless.core.model import CACHE_BYTES, DocumentCache

    cache = DocumentCache(100)
    cache.put("a", b"a" * 40)
    cache.put("b", b"b" * 40)
    assert cache.get("a") is not None  # used: now the newest
    cache.put("c", b"c" * 40)
    assert cache.entries() == ["a", "c"] and cache.size == 80
    cache.put("big", b"x" * 500)  # bigger than the budget: kept alone (it is the one on screen)
    assert cache.entries() == ["big"] and cache.size == 500

    h = make(people)
    h.unlock()
    h.open(bundle)
    w = h.window
    session = w.session
    assert session.cache.budget == CACHE_BYTES == 256 * 2**20
    h.wait_document("documents/0001.age")
    session.cache.budget = len(session.cache.get("documents/0001.age") or b"") + 1
    for entry in ("documents/0002.age", "documents/0003.age", "documents/0001.age"):
        session.open_document(entry)
        h.wait_document(entry)
        assert session.cache.size <= session.cache.budget or len(session.cache) == 1
    assert session.cache.entries()[-1] == "documents/0001.age" and len(session.cache) <= 2


def test_truncated_file(make, bundle: Path, people: People, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    bad = tmp_path / "cut.paperless"
    bad.write_bytes(bundle.read_bytes()[:5000])
    h = make(people)
    h.unlock()
    h.open(bad)
    _refusal(h, "NotABundleError", "not a session file", "truncated or damaged")


def test_rollback(make, bundle: Path, older_bundle: Path, people: People) -> None:  # type: ignore[no-untyped-def]
    h = make(people)
    h.unlock()
    h.open(bundle)
    h.wait_document()
    h.open(older_bundle)
    boxes = open_message_boxes()
    assert len(boxes) == 1 and boxes[0].property("paperless_error") == "RollbackError"
    assert "older copy" in boxes[0].text() and "version 1" in boxes[0].informativeText()
    boxes[0].close()
    assert [r.version for r in h.services.library.sessions()] == [2]
    assert h.window.reader.view.document_id() == "documents/0001.age"  # still reading the good one


def test_not_a_recipient(make, bundle: Path, people: People) -> None:  # type: ignore[no-untyped-def]
    h = make(people, member="outsider")
    h.unlock()
    h.open(bundle)
    _refusal(h, "NotARecipientError", "not sent to you", "Người ngoài")


def test_vietnamese_error_message(make, bundle: Path, people: People) -> None:  # type: ignore[no-untyped-def]
    h = make(people, member="outsider", language="vi")
    h.unlock()
    h.open(bundle)
    box = open_message_boxes()[0]
    assert "không được chuẩn bị cho Người ngoài" in box.informativeText()


def test_restricted_item(qtbot, make, bundle: Path, people: People) -> None:  # type: ignore[no-untyped-def]
    h = make(people, member="binh")
    h.unlock()
    h.open(bundle)
    h.wait_document()
    w = h.window
    item = w.agenda.item_row(3)
    assert item is not None and item.toolTip(0) == f"Restricted to: {MEMBERS[0]}"
    assert item.icon(0).cacheKey() == w.icons.get("lock").cacheKey()
    locked = w.agenda.document_item("documents/0004.age")
    assert locked is not None and locked.toolTip(0) == f"Restricted to: {MEMBERS[0]}"
    w.agenda.document_activated.emit("documents/0004.age")
    assert w.reader.banner.isVisible() and "restricted" in w.reader.banner.text
    assert w.reader.view.document_id() == "documents/0001.age"
    assert "documents/0004.age" not in h.services.library.sessions()[0].readable


def test_expired_session(qtbot, make, expired_bundle: Path, people: People) -> None:  # type: ignore[no-untyped-def]
    h = make(people)
    h.unlock()
    h.open(expired_bundle)
    assert open_message_boxes() == []
    w = h.window
    assert w.centre.currentIndex() == READER_PAGE
    assert w.agenda.tree.topLevelItemCount() == 3  # the agenda stays visible
    assert w.agenda.banner.isVisible()
    assert w.agenda.banner.text == ("This session expired on 00:00, 15/02/2024; documents can no longer be opened.")
    w.agenda.document_activated.emit("documents/0001.age")
    h.wait_idle()
    assert w.reader.view.document_id() is None
    assert "expired" in w.reader.banner.text  # trying to open a document says why it cannot
    assert h.services.library.sessions()[0].expires_at is not None


def test_library_reopens_with_only_the_passphrase(qtbot, make, bundle: Path, people: People,  # type: ignore[no-untyped-def]
                                                  tmp_path: Path) -> None:
    first = make(people, home=tmp_path / "home")
    first.unlock()
    first.open(bundle)
    first.wait_document()
    view = first.window.reader.view
    view.go_to_page(4)  # the last page: the document counts as read
    qtbot.waitUntil(lambda: first.services.library.is_read(first.services.library.sessions()[0].session_id,
                                                           "documents/0001.age"), timeout=10_000)
    assert not first.window.agenda.is_bold("documents/0001.age")
    first.close()

    # A new start: no file chooser, no --trust: the passphrase, then a click in the library.
    again = make(people, home=tmp_path / "home", trust_clerk=False)
    Library.open(again.services.paths.root, unlock(people.member("an"))).trust(load_card(people.clerk))  # once
    startup = Startup(again.services, again.window, AppOptions())
    startup.start()
    dialog = startup.dialog
    assert isinstance(dialog, UnlockDialog)
    assert again.window.library_view.session_ids() == []  # titles are encrypted: nothing before unlocking
    dialog.passphrase.setText(PASSPHRASE)
    dialog.unlock_button.click()
    qtbot.waitUntil(lambda: again.services.library is not None, timeout=10_000)
    w = again.window
    [sid] = w.library_view.session_ids()
    assert "1 of 4 documents read" in w.library_view.list.itemWidget(w.library_view.list.item(0)).progress_label.text()
    w.library_view.session_requested.emit(sid)
    qtbot.waitUntil(lambda: w.reader.view.page_count() > 0, timeout=30_000)
    assert again.files.asked == []
    assert w.reader.view.document_id() == "documents/0001.age"
    qtbot.waitUntil(lambda: w.reader.view.current_page() == 4, timeout=10_000)  # where we left off
    assert not w.agenda.is_bold("documents/0001.age") and w.agenda.is_bold("documents/0002.age")


def test_reading_places_are_sealed_off_the_gui_thread(qtbot, make, bundle: Path, people: People) -> None:  # type: ignore[no-untyped-def]
    h = make(people)
    h.unlock()
    h.open(bundle)
    h.wait_document()
    library = h.services.library
    saved_on: list[threading.Thread] = []
    seal = library.save

    def save() -> None:
        saved_on.append(threading.current_thread())
        seal()

    library.save = save  # type: ignore[method-assign]
    h.window.reader.view.go_to_page(2)  # saved a moment after the last change
    qtbot.waitUntil(lambda: len(saved_on) == 1, timeout=10_000)
    h.window.reader.view.go_to_page(3)
    h.window.close_session()  # and on closing
    qtbot.waitUntil(lambda: len(saved_on) == 2, timeout=10_000)
    assert threading.main_thread() not in saved_on
    record = Library.open(h.services.paths.root, unlock(people.member("an"))).sessions()[0]
    assert record.documents["documents/0001.age"].last_page == 3


def test_quitting_while_the_last_saves_run_shows_no_busy_cursor(qtbot, make, bundle: Path, people: People) -> None:  # type: ignore[no-untyped-def]
    h = make(people)
    h.unlock()
    h.open(bundle)
    h.wait_document()
    h.window.reader.view.go_to_page(2)
    h.window.shut_down()  # queues the reading state's and the notes' last saves
    assert h.services.tasks.busy and QGuiApplication.overrideCursor() is None  # the window is going away
    qtbot.waitUntil(lambda: not h.services.tasks.busy, timeout=10_000)
    assert QGuiApplication.overrideCursor() is None


def test_drop_and_file_menu(qtbot, make, bundle: Path, people: People) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtCore import QMimeData, QPoint, QPointF, Qt, QUrl
    from PySide6.QtGui import QDragEnterEvent, QDropEvent

    h = make(people)
    h.unlock()
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(bundle))])
    enter = QDragEnterEvent(QPoint(10, 10), Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton,
                            Qt.KeyboardModifier.NoModifier)
    h.window.dragEnterEvent(enter)
    assert enter.isAccepted()
    drop = QDropEvent(QPointF(10, 10), Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton,
                      Qt.KeyboardModifier.NoModifier)
    h.window.dropEvent(drop)
    qtbot.waitUntil(lambda: h.window.reader.view.page_count() > 0, timeout=30_000)
    h.window.close_session()
    assert h.window.centre.currentIndex() != READER_PAGE
    h.files.open_answers.append(bundle)
    h.window.actions_.open.trigger()
    qtbot.waitUntil(lambda: h.window.reader.view.page_count() > 0, timeout=30_000)


def test_search_panel_counts_the_pages_being_indexed(qtbot, make, bundle: Path, people: People) -> None:  # type: ignore[no-untyped-def]
    h = make(people)
    h.unlock()
    w = h.window
    panel = w.reader.search_panel
    at_shown: list[str] = []
    seen: list[tuple[int, int, str]] = []
    w.session_shown.connect(lambda: at_shown.append(panel.progress_text()))
    w.session.indexer.progress.connect(lambda done, total: seen.append((done, total, panel.progress_text())))
    h.open(bundle)
    opened = w.session.opened
    assert opened is not None
    pages = sum(d.pages for it in opened.agenda.items if it.readable_by(opened.member) for d in it.documents)
    assert at_shown == [f"Indexing… 0/{pages} pages"]  # from the start, not only after the first batch
    qtbot.waitUntil(lambda: not w.session.indexer.running, timeout=60_000)
    assert seen and all(total == pages for _, total, _ in seen)
    for done, total, text in seen:
        assert text == (f"Indexing… {done}/{total} pages" if done < total else "")
    assert seen[-1][0] == pages and w.session.indexer.index.pages == pages and panel.progress_text() == ""


def test_screenshot_waits_for_the_rendered_page(qtbot, make, bundle: Path, people: People,  # type: ignore[no-untyped-def]
                                               tmp_path: Path) -> None:
    from PySide6.QtGui import QImage

    h = make(people)
    out = tmp_path / "shots" / "window.png"
    w = h.window
    view = w.reader.view
    startup = Startup(h.services, w, AppOptions(bundle=bundle, passphrase=PASSPHRASE, screenshot=out))
    view.blockSignals(True)  # the page is painted, but the view does not say so yet
    try:
        startup.start()
        qtbot.waitUntil(lambda: view.current_page() in view.canvas.images
                        and view.current_page() not in view.canvas.fresh, timeout=60_000)
        qtbot.wait(100)
        assert startup.exit_code is None and not out.exists()  # no peeking at the canvas' images
    finally:
        view.blockSignals(False)
    with qtbot.waitSignal(view.page_rendered, timeout=30_000):
        view.fit_page()  # new images (a new scale): announced once painted
    qtbot.waitUntil(lambda: startup.exit_code is not None, timeout=30_000)
    assert startup.exit_code == 0
    image = QImage(str(out))
    assert image.width() == w.width() and image.height() == w.height()
    canvas = view.canvas
    corner = canvas.viewport().mapTo(w, canvas.page_target(view.current_page()).topLeft().toPoint())
    assert image.rect().contains(corner)
    margin = [image.pixelColor(corner.x() + dx, corner.y() + dy).lightness() for dx in (4, 8, 12) for dy in (4, 8, 12)]
    assert max(margin) > 245  # the page's white margin, not the grey placeholder


def test_watermark_names_member_session_and_local_date(qtbot, make, bundle: Path, people: People,  # type: ignore[no-untyped-def]
                                                       tmp_path: Path) -> None:
    from datetime import UTC, datetime

    from bundle_helpers import unlock, write_session

    from paperless.core.bundle import build_bundle
    from paperless.core.session import load_session

    h = make(people)
    h.services.clock = lambda: datetime(2026, 1, 31, 12, 0, tzinfo=UTC)  # 31/01 in every time zone
    h.unlock()
    h.open(bundle)
    h.wait_document("documents/0001.age")
    assert h.window.reader.view.canvas.watermark.text == (
        "Nguyễn Văn An · Hội nghị Ban Thường vụ Tỉnh ủy — phiên thứ 12 · 31/01/2026")
    # A bundle whose policy turns the watermark off shows none.
    root = tmp_path / "nowm"
    root.mkdir()
    spec = load_session(write_session(root, people, extra="\n[policy]\nwatermark = false\n"))
    plain = build_bundle(spec, unlock(people.clerk), root / "plain.paperless", version=9).path
    h.window.close_session()
    h.open(plain)
    h.wait_document("documents/0001.age")
    assert h.window.reader.view.canvas.watermark.text == ""


def test_expired_note_follows_a_language_switch(qtbot, make, expired_bundle: Path, people: People) -> None:  # type: ignore[no-untyped-def]
    h = make(people)
    h.unlock()
    h.open(expired_bundle)
    w = h.window
    canvas = w.reader.view.canvas
    assert canvas.message == "This session expired on 00:00, 15/02/2024; documents can no longer be opened."
    w.switch_language("vi")
    qtbot.waitUntil(lambda: "hết hạn" in w.agenda.banner.text, timeout=5_000)  # language changes are posted
    assert "15/02/2024" in canvas.message and "hết hạn" in canvas.message
    w.switch_language("en")
    qtbot.waitUntil(lambda: "expired" in w.agenda.banner.text, timeout=5_000)
    assert canvas.message.startswith("This session expired on")
