"""AnnotationController: one database worker, a mirror for painting, undo/redo, item notes,
bookmarks, and the session boundary (late answers of a closed session are dropped)."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from bundle_helpers import People, unlock
from pytestqt.qtbot import QtBot

from paperless.core.identity import UnlockedIdentity
from paperless.core.notes import AnnotationKind, NotesStore
from paperless.gui.annotations.controller import AnnotationController, store_session_id
from paperless.gui.operations import Operations

DOC = "ab" * 32
OTHER = "cd" * 32


@pytest.fixture(scope="module")
def an(people: People) -> UnlockedIdentity:
    return unlock(people.member("an"))


@pytest.fixture
def controller(qtbot: QtBot, tmp_path: Path, an: UnlockedIdentity) -> Iterator[AnnotationController]:
    db = Operations(threads=1)
    c = AnnotationController(db)
    with qtbot.waitSignal(c.ready, timeout=10_000):
        c.start(tmp_path / "lib", an, "phien-12")
    yield c
    c.close()
    c.wait()


def test_changes_reach_the_mirror_after_they_are_saved(qtbot: QtBot, controller: AnnotationController) -> None:
    assert controller.annotations(DOC) == []  # asks the database
    qtbot.waitUntil(lambda: DOC in controller._docs)
    threads: set[int] = set()
    made: list[str] = []
    with qtbot.waitSignal(controller.changed, check_params_cb=lambda d: d == DOC):
        controller.add(DOC, 3, AnnotationKind.HIGHLIGHT, "#ffe066", {"quote": "chuyển đổi số"},
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
        controller.add(DOC, 1, AnnotationKind.NOTE, "#ffcc00", {"text": "phiên 12"})
    with qtbot.waitSignal(controller.ready):
        controller.start(tmp_path / "lib", an, "phien 13 / đặc biệt")  # not a store id: hashed
    assert controller.annotations(DOC) == [] and not controller.can_undo
    qtbot.waitUntil(lambda: DOC in controller._docs)
    assert controller.annotations(DOC) == []  # session 13 has none
    assert store_session_id("phien 13 / đặc biệt").startswith("s-")
