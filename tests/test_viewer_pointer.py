"""Pointer input on the pages (gui.viewer.pointer): hover cursors and auto-scroll while a text
selection is dragged past the viewport's edge (offscreen Qt, real RenderWorker)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pymupdf
import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QCursor
from PySide6.QtWidgets import QLabel
from pytestqt.qtbot import QtBot

from paperless.core.render import RenderWorker
from paperless.demo.factory import DemoDocuments, write_demo_documents
from paperless.gui.tasks import Tasks
from paperless.gui.viewer import DocumentView
from paperless.gui.viewer.pointer import EDGE, MAX_STEP, PointerInteraction, edge_step

WAIT = 15000


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> DemoDocuments:
    return write_demo_documents(tmp_path_factory.mktemp("demo"))


@pytest.fixture(autouse=True)
def cursor_put_back() -> Iterator[None]:
    """The simulated mouse moves the (offscreen) cursor; left over a spot where a later test's
    window shows a list, it changes what that test's clicks do."""
    where = QCursor.pos()
    yield
    QCursor.setPos(where)


@pytest.fixture
def worker() -> Iterator[RenderWorker]:
    w = RenderWorker()
    yield w
    w.shutdown()


def make_view(qtbot: QtBot, worker: RenderWorker, size: tuple[int, int] = (900, 700)) -> DocumentView:
    view = DocumentView(worker, Tasks())
    qtbot.addWidget(view)
    view.resize(*size)
    view.show()
    qtbot.waitExposed(view)
    return view


def open_doc(qtbot: QtBot, view: DocumentView, data: bytes, *, allow_copy: bool = True) -> None:
    with qtbot.waitSignal(view.document_loaded, timeout=WAIT):
        view.set_document("documents/0001.age", data, title="Tài liệu", watermark=None, allow_copy=allow_copy)
    qtbot.waitUntil(lambda: 0 in view.canvas.images, timeout=WAIT)


def page_point(view: DocumentView, page: int, x: float, y: float) -> QPoint:
    """Viewport position of a point (in PDF points) on a page."""
    target = view.canvas.page_target(page)
    scale = view.canvas.pages.scale
    return QPoint(round(target.x() + x * scale), round(target.y() + y * scale))


def title_point(view: DocumentView, path: Path) -> QPoint:
    """On the first line of the plan's title block (page 1)."""
    with pymupdf.open(path) as pdf:
        top = pdf[0].search_for("KẾ HOẠCH")[0]
    return page_point(view, 0, 60, top.y0 + 2)


def short_pdf(pages: int = 2) -> bytes:
    doc = pymupdf.open()
    for i in range(pages):
        page = doc.new_page()
        for line in range(20):
            page.insert_text((72, 80 + 34 * line), f"Trang {i + 1} dòng {line + 1}", fontsize=14)
    data: bytes = doc.tobytes()
    doc.close()
    return data


def test_the_canvas_delegates_to_one_pointer_interaction(qtbot: QtBot, worker: RenderWorker) -> None:
    view = make_view(qtbot, worker)
    pointer = view.canvas.pointer
    assert isinstance(pointer, PointerInteraction) and pointer.parent() is view.canvas
    view.canvas.selectable = False
    assert not pointer.selectable
    view.canvas.selectable = True
    assert view.canvas.selection is pointer.selection


def test_edge_step_grows_with_the_distance_beyond_the_edge() -> None:
    height = 700
    assert edge_step(height / 2, height) == 0 and edge_step(EDGE, height) == 0
    assert edge_step(height - 1 - EDGE, height) == 0
    inside_strip = edge_step(height - 2, height)
    at_edge, beyond, far = edge_step(height, height), edge_step(height + 50, height), edge_step(height + 400, height)
    assert 0 < inside_strip < at_edge < beyond < far == MAX_STEP
    assert edge_step(-50, height) == -edge_step(height - 1 + 50, height) < 0  # upward, the same speeds
    assert edge_step(1, height) == -edge_step(height - 2, height)
    assert edge_step(-10_000, height) == -MAX_STEP
    assert edge_step(5, 12) == 0 and edge_step(-1, 12) < 0 and edge_step(12, 12) > 0  # tiny viewport


