#!/usr/bin/env python3
"""Benchmark painting a page's annotation layer (issue 4: "a page with 200 annotations painted
without visible delay: the annotation layer under 4 ms per frame").

Page 1 of the demo report carries 200 annotations made as the tools make them: 100 text markups
(highlight, underline, strike-out over 1-3 real lines, anchored with ``core.anchoring``), 60 pen
strokes, 20 sticky notes and 20 text boxes with Vietnamese text. Each frame paints, into an image
the size of the viewport (as the window's backing store), exactly what the canvas paints for the
layer (``ShapeCache.paint``: merged paths, the busy page's marks from the cached picture). The
reference in the same run is painting the page's rendered image alone (``drawImage``, the
canvas' own first step). Last, whole repaints of a DocumentView showing the page (image,
border, watermark) with and without the 200 annotations. Reported: p50/p95/max per frame over --frames frames, by day and at night,
at fit width and at 200 %, each frame as the canvas paints it: the page image with all its
annotations composed onto it once (``ShapeCache.composed``); the first frame after one mark
(or highlight) is added, deleted, moved or recoloured (the page's shapes merged again, the
composed page repaired where the annotation was and is) and after everything is made from
scratch (another zoom, night mode); and, for comparison, the annotations painted every frame (the marks from
their cached picture, and all as vectors). Then the pointer moving over the page (each move hit-tests
the page's annotations, against their boxes alone as the reference).

    .venv/bin/python bench/bench_annotations.py [--frames 300]
"""

from __future__ import annotations

import argparse
import math
import os
import random
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

SRC = Path(__file__).resolve().parents[1] / "src"
if str(SRC) not in sys.path:
    sys.path.insert(0, str(SRC))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QObject, QRectF, Signal  # noqa: E402
from PySide6.QtGui import QColor, QImage, QPainter  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from paperless.core.anchoring import DocText, geometry_anchor, text_anchor  # noqa: E402
from paperless.core.notes import Annotation, AnnotationKind, Content, Ink, StickyNote, TextBox, TextMarkup  # noqa: E402
from paperless.core.render import PdfDocument  # noqa: E402
from paperless.demo.factory import write_demo_documents  # noqa: E402
from paperless.gui.annotations import geometry as geo  # noqa: E402
from paperless.gui.annotations.geometry import smooth_stroke, strokes_box  # noqa: E402
from paperless.gui.annotations.shape_cache import ShapeCache  # noqa: E402
from paperless.gui.annotations.tools import NOTE_ICON, PRESETS  # noqa: E402
from paperless.gui.viewer.painting import to_qimage  # noqa: E402

DOC = "ab" * 32
TEXTS = ("Cần làm rõ nguồn kinh phí", "Đề nghị bổ sung số liệu quý IV năm 2024", "Xem lại",
         "Ý kiến: thống nhất với dự thảo, đề nghị chỉnh sửa câu chữ mục 2")


def make(i: int, kind: AnnotationKind, color: str, page: int, content: Content) -> Annotation:
    return Annotation(f"u{i}", "me", "s", DOC, page, kind, color, content, "c", f"h{i}", False)


