"""The demo's words, read from ``resources/demo/*.toml`` into typed records.

The writers (:mod:`paperless.demo.documents`, :mod:`~paperless.demo.long_doc`,
:mod:`~paperless.demo.scan`) decide the layout; every Vietnamese word they print comes from
here. :meth:`DemoTexts.load` reads every file afresh (nothing is kept between calls).

Body text is a sequence of blocks: :class:`H` (heading, level 1-3), :class:`P` (paragraph),
:class:`L` (dash list item) and :class:`Table`. In the files, ``**…**`` marks bold words: a
paragraph with some is rich text (a tuple of ``(text, face)`` spans), one without is a plain
string.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Literal

from paperless.demo.data import Section
from paperless.demo.meeting import Meeting
from paperless.demo.phrases import Phrases

Face = Literal["R", "B", "I", "BI"]
Align = Literal["left", "center", "right", "justify"]
Span = tuple[str, Face]
Rich = str | Sequence[Span]


@dataclass(frozen=True)
class H:
    """A heading: level 1 ("I. ..."), 2 ("1. ...") or 3 ("1.1. ...", italic)."""

    level: int
    text: str


@dataclass(frozen=True)
class P:
    """A paragraph: plain text, or rich text as ``(text, face)`` spans."""

    text: Rich
    align: Align = "justify"


@dataclass(frozen=True)
class L:
    """A dash list item ("- ...")."""

    text: Rich


@dataclass(frozen=True)
class Table:
    caption: str
    rows: tuple[tuple[str, ...], ...]
    widths: tuple[float, ...]
    aligns: tuple[Align, ...] | None = None
    unit: str | None = None


Block = H | P | L | Table
ALIGNS: dict[str, Align] = {"left": "left", "center": "center", "right": "right", "justify": "justify"}


@dataclass(frozen=True)
class Header:
    """The head of an official document: issuer lines, number, date, and its marks."""

    issuer: tuple[str, ...]
    number: str
    date: date
    about: str | None = None  # "V/v ...": what a letter is about
    draft: bool = False
    confidential: bool = False


@dataclass(frozen=True)
class Title:
    kind: str  # "BÁO CÁO", "KẾ HOẠCH", ...
    lines: tuple[str, ...]


@dataclass(frozen=True)
class Signature:
    lines: tuple[str, ...]  # "T/M BAN THƯỜNG VỤ", "BÍ THƯ"
    name: str | None
    note: str | None
    recipients: tuple[str, ...]  # "Nơi nhận"


@dataclass(frozen=True)
class OfficialWords:
    """The fixed words of Vietnamese official documents (``official.toml``)."""

    party: str
    nation: str
    motto: str
    draft: str
    confidential: str
    date: str  # "{place}, ngày {day} tháng {month} năm {year}"
    document_code: str  # "Mã tài liệu: {code}"
    recipients: str
    page: str  # "Trang {n}/{total}"
    contents: str


@dataclass(frozen=True)
class DocumentText:
    """A hand-written document (report, plan, personnel): head, body blocks and signature."""

    metadata_title: str
    header: Header
    title: Title
    signature: Signature
    blocks: tuple[Block, ...]
    intro: str | None = None
    note: str | None = None
    appendix: Table | None = None
    appendix_outline: str | None = None
    revision_note: str | None = None
    dropped_in_revision: frozenset[int] = frozenset()  # indices into blocks

    def body(self, revision: int = 1) -> tuple[Block, ...]:
        """The blocks of ``revision`` (2: without the blocks the revised draft dropped)."""
        if revision == 1:
            return self.blocks
        return tuple(b for i, b in enumerate(self.blocks) if i not in self.dropped_in_revision)


@dataclass(frozen=True)
class AgendaText:
    metadata_title: str
    header: Header
    title: Title
    signature: Signature
    facts: tuple[tuple[str, str], ...]  # label, text ({location} is the session's)
    contents_heading: str
    contents_columns: tuple[str, ...]
    presenter: str  # "Đồng chí {presenter}"
    documents_heading: str
    documents_columns: tuple[str, ...]
    note_label: str
    note: str  # {clerk} is the session's


@dataclass(frozen=True)
class LongPlanText:
    metadata_title: str
    metadata_author: str
    header: Header
    title: Title
    intro: str
    table_caption: str  # "Bảng {chapter}.{section}. ..."
    chapters: tuple[tuple[str, tuple[str, ...]], ...]  # title, section titles
    phrases: Phrases


@dataclass(frozen=True)
class LetterText:
    metadata_title: str
    metadata_author: str
    header: Header
    signature: Signature
    addressed_to: str
    addressees: tuple[str, ...]
    body: tuple[str, ...]
    seal: tuple[str, ...]


@dataclass(frozen=True)
class DemoTexts:
    meeting: Meeting
    official: OfficialWords
    agenda: AgendaText
    report: DocumentText
    plan: DocumentText
    personnel: DocumentText
    long_plan: LongPlanText
    letter: LetterText

    @classmethod
    def load(cls) -> DemoTexts:
        official = Section.load("official.toml")
        return cls(
            meeting=Meeting.read(Section.load("meeting.toml")),
            official=OfficialWords(*(official.text(k) for k in (
                "party", "nation", "motto", "draft", "confidential", "date", "document_code", "recipients", "page",
                "contents"))),
            agenda=_agenda(Section.load("agenda.toml")),
            report=_document(Section.load("report.toml")),
            plan=_document(Section.load("plan.toml")),
            personnel=_document(Section.load("personnel.toml")),
            long_plan=_long_plan(Section.load("long_plan.toml")),
            letter=_letter(Section.load("scanned_letter.toml")),
        )


def rich(text: str, where: Section) -> Rich:
    """``**…**`` marks bold words: plain text stays a string, marked text becomes spans."""
    if "**" not in text:
        return text
    parts = text.split("**")
    if len(parts) % 2 == 0:
        raise where.fail(f"unpaired ** in {text[:40]!r}…")
    spans: list[Span] = [(part, "B" if i % 2 else "R") for i, part in enumerate(parts) if part]
    return tuple(spans)


def _header(s: Section) -> Header:
    return Header(s.texts("issuer"), s.text("number"), s.day("date"), s.optional_text("about"), s.flag("draft"),
                  s.flag("confidential"))


def _title(s: Section) -> Title:
    return Title(s.text("kind"), s.texts("lines"))


def _signature(s: Section) -> Signature:
    return Signature(s.texts("lines"), s.optional_text("name"), s.optional_text("note"), s.texts("recipients"))


def _align(value: str, s: Section) -> Align:
    if value not in ALIGNS:
        raise s.fail(f"alignment {value!r} is not one of {', '.join(ALIGNS)}")
    return ALIGNS[value]


def _aligns(s: Section) -> tuple[Align, ...] | None:
    return tuple(_align(a, s) for a in s.texts("aligns")) if s.has("aligns") else None


def _table(s: Section, caption_key: str) -> Table:
    rows = s.rows("rows")
    if not all(all(isinstance(cell, str) for cell in row) for row in rows):
        raise s.fail("rows: every cell must be a string")
    widths = s.numbers("widths")
    aligns = _aligns(s)
    if any(len(row) != len(widths) for row in rows) or (aligns is not None and len(aligns) != len(widths)):
        raise s.fail("rows, widths and aligns must have as many columns")
    return Table(s.text(caption_key), rows, widths, aligns, s.optional_text("unit"))


def _block(s: Section) -> Block:
    if s.has("heading"):
        level = s.integer("level")
        if level not in (1, 2, 3):
            raise s.fail(f"level {level}: headings are level 1, 2 or 3")
        return H(level, s.text("heading"))
    if s.has("paragraph"):
        return P(rich(s.text("paragraph"), s), _align(s.optional_text("align") or "justify", s))
    if s.has("item"):
        return L(rich(s.text("item"), s))
    if s.has("table"):
        return _table(s, "table")
    raise s.fail("a block is a heading, a paragraph, an item or a table")


def _document(s: Section) -> DocumentText:
    blocks: list[Block] = []
    dropped: set[int] = set()
    for i, block in enumerate(s.sections("blocks")):
        blocks.append(_block(block))
        if block.has("dropped_in_revision"):
            if block.integer("dropped_in_revision") != 2:
                raise block.fail("dropped_in_revision: only revision 2 exists")
            dropped.add(i)
    return DocumentText(
        metadata_title=s.text("metadata_title"),
        header=_header(s.section("header")),
        title=_title(s.section("title")),
        signature=_signature(s.section("signature")),
        blocks=tuple(blocks),
        intro=s.optional_text("intro"),
        note=s.optional_text("note"),
        appendix=_table(s.section("appendix"), "caption") if s.has("appendix") else None,
        appendix_outline=s.optional_text("appendix_outline"),
        revision_note=s.optional_text("revision_note"),
        dropped_in_revision=frozenset(dropped),
    )


def _agenda(s: Section) -> AgendaText:
    return AgendaText(
        metadata_title=s.text("metadata_title"),
        header=_header(s.section("header")),
        title=_title(s.section("title")),
        signature=_signature(s.section("signature")),
        facts=tuple((f.text("label"), f.text("text")) for f in s.sections("facts")),
        contents_heading=s.text("contents_heading"),
        contents_columns=s.texts("contents_columns"),
        presenter=s.text("presenter"),
        documents_heading=s.text("documents_heading"),
        documents_columns=s.texts("documents_columns"),
        note_label=s.text("note_label"),
        note=s.text("note"),
    )


def _long_plan(s: Section) -> LongPlanText:
    return LongPlanText(
        metadata_title=s.text("metadata_title"),
        metadata_author=s.text("metadata_author"),
        header=_header(s.section("header")),
        title=_title(s.section("title")),
        intro=s.text("intro"),
        table_caption=s.text("table_caption"),
        chapters=tuple((c.text("title"), c.texts("sections")) for c in s.sections("chapters")),
        phrases=Phrases.read(s.section("phrases"), s.texts("table_columns")),
    )


def _letter(s: Section) -> LetterText:
    return LetterText(
        metadata_title=s.text("metadata_title"),
        metadata_author=s.text("metadata_author"),
        header=_header(s.section("header")),
        signature=_signature(s.section("signature")),
        addressed_to=s.text("addressed_to"),
        addressees=s.texts("addressees"),
        body=s.texts("body"),
        seal=s.texts("seal"),
    )
