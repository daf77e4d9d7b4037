"""Where an annotation is on its page, and how it moves (pure Python: PDF points, top-left origin).

Works on the typed content of the records (:mod:`paperless.core.notes.content`), checked when
the record was made: text markups take their lines from the anchor, ink has its strokes and
width, a sticky note its point (the icon's top-left corner), a text box its rect. Nothing here
checks the content again, and nothing is remembered between calls (an ink's bounding box is
kept by its content, once per version).

Ink strokes are smoothed here too: the raw pointer path is thinned (Ramer–Douglas–Peucker),
rounded off (Chaikin's corner cutting) and thinned again, so that what is stored is a short
polyline that already looks smooth in any PDF reader; the canvas draws it with quadratic curves
through the midpoints on top of that.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import replace

from paperless.core.anchoring import PageRect
from paperless.core.notes import Annotation, AnnotationKind, Content, Ink, StickyNote, TextBox, TextMarkup

from .tools import NOTE_ICON

Box = tuple[float, float, float, float]
Point = tuple[float, float]

TEXT_KINDS = frozenset({AnnotationKind.HIGHLIGHT, AnnotationKind.UNDERLINE, AnnotationKind.STRIKEOUT})
MOVABLE_KINDS = frozenset({AnnotationKind.INK, AnnotationKind.NOTE, AnnotationKind.TEXTBOX})
RESIZABLE_KINDS = frozenset({AnnotationKind.INK, AnnotationKind.TEXTBOX})
MIN_BOX = 8.0  # points: a text box or scaled ink never gets smaller than this


# ---- where it is --------------------------------------------------------------------------------

def pages_of(annotation: Annotation) -> list[int]:
    """The pages an annotation is on: a text markup's line pages (a page break: two), else its page."""
    content = annotation.content
    return list(content.pages) if isinstance(content, TextMarkup) else [annotation.page]


def line_rects(annotation: Annotation, page: int) -> list[Box]:
    """A text markup's line rectangles on ``page``."""
    content = annotation.content
    return content.lines_on(page) if isinstance(content, TextMarkup) else []


def union(boxes: Sequence[Box]) -> Box | None:
    if not boxes:
        return None
    return (min(b[0] for b in boxes), min(b[1] for b in boxes), max(b[2] for b in boxes), max(b[3] for b in boxes))


def strokes_box(strokes: Sequence[Sequence[Point]], width: float = 0.0) -> Box | None:
    pts = [p for s in strokes for p in s]
    if not pts:
        return None
    h = width / 2
    return (min(p[0] for p in pts) - h, min(p[1] for p in pts) - h, max(p[0] for p in pts) + h,
            max(p[1] for p in pts) + h)


def note_box(point: Point) -> Box:
    """A sticky note's icon on the page."""
    return point[0], point[1], point[0] + NOTE_ICON, point[1] + NOTE_ICON


def bbox(annotation: Annotation, page: int) -> Box | None:
    """The annotation's bounding box on ``page`` (None if it has nothing there)."""
    content = annotation.content
    if isinstance(content, TextMarkup):
        return union(content.lines_on(page))
    if annotation.page != page:
        return None
    if isinstance(content, Ink):
        return content.bounds
    if isinstance(content, StickyNote):
        return note_box(content.point)
    return content.rect


# ---- hit testing ------------------------------------------------------------------------------

def segment_distance(p: Point, a: Point, b: Point) -> float:
    ax, ay = a
    dx, dy = b[0] - ax, b[1] - ay
    length = dx * dx + dy * dy
    t = 0.0 if length == 0 else max(0.0, min(1.0, ((p[0] - ax) * dx + (p[1] - ay) * dy) / length))
    return math.hypot(p[0] - (ax + t * dx), p[1] - (ay + t * dy))


