"""Where a passage sits in a draft's structure: "Điều 5, khoản 2, điểm b", "Mục II.3".

A comment on a draft (dự thảo) is anchored to the passage and also to its place in the
draft's structure, which the office's consolidation table groups and sorts by. The place is
found from plain data, so that this runs on any thread without PyMuPDF: the text lines of the
pages (:class:`Line`: page, top y, text — :func:`lines_from_words` makes them from the words
the render worker extracts) and, when the PDF has one, its outline (bookmarks: level, title,
page, y — ``PdfDocument.outline()`` entries or plain tuples).

Recognised structure (Vietnamese legal documents and Party plans and reports):

* decree style: ``Phần I`` / ``Phần thứ nhất``, ``Chương II``, ``Mục 1``, ``Điều 5.`` (article;
  its title may follow on the same line; "Điều 5 Phạm vi" without a stop only as the next
  article), inside an article ``1.`` / ``1)`` (khoản, clause) and ``a)`` / ``đ)`` / ``a.``
  (điểm, point; Vietnamese letters a b c d đ e g h i k l m n o p q r s t u v x y);
* plan style (kế hoạch, báo cáo, nghị quyết): ``I.`` / ``II.`` (or ``Mục I``), then ``1.``,
  ``1.1``, ``1.1.2`` and ``a)`` → "Mục II.3", "Mục II.3.1, điểm a"; parts ``A. …`` / ``B. …``
  (capitals) restart the Roman sections → "Phần B, Mục I";
* ``PHỤ LỤC I`` starts an appendix: what follows is prefixed "Phụ lục I, ".

Robustness: text is NFC-normalised and the look-alike "Ð" (U+00D0, legacy PDFs) read as "Đ";
lines at the same height are joined (a bold "Điều 5." and the rest of its line extracted as
two lines), and a keyword alone on its line with the next ("Điều" / "5. Phạm vi"); running
headers and footers (the same line, digits aside, among the top or bottom two of most pages)
and bare page numbers are ignored; a table of contents is not structure (dot leaders, a
"MỤC LỤC" page, runs of headings on consecutive lines ending in page numbers, an article or
chapter heading repeated later whose earlier copy sits next to another heading); a heading in
quotes (an amendment quoting an article), "Điều 5 của Luật …" and "Điều 9." after a line
that stops mid-sentence are text; numbers and letters must follow on (clause 3 after 2, point
đ after d), and a list numbered from 1 inside a clause or point stays in it, so that neither
such a list nor a wrapped line starting with "2025." becomes a clause. A clause or point
carries across a page break; after "Nơi nhận:" (the signature block) there is no place.

When the outline looks like the draft's structure (at least two entries are Phần / Chương /
Mục / Điều / Roman headings) its entries are preferred for those levels: a text heading of the
same kind and number (a table-of-contents line, or the heading itself) gives way to the
outline entry, which is placed at the matching heading line of its page (or, with none — a
heading pasted as a picture — at the first line below its target). Clauses and points always
come from the text.

``place_at(page, y)`` gives the place of a passage starting at that point (``y``: the top of
its first word, or anything inside that line): the finest level known there, and the
grouping key (``article``) of the office's table. The place is a suggestion: it is shown to the
member, who may edit it.
"""

from __future__ import annotations

import math
import re
import unicodedata
from bisect import bisect_right
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum
from typing import Final, Protocol

from paperless.core.search.words import WordLike

SAME_LINE: Final = 2.0  # points: lines whose tops are this close are one visual line
TOLERANCE: Final = 3.0  # points: a passage starting this little above a line's top is on it
MAX_GAP: Final = 2  # a clause or section number may skip this many (one missed by extraction)

LETTERS: Final = "abcdđeghiklmnopqrstuvxy"  # the points' letters: no f, j, w, z


@dataclass(frozen=True)
class Place:
    """Where a passage sits: ``label`` to show (editable), ``article`` to group by, ``order``
    to sort by. Empty label and article: before any structure, or no structure found."""

    label: str  # "Điều 5, khoản 2, điểm a" / "Mục II.3" / "Chương II"
    article: str  # "Điều 5" / "Mục II" / "" when none
    order: tuple[int, ...]  # (page, line index on that page) of the passage start


