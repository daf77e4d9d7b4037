"""gui.search: the find bar over real words (from the demo plan) and the session search panel."""

from __future__ import annotations

import queue
import threading
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

import pymupdf
import pytest
from PySide6.QtCore import QEvent, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QFontDatabase, QKeySequence, QTextBlock, QTextDocument, QTextLine
from PySide6.QtWidgets import QApplication, QLineEdit, QVBoxLayout, QWidget
from pytestqt.qtbot import QtBot

from paperless.core.render.document import Word
from paperless.core.search import SessionIndex, WordLike, match_words
from paperless.demo.factory import document_titles, write_demo_documents
from paperless.gui.search import FindBar, FindHit, SearchPanel, WordsCallback
from paperless.gui.search.hit_delegate import HIT_ROLE, HTML_ROLE, MARGIN
from paperless.gui.tasks import Tasks

# the offscreen platform plugin says so whenever a top-level widget with a layout is shown
pytestmark = pytest.mark.qt_log_ignore(r"This plugin does not support propagateSizeHints\(\)")

FONT = Path(__file__).resolve().parents[1] / "resources" / "fonts" / "NotoSans-Regular.ttf"


@dataclass(frozen=True)
class Demo:
    words: dict[str, list[list[Word]]]  # document stem -> words of each page
    texts: dict[str, list[str]]
    titles: dict[str, str]


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Demo:
    docs = write_demo_documents(tmp_path_factory.mktemp("demo_gui"))
    words: dict[str, list[list[Word]]] = {}
    texts: dict[str, list[str]] = {}
    for path in docs.all():
        with pymupdf.open(path) as pdf:
            texts[path.stem] = [page.get_text() for page in pdf]
            words[path.stem] = [[Word(*w[:7]) for w in page.get_text("words")] for page in pdf]
    titles = {path.stem: document_titles()[path.name] for path in docs.all()}
    return Demo(words, texts, titles)


@pytest.fixture(scope="module")
def noto(qapp: QApplication) -> str:
    font_id = QFontDatabase.addApplicationFont(str(FONT))
    assert font_id >= 0
    return QFontDatabase.applicationFontFamilies(font_id)[0]


class ThreadedWordSource:
    """A real WordSource: answers from a worker thread, in request order, like the render worker."""

    def __init__(self, pages: Sequence[Sequence[WordLike]]) -> None:
        self.pages = pages
        self.requests: list[int] = []
        self._queue: queue.Queue[tuple[int, WordsCallback] | None] = queue.Queue()
        self._thread = threading.Thread(target=self._serve, daemon=True)
        self._thread.start()

    def request_words(self, page: int, callback: WordsCallback) -> None:
        self.requests.append(page)
        self._queue.put((page, callback))

    def _serve(self) -> None:
        while (job := self._queue.get()) is not None:
            page, callback = job
            callback(page, list(self.pages[page]) if 0 <= page < len(self.pages) else None)

    def stop(self) -> None:
        self._queue.put(None)
        self._thread.join(5)


@pytest.fixture
def source(demo: Demo) -> Iterator[ThreadedWordSource]:
    src = ThreadedWordSource(demo.words["kehoach_cds"])
    yield src
    src.stop()


@pytest.fixture
def host(qtbot: QtBot) -> QWidget:
    widget = QWidget()
    qtbot.addWidget(widget)
    QVBoxLayout(widget)
    widget.resize(640, 80)
    return widget


@pytest.fixture
def bar(qtbot: QtBot, host: QWidget, source: ThreadedWordSource) -> FindBar:
    find_bar = FindBar(Tasks(), host)
    layout = host.layout()
    assert layout is not None
    layout.addWidget(find_bar)
    find_bar.set_document(source, len(source.pages))
    find_bar.install_shortcuts(host)
    find_bar.hide()
    host.show()
    qtbot.waitExposed(host)
    host.activateWindow()
    return find_bar


def expected_total(pages: Sequence[Sequence[WordLike]], query: str) -> int:
    return sum(len(match_words(words, query)) for words in pages)


def type_query(qtbot: QtBot, bar: FindBar, text: str, total: int) -> None:
    bar.activate()
    type_text(qtbot, bar.line_edit(), text)
    qtbot.waitUntil(lambda: bar.count_text() == f"1/{total}", timeout=5000)


