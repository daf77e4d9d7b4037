"""DocumentView in a main window (screenshot), on a high-DPI screen, with gestures, and the
rule that every PyMuPDF call happens on the render worker's thread."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QPointF, Qt
from PySide6.QtGui import QGuiApplication, QNativeGestureEvent, QPointingDevice
from PySide6.QtWidgets import QMainWindow
from pytestqt.qtbot import QtBot

from paperless.core.render import PdfDocument, RenderWorker
from paperless.demo.factory import DemoDocuments, write_demo_documents
from paperless.gui.tasks import Tasks
from paperless.gui.viewer import DocumentView

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


def settled(view: DocumentView) -> bool:
    top = view.canvas.content_top()
    pages = view.canvas.pages.visible(top, top + view.canvas.viewport_size()[1])
    scale = view.canvas.pages.scale
    return bool(pages) and all(p in view.canvas.images and view.canvas.images[p].scale == scale for p in pages)


@pytest.mark.qt_log_ignore("propagateSizeHints")  # the offscreen platform cannot size real windows
def test_main_window_screenshot(qtbot: QtBot, worker: RenderWorker, demo: DemoDocuments, tmp_path: Path) -> None:
    window = QMainWindow()
    qtbot.addWidget(window)
    view = DocumentView(worker, Tasks())
    window.setCentralWidget(view)
    window.addToolBar(view.toolbar())
    window.resize(1280, 860)
    window.show()
    qtbot.waitExposed(window)
    view.set_document("documents/0003.age", Path(demo.plan).read_bytes(), title="Kế hoạch chuyển đổi số",
                      watermark=WATERMARK, allow_copy=True)
    qtbot.waitUntil(lambda: settled(view), timeout=WAIT)
    qtbot.waitUntil(lambda: view.thumbnails.has_thumbnail(0), timeout=WAIT)
    shot = window.grab()
    out = tmp_path / "viewer_check.png"
    assert shot.save(str(out))
    image = shot.toImage()
    assert view.toolbar().isVisible() and view.toolbar().page_box.value() == 1
    # the page is mostly white paper with dark text, the window around it is not blank
    target = view.canvas.page_target(0).toAlignedRect()
    origin = view.canvas.viewport().mapTo(window, target.topLeft())
    samples = [image.pixelColor(origin.x() + dx, origin.y() + dy).lightness()
               for dx in range(20, min(target.width(), image.width() - origin.x()) - 20, 7)
               for dy in range(20, min(target.height(), image.height() - origin.y()) - 20, 7)]
    assert sum(s > 200 for s in samples) > 0.7 * len(samples)
    assert sum(s < 100 for s in samples) > 0.005 * len(samples)


def test_native_pinch_zooms(qtbot: QtBot, worker: RenderWorker, demo: DemoDocuments) -> None:
    view = DocumentView(worker, Tasks())
    qtbot.addWidget(view)
    view.resize(900, 700)
    view.show()
    with qtbot.waitSignal(view.document_loaded, timeout=WAIT):
        view.set_document("d", Path(demo.agenda).read_bytes(), title="x", watermark=None, allow_copy=True)
    before = view.zoom_factor()
    pos = QPointF(200, 200)
    event = QNativeGestureEvent(Qt.NativeGestureType.ZoomNativeGesture, QPointingDevice.primaryPointingDevice(), 2,
                                pos, pos, view.canvas.viewport().mapToGlobal(pos), 0.5, QPointF(0, 0), 0)
    QGuiApplication.sendEvent(view.canvas.viewport(), event)
    assert abs(view.zoom_factor() - before * 1.5) < 0.01


class ThreadRecordingDocument(PdfDocument):
    """Records the thread of every call into the PyMuPDF wrapper."""

    threads: set[int]

    def __init__(self, data: bytes) -> None:
        self.threads = {threading.get_ident()}
        super().__init__(data)

    def __getattribute__(self, name: str) -> Any:
        if not name.startswith("__") and name != "threads":
            object.__getattribute__(self, "threads").add(threading.get_ident())
        return object.__getattribute__(self, name)


def test_the_view_never_calls_pymupdf_on_the_gui_thread(qtbot: QtBot, demo: DemoDocuments) -> None:
    made: list[ThreadRecordingDocument] = []

    def factory(data: bytes) -> PdfDocument:
        made.append(ThreadRecordingDocument(data))
        return made[-1]

    worker = RenderWorker(document_factory=factory)
    try:
        view = DocumentView(worker, Tasks())
        qtbot.addWidget(view)
        view.resize(900, 700)
        view.show()
        with qtbot.waitSignal(view.document_loaded, timeout=WAIT):
            view.set_document("d", Path(demo.plan).read_bytes(), title="x", watermark=WATERMARK, allow_copy=True)
        qtbot.waitUntil(lambda: settled(view) and 0 in view.canvas.links, timeout=WAIT)
        qtbot.waitUntil(lambda: view.outline.entry_count() > 0 and view.thumbnails.has_thumbnail(0), timeout=WAIT)
        view.canvas.select_band(QPointF(0, 0), QPointF(2000, 600))
        qtbot.waitUntil(lambda: bool(view.canvas.selection), timeout=WAIT)
        view.set_night_mode(True)
        view.zoom_in()
        view.go_to_page(4)
        qtbot.waitUntil(lambda: settled(view), timeout=WAIT)
        view.clear()
    finally:
        worker.shutdown()
    assert made and made[0].threads == {worker.thread_ident}
    assert threading.get_ident() not in made[0].threads


HIDPI_SCRIPT = r"""
import json, sys, time
from pathlib import Path
from PySide6.QtWidgets import QApplication
from paperless.core.render import RenderWorker
from paperless.gui.tasks import Tasks
from paperless.gui.viewer import DocumentView
app = QApplication([])
worker = RenderWorker()
view = DocumentView(worker, Tasks())
view.resize(800, 600)
view.show()
view.set_document("d", Path(sys.argv[1]).read_bytes(), title="x", watermark="W", allow_copy=True)
deadline = time.time() + 20
while time.time() < deadline and 0 not in view.canvas.images:
    app.processEvents()
    time.sleep(0.01)
image = view.canvas.images[0]
print(json.dumps({"dpr": view.canvas.viewport().devicePixelRatioF(), "image_width": image.image.width,
                  "page_width": view.page_width(), "qimage_dpr": image.qimage.devicePixelRatio()}))
view.canvas.viewport().grab()
worker.shutdown()
"""


def test_high_dpi_renders_at_device_pixels(demo: DemoDocuments) -> None:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "QT_SCALE_FACTOR": "2"}
    out = subprocess.run([sys.executable, "-c", HIDPI_SCRIPT, str(demo.agenda)], env=env, capture_output=True,
                         text=True, timeout=120, check=True)
    facts = json.loads(out.stdout.strip().splitlines()[-1])
    assert facts["dpr"] == 2.0 and facts["qimage_dpr"] == 2.0
    assert abs(facts["image_width"] - 2 * facts["page_width"]) <= 2
