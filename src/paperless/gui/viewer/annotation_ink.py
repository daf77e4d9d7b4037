"""Pen strokes into ink annotations.

A stroke that begins within ``GROUP_SECONDS`` of the end of the previous one, on the same page,
with the same colour and width and near it (``GROUP_POINTS``), is added to the same ink
annotation — a word written by hand is one annotation in the list of annotations, and erases
at once. Each stroke is still its own change (the first an *add*, the next ones *updates*), so
Ctrl+Z takes back the last stroke only. Undo, redo, the eraser or a new document end a group.

:class:`InkStrokes` owns the group being written; it saves through :class:`Marks` and anchors
the strokes with :class:`Anchors` (the nearest text, once the document's words are known).
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from typing import Any, Protocol

from PySide6.QtCore import QObject

from paperless.core.anchoring import Anchor, DocText, PageRect
from paperless.core.notes import Annotation, AnnotationKind, Content, Ink
from paperless.gui.annotations import geometry as geo

GROUP_SECONDS = 1.5
GROUP_POINTS = 36.0

Stroke = list[list[float]]


class Marks(Protocol):
    """What the strokes need of the document's annotations (:class:`~.annotation_view.ShownAnnotations`)."""

    @property
    def doc_hash(self) -> str | None: ...

    def find(self, uuid: str | None) -> Annotation | None: ...
    def add(self, page: int, kind: AnnotationKind, color: str | None, content: Content,
            on_done: Callable[[Annotation], None] | None = None, *, doc_hash: str | None = None) -> None: ...
    def update(self, uuid: str, on_done: Callable[[Annotation], None] | None = None, **changes: Any) -> None: ...


class Anchors(Protocol):
    """The document's text, to anchor geometry to its nearest words (:class:`~.annotation_make.AnnotationMaking`)."""

    @property
    def text(self) -> DocText | None: ...

    def with_text(self, callback: Callable[[DocText | None], None]) -> None: ...
    def anchor(self, text: DocText | None, doc_hash: str, page: int, box: geo.Box) -> Anchor: ...


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


def _points(stroke: Stroke) -> tuple[tuple[float, float], ...]:
    return tuple((p[0], p[1]) for p in stroke)


class InkStrokes(QObject):
    def __init__(self, marks: Marks, anchors: Anchors, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._marks = marks
        self._anchors = anchors
        self.group_seconds = GROUP_SECONDS
        self._group: _Group | None = None

    def end_group(self) -> None:
        self._group = None

    def add(self, page: int, stroke: Stroke, width: float, color: str, pressed: float | None = None) -> None:
        """A finished stroke (points on ``page``; ``pressed``: when it began, time.monotonic)."""
        marks, doc_hash = self._marks, self._marks.doc_hash
        if not stroke or doc_hash is None:
            return
        now = time.monotonic()
        pressed = now if pressed is None else pressed
        box = geo.strokes_box([_points(stroke)], width)
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
            anchor = self._anchors.anchor(text, doc_hash, page, box)
            ink = Ink(anchor=anchor, strokes=(_points(stroke),), width=width)
            marks.add(page, AnnotationKind.INK, color, ink, on_done=made, doc_hash=doc_hash)

        self._anchors.with_text(make)

    def _save(self, g: _Group) -> None:
        if g.busy or not g.queued or g.uuid is None or self._group is not g:
            return
        current = self._marks.find(g.uuid)
        if current is None or not isinstance(current.content, Ink):  # erased or undone meanwhile: start anew
            queued, self._group = g.queued, None
            for s in queued:
                self.add(g.page, s, g.width, g.color, g.last)
            return
        ink = current.content
        strokes = ink.strokes + tuple(_points(s) for s in g.queued)
        g.queued = []
        box = geo.strokes_box(strokes, g.width) or g.box
        if ink.anchor is not None:
            text = self._anchors.text
            anchor = self._anchors.anchor(text, current.doc_hash, g.page, box) if text is not None else \
                replace(ink.anchor, rects=(PageRect(g.page, *box),))
            ink = replace(ink, anchor=anchor)
        g.busy += 1

        def saved(_a: Annotation) -> None:
            g.busy -= 1
            self._save(g)

        self._marks.update(g.uuid, on_done=saved, content=replace(ink, strokes=strokes))
