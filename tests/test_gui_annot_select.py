"""The Select tool on annotations: click to select, drag to move, drag a handle to resize,
recolour from the toolbar and the context menu, Delete; each change one undo step; Esc; and
``DocumentView.go_to_annotation`` (the notes panel's "jump to")."""

from __future__ import annotations

import math

import pytest
from annot_helpers import drag, make_view, open_doc, page_point, type_text, use_tool, wait_count
from PySide6.QtCore import QPoint, Qt
from pytestqt.qtbot import QtBot

from paperless.core.anchoring import Anchor, PageRect
from paperless.core.notes import Annotation, AnnotationKind, StickyNote
from paperless.core.render import RenderWorker
from paperless.demo.factory import DemoDocuments
from paperless.gui.annotations.controller import AnnotationController
from paperless.gui.annotations.tools import PRESET_BY_NAME, Tool
from paperless.gui.viewer import DocumentView

pytest_plugins = ["annot_fixtures"]

WAIT = 15_000


def draw_ink(qtbot: QtBot, view: DocumentView, controller: AnnotationController, key: str) -> Annotation:
    use_tool(view, Tool.INK)
    path = [(150 + 2 * i, 330 + 12 * math.sin(i / 4)) for i in range(50)]
    drag(qtbot, view.canvas.viewport(), [page_point(view, 0, x, y) for x, y in path])
    [ink] = wait_count(qtbot, controller, key, 1)
    use_tool(view, Tool.SELECT)
    return ink


