"""The viewer's pure-Python parts: page layout, zoom steps, selection text."""

from __future__ import annotations

import math

import pytest

from paperless.core.render import Word
from paperless.gui.viewer.layout import GAP, MAX_ZOOM, MIN_ZOOM, PageLayout, ZoomMode, next_zoom, pixels
from paperless.gui.viewer.selection import normalise, selected_text, text_of, words_in

A4 = (595.28, 841.89)
LANDSCAPE = (841.89, 595.28)
UNIT = 96 / 72


def test_pages_stack_with_gaps_and_centre() -> None:
    layout = PageLayout([A4, LANDSCAPE, A4])
    layout.layout(1.0, 1000)
    r0, r1, r2 = (layout.rect(i) for i in range(3))
    assert (r0.y, r0.width, r0.height) == (GAP, 596, 842)
    assert r1.y == r0.bottom + GAP and r2.y == r1.bottom + GAP
    assert layout.height == r2.bottom + GAP
    assert r0.x == (1000 - 596) // 2 and r1.x == (1000 - 842) // 2
    assert layout.width == 1000


def test_content_is_wider_than_the_viewport_when_zoomed_in() -> None:
    layout = PageLayout([A4])
    layout.layout(3.0, 800)
    assert layout.width == pixels(595.28, 3.0) + 2 * GAP
    assert layout.rect(0).x == GAP


def test_zoom_modes() -> None:
    layout = PageLayout([A4, A4])
    fit_w = layout.scale_for(ZoomMode.FIT_WIDTH, 1.0, (1000, 600), UNIT)
    assert math.isclose(fit_w, (1000 - 2 * GAP) / 595.28)
    fit_p = layout.scale_for(ZoomMode.FIT_PAGE, 1.0, (1000, 600), UNIT)
    assert math.isclose(fit_p, (600 - 2 * GAP) / 841.89)
    assert layout.scale_for(ZoomMode.CUSTOM, 1.5, (1000, 600), UNIT) == 1.5 * UNIT
    assert layout.scale_for(ZoomMode.CUSTOM, 100.0, (1000, 600), UNIT) == MAX_ZOOM * UNIT
    assert layout.scale_for(ZoomMode.CUSTOM, 0.0001, (1000, 600), UNIT) == MIN_ZOOM * UNIT
    assert PageLayout().scale_for(ZoomMode.FIT_WIDTH, 1.0, (1000, 600), UNIT) == 1.0


def test_pixels_round_like_mupdf() -> None:
    assert pixels(595.28, 2.0) == 1191
    assert pixels(100.0, 1.0) == 100
    assert pixels(0.0, 1.0) == 1


def test_visible_pages_and_page_at() -> None:
    layout = PageLayout([A4] * 10)
    layout.layout(1.0, 800)
    step = 842 + GAP
    assert list(layout.visible(0, 600)) == [0]
    assert list(layout.visible(step * 3 + 100, step * 3 + 100 + 1000)) == [3, 4]
    assert list(layout.visible(layout.height - 10, layout.height + 500)) == []
    assert list(layout.visible(layout.height - GAP - 10, layout.height)) == [9]
    assert layout.page_at(-50) == 0 and layout.page_at(1e9) == 9
    assert layout.page_at(step * 2 + GAP + 5) == 2
    assert layout.page_at(step * 2 + 2) == 1  # the gap below page 1 belongs to it
    assert layout.page_point(10, 10) is None  # left margin
    page, x, y = layout.page_point(layout.rect(2).x + 100, layout.rect(2).y + 50)  # type: ignore[misc]
    assert (page, x, y) == (2, 100.0, 50.0)


def test_current_page() -> None:
    layout = PageLayout([A4] * 5)
    layout.layout(1.0, 800)
    assert layout.current_page(0, 700) == 0
    assert layout.current_page(layout.rect(2).y - 100, 700) == 2
    assert layout.current_page(layout.height - 700, 700) == 4  # scrolled to the end
    assert PageLayout().current_page(0, 100) == -1


def test_anchor_survives_a_zoom() -> None:
    layout = PageLayout([A4] * 4)
    layout.layout(1.0, 800)
    anchor = layout.anchor(layout.rect(2).x + 300, layout.rect(2).y + 400)
    layout.layout(2.0, 800)
    x, y = layout.position(anchor)
    assert math.isclose(x, layout.rect(2).x + 600, abs_tol=1) and math.isclose(y, layout.rect(2).y + 800, abs_tol=1)


@pytest.mark.parametrize(("zoom", "direction", "expected"), [
    (1.0, 1, 1.1), (1.0, -1, 0.9), (1.05, 1, 1.1), (1.05, -1, 1.0), (8.0, 1, 8.0), (0.1, -1, 0.1), (0.12, -1, 0.1),
])
def test_zoom_steps(zoom: float, direction: int, expected: float) -> None:
    assert next_zoom(zoom, direction) == expected


def w(x0: float, y0: float, text: str, block: int = 0, line: int = 0) -> Word:
    return Word(x0, y0, x0 + 10 * len(text), y0 + 12, text, block, line)


def test_selection_takes_touched_words_in_reading_order() -> None:
    words = [w(200, 100, "Hoạch", line=0), w(100, 100, "Kế", line=0), w(100, 120, "chuyển", line=1),
             w(170, 120, "đổi", line=1), w(100, 300, "xa", block=1)]
    chosen = words_in(words, normalise(250, 130, 90, 95))
    assert [c.text for c in chosen] == ["Kế", "Hoạch", "chuyển", "đổi"]
    assert text_of(chosen) == "Kế Hoạch\nchuyển đổi"
    assert selected_text({3: chosen[2:], 1: chosen[:2], 2: []}) == "Kế Hoạch\n\nchuyển đổi"
    assert words_in(words, (0, 0, 50, 50)) == []