@dataclass(frozen=True)
class Line:
    """One text line of a page: ``y`` is its top in PDF points (top-left origin), ``x`` its left."""

    page: int
    y: float
    text: str
    x: float = 0.0


class Kind(StrEnum):
    APPENDIX = "appendix"  # Phụ lục I
    PART = "part"  # Phần I, Phần thứ nhất
    CHAPTER = "chapter"  # Chương II
    SECTION = "section"  # Mục 1, Mục I
    ROMAN = "roman"  # I., II. (plans, reports)
    ARTICLE = "article"  # Điều 5.
    NUMBER = "number"  # 1. / 1): clause inside an article, numbered section elsewhere
    PATH = "path"  # 1.1, 2.3.1
    POINT = "point"  # a), đ)


STRUCTURAL: Final = frozenset({Kind.APPENDIX, Kind.PART, Kind.CHAPTER, Kind.SECTION, Kind.ROMAN, Kind.ARTICLE})


@dataclass(frozen=True)
class Token:
    """What a line starts with: the kind of heading or marker and its number as written
    ("II", "5", "a", "3.1"); ``path`` holds the numbers of NUMBER and PATH tokens."""

    kind: Kind
    value: str
    rest: str = ""  # the text after the marker
    path: tuple[int, ...] = ()
    mark: str = ""  # what follows the number: "." or ")" (NUMBER), "." ":" "-" or "" (ARTICLE)

    @property
    def key(self) -> tuple[Kind, str]:
        return self.kind, self.value


@dataclass(frozen=True)
class Heading:
    """A place where the structure changes: the accepted token and the place it starts."""

    kind: Kind
    label: str  # the place right after this heading: "Điều 5", "Điều 5, khoản 2", "Mục II.3"
    article: str
    page: int
    y: float
    text: str  # the line (or outline title) it was found in
    from_outline: bool = False


class OutlineLike(Protocol):
    """``core.render.OutlineEntry``: level, title, page (0-based, -1 = none), y (or None)."""

    @property
    def level(self) -> int: ...
    @property
    def title(self) -> str: ...
    @property
    def page(self) -> int: ...
    @property
    def y(self) -> float | None: ...


OutlineItem = tuple[int, str, int, float | None] | OutlineLike

# --- text ------------------------------------------------------------------------------------

_LOOKALIKES: Final = str.maketrans({
    "\u00d0": "Đ", "\u0189": "Đ", "\u00f0": "đ",  # Icelandic eth, African D: legacy fonts' Đ/đ
    "\u00ad": None, "\u200b": None, "\u200c": None, "\u200d": None, "\u2060": None, "\ufeff": None,
})


def clean_text(text: str) -> str:
    """NFC, look-alike letters read as Vietnamese ones, invisible characters dropped, runs of
    whitespace as one space."""
    return " ".join(unicodedata.normalize("NFC", text).translate(_LOOKALIKES).split())


_ROMAN_VALID: Final = re.compile(r"^(?=[IVXLC])C{0,3}(XC|XL|L?X{0,3})(IX|IV|V?I{0,3})$")
_ORDINALS: Final = {
    "nhất": 1, "hai": 2, "ba": 3, "tư": 4, "bốn": 4, "năm": 5, "sáu": 6, "bảy": 7, "tám": 8, "chín": 9, "mười": 10,
}
_ROMAN_DIGITS: Final = {"I": 1, "V": 5, "X": 10, "L": 50, "C": 100}

