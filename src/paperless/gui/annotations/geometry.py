"""Where an annotation is on its page, and how it moves (pure Python: PDF points, top-left origin).

Reads the payload contract (see ``core/export/payload.py``): text markups take their line
rectangles from the anchor, ink has ``strokes`` and ``width``, a sticky note a ``point`` (the
icon's top-left corner), a text box a ``rect``. Malformed payloads give ``None``/empty results
rather than exceptions, so one bad record never stops a page from painting.

Ink strokes are smoothed here too: the raw pointer path is thinned (Ramer–Douglas–Peucker),
rounded off (Chaikin's corner cutting) and thinned again, so that what is stored is a short
polyline that already looks smooth in any PDF reader; the canvas draws it with quadratic curves
through the midpoints on top of that.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import replace
from typing import Any

from paperless.core.anchoring import PageRect, anchor_in
from paperless.core.notes import Annotation, AnnotationKind

from .tools import NOTE_ICON

Box = tuple[float, float, float, float]
Point = tuple[float, float]

TEXT_KINDS = frozenset({AnnotationKind.HIGHLIGHT, AnnotationKind.UNDERLINE, AnnotationKind.STRIKEOUT})
MOVABLE_KINDS = frozenset({AnnotationKind.INK, AnnotationKind.NOTE, AnnotationKind.TEXTBOX})
RESIZABLE_KINDS = frozenset({AnnotationKind.INK, AnnotationKind.TEXTBOX})
MIN_BOX = 8.0  # points: a text box or scaled ink never gets smaller than this


# ---- reading the payload ------------------------------------------------------------------------

def _num(value: Any) -> float | None:
    if isinstance(value, bool) or not isinstance(value, int | float) or not math.isfinite(value):
        return None
    return float(value)


def point_of(payload: Mapping[str, Any], key: str = "point") -> Point | None:
    value = payload.get(key)
    if isinstance(value, list | tuple) and len(value) == 2:
        x, y = _num(value[0]), _num(value[1])
        if x is not None and y is not None:
            return x, y
    return None


def box_of(payload: Mapping[str, Any], key: str = "rect") -> Box | None:
    value = payload.get(key)
    if isinstance(value, list | tuple) and len(value) == 4:
        nums = [_num(v) for v in value]
        if all(n is not None for n in nums):
            x0, y0, x1, y1 = (float(n) for n in nums if n is not None)
            return min(x0, x1), min(y0, y1), max(x0, x1), max(y0, y1)
    return None


def strokes_of(payload: Mapping[str, Any]) -> list[list[Point]]:
    value = payload.get("strokes")
    out: list[list[Point]] = []
    if not isinstance(value, list):
        return out
    for stroke in value:
        if not isinstance(stroke, list):
            continue
        pts = [p for p in (point_of({"p": q}, "p") for q in stroke) if p is not None]
        if pts:
            out.append(pts)
    return out


def width_of(payload: Mapping[str, Any], default: float = 2.0) -> float:
    w = _num(payload.get("width"))
    return w if w is not None and w > 0 else default


def font_size_of(payload: Mapping[str, Any], default: float = 12.0) -> float:
    s = _num(payload.get("font_size"))
    return s if s is not None and s > 0 else default


def text_of(payload: Mapping[str, Any], key: str = "text") -> str:
    value = payload.get(key)
    return value if isinstance(value, str) else ""


anchor_of = anchor_in  # the payload's anchor, None when absent or malformed


_RECTS: dict[tuple[str, str], tuple[PageRect, ...]] = {}  # (uuid, hlc) of text markups -> their rects
_RECTS_KEPT = 20_000


def anchor_rects(annotation: Annotation) -> list[PageRect]:
    """The anchor's rectangles (a text markup's are remembered by version: asked on every hover)."""
    key = (annotation.uuid, annotation.hlc)
    cacheable = annotation.kind in TEXT_KINDS and bool(annotation.hlc)
    if cacheable and key in _RECTS:
        return list(_RECTS[key])
    anchor = anchor_of(annotation.payload)
    rects = anchor.rects if anchor is not None else ()
    if cacheable:
        if len(_RECTS) >= _RECTS_KEPT:
            _RECTS.clear()
        _RECTS[key] = rects
    return list(rects)


def line_rects(annotation: Annotation, page: int) -> list[Box]:
    """A text markup's line rectangles on ``page``."""
    return [(r.x0, r.y0, r.x1, r.y1) for r in anchor_rects(annotation)
            if r.page == page and r.x1 > r.x0 and r.y1 > r.y0]


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


def bbox(annotation: Annotation, page: int) -> Box | None:
    """The annotation's bounding box on ``page`` (None if it has nothing there)."""
    kind, payload = annotation.kind, annotation.payload
    if kind in TEXT_KINDS:
        return union(line_rects(annotation, page))
    if annotation.page != page:
        return None
    if kind is AnnotationKind.INK:
        return strokes_box(strokes_of(payload), width_of(payload))
    if kind is AnnotationKind.NOTE:
        p = point_of(payload)
        return None if p is None else (p[0], p[1], p[0] + NOTE_ICON, p[1] + NOTE_ICON)
    if kind is AnnotationKind.TEXTBOX:
        return box_of(payload)
    return None


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


