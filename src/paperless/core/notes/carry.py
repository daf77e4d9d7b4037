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
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from paperless.core.anchoring import DocText, Placement, anchor_in, normalise, reanchor_all
from paperless.core.notes.records import Annotation, AnnotationKind, JsonDict

if TYPE_CHECKING:
    from paperless.core.notes.store import NotesStore

TRIED = "carry_tried"  # payload key: the new hashes this annotation could not be placed in
CARRIED = "carried"  # payload key: where a placed annotation came from, and how sure
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
    tried = [set(a.payload.get(TRIED, [])) for a in group]
    return [c for c in candidates if not all(c in t for t in tried)]


def choose_target(group: Sequence[Annotation], texts: Mapping[str, str]) -> str | None:
    """The document (hash → its whole text) holding most of the group's quotes, if enough."""
    needles = []
    for a in group:
        anchor = anchor_in(a.payload)
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


def _moved(payload: JsonDict, kind: AnnotationKind, dx: float, dy: float) -> JsonDict:
    if dx == 0 and dy == 0:
        return payload
    out = dict(payload)
    if kind is AnnotationKind.INK and isinstance(out.get("strokes"), list):
        out["strokes"] = [[[p[0] + dx, p[1] + dy] for p in stroke] for stroke in out["strokes"]]
    elif kind is AnnotationKind.NOTE and isinstance(out.get("point"), list):
        x, y = out["point"]
        out["point"] = [x + dx, y + dy]
    elif kind is AnnotationKind.TEXTBOX and isinstance(out.get("rect"), list):
        x0, y0, x1, y1 = out["rect"]
        out["rect"] = [x0 + dx, y0 + dy, x1 + dx, y1 + dy]
    return out


def _placed_payload(a: Annotation, placement: Placement) -> JsonDict:
    payload: dict[str, Any] = _moved(dict(a.payload), a.kind, *placement.shift)
    payload["anchor"] = placement.anchor.to_dict()
    if placement.anchor.quote is not None and "quote" in payload:
        payload["quote"] = placement.anchor.quote.exact  # the text as it reads now
    payload.pop(TRIED, None)
    payload[CARRIED] = {"from": a.doc_hash, "status": str(placement.status),
                        "confidence": round(placement.confidence, 3)}
    return payload


def carry_over(store: NotesStore, group: Sequence[Annotation], new_hash: str, doc: DocText) -> CarryReport:
    """Re-anchor one group in the new document ``doc`` (hash ``new_hash``) and save it."""
    report = CarryReport(new_hash)
    usable = [(a, anchor_in(a.payload)) for a in group]
    anchors = [anchor for _, anchor in usable if anchor is not None]
    placements = iter(reanchor_all(anchors, doc, new_hash))
    for a, anchor in usable:
        placement = next(placements) if anchor is not None else None
        if placement is not None and placement.placed:
            store.update_annotation(a.uuid, doc_hash=new_hash, page=placement.anchor.page,
                                    payload=_placed_payload(a, placement))
            bucket = report.placed_exact if placement.status == "placed_exact" else report.placed_fuzzy
            bucket.append(a.uuid)
        else:
            payload = dict(a.payload)
            payload[TRIED] = sorted({*payload.get(TRIED, []), new_hash})
            store.update_annotation(a.uuid, payload=payload)
            report.orphaned.append(a.uuid)
    return report


def is_orphan(annotation: Annotation, current: Iterable[str]) -> bool:
    """An annotation left on a version that is no longer in the agenda ("could not be placed")."""
    return annotation.doc_hash not in set(current)


def mark_tried(store: NotesStore, group: Sequence[Annotation], hashes: Iterable[str]) -> None:
    """Remember that ``group`` fits none of ``hashes`` (no document held its quotes)."""
    new = set(hashes)
    for a in group:
        tried = set(a.payload.get(TRIED, []))
        if not new <= tried:
            store.update_annotation(a.uuid, payload={**a.payload, TRIED: sorted(tried | new)})