def type_text(qtbot: QtBot, edit: QLineEdit, text: str) -> None:
    """Key clicks for ASCII; Vietnamese letters come committed by the input method (QTest
    cannot make key events for them)."""
    if text.isascii():
        qtbot.keyClicks(edit, text)
    else:
        edit.insert(text)


# ---------------------------------------------------------------- find bar


def test_ctrl_f_shows_and_focuses_the_bar(qtbot: QtBot, host: QWidget, bar: FindBar) -> None:
    assert not bar.isVisible()
    qtbot.keySequence(host, QKeySequence(QKeySequence.StandardKey.Find))
    qtbot.waitUntil(bar.isVisible)
    qtbot.waitUntil(lambda: bar.line_edit().hasFocus())


def test_typing_counts_and_highlights_every_page(qtbot: QtBot, bar: FindBar, source: ThreadedWordSource) -> None:
    total = expected_total(source.pages, "chuyen doi so")
    assert total > 20
    with qtbot.waitSignal(bar.current_changed, timeout=5000) as first:
        type_query(qtbot, bar, "chuyen doi so", total)
    assert first.args is not None and first.args[0] == 0  # the search starts on the current page
    with qtbot.waitSignal(bar.highlights_changed, timeout=5000) as published:
        bar.find_next()
    page_rects, hit = published.args if published.args else ({}, None)
    expected = {p: [r for m in match_words(words, "chuyen doi so") for r in m] for p, words in enumerate(source.pages)}
    assert page_rects == {p: rects for p, rects in expected.items() if rects}
    assert isinstance(hit, FindHit) and hit.number == 2 and hit.total == total
    assert page_rects[hit.page][hit.first_rect : hit.first_rect + len(hit.rects)] == hit.rects
    assert sorted(source.requests) == list(range(len(source.pages)))  # each page asked for once


def test_next_and_previous_wrap_around(qtbot: QtBot, bar: FindBar, source: ThreadedWordSource) -> None:
    total = expected_total(source.pages, "Đảng")
    assert total >= 3
    assert expected_total(source.pages, "đang") < expected_total(source.pages, "dang")  # accents typed: exact
    type_query(qtbot, bar, "Đảng", total)
    edit = bar.line_edit()
    qtbot.keyClick(edit, Qt.Key.Key_Return, Qt.KeyboardModifier.ShiftModifier)
    assert bar.count_text() == f"{total}/{total}"
    qtbot.keyClick(edit, Qt.Key.Key_Return)
    assert bar.count_text() == f"1/{total}"
    qtbot.keyClick(edit, Qt.Key.Key_Enter)
    assert bar.count_text() == f"2/{total}"
    qtbot.keyClick(edit, Qt.Key.Key_F3)
    assert bar.count_text() == f"3/{total}"
    qtbot.keyClick(edit, Qt.Key.Key_F3, Qt.KeyboardModifier.ShiftModifier)
    assert bar.count_text() == f"2/{total}"
    pages = []
    for _ in range(total):
        with qtbot.waitSignal(bar.current_changed) as moved:
            bar.find_next()
        pages.append(moved.args[0] if moved.args else -1)
    assert bar.count_text() == f"2/{total}"
    assert sorted(pages[-2:] + pages[:-2]) == sorted(pages)
    hit = bar.current_hit()
    assert hit is not None and hit.number == 2


def test_no_results_state(qtbot: QtBot, bar: FindBar) -> None:
    bar.activate()
    type_text(qtbot, bar.line_edit(), "không có đâu xyz")
    qtbot.waitUntil(lambda: bar.count_text() == "No results", timeout=5000)
    assert bar.has_no_results() and bar.line_edit().property("noResults") is True
    assert bar.line_edit().styleSheet()
    bar.line_edit().clear()
    qtbot.waitUntil(lambda: bar.count_text() == "", timeout=2000)
    assert not bar.has_no_results() and bar.line_edit().styleSheet() == ""


def test_escape_hides_and_clears_the_highlights(qtbot: QtBot, bar: FindBar, source: ThreadedWordSource) -> None:
    type_query(qtbot, bar, "so", expected_total(source.pages, "so"))
    with qtbot.waitSignal(bar.highlights_changed) as cleared:
        qtbot.keyClick(bar.line_edit(), Qt.Key.Key_Escape)
    assert cleared.args == [{}, None]
    assert not bar.isVisible()


