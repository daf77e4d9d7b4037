"""What the document text leaves out or reads apart (issue 15, part 2), on hand-made pages:
running headers that vary, contents leaders and page numbers, footnotes."""

from __future__ import annotations

from paperless.core.anchoring import DocText, text_anchor
from paperless.core.anchoring.contents import leader_edits
from paperless.core.anchoring.footnotes import footnote_words
from paperless.core.anchoring.furniture import running_lines
from paperless.core.render import Word as W

BODY = (
    "Văn bản này hướng dẫn cài đặt hệ thống quản lý tài liệu trên máy chủ của cơ quan và các bước kiểm tra "
    "sau khi cài đặt xong cùng các lưu ý về bảo mật khi vận hành hằng ngày"
).split()


def line(y: float, words: list[str], x: float = 72.0, size: float = 10.0, block: int = 0, ln: int = 0) -> list[W]:
    out = []
    for w in words:
        width = 5.0 * len(w)
        out.append(W(x, y, x + width, y + size * 1.36, w, block, ln))
        x += width + 3.0
    return out


def page(p: int, header: list[W], body_lines: int = 12, body_top: float = 80.0, start: int = 0) -> list[W]:
    words = list(header)
    for k in range(body_lines):
        chunk = [BODY[(start + k * 7 + j) % len(BODY)] for j in range(7)]
        words += line(body_top + 14.0 * k, chunk, block=1, ln=k)
    return words


def book_header(p: int, titles: list[str]) -> list[W]:
    """Even pages: number at the left, the chapter; odd: the section, number at the right."""
    number = str(p + 1)
    if p % 2:
        return line(40, [number], x=72, size=8.5, block=9) + line(40, titles[p].split(), x=120, size=8.5, block=8)
    return line(40, titles[p].split(), x=300, size=8.5, block=8) + line(40, [number], x=520, size=8.5, block=9)


def test_alternating_headers_with_titles_that_change_are_left_out() -> None:
    titles = [f"Chương {p // 4 + 1}. Cài đặt" if p % 2 else f"{p // 4 + 1}.{p % 4} Mục riêng {p}" for p in range(12)]
    pages = [page(p, book_header(p, titles), start=p * 5) for p in range(12)]
    skip = running_lines(pages)
    for p in range(12):
        assert {pages[p][i].text for i in skip[p]} == {str(p + 1), *titles[p].split()}
    text = DocText(pages).text
    assert "Chương" not in text and "Mục riêng" not in text
    # without any header, nothing is taken: not the first body lines, though they all start at one height
    plain = [page(p, [], start=p * 5) for p in range(12)]
    assert all(not s for s in running_lines(plain))


def test_headings_at_the_top_of_many_pages_are_not_a_band() -> None:
    """Numbered headings that happen to start several pages sit below where other pages start."""
    pages = []
    for p in range(12):
        if p % 3 == 0:
            pages.append(line(92, [f"{p}.", "Phương", "án"], size=12) + page(p, [], body_top=110, start=p))
        else:
            pages.append(page(p, [], start=p))
    assert all(not s for s in running_lines(pages))


def test_recurring_headings_where_the_body_starts_are_not_a_band() -> None:
    """"k. Phương án phát triển số k" starting some pages exactly where the body starts on the
    others: the rows at that height are mostly body lines, so it is no band."""
    pages = []
    for p in range(12):
        body = page(p, [], start=p * 5)
        if p % 4 == 0:
            body = line(80, [f"{p // 4}.", "Phương", "án", "phát", "triển", "số", f"{p // 4}"]) + body[7:]
        pages.append(body)
    assert all(not s for s in running_lines(pages))


def test_contents_leaders_and_page_numbers_are_left_out() -> None:
    words = (
        line(80, ["1.", "Giới", "thiệu", "..........................", "5"], ln=0)
        + line(95, ["1.1", "Phạm", "vi", ".", ".", ".", ".", ".", ".", "12"], ln=1)
        + line(110, ["2.", "Cài", "đặt.............", "xii"], ln=2)
        + line(125, ["Xem", "thêm", "v.v...", "và", "trang", "7"], ln=3)  # an ellipsis is not a leader
    )
    edits = leader_edits(words)
    kept = [edits.get(i, w.text) for i, w in enumerate(words)]
    assert " ".join(t for t in kept if t) == "1. Giới thiệu 1.1 Phạm vi 2. Cài đặt Xem thêm v.v... và trang 7"
    assert DocText([words]).text == "1. Giới thiệu 1.1 Phạm vi 2. Cài đặt Xem thêm v.v... và trang 7"


def test_footnotes_are_read_after_the_whole_body() -> None:
    first = page(0, [], body_lines=10) + line(300, ["1", "Ghi", "chú", "thứ", "nhất."], size=8.0, block=5)
    second = page(1, [], body_lines=10, start=3) + line(300, ["2", "Ghi", "chú", "thứ", "hai."], size=8.0, block=5)
    code = page(2, [], body_lines=10) + line(300, ["print(x)"], size=8.0, block=5)  # small, but no note number
    assert {first[i].text for i in footnote_words(first)} == {"1", "Ghi", "chú", "thứ", "nhất."}
    assert footnote_words(code) == frozenset()
    doc = DocText([first, second, code])
    assert doc.text.endswith("1 Ghi chú thứ nhất. 2 Ghi chú thứ hai.")
    last_body = doc.page_words(0).stop - 1
    assert doc.ref(last_body + 1) == (1, 0)  # the body runs on to the next page
    assert [doc.ref(g)[0] for g in doc.page_notes(1)] == [1] * 5 and doc.is_note(doc.page_notes(1).start)
    # a selection from the body into its page's footnote stops at the body's end
    anchor = text_anchor(doc, "h", (0, 60), (0, len(first) - 1))
    assert anchor.quote is not None and "Ghi chú" not in anchor.quote.exact
    assert anchor.rects[-1].y1 < 300