_KEYWORD: Final = re.compile(
    r"^(phụ lục|phần|chương|mục|điều)\s+"
    r"(thứ\s+\w+|số\s*\d{1,3}|[IVXLC]+|\d{1,3}[a-zđ]?)(?!\w)"
    r"\s*([.:\-–—)]?)\s*(.*)$",
    re.IGNORECASE,
)
_APPENDIX_ALONE: Final = re.compile(r"^(?:PHỤ LỤC|Phụ lục)\s*(?:[.:\-–—]\s*(.*))?$")
_LETTER_HEAD: Final = re.compile(r"^([A-EĐ])\s?[.\-–—:)]\s+(.+)$")  # "A. KẾT QUẢ": a part of a report
_ROMAN_HEAD: Final = re.compile(r"^([IVXL]+)\s?[.\-–—:)](?:\s+(.*)|$)")
_PATH_HEAD: Final = re.compile(r"^(\d{1,2}(?:\.\d{1,2})+)\.?(?:\s+(.*)|$)")
_NUMBER_HEAD: Final = re.compile(r"^(\d{1,2})\s?([.)])(?:\s+(.*)|$|(?=[A-ZĐ]))")  # "1.Tiêu đề" too
_POINT_HEAD: Final = re.compile(r"^([a-zđ])(?:\s?\)|\.(?=\s))(?:\s*(.*)|$)")  # "a)", and "a." in Party documents
_QUOTES: Final = "“”\"'‘’«„"

_LEADER: Final = re.compile(r"(?:\.{3,}|…+|(?:\.\s){3,}|_{3,}|·{3,}|-{4,})\s*\d{1,4}$")
_ENDS_IN_NUMBER: Final = re.compile(r"\s(\d{1,3})$")  # a page number; not a year ("… NĂM 2025")
_PAGE_NUMBER: Final = re.compile(r"^[\-–—\s]*(?:trang\s*)?\d{1,4}(?:\s*/\s*\d{1,4})?[\-–—\s]*$", re.IGNORECASE)
_DIGITS: Final = re.compile(r"\d+")
_TOC_TITLE: Final = re.compile(r"^mục lục\W*$", re.IGNORECASE)
_RECIPIENTS: Final = re.compile(r"^nơi nhận\s*:?", re.IGNORECASE)
_SENTENCE_END: Final = frozenset(".:;!?)]}\"'”’»…")


def _roman(value: str) -> int:
    """The value of a valid Roman numeral (0 if it is not one)."""
    if not _ROMAN_VALID.match(value):
        return 0
    total = 0
    for i, ch in enumerate(value):
        v = _ROMAN_DIGITS[ch]
        total += -v if i + 1 < len(value) and _ROMAN_DIGITS[value[i + 1]] > v else v
    return total


def _number_value(raw: str) -> str | None:
    """A heading number as written, normalised: "II", "5", "5a", "thứ nhất", "1" (of "số 1");
    None if it is not a number (a lower-case Roman numeral: "Mục l…", "Phần v…")."""
    low = raw.lower()
    if low.startswith("thứ"):
        word = low.split()[-1]
        return f"thứ {word}" if word in _ORDINALS else None
    if low.startswith("số"):
        return raw[2:].strip()
    if raw[0].isdigit():
        return raw.lower()
    return raw if raw.isupper() and _roman(raw) else None


def _ordinal(value: str) -> int:
    """The number of a heading value, for sequence checks (0 when unknown)."""
    if value.startswith("thứ "):
        return _ORDINALS.get(value[4:], 0)
    digits = re.match(r"\d+", value)
    if digits:
        return int(digits.group())
    return _roman(value)


def token_of(text: str) -> Token | None:
    """What a (cleaned) line starts with, out of context; None for ordinary text."""
    if not text or text[0] in _QUOTES:
        return None
    m = _KEYWORD.match(text)
    if m:
        word, raw, sep, rest = m.group(1).lower(), m.group(2), m.group(3), m.group(4)
        value = _number_value(raw)
        if value is None:
            return None
        if word == "điều":
            if not sep and rest and not rest[0].isupper():  # "Điều 5 của Luật …": a reference
                return None
            return Token(Kind.ARTICLE, value, rest, mark=sep)  # no mark and a title: see _State.apply
        if not sep and rest and not rest[0].isupper():  # "Mục 2 của Chương này …"
            return None
        kind = {"phụ lục": Kind.APPENDIX, "phần": Kind.PART, "chương": Kind.CHAPTER, "mục": Kind.SECTION}[word]
        return Token(kind, value, rest)
    m = _APPENDIX_ALONE.match(text)
    if m:
        return Token(Kind.APPENDIX, "", m.group(1) or "")
    m = _LETTER_HEAD.match(text)
    if m and m.group(2).isupper():
        return Token(Kind.PART, m.group(1), m.group(2))
    m = _ROMAN_HEAD.match(text)
    if m and _roman(m.group(1)):
        return Token(Kind.ROMAN, m.group(1), m.group(2) or "")
    m = _PATH_HEAD.match(text)
    if m:
        path = tuple(int(n) for n in m.group(1).split("."))
        if all(path):
            return Token(Kind.PATH, m.group(1), m.group(2) or "", path)
        return None
    m = _NUMBER_HEAD.match(text)
    if m and int(m.group(1)) > 0:
        rest = m.group(3) or text[m.end():]
        return Token(Kind.NUMBER, str(int(m.group(1))), rest, (int(m.group(1)),), m.group(2))
    m = _POINT_HEAD.match(text)
    if m and m.group(1) in LETTERS:
        return Token(Kind.POINT, m.group(1), m.group(2) or "")
    return None


