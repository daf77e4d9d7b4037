"""DocumentView with a real RenderWorker on the demo documents (offscreen Qt)."""

from __future__ import annotations

import math
from collections.abc import Iterator
from pathlib import Path

import pymupdf
import pytest
from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QGuiApplication, QImage
from PySide6.QtWidgets import QTreeWidgetItem
from pytestqt.qtbot import QtBot

from paperless.core.render import RenderWorker
from paperless.demo.factory import DemoDocuments, write_demo_documents
from paperless.gui.tasks import Tasks
from paperless.gui.viewer import DocumentView, ZoomMode
from paperless.gui.viewer.layout import GAP
from paperless.gui.viewer.outline import TARGET

WAIT = 15000
WATERMARK = "Nguyễn Văn An — BTV phiên 12 — 16/01/2025"


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> DemoDocuments:
    return write_demo_documents(tmp_path_factory.mktemp("demo"))


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


def visible_pages(view: DocumentView) -> range:
    top = view.canvas.content_top()
    return view.canvas.pages.visible(top, top + view.canvas.viewport_size()[1])


def settled(view: DocumentView) -> bool:
    """Every visible page shows an image at the current zoom (or its error)."""
    scale = view.canvas.pages.scale
    pages = visible_pages(view)
    return bool(pages) and all(
        (p in view.canvas.images and view.canvas.images[p].scale == scale) or p in view.canvas.errors for p in pages
    )


def open_doc(qtbot: QtBot, view: DocumentView, path: Path | bytes, *, doc: str = "documents/0001.age",
             watermark: str | None = None, allow_copy: bool = True, start_page: int = 0) -> None:
    data = path if isinstance(path, bytes) else Path(path).read_bytes()
    with qtbot.waitSignal(view.document_loaded, timeout=WAIT):
        view.set_document(doc, data, title="Tài liệu", start_page=start_page, watermark=watermark,
                          allow_copy=allow_copy)
    qtbot.waitUntil(lambda: settled(view), timeout=WAIT)


def grab(view: DocumentView) -> QImage:
    return view.canvas.viewport().grab().toImage()


def page_point(view: DocumentView, page: int, x: float, y: float) -> QPoint:
    """Viewport position of a point (in PDF points) on a page."""
    target = view.canvas.page_target(page)
    scale = view.canvas.pages.scale
    return QPoint(round(target.x() + x * scale), round(target.y() + y * scale))


def test_opens_renders_and_reports_the_page(qtbot: QtBot, worker: RenderWorker, demo: DemoDocuments) -> None:
    view = make_view(qtbot, worker)
    seen: list[tuple[int, int]] = []
    view.page_changed.connect(lambda p, n: seen.append((p, n)))
    open_doc(qtbot, view, demo.plan)
    assert view.page_count() == 6 and view.current_page() == 0
    assert seen[-1] == (0, 6)
    image = view.canvas.images[0]
    dpr = view.canvas.viewport().devicePixelRatioF()
    assert image.qimage.width() == image.image.width and image.qimage.devicePixelRatio() == dpr
    assert image.qimage.format() == QImage.Format.Format_RGB888
    assert view.toolbar().page_box.value() == 1 and "6" in view.toolbar().total.text()


def test_navigation_by_call_and_keys(qtbot: QtBot, worker: RenderWorker, demo: DemoDocuments) -> None:
    view = make_view(qtbot, worker)
    open_doc(qtbot, view, demo.report)
    count = view.page_count()
    with qtbot.waitSignal(view.page_changed, check_params_cb=lambda p, n: (p, n) == (3, count)):
        view.go_to_page(3)
    assert view.canvas.content_top() == view.canvas.pages.rect(3).y - GAP
    with qtbot.waitSignal(view.page_changed, check_params_cb=lambda p, n: p == 4):
        qtbot.keyClick(view.canvas, Qt.Key.Key_PageDown)
    with qtbot.waitSignal(view.page_changed, check_params_cb=lambda p, n: p == 3):
        qtbot.keyClick(view.canvas, Qt.Key.Key_PageUp)
    with qtbot.waitSignal(view.page_changed, check_params_cb=lambda p, n: p == count - 1):
        qtbot.keyClick(view.canvas, Qt.Key.Key_End)
    qtbot.waitUntil(lambda: settled(view), timeout=WAIT)
    with qtbot.waitSignal(view.page_changed, check_params_cb=lambda p, n: p == 0):
        qtbot.keyClick(view.canvas, Qt.Key.Key_Home)
    top = view.canvas.content_top()
    qtbot.keyClick(view.canvas, Qt.Key.Key_Space)
    assert view.canvas.content_top() > top + view.canvas.viewport_size()[1] // 2
    qtbot.keyClick(view.canvas, Qt.Key.Key_Down)
    assert view.canvas.content_top() > top
    view.toolbar().page_box.setValue(3)  # the page number box (1-based)
    assert view.current_page() == 2


