"""Anchoring: the data model, the document text map and making anchors (no PDF needed).

``layout`` typesets text into positioned words (fixed-width "glyphs", 6 pt per character,
14 pt lines) so that tests can reflow the same text into other widths and page lengths;
the re-anchoring tests use it too.
"""

from __future__ import annotations

import json
import unicodedata

import pytest

from paperless.core.anchoring import (
    Anchor,
    Context,
    DocText,
    PageRect,
    TextQuote,
    geometry_anchor,
    normalise,
    text_anchor,
    text_anchor_words,
)
from paperless.core.render import Word as W


def layout(text: str, width: int = 60, lines: int = 20, top: float = 50.0) -> list[list[W]]:
    """Words of ``text`` wrapped at ``width`` characters, ``lines`` lines a page; a blank
    line ("\\n\\n") starts a new block (paragraph)."""
    pages: list[list[W]] = [[]]
    line = col = 0
    for block, para in enumerate(text.split("\n\n")):
        if block and (col or line):
            line, col = line + 1, 0
        for word in para.split():
            if col and col + 1 + len(word) > width:
                line, col = line + 1, 0
            if line >= lines:
                pages.append([])
                line = 0
            x = 40.0 + 6.0 * (col + 1 if col else 0)
            y = top + 14.0 * line
            pages[-1].append(W(x, y, x + 6.0 * len(word), y + 12.0, word, block, line))
            col += len(word) + (1 if col else 0)
    return pages


def test_normalise_keeps_diacritics_and_drops_layout() -> None:
    nfd = unicodedata.normalize("NFD", "bán")
    assert nfd != "bán" and normalise(nfd) == "bán"
    assert normalise("bàn") != normalise("bán")
    assert normalise("  kinh\u00a0tế \n  số ") == "kinh tế số"
    assert normalise("chuyển\u00ad đổi\u200b") == "chuyển đổi"
    assert normalise("BTV\u201012") == "BTV-12"


def test_doc_text_joins_pages_and_maps_characters_back_to_words() -> None:
    pages = layout("Một hai ba bốn năm sáu bảy tám chín mười", width=12, lines=1)
    assert [len(p) for p in pages] == [3, 3, 3, 1]
    doc = DocText(pages)
    assert doc.text == "Một hai ba bốn năm sáu bảy tám chín mười"
    assert doc.page_count == 4 and doc.word_count == 10
    g = doc.text.index("năm")
    assert doc.word_at(g) == 4 and doc.ref(4) == (1, 1) and doc.global_index((1, 1)) == 4
    assert doc.word_at(g + 3) == 5  # the space after a word belongs to the next one
    assert doc.words_in(g, g + len("năm sáu")) == (4, 5)
    assert doc.words_in(g + 1, g + 2) == (4, 4)
    assert list(doc.page_words(3)) == [9] and doc.page_of(9) == 3
    assert doc.word_span(9) == (len(doc.text) - 4, len(doc.text))


def test_empty_words_are_skipped_but_indices_are_the_page_lists() -> None:
    pages = [[W(0, 0, 5, 5, "a", 0, 0), W(6, 0, 7, 5, "\u200b", 0, 0), W(8, 0, 9, 5, "b", 0, 0)]]
    doc = DocText(pages)
    assert doc.text == "a b" and doc.global_index((0, 2)) == 1 and doc.ref(1) == (0, 2)
    with pytest.raises(ValueError):
        doc.global_index((0, 1))
    with pytest.raises(IndexError):
        doc.global_index((1, 0))
    assert DocText([]).word_at(0) == -1 and DocText([[]]).words_in(0, 1) is None


def test_hyphenated_line_ends_are_joined() -> None:
    pages = [[
        W(0, 0, 30, 10, "docu-", 0, 0), W(0, 14, 30, 24, "ment", 0, 1), W(35, 14, 50, 24, "2021-", 0, 1),
        W(0, 28, 30, 38, "2030", 0, 2), W(35, 28, 50, 38, "kinh-", 0, 2), W(0, 42, 30, 52, "Tế", 0, 3),
        W(35, 42, 60, 52, "chuyển\u00ad", 0, 3), W(0, 56, 30, 66, "đổi", 0, 4),
    ]]
    doc = DocText(pages)
    assert doc.text == "document 2021-2030 kinh- Tế chuyểnđổi"
    assert doc.words_in(0, len("document")) == (0, 1)