def lines_from_words(pages: Sequence[Sequence[WordLike]]) -> list[Line]:
    """The text lines of every page from its words (``PdfDocument.words(page)``): the words
    of one extracted line (same block and line number) joined by spaces, in reading order."""
    out: list[Line] = []
    for p, words in enumerate(pages):
        groups: dict[tuple[int, int], list[WordLike]] = {}
        for w in words:
            if w.text.strip():
                groups.setdefault((w.block, w.line), []).append(w)
        for ws in groups.values():
            out.append(Line(p, min(w.y0 for w in ws), " ".join(w.text for w in ws), min(w.x0 for w in ws)))
    return out


# --- lines of the document -------------------------------------------------------------------


@dataclass
class _Row:
    page: int
    y: float
    text: str
    token: Token | None = None
    furniture: bool = False


def _finite(value: float, default: float = 0.0) -> float:
    try:
        v = float(value)
    except (TypeError, ValueError):
        return default
    return default if math.isnan(v) else v


def _visual_lines(lines: Sequence[Line]) -> list[_Row]:
    """Cleaned lines in reading order, the pieces of one visual line joined left to right."""
    items = sorted(
        ((int(ln.page), _finite(ln.y), _finite(ln.x), clean_text(ln.text)) for ln in lines),
        key=lambda t: (t[0], t[1]),
    )
    rows: list[_Row] = []
    group: list[tuple[int, float, float, str]] = []

    def flush() -> None:
        if not group:
            return
        pieces: list[str] = []
        for _p, _y, _x, text in sorted(group, key=lambda t: t[2]):
            if text and text not in pieces:  # a heading drawn twice (fake bold) is read once
                pieces.append(text)
        if pieces:
            rows.append(_Row(group[0][0], min(t[1] for t in group), " ".join(pieces)))
        group.clear()

    for item in items:
        if group and (item[0] != group[0][0] or item[1] - group[0][1] > SAME_LINE):
            flush()
        group.append(item)
    flush()
    return rows


def _mark_furniture(rows: list[_Row]) -> None:
    """Bare page numbers, and running headers and footers: a line among the top two or
    bottom two of a page that, with its digits masked, is on at least half the pages (and
    three). A line that reads as a heading only counts when it is the very same text."""
    by_page: dict[int, list[_Row]] = {}
    for row in rows:
        by_page.setdefault(row.page, []).append(row)
        if _PAGE_NUMBER.match(row.text):
            row.furniture = True
    if len(by_page) < 3:
        return
    masked: Counter[str] = Counter()
    exact: Counter[str] = Counter()
    edges: list[_Row] = []
    for page_rows in by_page.values():
        page_edges = {id(r): r for r in [*page_rows[:2], *page_rows[-2:]]}.values()
        edges.extend(page_edges)
        masked.update({_DIGITS.sub("#", r.text) for r in page_edges})
        exact.update({r.text for r in page_edges})
    need = max(3, len(by_page) / 2)
    for row in edges:
        if masked[_DIGITS.sub("#", row.text)] >= need:
            if token_of(row.text) is None or exact[row.text] >= need:
                row.furniture = True


