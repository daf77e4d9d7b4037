"""Page layout for continuous vertical scrolling (pure Python, no Qt).

Pages are stacked top to bottom with ``gap`` logical pixels between them and around them,
each centred horizontally. ``scale`` is logical pixels per PDF point; the zoom modes turn a
viewport size into a scale. All coordinates are in the scrollable *content* space.
"""

from __future__ import annotations

import bisect
import math
from collections.abc import Sequence
from dataclasses import dataclass
from enum import Enum

GAP = 12
MIN_ZOOM = 0.1  # 10 %
MAX_ZOOM = 8.0  # 800 %
ZOOM_STEPS = (0.1, 0.25, 0.33, 0.5, 0.67, 0.75, 0.9, 1.0, 1.1, 1.25, 1.5, 1.75, 2.0, 2.5, 3.0, 4.0, 5.0, 6.0, 8.0)


class ZoomMode(Enum):
    FIT_WIDTH = "fit-width"
    FIT_PAGE = "fit-page"
    CUSTOM = "custom"


@dataclass(frozen=True)
class PageRect:
    x: int
    y: int
    width: int
    height: int

    @property
    def bottom(self) -> int:
        return self.y + self.height

    @property
    def right(self) -> int:
        return self.x + self.width

    def contains(self, x: float, y: float) -> bool:
        return self.x <= x < self.right and self.y <= y < self.bottom


def pixels(points: float, scale: float) -> int:
    """Pixels covered by ``points`` at ``scale``, rounded like MuPDF rounds a pixmap."""
    return max(1, math.ceil(points * scale - 0.001))


def next_zoom(zoom: float, direction: int) -> float:
    """The next preset zoom factor above (direction > 0) or below the current one."""
    if direction > 0:
        bigger = [z for z in ZOOM_STEPS if z > zoom * 1.001]
        return bigger[0] if bigger else MAX_ZOOM
    smaller = [z for z in ZOOM_STEPS if z < zoom * 0.999]
    return smaller[-1] if smaller else MIN_ZOOM


