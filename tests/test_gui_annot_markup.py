"""Highlight, underline and strike-out through the GUI (offscreen Qt, real render worker, real
encrypted store): dragging with a markup tool, or a selection then the tool's key; the quote and
the line rectangles; a policy that forbids copying; undo and redo with the keyboard."""

from __future__ import annotations

import time

import pytest
from annot_helpers import (
    drag,
    line_boxes,
    make_view,
    open_doc,
    page_point,
    pdf_words,
    use_tool,
    wait_count,
)
from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QGuiApplication
from pytestqt.qtbot import QtBot

from paperless.core.anchoring import normalise
from paperless.core.notes import AnnotationKind
from paperless.core.render import Priority, RenderWorker
from paperless.demo.factory import DemoDocuments
from paperless.gui.annotations.controller import AnnotationController
from paperless.gui.annotations.tools import PRESET_BY_NAME, Tool

pytest_plugins = ["annot_fixtures"]  # fixtures: demo, an, worker, controller

# report.pdf, page 1: the paragraph "Ban Thường vụ Tỉnh ủy đã lãnh đạo …", block 10, lines 0-2
BLOCK, LINES = 10, (0, 1, 2)


def paragraph(demo: DemoDocuments) -> list[tuple[float, float, float, float, str, int, int]]:
    return [w for w in pdf_words(demo.report, 0) if w[5] == BLOCK and w[6] in LINES]


def expected_quote(words: list[tuple[float, float, float, float, str, int, int]]) -> str:
    lines: dict[int, list[str]] = {}
    for w in words:
        lines.setdefault(w[6], []).append(w[4])
    return "\n".join(" ".join(ws) for ws in lines.values())