def _mark_contents(rows: list[_Row]) -> None:
    """Drop the tokens of a table of contents (see the module's docstring)."""
    for row in rows:
        if row.token is not None and _LEADER.search(row.text):
            row.token = None
    # a "MỤC LỤC" page: what follows it on the page, and the next pages while they look alike
    pages = sorted({r.page for r in rows})
    toc_pages: set[int] = set()
    for i, row in enumerate(rows):
        if not row.furniture and _TOC_TITLE.match(row.text):
            for other in rows[i + 1:]:
                if other.page != row.page:
                    break
                other.token = None
            toc_pages.add(row.page)
    for page in pages:
        if page - 1 in toc_pages and page not in toc_pages:
            heads = [r for r in rows if r.page == page and r.token is not None and r.token.kind in STRUCTURAL]
            if heads and sum(bool(_ENDS_IN_NUMBER.search(r.text)) for r in heads) >= 0.6 * len(heads):
                toc_pages.add(page)
                for r in rows:
                    if r.page == page:
                        r.token = None
    # runs of three or more headings, one after the other, each ending in a page number (not decreasing);
    # one other line may come between two (a chapter's title, a wrapped entry)
    body = [r for r in rows if not r.furniture]
    runs: list[list[tuple[int, int]]] = [[]]  # (index in body, page number)
    for i, row in enumerate(body):
        m = _ENDS_IN_NUMBER.search(row.text)
        if row.token is None or row.token.kind not in STRUCTURAL or m is None:
            continue
        number, run = int(m.group(1)), runs[-1]
        if run and (i - run[-1][0] > 2 or number < run[-1][1]):
            runs.append(run := [])
        run.append((i, number))
    for run in runs:
        if len(run) >= 3:
            for i, _number in run:
                body[i].token = None
    # an article or chapter heading repeated later: an earlier copy next to another heading is a contents line
    last: dict[tuple[Kind, str], int] = {}
    for i, row in enumerate(body):
        if row.token is not None and row.token.kind in (Kind.ARTICLE, Kind.CHAPTER):
            last[row.token.key] = i
    copies = {
        i for i, row in enumerate(body)
        if row.token is not None and row.token.kind in (Kind.ARTICLE, Kind.CHAPTER) and last[row.token.key] != i
    }

    def heading(j: int) -> bool:
        tok = body[j].token if 0 <= j < len(body) else None
        return j in copies or (tok is not None and tok.kind in STRUCTURAL)

    for i in sorted(copies):
        if heading(i - 1) or heading(i + 1):
            body[i].token = None


_KEYWORD_ALONE: Final = frozenset({"phần", "chương", "mục", "điều", "phụ lục"})


def _read_tokens(rows: list[_Row]) -> None:
    """Each line's token; a keyword alone on its line ("Điều" / "5. Phạm vi", a heading broken
    after its first word) is read with the next line of the page, which then has none."""
    body = [r for r in rows if not r.furniture]
    skip = False
    for i, row in enumerate(body):
        if skip:
            skip = False
            continue
        row.token = token_of(row.text)
        if row.token is None and row.text.lower() in _KEYWORD_ALONE and i + 1 < len(body):
            following = body[i + 1]
            if following.page == row.page:
                row.token = token_of(f"{row.text} {following.text}")
                skip = row.token is not None


def _outline_tuple(item: OutlineItem) -> tuple[int, str, int, float | None]:
    if isinstance(item, tuple):
        level, title, page, y = item
        return int(level), str(title), int(page), y
    return int(item.level), str(item.title), int(item.page), item.y


