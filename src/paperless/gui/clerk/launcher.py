"""Opening the clerk's workspace: from the reader's File menu (a clerk's identity), or
``paperless clerk [SESSION]``. Where the clerk's sessions are is not kept in ``settings.ini``
(nothing that names a session is); without a path the workspace starts in the data folder's
``clerk/sessions/new``.

:class:`ClerkLauncher` makes one workspace window at a time from the app's services: the
workspace (a ``session.toml`` to open, a folder to start in, or a new one in the data folder), its
controller, the steps and their pages. It holds the window, never the other way round.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QWidget

from paperless.core.clerk.workspace import SESSION_FILE, Workspace
from paperless.gui.clerk.controller import WorkspaceController
from paperless.gui.clerk.steps import make_steps
from paperless.gui.clerk.window import ClerkWindow
from paperless.gui.services import AppServices


def workspace_for(path: Path | None, default_folder: Path) -> Workspace:
    """``path`` a session.toml: that file; a folder: its session.toml, or a new session there;
    None: a new session in ``default_folder``."""
    if path is not None and path.is_file():
        return Workspace.open(path)
    folder = path if path is not None else default_folder
    if (folder / SESSION_FILE).is_file():
        return Workspace.open(folder / SESSION_FILE)
    folder.mkdir(parents=True, exist_ok=True)
    return Workspace.new(folder)


class ClerkLauncher(QObject):
    opened = Signal(object)  # the ClerkWindow

    def __init__(self, services: AppServices, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._services = services
        self.window: ClerkWindow | None = None
        self._hidden_by_lock = False

    def default_folder(self) -> Path:
        return self._services.paths.root / "clerk" / "sessions" / "new"

    def open(self, path: Path | None = None) -> ClerkWindow:
        """Show the workspace (raise it if open; with ``path``, open that session in it)."""
        if self.window is not None:
            if path is not None:
                self.window.open_session(path if path.is_file() else path / SESSION_FILE)
            self.window.showNormal()
            self.window.raise_()
            self.window.activateWindow()
            return self.window
        services = self._services
        workspace = workspace_for(path, self.default_folder())
        workspace.observers.on_error = services.tasks.report
        controller = WorkspaceController(workspace, services.tasks)
        holder = QWidget()  # the pages' parent until the window takes them
        window = ClerkWindow(controller, make_steps(controller, services, holder), services.files,
                             lambda: services.language)
        controller.setParent(window)
        holder.setParent(window)
        holder.hide()
        window.closed.connect(self._closed)
        window.resize(1366, 768)
        window.show()
        self.window = window
        self.opened.emit(window)
        return window

    def set_locked(self, locked: bool) -> None:
        """The app locked (idle, or Lock now): the workspace hides what it shows — the clerk's
        documents and previews — until the passphrase is given again."""
        if self.window is None:
            return
        if locked:
            self._hidden_by_lock = self.window.isVisible()
            self.window.hide()
        elif self._hidden_by_lock:
            self._hidden_by_lock = False
            self.window.show()

    def _closed(self) -> None:
        window, self.window = self.window, None
        if window is not None:
            window.deleteLater()
