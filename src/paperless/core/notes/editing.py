"""Annotation editing with undo and redo across a session (Qt-free; issue 4, Tools).

:class:`AnnotationEditor` is what the GUI calls — from its ONE database worker thread, like
the store it wraps. Every user change is one store transaction and one step in the
:class:`History`; undoing it is another store change (so it is saved, synced and itself
redoable), never a rewrite of the past:

* add → undo: tombstone it; redo: bring it back (``restore``, a new clock time);
* update → undo: write the fields it had before; redo: write the new ones again;
* delete → undo: ``restore``; redo: tombstone it again.

A new change after some undos drops the redo steps, as in every editor. The history lives
in memory for the session (closing the session ends it; what was saved stays saved).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from enum import StrEnum
from typing import TYPE_CHECKING, Any

from paperless.core.anchoring import Anchor
from paperless.core.notes.content import Content
from paperless.core.notes.errors import NoteNotFoundError
from paperless.core.notes.records import Annotation, AnnotationKind

if TYPE_CHECKING:
    from paperless.core.notes.store import NotesStore

HISTORY_LIMIT = 1000


class StepKind(StrEnum):
    ADD = "add"
    UPDATE = "update"
    DELETE = "delete"


@dataclass(frozen=True)
class Step:
    """One user change: what it was and the annotation before and after it."""

    kind: StepKind
    before: Annotation | None
    after: Annotation

    @property
    def uuid(self) -> str:
        return self.after.uuid


@dataclass
class History:
    limit: int = HISTORY_LIMIT
    done: list[Step] = field(default_factory=list)
    undone: list[Step] = field(default_factory=list)

    def push(self, step: Step) -> None:
        self.done.append(step)
        del self.done[: -self.limit]
        self.undone.clear()


@dataclass(frozen=True)
class Outcome:
    """What a change did, for the GUI: the annotation now, and what to repaint."""

    annotation: Annotation  # its state after the change (deleted=True when it is gone)
    previous: Annotation | None  # its state before (None when it was just made)
    step: Step | None  # the history step (None for a change that is not undoable)


def _fields(annotation: Annotation) -> dict[str, Any]:
    return {"doc_hash": annotation.doc_hash, "page": annotation.page, "kind": annotation.kind,
            "color": annotation.color, "content": annotation.content}


class AnnotationEditor:
    """Add, change, delete, undo, redo — each saved at once. One thread only (the DB worker)."""

    def __init__(self, store: NotesStore, session_id: str, *, history: History | None = None) -> None:
        self.store = store
        self.session_id = session_id
        self.history = history or History()

    # ---- changes ---------------------------------------------------------------------

    def add(self, doc_hash: str, page: int, kind: AnnotationKind | str, color: str | None,
            content: Content | Mapping[str, Any]) -> Outcome:
        """Save a new annotation (``content``: typed, or its JSON; see ``NotesStore.add_annotation``)."""
        made = self.store.add_annotation(self.session_id, doc_hash, page, kind, color, content)
        step = Step(StepKind.ADD, None, made)
        self.history.push(step)
        return Outcome(made, None, step)

    def update(self, uuid: str, **changes: Any) -> Outcome:
        """Change some of page, kind, color, content (and doc_hash, for carry-over)."""
        before = self._current(uuid)
        after = self.store.update_annotation(uuid, **changes)
        step = Step(StepKind.UPDATE, before, after)
        self.history.push(step)
        return Outcome(after, before, step)

    def delete(self, uuid: str) -> Outcome:
        before = self._current(uuid)
        after = self.store.delete_annotation(uuid)
        step = Step(StepKind.DELETE, before, after)
        self.history.push(step)
        return Outcome(after, before, step)

    def complete_anchor(self, uuid: str, made: str, anchor: Anchor) -> Outcome | None:
        """Give an annotation saved before its document's text was known (a geometry-only
        anchor) its full anchor, if it is still as it was made (``made``: its clock then).
        Not a user change: no undo step (undoing the add still removes it whole)."""
        now = self.store.annotation(uuid)
        if now is None or now.deleted or now.hlc != made:
            return None  # gone, or changed since: its anchor is not this one any more
        after = self.store.update_annotation(uuid, content=replace(now.content, anchor=anchor))
        return Outcome(after, now, None)

    # ---- history -------------------------------------------------------------------------

    @property
    def can_undo(self) -> bool:
        return bool(self.history.done)

    @property
    def can_redo(self) -> bool:
        return bool(self.history.undone)

    def undo(self) -> Outcome | None:
        if not self.history.done:
            return None
        step = self.history.done[-1]
        now = self._current(step.uuid)
        if step.kind is StepKind.ADD or (step.kind is StepKind.UPDATE and step.before is None):
            result = self.store.delete_annotation(step.uuid)
        elif step.kind is StepKind.DELETE:
            result = self._restore(step.uuid)
        else:
            assert step.before is not None
            result = self.store.update_annotation(step.uuid, **_fields(step.before))
        self.history.done.pop()
        self.history.undone.append(step)
        return Outcome(result, now, step)

    def redo(self) -> Outcome | None:
        if not self.history.undone:
            return None
        step = self.history.undone[-1]
        now = self._current(step.uuid)
        if step.kind is StepKind.ADD:
            result = self._restore(step.uuid)
        elif step.kind is StepKind.DELETE:
            result = self.store.delete_annotation(step.uuid)
        else:
            result = self.store.update_annotation(step.uuid, **_fields(step.after))
        self.history.undone.pop()
        self.history.done.append(step)
        return Outcome(result, now, step)

    # ---- reading ---------------------------------------------------------------------------

    def annotations(self, doc_hash: str | None = None) -> list[Annotation]:
        return self.store.annotations(self.session_id, doc_hash)

    def _current(self, uuid: str) -> Annotation:
        found = self.store.annotation(uuid)
        if found is None:
            raise NoteNotFoundError(what="annotation", uuid=uuid)
        return found

    def _restore(self, uuid: str) -> Annotation:
        self.store.restore(uuid)
        return self._current(uuid)

