"""The text size of text boxes: chosen for new boxes with the Text box tool, changed while
typing (the size menu does not end the typing), and changed on a selected box as one undoable
change that grows the box to fit; the button is off for the other tools."""

from __future__ import annotations

import pytest
from annot_helpers import make_view, open_doc, page_point, type_text, use_tool, wait_count
from PySide6.QtCore import QPoint, Qt
from pytestqt.qtbot import QtBot

from paperless.core.notes import AnnotationKind
from paperless.core.render import RenderWorker
from paperless.demo.factory import DemoDocuments
from paperless.gui.annotations.controller import AnnotationController
from paperless.gui.annotations.shapes import text_height
from paperless.gui.annotations.tools import TEXTBOX_FONT_SIZE, Tool
from paperless.gui.viewer import DocumentView

pytest_plugins = ["annot_fixtures"]

WAIT = 15_000
TEXT = "Đề nghị Sở Tài chính bổ sung số liệu quý IV trước phiên họp"


def new_box(qtbot: QtBot, view: DocumentView, text: str) -> None:
    use_tool(view, Tool.TEXTBOX)
    qtbot.mouseClick(view.canvas.viewport(), Qt.MouseButton.LeftButton, pos=page_point(view, 0, 100, 110))
    editor = view.annotating.editing.box_editor
    qtbot.waitUntil(editor.isVisible)
    type_text(editor, text)


def test_new_boxes_take_the_chosen_size_and_the_button_is_for_text_boxes(
        qtbot: QtBot, worker: RenderWorker, controller: AnnotationController, demo: DemoDocuments) -> None:
    view = make_view(qtbot, worker, controller)
    key = open_doc(qtbot, view, demo.report)
    bar = view.annotation_toolbar()
    use_tool(view, Tool.INK)
    assert not bar.text_size.isEnabled() and bar.width_button.isEnabled()
    use_tool(view, Tool.TEXTBOX)
    assert bar.text_size.isEnabled() and not bar.width_button.isEnabled()
    assert bar.text_size.points() == TEXTBOX_FONT_SIZE and bar.text_size.text() == "12 pt"
    bar.text_size.actions_[18.0].trigger()
    assert bar.text_size.text() == "18 pt" and "18 pt" in bar.text_size.toolTip()
    new_box(qtbot, view, TEXT)
    qtbot.keyClick(view.annotating.editing.box_editor, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    [box] = wait_count(qtbot, controller, key, 1)
    assert box.payload["font_size"] == 18.0
    x0, y0, x1, y1 = box.payload["rect"]
    assert y1 - y0 >= text_height(TEXT, 18.0, x1 - x0) - 0.01


# A real popup menu: the offscreen platform cannot raise it or grab the keyboard, and says so.
@pytest.mark.qt_log_ignore("This plugin does not support raise", "This plugin does not support grabbing the keyboard")
def test_the_size_menu_changes_the_box_being_typed_without_ending_it(
        qtbot: QtBot, worker: RenderWorker, controller: AnnotationController, demo: DemoDocuments) -> None:
    view = make_view(qtbot, worker, controller)
    key = open_doc(qtbot, view, demo.report)
    bar = view.annotation_toolbar()
    new_box(qtbot, view, "Ý kiến")
    editor = view.annotating.editing.box_editor
    before = editor.font().pixelSize()
    menu = bar.text_size.menu_
    menu.popup(bar.text_size.mapToGlobal(QPoint(0, bar.text_size.height())))
    qtbot.waitUntil(menu.isVisible)
    assert editor.isVisible()  # the menu took the focus: typing goes on
    menu.actions()[-1].trigger()  # 24 pt
    menu.close()
    assert editor.isVisible() and editor.font().pixelSize() > 1.8 * before
    qtbot.keyClick(editor, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    [box] = wait_count(qtbot, controller, key, 1)
    assert box.payload["font_size"] == 24.0 and box.payload["text"] == "Ý kiến"


def test_a_selected_box_changes_size_as_one_undoable_change(
        qtbot: QtBot, worker: RenderWorker, controller: AnnotationController, demo: DemoDocuments) -> None:
    view = make_view(qtbot, worker, controller)
    key = open_doc(qtbot, view, demo.report)
    bar = view.annotation_toolbar()
    with qtbot.waitSignal(controller.changed, timeout=WAIT):
        controller.add(key, 0, AnnotationKind.TEXTBOX, "#1565c0",
                       {"rect": [90.0, 300.0, 300.0, 330.0], "text": TEXT, "font_size": 10.0})
    qtbot.waitUntil(lambda: len(controller.annotations(key)) == 1, timeout=WAIT)
    [box] = controller.annotations(key)
    use_tool(view, Tool.SELECT)
    assert not bar.text_size.isEnabled()  # nothing selected
    view.annotating.select(box.uuid)
    assert bar.text_size.isEnabled() and bar.text_size.points() == 10.0
    bar.text_size.actions_[24.0].trigger()
    qtbot.waitUntil(lambda: controller.annotations(key)[0].payload["font_size"] == 24.0, timeout=WAIT)
    [big] = controller.annotations(key)
    x0, y0, x1, y1 = big.payload["rect"]
    assert (x0, y0, x1) == (90.0, 300.0, 300.0) and y1 - y0 >= text_height(TEXT, 24.0, 210.0) - 0.01 > 30
    assert big.payload["text"] == TEXT and bar.text_size.points() == 24.0
    view.canvas.setFocus()
    qtbot.keyClick(view.canvas, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: controller.annotations(key)[0].payload["font_size"] == 10.0, timeout=WAIT)
    assert controller.annotations(key)[0].payload["rect"] == [90.0, 300.0, 300.0, 330.0]