def annotations(doc: DocText, page: int, size: tuple[float, float], count: int = 200) -> list[Annotation]:
    rnd = random.Random(12)
    words = list(doc.page_words(page))
    made: list[Annotation] = []
    for i in range(count):
        slot = i % 10
        if slot < 5:
            kind = (AnnotationKind.HIGHLIGHT, AnnotationKind.HIGHLIGHT, AnnotationKind.HIGHLIGHT,
                    AnnotationKind.UNDERLINE, AnnotationKind.STRIKEOUT)[slot]
            g0 = rnd.randrange(len(words) - 40)
            g1 = g0 + rnd.randrange(3, 35)
            first, last = doc.ref(words[g0]), doc.ref(words[g1])
            anchor = text_anchor(doc, DOC, first, last)
            tone = rnd.choice(PRESETS[:5])
            color = tone.light if kind is AnnotationKind.HIGHLIGHT else tone.strong
            made.append(make(i, kind, color or tone.strong, page, TextMarkup(anchor=anchor, quote="…")))
        elif slot < 8:
            x, y = rnd.uniform(40, size[0] - 200), rnd.uniform(40, size[1] - 60)
            raw = [(x + 2.5 * t, y + 12 * math.sin(t / (3 + slot))) for t in range(70)]
            stroke = smooth_stroke(raw, 2.0)
            box = strokes_box([[(p[0], p[1]) for p in stroke]], 2.0)
            assert box is not None
            anchor = geometry_anchor(doc, DOC, page, [box])
            made.append(make(i, AnnotationKind.INK, rnd.choice(PRESETS).strong, page,
                             Ink(anchor=anchor, strokes=(tuple((x, y) for x, y in stroke),), width=2.0)))
        elif slot < 9:
            x, y = rnd.uniform(10, size[0] - 30), rnd.uniform(10, size[1] - 30)
            anchor = geometry_anchor(doc, DOC, page, [(x, y, x + NOTE_ICON, y + NOTE_ICON)])
            made.append(make(i, AnnotationKind.NOTE, PRESETS[0].light or "", page,
                             StickyNote(anchor=anchor, point=(x, y), text=rnd.choice(TEXTS))))
        else:
            x, y = rnd.uniform(20, size[0] - 220), rnd.uniform(20, size[1] - 60)
            rect = (x, y, x + 200, y + 36)
            anchor = geometry_anchor(doc, DOC, page, [rect])
            made.append(make(i, AnnotationKind.TEXTBOX, PRESETS[2].strong, page,
                             TextBox(anchor=anchor, rect=rect, text=rnd.choice(TEXTS), font_size=12.0)))
    return made


def moved(a: Annotation, dx: float, dy: float) -> Annotation:
    """``a`` dragged by (dx, dy) points, as the select tool saves it (a new version)."""
    if a.kind not in geo.MOVABLE_KINDS:  # a text markup does not move; it is recoloured instead
        return recoloured(a)
    return replace(a, content=geo.moved(a, dx, dy), hlc=a.hlc + "m")


def recoloured(a: Annotation) -> Annotation:
    return replace(a, color="#1565c0" if a.color != "#1565c0" else "#2e7d32", hlc=a.hlc + "c")


def frames(paint: Callable[[QPainter], None], target: QImage, count: int) -> list[float]:
    times = []
    for _ in range(count):
        painter = QPainter(target)
        start = time.perf_counter()
        paint(painter)
        times.append(time.perf_counter() - start)
        painter.end()
    return times


def stats(times: list[float]) -> tuple[float, float, float]:
    ms = sorted(t * 1e3 for t in times)
    q = statistics.quantiles(ms, n=100, method="inclusive")
    return q[49], q[94], ms[-1]


def row(label: str, times: list[float], reference: float | None = None) -> float:
    p50, p95, worst = stats(times)
    ratio = f"   x{p50 / reference:6.1f} the reference" if reference else ""
    print(f"  {label:<46} p50 {p50:7.3f} ms   p95 {p95:7.3f} ms   max {worst:7.3f} ms{ratio}")
    return p50


