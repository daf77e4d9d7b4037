"""The pen and the eraser through the GUI: strokes follow the pointer in PDF points, strokes in
quick succession make one annotation, the eraser deletes what it touches, a tablet pen draws
(and its eraser end erases); each change is undone and redone with the keyboard."""

from __future__ import annotations

import math

import pytest
from annot_helpers import drag, make_view, open_doc, page_point, page_pointf, use_tool, wait_count
from PySide6.QtCore import QEvent, QPointF, Qt
from PySide6.QtGui import QInputDevice, QPointingDevice, QTabletEvent
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from paperless.core.notes import AnnotationKind
from paperless.core.render import RenderWorker
from paperless.demo.factory import DemoDocuments
from paperless.gui.annotations.controller import AnnotationController
from paperless.gui.annotations.geometry import stroke_distance
from paperless.gui.annotations.tools import PRESET_BY_NAME, Tool
from paperless.gui.viewer import DocumentView

pytest_plugins = ["annot_fixtures"]

Point = tuple[float, float]


def wave(x0: float, y0: float, length: float = 180, steps: int = 45) -> list[Point]:
    return [(x0 + length * i / steps, y0 + 14 * math.sin(i / 5)) for i in range(steps + 1)]


def draw(qtbot: QtBot, view: DocumentView, path: list[Point]) -> None:
    drag(qtbot, view.canvas.viewport(), [page_point(view, 0, x, y) for x, y in path])


def ctrl(qtbot: QtBot, view: DocumentView, key: Qt.Key, shift: bool = False) -> None:
    mods = Qt.KeyboardModifier.ControlModifier | (Qt.KeyboardModifier.ShiftModifier if shift else
                                                  Qt.KeyboardModifier.NoModifier)
    view.canvas.setFocus()
    qtbot.keyClick(view.canvas, key, mods)


def test_a_pen_stroke_is_saved_in_pdf_points_along_the_mouse_path(
        qtbot: QtBot, worker: RenderWorker, controller: AnnotationController, demo: DemoDocuments) -> None:
    view = make_view(qtbot, worker, controller)
    key = open_doc(qtbot, view, demo.report)
    use_tool(view, Tool.INK)
    path = wave(120, 330)
    draw(qtbot, view, path)
    [ink] = wait_count(qtbot, controller, key, 1)
    assert ink.kind is AnnotationKind.INK and ink.page == 0
    assert ink.color == PRESET_BY_NAME["red"].strong
    assert ink.payload["width"] == view.annotation_toolbar().pen_width()
    [stroke] = ink.payload["strokes"]
    pixel = 1 / view.canvas.pages.scale  # the mouse moves in whole pixels
    assert len(stroke) < len(path)  # simplified …
    for x, y in stroke:  # … and still on the path
        assert stroke_distance((x, y), path) < 1.5 * pixel + 0.5
    for x, y in path:  # and the path still on it
        assert stroke_distance((x, y), [(p[0], p[1]) for p in stroke]) < 1.5 * pixel + 0.5
    assert stroke[0] == pytest.approx(list(path[0]), abs=pixel) and stroke[-1] == pytest.approx(list(path[-1]),
                                                                                                 abs=pixel)
    [rect] = ink.payload["anchor"]["rects"]
    xs, ys = [p[0] for p in stroke], [p[1] for p in stroke]
    half = ink.payload["width"] / 2
    assert rect[1:] == pytest.approx([min(xs) - half, min(ys) - half, max(xs) + half, max(ys) + half], abs=0.01)
    assert ink.payload["anchor"]["context"] is not None  # the nearest text, for carrying it over


def test_strokes_in_quick_succession_are_one_annotation_each_stroke_undoable(
        qtbot: QtBot, worker: RenderWorker, controller: AnnotationController, demo: DemoDocuments) -> None:
    view = make_view(qtbot, worker, controller)
    key = open_doc(qtbot, view, demo.report)
    use_tool(view, Tool.INK)
    view.annotating.ink.group_seconds = 60.0  # however slow the test machine
    draw(qtbot, view, wave(120, 330))
    wait_count(qtbot, controller, key, 1)
    draw(qtbot, view, wave(130, 350, 60))
    qtbot.waitUntil(lambda: len(controller.annotations(key)[0].payload["strokes"]) == 2, timeout=15_000)
    assert len(controller.annotations(key)) == 1
    ctrl(qtbot, view, Qt.Key.Key_Z)  # takes back the second stroke only
    qtbot.waitUntil(lambda: len(controller.annotations(key)[0].payload["strokes"]) == 1, timeout=15_000)
    ctrl(qtbot, view, Qt.Key.Key_Z)
    wait_count(qtbot, controller, key, 0)
    ctrl(qtbot, view, Qt.Key.Key_Z, shift=True)
    ctrl(qtbot, view, Qt.Key.Key_Y)
    qtbot.waitUntil(lambda: len(controller.annotations(key)) == 1
                    and len(controller.annotations(key)[0].payload["strokes"]) == 2, timeout=15_000)
    view.annotating.ink.group_seconds = 0.0  # now each stroke is its own
    draw(qtbot, view, wave(130, 380, 60))
    wait_count(qtbot, controller, key, 2)


