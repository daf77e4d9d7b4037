"""Re-anchoring benchmark: carrying annotations over to a revised 1,000-page document.

The old version is the long demo plan's text (paperless.demo.factory's seeded paragraph
generator, extended to --pages A4 pages) typeset on A4 with the demo layout engine; the new
version is the same text with edits (one sentence deleted, one inserted and one word
changed every --edit-every paragraphs) re-typeset on US Letter with other margins and
font size, so that every line and page breaks differently. Measured in the same run:

  * word extraction with PyMuPDF (page.get_text("words"), the render worker's job), pages/s;
  * the one-time cost of building the document text and its map (DocText), per version,
    and its memory;
  * re-anchoring --annotations text annotations (random selections of 1-25 words) and
    --ink ink marks made on the old version: reanchor_all (as the app does) and reanchor one
    by one, annotations per second — goal >= 300/s — and, as the worst case, onto a
    version where every paragraph was edited (most annotations then need the full search);
  * beside a lower bound measured on the same quotes: a plain str.find of each quote over
    the new document's text, and the ratio ours / reference.

Then, per realistic book of tests/carry_books.py (alternating running headers with titles and
page numbers, footnotes, a contents page with dot leaders, two-column sections, code blocks;
reflowed to another page size with edits): the share of intact annotations placed correctly,
misplaced and unplaced annotations (goal >= 97 %, 0 misplaced), and reanchor_all's throughput
beside the str.find reference of the same run (--no-books to skip).

Usage: python bench/bench_anchoring.py [--pages 1000] [--annotations 2000] [--ink 200] [--no-books]
"""

from __future__ import annotations

import argparse
import os
import random
import sys
import time
import tracemalloc
from collections import Counter
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TypeVar

import pymupdf

from paperless.core.anchoring import Anchor, DocText, geometry_anchor, reanchor, reanchor_all, text_anchor_words
from paperless.core.render import Word as W
from paperless.demo.factory import LETTER, MM, Margins, long_plan_phrases
from paperless.demo.factory import typeset as typeset_demo

T = TypeVar("T")
TESTS = Path(__file__).resolve().parents[1] / "tests"


def timed(fn: Callable[[], T]) -> tuple[float, T]:
    t = time.perf_counter()
    value = fn()
    return time.perf_counter() - t, value


def typeset(paragraphs: Sequence[str], letter: bool) -> bytes:
    texts: list[tuple[bool, str]] = []
    for k, text in enumerate(paragraphs):
        if k % 10 == 0:
            texts.append((True, f"{k // 10 + 1}. Phương án phát triển số {k // 10 + 1}"))
        texts.append((False, text))
    if letter:
        margins = Margins(left=25 * MM, top=18 * MM, right=22 * MM, bottom=20 * MM)
        return typeset_demo(texts, page=LETTER, margins=margins, size=12.5, title="bench")
    return typeset_demo(texts, size=12.0, title="bench")


def paragraphs_for(pages: int, seed: int = 20212030) -> list[str]:
    """Enough of the long plan's paragraphs for ``pages`` A4 pages (~4.6 paragraphs a page)."""
    rng, phrases = random.Random(seed), long_plan_phrases()
    return [phrases.paragraph(rng) for _ in range(int(pages * 4.6))]


def revise(paragraphs: list[str], every: int, seed: int = 7) -> list[str]:
    rng, phrases = random.Random(seed), long_plan_phrases()
    out = []
    for k, text in enumerate(paragraphs):
        if k % every == every // 2:
            sentences = text.split(". ")
            if len(sentences) > 2:
                del sentences[rng.randrange(len(sentences))]
            sentences.insert(rng.randrange(len(sentences) + 1), phrases.sentence(rng).rstrip("."))
            words = ". ".join(sentences).split(" ")
            words[rng.randrange(len(words))] = "điều chỉnh"
            text = " ".join(words)
        out.append(text)
    return out


def extract(pdf: bytes) -> list[list[W]]:
    with pymupdf.open(stream=pdf, filetype="pdf") as doc:
        return [
            [W(x0, y0, x1, y1, t, b, ln) for x0, y0, x1, y1, t, b, ln, _ in page.get_text("words")] for page in doc
        ]