def test_rects_are_one_per_line_and_per_page() -> None:
    doc = DocText(layout("aa bb cc dd ee ff gg hh", width=8, lines=2))
    # lines: "aa bb cc" / "dd ee ff" | page 2: "gg hh"
    rects = doc.rects(1, 6)
    assert [r.page for r in rects] == [0, 0, 1]
    assert rects[0] == PageRect(0, 58.0, 50.0, 88.0, 62.0)  # "bb cc"
    assert rects[1] == PageRect(0, 40.0, 64.0, 88.0, 76.0)  # "dd ee ff"
    assert rects[2] == PageRect(1, 40.0, 50.0, 52.0, 62.0)  # "gg"


TEXT = (
    "Ban Thường vụ Tỉnh ủy đã lãnh đạo tổ chức nghiên cứu, học tập, quán triệt và triển khai "
    "thực hiện các nghị quyết, chỉ thị, kết luận của Trung ương bảo đảm nghiêm túc, đúng tiến "
    "độ; 100% tổ chức cơ sở đảng hoàn thành việc xây dựng chương trình hành động."
)


def test_text_anchor_has_quote_context_and_one_rect_per_line() -> None:
    pages = layout(TEXT, width=40)
    doc = DocText(pages)
    first = next(i for i, w in enumerate(pages[0]) if w.text == "quán")
    last = next(i for i, w in enumerate(pages[0]) if w.text == "nghị")
    anchor = text_anchor(doc, "h1", (0, last), (0, first))  # either order
    assert anchor.quote is not None and anchor.context is None and anchor.is_text
    assert anchor.quote.exact == "quán triệt và triển khai thực hiện các nghị"
    assert anchor.quote.prefix == TEXT[: TEXT.index("quán")][-32:]
    assert anchor.quote.suffix == TEXT[TEXT.index("nghị quyết") + 4 :][:32]
    assert doc.text[anchor.position :].startswith("quán triệt") and anchor.text_length == len(doc.text)
    assert anchor.before == doc.text[max(0, anchor.position - 200) : anchor.position]
    assert len(anchor.rects) == 2 and anchor.page == 0 and {r.page for r in anchor.rects} == {0}
    assert anchor.rects[0].y0 < anchor.rects[1].y0


def test_cross_page_selection_has_rects_on_both_pages() -> None:
    pages = layout(TEXT, width=40, lines=2)
    doc = DocText(pages)
    anchor = text_anchor(doc, "h1", (0, len(pages[0]) - 2), (1, 1))
    assert anchor.page == 0 and [r.page for r in anchor.rects] == [0, 1]
    assert anchor.quote is not None and len(anchor.quote.exact.split()) == 4


def test_geometry_anchor_keeps_the_nearest_text() -> None:
    pages = layout(TEXT, width=40)
    doc = DocText(pages)
    target = next(w for w in pages[0] if w.text == "Trung")
    ink = (target.x0 + 2, target.y1 - 2, target.x1 + 2, target.y1 - 1)  # a stroke under "Trung"
    anchor = geometry_anchor(doc, "h1", 0, [ink])
    assert anchor.quote is None and anchor.context is not None
    ctx = anchor.context
    assert ctx.quote.exact[ctx.word :].startswith("Trung ương") and len(ctx.quote.exact) >= 48
    assert (ctx.x, ctx.y) == (target.x0, target.y0) and anchor.rects == (PageRect(0, *ink),)
    assert doc.text[anchor.position :].startswith(ctx.quote.exact)
    empty = geometry_anchor(DocText([[], []]), "h1", 1, [(1, 2, 3, 4)])
    assert empty.context is None and empty.quote is None
    with pytest.raises(ValueError):
        geometry_anchor(doc, "h1", 0, [])
    with pytest.raises(IndexError):
        geometry_anchor(doc, "h1", 5, [ink])


