"""The carry-over test corpus: one long Vietnamese text in two versions, typeset in two formats.

Two kinds of text. "realistic": the demo's hand-written report, plan and personnel texts,
then paragraphs from the long demo plan's sentence templates (paperless.demo.factory's
long_plan_phrases) each made specific the way real plans are (communes, amounts, areas,
dates, the department in charge), so that phrases repeat but whole passages rarely do.
"formulaic": the raw templates — seven sentence patterns with a few fillers each, so that
whole sentences and 250-character passages recur dozens of times within a few pages: a
stress test for telling copies apart.

The old version is typeset on A4 (Noto Sans 12 pt, the demo's official margins), the new one
on US Letter (11 pt, other margins), so every line and page breaks differently. The new
version also has edits: sentences deleted and inserted, one word changed in some sentences
(some only by a diacritic: "bán" → "bàn"). Some sentences appear twice (a repeated passage);
for some of them one copy is deleted in the new version.

Every sentence has an id, so every word of both PDFs is known by construction: ``tid`` =
(sentence id, word number). The extracted words are aligned to the tokens that were typeset
(words that were not would get no tid; the page footers "Trang n/N" are not in the text:
DocText leaves running headers and footers out). That is the ground truth the accuracy test
measures against.

Imported by test_anchoring_accuracy.py; the tests here check the corpus itself.
"""

from __future__ import annotations

import random
import re
from dataclasses import dataclass, field
from functools import cache

import pymupdf

from paperless.core.anchoring import DocText
from paperless.core.render import Word as W
from paperless.demo.factory import LETTER, MM, H, L, Margins, P, document_blocks, long_plan_phrases
from paperless.demo.factory import typeset as typeset_demo

Tid = tuple[int, int]
PHRASES = long_plan_phrases()
AREAS, GOALS, LINKS, METRICS = PHRASES.areas, PHRASES.goals, PHRASES.links, PHRASES.metrics
OBSERVATIONS, SECTORS, SOLUTIONS, VERBS = PHRASES.observations, PHRASES.sectors, PHRASES.solutions, PHRASES.verbs


@dataclass(frozen=True)
class Sent:
    uid: int
    words: tuple[str, ...]


@dataclass
class Block:
    heading: bool
    sents: list[Sent]


@dataclass
class Edits:
    deleted: set[int] = field(default_factory=set)  # sentence ids
    inserted: set[int] = field(default_factory=set)
    changed: dict[int, int] = field(default_factory=dict)  # sentence id -> changed word number
    repeated: dict[int, int] = field(default_factory=dict)  # copy id -> original id


_SPLIT = re.compile(r"(?<=[.;:])\s+(?=[A-ZĐÀ-Ỹ])")
TONES = {"a": "àáảãạ", "o": "òóỏõọ", "e": "èéẻẽẹ", "i": "ìíỉĩị", "u": "ùúủũụ", "ơ": "ờớởỡợ", "ư": "ừứửữự"}


def _hand_written() -> list[tuple[bool, str]]:
    out: list[tuple[bool, str]] = []
    blocks = [*document_blocks("report"), *document_blocks("plan"), *document_blocks("personnel")]
    for b in blocks:
        if isinstance(b, H):
            out.append((True, b.text))
        elif isinstance(b, P | L) and isinstance(b.text, str):
            out.append((False, ("- " if isinstance(b, L) else "") + b.text))
    return out


class _Ids:
    def __init__(self) -> None:
        self.n = 0

    def sent(self, text: str) -> Sent:
        self.n += 1
        return Sent(self.n, tuple(text.split()))


def _retone(word: str, rng: random.Random) -> str | None:
    """The word with the tone of one vowel changed ("bán" -> "bàn"), or None."""
    for i, ch in enumerate(word):
        for base, toned in TONES.items():
            if ch in toned:
                other = rng.choice([t for t in toned + base if t != ch])
                return word[:i] + other + word[i + 1 :]
    return None


@dataclass
class Corpus:
    old: list[Block]
    new: list[Block]
    edits: Edits


SYLLABLES = (
    "An Bình Hòa Phú Tân Thạnh Lộc Mỹ Đông Tây Hưng Long Thuận Phước Vĩnh Quang Minh Trung Hải Lâm "
    "Thủy Kim Ngọc Hồng Xuân Đức Thành Hiệp Nghĩa Thịnh Yên Khánh Phong Cát Tiến Lợi Hậu Điền Giang"
).split()
ORGS = (
    "Sở Nông nghiệp và Phát triển nông thôn",
    "Sở Kế hoạch và Đầu tư",
    "Sở Tài chính",
    "Sở Xây dựng",
    "Sở Giao thông vận tải",
    "Sở Tài nguyên và Môi trường",
    "Sở Công Thương",
    "Sở Văn hóa, Thể thao và Du lịch",
    "Sở Thông tin và Truyền thông",
    "Ban Quản lý các khu công nghiệp tỉnh",
)


def _place(rng: random.Random) -> str:
    return f"{rng.choice(SYLLABLES)} {rng.choice(SYLLABLES)}"


def _amount(rng: random.Random, low: int, high: int) -> str:
    return f"{rng.randint(low, high):,}".replace(",", ".")


