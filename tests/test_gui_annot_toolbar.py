"""AnnotationToolBar: one exclusive group of tools with shortcuts shown in their tooltips,
names for screen readers, icons from resources/icons, per-tool colours (no black highlighter),
pen widths, undo/redo following the controller, tools off without a document or a store."""

from __future__ import annotations

from annot_helpers import make_view, open_doc, use_tool
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QKeySequence
from PySide6.QtWidgets import QToolButton
from pytestqt.qtbot import QtBot

from paperless.core.render import RenderWorker
from paperless.demo.factory import DemoDocuments
from paperless.gui.annotations.controller import AnnotationController
from paperless.gui.annotations.toolbar import ICONS, SHORTCUTS, AnnotationToolBar
from paperless.gui.annotations.tools import Tool
from paperless.gui.icons import Icons
from paperless.resources import resource_path

pytest_plugins = ["annot_fixtures"]


def test_tools_shortcuts_tooltips_names_and_icons(qtbot: QtBot) -> None:
    bar = AnnotationToolBar()
    qtbot.addWidget(bar)
    bar.set_icons(Icons(resource_path("icons")), QColor(30, 30, 30))
    assert bar.tools.isExclusive() and bar.tool() is Tool.SELECT
    keys = set()
    for tool, action in bar.tool_actions.items():
        key = action.shortcut().toString(QKeySequence.SequenceFormat.NativeText)
        assert key == SHORTCUTS[tool] and key in action.toolTip()
        keys.add(key)
        assert not action.icon().isNull(), ICONS[tool]
        button = bar.widgetForAction(action)
        assert isinstance(button, QToolButton) and button.accessibleName() == action.text() != ""
    assert len(keys) == len(Tool)
    assert "Ctrl+Z" in bar.undo_action.toolTip() and not bar.undo_action.icon().isNull()
    assert {k.toString() for k in bar.redo_action.shortcuts()} == {"Ctrl+Shift+Z", "Ctrl+Y"}
    assert bar.color_button.accessibleName() and bar.width_button.accessibleName()


def test_each_tool_has_its_colour_and_the_highlighter_no_black(qtbot: QtBot) -> None:
    bar = AnnotationToolBar()
    qtbot.addWidget(bar)
    changed: list[str] = []
    bar.tool_changed.connect(changed.append)
    bar.set_tool(Tool.HIGHLIGHT)
    assert changed == ["highlight"] and bar.color_actions["yellow"].isChecked()
    assert not bar.color_actions["black"].isEnabled()
    assert not bar.width_button.isEnabled()  # the pen's width: not for the highlighter
    bar.color_actions["green"].trigger()
    bar.set_tool(Tool.INK)
    assert bar.color_actions["red"].isChecked() and bar.color_actions["black"].isEnabled()
    assert bar.width_button.isEnabled()
    bar.width_actions[6.0].trigger()
    assert bar.pen_width() == 6.0
    bar.set_tool(Tool.HIGHLIGHT)
    assert bar.preset() == "green"  # remembered per tool


def test_tools_are_off_without_a_store_or_a_document(qtbot: QtBot, worker: RenderWorker,
                                                     controller: AnnotationController, demo: DemoDocuments) -> None:
    view = make_view(qtbot, worker, None)
    bar = view.annotation_toolbar()
    assert not bar.tools_enabled()
    open_doc_without = view.set_document
    with qtbot.waitSignal(view.document_loaded, timeout=15_000):
        open_doc_without("d", demo.report.read_bytes(), title="t", watermark=None, allow_copy=True, doc_hash="")
    assert not bar.tools_enabled()  # no store, no key: nothing could be saved
    view.set_annotations(controller)
    open_doc(qtbot, view, demo.report)
    assert bar.tools_enabled()
    use_tool(view, Tool.INK)
    view.clear()
    assert not bar.tools_enabled() and view.annotating.tool() is Tool.SELECT
    view.canvas.setFocus()
    qtbot.keyClick(view.canvas, Qt.Key.Key_H)  # no document: the key does nothing
    assert not view.canvas.pointer.forced
