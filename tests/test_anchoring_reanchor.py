"""Re-anchoring on small, hand-made revisions of the demo report's text (no PDF needed):
exact, fuzzy, orphaned, the same-hash shortcut, page breaks, repeated text, Vietnamese
diacritics, ink and notes, and re-anchoring a document's annotations together."""

from __future__ import annotations

import json
import unicodedata

from test_anchoring_text import layout

from paperless.core.anchoring import (
    Anchor,
    DocText,
    Placement,
    Status,
    geometry_anchor,
    reanchor,
    reanchor_all,
    text_anchor_words,
)
from paperless.core.anchoring.match import Hint, find_all, matched_after, matched_before
from paperless.demo.factory import P, document_blocks

PARAS = [b.text for b in document_blocks("report") if isinstance(b, P) and isinstance(b.text, str)]
BASE = "\n\n".join(PARAS)


def doc_of(text: str, width: int = 70, lines: int = 30) -> DocText:
    return DocText(layout(text, width, lines))


def select(doc: DocText, phrase: str, occurrence: int = 0, doc_hash: str = "v1", after: int = 0) -> Anchor:
    """The anchor of a phrase (whole words): its ``occurrence``-th occurrence from ``after``."""
    start = after - 1
    for _ in range(occurrence + 1):
        start = doc.text.index(phrase, start + 1)
    span = doc.words_in(start, start + len(phrase))
    assert span is not None
    anchor = text_anchor_words(doc, doc_hash, *span)
    assert anchor.quote is not None and phrase in anchor.quote.exact  # whole words around it
    return anchor


def placed(doc: DocText, p: Placement) -> tuple[str, int]:
    """The text an annotation was placed on, and where."""
    assert p.placed and p.anchor.quote is not None
    q = p.anchor.quote.exact
    assert doc.text[p.anchor.position : p.anchor.position + len(q)] == q
    return q, p.anchor.position


def nth(text: str, phrase: str, occurrence: int) -> int:
    start = -1
    for _ in range(occurrence + 1):
        start = text.index(phrase, start + 1)
    return start


def test_same_hash_returns_the_anchor_unchanged() -> None:
    anchor = select(doc_of(BASE), "quán triệt và triển khai")
    p = reanchor(anchor, doc_of("something else entirely"), "v1")
    assert p.status is Status.PLACED_EXACT and p.anchor is anchor and p.confidence == 1.0
    assert reanchor_all([anchor], doc_of(""), "v1")[0].anchor is anchor


def test_reflowed_and_shifted_text_is_placed_exactly_on_its_words() -> None:
    old = doc_of(BASE)
    phrases = ["quán triệt và triển khai", "126 tin, bài có nội dung xấu, độc.", "thi hành kỷ luật 37 đảng viên"]
    anchors = [select(old, ph) for ph in phrases]
    new_text = "Báo cáo này được bổ sung một đoạn mở đầu để cập nhật số liệu mới nhất.\n\n" + BASE
    new = doc_of(new_text, width=48, lines=18)
    for anchor, phrase, p in zip(anchors, phrases, reanchor_all(anchors, new, "v2"), strict=True):
        assert p.status is Status.PLACED_EXACT and p.confidence == 1.0
        assert placed(new, p) == (phrase, new.text.index(phrase))
        span = new.words_in(p.anchor.position, p.anchor.position + len(phrase))
        assert span is not None and p.anchor.rects == new.rects(*span)
        assert p.anchor.doc_hash == "v2" and p.anchor.text_length == len(new.text)
        assert reanchor(anchor, new, "v2") == p


def test_annotations_follow_their_words_across_page_breaks() -> None:
    old = doc_of(BASE, width=70, lines=8)
    g = old.page_words(1).stop - 3  # the last 3 words of page 2 and the first 4 of page 3
    anchor = text_anchor_words(old, "v1", g, g + 6)
    assert [r.page for r in anchor.rects][0] == 1 and anchor.rects[-1].page == 2
    new = doc_of(BASE, width=55, lines=12)
    p = reanchor(anchor, new, "v2")
    assert p.status is Status.PLACED_EXACT and anchor.quote is not None
    assert placed(new, p)[0] == anchor.quote.exact
    span = new.words_in(p.anchor.position, p.anchor.position + len(anchor.quote.exact))
    assert span is not None and p.anchor.rects == new.rects(*span)
    assert p.anchor.page == new.page_of(span[0])
    # and a selection that did not cross a page break may cross one now
    old_words = [a for a in (text_anchor_words(old, "v1", k, k + 5) for k in range(0, 300, 7))]
    crossing = [p for p in reanchor_all(old_words, new, "v2") if len({r.page for r in p.anchor.rects}) > 1]
    assert crossing and all(p.status is Status.PLACED_EXACT for p in crossing)


