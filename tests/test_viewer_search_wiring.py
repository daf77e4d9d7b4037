"""The reading pane (gui.reader) wiring the search widgets to the DocumentView: a session
search result becomes the find bar's current match, highlighted and in view; the indexing
progress in pages; the first rendered page announced by the view's signal."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from pathlib import Path
from types import SimpleNamespace
from typing import cast

import pymupdf
import pytest
from PySide6.QtCore import QRect, Qt, QTimer
from PySide6.QtGui import QImage
from pytestqt.qtbot import QtBot

from paperless.core.model import LoadedDocument
from paperless.core.render import RenderWorker
from paperless.core.render.document import Word
from paperless.core.search import SessionIndex, WordLike
from paperless.demo.factory import DemoDocuments, write_demo_documents
from paperless.gui.icons import Icons
from paperless.gui.reader import ReaderPane
from paperless.gui.search import FindBar, WordsCallback
from paperless.gui.services import AppServices
from paperless.gui.tasks import Tasks
from paperless.gui.viewer.painting import CURRENT_HIT, HIT, Rect
from paperless.resources import resource_path

pytestmark = pytest.mark.qt_log_ignore(r"This plugin does not support propagateSizeHints\(\)")

WAIT = 15000
PLAN, AGENDA = "documents/0003.age", "documents/0001.age"
DANG_BEFORE_PAGE_4 = 3 + 11 + 9 + 6  # "dang" in the plan: 3, 11, 9, 6, 4, 6 matches a page
DANG_TOTAL = 39


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> DemoDocuments:
    return write_demo_documents(tmp_path_factory.mktemp("demo_wiring"))


@pytest.fixture
def pane(qtbot: QtBot) -> Iterator[ReaderPane]:
    worker = RenderWorker()
    widget = ReaderPane(cast(AppServices, SimpleNamespace(worker=worker, tasks=Tasks())), Icons(resource_path("icons")))
    qtbot.addWidget(widget)
    qtbot.addWidget(widget.search_panel)
    widget.resize(900, 700)
    widget.show()
    widget.search_panel.resize(420, 560)
    widget.search_panel.show()
    qtbot.waitExposed(widget)
    yield widget
    worker.shutdown()


# ---------------------------------------------------------------- the find bar's side


class HeldWordSource:
    """A WordSource that answers only when the test says so, in the order it says."""

    def __init__(self, pages: Sequence[Sequence[WordLike]]) -> None:
        self.pages = pages
        self.waiting: dict[int, WordsCallback] = {}

    def request_words(self, page: int, callback: WordsCallback) -> None:
        self.waiting[page] = callback

    def release(self, *pages: int) -> None:
        for page in pages or tuple(self.waiting):
            self.waiting.pop(page)(page, list(self.pages[page]))


@pytest.fixture
def find_bar(qtbot: QtBot) -> FindBar:
    bar = FindBar(Tasks())
    qtbot.addWidget(bar)
    bar.resize(600, 40)
    bar.show()
    qtbot.waitExposed(bar)
    return bar


def plan_words(demo: DemoDocuments) -> list[list[Word]]:
    with pymupdf.open(demo.plan) as pdf:
        return [[Word(*w[:7]) for w in page.get_text("words")] for page in pdf]


def test_search_from_a_match_waits_for_the_pages_before_it(qtbot: QtBot, find_bar: FindBar,
                                                           demo: DemoDocuments) -> None:
    held = HeldWordSource(plan_words(demo))
    find_bar.set_document(held, len(held.pages))
    find_bar.set_query("dang")
    find_bar.search_from(4, 2)  # the third match of the fifth page (a session result opened there)
    assert min(held.waiting) == 0 and 4 in held.waiting
    with qtbot.waitSignal(find_bar.highlights_changed, timeout=3000):
        held.release(5)  # a later page answers first: its match must not become current
    assert find_bar.current_hit() is None
    find_bar.set_current_page(5)  # the view moving meanwhile does not change the target
    with qtbot.waitSignal(find_bar.current_changed, timeout=3000) as moved:
        held.release(4, 0, 1, 2, 3)
    hit = find_bar.current_hit()
    assert hit is not None and (hit.page, hit.index) == (4, 2) and moved.args is not None and moved.args[0] == 4
    qtbot.waitUntil(lambda: find_bar.count_text() == f"{DANG_BEFORE_PAGE_4 + 3}/{DANG_TOTAL}", timeout=3000)
    find_bar.search_from(4, 9)  # fewer matches on the page: its last one
    assert (hit := find_bar.current_hit()) is not None and (hit.page, hit.index) == (4, 3)
    find_bar.find_next()
    assert (hit := find_bar.current_hit()) is not None and (hit.page, hit.index) == (5, 0)


def test_search_from_runs_a_query_kept_while_hidden(qtbot: QtBot, find_bar: FindBar, demo: DemoDocuments) -> None:
    held = HeldWordSource(plan_words(demo))
    find_bar.set_document(held, len(held.pages))
    find_bar.set_query("dang")
    held.release()
    qtbot.waitUntil(lambda: find_bar.count_text() == f"1/{DANG_TOTAL}", timeout=3000)
    find_bar.close_bar()
    again = HeldWordSource(held.pages)
    find_bar.set_document(again, len(again.pages))  # a new document while the bar is hidden: nothing searched
    assert again.waiting == {}
    find_bar.show()
    find_bar.search_from(3, 1)
    again.release()
    qtbot.waitUntil(lambda: (h := find_bar.current_hit()) is not None and (h.page, h.index) == (3, 1), timeout=3000)


# ---------------------------------------------------------------- the reading pane


def loaded(entry: str, path: Path, start: int = 0) -> LoadedDocument:
    with pymupdf.open(path) as pdf:
        pages = pdf.page_count
    return LoadedDocument(entry, path.stem, path.read_bytes(), start, pages, None, True)


def show(qtbot: QtBot, pane: ReaderPane, doc: LoadedDocument) -> None:
    with qtbot.waitSignal(pane.first_page_rendered, timeout=WAIT):
        pane.show_document(doc)


def index_of(demo: DemoDocuments) -> SessionIndex:
    index = SessionIndex()
    for entry, path in ((AGENDA, demo.agenda), (PLAN, demo.plan)):
        with pymupdf.open(path) as pdf:
            for number, page in enumerate(pdf):
                index.add_page(entry, number, page.get_text())
    return index


def click_result(qtbot: QtBot, pane: ReaderPane, entry: str, page: int, ordinal: int) -> None:
    """Click the ``ordinal``-th result on ``page`` of ``entry`` in the session search panel."""
    panel = pane.search_panel
    rows = [row for row, h in enumerate(panel.hits()) if (h.doc, h.page) == (entry, page)]
    view = panel.results_view()
    item = view.item(rows[ordinal])
    view.scrollToItem(item)
    with qtbot.waitSignal(panel.open_hit):
        qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=view.visualItemRect(item).center())


def on_white(color: object) -> tuple[int, int, int]:
    c = CURRENT_HIT if color is CURRENT_HIT else HIT
    a = c.alphaF()
    r, g, b = (round(255 * (1 - a) + v * a) for v in (c.red(), c.green(), c.blue()))
    return r, g, b


def brightest(image: QImage, area: QRect) -> tuple[int, int, int]:
    """The lightest pixel of an area: over a word, the highlight on the white page."""
    best = (0, 0, 0)
    for y in range(area.top() + 1, area.bottom()):
        for x in range(area.left() + 1, area.right()):
            c = image.pixelColor(x, y)
            if sum((c.red(), c.green(), c.blue())) > sum(best):
                best = (c.red(), c.green(), c.blue())
    return best


def on_screen(pane: ReaderPane, page: int, rect: Rect) -> QRect:
    target = pane.view.canvas.page_target(page)
    s = pane.view.canvas.pages.scale
    x0, y0, x1, y1 = rect
    return QRect(round(target.x() + x0 * s), round(target.y() + y0 * s), round((x1 - x0) * s), round((y1 - y0) * s))


def settled(pane: ReaderPane, page: int) -> bool:
    image = pane.view.canvas.images.get(page)
    return image is not None and image.scale == pane.view.canvas.pages.scale


def close(a: tuple[int, int, int], b: tuple[int, int, int]) -> bool:
    return all(abs(x - y) <= 3 for x, y in zip(a, b, strict=True))


def assert_current_is_shown(qtbot: QtBot, pane: ReaderPane, page: int, index: int) -> None:
    bar = pane.find_bar
    qtbot.waitUntil(lambda: (h := bar.current_hit()) is not None and (h.page, h.index) == (page, index), timeout=WAIT)
    assert bar.isVisible() and bar.query() == "dang"
    qtbot.waitUntil(lambda: bar.count_text() == f"{DANG_BEFORE_PAGE_4 + index + 1}/{DANG_TOTAL}", timeout=WAIT)
    assert pane.view.current_page() == page
    hit = bar.current_hit()
    assert hit is not None
    canvas = pane.view.canvas
    assert canvas.current_highlight == page and canvas.current_rects == hit.rects
    qtbot.waitUntil(lambda: settled(pane, page), timeout=WAIT)
    shown = canvas.viewport().rect()
    image = canvas.viewport().grab().toImage()
    for number, match in enumerate(canvas.highlights[page][i: i + 1] for i in range(len(canvas.highlights[page]))):
        area = on_screen(pane, page, match[0])
        if not shown.contains(area):
            continue
        strong = match[0] in hit.rects
        assert close(brightest(image, area), on_white(CURRENT_HIT if strong else HIT)), (number, strong)
    assert shown.contains(on_screen(pane, page, hit.rects[0]))


def test_a_session_result_with_the_same_query_moves_the_current_match(qtbot: QtBot, pane: ReaderPane,
                                                                      demo: DemoDocuments) -> None:
    show(qtbot, pane, loaded(PLAN, demo.plan))
    pane.set_index(index_of(demo), {PLAN: "Kế hoạch", AGENDA: "Chương trình"})
    bar = pane.find_bar
    bar.activate()
    bar.set_query("dang")
    qtbot.waitUntil(lambda: bar.count_text() == f"1/{DANG_TOTAL}", timeout=WAIT)
    assert (hit := bar.current_hit()) is not None and hit.page == 0
    pane.search_panel.set_query("dang")
    click_result(qtbot, pane, PLAN, 4, 2)  # "page 5", its third match
    assert_current_is_shown(qtbot, pane, 4, 2)


def test_a_session_result_with_another_query_searches_it_from_there(qtbot: QtBot, pane: ReaderPane,
                                                                     demo: DemoDocuments) -> None:
    show(qtbot, pane, loaded(PLAN, demo.plan))
    pane.set_index(index_of(demo), {PLAN: "Kế hoạch"})
    bar = pane.find_bar
    bar.activate()
    bar.set_query("chuyen doi so")
    qtbot.waitUntil(lambda: bar.current_hit() is not None, timeout=WAIT)
    pane.view.go_to_page(2)  # the reader moved on: the old current match stays on page 0
    pane.search_panel.set_query("dang")
    click_result(qtbot, pane, PLAN, 4, 1)
    assert_current_is_shown(qtbot, pane, 4, 1)


def test_a_session_result_in_another_document(qtbot: QtBot, pane: ReaderPane, demo: DemoDocuments) -> None:
    plan = loaded(PLAN, demo.plan)

    def open_it(entry: str, page: int) -> None:  # what the main window does: decrypt, then show
        assert entry == PLAN
        pane.pending_page = page
        QTimer.singleShot(10, lambda: pane.show_document(plan))

    pane.result_chosen.connect(open_it)
    show(qtbot, pane, loaded(AGENDA, demo.agenda))
    pane.set_index(index_of(demo), {PLAN: "Kế hoạch", AGENDA: "Chương trình"})
    bar = pane.find_bar
    bar.activate()
    bar.set_query("dang")
    qtbot.waitUntil(lambda: bar.current_hit() is not None, timeout=WAIT)
    bar.close_bar()  # hidden, the query kept
    pane.search_panel.set_query("dang")
    click_result(qtbot, pane, PLAN, 4, 3)
    qtbot.waitUntil(lambda: pane.view.document_id() == PLAN and pane.view.page_count() > 0, timeout=WAIT)
    assert_current_is_shown(qtbot, pane, 4, 3)


def test_indexing_progress_counts_pages(pane: ReaderPane) -> None:
    panel = pane.search_panel
    pane.index_progress(0, 13)  # SessionIndexer.progress: pages, and it starts before the index is set
    pane.set_index(SessionIndex(), {})
    assert panel.progress_text() == "Indexing… 0/13 pages"
    pane.index_progress(8, 13)
    assert panel.progress_text() == "Indexing… 8/13 pages"
    pane.index_progress(13, 13)
    assert panel.progress_text() == ""
    pane.set_index(None)
    pane.index_progress(2, 40)
    pane.set_index(SessionIndex(), {})
    assert panel.progress_text() == "Indexing… 2/40 pages"


def test_the_first_page_is_announced_by_the_view_s_signal(qtbot: QtBot, pane: ReaderPane,
                                                           demo: DemoDocuments) -> None:
    rendered: list[int] = []
    firsts: list[list[int]] = []
    pane.view.page_rendered.connect(rendered.append)
    pane.first_page_rendered.connect(lambda: firsts.append(list(rendered)))
    show(qtbot, pane, loaded(PLAN, demo.plan, start=2))
    qtbot.waitUntil(lambda: bool(rendered), timeout=WAIT)
    assert rendered[0] == 2 and len(firsts) == 1
    show(qtbot, pane, loaded(AGENDA, demo.agenda))  # each document shown is announced once
    assert len(firsts) == 2
    # the pane waits for the view's signal, not for images in the canvas
    pane.view.blockSignals(True)
    try:
        pane.show_document(loaded(PLAN, demo.plan))
        qtbot.waitUntil(lambda: settled(pane, 0), timeout=WAIT)
        pane.view.canvas.viewport().repaint()
        qtbot.wait(100)
        assert len(firsts) == 2
    finally:
        pane.view.blockSignals(False)
    with qtbot.waitSignal(pane.first_page_rendered, timeout=1000):
        pane.view.page_rendered.emit(0)
    assert len(firsts) == 3
