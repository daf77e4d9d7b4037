"""The notes summary as Markdown (UTF-8 text; the caller encodes it to write it)."""

from __future__ import annotations

import re
from collections.abc import Sequence

from paperless.core.export.labels import Labels, labels_for
from paperless.core.export.summary import DocumentSection, ItemSection, NotesSummaryInput, Summary, collect, page_text
from paperless.core.notes.records import Annotation, Bookmark, ItemNote, UnreadableAnnotation

_SPECIAL = re.compile(r"([\\`*_\[\]<>#|~])")


def escape(text: str) -> str:
    """Text from a document or an agenda, shown literally (no accidental emphasis or links)."""
    return _SPECIAL.sub(r"\\\1", " ".join(text.split()))


def export_notes_markdown(
    summary: NotesSummaryInput,
    annotations: Sequence[Annotation | UnreadableAnnotation],
    item_notes: Sequence[ItemNote],
    bookmarks: Sequence[Bookmark],
    *,
    language: str = "vi",
) -> str:
    """All my notes of the session, in agenda order, as a Markdown document."""
    labels = labels_for(language)
    return render_markdown(collect(summary, annotations, item_notes, bookmarks, labels), labels)


def render_markdown(s: Summary, labels: Labels) -> str:
    out: list[str] = [f"# {escape(s.title)}", ""]
    for label, value in s.details:
        out.append(f"- **{label}:** {escape(value)}")
    if s.details:
        out.append("")
    for item in s.items:
        _item(out, item, labels, level=2)
    if s.others:
        out += [f"## {labels.others}", ""]
        for item in s.others:
            _item(out, item, labels, level=3)
    while out and not out[-1]:
        out.pop()
    return "\n".join(out) + "\n"


def _item(out: list[str], item: ItemSection, labels: Labels, level: int) -> None:
    out += [f"{'#' * level} {escape(item.heading)}", ""]
    if item.presenter.strip():
        out += [f"*{labels.presenter}: {escape(item.presenter)}*", ""]
    if item.empty:
        out += [f"*{labels.no_notes}*", ""]
        return
    if item.note.strip():
        out += [f"**{labels.item_note}**", ""]
        out += [line.rstrip() for line in item.note.splitlines()]  # the member's own text, as written
        out.append("")
    for doc in item.documents:
        _document(out, doc, labels, level + 1)


def _document(out: list[str], doc: DocumentSection, labels: Labels, level: int) -> None:
    if doc.title:
        count = f" ({labels.pages_count.format(n=doc.page_count)})" if doc.page_count else ""
        out += [f"{'#' * level} {escape(doc.title)}{count}", ""]
    for e in doc.entries:
        head = f"- **{e.label}** · {page_text(labels, e.pages)}"
        quote, text = e.quote.strip(), e.text.strip()
        if not quote and text and "\n" not in text:
            out += [f"{head}: {escape(text)}", ""]
            continue
        out += [head, ""]
        if quote:
            out += [f"  > {escape(line)}" for line in quote.splitlines() if line.strip()]
            out.append("")
        if text:
            lines = text.splitlines()
            prefix = f"{labels.comment}: " if quote else ""
            out.append(f"  {prefix}{escape(lines[0])}")
            out += [f"  {escape(line)}" for line in lines[1:]]
            out.append("")
    if doc.bookmarks:
        out += [f"**{labels.bookmarks}**", ""]
        for page, label in doc.bookmarks:
            out.append(f"- {page_text(labels, (page,))}" + (f" — {escape(label)}" if label.strip() else ""))
        out.append("")
