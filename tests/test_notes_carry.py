"""Carry-over: annotations made on version 1 of a document follow it into version 2 (other
page size, a paragraph inserted, a sentence deleted), saved under the new hash; one whose
text is gone is never placed elsewhere."""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from pathlib import Path

import pymupdf
import pytest
from bundle_helpers import People, unlock

from paperless.core.anchoring import DocText, geometry_anchor, text_anchor
from paperless.core.identity import UnlockedIdentity
from paperless.core.notes import AnnotationKind, NotesStore
from paperless.core.notes.carry import TRIED, carry_over, choose_target, stale_groups, untried
from paperless.core.render import PdfDocument

FONT = Path(__file__).resolve().parents[1] / "resources" / "fonts" / "NotoSans-Regular.ttf"
SID = "phien-12"

PARAS = [
    "Điều 1. Phê duyệt Kế hoạch chuyển đổi số trong các cơ quan Đảng giai đoạn 2025–2030.",
    "Điều 2. Văn phòng Tỉnh ủy chủ trì, phối hợp với các ban xây dựng Đảng triển khai thực hiện.",
    "Điều 3. Kinh phí thực hiện từ nguồn ngân sách tỉnh và các nguồn hợp pháp khác.",
    "Điều 4. Sở Thông tin và Truyền thông hướng dẫn bảo đảm an toàn thông tin mạng.",
    "Điều 5. Báo cáo sơ kết vào quý IV năm 2027 và tổng kết vào quý IV năm 2030.",
] * 6
INSERTED = "Điều 0. Quyết định này có hiệu lực kể từ ngày ký ban hành và thay thế các văn bản trước."
DELETED = 7  # index of the paragraph removed in version 2


def typeset(paras: list[str], size: tuple[float, float]) -> bytes:
    doc = pymupdf.open()
    page = None
    y = 0.0
    for text in paras:
        if page is None or y > size[1] - 140:
            page = doc.new_page(width=size[0], height=size[1])
            page.insert_font(fontname="noto", fontfile=str(FONT))
            y = 60.0
        rect = pymupdf.Rect(60, y, size[0] - 60, y + 80)
        left = page.insert_textbox(rect, text, fontname="noto", fontsize=12)
        y += 80 - left + 10
    data: bytes = doc.tobytes()
    doc.close()
    return data


def doc_text(data: bytes) -> DocText:
    pdf = PdfDocument(data)
    try:
        return DocText([pdf.words(i) for i in range(pdf.page_count)])
    finally:
        pdf.close()


def find_words(doc: DocText, pdf: bytes, phrase: str) -> tuple[tuple[int, int], tuple[int, int]]:
    """(page, first word), (page, last word) of the first occurrence of ``phrase``."""
    target = phrase.split()
    document = PdfDocument(pdf)
    try:
        for page in range(document.page_count):
            words = [w.text for w in document.words(page)]
            for i in range(len(words) - len(target) + 1):
                if words[i:i + len(target)] == target:
                    return (page, i), (page, i + len(target) - 1)
    finally:
        document.close()
    raise AssertionError(f"not found: {phrase}")


@pytest.fixture(scope="module")
def an(people: People) -> UnlockedIdentity:
    return unlock(people.member("an"))


@pytest.fixture
def store(tmp_path: Path, an: UnlockedIdentity) -> Iterator[NotesStore]:
    s = NotesStore.open(tmp_path / "lib", an)
    yield s
    s.close()