def _outline_tokens(outline: Sequence[OutlineItem], rows: list[_Row]) -> dict[int, list[tuple[Token, str]]]:
    """Outline entries that are structure, each at the row it points to: {row index: [(token, title)]};
    empty when the outline does not look like the draft's structure."""
    found: list[tuple[Token, str, int, float | None]] = []
    for item in outline:
        try:
            _level, title, page, y = _outline_tuple(item)
        except (TypeError, ValueError):
            continue
        text = clean_text(title)
        tok = token_of(text)
        if tok is not None and tok.kind in STRUCTURAL and page >= 0:
            found.append((tok, text, page, None if y is None else _finite(y)))
    if len(found) < 2:
        return {}
    first_of: dict[int, int] = {}
    for i, row in enumerate(rows):
        first_of.setdefault(row.page, i)
    at: dict[int, list[tuple[Token, str]]] = {}
    for tok, title, page, y in found:
        if page not in first_of:
            continue
        start = first_of[page]
        stop = start
        while stop < len(rows) and rows[stop].page == page:
            stop += 1
        same = [i for i in range(start, stop)
                if (t := rows[i].token or token_of(rows[i].text)) is not None and t.key == tok.key]
        if same:  # the heading's own line
            index = same[0] if y is None else min(same, key=lambda i: abs(rows[i].y - y))
        elif y is not None:  # no such line (a heading drawn as a picture): the first line at or below the target
            index = next((i for i in range(start, stop) if rows[i].y >= y - TOLERANCE), stop)
        else:
            index = start
        at.setdefault(index, []).append((tok, title))
    return at


# --- the structure -----------------------------------------------------------------------------


@dataclass
class _State:
    appendix: str | None = None  # "I", or "" for a lone "PHỤ LỤC"
    part: str = ""
    chapter: str = ""
    section: str = ""  # Mục (decree) or Roman / Mục (plan)
    article: str = ""
    clause: int = 0
    path: tuple[int, ...] = ()
    point: str = ""
    nested: int = 0  # the next number of a list inside a clause or point; 0 = none started
    nested_mark: str = ""  # "." or ")": how that list's numbers are written
    clause_mark: str = ""  # how the clauses (or numbered sections) here are written
    ended: bool = False  # after "Nơi nhận": the signature block
    last_article: int = 0  # the number of the last article, for the next one after an unfinished line

    def reset_below(self, kind: Kind) -> None:
        order = [Kind.APPENDIX, Kind.PART, Kind.CHAPTER, Kind.SECTION, Kind.ARTICLE]
        level = order.index(Kind.SECTION if kind is Kind.ROMAN else kind)
        if level < 1:
            self.part = ""
        if level < 2:
            self.chapter = ""
        if level < 3:
            self.section = ""
        if level < 4:
            self.article = ""
        self.clause = 0
        self.path = ()
        self.point = ""
        self.nested = 0
        self.clause_mark = ""
        self.ended = False

    def label(self) -> tuple[str, str]:
        if self.ended:
            return "", ""
        appendix = "" if self.appendix is None else " ".join(("Phụ lục", self.appendix)).strip()
        prefix = f"{appendix}, " if appendix else ""
        point = f", điểm {self.point}" if self.point else ""
        if self.article:
            article = f"{prefix}Điều {self.article}"
            clause = f", khoản {self.clause}" if self.clause else ""
            return article + clause + point, article
        outer = f"Chương {self.chapter}, " if self.chapter else (f"Phần {self.part}, " if self.part else "")
        if self.section or self.path:
            head = self.section or str(self.path[0])
            rest = self.path if self.section else self.path[1:]
            article = f"{prefix}{outer}Mục {head}"
            return article + "".join(f".{n}" for n in rest) + point, article
        if self.chapter:
            chapter = f"{prefix}Chương {self.chapter}"
            return chapter, chapter
        if self.part:
            part = f"{prefix}Phần {self.part}"
            return part, part
        return appendix, appendix

    def apply(self, tok: Token, *, forced: bool, continued: bool, again: bool = False) -> bool:
        """Take ``tok`` as structure if it fits here; False when it is ordinary text."""
        kind = tok.kind
        if kind is Kind.APPENDIX:
            self.reset_below(kind)
            self.appendix = tok.value
            return True
        if kind in (Kind.PART, Kind.CHAPTER):
            self.reset_below(kind)
            if kind is Kind.PART:
                self.part = tok.value
            else:
                self.chapter = tok.value
            return True
        if kind is Kind.SECTION:
            self.reset_below(kind)
            self.section = tok.value
            return True
        if kind is Kind.ROMAN:
            n, before = _ordinal(tok.value), _ordinal(self.section) if self.section else 0
            fits = n == before + 1 or (0 < n - before <= 1 + MAX_GAP and not continued)
            if not forced and not fits:
                return False
            self.reset_below(kind)
            self.section = tok.value
            return True
        if kind is Kind.ARTICLE:
            number = _ordinal(tok.value)
            if continued and not forced and tok.rest == "" and number != self.last_article + 1:
                return False  # "… quy định tại" / "Điều 9.": a reference ending a sentence
            if not forced and not tok.mark and tok.rest and (continued or number != self.last_article + 1):
                return False  # "Điều 5 Phạm vi" without a stop: only as the next article, not after "… tại"
            self.reset_below(kind)
            self.article = tok.value
            self.last_article = number
            return True
        if self.ended:
            return False
        if kind is Kind.NUMBER:
            return self._number(tok.path[0], tok.mark, continued, again)
        if kind is Kind.PATH:
            return self._path(tok.path)
        return self._point(tok.value, continued)

    def _number(self, n: int, mark: str, continued: bool, again: bool) -> bool:
        """A clause (in an article) or a numbered section (elsewhere) if ``n`` follows on.
        "1." inside a clause, section or point starts a list that stays in it; an item of that
        list whose number is also the next clause's is the next clause only when it is written
        like the clauses, the list is not, or the number does not come again before the next
        heading (``again``: the clause is still to come)."""
        current = self.clause if self.article else (self.path[0] if self.path else 0)
        if self.nested and n == self.nested and mark == self.nested_mark:
            like_clauses = not self.clause_mark or mark == self.clause_mark
            if n != current + 1 or not like_clauses or again:
                self.nested += 1  # the list goes on
                return False
        if (current > 0 and n == 1) or (self.point and current == 0):  # a list starts
            self.nested, self.nested_mark = n + 1, mark
            return False
        gap = 0 < n - current <= 1 + MAX_GAP and not continued and not self.point
        if not (n == current + 1 or gap):
            return False
        started = bool(self.article or self.section or self.path or self.chapter or self.part)
        if not started and self.appendix is None and n != 1:  # no structure yet: a numbered plan starts at 1
            return False
        if self.article:
            self.clause = n
        else:
            self.path = (n,)
        self.clause_mark = mark
        self.point = ""
        self.nested = 0
        return True

    def _path(self, path: tuple[int, ...]) -> bool:
        if self.article:
            return False
        parent = path[:-1]
        if self.path and tuple(self.path[: len(parent)]) != parent:
            return False
        if self.path and len(self.path) >= len(path) and self.path[: len(path)] >= path:
            return False  # backwards: "1.2" again after "1.3"
        self.path = path
        self.point = ""
        self.nested = 0
        return True

    def _point(self, letter: str, continued: bool) -> bool:
        if not (self.article or self.section or self.path):
            return False
        position = LETTERS.index(letter)
        expected = LETTERS.index(self.point) + 1 if self.point else 0
        if not (position == expected or (0 < position - expected <= 1 and not continued)):
            return False
        self.point = letter
        self.nested = 0
        return True