def at_zoom(label: str, qimage: QImage, zoom: float, page: list[Annotation], count: int) -> None:
    """Frames as the canvas paints them: the page image (with the highlights composed into it
    once, ``ShapeCache.composed``), then the marks (a cached picture, repaired on a change)."""
    target = QRectF(0, 0, qimage.width(), qimage.height())
    screen = QImage(min(qimage.width(), 1400), min(qimage.height(), 1000), QImage.Format.Format_ARGB32_Premultiplied)
    screen.fill(QColor(118, 118, 118))
    source = object()  # stands for the canvas' PageImage: the same object while the page is not re-rendered
    print(f"\n{label}: page {qimage.width()}x{qimage.height()} px, viewport {screen.width()}x{screen.height()} px, "
          f"{count} frames")
    reference = row("page image alone (drawImage)", frames(lambda p: p.drawImage(target.topLeft(), qimage),
                                                           screen, count))

    def frame(p: QPainter, cache: ShapeCache, annotations: list[Annotation], night: bool) -> None:
        shapes = cache.page(0, annotations)
        composed = cache.composed(0, shapes, source, qimage, zoom, night)
        p.drawImage(target.topLeft(), composed if composed is not None else qimage)
        if composed is None:
            cache.paint(p, 0, shapes, target, zoom, night, 1.0)

    for night in (False, True):
        cache = ShapeCache()
        row(f"page + annotations, {'night' if night else 'day'}", frames(
            lambda p, c=cache, n=night: frame(p, c, page, n), screen, count), reference)
    painted = ShapeCache()
    shapes = painted.page(0, page)

    def every_frame(p: QPainter) -> None:
        p.drawImage(target.topLeft(), qimage)
        painted.paint(p, 0, shapes, target, zoom, False, 1.0)

    row("page + annotations painted each frame (picture)", frames(every_frame, screen, count), reference)
    changing = ShapeCache()

    def redrawn(p: QPainter) -> None:
        changing.forget()  # everything dropped: merged, composed and drawn from scratch (as at a new zoom)
        frame(p, changing, page, False)

    row("first frame, everything made from scratch", frames(redrawn, screen, max(20, count // 10)), reference)
    rnd = random.Random(5)
    changes: dict[str, Callable[[list[Annotation], int], list[Annotation]]] = {
        "added": lambda anns, i: anns,  # the page before lacks one
        "deleted": lambda anns, i: anns[:i] + anns[i + 1:],
        "moved": lambda anns, i: anns[:i] + [moved(anns[i], 40.0, -25.0)] + anns[i + 1:],
        "recoloured": lambda anns, i: anns[:i] + [recoloured(anns[i])] + anns[i + 1:],
    }
    for marks in (True, False):
        for what, change in changes.items():
            def after_change(n: int, what: str = what, change: Callable[..., list[Annotation]] = change,
                             marks: bool = marks) -> list[float]:
                """The frame right after one annotation on the page changed."""
                times = []
                for _ in range(n):
                    i = rnd.choice([k for k, a in enumerate(page) if (a.kind is AnnotationKind.HIGHLIGHT) is not marks])
                    before, after = (page[:i] + page[i + 1:], page) if what == "added" else (page, change(page, i))
                    cache = ShapeCache()
                    first = QPainter(screen)
                    frame(first, cache, before, False)  # not timed
                    first.end()
                    then = QPainter(screen)
                    start = time.perf_counter()
                    cache.forget(a.uuid for a in after)
                    frame(then, cache, after, False)
                    times.append(time.perf_counter() - start)
                    then.end()
                return times

            if marks or what in ("added", "deleted", "recoloured"):
                kind = "mark" if marks else "highlight"
                row(f"first frame after one {kind} is {what}", after_change(max(20, count // 10)), reference)

    vector = ShapeCache()
    vector.RASTER_FROM = 10**9  # type: ignore[misc]
    vector_shapes = vector.page(0, page)

    def vectors(p: QPainter) -> None:
        p.drawImage(target.topLeft(), qimage)
        vector.paint(p, 0, vector_shapes, target, zoom, False, 1.0)

    row("page + annotations as vectors every frame", frames(vectors, screen, count), reference)


class _Mirror(QObject):
    """Stands in for the AnnotationController: its mirror and signals, no store."""

    changed = Signal(str)
    history_changed = Signal()
    ready = Signal()
    failed = Signal(object)
    active = True
    can_undo = can_redo = False

    def __init__(self, annotations: list[Annotation]) -> None:
        super().__init__()
        self._by_uuid = {a.uuid: a for a in annotations}

    def annotations(self, doc_hash: str) -> list[Annotation]:
        return list(self._by_uuid.values()) if doc_hash == DOC else []

    def find(self, uuid: str) -> Annotation | None:
        return self._by_uuid.get(uuid)


def hover(page: list[Annotation], size: tuple[float, float], count: int) -> None:
    """The pointer moving over the page with the Select tool: each move hit-tests the page's
    annotations (``geometry.hits``, as ``ToolInput.annotation_at`` does, 4 pixels of slack at
    150 %). The reference: the same moves tested against the annotations' boxes alone."""
    rnd = random.Random(3)
    spots = [(rnd.uniform(0, size[0]), rnd.uniform(0, size[1])) for _ in range(max(count, 1000))]
    boxes = [b for b in (geo.bbox(a, 0) for a in page) if b is not None]

    def moves(test: Callable[[float, float], object]) -> list[float]:
        times = []
        for x, y in spots:
            start = time.perf_counter()
            test(x, y)
            times.append(time.perf_counter() - start)
        return times

    print(f"\npointer moves over page 1 (Select tool), {len(spots)} moves")
    reference = row("the annotations' boxes alone", moves(lambda x, y: [b for b in boxes if geo.inside(b, x, y, 2)]))
    row("hit test of the 200 annotations", moves(lambda x, y: [a for a in page if geo.hits(a, 0, x, y, 4 / 1.5)]),
        reference)


def whole_frames(pdf_bytes: bytes, page: list[Annotation], count: int) -> None:
    """Full repaints of a DocumentView (page images, border, layer, watermark), with and without."""
    from paperless.core.render import RenderWorker
    from paperless.gui.tasks import Tasks
    from paperless.gui.viewer import DocumentView

    worker = RenderWorker()
    view = DocumentView(worker, Tasks())
    view.resize(1000, 1100)
    view.sidebar.hide()
    view.show()
    view.set_document("d", pdf_bytes, title="t", watermark="Nguyễn Văn An — BTV phiên 12", allow_copy=True,
                      doc_hash=DOC)
    app = QApplication.instance()
    deadline = time.monotonic() + 30
    while 0 not in view.canvas.images and time.monotonic() < deadline:
        app.processEvents()  # type: ignore[union-attr]
        time.sleep(0.005)
    viewport = view.canvas.viewport()
    print(f"\nthe whole canvas (DocumentView {viewport.width()}x{viewport.height()} px, page 1 at fit width, "
          f"watermark), {count} repaints")

    def repaints() -> list[float]:
        times = []
        for _ in range(count):
            start = time.perf_counter()
            viewport.repaint()
            times.append(time.perf_counter() - start)
        return times

    reference = row("frame without annotations", repaints())
    view.set_annotations(_Mirror(page))  # type: ignore[arg-type]
    row("frame with the 200 annotations", repaints(), reference)
    view.close()
    worker.shutdown()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--frames", type=int, default=300)
    args = parser.parse_args()
    app = QApplication.instance() or QApplication([])
    folder = Path(tempfile.mkdtemp(prefix="bench-annot-"))
    demo = write_demo_documents(folder)
    pdf = PdfDocument(demo.report.read_bytes())
    doc = DocText([pdf.words(i) for i in range(pdf.page_count)])
    size = (pdf.page_sizes()[0].width, pdf.page_sizes()[0].height)
    page = annotations(doc, 0, size)
    kinds = {k: sum(1 for a in page if a.kind is k) for k in AnnotationKind}
    print(f"Qt {app.platformName()} platform; page 1 of the demo report with {len(page)} annotations: "
          + ", ".join(f"{n} {k.value}" for k, n in kinds.items() if n))
    for label, zoom in (("fit width (900 px wide)", 900 / size[0]), ("200 %", 2 * 96 / 72)):
        rendered = pdf.render(0, zoom)  # kept: the QImage paints from its bytes
        at_zoom(label, to_qimage(rendered, 1.0), zoom, page, args.frames)
    hover(page, size, args.frames)
    whole_frames(demo.report.read_bytes(), page, args.frames)
    pdf.close()


if __name__ == "__main__":
    main()
