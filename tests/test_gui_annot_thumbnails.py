"""The member's marks show on the page thumbnails too: drawn when a thumbnail arrives, drawn
again when the page's annotations change (added, deleted, undone), and only for that page."""

from __future__ import annotations

from annot_helpers import make_view, open_doc
from PySide6.QtGui import QImage
from pytestqt.qtbot import QtBot

from paperless.core.notes import AnnotationKind
from paperless.core.render import RenderWorker
from paperless.demo.factory import DemoDocuments
from paperless.gui.annotations.controller import AnnotationController
from paperless.gui.viewer import DocumentView

pytest_plugins = ["annot_fixtures"]

WAIT = 15_000


def icon(view: DocumentView, page: int) -> QImage:
    panel = view.thumbnails
    item = panel.item(page)
    assert item is not None
    return item.icon().pixmap(panel.iconSize(), panel.devicePixelRatioF()).toImage()


def reddish(image: QImage) -> int:
    """Pixels clearly red (the pen's red on white paper), sampled every other pixel."""
    count = 0
    for y in range(0, image.height(), 2):
        for x in range(0, image.width(), 2):
            c = image.pixelColor(x, y)
            if c.red() > 150 and c.green() < 90 and c.blue() < 90:
                count += 1
    return count


def test_thumbnails_show_the_marks_and_follow_their_changes(
        qtbot: QtBot, worker: RenderWorker, controller: AnnotationController, demo: DemoDocuments) -> None:
    view = make_view(qtbot, worker, controller)
    view.sidebar.show()
    key = open_doc(qtbot, view, demo.report)
    panel = view.thumbnails
    qtbot.waitUntil(lambda: panel.has_thumbnail(0) and panel.has_thumbnail(1), timeout=WAIT)
    assert reddish(icon(view, 0)) == 0 == reddish(icon(view, 1))  # the report has no red

    strokes = [[[80.0, 200.0 + 40 * i], [520.0, 220.0 + 40 * i]] for i in range(8)]
    with qtbot.waitSignal(controller.changed, timeout=WAIT):
        controller.add(key, 0, AnnotationKind.INK, "#d32f2f", {"strokes": strokes, "width": 12.0})
    qtbot.waitUntil(lambda: reddish(icon(view, 0)) > 40, timeout=WAIT)
    assert reddish(icon(view, 1)) == 0  # only the page marked

    [ink] = controller.annotations(key)
    with qtbot.waitSignal(controller.changed, timeout=WAIT):
        controller.delete(ink.uuid)
    qtbot.waitUntil(lambda: reddish(icon(view, 0)) == 0, timeout=WAIT)  # gone again, the page as it was
    with qtbot.waitSignal(controller.changed, timeout=WAIT):
        controller.undo()
    qtbot.waitUntil(lambda: reddish(icon(view, 0)) > 40, timeout=WAIT)


def test_a_thumbnail_arriving_for_a_marked_page_has_its_marks(
        qtbot: QtBot, worker: RenderWorker, controller: AnnotationController, demo: DemoDocuments) -> None:
    view = make_view(qtbot, worker, controller)
    key = open_doc(qtbot, view, demo.report)  # thumbnails hidden: none asked for yet
    with qtbot.waitSignal(controller.changed, timeout=WAIT):
        controller.add(key, 2, AnnotationKind.INK, "#d32f2f",
                       {"strokes": [[[100.0, 300.0], [500.0, 320.0]]], "width": 20.0})
    view.sidebar.show()
    view.thumbnails.show_page(2)
    qtbot.waitUntil(lambda: view.thumbnails.has_thumbnail(2), timeout=WAIT)
    assert reddish(icon(view, 2)) > 20
