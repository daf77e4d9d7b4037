"""Zoomed far in, where a whole page would be too big to render as one image: the page is
drawn enlarged from a smaller image and the part on screen is made sharp by tiles rendered
at the exact scale."""

from __future__ import annotations

from pytestqt.qtbot import QtBot
from test_viewer_document_view import WAIT, demo, grab, make_view, open_doc, settled, worker  # noqa: F401

from paperless.core.render import PdfDocument, RenderWorker
from paperless.demo.factory import DemoDocuments
from paperless.gui.viewer.tiles import TILE


def test_far_zoom_is_sharp_from_tiles(qtbot: QtBot, worker: RenderWorker, demo: DemoDocuments) -> None:  # noqa: F811
    view = make_view(qtbot, worker, (1000, 760))
    open_doc(qtbot, view, demo.plan, start_page=1)
    view.set_zoom(8.0)  # 800 %: an A4 page would be ~34 Mpx
    qtbot.waitUntil(lambda: settled(view), timeout=WAIT)
    requests = view.requests
    dpr = view.canvas.viewport().devicePixelRatioF()
    page = view.current_page()
    whole = requests.key(page, dpr)
    exact = round(view.canvas.pages.scale * dpr, 5)
    assert whole.scale < exact  # the page image is smaller than the screen needs
    qtbot.waitUntil(lambda: bool(view.canvas.tiles.get(page)) and not requests.requested, timeout=WAIT)
    tiles = view.canvas.tiles[page]
    assert all(t.key.scale == exact and t.key.clip is not None for t in tiles.values())
    assert all(x1 - x0 == TILE for x0, _y0, x1, _y1 in tiles)
    qtbot.wait(50)
    shot = grab(view)
    target = view.canvas.page_target(page)
    reference = PdfDocument(demo.plan.read_bytes())
    # the middle of the viewport, as the page rendered at the exact scale shows it
    cx, cy = shot.width() // 2, shot.height() // 2
    px, py = int((cx - target.left()) * dpr), int((cy - target.top()) * dpr)
    crop = reference.render(page, exact, clip=(px - 100, py - 100, px + 100, py + 100))
    ink = same = 0
    for dy in range(0, 200, 2):
        for dx in range(0, 200, 2):
            want = crop.samples[dy * crop.stride + 3 * dx: dy * crop.stride + 3 * dx + 3]
            if min(want) > 200:
                continue  # paper: the same sharp or soft; the letters' pixels tell
            ink += 1
            got = shot.pixelColor(cx - 100 + dx, cy - 100 + dy)
            same += abs(got.red() - want[0]) + abs(got.green() - want[1]) + abs(got.blue() - want[2]) < 40
    assert ink > 200 and same >= 0.9 * ink, (same, ink)  # on screen: the sharp render, pixel for pixel
    reference.close()


def test_tiles_go_when_zoomed_back_out(qtbot: QtBot, worker: RenderWorker, demo: DemoDocuments) -> None:  # noqa: F811
    view = make_view(qtbot, worker, (1000, 760))
    open_doc(qtbot, view, demo.plan, start_page=1)
    view.set_zoom(8.0)
    qtbot.waitUntil(lambda: bool(view.canvas.tiles), timeout=WAIT)
    view.set_zoom(1.0)
    qtbot.waitUntil(lambda: settled(view), timeout=WAIT)
    assert not any(view.canvas.tiles.values())