def on_stroke(view: DocumentView, ink: Annotation) -> QPoint:
    x, y = ink.payload["strokes"][0][len(ink.payload["strokes"][0]) // 2]
    return page_point(view, 0, x, y)


def key(qtbot: QtBot, view: DocumentView, k: Qt.Key, mods: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier
        ) -> None:
    view.canvas.setFocus()
    qtbot.keyClick(view.canvas, k, mods)


def test_drag_moves_ink_and_undo_puts_it_back(qtbot: QtBot, worker: RenderWorker,
                                               controller: AnnotationController, demo: DemoDocuments) -> None:
    view = make_view(qtbot, worker, controller)
    doc = open_doc(qtbot, view, demo.report)
    ink = draw_ink(qtbot, view, controller, doc)
    vp = view.canvas.viewport()
    start = on_stroke(view, ink)
    qtbot.mouseClick(vp, Qt.MouseButton.LeftButton, pos=start)
    assert view.annotating.selected == ink.uuid
    selected: list[str] = []
    view.annotation_selected.connect(selected.append)
    drag(qtbot, vp, [start, start + QPoint(20, 10), start + QPoint(60, 40)])
    # (the stroke's strokes, not its clock: completing its anchor once the text loads is a change too)
    qtbot.waitUntil(lambda: controller.annotations(doc)[0].payload["strokes"] != ink.payload["strokes"], timeout=WAIT)
    moved = controller.annotations(doc)[0]
    scale = view.canvas.pages.scale
    dx, dy = 60 / scale, 40 / scale
    for before, after in zip(ink.payload["strokes"][0], moved.payload["strokes"][0], strict=True):
        assert after == pytest.approx([before[0] + dx, before[1] + dy], abs=0.02)
    old_rect, new_rect = ink.payload["anchor"]["rects"][0], moved.payload["anchor"]["rects"][0]
    assert new_rect[1:] == pytest.approx([old_rect[1] + dx, old_rect[2] + dy, old_rect[3] + dx, old_rect[4] + dy],
                                         abs=0.02)
    assert view.annotating.preview is None and not view.annotating.hidden
    assert selected == []  # still the same one selected
    key(qtbot, view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)  # one step
    qtbot.waitUntil(lambda: controller.annotations(doc)[0].payload["strokes"] == ink.payload["strokes"], timeout=WAIT)


def test_a_handle_resizes_a_text_box(qtbot: QtBot, worker: RenderWorker, controller: AnnotationController,
                                     demo: DemoDocuments) -> None:
    view = make_view(qtbot, worker, controller)
    doc = open_doc(qtbot, view, demo.report)
    use_tool(view, Tool.TEXTBOX)
    vp = view.canvas.viewport()
    drag(qtbot, vp, [page_point(view, 0, 330, 110), page_point(view, 0, 500, 130)])
    editor = view.annotating.editing.box_editor
    qtbot.waitUntil(editor.isVisible)
    type_text(editor, "Ghi chú")
    qtbot.keyClick(editor, Qt.Key.Key_Escape)
    [box] = wait_count(qtbot, controller, doc, 1)
    x0, y0, x1, y1 = box.payload["rect"]
    qtbot.mouseClick(vp, Qt.MouseButton.LeftButton, pos=page_point(view, 0, x0 + 10, y0 + 5))
    assert view.annotating.selected == box.uuid
    handle = page_point(view, 0, x1, y1) + QPoint(3, 3)  # bottom-right, just outside the frame
    drag(qtbot, vp, [handle, handle + QPoint(30, 20), handle + QPoint(60, 45)])
    qtbot.waitUntil(lambda: controller.annotations(doc)[0].payload["rect"] != box.payload["rect"], timeout=WAIT)
    scale = view.canvas.pages.scale
    assert controller.annotations(doc)[0].payload["rect"] == pytest.approx([x0, y0, x1 + 60 / scale,
                                                                           y1 + 45 / scale], abs=0.05)
    assert controller.annotations(doc)[0].payload["text"] == "Ghi chú"


def test_recolour_from_the_toolbar_and_the_menu_then_delete(
        qtbot: QtBot, worker: RenderWorker, controller: AnnotationController, demo: DemoDocuments) -> None:
    view = make_view(qtbot, worker, controller)
    doc = open_doc(qtbot, view, demo.report)
    ink = draw_ink(qtbot, view, controller, doc)
    vp, toolbar = view.canvas.viewport(), view.annotation_toolbar()
    assert not toolbar.color_button.isEnabled()  # nothing selected: no colour to choose
    qtbot.mouseClick(vp, Qt.MouseButton.LeftButton, pos=on_stroke(view, ink))
    assert toolbar.color_button.isEnabled() and toolbar.color_actions["red"].isChecked()
    toolbar.color_actions["green"].trigger()
    qtbot.waitUntil(lambda: controller.annotations(doc)[0].color == PRESET_BY_NAME["green"].strong, timeout=WAIT)
    assert toolbar.preset(Tool.INK) == "green"  # and the pen draws green from now on
    menu = view.annotating.menu(controller.annotations(doc)[0], 0)
    [colours] = [a.menu() for a in menu.actions() if a.menu() is not None]
    [blue] = [a for a in colours.actions() if a.data() == "blue"]
    blue.trigger()
    qtbot.waitUntil(lambda: controller.annotations(doc)[0].color == PRESET_BY_NAME["blue"].strong, timeout=WAIT)
    key(qtbot, view, Qt.Key.Key_Delete)
    wait_count(qtbot, controller, doc, 0)
    assert view.annotating.selected is None
    key(qtbot, view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    [back] = wait_count(qtbot, controller, doc, 1)
    assert back.color == PRESET_BY_NAME["blue"].strong
    key(qtbot, view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: controller.annotations(doc)[0].color == PRESET_BY_NAME["green"].strong, timeout=WAIT)
    menu = view.annotating.menu(controller.annotations(doc)[0], 0)
    [delete] = [a for a in menu.actions() if a.objectName() == "annotationDelete"]
    delete.trigger()
    wait_count(qtbot, controller, doc, 0)


def test_esc_lets_go_of_the_selection_then_of_the_tool(
        qtbot: QtBot, worker: RenderWorker, controller: AnnotationController, demo: DemoDocuments) -> None:
    view = make_view(qtbot, worker, controller)
    doc = open_doc(qtbot, view, demo.report)
    ink = draw_ink(qtbot, view, controller, doc)
    qtbot.mouseClick(view.canvas.viewport(), Qt.MouseButton.LeftButton, pos=on_stroke(view, ink))
    assert view.annotating.selected == ink.uuid
    key(qtbot, view, Qt.Key.Key_Escape)
    assert view.annotating.selected is None
    key(qtbot, view, Qt.Key.Key_P)
    assert view.annotation_toolbar().tool() is Tool.INK
    key(qtbot, view, Qt.Key.Key_Escape)
    assert view.annotation_toolbar().tool() is Tool.SELECT


def test_go_to_annotation_scrolls_to_it_and_selects_it(
        qtbot: QtBot, worker: RenderWorker, controller: AnnotationController, demo: DemoDocuments) -> None:
    view = make_view(qtbot, worker, controller)
    doc = open_doc(qtbot, view, demo.report)
    anchor = Anchor(doc_hash=doc, page=3, rects=(PageRect(3, 100, 600, 140, 620),))
    made: list[Annotation] = []
    controller.add(doc, 3, AnnotationKind.NOTE, "#ffe14d", {"anchor": anchor.to_dict(), "point": [100, 600],
                                                           "text": "Trang 4"}, on_done=made.append)
    qtbot.waitUntil(lambda: bool(made), timeout=WAIT)
    assert view.current_page() == 0
    with qtbot.waitSignal(view.annotation_selected, timeout=WAIT) as signal:
        assert view.go_to_annotation(made[0])
    assert signal.args == [made[0].uuid]
    assert view.current_page() == 3 and view.annotating.selected == made[0].uuid
    spot = view.canvas.page_target(3)
    y = spot.y() + 610 * view.canvas.pages.scale
    assert 0 <= y <= view.canvas.viewport().height()  # on screen
    other = Annotation("x", "me", "s", "f" * 64, 0, AnnotationKind.NOTE, None, StickyNote(point=(0, 0)), "", "", False)
    assert not view.go_to_annotation(other)  # another document's


def test_go_to_annotation_while_the_document_opens(
        qtbot: QtBot, worker: RenderWorker, controller: AnnotationController, demo: DemoDocuments) -> None:
    view = make_view(qtbot, worker, controller)
    doc = open_doc(qtbot, view, demo.report)
    anchor = Anchor(doc_hash=doc, page=2, rects=(PageRect(2, 100, 300, 140, 320),))
    made: list[Annotation] = []
    controller.add(doc, 2, AnnotationKind.NOTE, "#ffe14d", {"anchor": anchor.to_dict(), "point": [100, 300],
                                                           "text": "Trang 3"}, on_done=made.append)
    qtbot.waitUntil(lambda: bool(made), timeout=WAIT)
    data = demo.report.read_bytes()
    view.set_document("documents/0002.age", data, title="Lại", watermark=None, allow_copy=True, doc_hash=doc)
    assert view.go_to_annotation(made[0])  # remembered until the pages are laid out
    qtbot.waitUntil(lambda: view.current_page() == 2, timeout=WAIT)
    assert view.annotating.selected == made[0].uuid