def test_zoom_changes_the_page_width(qtbot: QtBot, worker: RenderWorker, demo: DemoDocuments) -> None:
    view = make_view(qtbot, worker)
    open_doc(qtbot, view, demo.plan)
    vw, vh = view.canvas.viewport_size()
    page_w = 595.276
    assert view.zoom_mode() is ZoomMode.FIT_WIDTH
    assert view.page_width() == math.ceil(page_w * (vw - 2 * GAP) / page_w - 0.001)
    unit = view.canvas.logicalDpiX() / 72
    view.actual_size()
    assert view.page_width() == math.ceil(page_w * unit - 0.001)
    view.zoom_in()
    assert math.isclose(view.zoom_factor(), 1.1) and view.page_width() == math.ceil(page_w * 1.1 * unit - 0.001)
    view.zoom_out()
    view.zoom_out()
    assert math.isclose(view.zoom_factor(), 0.9)
    qtbot.keyClick(view.canvas, Qt.Key.Key_0, Qt.KeyboardModifier.ControlModifier)
    assert math.isclose(view.zoom_factor(), 1.0)
    qtbot.keyClick(view.canvas, Qt.Key.Key_Equal, Qt.KeyboardModifier.ControlModifier)
    assert math.isclose(view.zoom_factor(), 1.1)
    qtbot.keyClick(view.canvas, Qt.Key.Key_Minus, Qt.KeyboardModifier.ControlModifier)
    assert math.isclose(view.zoom_factor(), 1.0)
    view.fit_page()
    assert view.canvas.pages.rect(0).height <= vh - 2 * GAP + 1
    view.fit_width()
    assert view.page_width() == vw - 2 * GAP
    # the rendered image follows the zoom, 1:1 with the screen's device pixels
    view.set_zoom(1.5)
    qtbot.waitUntil(lambda: settled(view), timeout=WAIT)
    image = view.canvas.images[view.current_page()]
    dpr = view.canvas.viewport().devicePixelRatioF()
    assert image.image.width == math.ceil(page_w * 1.5 * unit * dpr - 0.001)
    assert view.toolbar().zoom_box.currentText() == "150%"


def test_ctrl_wheel_zooms_around_the_cursor(qtbot: QtBot, worker: RenderWorker, demo: DemoDocuments) -> None:
    from PySide6.QtGui import QWheelEvent

    view = make_view(qtbot, worker)
    open_doc(qtbot, view, demo.plan)
    before = view.zoom_factor()
    pos = QPointF(300, 200)
    event = QWheelEvent(pos, view.canvas.viewport().mapToGlobal(pos), QPoint(0, 0), QPoint(0, 120),
                        Qt.MouseButton.NoButton, Qt.KeyboardModifier.ControlModifier, Qt.ScrollPhase.NoScrollPhase,
                        False)
    QGuiApplication.sendEvent(view.canvas.viewport(), event)
    assert view.zoom_factor() > before and view.zoom_mode() is ZoomMode.CUSTOM


