"""The workspace model in the GUI: :class:`~paperless.core.clerk.workspace.Workspace` events as Qt
signals on the GUI thread. Pages read the draft from :attr:`WorkspaceController.workspace` and
change it only through :meth:`WorkspaceController.edit`; they redraw on :attr:`changed`."""

from __future__ import annotations

import threading
from collections.abc import Callable

from PySide6.QtCore import QObject, Signal

from paperless.core.clerk.draft import FieldRef, SessionDraft
from paperless.core.clerk.workspace import Happened, Workspace, WorkspaceEvent
from paperless.core.errors import T
from paperless.gui.tasks import Tasks


class WorkspaceController(QObject):
    changed = Signal(object)  # WorkspaceEvent: edited, loaded (another draft) or saved
    edited = Signal(object)  # FieldRef of an edit, undo or redo
    loaded = Signal()  # another draft: every page redraws whole
    saved = Signal()

    def __init__(self, workspace: Workspace, tasks: Tasks, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.workspace = workspace
        self._tasks = tasks
        workspace.observers.subscribe(self._told)

    def edit(self, label: T, change: Callable[[SessionDraft], None], where: FieldRef = ()) -> None:
        self.workspace.edit(label, change, where)

    @property
    def draft(self) -> SessionDraft:
        return self.workspace.draft

    def _told(self, event: WorkspaceEvent) -> None:
        if threading.current_thread() is not threading.main_thread():
            self._tasks.post(lambda: self._told(event))
            return
        self.changed.emit(event)
        if event.happened is Happened.EDITED:
            self.edited.emit(event.where)
        elif event.happened is Happened.LOADED:
            self.loaded.emit()
        else:
            self.saved.emit()
