"""The clerk's workspace window: a column of steps on the left, the step's page on the right.

The window knows nothing of what the pages do. It is given the steps (:class:`Step`: a title, the
fields whose problems it counts, a factory for its page) and the workspace's controller; it owns
the File, Edit and Go menus (new, open, save, undo / redo with the step's label, Ctrl+1 … to go to
a step), the title bar (the session's title, a star while unsaved), and the question on closing
with unsaved work. Pages are made when first shown.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QMessageBox,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from paperless.core.clerk.draft import FieldRef, SessionDraft
from paperless.core.clerk.workspace import SESSION_FILE
from paperless.core.errors import PaperlessError
from paperless.gui.clerk.controller import WorkspaceController
from paperless.gui.files import FilePicker


@dataclass(frozen=True)
class Step:
    key: str  # "session", "members", "agenda", "publish", "follow"
    title: Callable[[], str]  # translated when called (again on a language switch)
    make: Callable[[], QWidget]
    fields: tuple[FieldRef, ...] = field(default=())  # whose problems this step shows


class ClerkWindow(QMainWindow):
    step_shown = Signal(str)  # the step's key
    closed = Signal()

    def __init__(self, controller: WorkspaceController, steps: Sequence[Step], files: FilePicker,
                 language: Callable[[], str], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("clerk-workspace")
        self.controller = controller
        self._steps = list(steps)
        self._files = files
        self._language = language
        self._pages: dict[str, QWidget] = {}
        self._closing_ok = False

        self.steps = QListWidget()
        self.steps.setObjectName("clerk-steps")
        self.steps.setFixedWidth(200)
        self.steps.setSpacing(2)
        for _ in self._steps:
            self.steps.addItem(QListWidgetItem())
        self.stack = QStackedWidget()
        self._placeholders: list[QWidget] = []
        for _ in self._steps:
            holder = QWidget()
            QVBoxLayout(holder).setContentsMargins(0, 0, 0, 0)
            self._placeholders.append(holder)
            self.stack.addWidget(holder)
        self.problems_label = QLabel()
        self.problems_label.setObjectName("clerk-problems")
        self.problems_label.setWordWrap(True)
        left = QWidget()
        column = QVBoxLayout(left)
        column.setContentsMargins(8, 8, 0, 8)
        column.addWidget(self.steps, 1)
        column.addWidget(self.problems_label)
        body = QWidget()
        row = QHBoxLayout(body)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(left)
        row.addWidget(self.stack, 1)
        self.setCentralWidget(body)
        self._make_actions()

        self.steps.currentRowChanged.connect(self.show_step)
        controller.changed.connect(lambda _event: self._refresh())
        self.retranslate()
        self.steps.setCurrentRow(0)
        self.steps.setFocus()

    # -- menus ------------------------------------------------------------------------------------

    def _make_actions(self) -> None:
        bar = self.menuBar()

        def act(shortcut: QKeySequence | QKeySequence.StandardKey | str | None, slot: Callable[[], object]) -> QAction:
            a = QAction(self)
            if shortcut is not None:
                a.setShortcut(QKeySequence(shortcut))
            a.triggered.connect(lambda _checked=False: slot())
            self.addAction(a)
            return a

        self.file_menu = bar.addMenu("")
        self.new_action = act(QKeySequence.StandardKey.New, self.new_session)
        self.open_action = act(QKeySequence.StandardKey.Open, self.choose_session)
        self.save_action = act(QKeySequence.StandardKey.Save, self.save)
        self.save_as_action = act("Ctrl+Shift+S", self.save_as)
        self.close_action = act("Ctrl+W", self.close)
        for a in (self.new_action, self.open_action, None, self.save_action, self.save_as_action, None,
                  self.close_action):
            if a is None:
                self.file_menu.addSeparator()
            else:
                self.file_menu.addAction(a)
        self.edit_menu = bar.addMenu("")
        self.undo_action = act(QKeySequence.StandardKey.Undo, self.undo)
        self.redo_action = act("Ctrl+Shift+Z", self.redo)
        self.redo_action.setShortcuts([QKeySequence("Ctrl+Shift+Z"), QKeySequence("Ctrl+Y")])
        self.edit_menu.addAction(self.undo_action)
        self.edit_menu.addAction(self.redo_action)
        self.go_menu = bar.addMenu("")
        self.go_actions: list[QAction] = []
        for i, _step in enumerate(self._steps):
            a = act(f"Ctrl+{i + 1}", self._goer(i))
            self.go_menu.addAction(a)
            self.go_actions.append(a)

    def _goer(self, row: int) -> Callable[[], None]:
        return lambda: self.steps.setCurrentRow(row)

    # -- steps --------------------------------------------------------------------------------------

    def page(self, key: str) -> QWidget:
        """The step's page, made now if it was not yet."""
        if key not in self._pages:
            index = next(i for i, s in enumerate(self._steps) if s.key == key)
            widget = self._steps[index].make()
            widget.setParent(self._placeholders[index])
            layout = self._placeholders[index].layout()
            assert layout is not None
            layout.addWidget(widget)
            self._pages[key] = widget
        return self._pages[key]

    def commit_pending(self) -> None:
        """A field being typed in becomes an edit now (pages commit text on Enter or leaving the
        field; undo, save, another step and closing come first through here)."""
        for page in self._pages.values():
            commit = getattr(page, "commit_pending", None)
            if callable(commit):
                commit()

    def undo(self) -> None:
        self.commit_pending()
        self.controller.workspace.undo()

    def redo(self) -> None:
        self.commit_pending()
        self.controller.workspace.redo()

    def show_step(self, row: int) -> None:
        if not 0 <= row < len(self._steps):
            return
        self.commit_pending()
        step = self._steps[row]
        self.page(step.key)
        self.stack.setCurrentIndex(row)
        if self.steps.currentRow() != row:
            self.steps.setCurrentRow(row)
        self.step_shown.emit(step.key)

    def current_step(self) -> str:
        return self._steps[self.stack.currentIndex()].key

    # -- state shown --------------------------------------------------------------------------------

    def _count(self, step: Step) -> int:
        ws = self.controller.workspace
        return sum(len(ws.problems_at(prefix)) for prefix in step.fields)

    def _refresh(self) -> None:
        ws = self.controller.workspace
        total = 0
        for i, step in enumerate(self._steps):
            n = self._count(step)
            total += n
            item = self.steps.item(i)
            text = f"{i + 1}. {step.title()}"
            item.setText(f"{text}  ({n})" if n else text)
            item.setToolTip(self.tr("%n thing(s) to fix on this step", "", n) if n else "")
            item.setForeground(Qt.GlobalColor.darkRed if n else self.palette().text().color())
        self.problems_label.setText(
            self.tr("%n thing(s) to fix before building", "", total) if total else self.tr("Ready to build"))
        title = ws.draft.title.strip() or self.tr("New session")
        star = " *" if ws.dirty else ""
        self.setWindowTitle(self.tr("Prepare a session — %1%2").replace("%1", title).replace("%2", star))
        undo, redo = ws.undo_label(), ws.redo_label()
        vi = self._language() == "vi"
        self.undo_action.setEnabled(undo is not None)
        self.redo_action.setEnabled(redo is not None)
        self.undo_action.setText(
            self.tr("&Undo: %1").replace("%1", undo.vi if vi else undo.en) if undo else self.tr("&Undo"))
        self.redo_action.setText(
            self.tr("&Redo: %1").replace("%1", redo.vi if vi else redo.en) if redo else self.tr("&Redo"))

    def retranslate(self) -> None:
        self.file_menu.setTitle(self.tr("&File"))
        self.edit_menu.setTitle(self.tr("&Edit"))
        self.go_menu.setTitle(self.tr("&Go"))
        self.new_action.setText(self.tr("&New session"))
        self.open_action.setText(self.tr("&Open a session…"))
        self.save_action.setText(self.tr("&Save"))
        self.save_as_action.setText(self.tr("Save &as…"))
        self.close_action.setText(self.tr("&Close the workspace"))
        for action, step in zip(self.go_actions, self._steps, strict=True):
            action.setText(step.title())
        self._refresh()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    # -- files ----------------------------------------------------------------------------------------

    def new_session(self) -> None:
        if not self._may_discard():
            return
        folder = self._files.folder(self, self.tr("Choose an empty folder for the new session"))
        if folder is None:
            return
        self.controller.workspace.replace(SessionDraft(folder=folder), None)

    def choose_session(self) -> None:
        if not self._may_discard():
            return
        path = self._files.open_file(self, self.tr("Open a session"), self.tr("Session (session.toml *.toml)"))
        if path is not None:
            self.open_session(path)

    def open_session(self, path: Path) -> None:
        self.controller.workspace.replace(SessionDraft.load(path), path)

    def save(self) -> bool:
        self.commit_pending()
        try:
            self.controller.workspace.save()
        except (OSError, PaperlessError) as exc:
            self._failed(exc)
            return False
        self.statusBar().showMessage(self.tr("Saved"), 4000)
        return True

    def save_as(self) -> bool:
        self.commit_pending()
        ws = self.controller.workspace
        start = ws.path or ws.folder / SESSION_FILE
        path = self._files.save_file(self, self.tr("Save the session as"), str(start), self.tr("Session (*.toml)"))
        if path is None:
            return False
        try:
            ws.save(path)
        except (OSError, PaperlessError) as exc:
            self._failed(exc)
            return False
        self.statusBar().showMessage(self.tr("Saved"), 4000)
        return True

    def _failed(self, exc: BaseException) -> None:
        text = exc.message(self._language()) if isinstance(exc, PaperlessError) else str(exc)
        box = QMessageBox(QMessageBox.Icon.Warning, self.tr("Could not save"), text, QMessageBox.StandardButton.Ok,
                          self)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.open()

    def _may_discard(self) -> bool:
        """True when there is nothing unsaved, or the clerk chose to save it (and it was saved) or
        to discard it."""
        self.commit_pending()
        if not self.controller.workspace.dirty or not self._worth_keeping():
            return True
        answer = self.ask_unsaved()
        if answer == QMessageBox.StandardButton.Save:
            return self.save()
        return answer == QMessageBox.StandardButton.Discard

    def _worth_keeping(self) -> bool:
        d = self.controller.workspace.draft
        return bool(d.title.strip() or d.members or d.items or d.polls or self.controller.workspace.path)

    def ask_unsaved(self) -> QMessageBox.StandardButton:
        """Save, Discard or Cancel (tests replace this method on the instance)."""
        box = QMessageBox(QMessageBox.Icon.Question, self.tr("Unsaved changes"),
                          self.tr("The session has changes that are not saved. Save them?"),
                          QMessageBox.StandardButton.Save | QMessageBox.StandardButton.Discard
                          | QMessageBox.StandardButton.Cancel, self)
        box.setDefaultButton(QMessageBox.StandardButton.Save)
        return QMessageBox.StandardButton(box.exec())

    def closeEvent(self, event: QCloseEvent) -> None:
        if not self._closing_ok and not self._may_discard():
            event.ignore()
            return
        self._closing_ok = True
        self.closed.emit()
        super().closeEvent(event)