def _numbers_again(rows: list[_Row], from_outline: dict[int, list[tuple[Token, str]]]) -> set[int]:
    """The rows whose number ("4.") comes again, written alike, before the next heading."""
    again: set[int] = set()
    seen: set[tuple[str, str]] = set()
    for i in range(len(rows) - 1, -1, -1):
        tok = rows[i].token
        if tok is not None and tok.kind is Kind.NUMBER:
            if (tok.value, tok.mark) in seen:
                again.add(i)
            seen.add((tok.value, tok.mark))
        elif (tok is not None and tok.kind in STRUCTURAL) or i in from_outline:
            seen.clear()
    return again


_LINKING_WORDS: Final = frozenset(
    "tại của theo và với về các những cho là được bởi trong từ đến khoản điểm điều hoặc như thì mà do vào ở "
    "gồm sau quy định".split()
)


def _continued(previous: _Row | None) -> bool:
    """Whether the previous line stops mid-sentence, so that this one may be its rest: it ends
    with a comma or a word no sentence ends with ("… quy định tại"); a line of running text
    (not a clause's or point's) also when it ends with any word. Never after a heading or a
    title in capitals."""
    if previous is None or not previous.text or previous.text.isupper():
        return False
    if previous.token is not None and previous.token.kind in STRUCTURAL:
        return False
    last = previous.text[-1]
    if last == ",":
        return True
    if last in _SENTENCE_END or not last.isalnum():
        return False
    if previous.token is None:
        return True
    return previous.text.rsplit(" ", 1)[-1].lower() in _LINKING_WORDS


