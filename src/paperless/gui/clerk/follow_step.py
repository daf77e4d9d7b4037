"""The Follow step: the session as it was last published from this folder, followed on the office
server (:class:`~paperless.gui.clerk.follow_page.FollowPage`), or a line saying it has not been
published yet.

What is followed is the session as it went out (``.published/session.toml``, written when a
version is published), not the draft being edited since: the members, items and deadlines the
receipts and comments are about.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import QLabel, QStackedLayout, QWidget

from paperless.core.clerk.revision import published_session
from paperless.core.errors import PaperlessError
from paperless.core.session import SessionSpec, load_session
from paperless.gui.clerk.controller import WorkspaceController

PageFactory = Callable[[SessionSpec, Path], QWidget]


class FollowStep(QWidget):
    def __init__(self, controller: WorkspaceController, make_page: PageFactory, language: Callable[[], str],
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("followStep")
        self._controller = controller
        self._make_page = make_page
        self._language = language
        self.note = QLabel(self)
        self.note.setObjectName("followNotPublished")
        self.note.setWordWrap(True)
        self.note.setMargin(24)
        self.note.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.page: QWidget | None = None
        self._source: tuple[Path, float] | None = None  # the published session.toml and its mtime
        self._stack = QStackedLayout(self)
        self._stack.addWidget(self.note)
        self._problem = ""
        self.retranslate()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self.reload()

    def reload(self) -> None:
        """Follow the last published version (again if another was published since)."""
        folder = self._controller.workspace.folder
        path = published_session(folder)
        if path is None:
            self._problem = ""
            self._show_note()
            return
        source = (path, path.stat().st_mtime)
        if source == self._source and self.page is not None:
            return
        try:
            spec = load_session(path)
        except PaperlessError as exc:  # a damaged record: say so, never guess
            self._problem = exc.message(self._language())
            self._show_note()
            return
        self._source = source
        set_session = getattr(self.page, "set_session", None)
        if self.page is not None and callable(set_session):
            set_session(spec, folder)
        else:
            self.page = self._make_page(spec, folder)
            self._stack.addWidget(self.page)
        self._stack.setCurrentWidget(self.page)

    def _show_note(self) -> None:
        self.retranslate()
        self._stack.setCurrentWidget(self.note)

    def retranslate(self) -> None:
        text = self.tr("This session has not been published from this folder yet. Build and publish it "
                       "(step 4); then the receipts, comments, polls and recalls are followed here.")
        if self._problem:
            text = self.tr("The record of the published session cannot be read: %1").replace("%1", self._problem)
        self.note.setText(text)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)