def make_anchors(doc: DocText, count: int, ink: int, seed: int = 11) -> list[Anchor]:
    rng = random.Random(seed)
    anchors = []
    for _ in range(count):
        g0 = rng.randrange(doc.word_count)
        anchors.append(text_anchor_words(doc, "old", g0, min(doc.word_count - 1, g0 + rng.randint(0, 24))))
    while len(anchors) < count + ink:
        page = rng.randrange(doc.page_count)
        words = doc.page_words(page)
        if words:
            x0, y0, x1, y1 = doc.box(rng.choice(words))
            anchors.append(geometry_anchor(doc, "old", page, [(x0 - 2, y0 - 9, x1 + 2, y0 - 3)]))
    return anchors


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--pages", type=int, default=1000)
    ap.add_argument("--annotations", type=int, default=2000)
    ap.add_argument("--ink", type=int, default=200)
    ap.add_argument("--edit-every", type=int, default=20, help="edit one paragraph in this many")
    ap.add_argument("--no-books", action="store_true", help="skip the realistic books")
    ap.add_argument("--books-only", action="store_true", help="only the realistic books")
    args = ap.parse_args()
    if args.books_only:
        books()
        return
    print(f"machine: {os.uname().machine}, {os.cpu_count()} cpus; python {sys.version.split()[0]}; "
          f"PyMuPDF {pymupdf.VersionBind}")
    paragraphs = paragraphs_for(args.pages)
    revised = revise(paragraphs, args.edit_every)
    t_old, old_pdf = timed(lambda: typeset(paragraphs, letter=False))
    t_new, new_pdf = timed(lambda: typeset(revised, letter=True))
    print(f"typeset (demo layout engine): old A4 {t_old:.1f} s, new US Letter {t_new:.1f} s")
    t_xo, old_words = timed(lambda: extract(old_pdf))
    t_xn, new_words = timed(lambda: extract(new_pdf))
    n_old, n_new = len(old_words), len(new_words)
    edited = sum(a != b for a, b in zip(paragraphs, revised, strict=True))
    print(f"\nold version: {n_old} A4 pages; new version: {n_new} US Letter pages ({edited} paragraphs edited)")
    print(f"word extraction (PyMuPDF get_text('words')): old {t_xo:.2f} s ({n_old / t_xo:.0f} pages/s), "
          f"new {t_xn:.2f} s ({n_new / t_xn:.0f} pages/s)")
    t_bo, old_doc = timed(lambda: DocText(old_words))
    t_bn, new_doc = timed(lambda: DocText(new_words))
    print(f"DocText build (one-time, per version): old {t_bo * 1000:.0f} ms ({n_old / t_bo:.0f} pages/s), "
          f"new {t_bn * 1000:.0f} ms ({n_new / t_bn:.0f} pages/s); {len(new_doc):,} characters, "
          f"{new_doc.word_count:,} words")

    tracemalloc.start()
    kept = DocText(new_words)
    size, _ = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    del kept
    print(f"DocText memory: {size / 2**20:.0f} MB for {n_new} pages (the text, the word map and boxes)")

    t_make, anchors = timed(lambda: make_anchors(old_doc, args.annotations, args.ink))
    n = len(anchors)
    print(f"anchors made: {n} ({args.annotations} text, {args.ink} ink) in {t_make * 1000:.0f} ms "
          f"({n / t_make:.0f}/s)")
    text = new_doc.text
    quotes = [a.target.exact for a in anchors if a.target is not None]

    def reference() -> int:
        return sum(text.find(q) >= 0 for q in quotes)

    t_ref = min(timed(reference)[0] for _ in range(3))
    t_all, placements = timed(lambda: reanchor_all(anchors, new_doc, "new"))
    t_one, singles = timed(lambda: [reanchor(a, new_doc, "new") for a in anchors])
    t_same, _ = timed(lambda: reanchor_all(anchors, old_doc, "old"))
    print(f"\nre-anchoring {n} annotations onto the revised {n_new}-page version:")
    print(f"  reanchor_all:            {t_all:6.3f} s  {n / t_all:8.0f} annotations/s   goal >= 300/s")
    print(f"  reanchor one by one:     {t_one:6.3f} s  {n / t_one:8.0f} annotations/s")
    print(f"  reference, str.find of each quote over the text: {t_ref:6.3f} s  {n / t_ref:8.0f} /s "
          f"(lower bound); ratio ours / reference: reanchor_all {t_all / t_ref:.1f}x, one by one {t_one / t_ref:.1f}x")
    print(f"  same version (hash unchanged): {t_same * 1000:.1f} ms")
    for name, result in (("reanchor_all", placements), ("one by one", singles)):
        counts = Counter(p.status.value for p in result)
        print(f"  {name:12} outcome: " + ", ".join(f"{k} {v}" for k, v in sorted(counts.items())))

    # the worst case: every paragraph edited, so most annotations need the full search
    heavy = revise(paragraphs, 1)
    heavy_doc = DocText(extract(typeset(heavy, letter=True)))
    t_heavy, heavy_placed = timed(lambda: reanchor_all(anchors, heavy_doc, "heavy"))
    slow = sum(p.confidence < 1.0 for p in heavy_placed)
    counts = Counter(p.status.value for p in heavy_placed)
    print(f"\nworst case, every paragraph edited ({heavy_doc.page_count} pages; {slow} of {n} annotations "
          f"needed the full search):")
    print(f"  reanchor_all:            {t_heavy:6.3f} s  {n / t_heavy:8.0f} annotations/s   goal >= 300/s")
    print("  outcome: " + ", ".join(f"{k} {v}" for k, v in sorted(counts.items())))
    if not args.no_books:
        books()