def test_a_word_changed_inside_the_quote_is_placed_fuzzily() -> None:
    old = doc_of(BASE)
    anchor = select(old, "Ban Chỉ đạo 35 tỉnh đã chỉ đạo gỡ bỏ, xử lý 126 tin, bài")
    new_text = BASE.replace("đã chỉ đạo gỡ bỏ, xử lý 126 tin", "đã chỉ đạo gỡ bỏ, xử lý 131 tin")
    new = doc_of(new_text, width=50)
    p = reanchor(anchor, new, "v2")
    assert p.status is Status.PLACED_FUZZY and 0.75 < p.confidence < 1.0
    assert placed(new, p) == ("Ban Chỉ đạo 35 tỉnh đã chỉ đạo gỡ bỏ, xử lý 131 tin, bài", new.text.index("Ban Chỉ đạo 35"))


def test_a_deleted_sentence_is_orphaned_and_keeps_its_quote() -> None:
    sentence = "Toàn Đảng bộ kết nạp mới 862 đảng viên, đạt 107,8% kế hoạch năm."
    assert sentence in BASE
    old = doc_of(BASE)
    at = old.text.index(sentence)
    whole, part, word = select(old, sentence), select(old, "862 đảng viên,"), select(old, "viên,", after=at)
    assert at < word.position < at + len(sentence) and BASE.count("viên,") >= 2
    new = doc_of(BASE.replace(" " + sentence, ""), width=52)
    for p, anchor in zip(reanchor_all([whole, part, word], new, "v2"), (whole, part, word), strict=True):
        assert p.status is Status.ORPHANED and p.anchor is anchor and p.confidence == 0.0
    assert reanchor(word, new, "v2").status is Status.ORPHANED


def test_an_orphan_never_lands_on_the_same_words_elsewhere() -> None:
    # "đảng viên" occurs many times; the sentence annotated is deleted
    old = doc_of(BASE)
    sentence = "Qua kiểm tra, giám sát đã kịp thời chấn chỉnh những hạn chế, thiếu sót; thi hành kỷ luật 37 đảng viên vi phạm, trong đó có 2 đảng viên thuộc diện Ban Thường vụ Tỉnh ủy quản lý."
    assert sentence in BASE and BASE.count("đảng viên") > 5
    start = old.text.index(sentence)
    anchors = [select(old, ph, k) for ph in ("đảng viên", "các cấp", "tổ chức đảng") for k in range(old.text.count(ph))]
    inside = [a for a in anchors if start <= a.position < start + len(sentence)]
    inside.append(select(old, "2 đảng viên thuộc diện"))
    new = doc_of(BASE.replace(sentence, "Nội dung này đã được rà soát lại."), width=61)
    for anchor in inside:
        assert reanchor(anchor, new, "v2").status is Status.ORPHANED
    for anchor, p in zip(anchors, reanchor_all(anchors, new, "v2"), strict=True):
        assert anchor.quote is not None
        shift = len(new.text) - len(old.text)
        expected = anchor.position + (shift if anchor.position > start else 0)
        if anchor in inside:
            assert p.status is Status.ORPHANED
        elif abs(anchor.position - start) < 50 + len(sentence):  # its context was deleted: placed right or not at all
            assert not p.placed or placed(new, p) == (anchor.quote.exact, expected)
        else:  # the other occurrences are still there, each on its own words
            assert placed(new, p) == (anchor.quote.exact, expected)


def test_repeated_sentence_is_told_apart_by_its_context() -> None:
    repeated = "Ban Thường vụ Tỉnh ủy yêu cầu các cấp ủy, tổ chức đảng nghiêm túc thực hiện."
    paras = list(PARAS)
    paras[2] += " " + repeated
    paras[9] += " " + repeated
    old_text = "\n\n".join(paras)
    old = doc_of(old_text)
    first, second = select(old, repeated, 0), select(old, repeated, 1)
    paras.insert(1, "Đoạn này được thêm vào bản sửa đổi để giải trình thêm một số nội dung.")
    new = doc_of("\n\n".join(paras), width=45, lines=14)
    p1, p2 = reanchor_all([first, second], new, "v2")
    assert placed(new, p1) == (repeated, nth(new.text, repeated, 0))
    assert placed(new, p2) == (repeated, nth(new.text, repeated, 1))
    # a short phrase inside it too, one by one
    short = select(old, "nghiêm túc thực hiện.", 1)
    assert placed(new, reanchor(short, new, "v2"))[1] == nth(new.text, "nghiêm túc thực hiện.", 1)


