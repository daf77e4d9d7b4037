"""The clerk's workspace window: steps, problem counts, undo labels, save, unsaved-work question."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from gui_helpers import OFFSCREEN_NOISE, FakeFiles, make_services
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QMessageBox, QWidget

from paperless.core.clerk import ItemDraft
from paperless.core.clerk.workspace import Workspace
from paperless.core.errors import T
from paperless.gui.app import shutdown
from paperless.gui.clerk.controller import WorkspaceController
from paperless.gui.clerk.window import ClerkWindow, Step
from paperless.gui.services import AppServices

pytestmark = OFFSCREEN_NOISE


@pytest.fixture
def files() -> FakeFiles:
    return FakeFiles()


@pytest.fixture
def services(tmp_path: Path, files: FakeFiles) -> Iterator[AppServices]:
    made = make_services(tmp_path / "home", files)
    yield made
    shutdown(made)  # its render worker and threads: none left running into later tests


def _window(qtbot, tmp_path: Path, services: AppServices) -> tuple[ClerkWindow, list[str]]:  # type: ignore[no-untyped-def]
    controller = WorkspaceController(Workspace.new(tmp_path / "s"), services.tasks)
    made: list[str] = []

    def page(key: str) -> QWidget:
        made.append(key)
        return QLabel(key)

    steps = [Step("session", lambda: "Session", lambda: page("session"), (("session",),)),
             Step("agenda", lambda: "Agenda", lambda: page("agenda"), (("items",), ("polls",)))]
    window = ClerkWindow(controller, steps, services.files, lambda: services.language)
    qtbot.addWidget(window)
    window.ask_unsaved = lambda: QMessageBox.StandardButton.Discard  # type: ignore[method-assign]
    window.show()
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    return window, made


def test_steps_are_made_when_first_shown_and_reached_by_keyboard(qtbot, tmp_path: Path, services: AppServices) -> None:  # type: ignore[no-untyped-def]
    window, made = _window(qtbot, tmp_path, services)
    assert made == ["session"]
    qtbot.keyClick(window, Qt.Key.Key_2, Qt.KeyboardModifier.ControlModifier)
    assert window.current_step() == "agenda" and made == ["session", "agenda"]
    qtbot.keyClick(window, Qt.Key.Key_1, Qt.KeyboardModifier.ControlModifier)
    assert window.current_step() == "session" and made == ["session", "agenda"]


def test_problem_counts_title_star_and_undo_label_follow_edits(qtbot, tmp_path: Path, services: AppServices) -> None:  # type: ignore[no-untyped-def]
    window, _ = _window(qtbot, tmp_path, services)
    ws = window.controller.workspace
    assert "(" in window.steps.item(0).text()  # the title is missing
    ws.edit(T("set the title", "đặt tên"), lambda d: setattr(d, "title", "Phiên 12"))
    qtbot.waitUntil(lambda: "Phiên 12" in window.windowTitle())
    assert window.windowTitle().endswith("*")
    assert window.undo_action.isEnabled() and "set the title" in window.undo_action.text()
    before = window.steps.item(1).text()
    ws.edit(T("add an item", "thêm mục"), lambda d: d.items.append(ItemDraft(title="")))
    qtbot.waitUntil(lambda: window.steps.item(1).text() != before)  # an item with no title
    qtbot.keyClick(window, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: ws.draft.items == [])
    assert window.steps.item(1).text() == before
    assert "add an item" in window.redo_action.text()


def test_save_writes_session_toml_and_clears_the_star(qtbot, tmp_path: Path, services: AppServices) -> None:  # type: ignore[no-untyped-def]
    window, _ = _window(qtbot, tmp_path, services)
    (tmp_path / "s").mkdir()
    window.controller.workspace.edit(T("t", "t"), lambda d: setattr(d, "title", "Phiên 12"))
    qtbot.keyClick(window, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: not window.windowTitle().endswith("*"))
    assert 'title = "Phiên 12"' in (tmp_path / "s" / "session.toml").read_text("utf-8")


def test_closing_with_unsaved_work_asks_and_cancel_keeps_the_window(qtbot, tmp_path: Path, services: AppServices) -> None:  # type: ignore[no-untyped-def]
    window, _ = _window(qtbot, tmp_path, services)
    window.controller.workspace.edit(T("t", "t"), lambda d: setattr(d, "title", "Phiên 12"))
    asked: list[bool] = []

    def cancel() -> QMessageBox.StandardButton:
        asked.append(True)
        return QMessageBox.StandardButton.Cancel

    window.ask_unsaved = cancel  # type: ignore[method-assign]
    window.close()
    assert asked and window.isVisible()
    window.ask_unsaved = lambda: QMessageBox.StandardButton.Discard  # type: ignore[method-assign]
    window.close()
    assert not window.isVisible()


def test_open_another_session_replaces_the_draft(qtbot, tmp_path: Path, files: FakeFiles,  # type: ignore[no-untyped-def]
                                                 services: AppServices) -> None:
    other = tmp_path / "other"
    other.mkdir()
    (other / "session.toml").write_text('[session]\ntitle = "Khác"\n', "utf-8")
    files.open_answers.append(other / "session.toml")
    window, _ = _window(qtbot, tmp_path, services)
    qtbot.keyClick(window, Qt.Key.Key_O, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: "Khác" in window.windowTitle())
    assert window.controller.workspace.path == other / "session.toml"


@pytest.mark.qt_log_ignore("This plugin does not support raise")  # offscreen: a second open raises the window
def test_the_reader_offers_the_workspace_to_the_clerk_only(qtbot, tmp_path: Path, people) -> None:  # type: ignore[no-untyped-def]
    from gui_helpers import Harness

    member = Harness(qtbot, tmp_path / "member", people)
    try:
        member.unlock()
        member.window.refresh_actions()
        assert not member.window.actions_.clerk_workspace.isVisible()
        assert not member.window.actions_.clerk_workspace.isEnabled()
    finally:
        member.close()
    clerk = Harness(qtbot, tmp_path / "clerk", people)
    clerk.services.identity_folder = people.clerk
    try:
        clerk.unlock()
        clerk.window.refresh_actions()
        action = clerk.window.actions_.clerk_workspace
        assert action.isVisible() and action.isEnabled()
        with qtbot.waitSignal(clerk.window.clerk.opened) as opened:
            action.trigger()
        workspace = opened.args[0]
        qtbot.waitUntil(workspace.isVisible)
        assert workspace.controller.workspace.folder == tmp_path / "clerk" / "clerk" / "sessions" / "new"
        action.trigger()  # a second time: the same window, raised
        assert clerk.window.clerk.window is workspace
        clerk.window.idle_lock.lock()  # idle, or Lock now: the clerk's documents go from the screen too
        qtbot.waitUntil(lambda: not workspace.isVisible())
        clerk.window.idle_lock.unlock()
        qtbot.waitUntil(workspace.isVisible)
        workspace.close()
        qtbot.waitUntil(lambda: clerk.window.clerk.window is None)
    finally:
        clerk.close()
