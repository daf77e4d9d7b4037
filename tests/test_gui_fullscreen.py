"""Full screen is a reading mode: only the document; Esc or F11 puts the layout back exactly."""

from __future__ import annotations

from pathlib import Path

import pytest
from bundle_helpers import People
from gui_helpers import OFFSCREEN_NOISE, Harness, harnesses
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QMainWindow

from paperless.gui.main_window import MainWindow

pytestmark = OFFSCREEN_NOISE


@pytest.fixture
def make(qtbot, tmp_path: Path):  # type: ignore[no-untyped-def]
    with harnesses(qtbot, tmp_path) as factory:
        yield factory


def _reading(make, bundle: Path, people: People) -> Harness:  # type: ignore[no-untyped-def]
    h: Harness = make(people)
    h.unlock()
    h.open(bundle)
    h.wait_document()
    a = h.window.actions_
    a.search_panel.setChecked(True)
    a.thumbnails.setChecked(True)
    h.window.splitter.setSizes([300, 760, 300])  # a settled layout, as a user would have
    h.window.activateWindow()
    return h


def _layout(w: MainWindow) -> dict[str, object]:
    QApplication.processEvents()  # as after any user action: pending layouts done
    return {
        "menu": w.menuBar().isVisible(), "status": w.statusBar().isVisible(), "toolbar": w.toolbar.isVisible(),
        "agenda": w.agenda.isVisible(), "search": w.reader.search_panel.isVisible(),
        "sidebar": w.reader.view.sidebar.isVisible(), "splitter": w.splitter.sizes(),
        "maximized": w.isMaximized(),
    }


def _only_the_document(w: MainWindow) -> None:
    assert w.isFullScreen() and w.actions_.full_screen.isChecked()
    for widget in (w.menuBar(), w.statusBar(), w.toolbar, w.agenda, w.reader.search_panel, w.reader.view.sidebar):
        assert not widget.isVisible(), widget.objectName()
    assert w.reader.view.isVisible() and w.reader.view.width() > 0.9 * w.width()
    assert w.reading_mode


def test_f11_and_esc(qtbot, make, bundle: Path, people: People) -> None:  # type: ignore[no-untyped-def]
    h = _reading(make, bundle, people)
    w = h.window
    w.splitter.setSizes([280, 700, 300])
    before = _layout(w)
    assert before["agenda"] and before["search"] and before["sidebar"] and before["toolbar"]

    qtbot.keyClick(w, Qt.Key.Key_F11)
    _only_the_document(w)
    assert w.hint.isVisible() and "Esc" in w.hint.text and "F11" in w.hint.text

    qtbot.keyClick(w.reader.view, Qt.Key.Key_Escape)  # from the page, where the reader's focus is
    assert not w.isFullScreen() and not w.actions_.full_screen.isChecked()
    assert _layout(w) == before
    assert not w.hint.isVisible()

    qtbot.keyClick(w, Qt.Key.Key_F11)
    _only_the_document(w)
    qtbot.keyClick(w, Qt.Key.Key_F11)  # F11 leaves too
    assert not w.isFullScreen() and _layout(w) == before


def test_maximised_window_comes_back_maximised(qtbot, make, bundle: Path, people: People) -> None:  # type: ignore[no-untyped-def]
    h = _reading(make, bundle, people)
    w = h.window
    w.actions_.search_panel.setChecked(False)
    w.showMaximized()
    before = _layout(w)
    w.actions_.full_screen.trigger()
    _only_the_document(w)
    w.actions_.full_screen.trigger()
    assert w.isMaximized() and not w.isFullScreen()
    assert _layout(w) == before and not w.reader.search_panel.isVisible()


def test_toolbar_slides_in_at_the_top_edge(qtbot, make, bundle: Path, people: People) -> None:  # type: ignore[no-untyped-def]
    h = _reading(make, bundle, people)
    w = h.window
    w.actions_.full_screen.trigger()
    assert not w.toolbar.isVisible()
    w.reveal_toolbar(0)  # the mouse touches the top of the screen
    assert w.toolbar.isVisible()
    w.reveal_toolbar(w.toolbar.height() // 2)  # over it: stays
    assert w.toolbar.isVisible()
    w.reveal_toolbar(w.height() // 2)  # back on the page: goes
    assert not w.toolbar.isVisible()
    w.actions_.full_screen.trigger()
    w.reveal_toolbar(0)  # outside reading mode it is simply there
    assert w.toolbar.isVisible()


def test_panels_asked_for_in_reading_mode(qtbot, make, bundle: Path, people: People) -> None:  # type: ignore[no-untyped-def]
    h = _reading(make, bundle, people)
    w = h.window
    w.actions_.full_screen.trigger()
    w.actions_.agenda.trigger()  # F9: off (the preference), stays hidden
    assert not w.agenda.isVisible() and not w.actions_.agenda.isChecked()
    w.actions_.agenda.trigger()  # F9 again: asked for, shown even in full screen
    assert w.agenda.isVisible() and w.isFullScreen()
    w.actions_.full_screen.trigger()
    assert w.agenda.isVisible() and w.menuBar().isVisible()


def test_closing_in_full_screen_saves_the_normal_window(qtbot, make, bundle: Path, people: People) -> None:  # type: ignore[no-untyped-def]
    h = _reading(make, bundle, people)
    w = h.window
    w.actions_.full_screen.trigger()
    assert w.isFullScreen()
    w.close()
    geometry = h.services.settings.geometry
    assert geometry is not None
    other = QMainWindow()
    qtbot.addWidget(other)
    other.restoreGeometry(geometry)
    other.show()
    assert not other.isFullScreen()


def test_window_taken_out_of_full_screen_by_the_system(qtbot, make, bundle: Path, people: People) -> None:  # type: ignore[no-untyped-def]
    h = _reading(make, bundle, people)
    w = h.window
    before = _layout(w)
    w.actions_.full_screen.trigger()
    _only_the_document(w)
    w.showNormal()  # e.g. Windows+Down: not our key, same result
    qtbot.waitUntil(lambda: not w.actions_.full_screen.isChecked())
    assert not w.reading_mode and _layout(w) == before