def stroke_distance(p: Point, stroke: Sequence[Point]) -> float:
    if len(stroke) == 1:
        return math.hypot(p[0] - stroke[0][0], p[1] - stroke[0][1])
    return min(segment_distance(p, stroke[i], stroke[i + 1]) for i in range(len(stroke) - 1))


def inside(box: Box, x: float, y: float, slack: float = 0.0) -> bool:
    return box[0] - slack <= x <= box[2] + slack and box[1] - slack <= y <= box[3] + slack


def hits(annotation: Annotation, page: int, x: float, y: float, slack: float) -> bool:
    """Whether point (x, y) on ``page`` touches a saved annotation (``slack``: points of tolerance)."""
    content = annotation.content
    if isinstance(content, TextMarkup):
        return any(inside(b, x, y, slack / 2) for b in content.lines_on(page))
    if isinstance(content, Ink):
        if annotation.page != page:
            return False
        reach = content.width / 2 + slack
        if not inside(content.bounds, x, y, slack):  # the bounds already hold half the pen
            return False
        return any(stroke_distance((x, y), s) <= reach for s in content.strokes)
    box = bbox(annotation, page)
    return box is not None and inside(box, x, y, slack / 2)


def touches_path(annotation: Annotation, page: int, path: Sequence[Point], radius: float) -> bool:
    """Whether an eraser dragged along ``path`` (points on ``page``) with ``radius`` touches saved ink."""
    content = annotation.content
    if not isinstance(content, Ink) or annotation.page != page or not path:
        return False
    reach = content.width / 2 + radius
    near = [p for p in _densify(path, radius) if inside(content.bounds, p[0], p[1], radius)]
    return any(stroke_distance(p, s) <= reach for p in near for s in content.strokes)


def _densify(path: Sequence[Point], step: float) -> list[Point]:
    """The path with extra points so that no two are more than ``step`` apart."""
    out = [path[0]]
    for a, b in zip(path, path[1:], strict=False):
        n = max(1, math.ceil(math.hypot(b[0] - a[0], b[1] - a[1]) / max(step, 0.5)))
        out.extend((a[0] + (b[0] - a[0]) * i / n, a[1] + (b[1] - a[1]) * i / n) for i in range(1, n + 1))
    return out


# ---- moving and resizing ----------------------------------------------------------------------

def _r(v: float) -> float:
    return round(v, 2)


def _with_anchor_moved(content: Content, page: int, transform: Callable[[Box], Box]) -> Content:
    anchor = content.anchor
    if anchor is None:
        return content
    rects = tuple(PageRect(page, *transform((r.x0, r.y0, r.x1, r.y1))) for r in anchor.rects)
    return replace(content, anchor=replace(anchor, page=page, rects=rects))


def clamp_shift(box: Box, dx: float, dy: float, page_size: tuple[float, float]) -> tuple[float, float]:
    """``(dx, dy)`` reduced so that ``box`` moved by it stays on the page (as far as it fits)."""
    w, h = page_size
    dx = min(max(dx, -box[0]), w - box[2]) if box[2] - box[0] <= w else -box[0]
    dy = min(max(dy, -box[1]), h - box[3]) if box[3] - box[1] <= h else -box[1]
    return dx, dy


def moved(annotation: Annotation, dx: float, dy: float) -> Content:
    """The content of a movable annotation shifted by (dx, dy) points (its anchor too), to 1/100
    point; a text markup's is unchanged (it follows its text)."""
    content = annotation.content
    if isinstance(content, TextMarkup):
        return content
    shifted = content.moved(dx, dy, digits=2)
    return _with_anchor_moved(shifted, annotation.page,
                              lambda r: (_r(r[0] + dx), _r(r[1] + dy), _r(r[2] + dx), _r(r[3] + dy)))