def test_identical_passages_go_to_the_nearest_and_a_deleted_copy_is_not_moved() -> None:
    passage = "\n\n".join(PARAS[1:4])
    old_text = "\n\n".join([PARAS[0], passage, PARAS[7], passage, PARAS[8]])
    old = doc_of(old_text)
    phrase = "quán triệt và triển khai"
    first, second = select(old, phrase, 0), select(old, phrase, 1)
    new = doc_of("\n\n".join(["Lời nói đầu của bản sửa đổi.", PARAS[0], passage, PARAS[7], passage, PARAS[8]]), width=50)
    p1, p2 = reanchor_all([first, second], new, "v2")
    assert placed(new, p1)[1] == nth(new.text, phrase, 0) and placed(new, p2)[1] == nth(new.text, phrase, 1)
    assert placed(new, reanchor(second, new, "v2"))[1] == nth(new.text, phrase, 1)
    # the second copy deleted: its annotation is not carried to the first copy
    gone = doc_of("\n\n".join([PARAS[0], passage, PARAS[7], PARAS[8]]), width=50)
    witness = select(old, "Kinh tế của tỉnh tiếp tục phục hồi")
    ps = reanchor_all([first, second, witness], gone, "v2")
    assert ps[0].placed and ps[1].status is Status.ORPHANED and ps[2].placed


def test_diacritics_matter_bán_is_not_bàn() -> None:
    text = BASE + "\n\nCác hộ kinh doanh được bán hàng tại chợ mới. Hội nghị sẽ bàn hàng tại chợ mới vào tuần sau."
    old = doc_of(text)
    at = old.text.index("Các hộ kinh doanh")
    assert "bán" in BASE and "bàn" not in BASE
    anchor = select(old, "bán", after=at)
    longer = select(old, "được bán hàng tại chợ mới.")
    # the annotated sentence deleted: "bàn" with the same neighbours is not the same word
    new = doc_of(text.replace("Các hộ kinh doanh được bán hàng tại chợ mới. ", ""), width=50)
    for a in (anchor, longer):
        assert reanchor(a, new, "v2").status is Status.ORPHANED
    # a tone mark corrected in the annotated word: a one-word quote is not guessed
    retoned = doc_of(text.replace("được bán hàng", "được bàn hàng"), width=50)
    assert reanchor(anchor, retoned, "v2").status is Status.ORPHANED
    p = reanchor(longer, retoned, "v2")  # a longer quote is placed fuzzily on the edited words
    assert p.status is Status.PLACED_FUZZY and placed(retoned, p)[0] == "được bàn hàng tại chợ mới."
    # the same text encoded decomposed (NFD) in the new PDF is the same text
    nfd = DocText([[w.__class__(w.x0, w.y0, w.x1, w.y1, unicodedata.normalize("NFD", w.text), w.block, w.line)
                    for w in page] for page in layout(text, 50)])
    assert reanchor(anchor, nfd, "v2").status is Status.PLACED_EXACT
    assert placed(nfd, reanchor(anchor, nfd, "v2"))[0] == "bán"