def books() -> None:
    """Placement and throughput per realistic book (tests/carry_books.py)."""
    if str(TESTS) not in sys.path:
        sys.path.insert(0, str(TESTS))
    import random

    from carry_books import BOOKS, versions
    from test_anchoring_accuracy import _ink, _judge, _judge_ink
    from test_anchoring_books import book_cases

    print("\nrealistic books (tests/carry_books.py), old -> reflowed + edited, reanchor_all:")
    print(f"  {'book':20} {'pages':>9} {'annot.':>6} {'intact placed':>15} {'misplaced':>9} {'unplaced':>8} "
          f"{'ink placed':>10} {'annot./s':>9} {'str.find /s':>11} {'ratio':>6}")
    for name in BOOKS:
        pair = versions(name)
        old, new = pair.old, pair.new
        rng = random.Random(15)
        cases = book_cases(pair, rng)
        anchors = [text_anchor_words(old.doc, "old", c.g0, c.g1) for c in cases]
        inks, refs = _ink(old, new, rng, 120)
        everything = anchors + inks
        quotes = [a.target.exact for a in everything if a.target is not None]
        text = new.doc.text
        t_ref = min(timed(lambda t=text, qs=quotes: sum(t.find(q) >= 0 for q in qs))[0] for _ in range(3))
        runs = [timed(lambda a=everything, d=new.doc: reanchor_all(a, d, "new")) for _ in range(3)]
        t_all = sorted(t for t, _ in runs)[1]
        placements = runs[0][1]
        outcome: Counter[str] = Counter()
        intact: Counter[str] = Counter()
        for case, placement in zip(cases, placements, strict=False):
            category, result = _judge(old, new, case, placement)
            outcome[result] += 1
            if category == "intact":
                intact[result] += 1
        ink = Counter(_judge_ink(old, new, a, r, p) for a, r, p in zip(inks, refs, placements[len(cases):], strict=True))
        n = len(everything)
        print(f"  {name:20} {old.doc.page_count:>3}->{new.doc.page_count:<5} {n:>6} "
              f"{100 * intact['correct'] / sum(intact.values()):>6.1f} % ({intact['correct']}/{sum(intact.values())}) "
              f"{outcome['misplaced'] + ink['misplaced']:>5} {outcome['unplaced'] + ink['unplaced']:>8} "
              f"{100 * ink['correct'] / sum(ink.values()):>8.1f} % {n / t_all:>9.0f} {n / t_ref:>11.0f} "
              f"{t_all / t_ref:>5.0f}x")


if __name__ == "__main__":
    main()
