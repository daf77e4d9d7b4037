"""The demo as test and benchmark fixtures: the one public face of :mod:`paperless.demo`.

Tests and benchmarks import from here only; the modules behind it (the typesetter, the text
loader, the document writers) may change without them noticing.

Documents (every writer returns the path it wrote; the same call gives the same PDF):

* :func:`write_demo_documents` — the session's six PDFs in a folder (:class:`DemoDocuments`);
* :func:`write_agenda`, :func:`write_plan` (``revision=2``: the office's revised draft),
  :func:`write_long_plan` (100+ pages with an outline), :func:`write_scanned_letter` (page
  images only, no text layer) — one document each;
* :func:`document_titles` — each file's title as the agenda lists it.

Session: :func:`demo_session` (members, items, the documents of each item) and
:func:`set_up_demo` (identities, documents and the signed bundles of ``paperless demo``;
every identity's passphrase is :data:`DEMO_PASSPHRASE`).

Texts, to build other documents from: :func:`document_blocks` (the hand-written report,
plan and personnel texts as :data:`Block` records), :func:`long_plan_phrases` (the long
plan's seeded sentence generator) and :func:`typeset` (headings and paragraphs on A4 or US
Letter, with the demo's fonts, as PDF bytes).
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import Literal

from paperless.core.identity.secret import DEFAULT_LOG_N
from paperless.demo.documents import DEFAULT_MARKER, DemoDocuments, DemoWriter
from paperless.demo.fonts import Fonts
from paperless.demo.layout import MM, Builder, Margins
from paperless.demo.meeting import DemoItem, DemoMember, DemoSession
from paperless.demo.phrases import Phrases
from paperless.demo.scan import scan_text
from paperless.demo.setup import DEMO_PASSPHRASE, DemoSetup
from paperless.demo.setup import set_up_demo as _set_up_demo
from paperless.demo.texts import Block, DemoTexts, H, L, P, Table

__all__ = [
    "A4",
    "DEFAULT_MARKER",
    "DEMO_PASSPHRASE",
    "LETTER",
    "MM",
    "Block",
    "DemoDocuments",
    "DemoItem",
    "DemoMember",
    "DemoSession",
    "DemoSetup",
    "H",
    "L",
    "Margins",
    "P",
    "Phrases",
    "Table",
    "demo_session",
    "document_blocks",
    "document_titles",
    "long_plan_phrases",
    "scan_text",
    "set_up_demo",
    "typeset",
    "write_agenda",
    "write_demo_documents",
    "write_long_plan",
    "write_plan",
    "write_scanned_letter",
]

A4 = (595.276, 841.89)  # page sizes in PDF points (width, height)
LETTER = (612.0, 792.0)
TextName = Literal["report", "plan", "personnel"]


def write_demo_documents(folder: Path, *, marker: str = DEFAULT_MARKER) -> DemoDocuments:
    """The six PDFs of the demo session in ``folder`` (created if missing)."""
    return DemoWriter().write_all(folder, marker=marker)


def write_agenda(path: Path, *, marker: str = DEFAULT_MARKER) -> Path:
    """The session's agenda (1-2 pages); ``marker`` is printed once on page 1 and in the metadata."""
    return DemoWriter().agenda(path, marker)


def write_plan(path: Path, *, marker: str = DEFAULT_MARKER, revision: int = 1) -> Path:
    """The draft digital-transformation plan (contents page with links, outline); ``revision=2``
    is the revised draft of the demo's version 2: a sentence added first, one paragraph dropped."""
    return DemoWriter().plan(path, marker, revision=revision)


def write_long_plan(path: Path, *, code: str | None = None, marker: str = DEFAULT_MARKER) -> Path:
    """The 100+ page provincial plan, one outline entry per chapter; the same on every run.
    ``code`` (printed on page 1) defaults to the demo's."""
    return DemoWriter().long_plan(path, code=code, marker=marker)


def write_scanned_letter(path: Path, *, code: str | None = None, marker: str = DEFAULT_MARKER) -> Path:
    """A scanned-looking letter: greyscale JPEG page images, no text layer, no fonts."""
    return DemoWriter().scanned_letter(path, code=code, marker=marker)


def document_titles() -> dict[str, str]:
    """Each demo file's title as the agenda lists it (``"agenda.pdf": "Chương trình hội nghị"``)."""
    return {f.file: f.title for f in DemoTexts.load().meeting.files}


def demo_session() -> DemoSession:
    """The demo meeting: title, time, place, members, clerk and items (with their files)."""
    return DemoTexts.load().meeting.session


def set_up_demo(root: Path, *, log_n: int = DEFAULT_LOG_N) -> DemoSetup:
    """What ``paperless demo`` sets up in ``root``: identities (passphrase :data:`DEMO_PASSPHRASE`;
    a small ``log_n`` makes them quick to unlock), documents, session files, the verified bundle
    and its version 2. Identities already there are reused."""
    return _set_up_demo(root, log_n=log_n)


def document_blocks(name: TextName) -> tuple[Block, ...]:
    """The body of a hand-written demo document in reading order: headings (:class:`H`),
    paragraphs (:class:`P`, plain or rich text), list items (:class:`L`) and tables
    (:class:`Table`); the plan's is its first version, without the appendix."""
    texts = DemoTexts.load()
    return {"report": texts.report, "plan": texts.plan, "personnel": texts.personnel}[name].blocks


def long_plan_phrases() -> Phrases:
    """The long plan's phrase tables; ``.sentence(rng)`` and ``.paragraph(rng)`` draw from them."""
    return DemoTexts.load().long_plan.phrases


def typeset(
    blocks: Iterable[tuple[bool, str]],
    *,
    page: tuple[float, float] = A4,
    margins: Margins | None = None,
    size: float = 12.0,
    numbered: bool = True,
    title: str = "demo",
) -> bytes:
    """``(is_heading, text)`` pairs typeset as the demo does (Noto Sans, justified paragraphs,
    bold headings ``size + 0.5``); pages numbered "Trang n/N" unless ``numbered`` is false."""
    b = Builder(Fonts(), margins=margins or Margins(), width=page[0], height=page[1])
    b.new_page()
    for heading, text in blocks:
        if heading:
            b.heading(text, size=size + 0.5)
        else:
            b.paragraph(text, size=size)
    label = DemoTexts.load().official.page if numbered else None
    return b.pdf_bytes(metadata={"title": title}, page_label=label)
