"""Tiles: sharp pages at zooms where a whole page would be too big to render as one image.

Beyond ``MAX_RENDER_PIXELS`` (16 Mpx, e.g. A4 past ~560 % on a plain screen, ~280 % on a
2× screen) a page is rendered whole at a smaller scale and drawn enlarged — quick, but soft.
Then the part of the page on screen is also asked for in tiles of ``TILE`` × ``TILE`` device
pixels at the exact scale (``RenderKey.clip``), visible priority, and the canvas draws them
over the enlarged page as they come. Tiles off screen are dropped; a new zoom or mode starts
afresh (the worker's generation already drops the stale requests).
"""

from __future__ import annotations

import math
from dataclasses import replace
from typing import TYPE_CHECKING

from PySide6.QtCore import QRectF

from paperless.core.render import Image, Priority, RenderKey, RenderResult
from paperless.gui.viewer.painting import PageImage, to_qimage

if TYPE_CHECKING:
    from paperless.gui.viewer.requests import PageRequests

TILE = 1024  # device pixels a side


def exact_key(requests: PageRequests, page: int, dpr: float) -> RenderKey:
    doc = requests.doc
    assert doc is not None
    return RenderKey(doc, page, round(requests.layout.scale * dpr, 5), requests.night)


def want_tiles(requests: PageRequests, page: int, dpr: float) -> None:
    """Ask for the tiles of ``page`` that are on screen (when the page is rendered smaller)."""
    canvas = requests.canvas
    whole = requests.key(page, dpr)
    exact = exact_key(requests, page, dpr)
    if whole.scale >= exact.scale:
        canvas.tiles.pop(page, None)  # the page image is sharp: no tiles needed
        return
    if page in canvas.errors:
        return  # the page itself cannot be drawn: no tiles either
    target = canvas.page_target(page)
    shown = target.intersected(QRectF(canvas.viewport().rect()))
    if shown.isEmpty():
        return
    x0, y0 = (shown.left() - target.left()) * dpr, (shown.top() - target.top()) * dpr
    x1, y1 = (shown.right() - target.left()) * dpr, (shown.bottom() - target.top()) * dpr
    have = canvas.tiles.setdefault(page, {})
    wanted = set()
    for ty in range(int(y0 // TILE), int(math.ceil(y1 / TILE))):
        for tx in range(int(x0 // TILE), int(math.ceil(x1 / TILE))):
            clip = (tx * TILE, ty * TILE, (tx + 1) * TILE, (ty + 1) * TILE)
            key = RenderKey(exact.doc, page, exact.scale, exact.night, clip)
            wanted.add(clip)
            if (clip in have and have[clip].key == key) or key in requests.failed_tiles:
                continue  # shown, or failed at this zoom (asked again only at another)
            image = requests.worker.cached(key)
            if image is not None:
                show_tile(requests, key, image)
            elif key not in requests.requested:
                requests.requested.add(key)
                requests.worker.render(key, Priority.VISIBLE, requests.generation,
                                       requests.callback(requests, tile_rendered))
    for clip in [c for c in have if c not in wanted]:
        del have[clip]  # scrolled away


def tile_rendered(requests: PageRequests, result: RenderResult) -> None:
    if requests.doc is None:
        return
    key = result.key
    requests.requested.discard(key)
    dpr = requests.canvas.viewport().devicePixelRatioF()
    if result.cancelled:
        requests.refresh_needed.emit()
    elif result.error is not None:
        requests.failed_tiles.add(key)  # the enlarged page image stays; not asked again
    elif result.image is not None and key == replace(exact_key(requests, key.page, dpr), clip=key.clip):
        show_tile(requests, key, result.image)


def show_tile(requests: PageRequests, key: RenderKey, image: Image) -> None:
    assert key.clip is not None
    canvas = requests.canvas
    dpr = canvas.viewport().devicePixelRatioF()
    shown = PageImage(key, image, to_qimage(image, dpr), requests.layout.scale)
    canvas.tiles.setdefault(key.page, {})[key.clip] = shown
    target = canvas.page_target(key.page)
    x0, y0, x1, y1 = key.clip
    area = QRectF(target.left() + x0 / dpr, target.top() + y0 / dpr, (x1 - x0) / dpr, (y1 - y0) / dpr)
    canvas.viewport().update(area.toAlignedRect().adjusted(-1, -1, 1, 1))