def test_annotations_follow_the_revised_document(store: NotesStore) -> None:
    v1 = typeset(PARAS, (595.0, 842.0))
    v2_paras = [INSERTED, *PARAS[:DELETED], *PARAS[DELETED + 1:]]
    v2 = typeset(v2_paras, (612.0, 792.0))  # US Letter: every page breaks elsewhere
    h1, h2 = hashlib.sha256(v1).hexdigest(), hashlib.sha256(v2).hexdigest()
    other = typeset(["Một tài liệu khác hẳn, về công tác cán bộ."], (595.0, 842.0))
    h_other = hashlib.sha256(other).hexdigest()
    t1 = doc_text(v1)
    kept = "Kinh phí thực hiện từ nguồn ngân sách tỉnh"
    gone = PARAS[DELETED]  # "Điều 3. ..." third occurrence: its own text still exists elsewhere!
    made = {}
    first, last = find_words(t1, v1, kept)
    anchor = text_anchor(t1, h1, first, last)
    made["kept"] = store.add_annotation(SID, h1, anchor.page, AnnotationKind.HIGHLIGHT, "#ffe066",
                                        {"anchor": anchor.to_dict(), "quote": anchor.quote.exact if anchor.quote else ""})
    ink_anchor = geometry_anchor(t1, h1, 0, [(100.0, 100.0, 160.0, 120.0)])
    made["ink"] = store.add_annotation(SID, h1, 0, AnnotationKind.INK, "#ff0000",
                                       {"anchor": ink_anchor.to_dict(), "strokes": [[[100.0, 100.0], [160.0, 120.0]]],
                                        "width": 2.0})
    assert gone.startswith("Điều 3.")
    groups = stale_groups(store.annotations(SID), current=[h2, h_other])
    assert list(groups) == [h1] and len(groups[h1]) == 2
    texts = {h2: t2_text(v2), h_other: t2_text(other)}
    assert choose_target(groups[h1], texts) == h2
    report = carry_over(store, groups[h1], h2, doc_text(v2))
    assert report.placed == 2 and report.orphaned == []
    moved = store.annotation(made["kept"].uuid)
    assert moved is not None and moved.doc_hash == h2
    assert moved.payload["quote"] == kept or kept in moved.payload["quote"]
    # the new rects cover exactly the words of the quote in version 2
    t2 = doc_text(v2)
    f2, l2 = find_words(t2, v2, kept)
    expected = text_anchor(t2, h2, f2, l2)
    assert moved.page == expected.page
    got = [tuple(round(v, 1) for v in r) for r in moved.payload["anchor"]["rects"]]
    assert got == [tuple(round(v, 1) for v in r) for r in expected.rects]
    ink = store.annotation(made["ink"].uuid)
    assert ink is not None and ink.doc_hash == h2
    assert ink.payload["strokes"] != [[[100.0, 100.0], [160.0, 120.0]]]  # moved with its text
    assert stale_groups(store.annotations(SID), current=[h2, h_other]) == {}
    assert len(store.pending_outbox()) == 4  # two creates, two carried updates


def t2_text(pdf: bytes) -> str:
    document = PdfDocument(pdf)
    try:
        return "\n".join(document.text(i) for i in range(document.page_count))
    finally:
        document.close()


def test_an_annotation_whose_text_is_gone_stays_and_is_not_tried_again(store: NotesStore) -> None:
    v1 = typeset(PARAS[:5], (595.0, 842.0))
    v2 = typeset([p for p in PARAS[:5] if not p.startswith("Điều 4.")], (612.0, 792.0))
    h1, h2 = hashlib.sha256(v1).hexdigest(), hashlib.sha256(v2).hexdigest()
    t1 = doc_text(v1)
    first, last = find_words(t1, v1, "hướng dẫn bảo đảm an toàn thông tin")
    anchor = text_anchor(t1, h1, first, last)
    lost = store.add_annotation(SID, h1, anchor.page, AnnotationKind.UNDERLINE, "#3366ff",
                                {"anchor": anchor.to_dict(), "quote": "hướng dẫn bảo đảm an toàn thông tin"})
    first, last = find_words(t1, v1, "Phê duyệt Kế hoạch chuyển đổi số")
    anchor = text_anchor(t1, h1, first, last)
    store.add_annotation(SID, h1, anchor.page, AnnotationKind.HIGHLIGHT, "#ffe066",
                         {"anchor": anchor.to_dict(), "quote": "Phê duyệt Kế hoạch chuyển đổi số"})
    group = stale_groups(store.annotations(SID), [h2])[h1]
    report = carry_over(store, group, h2, doc_text(v2))
    assert report.orphaned == [lost.uuid] and report.placed == 1
    still = store.annotation(lost.uuid)
    assert still is not None and still.doc_hash == h1 and still.payload[TRIED] == [h2]
    group = stale_groups(store.annotations(SID), [h2])[h1]
    assert [a.uuid for a in group] == [lost.uuid]
    assert untried(group, [h2]) == []  # not tried again in the same version


def test_the_demo_s_revised_plan(store: NotesStore, tmp_path: Path) -> None:
    """The demo's version 2 (``paperless demo``): a note on the dropped paragraph is not placed,
    a note elsewhere follows the text."""
    from paperless.demo.factory import write_plan

    v1 = write_plan(tmp_path / "v1.pdf").read_bytes()
    v2 = write_plan(tmp_path / "v2.pdf", revision=2).read_bytes()
    h1, h2 = hashlib.sha256(v1).hexdigest(), hashlib.sha256(v2).hexdigest()
    t1 = doc_text(v1)
    made = {}
    for name, phrase in (("kept", "xác định chuyển đổi số là nhiệm vụ chính trị trọng"),
                         ("dropped", "từng bước hình thành cơ quan Đảng")):
        first, last = find_words(t1, v1, phrase)
        anchor = text_anchor(t1, h1, first, last)
        made[name] = store.add_annotation(SID, h1, anchor.page, AnnotationKind.HIGHLIGHT, "#ffe066",
                                          {"anchor": anchor.to_dict(), "quote": phrase})
    group = stale_groups(store.annotations(SID), [h2])[h1]
    report = carry_over(store, group, h2, doc_text(v2))
    assert report.orphaned == [made["dropped"].uuid]
    assert report.placed_exact == [made["kept"].uuid]