def test_anchors_round_trip_through_json() -> None:
    doc = DocText(layout(TEXT, width=40, lines=2))
    text = text_anchor_words(doc, "abc", 3, 20)
    ink = geometry_anchor(doc, "abc", 1, [(50.0, 60.5, 90.0, 70.0)])
    for anchor in (text, ink):
        data = json.loads(json.dumps(anchor.to_dict(), ensure_ascii=False))
        assert Anchor.from_dict(data) == anchor
    assert text.to_dict()["v"] == 1 and text.to_dict()["rects"][0][0] == text.page


@pytest.mark.parametrize(
    "change",
    [
        {"v": 2},
        {"rects": "nope"},
        {"rects": [[0, 1, 2, 3]]},
        {"rects": [[-1, 1, 2, 3, 4]]},
        {"rects": [[0, 1, 2, 3, float("nan")]]},
        {"page": -1},
        {"page": True},
        {"doc_hash": 5},
        {"quote": {"exact": 3}},
        {"quote": "x"},
        {"context": {"quote": {"exact": "a"}, "word": 0, "x": "1", "y": 2}},
    ],
)
def test_from_dict_rejects_bad_data(change: dict[str, object]) -> None:
    good = Anchor("h", 0, (PageRect(0, 1, 2, 3, 4),), TextQuote("a", "b", "c"), 5, 9).to_dict()
    assert Anchor.from_dict(good).quote == TextQuote("a", "b", "c")
    with pytest.raises(ValueError):
        Anchor.from_dict({**good, **change})
    with pytest.raises(ValueError):
        Anchor.from_dict([good])


def test_context_and_page_rect_helpers() -> None:
    ctx = Context(TextQuote("x y"), 2, 1.0, 2.0)
    assert Context.from_dict(ctx.to_dict()) == ctx
    assert PageRect(0, 1, 2, 3, 4).moved(2, 10, -1) == PageRect(2, 11, 1, 13, 3)
    assert Anchor("h", 0, (), context=ctx).target == ctx.quote


def _with_furniture(pages: list[list[W]]) -> list[list[W]]:
    """Each page with a running header at the top and "Trang n/N" at the bottom."""
    total = len(pages)
    out = []
    for n, words in enumerate(pages, start=1):
        header = [W(40, 20, 64, 30, "BÁO", 90, 0), W(70, 20, 94, 30, "CÁO", 90, 0)]
        footer = [W(250, 800, 280, 810, "Trang", 91, 0), W(285, 800, 300, 810, f"{n}/{total}", 91, 0)]
        out.append(header + words + footer)
    return out


def test_running_headers_and_footers_are_left_out() -> None:
    pages = _with_furniture(layout(TEXT, width=40, lines=3))
    assert len(pages) >= 3
    doc = DocText(pages)
    assert doc.text == normalise(TEXT)
    raw = DocText(pages, furniture=False)
    assert "Trang 1/" in raw.text and raw.text.startswith("BÁO CÁO")
    # a selection from the last words of page 1 to the first of page 2 leaves out the
    # footer and header between them, and so does one that starts or ends on them
    last = len(pages[0]) - 3  # before the two footer words
    anchor = text_anchor(doc, "h1", (0, last - 1), (1, 3))
    assert anchor.quote is not None and "Trang" not in anchor.quote.exact and "BÁO" not in anchor.quote.exact
    ends_on_header = text_anchor(doc, "h1", (0, last - 1), (1, 0)).quote
    assert ends_on_header is not None and ends_on_header.exact == f"{pages[0][last - 1].text} {pages[0][last].text}"
    assert doc.nearest_index((0, len(pages[0]) - 1), forward=True) == doc.global_index((1, 2))
    assert doc.nearest_index((1, 1), forward=False) == doc.global_index((0, last))
    assert doc.nearest_index((0, 0), forward=False) == -1
    with pytest.raises(ValueError):
        text_anchor(doc, "h1", (1, 0), (1, 1))  # the header only
    # too few pages to tell furniture from text: kept
    two = _with_furniture(layout(TEXT, width=40, lines=4))
    assert len(two) == 2 and "Trang" in DocText(two).text
