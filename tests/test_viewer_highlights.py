"""DocumentView: the current search hit drawn strongly and scrolled into view, and
``page_rendered`` once a page's image is on screen (offscreen Qt, real render worker)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import QPoint, QRect
from PySide6.QtGui import QColor, QImage
from pytestqt.qtbot import QtBot

from paperless.core.render import RenderWorker
from paperless.demo.factory import DemoDocuments, write_demo_documents
from paperless.gui.tasks import Tasks
from paperless.gui.viewer import DocumentView
from paperless.gui.viewer.painting import CURRENT_HIT, DAY, HIT, Rect

WAIT = 15000


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> DemoDocuments:
    return write_demo_documents(tmp_path_factory.mktemp("demo_hl"))


@pytest.fixture
def worker() -> Iterator[RenderWorker]:
    w = RenderWorker()
    yield w
    w.shutdown()


def make_view(qtbot: QtBot, worker: RenderWorker) -> DocumentView:
    view = DocumentView(worker, Tasks())
    qtbot.addWidget(view)
    view.resize(900, 700)
    view.show()
    qtbot.waitExposed(view)
    return view


def settled(view: DocumentView) -> bool:
    top = view.canvas.content_top()
    pages = view.canvas.pages.visible(top, top + view.canvas.viewport_size()[1])
    scale = view.canvas.pages.scale
    return bool(pages) and all(p in view.canvas.images and view.canvas.images[p].scale == scale for p in pages)


def open_plan(qtbot: QtBot, view: DocumentView, demo: DemoDocuments) -> None:
    with qtbot.waitSignal(view.document_loaded, timeout=WAIT):
        view.set_document("plan", demo.plan.read_bytes(), title="Kế hoạch", watermark=None, allow_copy=True)
    qtbot.waitUntil(lambda: settled(view), timeout=WAIT)


def on_white(color: QColor) -> tuple[int, int, int]:
    """What a highlight colour looks like painted over a white page."""
    a = color.alphaF()
    return tuple(round(255 * (1 - a) + c * a) for c in (color.red(), color.green(), color.blue()))  # type: ignore[return-value]


def viewport_rect(view: DocumentView, page: int, rect: Rect) -> QRect:
    target = view.canvas.page_target(page)
    s = view.canvas.pages.scale
    x0, y0, x1, y1 = rect
    return QRect(round(target.x() + x0 * s), round(target.y() + y0 * s), round((x1 - x0) * s), round((y1 - y0) * s))


def colour_in(image: QImage, area: QRect) -> tuple[int, int, int]:
    c = image.pixelColor(area.center())
    return c.red(), c.green(), c.blue()


def close(a: tuple[int, int, int], b: tuple[int, int, int]) -> bool:
    return all(abs(x - y) <= 3 for x, y in zip(a, b, strict=True))


# blank stretches of the plan's third page (left margin): white before any highlight
MARGIN_RECTS: list[Rect] = [(8, 300, 60, 330), (8, 400, 60, 430), (8, 500, 60, 530)]


def test_only_the_current_match_is_drawn_strongly(qtbot: QtBot, worker: RenderWorker, demo: DemoDocuments) -> None:
    view = make_view(qtbot, worker)
    open_plan(qtbot, view, demo)
    view.go_to_page(2, 250)
    qtbot.waitUntil(lambda: settled(view), timeout=WAIT)
    areas = [viewport_rect(view, 2, r) for r in MARGIN_RECTS]
    before = view.canvas.viewport().grab().toImage()
    assert all(colour_in(before, a) == (255, 255, 255) for a in areas)

    top = view.canvas.content_top()
    view.set_highlights({1: [(90, 100, 200, 115)], 2: list(MARGIN_RECTS)}, 2, current_rects=[MARGIN_RECTS[1]])
    assert view.canvas.content_top() == top  # the current match is in view already
    image = view.canvas.viewport().grab().toImage()
    weak, strong = on_white(HIT), on_white(CURRENT_HIT)
    assert close(colour_in(image, areas[1]), strong)
    assert close(colour_in(image, areas[0]), weak) and close(colour_in(image, areas[2]), weak)

    # the contract's two-argument form still works: the whole page's hits are current
    view.set_highlights({2: list(MARGIN_RECTS)}, 2)
    image = view.canvas.viewport().grab().toImage()
    assert all(close(colour_in(image, a), strong) for a in areas)
    view.set_highlights({}, None)
    image = view.canvas.viewport().grab().toImage()
    assert all(colour_in(image, a) == (255, 255, 255) for a in areas)


def test_the_current_match_is_scrolled_into_view_across_too(qtbot: QtBot, worker: RenderWorker,
                                                          demo: DemoDocuments) -> None:
    view = make_view(qtbot, worker)
    open_plan(qtbot, view, demo)
    view.set_zoom(4.0)
    qtbot.waitUntil(lambda: settled(view), timeout=WAIT)
    assert view.canvas.horizontalScrollBar().maximum() > 0
    left_hit, right_hit = (80, 120, 140, 136), (480, 700, 540, 716)
    left = view.canvas.content_left()
    with qtbot.waitSignal(view.page_changed, check_params_cb=lambda p, n: p == 3):
        view.set_highlights({3: [left_hit, right_hit]}, 3, current_rects=[right_hit])
    assert view.canvas.content_left() > left  # scrolled across to it
    shown = view.canvas.viewport().rect()
    assert shown.contains(viewport_rect(view, 3, right_hit))
    assert view.current_page() == 3
    # already in view: nothing moves
    where = (view.canvas.content_left(), view.canvas.content_top())
    view.set_highlights({3: [left_hit, right_hit]}, 3, current_rects=[right_hit])
    assert (view.canvas.content_left(), view.canvas.content_top()) == where
    # the next match, far left and up the page
    view.set_highlights({3: [left_hit, right_hit]}, 3, current_rects=[left_hit])
    assert shown.contains(viewport_rect(view, 3, left_hit))
    assert view.current_page() == 3


def test_page_rendered_after_the_page_is_painted(qtbot: QtBot, worker: RenderWorker, demo: DemoDocuments) -> None:
    view = make_view(qtbot, worker)
    seen: list[tuple[int, bool, tuple[int, int, int]]] = []

    def rendered(page: int) -> None:
        centre = view.canvas.page_target(page).toAlignedRect().intersected(view.canvas.viewport().rect())
        c = view.canvas.viewport().grab().toImage().pixelColor(centre.topLeft() + QPoint(6, 6))
        seen.append((page, page in view.canvas.images, (c.red(), c.green(), c.blue())))

    view.page_rendered.connect(rendered)
    with qtbot.waitSignal(view.page_rendered, timeout=WAIT):
        view.set_document("plan", demo.plan.read_bytes(), title="Kế hoạch", watermark=None, allow_copy=True)
    page, has_image, colour = seen[0]
    assert page == 0 and has_image
    placeholder = DAY.placeholder
    assert colour != (placeholder.red(), placeholder.green(), placeholder.blue())  # the page itself, painted
    qtbot.waitUntil(lambda: settled(view), timeout=WAIT)
    top = view.canvas.content_top()
    on_screen = set(view.canvas.pages.visible(top, top + view.canvas.viewport_size()[1]))
    assert {p for p, _, _ in seen} <= on_screen  # prefetched pages are not announced until shown
    view.canvas.viewport().repaint()
    assert not view.canvas.fresh & on_screen  # every image on screen has been announced
    with qtbot.waitSignal(view.page_rendered, timeout=WAIT, check_params_cb=lambda p: p == 5):
        view.go_to_page(5)  # a page not painted yet
    assert (5, True) in [entry[:2] for entry in seen]
    view.clear()
    assert not view.canvas.fresh