def test_hover_cursor_follows_what_is_under_it(qtbot: QtBot, worker: RenderWorker) -> None:
    view = make_view(qtbot, worker)
    open_doc(qtbot, view, short_pdf())
    vp = view.canvas.viewport()
    qtbot.mouseMove(vp, page_point(view, 0, 100, 75))
    assert vp.cursor().shape() == Qt.CursorShape.IBeamCursor and vp.toolTip() == ""
    qtbot.mouseMove(vp, QPoint(3, 3))  # the grey margin around the pages
    assert vp.cursor().shape() == Qt.CursorShape.ArrowCursor
    view.canvas.selectable = False
    qtbot.mouseMove(vp, page_point(view, 0, 100, 76))
    assert vp.cursor().shape() == Qt.CursorShape.ArrowCursor


def test_dragging_below_the_viewport_scrolls_and_extends_the_selection(
        qtbot: QtBot, worker: RenderWorker, demo: DemoDocuments) -> None:
    view = make_view(qtbot, worker)
    open_doc(qtbot, view, Path(demo.plan).read_bytes())
    canvas, vp = view.canvas, view.canvas.viewport()
    bar = canvas.verticalScrollBar()
    assert bar.value() == 0 and canvas.pages.rect(1).y > vp.height()  # page 2 is out of sight
    start = title_point(view, demo.plan)
    qtbot.mousePress(vp, Qt.MouseButton.LeftButton, pos=start)
    right = vp.width() - 60  # the band spans the lines
    qtbot.mouseMove(vp, QPoint(right, start.y() + 120))  # an ordinary drag inside: selects, no scrolling
    qtbot.waitUntil(lambda: bool(canvas.selection), timeout=WAIT)
    assert not canvas.pointer.scrolling() and bar.value() == 0
    below = QPoint(right, vp.height() + 60)
    qtbot.mouseMove(vp, below)  # the button still held
    assert canvas.pointer.scrolling()
    qtbot.waitUntil(lambda: 1 in canvas.selection, timeout=WAIT)  # the selection reaches page 2
    assert bar.value() > 0 and 0 in canvas.selection
    # it follows the pointer clamped to the viewport: nothing below the viewport's bottom is selected
    bottom = canvas.content_top() + vp.height()
    last = max(canvas.selection)
    assert all(canvas.pages.rect(last).y + w.y0 * canvas.pages.scale < bottom for w in canvas.selection[last])
    qtbot.mouseRelease(vp, Qt.MouseButton.LeftButton, pos=below)
    assert not canvas.pointer.scrolling()
    stopped = bar.value()
    qtbot.wait(150)
    assert bar.value() == stopped
    text = view.selected_text()
    assert "KẾ HOẠCH" in text.split("\n\n")[0] and "\n\n" in text  # both pages, in order
    assert view.copy_selection()