def _specific(rng: random.Random) -> str:
    """A clause that makes a template sentence specific (and its text unique)."""
    return rng.choice(
        (
            lambda: f", trước hết tại xã {_place(rng)} và xã {_place(rng)}",
            lambda: f", với tổng vốn dự kiến khoảng {_amount(rng, 120, 9800)} tỷ đồng",
            lambda: f", trên diện tích khoảng {_amount(rng, 40, 5200)} ha",
            lambda: f", do {rng.choice(ORGS)} chủ trì, phối hợp với huyện {_place(rng)}",
            lambda: f" theo Kế hoạch số {rng.randint(12, 390)}/KH-UBND ngày {rng.randint(1, 28)}/{rng.randint(1, 12)}/{rng.choice((2023, 2024))}",
            lambda: f", phấn đấu hoàn thành trước quý {rng.choice(('I', 'II', 'III', 'IV'))}/{rng.randint(2025, 2030)}",
            lambda: f", trong đó có {rng.randint(2, 40)} dự án tại huyện {_place(rng)}",
            lambda: f", thu hút khoảng {_amount(rng, 300, 24000)} lao động địa phương",
        )
    )()


CONNECTORS = (
    "", "", "", "", "Đồng thời, ", "Bên cạnh đó, ", "Trong giai đoạn tới, ", "Để thực hiện mục tiêu trên, ",
    "Từ nay đến năm 2030, ", "Trên cơ sở đó, ", "Mặt khác, ", "Riêng trong năm 2025, ",
)
SUBJECTS = (
    "tỉnh", "Ủy ban nhân dân tỉnh", "các sở, ngành", "Ủy ban nhân dân các huyện, thành phố", "các địa phương",
    *ORGS,
)
MORE_VERBS = (
    *VERBS, "tiếp tục đẩy mạnh", "rà soát, điều chỉnh quy hoạch", "xây dựng cơ chế hỗ trợ",
    "kêu gọi nhà đầu tư chiến lược vào", "hoàn thiện hạ tầng phục vụ", "phát triển mạnh",
)


def _realistic_sentence(rng: random.Random) -> str:
    """A sentence composed of many independently chosen phrases plus specifics: phrases
    recur across the text, as in real plans, but long passages rarely do."""
    c = rng.choice
    metric, unit, low, high = c(METRICS)
    value = f"{rng.uniform(low, high):.1f}".replace(".", ",") + ("%" if unit == "%" else " " + unit)
    spec = _specific(rng) if rng.random() < 0.8 else ""
    text = c(
        (
            lambda: f"{c(CONNECTORS)}{c(SUBJECTS)} {c(MORE_VERBS)} {c(SECTORS)} tại {c(AREAS)}{spec}, {c(LINKS)}, nhằm {c(GOALS)}.",
            lambda: f"{c(CONNECTORS)}{c(SUBJECTS)} {c(MORE_VERBS)} {c(SECTORS)}{spec}; qua đó {c(GOALS)}.",
            lambda: f"Thực tiễn tại {c(AREAS)} cho thấy {c(OBSERVATIONS)}{spec}, do đó {c(SUBJECTS)} cần {c(SOLUTIONS)}.",
            lambda: f"{c(CONNECTORS)}{metric} của {c(AREAS)} phấn đấu đạt {value} vào năm {rng.randint(2025, 2030)}{spec}.",
            lambda: f"{c(CONNECTORS)}đối với {c(AREAS)}, {c(SUBJECTS)} {c(MORE_VERBS)} {c(SECTORS)} {c(LINKS)}{spec}.",
            lambda: f"{c(CONNECTORS)}{c(SUBJECTS)} chủ động {c(SOLUTIONS)}, {c(LINKS)}{spec}, bảo đảm {c(GOALS)}.",
        )
    )()
    return text[0].upper() + text[1:]


