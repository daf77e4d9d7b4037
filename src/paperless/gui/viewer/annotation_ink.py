"""Pen strokes into ink annotations.

A stroke that begins within ``GROUP_SECONDS`` of the end of the previous one, on the same page,
with the same colour and width and near it (``GROUP_POINTS``), is added to the same ink
annotation — a word written by hand is one annotation in the list of annotations, and erases
at once. Each stroke is still its own change (the first an *add*, the next ones *updates*), so
Ctrl+Z takes back the last stroke only. Undo, redo, the eraser or a new document end a group.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject

from paperless.core.anchoring import DocText, PageRect
from paperless.core.notes import Annotation, AnnotationKind
from paperless.gui.annotations import geometry as geo

if TYPE_CHECKING:
    from paperless.gui.viewer.annotating import Annotating

GROUP_SECONDS = 1.5
GROUP_POINTS = 36.0

Stroke = list[list[float]]


@dataclass
class _Group:
    page: int
    color: str
    width: float
    box: geo.Box
    last: float  # when its last stroke ended (time.monotonic)
    uuid: str | None = None  # known once the first stroke is saved
    busy: int = 0  # saves on their way
    queued: list[Stroke] = field(default_factory=list)  # strokes to add once not busy


def near(a: geo.Box, b: geo.Box, distance: float) -> bool:
    return not (b[0] > a[2] + distance or b[2] < a[0] - distance or b[1] > a[3] + distance
                or b[3] < a[1] - distance)


class InkStrokes(QObject):
    def __init__(self, owner: Annotating) -> None:
        super().__init__(owner)
        self._owner = owner
        self.group_seconds = GROUP_SECONDS
        self._group: _Group | None = None

    def end_group(self) -> None:
        self._group = None

    def add(self, page: int, stroke: Stroke, width: float, pressed: float | None = None) -> None:
        """A finished stroke (points on ``page``; ``pressed``: when it began, time.monotonic)."""
        owner = self._owner
        controller, doc_hash = owner.controller, owner.doc_hash
        if not stroke or controller is None or doc_hash is None:
            return
        color, now = owner.color(AnnotationKind.INK), time.monotonic()
        pressed = now if pressed is None else pressed
        box = geo.strokes_box([[(p[0], p[1]) for p in stroke]], width)
        assert box is not None
        g = self._group
        if (g is not None and g.page == page and g.color == color and abs(g.width - width) < 1e-6
                and pressed - g.last < self.group_seconds and near(g.box, box, GROUP_POINTS)):
            g.last, g.box = now, geo.union([g.box, box]) or box
            g.queued.append(stroke)
            self._save(g)
            return
        g = self._group = _Group(page, color, width, box, now, busy=1)

        def made(annotation: Annotation) -> None:
            g.uuid, g.busy = annotation.uuid, g.busy - 1
            self._save(g)

        def make(text: DocText | None) -> None:
            anchor = owner.anchor(text, doc_hash, page, box)
            payload = {"anchor": anchor.to_dict(), "strokes": [stroke], "width": width}
            controller.add(doc_hash, page, AnnotationKind.INK, color, payload, on_done=made)

        owner.texts.with_text(make)

    def _save(self, g: _Group) -> None:
        owner = self._owner
        if g.busy or not g.queued or g.uuid is None or owner.controller is None or self._group is not g:
            return
        current = owner.find(g.uuid)
        if current is None:  # erased or undone meanwhile: the queued strokes start a new one
            strokes, self._group = g.queued, None
            for s in strokes:
                self.add(g.page, s, g.width, g.last)
            return
        strokes = [[[x, y] for x, y in s] for s in geo.strokes_of(current.payload)] + g.queued
        g.queued = []
        box = geo.strokes_box([[(p[0], p[1]) for p in s] for s in strokes], g.width) or g.box
        payload = {**current.payload, "strokes": strokes}
        anchor = geo.anchor_of(current.payload)
        if anchor is not None:
            text = owner.texts.text
            new = owner.anchor(text, current.doc_hash, g.page, box) if text is not None else \
                replace(anchor, rects=(PageRect(g.page, *box),))
            payload["anchor"] = new.to_dict()
        g.busy += 1

        def saved(_a: Annotation) -> None:
            g.busy -= 1
            self._save(g)

        owner.controller.update(g.uuid, on_done=saved, payload=payload)
