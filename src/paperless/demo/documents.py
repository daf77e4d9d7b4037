"""Write the demo session's PDFs (fictional content, real Vietnamese official style).

:meth:`DemoWriter.write_all` produces six files, all A4 with the bundled Noto Sans fonts
embedded and subset:

1. ``agenda.pdf`` — the session agenda (Chương trình hội nghị), 1-2 pages;
2. ``baocao_quy4.pdf`` — the quarterly report with two tables, 5-8 pages;
3. ``kehoach_cds.pdf`` — the draft digital-transformation plan: contents page with links,
   outline, many occurrences of "chuyển đổi số";
4. ``quyhoach_dai.pdf`` — the provincial plan, 100+ pages with an outline per chapter;
5. ``congvan_scan.pdf`` — a scanned-looking letter: page images only, no text layer;
6. ``nhansu_mat.pdf`` — the confidential ("MẬT") personnel item.

Each text document shows "Mã tài liệu: <code>" and the caller's ``marker`` once on page 1;
every file also carries the marker in its metadata keywords (plain bytes on disk when
the marker is ASCII). The words come from ``resources/demo`` (:mod:`paperless.demo.texts`).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from paperless.demo.data import DemoDataError
from paperless.demo.fonts import Fonts
from paperless.demo.layout import Builder
from paperless.demo.long_doc import write_long_plan
from paperless.demo.official import CONTENTS_LINE, Official, contents, render, title
from paperless.demo.scan import write_scanned_letter
from paperless.demo.texts import DemoTexts, DocumentText, H

DEFAULT_MARKER = "PAPERLESS-DEMO-MARKER"
AGENDA, REPORT, PLAN = "agenda.pdf", "baocao_quy4.pdf", "kehoach_cds.pdf"
LONG_PLAN, SCANNED_LETTER, PERSONNEL = "quyhoach_dai.pdf", "congvan_scan.pdf", "nhansu_mat.pdf"


@dataclass(frozen=True)
class DemoDocuments:
    agenda: Path
    report: Path
    plan: Path
    long_plan: Path
    scanned_letter: Path
    personnel: Path

    def all(self) -> tuple[Path, ...]:
        return (
            self.agenda,
            self.report,
            self.plan,
            self.long_plan,
            self.scanned_letter,
            self.personnel,
        )


class DemoWriter:
    """Writes the demo's documents from one reading of its texts, with one set of fonts."""

    def __init__(self, texts: DemoTexts | None = None) -> None:
        self.texts = texts or DemoTexts.load()
        self.fonts = Fonts()
        self.official = Official(self.texts.official, self.texts.meeting.province)

    def builder(self) -> Builder:
        """An empty A4 page sequence with the writer's fonts."""
        return Builder(self.fonts)

    def _save(self, b: Builder, path: Path, file: str, title_: str, marker: str) -> Path:
        meta = {
            "title": title_,
            "author": self.texts.meeting.session.organisation,
            "subject": self.official.code_line(self.texts.meeting.file(file).code),
            "keywords": marker,
        }
        b.save(path, metadata=meta, page_label=self.official.words.page)
        return path

    def agenda(self, path: Path, marker: str = DEFAULT_MARKER) -> Path:
        t, meeting = self.texts.agenda, self.texts.meeting
        s = meeting.session
        b = self.builder()
        b.new_page()
        self.official.party_header(b, t.header)
        title(b, t.title)
        for label, text in t.facts:
            b.paragraph([(f"{label}: ", "B"), (text.format(location=s.location), "R")], after=3)
        b.heading(t.contents_heading, align="center", indent=0, before=6)
        rows: list[tuple[str, ...]] = [t.contents_columns]
        for item in s.items:
            start = item.start.strftime("%Hh%M") if item.start else ""
            rows.append((str(item.number), start, item.title, t.presenter.format(presenter=item.presenter)))
        b.table(rows, (6, 13, 46, 35), aligns=("center", "center", "left", "left"), size=11)
        b.heading(t.documents_heading, align="center", indent=0, before=4)
        docs: list[tuple[str, ...]] = [t.documents_columns]
        for item in s.items:
            for name in item.documents:
                f = meeting.file(name)
                docs.append((str(item.number), f.title, name, f.note))
        b.table(docs, (8, 52, 22, 18), aligns=("center", "left", "left", "center"), size=10.5)
        b.paragraph([(f"{t.note_label}: ", "BI"), (t.note.format(clerk=s.clerk), "I")], size=11)
        self.official.signature(b, t.signature)
        self.official.doc_code(b, meeting.file(AGENDA).code, marker)
        return self._save(b, path, AGENDA, t.metadata_title, marker)

    def report(self, path: Path, marker: str = DEFAULT_MARKER) -> Path:
        t = self.texts.report
        b = self._head(t)
        render(b, t.blocks, outline=True)
        return self._foot(b, t, path, REPORT, marker)

    def plan(self, path: Path, marker: str = DEFAULT_MARKER, *, revision: int = 1) -> Path:
        """The draft plan; ``revision=2`` is the office's revised draft (plan.toml says what changed)."""
        t = self.texts.plan
        if t.appendix is None or t.appendix_outline is None or t.revision_note is None:
            raise DemoDataError("plan.toml: the plan needs its appendix, appendix_outline and revision_note")
        blocks = t.body(revision)
        intro = t.intro or ""
        b = self._head(t)
        b.paragraph(intro if revision == 1 else t.revision_note + intro)
        b.heading(self.official.words.contents, align="center", indent=0, before=4)
        entries = [(blk.text, blk.level) for blk in blocks if isinstance(blk, H) and blk.level <= 2]
        entries.append((t.appendix.caption, 1))
        toc_top = b.y
        b.y += CONTENTS_LINE * len(entries)
        b.new_page()
        where = render(b, blocks, outline=True)
        self.official.signature(b, t.signature)
        b.new_page()
        where[t.appendix.caption] = (b.page, b.y)
        b.toc.append((1, t.appendix_outline, b.page, b.y - 4))
        render(b, (t.appendix,))
        contents(b, entries, where, toc_top)
        return self._foot(b, t, path, PLAN, marker, signed=False)

    def personnel(self, path: Path, marker: str = DEFAULT_MARKER) -> Path:
        t = self.texts.personnel
        b = self._head(t)
        if t.note:
            b.paragraph(t.note, face="I", size=11, align="center", indent=0, after=8)
        render(b, t.blocks)
        return self._foot(b, t, path, PERSONNEL, marker)

    def _head(self, t: DocumentText) -> Builder:
        b = self.builder()
        b.new_page()
        self.official.party_header(b, t.header)
        title(b, t.title)
        return b

    def _foot(self, b: Builder, t: DocumentText, path: Path, file: str, marker: str, *, signed: bool = True) -> Path:
        if signed:
            self.official.signature(b, t.signature)
        self.official.doc_code(b, self.texts.meeting.file(file).code, marker)
        return self._save(b, path, file, t.metadata_title, marker)

    def long_plan(self, path: Path, *, code: str | None = None, marker: str = DEFAULT_MARKER) -> Path:
        code = self.texts.meeting.file(LONG_PLAN).code if code is None else code
        return write_long_plan(path, self.builder(), self.official, self.texts.long_plan, code=code, marker=marker)

    def scanned_letter(self, path: Path, *, code: str | None = None, marker: str = DEFAULT_MARKER) -> Path:
        code = self.texts.meeting.file(SCANNED_LETTER).code if code is None else code
        return write_scanned_letter(path, self.builder(), self.official, self.texts.letter, code=code, marker=marker)

    def write_all(self, out_dir: Path, *, marker: str = DEFAULT_MARKER) -> DemoDocuments:
        """Write the six demo PDFs into ``out_dir`` (created if missing) and return their paths."""
        out_dir.mkdir(parents=True, exist_ok=True)
        return DemoDocuments(
            agenda=self.agenda(out_dir / AGENDA, marker),
            report=self.report(out_dir / REPORT, marker),
            plan=self.plan(out_dir / PLAN, marker),
            long_plan=self.long_plan(out_dir / LONG_PLAN, marker=marker),
            scanned_letter=self.scanned_letter(out_dir / SCANNED_LETTER, marker=marker),
            personnel=self.personnel(out_dir / PERSONNEL, marker),
        )
