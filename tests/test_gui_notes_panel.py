"""The notes panel on its own, with a real AnnotationController and store (no main window):
the item note's text format, saving as one types, bookmarks, the list of my annotations."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from bundle_helpers import People, unlock
from gui_helpers import OFFSCREEN_NOISE
from notes_gui_helpers import commit_text, highlight_payload, type_text
from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QFont, QTextCursor, QTextDocument
from PySide6.QtWidgets import QAbstractItemView, QLineEdit
from pytestqt.qtbot import QtBot

from paperless.core.identity import UnlockedIdentity
from paperless.core.notes import AnnotationKind, NotesStore
from paperless.gui.annotations.controller import AnnotationController, store_session_id
from paperless.gui.notes.bookmarks import BookmarksTab
from paperless.gui.notes.context import NotesContext, NotesDocument
from paperless.gui.notes.note_text import set_note_text, to_note_text
from paperless.gui.notes.panel import ANNOTATIONS_TAB, BOOKMARKS_TAB, NotesPanel
from paperless.gui.tasks import Tasks

pytestmark = OFFSCREEN_NOISE
DOC_A = "a1" * 32
DOC_B = "b2" * 32
SESSION = "phien-12"
CONTEXT = NotesContext(SESSION, (
    NotesDocument(DOC_A, "documents/0001.age", "Báo cáo kết quả công tác quý IV/2023", 0, 0, 5),
    NotesDocument(DOC_B, "documents/0002.age", "Dự thảo Kế hoạch chuyển đổi số", 1, 1, 4),
))


@pytest.fixture(scope="module")
def an(people: People) -> UnlockedIdentity:
    return unlock(people.member("an"))


@pytest.fixture
def controller(qtbot: QtBot, tmp_path: Path, an: UnlockedIdentity) -> Iterator[AnnotationController]:
    c = AnnotationController(Tasks())
    with qtbot.waitSignal(c.ready, timeout=10_000):
        c.start(tmp_path / "lib", an, SESSION)
    yield c
    c.close()
    c.wait()


@pytest.fixture
def panel(qtbot: QtBot, controller: AnnotationController) -> NotesPanel:
    p = NotesPanel(controller)
    qtbot.addWidget(p)
    p.resize(320, 600)
    p.show()
    p.activateWindow()
    qtbot.waitUntil(p.isActiveWindow)  # window shortcuts (Ctrl+B …) need an active window
    p.set_context(CONTEXT)
    return p


def _label_editor(tab: BookmarksTab) -> QLineEdit:
    [editor] = [e for e in tab.tree.viewport().findChildren(QLineEdit) if e.isVisible()]
    return editor


# -- the note's text ------------------------------------------------------------------------------

@pytest.mark.parametrize("text", [
    "Đề nghị **làm rõ** kinh phí _năm 2025_",
    "- mục một\n- mục **hai**\n  - ý con\nđoạn thường\n\n\\- không phải gạch đầu dòng",
    "2 \\* 3 = 6; tên\\_tệp; c:\\\\thư mục",
    "Xin _chào_ **_bạn_** nhé",
    "",
])
def test_note_text_round_trips_exactly(qtbot: QtBot, text: str) -> None:
    doc = QTextDocument()
    set_note_text(doc, text)
    assert to_note_text(doc) == text


def test_note_text_of_typed_formatting(qtbot: QtBot) -> None:
    doc = QTextDocument()
    cursor = QTextCursor(doc)
    plain, bold = cursor.charFormat(), cursor.charFormat()
    bold.setFontWeight(QFont.Weight.Bold)
    cursor.insertText("Ý kiến: ", plain)
    cursor.insertText("đồng ý ", bold)
    cursor.insertText("với *dự thảo*", plain)
    text = to_note_text(doc)
    assert text == "Ý kiến: **đồng ý** với \\*dự thảo\\*"  # spaces outside the marks; a literal * escaped
    again = QTextDocument()
    set_note_text(again, text)
    assert again.toPlainText() == "Ý kiến: đồng ý với *dự thảo*"


# -- item notes -------------------------------------------------------------------------------------

def test_item_note_saves_after_a_pause_and_on_switching(qtbot: QtBot, panel: NotesPanel,
                                                        controller: AnnotationController, tmp_path: Path,
                                                        an: UnlockedIdentity) -> None:
    note = panel.item_note
    assert not note.editor.isEnabled()  # no item chosen yet
    note.set_item(0, "1. Báo cáo kết quả công tác quý IV/2023")
    assert note.editor.isEnabled() and note.heading.text() == "1. Báo cáo kết quả công tác quý IV/2023"
    note.editor.setFocus()
    type_text(note.editor, "Đề nghị ")
    qtbot.keyClick(note.editor, Qt.Key.Key_B, Qt.KeyboardModifier.ControlModifier)  # bold on
    assert note.bold.isChecked()
    commit_text(note.editor, "làm rõ")  # as an input method gives it
    qtbot.keyClick(note.editor, Qt.Key.Key_B, Qt.KeyboardModifier.ControlModifier)  # bold off
    type_text(note.editor, " kinh phí")
    assert note.status.text() == "Saving\u2026" and controller.item_note(0) == ""  # not before the pause
    qtbot.waitUntil(lambda: controller.item_note(0) == "Đề nghị **làm rõ** kinh phí", timeout=5000)
    qtbot.waitUntil(lambda: note.status.text() == "Saved")

    type_text(note.editor, " năm 2025")  # then straight to another item: saved at once
    note.set_item(1, "2. Dự thảo Kế hoạch chuyển đổi số")
    assert note.editor.toPlainText() == ""
    qtbot.keyClick(note.editor, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    type_text(note.editor, "Ý kiến thứ nhất")
    note.flush()  # what closing the session does
    qtbot.waitUntil(lambda: controller.item_note(1) == "- Ý kiến thứ nhất")
    assert controller.item_note(0) == "Đề nghị **làm rõ** kinh phí năm 2025"
    note.set_item(0, "1. Báo cáo")
    assert note.editor.toPlainText() == "Đề nghị làm rõ kinh phí năm 2025"
    controller.close()
    controller.wait()
    with NotesStore.open(tmp_path / "lib", an) as store:
        saved = store.item_note(store_session_id(SESSION), 1)
        assert saved is not None and saved.text == "- Ý kiến thứ nhất"


def test_a_failed_note_save_keeps_the_text_and_says_so(qtbot: QtBot, panel: NotesPanel,
                                                       controller: AnnotationController) -> None:
    note = panel.item_note
    note.set_item(0, "1. Báo cáo")
    failures: list[BaseException] = []
    controller.failed.connect(failures.append)
    real = controller.set_item_note
    controller.set_item_note = lambda i, t: QTimer.singleShot(  # type: ignore[method-assign]
        0, lambda: controller.failed.emit(OSError("disk full")))
    type_text(note.editor, "Không được mất")
    note.flush()
    qtbot.waitUntil(lambda: bool(failures))
    assert note.status.text() == "Not saved yet \u2014 trying again"
    assert note.pending() == {0: "Không được mất"}
    controller.set_item_note = real  # type: ignore[method-assign]
    note.set_item(1, "2. Kế hoạch")  # moving on: the text of item 0 is still sent
    qtbot.waitUntil(lambda: controller.item_note(0) == "Không được mất", timeout=5000)
    assert note.pending() == {}


# -- bookmarks -------------------------------------------------------------------------------------

def test_bookmarks_add_label_jump_delete(qtbot: QtBot, panel: NotesPanel, controller: AnnotationController) -> None:
    tab = panel.bookmarks
    panel.show_tab(BOOKMARKS_TAB)
    jumps: list[int] = []
    tab.jump_requested.connect(jumps.append)
    assert not tab.add_button.isEnabled()  # no document
    tab.set_document(DOC_A, "Báo cáo")
    tab.set_current_page(3)
    assert tab.empty.isVisibleTo(tab) and "Ctrl+D" in tab.empty.text()
    tab.add_current()
    qtbot.waitUntil(lambda: tab.tree.topLevelItemCount() == 1)
    row = tab.tree.topLevelItem(0)
    assert row is not None and row.text(0) == "Page 4" and row.text(1) == ""
    assert tab.tree.state() == QAbstractItemView.State.EditingState  # the label is open for typing
    qtbot.keyClick(_label_editor(tab), Qt.Key.Key_Return)  # no label: kept as it is
    qtbot.wait(1)  # (the editor hands the focus back to the list)
    tab.add_current()  # the same page again: no second bookmark
    tab.set_current_page(0)
    tab.add_current()
    qtbot.waitUntil(lambda: tab.tree.topLevelItemCount() == 2)
    qtbot.keyClick(_label_editor(tab), Qt.Key.Key_Escape)
    assert [b.page for b in controller.bookmarks(DOC_A)] == [0, 3]

    second = tab.tree.topLevelItem(1)
    assert second is not None
    tab.tree.setCurrentItem(second)
    before = [b.uuid for b in controller.bookmarks(DOC_A)]
    qtbot.keyClick(tab.tree, Qt.Key.Key_F2)  # rename
    type_text(_label_editor(tab), "Bảng 3 — số liệu")
    qtbot.keyClick(_label_editor(tab), Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: [b.label for b in controller.bookmarks(DOC_A)] == ["", "Bảng 3 — số liệu"])
    assert [b.uuid for b in controller.bookmarks(DOC_A)] == before  # the same bookmarks, renamed
    assert tab.tree.topLevelItem(1).text(1) == "Bảng 3 — số liệu"  # type: ignore[union-attr]

    rect = tab.tree.visualItemRect(tab.tree.topLevelItem(1))
    qtbot.mouseClick(tab.tree.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert jumps == [3]
    tab.tree.setCurrentItem(tab.tree.topLevelItem(0))
    qtbot.keyClick(tab.tree, Qt.Key.Key_Delete)
    qtbot.waitUntil(lambda: [b.page for b in controller.bookmarks(DOC_A)] == [3])
    tab.set_document(DOC_B, "Kế hoạch")  # another document: its own bookmarks
    assert tab.tree.topLevelItemCount() == 0


# -- my annotations -------------------------------------------------------------------------------

def _add(qtbot: QtBot, c: AnnotationController, doc: str, page: int, kind: AnnotationKind, color: str,
         payload: dict[str, object]) -> None:
    with qtbot.waitSignal(c.changed, timeout=5000):
        c.add(doc, page, kind, color, payload)


def test_annotation_list_filters_and_opens(qtbot: QtBot, panel: NotesPanel, controller: AnnotationController) -> None:
    tab = panel.annotations
    panel.show_tab(ANNOTATIONS_TAB)
    opened: list[str] = []
    tab.annotation_activated.connect(lambda a: opened.append(a.uuid))
    assert tab.empty.isVisibleTo(tab) and "not marked anything" in tab.empty.text()
    _add(qtbot, controller, DOC_B, 2, AnnotationKind.HIGHLIGHT, "#ffd400",
         highlight_payload(DOC_B, 2, "chuyển đổi số toàn diện"))
    _add(qtbot, controller, DOC_A, 4, AnnotationKind.NOTE, "#2e7d32", {"point": [50, 60], "text": "Hỏi lại số liệu"})
    _add(qtbot, controller, DOC_A, 1, AnnotationKind.UNDERLINE, "#0b61d8",
         highlight_payload(DOC_A, 1, "tăng trưởng 8,5%", comment="Nguồn?"))
    qtbot.waitUntil(lambda: len(tab.shown()) == 3)
    # agenda order: document A (pages 2, 5), then B
    assert [(a.doc_hash, a.page) for a in tab.shown()] == [(DOC_A, 1), (DOC_A, 4), (DOC_B, 2)]
    group = tab.tree.topLevelItem(0)
    assert group is not None and group.text(0) == "Báo cáo kết quả công tác quý IV/2023 (2)"
    first = group.child(0)
    assert first.text(0) == "Underline \u00b7 Page 2\n\u201ctăng trưởng 8,5%\u201d\nNguồn?"
    assert group.child(1).text(0) == "Sticky note \u00b7 Page 5\nHỏi lại số liệu"
    b_row = tab.tree.topLevelItem(1).child(0)  # type: ignore[union-attr]
    assert "\u201cchuyển đổi số toàn diện\u201d" in b_row.text(0) and "Page 3" in b_row.text(0)

    tab.kind_filter.setCurrentIndex(tab.kind_filter.findData("highlight"))
    assert [a.doc_hash for a in tab.shown()] == [DOC_B]
    tab.kind_filter.setCurrentIndex(0)
    tab.doc_filter.setCurrentIndex(tab.doc_filter.findData(DOC_A))
    assert [a.page for a in tab.shown()] == [1, 4]
    assert [tab.colour_filter.itemText(i) for i in range(tab.colour_filter.count())] == [
        "All colours", "Blue", "Green", "Yellow"]
    tab.colour_filter.setCurrentIndex(tab.colour_filter.findData("#2e7d32"))
    assert [a.kind for a in tab.shown()] == [AnnotationKind.NOTE]
    tab.colour_filter.setCurrentIndex(tab.colour_filter.findData("#ffd400"))  # yellow: only on document B
    assert tab.shown() == [] and tab.empty.text() == "Nothing matches these filters."
    tab.doc_filter.setCurrentIndex(0)
    tab.colour_filter.setCurrentIndex(0)

    row = tab.tree.topLevelItem(1).child(0)  # type: ignore[union-attr]
    tab.tree.scrollToItem(row)
    qtbot.mouseClick(tab.tree.viewport(), Qt.MouseButton.LeftButton, pos=tab.tree.visualItemRect(row).center())
    assert opened == [tab.shown()[2].uuid]

    with qtbot.waitSignal(controller.changed):  # live: a deletion leaves the list
        controller.delete(tab.shown()[0].uuid)
    qtbot.waitUntil(lambda: len(tab.shown()) == 2)


def test_a_note_as_plain_text_for_the_pdf_summary() -> None:
    from paperless.gui.notes.note_text import plain_note_text

    text = "**Đề nghị** làm rõ _kinh phí_\n- năm 2025\n  - quý I\nGiá 5\\*2"
    assert plain_note_text(text) == "Đề nghị làm rõ kinh phí\n• năm 2025\n    • quý I\nGiá 5*2"
