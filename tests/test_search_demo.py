"""core.search over the demo session's real PDF text, checked against brute-force references."""

from __future__ import annotations

import ast
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path

import pymupdf
import pytest

from paperless.core import search
from paperless.core.search import PageWords, SessionIndex, fold, match_words
from paperless.demo.factory import write_demo_documents

QUERIES_INSENSITIVE = ["chuyen doi so", "dang", "tinh", "quy hoach", "kinh te", "BTV12", "2025"]
QUERIES_EXACT = ["chuyển đổi số", "Đảng", "đang", "tỉnh", "kinh tế", "Quy hoạch", "phát triển"]


@dataclass(frozen=True)
class Word:  # the fields of core.render.document.Word
    x0: float
    y0: float
    x1: float
    y1: float
    text: str
    block: int
    line: int


@dataclass(frozen=True)
class Demo:
    texts: dict[tuple[str, int], str]
    words: dict[tuple[str, int], list[Word]]
    index: SessionIndex


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Demo:
    docs = write_demo_documents(tmp_path_factory.mktemp("demo_search"))
    texts: dict[tuple[str, int], str] = {}
    words: dict[tuple[str, int], list[Word]] = {}
    index = SessionIndex()
    for path in docs.all():
        with pymupdf.open(path) as pdf:
            for number, page in enumerate(pdf):
                texts[(path.stem, number)] = text = page.get_text()
                index.add_page(path.stem, number, text)
                if path == docs.plan:
                    words[(path.stem, number)] = [Word(*w[:7]) for w in page.get_text("words")]
    return Demo(texts, words, index)


def _insensitive_reference(text: str) -> str:
    stripped = "".join(c for c in unicodedata.normalize("NFD", text) if not unicodedata.combining(c))
    return re.sub(r"\s+", " ", stripped.replace("đ", "d").replace("Đ", "D").casefold())


def _exact_reference(text: str) -> str:
    return re.sub(r"\s+", " ", unicodedata.normalize("NFC", text).casefold())


def _per_page(hits: list[tuple[str, int]]) -> dict[tuple[str, int], int]:
    counts: dict[tuple[str, int], int] = {}
    for key in hits:
        counts[key] = counts.get(key, 0) + 1
    return counts


def test_the_index_holds_every_page(demo: Demo) -> None:
    assert demo.index.pages == len(demo.texts)
    assert sum(1 for doc, _ in demo.texts if doc == "quyhoach_dai") == 121


@pytest.mark.parametrize("query", QUERIES_INSENSITIVE + QUERIES_EXACT)
def test_counts_match_a_brute_force_reference(demo: Demo, query: str) -> None:
    if query in QUERIES_EXACT:
        needle = _exact_reference(query)
        reference = {k: _exact_reference(t).count(needle) for k, t in demo.texts.items()}
    else:
        needle = fold(query)
        reference = {k: _insensitive_reference(t).count(needle) for k, t in demo.texts.items()}
    reference = {k: n for k, n in reference.items() if n}
    hits = demo.index.search(query, limit=100_000)
    assert _per_page([(h.doc, h.page) for h in hits]) == reference
    assert demo.index.count(query) == len(hits) == sum(reference.values())
    assert hits == sorted(hits, key=lambda h: (list(dict.fromkeys(d for d, _ in demo.texts)).index(h.doc), h.page, h.start))
    for hit in hits:
        original = demo.texts[(hit.doc, hit.page)][hit.start : hit.end]
        assert fold(original) == fold(query)
        assert re.sub(r"\s+", " ", original) == hit.snippet[hit.match_start : hit.match_end]


def test_the_plan_says_chuyen_doi_so_many_times(demo: Demo) -> None:
    naive = sum(t.count("chuyển đổi số") for (doc, _), t in demo.texts.items() if doc == "kehoach_cds")
    hits = [h for h in demo.index.search("chuyển đổi số", limit=10_000) if h.doc == "kehoach_cds"]
    assert naive >= 20
    assert len(hits) >= naive  # plus the ones broken across lines or in capitals
    assert len({h.page for h in hits}) >= 4


def test_the_accents_matter_on_real_text(demo: Demo) -> None:
    dang = demo.index.count("dang")
    assert demo.index.count("Đảng") + demo.index.count("đang") < dang
    assert demo.index.count("Đảng") > 10


@pytest.mark.parametrize("query", ["chuyen doi so", "chuyển đổi số", "Đảng", "co quan", "số"])
def test_match_words_on_real_words_agrees_with_the_page_text(demo: Demo, query: str) -> None:
    total = 0
    for key, words in demo.words.items():
        page = PageWords(words)
        matches = page.matches(query)
        reference = _per_page([(h.doc, h.page) for h in demo.index.search(query, limit=10_000)]).get(key, 0)
        assert len(matches) == reference, key
        total += len(matches)
        boxes = {(w.x0, w.y0, w.x1, w.y1) for w in words}
        for (start, end), rects in zip(page.spans(query), matches, strict=True):
            assert fold(page.text[start:end]) == fold(query)
            for x0, y0, x1, y1 in rects:
                assert any(b[0] - 1e-6 <= x0 < x1 <= b[2] + 1e-6 and (b[1], b[3]) == (y0, y1) for b in boxes)
    assert total > 0


def test_match_words_spans_lines_on_real_words(demo: Demo) -> None:
    spanning = [
        rects
        for words in demo.words.values()
        for rects in match_words(words, "chuyen doi so")
        if len({r[1] for r in rects}) > 1
    ]
    assert spanning, "the plan breaks 'chuyển đổi số' across lines at least once"


def test_the_search_package_never_touches_files() -> None:
    """The index lives in memory only: no file, OS, pickling or database module, no open()."""
    forbidden = {"os", "io", "pathlib", "tempfile", "shelve", "pickle", "marshal", "sqlite3", "mmap", "dbm", "shutil"}
    package = Path(search.__file__).parent
    sources = sorted(package.glob("*.py"))
    assert len(sources) >= 5
    for source in sources:
        tree = ast.parse(source.read_text("utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.Import):
                assert not {a.name.split(".")[0] for a in node.names} & forbidden, source.name
            elif isinstance(node, ast.ImportFrom):
                assert (node.module or "").split(".")[0] not in forbidden, source.name
            elif isinstance(node, ast.Call) and isinstance(node.func, ast.Name):
                assert node.func.id not in {"open", "exec", "eval"}, source.name
