"""Sticky notes and text boxes through the GUI: placing, typing Vietnamese (key events carrying
the characters, and an input method's composition), saving as one change, editing, deleting,
undo and redo."""

from __future__ import annotations

import pytest
from annot_helpers import drag, ime_commit, make_view, open_doc, page_point, type_text, use_tool, wait_count
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLineEdit
from pytestqt.qtbot import QtBot

from paperless.core.notes import AnnotationKind
from paperless.core.render import RenderWorker
from paperless.demo.factory import DemoDocuments
from paperless.gui.annotations.controller import AnnotationController
from paperless.gui.annotations.tools import NOTE_ICON, PRESET_BY_NAME, TEXTBOX_FONT_SIZE, Tool

pytest_plugins = ["annot_fixtures"]

WAIT = 15_000


def test_a_sticky_note_is_placed_and_its_vietnamese_text_saved_once(
        qtbot: QtBot, worker: RenderWorker, controller: AnnotationController, demo: DemoDocuments) -> None:
    view = make_view(qtbot, worker, controller)
    key = open_doc(qtbot, view, demo.report)
    canvas, vp = view.canvas, view.canvas.viewport()
    canvas.setFocus()
    qtbot.keyClick(canvas, Qt.Key.Key_N)
    qtbot.mouseClick(vp, Qt.MouseButton.LeftButton, pos=page_point(view, 0, 560, 300))
    popup = view.annotating.editing.popup
    qtbot.waitUntil(popup.isVisible)
    assert popup.editor.hasFocus() and view.annotation_toolbar().tool() is Tool.SELECT  # one note per click
    type_text(popup.editor, "Cần làm rõ")
    ime_commit(popup.editor, "kinh", " kinh phí")  # as a Telex input method delivers it
    assert controller.annotations(key) == []  # nothing saved while typing
    qtbot.mouseClick(vp, Qt.MouseButton.LeftButton, pos=page_point(view, 0, 300, 200))  # elsewhere: done
    [note] = wait_count(qtbot, controller, key, 1)
    assert not popup.isVisible()
    assert note.kind is AnnotationKind.NOTE and note.page == 0
    assert note.payload["text"] == "Cần làm rõ kinh phí"
    x, y = note.payload["point"]  # the icon's top-left corner, centred on the click
    pixel = 1 / canvas.pages.scale
    assert (x + NOTE_ICON / 2, y + NOTE_ICON / 2) == pytest.approx((560, 300), abs=pixel)
    assert note.color == PRESET_BY_NAME["yellow"].light
    assert note.payload["anchor"]["rects"] == [[0, x, y, x + NOTE_ICON, y + NOTE_ICON]]
    # a click on the icon opens it again; an edit is one more change
    qtbot.mouseClick(vp, Qt.MouseButton.LeftButton, pos=page_point(view, 0, x + 10, y + 10))
    qtbot.waitUntil(popup.isVisible)
    assert popup.text() == "Cần làm rõ kinh phí"
    type_text(popup.editor, " năm 2025")
    qtbot.keyClick(popup.editor, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: controller.annotations(key)[0].payload["text"] == "Cần làm rõ kinh phí năm 2025",
                    timeout=WAIT)
    canvas.setFocus()
    qtbot.keyClick(canvas, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: controller.annotations(key)[0].payload["text"] == "Cần làm rõ kinh phí", timeout=WAIT)
    qtbot.keyClick(canvas, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    wait_count(qtbot, controller, key, 0)


def test_an_empty_note_is_not_kept_and_the_delete_button_deletes(
        qtbot: QtBot, worker: RenderWorker, controller: AnnotationController, demo: DemoDocuments) -> None:
    view = make_view(qtbot, worker, controller)
    key = open_doc(qtbot, view, demo.report)
    vp, popup = view.canvas.viewport(), view.annotating.editing.popup
    use_tool(view, Tool.NOTE)
    qtbot.mouseClick(vp, Qt.MouseButton.LeftButton, pos=page_point(view, 0, 560, 300))
    qtbot.waitUntil(popup.isVisible)
    assert not popup.delete_button.isVisible()  # nothing to delete yet
    qtbot.keyClick(popup.editor, Qt.Key.Key_Escape)
    assert not popup.isVisible()
    qtbot.wait(50)
    assert controller.annotations(key) == []
    use_tool(view, Tool.NOTE)
    qtbot.mouseClick(vp, Qt.MouseButton.LeftButton, pos=page_point(view, 0, 560, 300))
    qtbot.waitUntil(popup.isVisible)
    type_text(popup.editor, "Xem lại")
    qtbot.keyClick(popup.editor, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    [note] = wait_count(qtbot, controller, key, 1)
    assert note.payload["text"] == "Xem lại"
    view.annotating.editing.edit(note)
    qtbot.waitUntil(popup.isVisible)
    assert popup.delete_button.isVisible()
    qtbot.mouseClick(popup.delete_button, Qt.MouseButton.LeftButton)
    wait_count(qtbot, controller, key, 0)


def test_a_text_box_is_dragged_typed_and_edited(
        qtbot: QtBot, worker: RenderWorker, controller: AnnotationController, demo: DemoDocuments) -> None:
    view = make_view(qtbot, worker, controller)
    key = open_doc(qtbot, view, demo.report)
    canvas, vp = view.canvas, view.canvas.viewport()
    canvas.setFocus()
    qtbot.keyClick(canvas, Qt.Key.Key_T)
    drag(qtbot, vp, [page_point(view, 0, 330, 110), page_point(view, 0, 440, 120),
                     page_point(view, 0, 545, 125)])
    editor = view.annotating.editing.box_editor
    qtbot.waitUntil(editor.isVisible)
    assert editor.hasFocus()
    type_text(editor, "Đề nghị bổ sung số liệu")
    qtbot.keyClick(editor, Qt.Key.Key_Escape)
    [box] = wait_count(qtbot, controller, key, 1)
    assert box.kind is AnnotationKind.TEXTBOX and box.payload["text"] == "Đề nghị bổ sung số liệu"
    assert box.payload["font_size"] == TEXTBOX_FONT_SIZE
    assert box.color == PRESET_BY_NAME["blue"].strong
    x0, y0, x1, y1 = box.payload["rect"]
    pixel = 1 / canvas.pages.scale
    assert (x0, y0, x1) == pytest.approx((330, 110, 545), abs=pixel)
    assert y1 >= 125 - pixel and y1 - y0 >= TEXTBOX_FONT_SIZE  # grown to fit its text if needed
    assert view.annotation_toolbar().tool() is Tool.SELECT
    # double-click: edit in place; the box is not drawn twice meanwhile
    qtbot.mouseDClick(vp, Qt.MouseButton.LeftButton, pos=page_point(view, 0, x0 + 20, y0 + 8))
    qtbot.waitUntil(editor.isVisible)
    assert editor.toPlainText() == "Đề nghị bổ sung số liệu" and box.uuid in view.annotating.hidden
    type_text(editor, " quý IV")
    canvas.setFocus()  # the focus leaves: done
    qtbot.waitUntil(lambda: controller.annotations(key)[0].payload["text"] == "Đề nghị bổ sung số liệu quý IV",
                    timeout=WAIT)
    assert box.uuid not in view.annotating.hidden
    # emptied: deleted
    view.annotating.editing.edit(controller.annotations(key)[0])
    qtbot.waitUntil(editor.isVisible)
    editor.selectAll()
    qtbot.keyClick(editor, Qt.Key.Key_Delete)
    qtbot.keyClick(editor, Qt.Key.Key_Escape)
    wait_count(qtbot, controller, key, 0)
    qtbot.keyClick(canvas, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    [back] = wait_count(qtbot, controller, key, 1)
    assert back.payload["text"] == "Đề nghị bổ sung số liệu quý IV"


def test_a_click_with_the_text_box_tool_makes_a_box_of_the_default_size(
        qtbot: QtBot, worker: RenderWorker, controller: AnnotationController, demo: DemoDocuments) -> None:
    view = make_view(qtbot, worker, controller)
    key = open_doc(qtbot, view, demo.report)
    use_tool(view, Tool.TEXTBOX)
    qtbot.mouseClick(view.canvas.viewport(), Qt.MouseButton.LeftButton, pos=page_point(view, 0, 100, 110))
    editor = view.annotating.editing.box_editor
    qtbot.waitUntil(editor.isVisible)
    type_text(editor, "Ý kiến")
    qtbot.keyClick(editor, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    [box] = wait_count(qtbot, controller, key, 1)
    x0, y0, x1, y1 = box.payload["rect"]
    assert x1 - x0 > 100 and y1 - y0 >= TEXTBOX_FONT_SIZE


def test_focus_going_elsewhere_saves_the_note_and_stays_there(
        qtbot: QtBot, worker: RenderWorker, controller: AnnotationController, demo: DemoDocuments) -> None:
    view = make_view(qtbot, worker, controller)
    key = open_doc(qtbot, view, demo.report)
    other = QLineEdit(view)  # another panel of the window (the agenda, the search field …)
    other.setGeometry(0, 0, 120, 24)
    other.show()
    use_tool(view, Tool.NOTE)
    qtbot.mouseClick(view.canvas.viewport(), Qt.MouseButton.LeftButton, pos=page_point(view, 0, 560, 300))
    popup = view.annotating.editing.popup
    qtbot.waitUntil(popup.isVisible)
    type_text(popup.editor, "Hỏi lại Sở Tài chính")
    qtbot.mouseClick(other, Qt.MouseButton.LeftButton)
    [note] = wait_count(qtbot, controller, key, 1)
    assert note.payload["text"] == "Hỏi lại Sở Tài chính"
    assert other.hasFocus()  # the focus is not taken back
    view.annotating.editing.edit(note)
    qtbot.waitUntil(popup.isVisible)
    type_text(popup.editor, "!")
    view.finish_annotation_editing()  # the window closes: what was typed is saved
    qtbot.waitUntil(lambda: controller.annotations(key)[0].payload["text"] == "Hỏi lại Sở Tài chính!", timeout=WAIT)