def test_ink_moves_with_its_nearest_word() -> None:
    old_pages = layout(BASE)
    old = DocText(old_pages)
    g = old.text.index("Mặt trận Tổ quốc")
    word = old.word_at(g)
    x0, y0, x1, y1 = old.box(word)
    stroke = (x0 - 3, y0 - 6, x1 + 20, y0 - 2)  # a tick above "Mặt"
    anchor = geometry_anchor(old, "v1", old.page_of(word), [stroke])
    assert anchor.context is not None and old.word_at(anchor.position + anchor.context.word) == word
    new_text = "Phần mở đầu mới.\n\n" + BASE.replace("Ban Chỉ đạo 35 tỉnh", "Ban Chỉ đạo 35 của tỉnh")
    new = doc_of(new_text, width=47, lines=16)
    p = reanchor_all([anchor], new, "v2")[0]
    assert p.status is Status.PLACED_EXACT
    nw = new.word_at(new.text.index("Mặt trận Tổ quốc"))
    nx, ny = new.box(nw)[:2]
    assert p.shift == (nx - x0, ny - y0) and p.anchor.page == new.page_of(nw)
    assert p.anchor.rects[0] == (new.page_of(nw), stroke[0] + nx - x0, stroke[1] + ny - y0, stroke[2] + nx - x0, stroke[3] + ny - y0)
    assert p.anchor.context is not None and (p.anchor.context.x, p.anchor.context.y) == (nx, ny)
    # its context edited a little: still placed (fuzzily), on the same word
    edited = doc_of(new_text.replace("Mặt trận Tổ quốc và các đoàn thể", "Mặt trận Tổ quốc và tất cả các đoàn thể"), width=47)
    q = reanchor(anchor, edited, "v3")
    nw = edited.word_at(edited.text.index("Mặt trận Tổ quốc"))
    assert q.status is Status.PLACED_FUZZY and q.shift == (edited.box(nw)[0] - x0, edited.box(nw)[1] - y0)


def test_ink_and_notes_are_orphaned_when_their_text_is_gone() -> None:
    old = doc_of(BASE)
    paragraph = next(p for p in PARAS if p.startswith("Mặt trận Tổ quốc"))
    word = old.word_at(old.text.index("Cuộc vận động"))
    x0, y0, x1, y1 = old.box(word)
    note = geometry_anchor(old, "v1", old.page_of(word), [(x1 + 2, y0, x1 + 18, y0 + 16)])
    new = doc_of(BASE.replace(paragraph, "Nội dung về công tác dân vận được chuyển sang báo cáo chuyên đề."))
    assert reanchor(note, new, "v2").status is Status.ORPHANED
    blank = geometry_anchor(DocText([[]]), "v1", 0, [(10, 10, 50, 50)])
    assert reanchor(blank, new, "v2").status is Status.ORPHANED
    assert reanchor(blank, new, "v1").anchor is blank


def test_reanchor_all_follows_a_large_insertion_that_a_single_guess_would_miss() -> None:
    old = doc_of(BASE)
    anchors = [text_anchor_words(old, "v1", g, g + 3) for g in range(0, 200, 9)]
    preface = "\n\n".join(PARAS[::-1]).replace("2024", "2023").replace("tỉnh", "Tỉnh")  # a long new part first
    new = doc_of(preface + "\n\n" + BASE)
    together = reanchor_all(anchors, new, "v2")
    assert all(p.status is Status.PLACED_EXACT for p in together)
    shift = new.text.index(old.text[:60])
    assert shift > 5000 and all(p.anchor.position == a.position + shift for p, a in zip(together, anchors, strict=True))
    alone = [reanchor(a, new, "v2") for a in anchors]
    assert all(not p.placed or p == q for p, q in zip(alone, together, strict=True))
    assert any(not p.placed for p in alone)  # too far from where its relative position says


def test_a_placed_anchor_carries_over_again_after_a_json_round_trip() -> None:
    v1 = doc_of(BASE)
    anchor = select(v1, "Công tác nắm bắt tình hình tư tưởng")
    v2_text = BASE.replace("Công tác nắm bắt", "Công tác thường xuyên nắm bắt")
    v2 = doc_of(v2_text, width=44)
    p2 = reanchor(anchor, v2, "v2")
    assert p2.status is Status.PLACED_FUZZY
    stored = Anchor.from_dict(json.loads(json.dumps(p2.anchor.to_dict())))
    v3 = doc_of("Mở đầu.\n\n" + v2_text, width=66)
    p3 = reanchor(stored, v3, "v3")
    assert p3.status is Status.PLACED_EXACT and placed(v3, p3)[0] == "Công tác thường xuyên nắm bắt tình hình tư tưởng"


def test_search_primitives() -> None:
    assert find_all("abababa", "aba") == [0, 2, 4] and find_all("abababa", "aba", cap=2) == [0, 2]
    assert find_all("abc", "") == [] and find_all("abababa", "aba", 1, 6) == [2]
    assert matched_before("xx hello world", 8, "say hello") == 6
    assert matched_after("hello world", 5, " word") == 4 and matched_after("abc", 3, "x") == 0
    assert Hint(100, 10).allows(95) and not Hint(100, 10).allows(111) and not Hint(100, 10, lo=99).allows(95)
    assert not Hint(100, 50, hi=120).allows(130)