_STROKES: dict[tuple[str, str], tuple[list[list[Point]], Box | None]] = {}  # saved ink: (uuid, hlc) -> strokes, box


def _saved_strokes(annotation: Annotation) -> tuple[list[list[Point]], Box | None]:
    """A saved ink annotation's strokes and box, remembered by version (hit tests run on every
    pointer move). Only for annotations as saved: one being moved has the same version."""
    key = (annotation.uuid, annotation.hlc)
    found = _STROKES.get(key)
    if found is None:
        strokes = strokes_of(annotation.payload)
        found = (strokes, strokes_box(strokes, width_of(annotation.payload)))
        if len(_STROKES) >= _RECTS_KEPT:
            _STROKES.clear()
        _STROKES[key] = found
    return found


def hits(annotation: Annotation, page: int, x: float, y: float, slack: float) -> bool:
    """Whether point (x, y) on ``page`` touches a saved annotation (``slack``: points of tolerance)."""
    if annotation.kind in TEXT_KINDS:
        return any(inside(b, x, y, slack / 2) for b in line_rects(annotation, page))
    if annotation.kind is AnnotationKind.INK:
        if annotation.page != page:
            return False
        strokes, box = _saved_strokes(annotation)
        reach = width_of(annotation.payload) / 2 + slack
        if box is None or not inside(box, x, y, reach):
            return False
        return any(stroke_distance((x, y), s) <= reach for s in strokes)
    box = bbox(annotation, page)
    return box is not None and inside(box, x, y, slack / 2)


def touches_path(annotation: Annotation, page: int, path: Sequence[Point], radius: float) -> bool:
    """Whether an eraser dragged along ``path`` (points on ``page``) with ``radius`` touches saved ink."""
    if annotation.kind is not AnnotationKind.INK or annotation.page != page or not path:
        return False
    reach = width_of(annotation.payload) / 2 + radius
    strokes, box = _saved_strokes(annotation)
    if box is None:
        return False
    near = [p for p in _densify(path, radius) if inside(box, p[0], p[1], reach)]
    return any(stroke_distance(p, s) <= reach for p in near for s in strokes)


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


def _shift_anchor(payload: dict[str, Any], page: int, transform: Any) -> None:
    anchor = anchor_of(payload)
    if anchor is None:
        return
    rects = tuple(PageRect(page, *transform((r.x0, r.y0, r.x1, r.y1))) for r in anchor.rects)
    payload["anchor"] = replace(anchor, page=page, rects=rects).to_dict()


def clamp_shift(box: Box, dx: float, dy: float, page_size: tuple[float, float]) -> tuple[float, float]:
    """``(dx, dy)`` reduced so that ``box`` moved by it stays on the page (as far as it fits)."""
    w, h = page_size
    dx = min(max(dx, -box[0]), w - box[2]) if box[2] - box[0] <= w else -box[0]
    dy = min(max(dy, -box[1]), h - box[3]) if box[3] - box[1] <= h else -box[1]
    return dx, dy


def moved(annotation: Annotation, dx: float, dy: float) -> dict[str, Any]:
    """The payload of a movable annotation shifted by (dx, dy) points (its anchor too)."""
    payload = dict(annotation.payload)
    kind = annotation.kind
    if kind is AnnotationKind.INK:
        payload["strokes"] = [[[_r(x + dx), _r(y + dy)] for x, y in s] for s in strokes_of(payload)]
    elif kind is AnnotationKind.NOTE:
        p = point_of(payload)
        if p is not None:
            payload["point"] = [_r(p[0] + dx), _r(p[1] + dy)]
    elif kind is AnnotationKind.TEXTBOX:
        b = box_of(payload)
        if b is not None:
            payload["rect"] = [_r(b[0] + dx), _r(b[1] + dy), _r(b[2] + dx), _r(b[3] + dy)]
    _shift_anchor(payload, annotation.page, lambda r: (_r(r[0] + dx), _r(r[1] + dy), _r(r[2] + dx), _r(r[3] + dy)))
    return payload


def resized(annotation: Annotation, old: Box, new: Box) -> dict[str, Any]:
    """The payload of a text box given the rectangle ``new``, or of ink scaled from box ``old``
    to box ``new`` (the pen's width is kept)."""
    payload = dict(annotation.payload)
    x0, y0, x1, y1 = new

    def scale(p: Point) -> Point:
        fx = (p[0] - old[0]) / (old[2] - old[0]) if old[2] > old[0] else 0.0
        fy = (p[1] - old[1]) / (old[3] - old[1]) if old[3] > old[1] else 0.0
        return x0 + fx * (x1 - x0), y0 + fy * (y1 - y0)

    if annotation.kind is AnnotationKind.TEXTBOX:
        payload["rect"] = [_r(x0), _r(y0), _r(x1), _r(y1)]
    elif annotation.kind is AnnotationKind.INK:
        payload["strokes"] = [[[_r(c) for c in scale(p)] for p in s] for s in strokes_of(payload)]

    def box(r: Box) -> Box:
        a, b = scale((r[0], r[1])), scale((r[2], r[3]))
        return _r(a[0]), _r(a[1]), _r(b[0]), _r(b[1])

    _shift_anchor(payload, annotation.page, box)
    return payload


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
