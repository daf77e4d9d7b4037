"""Carry-over on realistic books (issue 15, part 2): alternating running headers with titles
and page numbers, footnotes, a contents page with dot leaders, two-column sections and code
blocks, each book reflowed to another page size with edits (tests/carry_books.py).

Goal on every book: at least 97 % of the intact annotations placed correctly and none
misplaced (text annotations of every category, and ink). Besides the random selections and
the edited sentences of test_anchoring_accuracy, every book gets selections that cross a page
break (so a running header or footer in the old version) and selections on the contents
page, whose leaders and page numbers all changed. Run with ``pytest -s`` for the figures.
"""

from __future__ import annotations

import random
from collections import Counter

import pytest
from carry_books import BOOKS, Pair, versions
from test_anchoring_accuracy import Case, _cases, _ink, _judge, _judge_ink, _misplaced, _print

from paperless.core.anchoring import DocText, reanchor_all, text_anchor_words


def book_cases(pair: Pair, rng: random.Random) -> list[Case]:
    old = pair.old
    cases = _cases(pair, old, rng)  # type: ignore[arg-type]  # duck-typed like test_anchoring_accuracy's corpus
    pages = [p for p in range(2, old.doc.page_count - 1) if old.doc.page_words(p) and old.doc.page_words(p + 1)]
    for p in rng.sample(pages, min(40, len(pages))):  # across the page break: the header or footer between
        last, first = old.doc.page_words(p).stop - 1, old.doc.page_words(p + 1).start
        cases.append(Case("cross-page", max(0, last - rng.randint(0, 12)), first + rng.randint(0, 12)))
    toc = old.contents
    for _ in range(40):  # contents lines, one or several, with their leaders and page numbers in between
        a = rng.randrange(len(toc))
        cases.append(Case("contents", toc[a], toc[min(len(toc) - 1, a + rng.randint(0, 14))]))
    return cases


def run_book(name: str, seed: int = 15) -> dict[str, Counter[str]]:
    pair = versions(name)
    old, new = pair.old, pair.new
    rng = random.Random(seed)
    cases = book_cases(pair, rng)
    anchors = [text_anchor_words(old.doc, "old", c.g0, c.g1) for c in cases]
    inks, refs = _ink(old, new, rng, 120)  # type: ignore[arg-type]
    placements = reanchor_all(anchors + inks, new.doc, "new")
    figures: dict[str, Counter[str]] = {}
    for case, placement in zip(cases, placements, strict=False):
        category, outcome = _judge(old, new, case, placement)  # type: ignore[arg-type]
        figures.setdefault(category, Counter())[outcome] += 1
        figures.setdefault(f"  tag {case.tag}/{category}", Counter())[outcome] += 1
        figures.setdefault("status", Counter())[placement.status.value] += 1
    for anchor, ref, placement in zip(inks, refs, placements[len(cases) :], strict=True):
        figures.setdefault("ink", Counter())[_judge_ink(old, new, anchor, ref, placement)] += 1  # type: ignore[arg-type]
    return figures


@pytest.mark.parametrize("name", BOOKS)
def test_book_is_typeset_as_described(name: str) -> None:
    """The ground truth holds: every word drawn is in the document text once, and nothing
    that was drawn as furniture (running headers and footers, leaders, contents page
    numbers) is; the two versions break pages differently and the headers vary."""
    pair = versions(name)
    for v in (pair.old, pair.new):
        assert v.unmatched_tokens == 0
        assert v.leaked == []
        assert v.doc.page_count >= 40
        with_furniture = DocText(v.pages, furniture=False, contents=False)
        assert with_furniture.word_count > v.doc.word_count + v.doc.page_count  # there was plenty to leave out
        heads = {" ".join(w.text for w in page if w.y1 < min(x.y1 for x in page) + 1) for page in v.pages[3:] if page}
        assert len(heads) >= 20  # running headers that vary: titles and numbers
    firsts_old = {pair.old.tid_of[r.start] for r in map(pair.old.doc.page_words, range(pair.old.doc.page_count)) if r}
    firsts_new = {pair.new.tid_of[r.start] for r in map(pair.new.doc.page_words, range(pair.new.doc.page_count)) if r}
    openings = sum(it.kind == "chapter" for it in pair.book.old)
    assert len(firsts_old & firsts_new) <= openings + 2 + 0.1 * pair.old.doc.page_count  # title, contents, chapters


@pytest.mark.slow
@pytest.mark.parametrize("name", BOOKS)
def test_carry_over_on_book(name: str) -> None:
    figures = run_book(name)
    _print(f"carry-over, book {name}", figures)
    intact = figures["intact"]
    total = sum(intact.values())
    assert total >= 300
    assert intact["correct"] / total >= 0.97
    assert _misplaced(figures) == 0
    assert figures["gone"]["correct"] >= 8  # deleted sentences were annotated and came out orphaned
    for tag in ("cross-page", "contents"):
        c = figures[f"  tag {tag}/intact"]
        assert sum(c.values()) >= 20 and c["correct"] / sum(c.values()) >= 0.97, (tag, c)
    assert figures["ink"]["correct"] / sum(figures["ink"].values()) >= 0.95  # and none misplaced (above)