def test_the_eraser_deletes_the_ink_it_touches_and_undo_brings_it_back(
        qtbot: QtBot, worker: RenderWorker, controller: AnnotationController, demo: DemoDocuments) -> None:
    view = make_view(qtbot, worker, controller)
    key = open_doc(qtbot, view, demo.report)
    use_tool(view, Tool.INK)
    view.annotating.ink.group_seconds = 0.0
    draw(qtbot, view, wave(100, 300))
    draw(qtbot, view, wave(100, 420))
    first, second = wait_count(qtbot, controller, key, 2)
    use_tool(view, Tool.ERASER)
    draw(qtbot, view, [(150, 270), (160, 300), (170, 340)])  # across the first wave only
    [left] = wait_count(qtbot, controller, key, 1)
    assert left.uuid == (second if second.payload["strokes"][0][0][1] > 400 else first).uuid
    draw(qtbot, view, [(40, 200), (60, 240)])  # nothing there: nothing erased
    ctrl(qtbot, view, Qt.Key.Key_Z)
    wait_count(qtbot, controller, key, 2)
    ctrl(qtbot, view, Qt.Key.Key_Z, shift=True)
    wait_count(qtbot, controller, key, 1)


def _pen(kind: QPointingDevice.PointerType) -> QPointingDevice:
    return QPointingDevice("test pen", 7 if kind == QPointingDevice.PointerType.Pen else 8,
                           QInputDevice.DeviceType.Stylus, kind,
                           QInputDevice.Capability.Position | QInputDevice.Capability.Pressure, 1, 2)


def _tablet(view: DocumentView, device: QPointingDevice, kind: QEvent.Type, at: QPointF) -> bool:
    vp = view.canvas.viewport()
    held = Qt.MouseButton.NoButton if kind == QEvent.Type.TabletRelease else Qt.MouseButton.LeftButton
    event = QTabletEvent(kind, device, at, QPointF(vp.mapToGlobal(at)), 0.6, 0.0, 0.0, 0.0, 0.0, 0.0,
                         Qt.KeyboardModifier.NoModifier, Qt.MouseButton.LeftButton, held)
    QApplication.sendEvent(vp, event)
    return event.isAccepted()


def test_a_tablet_pen_draws_at_full_resolution_and_its_eraser_end_erases(
        qtbot: QtBot, worker: RenderWorker, controller: AnnotationController, demo: DemoDocuments) -> None:
    view = make_view(qtbot, worker, controller)
    key = open_doc(qtbot, view, demo.report)
    use_tool(view, Tool.INK)
    pen = _pen(QPointingDevice.PointerType.Pen)
    path = [(150.0 + i * 0.7, 320.0 + 30 * math.sin(i / 12)) for i in range(120)]  # sub-pixel steps
    spots = [page_pointf(view, 0, x, y) for x, y in path]
    assert _tablet(view, pen, QEvent.Type.TabletPress, spots[0])  # taken: no mouse emulation
    for spot in spots[1:]:
        _tablet(view, pen, QEvent.Type.TabletMove, spot)
    _tablet(view, pen, QEvent.Type.TabletRelease, spots[-1])
    [ink] = wait_count(qtbot, controller, key, 1)
    stroke = [(p[0], p[1]) for p in ink.payload["strokes"][0]]
    assert max(stroke_distance(p, stroke) for p in path) < 0.6  # no pixel rounding
    eraser = _pen(QPointingDevice.PointerType.Eraser)
    across = [page_pointf(view, 0, 190, 280), page_pointf(view, 0, 195, 320), page_pointf(view, 0, 200, 370)]
    for kind, spot in zip((QEvent.Type.TabletPress, QEvent.Type.TabletMove, QEvent.Type.TabletRelease), across,
                          strict=True):
        _tablet(view, eraser, kind, spot)
    wait_count(qtbot, controller, key, 0)
    use_tool(view, Tool.HIGHLIGHT)  # other tools let the pen act as a mouse
    assert not _tablet(view, pen, QEvent.Type.TabletPress, spots[0])