def test_the_search_starts_at_the_reader_s_page(qtbot: QtBot, bar: FindBar, source: ThreadedWordSource) -> None:
    bar.set_current_page(3)
    total = expected_total(source.pages, "chuyen doi so")
    bar.activate()
    qtbot.keyClicks(bar.line_edit(), "chuyen doi so")
    qtbot.waitUntil(lambda: bar.count_text().endswith(f"/{total}"), timeout=5000)
    hit = bar.current_hit()
    assert hit is not None and hit.page == 3 and hit.index == 0
    assert source.requests[0] == 3  # words asked for from the reader's page on


def test_search_from_a_page(qtbot: QtBot, bar: FindBar, source: ThreadedWordSource) -> None:
    total = expected_total(source.pages, "chuyen doi so")
    type_query(qtbot, bar, "chuyen doi so", total)
    bar.set_current_page(4)  # a current match exists: it stays
    assert (hit := bar.current_hit()) is not None and hit.page == 0
    with qtbot.waitSignal(bar.current_changed) as moved:
        bar.search_from(4)
    assert moved.args is not None and moved.args[0] >= 4
    hit = bar.current_hit()
    assert hit is not None and hit.page == moved.args[0] and hit.index == 0
    assert bar.count_text() == f"{hit.number}/{total}"


def test_a_new_document_forgets_the_old_words(qtbot: QtBot, bar: FindBar, demo: Demo) -> None:
    other = ThreadedWordSource(demo.words["agenda"])
    try:
        bar.activate()
        bar.set_query("chuyen doi so")
        bar.set_document(other, len(other.pages))
        total = expected_total(other.pages, "chuyen doi so")
        qtbot.waitUntil(lambda: bar.count_text() == f"1/{total}", timeout=5000)
        bar.set_document(None, 0)
        assert bar.count_text() == "No results"
    finally:
        other.stop()


def test_find_bar_retranslates_on_language_change(qtbot: QtBot, bar: FindBar) -> None:
    bar.line_edit().setPlaceholderText("")
    QApplication.sendEvent(bar, QEvent(QEvent.Type.LanguageChange))
    assert bar.line_edit().placeholderText() == "Find in document"
    assert bar.accessibleName() and bar.line_edit().accessibleName()


# ---------------------------------------------------------------- search panel


def index_of(texts: dict[str, list[str]]) -> SessionIndex:
    """An index of these documents' pages (document -> text of each page)."""
    index = SessionIndex()
    for doc, pages in texts.items():
        for number, text in enumerate(pages):
            index.add_page(doc, number, text)
    return index


@pytest.fixture
def panel(qtbot: QtBot, demo: Demo, noto: str) -> SearchPanel:
    index = index_of(demo.texts)
    widget = SearchPanel()
    qtbot.addWidget(widget)
    widget.setFont(QFont(noto, 10))
    widget.set_index(index, demo.titles)
    widget.resize(420, 560)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def test_panel_finds_the_pages(qtbot: QtBot, panel: SearchPanel, demo: Demo) -> None:
    qtbot.keyClicks(panel.query_edit(), "chuyen doi so")
    qtbot.waitUntil(lambda: bool(panel.hits()), timeout=3000)
    expected = [(h.doc, h.page) for h in index_of(demo.texts).search("chuyen doi so")]
    assert [(h.doc, h.page) for h in panel.hits()] == expected
    assert {doc for doc, _ in expected} >= {"kehoach_cds", "agenda"}
    assert panel.results_view().count() == len(expected)
    assert panel.count_text() == f"{len(expected)} result(s)"
    first = panel.results_view().item(0).text()
    assert first.startswith(demo.titles[expected[0][0]] + " · page " + str(expected[0][1] + 1))