def test_watermark_is_painted_on_every_page(qtbot: QtBot, worker: RenderWorker, demo: DemoDocuments) -> None:
    plain = make_view(qtbot, worker)
    open_doc(qtbot, plain, demo.plan, doc="a")
    marked = make_view(qtbot, worker)
    open_doc(qtbot, marked, demo.plan, doc="b", watermark=WATERMARK)
    a, b = grab(plain), grab(marked)
    assert a.size() == b.size()
    target = plain.canvas.page_target(0).toAlignedRect()
    differ = darker = 0
    for y in range(max(0, target.top()), min(a.height(), target.bottom()), 3):
        for x in range(max(0, target.left()), min(a.width(), target.right()), 3):
            pa, pb = a.pixelColor(x, y), b.pixelColor(x, y)
            if pa != pb:
                differ += 1
                darker += pb.lightness() < pa.lightness()
                assert abs(pa.lightness() - pb.lightness()) < 60  # faint
    assert differ > 500 and darker > 0.9 * differ
    # the middle copy crosses the page centre: pixels differ around it
    cx, cy = target.center().x(), min(target.center().y(), a.height() - 40)
    near = sum(a.pixelColor(x, y) != b.pixelColor(x, y) for x in range(cx - 40, cx + 40, 2) for y in range(cy - 40, cy + 40, 2))
    assert near > 0
    # placeholders carry it too
    marked.canvas.images.clear()
    marked.canvas.viewport().repaint()
    plain.canvas.images.clear()
    plain.canvas.viewport().repaint()
    assert grab(plain) != grab(marked)


def test_night_mode_darkens_a_white_page(qtbot: QtBot, worker: RenderWorker, demo: DemoDocuments) -> None:
    view = make_view(qtbot, worker)
    open_doc(qtbot, view, demo.plan)
    corner = page_point(view, 0, 20, 20)  # the page's white margin
    assert grab(view).pixelColor(corner).lightness() > 240
    view.set_night_mode(True)
    assert view.toolbar().act_night.isChecked()
    qtbot.waitUntil(lambda: settled(view), timeout=WAIT)
    assert view.canvas.images[0].key.night
    assert grab(view).pixelColor(corner).lightness() < 20
    view.toolbar().act_night.trigger()
    assert not view.night_mode()


def test_internal_link_click_jumps(qtbot: QtBot, worker: RenderWorker, demo: DemoDocuments) -> None:
    view = make_view(qtbot, worker)
    open_doc(qtbot, view, demo.plan)
    qtbot.waitUntil(lambda: 0 in view.canvas.links, timeout=WAIT)
    link = next(k for k in view.canvas.links[0] if k.page == 2)
    x0, y0, x1, y1 = link.rect
    view.canvas.scroll_to(None, view.canvas.pages.rect(0).y + y0 * view.canvas.pages.scale - 200)
    pos = page_point(view, 0, (x0 + x1) / 2, (y0 + y1) / 2)
    qtbot.mouseMove(view.canvas.viewport(), pos)
    assert view.canvas.viewport().cursor().shape() == Qt.CursorShape.PointingHandCursor
    with qtbot.waitSignal(view.page_changed, check_params_cb=lambda p, n: p == 2):
        qtbot.mouseClick(view.canvas.viewport(), Qt.MouseButton.LeftButton, pos=pos)
    target_y = view.canvas.pages.rect(2).y + (link.y or 0) * view.canvas.pages.scale - GAP
    assert abs(view.canvas.content_top() - min(target_y, view.canvas.verticalScrollBar().maximum())) <= 1


def uri_pdf() -> bytes:
    doc = pymupdf.open()
    for _ in range(2):
        doc.new_page().insert_text((72, 100), "Trang có liên kết ngoài", fontsize=14)
    doc[0].insert_link({"kind": pymupdf.LINK_URI, "from": pymupdf.Rect(72, 200, 400, 260), "uri": "https://example.org/mat"})
    data: bytes = doc.tobytes()
    doc.close()
    return data


def test_external_link_is_shown_not_opened(qtbot: QtBot, worker: RenderWorker, monkeypatch: pytest.MonkeyPatch) -> None:
    from PySide6.QtGui import QDesktopServices

    opened: list[object] = []
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: opened.append(url))
    view = make_view(qtbot, worker)
    open_doc(qtbot, view, uri_pdf())
    qtbot.waitUntil(lambda: 0 in view.canvas.links, timeout=WAIT)
    pos = page_point(view, 0, 200, 230)
    qtbot.mouseMove(view.canvas.viewport(), pos)
    assert "https://example.org/mat" in view.canvas.viewport().toolTip()
    assert view.canvas.viewport().cursor().shape() == Qt.CursorShape.PointingHandCursor
    with qtbot.waitSignal(view.status_message, check_params_cb=lambda text: "https://example.org/mat" in text):
        qtbot.mouseClick(view.canvas.viewport(), Qt.MouseButton.LeftButton, pos=pos)
    assert opened == [] and view.current_page() == 0
    assert "https://example.org/mat" in view.toolbar().status.text()


