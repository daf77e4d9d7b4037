"""Painting the annotations (offscreen Qt, real render worker): a highlight tints its lines and
nothing else, by day (multiplied: the text stays black) and at night (on the inverted page: the
background tinted, the text still light); ink and underlines in their colours; the layers in
order; a busy page's cached picture equals the vector drawing."""

from __future__ import annotations

import math
import random

from annot_helpers import drag, make_view, open_doc, page_point, use_tool, wait_count
from notes_gui_helpers import highlight_payload
from PySide6.QtCore import QPoint, QRect, QRectF
from PySide6.QtGui import QColor, QImage, QPainter
from pytestqt.qtbot import QtBot

from paperless.core.notes import Annotation, AnnotationKind
from paperless.core.render import RenderWorker
from paperless.demo.factory import DemoDocuments
from paperless.gui.annotations.controller import AnnotationController
from paperless.gui.annotations.geometry import smooth_stroke
from paperless.gui.annotations.shape_cache import ShapeCache
from paperless.gui.annotations.tools import Tool
from paperless.gui.viewer import DocumentView, painting

pytest_plugins = ["annot_fixtures"]

WAIT = 15_000
BLOCK = 10  # report.pdf page 1: "Ban Thường vụ Tỉnh ủy đã lãnh đạo …"


def settled(view: DocumentView, night: bool) -> bool:
    image = view.canvas.images.get(0)
    return image is not None and image.key.night == night and image.scale == view.canvas.pages.scale


def highlight_first_line(qtbot: QtBot, view: DocumentView, controller: AnnotationController, key: str,
                         tool: Tool = Tool.HIGHLIGHT) -> Annotation:
    use_tool(view, tool)
    drag(qtbot, view.canvas.viewport(), [page_point(view, 0, 115, 393), page_point(view, 0, 300, 394),
                                         page_point(view, 0, 542, 394)])
    [made] = wait_count(qtbot, controller, key, 1)
    return made


def pixels(view: DocumentView, rect: tuple[float, float, float, float], shrink: int = 2) -> list[QColor]:
    image = view.canvas.viewport().grab().toImage()
    target = view.canvas.page_target(0)
    s = view.canvas.pages.scale
    box = QRect(QPoint(math.ceil(target.x() + rect[0] * s) + shrink, math.ceil(target.y() + rect[1] * s) + shrink),
                QPoint(math.floor(target.x() + rect[2] * s) - shrink, math.floor(target.y() + rect[3] * s) - shrink))
    return [image.pixelColor(x, y) for x in range(box.left(), box.right() + 1) for y in range(box.top(), box.bottom() + 1)]


