"""The session the clerk is preparing, as the workspace's pages share it — without Qt.

:class:`Workspace` owns one :class:`~paperless.core.clerk.draft.SessionDraft` and the file it
is saved to. Every page changes the draft only through :meth:`Workspace.edit`, with a label the
user reads in Edit ▸ Undo ("Undo: move item 3"): the workspace keeps a snapshot before each edit
(drafts are small), so undo and redo are exact, and tells its observers what happened
(:class:`WorkspaceEvent`). The problems (:meth:`SessionDraft.problems`) are computed once per
change and kept, so every page can show those of its own fields.

Pages read :attr:`Workspace.draft` but never keep a reference to a list inside it across an edit:
undo replaces the draft.
"""

from __future__ import annotations

import copy
import threading
from collections.abc import Callable
from dataclasses import dataclass
from enum import Enum
from pathlib import Path

from paperless.core.clerk.draft import FieldRef, Problem, SessionDraft
from paperless.core.errors import T
from paperless.core.model.observers import Observers

SESSION_FILE = "session.toml"
UNDO_DEPTH = 200


class Happened(Enum):
    EDITED = "edited"  # a page changed the draft (or undo / redo did)
    LOADED = "loaded"  # another draft was opened (or a new one started)
    SAVED = "saved"  # written to its file; nothing unsaved


@dataclass(frozen=True)
class WorkspaceEvent:
    happened: Happened
    where: FieldRef = ()  # what the edit was about, as far as the page said; () the whole draft
    label: T | None = None


@dataclass(frozen=True)
class _Step:
    label: T
    where: FieldRef
    before: SessionDraft
    after: SessionDraft


class Workspace:
    """One draft, its file, undo / redo and observers. Any thread; edits are serialised."""

    def __init__(self, draft: SessionDraft, path: Path | None = None,
                 on_error: Callable[[BaseException], None] | None = None) -> None:
        self._lock = threading.RLock()
        self._draft = draft
        self._path = path
        self._undo: list[_Step] = []
        self._redo: list[_Step] = []
        self._saved_at: SessionDraft | None = copy.deepcopy(draft) if path is not None else None
        self._problems: list[Problem] | None = None
        self.observers: Observers[WorkspaceEvent] = Observers(on_error)

    # -- opening -------------------------------------------------------------------------------------

    @classmethod
    def new(cls, folder: Path, on_error: Callable[[BaseException], None] | None = None) -> Workspace:
        """An empty session in ``folder`` (saved later to ``folder/session.toml``)."""
        return cls(SessionDraft(folder=folder), None, on_error)

    @classmethod
    def open(cls, path: Path, on_error: Callable[[BaseException], None] | None = None) -> Workspace:
        """``path`` read as a draft; what could not be read is in ``draft.unread``."""
        return cls(SessionDraft.load(path), path, on_error)

    # -- reading -------------------------------------------------------------------------------------

    @property
    def draft(self) -> SessionDraft:
        return self._draft

    @property
    def path(self) -> Path | None:
        """The file the draft is saved to; None until first saved."""
        return self._path

    @property
    def folder(self) -> Path:
        return self._draft.folder

    @property
    def dirty(self) -> bool:
        with self._lock:
            return self._saved_at is None or self._saved_at != self._draft

    def problems(self) -> list[Problem]:
        with self._lock:
            if self._problems is None:
                self._problems = [*self._draft.unread, *self._draft.problems()]
            return list(self._problems)

    def problems_at(self, prefix: FieldRef) -> list[Problem]:
        """The problems of ``prefix`` and of every field inside it."""
        n = len(prefix)
        return [p for p in self.problems() if p.where[:n] == prefix]

    def undo_label(self) -> T | None:
        with self._lock:
            return self._undo[-1].label if self._undo else None

    def redo_label(self) -> T | None:
        with self._lock:
            return self._redo[-1].label if self._redo else None

    # -- changing ------------------------------------------------------------------------------------

    def edit(self, label: T, change: Callable[[SessionDraft], None], where: FieldRef = ()) -> None:
        """Apply ``change`` to the draft as one undoable step. A change that raises leaves the
        draft as it was; one that changes nothing leaves no step."""
        with self._lock:
            before = copy.deepcopy(self._draft)
            work = copy.deepcopy(self._draft)
            change(work)  # on a copy: an exception leaves the draft untouched
            if work == before:
                return
            self._draft = work
            self._undo.append(_Step(label, where, before, copy.deepcopy(work)))
            del self._undo[:-UNDO_DEPTH]
            self._redo.clear()
            self._problems = None
        self.observers.notify(WorkspaceEvent(Happened.EDITED, where, label))

    def undo(self) -> bool:
        with self._lock:
            if not self._undo:
                return False
            step = self._undo.pop()
            self._redo.append(step)
            self._draft = copy.deepcopy(step.before)
            self._problems = None
        self.observers.notify(WorkspaceEvent(Happened.EDITED, step.where, step.label))
        return True

    def redo(self) -> bool:
        with self._lock:
            if not self._redo:
                return False
            step = self._redo.pop()
            self._undo.append(step)
            self._draft = copy.deepcopy(step.after)
            self._problems = None
        self.observers.notify(WorkspaceEvent(Happened.EDITED, step.where, step.label))
        return True

    def replace(self, draft: SessionDraft, path: Path | None) -> None:
        """Work on another draft from now on (File ▸ Open, File ▸ New); undo starts afresh."""
        with self._lock:
            self._draft = draft
            self._path = path
            self._undo.clear()
            self._redo.clear()
            self._saved_at = copy.deepcopy(draft) if path is not None else None
            self._problems = None
        self.observers.notify(WorkspaceEvent(Happened.LOADED))

    def save(self, path: Path | None = None) -> Path:
        """Write the draft to ``path`` (default: its file, else ``folder/session.toml``), whole
        or not at all. Paths inside it stay pointing at the same files."""
        with self._lock:
            target = path or self._path or self._draft.folder / SESSION_FILE
            draft = copy.deepcopy(self._draft)
            draft.save(target)  # rebases the copy when the folder changes
            if draft.folder != self._draft.folder:  # snapshots hold paths relative to the old folder
                self._undo.clear()
                self._redo.clear()
            self._draft = draft
            self._path = target
            self._saved_at = copy.deepcopy(draft)
            self._problems = None
        self.observers.notify(WorkspaceEvent(Happened.SAVED))
        return target