class PageLayout:
    def __init__(self, sizes: Sequence[tuple[float, float]] = (), *, gap: int = GAP) -> None:
        self.gap = gap
        self._sizes: list[tuple[float, float]] = []
        self._rects: list[PageRect] = []
        self._tops: list[int] = []
        self._bottoms: list[int] = []
        self.scale = 1.0
        self.width = 0
        self.height = 0
        self.set_sizes(sizes)

    # ---- pages ------------------------------------------------------------------------

    def set_sizes(self, sizes: Sequence[tuple[float, float]]) -> None:
        self._sizes = [(float(w), float(h)) for w, h in sizes]
        self._rects, self._tops, self._bottoms = [], [], []
        self.width = self.height = 0

    @property
    def page_count(self) -> int:
        return len(self._sizes)

    def size(self, page: int) -> tuple[float, float]:
        return self._sizes[page]

    @property
    def max_width(self) -> float:
        return max((w for w, _ in self._sizes), default=0.0)

    @property
    def max_height(self) -> float:
        return max((h for _, h in self._sizes), default=0.0)

    # ---- zoom -------------------------------------------------------------------------

    def scale_for(self, mode: ZoomMode, zoom: float, viewport: tuple[int, int], unit: float) -> float:
        """Pixels per point for ``mode``; ``zoom`` (1.0 = 100 %) times ``unit`` for CUSTOM.

        ``unit`` is the pixels per point of "actual size" (the screen's logical DPI / 72).
        """
        if not self._sizes:
            return 1.0
        vw, vh = max(1, viewport[0] - 2 * self.gap), max(1, viewport[1] - 2 * self.gap)
        if mode is ZoomMode.FIT_WIDTH:
            scale = vw / self.max_width
        elif mode is ZoomMode.FIT_PAGE:
            scale = min(vw / self.max_width, vh / self.max_height)
        else:
            scale = zoom * unit
        return max(MIN_ZOOM * unit, min(MAX_ZOOM * unit, scale))

    def layout(self, scale: float, viewport_width: int) -> None:
        """Place the pages at ``scale``; the content is at least ``viewport_width`` wide."""
        self.scale = scale
        widest = max((pixels(w, scale) for w, _ in self._sizes), default=0)
        self.width = max(viewport_width, widest + 2 * self.gap)
        y = self.gap
        self._rects, self._tops, self._bottoms = [], [], []
        for w, h in self._sizes:
            pw, ph = pixels(w, scale), pixels(h, scale)
            rect = PageRect((self.width - pw) // 2, y, pw, ph)
            self._rects.append(rect)
            self._tops.append(rect.y)
            self._bottoms.append(rect.bottom)
            y += ph + self.gap
        self.height = y if self._sizes else 0

    def rect(self, page: int) -> PageRect:
        return self._rects[page]

    # ---- queries ----------------------------------------------------------------------

    def visible(self, top: float, bottom: float) -> range:
        """Pages intersecting the content rows [top, bottom)."""
        if not self._rects or bottom <= top:
            return range(0)
        first = bisect.bisect_right(self._bottoms, top)
        last = bisect.bisect_left(self._tops, bottom)
        return range(first, max(first, last))

    def page_at(self, y: float) -> int:
        """The page at content row ``y``, or the nearest one (gaps belong to the page above)."""
        if not self._rects:
            return -1
        index = bisect.bisect_right(self._tops, y) - 1
        return min(max(index, 0), len(self._rects) - 1)

    def page_point(self, x: float, y: float) -> tuple[int, float, float] | None:
        """(page, x, y in points) for a content position on a page, else None."""
        page = self.page_at(y)
        if page < 0 or not self._rects[page].contains(x, y):
            return None
        rect = self._rects[page]
        return page, (x - rect.x) / self.scale, (y - rect.y) / self.scale

    def current_page(self, top: float, height: float) -> int:
        """The page the reader is on: the one under the line 40 % down the viewport, or,
        at the very end of the document, the last page fully in view."""
        if not self._rects:
            return -1
        page = self.page_at(top + 0.4 * height)
        last = len(self._rects) - 1
        if top + height >= self.height - 1 and self._rects[last].y >= top:
            return last
        return page

    def anchor(self, x: float, y: float) -> tuple[int, float, float]:
        """A zoom-independent position: page and fractions within it (may exceed 0..1)."""
        page = max(0, self.page_at(y))
        rect = self._rects[page]
        return page, (x - rect.x) / rect.width, (y - rect.y) / rect.height

    def position(self, anchor: tuple[int, float, float]) -> tuple[float, float]:
        page, fx, fy = anchor
        rect = self._rects[min(page, len(self._rects) - 1)]
        return rect.x + fx * rect.width, rect.y + fy * rect.height

    def relayout(self, mode: ZoomMode, zoom: float, viewport: tuple[int, int], unit: float,
                 origin: tuple[float, float], point: tuple[float, float]) -> tuple[float, float] | None:
        """Lay the pages out again for a zoom in ``viewport`` (scrolled to ``origin``), keeping
        the content under ``point`` (viewport coordinates) there: the new scroll position for
        that, None if nothing was laid out before."""
        kept = self.anchor(origin[0] + point[0], origin[1] + point[1]) if self.height else None
        self.layout(self.scale_for(mode, zoom, viewport, unit), viewport[0])
        if kept is None:
            return None
        x, y = self.position(kept)
        return x - point[0], y - point[1]

    def box(self, page: int, rects: Sequence[tuple[float, float, float, float]]) -> tuple[float, float, float, float]:
        """The bounding box in content space of rectangles (points) on ``page``."""
        r, s = self._rects[page], self.scale
        return (r.x + min(q[0] for q in rects) * s, r.y + min(q[1] for q in rects) * s,
                r.x + max(q[2] for q in rects) * s, r.y + max(q[3] for q in rects) * s)


REVEAL_MARGIN = 16


def reveal(box: tuple[float, float, float, float], origin: tuple[float, float], viewport: tuple[int, int],
           margin: float = REVEAL_MARGIN) -> tuple[float | None, float | None]:
    """Where to scroll (left, top of the viewport in content space; None: keep it) so that
    ``box`` (x0, y0, x1, y1 in content space) is on screen: a third down the viewport and
    centred across it when it has to move that way, else where it is."""
    x0, y0, x1, y1 = box
    left, top = origin
    width, height = viewport
    x = y = None
    if y0 < top + margin or y1 > top + height - margin:
        y = y0 - height / 3 if y1 - y0 < height * 2 / 3 else y0 - margin
    if x0 < left + margin or x1 > left + width - margin:
        x = (x0 + x1 - width) / 2 if x1 - x0 < width - 2 * margin else x0 - margin
    return x, y