def middle(colors: list[QColor]) -> QColor:
    """The median colour by lightness."""
    return sorted(colors, key=QColor.lightness)[len(colors) // 2]


def yellowish(c: QColor) -> bool:
    return c.red() > 180 and c.green() > 150 and c.blue() < c.red() - 70


def test_a_highlight_tints_its_line_by_day_and_the_text_stays_black(
        qtbot: QtBot, worker: RenderWorker, controller: AnnotationController, demo: DemoDocuments) -> None:
    view = make_view(qtbot, worker, controller)
    key = open_doc(qtbot, view, demo.report)
    before = pixels(view, (115, 386, 540, 401))
    assert not any(yellowish(c) for c in before)
    made = highlight_first_line(qtbot, view, controller, key)
    [rect] = made.payload["anchor"]["rects"]
    qtbot.wait(20)
    inside = pixels(view, tuple(rect[1:]))
    assert sum(map(yellowish, inside)) > 0.6 * len(inside)  # the paper between the letters is yellow
    assert min(c.lightness() for c in inside) < 60  # the letters are still black
    below = pixels(view, (rect[1], rect[4] + 3, rect[3], rect[4] + 14))  # the next line: untouched
    assert not any(yellowish(c) for c in below)


def test_at_night_a_highlight_tints_the_dark_page_and_the_text_stays_light(
        qtbot: QtBot, worker: RenderWorker, controller: AnnotationController, demo: DemoDocuments) -> None:
    view = make_view(qtbot, worker, controller)
    key = open_doc(qtbot, view, demo.report)
    made = highlight_first_line(qtbot, view, controller, key)
    view.set_night_mode(True)
    qtbot.waitUntil(lambda: settled(view, True), timeout=WAIT)
    qtbot.wait(20)
    [rect] = made.payload["anchor"]["rects"]
    inside = pixels(view, tuple(rect[1:]))
    paper = middle(inside)  # most pixels: the background
    assert paper.red() > 90 and paper.green() > 80 and paper.blue() < 60  # a dark yellow, not black
    assert max(c.lightness() for c in inside) > 200  # the letters are still light
    below = pixels(view, (rect[1], rect[4] + 3, rect[3], rect[4] + 14))
    background = middle(below)
    assert background.lightness() < 40  # the night page around it stays dark


def test_ink_and_underline_in_their_colours_by_day_and_night(
        qtbot: QtBot, worker: RenderWorker, controller: AnnotationController, demo: DemoDocuments) -> None:
    view = make_view(qtbot, worker, controller)
    key = open_doc(qtbot, view, demo.report)
    underline = highlight_first_line(qtbot, view, controller, key, Tool.UNDERLINE)
    use_tool(view, Tool.INK)
    drag(qtbot, view.canvas.viewport(), [page_point(view, 0, 150 + i, 470) for i in range(0, 160, 8)])
    wait_count(qtbot, controller, key, 2)
    qtbot.wait(20)
    [rect] = underline.payload["anchor"]["rects"]
    h = rect[4] - rect[2]
    line = pixels(view, (rect[1], rect[4] - 0.2 * h, rect[3], rect[4]), shrink=0)
    assert sum(1 for c in line if c.blue() > 150 and c.red() < 80) > 0.2 * len(line)  # blue under the words
    ink = pixels(view, (170, 469, 290, 471), shrink=0)
    assert sum(1 for c in ink if c.red() > 150 and c.green() < 90) > 0.6 * len(ink)  # red ink
    view.set_night_mode(True)
    qtbot.waitUntil(lambda: settled(view, True), timeout=WAIT)
    qtbot.wait(20)
    ink = pixels(view, (170, 469, 290, 471), shrink=0)
    assert sum(1 for c in ink if c.red() > 150 and c.green() < 120) > 0.6 * len(ink)  # still red on the dark page
    line = pixels(view, (rect[1], rect[4] - 0.2 * h, rect[3], rect[4]), shrink=0)
    assert sum(1 for c in line if c.blue() > 180 and c.lightness() > 90) > 0.2 * len(line)  # a lighter blue


def test_the_layers_are_painted_in_order(qtbot: QtBot, worker: RenderWorker, controller: AnnotationController,
                                         demo: DemoDocuments, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    view = make_view(qtbot, worker, controller)
    open_doc(qtbot, view, demo.report, watermark="Nguyễn Văn An")
    canvas = view.canvas
    canvas.highlights = {0: [(100, 100, 200, 120)]}
    canvas.select_band(QPoint(0, 0), QPoint(4000, 300))
    qtbot.waitUntil(lambda: bool(canvas.selection), timeout=WAIT)
    order: list[str] = []
    layer = view.annotating
    for name, owner, attr in (("image", painting, "draw_page_image"), ("hits", painting, "draw_hits"),
                              ("selection", painting, "fill_rects")):
        original = getattr(owner, attr)
        monkeypatch.setattr(owner, attr, lambda *a, _o=original, _n=name, **k: (order.append(_n), _o(*a, **k))[1])
    for name, attr in (("under", "paint_under"), ("over", "paint_over")):
        original = getattr(layer, attr)
        monkeypatch.setattr(layer, attr, lambda *a, _o=original, _n=name: (order.append(_n), _o(*a))[1])
    original_mark = canvas.watermark.draw
    monkeypatch.setattr(canvas.watermark, "draw", lambda *a: (order.append("watermark"), original_mark(*a))[1])
    canvas.viewport().repaint()
    first_page = order[: order.index("watermark") + 1]
    steps = [name for i, name in enumerate(first_page) if i == 0 or first_page[i - 1] != name]
    assert steps == ["image", "under", "hits", "selection", "over", "watermark"]  # hits fill rects too


def _busy_page() -> list[Annotation]:
    rnd = random.Random(7)
    made = []
    for i in range(120):
        x, y = rnd.uniform(40, 480), rnd.uniform(40, 780)
        raw = [(x + 2 * t, y + 9 * math.sin(t / 4)) for t in range(50)]
        made.append(Annotation(f"u{i}", "me", "s", "a" * 64, 0, AnnotationKind.INK, "#d32f2f",
                               {"strokes": [smooth_stroke(raw, 2.0)], "width": 2.0}, "", f"h{i}", False))
    made.append(Annotation("t", "me", "s", "a" * 64, 0, AnnotationKind.TEXTBOX, "#1565c0",
                           {"rect": [60, 60, 300, 100], "text": "Ý kiến: cần làm rõ", "font_size": 12.0}, "", "h", False))
    return made


def test_a_busy_page_is_cached_as_a_picture_that_matches_the_drawing(qapp) -> None:  # type: ignore[no-untyped-def]
    annotations = _busy_page()
    scale = 1.3
    target = QRectF(0, 0, math.ceil(595 * scale), math.ceil(842 * scale))
    images = []
    for raster in (False, True):
        cache = ShapeCache()
        shapes = cache.page(0, annotations)
        assert shapes.complexity >= ShapeCache.RASTER_FROM
        if not raster:
            cache.RASTER_FROM = 10**9  # type: ignore[misc]
        image = QImage(int(target.width()), int(target.height()), QImage.Format.Format_ARGB32_Premultiplied)
        image.fill(QColor("white"))
        for _ in range(2):  # the second paint uses the cached picture
            painter = QPainter(image)
            cache.paint(painter, 0, shapes, target, scale, False, 1.0)
            painter.end()
        images.append(image)
        assert bool(cache._rasters) is raster
    vector, picture = images
    differ = sum(1 for x in range(0, vector.width(), 3) for y in range(0, vector.height(), 3)
                 if abs(vector.pixelColor(x, y).red() - picture.pixelColor(x, y).red()) > 40
                 or abs(vector.pixelColor(x, y).green() - picture.pixelColor(x, y).green()) > 40)
    assert differ < 0.002 * (vector.width() // 3) * (vector.height() // 3)


def _changed(a: Annotation, hlc: str, **fields: object) -> Annotation:
    values = {**a.__dict__, "hlc": hlc, **fields}
    return Annotation(**values)


def test_a_busy_pages_picture_is_repaired_where_marks_changed_to_the_same_pixels(qapp) -> None:  # type: ignore[no-untyped-def]
    """Each change repairs the cached picture only where it matters, and the picture is then
    pixel for pixel what drawing the page again would give (1x and 1.5x screens)."""
    scale = 1.3
    target = QRectF(0, 0, math.ceil(595 * scale), math.ceil(842 * scale))

    def moved(a: Annotation, dx: float, dy: float) -> list[list[list[float]]]:
        return [[[x + dx, y + dy] for x, y in stroke] for stroke in a.payload["strokes"]]  # type: ignore[union-attr]

    for dpr in (1.0, 1.5):
        page = _busy_page()
        ink, box = page[5], page[-1]
        note = Annotation("n", "me", "s", "a" * 64, 0, AnnotationKind.NOTE, "#ffd400",
                          {"point": [ink.payload["strokes"][0][3][0], ink.payload["strokes"][0][3][1]],  # type: ignore[index]
                           "text": "Hỏi lại"}, "", "n1", False)
        mark = Annotation("hl", "me", "s", "a" * 64, 0, AnnotationKind.HIGHLIGHT, "#ffe066",
                          highlight_payload("a" * 64, 0, "Ban Thường vụ", (100, 140, 500, 152)), "", "hl1", False)
        edited = _changed(box, "t", payload={**box.payload, "text": "Đồng ý, bổ sung số liệu quý IV"})
        steps: list[tuple[str, list[Annotation]]] = [
            ("added a note over a stroke", [*page, note]),
            ("deleted a stroke", [a for a in [*page, note] if a.uuid != ink.uuid]),
            ("moved a stroke", [*page, note][:5] + [_changed(ink, "m", payload={**ink.payload,
                                                                                "strokes": moved(ink, 120, -60)})]
             + [*page, note][6:]),
            ("recoloured a stroke", [*page, note][:5] + [_changed(ink, "c", color="#1565c0")] + [*page, note][6:]),
            ("edited the text box", [*page[:-1], edited, note]),
            ("added a highlight", [*page[:-1], edited, note, mark]),  # not in the picture: nothing to repair
            ("deleted the note", [*page[:-1], edited, mark]),
        ]
        repairs = [1, 2, 3, 4, 5, 5, 6]
        cache = ShapeCache()

        def picture(c: ShapeCache, shown: list[Annotation], dpr: float = dpr) -> QImage:
            image = QImage(int(target.width()), int(target.height()), QImage.Format.Format_ARGB32_Premultiplied)
            painter = QPainter(image)
            c.paint(painter, 0, c.page(0, shown), target, scale, False, dpr)
            painter.end()
            return c._rasters[0].image

        picture(cache, page)
        for (what, shown), count in zip(steps, repairs, strict=True):
            cache.forget(a.uuid for a in shown)  # as the view does on a change
            repaired = picture(cache, shown)
            assert cache.incremental == count, what
            fresh = picture(ShapeCache(), shown)
            assert repaired == fresh, f"{what} at {dpr}x: {_differing(repaired, fresh)} pixels differ"


def _differing(a: QImage, b: QImage) -> int:
    return sum(1 for x in range(a.width()) for y in range(a.height()) if a.pixel(x, y) != b.pixel(x, y))


def test_a_marked_page_is_drawn_from_one_composed_image_repaired_in_place(
        qtbot: QtBot, worker: RenderWorker, controller: AnnotationController, demo: DemoDocuments) -> None:
    """The annotations are drawn onto a copy of the page image once; the screen is the same as
    painting them every frame, by day and at night, and after strokes, underlines and highlights
    come and go (each repaired in place where it is)."""
    view = make_view(qtbot, worker, controller)
    key = open_doc(qtbot, view, demo.report)
    highlight_first_line(qtbot, view, controller, key)
    layer, cache, viewport = view.annotating, view.annotating.shapes, view.canvas.viewport()

    def same_as_painted(what: str) -> None:
        viewport.repaint()
        with_image = viewport.grab().toImage()
        layer.composed = lambda page, image: None  # type: ignore[method-assign]  # painted every frame instead
        painted = viewport.grab().toImage()
        del layer.composed
        assert with_image == painted, what

    for night in (False, True):
        view.set_night_mode(night)
        qtbot.waitUntil(lambda n=night: settled(view, n), timeout=WAIT)
        same_as_painted(f"night={night}")
        assert cache._composed[0].night is night
    composed = cache._composed[0].image
    use_tool(view, Tool.INK)
    drag(qtbot, viewport, [page_point(view, 0, 150 + i, 470) for i in range(0, 160, 8)])
    wait_count(qtbot, controller, key, 2)
    same_as_painted("a stroke added")
    use_tool(view, Tool.UNDERLINE)
    drag(qtbot, viewport, [page_point(view, 0, 115, 410), page_point(view, 0, 542, 411)])
    wait_count(qtbot, controller, key, 3)
    same_as_painted("an underline added")
    assert cache._composed[0].image is composed  # repaired in place, never made again
    use_tool(view, Tool.HIGHLIGHT)
    drag(qtbot, viewport, [page_point(view, 0, 115, 425), page_point(view, 0, 542, 426)])
    [_, new] = wait_count(qtbot, controller, key, 2, AnnotationKind.HIGHLIGHT)
    same_as_painted("a highlight added")
    assert cache._composed[0].image is composed  # redone in place
    with qtbot.waitSignal(controller.changed, timeout=WAIT):
        controller.delete(new.uuid)
    same_as_painted("a highlight deleted")


def test_a_busy_composed_page_is_repaired_to_the_same_pixels(qapp) -> None:  # type: ignore[no-untyped-def]
    """The composed page (page image + highlights + 120 strokes and a text box) after each change
    equals composing it again from scratch, at 1x and 1.5x, by day and at night."""
    from paperless.gui.viewer.painting import to_qimage

    for dpr, night in ((1.0, False), (1.5, True)):
        scale = 1.3 * dpr
        page = _busy_page()
        mark = Annotation("hl", "me", "s", "a" * 64, 0, AnnotationKind.HIGHLIGHT, "#ffe066",
                          highlight_payload("a" * 64, 0, "Ban Thường vụ", (100, 140, 500, 152)), "", "hl1", False)
        ink = page[5]
        moved = _changed(ink, "m", payload={**ink.payload, "strokes": [[[x + 90, y - 40] for x, y in stroke]
                                                                      for stroke in ink.payload["strokes"]]})
        green = Annotation("hl2", "me", "s", "a" * 64, 0, AnnotationKind.HIGHLIGHT, "#8bd88b",  # over the yellow
                           highlight_payload("a" * 64, 0, "Thường vụ", (300, 138, 560, 150)), "", "hl2", False)
        steps = [[*page, mark], [*page, mark, green], [*page[:5], moved, *page[6:], mark, green],
                 [*page[:5], *page[6:], mark, green], [*page[:5], *page[6:], green],
                 [*page[:5], _changed(moved, "c", color="#1565c0"), *page[6:], green]]
        from paperless.core.render import Image

        w, h = round(595 * scale), round(842 * scale)
        grey = bytes([235, 235, 235]) * (w * h)
        source = Image(w, h, 3 * w, grey)
        qimage = to_qimage(source, dpr)
        cache = ShapeCache()
        cache.composed(0, cache.page(0, page), source, qimage, scale, night)
        for count, shown in enumerate(steps, 1):
            cache.forget(a.uuid for a in shown)
            repaired = cache.composed(0, cache.page(0, shown), source, qimage, scale, night)
            assert repaired is not None and cache.incremental == count
            fresh_cache = ShapeCache()
            fresh = fresh_cache.composed(0, fresh_cache.page(0, shown), source, qimage, scale, night)
            assert fresh is not None
            assert repaired == fresh, f"step {count} at {dpr}x: {_differing(repaired, fresh)} pixels differ"


def test_composed_pages_are_kept_within_their_memory_budget(qapp) -> None:  # type: ignore[no-untyped-def]
    from paperless.core.render import Image
    from paperless.gui.annotations.shape_cache import COMPOSED_BYTES
    from paperless.gui.viewer.painting import to_qimage

    w, h = 1588, 2246  # A4 at 200 %: 14 MB a copy
    cache = ShapeCache()
    shapes = cache.page(0, _busy_page())
    sources = [Image(w, h, 3 * w, bytes(3 * w * h)) for _ in range(4)]
    for page, source in enumerate(sources):
        assert cache.composed(page, shapes, source, to_qimage(source, 1.0), 2.0, False) is not None
    kept = list(cache._composed)
    assert kept == [2, 3]  # the last used, as many as fit
    assert sum(c.image.sizeInBytes() for c in cache._composed.values()) <= COMPOSED_BYTES