def test_scrolling_stops_when_the_pointer_comes_back_inside(
        qtbot: QtBot, worker: RenderWorker, demo: DemoDocuments) -> None:
    view = make_view(qtbot, worker)
    open_doc(qtbot, view, Path(demo.plan).read_bytes())
    canvas, vp = view.canvas, view.canvas.viewport()
    bar = canvas.verticalScrollBar()
    start = title_point(view, demo.plan)
    qtbot.mousePress(vp, Qt.MouseButton.LeftButton, pos=start)
    qtbot.mouseMove(vp, QPoint(start.x(), vp.height() + 20))
    qtbot.waitUntil(lambda: bar.value() > 100, timeout=WAIT)
    middle = QPoint(vp.width() // 2, vp.height() // 2)
    qtbot.mouseMove(vp, middle)
    assert not canvas.pointer.scrolling()
    stopped = bar.value()
    qtbot.wait(150)
    assert bar.value() == stopped
    # the selection ends under the pointer again
    end = canvas.to_content(middle.toPointF())
    spot = canvas.pages.page_point(end.x(), end.y())
    assert spot is not None and max(canvas.selection) == spot[0]
    qtbot.mouseRelease(vp, Qt.MouseButton.LeftButton, pos=middle)
    assert canvas.selection


def test_scrolling_stops_at_the_ends_of_the_document(qtbot: QtBot, worker: RenderWorker) -> None:
    view = make_view(qtbot, worker)
    open_doc(qtbot, view, short_pdf(2))
    canvas, vp = view.canvas, view.canvas.viewport()
    bar = canvas.verticalScrollBar()
    start = page_point(view, 0, 80, 75)
    qtbot.mousePress(vp, Qt.MouseButton.LeftButton, pos=start)
    right = vp.width() - 60  # past the lines' ends
    qtbot.mouseMove(vp, QPoint(right, vp.height() + 300))  # fast
    qtbot.waitUntil(lambda: not canvas.pointer.scrolling(), timeout=WAIT)
    assert bar.value() == bar.maximum() > 0
    qtbot.waitUntil(lambda: 1 in canvas.selection, timeout=WAIT)
    assert canvas.selection[1][-1].text == "20"  # down to the last line, visible at the end
    qtbot.mouseMove(vp, QPoint(right, -300))  # and all the way back up, still held
    assert canvas.pointer.scrolling()
    qtbot.waitUntil(lambda: not canvas.pointer.scrolling(), timeout=WAIT)
    assert bar.value() == 0
    qtbot.mouseRelease(vp, Qt.MouseButton.LeftButton, pos=QPoint(right, -300))
    assert set(canvas.selection) == {0}  # back above where the drag began


def test_scrolling_stops_if_the_release_goes_elsewhere(qtbot: QtBot, worker: RenderWorker,
                                                       demo: DemoDocuments) -> None:
    view = make_view(qtbot, worker)
    open_doc(qtbot, view, Path(demo.plan).read_bytes())
    canvas, vp = view.canvas, view.canvas.viewport()
    other = QLabel("elsewhere")
    qtbot.addWidget(other)
    start = title_point(view, demo.plan)
    qtbot.mousePress(vp, Qt.MouseButton.LeftButton, pos=start)
    qtbot.mouseMove(vp, QPoint(start.x(), vp.height() + 40))
    assert canvas.pointer.scrolling()
    qtbot.mouseRelease(other, Qt.MouseButton.LeftButton)  # the canvas never hears of it
    qtbot.waitUntil(lambda: not canvas.pointer.scrolling(), timeout=WAIT)  # on the next tick
    bar = canvas.verticalScrollBar()
    assert bar.value() < bar.maximum() / 2  # not because it ran to the end of the document


def test_no_scrolling_when_selecting_is_not_allowed(qtbot: QtBot, worker: RenderWorker,
                                                    demo: DemoDocuments) -> None:
    view = make_view(qtbot, worker)
    open_doc(qtbot, view, Path(demo.plan).read_bytes(), allow_copy=False)
    canvas, vp = view.canvas, view.canvas.viewport()
    messages: list[str] = []
    view.status_message.connect(messages.append)
    start = title_point(view, demo.plan)
    qtbot.mousePress(vp, Qt.MouseButton.LeftButton, pos=start)
    qtbot.mouseMove(vp, QPoint(start.x(), vp.height() + 60))
    assert not canvas.pointer.scrolling() and messages  # says selecting is not allowed
    qtbot.wait(100)
    assert canvas.verticalScrollBar().value() == 0 and canvas.selection == {}
    qtbot.mouseRelease(vp, Qt.MouseButton.LeftButton, pos=QPoint(start.x(), vp.height() + 60))
