"""Search benchmarks: index build and query latency over a 2,000-page session.

The session is the demo documents (core.demo) written once and opened as many times as
needed to reach --pages pages (each copy is a separate document of the session; the
texts repeat, so hit counts scale with the copies). Measured in the same run:

  * text extraction with PyMuPDF (page.get_text(), the render worker's job), pages/s;
  * index build (SessionIndex.add_page of the extracted texts), pages/s — goal >= 1,000;
  * extraction + index together, pages/s;
  * query latency of 20 varied queries, with and without diacritics — goal < 50 ms —
    beside a naive reference measured on the same pages: PyMuPDF's page.search_for(query)
    over every page (documents kept open), and the ratio ours / reference;
  * the in-document find: PageWords preparation and matching over the 121-page plan.

Usage: python bench/bench_search.py [--pages 2000] [--reference-queries 20]
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
import tracemalloc
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

import pymupdf

from paperless.core.search import PageWords, SessionIndex
from paperless.core.search.words import WordLike
from paperless.demo.factory import write_demo_documents

T = TypeVar("T")

QUERIES = [
    "chuyen doi so",
    "chuyển đổi số",
    "dang",
    "Đảng",
    "đang",
    "tinh",
    "tỉnh",
    "quy hoạch",
    "quy hoach tinh",
    "kinh tế số",
    "phát triển bền vững",
    "co quan dang",
    "nghị quyết",
    "ngân sách nhà nước",
    "BTV12",
    "2025",
    "hạ tầng giao thông",
    "Ủy ban nhân dân tỉnh",
    "khong co trong tai lieu",
    "không có trong tài liệu",
]


def timed(fn: Callable[[], T]) -> tuple[float, T]:
    t = time.perf_counter()
    value = fn()
    return time.perf_counter() - t, value


def session_files(root: Path, pages: int) -> list[tuple[str, Path]]:
    """(doc id, PDF) pairs adding up to at least ``pages`` pages (the text documents only)."""
    docs = write_demo_documents(root)
    files = [p for p in docs.all() if p != docs.scanned_letter]
    counts = {}
    for p in files:
        with pymupdf.open(p) as pdf:
            counts[p] = pdf.page_count
    out: list[tuple[str, Path]] = []
    total = copy = 0
    while total < pages:
        for p in files:
            out.append((f"copy{copy:02d}/{p.stem}", p))
            total += counts[p]
        copy += 1
    return out


def extract(files: list[tuple[str, Path]], pages: int) -> list[tuple[str, int, str]]:
    texts: list[tuple[str, int, str]] = []
    for doc_id, path in files:
        with pymupdf.open(path) as pdf:
            for n, page in enumerate(pdf):
                if len(texts) == pages:
                    return texts
                texts.append((doc_id, n, page.get_text()))
    return texts


def build(texts: list[tuple[str, int, str]]) -> SessionIndex:
    index = SessionIndex()
    for doc, page, text in texts:
        index.add_page(doc, page, text)
    return index


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--pages", type=int, default=2000)
    ap.add_argument("--reference-queries", type=int, default=len(QUERIES), help="queries also run with search_for")
    args = ap.parse_args()
    print(f"machine: {os.uname().machine}, {os.cpu_count()} cpus; python {sys.version.split()[0]}; "
          f"PyMuPDF {pymupdf.VersionBind}")
    with tempfile.TemporaryDirectory(prefix="bench_search_") as tmp:
        files = session_files(Path(tmp), args.pages)

        t_extract, texts = timed(lambda: extract(files, args.pages))
        n = len(texts)
        chars = sum(len(t) for _, _, t in texts)
        builds = [timed(lambda: build(texts)) for _ in range(3)]
        t_build = statistics.median(t for t, _ in builds)
        index = builds[0][1]
        tracemalloc.start()
        kept = build(texts)
        size, _peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
        del kept
        print(f"\nsession: {n} pages in {len(files)} documents, {chars / n:.0f} characters per page")
        print(f"extraction (PyMuPDF get_text): {t_extract:6.2f} s  {n / t_extract:8.0f} pages/s")
        print(f"index build (add_page):       {t_build:6.2f} s  {n / t_build:8.0f} pages/s   goal >= 1,000 pages/s")
        print(f"extraction + index:           {t_extract + t_build:6.2f} s  {n / (t_extract + t_build):8.0f} pages/s")
        print(f"index memory: {size / 2**20:.1f} MB ({size / n / 1024:.1f} KB per page) besides the page texts "
              "it keeps a reference to; in memory only")

        pdfs: dict[str, pymupdf.Document] = {}
        pages_of: list[pymupdf.Page] = []
        for doc, page, _ in texts:
            pdf = pdfs.get(doc)
            if pdf is None:
                pdf = pdfs[doc] = pymupdf.open(dict(files)[doc])
            pages_of.append(pdf[page])

        print(f"\nquery latency over {n} pages (ours: median of 3 runs; 'first 500' is what the search panel "
              "asks for, 'all' finds every hit with its snippet; reference: page.search_for on every page)")
        print(f"{'query':<26} {'mode':<6} {'500 ms':>7} {'hits':>6} {'all ms':>7} {'ref hits':>8} {'ref ms':>7} "
              f"{'all/ref':>8}")
        ours_ms: list[float] = []
        all_ms: list[float] = []
        ratios: list[float] = []
        for k, query in enumerate(QUERIES):
            runs = [timed(lambda q=query: index.search(q)) for _ in range(3)]
            t_ours = statistics.median(t for t, _ in runs)
            ours_ms.append(t_ours * 1e3)
            runs = [timed(lambda q=query: index.search(q, limit=10**9)) for _ in range(3)]
            t_all = statistics.median(t for t, _ in runs)
            hits = len(runs[0][1])
            all_ms.append(t_all * 1e3)
            exact = "exact" if any(ord(c) > 127 for c in query) else "fold"
            line = f"{query:<26} {exact:<6} {t_ours * 1e3:7.2f} {hits:>6} {t_all * 1e3:7.2f}"
            if k < args.reference_queries:
                t_ref, found = timed(lambda q=query: sum(len(p.search_for(q)) for p in pages_of))
                ratios.append(t_all / t_ref)
                line += f" {found:>8} {t_ref * 1e3:7.0f} {t_all / t_ref:8.4f}"
            print(line)
        print(f"ours, first 500 hits: median {statistics.median(ours_ms):.2f} ms, max {max(ours_ms):.2f} ms   "
              "goal < 50 ms")
        print(f"ours, all hits:       median {statistics.median(all_ms):.2f} ms, max {max(all_ms):.2f} ms")
        if ratios:
            print(f"ours (all hits) / search_for: median {statistics.median(ratios):.4f}, max {max(ratios):.4f}")
        for pdf in pdfs.values():
            pdf.close()

        plan = next(p for d, p in files if d.endswith("quyhoach_dai"))
        with pymupdf.open(plan) as pdf:
            t_words, raw = timed(lambda: [page.get_text("words") for page in pdf])
        words: list[list[WordLike]] = [[_Word(*w[:7]) for w in page] for page in raw]
        t_prep, prepared = timed(lambda: [PageWords(w) for w in words])
        t_match, value = timed(lambda: sum(len(p.matches("quy hoach")) for p in prepared))
        print(f"\nin-document find over the {len(words)}-page plan: word extraction {t_words * 1e3:.0f} ms, "
              f"PageWords {t_prep * 1e3:.0f} ms ({len(words) / t_prep:.0f} pages/s), "
              f"matching 'quy hoach' {t_match * 1e3:.1f} ms ({value} matches)")


class _Word:
    __slots__ = ("block", "line", "text", "x0", "x1", "y0", "y1")

    def __init__(self, x0: float, y0: float, x1: float, y1: float, text: str, block: int, line: int) -> None:
        self.x0, self.y0, self.x1, self.y1 = x0, y0, x1, y1
        self.text, self.block, self.line = text, block, line


if __name__ == "__main__":
    main()
