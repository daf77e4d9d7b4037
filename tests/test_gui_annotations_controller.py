"""AnnotationController: one database worker, a mirror for painting, undo/redo, item notes,
bookmarks, and the session boundary (late answers of a closed session are dropped)."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from bundle_helpers import People, unlock
from notes_content import markup, note
from pytestqt.qtbot import QtBot

from paperless.core.identity import UnlockedIdentity
from paperless.core.notes import AnnotationKind, NotesStore
from paperless.gui.annotations.controller import AnnotationController, store_session_id
from paperless.gui.tasks import Lane, Tasks

DOC = "ab" * 32
OTHER = "cd" * 32


@pytest.fixture(scope="module")
def an(people: People) -> UnlockedIdentity:
    return unlock(people.member("an"))


@pytest.fixture
def controller(qtbot: QtBot, tmp_path: Path, an: UnlockedIdentity) -> Iterator[AnnotationController]:
    c = AnnotationController(Tasks())
    with qtbot.waitSignal(c.ready, timeout=10_000):
        c.start(tmp_path / "lib", an, "phien-12")
    yield c
    c.close()
    c.wait()


def test_changes_reach_the_mirror_after_they_are_saved(qtbot: QtBot, controller: AnnotationController) -> None:
    assert controller.annotations(DOC) == []  # asks the database
    qtbot.waitUntil(lambda: controller.model.is_loaded(DOC))
    threads: set[int] = set()
    made: list[str] = []
    with qtbot.waitSignal(controller.changed, check_params_cb=lambda d: d == DOC):
        controller.add(DOC, 3, AnnotationKind.HIGHLIGHT, "#ffe066", markup("chuyển đổi số", page=3),
                       on_done=lambda a: (made.append(a.uuid), threads.add(threading.get_ident())))
    assert threads == {threading.get_ident()}  # callbacks on the GUI thread
    assert [a.payload["quote"] for a in controller.on_page(DOC, 3)] == ["chuyển đổi số"]
    assert controller.can_undo and not controller.can_redo
    with qtbot.waitSignal(controller.changed):
        controller.update(made[0], color="#ff0000")
    assert controller.find(made[0]).color == "#ff0000"  # type: ignore[union-attr]
    with qtbot.waitSignal(controller.changed):
        controller.delete(made[0])
    assert controller.annotations(DOC) == []
    with qtbot.waitSignal(controller.changed):
        controller.undo()
    assert [a.color for a in controller.annotations(DOC)] == ["#ff0000"]
    assert controller.can_redo
    with qtbot.waitSignal(controller.changed):
        controller.redo()
    assert controller.annotations(DOC) == []


def test_item_notes_and_bookmarks(qtbot: QtBot, controller: AnnotationController, tmp_path: Path,
                                  an: UnlockedIdentity) -> None:
    with qtbot.waitSignal(controller.notes_changed):
        controller.set_item_note(2, "Đề nghị làm rõ kinh phí năm 2025")
    with qtbot.waitSignal(controller.notes_changed):
        controller.add_bookmark(OTHER, 7, "Bảng 3")
    assert controller.item_note(2) == "Đề nghị làm rõ kinh phí năm 2025"
    assert [(b.page, b.label) for b in controller.bookmarks(OTHER)] == [(7, "Bảng 3")]
    controller.close()
    controller.wait()
    again = NotesStore.open(tmp_path / "lib", an)  # saved, in the store
    try:
        note = again.item_note("phien-12", 2)
        assert note is not None and note.text == "Đề nghị làm rõ kinh phí năm 2025"
    finally:
        again.close()


def test_a_failed_save_changes_nothing_and_says_why(qtbot: QtBot, controller: AnnotationController) -> None:
    failures: list[BaseException] = []
    controller.failed.connect(failures.append)
    controller.add(DOC, 0, AnnotationKind.INK, "not a colour", {"strokes": []})
    qtbot.waitUntil(lambda: bool(failures))
    assert controller.annotations(DOC) == [] and not controller.can_undo


def test_a_new_session_drops_the_old_one(qtbot: QtBot, controller: AnnotationController, tmp_path: Path,
                                         an: UnlockedIdentity) -> None:
    with qtbot.waitSignal(controller.changed):
        controller.add(DOC, 1, AnnotationKind.NOTE, "#ffcc00", note("phiên 12"))
    with qtbot.waitSignal(controller.ready):
        controller.start(tmp_path / "lib", an, "phien 13 / đặc biệt")  # not a store id: hashed
    assert controller.annotations(DOC) == [] and not controller.can_undo
    qtbot.waitUntil(lambda: controller.model.is_loaded(DOC))
    assert controller.annotations(DOC) == []  # session 13 has none
    assert store_session_id("phien 13 / đặc biệt").startswith("s-")


def _hold(db: Lane) -> threading.Event:
    """Keep the database worker busy until the returned event is set."""
    release, started = threading.Event(), threading.Event()
    db.run(lambda: (started.set(), release.wait(10)))
    assert started.wait(5)
    return release


def test_typing_back_to_the_saved_note_while_a_save_runs_is_not_lost(
        qtbot: QtBot, tmp_path: Path, an: UnlockedIdentity) -> None:
    tasks = Tasks()
    c = AnnotationController(tasks)
    db = tasks.db
    with qtbot.waitSignal(c.ready, timeout=10_000):
        c.start(tmp_path / "lib", an, "phien-12")
    release = _hold(db)
    c.set_item_note(0, "Ý kiến A")  # queued behind the busy worker …
    c.set_item_note(0, "")  # … and typed away again before it is saved
    release.set()
    qtbot.waitUntil(lambda: c.latest_item_note(0) == "" and not c._notes_sent, timeout=10_000)
    assert c.item_note(0) == ""
    c.close()
    c.wait()
    store = NotesStore.open(tmp_path / "lib", an)
    try:
        note = store.item_note("phien-12", 0)
        assert note is not None and note.text == ""
    finally:
        store.close()


def test_quick_starts_open_one_store_and_closing_while_opening_closes_it(
        qtbot: QtBot, tmp_path: Path, an: UnlockedIdentity, monkeypatch: pytest.MonkeyPatch) -> None:
    opened: list[NotesStore] = []
    real_open = NotesStore.open

    def counting_open(*args: object, **kwargs: object) -> NotesStore:
        store = real_open(*args, **kwargs)  # type: ignore[arg-type]
        opened.append(store)
        return store

    monkeypatch.setattr(NotesStore, "open", staticmethod(counting_open))
    c = AnnotationController(Tasks())
    c.start(tmp_path / "lib", an, "phien-12")
    with qtbot.waitSignal(c.ready, timeout=10_000):
        c.start(tmp_path / "lib", an, "phien-13")  # before the first open has finished
    assert len(opened) == 1
    c.close()
    c.wait()
    again = AnnotationController(Tasks())
    again.start(tmp_path / "lib2", an, "phien-12")
    again.close()  # while its store is still opening
    again.wait()
    qtbot.wait(50)
    assert again._db_store is None and again._store is None


def test_an_altered_record_is_reported_once_and_hides_only_itself(qtbot: QtBot, tmp_path: Path,
                                                                  an: UnlockedIdentity) -> None:
    import sqlite3

    from paperless.core.notes import DB_FILE

    folder = tmp_path / "lib"
    sid = store_session_id("phien-12")
    with NotesStore.open(folder, an) as store:
        bad = store.add_annotation(sid, DOC, 0, "highlight", "#ffe066", markup("một"))
        good = store.add_annotation(sid, DOC, 1, "underline", "#00aa00", markup("hai", page=1))
    con = sqlite3.connect(folder / DB_FILE)
    [(blob,)] = con.execute("SELECT payload FROM annotations WHERE uuid = ?", (bad.uuid,)).fetchall()
    con.execute("UPDATE annotations SET payload = ? WHERE uuid = ?",  # damage inside its sealed payload
                (blob[:-1] + bytes([blob[-1] ^ 1]), bad.uuid))
    con.commit()
    con.close()
    c = AnnotationController(Tasks())
    reported: list[BaseException] = []
    c.damaged.connect(reported.append)
    c.failed.connect(reported.append)
    with qtbot.waitSignal(c.ready, timeout=10_000):
        c.start(folder, an, "phien-12")
    try:
        c.annotations(DOC)
        qtbot.waitUntil(lambda: [a.uuid for a in c.annotations(DOC)] == [good.uuid], timeout=10_000)
        c.reload()  # read again: the same damage is not said twice
        c.wait()
        qtbot.wait(50)
        assert len(reported) == 1 and bad.uuid in reported[0].message("en")  # type: ignore[attr-defined]
        assert "không đọc được" in reported[0].message("vi")  # type: ignore[attr-defined]
    finally:
        c.close()
        c.wait()


def test_a_key_file_set_aside_is_said_once(qtbot: QtBot, tmp_path: Path, an: UnlockedIdentity) -> None:
    """Issue 8 §5: a notes key nobody but the member could have sealed is never used; the app says so."""
    from paperless.core.age import encrypt_bytes
    from paperless.core.notes import KEY_FILE
    from paperless.core.notes.errors import NotesKeyRejectedNotice

    folder = tmp_path / "lib"
    folder.mkdir()
    planted = b"paperless-notes-key/1\n" + bytes(32)  # a key the planter knows, to the public card
    (folder / KEY_FILE).write_bytes(encrypt_bytes([an.card.age_recipient], planted))
    c = AnnotationController(Tasks())
    reported: list[BaseException] = []
    c.damaged.connect(reported.append)
    with qtbot.waitSignal(c.ready, timeout=10_000):
        c.start(folder, an, "phien-12")
    try:
        qtbot.waitUntil(lambda: bool(reported), timeout=10_000)
        [notice] = reported
        assert isinstance(notice, NotesKeyRejectedNotice) and "never used" in notice.message("en")
        c.stop()
        with qtbot.waitSignal(c.ready, timeout=10_000):
            c.start(folder, an, "phien-13")
        c.wait()
        assert len(reported) == 1
    finally:
        c.close()
        c.wait()
