"""Carrying a member's annotations over to a revised document (issue 4, carry-over).

When a new version of a session bundle arrives, a document may have changed: its content
hash differs, so its annotations (stored under the old hash) no longer show. This module,
Qt-free, moves them:

1. :func:`stale_groups` — the session's live annotations whose document is not in the
   current agenda, grouped by their old document hash.
2. :func:`choose_target` — which current document a group belongs to: the one in whose
   text most of the group's quotes (or ink/note contexts) are found. Entry names and titles
   are not trusted: the office may renumber items or retitle a document.
3. :func:`carry_over` — re-anchor the group in that document (:mod:`paperless.core.anchoring`)
   and save each placed annotation under the new hash with its new geometry (ink, notes and
   text boxes move with their nearest text). An annotation that cannot be placed with
   confidence is never guessed onto other text: it stays under its old hash, marked as tried
   for this version, and the notes panel lists it as "could not be placed" with its quote.

These are system changes, not user edits: they go straight to the store (each one saved and
in the outbox) and are not in the undo history.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING

from paperless.core.anchoring import DocText, Placement, normalise, reanchor_all
from paperless.core.notes.content import CARRIED, TRIED, Carried, Content, TextMarkup
from paperless.core.notes.records import Annotation

if TYPE_CHECKING:
    from paperless.core.notes.store import NotesStore

__all__ = ["CARRIED", "MIN_SHARE", "TRIED", "CarryReport", "carry_over", "choose_target", "mark_tried",
           "stale_groups", "untried"]

MIN_SHARE = 0.2  # a document is the target when at least this share of the quotes is in it


@dataclass
class CarryReport:
    target: str
    placed_exact: list[str] = field(default_factory=list)
    placed_fuzzy: list[str] = field(default_factory=list)
    orphaned: list[str] = field(default_factory=list)

    @property
    def placed(self) -> int:
        return len(self.placed_exact) + len(self.placed_fuzzy)


def stale_groups(annotations: Iterable[Annotation], current: Iterable[str]) -> dict[str, list[Annotation]]:
    """Live annotations on documents that are not in ``current``, by old hash."""
    now = set(current)
    groups: dict[str, list[Annotation]] = {}
    for a in annotations:
        if not a.deleted and a.doc_hash not in now:
            groups.setdefault(a.doc_hash, []).append(a)
    return groups


def untried(group: Sequence[Annotation], candidates: Iterable[str]) -> list[str]:
    """The candidate hashes not every annotation of the group was already tried in."""
    tried = [set(a.content.tried) for a in group]
    return [c for c in candidates if not all(c in t for t in tried)]


def choose_target(group: Sequence[Annotation], texts: Mapping[str, str]) -> str | None:
    """The document (hash → its whole text) holding most of the group's quotes, if enough."""
    needles = []
    for a in group:
        anchor = a.content.anchor
        target = anchor.target if anchor is not None else None
        if target is not None and target.exact.strip():
            needles.append(normalise(target.exact))
    if not needles:
        return None
    best, best_share = None, 0.0
    for doc_hash, text in texts.items():
        haystack = normalise(text)
        share = sum(1 for n in needles if n in haystack) / len(needles)
        if share > best_share:
            best, best_share = doc_hash, share
    return best if best_share >= MIN_SHARE else None


def _placed(a: Annotation, placement: Placement) -> Content:
    """The content of ``a`` where ``placement`` put it: moved with its text (ink, notes, text
    boxes), the new anchor, a markup's quote as the text reads now, marked as carried."""
    content = a.content
    dx, dy = placement.shift
    if not isinstance(content, TextMarkup) and (dx or dy):
        content = content.moved(dx, dy)
    if isinstance(content, TextMarkup) and placement.anchor.quote is not None:
        content = replace(content, quote=placement.anchor.quote.exact)
    carried = Carried(a.doc_hash, str(placement.status), round(placement.confidence, 3))
    return replace(content, anchor=placement.anchor, tried=(), carried=carried)


def carry_over(store: NotesStore, group: Sequence[Annotation], new_hash: str, doc: DocText) -> CarryReport:
    """Re-anchor one group in the new document ``doc`` (hash ``new_hash``) and save it."""
    report = CarryReport(new_hash)
    anchors = [a.content.anchor for a in group if a.content.anchor is not None]
    placements = iter(reanchor_all(anchors, doc, new_hash))
    for a in group:
        placement = next(placements) if a.content.anchor is not None else None
        if placement is not None and placement.placed:
            store.update_annotation(a.uuid, doc_hash=new_hash, page=placement.anchor.page,
                                    content=_placed(a, placement))
            bucket = report.placed_exact if placement.status == "placed_exact" else report.placed_fuzzy
            bucket.append(a.uuid)
        else:
            tried = tuple(sorted({*a.content.tried, new_hash}))
            store.update_annotation(a.uuid, content=replace(a.content, tried=tried))
            report.orphaned.append(a.uuid)
    return report


def mark_tried(store: NotesStore, group: Sequence[Annotation], hashes: Iterable[str]) -> None:
    """Remember that ``group`` fits none of ``hashes`` (no document held its quotes)."""
    new = set(hashes)
    for a in group:
        tried = set(a.content.tried)
        if not new <= tried:
            store.update_annotation(a.uuid, content=replace(a.content, tried=tuple(sorted(tried | new))))
