"""The long demo document: a 100+ page draft provincial plan, generated from phrase tables.

Paragraphs are assembled from sentence templates with a seeded random generator
(:class:`~paperless.demo.phrases.Phrases`, the words in ``long_plan.toml``), so the output
is the same on every run while every page reads differently.
"""

from __future__ import annotations

import random
from pathlib import Path

from paperless.demo.layout import Builder
from paperless.demo.official import Official, contents, title
from paperless.demo.texts import LongPlanText

SEED = 20212030
PARAGRAPHS_PER_SECTION = 10


def write_long_plan(path: Path, b: Builder, official: Official, t: LongPlanText, *, code: str, marker: str) -> Path:
    """Typeset the plan with the empty builder ``b`` and save it to ``path``."""
    rng = random.Random(SEED)
    b.new_page()
    official.state_header(b, t.header)
    title(b, t.title)
    b.paragraph(t.intro, face="I", size=11.5)
    b.heading(official.words.contents, align="center", indent=0, before=6)
    toc_top = b.y
    where: dict[str, tuple[int, float]] = {}
    for c, (chapter, sections) in enumerate(t.chapters, start=1):
        b.new_page()
        where[chapter] = (b.page, b.y)
        chap_no, _, chap_title = chapter.partition(". ")
        b.heading(chap_no, align="center", indent=0, size=13, before=0)
        b.toc.append((1, chapter, b.page, b.margins.top))
        b.paragraph(chap_title, face="B", size=13, align="center", indent=0, after=8)
        for s, section in enumerate(sections, start=1):
            b.heading(f"{s}. {section}", level=2)
            for k in range(PARAGRAPHS_PER_SECTION):
                b.paragraph(t.phrases.paragraph(rng))
                if k == 5 and (c + s) % 3 == 0:
                    b.paragraph(
                        t.table_caption.format(chapter=c, section=s),
                        face="BI",
                        size=11.5,
                        align="center",
                        indent=0,
                        before=4,
                        after=2,
                        keep=90,
                    )
                    b.table(
                        t.phrases.table(rng),
                        (6, 40, 14, 13, 13, 14),
                        aligns=("center", "left", "center", "right", "right", "right"),
                    )
    contents(b, [(chapter, 1) for chapter, _ in t.chapters], where, toc_top, size=10)
    official.doc_code(b, code, marker)
    b.save(
        path,
        metadata={
            "title": t.metadata_title,
            "author": t.metadata_author,
            "subject": official.code_line(code),
            "keywords": marker,
        },
        page_label=official.words.page,
    )
    return path