@cache
def make_corpus(kind: str = "realistic", seed: int = 2024, generated_paragraphs: int = 200) -> Corpus:
    rng = random.Random(seed)
    ids = _Ids()
    old: list[Block] = []
    for heading, text in _hand_written():
        old.append(Block(heading, [ids.sent(s) for s in (_SPLIT.split(text) if not heading else [text])]))
    gen = random.Random(seed + 1)
    sentence = _realistic_sentence if kind == "realistic" else PHRASES.sentence
    for k in range(generated_paragraphs):
        if k % 12 == 0:
            old.append(Block(True, [ids.sent(f"{k // 12 + 1}.{k % 7 + 1}. Phương án phát triển giai đoạn {k // 12 + 1}")]))
        sents = [sentence(gen) for _ in range(gen.randint(3, 6))]
        old.append(Block(False, [ids.sent(s[0].upper() + s[1:]) for s in sents]))
    edits = Edits()
    paras = [b for b in old if not b.heading]
    # repeated passages: 16 sentences copied into another paragraph
    while len(edits.repeated) < 16:
        a, b = rng.sample(range(len(paras)), 2)
        if abs(a - b) < 3:  # "A A" -> "A": which copy was deleted is anybody's guess
            continue
        s = rng.choice(paras[a].sents)
        copy = Sent(ids.sent("x").uid, s.words)
        paras[b].sents.insert(rng.randint(0, len(paras[b].sents)), copy)
        edits.repeated[copy.uid] = s.uid
    new = [Block(b.heading, list(b.sents)) for b in old]
    new_paras = [b for b in new if not b.heading]
    # deletions: 24 sentences, 4 of them copies of a repeated passage
    copies = list(edits.repeated)
    rng.shuffle(copies)
    victims = copies[:4]
    while len(victims) < 24:
        b = rng.choice(new_paras)
        if len(b.sents) > 1:
            victims.append(rng.choice(b.sents).uid)
    for b in new:
        b.sents = [s for s in b.sents if s.uid not in victims]
    edits.deleted = set(victims)
    # insertions: 24 new sentences
    for _ in range(24):
        b = rng.choice(new_paras)
        s = ids.sent(sentence(gen))
        b.sents.insert(rng.randint(0, len(b.sents)), s)
        edits.inserted.add(s.uid)
    # one word changed in 30 sentences (half of them only by a tone mark)
    done = 0
    while done < 30:
        b = rng.choice(new_paras)
        i = rng.randrange(len(b.sents))
        s = b.sents[i]
        if s.uid in edits.changed or s.uid in edits.inserted or len(s.words) < 6:
            continue
        k = rng.randrange(1, len(s.words) - 1)
        word = _retone(s.words[k], rng) if done % 2 else rng.choice(["mạnh", "nhanh", "sâu", "rõ"])
        if word is None or word == s.words[k]:
            continue
        b.sents[i] = Sent(s.uid, (*s.words[:k], word, *s.words[k + 1 :]))
        edits.changed[s.uid] = k
        done += 1
    return Corpus(old, new, edits)


def tokens(blocks: list[Block]) -> list[tuple[str, Tid]]:
    return [(w, (s.uid, k)) for b in blocks for s in b.sents for k, w in enumerate(s.words)]


def typeset(blocks: list[Block], fmt: str, *, numbered: bool) -> bytes:
    texts = [(blk.heading, text) for blk in blocks if (text := " ".join(" ".join(s.words) for s in blk.sents))]
    if fmt == "a4":
        return typeset_demo(texts, size=12.0, numbered=numbered, title="corpus")
    margins = Margins(left=25 * MM, top=18 * MM, right=22 * MM, bottom=20 * MM)
    return typeset_demo(texts, page=LETTER, margins=margins, size=11.0, numbered=numbered, title="corpus")


def extract(pdf: bytes) -> list[list[W]]:
    with pymupdf.open(stream=pdf, filetype="pdf") as doc:
        return [
            [W(float(x0), float(y0), float(x1), float(y1), str(t), int(bl), int(ln)) for x0, y0, x1, y1, t, bl, ln, _ in page.get_text("words")]
            for page in doc
        ]


@dataclass
class Version:
    pages: list[list[W]]
    doc: DocText
    tid_of: list[Tid | None]  # per global word of doc
    g_of: dict[Tid, int]
    text_of: dict[Tid, str]
    unmatched_tokens: int


def version(blocks: list[Block], fmt: str, *, numbered: bool) -> Version:
    pages = extract(typeset(blocks, fmt, numbered=numbered))
    doc = DocText(pages)
    toks = tokens(blocks)
    tid_of: list[Tid | None] = [None] * doc.word_count
    j = 0
    for g in range(doc.word_count):
        p, i = doc.ref(g)
        if j < len(toks) and pages[p][i].text == toks[j][0]:
            tid_of[g] = toks[j][1]
            j += 1
    g_of = {t: g for g, t in enumerate(tid_of) if t is not None}
    return Version(pages, doc, tid_of, g_of, dict((t, w) for w, t in toks), len(toks) - j)


@cache
def versions(numbered: bool, kind: str = "realistic") -> tuple[Corpus, Version, Version]:
    corpus = make_corpus(kind)
    return corpus, version(corpus.old, "a4", numbered=numbered), version(corpus.new, "letter", numbered=numbered)


def test_corpus_is_aligned_with_what_was_typeset() -> None:
    corpus, old, new = versions(True)
    assert old.unmatched_tokens == 0 and new.unmatched_tokens == 0
    assert old.doc.page_count >= 60 and new.doc.page_count >= 50
    assert all(t is not None for t in old.tid_of) and "Trang " not in old.doc.text  # footers left out
    with_footers = DocText(old.pages, furniture=False)
    assert with_footers.word_count == old.doc.word_count + 2 * old.doc.page_count  # "Trang", "n/N"
    assert len(corpus.edits.deleted) == 24 and len(corpus.edits.inserted) == 24 and len(corpus.edits.changed) == 30


def test_the_two_formats_break_pages_differently() -> None:
    _, old, new = versions(False)
    firsts_old = {old.tid_of[r.start] for r in (old.doc.page_words(p) for p in range(old.doc.page_count)) if r}
    firsts_new = {new.tid_of[r.start] for r in (new.doc.page_words(p) for p in range(new.doc.page_count)) if r}
    assert len(firsts_old & firsts_new) <= 2
