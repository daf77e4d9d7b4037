"""Touch-screen pinch zoom: a QGestureEvent carrying a QPinchGesture, delivered to the canvas's
viewport as Qt's gesture manager would (offscreen Qt, real RenderWorker). QApplication delivers a
gesture only to a widget that grabbed its type, so these also fail without the canvas's grabGesture.

The trackpad's pinch (QNativeGestureEvent) is tested in test_viewer_window.py."""

from __future__ import annotations

import math
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QPointF
from PySide6.QtWidgets import QApplication, QGestureEvent, QPanGesture, QPinchGesture
from pytestqt.qtbot import QtBot

from paperless.core.render import RenderWorker
from paperless.demo.factory import DemoDocuments, write_demo_documents
from paperless.gui.tasks import Tasks
from paperless.gui.viewer import DocumentView, ZoomMode

WAIT = 15000
CENTRE = QPointF(300, 250)  # where the fingers are, in the viewport


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> DemoDocuments:
    return write_demo_documents(tmp_path_factory.mktemp("demo"))


@pytest.fixture
def worker() -> Iterator[RenderWorker]:
    w = RenderWorker()
    yield w
    w.shutdown()


@pytest.fixture
def view(qtbot: QtBot, worker: RenderWorker, demo: DemoDocuments) -> DocumentView:
    v = DocumentView(worker, Tasks())
    qtbot.addWidget(v)
    v.resize(900, 700)
    v.show()
    qtbot.waitExposed(v)
    with qtbot.waitSignal(v.document_loaded, timeout=WAIT):
        v.set_document("d", Path(demo.plan).read_bytes(), title="x", watermark=None, allow_copy=True)
    v.go_to_page(2)  # room to scroll both ways, so the zoom can keep its anchor
    return v


def pinch(view: DocumentView, scale: float, flags: QPinchGesture.ChangeFlag = QPinchGesture.ChangeFlag.ScaleFactorChanged,
          centre: QPointF = CENTRE) -> tuple[QPinchGesture, QGestureEvent, bool]:
    """One pinch update: the scale since the previous one, the centre in global coordinates."""
    vp = view.canvas.viewport()
    gesture = QPinchGesture()
    gesture.setChangeFlags(flags)
    gesture.setScaleFactor(scale)
    gesture.setCenterPoint(QPointF(vp.mapToGlobal(centre)))
    event = QGestureEvent([gesture])
    event.ignore(gesture)  # taken only if the canvas accepts it
    delivered = QApplication.sendEvent(vp, event)
    return gesture, event, delivered


def under(view: DocumentView, pos: QPointF) -> tuple[int, float, float]:
    """The page point (page, x, y in PDF points) shown at a viewport position."""
    content = view.canvas.to_content(pos)
    spot = view.canvas.pages.page_point(content.x(), content.y())
    assert spot is not None
    return spot


def shown_at(view: DocumentView, spot: tuple[int, float, float]) -> QPointF:
    page, x, y = spot
    target, scale = view.canvas.page_target(page), view.canvas.pages.scale
    return QPointF(target.x() + x * scale, target.y() + y * scale)


@pytest.mark.parametrize("scale", [1.5, 0.5])
def test_pinch_zooms_around_the_fingers(view: DocumentView, scale: float) -> None:
    before = view.zoom_factor()
    spot = under(view, CENTRE)
    seen: list[tuple[float, QPointF]] = []
    view.canvas.zoom_factor.connect(lambda f, a: seen.append((f, a)))
    gesture, event, delivered = pinch(view, scale)
    assert delivered and event.isAccepted(gesture)
    assert seen == [(scale, CENTRE)]  # the centre point, mapped into the viewport
    assert math.isclose(view.zoom_factor(), before * scale, rel_tol=1e-6) and view.zoom_mode() is ZoomMode.CUSTOM
    assert (view.zoom_factor() > before) == (scale > 1)
    after = shown_at(view, spot)
    assert abs(after.y() - CENTRE.y()) <= 2  # the text under the fingers stays under them
    if scale > 1:  # (zoomed out, the page is narrower than the view and centred instead)
        assert abs(after.x() - CENTRE.x()) <= 2


def test_pinch_updates_multiply(view: DocumentView) -> None:
    before = view.zoom_factor()
    for _ in range(3):
        pinch(view, 1.1)
    assert math.isclose(view.zoom_factor(), before * 1.1**3, rel_tol=1e-6)
    pinch(view, 1 / 1.1)
    assert math.isclose(view.zoom_factor(), before * 1.1**2, rel_tol=1e-6)


def test_a_pinch_that_only_moves_or_rotates_does_not_zoom(view: DocumentView) -> None:
    before = view.zoom_factor()
    moved = QPinchGesture.ChangeFlag.CenterPointChanged | QPinchGesture.ChangeFlag.RotationAngleChanged
    gesture, event, _ = pinch(view, 2.0, moved)
    assert event.isAccepted(gesture)  # still the canvas's gesture
    gesture, event, _ = pinch(view, 0.0)  # a degenerate update
    assert view.zoom_factor() == before and view.zoom_mode() is ZoomMode.FIT_WIDTH


def test_other_gestures_are_not_taken(view: DocumentView) -> None:
    before = view.zoom_factor()
    pan = QPanGesture()
    event = QGestureEvent([pan])
    event.ignore(pan)
    QApplication.sendEvent(view.canvas.viewport(), event)
    assert view.zoom_factor() == before and not event.isAccepted(pan)