def resized(annotation: Annotation, old: Box, new: Box) -> Content:
    """The content of a text box given the rectangle ``new``, or of ink scaled from box ``old``
    to box ``new`` (the pen's width is kept); other kinds' unchanged."""
    content = annotation.content
    x0, y0, x1, y1 = new

    def scale(p: Point) -> Point:
        fx = (p[0] - old[0]) / (old[2] - old[0]) if old[2] > old[0] else 0.0
        fy = (p[1] - old[1]) / (old[3] - old[1]) if old[3] > old[1] else 0.0
        return x0 + fx * (x1 - x0), y0 + fy * (y1 - y0)

    if isinstance(content, TextBox):
        changed: Content = replace(content, rect=(_r(x0), _r(y0), _r(x1), _r(y1)))
    elif isinstance(content, Ink):
        changed = replace(content, strokes=tuple(tuple((_r(q[0]), _r(q[1])) for q in (scale(p) for p in s))
                                                 for s in content.strokes))
    else:
        return content

    def box(r: Box) -> Box:
        a, b = scale((r[0], r[1])), scale((r[2], r[3]))
        return _r(a[0]), _r(a[1]), _r(b[0]), _r(b[1])

    return _with_anchor_moved(changed, annotation.page, box)


def resize_box(box: Box, corner: int, x: float, y: float, page_size: tuple[float, float]) -> Box:
    """``box`` with ``corner`` (0 top-left, 1 top-right, 2 bottom-right, 3 bottom-left) dragged to
    (x, y), kept on the page and at least :data:`MIN_BOX` points a side."""
    w, h = page_size
    x, y = min(max(x, 0.0), w), min(max(y, 0.0), h)
    x0, y0, x1, y1 = box
    if corner in (0, 3):
        x0 = min(x, x1 - MIN_BOX)
    else:
        x1 = max(x, x0 + MIN_BOX)
    if corner in (0, 1):
        y0 = min(y, y1 - MIN_BOX)
    else:
        y1 = max(y, y0 + MIN_BOX)
    return x0, y0, x1, y1


# ---- ink smoothing ------------------------------------------------------------------------------

def simplify(points: Sequence[Point], epsilon: float) -> list[Point]:
    """Ramer–Douglas–Peucker (iterative): the points that keep the path within ``epsilon``."""
    n = len(points)
    if n < 3:
        return list(points)
    keep = [False] * n
    keep[0] = keep[-1] = True
    stack = [(0, n - 1)]
    while stack:
        first, last = stack.pop()
        worst, index = 0.0, -1
        for i in range(first + 1, last):
            d = segment_distance(points[i], points[first], points[last])
            if d > worst:
                worst, index = d, i
        if index >= 0 and worst > epsilon:
            keep[index] = True
            stack.extend(((first, index), (index, last)))
    return [p for p, k in zip(points, keep, strict=True) if k]


def chaikin(points: Sequence[Point], rounds: int = 2) -> list[Point]:
    """Chaikin's corner cutting, keeping the end points."""
    pts = list(points)
    for _ in range(rounds):
        if len(pts) < 3:
            return pts
        out = [pts[0]]
        for a, b in zip(pts, pts[1:], strict=False):
            out.append((0.75 * a[0] + 0.25 * b[0], 0.75 * a[1] + 0.25 * b[1]))
            out.append((0.25 * a[0] + 0.75 * b[0], 0.25 * a[1] + 0.75 * b[1]))
        out[1:2] = []  # the cut next to each end would pull the end inwards: keep the end itself
        out[-1:] = [pts[-1]]
        pts = out
    return pts


def smooth_stroke(raw: Sequence[Point], width: float) -> list[list[float]]:
    """A raw pointer path (points) as a stored stroke: thinned, rounded, thinned again, rounded
    to 1/100 point. A click (one point, or a tiny path) becomes a dot: two equal points."""
    if not raw:
        return []
    tolerance = max(0.25, min(0.9, width * 0.2))
    pts = simplify(raw, tolerance)
    pts = simplify(chaikin(pts, 2), tolerance * 0.35)
    if len(pts) == 1:
        pts = [pts[0], pts[0]]
    return [[_r(x), _r(y)] for x, y in pts]