def test_clicking_or_enter_opens_the_hit(qtbot: QtBot, panel: SearchPanel) -> None:
    panel.set_query("chuyen doi so")
    view = panel.results_view()
    row = 5
    hit = panel.hits()[row]
    view.scrollToItem(view.item(row))
    rect = view.visualItemRect(view.item(row))
    with qtbot.waitSignal(panel.open_hit) as opened:
        qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert opened.args == [hit.doc, hit.page, "chuyen doi so"]
    view.setFocus()
    view.setCurrentRow(2)
    with qtbot.waitSignal(panel.open_hit) as entered:
        qtbot.keyClick(view, Qt.Key.Key_Return)
    second = panel.hits()[2]
    assert entered.args == [second.doc, second.page, "chuyen doi so"]


def test_the_opened_result_says_which_match_of_its_page_it_is(qtbot: QtBot, panel: SearchPanel) -> None:
    panel.set_query("dang")
    assert panel.opened_hit() is None
    rows = [row for row, h in enumerate(panel.hits()) if (h.doc, h.page) == ("kehoach_cds", 4)]
    assert len(rows) == 4
    view = panel.results_view()
    item = view.item(rows[2])
    view.scrollToItem(item)
    with qtbot.waitSignal(panel.open_hit) as opened:
        qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=view.visualItemRect(item).center())
    assert opened.args == ["kehoach_cds", 4, "dang"]
    assert panel.opened_hit() == (panel.hits()[rows[2]], 2)


def test_keyboard_from_the_query_field(qtbot: QtBot, panel: SearchPanel) -> None:
    view = panel.results_view()
    panel.activateWindow()
    qtbot.waitUntil(panel.isActiveWindow)
    panel.focus_query()
    assert panel.query_edit().hasFocus()
    qtbot.keyClicks(panel.query_edit(), "Dang")
    with qtbot.waitSignal(panel.open_hit) as opened:
        qtbot.keyClick(panel.query_edit(), Qt.Key.Key_Return)  # Enter before the typing delay: search, open the first
    first = panel.hits()[0]
    assert opened.args == [first.doc, first.page, "Dang"]
    assert view.currentRow() == 0 and panel.query_edit().hasFocus()  # the opened result is marked; typing goes on
    qtbot.keyClick(panel.query_edit(), Qt.Key.Key_Down)
    assert view.hasFocus() and view.currentRow() == 0  # into the results, on the one opened
    qtbot.keyClick(view, Qt.Key.Key_Down)
    assert view.currentRow() == 1
    with qtbot.waitSignal(panel.open_hit) as second:
        qtbot.keyClick(view, Qt.Key.Key_Return)
    assert second.args == [panel.hits()[1].doc, panel.hits()[1].page, "Dang"]

    panel.focus_query()
    panel.set_query("chuyen doi so")  # a new search: no result is current yet
    assert view.currentRow() == -1 and panel.query_edit().hasFocus()
    qtbot.keyClick(panel.query_edit(), Qt.Key.Key_Down)
    assert view.hasFocus() and view.currentRow() == 0  # Down lands on the first result


def test_panel_accessibility_and_language_change(panel: SearchPanel) -> None:
    panel.set_query("dang")
    panel.results_view().setAccessibleName("")
    QApplication.sendEvent(panel, QEvent(QEvent.Type.LanguageChange))
    assert panel.results_view().accessibleName() == "Search results"
    assert panel.accessibleName() and panel.query_edit().accessibleName() and panel.query_edit().toolTip()
    assert panel.count_text().endswith("result(s)")


def test_progress_and_rerun_as_pages_arrive(qtbot: QtBot, demo: Demo) -> None:
    pages = demo.texts["quyhoach_dai"]
    early, complete = (index_of({"quyhoach_dai": pages[:n]}).search("quy hoach", 501) for n in (40, len(pages)))
    assert 0 < len(early) < len(complete) <= 500  # more matches as pages arrive, all under the limit
    index = SessionIndex()
    panel = SearchPanel(index)
    qtbot.addWidget(panel)
    panel.set_titles(demo.titles)
    panel.set_progress(0, 2000)
    assert panel.progress_text() == "Indexing… 0/2000 pages"
    panel.set_query("quy hoach")
    assert panel.count_text() == "No results yet" and panel.hits() == []
    for n in range(40):
        index.add_page("quyhoach_dai", n, pages[n])
    panel.set_progress(340, 2000)
    assert panel.progress_text() == "Indexing… 340/2000 pages"
    qtbot.waitUntil(lambda: bool(panel.hits()), timeout=3000)
    assert panel.hits() == early and panel.count_text() == f"{len(early)} result(s)"
    for n in range(40, len(pages)):
        index.add_page("quyhoach_dai", n, pages[n])
    panel.set_progress(len(pages), len(pages))
    qtbot.waitUntil(lambda: len(panel.hits()) > len(early), timeout=3000)
    assert panel.progress_text() == ""
    assert panel.hits() == complete
    panel.set_document_progress(2, 6)
    assert panel.progress_text() == f"Indexing… 2/6 documents ({len(pages)} pages)"
    panel.set_document_progress(6, 6)
    assert panel.progress_text() == ""
    assert panel.count_text() == f"{len(complete)} result(s)"
    assert panel.results_view().count() == len(complete)