def drag(qtbot: QtBot, view: DocumentView, start: QPoint, end: QPoint) -> None:
    vp = view.canvas.viewport()
    qtbot.mousePress(vp, Qt.MouseButton.LeftButton, pos=start)
    for i in range(1, 6):
        qtbot.mouseMove(vp, start + (end - start) * (i / 5))
    qtbot.mouseRelease(vp, Qt.MouseButton.LeftButton, pos=end)


def test_select_and_copy_vietnamese_text(qtbot: QtBot, worker: RenderWorker, demo: DemoDocuments) -> None:
    view = make_view(qtbot, worker)
    open_doc(qtbot, view, demo.plan)
    clipboard = QGuiApplication.clipboard()
    clipboard.setText("sentinel")
    with pymupdf.open(demo.plan) as pdf:  # where the title block is (the test may use PyMuPDF itself)
        top = pdf[0].search_for("KẾ HOẠCH")[0]
        bottom = pdf[0].search_for("trong các cơ quan Đảng")[0]
    drag(qtbot, view, page_point(view, 0, 60, top.y0 + 2), page_point(view, 0, 540, bottom.y1 - 2))
    qtbot.waitUntil(lambda: bool(view.canvas.selection), timeout=WAIT)
    with qtbot.waitSignal(view.status_message):
        qtbot.keyClick(view.canvas, Qt.Key.Key_C, Qt.KeyboardModifier.ControlModifier)
    text = clipboard.text()
    assert "KẾ HOẠCH" in text and "chuyển đổi số" in text and "Đảng" in text
    assert text == view.selected_text()
    # a click clears the selection
    qtbot.mouseClick(view.canvas.viewport(), Qt.MouseButton.LeftButton, pos=page_point(view, 0, 300, 600))
    assert view.selected_text() == ""


def test_copy_refused_when_not_allowed(qtbot: QtBot, worker: RenderWorker, demo: DemoDocuments) -> None:
    view = make_view(qtbot, worker)
    open_doc(qtbot, view, demo.plan, allow_copy=False)
    clipboard = QGuiApplication.clipboard()
    clipboard.setText("sentinel")
    messages: list[str] = []
    view.status_message.connect(messages.append)
    drag(qtbot, view, page_point(view, 0, 60, 200), page_point(view, 0, 540, 300))
    assert view.canvas.selection == {} and messages  # says selecting is not allowed
    view.canvas.select_band(QPointF(0, 0), QPointF(5000, 5000))  # even a forced selection
    qtbot.keyClick(view.canvas, Qt.Key.Key_C, Qt.KeyboardModifier.ControlModifier)
    assert clipboard.text() == "sentinel"
    assert "not allowed" in messages[-1]
    assert not view.copy_selection()


def broken_page_pdf() -> bytes:
    doc = pymupdf.open()
    for i in range(3):
        doc.new_page().insert_text((72, 100), f"Trang {i + 1}", fontsize=20)
    doc.xref_set_key(doc[1].xref, "MediaBox", "[0 0 14400 14400]")
    doc.xref_set_key(doc[1].xref, "UserUnit", "75000")
    data: bytes = doc.tobytes()
    doc.close()
    return data


def test_a_broken_page_shows_a_placeholder_and_the_rest_render(qtbot: QtBot, worker: RenderWorker) -> None:
    view = make_view(qtbot, worker, (900, 1400))
    view.set_zoom(0.1)
    open_doc(qtbot, view, broken_page_pdf())
    view.set_zoom(0.1)
    qtbot.waitUntil(lambda: 1 in view.canvas.errors and {0, 2} <= set(view.canvas.images), timeout=WAIT)
    assert 1 not in view.canvas.images
    assert view.canvas.errors[1]


def outline_tree(view: DocumentView) -> list[tuple[int, str, int]]:
    """The outline panel's entries in document order: (level, title, target page)."""
    entries: list[tuple[int, str, int]] = []

    def walk(item: QTreeWidgetItem | None, level: int) -> None:
        assert item is not None
        entries.append((level, item.text(0), item.data(0, TARGET)[0]))
        for i in range(item.childCount()):
            walk(item.child(i), level + 1)

    for i in range(view.outline.topLevelItemCount()):
        walk(view.outline.topLevelItem(i), 1)
    return entries