def across_paragraph(view, demo: DemoDocuments) -> list[QPoint]:  # type: ignore[no-untyped-def]
    """From inside the paragraph's first word to inside its third line's last word."""
    words = paragraph(demo)
    first, last = words[0], words[-1]
    start = page_point(view, 0, first[0] + 1, (first[1] + first[3]) / 2)
    end = page_point(view, 0, last[2] - 1, (last[1] + last[3]) / 2)
    middle = QPoint((start.x() + end.x()) // 2, (start.y() + end.y()) // 2)
    return [start, middle, end]


def test_dragging_with_the_highlighter_marks_the_lines_and_quotes_the_text(
        qtbot: QtBot, worker: RenderWorker, controller: AnnotationController, demo: DemoDocuments) -> None:
    view = make_view(qtbot, worker, controller)
    key = open_doc(qtbot, view, demo.report)
    use_tool(view, Tool.HIGHLIGHT)
    drag(qtbot, view.canvas.viewport(), across_paragraph(view, demo))
    [made] = wait_count(qtbot, controller, key, 1)
    words = paragraph(demo)
    assert made.kind is AnnotationKind.HIGHLIGHT and made.page == 0
    assert made.payload["quote"] == expected_quote(words)
    assert made.color == PRESET_BY_NAME["yellow"].light
    anchor = made.payload["anchor"]
    assert anchor["quote"]["exact"] == normalise(expected_quote(words))
    rects = anchor["rects"]
    assert [r[0] for r in rects] == [0, 0, 0]  # one rectangle per line, all on page 1
    for got, want in zip(rects, line_boxes(words), strict=True):
        assert got[1:] == pytest.approx(list(want), abs=0.01)
    assert view.canvas.selection == {}  # the selection became the highlight
    assert view.annotation_toolbar().tool() is Tool.HIGHLIGHT  # the tool stays for the next one


def test_a_selection_then_the_key_marks_it_up_and_keeps_the_select_tool(
        qtbot: QtBot, worker: RenderWorker, controller: AnnotationController, demo: DemoDocuments) -> None:
    view = make_view(qtbot, worker, controller)
    key = open_doc(qtbot, view, demo.report)
    canvas = view.canvas
    words = paragraph(demo)
    r = canvas.pages.rect(0)
    s = canvas.pages.scale
    canvas.select_band(QPointF(r.x + 80 * s, r.y + (words[0][1] + 2) * s),
                       QPointF(r.x + 548 * s, r.y + (words[-1][3] - 2) * s))  # whole lines
    qtbot.waitUntil(lambda: bool(canvas.selection), timeout=15_000)
    text = view.selected_text()
    assert text == expected_quote(words)
    canvas.setFocus()
    qtbot.keyClick(canvas, Qt.Key.Key_U)
    [made] = wait_count(qtbot, controller, key, 1)
    assert made.kind is AnnotationKind.UNDERLINE and made.payload["quote"] == text
    assert made.color == PRESET_BY_NAME["blue"].strong
    assert view.annotation_toolbar().tool() is Tool.SELECT and canvas.selection == {}


def test_strike_out_one_line(qtbot: QtBot, worker: RenderWorker, controller: AnnotationController,
                             demo: DemoDocuments) -> None:
    view = make_view(qtbot, worker, controller)
    key = open_doc(qtbot, view, demo.report)
    view.canvas.setFocus()
    qtbot.keyClick(view.canvas, Qt.Key.Key_S)
    assert view.annotation_toolbar().tool() is Tool.STRIKEOUT
    line = [w for w in paragraph(demo) if w[6] == 1]
    start = page_point(view, 0, line[2][0] + 1, (line[2][1] + line[2][3]) / 2)
    end = page_point(view, 0, line[4][2] - 1, (line[4][1] + line[4][3]) / 2)
    drag(qtbot, view.canvas.viewport(), [start, end])
    [made] = wait_count(qtbot, controller, key, 1)
    assert made.kind is AnnotationKind.STRIKEOUT
    assert made.payload["quote"] == " ".join(w[4] for w in line[2:5])
    [rect] = made.payload["anchor"]["rects"]
    assert rect[1:] == pytest.approx([line[2][0], min(w[1] for w in line[2:5]), line[4][2],
                                      max(w[3] for w in line[2:5])], abs=0.01)


def test_markup_works_when_copying_is_forbidden_but_copies_nothing(
        qtbot: QtBot, worker: RenderWorker, controller: AnnotationController, demo: DemoDocuments) -> None:
    view = make_view(qtbot, worker, controller)
    key = open_doc(qtbot, view, demo.report, allow_copy=False)
    canvas, vp = view.canvas, view.canvas.viewport()
    points = across_paragraph(view, demo)
    drag(qtbot, vp, points)  # the Select tool: selecting is not allowed
    assert canvas.selection == {}
    QGuiApplication.clipboard().setText("trước")
    use_tool(view, Tool.HIGHLIGHT)
    canvas.setFocus()
    qtbot.mousePress(vp, Qt.MouseButton.LeftButton, pos=points[0])
    qtbot.mouseMove(vp, points[1])
    qtbot.mouseMove(vp, points[2])
    qtbot.waitUntil(lambda: bool(canvas.selection), timeout=15_000)  # the markup tool selects words …
    qtbot.keyClick(canvas, Qt.Key.Key_C, Qt.KeyboardModifier.ControlModifier)
    assert QGuiApplication.clipboard().text() == "trước"  # … that cannot be copied
    assert not view.copy_selection()
    qtbot.mouseRelease(vp, Qt.MouseButton.LeftButton, pos=points[2])
    [made] = wait_count(qtbot, controller, key, 1)
    assert made.payload["quote"] == expected_quote(paragraph(demo))
    assert QGuiApplication.clipboard().text() == "trước"
    use_tool(view, Tool.SELECT)
    assert not canvas.pointer.forced and not canvas.pointer.selectable


def test_undo_and_redo_with_the_keyboard(qtbot: QtBot, worker: RenderWorker, controller: AnnotationController,
                                         demo: DemoDocuments) -> None:
    view = make_view(qtbot, worker, controller)
    key = open_doc(qtbot, view, demo.report)
    toolbar = view.annotation_toolbar()
    assert not toolbar.undo_action.isEnabled() and not toolbar.redo_action.isEnabled()
    use_tool(view, Tool.HIGHLIGHT)
    drag(qtbot, view.canvas.viewport(), across_paragraph(view, demo))
    wait_count(qtbot, controller, key, 1)
    qtbot.waitUntil(toolbar.undo_action.isEnabled)
    canvas = view.canvas
    canvas.setFocus()
    qtbot.keyClick(canvas, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    wait_count(qtbot, controller, key, 0)
    qtbot.waitUntil(toolbar.redo_action.isEnabled)
    qtbot.keyClick(canvas, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    wait_count(qtbot, controller, key, 1)
    qtbot.keyClick(canvas, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    wait_count(qtbot, controller, key, 0)
    qtbot.keyClick(canvas, Qt.Key.Key_Y, Qt.KeyboardModifier.ControlModifier)
    [back] = wait_count(qtbot, controller, key, 1)
    assert back.kind is AnnotationKind.HIGHLIGHT


def test_the_first_markup_waits_for_the_text_without_blocking_and_shows_a_busy_cursor(
        qtbot: QtBot, worker: RenderWorker, controller: AnnotationController, demo: DemoDocuments) -> None:
    view = make_view(qtbot, worker, controller)
    key = open_doc(qtbot, view, demo.report)
    assert view.annotating.texts.text is None  # nothing asked yet
    view.requests.need_words(0)  # the page's words are there (for the selection), not the document's text
    qtbot.waitUntil(lambda: 0 in view.canvas.words, timeout=15_000)
    # the worker is busy with something slow (a big scan): the document's text comes late
    worker.call("documents/0001.age", lambda _d: time.sleep(0.8), lambda _v, _e: None, Priority.VISIBLE)
    qtbot.wait(50)
    use_tool(view, Tool.HIGHLIGHT)
    started = time.monotonic()
    drag(qtbot, view.canvas.viewport(), across_paragraph(view, demo))
    assert time.monotonic() - started < 0.5  # the GUI thread did not wait
    assert view.annotating.texts.loading and controller.annotations(key) == []
    qtbot.waitUntil(lambda: QGuiApplication.overrideCursor() is not None, timeout=2_000)
    assert QGuiApplication.overrideCursor().shape() == Qt.CursorShape.BusyCursor
    [made] = wait_count(qtbot, controller, key, 1)
    assert made.payload["quote"] == expected_quote(paragraph(demo))
    assert QGuiApplication.overrideCursor() is None


def test_a_narrow_band_selection_marks_up_the_text_from_its_first_word_to_its_last(
        qtbot: QtBot, worker: RenderWorker, controller: AnnotationController, demo: DemoDocuments) -> None:
    view = make_view(qtbot, worker, controller)
    key = open_doc(qtbot, view, demo.report)
    canvas = view.canvas
    words = paragraph(demo)
    r, s = canvas.pages.rect(0), canvas.pages.scale
    canvas.select_band(QPointF(r.x + 300 * s, r.y + (words[0][1] + 3) * s),
                       QPointF(r.x + 330 * s, r.y + (words[-1][3] - 3) * s))  # a column of a few words
    qtbot.waitUntil(lambda: bool(canvas.selection), timeout=15_000)
    chosen = canvas.selection[0]
    canvas.setFocus()
    qtbot.keyClick(canvas, Qt.Key.Key_H)
    [made] = wait_count(qtbot, controller, key, 1)
    block = [w for w in pdf_words(demo.report, 0) if w[5] == BLOCK]
    boxes = [(round(w[0], 2), round(w[1], 2)) for w in block]
    first = boxes.index((round(chosen[0].x0, 2), round(chosen[0].y0, 2)))
    last = boxes.index((round(chosen[-1].x0, 2), round(chosen[-1].y0, 2)))
    assert last - first + 1 > len(chosen)  # more than the band touched …
    assert normalise(made.payload["quote"]) == " ".join(w[4] for w in block[first : last + 1])  # … the whole run
    assert made.payload["anchor"]["quote"]["exact"] == normalise(made.payload["quote"])
    assert len(made.payload["anchor"]["rects"]) == 3