def test_panel_no_results_and_accent_exact(qtbot: QtBot, panel: SearchPanel) -> None:
    panel.set_query("zzzz không thấy")
    assert panel.count_text() == "No results" and panel.results_view().count() == 0
    panel.set_query("Đảng")
    exact = len(panel.hits())
    panel.set_query("dang")
    assert 0 < exact < len(panel.hits())


def test_screenshot_of_the_results_shows_the_match_in_bold(qtbot: QtBot, panel: SearchPanel, tmp_path: Path) -> None:
    """The first result as painted: heading and snippet are inked where the delegate lays them
    out (same rich text, font and width), the match more heavily (bold) than the rest."""
    panel.set_query("chuyen doi so")
    view, item = panel.results_view(), panel.results_view().item(0)
    qtbot.wait(50)
    image = view.viewport().grab().toImage()
    assert image.save(str(tmp_path / "results.png")) and image.devicePixelRatio() == 1.0  # kept for a look
    hit, row = item.data(HIT_ROLE), QRectF(view.visualItemRect(item))
    doc = QTextDocument()
    doc.setDocumentMargin(0)
    doc.setDefaultFont(view.font())
    doc.setHtml(item.data(HTML_ROLE))
    doc.setTextWidth(row.width() - 2 * MARGIN)
    layout = doc.documentLayout()  # lays the text out: the blocks' lines exist from here on
    heading, snippet = doc.begin(), doc.begin().next()
    assert heading.text() == item.toolTip() and snippet.text() == hit.snippet and heading.layout().lineCount() == 1
    background = QColor(image.pixel(int(row.right()) - 2, int(row.center().y()))).lightness()

    def ink(block: QTextBlock, line: QTextLine, x0: float = 0.0, x1: float | None = None) -> float:
        """Mean darkness (0: blank) of a laid-out line of ``block``, or of x0..x1 along it."""
        top = row.top() + MARGIN + layout.blockBoundingRect(block).top() + line.y()
        right = line.naturalTextWidth() if x1 is None else x1
        r = QRectF(row.left() + MARGIN + x0, top, right - x0, line.height()).toAlignedRect()
        dark = [max(0, background - QColor(image.pixel(x, y)).lightness())
                for y in range(r.top(), r.bottom() + 1) for x in range(r.left(), r.right() + 1)]
        return sum(dark) / len(dark)

    assert ink(heading, heading.layout().lineAt(0)) > 5  # title and page
    lines = snippet.layout()
    line = lines.lineForTextPosition(hit.match_start)
    assert line.lineNumber() == lines.lineForTextPosition(hit.match_end).lineNumber() and lines.lineCount() > 1
    bold = ink(snippet, line, line.cursorToX(hit.match_start)[0], line.cursorToX(hit.match_end)[0])
    regular = [ink(snippet, lines.lineAt(i)) for i in range(lines.lineCount()) if i != line.lineNumber()]
    assert min(regular) > 5 and bold > 1.25 * max(regular), (bold, regular)


def test_moving_over_results_opens_nothing(qtbot: QtBot, panel: SearchPanel) -> None:
    """Qt's own ``entered`` (the pointer moved onto an item) must not open a result."""
    panel.set_query("chuyen doi so")
    view = panel.results_view()
    opened: list[object] = []
    panel.open_hit.connect(lambda *args: opened.append(args))
    for row in (1, 2, 3):
        view.entered.emit(view.model().index(row, 0))
    qtbot.wait(50)
    assert opened == []