class DraftStructure:
    """The structure of one draft, built once from its lines (and outline); ``place_at`` is
    then a binary search."""

    __slots__ = ("_first", "_headings", "_keys", "_places")

    def __init__(self, keys: list[tuple[int, float]], places: list[tuple[str, str]],
                 headings: list[Heading]) -> None:
        self._keys = keys
        self._places = places
        self._headings = headings
        self._first: dict[int, int] = {}
        for i, (page, _y) in enumerate(keys):
            self._first.setdefault(page, i)

    @classmethod
    def from_lines(cls, lines: Sequence[Line], outline: Sequence[OutlineItem] = ()) -> DraftStructure:
        """``lines``: every text line of the draft (any order); ``outline``: its bookmarks as
        (level, title, page, y) tuples or ``OutlineEntry`` objects (page 0-based)."""
        rows = _visual_lines(lines)
        _mark_furniture(rows)
        _read_tokens(rows)
        _mark_contents(rows)
        from_outline = _outline_tokens(outline, rows)
        outline_keys = {tok.key for entries in from_outline.values() for tok, _title in entries}
        for row in rows:
            if row.token is not None and row.token.key in outline_keys:
                row.token = None  # the outline's entry stands for it
        again = _numbers_again(rows, from_outline)
        state = _State()
        places: list[tuple[str, str]] = []
        headings: list[Heading] = []
        previous: _Row | None = None
        for i, row in enumerate(rows):
            for tok, title in from_outline.get(i, ()):
                state.apply(tok, forced=True, continued=False)
                label, article = state.label()
                headings.append(Heading(tok.kind, label, article, row.page, row.y, title, True))
            if not row.furniture:
                found = row.token
                if found is None and _RECIPIENTS.match(row.text):
                    state.ended = True
                elif found is not None:
                    if state.apply(found, forced=False, continued=_continued(previous), again=i in again):
                        label, article = state.label()
                        headings.append(Heading(found.kind, label, article, row.page, row.y, row.text))
                    else:
                        row.token = None
                previous = row
            places.append(state.label())
        return cls([(r.page, r.y) for r in rows], places, headings)

    @classmethod
    def from_words(cls, pages: Sequence[Sequence[WordLike]], outline: Sequence[OutlineItem] = ()) -> DraftStructure:
        """From each page's words (``PdfDocument.words(page)``) and ``PdfDocument.outline()``."""
        return cls.from_lines(lines_from_words(pages), outline)

    @property
    def headings(self) -> list[Heading]:
        """Every place where the structure changes, in document order (for choosing a place)."""
        return list(self._headings)

    def place_at(self, page: int, y: float) -> Place:
        """The place of a passage starting at ``y`` (points from the page's top) on ``page``
        (0-based). Never raises: a point before all text has no place."""
        try:
            page = int(page)
        except (TypeError, ValueError, OverflowError):
            page = 0
        y = _finite(y)
        index = bisect_right(self._keys, (page, y + TOLERANCE)) - 1
        first = self._first.get(page)
        line = index - first if first is not None and index >= first else 0
        if index < 0:
            return Place("", "", (page, 0))
        label, article = self._places[index]
        return Place(label, article, (page, line))


def headings_of(lines: Sequence[Line], outline: Sequence[OutlineItem] = ()) -> list[Heading]:
    """The structure found in a draft's lines (and outline): see :class:`DraftStructure`."""
    return DraftStructure.from_lines(lines, outline).headings


__all__ = [
    "DraftStructure",
    "Heading",
    "Kind",
    "Line",
    "OutlineItem",
    "OutlineLike",
    "Place",
    "Token",
    "clean_text",
    "headings_of",
    "lines_from_words",
    "token_of",
]
