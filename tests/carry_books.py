"""Realistic books for the carry-over corpus (issue 15, part 2), generated with PyMuPDF.

Each book has a title page, a contents page ("Mục lục") whose lines end in dot leaders and
page numbers, chapters that open on a right-hand page (after a blank page when needed) with
the page number centred at the foot, and on every other page a running header that
alternates: on even pages the chapter's title, on odd pages the current section's title,
with the page number at the outer edge (or, in one style, in the footer at the outer edge).
The text has footnotes (a superscript marker glued to a word, the note at the page's foot),
code blocks (Courier, one statement a line) and sections set in two columns.

Every book exists in two versions: the old one typeset in one format, the new one reflowed to
another page size, margins and font size, with edits (sentences deleted and inserted, one
word changed in some sentences, some only by a tone mark), so that every line and page breaks
elsewhere, the headers change page and the contents' page numbers and leaders change.

Every word drawn has an id (sentence id, word number), and the words PyMuPDF extracts are
mapped back to the drawn ones by position: that is the ground truth. Leaders, contents page
numbers, running headers and footers are drawn without an id: none of them may reach the
document's text (DocText), and ``Version.leaked`` counts the ones that did.

Deterministic: the same name gives the same PDFs.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from functools import cache

import pymupdf
from test_anchoring_corpus import Edits, Sent, Tid, _Ids, _realistic_sentence, _retone, extract

from paperless.core.anchoring import DocText
from paperless.core.render import Word as W
from paperless.resources import resource_path

A4 = (595.0, 842.0)
LETTER = (612.0, 792.0)
B5 = (499.0, 709.0)


@dataclass(frozen=True)
class Style:
    page: tuple[float, float]
    margins: tuple[float, float, float, float]  # inner, top, outer, bottom
    size: float
    leader: str  # "solid" ("......") or "spaced" (". . . .")
    numbers: str  # "header": page number at the header's outer edge; "footer": at the footer's


@dataclass
class Item:
    kind: str  # chapter, section, para, code
    sents: list[Sent]
    two_col: bool = False
    note: Sent | None = None  # a footnote, its marker glued to the first sentence's last word


@dataclass
class Book:
    name: str
    old: list[Item]
    new: list[Item]
    edits: Edits
    old_style: Style
    new_style: Style


CHAPTERS = (
    "Tổng quan về hệ thống quản lý văn bản điện tử",
    "Cài đặt và cấu hình máy chủ",
    "Quản lý người dùng và phân quyền",
    "Mã hóa và bảo mật tài liệu",
    "Đồng bộ dữ liệu giữa các đơn vị",
    "Sao lưu, phục hồi và giám sát",
    "Tích hợp với các hệ thống nghiệp vụ",
)
SECTION_WORDS = (
    "Yêu cầu phần cứng", "Chuẩn bị môi trường", "Các bước thực hiện", "Kiểm tra sau cài đặt",
    "Cấu hình nâng cao", "Xử lý sự cố thường gặp", "Nguyên tắc chung", "Phạm vi áp dụng",
    "Quy trình phê duyệt", "Nhật ký hoạt động", "Chính sách mật khẩu", "Khóa và chứng thư số",
    "Lịch sao lưu định kỳ", "Cảnh báo và báo cáo", "Giao diện lập trình", "Định dạng dữ liệu trao đổi",
)
CODE = (
    "def {f}(ds, nguong={n}):", "    tong = 0", "    for x in ds:", "        if x > nguong:",
    "            tong += x", "    return tong", "ket_qua = {f}(du_lieu)", "print(ket_qua)",
    "cau_hinh = doc_tep('{f}.toml')", "may_chu.khoi_dong(cong={n})", "log.ghi('da xong', muc={n})",
)
FUNCS = ("tinh_tong", "loc_van_ban", "kiem_tra_khoa", "dong_bo", "sao_luu", "xac_thuc")


def _content(seed: int, chapters: int) -> tuple[list[Item], _Ids, random.Random]:
    rng = random.Random(seed)
    ids = _Ids()
    items: list[Item] = []
    for c in range(chapters):
        items.append(Item("chapter", [ids.sent(f"Chương {c + 1}. {CHAPTERS[(seed + c) % len(CHAPTERS)]}")]))
        names = rng.sample(SECTION_WORDS, rng.randint(3, 5))
        for s, name in enumerate(names):
            two_col = rng.random() < 0.25
            items.append(Item("section", [ids.sent(f"{c + 1}.{s + 1}. {name}")], two_col))
            for _ in range(rng.choice((1, 2, 2, 3, 4, 6, 9))):  # short sections head a single page
                if rng.random() < 0.15 and not two_col:
                    f, n = rng.choice(FUNCS), rng.randint(2, 900)
                    start = rng.randrange(0, 6)
                    lines = [t.format(f=f, n=n) for t in CODE[start : start + rng.randint(3, 6)]]
                    items.append(Item("code", [ids.sent(line) for line in lines]))
                sents = [ids.sent(_realistic_sentence(rng)) for _ in range(rng.randint(3, 6))]
                note = None
                if rng.random() < 0.2 and not two_col:
                    note = ids.sent(_realistic_sentence(rng))
                items.append(Item("para", sents, two_col, note))
    return items, ids, rng


def _revise(items: list[Item], ids: _Ids, rng: random.Random) -> tuple[list[Item], Edits]:
    edits = Edits()
    new = [Item(it.kind, list(it.sents), it.two_col, it.note) for it in items]
    paras = [it for it in new if it.kind == "para"]
    while len(edits.deleted) < 14:
        it = rng.choice(paras)
        if len(it.sents) > 2:
            s = it.sents.pop(rng.randrange(1, len(it.sents)))  # the first keeps the note's marker
            edits.deleted.add(s.uid)
    for _ in range(14):
        it = rng.choice(paras)
        s = ids.sent(_realistic_sentence(rng))
        it.sents.insert(rng.randint(1, len(it.sents)), s)
        edits.inserted.add(s.uid)
    done = 0
    while done < 16:
        it = rng.choice(paras)
        i = rng.randrange(1, len(it.sents))
        s = it.sents[i]
        if s.uid in edits.changed or s.uid in edits.inserted or len(s.words) < 6:
            continue
        k = rng.randrange(1, len(s.words) - 1)
        word = _retone(s.words[k], rng) if done % 2 else rng.choice(["mạnh", "nhanh", "sâu", "rõ"])
        if word is None or word == s.words[k]:
            continue
        it.sents[i] = Sent(s.uid, (*s.words[:k], word, *s.words[k + 1 :]))
        edits.changed[s.uid] = k
        done += 1
    return new, edits


STYLES = {
    "so-tay-ky-thuat": (
        Style(A4, (72, 80, 60, 70), 11.0, "solid", "header"),
        Style(LETTER, (66, 72, 72, 64), 10.0, "solid", "header"),
    ),
    "giao-trinh-hai-cot": (
        Style(LETTER, (60, 76, 54, 68), 10.5, "spaced", "header"),
        Style(A4, (80, 84, 64, 80), 11.5, "spaced", "header"),
    ),
    "tai-lieu-huong-dan": (
        Style(B5, (58, 66, 48, 66), 9.5, "solid", "footer"),
        Style(A4, (76, 80, 62, 76), 10.5, "solid", "footer"),
    ),
}


@cache
def make_book(name: str) -> Book:
    seed = sorted(STYLES).index(name) * 101 + 15
    old, ids, rng = _content(seed, 9)
    new, edits = _revise(old, ids, rng)
    return Book(name, old, new, edits, *STYLES[name])


# --- typesetting ---------------------------------------------------------------------------------


@dataclass
class Drawn:
    x0: float
    x1: float
    base: float
    size: float
    tid: Tid | None


@dataclass
class Page:
    lines: list[tuple[float, float, str, pymupdf.Font, float]] = field(default_factory=list)  # x, base, text, font, size
    words: list[Drawn] = field(default_factory=list)
    notes: list[list[tuple[str, Tid | None]]] = field(default_factory=list)
    note_height: float = 0.0
    opening: bool = False  # a chapter's first page: no header, number at the foot
    chapter: str = ""
    section: str = ""
    blank: bool = False
    body: bool = True  # False: the title and contents pages (no furniture)


class Fonts:
    def __init__(self) -> None:
        self.regular = pymupdf.Font(fontfile=str(resource_path("fonts", "NotoSans-Regular.ttf")))
        self.bold = pymupdf.Font(fontfile=str(resource_path("fonts", "NotoSans-Bold.ttf")))
        self.italic = pymupdf.Font(fontfile=str(resource_path("fonts", "NotoSans-Italic.ttf")))
        self.mono = pymupdf.Font("cour")
        self._cache: dict[tuple[str, str], float] = {}

    def width(self, text: str, font: pymupdf.Font, size: float) -> float:
        key = (font.name, text)
        w = self._cache.get(key)
        if w is None:
            w = self._cache[key] = font.text_length(text, 1.0)
        return w * size


Token = tuple[str, Tid | None, str]  # drawn text, id, glued superscript ("" if none)


class Layout:
    def __init__(self, style: Style, fonts: Fonts, toc: dict[int, int] | None) -> None:
        self.s, self.f = style, fonts
        self.toc_numbers = toc or {}
        self.pages: list[Page] = []
        self.heading_page: dict[int, int] = {}  # heading sentence uid -> page index
        self.first_numbered = 0
        self.col = -1  # -1 single column, else 0 / 1
        self.col_top = 0.0
        self.col0_end = 0.0
        self.y = 0.0
        self.chapter = self.section = ""
        self.note_no = 0

    # geometry
    def left(self) -> float:
        p = len(self.pages) - 1
        inner, _, outer, _ = self.s.margins
        return inner if self.number(p) % 2 == 1 else outer

    def right(self) -> float:
        return self.s.page[0] - (self.s.margins[0] + self.s.margins[2]) + self.left()

    def number(self, p: int) -> int:
        return p - self.first_numbered + 1

    def bottom(self) -> float:
        return self.s.page[1] - self.s.margins[3] - self.pages[-1].note_height

    def column(self) -> tuple[float, float]:
        left, right = self.left(), self.right()
        if self.col < 0:
            return left, right
        mid, gap = (left + right) / 2, 9.0
        return (left, mid - gap) if self.col == 0 else (mid + gap, right)

    def new_page(self, *, body: bool = True) -> None:
        page = Page(chapter=self.chapter, section=self.section, body=body)
        self.pages.append(page)
        self.y = self.s.margins[1]
        if self.col >= 0:
            self.col, self.col_top = 0, self.y

    def advance(self, height: float) -> None:
        """Room for a line of ``height``: next column or page when the current one is full."""
        if self.y + height <= self.bottom():
            return
        if self.col == 0:
            self.col0_end = self.y
            self.col, self.y = 1, self.col_top
            return
        self.new_page()

    def draw_line(self, tokens: list[Token], font: pymupdf.Font, size: float, x: float) -> None:
        page = self.pages[-1]
        base = self.y + size
        space = self.f.width(" ", font, size)
        segment: list[str] = []
        seg_x = x
        for t, tid, sup in tokens:
            w = self.f.width(t, font, size)
            sw = self.f.width(sup, self.f.regular, 0.6 * size) if sup else 0.0
            page.words.append(Drawn(x, x + w + sw, base, size, tid))
            segment.append(t)
            if sup:  # the line goes on after the marker: a new run of text
                page.lines.append((seg_x, base, " ".join(segment), font, size))
                page.lines.append((x + w, base - 0.38 * size, sup, self.f.regular, 0.6 * size))
                segment, seg_x = [], x + w + sw + space
            x += w + space + sw
        if segment:
            page.lines.append((seg_x, base, " ".join(segment), font, size))

    def wrap(self, tokens: list[Token], font: pymupdf.Font, size: float, width: float) -> list[list[Token]]:
        lines: list[list[Token]] = [[]]
        used = 0.0
        space = self.f.width(" ", font, size)
        for tok in tokens:
            w = self.f.width(tok[0], font, size) + (self.f.width(tok[2], self.f.regular, 0.6 * size) if tok[2] else 0)
            if lines[-1] and used + space + w > width:
                lines.append([])
                used = 0.0
            used += (space if lines[-1] else 0.0) + w
            lines[-1].append(tok)
        return lines

    def paragraph(self, tokens: list[Token], font: pymupdf.Font, size: float, *, note: list[Token] | None = None,
                  indent: float = 0.0, keep: int = 1) -> None:
        x0, x1 = self.column()
        lines = self.wrap(tokens, font, size, x1 - x0 - indent)
        lead = size * 1.38
        self.advance(lead * min(keep, len(lines)))
        note_lines: list[list[Token]] = []
        for line in lines:
            with_note = note is not None and not note_lines and any(t[2] for t in line)
            extra = 0.0
            if with_note and note is not None:
                x0n, x1n = self.left(), self.right()
                note_lines = self.wrap(note, self.f.regular, 0.8 * size, x1n - x0n)
                extra = len(note_lines) * 0.8 * size * 1.3 + (6.0 if not self.pages[-1].notes else 2.0)
            self.advance(lead + extra)
            if with_note:
                page = self.pages[-1]
                page.note_height += extra
                page.notes.append([tok[:2] for line_ in note_lines for tok in line_])
            x0, _ = self.column()
            self.draw_line(line, font, size, x0 + indent)
            self.y += lead

    # the book
    def title_and_contents(self, items: list[Item], title: str) -> None:
        self.new_page(body=False)
        s = self.s.size
        self.y = self.s.page[1] * 0.35
        self.paragraph([(w, (3_000_000, k), "") for k, w in enumerate(title.split())], self.f.bold, 2.0 * s)
        self.new_page(body=False)
        self.paragraph([("Mục", (3_000_001, 0), ""), ("lục", (3_000_001, 1), "")], self.f.bold, 1.6 * s)
        self.y += s
        for it in items:
            if it.kind not in ("chapter", "section"):
                continue
            sent = it.sents[0]
            font = self.f.bold if it.kind == "chapter" else self.f.regular
            indent = 0.0 if it.kind == "chapter" else 18.0
            number = str(self.toc_numbers.get(sent.uid, 0))
            self.advance(s * 1.5)
            x0, x1 = self.column()
            words: list[Token] = [(w, (1_000_000 + sent.uid, k), "") for k, w in enumerate(sent.words)]
            self.draw_line(words, font, s, x0 + indent)
            end = self.pages[-1].words[-1].x1 + 6
            nw = self.f.width(number, self.f.regular, s)
            dot = self.f.width("." if self.s.leader == "solid" else ". ", self.f.regular, s)
            count = int((x1 - nw - 6 - end) / dot)
            leader = "." * count if self.s.leader == "solid" else " ".join("." * count)
            page = self.pages[-1]
            page.lines.append((end, self.y + s, leader.strip(), self.f.regular, s))
            page.lines.append((x1 - nw, self.y + s, number, self.f.regular, s))
            self.y += s * 1.5

    def run(self, items: list[Item], title: str) -> None:
        self.title_and_contents(items, title)
        self.first_numbered = len(self.pages)  # page 1 is the first chapter's opening page
        for it in items:
            s = self.s.size
            if it.kind == "chapter":
                self.col = -1
                self.chapter = " ".join(it.sents[0].words)
                self.section = ""
                self.new_page()
                if self.number(len(self.pages) - 1) % 2 == 0:  # chapters open on a right-hand page
                    self.pages[-1].blank = True
                    self.new_page()
                self.pages[-1].opening = True
                self.pages[-1].chapter = self.chapter
                self.heading_page[it.sents[0].uid] = len(self.pages) - 1
                self.y += 70
                self.paragraph(self._tokens(it.sents), self.f.bold, 1.7 * s)
                self.y += s
            elif it.kind == "section":
                if self.col >= 0:
                    self._end_columns()
                self.y += 0.8 * s
                self.section = " ".join(it.sents[0].words)
                self.paragraph(self._tokens(it.sents), self.f.bold, 1.15 * s, keep=4)
                self.heading_page[it.sents[0].uid] = len(self.pages) - 1
                if not self.pages[-1].section:
                    self.pages[-1].section = self.section
                self.y += 0.3 * s
                if it.two_col:
                    self.col, self.col_top = 0, self.y
            elif it.kind == "code":
                for sent in it.sents:
                    self.advance(s * 1.25)
                    x0, _ = self.column()
                    self.draw_line(self._tokens([sent]), self.f.mono, 0.85 * s, x0 + 14)
                    self.y += s * 1.25
                self.y += 0.4 * s
            else:
                note = None
                tokens = self._tokens(it.sents)
                if it.note is not None:
                    self.note_no += 1
                    last = len(it.sents[0].words) - 1
                    t, tid, _ = tokens[last]
                    tokens[last] = (t, tid, str(self.note_no))
                    note = [(str(self.note_no), (2_000_000 + it.note.uid, -1), ""), *self._tokens([it.note])]
                self.paragraph(tokens, self.f.regular, s, note=note, indent=0.0)
                self.y += 0.45 * s

    def _end_columns(self) -> None:
        if self.col == 1:
            self.y = max(self.y, self.col0_end)
        self.col = -1

    @staticmethod
    def _tokens(sents: list[Sent]) -> list[Token]:
        return [(w, (s.uid, k), "") for s in sents for k, w in enumerate(s.words)]


def _draw(layout: Layout, fonts: Fonts, title: str) -> bytes:
    s = layout.s
    doc = pymupdf.open()
    width, height = s.page
    for p, page in enumerate(layout.pages):
        pdf_page = doc.new_page(width=width, height=height)
        tw = pymupdf.TextWriter(pdf_page.rect)
        layout_left = s.margins[0] if layout.number(p) % 2 == 1 else s.margins[2]
        left, right = layout_left, width - (s.margins[0] + s.margins[2]) + layout_left
        for x, base, text, font, size in page.lines:
            tw.append((x, base), text, font=font, fontsize=size)
        if page.notes:
            y = height - s.margins[3] - page.note_height + 6
            pdf_page.draw_line((left, y - 3), (left + 100, y - 3), width=0.5)
            for note in page.notes:
                lines = layout.wrap([(t, tid, "") for t, tid in note], fonts.regular, 0.8 * s.size, right - left)
                for line in lines:
                    tw.append((left, y + 0.8 * s.size), " ".join(t for t, _, _ in line), font=fonts.regular,
                              fontsize=0.8 * s.size)
                    xx = left
                    for t, tid, _ in line:
                        w = fonts.width(t, fonts.regular, 0.8 * s.size)
                        page.words.append(Drawn(xx, xx + w, y + 0.8 * s.size, 0.8 * s.size, tid))
                        xx += w + fonts.width(" ", fonts.regular, 0.8 * s.size)
                    y += 0.8 * s.size * 1.3
                y += 2
        if page.body and not page.blank:
            n = str(layout.number(p))
            hs = 0.85 * s.size
            even = layout.number(p) % 2 == 0
            if page.opening:
                tw.append(((width - fonts.width(n, fonts.regular, hs)) / 2, height - s.margins[3] / 2), n,
                          font=fonts.regular, fontsize=hs)
            else:
                head = page.chapter if even else (page.section or page.chapter)
                base = s.margins[1] - 22
                hw = fonts.width(head, fonts.italic, hs)
                nw = fonts.width(n, fonts.regular, hs)
                if s.numbers == "header":
                    if even:
                        tw.append((left, base), n, font=fonts.regular, fontsize=hs)
                        tw.append((left + nw + 24, base), head, font=fonts.italic, fontsize=hs)
                    else:
                        tw.append((right - nw, base), n, font=fonts.regular, fontsize=hs)
                        tw.append((right - nw - 24 - hw, base), head, font=fonts.italic, fontsize=hs)
                else:
                    tw.append((left if even else right - hw, base), head, font=fonts.italic, fontsize=hs)
                    label = f"Trang {n}"
                    lw = fonts.width(label, fonts.regular, hs)
                    tw.append((left if even else right - lw, height - s.margins[3] / 2), label,
                              font=fonts.regular, fontsize=hs)
                pdf_page.draw_line((left, base + 5), (right, base + 5), width=0.4)
        tw.write_text(pdf_page)
    doc.set_metadata({"title": title})
    data = doc.tobytes(garbage=3, deflate=True)
    doc.close()
    return data


def typeset(items: list[Item], style: Style, title: str) -> tuple[bytes, Layout]:
    fonts = Fonts()
    first = Layout(style, fonts, None)
    first.run(items, title)  # where the headings fall: the contents' page numbers
    toc = {uid: first.number(p) for uid, p in first.heading_page.items()}
    layout = Layout(style, fonts, toc)
    layout.run(items, title)
    assert {uid: layout.number(p) for uid, p in layout.heading_page.items()} == toc
    return _draw(layout, fonts, title), layout


# --- the ground truth ------------------------------------------------------------------------------


@dataclass
class Version:
    pages: list[list[W]]
    doc: DocText
    tid_of: list[Tid | None]  # per global word of doc
    g_of: dict[Tid, int]
    text_of: dict[Tid, str]
    unmatched_tokens: int
    leaked: list[str]  # words in the document text that were drawn without an id (furniture, leaders)
    contents: list[int]  # global words of the contents page(s)
    pdf: bytes = b""


def _tid_at(page: Page, w: W) -> Tid | None | bool:
    """The id of the drawn word under extracted word ``w``; False when there is none."""
    cx, cy = w.x0 + min(2.0, (w.x1 - w.x0) / 2), (w.y0 + w.y1) / 2  # glued leaders and markers follow
    for d in page.words:
        if d.x0 - 0.5 <= cx <= d.x1 + 0.5 and d.base - d.size <= cy <= d.base + 0.3 * d.size:
            return d.tid
    return False


def version(items: list[Item], style: Style, title: str) -> Version:
    pdf, layout = typeset(items, style, title)
    pages = extract(pdf)
    doc = DocText(pages)
    tid_of: list[Tid | None] = []
    leaked: list[str] = []
    for g in range(doc.word_count):
        p, i = doc.ref(g)
        tid = _tid_at(layout.pages[p], pages[p][i])
        if tid is None or tid is False:
            leaked.append(f"p{p}:{pages[p][i].text}")
            tid_of.append(None)
        else:
            assert not isinstance(tid, bool)
            tid_of.append(tid)
    g_of = {t: g for g, t in enumerate(tid_of) if t is not None}
    text_of: dict[Tid, str] = {}
    for it in items:
        for s in it.sents:
            for k, w in enumerate(s.words):
                text_of[(s.uid, k)] = w
                text_of[(1_000_000 + s.uid, k)] = w
        if it.note is not None:
            for k, w in enumerate(it.note.words):
                text_of[(it.note.uid, k)] = w
            text_of[(2_000_000 + it.note.uid, -1)] = "#"
    for k, w in enumerate(title.split()):
        text_of[(3_000_000, k)] = w
    text_of[(3_000_001, 0)], text_of[(3_000_001, 1)] = "Mục", "lục"
    drawn = {d.tid for page in layout.pages for d in page.words if d.tid is not None}
    contents = [g for g in range(doc.word_count) if doc.page_of(g) == 1]
    return Version(pages, doc, tid_of, g_of, text_of, len(drawn - set(g_of)), leaked, contents, pdf)


@dataclass
class Pair:
    book: Book
    old: Version
    new: Version

    @property
    def edits(self) -> Edits:
        return self.book.edits


@cache
def versions(name: str) -> Pair:
    book = make_book(name)
    title = f"Sổ tay {name}"
    return Pair(book, version(book.old, book.old_style, title), version(book.new, book.new_style, title))


BOOKS = tuple(sorted(STYLES))
