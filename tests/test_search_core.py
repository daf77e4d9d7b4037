"""core.search: Vietnamese folding, query semantics, the session index, in-page rectangles."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from paperless.core.search import (
    Hit,
    OffsetMap,
    PageWords,
    Query,
    SessionIndex,
    exact_key,
    fold,
    fold_compact,
    fold_with_map,
    has_diacritics,
    make_snippet,
    match_words,
)
from paperless.core.search.fold import _piece


def nfd(text: str) -> str:
    return unicodedata.normalize("NFD", text)


def nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


@dataclass(frozen=True)
class Word:  # the fields of core.render.document.Word
    x0: float
    y0: float
    x1: float
    y1: float
    text: str
    block: int
    line: int


def layout(lines: list[str], *, char_width: float = 6.0, line_height: float = 14.0) -> list[Word]:
    """Positioned words: one block, one line per string, monospaced."""
    words: list[Word] = []
    for n, line in enumerate(lines):
        x = 72.0
        y = 72.0 + n * line_height
        for token in line.split(" "):
            width = len(nfc(token)) * char_width
            words.append(Word(x, y, x + width, y + line_height - 2, token, 0, n))
            x += width + char_width
    return words


def found(index: SessionIndex, query: str) -> list[tuple[str, int]]:
    return [(h.doc, h.page) for h in index.search(query)]


# ---------------------------------------------------------------- fold


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Chuyển Đổi SỐ", "chuyen doi so"),
        ("chuyển đổi số", "chuyen doi so"),
        ("ĐẢNG CỘNG SẢN VIỆT NAM", "dang cong san viet nam"),
        ("đường Đông", "duong dong"),
        ("ưu tiên, ơn, ăn, ấm", "uu tien, on, an, am"),
        ("  a \t b\u00a0\u00a0c\n\nd  ", "a b c d"),
        ("Straße", "strasse"),
        ("", ""),
        ("   \n ", ""),
        ("2021–2030: 12,5%", "2021–2030: 12,5%"),
    ],
)
def test_fold_examples(text: str, expected: str) -> None:
    assert fold(text) == expected
    assert fold(nfd(text)) == expected


def test_d_with_stroke_is_not_split_by_nfd() -> None:
    assert nfd("đ") == "đ"  # the reason for the explicit đ -> d mapping
    assert fold("Đ") == fold("đ") == "d"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("chuyển\nđổi số", "chuyen doi so"),
        ("chuyển   \n   đổi", "chuyen doi"),
        ("chuyển\r\nđổi", "chuyen doi"),
        ("docu-\nment", "document"),  # hyphenation
        ("docu- \n ment", "document"),
        ("BTV12-\n01-CTR", "btv12-01-ctr"),  # a real hyphen broken at the line end
        ("Hà-\nNội", "ha-noi"),
        ("kinh tế -\nxã hội", "kinh te - xa hoi"),  # a dash, not a hyphenation
        ("kinh tế – xã hội", "kinh te – xa hoi"),
        ("docu\u00adment", "document"),  # soft hyphen
        ("docu\u00ad\nment", "document"),
        ("e\u2010mail, e\u2011mail", "e-mail, e-mail"),
    ],
)
def test_line_breaks_and_hyphens(text: str, expected: str) -> None:
    assert fold(text) == expected


def test_fold_with_map_points_into_the_original() -> None:
    text = "  Chuyển\n  ĐỔI-\nsố"
    folded, offsets = fold_with_map(text)
    assert folded == "chuyen doiso"  # "ĐỔI-⏎số": a hyphenation
    assert [text[i] for i in offsets] == list("Chuyển\nĐỔIsố")
    nfd_text = nfd("Đảng ủy")
    folded, offsets = fold_with_map(nfd_text)
    assert folded == "dang uy"
    assert [nfd_text[i] for i in offsets] == ["Đ", "a", "n", "g", " ", "u", "y"]


def test_has_diacritics() -> None:
    assert has_diacritics("chuyển") and has_diacritics("đang") and has_diacritics(nfd("Ả"))
    assert not has_diacritics("chuyen doi so") and not has_diacritics("DANG 2025")


def test_exact_key_is_case_insensitive_accent_exact() -> None:
    assert exact_key("Đảng") == exact_key("ĐẢNG") == exact_key(nfd("đảng"))
    assert exact_key("Đảng") != exact_key("đang")
    # marks typed in a non-canonical order still compare equal
    assert exact_key("e\u0302\u0323") == exact_key("ệ")


# ---------------------------------------------------------------- hypothesis

VIETNAMESE = "aăâbcdđeêghiklmnoôơpqrstuưvxyAĂÂĐÊÔƠƯ" + "àáảãạằắẳẵặầấẩẫậèéẻẽẹềếểễệìíỉĩịòóỏõọồốổỗộờớởỡợùúủũụừứửữựỳýỷỹỵ"
TRICKY = " \n\r\t\u00a0\u00ad-\u2010\u2011–ßİﬁΣς\u0300\u0301\u0303\u0309\u0323\u0302\u0306\u031b"
alphabet = st.one_of(
    st.sampled_from(VIETNAMESE + VIETNAMESE.upper() + TRICKY + "0123456789.,;"),
    st.characters(codec="utf-8"),
)
texts = st.text(alphabet, max_size=80).flatmap(lambda t: st.sampled_from([t, nfd(t), nfc(t)]))


@settings(max_examples=400, deadline=None)
@given(texts)
def test_fold_is_idempotent(text: str) -> None:
    once = fold(text)
    assert fold(once) == once
    assert "  " not in once and once == once.strip(" ") and "\n" not in once


@settings(max_examples=400, deadline=None)
@given(texts)
def test_fold_map_is_valid_and_monotonic(text: str) -> None:
    folded, offsets = fold_with_map(text)
    assert len(offsets) == len(folded)
    assert all(0 <= i < len(text) for i in offsets)
    assert offsets == sorted(offsets)
    for ch, i in zip(folded, offsets, strict=True):
        original = text[i]
        if ch == " ":
            assert original.isspace() or original == "\u00ad" or " " in _piece(original, True)
        elif ch == "-":
            assert original in "-\u2010\u2011" or "-" in _piece(original, True)
        else:
            assert ch in _piece(original, True), (ch, original)
    compact, omap = fold_compact(text)
    assert compact == folded == fold(text)
    assert [omap[i] for i in range(len(folded))] == offsets


@settings(max_examples=400, deadline=None)
@given(texts)
def test_exact_key_short_way_equals_the_full_fold(text: str) -> None:
    assert exact_key(text) == nfd(fold_compact(text, strip=False)[0])
    assert exact_key(text) == exact_key(nfc(text)) == exact_key(nfd(text))
    if all(c.casefold() == c for c in nfd(text) if unicodedata.combining(c)):  # not U+0345 (→ ι)
        assert fold(exact_key(text)) == fold(text)


@settings(max_examples=300, deadline=None)
@given(st.text(st.sampled_from(VIETNAMESE + VIETNAMESE.upper() + " \n\t"), max_size=60))
def test_fold_equals_a_simple_reference_without_hyphens(text: str) -> None:
    stripped = "".join(c for c in nfd(text) if not unicodedata.combining(c))
    reference = re.sub(r"\s+", " ", stripped.replace("đ", "d").replace("Đ", "D").casefold()).strip()
    assert fold(text) == reference
    assert fold(nfc(text)) == fold(nfd(text))


@settings(max_examples=200, deadline=None)
@given(st.lists(st.integers(0, 5), max_size=40))
def test_offset_map_round_trip(steps: list[int]) -> None:
    offsets: list[int] = []
    pos = 0
    for step in steps:  # any non-decreasing sequence
        pos += step
        offsets.append(pos)
    omap = OffsetMap.from_list(offsets)
    assert omap.to_list(len(offsets)) == offsets
    assert [omap[i] for i in range(len(offsets))] == offsets


# ---------------------------------------------------------------- query semantics and the index


@pytest.fixture
def index() -> SessionIndex:
    idx = SessionIndex()
    idx.add_page("a", 0, "Kế hoạch chuyển đổi số của tỉnh.")
    idx.add_page("a", 1, "KẾ HOẠCH CHUYỂN ĐỔI SỐ")
    idx.add_page("b", 0, "Các cơ quan Đảng đang triển khai.")
    idx.add_page("b", 1, "Nghị quyết của đảng ủy.")
    idx.add_page("b", 2, "Công việc đang làm.")
    idx.add_page("c", 0, nfd("Chuyển đổi số trong Đảng"))
    return idx


def test_query_without_diacritics_is_insensitive(index: SessionIndex) -> None:
    assert found(index, "chuyen doi so") == [("a", 0), ("a", 1), ("c", 0)]
    assert found(index, "CHUYEN DOI SO") == found(index, "chuyen doi so")
    assert found(index, "dang") == [("b", 0), ("b", 0), ("b", 1), ("b", 2), ("c", 0)]


def test_query_with_diacritics_is_accent_exact_but_case_insensitive(index: SessionIndex) -> None:
    assert found(index, "Đảng") == [("b", 0), ("b", 1), ("c", 0)]
    assert found(index, "đảng") == found(index, "ĐẢNG") == found(index, "Đảng")
    assert found(index, "đang") == [("b", 0), ("b", 2)]
    assert found(index, "chuyển đổi số") == [("a", 0), ("a", 1), ("c", 0)]
    assert found(index, "đảng ủy") == [("b", 1)]


def test_only_the_words_typed_with_diacritics_are_exact(index: SessionIndex) -> None:
    assert found(index, "chuyen đổi") == [("a", 0), ("a", 1), ("c", 0)]
    assert found(index, "CHUYEN ĐỔI so") == [("a", 0), ("a", 1), ("c", 0)]
    assert found(index, "chuyen đôi") == []  # 'đôi' is not 'đổi'
    assert found(index, "co quan Đang") == []
    assert found(index, "co quan Đảng dang") == [("b", 0)]


def test_nfc_and_nfd_queries_and_texts(index: SessionIndex) -> None:
    for q in ("Đảng", "chuyển đổi số"):
        assert found(index, nfd(q)) == found(index, nfc(q))
    assert ("c", 0) in found(index, nfc("chuyển đổi số"))  # NFD page, NFC query
    assert ("a", 0) in found(index, nfd("chuyển đổi số"))  # NFC page, NFD query


def test_accent_exact_does_not_match_a_prefix_of_a_letter() -> None:
    idx = SessionIndex()
    idx.add_page("d", 0, nfd("cẩn thận"))
    idx.add_page("d", 1, "cẩn thận")
    assert found(idx, "câ") == []  # 'câ' is not 'cẩ'
    assert found(idx, "cẩ") == [("d", 0), ("d", 1)]
    hit = idx.search("cẩn")[0]
    assert nfc(idx.search("cẩn")[0].snippet[hit.match_start : hit.match_end]) == "cẩn"


def test_phrase_broken_across_lines_is_found() -> None:
    idx = SessionIndex()
    idx.add_page("d", 3, "thực hiện chuyển\nđổi số trong các\ncơ quan")
    idx.add_page("d", 4, "docu-\nment BTV12-\n01")
    assert found(idx, "chuyển đổi số") == [("d", 3)]
    assert found(idx, "chuyen doi so trong cac co quan") == [("d", 3)]
    assert found(idx, "document") == [("d", 4)]
    assert found(idx, "BTV12-01") == [("d", 4)]
    hit = idx.search("chuyen doi")[0]
    assert hit.snippet == "thực hiện chuyển đổi số trong các cơ quan"
    assert hit.snippet[hit.match_start : hit.match_end] == "chuyển đổi"


def test_hit_offsets_and_snippets_come_from_the_original_text() -> None:
    text = ("Mở đầu. " * 12) + "Đẩy mạnh\nCHUYỂN ĐỔI SỐ trong toàn hệ thống. " + ("Kết luận. " * 12)
    idx = SessionIndex()
    idx.add_page("d", 0, text)
    (hit,) = idx.search("chuyen doi so")
    assert isinstance(hit, Hit)
    assert text[hit.start : hit.end] == "CHUYỂN ĐỔI SỐ"
    assert hit.snippet.startswith("…") and hit.snippet.endswith("…")
    assert "\n" not in hit.snippet and "Đẩy mạnh CHUYỂN ĐỔI SỐ trong" in hit.snippet
    assert hit.snippet[hit.match_start : hit.match_end] == "CHUYỂN ĐỔI SỐ"
    assert 70 <= len(hit.snippet) <= 110
    assert not hit.snippet[1].isspace()  # cut at a word boundary


def test_snippet_at_the_edges_has_no_ellipsis() -> None:
    assert make_snippet("Đảng ủy", 0, 4) == ("Đảng ủy", 0, 4)


def test_limit_count_empty_and_replacing_pages(index: SessionIndex) -> None:
    assert len(index.search("a", limit=3)) == 3
    assert index.count("dang") == 5 and index.count("Đảng") == 3
    assert index.search("") == [] and index.search("  \n ") == [] and index.count("") == 0
    assert index.pages == 6
    index.add_page("a", 0, "khác")
    assert index.pages == 6 and found(index, "chuyen doi so") == [("a", 1), ("c", 0)]
    index.remove_document("a")
    assert index.pages == 4 and index.documents() == ["b", "c"]
    index.clear()
    assert index.pages == 0 and index.search("dang") == []


def test_results_follow_document_then_page_order() -> None:
    idx = SessionIndex()
    for doc, page in [("y", 5), ("x", 2), ("y", 1), ("x", 0)]:
        idx.add_page(doc, page, "số")
    assert found(idx, "so") == [("y", 1), ("y", 5), ("x", 0), ("x", 2)]


def test_query_parse() -> None:
    assert Query.parse("  Chuyển  Đổi ").folded == "chuyen doi"
    assert Query.parse("chuyen").exact is None and Query.parse("chuyển").accent_exact


# ---------------------------------------------------------------- match_words


def test_match_words_one_rect_per_word_over_lines() -> None:
    words = layout(["Kế hoạch chuyển", "đổi số của tỉnh, chuyển đổi số."])
    matches = match_words(words, "chuyen doi so")
    assert len(matches) == 2
    first, second = matches
    assert first == [(w.x0, w.y0, w.x1, w.y1) for w in (words[2], words[3], words[4])]
    assert second[:2] == [(w.x0, w.y0, w.x1, w.y1) for w in (words[7], words[8])]
    last = words[9]  # "số." partly: the box stops before the full stop
    x0, y0, x1, y1 = second[2]
    assert (x0, y0, y1) == (last.x0, last.y0, last.y1)
    assert x1 == pytest.approx(last.x0 + (last.x1 - last.x0) * 2 / 3)


def test_match_words_accent_exact_and_empty() -> None:
    words = layout(["Đảng bộ đang làm", "ĐẢNG ỦY"])
    assert len(match_words(words, "dang")) == 3
    assert len(match_words(words, "Đảng")) == 2
    assert match_words(words, "đang") == [[(words[2].x0, words[2].y0, words[2].x1, words[2].y1)]]
    assert match_words(words, "") == [] and match_words([], "dang") == []


def test_page_words_nfd_words_and_spans() -> None:
    words = layout([nfd("Chuyển đổi")])
    page = PageWords(words)
    assert len(page) == 2 and page.text == nfd("Chuyển đổi")
    assert page.matches("chuyển đổi") == [[(w.x0, w.y0, w.x1, w.y1) for w in words]]
    (span,) = page.spans("đổi")
    assert page.text[span[0] : span[1]] == nfd("đổi")


@settings(max_examples=200, deadline=None)
@given(
    st.lists(st.lists(st.sampled_from(["chuyển", "đổi", "số", "Đảng", "đang", "CHUYỂN", "ĐỔI", "số,"]), min_size=1, max_size=6), min_size=1, max_size=4),
    st.sampled_from(["chuyen doi so", "doi", "dang", "Đảng", "đổi số", "so"]),
)
def test_match_words_rects_cover_exactly_the_matched_words(lines: list[list[str]], query: str) -> None:
    words = layout([" ".join(line) for line in lines])
    page = PageWords(words)
    spans = page.spans(query)
    matches = page.matches(query)
    assert len(matches) == len(spans)
    starts = []
    pos = 0
    for w in words:
        starts.append(pos)
        pos += len(w.text) + 1
    for (start, end), rects in zip(spans, matches, strict=True):
        covered = [w for w, s in zip(words, starts, strict=True) if s < end and start < s + len(w.text)]
        assert len(rects) == len(covered)
        for w, (x0, y0, x1, y1) in zip(covered, rects, strict=True):
            assert (y0, y1) == (w.y0, w.y1)
            assert w.x0 - 1e-9 <= x0 < x1 <= w.x1 + 1e-9
        assert fold(page.text[start:end]) == fold(query)