def test_thumbnails_and_outline_populate(qtbot: QtBot, worker: RenderWorker, demo: DemoDocuments) -> None:
    view = make_view(qtbot, worker)
    open_doc(qtbot, view, demo.plan)
    assert view.thumbnails.count() == 6
    qtbot.waitUntil(lambda: view.thumbnails.has_thumbnail(0) and view.thumbnails.has_thumbnail(1), timeout=WAIT)
    with pymupdf.open(demo.plan) as pdf:
        toc = [(level, title, page - 1) for level, title, page in pdf.get_toc()]  # the PDF's own bookmarks
    assert len(toc) == 17 and toc[0] == (1, "I. MỤC ĐÍCH, YÊU CẦU", 1) and toc[-1] == (1, "Phụ lục", 5)
    qtbot.waitUntil(lambda: view.outline.entry_count() > 0, timeout=WAIT)
    assert outline_tree(view) == toc  # every entry, nested as in the PDF, with its target page
    assert view.outline.entry_count() == len(toc)
    assert view.sidebar.isTabEnabled(1)
    first = view.outline.topLevelItem(0)
    assert first is not None and first.childCount() == 2 and first.isExpanded()
    with qtbot.waitSignal(view.page_changed, check_params_cb=lambda p, n: p == 1):
        view.outline.itemClicked.emit(first, 0)
    last = view.thumbnails.item(5)
    assert last is not None
    with qtbot.waitSignal(view.page_changed, check_params_cb=lambda p, n: p == 5):
        view.thumbnails.itemClicked.emit(last)
    assert view.thumbnails.currentRow() == 5


def test_highlights_scroll_the_current_hit_into_view(qtbot: QtBot, worker: RenderWorker, demo: DemoDocuments) -> None:
    view = make_view(qtbot, worker)
    open_doc(qtbot, view, demo.plan)
    with qtbot.waitSignal(view.page_changed, check_params_cb=lambda p, n: p == 4):
        view.set_highlights({1: [(90, 100, 200, 115)], 4: [(90, 300, 300, 315)]}, 4)
    assert view.canvas.highlights[4] and view.canvas.current_highlight == 4
    view.set_highlights({}, None)
    assert view.canvas.highlights == {}


def test_jumping_far_drops_stale_requests(qtbot: QtBot, worker: RenderWorker, demo: DemoDocuments) -> None:
    view = make_view(qtbot, worker)
    open_doc(qtbot, view, demo.long_plan, doc="long")
    first = worker.generation("long")
    for page in (10, 30, 60, 90):
        view.go_to_page(page)
    assert worker.generation("long") >= first + 4
    qtbot.waitUntil(lambda: settled(view), timeout=WAIT)
    assert view.current_page() == 90
    assert all(p >= 80 for p in view.canvas.images)  # far-away images were let go


def test_clear_and_failed_open(qtbot: QtBot, worker: RenderWorker, demo: DemoDocuments) -> None:
    view = make_view(qtbot, worker)
    open_doc(qtbot, view, demo.plan)
    with qtbot.waitSignal(view.page_changed, check_params_cb=lambda p, n: (p, n) == (-1, 0)):
        view.clear("Chọn một tài liệu")
    assert view.page_count() == 0 and view.canvas.message == "Chọn một tài liệu"
    with qtbot.waitSignal(view.load_failed, timeout=WAIT):
        view.set_document("bad", b"this is not a pdf", title="Hỏng", watermark=None, allow_copy=True)
    assert "Hỏng" in view.canvas.message
    view.canvas.viewport().repaint()  # paints the message without trouble


def test_opens_at_the_start_page(qtbot: QtBot, worker: RenderWorker, demo: DemoDocuments) -> None:
    view = make_view(qtbot, worker)
    seen: list[tuple[int, int]] = []
    view.page_changed.connect(lambda p, n: seen.append((p, n)))
    open_doc(qtbot, view, demo.report, start_page=3)
    assert view.current_page() == 3 and seen[-1][0] == 3
    assert 3 in view.canvas.images
    assert view.toolbar().page_box.value() == 4 and view.thumbnails.currentRow() == 3
